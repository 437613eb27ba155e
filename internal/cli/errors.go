package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/pack"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/sanitize"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// usageError is a mistake in how margin was called: exit status 2.
type usageError struct {
	msg   string
	hints []string
}

func (e *usageError) Error() string { return e.msg }

func usagef(hints []string, format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...), hints: hints}
}

// hintError is a failure with hints for the user.
type hintError struct {
	err   error
	hints []string
}

func (e *hintError) Error() string { return e.err.Error() }
func (e *hintError) Unwrap() error { return e.err }

// runError marks an error returned by a command's own code (not by cobra's
// parsing), so that it exits with status 1 rather than 2.
type runError struct{ err error }

func (e *runError) Error() string { return e.err.Error() }
func (e *runError) Unwrap() error { return e.err }

// exitCode says how margin exits after err.
func exitCode(err error) int {
	var ue *usageError
	var re *runError
	switch {
	case err == nil, isBrokenPipe(err):
		return exitOK
	case errors.As(err, &ue):
		return exitUsage
	case errors.As(err, &re):
		return exitFailure
	}
	return exitUsage // cobra's own errors: unknown commands, bad flags
}

// printError is the one place margin reports an error: one line, then hints.
// args are margin's arguments: one too long to echo back is cut.
func printError(w io.Writer, err error, args []string) {
	if err == nil || isBrokenPipe(err) {
		return
	}
	fmt.Fprintf(w, "margin: error: %s\n", cutArgs(oneLine(err.Error()), args))
	for _, h := range hints(err) {
		fmt.Fprintf(w, "margin: hint: %s\n", cutArgs(oneLine(h), args))
	}
}

// warn prints one warning line on w, margin: warning: …, for a problem that
// margin works around. A warning names the file at fault and what to do.
func warn(w io.Writer, format string, args ...any) {
	fmt.Fprintf(w, "margin: warning: %s\n", oneLine(fmt.Sprintf(format, args...)))
}

// wantsJSON reports whether margin was asked for JSON output (--json,
// before any "--"), so that its errors come as JSON too.
func wantsJSON(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "--json", "--json=true", "--json=1":
			return true
		}
	}
	return false
}

// errorJSON is an error as printed with --json.
type errorJSON struct {
	Error string   `json:"error"`
	Hints []string `json:"hints"`
}

// printJSONError reports an error as one JSON object on one line, for
// commands asked for --json: {"error": "…", "hints": ["…"]}.
func printJSONError(w io.Writer, err error, args []string) {
	if err == nil || isBrokenPipe(err) {
		return
	}
	e := errorJSON{Error: cutArgs(oneLine(err.Error()), args), Hints: []string{}}
	for _, h := range hints(err) {
		e.Hints = append(e.Hints, cutArgs(oneLine(h), args))
	}
	data, jerr := json.Marshal(e)
	if jerr != nil {
		printError(w, err, args)
		return
	}
	_, _ = w.Write(append(sanitize.JSON(data), '\n'))
}

// maxEchoRunes is the most of one argument an error message repeats.
const maxEchoRunes = 160

// cutArgs shortens, in msg, every argument longer than maxEchoRunes to its
// beginning and its length, and cuts any other run of text without a space
// that is longer than a screen could show.
func cutArgs(msg string, args []string) string {
	for _, arg := range args {
		for _, form := range []string{arg, strings.TrimSpace(arg), oneLine(arg)} {
			if n := utf8.RuneCountInString(form); n > maxEchoRunes && strings.Contains(msg, form) {
				msg = strings.ReplaceAll(msg, form, shorten(form))
			}
		}
	}
	fields := strings.Split(msg, " ")
	for i, f := range fields {
		if utf8.RuneCountInString(f) > 2*maxEchoRunes {
			fields[i] = shorten(f)
		}
	}
	return strings.Join(fields, " ")
}

// shorten keeps the beginning of s and says how long it was.
func shorten(s string) string {
	r := []rune(s)
	if len(r) <= maxEchoRunes {
		return s
	}
	return fmt.Sprintf("%s… (%d characters)", string(r[:maxEchoRunes]), len(r))
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(sanitize.Line(s)), " ")
}

// hints collects the hints an error carries.
func hints(err error) []string {
	var ue *usageError
	var he *hintError
	var nf *reading.NotFoundError
	var amb *reading.AmbiguousError
	var fe *pack.FormatError
	switch {
	case errors.As(err, &ue):
		return ue.hints
	case errors.As(err, &he):
		return he.hints
	case errors.As(err, &nf):
		if len(nf.Closest) == 0 {
			return []string{listHint(nf.What)}
		}
		return []string{"did you mean: " + strings.Join(nf.Closest, "; ") + "?"}
	case errors.As(err, &amb):
		return []string{"be more specific, or use one of: " + strings.Join(amb.Candidates, "; ")}
	case errors.As(err, &fe): // a compiled file's part, damaged, found when first used
		return []string{fe.Hint}
	}
	if strings.HasPrefix(err.Error(), "unknown command") {
		return []string{"run 'margin --help' for the commands"}
	}
	if strings.Contains(err.Error(), "flag") {
		return []string{"run 'margin --help' for the flags"}
	}
	return nil
}

func listHint(what string) string {
	switch what {
	case "section":
		return "run 'margin toc' for the sections"
	case "term":
		return "run 'margin glossary' for the terms"
	case "note":
		return "run 'margin notes' for the notes"
	}
	return "run 'margin --help'"
}

func isBrokenPipe(err error) bool { return errors.Is(err, syscall.EPIPE) }
