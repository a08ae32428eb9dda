//go:build unix

package officetest

import (
	"syscall"
	"time"
)

// ProcessCPU is the CPU time the process has used, user and system, as the system counts it.
func ProcessCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
