package render

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/margin-reader/margin/internal/marks"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/search"
)

// Show says which annotations a section carries.
type Show struct {
	Endnotes bool // the endnotes cited, listed under the section
	Terms    bool // glossary terms marked at first use, defined under the section
	Notes    bool // fact-check markers in the text, listed under the section
	Prep     bool // summary and discussion questions
	Marks    []UserMark
	// Reader composes the section for the interactive reader: the lists
	// under it carry no command-line hints (the reader opens notes and terms
	// itself), the first subsection of a part with no text of its own starts
	// with the part's heading (the reader never shows an empty part on its
	// own), and the last line says which section ] opens next.
	Reader bool
}

// UserMark is a personal note placed in the text. An orphan is a note whose
// quoted words are no longer found in the reading: it is listed under the
// section with its quote, and marks nothing in the text. A note found in
// another section than the one it was made on (Moved names it) marks
// nothing in its own section's text either; one found approximately
// (Loc.Fit is reading.FitApprox) marks the text it was found at.
type UserMark struct {
	ID      string
	Loc     reading.Location
	Text    string
	Quote   string
	Creator string // whose note it is; empty for the reader's own
	Orphan  bool
	Moved   string // the section the note's words are now in, when not its own
}

// InText reports whether the note marks words of its own section's text.
func (m UserMark) InText() bool { return !m.Orphan && m.Moved == "" }

// PlaceMark anchors a personal note in the reading's text: in its section
// first, then, if the words are no longer there, in the whole reading (see
// reading.Reading.Locate). A note whose words are nowhere comes back as an
// orphan, to be listed with its quote, never dropped.
func PlaceMark(rd *reading.Reading, m marks.Mark) UserMark {
	um := UserMark{ID: m.ID, Text: m.Text, Quote: m.Quote, Creator: m.Creator}
	if s := rd.Section(m.Section); s != nil && m.TextHash != "" && m.Position > 0 && m.TextHash == s.TextHash() {
		// The text has not changed since the note was made: its words are
		// where they were.
		if loc, ok := s.At(m.Position, m.Quote); ok {
			um.Loc = loc
			return um
		}
	}
	loc, err := rd.Locate(m.Section, MarkAnchor(m))
	switch {
	case err != nil || loc.Orphan():
		um.Orphan = true
		um.Loc = reading.Location{Section: m.Section, Para: -1, Fit: reading.FitOrphan}
	case loc.Section != m.Section:
		um.Moved = loc.Section
		um.Loc = loc
	default:
		um.Loc = loc
	}
	return um
}

// Homeless returns the notes of ms whose section the reading does not have
// (a section since removed, or none: a note imported whose words were
// nowhere). They are listed with the reading's first section, so that no
// note is ever out of sight.
func Homeless(rd *reading.Reading, ms []marks.Mark) []marks.Mark {
	var out []marks.Mark
	for _, m := range ms {
		if rd.Section(m.Section) == nil {
			out = append(out, m)
		}
	}
	return out
}

// MarkAnchor is a personal note's anchor: its quote, prefix and suffix (a
// W3C TextQuoteSelector) and its position hint.
func MarkAnchor(m marks.Mark) reading.Anchor {
	return reading.Anchor{Exact: m.Quote, Prefix: m.Prefix, Suffix: m.Suffix, Position: m.Position}
}

// insertion is text to put into a paragraph's Markdown at a byte offset.
type insertion struct {
	at    int
	text  string
	order int // at one offset, lower orders come first
}

// Insertion orders at one offset: a term's closing mark, then markers, then
// a term's opening mark.
const (
	orderClose = iota
	orderMarker
	orderOpen
)

var superDigits = []rune("⁰¹²³⁴⁵⁶⁷⁸⁹")

// Superscript writes n in superscript digits: 23 → ²³.
func Superscript(n int) string {
	var b strings.Builder
	for _, c := range strconv.Itoa(n) {
		b.WriteRune(superDigits[c-'0'])
	}
	return b.String()
}

// NoteMarker is the marker a fact-check note leaves in the text: a glyph on
// a terminal, a word in plain text. Its words are held together by no-break
// spaces (see nbsp).
func NoteMarker(i int, v reading.Verdict, plain bool) string {
	if plain {
		return fmt.Sprintf("[N%d:%s%s]", i, nbsp, strings.ReplaceAll(v.Label(), " ", nbsp))
	}
	return fmt.Sprintf("`N%d%s%s`", i, nbsp, v.Glyph())
}

// MarkMarker is the marker a personal note leaves in the text, its words
// held together like a note's: in plain text "[my note 3]" for the
// reader's own, "[note 3]" for one by someone else (creator), whose name
// follows the note where it is listed.
func MarkMarker(id, creator string, plain bool) string {
	if plain {
		if creator != "" {
			return "[note" + nbsp + id + "]"
		}
		return "[my" + nbsp + "note" + nbsp + id + "]"
	}
	return "`✎" + nbsp + id + "`"
}

// termMark wraps the first use of a glossary term.
func termMark(plain bool) (open, close string) {
	if plain {
		return "", "°"
	}
	return "**", "**"
}

// Section composes the Markdown of one section with its annotations.
func Section(rd *reading.Reading, s *reading.Section, show Show, plain bool) (string, error) {
	var b strings.Builder
	if part := EmptyPart(rd, s); show.Reader && part != nil {
		writeHeading(&b, part)
	}
	writeHeading(&b, s)
	notes, terms, err := annotations(rd, s, show)
	if err != nil {
		return "", err
	}
	for i, p := range s.Paragraphs {
		b.WriteString(paragraph(p, i, notes, terms, show.Marks, plain))
		b.WriteString("\n\n")
	}
	if show.Endnotes {
		writeEndnotes(&b, rd, s.Refs())
	}
	if show.Notes {
		writeNotes(&b, notes, plain, !show.Reader)
	}
	if show.Terms {
		writeTerms(&b, terms, plain, !show.Reader)
	}
	writeMarks(&b, show.Marks, plain)
	if show.Prep {
		if err := writePrep(&b, rd, s.Number); err != nil {
			return "", err
		}
	}
	if show.Reader {
		writeNext(&b, rd, s)
	}
	return b.String(), nil
}

func writeHeading(b *strings.Builder, s *reading.Section) {
	fmt.Fprintf(b, "%s %s %s\n\n", strings.Repeat("#", 2+s.Depth()), s.Number, EscapeInline(s.Title))
}

// EmptyPart returns the part s is the first subsection of, when that part
// has no text of its own (the paper's parts 2 and 3), or nil.
func EmptyPart(rd *reading.Reading, s *reading.Section) *reading.Section {
	i := strings.LastIndexByte(s.Number, '.')
	if i < 0 {
		return nil
	}
	part := rd.Section(s.Number[:i])
	if part == nil || len(part.Paragraphs) > 0 {
		return nil
	}
	if sub := rd.Part(part); len(sub) > 1 && sub[1] == s {
		return part
	}
	return nil
}

// writeNext ends a section in the reader with what comes after it.
func writeNext(b *strings.Builder, rd *reading.Reading, s *reading.Section) {
	next := after(rd, s)
	for next != nil && len(next.Paragraphs) == 0 && after(rd, next) != nil {
		next = after(rd, next) // an empty part opens at its first subsection
	}
	if next == nil {
		b.WriteString("*The end of the paper.* `[` goes back a section, `t` opens the contents.\n")
		return
	}
	fmt.Fprintf(b, "`]` next: %s %s\n", next.Number, EscapeInline(next.Title))
}

// after returns the section that follows s, or nil.
func after(rd *reading.Reading, s *reading.Section) *reading.Section {
	for i, t := range rd.Sections {
		if t == s && i+1 < len(rd.Sections) {
			return rd.Sections[i+1]
		}
	}
	return nil
}

// TermUse is a glossary term marked in a section: the first place the
// section uses it.
type TermUse struct {
	Entry *reading.Entry
	Loc   reading.Location
}

func annotations(rd *reading.Reading, s *reading.Section, show Show) ([]*reading.Note, []TermUse, error) {
	var notes []*reading.Note
	var err error
	if show.Notes {
		if notes, err = rd.NotesIn(s.Number); err != nil {
			return nil, nil, err
		}
	}
	var terms []TermUse
	if show.Terms {
		if terms, err = SectionTerms(rd, s.Number); err != nil {
			return nil, nil, err
		}
	}
	return notes, terms, nil
}

// SectionTerms picks, for each glossary term the section uses, its first
// use; where two first uses overlap, the longer one is marked. They come in
// reading order. margin read and the interactive reader mark the same ones.
func SectionTerms(rd *reading.Reading, number string) ([]TermUse, error) {
	in, err := rd.UsesIn(number)
	if err != nil {
		return nil, err
	}
	uses := make([]TermUse, 0, len(in))
	for _, u := range in {
		uses = append(uses, TermUse{u.Entry, u.Use.First})
	}
	sort.SliceStable(uses, func(i, j int) bool {
		li, lj := uses[i].Loc.End-uses[i].Loc.Start, uses[j].Loc.End-uses[j].Loc.Start
		return li > lj
	})
	var kept []TermUse
	for _, u := range uses {
		if !overlapsAny(u.Loc, kept) {
			kept = append(kept, u)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool {
		a, b := kept[i].Loc, kept[j].Loc
		return a.Para < b.Para || a.Para == b.Para && a.Start < b.Start
	})
	return kept, nil
}

func overlapsAny(l reading.Location, kept []TermUse) bool {
	for _, k := range kept {
		if k.Loc.Para == l.Para && l.Start < k.Loc.End && k.Loc.Start < l.End {
			return true
		}
	}
	return false
}

// paragraph renders one paragraph's Markdown with term marks, note and mark
// markers inserted and endnote references as superscripts.
func paragraph(p reading.Paragraph, idx int, notes []*reading.Note, terms []TermUse, marks []UserMark, plain bool) string {
	var ins []insertion
	open, close := termMark(plain)
	for _, t := range terms {
		if t.Loc.Para == idx {
			ins = append(ins, insertion{p.MarkdownStart(t.Loc.Start), open, orderOpen}, insertion{p.MarkdownOffset(t.Loc.End), close, orderClose})
		}
	}
	for i, n := range notes {
		if n.Loc.Para == idx {
			ins = append(ins, insertion{p.MarkdownOffset(n.Loc.End), nbsp + NoteMarker(i+1, n.Verdict, plain), orderMarker})
		}
	}
	for _, m := range marks {
		if m.InText() && m.Loc.Para == idx {
			ins = append(ins, insertion{p.MarkdownOffset(m.Loc.End), nbsp + MarkMarker(m.ID, m.Creator, plain), orderMarker})
		}
	}
	md := applyInsertions(p.Markdown, ins)
	return refToSuperscript(md)
}

func applyInsertions(md string, ins []insertion) string {
	sort.SliceStable(ins, func(i, j int) bool {
		if ins[i].at != ins[j].at {
			return ins[i].at < ins[j].at
		}
		return ins[i].order < ins[j].order
	})
	var b strings.Builder
	last := 0
	for _, in := range ins {
		at := min(max(in.at, last), len(md))
		b.WriteString(md[last:at])
		b.WriteString(in.text)
		last = at
	}
	b.WriteString(md[last:])
	return b.String()
}

// refToSuperscript replaces [^N] with superscript digits.
func refToSuperscript(md string) string {
	var b strings.Builder
	for {
		i := strings.Index(md, "[^")
		if i < 0 {
			b.WriteString(md)
			return b.String()
		}
		j := strings.IndexByte(md[i:], ']')
		n, err := strconv.Atoi(md[i+2 : i+max(j, 2)])
		if j < 0 || err != nil {
			b.WriteString(md[:i+2])
			md = md[i+2:]
			continue
		}
		b.WriteString(md[:i])
		b.WriteString(Superscript(n))
		md = md[i+j+1:]
	}
}

func writeEndnotes(b *strings.Builder, rd *reading.Reading, refs []int) {
	if len(refs) == 0 {
		return
	}
	b.WriteString("**Endnotes**\n\n")
	for _, n := range refs {
		e, ok := rd.Endnote(n)
		text := "(no such endnote in the source)"
		if ok {
			text = e.Display()
		}
		fmt.Fprintf(b, "%s %s\n\n", Superscript(n), text)
	}
}

func writeNotes(b *strings.Builder, notes []*reading.Note, plain, hints bool) {
	if len(notes) == 0 {
		return
	}
	b.WriteString("**Fact-check notes**\n\n")
	for i, n := range notes {
		if plain {
			fmt.Fprintf(b, "%s %s\n", NoteMarker(i+1, n.Verdict, plain), EscapeInline(n.Claim))
		} else {
			fmt.Fprintf(b, "%s **%s** — %s\n", NoteMarker(i+1, n.Verdict, plain), n.Verdict.Label(), EscapeInline(n.Claim))
		}
		if n.Loc.Orphan() {
			// No marker stands in the text for a note whose passage is gone.
			fmt.Fprintf(b, "*Its passage is no longer in the text:* “%s”\n", EscapeInline(n.Anchor.Exact))
		}
		fmt.Fprintf(b, "*Evidence:* %s\n", Summarize(n.Summary, summaryRunes))
		if hints {
			fmt.Fprintf(b, "→ `margin notes %s`\n", n.ID)
		}
		b.WriteString("\n")
	}
}

func writeTerms(b *strings.Builder, terms []TermUse, plain, hints bool) {
	if len(terms) == 0 {
		return
	}
	if plain {
		b.WriteString("**Terms** (° marks a glossary term at its first use)\n\n")
	} else {
		b.WriteString("**Terms** (in bold at their first use)\n\n")
	}
	for _, t := range terms {
		fmt.Fprintf(b, "- **%s**: %s\n", EscapeInline(t.Entry.Term), t.Entry.Definition)
	}
	if hints {
		b.WriteString("\n→ `margin glossary TERM` for the full entry\n")
	}
	b.WriteString("\n")
}

func writeMarks(b *strings.Builder, marks []UserMark, plain bool) {
	if len(marks) == 0 {
		return
	}
	heading := "Your notes"
	for _, m := range marks {
		if m.Creator != "" {
			heading = "Personal notes" // the class's too, each with whose it is
		}
	}
	fmt.Fprintf(b, "**%s**\n\n", heading)
	for _, m := range marks {
		by := ""
		if m.Creator != "" {
			by = " — " + EscapeInline(m.Creator)
		}
		switch {
		case m.Orphan:
			fmt.Fprintf(b, "%s (no longer anchored: “%s” is not found in the text)%s\n%s\n\n", MarkMarker(m.ID, m.Creator, plain), EscapeInline(m.Quote), by, EscapeText(m.Text))
		case m.Moved != "":
			fmt.Fprintf(b, "%s (moved: “%s” is now in section %s)%s\n%s\n\n", MarkMarker(m.ID, m.Creator, plain), EscapeInline(m.Loc.Found), EscapeInline(m.Moved), by, EscapeText(m.Text))
		case m.Loc.Fit == reading.FitApprox && m.Loc.Found != m.Quote:
			fmt.Fprintf(b, "%s (re-anchored: the text now reads “%s”)%s\n%s\n\n", MarkMarker(m.ID, m.Creator, plain), EscapeInline(m.Loc.Found), by, EscapeText(m.Text))
		default:
			fmt.Fprintf(b, "%s %s%s\n\n", MarkMarker(m.ID, m.Creator, plain), EscapeText(m.Text), by)
		}
	}
}

func writePrep(b *strings.Builder, rd *reading.Reading, number string) error {
	p, ok, err := rd.Prep(number)
	if err != nil || !ok {
		return err
	}
	b.WriteString("**Seminar prep**\n\n")
	fmt.Fprintf(b, "*Summary.* %s\n\n", p.Summary)
	for i, q := range p.Questions {
		fmt.Fprintf(b, "%d. %s\n", i+1, q)
	}
	b.WriteString("\n")
	return nil
}

// summaryRunes bounds a note's summary under a section; the content tests
// keep every built-in summary within it, so that they show whole.
const summaryRunes = 400

// Summarize shortens text to whole sentences, as many as fit in n runes,
// and at least the first, followed by " …" when sentences were left out:
// a summary on a page meant for reading or printing never stops
// mid-sentence.
func Summarize(text string, n int) string {
	sentences := search.Sentences(text)
	out := ""
	for i, s := range sentences {
		if i > 0 && len([]rune(out))+1+len([]rune(s)) > n {
			return out + " …"
		}
		out = strings.TrimPrefix(out+" "+s, " ")
	}
	return out
}

// EscapeInline escapes Markdown's inline syntax in a one-line text.
func EscapeInline(s string) string {
	return mdEscaper.Replace(strings.Join(strings.Fields(s), " "))
}

// EscapeRun escapes Markdown's inline syntax in a piece of one-line text,
// keeping its spaces as they are.
func EscapeRun(s string) string {
	return mdEscaper.Replace(strings.ReplaceAll(strings.ReplaceAll(s, "\n", " "), "\t", " "))
}

// EscapeText escapes text a user wrote so that it is shown as written: every
// Markdown character is escaped, and line breaks are kept.
func EscapeText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = mdEscaper.Replace(l)
	}
	return strings.Join(lines, "\n")
}

// mdEscaper escapes Markdown's syntax with backslashes, except "&" and "~",
// which are written as character references: glamour shows a backslash
// before either of them ("New Media \& Society").
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`,
	"#", `\#`, "|", `\|`, "~", "&#126;", "&", "&amp;", "!", `\!`,
)
