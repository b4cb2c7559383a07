//go:build unix

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkSweep measures a local sweep's throughput against the ideal
// (points × one point's time ÷ cores) and the start of a later point
// (issue 17), on the E–I network (4000 HH neurons), in points of 1 s as
// the tutorial's exercises run them. Every round runs three sweeps:
//
//   - serial: 16 points one at a time (-j 1): one point's time, t1, is
//     the mean of their times (each from its start to its point.json:
//     starting the simulation, building the network, 10 000 steps, the
//     analysis and the files);
//   - parallel: 16 other points with -j = the cores, timed as a user
//     times the command (loading the model, finding the cached build,
//     the points, gathering sweep.csv and the figure): points/s, and its
//     fraction of the ideal, points·t1/cores ÷ that time;
//   - start: 8 points of one step: their mean time bounds the time from
//     one point's end to the next one's first step from above.
//
// The machine is shared, so it also reports what each sweep got of it:
// cores-serial and cores-parallel, the CPU time of einetc and its
// simulations over the sweep's wall time (the ideal assumes that the
// parallel sweep gets cores × what the serial one got: 2 and 1 on an
// idle machine with 2 cores); cpu-per-point, a parallel point's CPU time
// over a serial one's (above 1 if the points slowed each other, through
// memory or caches); fixed-ms, the serial sweep's own time outside its
// points; and load1, the load average before the round. Then
// fraction-of-ideal ≈ cores-parallel ÷ (cores × cores-serial) ÷
// cpu-per-point, less the fixed time: a fraction below 0.9 with
// cores-parallel near cores-serial is the machine's load, not the sweep.
// fraction-given-cpu takes the machine's part out: fraction-of-ideal ÷
// (cores-parallel ÷ (cores × cores-serial)), the fraction of the ideal
// for the CPU the parallel sweep got (the same as fraction-of-ideal on an
// idle machine, where that quotient is 1).
//
// go test -run '^$' -bench Sweep -benchtime 1x ./cmd/einetc
func BenchmarkSweep(b *testing.B) {
	if _, err := exec.LookPath("go"); err != nil {
		b.Skip("needs the go command")
	}
	b.Setenv("EINETC_CACHE", testCache)
	model := filepath.Join("..", "..", "examples", "einet", "net.ein")
	cores := numCPU()
	dir := b.TempDir()
	type timed struct {
		wall, cpu float64 // seconds
		points    []float64
	}
	sweep := func(name string, args ...string) timed {
		out := filepath.Join(dir, name)
		os.RemoveAll(out)
		full := append([]string{"sweep", "-q", "-threads", "1", "-o", out}, append(args, model)...)
		cpu0 := cpuTime()
		start := time.Now()
		if code := run(full, io.Discard, os.Stderr); code != 0 {
			b.Fatalf("einetc %v: exit %d", full, code)
		}
		return timed{wall: time.Since(start).Seconds(), cpu: cpuTime() - cpu0, points: pointTimes(b, out)}
	}
	sweep("warm", "-j", "1", "-duration", "0.1ms", "-grid", "seed=1") // build (cached) outside the timing
	const points, starts = 16, 8
	var t1, tPar, fixed, coresS, coresP, cpuRatio, tStart, load, given []float64
	b.ResetTimer()
	for i := range b.N {
		load = append(load, load1())
		s := sweep(fmt.Sprint("serial", i), "-j", "1", "-duration", "1s", "-grid", "seed=1..16")
		p := sweep(fmt.Sprint("parallel", i), "-j", strconv.Itoa(cores), "-duration", "1s", "-grid", "seed=101..116")
		st := sweep(fmt.Sprint("start", i), "-j", "1", "-duration", "0.1ms", "-grid", "seed=201..208")
		if len(s.points) != points || len(p.points) != points || len(st.points) != starts {
			b.Fatalf("the serial, parallel and start-up sweeps wrote %d, %d and %d point.json files, want %d, %d and %d: a point without one would be missing from the per-point times", len(s.points), len(p.points), len(st.points), points, points, starts)
		}
		t1 = append(t1, sum(s.points)/points)
		tPar = append(tPar, p.wall)
		fixed = append(fixed, s.wall-sum(s.points))
		coresS = append(coresS, s.cpu/s.wall)
		coresP = append(coresP, p.cpu/p.wall)
		cpuRatio = append(cpuRatio, p.cpu/s.cpu)
		tStart = append(tStart, sum(st.points)/starts)
	}
	ratio := make([]float64, b.N)
	for i := range ratio {
		ratio[i] = points * t1[i] / float64(cores) / tPar[i]
		given = append(given, ratio[i]/(coresP[i]/(float64(cores)*coresS[i])))
	}
	b.ReportMetric(median(t1)*1000, "ms/point-alone")
	b.ReportMetric(points/median(tPar), "points/s")
	b.ReportMetric(float64(cores)/median(t1), "ideal-points/s")
	b.ReportMetric(median(ratio), "fraction-of-ideal")
	b.ReportMetric(median(given), "fraction-given-cpu")
	b.ReportMetric(median(tStart)*1000, "ms/start")
	b.ReportMetric(median(fixed)*1000, "fixed-ms")
	b.ReportMetric(median(coresS), "cores-serial")
	b.ReportMetric(median(coresP), "cores-parallel")
	b.ReportMetric(median(cpuRatio), "cpu-per-point")
	b.ReportMetric(median(load), "load1")
}

// pointTimes are the wall times of a sweep's points, from their point.json.
func pointTimes(b *testing.B, dir string) []float64 {
	recs, _ := filepath.Glob(filepath.Join(dir, "points", "*", "point.json"))
	var ts []float64
	for _, f := range recs {
		var r struct {
			WallS float64 `json:"wall_s"`
		}
		raw, err := os.ReadFile(f)
		if err != nil || json.Unmarshal(raw, &r) != nil {
			b.Fatalf("%s: unreadable", f)
		}
		ts = append(ts, r.WallS)
	}
	return ts
}

// cpuTime is the CPU time (user and system, seconds) of this process and
// of its children that have ended: einetc's own work and its simulations.
func cpuTime() float64 {
	var self, children syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children)
	s := 0.0
	for _, t := range []syscall.Timeval{self.Utime, self.Stime, children.Utime, children.Stime} {
		s += float64(t.Sec) + float64(t.Usec)/1e6
	}
	return s
}

// load1 is the one-minute load average (0 where /proc is missing).
func load1() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	v, _ := strconv.ParseFloat(strings.Fields(string(b))[0], 64)
	return v
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
