package training

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"townledger/app/search"
	apptraining "townledger/app/training"
	"townledger/ui/locale"
)

// Member is one person of the roster in a session's attendance, as ticked so far.
type Member struct {
	Person       apptraining.Person
	Ticked       bool
	Hours, Score string // as typed: own hours (left early) and exam score, "" for none
	initials     string
}

// Attendance ticks a session's attendees on the roster, mostly from the keyboard: typing in
// the search box filters the roster and highlights a match, Enter ticks it and clears the
// box, Up and Down move the highlight. A whole unit or a pasted list of names is ticked at
// once, and the line under the search says what was ticked.
type Attendance struct {
	win        fyne.Window
	editable   bool
	Rows       []*Member // the whole roster, in roster order
	Search     *RosterSearch
	Roster     *widget.List
	Units      map[string]*Chip
	TickedOnly *widget.Check
	Paste      *widget.Button
	PasteBox   *widget.Entry  // while the paste dialog is open
	PasteOK    *widget.Button // its 勾选 button
	Count      *widget.Label
	Status     *widget.Label // what the last action ticked, or what Enter would tick
	Undo       *Chip         // takes back the last unit or pasted list
	status     fyne.CanvasObject
	shown      []int // indexes into Rows of the rows listed
	hi         int   // index into shown of the highlighted row; -1 for none
	hinting    bool  // Status shows what Enter would tick
	undo       func()
	made       []*RosterRow
	content    fyne.CanvasObject
}

func newAttendance(win fyne.Window, people []apptraining.Person, picked map[string]apptraining.Attendee, editable bool) *Attendance {
	a := &Attendance{win: win, editable: editable, hi: -1, Units: map[string]*Chip{}, Count: widget.NewLabel("")}
	a.Count.TextStyle.Bold = true
	a.Status = widget.NewLabel("")
	a.Status.Wrapping = fyne.TextWrapBreak // Chinese has no spaces to wrap at
	byUnit := map[string][]int{}
	var units []string
	for _, p := range people {
		m := &Member{Person: p, initials: search.Initials(p.Name)}
		if at, ok := picked[p.ID]; ok {
			m.Ticked, m.Hours, m.Score = true, formatOptional(at.Hours), formatOptional(at.Score)
		}
		if _, ok := byUnit[p.Unit]; !ok {
			units = append(units, p.Unit)
		}
		byUnit[p.Unit] = append(byUnit[p.Unit], len(a.Rows))
		a.Rows = append(a.Rows, m)
	}
	a.Search = newRosterSearch(a)
	a.Roster = widget.NewList(func() int { return len(a.shown) },
		func() fyne.CanvasObject { return a.newRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*RosterRow).bind(a.shown[i], i == a.hi) })
	// A click anywhere on a row ticks or unticks it; typing goes on in the search box.
	a.Roster.OnSelected = func(i widget.ListItemID) {
		a.Roster.UnselectAll()
		if i < len(a.shown) && a.editable {
			a.setTicked(a.shown[i], !a.Rows[a.shown[i]].Ticked)
		}
	}
	a.TickedOnly = widget.NewCheck(locale.T("training.ticked_only"), func(bool) { a.filter(a.Search.Text) })
	a.Paste = widget.NewButton(locale.T("training.paste"), a.showPaste)
	a.Undo = newChip(locale.T("training.undo"), func() {
		if a.undo != nil {
			a.undo()
		}
	})
	chips := container.New(&wrapRow{}, container.NewCenter(widget.NewLabel(locale.T("training.tick_unit"))))
	for _, u := range units {
		rows := byUnit[u]
		name := u
		if name == "" {
			name = locale.T("training.no_unit")
		}
		c := newChip(locale.T("training.unit_chip", map[string]any{"Unit": name, "N": len(rows)}), func() { a.tickUnit(name, rows) })
		a.Units[u] = c
		chips.Add(c)
	}
	if !editable {
		a.Paste.Disable()
	}
	a.status = container.NewBorder(nil, nil, nil, container.NewCenter(a.Undo), a.Status)
	a.status.Hide()
	heading := widget.NewLabelWithStyle(locale.T("training.attendance"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewVBox(
		container.NewBorder(nil, nil, heading, container.NewHBox(a.Count, a.TickedOnly, a.Paste), a.Search),
		chips,
		a.status,
	)
	list := container.NewBorder(columnHeader(), nil, nil, nil, a.Roster)
	a.content = container.NewBorder(top, nil, nil, nil, container.NewThemeOverride(list, compactTheme{}))
	a.filter("")
	return a
}

// RosterSearch is the attendance search box: it filters the roster as typed, Enter ticks the
// highlighted person, Up and Down move the highlight and Escape clears it.
type RosterSearch struct {
	widget.Entry
	a *Attendance
}

func newRosterSearch(a *Attendance) *RosterSearch {
	s := &RosterSearch{a: a}
	s.ExtendBaseWidget(s)
	s.SetPlaceHolder(locale.T("training.search_roster.enter"))
	s.OnChanged = a.filter
	s.OnSubmitted = func(string) { a.enter() }
	return s
}

// TypedKey moves the highlight with the arrow keys; everything else edits the text.
func (s *RosterSearch) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		s.a.move(1)
	case fyne.KeyUp:
		s.a.move(-1)
	case fyne.KeyEscape:
		s.SetText("")
	default:
		s.Entry.TypedKey(k)
	}
}

func (a *Attendance) matches(m *Member, q string) bool {
	if a.TickedOnly.Checked && !m.Ticked {
		return false
	}
	return q == "" || strings.Contains(m.Person.Name, q) || strings.HasPrefix(m.initials, q) ||
		strings.Contains(strings.ToLower(m.Person.Unit), q)
}

// filter lists the rows matching what is typed and highlights the one Enter would tick:
// the first not ticked yet, so typing the same initials again finds the next person.
func (a *Attendance) filter(q string) {
	q = strings.ToLower(strings.TrimSpace(q))
	a.shown = a.shown[:0]
	a.hi = -1
	for i, m := range a.Rows {
		if a.matches(m, q) {
			a.shown = append(a.shown, i)
		}
	}
	if q != "" {
		for j, i := range a.shown {
			if !a.Rows[i].Ticked && (a.Rows[i].Person.Name == q || a.Rows[i].initials == q) {
				a.hi = j // an exact name or initials first
				break
			}
		}
		for j, i := range a.shown {
			if a.hi < 0 && !a.Rows[i].Ticked {
				a.hi = j
			}
		}
		if a.hi < 0 && len(a.shown) > 0 {
			a.hi = 0
		}
	}
	a.Roster.Refresh()
	if a.hi >= 0 {
		a.Roster.ScrollTo(a.hi)
	} else {
		a.Roster.ScrollToTop()
	}
	a.hint(q)
	a.count()
}

// hint says what Enter would do, or that nothing matches.
func (a *Attendance) hint(q string) {
	switch {
	case a.hi >= 0:
		m := a.Rows[a.shown[a.hi]]
		key := "training.roster.enter"
		if m.Ticked {
			key = "training.roster.enter_ticked"
		}
		text := locale.T(key, map[string]any{"Name": m.Person.Name, "Unit": m.Person.Unit})
		if len(a.shown) > 1 {
			text += locale.T("training.roster.more", map[string]any{"N": len(a.shown)})
		}
		a.say(text, false, nil)
		a.hinting = true
	case q != "":
		key := "training.roster.no_match"
		if a.TickedOnly.Checked {
			key = "training.roster.no_match_ticked"
		}
		a.say(locale.T(key, map[string]any{"Query": q}), true, nil)
		a.hinting = true
	case len(a.Rows) == 0:
		a.say(locale.T("training.roster.empty"), true, nil)
	case a.hinting:
		a.say("", false, nil)
	}
}

// say shows a line under the search, in red when it warns; undo, when given, is offered
// beside it.
func (a *Attendance) say(text string, warn bool, undo func()) {
	a.hinting = false
	a.Status.Importance = widget.MediumImportance
	if warn {
		a.Status.Importance = widget.DangerImportance
	}
	a.Status.SetText(text)
	a.undo = undo
	if undo != nil {
		a.Undo.Show()
	} else {
		a.Undo.Hide()
	}
	if text == "" {
		a.status.Hide()
	} else {
		a.status.Show()
	}
}

func (a *Attendance) move(by int) {
	if len(a.shown) == 0 {
		return
	}
	old := a.hi
	a.hi = min(max(a.hi+by, 0), len(a.shown)-1)
	if old >= 0 {
		a.Roster.RefreshItem(old)
	}
	a.Roster.RefreshItem(a.hi)
	a.Roster.ScrollTo(a.hi)
	a.hint(a.Search.Text)
}

// enter ticks the highlighted person and clears the search for the next name.
func (a *Attendance) enter() {
	if a.hi < 0 || !a.editable {
		return
	}
	m := a.Rows[a.shown[a.hi]]
	already := m.Ticked
	m.Ticked = true
	a.Search.SetText("")
	key := "training.roster.ticked"
	if already {
		key = "training.roster.already"
	}
	a.say(locale.T(key, map[string]any{"Name": m.Person.Name, "Unit": m.Person.Unit}), false, nil)
	a.count()
}

// setTicked ticks or unticks one person by mouse; typing then goes on in the search box.
func (a *Attendance) setTicked(i int, on bool) {
	if a.Rows[i].Ticked == on {
		return
	}
	a.Rows[i].Ticked = on
	a.refreshRow(i)
	a.count()
	a.win.Canvas().Focus(a.Search)
}

func (a *Attendance) refreshRow(i int) {
	for j, k := range a.shown {
		if k == i {
			a.Roster.RefreshItem(j)
		}
	}
}

// tickUnit ticks everyone of a unit and says who, with a way back.
func (a *Attendance) tickUnit(unit string, rows []int) {
	if !a.editable {
		return
	}
	var names []string
	var newly []int
	for _, i := range rows {
		if !a.Rows[i].Ticked {
			a.Rows[i].Ticked = true
			newly = append(newly, i)
			names = append(names, a.Rows[i].Person.Name)
		}
	}
	a.filter(a.Search.Text)
	a.win.Canvas().Focus(a.Search)
	if len(newly) == 0 {
		a.say(locale.T("training.roster.unit_already", map[string]any{"Unit": unit, "N": len(rows)}), false, nil)
		return
	}
	a.say(locale.T("training.roster.unit_ticked", map[string]any{"Unit": unit, "N": len(newly), "Names": joinNames(names, 12)}),
		false, a.untick(newly))
}

// untick is the undo of a bulk tick: the people it ticked are unticked again.
func (a *Attendance) untick(rows []int) func() {
	return func() {
		for _, i := range rows {
			a.Rows[i].Ticked = false
		}
		a.filter(a.Search.Text)
		a.say(locale.T("training.roster.undone", map[string]any{"N": len(rows)}), false, nil)
		a.win.Canvas().Focus(a.Search)
	}
}

func (a *Attendance) count() {
	a.Count.SetText(locale.T("training.count", map[string]any{"N": a.Ticked()}))
}

// Ticked is the number of people ticked.
func (a *Attendance) Ticked() int {
	n := 0
	for _, m := range a.Rows {
		if m.Ticked {
			n++
		}
	}
	return n
}

// Highlighted is the person Enter would tick, if any.
func (a *Attendance) Highlighted() (apptraining.Person, bool) {
	if a.hi < 0 {
		return apptraining.Person{}, false
	}
	return a.Rows[a.shown[a.hi]].Person, true
}

// Shown is the number of rows the search lists.
func (a *Attendance) Shown() int { return len(a.shown) }

// attendees reads the ticked people with their own hours and scores; problems name the
// person and the column.
func (a *Attendance) attendees() ([]apptraining.Attendee, []string) {
	var out []apptraining.Attendee
	var problems []string
	for _, m := range a.Rows {
		if !m.Ticked {
			continue
		}
		at := apptraining.Attendee{StaffID: m.Person.ID}
		var ok bool
		if at.Hours, ok = parseOptional(m.Hours); !ok {
			problems = append(problems, locale.T("training.person_hours.number", map[string]any{"Name": m.Person.Name, "Value": m.Hours}))
		}
		if at.Score, ok = parseOptional(m.Score); !ok {
			problems = append(problems, locale.T("training.person_score.number", map[string]any{"Name": m.Person.Name, "Value": m.Score}))
		}
		out = append(out, at)
	}
	return out, problems
}

func formatOptional(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// parseOptional reads a number typed with ASCII or full-width digits; "" is none.
func parseOptional(s string) (*float64, bool) {
	s = strings.TrimSpace(strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．' || r == '。':
			return '.'
		}
		return r
	}, s))
	if s == "" {
		return nil, true
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, false
	}
	return &v, true
}
