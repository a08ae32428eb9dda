package district_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"strconv"
	"strings"
	"testing"
	"time"

	"townledger/app/catalog"
	"townledger/app/district"
	"townledger/app/districtpkg"
	"townledger/app/mail/mailtest"
	"townledger/app/officetest"
	"townledger/data"
)

// sameItems are the two catalogue items both ledgers start with.
func sameItems(t *testing.T, s *data.Store, year int) {
	t.Helper()
	for i, code := range []string{"A-01", "A-02"} {
		it := catalog.ExampleItem()
		it.Code, it.Name, it.EffectiveFrom = code, it.Name+strconv.Itoa(i), fmt.Sprintf("%d-01-01", year-2)
		if _, err := catalog.Create(context.Background(), s, admin, it); err != nil {
			t.Fatal(err)
		}
	}
}

// currentByCode are a ledger's catalogue items in force on day, full, by code.
func currentByCode(t *testing.T, s *data.Store, day string) map[string]data.CatalogItem {
	t.Helper()
	ctx := context.Background()
	list, err := s.CurrentCatalogItems(ctx, day)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]data.CatalogItem{}
	for _, c := range list {
		full, _, err := s.CatalogItem(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		out[c.Code] = full
	}
	return out
}

func calendarOf(t *testing.T, s *data.Store) string {
	t.Helper()
	days, err := s.CalendarDays(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var l []string
	for _, d := range days {
		l = append(l, d.Day+" "+d.Kind+" "+d.Name)
	}
	return strings.Join(l, "\n")
}

// packageMail is a raw package mail from from, optionally marked automatic.
func packageMail(from string, version int, zipped []byte, extra string) []byte {
	return []byte(fmt.Sprintf("From: <%s>\r\nTo: <%s>\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s>\r\n"+
		"X-TownLedger-Package: %d\r\n%sMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"+
		"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhello\r\n--b1\r\n"+
		"Content-Type: application/zip\r\nContent-Disposition: attachment; filename=\"p.zip\"\r\n"+
		"Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--b1--\r\n",
		from, mailtest.Town, mime.BEncoding.Encode("utf-8", "【区局下发】目录"), time.Now().Format(time.RFC1123Z),
		mailtest.RandomID(), version, extra, base64.StdEncoding.EncodeToString(zipped)))
}

// tamper rewrites one part of a package, leaving its manifest as it was.
func tamper(t *testing.T, raw []byte, part string, edit func([]byte) []byte) []byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range z.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == part {
			b = edit(b)
		}
		fw, _ := w.Create(f.Name)
		fw.Write(b)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Issue #15 item 7's round trip: the district changes a catalogue item and adds a holiday
// year, publishes; the town's mail check finds the package (and not a stranger's, nor an
// automatic reply from the district's address), the preview lists exactly those changes,
// apply makes the town's catalogue and calendar the district's; the same package again is
// refused and changes nothing; a package whose part was edited is refused, and so is one
// from another district.
func TestPublishAndApplyRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the mail servers")
	}
	ctx := context.Background()
	srv := mailtest.Start(t)
	_, townAcct := townAccount(srv)
	year := time.Now().Year()

	dist := officetest.NewStore(t)
	if err := district.SetMode(ctx, dist, admin, district.ModeDistrict); err != nil {
		t.Fatal(err)
	}
	if _, err := district.AddTown(ctx, dist, admin, district.Town{Name: "青石镇", DivisionCode: "110105100",
		Emails: mailtest.Town}); err != nil {
		t.Fatal(err)
	}
	town := officetest.NewStore(t, mailtest.District)
	sameItems(t, dist, year)
	sameItems(t, town, year)
	if before, after := calendarOf(t, dist), calendarOf(t, town); before != after {
		t.Fatalf("the two ledgers' calendars differ before: %s | %s", before, after)
	}

	// The district revises A-01 and adds a holiday year no ledger has.
	cur := currentByCode(t, dist, time.Now().Format(data.DateLayout))["A-01"]
	next := cur
	next.UnitMax = new(int64)
	*next.UnitMax = 6000000
	next.Tiers = nil
	next.EffectiveFrom = fmt.Sprintf("%d-01-01", year)
	if _, err := catalog.Revise(ctx, dist, admin, cur.ID, next); err != nil {
		t.Fatal(err)
	}
	newYear := year + 5
	holidays := []data.CalendarDay{{Day: fmt.Sprintf("%d-01-01", newYear), Kind: "holiday", Name: "元旦"},
		{Day: fmt.Sprintf("%d-05-01", newYear), Kind: "holiday", Name: "劳动节"}}
	if err := dist.Write(ctx, data.System, func(tx *data.Tx) error {
		for _, d := range holidays {
			if err := tx.SetCalendarDay(d); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	if _, err := district.Publish(ctx, dist, clerk, srv.Account(mailtest.District)); err == nil {
		t.Fatalf("a clerk published: %v", err)
	}
	pub, err := district.Publish(ctx, dist, admin, srv.Account(mailtest.District))
	if err != nil || pub.Manifest.Version != 1 || pub.Manifest.Issuer != "110105" || len(pub.Sent) != 1 || pub.Sent[0].Err != nil {
		t.Fatalf("publish: %+v %v", pub.Sent, err)
	}

	// A stranger's package and the district's automatic reply carrying one are passed over.
	srv.Deliver(t, mailtest.Town, "INBOX", packageMail("stranger@example.test", 9, pub.Package, ""))
	srv.Deliver(t, mailtest.Town, "INBOX", packageMail(mailtest.District, 8, pub.Package, "Auto-Submitted: auto-replied\r\n"))

	// The window's quiet check sees it from the headers, the stranger's v9 and the automatic v8
	// passed over.
	if v, err := districtpkg.Waiting(ctx, town, townAcct); err != nil || v != 1 {
		t.Fatalf("waiting: v%d %v", v, err)
	}
	found, err := districtpkg.FindPackages(ctx, town, townAcct)
	if err != nil || len(found) != 1 || found[0].Err != nil || found[0].Package.Manifest.Version != 1 {
		var l []string
		for _, f := range found {
			l = append(l, fmt.Sprintf("%s v%d %v", f.Mail.From, f.Package.Manifest.Version, f.Err))
		}
		t.Fatalf("the town's check: %v %v", l, err)
	}
	pkg := found[0].Package
	ch, err := districtpkg.Preview(ctx, town, pkg)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Added) != 0 || len(ch.Withdrawn) != 0 || len(ch.Sets) != 0 || len(ch.Changed) != 1 || ch.Changed[0].New.Code != "A-01" ||
		*ch.Changed[0].New.UnitMax != 6000000 {
		t.Fatalf("the preview's catalogue: %+v", ch)
	}
	var days []string
	for _, d := range ch.Days {
		days = append(days, d.Day+"/"+d.Old.Kind+">"+d.New.Kind)
	}
	want := fmt.Sprintf("%d-01-01/>holiday %d-05-01/>holiday", newYear, newYear)
	if got := strings.Join(days, " "); got != want {
		t.Fatalf("the preview's calendar: %s, want %s", got, want)
	}

	if _, err := districtpkg.Apply(ctx, town, clerk, pkg); keyOf(err) == "" {
		t.Fatal("a clerk applied the package")
	}
	if _, err := districtpkg.Apply(ctx, town, admin, pkg); err != nil {
		t.Fatal(err)
	}
	if v, err := districtpkg.Waiting(ctx, town, townAcct); err != nil || v != 0 {
		t.Errorf("waiting after apply: v%d %v", v, err)
	}
	if a, b := calendarOf(t, dist), calendarOf(t, town); a != b {
		t.Fatalf("calendars after apply:\n%s\n---\n%s", a, b)
	}
	today := time.Now().Format(data.DateLayout)
	dc, tc := currentByCode(t, dist, today), currentByCode(t, town, today)
	if len(dc) != len(tc) {
		t.Fatalf("catalogues after apply: %d and %d items", len(dc), len(tc))
	}
	for code, it := range dc {
		if !catalog.Same(it, tc[code]) {
			t.Errorf("item %s differs after apply: %+v / %+v", code, it, tc[code])
		}
	}
	if v := tc["A-01"]; v.Version != 2 {
		t.Errorf("A-01 in the town is version %d, want 2 superseding 1", v.Version)
	}

	// Again: refused, nothing changed; the check finds nothing new.
	if _, err := districtpkg.Apply(ctx, town, admin, pkg); keyOf(err) != districtpkg.KeyApplied {
		t.Fatalf("the same package again: %v", err)
	}
	if ch, err := districtpkg.Preview(ctx, town, pkg); err != nil || !ch.Empty() {
		t.Fatalf("the preview after apply: %+v %v", ch, err)
	}
	if found, err := districtpkg.FindPackages(ctx, town, townAcct); err != nil || len(found) != 0 {
		t.Fatalf("the check after apply: %d found, %v", len(found), err)
	}

	// A part edited after sign-off; a package of another district.
	edited := tamper(t, pub.Package, districtpkg.PartRules, func(b []byte) []byte { return append(b, ' ') })
	if _, err := districtpkg.Open(ctx, edited); keyOf(err) != districtpkg.KeyHash {
		t.Fatalf("a tampered package: %v", err)
	}
	other, _, err := districtpkg.Build(ctx, dist, districtpkg.Manifest{Version: 5, Issuer: "110106", Date: today})
	if err != nil {
		t.Fatal(err)
	}
	op, err := districtpkg.Open(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := districtpkg.Apply(ctx, town, admin, op); keyOf(err) != districtpkg.KeyIssuer {
		t.Fatalf("another district's package: %v", err)
	}
	if a, b := calendarOf(t, dist), calendarOf(t, town); a != b {
		t.Fatal("a refused package changed the calendar")
	}
}
