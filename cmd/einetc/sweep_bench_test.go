package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkSweep measures a local sweep's throughput against the ideal
// (points × one point's time ÷ cores) and the start latency of a later
// point (issue 17), on the E–I network (4000 HH neurons):
//
//   - serial: 8 points of 200 ms run one at a time (-j 1 -threads 1): the
//     time of one point, T1/8;
//   - parallel: 8 other points with -j = the cores (-threads 1): points/s,
//     and its fraction of the ideal, (T1/cores)/T2;
//   - busy-fraction: the share of the -j sweep's time that its slots spent
//     in points, the sweep's own losses apart from the machine's load;
//   - start: 8 points of one step (-duration 0.1ms): the whole time of such
//     a point (starting the simulation process, building the network,
//     one step, the analysis, writing its files), an upper bound of the
//     time from one point's end to the next one's first step.
//
// go test -run '^$' -bench Sweep -benchtime 3x ./cmd/einetc
func BenchmarkSweep(b *testing.B) {
	if _, err := exec.LookPath("go"); err != nil {
		b.Skip("needs the go command")
	}
	b.Setenv("EINETC_CACHE", testCache)
	model := filepath.Join("..", "..", "examples", "einet", "net.ein")
	cores := numCPU()
	dir := b.TempDir()
	sweep := func(name string, args ...string) time.Duration {
		os.RemoveAll(filepath.Join(dir, name))
		full := append([]string{"sweep", "-q", "-threads", "1", "-o", filepath.Join(dir, name)}, append(args, model)...)
		start := time.Now()
		if code := run(full, io.Discard, os.Stderr); code != 0 {
			b.Fatalf("einetc %v: exit %d", full, code)
		}
		return time.Since(start)
	}
	sweep("warm", "-j", "1", "-duration", "0.1ms", "-grid", "seed=1") // build (cached) outside the timing
	const points = 8
	var serial, parallel, start, last time.Duration
	b.ResetTimer()
	for i := range b.N {
		serial += sweep(fmt.Sprint("serial", i), "-j", "1", "-duration", "200ms", "-grid", "seed=1..8")
		last = sweep(fmt.Sprint("parallel", i), "-j", fmt.Sprint(cores), "-duration", "200ms", "-grid", "seed=11..18")
		parallel += last
		start += sweep(fmt.Sprint("start", i), "-j", "1", "-duration", "0.1ms", "-grid", "seed=21..28")
	}
	n := float64(b.N)
	t1 := serial.Seconds() / n / points
	t2 := parallel.Seconds() / n
	b.ReportMetric(t1*1000, "ms/point-alone")
	b.ReportMetric(points/t2, "points/s")
	b.ReportMetric(float64(cores)/t1, "ideal-points/s")
	b.ReportMetric(points*t1/float64(cores)/t2, "fraction-of-ideal")
	b.ReportMetric(start.Seconds()/n/points*1000, "ms/start")
	b.ReportMetric(busy(b, filepath.Join(dir, fmt.Sprint("parallel", b.N-1)), last.Seconds(), cores), "busy-fraction")
}

// busy is the fraction of the parallel sweep's time (wall, in seconds) that
// its cores slots spent in points (the sum of the points' wall times):
// what the sweep itself loses between points, apart from the machine's
// other load, which slows the points themselves.
func busy(b *testing.B, dir string, wall float64, cores int) float64 {
	recs, _ := filepath.Glob(filepath.Join(dir, "points", "*", "point.json"))
	sum := 0.0
	for _, f := range recs {
		var r struct {
			WallS float64 `json:"wall_s"`
		}
		raw, err := os.ReadFile(f)
		if err != nil || json.Unmarshal(raw, &r) != nil {
			b.Fatalf("%s: unreadable", f)
		}
		sum += r.WallS
	}
	return sum / (wall * float64(cores))
}
