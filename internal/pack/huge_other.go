//go:build !linux

package pack

// hugePages does nothing here (see huge_linux.go).
func hugePages([]byte) {}
