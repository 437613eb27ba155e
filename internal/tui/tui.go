package tui

import (
	"errors"
	"fmt"
	"io"

	tea "github.com/charmbracelet/bubbletea"
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
	StateDir string           // where position.json is kept (see StateDir)
	Input    io.Reader        // nil for the terminal on stdin
	Output   io.Writer        // nil for stdout
}

// Run runs the reader until the user quits, then saves the reading
// position. The terminal is restored before Run returns, also when a
// command panics; errors are returned, never handled by exiting.
func Run(cfg Config) error {
	if cfg.Reading == nil || len(cfg.Reading.Sections) == 0 {
		return errors.New("nothing to read")
	}
	opts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithMouseCellMotion()}
	if cfg.Input != nil {
		opts = append(opts, tea.WithInput(cfg.Input))
	}
	if cfg.Output != nil {
		opts = append(opts, tea.WithOutput(cfg.Output))
	}
	final, err := tea.NewProgram(newModel(cfg), opts...).Run()
	if m, ok := final.(*model); ok && m != nil && cfg.StateDir != "" {
		if serr := savePosition(cfg.StateDir, m.position()); serr != nil && err == nil {
			err = fmt.Errorf("saving the reading position: %w", serr)
		}
	}
	return err
}
