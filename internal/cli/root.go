// Package cli is margin's command line: thin cobra commands over the reading,
// render and search packages. Main is the only entry point, and printError
// the only place errors are printed.
package cli

import (
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/margin-reader/margin/internal/pack"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X …/internal/cli.version=…";
// otherwise it comes from the module's build information.
var version = ""

// app is what every command shares.
type app struct {
	io       *streams
	opts     globalOptions
	renderer *render.Renderer
	conf     *configFile // the config file, read by setup
	// bundle is the reading, compiled, once opened (see openBundle).
	bundle *pack.Bundle
	// restoreGC turns garbage collection back on for long-running work
	// (see pauseGC).
	restoreGC func()
}

// Main runs margin with the given arguments and returns the exit status.
func Main(args []string) int {
	// A closed pipe (margin read | head) must end margin quietly: with
	// SIGPIPE ignored, writes fail with EPIPE, which exitCode treats as success.
	signal.Ignore(syscall.SIGPIPE)
	restoreGC := pauseGC()
	defer restoreGC()
	a := &app{restoreGC: restoreGC, io: systemStreams(), renderer: render.New()}
	return a.execute(args)
}

// execute runs the command args name and prints its error, if any; it
// returns the exit status.
func (a *app) execute(args []string) int {
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(a.io.in)
	root.SetOut(a.io.out)
	root.SetErr(a.io.errOut)
	err := root.Execute()
	if wantsJSON(args) {
		printJSONError(a.io.errOut, err, args)
	} else {
		printError(a.io.errOut, err, args)
	}
	return exitCode(err)
}

// commandMemoryLimit bounds the heap of a command while pauseGC holds.
const commandMemoryLimit = 512 << 20

// pauseGC turns the garbage collector off for a command's short life and
// returns what turns it back on. A command's garbage is a few megabytes,
// freed at exit anyway: collecting it costs a fifth of margin's own
// start-up time for nothing. The memory limit still makes the collector
// run should a large reading need it; the interactive reader, which runs
// for hours, turns collection back on. A GOGC or GOMEMLIMIT set by the user
// is left alone.
func pauseGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(commandMemoryLimit)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

// loadingWhole turns garbage collection back on before a command parses
// or compiles a whole reading (a folder, margin pack, check, library add):
// that allocates about twenty times the reading's size, which pauseGC would
// keep until its 512 MB limit, where a large reading made the collector run
// over and over. With collection on, memory stays within a few times the
// reading's size (BENCHMARKS.md, "Readings of any size").
func (a *app) loadingWhole() { a.restoreGC() }

// load opens the reading asked for (see openBundle) once.
func (a *app) load() (*reading.Reading, error) {
	b, err := a.openBundle()
	if err != nil {
		return nil, err
	}
	return b.Reading(), nil
}

// run adapts a command's code so that its errors exit with status 1.
func run(fn func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if err := fn(cmd, args); err != nil {
			if _, ok := err.(*usageError); ok {
				return err
			}
			return &runError{err}
		}
		return nil
	}
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "margin",
		Short: "An annotated reading companion for the terminal",
		Long: `margin renders Robin Vochelet's paper "The Social Credit System: A Tool for
Authoritarian Resilience in Mainland China" section by section, with its
endnotes, a glossary, fact-check notes anchored to its claims, and search.`,
		Example: `  margin toc                   # the sections, numbered
  margin read 2.1              # one section
  margin read coercive         # a section by words of its title
  margin glossary "grid mgmt"  # a term, however you spell it
  margin notes --verdict inaccurate
  margin search tiananmen`,
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          unknownCommand,
		RunE:          run(a.runRoot),
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return a.setup(cmd)
		},
	}
	root.SetVersionTemplate("margin {{.Version}}\n")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usagef([]string{"run '" + cmd.CommandPath() + " --help' for the flags"}, "%s", err)
	})
	f := root.PersistentFlags()
	f.BoolVar(&a.opts.plain, "plain", false, "plain text: no colour, no styling")
	f.StringVar(&a.opts.color, "color", "auto", "colour: auto, always or never")
	f.StringVar(&a.opts.style, "style", "", "style: dark, light, ascii, notty, dracula, tokyo-night or pink (default dark, or $GLAMOUR_STYLE, or the config file)")
	f.IntVar(&a.opts.width, "width", 0, "width in columns (default: the terminal's, at most 100; 80 off a terminal)")
	f.BoolVar(&a.opts.noPager, "no-pager", false, "never page output")
	f.StringVar(&a.opts.reading, "reading", "", "open this reading folder (docs/FORMAT.md) or .margin file, or the installed reading of this name (see 'margin library'), instead of the built-in paper (or $MARGIN_READING)")
	_ = root.RegisterFlagCompletionFunc("reading", a.completeReadings)
	_ = root.RegisterFlagCompletionFunc("style", cobra.FixedCompletions(render.Styles, cobra.ShellCompDirectiveNoFileComp))
	_ = root.RegisterFlagCompletionFunc("color", cobra.FixedCompletions([]string{"auto", "always", "never"}, cobra.ShellCompDirectiveNoFileComp))
	root.AddCommand(a.tocCmd(), a.readCmd(), a.endnotesCmd(), a.glossaryCmd(), a.notesCmd(), a.searchCmd(), a.versionCmd(),
		a.handoutCmd(), a.citeCmd(), a.quizCmd(), a.markCmd(), a.configCmd(), a.manCmd())
	root.AddCommand(a.libraryCmd())
	root.AddCommand(a.checkCmd())
	root.AddCommand(a.packCmd())
	root.AddCommand(a.importCmd())
	return root
}

// unknownCommand rejects an argument to margin itself or to a command
// group such as mark, which can only be a mistyped command, suggesting the
// commands it is closest to.
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	cmd.SuggestionsMinimumDistance = 2
	hint := "run '" + cmd.CommandPath() + " --help' for the commands"
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		hint = "did you mean " + strings.Join(s, " or ") + "?"
	}
	return usagef([]string{hint}, "unknown command %q for %q", args[0], cmd.CommandPath())
}

// runRoot prints the table of contents with a hint; the interactive reader
// takes its place on a terminal.
func (a *app) runRoot(cmd *cobra.Command, _ []string) error {
	if a.interactive() {
		return a.runReader()
	}
	if err := a.runTOC(cmd, nil); err != nil {
		return err
	}
	_, err := a.io.errOut.Write([]byte("margin: hint: run 'margin read SECTION' to read a section, or 'margin --help' for more\n"))
	return err
}

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print margin's version",
		Args:    cobra.NoArgs,
		Example: "  margin version",
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			_, err := cmd.OutOrStdout().Write([]byte("margin " + versionString() + "\n"))
			return err
		}),
	}
}

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// prepare starts setting up the renderer on another goroutine while the
// command loads what it will emit (see render.Renderer.Prepare). Commands
// call it first thing when they will emit Markdown.
func (a *app) prepare() { a.renderer.Prepare() }

// emit renders Markdown with the global options and writes it, paged.
func (a *app) emit(md string) error {
	o, err := a.renderOptions()
	if err != nil {
		return err
	}
	out, err := a.renderer.Render(md, o)
	if err != nil {
		return err
	}
	return a.page(out)
}
