package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
)

// Automatic backups: once the researcher picks a folder (File → Automatic
// Backups…), the window writes a rolling backup there when the newest is
// older than the interval chosen, and on quit, keeping the newest few
// (storage.BackupTo). File → Back Up Now writes one at once; File →
// Restore from Backup… makes a new notebook from one.

// Backup intervals offered, in hours; 0 is on quit only.
var backupIntervals = []int{1, 6, 24, 0}

const (
	defaultBackupEvery = 24
	defaultBackupKeep  = 10
	// backupCheck is how often the window looks whether a backup is due.
	backupCheck = 10 * time.Minute
)

// backups runs a notebook's automatic backups and the backup menu items.
type backups struct {
	store   *storage.Store
	win     fyne.Window
	bg      *background
	prefs   fyne.Preferences
	onError func(error)
	ticker  *time.Ticker
	stop    chan struct{}
	running bool // a backup is being written
}

func newBackups(s *storage.Store, win fyne.Window, bg *background, prefs fyne.Preferences, onError func(error)) *backups {
	return &backups{store: s, win: win, bg: bg, prefs: prefs, onError: onError}
}

func (b *backups) folder() string { return b.prefs.String(prefBackupFolder) }
func (b *backups) every() int     { return b.prefs.IntWithFallback(prefBackupEvery, defaultBackupEvery) }
func (b *backups) keep() int      { return b.prefs.IntWithFallback(prefBackupKeep, defaultBackupKeep) }

// start looks every backupCheck whether a backup is due.
func (b *backups) start() {
	// The goroutine keeps its own copies: close clears the fields.
	stop, ticker := make(chan struct{}), time.NewTicker(backupCheck)
	b.stop, b.ticker = stop, ticker
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-ticker.C:
				fyne.Do(b.backUpIfDue)
			}
		}
	}()
	b.backUpIfDue()
}

// close stops the schedule.
func (b *backups) close() {
	if b.ticker != nil {
		b.ticker.Stop()
		close(b.stop)
		b.ticker = nil
	}
}

// due reports whether an automatic backup should be written now: a
// folder is chosen, the interval is not "on quit only", and the newest
// backup there is older than the interval.
func (b *backups) due(now time.Time) bool {
	if b.folder() == "" || b.every() == 0 || b.store.ReadOnly() {
		return false
	}
	newest, err := storage.Backups(b.folder())
	if err != nil || len(newest) == 0 {
		return true
	}
	info, err := os.Stat(newest[0])
	return err != nil || now.Sub(info.ModTime()) >= time.Duration(b.every())*time.Hour
}

func (b *backups) backUpIfDue() {
	if b.due(time.Now()) {
		b.backUp(func(string) {}, nil)
	}
}

// backUp writes a backup into the folder in the background; done gets
// its path. Failures of automatic backups are shown too: a backup that
// silently stopped is worse than none.
func (b *backups) backUp(done func(path string), p *progress) {
	if b.running {
		return
	}
	b.running = true
	folder, keep := b.folder(), b.keep()
	inBackground(b.bg, func() (string, error) { return b.store.BackupTo(folder, keep) }, func(path string) {
		b.running = false
		if p != nil {
			p.close()
		}
		done(path)
	}, func(err error) {
		b.running = false
		if p != nil {
			p.close()
		}
		b.onError(fmt.Errorf("the backup failed: %w", err))
	})
}

// onBackUpNow writes a backup at once (File → Back Up Now), asking for
// the folder first if none is chosen.
func (b *backups) onBackUpNow() {
	if b.folder() == "" {
		b.onSettings()
		return
	}
	p := newProgress(b.win, "Backing up…")
	b.backUp(func(path string) {
		dialog.ShowInformation("Back up", "Backed up to\n"+path, b.win)
	}, p)
}

// atQuit writes the quitting backup, then calls then; without a folder,
// or on a notebook that cannot be written, it calls then at once.
func (b *backups) atQuit(then func()) {
	b.close()
	if b.folder() == "" || b.store.ReadOnly() {
		then()
		return
	}
	p := newProgress(b.win, "Backing up before quitting…")
	folder, keep := b.folder(), b.keep()
	inBackground(b.bg, func() (string, error) { return b.store.BackupTo(folder, keep) }, func(string) {
		p.close()
		then()
	}, func(err error) {
		p.close()
		dialog.ShowConfirm("The backup failed", fmt.Sprintf("%v\n\nQuit all the same? Your notebook itself is saved.", err),
			func(ok bool) {
				if ok {
					then()
				}
			}, b.win)
	})
}

// onSettings asks where, how often and how many (File → Automatic
// Backups…).
func (b *backups) onSettings() {
	folder := widget.NewLabel(b.folder())
	folder.Wrapping = fyne.TextWrapBreak
	if b.folder() == "" {
		folder.SetText("No folder chosen: automatic backups are off.")
	}
	chosen := b.folder()
	choose := widget.NewButton("Choose a folder…", func() {
		chooseFolder(b.win, "Folder for backups", chosen, func(path string) {
			chosen = path
			folder.SetText(chosen)
		})
	})
	labels := make([]string, len(backupIntervals))
	selected := ""
	for i, h := range backupIntervals {
		labels[i] = intervalLabel(h)
		if h == b.every() {
			selected = labels[i]
		}
	}
	every := widget.NewSelect(labels, nil)
	every.SetSelected(selected)
	keep := widget.NewEntry()
	keep.SetText(strconv.Itoa(b.keep()))
	help := widget.NewLabel("A backup is the whole notebook in one file; an encrypted notebook's stays encrypted. " +
		"Pick a folder on another disk, or one your sync tool copies elsewhere. One is also written on quit.")
	help.Wrapping = fyne.TextWrapWord
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("Folder"), container.NewBorder(nil, nil, nil, choose, folder),
		widget.NewLabel("Back up"), every,
		widget.NewLabel("Keep the newest"), keep,
	)
	d := dialog.NewCustomConfirm("Automatic backups", "Save", "Cancel", container.NewVBox(help, form), func(ok bool) {
		if !ok {
			return
		}
		n, err := strconv.Atoi(keep.Text)
		if err != nil || n < 1 || n > 1000 {
			b.onError(errors.New("keep between 1 and 1000 backups"))
			return
		}
		b.prefs.SetString(prefBackupFolder, chosen)
		b.prefs.SetInt(prefBackupKeep, n)
		b.prefs.SetInt(prefBackupEvery, backupIntervals[every.SelectedIndex()])
		b.backUpIfDue()
	}, b.win)
	d.Resize(fyne.NewSize(620, 340))
	d.Show()
}

func intervalLabel(hours int) string {
	switch hours {
	case 0:
		return "only on quit"
	case 1:
		return "every hour"
	case 24:
		return "every day"
	}
	return fmt.Sprintf("every %d hours", hours)
}

// onRestore makes a new notebook from a backup (File → Restore from
// Backup…): a backup file, then a new or empty folder, then the
// passphrase if the backup is encrypted.
func (b *backups) onRestore() {
	chooseFiles(b.win, "Restore from a backup", nil, false, func(paths []string) {
		from := paths[0]
		encrypted, err := storage.BackupIsEncrypted(from)
		if err != nil {
			b.onError(fmt.Errorf("cannot restore %s: %w", filepath.Base(from), err))
			return
		}
		chooseFolder(b.win, "Restore the notebook into…", filepath.Dir(from), func(folder string) {
			into := filepath.Join(folder, "Restored "+time.Now().Format("2006-01-02 1504"))
			if encrypted {
				b.askRestorePassphrase(from, into)
				return
			}
			b.restore(from, into, nil)
		})
	})
}

func (b *backups) askRestorePassphrase(from, into string) {
	entry := widget.NewPasswordEntry()
	entry.SetPlaceHolder("Passphrase")
	msg := widget.NewLabel("This backup is of an encrypted notebook. Type its passphrase.")
	msg.Wrapping = fyne.TextWrapWord
	dialog.ShowCustomConfirm("Restore", "Restore", "Cancel", container.NewVBox(msg, entry), func(ok bool) {
		if ok {
			b.restore(from, into, []byte(entry.Text))
		}
	}, b.win)
	b.win.Canvas().Focus(entry)
}

// restore writes the new notebook in the background and says where it
// is: the window stays on the notebook it has open.
func (b *backups) restore(from, into string, passphrase []byte) {
	p := newProgress(b.win, "Restoring…")
	inBackground(b.bg, func() (string, error) {
		f, err := os.Open(from)
		if err != nil {
			return "", err
		}
		defer f.Close()
		var opts []storage.Option
		if passphrase != nil {
			opts = append(opts, storage.WithPassphrase(passphrase))
		}
		s, err := storage.RestoreBackup(into, f, opts...)
		if err != nil {
			return "", err
		}
		return s.Dir(), s.Close()
	}, func(dir string) {
		p.close()
		dialog.ShowInformation("Restored", "The backup is restored as a new notebook in\n"+dir+
			"\n\nTo work in it, start Commonplace with --notebook \""+dir+"\".", b.win)
	}, func(err error) {
		p.close()
		b.onError(fmt.Errorf("nothing was restored: %w", err))
	})
}
