package district

import (
	"testing"

	"townledger/app/problem"
	"townledger/app/report"
	"townledger/data"
)

// A record shown twice on one sheet cannot be merged by record: the workbook is refused. The
// same record on two sheets (a case in 案件 and in 公示) is two rows.
func TestDistrictRowsRefuseARecordTwiceOnASheet(t *testing.T) {
	row := func(id string, n int) report.SubmittedRow {
		return report.SubmittedRow{Table: "case_file", ID: id, Row: n, Cells: []string{id}}
	}
	ok := report.Submission{Rows: map[string][]report.SubmittedRow{"案件": {row("a", 2), row("b", 3)}, "公示": {row("a", 2)}}}
	rows, err := districtRows(ok)
	if err != nil || len(rows) != 3 || rows[0].Sheet != "公示" || rows[2].RecordID != "b" {
		t.Fatalf("rows %+v %v", rows, err)
	}
	twice := report.Submission{Rows: map[string][]report.SubmittedRow{"案件": {row("a", 2), row("b", 3), row("a", 4)}}}
	if _, err := districtRows(twice); problem.From(err) == nil || problem.From(err).Key != KeyDuplicateRecord ||
		problem.From(err).Data["Row"] != 4 || problem.From(err).Data["First"] != 2 {
		t.Fatalf("a record twice on a sheet: %v", err)
	}
}

// Which version replaces the one in force: by number when both are known, else by when each
// workbook was written (its export id, a UUID v7).
func TestNewer(t *testing.T) {
	early, late := "01a23b43-c80c-7e39-904d-508187759afc", "01a23b44-0000-7000-8000-000000000000"
	for _, c := range []struct {
		r, cur data.ReceivedReport
		want   bool
	}{
		{data.ReceivedReport{Version: 2, ExportID: early}, data.ReceivedReport{Version: 1, ExportID: late}, true},
		{data.ReceivedReport{Version: 1, ExportID: late}, data.ReceivedReport{Version: 2, ExportID: early}, false},
		{data.ReceivedReport{Version: 2, ExportID: late}, data.ReceivedReport{Version: 2, ExportID: early}, false},
		{data.ReceivedReport{Version: 0, ExportID: late}, data.ReceivedReport{Version: 3, ExportID: early}, true},
		{data.ReceivedReport{Version: 5, ExportID: early}, data.ReceivedReport{Version: 0, ExportID: late}, false},
	} {
		if got := newer(c.r, c.cur); got != c.want {
			t.Errorf("v%d %s over v%d %s: %v", c.r.Version, c.r.ExportID[:8], c.cur.Version, c.cur.ExportID[:8], got)
		}
	}
}
