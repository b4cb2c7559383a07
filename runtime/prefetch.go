package runtime

// PrefetchRows asks the cache for the first synapse that part (of parts)
// delivers to in the row of each spike in spikes below preHi (spikes are
// sorted and at least preLo): Idx[Ptr[i]+starts[i*parts+part]] with
// starts from CSR.PartStarts, or Idx[Ptr[i]] when starts is nil. The
// delivery loop that follows then finds its rows on the way instead of
// waiting for each in turn: the end of a row is a mispredicted branch, and
// only after it does the processor start loading the next row. It changes
// no value. On examples/einet (two workers, 4 000 neurons, about 17
// spikes a step) it cut a part's delivery from 2.1–2.75 to 1.75–2.5 µs
// (docs/performance.md, "Parts per worker"). Generated code of version 5
// and later calls it.
func PrefetchRows(spikes []int32, preLo, preHi int32, ptr, idx, starts []int32, parts, part int) {
	for _, s := range spikes {
		if s >= preHi {
			break
		}
		i := int(s - preLo)
		r := int(ptr[i])
		if starts != nil {
			r += int(starts[i*parts+part])
		}
		if r < len(idx) {
			prefetch(&idx[r])
		}
	}
}
