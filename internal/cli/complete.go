package cli

import (
	"strings"

	"github.com/margin-reader/margin/internal/fold"
	"github.com/margin-reader/margin/internal/sanitize"
	"github.com/spf13/cobra"
)

// completion is one shell completion: a value and what it is.
type completion struct{ value, desc string }

// completeFold keeps the completions whose value begins with what the user
// typed, ignoring case and accents, and returns them as cobra wants them.
// The shells compare with what was typed case by case, so a kept value
// starts with the typed text itself ("gri" completes to "grid management"):
// margin resolves its arguments ignoring case anyway.
func completeFold(toComplete string, items []completion) []string {
	typed := fold.Fold(toComplete)
	var out []string
	seen := map[string]bool{}
	for _, it := range items {
		v := sanitize.Line(it.value) // the shell prints it
		if !strings.HasPrefix(fold.Fold(v), typed) {
			continue
		}
		if toComplete != "" && !strings.HasPrefix(v, toComplete) {
			if rest, ok := cutFoldedPrefix(v, len([]rune(toComplete))); ok {
				v = toComplete + rest
			}
		}
		if seen[v] {
			continue
		}
		seen[v] = true
		if it.desc != "" {
			v += "\t" + completionDescription(it.desc)
		}
		out = append(out, v)
	}
	return out
}

// cutFoldedPrefix returns s without its first n runes, when folding leaves
// them n runes (no letter of them folds to several).
func cutFoldedPrefix(s string, n int) (string, bool) {
	r := []rune(s)
	if n > len(r) || len([]rune(fold.Fold(string(r[:n])))) != n {
		return "", false
	}
	return string(r[n:]), true
}

// completeSections completes section numbers and slugs, with titles as
// descriptions; a slug also completes from the beginning of its title.
func (a *app) completeSections(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	rd, err := a.load()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var items []completion
	for _, s := range rd.Sections {
		items = append(items, completion{s.Number, s.Title})
	}
	if toComplete != "" {
		for _, s := range rd.Sections {
			items = append(items, completion{s.Slug, s.Number + " " + s.Title})
		}
	}
	return completeFold(toComplete, items), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
}

// completeTerms completes glossary terms and their other names.
func (a *app) completeTerms(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	rd, err := a.load()
	if err != nil || len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	entries, err := rd.Glossary()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var items []completion
	for _, e := range entries {
		items = append(items, completion{e.Term, ""})
	}
	if toComplete != "" {
		for _, e := range entries {
			for _, l := range e.Labels() {
				items = append(items, completion{l, e.Term})
			}
		}
	}
	return completeFold(toComplete, items), cobra.ShellCompDirectiveNoFileComp
}

// completeNotes completes fact-check note ids, with verdict and claim.
func (a *app) completeNotes(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	rd, err := a.load()
	if err != nil || len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	notes, err := rd.Notes()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var items []completion
	for _, n := range notes {
		items = append(items, completion{n.ID, n.Verdict.Label() + ": " + n.Claim})
	}
	return completeFold(toComplete, items), cobra.ShellCompDirectiveNoFileComp
}

// completeMarks completes the ids of your personal notes on the reading
// open, with section and quote, leaving out those already named.
func (a *app) completeMarks(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	all, err := a.marksStore().List()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	rd, err := a.load()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	named := map[string]bool{}
	for _, id := range args {
		named[id] = true
	}
	var items []completion
	for _, m := range all {
		if !named[m.ID] && m.Reading == rd.Meta.ID {
			items = append(items, completion{m.ID, m.Section + " “" + m.Quote + "”: " + m.Text})
		}
	}
	return completeFold(toComplete, items), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
}
