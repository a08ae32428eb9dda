package caseimport_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/auth"
	"townledger/app/caseimport"
	"townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/ids"
	"townledger/app/officetest"
	"townledger/app/problem"
	"townledger/app/workbook"
	"townledger/data"
)

type fixture struct {
	store   *data.Store
	officer auth.Session
	demo    []data.Party // the demo's organisations
	today   time.Time
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	ctx := context.Background()
	// The demo's cases fall in 2023 (its catalogue is in force from 2022-01-01), so they
	// never take the 2024 numbers of the files below.
	s := officetest.DemoStore(t)
	f := fixture{store: s, officer: auth.Session{UserID: "u1", Username: "li", Roles: []auth.Role{auth.Officer}},
		today: time.Date(2024, 12, 31, 10, 0, 0, 0, time.Local)}
	list, _, _ := s.List(ctx, data.ListParties, "", 0, 50)
	for _, it := range list {
		if p, _, _ := s.Party(ctx, it.ID); p.Kind == "org" && p.CreditCode != "" {
			f.demo = append(f.demo, p)
		}
	}
	if len(f.demo) < 2 {
		t.Fatalf("the demo has %d organisations", len(f.demo))
	}
	return f
}

// creditCode makes a valid credit code from a number.
func creditCode(n int) string {
	first := fmt.Sprintf("91110105MA%07d", n)
	c, _ := ids.CreditCodeCheckChar(first)
	return first + string(c)
}

// book writes a case-ledger workbook with the template's headers and one row per map
// (column name → cell value: text, a number or a time.Time for a date cell).
func book(t *testing.T, rows ...map[string]any) string {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	sheet := caseimport.Spec.Sheet
	x.SetSheetName("Sheet1", sheet)
	header := make([]any, len(caseimport.Spec.Columns))
	for i, c := range caseimport.Spec.Columns {
		header[i] = workbook.HeaderText(c)
	}
	x.SetSheetRow(sheet, "A1", &header)
	dateStyle, _ := x.NewStyle(&excelize.Style{NumFmt: 14})
	for n, r := range rows {
		for i, c := range caseimport.Spec.Columns {
			v, ok := r[c.Name]
			if !ok {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(i+1, n+2)
			if err := x.SetCellValue(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
			if _, isDate := v.(time.Time); isDate {
				x.SetCellStyle(sheet, cell, cell, dateStyle)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "台账.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func day(s string) time.Time {
	t, _ := time.ParseInLocation("2006-01-02", s, time.Local)
	return t
}

// caseBySeq finds the case holding a number of the issuer's 2024 sequence.
func caseBySeq(t *testing.T, s *data.Store, issuer string, seq int) string {
	t.Helper()
	nums, err := s.Numbers(context.Background(), issuer, "应急罚", 2024)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range nums {
		if n.Seq == seq {
			return n.CaseID
		}
	}
	t.Fatalf("%s 2024 has no number %d: %+v", issuer, seq, nums)
	return ""
}

func TestALedgerImportsAndItsCasesContinueInTheApp(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	parties0, _ := f.store.AuditCount(ctx, "party")
	newOrg := creditCode(501)
	path := book(t,
		// A closed general-procedure case of a party in the ledger (found by its code; the
		// name in the file does not matter), with a tier.
		map[string]any{caseimport.FieldNumber: "青石镇应急罚〔2024〕5号", caseimport.FieldPartyName: "台账里的写法",
			caseimport.FieldCreditCode: f.demo[0].CreditCode, caseimport.FieldItem: "aq-05", caseimport.FieldTier: "三阶",
			caseimport.FieldDiscoveredOn: "2024-03-01", caseimport.FieldFiledOn: "2024/3/4", caseimport.FieldOfficers: "李明、张强",
			caseimport.FieldNoticeOn: "2024-03-11", caseimport.FieldProposedFine: "25000", caseimport.FieldDecidedOn: "2024年3月18日",
			caseimport.FieldOutcome: "罚款", caseimport.FieldFine: "25,000", caseimport.FieldServedOn: "2024-03-19",
			caseimport.FieldPublishedOn: "2024-03-20", caseimport.FieldPaidOn: "2024-03-25", caseimport.FieldPaid: "25000",
			caseimport.FieldClosedOn: "2024-03-26", caseimport.FieldNotes: "原台账第 5 号"},
		// Decided, not yet served: open. A new party; number and date cells as Excel keeps them.
		map[string]any{caseimport.FieldNumber: "青石镇应急罚〔2024〕7号", caseimport.FieldProcedure: "一般程序",
			caseimport.FieldPartyKind: "单位", caseimport.FieldPartyName: "青石镇新建五金厂", caseimport.FieldCreditCode: newOrg,
			caseimport.FieldLegalRep: "赵某", caseimport.FieldItem: "AQ-01", caseimport.FieldFiledOn: day("2024-11-01"),
			caseimport.FieldNoticeOn: day("2024-11-08"), caseimport.FieldProposedFine: 40000, caseimport.FieldDecidedOn: day("2024-11-20"),
			caseimport.FieldOutcome: "罚款", caseimport.FieldFine: 40000.000000000004, caseimport.FieldTitle: "未按规定开展安全培训"},
		// The same new party again, in the summary procedure, warned.
		map[string]any{caseimport.FieldNumber: "青石镇应急罚〔2024〕8号", caseimport.FieldProcedure: "简易程序",
			caseimport.FieldPartyName: "青石镇新建五金厂", caseimport.FieldCreditCode: newOrg, caseimport.FieldItem: "AQ-07",
			caseimport.FieldFiledOn: "2024-06-03", caseimport.FieldDecidedOn: "2024-06-03", caseimport.FieldOutcome: "警告",
			caseimport.FieldServedOn: "2024-06-03", caseimport.FieldClosedOn: "2024-06-04"},
		// A person, an entrusted item (the bureau's number), not penalised; the number is
		// the decision's own (应急不罚), which shares the case's sequence.
		map[string]any{caseimport.FieldNumber: "示范区应急不罚〔2024〕3号", caseimport.FieldPartyKind: "个人",
			caseimport.FieldPartyName: "王某某", caseimport.FieldIDNumber: "11010519491231002x", caseimport.FieldItem: "AQ-04",
			caseimport.FieldFiledOn: "2024-07-01", caseimport.FieldDecidedOn: "2024-07-15", caseimport.FieldOutcome: "首违不罚",
			caseimport.FieldServedOn: "2024-07-16", caseimport.FieldClosedOn: "2024-07-20"},
		// Just filed, numbered by its filing form.
		map[string]any{caseimport.FieldNumber: "青石镇应急立〔2024〕第9号", caseimport.FieldPartyName: f.demo[1].Name,
			caseimport.FieldCreditCode: f.demo[1].CreditCode, caseimport.FieldItem: "AQ-03", caseimport.FieldDiscoveredOn: "2024-12-18",
			caseimport.FieldFiledOn: "2024-12-20", caseimport.FieldOfficers: "李明, 张强"},
	)
	res, err := caseimport.Import(ctx, f.store, f.officer, path, f.today)
	if err != nil {
		var p *workbook.Problems
		if errors.As(err, &p) {
			t.Fatalf("refused: %v", p.List)
		}
		t.Fatal(err)
	}
	if res != (caseimport.Result{Cases: 5, NewParties: 2}) {
		t.Errorf("result %+v", res)
	}
	if n, _ := f.store.AuditCount(ctx, "party"); n-parties0 != 2 {
		t.Errorf("%d parties created, want 2", n-parties0)
	}

	svc := cases.New(f.store)
	load := func(id string) cases.View {
		t.Helper()
		v, err := svc.Load(ctx, id, f.today)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	type step struct {
		step  rules.Step
		on    string
		docNo string
	}
	timeline := func(v cases.View, want []step) {
		t.Helper()
		if len(v.Steps) != len(want) {
			t.Fatalf("%s: %d steps, want %d: %+v", v.Case.CaseNo, len(v.Steps), len(want), v.Steps)
		}
		for i, w := range want {
			s := v.Steps[i]
			if s.Event.Step != w.step || s.OccurredOn != w.on || s.Event.On.Format(data.DateLayout) != w.on || s.DocNo != w.docNo {
				t.Errorf("%s step %d: %s %s %q, want %s %s %q", v.Case.CaseNo, i, s.Event.Step, s.OccurredOn, s.DocNo, w.step, w.on, w.docNo)
			}
		}
	}

	closed := load(caseBySeq(t, f.store, "青石镇", 5))
	c := closed.Case
	if c.CaseNo != "青石镇应急罚〔2024〕5号" || c.Stage != "closing" || c.PartyID != f.demo[0].ID || c.Procedure != "general" ||
		c.Fine != 2500000 || c.Outcome != "fine" || c.TierOrdinal != 3 || c.DecidedOn != "2024-03-18" || c.ClosedOn != "2024-03-26" ||
		c.FiledOn != "2024-03-04" || c.DiscoveredOn != "2024-03-01" || c.NextDueOn != "" || c.Officers != "李明、张强" ||
		c.Title != closed.Item.Name || c.Notes != "原台账第 5 号" || c.IssuingBody != "青石镇" || c.Year != 2024 || c.Seq != 5 {
		t.Errorf("closed case: %+v", c)
	}
	timeline(closed, []step{
		{rules.StepFiled, "2024-03-04", "青石镇应急立〔2024〕5号"},
		{rules.StepNotice, "2024-03-11", "青石镇应急罚告〔2024〕5号"},
		{rules.StepDecision, "2024-03-18", "青石镇应急罚〔2024〕5号"},
		{rules.StepService, "2024-03-19", ""},
		{rules.StepPublication, "2024-03-20", ""},
		{rules.StepPayment, "2024-03-25", ""},
		{rules.StepClosing, "2024-03-26", "青石镇应急结〔2024〕5号"},
	})
	if ev := closed.Steps[2].Event; ev.Outcome != rules.OutcomeFine || ev.Fine != 2500000 {
		t.Errorf("decision payload %+v", ev)
	}
	if ev := closed.Steps[1].Event; ev.Outcome != rules.OutcomeFine || ev.Fine != 2500000 || ev.HearingOffered {
		t.Errorf("notice payload %+v", ev)
	}
	if ev := closed.Steps[5].Event; ev.Amount != 2500000 {
		t.Errorf("payment payload %+v", ev)
	}
	if ev := closed.Steps[0].Event; len(ev.Officers) != 2 || ev.Officers[1].Name != "张强" {
		t.Errorf("filing payload %+v", ev)
	}
	for _, d := range closed.Deadlines {
		if d.Status == rules.StatusOverdue {
			t.Errorf("the closed case has an overdue %s", d.Kind)
		}
	}

	open := load(caseBySeq(t, f.store, "青石镇", 7))
	c = open.Case
	if c.Stage != "decision" || c.Fine != 4000000 || c.Title != "未按规定开展安全培训" || open.Party.Name != "青石镇新建五金厂" ||
		open.Party.LegalRep != "赵某" || open.Party.CreditCode != newOrg || open.Item.Code != "AQ-01" {
		t.Errorf("open case: %+v, party %+v", c, open.Party)
	}
	// Decided on Wednesday 2024-11-20: served within 7 working days, by 2024-11-29.
	if c.NextDueOn != "2024-11-29" || c.NextDueKind != rules.DeadlineService {
		t.Errorf("open case next due %s %s", c.NextDueOn, c.NextDueKind)
	}
	timeline(open, []step{
		{rules.StepFiled, "2024-11-01", "青石镇应急立〔2024〕7号"},
		{rules.StepNotice, "2024-11-08", "青石镇应急听告〔2024〕7号"}, // 40,000 yuan: a hearing was offered
		{rules.StepDecision, "2024-11-20", "青石镇应急罚〔2024〕7号"},
	})

	summary := load(caseBySeq(t, f.store, "青石镇", 8))
	if summary.Case.Procedure != "summary" || summary.Case.Stage != "closing" || summary.Case.PartyID != open.Case.PartyID ||
		summary.Case.Outcome != "warning" || summary.Case.Fine != 0 {
		t.Errorf("summary case %+v", summary.Case)
	}
	timeline(summary, []step{
		{rules.StepFiled, "2024-06-03", "青石镇应急立〔2024〕8号"},
		{rules.StepDecision, "2024-06-03", "青石镇应急罚〔2024〕8号"},
		{rules.StepService, "2024-06-03", ""},
		{rules.StepClosing, "2024-06-04", "青石镇应急结〔2024〕8号"},
	})

	entrusted := load(caseBySeq(t, f.store, "示范区", 3))
	if entrusted.Case.CaseNo != "示范区应急罚〔2024〕3号" || entrusted.Party.Kind != "person" ||
		entrusted.Party.IDNumber != "11010519491231002X" || entrusted.Case.Outcome != string(rules.OutcomeNotPenalisedFirst) {
		t.Errorf("entrusted case %+v, party %+v", entrusted.Case, entrusted.Party)
	}
	if s := entrusted.Steps[1]; s.DocNo != "示范区应急不罚〔2024〕3号" || s.Event.Outcome != rules.OutcomeNotPenalisedFirst {
		t.Errorf("not-penalised decision %+v", s)
	}

	filed := load(caseBySeq(t, f.store, "青石镇", 9))
	if filed.Case.CaseNo != "青石镇应急罚〔2024〕9号" || filed.Case.Stage != "filed" || filed.Case.NextDueKind != rules.DeadlineDecide ||
		filed.Case.NextDueOn < "2025-01-19" || filed.Case.Officers != "李明、张强" {
		t.Errorf("filed case %+v", filed.Case)
	}

	// Cases filed afterwards take the next numbers of each issuer's sequence.
	items, _ := f.store.CatalogItemsInForce(ctx, "2024-12-30")
	byCode := map[string]string{}
	for _, it := range items {
		byCode[it.Code] = it.ID
	}
	officers := []rules.Officer{{Name: "李明", Certified: true}, {Name: "张强", Certified: true}}
	for _, want := range []struct{ item, no string }{{"AQ-05", "青石镇应急罚〔2024〕10号"}, {"AQ-04", "示范区应急罚〔2024〕青石4号"}} {
		id, err := svc.File(ctx, f.officer, cases.Filing{Procedure: rules.General, PartyID: f.demo[0].ID, ItemID: byCode[want.item],
			DiscoveredOn: day("2024-12-27"), FiledOn: day("2024-12-30"), Officers: officers})
		if err != nil {
			t.Fatal(err)
		}
		if c, _, _ := f.store.Case(ctx, id); c.CaseNo != want.no {
			t.Errorf("filed after the import: %s, want %s", c.CaseNo, want.no)
		}
	}
	// An imported open case goes on under the rules.
	if err := svc.Record(ctx, f.officer, open.Case.ID, rules.Event{Step: rules.StepService, On: day("2024-11-25")}); err != nil {
		t.Errorf("serving the imported decision: %v", err)
	}
	if err := svc.Record(ctx, f.officer, closed.Case.ID, rules.Event{Step: rules.StepService, On: day("2024-12-02")}); err == nil {
		t.Error("a step was recorded on an imported closed case")
	}
}

// good is a valid row: a closed case of the demo's first organisation.
func good(f fixture) map[string]any {
	return map[string]any{caseimport.FieldNumber: "青石镇应急罚〔2024〕30号", caseimport.FieldPartyName: f.demo[0].Name,
		caseimport.FieldCreditCode: f.demo[0].CreditCode, caseimport.FieldItem: "AQ-05", caseimport.FieldTier: "3",
		caseimport.FieldFiledOn: "2024-03-04", caseimport.FieldNoticeOn: "2024-03-11", caseimport.FieldProposedFine: "25000",
		caseimport.FieldDecidedOn: "2024-03-18", caseimport.FieldOutcome: "罚款", caseimport.FieldFine: "25000",
		caseimport.FieldServedOn: "2024-03-19", caseimport.FieldPublishedOn: "2024-03-20", caseimport.FieldPaidOn: "2024-03-25",
		caseimport.FieldPaid: "25000", caseimport.FieldClosedOn: "2024-03-26"}
}

// with changes a row: a nil value empties the cell.
func with(r map[string]any, changes map[string]any) map[string]any {
	out := maps.Clone(r)
	for k, v := range changes {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

func TestRefusalsNameRowAndColumnAndStoreNothing(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	// A voided number of 2022.
	err := f.store.Write(ctx, data.System, func(tx *data.Tx) error {
		seq, err := tx.TakeNumber("青石镇", "应急罚", 2022, "")
		if err != nil {
			return err
		}
		return tx.VoidNumber("青石镇", "应急罚", 2022, seq, "误取")
	})
	if err != nil {
		t.Fatal(err)
	}
	tables := []string{"party", "case_file", "case_event", "case_number"}
	counts := func() map[string]int {
		out := map[string]int{}
		for _, tb := range tables {
			out[tb], _ = f.store.AuditCount(ctx, tb)
		}
		return out
	}
	before := counts()
	g := good(f)
	noDecision := map[string]any{caseimport.FieldNoticeOn: nil, caseimport.FieldProposedFine: nil, caseimport.FieldDecidedOn: nil,
		caseimport.FieldOutcome: nil, caseimport.FieldFine: nil, caseimport.FieldServedOn: nil, caseimport.FieldPublishedOn: nil,
		caseimport.FieldPaidOn: nil, caseimport.FieldPaid: nil, caseimport.FieldClosedOn: nil}
	person := with(g, map[string]any{caseimport.FieldPartyKind: "个人", caseimport.FieldPartyName: "李某",
		caseimport.FieldCreditCode: nil, caseimport.FieldIDNumber: "360426199101010071"})
	cases := []struct {
		name   string
		rows   []map[string]any
		row    int
		column string
		key    string
	}{
		{"number malformed", []map[string]any{with(g, map[string]any{caseimport.FieldNumber: "青石镇应急罚2024年30号"})},
			2, "案号", rules.KeyNumberInvalid},
		{"number with an unknown code", []map[string]any{with(g, map[string]any{caseimport.FieldNumber: "青石镇应急查〔2024〕30号"})},
			2, "案号", rules.KeyNumberCode},
		{"number twice in the file", []map[string]any{g, with(g, map[string]any{caseimport.FieldNumber: "青石镇应急结〔2024〕30号"})},
			3, "案号", workbook.KeyDuplicate},
		{"number used by a demo case", []map[string]any{with(g, map[string]any{caseimport.FieldNumber: "青石镇应急罚〔2023〕1号"})},
			2, "案号", caseimport.KeyNumberTaken},
		{"number voided", []map[string]any{with(g, map[string]any{caseimport.FieldNumber: "青石镇应急罚〔2022〕1号"})},
			2, "案号", caseimport.KeyNumberVoided},
		{"issuer of another body", []map[string]any{with(g, map[string]any{caseimport.FieldItem: "AQ-04", caseimport.FieldTier: nil})},
			2, "案号", caseimport.KeyIssuer},
		{"unknown item", []map[string]any{with(g, map[string]any{caseimport.FieldItem: "AQ-99"})},
			2, "事项编码", caseimport.KeyItemUnknown},
		{"item not yet in force", []map[string]any{with(g, with(noDecision, map[string]any{caseimport.FieldFiledOn: "2021-06-01",
			caseimport.FieldNumber: "青石镇应急罚〔2021〕3号"}))}, 2, "事项编码", caseimport.KeyItemNotInForce},
		{"unknown tier", []map[string]any{with(g, map[string]any{caseimport.FieldTier: "九阶"})},
			2, "裁量阶次", caseimport.KeyTierUnknown},
		{"notice before filing", []map[string]any{with(g, map[string]any{caseimport.FieldNoticeOn: "2024-03-01"})},
			2, "告知日期", caseimport.KeyDateOrder},
		{"filing before discovery", []map[string]any{with(g, map[string]any{caseimport.FieldDiscoveredOn: "2024-03-05"})},
			2, "立案日期", caseimport.KeyDateOrder},
		{"service before the decision", []map[string]any{with(g, map[string]any{caseimport.FieldServedOn: "2024-03-15"})},
			2, "送达日期", caseimport.KeyDateOrder},
		{"closing before payment", []map[string]any{with(g, map[string]any{caseimport.FieldClosedOn: "2024-03-22"})},
			2, "结案日期", caseimport.KeyDateOrder},
		{"publication before the decision", []map[string]any{with(g, map[string]any{caseimport.FieldPublishedOn: "2024-03-17"})},
			2, "公示日期", caseimport.KeyDateOrder},
		{"legal review after the decision", []map[string]any{with(g, map[string]any{caseimport.FieldReviewedOn: "2024-03-19"})},
			2, "法制审核日期", caseimport.KeyAfterDecision},
		{"hearing before the notice", []map[string]any{with(g, map[string]any{caseimport.FieldHearingOn: "2024-03-08"})},
			2, "听证日期", caseimport.KeyDateOrder},
		{"collective discussion in a summary case", []map[string]any{with(g, map[string]any{caseimport.FieldProcedure: "简易程序",
			caseimport.FieldDiscussedOn: "2024-03-15"})}, 2, "集体讨论日期", caseimport.KeySummaryStep},
		{"a step in the future", []map[string]any{with(g, map[string]any{caseimport.FieldClosedOn: "2025-01-06"})},
			2, "结案日期", caseimport.KeyFuture},
		{"decision without outcome", []map[string]any{with(g, with(noDecision, map[string]any{caseimport.FieldDecidedOn: "2024-03-18"}))},
			2, "处理结果", caseimport.KeyNoOutcome},
		{"outcome without decision date", []map[string]any{with(g, map[string]any{caseimport.FieldDecidedOn: nil,
			caseimport.FieldServedOn: nil, caseimport.FieldPublishedOn: nil, caseimport.FieldPaidOn: nil, caseimport.FieldPaid: nil,
			caseimport.FieldClosedOn: nil})}, 2, "决定日期", caseimport.KeyNoDecisionDate},
		{"service without decision", []map[string]any{with(g, with(noDecision, map[string]any{caseimport.FieldServedOn: "2024-03-19"}))},
			2, "送达日期", caseimport.KeyNeedsDecision},
		{"fine without amount", []map[string]any{with(g, map[string]any{caseimport.FieldFine: nil, caseimport.FieldPaidOn: nil,
			caseimport.FieldPaid: nil})}, 2, "罚款金额（元）", caseimport.KeyFineMissing},
		{"warning with a fine", []map[string]any{with(g, map[string]any{caseimport.FieldOutcome: "警告", caseimport.FieldPaidOn: nil,
			caseimport.FieldPaid: nil})}, 2, "罚款金额（元）", caseimport.KeyFineNotExpected},
		{"fine outside the legal range", []map[string]any{with(g, map[string]any{caseimport.FieldTier: nil, caseimport.FieldProposedFine: nil,
			caseimport.FieldFine: "60000", caseimport.FieldPaid: "60000"})}, 2, "罚款金额（元）", rules.KeyFineLegalRange},
		{"fine outside the tier", []map[string]any{with(g, map[string]any{caseimport.FieldProposedFine: nil, caseimport.FieldFine: "35000",
			caseimport.FieldPaid: "35000"})}, 2, "罚款金额（元）", rules.KeyFineTierRange},
		{"proposed fine outside the tier", []map[string]any{with(g, map[string]any{caseimport.FieldProposedFine: "40000"})},
			2, "拟罚款金额（元）", rules.KeyFineTierRange},
		{"proposed fine without notice", []map[string]any{with(g, map[string]any{caseimport.FieldNoticeOn: nil})},
			2, "告知日期", caseimport.KeyNoNoticeDate},
		{"bad amount", []map[string]any{with(g, map[string]any{caseimport.FieldFine: "两万五"})},
			2, "罚款金额（元）", "casefile.amount.invalid"},
		{"payment date without amount", []map[string]any{with(g, map[string]any{caseimport.FieldPaid: nil})},
			2, "缴款金额（元）", caseimport.KeyPaymentAmount},
		{"amount paid without date", []map[string]any{with(g, map[string]any{caseimport.FieldPaidOn: nil})},
			2, "缴款日期", caseimport.KeyNoPaymentDate},
		{"payment without a fine", []map[string]any{with(g, map[string]any{caseimport.FieldOutcome: "警告", caseimport.FieldFine: nil,
			caseimport.FieldProposedFine: nil})}, 2, "缴款日期", caseimport.KeyNothingToPay},
		{"bad credit code", []map[string]any{with(g, map[string]any{caseimport.FieldCreditCode: "91110000600037341K"})},
			2, "统一社会信用代码", ids.KeyCreditCheck},
		{"bad ID number", []map[string]any{with(person, map[string]any{caseimport.FieldIDNumber: "360426199101010072"})},
			2, "身份证号码", ids.KeyIDCheck},
		{"a person with a credit code", []map[string]any{with(person, map[string]any{caseimport.FieldCreditCode: creditCode(7)})},
			2, "统一社会信用代码", "parties.credit_code.person"},
		{"no identifier", []map[string]any{with(g, map[string]any{caseimport.FieldCreditCode: nil})},
			2, "统一社会信用代码", caseimport.KeyPartyIdentifier},
		{"a new party named twice", []map[string]any{
			with(g, map[string]any{caseimport.FieldCreditCode: creditCode(8), caseimport.FieldPartyName: "甲厂"}),
			with(g, map[string]any{caseimport.FieldCreditCode: creditCode(8), caseimport.FieldPartyName: "乙厂",
				caseimport.FieldNumber: "青石镇应急罚〔2024〕31号"})}, 3, "当事人名称", caseimport.KeyPartyNameDiffer},
		{"party name missing", []map[string]any{with(g, map[string]any{caseimport.FieldPartyName: nil})},
			2, "当事人名称", workbook.KeyRequired},
		{"bad outcome", []map[string]any{with(g, map[string]any{caseimport.FieldOutcome: "没收"})},
			2, "处理结果", workbook.KeyChoice},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// A good row first, so the refusal concerns only the row under test.
			rows := append([]map[string]any{with(g, map[string]any{caseimport.FieldNumber: "青石镇应急罚〔2024〕40号"})}, tc.rows...)
			_, err := caseimport.Import(ctx, f.store, f.officer, book(t, rows...), f.today)
			var p *workbook.Problems
			if !errors.As(err, &p) {
				t.Fatalf("not refused with problems: %v", err)
			}
			if p.Count() != 1 {
				t.Errorf("%d problems, want 1: %v", p.Count(), p.List)
			}
			pr := p.List[0]
			if pr.Row != tc.row+1 || pr.Column != tc.column || pr.Key != tc.key {
				t.Errorf("problem at row %d %q: %s %v; want row %d %q %s", pr.Row, pr.Column, pr.Key, pr.Data, tc.row+1, tc.column, tc.key)
			}
			if got := problem.From(err).Key; got != workbook.KeyFailed {
				t.Errorf("summary key %s", got)
			}
		})
	}
	if after := counts(); !maps.Equal(before, after) {
		t.Errorf("refused imports stored something: %v → %v", before, after)
	}
	trainer := auth.Session{UserID: "u2", Roles: []auth.Role{auth.Trainer}}
	if _, err := caseimport.Import(ctx, f.store, trainer, book(t, g), f.today); problem.From(err).Key != "perm.denied" {
		t.Errorf("a trainer imported cases: %v", err)
	}
	// The good row alone imports.
	if res, err := caseimport.Import(ctx, f.store, f.officer, book(t, g), f.today); err != nil || res.Cases != 1 || res.NewParties != 0 {
		t.Errorf("the good row: %+v %v", res, err)
	}
}

func TestTemplateRoundTrip(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	path := filepath.Join(t.TempDir(), "模板.xlsx")
	if err := workbook.WriteTemplate(caseimport.Spec, path); err != nil {
		t.Fatal(err)
	}
	// The template holds only its example row, which is skipped.
	if _, err := caseimport.Import(ctx, f.store, f.officer, path, f.today); problem.From(err).Key != workbook.KeyEmpty {
		t.Errorf("the empty template: %v", err)
	}
	// Every example value reads back: the example row, renumbered, imports.
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	row := make([]any, len(caseimport.Spec.Example))
	for i, v := range caseimport.Spec.Example {
		row[i] = v
	}
	row[0] = "青石镇应急罚〔2024〕13号"
	x.SetSheetRow(caseimport.Spec.Sheet, "A3", &row)
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
	x.Close()
	if res, err := caseimport.Import(ctx, f.store, f.officer, path, f.today); err != nil || res != (caseimport.Result{Cases: 1, NewParties: 1}) {
		t.Errorf("the example row: %+v %v", res, err)
	}
}

// A ledger's legal reviews and collective discussions become the case's steps, so the period
// report counts them as it counts those entered in the app.
func TestDatedStepsCountInTheReport(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	row := with(good(f), map[string]any{caseimport.FieldReviewedOn: "2024-03-15", caseimport.FieldDiscussedOn: "2024-03-16"})
	if _, err := caseimport.Import(ctx, f.store, f.officer, book(t, row), f.today); err != nil {
		t.Fatal(err)
	}
	figs, err := f.store.ReportFigures(ctx, "2024-03-01", "2024-03-31")
	if err != nil {
		t.Fatal(err)
	}
	if figs.LegalReviews != 1 || figs.Collective != 1 || figs.Hearings != 0 || figs.Decided != 1 {
		t.Errorf("March 2024 figures %+v", figs)
	}
}
