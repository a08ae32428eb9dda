package data

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxRejectReason bounds the district's reason kept with a rejected version, in bytes: a
// reply's first paragraph, not a whole letter with its quotes.
const MaxRejectReason = 2000

// Reject records that the district sent a sent version back, with its reason; acked_at
// then holds when the answer was recorded. A version the district acknowledged may still
// be sent back later; a rejected one stays rejected (a new version replaces it).
func (t *Tx) Reject(exportID, reason string) error {
	var state string
	err := t.tx.QueryRowContext(t.ctx, `SELECT state FROM export_record WHERE id = ? AND deleted_at IS NULL`, exportID).
		Scan(&state)
	if errors.Is(err, sql.ErrNoRows) {
		return &Error{Kind: ErrNotFound, Err: fmt.Errorf("export %s", exportID)}
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", exportID, t.s.wrap(err))
	}
	if state != ExportSent && state != ExportAcknowledged {
		return &Error{Kind: ErrConflict, Err: fmt.Errorf("export %s is %s, not sent: the district cannot have sent it back", exportID, state)}
	}
	return t.update("export_record", exportID, Row{"state": ExportRejected, "acked_at": t.at,
		"reject_reason": clipReason(reason)})
}

// clipReason trims the reason and cuts it to MaxRejectReason bytes on a character boundary.
func clipReason(s string) string {
	s = strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD"))
	if len(s) <= MaxRejectReason {
		return s
	}
	cut := MaxRejectReason
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.TrimSpace(s[:cut]) + "…"
}
