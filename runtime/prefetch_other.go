//go:build !amd64 || purego

package runtime

// prefetch does nothing without the amd64 assembly.
func prefetch(p *int32) {}
