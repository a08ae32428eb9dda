package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	"townledger/app/office"
	"townledger/app/setup"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// Wizard is the first-run set-up: the town, then the administrator account.
type Wizard struct {
	u     *UI
	stage setup.Stage

	TownName, ShortName, DivisionCode, DistrictName, DistrictEmail *widget.Entry
	Since                                                          *widget.Entry // 建账日期
	Username, DisplayName, Password, Confirm                       *widget.Entry
	Demo                                                           *widget.Check
	Next, Back, Finish                                             *widget.Button
	Message                                                        *widget.Label

	townPage, adminPage fyne.CanvasObject
	content             *fyne.Container
	page                int
}

func newWizard(u *UI, stage setup.Stage) *Wizard {
	w := &Wizard{u: u, stage: stage, Message: kit.ErrorLabel()}
	w.TownName = kit.Entry(locale.T("wizard.town_name.hint"), kit.Validator(setup.CheckTownName))
	w.ShortName = kit.Entry(locale.T("wizard.short_name.hint"), nil)
	w.DivisionCode = kit.Entry(locale.T("wizard.division_code.hint"), kit.Validator(func(s string) error {
		_, err := setup.CheckDivisionCode(s)
		return err
	}))
	w.DistrictName = kit.Entry(locale.T("wizard.district_name.hint"), nil)
	w.DistrictEmail = kit.Entry(locale.T("wizard.district_email.hint"), kit.Validator(setup.CheckEmail))
	w.Since = kit.DateEntry(false)
	w.Since.SetText(u.Now().Format(office.DateLayout))
	w.Username = kit.Entry("admin", kit.Validator(auth.CheckUsername))
	w.Username.SetText("admin")
	w.DisplayName = kit.Entry(locale.T("wizard.display_name.hint"), nil)
	w.Password = widget.NewPasswordEntry()
	w.Password.Validator = kit.Validator(auth.CheckPasswordRules)
	w.Confirm = widget.NewPasswordEntry()
	w.Confirm.OnSubmitted = func(string) { w.finish() }
	w.Demo = widget.NewCheck(locale.T("wizard.demo"), nil)

	w.townPage = widget.NewForm(
		widget.NewFormItem(locale.T("wizard.town_name"), w.TownName),
		widget.NewFormItem(locale.T("wizard.short_name"), w.ShortName),
		widget.NewFormItem(locale.T("wizard.division_code"), w.DivisionCode),
		widget.NewFormItem(locale.T("wizard.district_name"), w.DistrictName),
		widget.NewFormItem(locale.T("wizard.district_email"), w.DistrictEmail),
		&widget.FormItem{Text: locale.T("wizard.since"), Widget: w.Since, HintText: locale.T("wizard.since.hint")},
	)
	w.adminPage = container.NewVBox(widget.NewForm(
		widget.NewFormItem(locale.T("wizard.username"), w.Username),
		widget.NewFormItem(locale.T("wizard.display_name"), w.DisplayName),
		widget.NewFormItem(locale.T("wizard.password"), w.Password),
		widget.NewFormItem(locale.T("wizard.confirm"), w.Confirm),
	), w.Demo)
	w.Next = widget.NewButton(locale.T("action.next"), w.next)
	w.Next.Importance = widget.HighImportance
	w.Back = widget.NewButton(locale.T("action.back"), func() { w.show(0) })
	w.Finish = widget.NewButton(locale.T("wizard.finish"), w.finish)
	w.Finish.Importance = widget.HighImportance

	// A refusal listed under the form follows the fields as they are mended, so it never
	// keeps saying what is already right.
	for _, e := range []*widget.Entry{w.TownName, w.ShortName, w.DivisionCode, w.DistrictName, w.DistrictEmail, w.Since,
		w.Username, w.DisplayName, w.Password, w.Confirm} {
		e.OnChanged = func(string) { w.recheck() }
	}
	w.content = container.NewStack()
	if stage == setup.NeedsTown {
		w.show(0)
	} else {
		w.show(1)
	}
	return w
}

// Page is 0 for the town page and 1 for the account page.
func (w *Wizard) Page() int { return w.page }

func (w *Wizard) show(page int) {
	w.page = page
	kit.SetMessage(w.Message, "")
	title, intro, body := locale.T("wizard.town.title"), locale.T("wizard.town.intro"), w.townPage
	buttons := container.NewHBox(kit.Spacer(), w.Next)
	if page == 1 {
		title, intro, body = locale.T("wizard.admin.title"), locale.T("wizard.admin.intro"), w.adminPage
		buttons = container.NewHBox(kit.Spacer(), w.Finish)
		if w.stage == setup.NeedsTown {
			buttons = container.NewHBox(w.Back, kit.Spacer(), w.Finish)
		}
	}
	introLabel := widget.NewLabel(intro)
	introLabel.Wrapping = fyne.TextWrapWord
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	steps := widget.NewLabel(locale.T("wizard.step", map[string]any{"N": page + 1, "Of": 2}))
	if w.stage != setup.NeedsTown {
		steps.Hide()
	}
	icon := canvas.NewImageFromResource(Icon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(48, 48))
	brand := widget.NewLabelWithStyle(locale.T("app.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	brand.SizeName = theme.SizeNameHeadingText
	column := container.NewVBox(
		container.NewHBox(icon, brand),
		widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, steps, heading),
		introLabel,
		body,
		w.Message,
		buttons,
	)
	w.content.Objects = []fyne.CanvasObject{container.NewCenter(container.NewStack(kit.Strut(640), column))}
	w.content.Refresh()
}

func (w *Wizard) town() setup.Town {
	return setup.Town{Name: w.TownName.Text, ShortName: w.ShortName.Text, DivisionCode: w.DivisionCode.Text,
		DistrictName: w.DistrictName.Text, DistrictEmail: w.DistrictEmail.Text, Since: w.Since.Text}
}

func (w *Wizard) admin() setup.Admin {
	return setup.Admin{NewAccount: auth.NewAccount{Username: w.Username.Text, DisplayName: w.DisplayName.Text,
		Password: w.Password.Text, Roles: []auth.Role{auth.Admin}}, Confirm: w.Confirm.Text}
}

// recheck updates a refusal already shown to what is still wrong on the page.
func (w *Wizard) recheck() {
	if !w.Message.Visible() {
		return
	}
	l := w.town().Validate()
	if w.page == 1 {
		l = w.admin().Validate()
	}
	if err := l.Err(); err != nil {
		kit.SetMessage(w.Message, kit.ListMessage(err))
		return
	}
	kit.SetMessage(w.Message, "")
}

func (w *Wizard) next() {
	if err := w.town().Validate().Err(); err != nil {
		kit.SetMessage(w.Message, kit.ListMessage(err))
		return
	}
	w.show(1)
}

func (w *Wizard) finish() {
	if err := w.u.Office.Setup.Run(context.Background(), w.town(), w.admin()); err != nil {
		kit.SetMessage(w.Message, kit.ListMessage(err))
		return
	}
	username := strings.TrimSpace(w.Username.Text)
	if !w.Demo.Checked {
		w.u.showLogin(username)
		return
	}
	demoSvc := w.u.Office.Demo
	w.u.env().Run(locale.T("demo.loading"), func(ctx context.Context) error {
		return demoSvc.Load(ctx, office.System, w.u.Now())
	}, func(err error) {
		w.u.showLogin(username)
		if err != nil {
			kit.ShowError(w.u.Win, err)
		}
	})
}
