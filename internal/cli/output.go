package cli

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"

	"golang.org/x/term"
)

// streams are margin's standard streams and what is known of the terminal.
type streams struct {
	in     io.Reader
	out    io.Writer
	errOut io.Writer
	tty    bool // stdout is a terminal
	width  int  // terminal columns, 0 when unknown
	height int  // terminal rows, 0 when unknown
	getenv func(string) string
}

func systemStreams() *streams {
	s := &streams{in: os.Stdin, out: os.Stdout, errOut: os.Stderr, getenv: os.Getenv}
	fd := int(os.Stdout.Fd())
	if term.IsTerminal(fd) {
		s.tty = true
		if w, h, err := term.GetSize(fd); err == nil {
			s.width, s.height = w, h
		}
	}
	return s
}

// globalOptions are the flags every printing command accepts.
type globalOptions struct {
	plain   bool
	color   string
	style   string
	width   int
	noPager bool
	reading string // a reading folder to open instead of the built-in paper
}

// page writes text to stdout, through the pager when stdout is a terminal
// and the text is longer than the screen.
func (a *app) page(text string) error {
	s := a.io
	st, err := a.settings()
	if err != nil {
		return err
	}
	if !s.tty || st.pager == "" || s.height <= 0 || strings.Count(text, "\n") < s.height-1 {
		_, err := io.WriteString(s.out, text)
		return err
	}
	cmd := pagerCommand(st.pager)
	cmd.Env = pagerEnv(os.Environ())
	cmd.Stdin = strings.NewReader(text)
	// The pager's messages are held back until it is known to have run: the
	// shell's own "not found" gives way to margin's warning.
	var pagerErr bytes.Buffer
	cmd.Stdout, cmd.Stderr = s.out, &pagerErr
	err = cmd.Run()
	var exitErr *exec.ExitError
	if err == nil || errors.As(err, &exitErr) && exitErr.ExitCode() != 126 && exitErr.ExitCode() != 127 {
		_, _ = s.errOut.Write(pagerErr.Bytes())
		return nil // the pager ran; quitting it early is not an error
	}
	// The pager could not be run (the shell's 126 and 127: not executable,
	// not found): say so, and print.
	warn(s.errOut, "cannot run the pager %q (from %s); set $MARGIN_PAGER, $PAGER or 'pager' in the config file to a pager that works, or use --no-pager", st.pager, st.pagerFrom)
	_, err = io.WriteString(s.out, text)
	return err
}

// pagerCommand runs the pager command line through the shell, as git and gh
// do, so that it may quote its arguments; without a shell, it is split on
// spaces.
func pagerCommand(pager string) *exec.Cmd {
	if sh, err := exec.LookPath("sh"); err == nil {
		return exec.Command(sh, "-c", pager)
	}
	f := strings.Fields(pager)
	return exec.Command(f[0], f[1:]...)
}

// pagerEnv is the pager's environment: margin's, with LESS=FRX and LV=-c
// added when they are not set, as git does, so that less and lv show
// colours and quit when the text fits on the screen.
func pagerEnv(environ []string) []string {
	set := map[string]bool{}
	for _, kv := range environ {
		k, _, _ := strings.Cut(kv, "=")
		set[k] = true
	}
	env := slices.Clone(environ)
	if !set["LESS"] {
		env = append(env, "LESS=FRX")
	}
	if !set["LV"] {
		env = append(env, "LV=-c")
	}
	return env
}
