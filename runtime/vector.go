package runtime

import (
	"fmt"
	"os"
)

// Vector levels: the widest kernels a process uses. On amd64 the runtime's
// slice functions (exponentials, table lookups) run AVX-512 assembly where
// the CPU has it, AVX2 assembly where it has AVX2 and FMA, and Go loops
// elsewhere; in the GOEXPERIMENT=simd build, generated code runs its
// archsimd phases on eight lanes (AVX-512) or four (AVX2) the same way.
// Every level gives the same bits: each lane repeats the scalar code's
// operations in its order.
//
// The environment variable EINETC_VECTOR caps the level for the process:
// "avx2" keeps to the four-lane kernels on an AVX-512 machine, "scalar"
// to the Go loops, "avx512" (or unset) allows everything the CPU has. The
// tests use it to run the narrower paths on a machine that has the wider
// ones.
const (
	vecScalar = iota
	vecAVX2
	vecAVX512
)

var vecNames = [...]string{"scalar", "avx2", "avx512"}

// envLevel is the level EINETC_VECTOR allows; envErr says why a value was
// not understood (the level is then not capped).
var envLevel, envErr = parseVector(os.Getenv("EINETC_VECTOR"))

func parseVector(s string) (int, error) {
	if s == "" {
		return vecAVX512, nil
	}
	for l, n := range vecNames {
		if s == n {
			return l, nil
		}
	}
	return vecAVX512, fmt.Errorf("EINETC_VECTOR=%q is none of scalar, avx2, avx512; not capping the vector kernels", s)
}

// VectorKernels returns the widest kernels the runtime's slice functions
// use in this process: "avx512", "avx2" or "scalar". VectorError reports an
// EINETC_VECTOR value that was not understood.
func VectorKernels() string { return vecNames[asmLevel] }

// VectorError returns the reason an EINETC_VECTOR setting was ignored, or
// nil.
func VectorError() error { return envErr }
