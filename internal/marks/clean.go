package marks

import "github.com/margin-reader/margin/internal/sanitize"

// Clean removes the characters that could drive a terminal or disguise text,
// and keeps everything else exactly (accents, any script, emoji, newlines and
// tabs), by sanitize's rules, which every output of margin follows: it
// removes the C0 controls except newline and tab (so ESC, BEL and carriage
// return go), DEL, the C1 controls U+0080–U+009F (such as the one-character
// CSI U+009B), the Unicode bidirectional embeddings, overrides and isolates
// U+202A–U+202E and U+2066–U+2069, and numeric character references to any
// of those (&#27;), which a Markdown renderer would decode. Only the control
// characters of an escape sequence are removed: "\x1b[31m" becomes "[31m",
// harmless visible text. Bytes that are not valid UTF-8 become U+FFFD, so
// that removing a character can never make two stray bytes join into a
// control. Clean is idempotent.
func Clean(text string) string { return sanitize.String(text) }
