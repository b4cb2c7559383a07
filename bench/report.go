package main

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// row is one line of the table. Times are ns per neuron-step, 0 where not
// measured.
type row struct {
	Simulator, Mode  string
	Threads, N       int
	CPU, Wall        float64   // medians: CPU time of the process, wall-clock time
	CPURuns          []float64 // each repetition
	WallRuns         []float64
	Speedup          float64 // Brian2's 1-thread time / this row's time at the same N; 0 if unknown
	RSSMiB           float64
	Codegen, Compile float64 // seconds
	Cached           bool    // Brian2's build was reused, so its times are not build times
	RateHz           float64
}

// time is the row's time per neuron-step as compared in the table: CPU
// time on one thread, as Brian2 measures its runs without OpenMP, and
// wall-clock time on more, as Brian2 measures its OpenMP runs.
func (x row) time() (ns float64, runs []float64) {
	if x.Threads == 1 {
		return x.CPU, x.CPURuns
	}
	return x.Wall, x.WallRuns
}

// results is everything one run of the command measured.
type results struct {
	rows  []row
	notes []string
	info  runInfo
}

// runInfo describes the machine and the run.
type runInfo struct {
	Date, Command, CPU, Go, GCC, Brian2 string
	NProc, Steps, Count                 int
	LoadStart, LoadEnd                  string
}

func newResults(cfg *config) *results {
	return &results{info: runInfo{
		Date:      time.Now().UTC().Format("2006-01-02 15:04 MST"),
		Command:   strings.TrimSpace("go run ./bench " + strings.Join(cfg.args, " ")),
		CPU:       cpuModel(),
		Go:        runtime.Version(),
		GCC:       firstLine("g++", "--version"),
		NProc:     runtime.NumCPU(),
		Steps:     cfg.steps,
		Count:     cfg.count,
		LoadStart: loadAvg(),
	}}
}

func (r *results) addEinetc(m *model, g *goBench, run *runnerResult) {
	r.rows = append(r.rows, row{
		Simulator: m.Sim, Mode: m.Mode.Label, Threads: g.Workers, N: m.N,
		CPU: median(g.CPUPerStep), CPURuns: g.CPUPerStep,
		Wall: median(g.NsPerStep), WallRuns: g.NsPerStep,
		RSSMiB:  float64(run.MaxRSSKiB) / 1024,
		Codegen: m.Codegen, Compile: m.Compile, RateHz: g.RateHz,
	})
	if g.AllocsPerOp != 0 {
		r.notes = append(r.notes, fmt.Sprintf("einetc %s workers=%d: %.0f allocs per step", m.Name, g.Workers, g.AllocsPerOp))
	}
}

func (r *results) addBrian2(b *brian2Result) {
	r.info.Brian2 = b.Version
	runs := nsPerStep(b)
	sim := "Brian2"
	if b.Model == "coba" {
		sim = cobaBrian2Sim
	}
	x := row{
		Simulator: sim, Mode: "C++ standalone", Threads: b.Threads, N: b.N,
		RSSMiB:  b.PeakRSSMiB,
		Codegen: b.CodegenSeconds, Compile: b.CompileSeconds, Cached: b.Cached, RateHz: b.RateHz,
	}
	// Brian2 times a run with std::clock() (process CPU time) without
	// OpenMP, and with omp_get_wtime() (wall clock) with it.
	if b.Threads == 1 {
		x.CPU, x.CPURuns = b.NsPerNeuronStep, runs
	} else {
		x.Wall, x.WallRuns = b.NsPerNeuronStep, runs
	}
	r.rows = append(r.rows, x)
}

// finish sorts the rows and computes the speed-ups.
func (r *results) finish() {
	r.info.LoadEnd = loadAvg()
	slices.SortStableFunc(r.rows, func(a, b row) int {
		return cmp.Or(cmp.Compare(a.N, b.N), cmp.Compare(b.Simulator, a.Simulator)) // einetc first; modes, threads as run
	})
	// The reference of a row is Brian2 on one thread, on the same network
	// (COBAHH, or the COBA LIF) at the same N; einet has none.
	type key struct {
		coba bool
		n    int
	}
	base := map[key]float64{}
	for _, x := range r.rows {
		if (x.Simulator == "Brian2" || x.Simulator == cobaBrian2Sim) && x.Threads == 1 {
			base[key{x.Simulator == cobaBrian2Sim, x.N}] = x.CPU
		}
	}
	for i := range r.rows {
		x := &r.rows[i]
		if x.Simulator == einetSim {
			continue // another model than Brian2's
		}
		k := key{x.Simulator == cobaSim || x.Simulator == cobaBrian2Sim, x.N}
		if ns, _ := x.time(); base[k] > 0 && ns > 0 {
			x.Speedup = base[k] / ns
		}
	}
}

// printTable writes the table for a terminal.
func printTable(w io.Writer, r *results) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "simulator\tmode\tthreads\tN\tns/neuron-step\t× Brian2 1T\tCPU ns\twall ns\tpeak RSS MiB\tcodegen s\tcompile s\trate Hz\t")
	for _, x := range r.rows {
		ns, _ := x.time()
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%.1f\t%s\t%s\t%s\t%.1f\t%s\t%s\t%.1f\t\n", x.Simulator, x.Mode, x.Threads, x.N,
			ns, speedup(x), orDash(x.CPU), orDash(x.Wall), x.RSSMiB, buildTime(x, x.Codegen), buildTime(x, x.Compile), x.RateHz)
	}
	tw.Flush()
	for _, n := range r.notes {
		fmt.Fprintln(w, "note:", n)
	}
}

func speedup(x row) string {
	if x.Speedup == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", x.Speedup)
}

func buildTime(x row, s float64) string {
	if x.Cached {
		return "cached"
	}
	return fmt.Sprintf("%.2f", s)
}

// markdown renders the generated part of docs/performance.md.
func markdown(r *results) string {
	var b bytes.Buffer
	i := r.info
	fmt.Fprintf(&b, "Measured %s with `%s`: %d steps of 0.1 ms (%g ms simulated) per measurement, ", i.Date, i.Command, i.Steps, float64(i.Steps)*0.1)
	fmt.Fprintf(&b, "median of %d (one run from N = %d); %s, %d CPUs; %s; Brian2 %s with %s. ", i.Count, bigN, i.CPU, i.NProc, i.Go, textOrDash(i.Brian2), textOrDash(i.GCC))
	fmt.Fprintf(&b, "Load average (1, 5, 15 min) %s at the start, %s at the end.\n\n", i.LoadStart, i.LoadEnd)
	b.WriteString("| simulator | mode | threads | N | ns / neuron-step (median; min–max) | speed vs Brian2 1 thread | CPU ns | wall ns | peak RSS (MiB) | codegen (s) | compile (s) | rate (Hz) |\n")
	b.WriteString("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, x := range r.rows {
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %s | %s | %s | %s | %.0f | %s | %s | %.1f |\n", x.Simulator, x.Mode, x.Threads, x.N,
			nsCell(x), speedup(x), orDash(x.CPU), orDash(x.Wall), x.RSSMiB, buildTime(x, x.Codegen), buildTime(x, x.Compile), x.RateHz)
	}
	for _, n := range r.notes {
		fmt.Fprintf(&b, "\nNote: %s\n", n)
	}
	return b.String()
}

func nsCell(x row) string {
	ns, runs := x.time()
	if len(runs) < 2 {
		return fmt.Sprintf("%.1f", ns)
	}
	return fmt.Sprintf("%.1f (%.1f–%.1f)", ns, slices.Min(runs), slices.Max(runs))
}

// orDash formats a time, or "–" for one not measured.
func orDash(ns float64) string {
	if ns == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f", ns)
}

func textOrDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// cpuModel returns the first "model name" of /proc/cpuinfo.
func cpuModel() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for line := range strings.SplitSeq(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

// loadAvg returns the three load averages of /proc/loadavg.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "–"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "–"
	}
	return strings.Join(f[:3], ", ")
}

// firstLine returns the first line of a command's output, or "".
func firstLine(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return ""
	}
	line, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(line)
}

func sortedKeys[V any](m map[int]V) []int {
	return slices.Sorted(maps.Keys(m))
}
