package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/margin-reader/margin/internal/fold"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/sanitize"
	"github.com/spf13/cobra"
)

type quizOptions struct {
	n    int
	seed int64
}

func (a *app) quizCmd() *cobra.Command {
	var o quizOptions
	cmd := &cobra.Command{
		Use:   "quiz",
		Short: "Quiz yourself on the glossary: definition shown, term asked",
		Long: `A short quiz over the glossary. Each question shows a term's definition, with
the term's own words blanked out; type the term and press Enter. Close
spellings count, and so do the term's other names (abbreviations, Chinese
characters, pinyin). An empty answer shows the term. The score comes at the
end; end early with Ctrl-D.

Answers are read line by line, so a quiz can be scripted:
  printf 'blacklist\nhukou\n' | margin quiz --n 2 --seed 1   # scores 2/2`,
		Example: `  margin quiz
  margin quiz --n 10
  margin quiz --seed 42   # the same questions again`,
		Args:              cobra.NoArgs,
		RunE:              run(func(_ *cobra.Command, _ []string) error { return a.runQuiz(o) }),
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	f := cmd.Flags()
	f.IntVarP(&o.n, "n", "n", 5, "number of questions")
	f.Int64Var(&o.seed, "seed", 0, "choose the questions with this seed, to repeat a quiz (default: random)")
	return cmd
}

func (a *app) runQuiz(o quizOptions) error {
	if o.n < 1 {
		return usagef([]string{"use --n 1 or more"}, "invalid --n %d", o.n)
	}
	rd, err := a.load()
	if err != nil {
		return err
	}
	entries, err := rd.Glossary()
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return errors.New("the glossary is empty")
	}
	seed := uint64(o.seed)
	if o.seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	rng := rand.New(rand.NewPCG(seed, 0x6d617267696e))
	order := rng.Perm(len(entries))
	n := min(o.n, len(entries))
	ro, err := a.renderOptions()
	if err != nil {
		return err
	}
	// Everything the quiz prints from the glossary goes through wrap, and
	// so through the sanitizer.
	wrap := func(s string) string { return wrapWords(sanitize.Line(s), ro.Width) }
	in := bufio.NewReader(a.io.in)
	out := a.io.out
	plural := "s"
	if n == 1 {
		plural = ""
	}
	fmt.Fprint(out, wrap(fmt.Sprintf("Glossary quiz: %d question%s. Type the term and press Enter (empty: show it; Ctrl-D: stop).", n, plural))+"\n")
	score, asked := 0, 0
	for i := 0; i < n; i++ {
		e := entries[order[i]]
		fmt.Fprintf(out, "\n%s\n> ", wrap(fmt.Sprintf("%d/%d. %s", i+1, n, maskTerm(e.Definition, e))))
		line, err := readAnswer(in)
		if err != nil && line == "" {
			fmt.Fprintf(out, "\n\nQuiz ended early.\n")
			break
		}
		asked++
		switch {
		case strings.TrimSpace(line) == "":
			fmt.Fprintln(out, wrap("The term: "+e.Term))
		case answerMatches(rd, e, line):
			score++
			if fold.Fold(line) == fold.Fold(e.Term) {
				fmt.Fprintf(out, "Right.\n")
			} else {
				fmt.Fprintln(out, wrap("Right: "+e.Term))
			}
		default:
			fmt.Fprintln(out, wrap("Not quite: "+e.Term))
		}
	}
	fmt.Fprintf(out, "\nScore: %d/%d", score, asked)
	if asked < n {
		fmt.Fprintf(out, " (of %d questions)", n)
	}
	fmt.Fprintln(out)
	return nil
}

// wrapWords wraps text to width columns at spaces, never inside a word
// (a word longer than the width stands on a line of its own). No-break
// spaces and hyphens hold their words together.
func wrapWords(text string, width int) string {
	var b strings.Builder
	col := 0
	for _, w := range strings.Fields(text) {
		ww := ansi.StringWidth(w)
		switch {
		case col == 0:
		case col+1+ww > width:
			b.WriteByte('\n')
			col = 0
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += ww
	}
	return b.String()
}

// maxAnswerBytes bounds an answer line; the rest of a longer line is dropped.
const maxAnswerBytes = 4096

// readAnswer reads one line, without its line ending, cleaned of control
// characters and invalid UTF-8. It returns io.EOF at the end of the input.
func readAnswer(r *bufio.Reader) (string, error) {
	var b []byte
	for {
		chunk, isPrefix, err := r.ReadLine()
		if len(b) < maxAnswerBytes {
			b = append(b, chunk[:min(len(chunk), maxAnswerBytes-len(b))]...)
		}
		if err != nil {
			if err == io.EOF && len(b) > 0 {
				return sanitize.Line(strings.ToValidUTF8(string(b), "")), nil
			}
			return "", err
		}
		if !isPrefix {
			return sanitize.Line(strings.ToValidUTF8(string(b), "")), nil
		}
	}
}

// answerMatches accepts the term or any of its labels (hidden misspellings
// included) spelt within a few typing errors, or a query that the glossary
// lookup resolves to this very entry.
func answerMatches(rd *reading.Reading, e *reading.Entry, answer string) bool {
	a := fold.Fold(answer)
	if a == "" {
		return false
	}
	for _, l := range e.AllLabels() {
		fl := fold.Fold(l)
		if fold.WithinDistance(a, fl, fold.MaxEdits(fl)) {
			return true
		}
	}
	if utf8.RuneCountInString(a) < 3 {
		return false
	}
	got, err := rd.MatchTerm(answer)
	return err == nil && got.Sure && got.Entry.ID == e.ID
}

// maskTerm blanks out the entry's labels, and the longer words of its term,
// where they appear in the definition.
func maskTerm(def string, e *reading.Entry) string {
	var words []string
	for _, l := range e.Labels() {
		words = append(words, l)
	}
	for _, w := range strings.FieldsFunc(e.Term, func(r rune) bool { return !fold.IsWordRune(r) }) {
		if utf8.RuneCountInString(w) >= 4 && !quizStopWords[strings.ToLower(w)] {
			words = append(words, w)
		}
	}
	for _, w := range words {
		re, err := regexp.Compile(`(?i)(^|[^\pL\pN])(` + regexp.QuoteMeta(w) + `)(['’]s)?([^\pL\pN]|$)`)
		if err != nil {
			continue
		}
		for k := 0; k < 3 && re.MatchString(def); k++ { // adjacent matches share a boundary
			def = re.ReplaceAllString(def, "${1}_____${4}")
		}
	}
	return strings.Join(strings.Fields(def), " ")
}

var quizStopWords = map[string]bool{"with": true, "from": true, "that": true, "this": true, "tv series": true, "series": true}
