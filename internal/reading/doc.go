// Package reading loads an annotated reading — a paper's sections and
// endnotes, its glossary and its fact-check notes — from any fs.FS laid out as
// docs/FORMAT.md describes, and answers questions about it: which section a
// query names, where an anchor stands, where a glossary term is used.
//
// It knows nothing of terminals or command lines: the cli, render and tui
// packages build on it.
package reading
