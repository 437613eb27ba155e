package pdfimport

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// bbox* are the elements of pdftotext -bbox-layout's XHTML: pages of flows
// of blocks of lines of words, each word with its box.
type bboxWord struct {
	text       string
	yMin, yMax float64
}

type bboxLine struct{ words []bboxWord }

type bboxBlock struct {
	lines                  []bboxLine
	xMin, xMax, yMin, yMax float64
}

// BBoxText turns pdftotext -bbox-layout output into text as pdftotext
// writes it (pages separated by form feeds, blocks by blank lines), but
// with every hyphen kept as printed, superscript digits marked as
// superscripts, and a block set in a larger type (a heading) on one line.
func BBoxText(r io.Reader) (string, error) {
	d := xml.NewDecoder(r)
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var p bboxParser
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", fmt.Errorf("reading pdftotext's layout: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			p.start(t)
		case xml.CharData:
			if p.word != nil {
				p.word.text += string(t)
			}
		case xml.EndElement:
			p.end(t.Name.Local)
		}
	}
	for i := range p.pages {
		p.pages[i] = marginsOut(columns(p.pages[i], p.widths[i]), p.heights[i])
	}
	return renderBBox(p.pages), nil
}

// bboxParser builds the pages from the elements of -bbox-layout's XHTML.
type bboxParser struct {
	pages           [][]bboxBlock
	heights, widths []float64 // each page's size
	blk             *bboxBlock
	line            *bboxLine
	word            *bboxWord
}

// attrs reads an element's numeric attributes.
func attrs(t xml.StartElement) map[string]float64 {
	m := make(map[string]float64, len(t.Attr))
	for _, a := range t.Attr {
		if v, err := strconv.ParseFloat(a.Value, 64); err == nil {
			m[a.Name.Local] = v
		}
	}
	return m
}

func (p *bboxParser) start(t xml.StartElement) {
	switch t.Name.Local {
	case "page":
		a := attrs(t)
		p.pages = append(p.pages, nil)
		p.heights = append(p.heights, a["height"])
		p.widths = append(p.widths, a["width"])
	case "block":
		if len(p.pages) == 0 {
			p.start(xml.StartElement{Name: xml.Name{Local: "page"}})
		}
		a := attrs(t)
		pg := &p.pages[len(p.pages)-1]
		*pg = append(*pg, bboxBlock{xMin: a["xMin"], xMax: a["xMax"], yMin: a["yMin"], yMax: a["yMax"]})
		p.blk = &(*pg)[len(*pg)-1]
	case "line":
		if p.blk != nil {
			p.blk.lines = append(p.blk.lines, bboxLine{})
			p.line = &p.blk.lines[len(p.blk.lines)-1]
		}
	case "word":
		if p.line != nil {
			a := attrs(t)
			p.line.words = append(p.line.words, bboxWord{yMin: a["yMin"], yMax: a["yMax"]})
			p.word = &p.line.words[len(p.line.words)-1]
		}
	}
}

func (p *bboxParser) end(name string) {
	switch name {
	case "word":
		p.word = nil
	case "line":
		p.line = nil
	case "block":
		p.blk = nil
	}
}

// columns puts the blocks of a two-column page in reading order: what
// spans both columns above them, the left column top to bottom, the
// right one, then what spans both below. A page is two-column when at
// least two blocks of three lines or more stand in each half; otherwise
// pdftotext's order stands.
func columns(blocks []bboxBlock, width float64) []bboxBlock {
	mid := width / 2
	left, right := 0, 0
	for _, b := range blocks {
		if len(b.lines) >= 3 && b.xMax <= mid {
			left++
		}
		if len(b.lines) >= 3 && b.xMin >= mid {
			right++
		}
	}
	if width <= 0 || left < 2 || right < 2 {
		return blocks
	}
	colTop, colBottom := math.Inf(1), math.Inf(-1)
	for _, b := range blocks {
		if b.xMax <= mid || b.xMin >= mid {
			colTop, colBottom = min(colTop, b.yMin), max(colBottom, b.yMax)
		}
	}
	rank := func(b bboxBlock) int {
		switch {
		case b.xMax <= mid:
			return 1
		case b.xMin >= mid:
			return 2
		case b.yMax <= colTop:
			return 0
		case b.yMin >= colBottom:
			return 3
		}
		return 1 // across the columns in their midst: read with the left one
	}
	out := append([]bboxBlock(nil), blocks...)
	sort.SliceStable(out, func(i, j int) bool {
		ri, rj := rank(out[i]), rank(out[j])
		if ri != rj {
			return ri < rj
		}
		return out[i].yMin < out[j].yMin
	})
	return out
}

// marginsOut puts the short blocks that stand above or below all the
// page's body text (its blocks of three lines or more) and in its top or
// bottom fifth (running heads and feet, page numbers) first and last,
// where the running-head detection looks for them, whatever the reading
// order.
func marginsOut(blocks []bboxBlock, height float64) []bboxBlock {
	top, bottom := height, 0.0
	for _, b := range blocks {
		if len(b.lines) >= 3 {
			top, bottom = min(top, b.yMin), max(bottom, b.yMax)
		}
	}
	if height <= 0 || bottom == 0 {
		return blocks
	}
	var head, mid, foot []bboxBlock
	for _, b := range blocks {
		short := len(b.lines) <= 2
		switch {
		case short && b.yMax <= top && b.yMax < height*0.2:
			head = append(head, b)
		case short && b.yMin >= bottom && b.yMin > height*0.8:
			foot = append(foot, b)
		default:
			mid = append(mid, b)
		}
	}
	return append(append(head, mid...), foot...)
}

// renderBBox writes the pages as text. Footnotes (blocks in smaller type
// at the foot of a page that start with a number) are gathered into a
// notes section at the end.
func renderBBox(pages [][]bboxBlock) string {
	body := bodyHeight(pages)
	levels := headingLevels(pages, body)
	var b strings.Builder
	var notes []string
	for pi, blocks := range pages {
		blocks, foot := footnotes(blocks, body)
		for _, f := range foot {
			for _, l := range f.lines {
				notes = append(notes, lineText(l))
			}
		}
		prevBig := false
		for i, blk := range blocks {
			big := blockHeight(blk) > body*1.15 && len(blk.lines) <= 4
			// Blocks of one paragraph (pdftotext starts a block at a line
			// with a superscript) stay together; a heading, a new column
			// or a gap wider than a line parts them.
			if i > 0 {
				prev := blocks[i-1]
				if big || prevBig || blk.yMin < prev.yMin || blk.yMin-prev.yMax > body*0.8 {
					b.WriteString("\n")
				}
			}
			prevBig = big
			if big {
				// A heading, marked with its level by its type size.
				b.WriteString(headingMark + strconv.Itoa(levels.of(pi, i, blockHeight(blk))))
			}
			for j, l := range blk.lines {
				if j > 0 {
					if big {
						b.WriteString(" ")
					} else {
						b.WriteString("\n")
					}
				}
				b.WriteString(lineText(l))
			}
			b.WriteString("\n")
		}
		b.WriteString("\f")
	}
	if len(notes) > 0 {
		b.WriteString("\nNotes\n\n")
		for _, n := range notes {
			b.WriteString(n)
			b.WriteString("\n")
		}
		b.WriteString("\f")
	}
	return b.String()
}

// sizeLevels gives headings their level by type size: the title (the
// first heading of page one, when no heading is larger) and then one level
// for each smaller size, at most three.
type sizeLevels struct {
	titlePage, titleBlock int
	sizes                 []float64 // the other headings' sizes, largest first
}

func (s sizeLevels) of(page, block int, h float64) int {
	if page == s.titlePage && block == s.titleBlock {
		return titleLevel
	}
	for i, size := range s.sizes {
		if h >= size*0.95 {
			return min(i+1, 3)
		}
	}
	return min(len(s.sizes), 3)
}

func headingLevels(pages [][]bboxBlock, body float64) sizeLevels {
	s := sizeLevels{titlePage: -1, titleBlock: -1}
	var hs []float64
	first, firstH, largest := -1, 0.0, 0.0
	for pi, blocks := range pages {
		for bi, blk := range blocks {
			h := blockHeight(blk)
			if h <= body*1.15 || len(blk.lines) > 4 {
				continue
			}
			if pi == 0 && first < 0 {
				first, firstH = bi, h
			}
			largest = max(largest, h)
		}
	}
	if first >= 0 && firstH >= largest*0.95 {
		s.titlePage, s.titleBlock = 0, first
	}
	for pi, blocks := range pages {
		for bi, blk := range blocks {
			h := blockHeight(blk)
			if h <= body*1.15 || len(blk.lines) > 4 || pi == s.titlePage && bi == s.titleBlock {
				continue
			}
			hs = append(hs, h)
		}
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(hs)))
	for _, h := range hs {
		if len(s.sizes) == 0 || h < s.sizes[len(s.sizes)-1]*0.95 {
			s.sizes = append(s.sizes, h)
		}
	}
	return s
}

// footnotes splits off a page's footnotes: the blocks below the last block
// of body text, set smaller than it, the first of them starting with a
// number.
func footnotes(blocks []bboxBlock, body float64) (rest, foot []bboxBlock) {
	lastBody := -1.0
	for _, blk := range blocks {
		if blockHeight(blk) >= body*0.9 && len(blk.lines) > 0 && len(blk.lines[0].words) > 3 {
			lastBody = max(lastBody, blk.yMax)
		}
	}
	first := true
	for _, blk := range blocks {
		small := blockHeight(blk) < body*0.9 && blk.yMin >= lastBody && lastBody > 0
		if small && first {
			w := blk.lines[0].words
			small = len(w) > 1 && (isDigits(strings.TrimRight(w[0].text, ".")) || isSuper(w[0].text))
		}
		if small {
			foot = append(foot, blk)
			first = false
			continue
		}
		rest = append(rest, blk)
	}
	return rest, foot
}

// lineText joins a line's words; digits set smaller and higher than the
// line's text (a note marker) become superscript digits glued to the word
// before.
func lineText(l bboxLine) string {
	h := lineHeight(l)
	var b strings.Builder
	for i, w := range l.words {
		prev := l.words[max(i-1, 0)]
		if isDigits(w.text) && (w.yMax-w.yMin < h*0.9 || i > 0 && w.yMax < prev.yMax-h*0.1) && len(l.words) > 1 {
			b.WriteString(toSuper(w.text))
			continue
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

func isDigits(s string) bool {
	if s == "" || len(s) > 3 {
		return false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) || r > '9' {
			return false
		}
	}
	return true
}

var superDigits = []rune("⁰¹²³⁴⁵⁶⁷⁸⁹")

func toSuper(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(superDigits[r-'0'])
	}
	return b.String()
}

// lineHeight is the median height of a line's words.
func lineHeight(l bboxLine) float64 {
	hs := make([]float64, 0, len(l.words))
	for _, w := range l.words {
		hs = append(hs, w.yMax-w.yMin)
	}
	return median(hs)
}

func blockHeight(b bboxBlock) float64 {
	hs := make([]float64, 0, len(b.lines))
	for _, l := range b.lines {
		hs = append(hs, lineHeight(l))
	}
	return median(hs)
}

// bodyHeight is the height of the body text: the median line height,
// weighted by words.
func bodyHeight(pages [][]bboxBlock) float64 {
	var hs []float64
	for _, blocks := range pages {
		for _, b := range blocks {
			for _, l := range b.lines {
				for _, w := range l.words {
					hs = append(hs, w.yMax-w.yMin)
				}
			}
		}
	}
	return median(hs)
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	sort.Float64s(xs)
	return xs[len(xs)/2]
}

// isSuper reports whether s is superscript digits.
func isSuper(s string) bool {
	for _, r := range s {
		if _, ok := superscripts[r]; !ok {
			return false
		}
	}
	return s != ""
}
