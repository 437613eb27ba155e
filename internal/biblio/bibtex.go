package biblio

import (
	"fmt"
	"io"
	"strings"

	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/sanitize"
)

// bibtexTypes maps the endnotes' types to BibTeX entry types.
var bibtexTypes = map[string]string{
	"article": "article",
	"news":    "article",
	"chapter": "incollection",
	"book":    "book",
	"report":  "techreport",
	"webpage": "misc",
}

var monthMacros = []string{"", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// bibtexEscaper escapes the characters TeX treats specially. Letters outside
// ASCII are kept as UTF-8, which BibTeX 0.99d with inputenc and biber read.
var bibtexEscaper = strings.NewReplacer(
	`\`, `\textbackslash{}`, "{", `\{`, "}", `\}`, "&", `\&`, "%", `\%`, "$", `\$`,
	"#", `\#`, "_", `\_`, "~", `\textasciitilde{}`, "^", `\textasciicircum{}`,
)

// EscapeBibTeX escapes text for a BibTeX field value written in braces,
// removing control characters (see package sanitize).
func EscapeBibTeX(s string) string {
	return bibtexEscaper.Replace(strings.Join(strings.Fields(sanitize.Line(s)), " "))
}

// escapeURL keeps a URL as it is (the url and hyperref packages read it
// verbatim) except for the characters that would end or break the field.
func escapeURL(s string) string {
	return strings.NewReplacer("{", "%7B", "}", "%7D", `\`, "%5C", " ", "%20").Replace(sanitize.Line(s))
}

// bibName formats a name as BibTeX reads it: "Family, Given", or a literal
// (an organisation) in an extra pair of braces so it is never split.
func bibName(n Name) string {
	if n.Literal != "" {
		return "{" + EscapeBibTeX(n.Literal) + "}"
	}
	return EscapeBibTeX(n.Family) + ", " + EscapeBibTeX(n.Given)
}

type field struct{ name, value string }

// BibTeX returns the BibTeX entry of one endnote; ok is false when the note
// has no entry of its own (see Skip).
func BibTeX(e reading.Endnote) (string, bool) {
	if Skip(e) != "" {
		return "", false
	}
	typ := bibtexTypes[e.Type]
	if typ == "" {
		typ = "misc"
	}
	var fs []field
	add := func(name, value string) {
		if strings.TrimSpace(value) != "" {
			fs = append(fs, field{name, "{" + EscapeBibTeX(value) + "}"})
		}
	}
	if len(e.Authors) > 0 {
		var names []string
		for _, a := range e.Authors {
			names = append(names, bibName(SplitName(a)))
		}
		fs = append(fs, field{"author", "{" + strings.Join(names, " and ") + "}"})
	}
	add("title", e.Title)
	switch typ {
	case "article":
		add("journal", e.Container)
	case "incollection":
		add("booktitle", e.Container)
	case "techreport":
		add("type", e.Container)
	default:
		add("howpublished", e.Container)
	}
	add("volume", e.Volume)
	add("number", e.Issue)
	add("pages", e.Pages)
	if typ == "techreport" {
		add("institution", e.Publisher)
	} else {
		add("publisher", e.Publisher)
	}
	add("address", e.Place)
	if d, ok := ParseDate(e.Date); ok {
		add("year", fmt.Sprint(d.Year))
		if d.Month > 0 {
			fs = append(fs, field{"month", monthMacros[d.Month]})
		}
		if d.Day > 0 {
			add("day", fmt.Sprint(d.Day))
		}
	} else {
		add("date", e.Date)
	}
	if e.URL != "" {
		fs = append(fs, field{"url", "{" + escapeURL(e.URL) + "}"})
	}
	if d, ok := ParseDate(e.Accessed); ok {
		add("urldate", d.ISO())
	} else {
		add("note", prefixed("Accessed ", e.Accessed))
	}
	if e.Truncated {
		add("note", fmt.Sprintf("Endnote %d is cut off in the source; the title is incomplete", e.N))
	}
	return bibtexEntry(typ, Key(e.N), fs), true
}

// bibtexEntry writes one BibTeX entry: its type, its key and its fields.
func bibtexEntry(typ, key string, fs []field) string {
	var b strings.Builder
	fmt.Fprintf(&b, "@%s{%s,\n", typ, key)
	for i, f := range fs {
		fmt.Fprintf(&b, "  %s = %s", f.name, f.value)
		if i < len(fs)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("}\n")
	return b.String()
}

func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

// WriteBibTeX writes the entries of the given endnotes, each note without an
// entry of its own explained in a comment line. Nothing in it is a control
// character (see package sanitize).
func WriteBibTeX(w io.Writer, notes []reading.Endnote, source string) error {
	var bw strings.Builder
	if source != "" {
		fmt.Fprintf(&bw, "%% References in the endnotes of %s\n", strings.Join(strings.Fields(source), " "))
		fmt.Fprintf(&bw, "%% Only what the printed notes give; empty fields were not printed.\n\n")
	}
	for _, e := range notes {
		if why := Skip(e); why != "" {
			if e.RefersTo > 0 {
				fmt.Fprintf(&bw, "%% endnote %d: %s (%s)\n\n", e.N, why, Key(e.RefersTo))
			} else {
				fmt.Fprintf(&bw, "%% endnote %d: %s\n\n", e.N, why)
			}
			continue
		}
		entry, _ := BibTeX(e)
		bw.WriteString(entry)
		bw.WriteString("\n")
	}
	_, err := io.WriteString(w, sanitize.String(bw.String()))
	return err
}
