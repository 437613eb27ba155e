// Package pack defines margin's compiled reading: one file (.margin) that
// holds a reading parsed and loaded (text, endnotes, glossary, notes, prep)
// and its search index, in the plain layout of package binenc, behind a
// header with a format version and a checksum for each part. margin pack
// writes it; the built-in paper is embedded as one; a reading folder is
// compiled into one in memory when it is opened, so that a folder and its
// compiled file are read by the same code.
//
// The file, numbers little-endian:
//
//	magic    8 bytes  "\x89margin\n"
//	version  2 bytes  Version
//	parts    12 bytes for each of the five parts, in the order below: its
//	                  length in bytes (8 bytes) and its CRC-32C (Castagnoli)
//	                  (4 bytes)
//	checksum 4 bytes  CRC-32C of the magic, the version and the parts' table
//	text              metadata, sections (with their paragraphs) and
//	                  endnotes (reading.EncodeParts)
//	glossary          the glossary entries, with where the text uses each
//	notes             the notes, anchored
//	prep              the seminar prep
//	search            the search corpus and index (corpus.Corpus.Encode)
//
// Opening a file reads and checks the header and the text; each other part
// is read and checked when a command first needs it (margin toc reads
// neither the glossary nor the search index). A damaged part is reported
// then, as the damaged file it is.
//
// A file of another version is refused: a newer one needs a newer margin,
// an older one must be compiled again.
package pack

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"sync"
	"unsafe"

	"github.com/margin-reader/margin/internal/binenc"
	"github.com/margin-reader/margin/internal/corpus"
	"github.com/margin-reader/margin/internal/reading"
)

// Magic starts every compiled reading. Its first byte is not text, so that
// no text file is taken for one, and its newline shows a transfer that
// changed line endings.
const Magic = "\x89margin\n"

// Version is the compiled format's version. Change it whenever the layout
// of anything in the file changes (this header, reading's snapcodec.go,
// corpus's codec.go, search's marshal.go) or the search index would index
// the same documents differently.
const Version = 3

// Ext is the compiled reading's file name extension.
const Ext = ".margin"

// The parts of a compiled reading, in the order the file holds them: the
// reading's own (reading.PartText …) and then the search corpus.
const (
	partSearch = reading.NumParts
	numParts   = reading.NumParts + 1
)

// partNames name the parts in errors ("damaged (checksum mismatch in the
// glossary)").
var partNames = [numParts]string{"the text", "the glossary", "the notes", "the prep", "the search index"}

// HeaderSize is the size of the header before the parts.
const HeaderSize = len(Magic) + 2 + numParts*12 + 4

// castagnoli is the CRC-32C table, made on first use.
var castagnoli = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

// Errors of Decode, each wrapped in a *FormatError.
var (
	// ErrForeign means the data is not a compiled reading at all.
	ErrForeign = errors.New("not a compiled margin reading")
	// ErrDamaged means the data was a compiled reading but has been
	// truncated or changed.
	ErrDamaged = errors.New("damaged")
	// ErrNewer means the file was compiled by a newer margin.
	ErrNewer = errors.New("compiled by a newer margin")
	// ErrOlder means the file was compiled by an older margin.
	ErrOlder = errors.New("compiled by an older margin")
)

// FormatError says why data is not a compiled reading this margin reads,
// and what to do about it.
type FormatError struct {
	Err    error  // ErrForeign, ErrDamaged, ErrNewer or ErrOlder
	Detail string // e.g. "checksum mismatch", or ""
	Hint   string // what the user can do
}

// Error says what is wrong in one line, e.g. "damaged (checksum mismatch)".
func (e *FormatError) Error() string {
	if e.Detail == "" {
		return e.Err.Error()
	}
	return e.Err.Error() + " (" + e.Detail + ")"
}

// Unwrap returns ErrForeign, ErrDamaged, ErrNewer or ErrOlder.
func (e *FormatError) Unwrap() error { return e.Err }

func damaged(detail string) *FormatError {
	return &FormatError{ErrDamaged, detail, "compile it again with 'margin pack FOLDER', or copy it again"}
}

// part is where a part lies in the file and its checksum.
type part struct {
	off, size int64
	sum       uint32
}

// Bundle is a compiled reading, decoded: the text at once, each other part
// (the glossary, the notes, the prep, the search corpus) read, checked and
// decoded when first asked for.
type Bundle struct {
	name  string // the file's path, for errors; "" for data in memory
	parts [numParts]part
	// read returns the bytes at off, for data in memory a slice of it, for
	// a file read from it then.
	read func(off, size int64) (string, error)
	// partRead, if set, is told when a part has been read whole.
	partRead func()

	rd         *reading.Reading
	corpusOnce sync.Once
	corpus     *corpus.Corpus
	corpusErr  error
}

// Reading returns the reading.
func (b *Bundle) Reading() *reading.Reading { return b.rd }

// Corpus returns the reading's search corpus, read, checked and decoded on
// first use.
func (b *Bundle) Corpus() (*corpus.Corpus, error) {
	b.corpusOnce.Do(func() {
		data, err := b.part(partSearch)
		if err != nil {
			b.corpusErr = err
			return
		}
		r := binenc.NewReader(data)
		c, err := corpus.Decode(r)
		if err == nil {
			err = r.Done()
		}
		if err == nil {
			err = checkLocs(b.rd, c)
		}
		if err != nil {
			b.corpusErr = b.wrap(damaged("the search index: " + err.Error()))
			return
		}
		b.corpus = c
	})
	return b.corpus, b.corpusErr
}

// part reads part i and checks it against its checksum. It is called once
// for each part.
func (b *Bundle) part(i int) (string, error) {
	p := b.parts[i]
	data, err := b.read(p.off, p.size)
	if b.partRead != nil {
		b.partRead()
	}
	if err != nil {
		return "", b.wrap(damaged(fmt.Sprintf("%s cannot be read: %v", partNames[i], err)))
	}
	if int64(len(data)) != p.size {
		return "", b.wrap(damaged("truncated"))
	}
	if crc32.Update(0, castagnoli(), bytesOf(data)) != p.sum {
		return "", b.wrap(damaged("checksum mismatch in " + partNames[i]))
	}
	return data, nil
}

// rangeOf reads size bytes at off in part i and checks them against sum,
// for a part read piece by piece (a section's notes).
func (b *Bundle) rangeOf(i, off, size int, sum uint32) (string, error) {
	p := b.parts[i]
	if off < 0 || size < 0 || int64(off) > p.size || int64(size) > p.size-int64(off) {
		return "", b.wrap(damaged("bad layout of " + partNames[i]))
	}
	data, err := b.read(p.off+int64(off), int64(size))
	if err != nil {
		return "", b.wrap(damaged(fmt.Sprintf("%s cannot be read: %v", partNames[i], err)))
	}
	if len(data) != size {
		return "", b.wrap(damaged("truncated"))
	}
	if crc32.Update(0, castagnoli(), bytesOf(data)) != sum {
		return "", b.wrap(damaged("checksum mismatch in " + partNames[i]))
	}
	return data, nil
}

// wrap names the file in err, if the bundle came from one.
func (b *Bundle) wrap(err error) error {
	if b.name == "" {
		return err
	}
	return fmt.Errorf("%s: %w", b.name, err)
}

// checkLocs checks that every sentence of c is a place in rd's text.
func checkLocs(rd *reading.Reading, c *corpus.Corpus) error {
	for i, l := range c.Locs {
		if !rd.Contains(l) {
			return fmt.Errorf("sentence %d: no such place in the text", i)
		}
	}
	return nil
}

// Compile loads everything in rd, indexes it for search and encodes both
// in the compiled format. The output depends only on the reading: the same
// content always gives the same bytes.
func Compile(rd *reading.Reading) ([]byte, error) {
	c, err := corpus.Build(rd)
	if err != nil {
		return nil, err
	}
	text, err := reading.EncodeParts(rd)
	if err != nil {
		return nil, err
	}
	var index binenc.Writer
	if err := c.Encode(&index); err != nil {
		return nil, err
	}
	parts := [numParts][]byte{bytesOf(text[0]), bytesOf(text[1]), bytesOf(text[2]), bytesOf(text[3]), index.Buf}
	size := HeaderSize
	for _, p := range parts {
		size += len(p)
	}
	out := make([]byte, 0, size)
	out = append(out, Magic...)
	out = binary.LittleEndian.AppendUint16(out, Version)
	for _, p := range parts {
		out = binary.LittleEndian.AppendUint64(out, uint64(len(p)))
		out = binary.LittleEndian.AppendUint32(out, crc32.Checksum(p, castagnoli()))
	}
	out = binary.LittleEndian.AppendUint32(out, crc32.Checksum(out, castagnoli()))
	for _, p := range parts {
		out = append(out, p...)
	}
	return out, nil
}

// Decode checks the header of data, a compiled reading, and decodes its
// text; the other parts are checked and decoded when first used. The
// returned bundle shares data's memory. What is wrong with data is told by
// a *FormatError, now or when the part is used; nothing in data can make
// Decode, or the use of what it returns, panic.
func Decode(data string) (*Bundle, error) {
	if err := checkMagic(data); err != nil {
		return nil, err
	}
	if len(data) < HeaderSize {
		return nil, damaged("truncated")
	}
	parts, err := parseHeader([]byte(data[:HeaderSize]), int64(len(data)))
	if err != nil {
		return nil, err
	}
	b := &Bundle{parts: parts, read: func(off, size int64) (string, error) { return data[off : off+size], nil }}
	if err := b.decodeText(); err != nil {
		return nil, err
	}
	return b, nil
}

// decodeText reads, checks and decodes the text, and sets the bundle's
// reading, whose other parts are read through b.part.
func (b *Bundle) decodeText() error {
	text, err := b.part(reading.PartText)
	if err != nil {
		return err
	}
	rd, err := reading.DecodeParts(text, b.part, b.rangeOf)
	if err != nil {
		return b.wrap(damaged(err.Error()))
	}
	b.rd = rd
	return nil
}

// checkMagic checks that data starts as a compiled reading does (data may
// be only the header's start).
func checkMagic(data string) error {
	if len(data) < len(Magic) || data[:len(Magic)] != Magic {
		return &FormatError{ErrForeign, "", "margin opens reading folders (docs/FORMAT.md) and the .margin files 'margin pack' writes"}
	}
	return nil
}

// parseHeader checks the header h (HeaderSize bytes, after the magic) of a
// file of size bytes and returns where its parts lie.
func parseHeader(h []byte, size int64) ([numParts]part, error) {
	var parts [numParts]part
	switch v := binary.LittleEndian.Uint16(h[len(Magic):]); {
	case v > Version:
		return parts, &FormatError{ErrNewer, fmt.Sprintf("format %d; this margin reads format %d", v, Version), "update margin to open it"}
	case v < Version:
		return parts, &FormatError{ErrOlder, fmt.Sprintf("format %d; this margin reads format %d", v, Version), "compile its folder again with 'margin pack FOLDER'"}
	}
	end := HeaderSize - 4
	if crc32.Checksum(h[:end], castagnoli()) != binary.LittleEndian.Uint32(h[end:]) {
		return parts, damaged("checksum mismatch in the header")
	}
	off := int64(HeaderSize)
	for i := range parts {
		e := h[len(Magic)+2+12*i:]
		n := binary.LittleEndian.Uint64(e)
		if n > uint64(size-off) {
			return parts, damaged("truncated")
		}
		parts[i] = part{off: off, size: int64(n), sum: binary.LittleEndian.Uint32(e[8:])}
		off += int64(n)
	}
	if off != size {
		return parts, damaged("data after the end")
	}
	return parts, nil
}

// bytesOf returns the bytes of s without copying them, for reading only: a
// compiled reading is a string (embedded, or read once), and copying a
// megabyte to checksum it would cost more than the checksum.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// FromReading compiles rd in memory and decodes the result, so that rd is
// read exactly as its compiled file would be.
func FromReading(rd *reading.Reading) (*Bundle, error) {
	data, err := Compile(rd)
	if err != nil {
		return nil, err
	}
	return Decode(stringOf(data))
}

// stringOf returns data as a string without copying it: data is never
// written again, and the decoded reading keeps slices of it, as it keeps
// slices of the embedded paper.
func stringOf(data []byte) string {
	if len(data) == 0 {
		return ""
	}
	return unsafe.String(&data[0], len(data))
}
