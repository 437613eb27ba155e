// Command bigstore writes a personal-notes store of N notes (default 10,000)
// to the file given, for timing margin with a large store:
//
//	bigstore FILE [N [K]]
//
// The notes are spread evenly over the built-in reading's sections, each
// anchored to words of its section (a paragraph's first words, as a reader
// would pick). With K, only every K-th note is on the built-in reading; the
// others are on another reading, as when a reader has studied many.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/marks"
	"github.com/margin-reader/margin/internal/pack"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bigstore:", err)
		os.Exit(1)
	}
}

func run() error {
	if len(os.Args) < 2 {
		return fmt.Errorf("usage: bigstore FILE [N [K]]")
	}
	n, k := 10000, 1
	var err error
	if len(os.Args) > 2 {
		if n, err = strconv.Atoi(os.Args[2]); err != nil {
			return err
		}
	}
	if len(os.Args) > 3 {
		if k, err = strconv.Atoi(os.Args[3]); err != nil || k < 1 {
			return fmt.Errorf("K must be a whole number, 1 or more")
		}
	}
	paper, err := pack.Decode(margin.Paper())
	if err != nil {
		return err
	}
	rd := paper.Reading()
	created := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	ms := make([]marks.Mark, 0, n)
	for i := range n {
		s := rd.Sections[i%len(rd.Sections)]
		quote := s.Title
		if len(s.Paragraphs) > 0 {
			words := strings.Fields(s.Paragraphs[(i/len(rd.Sections))%len(s.Paragraphs)].Plain)
			quote = strings.Join(words[:min(6, len(words))], " ")
		}
		id := rd.Meta.ID
		if i%k != 0 {
			id = "another-reading"
		}
		ms = append(ms, marks.Mark{ID: strconv.Itoa(i + 1), Reading: id, Section: s.Number,
			Quote: quote, Text: fmt.Sprintf("Note %d: a sentence or two of my own on these words, as a reader writes them.", i+1),
			Created: created.Add(time.Duration(i) * time.Minute)})
	}
	// As margin writes it: indented, HTML characters not escaped.
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(map[string]any{
		"format": marks.Format, "version": marks.Version, "next_id": n + 1, "marks": ms,
	}); err != nil {
		return err
	}
	return os.WriteFile(os.Args[1], []byte(b.String()), 0o600)
}
