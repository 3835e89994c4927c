package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Environment of a child test binary that stands in for the commonplace
// binary (see TestMain).
const (
	childCLIEnv   = "COMMONPLACE_TEST_CLI"   // set: run the command line of the arguments
	childFSizeEnv = "COMMONPLACE_TEST_FSIZE" // bytes: the file-size limit (ulimit -f) to run under
)

// TestMain lets the test binary stand in for the commonplace binary: with
// COMMONPLACE_TEST_CLI set, it runs the command line its arguments give,
// on the notebook in $COMMONPLACE_NOTEBOOK, and exits with its code. Tests
// run the command line as a process of its own that way — to kill it, to
// run it as another user or under a file-size limit — without building the
// binary (which needs cgo and Fyne).
func TestMain(m *testing.M) {
	if os.Getenv(childCLIEnv) != "" {
		if lim := os.Getenv(childFSizeEnv); lim != "" {
			limitFileSize(lim)
		}
		os.Exit(Run(os.Args[1:], "", OSEnv()))
	}
	os.Exit(m.Run())
}

// cliCommand is the command line args run by exe (the test binary, or a
// copy of it) as a process of its own, on the notebook in dir.
func cliCommand(exe, dir string, args ...string) *exec.Cmd {
	cmd := exec.Command(exe, args...)
	// Built with -race, a process sleeps a second before it exits, for
	// reports from goroutines still running; a command line has none.
	race := strings.TrimSpace(os.Getenv("GORACE") + " atexit_sleep_ms=0")
	cmd.Env = append(os.Environ(), childCLIEnv+"=1", "COMMONPLACE_NOTEBOOK="+dir, "GORACE="+race)
	return cmd
}

// runChild runs the command line args in a process of its own and returns
// its exit code, standard output and standard error.
func runChild(t *testing.T, cmd *exec.Cmd) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		t.Fatalf("%v: %v", cmd.Args, err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errOut.String()
}

// anyoneCanRun copies the test binary to a folder of its own that any
// user may read and run, for a child that drops to nobody (the test's
// temporary folders are private).
func anyoneCanRun(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(bin, "cli.test")
	data, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exe, data, 0o755); err != nil {
		t.Fatal(err)
	}
	return exe
}
