package golden_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestSIMDBuild vets and tests the SIMD build (GOEXPERIMENT=simd: the
// generated *_ein_simd.go files and the runtime's AVX2 kernels) with the
// same goldens as the portable build (and type-checks the SIMD file of
// every model of the fuzz corpus, codegen.FuzzPipeline): the spike goldens are exact on amd64,
// so this proves the SIMD code bit-identical to the scalar code, for 1, 2
// and 3 workers. Part of go test ./..., so CI runs it.
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
	pkgs := []string{"./runtime", "./codegen", "./golden/...", "./examples/..."}
	for _, args := range [][]string{append([]string{"vet"}, pkgs...), append([]string{"test", "-count=1"}, pkgs...)} {
		cmd := exec.Command("go", args...)
		cmd.Dir = ".."
		cmd.Env = append(os.Environ(), "GOEXPERIMENT=simd")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("GOEXPERIMENT=simd go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		t.Logf("GOEXPERIMENT=simd go %s:\n%s", args[0], out)
	}
}

// TestPuregoBuild runs the runtime and model tests with -tags purego, the
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
	args := []string{"test", "-count=1", "-tags=purego", "./runtime", "./examples/..."}
	cases, _ := filepath.Glob("*/sim_test.go") // every golden case (not this package)
	for _, c := range cases {
		args = append(args, "./golden/"+filepath.Dir(c))
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = ".."
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test -tags=purego: %v\n%s", err, out)
	}
	t.Logf("go test -tags=purego:\n%s", out)
}
