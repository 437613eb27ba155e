package reading

import "github.com/margin-reader/margin/internal/binenc"

// The layouts of the snapshot's parts: each enc function writes the fields
// of its type in order, and its dec function reads them back in the same
// order. A field added to one of these types must be added to both, and
// snapshotMagic's version byte changed; TestSnapshotCodecKeepsEveryField
// fails until it is.

func encText(w *binenc.Writer, t snapText) {
	encMeta(w, t.Meta)
	w.Uint(len(t.Sections))
	for _, s := range t.Sections {
		w.Str(s.Number)
		w.Str(s.Slug)
		w.Str(s.Title)
		w.Str(s.File)
		w.Uint(len(s.Paragraphs))
		for _, p := range s.Paragraphs {
			w.Str(p.Markdown)
			w.Str(p.Plain)
			w.Ints(p.Refs)
		}
	}
	w.Uint(len(t.Endnotes))
	for _, e := range t.Endnotes {
		encEndnote(w, e)
	}
}

func decText(r *binenc.Reader) snapText {
	t := snapText{Meta: decMeta(r)}
	if n := r.Count(); n > 0 {
		t.Sections = make([]snapSection, n)
		for i := range t.Sections {
			t.Sections[i] = snapSection{Number: r.Str(), Slug: r.Str(), Title: r.Str(), File: r.Str(), Paragraphs: decParagraphs(r)}
		}
	}
	if n := r.Count(); n > 0 {
		t.Endnotes = make([]Endnote, n)
		for i := range t.Endnotes {
			t.Endnotes[i] = decEndnote(r)
		}
	}
	return t
}

func decParagraphs(r *binenc.Reader) []Paragraph {
	n := r.Count()
	if n == 0 {
		return nil
	}
	ps := make([]Paragraph, n)
	for i := range ps {
		ps[i] = Paragraph{Markdown: r.Str(), Plain: r.Str(), Refs: r.Ints()}
	}
	return ps
}

func encMeta(w *binenc.Writer, m Meta) {
	for _, s := range []string{m.ID, m.Title, m.Subtitle, m.Author, m.Editor, m.Venue, m.VenueNote, m.Year, m.URL} {
		w.Str(s)
	}
}

func decMeta(r *binenc.Reader) Meta {
	return Meta{ID: r.Str(), Title: r.Str(), Subtitle: r.Str(), Author: r.Str(), Editor: r.Str(),
		Venue: r.Str(), VenueNote: r.Str(), Year: r.Str(), URL: r.Str()}
}

func encEndnote(w *binenc.Writer, e Endnote) {
	w.Int(e.N)
	w.Bool(e.Printed)
	w.Bool(e.Truncated)
	w.Str(e.Text)
	w.Strs(e.Authors)
	for _, s := range []string{e.Title, e.Container, e.Volume, e.Issue, e.Publisher, e.Place, e.Date, e.Accessed, e.Pages, e.URL, e.Type} {
		w.Str(s)
	}
	w.Int(e.RefersTo)
}

func decEndnote(r *binenc.Reader) Endnote {
	return Endnote{N: r.Int(), Printed: r.Bool(), Truncated: r.Bool(), Text: r.Str(), Authors: r.Strs(),
		Title: r.Str(), Container: r.Str(), Volume: r.Str(), Issue: r.Str(), Publisher: r.Str(), Place: r.Str(),
		Date: r.Str(), Accessed: r.Str(), Pages: r.Str(), URL: r.Str(), Type: r.Str(), RefersTo: r.Int()}
}

func encEntries(w *binenc.Writer, entries []*Entry) {
	w.Uint(len(entries))
	for _, e := range entries {
		w.Str(e.ID)
		w.Str(e.Term)
		w.Strs(e.Alt)
		w.Strs(e.Hidden)
		w.Strs(e.Related)
		w.Bool(e.Contested)
		encSources(w, e.Sources)
		w.Str(e.Definition)
		w.Str(e.Body)
		w.Uint(len(e.Uses))
		for _, u := range e.Uses {
			w.Str(u.Section)
			w.Int(u.Count)
			encLocation(w, u.First)
		}
	}
}

func decEntries(r *binenc.Reader) []*Entry {
	n := r.Count()
	if n == 0 {
		return nil
	}
	entries := make([]*Entry, n)
	for i := range entries {
		e := &Entry{ID: r.Str(), Term: r.Str(), Alt: r.Strs(), Hidden: r.Strs(), Related: r.Strs(),
			Contested: r.Bool(), Sources: decSources(r), Definition: r.Str(), Body: r.Str()}
		if n := r.Count(); n > 0 {
			e.Uses = make([]Use, n)
			for j := range e.Uses {
				e.Uses[j] = Use{Section: r.Str(), Count: r.Int(), First: decLocation(r)}
			}
		}
		entries[i] = e
	}
	return entries
}

func encNotes(w *binenc.Writer, notes []*Note) {
	w.Uint(len(notes))
	for _, n := range notes {
		w.Str(n.ID)
		w.Str(n.Section)
		w.Str(n.Anchor.Exact)
		w.Str(n.Anchor.Prefix)
		w.Str(n.Anchor.Suffix)
		w.Str(n.Claim)
		w.Str(string(n.Verdict))
		w.Ints(n.Endnotes)
		w.Strs(n.Related)
		encSources(w, n.Sources)
		w.Str(n.Summary)
		w.Str(n.Body)
		encLocation(w, n.Loc)
	}
}

func decNotes(r *binenc.Reader) []*Note {
	n := r.Count()
	if n == 0 {
		return nil
	}
	notes := make([]*Note, n)
	for i := range notes {
		notes[i] = &Note{ID: r.Str(), Section: r.Str(), Anchor: Anchor{Exact: r.Str(), Prefix: r.Str(), Suffix: r.Str()},
			Claim: r.Str(), Verdict: Verdict(r.Str()), Endnotes: r.Ints(), Related: r.Strs(), Sources: decSources(r),
			Summary: r.Str(), Body: r.Str(), Loc: decLocation(r)}
	}
	return notes
}

func encPreps(w *binenc.Writer, preps []Prep) {
	w.Uint(len(preps))
	for _, p := range preps {
		w.Str(p.Section)
		w.Str(p.Summary)
		w.Strs(p.Questions)
	}
}

func decPreps(r *binenc.Reader) []Prep {
	n := r.Count()
	if n == 0 {
		return nil
	}
	preps := make([]Prep, n)
	for i := range preps {
		preps[i] = Prep{Section: r.Str(), Summary: r.Str(), Questions: r.Strs()}
	}
	return preps
}

func encSources(w *binenc.Writer, sources []Source) {
	w.Uint(len(sources))
	for _, s := range sources {
		for _, f := range []string{s.Author, s.Title, s.Venue, s.Date, s.URL} {
			w.Str(f)
		}
		w.Bool(s.Confirmed)
		w.Str(s.Note)
	}
}

func decSources(r *binenc.Reader) []Source {
	n := r.Count()
	if n == 0 {
		return nil
	}
	sources := make([]Source, n)
	for i := range sources {
		sources[i] = Source{Author: r.Str(), Title: r.Str(), Venue: r.Str(), Date: r.Str(), URL: r.Str(),
			Confirmed: r.Bool(), Note: r.Str()}
	}
	return sources
}

func encLocation(w *binenc.Writer, l Location) {
	w.Str(l.Section)
	w.Int(l.Para)
	w.Int(l.Start)
	w.Int(l.End)
}

func decLocation(r *binenc.Reader) Location {
	return Location{Section: r.Str(), Para: r.Int(), Start: r.Int(), End: r.Int()}
}
