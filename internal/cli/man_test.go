package cli

import (
	"bytes"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/margin-reader/margin/internal/render"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// margin(1) is generated from the commands: every command and every flag is
// in it, every line is text or a man macro, and groff reads it without a
// warning.
func TestManPage(t *testing.T) {
	root := (&app{io: systemStreams(), renderer: render.New()}).rootCmd()
	var buf bytes.Buffer
	if err := writeManPage(&buf, root); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if !strings.HasPrefix(page, ".TH MARGIN 1 ") {
		t.Errorf("no .TH line: %.80s", page)
	}
	for _, sec := range []string{"NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "ENVIRONMENT", "FILES", "EXIT STATUS"} {
		if !strings.Contains(page, "\n.SH "+sec+"\n") {
			t.Errorf("no %s section", sec)
		}
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if !sub.IsAvailableCommand() || sub.Name() == "help" || c.Name() == "completion" {
				continue
			}
			if !strings.Contains(page, `.SS "`+roffEscape(sub.CommandPath())) {
				t.Errorf("%s is not in the man page", sub.CommandPath())
			}
			sub.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
				if !strings.Contains(page, `\fB\-\-`+roffEscape(f.Name)+`\fR`) {
					t.Errorf("%s --%s is not in the man page", sub.CommandPath(), f.Name)
				}
			})
			walk(sub)
		}
	}
	walk(root)
	macro := regexp.MustCompile(`^\.(TH|SH|SS|PP|TP|EX|EE|B|BR|I) ?`)
	for i, l := range strings.Split(page, "\n") {
		if (strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'")) && !macro.MatchString(l) {
			t.Errorf("line %d would be read as a request: %q", i+1, l)
		}
		for _, r := range l {
			if r > 0x7e {
				t.Errorf("line %d has a character beyond ASCII, unescaped: %q", i+1, l)
				break
			}
		}
	}
	if _, err := exec.LookPath("groff"); err != nil {
		t.Log("groff not installed: the page is not typeset")
		return
	}
	cmd := exec.Command("groff", "-man", "-Tutf8", "-ww", "-z")
	cmd.Stdin = strings.NewReader(page)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Errorf("groff: %v\n%s", err, stderr.String())
	}
}
