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
