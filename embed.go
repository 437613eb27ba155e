// Package margin holds margin's built-in reading: Robin Vochelet's paper
// "The Social Credit System: A Tool for Authoritarian Resilience in Mainland
// China", with its glossary and fact-check notes, embedded from the text/,
// glossary/ and notes/ folders in the format described in docs/FORMAT.md.
package margin

import (
	"embed"
	"io/fs"
)

//go:embed text glossary notes
var content embed.FS

// Content returns the built-in reading as a file system whose root holds the
// text/, glossary/ and notes/ folders.
func Content() fs.FS { return content }
