package tui

import (
	"fmt"

	"charm.land/bubbles/v2/textinput"
	"sort"
	"strings"
	"sync"

	tea "charm.land/bubbletea/v2"
	"github.com/margin-reader/margin/internal/corpus"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/sanitize"
	"github.com/margin-reader/margin/internal/search"
)

// lazyCorpus decodes (or builds) the search corpus once, on first use, in
// a command.
type lazyCorpus struct {
	rd   *reading.Reading
	get1 func() (*corpus.Corpus, error) // rd's corpus, or nil to build it
	once sync.Once
	c    *corpus.Corpus
	err  error
}

func (l *lazyCorpus) get() (*corpus.Corpus, error) {
	l.once.Do(func() {
		if l.get1 != nil {
			l.c, l.err = l.get1()
		} else {
			l.c, l.err = corpus.Build(l.rd)
		}
	})
	return l.c, l.err
}

// searchState is the search screen (/): the box and its results, and the
// hits of the last search, which n and N visit after it is closed.
type searchState struct {
	filterList
	results []search.Result
	docs    []search.Doc
	prev    string   // the query before this one, which ↑ brings back
	hits    []hitRef // text hits of the last search, in reading order
	hit     int      // the hit shown, -1 for none
}

func (s *searchState) mode() mode    { return modeSearch }
func (s *searchState) hints() string { return "↑↓ choose · enter jump · esc cancel" }

// hitRef is a sentence of the paper that matched a search.
type hitRef struct {
	sec      int
	loc      reading.Location
	sentence string
	words    []string // the matched words, as they stand in the text
}

// searchMsg carries search results back to Update.
type searchMsg struct {
	seq     int
	query   string
	results []search.Result
	docs    []search.Doc
	locs    map[int]reading.Location
	err     error
}

// openSearch opens the search box empty; the last query is one ↑ away.
func (m *model) openSearch() tea.Cmd {
	s := &m.search
	m.open(s)
	if q := s.input.Value(); q != "" {
		s.prev = q
	}
	s.input.SetValue("")
	s.query, s.results, s.docs, s.cursor = "", nil, nil, 0
	s.seq++ // answers to the old query are dropped
	return s.focus(m.width)
}

func (s *searchState) update(m *model, k tea.KeyPressMsg) tea.Cmd {
	switch k.String() {
	case "esc":
		m.closeTop()
		s.input.Blur()
		return nil
	case "enter":
		return m.openResult()
	case "up", "ctrl+p", "shift+tab":
		if s.input.Value() == "" && s.prev != "" {
			s.input.SetValue(s.prev)
			s.input.CursorEnd()
			s.query = s.prev
			return m.searchCmd(s.prev)
		}
	}
	if s.move(k, len(s.results)) {
		return nil
	}
	return s.paste(m, k)
}

// paste gives a key or a paste to the search box and searches for what it
// then holds.
func (s *searchState) paste(m *model, msg tea.Msg) tea.Cmd {
	cmd, changed := s.typed(msg)
	if changed {
		return tea.Batch(cmd, m.searchCmd(s.query))
	}
	return cmd
}

// cleanInput keeps control characters out of a text box.
func cleanInput(ti *textinput.Model) {
	if v := ti.Value(); sanitize.Line(v) != v {
		ti.SetValue(sanitize.Line(v))
	}
}

// searchCmd searches in the background; older answers are dropped.
func (m *model) searchCmd(q string) tea.Cmd {
	m.search.seq++
	seq, lc := m.search.seq, m.corp
	return func() tea.Msg {
		c, err := lc.get()
		if err != nil {
			return searchMsg{seq: seq, err: err}
		}
		rs, err := c.Index.Search(q, search.Options{Limit: 40})
		if err == search.ErrEmptyQuery {
			err = nil
		}
		return searchMsg{seq: seq, query: q, results: rs, docs: c.Docs, locs: c.Locs, err: err}
	}
}

func (m *model) searched(msg searchMsg) {
	s := &m.search
	if msg.seq != s.seq {
		return
	}
	if msg.err != nil {
		m.msg = msg.err.Error()
		return
	}
	s.results, s.docs, s.cursor = msg.results, msg.docs, 0
	s.hits = m.textHits(msg)
	s.hit = -1
}

// textHits lists the sentences of the paper among the results, in reading
// order.
func (m *model) textHits(msg searchMsg) []hitRef {
	var hits []hitRef
	for _, r := range msg.results {
		d := msg.docs[r.Doc]
		if d.Kind != search.KindText {
			continue
		}
		hits = append(hits, hitRef{sec: m.sectionIndex(d.Section), loc: msg.locs[r.Doc], sentence: d.Body, words: highlighted(r)})
	}
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.sec != b.sec {
			return a.sec < b.sec
		}
		return a.loc.Para < b.loc.Para || a.loc.Para == b.loc.Para && a.loc.Start < b.loc.Start
	})
	return hits
}

// highlighted returns the words a result's highlights cover.
func highlighted(r search.Result) []string {
	rs := []rune(r.Snippet)
	var out []string
	for _, h := range r.Highlights {
		if h.Start >= 0 && h.End <= len(rs) && h.Start < h.End {
			out = append(out, string(rs[h.Start:h.End]))
		}
	}
	return out
}

// openResult opens the selected result: a section or a sentence in the
// text, or a glossary entry, note or endnote in an overlay.
func (m *model) openResult() tea.Cmd {
	s := &m.search
	if len(s.results) == 0 {
		return nil
	}
	r := s.results[s.cursor]
	d := s.docs[r.Doc]
	m.closeTop()
	s.input.Blur()
	switch d.Kind {
	case search.KindSection:
		return m.goTo(m.sectionIndex(d.Ref))
	case search.KindText:
		return m.jumpToHit(m.hitIndex(r))
	case search.KindGlossary:
		return m.openEntry(d.Ref)
	case search.KindNote:
		return m.openNote(d.Ref)
	}
	return m.openEndnote(d.Ref)
}

// hitIndex finds a text result among the hits.
func (m *model) hitIndex(r search.Result) int {
	loc := m.search.docs[r.Doc]
	for i, h := range m.search.hits {
		if h.sentence == loc.Body && h.sec == m.sectionIndex(loc.Section) {
			return i
		}
	}
	return -1
}

// nextHit steps through the hits of the last search, wrapping around.
func (m *model) nextHit(d int) tea.Cmd {
	n := len(m.search.hits)
	if n == 0 {
		m.msg = "no search hits: / searches"
		return nil
	}
	i := m.search.hit + d
	if m.search.hit < 0 && d < 0 {
		i = n - 1
	}
	return m.jumpToHit((i + n) % n)
}

// jumpToHit opens the section of hit i and scrolls to it.
func (m *model) jumpToHit(i int) tea.Cmd {
	if i < 0 || i >= len(m.search.hits) {
		return nil
	}
	m.search.hit = i
	h := m.search.hits[i]
	cmd := m.goTo(h.sec)
	m.msg = fmt.Sprintf("hit %d of %d · n next · N previous", i+1, len(m.search.hits))
	if m.page != nil {
		m.showHit(&h)
	} else {
		m.want = &target{hit: &h}
	}
	return cmd
}

// showHit scrolls the current page to a hit and highlights its words.
func (m *model) showHit(h *hitRef) {
	line, hl := m.locate(h)
	m.hl = hl
	m.offset = line - m.bodyHeight()/3
	m.clampOffset()
}

// locate returns the line of a hit's sentence on the page and the columns
// of its matched words, by line, from the page's layout.
func (m *model) locate(h *hitRef) (int, map[int][]span) {
	l := h.loc
	paras := m.rd.Sections[h.sec].Paragraphs
	if m.page == nil || l.Para < 0 || l.Para >= len(paras) || l.End > len(paras[l.Para].Plain) || l.Start > l.End {
		return 0, nil
	}
	sentence := strings.ToLower(paras[l.Para].Plain[l.Start:l.End])
	hl := map[int][]span{}
	first := -1
	if spans := m.page.layout.Spans(l.Para, l.Start, l.End); len(spans) > 0 {
		first = spans[0].Line
	}
	for _, w := range uniq(h.words) {
		w = strings.ToLower(w)
		for at := 0; w != ""; {
			i := strings.Index(sentence[at:], w)
			if i < 0 {
				break
			}
			start := l.Start + at + i
			for _, sp := range m.page.layout.Spans(l.Para, start, start+len(w)) {
				hl[sp.Line] = append(hl[sp.Line], span{sp.Start, sp.End})
			}
			at += i + len(w)
		}
	}
	for k := range hl {
		sort.Slice(hl[k], func(i, j int) bool { return hl[k][i].start < hl[k][j].start })
	}
	return max(first, 0), hl
}

func uniq(ws []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range ws {
		k := strings.ToLower(w)
		if !seen[k] && strings.TrimSpace(w) != "" {
			seen[k] = true
			out = append(out, w)
		}
	}
	return out
}

// view draws the search box and the results.
func (s *searchState) view(m *model, h int) []string {
	none := ""
	if s.query != "" {
		none = "no matches for " + sanitize.Line(s.query)
	}
	return s.rows(h, m.width, len(s.results), none, func(i int, _ bool) string { return m.resultRow(i) })
}
