package marks

import (
	"strings"
	"unicode/utf8"
)

// Clean removes the characters that could drive a terminal or disguise text,
// and keeps everything else exactly (accents, any script, emoji, newlines and
// tabs). It removes the C0 controls except newline and tab (so ESC, BEL and
// carriage return go), DEL, the C1 controls U+0080–U+009F (such as the
// one-character CSI U+009B), and the Unicode bidirectional embeddings,
// overrides and isolates U+202A–U+202E and U+2066–U+2069. Only the control
// characters of an escape sequence are removed: "\x1b[31m" becomes "[31m",
// harmless visible text. Bytes that are not valid UTF-8 become U+FFFD, so that
// removing a character can never make two stray bytes join into a control.
// Clean is idempotent.
func Clean(text string) string {
	if isClean(text) {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case !stripped(r):
			b.WriteString(text[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isClean reports whether Clean would return text unchanged.
func isClean(text string) bool {
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if (r == utf8.RuneError && size == 1) || stripped(r) {
			return false
		}
		i += size
	}
	return true
}

// stripped reports whether Clean removes r.
func stripped(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f: // C0, DEL
		return true
	case r >= 0x80 && r <= 0x9f: // C1
		return true
	case r >= 0x202a && r <= 0x202e: // LRE, RLE, PDF, LRO, RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
		return true
	}
	return false
}
