package pack_test

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/pack"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
	"github.com/margin-reader/margin/internal/search"
)

// root is the repository's root, which holds the built-in reading's folders.
const root = "../.."

// The embedded paper.margin is the content folders compiled: it must never
// drift from them. Compiling is deterministic, so the bytes themselves are
// compared; decoding the file and compiling it again gives it back.
func TestPaperIsCurrent(t *testing.T) {
	fresh, err := pack.CompileFolder(root)
	if err != nil {
		t.Fatal(err)
	}
	b, err := pack.Decode(margin.Paper())
	if err != nil {
		t.Fatalf("paper.margin: %v: run go generate .", err)
	}
	if string(fresh) != margin.Paper() {
		t.Fatal("paper.margin is out of date with text/, glossary/ and notes/ (or the compiled format): run go generate .")
	}
	again, err := pack.Compile(b.Reading())
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != margin.Paper() {
		t.Fatal("decoding paper.margin and compiling it again changes it")
	}
}

// A compiled reading holds everything the folder gives: the text, the
// glossary, the notes, the prep and a search index that finds what one
// built from the folder finds.
func TestCompiledIsTheFolder(t *testing.T) {
	folder, err := reading.Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	b, err := pack.Decode(margin.Paper())
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Check(); err != nil {
		t.Fatal(err)
	}
	rd := b.Reading()
	if rd.Meta != folder.Meta || len(rd.Sections) != len(folder.Sections) || !same(rd.Endnotes, folder.Endnotes) {
		t.Fatal("the compiled reading's text differs from the folder's")
	}
	for i, s := range folder.Sections {
		if !same(rd.Sections[i].Paragraphs, s.Paragraphs) {
			t.Fatalf("section %s differs", s.Number)
		}
	}
	g1, _ := folder.Glossary()
	g2, _ := rd.Glossary()
	n1, _ := folder.Notes()
	n2, _ := rd.Notes()
	if len(g1) == 0 || len(n1) == 0 || len(g1) != len(g2) || len(n1) != len(n2) {
		t.Fatal("the compiled glossary or notes differ from the folder's")
	}
	for i := range g1 {
		if !same(*g1[i], *g2[i]) {
			t.Fatalf("glossary entry %s differs", g1[i].ID)
		}
	}
	for i := range n1 {
		if !same(*n1[i], *n2[i]) {
			t.Fatalf("note %s differs", n1[i].ID)
		}
	}
	for _, s := range folder.Sections {
		p1, ok1, _ := folder.Prep(s.Number)
		p2, ok2, _ := rd.Prep(s.Number)
		if ok1 != ok2 || !same(p1, p2) {
			t.Fatalf("the prep of section %s differs", s.Number)
		}
	}
	c, err := b.Corpus()
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Index.Search("horsley", search.Options{Limit: 3})
	if err != nil || len(res) == 0 {
		t.Fatalf("Search(horsley) = %v, %v", res, err)
	}
}

// same reports whether a and b hold the same values, an empty slice being
// the same as none (the format keeps no difference between them).
func same(a, b any) bool { return fmt.Sprintf("%+v", a) == fmt.Sprintf("%+v", b) }

// small is a compiled reading of one section with an endnote, a glossary
// entry, a note and prep.
func small(tb testing.TB) string {
	tb.Helper()
	src := "sources:\n  - author: A\n    title: T\n    venue: V\n    date: \"2020\"\n    seen: original\n"
	fsys := fstest.MapFS{
		"text/paper.yaml":    {Data: []byte("title: T\nauthor: A\n")},
		"text/endnotes.yaml": {Data: []byte("- n: 1\n  printed: true\n  text: Horsley, the one endnote.\n")},
		"text/prep.yaml":     {Data: []byte("- section: \"1\"\n  summary: S.\n  questions: [\"Q1?\", \"Q2?\", \"Q3?\"]\n")},
		"text/01.md":         {Data: []byte("---\nnumber: \"1\"\nslug: intro\ntitle: Introduction\n---\nThe party said trust twice: trust.[^1]\n\nSecond paragraph.\n")},
		"glossary/trust.md":  {Data: []byte("---\nterm: Trust\nalt: [faith]\n" + src + "---\nA definition.\n")},
		"notes/said.md":      {Data: []byte("---\nsection: \"1\"\nanchor:\n  exact: \"The party said\"\nclaim: \"C.\"\nverdict: accurate\n" + src + "---\nSummary.\n")},
	}
	rd, err := reading.Load(fsys)
	if err != nil {
		tb.Fatal(err)
	}
	data, err := pack.Compile(rd)
	if err != nil {
		tb.Fatal(err)
	}
	return string(data)
}

// header is the size of a compiled reading's header.
const header = pack.HeaderSize

// numParts is the number of parts a compiled reading holds.
const numParts = (header - len(pack.Magic) - 2 - 4) / 12

// parts returns the parts of data, a compiled reading, as its header
// places them.
func parts(data string) []string {
	var out []string
	off := header
	for i := range numParts {
		n := int(binary.LittleEndian.Uint64([]byte(data[len(pack.Magic)+2+12*i:])))
		out = append(out, data[off:off+n])
		off += n
	}
	return out
}

// reseal returns a compiled reading of data's version holding parts, with
// a header made right for them, as a file written by hand would be.
func reseal(data string, parts ...string) string {
	h := []byte(data[:len(pack.Magic)+2])
	table := crc32.MakeTable(crc32.Castagnoli)
	for i := range numParts {
		p := ""
		if i < len(parts) {
			p = parts[i]
		}
		h = binary.LittleEndian.AppendUint64(h, uint64(len(p)))
		h = binary.LittleEndian.AppendUint32(h, crc32.Checksum([]byte(p), table))
	}
	h = binary.LittleEndian.AppendUint32(h, crc32.Checksum(h, table))
	return string(h) + strings.Join(parts, "")
}

func withVersion(data string, v uint16) string {
	h := []byte(data)
	binary.LittleEndian.PutUint16(h[len(pack.Magic):], v)
	return string(h)
}

// Whatever is wrong with a file is said in one line, with what to do.
func TestDecodeRejects(t *testing.T) {
	data := small(t)
	flipped := []byte(data)
	flipped[header+3] ^= 1 // in the text, read at once
	badHeader := []byte(data)
	badHeader[header-6] ^= 1 // in the parts' table
	for _, tt := range []struct {
		name, data string
		want       error
		msg, hint  string
	}{
		{"empty", "", pack.ErrForeign, "not a compiled margin reading", "margin pack"},
		{"text", "title: T\nauthor: A\n", pack.ErrForeign, "not a compiled margin reading", "margin pack"},
		{"header cut", data[:header-1], pack.ErrDamaged, "damaged (truncated)", "margin pack"},
		{"payload cut", data[:len(data)-1], pack.ErrDamaged, "damaged (truncated)", "margin pack"},
		{"data after", data + "x", pack.ErrDamaged, "damaged (data after the end)", "margin pack"},
		{"flipped bit", string(flipped), pack.ErrDamaged, "damaged (checksum mismatch in the text)", "margin pack"},
		{"flipped bit in the header", string(badHeader), pack.ErrDamaged, "damaged (checksum mismatch in the header)", "margin pack"},
		{"newer", withVersion(data, pack.Version+1), pack.ErrNewer, "compiled by a newer margin (format 4; this margin reads format 3)", "update margin"},
		{"older", withVersion(data, pack.Version-1), pack.ErrOlder, "compiled by an older margin (format 2; this margin reads format 3)", "margin pack"},
		{"resealed garbage", reseal(data, "\x05hello"), pack.ErrDamaged, "damaged (", "margin pack"},
	} {
		b, err := pack.Decode(tt.data)
		var fe *pack.FormatError
		if b != nil || !errors.Is(err, tt.want) || !errors.As(err, &fe) {
			t.Errorf("%s: Decode = %v, %v; want %v", tt.name, b, err, tt.want)
			continue
		}
		if !strings.HasPrefix(err.Error(), tt.msg) || strings.Contains(err.Error(), "\n") || !strings.Contains(fe.Hint, tt.hint) {
			t.Errorf("%s: %q, hint %q; want %q…, hint with %q", tt.name, err, fe.Hint, tt.msg, tt.hint)
		}
	}
}

// Open takes a folder or a compiled file and gives the same reading; its
// errors say which file.
func TestOpen(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "paper.margin")
	if err := os.WriteFile(file, []byte(margin.Paper()), 0o644); err != nil {
		t.Fatal(err)
	}
	fromFile, err := pack.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	fromFolder, err := pack.Validate(root)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fromFile.Reading().Sections, fromFolder.Reading().Sections) {
		t.Error("a folder and its compiled file give other readings")
	}
	if _, err := pack.Open(filepath.Join(dir, "nope.margin")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
	bad := filepath.Join(dir, "bad.margin")
	if err := os.WriteFile(bad, []byte(margin.Paper()[:1000]), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := pack.Open(bad); err == nil || err.Error() != bad+": damaged (truncated)" {
		t.Errorf("a truncated file: %v", err)
	}
	var errs reading.Errors
	if _, err := pack.Open(dir); !errors.As(err, &errs) {
		t.Errorf("a folder without a reading: %v", err)
	}
}

// Each part is checked against its own checksum when it is first used,
// and a damaged one is then told as the damaged file it is, naming the
// file and the part; Validate finds it at once. The text is checked when
// the file is opened.
func TestDamagedPartFoundWhenUsed(t *testing.T) {
	data := small(t)
	dir := t.TempDir()
	uses := []func(b *pack.Bundle) error{
		nil, // the text: Open fails
		func(b *pack.Bundle) error { _, err := b.Reading().Glossary(); return err },
		func(b *pack.Bundle) error { _, err := b.Reading().Notes(); return err },
		func(b *pack.Bundle) error { _, _, err := b.Reading().Prep("1"); return err },
		func(b *pack.Bundle) error { _, err := b.Corpus(); return err },
	}
	names := []string{"the text", "the glossary", "the notes", "the prep", "the search index"}
	ps := parts(data)
	off := header
	for i, p := range ps {
		bad := []byte(data)
		bad[off+len(p)/2] ^= 0x10
		off += len(p)
		path := filepath.Join(dir, fmt.Sprintf("bad%d.margin", i))
		if err := os.WriteFile(path, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		want := path + ": damaged (checksum mismatch in " + names[i] + ")"
		if _, err := pack.Validate(path); err == nil || err.Error() != want {
			t.Errorf("Validate, part %d damaged: %v; want %s", i, err, want)
		}
		b, err := pack.Open(path)
		if i == 0 {
			if err == nil || err.Error() != want {
				t.Errorf("Open, the text damaged: %v; want %s", err, want)
			}
			continue
		}
		if err != nil {
			t.Errorf("Open, part %d damaged: %v; want it found when used", i, err)
			continue
		}
		for j, use := range uses[1:] { // the other parts are fine
			if err := use(b); j+1 != i && err != nil {
				t.Errorf("part %d damaged, using part %d: %v", i, j+1, err)
			}
		}
		var fe *pack.FormatError
		if err := uses[i](b); err == nil || err.Error() != want || !errors.As(err, &fe) || !errors.Is(err, pack.ErrDamaged) {
			t.Errorf("using part %d, damaged: %v; want %s", i, err, want)
		}
	}
}

// A file cut or rewritten while margin has it open (a reader runs for
// hours) makes the parts not yet read damaged, never a crash.
func TestFileChangedAfterOpen(t *testing.T) {
	data := small(t)
	path := filepath.Join(t.TempDir(), "small.margin")
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := pack.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Reading().Notes(); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, int64(header+len(parts(data)[0])+3)); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Reading().Glossary(); err == nil || err.Error() != path+": damaged (truncated)" {
		t.Errorf("the glossary of a file cut after it was opened: %v", err)
	}
	if notes, err := b.Reading().Notes(); err != nil || len(notes) != 1 {
		t.Errorf("the notes, read before the file was cut: %v, %v", notes, err)
	}
	b, err = pack.Open(path)
	if b != nil || err == nil || err.Error() != path+": damaged (truncated)" {
		t.Errorf("opening the cut file: %v", err)
	}
}

// Nothing in a file makes margin panic: not damage, which the checksums
// catch, nor a file written by hand with right checksums, whose every part
// is checked as it is decoded. Each input is tried as it is and resealed
// (its parts put in a file with a header made right for them), so that the
// fuzzer reaches the decoders behind the checksums.
func FuzzDecode(f *testing.F) {
	data := small(f)
	ps := parts(data)
	f.Add(ps[0], ps[1], ps[2], ps[3], ps[4])
	f.Add(ps[0][:len(ps[0])/2], ps[1], ps[2][:len(ps[2])/2], ps[3], ps[4][:len(ps[4])/3])
	f.Add("", "", "", "", "")
	f.Fuzz(func(t *testing.T, text, glossary, notes, prep, index string) {
		for _, d := range []string{text + glossary, reseal(data, text, glossary, notes, prep, index)} {
			b, err := pack.Decode(d)
			if err != nil {
				var fe *pack.FormatError
				if b != nil || !errors.As(err, &fe) {
					t.Fatalf("Decode = %v, %v", b, err)
				}
				continue
			}
			if err := b.Check(); err != nil {
				var fe *pack.FormatError
				if !errors.As(err, &fe) {
					t.Fatalf("Check = %v, not a FormatError", err)
				}
				continue
			}
			c, _ := b.Corpus()
			if _, err := c.Index.Search("trust", search.Options{}); err != nil {
				t.Fatal(err)
			}
			// What decoded is used as commands use it: every section, entry
			// and note composed (the places in them sliced out of the text).
			rd := b.Reading()
			for _, s := range rd.Sections {
				for _, reader := range []bool{false, true} {
					_, _ = render.Section(rd, s, render.Show{Endnotes: true, Terms: true, Notes: true, Prep: true, Reader: reader}, false)
				}
			}
			entries, _ := rd.Glossary()
			for _, e := range entries {
				render.EntryPage(rd, e)
			}
			notes, _ := rd.Notes()
			for _, n := range notes {
				render.NotePage(rd, n)
			}
		}
	})
}

// BenchmarkDecodePaper is what every command does first on the built-in
// paper: check the header and checksum, and decode the text.
func BenchmarkDecodePaper(b *testing.B) {
	for b.Loop() {
		if _, err := pack.Decode(margin.Paper()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCorpusPaper adds decoding the search corpus: what margin search
// does.
func BenchmarkCorpusPaper(b *testing.B) {
	for b.Loop() {
		p, err := pack.Decode(margin.Paper())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := p.Corpus(); err != nil {
			b.Fatal(err)
		}
	}
}

// A compiled file's section reads its own notes alone (NotesIn), and they
// are the very notes Notes gives later, in the same order; the other way
// round too.
func TestNotesInReadsItsSectionAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "paper.margin")
	if err := os.WriteFile(path, []byte(margin.Paper()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, notesFirst := range []bool{false, true} {
		b, err := pack.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		rd := b.Reading()
		var all []*reading.Note
		if notesFirst {
			all, _ = rd.Notes()
		}
		in := map[string][]*reading.Note{}
		for _, s := range rd.Sections {
			if in[s.Number], err = rd.NotesIn(s.Number); err != nil {
				t.Fatal(err)
			}
		}
		if !notesFirst {
			all, _ = rd.Notes()
		}
		if len(all) == 0 {
			t.Fatal("no notes")
		}
		want := map[string][]*reading.Note{}
		for _, n := range all {
			want[n.Section] = append(want[n.Section], n)
		}
		for _, s := range rd.Sections {
			if !slices.Equal(in[s.Number], want[s.Number]) {
				t.Errorf("notes first %v: section %s: NotesIn gives %d notes, not the %d of Notes", notesFirst, s.Number, len(in[s.Number]), len(want[s.Number]))
			}
		}
	}
	// A damaged section's notes are found by NotesIn, not by the others'.
	data := []byte(margin.Paper())
	b, _ := pack.Decode(string(data))
	notes, _ := b.Reading().NotesIn("2.1")
	if len(notes) == 0 {
		t.Fatal("no notes in 2.1")
	}
	i := strings.Index(string(data), notes[0].Claim)
	data[i] ^= 0x20
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := pack.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := b.Reading().NotesIn("1"); err != nil || len(n) == 0 {
		t.Errorf("NotesIn(1) of a file damaged in 2.1's notes: %d, %v", len(n), err)
	}
	if _, err := b.Reading().NotesIn("2.1"); err == nil || err.Error() != path+": damaged (checksum mismatch in the notes)" {
		t.Errorf("NotesIn(2.1), damaged: %v", err)
	}
	if _, err := b.Reading().Notes(); err == nil || err.Error() != path+": damaged (checksum mismatch in the notes)" {
		t.Errorf("Notes, damaged: %v", err)
	}
}

// The reader asks for parts from several goroutines at once (the page, its
// neighbours, the search index): every part is read once and every caller
// gets the same values (go test -race checks the locking).
func TestPartsFromManyGoroutines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "paper.margin")
	if err := os.WriteFile(path, []byte(margin.Paper()), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := pack.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	rd := b.Reading()
	var wg sync.WaitGroup
	got := make([][]*reading.Note, 2*len(rd.Sections))
	for i := range got {
		s := rd.Sections[i%len(rd.Sections)]
		wg.Go(func() {
			notes, err := rd.NotesIn(s.Number)
			if err != nil {
				t.Error(err)
			}
			got[i] = notes
			if _, err := rd.UsesIn(s.Number); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Go(func() {
		if _, err := b.Corpus(); err != nil {
			t.Error(err)
		}
	})
	wg.Go(func() {
		if _, err := rd.Notes(); err != nil {
			t.Error(err)
		}
	})
	wg.Wait()
	for i := range got {
		if want := got[i%len(rd.Sections)]; !slices.Equal(got[i], want) {
			t.Errorf("section %s: two calls gave other notes", rd.Sections[i%len(rd.Sections)].Number)
		}
	}
}
