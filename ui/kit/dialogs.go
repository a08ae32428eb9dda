package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"townledger/ui/locale"
)

func NewProgressDialog(w fyne.Window, title string, bar fyne.CanvasObject, cancel func()) dialog.Dialog {
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(bar), w)
	stop := widget.NewButton(locale.T("action.cancel"), func() { cancel(); d.Hide() })
	d.SetButtons([]fyne.CanvasObject{stop})
	return d
}

// ShowError tells the user what went wrong, in words.
func ShowError(w fyne.Window, err error) {
	dialog.ShowInformation(locale.T("error.title"), locale.Err(err), w)
}

// ErrorLabel is a red, wrapping message line for refusals next to a form.
func ErrorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

func SetMessage(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// Validator adapts an app/ check to Fyne's entry validation, in the user's language.
func Validator(check func(string) error) fyne.StringValidator {
	return func(s string) error {
		if err := check(s); err != nil {
			return translatedError{locale.Err(err)}
		}
		return nil
	}
}

type translatedError struct{ msg string }

func (e translatedError) Error() string { return e.msg }

// ConfirmDelete asks before a destructive action in words: the buttons say 删除 (marked as
// dangerous) and 取消, and the safe one is the default, never a bare 是/否.
func ConfirmDelete(w fyne.Window, title, question string, remove func()) {
	d := dialog.NewConfirm(title, question, func(ok bool) {
		if ok {
			remove()
		}
	}, w)
	d.SetConfirmText(locale.T("action.delete"))
	d.SetDismissText(locale.T("action.cancel"))
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// Notice is a quiet line saying what was just done ("已保存"); it is shown until the next
// change.
func Notice() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.SuccessImportance
	l.Hide()
	return l
}
