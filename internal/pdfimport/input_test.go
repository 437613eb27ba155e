package pdfimport

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// minimalPDF writes a one-page PDF whose page draws content (PDF
// operators), with extra entries in its trailer (an /Encrypt reference).
func minimalPDF(content, trailer string, extra ...string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	objs = append(objs, extra...)
	return []byte(pdfFile(objs, trailer))
}

// pdfFile writes the objects (numbered from 1, the first the catalogue) as
// a PDF file with its cross-reference table, extra entries in its trailer.
func pdfFile(objs []string, trailer string) string {
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, xref)
	return b.String()
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// pdftotext's failures become errors a user can act on.
func TestPdftotextErrors(t *testing.T) {
	bin := need(t, "MARGIN_REQUIRE_PDFTOTEXT", "pdftotext")
	ctx := context.Background()

	text := minimalPDF("BT /F1 12 Tf 20 250 Td (Hello reader) Tj ET", "")
	got, err := Pdftotext(ctx, bin, writeTemp(t, "text.pdf", text))
	if err != nil || !strings.Contains(got, "Hello reader") {
		t.Fatalf("a PDF with text: %q, %v", got, err)
	}

	blank := minimalPDF("0 0 1 rg 10 10 100 100 re f", "")
	if _, err := Pdftotext(ctx, bin, writeTemp(t, "image.pdf", blank)); !errors.Is(err, ErrImageOnly) {
		t.Errorf("a PDF with no text: %v, want ErrImageOnly", err)
	}

	// Encrypted with a user password (O and U that no empty password opens).
	enc := "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" + strings.Repeat("11", 32) + "> /U <" + strings.Repeat("22", 32) + "> >>"
	locked := minimalPDF("BT /F1 12 Tf 20 250 Td (Secret) Tj ET", "/Encrypt 6 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]", enc)
	if _, err := Pdftotext(ctx, bin, writeTemp(t, "locked.pdf", locked)); !errors.Is(err, ErrEncrypted) {
		t.Errorf("an encrypted PDF: %v, want ErrEncrypted", err)
	}

	if _, err := Pdftotext(ctx, bin, writeTemp(t, "broken.pdf", []byte("%PDF-1.4\ngarbage"))); err == nil || errors.Is(err, ErrImageOnly) {
		t.Errorf("a broken PDF: %v, want pdftotext's error", err)
	}
}

func TestPdftotextMissing(t *testing.T) {
	if _, err := Pdftotext(context.Background(), "no-such-pdftotext-here", "x.pdf"); !errors.Is(err, ErrNoPdftotext) {
		t.Errorf("%v, want ErrNoPdftotext", err)
	}
}

func TestDetect(t *testing.T) {
	for _, c := range []struct {
		in   string
		kind Kind
		err  error
	}{
		{"%PDF-1.7\n...", KindPDF, nil},
		{"Some text\nmore", KindText, nil},
		{"", 0, ErrEmpty},
		{" \n\t\n", 0, ErrEmpty},
		{"\x7fELF\x02\x01\x01\x00\x00\x00", 0, ErrBinary},
		{"\xff\xfeh\x00i\x00", 0, ErrUTF16},
		{strings.Repeat("\x01\x02\x03abc", 100), 0, ErrBinary},
		{"caf\xe9 " + strings.Repeat("ok text ", 10), KindText, nil}, // a stray Latin-1 byte: text, repaired by normalize
	} {
		k, err := Detect([]byte(c.in))
		if k != c.kind || !errors.Is(err, c.err) {
			t.Errorf("Detect(%q) = %v, %v; want %v, %v", c.in, k, err, c.kind, c.err)
		}
	}
}

// Control characters, ligatures, escapes and soft hyphens are repaired and
// counted; form feeds survive as page breaks.
func TestNormalize(t *testing.T) {
	var c Counts
	got := normalize("a\x1b[31mb ﬁne \\$5 co\u00adop\r\nx\fy \u00a0z", &c)
	if got != "a[31mb fine $5 coop\nx\fy  z" {
		t.Errorf("normalize: %q", got)
	}
	if c.Controls != 1 || c.Ligatures != 1 || c.Escapes != 1 || c.SoftHyphens != 1 {
		t.Errorf("counts: %+v", c)
	}
}

// The document's own words decide a line-final hyphen.
func TestDecideHyphen(t *testing.T) {
	v := newVocab([]*para{{lines: []string{"citizens and socio-cultural factors, well known, technological tech field"}}})
	for _, c := range []struct {
		left, right string
		soft        bool
		want        joinDecision
		sure        bool
	}{
		{"cit", "izens", false, joinWord, true},        // "citizens" occurs
		{"socio", "cultural", false, keepHyphen, true}, // "socio-cultural" occurs
		{"tech", "nological", false, joinWord, true},   // "technological" occurs
		{"ar", "gues", false, joinWord, true},          // "ar" is no word of the text
		{"well", "known", false, keepHyphen, false},    // both words, neither form: to review
		{"Lopez", "Ferreras", false, keepHyphen, true}, // a capital after the break
		{"COVID", "19", false, keepHyphen, true},       // digits
		{"inter", "esting", true, joinWord, true},      // marked by the producer
		{"well", "known", true, joinWord, true},        // marked by the producer as a hyphenation
	} {
		d, sure := decideHyphen(c.left, c.right, c.soft, v)
		if d != c.want || sure != c.sure {
			t.Errorf("%s-%s: %v %v, want %v %v", c.left, c.right, d, sure, c.want, c.sure)
		}
	}
}

// Running heads, feet and page numbers go; the title that a head repeats
// stays on page one.
func TestStripRunning(t *testing.T) {
	pages := [][]string{
		{"Journal of Tests 12", "My Paper", "", "Body one.", "", "1"},
		{"Journal of Tests 13", "", "Body two.", "", "2"},
		{"Journal of Tests 14", "", "Body three.", "", "3"},
	}
	var c Counts
	stripRunning(pages, &c)
	joined := fmt.Sprint(pages)
	if strings.Contains(joined, "Journal") || strings.Contains(joined, " 1]") || !strings.Contains(joined, "My Paper") || !strings.Contains(joined, "Body three.") {
		t.Errorf("after: %q", pages)
	}
	if c.RunningLines != 3 || c.PageNumbers != 3 {
		t.Errorf("counts: %+v", c)
	}
}

// A compound whose hyphen pdftotext dropped at a line end gets it back
// when the text has it hyphenated elsewhere.
func TestRestoreHyphen(t *testing.T) {
	v := newVocab([]*para{{lines: []string{`"name-and-shame" and socio-cultural`}}})
	var c Counts
	for in, want := range map[string]string{
		`a system of "name-andshame"`: `a system of "name-and-shame"`,
		`the sociocultural,`:          `the socio-cultural,`,
		`the unknownword`:             `the unknownword`,
		`a short`:                     `a short`,
	} {
		if got := restoreHyphen(in, v, &c); got != want {
			t.Errorf("restoreHyphen(%q) = %q, want %q", in, got, want)
		}
	}
}

// pdftotext's plain output (form feeds between pages) loses the hyphen of
// a compound broken at a line end and moves the next line up: the text's
// usual form puts it back, and says so for review.
func TestPlainPdftotextCompounds(t *testing.T) {
	src := "A Title\n\nThe \"name-and-shame\" dynamic and its name-and-shame rules.\n\f" +
		"Page two: the \"name-andshame\" dynamic it creates again and again, as in the past.\n\f"
	res, err := Text(src)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(res.Sections[len(res.Sections)-1].Paragraphs, "\n")
	if !strings.Contains(text, `the "name-and-shame" dynamic it creates`) {
		t.Errorf("not restored: %q", text)
	}
	if r := fmt.Sprint(res.Review()); !strings.Contains(r, "hyphen restored") {
		t.Errorf("not in the review list: %s", r)
	}
	// A file without page breaks is not pdftotext's: its words stay.
	res, _ = Text(strings.ReplaceAll(src, "\f", ""))
	if text := fmt.Sprint(res.Sections[len(res.Sections)-1].Paragraphs); !strings.Contains(text, "name-andshame") {
		t.Errorf("changed a text file's word: %s", text)
	}
}

// footnotePage is a PDF page's content: body lines in 11-point type, a
// raised 7-point note marker, and the footnote at the foot in 8-point type.
func footnotePage(n int, words string) string {
	var b strings.Builder
	y := 700
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&b, "BT /F1 11 Tf 50 %d Td (%s line %d of page %d goes on here.) Tj ET\n", y, words, i, n)
		y -= 14
	}
	fmt.Fprintf(&b, "BT /F1 11 Tf 50 %d Td (A claim on page %d.) Tj /F1 7 Tf 4 Ts (%d) Tj 0 Ts /F1 11 Tf ( And the text goes on.) Tj ET\n", y, n, n)
	fmt.Fprintf(&b, "BT /F1 8 Tf 50 60 Td (%d Jane Doe, \\(A Title\\) %d, page %d.) Tj ET\n", n, 2000+n, n)
	return b.String()
}

// Footnotes at the foot of each page of a PDF become the endnotes, their
// markers [^N].
func TestFootnotes(t *testing.T) {
	bin := need(t, "MARGIN_REQUIRE_PDFTOTEXT", "pdftotext")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		"", "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 7 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		"",
	}
	for i, c := range map[int]string{3: footnotePage(1, "Body text"), 6: footnotePage(2, "More body text")} {
		objs[i] = fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(c), c)
	}

	text, err := Pdftotext(context.Background(), bin, writeTemp(t, "foot.pdf", []byte(pdfFile(objs, ""))))
	if err != nil {
		t.Fatal(err)
	}
	res, rd := importLayout(t, text)
	var body []string
	for _, s := range rd.Sections {
		for _, p := range s.Paragraphs {
			body = append(body, p.Markdown)
		}
	}
	all := strings.Join(body, "\n")
	for _, want := range []string{"A claim on page 1.[^1] And the text goes on.", "A claim on page 2.[^2] And"} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in\n%s", want, all)
		}
	}
	if strings.Contains(all, "Jane Doe") {
		t.Errorf("a footnote left in the text:\n%s", all)
	}
	if len(rd.Endnotes) != 2 || rd.Endnotes[0].Text != "Jane Doe, (A Title) 2001, page 1." || rd.Endnotes[1].Text != "Jane Doe, (A Title) 2002, page 2." {
		t.Errorf("endnotes: %+v (review %v)", rd.Endnotes, res.Review())
	}
}

func TestNameLike(t *testing.T) {
	v := newVocab([]*para{{lines: []string{"the social credit system and its economic incentives in china's introduction"}}})
	for s, want := range map[string]bool{
		"Thomas Leonard":               true,
		"Jane Q. Researcher":           true,
		"Ludwig van Beethoven":         true,
		"Ann Author and Bo Writer":     true,
		"Ann Author, Bo Writer":        true,
		"Introduction":                 false,
		"Economic incentives":          false,
		"The Social Credit System":     false,
		"China's Social Credit System": false,
		"tal197 at users.sf.net":       false,
	} {
		if got := nameLike(s, v); got != want {
			t.Errorf("nameLike(%q) = %v", s, got)
		}
	}
	if !affiliation("X Desktop Group (http://www.freedesktop.org)") || !affiliation("tal197 at users.sf.net") || affiliation("Economic incentives") {
		t.Error("affiliation")
	}
}
