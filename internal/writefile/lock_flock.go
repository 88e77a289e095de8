//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package writefile

import (
	"errors"
	"os"
	"syscall"
)

// lockDir takes an exclusive advisory lock on the directory itself (no
// lock file to litter the tree), waiting for another run to finish.
func lockDir(dir string) (func(), error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil // closing releases the lock
}
