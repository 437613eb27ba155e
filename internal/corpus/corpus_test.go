package corpus_test

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/binenc"
	"github.com/margin-reader/margin/internal/corpus"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/search"
)

func load(tb testing.TB) *reading.Reading {
	tb.Helper()
	rd, err := reading.Load(margin.Content())
	if err != nil {
		tb.Fatal(err)
	}
	return rd
}

// Every sentence of the paper is indexed once, located where it stands, and
// every kind of document is searchable.
func TestBuild(t *testing.T) {
	rd := load(t)
	c, err := corpus.Build(rd)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[search.Kind]int{}
	for i, d := range c.Docs {
		kinds[d.Kind]++
		if d.Kind != search.KindText {
			continue
		}
		loc, ok := c.Locs[i]
		if !ok {
			t.Fatalf("sentence %d has no location", i)
		}
		p := rd.Section(loc.Section).Paragraphs[loc.Para]
		if p.Plain[loc.Start:loc.End] != d.Body {
			t.Errorf("sentence %q located at %q", d.Body, p.Plain[loc.Start:loc.End])
		}
	}
	for _, k := range []search.Kind{search.KindSection, search.KindText, search.KindGlossary, search.KindNote, search.KindEndnote} {
		if kinds[k] == 0 {
			t.Errorf("no %s documents", k)
		}
	}
	for q, want := range map[string]string{"horsley": "23", "Kostka survey": "kostka-64-percent", "grid mgmt": "grid-management"} {
		rs, err := c.Index.Search(q, search.Options{})
		if err != nil || len(rs) == 0 {
			t.Errorf("Search(%q): %v, %d results", q, err, len(rs))
			continue
		}
		found := false
		for _, r := range rs {
			found = found || c.Docs[r.Doc].Ref == want
		}
		if !found {
			t.Errorf("Search(%q) does not find %s", q, want)
		}
	}
}

func TestPlainMarkdown(t *testing.T) {
	got := corpus.PlainMarkdown("## In this paper\n\n- **Bold** and *em* and [a link](http://x)\n1. item `code`")
	if want := "In this paper Bold and em and a link item code"; got != want {
		t.Errorf("PlainMarkdown = %q, want %q", got, want)
	}
}

func BenchmarkBuild(b *testing.B) {
	rd := load(b)
	for b.Loop() {
		if _, err := corpus.Build(rd); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuildAndSearch(b *testing.B) {
	rd := load(b)
	for b.Loop() {
		c, _ := corpus.Build(rd)
		if _, err := c.Index.Search("horsley", search.Options{Limit: 5}); err != nil {
			b.Fatal(err)
		}
	}
}

// plainMarkdownRegexp is the reference PlainMarkdown was first written as;
// the fast one must agree with it on every glossary entry and note.
var (
	mdLinePrefix = regexp.MustCompile(`(?m)^[ \t]*(#+|[-*+]|\d+[.)]|>)\s+`)
	mdLink       = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdEmphasis   = regexp.MustCompile("[*_`]{1,3}")
)

func plainMarkdownRegexp(md string) string {
	s := mdLinePrefix.ReplaceAllString(md, " ")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdEmphasis.ReplaceAllString(s, "")
	return strings.Join(strings.Fields(s), " ")
}

func TestPlainMarkdownAgreesWithReference(t *testing.T) {
	rd := load(t)
	entries, _ := rd.Glossary()
	notes, _ := rd.Notes()
	var texts []string
	for _, e := range entries {
		texts = append(texts, e.Definition+"\n\n"+e.Body)
	}
	for _, n := range notes {
		texts = append(texts, n.Summary+"\n\n"+n.Body)
	}
	for _, md := range texts {
		if got, want := corpus.PlainMarkdown(md), plainMarkdownRegexp(md); got != want {
			t.Errorf("PlainMarkdown(%.60q…)\n got %q\nwant %q", md, got, want)
		}
	}
}

func FuzzPlainMarkdown(f *testing.F) {
	for _, s := range []string{"## Head\n- item\n1) x", "[a [b](c) d", "> *q* `c` [l](u", "\t3. x\n#", "_a_ **b**"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		if !utf8.ValidString(md) {
			return
		}
		got := corpus.PlainMarkdown(md)
		if strings.ContainsAny(got, "*_`\n") {
			t.Errorf("PlainMarkdown(%q) = %q keeps markup", md, got)
		}
	})
}

// A decoded corpus finds what a built one finds, and encoding is
// deterministic: decoding and encoding again gives the same bytes.
func TestEncodeDecode(t *testing.T) {
	built, err := corpus.Build(load(t))
	if err != nil {
		t.Fatal(err)
	}
	data := encode(t, built)
	r := binenc.NewReader(data)
	c, err := corpus.Decode(r)
	if err != nil || r.Done() != nil {
		t.Fatalf("Decode: %v, %v", err, r.Done())
	}
	if again := encode(t, c); again != data {
		t.Fatal("decoding a corpus and encoding it again changes it")
	}
	if !reflect.DeepEqual(c.Locs, built.Locs) || len(c.Docs) != len(built.Docs) {
		t.Fatal("the decoded corpus has other documents")
	}
	for i, a := range built.Docs {
		b := c.Docs[i]
		if a.Kind != b.Kind || a.Ref != b.Ref || a.Section != b.Section || a.Title != b.Title || a.Hidden != b.Hidden ||
			a.Body != b.Body || strings.Join(a.Labels, "\x00") != strings.Join(b.Labels, "\x00") {
			t.Fatalf("document %d decodes as %+v, want %+v", i, b, a)
		}
	}
	for _, q := range []string{"horsley", "tianamen", "grid management"} {
		want, err1 := built.Index.Search(q, search.Options{Limit: 3})
		got, err2 := c.Index.Search(q, search.Options{Limit: 3})
		if err1 != nil || err2 != nil || len(got) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("Search(%q) = %v, %v; built: %v, %v", q, got, err2, want, err1)
		}
	}
	for n := 0; n < len(data); n += 1 + len(data)/300 {
		if _, err := corpus.Decode(binenc.NewReader(data[:n])); err == nil {
			t.Errorf("a corpus cut to %d of %d bytes decodes", n, len(data))
		}
	}
}

func encode(t testing.TB, c *corpus.Corpus) string {
	t.Helper()
	var w binenc.Writer
	if err := c.Encode(&w); err != nil {
		t.Fatal(err)
	}
	return string(w.Buf)
}

func BenchmarkDecode(b *testing.B) {
	c, err := corpus.Build(load(b))
	if err != nil {
		b.Fatal(err)
	}
	data := encode(b, c)
	for b.Loop() {
		if _, err := corpus.Decode(binenc.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// Damaged corpus data is an error, never a panic.
func FuzzDecode(f *testing.F) {
	small, err := corpus.Build(smallReading(f))
	if err != nil {
		f.Fatal(err)
	}
	data := encode(f, small)
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add("")
	f.Fuzz(func(t *testing.T, data string) {
		c, err := corpus.Decode(binenc.NewReader(data))
		if err != nil {
			return
		}
		if _, err := c.Index.Search("horsley", search.Options{}); err != nil {
			t.Fatal(err)
		}
	})
}

// smallReading is a reading of one section with an endnote, a glossary
// entry and a note, whose corpus makes a small fuzzing seed.
func smallReading(tb testing.TB) *reading.Reading {
	tb.Helper()
	src := "sources:\n  - author: A\n    title: T\n    venue: V\n    date: \"2020\"\n    seen: original\n"
	fsys := fstest.MapFS{
		"text/paper.yaml":    {Data: []byte("title: T\nauthor: A\n")},
		"text/endnotes.yaml": {Data: []byte("- n: 1\n  printed: true\n  text: Horsley, the one endnote.\n")},
		"text/01.md":         {Data: []byte("---\nnumber: \"1\"\nslug: intro\ntitle: Introduction\n---\nThe party said trust twice: trust.[^1]\n\nSecond paragraph.\n")},
		"glossary/trust.md":  {Data: []byte("---\nterm: Trust\nalt: [faith]\n" + src + "---\nA definition.\n")},
		"notes/said.md":      {Data: []byte("---\nsection: \"1\"\nanchor:\n  exact: \"The party said\"\nclaim: \"C.\"\nverdict: accurate\n" + src + "---\nSummary.\n")},
	}
	rd, err := reading.Load(fsys)
	if err != nil {
		tb.Fatal(err)
	}
	return rd
}
