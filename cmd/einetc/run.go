package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	goruntime "runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/einetc/einetc/analysis"
	"github.com/einetc/einetc/check"
	"github.com/einetc/einetc/codegen"
	"github.com/einetc/einetc/internal/driver"
	"github.com/einetc/einetc/internal/runner"
	"github.com/einetc/einetc/ir"
)

// runOpts are the flags of `einetc run`.
type runOpts struct {
	duration, dt string
	seed         string
	out          string
	sets         multi
	threads      int
	quiet        bool
	cache        string
	dump         string
	stdMath      bool
	simd         bool
	noCheck      bool
	tables       bool
	f32          bool
	analyzeFrom  string
	gridSets     int // the last gridSets of sets are a sweep point's -grid values
}

type multi []string

func (m *multi) String() string     { return strings.Join(*m, " ") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

// runCmd implements `einetc run`: compile, build (cached), simulate, report.
func runCmd(args []string, stdout, stderr io.Writer) int {
	var o runOpts
	fs := newFlagSet("einetc run", stderr)
	o.register(fs)
	fs.StringVar(&o.out, "o", "", "output directory (default out/<model>)")
	fs.StringVar(&o.dump, "dump-network", "", "also write the realized network (connectivity pairs, initial states) as NPY files to this directory")
	if err := parseArgs(fs, args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: einetc run [flags] FILE.ein")
		return 2
	}
	r := &runJob{o: o, src: fs.Arg(0), stdout: stdout, stderr: stderr}
	if err := r.run(); err != nil {
		return failed(stderr, "run", r.src, err)
	}
	return 0
}

// register defines the flags that shape a simulation, shared by `einetc
// run` and `einetc sweep` (where they apply to every point).
func (o *runOpts) register(fs *flag.FlagSet) {
	fs.StringVar(&o.duration, "duration", "", "simulated time, e.g. 500ms or '2 s'; a number alone is in ms (default: the RUN block's)")
	fs.StringVar(&o.dt, "dt", "", "time step, e.g. 0.05ms; a number alone is in ms (default: the RUN block's)")
	fs.StringVar(&o.seed, "seed", "", "random seed, an integer 0 to 2^64-1 as in RUN (default: the RUN block's)")
	fs.Var(&o.sets, "set", "override a parameter with units, e.g. -set 'I.weight=80 nS' (repeatable)")
	fs.IntVar(&o.threads, "threads", 1, "worker goroutines for the step; spikes are bit-identical for any number")
	fs.BoolVar(&o.quiet, "q", false, "print only errors")
	fs.StringVar(&o.cache, "cache", "", "build cache directory (default: the user cache dir)")
	modeFlags(fs, &o.tables, &o.stdMath, &o.f32)
	fs.StringVar(&o.analyzeFrom, "analyze-from", "", "start of the analysis window, e.g. 100ms; a number alone is in ms (default: half the run, at most 200 ms, which skips the onset transient)")
	fs.BoolVar(&o.noCheck, "nocheck", false, "do not stop at the first NaN or infinite state (for benchmarks)")
	fs.BoolVar(&o.simd, "simd", true, "on amd64, build with GOEXPERIMENT=simd: AVX2 code, bit-identical results (false: portable build)")
}

// args returns the flags of `einetc run` that give o: each flag register
// defines whose value is not its default, in the flag set's order, and
// -set once per value. A sweep's point records it as the command that
// repeats the point alone.
func (o runOpts) args() []string {
	fs := flag.NewFlagSet("", flag.ContinueOnError)
	var t runOpts
	t.register(fs)
	t = o // the flags read t's fields: now o's values
	var out []string
	fs.VisitAll(func(f *flag.Flag) {
		v := f.Value.String()
		isBool := false
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok {
			isBool = b.IsBoolFlag()
		}
		switch {
		case f.Name == "set":
			for _, s := range t.sets {
				out = append(out, "-set", s)
			}
		case v == f.DefValue:
		case isBool && v == "true":
			out = append(out, "-"+f.Name)
		case isBool:
			out = append(out, "-"+f.Name+"="+v)
		default:
			out = append(out, "-"+f.Name, v)
		}
	})
	return out
}

// maxThreads bounds -threads: more workers than this only add overhead on
// any machine einetc targets, and a typo (-threads 100000) would start that
// many goroutines.
const maxThreads = 1024

// runJob carries one run through its stages.
type runJob struct {
	o              runOpts
	src            string
	stdout, stderr io.Writer
	mod            *ir.Module
	sized          *ir.Module // mod with the structure of the -set values (Module.Resized), for reports
	dt, duration   float64
	steps          int
	seed           uint64
	setArgs        []string
	outDir         string
	buildS         float64
	analyzeFrom    float64           // ms; the window ends with the run
	simd           bool              // the build is the SIMD one
	clock          *buildClock       // counts a build's seconds on a terminal
	sources        map[string][]byte // the model's files, by name
	model          *driver.Model     // set by load
	command        []string          // the command summary.json records (nil: os.Args)
	noFigures      bool              // a sweep's point: no plots, summary.json only
}

func (r *runJob) logf(format string, args ...any) {
	if !r.o.quiet {
		fmt.Fprintf(r.stderr, "einetc: "+format+"\n", args...)
	}
}

func (r *runJob) run() error {
	bin, err := r.build()
	if err != nil {
		return err
	}
	if err := r.prepareOut(); err != nil {
		return err
	}
	res, err := r.simulate(bin)
	if err != nil {
		return err
	}
	if err := r.report(res); err != nil {
		return err
	}
	if res.Error != "" {
		return fmt.Errorf("%s", res.Error) // outputs up to this step are written
	}
	return nil
}

// load compiles the model and checks the flags against it.
func (r *runJob) load() error {
	r.logf("compiling %s…", r.src)
	model, errs := driver.Load(r.src)
	if len(errs) > 0 {
		return errList{errs}
	}
	r.model, r.mod, r.sources = model, model.Module, model.Sources
	return r.settings()
}

// build compiles the model (unless load has), checks the flags and returns
// the simulation executable, built or taken from the cache.
func (r *runJob) build() (string, error) {
	start := time.Now()
	if r.model == nil {
		if err := r.load(); err != nil {
			return "", err
		}
	}
	mod := r.mod
	gen, err := r.model.Generate(driver.Options{Package: "model", Command: "einetc run", Tables: r.o.tables, StdMath: r.o.stdMath, F32: r.o.f32})
	if err != nil {
		return "", err
	}
	r.logf("compiled %s (%s)", r.src, since(start))
	cache, err := r.cacheDir()
	if err != nil {
		return "", err
	}
	files := map[string][]byte{}
	for _, f := range gen {
		files[f.Name] = f.Content
	}
	_, hasSIMD := files[codegen.SIMDFileName(mod.Source)] // models without exponentials have none
	simd := r.o.simd && goruntime.GOARCH == "amd64" && hasSIMD
	b, err := runner.Prepare(files, cache, version, simd, r.building(simd))
	r.clock.Stop()
	r.clock = nil
	if err != nil && simd {
		// GOEXPERIMENT=simd needs Go 1.26 or later: fall back to the
		// portable build, which gives the very same results.
		r.logf("SIMD build failed, building without SIMD: %v", strings.SplitN(err.Error(), "\n", 2)[0])
		b, err = runner.Prepare(files, cache, version, false, r.building(false))
		r.clock.Stop()
		r.clock = nil
	}
	if err != nil {
		return "", err
	}
	if b.Cached {
		r.logf("using cached build %s", b.Binary)
	} else {
		how := ""
		if b.SIMD {
			how = ", SIMD"
		}
		r.logf("built the simulation (%.1f s%s)", b.Duration.Seconds(), how)
	}
	r.buildS, r.simd = b.Duration.Seconds(), b.SIMD
	return b.Binary, nil
}

// building returns the message shown while go build compiles the
// simulation, which takes tens of seconds the first time.
func (r *runJob) building(simd bool) func() {
	return func() {
		how := ""
		if simd {
			how = " with SIMD"
		}
		r.logf("building the simulation%s (go build: up to half a minute the first time, cached afterwards)…", how)
		r.clock = startBuildClock(r.stderr, r.o.quiet)
	}
}

// settings applies -dt, -duration, -seed and checks every -set.
func (r *runJob) settings() error {
	m := r.mod
	r.dt, r.duration, r.seed = m.Dt, m.Duration, m.Seed
	var err error
	if r.o.dt != "" {
		if r.dt, err = parseQuantity(r.o.dt, "ms", "-dt"); err != nil {
			return err
		}
		if !(r.dt > 0) {
			return fmt.Errorf("-dt must be positive")
		}
		if r.o.duration == "" {
			r.duration = m.Duration
		}
	}
	if r.o.duration != "" {
		if r.duration, err = parseQuantity(r.o.duration, "ms", "-duration"); err != nil {
			return err
		}
		if !(r.duration > 0) {
			return fmt.Errorf("-duration must be positive")
		}
	}
	if r.o.seed != "" {
		if r.seed, err = strconv.ParseUint(r.o.seed, 10, 64); err != nil {
			return fmt.Errorf("-seed %s: want an integer from 0 to %d, as RUN's seed", r.o.seed, uint64(math.MaxUint64))
		}
	}
	if r.o.threads < 1 || r.o.threads > maxThreads {
		return fmt.Errorf("-threads %d: want 1 to %d", r.o.threads, maxThreads)
	}
	// -dt and -duration follow the RUN block's rule: a whole number of steps.
	if r.steps, err = check.Steps(r.duration, r.dt); err != nil {
		return fmt.Errorf("-dt/-duration: %v; give a -duration that is a multiple of dt", err)
	}
	if r.steps < 1 {
		return fmt.Errorf("-duration %g ms is shorter than one step of %g ms", r.duration, r.dt)
	}
	r.analyzeFrom = analysis.DefaultFrom(float64(r.steps) * r.dt)
	if r.o.analyzeFrom != "" {
		if r.analyzeFrom, err = parseQuantity(r.o.analyzeFrom, "ms", "-analyze-from"); err != nil {
			return err
		}
		if !(r.analyzeFrom >= 0 && r.analyzeFrom < float64(r.steps)*r.dt) {
			return fmt.Errorf("-analyze-from %s is not within the run (0 to %g ms)", r.o.analyzeFrom, float64(r.steps)*r.dt)
		}
	}
	values := map[*ir.Param]float64{}
	for i, s := range r.o.sets {
		flag := "-set"
		if i >= len(r.o.sets)-r.o.gridSets {
			flag = "" // the sweep's error names the -grid flag
		}
		p, v, err := checkSet(m, s, flag)
		if err != nil {
			return err
		}
		values[p] = v
		r.setArgs = append(r.setArgs, "-set", p.Name+"="+strconv.FormatFloat(v, 'g', -1, 64))
	}
	// The network's structure with the flags' values (-set n_exc=2400),
	// checked as the compiler checks the model's own; then the rules that
	// tie parameters to dt and the memory limit: a long -set delay, a
	// short -dt, a large -set population.
	sh, err := m.Shape(values)
	if err != nil {
		return r.withFlags(err)
	}
	r.sized = m.Resized(sh)
	if err := m.CheckTimeStep(r.dt, values); err != nil {
		return r.withFlags(err)
	}
	if err := r.sized.CheckMemory(r.dt, values); err != nil {
		return r.withFlags(err)
	}
	return nil
}

// withFlags says which flags an error of the model's rules comes from,
// when flags changed dt or parameters.
func (r *runJob) withFlags(err error) error {
	var flags []string
	if r.o.dt != "" {
		flags = append(flags, "-dt "+r.o.dt)
	}
	for i, s := range r.o.sets {
		if i >= len(r.o.sets)-r.o.gridSets {
			flags = append(flags, s) // a sweep point's value: the sweep names its -grid
		} else {
			flags = append(flags, "-set '"+s+"'")
		}
	}
	if len(flags) == 0 {
		return err
	}
	return fmt.Errorf("with %s: %v", strings.Join(flags, " "), err)
}

func (r *runJob) cacheDir() (string, error) {
	if r.o.cache != "" {
		return r.o.cache, nil
	}
	if d := os.Getenv("EINETC_CACHE"); d != "" {
		return d, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return filepath.Join(os.TempDir(), "einetc-cache"), nil
	}
	return filepath.Join(d, "einetc", "run"), nil
}

func (r *runJob) prepareOut() error {
	r.outDir = r.o.out
	if r.outDir == "" {
		r.outDir = filepath.Join("out", r.mod.Name)
	}
	if err := os.MkdirAll(r.outDir, 0o755); err != nil {
		return fmt.Errorf("cannot create output directory: %v", unwrapPath(err))
	}
	probe, err := os.CreateTemp(r.outDir, ".einetc-probe-*")
	if err != nil {
		return fmt.Errorf("output directory %s is not writable: %v", r.outDir, unwrapPath(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

func unwrapPath(err error) error { return driver.UnwrapPath(err) }

// simResult is what the simulation binary prints on stdout.
type simResult struct {
	Steps   int     `json:"steps"`
	Spikes  int     `json:"spikes"`
	WallS   float64 `json:"wall_s"`
	Partial bool    `json:"partial"`
	Error   string  `json:"error"`
	PeakRSS int64   `json:"peak_rss_kib"`
}

// simulate runs the binary, showing progress, and returns its result. An
// interrupt (Ctrl-C) reaches the simulation, which stops at the next step
// boundary and writes what it has; einetc then reports a partial run.
func (r *runJob) simulate(bin string) (*simResult, error) {
	every := max(1, r.steps/200)
	args := append([]string{"-steps", strconv.Itoa(r.steps), "-dt", strconv.FormatFloat(r.dt, 'g', -1, 64),
		"-seed", strconv.FormatUint(r.seed, 10), "-out", r.outDir, "-data", filepath.Dir(r.src),
		"-progress", strconv.Itoa(every)}, r.setArgs...)
	if r.o.dump != "" {
		args = append(args, "-dump-network", r.o.dump)
	}
	if r.o.noCheck {
		args = append(args, "-nocheck")
	}
	args = append(args, "-threads", strconv.Itoa(r.o.threads))
	cmd := exec.Command(bin, args...)
	var out bytes.Buffer
	cmd.Stdout = &out
	errPipe, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	r.logf("simulating %s: %d steps of %g ms (%g ms), seed %d", r.mod.Name, r.steps, r.dt, r.duration, r.seed)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	// Pass Ctrl-C or a SIGTERM on to the simulation, which stops at the next
	// step boundary and writes what it has (a terminal's Ctrl-C reaches both
	// processes anyway; a kill aimed at einetc alone must too).
	stopFwd := make(chan struct{})
	defer close(stopFwd)
	go func() {
		for {
			select {
			case s := <-sig:
				cmd.Process.Signal(s)
			case <-stopFwd:
				return
			}
		}
	}()
	bar := newProgress(r.stderr, r.steps, r.dt, r.o.quiet)
	var simErr strings.Builder
	sc := bufio.NewScanner(errPipe)
	for sc.Scan() {
		line := sc.Text()
		if n, ok := strings.CutPrefix(line, "progress "); ok {
			k, _ := strconv.Atoi(n)
			bar.set(k)
			continue
		}
		simErr.WriteString(strings.TrimPrefix(line, "sim: ") + "\n")
	}
	werr := cmd.Wait()
	bar.finish()
	if werr != nil {
		msg := strings.TrimSpace(simErr.String())
		if msg == "" {
			msg = werr.Error()
		}
		return nil, fmt.Errorf("%s", msg)
	}
	var res simResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		return nil, fmt.Errorf("internal error: unreadable result from the simulation: %q", out.String())
	}
	return &res, nil
}

func since(t time.Time) string {
	d := time.Since(t)
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

type errList struct{ errs diagList }

func (e errList) Error() string { return e.errs.Error() }
