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
		lo, hi   = archsimd.BroadcastFloat32x8(loFast32), archsimd.BroadcastFloat32x8(hiFast32)
		inv, rnd = archsimd.BroadcastFloat32x8(inv8l2), archsimd.BroadcastFloat32x8(round32)
		c1, c2   = archsimd.BroadcastFloat32x8(l8Hi), archsimd.BroadcastFloat32x8(l8Lo)
		k2, k3   = archsimd.BroadcastFloat32x8(q2), archsimd.BroadcastFloat32x8(q3)
		k4, one  = archsimd.BroadcastFloat32x8(q4), archsimd.BroadcastFloat32x8(1)
		seven    = archsimd.BroadcastUint32x8(7)
		bias     = archsimd.BroadcastUint32x8(127 << 23)
		tab      = archsimd.LoadFloat32x8(&exp2Tab)
		tabLo    = archsimd.LoadFloat32x8(&exp2TabLo)
		zero     = one.Sub(one) // not BroadcastFloat32x8(0): its XORPS is legacy SSE, slow after AVX code
	)
	i := 0
	for ; i+8 <= len(x); i += 8 {
		p := (*[8]float32)(x[i : i+8])
		a := archsimd.LoadFloat32x8(p)
		if a.Greater(lo).And(a.Less(hi)).ToBits() != 0xff {
			break
		}
		t := a.Mul(inv).Add(rnd)
		kf := t.Sub(rnd)
		r := a.Sub(kf.Mul(c1)).Sub(kf.Mul(c2))
		y := k4.Mul(r).Add(k3)
		y = y.Mul(r).Add(k2)
		em := y.Mul(r.Mul(r)).Add(r)
		b := t.AsUint32x8()
		j := b.And(seven)
		pm := b.Sub(j).ShiftAllLeft(20).Add(bias).AsFloat32x8() // a right shift's count would be a legacy-SSE MOVQ in the loop
		u := pm.Mul(tab.Permute(j))
		var res archsimd.Float32x8
		switch what {
		case kExp:
			res = u.Mul(em).Add(u)
		case kExpm1:
			res = u.Sub(one).Add(u.Mul(em).Add(pm.Mul(tabLo.Permute(j))))
		case kExprel:
			res = u.Sub(one).Add(u.Mul(em).Add(pm.Mul(tabLo.Permute(j)))).Div(a).Merge(one, a.NotEqual(zero))
		default:
			res = a.Div(u.Sub(one).Add(u.Mul(em).Add(pm.Mul(tabLo.Permute(j))))).Merge(one, a.NotEqual(zero))
		}
		res.Store(p)
	}
	archsimd.ClearAVXUpperBits()
	return i
}

// exp2Tab16 and exp2TabLo16 are the tables twice over, for the
// sixteen-lane VPERMPS (indices stay below 8).
var exp2Tab16, exp2TabLo16 [16]float32

func init() {
	copy(exp2Tab16[:], exp2Tab[:])
	copy(exp2Tab16[8:], exp2Tab[:])
	copy(exp2TabLo16[:], exp2TabLo[:])
	copy(exp2TabLo16[8:], exp2TabLo[:])
}

func kernel32x16(x []float32, what int) int {
	var (
		lo, hi   = archsimd.BroadcastFloat32x16(loFast32), archsimd.BroadcastFloat32x16(hiFast32)
		inv, rnd = archsimd.BroadcastFloat32x16(inv8l2), archsimd.BroadcastFloat32x16(round32)
		c1, c2   = archsimd.BroadcastFloat32x16(l8Hi), archsimd.BroadcastFloat32x16(l8Lo)
		k2, k3   = archsimd.BroadcastFloat32x16(q2), archsimd.BroadcastFloat32x16(q3)
		k4, one  = archsimd.BroadcastFloat32x16(q4), archsimd.BroadcastFloat32x16(1)
		seven    = archsimd.BroadcastUint32x16(7)
		bias     = archsimd.BroadcastUint32x16(127 << 23)
		tab      = archsimd.LoadFloat32x16(&exp2Tab16)
		tabLo    = archsimd.LoadFloat32x16(&exp2TabLo16)
		zero     = one.Sub(one) // not BroadcastFloat32x16(0): its XORPS is legacy SSE, slow after AVX code
	)
	i := 0
	for ; i+16 <= len(x); i += 16 {
		p := (*[16]float32)(x[i : i+16])
		a := archsimd.LoadFloat32x16(p)
		if a.Greater(lo).And(a.Less(hi)).ToBits() != 0xffff {
			break
		}
		t := a.Mul(inv).Add(rnd)
		kf := t.Sub(rnd)
		r := a.Sub(kf.Mul(c1)).Sub(kf.Mul(c2))
		y := k4.Mul(r).Add(k3)
		y = y.Mul(r).Add(k2)
		em := y.Mul(r.Mul(r)).Add(r)
		b := t.AsUint32x16()
		j := b.And(seven)
		pm := b.Sub(j).ShiftAllLeft(20).Add(bias).AsFloat32x16() // a right shift's count would be a legacy-SSE MOVQ in the loop
		u := pm.Mul(tab.Permute(j))
		var res archsimd.Float32x16
		switch what {
		case kExp:
			res = u.Mul(em).Add(u)
		case kExpm1:
			res = u.Sub(one).Add(u.Mul(em).Add(pm.Mul(tabLo.Permute(j))))
		case kExprel:
			res = u.Sub(one).Add(u.Mul(em).Add(pm.Mul(tabLo.Permute(j)))).Div(a).Merge(one, a.NotEqual(zero))
		default:
			res = a.Div(u.Sub(one).Add(u.Mul(em).Add(pm.Mul(tabLo.Permute(j))))).Merge(one, a.NotEqual(zero))
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
