package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/internal/golden"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"einetc": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScript runs the CLI scripts in testdata/script: each is a txtar archive
// with the commands to run, the model files and the expected output.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       golden.Update(),
		Cmds:                map[string]func(ts *testscript.TestScript, neg bool, args []string){"checksummary": checkSummary},
		Setup: func(env *testscript.Env) error {
			wd, err := os.Getwd()
			if err != nil {
				return err
			}
			env.Setenv("EINETC_ROOT", filepath.Join(wd, "..", ".."))
			// Scripts that run the go command use this machine's module and
			// build caches and never the network: every module they need is
			// a dependency of einetc, already in the cache. The exception is
			// go mod tidy in gogenerate.txtar, which also needs the modules
			// that the tests of einetc's dependencies import (and the go.mod
			// files of their old dependencies), which building einetc never
			// fetched: it may use this machine's proxy, EINETC_GOPROXY, which
			// the go command asks only for what the module cache lacks.
			for _, k := range []string{"GOMODCACHE", "GOCACHE", "GOPROXY"} {
				out, err := exec.Command("go", "env", k).Output()
				if err != nil {
					return err
				}
				env.Setenv(k, strings.TrimSpace(string(out)))
			}
			env.Setenv("EINETC_GOPROXY", env.Getenv("GOPROXY"))
			env.Setenv("GOPROXY", "off")
			env.Setenv("GOSUMDB", "off")
			env.Setenv("GOFLAGS", "-mod=mod")
			env.Setenv("GOTOOLCHAIN", "local")
			// The directory of the einetc command alone, for a PATH without go.
			if bin, err := exec.LookPath("einetc"); err == nil {
				env.Setenv("EINETC_BIN", filepath.Dir(bin))
			}
			// einetc run's build cache, shared by the scripts of one test run.
			env.Setenv("EINETC_CACHE", testCache)
			return nil
		},
	})
}

// checkSummary DIR checks summary.json against spikes.csv: the fields a user
// relies on are present and the spike counts and rates agree with the file.
func checkSummary(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: checksummary DIR")
	}
	var s struct {
		Model      string   `json:"model"`
		Neurons    int      `json:"neurons"`
		DtMs       float64  `json:"dt_ms"`
		DurationMs float64  `json:"duration_ms"`
		Steps      int      `json:"steps"`
		Spikes     *int     `json:"spikes"`
		WallS      float64  `json:"wall_s"`
		StepsPerS  float64  `json:"steps_per_s"`
		BuildS     *float64 `json:"build_s"`
		Seed       *uint64  `json:"seed"`
		SourceHash string   `json:"source_sha256"`
		Sources    []struct {
			File   string `json:"file"`
			SHA256 string `json:"sha256"`
		} `json:"sources"`
		Command []string `json:"command"`
		Einetc  struct {
			Version string `json:"version"`
			Go      string `json:"go"`
		} `json:"einetc"`
		Overrides []struct {
			Name, Given, Unit string
			Value             *float64
		} `json:"overrides"`
		Options *struct {
			Threads int     `json:"threads"`
			DtMs    float64 `json:"dt_ms"`
			Seed    uint64  `json:"seed"`
		} `json:"options"`
		Populations      []summaryPop   `json:"populations"`
		Groups           []summaryPop   `json:"groups"`
		AnalysisWindowMs []float64      `json:"analysis_window_ms"`
		BinMs            *float64       `json:"bin_ms"`
		AnalysisParams   map[string]any `json:"analysis_params"`
	}
	dir := ts.MkAbs(args[0])
	raw, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	ts.Check(err)
	ts.Check(json.Unmarshal(raw, &s))
	if s.Model == "" || s.Neurons == 0 || s.Spikes == nil || s.BuildS == nil || s.Seed == nil || s.Steps == 0 || len(s.Populations) == 0 {
		ts.Fatalf("summary.json lacks fields: %s", raw)
	}
	// The run describes itself: einetc's version and command line, the
	// model's files with their hashes, the overrides and the options.
	if s.Einetc.Version != version || s.Einetc.Go == "" {
		ts.Fatalf("summary.json: einetc %+v, want version %s and the Go version", s.Einetc, version)
	}
	if len(s.Command) < 2 || s.Command[1] != "run" {
		ts.Fatalf("summary.json: command %q is not einetc's command line", s.Command)
	}
	if len(s.SourceHash) != 64 || len(s.Sources) == 0 {
		ts.Fatalf("summary.json: source_sha256 %q, sources %v", s.SourceHash, s.Sources)
	}
	for _, f := range s.Sources {
		var b []byte
		if strings.HasPrefix(f.File, "std/") {
			b, err = fs.ReadFile(dsl.Std, f.File)
		} else {
			b, err = os.ReadFile(ts.MkAbs(f.File))
		}
		ts.Check(err)
		if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != f.SHA256 {
			ts.Fatalf("summary.json: sha256 of %s is %s, the file's is %x", f.File, f.SHA256, sum)
		}
	}
	if s.Overrides == nil || s.Options == nil || s.Options.Seed != *s.Seed || s.Options.DtMs != s.DtMs || s.Options.Threads < 1 {
		ts.Fatalf("summary.json: overrides %v, options %+v", s.Overrides, s.Options)
	}
	for _, o := range s.Overrides {
		if o.Name == "" || o.Given == "" || o.Value == nil {
			ts.Fatalf("summary.json: override %+v lacks fields", o)
		}
	}
	if d := float64(s.Steps)*s.DtMs - s.DurationMs; d > 1e-9 || d < -1e-9 {
		ts.Fatalf("steps*dt = %g, duration %g", float64(s.Steps)*s.DtMs, s.DurationMs)
	}
	csvData, err := os.ReadFile(filepath.Join(dir, "spikes.csv"))
	ts.Check(err)
	lines := strings.Split(strings.TrimSpace(string(csvData)), "\n")
	if n := len(lines) - 1; n != *s.Spikes {
		ts.Fatalf("spikes.csv has %d spikes, summary.json says %d", n, *s.Spikes)
	}
	total := 0
	for _, p := range s.Populations {
		total += p.Spikes
		want := float64(p.Spikes) / float64(p.Neurons) / (s.DurationMs / 1000)
		if d := p.Rate - want; d > 1e-9 || d < -1e-9 {
			ts.Fatalf("population %s: rate %g Hz, spikes imply %g", p.Name, p.Rate, want)
		}
	}
	if total != *s.Spikes {
		ts.Fatalf("populations have %d spikes in all, summary %d", total, *s.Spikes)
	}
	prev := -1.0
	var times []float64
	var neurons []int
	for _, l := range lines[1:] {
		t, err := strconv.ParseFloat(strings.Split(l, ",")[0], 64)
		ts.Check(err)
		if t < prev {
			ts.Fatalf("spikes.csv is not sorted by time: %q", l)
		}
		prev = t
		n, err := strconv.Atoi(strings.Split(l, ",")[1])
		ts.Check(err)
		times, neurons = append(times, t), append(neurons, n)
	}
	checkAnalysis(ts, s.AnalysisWindowMs, s.BinMs, s.AnalysisParams, s.DurationMs, s.Populations, s.Groups, times, neurons)
}

// summaryPop is a population or group of summary.json, as checkSummary reads it.
type summaryPop struct {
	Name     string         `json:"name"`
	Neurons  int            `json:"neurons"`
	Spikes   int            `json:"spikes"`
	Rate     float64        `json:"mean_rate_hz"`
	CV       *float64       `json:"mean_cv_isi"`
	Analysis map[string]any `json:"analysis"`
}

// analysisKeys are the keys of every "analysis" object (issue 16).
var analysisKeys = []string{"mean_rate_hz", "median_rate_hz", "silent_fraction", "cv_isi", "lv", "fano_factor",
	"synchrony_chi", "pairwise_corr", "psd_peak_hz", "psd_peak_rel_power", "segment_chi", "spectral_chi", "spectral_chi_hz", "burst_fraction",
	"population_burst_rate_hz", "regime"}

// checkAnalysis checks the analysis of summary.json: its window ends with
// the run, every parameter is recorded, and each population and group has
// every key, a known regime, and a mean rate that its spike count implies;
// a population's count (populations are numbered in order) is the count of
// spikes.csv in the window, a group's at most that.
func checkAnalysis(ts *testscript.TestScript, window []float64, bin *float64, params map[string]any, durationMs float64, pops, groups []summaryPop, times []float64, neurons []int) {
	if len(window) != 2 || window[1] != durationMs || !(window[0] >= 0 && window[0] < window[1]) || bin == nil || params["bin_ms"] != *bin {
		ts.Fatalf("summary.json: analysis_window_ms %v, bin_ms %v, analysis_params %v", window, bin, params)
	}
	for _, k := range []string{"from_ms", "to_ms", "count_bin_ms", "chi_tau_ms", "welch_segment_bins", "max_pairs", "pair_seed", "burst_max_isi_ms", "burst_min_spikes", "sync_chi", "sync_spectral_chi", "sync_null_factor", "regular_cv"} {
		if _, ok := params[k]; !ok {
			ts.Fatalf("summary.json: analysis_params lacks %s: %v", k, params)
		}
	}
	inWindow := func(lo, hi int) int {
		n := 0
		for k, t := range times {
			if t >= window[0] && t < window[1] && neurons[k] >= lo && neurons[k] < hi {
				n++
			}
		}
		return n
	}
	offset := 0
	for i, p := range append(pops, groups...) {
		a := p.Analysis
		if a == nil {
			ts.Fatalf("summary.json: %s has no analysis", p.Name)
		}
		for _, k := range analysisKeys {
			if _, ok := a[k]; !ok {
				ts.Fatalf("summary.json: the analysis of %s lacks %s", p.Name, k)
			}
		}
		switch a["regime"] {
		case "silent", "AI", "AR", "SI", "SR", "saturated":
		default:
			ts.Fatalf("summary.json: %s has regime %v", p.Name, a["regime"])
		}
		spikes, _ := a["spikes"].(float64)
		if i < len(pops) {
			if want := inWindow(offset, offset+p.Neurons); int(spikes) != want {
				ts.Fatalf("summary.json: %s has %v spikes in the analysis window, spikes.csv %d", p.Name, spikes, want)
			}
			offset += p.Neurons
		} else if n := inWindow(0, math.MaxInt); int(spikes) > n {
			ts.Fatalf("summary.json: %s has %v spikes in the analysis window, spikes.csv %d in all", p.Name, spikes, n)
		}
		rate, _ := a["mean_rate_hz"].(float64)
		if want := spikes / float64(p.Neurons) / ((window[1] - window[0]) / 1000); math.Abs(rate-want) > 1e-9*math.Max(1, want) {
			ts.Fatalf("summary.json: %s: analysis rate %g Hz, its spikes imply %g", p.Name, rate, want)
		}
	}
}
