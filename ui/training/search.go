package training

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"townledger/app/search"
	apptraining "townledger/app/training"
	"townledger/ui/locale"
)

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

// matches tells whether a row is listed for what is typed. 只看已勾选 narrows the list at
// rest; a search looks at everyone, so Enter can tick anybody.
func (a *Attendance) matches(m *Member, q string) bool {
	if q == "" {
		return !a.TickedOnly.Checked || m.Ticked
	}
	return strings.Contains(m.Person.Name, q) || strings.HasPrefix(m.initials, q) ||
		strings.Contains(strings.ToLower(m.Person.Unit), q)
}

// filter lists the rows matching what is typed and highlights the one Enter would tick:
// the first not ticked yet, so typing the same initials again finds the next person.
func (a *Attendance) filter(q string) {
	q = strings.ToLower(strings.TrimSpace(q))
	if q != "" && !a.hasInitials { // at the first letter typed, not as the session opens
		for _, m := range a.Rows {
			m.initials = search.Initials(m.Person.Name)
		}
		a.hasInitials = true
	}
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
		a.say(locale.T("training.roster.no_match", map[string]any{"Query": q}), true, nil)
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
	if a.Search.Text == "" { // the highlight was moved with Down: no change to filter on
		a.filter("")
	} else {
		a.Search.SetText("")
	}
	key := "training.roster.ticked"
	if already {
		key = "training.roster.already"
	}
	a.say(locale.T(key, map[string]any{"Name": m.Person.Name, "Unit": m.Person.Unit}), false, nil)
	a.count()
	a.changed()
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
