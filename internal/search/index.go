package search

import (
	"math/bits"
	"slices"
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
	seq    []uint32 // term numbers of all fields, field after field (New)
	// seqData holds seq encoded, seqWidth bytes a number, in an index
	// DecodeIndex restored: a field's terms are decoded when it is read.
	seqData  string
	seqWidth int

	vocab   []uint32   // hash table of the terms: term number + 1, 0 if empty
	terms   []string   // term number → folded word, substrings of one string
	post    []uint32   // postings (field numbers) of all terms
	postOff []uint32   // term t's postings are post[postOff[t]:postOff[t+1]]
	sorted  []uint32   // word terms in lexical order, for prefixes
	byLen   [][]uint32 // word terms by rune length, for typos
	masks   []uint64   // term number → runeMask of the term

	short     []uint32 // title and label fields, for fuzzy matching
	shortText []string // their folded text
}

// New indexes docs. The index keeps docs (not a copy) and reads it during
// searches, so the caller must not modify it afterwards.
func New(docs []Doc) *Index {
	b := newBuilder(docs)
	for i := range docs {
		b.addDoc(i)
	}
	return b.finish()
}

// lookup returns the term number of folded word w.
func (ix *Index) lookup(w string) (uint32, bool) {
	if len(ix.vocab) == 0 {
		return 0, false
	}
	mask := uint32(len(ix.vocab) - 1)
	for p := hash(w) & mask; ; p = (p + 1) & mask {
		e := ix.vocab[p]
		if e == 0 {
			return 0, false
		}
		if ix.terms[e-1] == w {
			return e - 1, true
		}
	}
}

// postings returns the fields containing term t, in ascending order.
func (ix *Index) postings(t uint32) []uint32 {
	return ix.post[ix.postOff[t]:ix.postOff[t+1]]
}

// fieldTerms returns the term sequence of field f, in buf (overwritten)
// if the index was decoded. A decoded field holding a number that is no
// term reads as empty.
func (ix *Index) fieldTerms(f uint32, buf []uint32) []uint32 {
	r := ix.fields[f]
	if ix.seqData == "" {
		return ix.seq[r.start : r.start+r.n]
	}
	w := ix.seqWidth
	b := ix.seqData[int(r.start)*w : int(r.start+r.n)*w]
	buf = slices.Grow(buf[:0], int(r.n))[:r.n]
	top := uint32(0)
	if w == 2 {
		for i := range buf {
			buf[i] = uint32(b[2*i]) | uint32(b[2*i+1])<<8
			top = max(top, buf[i])
		}
	} else {
		for i := range buf {
			v := uint32(0)
			for k := range w {
				v |= uint32(b[w*i+k]) << (8 * k)
			}
			buf[i] = v
			top = max(top, v)
		}
	}
	if int(top) >= len(ix.terms) {
		return buf[:0]
	}
	return buf
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
		size, n := ideoUnit(s)
		dst = append(dst, unit{s[:size], idx, idx + n, true})
		s, idx = s[size:], idx+n
	}
	return dst
}

// ideoUnit returns the length in bytes and runes of the first unit of
// ideographic token text s: its first character and the runes that follow
// it up to the next ideographic character that is not a combining mark.
func ideoUnit(s string) (size, runes int) {
	_, size = utf8.DecodeRuneInString(s)
	runes = 1
	for size < len(s) {
		r, sz := utf8.DecodeRuneInString(s[size:])
		if fold.IsIdeographic(r) && !isMark(r) {
			break
		}
		size += sz
		runes++
	}
	return size, runes
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
