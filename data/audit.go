package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// AuditEntry is one row of the audit log.
type AuditEntry struct {
	Seq      int64
	ID       string
	At       string
	UserID   string
	UserName string
	Action   string
	Entity   string
	EntityID string
	Before   string
	After    string
}

// AuditPage returns up to limit entries, newest first, older than beforeSeq (0 = newest).
func (s *Store) AuditPage(ctx context.Context, beforeSeq int64, limit int) ([]AuditEntry, error) {
	if beforeSeq <= 0 {
		beforeSeq = 1<<63 - 1
	}
	rows, err := s.query(ctx, `SELECT seq, id, at, user_id, user_name, action, entity, entity_id,
		COALESCE(before_json, ''), COALESCE(after_json, '')
		FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?`, beforeSeq, limit)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.Seq, &e.ID, &e.At, &e.UserID, &e.UserName, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After); err != nil {
			return nil, fmt.Errorf("read audit log: %w", s.wrap(err))
		}
		out = append(out, e)
	}
	return out, s.wrap(rows.Err())
}

// AuditCount counts audit rows, optionally for one entity (table) only.
func (s *Store) AuditCount(ctx context.Context, entity string) (int, error) {
	var n int
	err := s.queryRow(ctx, []any{&n}, `SELECT COUNT(*) FROM audit_log WHERE ? = '' OR entity = ?`, entity, entity)
	if err != nil {
		return 0, fmt.Errorf("count audit rows: %w", err)
	}
	return n, nil
}

// ChainBreak says where the audit chain stops matching its hashes.
type ChainBreak struct {
	Seq    int64
	Reason string
}

// VerifyAudit recomputes the audit hash chain row by row (streamed, so it works at any size)
// and returns the first break, or nil when every row is intact, with the number of rows
// read — all of them, also those after a break.
func (s *Store) VerifyAudit(ctx context.Context) (*ChainBreak, int64, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("read audit log: %w", s.wrap(err))
	}
	defer tx.Rollback()
	chain := chainCheck{prev: genesisHash}
	var n int64
	err = snap{s: s, tx: tx}.walkAudit(ctx, func(r auditRow) error {
		n++
		chain.add(r)
		return nil
	})
	return chain.broken, n, err
}

func rawOrNull(s sql.NullString) json.RawMessage {
	if !s.Valid || s.String == "" {
		return json.RawMessage("null")
	}
	return json.RawMessage(s.String)
}
