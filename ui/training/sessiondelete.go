package training

import (
	"context"

	"fyne.io/fyne/v2/dialog"

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
	if err := f.t.u.Office.Training.DeleteSession(context.Background(), f.t.u.Session, f.session.ID); err != nil {
		kit.SetMessage(f.Message, kit.ListMessage(err))
		return
	}
	f.t.showList()
}
