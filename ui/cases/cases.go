package cases

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	"townledger/app/caseimport"
	appcases "townledger/app/cases"
	"townledger/app/workbook"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// Cases is the 处罚案件 section: the case list, the filing form and a case's page.
type Cases struct {
	u      *kit.Env
	svc    *appcases.Service
	List   *CaseTable
	New    *widget.Button
	Filing *FilingForm // while the filing form is open
	Case   *CaseView   // while a case is open
	kit.Body
}

func New(u *kit.Env) *Cases {
	c := &Cases{u: u, svc: u.Office.Cases, Body: kit.NewBody()}
	c.New = widget.NewButtonWithIcon(locale.T("cases.new"), theme.ContentAddIcon(), c.showFiling)
	c.New.Importance = widget.HighImportance
	if !u.Session.Can(auth.EditCases) {
		c.New.Disable()
	}
	c.showList()
	return c
}

// Leave stops the list's reading under way: the shell calls it when another section
// replaces this one.
func (c *Cases) Leave() {
	if c.List != nil {
		c.List.Stop()
	}
	if c.Filing != nil {
		c.Filing.stop()
	}
}

func (c *Cases) showList() {
	c.Leave() // a list shown before is read no further
	c.Filing, c.Case = nil, nil
	disclose := widget.NewButtonWithIcon(locale.T("cases.disclosure"), theme.DownloadIcon(), func() {
		// The year chosen in the list's filter, or this year so far.
		now := c.u.Now()
		from, to := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, time.Local), now
		if y := c.List.Query.Year; y > 0 {
			from, to = time.Date(y, 1, 1, 0, 0, 0, 0, time.Local), time.Date(y, 12, 31, 0, 0, 0, 0, time.Local)
		}
		kit.SaveAs(c.u, locale.T("cases.disclosure.file", map[string]any{"Year": from.Year()}), func(path string) {
			var n int
			c.u.Run(locale.T("cases.disclosure"), func(ctx context.Context) error {
				var err error
				n, err = c.u.Office.Disclosure.WriteOn(ctx, from, to, path, now)
				return err
			}, func(err error) {
				if err != nil {
					kit.ShowError(c.u.Win, err)
					return
				}
				dialog.ShowInformation(locale.T("cases.disclosure"), locale.T("cli.disclosure.done", map[string]any{"N": n, "Path": path}), c.u.Win)
			})
		})
	})
	actions := []fyne.CanvasObject{disclose, c.New}
	if c.u.Session.Can(auth.EditCases) {
		actions = append(kit.TransferButtons(c.u, kit.Transfer{
			ImportFile: func(ctx context.Context, path string) (string, error) {
				r, err := c.u.Office.CaseImport.Import(ctx, c.u.Session, path, c.u.Now())
				return locale.T("cli.import.cases.done", map[string]any{"N": r.Cases, "M": r.NewParties}), err
			},
			WriteTemplate: func(path string) error { return workbook.WriteTemplate(caseimport.Spec, path) },
			TemplateName:  locale.T("cases.template_name"),
		}), actions...)
	}
	c.List = newCaseTable(c.u, actions...)
	c.List.OnOpen = c.open
	c.Set(c.List.content)
}

func (c *Cases) showFiling() {
	c.Filing, c.Case = newFilingForm(c), nil
	c.Set(c.Filing.content)
	c.Filing.draft.Settled()
	c.Filing.draft.Offer()
}

func (c *Cases) open(id string) {
	v, err := newCaseView(c, id)
	if err != nil {
		kit.ShowError(c.u.Win, err)
		return
	}
	c.Leave()
	c.Filing, c.Case = nil, v
	c.Set(v.content)
	v.stepForm.draft.Settled() // officers pre-ticked and the like are the form's start
	v.stepForm.draft.Offer()
}

func BackButton(c *Cases) *widget.Button {
	return widget.NewButtonWithIcon(locale.T("cases.back"), theme.NavigateBackIcon(), func() { c.u.Leave(c.showList) })
}

// OpenCase shows a case's page (from the home page or a party's page).
func (c *Cases) OpenCase(id string) { c.open(id) }
