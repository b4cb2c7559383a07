package einet

import (
	"testing"
	"unsafe"
)

// TestBlockBufPages checks that a part's block arrays fill whole 4 KB pages,
// so that two parts' arrays never share one (docs/performance.md, "The
// concurrent slowdown is in sharing one model").
func TestBlockBufPages(t *testing.T) {
	if n := unsafe.Sizeof(blockBuf{}); n == 0 || n%4096 != 0 {
		t.Errorf("blockBuf is %d bytes, not a whole number of 4 KB pages", n)
	}
	m, err := New(DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	m.SetWorkers(2)
	defer m.Close()
	if len(m.segs) < 2 {
		t.Fatalf("%d parts on 2 workers, want at least 2", len(m.segs))
	}
	for w := range m.segs {
		if c := cap(m.segs[w]); c*8%128 != 0 {
			t.Errorf("segs[%d] has capacity %d: not whole 128-byte blocks", w, c)
		}
	}
}
