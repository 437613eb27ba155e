package marks

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

var testClock = time.Date(2026, 3, 1, 11, 0, 0, 0, time.FixedZone("CET", 3600))

// newStore returns a store in a directory that does not exist yet, with a
// fixed clock.
func newStore(t *testing.T) *Store {
	t.Helper()
	s := Open(filepath.Join(t.TempDir(), "margin", "marks.json"))
	s.Now = func() time.Time { return testClock }
	return s
}

func sample(text string) Mark {
	return Mark{
		Reading: "vochelet-scs",
		Section: "2.1",
		Quote:   "social credit system",
		Prefix:  "China's ",
		Suffix:  " is",
		Text:    text,
	}
}

func mustAdd(t *testing.T, s *Store, text string) Mark {
	t.Helper()
	m, err := s.Add(sample(text))
	if err != nil {
		t.Fatalf("Add(%q): %v", text, err)
	}
	return m
}

func mustList(t *testing.T, s *Store) []Mark {
	t.Helper()
	ms, err := s.List()
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	return ms
}

func ids(ms []Mark) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.ID
	}
	return out
}

// tempFiles lists leftover temporary files next to the store.
func tempFiles(t *testing.T, path string) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(filepath.Dir(path), ".marks.json.tmp-*"))
	if err != nil {
		t.Fatal(err)
	}
	return matches
}

func TestMissingStoreIsEmpty(t *testing.T) {
	s := newStore(t)
	ms, err := s.List()
	if err != nil {
		t.Fatalf("List on a missing store: %v", err)
	}
	if len(ms) != 0 {
		t.Fatalf("List on a missing store = %v, want empty", ms)
	}
	if _, err := os.Stat(filepath.Dir(s.Path())); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("List created the store's directory (stat: %v); reads must not write", err)
	}
	_, err = s.Remove("1")
	var nf *NotFoundError
	if !errors.As(err, &nf) || len(nf.Known) != 0 {
		t.Fatalf("Remove on a missing store = %v, want *NotFoundError with no known ids", err)
	}
	if _, err := os.Stat(s.Path()); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a failed Remove created the store file (stat: %v)", err)
	}
}

func TestAddListRemoveRoundTrip(t *testing.T) {
	s := newStore(t)
	a := mustAdd(t, s, "first thought")
	b := mustAdd(t, s, "second thought")
	c := mustAdd(t, s, "third thought")
	if got := ids([]Mark{a, b, c}); !slices.Equal(got, []string{"1", "2", "3"}) {
		t.Fatalf("ids of three adds = %v, want 1 2 3", got)
	}
	if !a.Created.Equal(testClock) {
		t.Errorf("Created = %v, want the injected clock %v", a.Created, testClock)
	}

	got := mustList(t, s)
	want := []Mark{a, b, c}
	if len(got) != len(want) {
		t.Fatalf("List = %d marks, want %d", len(got), len(want))
	}
	for i := range want {
		if !got[i].Created.Equal(want[i].Created) {
			t.Errorf("mark %d Created = %v, want %v", i, got[i].Created, want[i].Created)
		}
		got[i].Created, want[i].Created = time.Time{}, time.Time{}
		if got[i] != want[i] {
			t.Errorf("mark %d read back = %+v, want %+v", i, got[i], want[i])
		}
	}

	removed, err := s.Remove("2")
	if err != nil {
		t.Fatalf("Remove(2): %v", err)
	}
	if removed.ID != "2" || removed.Text != "second thought" {
		t.Errorf("Remove returned %+v, want mark 2", removed)
	}
	if got := ids(mustList(t, s)); !slices.Equal(got, []string{"1", "3"}) {
		t.Fatalf("after removing 2, ids = %v, want 1 3", got)
	}

	// Ids are never reused, even after removing the newest or all marks.
	if _, err := s.Remove("3"); err != nil {
		t.Fatal(err)
	}
	if d := mustAdd(t, s, "fourth"); d.ID != "4" {
		t.Errorf("after removing 2 and 3, next id = %s, want 4", d.ID)
	}
	for _, id := range []string{"1", "4"} {
		if _, err := s.Remove(id); err != nil {
			t.Fatal(err)
		}
	}
	if got := mustList(t, s); len(got) != 0 {
		t.Fatalf("after removing everything, List = %v", got)
	}
	if e := mustAdd(t, s, "fifth"); e.ID != "5" {
		t.Errorf("after removing every mark, next id = %s, want 5", e.ID)
	}
}

func TestRemoveUnknownID(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, "one")
	mustAdd(t, s, "two")
	before, _ := os.ReadFile(s.Path())

	_, err := s.Remove("7")
	var nf *NotFoundError
	if !errors.As(err, &nf) {
		t.Fatalf("Remove(7) = %v, want *NotFoundError", err)
	}
	if nf.ID != "7" || !slices.Equal(nf.Known, []string{"1", "2"}) {
		t.Errorf("NotFoundError = %+v, want id 7 and known ids 1 2", nf)
	}
	if !errors.Is(err, ErrNotFound) {
		t.Error("NotFoundError does not match ErrNotFound")
	}
	if msg := err.Error(); !strings.Contains(msg, `"7"`) || !strings.Contains(msg, "1, 2") {
		t.Errorf("message %q should name the missing id and the known ones", msg)
	}
	if after, _ := os.ReadFile(s.Path()); !bytes.Equal(before, after) {
		t.Error("a failed Remove changed the store")
	}
	if got := ids(mustList(t, s)); !slices.Equal(got, []string{"1", "2"}) {
		t.Errorf("ids after failed remove = %v", got)
	}
}

func TestNotFoundMessageIsBounded(t *testing.T) {
	known := make([]string, 500)
	for i := range known {
		known[i] = strconv.Itoa(i + 1)
	}
	msg := (&NotFoundError{ID: "x", Known: known}).Error()
	if !strings.Contains(msg, "500 notes") || !strings.Contains(msg, "491, ") || strings.Contains(msg, " 1, 2,") {
		t.Errorf("message for 500 known ids = %q; want a count and the latest ids only", msg)
	}
}

func TestStoreFileFormat(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, "a <b> & c")
	mustAdd(t, s, "second")
	if _, err := s.Remove("1"); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Format  string           `json:"format"`
		Version int              `json:"version"`
		NextID  int              `json:"next_id"`
		Marks   []map[string]any `json:"marks"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("store is not JSON: %v\n%s", err, data)
	}
	if f.Format != "margin-marks" || f.Version != 1 || f.NextID != 3 || len(f.Marks) != 1 {
		t.Errorf("store header = %q v%d next_id %d with %d marks, want margin-marks v1 next_id 3 with 1 mark", f.Format, f.Version, f.NextID, len(f.Marks))
	}
	if f.Marks[0]["created"] != "2026-03-01T11:00:00+01:00" {
		t.Errorf("created on disk = %v", f.Marks[0]["created"])
	}
	// Readable by a human: indented, no HTML escaping.
	if !bytes.Contains(data, []byte("\n  \"marks\"")) {
		t.Errorf("store is not indented:\n%s", data)
	}
}

func TestEmptyStoreWritesEmptyList(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, "x")
	if _, err := s.Remove("1"); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(s.Path())
	if !bytes.Contains(data, []byte(`"marks": []`)) {
		t.Errorf("a store with no marks should say \"marks\": [], got:\n%s", data)
	}
}

func TestFileAndDirectoryModes(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, "private")
	for path, want := range map[string]fs.FileMode{
		s.Path():               0o600,
		s.Path() + ".lock":     0o600,
		filepath.Dir(s.Path()): 0o700 | fs.ModeDir,
	} {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode() & (fs.ModePerm | fs.ModeDir); got != want {
			t.Errorf("mode of %s = %v, want %v", path, got, want)
		}
	}
	if left := tempFiles(t, s.Path()); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestAddCleansAndValidates(t *testing.T) {
	s := newStore(t)
	m, err := s.Add(Mark{
		Reading: " vochelet-scs ",
		Section: "2.1",
		Quote:   "social\u202e credit",
		Text:    "\n  a\x1b[31m red\x07 note\u009b with é, 中文, 🙂\n\tand a tab  \n",
		ID:      "99",
		Created: time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "a[31m red note with é, 中文, 🙂\n\tand a tab"; m.Text != want {
		t.Errorf("Text = %q, want %q", m.Text, want)
	}
	if m.Quote != "social credit" || m.Reading != "vochelet-scs" {
		t.Errorf("Quote, Reading = %q, %q; want cleaned", m.Quote, m.Reading)
	}
	if m.ID != "1" || !m.Created.Equal(testClock) {
		t.Errorf("Add kept the caller's ID/Created: %q %v", m.ID, m.Created)
	}

	exact := strings.Repeat("é", MaxTextRunes)
	if _, err := s.Add(sample(exact)); err != nil {
		t.Errorf("Add with exactly MaxTextRunes characters: %v", err)
	}

	before, _ := os.ReadFile(s.Path())
	for _, tc := range []struct {
		name string
		mark Mark
		want error
		msg  []string
	}{
		{"empty text", sample(""), ErrEmptyText, nil},
		{"only controls and space", sample(" \x1b\x07\u202e\r\n\t "), ErrEmptyText, nil},
		{"too long", sample(exact + "é"), ErrTooLong, []string{"4001", "4000"}},
		{"no quote", Mark{Reading: "r", Section: "1", Text: "t"}, ErrIncomplete, []string{"quote"}},
		{"blank quote", Mark{Reading: "r", Section: "1", Quote: " \x1b ", Text: "t"}, ErrIncomplete, []string{"quote"}},
		{"no reading", Mark{Section: "1", Quote: "q", Text: "t"}, ErrIncomplete, []string{"reading"}},
		{"no section", Mark{Reading: "r", Quote: "q", Text: "t"}, ErrIncomplete, []string{"section"}},
	} {
		_, err := s.Add(tc.mark)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: Add error = %v, want %v", tc.name, err, tc.want)
			continue
		}
		for _, part := range tc.msg {
			if !strings.Contains(err.Error(), part) {
				t.Errorf("%s: message %q lacks %q", tc.name, err, part)
			}
		}
	}
	if after, _ := os.ReadFile(s.Path()); !bytes.Equal(before, after) {
		t.Error("rejected Adds changed the store")
	}
}

func TestInvalidAddDoesNotCreateStore(t *testing.T) {
	s := newStore(t)
	if _, err := s.Add(sample("")); err == nil {
		t.Fatal("Add of an empty note succeeded")
	}
	if _, err := os.Stat(filepath.Dir(s.Path())); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a rejected Add created the store directory (stat: %v)", err)
	}
}

func TestCreatedIsWholeSeconds(t *testing.T) {
	s := newStore(t)
	s.Now = func() time.Time { return time.Now() } // with monotonic reading and nanoseconds
	m := mustAdd(t, s, "now")
	if m.Created.Nanosecond() != 0 {
		t.Errorf("Created = %v, want whole seconds", m.Created)
	}
	if got := mustList(t, s)[0].Created; !got.Equal(m.Created) {
		t.Errorf("Created read back = %v, Add returned %v", got, m.Created)
	}
}

func TestNextIDNeverBelowExistingIDs(t *testing.T) {
	s := newStore(t)
	if err := os.MkdirAll(filepath.Dir(s.Path()), 0o700); err != nil {
		t.Fatal(err)
	}
	// Hand-edited: next_id lowered below ids in use.
	hand := `{"format":"margin-marks","version":1,"next_id":2,"marks":[` +
		`{"id":"1","reading":"r","section":"1","quote":"q","text":"a","created":"2026-01-01T00:00:00Z"},` +
		`{"id":"5","reading":"r","section":"1","quote":"q","text":"b","created":"2026-01-01T00:00:00Z"}]}`
	if err := os.WriteFile(s.Path(), []byte(hand), 0o600); err != nil {
		t.Fatal(err)
	}
	if m := mustAdd(t, s, "c"); m.ID != "6" {
		t.Errorf("id after a hand-lowered next_id = %s, want 6", m.ID)
	}
}

func TestConcurrentGoroutines(t *testing.T) {
	path := newStore(t).Path()
	const n = 20
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			if _, err := Open(path).Add(sample(fmt.Sprintf("goroutine %d", i))); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	ms := mustList(t, Open(path))
	if len(ms) != n {
		t.Fatalf("%d goroutines added, store has %d marks", n, len(ms))
	}
	if got := len(distinct(ids(ms))); got != n {
		t.Errorf("%d distinct ids, want %d", got, n)
	}
}

func distinct(ss []string) map[string]bool {
	set := make(map[string]bool, len(ss))
	for _, s := range ss {
		set[s] = true
	}
	return set
}

func TestSymlinkedStoreStaysALink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "dotfiles", "marks.json")
	if err := os.MkdirAll(filepath.Dir(real), 0o700); err != nil {
		t.Fatal(err)
	}
	seed := Open(real)
	mustAdd(t, seed, "kept in dotfiles")
	link := filepath.Join(dir, "marks.json")
	if err := os.Symlink(real, link); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
	mustAdd(t, Open(link), "via the link")
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("after Add through a symlink, %s is no longer a symlink (%v)", link, err)
	}
	if got := len(mustList(t, seed)); got != 2 {
		t.Errorf("the real file has %d marks, want 2", got)
	}
}

func TestReadOnlyStoreIsNotReplaced(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, "protected")
	if err := os.Chmod(s.Path(), 0o400); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(s.Path())
	if _, err := s.Add(sample("more")); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("Add to a read-only store = %v, want a read-only error", err)
	}
	if after, _ := os.ReadFile(s.Path()); !bytes.Equal(before, after) {
		t.Error("a read-only store was modified")
	}
	if got := len(mustList(t, s)); got != 1 {
		t.Errorf("List of a read-only store = %d marks, want 1", got)
	}
}

// TestCorruptStoreIsNeverTouched: whatever is wrong with the file, List, Add
// and Remove report a *CorruptError naming it, and its bytes and mtime stay.
func TestCorruptStoreIsNeverTouched(t *testing.T) {
	// A real store, to truncate.
	good := newStore(t)
	mustAdd(t, good, "one")
	mustAdd(t, good, "two")
	valid, err := os.ReadFile(good.Path())
	if err != nil {
		t.Fatal(err)
	}
	garbage := []byte{0x00, 0xff, 0xfe, 0x1b, '[', '2', 'J', 0x9b, 'P', 'K', 0x03, 0x04, 0x80}

	for _, tc := range []struct {
		name   string
		data   []byte
		reason string // expected in the message
		listOK bool   // List may read it (Add and Remove still must refuse)
	}{
		{"garbage bytes", garbage, "not valid JSON", false},
		{"truncated JSON", valid[:len(valid)/2], "cut short", false},
		{"empty file", nil, "empty", false},
		{"JSON array", []byte(`[1,2]`), "not a JSON object", false},
		{"JSON null", []byte(`null`), "not a JSON object", false},
		{"version 99", []byte(`{"format":"margin-marks","version":99,"next_id":1,"marks":[]}`), "version 99 is newer than this margin supports (1)", false},
		{"version 0", []byte(`{"format":"margin-marks","version":0,"marks":[]}`), "version 0", false},
		{"version not a number", []byte(`{"format":"margin-marks","version":"1","marks":[]}`), "not a whole number", false},
		{"wrong format", []byte(`{"format":"margin-highlights","version":1,"next_id":1,"marks":[]}`), `"margin-highlights", not "margin-marks"`, false},
		{"no format", []byte(`{"version":1,"marks":[]}`), `no "format"`, false},
		{"bad field type", []byte(`{"format":"margin-marks","version":1,"next_id":2,"marks":[{"id":"1","created":"yesterday"}]}`), "do not match version 1", false},
		{"duplicate ids", []byte(`{"format":"margin-marks","version":1,"next_id":3,"marks":[{"id":"1"},{"id":"1"}]}`), `two notes have the id "1"`, false},
		{"missing id", []byte(`{"format":"margin-marks","version":1,"next_id":3,"marks":[{"text":"x"}]}`), "has no id", false},
		{"unknown field", []byte(`{"format":"margin-marks","version":1,"next_id":2,"marks":[{"id":"1","text":"x","colour":"red"}]}`), `unknown field "colour"`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			path := s.Path()
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, tc.data, 0o600); err != nil {
				t.Fatal(err)
			}
			old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
			if err := os.Chtimes(path, old, old); err != nil {
				t.Fatal(err)
			}

			check := func(op string, err error) {
				t.Helper()
				ce, ok := errors.AsType[*CorruptError](err)
				if !ok {
					t.Errorf("%s = %v, want a *CorruptError", op, err)
					return
				}
				if ce.Path != path {
					t.Errorf("%s: CorruptError.Path = %q, want %q", op, ce.Path, path)
				}
				msg := err.Error()
				for _, part := range []string{path, tc.reason, "left untouched"} {
					if !strings.Contains(msg, part) {
						t.Errorf("%s: message %q lacks %q", op, msg, part)
					}
				}
			}
			ms, err := s.List()
			if tc.listOK {
				if err != nil || len(ms) != 1 {
					t.Errorf("List = %v, %v; want the one mark", ms, err)
				}
			} else {
				check("List", err)
			}
			_, err = s.Add(sample("must not be written"))
			check("Add", err)
			_, err = s.Remove("1")
			check("Remove", err)

			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(after, tc.data) {
				t.Errorf("store bytes changed:\nbefore %q\nafter  %q", tc.data, after)
			}
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if !info.ModTime().Equal(old) {
				t.Errorf("store mtime changed: %v, want %v", info.ModTime(), old)
			}
			if left := tempFiles(t, path); len(left) != 0 {
				t.Errorf("temporary files written: %v", left)
			}
		})
	}
}

func TestNewerVersionMessage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "marks.json")
	if err := os.WriteFile(path, []byte(`{"format":"margin-marks","version":3,"next_id":1,"marks":[]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path).List()
	want := "cannot read notes store " + path + ": version 3 is newer than this margin supports (1); the file was left untouched"
	if err == nil || err.Error() != want {
		t.Errorf("List error =\n  %v\nwant\n  %s", err, want)
	}
	_, err = Open(path).Add(sample("x"))
	if err == nil || !strings.HasSuffix(err.Error(), want) || !strings.HasPrefix(err.Error(), "cannot add note") {
		t.Errorf("Add error = %v, want %q with context", err, want)
	}
}

func TestUnreadableStoreIsNotTouched(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files regardless of permissions")
	}
	s := newStore(t)
	mustAdd(t, s, "secret")
	before, _ := os.ReadFile(s.Path())
	if err := os.Chmod(s.Path(), 0o200); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(s.Path(), 0o600) })
	for op, err := range map[string]error{
		"List":   func() error { _, err := s.List(); return err }(),
		"Add":    func() error { _, err := s.Add(sample("x")); return err }(),
		"Remove": func() error { _, err := s.Remove("1"); return err }(),
	} {
		if _, ok := errors.AsType[*CorruptError](err); !ok || !errors.Is(err, fs.ErrPermission) {
			t.Errorf("%s on an unreadable store = %v, want a *CorruptError wrapping fs.ErrPermission", op, err)
		}
	}
	if err := os.Chmod(s.Path(), 0o600); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(s.Path()); !bytes.Equal(before, after) {
		t.Error("an unreadable store was modified")
	}
}

func TestStoreThatIsADirectory(t *testing.T) {
	s := newStore(t)
	if err := os.MkdirAll(s.Path(), 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(sample("x")); !isCorrupt(err) {
		t.Errorf("Add when the store path is a directory = %v, want *CorruptError", err)
	}
	entries, _ := os.ReadDir(s.Path())
	if len(entries) != 0 {
		t.Errorf("the directory was modified: %v", entries)
	}
}

func isCorrupt(err error) bool {
	_, ok := errors.AsType[*CorruptError](err)
	return ok
}

func TestStaleTempFilesAreIgnoredAndCleaned(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, "one")
	stale := filepath.Join(filepath.Dir(s.Path()), ".marks.json.tmp-123456")
	if err := os.WriteFile(stale, []byte(`{"format":"margin-marks","vers`), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := len(mustList(t, s)); got != 1 {
		t.Errorf("List with a stale temp file = %d marks, want 1", got)
	}
	mustAdd(t, s, "two")
	if left := tempFiles(t, s.Path()); len(left) != 0 {
		t.Errorf("stale temporary files not cleaned: %v", left)
	}
}

// Edit replaces a note's text and keeps its anchor, id and time; it checks
// the text as Add does and refuses unknown ids.
func TestEdit(t *testing.T) {
	s := newStore(t)
	a := mustAdd(t, s, "first thought")
	mustAdd(t, s, "second thought")
	got, err := s.Edit("1", "  a better thought\n")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != "1" || got.Text != "a better thought" || got.Quote != a.Quote || !got.Created.Equal(a.Created) {
		t.Errorf("Edit returned %+v, want mark 1 with the new text", got)
	}
	list := mustList(t, s)
	if len(list) != 2 || list[0].Text != "a better thought" || list[1].Text != "second thought" {
		t.Errorf("after Edit, List = %+v", list)
	}
	if _, err := s.Edit("1", "   "); !errors.Is(err, ErrEmptyText) {
		t.Errorf("Edit to blank text = %v, want ErrEmptyText", err)
	}
	if _, err := s.Edit("1", strings.Repeat("x", MaxTextRunes+1)); !errors.Is(err, ErrTooLong) {
		t.Errorf("Edit to a long text = %v, want ErrTooLong", err)
	}
	var nf *NotFoundError
	if _, err := s.Edit("9", "x"); !errors.As(err, &nf) || !slices.Equal(nf.Known, []string{"1", "2"}) {
		t.Errorf("Edit(9) = %v, want a NotFoundError listing 1 2", err)
	}
	if d := mustAdd(t, s, "third"); d.ID != "3" {
		t.Errorf("after edits, next id = %s, want 3", d.ID)
	}
}

// Reading never needs the lock: when the lock file cannot be created (here a
// directory stands where it would go, as a full disk or a read-only
// directory would also stop it), List still reads the store, while writes
// refuse and leave the store as it was.
func TestListWithoutLockFile(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, "kept")
	if err := os.Remove(s.Path() + ".lock"); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(s.Path()+".lock", 0o700); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(s.Path())
	all, err := s.List()
	if err != nil {
		t.Fatalf("List with no lock to be had: %v", err)
	}
	if len(all) != 1 || all[0].Text != "kept" {
		t.Errorf("List = %+v, want the one note", all)
	}
	if _, err := s.Add(sample("more")); err == nil {
		t.Error("Add without its lock succeeded")
	}
	if after, _ := os.ReadFile(s.Path()); !bytes.Equal(before, after) {
		t.Error("a failed Add changed the store")
	}
}

// A store in a directory margin may not write to (so no lock file can be
// created there) is still read.
func TestListInReadOnlyDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes to read-only directories")
	}
	s := newStore(t)
	mustAdd(t, s, "kept")
	if err := os.Remove(s.Path() + ".lock"); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(s.Path())
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })
	all, err := s.List()
	if err != nil || len(all) != 1 {
		t.Fatalf("List in a read-only directory = %v, %v; want the one note", all, err)
	}
}
