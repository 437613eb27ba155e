package cli

import (
	"errors"
	"fmt"
	"io/fs"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/corpus"
	"github.com/margin-reader/margin/internal/pack"
)

// readingHint says what --reading takes.
const readingHint = "--reading takes a reading folder (docs/FORMAT.md) or a .margin file that 'margin pack' writes"

// readingPath is the reading asked for with --reading or $MARGIN_READING (a
// folder or a compiled file), or "" for the built-in paper.
func (a *app) readingPath() string {
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
	path := a.readingPath()
	var b *pack.Bundle
	var err error
	if path == "" {
		if b, err = pack.Decode(margin.Paper()); err != nil {
			return nil, &runError{fmt.Errorf("the built-in paper: %w", err)}
		}
	} else if b, err = openReading(path); err != nil {
		return nil, err
	}
	a.bundle = b
	return b, nil
}

// openReading opens the reading folder or compiled file at path, its errors
// told as margin tells them: a content mistake names the file and line, a
// file margin cannot read says why and what to do.
func openReading(path string) (*pack.Bundle, error) {
	b, err := pack.Open(path)
	if err == nil {
		return b, nil
	}
	var fe *pack.FormatError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &hintError{fmt.Errorf("no reading at %s: no such file or folder", path), []string{readingHint}}
	case errors.As(err, &fe):
		return nil, &hintError{err, []string{fe.Hint}}
	case pack.IsFolder(path):
		return nil, &runError{fmt.Errorf("reading %s: %w", path, err)}
	}
	return nil, &hintError{fmt.Errorf("opening the reading %s: %w", path, err), []string{readingHint}}
}

// corpus returns the reading's search corpus, compiled with it.
func (a *app) corpus() (*corpus.Corpus, error) {
	b, err := a.openBundle()
	if err != nil {
		return nil, err
	}
	return b.Corpus()
}
