package corpus

import (
	"bytes"
	"encoding/gob"
	"fmt"

	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/search"
)

// snapshotVersion changes whenever the snapshot's layout does.
const snapshotVersion = 1

// snapshot is a built corpus flattened for encoding/gob: its documents, the
// places of its sentences and its index, encoded by search.
type snapshot struct {
	Version int
	Docs    []search.Doc
	Locs    []docLocation // sorted by Doc, so that encoding is deterministic
	Index   []byte
}

type docLocation struct {
	Doc int
	Loc reading.Location
}

// Marshal encodes c so that Restore can rebuild it without indexing again.
// margin embeds the built-in reading's corpus, generated with the reading's
// own snapshot by go generate; a test keeps it in step with the content.
func (c *Corpus) Marshal() ([]byte, error) {
	ix, err := c.Index.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("encoding the search index: %w", err)
	}
	var buf bytes.Buffer
	s := snapshot{Version: snapshotVersion, Docs: c.Docs, Index: ix}
	for i := range c.Docs {
		if loc, ok := c.Locs[i]; ok {
			s.Locs = append(s.Locs, docLocation{i, loc})
		}
	}
	if err := gob.NewEncoder(&buf).Encode(s); err != nil {
		return nil, fmt.Errorf("encoding the search corpus: %w", err)
	}
	return buf.Bytes(), nil
}

// Unmarshal decodes a corpus encoded by Marshal.
func Unmarshal(data []byte) (*Corpus, error) {
	var s snapshot
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&s); err != nil {
		return nil, fmt.Errorf("decoding the search corpus: %w", err)
	}
	if s.Version != snapshotVersion {
		return nil, fmt.Errorf("search corpus version %d, want %d", s.Version, snapshotVersion)
	}
	ix, err := search.UnmarshalIndex(s.Index, s.Docs)
	if err != nil {
		return nil, fmt.Errorf("decoding the search index: %w", err)
	}
	c := &Corpus{Docs: s.Docs, Index: ix, Locs: make(map[int]reading.Location, len(s.Locs))}
	for _, l := range s.Locs {
		if l.Doc < 0 || l.Doc >= len(s.Docs) {
			return nil, fmt.Errorf("decoding the search corpus: location of document %d of %d", l.Doc, len(s.Docs))
		}
		c.Locs[l.Doc] = l.Loc
	}
	return c, nil
}

// Restore returns the corpus encoded in data when there is one it can
// decode, and otherwise builds rd's corpus afresh. data must have been made
// from rd (margin pairs its embedded reading with its embedded corpus);
// pass nil to always build.
func Restore(rd *reading.Reading, data []byte) (*Corpus, error) {
	if len(data) > 0 {
		if c, err := Unmarshal(data); err == nil {
			return c, nil
		}
	}
	return Build(rd)
}
