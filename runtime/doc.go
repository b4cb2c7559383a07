// Package runtime is the support library of the code that einetc
// generates: the only package, besides the standard library, that a
// generated simulation imports, conventionally as
//
//	import einrt "github.com/einetc/einetc/runtime"
//
// It imports nothing outside the standard library. It provides the
// version contract ([EnforceVersion]), numerics ([Exprel]), random
// numbers ([Stream], [Key], [Uniform]), connectivity rules returning a
// [CSR] ([FixedOutdegree], [FixedIndegree], [Bernoulli], [OneToOne],
// [AllToAll], [FromPairs]), delay buffers ([SpikeRing]), recorders
// ([SpikeRecorder], [TraceRecorder]) and file input and output
// ([ReadValues], [ReadPairs], [WriteNPY]).
//
// # Reproducibility
//
// A simulation is reproducible to the bit: the same seed gives the same
// network and the same spikes, whatever the number of goroutines that
// build or step it and whatever order they visit neurons in. So no random
// number comes from shared sequential state. Each comes from a stream
// named by a key,
//
//	(seed, purpose id, element index, sub-index)
//
// and the numbers of one stream depend on nothing but its key and their
// position in it. The ids follow these conventions:
//
//   - seed is the simulation seed, chosen by the user.
//   - The purpose id is assigned by the compiler, one per projection and
//     one per random source (noise, Poisson input, random initial value);
//     it is a single namespace, so two purposes never share an id.
//   - The element index is 0-based within the population range the
//     purpose ranges over: the presynaptic neuron for [FixedOutdegree]
//     and [Bernoulli], the postsynaptic neuron for [FixedIndegree], the
//     neuron for per-neuron noise.
//   - The sub-index separates several draws of one element, e.g. the step
//     number for Poisson sources, Uniform(seed, id, neuron, step). The
//     connectivity rules put a rule tag there (1 fixed out-degree,
//     2 fixed in-degree, 3 Bernoulli).
//
// # The generator
//
// The generator is SplitMix64 (G. L. Steele, D. Lea and C. H. Flood,
// "Fast splittable pseudorandom number generators", OOPSLA 2014; the
// generator of java.util.SplittableRandom) used as a counter-based
// generator:
//
//	value n of the stream with key k = mix64(k + (n+1)·γ)
//
// where γ = 0x9e3779b97f4a7c15 (the golden ratio times 2^64, odd) and
// mix64 is Stafford's "Mix13" variant of the MurmurHash3 64-bit
// finalizer, a bijection in which every input bit flips every output bit
// with probability close to 1/2. A SplitMix64 stream passes TestU01
// BigCrush (Steele et al.) and has period 2^64. Because the n-th value is a function of (k, n), a stream costs
// two words and one multiply-xorshift round per value, can be copied
// freely and supports random access ([Stream.Uint64At]).
//
// The key k hashes the seed and the ids in order:
//
//	h = mix64(seed ⊕ 0x243f6a8885a308d3)
//	h = mix64(h ⊕ mix64(id + γ))   for each id
//
// Each id is mixed on its own before it is combined, so neighbouring
// indices (neuron 7 and neuron 8) give unrelated keys, and every value
// passes through at least two rounds of mix64 after the last id. For a
// fixed prefix, the map from the last id to the key is a bijection, so
// two elements of one purpose never share a key. All streams walk the
// same 2^64-cycle from different, pseudo-random starting points; some two
// of S streams of length L overlap with probability about S²·L/2^64,
// below 10^-4 for 10^6 streams of 1000 values each (and an overlap only
// makes two streams share a stretch of values).
//
// This is not a cryptographic generator, and reproducibility is exact
// for a given build: [Stream.Normal] and [Bernoulli] use math.Log and
// math.Cos, whose last bits may differ between architectures.
//
// # Index conventions
//
// Neurons are indexed from 0 within a population, and a projection
// between two ranges of one population indexes each side relative to the
// start of its range; [ConnSpec.SelfOffset] says which pairs are a neuron
// and itself. A [CSR] is stored by presynaptic neuron, so delivering the
// spikes of step n is a loop over the spiking presynaptic neurons and
// their rows. The position of a synapse in [CSR.Idx] indexes per-synapse
// state. Steps are counted from 0.
//
// # Allocation
//
// Nothing that generated code calls once per step allocates: [Exprel],
// [Uniform], the [Stream] methods, the [SpikeRing] methods and
// [TraceRecorder.Row]. The tests check this with testing.AllocsPerRun.
// The connectivity rules, the file readers and [SpikeRecorder.Add]
// allocate and belong in setup and teardown.
package runtime
