//go:build amd64 && !purego

package runtime

import "math"

// On amd64 the slice functions run AVX2 assembly (fastexp_amd64.s) when the
// CPU has AVX2 and FMA (and the OS supports AVX), in both the portable and the
// GOEXPERIMENT=simd build. The Go compiler's code for the same loop (with
// archsimd, before commit bcdab2b) spilled the polynomial's operand to the
// stack between steps; the assembly keeps every constant and intermediate
// in registers (docs/performance.md has the step times at each commit).
// Each lane performs the scalar function's operations in its order
// (math.FMA as VFMADD), so the results are bit-identical to the scalar
// code's on every machine.

// asmLevel is the widest assembly this process runs: the CPU's, capped
// by EINETC_VECTOR (vector.go).
var asmLevel = min(cpuLevel(), envLevel)

func cpuLevel() int {
	switch {
	case cpuAVX512():
		return vecAVX512
	case cpuAVX2():
		return vecAVX2
	}
	return vecScalar
}

// cpuAVX2 reports whether the CPU has AVX2 and FMA and the OS saves the
// YMM registers (CPUID and XGETBV).
func cpuAVX2() bool

// cpuAVX512 reports whether the CPU also has AVX-512 F and the OS saves
// the ZMM and mask registers.
func cpuAVX512() bool

// expAVX2 replaces x[k] by e^x[k] for k = 0, 4, 8, … group by group, up
// to the first group of four with a lane outside the fast path, and
// returns the number of values done (a multiple of 4).
//
//go:noescape
func expAVX2(x []float64) int

// em1AVX2 is expAVX2 for Expm1, Exprel or ExprelInv (what); a lane equal
// to 0 also stops it.
//
//go:noescape
func em1AVX2(x []float64, what int) int

// pairAVX2 is expAVX2 or em1AVX2 (what) that also sets y[k] = 1/e^x[k]
// (the pair forms of batch.go), or with d not nil y[k] = 1 and d[k] = e^x[k]
// (the parts forms).
//
//go:noescape
func pairAVX2(x, y, d []float64, what int) int

// expDivAVX2 is expAVX2 that also sets q[k] = q[k]/d[k] for the values it
// does (ExpDivSlice).
//
//go:noescape
func expDivAVX2(x, q, d []float64) int

// exp512, em1512 and pair512 are expAVX2, em1AVX2 and pairAVX2 on eight
// lanes (fastexp512_amd64.s): they stop at the first group of eight they
// cannot do, and return a multiple of 8.
//
//go:noescape
func exp512(x []float64) int

//go:noescape
func em1512(x []float64, what int) int

//go:noescape
func pair512(x, y, d []float64, what int) int

//go:noescape
func expDiv512(x, q, d []float64) int

// avxK holds the kernels' constants, four copies each (one per lane); the
// assembly addresses them by the offsets of the kXxx indices × 32.
var avxK [18][4]uint64

// Indices into avxK (fastexp_amd64.s repeats them as byte offsets).
const (
	kInv64 = iota
	kRound
	kL64Hi
	kL64Lo
	kC2
	kC3
	kC4
	kC5
	kC6
	kLoFast
	kHiFast
	kOne
	kI32   // integer 32
	kI63   // integer 63
	kI1023 // integer 1023
	// The AVX-512 kernels' reduction (fastexp512_amd64.s) adds roundE or
	// roundM instead of round, so that t's bits already hold k + 32 (and
	// 1023·64 more for roundM: the exponent field of 2^m), and keeps the
	// top 12 bits of t<<46 (kHi12).
	kRoundE // round + 32
	kRoundM // round + 32 + 1023·64
	kHi12   // 0xfff0000000000000
)

// roundE and roundM are round plus even integers below 2^17: adding them
// to x·64/ln2 rounds as adding round does (the grid in [2^52, 2^53) has
// spacing 1, and an even offset keeps ties where they were), so
// t − roundE = t − roundM = k exactly as in reduce, and t's low bits are
// those of u in reduce (roundE) or of u + 1023·64 (roundM).
const (
	roundE = round + 32
	roundM = round + 32 + 1023*64
)

func init() {
	for i, v := range [...]float64{inv64, round, l64Hi, l64Lo, c2, c3, c4, c5, c6, loFast, hiFast, 1} {
		avxK[i] = [4]uint64{math.Float64bits(v), math.Float64bits(v), math.Float64bits(v), math.Float64bits(v)}
	}
	avxK[kI32] = [4]uint64{32, 32, 32, 32}
	avxK[kI63] = [4]uint64{63, 63, 63, 63}
	avxK[kI1023] = [4]uint64{1023, 1023, 1023, 1023}
	for i, v := range [...]uint64{math.Float64bits(roundE), math.Float64bits(roundM), 0xfff0000000000000} {
		avxK[kRoundE+i] = [4]uint64{v, v, v, v}
	}
}

// sliceAsm is the slice function of kind what with the widest kernel
// allowed (asmLevel); it reports false, having done nothing, when that is
// none. A group of eight the AVX-512 kernel stops at goes to the AVX2
// kernel, which hands the lanes it cannot do to the scalar loop.
//
// At AVX-512 the first kernel call is direct: it does a whole block of
// generated code unless a value is off the fast path or the length is not
// a multiple of 8 (inGroups and its closures cost a few ns per call).
func sliceAsm(x []float64, what int) bool {
	switch {
	case asmLevel >= vecAVX512:
		var done int
		if what == kExp {
			done = exp512(x)
		} else {
			done = em1512(x, what)
		}
		if done == len(x) {
			return true
		}
		x := x[done:]
		inGroups(len(x), 8, func(off int) int {
			if what == kExp {
				return exp512(x[off:])
			}
			return em1512(x[off:], what)
		}, func(lo, hi int) { slice4(x[lo:hi], what) })
	case asmLevel >= vecAVX2:
		slice4(x, what)
	default:
		return false
	}
	return true
}

func slice4(x []float64, what int) {
	inGroups(len(x), 4, func(off int) int {
		if what == kExp {
			return expAVX2(x[off:])
		}
		return em1AVX2(x[off:], what)
	}, func(lo, hi int) { sliceScalar(x[lo:hi], what) })
}

// pairAsm is the pair form of kind what with the widest kernel allowed,
// like sliceAsm (also the direct first call).
func pairAsm(x, y, d []float64, what int) bool {
	switch {
	case asmLevel >= vecAVX512:
		done := pair512(x, y, d, what)
		if done == len(x) {
			return true
		}
		x, y, d := x[done:], y[done:], part(d, done, len(d))
		inGroups(len(x), 8, func(off int) int { return pair512(x[off:], y[off:], part(d, off, len(d)), what) },
			func(lo, hi int) { pair4(x[lo:hi], y[lo:hi], part(d, lo, hi), what) })
	case asmLevel >= vecAVX2:
		pair4(x, y, d, what)
	default:
		return false
	}
	return true
}

func pair4(x, y, d []float64, what int) {
	inGroups(len(x), 4, func(off int) int { return pairAVX2(x[off:], y[off:], part(d, off, len(d)), what) },
		func(lo, hi int) { pairScalar(x[lo:hi], y[lo:hi], part(d, lo, hi), what) })
}

// expDivAsm is ExpDivSlice with the widest kernel allowed, like sliceAsm
// (also the direct first call).
func expDivAsm(x, q, d []float64) bool {
	switch {
	case asmLevel >= vecAVX512:
		done := expDiv512(x, q, d)
		if done == len(x) {
			return true
		}
		x, q, d := x[done:], q[done:], d[done:]
		inGroups(len(x), 8, func(off int) int { return expDiv512(x[off:], q[off:], d[off:]) },
			func(lo, hi int) { expDiv4(x[lo:hi], q[lo:hi], d[lo:hi]) })
	case asmLevel >= vecAVX2:
		expDiv4(x, q, d)
	default:
		return false
	}
	return true
}

func expDiv4(x, q, d []float64) {
	inGroups(len(x), 4, func(off int) int { return expDivAVX2(x[off:], q[off:], d[off:]) },
		func(lo, hi int) { expDivScalar(x[lo:hi], q[lo:hi], d[lo:hi]) })
}

// scale512 and scaleAVX2 multiply x[k] by f for k below the largest
// multiple of 32 (16) not above len(x) and return it (ScaleSlice).
//
//go:noescape
func scale512(x []float64, f float64) int

//go:noescape
func scaleAVX2(x []float64, f float64) int

// scaleAsm multiplies a prefix of x by k with the widest kernel allowed
// and returns its length.
func scaleAsm(x []float64, k float64) int {
	switch {
	case asmLevel >= vecAVX512:
		return scale512(x, k)
	case asmLevel >= vecAVX2:
		return scaleAVX2(x, k)
	}
	return 0
}

// indDecay512 and indDecayAVX2 are scale512 and scaleAVX2 for
// IndDecaySlice: x[k] + a·((−x[k])·b).
//
//go:noescape
func indDecay512(x []float64, a, b float64) int

//go:noescape
func indDecayAVX2(x []float64, a, b float64) int

// indDecayAsm is IndDecaySlice on a prefix of x with the widest kernel
// allowed; it returns the prefix's length.
func indDecayAsm(x []float64, a, b float64) int {
	switch {
	case asmLevel >= vecAVX512:
		return indDecay512(x, a, b)
	case asmLevel >= vecAVX2:
		return indDecayAVX2(x, a, b)
	}
	return 0
}

// expEuler512 and expEulerAVX2 do ExpEulerSlice for k below the largest
// multiple of 16 (8) not above len(s), return it, and return the sum of
// n − n over the new values n they computed (+0, or NaN if one is not
// finite).
//
//go:noescape
func expEuler512(s, b, c []float64) (int, float64)

//go:noescape
func expEulerAVX2(s, b, c []float64) (int, float64)

// expEulerAsm is ExpEulerSlice on a prefix of s with the widest kernel
// allowed; it returns the prefix's length and its sum of n − n.
func expEulerAsm(s, b, c []float64) (int, float64) {
	switch {
	case asmLevel >= vecAVX512:
		return expEuler512(s, b, c)
	case asmLevel >= vecAVX2:
		return expEulerAVX2(s, b, c)
	}
	return 0, 0
}

// indEuler512 and indEulerAVX2 are expEuler512 and expEulerAVX2 for
// IndEulerSlice.
//
//go:noescape
func indEuler512(s, c, b []float64, h float64) (int, float64)

//go:noescape
func indEulerAVX2(s, c, b []float64, h float64) (int, float64)

// indEulerAsm is IndEulerSlice on a prefix of s with the widest kernel
// allowed; it returns the prefix's length and its sum of n − n.
func indEulerAsm(s, c, b []float64, h float64) (int, float64) {
	switch {
	case asmLevel >= vecAVX512:
		return indEuler512(s, c, b, h)
	case asmLevel >= vecAVX2:
		return indEulerAVX2(s, c, b, h)
	}
	return 0, 0
}

// above512 and aboveAVX2 fill the words of AboveMask's mask for whole
// words of 64 values and return how many words they filled.
//
//go:noescape
func above512(x []float64, th float64, mask []uint64) int

//go:noescape
func aboveAVX2(x []float64, th float64, mask []uint64) int

// aboveAsm is AboveMask on a prefix of whole words with the widest kernel
// allowed; it returns the number of words done.
func aboveAsm(x []float64, th float64, mask []uint64) int {
	switch {
	case asmLevel >= vecAVX512:
		return above512(x, th, mask)
	case asmLevel >= vecAVX2:
		return aboveAVX2(x, th, mask)
	}
	return 0
}

// upperInUse and dirtyUpper (xinuse_amd64.s) let TestClearUpper see the
// state that runtime.ClearUpper clears.
func upperInUse() (bits uint32, ok bool)

func dirtyUpper()
