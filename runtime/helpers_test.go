package runtime

import (
	"math"
	"strings"
	"testing"
)

// wantNoAllocs fails if f allocates, as log/slog's wantAllocs does. It
// skips under the race detector, which allocates on its own.
func wantNoAllocs(t *testing.T, name string, f func()) {
	t.Helper()
	if raceEnabled {
		t.Skip("AllocsPerRun is unreliable under -race")
	}
	if n := testing.AllocsPerRun(100, f); n != 0 {
		t.Errorf("%s: %v allocations per run, want 0", name, n)
	}
}

// wantError fails unless err is non-nil and its message contains want.
func wantError(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", want)
	}
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("error %q, want one containing %q", err, want)
	}
}

// Test-only constructors and references: nothing outside the package needs
// them, so the runtime does not export them.

// newTable allocates a table of n points from lo every step.
func newTable(lo, step float64, n int) Table {
	return Table{Lo: lo, Inv: 1 / step, Data: make([]float64, n)}
}

// newTraceRecorder returns a recorder for the given columns with room
// for steps rows.
func newTraceRecorder(columns []string, steps int) *TraceRecorder {
	return &TraceRecorder{
		Columns: columns,
		Data:    make([]float64, 0, len(columns)*max(steps, 0)),
	}
}

// newStream returns the stream for seed and any number of ids. It does
// not allocate: the variadic slice does not escape. Streams with a
// different number of ids are unrelated (newStream(s, 1) is not
// newStream(s, 1, 0)).
func newStream(seed uint64, ids ...uint64) Stream {
	h := mix64(seed ^ seedSalt)
	for _, x := range ids {
		h = absorb(h, x)
	}
	return Stream{key: h}
}

// float64At returns the value that the i-th call (counting from 0) of
// Float64 on a fresh copy of s would return. See [Stream.Uint64At].
func (s Stream) float64At(i uint64) float64 {
	return toFloat(s.Uint64At(i))
}

// exprelInvStd is ExprelInv computed with the standard library,
// x/math.Expm1(x) (1 at 0): the -stdmath reference.
func exprelInvStd(x float64) float64 {
	if x == 0 {
		return 1
	}
	if math.IsInf(x, 1) {
		return 0
	}
	return x / math.Expm1(x)
}

// eachLevel runs f once for every kernel level this CPU has (the Go loops,
// then AVX2, then AVX-512 on amd64), whatever EINETC_VECTOR says, so that
// the narrower kernels are tested on a machine that has the wider ones.
func eachLevel(t *testing.T, f func(t *testing.T)) {
	saved := asmLevel
	defer func() { asmLevel = saved }()
	for l := vecScalar; l <= cpuLevel(); l++ {
		asmLevel = l
		t.Run(vecNames[l], f)
	}
}
