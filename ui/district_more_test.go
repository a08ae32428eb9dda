package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"github.com/zalando/go-keyring"

	townmail "townledger/app/mail"
	"townledger/app/mail/mailtest"
	"townledger/app/outbox"
	"townledger/app/report"
	"townledger/ui/district"
)

// districtWithWorkbook is a bureau with two towns registered and 青石镇's 2023-Q4 workbook
// taken in from a folder.
func districtWithWorkbook(t *testing.T) *UI {
	t.Helper()
	u := signedIn(t)
	toDistrict(t, u)
	if err := u.Office.Settings.SetReportKinds(context.Background(), u.Shell.Env.Session, []string{"quarter"}); err != nil {
		t.Fatal(err)
	}
	addTown(t, u, "青石镇", "110105100", "qingshi@example.cn")
	addTown(t, u, "白沙镇", "110105101", "baisha@example.cn")
	dir := t.TempDir()
	townWorkbook(t, dir, "青石镇", "110105100")
	u.Shell.Select("nav.inbox")
	in := u.Shell.Current.(*district.Inbox)
	in.PullFolder(dir)
	u.tasks.Wait()
	if len(in.Received) != 1 {
		t.Fatalf("received: %d", len(in.Received))
	}
	return u
}

func TestConsolidateScreenWritesTheWorkbook(t *testing.T) {
	u := districtWithWorkbook(t)
	u.Shell.Select("nav.consolidate")
	c := u.Shell.Current.(*district.Consolidated)
	if c.Chosen() != "2023-Q4" || c.Period.Selected != "2023年第四季度" {
		t.Fatalf("the periods offered: %v, chosen %q", c.Periods, c.Period.Selected)
	}
	if !strings.Contains(c.Towns.Text, "纳入汇总（1 个）：青石镇") || !strings.Contains(c.Towns.Text, "尚未报送（1 个）：白沙镇") {
		t.Errorf("the towns line: %q", c.Towns.Text)
	}
	path := filepath.Join(t.TempDir(), "汇总.xlsx")
	c.WriteTo(path)
	u.tasks.Wait()
	if c.LastPath != path {
		t.Fatalf("the workbook was written to %q, want %q", c.LastPath, path)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if i, err := f.GetSheetIndex(report.SheetCover); err != nil || i < 0 {
		t.Errorf("no cover sheet in %v", f.GetSheetList())
	}
}

func TestAnnualScreenShowsTheYearsSentences(t *testing.T) {
	u := districtWithWorkbook(t)
	u.Shell.Select("nav.annual")
	a := u.Shell.Current.(*district.Annual)
	if a.Year.Selected != "2023" {
		t.Fatalf("the year offered first: %q", a.Year.Selected)
	}
	if !strings.Contains(a.Text(), "立案") || a.Sentences.Text != a.Text() {
		t.Fatalf("the sentences: %q", a.Sentences.Text)
	}
	// The text can be copied but not changed.
	a.Sentences.SetText("改过的")
	if a.Sentences.Text != a.Text() {
		t.Errorf("an edit stayed: %q", a.Sentences.Text)
	}
	var names []string
	for r := 1; r <= len(a.Data.Towns)+1; r++ {
		names = append(names, a.Cell(r, 0)+":"+a.Cell(r, 7))
	}
	if got := strings.Join(names, " "); !strings.Contains(got, "青石镇:缺 9 个月") || !strings.Contains(got, "白沙镇:未报送") ||
		!strings.Contains(got, "合计:") {
		t.Errorf("the towns' rows: %s", got)
	}
	if !a.Incomplete.Visible() || !strings.Contains(a.Incomplete.Text, "白沙镇") {
		t.Errorf("the incomplete towns: %q", a.Incomplete.Text)
	}
	path := filepath.Join(t.TempDir(), "2023年度数据.xlsx")
	a.SaveTo(path)
	u.tasks.Wait()
	if a.Saved != path {
		t.Fatalf("not saved to %s", path)
	}
	text, err := os.ReadFile(strings.TrimSuffix(path, ".xlsx") + ".txt")
	if err != nil || !strings.Contains(string(text), "立案") {
		t.Errorf("the text beside it: %v %q", err, text)
	}

	// A year with nothing in force says so and saves nothing.
	a.Year.SetSelected("2024")
	if a.Message.Hidden || !a.Save.Disabled() || a.Text() != "" {
		t.Errorf("an empty year: message %q, save disabled %v", a.Message.Text, a.Save.Disabled())
	}
}

func TestStatusRemindsTheTownsThatHaveNotReported(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the mail servers")
	}
	srv := mailtest.Start(t)
	keyring.MockInit()
	t.Cleanup(keyring.MockInit)
	u := districtWithWorkbook(t)
	u.Mail.Roots = srv.CA
	addTown(t, u, "红山乡", "110105102", mailtest.Town)
	cfg := outbox.Config{SMTPHost: mailtest.Host, SMTPPort: srv.SMTPTLS, SMTPSecurity: townmail.TLS,
		IMAPHost: mailtest.Host, IMAPPort: srv.IMAPTLS, IMAPSecurity: townmail.TLS, Username: mailtest.District}
	if err := u.Office.Outbox.Save(context.Background(), u.Shell.Env.Session, cfg, mailtest.DistrictPassword); err != nil {
		t.Fatal(err)
	}
	u.Shell.Select("nav.status")
	st := u.Shell.Current.(*district.Status)
	st.Year.SetSelected("2023")
	if ended := st.Ended(u.Now()); len(ended) != 4 || ended[0] != "2023-Q4" {
		t.Fatalf("the periods to remind of: %v", ended)
	}
	st.RemindOf("2023-Q4")
	u.tasks.Wait()
	got := strings.Join(st.Reminded, "\n")
	if !strings.Contains(got, "110105102 红山乡（未报）：已发催报邮件至 "+mailtest.Town) || strings.Contains(got, "青石镇") {
		t.Fatalf("reminded:\n%s", got)
	}
	if n := len(srv.Inbox(t, mailtest.Town)); n != 1 {
		t.Errorf("the town's mailbox holds %d messages", n)
	}
}
