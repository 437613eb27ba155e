// Package fold normalises text so that search, glossary lookup and quote
// anchoring compare like with like.
//
// Folding lower-cases text (full case folding, so "ß" becomes "ss"),
// applies Unicode compatibility decomposition (NFKD: "ﬁ" becomes "fi",
// full-width "Ａ" becomes "a"), removes Latin/Greek/Cyrillic-style
// diacritics ("é" becomes "e"), recomposes what is left (NFC, so Hangul,
// kana with voicing marks and other scripts stay intact), turns curly
// quotes into straight ones and dashes into "-", drops invisible format
// characters, turns control characters into spaces, collapses runs of
// whitespace into one space and trims the ends. Invalid UTF-8 bytes become
// U+FFFD.
//
// Rune offsets into an original string count each invalid UTF-8 byte as one
// rune, exactly like []rune(s) and a range loop over s.
//
// The package also tokenises folded text into words (Tokens, Words) and
// measures edit distance between words (Distance, WithinDistance,
// MaxEdits). It performs no I/O.
package fold

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s normalised for matching, as described in the package
// documentation. Fold is idempotent: Fold(Fold(s)) == Fold(s).
func Fold(s string) string {
	if isSimpleASCII(s) {
		return s
	}
	f := folder{}
	f.run(s)
	return f.result()
}

// FoldMap returns Fold(s) together with, for each rune of the folded
// string, the index of the rune of s it came from. Indices are
// non-decreasing; one original rune may yield several folded runes ("ß"
// gives "ss") and several original runes may collapse into one (a run of
// whitespace, a letter and its removed accent).
func FoldMap(s string) (folded string, origRune []int) {
	f := folder{withMap: true, orig: make([]int, 0, len(s))} // no more runes than bytes
	f.run(s)
	out := f.result()
	return out, f.orig
}

// isSimpleASCII reports whether s is already folded: lower-case printable
// ASCII with single inner spaces and no leading or trailing space.
func isSimpleASCII(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case c < 0x21 || c > 0x7e || ('A' <= c && c <= 'Z'):
			return false
		default:
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}

// folder accumulates folded output and, optionally, the rune origin map.
type folder struct {
	buf      []byte
	orig     []int
	withMap  bool
	pending  bool // a collapsed whitespace run waits to be written
	pendOrig int  // origin of the first rune of that run
	wide     bool // output holds non-ASCII runes
}

// run folds every rune of s into the folder.
func (f *folder) run(s string) {
	f.buf = make([]byte, 0, len(s))
	idx := 0
	for pos := 0; pos < len(s); idx++ {
		c := s[pos]
		if c < utf8.RuneSelf {
			f.ascii(c, idx)
			pos++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[pos:])
		f.unicode(r, idx, 0)
		pos += size
	}
}

// result finishes folding (recomposition) and returns the folded string.
func (f *folder) result() string {
	if f.wide && !norm.NFC.IsNormal(f.buf) {
		f.compose()
	}
	return string(f.buf)
}

// ascii folds one ASCII byte that was rune number o of the input.
func (f *folder) ascii(c byte, o int) {
	switch {
	case 'A' <= c && c <= 'Z':
		f.emit(rune(c+'a'-'A'), o)
	case c <= ' ' || c == 0x7f:
		f.space(o)
	default:
		f.emit(rune(c), o)
	}
}

// maxDepth bounds re-decomposition of case-folded runes.
const maxDepth = 2

// unicode folds one non-ASCII rune r that was rune number o of the input.
func (f *folder) unicode(r rune, o, depth int) {
	if r == utf8.RuneError {
		f.emit(r, o)
		return
	}
	var tmp [utf8.UTFMax]byte
	n := utf8.EncodeRune(tmp[:], r)
	d := norm.NFKD.Properties(tmp[:n]).Decomposition()
	if d == nil {
		f.simple(r, o, depth)
		return
	}
	for _, x := range string(d) {
		f.simple(x, o, depth)
	}
}

// simple folds a rune that has no further compatibility decomposition.
func (f *folder) simple(r rune, o, depth int) {
	switch {
	case r < utf8.RuneSelf:
		f.ascii(byte(r), o)
	case isStrippedMark(r) || isInvisible(r):
		// dropped
	case unicode.IsSpace(r) || unicode.IsControl(r):
		f.space(o)
	default:
		f.caseFold(punct(r), o, depth)
	}
}

// caseFold writes the case-folded form of r.
func (f *folder) caseFold(r rune, o, depth int) {
	if r == 'ß' || r == 'ẞ' {
		f.emit('s', o)
		f.emit('s', o)
		return
	}
	l := unicode.ToLower(unicode.ToUpper(r))
	if l == r || depth >= maxDepth {
		f.emit(l, o)
		return
	}
	if l < utf8.RuneSelf {
		f.ascii(byte(l), o)
		return
	}
	f.unicode(l, o, depth+1)
}

// space records whitespace at origin o; runs collapse and ends are trimmed.
func (f *folder) space(o int) {
	if len(f.buf) > 0 && !f.pending {
		f.pending = true
		f.pendOrig = o
	}
}

// emit writes a non-space rune, preceded by a pending collapsed space.
func (f *folder) emit(r rune, o int) {
	if f.pending {
		f.pending = false
		f.put(' ', f.pendOrig)
	}
	f.put(r, o)
}

// put appends r with origin o.
func (f *folder) put(r rune, o int) {
	if r < utf8.RuneSelf {
		f.buf = append(f.buf, byte(r))
	} else {
		f.buf = utf8.AppendRune(f.buf, r)
		f.wide = true
	}
	if f.withMap {
		f.orig = append(f.orig, o)
	}
}

// compose applies NFC to the output segment by segment, keeping the origin
// map in step: a recomposed segment takes the origin of its first rune.
func (f *folder) compose() {
	src, srcOrig := f.buf, f.orig
	f.buf, f.orig = make([]byte, 0, len(src)), nil
	if f.withMap {
		f.orig = make([]int, 0, len(srcOrig))
	}
	ri := 0 // rune index into src
	for start := 0; start < len(src); {
		end, n := nextSegment(src, start)
		f.appendSegment(src[start:end], srcOrig, ri, n)
		start, ri = end, ri+n
	}
}

// nextSegment returns the end of the normalisation segment starting at
// start, and the number of runes in it.
func nextSegment(b []byte, start int) (end, runes int) {
	_, size := utf8.DecodeRune(b[start:])
	end, runes = start+size, 1
	for end < len(b) {
		p := norm.NFC.Properties(b[end:])
		if p.BoundaryBefore() {
			break
		}
		_, size = utf8.DecodeRune(b[end:])
		end, runes = end+size, runes+1
	}
	return end, runes
}

// appendSegment appends the NFC form of seg; ri is the rune index of seg's
// first rune in the pre-composition output and n its rune count.
func (f *folder) appendSegment(seg []byte, srcOrig []int, ri, n int) {
	if norm.NFC.IsNormal(seg) {
		f.buf = append(f.buf, seg...)
		if f.withMap {
			f.orig = append(f.orig, srcOrig[ri:ri+n]...)
		}
		return
	}
	composed := norm.NFC.Append(nil, seg...)
	f.buf = append(f.buf, composed...)
	if f.withMap {
		for range utf8.RuneCount(composed) {
			f.orig = append(f.orig, srcOrig[ri])
		}
	}
}

// isStrippedMark reports whether r is a combining diacritic that folding
// removes. Marks of other blocks (kana voicing marks, Indic vowel signs,
// Hebrew and Arabic points) are kept because they change the letter.
func isStrippedMark(r rune) bool {
	switch {
	case 0x0300 <= r && r <= 0x036F, // Combining Diacritical Marks
		0x1AB0 <= r && r <= 0x1AFF, // Extended
		0x1DC0 <= r && r <= 0x1DFF, // Supplement
		0x20D0 <= r && r <= 0x20FF, // for Symbols
		0xFE20 <= r && r <= 0xFE2F: // Half Marks
		return true
	}
	return false
}

// isInvisible reports whether r is a format character (soft hyphen,
// zero-width characters, bidirectional controls, BOM) or a variation
// selector; folding drops them.
func isInvisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) ||
		(0xFE00 <= r && r <= 0xFE0F) || (0xE0100 <= r && r <= 0xE01EF)
}

// punctFold maps typographic quotes and dashes to ASCII.
var punctFold = map[rune]rune{
	'‘': '\'', '’': '\'', '‚': '\'', '‛': '\'', '‹': '\'', '›': '\'',
	'“': '"', '”': '"', '„': '"', '‟': '"', '«': '"', '»': '"',
	'‐': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-',
	'⸺': '-', '⸻': '-', '﹘': '-',
}

// punct returns the ASCII replacement of a typographic quote or dash, or r.
func punct(r rune) rune {
	if m, ok := punctFold[r]; ok {
		return m
	}
	return r
}
