package cli

import (
	"fmt"
	"strings"

	"github.com/margin-reader/margin/internal/marks"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
	"github.com/spf13/cobra"
)

type readOptions struct {
	endnotes bool
	terms    bool
	notes    bool
	prep     bool
	marks    bool
	by       string // show only this person's personal notes
}

func (a *app) readCmd() *cobra.Command {
	var o readOptions
	cmd := &cobra.Command{
		Use:   "read [SECTION...]",
		Short: "Read the paper, or some of its sections",
		Long: `Read the paper, or the sections you name. A SECTION is a number (2.1), a
slug (coercive-repression-and-social-management) or words of its title
(coercive); reading a part (2) reads its subsections too. With no SECTION,
the whole paper.

Endnote references appear as superscript numbers, and the endnotes a section
cites are listed under it. Glossary terms are marked at their first use in
each section (bold on a terminal, followed by ° in plain text) and defined
under it. Fact-check notes are marked where the claim stands (N1 ✗ on a
terminal, [N1: inaccurate] in plain text) and summarised under the section.`,
		Example: `  margin read 2.1
  margin read coercive economic
  margin read 3 --terms=false --notes=false
  margin read 2.1 --prep
  margin read 2.1 | less`,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("marks") {
				st, err := a.settings()
				if err != nil {
					return err
				}
				o.marks = st.marks
			}
			return a.runRead(args, o)
		}),
		ValidArgsFunction: a.completeSections,
	}
	f := cmd.Flags()
	f.BoolVar(&o.endnotes, "endnotes", true, "list the endnotes each section cites")
	f.BoolVar(&o.terms, "terms", true, "mark glossary terms and define them under each section")
	f.BoolVar(&o.notes, "notes", true, "mark fact-checked claims and summarise the notes")
	f.BoolVar(&o.prep, "prep", false, "show each section's summary and discussion questions")
	f.BoolVar(&o.marks, "marks", true, "show your personal notes ('marks' in the config file sets the default)")
	f.StringVar(&o.by, "by", "", "show only this person's personal notes (\"me\" for yours)")
	return cmd
}

func (a *app) runRead(args []string, o readOptions) error {
	a.prepare()
	rd, err := a.load()
	if err != nil {
		return err
	}
	sections := rd.Sections
	var b strings.Builder
	if len(args) == 0 {
		b.WriteString(paperHeader(rd))
	} else if sections, err = resolveSections(rd, args); err != nil {
		return err
	}
	ro, err := a.renderOptions()
	if err != nil {
		return err
	}
	var mine []marks.Mark
	if o.marks {
		mine = byCreator(a.shownMarks(rd), o.by)
	}
	bySection := marks.BySection(mine)
	if len(args) == 0 && len(rd.Sections) > 0 {
		first := rd.Sections[0].Number
		bySection[first] = append(bySection[first], render.Homeless(rd, mine)...)
	}
	for _, s := range sections {
		show := render.Show{Endnotes: o.endnotes, Terms: o.terms, Notes: o.notes, Prep: o.prep,
			Marks: sectionMarks(rd, bySection[s.Number])}
		md, err := render.Section(rd, s, show, ro.Plain)
		if err != nil {
			return err
		}
		b.WriteString(md)
	}
	return a.emit(b.String())
}

// resolveSections resolves each argument to a section; a part brings its
// subsections. Each section appears once, in the order asked for.
func resolveSections(rd *reading.Reading, args []string) ([]*reading.Section, error) {
	var out []*reading.Section
	seen := map[string]bool{}
	for _, arg := range args {
		s, err := findSection(rd, arg)
		if err != nil {
			return nil, err
		}
		for _, t := range rd.Part(s) {
			if !seen[t.Number] {
				seen[t.Number] = true
				out = append(out, t)
			}
		}
	}
	return out, nil
}

// paperHeader is the title block shown above the whole paper.
func paperHeader(rd *reading.Reading) string {
	lines := titleBlock(rd)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", render.EscapeInline(lines[0]))
	for _, l := range lines[1:] {
		b.WriteString(render.EscapeInline(l) + "\n")
	}
	b.WriteString("\n---\n\n")
	return b.String()
}

// titleBlock is the paper's title, its byline and, when known, its venue:
// the lines above the text in margin read and margin toc.
func titleBlock(rd *reading.Reading) []string {
	m := rd.Meta
	lines := []string{m.FullTitle(), m.Author}
	if m.Editor != "" {
		lines[1] += " · edited by " + m.Editor
	}
	if m.Venue != "" {
		v := m.Venue + ", " + m.Year
		if m.VenueNote != "" {
			v += " (probably; see margin cite)"
		}
		lines = append(lines, v)
	}
	return lines
}

// sectionMarks places the user's personal notes on a section (mine, all on
// that section) in the reading's text; a note that no longer anchors comes
// back as an orphan, to be listed, never dropped.
func sectionMarks(rd *reading.Reading, mine []marks.Mark) []render.UserMark {
	var out []render.UserMark
	for _, m := range mine {
		out = append(out, render.PlaceMark(rd, m))
	}
	return out
}
