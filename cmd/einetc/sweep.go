package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	goruntime "runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/einetc/einetc/internal/sweep"
)

// sweepOpts are the flags of `einetc sweep`: every run flag (applied to
// every point) and the sweep's own.
type sweepOpts struct {
	run      runOpts
	grids    multi
	out      string
	jobs     int
	yes      bool
	spikes   bool
	gather   string
	given    []string // the run flags given, as -name=value, in order
	threadsG bool     // -threads was given
	slurm    slurmOpts
}

// sweepOnly are the flags of sweep that are not run flags.
var sweepOnly = map[string]bool{"grid": true, "o": true, "j": true, "yes": true, "spikes": true, "gather": true, "q": true, "cache": true,
	"slurm": true, "slurm-args": true, "per-task": true, "no-wait": true, "task": true, "batch": true}

// sweepCmd implements `einetc sweep`: one build, many runs.
func sweepCmd(args []string, stdout, stderr io.Writer) int {
	var o sweepOpts
	fs := newFlagSet("einetc sweep", stderr)
	o.run.register(fs)
	fs.Var(&o.grids, "grid", "NAME=VALUES [UNIT]: a list 20,40,67 nS, a range 20..150/14 nS or 1..100/3 log nS, integers 1..8; 'a=…; b=…' zips; several -grid cross (repeatable)")
	fs.StringVar(&o.out, "o", "", "sweep directory (default out/<model>-sweep)")
	fs.IntVar(&o.jobs, "j", goruntime.NumCPU(), "points run at once (each with cores/j threads unless -threads)")
	fs.BoolVar(&o.yes, "yes", false, fmt.Sprintf("run a grid of more than %d points", sweep.MaxPoints))
	fs.BoolVar(&o.spikes, "spikes", false, "keep each point's spikes.csv (and traces.csv)")
	fs.StringVar(&o.gather, "gather", "", "rebuild DIR/sweep.csv and the figures from DIR's points (after a Slurm sweep)")
	o.slurm.register(fs)
	if err := parseArgs(fs, args); err != nil {
		return 2
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "threads" {
			o.threadsG = true
		}
		switch {
		case f.Name == "set": // one flag per -set, in order
			for _, v := range o.run.sets {
				o.given = append(o.given, "-set="+v)
			}
		case !sweepOnly[f.Name]:
			o.given = append(o.given, "-"+f.Name+"="+f.Value.String())
		}
	})
	var err error
	switch {
	case o.slurm.task >= 0 && o.slurm.batch != "" && fs.NArg() == 1:
		err = taskCmd(o, fs.Arg(0), stdout, stderr)
	case o.gather != "" && fs.NArg() == 0:
		err = gatherCmd(o.gather, o.run.quiet, stdout, stderr)
	case o.gather == "" && fs.NArg() == 1 && len(o.grids) > 0:
		s := &sweepJob{o: o, src: fs.Arg(0), stdout: stdout, stderr: stderr}
		err = s.run()
	default:
		fmt.Fprintln(stderr, "usage: einetc sweep -grid 'NAME=VALUES [UNIT]' [-grid ...] [-o DIR] [-j N] [-slurm [-slurm-args ARGS] [-per-task K] [-no-wait]] [run flags] FILE.ein\n       einetc sweep -gather DIR")
		return 2
	}
	if err != nil {
		return failed(stderr, "sweep", fs.Arg(0), err)
	}
	return 0
}

// prepare builds the simulation, once for every point, and writes the
// sweep's manifest.
func (s *sweepJob) prepare() error {
	bin, err := s.base.build()
	if err != nil {
		return err
	}
	s.bin = bin
	return s.writeManifest()
}

// sweepJob carries a sweep through its stages.
type sweepJob struct {
	o              sweepOpts
	src            string
	stdout, stderr io.Writer
	base           *runJob // the flags common to every point, and the model
	grid           sweep.Grid
	dir            string
	bin            string
	threads        int
}

func (s *sweepJob) logf(format string, args ...any) {
	if !s.o.run.quiet {
		fmt.Fprintf(s.stderr, "einetc: "+format+"\n", args...)
	}
}

func (s *sweepJob) run() error {
	if err := s.check(); err != nil {
		return err
	}
	if s.o.slurm.on {
		return s.slurm()
	}
	if err := s.prepare(); err != nil {
		return err
	}
	todo := sweep.Todo(s.dir, s.grid)
	n := s.grid.Size()
	s.logf("%d points, %d to run (%d done earlier), %d at a time with %d thread(s) each, in %s", n, len(todo), n-len(todo), min(s.o.jobs, max(1, len(todo))), s.threads, s.dir)
	stopped := s.runLocal(todo)
	ok, failed, err := gather(s.dir, s.o.run.quiet, s.stderr)
	if err != nil {
		return err
	}
	s.logf("%d of %d points ok, %d failed: %s", ok, n, failed, filepath.Join(s.dir, "sweep.csv"))
	if stopped {
		return fmt.Errorf("interrupted: %d of %d points ok; run the same command again to run the other %d", ok, n, n-ok)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d points failed (their errors are in %s); run the same command again to retry them", failed, n, filepath.Join(s.dir, "sweep.csv"))
	}
	return nil
}

// check refuses bad input before anything runs: the grid's syntax and
// size, every value (by the checks `einetc run` applies to -set, -seed and
// -duration), the model and the flags, the directory.
func (s *sweepJob) check() error {
	for _, g := range s.o.grids {
		d, err := sweep.ParseDim(g)
		if err != nil {
			return err
		}
		s.grid = append(s.grid, d)
	}
	seen := map[string]bool{}
	for _, a := range s.grid.Axes() {
		if seen[a.Name] {
			return fmt.Errorf("-grid: %s is swept twice", a.Name)
		}
		seen[a.Name] = true
	}
	if n := s.grid.Size(); n > sweep.MaxPoints && !s.o.yes {
		return fmt.Errorf("the grid has %s points, more than %d: give -yes to run them", countText(n), sweep.MaxPoints)
	}
	if s.o.jobs < 1 || s.o.jobs > maxThreads {
		return fmt.Errorf("-j %d: want 1 to %d", s.o.jobs, maxThreads)
	}
	s.threads = s.o.run.threads
	if !s.o.threadsG {
		s.threads = max(1, goruntime.NumCPU()/s.o.jobs)
	}
	s.base = &runJob{o: s.o.run, src: s.src, stdout: s.stdout, stderr: s.stderr}
	if err := s.base.load(); err != nil {
		return err
	}
	for _, a := range s.grid.Axes() {
		for i := range a.Values {
			r := s.pointOpts(map[string]string{a.Name: a.Text(i)})
			if err := r.settings(); err != nil {
				return fmt.Errorf("-grid %q: %v", a.Given, err)
			}
		}
	}
	s.dir = s.o.out
	if s.dir == "" {
		s.dir = filepath.Join("out", s.base.mod.Name+"-sweep")
	}
	if err := writableDir(s.dir); err != nil {
		return err
	}
	return sweep.Check(s.dir, s.identity())
}

func countText(n int) string {
	if n == math.MaxInt {
		return "more than 2^63"
	}
	return fmt.Sprint(n)
}

// writableDir creates dir and checks that files can be created in it.
func writableDir(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, "points"), 0o755); err != nil {
		return fmt.Errorf("cannot create the sweep directory: %v", unwrapPath(err))
	}
	probe, err := os.CreateTemp(dir, ".einetc-probe-*")
	if err != nil {
		return fmt.Errorf("sweep directory %s is not writable: %v", dir, unwrapPath(err))
	}
	probe.Close()
	return os.Remove(probe.Name())
}

func (s *sweepJob) identity() sweep.Identity {
	hash := modelHash(s.src, s.base.sources)
	flags := slices.Clone(s.o.given)
	flags = slices.DeleteFunc(flags, func(f string) bool { return strings.HasPrefix(f, "-threads=") })
	return sweep.Identity{Model: s.base.mod.Name, SourceSHA256: hash, Grid: s.grid, Flags: flags}
}

// modelHash is the SHA-256 of the model's files by their names relative to
// the model's directory: the same model given by another path (from another
// working directory) hashes the same.
func modelHash(src string, files map[string][]byte) string {
	rel := map[string][]byte{}
	for name, b := range files {
		if r, err := filepath.Rel(filepath.Dir(src), name); err == nil && !strings.HasPrefix(name, "std/") {
			name = filepath.ToSlash(r)
		}
		rel[name] = b
	}
	_, hash := sources(rel)
	return hash
}

func (s *sweepJob) writeManifest() error {
	m := sweep.Manifest{Identity: s.identity(), Source: s.src, Command: os.Args, Points: s.grid.Size(), Einetc: version, Spikes: s.o.spikes}
	return sweep.WriteJSON(filepath.Join(s.dir, sweep.ManifestName), m)
}

// pointOpts is the run of the base flags with values (name → text) set:
// seed, duration and dt as -seed, -duration and -dt, parameters as -set.
func (s *sweepJob) pointOpts(values map[string]string) *runJob {
	o := s.base.o
	o.sets = slices.Clone(o.sets)
	for _, a := range s.grid.Axes() { // the grid's order
		if v, ok := values[a.Name]; ok {
			switch a.Name {
			case "seed":
				o.seed = v
			case "duration":
				o.duration = v
			case "dt":
				o.dt = v
			default:
				o.sets = append(o.sets, a.Name+"="+v)
				o.gridSets++
			}
		}
	}
	o.quiet, o.threads = true, s.threads
	return &runJob{o: o, src: s.src, stdout: io.Discard, stderr: io.Discard, mod: s.base.mod, sources: s.base.sources,
		noFigures: true, buildS: s.base.buildS, simd: s.base.simd}
}

// point is the runJob of point p, writing to its directory, and the
// `einetc run` command that repeats it alone.
func (s *sweepJob) point(p sweep.Point) *runJob {
	vals := map[string]string{}
	texts := s.grid.Values(p)
	for i, a := range s.grid.Axes() {
		vals[a.Name] = texts[i]
	}
	r := s.pointOpts(vals)
	r.o.out = sweep.PointDir(s.dir, p.ID)
	cmd := append([]string{"einetc", "run"}, r.o.args()...)
	r.command = append(cmd, "-o", r.o.out, s.src)
	return r
}

// runPoint runs point p with the sweep's binary and records how it ended.
// Its summary.json and point.json are written atomically, point.json last:
// a point without one is redone by the next run of the sweep.
func (s *sweepJob) runPoint(p sweep.Point) sweep.Record {
	start := time.Now()
	dir := sweep.PointDir(s.dir, p.ID)
	os.Remove(filepath.Join(dir, sweep.PointName))
	rec := sweep.Record{ID: p.ID, Values: s.grid.Values(p), Status: sweep.OK, Time: start.UTC()}
	rec.Host, _ = os.Hostname()
	err := s.simulatePoint(s.point(p), &rec)
	if err != nil {
		rec.Status, rec.Error = sweep.Failed, err.Error()
	}
	if !s.o.spikes {
		os.Remove(filepath.Join(dir, "spikes.csv"))
		os.Remove(filepath.Join(dir, "traces.csv"))
	}
	rec.WallS = time.Since(start).Seconds()
	if err := sweep.WriteJSON(filepath.Join(dir, sweep.PointName), rec); err != nil {
		rec.Status, rec.Error = sweep.Failed, err.Error()
	}
	return rec
}

func (s *sweepJob) simulatePoint(r *runJob, rec *sweep.Record) error {
	if err := r.settings(); err != nil {
		return err
	}
	if err := r.prepareOut(); err != nil {
		return err
	}
	res, err := r.simulate(s.bin)
	if err != nil {
		return err
	}
	if err := r.report(res); err != nil {
		return err
	}
	switch {
	case res.Error != "":
		rec.Status, rec.Error = sweep.Failed, res.Error
	case res.Partial:
		rec.Status, rec.Error = sweep.Interrupted, fmt.Sprintf("interrupted after %d of %d steps", res.Steps, r.steps)
	}
	return nil
}

// runLocal runs the points, up to -j at once, and reports progress. An
// interrupt stops starting points; the running ones stop at a step
// boundary (the signal reaches them too) and are recorded as interrupted.
// It reports whether it was interrupted.
func (s *sweepJob) runLocal(todo []sweep.Point) bool {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	bar := newPointsBar(s.stderr, len(todo), s.o.run.quiet)
	jobs := make(chan sweep.Point)
	var wg sync.WaitGroup
	for range min(s.o.jobs, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				bar.start()
				rec := s.runPoint(p)
				bar.finished(rec, s.grid)
			}
		}()
	}
	stopped := false
feed:
	for _, p := range todo {
		select {
		case jobs <- p:
		case <-sig:
			stopped = true
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	bar.finish()
	select {
	case <-sig:
		stopped = true
	default:
	}
	return stopped
}
