// Command margin is an annotated reading companion for the terminal: it
// renders Robin Vochelet's paper on China's Social Credit System section by
// section, with its endnotes, a glossary, fact-check notes and search.
package main

import (
	"os"

	"github.com/margin-reader/margin/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:]))
}
