package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/adrg/xdg"
	"github.com/margin-reader/margin/internal/marks"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
	"github.com/spf13/cobra"
)

// marksFile is the name of the personal-notes store in margin's data directory.
const marksFile = "marks.json"

// marksPath is where the personal notes live: $MARGIN_DATA_DIR/marks.json,
// else $XDG_DATA_HOME/margin/marks.json (the platform's data directory when
// XDG_DATA_HOME is not set).
func (a *app) marksPath() string {
	if dir := a.io.getenv("MARGIN_DATA_DIR"); dir != "" {
		return filepath.Join(dir, marksFile)
	}
	if dir := a.io.getenv("XDG_DATA_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "margin", marksFile)
	}
	return filepath.Join(xdg.DataHome, "margin", marksFile)
}

// marksStore opens the personal-notes store.
func (a *app) marksStore() *marks.Store { return marks.Open(a.marksPath()) }

// readingMarks lists the personal notes on this reading, in the order added.
func (a *app) readingMarks(rd *reading.Reading) ([]marks.Mark, error) {
	all, err := a.marksStore().List()
	if err != nil {
		return nil, storeError(err)
	}
	var out []marks.Mark
	for _, m := range all {
		if m.Reading == rd.Meta.ID {
			out = append(out, m)
		}
	}
	return out, nil
}

// shownMarks lists the personal notes on this reading for a command that only
// shows them. A store that cannot be read never stops such a command: margin
// prints one warning, naming the file and what to do, and goes on without
// the notes (the file itself is never touched).
func (a *app) shownMarks(rd *reading.Reading) []marks.Mark {
	ms, err := a.readingMarks(rd)
	if err == nil {
		return ms
	}
	var ce *marks.CorruptError
	if errors.As(err, &ce) {
		warn(a.io.errOut, "your notes are not shown: cannot read notes store %s: %s; repair that file or move it aside (margin will not change it)", ce.Path, ce.Reason)
	} else {
		warn(a.io.errOut, "your notes are not shown: %v; try again, or read with --marks=false", err)
	}
	return nil
}

// storeError adds hints to the errors of the notes store.
func storeError(err error) error {
	var ce *marks.CorruptError
	var nf *marks.NotFoundError
	switch {
	case errors.As(err, &ce):
		return &hintError{err, []string{
			"margin will not change that file; repair it, or move it aside to start a new one",
		}}
	case errors.As(err, &nf):
		if len(nf.Known) == 0 {
			return &hintError{err, []string{"add one with 'margin mark add SECTION --quote \"exact words\" \"your note\"'"}}
		}
		return &hintError{err, []string{"run 'margin mark list' for your notes and their ids"}}
	case errors.Is(err, marks.ErrTooLong):
		return &hintError{err, []string{fmt.Sprintf("a note holds at most %d characters; split it into several notes", marks.MaxTextRunes)}}
	case errors.Is(err, marks.ErrNoIDs):
		return &hintError{err, []string{"margin never reuses an id; export your notes ('margin mark export > notes.json'), move the store aside, and start a new one"}}
	case errors.Is(err, marks.ErrEmptyText):
		return &hintError{err, []string{"give the note's text after the section: margin mark add 2.1 --quote \"…\" \"your note\""}}
	}
	return err
}

func (a *app) markCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "mark",
		Aliases: []string{"marks"},
		Short:   "Keep personal notes anchored to the paper's words",
		Long: `Personal notes ("marks") anchor your own words to the paper's exact words,
with the same rules as the fact-check notes: the quote must occur exactly once
in the section (curly and straight quotes, and runs of spaces, count as the
same); add --prefix or --suffix when the words occur more than once.

Your notes appear in 'margin read', marked ✎ ID in the text (or [my note ID]
in plain text) and listed under the section, apart from the fact-checks. A
note whose words are no longer in the text is listed under its section as
no longer anchored, never dropped.

They are kept in $MARGIN_DATA_DIR/marks.json, or else in margin/marks.json in
your XDG data directory (~/.local/share). Every write is atomic and locked;
a store margin cannot read is left untouched.`,
		Example: `  margin mark add 2.1 --quote "ranging from A+++ to D" "Compare Sesame Credit's 350–950."
  margin mark list
  margin mark list 2.1
  margin mark rm 1
  margin mark export --format json > notes.jsonld`,
		Args: unknownCommand,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(a.markAddCmd(), a.markListCmd(), a.markRmCmd(), a.markExportCmd())
	return cmd
}

type markAddOptions struct {
	quote, prefix, suffix string
}

func (a *app) markAddCmd() *cobra.Command {
	var o markAddOptions
	cmd := &cobra.Command{
		Use:   "add SECTION --quote \"exact words\" NOTE...",
		Short: "Add a personal note to a passage",
		Long: `Add a note to the passage of SECTION whose exact words you quote with
--quote. SECTION is resolved as in 'margin read' (a number, a slug or words of
the title). Words copied from 'margin read --plain' will do: margin's own
marks in them (°, [N1: misleading], superscript endnote numbers, [my note 3])
are ignored. The NOTE is the rest of the arguments, joined with spaces, or "-"
to read it from standard input (several lines are kept). It is kept exactly
as written, minus control characters, up to 4000 characters.`,
		Example: `  margin mark add 2.1 --quote "ranging from A+++ to D" "Sesame Credit is 350–950, not letters."
  margin mark add coercive --quote "name-and-shame" --suffix "that publicly" "Cf. Gerschewski's pillars"`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usagef([]string{`margin mark add SECTION --quote "exact words" "your note"`}, "mark add needs a SECTION and the note's text")
			}
			return nil
		},
		RunE:              run(func(_ *cobra.Command, args []string) error { return a.runMarkAdd(args, o) }),
		ValidArgsFunction: a.completeSections,
	}
	f := cmd.Flags()
	f.StringVarP(&o.quote, "quote", "q", "", "the paper's exact words the note is about (required)")
	f.StringVar(&o.prefix, "prefix", "", "words just before the quote, when it occurs more than once")
	f.StringVar(&o.suffix, "suffix", "", "words just after the quote, when it occurs more than once")
	return cmd
}

func (a *app) runMarkAdd(args []string, o markAddOptions) error {
	if strings.TrimSpace(o.quote) == "" {
		return usagef([]string{`quote the paper's words: --quote "exact words"`}, "mark add needs --quote")
	}
	rd, err := a.load()
	if err != nil {
		return err
	}
	s, err := findSection(rd, args[0])
	if err != nil {
		return err
	}
	anchor := reading.Anchor{Exact: o.quote, Prefix: o.prefix, Suffix: o.suffix}
	loc, err := reading.LocateExact(s, anchor)
	if err != nil {
		// Words copied from 'margin read --plain' carry margin's own marks.
		bare := reading.Anchor{Exact: stripMarks(o.quote), Prefix: stripMarks(o.prefix), Suffix: stripMarks(o.suffix)}
		if bare != anchor && strings.TrimSpace(bare.Exact) != "" {
			if l, err2 := reading.LocateExact(s, bare); err2 == nil {
				loc, err, anchor = l, nil, bare
			}
		}
	}
	if err != nil {
		var ae *reading.AnchorError
		switch {
		case errors.As(err, &ae) && ae.Count > 1:
			return &hintError{err, []string{"add --prefix \"words before\" or --suffix \"words after\" to say which"}}
		case errors.As(err, &ae) && ae.ExactCount > 0:
			flag, where := "--prefix", "just before"
			if ae.Prefix == "" {
				flag, where = "--suffix", "just after"
			}
			return &hintError{err, []string{fmt.Sprintf("%s takes the words %s the quote, as 'margin read %s --plain' shows them", flag, where, s.Number)}}
		}
		return &hintError{err, []string{fmt.Sprintf("quote the words exactly as 'margin read %s --plain' shows them", s.Number)}}
	}
	text := strings.Join(args[1:], " ")
	if text == "-" {
		data, err := io.ReadAll(io.LimitReader(a.io.in, 1<<20))
		if err != nil {
			return fmt.Errorf("reading the note from standard input: %w", err)
		}
		text = string(data)
	}
	p := s.Paragraphs[loc.Para].Plain
	m, err := a.marksStore().Add(marks.Mark{
		Reading: rd.Meta.ID,
		Section: s.Number,
		Quote:   p[loc.Start:loc.End],
		Prefix:  anchor.Prefix,
		Suffix:  anchor.Suffix,
		Text:    text,
	})
	if err != nil {
		return storeError(err)
	}
	_, err = fmt.Fprintf(a.io.out, "Added note %s to section %s, at “%s”.\n", m.ID, s.Number, oneLine(m.Quote))
	return err
}

// margin's own marks in plain text: a glossary term's °, a fact-check's
// [N1: misleading], a personal note's [my note 3], and superscript endnote
// numbers. Their words are held together by no-break spaces, which a copy
// from the terminal keeps.
var ownMarks = regexp.MustCompile(`°|[\s\x{a0}]*\[N\d+:[\s\x{a0}][a-z\s\x{a0}-]+\]|[\s\x{a0}]*\[my[\s\x{a0}]note[\s\x{a0}][^\]\s\x{a0}]+\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+`)

// stripMarks removes margin's own marks from words copied from
// 'margin read --plain', so that they can be quoted.
func stripMarks(s string) string {
	return strings.Join(strings.Fields(ownMarks.ReplaceAllString(s, "")), " ")
}

func (a *app) markListCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "list [SECTION...]",
		Aliases:           []string{"ls"},
		Short:             "List your personal notes, all or a section's",
		Example:           "  margin mark list\n  margin mark list 2.1",
		RunE:              run(func(_ *cobra.Command, args []string) error { return a.runMarkList(args) }),
		ValidArgsFunction: a.completeSections,
	}
}

func (a *app) runMarkList(args []string) error {
	a.prepare()
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
	all, err := a.readingMarks(rd)
	if err != nil {
		return err
	}
	ro, err := a.renderOptions()
	if err != nil {
		return err
	}
	var b strings.Builder
	n := 0
	for _, s := range sections {
		var in []marks.Mark
		for _, m := range all {
			if m.Section == s.Number {
				in = append(in, m)
			}
		}
		if len(in) == 0 {
			continue
		}
		fmt.Fprintf(&b, "**%s %s**\n\n", s.Number, render.EscapeInline(s.Title))
		for _, m := range in {
			n++
			um := render.PlaceMark(rd, m)
			fmt.Fprintf(&b, "%s “%s”", render.MarkMarker(m.ID, ro.Plain), render.EscapeInline(m.Quote))
			if um.Orphan {
				b.WriteString(" (no longer found in the text)")
			}
			fmt.Fprintf(&b, " · %s\n%s\n\n", m.Created.Local().Format("2006-01-02"), render.EscapeText(m.Text))
		}
	}
	// Notes on sections this reading no longer has are listed too.
	if len(args) == 0 {
		for _, m := range all {
			if rd.Section(m.Section) == nil {
				n++
				fmt.Fprintf(&b, "%s section %s (no longer in the paper) “%s”\n%s\n\n", render.MarkMarker(m.ID, ro.Plain),
					render.EscapeInline(m.Section), render.EscapeInline(m.Quote), render.EscapeText(m.Text))
			}
		}
	}
	if n == 0 {
		if len(args) > 0 {
			b.WriteString("No personal notes in these sections.\n")
		} else {
			b.WriteString("No personal notes yet.\n")
		}
		b.WriteString("\n→ `margin mark add SECTION --quote \"exact words\" \"your note\"`\n")
	}
	return a.emit(b.String())
}

func (a *app) markRmCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "rm ID...",
		Aliases: []string{"remove", "delete"},
		Short:   "Remove personal notes by id",
		Example: "  margin mark rm 1",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef([]string{"run 'margin mark list' for your notes and their ids"}, "mark rm needs the id of a note")
			}
			return nil
		},
		RunE: run(func(_ *cobra.Command, args []string) error {
			st := a.marksStore()
			for _, id := range args {
				m, err := st.Remove(id)
				if err != nil {
					return storeError(err)
				}
				if _, err := fmt.Fprintf(a.io.out, "Removed note %s (section %s, “%s”).\n", m.ID, m.Section, oneLine(m.Quote)); err != nil {
					return err
				}
			}
			return nil
		}),
		ValidArgsFunction: a.completeMarks,
	}
}

func (a *app) markExportCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export your personal notes as Markdown or W3C Web Annotations (JSON-LD)",
		Long: `Export your personal notes on this paper: --format md (default) writes a
Markdown document grouped by section; --format json writes a W3C Web
Annotation collection (JSON-LD), each note a TextQuoteSelector on the paper.`,
		Example:           "  margin mark export > my-notes.md\n  margin mark export --format json > my-notes.jsonld",
		Args:              cobra.NoArgs,
		RunE:              run(func(_ *cobra.Command, _ []string) error { return a.runMarkExport(format) }),
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	cmd.Flags().StringVar(&format, "format", "md", "md or json")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"md", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func (a *app) runMarkExport(format string) error {
	if format != "md" && format != "markdown" && format != "json" {
		return usagef([]string{"formats: md, json"}, "unknown export format %q", format)
	}
	rd, err := a.load()
	if err != nil {
		return err
	}
	ms, err := a.readingMarks(rd)
	if err != nil {
		return err
	}
	target := marks.Target{Source: rd.Meta.URL, Title: rd.Meta.FullTitle(), Sections: map[string]string{}}
	if target.Source == "" {
		target.Source = "urn:margin:" + rd.Meta.ID
	}
	for _, s := range rd.Sections {
		target.Sections[s.Number] = s.Title
	}
	if format == "json" {
		return marks.ExportJSON(a.io.out, ms, target)
	}
	return marks.ExportMarkdown(a.io.out, ms, target)
}
