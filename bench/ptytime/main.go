// Command ptytime runs a command inside a pseudo-terminal that never answers
// terminal queries, as a terminal that ignores OSC 11 (background colour)
// queries would, and reports how long each run took. It shows that margin
// never waits on such a query: glow takes 15–20 s there.
//
//	go run ./bench/ptytime -n 20 -- ./margin read 2.1 --no-pager
//
// With -until TEXT it reports how long the command took to write TEXT (the
// interactive reader's first frame), then types q and waits for it to end:
//
//	go run ./bench/ptytime -n 20 -until 'Abstract' -- ./margin
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"time"

	"github.com/creack/pty"
)

func main() {
	n := flag.Int("n", 10, "runs")
	flag.StringVar(&until, "until", "", "time until the output holds this text, then type q")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: ptytime [-n N] -- COMMAND [ARG...]")
		os.Exit(2)
	}
	var times []time.Duration
	for i := 0; i < *n; i++ {
		d, err := runOnce(flag.Args())
		if err != nil {
			fmt.Fprintln(os.Stderr, "ptytime:", err)
			os.Exit(1)
		}
		times = append(times, d)
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	fmt.Printf("runs %d  min %v  median %v  max %v\n", len(times), times[0], times[len(times)/2], times[len(times)-1])
}

// until, when set, is the text whose appearance ends the timing.
var until string

// runOnce starts the command on a fresh pseudo-terminal of 40×100 and reads
// its output until it exits (or, with -until, until the text appears, when
// it types q); nothing else is ever written back to it.
func runOnce(args []string) (time.Duration, error) {
	cmd := exec.Command(args[0], args[1:]...)
	start := time.Now()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 100})
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if until == "" {
		_, _ = io.Copy(io.Discard, f) // ends with EIO when the command exits
		if err := cmd.Wait(); err != nil {
			return 0, err
		}
		return time.Since(start), nil
	}
	var seen []byte
	buf := make([]byte, 32<<10)
	for !bytes.Contains(seen, []byte(until)) {
		n, err := f.Read(buf)
		seen = append(seen, buf[:n]...)
		if err != nil {
			return 0, fmt.Errorf("%q never appeared: %w", until, err)
		}
	}
	took := time.Since(start)
	if _, err := f.Write([]byte("q")); err != nil {
		return 0, err
	}
	go func() { _, _ = io.Copy(io.Discard, f) }()
	return took, cmd.Wait()
}
