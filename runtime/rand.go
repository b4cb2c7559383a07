package runtime

import (
	"math"
	"math/bits"
)

// gamma is the SplitMix64 increment, 2^64/φ rounded to odd.
const gamma = 0x9e3779b97f4a7c15

// seedSalt separates the seed from the ids when a key is derived.
const seedSalt = 0x243f6a8885a308d3 // the first hex digits of π

// mix64 is the SplitMix64 output function (Stafford's "Mix13" variant of
// the MurmurHash3 finalizer, as in java.util.SplittableRandom): a
// bijection of uint64 with full avalanche.
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// absorb folds the id x into the running key h. x is mixed on its own
// first (off the critical path of the chain), so that ids that differ in
// only a few low bits still give unrelated keys.
func absorb(h, x uint64) uint64 {
	return mix64(h ^ mix64(x+gamma))
}

// A Stream is a counter-based random number generator: the n-th value
// (n = 0, 1, …) of a stream with key k is mix64(k + (n+1)·γ), where γ is
// the SplitMix64 increment and mix64 its output function. A Stream is a
// small value (two words) that is built by [Key] without
// allocating; its methods advance the counter, so call them through a
// variable (s := Key(…); x := s.Float64()).
//
// The zero Stream is valid but shared by everyone who uses it; derive
// streams with Key instead.
type Stream struct {
	key uint64 // hash of (seed, ids)
	n   uint64 // number of values drawn so far
}

// Key returns the stream for seed and the three ids a, b and c. By the
// convention of this package (see the package documentation) a is a
// purpose id assigned by the compiler (a projection or a noise source),
// b an element index (a neuron or a row) and c a sub-index (0 if unused).
func Key(seed, a, b, c uint64) Stream {
	h := mix64(seed ^ seedSalt)
	h = absorb(h, a)
	h = absorb(h, b)
	h = absorb(h, c)
	return Stream{key: h}
}

// Uint64 returns the next 64 random bits of s.
func (s *Stream) Uint64() uint64 {
	s.n++
	return mix64(s.key + s.n*gamma)
}

// Uint64At returns the value that the i-th call (counting from 0) of
// Uint64 on a fresh copy of s would return, whatever the position of s.
// It gives O(1) random access, e.g. a per-neuron stream indexed by the
// step number: Key(seed, id, neuron, 0).Uint64At(step).
func (s Stream) Uint64At(i uint64) uint64 {
	return mix64(s.key + (i+1)*gamma)
}

// Float64 returns a uniform float64 in [0, 1): the top 53 bits of the
// next Uint64, scaled by 2^-53, so every multiple of 2^-53 in [0, 1) has
// probability 2^-53.
func (s *Stream) Float64() float64 {
	return toFloat(s.Uint64())
}

// toFloat maps the top 53 bits of x to [0, 1).
func toFloat(x uint64) float64 {
	return float64(x>>11) * 0x1p-53
}

// Intn returns a uniform int in [0, n), without bias, by Lemire's
// multiply-and-reject method ("Fast random integer generation in an
// interval", ACM TOMACS 2019). It consumes one Uint64, and with
// probability below n/2^64 a few more. It panics if n <= 0.
func (s *Stream) Intn(n int) int {
	if n <= 0 {
		fail("einrt: Stream.Intn: n <= 0")
	}
	bound := uint64(n)
	hi, lo := bits.Mul64(s.Uint64(), bound)
	if lo < bound {
		thresh := -bound % bound // 2^64 mod bound
		for lo < thresh {
			hi, lo = bits.Mul64(s.Uint64(), bound)
		}
	}
	return int(hi)
}

// Normal returns a standard normal deviate by the Box–Muller transform,
// sqrt(−2 ln u₁)·cos(2π u₂), with u₁ in (0, 1] and u₂ in [0, 1). Every
// call consumes exactly two Uint64 values and the sine partner is
// discarded: no value is cached between calls, so the k-th normal of a
// stream depends only on the stream key and k. The result is bounded by
// about 8.57 in magnitude (u₁ ≥ 2^-53).
func (s *Stream) Normal() float64 {
	u1 := float64(s.Uint64()>>11+1) * 0x1p-53
	u2 := s.Float64()
	return math.Sqrt(-2*math.Log(u1)) * math.Cos(2*math.Pi*u2)
}

// Uniform returns a uniform float64 in [0, 1) that depends only on its
// arguments: Uniform(seed, a, b, c) is the first Float64 of
// Key(seed, a, b, c). Generated code uses it for Poisson sources,
// spiking when Uniform(seed, sourceID, neuron, step) < rate·dt, so that
// the spikes do not depend on the order in which neurons are visited.
func Uniform(seed, a, b, c uint64) float64 {
	s := Key(seed, a, b, c)
	return toFloat(mix64(s.key + gamma))
}
