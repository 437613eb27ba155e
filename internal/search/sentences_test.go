package search

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"blank", " \n\t ", nil},
		{"two sentences", "One thing. Another thing.", []string{"One thing.", "Another thing."}},
		{"whitespace collapsed", "  One.\n\n  Two.  ", []string{"One.", "Two."}},
		{"question and exclamation", "Is it? Yes! Fine… Next", []string{"Is it?", "Yes!", "Fine…", "Next"}},
		{"paper: U.S. mid-sentence",
			"The Republic of China in Taiwan favoured a right-wing, capitalist dictatorship backed by the U.S., whereas the People's Republic of China, on the mainland, birthed a Marxist-Leninist communist regime.",
			[]string{"The Republic of China in Taiwan favoured a right-wing, capitalist dictatorship backed by the U.S., whereas the People's Republic of China, on the mainland, birthed a Marxist-Leninist communist regime."}},
		{"paper: U.S. starting a sentence",
			"A German bank has started to use geo-scoring to generate credit scores. U.S. tech giants Google, Apple, or even Facebook have each contributed.",
			[]string{"A German bank has started to use geo-scoring to generate credit scores.", "U.S. tech giants Google, Apple, or even Facebook have each contributed."}},
		{"paper: A.I. before lower case",
			"Therefore, this paper will seek to explain how the increasing use of invasive A.I. allows the CCP to remain in power. After a brief overview, it follows.",
			[]string{"Therefore, this paper will seek to explain how the increasing use of invasive A.I. allows the CCP to remain in power.", "After a brief overview, it follows."}},
		{"paper: A.I. before upper case",
			"The capacity reaches far beyond A.I. For instance, it grows.",
			[]string{"The capacity reaches far beyond A.I. For instance, it grows."}},
		{"paper: etc. ends a sentence",
			"Relationships: parent-child, husband-wife, master-slave, etc. This creates an artificial dichotomy.",
			[]string{"Relationships: parent-child, husband-wife, master-slave, etc.", "This creates an artificial dichotomy."}},
		{"paper: endnote abbreviations",
			"Peter K. Bol, \"Neo-Confucianism in History,\" ed. Peter K. Bol (Leiden, 2008): 1-2. Next note.",
			[]string{"Peter K. Bol, \"Neo-Confucianism in History,\" ed. Peter K. Bol (Leiden, 2008): 1-2.", "Next note."}},
		{"e.g. and i.e.", "Some states, e.g. China, score people, i.e. Citizens. Others do not.",
			[]string{"Some states, e.g. China, score people, i.e. Citizens.", "Others do not."}},
		{"titles", "Dr. Smith met Mrs. Jones. They talked.", []string{"Dr. Smith met Mrs. Jones.", "They talked."}},
		{"initials", "Andrew J. Nathan wrote it. Then Anne S. Cheung replied.",
			[]string{"Andrew J. Nathan wrote it.", "Then Anne S. Cheung replied."}},
		{"no. and p.", "See vol. 14, no. 1, p. 14. Next.", []string{"See vol. 14, no. 1, p. 14.", "Next."}},
		{"inside quotes", `He said "Stop. Go away." Then he left.`,
			[]string{`He said "Stop. Go away."`, "Then he left."}},
		{"inside curly quotes", "She wrote “It ends. It begins.” Later, more.",
			[]string{"She wrote “It ends. It begins.”", "Later, more."}},
		{"unclosed quote ignored", `He said "Stop. Go.`, []string{`He said "Stop.`, "Go."}},
		{"closing bracket", "(See below.) Next part.", []string{"(See below.)", "Next part."}},
		{"digit starts next", "It rose in 2018. 2019 was worse.", []string{"It rose in 2018.", "2019 was worse."}},
		{"lower case continues", "The value was 3.5 approx. and rising.", []string{"The value was 3.5 approx. and rising."}},
		{"Chinese without spaces", "他来了。她走了。", []string{"他来了。她走了。"}},
		{"Chinese with spaces", "他来了。 她走了。", []string{"他来了。", "她走了。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sentences(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			checkKeepsText(t, tt.in, got)
		})
	}
}

// TestSentencesKeepAllText checks the joining invariant on every
// paragraph of the sample paper.
func TestSentencesKeepAllText(t *testing.T) {
	raw, err := os.ReadFile("testdata/sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, para := range strings.Split(string(raw), "\n\n") {
		got := Sentences(para)
		checkKeepsText(t, para, got)
		total += len(got)
	}
	if total < 100 {
		t.Errorf("only %d sentences in the sample paper", total)
	}
}

// checkKeepsText asserts that sentences rejoin to the collapsed input.
func checkKeepsText(t *testing.T, in string, got []string) {
	t.Helper()
	if joined, want := strings.Join(got, " "), strings.Join(strings.Fields(in), " "); joined != want {
		t.Errorf("Sentences(%q) lost text:\n got %q\nwant %q", in, joined, want)
	}
	for _, s := range got {
		if s == "" || strings.TrimSpace(s) != s {
			t.Errorf("Sentences(%q): untrimmed or empty sentence %q", in, s)
		}
	}
}

func FuzzSentences(f *testing.F) {
	f.Add(`He said "Stop. Go away." Then U.S. A.I. e.g. left.`)
	f.Add("a\xff. B“ ” \" .")
	f.Fuzz(func(t *testing.T, s string) {
		checkKeepsText(t, s, Sentences(s))
	})
}
