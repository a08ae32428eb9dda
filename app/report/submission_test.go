package report_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/officetest"
	"townledger/app/problem"
	"townledger/app/report"
	"townledger/app/workbook"
	"townledger/data"
)

// writeReport writes the period's report of s into a new file and returns its path.
func writeReport(t testing.TB, s *data.Store, p string) (string, report.Summary) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report-"+p+".xlsx")
	sum, err := report.WriteFile(context.Background(), s, p, path, time.Date(2024, 1, 15, 9, 0, 0, 0, time.Local), "王主任")
	if err != nil {
		t.Fatal(err)
	}
	return path, sum
}

// wantFigures are the cover's figures of a summary, by the names the hash gives them, in the
// cover's order, as the cells hold them.
func wantFigures(f report.Figures) [][2]string {
	i := strconv.Itoa
	fl := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	p := f.Publicity
	return [][2]string{{"case_parties", i(f.CaseParties)}, {"cases", i(f.Cases)}, {"filed", i(f.Filed)},
		{"decided", i(f.Decided)}, {"closed", i(f.Closed)}, {"summary", i(f.Summary)}, {"general", i(f.General)},
		{"fines_yuan", fl(float64(f.Fines) / 100)}, {"fines_wan", fl(math.Round(float64(f.Fines)/100) / 10000)},
		{"not_penalised", i(f.NotPenalised)}, {"hearings", i(f.Hearings)}, {"legal_reviews", i(f.LegalReviews)},
		{"collective", i(f.Collective)}, {"published", i(f.Published)}, {"published_on_time", i(f.OnTime)},
		{"training_sessions", i(f.TrainingSessions)}, {"attendances", i(f.Attendances)},
		{"training_hours", fl(math.Round(f.TrainingHours*100) / 100)}, {"activities", i(p.Activities)},
		{"banners", i(p.Banners)}, {"boards", i(p.Boards)}, {"materials", i(p.Materials)}, {"people", i(p.People)}}
}

var isoDay = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// A town's report of a month, a quarter, a year and an empty period reads back as the
// district reads it: accepted, the same hash, every data row with its record, the cover's
// figures those of the summary, dates as days.
func TestSubmissionReadsBackWhatWasWritten(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	for _, p := range []string{"2023", "2023-Q4", "2023-06", "2021-03"} {
		t.Run(p, func(t *testing.T) {
			path, sum := writeReport(t, s, p)
			got, err := report.ReadSubmissionFile(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			fromReader, err := report.ReadSubmission(ctx, bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Fatal(err)
			}
			if got.ContentHash != sum.ContentHash || fromReader.ContentHash != sum.ContentHash {
				t.Errorf("hash %s / %s, written %s", got.ContentHash, fromReader.ContentHash, sum.ContentHash)
			}
			if got.TownCode != officetest.Town.DivisionCode || got.TownName != officetest.Town.Name || got.Period != sum.Period ||
				!got.From.Equal(sum.From) || !got.To.Equal(sum.To) || got.ExportID != sum.ExportID ||
				got.SchemaVersion != data.SchemaVersion() || got.Records != sum.Records || got.AuditSeq <= 0 ||
				len(got.AuditHash) != 64 || got.GeneratedAt.IsZero() {
				t.Errorf("submission %+v\nsummary %+v", headOf(got), sum)
			}
			var figs [][2]string
			for _, f := range got.Figures {
				figs = append(figs, [2]string{f.Name, f.Value})
				if f.Label == "" || f.Unit == "" {
					t.Errorf("figure %+v without label or unit", f)
				}
			}
			if want := wantFigures(sum.Figures); fmt.Sprint(figs) != fmt.Sprint(want) {
				t.Errorf("figures\n%v\nwant\n%v", figs, want)
			}

			x, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			meta, err := report.ReadMeta(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			shown := 0
			for _, sheet := range report.Sheets[1 : len(report.Sheets)-1] {
				raw := readSheet(t, x, sheet)
				rows := got.Rows[sheet]
				shown += len(rows)
				if len(rows) != len(raw)-1 || len(rows) != len(meta.Records[sheet]) {
					t.Errorf("%s: %d rows read, the sheet has %d, the metadata lists %d", sheet, len(rows), len(raw)-1,
						len(meta.Records[sheet]))
					continue
				}
				cols := got.Columns[sheet]
				if len(cols) != len(raw[0]) {
					t.Errorf("%s: columns %v, header %v", sheet, cols, raw[0])
				}
				for i, r := range rows {
					if r.Row != i+2 || r.ID != meta.Records[sheet][i].ID || r.Table != meta.Records[sheet][i].Table ||
						len(r.Cells) != len(cols) {
						t.Fatalf("%s row %d: %+v, metadata %+v", sheet, i+2, r, meta.Records[sheet][i])
					}
					for j, c := range cols {
						want := ""
						if j < len(raw[i+1]) {
							want = raw[i+1][j]
						}
						if c.Date && r.Cells[j] != "" && !isoDay.MatchString(r.Cells[j]) ||
							!c.Date && r.Cells[j] != want {
							t.Errorf("%s %s%d: %q, the cell holds %q", sheet, c.Header, r.Row, r.Cells[j], want)
						}
					}
				}
			}
			if p == "2021-03" && shown != 0 {
				t.Errorf("the empty period shows %d rows", shown)
			}
			if p == "2023" {
				checkYear(t, x, got)
			}
		})
	}
}

// headOf is a submission without its rows, for messages.
func headOf(s report.Submission) report.Submission {
	s.Rows, s.Columns = nil, nil
	return s
}

// checkYear checks that the year's report exercises every kind of cell — so the hash's
// exactness over dates, amounts, decimals and text is tested, not assumed — and that the
// date columns the reader knows by their headers are the ones the writer styles as dates.
func checkYear(t *testing.T, x *excelize.File, got report.Submission) {
	t.Helper()
	for _, sheet := range report.Sheets[1 : len(report.Sheets)-1] {
		rows := got.Rows[sheet]
		if len(rows) == 0 {
			t.Errorf("%s: no rows in the demo's year: the test would prove nothing", sheet)
			continue
		}
		for j, c := range got.Columns[sheet] {
			style, err := x.GetColStyle(sheet, colName(j+1))
			if err != nil {
				t.Fatal(err)
			}
			st, err := x.GetStyle(style)
			if err != nil {
				t.Fatal(err)
			}
			if styled := st.CustomNumFmt != nil && *st.CustomNumFmt == "yyyy-mm-dd"; styled != c.Date {
				t.Errorf("%s %s: read as a date %v, styled as one %v", sheet, c.Header, c.Date, styled)
			}
			filled := false
			for _, r := range rows {
				filled = filled || r.Cells[j] != ""
			}
			if c.Date && !filled {
				t.Errorf("%s %s: no date in the demo's year: dates would go untested", sheet, c.Header)
			}
		}
	}
	// A fine in 元 with cents, a fine in 万元, hours with a fraction.
	fraction := func(sheet, header string) bool {
		for j, c := range got.Columns[sheet] {
			if c.Header != header {
				continue
			}
			for _, r := range got.Rows[sheet] {
				if strings.Contains(r.Cells[j], ".") {
					return true
				}
			}
		}
		return false
	}
	for _, c := range [][2]string{{report.SheetDisclosure, "罚款金额（万元）"}, {report.SheetHours, "本期学时"}} {
		if !fraction(c[0], c[1]) {
			t.Errorf("%s %s: no value with a fraction: decimals would go untested", c[0], c[1])
		}
	}
}

func colName(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

// edit opens the workbook at src with excelize, changes it and saves it as a new file.
func edit(t *testing.T, src string, change func(x *excelize.File)) string {
	t.Helper()
	x, err := excelize.OpenFile(src)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	change(x)
	path := filepath.Join(t.TempDir(), "edited.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// cellWhere finds the first data row of sheet whose cell in the column headed header passes
// ok, and returns that cell's reference and raw value.
func cellWhere(t *testing.T, x *excelize.File, sheet, header string, ok func(string) bool) (string, string) {
	t.Helper()
	rows := readSheet(t, x, sheet)
	col := -1
	for j, h := range rows[0] {
		if h == header {
			col = j
		}
	}
	if col < 0 {
		t.Fatalf("%s has no column %s", sheet, header)
	}
	for i, r := range rows[1:] {
		if col < len(r) && ok(r[col]) {
			ref, _ := excelize.CoordinatesToCellName(col+1, i+2)
			return ref, r[col]
		}
	}
	t.Fatalf("%s: no row to edit in %s", sheet, header)
	return "", ""
}

// metaCell finds the metadata's value cell for key.
func metaCell(t *testing.T, x *excelize.File, key string) string {
	t.Helper()
	for i, r := range readSheet(t, x, report.SheetMeta) {
		if len(r) > 0 && r[0] == key {
			return "B" + strconv.Itoa(i+1)
		}
	}
	t.Fatalf("no metadata line %s", key)
	return ""
}

func nonEmpty(s string) bool { return s != "" }

func nonZero(s string) bool { return s != "" && s != "0" }

func plusOne(t *testing.T, raw string) float64 {
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v + 1
}

// One cell changed anywhere the hash covers — an amount, a name, a date, a count, a figure of
// the cover — and the district refuses the workbook as changed after export; rows added or
// deleted are refused for not matching the record block, and a row deleted together with its
// record is refused by the hash. The same workbook merely opened and saved again is accepted.
func TestSubmissionRefusesAnEditedWorkbook(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	src, sum := writeReport(t, s, "2023")
	resaved := edit(t, src, func(*excelize.File) {})
	got, err := report.ReadSubmissionFile(ctx, resaved)
	if err != nil || got.ContentHash != sum.ContentHash {
		t.Fatalf("re-saved without a change: %v", err)
	}
	setNumber := func(sheet, header string) func(t *testing.T, x *excelize.File) {
		return func(t *testing.T, x *excelize.File) {
			ref, v := cellWhere(t, x, sheet, header, nonZero)
			x.SetCellValue(sheet, ref, plusOne(t, v))
		}
	}
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, x *excelize.File)
		key    string
	}{
		{"a fine", setNumber(report.SheetCases, "罚款金额（元）"), report.KeySubmissionHashMismatch},
		{"a fine in 万元", setNumber(report.SheetDisclosure, "罚款金额（万元）"), report.KeySubmissionHashMismatch},
		{"a date", setNumber(report.SheetTrainings, "培训日期"), report.KeySubmissionHashMismatch},
		{"a decision date", setNumber(report.SheetDisclosure, "处罚决定日期"), report.KeySubmissionHashMismatch},
		{"hours", setNumber(report.SheetHours, "本期学时"), report.KeySubmissionHashMismatch},
		{"people reached", setNumber(report.SheetActivities, "受教育群众（人次）"), report.KeySubmissionHashMismatch},
		{"a name", func(t *testing.T, x *excelize.File) {
			ref, v := cellWhere(t, x, report.SheetAttendance, "姓名", nonEmpty)
			x.SetCellValue(report.SheetAttendance, ref, v+"x")
		}, report.KeySubmissionHashMismatch},
		{"a party, a space added", func(t *testing.T, x *excelize.File) {
			ref, v := cellWhere(t, x, report.SheetCases, "当事人", nonEmpty)
			x.SetCellValue(report.SheetCases, ref, v+" ")
		}, report.KeySubmissionHashMismatch},
		{"a date typed as text", func(t *testing.T, x *excelize.File) {
			ref, _ := cellWhere(t, x, report.SheetActivities, "活动日期", nonEmpty)
			x.SetCellStr(report.SheetActivities, ref, "2023-02-30")
		}, report.KeySubmissionHashMismatch},
		{"a figure of the cover", func(t *testing.T, x *excelize.File) {
			for i, r := range readSheet(t, x, report.SheetCover) {
				if len(r) > 1 && r[0] == "立案数" {
					x.SetCellValue(report.SheetCover, "B"+strconv.Itoa(i+1), plusOne(t, r[1]))
				}
			}
		}, report.KeySubmissionHashMismatch},
		{"a record's UUID", func(t *testing.T, x *excelize.File) {
			ref := blockCell(t, x, report.SheetActivities)
			v, _ := x.GetCellValue(report.SheetMeta, ref)
			x.SetCellValue(report.SheetMeta, ref, "00000000-0000-4000-8000-000000000000"+v[36:])
		}, report.KeySubmissionHashMismatch},
		{"another town", func(t *testing.T, x *excelize.File) {
			x.SetCellValue(report.SheetMeta, metaCell(t, x, "town_code"), "110105101")
		}, report.KeySubmissionHashMismatch},
		{"another period", func(t *testing.T, x *excelize.File) {
			x.SetCellValue(report.SheetMeta, metaCell(t, x, "period"), "2022")
		}, report.KeySubmissionHashMismatch},
		{"another hash", func(t *testing.T, x *excelize.File) {
			x.SetCellValue(report.SheetMeta, metaCell(t, x, "content_hash"), strings.Repeat("0", 64))
		}, report.KeySubmissionHashMismatch},
		{"a row deleted", func(t *testing.T, x *excelize.File) {
			x.RemoveRow(report.SheetCases, 3)
		}, report.KeySubmissionRecordCount},
		{"a row added", func(t *testing.T, x *excelize.File) {
			x.DuplicateRow(report.SheetActivities, 2)
		}, report.KeySubmissionRecordCount},
		{"a row deleted with its record", func(t *testing.T, x *excelize.File) {
			x.RemoveRow(report.SheetAttendance, 3)
			ref := blockCell(t, x, report.SheetAttendance)
			v, _ := x.GetCellValue(report.SheetMeta, ref)
			ids := strings.Fields(v)
			x.SetCellValue(report.SheetMeta, ref, strings.Join(append(ids[:1:1], ids[2:]...), " "))
			x.SetCellValue(report.SheetMeta, metaCell(t, x, "records"), sum.Records-1)
		}, report.KeySubmissionHashMismatch},
		{"a cell beside the table", func(t *testing.T, x *excelize.File) {
			x.SetCellValue(report.SheetTrainings, "Z5", "补")
		}, report.KeySubmissionExtraCell},
		{"a sheet removed", func(t *testing.T, x *excelize.File) {
			x.DeleteSheet(report.SheetHours)
		}, report.KeySubmissionMissingSheet},
		{"an older hash recipe", func(t *testing.T, x *excelize.File) {
			x.SetCellValue(report.SheetMeta, metaCell(t, x, "hash_version"), "townledger-report-v1")
		}, report.KeySubmissionHashOlder},
		{"a newer hash recipe", func(t *testing.T, x *excelize.File) {
			x.SetCellValue(report.SheetMeta, metaCell(t, x, "hash_version"), "townledger-report-v9")
		}, report.KeySubmissionHashNewer},
		{"a newer schema", func(t *testing.T, x *excelize.File) {
			x.SetCellValue(report.SheetMeta, metaCell(t, x, "schema_version"), data.SchemaVersion()+1)
		}, report.KeySubmissionSchemaNewer},
		{"an older schema", func(t *testing.T, x *excelize.File) {
			x.SetCellValue(report.SheetMeta, metaCell(t, x, "schema_version"), report.OldestSubmissionSchema-1)
		}, report.KeySubmissionSchemaOlder},
		{"a wrong record count", func(t *testing.T, x *excelize.File) {
			x.SetCellValue(report.SheetMeta, metaCell(t, x, "records"), sum.Records+1)
		}, report.KeyMetaInvalid},
		{"no metadata", func(t *testing.T, x *excelize.File) {
			x.DeleteSheet(report.SheetMeta)
		}, report.KeySubmissionNotOurs},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := edit(t, src, func(x *excelize.File) { tc.change(t, x) })
			_, err := report.ReadSubmissionFile(ctx, path)
			if keyOf(err) != tc.key {
				t.Errorf("%v, want %s", err, tc.key)
			}
		})
	}
}

// blockCell is the metadata's cell listing the first records of sheet.
func blockCell(t *testing.T, x *excelize.File, sheet string) string {
	t.Helper()
	v, _ := x.GetCellValue(report.SheetMeta, metaCell(t, x, report.MetaRecordsKey))
	at, err := strconv.Atoi(v)
	if err != nil {
		t.Fatal(err)
	}
	for at++; ; at++ {
		name, _ := x.GetCellValue(report.SheetMeta, "A"+strconv.Itoa(at))
		if name == sheet {
			return "D" + strconv.Itoa(at)
		}
		if name == "" {
			t.Fatalf("no records of %s", sheet)
		}
	}
}

// failingReader fails the test if anything is read from it.
type failingReader struct{ t *testing.T }

func (r failingReader) Read([]byte) (int, error) {
	r.t.Error("read a file that should have been refused by its size")
	return 0, errors.New("read")
}

// Files that are no town report are refused, each for what it is, and an oversized one
// before a byte is read.
func TestSubmissionRefusesWhatIsNoReport(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"乡镇", "立案数"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"青石镇", 12})
	var plain bytes.Buffer
	if err := x.Write(&plain); err != nil {
		t.Fatal(err)
	}
	x.Close()
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	hw, _ := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Store, CompressedSize64: 5,
		UncompressedSize64: 1 << 30})
	hw.Write([]byte("<x/>\n"))
	zw.Close()
	big := filepath.Join(dir, "big.xlsx")
	fh, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	fh.Truncate(workbook.MaxFileSize + 1) // sparse: nothing to read but its size
	fh.Close()
	for _, tc := range []struct{ path, key string }{
		{write("plain.xlsx", plain.Bytes()), report.KeySubmissionNotOurs},
		{write("text.xlsx", []byte("乡镇,立案数\n青石镇,12\n")), report.KeySubmissionNotXLSX},
		{write("empty.xlsx", nil), report.KeySubmissionNotXLSX},
		{write("old.xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...)),
			report.KeySubmissionLocked},
		{write("bomb.xlsx", bomb.Bytes()), report.KeySubmissionUnzipTooBig},
		{big, report.KeySubmissionTooBig},
		{filepath.Join(dir, "none.xlsx"), report.KeySubmissionUnreadable},
	} {
		if _, err := report.ReadSubmissionFile(ctx, tc.path); keyOf(err) != tc.key {
			t.Errorf("%s: %v, want %s", filepath.Base(tc.path), err, tc.key)
		}
	}
	_, err = report.ReadSubmission(ctx, failingReader{t}, workbook.MaxFileSize+1)
	if keyOf(err) != report.KeySubmissionTooBig {
		t.Errorf("an attachment of 50 MB and a byte: %v", err)
	} else if p := problem.From(err); p.Data["SizeMB"] != "50.0" || p.Data["MaxMB"] != 50 {
		t.Errorf("too big says %v", p.Data)
	}
	// A size not known beforehand: the limit holds while reading.
	if _, err := report.ReadSubmission(ctx, bytes.NewReader(make([]byte, workbook.MaxFileSize+1)), -1); keyOf(err) != report.KeySubmissionTooBig {
		t.Errorf("an unsized stream of 50 MB and a byte: %v", err)
	}
}

// seedTown records a town's year 2024 at the S=1 scale of the district's consolidation
// (about 1,800 detail rows in the year's report): 240 cases, most decided with a fine and
// published, 150 people, 12 training sessions of 80, 280 publicity activities.
func seedTown(ctx context.Context, s *data.Store) error {
	return s.Write(ctx, data.System, func(tx *data.Tx) error {
		item, err := tx.InsertCatalogItem(data.CatalogItem{Key: "SUB1", Code: "AQ-S1", Name: "生产经营单位未设置明显安全警示标志",
			Delegation: "grant", EffectiveFrom: "2023-01-01", Refs: []data.LegalRef{{Role: "basis",
				Law: "中华人民共和国安全生产法", Article: 99, Paragraph: 1, Item: 1}}})
		if err != nil {
			return err
		}
		parties := make([]string, 120)
		for i := range parties {
			if parties[i], err = tx.InsertParty(data.Party{Kind: "org", Name: fmt.Sprintf("%s%s%d", benchVillages[i%8],
				benchTrades[i%8], i), CreditCode: fmt.Sprintf("91110105MA%08d", i), LegalRep: benchName(i),
				Village: benchVillages[i%8]}); err != nil {
				return err
			}
		}
		day := func(t time.Time) string { return t.Format(data.DateLayout) }
		year := time.Date(2024, 1, 3, 0, 0, 0, 0, time.UTC)
		for i := 0; i < 240; i++ {
			filed := year.AddDate(0, 0, i*330/240)
			c := data.Case{Procedure: "general", ItemID: item, PartyID: parties[i%len(parties)], IssuingBody: "青石镇",
				Year: 2024, Seq: i + 1, CaseNo: fmt.Sprintf("青石应急罚〔2024〕%d号", i+1), FiledOn: day(filed),
				DiscoveredOn: day(filed.AddDate(0, 0, -2)), ViolationOn: day(filed.AddDate(0, 0, -3)),
				Title: benchTrades[i%8] + "未设置明显的安全警示标志", Officers: "王伟、李强", Stage: "closing",
				Facts: "经查，该单位在有较大危险因素的生产经营场所未设置明显的安全警示标志。"}
			decided := filed.AddDate(0, 0, 20)
			if i%8 != 7 { // one in eight still under investigation
				c.Outcome, c.Fine, c.DecidedOn = "fine", int64(100000+i%40*12345), day(decided)
				c.ClosedOn = day(decided.AddDate(0, 0, 25))
			} else {
				c.Stage = "investigation"
			}
			id, err := tx.InsertCase(c)
			if err != nil {
				return err
			}
			if c.Outcome == "" {
				continue
			}
			for _, e := range []data.CaseEvent{{Step: "decision", OccurredOn: c.DecidedOn, DocNo: c.CaseNo,
				Payload: `{"Step":"decision","Outcome":"fine","Fine":` + strconv.FormatInt(c.Fine, 10) + `}`},
				{Step: "publication", OccurredOn: day(decided.AddDate(0, 0, 3))}} {
				e.CaseID, e.Officers = id, "王伟、李强"
				if _, err := tx.InsertCaseEvent(e); err != nil {
					return err
				}
			}
		}
		staff := make([]string, 150)
		for i := range staff {
			if staff[i], err = tx.InsertStaff(data.Staff{Name: benchName(i), NameInitials: fmt.Sprintf("ry%04d", i),
				Unit: "镇应急管理办公室", Position: "执法队员", Phone: fmt.Sprintf("138%08d", i)}); err != nil {
				return err
			}
		}
		for j := 0; j < 12; j++ {
			hours := []float64{2, 3, 1.5}[j%3]
			id, err := tx.InsertTraining(data.Training{Title: fmt.Sprintf("安全生产执法专题培训（第%d期）", j+1),
				Category: "专业法律知识", Organiser: "镇应急管理办公室", Trainer: benchName(j), TrainerUnit: "区应急管理局",
				HeldOn: day(time.Date(2024, time.Month(j+1), 10, 0, 0, 0, 0, time.UTC)), StartsAt: "09:00", EndsAt: "12:00",
				Place: "镇政府三楼会议室", Form: "集中", Hours: hours})
			if err != nil {
				return err
			}
			for k := 0; k < 80; k++ {
				if _, err := tx.InsertAttendance(data.Attendance{TrainingID: id, StaffID: staff[(j*13+k)%len(staff)],
					SignedInAt: "08:55"}); err != nil {
					return err
				}
			}
		}
		for i := 0; i < 280; i++ {
			if _, err := tx.InsertActivity(data.Activity{HeldOn: day(time.Date(2024, 1, 1+i*365/280, 0, 0, 0, 0, time.UTC)),
				Title: "安全生产月集中宣传咨询日", Type: "安全生产月", PlaceKind: "village", PlaceName: benchVillages[i%8],
				Organisers: "镇应急管理办公室", Banners: i % 4, Boards: i % 12, Materials: 50 * (i % 20), People: 30 + i%400,
				Cost: int64(i * 1234)}); err != nil {
				return err
			}
		}
		return nil
	})
}

// BenchmarkReadSubmission reads and checks one town's yearly workbook at the S=1 scale, as
// the district does for each of its towns (50 of them in the 2 s the consolidation has).
func BenchmarkReadSubmission(b *testing.B) {
	ctx := context.Background()
	s := officetest.NewStore(b)
	if err := seedTown(ctx, s); err != nil {
		b.Fatal(err)
	}
	path, sum := writeReport(b, s, "2024")
	book, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	rows := 0
	b.ReportAllocs()
	for b.Loop() {
		got, err := report.ReadSubmission(ctx, bytes.NewReader(book), int64(len(book)))
		if err != nil {
			b.Fatal(err)
		}
		if got.ContentHash != sum.ContentHash {
			b.Fatalf("hash %s, written %s", got.ContentHash, sum.ContentHash)
		}
		rows = 0
		for _, r := range got.Rows {
			rows += len(r)
		}
	}
	b.ReportMetric(float64(rows), "rows")
	b.ReportMetric(float64(len(book))/1024, "KiB/file")
}

// Text comes back exactly as it was recorded, however it is written into the sheet's XML —
// spaces at either end, line ends, markup characters, the spreadsheet's own _xHHHH_
// escapes, characters outside the basic plane — so the hash of an untouched workbook
// matches, and matches still when the strings are moved into the shared strings table or
// into rich text (as Excel and WPS save them).
func TestSubmissionTextSurvivesExactly(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	titles := []string{" 前后有空格 ", "第一行\n第二行", "回车换行\r\n结束", "<&>\"'", "_x0041_ 与 _x005F_",
		"制表\t符", "消防车 🚒", "全角　空格"}
	err := s.Write(ctx, data.System, func(tx *data.Tx) error {
		for i, title := range titles {
			if _, err := tx.InsertActivity(data.Activity{HeldOn: fmt.Sprintf("2023-05-%02d", i+1), Title: title,
				Type: "安全生产月", PlaceKind: "village", PlaceName: "青石村", Organisers: "镇应急管理办公室", People: 10 + i,
				Cost: int64(123456 + i)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	path, sum := writeReport(t, s, "2023-05")
	got, err := report.ReadSubmissionFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range got.Rows[report.SheetActivities] {
		seen[r.Cells[1]] = true
	}
	for _, title := range titles {
		if !seen[title] {
			t.Errorf("%q not read back", title)
		}
	}
	shared := edit(t, path, func(x *excelize.File) {
		for _, sheet := range []string{report.SheetActivities, report.SheetAttendance, report.SheetCases} {
			for i, r := range readSheet(t, x, sheet) {
				for j, v := range r {
					ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
					// (excelize writes shared strings without escaping _xHHHH_, as Excel would.)
					if typ, _ := x.GetCellType(sheet, ref); typ == excelize.CellTypeInlineString && !strings.Contains(v, "_x") {
						if err := x.SetCellStr(sheet, ref, v); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
		}
		ref, _ := cellWhere(t, x, report.SheetActivities, "活动名称", func(s string) bool { return s == titles[6] })
		if err := x.SetCellRichText(report.SheetActivities, ref, []excelize.RichTextRun{{Text: "消防"},
			{Text: "车 🚒", Font: &excelize.Font{Bold: true}}}); err != nil {
			t.Fatal(err)
		}
	})
	got, err = report.ReadSubmissionFile(ctx, shared)
	if err != nil || got.ContentHash != sum.ContentHash {
		t.Fatalf("strings shared: %v", err)
	}
	b, _ := os.ReadFile(shared)
	if !bytes.Contains(b, []byte("sharedStrings")) {
		t.Error("the edited workbook has no shared strings: the test proves nothing")
	}
}
