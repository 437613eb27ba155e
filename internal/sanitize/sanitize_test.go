package sanitize

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Asian values", "Asian values"},
		{"keeps newline and tab", "a\nb\tc", "a\nb\tc"},
		{"ESC sequence", "red \x1b[31mtext\x1b[0m", "red [31mtext[0m"},
		{"OSC title", "\x1b]0;pwned\x07ok", "]0;pwnedok"},
		{"C1 CSI", "a\u009b31mb", "a31mb"},
		{"DEL and NUL", "a\x7fb\x00c", "abc"},
		{"carriage return", "over\rwrite", "overwrite"},
		{"decimal entity", "~~&#27;[31m~~", "~~[31m~~"},
		{"hex entity", "&#x1b;[2J", "[2J"},
		{"hex entity upper", "&#X1B;[2J", "[2J"},
		{"padded entity", "&#0000027;x", "x"},
		{"C1 entity", "&#155;31m", "31m"},
		{"no semicolon", "&#27[31m", "[31m"},
		{"huge entity", "&#99999999999;x", "x"},
		{"NUL entity", "&#0;x", "x"},
		{"harmless entity kept", "caf&#233; &amp; &#x4e2d;", "caf&#233; &amp; &#x4e2d;"},
		{"bare ampersand", "R&D & co", "R&D & co"},
		{"bidi override", "abc\u202edef\u2066", "abcdef"},
		{"accents and Chinese kept", "Sébastien 失信被执行人 ✓", "Sébastien 失信被执行人 ✓"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := String(tt.in); got != tt.want {
				t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLine(t *testing.T) {
	if got := Line("a\nb\tc\x1b"); got != "a b c" {
		t.Errorf("Line = %q", got)
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[31m", "&#27;", "&#x9b;", "\u202e", "a\xffb", "&#", "&#x", "&&#27;#27;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := String(in)
		if HasEscapes(out) || strings.ContainsRune(out, '\r') {
			t.Fatalf("String(%q) = %q still has control characters", in, out)
		}
		if !utf8.ValidString(out) {
			t.Fatalf("String(%q) = %q is not valid UTF-8", in, out)
		}
		if String(out) != out {
			t.Fatalf("String is not idempotent on %q", in)
		}
		if n, ok := controlRefAnywhere(out); ok {
			t.Fatalf("String(%q) = %q keeps a control reference at %d", in, out, n)
		}
		if want := reference(in); out != want {
			t.Fatalf("String(%q) = %q, the rune-by-rune reference gives %q", in, out, want)
		}
	})
}

// reference is String written the simplest way: rune by rune, copying
// everything, until a pass changes nothing.
func reference(s string) string {
	for {
		var b strings.Builder
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
			case !Forbidden(r):
				b.WriteString(s[i : i+size])
			}
			i += size
		}
		if b.String() == s {
			return s
		}
		s = b.String()
	}
}

// controlRefAnywhere reports the first control-character reference left in s.
func controlRefAnywhere(s string) (int, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '&' {
			if _, ok := controlRef(s[i:]); ok {
				return i, true
			}
		}
	}
	return 0, false
}

// Text with nothing to remove, accented, Chinese and typographic included,
// comes back as it is, without being copied.
func TestStringLeavesCleanTextAlone(t *testing.T) {
	in := "Sesame Credit (芝麻信用) — “a score”, 350–950 & more: Mahathir's café.\n\tIndented."
	if got := String(in); got != in {
		t.Fatalf("String(%q) = %q", in, got)
	}
	if n := testing.AllocsPerRun(100, func() { String(in) }); n != 0 {
		t.Fatalf("String copied clean text: %v allocations", n)
	}
}

func TestJSON(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", `{"a": "b\u001b[31m"}`, `{"a": "b\u001b[31m"}`},
		{"C1 CSI", "[\"a\u009b31m\"]", `["a\u009b31m"]`},
		{"bidi override", "\"abc\u202edef\u2066\"", `"abc\u202edef\u2066"`},
		{"bidi marks", "\"\u200f\u200e\u061c\"", `"\u200f\u200e\u061c"`},
		{"DEL", "\"a\x7fb\"", `"a\u007fb"`},
		{"raw ESC", "\"a\x1bb\"", `"a\u001bb"`},
		{"white space kept", "{\n\t\"a\": 1\r\n}", "{\n\t\"a\": 1\r\n}"},
		{"accents and Chinese kept", `"Sébastien 失信被执行人 ✓"`, `"Sébastien 失信被执行人 ✓"`},
		{"invalid UTF-8", "\"a\xffb\"", `"a\ufffdb"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(JSON([]byte(tt.in))); got != tt.want {
				t.Errorf("JSON(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// JSON keeps the value: what decodes from its output is what decoded from
// its input, and its output holds no forbidden character.
func FuzzJSON(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[31m", "\u009b", "\u202e", "a\xffb", "\u200f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		data, err := json.Marshal(map[string]string{"k": in})
		if err != nil {
			t.Skip()
		}
		out := JSON(data)
		if HasEscapes(string(out)) || strings.ContainsRune(string(out), '\u200f') {
			t.Fatalf("JSON(%q) = %q keeps a control character", data, out)
		}
		var a, b map[string]string
		if err := json.Unmarshal(data, &a); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(out, &b); err != nil {
			t.Fatalf("JSON(%q) = %q is not JSON: %v", data, out, err)
		}
		if a["k"] != b["k"] {
			t.Fatalf("JSON changed the value %q to %q", a["k"], b["k"])
		}
	})
}
