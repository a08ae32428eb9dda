package catalog

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	"townledger/app/cases/rules"
	appcatalog "townledger/app/catalog"
	"townledger/app/office"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// Catalog is the 赋权事项 section: the delegated items, and an item's page with its legal
// references, fine ranges and discretion tiers.
type Catalog struct {
	u    *kit.Env
	List *kit.RecordList
	Item *office.CatalogItem // the open item, if any
	// Recall is the open item's recall form; nil unless the item is in force and the user
	// may change the catalogue.
	Recall *RecallForm
	kit.Body
}

func New(u *kit.Env) *Catalog {
	c := &Catalog{u: u, Body: kit.NewBody()}
	c.showList()
	return c
}

func (c *Catalog) showList() {
	c.Item = nil
	var actions []fyne.CanvasObject
	if c.u.Session.Can(auth.EditCatalog) {
		actions = kit.TransferButtons(c.u, kit.Transfer{
			ImportFile: func(ctx context.Context, path string) (string, error) {
				r, err := c.u.Office.Catalog.Import(ctx, c.u.Session, path, c.u.Now())
				return locale.T("cli.import.catalog.done", map[string]any{"Added": r.Added, "Revised": r.Revised, "Unchanged": r.Unchanged}), err
			},
			WriteTemplate: appcatalog.WriteTemplate,
			Export: func(ctx context.Context, path string) (string, error) {
				n, err := c.u.Office.Catalog.ExportWorkbook(ctx, path, c.u.Now())
				return locale.T("cli.export_catalog.done", map[string]any{"N": n, "Path": path}), err
			},
			TemplateName: locale.T("catalogpage.template_name"),
			ExportName:   locale.T("catalogpage.export_name", map[string]any{"Date": c.u.Now().Format("2006-01-02")}),
		})
	}
	c.List = kit.NewRecordList(c.u, office.ListCatalog, actions...)
	c.List.OnOpen = c.Open
	c.Set(c.List.Content())
}

func (c *Catalog) Open(id string) {
	it, ok, err := c.u.Office.CatalogItem(context.Background(), id)
	if err != nil || !ok {
		kit.ShowError(c.u.Win, kit.FirstError(err, kit.ErrNotFound))
		return
	}
	c.Item, c.Recall = &it, nil
	c.Set(catalogPage(c, it))
}

// yuanRange renders a fine range in 元, "" when the item sets none.
func yuanRange(min, max *int64) string {
	switch {
	case min == nil && max == nil:
		return ""
	case min == nil || *min == 0:
		return locale.T("catalogpage.range.max", map[string]any{"Max": rules.FormatYuan(*max)})
	case max == nil:
		return locale.T("catalogpage.range.min", map[string]any{"Min": rules.FormatYuan(*min)})
	}
	return locale.T("catalogpage.range", map[string]any{"Min": rules.FormatYuan(*min), "Max": rules.FormatYuan(*max)})
}

// refText renders a legal reference as "《law》第N条第N款第N项".
func refText(r office.LegalRef) string {
	s := fmt.Sprintf("《%s》%s", r.Law, locale.T("catalogpage.article", map[string]any{"N": r.Article}))
	if r.Paragraph > 0 {
		s += locale.T("catalogpage.paragraph", map[string]any{"N": r.Paragraph})
	}
	if r.Item > 0 {
		s += locale.T("catalogpage.item", map[string]any{"N": r.Item})
	}
	if r.LawVersion != "" {
		s += "（" + r.LawVersion + "）"
	}
	return s
}

func catalogPage(c *Catalog, it office.CatalogItem) fyne.CanvasObject {
	label := func(s string) *widget.Label {
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	info := widget.NewForm(
		widget.NewFormItem(locale.T("catalogpage.delegation"), label(locale.T("tag."+it.Delegation))),
		widget.NewFormItem(locale.T("catalogpage.agreement"), label(it.AgreementRef)),
		widget.NewFormItem(locale.T("catalogpage.version"), label(locale.T("catalogpage.version.text",
			map[string]any{"V": it.Version, "From": it.EffectiveFrom, "To": it.EffectiveTo, "Status": locale.T("catalogpage.status." + it.Status)}))),
		widget.NewFormItem(locale.T("catalogpage.unit"), label(yuanRange(it.UnitMin, it.UnitMax))),
		widget.NewFormItem(locale.T("catalogpage.person"), label(yuanRange(it.PersonMin, it.PersonMax))),
		widget.NewFormItem(locale.T("catalogpage.late_unit"), label(yuanRange(it.LateUnitMin, it.LateUnitMax))),
		widget.NewFormItem(locale.T("catalogpage.late_person"), label(yuanRange(it.LatePersonMin, it.LatePersonMax))),
		widget.NewFormItem(locale.T("catalogpage.late_extra"), label(it.LateExtra)),
		widget.NewFormItem(locale.T("catalogpage.exempt"), label(locale.T("catalogpage.exempt.text",
			map[string]any{"Minor": yesNo(it.MinorExempt), "First": yesNo(it.FirstExempt), "Cond": it.ExemptConditions}))),
	)
	refs := container.NewVBox()
	for _, r := range it.Refs {
		refs.Add(label(locale.T("catalogpage.ref."+r.Role) + "：" + refText(r)))
	}
	tiers := container.NewVBox()
	for _, t := range it.Tiers {
		tiers.Add(label(fmt.Sprintf("%s · %s · %s", t.Name, t.Condition, yuanRange(t.UnitMin, t.UnitMax))))
	}
	if len(it.Tiers) == 0 {
		tiers.Add(label(locale.T("catalogpage.tiers.none")))
	}
	heading := widget.NewLabelWithStyle(it.Code+" "+it.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	heading.Wrapping = fyne.TextWrapWord
	back := widget.NewButtonWithIcon(locale.T("catalogpage.back"), theme.NavigateBackIcon(), func() { c.u.Leave(c.showList) })
	body := container.NewVBox(
		widget.NewCard(locale.T("catalogpage.details"), "", info),
		widget.NewCard(locale.T("catalogpage.refs"), "", refs),
		widget.NewCard(locale.T("catalogpage.tiers"), "", tiers))
	if it.Status == appcatalog.StatusActive && c.u.Session.Can(auth.EditCatalog) {
		body.Add(c.recallCard(it))
	}
	return container.NewBorder(container.NewVBox(container.NewHBox(back), heading), nil, nil, nil, container.NewVScroll(body))
}

func yesNo(b bool) string {
	if b {
		return locale.T("Yes")
	}
	return locale.T("No")
}

// Leave stops the list's reading under way: the shell calls it when another section
// replaces this one.
func (c *Catalog) Leave() { c.List.Stop() }
