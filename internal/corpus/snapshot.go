package corpus

import (
	"errors"
	"fmt"
	"strings"

	"github.com/margin-reader/margin/internal/binenc"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/search"
)

// corpusMagic starts every encoded corpus; its last byte is the layout's
// version, changed whenever the layout does.
const corpusMagic = "margin corpus\x03"

// Marshal encodes c so that Unmarshal can rebuild it without indexing
// again. margin embeds the built-in reading's corpus, generated with the
// reading's own snapshot by go generate; a test keeps it in step with the
// content.
//
// The layout is plain (package binenc): after corpusMagic, each document as
// its fields, then the sentences' locations,
// then the index as search.(*Index).MarshalBinary wrote it. It is read
// without reflection, which is what makes margin search start quickly.
func (c *Corpus) Marshal() ([]byte, error) {
	ix, err := c.Index.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("encoding the search index: %w", err)
	}
	w := binenc.Writer{Buf: []byte(corpusMagic)}
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
		l := c.Locs[i]
		w.Uint(i)
		w.Str(l.Section)
		w.Uint(l.Para)
		w.Uint(l.Start)
		w.Uint(l.End)
	}
	w.Str(string(ix))
	return w.Buf, nil
}

// Unmarshal decodes a corpus encoded by Marshal. Damaged data is an error,
// never a panic.
func Unmarshal(data string) (*Corpus, error) {
	rest, ok := strings.CutPrefix(data, corpusMagic)
	if !ok {
		return nil, errors.New("decoding the search corpus: not a corpus of this version")
	}
	r := binenc.NewReader(rest)
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
		l := reading.Location{Section: r.Str(), Para: r.Uint(), Start: r.Uint(), End: r.Uint()}
		if i >= len(c.Docs) {
			r.Fail()
		}
		c.Locs[i] = l
	}
	ix := r.Str()
	if r.Done() != nil {
		return nil, errors.New("decoding the search corpus: damaged or truncated")
	}
	var err error
	if c.Index, err = search.UnmarshalIndex([]byte(ix), c.Docs); err != nil {
		return nil, fmt.Errorf("decoding the search index: %w", err)
	}
	return c, nil
}

// Restore returns the corpus encoded in data when it decodes, and
// otherwise builds one from the reading load returns. load is called only
// then, so a caller holding an encoded corpus need not load the reading at
// all. data must have been made from that reading (margin pairs its
// embedded reading with its embedded corpus); empty data always builds.
func Restore(data string, load func() (*reading.Reading, error)) (*Corpus, error) {
	if len(data) > 0 {
		if c, err := Unmarshal(data); err == nil {
			return c, nil
		}
	}
	rd, err := load()
	if err != nil {
		return nil, err
	}
	return Build(rd)
}
