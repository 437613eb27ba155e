//go:build !unix

package marks

import (
	"errors"
	"fmt"
	"time"
)

// lockFile is not implemented on this platform: without a lock, concurrent
// writers could lose notes, so every operation fails instead.
func lockFile(path string, exclusive bool, timeout time.Duration) (release func(), err error) {
	return nil, fmt.Errorf("lock %s: %w", path, errors.ErrUnsupported)
}
