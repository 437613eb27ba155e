package pdfimport

import (
	"context"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/margin-reader/margin/internal/reading"
)

// need returns the path of the first of names on PATH, or skips the test;
// with env=1 (as CI sets it) a missing program fails it instead.
func need(t *testing.T, env string, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	if os.Getenv(env) == "1" {
		t.Fatalf("%s=1 but none of %v is on PATH", env, names)
	}
	t.Skipf("none of %v on PATH", names)
	return ""
}

var (
	mdRefRe    = regexp.MustCompile(`\[\^(\d+)\]`)
	mdEmRe     = regexp.MustCompile(`\*([^*]+)\*`)
	longWordRe = regexp.MustCompile(`\pL{9,}`)
)

// shy puts soft hyphens into the long words of HTML text, so that the
// browser hyphenates at line ends whether or not it has a hyphenation
// dictionary for hyphens: auto.
func shy(s string) string {
	return longWordRe.ReplaceAllStringFunc(s, func(w string) string {
		r := []rune(w)
		var b strings.Builder
		for i, c := range r {
			if i > 2 && i < len(r)-2 && i%3 == 0 {
				b.WriteString("&shy;")
			}
			b.WriteRune(c)
		}
		return b.String()
	})
}

// inline turns a paragraph's Markdown into HTML: references as
// superscripts, emphasis as italics, soft hyphens in long words.
func inline(md string) string {
	s := html.EscapeString(md)
	s = shy(s)
	s = mdRefRe.ReplaceAllString(s, "<sup>$1</sup>")
	return mdEmRe.ReplaceAllString(s, "<i>$1</i>")
}

// paperHTML writes the built-in reading as a printed paper: a title and
// byline, numbered headings, superscript note markers, the notes at the
// end, in one or two columns. Chromium prints a running head (date and
// title) and foot (address and page number) on every page, or the page's
// CSS margin boxes print them (marginBoxes: different on even pages).
func paperHTML(rd *reading.Reading, columns int, numbered bool, marginBoxes bool) string {
	boxes := ""
	if marginBoxes {
		// Running heads and page numbers in CSS page-margin boxes, odd and
		// even pages different.
		boxes = `@top-center { content: "McGill Journal of Political Studies"; font: 8pt sans-serif; }
  @bottom-right { content: "Page " counter(page); font: 8pt sans-serif; } }
@page :left { @top-center { content: "Vochelet · The Social Credit System"; font: 8pt sans-serif; } `
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s</title><style>
@page { size: A4; margin: 25mm 20mm; %s }
body { font: 11pt/1.4 serif; text-align: justify; hyphens: auto; -webkit-hyphens: auto; }
main { column-count: %d; column-gap: 9mm; }
h1 { font-size: 18pt; text-align: left; } h2 { font-size: 15pt; text-align: left; } h3 { font-size: 13pt; text-align: left; }
p { margin: 0 0 0.6em; }
</style></head><body>
<h1>%s</h1><p class="by">By %s</p><main>
`, html.EscapeString(rd.Meta.Title), boxes, columns, html.EscapeString(rd.Meta.Title), html.EscapeString(rd.Meta.Author))
	for _, s := range rd.Sections {
		title, tag := s.Number+" "+s.Title, "h2"
		switch {
		case s.Number == "0":
			title = "Abstract"
		case !numbered:
			title = s.Title
			if strings.Contains(s.Number, ".") {
				tag = "h3"
			}
		}
		fmt.Fprintf(&b, "<%s>%s</%s>\n", tag, html.EscapeString(title), tag)
		for _, p := range s.Paragraphs {
			fmt.Fprintf(&b, "<p>%s</p>\n", inline(p.Markdown))
		}
	}
	b.WriteString("<h2>Notes</h2>\n")
	for _, e := range rd.Endnotes {
		if e.Printed {
			fmt.Fprintf(&b, "<p>%d. %s</p>\n", e.N, inline(e.Text))
		}
	}
	b.WriteString("</main></body></html>\n")
	return b.String()
}

// printPDF prints an HTML page to PDF with headless Chromium, with its
// own header and footer (date, title, address, page numbers).
func printPDF(t *testing.T, page string, chromeHeads bool) string {
	t.Helper()
	bin := need(t, "MARGIN_REQUIRE_BROWSER", "chromium", "chromium-browser", "google-chrome", "headless_shell")
	dir := t.TempDir()
	in := filepath.Join(dir, "paper.html")
	out := filepath.Join(dir, "paper.pdf")
	if err := os.WriteFile(in, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--print-to-pdf="+out, "file://"+in)
	if !chromeHeads {
		cmd.Args = append(cmd.Args[:len(cmd.Args)-1], "--no-pdf-header-footer", "file://"+in)
	}
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, msg)
	}
	return out
}

// extract runs pdftotext on a PDF.
func extract(t *testing.T, pdf string) string {
	t.Helper()
	bin := need(t, "MARGIN_REQUIRE_PDFTOTEXT", "pdftotext")
	text, err := Pdftotext(context.Background(), bin, pdf)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// artefacts are the words of got that are not words of the source: a
// hyphenation left in ("tech-nological"), a real hyphen dropped
// ("sociocultural"), a soft hyphen or a hyphenation point kept.
func artefacts(source, got []string) []string {
	known := map[string]bool{}
	for _, w := range source {
		known[strings.TrimFunc(w, notLetter)] = true
	}
	var out []string
	for _, w := range got {
		w = strings.TrimFunc(w, notLetter)
		if strings.ContainsAny(w, "\u00ad\u2010") || (!known[w] && strings.IndexFunc(w, unicode.IsLetter) >= 0) {
			out = append(out, w)
		}
	}
	return out
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// PDFs printed by Chromium from a known text (the built-in paper, with
// hyphenation, running heads, page numbers, superscript markers, in one
// and two columns) import back to that text.
func TestChromiumPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("prints PDFs with Chromium")
	}
	src := builtin(t)
	want := allWords(src)
	for _, c := range []struct {
		cols            int
		numbered, boxes bool
	}{{1, true, false}, {2, true, false}, {1, false, false}, {2, false, true}} {
		cols := c.cols
		name := fmt.Sprintf("%d-columns", cols)
		if !c.numbered {
			name += "-unnumbered"
		}
		if c.boxes {
			name += "-css-page-heads"
		}
		t.Run(name, func(t *testing.T) {
			pdf := printPDF(t, paperHTML(src, cols, c.numbered, c.boxes), !c.boxes)
			text := extract(t, pdf)
			if !strings.Contains(text, "\u2010") && !strings.Contains(text, "-\n") {
				t.Fatal("the PDF has no hyphenated line ends: the test would prove nothing")
			}
			res, got := importLayout(t, text)
			gw := allWords(got)
			if o := RunOverlap(want, gw, 6); o < 0.99 {
				t.Errorf("6-word runs of the source found in the import: %.4f, want ≥ 0.99", o)
			}
			if a := artefacts(want, gw); len(a) > 0 {
				t.Errorf("%d words that are not the source's (hyphenation artefacts?): %q", len(a), a)
			}
			if res.Counts.HyphensJoined < 20 || res.Counts.RunningLines == 0 {
				t.Errorf("repairs: %+v", res.Counts)
			}
			if res.Meta.Title != src.Meta.Title || res.Meta.Author != src.Meta.Author {
				t.Errorf("meta %+v", res.Meta)
			}
			var titles []string
			for _, s := range got.Sections {
				titles = append(titles, s.Number+" "+s.Title)
			}
			var wantTitles []string
			for _, s := range src.Sections {
				wantTitles = append(wantTitles, s.Number+" "+s.Title)
			}
			if strings.Join(titles, "|") != strings.Join(wantTitles, "|") {
				t.Errorf("sections:\n%q\nwant\n%q", titles, wantTitles)
			}
			printed := 0
			var noteWords, wantNoteWords []string
			for _, e := range got.Endnotes {
				if e.Printed {
					printed++
					w, _ := src.Endnote(e.N)
					noteWords = append(noteWords, Words(e.Text)...)
					wantNoteWords = append(wantNoteWords, Words(w.Text)...)
				}
			}
			// The PDF loses the notes' italics, and pdftotext itself drops
			// a hyphen that ends a line inside a URL ("-and-|rewards").
			if o := RunOverlap(wantNoteWords, noteWords, 6); o < 0.97 {
				t.Errorf("6-word runs of the notes: %.4f, want ≥ 0.97", o)
			}
			if printed != 24 || len(got.Endnotes) != 29 {
				t.Errorf("%d endnotes, %d printed; want 29, 24", len(got.Endnotes), printed)
			}
			refs := func(rd *reading.Reading) string {
				var out []string
				for _, s := range rd.Sections {
					for _, p := range s.Paragraphs {
						for _, r := range p.Refs {
							out = append(out, fmt.Sprint(r))
						}
					}
				}
				return strings.Join(out, ",")
			}
			if refs(got) != refs(src) {
				t.Errorf("note markers %s\nwant %s", refs(got), refs(src))
			}
		})
	}
}
