package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func (a *app) manCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Write margin's manual page, margin(1), in roff",
		Long: `Write margin's manual page to standard output, in roff, generated from the
commands themselves (their help, flags and examples), so it never drifts from
them. Install it where man looks for pages in section 1, for example:

  mkdir -p ~/.local/share/man/man1 && margin man > ~/.local/share/man/man1/margin.1

then read it with 'man margin'. To read it without installing it:

  margin man | man -l -`,
		Example: `  margin man > margin.1
  margin man | man -l -`,
		Args:              cobra.NoArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			return writeManPage(a.io.out, cmd.Root())
		}),
	}
}

// manSections are the parts of margin(1) that no command's help holds.
const manEnvironment = `.SH ENVIRONMENT
.TP
.B NO_COLOR
When set (to anything), output is plain text, as with \fB\-\-plain\fR.
.TP
.B TERM
When \fBdumb\fR, output is plain text.
.TP
.B GLAMOUR_STYLE
The style, when \fB\-\-style\fR is not given.
.TP
.B MARGIN_PAGER\fR, \fBPAGER
The pager for output longer than the screen; else \fBless \-FRX\fR.
.TP
.B MARGIN_READING
The reading to open when \fB\-\-reading\fR is not given: a folder, or an installed reading's name.
.TP
.B MARGIN_DATA_DIR
Where your personal notes (\fImarks.json\fR) and installed readings (\fIreadings/\fR) are kept; else \fImargin/\fR in the XDG data directory.
.TP
.B MARGIN_STATE_DIR
Where the reader keeps your place (\fIposition.json\fR for the built-in paper, \fIreadings/ID/position.json\fR for another reading); else \fImargin/\fR in the XDG state directory.
.TP
.BR XDG_DATA_HOME ", " XDG_STATE_HOME ", " XDG_CONFIG_HOME
The XDG base directories (\fI~/.local/share\fR, \fI~/.local/state\fR, \fI~/.config\fR by default).
.SH FILES
.TP
.I ~/.local/share/margin/marks.json
Your personal notes (\fBmargin mark\fR).
.TP
.I ~/.local/share/margin/readings/
The readings installed with \fBmargin library add\fR, one folder (or \fI.margin\fR file) per name.
.TP
.I ~/.local/state/margin/position.json
Where you left off in the built-in paper; \fIreadings/ID/position.json\fR beside it, in another reading.
.SH EXIT STATUS
0 on success; 1 when a command fails (nothing found, a file that cannot be
written, a reading \fBmargin check\fR finds errors in); 2 for a usage error (an unknown command or flag, an invalid value).
Errors are one line on standard error, \fBmargin: error: \fR..., followed by
hints, \fBmargin: hint: \fR...; with \fB\-\-json\fR, one JSON object.
.SH SEE ALSO
.BR less (1),
.BR man (1)
`

// writeManPage writes margin(1) in roff (the man macros) from the command
// tree: the root's description, then each command with its description,
// flags and examples, then the global options.
func writeManPage(w io.Writer, root *cobra.Command) error {
	var b strings.Builder
	fmt.Fprintf(&b, ".TH MARGIN 1 \"\" \"margin %s\" \"User Commands\"\n", roffEscape(versionString()))
	fmt.Fprintf(&b, ".SH NAME\nmargin \\- %s\n", roffEscape(lowerFirst(root.Short)))
	b.WriteString(".SH SYNOPSIS\n.B margin\n[\\fIOPTIONS\\fR] [\\fICOMMAND\\fR] [\\fIARGS\\fR...]\n")
	b.WriteString(".SH DESCRIPTION\n")
	manText(&b, root.Long)
	b.WriteString(".PP\nWith no command, on a terminal, margin opens the interactive reader; off a terminal, it prints the contents.\n")
	if root.Example != "" {
		manExamples(&b, root.Example)
	}
	b.WriteString(".SH COMMANDS\n")
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if !sub.IsAvailableCommand() || sub.Name() == "help" {
				continue
			}
			fmt.Fprintf(&b, ".SS \"%s\"\n", roffEscape(sub.CommandPath()+strings.TrimPrefix(sub.Use, sub.Name())))
			manText(&b, sub.Short+".")
			if sub.Long != "" {
				manText(&b, sub.Long)
			}
			if len(sub.Aliases) > 0 {
				fmt.Fprintf(&b, ".PP\nAlso: %s.\n", roffEscape(strings.Join(sub.Aliases, ", ")))
			}
			manFlags(&b, sub.LocalNonPersistentFlags())
			if sub.Example != "" {
				manExamples(&b, sub.Example)
			}
			if sub.Name() != "completion" { // one entry says it all
				walk(sub)
			}
		}
	}
	walk(root)
	b.WriteString(".SH OPTIONS\nThese apply to every command.\n")
	manFlags(&b, root.PersistentFlags())
	b.WriteString(manEnvironment)
	_, err := io.WriteString(w, b.String())
	return err
}

// manText writes help text as roff paragraphs: blank lines separate
// paragraphs, and indented lines are kept as they are, as examples.
func manText(b *strings.Builder, text string) {
	b.WriteString(".PP\n")
	inExample := false
	for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
		indented := strings.HasPrefix(l, "  ")
		switch {
		case strings.TrimSpace(l) == "":
			if inExample {
				b.WriteString(".EE\n")
				inExample = false
			}
			b.WriteString(".PP\n")
			continue
		case indented && !inExample:
			b.WriteString(".EX\n")
			inExample = true
		case !indented && inExample:
			b.WriteString(".EE\n")
			inExample = false
		}
		b.WriteString(roffLine(strings.TrimSpace(l)) + "\n")
	}
	if inExample {
		b.WriteString(".EE\n")
	}
}

// manExamples writes a command's examples as an example block.
func manExamples(b *strings.Builder, examples string) {
	b.WriteString(".PP\nExamples:\n.PP\n.EX\n")
	for _, l := range strings.Split(strings.TrimRight(examples, "\n"), "\n") {
		b.WriteString(roffLine(strings.TrimSpace(l)) + "\n")
	}
	b.WriteString(".EE\n")
}

// manFlags lists flags as tagged paragraphs.
func manFlags(b *strings.Builder, fs *pflag.FlagSet) {
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		b.WriteString(".TP\n")
		name := "\\fB\\-\\-" + roffEscape(f.Name) + "\\fR"
		if f.Shorthand != "" {
			name = "\\fB\\-" + roffEscape(f.Shorthand) + "\\fR, " + name
		}
		if typ := f.Value.Type(); typ != "bool" {
			name += " \\fI" + roffEscape(typ) + "\\fR"
		}
		b.WriteString(name + "\n")
		usage := f.Usage
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			usage += " (default " + f.DefValue + ")"
		}
		b.WriteString(roffLine(usage) + "\n")
	})
}

// roffEscape escapes text for roff: backslashes, hyphens that must stay
// minus signs (option names) and characters beyond ASCII (written as
// \[uXXXX], which groff and mandoc read whatever the locale).
func roffEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\e`)
		case r == '-':
			b.WriteString(`\-`)
		case r > 0x7e:
			fmt.Fprintf(&b, `\[u%04X]`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// roffLine escapes a line of text, and keeps a line that starts with a
// period or an apostrophe from being read as a request.
func roffLine(s string) string {
	s = roffEscape(s)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
