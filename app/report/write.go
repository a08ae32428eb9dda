package report

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/disclosure"
	"townledger/app/problem"
	"townledger/app/training"
	"townledger/app/workbook"
	"townledger/data"
)

type cellKind int

const (
	kindText cellKind = iota
	kindWrap
	kindDate
	kindInt
	kindDecimal // two decimals
	kindMoney   // yuan, two decimals with thousands
	kindWan     // 万元, four decimals
)

type column struct {
	header string
	width  float64
	kind   cellKind
}

// book is a workbook being written, with its styles.
type book struct {
	x      *excelize.File
	styles map[cellKind]int
	header int
}

func newBook() (*book, error) {
	x := excelize.NewFile()
	b := &book{x: x, styles: map[cellKind]int{}}
	border := []excelize.Border{{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1}}
	font := &excelize.Font{Family: "宋体", Size: 10}
	center := &excelize.Alignment{Vertical: "center"}
	dateFmt, wanFmt, moneyFmt := "yyyy-mm-dd", "0.0000", "#,##0.00"
	kinds := map[cellKind]excelize.Style{
		kindText:    {NumFmt: 49, Alignment: center},
		kindWrap:    {NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}},
		kindDate:    {CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "center"}},
		kindInt:     {NumFmt: 1, Alignment: center},
		kindDecimal: {NumFmt: 2, Alignment: center},
		kindMoney:   {CustomNumFmt: &moneyFmt, Alignment: center},
		kindWan:     {CustomNumFmt: &wanFmt, Alignment: center},
	}
	for k, s := range kinds {
		s.Border, s.Font = border, font
		id, err := x.NewStyle(&s)
		if err != nil {
			x.Close()
			return nil, err
		}
		b.styles[k] = id
	}
	var err error
	b.header, err = x.NewStyle(&excelize.Style{Border: border, NumFmt: 49,
		Font:      &excelize.Font{Family: "宋体", Size: 10, Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	if err != nil {
		x.Close()
		return nil, err
	}
	// Create the sheets up front so they stand in order; each is then streamed in turn.
	if err := x.SetSheetName("Sheet1", Sheets[0]); err != nil {
		x.Close()
		return nil, err
	}
	for _, s := range Sheets[1:] {
		if _, err := x.NewSheet(s); err != nil {
			x.Close()
			return nil, err
		}
	}
	return b, nil
}

// table streams one sheet: widths and column styles, a frozen header row, then the rows fill
// gives it; it returns how many rows were written. Printing is A4 landscape with the header
// row on every page.
func (b *book) table(ctx context.Context, sheet string, cols []column, fill func(emit func(...any) error) error) (int, error) {
	sw, err := b.x.NewStreamWriter(sheet)
	if err != nil {
		return 0, err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return 0, err
		}
		if err := sw.SetColStyle(i+1, i+1, b.styles[c.kind]); err != nil {
			return 0, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return 0, err
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: b.header, Value: c.header}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 30}); err != nil {
		return 0, err
	}
	row := 1
	cells := make([]any, len(cols))
	err = fill(func(vals ...any) error {
		if row%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		row++
		for i := range cols {
			var v any = ""
			if i < len(vals) {
				v = vals[i]
			}
			if cols[i].kind == kindDate {
				v = dateCell(v)
			}
			if c, ok := v.(excelize.Cell); ok {
				cells[i] = c
			} else {
				cells[i] = excelize.Cell{StyleID: b.styles[cols[i].kind], Value: v}
			}
		}
		return sw.SetRow("A"+strconv.Itoa(row), cells)
	})
	if err != nil {
		return 0, err
	}
	if err := sw.Flush(); err != nil {
		return 0, err
	}
	size, landscape := 9, "landscape"
	if err := b.x.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &landscape}); err != nil {
		return 0, err
	}
	if err := b.x.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"}); err != nil {
		return 0, err
	}
	err = b.x.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: "'" + sheet + "'!$1:$1"})
	return row - 1, err
}

// dateCell turns a stored date (YYYY-MM-DD) or a time into a date cell; empty stays empty.
func dateCell(v any) any {
	switch x := v.(type) {
	case string:
		t, err := time.Parse(data.DateLayout, x)
		if err != nil {
			return x
		}
		return t
	case time.Time:
		if x.IsZero() {
			return ""
		}
		return x
	}
	return v
}

var procedures = map[string]string{"summary": "简易程序", "general": "普通程序"}

var outcomes = map[string]string{"fine": "罚款", "warning": "警告", "other": "其他处罚",
	"not_penalised_minor": "轻微不罚", "not_penalised_first": "首违不罚", "not_penalised_no_fault": "无主观过错不罚"}

// stages name the case steps as the sheet shows them.
var stages = map[string]string{"filed": "立案", "investigation": "调查取证", "notice": "告知", "statement": "陈述申辩",
	"hearing_request": "听证申请", "hearing": "听证", "legal_review": "法制审核", "collective": "集体讨论",
	"decision": "作出决定", "service": "送达", "publication": "公示", "payment": "缴纳罚款", "reminder": "催告",
	"enforcement": "申请强制执行", "closing": "结案", "extension": "延长办案期限", "void": "撤销"}

func label(m map[string]string, code string) string {
	if s, ok := m[code]; ok {
		return s
	}
	return code
}

// writeBook writes every sheet and saves the workbook; it fills in sum's Records and
// ContentHash.
func writeBook(ctx context.Context, store *data.Store, town data.Town, sum *Summary, now time.Time, preparer string) error {
	path := sum.Path
	b, err := newBook()
	if err != nil {
		return writeFailed(path, err)
	}
	defer b.x.Close()
	from, to := day(sum.From), day(sum.To)
	var recs []record
	seen := map[record]bool{}
	add := func(table, id string) {
		r := record{table, id}
		if !seen[r] {
			seen[r] = true
			recs = append(recs, r)
		}
	}
	fail := func(err error) error {
		var p *problem.Error
		if errors.As(err, &p) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		return writeFailed(path, err)
	}

	_, err = b.table(ctx, SheetCases, []column{{"案件编号", 26, kindText}, {"程序", 10, kindText},
		{"当事人", 28, kindWrap}, {"违法行为（赋权事项）", 30, kindWrap}, {"案由", 30, kindWrap},
		{"办理阶段", 12, kindText}, {"立案日期", 12, kindDate}, {"决定日期", 12, kindDate},
		{"结案日期", 12, kindDate}, {"处理结果", 14, kindText}, {"罚款金额（元）", 14, kindMoney}},
		func(emit func(...any) error) error {
			return store.ReportCases(ctx, from, to, func(c data.ReportCase) error {
				add(TableCase, c.ID)
				return emit(c.CaseNo, label(procedures, c.Procedure), c.PartyName, c.ItemName, c.Title, label(stages, c.Stage),
					c.FiledOn, c.DecidedOn, c.ClosedOn, label(outcomes, c.Outcome), float64(c.Fine)/100)
			})
		})
	if err != nil {
		return fail(err)
	}

	days, err := publishDays(ctx, store)
	if err != nil {
		return fail(err)
	}
	heads := disclosure.Headers(days)
	kinds := []cellKind{kindWrap, kindText, kindText, kindText, kindWrap, kindWrap, kindWrap, kindText, kindWrap,
		kindWan, kindDate, kindDate, kindWrap, kindText, kindText, kindWrap, kindDate, kindDate, kindText}
	widths := []float64{28, 22, 12, 26, 30, 40, 36, 10, 24, 12, 13, 13, 22, 22, 16, 28, 18, 13, 14}
	dcols := make([]column, len(heads))
	for i, h := range heads {
		dcols[i] = column{h, widths[i%len(widths)], kinds[i%len(kinds)]}
	}
	_, err = b.table(ctx, SheetDisclosure, dcols, func(emit func(...any) error) error {
		_, err := disclosure.Each(ctx, store, sum.From, sum.To, now, func(r disclosure.Row) error {
			var wan any = ""
			if v, err := strconv.ParseFloat(r.FineWan, 64); err == nil {
				wan = v
			}
			return emit(r.PartyName, r.CreditCode, r.LegalRep, r.DecisionNo, r.ViolationType, r.Facts, r.Basis,
				r.Category, r.Content, wan, r.DecidedOn, r.DisplayUntil, r.Authority, r.AuthorityCode, r.Source,
				r.Remarks, r.PublishDue, r.PublishedOn, r.Publication)
		})
		return err
	})
	if err != nil {
		return fail(err)
	}

	sessions, err := store.TrainingSessions(ctx, from, to)
	if err != nil {
		return fail(err)
	}
	_, err = b.table(ctx, SheetTrainings, []column{{"培训日期", 12, kindDate}, {"培训主题", 30, kindWrap},
		{"类别", 14, kindText}, {"形式", 10, kindText}, {"主办单位", 20, kindWrap}, {"授课人", 12, kindText},
		{"授课人单位", 20, kindWrap}, {"地点", 20, kindWrap}, {"学时", 8, kindDecimal}, {"参训人数", 10, kindInt}},
		func(emit func(...any) error) error {
			for i := len(sessions) - 1; i >= 0; i-- { // oldest first
				s := sessions[i]
				add(TableTraining, s.ID)
				if err := emit(s.HeldOn, s.Title, s.Category, s.Form, s.Organiser, s.Trainer, s.TrainerUnit, s.Place,
					s.Hours, s.Attendance); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		return fail(err)
	}

	_, err = b.table(ctx, SheetAttendance, []column{{"培训日期", 12, kindDate}, {"培训主题", 30, kindWrap},
		{"姓名", 12, kindText}, {"单位", 20, kindWrap}, {"学时", 8, kindDecimal}},
		func(emit func(...any) error) error {
			return store.ReportAttendances(ctx, from, to, func(a data.ReportAttendance) error {
				add(TableAttendance, a.ID)
				return emit(a.HeldOn, a.Title, a.StaffName, a.Unit, a.Hours)
			})
		})
	if err != nil {
		return fail(err)
	}

	totals, err := training.Totals(ctx, store, sum.From.Year())
	if err != nil {
		return fail(err)
	}
	_, err = b.table(ctx, SheetHours, []column{{"姓名", 12, kindText}, {"单位", 20, kindWrap}, {"职务", 14, kindText},
		{"执法人员", 10, kindText}, {"参训场次", 10, kindInt}, {"学时（" + strconv.Itoa(sum.From.Year()) + "年）", 12, kindDecimal},
		{"年度目标学时", 12, kindDecimal}, {"是否达标", 10, kindText}},
		func(emit func(...any) error) error {
			for _, t := range totals {
				add(TableStaff, t.ID)
				officer, done := "否", "达标"
				if t.IsOfficer {
					officer = "是"
				}
				if t.Behind {
					done = "未达标"
				} else if t.Hours < t.Target {
					done = "—"
				}
				if err := emit(t.Name, t.Unit, t.Position, officer, t.Sessions, t.Hours, t.Target, done); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		return fail(err)
	}

	_, err = b.table(ctx, SheetActivities, []column{{"活动日期", 12, kindDate}, {"活动名称", 30, kindWrap},
		{"类型", 14, kindText}, {"地点", 20, kindWrap}, {"组织单位", 20, kindWrap}, {"横幅（条）", 10, kindInt},
		{"展板（块）", 10, kindInt}, {"资料（份）", 10, kindInt}, {"咨询（人次）", 10, kindInt},
		{"受教育群众（人次）", 12, kindInt}, {"企业（家）", 10, kindInt}, {"演练（场）", 10, kindInt},
		{"演练人数", 10, kindInt}, {"经费（元）", 12, kindMoney}},
		func(emit func(...any) error) error {
			return store.ReportActivities(ctx, from, to, func(a data.ActivityRow) error {
				add(TableActivity, a.ID)
				return emit(a.HeldOn, a.Title, a.Type, a.PlaceName, a.Organisers, a.Banners, a.Boards, a.Materials,
					a.Consultations, a.People, a.Enterprises, a.Drills, a.DrillPeople, float64(a.Cost)/100)
			})
		})
	if err != nil {
		return fail(err)
	}

	figs := sum.Figures.lines()
	sum.Records = len(recs)
	sum.ContentHash = contentHash(town.Code, sum.From, sum.To, figs, recs)

	_, err = b.table(ctx, SheetCover, []column{{"项目", 40, kindWrap}, {"内容", 36, kindText}, {"单位", 10, kindText}},
		func(emit func(...any) error) error {
			for _, kv := range [][2]string{{"报送单位", town.Name}, {"行政区划代码", town.Code},
				{"报告期", periodLabel(sum.From, sum.To)}, {"填报人", preparer}, {"填报日期", day(now)}} {
				if err := emit(kv[0], kv[1], ""); err != nil {
					return err
				}
			}
			for _, f := range figs {
				if err := emit(f.label, excelize.Cell{StyleID: b.styles[f.format], Value: f.value}, f.unit); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		return fail(err)
	}

	_, err = b.table(ctx, SheetMeta, []column{{"项目", 20, kindText}, {"值", 70, kindText}},
		func(emit func(...any) error) error {
			for _, kv := range [][2]string{{"town_code", town.Code}, {"period", sum.Period},
				{"schema_version", strconv.Itoa(data.SchemaVersion())}, {"export_id", sum.ExportID},
				{"generated_at", now.UTC().Format(data.TimeLayout)}, {"content_hash", sum.ContentHash},
				{"records", strconv.Itoa(len(recs))}} {
				if err := emit(kv[0], kv[1]); err != nil {
					return err
				}
			}
			for _, r := range recs {
				if err := emit(r.table, r.id); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		return fail(err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	b.x.SetActiveSheet(0)
	b.x.SetDocProps(&excelize.DocProperties{Title: town.Name + periodLabel(sum.From, sum.To) + "执法工作报表",
		Subject: "乡镇应急执法工作报表", Creator: "TownLedger", Language: "zh-CN"})
	return saveNew(ctx, b.x, path)
}

// refuseExisting refuses a path that exists, whatever it is.
func refuseExisting(path string) error {
	return workbook.SaveError(workbook.CheckNew(path), path, KeyExists, KeyWrite)
}

// saveNew writes the workbook into place atomically, never over an existing file.
func saveNew(ctx context.Context, x *excelize.File, path string) error {
	return workbook.SaveError(workbook.SaveNew(ctx, x, path), path, KeyExists, KeyWrite)
}

func writeFailed(path string, err error) error {
	return workbook.SaveError(err, path, KeyExists, KeyWrite)
}
