// Package render turns a reading into Markdown and renders that Markdown for
// the terminal with glamour, or as plain text with not one escape byte.
//
// It never asks the terminal anything: the style is chosen by the caller
// (glamour's auto style, which queries the terminal's background colour, is
// never used), and one glamour renderer is built per style and reused.
// glamour does not wrap lines: margin wraps its output (see reflow), which
// keeps URLs and hyphenated words whole and hangs list items.
package render

import (
	"fmt"
	"strings"
	"sync"

	"github.com/charmbracelet/glamour"
	gansi "github.com/charmbracelet/glamour/ansi"
	"github.com/charmbracelet/glamour/styles"
	"github.com/margin-reader/margin/internal/sanitize"
	"github.com/mattn/go-runewidth"
)

// Styles lists the glamour styles margin accepts.
var Styles = []string{"dark", "light", "ascii", "notty", "dracula", "tokyo-night", "pink"}

// DefaultWidth is the reading width when none is known; MaxWidth caps the
// terminal's width at a comfortable line length.
const (
	DefaultWidth = 80
	MaxWidth     = 100
	MinWidth     = 20
)

// Options says how to render.
type Options struct {
	Plain bool   // plain text: no escape bytes at all
	Style string // a glamour standard style; ignored when Plain
	Width int    // total columns
	// Fit breaks every line at Width, URLs included, as a full-screen view
	// needs. Otherwise a URL longer than the line stays whole, so that it
	// can be copied and clicked.
	Fit bool
}

// ValidStyle reports whether name is one of Styles.
func ValidStyle(name string) bool {
	for _, s := range Styles {
		if s == name {
			return true
		}
	}
	return false
}

// Renderer renders Markdown, reusing one glamour renderer per style.
// It is safe for concurrent use.
type Renderer struct {
	mu    sync.Mutex
	cache map[string]*glamour.TermRenderer
}

// New returns a Renderer.
func New() *Renderer { return &Renderer{cache: map[string]*glamour.TermRenderer{}} }

func (r *Renderer) term(o Options) (*glamour.TermRenderer, error) {
	k := o.Style
	if o.Plain {
		k = "plain"
	}
	if k == "" {
		k = "dark"
	}
	if !ValidStyle(k) && !o.Plain {
		return nil, fmt.Errorf("unknown style %q", k)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if tr, ok := r.cache[k]; ok {
		return tr, nil
	}
	style := glamour.WithStandardStyle(k)
	if o.Plain {
		style = glamour.WithStyles(plainStyle())
	}
	// glamour does not wrap (see reflow); newlines are preserved so that
	// margin's own line breaks hold.
	tr, err := glamour.NewTermRenderer(style, glamour.WithWordWrap(0), glamour.WithPreservedNewLines())
	if err != nil {
		return nil, fmt.Errorf("building the %s renderer: %w", k, err)
	}
	r.cache[k] = tr
	return tr, nil
}

// Prepare starts on another goroutine the one costly part of a first render
// that does not depend on what is rendered, so that a command can load its
// content meanwhile: go-runewidth (v0.0.26 and later), which glamour's
// margin writer calls for every rune, fills a 2.2 MB width table the first
// time it measures a rune above U+02FF. That takes about 2 ms, mostly page
// faults, which is more than glamour then takes to render a glossary entry.
// Render waits for it should it be unfinished. Commands that will render
// call Prepare first thing; on one core nothing is lost.
func (r *Renderer) Prepare() {
	go runewidth.RuneWidth('\u2014')
}

// Render renders Markdown. The input is sanitized first; plain output is
// checked again afterwards and has trailing spaces trimmed.
func (r *Renderer) Render(md string, o Options) (string, error) {
	tr, err := r.term(o)
	if err != nil {
		return "", err
	}
	r.mu.Lock() // a TermRenderer is not safe for concurrent Render calls
	out, err := tr.Render(sanitize.String(md))
	r.mu.Unlock()
	if err != nil {
		return "", fmt.Errorf("rendering: %w", err)
	}
	out = reflow(out, max(o.Width, MinWidth), o.Fit)
	if o.Plain {
		out = PlainClean(out)
	}
	return out, nil
}

// plainStyle is glamour's ASCII style without the asterisks it puts around
// strong text (margin uses strong text for labels, which plain output shows
// as they are) and without the document margin, so that piped text starts at
// the first column. Emphasis keeps its *asterisks*, so titles of works stay marked.
func plainStyle() gansi.StyleConfig {
	s := styles.ASCIIStyleConfig
	s.Strong.BlockPrefix, s.Strong.BlockSuffix = "", ""
	noMargin := uint(0)
	s.Document.Margin = &noMargin
	return s
}

// PlainClean removes any control character left in plain output and the
// padding glamour adds at the end of lines.
func PlainClean(s string) string {
	s = sanitize.String(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.TrimLeft(strings.Join(lines, "\n"), "\n")
}
