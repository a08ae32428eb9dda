package report

import (
	"context"
	"encoding/hex"
	"errors"
	"strconv"
	"time"

	"github.com/google/uuid"
	"golang.org/x/sync/errgroup"

	"github.com/xuri/excelize/v2"

	"townledger/app/disclosure"
	"townledger/app/period"
	"townledger/app/problem"
	"townledger/app/rulesets"
	"townledger/app/settings"
	"townledger/app/training"
	"townledger/data"
)

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
func writeBook(ctx context.Context, store *data.Store, town data.Town, sum *Summary, now time.Time, preparer string,
	pend *pending) error {
	path := sum.Path
	b, err := newBook()
	if err != nil {
		return writeFailed(path, err)
	}
	defer b.x.Close()
	fail := func(err error) error {
		var p *problem.Error
		if errors.As(err, &p) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		return writeFailed(path, err)
	}
	if err := b.content(ctx, store, town.Code, sum.From, sum.To, now); err != nil {
		return fail(err)
	}
	sum.Figures = b.figs
	figs := sum.Figures.lines()
	sum.Records = b.distinct()
	sum.ContentHash = b.finish(figs)
	reviewer, err := settings.Get(ctx, store, settings.ReportReviewer)
	if err != nil {
		return fail(err)
	}
	if err := b.cover(ctx, town, sum, figs, now, preparer, reviewer); err != nil {
		return fail(err)
	}
	if err := b.meta(ctx, store, town, sum, now); err != nil {
		return fail(err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	b.x.SetDocProps(&excelize.DocProperties{Title: town.Name + period.ChineseLabel(sum.From, sum.To) + "执法工作报表",
		Subject: "乡镇应急执法工作报表", Creator: "TownLedger", Language: "zh-CN"})
	return saveTo(ctx, b, pend, path)
}

// finish adds the cover's figures to the hash and returns it.
func (b *book) finish(figs []figure) string {
	for _, f := range figs {
		b.hash.Write([]byte(f.name + "=" + valueText(f.value) + "\n"))
	}
	return hex.EncodeToString(b.hash.Sum(nil))
}

// content streams the data sheets of the period from..to and adds up the cover's figures.
// Two parts run at a time (each reads with at most two of the store's four readers), the
// longest first and the shortest last, so no long part is left running alone at the end;
// each fork keeps its own hash and records, joined in sheet order.
func (b *book) content(ctx context.Context, store *data.Store, townCode string, from, to, now time.Time) error {
	b.hash.Write([]byte("town=" + townCode + "\nperiod=" + day(from) + ".." + day(to) + "\n"))
	type part struct {
		sheet string // "" for the figures
		fork  *book
		write func(*book, context.Context, *data.Store, time.Time, time.Time, time.Time) error
	}
	parts := []part{{SheetAttendance, b.fork(), (*book).attendance}, {SheetDisclosure, b.fork(), (*book).disclosure},
		{SheetHours, b.fork(), (*book).hours}, {SheetCases, b.fork(), (*book).cases}, {"", b.fork(), (*book).figures},
		{SheetActivities, b.fork(), (*book).activities}, {SheetTrainings, b.fork(), (*book).trainings}}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(2)
	for _, p := range parts {
		g.Go(func() error { return p.write(p.fork, gctx, store, from, to, now) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	b.byName = map[string][]uuid.UUID{}
	for _, name := range Sheets { // sheet order, so the hash does not depend on the schedule
		for _, p := range parts {
			if p.sheet == name {
				b.hash.Write(p.fork.hash.Sum(nil))
				b.byName[name] = p.fork.ids
				b.onTime += p.fork.onTime
				b.published += p.fork.published
			}
		}
	}
	for _, p := range parts {
		if p.sheet == "" {
			b.figs = p.fork.figs
		}
	}
	// The decisions the 双公示 sheet lists are the ones counted as published: the district's
	// choice about on-the-spot decisions applies to the cover as to the sheet.
	b.figs.OnTime, b.figs.Published = b.onTime, b.published
	return nil
}

// figures adds up the cover's figures (alongside the sheets).
func (b *book) figures(ctx context.Context, store *data.Store, from, to, now time.Time) error {
	var err error
	b.figs, err = gather(ctx, store, from, to, now)
	return err
}

func (b *book) cases(ctx context.Context, store *data.Store, from, to, _ time.Time) error {
	_, err := b.table(ctx, sheet{SheetCases, []column{{"案件编号", 26, kindText, false}, {"程序", 10, kindText, false},
		{"当事人", 28, kindWrap, false}, {"违法行为（赋权事项）", 30, kindWrap, false}, {"案由", 30, kindWrap, false},
		{"办理阶段", 12, kindText, false}, {"立案日期", 12, kindDate, false}, {"决定日期", 12, kindDate, false},
		{"结案日期", 12, kindDate, false}, {"处理结果", 14, kindText, false}, {"罚款金额（元）", 14, kindMoney, false},
		// Worked out from 决定日期 and the period, both hashed: left out of the hash, so the
		// versions sent before the column was added still match the same data.
		{ColDecidedInPeriod, 10, kindText, true}}, true},
		func(emit emitFunc) error {
			return pipe(ctx, func(ctx context.Context, fn func(data.ReportCase) error) error {
				return store.ReportCases(ctx, day(from), day(to), fn)
			}, func(c data.ReportCase) error {
				return emit(record{table: TableCase, id: c.ID}, c.CaseNo, label(procedures, c.Procedure), c.PartyName,
					c.ItemName, c.Title, label(stages, c.Stage), c.FiledOn, c.DecidedOn, c.ClosedOn,
					label(outcomes, c.Outcome), float64(c.Fine)/100, decidedIn(c.DecidedOn, from, to))
			})
		})
	return err
}

// ColDecidedInPeriod heads the case sheet's last column: 是 on the cases decided in the
// period, the ones the cover's decision figures (decisions, 罚款金额, 不予处罚) count; 否 on
// the cases filed in the period and decided later or not yet.
const ColDecidedInPeriod = "本期决定"

// decidedIn says 是 when a decision date (YYYY-MM-DD) lies in from..to, else 否.
func decidedIn(decidedOn string, from, to time.Time) string {
	if decidedOn != "" && decidedOn >= day(from) && decidedOn <= day(to) {
		return "是"
	}
	return "否"
}

// CoverNotes explain under the cover's figures how they are counted, and how the case
// sheet adds up to them.
var CoverNotes = []string{
	"注：1. 本表“作出行政处罚决定数”“罚款金额”“不予处罚案件”“经法制审核作出的决定”“经集体讨论作出的决定”" +
		"“处罚决定公示”按决定日期在本期内统计；“立案数”“结案数”“听证”分别按立案、结案、听证日期统计。",
	"2. “处罚案件”表列出本期立案或作出决定的案件。其中“本期决定”列为“是”的行与封面的决定类数字对应，" +
		"这些行的罚款金额之和即封面的罚款金额；为“否”的行是本期立案、本期内尚未作出决定的案件。",
}

// disclosure writes the 双公示 sheet; whether a decision is published yet depends on the day
// of export, so that column stays out of the hash.
func (b *book) disclosure(ctx context.Context, store *data.Store, from, to, now time.Time) error {
	law, err := rulesets.Load(ctx, store)
	if err != nil {
		return err
	}
	_, p := law.For(time.Time{})
	heads := disclosure.Headers(p.PublishWorkdays)
	kinds := []cellKind{kindWrap, kindText, kindText, kindText, kindWrap, kindWrap, kindWrap, kindText, kindWrap,
		kindWan, kindDate, kindDate, kindWrap, kindText, kindText, kindWrap, kindDate, kindDate, kindText}
	widths := []float64{28, 22, 12, 26, 30, 40, 36, 10, 24, 12, 13, 13, 22, 22, 16, 28, 18, 13, 14}
	cols := make([]column, len(heads))
	for i, h := range heads {
		cols[i] = column{h, widths[i%len(widths)], kinds[i%len(kinds)], i == len(heads)-1}
	}
	_, err = b.table(ctx, sheet{SheetDisclosure, cols, true}, func(emit emitFunc) error {
		return pipe(ctx, func(ctx context.Context, fn func(disclosure.Row) error) error {
			_, err := disclosure.Each(ctx, store, from, to, now, fn)
			return err
		}, func(r disclosure.Row) error {
			var wan any = ""
			if v, err := strconv.ParseFloat(r.FineWan, 64); err == nil {
				wan = v
			}
			if r.Publication == disclosure.PublishedOnTime {
				b.onTime++
			}
			if !r.PublishedOn.IsZero() {
				b.published++
			}
			return emit(record{table: TableCase, id: r.CaseID}, r.PartyName, r.CreditCode, r.LegalRep, r.DecisionNo,
				r.ViolationType, r.Facts, r.Basis, r.Category, r.Content, wan, r.DecidedOn, r.DisplayUntil, r.Authority,
				r.AuthorityCode, r.Source, r.Remarks, r.PublishDue, r.PublishedOn, r.Publication)
		})
	})
	return err
}

func (b *book) trainings(ctx context.Context, store *data.Store, from, to, _ time.Time) error {
	sessions, err := store.TrainingSessions(ctx, day(from), day(to))
	if err != nil {
		return err
	}
	_, err = b.table(ctx, sheet{SheetTrainings, []column{{"培训日期", 12, kindDate, false}, {"培训主题", 30, kindWrap, false},
		{"类别", 14, kindText, false}, {"形式", 10, kindText, false}, {"主办单位", 20, kindWrap, false},
		{"授课人", 12, kindText, false}, {"授课人单位", 20, kindWrap, false}, {"地点", 20, kindWrap, false},
		{"学时", 8, kindDecimal, false}, {"参训人数", 10, kindInt, false}}, true},
		func(emit emitFunc) error {
			for i := len(sessions) - 1; i >= 0; i-- { // oldest first
				s := sessions[i]
				if err := emit(record{table: TableTraining, id: s.ID}, s.HeldOn, s.Title, s.Category, s.Form, s.Organiser,
					s.Trainer, s.TrainerUnit, s.Place, s.Hours, s.Attendance); err != nil {
					return err
				}
			}
			return nil
		})
	return err
}

func (b *book) attendance(ctx context.Context, store *data.Store, from, to, _ time.Time) error {
	_, err := b.table(ctx, sheet{SheetAttendance, []column{{"培训日期", 12, kindDate, false},
		{"培训主题", 30, kindWrap, false}, {"姓名", 12, kindText, false}, {"单位", 20, kindWrap, false},
		{"学时", 8, kindDecimal, false}}, true},
		func(emit emitFunc) error {
			return pipe(ctx, func(ctx context.Context, fn func(data.ReportAttendance) error) error {
				return store.ReportAttendances(ctx, day(from), day(to), fn)
			}, func(a data.ReportAttendance) error {
				return emit(record{table: TableAttendance, id: a.ID}, a.HeldOn, a.Title, a.StaffName, a.Unit, a.Hours)
			})
		})
	return err
}

// hours lists the period's attendees with their hours in the period and in the year up to
// its end, against the yearly target; "未达标" is said only once the year is over.
func (b *book) hours(ctx context.Context, store *data.Store, from, to, _ time.Time) error {
	target, err := training.Target(ctx, store)
	if err != nil {
		return err
	}
	yearFrom := time.Date(from.Year(), 1, 1, 0, 0, 0, 0, from.Location())
	rows, err := store.ReportHours(ctx, day(yearFrom), day(from), day(to))
	if err != nil {
		return err
	}
	yearEnd := to.Month() == time.December && to.Day() == 31
	_, err = b.table(ctx, sheet{SheetHours, []column{{"姓名", 12, kindText, false}, {"单位", 20, kindWrap, false},
		{"职务", 14, kindText, false}, {"执法人员", 10, kindText, false}, {"本期参训场次", 12, kindInt, false},
		{"本期学时", 10, kindDecimal, false}, {"年度累计学时（截至期末）", 14, kindDecimal, false},
		{"年度目标学时", 12, kindDecimal, false}, {"是否达标", 10, kindText, false}}, true},
		func(emit emitFunc) error {
			for _, h := range rows {
				officer, done := "否", "—"
				if h.IsOfficer {
					officer = "是"
				}
				year := round2(h.YearHours)
				switch {
				case year >= target:
					done = "达标"
				case yearEnd:
					done = "未达标"
				}
				if err := emit(record{table: TableStaff, id: h.ID}, h.Name, h.Unit, h.Position, officer, h.Sessions,
					round2(h.Hours), year, target, done); err != nil {
					return err
				}
			}
			return nil
		})
	return err
}

func (b *book) activities(ctx context.Context, store *data.Store, from, to, _ time.Time) error {
	_, err := b.table(ctx, sheet{SheetActivities, []column{{"活动日期", 12, kindDate, false}, {"活动名称", 30, kindWrap, false},
		{"类型", 14, kindText, false}, {"地点", 20, kindWrap, false}, {"组织单位", 20, kindWrap, false},
		{"横幅（条）", 10, kindInt, false}, {"展板（块）", 10, kindInt, false}, {"资料（份）", 10, kindInt, false},
		{"咨询（人次）", 10, kindInt, false}, {"受教育群众（人次）", 12, kindInt, false}, {"企业（家）", 10, kindInt, false},
		{"演练（场）", 10, kindInt, false}, {"演练人数", 10, kindInt, false}, {"经费（元）", 12, kindMoney, false}}, true},
		func(emit emitFunc) error {
			return pipe(ctx, func(ctx context.Context, fn func(data.ActivityRow) error) error {
				return store.ReportActivities(ctx, day(from), day(to), fn)
			}, func(a data.ActivityRow) error {
				return emit(record{table: TableActivity, id: a.ID}, a.HeldOn, a.Title, a.Type, a.PlaceName, a.Organisers,
					a.Banners, a.Boards, a.Materials, a.Consultations, a.People, a.Enterprises, a.Drills, a.DrillPeople,
					float64(a.Cost)/100)
			})
		})
	return err
}

// cover writes the heading, the headline figures and the notes on how they are counted.
func (b *book) cover(ctx context.Context, town data.Town, sum *Summary, figs []figure, now time.Time, preparer, reviewer string) error {
	return b.coverSheet(ctx, town, sum.From, sum.To, figs, now, preparer, reviewer)
}

// coverSheet writes a cover: who reports which period, the figures, then the counting notes
// and any more (the consolidated cover's list of towns).
func (b *book) coverSheet(ctx context.Context, town data.Town, from, to time.Time, figs []figure, now time.Time,
	preparer, reviewer string, more ...note) error {
	notes := make([]note, 0, len(CoverNotes)+len(more))
	for _, n := range CoverNotes {
		notes = append(notes, note{n, 3})
	}
	notes = append(notes, more...)
	_, err := b.tableWithNotes(ctx, sheet{SheetCover, []column{{"项目", 40, kindWrap, false}, {"内容", 36, kindText, false},
		{"单位", 10, kindText, false}}, false}, notes,
		func(emit emitFunc) error {
			for _, kv := range [][2]string{{"报送单位", town.Name}, {"行政区划代码", town.Code},
				{"报告期", period.ChineseLabel(from, to)}, {"填报人", preparer}, {"审核人", reviewer},
				{"填报日期", day(now)}} {
				if err := emit(record{}, kv[0], kv[1], ""); err != nil {
					return err
				}
			}
			for _, f := range figs {
				if err := emit(record{}, f.label, excelize.Cell{StyleID: b.styles[f.format], Value: f.value}, f.unit); err != nil {
					return err
				}
			}
			return nil
		})
	return err
}

// distinct counts the records shown, each once: the 双公示 sheet shows cases the case sheet
// shows too.
func (b *book) distinct() int {
	n := 0
	for name, ids := range b.byName {
		if name != SheetDisclosure {
			n += len(ids)
		}
	}
	onCaseSheet := make(map[uuid.UUID]bool, len(b.byName[SheetCases]))
	for _, id := range b.byName[SheetCases] {
		onCaseSheet[id] = true
	}
	for _, id := range b.byName[SheetDisclosure] {
		if !onCaseSheet[id] {
			n++
		}
	}
	return n
}
