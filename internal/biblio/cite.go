package biblio

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/reading"
)

// Styles lists the citation styles Cite knows.
var Styles = []string{"chicago", "apa"}

// Citation is the paper's own citation in one style. Text is Markdown: the
// journal's name, or a book's title, is in *emphasis*; nothing else is
// marked up.
type Citation struct {
	Style string // "chicago" or "apa"
	Name  string // "Chicago (notes and bibliography)"
	Text  string
}

// Cite formats the paper's citation from its metadata. Volume, issue and
// pages are never given: the metadata has none. When the venue is uncertain
// (m.VenueNote is set) the citation is still given with it, and callers
// should show the note beside it. proper reports whether a title word is a
// proper noun, for APA's sentence case; nil keeps every capital.
func Cite(m reading.Meta, style string, proper func(word string) bool) (Citation, error) {
	switch style {
	case "chicago":
		return Citation{Style: style, Name: "Chicago (notes and bibliography)", Text: chicago(m)}, nil
	case "apa":
		return Citation{Style: style, Name: "APA (7th edition)", Text: apa(m, proper)}, nil
	}
	return Citation{}, fmt.Errorf("unknown citation style %q (styles: %s)", style, strings.Join(Styles, ", "))
}

func chicago(m reading.Meta) string {
	var b strings.Builder
	if n := SplitName(m.Author); n.Literal == "" {
		fmt.Fprintf(&b, "%s, %s. ", n.Family, n.Given)
	} else if m.Author != "" {
		fmt.Fprintf(&b, "%s. ", n.Literal)
	}
	title := strings.TrimSuffix(m.FullTitle(), ".")
	switch {
	case m.IsBook():
		// Family, Given. *Title*. Publisher, Year.
		fmt.Fprintf(&b, "*%s*.", title)
		if place := strings.Join(nonEmpty(m.Venue, m.Year), ", "); place != "" {
			fmt.Fprintf(&b, " %s.", place)
		}
	case m.Venue != "":
		// Family, Given. “Title.” *Journal* (Year).
		fmt.Fprintf(&b, "“%s.” *%s*", title, m.Venue)
		if m.Year != "" {
			fmt.Fprintf(&b, " (%s)", m.Year)
		}
		b.WriteString(".")
	default:
		fmt.Fprintf(&b, "“%s.”", title)
		if m.Year != "" {
			fmt.Fprintf(&b, " %s.", m.Year)
		}
	}
	if m.URL != "" {
		fmt.Fprintf(&b, " %s.", m.URL)
	}
	return b.String()
}

// nonEmpty returns the strings that are not empty, in order.
func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func apa(m reading.Meta, proper func(string) bool) string {
	var b strings.Builder
	n := SplitName(m.Author)
	switch {
	case n.Literal != "":
		b.WriteString(n.Literal + ".")
	case m.Author != "":
		fmt.Fprintf(&b, "%s, %s", n.Family, initials(n.Given))
	}
	year := m.Year
	if year == "" {
		year = "n.d."
	}
	fmt.Fprintf(&b, " (%s). ", year)
	title := strings.TrimSuffix(SentenceCase(m.FullTitle(), proper), ".")
	switch {
	case m.IsBook():
		// A book: the title in italics, the publisher in roman.
		fmt.Fprintf(&b, "*%s*.", title)
		if m.Venue != "" {
			fmt.Fprintf(&b, " %s.", m.Venue)
		}
	case m.Venue != "":
		fmt.Fprintf(&b, "%s. *%s*.", title, m.Venue)
	default:
		fmt.Fprintf(&b, "%s.", title)
	}
	if m.URL != "" {
		fmt.Fprintf(&b, " %s", m.URL)
	}
	return b.String()
}

// initials turns given names into initials: "Anne S." → "A. S.".
func initials(given string) string {
	var out []string
	for _, w := range strings.Fields(given) {
		var parts []string
		for _, p := range strings.Split(w, "-") {
			if r, _ := utf8.DecodeRuneInString(p); r != utf8.RuneError {
				parts = append(parts, string(r)+".")
			}
		}
		out = append(out, strings.Join(parts, "-"))
	}
	return strings.Join(out, " ")
}

// SentenceCase lower-cases a title's words except the first word, the first
// word after a colon, words in capitals (acronyms) and the words proper
// reports as proper nouns.
func SentenceCase(title string, proper func(string) bool) string {
	if proper == nil {
		return title
	}
	words := strings.Split(title, " ")
	first := true
	for i, w := range words {
		if w == "" {
			continue
		}
		core := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if !first && core != "" && !isAllCaps(core) && !proper(core) {
			words[i] = strings.ToLower(w)
		}
		first = strings.HasSuffix(w, ":")
	}
	return strings.Join(words, " ")
}

func isAllCaps(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n > 1
}

// ProperNouns returns a test for proper nouns learnt from a reading's text:
// a word is proper when it is written with a capital in the middle of
// sentences more often than in lower case.
func ProperNouns(rd *reading.Reading) func(string) bool {
	upper, lower := map[string]int{}, map[string]int{}
	for _, s := range rd.Sections {
		for _, p := range s.Paragraphs {
			words := strings.Fields(p.Plain)
			for i, w := range words {
				core := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
				if core == "" {
					continue
				}
				key := strings.ToLower(core)
				r, _ := utf8.DecodeRuneInString(core)
				switch {
				case unicode.IsLower(r):
					lower[key]++
				case i > 0 && !strings.ContainsAny(words[i-1][len(words[i-1])-1:], ".?!:\"“"):
					upper[key]++
				}
			}
		}
	}
	return func(w string) bool {
		k := strings.ToLower(w)
		return upper[k] > lower[k]
	}
}
