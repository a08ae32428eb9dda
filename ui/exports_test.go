package ui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/zalando/go-keyring"

	"townledger/app/mail/mailtest"
	"townledger/app/office"
	"townledger/app/publicity"
	"townledger/ui/exports"
	"townledger/ui/home"
)

// An administrator enters the mail account and the district's address, the home page shows
// the quarter due, one click sends it, a second click sends nothing, and the district's
// reply marks it acknowledged.
func TestAdministratorSendsTheQuarterToTheDistrict(t *testing.T) {
	srv := mailtest.Start(t)
	keyring.MockInit()
	u := signedIn(t)
	u.Mail.Roots = srv.CA

	m := settingsTab(t, u, "mail.tab").Mail
	m.Periods.SetSelected([]string{"季报"})
	typeInto(m.District, mailtest.District)
	typeInto(m.Reviewer, "李审核")
	typeInto(m.Address, mailtest.Town)
	typeInto(m.SMTPHost, mailtest.Host)
	typeInto(m.SMTPPort, strconv.Itoa(srv.SMTPStartTLS))
	m.SMTPSec.SetSelected("STARTTLS")
	typeInto(m.IMAPHost, mailtest.Host)
	typeInto(m.IMAPPort, "99999")
	m.IMAPSec.SetSelected("SSL/TLS")
	typeInto(m.Username, mailtest.Town)
	typeInto(m.Password, mailtest.TownPassword)
	test.Tap(m.Save)
	if !strings.Contains(m.Message.Text, "端口") || m.Address.Text != mailtest.Town {
		t.Fatalf("a bad port was accepted, or the form lost its text: %q", m.Message.Text)
	}
	typeInto(m.IMAPPort, strconv.Itoa(srv.IMAPTLS))
	test.Tap(m.Save)
	if m.Message.Visible() || m.Status.Text != "已保存。" {
		t.Fatalf("save: %q %q", m.Message.Text, m.Status.Text)
	}
	test.Tap(m.Test)
	u.tasks.Wait()
	if !strings.Contains(m.Status.Text, "连接成功") {
		t.Fatalf("test connection: %q %q", m.Status.Text, m.Message.Text)
	}

	u.Shell.Select("nav.home")
	h := u.Shell.Current.(*home.Home)
	if len(h.ReportButtons) == 0 || !strings.Contains(h.ReportButtons[0].Text, "2024年第三季度季报：已逾期未报") {
		t.Fatalf("home reports: %v", buttonTexts(h))
	}
	test.Tap(h.ReportButtons[0])
	ex, ok := u.Shell.Current.(*exports.Exports)
	if !ok || ex.Period.Selected != "2024年第三季度" {
		t.Fatalf("the home line did not open the quarter: %T", u.Shell.Current)
	}
	test.Tap(ex.Send)
	u.tasks.Wait()
	if !strings.Contains(ex.State.Text, "第 1 版已于") || len(srv.Inbox(t, mailtest.District)) != 1 {
		t.Fatalf("after sending: %q, inbox %d", ex.State.Text, len(srv.Inbox(t, mailtest.District)))
	}
	shot(t, u, "sent")
	test.Tap(ex.Send) // unchanged data: nothing goes out
	u.tasks.Wait()
	if n := len(srv.Inbox(t, mailtest.District)); n != 1 {
		t.Errorf("a second click sent again: inbox %d", n)
	}
	versions, _ := u.Office.Exports(context.Background(), "2024-Q3")
	if len(versions) != 1 || versions[0].State != office.ExportSent {
		t.Fatalf("history %+v", versions)
	}
	ex.Open(versions[0].ID)
	if ex.Page == nil || ex.Page.Fields["export.file_sha256"].Text != versions[0].FileSHA256 ||
		ex.Page.Fields["export.state"].Text != "已发送" || ex.Page.Fields["export.by"].Text != "admin" {
		t.Fatalf("version page: %+v", ex.Page)
	}
	test.Tap(ex.Page.Back)
	if ex.Page != nil {
		t.Fatal("back did not return to the list")
	}
	srv.Reply(t, mailtest.District, mailtest.Town, versions[0].MessageID, "回复：【数据报送】青石镇-2024年第三季度-v1")
	// The window looks for replies by itself while the exporter works.
	u.MailSync = 50 * time.Millisecond
	u.startMailSync()
	// Wait on the database, not the label the background round writes; stopping the check
	// waits for that round, so the label is then safe to read.
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if e, _ := u.Office.Export(context.Background(), versions[0].ID); e.State == office.ExportAcknowledged {
			break
		}
	}
	u.stopMailSync()
	if !strings.Contains(ex.State.Text, "区局已于") {
		t.Errorf("after the reply: %q", ex.State.Text)
	}
	test.Tap(ex.Replies) // by hand: nothing more to acknowledge
	u.tasks.Wait()
	shot(t, u, "acknowledged")

	// An activity of the quarter is entered late: the home page and 数据报送 say the sent
	// version no longer matches, and sending now makes version 2.
	if _, err := u.Office.Publicity.Save(context.Background(), u.session, publicity.Activity{HeldOn: "2024-09-20",
		Title: "补录：安全生产宣传进企业", Type: "安全生产月", People: 40}); err != nil {
		t.Fatal(err)
	}
	u.Shell.Select("nav.home")
	h = u.Shell.Current.(*home.Home)
	u.tasks.Wait()
	q3 := -1
	for i, text := range buttonTexts(h) {
		if strings.HasPrefix(text, "2024年第三季度") {
			q3 = i
		}
	}
	if q3 < 0 || !strings.Contains(buttonTexts(h)[q3], "报送后数据有改动") {
		t.Fatalf("home after a late change: %v", buttonTexts(h))
	}
	test.Tap(h.ReportButtons[q3])
	ex = u.Shell.Current.(*exports.Exports)
	u.tasks.Wait()
	if !ex.Changed.Visible() || !strings.Contains(ex.Changed.Text, "第 2 版") {
		t.Fatalf("changed banner: %q", ex.Changed.Text)
	}
	ex.SendPeriod(true) // as after the person agreed in the confirmation
	u.tasks.Wait()
	if n := len(srv.Inbox(t, mailtest.District)); n != 2 || !strings.Contains(ex.State.Text, "第 2 版已于") {
		t.Errorf("version 2: inbox %d, %q", n, ex.State.Text)
	}
}

func buttonTexts(h *home.Home) []string {
	var out []string
	for _, b := range h.ReportButtons {
		out = append(out, b.Text)
	}
	return out
}

// shot saves the window as a PNG into $TOWNLEDGER_SHOTS, when set, to look at by eye.
func shot(t *testing.T, u *UI, name string) {
	dir := os.Getenv("TOWNLEDGER_SHOTS")
	if dir == "" {
		return
	}
	u.Win.Resize(fyne.NewSize(1180, 760))
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, u.Win.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
