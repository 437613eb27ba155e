package pack

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/margin-reader/margin/internal/hugemem"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/safefile"
)

// MaxFileBytes is the largest compiled reading Open reads: several times a
// book's.
const MaxFileBytes = 256 << 20

// Open opens the reading at path: a reading folder (docs/FORMAT.md), which
// is loaded and compiled in memory exactly as margin pack compiles it, or a
// compiled file. A mistake in a folder's content is reported as
// reading.Errors; a file margin cannot read as a *FormatError, wrapped with
// the path; a path that does not exist wraps fs.ErrNotExist.
func Open(path string) (*Bundle, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		rd, err := reading.Load(os.DirFS(path))
		if err != nil {
			return nil, err
		}
		return FromReading(rd)
	}
	return openFile(path)
}

// openFile opens the compiled file at path: it reads and checks the header
// and the text, and keeps the file open to read each other part when it is
// first used (see Bundle.part), closing it once all are read. A file
// changed or cut after it was opened is reported as damaged when a part is
// read, never a crash: the parts are read into memory, not mapped.
func openFile(path string) (*Bundle, error) {
	f, info, err := safefile.Open(path, MaxFileBytes)
	if err != nil {
		return nil, err
	}
	var h [HeaderSize]byte
	n, err := f.ReadAt(h[:], 0)
	if err != nil && !errors.Is(err, io.EOF) {
		f.Close()
		return nil, err
	}
	if err := checkMagic(string(h[:n])); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if n < HeaderSize {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, damaged("truncated"))
	}
	parts, err := parseHeader(h[:], info.Size())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	fr := &fileReader{f: f, left: numParts}
	b := &Bundle{name: path, parts: parts, read: fr.read, partRead: fr.partRead}
	if err := b.decodeText(); err != nil {
		f.Close()
		return nil, err
	}
	return b, nil
}

// fileReader reads a compiled file's parts, and closes the file once each
// part has been read whole.
type fileReader struct {
	mu   sync.Mutex
	f    *os.File
	left int // parts not read whole yet
}

// partRead records that a part has been read whole.
func (r *fileReader) partRead() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.left--; r.left == 0 {
		r.f.Close()
		r.f = nil
	}
}

// read returns size bytes at off, fewer if the file has been cut since it
// was opened.
func (r *fileReader) read(off, size int64) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return "", os.ErrClosed
	}
	buf := hugemem.Bytes(size)
	n, err := r.f.ReadAt(buf, off)
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return stringOf(buf[:n]), nil
}

// CompileFolder loads the reading folder dir and compiles it (see Compile).
func CompileFolder(dir string) ([]byte, error) {
	rd, err := reading.Load(os.DirFS(dir))
	if err != nil {
		return nil, err
	}
	return Compile(rd)
}

// Validate opens the reading at path, as Open does, and reads and decodes
// every part of it, so that nothing wrong with it waits to be found until a
// command needs that part.
func Validate(path string) (*Bundle, error) {
	b, err := Open(path)
	if err != nil {
		return nil, err
	}
	if b.name == "" {
		b.name = path // a folder, compiled in memory
	}
	if err := b.Check(); err != nil {
		return nil, err
	}
	return b, nil
}

// Check reads and decodes every part of b that is otherwise decoded on
// first use: the glossary, the notes, the prep and the search corpus. Its
// error is a *FormatError, naming the file b was opened from.
func (b *Bundle) Check() error {
	_, gerr := b.rd.Glossary()
	_, nerr := b.rd.Notes()
	_, _, perr := b.rd.Prep("")
	_, cerr := b.Corpus()
	for _, err := range []error{gerr, nerr, perr, cerr} {
		var fe *FormatError
		switch {
		case err == nil:
		case errors.As(err, &fe):
			return err
		default:
			return b.wrap(damaged(err.Error()))
		}
	}
	return nil
}

// IsFolder reports whether path is a folder, as Open would take it.
func IsFolder(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}
