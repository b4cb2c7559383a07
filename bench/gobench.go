package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// goBench is one sub-benchmark of BenchmarkStep over its -count runs.
type goBench struct {
	Workers     int
	NsPerStep   []float64 // wall-clock ns/neuron-step of each run
	CPUPerStep  []float64 // CPU ns/neuron-step of each run
	RateHz      float64
	AllocsPerOp float64
}

// runGoBench runs BenchmarkStep of the model package for steps steps,
// count times, and returns its sub-benchmarks by worker count.
func runGoBench(m *model, steps, count int) (map[int]*goBench, error) {
	pkg := "./" + m.Name
	args := []string{"test", "-run", "^$", "-bench", "^BenchmarkStep$",
		"-benchtime", fmt.Sprintf("%dx", steps), "-count", strconv.Itoa(count), pkg}
	fmt.Fprintf(os.Stderr, "%sgo %s\n", strings.Join(append(m.Mode.Env, ""), " "), strings.Join(args, " "))
	var out bytes.Buffer
	c := withEnv(command(m.Gen, "go", args...), m.Mode.Env)
	c.Stdout = &out
	if err := c.Run(); err != nil {
		os.Stderr.Write(out.Bytes())
		return nil, fmt.Errorf("go test %s: %w", pkg, err)
	}
	res, err := parseGoBench(out.Bytes())
	if err != nil {
		return nil, fmt.Errorf("go test %s: %w", pkg, err)
	}
	return res, nil
}

// benchLine matches a result line of BenchmarkStep: name, iterations, and
// the value-unit pairs.
var benchLine = regexp.MustCompile(`^BenchmarkStep/workers=(\d+)(?:-\d+)?\s+(\d+)\s+(.*)$`)

// parseGoBench reads the output of go test -bench BenchmarkStep.
func parseGoBench(out []byte) (map[int]*goBench, error) {
	res := map[int]*goBench{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		mt := benchLine.FindStringSubmatch(line)
		if mt == nil {
			continue
		}
		fmt.Fprintln(os.Stderr, line)
		w, _ := strconv.Atoi(mt[1])
		g := res[w]
		if g == nil {
			g = &goBench{Workers: w}
			res[w] = g
		}
		f := strings.Fields(mt[3])
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("bad benchmark line %q", line)
			}
			switch f[i+1] {
			case "ns/neuron-step":
				g.NsPerStep = append(g.NsPerStep, v)
			case "cpu-ns/neuron-step":
				g.CPUPerStep = append(g.CPUPerStep, v)
			case "Hz":
				g.RateHz = v
			case "allocs/op":
				g.AllocsPerOp = max(g.AllocsPerOp, v)
			}
		}
	}
	if len(res) == 0 {
		return nil, fmt.Errorf("no BenchmarkStep results in the output:\n%s", out)
	}
	return res, nil
}

// median returns the median of xs (the mean of the middle two for an even
// count), or 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// runnerResult is the JSON line of harness.Main, with the peak RSS of the
// process measured from outside.
type runnerResult struct {
	NsPerNeuronStep float64 `json:"ns_per_neuron_step"`
	RateHz          float64 `json:"rate_hz"`
	Spikes          int     `json:"spikes"`
	NewSeconds      float64 `json:"new_seconds"`
	VmHWMKiB        int     `json:"vmhwm_kib"`
	MaxRSSKiB       int     `json:"-"`
}

// runRunner runs the model's runner for steps steps on workers workers
// under /usr/bin/time, which forks it from a small process, so that the
// peak RSS it reports is the runner's own (a child forked from this
// process would inherit this process's high-water mark across exec). Where
// /usr/bin/time is missing, the runner's own VmHWM is used.
func runRunner(m *model, tmp string, steps, workers int) (*runnerResult, error) {
	args := []string{m.Runner, "-steps", strconv.Itoa(steps), "-workers", strconv.Itoa(workers)}
	rssFile := filepath.Join(tmp, "maxrss.txt")
	timed := fileExists("/usr/bin/time")
	if timed {
		args = append([]string{"/usr/bin/time", "-f", "%M", "-o", rssFile}, args...)
	}
	var out bytes.Buffer
	c := command("", args[0], args[1:]...)
	c.Stdout = &out
	if err := c.Run(); err != nil {
		return nil, fmt.Errorf("%s: %w", strings.Join(args, " "), err)
	}
	var r runnerResult
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		return nil, fmt.Errorf("%s: %w", m.Runner, err)
	}
	r.MaxRSSKiB = r.VmHWMKiB
	if timed {
		b, err := os.ReadFile(rssFile)
		if err != nil {
			return nil, err
		}
		f := strings.Fields(string(b))
		if len(f) == 0 {
			return nil, fmt.Errorf("/usr/bin/time wrote no RSS")
		}
		if r.MaxRSSKiB, err = strconv.Atoi(f[len(f)-1]); err != nil {
			return nil, fmt.Errorf("/usr/bin/time: %w", err)
		}
	}
	return &r, nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
