package search

import (
	"errors"
	"fmt"
	"slices"

	"github.com/margin-reader/margin/internal/binenc"
	"github.com/margin-reader/margin/internal/hugemem"
)

// An index can be built once, with New and Encode when a reading is
// compiled (package pack), stored in the compiled file and restored with
// DecodeIndex, which costs a fraction of New. The data holds only what New
// derives from the documents, not the documents themselves, which the
// compiled file holds beside it. It has no header, version or checksum of
// its own: the compiled file's carry them.
//
// Layout, in package binenc's terms (Uint unless said otherwise):
//
//	number of documents
//	number of terms, then each term's length in bytes (Uvarints), then all
//	  terms' bytes (Raw), then each term's number of postings (Uvarints)
//	number of fields, then per field: document (as the difference from the
//	  previous field's), kind | label<<2, number of terms
//	bytes per term number (Byte, 1 to 4), then the term numbers of all
//	  fields, field after field (Fixed)
//	number of sorted word terms, then their term numbers in lexical order
//	  (Fixed)
//	the postings of all terms (ascending field numbers), term after term
//	  (Fixed, as many bytes as field numbers need)
//	per title and label field, the length of its folded text (Uvarints),
//	  then all those texts (Raw)
//
// DecodeIndex keeps the term numbers of the fields as encoded and decodes a
// field's when a search reads it (most searches read a few fields of
// thousands), checking them then: a field holding a number that is no term
// reads as empty. It checks every other number against what it refers to
// and the order of postings and sorted terms, derives the typo tables, and indexes a
// sample of the fields again to check that it would fold and tokenise them
// the same way. It does not derive the postings from the fields' terms
// again: that costs more than everything else together (it writes all over
// a large array), and the compiled file's checksum and these checks leave
// it no way to differ from what New built, short of deliberate forgery.
// Change pack.Version whenever this layout changes or New would index the
// same documents differently (folding, tokenising, term numbering).

// Errors of DecodeIndex.
var (
	// ErrIndexCorrupt means the data is not a valid index.
	ErrIndexCorrupt = errors.New("search: index data is corrupt")
	// ErrIndexMismatch means the data indexes other documents than those
	// given, or was built by a program that indexes differently.
	ErrIndexMismatch = errors.New("search: index data was built from other documents")
)

// Encode writes the index, without its documents, so that DecodeIndex can
// restore it given the same documents. The encoding is deterministic: the
// same documents always give the same data.
func (ix *Index) Encode(w *binenc.Writer) error {
	if ix == nil {
		return errors.New("search: Encode of a nil Index")
	}
	width := binenc.FixedWidth(len(ix.terms))
	size := 32 + 3*len(ix.terms) + 6*len(ix.fields) +
		width*(ix.seqLen()+len(ix.sorted)) + binenc.FixedWidth(len(ix.fields))*len(ix.post)
	for _, t := range ix.terms {
		size += len(t)
	}
	for _, s := range ix.shortText {
		size += len(s)
	}
	w.Buf = slices.Grow(w.Buf, size)
	w.Uint(len(ix.docs))
	w.Uint(len(ix.terms))
	for _, t := range ix.terms {
		w.Uint(len(t))
	}
	for _, t := range ix.terms {
		w.Raw(t)
	}
	for t := range ix.terms {
		w.Uint(int(ix.postOff[t+1] - ix.postOff[t]))
	}
	w.Uint(len(ix.fields))
	prev := int32(0)
	for _, r := range ix.fields {
		w.Uint(int(r.doc - prev))
		w.Uint(int(r.kind) | int(r.label)<<2)
		w.Uint(int(r.n))
		prev = r.doc
	}
	w.Byte(byte(width))
	if ix.seqData != "" {
		w.Raw(ix.seqData)
	} else {
		w.Fixed(ix.seq, width)
	}
	w.Uint(len(ix.sorted))
	w.Fixed(ix.sorted, width)
	w.Fixed(ix.post, binenc.FixedWidth(len(ix.fields)))
	for _, s := range ix.shortText {
		w.Uint(len(s))
	}
	for _, s := range ix.shortText {
		w.Raw(s)
	}
	return nil
}

// MarshalBinary encodes the index alone, as Encode does.
func (ix *Index) MarshalBinary() ([]byte, error) {
	var w binenc.Writer
	if err := ix.Encode(&w); err != nil {
		return nil, err
	}
	return w.Buf, nil
}

// DecodeIndex restores an index written by Encode over docs, which must be
// the documents it was built from, and reads no further than the index. The
// index keeps docs, as New does. The result searches exactly like New(docs).
//
// It returns ErrIndexMismatch if docs are not the documents indexed, and
// ErrIndexCorrupt for truncated or damaged data. It never panics, whatever
// the data holds.
func DecodeIndex(r *binenc.Reader, docs []Doc) (*Index, error) {
	d := decoder{r: r}
	return d.index(docs)
}

// UnmarshalIndex restores an index encoded by MarshalBinary, as DecodeIndex
// does; data holds the index and nothing else.
func UnmarshalIndex(data []byte, docs []Doc) (*Index, error) {
	r := binenc.NewReader(string(data))
	ix, err := DecodeIndex(r, docs)
	if err != nil {
		return nil, err
	}
	if r.Done() != nil {
		return nil, fmt.Errorf("%w: trailing data", ErrIndexCorrupt)
	}
	return ix, nil
}

// decoder reads Encode's data and remembers what went wrong first.
type decoder struct {
	r   *binenc.Reader
	err error
}

// fail records a corruption error.
func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", ErrIndexCorrupt, what)
	}
	d.r.Fail()
}

// check records a corruption error, as what, should the reader have failed.
func (d *decoder) check(what string) {
	if d.err == nil && d.r.Err() != nil {
		d.err = fmt.Errorf("%w: %s", ErrIndexCorrupt, what)
	}
}

// index reads the index over docs.
func (d *decoder) index(docs []Doc) (*Index, error) {
	ndocs := d.r.Uint()
	d.check("truncated")
	if d.err != nil {
		return nil, d.err
	}
	if ndocs != len(docs) {
		return nil, ErrIndexMismatch
	}
	ix := &Index{docs: docs}
	postOff := d.terms(ix)
	d.fields(ix)
	width := int(d.r.Byte())
	d.check("truncated")
	if d.err == nil && width != binenc.FixedWidth(len(ix.terms)) {
		d.fail("bad term number width")
	}
	if n := ix.seqLen(); d.err == nil && n > 0 {
		ix.seqData, ix.seqWidth = d.r.Raw(n*width), width
	}
	d.check("truncated term numbers")
	if n := d.r.Uint(); n <= len(ix.terms) {
		ix.sorted = make([]uint32, n)
	} else {
		d.fail("too many sorted terms")
	}
	d.r.Fixed(ix.sorted, width, uint64(len(ix.terms)))
	d.check("bad sorted terms")
	d.postings(ix, postOff)
	d.shortText(ix)
	if d.err != nil {
		return nil, d.err
	}
	ix.buildWordTables()
	if err := ix.checkSorted(); err != nil {
		return nil, err
	}
	if !ix.spotCheck() {
		return nil, ErrIndexMismatch
	}
	return ix, nil
}

// postings reads the postings of all terms, whose offsets are off.
func (d *decoder) postings(ix *Index, off []uint32) {
	if d.err != nil {
		return
	}
	n := len(ix.terms)
	post := hugemem.Uint32s(int(off[n]))
	d.r.Fixed(post, binenc.FixedWidth(len(ix.fields)), uint64(len(ix.fields)))
	d.check("bad postings")
	if d.err != nil {
		return
	}
	for t := range n {
		p := post[off[t]:off[t+1]]
		if len(p) == 0 {
			d.fail("term without postings")
			return
		}
		for k := 1; k < len(p); k++ {
			if p[k] <= p[k-1] {
				d.fail("postings out of order")
				return
			}
		}
	}
	ix.post, ix.postOff = post, off
}

// lengths reads len(end)-1 lengths into end as offsets: end[i+1] is where
// the i-th piece ends, end[0] is 0. Together they must fit in the data left.
func (d *decoder) lengths(end []uint32, what string) bool {
	left := uint64(d.r.Len())
	d.r.Uvarints(end[1:], min(left+1, 1<<31))
	d.check(what)
	for i := 1; i < len(end) && d.err == nil; i++ {
		if uint64(end[i-1])+uint64(end[i]) > left {
			d.fail(what)
		}
		end[i] += end[i-1]
	}
	return d.err == nil
}

// shortText reads the folded text of the title and label fields into
// ix.short and ix.shortText.
func (d *decoder) shortText(ix *Index) {
	if d.err != nil {
		return
	}
	n := 0
	for i := range ix.fields {
		if ix.fields[i].kind != fieldBody {
			n++
		}
	}
	ix.short = make([]uint32, 0, n)
	for i := range ix.fields {
		if ix.fields[i].kind != fieldBody {
			ix.short = append(ix.short, uint32(i))
		}
	}
	end := make([]uint32, len(ix.short)+1)
	if !d.lengths(end, "truncated folded text") {
		return
	}
	text := d.r.Raw(int(end[len(ix.short)]))
	if d.check("truncated folded text"); d.err == nil {
		ix.shortText = splitString(text, end)
	}
}

// terms reads the vocabulary into ix.terms and ix.vocab, and returns the
// offsets of the terms' postings.
func (d *decoder) terms(ix *Index) []uint32 {
	n := d.r.Count()
	d.check("too many terms")
	off := make([]uint32, n+1)
	if !d.lengths(off, "bad term length") {
		return nil
	}
	for t := range n {
		if off[t+1] == off[t] {
			d.fail("bad term length")
			return nil
		}
	}
	text := d.r.Raw(int(off[n]))
	if d.check("truncated terms"); d.err != nil {
		return nil
	}
	ix.terms = splitString(text, off)
	ix.vocab = make([]uint32, tableSize(n))
	mask := uint32(len(ix.vocab) - 1)
	for t, w := range ix.terms {
		p := hash(w) & mask
		for ; ix.vocab[p] != 0; p = (p + 1) & mask {
			if ix.terms[ix.vocab[p]-1] == w {
				d.fail("repeated term")
				return nil
			}
		}
		ix.vocab[p] = uint32(t) + 1
	}
	postOff := make([]uint32, n+1)
	if !d.lengths(postOff, "too many postings") {
		return nil
	}
	return postOff
}

// fields reads the field records into ix.fields.
func (d *decoder) fields(ix *Index) {
	n := d.r.Count()
	d.check("too many fields")
	ix.fields = make([]fieldRec, 0, n)
	doc, start := uint64(0), uint64(0)
	next := uint64(0) // the least order a field of doc may have
	for range n {
		delta, key, terms := uint64(d.r.Uint()), uint64(d.r.Uint()), uint64(d.r.Uint())
		d.check("truncated fields")
		if delta > 0 {
			next = 0
		}
		doc += min(delta, uint64(len(ix.docs))) // no wrapping around
		kind, label := fieldKind(key&3), key>>2
		order := uint64(kind)<<17 | label // title, labels in order, body
		left := uint64(d.r.Len())
		switch {
		case d.err != nil:
			return
		case doc >= uint64(len(ix.docs)):
			d.fail("document out of range")
		case kind > fieldBody || order < next:
			d.fail("fields out of order")
		case kind == fieldLabel && (label >= uint64(len(ix.docs[doc].Labels)) || label > 0xffff),
			kind != fieldLabel && label != 0:
			d.fail("bad label")
		case terms == 0 || terms > left || start+terms > left:
			d.fail("bad field length")
		}
		if d.err != nil {
			return
		}
		next = order + 1
		ix.fields = append(ix.fields, fieldRec{
			doc: int32(doc), kind: kind, label: uint16(label),
			start: uint32(start), n: uint32(terms),
		})
		start += terms
	}
}

// seqLen returns the number of terms of all fields.
func (ix *Index) seqLen() int {
	if len(ix.fields) == 0 {
		return 0
	}
	r := ix.fields[len(ix.fields)-1]
	return int(r.start + r.n)
}

// checkSorted checks that sorted lists exactly the word terms, in lexical
// order.
func (ix *Index) checkSorted() error {
	words := 0
	for _, l := range ix.byLen {
		words += len(l)
	}
	if len(ix.sorted) != words {
		return fmt.Errorf("%w: %d sorted terms, want %d", ErrIndexCorrupt, len(ix.sorted), words)
	}
	prev, prevKey := "", uint64(0)
	for i, t := range ix.sorted {
		w := ix.terms[t]
		key := prefixKey(w)
		if !ix.isWordTerm(t) || i > 0 && (key < prevKey || key == prevKey && prev >= w) {
			return fmt.Errorf("%w: terms out of order", ErrIndexCorrupt)
		}
		prev, prevKey = w, key
	}
	return nil
}

// Spot checks index again about spotChecks fields, skipping those that
// would take the text read over spotCheckBytes.
const (
	spotChecks     = 32
	spotCheckBytes = 8 << 10
)

// spotCheck indexes a sample of the fields again and reports whether they
// hold the same terms and folded text as ix. This catches data built from
// other documents with the same hash, or by a program that folds text
// differently.
func (ix *Index) spotCheck() bool {
	b := newBuilder(nil)
	budget := spotCheckBytes
	stride := max(1, len(ix.fields)/spotChecks)
	for f := 0; f < len(ix.fields); f += stride {
		text := ix.fieldText(uint32(f))
		if len(text) > budget {
			continue
		}
		budget -= len(text)
		b.ix.seq = b.ix.seq[:0]
		b.scan(text)
		terms := ix.fieldTerms(uint32(f), nil)
		if len(b.ix.seq) != len(terms) {
			return false
		}
		for i, t := range b.ix.seq {
			if string(b.text[b.info[t].start:b.info[t].end]) != ix.terms[terms[i]] {
				return false
			}
		}
	}
	budget = spotCheckBytes
	stride = max(1, len(ix.short)/spotChecks)
	for i := 0; i < len(ix.short); i += stride {
		text := ix.fieldText(ix.short[i])
		if len(text) > budget {
			continue
		}
		budget -= len(text)
		b.word = appendFold(b.word[:0], text)
		if string(b.word) != ix.shortText[i] {
			return false
		}
	}
	return true
}
