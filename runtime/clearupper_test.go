//go:build goexperiment.simd && amd64 && !purego

package runtime

import "testing"

// TestClearUpper checks that ClearUpper leaves the vector registers' upper
// halves clean (XINUSE bits 2 and 6): generated code relies on it to keep
// its scalar loops from running ~200× slower after a preemption has
// restored the ZMM registers (simd.go).
func TestClearUpper(t *testing.T) {
	if cpuLevel() < vecAVX2 {
		t.Skip("no AVX2")
	}
	if _, ok := upperInUse(); !ok {
		t.Skip("no XGETBV with ECX = 1")
	}
	dirtyUpper()
	if bits, _ := upperInUse(); bits == 0 {
		t.Fatal("dirtyUpper left XINUSE clean: the check below would prove nothing")
	}
	ClearUpper()
	if bits, _ := upperInUse(); bits != 0 {
		t.Fatalf("after ClearUpper XINUSE upper-half bits = %#x, want 0", bits)
	}
}
