// Package margin holds margin's built-in reading: Robin Vochelet's paper
// "The Social Credit System: A Tool for Authoritarian Resilience in Mainland
// China", with its glossary and fact-check notes, written in the text/,
// glossary/ and notes/ folders in the format described in docs/FORMAT.md
// and embedded compiled (paper.margin, see package pack).
package margin

import (
	"embed"
	"io/fs"
)

//go:generate go run ./internal/cmd/genpaper paper.margin

//go:embed paper.margin
var paper string

// Paper returns the built-in reading compiled by margin pack (generated
// from the content folders by go generate; a test keeps it current). margin
// opens it with pack.Decode, as it opens any compiled reading.
func Paper() string { return paper }

//go:embed text glossary notes
var content embed.FS

// Content returns the built-in reading's source as a file system whose root
// holds the text/, glossary/ and notes/ folders, for tests and tools. The
// margin command never calls it, so the linker leaves the folders out of
// its binary: it carries only paper.margin.
func Content() fs.FS { return content }
