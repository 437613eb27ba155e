package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/adrg/xdg"
	"github.com/margin-reader/margin/internal/render"
	"github.com/margin-reader/margin/internal/safefile"
	"github.com/margin-reader/margin/internal/sanitize"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

// The config file is optional: margin/config.yaml in the XDG config
// directory, with the keys below. Flags and the environment win over it.
const configFileName = "config.yaml"

// configKeys are the keys a config file may set, in the order margin config
// prints them.
var configKeys = []string{"style", "width", "pager", "marks"}

// configFile is what a config file sets; a nil field is not set.
type configFile struct {
	path  string
	found bool
	style *string
	width *int
	pager *string
	marks *bool
	line  map[string]int // the line each key is set on
}

// configPath is where the config file is looked for:
// $XDG_CONFIG_HOME/margin/config.yaml, else the platform's config directory
// (~/.config on Linux).
func (a *app) configPath() string {
	if dir := a.io.getenv("XDG_CONFIG_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "margin", configFileName)
	}
	return filepath.Join(xdg.ConfigHome, "margin", configFileName)
}

// maxConfigBytes bounds the config file margin reads: a handful of keys.
const maxConfigBytes = 64 << 10

// readConfig reads the config file at path. A missing file sets nothing; a
// file margin cannot read or parse is an error naming it and the line.
func readConfig(path string) (*configFile, error) {
	data, err := safefile.ReadFile(path, maxConfigBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return &configFile{path: path}, nil
	}
	if err != nil {
		return nil, &hintError{fmt.Errorf("cannot read the config file: %w", err),
			[]string{"fix or remove it: margin runs without a config file"}}
	}
	return parseConfig(path, data)
}

// parseConfig parses a config file strictly: a key margin does not know, a
// key set twice or a value of the wrong kind is an error naming the file and
// the line.
func parseConfig(path string, data []byte) (*configFile, error) {
	c := &configFile{path: path, found: true, line: map[string]int{}}
	fail := func(line int, hints []string, format string, args ...any) error {
		return &hintError{fmt.Errorf("%s line %d: %s", path, line, fmt.Sprintf(format, args...)), hints}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 1
		if rest, ok := strings.CutPrefix(msg, "line "); ok {
			if n, tail, ok := strings.Cut(rest, ": "); ok {
				if l, err := strconv.Atoi(n); err == nil {
					line, msg = l, tail
				}
			}
		}
		return nil, fail(line, []string{"write one 'key: value' a line, e.g. 'style: light'"}, "not valid YAML: %s", msg)
	}
	if len(doc.Content) == 0 { // empty, or only comments
		return c, nil
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, fail(top.Line, []string{"write one 'key: value' a line; keys: " + strings.Join(configKeys, ", ")},
			"the file must hold 'key: value' lines")
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		key := k.Value
		if prev, ok := c.line[key]; ok {
			return nil, fail(k.Line, []string{"keep one of them"}, "%q is set twice (also on line %d)", key, prev)
		}
		c.line[key] = k.Line
		isStr := v.Kind == yaml.ScalarNode && v.Tag == "!!str"
		switch key {
		case "style":
			if !isStr || !render.ValidStyle(v.Value) {
				return nil, fail(v.Line, []string{"styles: " + strings.Join(render.Styles, ", ")}, "unknown style %q", v.Value)
			}
			c.style = &v.Value
		case "width":
			n, err := strconv.Atoi(v.Value)
			if v.Kind != yaml.ScalarNode || v.Tag != "!!int" || err != nil || n < render.MinWidth || n > 1000 {
				return nil, fail(v.Line, []string{fmt.Sprintf("use a width from %d to 1000, e.g. 'width: 80'", render.MinWidth)}, "invalid width %q", v.Value)
			}
			c.width = &n
		case "pager":
			if !isStr {
				return nil, fail(v.Line, []string{`give a command, e.g. 'pager: less -R', or 'pager: ""' for none`}, "invalid pager %q", v.Value)
			}
			c.pager = &v.Value
		case "marks":
			if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
				return nil, fail(v.Line, []string{"use 'marks: true' or 'marks: false'"}, "invalid marks %q", v.Value)
			}
			b := v.Value == "true" || v.Value == "True" || v.Value == "TRUE"
			c.marks = &b
		default:
			hints := []string{"keys: " + strings.Join(configKeys, ", ")}
			if near := closestKey(key); near != "" {
				hints = []string{"did you mean " + near + "?", hints[0]}
			}
			return nil, fail(k.Line, hints, "unknown key %q", key)
		}
	}
	return c, nil
}

// closestKey is the config key a misspelt key was probably meant to be.
func closestKey(key string) string {
	key = strings.ToLower(key)
	for _, k := range configKeys {
		if strings.HasPrefix(key, k) || strings.HasPrefix(k, key) && len(key) >= 2 || editDistance(key, k) <= 2 {
			return k
		}
	}
	switch key {
	case "theme", "colours", "colors":
		return "style"
	case "columns", "cols":
		return "width"
	case "notes", "mark":
		return "marks"
	}
	return ""
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

// settings are the effective style, width, pager and personal-notes setting,
// each with where it came from, and whether output is plain.
type settings struct {
	style, styleFrom string
	width            int
	widthFrom        string
	widthFixed       bool   // set by --width or the config file, not the terminal
	pager, pagerFrom string // pager "" means no pager
	marks            bool
	marksFrom        string
	plain            bool
}

// setup reads the config file and warns about an environment margin cannot
// use. Every command but completion, help and version runs it first, so
// that those work whatever the file holds.
func (a *app) setup(cmd *cobra.Command) error {
	for c := cmd; c != nil; c = c.Parent() {
		switch c.Name() {
		case "completion", cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd, "help", "version":
			return nil
		}
	}
	conf, err := readConfig(a.configPath())
	if err != nil {
		return &runError{err}
	}
	a.conf = conf
	if env := a.io.getenv("GLAMOUR_STYLE"); env != "" && !render.ValidStyle(env) && a.opts.style == "" {
		st, _ := a.settings()
		warn(a.io.errOut, "unknown style %q in $GLAMOUR_STYLE, so margin uses %s; unset it or set it to one of: %s",
			env, st.style, strings.Join(render.Styles, ", "))
	}
	return nil
}

// settings works out the effective settings: flags first, then the
// environment, then the config file, then margin's defaults.
func (a *app) settings() (settings, error) {
	g, s := &a.opts, a.io
	conf := a.conf
	if conf == nil {
		conf = &configFile{}
	}
	from := func(key string) string {
		return fmt.Sprintf("config file, line %d", conf.line[key])
	}
	st := settings{style: "dark", styleFrom: "default", marks: true, marksFrom: "default"}

	switch g.color {
	case "auto", "":
		st.plain = !s.tty || s.getenv("NO_COLOR") != "" || s.getenv("TERM") == "dumb"
	case "always":
	case "never":
		st.plain = true
	default:
		return st, usagef([]string{"use --color auto, always or never"}, "invalid --color %q", g.color)
	}
	if g.plain {
		st.plain = true
	}

	env := s.getenv("GLAMOUR_STYLE")
	switch {
	case g.style != "":
		if !render.ValidStyle(g.style) {
			return st, usagef([]string{"styles: " + strings.Join(render.Styles, ", ")}, "unknown style %q", g.style)
		}
		st.style, st.styleFrom = g.style, "--style"
	case render.ValidStyle(env):
		st.style, st.styleFrom = env, "$GLAMOUR_STYLE"
	case conf.style != nil:
		st.style, st.styleFrom = *conf.style, from("style")
	}

	switch {
	case g.width != 0 && (g.width < render.MinWidth || g.width > 1000):
		return st, usagef([]string{fmt.Sprintf("use a width from %d to 1000", render.MinWidth)}, "invalid --width %d", g.width)
	case g.width != 0:
		st.width, st.widthFrom, st.widthFixed = g.width, "--width", true
	case conf.width != nil:
		st.width, st.widthFrom, st.widthFixed = *conf.width, from("width"), true
	case s.width > 0:
		st.width = min(s.width, render.MaxWidth)
		st.widthFrom = fmt.Sprintf("the terminal's %d columns, at most %d", s.width, render.MaxWidth)
	default:
		st.width, st.widthFrom = render.DefaultWidth, "default off a terminal"
	}

	st.pager, st.pagerFrom = a.pagerSetting(conf, from)

	if conf.marks != nil {
		st.marks, st.marksFrom = *conf.marks, from("marks")
	}
	return st, nil
}

// pagerSetting is the pager and where it came from: --no-pager, a dumb
// terminal, $MARGIN_PAGER, $PAGER, the config file, else less. An empty
// pager, or cat, means none, as in git.
func (a *app) pagerSetting(conf *configFile, from func(string) string) (string, string) {
	none := func(p string) string {
		if p = strings.TrimSpace(p); p == "cat" {
			return ""
		}
		return p
	}
	switch {
	case a.opts.noPager:
		return "", "--no-pager"
	case a.io.getenv("TERM") == "dumb":
		return "", "TERM=dumb"
	}
	for _, v := range []string{"MARGIN_PAGER", "PAGER"} {
		if p := a.io.getenv(v); p != "" {
			return none(p), "$" + v
		}
	}
	if conf.pager != nil {
		return none(*conf.pager), from("pager")
	}
	if _, err := exec.LookPath("less"); err == nil {
		return "less -FRX", "default"
	}
	return "", "default: less is not installed"
}

// renderOptions are the render options of the effective settings.
func (a *app) renderOptions() (render.Options, error) {
	st, err := a.settings()
	if err != nil {
		return render.Options{}, err
	}
	return render.Options{Plain: st.plain, Style: st.style, Width: st.width}, nil
}

func (a *app) configCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "config",
		Short: "Print the effective settings and where each came from",
		Long: `Print margin's effective settings (style, width, pager, marks) and where
each came from: a flag, the environment, the config file, the terminal or
margin's default. The output is itself a valid config file.

The config file is optional: margin/config.yaml in your XDG config directory
($XDG_CONFIG_HOME, else ~/.config), for example:

  style: light        # dark, light, ascii, notty, dracula, tokyo-night, pink
  width: 90           # columns, 20 to 1000 (default: the terminal's, at most 100)
  pager: less -R      # run through the shell; "" or cat for none
  marks: false        # hide your personal notes in margin read and the reader

Flags and the environment ($GLAMOUR_STYLE, $MARGIN_PAGER, $PAGER) win over
it. A key margin does not know, or a value it cannot use, is an error that
names the file and the line.`,
		Example: `  margin config
  margin --style light config`,
		Args:              cobra.NoArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              run(func(_ *cobra.Command, _ []string) error { return a.runConfig() }),
	}
}

func (a *app) runConfig() error {
	st, err := a.settings()
	if err != nil {
		return err
	}
	conf := a.conf
	if conf == nil {
		conf = &configFile{path: a.configPath()}
	}
	var b strings.Builder
	if conf.found {
		fmt.Fprintf(&b, "# config file: %s\n", conf.path)
	} else {
		fmt.Fprintf(&b, "# config file: %s (none there)\n", conf.path)
	}
	values := []struct {
		key  string
		val  any
		from string
	}{
		{"style", st.style, st.styleFrom},
		{"width", st.width, st.widthFrom},
		{"pager", st.pager, st.pagerFrom},
		{"marks", st.marks, st.marksFrom},
	}
	for _, v := range values {
		line, err := yaml.Marshal(map[string]any{v.key: v.val})
		if err != nil {
			return fmt.Errorf("printing the %s setting: %w", v.key, err)
		}
		fmt.Fprintf(&b, "%-22s # %s\n", strings.TrimSuffix(string(line), "\n"), oneLine(v.from))
	}
	// The pager and the file's path come from the environment: user text.
	_, err = a.io.out.Write([]byte(sanitize.String(b.String())))
	return err
}
