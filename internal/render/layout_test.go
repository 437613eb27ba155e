package render_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
)

// Every marker and term lands where the layout says, in every style and at
// every width, and the layout finds each of them.
func TestLayoutPlacesEverything(t *testing.T) {
	rd := load(t)
	r := render.New()
	notes, _ := rd.Notes()
	show := all
	show.Reader = true
	for _, style := range []string{"plain", "dark", "ascii", "light"} {
		for _, w := range []int{30, 41, 60, 80, 100, 160} {
			placed := 0
			for _, s := range rd.Sections {
				out, l, err := r.RenderSection(rd, s, show, render.Options{Plain: style == "plain", Style: style, Width: w, Fit: true})
				if err != nil {
					t.Fatal(err)
				}
				lines := strings.Split(ansi.Strip(out), "\n")
				refs := 0
				for _, p := range s.Paragraphs {
					refs += len(p.Refs)
				}
				kinds := map[render.SpotKind]int{}
				for _, sp := range l.Spots {
					kinds[sp.Kind]++
					got := cut(lines[sp.Line], sp.Col, sp.Col+sp.Width)
					if want := spotText(rd, s, sp, style == "plain"); got == "" || !strings.HasPrefix(want, got) {
						t.Errorf("%s at %d, section %s: spot %v %s reads %q, want the start of %q", style, w, s.Number, sp.Kind, sp.Ref, got, want)
					}
				}
				placed += kinds[render.SpotNote]
				if terms, _ := render.SectionTerms(rd, s.Number); kinds[render.SpotTerm] != len(terms) {
					t.Errorf("%s at %d, section %s: %d of %d terms placed", style, w, s.Number, kinds[render.SpotTerm], len(terms))
				}
				if kinds[render.SpotEndnote] != refs {
					t.Errorf("%s at %d, section %s: %d of %d endnote numbers placed", style, w, s.Number, kinds[render.SpotEndnote], refs)
				}
			}
			if placed != len(notes) {
				t.Errorf("%s at %d: %d of %d note markers placed", style, w, placed, len(notes))
			}
		}
	}
}

func spotText(rd *reading.Reading, s *reading.Section, sp render.Spot, plain bool) string {
	switch sp.Kind {
	case render.SpotNote:
		notes, _ := rd.Notes()
		for _, n := range notes {
			if n.ID == sp.Ref {
				in, _ := rd.NotesIn(n.Section)
				for i, m := range in {
					if m.ID == n.ID {
						return strings.ReplaceAll(strings.Trim(render.NoteMarker(i+1, n.Verdict, plain), "`"), "\u00a0", " ")
					}
				}
			}
		}
	case render.SpotEndnote:
		n, _ := strconv.Atoi(sp.Ref)
		return render.Superscript(n)
	case render.SpotTerm:
		terms, _ := render.SectionTerms(rd, s.Number)
		for _, u := range terms {
			if u.Entry.ID == sp.Ref {
				return s.Paragraphs[u.Loc.Para].Plain[u.Loc.Start:u.Loc.End]
			}
		}
	}
	return ""
}

// cut returns the text between two display columns of a line.
func cut(line string, c0, c1 int) string {
	return ansi.Cut(line, c0, c1)
}

// A personal note's marker is placed too, and Spans covers a passage's
// words line by line.
func TestLayoutPlacesMarksAndSpans(t *testing.T) {
	rd := load(t)
	s := rd.Section("2.1")
	loc, err := reading.Locate(s, reading.Anchor{Exact: "ranging from A+++ to D"})
	if err != nil {
		t.Fatal(err)
	}
	beforeRef, err := reading.Locate(s, reading.Anchor{Exact: "Alibaba and Baidu."}) // endnote 2 follows
	if err != nil {
		t.Fatal(err)
	}
	show := all
	show.Marks = []render.UserMark{{ID: "7", Loc: loc, Text: "compare"}, {ID: "8", Loc: beforeRef, Text: "who?"}}
	for _, plain := range []bool{true, false} {
		out, l, err := render.New().RenderSection(rd, s, show, render.Options{Plain: plain, Style: "dark", Width: 44, Fit: true})
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(ansi.Strip(out), "\n")
		var mark *render.Spot
		n := 0
		for i, sp := range l.Spots {
			if sp.Kind == render.SpotMark {
				n++
				if sp.Ref == "7" {
					mark = &l.Spots[i]
				}
			}
		}
		if n != 2 {
			t.Errorf("plain %v: %d of 2 personal notes placed", plain, n)
		}
		want := "✎ 7"
		if plain {
			want = "[my note 7]"
		}
		if mark == nil || cut(lines[mark.Line], mark.Col, mark.Col+mark.Width) != want {
			t.Fatalf("plain %v: the personal note's marker is not placed: %+v", plain, mark)
		}
		var got []string
		for _, sp := range l.Spans(loc.Para, loc.Start, loc.End) {
			got = append(got, cut(lines[sp.Line], sp.Start, sp.End))
		}
		if strings.Join(got, " ") != "ranging from A+++ to D" {
			t.Errorf("plain %v: Spans reads %q", plain, got)
		}
	}
}
