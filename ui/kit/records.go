package kit

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/cases/rules"
	"townledger/app/office"
	"townledger/ui/locale"
)

const PageSize = 100

// RecordList is a section's searchable list. Rows come from the database a page at a
// time as the list scrolls, so a section with 100,000 records opens as fast as one with 10.
type RecordList struct {
	u      *Env
	kind   office.ListKind
	Search *widget.Entry
	Count  *widget.Label
	List   *widget.List
	Empty  *widget.Label
	// OnOpen, when set, opens a record picked in the list.
	OnOpen func(id string)
	// Notice says what was just done ("已保存：张三"), under the search box.
	Notice *widget.Label
	// TagKey, when set, names the translation key of a row's tag (a training's form, say).
	TagKey func(tag string) string
	// Fetch gives, on the UI goroutine, what reads the list for the search (and a section's
	// filters) as they are now: the pages and the number of matches, read in the background.
	// Sections with filters replace it.
	Fetch func(query string) ListReader

	total int
	pages *Pages[office.ListItem] // the current reading's
	query string
	// ctx is the current reading's: a new query (a keystroke) or leaving the section cancels it.
	ctx    context.Context
	cancel context.CancelFunc

	filters *fyne.Container
	content fyne.CanvasObject
}

// ListReader reads a page of a list and how many lines it has; safe on any goroutine.
type ListReader func(ctx context.Context, page office.ListPage) ([]office.ListItem, int, error)

// SetFilters puts a section's filters (drop-downs) beside the search box, under the heading.
func (r *RecordList) SetFilters(filters ...fyne.CanvasObject) {
	r.filters.Layout = layout.NewGridLayoutWithColumns(len(filters))
	r.filters.Objects = filters
	r.filters.Refresh()
}

func NewRecordList(u *Env, kind office.ListKind, actions ...fyne.CanvasObject) *RecordList {
	r := &RecordList{u: u, kind: kind}
	r.Fetch = func(q string) ListReader {
		return func(ctx context.Context, page office.ListPage) ([]office.ListItem, int, error) {
			return u.Office.ListFrom(ctx, kind, q, page)
		}
	}
	r.Search = widget.NewEntry()
	r.Search.SetPlaceHolder(locale.T("list.search"))
	r.Search.OnChanged = func(q string) { r.query = q; r.Reload() }
	r.Count = widget.NewLabel("")
	r.Empty = widget.NewLabel("")
	r.Empty.Wrapping = fyne.TextWrapWord
	r.Empty.Alignment = fyne.TextAlignCenter
	r.List = widget.NewList(
		func() int { return r.total },
		func() fyne.CanvasObject { return ListRow(container.NewHBox(widget.NewLabel(""), widget.NewLabel(""))) },
		func(i widget.ListItemID, o fyne.CanvasObject) { r.fill(i, o.(*fyne.Container)) },
	)
	r.List.OnSelected = func(i widget.ListItemID) {
		r.List.UnselectAll()
		if it, ok := r.item(i); ok && r.OnOpen != nil {
			r.OnOpen(it.ID)
		}
	}
	heading := widget.NewLabelWithStyle(locale.T("nav."+string(kind)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	r.filters = container.NewGridWithColumns(4)
	r.Notice = Notice()
	top := container.NewVBox(container.NewBorder(nil, nil, heading, container.NewHBox(append([]fyne.CanvasObject{r.Count}, actions...)...)),
		container.NewBorder(nil, nil, nil, r.filters, r.Search), r.Notice)
	r.content = container.NewBorder(top, nil, nil, nil, container.NewStack(r.List, container.NewVBox(Spacer(), r.Empty, Spacer())))
	r.Reload()
	return r
}

// Reload reads the list again for the search now: in the background (a search over a large
// ledger can take longer than a frame), the reading of the search before cancelled, and
// shown unless the search changed meanwhile.
func (r *RecordList) Reload() {
	r.Stop()
	ctx, cancel := context.WithCancel(context.Background())
	r.ctx, r.cancel = ctx, cancel
	fetch := r.Fetch(r.query)
	if r.u.SyncReads {
		items, total, err := fetch(ctx, office.ListPage{Limit: PageSize})
		r.show(ctx, fetch, items, total, err)
		return
	}
	gate := r.u.ReadGate
	read := func() ([]office.ListItem, int, error) {
		if gate != nil {
			if err := gate(ctx, "list."+string(r.kind)); err != nil {
				return nil, 0, err
			}
		}
		return fetch(ctx, office.ListPage{Limit: PageSize})
	}
	r.u.Background(func(context.Context) (func(), error) {
		items, total, err := read()
		if ctx.Err() != nil {
			return nil, nil // another search, or the section was left
		}
		return func() {
			if ctx == r.ctx {
				r.show(ctx, fetch, items, total, err)
			}
		}, nil
	})
}

// Stop cancels the list's reading under way, if any: the section is left.
func (r *RecordList) Stop() {
	if r.cancel != nil {
		r.cancel()
	}
}

// show puts a reading of the list on screen; read reads its further pages.
func (r *RecordList) show(ctx context.Context, read ListReader, items []office.ListItem, total int, err error) {
	r.pages = nil
	if err != nil {
		r.total = 0
		SetMessage(r.Empty, locale.Err(err))
		r.List.Refresh()
		return
	}
	r.pages = NewPages(r.u, ctx, items, func(ctx context.Context, last office.ListItem) ([]office.ListItem, error) {
		page, _, err := read(ctx, office.ListPage{After: last.Key, Limit: PageSize})
		return page, err
	}, func(ctx context.Context, offset int) ([]office.ListItem, error) {
		page, _, err := read(ctx, office.ListPage{Offset: offset, Limit: PageSize})
		return page, err
	}, r.List.Refresh)
	r.total = total
	r.Count.SetText(locale.T("list.count", map[string]any{"N": total}))
	switch {
	case total > 0:
		r.Empty.Hide()
	case r.query != "":
		SetMessage(r.Empty, locale.T("list.no_match", map[string]any{"Query": r.query}))
	default:
		SetMessage(r.Empty, locale.T("empty."+string(r.kind)))
	}
	r.List.Refresh()
}

// item is row i (see Pages.Row).
func (r *RecordList) item(i int) (office.ListItem, bool) { return r.pages.Row(i) }

func (r *RecordList) fill(i int, row *fyne.Container) {
	it, _ := r.item(i)
	text := row.Objects[0].(*fyne.Container)
	text.Objects[0].(*widget.Label).SetText(it.Title)
	text.Objects[1].(*widget.Label).SetText(it.Detail)
	right := row.Objects[1].(*fyne.Container)
	tag := ""
	if it.Tag != "" {
		// Codes without a translation (a new stage, say) show as stored rather than as a key.
		key := "tag." + it.Tag
		switch {
		case r.TagKey != nil:
			key = r.TagKey(it.Tag)
		case r.kind == office.ListCases:
			key = rules.StepKey(rules.Step(it.Tag))
		}
		if tag = locale.T(key); tag == key {
			tag = it.Tag
		}
	}
	right.Objects[0].(*widget.Label).SetText(tag)
	right.Objects[1].(*widget.Label).SetText(it.Date)
}

// Content is the screen's widget tree.
func (x *RecordList) Content() fyne.CanvasObject { return x.content }

// Total is the number of records the list holds for its search.
func (r *RecordList) Total() int { return r.total }

// Item is the record on row i.
func (r *RecordList) Item(i int) (office.ListItem, bool) { return r.item(i) }
