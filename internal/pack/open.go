package pack

import (
	"errors"
	"fmt"
	"os"

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
	data, err := safefile.ReadFile(path, MaxFileBytes)
	if err != nil {
		return nil, err
	}
	b, err := Decode(stringOf(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

// CompileFolder loads the reading folder dir and compiles it (see Compile).
func CompileFolder(dir string) ([]byte, error) {
	rd, err := reading.Load(os.DirFS(dir))
	if err != nil {
		return nil, err
	}
	return Compile(rd)
}

// Validate opens the reading at path, as Open does, and decodes every part
// of it, so that nothing wrong with it waits to be found until a command
// needs that part.
func Validate(path string) (*Bundle, error) {
	b, err := Open(path)
	if err != nil {
		return nil, err
	}
	if err := b.Check(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

// Check decodes every part of b that is otherwise decoded on first use:
// the glossary, the notes, the prep and the search corpus.
func (b *Bundle) Check() error {
	_, gerr := b.rd.Glossary()
	_, nerr := b.rd.Notes()
	_, _, perr := b.rd.Prep("")
	_, cerr := b.Corpus()
	if err := errors.Join(gerr, nerr, perr); err != nil {
		return damaged(err.Error())
	}
	return cerr
}

// IsFolder reports whether path is a folder, as Open would take it.
func IsFolder(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}
