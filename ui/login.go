package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"townledger/assets"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// Login is the sign-in screen.
type Login struct {
	u                  *UI
	Username, Password *widget.Entry
	Submit             *widget.Button
	Message            *widget.Label
	content            fyne.CanvasObject
}

func newLogin(u *UI, username string) *Login {
	l := &Login{u: u, Message: kit.ErrorLabel()}
	l.Username = widget.NewEntry()
	l.Username.SetText(username)
	l.Username.OnSubmitted = func(string) { u.Win.Canvas().Focus(l.Password) }
	l.Password = widget.NewPasswordEntry()
	l.Password.OnSubmitted = func(string) { l.submit() }
	l.Submit = widget.NewButton(locale.T("login.submit"), l.submit)
	l.Submit.Importance = widget.HighImportance

	town, _, _ := u.Office.Town(context.Background())
	icon := canvas.NewImageFromResource(fyne.NewStaticResource("icon.png", assets.Icon))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(72, 72))
	form := widget.NewForm(
		widget.NewFormItem(locale.T("login.username"), l.Username),
		widget.NewFormItem(locale.T("login.password"), l.Password),
	)
	box := container.NewVBox(
		icon,
		widget.NewLabelWithStyle(locale.T("app.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(town.Name, fyne.TextAlignCenter, fyne.TextStyle{}),
		form, l.Message, l.Submit,
		widget.NewLabelWithStyle(u.Version, fyne.TextAlignCenter, fyne.TextStyle{}),
	)
	l.content = container.NewCenter(container.NewStack(kit.Strut(380), box))
	return l
}

func (l *Login) focusTarget() fyne.Focusable {
	if l.Username.Text == "" {
		return l.Username
	}
	return l.Password
}

func (l *Login) submit() {
	s, err := l.u.Office.Users.Login(context.Background(), l.Username.Text, l.Password.Text)
	if err != nil {
		kit.SetMessage(l.Message, locale.Err(err))
		l.Password.SetText("")
		l.u.Win.Canvas().Focus(l.Password)
		return
	}
	l.u.showShell(s)
}
