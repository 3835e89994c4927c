package ui

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"commonplace/storage"
)

// TestBackupsFromTheWindow backs up at once, finds the next automatic
// backup due only once the interval has passed, backs up on quit, and
// keeps the newest few.
func TestBackupsFromTheWindow(t *testing.T) {
	a := test.NewTempApp(t)
	s, _ := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	if m.backups.due(time.Now()) {
		t.Error("a backup is due with no folder chosen")
	}
	folder := filepath.Join(t.TempDir(), "backups")
	prefs := a.Preferences()
	prefs.SetString(prefBackupFolder, folder)
	prefs.SetInt(prefBackupKeep, 2)
	prefs.SetInt(prefBackupEvery, 24)
	if !m.backups.due(time.Now()) {
		t.Error("no backup is due in an empty folder")
	}
	m.backups.onBackUpNow()
	made, err := storage.Backups(folder)
	if err != nil || len(made) != 1 {
		t.Fatalf("Back Up Now made %v (%v)", made, err)
	}
	if m.backups.due(time.Now()) {
		t.Error("a backup is due just after one was made")
	}
	if !m.backups.due(time.Now().Add(25 * time.Hour)) {
		t.Error("no backup is due a day later")
	}
	for range 2 {
		m.quit()
	}
	made, _ = storage.Backups(folder)
	if len(made) != 2 {
		t.Fatalf("after two quits the folder holds %d backups, want the newest 2", len(made))
	}
	f, err := os.Open(made[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := storage.RestoreBackup(filepath.Join(t.TempDir(), "restored"), f)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if pieces, _ := r.Pieces(); len(pieces) != 2 {
		t.Errorf("the backup written on quit restores %d pieces, want 2", len(pieces))
	}
}
