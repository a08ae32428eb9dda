package casedoc_test

import (
	"context"
	"testing"

	"townledger/app/casedoc"
)

// decidedCase is a demo case with a decision and the most steps recorded.
func decidedCase(b testing.TB, svc casedoc.Service, ids []string) string {
	b.Helper()
	best, most := "", 0
	for _, id := range ids {
		es, err := svc.Entries(context.Background(), id, demoDay)
		if err != nil {
			b.Fatal(err)
		}
		for _, e := range es {
			if e.Kind == casedoc.KindDecision && len(es) > most {
				best, most = id, len(es)
			}
		}
	}
	if best == "" {
		b.Fatal("no decided demo case")
	}
	return best
}

// BenchmarkDecision makes one 行政处罚决定书 from the ledger to PDF bytes: read the case,
// fill in the wording, lay it out, embed the font subset. Target: 200 ms.
func BenchmarkDecision(b *testing.B) {
	_, svc, ids := demo(b)
	id := decidedCase(b, svc, ids)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		d, err := svc.Build(ctx, id, casedoc.KindDecision, casedoc.Texts{}, demoDay)
		if err != nil {
			b.Fatal(err)
		}
		pdf, err := casedoc.Render([]casedoc.Document{d}, demoDay)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(pdf)))
	}
}

// BenchmarkDossier makes the whole 案卷 of the demo case with the most steps: cover, index
// and every document. Target: 2 s.
func BenchmarkDossier(b *testing.B) {
	_, svc, ids := demo(b)
	id := decidedCase(b, svc, ids)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		pdf, err := svc.Dossier(ctx, id, demoDay)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(pdf)))
	}
}
