//go:build !linux

package pack

// partBuffer returns a buffer of size bytes for reading a part into (see
// huge_linux.go).
func partBuffer(size int64) []byte { return make([]byte, size) }
