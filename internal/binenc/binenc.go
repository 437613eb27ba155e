// Package binenc writes and reads the plain binary layouts of margin's
// embedded snapshots: numbers as varints, strings as their length and bytes,
// one field after another in an order both sides agree on. There is no
// reflection and no type description, which is what makes decoding cheap at
// start-up; the price is that each layout is written out by hand, with a
// version byte that changes whenever it does.
package binenc

import (
	"encoding/binary"
	"errors"
	"math"
)

// ErrDamaged is what Reader.Err returns for data that is truncated, too long
// or otherwise not what a Writer wrote.
var ErrDamaged = errors.New("damaged or truncated data")

// Writer appends values to Buf.
type Writer struct{ Buf []byte }

// Uint writes a non-negative number, such as a length or a count.
func (w *Writer) Uint(n int) { w.Buf = binary.AppendUvarint(w.Buf, uint64(n)) }

// Int writes any int.
func (w *Writer) Int(n int) { w.Buf = binary.AppendVarint(w.Buf, int64(n)) }

// Bool writes a bool as one byte.
func (w *Writer) Bool(b bool) {
	if b {
		w.Buf = append(w.Buf, 1)
	} else {
		w.Buf = append(w.Buf, 0)
	}
}

// Str writes a string.
func (w *Writer) Str(s string) { w.Uint(len(s)); w.Buf = append(w.Buf, s...) }

// Strs writes a slice of strings.
func (w *Writer) Strs(ss []string) { WriteSlice(w, ss, (*Writer).Str) }

// Ints writes a slice of ints.
func (w *Writer) Ints(ns []int) { WriteSlice(w, ns, (*Writer).Int) }

// WriteSlice writes the length of xs, then each element with write.
func WriteSlice[T any](w *Writer, xs []T, write func(*Writer, T)) {
	w.Uint(len(xs))
	for _, x := range xs {
		write(w, x)
	}
}

// Reader reads what a Writer wrote. After the first error every read
// returns a zero value and Err reports it, so a decoder may read a whole
// record and check once. It reads from a string, so that the strings it
// returns are the data's own bytes, not copies: Go strings never change,
// and decoding an embedded snapshot then allocates little beyond the
// structures that hold the strings.
type Reader struct {
	buf string
	err error
}

// NewReader reads data.
func NewReader(data string) *Reader { return &Reader{buf: data} }

// Fail marks the data damaged, for a decoder that finds a value it cannot
// accept.
func (r *Reader) Fail() { r.err, r.buf = ErrDamaged, "" }

// Err returns ErrDamaged if a read failed, nil otherwise.
func (r *Reader) Err() error { return r.err }

// Done returns ErrDamaged if a read failed or data is left over.
func (r *Reader) Done() error {
	if r.err == nil && len(r.buf) != 0 {
		r.Fail()
	}
	return r.err
}

// uvarint and varint decode the number the data starts with, and return
// its size as encoding/binary does, from a copy of the few bytes it can take.
func (r *Reader) uvarint() (uint64, int) {
	var b [binary.MaxVarintLen64]byte
	return binary.Uvarint(b[:copy(b[:], r.buf)])
}

func (r *Reader) varint() (int64, int) {
	var b [binary.MaxVarintLen64]byte
	return binary.Varint(b[:copy(b[:], r.buf)])
}

// Uint reads a number written by Writer.Uint.
func (r *Reader) Uint() int {
	n, size := r.uvarint()
	if size <= 0 || n > math.MaxInt32 {
		r.Fail()
		return 0
	}
	r.buf = r.buf[size:]
	return int(n)
}

// Int reads a number written by Writer.Int.
func (r *Reader) Int() int {
	n, size := r.varint()
	if size <= 0 || n > math.MaxInt32 || n < math.MinInt32 {
		r.Fail()
		return 0
	}
	r.buf = r.buf[size:]
	return int(n)
}

// Count reads a number of items that are each at least one byte long, so
// that damaged data cannot make a decoder allocate more than it holds.
func (r *Reader) Count() int {
	n := r.Uint()
	if n > len(r.buf) {
		r.Fail()
		return 0
	}
	return n
}

// Bool reads a bool written by Writer.Bool.
func (r *Reader) Bool() bool {
	if len(r.buf) == 0 || r.buf[0] > 1 {
		r.Fail()
		return false
	}
	b := r.buf[0] == 1
	r.buf = r.buf[1:]
	return b
}

// Str reads a string written by Writer.Str. It shares the data's memory.
func (r *Reader) Str() string {
	n := r.Uint()
	if n > len(r.buf) {
		r.Fail()
		return ""
	}
	s := r.buf[:n]
	r.buf = r.buf[n:]
	return s
}

// Strs reads a slice written by Writer.Strs; an empty one reads as nil.
func (r *Reader) Strs() []string { return ReadSlice(r, (*Reader).Str) }

// Ints reads a slice written by Writer.Ints; an empty one reads as nil.
func (r *Reader) Ints() []int { return ReadSlice(r, (*Reader).Int) }

// ReadSlice reads a slice written by WriteSlice, each element with read; an
// empty one reads as nil. Every element must take at least one byte (see
// Count).
func ReadSlice[T any](r *Reader, read func(*Reader) T) []T {
	n := r.Count()
	if n == 0 {
		return nil
	}
	xs := make([]T, n)
	for i := range xs {
		xs[i] = read(r)
	}
	return xs
}

// The layouts below are for long runs of small numbers, such as a search
// index's term numbers and postings: they have no count of their own (the
// layout knows how many there are) and decode in bulk.

// Byte writes one byte.
func (w *Writer) Byte(b byte) { w.Buf = append(w.Buf, b) }

// Raw writes s as it is, without its length: the layout must know it.
func (w *Writer) Raw(s string) { w.Buf = append(w.Buf, s...) }

// Uvarints writes each number of v as Uint does, without a count.
func (w *Writer) Uvarints(v []uint32) {
	for _, x := range v {
		w.Buf = binary.AppendUvarint(w.Buf, uint64(x))
	}
}

// FixedWidth returns the number of bytes (1 to 4) that hold every number
// below n.
func FixedWidth(n int) int {
	w := 1
	for w < 4 && n > 1<<(8*w) {
		w++
	}
	return w
}

// Fixed writes each number of v as a little-endian number of width bytes
// (see FixedWidth), without a count.
func (w *Writer) Fixed(v []uint32, width int) {
	for _, x := range v {
		for k := range width {
			w.Buf = append(w.Buf, byte(x>>(8*k)))
		}
	}
}

// Byte reads a byte written by Writer.Byte.
func (r *Reader) Byte() byte {
	if len(r.buf) == 0 {
		r.Fail()
		return 0
	}
	c := r.buf[0]
	r.buf = r.buf[1:]
	return c
}

// Raw reads n bytes written by Writer.Raw. It shares the data's memory.
func (r *Reader) Raw(n int) string {
	if n < 0 || n > len(r.buf) {
		r.Fail()
		return ""
	}
	s := r.buf[:n]
	r.buf = r.buf[n:]
	return s
}

// Len returns the number of bytes left to read.
func (r *Reader) Len() int { return len(r.buf) }

// Uvarints reads len(dst) numbers written by Writer.Uvarints, each below
// limit, into dst. Numbers below 2¹⁴, the most common, take a short path.
func (r *Reader) Uvarints(dst []uint32, limit uint64) {
	b := r.buf
	if len(dst) > len(b) {
		r.Fail()
		return
	}
	for i := range dst {
		var v uint64
		switch {
		case len(b) > 0 && b[0] < 0x80:
			v, b = uint64(b[0]), b[1:]
		case len(b) > 1 && b[1] < 0x80:
			v, b = uint64(b[0]&0x7f)|uint64(b[1])<<7, b[2:]
		default:
			var buf [binary.MaxVarintLen64]byte
			n := 0
			if v, n = binary.Uvarint(buf[:copy(buf[:], b)]); n <= 0 {
				r.Fail()
				return
			}
			b = b[n:]
		}
		if v >= limit {
			r.Fail()
			return
		}
		dst[i] = uint32(v)
	}
	r.buf = b
}

// Fixed reads len(dst) numbers written by Writer.Fixed with width, each
// below limit, into dst.
func (r *Reader) Fixed(dst []uint32, width int, limit uint64) {
	if r.err != nil || len(dst) == 0 {
		return
	}
	if width < 1 || width > 4 || len(r.buf)/width < len(dst) {
		r.Fail()
		return
	}
	b := r.buf[:width*len(dst)]
	r.buf = r.buf[len(b):]
	var top uint32
	switch width {
	case 1:
		for i := range len(b) {
			dst[i] = uint32(b[i])
			top = max(top, dst[i])
		}
	case 2:
		i := 0
		for ; len(b) >= 8; i += 4 {
			x := dst[i : i+4 : i+4]
			x[0] = uint32(b[0]) | uint32(b[1])<<8
			x[1] = uint32(b[2]) | uint32(b[3])<<8
			x[2] = uint32(b[4]) | uint32(b[5])<<8
			x[3] = uint32(b[6]) | uint32(b[7])<<8
			b = b[8:]
			top = max(top, x[0], x[1], x[2], x[3])
		}
		for ; len(b) >= 2; i++ {
			dst[i] = uint32(b[0]) | uint32(b[1])<<8
			b = b[2:]
			top = max(top, dst[i])
		}
	default:
		for i := range dst {
			var v uint32
			for k := range width {
				v |= uint32(b[width*i+k]) << (8 * k)
			}
			dst[i] = v
			top = max(top, v)
		}
	}
	if uint64(top) >= limit {
		r.Fail()
	}
}
