package report_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"townledger/app/report"
	"townledger/data"
)

// csvFilter is LibreOffice's CSV export: comma, double quotes, UTF-8, raw values (not as
// shown), and -1 for every sheet in its own file (LibreOffice 7.2 and later).
const csvFilter = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1`

const installOffice = "run build/deps.sh office (installs libreoffice-calc-nogui and python3-openpyxl)"

// TestOfficeOpensTheReport opens a report the way a district office does, in LibreOffice,
// and checks what it reads: every sheet opens, the cover names the town and shows the
// figures the app computed, and the case sheet lists the period's cases. openpyxl reads the
// cover again as a second reader independent of excelize.
func TestOfficeOpensTheReport(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatalf("LibreOffice (soffice) not found: %s", installOffice)
	}
	ctx := context.Background()
	s := newStore(t) // demo data of 2023
	dir := t.TempDir()
	book := filepath.Join(dir, "青石镇2023年报表.xlsx")
	sum, err := report.WriteFile(ctx, s, "2023", book, time.Date(2023, 12, 20, 10, 0, 0, 0, time.Local), "王主任")
	if err != nil {
		t.Fatal(err)
	}

	// A private profile, so parallel runs and a desktop LibreOffice do not share a lock.
	out := filepath.Join(dir, "csv")
	profile := (&url.URL{Scheme: "file", Path: filepath.Join(dir, "lo-profile")}).String()
	cctx, cancel := context.WithTimeout(ctx, 120*time.Second)
	defer cancel()
	cmd := exec.CommandContext(cctx, soffice, "-env:UserInstallation="+profile, "--headless", "--norestore",
		"--convert-to", csvFilter, "--outdir", out, book)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8")
	start := time.Now()
	msg, err := cmd.CombinedOutput()
	t.Logf("soffice (%v): %s", time.Since(start).Round(time.Millisecond), msg)
	if err != nil {
		t.Fatalf("soffice: %v (context: %v)\n%s", err, cctx.Err(), msg)
	}
	if m := regexp.MustCompile(`(?i)error|repair|corrupt`).Find(msg); m != nil {
		t.Errorf("soffice reported %q:\n%s", m, msg)
	}

	// One CSV per sheet, named after the book and the sheet. LibreOffice before 7.2 ignores
	// the sheet option and writes the active sheet, the cover, as <book>.csv: the test needs
	// every sheet, so it refuses such a LibreOffice (Debian 12's is 7.4).
	base := strings.TrimSuffix(filepath.Base(book), ".xlsx")
	if fileExists(filepath.Join(out, base+".csv")) {
		t.Fatalf("%s exported the cover alone, not every sheet: the test needs LibreOffice 7.2 or later to read each sheet; %s",
			officeVersion(t, soffice), installOffice)
	}
	sheets := map[string][][]string{}
	for _, sh := range report.Sheets {
		sheets[sh] = readCSV(t, filepath.Join(out, base+"-"+sh+".csv"))
		if rows := sheets[sh]; len(rows) == 0 || len(rows[0]) == 0 || rows[0][0] == "" {
			t.Errorf("%s: no header row in LibreOffice's reading", sh)
		}
	}

	figs := sum.Figures
	want := []struct {
		key  string // label/unit, as on the cover
		want float64
	}{
		{"案件数（立案或作出决定）/件", float64(figs.Cases)},
		{"立案数/件", float64(figs.Filed)},
		{"作出行政处罚决定数（不含不予处罚）/件", float64(figs.Decided)},
		{"结案数/件", float64(figs.Closed)},
		{"罚款金额/元", float64(figs.Fines) / 100},
		{"经法制审核作出的决定/起", float64(figs.LegalReviews)},
		{"处罚决定公示/件", float64(figs.Published)},
		{"其中：按时公示/件", float64(figs.OnTime)},
		{"培训场次/场", float64(figs.TrainingSessions)},
		{"参训人次/人次", float64(figs.Attendances)},
		{"培训学时/人·学时", math.Round(figs.TrainingHours*100) / 100},
		{"宣传活动/场次", float64(figs.Publicity.Activities)},
		{"受教育群众/人次", float64(figs.Publicity.People)},
	}
	if figs.Cases == 0 || figs.Decided == 0 || figs.Attendances == 0 || figs.Publicity.Activities == 0 {
		t.Fatalf("the demo has too little in 2023 for the test to prove anything: %+v", figs)
	}

	cover := map[string]string{}
	for _, r := range sheets[report.SheetCover][1:] {
		if len(r) >= 3 && r[2] != "" {
			cover[r[0]+"/"+r[2]] = r[1]
		} else if len(r) >= 2 {
			cover[r[0]] = r[1]
		}
	}
	if cover["报送单位"] != "青石镇" || cover["报告期"] != "2023年" || cover["填报人"] != "王主任" {
		t.Errorf("LibreOffice's cover heading: %v", cover)
	}
	for _, w := range want {
		got, err := strconv.ParseFloat(cover[w.key], 64)
		if err != nil || math.Abs(got-w.want) > 0.005 {
			t.Errorf("LibreOffice's cover %s = %q, want %v", w.key, cover[w.key], w.want)
		}
	}

	checkOfficeSheets(t, s, sheets, figs)

	// openpyxl, a reader sharing no code with excelize, reads the same cover figures.
	got := openpyxlCover(t, book)
	if got["报送单位"] != "青石镇" {
		t.Errorf("openpyxl's cover heading: %v", got)
	}
	for _, w := range want {
		v, ok := got[w.key].(float64)
		if !ok || math.Abs(v-w.want) > 0.005 {
			t.Errorf("openpyxl's cover %s = %v, want %v", w.key, got[w.key], w.want)
		}
	}
}

// checkOfficeSheets checks LibreOffice's reading of the data sheets: one line per record of
// the summary's figures, and the period's case numbers with their filing dates.
func checkOfficeSheets(t *testing.T, s *data.Store, sheets map[string][][]string, figs report.Figures) {
	t.Helper()
	for _, c := range []struct {
		sheet string
		rows  int
	}{
		{report.SheetCases, figs.Cases},
		{report.SheetTrainings, figs.TrainingSessions},
		{report.SheetAttendance, figs.Attendances},
		{report.SheetActivities, figs.Publicity.Activities},
	} {
		if got := len(sheets[c.sheet]) - 1; got != c.rows {
			t.Errorf("LibreOffice reads %d rows on %s, want %d", got, c.sheet, c.rows)
		}
	}

	// The case sheet lists the period's case numbers, in the first column, with dates as dates.
	db, err := sql.Open("sqlite", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT case_no, COALESCE(filed_on, '') FROM case_file WHERE deleted_at IS NULL AND stage <> 'void'
		AND case_no IS NOT NULL AND (filed_on BETWEEN '2023-01-01' AND '2023-12-31'
		OR decided_on BETWEEN '2023-01-01' AND '2023-12-31')`)
	if err != nil {
		t.Fatal(err)
	}
	filedOn := map[string]string{}
	for rows.Next() {
		var no, filed string
		if err := rows.Scan(&no, &filed); err != nil {
			t.Fatal(err)
		}
		filedOn[no] = filed
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if len(filedOn) == 0 {
		t.Fatal("no numbered cases in 2023")
	}
	listed := map[string]bool{}
	for _, r := range sheets[report.SheetCases][1:] {
		listed[r[0]] = true
		filed := "" // 立案日期, the seventh column
		if len(r) > 6 {
			filed = r[6]
		}
		if want, ok := filedOn[r[0]]; ok && filed != want {
			t.Errorf("case %s filed on %q in LibreOffice, want %s", r[0], filed, want)
		}
	}
	for no := range filedOn {
		if !listed[no] {
			t.Errorf("case %s missing from LibreOffice's case sheet", no)
		}
	}
}

// officeVersion is what soffice --version says, for a failure message.
func officeVersion(t *testing.T, soffice string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, soffice, "--version").Output()
	if v := strings.TrimSpace(string(out)); err == nil && v != "" {
		return v
	}
	return "this LibreOffice (soffice --version: " + fmt.Sprint(err) + ")"
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// readCSV reads a CSV file LibreOffice wrote; quoted cells may hold line breaks.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("LibreOffice wrote no %s: %v", filepath.Base(path), err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: %d rows, %v", filepath.Base(path), len(rows), err)
	}
	return rows
}

// openpyxlScript prints the cover as JSON: label/unit (or the label alone) → the cell's value.
const openpyxlScript = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for row in list(wb[sys.argv[2]].iter_rows(values_only=True))[1:]:
    label, value = row[0], row[1]
    unit = row[2] if len(row) > 2 else None
    out[label + "/" + unit if unit else label] = value
print(json.dumps(out, default=str))
`

func openpyxlCover(t *testing.T, book string) map[string]any {
	t.Helper()
	// Debian's python3-openpyxl is installed for the system interpreter, which a pyenv or
	// virtualenv python3 earlier on PATH does not see.
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		if py, err = exec.LookPath("python3"); err != nil {
			t.Fatalf("python3 not found: %s", installOffice)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, py, "-c", openpyxlScript, book, report.SheetCover)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if strings.Contains(stderr.String(), "No module named 'openpyxl'") {
			t.Fatalf("openpyxl not installed: %s", installOffice)
		}
		t.Fatalf("openpyxl: %v\n%s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("openpyxl warned: %s", stderr.String())
	}
	out := map[string]any{}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("openpyxl output %q: %v", stdout.String(), err)
	}
	return out
}
