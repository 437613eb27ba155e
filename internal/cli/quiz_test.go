package cli

import (
	"bufio"
	"io"
	"strings"
	"testing"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/reading"
)

func TestReadAnswer(t *testing.T) {
	long := strings.Repeat("x", 100000)
	r := bufio.NewReaderSize(strings.NewReader(long+"\r\n\x1b[31mkmt\xff\nlast"), 16)
	a, err := readAnswer(r)
	if err != nil || len(a) != maxAnswerBytes {
		t.Errorf("long line: %d bytes, %v", len(a), err)
	}
	if a, _ = readAnswer(r); strings.ContainsAny(a, "\x1b\xff") || !strings.Contains(a, "kmt") {
		t.Errorf("cleaned line: %q", a)
	}
	if a, err = readAnswer(r); a != "last" || err != nil {
		t.Errorf("last line without newline: %q, %v", a, err)
	}
	if _, err = readAnswer(r); err != io.EOF {
		t.Errorf("at the end: %v", err)
	}
}

func TestAnswerAndMask(t *testing.T) {
	rd, err := reading.Load(margin.Content())
	if err != nil {
		t.Fatal(err)
	}
	e, ok := rd.Entry("grid-management")
	if !ok {
		t.Fatal("no entry grid-management")
	}
	for _, ok := range []string{"Grid management", "grid managment", "GRID MANAGEMENT"} {
		if !answerMatches(rd, e, ok) {
			t.Errorf("%q rejected", ok)
		}
	}
	for _, bad := range []string{"", "g", "management of grids and more", "Social Credit System"} {
		if answerMatches(rd, e, bad) {
			t.Errorf("%q accepted", bad)
		}
	}
	masked := maskTerm(e.Definition, e)
	if strings.Contains(strings.ToLower(masked), "grid management") {
		t.Errorf("term left in %q", masked)
	}
}
