package settings

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/districtpkg"
	"townledger/app/outbox"
	"townledger/ui/desktop"
	"townledger/ui/kit"
	"townledger/ui/locale"
	"townledger/ui/pkgview"
)

// PackageSettings is a town's 区局下发 tab: the district's package (its catalogue of
// delegated items, holiday calendar and legal parameters), found in the mailbox or opened
// from a file, what applying it would change, and applying it on the administrator's word —
// so the town never retypes the district's lists.
type PackageSettings struct {
	u       *kit.Env
	Applied *widget.Label  // the package last applied
	About   *widget.Label  // the package found: issuer, version, contents
	Changes *widget.Label  // what applying it would change, a line each
	Mail    *widget.Button // 查收区局邮件
	File    *widget.Button // 打开下发包文件…
	Apply   *widget.Button // 导入
	// Found is the package shown, ready to apply when Ready.
	Found   districtpkg.Package
	Ready   bool
	content fyne.CanvasObject
}

func newPackageSettings(u *kit.Env) *PackageSettings {
	p := &PackageSettings{u: u, Applied: widget.NewLabel(""), About: widget.NewLabel(locale.T("pkg.none_yet")),
		Changes: widget.NewLabel("")}
	for _, l := range []*widget.Label{p.Applied, p.About, p.Changes} {
		l.Wrapping = fyne.TextWrapWord
	}
	p.Mail = widget.NewButtonWithIcon(locale.T("pkg.check_mail"), theme.MailReplyIcon(), p.CheckMail)
	p.File = widget.NewButtonWithIcon(locale.T("pkg.open_file"), theme.FolderOpenIcon(), func() {
		desktop.OpenFile(u.Win, locale.T("pkg.open_file"), desktop.Filter{Name: locale.T("pkg.filter"), Exts: []string{districtpkg.FileExt}},
			p.OpenFile)
	})
	p.Apply = widget.NewButtonWithIcon(locale.T("pkg.apply"), theme.DownloadIcon(), p.confirmApply)
	p.Apply.Importance = widget.HighImportance
	p.Apply.Disable()
	intro := widget.NewLabel(locale.T("pkg.intro"))
	intro.Wrapping = fyne.TextWrapWord
	p.content = container.NewVBox(intro, p.Applied, container.NewHBox(p.Mail, p.File),
		widget.NewCard(locale.T("pkg.found"), "", container.NewVBox(p.About, p.Changes, container.NewHBox(p.Apply))))
	p.showApplied()
	return p
}

// showApplied says which package the ledger last applied.
func (p *PackageSettings) showApplied() {
	issuer, version, err := p.u.Office.District.AppliedPackage(context.Background())
	switch {
	case err != nil:
		p.Applied.SetText(locale.Err(err))
	case version == 0:
		p.Applied.SetText(locale.T("pkg.applied.none"))
	default:
		p.Applied.SetText(locale.T("pkg.applied", map[string]any{"Version": version, "Issuer": issuer}))
	}
}

// CheckMail reads the mailbox for the district's package mail in the background and shows
// the newest one that can be applied, with the reasons of those that cannot.
func (p *PackageSettings) CheckMail() {
	p.u.MailAccount(func(cfg outbox.Config, pw string) {
		var found []districtpkg.Found
		p.u.Run(locale.T("pkg.checking"), func(ctx context.Context) error {
			var err error
			found, err = p.u.Office.District.FindPackages(ctx, p.u.Mail.Account(cfg, pw))
			return err
		}, func(err error) {
			if err != nil {
				kit.ShowError(p.u.Win, err)
				return
			}
			var refused []string
			best := -1
			for i, f := range found {
				if f.Err != nil {
					what := locale.T("cli.package.mail", map[string]any{"Subject": f.Mail.Subject, "Date": f.Mail.Date.Local().Format("2006-01-02 15:04")})
					refused = append(refused, locale.T("cli.package.refused", map[string]any{"What": what, "Reason": strings.Join(locale.Lines(f.Err), "；")}))
					continue
				}
				best = i
			}
			if best < 0 {
				p.show(districtpkg.Package{}, "", nil, append(refused, locale.T("cli.package.none")))
				return
			}
			f := found[best]
			p.preview(f.Package, locale.T("cli.package.mail", map[string]any{"Subject": f.Mail.Subject,
				"Date": f.Mail.Date.Local().Format("2006-01-02 15:04")}), refused)
		})
	})
}

// OpenFile reads a package from a file (as mailed, saved from any mail program) and shows
// what it would change.
func (p *PackageSettings) OpenFile(path string) {
	if path == "" {
		return
	}
	var pkg districtpkg.Package
	p.u.Run(locale.T("pkg.checking"), func(ctx context.Context) error {
		raw, err := districtpkg.ReadFile(path)
		if err != nil {
			return err
		}
		if pkg, err = districtpkg.Open(ctx, raw); err != nil {
			return err
		}
		return p.u.Office.District.CheckPackage(ctx, pkg)
	}, func(err error) {
		if err != nil {
			p.show(districtpkg.Package{}, "", nil, []string{locale.T("pkg.refused", map[string]any{"File": desktop.DisplayPath(path),
				"Reason": strings.Join(locale.Lines(err), "；")})})
			return
		}
		p.preview(pkg, desktop.DisplayPath(path), nil)
	})
}

// preview works out what the package would change and shows it.
func (p *PackageSettings) preview(pkg districtpkg.Package, from string, notes []string) {
	var ch districtpkg.Changes
	p.u.Run(locale.T("pkg.checking"), func(ctx context.Context) error {
		var err error
		ch, err = p.u.Office.District.PreviewPackage(ctx, pkg)
		return err
	}, func(err error) {
		if err != nil {
			p.show(districtpkg.Package{}, "", nil, append(notes, locale.Err(err)))
			return
		}
		p.show(pkg, from, &ch, notes)
	})
}

// show puts a package and its changes on the tab; ch nil means there is nothing to apply.
func (p *PackageSettings) show(pkg districtpkg.Package, from string, ch *districtpkg.Changes, notes []string) {
	p.Found, p.Ready = pkg, ch != nil && !ch.Empty()
	about := locale.T("pkg.none_yet")
	if ch != nil {
		about = pkgview.About(pkg, from)
	}
	p.About.SetText(about)
	lines := notes
	if ch != nil {
		lines = append(lines, pkgview.Changes(*ch)...)
	}
	p.Changes.SetText(strings.Join(lines, "\n"))
	if p.Ready {
		p.Apply.Enable()
	} else {
		p.Apply.Disable()
	}
}

func (p *PackageSettings) confirmApply() {
	if !p.Ready {
		return
	}
	dialog.ShowConfirm(locale.T("pkg.apply"), locale.T("pkg.apply.confirm", map[string]any{"Version": p.Found.Manifest.Version}),
		func(ok bool) {
			if ok {
				p.ApplyNow()
			}
		}, p.u.Win)
}

// ApplyNow applies the package shown (the administrator has confirmed): in one transaction,
// after checking the ledger is sound; the tab then says what changed.
func (p *PackageSettings) ApplyNow() {
	pkg := p.Found
	var ch districtpkg.Changes
	p.u.Run(locale.T("pkg.applying"), func(ctx context.Context) error {
		if err := p.u.Office.Backup.CheckSound(ctx); err != nil {
			return err
		}
		var err error
		ch, err = p.u.Office.District.ApplyPackage(ctx, p.u.Session, pkg)
		return err
	}, func(err error) {
		if err != nil {
			kit.ShowError(p.u.Win, err)
			return
		}
		p.Ready = false
		p.Apply.Disable()
		p.Changes.SetText(strings.Join(append([]string{locale.T("cli.package.applied", map[string]any{"Version": pkg.Manifest.Version})},
			pkgview.Changes(ch)...), "\n"))
		p.showApplied()
		p.u.Refresh()
	})
}
