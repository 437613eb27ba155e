package pdfimport

import (
	"strings"
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/sanitize"
)

// ligatures maps the typographic ligatures extraction leaves in words to
// their letters.
var ligatures = map[rune]string{
	'ﬀ': "ff", 'ﬁ': "fi", 'ﬂ': "fl", 'ﬃ': "ffi", 'ﬄ': "ffl", 'ﬅ': "st", 'ﬆ': "st",
}

// escapes are the backslash escapes some converters write before
// punctuation that Markdown or LaTeX would otherwise read ("US\$2.5").
var escapes = strings.NewReplacer(`\$`, "$", `\%`, "%", `\&`, "&", `\#`, "#", `\_`, "_")

// pageMark holds a form feed's place while sanitize runs.
const pageMark = "\ue000"

// normalize undoes ligatures, escapes and soft hyphens, turns no-break
// spaces into spaces and line ends into LF, and removes the control
// characters margin's loaders refuse. Form feeds (page breaks) are kept.
// It counts what it changed in c.
func normalize(s string, c *Counts) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	if !utf8.ValidString(s) {
		c.Controls++ // invalid bytes become U+FFFD in sanitize below
	}
	// A soft hyphen that ends a line is where the word was hyphenated.
	s = strings.ReplaceAll(s, "\u00ad\n", "\u2010\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\f':
			b.WriteRune(r)
		case ligatures[r] != "":
			b.WriteString(ligatures[r])
			c.Ligatures++
		case r == '\u00ad':
			c.SoftHyphens++
		case r == '\u00a0' || r == '\u2007' || r == '\u202f':
			b.WriteByte(' ')
		case r == '\t':
			b.WriteByte(' ')
		case r == '\ufeff' || r == '\u200b':
			// a byte-order mark or zero-width space: nothing to keep
		case sanitize.Forbidden(r):
			c.Controls++
		default:
			b.WriteRune(r)
		}
	}
	s = b.String()
	if n := strings.Count(s, `\`); n > 0 {
		t := escapes.Replace(s)
		c.Escapes += len(s) - len(t)
		s = t
	}
	// sanitize also drops numeric references to control characters.
	// Form feeds stand aside as a private-use character meanwhile.
	marked := strings.ReplaceAll(s, "\f", pageMark)
	if t := sanitize.String(marked); t != marked {
		c.Controls++
		marked = t
	}
	return strings.ReplaceAll(marked, pageMark, "\f")
}
