// Command maxrss runs a command and fails when its peak resident memory
// exceeds a limit: the smoke test's check that a command-line call on an
// empty notebook stays small.
//
//	go run ./.ci/maxrss LIMIT_MB COMMAND [ARGS...]
package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: maxrss LIMIT_MB COMMAND [ARGS...]")
		os.Exit(2)
	}
	limit, err := strconv.Atoi(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "maxrss: bad limit:", err)
		os.Exit(2)
	}
	cmd := exec.Command(os.Args[2], os.Args[3:]...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "maxrss:", err)
		os.Exit(1)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		fmt.Fprintln(os.Stderr, "maxrss: no resource usage on this system; skipped")
		return
	}
	mb := float64(ru.Maxrss) / 1024 // kilobytes on Linux
	fmt.Fprintf(os.Stderr, "maxrss: %.1f MB peak (limit %d MB)\n", mb, limit)
	if mb > float64(limit) {
		os.Exit(1)
	}
}
