// Package drafts keeps what someone typed into a form and has not saved yet — per user, form
// and record — so that a crash, a power cut or leaving the form by mistake loses nothing.
package drafts

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"townledger/data"
)

// Draft is a form's unsaved field values and when they were kept.
type Draft struct {
	Values  map[string]string
	SavedAt time.Time
}

// Service keeps the drafts of one ledger.
type Service struct{ store *data.Store }

// NewService binds drafts to a ledger.
func NewService(s *data.Store) Service { return Service{store: s} }

// Save keeps the values of a form for a user (recordID "" for a new record).
func (v Service) Save(ctx context.Context, userID, form, recordID string, values map[string]string, now time.Time) error {
	body, err := json.Marshal(values)
	if err != nil {
		return fmt.Errorf("encode the draft of %s: %w", form, err)
	}
	return v.store.PutDraft(ctx, userID, form, recordID, string(body), now)
}

// Load reads a user's draft of a form, if any.
func (v Service) Load(ctx context.Context, userID, form, recordID string) (Draft, bool, error) {
	d, ok, err := v.store.GetDraft(ctx, userID, form, recordID)
	if err != nil || !ok {
		return Draft{}, ok, err
	}
	var values map[string]string
	if err := json.Unmarshal([]byte(d.Body), &values); err != nil {
		// A damaged draft is dropped rather than blocking the form.
		return Draft{}, false, v.Discard(ctx, userID, form, recordID)
	}
	return Draft{Values: values, SavedAt: d.SavedAt}, true, nil
}

// Discard drops a draft: the form was saved, or the user let the changes go.
func (v Service) Discard(ctx context.Context, userID, form, recordID string) error {
	return v.store.DeleteDraft(ctx, userID, form, recordID)
}
