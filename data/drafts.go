package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Draft is a form's unsaved contents.
type Draft struct {
	Body    string // JSON
	SavedAt time.Time
}

// PutDraft keeps a form's unsaved contents for a user, replacing the previous draft. Drafts
// bypass Write: they are scratch, not records, and auditing every keystroke would bury the
// audit log.
func (s *Store) PutDraft(ctx context.Context, userID, form, recordID, body string, at time.Time) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO draft (user_id, form, record_id, body, saved_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (user_id, form, record_id) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at`,
		userID, form, recordID, body, at.UTC().Format(time.RFC3339))
	if err != nil {
		return fmt.Errorf("keep the draft of %s: %w", form, s.wrap(err))
	}
	return nil
}

// GetDraft reads a user's draft of a form, if there is one.
func (s *Store) GetDraft(ctx context.Context, userID, form, recordID string) (Draft, bool, error) {
	var d Draft
	var at string
	err := s.r.QueryRowContext(ctx, `SELECT body, saved_at FROM draft WHERE user_id = ? AND form = ? AND record_id = ?`,
		userID, form, recordID).Scan(&d.Body, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Draft{}, false, nil
	}
	if err != nil {
		return Draft{}, false, fmt.Errorf("read the draft of %s: %w", form, s.wrap(err))
	}
	d.SavedAt, _ = time.Parse(time.RFC3339, at)
	return d, true, nil
}

// DeleteDraft drops a user's draft of a form (saved or discarded).
func (s *Store) DeleteDraft(ctx context.Context, userID, form, recordID string) error {
	if _, err := s.w.ExecContext(ctx, `DELETE FROM draft WHERE user_id = ? AND form = ? AND record_id = ?`,
		userID, form, recordID); err != nil {
		return fmt.Errorf("drop the draft of %s: %w", form, s.wrap(err))
	}
	return nil
}
