// Package margin holds margin's built-in reading: Robin Vochelet's paper
// "The Social Credit System: A Tool for Authoritarian Resilience in Mainland
// China", with its glossary and fact-check notes, embedded from the text/,
// glossary/ and notes/ folders in the format described in docs/FORMAT.md.
package margin

import (
	"embed"
	"io/fs"
)

//go:generate go run ./internal/cmd/gensnapshot snapshot.bin search.bin prerendered.bin

//go:embed text glossary notes
var content embed.FS

//go:embed snapshot.bin
var snapshot string

//go:embed search.bin
var searchCorpus string

// Content returns the built-in reading as a file system whose root holds the
// text/, glossary/ and notes/ folders.
func Content() fs.FS { return content }

// Snapshot returns the built-in reading pre-parsed by reading.Snapshot
// (generated from Content by go generate), which margin decodes at start-up
// instead of parsing every file.
func Snapshot() string { return snapshot }

// SearchCorpus returns the built-in reading's search corpus, built and
// encoded by corpus.Marshal (generated with Snapshot by go generate), which
// margin decodes instead of indexing the reading every time it searches.
func SearchCorpus() string { return searchCorpus }

//go:embed prerendered.bin
var prerendered string

// Prerendered returns the built-in reading's glossary entries and notes as
// glamour styles them, written by render.Renderer.Prerender (generated with
// Snapshot by go generate), which margin only has to wrap to the width.
func Prerendered() string { return prerendered }
