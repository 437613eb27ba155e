// Package pdfimport turns a PDF (through poppler's pdftotext), a plain-text
// extraction or a Markdown file into a reading folder in margin's format
// (docs/FORMAT.md), repairing what text extraction breaks: words hyphenated
// at line and page ends, paragraphs split by page breaks, running heads and
// page numbers, note markers glued to words, ligatures and escapes.
//
// Every repair is counted; every repair it is not sure of is listed for
// review with the file and line it concerns, never silently guessed.
package pdfimport
