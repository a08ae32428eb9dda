package settings

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	appdistrict "townledger/app/district"
	"townledger/app/office"
	appsettings "townledger/app/settings"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

func ctxBG() context.Context { return context.Background() }

// Settings is the settings section: language, the town, the user's password and, for
// administrators, accounts and backups.
//
// The tabs after 常规 are made when first shown (Open), so each field below stays nil until
// its tab was shown, and for good when the user's role has no such tab.
type Settings struct {
	u        *kit.Env
	Language *kit.Select
	Mode     *widget.RadioGroup  // the office's mode; nil unless the user may change settings
	Users    *UserAdmin          // the accounts (settings.users), for administrators
	Calendar *CalendarEditor     // for those who may change settings
	Rules    *RuleSettings       // the same
	Lists    *ListSettings       // the same
	Mail     *MailSettings       // the same
	Disclose *DisclosureSettings // the same
	DocTexts *DocTextSettings    // the same: the case documents' fixed texts (doctexts.go)
	Packages *PackageSettings    // the same, in a town's ledger only
	Data     *DataSettings       // for those who may back up
	Tabs     *container.AppTabs
	content  fyne.CanvasObject
	later    map[*container.TabItem]func() // the tabs not made yet
	byKey    map[string]*container.TabItem
	keys     []string // the name keys of the tabs after 常规, in order
}

func New(u *kit.Env) *Settings {
	s := &Settings{u: u}
	names := map[string]string{}
	var options []string
	for _, l := range appsettings.Languages {
		names[locale.T("lang."+l)] = l
		options = append(options, locale.T("lang."+l))
	}
	s.Language = kit.Choice(options, nil)
	s.Language.SetSelected(locale.T("lang." + locale.Current()))
	s.Language.OnChanged = func(label string) { s.switchLanguage(names[label]) }

	town, _, _ := u.Office.Town(ctxBG())
	townForm := widget.NewForm(
		widget.NewFormItem(locale.T("wizard.town_name"), widget.NewLabel(town.Name)),
		widget.NewFormItem(locale.T("settings.town_code"), widget.NewLabel(town.Code)),
		widget.NewFormItem(locale.T("wizard.district_name"), widget.NewLabel(town.DistrictName)),
		widget.NewFormItem(locale.T("wizard.district_email"), widget.NewLabel(town.DistrictEmail)),
	)
	townTitle := locale.T("settings.town")
	mode, _ := u.Office.District.Mode(ctxBG()) // read once: the town card, the mode card and the tabs follow it
	if mode == appdistrict.ModeDistrict {
		// A bureau's own name and code; it reports to no one above it.
		townTitle = locale.T("settings.bureau")
		townForm = widget.NewForm(
			widget.NewFormItem(locale.T("wizard.bureau_name"), widget.NewLabel(town.Name)),
			widget.NewFormItem(locale.T("wizard.division_code"), widget.NewLabel(town.Code)),
		)
	}
	v, _ := u.Office.SchemaVersion(ctxBG())
	general := container.NewVBox(
		widget.NewCard(locale.T("settings.language"), "", s.Language),
		widget.NewCard(townTitle, "", townForm),
		s.modeCard(mode),
		widget.NewCard(locale.T("settings.password"), "", newPasswordForm(u)),
		widget.NewLabel(locale.T("settings.about", map[string]any{"Version": u.Version, "Schema": v})),
	)
	// One tab per concern; a user sees only the tabs of what their role may change. Each tab
	// but the first is made when it is first shown: making all ten (their forms and their
	// reads) held the window a quarter of a second on every visit to the section.
	items := []*container.TabItem{container.NewTabItem(locale.T("settings.general"), container.NewVScroll(general))}
	s.later = map[*container.TabItem]func(){}
	s.byKey = map[string]*container.TabItem{}
	// scroll: the tab's content scrolls as a whole; a form with a save button scrolls its
	// fields itself, its buttons fixed below them.
	tab := func(key string, scroll bool, build func() fyne.CanvasObject) {
		item := container.NewTabItem(locale.T(key), container.NewStack())
		s.later[item] = func() {
			c := build()
			if scroll {
				c = container.NewVScroll(c)
			}
			item.Content = c
			s.Tabs.Refresh()
		}
		s.byKey[key] = item
		s.keys = append(s.keys, key)
		items = append(items, item)
	}
	if u.Session.Can(auth.ManageUsers) {
		tab("settings.users", false, func() fyne.CanvasObject { s.Users = newUserAdmin(u); return s.Users.content })
	}
	if u.Session.Can(auth.ManageSettings) {
		tab("settings.rules", false, func() fyne.CanvasObject { s.Rules = newRuleSettings(u); return s.Rules.content })
		tab("calendar.title", true, func() fyne.CanvasObject { s.Calendar = newCalendarEditor(u); return s.Calendar.content })
		tab("lists.title", false, func() fyne.CanvasObject { s.Lists = newListSettings(u); return s.Lists.content })
		tab("disclosure.settings.tab", false, func() fyne.CanvasObject {
			s.Disclose = newDisclosureSettings(u)
			return s.Disclose.content
		})
		tab("mail.tab", false, func() fyne.CanvasObject { s.Mail = newMailSettings(u); return s.Mail.content })
		if mode != appdistrict.ModeDistrict {
			tab("pkg.tab", true, func() fyne.CanvasObject { s.Packages = newPackageSettings(u); return s.Packages.content })
		}
	}
	if u.Session.Can(auth.ManageBackups) {
		tab("settings.data", true, func() fyne.CanvasObject { s.Data = newDataSettings(u); return s.Data.content })
	}
	if u.Session.Can(auth.ManageSettings) { // last, so the tabs before keep their places
		tab("settings.doc.tab", false, func() fyne.CanvasObject {
			s.DocTexts = newDocTextSettings(u)
			return s.DocTexts.content
		})
	}
	s.Tabs = container.NewAppTabs(items...) // at once: each Append lays the tab bar out again
	s.Tabs.OnSelected = s.make
	s.content = s.Tabs
	return s
}

// make fills a tab made later the first time it is shown.
func (s *Settings) make(item *container.TabItem) {
	if build := s.later[item]; build != nil {
		delete(s.later, item)
		build()
	}
}

// Open shows the tab named by key ("settings.users"), made if it was not yet; false when the
// user has no such tab.
func (s *Settings) Open(key string) bool {
	item := s.byKey[key]
	if item == nil {
		return false
	}
	s.Tabs.Select(item)
	s.make(item) // Select calls OnSelected only when the tab changes
	return true
}

// TabKeys are the name keys of the tabs the user has, after 常规 (settings.general).
func (s *Settings) TabKeys() []string { return slices.Clone(s.keys) }

// modeCard lets an administrator make the office a town's or a district bureau's; the
// window is rebuilt with that mode's sections. Others see nothing of it.
func (s *Settings) modeCard(mode string) fyne.CanvasObject {
	if !s.u.Session.Can(auth.ManageSettings) {
		return container.NewVBox()
	}
	labels := map[string]string{locale.T("wizard.mode.town"): appdistrict.ModeTown,
		locale.T("wizard.mode.district"): appdistrict.ModeDistrict}
	s.Mode = widget.NewRadioGroup([]string{locale.T("wizard.mode.town"), locale.T("wizard.mode.district")}, nil)
	s.Mode.Horizontal = true
	s.Mode.Required = true
	for l, m := range labels {
		if m == mode {
			s.Mode.SetSelected(l)
		}
	}
	s.Mode.OnChanged = func(l string) {
		if labels[l] == "" || labels[l] == mode {
			return
		}
		if err := s.u.Office.District.SetMode(ctxBG(), s.u.Session, labels[l]); err != nil {
			kit.ShowError(s.u.Win, err)
			for back, m := range labels {
				if m == mode {
					s.Mode.SetSelected(back)
				}
			}
			return
		}
		s.u.Rebuild("nav.settings")
	}
	return widget.NewCard(locale.T("settings.mode"), locale.T("settings.mode.hint"), s.Mode)
}

func (s *Settings) switchLanguage(code string) {
	if code == "" || code == locale.Current() {
		return
	}
	if err := s.u.Office.Settings.SetLanguage(ctxBG(), s.u.Session, code); err != nil {
		kit.ShowError(s.u.Win, err)
		return
	}
	if err := locale.Use(code); err != nil {
		kit.ShowError(s.u.Win, err)
		return
	}
	// Widgets hold their text, so the window is rebuilt in the new language.
	s.u.Rebuild("nav.settings")
}

func newPasswordForm(u *kit.Env) fyne.CanvasObject {
	current, next := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	next.Validator = kit.Validator(auth.CheckPasswordRules)
	msg := kit.ErrorLabel()
	form := widget.NewForm(
		widget.NewFormItem(locale.T("settings.password.current"), current),
		widget.NewFormItem(locale.T("settings.password.new"), next),
	)
	form.SubmitText = locale.T("action.save")
	form.OnSubmit = func() {
		if err := u.Office.Users.ChangePassword(ctxBG(), u.Session, current.Text, next.Text); err != nil {
			kit.SetMessage(msg, locale.Err(err))
			return
		}
		current.SetText("")
		next.SetText("")
		kit.SetMessage(msg, "")
		dialog.ShowInformation(locale.T("settings.password"), locale.T("settings.password.changed"), u.Win)
	}
	return container.NewVBox(form, msg)
}

// UserAdmin lists accounts and adds new ones.
type UserAdmin struct {
	u                               *kit.Env
	List                            *widget.Label
	Username, DisplayName, Password *widget.Entry
	Roles                           *widget.CheckGroup
	Add                             *widget.Button
	Message                         *widget.Label
	content                         fyne.CanvasObject
	roleByLabel                     map[string]auth.Role
}

func newUserAdmin(u *kit.Env) *UserAdmin {
	a := &UserAdmin{u: u, List: widget.NewLabel(""), Message: kit.ErrorLabel(), roleByLabel: map[string]auth.Role{}}
	a.Username = kit.Entry("", kit.Validator(auth.CheckUsername))
	a.DisplayName = kit.Entry("", nil)
	a.Password = widget.NewPasswordEntry()
	a.Password.Validator = kit.Validator(auth.CheckPasswordRules)
	var labels []string
	for _, r := range auth.Roles {
		l := locale.T("role." + string(r))
		a.roleByLabel[l] = r
		labels = append(labels, l)
	}
	a.Roles = widget.NewCheckGroup(labels, nil)
	a.Roles.Horizontal = true
	a.Add = widget.NewButton(locale.T("settings.users.add"), a.add)
	form := widget.NewForm(
		widget.NewFormItem(locale.T("wizard.username"), a.Username),
		widget.NewFormItem(locale.T("wizard.display_name"), a.DisplayName),
		widget.NewFormItem(locale.T("wizard.password"), a.Password),
		widget.NewFormItem(locale.T("settings.users.roles"), a.Roles),
	)
	a.Add.Importance = widget.HighImportance
	a.content = kit.FormPage(nil, container.NewVBox(a.List, widget.NewSeparator(), form), a.Message, a.Add)
	a.refresh()
	return a
}

func (a *UserAdmin) refresh() {
	users, err := a.u.Office.Users.List(ctxBG(), a.u.Session)
	if err != nil {
		a.List.SetText(locale.Err(err))
		return
	}
	lines := make([]string, len(users))
	for i, us := range users {
		lines[i] = a.line(us)
	}
	a.List.SetText(strings.Join(lines, "\n"))
}

func (a *UserAdmin) line(us office.User) string {
	roles := make([]string, len(us.Roles))
	for i, r := range us.Roles {
		roles[i] = locale.T("role." + r)
	}
	state := ""
	if !us.Active {
		state = " (" + locale.T("settings.users.inactive") + ")"
	}
	return us.Username + " · " + us.DisplayName + " · " + strings.Join(roles, "、") + state
}

func (a *UserAdmin) add() {
	acct := auth.NewAccount{Username: a.Username.Text, DisplayName: a.DisplayName.Text, Password: a.Password.Text}
	for _, l := range a.Roles.Selected {
		acct.Roles = append(acct.Roles, a.roleByLabel[l])
	}
	if _, err := a.u.Office.Users.Create(ctxBG(), a.u.Session, acct); err != nil {
		kit.SetMessage(a.Message, kit.ListMessage(err))
		return
	}
	kit.SetMessage(a.Message, "")
	a.Username.SetText("")
	a.DisplayName.SetText("")
	a.Password.SetText("")
	a.Roles.SetSelected(nil)
	a.refresh()
}

// Content is the screen's widget tree.
func (x *Settings) Content() fyne.CanvasObject { return x.content }
