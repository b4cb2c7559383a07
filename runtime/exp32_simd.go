//go:build goexperiment.simd && amd64

package runtime

import "simd/archsimd"

// The vector kernels of the float32 exponentials: Exp32's operations
// (exp32.go) on sixteen lanes (AVX-512) or eight (AVX2) in the assembly
// of every amd64 build without -tags purego (exp32_512_amd64.s,
// exp32_avx2_amd64.s: archsimd's code spilled its constants every
// iteration), and with it on eight in archsimd (kernel32x8), in the same
// order, fused where the scalar code calls fma32, so that every lane
// returns the scalar function's bits. exp32_kernels.go picks the kernel.

// simd32x8 reports whether this CPU runs kernel32x8 (exp32_kernels.go
// uses it where this build has no assembly: -tags purego).
func simd32x8() bool { return archsimd.X86.AVX2() && archsimd.X86.FMA() }

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
