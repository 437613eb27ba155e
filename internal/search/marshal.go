package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
)

// An index can be built once, with New and MarshalBinary at go generate
// time, embedded in the program and loaded with UnmarshalIndex, which
// costs a fraction of New. The data holds only what New derives from the
// documents, not the documents themselves.
//
// Format, integers as unsigned varints unless said otherwise:
//
//	magic "margin search index\n"
//	version (formatVersion)
//	number of documents, hash of their searchable text (8 bytes, little-endian)
//	number of terms, then each term's length in bytes, then all terms'
//	  bytes, then each term's number of postings
//	number of fields, then per field: document (as the difference from the
//	  previous field's), kind | label<<2, number of terms
//	bytes per term number (1 to 4), then the term numbers of all fields,
//	  field after field, as little-endian numbers of that many bytes
//	number of sorted word terms, then their term numbers in lexical order
//	  as above
//	the postings of all terms (ascending field numbers), term after term,
//	  as little-endian numbers of as many bytes as field numbers need
//	per title and label field, the length of its folded text, then all
//	  those texts
//	checksum of all the above (4 bytes, little-endian)
//
// UnmarshalIndex checks every number against what it refers to and the
// order of postings and sorted terms, derives the typo tables, and indexes
// a sample of the fields again to check that it would fold and tokenise
// them the same way. It does not derive the postings from the fields' terms
// again: that costs more than everything else together (it writes all over
// a large array), and the checksum and these checks leave it no way to
// differ from what New built, short of deliberate forgery.

// formatVersion is the version of the MarshalBinary format. Change it
// whenever the format changes or New would index the same documents
// differently (folding, tokenising, term numbering), so that old data is
// rejected and rebuilt.
const formatVersion = 2

// indexMagic starts the data of MarshalBinary.
const indexMagic = "margin search index\n"

// Errors of UnmarshalIndex. On any error the caller should build the index
// with New instead.
var (
	// ErrIndexVersion means the data was written by another version of
	// MarshalBinary.
	ErrIndexVersion = errors.New("search: index data has another format version")
	// ErrIndexCorrupt means the data is not a valid index.
	ErrIndexCorrupt = errors.New("search: index data is corrupt")
	// ErrIndexMismatch means the data indexes other documents than those
	// given.
	ErrIndexMismatch = errors.New("search: index data was built from other documents")
)

// checksum is the 32-bit check appended to encoded data, from hashText.
// It guards against damage, not tampering; CRC-32C, used before, took
// longer to set up its tables at start-up than hashText takes to read the
// whole index.
func checksum(b []byte) uint32 {
	h := hashText(0, b)
	return uint32(h ^ h>>32)
}

// MarshalBinary encodes the index, without its documents, so that
// UnmarshalIndex can restore it given the same documents. The encoding is
// deterministic: the same documents always give the same data.
func (ix *Index) MarshalBinary() ([]byte, error) {
	if ix == nil {
		return nil, errors.New("search: MarshalBinary of a nil Index")
	}
	width := termWidth(len(ix.terms))
	size := len(indexMagic) + 32 + 3*len(ix.terms) + 6*len(ix.fields) +
		width*(len(ix.seq)+len(ix.sorted)) + termWidth(len(ix.fields))*len(ix.post)
	for _, w := range ix.terms {
		size += len(w)
	}
	for _, s := range ix.shortText {
		size += len(s)
	}
	b := make([]byte, 0, size)
	b = append(b, indexMagic...)
	b = binary.AppendUvarint(b, formatVersion)
	b = binary.AppendUvarint(b, uint64(len(ix.docs)))
	b = binary.LittleEndian.AppendUint64(b, docsHash(ix.docs))
	b = binary.AppendUvarint(b, uint64(len(ix.terms)))
	for _, w := range ix.terms {
		b = binary.AppendUvarint(b, uint64(len(w)))
	}
	for _, w := range ix.terms {
		b = append(b, w...)
	}
	for t := range ix.terms {
		b = binary.AppendUvarint(b, uint64(ix.postOff[t+1]-ix.postOff[t]))
	}
	b = binary.AppendUvarint(b, uint64(len(ix.fields)))
	prev := int32(0)
	for _, r := range ix.fields {
		b = binary.AppendUvarint(b, uint64(r.doc-prev))
		b = binary.AppendUvarint(b, uint64(r.kind)|uint64(r.label)<<2)
		b = binary.AppendUvarint(b, uint64(r.n))
		prev = r.doc
	}
	b = append(b, byte(width))
	b = appendFixed(b, ix.seq, width)
	b = binary.AppendUvarint(b, uint64(len(ix.sorted)))
	b = appendFixed(b, ix.sorted, width)
	b = appendFixed(b, ix.post, termWidth(len(ix.fields)))
	for _, s := range ix.shortText {
		b = binary.AppendUvarint(b, uint64(len(s)))
	}
	for _, s := range ix.shortText {
		b = append(b, s...)
	}
	return binary.LittleEndian.AppendUint32(b, checksum(b)), nil
}

// termWidth returns the number of bytes that hold term numbers below n.
func termWidth(n int) int {
	w := 1
	for n > 1<<(8*w) {
		w++
	}
	return w
}

// appendFixed appends the numbers of v to b as little-endian numbers of
// width bytes.
func appendFixed(b []byte, v []uint32, width int) []byte {
	for _, x := range v {
		for k := range width {
			b = append(b, byte(x>>(8*k)))
		}
	}
	return b
}

// UnmarshalIndex restores an index encoded by MarshalBinary over docs,
// which must be the documents it was built from. The index keeps docs, as
// New does. The result searches exactly like New(docs).
//
// It returns ErrIndexVersion (wrapped) for data of another format version,
// ErrIndexMismatch if docs are not the documents indexed, and
// ErrIndexCorrupt for truncated or damaged data; the caller should then
// use New. It never panics, whatever data holds.
func UnmarshalIndex(data []byte, docs []Doc) (*Index, error) {
	if len(data) < len(indexMagic) || string(data[:len(indexMagic)]) != indexMagic {
		return nil, fmt.Errorf("%w: no index header", ErrIndexCorrupt)
	}
	d := decoder{b: data[len(indexMagic):]}
	v := d.uint()
	switch {
	case d.err != nil:
		return nil, d.err
	case v != formatVersion:
		return nil, fmt.Errorf("%w: version %d, want %d", ErrIndexVersion, v, formatVersion)
	case len(d.b) < 4:
		return nil, fmt.Errorf("%w: truncated", ErrIndexCorrupt)
	}
	n := len(data) - 4
	if checksum(data[:n]) != binary.LittleEndian.Uint32(data[n:]) {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrIndexCorrupt)
	}
	d.b = d.b[:len(d.b)-4]
	return d.index(docs)
}

// decoder reads MarshalBinary data. After an error, reads return zeros.
type decoder struct {
	b   []byte
	err error
}

// fail records a corruption error.
func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", ErrIndexCorrupt, what)
	}
	d.b = nil
}

// uint reads an unsigned varint.
func (d *decoder) uint() uint64 {
	if len(d.b) > 0 && d.b[0] < 0x80 {
		v := d.b[0]
		d.b = d.b[1:]
		return uint64(v)
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("bad number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads the number of items that follow, each taking at least one
// byte, so that a corrupt count cannot cause a huge allocation.
func (d *decoder) count(what string) int {
	v := d.uint()
	if v > uint64(len(d.b)) {
		d.fail("too many " + what)
		return 0
	}
	return int(v)
}

// uints reads len(dst) varints below limit into dst.
func (d *decoder) uints(dst []uint32, limit int) {
	b := d.b
	if len(dst) > len(b) {
		d.fail("truncated")
		return
	}
	for i := range dst {
		var v uint64
		switch {
		case len(b) > 0 && b[0] < 0x80:
			v, b = uint64(b[0]), b[1:]
		case len(b) > 1 && b[1] < 0x80:
			v, b = uint64(b[0]&0x7f)|uint64(b[1])<<7, b[2:]
		default:
			var n int
			if v, n = binary.Uvarint(b); n <= 0 {
				d.fail("bad number")
				return
			}
			b = b[n:]
		}
		if v >= uint64(limit) {
			d.fail("number out of range")
			return
		}
		dst[i] = uint32(v)
	}
	d.b = b
}

// index reads the rest of the data: the index over docs.
func (d *decoder) index(docs []Doc) (*Index, error) {
	ndocs := d.uint()
	var sum uint64
	if len(d.b) >= 8 {
		sum = binary.LittleEndian.Uint64(d.b)
		d.b = d.b[8:]
	} else {
		d.fail("truncated")
	}
	if d.err != nil {
		return nil, d.err
	}
	if ndocs != uint64(len(docs)) || sum != docsHash(docs) {
		return nil, ErrIndexMismatch
	}
	ix := &Index{docs: docs}
	postOff := d.terms(ix)
	d.fields(ix)
	width := int(d.byte())
	if d.err == nil && width != termWidth(len(ix.terms)) {
		d.fail("bad term number width")
	}
	if d.err == nil {
		ix.seq = make([]uint32, ix.seqLen())
	}
	d.fixed(ix.seq, width, len(ix.terms))
	if n := d.uint(); n <= uint64(len(ix.terms)) {
		ix.sorted = make([]uint32, n)
	} else {
		d.fail("too many sorted terms")
	}
	d.fixed(ix.sorted, width, len(ix.terms))
	d.postings(ix, postOff)
	d.shortText(ix)
	if d.err == nil && len(d.b) != 0 {
		d.fail("trailing data")
	}
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

// byte reads one byte.
func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.fail("truncated")
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

// fixed reads len(dst) little-endian numbers of width bytes, each below
// limit, into dst.
func (d *decoder) fixed(dst []uint32, width, limit int) {
	if d.err != nil || len(dst) == 0 {
		return
	}
	if width < 1 || width > 4 || len(d.b)/width < len(dst) {
		d.fail("truncated term numbers")
		return
	}
	b := d.b[:width*len(dst)]
	d.b = d.b[len(b):]
	var top uint32
	switch width {
	case 1:
		for i, c := range b {
			dst[i] = uint32(c)
			top = max(top, uint32(c))
		}
	case 2:
		i := 0
		for ; len(b) >= 8; i += 4 {
			v := binary.LittleEndian.Uint64(b)
			b = b[8:]
			x := dst[i : i+4 : i+4]
			x[0], x[1], x[2], x[3] = uint32(v&0xffff), uint32(v>>16&0xffff), uint32(v>>32&0xffff), uint32(v>>48)
			top = max(top, x[0], x[1], x[2], x[3])
		}
		for ; len(b) >= 2; i++ {
			dst[i] = uint32(binary.LittleEndian.Uint16(b))
			b = b[2:]
			top = max(top, dst[i])
		}
	default:
		for i := range dst {
			var v uint32
			for k := range width {
				v |= uint32(b[width*i+k]) << (8 * k)
			}
			dst[i] = v
			top = max(top, v)
		}
	}
	if uint64(top) >= uint64(limit) {
		d.fail("term number out of range")
	}
}

// postings reads the postings of all terms, whose offsets are off.
func (d *decoder) postings(ix *Index, off []uint32) {
	if d.err != nil {
		return
	}
	n := len(ix.terms)
	post := make([]uint32, off[n])
	d.fixed(post, termWidth(len(ix.fields)), len(ix.fields))
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
	d.uints(end[1:], min(len(d.b)+1, 1<<31))
	for i := range ix.short {
		if uint64(end[i])+uint64(end[i+1]) > uint64(len(d.b)) {
			d.fail("truncated folded text")
			return
		}
		end[i+1] += end[i]
	}
	ix.shortText = splitString(string(d.b[:end[len(ix.short)]]), end)
	d.b = d.b[end[len(ix.short)]:]
}

// terms reads the vocabulary into ix.terms and ix.vocab, and returns the
// offsets of the terms' postings.
func (d *decoder) terms(ix *Index) []uint32 {
	n := d.count("terms")
	off := make([]uint32, n+1)
	d.uints(off[1:], min(len(d.b)+1, 1<<31))
	for t := range n {
		if off[t+1] == 0 || uint64(off[t])+uint64(off[t+1]) > uint64(len(d.b)) {
			d.fail("bad term length")
			return nil
		}
		off[t+1] += off[t]
	}
	ix.terms = splitString(string(d.b[:off[n]]), off)
	d.b = d.b[off[n]:]
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
	d.uints(postOff[1:], min(len(d.b)+1, 1<<31))
	for t := range n {
		if uint64(postOff[t])+uint64(postOff[t+1]) > uint64(len(d.b)) {
			d.fail("too many postings")
			return nil
		}
		postOff[t+1] += postOff[t]
	}
	return postOff
}

// fields reads the field records into ix.fields.
func (d *decoder) fields(ix *Index) {
	n := d.count("fields")
	ix.fields = make([]fieldRec, 0, n)
	doc, start := uint64(0), uint64(0)
	next := uint64(0) // the least order a field of doc may have
	for range n {
		delta, key, terms := d.uint(), d.uint(), d.uint()
		if delta > 0 {
			next = 0
		}
		doc += min(delta, uint64(len(ix.docs))) // no wrapping around
		kind, label := fieldKind(key&3), key>>2
		order := uint64(kind)<<17 | label // title, labels in order, body
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
		case terms == 0 || terms > uint64(len(d.b)) || start+terms > uint64(len(d.b)):
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
		terms := ix.fieldTerms(uint32(f))
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

// docsHash returns a hash of the searchable text of docs, each string
// preceded by its length and the labels by their number.
func docsHash(docs []Doc) uint64 {
	h := uint64(len(docs))
	for i := range docs {
		d := &docs[i]
		h = hashText(h, d.Title)
		h = hashText(h^uint64(len(d.Labels)), d.Body)
		for _, l := range d.Labels {
			h = hashText(h, l)
		}
	}
	return h
}

// Multipliers of hashText.
const (
	textMul1 = 0x9e3779b97f4a7c15
	textMul2 = 0xc2b2ae3d27d4eb4f
)

// hashText mixes the length and bytes of s into h. It reads 32 bytes at a
// time into four independent lanes so that the multiplications overlap.
func hashText[S string | []byte](h uint64, s S) uint64 {
	h = mixText(h ^ uint64(len(s)))
	if len(s) >= 32 {
		a, b, c, e := h, h^textMul1, h^textMul2, h+textMul1
		for len(s) >= 32 {
			a = mixText(a ^ load64(s))
			b = mixText(b ^ load64(s[8:]))
			c = mixText(c ^ load64(s[16:]))
			e = mixText(e ^ load64(s[24:]))
			s = s[32:]
		}
		h = mixText(a ^ bits.RotateLeft64(b, 16) ^ bits.RotateLeft64(c, 32) ^ bits.RotateLeft64(e, 48))
	}
	for len(s) >= 8 {
		h = mixText(h ^ load64(s))
		s = s[8:]
	}
	var w uint64
	for i := 0; i < len(s); i++ {
		w |= uint64(s[i]) << (8 * uint(i))
	}
	return mixText(h ^ w)
}

// mixText scrambles the bits of x.
func mixText(x uint64) uint64 {
	x *= textMul2
	return bits.RotateLeft64(x, 31) * textMul1
}
