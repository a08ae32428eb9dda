package kit

import (
	"context"
	"maps"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"townledger/ui/locale"
)

// draftDelay is how long typing may pause before the form's contents are kept: often enough
// that a crash loses a few seconds at most, rarely enough not to write on every key.
const draftDelay = 800 * time.Millisecond

// Draft keeps a form's unsaved contents in the ledger, per user, form and record, as they
// are typed; offers them back when the form is opened again (after a crash, a power cut or
// leaving by mistake); and tells the window whether leaving the form would lose changes.
// Bind every field after setting the form's own change handlers (they are chained).
type Draft struct {
	env     *Env
	form    string
	record  string
	fields  map[string]draftField
	order   []string
	dirty   bool
	loading bool // values being put back: not a change by the user
	pending bool // a save is scheduled
	mu      sync.Mutex
	saves   sync.WaitGroup
}

type draftField struct {
	get func() string
	set func(string)
}

// NewDraft starts the draft of a form (form names the form, e.g. "parties.party"; record is
// the record it edits, "" for a new one). It becomes the form the window asks about before
// leaving.
func (e *Env) NewDraft(form, record string) *Draft {
	d := &Draft{env: e, form: form, record: record, fields: map[string]draftField{}}
	e.active = append(e.active, d)
	return d
}

// Entry binds an entry to the draft.
func (d *Draft) Entry(name string, w *widget.Entry) {
	prev := w.OnChanged
	w.OnChanged = func(s string) {
		if prev != nil {
			prev(s)
		}
		d.Changed()
	}
	d.Value(name, func() string { return w.Text }, w.SetText)
}

// Select binds a drop-down to the draft.
func (d *Draft) Select(name string, w *Select) {
	prev := w.OnChanged
	w.OnChanged = func(s string) {
		if prev != nil {
			prev(s)
		}
		d.Changed()
	}
	d.Value(name, func() string { return w.Selected }, w.SetSelected)
}

// Check binds a tick box to the draft.
func (d *Draft) Check(name string, w *widget.Check) {
	prev := w.OnChanged
	w.OnChanged = func(b bool) {
		if prev != nil {
			prev(b)
		}
		d.Changed()
	}
	d.Value(name, func() string {
		if w.Checked {
			return "1"
		}
		return ""
	}, func(s string) { w.SetChecked(s != "") })
}

// Value binds anything else by its text form; the widget calls Changed when the user
// changes it.
func (d *Draft) Value(name string, get func() string, set func(string)) {
	if _, ok := d.fields[name]; !ok {
		d.order = append(d.order, name)
	}
	d.fields[name] = draftField{get: get, set: set}
}

// Changed marks the form changed and keeps its contents shortly after.
func (d *Draft) Changed() {
	if d.loading {
		return
	}
	d.dirty = true
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.pending {
		return
	}
	d.pending = true
	// Counted as the session's background work, so closing the ledger (and a test's end)
	// waits for the keep instead of racing it.
	d.env.tasks.Add(1)
	time.AfterFunc(draftDelay, func() {
		defer d.env.tasks.Done()
		fyne.DoAndWait(d.keep)
	})
}

// Dirty reports changes not saved to the ledger yet.
func (d *Draft) Dirty() bool { return d.dirty }

func (d *Draft) values() map[string]string {
	out := make(map[string]string, len(d.fields))
	for _, n := range d.order {
		out[n] = d.fields[n].get()
	}
	return out
}

// keep writes the draft (the values are read here, on the UI goroutine; the write is not).
func (d *Draft) keep() {
	d.mu.Lock()
	d.pending = false
	d.mu.Unlock()
	if !d.dirty {
		return
	}
	values, user, now := d.values(), d.env.Session.UserID, d.env.Now()
	d.saves.Add(1)
	d.env.tasks.Add(1)
	go func() {
		defer d.env.tasks.Done()
		defer d.saves.Done()
		if err := d.env.Office.Drafts.Save(context.Background(), user, d.form, d.record, values, now); err != nil {
			fyne.LogError("draft", err)
		}
	}()
}

// Saved ends the draft: the form's contents are in the ledger now.
func (d *Draft) Saved() {
	d.dirty = false
	d.discard()
}

func (d *Draft) discard() {
	d.saves.Wait() // a keep under way must not bring the draft back afterwards
	if err := d.env.Office.Drafts.Discard(context.Background(), d.env.Session.UserID, d.form, d.record); err != nil {
		fyne.LogError("draft", err)
	}
}

// Offer puts back a draft kept for this form, after asking, when it differs from what the
// form shows. Call it once the form is built and on screen.
func (d *Draft) Offer() {
	kept, ok, err := d.env.Office.Drafts.Load(context.Background(), d.env.Session.UserID, d.form, d.record)
	if err != nil {
		fyne.LogError("draft", err)
		return
	}
	if !ok || maps.Equal(kept.Values, d.values()) {
		return
	}
	when := kept.SavedAt.In(time.Local).Format("2006-01-02 15:04")
	ask := dialog.NewConfirm(locale.T("draft.offer.title"), locale.T("draft.offer.text", map[string]any{"At": when}),
		func(restore bool) {
			if !restore {
				d.discard()
				return
			}
			d.restore(kept.Values)
		}, d.env.Win)
	ask.SetConfirmText(locale.T("draft.offer.restore"))
	ask.SetDismissText(locale.T("draft.offer.discard"))
	ask.Show()
}

// Restore puts kept values back into the form; the form is then changed and unsaved.
func (d *Draft) restore(values map[string]string) {
	d.loading = true
	for _, n := range d.order {
		if v, ok := values[n]; ok {
			d.fields[n].set(v)
		}
	}
	d.loading = false
	d.dirty = true
}

// Settled marks the form as built: what it shows now is the starting point, not a change.
func (d *Draft) Settled() { d.dirty = false }

// Quietly runs fn, which sets the form's fields itself (clearing it after a save, say),
// without counting that as the user's change.
func (d *Draft) Quietly(fn func()) {
	d.loading = true
	defer func() { d.loading = false }()
	fn()
}

// Restore puts a kept draft's values back without asking (tests; a caller that asked).
func (d *Draft) Restore(values map[string]string) { d.restore(values) }

// Leave runs proceed when the open forms may be left: at once when nothing is unsaved, else
// after asking — keep editing, discard the changes, or leave and find them again next time.
func (e *Env) Leave(proceed func()) {
	var dirty []*Draft
	for _, d := range e.active {
		if d.Dirty() {
			dirty = append(dirty, d)
		}
	}
	if len(dirty) == 0 {
		e.active = nil
		proceed()
		return
	}
	var ask *dialog.CustomDialog
	stay := widget.NewButton(locale.T("leave.stay"), func() { ask.Hide() })
	drop := widget.NewButton(locale.T("leave.discard"), func() {
		ask.Hide()
		for _, d := range dirty {
			d.dirty = false
			d.discard()
		}
		e.active = nil
		proceed()
	})
	drop.Importance = widget.DangerImportance
	later := widget.NewButton(locale.T("leave.keep"), func() {
		ask.Hide()
		for _, d := range dirty {
			d.keep() // kept now, offered again when the form is next opened
			d.saves.Wait()
		}
		e.active = nil
		proceed()
	})
	later.Importance = widget.HighImportance
	ask = dialog.NewCustomWithoutButtons(locale.T("leave.title"), WrapLabel(locale.T("leave.text"), 420), e.Win)
	ask.SetButtons([]fyne.CanvasObject{stay, drop, later})
	ask.Show()
}

// Dirty reports whether an open form holds unsaved changes.
func (e *Env) Dirty() bool {
	for _, d := range e.active {
		if d.Dirty() {
			return true
		}
	}
	return false
}
