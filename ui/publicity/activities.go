package publicity

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/activityimport"
	"townledger/app/auth"
	"townledger/app/cases"
	"townledger/app/office"
	apppublicity "townledger/app/publicity"
	"townledger/app/workbook"
	"townledger/ui/desktop"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// Activities is the 宣传活动 section: the list, an activity's form with its figures and
// photos, and the period's figures.
type Activities struct {
	u      *kit.Env
	List   *kit.RecordList
	New    *widget.Button
	StatsB *widget.Button
	Form   *ActivityForm // while an activity is open
	// TypeFilter and YearFilter narrow the list.
	TypeFilter, YearFilter *kit.Select
	Stats                  *ActivityStats
	kit.Body
}

func New(u *kit.Env) *Activities {
	a := &Activities{u: u, Body: kit.NewBody()}
	a.New = widget.NewButtonWithIcon(locale.T("activity.new"), theme.ContentAddIcon(), func() { a.Open("") })
	if !u.Session.Can(auth.EditActivities) {
		a.New.Disable()
	}
	a.StatsB = widget.NewButtonWithIcon(locale.T("activity.stats"), theme.GridIcon(), a.showStats)
	a.showList()
	return a
}

func (a *Activities) showList() {
	a.Form, a.Stats = nil, nil
	actions := []fyne.CanvasObject{a.StatsB, a.New}
	if a.u.Session.Can(auth.EditActivities) {
		actions = append(kit.TransferButtons(a.u, kit.Transfer{
			ImportFile: func(ctx context.Context, path string) (string, error) {
				r, err := a.u.Office.ActivityImport.Import(ctx, a.u.Session, path, a.u.Now())
				return locale.T("cli.import.activities.done", map[string]any{"N": r.Recorded, "M": r.Skipped}), err
			},
			WriteTemplate: func(path string) error { return workbook.WriteTemplate(activityimport.Spec, path) },
			TemplateName:  locale.T("activity.template_name"),
		}), actions...)
	}
	a.List = kit.NewRecordList(a.u, office.ListActivities, actions...)
	a.List.OnOpen = a.Open
	// Filters by type and year above the list.
	types, _ := a.u.Office.Publicity.Types(context.Background())
	allTypes, allYears := locale.T("activity.filter.all_types"), locale.T("cases.filter.all.years")
	a.TypeFilter = kit.Choice(append([]string{allTypes}, types...), nil)
	this := a.u.Now().Year()
	years := []string{allYears}
	for y := this; y > this-5; y-- {
		years = append(years, strconv.Itoa(y))
	}
	a.YearFilter = kit.Choice(years, nil)
	a.TypeFilter.PlaceHolder, a.YearFilter.PlaceHolder = allTypes, allYears
	a.List.Fetch = func(q string) kit.ListReader {
		f := office.ActivityFilter{}
		if a.TypeFilter.Selected != allTypes {
			f.Type = a.TypeFilter.Selected
		}
		f.Year, _ = strconv.Atoi(a.YearFilter.Selected)
		return func(ctx context.Context, page office.ListPage) ([]office.ListItem, int, error) {
			return a.u.Office.ListActivitiesFrom(ctx, q, f, page)
		}
	}
	a.List.Reload() // with the filters
	a.TypeFilter.OnChanged = func(string) { a.List.Reload() }
	a.YearFilter.OnChanged = func(string) { a.List.Reload() }
	a.List.SetFilters(a.TypeFilter, a.YearFilter)
	a.Set(a.List.Content())
}

func (a *Activities) Open(id string) {
	f, err := newActivityForm(a, id)
	if err != nil {
		kit.ShowError(a.u.Win, err)
		return
	}
	a.Form = f
	a.Set(f.content)
	f.draft.Settled()
	f.draft.Offer()
}

func (a *Activities) showStats() {
	a.Stats = newActivityStats(a)
	a.Set(a.Stats.content)
}

// Back returns to the list, asking first when the form holds unsaved changes.
func (a *Activities) Back() *widget.Button {
	return widget.NewButtonWithIcon(locale.T("activity.back"), theme.NavigateBackIcon(), func() { a.u.Leave(a.showList) })
}

// activityCounts are the figure fields in the order the form shows them.
var activityCounts = []string{"banners", "boards", "materials", "consultations", "people", "enterprises", "drills", "drill_people"}

func countOf(a *apppublicity.Activity, name string) *int {
	return map[string]*int{"banners": &a.Banners, "boards": &a.Boards, "materials": &a.Materials,
		"consultations": &a.Consultations, "people": &a.People, "enterprises": &a.Enterprises,
		"drills": &a.Drills, "drill_people": &a.DrillPeople}[name]
}

// ActivityForm records an activity with its figures and, once saved, its photos.
type ActivityForm struct {
	a                                                    *Activities
	activity                                             apppublicity.Activity
	HeldOn, Title, PlaceName, Organisers, Partners, Cost *widget.Entry
	Notes                                                *widget.Entry
	Type, PlaceKind                                      *kit.Select
	Counts                                               map[string]*widget.Entry
	Save                                                 *widget.Button
	Delete                                               *widget.Button // nil for a new activity
	Message                                              *widget.Label
	Notice                                               *widget.Label // "已保存" after a save
	Photos                                               *fyne.Container
	PhotoMessage                                         *widget.Label
	places                                               map[string]string
	draft                                                *kit.Draft
	content                                              fyne.CanvasObject
}

func newActivityForm(a *Activities, id string) (*ActivityForm, error) {
	ctx := context.Background()
	f := &ActivityForm{a: a, Counts: map[string]*widget.Entry{}, Message: kit.ErrorLabel(), Notice: kit.Notice(), PhotoMessage: kit.ErrorLabel(),
		places: map[string]string{}, Photos: container.NewGridWrap(fyne.NewSize(110, 110))}
	if id != "" {
		var err error
		if f.activity, err = a.u.Office.Publicity.Load(ctx, id); err != nil {
			return nil, err
		}
	}
	types, err := a.u.Office.Publicity.Types(ctx)
	if err != nil {
		return nil, err
	}
	act := f.activity
	f.HeldOn = kit.DateEntry(true)
	f.HeldOn.SetText(act.HeldOn)
	f.Title, f.PlaceName, f.Organisers, f.Partners = kit.Entry("", nil), kit.Entry("", nil), kit.Entry("", nil), kit.Entry("", nil)
	f.Title.SetText(act.Title)
	f.PlaceName.SetText(act.PlaceName)
	f.Organisers.SetText(act.Organisers)
	f.Partners.SetText(act.Partners)
	f.Notes = widget.NewMultiLineEntry()
	f.Notes.SetText(act.Notes)
	f.Cost = kit.Entry(locale.T("activity.cost.hint"), kit.Validator(func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := cases.ParseYuan(s)
		return err
	}))
	if act.Cost > 0 {
		f.Cost.SetText(strconv.FormatFloat(float64(act.Cost)/100, 'f', 2, 64))
	}
	f.Type = kit.Choice(types, nil)
	f.Type.SetSelected(act.Type)
	var placeLabels []string
	for _, k := range apppublicity.PlaceKinds {
		l := locale.T("activity.place." + k)
		f.places[l] = k
		placeLabels = append(placeLabels, l)
	}
	f.PlaceKind = kit.Choice(placeLabels, nil)
	if act.PlaceKind != "" {
		f.PlaceKind.SetSelected(locale.T("activity.place." + act.PlaceKind))
	}
	// The figures in four columns of short fields: numbers, not paragraphs. Left empty, a
	// figure counts as 0.
	figures := container.NewGridWithColumns(4)
	cell := func(label string, e fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewLabel(label), nil, e)
	}
	for _, name := range activityCounts {
		e := kit.Entry("", nil)
		if n := *countOf(&act, name); n != 0 {
			e.SetText(strconv.Itoa(n))
		}
		f.Counts[name] = e
		figures.Add(cell(locale.T("activity.count."+name), e))
	}
	figures.Add(cell(locale.T("activity.cost"), f.Cost))
	form := widget.NewForm(
		widget.NewFormItem(locale.T("activity.held_on"), f.HeldOn),
		widget.NewFormItem(locale.T("activity.title"), f.Title),
		widget.NewFormItem(locale.T("activity.type"), f.Type),
		widget.NewFormItem(locale.T("activity.place"), container.NewGridWithColumns(2, f.PlaceKind, f.PlaceName)),
		widget.NewFormItem(locale.T("activity.organisers"), f.Organisers),
		widget.NewFormItem(locale.T("activity.partners"), f.Partners),
		widget.NewFormItem(locale.T("training.notes"), f.Notes),
	)
	f.Save = widget.NewButton(locale.T("action.save"), f.save)
	f.Save.Importance = widget.HighImportance
	if !a.u.Session.Can(auth.EditActivities) {
		f.Save.Disable()
	}
	body := container.NewVBox(form, widget.NewCard(locale.T("activity.figures"), locale.T("activity.figures.empty_is_zero"), figures))
	if act.ID != "" {
		add := widget.NewButtonWithIcon(locale.T("activity.photo.add"), theme.MediaPhotoIcon(), f.pickPhoto)
		f.refreshPhotos()
		body.Add(widget.NewCard(locale.T("activity.photos"), "", container.NewVBox(f.Photos, f.PhotoMessage, container.NewHBox(add))))
	}
	title := locale.T("activity.new")
	if act.ID != "" {
		title = act.Title
	}
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	if act.ID != "" && a.u.Session.Can(auth.EditActivities) {
		f.Delete = widget.NewButtonWithIcon(locale.T("action.delete"), theme.DeleteIcon(), f.confirmDelete)
		f.Delete.Importance = widget.DangerImportance
	}
	f.content = kit.FormPage(container.NewHBox(a.Back(), heading), body, f.Message, f.Delete, nil, f.Notice, f.Save)
	f.draft = a.u.NewDraft("publicity.activity", act.ID)
	for name, e := range map[string]*widget.Entry{"held_on": f.HeldOn, "title": f.Title, "place_name": f.PlaceName,
		"organisers": f.Organisers, "partners": f.Partners, "notes": f.Notes, "cost": f.Cost} {
		f.draft.Entry(name, e)
	}
	for name, e := range f.Counts {
		f.draft.Entry("count."+name, e)
	}
	f.draft.Select("type", f.Type)
	f.draft.Select("place_kind", f.PlaceKind)
	return f, nil
}

func (f *ActivityForm) save() {
	act := f.activity
	act.Title, act.Type, act.PlaceName = f.Title.Text, f.Type.Selected, f.PlaceName.Text
	act.PlaceKind, act.Organisers, act.Partners, act.Notes = f.places[f.PlaceKind.Selected], f.Organisers.Text, f.Partners.Text, f.Notes.Text
	var problems []string
	if d, err := kit.ParseDay(f.HeldOn.Text, true); err != nil {
		problems = append(problems, locale.Err(err))
	} else {
		act.HeldOn = d.Format(office.DateLayout)
	}
	for _, name := range activityCounts {
		text := strings.TrimSpace(f.Counts[name].Text)
		n := 0
		if text != "" {
			var err error
			if n, err = strconv.Atoi(text); err != nil {
				problems = append(problems, locale.T("activity.count.invalid", map[string]any{"Name": locale.T("activity.count." + name), "Value": text}))
			}
		}
		*countOf(&act, name) = n
	}
	act.Cost = 0
	if strings.TrimSpace(f.Cost.Text) != "" {
		fen, err := cases.ParseYuan(f.Cost.Text)
		if err != nil {
			problems = append(problems, locale.Err(err))
		}
		act.Cost = fen
	}
	if len(problems) > 0 {
		kit.SetMessage(f.Message, "• "+strings.Join(problems, "\n• "))
		return
	}
	id, err := f.a.u.Office.Publicity.Save(context.Background(), f.a.u.Session, act)
	if err != nil {
		kit.SetMessage(f.Message, kit.ListMessage(err))
		return
	}
	f.draft.Saved()
	f.a.Open(id) // reopened, the saved activity takes photos
	if f.a.Form != nil {
		kit.SetMessage(f.a.Form.Notice, locale.T("saved.at", map[string]any{"Time": f.a.u.Now().Format("15:04")}))
	}
}

func (f *ActivityForm) pickPhoto() {
	images := desktop.Filter{Name: locale.T("file.images"), Exts: []string{".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp"}}
	desktop.OpenFile(f.a.u.Win, locale.T("activity.photo.add"), images, func(path string) {
		content, err := kit.ReadLimited(path, apppublicity.MaxPhotoSize)
		if err != nil {
			kit.SetMessage(f.PhotoMessage, locale.Err(err))
			return
		}
		f.AddPhoto(filepath.Base(path), content)
	})
}

// AddPhoto stores a photo of the activity and shows its thumbnail.
func (f *ActivityForm) AddPhoto(name string, content []byte) {
	if _, err := f.a.u.Office.Publicity.AddPhoto(context.Background(), f.a.u.Session, f.activity.ID, name, content); err != nil {
		kit.SetMessage(f.PhotoMessage, kit.ListMessage(err))
		return
	}
	kit.SetMessage(f.PhotoMessage, "")
	f.refreshPhotos()
}

func (f *ActivityForm) refreshPhotos() {
	ctx := context.Background()
	photos, err := f.a.u.Office.Publicity.Photos(ctx, f.activity.ID)
	if err != nil {
		kit.SetMessage(f.PhotoMessage, locale.Err(err))
		return
	}
	f.Photos.Objects = nil
	for _, p := range photos {
		b, err := f.a.u.Office.Publicity.PhotoContent(ctx, p.ID)
		if err != nil {
			continue
		}
		img := canvas.NewImageFromResource(fyne.NewStaticResource(p.FileName, b))
		img.FillMode = canvas.ImageFillContain
		img.ScaleMode = canvas.ImageScaleFastest
		f.Photos.Add(img)
	}
	f.Photos.Refresh()
}

// confirmDelete asks, then removes the activity and its photos and returns to the list.
func (f *ActivityForm) confirmDelete() {
	kit.ConfirmDelete(f.a.u.Win, locale.T("action.delete"),
		locale.T("activity.delete.confirm", map[string]any{"Title": f.activity.Title}), f.DeleteNow)
}

// DeleteNow removes the activity without asking (the confirmation's answer).
func (f *ActivityForm) DeleteNow() {
	if err := f.a.u.Office.Publicity.Delete(context.Background(), f.a.u.Session, f.activity.ID); err != nil {
		kit.SetMessage(f.Message, kit.ListMessage(err))
		return
	}
	f.a.showList()
}

// ID is the activity's record id, "" until it is first saved.
func (f *ActivityForm) ID() string { return f.activity.ID }

// Leave stops the list's reading under way: the shell calls it when another section
// replaces this one.
func (a *Activities) Leave() { a.List.Stop() }
