package search

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// roundTripQueries are the queries of the search tests, with the kinds
// they are tried with.
var roundTripQueries = []struct {
	query string
	kinds []Kind
}{
	{"a tool for authoritarian resilience", nil},
	{"a tool for authoritarian resilience", []Kind{KindText}},
	{"rewards punishments", []Kind{KindText}},
	{"resilience authoritarian", nil},
	{"the resilience of the authoritarian", nil},
	{"Social Credit System", nil},
	{"Horsly", nil},
	{"Horsly", []Kind{KindText, KindEndnote}},
	{"horsley", nil},
	{"tianamen", nil},
	{"confucionism", nil},
	{"autoritarian resilience", nil},
	{"kosta survey", nil},
	{"resiliance", []Kind{KindGlossary}},
	{"confuc", []Kind{KindGlossary}},
	{"儒家", nil},
	{"失信被执行人", nil},
	{"KMT", nil},
	{"Sébastien", []Kind{KindEndnote}},
	{"Sebastien", []Kind{KindNote}},
	{"SEBASTIEN BILLIOUD", nil},
	{"sebastien confucianism", []Kind{KindEndnote}},
	{"“third wave”", nil},
	{"tsp", nil},
	{"A.I.", nil},
	{"naive", []Kind{KindNote}},
	{"elise naive", []Kind{KindNote}},
	{"china", nil},
	{"china", []Kind{KindGlossary, KindSection}},
	{"social credit", nil},
	{"zzzzqqq", nil},
	{"xylophone", nil},
	{"authoritarian xylophone", nil},
	{"q", nil},
	{"the", nil},
	{"a", nil},
	{"qbf", nil},
	{"cafe naive", nil},
	{"kuomintan", nil},
	{"kalomi", nil},
	{"ǅ İ ß ﬁ ＡＢＣ", nil},
	{"\x1b[31msocial\x1b[0m credit", nil},
	{strings.Repeat("confucianism ", 40) + "tianamen", nil},
}

// roundTripDocs are the document sets the round trip is tested with.
func roundTripDocs(t *testing.T) map[string][]Doc {
	hostile := append(testDocs(t),
		Doc{Kind: KindText, Body: "Evil \x1b[2J text \xff with social credit\x07 and \u202ebidi\u0000 inside."},
		Doc{Kind: KindGlossary, Title: "Social\x1b]8;;http://x\x07 credit \u200b trap", Labels: []string{"\x00"}},
	)
	return map[string][]Doc{
		"paper":     hostile,
		"fuzz":      fuzzDocs,
		"reading":   readingDocs(t),
		"empty":     nil,
		"blank":     {{}, {Kind: KindNote, Title: "  ", Body: "\x00"}},
		"one label": {{Kind: KindGlossary, Labels: []string{"", "KMT"}}},
	}
}

// marshal encodes New(docs).
func marshal(t testing.TB, docs []Doc) []byte {
	t.Helper()
	data, err := New(docs).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestMarshalRoundTrip(t *testing.T) {
	for name, docs := range roundTripDocs(t) {
		t.Run(name, func(t *testing.T) {
			built := New(docs)
			data, err := built.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			if again := marshal(t, docs); !bytes.Equal(data, again) {
				t.Error("MarshalBinary is not deterministic")
			}
			loaded, err := UnmarshalIndex(data, slices.Clone(docs))
			if err != nil {
				t.Fatalf("UnmarshalIndex: %v", err)
			}
			compareIndexes(t, built, loaded)
			for _, q := range roundTripQueries {
				for _, opt := range []Options{{Kinds: q.kinds}, {Kinds: q.kinds, Limit: 1000}} {
					want, wantErr := built.Search(q.query, opt)
					got, gotErr := loaded.Search(q.query, opt)
					if !reflect.DeepEqual(got, want) || gotErr != wantErr {
						t.Errorf("Search(%.40q, %+v) after round trip = %+v, %v; want %+v, %v",
							q.query, opt, got, gotErr, want, wantErr)
					}
				}
				if got, want := loaded.Suggest(q.query, 5), built.Suggest(q.query, 5); !slices.Equal(got, want) {
					t.Errorf("Suggest(%.40q) after round trip = %q, want %q", q.query, got, want)
				}
			}
		})
	}
}

// compareIndexes checks that two indexes hold the same tables.
func compareIndexes(t *testing.T, want, got *Index) {
	t.Helper()
	check := func(what string, g, w any) {
		t.Helper()
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s differs after round trip", what)
		}
	}
	check("fields", got.fields, want.fields)
	for f := range want.fields {
		if g, w := got.fieldTerms(uint32(f), nil), want.fieldTerms(uint32(f), nil); !slices.Equal(g, w) {
			t.Errorf("field %d's terms differ after round trip: %v, want %v", f, g, w)
			break
		}
	}
	check("terms", got.terms, want.terms)
	check("post", got.post, want.post)
	check("postOff", got.postOff, want.postOff)
	check("sorted", got.sorted, want.sorted)
	check("byLen", got.byLen, want.byLen)
	check("masks", got.masks, want.masks)
	check("short", got.short, want.short)
	check("shortText", got.shortText, want.shortText)
	for i, w := range want.terms {
		if t, ok := got.lookup(w); !ok || t != uint32(i) {
			check("vocabulary", t, i)
		}
	}
}

func TestUnmarshalRejects(t *testing.T) {
	docs := testDocs(t)
	data := marshal(t, docs)
	check := func(name string, data []byte, docs []Doc, want error) {
		t.Helper()
		ix, err := UnmarshalIndex(data, docs)
		if ix != nil || !errors.Is(err, want) {
			t.Errorf("%s: UnmarshalIndex = %v, %v; want error %v", name, ix, err, want)
		}
	}
	check("nil", nil, docs, ErrIndexCorrupt)
	check("empty", []byte{}, docs, ErrIndexCorrupt)

	small := marshal(t, fuzzDocs)
	for n := range len(small) {
		check("truncated", small[:n], fuzzDocs, ErrIndexCorrupt)
	}
	for n := 1; n < len(data); n += 97 {
		check("truncated", data[:n], docs, ErrIndexCorrupt)
	}
	check("trailing byte", append(slices.Clone(small), 0), fuzzDocs, ErrIndexCorrupt)

	check("fewer docs", data, docs[1:], ErrIndexMismatch)
	check("no docs", data, nil, ErrIndexMismatch)
}

// TestUnmarshalChecksTables feeds UnmarshalIndex data made from indexes
// that New cannot build.
func TestUnmarshalChecksTables(t *testing.T) {
	docs := testDocs(t)
	tamper := []struct {
		name   string
		change func(ix *Index)
		want   error
	}{
		{"other term in a field", func(ix *Index) { ix.seq[0] = ix.seq[1] }, ErrIndexMismatch},
		{"terms out of order", func(ix *Index) { ix.sorted[3], ix.sorted[4] = ix.sorted[4], ix.sorted[3] }, ErrIndexCorrupt},
		{"term not sorted", func(ix *Index) { ix.sorted = ix.sorted[1:] }, ErrIndexCorrupt},
		{"postings out of order", func(ix *Index) {
			for t := range ix.terms {
				if p := ix.postings(uint32(t)); len(p) > 1 {
					p[0], p[1] = p[1], p[0]
					return
				}
			}
		}, ErrIndexCorrupt},
		{"repeated term", func(ix *Index) { ix.terms[1] = ix.terms[0] }, ErrIndexCorrupt},
		{"empty term", func(ix *Index) { ix.terms[2] = "" }, ErrIndexCorrupt},
		{"label out of range", func(ix *Index) {
			for i := range ix.fields {
				if ix.fields[i].kind == fieldLabel {
					ix.fields[i].label = 9
					return
				}
			}
		}, ErrIndexCorrupt},
		{"fields out of order", func(ix *Index) { ix.fields[0], ix.fields[1] = ix.fields[1], ix.fields[0] }, ErrIndexCorrupt},
		{"other folded title", func(ix *Index) { ix.shortText[0] = "x" }, ErrIndexMismatch},
	}
	for _, tt := range tamper {
		ix := New(docs)
		tt.change(ix)
		data, err := ix.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		got, err := UnmarshalIndex(data, docs)
		if got != nil || !errors.Is(err, tt.want) {
			t.Errorf("%s: UnmarshalIndex = %v, %v; want error %v", tt.name, got, err, tt.want)
		}
	}
}

func TestMarshalNil(t *testing.T) {
	var ix *Index
	if data, err := ix.MarshalBinary(); err == nil {
		t.Errorf("MarshalBinary of nil = %q, nil", data)
	}
}

func FuzzUnmarshalIndex(f *testing.F) {
	valid := marshal(f, fuzzDocs)
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add(marshal(f, fuzzDocs[:2]))
	f.Add([]byte("\x05\x02"))
	f.Fuzz(func(t *testing.T, data []byte) {
		{
			ix, err := UnmarshalIndex(data, fuzzDocs)
			if err != nil {
				if ix != nil || !errors.Is(err, ErrIndexCorrupt) && !errors.Is(err, ErrIndexMismatch) {
					t.Fatalf("UnmarshalIndex = %v, %v", ix, err)
				}
				return
			}
			for _, q := range []string{"social credit", "Horsly", "儒家", "失信", "tsp", "cafe naive", "ﬁ", "a"} {
				res, err := ix.Search(q, Options{})
				if err != nil {
					t.Fatal(err)
				}
				checkResults(t, q, res)
				ix.Suggest(q, 3)
			}
			if _, err := ix.MarshalBinary(); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestBadTermNumberReadsEmpty checks that a decoded field holding a number
// that is no term, which DecodeIndex leaves to be checked when the field is
// read, reads as empty, and that searching such an index does not panic.
func TestBadTermNumberReadsEmpty(t *testing.T) {
	ix, err := UnmarshalIndex(marshal(t, fuzzDocs), fuzzDocs)
	if err != nil {
		t.Fatal(err)
	}
	if ix.seqData == "" {
		t.Fatal("decoded index holds no encoded term numbers")
	}
	if got := ix.fieldTerms(0, nil); len(got) == 0 {
		t.Fatal("field 0 has no terms before tampering")
	}
	data := []byte(ix.seqData)
	for i := range ix.seqWidth {
		data[i] = 0xff
	}
	ix.seqData = string(data)
	if got := ix.fieldTerms(0, nil); len(got) != 0 {
		t.Errorf("field 0 with a bad term number = %v, want empty", got)
	}
	for _, q := range []string{"social credit", "Horsly", "a", "儒家"} {
		res, err := ix.Search(q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkResults(t, q, res)
	}
}
