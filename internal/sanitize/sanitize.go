// Package sanitize keeps text that authors and users write from reaching the
// terminal with control sequences.
//
// It removes C0 control characters (except newline and tab), DEL, the C1
// range (U+0080–U+009F, which includes the 8-bit CSI U+009B), Unicode
// bidirectional overrides and isolates, and numeric HTML character references
// (&#27;, &#x1b;, &#155; …) that decode to any of those, since Markdown
// renderers decode such references into raw bytes. Invalid UTF-8 becomes
// U+FFFD.
package sanitize

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// String returns s with every control sequence and control-character
// reference removed. Newlines and tabs are kept; carriage returns are dropped.
func String(s string) string {
	// Removing a reference can join its neighbours into a new one
	// ("&&#27;#27;"), so repeat until nothing changes; every pass that changes
	// anything makes the string shorter, so this ends.
	for !isClean(s) {
		out := once(s)
		if out == s {
			break
		}
		s = out
	}
	return s
}

func once(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
		case r == '&':
			if n, ok := controlRef(s[i:]); ok {
				i += n
				continue
			}
			b.WriteByte('&')
		case Forbidden(r):
			// dropped
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Line is String for one-line text: newlines and tabs become spaces as well.
func Line(s string) string {
	s = String(s)
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}

// Forbidden reports whether r must never reach the terminal: C0 controls other
// than newline and tab, DEL, C1 controls and bidirectional formatting
// characters.
func Forbidden(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// HasEscapes reports whether s contains any byte or rune that Forbidden
// rejects; plain output must never contain one.
func HasEscapes(s string) bool {
	for _, r := range s {
		if Forbidden(r) && r != '\r' {
			return true
		}
	}
	return false
}

func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c == '&' || c >= 0x80 {
			return false
		}
	}
	return true
}

// controlRef reports whether s starts with a numeric character reference
// (&#NN; or &#xHH;, the semicolon optional) naming a forbidden or invalid code
// point, and how many bytes it spans.
func controlRef(s string) (int, bool) {
	if len(s) < 3 || s[1] != '#' {
		return 0, false
	}
	i, base := 2, 10
	if s[i] == 'x' || s[i] == 'X' {
		i, base = 3, 16
	}
	start := i
	for i < len(s) && isDigit(s[i], base) {
		i++
	}
	if i == start {
		return 0, false
	}
	n, err := strconv.ParseUint(s[start:i], base, 32)
	if i < len(s) && s[i] == ';' {
		i++
	}
	if err != nil || n > utf8.MaxRune || n == 0 || Forbidden(rune(n)) || n == '\r' {
		return i, true
	}
	return 0, false
}

func isDigit(c byte, base int) bool {
	if c >= '0' && c <= '9' {
		return true
	}
	return base == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')
}
