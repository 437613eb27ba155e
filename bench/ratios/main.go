// Command ratios summarises rounds of hyperfine comparisons: given the JSON
// files hyperfine wrote (--export-json), one per round, it prints for each
// command its mean time and the median, lowest and highest of its per-round
// ratio to the baseline, the command named first. On a shared machine
// whose speed drifts within a minute, ratios taken within a round and then
// compared across rounds say more than one long run's mean does.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
)

type export struct {
	Results []struct {
		Command string  `json:"command"`
		Mean    float64 `json:"mean"`
	} `json:"results"`
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: ratios BASELINE-COMMAND ROUND.json...")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "ratios:", err)
		os.Exit(1)
	}
}

func run(baseline string, files []string) error {
	ratios := map[string][]float64{}
	means := map[string][]float64{}
	var order []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var e export
		if err := json.Unmarshal(data, &e); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		base := 0.0
		for _, r := range e.Results {
			if r.Command == baseline {
				base = r.Mean
			}
		}
		if base == 0 {
			return fmt.Errorf("%s: no results for %q", f, baseline)
		}
		for _, r := range e.Results {
			if _, ok := ratios[r.Command]; !ok {
				order = append(order, r.Command)
			}
			ratios[r.Command] = append(ratios[r.Command], r.Mean/base)
			means[r.Command] = append(means[r.Command], r.Mean*1000)
		}
	}
	fmt.Printf("%d rounds; ratio to %q: median (lowest–highest)\n", len(files), baseline)
	for _, c := range order {
		rs := slices.Sorted(slices.Values(ratios[c]))
		fmt.Printf("  %-60s %6.1f ms   %.2f (%.2f–%.2f)\n", c, mean(means[c]), median(rs), rs[0], rs[len(rs)-1])
	}
	return nil
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// median of sorted xs.
func median(xs []float64) float64 {
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}
