//go:build unix

package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cluster is a real single-node Slurm cluster (slurmctld, slurmd and a
// MUNGE daemon of its own) started for a test, as in
// ../shared/reference/slurm-single-node.md, with its state, ports, socket
// and configuration in a temporary directory: nothing of the machine's
// configuration is touched, and the test stops the daemons it started.
type cluster struct {
	dir   string
	procs []*exec.Cmd
}

// startCluster starts the cluster, or skips the test with the reason when
// it cannot run here.
func startCluster(t *testing.T) *cluster {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a Slurm cluster (not with -short)")
	}
	for _, b := range []string{"slurmctld", "slurmd", "munged", "sbatch", "squeue", "scancel", "sinfo"} {
		if _, err := exec.LookPath(b); err != nil {
			if _, err := os.Stat(filepath.Join("/usr/sbin", b)); err != nil {
				t.Skipf("Slurm is not installed (%s not found): apt-get install -y slurm-wlm munge, as .ci/run does", b)
			}
		}
	}
	if os.Geteuid() != 0 {
		t.Skip("starting slurmd and munged needs root")
	}
	mu, err := user.Lookup("munge")
	if err != nil {
		t.Skipf("no munge user: %v", err)
	}
	host, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "einetc-slurm-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	c := &cluster{dir: dir}
	t.Cleanup(c.stop)
	// MUNGE, as its user, with a socket of its own.
	md := filepath.Join(dir, "munge")
	os.Mkdir(md, 0o755)
	uid, _ := strconv.Atoi(mu.Uid)
	gid, _ := strconv.Atoi(mu.Gid)
	os.Chown(md, uid, gid)
	sock := filepath.Join(md, "munge.socket")
	munged := exec.Command(sbin("munged"), "-F", "-S", sock, "--pid-file="+filepath.Join(md, "munged.pid"),
		"--log-file="+filepath.Join(md, "munged.log"), "--seed-file="+filepath.Join(md, "munged.seed"))
	munged.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
	c.start(t, munged)
	c.wait(t, "the MUNGE socket", func() bool { _, err := os.Stat(sock); return err == nil })
	// Slurm, on two free ports.
	for _, d := range []string{"state", "spool", "log"} {
		os.Mkdir(filepath.Join(dir, d), 0o755)
	}
	conf := filepath.Join(dir, "slurm.conf")
	cpus := max(1, min(2, numCPU()))
	text := fmt.Sprintf(`ClusterName=einetctest
SlurmctldHost=%[1]s
AuthType=auth/munge
AuthInfo=socket=%[2]s
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmctldPort=%[4]d
SlurmdPort=%[5]d
SlurmctldPidFile=%[3]s/slurmctld.pid
SlurmdPidFile=%[3]s/slurmd.pid
SlurmdSpoolDir=%[3]s/spool
StateSaveLocation=%[3]s/state
SlurmctldLogFile=%[3]s/log/ctld.log
SlurmdLogFile=%[3]s/log/d.log
SlurmUser=root
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
NodeName=%[1]s CPUs=%[6]d RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=%[1]s Default=YES MaxTime=INFINITE State=UP
`, host, sock, dir, freePort(t), freePort(t), cpus)
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SLURM_CONF", conf)
	c.start(t, exec.Command(sbin("slurmctld"), "-D", "-f", conf))
	c.start(t, exec.Command(sbin("slurmd"), "-D", "-f", conf))
	c.wait(t, "an idle node (sinfo)", func() bool {
		out, _ := exec.Command("sinfo", "-h", "-o", "%t").Output()
		return strings.TrimSpace(string(out)) == "idle"
	})
	return c
}

func sbin(name string) string {
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	return filepath.Join("/usr/sbin", name)
}

func numCPU() int {
	out, err := exec.Command("nproc").Output()
	n, _ := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func (c *cluster) start(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	log, _ := os.Create(filepath.Join(c.dir, filepath.Base(cmd.Path)+".out"))
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatalf("%s: %v", cmd.Path, err)
	}
	c.procs = append(c.procs, cmd)
}

func (c *cluster) wait(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if ok() {
			return
		}
	}
	logs, _ := exec.Command("sh", "-c", "tail -n 5 "+c.dir+"/*.out "+c.dir+"/log/*").CombinedOutput()
	t.Fatalf("the cluster did not come up: no %s after 90 s\n%s", what, logs)
}

// stop ends the daemons it started, by their process ids, newest first.
func (c *cluster) stop() {
	for i := len(c.procs) - 1; i >= 0; i-- {
		p := c.procs[i]
		p.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { p.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			p.Process.Kill()
			<-done
		}
	}
}

// TestSlurmSweep runs sweeps on a real single-node Slurm cluster (issue
// 17): the points' results equal a local sweep's and a lone einetc run's;
// a task killed with scancel leaves its point failed with an error, and
// the same command again submits only that point.
func TestSlurmSweep(t *testing.T) {
	startCluster(t)
	t.Setenv("EINETC_CACHE", testCache)
	dir := t.TempDir()
	os.Chmod(dir, 0o755)
	model := filepath.Join("..", "..", "examples", "einet", "net.ein")
	grid := []string{"-duration", "40ms", "-grid", "I.weight=30,67 nS", "-grid", "seed=3,5", model}
	var stdout, stderr bytes.Buffer
	args := append([]string{"sweep", "-spikes", "-slurm", "-per-task", "3", "-o", filepath.Join(dir, "slurm")}, grid...)
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("einetc %v: exit %d\n%s", args, code, stderr.String())
	}
	if !regexp.MustCompile(`submitted job \d+: 4 points in 2 array tasks of 3`).Match(stderr.Bytes()) {
		t.Errorf("no submission in the log:\n%s", stderr.String())
	}
	local := append([]string{"sweep", "-q", "-spikes", "-j", "2", "-o", filepath.Join(dir, "local")}, grid...)
	if code := run(local, &stdout, &stderr); code != 0 {
		t.Fatalf("einetc %v: exit %d\n%s", local, code, stderr.String())
	}
	alone := []string{"run", "-q", "-duration", "40ms", "-set", "I.weight=67 nS", "-seed", "5", "-o", filepath.Join(dir, "alone"), model}
	if code := run(alone, &stdout, &stderr); code != 0 {
		t.Fatalf("einetc %v: exit %d\n%s", alone, code, stderr.String())
	}
	for _, id := range []string{"0000", "0001", "0002", "0003"} {
		samePoint(t, "Slurm vs local, point "+id, filepath.Join(dir, "slurm", "points", id), filepath.Join(dir, "local", "points", id))
	}
	samePoint(t, "Slurm vs alone, point 0003", filepath.Join(dir, "slurm", "points", "0003"), filepath.Join(dir, "alone"))
	csv, _ := os.ReadFile(filepath.Join(dir, "slurm", "sweep.csv"))
	if n := strings.Count(string(csv), ",ok,"); n != 4 {
		t.Errorf("sweep.csv has %d points ok, want 4:\n%s", n, csv)
	}
	// A point of an ended job without a record (its task was killed with
	// SIGKILL, its node lost) is failed, with an error naming the task's
	// output.
	os.Remove(filepath.Join(dir, "slurm", "points", "0002", "point.json"))
	if code := run([]string{"sweep", "-gather", filepath.Join(dir, "slurm")}, &stdout, &stderr); code != 1 {
		t.Errorf("-gather of a sweep with a lost point: exit %d, want 1", code)
	}
	csv, _ = os.ReadFile(filepath.Join(dir, "slurm", "sweep.csv"))
	if !regexp.MustCompile(`(?m)^0002,67,3,failed,[0-9.]*,"the Slurm task ended without a result for this point \(killed, .*task-\d+_0.out"`).Match(csv) {
		t.Errorf("sweep.csv after a lost point:\n%s", csv)
	}

	// A task cancelled before it ends: its point is recorded with an error; the
	// same command submits it alone again.
	killed := append([]string{"sweep", "-no-wait", "-slurm", "-o", filepath.Join(dir, "killed"), "-grid", "duration=40,6000 ms"}, model)
	stdout.Reset()
	if code := run(killed, &stdout, &stderr); code != 0 {
		t.Fatalf("einetc %v: exit %d\n%s", killed, code, stderr.String())
	}
	m := regexp.MustCompile(`submitted job (\d+)`).FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("no job id in %q", stdout.String())
	}
	waitFor(t, "point 0000", func() bool {
		_, err := os.Stat(filepath.Join(dir, "killed", "points", "0000", "point.json"))
		return err == nil
	})
	// Point 0001 is a task of its own, which a busy machine may start late:
	// cancel only once its simulation runs (its spikes.csv.part exists, so
	// its signal handler is installed), or its point has no record at all.
	waitFor(t, "point 0001's simulation", func() bool {
		_, err := os.Stat(filepath.Join(dir, "killed", "points", "0001", "spikes.csv.part"))
		return err == nil
	})
	// scancel sends SIGTERM: the simulation stops at a step boundary and the
	// point is recorded as interrupted.
	if out, err := exec.Command("scancel", m[1]).CombinedOutput(); err != nil {
		t.Fatalf("scancel: %v %s", err, out)
	}
	waitFor(t, "the job's end", func() bool { states, err := jobTasks(m[1]); return err == nil && len(states) == 0 })
	stderr.Reset()
	if code := run([]string{"sweep", "-gather", filepath.Join(dir, "killed")}, &stdout, &stderr); code != 1 {
		t.Errorf("-gather of an incomplete sweep: exit %d, want 1", code)
	}
	csv, _ = os.ReadFile(filepath.Join(dir, "killed", "sweep.csv"))
	if !regexp.MustCompile(`(?m)^0001,6000,interrupted,[0-9.]+,interrupted after \d+ of 60000 steps,`).Match(csv) ||
		!regexp.MustCompile(`(?m)^0000,40,ok,`).Match(csv) {
		t.Errorf("sweep.csv after scancel:\n%s", csv)
	}
	again := slicesWithout(killed, "-no-wait")
	stderr.Reset()
	if code := run(again, &stdout, &stderr); code != 0 {
		t.Fatalf("einetc %v: exit %d\n%s", again, code, stderr.String())
	}
	if !strings.Contains(stderr.String(), ": 1 points in 1 array tasks") {
		t.Errorf("the rerun did not submit the failed point alone:\n%s", stderr.String())
	}
	csv, _ = os.ReadFile(filepath.Join(dir, "killed", "sweep.csv"))
	if n := strings.Count(string(csv), ",ok,"); n != 2 {
		t.Errorf("after the rerun sweep.csv has %d points ok, want 2:\n%s", n, csv)
	}
}

func slicesWithout(args []string, drop string) []string {
	var out []string
	for _, a := range args {
		if a != drop {
			out = append(out, a)
		}
	}
	return out
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}
