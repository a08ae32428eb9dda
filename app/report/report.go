// Package report writes the periodic report a town sends to its district (town → district):
// one workbook with a cover of the period's headline figures, the detail sheets the figures
// come from (cases, 双公示, training, attendance, hours per person, publicity activities)
// and a metadata sheet naming every exported record, with a content hash that is the same
// whenever the data is.
//
// The workbook is an official Chinese form, so its sheets and headers are Chinese in either
// interface language. Mailing it, the export history and the outbox are not done here.
package report

import (
	"context"
	"math"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/google/uuid"

	"townledger/app/auth"
	"townledger/app/period"
	"townledger/app/problem"
	"townledger/app/publicity"
	"townledger/data"
)

// Translation keys of this package's refusals; the data each carries is noted. A period
// that cannot be read is refused with period.KeyInvalid (Value).
const (
	KeyNoTown = "report.no_town" //
	KeyExists = "report.exists"  // Path
	KeyWrite  = "report.write"   // Path, Detail
)

// Keys lists every translation key this package produces, for completeness tests.
func Keys() []string {
	return append(append([]string{KeyNoTown, KeyExists, KeyWrite, KeyMetaInvalid, period.KeyInvalid, KeyFilePruned}, submissionKeys...), ConsolidateKeys()...)
}

// Sheet names, in the workbook's order.
const (
	SheetCover      = "封面汇总"
	SheetCases      = "处罚案件"
	SheetDisclosure = "双公示"
	SheetTrainings  = "培训记录"
	SheetAttendance = "参训记录"
	SheetHours      = "学时统计"
	SheetActivities = "宣传活动"
	SheetMeta       = "元数据"
)

// Sheets lists the sheet names in order.
var Sheets = []string{SheetCover, SheetCases, SheetDisclosure, SheetTrainings, SheetAttendance, SheetHours,
	SheetActivities, SheetMeta}

// Tables of the exported records, as listed on the metadata sheet.
const (
	TableCase       = "case_file"
	TableTraining   = "training"
	TableAttendance = "attendance"
	TableStaff      = "staff"
	TableActivity   = "activity"
)

// Figures are the headline figures of the period.
type Figures struct {
	data.ReportFigures
	OnTime    int            // penalty decisions of the period published within the legal period
	Publicity publicity.Sums // the period's publicity activities added up (publicity.Totals)
}

// Summary describes a written report.
type Summary struct {
	Path        string
	ExportID    string // a new UUID for each report written
	ContentHash string // SHA-256 (hex) over the town, period, figures and record UUIDs
	Period      string // the period as given, normalised ("2024-Q3")
	From, To    time.Time
	Figures     Figures
	Records     int // distinct records shown (a case is on two sheets, listed twice in the metadata)

	pending *pending // the written workbook until Record places and records it
}

// figure is one line of the cover: a label, its value and unit.
type figure struct {
	name, label, unit string
	value             any // int, int64 or float64
	format            cellKind
}

func (f Figures) lines() []figure {
	fine := float64(f.Fines) / 100
	return []figure{
		{"case_parties", "涉案企业", "家", f.CaseParties, kindInt},
		{"cases", "案件数（立案或作出决定）", "件", f.Cases, kindInt},
		{"filed", "立案数", "件", f.Filed, kindInt},
		{"decided", "作出行政处罚决定数（不含不予处罚）", "件", f.Decided, kindInt},
		{"closed", "结案数", "件", f.Closed, kindInt},
		{"summary", "其中：简易程序", "件", f.Summary, kindInt},
		{"general", "其中：普通程序", "件", f.General, kindInt},
		{"fines_yuan", "罚款金额", "元", fine, kindMoney},
		{"fines_wan", "罚款金额", "万元", math.Round(float64(f.Fines)/100) / 10000, kindWan},
		{"not_penalised", "不予处罚案件（轻微不罚、首违不罚等）", "件", f.NotPenalised, kindInt},
		{"hearings", "听证", "次", f.Hearings, kindInt},
		{"legal_reviews", "经法制审核作出的决定", "起", f.LegalReviews, kindInt},
		{"collective", "经集体讨论作出的决定", "起", f.Collective, kindInt},
		{"published", "处罚决定公示", "件", f.Published, kindInt},
		{"published_on_time", "其中：按时公示", "件", f.OnTime, kindInt},
		{"training_sessions", "培训场次", "场", f.TrainingSessions, kindInt},
		{"attendances", "参训人次", "人次", f.Attendances, kindInt},
		{"training_hours", "培训学时", "人·学时", round2(f.TrainingHours), kindDecimal},
		{"activities", "宣传活动", "场次", f.Publicity.Activities, kindInt},
		{"banners", "悬挂横幅", "条", f.Publicity.Banners, kindInt},
		{"boards", "宣传展板", "块", f.Publicity.Boards, kindInt},
		{"materials", "发放宣传资料", "份", f.Publicity.Materials, kindInt},
		{"people", "受教育群众", "人次", f.Publicity.People, kindInt},
	}
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func valueText(v any) string {
	switch x := v.(type) {
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(sheetFloat(x), 'f', -1, 64)
	}
	return ""
}

// record names the record a row shows.
type record struct{ table, id string }

func day(t time.Time) string { return t.Format(data.DateLayout) }

// gather reads everything the report needs besides the rows streamed into the sheets.
func gather(ctx context.Context, store *data.Store, from, to, now time.Time) (Figures, error) {
	var f Figures
	var err error
	if f.ReportFigures, err = store.ReportFigures(ctx, day(from), day(to)); err != nil {
		return f, err
	}
	if f.Publicity, err = publicity.Totals(ctx, store, from, to); err != nil {
		return f, err
	}
	return f, err
}

// exportMemoryLimit is the soft memory limit while a report is written.
const exportMemoryLimit = 140 << 20

// Write writes the report of the period p ("2024", "2024-H1", "2024-Q3", "2024-07") for
// path, a new file: an existing one is refused, never overwritten. The workbook waits,
// complete, in a hidden temporary file beside path until Record gives it path's name and
// enters it in the history, both or neither (see pending.go): a kill or a power cut in
// between leaves no workbook without its history line. now is the date of the report and the
// day unpublished decisions are judged on; preparer is who prepared it (填报人).
func Write(ctx context.Context, store *data.Store, p string, path string, now time.Time, preparer string) (Summary, error) {
	from, to, err := period.Parse(p)
	if err != nil {
		return Summary{}, err
	}
	ctx = data.BulkReads(ctx) // every table of the period is read whole
	// A year's workbook holds about 100 MB of sheets until it is saved; a soft memory limit
	// while it is written keeps the garbage collector from doubling that on a 4 GB office PC.
	// A lower limit already set (GOMEMLIMIT) stays.
	prev := debug.SetMemoryLimit(-1)
	debug.SetMemoryLimit(min(prev, exportMemoryLimit))
	defer debug.SetMemoryLimit(prev)
	if err := refuseExisting(path); err != nil {
		return Summary{}, err
	}
	town, ok, err := store.Town(ctx)
	if err != nil {
		return Summary{}, err
	}
	if !ok {
		return Summary{}, problem.New(KeyNoTown, nil)
	}
	sum := Summary{Path: path, ExportID: uuid.Must(uuid.NewV7()).String(), Period: period.Canonical(from, to),
		From: from, To: to}
	pend, err := begin(store, sum.ExportID, path)
	if err != nil {
		return Summary{}, writeFailed(path, err)
	}
	if err := writeBook(ctx, store, town, &sum, now, preparer, pend); err != nil {
		pend.discard()
		return Summary{}, err
	}
	pause("written")
	sum.pending = pend
	return sum, nil
}

// Export writes the period's report to path and enters it in the history: Write, then
// Record.
func Export(ctx context.Context, store *data.Store, by auth.Session, p string, path string, now time.Time,
	preparer string) (Summary, data.ExportRecord, error) {
	if err := by.Require(auth.ExportReports); err != nil {
		return Summary{}, data.ExportRecord{}, err
	}
	sum, err := Write(ctx, store, p, path, now, preparer)
	if err != nil {
		return Summary{}, data.ExportRecord{}, err
	}
	rec, err := Record(ctx, store, by, sum)
	if err != nil {
		return Summary{}, data.ExportRecord{}, err
	}
	return sum, rec, nil
}

// Fingerprint returns the content hash the period's report would have if written now, without
// writing anything: when it differs from a sent version's, the period's records changed
// since it was sent.
func Fingerprint(ctx context.Context, store *data.Store, p string, now time.Time) (string, error) {
	from, to, err := period.Parse(p)
	if err != nil {
		return "", err
	}
	town, ok, err := store.Town(ctx)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", problem.New(KeyNoTown, nil)
	}
	b := newFingerprint()
	if err := b.content(data.BulkReads(ctx), store, town.Code, from, to, now); err != nil {
		return "", err
	}
	return b.finish(b.figs.lines()), nil
}
