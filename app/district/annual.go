package district

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/catalog"
	"townledger/app/period"
	"townledger/app/problem"
	"townledger/app/report"
	"townledger/app/workbook"
	"townledger/data"
)

// This file is the district's year figures (年度数据): what its annual report on rule-of-law
// government (法治政府建设工作报告) quotes, added up from the towns' workbooks in force, with
// the sentences as the report words them, saved as text and as a sheet.

// Translation keys of the year figures. The template data each carries is noted.
const (
	KeyAnnualNone        = "district.annual.none"               // Year
	KeyAnnualYearInvalid = "district.annual.year.invalid"       // Value
	KeyAnnualItems       = "district.annual.sentence.items"     // Year, Towns, Items, Grant, Entrust
	KeyAnnualCases       = "district.annual.sentence.cases"     // Filed, Decided, Fines, NotPenalised
	KeyAnnualReviews     = "district.annual.sentence.reviews"   // Reviews, Collective, Hearings
	KeyAnnualPublished   = "district.annual.sentence.published" // Decided, Published, OnTime, Rate
	KeyAnnualTraining    = "district.annual.sentence.training"  // Sessions, Attendances, Hours
	KeyAnnualNoTraining  = "district.annual.sentence.training.none"
	KeyAnnualPublicity   = "district.annual.sentence.publicity" // Activities, Banners, Boards, Materials, People
	KeyAnnualNoPublicity = "district.annual.sentence.publicity.none"
	KeyAnnualTitle       = "district.annual.title"        // Year
	KeyAnnualBasisYear   = "district.annual.basis.year"   // Town, Version
	KeyAnnualBasisParts  = "district.annual.basis.parts"  // Town, Parts
	KeyAnnualBasisNone   = "district.annual.basis.none"   // Town
	KeyAnnualMissing     = "district.annual.missing"      // Months
	KeyAnnualIncomplete  = "district.annual.incomplete"   // Towns
	KeyAnnualSources     = "district.annual.sources"      // (heading)
	KeyAnnualPartVersion = "district.annual.part.version" // Period, Version
	KeyAnnualSeparator   = "district.annual.separator"    // between the items of a list
	KeyAnnualPartMonths  = "district.annual.part.months"  // From, To, Version
)

// AnnualKeys lists the translation keys of the year figures, for the completeness tests.
func AnnualKeys() []string {
	return []string{KeyAnnualNone, KeyAnnualYearInvalid, KeyAnnualItems, KeyAnnualCases, KeyAnnualReviews,
		KeyAnnualPublished, KeyAnnualTraining, KeyAnnualNoTraining, KeyAnnualPublicity, KeyAnnualNoPublicity,
		KeyAnnualTitle, KeyAnnualBasisYear, KeyAnnualBasisParts, KeyAnnualBasisNone, KeyAnnualMissing,
		KeyAnnualIncomplete, KeyAnnualSources, KeyAnnualPartVersion, KeyAnnualSeparator,
		KeyAnnualPartMonths}
}

// YearFigures are the figures of a year the annual report quotes: every one of them counts
// what happened on a day of the year (a filing, a decision, a session, an activity), so the
// figures of periods that do not overlap add up to the year's. Figures a period's cover gives
// that do not add up so (cases filed or decided, 涉案企业, of them by procedure: one case
// filed in March and decided in May is in both months) are left out.
type YearFigures struct {
	Filed, Decided, NotPenalised, Closed, Hearings int64
	Fines                                          int64 // fen
	LegalReviews, Collective                       int64 // decisions (起) made after one
	Published, OnTime                              int64 // penalty decisions published, and within the legal period
	TrainingSessions, Attendances                  int64
	TrainingHours                                  int64 // hundredths of a 人·学时
	Activities, Banners, Boards, Materials, People int64
}

// FinesWan are the fines in 万元 as the cover works them out: from the yuan, rounded to the
// yuan.
func (f YearFigures) FinesWan() float64 { return math.Round(float64(f.Fines)/100) / 10000 }

// Hours are the training hours.
func (f YearFigures) Hours() float64 { return float64(f.TrainingHours) / 100 }

func (f *YearFigures) add(g YearFigures) {
	for _, s := range yearFigureSpecs {
		*s.at(f) += *s.at(&g)
	}
}

type figureKind int

const (
	figCount     figureKind = iota
	figHundredth            // yuan or hours, kept in hundredths
)

// yearFigureSpecs name each year figure as the town's cover names it (report's figure names,
// the keys of a received workbook's figures) and as the year sheet heads its column.
var yearFigureSpecs = []struct {
	name, label, unit string
	kind              figureKind
	at                func(*YearFigures) *int64
}{
	{"filed", "立案", "件", figCount, func(f *YearFigures) *int64 { return &f.Filed }},
	{"decided", "作出行政处罚决定", "件", figCount, func(f *YearFigures) *int64 { return &f.Decided }},
	{"fines_yuan", "罚款金额", "元", figHundredth, func(f *YearFigures) *int64 { return &f.Fines }},
	{"not_penalised", "不予处罚", "件", figCount, func(f *YearFigures) *int64 { return &f.NotPenalised }},
	{"closed", "结案", "件", figCount, func(f *YearFigures) *int64 { return &f.Closed }},
	{"hearings", "听证", "次", figCount, func(f *YearFigures) *int64 { return &f.Hearings }},
	{"legal_reviews", "经法制审核作出的决定", "起", figCount, func(f *YearFigures) *int64 { return &f.LegalReviews }},
	{"collective", "经集体讨论作出的决定", "起", figCount, func(f *YearFigures) *int64 { return &f.Collective }},
	{"published", "处罚决定公示", "件", figCount, func(f *YearFigures) *int64 { return &f.Published }},
	{"published_on_time", "其中：按时公示", "件", figCount, func(f *YearFigures) *int64 { return &f.OnTime }},
	{"training_sessions", "执法培训", "期", figCount, func(f *YearFigures) *int64 { return &f.TrainingSessions }},
	{"attendances", "参训", "人次", figCount, func(f *YearFigures) *int64 { return &f.Attendances }},
	{"training_hours", "培训学时", "人·学时", figHundredth, func(f *YearFigures) *int64 { return &f.TrainingHours }},
	{"activities", "宣传活动", "场次", figCount, func(f *YearFigures) *int64 { return &f.Activities }},
	{"banners", "悬挂横幅", "条", figCount, func(f *YearFigures) *int64 { return &f.Banners }},
	{"boards", "宣传展板", "块", figCount, func(f *YearFigures) *int64 { return &f.Boards }},
	{"materials", "发放宣传资料", "份", figCount, func(f *YearFigures) *int64 { return &f.Materials }},
	{"people", "受教育群众", "人次", figCount, func(f *YearFigures) *int64 { return &f.People }},
}

// yearFigures reads a received workbook's cover figures.
func yearFigures(r data.ReceivedReport) (YearFigures, error) {
	var f YearFigures
	figs := map[string]string{}
	if r.FiguresJSON != "" {
		if err := json.Unmarshal([]byte(r.FiguresJSON), &figs); err != nil {
			return f, fmt.Errorf("the figures of %s %s: %w", r.FromTown, r.Period, err)
		}
	}
	for _, s := range yearFigureSpecs {
		v := strings.TrimSpace(figs[s.name])
		if v == "" {
			continue
		}
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
			return f, fmt.Errorf("%s %s: figure %s is no number: %q", r.FromTown, r.Period, s.name, v)
		}
		if s.kind == figHundredth {
			n *= 100
		}
		*s.at(&f) = int64(math.Round(n))
	}
	return f, nil
}

// How a town's year was made up.
const (
	BasisYear  = "year"  // its yearly workbook in force
	BasisParts = "parts" // no yearly workbook: its period workbooks added up
	BasisNone  = "none"  // nothing in force for any period of the year
)

// AnnualPart is one workbook in force that a town's year is made of.
type AnnualPart struct {
	Period  string // canonical: "2026", "2026-H1", "2026-Q3", "2026-07"
	Version int
}

// TownYear is one town's year: how it was made up and its figures.
type TownYear struct {
	Code, Name string
	Basis      string       // BasisYear, BasisParts or BasisNone
	Parts      []AnnualPart // the workbooks added up, in the year's order
	Missing    []string     // the months ("2026-03") no workbook added up covers
	Figures    YearFigures
}

// Complete says whether every month of the year is covered.
func (t TownYear) Complete() bool { return t.Basis != BasisNone && len(t.Missing) == 0 }

// AnnualData are a year's figures for the district's annual report.
type AnnualData struct {
	Year int
	// Items are the delegated items of the district's catalogue in force on the year's last
	// day; Grant and Entrust split them by legal form (赋权, 委托).
	Items, Grant, Entrust int
	Registered            int        // registered towns
	Towns                 []TownYear // by division code: every town with data, then the registered ones without
	Total                 YearFigures
}

// Incomplete are the towns whose year is not whole: some months (or all) no workbook covers.
func (a AnnualData) Incomplete() []TownYear {
	var out []TownYear
	for _, t := range a.Towns {
		if !t.Complete() {
			out = append(out, t)
		}
	}
	return out
}

// ParseYear reads a year as the command line and the window take it ("2026").
func ParseYear(s string) (int, error) {
	from, to, err := period.Parse(s)
	if err != nil || period.Canonical(from, to) != strconv.Itoa(from.Year()) {
		return 0, problem.New(KeyAnnualYearInvalid, map[string]any{"Value": s})
	}
	return from.Year(), nil
}

// Annual adds up a year's figures from the towns' workbooks in force. A town's yearly
// workbook is taken when it sent one; otherwise its period workbooks of the year are added
// up so that no day counts twice — for each quarter its three months when all three are in
// force, else the quarter; for each half whose quarters are not both covered so, the half
// when it is in force; else what there is of the half's months and quarters — and the months
// nothing covers are listed. Registered towns that sent nothing for the year are listed too.
// A year with no workbook in force at all is refused (KeyAnnualNone).
func Annual(ctx context.Context, store *data.Store, year int) (AnnualData, error) {
	a := AnnualData{Year: year}
	if year < 1900 || year > 9999 {
		return a, problem.New(KeyAnnualYearInvalid, map[string]any{"Value": strconv.Itoa(year)})
	}
	periods, err := store.ReceivedPeriods(ctx)
	if err != nil {
		return a, err
	}
	byTown := map[string]map[string]data.ReceivedReport{} // town → canonical period → in force
	for _, p := range periods {
		from, to, err := period.Parse(p)
		if err != nil || from.Year() != year || to.Year() != year {
			continue
		}
		reports, err := store.ReportsInForce(ctx, p)
		if err != nil {
			return a, err
		}
		for _, r := range reports {
			if byTown[r.FromTown] == nil {
				byTown[r.FromTown] = map[string]data.ReceivedReport{}
			}
			byTown[r.FromTown][period.Canonical(from, to)] = r
		}
	}
	if len(byTown) == 0 {
		return a, problem.New(KeyAnnualNone, map[string]any{"Year": year})
	}
	registered, err := store.DistrictTowns(ctx)
	if err != nil {
		return a, err
	}
	a.Registered = len(registered)
	names := map[string]string{}
	for _, t := range registered {
		names[t.DivisionCode] = t.Name
	}
	codes := make([]string, 0, len(byTown))
	for c := range byTown {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, code := range codes {
		name := names[code]
		if name == "" {
			name = code
		}
		ty, err := townYear(year, byTown[code])
		if err != nil {
			return a, err
		}
		ty.Code, ty.Name = code, name
		a.Total.add(ty.Figures)
		a.Towns = append(a.Towns, ty)
	}
	for _, t := range registered {
		if _, ok := byTown[t.DivisionCode]; !ok {
			a.Towns = append(a.Towns, TownYear{Code: t.DivisionCode, Name: t.Name, Basis: BasisNone,
				Missing: yearMonths(year)})
		}
	}
	items, err := store.CatalogItemsInForce(ctx, fmt.Sprintf("%04d-12-31", year))
	if err != nil {
		return a, err
	}
	for _, it := range items {
		a.Items++
		switch it.Delegation {
		case catalog.Entrust:
			a.Entrust++
		default:
			a.Grant++
		}
	}
	return a, nil
}

func yearMonths(year int) []string {
	out := make([]string, 12)
	for m := range 12 {
		out[m] = fmt.Sprintf("%04d-%02d", year, m+1)
	}
	return out
}

// townYear makes up one town's year from its workbooks in force of the year, by canonical
// period.
func townYear(year int, in map[string]data.ReceivedReport) (TownYear, error) {
	y := strconv.Itoa(year)
	var used []data.ReceivedReport
	if r, ok := in[y]; ok {
		used = []data.ReceivedReport{r}
	} else {
		month := func(m int) (data.ReceivedReport, bool) { r, ok := in[fmt.Sprintf("%s-%02d", y, m+1)]; return r, ok }
		for h := range 2 {
			var half []data.ReceivedReport
			whole := true
			for q := 2 * h; q < 2*h+2; q++ {
				var months []data.ReceivedReport
				for m := 3 * q; m < 3*q+3; m++ {
					if r, ok := month(m); ok {
						months = append(months, r)
					}
				}
				switch r, ok := in[y+"-Q"+strconv.Itoa(q+1)]; {
				case len(months) == 3:
					half = append(half, months...)
				case ok:
					half = append(half, r)
				default:
					whole = false
					half = append(half, months...) // what there is of the quarter
				}
			}
			if r, ok := in[y+"-H"+strconv.Itoa(h+1)]; ok && !whole {
				half = []data.ReceivedReport{r}
			}
			used = append(used, half...)
		}
	}
	t := TownYear{Basis: BasisParts}
	if len(used) == 1 && used[0].Period == y {
		t.Basis = BasisYear
	}
	covered := make([]bool, 12)
	for _, r := range used {
		from, to, err := period.Parse(r.Period)
		if err != nil {
			return t, fmt.Errorf("the period of %s's workbook: %w", r.FromTown, err)
		}
		for m := int(from.Month()); m <= int(to.Month()); m++ {
			covered[m-1] = true
		}
		f, err := yearFigures(r)
		if err != nil {
			return t, err
		}
		t.Figures.add(f)
		t.Parts = append(t.Parts, AnnualPart{Period: period.Canonical(from, to), Version: r.Version})
	}
	for m, ok := range covered {
		if !ok {
			t.Missing = append(t.Missing, fmt.Sprintf("%s-%02d", y, m+1))
		}
	}
	return t, nil
}

// wanText writes the fines in 万元 as the report quotes them: to the yuan, no trailing zeros.
func wanText(f YearFigures) string { return strconv.FormatFloat(f.FinesWan(), 'f', -1, 64) }

func hoursText(f YearFigures) string { return strconv.FormatFloat(f.Hours(), 'f', -1, 64) }

// Sentences are the year's sentences as the annual report words them, in the language of tr
// (the report's is Chinese): the delegated items, the cases, the reviews and discussions,
// the decisions published, the training and the publicity. A sentence about items is left out
// when the district's catalogue has none.
func (a AnnualData) Sentences(tr period.Translate) []string {
	t := a.Total
	var out []string
	if a.Items > 0 {
		towns := a.Registered
		if towns == 0 {
			towns = len(a.Towns)
		}
		out = append(out, tr(KeyAnnualItems, map[string]any{"Year": a.Year, "Towns": towns, "Items": a.Items,
			"Grant": a.Grant, "Entrust": a.Entrust}))
	}
	out = append(out, tr(KeyAnnualCases, map[string]any{"Filed": t.Filed, "Decided": t.Decided, "Fines": wanText(t),
		"NotPenalised": t.NotPenalised}))
	out = append(out, tr(KeyAnnualReviews, map[string]any{"Reviews": t.LegalReviews, "Collective": t.Collective,
		"Hearings": t.Hearings}))
	if t.Decided > 0 {
		rate := strconv.FormatFloat(math.Round(float64(t.OnTime)*1000/float64(t.Decided))/10, 'f', -1, 64)
		out = append(out, tr(KeyAnnualPublished, map[string]any{"Decided": t.Decided, "Published": t.Published,
			"OnTime": t.OnTime, "Rate": rate}))
	}
	if t.TrainingSessions > 0 {
		out = append(out, tr(KeyAnnualTraining, map[string]any{"Sessions": t.TrainingSessions,
			"Attendances": t.Attendances, "Hours": hoursText(t)}))
	} else {
		out = append(out, tr(KeyAnnualNoTraining, nil))
	}
	if t.Activities > 0 {
		out = append(out, tr(KeyAnnualPublicity, map[string]any{"Activities": t.Activities, "Banners": t.Banners,
			"Boards": t.Boards, "Materials": t.Materials, "People": t.People}))
	} else {
		out = append(out, tr(KeyAnnualNoPublicity, nil))
	}
	return out
}

// Source says how a town's year was made up, in the language of tr: its yearly workbook
// (with its version), or which workbooks were added up; and the months nothing covers.
func (t TownYear) Source(tr period.Translate) string {
	var s string
	switch t.Basis {
	case BasisNone:
		return tr(KeyAnnualBasisNone, map[string]any{"Town": t.Name})
	case BasisYear:
		s = tr(KeyAnnualBasisYear, map[string]any{"Town": t.Name, "Version": t.Parts[0].Version})
	default:
		var parts []string
		for i := 0; i < len(t.Parts); i++ {
			p := t.Parts[i]
			from, to, _ := period.Parse(p.Period)
			// A run of months of the same version is said once.
			j := i
			for j+1 < len(t.Parts) && len(p.Period) == 7 && len(t.Parts[j+1].Period) == 7 &&
				t.Parts[j+1].Version == p.Version && monthAfter(t.Parts[j].Period) == t.Parts[j+1].Period {
				j++
			}
			if j > i {
				_, last, _ := period.Parse(t.Parts[j].Period)
				first := time.Date(last.Year(), last.Month(), 1, 0, 0, 0, 0, time.UTC)
				parts = append(parts, tr(KeyAnnualPartMonths, map[string]any{"From": period.Label(from, to, tr),
					"To": period.Label(first, last, tr), "Version": p.Version}))
				i = j
				continue
			}
			parts = append(parts, tr(KeyAnnualPartVersion, map[string]any{"Period": period.Label(from, to, tr), "Version": p.Version}))
		}
		s = tr(KeyAnnualBasisParts, map[string]any{"Town": t.Name, "Parts": strings.Join(parts, tr(KeyAnnualSeparator, nil))})
	}
	if len(t.Missing) > 0 {
		months := make([]string, len(t.Missing))
		for i, m := range t.Missing {
			from, to, _ := period.Parse(m)
			months[i] = period.Label(from, to, tr)
		}
		s += tr(KeyAnnualMissing, map[string]any{"Months": strings.Join(months, tr(KeyAnnualSeparator, nil))})
	}
	return s
}

// monthAfter is the month ("2026-04") after a month ("2026-03").
func monthAfter(m string) string {
	from, _, err := period.Parse(m)
	if err != nil {
		return ""
	}
	return from.AddDate(0, 1, 0).Format("2006-01")
}

// Text is the year's text: a title, the sentences one to a paragraph, then how each town's
// year was made up and which towns' years are not whole.
func (a AnnualData) Text(tr period.Translate) string {
	var b strings.Builder
	b.WriteString(tr(KeyAnnualTitle, map[string]any{"Year": a.Year}) + "\r\n\r\n")
	for _, s := range a.Sentences(tr) {
		b.WriteString(s + "\r\n\r\n")
	}
	b.WriteString(tr(KeyAnnualSources, nil) + "\r\n")
	for _, t := range a.Towns {
		b.WriteString(t.Source(tr) + "\r\n")
	}
	if inc := a.Incomplete(); len(inc) > 0 {
		names := make([]string, len(inc))
		for i, t := range inc {
			names[i] = t.Name
		}
		b.WriteString("\r\n" + tr(KeyAnnualIncomplete, map[string]any{"Towns": strings.Join(names, tr(KeyAnnualSeparator, nil))}) + "\r\n")
	}
	return b.String()
}

// Sheet names of the year workbook.
const (
	SheetAnnualFigures   = "年度数据"
	SheetAnnualSentences = "文字表述"
	SheetAnnualCharts    = "图表"
)

// SaveAnnual writes the year's sheet to xlsxPath and its text to textPath (either may be
// empty to leave it out), both new files: an existing one is refused before anything is
// written. The text is UTF-8 with a byte-order mark and Windows line ends, so Notepad opens
// it right.
func SaveAnnual(ctx context.Context, a AnnualData, xlsxPath, textPath string, tr period.Translate) error {
	for _, p := range []string{xlsxPath, textPath} {
		if p == "" {
			continue
		}
		if err := workbook.SaveError(workbook.CheckNew(p), p, report.KeyExists, report.KeyWrite); err != nil {
			return err
		}
	}
	if xlsxPath != "" {
		x, err := a.book(tr)
		if err != nil {
			return workbook.SaveError(err, xlsxPath, report.KeyExists, report.KeyWrite)
		}
		err = workbook.SaveNew(ctx, x, xlsxPath)
		x.Close()
		if err != nil {
			return workbook.SaveError(err, xlsxPath, report.KeyExists, report.KeyWrite)
		}
	}
	if textPath != "" {
		text := "\uFEFF" + a.Text(tr)
		err := workbook.SaveNewFunc(ctx, textPath, func(w io.Writer) error {
			_, err := w.Write([]byte(text))
			return err
		})
		if err != nil {
			return workbook.SaveError(err, textPath, report.KeyExists, report.KeyWrite)
		}
	}
	return nil
}

// TextPath is the text file written beside a year workbook: its name with .txt.
func TextPath(xlsxPath string) string {
	return strings.TrimSuffix(xlsxPath, filepath.Ext(xlsxPath)) + ".txt"
}

// book builds the year workbook: the figures by town with the district's total, the
// sentences, and charts of the cases and fines by town.
func (a AnnualData) book(tr period.Translate) (*excelize.File, error) {
	x := excelize.NewFile()
	if err := x.SetSheetName("Sheet1", SheetAnnualFigures); err != nil {
		return nil, err
	}
	head, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}})
	if err != nil {
		return nil, err
	}
	intStyle, _ := x.NewStyle(&excelize.Style{NumFmt: 3})                          // #,##0
	moneyStyle, _ := x.NewStyle(&excelize.Style{NumFmt: 4})                        // #,##0.00
	wanStyle, _ := x.NewStyle(&excelize.Style{CustomNumFmt: ptr("0.0000")})        // 万元
	totalStyle, _ := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}) // the total's name
	wrapStyle, _ := x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})

	heads := []string{"乡镇（街道）", "行政区划代码", "数据来源"}
	for _, s := range yearFigureSpecs {
		heads = append(heads, s.label+"（"+s.unit+"）")
		if s.name == "fines_yuan" {
			heads = append(heads, "罚款金额（万元）")
		}
	}
	row := func(name, code, source string, f YearFigures) []any {
		vals := []any{name, code, source}
		for _, s := range yearFigureSpecs {
			v := *s.at(&f)
			if s.kind == figHundredth {
				vals = append(vals, float64(v)/100)
			} else {
				vals = append(vals, v)
			}
			if s.name == "fines_yuan" {
				vals = append(vals, f.FinesWan())
			}
		}
		return vals
	}
	put := func(sheet string, r int, vals []any) error {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		return x.SetSheetRow(sheet, cell, &vals)
	}
	hv := make([]any, len(heads))
	for i, h := range heads {
		hv[i] = h
	}
	if err := put(SheetAnnualFigures, 1, hv); err != nil {
		return nil, err
	}
	r := 2
	for _, t := range a.Towns {
		if err := put(SheetAnnualFigures, r, row(t.Name, t.Code, t.Source(tr), t.Figures)); err != nil {
			return nil, err
		}
		r++
	}
	last := r - 1 // the last town's row
	if err := put(SheetAnnualFigures, r, row("合计", "", "", a.Total)); err != nil {
		return nil, err
	}
	lastCol, _ := excelize.ColumnNumberToName(len(heads))
	_ = x.SetCellStyle(SheetAnnualFigures, "A1", lastCol+"1", head)
	_ = x.SetRowHeight(SheetAnnualFigures, 1, 45)
	_ = x.SetColWidth(SheetAnnualFigures, "A", "A", 16)
	_ = x.SetColWidth(SheetAnnualFigures, "B", "B", 13)
	_ = x.SetColWidth(SheetAnnualFigures, "C", "C", 48)
	_ = x.SetColWidth(SheetAnnualFigures, "D", lastCol, 11)
	_ = x.SetCellStyle(SheetAnnualFigures, "C2", fmt.Sprintf("C%d", r), wrapStyle)
	for i := 3; i < len(heads); i++ {
		col, _ := excelize.ColumnNumberToName(i + 1)
		st := intStyle
		switch {
		case strings.HasSuffix(heads[i], "（万元）"):
			st = wanStyle
		case strings.HasSuffix(heads[i], "（元）"), strings.HasSuffix(heads[i], "（人·学时）"):
			st = moneyStyle
		}
		_ = x.SetCellStyle(SheetAnnualFigures, col+"2", fmt.Sprintf("%s%d", col, r), st)
	}
	_ = x.SetCellStyle(SheetAnnualFigures, fmt.Sprintf("A%d", r), fmt.Sprintf("A%d", r), totalStyle)
	if err := x.SetPanes(SheetAnnualFigures, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2",
		ActivePane: "bottomRight"}); err != nil {
		return nil, err
	}

	if _, err := x.NewSheet(SheetAnnualSentences); err != nil {
		return nil, err
	}
	_ = x.SetColWidth(SheetAnnualSentences, "A", "A", 110)
	lines := []string{tr(KeyAnnualTitle, map[string]any{"Year": a.Year})}
	lines = append(lines, a.Sentences(tr)...)
	lines = append(lines, "", tr(KeyAnnualSources, nil))
	for _, t := range a.Towns {
		lines = append(lines, t.Source(tr))
	}
	if inc := a.Incomplete(); len(inc) > 0 {
		names := make([]string, len(inc))
		for i, t := range inc {
			names[i] = t.Name
		}
		lines = append(lines, "", tr(KeyAnnualIncomplete, map[string]any{"Towns": strings.Join(names, tr(KeyAnnualSeparator, nil))}))
	}
	for i, l := range lines {
		if err := x.SetCellStr(SheetAnnualSentences, fmt.Sprintf("A%d", i+1), l); err != nil {
			return nil, err
		}
	}
	_ = x.SetCellStyle(SheetAnnualSentences, "A1", "A1", totalStyle)
	_ = x.SetCellStyle(SheetAnnualSentences, "A2", fmt.Sprintf("A%d", len(lines)), wrapStyle)

	if last >= 2 {
		if err := a.charts(x, heads, last); err != nil {
			return nil, err
		}
	}
	x.SetActiveSheet(0)
	x.SetDocProps(&excelize.DocProperties{Title: tr(KeyAnnualTitle, map[string]any{"Year": a.Year}),
		Creator: "TownLedger", Language: "zh-CN"})
	return x, nil
}

func ptr[T any](v T) *T { return &v }

// charts adds, on their own sheet, column charts comparing the towns: the cases filed and
// decided, and the fines in 万元 (rows 2 to last of the figures sheet).
func (a AnnualData) charts(x *excelize.File, heads []string, last int) error {
	if _, err := x.NewSheet(SheetAnnualCharts); err != nil {
		return err
	}
	col := func(label string) string {
		i := slices.Index(heads, label)
		name, _ := excelize.ColumnNumberToName(i + 1)
		return name
	}
	ref := func(c string) string { return fmt.Sprintf("'%s'!$%s$2:$%s$%d", SheetAnnualFigures, c, c, last) }
	name := func(c string) string { return fmt.Sprintf("'%s'!$%s$1", SheetAnnualFigures, c) }
	cats := ref("A")
	width := uint(max(640, 60*(last-1)+160))
	cases := &excelize.Chart{Type: excelize.Col,
		Series: []excelize.ChartSeries{
			{Name: name(col("立案（件）")), Categories: cats, Values: ref(col("立案（件）"))},
			{Name: name(col("作出行政处罚决定（件）")), Categories: cats, Values: ref(col("作出行政处罚决定（件）"))},
		},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "各乡镇（街道）立案与处罚决定（件）"}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: width, Height: 320},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true},
	}
	if err := x.AddChart(SheetAnnualCharts, "A1", cases); err != nil {
		return err
	}
	fines := &excelize.Chart{Type: excelize.Col,
		Series: []excelize.ChartSeries{
			{Name: name(col("罚款金额（万元）")), Categories: cats, Values: ref(col("罚款金额（万元）"))},
		},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "各乡镇（街道）罚款金额（万元）"}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: width, Height: 320},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true},
	}
	return x.AddChart(SheetAnnualCharts, "A18", fines)
}

// Annual is the package's Annual on this ledger.
func (v Service) Annual(ctx context.Context, year int) (AnnualData, error) {
	return Annual(ctx, v.store, year)
}

// SaveAnnual is the package's SaveAnnual.
func (v Service) SaveAnnual(ctx context.Context, a AnnualData, xlsxPath, textPath string, tr period.Translate) error {
	return SaveAnnual(ctx, a, xlsxPath, textPath, tr)
}
