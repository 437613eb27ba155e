package search

import (
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/fold"
)

// Building an index reads each field once. A run of ASCII letters and
// digits between separators folds to its lower-case self and is one word,
// so it is lower-cased and interned on the spot without allocating. So is a
// run that also holds non-ASCII characters that fold to ASCII letters on
// their own (é, ß, a stripped accent), per foldLatin and foldPunct; such
// characters that fold to ASCII punctuation or spaces (curly quotes,
// dashes, no-break space) separate words like ASCII punctuation. A run with
// any other non-ASCII character goes through fold.Fold and fold.Tokens.
// This gives the same words as folding and tokenising the whole field:
// folding treats each character on its own except for recomposition (NFC),
// and an ASCII character starts a normalisation segment of its own and
// never composes with the marks after it (the only marks that compose with
// ASCII characters are diacritics, which folding removes), so folding
// splits cleanly before and after characters that fold to ASCII.
// TestScanMatchesFold and FuzzScan check this against
// fold.Tokens(fold.Fold(s)).

// foldEntry says how folding treats a non-ASCII character on its own.
type foldEntry struct {
	kind uint8  // foldComplex, foldSep or foldWord
	rep  string // foldSep, foldWord: what the character folds to
}

// Kinds of foldEntry.
const (
	foldComplex = iota // anything else: use fold.Fold
	foldSep            // folds to ASCII punctuation or spaces
	foldWord           // folds to ASCII letters and digits, or nothing
)

// foldRanges are the ranges of characters in fold tables.
var foldRanges = []struct {
	name   string
	lo, hi rune
}{{"foldLatin", 0x80, 0x370}, {"foldPunct", 0x2000, 0x20A0}}

// lookupFold returns how folding treats non-ASCII character r on its own.
func lookupFold(r rune) foldEntry {
	switch {
	case r < 0x370:
		return foldLatin[r-0x80]
	case 0x2000 <= r && r < 0x20A0:
		return foldPunct[r-0x2000]
	}
	return foldEntry{}
}

// byteClass classifies bytes for scanning: ASCII separators are 0.
var byteClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			t[c] = classLower
		case 'A' <= c && c <= 'Z':
			t[c] = classUpper
		case c >= utf8.RuneSelf:
			t[c] = classWide
		}
	}
	return t
}()

// Byte classes; a run's classes are or-ed together.
const (
	classLower = 1 << iota // ASCII lower-case letter or digit
	classUpper             // ASCII upper-case letter
	classWide              // byte of a non-ASCII character
)

// hashMul is the multiplier of the term hash.
const hashMul = 0x9e3779b97f4a7c15

// hash returns the hash of a term, as used by Index.vocab. It reads words
// of up to 8 bytes with two overlapping loads, longer words 8 bytes at a
// time.
func hash[S string | []byte](s S) uint32 {
	n := len(s)
	h := uint64(n) << 56
	var w uint64
	switch {
	case n > 8:
		for i := 0; i+8 < n; i += 8 {
			h = (h ^ load64(s[i:i+8])) * hashMul
			h ^= h >> 32
		}
		w = load64(s[n-8:])
	case n >= 4:
		w = uint64(load32(s[:4])) | uint64(load32(s[n-4:]))<<32
	case n > 0:
		w = uint64(s[0]) | uint64(s[n/2])<<8 | uint64(s[n-1])<<16
	}
	h = (h ^ w) * hashMul
	return uint32(h >> 32)
}

// load32 returns the first 4 bytes of s as a little-endian number.
func load32[S string | []byte](s S) uint32 {
	s = s[:4]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// load64 returns the first 8 bytes of s as a little-endian number.
func load64[S string | []byte](s S) uint64 {
	s = s[:8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// tableSize returns the size of a hash table for n terms: a power of two
// at least twice n, so that probe sequences stay short and end.
func tableSize(n int) int {
	return 1 << bits.Len(uint(max(2*n, 16)-1))
}

// builder holds the state needed only while indexing.
type builder struct {
	ix    *Index
	table []uint32   // hash table: term number + 1, 0 if empty
	info  []termInfo // per term
	text  []byte     // the bytes of all terms, back to back
	word  []byte     // scratch: the word being interned
}

// termInfo describes a term while indexing.
type termInfo struct {
	hash       uint32
	start, end uint32 // the term is text[start:end]
	last       uint32 // the last field containing the term, plus one
	fields     uint32 // the number of fields containing the term
}

// newBuilder returns a builder for docs with room for the fields and
// words they are likely to hold.
func newBuilder(docs []Doc) *builder {
	fields, size := 0, 0
	for i := range docs {
		d := &docs[i]
		labels := d.Labels[:min(len(d.Labels), 1<<16)]
		fields += 2 + len(labels)
		size += len(d.Title) + len(d.Body)
		for _, l := range labels {
			size += len(l)
		}
	}
	terms := 64 + size/32 // a guess; English prose has fewer distinct words
	return &builder{
		ix: &Index{
			docs:   docs,
			fields: make([]fieldRec, 0, fields),
			seq:    make([]uint32, 0, 16+size/6),
		},
		table: make([]uint32, tableSize(terms)),
		info:  make([]termInfo, 0, terms),
		text:  make([]byte, 0, 8*terms),
		word:  make([]byte, 0, 64),
	}
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
	ix := b.ix
	start := len(ix.seq)
	b.scan(text)
	if len(ix.seq) == start {
		return
	}
	ix.fields = append(ix.fields, fieldRec{
		doc: int32(doc), kind: kind, label: uint16(label),
		start: uint32(start), n: uint32(len(ix.seq) - start),
	})
}

// scan appends the term numbers of the words of text to ix.seq, interning
// new words: the terms of appendUnits(nil, fold.Fold(text)), in order.
func (b *builder) scan(s string) {
	for i := 0; i < len(s); {
		class := byteClass[s[i]]
		if class == 0 {
			i++
			continue
		}
		start := i
		for ; i < len(s); i++ {
			c := byteClass[s[i]]
			if c == 0 || c == classWide {
				break
			}
			class |= c
		}
		switch run := s[start:i]; {
		case i < len(s) && s[i] >= utf8.RuneSelf:
			i = b.scanWide(s, start, i)
		case class&classUpper != 0:
			b.word = appendLower(b.word[:0], run)
			add(b, b.word)
		default:
			add(b, run)
		}
	}
}

// scanWide adds the words of the run of word characters that starts at
// start of s and holds a non-ASCII byte at i (all bytes before it are ASCII
// letters and digits), and returns where the run and the character ending
// it end.
func (b *builder) scanWide(s string, start, i int) int {
	w := appendLower(b.word[:0], s[start:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if byteClass[c] == 0 {
				i++
				break
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			w = append(w, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		e := lookupFold(r)
		if e.kind == foldComplex {
			b.word = w
			end := runEnd(s, i)
			b.scanFolded(s[start:end])
			return end
		}
		i += size
		if e.kind == foldSep {
			break
		}
		w = append(w, e.rep...)
	}
	b.word = w
	if len(w) > 0 {
		add(b, w)
	}
	return i
}

// runEnd returns the end of the run of word characters of s that holds the
// character at i: the next ASCII separator or character that folds to
// ASCII separators.
func runEnd(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if byteClass[c] == 0 {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if lookupFold(r).kind == foldSep {
			return i
		}
		i += size
	}
	return i
}

// appendLower appends ASCII s to dst in lower case.
func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// scanFolded adds the words of a run of text that holds no separator.
func (b *builder) scanFolded(run string) {
	for _, tok := range fold.Tokens(fold.Fold(run)) {
		s := tok.Text
		if !tok.Ideographic {
			add(b, s)
			continue
		}
		for len(s) > 0 {
			size, _ := ideoUnit(s)
			add(b, s[:size])
			s = s[size:]
		}
	}
}

// add appends the term number of folded word w to ix.seq, adding w to the
// vocabulary if it is new, and counts the field being indexed in the
// term's postings.
func add[S string | []byte](b *builder, w S) {
	h := hash(w)
	mask := uint32(len(b.table) - 1)
	p := h & mask
	var t uint32
	for e := b.table[p]; ; e = b.table[p] {
		if e == 0 {
			t = newTerm(b, w, h, p)
			break
		}
		t = e - 1
		if in := &b.info[t]; in.hash == h && string(b.text[in.start:in.end]) == string(w) {
			break
		}
		p = (p + 1) & mask
	}
	b.ix.seq = append(b.ix.seq, t)
	if in, f := &b.info[t], uint32(len(b.ix.fields))+1; in.last != f {
		in.last = f
		in.fields++
	}
}

// newTerm adds w, whose hash is h, to the vocabulary at slot p of the
// table and returns its term number.
func newTerm[S string | []byte](b *builder, w S, h, p uint32) uint32 {
	t := uint32(len(b.info))
	b.table[p] = t + 1
	start := uint32(len(b.text))
	b.text = append(b.text, w...)
	b.info = append(b.info, termInfo{hash: h, start: start, end: uint32(len(b.text))})
	if 2*len(b.info) > len(b.table) {
		b.grow()
	}
	return t
}

// grow doubles the hash table.
func (b *builder) grow() {
	b.table = make([]uint32, 2*len(b.table))
	mask := uint32(len(b.table) - 1)
	for t := range b.info {
		p := b.info[t].hash & mask
		for b.table[p] != 0 {
			p = (p + 1) & mask
		}
		b.table[p] = uint32(t) + 1
	}
}

// finish turns the vocabulary into strings and derives the tables that
// searches use.
func (b *builder) finish() *Index {
	ix := b.ix
	ix.vocab = b.table
	n := len(b.info)
	termOff := make([]uint32, n+1)
	postOff := make([]uint32, n+1)
	for t := range b.info {
		termOff[t] = b.info[t].start
		postOff[t+1] = postOff[t] + b.info[t].fields
	}
	termOff[n] = uint32(len(b.text))
	ix.terms = splitString(string(b.text), termOff)
	ix.fillPostings(postOff)
	ix.buildWordTables()
	ix.sortWords()
	ix.buildShort()
	return ix
}

// splitString cuts s at offsets off: the i-th piece is s[off[i]:off[i+1]].
func splitString(s string, off []uint32) []string {
	out := make([]string, len(off)-1)
	for i := range out {
		out[i] = s[off[i]:off[i+1]]
	}
	return out
}

// fillPostings sets postOff to off, where term t has off[t+1]-off[t]
// postings, and fills post from the fields' term sequences.
func (ix *Index) fillPostings(off []uint32) {
	n := len(ix.terms)
	post := make([]uint32, off[n])
	// Per term: the next free slot in post and the last field added plus
	// one, side by side to share cache lines.
	type state struct{ next, last uint32 }
	st := make([]state, n)
	for t := range st {
		st[t].next = off[t]
	}
	for f, r := range ix.fields {
		id := uint32(f) + 1
		for _, t := range ix.seq[r.start : r.start+r.n] {
			if s := &st[t]; s.last != id {
				post[s.next] = uint32(f)
				s.next++
				s.last = id
			}
		}
	}
	ix.post, ix.postOff = post, off
}

// buildWordTables fills masks with the rune masks of all terms, and byLen
// with the non-ideographic terms by rune length.
func (ix *Index) buildWordTables() {
	ix.masks = make([]uint64, len(ix.terms))
	length := make([]int32, len(ix.terms)) // rune count, 0 if ideographic
	var count []uint32
	for t, w := range ix.terms {
		m, n := runeMaskCount(w)
		ix.masks[t] = m
		if w[0] >= utf8.RuneSelf {
			if r, _ := utf8.DecodeRuneInString(w); fold.IsIdeographic(r) {
				continue
			}
		}
		for len(count) <= n {
			count = append(count, 0)
		}
		count[n]++
		length[t] = int32(n)
	}
	total := uint32(0)
	for n, c := range count {
		count[n] = total
		total += c
	}
	flat := make([]uint32, total)
	ix.byLen = make([][]uint32, len(count))
	for n := range count {
		end := total
		if n+1 < len(count) {
			end = count[n+1]
		}
		if end > count[n] {
			ix.byLen[n] = flat[count[n]:end:end]
		}
	}
	for t, n := range length {
		if n > 0 {
			flat[count[n]] = uint32(t)
			count[n]++
		}
	}
}

// runeMaskCount returns runeMask(s) and the number of runes of s.
func runeMaskCount(s string) (uint64, int) {
	var m uint64
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z':
			m |= 1 << (c - 'a')
		case '0' <= c && c <= '9':
			m |= 1 << (26 + c - '0')
		case c < utf8.RuneSelf:
			m |= 1 << (36 + uint32(c)%28)
		default:
			return runeMask(s), utf8.RuneCountInString(s)
		}
		n++
	}
	return m, n
}

// sortWords fills sorted with the terms of byLen in lexical order: it
// radix-sorts them by their first 8 bytes, then sorts runs of terms that
// start alike by whole words.
func (ix *Index) sortWords() {
	n := 0
	for _, l := range ix.byLen {
		n += len(l)
	}
	keys, ids := make([]uint64, 0, n), make([]uint32, 0, n)
	for t, w := range ix.terms {
		if ix.isWordTerm(uint32(t)) {
			keys = append(keys, prefixKey(w))
			ids = append(ids, uint32(t))
		}
	}
	radixSort(keys, ids)
	byWord := func(a, b uint32) int { return strings.Compare(ix.terms[a], ix.terms[b]) }
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j] == keys[i] {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(ids[i:j], byWord)
		}
		i = j
	}
	ix.sorted = ids
}

// radixSort sorts keys, and ids along with them, stably.
func radixSort(keys []uint64, ids []uint32) {
	src, dst := keys, make([]uint64, len(keys))
	srcIDs, dstIDs := ids, make([]uint32, len(ids))
	for shift := 0; shift < 64; shift += 8 {
		var count [256]int
		for _, k := range src {
			count[byte(k>>shift)]++
		}
		if len(src) == 0 || count[byte(src[0]>>shift)] == len(src) {
			continue // all keys share this byte
		}
		pos := 0
		for i, c := range count {
			count[i] = pos
			pos += c
		}
		for i, k := range src {
			d := byte(k >> shift)
			dst[count[d]] = k
			dstIDs[count[d]] = srcIDs[i]
			count[d]++
		}
		src, dst = dst, src
		srcIDs, dstIDs = dstIDs, srcIDs
	}
	copy(keys, src)
	copy(ids, srcIDs)
}

// prefixKey returns the first 8 bytes of s as a big-endian number, padded
// with zeros. Terms hold no zero bytes, so these numbers sort like the
// strings they start.
func prefixKey(s string) uint64 {
	if len(s) >= 8 {
		return bits.ReverseBytes64(load64(s))
	}
	var p uint64
	for i := range 8 {
		p <<= 8
		if i < len(s) {
			p |= uint64(s[i])
		}
	}
	return p
}

// isWordTerm reports whether term t is a word rather than an ideographic
// character.
func (ix *Index) isWordTerm(t uint32) bool {
	w := ix.terms[t]
	if w[0] < utf8.RuneSelf {
		return true
	}
	r, _ := utf8.DecodeRuneInString(w)
	return !fold.IsIdeographic(r)
}

// buildShort fills short and shortText with the title and label fields
// and their folded text.
func (ix *Index) buildShort() {
	n, size := 0, 0
	for i := range ix.fields {
		if r := &ix.fields[i]; r.kind != fieldBody {
			n++
			size += len(ix.fieldText(uint32(i)))
		}
	}
	ix.short = make([]uint32, 0, n)
	buf := make([]byte, 0, size)
	end := make([]uint32, 1, n+1)
	for i := range ix.fields {
		if ix.fields[i].kind != fieldBody {
			ix.short = append(ix.short, uint32(i))
			buf = appendFold(buf, ix.fieldText(uint32(i)))
			end = append(end, uint32(len(buf)))
		}
	}
	ix.shortText = splitString(string(buf), end)
}

// appendFold appends fold.Fold(s) to dst.
func appendFold(dst []byte, s string) []byte {
	start, pending := len(dst), false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return appendFoldWide(dst, start, pending, s, i)
		case c <= ' ' || c == 0x7f:
			pending = len(dst) > start
			i++
			continue
		}
		if pending {
			dst = append(dst, ' ')
			pending = false
		}
		// Copy the run of visible ASCII characters, then lower-case it.
		j := i + 1
		for j < len(s) && ' ' < s[j] && s[j] < 0x7f {
			j++
		}
		n := len(dst)
		dst = append(dst, s[i:j]...)
		for k, c := range dst[n:] {
			dst[n+k] = lowerASCII[c]
		}
		i = j
	}
	return dst
}

// lowerASCII maps ASCII upper-case letters to lower case, other bytes to
// themselves.
var lowerASCII = func() (t [256]byte) {
	for c := range 256 {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	return t
}()

// appendFoldWide continues appendFold at byte i of s, which starts a
// non-ASCII character, with s[:i] folded into dst[start:].
func appendFoldWide(dst []byte, start int, pending bool, s string, i int) []byte {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			dst, pending = appendFoldByte(dst, start, pending, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		e := lookupFold(r)
		if e.kind == foldComplex {
			return append(dst[:start], fold.Fold(s)...)
		}
		for k := 0; k < len(e.rep); k++ {
			dst, pending = appendFoldByte(dst, start, pending, e.rep[k])
		}
		i += size
	}
	return dst
}

// appendFoldByte folds ASCII byte c onto text folded so far, dst[start:],
// which is followed by a collapsed space if pending.
func appendFoldByte(dst []byte, start int, pending bool, c byte) ([]byte, bool) {
	switch {
	case c <= ' ' || c == 0x7f:
		return dst, len(dst) > start
	case 'A' <= c && c <= 'Z':
		c += 'a' - 'A'
	}
	if pending {
		dst = append(dst, ' ')
	}
	return append(dst, c), false
}
