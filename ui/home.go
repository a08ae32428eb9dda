package ui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"townledger/data"
	"townledger/ui/locale"
)

// Home is the first page after sign-in: how many records each part of the ledger holds;
// a tap on a figure opens its section.
type Home struct {
	Cards   map[data.ListKind]*LinkCard
	content fyne.CanvasObject
}

// LinkCard is a card that opens something when tapped.
type LinkCard struct {
	widget.Card
	OnTapped func()
}

func newLinkCard(title, subtitle string, tapped func()) *LinkCard {
	c := &LinkCard{OnTapped: tapped}
	c.Title, c.Subtitle = title, subtitle
	c.ExtendBaseWidget(c)
	return c
}

// Tapped runs the card's action.
func (c *LinkCard) Tapped(*fyne.PointEvent) {
	if c.OnTapped != nil {
		c.OnTapped()
	}
}

// Cursor shows a hand, as over a link.
func (c *LinkCard) Cursor() desktop.Cursor { return desktop.PointerCursor }

var homeKinds = []data.ListKind{data.ListCases, data.ListParties, data.ListCatalog, data.ListTrainings,
	data.ListStaff, data.ListActivities, data.ListExports}

func newHome(u *UI, shell *Shell) *Home {
	h := &Home{Cards: map[data.ListKind]*LinkCard{}}
	counts, err := u.Office.Store.Counts(context.Background())
	greeting := widget.NewLabelWithStyle(locale.T("home.greeting", map[string]any{"Name": u.session.DisplayName}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if err != nil {
		msg := widget.NewLabel(locale.Err(err))
		msg.Wrapping = fyne.TextWrapWord
		h.content = container.NewVBox(greeting, msg)
		return h
	}
	grid := container.NewGridWithColumns(4)
	for _, k := range homeKinds {
		key := "nav." + string(k)
		c := newLinkCard(strconv.Itoa(counts[k]), locale.T(key), func() { shell.Select(key) })
		h.Cards[k] = c
		grid.Add(c)
	}
	due := widget.NewLabel(locale.T("home.due.none"))
	if counts[data.ListCases] > 0 {
		due.SetText(locale.T("home.due.cases", map[string]any{"N": counts[data.ListCases]}))
	}
	due.Wrapping = fyne.TextWrapWord
	dueCard := widget.NewCard(locale.T("home.due"), "", due)
	hint := widget.NewLabel("")
	hint.Wrapping = fyne.TextWrapWord
	if counts[data.ListParties]+counts[data.ListCatalog]+counts[data.ListStaff] == 0 {
		hint.SetText(locale.T("home.start_hint"))
	} else {
		hint.Hide()
	}
	h.content = container.NewVScroll(container.NewVBox(greeting, hint, dueCard, grid))
	return h
}

// Content is the screen's widget tree.
func (x *Home) Content() fyne.CanvasObject { return x.content }
