package search

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// headings of testdata/sample.txt, in order, with their section numbers.
var headings = []struct{ num, title string }{
	{"0", "A Tool for Authoritarian Resilience in Mainland China"},
	{"2", "Technological lens: authoritarianism through Artificial Intelligence"},
	{"2.1", "China's Social Credit System"},
	{"2.2", "Coercive repression and social management"},
	{"2.3", "Economic incentives"},
	{"3", "Socio-cultural lens: the role of Asian values"},
	{"3.1", "Defining Asian values"},
	{"3.2", `"Asian values" and the Chinese surveillance state`},
	{"4", "The Social Credit System, a vector of Western hypocrisy?"},
	{"5", "Conclusion"},
	{"6", "Endnotes"},
}

// extraDocs are glossary entries and notes added to the paper in tests.
var extraDocs = []Doc{
	{Kind: KindGlossary, Ref: "authoritarian-resilience", Title: "Authoritarian resilience",
		Body: "The capacity of an authoritarian regime to adapt its institutions and survive pressure for democratisation."},
	{Kind: KindGlossary, Ref: "confucianism", Title: "Confucianism", Labels: []string{"儒家", "Confucianist"},
		Body: "A system of ethical and social thought stressing hierarchy, filial piety and harmony in relationships."},
	{Kind: KindGlossary, Ref: "kuomintang", Title: "Kuomintang", Labels: []string{"KMT", "Nationalist Party", "国民党"},
		Body: "The Chinese Nationalist Party, which retreated to Taiwan in 1949."},
	{Kind: KindGlossary, Ref: "tiananmen", Title: "Tiananmen Square protests of 1989", Labels: []string{"六四事件"},
		Body: "Student-led demonstrations in Beijing, ended by a military crackdown on 4 June 1989."},
	{Kind: KindGlossary, Ref: "scs", Title: "Social Credit System", Labels: []string{"SCS", "社会信用体系"},
		Body: "A set of national and local schemes that rate the trustworthiness of citizens and companies."},
	{Kind: KindNote, Ref: "n1", Section: "3.2", Title: "Kostka survey 64% approval",
		Body: "Check the figure: the paper cites over 64% strong approval from Kostka's 2019 survey."},
	{Kind: KindNote, Ref: "n2", Section: "2.2", Title: "Blacklist terminology",
		Body: "Courts publish the 失信被执行人名单 (list of dishonest judgement debtors) online."},
	{Kind: KindNote, Ref: "n3", Section: "5", Title: "Café culture aside",
		Body: "Élise noted that the naïve reading of Sébastien's essay misses its irony."},
}

// endnoteRE matches an endnote line of the sample paper.
var endnoteRE = regexp.MustCompile(`^- (\d+) (.*)$`)

// paperDocs turns testdata/sample.txt into section, text and endnote
// documents.
func paperDocs(tb testing.TB) []Doc {
	tb.Helper()
	raw, err := os.ReadFile("testdata/sample.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return docsFromText(string(raw))
}

// docsFromText splits a paper into documents: known headings become
// section documents, "- N text" lines endnotes, other paragraphs sentences.
func docsFromText(text string) []Doc {
	var docs []Doc
	section, next := "", 0
	for _, para := range strings.Split(text, "\n\n") {
		para = strings.TrimSpace(para)
		switch {
		case para == "":
		case next < len(headings) && para == headings[next].title:
			section = headings[next].num
			docs = append(docs, Doc{Kind: KindSection, Ref: section, Section: section, Title: para})
			next++
		case strings.HasPrefix(para, "- "):
			docs = append(docs, endnoteDocs(para)...)
		default:
			for _, s := range Sentences(para) {
				docs = append(docs, Doc{Kind: KindText, Ref: section, Section: section, Body: s})
			}
		}
	}
	return docs
}

// endnoteDocs makes one document per "- N text" line.
func endnoteDocs(para string) []Doc {
	var docs []Doc
	for _, line := range strings.Split(para, "\n") {
		m := endnoteRE.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		words := strings.Fields(m[2])
		docs = append(docs, Doc{Kind: KindEndnote, Ref: strconv.Itoa(n),
			Title: strings.Join(words[:min(6, len(words))], " "), Body: m[2]})
	}
	return docs
}

// testDocs returns the paper's documents followed by extraDocs.
func testDocs(tb testing.TB) []Doc {
	return append(paperDocs(tb), extraDocs...)
}

// findDoc returns the index of the first document satisfying pred.
func findDoc(tb testing.TB, docs []Doc, pred func(Doc) bool) int {
	tb.Helper()
	for i, d := range docs {
		if pred(d) {
			return i
		}
	}
	tb.Fatal("document not found")
	return -1
}

// byRef finds the document of a kind with a ref.
func byRef(kind Kind, ref string) func(Doc) bool {
	return func(d Doc) bool { return d.Kind == kind && d.Ref == ref }
}

// byTitle finds the document with a title.
func byTitle(title string) func(Doc) bool {
	return func(d Doc) bool { return d.Title == title }
}

// byBody finds the first document whose body contains s.
func byBody(s string) func(Doc) bool {
	return func(d Doc) bool { return strings.Contains(d.Body, s) }
}
