package report

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"
	"golang.org/x/sync/errgroup"

	"townledger/app/disclosure"
	"townledger/app/period"
	"townledger/app/problem"
	"townledger/app/rulesets"
	"townledger/app/settings"
	"townledger/app/workbook"
	"townledger/data"
)

// This file is the district's consolidated workbook of a period: the versions in force of its
// towns' workbooks added up. It has the town workbook's form, so that it is itself a valid
// submission one level up (a city consolidates its districts with the same program): a cover
// with the district's totals of every cover figure, the per-town table of those figures, the
// detail sheets of all towns with a leading 乡镇 column, and the metadata sheet with the
// district's own code, a new export id, the content hash by the same recipe over what is
// written and the record block naming every town's records.

// Translation keys of the consolidation's refusals; the data each carries is noted.
const (
	KeyConsolidateNone    = "report.consolidate.none"    // Period: no town's workbook is in force for it
	KeyConsolidateChanged = "report.consolidate.changed" // towns' workbooks kept being taken in while it was written
)

// ConsolidateKeys lists the translation keys of the consolidation's refusals.
func ConsolidateKeys() []string { return []string{KeyConsolidateNone, KeyConsolidateChanged} }

// SheetTowns is the consolidated workbook's per-town table of the cover's figures; it stands
// after the cover.
const SheetTowns = "分乡镇汇总"

// ColTown heads the leading column of the consolidated detail sheets: the town's name.
const ColTown = "乡镇"

// Consolidation describes a written consolidated workbook.
type Consolidation struct {
	Path, ExportID, ContentHash string
	Period                      string // normalised ("2024-Q3")
	From, To                    time.Time
	Towns                       []ConsolidatedTown  // the towns whose versions in force it adds up, by division code
	Missing                     []data.DistrictTown // registered towns with no version in force
	Figures                     []SubmittedFigure   // the district's totals, as the cover shows them
	Rows                        map[string]int      // data rows by detail sheet
	Records                     int                 // distinct records, as the metadata counts them

	reports map[string]bool // the ids of the versions in force added up
}

// ConsolidatedTown is one town added up: its version in force and that version's figures.
type ConsolidatedTown struct {
	Code, Name string
	Version    int
	Figures    map[string]string // by figure name, as the town's cover gave them
}

// consolidatedColumns are the columns of each detail sheet as the town workbook writes them
// (sheets.go), by sheet; the 双公示 sheet's come from disclosure.Headers. A test compares them
// with a town's exported workbook.
var consolidatedColumns = map[string][]column{
	SheetCases: {{"案件编号", 26, kindText, false}, {"程序", 10, kindText, false},
		{"当事人", 28, kindWrap, false}, {"违法行为（赋权事项）", 30, kindWrap, false}, {"案由", 30, kindWrap, false},
		{"办理阶段", 12, kindText, false}, {"立案日期", 12, kindDate, false}, {"决定日期", 12, kindDate, false},
		{"结案日期", 12, kindDate, false}, {"处理结果", 14, kindText, false}, {"罚款金额（元）", 14, kindMoney, false},
		{ColDecidedInPeriod, 10, kindText, true}},
	SheetTrainings: {{"培训日期", 12, kindDate, false}, {"培训主题", 30, kindWrap, false},
		{"类别", 14, kindText, false}, {"形式", 10, kindText, false}, {"主办单位", 20, kindWrap, false},
		{"授课人", 12, kindText, false}, {"授课人单位", 20, kindWrap, false}, {"地点", 20, kindWrap, false},
		{"学时", 8, kindDecimal, false}, {"参训人数", 10, kindInt, false}},
	SheetAttendance: {{"培训日期", 12, kindDate, false}, {"培训主题", 30, kindWrap, false},
		{"姓名", 12, kindText, false}, {"单位", 20, kindWrap, false}, {"学时", 8, kindDecimal, false}},
	SheetHours: {{"姓名", 12, kindText, false}, {"单位", 20, kindWrap, false},
		{"职务", 14, kindText, false}, {"执法人员", 10, kindText, false}, {"本期参训场次", 12, kindInt, false},
		{"本期学时", 10, kindDecimal, false}, {"年度累计学时（截至期末）", 14, kindDecimal, false},
		{"年度目标学时", 12, kindDecimal, false}, {"是否达标", 10, kindText, false}},
	SheetActivities: {{"活动日期", 12, kindDate, false}, {"活动名称", 30, kindWrap, false},
		{"类型", 14, kindText, false}, {"地点", 20, kindWrap, false}, {"组织单位", 20, kindWrap, false},
		{"横幅（条）", 10, kindInt, false}, {"展板（块）", 10, kindInt, false}, {"资料（份）", 10, kindInt, false},
		{"咨询（人次）", 10, kindInt, false}, {"受教育群众（人次）", 12, kindInt, false}, {"企业（家）", 10, kindInt, false},
		{"演练（场）", 10, kindInt, false}, {"演练人数", 10, kindInt, false}, {"经费（元）", 12, kindMoney, false}},
}

// disclosureColumns are the 双公示 sheet's columns, headed as the district's rules name the
// publication period.
func disclosureColumns(ctx context.Context, store *data.Store) ([]column, error) {
	law, err := rulesets.Load(ctx, store)
	if err != nil {
		return nil, err
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
	return cols, nil
}

// consolidateMemoryLimit is the soft memory limit while a consolidated workbook is written.
const consolidateMemoryLimit = 140 << 20

// WriteConsolidated writes the consolidated workbook of the period p for path, a new file (an
// existing one is refused, never overwritten): the versions in force of the district's towns
// added up. The workbook is written into a temporary file beside path and given path's name
// only when complete. Its rows are streamed from the store sheet by sheet and never held
// together. now is the date of the workbook; preparer is who prepared it (填报人).
func WriteConsolidated(ctx context.Context, store *data.Store, p, path string, now time.Time, preparer string) (Consolidation, error) {
	from, to, err := period.Parse(p)
	if err != nil {
		return Consolidation{}, err
	}
	prev := debug.SetMemoryLimit(-1)
	debug.SetMemoryLimit(min(prev, consolidateMemoryLimit))
	defer debug.SetMemoryLimit(prev)
	if err := refuseExisting(path); err != nil {
		return Consolidation{}, err
	}
	office, ok, err := store.Town(ctx)
	if err != nil {
		return Consolidation{}, err
	}
	if !ok {
		return Consolidation{}, problem.New(KeyNoTown, nil)
	}
	// The versions in force are read first, then each sheet's rows by its own query, then the
	// versions in force again: a workbook taken in meanwhile shows as rows of a version not
	// among those first read, or as another version in force at the end, and the
	// consolidation starts again.
	for attempt := 1; ; attempt++ {
		c, err := writeConsolidated(ctx, store, office, from, to, path, now, preparer)
		if errors.Is(err, errIntakeMeanwhile) && attempt < 3 {
			continue
		}
		return c, err
	}
}

// errIntakeMeanwhile stops a consolidation that met rows of a version taken in after it read
// the versions in force; after the last attempt it is the refusal.
var errIntakeMeanwhile error = problem.New(KeyConsolidateChanged, nil)

// consolidatePause is a test's hook at the named points of a consolidation; nothing in the
// program.
var consolidatePause = func(point string) {}

func writeConsolidated(ctx context.Context, store *data.Store, office data.Town, from, to time.Time, path string,
	now time.Time, preparer string) (Consolidation, error) {
	c := Consolidation{Path: path, ExportID: uuid.Must(uuid.NewV7()).String(), Period: period.Canonical(from, to),
		From: from, To: to, Rows: map[string]int{}}
	names, err := c.gatherTowns(ctx, store)
	if err != nil {
		return Consolidation{}, err
	}
	consolidatePause("gathered")
	if len(c.Towns) == 0 {
		return Consolidation{}, problem.New(KeyConsolidateNone, map[string]any{"Period": c.Period})
	}
	figs, err := c.totals()
	if err != nil {
		return Consolidation{}, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return Consolidation{}, writeFailed(path, err)
	}
	tmp, err := workbook.NewTemp(abs)
	if err != nil {
		return Consolidation{}, writeFailed(path, err)
	}
	if err := c.write(ctx, store, office, names, figs, now, preparer, tmp); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		var pr *problem.Error
		if errors.As(err, &pr) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
			errors.Is(err, errIntakeMeanwhile) {
			return Consolidation{}, err
		}
		return Consolidation{}, writeFailed(path, err)
	}
	if err := workbook.Place(tmp, path); err != nil {
		return Consolidation{}, writeFailed(path, err)
	}
	return c, nil
}

// gatherTowns reads the versions in force and the register: the towns added up, the
// registered ones missing, and every town's name by code (its code when it is no longer
// registered).
func (c *Consolidation) gatherTowns(ctx context.Context, store *data.Store) (map[string]string, error) {
	reports, err := store.ReportsInForce(ctx, c.Period)
	if err != nil {
		return nil, err
	}
	registered, err := store.DistrictTowns(ctx)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, t := range registered {
		names[t.DivisionCode] = t.Name
	}
	in := map[string]bool{}
	c.reports = map[string]bool{}
	for _, r := range reports {
		c.reports[r.ID] = true
		figs := map[string]string{}
		if r.FiguresJSON != "" {
			if err := json.Unmarshal([]byte(r.FiguresJSON), &figs); err != nil {
				return nil, fmt.Errorf("the figures of %s %s: %w", r.FromTown, r.Period, err)
			}
		}
		name, ok := names[r.FromTown]
		if !ok {
			name = r.FromTown
			names[r.FromTown] = name
		}
		c.Towns = append(c.Towns, ConsolidatedTown{Code: r.FromTown, Name: name, Version: r.Version, Figures: figs})
		in[r.FromTown] = true
	}
	for _, t := range registered {
		if !in[t.DivisionCode] {
			c.Missing = append(c.Missing, t)
		}
	}
	return names, nil
}

// totals adds up the towns' cover figures into the district's, in the cover's order and
// form: counts are summed; amounts and hours are summed in hundredths, so no rounding of a
// binary fraction builds up; 罚款金额（万元） is worked out again from the summed yuan, as
// the town's cover works it out from its fines, not summed from the towns' rounded values.
// (No cover figure is a ratio: every other one is a plain sum.)
func (c *Consolidation) totals() ([]figure, error) {
	lines := (Figures{}).lines()
	fen := int64(0) // the fines in yuan, summed in fen
	for i, f := range lines {
		var ints, hundredths int64
		for _, t := range c.Towns {
			v, ok := t.Figures[f.name]
			if !ok || v == "" {
				continue
			}
			n, err := strconv.ParseFloat(v, 64)
			if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
				return nil, fmt.Errorf("%s's figure %s is no number: %q", t.Name, f.name, v)
			}
			switch f.format {
			case kindInt:
				ints += int64(math.Round(n))
			case kindMoney, kindDecimal:
				hundredths += int64(math.Round(n * 100))
			}
		}
		switch f.format {
		case kindInt:
			lines[i].value = ints
		case kindMoney:
			fen += hundredths
			lines[i].value = float64(hundredths) / 100
		case kindDecimal:
			lines[i].value = float64(hundredths) / 100
		}
	}
	for i, f := range lines {
		if f.format == kindWan {
			lines[i].value = math.Round(float64(fen)/100) / 10000
		}
	}
	c.Figures = make([]SubmittedFigure, len(lines))
	for i, f := range lines {
		c.Figures[i] = SubmittedFigure{Name: f.name, Label: f.label, Unit: f.unit, Value: valueText(f.value)}
	}
	return lines, nil
}

// write writes every sheet into tmp.
func (c *Consolidation) write(ctx context.Context, store *data.Store, office data.Town, names map[string]string,
	figs []figure, now time.Time, preparer string, tmp *os.File) error {
	b, err := newBook()
	if err != nil {
		return err
	}
	defer b.x.Close()
	if _, err := b.x.NewSheet(SheetTowns); err != nil {
		return err
	}
	if err := b.x.MoveSheet(SheetTowns, SheetCases); err != nil {
		return err
	}
	b.x.SetActiveSheet(0)
	if err := c.details(ctx, store, b, office.Code, names); err != nil {
		return err
	}
	consolidatePause("sheets")
	// A version taken in after the sheets' rows were read would not show in them.
	after, err := store.ReportsInForce(ctx, c.Period)
	if err != nil {
		return err
	}
	if len(after) != len(c.reports) {
		return errIntakeMeanwhile
	}
	for _, r := range after {
		if !c.reports[r.ID] {
			return errIntakeMeanwhile
		}
	}
	c.ContentHash = b.finish(figs)
	c.Records = b.distinct()
	reviewer, err := settings.Get(ctx, store, settings.ReportReviewer)
	if err != nil {
		return err
	}
	if err := c.cover(ctx, b, office, figs, now, preparer, reviewer); err != nil {
		return err
	}
	if err := c.townTable(ctx, b, figs); err != nil {
		return err
	}
	sum := Summary{Period: c.Period, ExportID: c.ExportID, ContentHash: c.ContentHash, Records: c.Records}
	if err := b.meta(ctx, store, office, &sum, now); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	b.x.SetDocProps(&excelize.DocProperties{Title: office.Name + period.ChineseLabel(c.From, c.To) + "执法工作汇总表",
		Subject: "乡镇应急执法工作报表汇总", Creator: "TownLedger", Language: "zh-CN"})
	return saveConsolidated(ctx, b, tmp)
}

// details streams the detail sheets, two at a time, each from the store's rows in force of
// its sheet by town and row, with the town's name in front; each sheet's hash and records
// are joined in sheet order, as the town's workbook joins them.
func (c *Consolidation) details(ctx context.Context, store *data.Store, b *book, code string, names map[string]string) error {
	b.hash.Write([]byte("town=" + code + "\nperiod=" + day(c.From) + ".." + day(c.To) + "\n"))
	dcols, err := disclosureColumns(ctx, store)
	if err != nil {
		return err
	}
	type part struct {
		name string
		cols []column
		fork *book
		rows int
	}
	parts := make([]*part, len(hashedSheets))
	for i, name := range hashedSheets {
		cols := consolidatedColumns[name]
		if name == SheetDisclosure {
			cols = dcols
		}
		parts[i] = &part{name: name, cols: append([]column{{ColTown, 12, kindText, false}}, cols...), fork: b.fork()}
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(2)
	// The biggest sheets first, so the two writers finish together.
	for _, i := range []int{3, 1, 5, 0, 2, 4} {
		pt := parts[i]
		g.Go(func() error {
			n, err := pt.fork.table(gctx, sheet{pt.name, pt.cols, true}, func(emit emitFunc) error {
				vals := make([]any, len(pt.cols))
				return store.DistrictSheetRows(gctx, c.Period, pt.name, func(r data.DistrictRow) error {
					if !c.reports[r.ReportID] {
						return errIntakeMeanwhile
					}
					vals[0] = names[r.FromTown]
					for j, col := range pt.cols[1:] {
						var cell string
						if j < len(r.Cells) {
							cell = r.Cells[j]
						}
						vals[j+1] = typedCell(cell, col.kind)
					}
					return emit(record{table: r.Table, id: r.RecordID}, vals...)
				})
			})
			pt.rows = n
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	b.byName = map[string][]uuid.UUID{}
	for _, pt := range parts {
		b.hash.Write(pt.fork.hash.Sum(nil))
		b.byName[pt.name] = pt.fork.ids
		c.Rows[pt.name] = pt.rows
	}
	return nil
}

// typedCell gives a cell as the town's sheet held it: numbers as numbers in the number
// columns when the number reads back as the same text (so the content hash, over the text,
// is the same), dates in the date columns (as text the table turns into dates), everything
// else text; empty cells stay empty.
func typedCell(s string, kind cellKind) any {
	switch kind {
	case kindInt, kindDecimal, kindMoney, kindWan:
		if n, err := strconv.ParseFloat(s, 64); err == nil && strconv.FormatFloat(n, 'f', -1, 64) == s {
			return n
		}
	}
	if s == "" {
		return nil
	}
	return s
}

// consolidatedNote says, under the cover's counting notes, which towns are added up and
// which registered ones are not.
func (c *Consolidation) consolidatedNote() string {
	text := "3. 本表汇总 " + strconv.Itoa(len(c.Towns)) + " 个乡镇（街道）报送的在用版本："
	for i, t := range c.Towns {
		if i > 0 {
			text += "、"
		}
		text += t.Name + "（v" + strconv.Itoa(t.Version) + "）"
	}
	text += "。"
	if len(c.Missing) > 0 {
		text += "未报送、未汇总："
		for i, t := range c.Missing {
			if i > 0 {
				text += "、"
			}
			text += t.Name
		}
		text += "。"
	}
	return text + "“封面汇总”为各乡镇数字之和，“罚款金额（万元）”由合计的罚款金额（元）换算；各乡镇的数字见“分乡镇汇总”表。"
}

// cover writes the district's heading, its totals and the notes.
func (c *Consolidation) cover(ctx context.Context, b *book, office data.Town, figs []figure, now time.Time,
	preparer, reviewer string) error {
	text := c.consolidatedNote()
	return b.coverSheet(ctx, office, c.From, c.To, figs, now, preparer, reviewer,
		note{text, utf8.RuneCountInString(text)/36 + 1}) // about 40 characters a line
}

// townTable writes the per-town table: a row for each town added up with its version and
// figures, a row for each registered town that sent nothing, and the district's totals.
func (c *Consolidation) townTable(ctx context.Context, b *book, figs []figure) error {
	cols := []column{{ColTown, 16, kindText, false}, {"行政区划代码", 14, kindText, false}, {"版本", 8, kindText, false}}
	for _, f := range figs {
		cols = append(cols, column{f.label + "（" + f.unit + "）", 12, f.format, false})
	}
	_, err := b.table(ctx, sheet{SheetTowns, cols, false}, func(emit emitFunc) error {
		vals := make([]any, len(cols))
		for _, t := range c.Towns {
			vals[0], vals[1], vals[2] = t.Name, t.Code, "v"+strconv.Itoa(t.Version)
			for i, f := range figs {
				vals[3+i] = typedCell(t.Figures[f.name], f.format)
			}
			if err := emit(record{}, vals...); err != nil {
				return err
			}
		}
		for _, t := range c.Missing {
			clear(vals)
			vals[0], vals[1], vals[2] = t.Name, t.DivisionCode, "未报送"
			if err := emit(record{}, vals...); err != nil {
				return err
			}
		}
		clear(vals)
		vals[0] = "合计"
		for i, f := range figs {
			vals[3+i] = f.value
		}
		return emit(record{}, vals...)
	})
	return err
}

// saveConsolidated writes the workbook into f as saveTo does: the zip straight into the
// file, compressed at the fastest level on every core.
func saveConsolidated(ctx context.Context, b *book, f *os.File) error {
	b.x.SetZipWriter(func(io.Writer) excelize.ZipWriter { return workbook.FastZip(f) })
	if _, err := b.x.WriteTo(io.Discard); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return f.Sync()
}
