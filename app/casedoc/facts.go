package casedoc

import (
	"strconv"
	"strings"
	"time"

	"townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/disclosure"
	"townledger/app/settings"
	"townledger/app/workdays"
	"townledger/data"
)

// source is everything a case's documents are made from, read once per case.
type source struct {
	view   cases.View
	town   data.Town
	office settings.DocTexts
	params rules.Params
	cal    *workdays.Calendar
	today  time.Time
	certs  map[string]string // officers' enforcement certificate numbers by name
}

// Party is the party as documents name it.
type Party struct {
	Name, Code, LegalRep, Address, Phone, Contact string
	Org                                           bool
}

// Money is an amount in figures and in capitals.
type Money struct {
	Fen              int64
	Figures, Capital string
}

// money is an amount as the documents print it: in figures as the rest of the program writes
// yuan (rules.FormatYuan), and in capitals.
func money(fen int64) Money {
	return Money{Fen: fen, Figures: rules.FormatYuan(fen), Capital: Capital(fen)}
}

// Facts are what wording.tmpl fills in. Dates are written 2023年12月1日; a date not reached
// yet is a blank to fill in by hand. Texts hold newlines as lineBreak.
type Facts struct {
	Kind            Kind
	Issuer          string // the deciding body's full name: the town (赋权) or the bureau (委托)
	Entrusted       bool   // decided in the bureau's name
	Town            string // the town's full name (the body entrusted, for 委托)
	CaseNo, DocNo   string
	CaseTitle       string
	Summary         bool
	Party           Party
	ItemCode        string
	ItemName        string
	Obligation      string // the provisions the party violated
	Basis           string // the penalty basis
	Tier, TierCond  string
	Texts           Texts
	Outcome         rules.Outcome
	Fine            Money
	Penalty         string // the penalty in words: 罚款人民币…元 / 警告 / the other penalty
	NotPenalisedWhy string // the Art. 33 ground of a decision not to penalise
	Mitigation      string
	Officers        string
	CertNos         string // the officers' 执法证号 in their order, "＿＿" for one not on the roster
	Passed          bool   // legal review passed
	Paid, Owed      Money
	LateFee         Money // accrued on the document's day (催告书)

	Violated, Discovered, Filed, Investigated, Noticed, Heard, Announced, Reviewed, Discussed,
	Decided, Served, Reminded, Enforced, Closed, Reinspect, DocDate string

	StatementDays, HearingDays, PaymentDays, ReviewDays, LawsuitMonths, ReminderDays, EnforceMonths int
	StatementDue, HearingDue, PaymentDue, ReviewDue, LawsuitDue                                     string
	Office                                                                                          settings.DocTexts
}

// lineBreak stands for a newline inside one markup line of the template's output.
const lineBreak = "\x1e"

// clean makes a value safe inside a markup line: no newline, no cell separator.
func clean(s string) string {
	s = strings.Map(func(r rune) rune { // typed control characters are no markup
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case r < ' ' || r == 0x7f:
			return -1
		}
		return r
	}, strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n"))
	s = strings.ReplaceAll(s, "|", "｜")
	return strings.ReplaceAll(s, "\n", lineBreak)
}

// blankDate is the space for a date written by hand.
const blankDate = "　　　　年　　月　　日"

func cnDate(t time.Time) string {
	if t.IsZero() {
		return blankDate
	}
	return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日"
}

func parseDay(s string) time.Time {
	t, err := time.ParseInLocation(data.DateLayout, s, time.Local)
	if err != nil {
		return time.Time{}
	}
	return t
}

// last is the latest recorded event of a step, nil when none.
func (s source) last(step rules.Step) *rules.Event {
	for i := len(s.view.Steps) - 1; i >= 0; i-- {
		if s.view.Steps[i].Event.Step == step {
			e := s.view.Steps[i].Event
			return &e
		}
	}
	return nil
}

func (s source) on(step rules.Step) time.Time {
	if e := s.last(step); e != nil {
		return e.On
	}
	return time.Time{}
}

// issuer is the full name of the body whose documents these are.
func (s source) issuer() (name string, entrusted bool) {
	if s.view.Item.Delegation == "entrust" {
		return s.town.DistrictName, true
	}
	return s.townName(), false
}

// townName is the town's full name as an administrative body: its agency's name as set up,
// where that is a bare place name 青石镇人民政府 for a 镇 or 乡, 城关街道办事处 for a 街道.
func (s source) townName() string {
	n := strings.TrimSpace(s.town.AgencyName)
	if n == "" {
		n = strings.TrimSpace(s.town.Name)
	}
	switch { // a bare place name is no body's name
	case strings.HasSuffix(n, "镇"), strings.HasSuffix(n, "乡"):
		return n + "人民政府"
	case strings.HasSuffix(n, "街道"):
		return n + "办事处"
	}
	return n
}

// number is the document's own number in the case's sequence, "" for one without.
func (s source) number(k Kind) string {
	c := s.view.Case
	code := docCode(k)
	if code == "" || c.Seq == 0 {
		return ""
	}
	return rules.FormatMarked(c.IssuingBody, code, c.Year, c.NumberMark, c.Seq)
}

func refsOf(item data.CatalogItem, role string) string {
	var refs []data.LegalRef
	for _, r := range item.Refs {
		if r.Role == role {
			refs = append(refs, r)
		}
	}
	return disclosure.FormatBasis(refs)
}

// facts fills in a document of kind k with the case as it stands and the officer's texts.
func (s source) facts(k Kind, texts Texts) Facts {
	v := s.view
	p := s.params
	f := Facts{Kind: k, Town: s.townName(), CaseNo: v.Case.CaseNo, DocNo: s.number(k), CaseTitle: v.Case.Title,
		Summary: v.Case.Procedure == string(rules.Summary), ItemCode: v.Item.Code, ItemName: v.Item.Name,
		Obligation: refsOf(v.Item, "obligation"), Basis: refsOf(v.Item, "basis"), Officers: v.Case.Officers,
		Office: s.office, StatementDays: p.StatementWorkdays, HearingDays: p.HearingRequestWorkdays,
		PaymentDays: p.PaymentDays, ReviewDays: p.ReviewDays, LawsuitMonths: p.LawsuitMonths,
		ReminderDays: p.ReminderWorkdays, EnforceMonths: p.EnforceMonths}
	f.Issuer, f.Entrusted = s.issuer()
	pt := v.Party
	f.Party = Party{Name: pt.Name, Code: pt.CreditCode, LegalRep: pt.LegalRep, Address: pt.Address, Phone: pt.Phone,
		Contact: pt.Contact, Org: pt.Kind == rules.PartyOrg}
	if !f.Party.Org {
		f.Party.Code = pt.IDNumber
	}
	for _, t := range v.Item.Tiers {
		if t.Ordinal == v.Case.TierOrdinal {
			f.Tier, f.TierCond = t.Name, t.Condition
		}
	}
	f.Violated, f.Discovered, f.Filed = cnDate(parseDay(v.Case.ViolationOn)), cnDate(parseDay(v.Case.DiscoveredOn)), cnDate(parseDay(v.Case.FiledOn))
	dates := []struct {
		to   *string
		step rules.Step
	}{{&f.Investigated, rules.StepInvestigation}, {&f.Noticed, rules.StepNotice}, {&f.Heard, rules.StepHearing},
		{&f.Reviewed, rules.StepLegalReview}, {&f.Discussed, rules.StepCollective}, {&f.Decided, rules.StepDecision},
		{&f.Served, rules.StepService}, {&f.Reminded, rules.StepReminder}, {&f.Enforced, rules.StepEnforcement},
		{&f.Closed, rules.StepClosing}}
	for _, d := range dates {
		*d.to = cnDate(s.on(d.step))
	}
	s.outcome(&f)
	s.periods(&f)
	f.CertNos = s.certNos(v.Case.Officers)
	f.Texts = s.defaults(k, f, texts)
	f.Texts = Texts{Facts: clean(f.Texts.Facts), Evidence: clean(strings.TrimRight(strings.TrimSpace(f.Texts.Evidence), "。；;.，,")), Reason: clean(f.Texts.Reason),
		Opinion: clean(f.Texts.Opinion)}
	f.DocDate = cnDate(s.docDay(k))
	// What the ledger holds may have come from an import: no value may end a markup line or
	// split a cell.
	for _, p := range []*string{&f.Issuer, &f.Town, &f.CaseTitle, &f.ItemName, &f.Obligation, &f.Basis, &f.Tier,
		&f.TierCond, &f.Officers, &f.CertNos, &f.Penalty, &f.Party.Name, &f.Party.Code, &f.Party.LegalRep, &f.Party.Address,
		&f.Party.Phone, &f.Party.Contact} {
		*p = clean(*p)
	}
	for _, key := range settings.DocTextKeys {
		f.Office.Set(key, clean(f.Office.Get(key)))
	}
	return f
}

func (s source) certNos(officers string) string {
	if strings.TrimSpace(officers) == "" {
		return ""
	}
	var out []string
	for _, name := range strings.Split(officers, "、") {
		no := strings.TrimSpace(s.certs[strings.TrimSpace(name)])
		if no == "" {
			no = "＿＿＿＿"
		}
		out = append(out, no)
	}
	return strings.Join(out, "、")
}

// docDay is the day a document carries: its step's, or today for one whose step is not
// recorded yet.
func (s source) docDay(k Kind) time.Time {
	switch k {
	case KindCover, KindIndex:
		if c := parseDay(s.view.Case.ClosedOn); !c.IsZero() {
			return c
		}
		return s.today
	case KindFiling:
		return parseDay(s.view.Case.FiledOn)
	}
	if d := s.on(k.Step()); !d.IsZero() {
		return d
	}
	return s.today
}
