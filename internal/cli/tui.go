package cli

import (
	margin "github.com/margin-reader/margin"
	"os"

	"github.com/margin-reader/margin/internal/render"
	"github.com/margin-reader/margin/internal/tui"
	"golang.org/x/term"
)

// interactive reports whether 'margin' alone should open the reader: stdin
// and stdout are terminals, the terminal is not dumb, and plain output was
// not asked for with --plain. NO_COLOR and --color never still open the
// reader, without colour.
func (a *app) interactive() bool {
	f, ok := a.io.in.(*os.File)
	if !ok || !a.io.tty || !term.IsTerminal(int(f.Fd())) {
		return false
	}
	return !a.opts.plain && a.io.getenv("TERM") != "dumb"
}

// runReader opens the interactive reader with the global options.
func (a *app) runReader() error {
	a.prepare()
	rd, err := a.load()
	if err != nil {
		return err
	}
	o, err := a.opts.renderOptions(a.io)
	if err != nil {
		return err
	}
	maxWidth := render.MaxWidth
	if a.opts.width != 0 {
		maxWidth = o.Width
	}
	a.restoreGC() // the reader runs for as long as someone reads
	return tui.Run(tui.Config{
		Reading:  rd,
		Renderer: a.renderer,
		Plain:    o.Plain,
		Style:    o.Style,
		MaxWidth: maxWidth,
		StateDir: tui.StateDir(a.io.getenv),
		Marks:    a.marksStore(),

		SearchCorpus: margin.SearchCorpus(),
	})
}
