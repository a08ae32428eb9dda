package district_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"mime"
	"os"
	"strings"
	"testing"
	"time"

	gomail "github.com/emersion/go-message/mail"

	"townledger/app/district"
	townmail "townledger/app/mail"
	"townledger/app/mail/mailtest"
	"townledger/app/officetest"
	"townledger/app/outbox"
	"townledger/app/problem"
	"townledger/data"
)

// townAccount is the towns' mail account on srv (every test town sends as mailtest.Town).
func townAccount(srv *mailtest.Servers) (outbox.Config, townmail.Account) {
	cfg := outbox.Config{SMTPHost: mailtest.Host, SMTPPort: srv.SMTPTLS, SMTPSecurity: townmail.TLS,
		IMAPHost: mailtest.Host, IMAPPort: srv.IMAPTLS, IMAPSecurity: townmail.TLS, Username: mailtest.Town}
	a := cfg.Account(mailtest.TownPassword)
	a.RootCAs, a.Timeout = srv.CA, 5*time.Second
	return cfg, a
}

// sendReport mails the town's period report to the district with the town's outbox.
func sendReport(t *testing.T, s *data.Store, srv *mailtest.Servers) data.ExportRecord {
	t.Helper()
	cfg, a := townAccount(srv)
	res, err := outbox.SendPeriod(context.Background(), s, admin, cfg, a, outbox.Request{Period: period, Dir: t.TempDir(),
		Now: time.Date(2024, 1, 3, 9, 0, 0, 0, time.Local), Preparer: "周"})
	if err != nil || res.Export.State != data.ExportSent {
		t.Fatalf("the town's send: %+v %v", res.Export, err)
	}
	return res.Export
}

func pullMail(t *testing.T, s *data.Store, a townmail.Account) []district.MailOutcome {
	t.Helper()
	out, err := district.PullMail(context.Background(), s, clerk, a, nil)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// mailResults lists each outcome as "result/receipt", "-" for no receipt.
func mailResults(out []district.MailOutcome) string {
	var l []string
	for _, o := range out {
		r := o.Result
		if o.Retried {
			r = "retried"
		}
		rc := o.Receipt
		if rc == "" {
			rc = "-"
		}
		if o.ReceiptErr != nil {
			rc = "failed"
		}
		l = append(l, r+"/"+rc)
	}
	return strings.Join(l, " ")
}

// mailWith is a raw message from from to the district: the extra header lines as given and,
// when file is not nil, an .xlsx attachment.
func mailWith(from, subject, headers string, file []byte) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: <%s>\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s>\r\n%sMIME-Version: 1.0\r\n",
		from, mailtest.District, mime.BEncoding.Encode("utf-8", subject), time.Now().Format(time.RFC1123Z),
		mailtest.RandomID(), headers)
	text := base64.StdEncoding.EncodeToString([]byte("请查收。"))
	if file == nil {
		b.WriteString("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + text + "\r\n")
		return []byte(b.String())
	}
	b.WriteString("Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + text + "\r\n--b1\r\n" +
		"Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"report.xlsx\"\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n" + base64.StdEncoding.EncodeToString(file) + "\r\n--b1--\r\n")
	return []byte(b.String())
}

// receiptsIn are the receipts in the town's inbox: each one's X-TownLedger-Receipt and the
// Message-ID it answers.
func receiptsIn(t *testing.T, srv *mailtest.Servers) []gomail.Header {
	t.Helper()
	var out []gomail.Header
	for _, raw := range srv.Inbox(t, mailtest.Town) {
		r, err := gomail.CreateReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		if r.Header.Get(townmail.FieldReceipt) != "" {
			out = append(out, r.Header)
		}
	}
	return out
}

// Issue #15's end to end: a town sends its report with its outbox through the mail server;
// the district pulls its inbox, merges the workbook and answers in the town's thread; the
// town's reply check marks the version acknowledged. A second pull fetches nothing. A
// workbook from an unregistered town is answered with the reason, which the town sees; a
// receipt the mail server refused is sent by the next pull. A town's mail without a
// workbook is refused and answered; an automatic reply, the district's own mail and a
// stranger's mail are never answered; a stranger's workbook is recorded as rejected but
// not answered. A reminder goes to the registered town that sent nothing, and only to it.
func TestPullMailReceiptsAndReminders(t *testing.T) {
	if testing.Short() {
		t.Skip("exports demo towns and runs the mail servers")
	}
	ctx := context.Background()
	srv := mailtest.Start(t)
	_, townAcct := townAccount(srv)
	da := srv.Account(mailtest.District)

	town := newTown(t, "青石镇", "110105100")
	if err := outbox.SetDistrictEmail(ctx, town.store, admin, mailtest.District); err != nil {
		t.Fatal(err)
	}
	dist := officetest.NewStore(t)
	if err := district.SetMode(ctx, dist, admin, district.ModeDistrict); err != nil {
		t.Fatal(err)
	}
	if _, err := district.AddTown(ctx, dist, admin, district.Town{Name: "青石镇", DivisionCode: "110105100",
		Emails: strings.ToUpper(mailtest.Town)}); err != nil {
		t.Fatal(err)
	}
	if _, err := district.AddTown(ctx, dist, admin, district.Town{Name: "红山乡", DivisionCode: "110105200",
		Emails: mailtest.Town}); err != nil {
		t.Fatal(err)
	}

	sent := sendReport(t, town.store, srv)
	out := pullMail(t, dist, da)
	if got := mailResults(out); got != "merged/accepted" || out[0].TownName != "青石镇" || out[0].MessageID != strings.Trim(sent.MessageID, "<>") {
		t.Fatalf("first pull: %s %+v", got, out)
	}
	if r, ok, _ := dist.ReceivedBefore(ctx, "", out[0].MessageID, data.SourceMail, mailtest.Town); !ok || !r.ReceiptSent || r.Version != sent.Version {
		t.Fatalf("the received mail's record: %+v", r)
	}
	rs := receiptsIn(t, srv)
	if len(rs) != 1 || rs[0].Get("In-Reply-To") != sent.MessageID || rs[0].Get(townmail.FieldReceipt) != "accepted" ||
		rs[0].Get("Auto-Submitted") != "" {
		t.Fatalf("the receipt: %+v", rs)
	}
	if subj, _ := rs[0].Subject(); !strings.HasPrefix(subj, "回复：【数据报送】青石镇") {
		t.Errorf("the receipt's subject: %q", subj)
	}
	acked, err := outbox.CheckReplies(ctx, town.store, admin, townAcct)
	if err != nil || len(acked) != 1 || acked[0].ID != sent.ID || acked[0].State != data.ExportAcknowledged {
		t.Fatalf("the town's reply check: %+v %v", acked, err)
	}
	if got := pullMail(t, dist, da); len(got) != 0 {
		t.Fatalf("the second pull took %s", mailResults(got))
	}

	// 白水镇 is not registered; it sends from the 青石镇 office's address. The mail server is
	// full when the district answers: the next pull answers.
	other := newTown(t, "白水镇", "110105101")
	if err := outbox.SetDistrictEmail(ctx, other.store, admin, mailtest.District); err != nil {
		t.Fatal(err)
	}
	refused := sendReport(t, other.store, srv)
	srv.SetFault(mailtest.MailboxFull)
	out = pullMail(t, dist, da)
	srv.SetFault(mailtest.NoFault)
	if got := mailResults(out); got != "rejected/failed" {
		t.Fatalf("the unknown town's mail: %s", got)
	}
	if r, _, _ := dist.ReceivedBefore(ctx, "", out[0].MessageID, data.SourceMail, mailtest.Town); r.ReceiptSent || r.Reason == "" {
		t.Fatalf("a receipt that did not go is recorded sent: %+v", r)
	}
	out = pullMail(t, dist, da)
	if got := mailResults(out); got != "retried/rejected" {
		t.Fatalf("the pull after the failed receipt: %s", got)
	}
	if r, _, _ := dist.ReceivedBefore(ctx, "", out[0].MessageID, data.SourceMail, mailtest.Town); !r.ReceiptSent {
		t.Fatalf("the receipt sent again is not recorded: %+v", r)
	}
	acked, err = outbox.CheckReplies(ctx, other.store, admin, townAcct)
	if err != nil || len(acked) != 1 || acked[0].ID != refused.ID || acked[0].State != data.ExportRejected ||
		!strings.Contains(acked[0].RejectReason, "110105101") {
		t.Fatalf("the unknown town's reply check: %+v %v", acked, err)
	}

	// A town's mail without its workbook, the town's out-of-office reply carrying a workbook,
	// the district's own mail, a stranger's note and a stranger's workbook.
	workbook, err := os.ReadFile(other.export(t))
	if err != nil {
		t.Fatal(err)
	}
	srv.Deliver(t, mailtest.District, "INBOX", mailWith("<"+mailtest.Town+">", "【数据报送】青石镇-2023年第四季度-v2",
		"X-TownLedger-Town: 110105100\r\nX-TownLedger-Period: 2023-Q4\r\nX-TownLedger-Version: 2\r\n", nil))
	srv.Deliver(t, mailtest.District, "INBOX", mailWith("<"+mailtest.Town+">", "自动回复：通知",
		"Auto-Submitted: auto-replied\r\n", workbook))
	srv.Deliver(t, mailtest.District, "INBOX", mailWith("<"+mailtest.District+">", "回复：【数据报送】", "", workbook))
	srv.Deliver(t, mailtest.District, "INBOX", mailWith("<stranger@other.test>", "会议通知", "", nil))
	srv.Deliver(t, mailtest.District, "INBOX", mailWith("<"+mailtest.Town+">", "请问下月培训安排", "", nil))
	srv.Deliver(t, mailtest.District, "INBOX", mailWith("<stranger@other.test>", "报表", "", workbook))
	before := len(srv.Inbox(t, mailtest.Town))
	out = pullMail(t, dist, da)
	if got := mailResults(out); got != "rejected/rejected rejected/-" {
		t.Fatalf("the odd mails: %s", got)
	}
	if out[0].Report.Period != period || out[0].Report.FromTown != "110105100" || out[0].Report.Reason != district.KeyNoAttachment+" Subject=【数据报送】青石镇-2023年第四季度-v2" || !out[0].Report.ReceiptSent {
		t.Errorf("the mail without a workbook is recorded as %+v", out[0].Report)
	}
	if len(srv.Inbox(t, mailtest.Town)) != before+1 {
		t.Errorf("the town got %d mails, want the one receipt", len(srv.Inbox(t, mailtest.Town))-before)
	}
	if rows := rowsInForce(t, dist); len(rows) != 1 {
		t.Errorf("rows in force of %d towns, want 青石镇's only", len(rows))
	}
	if got := pullMail(t, dist, da); len(got) != 0 {
		t.Fatalf("the last pull took %s", mailResults(got))
	}
	// The mailbox's high-water mark is its last message: nothing below it is looked at again.
	if v, _, _ := dist.Setting(ctx, "district.mail.seen."+mailtest.District+"@"+mailtest.Host); !strings.HasSuffix(v,
		fmt.Sprintf(":%d", len(srv.Inbox(t, mailtest.District)))) {
		t.Errorf("the mailbox's mark is %q after %d messages", v, len(srv.Inbox(t, mailtest.District)))
	}

	// 红山乡 sent nothing: it is reminded, 青石镇 is not.
	before = len(srv.Inbox(t, mailtest.Town))
	rem, err := district.Remind(ctx, dist, clerk, da, period)
	if err != nil || len(rem) != 1 || rem[0].Town.Name != "红山乡" || rem[0].Err != nil {
		t.Fatalf("remind: %+v %v", rem, err)
	}
	inbox := srv.Inbox(t, mailtest.Town)
	if len(inbox) != before+1 {
		t.Fatalf("%d reminders arrived", len(inbox)-before)
	}
	r, err := gomail.CreateReader(bytes.NewReader(inbox[len(inbox)-1]))
	if err != nil {
		t.Fatal(err)
	}
	subj, _ := r.Header.Subject()
	p, err := r.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	_, _ = body.ReadFrom(p.Body)
	if !strings.Contains(subj, "红山乡2023年第四季度") || !strings.Contains(body.String(), "2024年1月5日") {
		t.Errorf("the reminder: %q\n%s", subj, body.String())
	}
	// The reminder is no answer to any of the town's versions.
	if acked, err := outbox.CheckReplies(ctx, town.store, admin, townAcct); err != nil || len(acked) != 0 {
		t.Errorf("the reminder answered %+v %v", acked, err)
	}
}

// A town's mail above 50 MB is refused by its size and answered; a stranger's is passed over.
func TestPullMailRefusesAHugeMessage(t *testing.T) {
	if testing.Short() {
		t.Skip("puts 100 MB into the mail server")
	}
	ctx := context.Background()
	srv := mailtest.Start(t)
	da := srv.Account(mailtest.District)
	dist := officetest.NewStore(t)
	if _, err := district.AddTown(ctx, dist, admin, district.Town{Name: "青石镇", DivisionCode: "110105100",
		Emails: mailtest.Town}); err != nil {
		t.Fatal(err)
	}
	huge := bytes.Repeat([]byte("UEsDBBQAAAAIAAAAIQBQSwMEFAAAAAgAAAAhAFBLAwQUAAAACAAAACEAUEsDBBQAAAAIAAAAIQBQSwME\r\n"), 51<<20/78)
	srv.Deliver(t, mailtest.District, "INBOX", append(mailWith("<"+mailtest.Town+">", "【数据报送】青石镇-2023年第四季度-v1",
		"X-TownLedger-Period: 2023-Q4\r\n", []byte("x")), huge...))
	srv.Deliver(t, mailtest.District, "INBOX", append(mailWith("<stranger@other.test>", "大文件", "", []byte("x")), huge...))
	out := pullMail(t, dist, da)
	if got := mailResults(out); got != "rejected/rejected" || problemKey(out[0].Err) != district.KeyTooLarge ||
		out[0].Report.FromTown != "110105100" || out[0].Report.Period != period {
		t.Fatalf("the huge mails: %s %+v", got, out)
	}
	rs := receiptsIn(t, srv)
	if len(rs) != 1 || rs[0].Get(townmail.FieldReceipt) != "rejected" {
		t.Fatalf("receipts %+v", rs)
	}
	if reason, _ := (&rs[0]).Text(townmail.FieldReason); !strings.Contains(reason, district.KeyTooLarge) {
		t.Errorf("the receipt's reason %q", reason)
	}
}

func problemKey(err error) string {
	if p := problem.From(err); p != nil {
		return p.Key
	}
	return ""
}

// A newer version mailed before an older one: the older is received late, kept, not used,
// and answered as received (accepted) with the version in force named; the same mail
// delivered twice is taken and answered once.
func TestPullMailAnswersALateVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("exports a demo town and runs the mail servers")
	}
	ctx := context.Background()
	srv := mailtest.Start(t)
	da := srv.Account(mailtest.District)
	town := newTown(t, "青石镇", "110105100")
	dist := officetest.NewStore(t)
	if _, err := district.AddTown(ctx, dist, admin, district.Town{Name: "青石镇", DivisionCode: "110105100", Emails: mailtest.Town}); err != nil {
		t.Fatal(err)
	}
	v1 := town.export(t)
	town.morePeople(t)
	v2 := town.export(t)
	mailOf := func(path string, version int) []byte {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return mailWith("<"+mailtest.Town+">", fmt.Sprintf("【数据报送】青石镇-2023年第四季度-v%d", version),
			fmt.Sprintf("X-TownLedger-Town: 110105100\r\nX-TownLedger-Version: %d\r\n", version), b)
	}
	second := mailOf(v2, 2)
	srv.Deliver(t, mailtest.District, "INBOX", second)
	srv.Deliver(t, mailtest.District, "INBOX", second) // the mail server delivered it twice
	srv.Deliver(t, mailtest.District, "INBOX", mailOf(v1, 1))
	out := pullMail(t, dist, da)
	if got := mailResults(out); got != "merged/accepted late/accepted" || out[1].InForce.Version != 2 || out[1].Report.Version != 1 {
		t.Fatalf("v2 then v1: %s %+v", got, out)
	}
	inbox := srv.Inbox(t, mailtest.Town)
	if len(inbox) != 2 {
		t.Fatalf("%d receipts for two mails", len(inbox))
	}
	r, err := gomail.CreateReader(bytes.NewReader(inbox[1]))
	if err != nil {
		t.Fatal(err)
	}
	subj, _ := r.Header.Subject()
	p, err := r.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	_, _ = body.ReadFrom(p.Body)
	if r.Header.Get(townmail.FieldReceipt) != "accepted" || subj != "回复：【数据报送】青石镇-2023年第四季度-v1" ||
		!strings.Contains(body.String(), "已采用较新的第 2 版") {
		t.Errorf("the late version's receipt: %q %q\n%s", r.Header.Get(townmail.FieldReceipt), subj, body.String())
	}
}
