//go:build goexperiment.simd && amd64

package runtime

import (
	"math"
	"simd/archsimd"
)

// Every exit to scalar code clears the upper halves of the vector registers
// (VZEROUPPER): the Go compiler does not, and scalar SSE code that follows
// dirty upper halves runs several times slower on the CPUs measured here.
//
// The AVX2 forms of the slice functions, built with GOEXPERIMENT=simd on
// amd64 and used when the CPU has AVX2. Four lanes run the scalar
// algorithm's operations in the scalar's order, with no fused multiply-add
// (the table lookups are four scalar loads, AVX2 having no gather in
// archsimd), so each lane's result is bit-identical to the scalar
// function's: a model gives the same spikes built with or without SIMD. A
// group of four with a lane outside the fast path (near overflow or
// underflow, NaN, or 0 for exprel) goes to the scalar code.

var hasAVX2 = archsimd.X86.AVX2()

// SIMD reports whether the slice functions use AVX2.
func SIMD() bool { return hasAVX2 }

type f4 = archsimd.Float64x4

func bc(x float64) f4 { return archsimd.BroadcastFloat64x4(x) }

// reduce4 is reduce on four lanes; it returns r, 2^m and the table
// indices (j + 32 in the low six bits of each lane of u).
func reduce4(a f4) (r, pm f4, u archsimd.Uint64x4) {
	t := a.Mul(bc(inv64)).Add(bc(round))
	kf := t.Sub(bc(round))
	r = a.Sub(kf.Mul(bc(l64Hi))).Sub(kf.Mul(bc(l64Lo)))
	u = t.AsUint64x4().Add(archsimd.BroadcastUint64x4(32))
	// m = floor((k + 32)/64), exactly, in floating point: a shift right by
	// a count would need a legacy-SSE MOVQ in the loop.
	m := kf.Add(bc(32)).Mul(bc(1.0 / 64)).Floor()
	pm = m.Add(bc(round)).AsUint64x4().Add(archsimd.BroadcastUint64x4(1023)).ShiftAllLeft(52).AsFloat64x4()
	return r, pm, u
}

// em1Poly4 is em1Poly on four lanes.
func em1Poly4(r f4) f4 {
	p := bc(c5).Add(r.Mul(bc(c6)))
	p = bc(c4).Add(r.Mul(p))
	p = bc(c3).Add(r.Mul(p))
	p = bc(c2).Add(r.Mul(p))
	return r.Add(r.Mul(r).Mul(p))
}

// The tables as bits, so that lookups are integer loads: mixing scalar SSE
// floating-point instructions into the AVX loop costs transitions.
var expTabBits, expTabM1Bits [64]uint64

func init() {
	for i := range 64 {
		expTabBits[i] = math.Float64bits(expTab[i])
		expTabM1Bits[i] = math.Float64bits(expTabM1[i])
	}
}

// lookup4 loads tab at the four indices.
// The indices and entries move between vector and general registers
// (VPEXTRQ, VPINSRQ): through memory, the narrow stores and the wide load
// defeat store forwarding and the loop runs several times slower.
func lookup4(tab *[64]uint64, u archsimd.Uint64x4) f4 {
	lo, hi := u.GetLo(), u.GetHi()
	var z archsimd.Uint64x2
	vlo := z.SetElem(0, tab[lo.GetElem(0)&63]).SetElem(1, tab[lo.GetElem(1)&63])
	vhi := z.SetElem(0, tab[hi.GetElem(0)&63]).SetElem(1, tab[hi.GetElem(1)&63])
	var v archsimd.Uint64x4
	return v.SetLo(vlo).SetHi(vhi).AsFloat64x4()
}

// fast4 reports whether all four lanes are in the fast range.
func fast4(a f4) bool {
	return a.Greater(bc(loFast)).And(a.Less(bc(hiFast))).ToBits() == 0xf
}

func expSliceSIMD(x []float64) bool {
	if !hasAVX2 {
		return false
	}
	k := 0
	for ; k+4 <= len(x); k += 4 {
		a := archsimd.LoadFloat64x4Slice(x[k:])
		if !fast4(a) {
			archsimd.ClearAVXUpperBits()
			expSliceScalar(x[k : k+4])
			continue
		}
		r, pm, u := reduce4(a)
		t := lookup4(&expTabBits, u)
		t.Add(t.Mul(em1Poly4(r))).Mul(pm).StoreSlice(x[k:])
	}
	archsimd.ClearAVXUpperBits()
	expSliceScalar(x[k:])
	return true
}

// em1SliceSIMD is Expm1Slice, ExprelSlice or ExprelInvSlice (what).
func em1SliceSIMD(x []float64, what int) bool {
	if !hasAVX2 {
		return false
	}
	k := 0
	for ; k+4 <= len(x); k += 4 {
		a := archsimd.LoadFloat64x4Slice(x[k:])
		// a.Sub(a) is 0 here (a is finite): bc(0) would be a legacy-SSE XORPS.
		if !fast4(a) || (what != em1Plain && a.Equal(a.Sub(a)).ToBits() != 0) {
			archsimd.ClearAVXUpperBits()
			em1SliceScalar(x[k:k+4], what)
			continue
		}
		r, pm, u := reduce4(a)
		e := pm.Mul(lookup4(&expTabM1Bits, u).Add(lookup4(&expTabBits, u).Mul(em1Poly4(r)))).Add(pm.Sub(bc(1)))
		switch what {
		case em1Rel:
			e = e.Div(a)
		case em1RelInv:
			e = a.Div(e)
		}
		e.StoreSlice(x[k:])
	}
	archsimd.ClearAVXUpperBits()
	em1SliceScalar(x[k:], what)
	return true
}

func em1SliceScalar(x []float64, what int) {
	switch what {
	case em1Plain:
		expm1SliceScalar(x)
	case em1Rel:
		exprelSliceScalar(x)
	default:
		exprelInvSliceScalar(x)
	}
}
