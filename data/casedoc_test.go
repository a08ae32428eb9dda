package data

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"testing"
)

// TestCaseDocumentIsKeptAsServed: a produced document is kept with its hash and read back
// whole; listing leaves the file out; the audit log names the file by its hash without
// copying it; a file swapped afterwards in the database is found by the log check.
func TestCaseDocumentIsKeptAsServed(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	pdf := []byte("%PDF-1.4 行政处罚决定书 " + strings.Repeat("x", 1000))
	var caseID, docID string
	err := s.Write(ctx, alice, func(tx *Tx) error {
		pid, err := tx.InsertParty(Party{Kind: "org", Name: "青石机械厂", CreditCode: "91110000600037341L"})
		if err != nil {
			return err
		}
		if caseID, err = tx.InsertCase(Case{Procedure: "general", PartyID: pid, Stage: "decision", CaseNo: "测试应急罚〔2024〕1号"}); err != nil {
			return err
		}
		docID, err = tx.InsertCaseDocument(CaseDocument{CaseID: caseID, Step: "decision", Kind: "decision",
			Title: "行政处罚决定书（单位）", DocNo: "测试应急罚〔2024〕1号", DocDate: "2024-03-20", Pages: 1, Content: pdf})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(pdf)
	got, err := s.CaseDocumentContent(ctx, docID)
	if err != nil || string(got.Content) != string(pdf) || got.SHA256 != hex.EncodeToString(sum[:]) || got.ByName == "" ||
		got.Size != int64(len(pdf)) || got.Texts != "{}" {
		got.Content = nil
		t.Fatalf("read back %+v, %v", got, err)
	}
	list, err := s.CaseDocuments(ctx, caseID)
	if err != nil || len(list) != 1 || list[0].Content != nil || list[0].Title != "行政处罚决定书（单位）" {
		t.Fatalf("listed %+v, %v", list, err)
	}
	if id, err := s.CaseIDByNumber(ctx, "测试应急罚〔2024〕1号"); err != nil || id != caseID {
		t.Errorf("case by number: %q, %v", id, err)
	}
	if id, err := s.CaseIDByNumber(ctx, "测试应急罚〔2024〕2号"); err != nil || id != "" {
		t.Errorf("no case by another number: %q, %v", id, err)
	}
	if err := s.Write(ctx, alice, func(tx *Tx) error {
		_, err := tx.InsertCaseDocument(CaseDocument{CaseID: caseID, Step: "decision", Kind: "decision", Title: "x", Pages: 1})
		return err
	}); err == nil {
		t.Error("an empty file was kept")
	}
	entries, err := s.AuditPage(ctx, 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	logged := false
	for _, e := range entries {
		if e.Entity == "case_document" {
			logged = true
			if strings.Contains(e.After, "%PDF") || !strings.Contains(e.After, hex.EncodeToString(sum[:])) {
				t.Errorf("the audit row copies the file or lacks its hash: %s", e.After)
			}
		}
	}
	if !logged {
		t.Fatal("keeping a document wrote no audit row")
	}
	if c, err := s.CheckLog(ctx); err != nil || !c.OK() {
		t.Fatalf("log check before tampering: %+v, %v", c, err)
	}

	// Another file put in its place behind the program's back.
	db := rawDB(t, s.Path())
	if _, err := db.Exec(`UPDATE case_document SET content = ? WHERE id = ?`, []byte("%PDF-1.4 forged"), docID); err != nil {
		t.Fatal(err)
	}
	c, err := s.CheckLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := slices.ContainsFunc(c.Findings, func(f Finding) bool {
		return f.Kind == Differs && f.Table == "case_document" && f.ID == docID && f.Case == "测试应急罚〔2024〕1号"
	})
	if !found {
		t.Errorf("the swapped file is not found: %+v", c.Findings)
	}
}
