package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScaledModel(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", exampleModel))
	if err != nil {
		t.Fatal(err)
	}
	got, err := scaledModel(string(src), 40000)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"HH[40000]", "P[0:32000]", "P[32000:40000]", "bernoulli(0.002)"} {
		if !strings.Contains(got, want) {
			t.Errorf("scaled model lacks %q", want)
		}
	}
	if strings.Contains(got, "bernoulli(0.02)") {
		t.Error("scaled model keeps p = 0.02")
	}
	if _, err := scaledModel("NETWORK X {}", 4000); err == nil {
		t.Error("no error for a model that is not the example")
	}
}

func TestParseGoBench(t *testing.T) {
	out := `goos: linux
pkg: github.com/einetc/einetc/bench/gen/cobahh4k
BenchmarkStep/workers=1-2  1000  601234 ns/op  33.2 Hz  150.3 ns/neuron-step  149.9 cpu-ns/neuron-step  0 B/op  0 allocs/op
BenchmarkStep/workers=2-2  1000  321234 ns/op  33.2 Hz  80.3 ns/neuron-step  158.0 cpu-ns/neuron-step  0 B/op  0 allocs/op
BenchmarkStep/workers=1-2  1000  611234 ns/op  33.2 Hz  152.3 ns/neuron-step  151.9 cpu-ns/neuron-step  0 B/op  0 allocs/op
PASS
`
	res, err := parseGoBench([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	w1 := res[1]
	if w1 == nil || len(w1.NsPerStep) != 2 || median(w1.NsPerStep) != 151.3 || median(w1.CPUPerStep) != 150.9 || w1.RateHz != 33.2 {
		t.Errorf("workers=1: %+v", w1)
	}
	if w2 := res[2]; w2 == nil || w2.NsPerStep[0] != 80.3 {
		t.Errorf("workers=2: %+v", w2)
	}
	if _, err := parseGoBench([]byte("FAIL\n")); err == nil {
		t.Error("no error without results")
	}
}

func TestReport(t *testing.T) {
	r := &results{rows: []row{
		{Simulator: "Brian2", Mode: "C++ standalone", Threads: 1, N: 4000, CPU: 80, CPURuns: []float64{79, 80, 85}},
		{Simulator: "einetc", Mode: "m", Threads: 1, N: 4000, CPU: 40, Wall: 41},
		{Simulator: "einetc", Mode: "m", Threads: 2, N: 4000, CPU: 42, Wall: 20},
		{Simulator: "einetc", Mode: "m", Threads: 1, N: 40000, CPU: 45, Wall: 46},
		{Simulator: "Brian2", Mode: "C++ standalone", Threads: 2, N: 4000, Wall: 7000},
		{Simulator: "Brian2", Mode: "C++ standalone", Threads: 2, N: 400000, Wall: 50},
		{Simulator: "einetc", Mode: "m", Threads: 1, N: 400000, CPU: 55, Wall: 56},
	}}
	r.finish()
	if r.rows[0].Simulator != "einetc" || r.rows[0].Speedup != 2 || r.rows[1].Speedup != 4 || r.rows[2].Speedup != 1 {
		t.Errorf("rows %+v", r.rows)
	}
	for _, x := range r.rows {
		if x.N != 4000 && x.Speedup != 0 {
			t.Errorf("speed-up without a Brian2 1-thread row at N=%d: %v", x.N, x.Speedup)
		}
	}
	md := markdown(r)
	if !strings.Contains(md, "| Brian2 | C++ standalone | 1 | 4000 | 80.0 (79.0–85.0) | 1.00 |") {
		t.Errorf("markdown:\n%s", md)
	}
	out := filepath.Join(t.TempDir(), "scaling.png")
	if p := os.Getenv("BENCH_TEST_PLOT"); p != "" {
		out = p // to look at the plot
	}
	if err := drawScaling(r, out); err != nil {
		t.Fatal(err)
	}
}

// TestReportCOBA: the COBA LIF rows are compared with Brian2's COBA LIF on
// one thread, the COBAHH rows of the same N with Brian2's COBAHH, and the
// E–I rows with nothing.
func TestReportCOBA(t *testing.T) {
	r := &results{rows: []row{
		{Simulator: "Brian2", Mode: "C++ standalone", Threads: 1, N: 4000, CPU: 80},
		{Simulator: cobaBrian2Sim, Mode: "C++ standalone", Threads: 1, N: 4000, CPU: 30},
		{Simulator: "einetc", Mode: "m", Threads: 1, N: 4000, CPU: 40},
		{Simulator: cobaSim, Mode: "m", Threads: 1, N: 4000, CPU: 10},
		{Simulator: einetSim, Mode: "m", Threads: 1, N: 4000, CPU: 20},
	}}
	r.finish()
	want := map[string]float64{"Brian2": 1, cobaBrian2Sim: 1, "einetc": 2, cobaSim: 3, einetSim: 0}
	for _, x := range r.rows {
		if x.Speedup != want[x.Simulator] {
			t.Errorf("%s: speed-up %v, want %v", x.Simulator, x.Speedup, want[x.Simulator])
		}
	}
}

// TestPrepare runs the benchmark's pipeline end to end on a small network
// (1000 neurons) in a fresh module outside the tree, as go run ./bench does
// in the cache: the default and rate-table packages are generated with the
// driver (the header records the einetc compile command of the mode), built
// with their runner and benchmarked for a few steps on 1 and 2 workers, and
// the runner steps the model and reports its memory. (Allocations are not
// asserted here: a benchmark of a few steps reports the one-off ones of its
// start per step; golden.TestNoAllocs proves a step allocates nothing.)
func TestPrepare(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two model packages")
	}
	t.Chdir("..")
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	gen, tmp := filepath.Join(t.TempDir(), "gen"), t.TempDir()
	if err := genModule(gen, root); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"default", "tables"} {
		md, _ := findMode(name)
		m, err := prepare(gen, tmp, 1000, md)
		if err != nil {
			t.Fatal(err)
		}
		src, err := os.ReadFile(filepath.Join(gen, m.Name, "cobahh1k_ein.go"))
		if err != nil {
			t.Fatal(err)
		}
		header := "// Code generated by " + md.Options.CommandLine("cobahh1k.ein") + "; DO NOT EDIT."
		if !strings.HasPrefix(string(src), header) || !strings.Contains(string(src), "NumNeurons = 1000") {
			t.Errorf("%s: header %.80q, want %q and 1000 neurons", m.Name, src, header)
		}
		gb, err := runGoBench(m, 5, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []int{1, 2} {
			if g := gb[w]; g == nil || len(g.NsPerStep) != 1 || g.NsPerStep[0] <= 0 {
				t.Errorf("%s workers=%d: %+v", m.Name, w, g)
			}
		}
		r, err := runRunner(m, tmp, 50, 1)
		if err != nil {
			t.Fatal(err)
		}
		if r.MaxRSSKiB <= 0 {
			t.Errorf("%s runner: %+v", m.Name, r)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "bench", "gen")); err == nil {
		t.Error("bench/gen exists: the generated packages belong in the cache, not the tree")
	}
}
