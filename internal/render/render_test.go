package render_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
	"github.com/margin-reader/margin/internal/sanitize"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func load(tb testing.TB) *reading.Reading {
	tb.Helper()
	rd, err := reading.Load(margin.Content())
	if err != nil {
		tb.Fatal(err)
	}
	return rd
}

var all = render.Show{Endnotes: true, Terms: true, Notes: true}

// TestGolden renders sections at a fixed width and style and compares them
// with golden files; run with -update after an intended change.
func TestGolden(t *testing.T) {
	rd := load(t)
	r := render.New()
	cases := []struct {
		name    string
		section string
		opt     render.Options
	}{
		{"2.1-plain-80", "2.1", render.Options{Plain: true, Width: 80}},
		{"2.1-dark-80", "2.1", render.Options{Style: "dark", Width: 80}},
		{"3.2-plain-60", "3.2", render.Options{Plain: true, Width: 60}},
		{"0-light-100", "0", render.Options{Style: "light", Width: 100}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			md, err := render.Section(rd, rd.Section(c.section), all, c.opt.Plain)
			if err != nil {
				t.Fatal(err)
			}
			got, err := r.Render(md, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", c.name+".golden"), got)
		})
	}
}

// TestGoldenStyled renders every section in the dark style as the reader
// shows it (every line fits) at 40, 80 and 100 columns, and compares it with
// golden files in testdata/styled; run with -update after an intended change.
func TestGoldenStyled(t *testing.T) {
	rd := load(t)
	r := render.New()
	reader := all
	reader.Reader = true
	for _, s := range rd.Sections {
		md, err := render.Section(rd, s, reader, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []int{40, 80, 100} {
			got, err := r.Render(md, render.Options{Style: "dark", Width: w, Fit: true})
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", "styled", fmt.Sprintf("%s-dark-%d.golden", s.Number, w)), got)
		}
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/render -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the rendering; run go test ./internal/render -update if the change is intended\n--- got:\n%s", path, got)
	}
}

// Plain output never holds an escape byte and never exceeds the width,
// but for URLs and headings, which stay whole on one line, as Markdown needs.
func TestPlainHasNoEscapes(t *testing.T) {
	rd := load(t)
	r := render.New()
	for _, width := range []int{20, 40, 80} {
		for _, s := range rd.Sections {
			md, err := render.Section(rd, s, render.Show{Endnotes: true, Terms: true, Notes: true, Prep: true}, true)
			if err != nil {
				t.Fatal(err)
			}
			out, err := r.Render(md, render.Options{Plain: true, Width: width})
			if err != nil {
				t.Fatal(err)
			}
			if sanitize.HasEscapes(out) {
				t.Errorf("section %s at width %d: escape bytes in plain output", s.Number, width)
			}
			for _, line := range strings.Split(out, "\n") {
				if strings.HasPrefix(line, "http") && !strings.Contains(line, " ") {
					continue // a URL stays whole, to be copied and clicked
				}
				if strings.HasPrefix(line, "#") {
					continue // a heading stays on one line
				}
				if n := len([]rune(line)); n > width {
					t.Errorf("section %s at width %d: line of %d columns: %q", s.Number, width, n, line)
				}
			}
		}
	}
}

// Hostile Markdown (raw escapes, entity forms of ESC and CSI) never yields a
// control sequence of its own: only glamour's styling escapes remain.
func TestHostileMarkdown(t *testing.T) {
	r := render.New()
	for _, md := range []string{
		"~~&#27;[31mred~~", "*&#x1b;]0;title&#7;*", "a\x1b[2Jb", "&#155;31m", "x\u009b31my", "&&#27;#27;[31m",
	} {
		for _, opt := range []render.Options{{Plain: true, Width: 80}, {Style: "dark", Width: 80}} {
			out, err := r.Render(md, opt)
			if err != nil {
				t.Fatal(err)
			}
			for _, bad := range []string{"\x1b[31m", "\x1b]0", "\x1b[2J", "\u009b", "\a"} {
				if strings.Contains(out, bad) {
					t.Errorf("Render(%q, plain=%v) let %q through", md, opt.Plain, bad)
				}
			}
		}
	}
}

// Text escaped for Markdown is shown exactly as written, in plain text and
// on a terminal: no backslash before "&" ("New Media & Society") or
// anything else, no emphasis, link or strike-through made of it.
func TestEscapedTextShowsAsWritten(t *testing.T) {
	r := render.New()
	for _, text := range []string{
		"New Media & Society 21(7)", "Q&A: ~tilde~ and ~~not struck~~", "*not emphasis* _nor this_",
		"[not a link](https://example.org) <b>not html</b>", "a `code` span, a \\ backslash",
		"#1 | pipe ! bang > arrow", "&amp; and &copy; as written",
	} {
		for _, o := range []render.Options{{Plain: true, Width: 200}, {Style: "dark", Width: 200}} {
			out, err := r.Render("- "+render.EscapeInline(text)+"\n\n"+render.EscapeText(text)+"\n", o)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Count(ansi.Strip(out), text); got != 2 {
				t.Errorf("%q, plain=%v: shown %d times of 2 as written:\n%s", text, o.Plain, got, ansi.Strip(out))
			}
		}
	}
}

// A note marker shows its verdict: a glyph on a terminal, words in plain text.
func TestMarkersShowVerdicts(t *testing.T) {
	rd := load(t)
	md, err := render.Section(rd, rd.Section("0"), all, true)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`350 to 950 points\x{a0}\[N\d+:\x{a0}inaccurate\]`).MatchString(md) {
		t.Errorf("plain marker missing at the 350–950 claim:\n%s", md)
	}
	md, _ = render.Section(rd, rd.Section("0"), all, false)
	if !regexp.MustCompile("350 to 950 points\u00a0`N\\d+\u00a0✗`").MatchString(md) {
		t.Errorf("terminal marker missing at the 350–950 claim")
	}
}

// A note's or a personal note's marker is never broken across lines, at
// any width, and reads with ordinary spaces.
func TestMarkersStayWhole(t *testing.T) {
	rd := load(t)
	r := render.New()
	marker := regexp.MustCompile(`\[(N\d+|my)\b`)
	for _, s := range rd.Sections {
		md, err := render.Section(rd, s, all, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, width := range []int{24, 31, 47, 80} {
			out, err := r.Render(md, render.Options{Plain: true, Width: width})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(out, "\u00a0") {
				t.Fatalf("section %s at %d columns: a no-break space reached the output", s.Number, width)
			}
			for _, line := range strings.Split(out, "\n") {
				for _, m := range marker.FindAllStringIndex(line, -1) {
					if !strings.Contains(line[m[0]:], "]") {
						t.Fatalf("section %s at %d columns: a marker is broken:\n%s", s.Number, width, line)
					}
				}
			}
		}
	}
}

func BenchmarkRenderSection(b *testing.B) {
	rd := load(b)
	r := render.New()
	s := rd.Section("2.1")
	if _, err := rd.Notes(); err != nil {
		b.Fatal(err)
	}
	if _, err := rd.Glossary(); err != nil {
		b.Fatal(err)
	}
	opt := render.Options{Style: "dark", Width: 80}
	for b.Loop() {
		md, _ := render.Section(rd, s, all, false)
		if _, err := r.Render(md, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderPaper(b *testing.B) {
	rd := load(b)
	r := render.New()
	if _, err := rd.Notes(); err != nil {
		b.Fatal(err)
	}
	opt := render.Options{Style: "dark", Width: 80}
	for b.Loop() {
		var sb strings.Builder
		for _, s := range rd.Sections {
			md, _ := render.Section(rd, s, all, false)
			sb.WriteString(md)
		}
		if _, err := r.Render(sb.String(), opt); err != nil {
			b.Fatal(err)
		}
	}
}

// A summary is whole sentences: as many as fit, at least the first.
func TestSummarizeKeepsWholeSentences(t *testing.T) {
	for _, c := range []struct {
		text string
		n    int
		want string
	}{
		{"One. Two two. Three.", 100, "One. Two two. Three."},
		{"One. Two two. Three.", 13, "One. Two two. …"},
		{"One. Two two. Three.", 9, "One. …"},
		{"A first sentence longer than the limit, kept whole. Then more.", 10, "A first sentence longer than the limit, kept whole. …"},
		{"It cites p. 8 of the U.S. report. Next.", 34, "It cites p. 8 of the U.S. report. …"},
	} {
		if got := render.Summarize(c.text, c.n); got != c.want {
			t.Errorf("Summarize(%q, %d) = %q, want %q", c.text, c.n, got, c.want)
		}
	}
}

// In plain output, which reads as Markdown, a heading stays on one line
// whatever the width, and strong text keeps its asterisks as emphasis does.
func TestPlainReadsAsMarkdown(t *testing.T) {
	r := render.New()
	md := "### 3.2 \"Asian values\" and the Chinese surveillance state\n\nSome **strong words** and *title*.\n"
	out, err := r.Render(md, render.Options{Plain: true, Width: 30})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "### 3.2 \"Asian values\" and the Chinese surveillance state\n") {
		t.Errorf("the heading is not on one line:\n%s", out)
	}
	if !strings.Contains(out, "**strong words**") || !strings.Contains(out, "*title*") {
		t.Errorf("strong or emphasised text lost its asterisks:\n%s", out)
	}
}

// Each verdict's badge has its own colour in the colour styles, and none in
// ascii.
func TestBadgeColoursByVerdict(t *testing.T) {
	r := render.New()
	var md strings.Builder
	for i, v := range reading.Verdicts {
		md.WriteString("Claim " + render.NoteMarker(i+1, v, false) + ".\n\n")
	}
	for _, style := range []string{"dark", "light"} {
		out, err := r.Render(md.String(), render.Options{Style: style, Width: 80})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]reading.Verdict{}
		for i, v := range reading.Verdicts {
			badge := fmt.Sprintf("N%d %s\x1b[0m", i+1, v.Glyph())
			k := strings.Index(out, badge)
			if k < 0 {
				t.Fatalf("%s: no badge %q in:\n%q", style, badge, out)
			}
			sgr := out[strings.LastIndex(out[:k], "\x1b["):k]
			if other, ok := seen[sgr]; ok {
				t.Errorf("%s: %s and %s badges share the colour %q", style, other, v, sgr)
			}
			seen[sgr] = v
		}
	}
	out, err := r.Render(md.String(), render.Options{Style: "ascii", Width: 80})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "48;5;160m") {
		t.Errorf("ascii badges are coloured:\n%q", out)
	}
}
