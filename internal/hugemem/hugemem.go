// Package hugemem allocates the large buffers a compiled reading is decoded
// into (a part read from the file, the search index's arrays) so that, on
// Linux, they are backed by transparent huge pages: a few page faults for
// megabytes instead of one per 4 KiB, which on a book-size reading was a
// large share of a command's system time. Elsewhere, and for small sizes,
// they are ordinary slices. Either way they are ordinary Go memory.
package hugemem

import "unsafe"

// Uint32s returns a zeroed slice of n uint32s (see Bytes).
func Uint32s(n int) []uint32 {
	if n*4 < hugePage/2 {
		return make([]uint32, n)
	}
	b := Bytes(int64(n) * 4)
	return unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(b))), n)
}
