package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Outbox states: pending waits for its next try, sending is being tried by some process,
// failed needs a person (a wrong password, a refused message) before it is tried again, sent
// was accepted by the mail server.
const (
	OutboxPending = "pending"
	OutboxSending = "sending" // held by a process until next_try_at; free again after
	OutboxFailed  = "failed"
	OutboxSent    = "sent"
)

// OutboxItem is one report waiting to be mailed, or mailed.
type OutboxItem struct {
	Export    ExportRecord
	State     string
	Attempts  int
	LastError string
	NextTryAt string // TimeLayout; "" once sent
}

// ErrAlreadyQueued refuses a second outbox entry for an export version: one version is
// mailed at most once.
var ErrAlreadyQueued = errors.New("this export version is already in the outbox")

// QueueExport puts an exported version in the outbox under messageID, to be tried at once.
func (t *Tx) QueueExport(exportID, messageID string) error {
	var n int
	if err := t.tx.QueryRowContext(t.ctx, `SELECT COUNT(*) FROM outbox WHERE export_id = ?`, exportID).Scan(&n); err != nil {
		return fmt.Errorf("outbox: %w", t.s.wrap(err))
	}
	if n > 0 {
		return ErrAlreadyQueued
	}
	if err := t.update("export_record", exportID, Row{"state": ExportQueued, "message_id": messageID}); err != nil {
		return err
	}
	_, err := t.insert("outbox", Row{"export_id": exportID, "state": OutboxPending, "next_try_at": t.at})
	return err
}

const outboxCols = `o.state, o.attempts, o.last_error, COALESCE(o.next_try_at, '')`

// scanOutbox reads outbox entries with their exports and closes rows.
func scanOutbox(rows *sql.Rows) ([]OutboxItem, error) {
	defer rows.Close()
	var out []OutboxItem
	for rows.Next() {
		var o OutboxItem
		var err error
		if o.Export, err = scanExport(rows, &o.State, &o.Attempts, &o.LastError, &o.NextTryAt); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// Outbox lists every outbox entry with its export, newest first.
func (s *Store) Outbox(ctx context.Context) ([]OutboxItem, error) {
	rows, err := s.query(ctx, `SELECT `+exportCols+`, `+outboxCols+`
		FROM outbox o JOIN export_record e ON e.id = o.export_id
		WHERE o.deleted_at IS NULL ORDER BY o.created_at DESC`)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	items, err := scanOutbox(rows)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", s.wrap(err))
	}
	return items, nil
}

// ClaimOutbox takes the pending entries due by the transaction's time, and entries whose
// sender's hold has run out (it stopped half-way), and holds them until leaseUntil
// (TimeLayout), counting an attempt: another process (the window and a scheduled send) then
// skips them, so no message goes out twice at once.
func (t *Tx) ClaimOutbox(leaseUntil string) ([]OutboxItem, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT `+exportCols+`, `+outboxCols+`
		FROM outbox o JOIN export_record e ON e.id = o.export_id
		WHERE o.deleted_at IS NULL AND o.state IN (?, ?) AND o.next_try_at <= ? ORDER BY o.created_at`,
		OutboxPending, OutboxSending, t.at)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", t.s.wrap(err))
	}
	items, err := scanOutbox(rows)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", t.s.wrap(err))
	}
	for i := range items {
		items[i].Attempts++
		items[i].State, items[i].NextTryAt = OutboxSending, leaseUntil
		if err := t.updateOutbox(items[i].Export.ID, Row{"state": OutboxSending, "attempts": items[i].Attempts,
			"next_try_at": leaseUntil}); err != nil {
			return nil, err
		}
	}
	return items, nil
}

// outboxEntry finds an export's live outbox entry: its id and state.
func (t *Tx) outboxEntry(exportID string) (id, state string, err error) {
	err = t.tx.QueryRowContext(t.ctx, `SELECT id, state FROM outbox WHERE export_id = ? AND deleted_at IS NULL`, exportID).
		Scan(&id, &state)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", &Error{Kind: ErrNotFound, Err: fmt.Errorf("outbox entry of export %s", exportID)}
	}
	if err != nil {
		return "", "", fmt.Errorf("outbox: %w", t.s.wrap(err))
	}
	return id, state, nil
}

func (t *Tx) updateOutbox(exportID string, changes Row) error {
	id, _, err := t.outboxEntry(exportID)
	if err != nil {
		return err
	}
	return t.update("outbox", id, changes)
}

// waiting says whether an entry waits for a try or a person, rather than being sent.
func waiting(state string) bool { return state == OutboxPending || state == OutboxFailed }

// OutboxSent records that the mail server accepted the export's message.
func (t *Tx) OutboxSent(exportID string) error {
	if err := t.updateOutbox(exportID, Row{"state": OutboxSent, "last_error": "", "next_try_at": nil}); err != nil {
		return err
	}
	return t.update("export_record", exportID, Row{"state": ExportSent, "sent_at": t.at})
}

// OutboxFailed records a failed try: pending again at nextTry when a later try may work,
// failed (waiting for a person) when nextTry is "". The export stays queued either way.
func (t *Tx) OutboxFailed(exportID, message, nextTry string) error {
	state, next := OutboxPending, any(nextTry)
	if nextTry == "" {
		state, next = OutboxFailed, nil
	}
	return t.updateOutbox(exportID, Row{"state": state, "last_error": message, "next_try_at": next})
}

// RetryOutbox makes every failed or waiting entry due at once (after a person mended the mail
// settings); entries being sent by a process are left to it.
func (t *Tx) RetryOutbox() (int, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT id FROM outbox WHERE deleted_at IS NULL AND state IN (?, ?)`,
		OutboxFailed, OutboxPending)
	if err != nil {
		return 0, fmt.Errorf("outbox: %w", t.s.wrap(err))
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, fmt.Errorf("outbox: %w", t.s.wrap(err))
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		if err := t.update("outbox", id, Row{"state": OutboxPending, "next_try_at": t.at}); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// RetryExportNow makes one export's entry due at once when it waits or failed (a person asked
// to send it); an entry being sent by a process is left to it.
func (t *Tx) RetryExportNow(exportID string) error {
	id, state, err := t.outboxEntry(exportID)
	if err != nil || !waiting(state) {
		return err
	}
	return t.update("outbox", id, Row{"state": OutboxPending, "next_try_at": t.at})
}

// ErrBeingSent refuses to withdraw an entry a process is sending right now.
var ErrBeingSent = errors.New("this export version is being sent")

// WithdrawExport takes a waiting or failed version out of the outbox, unsent, when a newer
// version replaces it; its history line goes back to exported.
func (t *Tx) WithdrawExport(exportID string) error {
	id, state, err := t.outboxEntry(exportID)
	if err != nil {
		return err
	}
	if !waiting(state) {
		return ErrBeingSent
	}
	if err := t.softDelete("outbox", id); err != nil {
		return err
	}
	return t.update("export_record", exportID, Row{"state": ExportExported})
}

// Acknowledge records the district's reply to a sent export.
func (t *Tx) Acknowledge(exportID string) error {
	return t.update("export_record", exportID, Row{"state": ExportAcknowledged, "acked_at": t.at})
}
