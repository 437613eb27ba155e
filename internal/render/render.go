// Package render turns a reading into Markdown and renders that Markdown for
// the terminal with glamour, or as plain text with not one escape byte.
//
// It never asks the terminal anything: the style is chosen by the caller
// (glamour's auto style, which queries the terminal's background colour, is
// never used), and the glamour renderers it builds are kept for reuse.
// glamour does not wrap lines: margin wraps its output (see reflow), which
// keeps URLs and hyphenated words whole and hangs list items. A long
// document is rendered in two halves at once (see splitBlocks).
package render

import (
	"errors"
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

// Renderer renders Markdown with glamour. It keeps the glamour renderers it
// builds, one per style and per render running at once, for reuse. It is
// safe for concurrent use.
type Renderer struct {
	mu   sync.Mutex
	idle map[string][]*glamour.TermRenderer
}

// New returns a Renderer.
func New() *Renderer { return &Renderer{idle: map[string][]*glamour.TermRenderer{}} }

// styleKey names the glamour style o asks for.
func styleKey(o Options) (string, error) {
	switch {
	case o.Plain:
		return "plain", nil
	case o.Style == "":
		return "dark", nil
	case !ValidStyle(o.Style):
		return "", fmt.Errorf("unknown style %q", o.Style)
	}
	return o.Style, nil
}

// get takes an idle glamour renderer for the style k, or builds one; put
// gives it back. A glamour renderer renders one document at a time.
func (r *Renderer) get(k string) (*glamour.TermRenderer, error) {
	r.mu.Lock()
	if n := len(r.idle[k]); n > 0 {
		tr := r.idle[k][n-1]
		r.idle[k] = r.idle[k][:n-1]
		r.mu.Unlock()
		return tr, nil
	}
	r.mu.Unlock()
	style := glamour.WithStyles(styleConfig(k))
	// glamour does not wrap (see reflow); newlines are preserved so that
	// margin's own line breaks hold.
	tr, err := glamour.NewTermRenderer(style, glamour.WithWordWrap(0), glamour.WithPreservedNewLines())
	if err != nil {
		return nil, fmt.Errorf("building the %s renderer: %w", k, err)
	}
	return tr, nil
}

func (r *Renderer) put(k string, tr *glamour.TermRenderer) {
	r.mu.Lock()
	r.idle[k] = append(r.idle[k], tr)
	r.mu.Unlock()
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
// checked again afterwards and has trailing spaces trimmed. A long document
// is rendered in two halves at once (see splitBlocks).
func (r *Renderer) Render(md string, o Options) (string, error) {
	k, err := styleKey(o)
	if err != nil {
		return "", err
	}
	parts := r.splitFor(k, sanitize.String(md))
	outs := make([]string, len(parts))
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for i := 1; i < len(parts); i++ {
		wg.Go(func() { outs[i], errs[i] = r.renderPart(k, parts[i], o) })
	}
	outs[0], errs[0] = r.renderPart(k, parts[0], o)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return "", err
	}
	out := outs[0]
	for _, s := range outs[1:] {
		out += strings.TrimPrefix(s, "\n") // the newline glamour starts a document with
	}
	if o.Plain {
		out = PlainClean(out)
	} else if colourStyles[k] {
		out = colourBadges(out)
	}
	return out, nil
}

// splitFor splits md for rendering in the style k (see splitBlocks).
func (r *Renderer) splitFor(k, md string) []string {
	if wholeStyles[k] {
		return []string{md}
	}
	return splitBlocks(md)
}

// renderPart styles md in the style k and wraps it.
func (r *Renderer) renderPart(k, md string, o Options) (string, error) {
	out, err := r.glamour(k, md)
	if err != nil {
		return "", err
	}
	return reflow(out, max(o.Width, MinWidth), o.Fit), nil
}

// glamour renders md with a glamour renderer of the style k, which does not
// wrap.
func (r *Renderer) glamour(k, md string) (string, error) {
	tr, err := r.get(k)
	if err != nil {
		return "", err
	}
	out, err := tr.Render(md)
	r.put(k, tr)
	if err != nil {
		return "", fmt.Errorf("rendering: %w", err)
	}
	return out, nil
}

// wholeStyles are the styles whose documents are never split: in pink, a
// heading that starts a document loses the blank line it has after a
// paragraph. TestSplitRenderingIsTheSame finds any other.
var wholeStyles = map[string]bool{"pink": true}

// splitMin is the length from which a document is split for rendering.
const splitMin = 2048

// hasLinkDefinition reports whether md may hold a link reference
// definition ("[label]: url"), whose label can be used anywhere in the
// document. It errs on the side of yes.
func hasLinkDefinition(md string) bool {
	for line := range strings.Lines(md) {
		line = strings.TrimLeft(line, " ")
		if strings.HasPrefix(line, "[") && strings.Contains(line, "]:") {
			return true
		}
	}
	return false
}

// splitBlocks cuts md in two before the top-level ATX heading nearest its
// middle, so that Render can render the halves at once on two cores.
// glamour renders a document's blocks one after another, each on its own,
// so the halves give what the whole gives, but for the newline glamour
// starts each document with (TestSplitRenderingIsTheSame checks this on
// every section, glossary entry and note, in every style but those in
// wholeStyles). A document
// shorter than splitMin, or with fenced code, footnotes or link reference
// definitions, whose meaning can reach across a heading, stays whole.
func splitBlocks(md string) []string {
	if len(md) < splitMin || strings.Contains(md, "```") || strings.Contains(md, "~~~") ||
		strings.Contains(md, "[^") || hasLinkDefinition(md) {
		return []string{md}
	}
	best, mid := -1, len(md)/2
	for i := 0; ; {
		j := strings.Index(md[i:], "\n\n#")
		if j < 0 {
			break
		}
		at := i + j + 2
		// One blank line before the heading, not more: glamour keeps extra
		// blank lines inside a document but not at its end.
		if atxHeading(md[at:]) && (at < 3 || md[at-3] != '\n') && (best < 0 || abs(at-mid) < abs(best-mid)) {
			best = at
		}
		i = at
	}
	if best < 0 {
		return []string{md}
	}
	return []string{md[:best], md[best:]}
}

// atxHeading reports whether s starts with an ATX heading: one to six #
// and a space, a tab or the end of the line.
func atxHeading(s string) bool {
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(s) || s[n] == ' ' || s[n] == '\t' || s[n] == '\n')
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// styleConfig is glamour's standard style k (plainStyle for "plain") with
// inline code unpadded: margin's badges (note markers, "✎ 3") are inline
// code, and glamour's padding spaces put a space between a badge and the
// punctuation after it, and gave the wrapper places to break a badge from
// its word.
func styleConfig(k string) gansi.StyleConfig {
	var s gansi.StyleConfig
	if k == "plain" {
		s = plainStyle()
	} else {
		s = *styles.DefaultStyles[k]
	}
	s.Code.Prefix, s.Code.Suffix = "", ""
	return s
}

// plainStyle is glamour's ASCII style without the document margin, so that
// piped text starts at the first column. Strong text keeps its
// **asterisks** and emphasis its *asterisks*, so that plain output reads as
// the Markdown it is.
func plainStyle() gansi.StyleConfig {
	s := styles.ASCIIStyleConfig
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
