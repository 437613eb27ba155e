package hostile

import (
	"strings"
	"testing"
)

// The hostile reading holds the payload, raw, in every part of it.
func TestReadingHoldsThePayload(t *testing.T) {
	rd, err := Reading()
	if err != nil {
		t.Fatal(err)
	}
	glossary, err := rd.Glossary()
	if err != nil {
		t.Fatal(err)
	}
	notes, err := rd.Notes()
	if err != nil {
		t.Fatal(err)
	}
	prep, ok, err := rd.Prep("1.1")
	if err != nil || !ok {
		t.Fatalf("no prep for 1.1: %v", err)
	}
	for what, s := range map[string]string{
		"title":            rd.Meta.Title,
		"section title":    rd.Sections[2].Title,
		"paragraph":        rd.Sections[2].Paragraphs[0].Markdown,
		"plain paragraph":  rd.Sections[2].Paragraphs[0].Plain,
		"endnote":          rd.Endnotes[0].Text,
		"term":             glossary[0].Term,
		"definition":       glossary[0].Definition,
		"source":           glossary[0].Sources[0].Author,
		"claim":            notes[0].Claim,
		"note anchor":      notes[0].Anchor.Exact,
		"prep summary":     prep.Summary,
		"prep question":    prep.Questions[0],
		"note's summary":   notes[0].Summary,
		"note's body":      notes[0].Body,
		"glossary's body":  glossary[0].Body,
		"endnote's author": rd.Endnotes[0].Authors[0],
	} {
		if !strings.Contains(s, Payload) {
			t.Errorf("%s: no payload in %q", what, s)
		}
	}
	if n := len(glossary[0].Uses); n == 0 {
		t.Errorf("the term's uses were lost")
	}
}

// Check finds every kind of escape the payload holds, alone.
func TestCheckFindsEachEscape(t *testing.T) {
	for _, bad := range []string{
		"\x1b]52;c;SE9TVElMRQ==\x07", "\x1b]8;;https://evil.example/\x1b\\", "\x1b[2J", "\x9b2J", "\u009b2J",
		"\u202e", "\u2066", "\x00", "\x07", "\x7f", "\r", "&#27;[2J", "&#x9b;", "&#x202E;",
	} {
		if Check("ok "+bad+" ok") == nil {
			t.Errorf("Check misses %q", bad)
		}
	}
	if err := Check("ok &amp;#27; caf&#233; \t\n"); err != nil {
		t.Errorf("Check: %v", err)
	}
	if err := CheckStyled("\x1b[1;38;5;16mN1\x1b[0m &#27;"); err != nil {
		t.Errorf("CheckStyled refuses margin's styling: %v", err)
	}
	for _, bad := range []string{"\x1b[38;2;13;37;42m", "\x1b]52;c;eA==\x07", "\x1b[2J"} {
		if CheckStyled("\x1b[1mok\x1b[0m"+bad) == nil {
			t.Errorf("CheckStyled misses %q", bad)
		}
	}
}
