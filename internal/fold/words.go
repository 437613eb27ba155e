package fold

import (
	"unicode"
	"unicode/utf8"
)

// Token is one word of a folded string.
type Token struct {
	// Text is the word itself, a substring of the tokenised string.
	Text string
	// Start and End are rune offsets of the word in the tokenised string;
	// End is exclusive.
	Start, End int
	// Ideographic is true for a run of characters from a script written
	// without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar).
	// Such a run is not a single word: match queries against it as a
	// substring rather than as a whole token.
	Ideographic bool
}

// Tokens splits s, which should already be folded, into word tokens:
// maximal runs of letters and digits (with any combining marks that follow
// them). Runs of ideographic characters form their own tokens, separate
// from adjacent letters of other scripts. Punctuation, symbols and spaces
// separate tokens; an apostrophe splits "china's" into "china" and "s",
// a hyphen splits "self-quantification" into two words.
func Tokens(s string) []Token {
	var toks []Token
	start, startByte := -1, 0
	ideo := false
	idx := 0
	for pos, r := range s {
		c := classOf(r)
		if start >= 0 && (c == classNone || (c != classMark && (c == classIdeo) != ideo)) {
			toks = append(toks, Token{s[startByte:pos], start, idx, ideo})
			start = -1
		}
		if start < 0 && (c == classWord || c == classIdeo) {
			start, startByte, ideo = idx, pos, c == classIdeo
		}
		idx++
	}
	if start >= 0 {
		toks = append(toks, Token{s[startByte:], start, idx, ideo})
	}
	return toks
}

// Words returns the texts of the tokens of Fold(s).
func Words(s string) []string {
	toks := Tokens(Fold(s))
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Text
	}
	return words
}

// IsIdeographic reports whether r belongs to a script written without
// spaces between words (Han, Hiragana, Katakana, Thai, Lao, Khmer,
// Myanmar), including the katakana prolonged sound mark.
func IsIdeographic(r rune) bool {
	if r < 0x0E00 {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana,
		unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) ||
		r == 'ー' || r == '々'
}

// IsWordRune reports whether r can be part of a word token: a letter, a
// digit or other number, a combining mark, or an ideographic character.
func IsWordRune(r rune) bool {
	return classOf(r) != classNone
}

// runeClass classifies runes for tokenisation.
type runeClass uint8

const (
	classNone runeClass = iota // separator
	classWord                  // letter or number
	classIdeo                  // ideographic
	classMark                  // combining mark: continues the current token
)

// classOf returns the tokenisation class of r.
func classOf(r rune) runeClass {
	if r < utf8.RuneSelf {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') || ('A' <= r && r <= 'Z') {
			return classWord
		}
		return classNone
	}
	switch {
	case IsIdeographic(r):
		return classIdeo
	case unicode.IsLetter(r) || unicode.IsNumber(r):
		return classWord
	case unicode.In(r, unicode.Mn, unicode.Mc):
		return classMark
	}
	return classNone
}
