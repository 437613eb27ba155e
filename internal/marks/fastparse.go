package marks

import (
	"encoding/json"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// parseFastPlain decodes a store file written in the shape margin writes, in
// one pass and without reflection: the store is read by every command that
// shows notes, and a store of 10,000 notes must not slow them down. It gives
// up (ok false) at anything out of the ordinary (an unknown or repeated key,
// a value of another type, a \u escape, invalid UTF-8, bad syntax), and
// parse then decodes the file with encoding/json, which also words the
// errors. For every file it accepts, it returns what that slower path
// returns (a fuzz test checks this). It also reports, for each note, whether
// all its strings are plain: printable ASCII, newlines and tabs, which Clean
// leaves as they are, so List need not clean them.
func parseFastPlain(data []byte) (f fileV1, plain []bool, ok bool) {
	// One string for the whole file: the notes' strings are slices of it,
	// not 70,000 small copies. data is never changed after it is read.
	p := fastParser{data: data}
	if len(data) > 0 {
		p.text = unsafe.String(&data[0], len(data))
	}
	var hasVersion bool
	if !p.object(fileKeys, func(key int) bool {
		switch fileKeys[key] {
		case "format":
			s, ok := p.str()
			f.Format = s
			return ok
		case "version":
			hasVersion = true
			return p.number(&f.Version)
		case "next_id":
			return p.number(&f.NextID)
		case "marks":
			// Room for every note at once: growing the slice note by note
			// allocated and copied it about twice over (a store of 10,000
			// notes is several megabytes of Marks). Each note has one
			// "created" key, so counting them sizes it; a wrong count only
			// costs a regrowth.
			n := strings.Count(p.text[p.i:], `"created"`)
			f.Marks = make([]Mark, 0, n)
			plain = make([]bool, 0, n)
			return p.array(func() bool {
				p.plain = true
				m, ok := p.mark()
				f.Marks = append(f.Marks, m)
				plain = append(plain, p.plain)
				return ok
			})
		}
		return false
	}) {
		return fileV1{}, nil, false
	}
	p.space()
	if p.i != len(data) || f.Format != Format || !hasVersion || f.Version < 1 || f.Version > Version || f.Marks == nil {
		return fileV1{}, nil, false
	}
	return f, plain, true
}

// fileKeys and markKeys are the keys parseFastPlain knows.
var (
	fileKeys = []string{"format", "version", "next_id", "marks"}
	markKeys = []string{"id", "reading", "section", "quote", "prefix", "suffix", "text", "created",
		"position", "text_hash", "creator", "origin"}
)

type fastParser struct {
	data []byte
	text string // data, as a string
	i    int
	// plain is cleared by a string that is not plain (see parseFastPlain).
	plain bool
}

func (p *fastParser) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// consume skips white space and then c, reporting whether c was there.
func (p *fastParser) consume(c byte) bool {
	p.space()
	if p.i < len(p.data) && p.data[p.i] == c {
		p.i++
		return true
	}
	return false
}

// object parses {"key": value, …}, calling member for each key with the
// parser at its value. keys lists the keys member knows; each may occur at
// most once, and a key with an escape is not accepted.
func (p *fastParser) object(keys []string, member func(key int) bool) bool {
	if !p.consume('{') {
		return false
	}
	if p.consume('}') {
		return true
	}
	var seen uint64
	for {
		raw, ok := p.rawString()
		if !ok || !p.consume(':') {
			return false
		}
		key := -1
		for k, name := range keys {
			if string(raw[1:len(raw)-1]) == name {
				key = k
				break
			}
		}
		if key < 0 || seen&(1<<key) != 0 {
			return false
		}
		seen |= 1 << key
		if !member(key) {
			return false
		}
		if p.consume('}') {
			return true
		}
		if !p.consume(',') {
			return false
		}
	}
}

// array parses [elem, …].
func (p *fastParser) array(elem func() bool) bool {
	if !p.consume('[') {
		return false
	}
	if p.consume(']') {
		return true
	}
	for {
		if !elem() {
			return false
		}
		if p.consume(']') {
			return true
		}
		if !p.consume(',') {
			return false
		}
	}
}

// rawString returns the bytes of a JSON string, quotes included, if it holds
// only valid UTF-8 and the simple escapes.
func (p *fastParser) rawString() ([]byte, bool) {
	p.space()
	if p.i >= len(p.data) || p.data[p.i] != '"' {
		return nil, false
	}
	start := p.i
	ascii := true
	data := p.data
	for j := p.i + 1; j < len(data); j++ {
		c := data[j]
		if c >= 0x20 && c < 0x7f && c != '"' && c != '\\' {
			continue // the common case first
		}
		switch {
		case c == '"':
			p.i = j + 1
			raw := p.data[start:p.i]
			if !ascii && !utf8.Valid(raw) {
				return nil, false
			}
			return raw, true
		case c == '\\':
			if j+1 >= len(p.data) {
				return nil, false
			}
			switch p.data[j+1] {
			case 'n', 't', '"', '\\', '/':
				j++
			case 'b', 'f', 'r':
				p.plain = false // a control character Clean removes
				j++
			default:
				return nil, false // \u…, or not an escape
			}
		case c < 0x20:
			return nil, false
		case c >= utf8.RuneSelf:
			ascii = false
			p.plain = false
		case c == 0x7f: // DEL
			p.plain = false
		}
	}
	return nil, false
}

// str parses a JSON string.
func (p *fastParser) str() (string, bool) {
	raw, ok := p.rawString()
	if !ok {
		return "", false
	}
	body := raw[1 : len(raw)-1]
	for _, c := range body {
		if c == '\\' {
			return unescape(body), true
		}
	}
	end := p.i - 1
	return p.text[end-len(body) : end], true
}

// unescape decodes the simple escapes rawString allows.
func unescape(body []byte) string {
	out := make([]byte, 0, len(body))
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		switch body[i] {
		case 'b':
			c = '\b'
		case 'f':
			c = '\f'
		case 'n':
			c = '\n'
		case 'r':
			c = '\r'
		case 't':
			c = '\t'
		default: // '"', '\\', '/'
			c = body[i]
		}
		out = append(out, c)
	}
	return string(out)
}

// number parses a JSON number into *n as encoding/json would.
func (p *fastParser) number(n *int) bool {
	p.space()
	start := p.i
	for p.i < len(p.data) {
		c := p.data[p.i]
		if c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			p.i++
			continue
		}
		break
	}
	return p.i > start && json.Unmarshal(p.data[start:p.i], n) == nil
}

// mark parses one note.
func (p *fastParser) mark() (Mark, bool) {
	var m Mark
	ok := p.object(markKeys, func(key int) bool {
		var field *string
		switch markKeys[key] {
		case "id":
			field = &m.ID
		case "reading":
			field = &m.Reading
		case "section":
			field = &m.Section
		case "quote":
			field = &m.Quote
		case "prefix":
			field = &m.Prefix
		case "suffix":
			field = &m.Suffix
		case "text":
			field = &m.Text
		case "text_hash":
			field = &m.TextHash
		case "creator":
			field = &m.Creator
		case "origin":
			field = &m.Origin
		case "position":
			return p.number(&m.Position)
		case "created":
			raw, ok := p.rawString()
			return ok && m.Created.UnmarshalJSON(raw) == nil
		default:
			return false
		}
		s, ok := p.str()
		*field = s
		return ok
	})
	return m, ok
}
