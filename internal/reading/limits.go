package reading

import (
	"fmt"
	"io"
	"io/fs"

	"github.com/margin-reader/margin/internal/safefile"
)

// MaxContentFileBytes is the largest content file (a section, paper.yaml,
// endnotes.yaml, prep.yaml, a glossary entry or a note) margin loads: 1 MiB,
// some thirty times the largest file of the built-in reading. A larger file,
// or one that is not a regular file, is an error naming it, raised before it
// is read, so a reading from elsewhere can neither hang margin nor make it
// use memory without bound.
const MaxContentFileBytes = 1 << 20

// readContent reads the content file name from fsys, checking first that it
// is a regular file of at most MaxContentFileBytes.
func readContent(fsys fs.FS, name string) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &FileError{File: name, Err: fmt.Errorf("%w (%v)", safefile.ErrNotRegular, info.Mode().Type())}
	}
	if info.Size() > MaxContentFileBytes {
		return nil, &FileError{File: name, Err: fmt.Errorf("it is %s, more than the %s margin loads from one content file",
			safefile.Size(info.Size()), safefile.Size(MaxContentFileBytes))}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Read one byte past the limit, in case the file grew since its Stat.
	data, err := io.ReadAll(io.LimitReader(f, MaxContentFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(data) > MaxContentFileBytes {
		return nil, &FileError{File: name, Err: fmt.Errorf("it is larger than the %s margin loads from one content file",
			safefile.Size(MaxContentFileBytes))}
	}
	return data, nil
}
