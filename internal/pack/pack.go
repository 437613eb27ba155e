// Package pack defines margin's compiled reading: one file (.margin) that
// holds a reading parsed and loaded (text, endnotes, glossary, notes, prep)
// and its search index, in the plain layout of package binenc, behind a
// header with a format version and a checksum. margin pack writes it; the
// built-in paper is embedded as one; a reading folder is compiled into one
// in memory when it is opened, so that a folder and its compiled file are
// read by the same code.
//
// The file, numbers little-endian:
//
//	magic    8 bytes  "\x89margin\n"
//	version  2 bytes  Version
//	checksum 4 bytes  CRC-32C (Castagnoli) of the payload
//	length   8 bytes  the payload's length in bytes
//	payload           the reading (reading.Encode), then the search corpus
//	                  (corpus.Corpus.Encode), each as a binenc string
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
// of anything in the payload changes (reading's snapcodec.go, corpus's
// codec.go, search's marshal.go) or the search index would index the same
// documents differently.
const Version = 2

// Ext is the compiled reading's file name extension.
const Ext = ".margin"

// headerSize is the size of the header before the payload.
const headerSize = len(Magic) + 2 + 4 + 8

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

// Bundle is a compiled reading, decoded: the reading at once, its search
// corpus when first asked for.
type Bundle struct {
	rd         *reading.Reading
	corpusData string
	corpusOnce sync.Once
	corpus     *corpus.Corpus
	corpusErr  error
}

// Reading returns the reading.
func (b *Bundle) Reading() *reading.Reading { return b.rd }

// Corpus returns the reading's search corpus, decoded on first use.
func (b *Bundle) Corpus() (*corpus.Corpus, error) {
	b.corpusOnce.Do(func() {
		r := binenc.NewReader(b.corpusData)
		c, err := corpus.Decode(r)
		if err == nil {
			err = r.Done()
		}
		if err == nil {
			err = checkLocs(b.rd, c)
		}
		if err != nil {
			b.corpusErr = fmt.Errorf("the search index is %w", damaged(err.Error()))
			return
		}
		b.corpus = c
	})
	return b.corpus, b.corpusErr
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
	var text, index binenc.Writer
	if err := reading.Encode(&text, rd); err != nil {
		return nil, err
	}
	if err := c.Encode(&index); err != nil {
		return nil, err
	}
	// The header is written last, over room kept for it, so that the
	// payload is copied once.
	out := binenc.Writer{Buf: make([]byte, headerSize, headerSize+len(text.Buf)+len(index.Buf)+20)}
	for _, part := range [][]byte{text.Buf, index.Buf} {
		out.Uint(len(part))
		out.Buf = append(out.Buf, part...)
	}
	payload := out.Buf[headerSize:]
	h := out.Buf[:0]
	h = append(h, Magic...)
	h = binary.LittleEndian.AppendUint16(h, Version)
	h = binary.LittleEndian.AppendUint32(h, crc32.Checksum(payload, castagnoli()))
	binary.LittleEndian.AppendUint64(h, uint64(len(payload)))
	return out.Buf, nil
}

// Decode checks the header of data, a compiled reading, and decodes it. The
// returned bundle shares data's memory. What is wrong with data is told by
// a *FormatError; nothing in data can make Decode panic.
func Decode(data string) (*Bundle, error) {
	payload, err := checkHeader(data)
	if err != nil {
		return nil, err
	}
	r := binenc.NewReader(payload)
	text, index := r.Str(), r.Str()
	if err := r.Done(); err != nil {
		return nil, damaged("bad layout")
	}
	tr := binenc.NewReader(text)
	rd, err := reading.Decode(tr)
	if err == nil {
		err = tr.Done()
	}
	if err != nil {
		return nil, damaged(err.Error())
	}
	return &Bundle{rd: rd, corpusData: index}, nil
}

// checkHeader checks data's header and checksum and returns its payload.
func checkHeader(data string) (string, error) {
	if len(data) < len(Magic) || data[:len(Magic)] != Magic {
		return "", &FormatError{ErrForeign, "", "margin opens reading folders (docs/FORMAT.md) and the .margin files 'margin pack' writes"}
	}
	if len(data) < headerSize {
		return "", damaged("truncated")
	}
	h := []byte(data[len(Magic):headerSize])
	switch v := binary.LittleEndian.Uint16(h); {
	case v > Version:
		return "", &FormatError{ErrNewer, fmt.Sprintf("format %d; this margin reads format %d", v, Version), "update margin to open it"}
	case v < Version:
		return "", &FormatError{ErrOlder, fmt.Sprintf("format %d; this margin reads format %d", v, Version), "compile its folder again with 'margin pack FOLDER'"}
	}
	sum, size := binary.LittleEndian.Uint32(h[2:]), binary.LittleEndian.Uint64(h[6:])
	payload := data[headerSize:]
	switch {
	case size > uint64(len(payload)):
		return "", damaged("truncated")
	case size < uint64(len(payload)):
		return "", damaged("data after the end")
	case crc32.Update(0, castagnoli(), bytesOf(payload)) != sum:
		return "", damaged("checksum mismatch")
	}
	return payload, nil
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
