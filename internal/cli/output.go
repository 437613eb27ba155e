package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/margin-reader/margin/internal/render"
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
}

// renderOptions decides plain or styled output, style and width from the
// flags, the environment and the terminal.
func (g *globalOptions) renderOptions(s *streams) (render.Options, error) {
	o := render.Options{Style: "dark", Width: render.DefaultWidth}
	switch g.color {
	case "auto", "":
		o.Plain = !s.tty || s.getenv("NO_COLOR") != "" || s.getenv("TERM") == "dumb"
	case "always":
	case "never":
		o.Plain = true
	default:
		return o, usagef([]string{"use --color auto, always or never"}, "invalid --color %q", g.color)
	}
	if g.plain {
		o.Plain = true
	}
	if env := s.getenv("GLAMOUR_STYLE"); render.ValidStyle(env) {
		o.Style = env
	}
	if g.style != "" {
		if !render.ValidStyle(g.style) {
			return o, usagef([]string{"styles: " + strings.Join(render.Styles, ", ")}, "unknown style %q", g.style)
		}
		o.Style = g.style
	}
	switch {
	case g.width != 0 && (g.width < render.MinWidth || g.width > 1000):
		return o, usagef([]string{fmt.Sprintf("use a width from %d to 1000", render.MinWidth)}, "invalid --width %d", g.width)
	case g.width != 0:
		o.Width = g.width
	case s.width > 0:
		o.Width = min(s.width, render.MaxWidth)
	}
	return o, nil
}

// page writes text to stdout, through a pager when stdout is a terminal and
// the text is longer than the screen.
func (g *globalOptions) page(s *streams, text string) error {
	if !s.tty || g.noPager || s.height <= 0 || strings.Count(text, "\n") < s.height-1 {
		_, err := io.WriteString(s.out, text)
		return err
	}
	name, args := pagerCommand(s.getenv)
	if name == "" {
		_, err := io.WriteString(s.out, text)
		return err
	}
	cmd := exec.Command(name, args...)
	cmd.Stdin = strings.NewReader(text)
	cmd.Stdout, cmd.Stderr = s.out, s.errOut
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return nil // the pager ran; quitting it early is not an error
		}
		_, err := io.WriteString(s.out, text) // no pager to be had: print
		return err
	}
	return nil
}

// pagerCommand reads $MARGIN_PAGER, then $PAGER, then falls back to less.
func pagerCommand(getenv func(string) string) (string, []string) {
	for _, v := range []string{"MARGIN_PAGER", "PAGER"} {
		if f := strings.Fields(getenv(v)); len(f) > 0 {
			return f[0], f[1:]
		}
	}
	if _, err := exec.LookPath("less"); err == nil {
		return "less", []string{"-FRX"}
	}
	return "", nil
}
