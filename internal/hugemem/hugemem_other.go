//go:build !linux

package hugemem

// hugePage is the size from which Uint32s would ask for huge pages.
const hugePage = 2 << 20

// Bytes returns a zeroed buffer of size bytes (see hugemem_linux.go).
func Bytes(size int64) []byte { return make([]byte, size) }
