//go:build !unix

package validation

// lockDir does not lock on systems without flock; do not run two validation
// suites at once there.
func lockDir(dir string) (func(), error) { return func() {}, nil }
