package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/einetc/einetc/internal/sweep"
	"github.com/einetc/einetc/ir"
)

// slurmOpts are the flags of a sweep on a Slurm cluster.
type slurmOpts struct {
	on      bool
	args    string
	perTask int
	noWait  bool
	task    int    // -task: run one array task's points (in the job)
	batch   string // -batch: the file of the submission that task belongs to
}

func (o *slurmOpts) register(fs *flag.FlagSet) {
	fs.BoolVar(&o.on, "slurm", false, "run the points as a Slurm job array (sbatch), the binary and data staged in the sweep directory")
	fs.StringVar(&o.args, "slurm-args", "", "sbatch options for every task, e.g. '--partition=short --time=00:30:00'")
	fs.IntVar(&o.perTask, "per-task", 1, "points run one after the other by each array task")
	fs.BoolVar(&o.noWait, "no-wait", false, "with -slurm: submit and return; the same command again (or -gather DIR) gathers")
	fs.IntVar(&o.task, "task", -1, "(in a Slurm job) run array task N's points of -batch in the sweep directory given as argument")
	fs.StringVar(&o.batch, "batch", "", "(with -task) the submission's batch file")
}

// The files of a Slurm sweep in its directory.
const (
	stageDir    = "stage"        // einetc, the simulation and the model's files
	slurmDir    = "slurm"        // submissions, their jobs and the tasks' output
	sbatchName  = "sweep.sbatch" // the job script of the last submission
	jobsName    = "jobs.json"    // every submission
	pollEvery   = 2 * time.Second
	maxPerTask  = 100000
	lostMessage = "the Slurm task ended without a result for this point (killed, out of time or memory, or its node lost); see %s"
)

// batch is one submission: the points it runs, per-task of them per array
// task, in this order.
type batch struct {
	PerTask int      `json:"per_task"`
	IDs     []string `json:"ids"`
}

// submission records a submitted job.
type submission struct {
	Job   string    `json:"job"`
	Batch string    `json:"batch"` // its batch file
	Time  time.Time `json:"time"`
}

// slurm runs the sweep as a Slurm job array: stage, submit, follow, gather.
// A job of this sweep still queued or running is followed rather than
// submitted again; otherwise only the points that are missing or failed
// are submitted.
func (s *sweepJob) slurm() error {
	if !s.o.threadsG {
		s.threads = 1 // a task asks for as many CPUs as its points have threads
	}
	if s.o.slurm.perTask < 1 || s.o.slurm.perTask > maxPerTask {
		return fmt.Errorf("-per-task %d: want 1 to %d", s.o.slurm.perTask, maxPerTask)
	}
	for _, tool := range []string{"sbatch", "squeue"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("-slurm: %s not found in PATH: run einetc on a Slurm login node", tool)
		}
	}
	abs, err := filepath.Abs(s.dir)
	if err != nil {
		return err
	}
	s.dir = abs
	if err := os.MkdirAll(filepath.Join(s.dir, slurmDir), 0o755); err != nil {
		return err
	}
	if sub, ok := s.activeJob(); ok {
		s.logf("job %s of this sweep is still queued or running: following it", sub.Job)
		return s.follow(sub)
	}
	s.markLost()
	todo := sweep.Todo(s.dir, s.grid)
	if len(todo) == 0 {
		return s.finishSlurm()
	}
	if err := s.prepare(); err != nil {
		return err
	}
	if err := s.stage(); err != nil {
		return fmt.Errorf("staging in %s: %v", filepath.Join(s.dir, stageDir), err)
	}
	sub, err := s.submit(todo)
	if err != nil {
		return err
	}
	if s.o.slurm.noWait {
		fmt.Fprintf(s.stdout, "submitted job %s (%d points); gather with: einetc sweep -gather %s\n", sub.Job, len(todo), s.dir)
		return nil
	}
	return s.follow(sub)
}

// stage copies einetc, the simulation and the model's files (sources and
// data files) into DIR/stage: a compute node needs neither Go nor the
// model's directory, only the sweep directory on a shared filesystem.
func (s *sweepJob) stage() error {
	dir := filepath.Join(s.dir, stageDir)
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if err := copyFile(self, filepath.Join(dir, "einetc"), 0o755); err != nil {
		return err
	}
	if err := copyFile(s.bin, filepath.Join(dir, "sim"), 0o755); err != nil {
		return err
	}
	modelDir := filepath.Dir(s.src)
	for name := range s.base.sources {
		if strings.HasPrefix(name, "std/") {
			continue // embedded in einetc
		}
		if err := stageModelFile(modelDir, name, dir); err != nil {
			return err
		}
	}
	for _, name := range modelDataFiles(s.base.mod) {
		if err := stageModelFile(modelDir, filepath.Join(modelDir, name), dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// stageModelFile copies the model's file name (a path) to the same place
// relative to DIR/stage/model.
func stageModelFile(modelDir, name, stage string) error {
	rel, err := filepath.Rel(modelDir, name)
	if err != nil || strings.HasPrefix(rel, "..") {
		return fmt.Errorf("%s is outside the model's directory", name)
	}
	return copyFile(name, filepath.Join(stage, "model", rel), 0o644)
}

// modelDataFiles are the data files the model reads, relative to its
// directory.
func modelDataFiles(mod *ir.Module) []string {
	var names []string
	for _, pop := range mod.Pops {
		for _, st := range pop.States {
			if st.Init != nil && st.Init.Kind == ir.InitFile {
				names = append(names, st.Init.File)
			}
		}
	}
	for _, pr := range mod.Projs {
		for _, st := range pr.States {
			if st.Init != nil && st.Init.Kind == ir.InitFile {
				names = append(names, st.Init.File)
			}
		}
		if pr.Connect.Kind == "file" {
			names = append(names, pr.Connect.File)
		}
	}
	return names
}

func copyFile(from, to string, mode os.FileMode) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	tmp := to + ".tmp"
	if err := os.WriteFile(tmp, b, mode); err != nil {
		return err
	}
	return os.Rename(tmp, to)
}

// submit writes the batch and DIR/sweep.sbatch and submits it.
func (s *sweepJob) submit(todo []sweep.Point) (submission, error) {
	subs := s.submissions()
	k := s.o.slurm.perTask
	b := batch{PerTask: k}
	for _, p := range todo {
		b.IDs = append(b.IDs, p.ID)
	}
	batchFile := filepath.Join(s.dir, slurmDir, fmt.Sprintf("batch-%d.json", len(subs)+1))
	if err := sweep.WriteJSON(batchFile, b); err != nil {
		return submission{}, err
	}
	tasks := (len(todo) + k - 1) / k
	script := s.sbatchScript(tasks, batchFile)
	path := filepath.Join(s.dir, sbatchName)
	if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
		return submission{}, err
	}
	os.WriteFile(strings.TrimSuffix(batchFile, ".json")+".sbatch", []byte(script), 0o644)
	out, err := exec.Command("sbatch", "--parsable", path).CombinedOutput()
	if err != nil {
		return submission{}, fmt.Errorf("sbatch %s: %v: %s", path, err, bytes.TrimSpace(out))
	}
	job, _, _ := strings.Cut(strings.TrimSpace(string(out)), ";") // id;cluster
	sub := submission{Job: job, Batch: batchFile, Time: time.Now().UTC()}
	s.logf("submitted job %s: %d points in %d array tasks of %d (%s)", job, len(todo), tasks, k, path)
	return sub, sweep.WriteJSON(filepath.Join(s.dir, slurmDir, jobsName), append(subs, sub))
}

// sbatchScript is the job script: an array of tasks, each running per-task
// points of the batch with the staged einetc and simulation.
func (s *sweepJob) sbatchScript(tasks int, batchFile string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "#!/bin/sh\n# Written by einetc sweep -slurm: each array task runs %d point(s) of\n# %s, picked by SLURM_ARRAY_TASK_ID, with the\n# einetc and simulation staged in %s.\n",
		s.o.slurm.perTask, batchFile, filepath.Join(s.dir, stageDir))
	fmt.Fprintf(&b, "#SBATCH --job-name=einetc-%s\n", s.base.mod.Name)
	fmt.Fprintf(&b, "#SBATCH --array=0-%d\n", tasks-1)
	fmt.Fprintf(&b, "#SBATCH --cpus-per-task=%d\n", s.threads)
	fmt.Fprintf(&b, "#SBATCH --output=%s\n", filepath.Join(s.dir, slurmDir, "task-%A_%a.out"))
	for _, a := range strings.Fields(s.o.slurm.args) {
		fmt.Fprintf(&b, "#SBATCH %s\n", a)
	}
	fmt.Fprintf(&b, "exec %s sweep -task \"$SLURM_ARRAY_TASK_ID\" -batch %s %s\n",
		shellQuote(filepath.Join(s.dir, stageDir, "einetc")), shellQuote(batchFile), shellQuote(s.dir))
	return b.String()
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func (s *sweepJob) submissions() []submission {
	var subs []submission
	if b, err := os.ReadFile(filepath.Join(s.dir, slurmDir, jobsName)); err == nil {
		json.Unmarshal(b, &subs)
	}
	return subs
}

// jobTasks lists the states of the job's array tasks that squeue still
// shows (none once the job has ended).
func jobTasks(job string) ([]string, error) {
	out, err := exec.Command("squeue", "-h", "-r", "-j", job, "-o", "%t").CombinedOutput()
	if err != nil {
		if bytes.Contains(out, []byte("Invalid job id")) {
			return nil, nil // long gone
		}
		return nil, fmt.Errorf("squeue -j %s: %v: %s", job, err, bytes.TrimSpace(out))
	}
	return strings.Fields(string(out)), nil
}

// activeJob is the last submission if squeue still shows its job.
func (s *sweepJob) activeJob() (submission, bool) {
	subs := s.submissions()
	if len(subs) == 0 {
		return submission{}, false
	}
	last := subs[len(subs)-1]
	states, err := jobTasks(last.Job)
	return last, err == nil && len(states) > 0
}

// follow shows the job's progress from squeue and the points' records until
// squeue no longer shows it, then gathers. An interrupt stops following,
// not the job.
func (s *sweepJob) follow(sub submission) error {
	var b batch
	raw, err := os.ReadFile(sub.Batch)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, &b); err != nil {
		return fmt.Errorf("%s: %v", sub.Batch, err)
	}
	ids := map[string]bool{}
	for _, id := range b.IDs {
		ids[id] = true
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	bar := newPointsBar(s.stderr, len(b.IDs), s.o.run.quiet)
	for {
		states, err := jobTasks(sub.Job)
		if err != nil {
			return err
		}
		done, failed := 0, 0
		for _, p := range s.grid.Points() {
			if !ids[p.ID] {
				continue
			}
			rec := sweep.ReadRecord(s.dir, p, s.grid.Values(p))
			if rec.Status != sweep.Missing && !rec.Time.Before(sub.Time) {
				done++
				if rec.Status != sweep.OK {
					failed++
				}
			}
		}
		running := 0
		for _, st := range states {
			if st == "R" || st == "CG" {
				running++
			}
		}
		bar.update(done, failed, min(running*b.PerTask, len(b.IDs)-done))
		if len(states) == 0 {
			break
		}
		select {
		case <-sig:
			bar.finish()
			return fmt.Errorf("stopped following job %s, which goes on; run the same command again to follow it, or einetc sweep -gather %s", sub.Job, s.dir)
		case <-time.After(pollEvery):
		}
	}
	bar.finish()
	s.markLost()
	return s.finishSlurm()
}

// markLost records the points of ended submissions that have no result as
// failed: their task was killed (time or memory limit, scancel, a node
// lost) before it wrote one.
func (s *sweepJob) markLost() {
	for _, sub := range s.submissions() {
		raw, err := os.ReadFile(sub.Batch)
		var b batch
		if err != nil || json.Unmarshal(raw, &b) != nil || b.PerTask < 1 {
			continue
		}
		if states, err := jobTasks(sub.Job); err != nil || len(states) > 0 {
			continue
		}
		byID := map[string]sweep.Point{}
		for _, p := range s.grid.Points() {
			byID[p.ID] = p
		}
		for i, id := range b.IDs {
			p, ok := byID[id]
			if !ok {
				continue
			}
			vals := s.grid.Values(p)
			if sweep.ReadRecord(s.dir, p, vals).Status != sweep.Missing {
				continue
			}
			out := filepath.Join(s.dir, slurmDir, fmt.Sprintf("task-%s_%d.out", sub.Job, i/b.PerTask))
			rec := sweep.Record{ID: id, Values: vals, Status: sweep.Failed, Error: fmt.Sprintf(lostMessage, out), Time: time.Now().UTC()}
			os.MkdirAll(sweep.PointDir(s.dir, id), 0o755)
			sweep.WriteJSON(filepath.Join(sweep.PointDir(s.dir, id), sweep.PointName), rec)
		}
	}
}

// finishSlurm gathers and reports as a local sweep does.
func (s *sweepJob) finishSlurm() error {
	ok, failed, err := gather(s.dir, s.o.run.quiet, s.stderr)
	if err != nil {
		return err
	}
	n := s.grid.Size()
	s.logf("%d of %d points ok, %d failed: %s", ok, n, failed, filepath.Join(s.dir, "sweep.csv"))
	if ok < n {
		return fmt.Errorf("%d of %d points failed or did not run (their errors are in %s); run the same command again to submit them again", n-ok, n, filepath.Join(s.dir, "sweep.csv"))
	}
	return nil
}

// taskCmd is `einetc sweep -task N -batch FILE DIR`, what an array task
// runs: the sweep's flags from DIR/sweep.json, the staged model and
// simulation, and the points of the batch that fall to task N, one after
// the other with the task's CPUs as threads.
func taskCmd(o sweepOpts, dir string, stdout, stderr io.Writer) error {
	raw, err := os.ReadFile(filepath.Join(dir, sweep.ManifestName))
	if err != nil {
		return err
	}
	var m sweep.Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return err
	}
	raw, err = os.ReadFile(o.slurm.batch)
	if err != nil {
		return err
	}
	var b batch
	if err := json.Unmarshal(raw, &b); err != nil || b.PerTask < 1 {
		return fmt.Errorf("%s: not a batch file", o.slurm.batch)
	}
	var t sweepOpts
	fs := newFlagSet("einetc sweep -task", stderr)
	t.run.register(fs)
	if err := fs.Parse(m.Flags); err != nil {
		return err
	}
	t.given, t.threadsG, t.jobs, t.spikes = m.Flags, true, 1, m.Spikes
	t.run.threads = 1
	if n, err := strconv.Atoi(os.Getenv("SLURM_CPUS_PER_TASK")); err == nil && n > 0 {
		t.run.threads = min(n, maxThreads)
	}
	src := filepath.Join(dir, stageDir, "model", filepath.Base(m.Source))
	s := &sweepJob{o: t, src: src, stdout: stdout, stderr: stderr, grid: m.Grid, dir: dir, threads: t.run.threads,
		bin: filepath.Join(dir, stageDir, "sim")}
	s.base = &runJob{o: t.run, src: src, stdout: stdout, stderr: stderr}
	s.base.o.quiet = true
	if err := s.base.load(); err != nil {
		return err
	}
	byID := map[string]sweep.Point{}
	for _, p := range m.Grid.Points() {
		byID[p.ID] = p
	}
	lo := o.slurm.task * b.PerTask
	for i := lo; i < min(lo+b.PerTask, len(b.IDs)); i++ {
		p, ok := byID[b.IDs[i]]
		if !ok {
			return fmt.Errorf("%s: no point %s in the grid", o.slurm.batch, b.IDs[i])
		}
		rec := s.runPoint(p)
		status := rec.Status
		if rec.Error != "" {
			status += ": " + rec.Error
		}
		fmt.Fprintf(stdout, "point %s (%s) %s, %.1f s\n", p.ID, strings.Join(rec.Values, ", "), status, rec.WallS)
	}
	return nil
}
