package reading

import "github.com/margin-reader/margin/internal/binenc"

// The layouts of a compiled reading's parts: each enc function writes the fields
// of its type in order, and its dec function reads them back in the same
// order. A field added to one of these types must be added to both, and
// pack.Version changed; TestSnapshotCodecKeepsEveryField
// fails until it is.

func encText(w *binenc.Writer, t snapText) {
	encMeta(w, t.Meta)
	binenc.WriteSlice(w, t.Sections, encSection)
	binenc.WriteSlice(w, t.Endnotes, encEndnote)
	binenc.WriteSlice(w, t.NoteChunks, encNoteChunk)
}

func decText(r *binenc.Reader) snapText {
	return snapText{Meta: decMeta(r), Sections: binenc.ReadSlice(r, decSection), Endnotes: binenc.ReadSlice(r, decEndnote),
		NoteChunks: binenc.ReadSlice(r, decNoteChunk)}
}

func encNoteChunk(w *binenc.Writer, c noteChunk) {
	w.Str(c.Section)
	w.Uint(c.Off)
	w.Uint(c.Size)
	w.Uint(int(c.Sum & 0xffff))
	w.Uint(int(c.Sum >> 16))
}

func decNoteChunk(r *binenc.Reader) noteChunk {
	return noteChunk{Section: r.Str(), Off: r.Uint(), Size: r.Uint(), Sum: uint32(r.Uint()) | uint32(r.Uint())<<16}
}

func encSection(w *binenc.Writer, s snapSection) {
	w.Str(s.Number)
	w.Str(s.Slug)
	w.Str(s.Title)
	w.Str(s.File)
	w.Uint(s.Words)
	binenc.WriteSlice(w, s.Paragraphs, encParagraph)
}

func decSection(r *binenc.Reader) snapSection {
	return snapSection{Number: r.Str(), Slug: r.Str(), Title: r.Str(), File: r.Str(), Words: r.Uint(), Paragraphs: binenc.ReadSlice(r, decParagraph)}
}

func encParagraph(w *binenc.Writer, p Paragraph) {
	w.Str(p.Markdown)
	w.Str(p.Plain)
	w.Ints(p.Refs)
}

func decParagraph(r *binenc.Reader) Paragraph {
	return Paragraph{Markdown: r.Str(), Plain: r.Str(), Refs: r.Ints()}
}

func encMeta(w *binenc.Writer, m Meta) {
	for _, f := range []string{m.ID, m.Title, m.Subtitle, m.Author, m.Editor, m.Venue, m.VenueNote, m.Year, m.URL, m.Type} {
		w.Str(f)
	}
}

func decMeta(r *binenc.Reader) Meta {
	return Meta{ID: r.Str(), Title: r.Str(), Subtitle: r.Str(), Author: r.Str(), Editor: r.Str(),
		Venue: r.Str(), VenueNote: r.Str(), Year: r.Str(), URL: r.Str(), Type: r.Str()}
}

func encEndnote(w *binenc.Writer, e Endnote) {
	w.Int(e.N)
	w.Bool(e.Printed)
	w.Bool(e.Truncated)
	w.Str(e.Text)
	w.Strs(e.Authors)
	for _, f := range []string{e.Title, e.Container, e.Volume, e.Issue, e.Publisher, e.Place, e.Date, e.Accessed, e.Pages, e.URL, e.Type} {
		w.Str(f)
	}
	w.Int(e.RefersTo)
}

func decEndnote(r *binenc.Reader) Endnote {
	return Endnote{N: r.Int(), Printed: r.Bool(), Truncated: r.Bool(), Text: r.Str(), Authors: r.Strs(),
		Title: r.Str(), Container: r.Str(), Volume: r.Str(), Issue: r.Str(), Publisher: r.Str(), Place: r.Str(),
		Date: r.Str(), Accessed: r.Str(), Pages: r.Str(), URL: r.Str(), Type: r.Str(), RefersTo: r.Int()}
}

func encEntries(w *binenc.Writer, entries []*Entry) { binenc.WriteSlice(w, entries, encEntry) }

func decEntries(r *binenc.Reader) []*Entry { return binenc.ReadSlice(r, decEntry) }

func encEntry(w *binenc.Writer, e *Entry) {
	w.Str(e.ID)
	w.Str(e.Term)
	w.Strs(e.Alt)
	w.Strs(e.Hidden)
	w.Strs(e.Related)
	w.Bool(e.Contested)
	binenc.WriteSlice(w, e.Sources, encSource)
	w.Str(e.Definition)
	w.Str(e.Body)
	binenc.WriteSlice(w, e.Uses, encUse)
}

func decEntry(r *binenc.Reader) *Entry {
	return &Entry{ID: r.Str(), Term: r.Str(), Alt: r.Strs(), Hidden: r.Strs(), Related: r.Strs(),
		Contested: r.Bool(), Sources: binenc.ReadSlice(r, decSource), Definition: r.Str(), Body: r.Str(),
		Uses: binenc.ReadSlice(r, decUse)}
}

func encUse(w *binenc.Writer, u Use) {
	w.Str(u.Section)
	w.Int(u.Count)
	encLocation(w, u.First)
}

func decUse(r *binenc.Reader) Use {
	return Use{Section: r.Str(), Count: r.Int(), First: decLocation(r)}
}

func encNotes(w *binenc.Writer, notes []*Note) { binenc.WriteSlice(w, notes, encNote) }

func decNotes(r *binenc.Reader) []*Note { return binenc.ReadSlice(r, decNote) }

func encNote(w *binenc.Writer, n *Note) {
	w.Str(n.ID)
	w.Str(n.Section)
	w.Str(n.Anchor.Exact)
	w.Str(n.Anchor.Prefix)
	w.Str(n.Anchor.Suffix)
	w.Int(n.Anchor.Position)
	w.Str(n.Claim)
	w.Str(string(n.Verdict))
	w.Ints(n.Endnotes)
	w.Strs(n.Related)
	binenc.WriteSlice(w, n.Sources, encSource)
	w.Str(n.Summary)
	w.Str(n.Body)
	encLocation(w, n.Loc)
}

func decNote(r *binenc.Reader) *Note {
	return &Note{ID: r.Str(), Section: r.Str(), Anchor: Anchor{Exact: r.Str(), Prefix: r.Str(), Suffix: r.Str(), Position: r.Int()},
		Claim: r.Str(), Verdict: Verdict(r.Str()), Endnotes: r.Ints(), Related: r.Strs(),
		Sources: binenc.ReadSlice(r, decSource), Summary: r.Str(), Body: r.Str(), Loc: decLocation(r)}
}

func encPreps(w *binenc.Writer, preps []Prep) { binenc.WriteSlice(w, preps, encPrep) }

func decPreps(r *binenc.Reader) []Prep { return binenc.ReadSlice(r, decPrep) }

func encPrep(w *binenc.Writer, p Prep) {
	w.Str(p.Section)
	w.Str(p.Summary)
	w.Strs(p.Questions)
}

func decPrep(r *binenc.Reader) Prep {
	return Prep{Section: r.Str(), Summary: r.Str(), Questions: r.Strs()}
}

func encSource(w *binenc.Writer, s Source) {
	for _, f := range []string{s.Author, s.Title, s.Venue, s.Date, s.URL} {
		w.Str(f)
	}
	w.Str(string(s.Seen))
	w.Str(s.Via)
	w.Str(s.Note)
}

func decSource(r *binenc.Reader) Source {
	return Source{Author: r.Str(), Title: r.Str(), Venue: r.Str(), Date: r.Str(), URL: r.Str(),
		Seen: Seen(r.Str()), Via: r.Str(), Note: r.Str()}
}

// EncodeLocation writes a place in the text, for other codecs of the
// compiled format (the search corpus's sentences): Location's layout has
// this one place.
func EncodeLocation(w *binenc.Writer, l Location) { encLocation(w, l) }

// DecodeLocation reads a place written by EncodeLocation.
func DecodeLocation(r *binenc.Reader) Location { return decLocation(r) }

func encLocation(w *binenc.Writer, l Location) {
	w.Str(l.Section)
	w.Int(l.Para)
	w.Int(l.Start)
	w.Int(l.End)
	w.Int(int(l.Fit))
	w.Str(l.Found)
	w.Str(l.From)
}

func decLocation(r *binenc.Reader) Location {
	return Location{Section: r.Str(), Para: r.Int(), Start: r.Int(), End: r.Int(), Fit: Fit(r.Int()), Found: r.Str(), From: r.Str()}
}
