package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/margin-reader/margin/internal/biblio"
	"github.com/margin-reader/margin/internal/reading"
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
		Example:           "  margin endnotes\n  margin endnotes 21 23\n  margin endnotes --format bibtex > vochelet.bib\n  margin endnotes --format csl-json > references.json",
		RunE:              run(func(cmd *cobra.Command, args []string) error { return a.runEndnotes(args, format) }),
		ValidArgsFunction: cobra.NoFileCompletions,
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
	var b strings.Builder
	b.WriteString("## Endnotes\n\n")
	for _, e := range notes {
		fmt.Fprintf(&b, "**%d.** %s", e.N, e.Display())
		if cited := rd.CitedIn(e.N); len(cited) > 0 {
			fmt.Fprintf(&b, "\ncited in section %s", strings.Join(cited, ", "))
		}
		b.WriteString("\n\n")
	}
	return a.emit(b.String())
}

// selectEndnotes parses endnote numbers; none means all.
func selectEndnotes(rd *reading.Reading, args []string) ([]reading.Endnote, error) {
	if len(args) == 0 {
		return rd.Endnotes, nil
	}
	var out []reading.Endnote
	for _, arg := range args {
		n, err := strconv.Atoi(strings.TrimSpace(arg))
		if err != nil {
			return nil, usagef([]string{fmt.Sprintf("endnotes are numbered 1 to %d", len(rd.Endnotes))}, "%q is not an endnote number", arg)
		}
		e, ok := rd.Endnote(n)
		if !ok {
			return nil, &hintError{fmt.Errorf("the paper has no endnote %d", n), []string{fmt.Sprintf("endnotes are numbered 1 to %d", len(rd.Endnotes))}}
		}
		out = append(out, e)
	}
	return out, nil
}
