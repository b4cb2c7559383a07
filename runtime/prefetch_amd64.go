//go:build amd64 && !purego

package runtime

// prefetch asks for the cache line holding *p (PREFETCHT0).
//
//go:noescape
func prefetch(p *int32)
