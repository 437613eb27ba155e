package reading

import (
	"strings"
	"testing"
)

// Check reports every problem of a reading at once, errors and warnings,
// sorted by file and line, each as a compiler would print it.
func TestCheckReportsEverything(t *testing.T) {
	undated := strings.Replace(noteOK, "    seen: original\n", "    seen: original\n  - author: B\n    title: U\n    date: 2020\n    seen: not-found\n", 1)
	fsys := testFS(map[string]string{
		"text/01.md":         sec1,
		"text/02.md":         sec("2", "untouched", "Nothing here is \x1bnoted.\n\n# Heading\n"),
		"text/endnotes.yaml": "- n: 1\n  text: a\n- n: 2\n  text: b\n",
		"text/prep.yaml":     "- section: \"9\"\n  summary: Nine.\n",
		"glossary/a.md":      entryOK,
		"notes/good.md":      undated,
	})
	want := []string{
		"glossary/a.md:4: warning: source 1 (A, “T”) has no date: give one, or date: n.d. for an undated work",
		"notes/good.md:8: warning: source 1 (A, “T”) has no date: give one, or date: n.d. for an undated work",
		"notes/good.md:12: warning: source 2 (B, “U”) is seen: not-found: what it is cited for is unconfirmed",
		"text/02.md:2: warning: section 2 (T) has no note and uses no glossary term",
		"text/02.md:6:17: error: ESC (U+001B): content may not hold terminal escape sequences",
		`text/02.md:8: error: section 2: headings do not belong in the body ("# Heading")`,
		"text/endnotes.yaml:3: warning: endnote 2 is never cited: no section has [^2]",
		`text/prep.yaml:1: error: no section "9"`,
	}
	var got []string
	for _, d := range Check(fsys) {
		got = append(got, d.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("Check:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// prep.yaml is checked by Check, though Load leaves it for later.
func TestCheckFindsPrepErrorsLoadLeaves(t *testing.T) {
	fsys := testFS(map[string]string{"text/01.md": sec1, "text/prep.yaml": "- section: \"1\"\n  summary: a\n- section: \"1\"\n  summary: b\n"})
	if _, err := Load(fsys); err != nil {
		t.Fatalf("Load: %v", err)
	}
	d := Check(fsys)
	if len(d) != 2 || d[1].String() != "text/prep.yaml:3: error: section 1 has prep twice (lines 1 and 3); merge them" {
		t.Fatalf("Check: %v", d)
	}
}

// A mistake in a note leaves the sections' warnings out: with the notes
// unread, which sections they touch is unknown.
func TestCheckNoteErrorSkipsSectionWarnings(t *testing.T) {
	d := Check(testFS(map[string]string{"text/01.md": sec1, "text/02.md": sec("2", "b", "Text.\n"), "notes/bad.md": strings.Replace(noteOK, "claim: C\n", "", 1)}))
	if len(d) != 1 || d[0].String() != "notes/bad.md:1: error: no claim" {
		t.Fatalf("Check: %v", d)
	}
}

// A clean reading gives nothing; a reading opened otherwise than from its
// files (no files at hand) gives its warnings without lines.
func TestCheckCleanAndWithoutFiles(t *testing.T) {
	dated := strings.Replace(noteOK, "    venue: V\n", "    venue: V\n    date: n.d.\n", 1)
	fsys := testFS(map[string]string{"text/01.md": sec1, "notes/good.md": dated})
	if d := Check(fsys); len(d) != 0 {
		t.Fatalf("a clean reading: %v", d)
	}
	rd, err := Load(testFS(map[string]string{"text/01.md": sec1, "notes/good.md": noteOK}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rd.Notes(); err != nil {
		t.Fatal(err)
	}
	rd.Prep("1")
	rd.Glossary()
	rd.fsys = nil // as for a reading from a compiled file
	d := rd.Check()
	if len(d) != 1 || d[0].Line != 0 || d[0].String() != "notes/good.md: warning: source 1 (A, “T”) has no date: give one, or date: n.d. for an undated work" {
		t.Fatalf("Check without files: %v", d)
	}
	if e, w := CountErrors(d); e != 0 || w != 1 {
		t.Errorf("CountErrors = %d, %d", e, w)
	}
}

// FindName finds a name however it is spelt, and only for sure.
func TestFindName(t *testing.T) {
	list := [][]string{{"dickens-carol", "a-christmas-carol"}, {"vochelet", "robin-vochelet-the-social-credit-system"}, {"walden"}}
	labels := func(i int) []string { return list[i] }
	name := func(i int) string { return list[i][0] }
	for q, want := range map[string]int{"Walden": 0 + 2, "WALDËN": 2, "waldn": 2, "christmas carol": 0, "Dickens Carol": 0, "vochelet": 1, "social credit": 1, "Dickens_Carol": 0, "waLden.": 2} {
		if got, err := FindName("reading", q, len(list), labels, name); got != want || err != nil {
			t.Errorf("FindName(%q) = %d, %v; want %d", q, got, err, want)
		}
	}
	_, err := FindName("reading", "zebra", len(list), labels, name)
	if err == nil || err.Error() != `no reading matches "zebra"` {
		t.Errorf("FindName(zebra): %v", err)
	}
	_, err = FindName("reading", "wald", len(list), labels, name)
	t.Logf("wald: %v", err)
}

// Check agrees with the loaders: it finds an error exactly when loading
// the text, prep, glossary or notes fails, and every diagnostic names a
// file. Run with go test -fuzz FuzzCheck ./internal/reading.
func FuzzCheck(f *testing.F) {
	f.Add([]byte(sec1), []byte(noteOK), []byte(entryOK))
	f.Add([]byte(sec("1", "a", "x\x1by\n\n# h\n")), []byte(strings.Replace(noteOK, "claim: C\n", "", 1)), []byte("---\nterm: \n---\n"))
	f.Add([]byte("---\nnumber: two\n---\n"), []byte("---\nsources:\n  - author: A\n    seen: not-found\n---\n"), []byte{0xff, 0xfe, 'a', 0})
	f.Fuzz(func(t *testing.T, section, note, entry []byte) {
		fsys := testFS(map[string]string{"text/01.md": string(section), "notes/n.md": string(note), "glossary/g.md": string(entry),
			"text/prep.yaml": "- section: \"1\"\n  summary: s\n"})
		diags := Check(fsys)
		errs, _ := CountErrors(diags)
		for _, d := range diags {
			if d.File == "" || d.Message == "" {
				t.Fatalf("a diagnostic without a file or message: %+v", d)
			}
		}
		loaded := true
		if rd, err := Load(fsys); err != nil {
			loaded = false
		} else {
			_, _, perr := rd.Prep("1")
			_, gerr := rd.Glossary()
			_, nerr := rd.Notes()
			loaded = perr == nil && gerr == nil && nerr == nil
		}
		if loaded != (errs == 0) {
			t.Fatalf("loaded %v, but Check found %d errors: %v", loaded, errs, diags)
		}
	})
}
