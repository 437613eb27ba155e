package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/corpus"
	"github.com/margin-reader/margin/internal/pack"
	"github.com/margin-reader/margin/internal/reading"
)

// readingHint says what --reading takes.
const readingHint = "--reading takes a reading folder (docs/FORMAT.md) or a .margin file that 'margin pack' writes"

// readingDir is the reading asked for with --reading or $MARGIN_READING (a
// folder, a compiled file or an installed reading's name; see
// resolveReading), or "" for the built-in paper.
func (a *app) readingDir() string {
	if a.opts.reading != "" {
		return a.opts.reading
	}
	return a.io.getenv("MARGIN_READING")
}

// openBundle opens the reading asked for, once: the built-in paper, a
// compiled file, or a folder compiled in memory (see pack.Open), so that
// every reading, the built-in one included, travels the same path.
func (a *app) openBundle() (*pack.Bundle, error) {
	if a.bundle != nil {
		return a.bundle, nil
	}
	path, err := a.resolveReading(a.readingDir())
	if err != nil {
		return nil, err
	}
	var b *pack.Bundle
	if path == "" {
		if b, err = builtinBundle(); err != nil {
			return nil, err
		}
	} else {
		if st, err := os.Stat(path); err == nil && st.IsDir() {
			a.loadingWhole() // a folder is parsed whole
		}
		if b, err = openReading(path); err != nil {
			return nil, err
		}
	}
	a.bundle = b
	return b, nil
}

// builtinBundle decodes the built-in paper, once.
var builtinBundle = sync.OnceValues(func() (*pack.Bundle, error) {
	b, err := pack.Decode(margin.Paper())
	if err != nil {
		return nil, &runError{fmt.Errorf("the built-in paper: %w", err)}
	}
	return b, nil
})

// openReading opens the reading folder or compiled file at path, its errors
// told as margin tells them: a content mistake names the file and line, a
// file margin cannot read says why and what to do.
func openReading(path string) (*pack.Bundle, error) {
	b, err := pack.Open(path)
	if err != nil {
		return nil, readingError(path, err)
	}
	return b, nil
}

// readingError turns an error of pack.Open or pack.Validate on path into
// one margin prints.
func readingError(path string, err error) error {
	var fe *pack.FormatError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &hintError{fmt.Errorf("no reading at %s: no such file or folder", path), []string{readingHint}}
	case errors.As(err, &fe):
		return &hintError{err, []string{fe.Hint}}
	case pack.IsFolder(path):
		return &runError{fmt.Errorf("reading %s: %w", path, err)}
	}
	return &hintError{fmt.Errorf("opening the reading %s: %w", path, err), []string{readingHint}}
}

// corpus returns the reading's search corpus, compiled with it.
func (a *app) corpus() (*corpus.Corpus, error) {
	b, err := a.openBundle()
	if err != nil {
		return nil, err
	}
	return b.Corpus()
}

// openCompiled opens the compiled reading file (.margin) at path and
// decodes every part of it (pack.Validate), so that a damaged part is found
// now: 'margin library add', 'margin check' and the library's listing go
// through it. (Commands open a file with openReading, which leaves the
// glossary, the notes and the search index to be decoded when used.)
func openCompiled(path string) (*reading.Reading, error) {
	b, err := pack.Validate(path)
	if err != nil {
		return nil, readingError(path, err)
	}
	return b.Reading(), nil
}
