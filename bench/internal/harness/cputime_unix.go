//go:build unix

package harness

import (
	"syscall"
	"time"
)

// cpuTime returns the user and system CPU time this process has used, all
// threads together, as Brian2's std::clock() does for its single-threaded
// runs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
