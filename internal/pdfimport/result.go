package pdfimport

import (
	"fmt"

	"github.com/margin-reader/margin/internal/reading"
)

// Counts counts every repair the import made.
type Counts struct {
	HyphensJoined int // words hyphenated at a line or page end, joined
	HyphensKept   int // real hyphens at a line end, kept
	PageJoins     int // paragraphs joined across a page or column break
	RunningLines  int // running heads and feet removed
	PageNumbers   int // page numbers removed
	Markers       int // note markers turned into [^N]
	Ligatures     int // ligatures undone
	Escapes       int // backslash escapes undone
	SoftHyphens   int // soft hyphens removed
	Controls      int // control characters or invalid bytes removed
}

// Lines are the counts as the summary prints them, one repair a line,
// those that made no change left out.
func (c Counts) Lines() []string {
	var out []string
	add := func(n int, one, many string) {
		switch {
		case n == 1:
			out = append(out, "1 "+one)
		case n > 1:
			out = append(out, fmt.Sprintf("%d %s", n, many))
		}
	}
	add(c.HyphensJoined, "word hyphenated at a line or page end joined", "words hyphenated at a line or page end joined")
	add(c.HyphensKept, "hyphen at a line end kept (a compound)", "hyphens at a line end kept (compounds)")
	add(c.PageJoins, "paragraph joined across a page or column break", "paragraphs joined across page or column breaks")
	add(c.RunningLines, "running head or foot removed", "running heads and feet removed")
	add(c.PageNumbers, "page number removed", "page numbers removed")
	add(c.Markers, "note marker turned into [^N]", "note markers turned into [^N]")
	add(c.Ligatures, "ligature undone", "ligatures undone")
	add(c.Escapes, "escape undone", "escapes undone")
	add(c.SoftHyphens, "soft hyphen removed", "soft hyphens removed")
	add(c.Controls, "control character or invalid byte removed", "control characters or invalid bytes removed")
	return out
}

// Section is one section of the imported reading.
type Section struct {
	Number     string // margin's numbering: "0" abstract, "1", "2.1" …
	Slug       string
	Title      string
	Paragraphs []string // Markdown, one paragraph each, [^N] references
	level      int
	reviews    []string   // about the section's title or number
	paraReview [][]string // per paragraph
}

// Meta is what paper.yaml receives.
type Meta struct {
	ID       string
	Title    string
	Subtitle string
	Author   string
	Editor   string
}

// ReviewItem is a repair the import was not sure of, at a file and line of
// the reading folder it writes.
type ReviewItem struct {
	File string // relative to the reading folder: text/02-slug.md
	Line int
	Msg  string
}

// String is the item as the review list prints it: file:line: message.
func (r ReviewItem) String() string { return fmt.Sprintf("%s:%d: %s", r.File, r.Line, r.Msg) }

// Result is an imported reading, ready to be written.
type Result struct {
	Meta     Meta
	Sections []*Section
	Endnotes []reading.Endnote
	Counts   Counts
	// Unprinted lists the endnotes cited in the text but not printed.
	Unprinted []int

	hasNotes    bool   // the text prints notes
	maxCited    int    // the highest note number cited
	pending     func() // builds Endnotes once the markers are known
	metaReviews []string
	noteReviews map[int][]string
}
