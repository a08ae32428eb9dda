package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/workbook"
	"townledger/ui/desktop"
	"townledger/ui/locale"
)

// transfer is one kind of workbook a section imports or exports.
type transfer struct {
	// importFile imports a workbook and says what it did.
	importFile func(ctx context.Context, path string) (string, error)
	// writeTemplate writes the empty import workbook.
	writeTemplate func(path string) error
	// export writes the section's records, saying what it wrote; nil when not offered.
	export       func(ctx context.Context, path string) (string, error)
	templateName string // suggested file name of the template
	exportName   string
}

// transferButtons offers import, template and export for a section.
func transferButtons(u *UI, t transfer) []fyne.CanvasObject {
	imp := widget.NewButtonWithIcon(locale.T("transfer.import"), theme.UploadIcon(), func() {
		desktop.OpenFile(u.Win, locale.T("transfer.import"), xlsxFilter(), func(path string) {
			var msg string
			u.run(locale.T("transfer.importing"), func(ctx context.Context) error {
				var err error
				msg, err = t.importFile(ctx, path)
				return err
			}, func(err error) {
				if err != nil {
					showProblems(u.Win, err)
					return
				}
				dialog.ShowInformation(locale.T("transfer.import"), msg, u.Win)
				u.Shell.show(u.Shell.selected) // the list shows the new records
			})
		})
	})
	tpl := widget.NewButtonWithIcon(locale.T("transfer.template"), theme.DocumentCreateIcon(), func() {
		saveAs(u, t.templateName, func(path string) {
			if err := t.writeTemplate(path); err != nil {
				showError(u.Win, err)
				return
			}
			dialog.ShowInformation(locale.T("transfer.template"), locale.T("transfer.saved", map[string]any{"Path": path}), u.Win)
		})
	})
	out := []fyne.CanvasObject{imp, tpl}
	if t.export != nil {
		out = append(out, widget.NewButtonWithIcon(locale.T("transfer.export"), theme.DownloadIcon(), func() {
			saveAs(u, t.exportName, func(path string) {
				var msg string
				u.run(locale.T("transfer.export"), func(ctx context.Context) error {
					var err error
					msg, err = t.export(ctx, path)
					return err
				}, func(err error) {
					if err != nil {
						showError(u.Win, err)
						return
					}
					dialog.ShowInformation(locale.T("transfer.export"), msg, u.Win)
				})
			})
		}))
	}
	return out
}

// saveAs asks where to save a workbook, with the system's own dialog on Windows; the dialog
// asks before replacing a file, and the writers, which never overwrite, get a free path.
func saveAs(u *UI, name string, write func(path string)) {
	desktop.SaveFile(u.Win, locale.T("file.save_title"), name, xlsxFilter(), func(path string) {
		write(desktop.DisplayPath(path))
	})
}

func xlsxFilter() desktop.Filter {
	return desktop.Filter{Name: locale.T("file.xlsx"), Exts: []string{".xlsx"}}
}

// showProblems lists every problem of a refused import, one per line, in a scrollable box.
func showProblems(w fyne.Window, err error) {
	var probs *workbook.Problems
	if !errors.As(err, &probs) {
		showError(w, err)
		return
	}
	lines := probs.Lines(func(key string, d map[string]any) string { return locale.T(key, d) })
	text := widget.NewLabel(strings.Join(lines, "\n"))
	text.Wrapping = fyne.TextWrapWord
	head := widget.NewLabel(locale.Err(err))
	head.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(640, 320))
	dialog.ShowCustom(locale.T("error.title"), locale.T("OK"), container.NewBorder(head, nil, nil, nil, scroll), w)
}
