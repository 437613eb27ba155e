package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/margin-reader/margin/internal/handout"
	"github.com/spf13/cobra"
)

type handoutOptions struct {
	format string
	output string
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

--format md (the default) writes Markdown; --format html writes one
self-contained, print-friendly page (no external resources) to open in a
browser or print. The handout goes to standard output, or to the file named
with -o, which is written whole or not at all.`,
		Example: `  margin handout > handout.md
  margin handout 2.1 2.2 --format html -o week3.html
  margin handout asian --format html -o asian-values.html`,
		RunE:              run(func(_ *cobra.Command, args []string) error { return a.runHandout(args, o) }),
		ValidArgsFunction: a.completeSections,
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "md", "md or html")
	f.StringVarP(&o.output, "output", "o", "", "write to this file instead of standard output")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"md", "html"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func (a *app) runHandout(args []string, o handoutOptions) error {
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
	if err := writeFileAtomic(o.output, buf.Bytes()); err != nil {
		return err
	}
	_, err = fmt.Fprintf(a.io.errOut, "margin: wrote the handout (%d sections) to %s\n", len(sections), o.output)
	return err
}

// writeFileAtomic replaces the file at path with data: a temporary file in
// the same directory, synced, then renamed over path. A failure leaves any
// existing file as it was. A new file gets mode 0644; an existing one keeps
// its mode.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	mode := os.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		if !info.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file", path)
		}
		mode = info.Mode().Perm()
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	tmp := f.Name()
	fail := func(err error) error {
		_ = f.Close()
		_ = os.Remove(tmp)
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if _, err := io.Copy(f, bytes.NewReader(data)); err != nil {
		return fail(err)
	}
	if err := f.Chmod(mode); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
