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
	"github.com/margin-reader/margin/internal/safefile"
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
in plain text) and listed under the section, apart from the fact-checks.
When the text changes, a note follows its words: to the closest passage
when a word changed (it says what the text now reads), to another section
when the passage moved. A note whose words are gone is listed under its
section as no longer anchored, never dropped: 'margin mark list --orphans'
lists them, 'margin mark move' re-attaches one.

Classmates swap notes with 'margin mark export --format json' and 'margin
mark import', which also reads Hypothesis exports; each note keeps whose it
is.

They are kept in $MARGIN_DATA_DIR/marks.json, or else in margin/marks.json in
your XDG data directory (~/.local/share). Every write is atomic and locked;
a store margin cannot read is left untouched.`,
		Example: `  margin mark add 2.1 --quote "ranging from A+++ to D" "Compare Sesame Credit's 350–950."
  margin mark list
  margin mark list 2.1
  margin mark rm 1
  margin mark export --format json > notes.jsonld
  margin mark import ana-notes.jsonld
  margin mark move 3 --quote "ranging from A+++ to D"`,
		Args: unknownCommand,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(a.markAddCmd(), a.markListCmd(), a.markRmCmd(), a.markExportCmd(), a.markMoveCmd(), a.markImportCmd())
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
	anchor, loc, err := locateQuote(s, o)
	if err != nil {
		return err
	}
	text := strings.Join(args[1:], " ")
	if text == "-" {
		data, err := io.ReadAll(io.LimitReader(a.io.in, 1<<20))
		if err != nil {
			return fmt.Errorf("reading the note from standard input: %w", err)
		}
		text = string(data)
	}
	m, err := a.marksStore().Add(markAt(rd, s, loc, anchor, text))
	if err != nil {
		return storeError(err)
	}
	_, err = fmt.Fprintf(a.io.out, "Added note %s to section %s, at “%s”.\n", m.ID, s.Number, oneLine(m.Quote))
	return err
}

// locateQuote checks that the words quoted for a new anchor occur exactly
// once in section s (words copied from 'margin read --plain', with margin's
// own marks, will do) and returns the anchor and where it stands.
func locateQuote(s *reading.Section, o markAddOptions) (reading.Anchor, reading.Location, error) {
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
	if err == nil {
		return anchor, loc, nil
	}
	var ae *reading.AnchorError
	switch {
	case errors.As(err, &ae) && ae.Count > 1:
		return anchor, loc, &hintError{err, []string{"add --prefix \"words before\" or --suffix \"words after\" to say which"}}
	case errors.As(err, &ae) && ae.ExactCount > 0:
		flag, where := "--prefix", "just before"
		if ae.Prefix == "" {
			flag, where = "--suffix", "just after"
		}
		return anchor, loc, &hintError{err, []string{fmt.Sprintf("%s takes the words %s the quote, as 'margin read %s --plain' shows them", flag, where, s.Number)}}
	}
	return anchor, loc, &hintError{err, []string{fmt.Sprintf("quote the words exactly as 'margin read %s --plain' shows them", s.Number)}}
}

// contextBytes is how much text on each side of its words a new note keeps.
const contextBytes = 32

// markAt is a new personal note on the words at loc of section s: the words
// as the text has them, the anchor's context (the words around them, when
// the user gave none), the position hint and the hash of the section's
// text.
func markAt(rd *reading.Reading, s *reading.Section, loc reading.Location, anchor reading.Anchor, text string) marks.Mark {
	p := s.Paragraphs[loc.Para].Plain
	if anchor.Prefix == "" && anchor.Suffix == "" {
		// Context the user did not need to give, kept so that the note can
		// be told apart by it should the text change.
		anchor.Prefix, anchor.Suffix = s.Context(loc, contextBytes)
	}
	return marks.Mark{
		Reading:  rd.Meta.ID,
		Section:  s.Number,
		Quote:    p[loc.Start:loc.End],
		Prefix:   anchor.Prefix,
		Suffix:   anchor.Suffix,
		Text:     text,
		Position: s.Offset(loc),
		TextHash: s.TextHash(),
	}
}

// margin's own marks in plain text: a glossary term's °, a fact-check's
// [N1: misleading], a personal note's [my note 3] (or [note 3], someone
// else's), and superscript endnote
// numbers. Their words are held together by no-break spaces, which a copy
// from the terminal keeps.
var ownMarks = regexp.MustCompile(`°|[\s\x{a0}]*\[N\d+:[\s\x{a0}][a-z\s\x{a0}-]+\]|[\s\x{a0}]*\[(?:my[\s\x{a0}])?note[\s\x{a0}][^\]\s\x{a0}]+\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+`)

// stripMarks removes margin's own marks from words copied from
// 'margin read --plain', so that they can be quoted.
func stripMarks(s string) string {
	return strings.Join(strings.Fields(ownMarks.ReplaceAllString(s, "")), " ")
}

type markListOptions struct {
	orphans bool
	by      string
}

func (a *app) markListCmd() *cobra.Command {
	var o markListOptions
	cmd := &cobra.Command{
		Use:     "list [SECTION...]",
		Aliases: []string{"ls"},
		Short:   "List your personal notes, all or a section's",
		Long: `List the personal notes on this reading, section by section: each with its
quoted words, whose note it is when it is someone else's, and how it is
anchored now. A note whose words changed in the text is re-anchored to the
closest passage and says what the text now reads; one whose words are gone
is an orphan, listed with its quote (--orphans lists only those; re-attach
one with 'margin mark move').`,
		Example:           "  margin mark list\n  margin mark list 2.1\n  margin mark list --orphans\n  margin mark list --by ana",
		RunE:              run(func(_ *cobra.Command, args []string) error { return a.runMarkList(args, o) }),
		ValidArgsFunction: a.completeSections,
	}
	cmd.Flags().BoolVar(&o.orphans, "orphans", false, "list only the notes whose words are no longer in the text")
	cmd.Flags().StringVar(&o.by, "by", "", "list only the notes of this person (\"me\" for your own)")
	return cmd
}

// byCreator keeps the notes of one person: "me" (or "") for the reader's
// own, else a creator's name in any case.
func byCreator(ms []marks.Mark, by string) []marks.Mark {
	by = strings.TrimSpace(by)
	if by == "" {
		return ms
	}
	var out []marks.Mark
	for _, m := range ms {
		if strings.EqualFold(m.Creator, by) || m.Creator == "" && strings.EqualFold(by, "me") {
			out = append(out, m)
		}
	}
	return out
}

// marksBy returns the personal notes on rd by the creator by ("me" for
// the reader's own; every note when by is empty). A name that wrote none
// of the notes there are is an error naming those who did.
func (a *app) marksBy(rd *reading.Reading, by string) ([]marks.Mark, error) {
	all, err := a.readingMarks(rd)
	if err != nil {
		return nil, err
	}
	ms := byCreator(all, by)
	if len(ms) == 0 && len(all) > 0 && strings.TrimSpace(by) != "" {
		return nil, &hintError{fmt.Errorf("no notes by %q", oneLine(by)), []string{"the notes are by: " + strings.Join(creators(all), ", ")}}
	}
	return ms, nil
}

// creators lists the names of the notes' creators, for a hint.
func creators(ms []marks.Mark) []string {
	seen := map[string]bool{}
	var names []string
	for _, m := range ms {
		if m.Creator == "" && !seen[""] {
			seen[""] = true
			names = append(names, "me")
		}
		if m.Creator != "" && !seen[strings.ToLower(m.Creator)] {
			seen[strings.ToLower(m.Creator)] = true
			names = append(names, m.Creator)
		}
	}
	return names
}

func (a *app) runMarkList(args []string, o markListOptions) error {
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
	mine, err := a.marksBy(rd, o.by)
	if err != nil {
		return err
	}
	ro, err := a.renderOptions()
	if err != nil {
		return err
	}
	var b strings.Builder
	n := 0
	bySection := marks.BySection(mine)
	for _, s := range sections {
		var in []marks.Mark
		var placed []render.UserMark
		for _, m := range bySection[s.Number] {
			if um := render.PlaceMark(rd, m); um.Orphan || !o.orphans {
				in, placed = append(in, m), append(placed, um)
			}
		}
		if len(placed) == 0 {
			continue
		}
		fmt.Fprintf(&b, "**%s %s**\n\n", s.Number, render.EscapeInline(s.Title))
		for i, um := range placed {
			n++
			writeListedMark(&b, in[i], um, ro.Plain)
		}
	}
	// Notes on sections this reading no longer has (or never named) are
	// listed too: as orphans, or where their words are now.
	if len(args) == 0 {
		heading := ""
		for _, m := range mine {
			if rd.Section(m.Section) != nil {
				continue
			}
			um := render.PlaceMark(rd, m)
			if o.orphans && !um.Orphan {
				continue
			}
			n++
			where := "No section"
			if m.Section != "" {
				where = "Section " + render.EscapeInline(m.Section) + " (no longer in the reading)"
			}
			if where != heading {
				fmt.Fprintf(&b, "**%s**\n\n", where)
				heading = where
			}
			writeListedMark(&b, m, um, ro.Plain)
		}
	}
	if n == 0 {
		switch {
		case o.orphans:
			b.WriteString("No orphaned notes: every note is anchored in the text.\n")
			return a.emit(b.String())
		case len(args) > 0:
			b.WriteString("No personal notes in these sections.\n")
		default:
			b.WriteString("No personal notes yet.\n")
		}
		b.WriteString("\n→ `margin mark add SECTION --quote \"exact words\" \"your note\"`\n")
	}
	return a.emit(b.String())
}

// writeListedMark writes one note of 'mark list': marker, quote, how it is
// anchored, whose it is, date, and text.
func writeListedMark(b *strings.Builder, m marks.Mark, um render.UserMark, plain bool) {
	fmt.Fprintf(b, "%s “%s”", render.MarkMarker(m.ID, m.Creator, plain), render.EscapeInline(m.Quote))
	switch {
	case um.Orphan:
		b.WriteString(" (no longer found in the text)")
	case um.Moved != "":
		fmt.Fprintf(b, " (moved to section %s: “%s”)", render.EscapeInline(um.Moved), render.EscapeInline(um.Loc.Found))
	case um.Loc.Fit == reading.FitApprox && um.Loc.Found != m.Quote:
		fmt.Fprintf(b, " (re-anchored: the text now reads “%s”)", render.EscapeInline(um.Loc.Found))
	}
	if m.Creator != "" {
		fmt.Fprintf(b, " — %s", render.EscapeInline(m.Creator))
	}
	fmt.Fprintf(b, " · %s\n%s\n\n", m.Created.Local().Format("2006-01-02"), render.EscapeText(m.Text))
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
				if err := a.markOnReading(id); err != nil {
					return err
				}
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

type markExportOptions struct {
	format, by, creator string
}

func (a *app) markExportCmd() *cobra.Command {
	var o markExportOptions
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export your personal notes as Markdown or W3C Web Annotations (JSON-LD)",
		Long: `Export your personal notes on this reading: --format md (default) writes a
Markdown document grouped by section; --format json writes a W3C Web
Annotation collection (JSON-LD), each note a TextQuoteSelector on the
reading, which 'margin mark import' reads back. --creator NAME signs your
own notes with your name, so that classmates who import them see whose they
are; notes imported from others keep their creators.`,
		Example:           "  margin mark export > my-notes.md\n  margin mark export --format json > my-notes.jsonld\n  margin mark export --format json --creator ana > ana.jsonld\n  margin mark export --by ana",
		Args:              cobra.NoArgs,
		RunE:              run(func(_ *cobra.Command, _ []string) error { return a.runMarkExport(o) }),
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	cmd.Flags().StringVar(&o.format, "format", "md", "md or json")
	cmd.Flags().StringVar(&o.by, "by", "", "export only the notes of this person (\"me\" for your own)")
	cmd.Flags().StringVar(&o.creator, "creator", "", "your name, to sign your own notes with")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"md", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// exportTarget describes the reading for an export or an import.
func exportTarget(rd *reading.Reading) marks.Target {
	target := marks.Target{Source: rd.Meta.URL, Title: rd.Meta.FullTitle(), Sections: map[string]string{}}
	if target.Source == "" {
		target.Source = "urn:margin:" + rd.Meta.ID
	}
	for _, s := range rd.Sections {
		target.Sections[s.Number] = s.Title
	}
	return target
}

func (a *app) runMarkExport(o markExportOptions) error {
	if o.format != "md" && o.format != "markdown" && o.format != "json" {
		return usagef([]string{"formats: md, json"}, "unknown export format %q", o.format)
	}
	rd, err := a.load()
	if err != nil {
		return err
	}
	ms, err := a.marksBy(rd, o.by)
	if err != nil {
		return err
	}
	if name := oneLine(o.creator); name != "" {
		for i := range ms {
			if ms[i].Creator == "" {
				ms[i].Creator = name
			}
		}
	}
	target := exportTarget(rd)
	if o.format == "json" {
		return marks.ExportJSON(a.io.out, ms, target)
	}
	return marks.ExportMarkdown(a.io.out, ms, target)
}

type markMoveOptions struct {
	markAddOptions
	section string
}

func (a *app) markMoveCmd() *cobra.Command {
	var o markMoveOptions
	cmd := &cobra.Command{
		Use:   "move ID --quote \"exact words\" [--section SECTION]",
		Short: "Re-attach a personal note to other words",
		Long: `Re-attach the note ID to the words you quote with --quote, in its own section
or in --section SECTION: an orphaned note whose words are gone from the text
('margin mark list --orphans'), or one re-anchored to the wrong passage. The
quote must occur exactly once, as for 'margin mark add'. The note's text,
id and date stay.`,
		Example: `  margin mark move 1 --quote "ranging from A+++ to D"
  margin mark move 1 --section 2.2 --quote "name-and-shame" --suffix "that publicly"`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef([]string{`margin mark move ID --quote "exact words"`, "run 'margin mark list --orphans' for the notes that lost their place"}, "mark move needs the id of one note")
			}
			return nil
		},
		RunE:              run(func(_ *cobra.Command, args []string) error { return a.runMarkMove(args[0], o) }),
		ValidArgsFunction: a.completeMarks,
	}
	f := cmd.Flags()
	f.StringVarP(&o.quote, "quote", "q", "", "the exact words to attach the note to (required)")
	f.StringVar(&o.prefix, "prefix", "", "words just before the quote, when it occurs more than once")
	f.StringVar(&o.suffix, "suffix", "", "words just after the quote, when it occurs more than once")
	f.StringVarP(&o.section, "section", "s", "", "the section the words are in (default: the note's own)")
	_ = cmd.RegisterFlagCompletionFunc("section", a.completeSections)
	return cmd
}

func (a *app) runMarkMove(id string, o markMoveOptions) error {
	if strings.TrimSpace(o.quote) == "" {
		return usagef([]string{`quote the words to attach it to: --quote "exact words"`}, "mark move needs --quote")
	}
	rd, err := a.load()
	if err != nil {
		return err
	}
	all, err := a.readingMarks(rd)
	if err != nil {
		return err
	}
	section := o.section
	if section == "" {
		for _, m := range all {
			if m.ID == strings.TrimSpace(id) {
				section = m.Section
			}
		}
		if section == "" || rd.Section(section) == nil {
			if _, err := a.marksStore().Move(id, marks.Mark{}); errors.Is(err, marks.ErrNotFound) {
				return storeError(err)
			}
			what := "names no section"
			if section != "" {
				what = fmt.Sprintf("is on section %s, which this reading does not have", oneLine(section))
			}
			return usagef([]string{"say which section the words are in: --section SECTION"}, "note %s %s", oneLine(id), what)
		}
	}
	s, err := findSection(rd, section)
	if err != nil {
		return err
	}
	anchor, loc, err := locateQuote(s, o.markAddOptions)
	if err != nil {
		return err
	}
	to := markAt(rd, s, loc, anchor, "")
	m, err := a.marksStore().Move(id, to)
	if err != nil {
		return storeError(err)
	}
	_, err = fmt.Fprintf(a.io.out, "Moved note %s to section %s, at “%s”.\n", m.ID, s.Number, oneLine(m.Quote))
	return err
}

type markImportOptions struct {
	creator string
}

func (a *app) markImportCmd() *cobra.Command {
	var o markImportOptions
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Import notes from a classmate's export or from Hypothesis",
		Long: `Import annotations on this reading from FILE ("-" for standard input): W3C
Web Annotation JSON, as 'margin mark export --format json' writes it, or
Hypothesis JSON (an export, or the API's search results). Each note keeps
its creator and is anchored as your own notes are: exactly, approximately
when the text differs a little, or kept as an orphan ('margin mark list
--orphans'). A note imported before is not imported again. Notes that name
no creator count as yours unless you give --creator NAME. Annotations that
cannot be used (a reply, a highlight with no note, no quoted words) are
named in a warning and skipped.`,
		Example: `  margin mark import ana.jsonld
  margin mark import hypothesis.json
  margin mark import --creator ben ben-notes.jsonld`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef([]string{"margin mark import FILE", "make FILE with 'margin mark export --format json' or export it from Hypothesis"}, "mark import needs one FILE")
			}
			return nil
		},
		RunE: run(func(_ *cobra.Command, args []string) error { return a.runMarkImport(args[0], o) }),
	}
	cmd.Flags().StringVar(&o.creator, "creator", "", "whose notes they are, when the file does not say")
	return cmd
}

func (a *app) readImportFile(name string) ([]byte, error) {
	if name == "-" {
		data, err := io.ReadAll(io.LimitReader(a.io.in, marks.MaxImportBytes+1))
		if err == nil && len(data) > marks.MaxImportBytes {
			err = fmt.Errorf("standard input holds more than %s", safefile.Size(marks.MaxImportBytes))
		}
		return data, err
	}
	return safefile.ReadFile(name, marks.MaxImportBytes)
}

func (a *app) runMarkImport(name string, o markImportOptions) error {
	rd, err := a.load()
	if err != nil {
		return err
	}
	data, err := a.readImportFile(name)
	if err != nil {
		return &hintError{fmt.Errorf("cannot read %s: %w", oneLine(name), err), []string{"give a file written by 'margin mark export --format json' or exported from Hypothesis"}}
	}
	anns, bad, err := marks.ParseAnnotations(data)
	if err != nil {
		return &hintError{fmt.Errorf("cannot import %s: %w", oneLine(name), err), []string{"margin imports W3C Web Annotation JSON ('margin mark export --format json') and Hypothesis JSON"}}
	}
	for _, b := range bad {
		warn(a.io.errOut, "%s: %s: skipped", oneLine(name), b.Error())
	}
	creator := oneLine(o.creator)
	var ms []marks.Mark
	unsigned := 0
	for _, an := range anns {
		m := marks.Mark{Reading: rd.Meta.ID, Section: an.Section, Quote: an.Quote, Prefix: an.Prefix, Suffix: an.Suffix,
			Text: an.Text, Creator: an.Creator, Origin: an.ID, Created: an.Created}
		if m.Creator == "" {
			m.Creator = creator
		}
		if m.Creator == "" {
			unsigned++
		}
		loc, err := rd.Locate(an.Section, reading.Anchor{Exact: an.Quote, Prefix: an.Prefix, Suffix: an.Suffix})
		if s := rd.Section(loc.Section); err == nil && !loc.Orphan() && s != nil {
			m.Section, m.Position, m.TextHash = s.Number, s.Offset(loc), s.TextHash()
		}
		ms = append(ms, m)
	}
	res, err := a.marksStore().Import(exportTarget(rd).Source, ms)
	if err != nil {
		return storeError(err)
	}
	k := 0
	for _, m := range res.Added {
		if pl := render.PlaceMark(rd, m); pl.Orphan {
			k++
		}
	}
	if unsigned > 0 && len(res.Added) > 0 {
		warn(a.io.errOut, "%d of the notes name no creator and are shown as yours; import with --creator NAME to say whose they are", unsigned)
	}
	_, err = fmt.Fprintf(a.io.out, "Imported %s, skipped %s, %s.\n", plural(len(res.Added), "note"), plural(res.Duplicates, "duplicate"), plural(k, "orphan"))
	if err == nil && k > 0 {
		_, err = fmt.Fprintln(a.io.out, "→ margin mark list --orphans")
	}
	return err
}
