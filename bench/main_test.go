package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
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

// TestGenNotStale checks that every committed package in bench/gen is what
// go run ./bench -gen would write now: its model file, its harness, and
// its generated Go (einetc compile -check). A change to the generator or
// to examples/cobahh must be followed by
// go run ./bench -gen -large -docs=false.
func TestGenNotStale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds einetc")
	}
	t.Chdir("..")
	einetc := filepath.Join(t.TempDir(), "einetc")
	if out, err := exec.Command("go", "build", "-o", einetc, "./cmd/einetc").CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/einetc: %v\n%s", err, out)
	}
	src, err := os.ReadFile(exampleModel)
	if err != nil {
		t.Fatal(err)
	}
	dirs, _ := filepath.Glob(filepath.Join("bench", "gen", "cobahh*"))
	if len(dirs) < 6 {
		t.Fatalf("found %d packages in bench/gen, want the sizes 4k and 40k at least, in three modes", len(dirs))
	}
	name := regexp.MustCompile(`^cobahh([0-9]+)k(std|tab)?$`)
	for _, dir := range dirs {
		pkg := filepath.Base(dir)
		m := name.FindStringSubmatch(pkg)
		if m == nil {
			t.Errorf("%s: not a package that go run ./bench writes", dir)
			continue
		}
		k, _ := strconv.Atoi(m[1])
		n := k * 1000
		var md mode
		for _, c := range modes {
			if c.Suffix == m[2] && len(c.Env) == 0 {
				md = c
			}
		}
		ein, err := scaledModel(string(src), n)
		if err != nil {
			t.Fatal(err)
		}
		einPath := filepath.Join("bench", "models", modelName(n)+".ein")
		if got, err := os.ReadFile(einPath); err != nil || string(got) != ein {
			t.Errorf("%s is stale or missing (%v): run go run ./bench -gen -large -docs=false", einPath, err)
		}
		for path, want := range harnessFiles(dir, pkg) {
			if got, err := os.ReadFile(path); err != nil || string(got) != want {
				t.Errorf("%s is stale or missing (%v): run go run ./bench -gen -large -docs=false", path, err)
			}
		}
		args := append([]string{"compile", "-check"}, md.Flags...)
		args = append(args, "-o", dir, "-pkg", pkg, einPath)
		if out, err := exec.Command(einetc, args...).CombinedOutput(); err != nil {
			t.Errorf("einetc %s: %v (run go run ./bench -gen -large -docs=false)\n%s", strings.Join(args, " "), err, out)
		}
	}
}
