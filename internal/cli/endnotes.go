package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/margin-reader/margin/internal/biblio"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
	"github.com/spf13/cobra"
)

func (a *app) endnotesCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "endnotes [N...]",
		Short: "Show the paper's endnotes",
		Long: `Show the paper's endnotes, all or those numbered, exactly as printed, with the
sections that cite them. The body cites notes 25–29, but the source prints only
1–24 (24 is cut off mid-title): margin says so rather than invent them.`,
		Example:           "  margin endnotes\n  margin endnotes 21 23\n  margin endnotes 1-3 5,7\n  margin endnotes --format bibtex > vochelet.bib\n  margin endnotes --format csl-json > references.json",
		RunE:              run(func(cmd *cobra.Command, args []string) error { return a.runEndnotes(args, format) }),
		ValidArgsFunction: a.completeEndnotes,
	}
	cmd.Long += `

--format bibtex or csl-json prints the references as bibliography entries
(keys endnote1, endnote2, …), built from what each printed note gives: fields
the note lacks stay empty, never guessed. Notes 25–29 and ibid-style notes
(which point back to another note) have no entry of their own.`
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, bibtex or csl-json")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "bibtex", "csl-json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func (a *app) runEndnotes(args []string, format string) error {
	switch format {
	case "text", "bibtex", "csl-json":
	default:
		return usagef([]string{"formats: text, bibtex, csl-json"}, "unknown endnotes format %q", format)
	}
	if format == "text" {
		a.prepare()
	}
	rd, err := a.load()
	if err != nil {
		return err
	}
	notes, err := selectEndnotes(rd, args)
	if err != nil {
		return err
	}
	switch format {
	case "bibtex":
		return biblio.WriteBibTeX(a.io.out, notes, rd.Meta.Author+", "+rd.Meta.FullTitle())
	case "csl-json":
		return biblio.WriteCSL(a.io.out, notes)
	}
	return a.emit(render.EndnotesPage(rd, notes))
}

// selectEndnotes parses endnote numbers, ranges (1-3) and lists (3,5);
// none means all. Each endnote is shown once, in the order asked for.
func selectEndnotes(rd *reading.Reading, args []string) ([]reading.Endnote, error) {
	if len(args) == 0 {
		return rd.Endnotes, nil
	}
	numbered := fmt.Sprintf("endnotes are numbered 1 to %d; ask for several with 1-3 or 3,5", len(rd.Endnotes))
	var out []reading.Endnote
	seen := map[int]bool{}
	for _, arg := range args {
		for _, item := range strings.Split(arg, ",") {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			lo, hi, err := endnoteRange(item)
			if err != nil {
				return nil, usagef([]string{numbered}, "%q is not an endnote number or range", item)
			}
			for n := lo; n <= hi; n++ {
				e, ok := rd.Endnote(n)
				if !ok {
					return nil, &hintError{fmt.Errorf("the paper has no endnote %d", n), []string{numbered}}
				}
				if !seen[n] {
					seen[n] = true
					out = append(out, e)
				}
			}
		}
	}
	if len(out) == 0 {
		return nil, usagef([]string{numbered}, "no endnote numbers in %q", strings.Join(args, " "))
	}
	return out, nil
}

// maxEndnoteRange bounds a range, so that 1-99999999 is an error, not a loop.
const maxEndnoteRange = 1000

// endnoteRange parses "5" or "1-3" (an en dash will do too).
func endnoteRange(s string) (lo, hi int, err error) {
	a, b, isRange := strings.Cut(strings.ReplaceAll(s, "–", "-"), "-")
	if lo, err = strconv.Atoi(strings.TrimSpace(a)); err != nil {
		return 0, 0, err
	}
	if !isRange {
		return lo, lo, nil
	}
	if hi, err = strconv.Atoi(strings.TrimSpace(b)); err != nil {
		return 0, 0, err
	}
	if hi < lo || hi-lo > maxEndnoteRange {
		return 0, 0, fmt.Errorf("bad range %q", s)
	}
	return lo, hi, nil
}

// completeEndnotes completes endnote numbers, each with the beginning of
// its text.
func (a *app) completeEndnotes(_ *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	rd, err := a.load()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var out []string
	for _, e := range rd.Endnotes {
		out = append(out, fmt.Sprintf("%d\t%s", e.N, completionDescription(e.Display())))
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
}

// completionDescription makes one short line of text for a completion's
// description.
func completionDescription(s string) string {
	s = oneLine(s)
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return s
}
