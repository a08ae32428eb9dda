package settings

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/backup"
	"townledger/app/office"
	"townledger/ui/desktop"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// recentBackups is how many backups the data tab lists to restore from; older ones are
// reached with 选择其他备份文件.
const recentBackups = 8

// DataSettings is the data tab: where the ledger is, backing it up and restoring a backup,
// and — only while the ledger is still empty — loading the demo town.
type DataSettings struct {
	u       *kit.Env
	Backup  *widget.Button
	Other   *widget.Button
	Verify  *widget.Button
	Against *widget.Button
	Demo    *widget.Button // nil once the ledger holds records
	Copies  *fyne.Container
	content fyne.CanvasObject
}

func newDataSettings(u *kit.Env) *DataSettings {
	d := &DataSettings{u: u, Copies: container.NewVBox()}
	path := widget.NewLabel(locale.T("settings.data.path", map[string]any{"Path": desktop.DisplayPath(u.Office.Path())}))
	path.Wrapping = fyne.TextWrapBreak
	d.Backup = widget.NewButtonWithIcon(locale.T("settings.backup_now"), theme.DocumentSaveIcon(), d.backupNow)
	d.Backup.Importance = widget.HighImportance
	d.Other = widget.NewButtonWithIcon(locale.T("restore.other"), theme.FolderOpenIcon(), func() {
		desktop.OpenFile(u.Win, locale.T("restore.title"), desktop.Filter{Name: locale.T("restore.filter"), Exts: []string{".db"}},
			d.confirmRestore)
	})
	intro := widget.NewLabel(locale.T("restore.intro"))
	intro.Wrapping = fyne.TextWrapWord
	d.Verify = widget.NewButtonWithIcon(locale.T("verify.button"), theme.ConfirmIcon(), func() { d.verify() })
	d.Against = widget.NewButtonWithIcon(locale.T("verify.against_button"), theme.FileIcon(), func() {
		desktop.OpenFile(u.Win, locale.T("verify.against_button"), desktop.Filter{Name: locale.T("verify.against_filter"), Exts: []string{".xlsx"}},
			func(report string) { d.verify(report) })
	})
	verifyIntro := widget.NewLabel(locale.T("verify.intro"))
	verifyIntro.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(
		widget.NewCard(locale.T("settings.data.ledger"), "", container.NewVBox(path, container.NewHBox(d.Backup))),
		widget.NewCard(locale.T("verify.title"), "", container.NewVBox(verifyIntro, container.NewHBox(d.Verify, d.Against))),
		widget.NewCard(locale.T("restore.title"), "", container.NewVBox(intro, d.Copies, container.NewHBox(d.Other))),
	)
	// The demo town only where it cannot mix with real records.
	if counts, err := u.Office.Counts(context.Background()); err == nil && empty(counts) {
		d.Demo = widget.NewButton(locale.T("settings.load_demo"), d.loadDemo)
		note := widget.NewLabel(locale.T("settings.demo.note"))
		note.Wrapping = fyne.TextWrapWord
		box.Add(widget.NewCard(locale.T("settings.demo.title"), "", container.NewVBox(note, container.NewHBox(d.Demo))))
	}
	d.refresh()
	d.content = box
	return d
}

func empty(counts map[office.ListKind]int) bool {
	for _, n := range counts {
		if n > 0 {
			return false
		}
	}
	return true
}

// refresh lists the newest backups, each with its restore button.
func (d *DataSettings) refresh() {
	d.Copies.Objects = nil
	copies, err := backup.List(d.u.Office.Path())
	if err != nil {
		d.Copies.Add(widget.NewLabel(locale.Err(err)))
	}
	if len(copies) == 0 && err == nil {
		d.Copies.Add(widget.NewLabel(locale.T("restore.none")))
	}
	for i, c := range copies {
		if i == recentBackups {
			break
		}
		c := c
		line := widget.NewLabel(locale.T("restore.line", map[string]any{"Time": c.ModTime.Format("2006-01-02 15:04"),
			"Name": filepath.Base(c.Path), "Size": fmt.Sprintf("%.1f", float64(c.Size)/(1<<20))}))
		line.Truncation = fyne.TextTruncateEllipsis
		b := widget.NewButton(locale.T("restore.this"), func() { d.confirmRestore(c.Path) })
		d.Copies.Add(container.NewBorder(nil, nil, nil, b, line))
	}
	d.Copies.Refresh()
}

func (d *DataSettings) backupNow() {
	var out string
	d.u.Run(locale.T("settings.backup_now"), func(ctx context.Context) error {
		var err error
		out, err = d.u.Office.Backup.Make(ctx, "", d.u.Now())
		return err
	}, func(err error) {
		if err != nil {
			kit.ShowError(d.u.Win, err)
			return
		}
		d.refresh()
		dialog.ShowInformation(locale.T("settings.backup_now"), locale.T("settings.backup_done", map[string]any{"Path": desktop.DisplayPath(out)}), d.u.Win)
	})
}

// verify checks the ledger (and, given, a report sent to the district) in the background
// and shows every line of what it found.
func (d *DataSettings) verify(against ...string) {
	var rep backup.Report
	d.u.Run(locale.T("verify.running"), func(ctx context.Context) error {
		var err error
		rep, err = d.u.Office.Backup.Verify(ctx, against...)
		return err
	}, func(err error) {
		if err != nil {
			kit.ShowError(d.u.Win, err)
			return
		}
		lines := make([]string, 0, 8)
		for _, l := range rep.Lines() {
			lines = append(lines, locale.T(l.Key, l.Data))
		}
		text := widget.NewLabel(strings.Join(lines, "\n"))
		text.Wrapping = fyne.TextWrapWord
		title := locale.T("verify.passed")
		if !rep.OK() {
			title = locale.T("verify.failed_title")
		}
		scroll := container.NewVScroll(text)
		scroll.SetMinSize(fyne.NewSize(560, 260))
		dialog.ShowCustom(title, locale.T("OK"), scroll, d.u.Win)
	})
}

// confirmRestore asks in words before a backup replaces the ledger.
func (d *DataSettings) confirmRestore(from string) {
	ask := dialog.NewConfirm(locale.T("restore.title"), locale.T("restore.confirm", map[string]any{"From": desktop.DisplayPath(from)}),
		func(ok bool) {
			if ok {
				d.u.Restore(from)
			}
		}, d.u.Win)
	ask.SetConfirmText(locale.T("restore.this"))
	ask.SetDismissText(locale.T("action.cancel"))
	ask.SetConfirmImportance(widget.DangerImportance)
	ask.Show()
}

func (d *DataSettings) loadDemo() {
	d.u.Run(locale.T("demo.loading"), func(ctx context.Context) error {
		return d.u.Office.Demo.LoadAs(ctx, d.u.Session, d.u.Now())
	}, func(err error) {
		if err != nil {
			kit.ShowError(d.u.Win, err)
			return
		}
		dialog.ShowInformation(locale.T("settings.load_demo"), locale.T("demo.loaded"), d.u.Win)
		d.u.Rebuild("nav.settings")
	})
}
