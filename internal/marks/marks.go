// Package marks stores a reader's personal notes ("marks") anchored to the
// words of a reading, and exports them as W3C Web Annotations or Markdown.
//
// The store is one JSON file:
//
//	{"format":"margin-marks","version":1,"next_id":3,"marks":[...]}
//
// Its promise is that margin never loses a note:
//
//   - Every write is atomic. The new contents go to a temporary file in the
//     store's directory, which is synced and then renamed over the store; the
//     directory is synced afterwards. A crash leaves either the old store or
//     the new one, never a mixture. Stale temporary files from a crash are
//     removed by the next write.
//   - Every read-modify-write holds an exclusive advisory lock (flock) on
//     "<store>.lock", so processes adding notes at the same time all keep
//     their notes. Reads take a shared lock when they can, but never need
//     it: a lock file that cannot be created does not stop a read.
//   - A store that margin cannot fully understand (not JSON, another format,
//     a newer version, data it does not know, unreadable) is never rewritten:
//     every operation returns a *CorruptError and leaves the file untouched.
//
// Note text is cleaned of terminal control characters (see Clean) and bounded
// by MaxTextRunes.
//
// Each note keeps the reading it is on (its id), its section, its quote
// with some context (a W3C TextQuoteSelector), and, since issue 17, the
// position of its words and a hash of the section's text when it was made,
// whose it is (Creator, for a note imported from someone else) and the id of
// the annotation it was imported from (Origin). The newer fields are
// optional: a store written before them reads, and is rewritten, as it was.
// ParseAnnotations and Store.Import bring in other people's notes (W3C Web
// Annotation and Hypothesis JSON).
package marks

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/safefile"
)

// Format is the value of the store file's "format" field.
const Format = "margin-marks"

// Version is the newest store file version this package reads and the one it
// writes.
const Version = 1

// MaxTextRunes is the longest note text, in characters (runes), that Add
// accepts after cleaning.
const MaxTextRunes = 4000

// MaxStoreBytes is the largest store file margin reads: 32 MiB, room for
// well over 50,000 notes. A larger file, or anything that is not a regular
// file (a FIFO, a device such as /dev/zero, a directory), is refused with a
// *CorruptError before it is read.
const MaxStoreBytes = 32 << 20

// DefaultLockTimeout is how long an operation waits for another process to
// release the store's lock when Store.LockTimeout is zero.
const DefaultLockTimeout = 15 * time.Second

// Errors returned (wrapped, with details) by Store methods. Test for them with
// errors.Is.
var (
	// ErrEmptyText: the note text is empty once cleaned and trimmed.
	ErrEmptyText = errors.New("note text is empty")
	// ErrTooLong: the note text is longer than MaxTextRunes.
	ErrTooLong = errors.New("note text is too long")
	// ErrIncomplete: the mark lacks its reading, section or quote.
	ErrIncomplete = errors.New("note is incomplete")
	// ErrNotFound: no mark has the requested id (see NotFoundError).
	ErrNotFound = errors.New("note not found")
	// ErrBusy: another process held the store's lock for longer than the
	// lock timeout.
	ErrBusy = errors.New("notes store is busy")
	// ErrNoIDs: the store's next id is the largest id there can be, so no
	// new note can get an id that was never used.
	ErrNoIDs = errors.New("no unused note ids are left")
)

// Mark is one personal note, anchored to the exact words of a reading's
// section (a W3C TextQuoteSelector: Quote, with optional Prefix and Suffix to
// tell repeated quotes apart).
type Mark struct {
	ID      string    `json:"id"`      // short, sequential, never reused: "1", "2", …
	Reading string    `json:"reading"` // reading id, e.g. "vochelet-scs"
	Section string    `json:"section"` // section number, e.g. "2.1"
	Quote   string    `json:"quote"`   // the exact words anchored to
	Prefix  string    `json:"prefix,omitempty"`
	Suffix  string    `json:"suffix,omitempty"`
	Text    string    `json:"text"` // the user's note
	Created time.Time `json:"created"`
	// Position is a hint: the byte offset of the quote in the section's
	// plain text when the note was made (0 when unknown, as in stores
	// written before margin kept it).
	Position int `json:"position,omitempty"`
	// TextHash is the hash of the section's plain text when the note was
	// made (reading.Section.TextHash), so that margin can tell the text
	// has changed since; empty when unknown.
	TextHash string `json:"text_hash,omitempty"`
	// Creator is whose note it is, for a note imported from someone else
	// ("ana"); empty for the reader's own.
	Creator string `json:"creator,omitempty"`
	// Origin is the id of the annotation a note was imported from, so
	// that importing the same file again adds nothing; empty for a note
	// made here.
	Origin string `json:"origin,omitempty"`
}

// Store is a notes store file. Its zero value is not usable; call Open. A
// Store holds no open files or cached data between calls, so any number of
// Stores, in any number of goroutines and processes, may use the same file.
type Store struct {
	// Now returns the time that Add records as a mark's Created time. Nil
	// means time.Now.
	Now func() time.Time
	// LockTimeout bounds how long an operation waits for the store's lock.
	// Zero means DefaultLockTimeout.
	LockTimeout time.Duration

	path string
	// beforeRename, when set (by tests), runs after the temporary file has
	// been written and synced and before it is renamed over the store.
	beforeRename func(tmp string)
}

// Open returns the store kept in the file at path. It touches nothing on
// disk: the file, its directory (mode 0700) and its lock file are created by
// the first write.
func Open(path string) *Store {
	return &Store{path: path}
}

// Path returns the store file's path, as given to Open.
func (s *Store) Path() string { return s.path }

// CorruptError reports a store file that margin cannot read or fully
// understand. Such a file is never modified.
type CorruptError struct {
	Path   string // the store file
	Reason string // what is wrong, e.g. "it is not valid JSON (…)"
	Err    error  // the underlying error, if any
}

// Error names the file and the problem, and says the file was left untouched.
func (e *CorruptError) Error() string {
	return fmt.Sprintf("cannot read notes store %s: %s; the file was left untouched", e.Path, e.Reason)
}

// Unwrap returns the underlying error, such as fs.ErrPermission.
func (e *CorruptError) Unwrap() error { return e.Err }

// NotFoundError reports that no mark has the requested id. Known lists the
// ids that do exist, in store order, for hints.
type NotFoundError struct {
	ID    string
	Known []string
}

// maxKnownInMessage bounds how many known ids NotFoundError.Error lists.
const maxKnownInMessage = 10

// Error names the missing id and the existing ones (the last few, if many).
func (e *NotFoundError) Error() string {
	switch n := len(e.Known); {
	case n == 0:
		return fmt.Sprintf("no note with id %q: there are no notes", e.ID)
	case n <= maxKnownInMessage:
		return fmt.Sprintf("no note with id %q (the ids are %s)", e.ID, strings.Join(e.Known, ", "))
	default:
		return fmt.Sprintf("no note with id %q (there are %d notes; the latest ids are %s)",
			e.ID, n, strings.Join(e.Known[n-maxKnownInMessage:], ", "))
	}
}

// Is reports whether target is ErrNotFound.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// List returns all marks in the order they were added. A missing store is an
// empty list. A store that cannot be read is a *CorruptError. The returned
// strings are cleaned (see Clean), so they are safe to print even if the file
// was edited by hand.
func (s *Store) List() ([]Mark, error) {
	release, err := lockFile(s.lockPath(), false, s.lockTimeout())
	switch {
	case err == nil:
		defer release()
	case errors.Is(err, fs.ErrNotExist):
		// The directory does not exist, so neither does the store.
		return []Mark{}, nil
	case errors.Is(err, ErrBusy):
		return nil, err
	default:
		// Reading never needs the lock: the lock file may be impossible to
		// create (a read-only directory, a full disk, no flock on this
		// platform). Writers rename complete files into place, so an
		// unlocked read still sees either the old store or the new one.
	}
	st, err := s.load(s.target())
	if err != nil {
		return nil, err
	}
	// st is this call's own: its notes are cleaned in place, not copied.
	for i, m := range st.marks {
		if i >= len(st.plain) || !st.plain[i] {
			st.marks[i] = cleanMark(m)
		}
	}
	return st.marks, nil
}

// Add stores a new mark and returns it as stored: with its ID and Created
// time assigned (any given ID and Created are ignored), its strings cleaned
// (see Clean) and its Text trimmed of surrounding white space. Reading,
// Section, Quote and Text are required (ErrIncomplete, ErrEmptyText); Text is
// at most MaxTextRunes characters (ErrTooLong). A store that cannot be read is
// left untouched and the error wraps a *CorruptError.
func (s *Store) Add(m Mark) (Mark, error) {
	m, err := prepare(m)
	if err != nil {
		return Mark{}, fmt.Errorf("cannot add note: %w", err)
	}
	err = s.update(func(st *state) error {
		id := st.nextID
		for id < math.MaxInt64 && st.has(strconv.Itoa(id)) {
			id++
		}
		if id >= math.MaxInt64 {
			// An id is never reused, and next_id must stay above every id
			// given out: there is no id left to give.
			return fmt.Errorf("%w: the store's next id has reached %d", ErrNoIDs, id)
		}
		m.ID = strconv.Itoa(id)
		m.Created = s.now()
		st.nextID = id + 1
		st.marks = append(st.marks, m)
		return nil
	})
	if err != nil {
		return Mark{}, fmt.Errorf("cannot add note: %w", err)
	}
	return m, nil
}

// Remove deletes the mark with the given id and returns it. Its id is not
// given to a later mark. An unknown id is a *NotFoundError (which matches
// ErrNotFound). A store that cannot be read is left untouched and the error
// wraps a *CorruptError.
func (s *Store) Remove(id string) (Mark, error) {
	return s.change("remove", id, func(st *state, i int) (Mark, error) {
		removed := st.marks[i]
		st.marks = slices.Delete(st.marks, i, i+1)
		return removed, nil
	})
}

// Edit replaces the text of the mark with the given id and returns the mark
// as stored; its anchor, id and Created time stay. The text is cleaned and
// checked as Add checks it (ErrEmptyText, ErrTooLong). An unknown id is a
// *NotFoundError; a store that cannot be read is left untouched and the
// error wraps a *CorruptError.
func (s *Store) Edit(id, text string) (Mark, error) {
	return s.change("edit", id, func(st *state, i int) (Mark, error) {
		old := st.marks[i]
		m := old
		m.Text = text
		m, err := prepare(m)
		if err != nil {
			return Mark{}, err
		}
		m.ID, m.Created = old.ID, old.Created
		st.marks[i] = m
		return m, nil
	})
}

// change finds the mark with the given id in the store and lets fn change
// the store, under the store's lock; it returns the mark fn returns,
// cleaned. An unknown id is a *NotFoundError naming the known ones.
func (s *Store) change(verb, id string, fn func(st *state, i int) (Mark, error)) (Mark, error) {
	id = strings.TrimSpace(id)
	var changed Mark
	var notFound *NotFoundError
	err := s.update(func(st *state) error {
		i := slices.IndexFunc(st.marks, func(m Mark) bool { return m.ID == id })
		if i < 0 {
			notFound = &NotFoundError{ID: id, Known: knownIDs(st.marks)}
			return notFound
		}
		var err error
		changed, err = fn(st, i)
		return err
	})
	if notFound != nil {
		return Mark{}, notFound
	}
	if err != nil {
		return Mark{}, fmt.Errorf("cannot %s note %q: %w", verb, id, err)
	}
	return cleanMark(changed), nil
}

func knownIDs(marks []Mark) []string {
	known := make([]string, len(marks))
	for j, m := range marks {
		known[j] = Clean(m.ID)
	}
	return known
}

func (s *Store) now() time.Time {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	// Whole seconds, no monotonic reading: the value Add returns is the
	// value List later reads back.
	return now().Round(0).Truncate(time.Second)
}

func (s *Store) lockTimeout() time.Duration {
	if s.LockTimeout > 0 {
		return s.LockTimeout
	}
	return DefaultLockTimeout
}

// target is the file actually read and replaced: the store path with
// symbolic links resolved, so that a symlinked store stays a symlink and
// processes reaching the file by different paths share one lock.
func (s *Store) target() string {
	if real, err := filepath.EvalSymlinks(s.path); err == nil {
		return real
	}
	if real, err := safefile.Resolve(s.path); err == nil {
		return real // a link to a store that does not exist yet
	}
	return s.path
}

func (s *Store) lockPath() string { return s.target() + ".lock" }

// state is a parsed store.
type state struct {
	nextID int
	marks  []Mark
	// noRewrite, when not empty, is why the file may be read but not
	// rewritten (it holds data this version would drop).
	noRewrite string
	// plain, when set, says for each mark whether its strings are all
	// plain, so that Clean would leave them as they are.
	plain []bool
}

func (st *state) has(id string) bool {
	return slices.ContainsFunc(st.marks, func(m Mark) bool { return m.ID == id })
}

// update runs a read-modify-write of the store under its exclusive lock.
// If fn returns an error, nothing is written.
func (s *Store) update(fn func(*state) error) error {
	if err := ensureDir(filepath.Dir(s.path)); err != nil {
		return err
	}
	release, err := lockFile(s.lockPath(), true, s.lockTimeout())
	if err != nil {
		return err
	}
	defer release()

	path := s.target()
	st, err := s.load(path)
	if err != nil {
		return err
	}
	if st.noRewrite != "" {
		return &CorruptError{Path: path, Reason: st.noRewrite}
	}
	if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o200 == 0 {
		return fmt.Errorf("notes store %s is read-only (mode %v); the file was left untouched", path, info.Mode().Perm())
	}
	if err := fn(&st); err != nil {
		return err
	}
	data, err := encode(st)
	if err != nil {
		return err
	}
	removeStaleTemps(path)
	return s.writeAtomic(path, data)
}

// fileV1 is the on-disk layout of version 1.
type fileV1 struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	NextID  int    `json:"next_id"`
	Marks   []Mark `json:"marks"`
}

// load reads and parses the store at path. A missing file is an empty store.
func load(path string) (state, error) {
	data, err := safefile.ReadFile(path, MaxStoreBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return state{nextID: 1}, nil
	}
	if tl, ok := errors.AsType[*safefile.TooLargeError](err); ok {
		size := "it is larger than " + safefile.Size(tl.Limit)
		if tl.Size >= 0 {
			size = "it is " + safefile.Size(tl.Size)
		}
		return state{}, &CorruptError{Path: path, Reason: size + ", more than the " + safefile.Size(tl.Limit) + " margin reads", Err: err}
	}
	if err != nil {
		reason := err.Error()
		if pe, ok := errors.AsType[*fs.PathError](err); ok {
			reason = pe.Err.Error()
		}
		return state{}, &CorruptError{Path: path, Reason: "it cannot be read (" + reason + ")", Err: err}
	}
	return parse(path, data)
}

// load loads the store from target, its path with links resolved; an error
// about a linked store names both the link and the file it points to.
func (s *Store) load(target string) (state, error) {
	st, err := load(target)
	if ce, ok := errors.AsType[*CorruptError](err); ok && target != s.path {
		ce.Path = s.path + " (a link to " + target + ")"
	}
	return st, err
}

// parse decodes a store file, refusing anything it does not fully understand.
func parse(path string, data []byte) (state, error) {
	corrupt := func(format string, args ...any) (state, error) {
		return state{}, &CorruptError{Path: path, Reason: fmt.Sprintf(format, args...)}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return corrupt("it is empty")
	}
	if f, plain, ok := parseFastPlain(data); ok {
		return checkIDs(path, state{marks: f.Marks, plain: plain}, f.NextID)
	}
	return parseSlow(path, data)
}

// parseSlow decodes a store file with encoding/json, step by step, to say
// precisely what is wrong with it.
func parseSlow(path string, data []byte) (state, error) {
	corrupt := func(format string, args ...any) (state, error) {
		return state{}, &CorruptError{Path: path, Reason: fmt.Sprintf(format, args...)}
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		if se, ok := errors.AsType[*json.SyntaxError](err); ok {
			if se.Offset >= int64(len(data)) {
				return corrupt("it is not valid JSON (it ends abruptly after %d bytes; was it cut short?)", len(data))
			}
			return corrupt("it is not valid JSON (%v, at byte %d)", se, se.Offset)
		}
		return corrupt("it is not a JSON object")
	}
	if top == nil {
		return corrupt("it is not a JSON object")
	}

	rawFormat, ok := top["format"]
	if !ok {
		return corrupt("it has no \"format\" field, so it is not a margin notes file")
	}
	var format string
	if err := json.Unmarshal(rawFormat, &format); err != nil || format != Format {
		return corrupt("its format is %s, not %q", abbreviate(rawFormat), Format)
	}
	rawVersion, ok := top["version"]
	if !ok {
		return corrupt("it has no \"version\" field")
	}
	var version int
	if err := json.Unmarshal(rawVersion, &version); err != nil {
		return corrupt("its version %s is not a whole number", abbreviate(rawVersion))
	}
	if version > Version {
		return corrupt("version %d is newer than this margin supports (%d)", version, Version)
	}
	if version < 1 {
		return corrupt("version %d is not a valid version", version)
	}

	var f fileV1
	if err := json.Unmarshal(data, &f); err != nil {
		return corrupt("its contents do not match version %d (%s)", Version, strings.TrimPrefix(err.Error(), "json: "))
	}
	st := state{marks: f.Marks}
	if st.marks == nil {
		st.marks = []Mark{}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(new(fileV1)); err != nil {
		st.noRewrite = fmt.Sprintf("it holds data this margin does not know (%s), which rewriting the file would lose",
			strings.TrimPrefix(err.Error(), "json: "))
	}

	return checkIDs(path, st, f.NextID)
}

// checkIDs checks that every note has an id and no two the same, and sets
// st.nextID from the file's next_id.
func checkIDs(path string, st state, nextID int) (state, error) {
	corrupt := func(format string, args ...any) (state, error) {
		return state{}, &CorruptError{Path: path, Reason: fmt.Sprintf(format, args...)}
	}
	seen := make(map[string]bool, len(st.marks))
	maxID := 0
	for i, m := range st.marks {
		if m.ID == "" {
			return corrupt("note %d of %d has no id", i+1, len(st.marks))
		}
		if seen[m.ID] {
			return corrupt("two notes have the id %q", m.ID)
		}
		seen[m.ID] = true
		if n, err := strconv.Atoi(m.ID); err == nil && n > maxID {
			maxID = n
		}
	}
	// next_id is trusted only upwards: an id in use, or one below it, is
	// never handed out again even if next_id was edited down. At the
	// largest id it stays there (Add then refuses), never wrapping round.
	st.nextID = max(nextID, 1)
	if maxID < math.MaxInt64 {
		st.nextID = max(st.nextID, maxID+1)
	} else {
		st.nextID = math.MaxInt64
	}
	return st, nil
}

// abbreviate shortens a raw JSON value for an error message.
func abbreviate(raw json.RawMessage) string {
	const limit = 40
	s := Clean(string(raw))
	if utf8.RuneCountInString(s) > limit {
		s = string([]rune(s)[:limit]) + "…"
	}
	return s
}

func encode(st state) ([]byte, error) {
	marks := st.marks
	if marks == nil {
		marks = []Mark{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(fileV1{Format: Format, Version: Version, NextID: st.nextID, Marks: marks}); err != nil {
		return nil, fmt.Errorf("encode notes store: %w", err)
	}
	return buf.Bytes(), nil
}

// tempPrefix is the name prefix of the temporary files written next to the
// store at path.
func tempPrefix(path string) string { return safefile.TempPrefix(path) }

// writeAtomic replaces the file at path with data: temp file in the same
// directory, fsync, rename, fsync of the directory (see safefile).
func (s *Store) writeAtomic(path string, data []byte) error {
	return safefile.WriteFileOptions(path, data, safefile.Options{Perm: 0o600, BeforeRename: s.beforeRename})
}

// removeStaleTemps deletes temporary files left by a writer that died. It
// must only be called under the exclusive lock: no live writer has a
// temporary file then.
func removeStaleTemps(path string) {
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := tempPrefix(path)
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasPrefix(e.Name(), prefix) {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// ensureDir creates dir (mode 0700) if it does not exist, and syncs its
// parent so the new directory survives a crash.
func ensureDir(dir string) error {
	if info, err := os.Stat(dir); err == nil && info.IsDir() {
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create notes directory: %w", err)
	}
	_ = syncDir(filepath.Dir(dir)) // best effort; the store's own directory is synced on write
	return nil
}

func syncDir(dir string) error { return safefile.SyncDir(dir) }

// prepare cleans and validates a mark given to Add.
func prepare(m Mark) (Mark, error) {
	m.ID = ""
	m.Created = time.Time{}
	m.Reading = strings.TrimSpace(Clean(m.Reading))
	m.Section = strings.TrimSpace(Clean(m.Section))
	m.Quote = Clean(m.Quote)
	m.Prefix = Clean(m.Prefix)
	m.Suffix = Clean(m.Suffix)
	m.Text = strings.TrimSpace(Clean(m.Text))
	m.TextHash = strings.TrimSpace(Clean(m.TextHash))
	m.Creator = strings.TrimSpace(oneLine(Clean(m.Creator)))
	m.Origin = strings.TrimSpace(Clean(m.Origin))
	if m.Position < 0 {
		m.Position = 0
	}
	switch {
	case m.Reading == "":
		return Mark{}, fmt.Errorf("%w: it names no reading", ErrIncomplete)
	case m.Section == "":
		return Mark{}, fmt.Errorf("%w: it names no section", ErrIncomplete)
	case strings.TrimSpace(m.Quote) == "":
		return Mark{}, fmt.Errorf("%w: it quotes no words to anchor to", ErrIncomplete)
	case m.Text == "":
		return Mark{}, ErrEmptyText
	}
	if n := utf8.RuneCountInString(m.Text); n > MaxTextRunes {
		return Mark{}, fmt.Errorf("%w: %d characters, at most %d", ErrTooLong, n, MaxTextRunes)
	}
	return m, nil
}

// cleanMark returns m with every string cleaned, for display.
func cleanMark(m Mark) Mark {
	m.ID = Clean(m.ID)
	m.Reading = Clean(m.Reading)
	m.Section = Clean(m.Section)
	m.Quote = Clean(m.Quote)
	m.Prefix = Clean(m.Prefix)
	m.Suffix = Clean(m.Suffix)
	m.Text = Clean(m.Text)
	m.TextHash = Clean(m.TextHash)
	m.Creator = Clean(m.Creator)
	m.Origin = Clean(m.Origin)
	return m
}

// BySection indexes marks by section number, each section's marks in the
// order given, so that showing a section's notes does not scan them all.
func BySection(ms []Mark) map[string][]Mark {
	index := make(map[string][]Mark)
	for _, m := range ms {
		index[m.Section] = append(index[m.Section], m)
	}
	return index
}

// ImportResult says what Import did.
type ImportResult struct {
	Added      []Mark // the marks stored, with their ids
	Duplicates int    // marks skipped because the store already had them
}

// Import stores marks imported from another tool's file, under one lock,
// skipping each that the store already holds (or that came earlier in
// marks): the same Origin, or an Origin that is the id ExportJSON gives a
// stored mark of that reading (see ExportID; source is the reading's IRI),
// or, for a mark with no Origin, the same reading, creator, quote and text.
// Each mark keeps its Created time (now, when it has none) and its Creator.
// A mark may name no section, when its words are nowhere in the reading: it
// is kept as an orphan. Marks with no reading, no quote or no text are
// refused (ErrIncomplete, ErrEmptyText, ErrTooLong) before anything is
// written.
func (s *Store) Import(source string, marks []Mark) (ImportResult, error) {
	prepared := make([]Mark, 0, len(marks))
	for _, m := range marks {
		created := m.Created
		section := m.Section
		if section == "" {
			m.Section = "?" // checked below; an orphan may have none
		}
		p, err := prepare(m)
		if err != nil {
			return ImportResult{}, fmt.Errorf("cannot import note on %q: %w", oneLine(m.Quote), err)
		}
		if section == "" {
			p.Section = ""
		}
		p.Created = created.Round(0).Truncate(time.Second)
		prepared = append(prepared, p)
	}
	var res ImportResult
	err := s.update(func(st *state) error {
		seen := map[string]bool{}
		for _, m := range st.marks {
			for _, k := range identities(source, m) {
				seen[k] = true
			}
		}
		for _, m := range prepared {
			keys := identities(source, m)
			if seen[keys[0]] {
				res.Duplicates++
				continue
			}
			id := st.nextID
			for id < math.MaxInt64 && st.has(strconv.Itoa(id)) {
				id++
			}
			if id >= math.MaxInt64 {
				return fmt.Errorf("%w: the store's next id has reached %d", ErrNoIDs, id)
			}
			m.ID = strconv.Itoa(id)
			if m.Created.IsZero() {
				m.Created = s.now()
			}
			st.nextID = id + 1
			st.marks = append(st.marks, m)
			res.Added = append(res.Added, m)
			for _, k := range identities(source, m) {
				seen[k] = true
			}
		}
		return nil
	})
	if err != nil {
		return ImportResult{}, fmt.Errorf("cannot import notes: %w", err)
	}
	return res, nil
}

// identities are the keys under which a mark counts as already imported;
// the first is the one an imported mark is looked up by.
func identities(source string, m Mark) []string {
	content := "content\n" + m.Reading + "\n" + m.Creator + "\n" + oneLine(m.Quote) + "\n" + m.Text
	if m.Origin != "" {
		return []string{"id\n" + m.Reading + "\n" + m.Origin, content}
	}
	keys := []string{content}
	if m.ID != "" {
		keys = append(keys, "id\n"+m.Reading+"\n"+ExportID(source, m))
	}
	return keys
}

// Move re-attaches the mark with the given id to new words: section, quote,
// prefix and suffix as given (the caller has checked that they occur once),
// with the position hint and text hash of the section. Its text, id,
// creator and Created time stay. An unknown id is a *NotFoundError.
func (s *Store) Move(id string, to Mark) (Mark, error) {
	return s.change("move", id, func(st *state, i int) (Mark, error) {
		m := st.marks[i]
		m.Section = strings.TrimSpace(Clean(to.Section))
		m.Quote, m.Prefix, m.Suffix = Clean(to.Quote), Clean(to.Prefix), Clean(to.Suffix)
		m.Position, m.TextHash = max(to.Position, 0), Clean(to.TextHash)
		if m.Section == "" || strings.TrimSpace(m.Quote) == "" {
			return Mark{}, fmt.Errorf("%w: a note moves to a section and quoted words", ErrIncomplete)
		}
		st.marks[i] = m
		return m, nil
	})
}
