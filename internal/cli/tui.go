package cli

import (
	"os"

	"github.com/margin-reader/margin/internal/marks"
	"github.com/margin-reader/margin/internal/render"
	"github.com/margin-reader/margin/internal/tui"
	"golang.org/x/term"
)

// interactive reports whether 'margin' alone should open the reader: stdin
// and stdout are terminals, and the terminal is not dumb. --plain, NO_COLOR
// and --color never open it too, without colour: they change how text is
// styled, not what margin does.
func (a *app) interactive() bool {
	f, ok := a.io.in.(*os.File)
	if !ok || !a.io.tty || !term.IsTerminal(int(f.Fd())) {
		return false
	}
	return a.io.getenv("TERM") != "dumb"
}

// runReader opens the interactive reader with the global options.
func (a *app) runReader() error {
	a.prepare()
	rd, err := a.load()
	if err != nil {
		return err
	}
	st, err := a.settings()
	if err != nil {
		return err
	}
	maxWidth := render.MaxWidth
	if st.widthFixed {
		maxWidth = st.width
	}
	var store *marks.Store
	if st.marks {
		store = a.marksStore()
		// A store that cannot be read never stops the reader: the warning
		// stays on the terminal above it, and the reader goes on without
		// the notes (it writes nothing to that store).
		a.shownMarks(rd)
	}
	return tui.Run(tui.Config{
		Reading:  rd,
		Renderer: a.renderer,
		Plain:    st.plain,
		Style:    st.style,
		MaxWidth: maxWidth,
		StateDir: tui.ReadingStateDir(tui.StateDir(a.io.getenv), rd.Meta.ID, a.isBuiltin(rd)),
		Marks:    store,

		Search: a.corpus,
		// The reader runs for as long as someone reads: garbage collection
		// is back on once its first page is shown (before, a book's first
		// frame paid for collections of all it had decoded).
		Shown: a.restoreGC,
	})
}
