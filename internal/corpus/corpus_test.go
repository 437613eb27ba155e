package corpus_test

import (
	"testing"

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
