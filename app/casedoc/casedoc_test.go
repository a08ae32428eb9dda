package casedoc_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"townledger/app/auth"
	"townledger/app/casedoc"
	"townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/disclosure"
	"townledger/app/officetest"
	"townledger/app/settings"
	"townledger/data"
)

// demoDay is the day officetest's demo ledger stands on.
var demoDay = time.Date(2023, 12, 1, 0, 0, 0, 0, time.Local)

var office = settings.DocTexts{Bank: "中国农业银行示范区支行", AccountName: "示范区财政局非税收入专户",
	Account: "6228480010000000017", ReviewBody: "示范区人民政府", Court: "示范区人民法院",
	Address: "青石镇人民路1号", Contact: "李明", Phone: "010-61234567"}

func demo(t testing.TB) (*data.Store, casedoc.Service, []string) {
	t.Helper()
	s := officetest.DemoStore(t)
	ctx := context.Background()
	if err := settings.SetDocTexts(ctx, s, admin(), office); err != nil {
		t.Fatal(err)
	}
	rows, _, err := s.Cases(ctx, data.CaseQuery{}, 0, 100)
	if err != nil || len(rows) == 0 {
		t.Fatalf("demo cases: %d, %v", len(rows), err)
	}
	var ids []string
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	return s, casedoc.NewService(s), ids
}

func admin() auth.Session {
	return auth.Session{UserID: "admin", Username: "admin", Roles: []auth.Role{auth.Admin}}
}

// fined are the documents that state the fine in figures and capitals.
var fined = map[casedoc.Kind]bool{casedoc.KindDecision: true, casedoc.KindSummaryDecision: true,
	casedoc.KindNotice: true, casedoc.KindHearingNotice: true}

// ownNumber are the documents that carry a number of their own instead of the case's.
var ownNumber = map[casedoc.Kind]bool{casedoc.KindFiling: true, casedoc.KindRectification: true,
	casedoc.KindNotice: true, casedoc.KindHearingNotice: true, casedoc.KindNotPenalised: true}

// cites says which of the item's provisions a document cites: the penalty basis, or only the
// provision violated.
var cites = map[casedoc.Kind]string{casedoc.KindFiling: "basis", casedoc.KindSummaryDecision: "basis",
	casedoc.KindNotice: "basis", casedoc.KindHearingNotice: "basis", casedoc.KindLegalReview: "basis",
	casedoc.KindCollective: "basis", casedoc.KindDecision: "basis", casedoc.KindRectification: "obligation",
	casedoc.KindNotPenalised: "obligation"}

// TestEveryDocumentOfTheDemoCases makes every document of every demo case, whether or not
// its step is recorded yet, and reads each back with poppler: its number, the party, the
// articles, the amounts in figures and capitals and its dates are in the text; the font is
// an embedded subset; every page renders with ink.
func TestEveryDocumentOfTheDemoCases(t *testing.T) {
	tool(t, "pdftotext")
	s, svc, ids := demo(t)
	ctx := context.Background()
	dir := t.TempDir()
	staff, err := s.Officers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	certNos := map[string]string{} // the officers' 执法证号 print beside their signatures
	for _, o := range staff {
		certNos[o.Name] = o.CertNo
	}
	for _, id := range ids {
		v, err := cases.New(s).Load(ctx, id, demoDay)
		if err != nil {
			t.Fatal(err)
		}
		basis := disclosure.FormatBasis(refs(v.Item, "basis"))
		for _, k := range casedoc.Kinds {
			if k == casedoc.KindCover || k == casedoc.KindIndex {
				continue
			}
			d, err := svc.Build(ctx, id, k, casedoc.Texts{}, demoDay)
			if err != nil {
				t.Fatalf("%s %s: %v", v.Case.CaseNo, k, err)
			}
			pdf, err := casedoc.Render([]casedoc.Document{d}, demoDay)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, strings.ReplaceAll(v.Case.CaseNo, "〔", "_")+"-"+string(k)+".pdf")
			if err := os.WriteFile(path, pdf, 0o600); err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, path)
			want := []string{d.Title, d.No, v.Party.Name, "第1页共"}
			if !ownNumber[k] {
				want = append(want, v.Case.CaseNo)
			}
			switch cites[k] {
			case "basis":
				want = append(want, basis)
			case "obligation":
				want = append(want, disclosure.FormatBasis(refs(v.Item, "obligation")))
			}
			if fined[k] && v.Case.Fine > 0 && k != casedoc.KindNotice {
				want = append(want, rules.FormatYuan(v.Case.Fine), casedoc.Capital(v.Case.Fine))
			}
			if k == casedoc.KindFiling {
				want = append(want, dateCN(v.Case.FiledOn))
			}
			if k == casedoc.KindRectification || k == casedoc.KindSummaryDecision {
				want = append(want, certNos[strings.Split(v.Case.Officers, "、")[0]])
			}
			if k == casedoc.KindDecision && v.Case.DecidedOn != "" {
				want = append(want, dateCN(v.Case.DecidedOn), office.Bank, office.Account, office.ReviewBody, office.Court)
			}
			for _, w := range want {
				if !strings.Contains(text, squeeze(w)) {
					t.Errorf("%s %s: %q not in the text:\n%s", v.Case.CaseNo, k, w, text)
				}
			}
			checkFonts(t, path)
			checkPages(t, path)
			if len(pdf) > 400_000 {
				t.Errorf("%s %s: %d bytes", v.Case.CaseNo, k, len(pdf))
			}
		}
	}
}

func refs(item data.CatalogItem, role string) []data.LegalRef {
	var out []data.LegalRef
	for _, r := range item.Refs {
		if r.Role == role {
			out = append(out, r)
		}
	}
	return out
}

func dateCN(s string) string {
	t, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		return s
	}
	return t.Format("2006年1月2日")
}

// TestDecisionStatesTheNoticeFineAndPeriods: a decided case's documents carry the amounts,
// and the notice's statement period is counted in working days from the notice.
func TestNoticeCountsTheStatementPeriodInWorkingDays(t *testing.T) {
	s, svc, ids := demo(t)
	ctx := context.Background()
	for _, id := range ids {
		v, err := cases.New(s).Load(ctx, id, demoDay)
		if err != nil {
			t.Fatal(err)
		}
		var notice *rules.Event
		for _, st := range v.Steps {
			if st.Event.Step == rules.StepNotice {
				e := st.Event
				notice = &e
			}
		}
		if notice == nil {
			continue
		}
		k := casedoc.KindNotice
		if notice.HearingOffered {
			k = casedoc.KindHearingNotice
		}
		d, err := svc.Build(ctx, id, k, casedoc.Texts{}, demoDay)
		if err != nil {
			t.Fatal(err)
		}
		cal, err := settings.Calendar(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		due := cal.AddWorkdays(notice.On, 3).Format("2006年1月2日")
		text := d.Text()
		if !strings.Contains(text, "3个工作日内（即"+due+"前）") {
			t.Errorf("%s: the statement period is not to %s:\n%s", v.Case.CaseNo, due, text)
		}
		if !strings.Contains(text, casedoc.Capital(notice.Fine)) {
			t.Errorf("%s: the proposed fine %s is not in capitals:\n%s", v.Case.CaseNo, casedoc.Capital(notice.Fine), text)
		}
	}
}

// TestProducedDocumentIsKeptWithItsHash: what is produced is kept with the case, named by
// its SHA-256, listed with its step, and the ledger still verifies.
func TestProducedDocumentIsKeptWithItsHash(t *testing.T) {
	s, svc, ids := demo(t)
	ctx := context.Background()
	decided := decidedCase(t, svc, ids)
	texts := casedoc.Texts{Facts: "经查，当事人在二号车间未设置安全警示标志。", Evidence: "现场照片3张"}
	kd, err := svc.Produce(ctx, admin(), decided, casedoc.KindDecision, texts, demoDay)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(kd.Content)
	if kd.SHA256 != hex.EncodeToString(sum[:]) || kd.Pages < 1 || kd.Step != string(rules.StepDecision) || kd.EventID == "" {
		t.Errorf("kept %+v", kd)
	}
	if !strings.Contains(string(kd.Content), "/TLDOCS+TownLedgerSans") {
		t.Error("the kept PDF does not name its subset font")
	}
	es, err := svc.Entries(ctx, decided, demoDay)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range es {
		if e.Kind == casedoc.KindDecision && e.Kept != nil && e.Kept.ID == kd.ID {
			found = true
		}
	}
	if !found {
		t.Errorf("the decision's entry does not list the kept copy: %+v", es)
	}
	again, err := svc.Texts(ctx, decided, casedoc.KindNotice, demoDay)
	if err != nil || again.Facts != texts.Facts {
		t.Errorf("the next document starts from %q, %v; want the facts last printed", again.Facts, err)
	}
	viewer := auth.Session{UserID: "v", Username: "v", Roles: []auth.Role{auth.Trainer}}
	if _, err := svc.Produce(ctx, viewer, decided, casedoc.KindDecision, texts, demoDay); err == nil {
		t.Error("a viewer produced a document")
	}
	check, err := s.CheckLog(ctx)
	if err != nil || !check.OK() {
		t.Errorf("the ledger does not verify after a document was kept: %+v %v", check, err)
	}
}

// TestDossierListsEveryDocument: the whole 案卷 has its cover, its 卷内目录 naming every
// document, and every document in order; each page renders.
func TestDossierListsEveryDocument(t *testing.T) {
	tool(t, "pdftotext")
	_, svc, ids := demo(t)
	ctx := context.Background()
	for _, id := range ids {
		pdf, err := svc.Dossier(ctx, id, demoDay)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "dossier.pdf")
		if err := os.WriteFile(path, pdf, 0o600); err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, path)
		es, err := svc.Entries(ctx, id, demoDay)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"行政处罚案卷", "卷内目录", "序号文书名称文号日期页号"} {
			if !strings.Contains(text, w) {
				t.Errorf("dossier: %q missing:\n%s", w, text)
			}
		}
		// the index lists every document in order, then the documents follow in that order
		var titles []string
		for _, e := range es {
			d, err := svc.Build(ctx, id, e.Kind, casedoc.Texts{}, demoDay)
			if err != nil {
				t.Fatal(err)
			}
			titles = append(titles, squeeze(d.Title))
		}
		at := strings.Index(text, "序号文书名称文号日期页号")
		for n, title := range append(titles, titles...) {
			i := strings.Index(text[max(at, 0):], title)
			if at < 0 || i < 0 {
				t.Errorf("dossier: %s (%d) out of order or missing", title, n)
				break
			}
			at += i + len(title)
		}
		pages := checkPages(t, path)
		if pages < 2+len(es) || pages != casedoc.PageCount(pdf) {
			t.Errorf("rendered %d pages, counted %d", pages, casedoc.PageCount(pdf))
		}
		checkFonts(t, path)
	}
}
