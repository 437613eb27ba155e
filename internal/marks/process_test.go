//go:build unix

package marks

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The tests below run the test binary itself as separate processes: with
// MARKS_TEST_CHILD set, TestMain performs one child action and exits
// instead of running tests.
const (
	envChild = "MARKS_TEST_CHILD" // add | crash | loop
	envPath  = "MARKS_TEST_PATH"  // the store
	envText  = "MARKS_TEST_TEXT"  // the note to add
	envGo    = "MARKS_TEST_GO"    // optional: wait until this file exists
)

func TestMain(m *testing.M) {
	if mode := os.Getenv(envChild); mode != "" {
		if err := runChild(mode); err != nil {
			fmt.Fprintf(os.Stderr, "child %s: %v\n", mode, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func runChild(mode string) error {
	s := Open(os.Getenv(envPath))
	if gofile := os.Getenv(envGo); gofile != "" {
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(time.Millisecond) {
			if _, err := os.Stat(gofile); err == nil {
				break
			}
			if time.Now().After(deadline) {
				return errors.New("no start signal")
			}
		}
	}
	switch mode {
	case "add":
		m, err := s.Add(sample(os.Getenv(envText)))
		if err != nil {
			return err
		}
		fmt.Println(m.ID)
		return nil
	case "crash":
		// Holding the lock, with the new store half written to the temp
		// file: die without any chance to clean up.
		s.beforeRename = func(tmp string) {
			info, err := os.Stat(tmp)
			if err == nil {
				_ = os.Truncate(tmp, info.Size()/2)
			}
			_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // never returns
		}
		_, err := s.Add(sample(os.Getenv(envText)))
		return fmt.Errorf("survived SIGKILL: %v", err)
	case "loop":
		for i := 0; ; i++ {
			if _, err := s.Add(sample("loop note " + strconv.Itoa(i))); err != nil {
				return err
			}
		}
	}
	return fmt.Errorf("unknown mode %q", mode)
}

// child prepares the test binary to run one child action on the store.
func child(t *testing.T, mode, path string, env ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// -test.run=^$: should the child ever miss the variable, it runs no tests.
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), envChild+"="+mode, envPath+"="+path)
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

func TestConcurrentProcessesKeepEveryNote(t *testing.T) {
	const n = 50
	path := newStore(t).Path()
	gofile := filepath.Join(t.TempDir(), "go")

	cmds := make([]*exec.Cmd, n)
	outs := make([]*bytes.Buffer, n)
	for i := range n {
		cmds[i] = child(t, "add", path, envText+"=note from process "+strconv.Itoa(i), envGo+"="+gofile)
		outs[i] = new(bytes.Buffer)
		cmds[i].Stdout = outs[i]
		cmds[i].Stderr = outs[i]
		if err := cmds[i].Start(); err != nil {
			for _, c := range cmds[:i] {
				_ = c.Process.Kill()
				_ = c.Wait()
			}
			t.Fatalf("start child %d: %v", i, err)
		}
	}
	// All 50 are running; release them at once.
	if err := os.WriteFile(gofile, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("child %d: %v\n%s", i, err, outs[i])
		}
	}

	ms := mustList(t, Open(path))
	if len(ms) != n {
		t.Fatalf("%d processes each added a note; the store has %d", n, len(ms))
	}
	var wantIDs, gotIDs []string
	texts := map[string]bool{}
	for i, m := range ms {
		wantIDs = append(wantIDs, strconv.Itoa(i+1))
		gotIDs = append(gotIDs, m.ID)
		texts[m.Text] = true
	}
	slices.SortFunc(gotIDs, compareIDs)
	if !slices.Equal(gotIDs, wantIDs) {
		t.Errorf("ids = %v, want 1…%d each once", gotIDs, n)
	}
	for i := range n {
		if text := "note from process " + strconv.Itoa(i); !texts[text] {
			t.Errorf("note %q is missing", text)
		}
	}
	// Each child reported the id it got; together they are the store's ids.
	var reported []string
	for _, out := range outs {
		reported = append(reported, strings.TrimSpace(out.String()))
	}
	slices.SortFunc(reported, compareIDs)
	if !slices.Equal(reported, wantIDs) {
		t.Errorf("ids reported by the children = %v, want 1…%d each once", reported, n)
	}
}

func TestProcessKilledMidWriteLeavesStoreIntact(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, "before the crash 1")
	mustAdd(t, s, "before the crash 2")
	before, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}

	cmd := child(t, "crash", s.Path(), envText+"=lost in the crash")
	out, err := cmd.CombinedOutput()
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if err == nil || !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("crash child did not die by SIGKILL (err %v):\n%s", err, out)
	}
	// It died between writing the temp file and renaming it.
	if left := tempFiles(t, s.Path()); len(left) != 1 {
		t.Fatalf("want the dead writer's partial temp file, found %v", left)
	}

	after, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Fatalf("store changed by a writer killed before its rename:\nbefore %s\nafter  %s", before, after)
	}
	if got := ids(mustList(t, s)); !slices.Equal(got, []string{"1", "2"}) {
		t.Fatalf("after the crash, ids = %v, want 1 2", got)
	}

	// The kernel released the dead process's lock; the next write works and
	// removes the stale temp file.
	s.LockTimeout = 5 * time.Second
	if m := mustAdd(t, s, "after the crash"); m.ID != "3" {
		t.Errorf("id after the crash = %s, want 3", m.ID)
	}
	if got := len(mustList(t, s)); got != 3 {
		t.Errorf("after the crash and one Add, %d notes, want 3", got)
	}
	if left := tempFiles(t, s.Path()); len(left) != 0 {
		t.Errorf("stale temp files not cleaned: %v", left)
	}
}

// TestProcessKilledAtRandomKeepsStoreReadable kills a process that adds notes
// as fast as it can, at whatever point it has reached, several times.
func TestProcessKilledAtRandomKeepsStoreReadable(t *testing.T) {
	s := newStore(t)
	s.LockTimeout = 5 * time.Second
	mustAdd(t, s, "seed")
	count := 1
	for round := range 3 {
		cmd := child(t, "loop", s.Path())
		var out bytes.Buffer
		cmd.Stderr = &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(time.Duration(round+1) * time.Millisecond) {
			ms, err := s.List()
			if err != nil {
				_ = cmd.Process.Kill()
				_ = cmd.Wait()
				t.Fatalf("round %d: List while a writer runs: %v", round, err)
			}
			if len(ms) >= count+3 || time.Now().After(deadline) {
				break
			}
		}
		_ = cmd.Process.Kill() // SIGKILL, wherever it is
		_ = cmd.Wait()
		if out.Len() > 0 {
			t.Logf("round %d child stderr: %s", round, out.String())
		}

		ms, err := s.List()
		if err != nil {
			t.Fatalf("round %d: store unreadable after SIGKILL: %v", round, err)
		}
		if len(ms) < count+3 {
			t.Fatalf("round %d: the writer added only %d notes in 30s", round, len(ms)-count)
		}
		for i, m := range ms {
			if want := strconv.Itoa(i + 1); m.ID != want {
				t.Fatalf("round %d: mark %d has id %s, want %s", round, i, m.ID, want)
			}
		}
		m := mustAdd(t, s, "after kill "+strconv.Itoa(round))
		if want := strconv.Itoa(len(ms) + 1); m.ID != want {
			t.Errorf("round %d: id after the kill = %s, want %s", round, m.ID, want)
		}
		count = len(ms) + 1
		if left := tempFiles(t, s.Path()); len(left) != 0 {
			t.Errorf("round %d: stale temp files not cleaned: %v", round, left)
		}
	}
}

func TestBusyStoreTimesOut(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, "one")
	before, _ := os.ReadFile(s.Path())

	// Another holder of the exclusive lock (in-process: flock locks belong to
	// open files, so this conflicts just as another process would).
	release, err := lockFile(s.Path()+".lock", true, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	s.LockTimeout = 100 * time.Millisecond
	start := time.Now()
	_, err = s.Add(sample("blocked"))
	if !errors.Is(err, ErrBusy) {
		t.Errorf("Add while another holds the lock = %v, want ErrBusy", err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("Add waited %v with a 100ms timeout", elapsed)
	}
	if _, err := s.List(); !errors.Is(err, ErrBusy) {
		t.Errorf("List while another holds the exclusive lock = %v, want ErrBusy", err)
	}
	release()
	if after, _ := os.ReadFile(s.Path()); !bytes.Equal(before, after) {
		t.Error("store changed by an Add that timed out")
	}
	s.LockTimeout = 5 * time.Second
	if m := mustAdd(t, s, "two"); m.ID != "2" {
		t.Errorf("id after the lock was released = %s, want 2", m.ID)
	}
}

func TestWaitingForTheLockSucceedsWhenReleased(t *testing.T) {
	s := newStore(t)
	if err := ensureDir(filepath.Dir(s.Path())); err != nil {
		t.Fatal(err)
	}
	release, err := lockFile(s.Path()+".lock", true, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(200*time.Millisecond, release)
	if m := mustAdd(t, s, "waited"); m.ID != "1" {
		t.Errorf("id = %s, want 1", m.ID)
	}
}
