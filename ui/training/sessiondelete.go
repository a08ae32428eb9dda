package training

import (
	"context"

	"fyne.io/fyne/v2/dialog"

	apptraining "townledger/app/training"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// confirmDelete asks, then removes the session with its attendance and files.
func (f *SessionForm) confirmDelete() {
	dialog.ShowConfirm(locale.T("action.delete"), locale.T("training.delete.confirm", map[string]any{
		"Title": f.session.Title, "N": f.session.Attendance}), func(ok bool) {
		if ok {
			f.DeleteNow()
		}
	}, f.t.u.Win)
}

// DeleteNow removes the session without asking (the confirmation's answer): its attendance
// leaves everyone's hours, and the records stay in the database's history.
func (f *SessionForm) DeleteNow() {
	if err := apptraining.DeleteSession(context.Background(), f.t.u.Office.Store, f.t.u.Session, f.session.ID); err != nil {
		kit.SetMessage(f.Message, kit.ListMessage(err))
		return
	}
	f.t.showList()
}
