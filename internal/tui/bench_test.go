package tui

import (
	"testing"

	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
)

// BenchmarkScrollKey measures one scroll key press: Update and View
// (target: under 16 ms, one frame).
func BenchmarkScrollKey(b *testing.B) {
	d := newDriver(b, 120, 40)
	d.keys("]")
	j, k := keyMsg("j"), keyMsg("k")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		msg := j
		if i%2 == 1 {
			msg = k
		}
		d.m.Update(msg)
		_ = d.m.View()
	}
}

// BenchmarkSwitchRenderedSection measures moving to a section already
// rendered: Update and View (target: under 5 ms).
func BenchmarkSwitchRenderedSection(b *testing.B) {
	d := newDriver(b, 120, 40)
	for range d.m.rd.Sections {
		d.keys("]")
	}
	d.keys("g")
	next, prev := keyMsg("]"), keyMsg("[")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		msg := prev
		if i%2 == 1 {
			msg = next
		}
		if _, cmd := d.m.Update(msg); cmd != nil {
			b.Fatal("a rendered section was rendered again")
		}
		_ = d.m.View()
	}
}

// BenchmarkFirstRender measures rendering the longest section at 100
// columns, as the reader does the first time it is opened (target: under
// 50 ms). The glamour renderer for the style and width is built once.
func BenchmarkFirstRender(b *testing.B) {
	rd := builtin(b)
	s := longest(rd)
	r := render.New()
	o := render.Options{Style: "dark", Width: 100}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := renderPage(rd, r, s, nil, o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFirstRenderNewRenderer is BenchmarkFirstRender with a new
// glamour renderer each time, as at start-up or after a resize.
func BenchmarkFirstRenderNewRenderer(b *testing.B) {
	rd := builtin(b)
	s := longest(rd)
	o := render.Options{Style: "dark", Width: 100}
	for i := 0; i < b.N; i++ {
		if _, err := renderPage(rd, render.New(), s, nil, o); err != nil {
			b.Fatal(err)
		}
	}
}

func longest(rd *reading.Reading) *reading.Section {
	best := rd.Sections[0]
	for _, s := range rd.Sections {
		if s.Words() > best.Words() {
			best = s
		}
	}
	return best
}

// BenchmarkEveryKey measures each of the reader's keys, with the key that
// undoes it, on a rendered section at 120×40: Update and View for both,
// what one frame costs a reader pressing them (target: under 16 ms a key).
// Work a key starts in the background (rendering a pop-up, searching) is
// not part of its frame.
func BenchmarkEveryKey(b *testing.B) {
	pairs := [][2]string{
		{"j", "k"}, {"space", "b"}, {"d", "u"}, {"G", "g"}, {"]", "["}, {"L", "H"},
		{"t", "esc"}, {"/", "esc"}, {"T", "esc"}, {"tab", "shift+tab"}, {"enter", "esc"},
		{"?", "esc"}, {"v", "esc"}, {"m", "esc"}, {"n", "N"}, {"e", "x"},
	}
	for _, p := range pairs {
		b.Run(p[0]+"_"+p[1], func(b *testing.B) {
			d := newDriver(b, 120, 40)
			d.keys("]", "]", "[", "]", "tab") // 2.1 and its neighbours rendered, a marker selected
			do, undo := keyMsg(p[0]), keyMsg(p[1])
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				d.m.Update(do)
				_ = d.m.View()
				d.m.Update(undo)
				_ = d.m.View()
			}
		})
	}
}
