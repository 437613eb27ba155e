package hugemem

import "testing"

// The buffers are zeroed, of the size asked for, and usable to their end,
// at every size around the threshold.
func TestSizes(t *testing.T) {
	for _, n := range []int64{0, 1, hugePage/2 - 1, hugePage / 2, hugePage, hugePage + 1, 3*hugePage + 5} {
		b := Bytes(n)
		if int64(len(b)) != n || int64(cap(b)) != n {
			t.Fatalf("Bytes(%d): len %d cap %d", n, len(b), cap(b))
		}
		for i := range b {
			if b[i] != 0 {
				t.Fatalf("Bytes(%d)[%d] = %d", n, i, b[i])
			}
			b[i] = 1
		}
		u := Uint32s(int(n))
		if len(u) != int(n) {
			t.Fatalf("Uint32s(%d): len %d", n, len(u))
		}
		for i := range u {
			if u[i] != 0 {
				t.Fatalf("Uint32s(%d)[%d] = %d", n, i, u[i])
			}
			u[i] = 1
		}
	}
}
