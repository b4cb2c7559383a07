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

// The loops below keep their constants in local vectors, broadcast once per
// call (the compiler does not hoist broadcasts, and they cost as much as
// the arithmetic), and spell out the reduction and the polynomial (helpers
// taking the constants as a struct are copied with legacy SSE moves).

// sliceSIMD is the slice function of kind what on four lanes at a time. Exp
// and the expm1 family have a loop each: one loop with a switch on the kind
// made the COBAHH step 2.5 % slower.
func sliceSIMD(x []float64, what int) bool {
	if what == kExp {
		return expSliceSIMD(x)
	}
	return em1SliceSIMD(x, what)
}

func expSliceSIMD(x []float64) bool {
	if !hasAVX2 {
		return false
	}
	vinv64, vround, vhi, vlo, v32, vby64 := bc(inv64), bc(round), bc(l64Hi), bc(l64Lo), bc(32), bc(1.0/64)
	vc2, vc3, vc4, vc5, vc6 := bc(c2), bc(c3), bc(c4), bc(c5), bc(c6)
	vmin, vmax := bc(loFast), bc(hiFast)
	u32, u1023 := archsimd.BroadcastUint64x4(32), archsimd.BroadcastUint64x4(1023)
	j := 0
	for ; j+4 <= len(x); j += 4 {
		a := archsimd.LoadFloat64x4Slice(x[j:])
		if a.Greater(vmin).And(a.Less(vmax)).ToBits() != 0xf {
			archsimd.ClearAVXUpperBits()
			sliceScalar(x[j:j+4], kExp)
			continue
		}
		// reduce
		t := a.Mul(vinv64).Add(vround)
		kf := t.Sub(vround)
		r := a.Sub(kf.Mul(vhi)).Sub(kf.Mul(vlo))
		u := t.AsUint64x4().Add(u32)
		// 2^m with m = floor((k + 32)/64), exactly, in floating point: a
		// shift right by a count would need a legacy-SSE MOVQ in the loop.
		pm := kf.Add(v32).Mul(vby64).Floor().Add(vround).AsUint64x4().Add(u1023).ShiftAllLeft(52).AsFloat64x4()
		// em1Poly
		p := vc5.Add(r.Mul(vc6))
		p = vc4.Add(r.Mul(p))
		p = vc3.Add(r.Mul(p))
		p = vc2.Add(r.Mul(p))
		em := r.Add(r.Mul(r).Mul(p))
		tab := lookup4(&expTabBits, u)
		tab.Add(tab.Mul(em)).Mul(pm).StoreSlice(x[j:])
	}
	archsimd.ClearAVXUpperBits()
	sliceScalar(x[j:], kExp)
	return true
}

// em1SliceSIMD is Expm1Slice, ExprelSlice or ExprelInvSlice (what).
func em1SliceSIMD(x []float64, what int) bool {
	if !hasAVX2 {
		return false
	}
	vinv64, vround, vhi, vlo, v32, vby64 := bc(inv64), bc(round), bc(l64Hi), bc(l64Lo), bc(32), bc(1.0/64)
	vc2, vc3, vc4, vc5, vc6 := bc(c2), bc(c3), bc(c4), bc(c5), bc(c6)
	vmin, vmax, one := bc(loFast), bc(hiFast), bc(1)
	u32, u1023 := archsimd.BroadcastUint64x4(32), archsimd.BroadcastUint64x4(1023)
	j := 0
	for ; j+4 <= len(x); j += 4 {
		a := archsimd.LoadFloat64x4Slice(x[j:])
		// a.Sub(a) is 0 here (a is finite): bc(0) would be a legacy-SSE XORPS.
		if a.Greater(vmin).And(a.Less(vmax)).ToBits() != 0xf || (what != kExpm1 && a.Equal(a.Sub(a)).ToBits() != 0) {
			archsimd.ClearAVXUpperBits()
			sliceScalar(x[j:j+4], what)
			continue
		}
		t := a.Mul(vinv64).Add(vround)
		kf := t.Sub(vround)
		r := a.Sub(kf.Mul(vhi)).Sub(kf.Mul(vlo))
		u := t.AsUint64x4().Add(u32)
		pm := kf.Add(v32).Mul(vby64).Floor().Add(vround).AsUint64x4().Add(u1023).ShiftAllLeft(52).AsFloat64x4()
		p := vc5.Add(r.Mul(vc6))
		p = vc4.Add(r.Mul(p))
		p = vc3.Add(r.Mul(p))
		p = vc2.Add(r.Mul(p))
		em := r.Add(r.Mul(r).Mul(p))
		e := pm.Mul(lookup4(&expTabM1Bits, u).Add(lookup4(&expTabBits, u).Mul(em))).Add(pm.Sub(one))
		switch what {
		case kExprel:
			e = e.Div(a)
		case kExprelInv:
			e = a.Div(e)
		}
		e.StoreSlice(x[j:])
	}
	archsimd.ClearAVXUpperBits()
	sliceScalar(x[j:], what)
	return true
}
