package reading

import (
	"errors"
	"fmt"
	"io"
	"strconv"
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

// FileError locates a content error in the file that holds it, in the
// style of a compiler: "notes/foo.md:12:5: message". Line and Col count
// from 1; 0 means unknown.
type FileError struct {
	File string
	Line int
	Col  int
	Err  error
}

func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
		if e.Col > 0 {
			b.WriteString(":" + strconv.Itoa(e.Col))
		}
	}
	return b.String() + ": " + e.Err.Error()
}

func (e *FileError) Unwrap() error { return e.Err }

// fileErrorf makes a FileError from a message.
func fileErrorf(file string, line int, format string, args ...any) *FileError {
	return &FileError{File: file, Line: line, Err: fmt.Errorf(format, args...)}
}

// Errors is every mistake found in a reading's files, each a *FileError,
// so that an author sees them all at once. Error gives one per line.
type Errors []*FileError

func (e Errors) Error() string {
	lines := make([]string, len(e))
	for i, fe := range e {
		lines[i] = fe.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap gives the errors to errors.Is and errors.As.
func (e Errors) Unwrap() []error {
	out := make([]error, len(e))
	for i, fe := range e {
		out[i] = fe
	}
	return out
}

// collect adds err to list: an Errors adds each of its errors, a *FileError
// itself, and any other error is located in file with no line.
func (list *Errors) collect(file string, err error) {
	if err == nil {
		return
	}
	var many Errors
	var one *FileError
	switch {
	case errors.As(err, &many):
		*list = append(*list, many...)
	case errors.As(err, &one):
		*list = append(*list, one)
	default:
		*list = append(*list, &FileError{File: file, Err: err})
	}
}

// err returns the list as an error, or nil when it is empty.
func (list Errors) err() error {
	if len(list) == 0 {
		return nil
	}
	return list
}
