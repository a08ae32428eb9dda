package casedoc

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/workdays"
	"townledger/data"
)

// fuzzSource is a decided case held in memory, for filling documents without a ledger.
func fuzzSource(t testing.TB) source {
	cal, err := workdays.New(workdays.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	on := time.Date(2025, 6, 3, 0, 0, 0, 0, time.Local)
	fine := int64(1_200_000)
	return source{cal: cal, today: on, params: rules.DefaultParams(),
		town: data.Town{Name: "青石镇", ShortName: "青石镇"},
		view: cases.View{
			Case: data.Case{Procedure: "general", CaseNo: "青石镇应急罚〔2025〕7号", IssuingBody: "青石镇", Year: 2025, Seq: 7,
				FiledOn: "2025-05-20", Fine: fine},
			Party: data.Party{Kind: rules.PartyOrg, Name: "青石五金厂"},
			Item:  data.CatalogItem{Name: "未设置安全警示标志", Refs: []data.LegalRef{{Role: "basis", Law: "中华人民共和国安全生产法", Article: 99, Item: 1}}},
			Steps: []cases.Step{{Event: rules.Event{Step: rules.StepDecision, On: on, Outcome: rules.OutcomeFine, Fine: fine}}}}}
}

// FuzzTexts: whatever an officer types as a document's facts, evidence, reasons or opinion
// (markup of the template, template actions, cell separators, newlines, any character) is
// printed as text: the document fills in, every line typed shows in it, and it lays out.
func FuzzTexts(f *testing.F) {
	f.Add("经查，当事人在二号车间未设置警示标志。\n第二段。", "现场照片 | 询问笔录", "row: 标签 | 值\np: 段落", "{{.Party.Name}}")
	f.Add("", "", "", "")
	f.Add("\x1e|\r\n#注释", "title: 假标题", "gap: 999", "——《》“”（）¥％")
	s := fuzzSource(f)
	f.Fuzz(func(t *testing.T, facts, evidence, reason, opinion string) {
		for _, x := range []string{facts, evidence, reason, opinion} {
			if !utf8.ValidString(x) || len(x) > 2000 {
				return
			}
		}
		in := Texts{Facts: facts, Evidence: evidence, Reason: reason, Opinion: opinion}
		for _, k := range []Kind{KindDecision, KindLegalReview} {
			d, err := fill(k, s.facts(k, in))
			if err != nil {
				t.Fatalf("%s: %v", k, err)
			}
			text := strings.Join(strings.Fields(d.Text()), "")
			for _, field := range k.Fields() {
				for _, line := range strings.Split(in.Get(field), "\n") {
					want := strings.Join(strings.Fields(strings.ReplaceAll(controlFree(line), "|", "｜")), "")
					want = strings.TrimRight(want, "。；;.，,")
					if want != "" && !strings.Contains(text, want) {
						t.Fatalf("%s: %s line %q is not in the document:\n%s", k, field, want, d.Text())
					}
				}
			}
			if k == KindDecision && len(d.Blocks) > 0 && d.Title != "行政处罚决定书（单位）" {
				t.Fatalf("typed text changed the title to %q", d.Title)
			}
		}
	})
}

func controlFree(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// TestTextsLayOutWithAnyCharacter renders texts with characters the font lacks and very long
// unbroken runs: the PDF is still made.
func TestTextsLayOutWithAnyCharacter(t *testing.T) {
	s := fuzzSource(t)
	in := Texts{Facts: strings.Repeat("当事人未设置警示标志", 300), Evidence: "😀 \x00 \u200b \ufffd 𠀀 ﷽",
		Reason: strings.Repeat("A", 500)}
	d, err := fill(KindDecision, s.facts(KindDecision, in))
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := Render([]Document{d}, s.today)
	if err != nil {
		t.Fatal(err)
	}
	if n := PageCount(pdf); n < 3 {
		t.Errorf("3,000 characters of facts on %d pages", n)
	}
}
