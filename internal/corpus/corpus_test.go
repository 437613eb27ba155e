package corpus_test

import (
	"bytes"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/corpus"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/search"
)

func load(tb testing.TB) *reading.Reading {
	tb.Helper()
	rd, err := reading.FromSnapshot(margin.Snapshot(), margin.Content())
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

// The search corpus margin embeds is the built-in reading's, built afresh:
// it must never drift from the content. The comparison is of what the data
// decodes to, so that the test names staleness rather than layout changes.
func TestBuiltinSearchCorpusIsCurrent(t *testing.T) {
	rd, err := reading.Load(margin.Content())
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := corpus.Build(rd)
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := corpus.Unmarshal(margin.SearchCorpus())
	if err != nil {
		t.Fatalf("search.bin: %v: run go generate .", err)
	}
	stale := len(fresh.Docs) != len(embedded.Docs) || !reflect.DeepEqual(fresh.Locs, embedded.Locs)
	for i := 0; !stale && i < len(fresh.Docs); i++ {
		a, b := fresh.Docs[i], embedded.Docs[i]
		stale = a.Kind != b.Kind || a.Ref != b.Ref || a.Section != b.Section || a.Title != b.Title ||
			a.Body != b.Body || strings.Join(a.Labels, "\x00") != strings.Join(b.Labels, "\x00")
	}
	x, err := fresh.Index.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	y, err := embedded.Index.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if stale || !bytes.Equal(x, y) {
		t.Fatal("search.bin is out of date with text/, glossary/ and notes/: run go generate .")
	}
}

// A restored corpus finds what a built one finds, and data that cannot be
// decoded falls back to building.
func TestRestore(t *testing.T) {
	rd := load(t)
	for name, data := range map[string]string{"embedded": margin.SearchCorpus(), "empty": "", "garbage": "not a corpus",
		"truncated": margin.SearchCorpus()[:len(margin.SearchCorpus())/2]} {
		loaded := false
		c, err := corpus.Restore(data, func() (*reading.Reading, error) { loaded = true; return rd, nil })
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if wantLoad := name != "embedded"; loaded != wantLoad {
			t.Errorf("%s: reading loaded %v, want %v", name, loaded, wantLoad)
		}
		rs, err := c.Index.Search("horsley", search.Options{Limit: 3})
		if err != nil || len(rs) == 0 || c.Docs[rs[0].Doc].Ref == "" {
			t.Fatalf("%s: Search(horsley) = %v, %v", name, rs, err)
		}
		for i, d := range c.Docs {
			if d.Kind == search.KindText {
				if _, ok := c.Locs[i]; !ok {
					t.Fatalf("%s: sentence %d has no location", name, i)
				}
			}
		}
	}
}

func BenchmarkRestore(b *testing.B) {
	rd := load(b)
	for b.Loop() {
		if _, err := corpus.Restore(margin.SearchCorpus(), func() (*reading.Reading, error) { return rd, nil }); err != nil {
			b.Fatal(err)
		}
	}
}

// Damaged corpus data is an error, never a panic.
func FuzzUnmarshal(f *testing.F) {
	f.Add(margin.SearchCorpus())
	f.Add(margin.SearchCorpus()[:200])
	f.Add("")
	f.Fuzz(func(t *testing.T, data string) {
		c, err := corpus.Unmarshal(data)
		if err != nil {
			return
		}
		if _, err := c.Index.Search("horsley", search.Options{}); err != nil {
			t.Fatal(err)
		}
	})
}
