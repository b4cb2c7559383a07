package golden_test

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	einrt "github.com/einetc/einetc/runtime"
)

// buildDependent selects, in the nested SIMD and purego runs, the tests
// whose outcome depends on the build: the exact spike goldens, traces and
// worker bit-identity of every golden case, the examples' outputs, the
// zero-allocation checks, the runtime's kernel tests (exp, expm1, exprel,
// tables: vector or assembly against scalar Go), the one-step accuracy of
// the fast math and of -tables against package math (TestFastMathOneStep,
// TestTablesAccuracy in this package) and the fuzz corpus's type check of the
// SIMD files. Everything else (parsing, lowering, staleness, escape
// analysis, data files, connectivity) runs the very same code in every build
// and is tested once, by the outer go test; so is TestFastMathSpikes (18 s),
// whose 1 s COBAHH raster the other builds reproduce bit for bit, as their
// exact spike goldens show.
const buildDependent = `^(TestSpikes|TestTrace|TestClearUpper|TestDelayAndOrder|TestWorkersBitIdentical|TestNoAllocs|TestNaNCheckReports|TestNoLegacySSEAfterAVX|Example|FuzzPipeline|` +
	`TestSlices.*|TestPairSlices.*|TestExprel.*|TestExp.*|TestFastMathOneStep|TestFastMathNoAllocs|TestTable.*|TestAtTo.*)$`

// nestedPackages are the packages the nested runs test: the runtime, the
// code generator (its fuzz corpus), this package (its accuracy tests and the
// simulation tests of every golden case and example; not TestSIMDBuild and
// TestPuregoBuild, which buildDependent does not select) and the examples.
func nestedPackages(*testing.T) []string {
	return []string{"./runtime", "./codegen", "./golden", "./examples/..."}
}

// timeoutFlag is the -timeout flag of a nested go test: the time left until
// the outer test's deadline, less a margin for the outer test to report the
// nested run's output, so that the nested run never dies of go test's
// default 10-minute limit while the outer one was given more (go test
// -timeout 25m), nor outlives it. Without a deadline (-timeout 0) the nested
// run has none either.
func timeoutFlag(deadline time.Time, ok bool, now time.Time) string {
	if !ok {
		return "-timeout=0"
	}
	left := deadline.Sub(now)
	left -= min(left/10, 30*time.Second) // the outer test's margin
	return "-timeout=" + max(left, time.Second).Round(time.Second).String()
}

// goTest runs go with args in the module root, env added to this process's
// environment, and fails t with the output if it fails.
func goTest(t *testing.T, env []string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = ".."
	cmd.Env = append(os.Environ(), env...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	desc := strings.TrimSpace(strings.Join(env, " ") + " go " + strings.Join(args, " "))
	if err != nil {
		t.Fatalf("%s: %v\n%s", desc, err, out)
	}
	t.Logf("%s (%.1f s):\n%s", desc, time.Since(start).Seconds(), out)
}

// TestSIMDBuild vets the SIMD build (GOEXPERIMENT=simd: the generated
// *_ein_simd.go files and the runtime's vector kernels) and reruns in it the
// build-dependent tests with the same goldens as the portable build (and
// type-checks the SIMD file of every model of the fuzz corpus,
// codegen.FuzzPipeline): the spike goldens are exact on amd64, so this
// proves the SIMD code bit-identical to the scalar code, for 1, 2 and 3
// workers. On an AVX-512 machine it runs them twice: with the eight-lane
// code the machine picks, and with the four-lane code (EINETC_VECTOR=avx2)
// that AVX2 machines pick. Part of go test ./..., so CI runs it.
func TestSIMDBuild(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("the SIMD build is amd64 only")
	}
	if strings.Contains(os.Getenv("GOEXPERIMENT"), "simd") {
		t.Skip("already the SIMD build")
	}
	if testing.Short() {
		t.Skip("builds and runs the SIMD tests")
	}
	pkgs := nestedPackages(t)
	env := []string{"GOEXPERIMENT=simd"}
	goTest(t, env, "vet", "./runtime", "./codegen", "./golden/...", "./examples/...")
	deadline, ok := t.Deadline()
	goTest(t, env, append([]string{"test", "-count=1", timeoutFlag(deadline, ok, time.Now()), "-run", buildDependent}, pkgs...)...)
	if einrt.VectorKernels() == "avx512" {
		// This machine ran the eight-lane phases and kernels above; run the
		// four-lane ones too, which AVX2-only machines use, against the same
		// goldens.
		env = append(env, "EINETC_VECTOR=avx2")
		goTest(t, env, append([]string{"test", "-count=1", timeoutFlag(deadline, ok, time.Now()), "-run", buildDependent}, pkgs...)...)
	}
}

// TestPuregoBuild reruns the build-dependent tests with -tags purego, the
// build without the runtime's amd64 assembly (what other architectures
// run): the same exact spike goldens then prove the assembly kernels
// bit-identical to the scalar Go code on whole simulations.
func TestPuregoBuild(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("the assembly kernels are amd64 only")
	}
	if testing.Short() {
		t.Skip("builds and runs the purego tests")
	}
	deadline, ok := t.Deadline()
	goTest(t, nil, append([]string{"test", "-count=1", "-tags=purego", timeoutFlag(deadline, ok, time.Now()), "-run", buildDependent}, nestedPackages(t)...)...)
}

func TestTimeoutFlag(t *testing.T) {
	now := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		left time.Duration
		ok   bool
		want string
	}{
		{0, false, "-timeout=0"},                       // go test -timeout 0
		{25 * time.Minute, true, "-timeout=24m30s"},    // -timeout 25m: 30 s kept for the outer test
		{10 * time.Minute, true, "-timeout=9m30s"},     // go test's default
		{100 * time.Second, true, "-timeout=1m30s"},    // a tenth kept when that is less than 30 s
		{-5 * time.Second, true, "-timeout=1s"},        // past the deadline: fail fast, never "no limit"
		{1500 * time.Millisecond, true, "-timeout=1s"}, // rounded
	} {
		if got := timeoutFlag(now.Add(c.left), c.ok, now); got != c.want {
			t.Errorf("timeoutFlag(%v left, %v) = %s, want %s", c.left, c.ok, got, c.want)
		}
	}
}
