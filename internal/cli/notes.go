package cli

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/margin-reader/margin/internal/fold"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
	"github.com/spf13/cobra"
)

type notesOptions struct {
	verdict string
	section string
	json    bool
}

func (a *app) notesCmd() *cobra.Command {
	var o notesOptions
	cmd := &cobra.Command{
		Use:     "notes [ID]",
		Aliases: []string{"factcheck", "fact-check"},
		Short:   "List the fact-check notes, or show one in full",
		Long: `With no ID, list the fact-check notes: verdict, section, id and the claim they
check, in reading order. Filter with --verdict and --section.

With an ID (or a beginning of one, or words of it, forgiving typos), or the
label 'margin read' shows for it (N4) with --section, show the note in full: the passage
it is anchored to, the claim, the verdict, what the evidence says, and its
sources, each saying what was seen of it (the original, a copy, the
abstract, a quotation elsewhere, or nothing).

Verdicts: accurate, mostly-accurate, misleading, inaccurate, outdated,
contested, unverifiable, and citation-error for problems with an endnote.`,
		Example: `  margin notes
  margin notes --verdict inaccurate
  margin notes --section 2.1
  margin notes single-score-horsley
  margin notes N4 --section 2.1   # the note marked N4 in margin read 2.1
  margin notes --json > claimreview.json`,
		RunE: run(func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				args = []string{strings.Join(args, " ")}
			}
			return a.runNotes(args, o)
		}),
		ValidArgsFunction: a.completeNotes,
	}
	f := cmd.Flags()
	f.StringVar(&o.verdict, "verdict", "", "only notes with this verdict")
	f.StringVar(&o.section, "section", "", "only notes in this section (number or title words); with N4, the section whose N4")
	f.BoolVar(&o.json, "json", false, "print JSON with schema.org ClaimReview field names")
	_ = cmd.RegisterFlagCompletionFunc("verdict", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return verdictNames(), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func (a *app) runNotes(args []string, o notesOptions) error {
	switch {
	case o.json:
	case len(args) == 1:
		a.prepare()
	default:
		a.prepare()
	}
	rd, err := a.load()
	if err != nil {
		return err
	}
	if len(args) == 1 {
		if err := checkQuery("note query", args[0], "'margin notes N1' or 'margin notes baidu'"); err != nil {
			return err
		}
		n, err := findNote(rd, args[0], o.section)
		if err != nil {
			return err
		}
		if o.json {
			return a.writeJSON(claimReview(rd, n))
		}
		return a.emit(render.NotePage(rd, n))
	}
	notes, err := filterNotes(rd, o)
	if err != nil {
		return err
	}
	if o.json {
		out := make([]claimReviewJSON, 0, len(notes))
		for _, n := range notes {
			out = append(out, claimReview(rd, n))
		}
		return a.writeJSON(out)
	}
	return a.emit(notesList(notes))
}

// noteLabel is how 'margin read' labels a note in a section's text: N4.
var noteLabel = regexp.MustCompile(`^[Nn]([0-9]+)$`)

// findNote finds a note by its id (see reading.FindNote) or, with a
// section, by the label 'margin read' shows for it there (N4).
func findNote(rd *reading.Reading, query, section string) (*reading.Note, error) {
	m := noteLabel.FindStringSubmatch(strings.TrimSpace(query))
	if m == nil {
		return rd.FindNote(query)
	}
	k, _ := strconv.Atoi(m[1])
	label := "N" + m[1]
	if section == "" {
		var where []string
		for _, s := range rd.Sections {
			if in, _ := rd.NotesIn(s.Number); k >= 1 && k <= len(in) {
				where = append(where, fmt.Sprintf("margin notes %s --section %s (%s)", label, s.Number, in[k-1].ID))
			}
		}
		hint := "no section has a note " + label + "; run 'margin notes' for the notes"
		if len(where) > 0 {
			hint = "say which section's " + label + ": " + strings.Join(where[:min(len(where), 3)], "; ")
		}
		return nil, usagef([]string{hint}, "%s is a note's label within a section; give the section with --section", label)
	}
	s, err := findSection(rd, section)
	if err != nil {
		return nil, err
	}
	in, err := rd.NotesIn(s.Number)
	if err != nil {
		return nil, err
	}
	if k < 1 || k > len(in) {
		hint := fmt.Sprintf("section %s has no fact-check notes", s.Number)
		if len(in) > 0 {
			hint = fmt.Sprintf("section %s has notes N1 to N%d", s.Number, len(in))
		}
		return nil, &hintError{fmt.Errorf("section %s has no note %s", s.Number, label), []string{hint}}
	}
	return in[k-1], nil
}

func filterNotes(rd *reading.Reading, o notesOptions) ([]*reading.Note, error) {
	notes, err := rd.Notes()
	if err != nil {
		return nil, err
	}
	var verdict reading.Verdict
	if o.verdict != "" {
		if verdict, err = parseVerdict(o.verdict); err != nil {
			return nil, err
		}
	}
	var sections map[string]bool
	if o.section != "" {
		s, err := findSection(rd, o.section)
		if err != nil {
			return nil, err
		}
		sections = map[string]bool{}
		for _, t := range rd.Part(s) {
			sections[t.Number] = true
		}
	}
	var out []*reading.Note
	for _, n := range notes {
		if (verdict == "" || n.Verdict == verdict) && (sections == nil || sections[n.Section]) {
			out = append(out, n)
		}
	}
	return out, nil
}

// parseVerdict accepts a verdict with spaces or hyphens, in any case, and
// forgives a typo.
func parseVerdict(s string) (reading.Verdict, error) {
	q := strings.ReplaceAll(fold.Fold(s), " ", "-")
	var close []string
	for _, v := range reading.Verdicts {
		if string(v) == q {
			return v, nil
		}
		if fold.WithinDistance(q, string(v), 3) || strings.HasPrefix(string(v), q) {
			close = append(close, string(v))
		}
	}
	hint := "verdicts: " + strings.Join(verdictNames(), ", ")
	if len(close) > 0 {
		hint = "did you mean: " + strings.Join(close, ", ") + "?"
	}
	return "", usagef([]string{hint}, "unknown verdict %q", s)
}

func verdictNames() []string {
	var out []string
	for _, v := range reading.Verdicts {
		out = append(out, string(v))
	}
	return out
}

func notesList(notes []*reading.Note) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Fact-check notes (%d)\n\n", len(notes))
	if len(notes) == 0 {
		b.WriteString("No notes match.\n")
	}
	for _, n := range notes {
		fmt.Fprintf(&b, "- %s **%s** · §%s · `%s`\n  %s\n", n.Verdict.Glyph(), n.Verdict.Label(), n.Section, n.ID, render.EscapeInline(n.Claim))
	}
	b.WriteString("\n→ `margin notes ID` for the full note\n")
	return b.String()
}
