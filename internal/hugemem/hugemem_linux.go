package hugemem

import (
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on x86-64 and arm64.
const hugePage = 2 << 20

// Bytes returns a zeroed buffer of size bytes. A buffer of a megabyte or
// more is placed at the start of 2 MiB-aligned memory advised
// MADV_HUGEPAGE, whole huge pages, so that Linux (where huge pages are
// enabled, as they are "for madvise" by default) backs it with a few huge
// pages when it is first touched. It is advice: the kernel may ignore it.
// Pages never touched cost nothing.
func Bytes(size int64) []byte {
	if size < hugePage/2 {
		return make([]byte, size)
	}
	span := (size + hugePage - 1) &^ (hugePage - 1)
	raw := make([]byte, span+hugePage)
	base := uintptr(unsafe.Pointer(unsafe.SliceData(raw)))
	off := int64((base+hugePage-1)&^(hugePage-1) - base)
	_ = syscall.Madvise(raw[off:off+span], syscall.MADV_HUGEPAGE)
	return raw[off : off+size : off+size]
}
