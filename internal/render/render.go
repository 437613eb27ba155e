// Package render turns a reading into Markdown and renders that Markdown for
// the terminal with glamour, or as plain text with not one escape byte.
//
// It never asks the terminal anything: the style is chosen by the caller
// (glamour's auto style, which queries the terminal's background colour, is
// never used), and one glamour renderer is built per style and width and
// reused.
package render

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/charmbracelet/glamour"
	gansi "github.com/charmbracelet/glamour/ansi"
	"github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/x/ansi"
	"github.com/margin-reader/margin/internal/sanitize"
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

type key struct {
	style string
	width int
}

// Renderer renders Markdown, reusing one glamour renderer per style and width.
// It is safe for concurrent use.
type Renderer struct {
	mu    sync.Mutex
	cache map[key]*glamour.TermRenderer
}

// New returns a Renderer.
func New() *Renderer { return &Renderer{cache: map[key]*glamour.TermRenderer{}} }

func (r *Renderer) term(o Options) (*glamour.TermRenderer, error) {
	k := key{style: o.Style, width: o.Width}
	if o.Plain {
		k.style = "plain"
	}
	if k.style == "" {
		k.style = "dark"
	}
	if !ValidStyle(k.style) && !o.Plain {
		return nil, fmt.Errorf("unknown style %q", k.style)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if tr, ok := r.cache[k]; ok {
		return tr, nil
	}
	style := glamour.WithStandardStyle(k.style)
	if o.Plain {
		style = glamour.WithStyles(plainStyle())
	}
	// glamour sometimes sets a line one column wider than asked (in lists);
	// asking for one column less keeps lines within the width. Newlines are preserved so that margin's own line breaks hold: the
	// Markdown it composes keeps each paragraph on one line.
	tr, err := glamour.NewTermRenderer(style, glamour.WithWordWrap(max(k.width, MinWidth)-1), glamour.WithPreservedNewLines())
	if err != nil {
		return nil, fmt.Errorf("building the %s renderer: %w", k.style, err)
	}
	r.cache[k] = tr
	return tr, nil
}

// Render renders Markdown. The input is sanitized first; plain output is
// checked again afterwards and has trailing spaces trimmed.
func (r *Renderer) Render(md string, o Options) (string, error) {
	tr, err := r.term(o)
	if err != nil {
		return "", err
	}
	r.mu.Lock() // a TermRenderer is not safe for concurrent Render calls
	out, err := tr.Render(protectURLs(protectHyphens(sanitize.String(md))))
	r.mu.Unlock()
	if err != nil {
		return "", fmt.Errorf("rendering: %w", err)
	}
	out = strings.ReplaceAll(strings.ReplaceAll(out, nbHyphen, "-"), urlDot, ".")
	out = hardwrap(out, max(o.Width, MinWidth), o.Fit)
	if o.Plain {
		out = PlainClean(out)
	}
	return out, nil
}

// urlDot stands in for the dots of URLs while glamour renders: glamour v1
// splits text at a URL's dots and then breaks lines there
// ("https://foreignpolicy." / "com/2018/…"), which makes the URL useless to
// copy or click.
const urlDot = "\u2024"

var urlPattern = regexp.MustCompile(`https?://[^\s<>()\[\]` + "`" + `"]+`)

// protectURLs replaces the dots in each URL with urlDot.
func protectURLs(md string) string {
	if !strings.Contains(md, "://") {
		return md
	}
	return urlPattern.ReplaceAllStringFunc(md, func(u string) string { return strings.ReplaceAll(u, ".", urlDot) })
}

// hardwrap breaks lines wider than width where the terminal would, since
// glamour v1 lets a word longer than the line run past it, except, unless
// urls is set, lines holding a URL: a URL broken across lines can be
// neither copied nor clicked, and a terminal shows a long line anyway.
func hardwrap(s string, width int, urls bool) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if ansi.StringWidth(l) > width && (urls || !strings.Contains(l, "://")) {
			lines[i] = ansi.Hardwrap(l, width, true)
		}
	}
	return strings.Join(lines, "\n")
}

// nbHyphen stands in for hyphens inside words while glamour wraps text.
// glamour v1's word wrapper (muesli/reflow) breaks lines at hyphens but then
// miscounts the line that follows, which glamour's margin writer hard-wraps,
// stranding a word on a line of its own. Hyphenated words therefore never
// break, which also keeps the author's compounds ("self-sustaining") whole.
const nbHyphen = "\u2011"

// protectHyphens replaces each hyphen between two letters or digits with a
// non-breaking hyphen; Render turns them back into hyphens afterwards.
func protectHyphens(md string) string {
	if !strings.Contains(md, "-") {
		return md
	}
	rs := []rune(md)
	for i := 1; i+1 < len(rs); i++ {
		if rs[i] == '-' && isAlnum(rs[i-1]) && isAlnum(rs[i+1]) {
			rs[i] = '\u2011'
		}
	}
	return string(rs)
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

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
