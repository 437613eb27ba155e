package marks

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/sanitize"
)

func TestClean(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "plain text", "plain text"},
		{"empty", "", ""},
		{"ESC colour sequence", "\x1b[31mred\x1b[0m", "[31mred[0m"},
		{"ESC title sequence", "a\x1b]0;pwned\x07b", "a]0;pwnedb"},
		{"clear screen", "\x1b[2J\x1b[Hhi", "[2J[Hhi"},
		{"C1 CSI", "a\u009b31mb", "a31mb"},
		{"C1 range", "\u0080x\u0085y\u009f", "xy"},
		{"DEL", "a\x7fb", "ab"},
		{"NUL and BEL", "a\x00b\x07c", "abc"},
		{"carriage return", "line one\r\nline two\r", "line one\nline two"},
		{"bidi override", "abc\u202egnp.exe", "abcgnp.exe"},
		{"bidi embeddings", "\u202ax\u202by\u202cz\u202d", "xyz"},
		{"bidi isolates", "\u2066a\u2067b\u2068c\u2069", "abc"},
		{"newlines and tabs kept", "a\n\tb\n\n", "a\n\tb\n\n"},
		{"accents", "Vochelet écrit: « déjà vu »", "Vochelet écrit: « déjà vu »"},
		{"Chinese", "社会信用体系 shèhuì xìnyòng tǐxì", "社会信用体系 shèhuì xìnyòng tǐxì"},
		{"emoji with joiners", "👩🏽‍💻 🇨🇳 ❤️", "👩🏽‍💻 🇨🇳 ❤️"},
		{"RTL marks kept", "\u200fعربي\u200e", "\u200fعربي\u200e"},
		{"U+FFFD kept", "a\uFFFDb", "a\uFFFDb"},
		{"invalid UTF-8 replaced", "a\xffb", "a\uFFFDb"},
		{"split C1 cannot reassemble", "\xc2\x1b\x9b", "\uFFFD\uFFFD"},
		// A Markdown renderer decodes a character reference into the
		// character: a note is cleaned of those that name a control.
		{"ESC reference", "&#27;[31mred&#x1b;[0m", "[31mred[0m"},
		{"C1 reference", "a&#155;31mb", "a31mb"},
		{"bidi reference", "abc&#x202E;gnp.exe", "abcgnp.exe"},
		{"harmless references kept", "caf&#233; &amp; R&D", "caf&#233; &amp; R&D"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Clean(tc.in); got != tc.want {
				t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzClean: Clean never panics, returns valid UTF-8 with no control
// characters but newline and tab, removes only such characters (otherwise
// keeping the input's characters in order), and is idempotent.
func FuzzClean(f *testing.F) {
	for _, seed := range []string{
		"", "hello", "\x1b[31mred\x1b[0m", "a\u009bb", "\u202eabc\u2069", "é中🙂\n\t",
		"\xc2\x1b\x9b", "\xff\xfe", "\r\n", "\x7f\x80\x9f\xa0", strings.Repeat("\x1b", 100),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Clean(in)
		if !utf8.ValidString(out) {
			t.Fatalf("Clean(%q) = %q, not valid UTF-8", in, out)
		}
		for _, r := range out {
			if sanitize.Forbidden(r) {
				t.Fatalf("Clean(%q) = %q keeps control %U", in, out, r)
			}
		}
		if again := Clean(out); again != out {
			t.Fatalf("Clean is not idempotent: Clean(%q) = %q, Clean of that = %q", in, out, again)
		}
		// Removes only: out is in's characters (invalid bytes as U+FFFD),
		// in order, some left out.
		var rest []rune
		for _, r := range in {
			rest = append(rest, r) // an invalid byte ranges as U+FFFD
		}
		for _, r := range out {
			for len(rest) > 0 && rest[0] != r {
				rest = rest[1:]
			}
			if len(rest) == 0 {
				t.Fatalf("Clean(%q) = %q adds or reorders characters", in, out)
			}
			rest = rest[1:]
		}
	})
}
