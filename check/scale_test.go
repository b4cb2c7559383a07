package check_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/einetc/einetc/check"
	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/internal/modelgen"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/parser"
)

// buildSource parses and checks one in-memory model file.
func buildSource(t testing.TB, src string) (*ir.Module, dsl.ErrorList) {
	t.Helper()
	read := func(name string) ([]byte, error) {
		if name == "m/net.ein" {
			return []byte(src), nil
		}
		return nil, os.ErrNotExist
	}
	prog, errs := parser.Load("m/net.ein", read)
	if len(errs) > 0 {
		return nil, errs
	}
	return check.Build(prog)
}

// TestDefineDAGDepth200 checks a chain of 200 definitions, each reading the
// previous one twice, under every solver. A pass that walks the definitions
// as a tree takes 2^200 steps (depth 20 took 1.4 s under exp_euler, 28
// never finished); every pass must be linear in the size of the DAG. The
// test's own deadline is the hang guard.
func TestDefineDAGDepth200(t *testing.T) {
	const depth = 200
	for _, solver := range []string{"euler", "exp_euler", "cnexp", "ind_exp_euler", "rk2", "rk4"} {
		t.Run(solver, func(t *testing.T) {
			mod, errs := buildSource(t, modelgen.DefineDAG(depth, solver))
			if len(errs) > 0 {
				t.Fatalf("valid model rejected:\n%v", errs)
			}
			var b strings.Builder
			ir.Print(&b, mod)
			if !strings.Contains(b.String(), fmt.Sprintf("Chain.d%d ", depth)) {
				t.Errorf("the IR lost the chain's last definition:\n%s", b.String())
			}
		})
	}
	// The same chain made nonlinear in v must still be refused, quickly.
	src := strings.Replace(modelgen.DefineDAG(200, "exp_euler"), "DEFINE d0 = v\n", "DEFINE d0 = v * v / 1 (mV)\n", 1)
	_, errs := buildSource(t, src)
	if len(errs) != 1 || !strings.Contains(errs[0].Msg, "not linear in v") {
		t.Fatalf("want one linearity error, got:\n%v", errs)
	}
}

// BenchmarkCheckLarge parses and checks generated models of growing size;
// the MB/s column is the check throughput, which must stay roughly flat
// as the input grows (docs/robustness.md):
//
//	go test ./ir -run '^$' -bench BenchmarkCheckLarge -benchtime 1x
func BenchmarkCheckLarge(b *testing.B) {
	for _, c := range []struct {
		name string
		gen  func(int) string
		ns   []int
	}{
		{"channels", modelgen.Channels, []int{1000, 4000, 16000, 50000}},
		{"sum", func(n int) string { return modelgen.Sum(n, "exp_euler") }, []int{10000, 40000, 160000}},
		{"defines", func(n int) string { return modelgen.DefineChain(n, "euler") }, []int{2000, 8000, 32000}},
	} {
		for _, n := range c.ns {
			src := c.gen(n)
			b.Run(fmt.Sprintf("%s=%d", c.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					if _, errs := buildSource(b, src); len(errs) > 0 {
						b.Fatal(errs)
					}
				}
			})
		}
	}
}

// TestLargeInputs checks 10 000 channels (1.2 MB, a membrane equation of
// 10 000 currents), a sum of 100 000 terms and a chain of 32 000
// definitions each read by the next (8 000 took 14 s before materialize
// walked each once). Before the checker's passes were made linear, 2 000
// channels took 16 s and 440 MB, 8 000 had not finished after two minutes
// and 6.5 GB; the test's deadline is the hang guard. The throughput is
// measured by BenchmarkCheckLarge.
func TestLargeInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("checks 3 MB of models; skipped in -short")
	}
	for name, src := range map[string]string{
		"channels":      modelgen.Channels(10000),
		"sum_exp_euler": modelgen.Sum(100000, "exp_euler"),
		"sum_euler":     modelgen.Sum(100000, "euler"),
		"defines_rk4":   modelgen.DefineChain(32000, "rk4"),
	} {
		t.Run(name, func(t *testing.T) {
			mod, errs := buildSource(t, src)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if got := len(mod.Pops[0].Currents); name == "channels" && got != 10000 {
				t.Errorf("%d currents, want 10000", got)
			}
		})
	}
}

// TestManyUnknownNames checks 5 000 INSERTs of unknown channels among
// 5 000 channels: each error used to look for a close name among all of
// them (40 s); now only the first maxSuggestions do.
func TestManyUnknownNames(t *testing.T) {
	if testing.Short() {
		t.Skip("checks 0.6 MB of model; skipped in -short")
	}
	src := strings.ReplaceAll(modelgen.Channels(5000), "INSERT C", "INSERT X")
	_, errs := buildSource(t, src)
	unknown := 0
	for _, e := range errs {
		if strings.HasPrefix(e.Msg, "unknown channel X") {
			unknown++
		}
	}
	if unknown != 5000 {
		t.Fatalf("%d unknown-channel errors, want 5000 (of %d)", unknown, len(errs))
	}
	if !strings.Contains(errs[0].Msg, "did you mean C0") {
		t.Errorf("the first error lacks its suggestion: %v", errs[0])
	}
}
