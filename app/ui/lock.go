package ui

import (
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
)

// An encrypted notebook is shown behind an unlock screen, and locks again
// when the window has been idle for the minutes the researcher chose
// (File → Lock When Idle; prefLockAfter), or at File → Lock Now: what is
// pending is saved, the store is closed, the notebook's window is closed
// with everything it showed, and the unlock screen comes back. A plain
// notebook never locks: its files are readable anyway.

// lockChoices are the idle times File → Lock When Idle offers, in
// minutes; 0 is never.
var lockChoices = []int{5, 10, 30, 60, 0}

// defaultLockAfter is the idle time, in minutes, before a first choice.
const defaultLockAfter = 10

// lockAfter is the idle time chosen, 0 for never.
func lockAfter(p fyne.Preferences) time.Duration {
	return time.Duration(p.IntWithFallback(prefLockAfter, defaultLockAfter)) * time.Minute
}

// idleTimer calls onIdle once nothing has touched it for after. Touching
// it is cheap: it is touched on every pointer move over the text.
type idleTimer struct {
	mu     sync.Mutex
	after  time.Duration
	timer  *time.Timer
	onIdle func()
}

func newIdleTimer(after time.Duration, onIdle func()) *idleTimer {
	t := &idleTimer{after: after, onIdle: onIdle}
	t.arm()
	return t
}

// touch counts as activity: the idle time starts again.
func (t *idleTimer) touch() {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.timer != nil {
		t.timer.Reset(t.after)
	}
}

// set changes the idle time; 0 stops the timer.
func (t *idleTimer) set(after time.Duration) {
	t.stop()
	t.mu.Lock()
	t.after = after
	t.mu.Unlock()
	t.arm()
}

func (t *idleTimer) arm() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.after > 0 {
		t.timer = time.AfterFunc(t.after, func() { fyne.Do(t.onIdle) })
	}
}

func (t *idleTimer) stop() {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.timer != nil {
		t.timer.Stop()
		t.timer = nil
	}
}

// lockedNotebook runs an encrypted notebook's windows: the unlock screen,
// then the notebook's window, and back to the unlock screen when it locks.
type lockedNotebook struct {
	app  fyne.App
	dir  string
	open []string // files to open once first unlocked
	bg   *background

	unlock *unlockScreen
	main   *mainWindow
	store  *storage.Store
}

// ShowLocked shows the unlock screen of the encrypted notebook in dir;
// the files in open are opened in its window once it is unlocked. quit
// quits as the Quit menu does; closeStore closes what is open once the
// app has stopped.
func ShowLocked(a fyne.App, dir string, open ...string) (quit func(), closeStore func()) {
	l := &lockedNotebook{app: a, dir: dir, open: open, bg: &background{start: onGoroutines}}
	a.Settings().SetTheme(themeFor(a.Preferences().String(prefTheme)))
	l.showUnlock()
	return l.quit, l.closeStore
}

func (l *lockedNotebook) showUnlock() {
	l.unlock = newUnlockScreen(l.app, l.dir, l.bg, l.onUnlocked)
	l.unlock.win.Show()
}

// onUnlocked opens the notebook's window on the store just unlocked.
func (l *lockedNotebook) onUnlocked(s *storage.Store) {
	l.store = s
	l.main = newMainWindowTimed(l.app, s, l.bg.start, saveDelay)
	l.main.onLock = l.lock
	l.main.startIdleLock()
	if len(l.open) > 0 {
		l.main.openFiles(l.open)
		l.open = nil
	}
	l.main.win.Show()
	l.unlock.win.Close()
	l.unlock = nil
}

// lock closes the notebook and its window and shows the unlock screen.
// The unlock screen is shown first: closing the last window would quit.
func (l *lockedNotebook) lock() {
	m := l.main
	l.main = nil
	l.showUnlock()
	m.win.Close()
	l.closeStore()
}

func (l *lockedNotebook) quit() {
	if l.main != nil {
		l.main.quit()
		return
	}
	l.app.Quit()
}

func (l *lockedNotebook) closeStore() {
	if l.store != nil {
		l.store.Close()
		l.store = nil
	}
}

// startIdleLock locks the window after the idle time chosen.
func (m *mainWindow) startIdleLock() {
	m.idle = newIdleTimer(lockAfter(m.app.Preferences()), m.lockWhenIdle)
	m.reader.text.OnReaderActive = m.idle.touch
	m.win.SetMainMenu(m.menu()) // with the lock items
}

// lockWhenIdle locks unless that would lose words: a text being edited
// with changes not yet saved, or edits that failed to save, keep the
// window open until they are dealt with.
func (m *mainWindow) lockWhenIdle() {
	if m.showing(m.textEditor) && m.textEditor.unsaved {
		m.idle.touch()
		return
	}
	m.lockNow()
}

// lockNow saves what is pending and locks (File → Lock Now).
func (m *mainWindow) lockNow() {
	if m.onLock == nil {
		return
	}
	m.leaveTextEditor(func() {
		if errs := m.saver.flush(); len(errs) > 0 {
			m.idle.touch()
			return // the error is shown; locking now would lose the words
		}
		m.idle.stop()
		m.release()
		m.onLock()
	})
}

// setLockAfter sets the idle time before the notebook locks.
func (m *mainWindow) setLockAfter(minutes int) {
	m.app.Preferences().SetInt(prefLockAfter, minutes)
	m.idle.set(time.Duration(minutes) * time.Minute)
	m.win.SetMainMenu(m.menu()) // move the check mark
}

// lockMenuItems are File's items for an encrypted notebook.
func (m *mainWindow) lockMenuItems() []*fyne.MenuItem {
	if m.onLock == nil {
		return nil
	}
	chosen := m.app.Preferences().IntWithFallback(prefLockAfter, defaultLockAfter)
	var choices []*fyne.MenuItem
	for _, minutes := range lockChoices {
		label := "Never"
		if minutes > 0 {
			label = "After " + plural(minutes, "minute", "minutes")
		}
		i := fyne.NewMenuItem(label, func() { m.setLockAfter(minutes) })
		i.Checked = minutes == chosen
		choices = append(choices, i)
	}
	idle := fyne.NewMenuItem("Lock When Idle", nil)
	idle.ChildMenu = fyne.NewMenu("", choices...)
	now := fyne.NewMenuItem("Lock Now", m.lockNow)
	now.Shortcut = shortcutLock
	return []*fyne.MenuItem{now, idle, fyne.NewMenuItemSeparator()}
}

// unlockScreen asks for an encrypted notebook's passphrase.
type unlockScreen struct {
	win        fyne.Window
	dir        string
	bg         *background
	passphrase *widget.Entry
	unlockBtn  *widget.Button
	message    *widget.Label
	onUnlocked func(*storage.Store)
}

func newUnlockScreen(a fyne.App, dir string, bg *background, onUnlocked func(*storage.Store)) *unlockScreen {
	u := &unlockScreen{win: a.NewWindow("Commonplace — locked"), dir: dir, bg: bg, onUnlocked: onUnlocked}
	u.win.SetContent(u.buildUI())
	u.win.Resize(fyne.NewSize(520, 300))
	u.win.CenterOnScreen()
	u.win.Canvas().Focus(u.passphrase)
	return u
}

func (u *unlockScreen) buildUI() fyne.CanvasObject {
	title := widget.NewLabel("This notebook is encrypted")
	title.TextStyle.Bold = true
	title.SizeName = theme.SizeNameSubHeadingText
	where := mutedText()
	setMuted(where, u.dir)
	where.Wrapping = fyne.TextWrapBreak
	u.passphrase = widget.NewPasswordEntry()
	u.passphrase.SetPlaceHolder("Passphrase")
	u.passphrase.OnSubmitted = func(string) { u.onUnlock() }
	u.unlockBtn = widget.NewButton("Unlock", u.onUnlock)
	u.unlockBtn.Importance = widget.HighImportance
	u.message = widget.NewLabel("")
	u.message.Importance = widget.DangerImportance
	u.message.Wrapping = fyne.TextWrapWord
	form := container.NewVBox(title, where, container.NewBorder(nil, nil, nil, u.unlockBtn, u.passphrase), u.message)
	return container.NewPadded(container.NewVBox(layout.NewSpacer(), form, layout.NewSpacer()))
}

// onUnlock opens the notebook with the passphrase typed, off the UI
// goroutine: deriving the key takes a noticeable moment, on purpose.
func (u *unlockScreen) onUnlock() {
	p := []byte(u.passphrase.Text)
	if len(p) == 0 {
		u.message.SetText("Type the notebook's passphrase.")
		return
	}
	u.unlockBtn.Disable()
	u.message.SetText("")
	inBackground(u.bg, func() (*storage.Store, error) {
		s, err := storage.Open(u.dir, storage.WithPassphrase(p))
		if errors.Is(err, storage.ErrCannotWrite) {
			s, err = storage.OpenReadOnly(u.dir, storage.WithPassphrase(p))
		}
		return s, err
	}, func(s *storage.Store) {
		u.passphrase.SetText("")
		u.onUnlocked(s)
	}, func(err error) {
		u.unlockBtn.Enable()
		u.passphrase.SetText("")
		u.win.Canvas().Focus(u.passphrase)
		if errors.Is(err, storage.ErrWrongPassphrase) {
			u.message.SetText("Wrong passphrase.")
			return
		}
		u.message.SetText(err.Error())
	})
}
