package corpus

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/search"
)

// corpusMagic starts every encoded corpus; its last byte is the layout's
// version, changed whenever the layout does.
const corpusMagic = "margin corpus\x02"

// Marshal encodes c so that Unmarshal can rebuild it without indexing
// again. margin embeds the built-in reading's corpus, generated with the
// reading's own snapshot by go generate; a test keeps it in step with the
// content.
//
// The layout is plain: after corpusMagic, each document as its fields
// (strings as a uvarint length and bytes), then the sentences' locations,
// then the index as search.(*Index).MarshalBinary wrote it. It is read
// without reflection, which is what makes margin search start quickly.
func (c *Corpus) Marshal() ([]byte, error) {
	ix, err := c.Index.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("encoding the search index: %w", err)
	}
	w := writer{buf: []byte(corpusMagic)}
	w.uint(len(c.Docs))
	for _, d := range c.Docs {
		w.str(string(d.Kind))
		w.str(d.Ref)
		w.str(d.Section)
		w.str(d.Title)
		w.uint(len(d.Labels))
		for _, l := range d.Labels {
			w.str(l)
		}
		w.str(d.Body)
	}
	var locs []int
	for i := range c.Docs {
		if _, ok := c.Locs[i]; ok {
			locs = append(locs, i)
		}
	}
	w.uint(len(locs))
	for _, i := range locs {
		l := c.Locs[i]
		w.uint(i)
		w.str(l.Section)
		w.uint(l.Para)
		w.uint(l.Start)
		w.uint(l.End)
	}
	w.str(string(ix))
	return w.buf, nil
}

// Unmarshal decodes a corpus encoded by Marshal. Damaged data is an error,
// never a panic.
func Unmarshal(data []byte) (*Corpus, error) {
	rest, ok := bytes.CutPrefix(data, []byte(corpusMagic))
	if !ok {
		return nil, errors.New("decoding the search corpus: not a corpus of this version")
	}
	r := reader{buf: rest}
	c := &Corpus{Docs: make([]search.Doc, r.count())}
	for i := range c.Docs {
		d := &c.Docs[i]
		d.Kind = search.Kind(r.str())
		d.Ref, d.Section, d.Title = r.str(), r.str(), r.str()
		if n := r.count(); n > 0 {
			d.Labels = make([]string, n)
			for j := range d.Labels {
				d.Labels[j] = r.str()
			}
		}
		d.Body = r.str()
	}
	n := r.count()
	c.Locs = make(map[int]reading.Location, n)
	for range n {
		i := r.uint()
		l := reading.Location{Section: r.str(), Para: r.uint(), Start: r.uint(), End: r.uint()}
		if i >= len(c.Docs) {
			r.fail()
		}
		c.Locs[i] = l
	}
	ix := r.bytes()
	if r.err != nil || len(r.buf) != 0 {
		return nil, errors.New("decoding the search corpus: damaged or truncated")
	}
	var err error
	if c.Index, err = search.UnmarshalIndex(ix, c.Docs); err != nil {
		return nil, fmt.Errorf("decoding the search index: %w", err)
	}
	return c, nil
}

// Restore returns the corpus encoded in data when it decodes, and
// otherwise builds one from the reading load returns. load is called only
// then, so a caller holding an encoded corpus need not load the reading at
// all. data must have been made from that reading (margin pairs its
// embedded reading with its embedded corpus); nil data always builds.
func Restore(data []byte, load func() (*reading.Reading, error)) (*Corpus, error) {
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

type writer struct{ buf []byte }

func (w *writer) uint(n int)   { w.buf = binary.AppendUvarint(w.buf, uint64(n)) }
func (w *writer) str(s string) { w.uint(len(s)); w.buf = append(w.buf, s...) }

// reader reads what writer wrote; after the first error every read returns
// a zero value and err stays set.
type reader struct {
	buf []byte
	err error
}

func (r *reader) fail() { r.err, r.buf = errors.New("damaged"), nil }

func (r *reader) uint() int {
	n, size := binary.Uvarint(r.buf)
	if size <= 0 || n > math.MaxInt32 {
		r.fail()
		return 0
	}
	r.buf = r.buf[size:]
	return int(n)
}

// count reads a number of items, each at least one byte long, so that
// damaged data cannot make the decoder allocate more than it holds.
func (r *reader) count() int {
	n := r.uint()
	if n > len(r.buf) {
		r.fail()
		return 0
	}
	return n
}

func (r *reader) bytes() []byte {
	n := r.uint()
	if n > len(r.buf) {
		r.fail()
		return nil
	}
	b := r.buf[:n:n]
	r.buf = r.buf[n:]
	return b
}

func (r *reader) str() string { return string(r.bytes()) }
