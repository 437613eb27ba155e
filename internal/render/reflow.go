package render

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// reflow breaks every line of glamour's output that is wider than width,
// never at a no-break space (see nbsp).
// glamour is asked not to wrap (its wrapper, muesli/reflow, writes and pads
// every line rune by rune, which made it most of the cost of a short
// command, and it breaks URLs at their dots); each paragraph therefore comes
// out as one line, which reflow wraps with x/ansi. Continuation lines hang
// under the text of a list item and repeat a block quote's bar. A style
// running across a break is closed at the end of the line and opened again
// after the indentation, so the indentation is never underlined or shaded.
//
// Unless fit is set, a URL is never broken: it stays whole on a line of its
// own, however long, so that it can be copied and clicked. With fit set, as a
// full-screen view needs, every line fits, URLs included.
func reflow(s string, width int, fit bool) string {
	if width < 1 {
		return s
	}
	lines := strings.Split(s, "\n")
	hangItems(lines)
	for i, l := range lines {
		// Measuring a line costs about as much as wrapping it, and a line
		// of plain text that fits comes out of reflowLine as it went in.
		if len(l) > width && (strings.IndexByte(l, '\x1b') < 0 || ansi.StringWidth(l) > width) && !(isPlainHeading(l) && !fit) {
			lines[i] = reflowLine(l, width, fit)
		}
	}
	return strings.ReplaceAll(strings.Join(lines, "\n"), nbsp, " ")
}

// isPlainHeading reports whether l is a heading of plain output ("## 2.1
// …"): it stays on one line whatever the width, as Markdown needs.
func isPlainHeading(l string) bool {
	h := strings.TrimLeft(l, "#")
	return len(h) < len(l) && len(l)-len(h) <= 6 && strings.HasPrefix(h, " ") && strings.IndexByte(l, '\x1b') < 0
}

// nbsp, the no-break space, holds words together: x/ansi never breaks a
// line at one. reflow then prints it as a space, which is what a terminal
// shows anyway and what a search of the output expects.
const nbsp = "\u00a0"

// hangItems indents the lines that continue a list item's text under that
// text. glamour starts them under the item's bullet instead: a line break
// inside an item, as between a source and the note on it, or between a
// fact-check note's verdict and its claim, would otherwise leave the rest
// of the item at the bullet's margin. A continuation is a line right after
// an item, or after another continuation, that is indented as the bullet
// is and is neither blank, nor an item, nor quoted.
func hangItems(lines []string) {
	indent, marker := -1, 0 // the open item's indentation and the width of its marker
	for i, l := range lines {
		// Only the indentation and the first few characters matter, and
		// glamour's escapes before them are short.
		text := l[:min(len(l), 256)]
		if strings.IndexByte(text, '\x1b') >= 0 {
			text = ansi.Strip(text)
		}
		rest := strings.TrimLeft(text, " ")
		lead := len(text) - len(rest)
		head := []rune(rest[:min(len(rest), 8*utf8.UTFMax)])
		switch m := listMarker(head); {
		case m > 0:
			indent, marker = lead, m
		case rest == "" || lead != indent || strings.ContainsRune("│┃|", head[0]):
			indent = -1
		default:
			lines[i] = strings.Repeat(" ", marker) + l
		}
	}
}

// wider reports whether s takes more than width columns. No character is
// wider than its UTF-8 encoding is long, so a short line needs no measuring.
func wider(s string, width int) bool {
	return len(s) > width && ansi.StringWidth(s) > width
}

// reflowLine wraps a line to width.
func reflowLine(l string, width int, fit bool) string {
	styled := strings.IndexByte(l, '\x1b') >= 0
	text := l
	if styled {
		text = ansi.Strip(l)
	}
	hang, cont := hanging(text)
	if hang > width/2 {
		hang, cont = 0, ""
	}
	if cont == "" {
		cont = strings.Repeat(" ", hang)
	}
	var head, body string
	if !styled {
		n := prefixBytes(l, hang)
		head, body = l[:n], l[n:]
	} else {
		head, body = ansi.Truncate(l, hang, ""), ansi.TruncateLeft(l, hang, "")
	}
	var wrapped string
	if fit {
		// Wrap breaks words too long for the line; hardwrap catches the
		// few it leaves too wide ("-00" at two columns).
		wrapped = hardwrap(strings.ReplaceAll(ansi.Wrap(loosen(keepWhole(body), width-hang), width-hang, ""), nbHyphen, "-"), width-hang, true)
	} else {
		wrapped = wrap(body, width-hang)
	}
	parts := strings.Split(wrapped, "\n")
	var b strings.Builder
	b.WriteString(head)
	active := ""
	for i, p := range parts {
		if i > 0 {
			if active != "" {
				b.WriteString("\x1b[0m")
			}
			b.WriteString("\n" + cont + active)
		}
		if i < len(parts)-1 {
			p = trimSpaceRight(p)
		}
		b.WriteString(p)
		active = activeSGR(active, p)
	}
	return b.String()
}

// prefixBytes returns the length in bytes of the first cols columns of s,
// which holds no escape sequence and, in those columns, only characters one
// column wide (spaces, list markers and quote bars).
func prefixBytes(s string, cols int) int {
	n := 0
	for i := range s {
		if n == cols {
			return i
		}
		n++
	}
	return len(s)
}

// trimSpaceRight removes the spaces at the end of s, including those
// followed only by SGR sequences, which a break at a style change leaves.
func trimSpaceRight(s string) string {
	end := len(s)
	for end > 0 {
		switch {
		case s[end-1] == ' ':
			s = s[:end-1] + s[end:]
			end--
		case s[end-1] == 'm' && sgrStart(s[:end]) >= 0:
			end = sgrStart(s[:end])
		default:
			return s
		}
	}
	return s
}

// sgrStart returns where the SGR sequence that s ends with begins, or -1.
func sgrStart(s string) int {
	i := strings.LastIndex(s, "\x1b[")
	if i < 0 || strings.Trim(s[i+2:len(s)-1], "0123456789;:") != "" {
		return -1
	}
	return i
}

// hanging returns how many columns a wrapped line's continuation lines are
// indented (the leading spaces, then a list marker or quote bars after
// them), and, when the indentation holds quote bars, the text to repeat on
// each continuation line.
func hanging(plain string) (int, string) {
	rs := []rune(plain)
	i, bars := 0, false
	for ; i < len(rs); i++ {
		if rs[i] == '│' || rs[i] == '┃' || rs[i] == '|' {
			bars = true
		} else if rs[i] != ' ' {
			break
		}
	}
	if !bars {
		i += listMarker(rs[i:])
	}
	if i >= len(rs) {
		return 0, ""
	}
	w := ansi.StringWidth(string(rs[:i]))
	if bars {
		return w, string(rs[:i])
	}
	return w, ""
}

// listMarker returns the length in runes of the list marker rs starts with
// ("• ", "- ", "12. ", or "**12.** " as plain output shows a strong
// number), or 0.
func listMarker(rs []rune) int {
	if len(rs) >= 2 && (rs[0] == '•' || rs[0] == '-' || rs[0] == '*') && rs[1] == ' ' {
		return 2
	}
	strong := 0
	if len(rs) > 2 && rs[0] == '*' && rs[1] == '*' {
		strong = 2
	}
	n := strong
	for n < len(rs) && n-strong < 4 && rs[n] >= '0' && rs[n] <= '9' {
		n++
	}
	if n == strong || n >= len(rs) || rs[n] != '.' {
		return 0
	}
	n++
	if strong > 0 {
		if n+1 >= len(rs) || rs[n] != '*' || rs[n+1] != '*' {
			return 0
		}
		n += 2
	}
	if n < len(rs) && rs[n] == ' ' {
		return n + 1
	}
	return 0
}

// activeSGR returns the Select Graphic Rendition sequences in force after s,
// given those in force before it: every SGR sequence since the last reset.
func activeSGR(active, s string) string {
	for {
		i := strings.Index(s, "\x1b[")
		if i < 0 {
			return active
		}
		s = s[i+2:]
		j := strings.IndexFunc(s, func(r rune) bool { return r < '0' && r != ';' && r != ':' || r > '9' && r != ';' && r != ':' })
		if j < 0 {
			return active
		}
		if s[j] == 'm' {
			if params := s[:j]; params == "" || params == "0" {
				active = ""
			} else {
				active += "\x1b[" + params + "m"
			}
		}
		s = s[j+1:]
	}
}

// wrap breaks s between words to fit width columns, and inside a word only
// when the word alone is wider than that and is not a URL (see hardwrap).
// Hyphenated words stay whole (see keepWhole).
func wrap(s string, width int) string {
	s = hardwrap(ansi.Wordwrap(loosen(keepWhole(s), width), width, ""), width, false)
	return strings.ReplaceAll(s, nbHyphen, "-")
}

// loosen lets a word that keepWhole or a no-break space holds together
// break where it reads best when it is wider than the line: first at its
// no-break spaces (between a word and its marker, then inside the marker),
// then after its hyphens. Only then does the wrapper cut it, and whatever
// punctuation ends it stays with its last part. URLs are left whole.
func loosen(s string, width int) string {
	if !strings.Contains(s, nbsp) && !strings.Contains(s, nbHyphen) {
		return s
	}
	words := strings.Split(s, " ")
	for i, w := range words {
		if !wider(w, width) || strings.Contains(w, "://") {
			continue
		}
		parts := strings.SplitN(w, nbsp, 2)
		for k, p := range parts {
			if wider(p, width) {
				p = strings.ReplaceAll(p, nbsp, " ")
			}
			if wider(p, width) {
				p = strings.ReplaceAll(p, nbHyphen, "-")
			}
			parts[k] = p
		}
		words[i] = strings.Join(parts, " ")
	}
	return strings.Join(words, " ")
}

// nbHyphen stands in for hyphens while x/ansi wraps text (see keepWhole).
const nbHyphen = "\u2011"

// urlPattern matches a URL in text.
var urlPattern = regexp.MustCompile(`https?://[^\s<>()\[\]` + "`" + `"]+`)

// keepWhole turns the hyphens inside URLs and between two letters or digits
// into nbHyphen, after which x/ansi's word wrapping, which breaks words after
// hyphens, keeps them whole: a URL broken at a hyphen can be neither copied
// nor clicked, and the author's compounds ("self-sustaining") read better
// whole. It keeps rune offsets; wrap turns them back.
func keepWhole(s string) string {
	if !strings.Contains(s, "-") {
		return s
	}
	if strings.Contains(s, "://") {
		s = urlPattern.ReplaceAllStringFunc(s, func(u string) string { return strings.ReplaceAll(u, "-", nbHyphen) })
	}
	var b strings.Builder
	last := 0
	for i := strings.IndexByte(s, '-'); i >= 0; {
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+1:])
		if isAlnum(before) && isAlnum(after) {
			b.WriteString(s[last:i])
			b.WriteString(nbHyphen)
			last = i + 1
		}
		next := strings.IndexByte(s[i+1:], '-')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// hardwrap breaks lines wider than width where the terminal would, except,
// unless urls is set, lines holding a URL: a URL broken across lines can be
// neither copied nor clicked, and a terminal shows a long line anyway.
func hardwrap(s string, width int, urls bool) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if wider(l, width) && (urls || !strings.Contains(l, "://")) {
			lines[i] = ansi.Hardwrap(l, width, true)
		}
	}
	return strings.Join(lines, "\n")
}
