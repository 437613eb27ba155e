// Package safefile reads and writes the files margin keeps for a user (the
// notes store, the reader's position, the config file, handouts, generated
// files) with one set of guarantees:
//
//   - WriteFile is atomic: the new contents go to a temporary file in the
//     target's directory, which is synced, renamed over the target, and the
//     directory synced. A crash leaves the old file or the new one.
//   - A symbolic link stays a symbolic link: WriteFile replaces the file the
//     link points to (in that file's directory), never the link itself.
//   - ReadFile refuses anything but a regular file (a FIFO, a device such as
//     /dev/zero, a directory) before reading a byte, and refuses a file
//     larger than the limit it is given, so a hostile or damaged file can
//     neither hang margin nor exhaust its memory.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// ErrNotRegular is wrapped by the errors of ReadFile and WriteFile for a path
// that is not a regular file (a directory, a FIFO, a device, a socket).
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is wrapped by the error of ReadFile for a file over its limit.
var ErrTooLarge = errors.New("file too large")

// TooLargeError reports a file larger than the limit ReadFile was given.
type TooLargeError struct {
	Path  string
	Size  int64 // the file's size, or -1 if it grew while being read
	Limit int64
}

// Error names the file, its size and the limit.
func (e *TooLargeError) Error() string {
	if e.Size < 0 {
		return fmt.Sprintf("%s is larger than %s, the most margin reads", e.Path, Size(e.Limit))
	}
	return fmt.Sprintf("%s is %s, more than the %s margin reads", e.Path, Size(e.Size), Size(e.Limit))
}

// Is reports whether target is ErrTooLarge.
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// Size formats a byte count for a message: "512 bytes", "64 KiB", "32 MiB".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// notRegular is the error for a path whose file (after symbolic links) is
// of the given mode, not a regular file.
func notRegular(path string, mode fs.FileMode) error {
	kind := "special file"
	switch {
	case mode.IsDir():
		kind = "directory"
	case mode&fs.ModeNamedPipe != 0:
		kind = "named pipe (FIFO)"
	case mode&fs.ModeCharDevice != 0:
		kind = "character device"
	case mode&fs.ModeDevice != 0:
		kind = "device"
	case mode&fs.ModeSocket != 0:
		kind = "socket"
	}
	return &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w: it is a %s", ErrNotRegular, kind)}
}

// readable checks what a Stat (info, err) says of the file at path before
// ReadFile reads it: a regular file of at most limit bytes.
func readable(path string, info os.FileInfo, err error, limit int64) error {
	switch {
	case err != nil:
		return err
	case !info.Mode().IsRegular():
		return notRegular(path, info.Mode())
	case info.Size() > limit:
		return &TooLargeError{Path: path, Size: info.Size(), Limit: limit}
	}
	return nil
}

// ReadFile returns the contents of the regular file at path (symbolic links
// followed), at most limit bytes. A missing file is an error matching
// fs.ErrNotExist; anything but a regular file is refused before it is opened
// for reading (ErrNotRegular); a file over limit bytes is a *TooLargeError.
// Errors name the file.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, info, err := Open(path, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data := make([]byte, 0, info.Size()+1)
	data, err = readAll(f, data, limit)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, &TooLargeError{Path: path, Size: -1, Limit: limit}
		}
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	return data, nil
}

// Open opens the regular file at path (symbolic links followed) for
// reading, as ReadFile does, and returns it with what it was when opened:
// at most limit bytes, or a *TooLargeError. Its errors are ReadFile's. The
// caller closes the file.
func Open(path string, limit int64) (*os.File, fs.FileInfo, error) {
	info, err := os.Stat(path)
	if err := readable(path, info, err, limit); err != nil {
		return nil, nil, err
	}
	// O_NONBLOCK: should the path be swapped for a FIFO after the Stat,
	// opening it does not wait for a writer; the Stat of the open file
	// below then refuses it.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err = f.Stat()
	if err := readable(path, info, err, limit); err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// readAll reads r to its end into data, failing with ErrTooLarge past limit
// bytes.
func readAll(r io.Reader, data []byte, limit int64) ([]byte, error) {
	lr := &io.LimitedReader{R: r, N: limit + 1}
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := lr.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if int64(len(data)) > limit {
			return nil, ErrTooLarge
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// maxLinks bounds how many symbolic links Resolve follows.
const maxLinks = 40

// Resolve returns the file that writing to path replaces: path itself, or,
// if path is a symbolic link (to a link…), the file it finally points to,
// which need not exist yet. Only the last component is followed; links among
// the directories need no resolving, as a rename goes through them.
func Resolve(path string) (string, error) {
	p := path
	for range maxLinks {
		info, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return p, nil
		}
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return p, nil
		}
		target, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(p), target)
		}
		p = target
	}
	return "", &fs.PathError{Op: "resolve", Path: path, Err: errors.New("too many levels of symbolic links")}
}

// TempPrefix is the name prefix of the temporary files WriteFile creates
// next to target (the resolved file): "." + its name + ".tmp-". A caller
// that serialises its writers may remove stale ones left by a crash.
func TempPrefix(target string) string { return "." + filepath.Base(target) + ".tmp-" }

// Options adjust WriteFileOptions.
type Options struct {
	// Perm is the mode of a new file; an existing file keeps its mode.
	Perm fs.FileMode
	// BeforeRename, when set (by tests), runs after the temporary file has
	// been written and synced, before it is renamed over the target.
	BeforeRename func(tmp string)
}

// WriteFile replaces the file at path with data, atomically and durably; a
// new file gets mode perm, an existing one keeps its mode. If path is a
// symbolic link, the file it points to is replaced and the link stays. A
// path that is a directory or another special file is refused
// (ErrNotRegular). Errors read "cannot write PATH: reason" and wrap the
// underlying error (fs.ErrPermission, syscall.ENOSPC, …).
func WriteFile(path string, data []byte, perm fs.FileMode) error {
	return WriteFileOptions(path, data, Options{Perm: perm})
}

// WriteFileOptions is WriteFile with options.
func WriteFileOptions(path string, data []byte, o Options) error {
	fail := func(err error) error { return fmt.Errorf("cannot write %s: %w", path, bare(err)) }
	target, err := Resolve(path)
	if err != nil {
		return fail(err)
	}
	mode := o.Perm
	if info, err := os.Stat(target); err == nil {
		if !info.Mode().IsRegular() {
			return fail(notRegular(target, info.Mode()))
		}
		mode = info.Mode().Perm()
	}
	dir := filepath.Dir(target)
	f, err := os.CreateTemp(dir, TempPrefix(target)+"*")
	if err != nil {
		return fail(err)
	}
	tmp := f.Name()
	renamed := false
	defer func() {
		if !renamed {
			_ = f.Close() // may already be closed
			_ = os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	if err := f.Chmod(mode); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return fail(err)
	}
	if o.BeforeRename != nil {
		o.BeforeRename(tmp)
	}
	if err := os.Rename(tmp, target); err != nil {
		return fail(err)
	}
	renamed = true
	if err := SyncDir(dir); err != nil {
		return fmt.Errorf("%s was replaced but its directory could not be synced to disk: %w", path, bare(err))
	}
	return nil
}

// SyncDir flushes a directory's entries (a new or renamed file) to disk.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// bare strips the file name from an error about a file, which for WriteFile
// is often a temporary file the user never named; the message names the
// path instead.
func bare(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	if le, ok := errors.AsType[*os.LinkError](err); ok {
		return le.Err
	}
	return err
}
