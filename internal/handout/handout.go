// Package handout builds a seminar handout for a reading: the paper's
// citation and, per section, the summary of its argument, the key terms it
// uses with one-line definitions, the claims the fact-check contests with
// their verdicts and one line of evidence, and the discussion questions.
//
// A Handout is written as Markdown or as one self-contained, print-friendly
// HTML page (inline CSS, no external resources, text escaped by
// html/template).
package handout

import (
	"slices"
	"sort"
	"strings"

	"github.com/margin-reader/margin/internal/biblio"
	"github.com/margin-reader/margin/internal/marks"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
	"github.com/margin-reader/margin/internal/sanitize"
)

// Handout is what a seminar handout holds.
type Handout struct {
	Title     string // the paper's full title
	Author    string
	Citation  string // Chicago style; Markdown, the journal in *emphasis*
	VenueNote string // how sure the venue is, when it is uncertain
	Sections  []Section
}

// Section is one section's part of the handout.
type Section struct {
	Number    string
	Title     string
	Summary   string
	Terms     []Term
	Claims    []Claim
	Questions []string
	Notes     []Note // the class's personal notes, when asked for (AddMarks)
}

// Note is a personal note on a section: the reader's own or a classmate's.
type Note struct {
	ID      string
	Creator string // whose it is; "me" for the reader's own
	Quote   string // the words it is about
	Text    string
	// Status says how the note is anchored now, when not exactly: "the
	// text now reads “…”", "no longer in the text".
	Status string
}

// Term is a glossary term the section uses, with its one-line definition.
type Term struct {
	Term       string
	Definition string
}

// Claim is a claim of the section that a fact-check note rates.
type Claim struct {
	ID       string // the note's id
	Claim    string
	Verdict  string // in words: "mostly accurate"
	Glyph    string // one-column symbol of the verdict
	Class    string // the verdict's id, for styling: "mostly-accurate"
	Evidence string // one line: the start of the note's summary
	Sources  string // one line: who the evidence comes from and what was seen of it
}

// evidenceRunes bounds the evidence under a claim: whole sentences of the
// note's summary, which the built-in summaries fit in full.
const evidenceRunes = 400

// Build assembles the handout for the given sections (all of them when
// sections is empty), in the order given.
func Build(rd *reading.Reading, sections []*reading.Section) (*Handout, error) {
	if len(sections) == 0 {
		sections = rd.Sections
	}
	c, err := biblio.Cite(rd.Meta, "chicago", nil)
	if err != nil {
		return nil, err
	}
	h := &Handout{Title: rd.Meta.FullTitle(), Author: rd.Meta.Author, Citation: c.Text, VenueNote: rd.Meta.VenueNote}
	for _, s := range sections {
		hs := Section{Number: s.Number, Title: s.Title}
		p, ok, err := rd.Prep(s.Number)
		if err != nil {
			return nil, err
		}
		if ok {
			hs.Summary, hs.Questions = p.Summary, p.Questions
		}
		if hs.Terms, err = sectionTerms(rd, s.Number); err != nil {
			return nil, err
		}
		notes, err := rd.NotesIn(s.Number)
		if err != nil {
			return nil, err
		}
		for _, n := range notes {
			hs.Claims = append(hs.Claims, Claim{ID: n.ID, Claim: n.Claim, Verdict: n.Verdict.Label(),
				Glyph: n.Verdict.Glyph(), Class: string(n.Verdict), Evidence: render.Summarize(n.Summary, evidenceRunes),
				Sources: briefSources(n.Sources)})
		}
		h.Sections = append(h.Sections, hs)
	}
	return h, nil
}

// AddMarks adds personal notes (the reader's own and the ones imported from
// classmates) to the sections of the handout they are about, each placed
// as margin read places it: a note whose words moved goes with them, one
// whose words are gone (an orphan) stays with its own section and says so.
func (h *Handout) AddMarks(rd *reading.Reading, ms []marks.Mark) {
	index := map[string]int{}
	for i, s := range h.Sections {
		index[s.Number] = i
	}
	for _, m := range ms {
		um := render.PlaceMark(rd, m)
		n := Note{ID: m.ID, Creator: m.Creator, Quote: oneLine(m.Quote), Text: strings.TrimSpace(m.Text)}
		if n.Creator == "" {
			n.Creator = "me"
		}
		section := m.Section
		switch {
		case um.Orphan:
			n.Status = "no longer in the text"
		case um.Moved != "":
			section = um.Moved
			n.Quote = oneLine(um.Loc.Found)
		case um.Loc.Fit == reading.FitApprox && um.Loc.Found != m.Quote:
			n.Status = "the text now reads “" + oneLine(um.Loc.Found) + "”"
		}
		if i, ok := index[section]; ok {
			h.Sections[i].Notes = append(h.Sections[i].Notes, n)
		}
	}
}

// briefSources names a note's sources in one line, each by author and date
// with what was seen of it: "Jamie P. Horsley, 2018-11-16 (a copy) · …".
func briefSources(sources []reading.Source) string {
	parts := make([]string, len(sources))
	for i, s := range sources {
		parts[i] = briefAuthors(s.Author) + ", " + s.Date + " (" + s.Seen.Label() + ")"
	}
	return strings.Join(parts, " · ")
}

// briefAuthors shortens a list of authors written "A; B; C": two are
// joined with "and", more become the first "et al.".
func briefAuthors(authors string) string {
	names := strings.Split(authors, ";")
	for i, n := range names {
		names[i] = strings.TrimSpace(n)
	}
	switch len(names) {
	case 1:
		return names[0]
	case 2:
		return names[0] + " and " + names[1]
	}
	return names[0] + " et al."
}

// sectionTerms lists the glossary terms a section uses, in order of first use.
func sectionTerms(rd *reading.Reading, number string) ([]Term, error) {
	in, err := rd.UsesIn(number)
	if err != nil {
		return nil, err
	}
	us := slices.Clone(in)
	sort.SliceStable(us, func(i, j int) bool {
		a, b := us[i].Use.First, us[j].Use.First
		return a.Para < b.Para || a.Para == b.Para && a.Start < b.Start
	})
	out := make([]Term, 0, len(us))
	for _, u := range us {
		out = append(out, Term{Term: u.Entry.Term, Definition: u.Entry.Definition})
	}
	return out, nil
}

// Markdown writes the handout as Markdown. Labels from the reading's data
// (titles, terms, claims) are escaped; the prose the team wrote (summaries,
// definitions, evidence, questions) is Markdown already. No control
// character, nor a character reference to one, is left in it (see package
// sanitize).
func (h *Handout) Markdown() string {
	var b strings.Builder
	b.WriteString("# Seminar handout: " + render.EscapeInline(h.Title) + "\n\n")
	b.WriteString(CitationMarkdown(h.Citation) + "\n\n")
	if h.VenueNote != "" {
		b.WriteString("*Venue:* " + render.EscapeInline(h.VenueNote) + "\n\n")
	}
	for _, s := range h.Sections {
		b.WriteString("## " + s.Number + " " + render.EscapeInline(s.Title) + "\n\n")
		if s.Summary != "" {
			b.WriteString("**Summary.** " + oneLine(s.Summary) + "\n\n")
		}
		if len(s.Terms) > 0 {
			b.WriteString("### Key terms\n\n")
			for _, t := range s.Terms {
				b.WriteString("- **" + render.EscapeInline(t.Term) + "**: " + oneLine(t.Definition) + "\n")
			}
			b.WriteString("\n")
		}
		if len(s.Claims) > 0 {
			b.WriteString("### Contested claims\n\n")
			for _, c := range s.Claims {
				b.WriteString("- " + c.Glyph + " **" + c.Verdict + "**: " + render.EscapeInline(c.Claim) + "  \n  *Evidence:* " + oneLine(c.Evidence) + "  \n  *Sources:* " + render.EscapeInline(c.Sources) + "\n")
			}
			b.WriteString("\n")
		}
		if len(s.Notes) > 0 {
			b.WriteString("### The class's notes\n\n")
			for _, n := range s.Notes {
				b.WriteString("- “" + render.EscapeInline(n.Quote) + "”")
				if n.Status != "" {
					b.WriteString(" (" + render.EscapeInline(n.Status) + ")")
				}
				b.WriteString(" — *" + render.EscapeInline(n.Creator) + "*: " + render.EscapeInline(oneLine(n.Text)) + "\n")
			}
			b.WriteString("\n")
		}
		if len(s.Questions) > 0 {
			b.WriteString("### Discussion questions\n\n")
			for i, q := range s.Questions {
				b.WriteString(itoa(i+1) + ". " + oneLine(q) + "\n")
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("---\n\nMade with margin: `margin notes ID` has each fact-check in full, `margin glossary TERM` each term.\n")
	return sanitize.String(b.String())
}

// CitationMarkdown escapes a citation for Markdown, keeping its *emphasis*
// and turning its URL into an autolink.
func CitationMarkdown(text string) string {
	words := strings.Split(text, " ")
	for i, w := range words {
		if strings.HasPrefix(w, "https://") || strings.HasPrefix(w, "http://") {
			url, dot := strings.CutSuffix(w, ".")
			words[i] = "<" + url + ">"
			if dot {
				words[i] += "."
			}
			continue
		}
		parts := strings.Split(w, "*")
		for k, p := range parts {
			parts[k] = render.EscapeRun(p)
		}
		words[i] = strings.Join(parts, "*")
	}
	return strings.Join(words, " ")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
