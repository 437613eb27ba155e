package render

import (
	"strings"
	"testing"
)

// Damaged pre-rendered data is an error or a miss, never a panic, and what
// a lookup finds lies within the data.
func FuzzPrerendered(f *testing.F) {
	docs := []string{"## A page\n\nWith *two* lines.\n", "Another page, with [a link](https://example.org).\n"}
	data, err := New().Prerender(docs)
	if err != nil {
		f.Fatal(err)
	}
	if p, err := parsePrerendered(string(data)); err != nil {
		f.Fatal(err)
	} else if _, ok := p.lookup("plain", docs[0]); !ok {
		f.Fatal("a pre-rendered page is not found")
	}
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add([]byte(prerenderMagic + "\x01\x00\x00\x00"))
	f.Add([]byte(prerenderMagic + "\xff\xff\xff\xff"))
	mds := append(docs, "Not pre-rendered.\n")
	f.Fuzz(func(t *testing.T, b []byte) {
		s := string(b)
		p, err := parsePrerendered(s)
		if err != nil {
			return
		}
		for _, k := range prerenderedStyles {
			for _, md := range mds {
				if out, ok := p.lookup(k, md); ok && !strings.Contains(s, out) {
					t.Fatal("a lookup returned text from outside the data")
				}
			}
		}
	})
}
