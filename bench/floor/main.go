// Command floor is the start-up floor for margin's whole-process
// benchmarks: it imports the same libraries as margin (every third-party
// package margin's own packages import; a test in internal/cli/deps_test.go
// keeps the list whole) and prints one line.
package main

import (
	"fmt"

	_ "charm.land/bubbles/v2/key"
	_ "charm.land/bubbles/v2/textinput"
	_ "charm.land/bubbletea/v2"
	_ "charm.land/lipgloss/v2"
	_ "github.com/adrg/xdg"
	_ "github.com/charmbracelet/colorprofile"
	_ "github.com/charmbracelet/glamour"
	_ "github.com/charmbracelet/glamour/ansi"
	_ "github.com/charmbracelet/glamour/styles"
	_ "github.com/charmbracelet/x/ansi"
	_ "github.com/mattn/go-runewidth"
	_ "github.com/sahilm/fuzzy"
	_ "github.com/spf13/cobra"
	_ "github.com/spf13/pflag"
	_ "go.yaml.in/yaml/v3"
	_ "golang.org/x/sys/unix"
	_ "golang.org/x/term"
	_ "golang.org/x/text/unicode/norm"
)

func main() { fmt.Println("floor") }
