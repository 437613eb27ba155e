// Command cpupairs compares programs on one command line by the CPU time
// (user + system) each run takes, alternating them run by run: on a
// machine shared with other work, whose wall-clock speed drifts from minute
// to minute, the CPU a run takes moves far less than its wall time. It
// prints, per command, each program's median wall and CPU time and each
// program's ratio of median CPU time to the first program's.
//
//	cpupairs [-n 60] OLD,NEW 'toc' 'read 2.1 --no-pager' …
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

func main() {
	n := flag.Int("n", 60, "runs of each program on each command")
	flag.Parse()
	if flag.NArg() < 2 {
		fmt.Fprintln(os.Stderr, "usage: cpupairs [-n RUNS] PROG1,PROG2[,…] 'ARGS' …")
		os.Exit(2)
	}
	progs := strings.Split(flag.Arg(0), ",")
	for _, line := range flag.Args()[1:] {
		if err := compare(progs, strings.Fields(line), *n); err != nil {
			fmt.Fprintln(os.Stderr, "cpupairs:", err)
			os.Exit(1)
		}
	}
}

// compare runs each program n times with args, alternating their order,
// and prints the medians.
func compare(progs, args []string, n int) error {
	wall := make([][]float64, len(progs))
	cpu := make([][]float64, len(progs))
	for i := -1; i < n; i++ { // one warm-up round
		for k := range progs {
			p := k
			if i%2 == 1 {
				p = len(progs) - 1 - k
			}
			w, c, err := runOnce(progs[p], args)
			if err != nil {
				return fmt.Errorf("%s %s: %w", progs[p], strings.Join(args, " "), err)
			}
			if i >= 0 {
				wall[p], cpu[p] = append(wall[p], w), append(cpu[p], c)
			}
		}
	}
	fmt.Printf("%s\n", strings.Join(args, " "))
	for p, prog := range progs {
		fmt.Printf("  %-40s wall %6.1f ms  cpu %6.1f ms  cpu ratio %.3f\n", prog, median(wall[p]), median(cpu[p]), median(cpu[p])/median(cpu[0]))
	}
	return nil
}

// runOnce runs prog with args, its output discarded, and returns its wall
// and CPU time in milliseconds.
func runOnce(prog string, args []string) (wall, cpu float64, err error) {
	cmd := exec.Command(prog, args...)
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, 0, err
	}
	st := cmd.ProcessState
	return ms(time.Since(start)), ms(st.UserTime() + st.SystemTime()), nil
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
