package ir_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/parser"
)

// TestLongIdentifierDiagnostics checks that a diagnostic quotes at most a
// few hundred bytes of the input: a 1 MB identifier (long_ident.ein in the
// audit of issue 13) used to print a 1 MB line.
func TestLongIdentifierDiagnostics(t *testing.T) {
	long := "N" + strings.Repeat("x", 1<<20)
	src := `import "std/leak.ein"
NEURON Cell {
  area = 100 (um2)  cm = 1 (uF/cm2)
  threshold = above(-50 (mV))
  INSERT IL { g_max = 0.05 (mS/cm2)  e = -65 (mV) }
  INITIAL { v = -65 (mV) + ` + long + ` }
}
NETWORK Net { POPULATION P = ` + long + `[10] }
`
	read := func(name string) ([]byte, error) {
		if name == "long.ein" {
			return []byte(src), nil
		}
		return os.ReadFile(name)
	}
	prog, errs := parser.Load("long.ein", read)
	if len(errs) == 0 {
		_, errs = ir.Build(prog)
	}
	if len(errs) < 2 {
		t.Fatalf("want two diagnostics, got %v", errs)
	}
	var b bytes.Buffer
	errs.Print(&b)
	t.Logf("%d diagnostics:\n%.2000s", len(errs), b.String())
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if len(line) > 1024 {
			t.Errorf("diagnostic of %d bytes: %.120s…", len(line), line)
		}
		if !strings.HasPrefix(line, "long.ein:") {
			t.Errorf("diagnostic without position: %.120s", line)
		}
	}
}
