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
	// ("&&#27;#27;"), so repeat until nothing changes. The first pass leaves
	// valid UTF-8; every later pass that changes anything makes the string
	// shorter, so this ends.
	for {
		out, changed := once(s)
		if !changed {
			return s
		}
		s = out
	}
}

// once removes every control character and control-character reference
// from s in one pass, turns invalid UTF-8 into U+FFFD, and reports whether
// that changed anything. Text with nothing to remove, which is nearly all
// text, is scanned but not copied.
func once(s string) (string, bool) {
	var b strings.Builder
	kept := 0 // s[kept:i] is to be kept, not yet copied
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f && c != '&' {
			i++ // printable ASCII, most of any text
			continue
		}
		n, repl, drop := removal(s[i:])
		if drop {
			if b.Cap() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[kept:i])
			b.WriteString(repl)
			kept = i + n
		}
		i += n
	}
	if b.Cap() == 0 {
		return s, false
	}
	b.WriteString(s[kept:])
	return b.String(), true
}

// removal looks at what s starts with: it returns its length in bytes and
// whether it must go, and if so, what takes its place.
func removal(s string) (n int, repl string, drop bool) {
	c := s[0]
	switch {
	case c == '\n' || c == '\t' || c >= 0x20 && c < 0x7f && c != '&':
		return 1, "", false // kept, like the printable ASCII once skips
	case c == '&':
		if n, ok := controlRef(s); ok {
			return n, "", true
		}
		return 1, "", false
	case c < 0x80: // the other C0 controls and DEL
		return 1, "", true
	}
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && size <= 1 {
		return size, string(utf8.RuneError), true
	}
	return size, "", Forbidden(r)
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

// JSON returns encoded JSON with every control and bidirectional formatting
// character written as a \u escape, so that JSON output never carries one
// raw: encoding/json escapes the C0 controls but passes DEL, the C1 range
// (U+009B, the 8-bit CSI, among them) and the bidi overrides as they are.
// The value is unchanged (a JSON reader decodes the escape back to the
// character), unlike String, which removes the character. Besides what
// Forbidden rejects, the bidi marks U+061C, U+200E and U+200F are escaped
// too. Outside strings, JSON is ASCII, so the white space between tokens
// (newline, tab, carriage return) is left as it is; any other raw control
// byte is escaped too. Bytes that are not valid
// UTF-8 become \ufffd.
func JSON(data []byte) []byte {
	clean := true
	for i := 0; i < len(data); {
		if c := data[i]; c < 0x7f && (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 || jsonEscaped(r) {
			clean = false
			break
		}
		i += size
	}
	if clean {
		return data
	}
	out := make([]byte, 0, len(data)+32)
	for i := 0; i < len(data); {
		c := data[i]
		if c < 0x7f && (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
			out = append(out, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			out = append(out, `\ufffd`...)
		case jsonEscaped(r):
			out = append(out, `\u`...)
			out = append(out, hex4(r)...)
		default:
			out = append(out, data[i:i+size]...)
		}
		i += size
	}
	return out
}

// jsonEscaped reports whether JSON writes r as a \u escape: the controls
// (but the white space JSON allows between tokens), DEL, the C1 controls and
// every bidirectional control (Unicode's Bidi_Control).
func jsonEscaped(r rune) bool {
	return r != '\r' && Forbidden(r) || r == 0x061c || r == 0x200e || r == 0x200f
}

func hex4(r rune) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[r>>12&0xf], digits[r>>8&0xf], digits[r>>4&0xf], digits[r&0xf]})
}
