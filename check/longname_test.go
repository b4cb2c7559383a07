package check_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/einetc/einetc/check"
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
		_, errs = check.Build(prog)
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

// TestSteps checks the RUN rule that einetc run also applies to -dt and
// -duration: a whole number of steps, at most 2^31-1 of them.
func TestSteps(t *testing.T) {
	for _, tc := range []struct {
		duration, dt float64
		n            int
		err          string
	}{
		{200, 0.1, 2000, ""},
		{5, 0.05, 100, ""},
		{200, 0.03, 6667, "duration 200 ms is not a whole number of steps of dt = 0.03 ms (6666.67 steps)"},
		{3e8, 0.1, 0, "duration/dt = 3e+09 steps is too many (a run takes at most 2147483647 steps)"},
		{100, 1e-300, 0, "too many"},
	} {
		n, err := check.Steps(tc.duration, tc.dt)
		if tc.err == "" && (err != nil || n != tc.n) || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("Steps(%g, %g) = %d, %v; want %d, %q", tc.duration, tc.dt, n, err, tc.n, tc.err)
		}
	}
}
