package cli

import (
	"html"
	"io"
	"strings"

	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/sanitize"
)

// ankiHeaders are the file headers Anki (2.1.55 and later) reads at the top
// of a text import: the separator, whether fields hold HTML, the note type
// and deck, which column holds each note's GUID (so that importing the file
// again updates the cards instead of duplicating them) and which its tags.
func ankiHeaders(rd *reading.Reading) []string {
	return []string{
		"#separator:tab",
		"#html:true",
		"#notetype:Basic",
		"#deck:margin::" + ankiLine(rd.Meta.Title),
		"#guid column:1",
		"#tags column:4",
		"#columns:GUID\tFront\tBack\tTags",
	}
}

// ankiGUID is the stable id of an entry's card: the reading's id and the
// entry's id, which never change when the entry's text does.
func ankiGUID(rd *reading.Reading, e *reading.Entry) string {
	return "margin-" + rd.Meta.ID + "-" + e.ID
}

// writeAnki writes the glossary as an Anki import file: one Basic note per
// entry, front the term, back the definition and the other labels. The file
// holds no control character, nor a reference to one (see package
// sanitize).
func writeAnki(w io.Writer, rd *reading.Reading, entries []*reading.Entry) error {
	var bw strings.Builder
	for _, h := range ankiHeaders(rd) {
		bw.WriteString(h + "\n")
	}
	for _, e := range entries {
		back := ankiHTML(e.Definition)
		if len(e.Alt) > 0 {
			back += "<br><br><i>Also:</i> " + html.EscapeString(ankiLine(strings.Join(e.Alt, " · ")))
		}
		tags := []string{"margin", rd.Meta.ID}
		if e.Contested {
			tags = append(tags, "contested")
		}
		fields := []string{ankiGUID(rd, e), html.EscapeString(ankiLine(e.Term)), back, strings.Join(tags, " ")}
		for i, f := range fields {
			fields[i] = ankiField(f)
		}
		bw.WriteString(strings.Join(fields, "\t") + "\n")
	}
	_, err := io.WriteString(w, sanitize.String(bw.String()))
	return err
}

// ankiLine folds white space (tabs and newlines included) to single spaces,
// and removes control characters and references to them: Anki reads the
// fields as HTML, which would decode &#27; into ESC.
func ankiLine(s string) string { return strings.Join(strings.Fields(sanitize.Line(s)), " ") }

// ankiHTML escapes text for an HTML field and turns *emphasis* into <i>; an
// unpaired star stays a star.
func ankiHTML(s string) string {
	parts := strings.Split(ankiLine(s), "*")
	stars := len(parts) - 1
	paired := stars - stars%2
	var b strings.Builder
	for i, p := range parts {
		b.WriteString(html.EscapeString(p))
		switch {
		case i >= stars:
		case i >= paired:
			b.WriteString("*")
		case i%2 == 0:
			b.WriteString("<i>")
		default:
			b.WriteString("</i>")
		}
	}
	return b.String()
}

// ankiField quotes a field that holds the separator, a quote or a line
// break, doubling its quotes, as Anki's CSV reader expects.
func ankiField(s string) string {
	if strings.ContainsAny(s, "\t\"\n\r") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}
