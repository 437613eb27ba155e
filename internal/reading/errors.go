package reading

import (
	"fmt"
	"io"
	"strings"
)

var errEOF = io.EOF

// NotFoundError reports that a query named nothing in the reading. Closest
// holds the nearest valid choices, best first, for hints.
type NotFoundError struct {
	What    string // "section", "term", "note", "endnote"
	Query   string
	Closest []string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("no %s matches %q", e.What, e.Query)
}

// AmbiguousError reports that a query matches several things equally well.
type AmbiguousError struct {
	What       string
	Query      string
	Candidates []string
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%q matches %d %ss: %s", e.Query, len(e.Candidates), e.What, strings.Join(e.Candidates, "; "))
}

// FileError locates a content error in the file that holds it.
type FileError struct {
	File string
	Err  error
}

func (e *FileError) Error() string { return e.File + ": " + e.Err.Error() }

func (e *FileError) Unwrap() error { return e.Err }
