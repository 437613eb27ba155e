package reading

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

// sec is a section file: front matter on lines 1–5, body from line 6.
func sec(number, slug, body string) string {
	return "---\nnumber: \"" + number + "\"\nslug: " + slug + "\ntitle: T\n---\n" + body
}

// Every mistake an author can make is an error naming the file and its
// line (and column where known), as a compiler reports it.
func TestLoadReportsEveryMistakeAtItsLine(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // every line of the error, in order
	}{
		{"ESC in a body", map[string]string{"text/01.md": sec("1", "a", "Text\n\nmore \x1b[31mred\n")},
			[]string{"text/01.md:8:6: ESC (U+001B): content may not hold terminal escape sequences"}},
		{"NUL in a body", map[string]string{"text/01.md": sec("1", "a", "a\x00b\n")},
			[]string{"text/01.md:6:2: NUL byte; content files are text"}},
		{"C1 control", map[string]string{"text/01.md": sec("1", "a", "csi \u009b31m\n")},
			[]string{"text/01.md:6:5: C1 control character U+009B: content may not hold terminal controls"}},
		{"invalid UTF-8", map[string]string{"text/01.md": sec("1", "a", "ok\nbad \xff byte\n")},
			[]string{"text/01.md:7:5: invalid UTF-8 (byte 0xFF); save the file as UTF-8"}},
		{"YAML field at the file's line", map[string]string{"text/01.md": "---\nnumber: \"1\"\nslug: a\ntitle: A\ntitel: B\n---\n"},
			[]string{"text/01.md:5: invalid YAML: field titel not found in type reading.sectionMeta"}},
		{"YAML syntax at the file's line", map[string]string{"text/01.md": "---\nnumber: \"1\"\nslug: a\ntitle: A: B\n---\n"},
			[]string{"text/01.md:4: invalid YAML: mapping values are not allowed in this context"}},
		{"duplicate slug", map[string]string{"text/01.md": sec("1", "intro", ""), "text/02.md": sec("2", "intro", "")},
			[]string{`text/02.md:3: slug "intro" of section 2 is also the slug of section 1 (text/01.md:3)`}},
		{"duplicate number", map[string]string{"text/01.md": sec("1", "a", ""), "text/01b.md": sec("1", "b", "")},
			[]string{"text/01b.md:2: section number 1 is also the number of text/01.md:2"}},
		{"reference to no endnote", map[string]string{"text/01.md": sec("1", "a", "Cited.[^1]\n\nAnd\nthen.[^999]\n")},
			[]string{"text/01.md:9:6: [^999] cites endnote 999, but text/endnotes.yaml has 1 endnotes"}},
		{"endnote misnumbered", map[string]string{"text/01.md": sec("1", "a", ""), "text/endnotes.yaml": "- n: 1\n  text: a\n- n: 3\n  text: b\n"},
			[]string{"text/endnotes.yaml:3: endnote 2 is numbered 3; endnotes must run 1, 2, 3 …"}},
		{"UTF-16", map[string]string{"text/01.md": utf16File(sec("1", "a", "Text.\n"))},
			[]string{"text/01.md:1: the file is UTF-16; save it as UTF-8"}},
		{"every mistake at once", map[string]string{
			"text/01.md": sec("1", "a", "x\x1by\n"),
			"text/02.md": "---\nnumber: two\nslug: b\ntitle: B\n---\n",
			"text/03.md": sec("3", "c", "[^7]\n"),
		}, []string{
			"text/01.md:6:2: ESC (U+001B): content may not hold terminal escape sequences",
			`text/02.md:2: number "two" is not like "2" or "2.1"`,
			"text/03.md:6:1: [^7] cites endnote 7, but text/endnotes.yaml has 1 endnotes",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(testFS(tt.files))
			if err == nil {
				t.Fatalf("loaded; want %q", tt.want)
			}
			if got := strings.Split(err.Error(), "\n"); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("error:\n%s\nwant:\n%s", err, strings.Join(tt.want, "\n"))
			}
			var fe *FileError
			if !errors.As(err, &fe) || fe.Line == 0 {
				t.Errorf("error %T does not hold a located *FileError", err)
			}
		})
	}
}

func utf16File(s string) string {
	var b strings.Builder
	b.WriteString("\xff\xfe")
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u))
		b.WriteByte(byte(u >> 8))
	}
	return b.String()
}

// Files with CR or CRLF line ends load as with LF.
func TestLoadOldLineEnds(t *testing.T) {
	for _, nl := range []string{"\r", "\r\n"} {
		body := strings.ReplaceAll(sec1, "\n", nl)
		rd, err := Load(testFS(map[string]string{"text/01.md": body}))
		if err != nil {
			t.Fatalf("%q line ends: %v", nl, err)
		}
		if s := rd.Section("1"); s == nil || len(s.Paragraphs) != 2 || s.Title != "Introduction" {
			t.Errorf("%q line ends: section = %+v", nl, s)
		}
	}
}

func TestPrepMistakes(t *testing.T) {
	rd, err := Load(testFS(map[string]string{
		"text/01.md": sec1,
		"text/prep.yaml": "- section: \"1\"\n  summary: One.\n" +
			"- section: \"9\"\n  summary: Nine.\n" +
			"- section: \"1\"\n  summary: Again.\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = rd.Prep("1")
	want := "text/prep.yaml:3: no section \"9\"\ntext/prep.yaml:5: section 1 has prep twice (lines 1 and 5); merge them"
	if err == nil || err.Error() != want {
		t.Fatalf("error:\n%v\nwant:\n%s", err, want)
	}
}

const entryOK = "---\nterm: Trust\nsources:\n  - author: A\n    title: T\n    seen: original\n---\nA definition.\n"
const noteOK = "---\nsection: \"1\"\nanchor:\n  exact: Second\nclaim: C\nverdict: accurate\nsources:\n  - author: A\n    title: T\n    venue: V\n    seen: original\n---\nSummary.\n"

func TestNoteAndGlossaryMistakesAtTheirLines(t *testing.T) {
	rd, err := Load(testFS(map[string]string{
		"text/01.md":       sec1,
		"glossary/a.md":    entryOK,
		"glossary/b.md":    strings.Replace(entryOK, "term: Trust\n", "term: Other\nrelated: [nope]\n", 1),
		"glossary/c.md":    strings.Replace(entryOK, "A definition.", "Bad \x1b]52;c;aGk=\x07", 1),
		"notes/good.md":    noteOK,
		"notes/twice.md":   strings.Replace(noteOK, "exact: Second", "exact: trust", 1),
		"notes/missing.md": strings.Replace(noteOK, "endnotes", "x", 1) + "",
	}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = rd.Glossary()
	wantG := "glossary/c.md:8:5: ESC (U+001B): content may not hold terminal escape sequences\n" +
		"glossary/c.md:8:16: control character U+0007\n" +
		`glossary/b.md:3: related term "nope" does not exist` + "\n" +
		// c.md's refused bytes do not hide its other mistake.
		`glossary/c.md:2: label "Trust" also belongs to a (glossary/a.md)`
	if err == nil || err.Error() != wantG {
		t.Errorf("glossary error:\n%v\nwant:\n%s", err, wantG)
	}
	_, err = rd.Notes()
	wantN := `notes/twice.md:4: the words "trust" occur 2 times in section 1; add a prefix or suffix to say which`
	if err == nil || err.Error() != wantN {
		t.Errorf("notes error:\n%v\nwant:\n%s", err, wantN)
	}
}

// Note and Entry say whether they found anything, never (nil, nil).
func TestNoteAndEntryLookups(t *testing.T) {
	rd, err := Load(testFS(map[string]string{"text/01.md": sec1, "glossary/a.md": entryOK, "notes/good.md": noteOK}))
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := rd.Entry("a"); !ok || e.Term != "Trust" {
		t.Errorf("Entry(a) = %v, %v", e, ok)
	}
	if e, ok := rd.Entry("nope"); ok || e != nil {
		t.Errorf("Entry(nope) = %v, %v; want nil, false", e, ok)
	}
	if n, ok := rd.Note("good"); !ok || n.ID != "good" {
		t.Errorf("Note(good) = %v, %v", n, ok)
	}
	if n, ok := rd.Note("nope"); ok || n != nil {
		t.Errorf("Note(nope) = %v, %v; want nil, false", n, ok)
	}
}

// A file refused for its bytes hides none of the other mistakes: its own
// (read with the bytes replaced) and those of the files that depend on it.
func TestRefusedBytesHideNothing(t *testing.T) {
	_, err := Load(testFS(map[string]string{
		"text/paper.yaml": "title: \"\"\nauthor: A\x07\n",
		"text/01.md":      sec("1", "intro", "Bad \x1b[31m byte.\n\n# A heading\n\nCited.[^3]\n"),
	}))
	want := []string{
		"text/paper.yaml:2:10: control character U+0007",
		"text/paper.yaml:1: no title",
		"text/01.md:6:5: ESC (U+001B): content may not hold terminal escape sequences",
		`text/01.md:8: section 1: headings do not belong in the body ("# A heading")`,
		"text/01.md:10:7: [^3] cites endnote 3, but text/endnotes.yaml has 1 endnotes",
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Fatalf("error:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
	// A note on a section refused for its bytes is still anchored there:
	// no "section does not exist" for a section that does.
	r, errs := load(testFS(map[string]string{
		"text/01.md":    sec("1", "intro", "Second\x00 paragraph.\n"),
		"notes/good.md": noteOK,
	}))
	if len(errs) != 1 {
		t.Fatalf("load errors: %v", errs)
	}
	if _, err := r.Notes(); err != nil {
		t.Fatalf("the note on the refused section: %v", err)
	}
}

// A missing or empty field is reported at its key's line, or at the front
// matter's first line when the key is missing; the body at its first line;
// a source at its own item.
func TestMissingFieldsAtTheirLines(t *testing.T) {
	tests := []struct {
		name, file, text, want string
	}{
		{"no claim", "notes/a.md", strings.Replace(noteOK, "claim: C\n", "", 1), "notes/a.md:1: no claim"},
		{"empty claim", "notes/a.md", strings.Replace(noteOK, "claim: C\n", "claim: \"\"\n", 1), "notes/a.md:5: no claim"},
		{"no section", "notes/a.md", strings.Replace(noteOK, "section: \"1\"\n", "", 1), "notes/a.md:1: no section"},
		{"no anchor", "notes/a.md", strings.Replace(noteOK, "anchor:\n  exact: Second\n", "", 1), "notes/a.md:1: no anchor.exact"},
		{"bad verdict", "notes/a.md", strings.Replace(noteOK, "accurate", "true", 1), `notes/a.md:6: verdict "true" is not one of ` + verdictList()},
		{"no body", "notes/a.md", strings.Replace(noteOK, "Summary.\n", "", 1), "notes/a.md:13: no body"},
		{"second source", "notes/a.md", strings.Replace(noteOK, "---\nSummary", "  - author: B\n    title: U\n---\nSummary", 1),
			"notes/a.md:12: source 2: a source needs seen: original | copy | abstract | quoted-in | not-found"},
		{"no sources", "notes/a.md", noteOK[:strings.Index(noteOK, "sources:")] + "---\nSummary.\n", "notes/a.md:1: no sources"},
		{"every mistake of a note", "notes/a.md", strings.Replace(strings.Replace(noteOK, "claim: C\n", "", 1), "seen: original", "seen: maybe", 1),
			"notes/a.md:1: no claim\n" + `notes/a.md:7: source 1: seen: "maybe" is not one of original | copy | abstract | quoted-in | not-found`},
		{"no term", "glossary/a.md", strings.Replace(entryOK, "term: Trust\n", "", 1), "glossary/a.md:1: no term"},
		{"no definition", "glossary/a.md", strings.Replace(entryOK, "A definition.\n", "", 1), "glossary/a.md:8: no definition (the body's first paragraph)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, err := Load(testFS(map[string]string{"text/01.md": sec1, tt.file: tt.text}))
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(tt.file, "notes/") {
				_, err = rd.Notes()
			} else {
				_, err = rd.Glossary()
			}
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error:\n%v\nwant:\n%s", err, tt.want)
			}
		})
	}
}
