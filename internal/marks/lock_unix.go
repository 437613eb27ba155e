//go:build unix

package marks

import (
	"errors"
	"fmt"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// lockFile takes an advisory flock on the file at path (created, mode 0600,
// if missing), exclusive or shared, and returns the function that releases
// it. It waits up to timeout for other holders, then fails with ErrBusy. The
// kernel also releases the lock when the process dies, so a crashed writer
// never blocks the others.
func lockFile(path string, exclusive bool, timeout time.Duration) (func(), error) {
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	release := func() { _ = f.Close() } // closing the file releases the lock
	how := unix.LOCK_SH
	if exclusive {
		how = unix.LOCK_EX
	}
	fd := int(f.Fd())

	err = flock(fd, how|unix.LOCK_NB)
	if err == nil {
		return release, nil
	}
	if !errors.Is(err, unix.EWOULDBLOCK) {
		release()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}

	// Someone holds it: wait in the kernel, which wakes us as soon as the
	// lock is free (polling would let a busy writer starve us).
	done := make(chan error, 1)
	go func() { done <- flock(fd, how) }()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		if err != nil {
			release()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		return release, nil
	case <-timer.C:
		// A blocked flock cannot be interrupted, and the file must stay open
		// while it waits: release the lock as soon as it is granted.
		go func() {
			<-done
			release()
		}()
		return nil, fmt.Errorf("%w: another margin process has held %s for over %v", ErrBusy, path, timeout)
	}
}

// flock is unix.Flock, retried when interrupted by a signal.
func flock(fd, how int) error {
	for {
		err := unix.Flock(fd, how)
		if !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}
