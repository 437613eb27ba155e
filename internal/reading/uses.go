package reading

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/fold"
)

// span is a match in a paragraph's plain text, in bytes.
type span struct{ start, end int }

// foldedPara is a paragraph's plain text folded for matching, with the way
// back to byte offsets in Plain.
type foldedPara struct {
	str      string // folded
	text     []rune // folded runes
	origByte []int  // for each folded rune, the byte offset of its source rune in Plain; plus len(Plain)
	origEnd  []int  // for each folded rune, the byte offset just after its source rune
}

func foldPara(plain string) foldedPara {
	folded, origRune := fold.FoldMap(plain)
	byteAt := make([]int, 0, utf8.RuneCountInString(plain)+1)
	for i := range plain {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(plain))
	fp := foldedPara{str: folded, text: []rune(folded)}
	for _, ri := range origRune {
		fp.origByte = append(fp.origByte, byteAt[ri])
		fp.origEnd = append(fp.origEnd, byteAt[min(ri+1, len(byteAt)-1)])
	}
	return fp
}

// foldedLabel is a label folded for matching, as a string and as runes.
type foldedLabel struct {
	str   string
	runes []rune
}

func isWordRune(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !unicode.Is(unicode.Han, r)
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// computeUses records, for every entry, how often each section uses one of
// its shown labels and where the first use stands. It reads the text once:
// text and labels are cut into tokens (a word, or any other single
// character), the labels are put in a trie of tokens, and the trie is
// walked from each token of the text, so the work grows with the text and
// the length of the labels, not with the text times the labels. A label
// matches where its tokens are the text's, which is a whole-word match: a
// word token must be the text's whole word.
func (r *Reading) computeUses(entries []*Entry) {
	t := &labelTrie{}
	for i, e := range entries {
		for _, l := range e.Labels() {
			if f := fold.Fold(l); f != "" {
				t.add(f, i)
			}
		}
	}
	for _, s := range r.Sections {
		for _, u := range sectionUses(t, s) {
			entries[u.entry].Uses = append(entries[u.entry].Uses, u.Use)
		}
	}
}

// entryUse is a section's use of the entry numbered entry.
type entryUse struct {
	entry int
	Use
}

// sectionUses returns the uses of the trie's labels in one section, in the
// order of the entries. Only the entries the section uses are touched, so
// that the work and the memory grow with the section's matches, never with
// the size of the glossary (a slice of every entry for every section made
// loading a glossary grow with sections × entries).
func sectionUses(t *labelTrie, s *Section) []entryUse {
	at := map[int]int{} // entry → index in out
	var out []entryUse
	byEntry := map[int][]span{}
	for pi, p := range s.Paragraphs {
		clear(byEntry)
		t.each(foldPara(p.Plain), func(entry int, sp span) { byEntry[entry] = append(byEntry[entry], sp) })
		for entry, spans := range byEntry {
			spans = mergeSpans(spans)
			i, ok := at[entry]
			if !ok {
				i = len(out)
				at[entry] = i
				out = append(out, entryUse{entry, Use{Section: s.Number,
					First: Location{Section: s.Number, Para: pi, Start: spans[0].start, End: spans[0].end}}})
			}
			out[i].Count += len(spans)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].entry < out[j].entry })
	return out
}

// token is a word (a run of word runes) or any other single rune of a
// folded text: its text, and where it starts and ends, in runes.
type token struct {
	s          string
	start, end int
}

// tokens cuts a folded text into tokens.
func tokens(s string) []token {
	var out []token
	at, ri := 0, 0 // byte and rune offsets of the token being read
	inWord := false
	i, n := 0, 0
	for i = 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		w := isWordRune(r)
		if inWord && !w {
			out = append(out, token{s[at:i], ri, n})
			inWord = false
		}
		switch {
		case w && !inWord:
			at, ri, inWord = i, n, true
		case !w:
			out = append(out, token{s[i : i+size], n, n + 1})
		}
		i += size
		n++
	}
	if inWord {
		out = append(out, token{s[at:], ri, n})
	}
	return out
}

// labelTrie holds folded labels as paths of tokens; ends lists the entries
// of the labels that end at a node.
type labelTrie struct {
	next map[string]*labelTrie
	ends []int
}

func (t *labelTrie) add(label string, entry int) {
	for _, tok := range tokens(label) {
		if t.next == nil {
			t.next = map[string]*labelTrie{}
		}
		c := t.next[tok.s]
		if c == nil {
			c = &labelTrie{}
			t.next[tok.s] = c
		}
		t = c
	}
	t.ends = append(t.ends, entry)
}

// each calls f with every occurrence, in the paragraph, of a label in the
// trie, and the entry it belongs to.
func (t *labelTrie) each(fp foldedPara, f func(entry int, sp span)) {
	toks := tokens(fp.str)
	for i := range toks {
		node := t
		for j := i; j < len(toks); j++ {
			if node = node.next[toks[j].s]; node == nil {
				break
			}
			for _, e := range node.ends {
				f(e, span{fp.origByte[toks[i].start], fp.origEnd[toks[j].end-1]})
			}
		}
	}
}

// mergeSpans sorts spans and merges overlapping ones, keeping the widest.
func mergeSpans(spans []span) []span {
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	var out []span
	for _, s := range spans {
		if n := len(out); n > 0 && s.start < out[n-1].end {
			out[n-1].end = max(out[n-1].end, s.end)
			continue
		}
		out = append(out, s)
	}
	return out
}

// foldLabel is the key under which labels are compared for uniqueness.
func foldLabel(l string) string { return strings.ToLower(fold.Fold(l)) }

// SectionUse is a glossary entry's use in one section.
type SectionUse struct {
	Entry *Entry
	Use   Use
}

// usesIndex is every section's uses, built once from the glossary, on
// the second call (the first scans the uses: margin read 2.1 asks once).
type usesIndex struct {
	calls   atomic.Int32
	once    sync.Once
	entries []*Entry
	by      map[string][]useRef
	err     error
}

// useRef is entries[entry].Uses[use].
type useRef struct{ entry, use int32 }

// UsesIn returns the glossary entries the section numbered number uses,
// each with its use there, in the glossary's order. The first call scans
// every entry's uses; the index behind later calls is built on the second,
// in one pass over every entry's uses, so that reading every section of a
// book costs the number of uses, not the sections times the uses.
func (r *Reading) UsesIn(number string) ([]SectionUse, error) {
	x := &r.usesIndex
	if x.calls.Add(1) == 1 {
		entries, err := r.Glossary()
		if err != nil {
			return nil, err
		}
		var out []SectionUse
		for _, e := range entries {
			for _, u := range e.Uses {
				if u.Section == number {
					out = append(out, SectionUse{e, u})
				}
			}
		}
		return out, nil
	}
	x.once.Do(func() { x.entries, x.by, x.err = buildUsesIndex(r) })
	refs := x.by[number]
	if len(refs) == 0 {
		return nil, x.err
	}
	out := make([]SectionUse, len(refs))
	for i, ref := range refs {
		e := x.entries[ref.entry]
		out[i] = SectionUse{e, e.Uses[ref.use]}
	}
	return out, x.err
}

// buildUsesIndex indexes the glossary's uses by section: small references
// in one array, a section's in a row, so that a book's 15,000 uses cost
// two passes and two allocations.
func buildUsesIndex(r *Reading) ([]*Entry, map[string][]useRef, error) {
	entries, err := r.Glossary()
	if err != nil {
		return nil, nil, err
	}
	count := map[string]int{}
	total := 0
	for _, e := range entries {
		for _, u := range e.Uses {
			count[u.Section]++
			total++
		}
	}
	all := make([]useRef, total)
	by := make(map[string][]useRef, len(count))
	off := 0
	for s, n := range count {
		by[s] = all[off : off : off+n]
		off += n
	}
	for i, e := range entries {
		for k, u := range e.Uses {
			by[u.Section] = append(by[u.Section], useRef{int32(i), int32(k)})
		}
	}
	return entries, by, nil
}

// notesIndex is the notes of every section, built once.
type notesIndex struct {
	once sync.Once
	by   map[string][]*Note
	err  error
}

// in returns the notes of the section numbered number, in reading order.
// The index is built on the first call, so that going through every
// section of a book costs the number of notes, not the sections times the
// notes.
func (x *notesIndex) in(r *Reading, number string) ([]*Note, error) {
	// A compiled reading's section reads and decodes its own notes alone
	// (margin read 2.1 on a book), the same notes Notes gives.
	if notes, ok, err := r.snapNotesIn(number); ok {
		return notes, err
	}
	x.once.Do(func() {
		var all []*Note
		all, x.err = r.Notes()
		x.by = map[string][]*Note{}
		for _, n := range all {
			x.by[n.Section] = append(x.by[n.Section], n)
		}
	})
	return slices.Clone(x.by[number]), x.err
}

// citedIndex is, for every endnote, the sections that cite it, built once.
type citedIndex struct {
	once sync.Once
	by   map[int][]string
}

// in returns the sections citing endnote n, in reading order, a section
// once for each reference. The index is built on the first call, so that
// listing every endnote of a book costs the references, not the endnotes
// times the sections.
func (x *citedIndex) in(r *Reading, n int) []string {
	x.once.Do(func() {
		x.by = map[int][]string{}
		for _, s := range r.Sections {
			for _, m := range s.Refs() {
				x.by[m] = append(x.by[m], s.Number)
			}
		}
	})
	return slices.Clone(x.by[n])
}

// idIndex finds glossary entries and notes by id, each map built on its
// first use: the glossary browser looks up an entry for every search
// result, which scanning the glossary made results × entries.
type idIndex struct {
	entryOnce, noteOnce sync.Once
	entries             map[string]*Entry
	notes               map[string]*Note
}

func (x *idIndex) entry(r *Reading, id string) (*Entry, bool) {
	x.entryOnce.Do(func() {
		all, _ := r.Glossary()
		x.entries = firstByID(all, func(e *Entry) string { return e.ID })
	})
	e, ok := x.entries[id]
	return e, ok
}

func (x *idIndex) note(r *Reading, id string) (*Note, bool) {
	x.noteOnce.Do(func() {
		all, _ := r.Notes()
		x.notes = firstByID(all, func(n *Note) string { return n.ID })
	})
	n, ok := x.notes[id]
	return n, ok
}

// firstByID maps each id to the first item that has it, as a scan in order
// would find it.
func firstByID[T any](items []T, id func(T) string) map[string]T {
	m := make(map[string]T, len(items))
	for _, it := range items {
		if _, dup := m[id(it)]; !dup {
			m[id(it)] = it
		}
	}
	return m
}
