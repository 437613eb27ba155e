package binenc

import (
	"reflect"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	var w Writer
	w.Uint(300)
	w.Int(-7)
	w.Bool(true)
	w.Bool(false)
	w.Str("héllo")
	w.Strs([]string{"a", "", "b"})
	w.Ints([]int{3, -1})
	w.Strs(nil)
	r := NewReader(string(w.Buf))
	got := []any{r.Uint(), r.Int(), r.Bool(), r.Bool(), r.Str(), r.Strs(), r.Ints(), r.Strs()}
	want := []any{300, -7, true, false, "héllo", []string{"a", "", "b"}, []int{3, -1}, []string(nil)}
	if err := r.Done(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestDamaged(t *testing.T) {
	for name, data := range map[string][]byte{
		"truncated string": {5, 'a', 'b'},
		"bad bool":         {2},
		"huge count":       {0xff, 0xff, 0xff, 0x7f},
		"empty":            {},
	} {
		r := NewReader(string(data))
		_ = r.Strs()
		_ = r.Bool()
		if r.Err() == nil {
			t.Errorf("%s: no error", name)
		}
	}
	r := NewReader("\x01\x02")
	r.Uint()
	if r.Done() == nil {
		t.Error("data left over is not an error")
	}
}

// Whatever the data, reading fails cleanly: no panic, no huge allocation.
func FuzzReader(f *testing.F) {
	var w Writer
	w.Strs([]string{"x", "yz"})
	w.Ints([]int{1, -2})
	w.Bool(true)
	f.Add(w.Buf)
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(string(data))
		for r.Err() == nil && len(r.buf) > 0 {
			r.Strs()
			r.Ints()
			r.Bool()
			r.Uint()
		}
	})
}

// Reading numbers and strings allocates nothing: the strings are the data's.
func TestReaderDoesNotCopy(t *testing.T) {
	var w Writer
	w.Uint(1 << 20)
	w.Int(-300)
	w.Str("a string long enough that a copy would allocate")
	data := string(w.Buf)
	var s string
	n := testing.AllocsPerRun(100, func() {
		r := NewReader(data)
		r.Uint()
		r.Int()
		s = r.Str()
	})
	if n != 0 || s != "a string long enough that a copy would allocate" {
		t.Fatalf("%v allocations, string %q", n, s)
	}
}
