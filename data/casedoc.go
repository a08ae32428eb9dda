package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
)

// The case documents' table is audited like every other record: its rows enter the log
// (the PDF by its hash only) and verify replays them. It is registered here, beside its
// queries, so the table and its audit come and go together.
func init() {
	AuditedTables = append(AuditedTables, "case_document")
	labelColumns["case_document"] = "title"
}

// CaseDocument is a 执法文书 produced for a case: the PDF as served, with its hash. Content is
// read only by CaseDocumentContent.
type CaseDocument struct {
	ID        string
	CaseID    string
	EventID   string // the step it was produced for, "" for one made before its step
	Step      string
	Kind      string // which document (app/casedoc)
	Title     string
	DocNo     string
	DocDate   string // the date it carries, YYYY-MM-DD
	Pages     int
	Size      int64
	SHA256    string // hex
	Texts     string // JSON of the free texts it was produced with
	CreatedAt string
	CreatedBy string // user id
	ByName    string // the user's display name, when read back
	Content   []byte
}

// InsertCaseDocument keeps a produced document; its size and SHA-256 are computed here. The
// audit row names the file and its hash but never holds its content.
func (t *Tx) InsertCaseDocument(d CaseDocument) (string, error) {
	if len(d.Content) == 0 {
		return "", errors.New("keep a case document: the file is empty")
	}
	sum := sha256.Sum256(d.Content)
	if d.Texts == "" {
		d.Texts = "{}"
	}
	row := Row{"case_id": d.CaseID, "event_id": nullIfEmpty(d.EventID), "step": d.Step, "kind": d.Kind,
		"title": d.Title, "doc_no": d.DocNo, "doc_date": d.DocDate, "pages": d.Pages,
		"size": int64(len(d.Content)), "sha256": hex.EncodeToString(sum[:]), "texts": d.Texts}
	full := Row{"content": d.Content}
	for k, v := range row {
		full[k] = v
	}
	return t.insertAuditing("case_document", full, row)
}

const caseDocCols = `d.id, d.case_id, COALESCE(d.event_id, ''), d.step, d.kind, d.title, d.doc_no, d.doc_date,
	d.pages, d.size, d.sha256, d.texts, d.created_at, d.created_by, COALESCE(u.display_name, u.username, d.created_by)`

func scanCaseDoc(sc interface{ Scan(...any) error }) (CaseDocument, error) {
	var d CaseDocument
	err := sc.Scan(&d.ID, &d.CaseID, &d.EventID, &d.Step, &d.Kind, &d.Title, &d.DocNo, &d.DocDate, &d.Pages,
		&d.Size, &d.SHA256, &d.Texts, &d.CreatedAt, &d.CreatedBy, &d.ByName)
	return d, err
}

// CaseDocuments lists a case's kept documents, oldest first, without their content.
func (s *Store) CaseDocuments(ctx context.Context, caseID string) ([]CaseDocument, error) {
	rows, err := s.query(ctx, `SELECT `+caseDocCols+` FROM case_document d LEFT JOIN app_user u ON u.id = d.created_by
		WHERE d.case_id = ? AND d.deleted_at IS NULL ORDER BY d.created_at, d.rowid`, caseID)
	if err != nil {
		return nil, fmt.Errorf("case documents: %w", err)
	}
	defer rows.Close()
	var out []CaseDocument
	for rows.Next() {
		d, err := scanCaseDoc(rows)
		if err != nil {
			return nil, fmt.Errorf("case documents: %w", s.wrap(err))
		}
		out = append(out, d)
	}
	return out, s.wrap(rows.Err())
}

// CaseDocumentContent reads a kept document with its PDF.
func (s *Store) CaseDocumentContent(ctx context.Context, id string) (CaseDocument, error) {
	row := s.r.QueryRowContext(ctx, `SELECT `+caseDocCols+`, d.content FROM case_document d
		LEFT JOIN app_user u ON u.id = d.created_by WHERE d.id = ? AND d.deleted_at IS NULL`, id)
	var d CaseDocument
	err := row.Scan(&d.ID, &d.CaseID, &d.EventID, &d.Step, &d.Kind, &d.Title, &d.DocNo, &d.DocDate, &d.Pages,
		&d.Size, &d.SHA256, &d.Texts, &d.CreatedAt, &d.CreatedBy, &d.ByName, &d.Content)
	if errors.Is(err, sql.ErrNoRows) {
		return CaseDocument{}, &Error{Kind: ErrNotFound, Err: fmt.Errorf("case document %s", id)}
	}
	if err != nil {
		return CaseDocument{}, fmt.Errorf("read case document: %w", s.wrap(err))
	}
	return d, nil
}

// CaseIDByNumber finds a live case by its number as stored; "" when none has it.
func (s *Store) CaseIDByNumber(ctx context.Context, caseNo string) (string, error) {
	var id string
	err := s.queryRow(ctx, []any{&id}, `SELECT id FROM case_file WHERE case_no = ? AND deleted_at IS NULL`, caseNo)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("find case %s: %w", caseNo, err)
	}
	return id, nil
}
