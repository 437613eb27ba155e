package render

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/margin-reader/margin/internal/sanitize"
)

// Pre-rendering. What glamour makes of a document depends on the Markdown
// and the style alone, not on the width: margin wraps glamour's output
// itself (see reflow). So the pages a reading is known to have can be styled
// by glamour once, when the reading is built, and only wrapped when they are
// shown, much as man-db keeps formatted manual pages. That spares a
// command such as `margin glossary TERM` glamour's work and go-runewidth's
// width table (see Prepare), which were most of what it cost beyond
// margin's start-up (BENCHMARKS.md has the figures).
//
// The pre-rendered pages are a cache, never a second source: a part of a
// document is found by a digest of its style and its exact Markdown, so a
// page that has changed is simply not found and is rendered as usual, and
// TestPrerenderedIsFresh fails until the data is built again.

// prerenderedStyles are the styles pages are pre-rendered in: margin's
// styles off a terminal (and under NO_COLOR) and on one, unless asked for
// another.
var prerenderedStyles = []string{"plain", "dark"}

// prerenderMagic starts the data Prerender writes; the last byte is the
// layout's version.
const prerenderMagic = "margin prerendered\x01"

// The data: prerenderMagic, the number of parts (4 bytes, little-endian),
// one record per part sorted by digest, then the parts' text, which the
// records point into.
const (
	digestSize = 16
	recordSize = digestSize + 8 // digest, offset, length
)

// prerendered is data written by Prerender whose header has been checked.
type prerendered struct {
	records string // count records of recordSize bytes, sorted
	text    string
}

// partDigest names a part of a document in the style k.
func partDigest(k, md string) string {
	h := sha256.New()
	h.Write([]byte(k))
	h.Write([]byte{0})
	h.Write([]byte(md))
	return string(h.Sum(nil)[:digestSize])
}

// errPrerendered is returned for data Prerender did not write.
var errPrerendered = errors.New("not pre-rendered pages, or damaged")

// parsePrerendered checks the header of data written by Prerender. The
// records are checked one by one as they are looked up.
func parsePrerendered(data string) (prerendered, error) {
	rest, ok := strings.CutPrefix(data, prerenderMagic)
	if !ok || len(rest) < 4 {
		return prerendered{}, errPrerendered
	}
	n := uint64(binary.LittleEndian.Uint32([]byte(rest[:4])))
	rest = rest[4:]
	if n*recordSize > uint64(len(rest)) {
		return prerendered{}, errPrerendered
	}
	return prerendered{records: rest[:n*recordSize], text: rest[n*recordSize:]}, nil
}

// lookup returns glamour's output for md in the style k, if it was
// pre-rendered.
func (p prerendered) lookup(k, md string) (string, bool) {
	if len(p.records) == 0 {
		return "", false
	}
	d := partDigest(k, md)
	digest := func(i int) string { return p.records[i*recordSize : i*recordSize+digestSize] }
	i := sort.Search(len(p.records)/recordSize, func(i int) bool { return digest(i) >= d })
	if i == len(p.records)/recordSize || digest(i) != d {
		return "", false
	}
	rec := p.records[i*recordSize+digestSize : (i+1)*recordSize]
	off := uint64(binary.LittleEndian.Uint32([]byte(rec[:4])))
	size := uint64(binary.LittleEndian.Uint32([]byte(rec[4:])))
	if off+size > uint64(len(p.text)) {
		return "", false
	}
	return p.text[off : off+size], true
}

// Prerender renders every part of every document in docs, in every style
// margin pre-renders, and encodes glamour's output for UsePrerendered.
// Documents are split as Render splits them. The result depends only on
// docs and on glamour, byte for byte.
func (r *Renderer) Prerender(docs []string) ([]byte, error) {
	type part struct{ digest, out string }
	var parts []part
	seen := map[string]bool{}
	for _, doc := range docs {
		md := sanitize.String(doc)
		for _, k := range prerenderedStyles {
			for _, p := range r.splitFor(k, md) {
				d := partDigest(k, p)
				if seen[d] {
					continue
				}
				seen[d] = true
				out, err := r.glamour(k, p)
				if err != nil {
					return nil, err
				}
				parts = append(parts, part{d, out})
			}
		}
	}
	slices.SortFunc(parts, func(a, b part) int { return strings.Compare(a.digest, b.digest) })
	var text strings.Builder
	buf := []byte(prerenderMagic)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(parts)))
	for _, p := range parts {
		if uint64(text.Len())+uint64(len(p.out)) > 1<<32-1 {
			return nil, fmt.Errorf("pre-rendering: over 4 GB of pages")
		}
		buf = append(buf, p.digest...)
		buf = binary.LittleEndian.AppendUint32(buf, uint32(text.Len()))
		buf = binary.LittleEndian.AppendUint32(buf, uint32(len(p.out)))
		text.WriteString(p.out)
	}
	return append(buf, text.String()...), nil
}

// UsePrerendered gives r pages pre-rendered by Prerender, which Render then
// wraps instead of rendering them again. Call it before r renders anything.
func (r *Renderer) UsePrerendered(data string) error {
	p, err := parsePrerendered(data)
	if err != nil {
		return fmt.Errorf("pre-rendered pages: %w", err)
	}
	r.pre = p
	return nil
}

// Prerendered reports whether r holds pre-rendered pages in the style o
// asks for: a command that prints one of them need not call Prepare.
func (r *Renderer) Prerendered(o Options) bool {
	k, err := styleKey(o)
	return err == nil && len(r.pre.records) > 0 && slices.Contains(prerenderedStyles, k)
}
