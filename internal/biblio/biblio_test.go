package biblio

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/reading"
)

func TestSplitName(t *testing.T) {
	for in, want := range map[string]Name{
		"Anne S. Cheung":         {Family: "Cheung", Given: "Anne S."},
		"Andrew Sze-Sian Tan":    {Family: "Tan", Given: "Andrew Sze-Sian"},
		"Sébastien Billioud":     {Family: "Billioud", Given: "Sébastien"},
		"Xinhua":                 {Literal: "Xinhua"},
		"Ludwig van Beethoven":   {Literal: "Ludwig van Beethoven"},
		"Creemers, Rogier":       {Literal: "Creemers, Rogier"},
		"  Simina   Mistreanu  ": {Family: "Mistreanu", Given: "Simina"},
	} {
		if got := SplitName(in); got != want {
			t.Errorf("SplitName(%q) = %+v, want %+v", in, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]Date{
		"April 3, 2018": {2018, 4, 3, 0},
		"August 2018":   {2018, 8, 0, 0},
		"Spring 2018":   {2018, 0, 0, 1},
		"2003":          {2003, 0, 0, 0},
		"2018-11-16":    {2018, 11, 16, 0},
	} {
		got, ok := ParseDate(in)
		if !ok || got != want {
			t.Errorf("ParseDate(%q) = %+v, %v; want %+v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "soon", "April 40, 2018", "Smarch 2018", "18", "2018-13"} {
		if d, ok := ParseDate(bad); ok {
			t.Errorf("ParseDate(%q) = %+v, want failure", bad, d)
		}
	}
}

func TestEscapeBibTeX(t *testing.T) {
	got := EscapeBibTeX(`Policy & Internet: 50% of $x_1 #1 {a} ~ ^ \`)
	want := `Policy \& Internet: 50\% of \$x\_1 \#1 \{a\} \textasciitilde{} \textasciicircum{} \textbackslash{}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func builtin(t *testing.T) *reading.Reading {
	t.Helper()
	rd, err := reading.Load(margin.Content())
	if err != nil {
		t.Fatal(err)
	}
	return rd
}

// cslFields are the CSL-JSON schema's item fields margin may write.
var cslFields = map[string]bool{"id": true, "type": true, "author": true, "title": true, "container-title": true,
	"volume": true, "issue": true, "page": true, "publisher": true, "publisher-place": true, "issued": true,
	"accessed": true, "URL": true, "note": true}

var cslTypeNames = map[string]bool{"article-journal": true, "article-newspaper": true, "chapter": true, "book": true,
	"report": true, "webpage": true, "document": true}

func TestCSLBuiltin(t *testing.T) {
	rd := builtin(t)
	var buf bytes.Buffer
	if err := WriteCSL(&buf, rd.Endnotes); err != nil {
		t.Fatal(err)
	}
	var items []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &items); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, it := range items {
		for k := range it {
			if !cslFields[k] {
				t.Errorf("%v: field %q is not a CSL-JSON field", it["id"], k)
			}
		}
		if !cslTypeNames[it["type"].(string)] {
			t.Errorf("%v: type %v", it["id"], it["type"])
		}
		ids[it["id"].(string)] = true
		for _, a := range asList(it["author"]) {
			m := a.(map[string]any)
			if m["literal"] == nil && (m["family"] == nil || m["given"] == nil) {
				t.Errorf("%v: author %v", it["id"], m)
			}
		}
		if d, ok := it["issued"].(map[string]any); ok && d["date-parts"] == nil {
			t.Errorf("%v: issued without date-parts: %v", it["id"], d)
		}
	}
	// Not printed (25–29) and ibid-style (12, 19, 22) notes have no entry.
	for _, n := range []int{12, 19, 22, 25, 26, 27, 28, 29} {
		if ids[Key(n)] {
			t.Errorf("%s has an entry", Key(n))
		}
	}
	if len(ids) != 24-3 {
		t.Errorf("%d entries, want 21", len(ids))
	}
	// Nothing the printed note lacks: note 3 has no volume, issue or page.
	n3, _ := CSL(rd.Endnotes[2])
	if n3.Volume != "" || n3.Issue != "" || n3.Page != "" || n3.Publisher != "" {
		t.Errorf("endnote 3 gained fields: %+v", n3)
	}
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func TestBibTeXBuiltin(t *testing.T) {
	rd := builtin(t)
	var buf bytes.Buffer
	if err := WriteBibTeX(&buf, rd.Endnotes, "test"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Count(out, "\n@") != 21 {
		t.Errorf("%d entries, want 21", strings.Count(out, "\n@"))
	}
	// Braces balance in every entry.
	depth := 0
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "%") {
			continue
		}
		line = strings.NewReplacer(`\{`, "", `\}`, "").Replace(line)
		depth += strings.Count(line, "{") - strings.Count(line, "}")
		if depth < 0 {
			t.Fatalf("unbalanced braces at %q", line)
		}
	}
	if depth != 0 {
		t.Errorf("unbalanced braces: depth %d at the end", depth)
	}
}

func TestCite(t *testing.T) {
	rd := builtin(t)
	c, err := Cite(rd.Meta, "chicago", nil)
	if err != nil || !strings.HasPrefix(c.Text, "Vochelet, Robin. “The Social Credit System: A Tool") {
		t.Errorf("chicago: %q %v", c.Text, err)
	}
	a, _ := Cite(rd.Meta, "apa", ProperNouns(rd))
	if !strings.Contains(a.Text, "Vochelet, R. (2021). The social credit system: A tool for authoritarian resilience in Mainland China.") {
		t.Errorf("apa: %q", a.Text)
	}
	if _, err := Cite(rd.Meta, "mla", nil); err == nil {
		t.Error("mla: no error")
	}
	if got := initials("Anne S."); got != "A. S." {
		t.Errorf("initials = %q", got)
	}
}

// A book is cited as a book: its title in italics, its venue as the
// publisher, in every format.
func TestCiteBook(t *testing.T) {
	m := reading.Meta{ID: "mill", Title: "On Liberty", Author: "John Stuart Mill", Venue: "John W. Parker and Son", Year: "1859", Type: "book"}
	c, _ := Cite(m, "chicago", nil)
	if want := "Mill, John Stuart. *On Liberty*. John W. Parker and Son, 1859."; c.Text != want {
		t.Errorf("chicago: %q, want %q", c.Text, want)
	}
	a, _ := Cite(m, "apa", func(string) bool { return false })
	if want := "Mill, J. S. (1859). *On liberty*. John W. Parker and Son."; a.Text != want {
		t.Errorf("apa: %q, want %q", a.Text, want)
	}
	if b := PaperBibTeX(m); !strings.HasPrefix(b, "@book{mill1859,") || !strings.Contains(b, "publisher = {John W. Parker and Son}") || strings.Contains(b, "journal") {
		t.Errorf("bibtex:\n%s", b)
	}
	if it := PaperCSL(m); it.Type != "book" || it.Publisher != m.Venue || it.ContainerTitle != "" {
		t.Errorf("csl: %+v", it)
	}
}
