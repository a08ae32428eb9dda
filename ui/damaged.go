package ui

import (
	"context"
	"log"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"townledger/app/backup"
	"townledger/app/office"
	"townledger/ui/desktop"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// offerBackup looks, in the background, for the newest backup of a damaged ledger that
// passes its check and, when there is one, offers it on the failure window w: restoring it
// keeps the damaged file aside and opens the ledger as the backup left it, in opened.
//
// Its background work is counted in busy, which a test waits on before it draws anything
// else (Fyne's test driver runs fyne.Do on the calling goroutine).
func offerBackup(a fyne.App, w fyne.Window, path string, cause error, now func() time.Time, opened func(*office.Office) fyne.Window,
	busy *sync.WaitGroup) {
	busy.Add(1)
	go func() {
		defer busy.Done()
		good, ok, err := backup.NewestGood(context.Background(), path)
		if err != nil {
			log.Printf("look for a good backup of %s: %v", path, err)
		}
		if !ok {
			return
		}
		fyne.Do(func() {
			note := widget.NewLabel(locale.T("damaged.offer", map[string]any{"When": good.ModTime.Format("2006-01-02 15:04"),
				"Path": desktop.DisplayPath(good.Path)}))
			note.Wrapping = fyne.TextWrapWord
			var btn *widget.Button
			btn = widget.NewButton(locale.T("damaged.restore"), func() {
				btn.Disable()
				restoreDamaged(w, path, good.Path, now, opened, btn, busy)
			})
			btn.Importance = widget.HighImportance
			w.SetContent(container.NewPadded(failureWith(cause, a.Quit, note, btn)))
			w.Resize(w.Content().MinSize().Max(fyne.NewSize(640, 320)))
		})
	}()
}

func restoreDamaged(w fyne.Window, path, from string, now func() time.Time, opened func(*office.Office) fyne.Window,
	btn *widget.Button, busy *sync.WaitGroup) {
	busy.Add(1)
	go func() {
		defer busy.Done()
		res, err := backup.Restore(context.Background(), path, from, now())
		var o *office.Office
		if err == nil {
			o, err = office.Open(context.Background(), path)
		}
		fyne.Do(func() {
			if err != nil {
				btn.Enable()
				kit.ShowError(w, err)
				return
			}
			dialog.ShowInformation(locale.T("restore.title"), locale.T("restore.done", map[string]any{
				"From": desktop.DisplayPath(res.From), "Before": desktop.DisplayPath(res.Before)}), opened(o))
		})
	}()
}
