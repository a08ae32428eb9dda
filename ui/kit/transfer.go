package kit

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

// Transfer is one kind of workbook a section imports or exports.
type Transfer struct {
	// ImportFile imports a workbook and says what it did.
	ImportFile func(ctx context.Context, path string) (string, error)
	// WriteTemplate writes the empty import workbook.
	WriteTemplate func(path string) error
	// export writes the section's records, saying what it wrote; nil when not offered.
	Export       func(ctx context.Context, path string) (string, error)
	TemplateName string // suggested file name of the template
	ExportName   string
}

// TransferButtons offers import, template and export for a section.
func TransferButtons(u *Env, t Transfer) []fyne.CanvasObject {
	imp := widget.NewButtonWithIcon(locale.T("transfer.import"), theme.UploadIcon(), func() {
		desktop.OpenFile(u.Win, locale.T("transfer.import"), XLSXFilter(), func(path string) {
			var msg string
			u.Run(locale.T("transfer.importing"), func(ctx context.Context) error {
				// A damaged file is not written further: the import is refused, said in words.
				if err := u.Office.Backup.CheckSound(ctx); err != nil {
					return err
				}
				var err error
				msg, err = t.ImportFile(ctx, path)
				return err
			}, func(err error) {
				if err != nil {
					ShowProblems(u.Win, err)
					return
				}
				dialog.ShowInformation(locale.T("transfer.import"), msg, u.Win)
				u.Refresh() // the list shows the new records
			})
		})
	})
	tpl := widget.NewButtonWithIcon(locale.T("transfer.template"), theme.DocumentCreateIcon(), func() {
		SaveAs(u, t.TemplateName, func(path string) {
			if err := t.WriteTemplate(path); err != nil {
				ShowError(u.Win, err)
				return
			}
			dialog.ShowInformation(locale.T("transfer.template"), locale.T("transfer.saved", map[string]any{"Path": path}), u.Win)
		})
	})
	out := []fyne.CanvasObject{imp, tpl}
	if t.Export != nil {
		out = append(out, widget.NewButtonWithIcon(locale.T("transfer.export"), theme.DownloadIcon(), func() {
			SaveAs(u, t.ExportName, func(path string) {
				var msg string
				u.Run(locale.T("transfer.export"), func(ctx context.Context) error {
					var err error
					msg, err = t.Export(ctx, path)
					return err
				}, func(err error) {
					if err != nil {
						ShowError(u.Win, err)
						return
					}
					dialog.ShowInformation(locale.T("transfer.export"), msg, u.Win)
				})
			})
		}))
	}
	return out
}

// SaveAs asks where to save a workbook, with the system's own dialog on Windows; the dialog
// asks before replacing a file, and the writers, which never overwrite, get a free path.
func SaveAs(u *Env, name string, write func(path string)) {
	desktop.SaveFile(u.Win, locale.T("file.save_title"), name, XLSXFilter(), func(path string) {
		write(desktop.DisplayPath(path))
	})
}

func XLSXFilter() desktop.Filter {
	return desktop.Filter{Name: locale.T("file.xlsx"), Exts: []string{".xlsx"}}
}

// ShowProblems lists every problem of a refused import, one per line, in a scrollable box.
func ShowProblems(w fyne.Window, err error) {
	var probs *workbook.Problems
	if !errors.As(err, &probs) {
		ShowError(w, err)
		return
	}
	Lines := probs.Lines(func(key string, d map[string]any) string { return locale.T(key, d) })
	text := widget.NewLabel(strings.Join(Lines, "\n"))
	text.Wrapping = fyne.TextWrapWord
	head := widget.NewLabel(locale.Err(err))
	head.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(640, 320))
	dialog.ShowCustom(locale.T("error.title"), locale.T("OK"), container.NewBorder(head, nil, nil, nil, scroll), w)
}
