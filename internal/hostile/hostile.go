// Package hostile is for tests: it builds a reading whose every text field
// holds control sequences (OSC 52 clipboard writes, OSC 8 links, CSI, a raw
// 0x9b byte, C1 controls, bidi overrides, and their HTML-entity forms), and
// checks that an output carries none of them.
//
// The content loaders refuse such bytes, so the reading is not loaded from
// hostile files: a clean reading is loaded from memory with placeholders as
// long as the payload, encoded by reading.Snapshot, and the placeholders are
// replaced in the encoding, which keeps every length and offset in it valid.
package hostile

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing/fstest"
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/binenc"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/sanitize"
)

// Payload is what every text field of the hostile reading holds, between
// words: each kind of control sequence a terminal obeys, raw and as the
// character references a Markdown or HTML renderer decodes.
const Payload = "\x1b]52;c;SE9TVElMRQ==\x07" + // OSC 52: write the clipboard
	"\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\" + // OSC 8 hyperlink
	"\x1b[38;2;13;37;42m\x1b[2J" + // CSI: colour, clear screen
	"\x9b38;2;13;37;42m" + // a raw 0x9b byte, the 8-bit CSI
	"\u009b6n\u009d0;title\u009c" + // C1 CSI (a cursor query) and OSC, as UTF-8
	"\u202egnp.exe\u2066\u202a" + // bidi override, isolate, embedding
	"\x00\x07\x7f\r" + // NUL, BEL, DEL, carriage return
	"&#27;[38;2;13;37;42m&#x1b;]52;c;SE9TVElMRQ==&#7;&#155;6n&#x9B;&#x202E;&#8238;" // entity forms

// Marker is a word of the payload's own text that survives sanitizing: a
// test finds it in the output to know the payload's field was printed.
const Marker = "SE9TVElMRQ=="

// placeholder stands for Payload in the clean files: as long as it, and
// made of letters only, so that every loader keeps it as it is.
var placeholder = "Hostile" + strings.Repeat("x", len(Payload)-len("Hostile"))

// files is the hostile reading, with placeholder where the payload goes.
func files() fstest.MapFS {
	p := placeholder
	f := func(s string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(strings.ReplaceAll(s, "PH", p))}
	}
	source := `
  - author: "Ann Author PH"
    title: "A Source PH"
    venue: "Journal PH"
    date: "2020"
    url: "https://example.org/PH"
    seen: copy
    via: "https://copy.example.org/PH"
    note: "Checked PH"
  - author: "Bob Other PH"
    title: "Another Source PH"
    venue: "Press PH"
    date: "2019"
    seen: original`
	return fstest.MapFS{
		"text/paper.yaml": f(`title: "Title PH"
subtitle: "Subtitle PH"
author: "Ann Author PH"
editor: "Ed Editor PH"
venue: "Venue PH"
venue_note: "Venue note PH"
year: "2021"
url: "https://example.org/paper/PH"
`),
		"text/00-abstract.md": f(`---
number: "0"
slug: abstract
title: "Abstract PH"
---
Abstract words PH about alpha PH and the *Work PH* cited.[^1]
`),
		"text/01-one.md": f(`---
number: "1"
slug: one
title: "Part One PH"
---
`),
		"text/02-one-one.md": f(`---
number: "1.1"
slug: one-one
title: "Section One One PH"
---
First paragraph PH with alpha PH and beta PH in it.[^1] Delta words PH end here.[^2]

Second paragraph PH.[^3]
`),
		"text/endnotes.yaml": f(`- n: 1
  printed: true
  text: 'Ann Author PH, "A Title PH," *Container PH*, April 3, 2018, <https://example.org/PH>'
  authors: ["Ann Author PH"]
  title: "A Title PH"
  container: "Container PH"
  volume: "Vol PH"
  issue: "Issue PH"
  publisher: "Publisher PH"
  place: "Place PH"
  date: "April 3, 2018"
  accessed: "April 1, 2020"
  pages: "Pages PH"
  url: "https://example.org/PH"
  type: article
- n: 2
  printed: true
  text: 'Bob Book PH, *Book PH* (Place PH: Publisher PH, 2001).'
  authors: ["Bob Book PH"]
  title: "Book PH"
  publisher: "Publisher PH"
  place: "Place PH"
  date: "2001"
  type: book
- n: 3
  printed: true
  text: '*Ibid* PH.'
  refers_to: 2
`),
		"text/prep.yaml": f(`- section: "1.1"
  summary: >-
    Summary PH of the section.
  questions:
    - "Question one PH?"
    - "Question two PH?"
`),
		"glossary/alpha.md": f(`---
term: "alpha PH"
alt: ["alpha alt PH"]
hidden: ["alfa PH"]
related: [beta]
contested: true
sources:` + source + `
---
Definition of alpha PH.

Explanation PH of alpha.

## In this paper

Usage PH.
`),
		"glossary/beta.md": f(`---
term: "beta PH"
related: [alpha]
sources:` + source + `
---
Definition of beta PH.
`),
		"notes/delta-claim.md": f(`---
section: "1.1"
anchor:
  exact: "Delta words PH end here."
claim: "Claim PH of the paper."
verdict: misleading
endnotes: [2]
related: [alpha]
sources:` + source + `
---
Summary PH of the evidence.

More evidence PH.
`),
	}
}

// Reading returns the hostile reading: Payload in every text field of its
// metadata, sections, endnotes, prep, glossary entries and notes.
func Reading() (*reading.Reading, error) {
	fsys := files()
	clean, err := reading.Load(fsys)
	if err != nil {
		return nil, fmt.Errorf("loading the hostile reading's clean form: %w", err)
	}
	var w binenc.Writer
	if err := reading.Encode(&w, clean); err != nil {
		return nil, fmt.Errorf("encoding the hostile reading: %w", err)
	}
	snap := w.Buf
	if bytes.Count(snap, []byte(placeholder)) < 40 {
		return nil, fmt.Errorf("the hostile reading holds its payload only %d times", bytes.Count(snap, []byte(placeholder)))
	}
	snap = bytes.ReplaceAll(snap, []byte(placeholder), []byte(Payload))
	return reading.Decode(binenc.NewReader(string(snap)))
}

// Check returns an error naming the first control character, escape
// sequence or reference to one in out, an output margin wrote for people
// (plain text, Markdown, HTML, BibTeX, a TSV file), or nil.
func Check(out string) error { return check(out, false, false) }

// CheckStyled is Check for styled terminal output: the SGR sequences
// margin styles text with are allowed, no other escape sequence is, and
// none of the payload's own. A character reference is text here, shown as
// written (the Markdown margin renders escapes its "&"), as in JSON.
func CheckStyled(out string) error { return check(out, true, true) }

// CheckJSON is Check for JSON: no raw control or bidi character (JSON
// writes them as \u escapes), and references, which JSON does not decode,
// are text like any other.
func CheckJSON(out string) error { return check(out, false, true) }

// sgr is an SGR sequence, margin's styling; payloadSGR is the payload's.
var (
	sgr        = regexp.MustCompile(`\x1b\[[0-9;]*m`)
	payloadSGR = regexp.MustCompile(`\x1b\[[0-9;]*13;37;42m`)
)

func check(out string, styled, refsAreText bool) error {
	if !utf8.ValidString(out) {
		i := len(strings.ToValidUTF8(out[:firstInvalid(out)], ""))
		return fmt.Errorf("invalid UTF-8 (a raw 0x9b?) at byte %d: %q", i, around(out, i))
	}
	if loc := payloadSGR.FindStringIndex(out); loc != nil {
		return fmt.Errorf("the payload's own escape sequence at byte %d: %q", loc[0], around(out, loc[0]))
	}
	text := out
	if styled {
		text = sgr.ReplaceAllString(out, "")
	}
	for i, r := range text {
		if r == '\r' || sanitize.Forbidden(r) {
			return fmt.Errorf("control character %U at byte %d: %q", r, i, around(text, i))
		}
	}
	if !refsAreText {
		if clean := sanitize.String(text); clean != text {
			i := 0
			for i < len(clean) && clean[i] == text[i] {
				i++
			}
			return fmt.Errorf("a character reference to a control at byte %d: %q", i, around(text, i))
		}
	}
	return nil
}

func firstInvalid(s string) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(s)
}

func around(s string, i int) string {
	return s[max(i-30, 0):min(i+30, len(s))]
}
