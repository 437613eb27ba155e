package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/margin-reader/margin/internal/handout"
	"github.com/margin-reader/margin/internal/safefile"
	"github.com/margin-reader/margin/internal/sanitize"
	"github.com/spf13/cobra"
)

type handoutOptions struct {
	format string
	output string
	marks  bool
	by     string
}

func (a *app) handoutCmd() *cobra.Command {
	var o handoutOptions
	cmd := &cobra.Command{
		Use:   "handout [SECTION...]",
		Short: "Make a seminar handout (Markdown or a printable HTML page)",
		Long: `Make a seminar handout for the whole paper or the sections you name: the
paper's citation, and per section the summary of its argument, the key terms
it uses with one-line definitions, the claims the fact-check contests with
their verdicts and one line of evidence, and discussion questions.

--format md writes Markdown; --format html writes one self-contained,
print-friendly page (no external resources) to open in a browser or print.
Without --format, a file named with -o ending in .html or .htm gets HTML,
and anything else Markdown. The handout goes to standard output, or to the
file named with -o, which is written whole or not at all.

--marks adds the personal notes on each section: yours and the ones you
imported from classmates ('margin mark import'), each with whose it is;
--by NAME keeps one person's.`,
		Example: `  margin handout > handout.md
  margin handout 2.1 2.2 -o week3.html         # HTML, from the file's name
  margin handout 3 -o asian-values.html        # part 3, Asian values, and its sections
  margin handout 2.1 --format md -o week3.txt  # Markdown, whatever the name
  margin handout 2.1 --marks                   # with the class's notes`,
		RunE:              run(func(_ *cobra.Command, args []string) error { return a.runHandout(args, o) }),
		ValidArgsFunction: a.completeSections,
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "", "md or html (default: from the -o file's extension, else md)")
	f.StringVarP(&o.output, "output", "o", "", "write to this file instead of standard output")
	f.BoolVar(&o.marks, "marks", false, "include the personal notes: yours and your classmates'")
	f.StringVar(&o.by, "by", "", "with --marks, only this person's notes (\"me\" for yours)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"md", "html"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func (a *app) runHandout(args []string, o handoutOptions) error {
	if o.format == "" {
		o.format = formatFromName(o.output)
	}
	switch o.format {
	case "md", "markdown", "html":
	default:
		return usagef([]string{"formats: md, html"}, "unknown handout format %q", o.format)
	}
	rd, err := a.load()
	if err != nil {
		return err
	}
	sections := rd.Sections
	if len(args) > 0 {
		if sections, err = resolveSections(rd, args); err != nil {
			return err
		}
	}
	h, err := handout.Build(rd, sections)
	if err != nil {
		return err
	}
	if o.marks || o.by != "" {
		ms, err := a.marksBy(rd, o.by)
		if err != nil {
			return err
		}
		h.AddMarks(rd, ms)
	}
	var buf bytes.Buffer
	if o.format == "html" {
		if err := h.HTML(&buf); err != nil {
			return fmt.Errorf("writing the HTML handout: %w", err)
		}
	} else {
		buf.WriteString(h.Markdown())
	}
	if o.output == "" || o.output == "-" {
		_, err := a.io.out.Write(buf.Bytes())
		return err
	}
	if err := safefile.WriteFile(o.output, buf.Bytes(), 0o644); err != nil {
		return &hintError{err, []string{writeHint(o.output)}}
	}
	noun := "sections"
	if len(sections) == 1 {
		noun = "section"
	}
	_, err = fmt.Fprintf(a.io.errOut, "margin: wrote the handout (%d %s, %s) to %s\n", len(sections), noun, formatName[o.format], sanitize.Line(o.output))
	return err
}

// formatName names a handout format for people.
var formatName = map[string]string{"md": "Markdown", "markdown": "Markdown", "html": "HTML"}

// formatFromName picks the handout's format from the name of the file it
// is written to: HTML for .html and .htm, Markdown otherwise.
func formatFromName(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm":
		return "html"
	}
	return "md"
}

// writeHint says what to check when a file cannot be written.
func writeHint(path string) string {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return fmt.Sprintf("%s is a directory: give -o a file name, such as %s", path, filepath.Join(path, "handout.html"))
	}
	dir := filepath.Dir(path)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fmt.Sprintf("the directory %s does not exist; create it, or write elsewhere with -o", dir)
	}
	return fmt.Sprintf("check that you may write in %s, or write elsewhere with -o", dir)
}
