package district

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	appdistrict "townledger/app/district"
	"townledger/app/report"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// Consolidated is the 汇总 section: for a period with versions in force, which towns a
// consolidated workbook adds up and which are missing, and the button that writes it.
type Consolidated struct {
	u        *kit.Env
	Period   *kit.Select
	Towns    *widget.Label // the towns included and those missing
	Write    *widget.Button
	Message  *widget.Label
	Periods  []string // canonical, the latest first
	labels   []string // PeriodText of Periods
	LastPath string   // the workbook the last consolidation wrote
	content  fyne.CanvasObject
}

// NewConsolidated makes the 汇总 section.
func NewConsolidated(u *kit.Env) *Consolidated {
	c := &Consolidated{u: u, Towns: widget.NewLabel(""), Message: widget.NewLabel("")}
	c.Towns.Wrapping = fyne.TextWrapWord
	c.Message.Wrapping = fyne.TextWrapWord
	c.Message.Hide()
	c.Period = kit.Choice(nil, nil)
	c.Write = widget.NewButtonWithIcon(locale.T("consolidate.write"), theme.DocumentSaveIcon(), c.choosePath)
	heading := widget.NewLabelWithStyle(locale.T("nav.consolidate"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	hint := widget.NewLabel(locale.T("consolidate.hint"))
	hint.Wrapping = fyne.TextWrapWord
	row := container.NewHBox(widget.NewLabel(locale.T("consolidate.period")), kit.Narrow(c.Period, 220), c.Write)
	c.content = container.NewBorder(container.NewVBox(heading, hint, row, c.Message), nil, nil, nil,
		container.NewVScroll(c.Towns))
	c.Refresh()
	c.Period.OnChanged = func(string) { c.showTowns() }
	return c
}

// Content is the screen's widget tree.
func (c *Consolidated) Content() fyne.CanvasObject { return c.content }

// Refresh reads the periods with versions in force again (the received list, one indexed
// query, as 收件 reads it).
func (c *Consolidated) Refresh() {
	got, err := c.u.Office.District.Inbox(context.Background())
	if err != nil {
		kit.SetMessage(c.Message, locale.Err(err))
		return
	}
	c.Periods, c.labels = nil, nil
	for _, r := range got {
		if r.InForce && r.Period != "" && !slices.Contains(c.Periods, r.Period) {
			c.Periods = append(c.Periods, r.Period)
		}
	}
	slices.Sort(c.Periods)
	slices.Reverse(c.Periods)
	for _, p := range c.Periods {
		c.labels = append(c.labels, PeriodText(p))
	}
	prev := c.Period.Selected
	c.Period.SetOptions(c.labels)
	if len(c.labels) == 0 {
		c.Write.Disable()
		c.Towns.SetText("")
		kit.SetMessage(c.Message, locale.T("consolidate.none"))
		return
	}
	c.Message.Hide()
	if !c.u.Session.Can(auth.ExportReports) {
		c.Write.Disable()
	} else {
		c.Write.Enable()
	}
	if slices.Contains(c.labels, prev) {
		c.Period.SetSelected(prev)
	} else {
		c.Period.SetSelected(c.labels[0])
	}
	c.showTowns()
}

// Chosen is the chosen period, canonical ("2023-Q4"), or "" when none is.
func (c *Consolidated) Chosen() string {
	if i := slices.Index(c.labels, c.Period.Selected); i >= 0 {
		return c.Periods[i]
	}
	return ""
}

// showTowns says which towns the chosen period's workbook adds up and which sent nothing
// in force (a reading per registered town, as 报送情况 reads a column).
func (c *Consolidated) showTowns() {
	p := c.Chosen()
	if p == "" {
		return
	}
	list, err := c.u.Office.District.Status(context.Background(), p)
	if err != nil {
		kit.SetMessage(c.Message, locale.Err(err))
		return
	}
	var in, out []string
	for _, ts := range list {
		switch {
		case ts.State == appdistrict.StateReceived:
			name := ts.Town.Name
			if !ts.Registered || name == "" {
				name = locale.T("inbox.town_unregistered", map[string]any{"Code": ts.Town.DivisionCode})
			}
			in = append(in, name+"（"+VersionText(ts.InForce.Version)+"）")
		case ts.Registered:
			out = append(out, ts.Town.Name)
		}
	}
	sep := locale.T("district.annual.separator")
	lines := []string{locale.T("consolidate.included", map[string]any{"N": len(in), "Towns": strings.Join(in, sep)})}
	if len(out) > 0 {
		lines = append(lines, locale.T("consolidate.missing", map[string]any{"N": len(out), "Towns": strings.Join(out, sep)}))
	} else {
		lines = append(lines, locale.T("consolidate.all"))
	}
	c.Towns.SetText(strings.Join(lines, "\n"))
}

func (c *Consolidated) choosePath() {
	p := c.Chosen()
	if p == "" {
		return
	}
	kit.SaveAs(c.u, locale.T("consolidate.file", map[string]any{"Period": p}), c.WriteTo)
}

// WriteTo writes the chosen period's consolidated workbook to path in the background, then
// says where it is.
func (c *Consolidated) WriteTo(path string) {
	p := c.Chosen()
	if p == "" {
		return
	}
	var got report.Consolidation
	c.u.Run(locale.T("consolidate.writing"), func(ctx context.Context) error {
		var err error
		got, err = c.u.Office.District.Consolidate(ctx, c.u.Session, p, path, c.u.Now(), "")
		return err
	}, func(err error) {
		if err != nil {
			kit.ShowError(c.u.Win, err)
			return
		}
		c.LastPath = got.Path
		text := widget.NewLabel(locale.T("consolidate.done", map[string]any{"Period": PeriodText(got.Period),
			"N": len(got.Towns), "Missing": len(got.Missing), "Path": got.Path}))
		text.Wrapping = fyne.TextWrapWord
		dialog.ShowCustom(locale.T("nav.consolidate"), locale.T("OK"), container.NewStack(kit.Strut(460), text), c.u.Win)
	})
}
