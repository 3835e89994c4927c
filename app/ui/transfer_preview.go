package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"commonplace/app/intake"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle"
	"commonplace/storage/bundle/merge"
)

// maxPreviewRows bounds the preview's list; the counts say the rest.
const maxPreviewRows = 300

// importBundle asks for a bundle and previews what importing it would do.
func (t *transfers) importBundle() {
	chooseFiles(t.win, "Import a bundle", []string{".zip", ".age"}, false, func(paths []string) {
		t.previewImport(importSource{path: paths[0]})
	})
}

// importFolder asks for a folder, of articles or one Commonplace exported
// as Markdown, and previews importing it.
func (t *transfers) importFolder() {
	chooseFolder(t.win, "Import a folder", "", func(path string) {
		t.previewImport(importSource{path: path})
	})
}

// importSource is what an import reads: a bundle, a folder (of articles,
// or exported as Markdown), or a W3C Web Annotation file with the texts it
// annotates.
type importSource struct {
	path       string
	texts      []string // for a Web Annotation file
	passphrase []byte   // for a sealed bundle
}

func (t *transfers) runImport(src importSource, opt merge.Options) (merge.Report, error) {
	opt.Passphrase = src.passphrase
	return intake.Import(t.store, src.path, src.texts, opt)
}

// previewImport works out, without changing anything, what importing path
// would add, update and leave in conflict, and asks before doing it. A
// sealed bundle's passphrase is asked for first.
func (t *transfers) previewImport(src importSource) {
	if src.passphrase == nil && intake.IsSealed(src.path) {
		t.askBundlePassphrase(src, "")
		return
	}
	t.flush()
	p := newProgress(t.win, "Reading "+filepath.Base(src.path)+"…")
	inBackground(t.bg, func() (merge.Report, error) {
		return t.runImport(src, merge.Options{DryRun: true, Progress: p.update, Cancel: p.cancel})
	}, func(rep merge.Report) {
		p.close()
		t.confirmImport(src, rep)
	}, func(err error) {
		p.close()
		switch {
		case errors.Is(err, bundle.ErrWrongBundlePassphrase):
			t.askBundlePassphrase(src, "Wrong passphrase; try again.")
			return
		case errors.Is(err, bundle.ErrSealed):
			t.askBundlePassphrase(src, "Type the passphrase.")
			return
		}
		t.onError(err)
	})
}

// askBundlePassphrase asks for a sealed bundle's passphrase, then
// previews its import; problem says what went wrong the last time.
func (t *transfers) askBundlePassphrase(src importSource, problem string) {
	t.askSecret(secretPrompt{title: "Encrypted bundle", confirm: "Open", placeholder: "Passphrase",
		message: filepath.Base(src.path) + " is encrypted. Type the passphrase it was shared with.", problem: problem},
		func(passphrase string) {
			src.passphrase = []byte(passphrase)
			t.previewImport(src)
		})
}

// confirmImport shows the preview and imports on confirmation.
func (t *transfers) confirmImport(src importSource, preview merge.Report) {
	summary := widget.NewLabel(importCounts(preview, true))
	summary.Wrapping = fyne.TextWrapWord
	changes, unchanged := previewRows(preview.Details)
	rows := changes
	list := widget.NewList(func() int { return len(rows) }, newPreviewRow,
		func(i widget.ListItemID, o fyne.CanvasObject) { showPreviewRow(o, rows[i]) })
	showSame := widget.NewCheck("Show the "+plural(len(unchanged), "unchanged item", "unchanged items")+" too", func(on bool) {
		rows = changes
		if on {
			rows = append(slices.Clip(changes), unchanged...)
		}
		if len(rows) > maxPreviewRows {
			rows = rows[:maxPreviewRows]
		}
		list.Refresh()
	})
	showSame.Hidden = len(unchanged) == 0
	if len(rows) > maxPreviewRows {
		rows = rows[:maxPreviewRows]
	}
	content := container.NewBorder(summary, showSame, nil, nil, list)
	nothing := preview.Added+preview.Updated+preview.Conflicts == 0
	confirm := "Import"
	if nothing {
		confirm = "OK"
	}
	d := dialog.NewCustomConfirm("Import "+filepath.Base(src.path), confirm, "Cancel", content, func(ok bool) {
		if !ok || nothing {
			return
		}
		p := newProgress(t.win, "Importing…")
		inBackground(t.bg, func() (merge.Report, error) {
			return t.runImport(src, merge.Options{Progress: p.update, Cancel: p.cancel, CountsOnly: true}) // the preview listed the items
		}, func(rep merge.Report) {
			p.close()
			t.showImported(rep)
		}, func(err error) {
			p.close()
			t.onError(fmt.Errorf("nothing was imported: %w", err))
		})
	}, t.win)
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}

// showImported says what the import did, offering the conflicts it kept.
func (t *transfers) showImported(rep merge.Report) {
	msg := widget.NewLabel(importCounts(rep, false))
	msg.Wrapping = fyne.TextWrapWord
	if rep.Conflicts == 0 {
		d := dialog.NewCustom("Imported", "OK", msg, t.win)
		d.Resize(fyne.NewSize(520, 0))
		d.Show()
		return
	}
	d := dialog.NewCustomConfirm("Imported", "Show conflicts", "Later", msg, func(show bool) {
		if show {
			t.onConflicts()
		}
	}, t.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

// previewRows orders the preview as a reader wants it: conflicts, then
// what is new, then updates; unchanged items apart.
func previewRows(items []merge.Item) (changes, unchanged []merge.Item) {
	rank := map[string]int{"conflict": 0, "add": 1, "update": 2}
	for _, it := range items {
		if _, ok := rank[it.Action]; ok {
			changes = append(changes, it)
		} else {
			unchanged = append(unchanged, it)
		}
	}
	slices.SortStableFunc(changes, func(a, b merge.Item) int { return rank[a.Action] - rank[b.Action] })
	return changes, unchanged
}

// previewWords name an import's actions and kinds for the preview.
var previewWords = map[string]string{
	"add": "New", "update": "Update", "conflict": "Conflict", "skip": "Same",
	"annotation": "passage",
}

// newPreviewRow is one line of the preview: what happens, to what kind of
// item, and the item; the first two in columns of their own.
func newPreviewRow() fyne.CanvasObject {
	action := widget.NewLabelWithStyle("Conflict", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	kind := widget.NewLabel("annotation")
	title := widget.NewLabel("")
	title.Truncation = fyne.TextTruncateEllipsis
	cols := container.New(layout.NewGridWrapLayout(fyne.NewSize(action.MinSize().Width, action.MinSize().Height)), action)
	kinds := container.New(layout.NewGridWrapLayout(kind.MinSize()), kind)
	return container.NewBorder(nil, nil, container.NewHBox(cols, kinds), nil, title)
}

func showPreviewRow(o fyne.CanvasObject, it merge.Item) {
	row := o.(*fyne.Container)
	title := row.Objects[0].(*widget.Label)
	left := row.Objects[1].(*fyne.Container)
	action := left.Objects[0].(*fyne.Container).Objects[0].(*widget.Label)
	kind := left.Objects[1].(*fyne.Container).Objects[0].(*widget.Label)
	action.SetText(wordFor(it.Action))
	action.Importance = widget.MediumImportance
	switch it.Action {
	case "conflict":
		action.Importance = widget.WarningImportance
	case "add":
		action.Importance = widget.SuccessImportance
	case "skip":
		action.Importance = widget.LowImportance
	}
	action.Refresh()
	kind.SetText(wordFor(it.Kind))
	line := it.Title
	if it.Why != "" {
		line += " — " + it.Why
	}
	title.SetText(line)
}

func wordFor(s string) string {
	if w, ok := previewWords[s]; ok {
		return w
	}
	return s
}

// importCounts says what an import did, or would do.
func importCounts(r merge.Report, preview bool) string {
	wasAdded, wereAdded := "item was added", "items were added"
	if preview {
		wasAdded, wereAdded = "item will be added", "items will be added"
	}
	if r.Added+r.Updated+r.Conflicts == 0 {
		return "Everything in it is already in this notebook; nothing to import."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %d updated, %d unchanged.", plural(r.Added, wasAdded, wereAdded), r.Updated, r.Skipped)
	if r.Conflicts > 0 {
		fmt.Fprintf(&b, "\n%s changed on both sides: this notebook's version is kept and the other one is kept beside it (View → Conflicts) for you to choose.", plural(r.Conflicts, "item", "items"))
	}
	if n := r.Reattached[anchor.Review] + r.Reattached[anchor.Orphaned]; n > 0 {
		fmt.Fprintf(&b, "\n%s flagged for you to check.", plural(n, "annotation now sits on changed text and is", "annotations now sit on changed text and are"))
	}
	if len(r.Outside) > 0 {
		fmt.Fprintf(&b, "\n%s left out.", plural(len(r.Outside), "reference to an item that was not in the bundle is", "references to items that were not in the bundle are"))
	}
	return b.String()
}
