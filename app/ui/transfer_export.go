package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
	"commonplace/storage/bundle"
	"commonplace/storage/bundle/markdown"
	"commonplace/storage/bundle/scope"
)

// Export scopes as the export dialog offers them.
const (
	scopeWhole = "The whole notebook"
	scopeTag   = "Pieces with a tag"
	scopePiece = "The piece being read"
	scopeClaim = "The claim open, with its evidence"
	scopeDates = "Pieces published between two dates"
)

// exportBundle asks what to export and where, then writes it in the
// background with a progress bar and a Cancel button.
func (t *transfers) exportBundle() {
	scopes := []string{scopeWhole, scopeTag}
	piece, claim, tags := t.inView()
	if piece != "" {
		scopes = append(scopes, scopePiece)
	}
	if claim != "" {
		scopes = append(scopes, scopeClaim)
	}
	scopes = append(scopes, scopeDates)
	what := widget.NewRadioGroup(scopes, nil)
	what.SetSelected(scopeWhole)
	tag := widget.NewSelect(tags, nil)
	tag.PlaceHolder = "choose a tag"
	from, to := widget.NewEntry(), widget.NewEntry()
	from.SetPlaceHolder("from YYYY-MM-DD")
	to.SetPlaceHolder("to YYYY-MM-DD")
	format := widget.NewRadioGroup([]string{"Bundle (.zip) — for colleagues, opens in Commonplace and any browser", "Markdown folder — for Obsidian and text editors"}, nil)
	pass, again := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	pass.SetPlaceHolder("passphrase (8 characters or more)")
	again.SetPlaceHolder("the same again")
	passRow := container.NewGridWithColumns(2, pass, again)
	passRow.Hide()
	encrypt := widget.NewCheck("Encrypt the bundle with a passphrase (an age file: share the passphrase another way)", func(on bool) {
		passRow.Hidden = !on
		passRow.Refresh()
	})
	format.OnChanged = func(s string) {
		if s == format.Options[0] {
			encrypt.Enable()
		} else {
			encrypt.SetChecked(false)
			encrypt.Disable()
		}
	}
	format.SetSelected(format.Options[0])
	// Choosing a tag or typing a date picks that scope: one step, not two.
	tag.OnChanged = func(string) { what.SetSelected(scopeTag) }
	onDate := func(string) {
		if from.Text != "" || to.Text != "" {
			what.SetSelected(scopeDates)
		}
	}
	from.OnChanged, to.OnChanged = onDate, onDate
	content := container.NewVBox(
		widget.NewLabelWithStyle("What", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), what,
		container.New(layout.NewFormLayout(),
			widget.NewLabel("Tag"), tag,
			widget.NewLabel("Published"), container.NewGridWithColumns(2, from, to)),
		widget.NewLabelWithStyle("As", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), format,
		encrypt, passRow,
	)
	d := dialog.NewCustomConfirm("Export", "Choose where…", "Cancel", content, func(ok bool) {
		if !ok {
			return
		}
		sc := scope.Scope{}
		switch what.Selected {
		case scopeTag:
			if tag.Selected == "" {
				t.onError(fmt.Errorf("choose the tag to export"))
				return
			}
			sc.Tags = []string{tag.Selected}
		case scopePiece:
			sc.Pieces = []string{piece}
		case scopeClaim:
			sc.Claims = []string{claim}
		case scopeDates:
			sc.From, sc.To = strings.TrimSpace(from.Text), strings.TrimSpace(to.Text)
			if sc.From == "" && sc.To == "" {
				t.onError(fmt.Errorf("give at least one of the two dates"))
				return
			}
		}
		if format.Selected == format.Options[0] {
			var passphrase []byte
			if encrypt.Checked {
				if pass.Text != again.Text {
					t.onError(fmt.Errorf("the two passphrases differ"))
					return
				}
				if err := storage.CheckNewPassphrase([]byte(pass.Text)); err != nil {
					t.onError(err)
					return
				}
				passphrase = []byte(pass.Text)
			}
			t.chooseZip(sc, passphrase)
		} else {
			t.chooseExportFolder(sc)
		}
	}, t.win)
	d.Resize(fyne.NewSize(640, 520))
	d.Show()
}

// chooseZip asks for the bundle's file and exports to it, sealed with
// passphrase if it is given.
func (t *transfers) chooseZip(sc scope.Scope, passphrase []byte) {
	name, ext := "commonplace-"+time.Now().Format("2006-01-02")+".zip", ".zip"
	if passphrase != nil {
		name, ext = name+".age", ".age"
	}
	chooseSaveFile(t.win, "Export a bundle", name, ext, func(path string) {
		t.runExport(func(opt bundle.ExportOptions) (string, error) {
			opt.Passphrase = passphrase
			man, err := bundle.ExportFile(t.store, sc, path, opt)
			if err != nil {
				return "", err
			}
			return exportSummary(man.Counts, len(man.Outside), path), nil
		})
	})
}

// chooseExportFolder asks where to put the Markdown folder and exports there.
func (t *transfers) chooseExportFolder(sc scope.Scope) {
	chooseFolder(t.win, "Export as Markdown into…", "", func(into string) {
		dir := filepath.Join(into, "Commonplace "+time.Now().Format("2006-01-02 1504"))
		t.runExport(func(opt bundle.ExportOptions) (string, error) {
			sel, err := scope.Select(t.store, sc)
			if err != nil {
				return "", err
			}
			counts, err := markdown.Export(t.store, sel, dir)
			if err != nil {
				return "", err
			}
			return exportSummary(counts, len(sel.Outside), dir), nil
		})
	})
}

func exportSummary(c scope.Counts, outside int, where string) string {
	s := fmt.Sprintf("Exported %s, %s, %s, %s and %s to\n%s",
		plural(c.Pieces, "piece", "pieces"), plural(c.Annotations, "annotation", "annotations"), plural(c.Claims, "claim", "claims"),
		plural(c.Links, "link", "links"), plural(c.Notes, "note", "notes"), where)
	if outside > 0 {
		s += fmt.Sprintf("\n\n%s outside the selection: named in the bundle but not included.", plural(outside, "referenced item is", "referenced items are"))
	}
	return s
}

// runExport runs an export in the background behind a progress dialog
// with a Cancel button.
func (t *transfers) runExport(export func(bundle.ExportOptions) (string, error)) {
	p := newProgress(t.win, "Exporting…")
	opt := bundle.ExportOptions{Progress: p.update, Cancel: p.cancel}
	inBackground(t.bg, func() (string, error) { return export(opt) }, func(summary string) {
		p.close()
		dialog.ShowInformation("Export", summary, t.win)
	}, func(err error) {
		p.close()
		t.onError(err)
	})
}

// progress is a modal progress bar with a Cancel button, fed from a
// background goroutine.
type progress struct {
	dlg    dialog.Dialog
	bar    *widget.ProgressBar
	cancel chan struct{}
	closed bool
}

func newProgress(win fyne.Window, title string) *progress {
	p := &progress{bar: widget.NewProgressBar(), cancel: make(chan struct{})}
	cancel := widget.NewButton("Cancel", func() {
		if !p.closed {
			p.closed = true
			close(p.cancel)
		}
	})
	p.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(p.bar, container.NewCenter(cancel)), win)
	p.dlg.Resize(fyne.NewSize(420, 140))
	p.dlg.Show()
	return p
}

// update may be called from any goroutine.
func (p *progress) update(done, total int) {
	if total <= 0 {
		return
	}
	fyne.Do(func() { p.bar.SetValue(float64(done) / float64(total)) })
}

func (p *progress) close() { p.dlg.Hide() }
