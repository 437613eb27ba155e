package reading

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strings"
	"testing"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/fold"
)

// findAll is the plain definition of a label's uses that computeUses must
// agree with: every whole-word occurrence of the folded label in the
// folded paragraph, compared at every position (Han characters need no
// word boundary).
func (fp foldedPara) findAll(l foldedLabel) []span {
	var out []span
	label, n := l.runes, len(l.runes)
	for i := 0; n > 0 && i+n <= len(fp.text); i++ {
		if !runesEqual(fp.text[i:i+n], label) {
			continue
		}
		if i > 0 && isWordRune(fp.text[i-1]) && isWordRune(label[0]) {
			continue
		}
		if i+n < len(fp.text) && isWordRune(fp.text[i+n]) && isWordRune(label[n-1]) {
			continue
		}
		out = append(out, span{fp.origByte[i], fp.origEnd[i+n-1]})
	}
	return out
}

// referenceUses computes the uses by testing every label of every entry
// against every paragraph: slow, and plainly right.
func referenceUses(r *Reading, entries []*Entry) [][]Use {
	out := make([][]Use, len(entries))
	for _, s := range r.Sections {
		for i, e := range entries {
			u := Use{Section: s.Number}
			for pi, p := range s.Paragraphs {
				fp := foldPara(p.Plain)
				var spans []span
				for _, l := range e.Labels() {
					if f := fold.Fold(l); f != "" {
						spans = append(spans, fp.findAll(foldedLabel{f, []rune(f)})...)
					}
				}
				spans = mergeSpans(spans)
				if len(spans) == 0 {
					continue
				}
				if u.Count == 0 {
					u.First = Location{Section: s.Number, Para: pi, Start: spans[0].start, End: spans[0].end}
				}
				u.Count += len(spans)
			}
			if u.Count > 0 {
				out[i] = append(out[i], u)
			}
		}
	}
	return out
}

func usesOf(entries []*Entry) [][]Use {
	out := make([][]Use, len(entries))
	for i, e := range entries {
		out[i] = e.Uses
	}
	return out
}

func freshEntries(entries []*Entry) []*Entry {
	out := make([]*Entry, len(entries))
	for i, e := range entries {
		c := *e
		c.Uses = nil
		out[i] = &c
	}
	return out
}

// computeUses finds exactly what testing every label against every
// paragraph finds, on random texts built from the labels themselves,
// their pieces, punctuation and Han characters.
func TestComputeUsesAgreesWithTheDefinition(t *testing.T) {
	words := []string{"trust", "radius of trust", "social credit", "Social Credit System", "SCS", "A+++",
		"name-and-shame", "name", "shame", "信用", "社会信用体系", "中国", "(", ")", ",", ".", "'s", "l'", "credit-",
		"co-optation", "Big Brother", "brother", "Orwell's", "ÉCOLE", "ecole", "the", "of", "and"}
	labels := [][]string{{"trust"}, {"radius of trust", "trust radius"}, {"social credit", "SCS"},
		{"Social Credit System", "社会信用体系"}, {"name-and-shame", "shame"}, {"A+++"}, {"信用"},
		{"Big Brother", "Orwellian"}, {"école"}, {"co-optation", "optation"}, {"(SCS)"}}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 300; round++ {
		var paras []string
		for p := 0; p < 1+rng.IntN(3); p++ {
			var b strings.Builder
			for w := 0; w < rng.IntN(40); w++ {
				b.WriteString(words[rng.IntN(len(words))])
				if rng.IntN(4) > 0 {
					b.WriteString(" ")
				}
			}
			paras = append(paras, b.String())
		}
		r := &Reading{Sections: []*Section{{Number: "1"}}}
		for _, p := range paras {
			r.Sections[0].Paragraphs = append(r.Sections[0].Paragraphs, NewParagraph(p))
		}
		var entries []*Entry
		for i, ls := range labels {
			entries = append(entries, &Entry{ID: fmt.Sprint("e", i), Term: ls[0], Alt: ls[1:]})
		}
		want := referenceUses(r, entries)
		r.computeUses(entries)
		if got := usesOf(entries); !reflect.DeepEqual(got, want) {
			t.Fatalf("paragraphs %q:\ngot  %+v\nwant %+v", paras, got, want)
		}
	}
}

// scaled is the built-in reading's text repeated n times (n×11 sections)
// with a glossary of its own entries plus synthetic ones up to terms
// entries, each synthetic entry with three labels made of the text's words.
func scaled(tb testing.TB, n, terms int) (*Reading, []*Entry) {
	tb.Helper()
	rd, err := Load(builtinFS(tb))
	if err != nil {
		tb.Fatal(err)
	}
	base, err := rd.Glossary()
	if err != nil {
		tb.Fatal(err)
	}
	r := &Reading{}
	for k := 0; k < n; k++ {
		for _, s := range rd.Sections {
			c := *s
			c.Number = fmt.Sprintf("%d.%s", k+1, s.Number)
			r.Sections = append(r.Sections, &c)
		}
	}
	entries := freshEntries(base)
	words := strings.Fields(rd.Sections[3].Paragraphs[0].Plain)
	for i := len(entries); i < terms; i++ {
		w := func(k int) string { return strings.Trim(words[(i*7+k)%len(words)], ".,;:()\"") }
		entries = append(entries, &Entry{ID: fmt.Sprint("t", i), Term: w(0) + " " + w(1), Alt: []string{w(2) + " " + w(3) + " " + w(4), fmt.Sprint(w(5), i)}})
	}
	return r, entries
}

// The built-in reading's uses are what the definition gives.
func TestComputeUsesOnThePaper(t *testing.T) {
	r, entries := scaled(t, 1, 0)
	want := referenceUses(r, entries)
	r.computeUses(entries)
	if got := usesOf(entries); !reflect.DeepEqual(got, want) {
		t.Fatalf("uses differ from the definition:\ngot  %+v\nwant %+v", got, want)
	}
}

// BenchmarkComputeUses finds where the paper uses each term at the paper's
// size, ten times it, and book size (30 times the text, 500 terms); the
// reference, which tests every label against every paragraph, is measured
// beside it.
func BenchmarkComputeUses(b *testing.B) {
	for _, c := range []struct {
		name         string
		times, terms int
	}{{"1x", 1, 0}, {"10x", 10, 570}, {"book", 30, 500}} {
		r, entries := scaled(b, c.times, c.terms)
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				r.computeUses(freshEntries(entries))
			}
		})
		if c.times <= 10 {
			b.Run(c.name+"-reference", func(b *testing.B) {
				for b.Loop() {
					referenceUses(r, freshEntries(entries))
				}
			})
		}
	}
}

// builtinFS is the built-in reading's files.
func builtinFS(testing.TB) fs.FS { return margin.Content() }

// UsesIn gives, for every section, exactly the uses the glossary's entries
// record there, in the glossary's order.
func TestUsesIn(t *testing.T) {
	rd, err := Load(builtinFS(t))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := rd.Glossary()
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, s := range rd.Sections {
		var want []SectionUse
		for _, e := range entries {
			for _, u := range e.Uses {
				if u.Section == s.Number {
					want = append(want, SectionUse{e, u})
				}
			}
		}
		got, err := rd.UsesIn(s.Number)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("section %s: UsesIn %+v, want %+v", s.Number, got, want)
		}
		total += len(got)
	}
	if total == 0 {
		t.Fatal("no uses at all")
	}
	if got, _ := rd.UsesIn("99"); got != nil {
		t.Errorf("a section that does not exist uses %+v", got)
	}
}

// NotesIn gives every section exactly its notes, in reading order, and a
// slice of its own that a caller may change.
func TestNotesIn(t *testing.T) {
	rd, err := Load(builtinFS(t))
	if err != nil {
		t.Fatal(err)
	}
	all, err := rd.Notes()
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, s := range rd.Sections {
		var want []*Note
		for _, n := range all {
			if n.Section == s.Number {
				want = append(want, n)
			}
		}
		got, err := rd.NotesIn(s.Number)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("section %s: %d notes, want %d", s.Number, len(got), len(want))
		}
		if len(got) > 0 {
			got[0] = nil
			if again, _ := rd.NotesIn(s.Number); again[0] == nil {
				t.Fatal("NotesIn hands out its index's own slice")
			}
		}
		total += len(got)
	}
	if total != len(all) {
		t.Errorf("%d notes by section, %d in all", total, len(all))
	}
}

// CitedIn lists, for every endnote, each reference to it in reading order.
func TestCitedIn(t *testing.T) {
	rd, err := Load(builtinFS(t))
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n <= len(rd.Endnotes)+1; n++ {
		var want []string
		for _, s := range rd.Sections {
			for _, m := range s.Refs() {
				if m == n {
					want = append(want, s.Number)
				}
			}
		}
		if got := rd.CitedIn(n); !reflect.DeepEqual(got, want) {
			t.Errorf("endnote %d: cited in %v, want %v", n, got, want)
		}
	}
	if got := rd.CitedIn(3); len(got) == 0 {
		t.Error("endnote 3 is cited nowhere")
	}
}

// Entry and Note find every entry and note by its id, and nothing else.
func TestEntryAndNoteByID(t *testing.T) {
	rd, err := Load(builtinFS(t))
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := rd.Glossary()
	for _, e := range entries {
		if got, ok := rd.Entry(e.ID); !ok || got != e {
			t.Errorf("Entry(%q) = %v, %v", e.ID, got, ok)
		}
	}
	notes, _ := rd.Notes()
	for _, n := range notes {
		if got, ok := rd.Note(n.ID); !ok || got != n {
			t.Errorf("Note(%q) = %v, %v", n.ID, got, ok)
		}
	}
	if _, ok := rd.Entry("no-such-entry"); ok {
		t.Error("an entry that does not exist was found")
	}
	if _, ok := rd.Note(""); ok {
		t.Error("a note with no id was found")
	}
}

// Finding where terms are used costs memory for the labels and the text,
// never for the sections times the entries: a glossary of thousands of
// entries that the text never uses adds only their labels' trie, however
// many sections there are. (Allocated bytes, not time: the test cannot
// fail on a busy machine.)
func TestComputeUsesMemoryIsNotSectionsTimesEntries(t *testing.T) {
	r, base := scaled(t, 10, 0) // 110 sections
	const extra = 5000
	more := freshEntries(base)
	for i := range extra {
		more = append(more, &Entry{ID: fmt.Sprint("x", i), Term: fmt.Sprintf("qzx%d vqj", i)})
	}
	alloc := func(entries []*Entry) uint64 {
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		r.computeUses(entries)
		runtime.ReadMemStats(&m1)
		return m1.TotalAlloc - m0.TotalAlloc
	}
	a, b := alloc(freshEntries(base)), alloc(more)
	perEntry := float64(b-a) / extra
	t.Logf("%d sections: %d entries %d bytes, %d entries %d bytes: %.0f bytes per added entry", len(r.Sections), len(base), a, len(more), b, perEntry)
	// A place for every entry in every section would be 110 × 64 bytes.
	if perEntry > 2048 {
		t.Errorf("each unused entry costs %.0f bytes over %d sections: memory grows with sections × entries", perEntry, len(r.Sections))
	}
}
