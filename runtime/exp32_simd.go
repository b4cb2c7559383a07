//go:build goexperiment.simd && amd64

package runtime

import "simd/archsimd"

// The vector kernels of the float32 exponentials: Exp32's operations
// (exp32.go) on sixteen lanes (AVX-512) or eight (AVX2) in the assembly
// of every amd64 build (exp32_512_amd64.s, exp32_avx2_amd64.s: archsimd's
// code spilled its constants every iteration), and with -tags purego on
// eight in archsimd (kernel32x8), in the same order, fused where the
// scalar code calls fma32, so that every lane returns the scalar
// function's bits.

func init() {
	switch { // EINETC_VECTOR caps the width as it caps the float64 kernels (vector.go)
	case asm32x16 && asmLevel >= vecAVX512: // exp32_off.go's condition
		lanes32 = 16
	case archsimd.X86.AVX2() && archsimd.X86.FMA() && envLevel >= vecAVX2:
		lanes32 = 8
	}
}

// kernel32 runs the kernel of width lanes32.
func kernel32(x []float32, what int) int {
	switch lanes32 {
	case 16:
		return exp32x16(x, what)
	case 8:
		if asm32x8 {
			return exp32x8(x, what)
		}
		return kernel32x8(x, what, nil, nil, nil, nil)
	}
	return 0
}

// kernelDiv32 runs ExpDivSlice32's kernel of width lanes32.
func kernelDiv32(x, q, d []float32) int {
	switch lanes32 {
	case 16:
		return expDiv32x16(x, q, d)
	case 8:
		if asm32x8 {
			return expDiv32x8(x, q, d)
		}
		return kernel32x8(x, kExp, q, d, nil, nil)
	}
	return 0
}

// kernelPair32 runs the pair forms' kernel of width lanes32.
func kernelPair32(x, y, e []float32, what int) int {
	switch lanes32 {
	case 16:
		return pair32x16(x, y, e, what)
	case 8:
		if asm32x8 {
			return pair32x8(x, y, e, what)
		}
		return kernel32x8(x, what, nil, nil, y, e)
	}
	return 0
}

// kernel32x8 is the eight-lane kernel of what; for ExpDivSlice32 (what is
// kExp and q is not nil) it also divides q by d; for the pair forms (ny
// not nil) it also sets ny to 1/e^x, or ny to 1 and ne to e^x (the parts
// forms, ne not nil).
func kernel32x8(x []float32, what int, q, d, ny, ne []float32) int {
	if q != nil {
		q, d = q[:len(x)], d[:len(x)]
	}
	if ny != nil {
		ny = ny[:len(x)]
	}
	if ne != nil {
		ne = ne[:len(x)]
	}
	var (
		lo, hi   = archsimd.BroadcastFloat32x8(loFast32), archsimd.BroadcastFloat32x8(hiFast32)
		inv, rnd = archsimd.BroadcastFloat32x8(invl2), archsimd.BroadcastFloat32x8(round32)
		nHi, nLo = archsimd.BroadcastFloat32x8(-l2Hi), archsimd.BroadcastFloat32x8(-l2Lo)
		k2, k3   = archsimd.BroadcastFloat32x8(e2f32), archsimd.BroadcastFloat32x8(e3f32)
		k4, k5   = archsimd.BroadcastFloat32x8(e4f32), archsimd.BroadcastFloat32x8(e5f32)
		k6, one  = archsimd.BroadcastFloat32x8(e6f32), archsimd.BroadcastFloat32x8(1)
		bias     = archsimd.BroadcastUint32x8(127 << 23)
		zero     = one.Sub(one) // not BroadcastFloat32x8(0): its XORPS is legacy SSE, slow after AVX code
	)
	i := 0
	for ; i+8 <= len(x); i += 8 {
		px := (*[8]float32)(x[i : i+8])
		a := archsimd.LoadFloat32x8(px)
		if a.Greater(lo).And(a.Less(hi)).ToBits() != 0xff {
			break
		}
		t := a.MulAdd(inv, rnd)
		k := t.Sub(rnd)
		r := k.MulAdd(nLo, k.MulAdd(nHi, a)) // fma(k, −c, x) = fma(−k, c, x)
		u := k6.MulAdd(r, k5)
		u = u.MulAdd(r, k4)
		u = u.MulAdd(r, k3)
		u = u.MulAdd(r, k2)
		p := u.MulAdd(r.Mul(r), r)
		s := t.AsUint32x8().ShiftAllLeft(23).Add(bias).AsFloat32x8()
		if ny != nil {
			ex := p.MulAdd(s, s)
			if ne != nil {
				one.Store((*[8]float32)(ny[i : i+8]))
				ex.Store((*[8]float32)(ne[i : i+8]))
			} else {
				one.Div(ex).Store((*[8]float32)(ny[i : i+8]))
			}
		}
		var res archsimd.Float32x8
		switch what {
		case kExp:
			res = p.MulAdd(s, s)
			if q != nil {
				pq := (*[8]float32)(q[i : i+8])
				archsimd.LoadFloat32x8(pq).Div(archsimd.LoadFloat32x8((*[8]float32)(d[i : i+8]))).Store(pq)
			}
		case kExpm1:
			res = p.MulAdd(s, s.Sub(one))
		case kExprel:
			res = p.MulAdd(s, s.Sub(one)).Div(a).Merge(one, a.NotEqual(zero))
		default:
			res = a.Div(p.MulAdd(s, s.Sub(one))).Merge(one, a.NotEqual(zero))
		}
		res.Store(px)
	}
	archsimd.ClearAVXUpperBits()
	return i
}

// kernelWidths32 lists the kernel widths this machine can run, widest
// first: tests force each in turn.
func kernelWidths32() []int {
	var w []int
	if asm32x16 && cpuLevel() >= vecAVX512 {
		w = append(w, 16)
	}
	if archsimd.X86.AVX2() && archsimd.X86.FMA() {
		w = append(w, 8)
	}
	return append(w, 1)
}
