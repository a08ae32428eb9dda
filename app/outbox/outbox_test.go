package outbox_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"
	"testing"
	"time"

	gomail "github.com/emersion/go-message/mail"
	"github.com/zalando/go-keyring"

	"townledger/app/auth"
	townmail "townledger/app/mail"
	"townledger/app/mail/mailtest"
	"townledger/app/officetest"
	"townledger/app/outbox"
	"townledger/app/problem"
	"townledger/data"
)

var exporter = auth.Session{UserID: "u-e", Username: "zhou", DisplayName: "周", Roles: []auth.Role{auth.Exporter, auth.Admin}}

// office is the demo town whose district is the test servers' district user.
func office(t *testing.T) *data.Store { return officetest.DemoStore(t, mailtest.District) }

// account saves the town's account on srv (password in the mocked keyring) and returns the
// config and the account to connect with.
func account(t *testing.T, s *data.Store, srv *mailtest.Servers) (outbox.Config, townmail.Account) {
	t.Helper()
	keyring.MockInit()
	cfg := outbox.Config{SMTPHost: mailtest.Host, SMTPPort: srv.SMTPTLS, SMTPSecurity: townmail.TLS,
		IMAPHost: mailtest.Host, IMAPPort: srv.IMAPTLS, IMAPSecurity: townmail.TLS, Username: mailtest.Town}
	if err := outbox.Save(context.Background(), s, exporter, cfg, mailtest.TownPassword); err != nil {
		t.Fatal(err)
	}
	loaded, err := outbox.Load(context.Background(), s)
	if err != nil || loaded != cfg {
		t.Fatalf("loaded %+v %v", loaded, err)
	}
	pw, err := outbox.Password(loaded)
	if err != nil || pw != mailtest.TownPassword {
		t.Fatalf("keyring password %q %v", pw, err)
	}
	a := loaded.Account(pw)
	a.RootCAs, a.Timeout = srv.CA, 3*time.Second
	return loaded, a
}

func request(t *testing.T, period string, newVersion bool) outbox.Request {
	return outbox.Request{Period: period, Dir: t.TempDir(), Now: time.Date(2024, 1, 3, 9, 0, 0, 0, time.Local),
		Preparer: "周", NewVersion: newVersion}
}

func keyOf(err error) string {
	if p := problem.From(err); p != nil {
		return p.Key
	}
	return ""
}

// attachment reads a message's subject, text and attached workbook.
func attachment(t *testing.T, raw []byte) (subject, text string, file []byte, name string) {
	t.Helper()
	r, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ = r.Header.Subject()
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p.Body)
		switch h := p.Header.(type) {
		case *gomail.AttachmentHeader:
			name, _ = h.Filename()
			file = b
		case *gomail.InlineHeader:
			text += string(b)
		}
	}
	return subject, text, file, name
}

// Send → the district's inbox holds the workbook exactly as exported, the town's Sent
// folder a copy; sending again with unchanged data sends nothing; a reply that matches
// nothing changes nothing; the district's reply marks it acknowledged.
func TestSendPeriodReachesTheDistrictAndIsAcknowledged(t *testing.T) {
	ctx := context.Background()
	srv := mailtest.Start(t)
	s := office(t)
	cfg, a := account(t, s, srv)

	res, err := outbox.SendPeriod(ctx, s, exporter, cfg, a, request(t, "2023-Q4", false))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Written || res.Export.Version != 1 || res.Export.State != data.ExportSent || len(res.Outcome.Sent) != 1 {
		t.Fatalf("result %+v", res)
	}
	inbox := srv.Inbox(t, mailtest.District)
	if len(inbox) != 1 {
		t.Fatalf("district inbox holds %d messages", len(inbox))
	}
	subject, text, file, name := attachment(t, inbox[0])
	if subject != "【数据报送】青石镇-2023年第四季度-v1" {
		t.Errorf("subject %q", subject)
	}
	sum := sha256.Sum256(file)
	if hex.EncodeToString(sum[:]) != res.Export.FileSHA256 || name != "青石镇_2023-Q4_v1.xlsx" {
		t.Errorf("attachment %q (%d bytes) is not the exported workbook %+v", name, len(file), res.Export)
	}
	if !strings.Contains(text, "示范区应急管理局") || !strings.Contains(text, res.Export.ContentHash) {
		t.Errorf("letter: %s", text)
	}
	if sent := srv.Mailbox(t, mailtest.Town, "Sent"); len(sent) != 1 || !bytes.Equal(sent[0], inbox[0]) && !bytes.Contains(sent[0], []byte(strings.Trim(res.Export.MessageID, "<>"))) {
		t.Errorf("Sent folder: %d messages", len(sent))
	}

	_, err = outbox.SendPeriod(ctx, s, exporter, cfg, a, request(t, "2023-Q4", false))
	if keyOf(err) != outbox.KeyAlreadySent {
		t.Fatalf("second send with unchanged data: %v", err)
	}
	if n := len(srv.Inbox(t, mailtest.District)); n != 1 || srv.Accepted() != 1 {
		t.Fatalf("a second message went out: inbox %d, accepted %d", n, srv.Accepted())
	}

	acked, err := outbox.CheckReplies(ctx, s, exporter, a)
	if err != nil || len(acked) != 0 {
		t.Fatalf("before any reply: %v %v", acked, err)
	}
	srv.Reply(t, mailtest.District, mailtest.Town, mailtest.RandomID(), "回复：【数据报送】柳溪镇-2023年第四季度-v1")
	if acked, err := outbox.CheckReplies(ctx, s, exporter, a); err != nil || len(acked) != 0 {
		t.Fatalf("a reply matching nothing acknowledged %v (%v)", acked, err)
	}
	srv.Reply(t, mailtest.District, mailtest.Town, res.Export.MessageID, "Re: "+subject)
	acked, err = outbox.CheckReplies(ctx, s, exporter, a)
	if err != nil || len(acked) != 1 || acked[0].ID != res.Export.ID {
		t.Fatalf("the district's reply: %v %v", acked, err)
	}
	if e, _ := s.Export(ctx, res.Export.ID); e.State != data.ExportAcknowledged || e.AckedAt == "" {
		t.Errorf("after the reply: %+v", e)
	}
}

// Records of a sent period change: sending says so; with the person's consent version 2
// goes out, superseding version 1, and says so in its letter.
func TestChangedPeriodOffersASupersedingVersion(t *testing.T) {
	ctx := context.Background()
	srv := mailtest.Start(t)
	s := office(t)
	cfg, a := account(t, s, srv)
	first, err := outbox.SendPeriod(ctx, s, exporter, cfg, a, request(t, "2023", false))
	if err != nil {
		t.Fatal(err)
	}
	changeActivity(t, s) // an activity's figures are corrected after the report went out
	_, err = outbox.SendPeriod(ctx, s, exporter, cfg, a, request(t, "2023", false))
	if keyOf(err) != outbox.KeyChanged {
		t.Fatalf("changed data: %v", err)
	}
	second, err := outbox.SendPeriod(ctx, s, exporter, cfg, a, request(t, "2023", true))
	if err != nil {
		t.Fatal(err)
	}
	if second.Export.Version != 2 || second.Export.SupersedesID != first.Export.ID || second.Export.State != data.ExportSent {
		t.Fatalf("second version %+v", second.Export)
	}
	inbox := srv.Inbox(t, mailtest.District)
	if len(inbox) != 2 {
		t.Fatalf("inbox %d", len(inbox))
	}
	subject, text, _, _ := attachment(t, inbox[1])
	if !strings.HasSuffix(subject, "-v2") || !strings.Contains(text, "替代此前报送的第 1 版") {
		t.Errorf("second message: %q\n%s", subject, text)
	}
}

func changeActivity(t *testing.T, s *data.Store) {
	t.Helper()
	ctx := context.Background()
	rows, _, err := s.ListActivities(ctx, "", data.ActivityFilter{Year: 2023}, 0, 1)
	if err != nil || len(rows) == 0 {
		t.Fatalf("activities %v %v", rows, err)
	}
	act, err := s.Activity(ctx, rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	act.People += 10
	if err := s.Write(ctx, exporter.Actor(), func(tx *data.Tx) error { _, err := tx.UpdateActivity(act); return err }); err != nil {
		t.Fatal(err)
	}
}
