package reading

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/margin-reader/margin/internal/binenc"
)

// fill sets every field of v, a pointer, to a value of its own (strings,
// numbers, true, slices of two), so that a codec which forgets a field
// loses something a comparison sees.
func fill(v reflect.Value, n *int) {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), n)
		}
	case reflect.String:
		*n++
		v.SetString(fmt.Sprintf("s%d", *n))
	case reflect.Int:
		*n++
		v.SetInt(int64(*n))
	case reflect.Uint32:
		*n++
		v.SetUint(uint64(*n) << 20) // past 16 bits
	case reflect.Bool:
		v.SetBool(true)
	default:
		panic("fill: no value for " + v.Type().String())
	}
}

func filled[T any]() T {
	var v T
	n := 0
	fill(reflect.ValueOf(&v).Elem(), &n)
	return v
}

func roundTrip[T any](t *testing.T, name string, v T, enc func(*binenc.Writer, T), dec func(*binenc.Reader) T) {
	t.Helper()
	var w binenc.Writer
	enc(&w, v)
	got, err := decode(string(w.Buf), dec)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !reflect.DeepEqual(got, v) {
		t.Errorf("%s does not survive encoding:\n got %+v\nwant %+v", name, got, v)
	}
}

// Every field of every type in the snapshot survives encoding and decoding:
// a field added to a type but not to its codec fails here.
func TestSnapshotCodecKeepsEveryField(t *testing.T) {
	roundTrip(t, "text", filled[snapText](), encText, decText)
	roundTrip(t, "glossary", filled[[]*Entry](), encEntries, decEntries)
	roundTrip(t, "notes", filled[[]*Note](), encNotes, decNotes)
	roundTrip(t, "prep", filled[[]Prep](), encPreps, decPreps)
}
