package pdfimport

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/reading"
)

// Whatever the text, Text never panics, and what it imports loads.
func FuzzText(f *testing.F) {
	seed, _ := os.ReadFile("testdata/vochelet-extraction.txt")
	f.Add(string(seed[:4000]))
	f.Add("TITLE\n\nBy A B\n\nIntro\n\nText cit-\n\nizens.¹\n\nNotes\n\n1. A, \"B,\" *C* 1, no. 2 (2000): 3.\n")
	f.Add("1 Intro\nA line.1 More\fhead\n2\n\f# x\x00\x1b[31m ﬁ \\$")
	f.Fuzz(func(t *testing.T, s string) {
		res, err := Text(s)
		if err != nil {
			if !errors.Is(err, ErrNoText) {
				t.Fatal(err)
			}
			return
		}
		dir := filepath.Join(t.TempDir(), "r")
		if err := res.Write(dir, false); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if _, err := reading.Load(os.DirFS(dir)); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
	})
}

// The notes parser never panics and keeps every printed note's text.
func FuzzEndnoteFields(f *testing.F) {
	f.Add(`Peter K. Bol, "Neo-Confucianism in History," in *Neo-Confucianism in History*, ed. Peter K. Bol (Leiden, Netherlands: Brill, 2008): 1-2.`)
	f.Add(`Nathan, p.8.`)
	f.Add(`*Ibid*`)
	f.Fuzz(func(t *testing.T, s string) {
		e := reading.Endnote{N: 2, Printed: true, Text: s}
		prev := &reading.Endnote{N: 1, Authors: []string{"A Nathan"}, Container: "C"}
		fields(&e, map[int]*reading.Endnote{1: prev})
		if e.Text != s {
			t.Fatalf("the text changed: %q", e.Text)
		}
		for _, f := range []string{e.Title, e.Container, e.URL, e.Pages, e.Date} {
			if f != "" && !strings.Contains(s, f) {
				t.Errorf("field %q is not in the text %q", f, s)
			}
		}
	})
}

// joinPair keeps every letter of the two lines it joins, in order.
func FuzzJoinPair(f *testing.F) {
	f.Add("the cit-", "izens are", "citizens socio-cultural")
	f.Add("well-", "known", "")
	f.Add("a ‐", "b", "x")
	f.Fuzz(func(t *testing.T, a, b, text string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			t.Skip("normalize makes the text valid UTF-8 before lines are joined")
		}
		v := newVocab([]*para{{lines: strings.Split(text, "\n")}})
		var c Counts
		got, _ := joinPair(a, b, v, &c)
		letters := func(s string) string {
			return strings.Map(func(r rune) rune {
				if r == '-' || r == '‐' || r == ' ' || r == '\n' || r == '\t' || r == '\r' {
					return -1
				}
				return r
			}, s)
		}
		if letters(got) != letters(a+b) {
			t.Fatalf("joinPair(%q, %q) = %q", a, b, got)
		}
	})
}

// BBoxText never panics on any input.
func FuzzBBoxText(f *testing.F) {
	f.Add(`<doc><page><flow><block yMin="1" yMax="9"><line><word yMin="1" yMax="9">a</word><word yMin="0" yMax="5">1</word></line></block></flow></page></doc>`)
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = BBoxText(strings.NewReader(s))
	})
}
