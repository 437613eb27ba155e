package corpus

import (
	"fmt"

	"github.com/margin-reader/margin/internal/binenc"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/search"
)

// Encode writes c so that Decode can rebuild it without indexing again; a
// compiled reading (package pack) holds it next to the reading. The layout
// is plain (package binenc): each document as its fields, then the
// sentences' locations, then the index as search.(*Index).Encode writes
// it. It is read without reflection, which is what makes margin search
// start quickly. The output depends only on c.
func (c *Corpus) Encode(w *binenc.Writer) error {
	w.Uint(len(c.Docs))
	for _, d := range c.Docs {
		w.Str(string(d.Kind))
		w.Str(d.Ref)
		w.Str(d.Section)
		w.Str(d.Title)
		w.Strs(d.Labels)
		w.Uint(d.Hidden)
		w.Str(d.Body)
	}
	var locs []int
	for i := range c.Docs {
		if _, ok := c.Locs[i]; ok {
			locs = append(locs, i)
		}
	}
	w.Uint(len(locs))
	for _, i := range locs {
		w.Uint(i)
		reading.EncodeLocation(w, c.Locs[i])
	}
	if err := c.Index.Encode(w); err != nil {
		return fmt.Errorf("encoding the search index: %w", err)
	}
	return nil
}

// Decode reads a corpus written by Encode. Damaged data is an error, never
// a panic.
func Decode(r *binenc.Reader) (*Corpus, error) {
	c := &Corpus{Docs: make([]search.Doc, r.Count())}
	for i := range c.Docs {
		d := &c.Docs[i]
		d.Kind = search.Kind(r.Str())
		d.Ref, d.Section, d.Title = r.Str(), r.Str(), r.Str()
		d.Labels = r.Strs()
		if d.Hidden = r.Uint(); d.Hidden > len(d.Labels) {
			r.Fail()
		}
		d.Body = r.Str()
	}
	n := r.Count()
	c.Locs = make(map[int]reading.Location, n)
	for range n {
		i := r.Uint()
		l := reading.DecodeLocation(r)
		if i >= len(c.Docs) {
			r.Fail()
		}
		c.Locs[i] = l
	}
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("decoding the search corpus: %w", err)
	}
	var err error
	if c.Index, err = search.DecodeIndex(r, c.Docs); err != nil {
		return nil, fmt.Errorf("decoding the search index: %w", err)
	}
	return c, nil
}
