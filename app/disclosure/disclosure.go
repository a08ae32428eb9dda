// Package disclosure builds the publication sheet of penalty decisions (行政处罚信息
// “双公示”): one row per penalty decision of a period, in the sixteen standard columns the
// districts ask for, plus three columns on whether each decision was published in time.
//
// The sheet is an official Chinese form, so its headers and texts are Chinese in either
// interface language, like the import templates. Personal data is minimised: a person's ID
// number appears only masked, and a person has no legal representative or credit code.
//
// Choices the standard columns leave open:
//   - 公示截止期 is the end of the display period: the decision date plus 公示期限（年）
//     (SettingDisplayYears, default 3) — not the 7-working-day period within which the
//     decision must be published (Art. 48), which has its own column.
//   - A person has no credit code, and the standard columns no ID column: the masked ID
//     number goes into 备注 ("身份证号码：110105********002X"), with "委托…实施" for 委托 items
//     and "简易程序" for on-the-spot decisions.
//   - Publication in time is tracked in three columns after the sixteen (grey headers):
//     the day it was due (decision + case.publish_workdays working days on the office's
//     calendar), the day it was published and 公示情况. They stay out of 备注, which is
//     published; an office deletes them before sending the sheet on if the district wants
//     exactly sixteen columns.
package disclosure

import (
	"context"
	"strconv"
	"strings"
	"time"

	"townledger/app/cases/rules"
	"townledger/app/ids"
	"townledger/app/problem"
	"townledger/app/rulesets"
	"townledger/app/settings"
	"townledger/app/workdays"
	"townledger/data"
)

// Settings this package reads, with their defaults in Defaults. They are ordinary rows of the
// settings table; an office changes them like any other setting.
const (
	// SettingDisplayYears is 公示期限（年）: how long a published decision stays on display.
	// 公示截止期 is the decision date plus this many years.
	SettingDisplayYears = "disclosure.display_years"
	// SettingTownCreditCode is the 统一社会信用代码 of the town's own agency, the 处罚机关 of
	// 赋权 items.
	SettingTownCreditCode = "disclosure.town_credit_code"
	// SettingBureauCreditCode is the 统一社会信用代码 of the district bureau, the 处罚机关 of
	// 委托 items.
	SettingBureauCreditCode = "disclosure.bureau_credit_code"
	// SettingIncludeSummary ("1" or "0") is whether decisions made on the spot (简易程序) are
	// published too. Off by default: the practice where the districts' 双公示 rules speak of it
	// is to publish general-procedure decisions, the small on-the-spot fines being of little
	// social effect (Art. 48 asks for decisions "具有一定社会影响的").
	SettingIncludeSummary = "disclosure.include_summary"
)

// Defaults are the values used while a setting is not stored. The credit codes are empty:
// the column stays empty until an administrator enters them.
var Defaults = map[string]string{
	SettingDisplayYears:     "3",
	SettingTownCreditCode:   "",
	SettingBureauCreditCode: "",
	SettingIncludeSummary:   "0",
}

// Translation keys of this package's refusals; the data each carries is noted. Invalid
// numeric settings are refused with rules.KeyParamInvalid (Key, Value).
const (
	KeyRange      = "disclosure.range"               // From, To
	KeyNoTown     = "disclosure.no_town"             //
	KeyExists     = "disclosure.exists"              // Path
	KeyWrite      = "disclosure.write"               // Path, Detail
	KeyCreditCode = "disclosure.credit_code.invalid" // Key, Value
)

// Keys lists every translation key this package produces, for completeness tests.
func Keys() []string {
	return []string{KeyRange, KeyNoTown, KeyExists, KeyWrite, KeyCreditCode, rules.KeyParamInvalid}
}

// Publication states (公示情况), the last column.
const (
	PublishedOnTime = "按时公示"
	PublishedLate   = "逾期公示"
	NotPublished    = "未公示（已逾期）"
	PublishPending  = "待公示"
)

// Row is one penalty decision in the sheet's columns.
type Row struct {
	CaseID        string    // the case's UUID, for the report's metadata sheet
	PartyName     string    // 行政相对人名称
	CreditCode    string    // 统一社会信用代码: organisations only
	LegalRep      string    // 法定代表人: organisations only
	DecisionNo    string    // 行政处罚决定书文号: the case's number
	ViolationType string    // 违法行为类型: the catalogue item's name
	Facts         string    // 违法事实: the case's facts, else its title
	Basis         string    // 处罚依据, from the item's structured references
	Category      string    // 处罚类别: the kinds of Art. 9 the decision gives (Category)
	Content       string    // 处罚内容: "罚款 25,000.00 元", "警告", or the penalty in words
	Fine          int64     // fen; 0 without a fine
	FineWan       string    // 罚款金额（万元）: rules.FormatWanYuan, "" without a fine
	DecidedOn     time.Time // 处罚决定日期
	DisplayUntil  time.Time // 公示截止期: DecidedOn plus SettingDisplayYears years
	Authority     string    // 处罚机关: the town's agency (赋权) or the district bureau (委托)
	AuthorityCode string    // 处罚机关统一社会信用代码, "" when not set
	Source        string    // 数据来源单位: the town
	Remarks       string    // 备注: a person's masked ID number; 委托, 简易程序

	// Beyond the standard columns: publication within the legal period (Art. 48).
	PublishDue  time.Time // decision + case.publish_workdays working days
	PublishedOn time.Time // the first publication step; zero when none is recorded
	Publication string    // PublishedOnTime, PublishedLate, NotPublished or PublishPending
}

// column is one column of the sheet.
type column struct {
	header string
	width  float64
	kind   cellKind
}

type cellKind int

const (
	kindText cellKind = iota
	kindWrap          // long text, wrapped
	kindDate
	kindWan // 万元 with four decimals
)

// StandardColumns is how many of the sheet's columns are the standard 双公示 columns; the
// rest track publication and may be deleted before the sheet is sent on.
const StandardColumns = 16

// columns are the sheet's columns in order; the header of the publication-due column names
// the period (Headers fills it in).
var columns = []column{
	{"行政相对人名称", 28, kindWrap},
	{"统一社会信用代码", 22, kindText},
	{"法定代表人", 12, kindText},
	{"行政处罚决定书文号", 26, kindText},
	{"违法行为类型", 30, kindWrap},
	{"违法事实", 40, kindWrap},
	{"处罚依据", 36, kindWrap},
	{"处罚类别", 10, kindText},
	{"处罚内容", 24, kindWrap},
	{"罚款金额（万元）", 12, kindWan},
	{"处罚决定日期", 13, kindDate},
	{"公示截止期", 13, kindDate},
	{"处罚机关", 22, kindWrap},
	{"处罚机关统一社会信用代码", 22, kindText},
	{"数据来源单位", 16, kindText},
	{"备注", 28, kindWrap},
	{"", 18, kindDate}, // the publication due date, header by Headers
	{"实际公示日期", 13, kindDate},
	{"公示情况", 14, kindText},
}

// Headers are the sheet's column headers in order, for a publication period of
// publishWorkdays working days (the setting case.publish_workdays).
func Headers(publishWorkdays int) []string {
	out := make([]string, len(columns))
	for i, c := range columns {
		out[i] = c.header
	}
	out[StandardColumns] = "应公示日期（决定后" + strconv.Itoa(publishWorkdays) + "个工作日内）"
	return out
}

// values are a row's cells in column order; a zero date is an empty cell.
func (r Row) values(into []any) []any {
	into = append(into[:0], r.PartyName, r.CreditCode, r.LegalRep, r.DecisionNo, r.ViolationType, r.Facts,
		r.Basis, r.Category, r.Content)
	if r.FineWan != "" {
		wan, err := strconv.ParseFloat(r.FineWan, 64)
		if err != nil {
			into = append(into, r.FineWan)
		} else {
			into = append(into, wan)
		}
	} else {
		into = append(into, "")
	}
	into = append(into, dateCell(r.DecidedOn), dateCell(r.DisplayUntil), r.Authority, r.AuthorityCode, r.Source,
		r.Remarks, dateCell(r.PublishDue), dateCell(r.PublishedOn), r.Publication)
	return into
}

func dateCell(t time.Time) any {
	if t.IsZero() {
		return ""
	}
	return t
}

// env is what turning stored decisions into rows needs besides the decisions.
type env struct {
	town         data.Town
	cal          *workdays.Calendar
	publishDays  int
	law          rulesets.Book
	displayYears int
	townCode     string
	bureauCode   string
	summary      bool // SettingIncludeSummary
	today        time.Time
	basis        map[string]string // 处罚依据 by catalogue item: rows of an item share it
}

func loadEnv(ctx context.Context, store *data.Store, today time.Time) (env, error) {
	e := env{today: dayOf(today), basis: map[string]string{}}
	town, ok, err := store.Town(ctx)
	if err != nil {
		return e, err
	}
	if !ok {
		return e, problem.New(KeyNoTown, nil)
	}
	e.town = town
	if e.cal, err = settings.Calendar(ctx, store); err != nil {
		return e, err
	}
	stored, err := store.Settings(ctx)
	if err != nil {
		return e, err
	}
	get := func(key string) string {
		if v, ok := stored[key]; ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
		if v, ok := Defaults[key]; ok {
			return v
		}
		return settings.Defaults[key]
	}
	if e.law, err = rulesets.Load(ctx, store); err != nil {
		return e, err
	}
	_, now := e.law.For(time.Time{})
	e.publishDays = now.PublishWorkdays // for the heading: the period the law sets now
	if e.displayYears, err = positive(SettingDisplayYears, get(SettingDisplayYears), 100); err != nil {
		return e, err
	}
	if e.townCode, err = creditCode(SettingTownCreditCode, get(SettingTownCreditCode)); err != nil {
		return e, err
	}
	e.summary = get(SettingIncludeSummary) == "1"
	e.bureauCode, err = creditCode(SettingBureauCreditCode, get(SettingBureauCreditCode))
	return e, err
}

func positive(key, v string, most int) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 || n > most {
		return 0, &problem.Error{Key: rules.KeyParamInvalid, Field: key, Data: map[string]any{"Key": key, "Value": v}, Err: err}
	}
	return n, nil
}

func creditCode(key, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	code, err := ids.ValidateCreditCode(v)
	if err != nil {
		return "", &problem.Error{Key: KeyCreditCode, Field: key, Data: map[string]any{"Key": key, "Value": v}, Err: err}
	}
	return code, nil
}

// row turns a stored decision into the sheet's row.
func (e *env) row(d data.DisclosureRow) Row {
	basis, ok := e.basis[d.ItemID]
	if !ok {
		basis = FormatBasis(d.Basis)
		e.basis[d.ItemID] = basis
	}
	r := Row{CaseID: d.CaseID, PartyName: d.PartyName, DecisionNo: d.CaseNo, ViolationType: d.ItemName, Basis: basis,
		Fine: d.Fine, Source: e.town.Name}
	if d.PartyKind == rules.PartyPerson {
		r.Remarks = join(r.Remarks, "身份证号码："+ids.MaskIDNumber(d.IDNumber), d.IDNumber != "")
	} else {
		r.CreditCode, r.LegalRep = d.CreditCode, d.LegalRep
	}
	r.Facts = firstNonEmpty(d.Facts, d.Title, d.ItemName)
	penalty := strings.TrimSpace(d.Penalty)
	r.Category = Category(rules.Outcome(d.Outcome), d.Fine, penalty)
	switch rules.Outcome(d.Outcome) {
	case rules.OutcomeFine:
		r.Content = "罚款 " + rules.FormatYuan(d.Fine) + " 元"
	case rules.OutcomeWarning:
		r.Content = "警告"
	default:
		r.Content = penalty
		penalty = ""
	}
	if d.Fine > 0 {
		r.FineWan = rules.FormatWanYuan(d.Fine)
		if rules.Outcome(d.Outcome) != rules.OutcomeFine {
			r.Content = join(r.Content, "罚款 "+rules.FormatYuan(d.Fine)+" 元", true)
		}
	}
	r.Content = join(r.Content, penalty, penalty != "")
	if r.Content == "" {
		r.Content = r.Category
	}
	if e.byBureau(d) {
		r.Authority, r.AuthorityCode = firstNonEmpty(e.town.DistrictName, d.IssuingBody), e.bureauCode
		r.Remarks = join(r.Remarks, "委托"+e.town.Name+"实施", true)
	} else {
		r.Authority, r.AuthorityCode = firstNonEmpty(e.town.AgencyName, e.town.Name), e.townCode
	}
	if d.Procedure == string(rules.Summary) {
		r.Remarks = join(r.Remarks, "简易程序", true)
	}
	decided, err := time.ParseInLocation(data.DateLayout, d.DecidedOn, time.UTC)
	if err != nil {
		return r // the query only returns decided cases; an unreadable date stays empty
	}
	r.DecidedOn = decided
	r.DisplayUntil = addYears(decided, e.displayYears)
	filed, _ := time.ParseInLocation(data.DateLayout, d.FiledOn, time.Local)
	_, p := e.law.For(filed)
	r.PublishDue = e.cal.AddWorkdays(decided, p.PublishWorkdays)
	if p, err := time.ParseInLocation(data.DateLayout, d.PublishedOn, time.UTC); err == nil {
		r.PublishedOn = p
	}
	switch {
	case !r.PublishedOn.IsZero() && !r.PublishedOn.After(r.PublishDue):
		r.Publication = PublishedOnTime
	case !r.PublishedOn.IsZero():
		r.Publication = PublishedLate
	case e.today.After(r.PublishDue):
		r.Publication = NotPublished
	default:
		r.Publication = PublishPending
	}
	return r
}

// byBureau tells whether the district bureau is the deciding body: for 委托 items, and for a
// case without an item whose number is not the town's.
func (e *env) byBureau(d data.DisclosureRow) bool {
	switch d.Delegation {
	case "entrust":
		return true
	case "grant":
		return false
	}
	return d.IssuingBody != "" && d.IssuingBody != e.town.ShortName
}

// Each calls fn with the row of each penalty decision made from from to to (by date, both
// included), in decision-date and number order, and returns how many it passed. today decides
// whether an unpublished decision is still within its period.
func Each(ctx context.Context, store *data.Store, from, to, today time.Time, fn func(Row) error) (int, error) {
	if err := checkRange(from, to); err != nil {
		return 0, err
	}
	e, err := loadEnv(ctx, store, today)
	if err != nil {
		return 0, err
	}
	return e.each(ctx, store, from, to, fn)
}

func (e *env) each(ctx context.Context, store *data.Store, from, to time.Time, fn func(Row) error) (int, error) {
	n := 0
	err := store.Disclosures(ctx, from.Format(data.DateLayout), to.Format(data.DateLayout), func(d data.DisclosureRow) error {
		if d.Procedure == string(rules.Summary) && !e.summary {
			return nil
		}
		if err := fn(e.row(d)); err != nil {
			return err
		}
		n++
		return nil
	})
	return n, err
}

func checkRange(from, to time.Time) error {
	if from.IsZero() || to.IsZero() || dayOf(to).Before(dayOf(from)) {
		return problem.New(KeyRange, map[string]any{"From": dateText(from), "To": dateText(to)})
	}
	return nil
}

// addYears adds n years to a day; 29 February becomes 28 February in a common year.
func addYears(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	out := time.Date(y+n, m, d, 0, 0, 0, 0, t.Location())
	if out.Month() != m {
		out = time.Date(y+n, m+1, 0, 0, 0, 0, 0, t.Location())
	}
	return out
}

// dayOf is t's calendar day at midnight UTC, the form dates take in the sheet.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(data.DateLayout)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// join appends part to s with a full-width semicolon when ok.
func join(s, part string, ok bool) string {
	switch {
	case !ok || part == "":
		return s
	case s == "":
		return part
	}
	return s + "；" + part
}
