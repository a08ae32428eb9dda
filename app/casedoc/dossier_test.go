package casedoc_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"townledger/app/casedoc"
	"townledger/app/settings"
)

// TestDossierHoldsTheCopiesServed: a document produced and served is in the 案卷 as it was,
// even after the office's texts changed; the documents never produced are made afresh.
func TestDossierHoldsTheCopiesServed(t *testing.T) {
	tool(t, "pdftotext")
	s, svc, ids := demo(t)
	ctx := context.Background()
	id := decidedCase(t, svc, ids)
	served := office
	served.Bank = "甲银行青石支行"
	if err := settings.SetDocTexts(ctx, s, admin(), served); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Produce(ctx, admin(), id, casedoc.KindDecision, casedoc.Texts{}, demoDay); err != nil {
		t.Fatal(err)
	}
	later := office
	later.Bank = "乙银行青石支行"
	if err := settings.SetDocTexts(ctx, s, admin(), later); err != nil {
		t.Fatal(err)
	}
	pdf, err := svc.Dossier(ctx, id, demoDay)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "dossier.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, path)
	if !strings.Contains(text, "甲银行青石支行") || strings.Contains(text, "乙银行青石支行") {
		t.Errorf("the 案卷 does not hold the decision as served:\n%s", text)
	}
	for _, w := range []string{"卷内目录", "立案审批表", "送达回执", "行政处罚决定书"} {
		if !strings.Contains(text, w) {
			t.Errorf("%q missing from the 案卷", w)
		}
	}
	checkPages(t, path)
	checkFonts(t, path)
}
