package render_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
)

// A source's URL, and one in the note on it, are shown exactly as written
// and, on a terminal, as one link: not cut at an underscore, an ampersand
// or the end of a note's emphasis.
func TestSourceURLsShowWhole(t *testing.T) {
	rd := load(t)
	url, noted := "https://example.org/wiki/Ant_Group?a=1&b=2~x", "https://example.org/p_q_r"
	e := &reading.Entry{ID: "t", Term: "Term", Definition: "A term.", Sources: []reading.Source{{
		Author: "An Author", Title: "A & B_c", Venue: "V", URL: url, Seen: reading.SeenOriginal,
		Note: "Checked in a repost at " + noted + ".",
	}}}
	md := render.EntryPage(rd, e)
	r := render.New()
	for _, o := range []render.Options{{Plain: true, Width: 60}, {Style: "dark", Width: 60}} {
		out, err := r.Render(md, o)
		if err != nil {
			t.Fatal(err)
		}
		shown := ansi.Strip(out)
		for _, want := range []string{url, noted, "A & B_c", "Checked in a repost at"} {
			if !strings.Contains(shown, want) {
				t.Errorf("plain=%v: %q is not shown as written:\n%s", o.Plain, want, shown)
			}
		}
		if !o.Plain {
			for _, u := range []string{url, noted} {
				if !strings.Contains(out, u+"\x1b[0m") || !strings.Contains(out, "m"+u) {
					t.Errorf("%q is not one styled link:\n%q", u, out)
				}
			}
		}
		if strings.Contains(shown, "*"+noted) || strings.Contains(shown, noted+"*") {
			t.Errorf("plain=%v: asterisks around the note's URL:\n%s", o.Plain, shown)
		}
	}
}

// Every source says what was seen of it, and names the copy or the quoting
// work that was read instead of the original, as a whole link.
func TestSourcesSayWhatWasSeen(t *testing.T) {
	rd := load(t)
	via := "https://example.org/repost_of?a=1"
	cases := map[reading.Seen]string{
		reading.SeenOriginal: "(seen: the original)",
		reading.SeenCopy:     "(seen in a copy: " + via + ")",
		reading.SeenAbstract: "(seen: the abstract only)",
		reading.SeenQuotedIn: "(not seen; quoted in " + via + ")",
		reading.SeenNotFound: "(not found: unconfirmed)",
	}
	for seen, want := range cases {
		s := reading.Source{Author: "An Author", Title: "A Title", Date: "2020", Seen: seen}
		if seen.NeedsVia() {
			s.Via = via
		}
		md := render.NotePage(rd, noteWith(t, rd, s))
		out, err := render.New().Render(md, render.Options{Plain: true, Width: 100})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("seen: %s: %q is not shown:\n%s", seen, want, out)
		}
	}
}

// noteWith is the first built-in note with its sources replaced by s.
func noteWith(t *testing.T, rd *reading.Reading, s reading.Source) *reading.Note {
	t.Helper()
	notes, err := rd.Notes()
	if err != nil || len(notes) == 0 {
		t.Fatalf("no notes: %v", err)
	}
	n := *notes[0]
	n.Sources = []reading.Source{s}
	return &n
}
