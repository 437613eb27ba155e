package render

import (
	"fmt"
	"strings"

	"github.com/margin-reader/margin/internal/reading"
)

// EntryPage is the Markdown of a glossary entry in full: its labels,
// definition and body, where the paper uses it, its related terms and its
// sources.
func EntryPage(rd *reading.Reading, e *reading.Entry) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", EscapeInline(e.Term))
	if len(e.Alt) > 0 {
		fmt.Fprintf(&b, "*Also:* %s\n\n", EscapeInline(strings.Join(e.Alt, " · ")))
	}
	fmt.Fprintf(&b, "**%s**\n\n", e.Definition)
	if e.Body != "" {
		b.WriteString(strings.ReplaceAll(e.Body, "\n## ", "\n### ") + "\n\n")
	}
	b.WriteString("### Where the paper uses it\n\n")
	if len(e.Uses) == 0 {
		b.WriteString("Not in the paper's text.\n")
	}
	for _, u := range e.Uses {
		s := rd.Section(u.Section)
		fmt.Fprintf(&b, "- %s: %s\n", s.Label(), times(u.Count))
	}
	b.WriteString("\n")
	if len(e.Related) > 0 {
		b.WriteString("### Related terms\n\n")
		for _, id := range e.Related {
			if r, ok := rd.Entry(id); ok {
				fmt.Fprintf(&b, "- **%s**: %s\n", EscapeInline(r.Term), r.Definition)
			}
		}
		b.WriteString("\n")
	}
	writeSources(&b, e.Sources)
	if e.Contested {
		b.WriteString("*A contested concept: the sources above take different sides.*\n")
	}
	return b.String()
}

func times(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}

func writeSources(b *strings.Builder, sources []reading.Source) {
	b.WriteString("### Sources\n\n")
	for i, s := range sources {
		fmt.Fprintf(b, "%d. %s\n", i+1, withLinks(s.String(), EscapeRun))
		if s.Note != "" {
			fmt.Fprintf(b, "   %s\n", withLinks(s.Note, emphasis))
		}
	}
	b.WriteString("\n")
}

// withLinks writes the URLs in s as autolinks ("<https://…>") and the text
// around them with text. An autolink needs no escaping, and glamour shows
// it whole: an escaped URL ("Ant\_Group") is a link only up to its first
// escape, and inside an emphasis, glamour's plain style puts asterisks
// around the URL itself. Runs of white space in s become one space.
func withLinks(s string, text func(string) string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	last := 0
	for _, m := range urlPattern.FindAllStringIndex(s, -1) {
		end := m[0] + len(strings.TrimRight(s[m[0]:m[1]], ".,;:!?")) // punctuation after a URL ends a sentence
		b.WriteString(text(s[last:m[0]]))
		b.WriteString("<" + s[m[0]:end] + ">")
		last = end
	}
	b.WriteString(text(s[last:]))
	return b.String()
}

// emphasis sets the words of s in emphasis, escaped, and leaves the spaces
// around them outside it, where Markdown needs them. Punctuation alone, such
// as the full stop after a URL, is not emphasised.
func emphasis(s string) string {
	t := strings.TrimSpace(s)
	if !strings.ContainsFunc(t, isAlnum) {
		return EscapeRun(s)
	}
	start := strings.Index(s, t)
	return s[:start] + "*" + EscapeRun(t) + "*" + s[start+len(t):]
}

// NotePage is the Markdown of a fact-check note in full: its verdict and
// claim, the passage it is anchored to, its summary and body, the paper's
// endnotes it concerns, its sources and its glossary terms.
func NotePage(rd *reading.Reading, n *reading.Note) string {
	var b strings.Builder
	s := rd.Section(n.Section)
	fmt.Fprintf(&b, "## %s %s: %s\n\n", n.Verdict.Glyph(), strings.ToUpper(n.Verdict.Label()), EscapeInline(n.Claim))
	fmt.Fprintf(&b, "*Section %s · note %s*\n\n", EscapeInline(s.Label()), n.ID)
	fmt.Fprintf(&b, "> %s\n\n", passage(s, n.Loc))
	fmt.Fprintf(&b, "**%s**\n\n", n.Summary)
	if n.Body != "" {
		b.WriteString(n.Body + "\n\n")
	}
	if len(n.Endnotes) > 0 {
		b.WriteString("### The paper's endnotes\n\n")
		for _, k := range n.Endnotes {
			e, _ := rd.Endnote(k)
			fmt.Fprintf(&b, "%s %s\n\n", Superscript(k), e.Display())
		}
	}
	writeSources(&b, n.Sources)
	var related []string
	for _, id := range n.Related {
		if e, ok := rd.Entry(id); ok {
			related = append(related, e.Term)
		}
	}
	if len(related) > 0 {
		fmt.Fprintf(&b, "*Glossary:* %s\n", EscapeInline(strings.Join(related, " · ")))
	}
	return b.String()
}

// passage is the sentence around a location, with the anchored words in bold.
func passage(s *reading.Section, loc reading.Location) string {
	if loc.Orphan() || loc.Para >= len(s.Paragraphs) {
		return "(the passage is no longer in the text)"
	}
	text := s.Paragraphs[loc.Para].Plain
	start := strings.LastIndex(text[:loc.Start], ". ")
	if start < 0 {
		start = 0
	} else {
		start += 2
	}
	end := strings.Index(text[loc.End:], ". ")
	if end < 0 {
		end = len(text)
	} else {
		end += loc.End + 1
	}
	pre, exact, post := text[start:loc.Start], text[loc.Start:loc.End], text[loc.End:end]
	// EscapeRun, not EscapeInline: the spaces either side of the bold words
	// must stay ("CCP to **create…track** of", never "CCP to**create").
	out := EscapeRun(pre) + "**" + EscapeRun(exact) + "**" + EscapeRun(post)
	if start > 0 {
		out = "… " + out
	}
	if end < len(text) {
		out += " …"
	}
	return out
}

// EndnotesPage is the Markdown of some of the paper's endnotes, exactly as
// printed, each with the sections that cite it; margin endnotes prints it
// and the reader's endnote pop-up shows it.
func EndnotesPage(rd *reading.Reading, notes []reading.Endnote) string {
	var b strings.Builder
	b.WriteString("## Endnotes\n\n")
	for _, e := range notes {
		fmt.Fprintf(&b, "**%d.** %s", e.N, e.Display())
		if cited := rd.CitedIn(e.N); len(cited) > 0 {
			fmt.Fprintf(&b, "\ncited in section %s", strings.Join(cited, ", "))
		}
		b.WriteString("\n\n")
	}
	return b.String()
}
