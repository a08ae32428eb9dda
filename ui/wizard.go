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
	appdistrict "townledger/app/district"
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
	// Mode says whether the office is a town's or a district bureau's (区局).
	Mode               *widget.RadioGroup
	Next, Back, Finish *widget.Button
	Message            *widget.Label

	townPage, adminPage fyne.CanvasObject
	townForm            *widget.Form
	modes               map[string]string // label → app/district mode
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

	w.modes = map[string]string{locale.T("wizard.mode.town"): appdistrict.ModeTown,
		locale.T("wizard.mode.district"): appdistrict.ModeDistrict}
	w.Mode = widget.NewRadioGroup([]string{locale.T("wizard.mode.town"), locale.T("wizard.mode.district")}, func(string) { w.modeChanged() })
	w.Mode.Required = true
	w.Mode.Horizontal = true
	w.townForm = widget.NewForm(
		widget.NewFormItem(locale.T("wizard.mode"), w.Mode),
		widget.NewFormItem(locale.T("wizard.town_name"), w.TownName),
		widget.NewFormItem(locale.T("wizard.short_name"), w.ShortName),
		widget.NewFormItem(locale.T("wizard.division_code"), w.DivisionCode),
		widget.NewFormItem(locale.T("wizard.district_name"), w.DistrictName),
		widget.NewFormItem(locale.T("wizard.district_email"), w.DistrictEmail),
		&widget.FormItem{Text: locale.T("wizard.since"), Widget: w.Since, HintText: locale.T("wizard.since.hint")},
	)
	w.townPage = w.townForm
	w.Mode.SetSelected(locale.T("wizard.mode.town"))
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

// District says whether the office being set up is a district bureau's.
func (w *Wizard) District() bool { return w.modes[w.Mode.Selected] == appdistrict.ModeDistrict }

// modeChanged names the fields for the chosen kind of office: a district bureau gives its
// own name and code, and reports to no one above it (yet).
func (w *Wizard) modeChanged() {
	if w.townForm == nil {
		return
	}
	name, code, nameHint, codeHint := "wizard.town_name", "wizard.division_code", "wizard.town_name.hint", "wizard.division_code.hint"
	if w.District() {
		name, code, nameHint, codeHint = "wizard.bureau_name", "wizard.division_code", "wizard.bureau_name.hint", "wizard.bureau_code.hint"
		w.DistrictName.Hide()
		w.DistrictEmail.Hide()
		w.Demo.SetChecked(false)
		w.Demo.Hide()
	} else {
		w.DistrictName.Show()
		w.DistrictEmail.Show()
		w.Demo.Show()
	}
	w.townForm.Items[1].Text, w.townForm.Items[3].Text = locale.T(name), locale.T(code)
	w.TownName.SetPlaceHolder(locale.T(nameHint))
	w.DivisionCode.SetPlaceHolder(locale.T(codeHint))
	w.townForm.Refresh()
}

func (w *Wizard) town() setup.Town {
	t := setup.Town{Name: w.TownName.Text, ShortName: w.ShortName.Text, DivisionCode: w.DivisionCode.Text,
		DistrictName: w.DistrictName.Text, DistrictEmail: w.DistrictEmail.Text, Since: w.Since.Text}
	if w.District() {
		t.DistrictName, t.DistrictEmail, t.Bureau = "", "", true
	}
	return t
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
	if w.District() {
		// The administrator just made chooses the mode, as they would in the settings.
		ctx := context.Background()
		s, err := w.u.Office.Users.Login(ctx, username, w.Password.Text)
		if err == nil {
			err = w.u.Office.District.SetMode(ctx, s, appdistrict.ModeDistrict)
		}
		w.u.showLogin(username)
		if err != nil {
			kit.ShowError(w.u.Win, err)
		}
		return
	}
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
