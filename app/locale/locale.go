// Package locale repairs the process's locale settings before Fyne reads
// them. Fyne parses $LANG while its packages initialise and logs an error
// for the C/POSIX locale ("Error parsing user locale C") — which Debian,
// containers and CI machines default to — on every run, command line
// included.
//
// main imports this package for its side effect. It depends only on the
// standard library, and Go initialises packages in import-path order among
// those whose dependencies are ready, so "commonplace/app/locale" runs
// before "fyne.io/fyne/v2/lang".
package locale

import (
	"os"
	"strings"
)

func init() { Repair(os.Getenv, os.Setenv, os.Unsetenv) }

// Repair replaces a C or POSIX locale, which names no language, with
// English; a real locale is left alone.
func Repair(getenv func(string) string, setenv func(string, string) error, unsetenv func(string) error) {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES"} {
		if isPOSIX(getenv(v)) {
			unsetenv(v)
		}
	}
	if l := getenv("LANG"); l == "" || isPOSIX(l) {
		setenv("LANG", "en_US.UTF-8")
	}
}

func isPOSIX(l string) bool {
	return l == "C" || l == "POSIX" || strings.HasPrefix(l, "C.")
}
