package app

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage/anchor"
	"commonplace/storage/bundle"
)

// maxPreviewRows bounds the preview's list; the counts say the rest.
const maxPreviewRows = 300

// importBundle asks for a bundle and previews what importing it would do.
func (m *mainWindow) importBundle() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			if err != nil {
				m.showError(err)
			}
			return
		}
		r.Close()
		m.previewImport(r.URI().Path(), false)
	}, m.win)
	d.SetFilter(fynestorage.NewExtensionFileFilter([]string{".zip"}))
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// importMarkdownFolder asks for a folder exported as Markdown and previews
// importing it.
func (m *mainWindow) importMarkdownFolder() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			if err != nil {
				m.showError(err)
			}
			return
		}
		m.previewImport(u.Path(), true)
	}, m.win)
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// runImport imports path (a bundle, or a Markdown folder).
func (m *mainWindow) runImport(path string, markdown bool, opt bundle.ImportOptions) (bundle.ImportReport, error) {
	opt.Source = filepath.Base(path)
	if markdown {
		return bundle.ImportMarkdown(m.store, path, opt)
	}
	return bundle.ImportFile(m.store, path, opt)
}

// previewImport works out, without changing anything, what importing path
// would add, update and leave in conflict, and asks before doing it.
func (m *mainWindow) previewImport(path string, markdown bool) {
	m.saver.flush()
	p := newProgress(m.win, "Reading "+filepath.Base(path)+"…")
	go func() {
		rep, err := m.runImport(path, markdown, bundle.ImportOptions{DryRun: true, Progress: p.update, Cancel: p.cancel})
		fyne.Do(func() {
			p.close()
			if err != nil {
				m.showError(err)
				return
			}
			m.confirmImport(path, markdown, rep)
		})
	}()
}

// confirmImport shows the preview and imports on confirmation.
func (m *mainWindow) confirmImport(path string, markdown bool, preview bundle.ImportReport) {
	summary := widget.NewLabel(importCounts(preview, true))
	summary.Wrapping = fyne.TextWrapWord
	rows := preview.Details
	if len(rows) > maxPreviewRows {
		rows = rows[:maxPreviewRows]
	}
	list := widget.NewList(func() int { return len(rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			it := rows[i]
			line := fmt.Sprintf("%-8s %-10s %s", it.Action, it.Kind, it.Title)
			if it.Why != "" {
				line += " — " + it.Why
			}
			o.(*widget.Label).SetText(line)
		})
	content := container.NewBorder(summary, nil, nil, nil, list)
	nothing := preview.Added+preview.Updated+preview.Conflicts == 0
	confirm := "Import"
	if nothing {
		confirm = "OK"
	}
	d := dialog.NewCustomConfirm("Import "+filepath.Base(path), confirm, "Cancel", content, func(ok bool) {
		if !ok || nothing {
			return
		}
		p := newProgress(m.win, "Importing…")
		go func() {
			rep, err := m.runImport(path, markdown, bundle.ImportOptions{Progress: p.update, Cancel: p.cancel})
			fyne.Do(func() {
				p.close()
				if err != nil {
					m.showError(fmt.Errorf("nothing was imported: %w", err))
					return
				}
				dialog.ShowInformation("Imported", importCounts(rep, false), m.win)
			})
		}()
	}, m.win)
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}

// importCounts says what an import did, or would do.
func importCounts(r bundle.ImportReport, preview bool) string {
	verb := map[bool]string{true: "will be", false: "were"}[preview]
	if r.Added+r.Updated+r.Conflicts == 0 {
		return "Everything in it is already in this notebook; nothing to import."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d items %s added, %d updated, %d unchanged.", r.Added, verb, r.Updated, r.Skipped)
	if r.Conflicts > 0 {
		fmt.Fprintf(&b, "\n%s changed on both sides: this notebook's version is kept and the other one is kept beside it (View → Conflicts) for you to choose.", plural(r.Conflicts, "item"))
	}
	if n := r.Reattached[anchor.Review] + r.Reattached[anchor.Orphaned]; n > 0 {
		fmt.Fprintf(&b, "\n%s now sit on changed text and are flagged for you to check.", plural(n, "annotation"))
	}
	if len(r.Outside) > 0 {
		fmt.Fprintf(&b, "\n%s refer to items that were not in the bundle and are left out.", plural(len(r.Outside), "reference"))
	}
	return b.String()
}
