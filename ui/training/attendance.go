package training

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	apptraining "townledger/app/training"
	"townledger/ui/locale"
)

// Member is one person of the roster in a session's attendance, as ticked so far.
type Member struct {
	Person       apptraining.Person
	Ticked       bool
	Hours, Score string // as typed: own hours (left early) and exam score, "" for none
	initials     string // pinyin initials of the name, made at the first search
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
	changed    func() // told of every change, for the form's draft
	made       []*RosterRow
	// hasInitials: the rows' pinyin initials are made, at the first search (for thousands
	// of people they held the session's opening)
	hasInitials bool
	content     fyne.CanvasObject
}

func newAttendance(win fyne.Window, people []apptraining.Person, picked map[string]apptraining.Attendee, editable bool) *Attendance {
	a := &Attendance{win: win, editable: editable, hi: -1, Units: map[string]*Chip{}, Count: widget.NewLabel(""),
		changed: func() {}}
	a.Count.TextStyle.Bold = true
	a.Status = widget.NewLabel("")
	a.Status.Wrapping = fyne.TextWrapBreak // Chinese has no spaces to wrap at
	byUnit := map[string][]int{}
	var units []string
	for _, p := range people {
		m := &Member{Person: p}
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
	// A saved session opens on the people who attended, not on the top of the roster.
	a.TickedOnly.Checked = len(picked) > 0
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

// setTicked ticks or unticks one person by mouse; typing then goes on in the search box.
func (a *Attendance) setTicked(i int, on bool) {
	if a.Rows[i].Ticked == on {
		return
	}
	a.Rows[i].Ticked = on
	a.refreshRow(i)
	a.count()
	a.changed()
	a.win.Canvas().Focus(a.Search)
}

// typed keeps own hours or a score typed on row i; typing them for someone unticked ticks
// them, since they were there (else the figure would be dropped on saving).
func (a *Attendance) typed(i int, set func(*Member), value string) {
	m := a.Rows[i]
	set(m)
	if strings.TrimSpace(value) != "" && !m.Ticked {
		m.Ticked = true
		a.refreshRow(i)
		a.count()
	}
	a.changed()
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
	a.changed()
	a.say(locale.T("training.roster.unit_ticked", map[string]any{"Unit": unit, "N": len(newly), "Names": joinNames(names, 12)}),
		false, a.untick(newly))
}

// untick is the undo of a bulk tick: the people it ticked are unticked again.
func (a *Attendance) untick(rows []int) func() {
	return func() {
		for _, i := range rows {
			a.Rows[i].Ticked = false
		}
		a.changed()
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

// draftValue is the attendance as one text for the form's draft: a line per ticked person
// with their own hours and score.
func (a *Attendance) draftValue() string {
	var b strings.Builder
	for _, m := range a.Rows {
		if m.Ticked {
			b.WriteString(m.Person.ID + "\t" + m.Hours + "\t" + m.Score + "\n")
		}
	}
	return b.String()
}

// restoreDraft puts back an attendance kept by draftValue; people no longer on the roster
// are left out.
func (a *Attendance) restoreDraft(v string) {
	kept := map[string][]string{}
	for _, line := range strings.Split(v, "\n") {
		if f := strings.Split(line, "\t"); len(f) == 3 {
			kept[f[0]] = f
		}
	}
	for _, m := range a.Rows {
		f, ok := kept[m.Person.ID]
		m.Ticked, m.Hours, m.Score = ok, "", ""
		if ok {
			m.Hours, m.Score = f[1], f[2]
		}
	}
	a.filter(a.Search.Text)
}
