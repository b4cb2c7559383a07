// Command bench measures einetc against Brian2's C++ standalone mode on the
// COBAHH benchmark network at several sizes, and prints a table: simulator,
// mode, threads, N, ns per neuron-step, speed relative to Brian2 on one
// thread at the same N, peak RSS, build times and the mean firing rate.
//
// Run it from the module root:
//
//	go run ./bench                 # N = 4000 and 40000, a few minutes
//	go run ./bench -large          # also N = 400000
//	go run ./bench -quick          # fewer steps, one repetition, cached Brian2 builds
//
// Modes (-modes): default (runtime exponentials), stdmath (package math,
// the reference), tables (einetc compile -tables), f32 (einetc compile
// -f32), and simd, simdtables and simdf32, the same packages built and run
// with GOEXPERIMENT=simd (AVX2, results bit-identical to the portable
// builds).
//
// For each size it writes models/<name>.ein (examples/cobahh/net.ein
// scaled, see scaledModel) to a Go module outside the source tree (-gen-dir;
// by default in the user cache, one per checkout, module
// github.com/einetc/einetc/bench/gen using this checkout through a replace
// directive), compiles it there with the driver of einetc compile into the
// package <name> together with a bench_test.go and a runner, then:
//
//   - times einetc compile (in process) and a go build of the model package and its
//     runner (the standard library and the einetc runtime already cached);
//   - in each of -count rounds, runs go test -bench BenchmarkStep
//     -benchtime <steps>x on the package (workers 1 and 2), then
//     bench/brian2_cobahh.py for 1 and 2 threads, which times Brian2's own
//     Network::run over the same simulated interval; the table shows the
//     medians;
//   - runs the runner once per worker count under /usr/bin/time for the
//     peak RSS.
//
// Then, unless -coba=false, it measures examples/coba as it is (the COBA
// LIF benchmark, 4000 neurons) in every mode, against Brian2's COBA LIF
// (bench/brian2_cobahh.py -model coba), in rows of its own whose speed-ups
// are against that; and unless -einet=false, examples/einet, which has no
// Brian2 counterpart.
//
// Unless -docs=false, it writes the table between the markers of
// docs/performance.md and the plot docs/performance-scaling.png.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// config holds the command line.
type config struct {
	sizes         []int
	steps, count  int
	modes         []mode
	brian2        bool
	brianThreads  []int
	python, cache string
	genDir        string // the module the generated packages go to
	docs, genOnly bool
	einet         bool // also measure examples/einet
	coba          bool // also measure examples/coba against Brian2's COBA LIF
	args          []string
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	cfg, err := parseFlags()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		flag.Usage()
		os.Exit(2)
	}
	if err := chdirRoot(); err != nil {
		log.Fatal(err)
	}
	res, err := runAll(cfg)
	if err != nil {
		log.Fatal(err)
	}
	if cfg.genOnly {
		return
	}
	printTable(os.Stdout, res)
	if cfg.docs {
		if err := writeDocs(res); err != nil {
			log.Fatal(err)
		}
		fmt.Fprintln(os.Stderr, "wrote", perfDoc, "and", perfPlot)
	}
}

func parseFlags() (*config, error) {
	sizes := flag.String("n", "4000,40000", "comma-separated network sizes of the COBAHH benchmark (empty: none, for the other rows alone)")
	large := flag.Bool("large", false, "also run N = 400000 (once per measurement; 15 to 30 minutes more)")
	quick := flag.Bool("quick", false, "200 steps, one repetition, Brian2 builds cached in the user cache directory")
	steps := flag.Int("steps", 0, "steps of 0.1 ms to time (default 1000, 200 with -quick)")
	count := flag.Int("count", 0, "repetitions of each measurement, median reported (default 3, 1 with -quick)")
	modeList := flag.String("modes", "default,stdmath,tables,simd,simdavx2,simdtables,f32,simdf32", "einetc modes: "+modeNames())
	brian2 := flag.Bool("brian2", true, "run Brian2")
	threads := flag.String("brian2-threads", "1,2", "Brian2 thread counts (1: no OpenMP)")
	python := flag.String("python", "/usr/bin/python3", "the Python that has Brian2")
	cache := flag.String("brian2-cache", "", "keep and reuse Brian2 builds in this directory (default: fresh builds; the user cache with -quick)")
	docs := flag.Bool("docs", true, "write docs/performance.md and docs/performance-scaling.png")
	einet := flag.Bool("einet", true, "also measure examples/einet (braincell's E–I network, 4000 neurons; no Brian2 counterpart)")
	coba := flag.Bool("coba", true, "also measure examples/coba (the COBA LIF benchmark, 4000 neurons) against Brian2's COBA LIF")
	genOnly := flag.Bool("gen", false, "only write and compile the models and their packages, measure nothing")
	genDir := flag.String("gen-dir", "", "write the generated models and packages to this directory (default: the user cache, one per checkout)")
	flag.Parse()
	cfg := &config{steps: *steps, count: *count, brian2: *brian2, python: *python, cache: *cache, genDir: *genDir,
		docs: *docs && !*genOnly, genOnly: *genOnly, einet: *einet, coba: *coba, args: os.Args[1:]}
	var err error
	if strings.TrimSpace(*sizes) != "" {
		if cfg.sizes, err = intList(*sizes); err != nil {
			return nil, fmt.Errorf("-n: %w", err)
		}
	}
	if *large && !slices.Contains(cfg.sizes, 400000) {
		cfg.sizes = append(cfg.sizes, 400000)
	}
	for name := range strings.SplitSeq(*modeList, ",") {
		md, ok := findMode(strings.TrimSpace(name))
		if !ok {
			return nil, fmt.Errorf("-modes: unknown mode %q (known: %s)", name, modeNames())
		}
		cfg.modes = append(cfg.modes, md)
	}
	if cfg.brianThreads, err = intList(*threads); err != nil {
		return nil, fmt.Errorf("-brian2-threads: %w", err)
	}
	defaults(cfg, *quick)
	return cfg, nil
}

// bigN is the size from which each measurement is made once: a run there
// takes a minute, long enough to average itself.
const bigN = 100000

// countAt returns the repetitions of the measurements at n neurons.
func (cfg *config) countAt(n int) int {
	if n >= bigN {
		return 1
	}
	return cfg.count
}

// defaults fills in the settings that depend on -quick.
func defaults(cfg *config, quick bool) {
	if cfg.steps <= 0 {
		cfg.steps = 1000
		if quick {
			cfg.steps = 200
		}
	}
	if cfg.count <= 0 {
		cfg.count = 3
		if quick {
			cfg.count = 1
		}
	}
	if quick && cfg.cache == "" {
		if dir, err := os.UserCacheDir(); err == nil {
			cfg.cache = filepath.Join(dir, "einetc-bench", "brian2")
		}
	}
}

func intList(s string) ([]int, error) {
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("bad number %q", f)
		}
		out = append(out, n)
	}
	return out, nil
}

func modeNames() string {
	var names []string
	for _, m := range modes {
		names = append(names, m.Name)
	}
	return strings.Join(names, ", ")
}

// chdirRoot moves to the root of the einetc module, where the paths of the
// benchmark are relative to.
func chdirRoot() error {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return fmt.Errorf("run from inside the einetc module")
	}
	return os.Chdir(filepath.Dir(mod))
}

// runAll measures every size and returns the results.
func runAll(cfg *config) (*results, error) {
	tmp, err := os.MkdirTemp("", "einetc-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	res := newResults(cfg)
	root, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	if cfg.genDir == "" {
		if cfg.genDir, err = defaultGenDir(root); err != nil {
			return nil, err
		}
	}
	if cfg.genDir, err = filepath.Abs(cfg.genDir); err != nil {
		return nil, err
	}
	if err := genModule(cfg.genDir, root); err != nil {
		return nil, err
	}
	fmt.Fprintln(os.Stderr, "generated packages in", cfg.genDir)
	for _, n := range cfg.sizes {
		if err := measureSize(cfg, res, tmp, n); err != nil {
			return nil, err
		}
	}
	if cfg.einet {
		if err := measureEINet(cfg, res, tmp); err != nil {
			return nil, err
		}
	}
	if cfg.coba {
		if err := measureCOBA(cfg, res, tmp); err != nil {
			return nil, err
		}
	}
	res.finish()
	return res, nil
}

// measureSize adds the rows of network size n to res. The repetitions are
// interleaved, einetc then Brian2 in each round, so that on a shared
// machine both see the same conditions.
func measureSize(cfg *config, res *results, tmp string, n int) error {
	fmt.Fprintf(os.Stderr, "== N = %d\n", n)
	var models []*model
	for _, md := range cfg.modes {
		m, err := prepare(cfg.genDir, tmp, n, md)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s: einetc compile %.2f s, go build %.2f s\n", m.Name, m.Codegen, m.Compile)
		models = append(models, m)
	}
	if cfg.genOnly {
		return nil
	}
	gbs := make([]map[int]*goBench, len(models))
	b2 := make([]*brian2Result, len(cfg.brianThreads))
	for round := range cfg.countAt(n) {
		for i, m := range models {
			if err := roundEinetc(m, cfg.steps, &gbs[i]); err != nil {
				return err
			}
		}
		if cfg.brian2 {
			roundBrian2(cfg, res, tmp, "cobahh", n, round, b2)
		}
	}
	for i, m := range models {
		for _, w := range sortedKeys(gbs[i]) {
			r, err := runRunner(m, tmp, cfg.steps, w)
			if err != nil {
				return err
			}
			res.addEinetc(m, gbs[i][w], r)
		}
	}
	for _, b := range b2 {
		if b != nil {
			res.addBrian2(b)
		}
	}
	return nil
}

// measureEINet adds the rows of examples/einet in every mode, measured as
// the COBAHH sizes are (cfg.count rounds, medians), without Brian2.
func measureEINet(cfg *config, res *results, tmp string) error {
	fmt.Fprintln(os.Stderr, "== examples/einet")
	var models []*model
	for _, md := range cfg.modes {
		m, err := prepareEINet(cfg.genDir, tmp, md)
		if err != nil {
			return err
		}
		models = append(models, m)
	}
	if cfg.genOnly {
		return nil
	}
	gbs := make([]map[int]*goBench, len(models))
	for range cfg.count {
		for i, m := range models {
			if err := roundEinetc(m, cfg.steps, &gbs[i]); err != nil {
				return err
			}
		}
	}
	for i, m := range models {
		for _, w := range sortedKeys(gbs[i]) {
			r, err := runRunner(m, tmp, cfg.steps, w)
			if err != nil {
				return err
			}
			res.addEinetc(m, gbs[i][w], r)
		}
	}
	return nil
}

// measureCOBA adds the rows of examples/coba in every mode and of Brian2's
// COBA LIF on each thread count, measured as the COBAHH sizes are
// (cfg.count interleaved rounds, medians); their speed-ups are against
// Brian2's COBA LIF on one thread.
func measureCOBA(cfg *config, res *results, tmp string) error {
	fmt.Fprintln(os.Stderr, "== examples/coba (COBA LIF)")
	var models []*model
	for _, md := range cfg.modes {
		m, err := prepareCOBA(cfg.genDir, tmp, md)
		if err != nil {
			return err
		}
		models = append(models, m)
	}
	if cfg.genOnly {
		return nil
	}
	gbs := make([]map[int]*goBench, len(models))
	b2 := make([]*brian2Result, len(cfg.brianThreads))
	for round := range cfg.count {
		for i, m := range models {
			if err := roundEinetc(m, cfg.steps, &gbs[i]); err != nil {
				return err
			}
		}
		if cfg.brian2 {
			roundBrian2(cfg, res, tmp, "coba", 4000, round, b2)
		}
	}
	for i, m := range models {
		for _, w := range sortedKeys(gbs[i]) {
			r, err := runRunner(m, tmp, cfg.steps, w)
			if err != nil {
				return err
			}
			res.addEinetc(m, gbs[i][w], r)
		}
	}
	for _, b := range b2 {
		if b != nil {
			res.addBrian2(b)
		}
	}
	return nil
}

// roundEinetc runs BenchmarkStep of m once and adds the results to *acc.
func roundEinetc(m *model, steps int, acc *map[int]*goBench) error {
	gb, err := runGoBench(m, steps, 1)
	if err != nil {
		return err
	}
	if *acc == nil {
		*acc = gb
		return nil
	}
	for w, g := range gb {
		a := (*acc)[w]
		if a == nil {
			(*acc)[w] = g
			continue
		}
		a.NsPerStep = append(a.NsPerStep, g.NsPerStep...)
		a.CPUPerStep = append(a.CPUPerStep, g.CPUPerStep...)
		a.AllocsPerOp = max(a.AllocsPerOp, g.AllocsPerOp)
	}
	return nil
}

// roundBrian2 runs Brian2 once per thread count and adds the results to
// acc. Round 0 builds in a fresh directory (or the -brian2-cache one) and
// its build times are kept; later rounds reuse the build. Brian2 is
// optional: a failure is noted and its rows are left out.
func roundBrian2(cfg *config, res *results, tmp, network string, n, round int, acc []*brian2Result) {
	for i, t := range cfg.brianThreads {
		if round > 0 && acc[i] == nil {
			continue // failed in round 0
		}
		root := cfg.cache
		if root == "" {
			root = filepath.Join(tmp, "brian2")
		}
		dir := filepath.Join(root, fmt.Sprintf("%s-%d-t%d", network, n, t))
		b, err := runBrian2(cfg.python, dir, network, n, cfg.steps, t)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			res.notes = append(res.notes, err.Error())
			acc[i] = nil
			continue
		}
		if acc[i] == nil {
			acc[i] = b
			continue
		}
		a := acc[i]
		a.RunSecondsAll = append(a.RunSecondsAll, b.RunSecondsAll...)
		a.PeakRSSMiB = max(a.PeakRSSMiB, b.PeakRSSMiB)
		a.NsPerNeuronStep = median(nsPerStep(a))
	}
}
