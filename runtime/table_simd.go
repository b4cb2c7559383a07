//go:build goexperiment.simd && amd64

package runtime

import (
	"simd/archsimd"
	"unsafe"
)

// atToSIMD is AtTo four lanes at a time, bit for bit At's result: the
// index and the interpolation are At's operations, and the entries are
// read as integers (see lookup4). A group with a lane outside the grid (or
// NaN) is looked up lane by lane with At.
func (t *Table) atToSIMD(dst, x []float64) bool {
	if !hasAVX2 || len(t.Data) < 2 {
		return false
	}
	last := len(t.Data) - 1
	bits := unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(t.Data))), len(t.Data))
	lo, inv := archsimd.BroadcastFloat64x4(t.Lo), archsimd.BroadcastFloat64x4(t.Inv)
	// float64(last) would be a legacy-SSE CVTSI2SD, slow after AVX code.
	lastv := archsimd.BroadcastInt32x4(int32(last)).ConvertToFloat64()
	var z archsimd.Uint64x2
	var w archsimd.Uint64x4
	k := 0
	for ; k+4 <= len(x); k += 4 {
		f := archsimd.LoadFloat64x4Slice(x[k:]).Sub(lo).Mul(inv)
		// f − f is 0 for finite f (NaN otherwise, which fails the test).
		if f.Greater(f.Sub(f)).And(f.Less(lastv)).ToBits() != 0xf {
			archsimd.ClearAVXUpperBits()
			for l := k; l < k+4; l++ {
				dst[l] = t.At(x[l])
			}
			continue
		}
		i := f.ConvertToInt32()
		i0, i1, i2, i3 := int(i.GetElem(0)), int(i.GetElem(1)), int(i.GetElem(2)), int(i.GetElem(3))
		d0 := w.SetLo(z.SetElem(0, bits[i0]).SetElem(1, bits[i1])).SetHi(z.SetElem(0, bits[i2]).SetElem(1, bits[i3])).AsFloat64x4()
		d1 := w.SetLo(z.SetElem(0, bits[i0+1]).SetElem(1, bits[i1+1])).SetHi(z.SetElem(0, bits[i2+1]).SetElem(1, bits[i3+1])).AsFloat64x4()
		d0.Add(f.Sub(f.Trunc()).Mul(d1.Sub(d0))).StoreSlice(dst[k:])
	}
	archsimd.ClearAVXUpperBits()
	for ; k < len(x); k++ {
		dst[k] = t.At(x[k])
	}
	return true
}
