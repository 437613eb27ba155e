//go:build !unix

package marks

import (
	"errors"
	"fmt"
	"time"
)

// lockFile refuses on platforms without flock: writing without a lock could
// let concurrent writers lose notes, so margin reports ErrUnsupported and
// writes nothing.
func lockFile(path string, exclusive bool, timeout time.Duration) (release func(), err error) {
	return nil, fmt.Errorf("lock %s: %w", path, errors.ErrUnsupported)
}
