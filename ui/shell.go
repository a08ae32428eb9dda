package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	appdistrict "townledger/app/district"
	"townledger/ui/cases"
	"townledger/ui/catalog"
	"townledger/ui/district"
	"townledger/ui/exports"
	"townledger/ui/home"
	"townledger/ui/kit"
	"townledger/ui/locale"
	"townledger/ui/parties"
	"townledger/ui/publicity"
	"townledger/ui/settings"
	"townledger/ui/training"
)

// section is one entry of the left navigation.
type section struct {
	Key   string // translation key of its name, also its identity
	icon  fyne.Resource
	build func() kit.Screen
}

// Shell is the main window: navigation on the left, the chosen section on the right.
type Shell struct {
	u        *UI
	Sections []section
	Nav      *widget.List
	Current  kit.Screen
	// Env is what the sections work with; tests reach the session's services through it.
	Env      *kit.Env
	Logout   *widget.Button
	body     *fyne.Container
	content  fyne.CanvasObject
	selected int
	moving   bool // the navigation is being set to match, not chosen by the user
}

func newShell(u *UI) *Shell {
	s := &Shell{u: u}
	env := kit.NewEnv(u.App, u.Win, u.Office, u.session, u.Now, u.Mail, &u.tasks)
	env.Version = u.Version
	env.SyncReads = u.SyncReads
	env.Go = func(key string) kit.Screen {
		s.Select(key)
		return s.Current
	}
	env.Refresh = func() { s.show(s.selected) }
	env.Restore = u.restore
	env.Rebuild = func(key string) {
		u.showShell(u.session)
		u.Shell.Select(key)
	}
	s.Env = env
	s.Sections = []section{
		{"nav.home", theme.HomeIcon(), func() kit.Screen { return home.New(env) }},
		{"nav.catalog", theme.ListIcon(), func() kit.Screen { return catalog.New(env) }},
		{"nav.cases", theme.DocumentIcon(), func() kit.Screen { return cases.New(env) }},
		{"nav.parties", theme.StorageIcon(), func() kit.Screen { return parties.New(env) }},
		{"nav.trainings", theme.HistoryIcon(), func() kit.Screen { return training.NewTrainings(env) }},
		{"nav.staff", theme.AccountIcon(), func() kit.Screen { return training.NewStaff(env) }},
		{"nav.activities", theme.MediaPhotoIcon(), func() kit.Screen { return publicity.New(env) }},
		{"nav.exports", theme.MailSendIcon(), func() kit.Screen { return exports.New(env) }},
		{"nav.settings", theme.SettingsIcon(), func() kit.Screen { return settings.New(env) }},
	}
	// A district bureau collects its towns' reports: it keeps no cases of its own.
	if mode, _ := u.Office.District.Mode(context.Background()); mode == appdistrict.ModeDistrict {
		s.Sections = []section{
			{"nav.towns", theme.HomeIcon(), func() kit.Screen { return district.NewTowns(env) }},
			{"nav.inbox", theme.MailComposeIcon(), func() kit.Screen { return district.NewInbox(env) }},
			{"nav.status", theme.GridIcon(), func() kit.Screen { return district.NewStatus(env) }},
			{"nav.consolidate", theme.DocumentSaveIcon(), func() kit.Screen { return district.NewConsolidated(env) }},
			{"nav.annual", theme.InfoIcon(), func() kit.Screen { return district.NewAnnual(env) }},
			{"nav.catalog", theme.ListIcon(), func() kit.Screen { return catalog.New(env) }},
			{"nav.settings", theme.SettingsIcon(), func() kit.Screen { return settings.New(env) }},
		}
	}
	s.Nav = widget.NewList(
		func() int { return len(s.Sections) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("赋权事项赋权"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(s.Sections[i].icon)
			row.Objects[1].(*widget.Label).SetText(locale.T(s.Sections[i].Key))
		},
	)
	s.Nav.OnSelected = func(i widget.ListItemID) {
		if s.moving || i == s.selected && s.Current != nil {
			return
		}
		// The list shows the choice at once; it goes back if the user stays on a changed form.
		s.reselect(s.selected)
		env.Leave(func() { s.show(i) })
	}
	s.body = container.NewStack()
	s.Logout = widget.NewButtonWithIcon(locale.T("action.logout"), theme.LogoutIcon(), func() {
		env.Leave(func() { u.showLogin(u.session.Username) })
	})
	user := widget.NewLabel(locale.T("shell.user", map[string]any{"Name": u.session.DisplayName}))
	town, _, _ := u.Office.Town(context.Background())
	title := widget.NewLabelWithStyle(town.Name+" · "+locale.T("app.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewBorder(nil, widget.NewSeparator(), nil, container.NewHBox(user, s.Logout), title)
	split := container.NewHSplit(s.Nav, container.NewPadded(s.body))
	split.Offset = 0.16
	s.content = container.NewBorder(top, nil, nil, nil, split)
	s.Nav.Select(0)
	return s
}

// Select opens the section with the given name key, e.g. "nav.cases".
func (s *Shell) Select(key string) bool {
	for i, sec := range s.Sections {
		if sec.Key == key {
			s.Nav.Select(i)
			return true
		}
	}
	return false
}

// SelectedKey is the name key of the open section.
func (s *Shell) SelectedKey() string { return s.Sections[s.selected].Key }

// reselect marks section i in the navigation without opening it.
func (s *Shell) reselect(i int) {
	s.moving = true
	s.Nav.Select(i)
	s.moving = false
}

func (s *Shell) show(i int) {
	// A page reading in the background (the home page's agenda) stops when it is replaced.
	if l, ok := s.Current.(interface{ Leave() }); ok {
		l.Leave()
	}
	s.selected = i
	s.reselect(i)
	s.Current = s.Sections[i].build()
	s.body.Objects = []fyne.CanvasObject{s.Current.Content()}
	s.body.Refresh()
	s.u.Win.SetTitle(locale.T("app.title") + " — " + locale.T(s.Sections[i].Key))
	s.u.trim.soon()
}
