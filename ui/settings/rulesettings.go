package settings

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"townledger/app/cases/rules"
	appsettings "townledger/app/settings"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// RuleSettings shows the rule sets the office's cases are checked under, each with its start
// date and the values it gives, and edits the office's local settings over them.
type RuleSettings struct {
	u       *kit.Env
	Entries map[string]*widget.Entry // by settings key: the local values and the office's own numbers
	Sets    []*widget.Label          // one line per rule set: title, start, source, what awaits confirmation
	Save    *widget.Button
	Message *widget.Label
	Notice  *widget.Label
	draft   *kit.Draft
	content fyne.CanvasObject
}

func newRuleSettings(u *kit.Env) *RuleSettings {
	r := &RuleSettings{u: u, Entries: map[string]*widget.Entry{}, Message: kit.ErrorLabel(), Notice: kit.Notice()}
	book, err := u.Office.Law.Load(context.Background())
	if err != nil {
		kit.SetMessage(r.Message, locale.Err(err))
	}
	values, err := u.Office.Settings.Values(context.Background())
	if err != nil {
		kit.SetMessage(r.Message, locale.Err(err))
	}
	entry := func(key, text, hint string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(text)
		e.SetPlaceHolder(hint)
		e.OnChanged = func(string) { kit.SetMessage(r.Notice, "") }
		r.Entries[key] = e
		return e
	}
	intro := widget.NewLabel(locale.T("law.intro"))
	intro.Wrapping = fyne.TextWrapWord
	sets := container.NewVBox()
	for _, s := range book.Sets {
		l := widget.NewLabel(setLine(s))
		l.Wrapping = fyne.TextWrapWord
		if len(s.Unconfirmed) > 0 {
			l.Importance = widget.WarningImportance
		}
		r.Sets = append(r.Sets, l)
		sets.Add(l)
	}

	// The values as a table: a row per parameter, a column per set, the local value last.
	cols := len(book.Sets) + 2
	grid := container.NewGridWithColumns(cols, heading(locale.T("law.param")))
	for _, s := range book.Sets {
		grid.Add(heading(locale.T("law.set.column", map[string]any{"From": s.From})))
	}
	grid.Add(heading(locale.T("law.local")))
	for _, f := range rules.ParamFields {
		grid.Add(widget.NewLabel(locale.T(rules.ParamKey(f.Name))))
		for _, s := range book.Sets {
			text := s.Params.Text(f.Name)
			if s.IsUnconfirmed(f.Name) {
				text = locale.T("law.unconfirmed", map[string]any{"Value": text})
			}
			v := widget.NewLabel(text)
			if s.IsUnconfirmed(f.Name) {
				v.Importance = widget.WarningImportance
			}
			grid.Add(v)
		}
		if f.Setting == "" {
			grid.Add(widget.NewLabel(locale.T("law.fixed")))
			continue
		}
		grid.Add(entry(f.Setting, book.Local[f.Setting], locale.T("law.follow_set")))
	}
	own := widget.NewForm()
	for _, k := range appsettings.Editable {
		own.Append(locale.T("settings.key."+k), container.NewHBox(kit.Narrow(entry(k, values[k], ""), 120)))
	}
	entrust := r.entrustForm(entry)
	r.Save = widget.NewButton(locale.T("action.save"), r.save)
	r.Save.Importance = widget.HighImportance
	r.content = kit.FormPage(nil, container.NewVBox(intro, sets, grid, widget.NewSeparator(), own, entrust), r.Message, r.Notice, r.Save)
	r.draft = u.NewDraft("settings.rules", "")
	for k, e := range r.Entries {
		r.draft.Entry(k, e)
	}
	return r
}

// setLine describes a set in one line: where it starts, what it is, whether values await
// confirmation against the published text.
func setLine(s rules.Set) string {
	line := locale.T("law.set.line", map[string]any{"From": s.From, "Title": s.Title,
		"Source": locale.T("law.source." + s.Source)})
	if n := len(s.Unconfirmed); n > 0 {
		names := make([]string, n)
		for i, name := range s.Unconfirmed {
			names[i] = strings.TrimSpace(locale.T(rules.ParamKey(name)))
		}
		line += "\n" + locale.T("law.set.unconfirmed", map[string]any{"N": n, "Names": strings.Join(names, "、")})
	}
	return line
}

// entrustForm edits the district's numbering of 委托 cases, with the number it gives shown.
func (r *RuleSettings) entrustForm(entry func(key, text, hint string) *widget.Entry) fyne.CanvasObject {
	n, err := r.u.Office.Settings.Entrust(context.Background())
	if err != nil {
		kit.SetMessage(r.Message, locale.Err(err))
	}
	num := func(v int) string {
		if v == 0 {
			return ""
		}
		return strconv.Itoa(v)
	}
	issuer := entry(appsettings.EntrustIssuer, n.Issuer, "示范区")
	mark := entry(appsettings.EntrustMark, n.Mark, "")
	from, to := entry(appsettings.EntrustFrom, num(n.From), ""), entry(appsettings.EntrustTo, num(n.To), "")
	example := widget.NewLabel("")
	show := func() {
		first, _ := strconv.Atoi(strings.TrimSpace(from.Text))
		no := rules.FormatMarked(strings.TrimSpace(issuer.Text), rules.DocCodes[rules.StepDecision], r.u.Now().Year(),
			strings.TrimSpace(mark.Text), max(first, 1))
		example.SetText(locale.T("settings.entrust.intro") + no)
	}
	for _, e := range []*widget.Entry{issuer, mark, from, to} {
		e.OnChanged = func(string) { kit.SetMessage(r.Notice, ""); show() }
	}
	example.Wrapping = fyne.TextWrapWord
	show()
	form := widget.NewForm(
		widget.NewFormItem(locale.T("settings.entrust.issuer_label"), kit.Narrow(issuer, 200)),
		widget.NewFormItem(locale.T("settings.entrust.mark_label"), kit.Narrow(mark, 200)),
		widget.NewFormItem(locale.T("settings.entrust.from_label"), container.NewHBox(kit.Narrow(from, 120),
			widget.NewLabel(locale.T("settings.entrust.to_label")), kit.Narrow(to, 120))))
	return widget.NewCard(locale.T("settings.entrust.title"), "", container.NewVBox(example, form))
}

// entrust reads the numbering fields; a range that is not a number is refused here.
func (r *RuleSettings) entrust() (appsettings.EntrustNumbering, bool) {
	n := appsettings.EntrustNumbering{Issuer: r.Entries[appsettings.EntrustIssuer].Text, Mark: r.Entries[appsettings.EntrustMark].Text}
	for k, to := range map[string]*int{appsettings.EntrustFrom: &n.From, appsettings.EntrustTo: &n.To} {
		text := strings.TrimSpace(r.Entries[k].Text)
		if text == "" {
			continue
		}
		v, err := strconv.Atoi(text)
		if err != nil {
			return n, false
		}
		*to = v
	}
	return n, true
}

func heading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

func (r *RuleSettings) save() {
	local, own := map[string]string{}, map[string]string{}
	for _, k := range appsettings.LawKeys {
		if e, ok := r.Entries[k]; ok {
			local[k] = e.Text
		}
	}
	for _, k := range appsettings.Editable {
		own[k] = r.Entries[k].Text
	}
	ctx := context.Background()
	if err := r.u.Office.Law.SetLocal(ctx, r.u.Session, local); err != nil {
		kit.SetMessage(r.Message, kit.ListMessage(err))
		return
	}
	if err := r.u.Office.Settings.SetValues(ctx, r.u.Session, own); err != nil {
		kit.SetMessage(r.Message, kit.ListMessage(err))
		return
	}
	n, ok := r.entrust()
	if !ok {
		kit.SetMessage(r.Message, locale.T(appsettings.KeyEntrustRange))
		return
	}
	if err := r.u.Office.Settings.SetEntrust(ctx, r.u.Session, n); err != nil {
		kit.SetMessage(r.Message, kit.ListMessage(err))
		return
	}
	r.draft.Saved()
	kit.SetMessage(r.Message, "")
	kit.SetMessage(r.Notice, locale.T("saved.at", map[string]any{"Time": r.u.Now().Format("15:04")}))
}
