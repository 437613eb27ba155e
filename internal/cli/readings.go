package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/margin-reader/margin/internal/reading"
)

// readingDir is the reading folder asked for with --reading or
// $MARGIN_READING, or "" for the built-in paper.
func (a *app) readingDir() string {
	if a.opts.reading != "" {
		return a.opts.reading
	}
	return a.io.getenv("MARGIN_READING")
}

// loadFolder opens a reading folder in margin's format (docs/FORMAT.md). It
// is parsed as it is, so that an author sees a change at once; its errors
// name the file.
func loadFolder(dir string) (*reading.Reading, error) {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &hintError{fmt.Errorf("no reading at %s: no such folder", dir), []string{"--reading takes a folder with text/, glossary/ and notes/ (see docs/FORMAT.md)"}}
	case err != nil:
		return nil, fmt.Errorf("opening the reading %s: %w", dir, err)
	case !st.IsDir():
		return nil, &hintError{fmt.Errorf("%s is not a folder", dir), []string{"--reading takes a folder with text/, glossary/ and notes/ (see docs/FORMAT.md)"}}
	}
	rd, err := reading.Load(os.DirFS(dir))
	if err != nil {
		return nil, &runError{fmt.Errorf("reading %s: %w", dir, err)}
	}
	return rd, nil
}

// searchCorpus is the reading's encoded search corpus (a.corpus, the
// built-in one), or "" for a reading folder, whose corpus is built when it
// is searched.
func (a *app) searchCorpus() string {
	if a.readingDir() != "" {
		return ""
	}
	return a.corpus
}

// openCompiled opens a compiled reading file (.margin). Every command that
// opens or validates such a file goes through this one function ('margin
// library add', 'margin check', --reading NAME); it opens none yet.
func openCompiled(path string) (*reading.Reading, error) {
	return nil, &hintError{fmt.Errorf("%s: compiled readings (.margin) are not supported yet", path),
		[]string{"use the reading's folder instead (docs/FORMAT.md)"}}
}
