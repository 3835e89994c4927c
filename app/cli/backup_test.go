package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBackupAndRestoreFromTheCommandLine backs a notebook up to a file
// and to a folder of rolling backups, and restores the file into a new
// notebook that holds the same pieces.
func TestBackupAndRestoreFromTheCommandLine(t *testing.T) {
	dir, id := setup(t)
	file := filepath.Join(t.TempDir(), "nb.backup")
	if out := mustRun(t, dir, "backup", "--out", file); !strings.Contains(out, "backed up to "+file) {
		t.Errorf("backup said %q", out)
	}
	fails(t, dir, ExitError, "exists already", "backup", "--out", file)
	folder := filepath.Join(t.TempDir(), "backups")
	for range 3 {
		mustRun(t, dir, "backup", "--to", folder, "--keep", "2")
	}
	if entries, _ := os.ReadDir(folder); len(entries) != 2 {
		t.Errorf("the rolling folder holds %d files, want 2", len(entries))
	}
	fails(t, dir, ExitUsage, "--out FILE or --to FOLDER", "backup")

	restored := filepath.Join(t.TempDir(), "restored")
	if out := mustRun(t, restored, "restore", "--from", file); !strings.Contains(out, "restored") {
		t.Errorf("restore said %q", out)
	}
	if out := mustRun(t, restored, "show", id); !strings.Contains(out, "Beijing and the Wakhan") {
		t.Errorf("the restored notebook shows %q", out)
	}
	fails(t, restored, ExitError, "restore into a new or empty folder", "restore", "--from", file)
	fails(t, filepath.Join(t.TempDir(), "x"), ExitError, "not a Commonplace backup", "restore", "--from", writeFile(t, "junk.backup", "junk"))
}

// TestEncryptedBackupFromTheCommandLine restores an encrypted notebook's
// backup only with its passphrase.
func TestEncryptedBackupFromTheCommandLine(t *testing.T) {
	s := &session{t: t, dir: filepath.Join(t.TempDir(), "nb"), env: map[string]string{envPassphrase: "field notes 2026"}}
	s.must("", "init", "--encrypt")
	id := strings.TrimSpace(s.must("", "note", "Met the trader at the bridge."))
	file := filepath.Join(t.TempDir(), "nb.backup")
	s.must("", "backup", "--out", file)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "trader at the bridge") {
		t.Error("the encrypted notebook's backup holds its words")
	}
	r := &session{t: t, dir: filepath.Join(t.TempDir(), "restored")}
	r.fails("give its passphrase", "", "restore", "--from", file)
	r.env = map[string]string{envPassphrase: "field notes 2025"}
	r.fails("wrong passphrase", "", "restore", "--from", file)
	r.env = map[string]string{envPassphrase: "field notes 2026"}
	r.must("", "restore", "--from", file)
	if out := r.must("", "show", id); !strings.Contains(out, "trader at the bridge") {
		t.Errorf("the restored note: %q", out)
	}
}
