package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/training"
	"townledger/ui/desktop"
	"townledger/ui/locale"
)

// SessionFiles lists a saved session's attachments (notice, slides, photos, the scanned
// sign-in sheet) and adds new ones; the files are kept inside the database.
type SessionFiles struct {
	u         *UI
	sessionID string
	Kind      *widget.Select
	Add       *widget.Button
	List      *fyne.Container
	Message   *widget.Label
	kinds     map[string]string
	content   fyne.CanvasObject
}

func newSessionFiles(u *UI, sessionID string) *SessionFiles {
	f := &SessionFiles{u: u, sessionID: sessionID, List: container.NewVBox(), Message: errorLabel(), kinds: map[string]string{}}
	var labels []string
	for _, k := range training.AttachmentKinds {
		l := locale.T(training.KindKey(k))
		f.kinds[l] = k
		labels = append(labels, l)
	}
	f.Kind = choice(labels, nil)
	f.Kind.SetSelected(labels[0])
	f.Add = widget.NewButtonWithIcon(locale.T("training.files.add"), theme.ContentAddIcon(), func() {
		desktop.OpenFile(u.Win, locale.T("training.files.add"), desktop.Filter{}, func(path string) {
			content, err := readLimited(path, training.MaxAttachmentSize)
			if err != nil {
				setMessage(f.Message, locale.Err(err))
				return
			}
			f.AddFile(filepath.Base(path), content)
		})
	})
	f.refresh()
	f.content = container.NewVBox(f.List, container.NewBorder(nil, nil, nil, f.Add, f.Kind), f.Message)
	return f
}

// AddFile stores a file as the chosen kind of attachment.
func (f *SessionFiles) AddFile(name string, content []byte) {
	_, err := training.AddAttachment(context.Background(), f.u.Office.Store, f.u.session, f.sessionID,
		f.kinds[f.Kind.Selected], filepath.Base(name), content)
	if err != nil {
		setMessage(f.Message, listMessage(err))
		return
	}
	setMessage(f.Message, "")
	f.refresh()
}

func (f *SessionFiles) refresh() {
	files, err := training.Attachments(context.Background(), f.u.Office.Store, f.sessionID)
	if err != nil {
		setMessage(f.Message, locale.Err(err))
		return
	}
	f.List.Objects = nil
	for _, a := range files {
		a := a
		line := widget.NewLabel(fmt.Sprintf("%s · %s · %.1f KB", locale.T(training.KindKey(a.Kind)), a.FileName, float64(a.Size)/1024))
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			if err := training.RemoveAttachment(context.Background(), f.u.Office.Store, f.u.session, a.ID); err != nil {
				setMessage(f.Message, listMessage(err))
				return
			}
			f.refresh()
		})
		f.List.Add(container.NewBorder(nil, nil, nil, del, line))
	}
	if len(files) == 0 {
		f.List.Add(widget.NewLabel(locale.T("training.files.none")))
	}
	f.List.Refresh()
}

// readLimited reads a chosen file, one byte past limit at most, so a huge file is refused
// by the size check without being read whole.
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return b, nil
}
