package tui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/margin-reader/margin/internal/corpus"
	"github.com/margin-reader/margin/internal/marks"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
)

// Config is what the reader needs from the command line.
type Config struct {
	Reading  *reading.Reading
	Renderer *render.Renderer // nil for a new one
	Plain    bool             // no colour and no glamour styling
	Style    string           // a glamour standard style (render.Styles)
	MaxWidth int              // widest text; 0 for render.MaxWidth
	StateDir string           // where this reading's position.json is kept (see ReadingStateDir)
	// Marks is the user's notes store, shown in the text and written by the
	// reader's m, e and x keys; nil for none.
	Marks *marks.Store
	// Search returns Reading's search corpus (a compiled reading's, see
	// package pack), called on the first search; nil to index the reading
	// then instead.
	Search func() (*corpus.Corpus, error)
	// Shown, if set, is called once the first page is ready to be shown,
	// before the search index is warmed: margin turns garbage collection
	// back on then, so that a book's first frame pays for no collection.
	Shown  func()
	Input  io.Reader // nil for the terminal on stdin
	Output io.Writer // nil for stdout
}

// Run runs the reader until the user quits, then saves the reading
// position. The terminal is restored before Run returns, also when a
// command panics; errors are returned, never handled by exiting.
func Run(cfg Config) error {
	if cfg.Reading == nil || len(cfg.Reading.Sections) == 0 {
		return errors.New("nothing to read")
	}
	final, err := runProgram(newModel(cfg), cfg)
	if m, ok := final.(*model); ok && m != nil && cfg.StateDir != "" {
		if serr := savePosition(cfg.StateDir, m.position()); serr != nil && err == nil {
			err = fmt.Errorf("saving the reading position: %w", serr)
		}
	}
	return err
}

// runProgram runs a model with cfg's input, output and colours. The model's
// View asks for the alternate screen and the mouse wheel. Bubble Tea restores
// the terminal before it returns, after a quit, an interrupt or a panic in
// Update, View or a command (then the error wraps tea.ErrProgramPanic).
//
// The colour profile is given, never detected: margin has already decided on
// colour (cfg.Plain) and glamour's output is shown as it is; plain keeps the
// reader's reverse video and bold but drops any colour.
//
// While it runs, the reader is asked to save its place every saveEvery, and
// a hang-up (the terminal closed, the tmux window killed, the SSH connection
// lost) makes it save its place and quit instead of dying where it stands.
func runProgram(m tea.Model, cfg Config) (tea.Model, error) {
	profile := colorprofile.TrueColor
	if cfg.Plain {
		profile = colorprofile.Ascii
	}
	opts := []tea.ProgramOption{tea.WithColorProfile(profile)}
	if cfg.Input != nil {
		opts = append(opts, tea.WithInput(cfg.Input))
	}
	if cfg.Output != nil {
		opts = append(opts, tea.WithOutput(cfg.Output))
	}
	p := tea.NewProgram(m, opts...)
	stop := make(chan struct{})
	defer close(stop)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		tick := time.NewTicker(saveEvery)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				p.Send(saveMsg{})
			case <-hup:
				p.Send(hangupMsg{})
			}
		}
	}()
	return p.Run()
}

// saveEvery is how often the reader saves its place, when it has moved.
const saveEvery = 3 * time.Second
