package training

import (
	"context"

	"townledger/ui/kit"
	"townledger/ui/locale"
)

// confirmDelete asks, then removes the session with its attendance and files.
func (f *SessionForm) confirmDelete() {
	kit.ConfirmDelete(f.t.u.Win, locale.T("action.delete"), locale.T("training.delete.confirm", map[string]any{
		"Title": f.session.Title, "N": f.session.Attendance}), f.DeleteNow)
}

// DeleteNow removes the session without asking (the confirmation's answer): its attendance
// leaves everyone's hours, and the records stay in the database's history.
func (f *SessionForm) DeleteNow() {
	if err := f.t.u.Office.Training.DeleteSession(context.Background(), f.t.u.Session, f.session.ID); err != nil {
		kit.SetMessage(f.Message, kit.ListMessage(err))
		return
	}
	f.draft.Saved() // nothing left to keep or to ask about
	f.t.showList()
}
