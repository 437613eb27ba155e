package cli

import (
	"fmt"
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

With an ID (or a unique beginning of one), show the note in full: the passage
it is anchored to, the claim, the verdict, what the evidence says, and its
sources, each marked confirmed or not.

Verdicts: accurate, mostly-accurate, misleading, inaccurate, outdated,
contested, unverifiable, and citation-error for problems with an endnote.`,
		Example: `  margin notes
  margin notes --verdict inaccurate
  margin notes --section 2.1
  margin notes single-score-horsley
  margin notes --json > claimreview.json`,
		Args:              cobra.MaximumNArgs(1),
		RunE:              run(func(_ *cobra.Command, args []string) error { return a.runNotes(args, o) }),
		ValidArgsFunction: a.completeNotes,
	}
	f := cmd.Flags()
	f.StringVar(&o.verdict, "verdict", "", "only notes with this verdict")
	f.StringVar(&o.section, "section", "", "only notes in this section (number or title words)")
	f.BoolVar(&o.json, "json", false, "print JSON with schema.org ClaimReview field names")
	_ = cmd.RegisterFlagCompletionFunc("verdict", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return verdictNames(), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func (a *app) runNotes(args []string, o notesOptions) error {
	if !o.json {
		a.prepare()
	}
	rd, err := a.load()
	if err != nil {
		return err
	}
	if len(args) == 1 {
		n, err := rd.FindNote(args[0])
		if err != nil {
			return err
		}
		if o.json {
			return a.writeJSON(claimReview(rd, n))
		}
		return a.emit(noteMarkdown(rd, n))
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
		s, err := rd.FindSection(o.section)
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

// noteMarkdown is a fact-check note in full, with its anchored passage.
func noteMarkdown(rd *reading.Reading, n *reading.Note) string {
	var b strings.Builder
	s := rd.Section(n.Section)
	fmt.Fprintf(&b, "## %s %s: %s\n\n", n.Verdict.Glyph(), strings.ToUpper(n.Verdict.Label()), render.EscapeInline(n.Claim))
	fmt.Fprintf(&b, "*Section %s · note %s*\n\n", render.EscapeInline(s.Label()), n.ID)
	fmt.Fprintf(&b, "> %s\n\n", passage(s, n.Loc))
	fmt.Fprintf(&b, "**%s**\n\n", n.Summary)
	if n.Body != "" {
		b.WriteString(n.Body + "\n\n")
	}
	if len(n.Endnotes) > 0 {
		b.WriteString("### The paper's endnotes\n\n")
		for _, k := range n.Endnotes {
			e, _ := rd.Endnote(k)
			fmt.Fprintf(&b, "%s %s\n\n", render.Superscript(k), e.Display())
		}
	}
	writeSources(&b, n.Sources)
	var related []string
	for _, id := range n.Related {
		if e, _ := rd.Entry(id); e != nil {
			related = append(related, e.Term)
		}
	}
	if len(related) > 0 {
		fmt.Fprintf(&b, "*Glossary:* %s\n", render.EscapeInline(strings.Join(related, " · ")))
	}
	return b.String()
}

// passage is the sentence around a location, with the anchored words in bold.
func passage(s *reading.Section, loc reading.Location) string {
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
	out := render.EscapeRun(pre) + "**" + render.EscapeRun(exact) + "**" + render.EscapeRun(post)
	if start > 0 {
		out = "… " + out
	}
	if end < len(text) {
		out += " …"
	}
	return out
}

func (a *app) completeNotes(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	rd, err := a.load()
	if err != nil || len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	notes, err := rd.Notes()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var out []string
	for _, n := range notes {
		out = append(out, n.ID+"\t"+n.Verdict.Label()+": "+n.Claim)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}
