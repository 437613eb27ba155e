package search

import (
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/fold"
)

// fieldKind identifies the field of a document a match was found in.
type fieldKind uint8

const (
	fieldTitle fieldKind = iota
	fieldLabel
	fieldBody
)

// String returns the name used in Result.Field.
func (k fieldKind) String() string {
	return [...]string{"title", "label", "body"}[k]
}

// fieldRec describes one indexed field of one document.
type fieldRec struct {
	doc   int32
	kind  fieldKind
	label uint16 // index into Doc.Labels for label fields
	start uint32 // offset of the field's terms in Index.seq
	n     uint32 // number of terms
}

// Index is a search index over a fixed slice of documents. It is safe for
// concurrent use by multiple goroutines once built.
type Index struct {
	docs   []Doc
	fields []fieldRec
	seq    []uint32 // term numbers of all fields, field after field

	vocab   map[string]uint32 // folded word → term number
	terms   []string          // term number → folded word
	post    []uint32          // postings (field numbers) of all terms
	postOff []uint32          // term t's postings are post[postOff[t]:postOff[t+1]]
	sorted  []uint32          // word terms in lexical order, for prefixes
	byLen   [][]uint32        // word terms by rune length, for typos
	masks   []uint64          // term number → runeMask of the term

	short     []uint32 // title and label fields, for fuzzy matching
	shortText []string // their folded text
}

// New indexes docs. The index keeps docs (not a copy) and reads it during
// searches, so the caller must not modify it afterwards.
func New(docs []Doc) *Index {
	b := builder{ix: &Index{docs: docs, vocab: map[string]uint32{}}}
	for i := range docs {
		b.addDoc(i)
	}
	return b.finish()
}

// builder holds the state needed only while indexing.
type builder struct {
	ix       *Index
	postings [][]uint32
	lastSeen []int32 // per term, the last field added to its postings
	units    []unit
}

// addDoc indexes the fields of document i.
func (b *builder) addDoc(i int) {
	d := &b.ix.docs[i]
	b.addField(i, fieldTitle, 0, d.Title)
	for j, l := range d.Labels {
		if j <= 0xffff {
			b.addField(i, fieldLabel, j, l)
		}
	}
	b.addField(i, fieldBody, 0, d.Body)
}

// addField indexes one field of document doc.
func (b *builder) addField(doc int, kind fieldKind, label int, text string) {
	folded := fold.Fold(text)
	b.units = appendUnits(b.units[:0], folded)
	if len(b.units) == 0 {
		return
	}
	ix := b.ix
	id := int32(len(ix.fields))
	start := len(ix.seq)
	for _, u := range b.units {
		t := b.intern(u.text)
		ix.seq = append(ix.seq, t)
		if b.lastSeen[t] != id {
			b.lastSeen[t] = id
			b.postings[t] = append(b.postings[t], uint32(id))
		}
	}
	ix.fields = append(ix.fields, fieldRec{
		doc: int32(doc), kind: kind, label: uint16(label),
		start: uint32(start), n: uint32(len(b.units)),
	})
	if kind != fieldBody {
		ix.short = append(ix.short, uint32(id))
		ix.shortText = append(ix.shortText, folded)
	}
}

// intern returns the term number of word, adding it to the vocabulary.
func (b *builder) intern(word string) uint32 {
	if t, ok := b.ix.vocab[word]; ok {
		return t
	}
	t := uint32(len(b.ix.terms))
	w := strings.Clone(word) // do not keep the whole folded field alive
	b.ix.vocab[w] = t
	b.ix.terms = append(b.ix.terms, w)
	b.postings = append(b.postings, nil)
	b.lastSeen = append(b.lastSeen, -1)
	return t
}

// finish flattens postings and builds the prefix and typo tables.
func (b *builder) finish() *Index {
	ix := b.ix
	total := 0
	for _, p := range b.postings {
		total += len(p)
	}
	ix.post = make([]uint32, 0, total)
	ix.postOff = make([]uint32, 0, len(b.postings)+1)
	for _, p := range b.postings {
		ix.postOff = append(ix.postOff, uint32(len(ix.post)))
		ix.post = append(ix.post, p...)
	}
	ix.postOff = append(ix.postOff, uint32(len(ix.post)))
	ix.seq = slices.Clip(ix.seq)
	ix.fields = slices.Clip(ix.fields)
	ix.buildWordTables()
	return ix
}

// buildWordTables fills sorted and byLen with the non-ideographic terms,
// and masks with the rune masks of all terms.
func (ix *Index) buildWordTables() {
	ix.masks = make([]uint64, len(ix.terms))
	for t, w := range ix.terms {
		ix.masks[t] = runeMask(w)
		r, _ := utf8.DecodeRuneInString(w)
		if fold.IsIdeographic(r) {
			continue
		}
		ix.sorted = append(ix.sorted, uint32(t))
		n := utf8.RuneCountInString(w)
		for len(ix.byLen) <= n {
			ix.byLen = append(ix.byLen, nil)
		}
		ix.byLen[n] = append(ix.byLen[n], uint32(t))
	}
	slices.SortFunc(ix.sorted, func(a, b uint32) int {
		return strings.Compare(ix.terms[a], ix.terms[b])
	})
}

// postings returns the fields containing term t, in ascending order.
func (ix *Index) postings(t uint32) []uint32 {
	return ix.post[ix.postOff[t]:ix.postOff[t+1]]
}

// fieldTerms returns the term sequence of field f.
func (ix *Index) fieldTerms(f uint32) []uint32 {
	r := ix.fields[f]
	return ix.seq[r.start : r.start+r.n]
}

// fieldText returns the original text of field f.
func (ix *Index) fieldText(f uint32) string {
	r := ix.fields[f]
	d := &ix.docs[r.doc]
	switch r.kind {
	case fieldTitle:
		return d.Title
	case fieldLabel:
		return d.Labels[r.label]
	}
	return d.Body
}

// unit is one indexed term occurrence: a word, or a single character of an
// ideographic run. start and end are rune offsets in the folded text.
type unit struct {
	text       string
	start, end int
	ideo       bool
}

// appendUnits appends the units of folded text s to dst.
func appendUnits(dst []unit, s string) []unit {
	for _, tok := range fold.Tokens(s) {
		if !tok.Ideographic {
			dst = append(dst, unit{tok.Text, tok.Start, tok.End, false})
			continue
		}
		dst = appendIdeoUnits(dst, tok)
	}
	return dst
}

// appendIdeoUnits appends one unit per character of an ideographic token.
// Combining marks stay with the character before them.
func appendIdeoUnits(dst []unit, tok fold.Token) []unit {
	idx := tok.Start
	s := tok.Text
	for len(s) > 0 {
		_, size := utf8.DecodeRuneInString(s)
		n := 1
		for size < len(s) {
			r, sz := utf8.DecodeRuneInString(s[size:])
			if fold.IsIdeographic(r) && !isMark(r) {
				break
			}
			size += sz
			n++
		}
		dst = append(dst, unit{s[:size], idx, idx + n, true})
		s, idx = s[size:], idx+n
	}
	return dst
}

// isMark reports whether r is a combining mark.
func isMark(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me)
}

// runeMask returns a 64-bit set of the runes of s: one bit per letter a–z
// and digit, the other runes hashed onto the remaining bits.
func runeMask(s string) uint64 {
	var m uint64
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z':
			m |= 1 << (r - 'a')
		case '0' <= r && r <= '9':
			m |= 1 << (26 + r - '0')
		default:
			m |= 1 << (36 + uint32(r)%28)
		}
	}
	return m
}

// mayBeWithin reports whether words with rune masks a and b might be
// within max edits. One edit removes at most one rune absent from the
// other word on each side, so more absent runes than max rule it out.
func mayBeWithin(a, b uint64, max int) bool {
	return bits.OnesCount64(a&^b) <= max && bits.OnesCount64(b&^a) <= max
}
