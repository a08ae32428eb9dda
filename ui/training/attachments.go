package training

import (
	"context"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	apptraining "townledger/app/training"
	"townledger/ui/desktop"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// SessionFiles lists a saved session's attachments (notice, slides, photos, the scanned
// sign-in sheet) and adds new ones; the files are kept inside the database.
type SessionFiles struct {
	u         *kit.Env
	sessionID string
	Kind      *kit.Select
	Add       *widget.Button
	List      *fyne.Container
	Message   *widget.Label
	kinds     map[string]string
	content   fyne.CanvasObject
}

func newSessionFiles(u *kit.Env, sessionID string) *SessionFiles {
	f := &SessionFiles{u: u, sessionID: sessionID, List: container.NewVBox(), Message: kit.ErrorLabel(), kinds: map[string]string{}}
	var labels []string
	for _, k := range apptraining.AttachmentKinds {
		l := locale.T(apptraining.KindKey(k))
		f.kinds[l] = k
		labels = append(labels, l)
	}
	f.Kind = kit.Choice(labels, nil)
	f.Kind.SetSelected(labels[0])
	f.Add = widget.NewButtonWithIcon(locale.T("training.files.add"), theme.ContentAddIcon(), func() {
		desktop.OpenFile(u.Win, locale.T("training.files.add"), desktop.Filter{}, func(path string) {
			content, err := kit.ReadLimited(path, apptraining.MaxAttachmentSize)
			if err != nil {
				kit.SetMessage(f.Message, locale.Err(err))
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
	_, err := f.u.Office.Training.AddAttachment(context.Background(), f.u.Session, f.sessionID,
		f.kinds[f.Kind.Selected], filepath.Base(name), content)
	if err != nil {
		kit.SetMessage(f.Message, kit.ListMessage(err))
		return
	}
	kit.SetMessage(f.Message, "")
	f.refresh()
}

func (f *SessionFiles) refresh() {
	files, err := f.u.Office.Training.Attachments(context.Background(), f.sessionID)
	if err != nil {
		kit.SetMessage(f.Message, locale.Err(err))
		return
	}
	f.List.Objects = nil
	for _, a := range files {
		a := a
		line := widget.NewLabel(fmt.Sprintf("%s · %s · %.1f KB", locale.T(apptraining.KindKey(a.Kind)), a.FileName, float64(a.Size)/1024))
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			if err := f.u.Office.Training.RemoveAttachment(context.Background(), f.u.Session, a.ID); err != nil {
				kit.SetMessage(f.Message, kit.ListMessage(err))
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
