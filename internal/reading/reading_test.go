package reading

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"
)

func TestNewParagraph(t *testing.T) {
	p := NewParagraph(`The "Nosedive" episode of *Black Mirror* follows.[^27] A+++  to D,[^4] US$2.5`)
	want := `The "Nosedive" episode of Black Mirror follows. A+++ to D, US$2.5`
	if p.Plain != want {
		t.Fatalf("Plain = %q, want %q", p.Plain, want)
	}
	if len(p.Refs) != 2 || p.Refs[0] != 27 || p.Refs[1] != 4 {
		t.Errorf("Refs = %v", p.Refs)
	}
	// Offsets map back: the plain word "Mirror" is the Markdown "Mirror".
	i := strings.Index(p.Plain, "Mirror")
	start, end := p.MarkdownStart(i), p.MarkdownOffset(i+len("Mirror"))
	if got := p.Markdown[start:end]; got != "Mirror" {
		t.Errorf("mapped back to %q", got)
	}
	// The end of "follows." maps to before the reference.
	j := strings.Index(p.Plain, "follows.") + len("follows.")
	if got := p.Markdown[p.MarkdownOffset(j):][:5]; got != "[^27]" {
		t.Errorf("end offset lands at %q", got)
	}
}

func testFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"text/paper.yaml":    {Data: []byte("title: T\nauthor: A\n")},
		"text/endnotes.yaml": {Data: []byte("- n: 1\n  printed: true\n  text: The one endnote.\n")},
	}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

const sec1 = "---\nnumber: \"1\"\nslug: intro\ntitle: Introduction\n---\nThe party said \"trust\" twice: trust.[^1]\n\nSecond ‘quoted’ paragraph.\n"
const sec21 = "---\nnumber: \"2.1\"\nslug: coercive-repression\ntitle: Coercive repression and social management\n---\nText.\n"
const sec2 = "---\nnumber: \"2\"\nslug: lens\ntitle: Technological lens\n---\n"

func TestLoadAnyFS(t *testing.T) {
	rd, err := Load(testFS(map[string]string{"text/01.md": sec1, "text/02.1.md": sec21, "text/02.md": sec2}))
	if err != nil {
		t.Fatal(err)
	}
	if len(rd.Sections) != 3 || rd.Sections[1].Number != "2" || rd.Sections[2].Number != "2.1" {
		t.Fatalf("sections not in numeric order: %v", rd.Sections)
	}
	if got := len(rd.Part(rd.Section("2"))); got != 2 {
		t.Errorf("part 2 has %d sections, want 2", got)
	}
	if rd.Meta.ID != "a-t" {
		t.Errorf("derived id = %q", rd.Meta.ID)
	}
}

func TestLoadErrorsNameTheFile(t *testing.T) {
	tests := []struct {
		name, file, data, want string
	}{
		{"no front matter", "text/01.md", "just text", "text/01.md:1: no front matter"},
		{"bad number", "text/01.md", "---\nnumber: one\nslug: a\ntitle: A\n---\n", `number "one"`},
		{"unknown field", "text/01.md", "---\nnumber: \"1\"\nslug: a\ntitle: A\ntitel: B\n---\n", "field titel not found"},
		{"heading in body", "text/01.md", "---\nnumber: \"1\"\nslug: a\ntitle: A\n---\n# Heading\n", "headings do not belong"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(testFS(map[string]string{tt.file: tt.data}))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestLocate(t *testing.T) {
	rd, err := Load(testFS(map[string]string{"text/01.md": sec1}))
	if err != nil {
		t.Fatal(err)
	}
	s := rd.Section("1")
	loc, err := Locate(s, Anchor{Exact: "Second 'quoted'"}) // straight quotes match curly ones
	if err != nil || loc.Para != 1 || s.Paragraphs[1].Plain[loc.Start:loc.End] != "Second ‘quoted’" {
		t.Fatalf("Locate = %+v, %v", loc, err)
	}
	_, err = Locate(s, Anchor{Exact: "trust"})
	var ae *AnchorError
	if !errors.As(err, &ae) || ae.Count != 2 {
		t.Fatalf("ambiguous anchor: %v", err)
	}
	if loc, err = Locate(s, Anchor{Exact: "trust", Suffix: "."}); err != nil || loc.Start != strings.LastIndex(s.Paragraphs[0].Plain, "trust") {
		t.Fatalf("suffix did not disambiguate: %+v %v", loc, err)
	}
	_, err = LocateExact(s, Anchor{Exact: "Second quoted paragraf"})
	if !errors.As(err, &ae) || ae.Count != 0 || !strings.Contains(ae.Closest, "Second") {
		t.Fatalf("missing anchor should name the closest passage: %v", err)
	}
}

func TestFindSection(t *testing.T) {
	rd, err := Load(testFS(map[string]string{"text/01.md": sec1, "text/02.1.md": sec21, "text/02.md": sec2}))
	if err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{
		"2.1": "2.1", "1": "1", "coercive-repression": "2.1", "coercive": "2.1",
		"COERCIVE social": "2.1", "coersive": "2.1", "intro": "1", "technological": "2",
	} {
		s, err := rd.FindSection(q)
		if err != nil || s.Number != want {
			t.Errorf("FindSection(%q) = %v, %v; want %s", q, s, err, want)
		}
	}
	_, err = rd.FindSection("zebra crossing")
	var nf *NotFoundError
	if !errors.As(err, &nf) {
		t.Errorf("FindSection(zebra crossing) = %v, want NotFoundError", err)
	}
}

func FuzzParseSection(f *testing.F) {
	f.Add([]byte(sec1))
	f.Add([]byte(sec21))
	f.Add([]byte("---\nnumber: \"1\"\n---\n"))
	f.Add([]byte("---\n---\n[^1][^x]*\\"))
	f.Add([]byte("---\nnumber: \"1\"\nslug: a\ntitle: A\n---\n*a* [^12]\xff\n\nb"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := parseSection("fuzz.md", data)
		if err != nil {
			return
		}
		for _, p := range s.Paragraphs {
			for k := 0; k < len(p.Plain); k++ {
				o := p.mdByte(k)
				if o >= len(p.Markdown) || p.Markdown[o] != p.Plain[k] && (p.Plain[k] != ' ' || !unicode.IsSpace(rune(p.Markdown[o])) && p.Markdown[o] < utf8.RuneSelf) {
					t.Fatalf("plain byte %d (%q) maps to Markdown offset %d", k, p.Plain[k], o)
				}
			}
			for i := 0; i <= len(p.Plain); i++ {
				if o := p.MarkdownOffset(i); o < 0 || o > len(p.Markdown) {
					t.Fatalf("offset %d maps outside the Markdown: %d", i, o)
				}
			}
			if strings.Contains(p.Plain, "  ") || utf8.ValidString(p.Markdown) && !utf8.ValidString(p.Plain) {
				t.Fatalf("plain text not normalised: %q", p.Plain)
			}
		}
	})
}

func FuzzNewParagraph(f *testing.F) {
	for _, s := range []string{"", "a", "*x*[^1]", "[^", "[^99999999999999999999]", "é  ü", "\\*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		p := NewParagraph(md)
		for i := 0; i < len(p.Plain); i++ {
			if st := p.MarkdownStart(i); st < 0 || st > len(md) {
				t.Fatalf("start offset out of range")
			}
		}
		if _, err := Locate(&Section{Number: "1", Paragraphs: []Paragraph{p}}, Anchor{Exact: md}); err != nil {
			var ae *AnchorError
			if !errors.As(err, &ae) {
				t.Fatalf("unexpected error type %T", err)
			}
		}
	})
}

// Words counts as strings.Fields splits, whatever the white space.
func TestWordsMatchesFields(t *testing.T) {
	for _, text := range []string{"", " ", "one", " two  words ", "a\u00a0b\u3000c\td\ne", "—  dash —"} {
		s := &Section{Paragraphs: []Paragraph{NewParagraph(text), {Plain: text}}}
		want := len(strings.Fields(NewParagraph(text).Plain)) + len(strings.Fields(text))
		if got := s.Words(); got != want {
			t.Errorf("Words(%q) = %d, want %d", text, got, want)
		}
	}
}

// A glossary entry's sources must say what was seen of them, with one of the
// fixed values, and name the copy or quoting work where that needs one.
func TestSourcesNeedWhatWasSeen(t *testing.T) {
	entry := func(source string) string {
		return "---\nterm: Trust\nsources:\n  - author: A\n    title: T\n    date: \"2020\"\n" + source + "---\nA definition.\n"
	}
	tests := []struct{ name, source, want string }{
		{"missing", "", "a source needs seen: original | copy | abstract | quoted-in | not-found"},
		{"unknown value", "    seen: yes\n", `seen: "yes" is not one of original | copy`},
		{"copy without via", "    seen: copy\n", "seen: copy needs via"},
		{"quoted without via", "    seen: quoted-in\n", "seen: quoted-in needs via"},
		{"via on the original", "    seen: original\n    via: https://example.org\n", "via is only for seen: copy or quoted-in"},
		{"the old boolean", "    confirmed: true\n", "field confirmed not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, err := Load(testFS(map[string]string{"text/01.md": sec1, "glossary/trust.md": entry(tt.source)}))
			if err == nil {
				_, err = rd.Glossary()
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "glossary/trust.md") {
				t.Fatalf("error = %v, want it to name the file and contain %q", err, tt.want)
			}
		})
	}
	rd, err := Load(testFS(map[string]string{"text/01.md": sec1, "glossary/trust.md": entry("    seen: copy\n    via: https://example.org/copy\n")}))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := rd.Glossary()
	if err != nil || len(entries) != 1 || entries[0].Sources[0].Seen != SeenCopy || entries[0].Sources[0].Via != "https://example.org/copy" {
		t.Fatalf("a valid source: %v, %+v", err, entries)
	}
}

func TestRefOffsets(t *testing.T) {
	p := NewParagraph("One *two*.[^1] Three, four[^2]\nfive.[^3]")
	got := p.RefOffsets()
	want := []int{len("One two."), len("One two. Three, four"), len(p.Plain)}
	if fmt.Sprint(got) != fmt.Sprint(want) || p.Plain != "One two. Three, four five." {
		t.Errorf("RefOffsets of %q = %v, want %v (plain %q)", p.Markdown, got, want, p.Plain)
	}
}
