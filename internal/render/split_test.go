package render

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/sanitize"
)

// renderWhole renders md as Render does, but never split.
func renderWhole(t testing.TB, r *Renderer, md string, o Options) string {
	k, err := styleKey(o)
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.renderPart(k, md, o)
	if err != nil {
		t.Fatal(err)
	}
	if o.Plain {
		out = PlainClean(out)
	} else if colourStyles[k] {
		out = colourBadges(out)
	}
	return out
}

// sgrRe matches a Select Graphic Rendition sequence: a style.
var sgrRe = regexp.MustCompile(`^\x1b\[([0-9;]*)m`)

// visible is rendered output as a terminal shows it: each character with
// the styles in force where it is written, one line of them per line.
// Styles that are set and reset before anything is written in them, and
// resets where no style is in force, show nothing and leave no trace;
// spaces at the end of a line, where glamour's margin leaves them on blank
// lines, are dropped. Two renderings look the same exactly when visible
// gives the same for both.
func visible(s string) string {
	var out strings.Builder
	for _, l := range strings.Split(s, "\n") {
		var style []string // the parameters in force since the last reset
		var cells []string
		for i := 0; i < len(l); {
			if m := sgrRe.FindStringSubmatch(l[i:]); m != nil {
				i += len(m[0])
				if m[1] == "" || m[1] == "0" {
					style = nil
				} else {
					style = append(style, m[1])
				}
				continue
			}
			_, size := utf8.DecodeRuneInString(l[i:])
			cells = append(cells, strings.Join(style, ";")+"\x00"+l[i:i+size])
			i += size
		}
		for len(cells) > 0 && strings.HasSuffix(cells[len(cells)-1], "\x00 ") {
			cells = cells[:len(cells)-1]
		}
		out.WriteString(strings.Join(cells, "\x01"))
		out.WriteString("\n")
	}
	return out.String()
}

// Rendering a document in two halves at once gives what rendering it whole
// gives, for every page margin renders, in every style.
func TestSplitRenderingIsTheSame(t *testing.T) {
	rd, err := reading.Load(margin.Content())
	if err != nil {
		t.Fatal(err)
	}
	var docs []string
	for _, s := range rd.Sections {
		md, err := Section(rd, s, Show{Endnotes: true, Terms: true, Notes: true, Prep: true}, false)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, md)
	}
	entries, err := rd.Glossary()
	if err != nil {
		t.Fatal(err)
	}
	notes, err := rd.Notes()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		docs = append(docs, EntryPage(rd, e))
	}
	for _, n := range notes {
		docs = append(docs, NotePage(rd, n))
	}
	split := 0
	r := New()
	styles := append([]string{"plain"}, Styles...)
	if testing.Short() {
		styles = styles[:2] // plain and one colour style: enough for the race detector
	}
	for _, style := range styles {
		o := Options{Style: style, Width: 72, Plain: style == "plain"}
		for _, md := range docs {
			if len(splitBlocks(md)) > 1 {
				split++
			}
			got, err := r.Render(md, o)
			if err != nil {
				t.Fatal(err)
			}
			if want := renderWhole(t, r, md, o); visible(got) != visible(want) {
				t.Fatalf("%s: split rendering differs from whole rendering of:\n%s\n--- split:\n%s\n--- whole:\n%s", style, md, got, want)
			}
		}
	}
	if split == 0 {
		t.Fatal("no document was split: the test tests nothing")
	}
}

func TestSplitBlocks(t *testing.T) {
	long := strings.Repeat("Some words of a paragraph. ", 50)
	for _, c := range []struct {
		name string
		md   string
		want int
	}{
		{"short", "## A\n\ntext\n\n## B\n\ntext\n", 1},
		{"two headings", "## A\n\n" + long + "\n\n### B\n\n" + long + "\n", 2},
		{"no heading", long + "\n\n" + long, 1},
		{"fenced code", "## A\n\n```\n" + long + "\n\n## not a heading\n```\n\n## B\n\n" + long, 1},
		{"footnotes", "## A\n\n" + long + "[^1]\n\n## B\n\n[^1]: " + long, 1},
		{"link definitions", "## A\n\n[x][y] " + long + "\n\n## B\n\n[y]: https://example.com\n" + long, 1},
		{"hash without space", "## A\n\n" + long + "\n\n#hashtag " + long, 1},
	} {
		if got := len(splitBlocks(c.md)); got != c.want {
			t.Errorf("%s: %d parts, want %d", c.name, got, c.want)
		}
		if strings.Join(splitBlocks(c.md), "") != c.md {
			t.Errorf("%s: the parts do not make up the document", c.name)
		}
	}
}

// Whatever the Markdown, the halves render as the whole does: a terminal
// shows the same (see visible). Byte for byte they may differ by a reset
// that styles nothing; testdata/fuzz/FuzzSplitRendering/split-extra-reset is
// the smallest such input found, which failed the byte-for-byte check this
// test made before and stalled the fuzzer minimising it.
func FuzzSplitRendering(f *testing.F) {
	long := strings.Repeat("Words — “quoted”, *emphasis* and **strong**. ", 30)
	f.Add("## A\n\n" + long + "\n\n### B\n\n- " + long + "\n- item\n")
	f.Add("# A\n\n> " + long + "\n\n## B\n\n1. " + long + "\n2. two\n")
	f.Add("## A\n\n" + long + "\n\n## B\n\n| a | b |\n|---|---|\n| " + long + " | x |\n")
	r := New()
	f.Fuzz(func(t *testing.T, md string) {
		for _, o := range []Options{{Plain: true, Width: 60}, {Style: "dark", Width: 60}} {
			got, err := r.Render(md, o)
			if err != nil {
				return
			}
			if want := renderWhole(t, r, sanitize.String(md), o); visible(got) != visible(want) {
				t.Fatalf("split rendering differs for %q:\n%q\n---\n%q", md, got, want)
			}
		}
	})
}

// visible tells apart exactly what a terminal shows differently.
func TestVisible(t *testing.T) {
	same := [][2]string{
		{"a\x1b[0m\x1b[0mb", "ab"},                          // resets with no style in force
		{"\x1b[1m\x1b[0ma", "a"},                            // a style reset before use
		{"\x1b[1ma\x1b[0m b  ", "\x1b[1ma\x1b[m b"},         // trailing spaces; ESC[m is ESC[0m
		{"\x1b[0m\x1b[31mx\x1b[0m\n", "\x1b[31mx\x1b[0m\n"}, // a reset at the start of a line
	}
	for _, c := range same {
		if visible(c[0]) != visible(c[1]) {
			t.Errorf("%q and %q look the same but visible tells them apart", c[0], c[1])
		}
	}
	differ := [][2]string{
		{"\x1b[1ma", "a"},
		{"\x1b[1ma\x1b[0mb", "\x1b[1mab"},
		{"a\nb", "ab"},
		{"x y", "x  y"},
	}
	for _, c := range differ {
		if visible(c[0]) == visible(c[1]) {
			t.Errorf("%q and %q look different but visible does not tell them apart", c[0], c[1])
		}
	}
}
