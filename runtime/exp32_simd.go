//go:build goexperiment.simd && amd64

package runtime

import "simd/archsimd"

// The vector kernels of the float32 exponentials: Exp32's operations
// (exp32.go) on eight lanes (AVX2) or sixteen (AVX-512), in the same order,
// so that every lane returns the scalar function's bits.

func init() {
	switch { // EINETC_VECTOR caps the width as it caps the float64 kernels (vector.go)
	case archsimd.X86.AVX512() && envLevel >= vecAVX512:
		lanes32 = 16
	case archsimd.X86.AVX2() && envLevel >= vecAVX2:
		lanes32 = 8
	}
}

// kernel32 runs the kernel of width lanes32.
func kernel32(x []float32, what int) int {
	switch lanes32 {
	case 16:
		return kernel32x16(x, what)
	case 8:
		return kernel32x8(x, what)
	}
	return 0
}

// f32Lanes is the width of the float32 kernels: 16, 8, or 1 (scalar).
func f32Lanes() int { return lanes32 }

func kernel32x8(x []float32, what int) int {
	var (
		lo, hi     = archsimd.BroadcastFloat32x8(loFast32), archsimd.BroadcastFloat32x8(hiFast32)
		l2e, rnd   = archsimd.BroadcastFloat32x8(log2e32), archsimd.BroadcastFloat32x8(round32)
		c1, c2     = archsimd.BroadcastFloat32x8(ln2Hi32), archsimd.BroadcastFloat32x8(ln2Lo32)
		q0, q1, q2 = archsimd.BroadcastFloat32x8(p0), archsimd.BroadcastFloat32x8(p1), archsimd.BroadcastFloat32x8(p2)
		q3, q4, q5 = archsimd.BroadcastFloat32x8(p3), archsimd.BroadcastFloat32x8(p4), archsimd.BroadcastFloat32x8(p5)
		one, zero  = archsimd.BroadcastFloat32x8(1), archsimd.BroadcastFloat32x8(0)
		bias       = archsimd.BroadcastInt32x8(127)
	)
	i := 0
	for ; i+8 <= len(x); i += 8 {
		p := (*[8]float32)(x[i : i+8])
		a := archsimd.LoadFloat32x8(p)
		if a.Greater(lo).And(a.Less(hi)).ToBits() != 0xff {
			break
		}
		t := a.Mul(l2e).Add(rnd)
		nf := t.Sub(rnd)
		r := a.Sub(nf.Mul(c1)).Sub(nf.Mul(c2))
		y := q5.Mul(r).Add(q4)
		y = y.Mul(r).Add(q3)
		y = y.Mul(r).Add(q2)
		y = y.Mul(r).Add(q1)
		y = y.Mul(r).Add(q0)
		em := y.Mul(r.Mul(r)).Add(r)
		pn := t.AsInt32x8().Add(bias).ShiftAllLeft(23).AsFloat32x8()
		var res archsimd.Float32x8
		switch what {
		case kExp:
			res = em.Add(one).Mul(pn)
		case kExpm1:
			res = pn.Mul(em).Add(pn.Sub(one))
		case kExprel:
			res = pn.Mul(em).Add(pn.Sub(one))
			res = res.Div(a).Merge(one, a.NotEqual(zero))
		default:
			res = pn.Mul(em).Add(pn.Sub(one))
			res = a.Div(res).Merge(one, a.NotEqual(zero))
		}
		res.Store(p)
	}
	archsimd.ClearAVXUpperBits()
	return i
}

func kernel32x16(x []float32, what int) int {
	var (
		lo, hi     = archsimd.BroadcastFloat32x16(loFast32), archsimd.BroadcastFloat32x16(hiFast32)
		l2e, rnd   = archsimd.BroadcastFloat32x16(log2e32), archsimd.BroadcastFloat32x16(round32)
		c1, c2     = archsimd.BroadcastFloat32x16(ln2Hi32), archsimd.BroadcastFloat32x16(ln2Lo32)
		q0, q1, q2 = archsimd.BroadcastFloat32x16(p0), archsimd.BroadcastFloat32x16(p1), archsimd.BroadcastFloat32x16(p2)
		q3, q4, q5 = archsimd.BroadcastFloat32x16(p3), archsimd.BroadcastFloat32x16(p4), archsimd.BroadcastFloat32x16(p5)
		one, zero  = archsimd.BroadcastFloat32x16(1), archsimd.BroadcastFloat32x16(0)
		bias       = archsimd.BroadcastInt32x16(127)
	)
	i := 0
	for ; i+16 <= len(x); i += 16 {
		p := (*[16]float32)(x[i : i+16])
		a := archsimd.LoadFloat32x16(p)
		if a.Greater(lo).And(a.Less(hi)).ToBits() != 0xffff {
			break
		}
		t := a.Mul(l2e).Add(rnd)
		nf := t.Sub(rnd)
		r := a.Sub(nf.Mul(c1)).Sub(nf.Mul(c2))
		y := q5.Mul(r).Add(q4)
		y = y.Mul(r).Add(q3)
		y = y.Mul(r).Add(q2)
		y = y.Mul(r).Add(q1)
		y = y.Mul(r).Add(q0)
		em := y.Mul(r.Mul(r)).Add(r)
		pn := t.AsInt32x16().Add(bias).ShiftAllLeft(23).AsFloat32x16()
		var res archsimd.Float32x16
		switch what {
		case kExp:
			res = em.Add(one).Mul(pn)
		case kExpm1:
			res = pn.Mul(em).Add(pn.Sub(one))
		case kExprel:
			res = pn.Mul(em).Add(pn.Sub(one))
			res = res.Div(a).Merge(one, a.NotEqual(zero))
		default:
			res = pn.Mul(em).Add(pn.Sub(one))
			res = a.Div(res).Merge(one, a.NotEqual(zero))
		}
		res.Store(p)
	}
	archsimd.ClearAVXUpperBits()
	return i
}

// kernelWidths32 lists the kernel widths this machine can run, widest
// first: tests force each in turn.
func kernelWidths32() []int {
	var w []int
	if archsimd.X86.AVX512() {
		w = append(w, 16)
	}
	if archsimd.X86.AVX2() {
		w = append(w, 8)
	}
	return append(w, 1)
}

// forceLanes32 selects the kernel of the given width (16, 8 or 1) and
// returns a function that restores the previous one.
func forceLanes32(lanes int) func() {
	l := lanes32
	lanes32 = lanes
	return func() { lanes32 = l }
}
