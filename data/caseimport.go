package data

import (
	"context"
	"fmt"
	"strings"
)

// NumbersInUse lists the sequence numbers of an issuing body's yearly sequence (for one
// document code) that are already taken, for checking imported case numbers: every number
// in case_number, used or voided, and the sequence of every live case file of that body
// and year (case files carry no document code; their sequence is the case's own). The
// result maps each number to whether it was voided.
func (t *Tx) NumbersInUse(issuer, docCode string, year int) (map[int]bool, error) {
	out := map[int]bool{}
	rows, err := t.tx.QueryContext(t.ctx, `SELECT seq, state = 'voided' FROM case_number
		WHERE issuing_body = ? AND doc_code = ? AND year = ? AND deleted_at IS NULL
		UNION ALL
		SELECT case_seq, 0 FROM case_file
		WHERE issuing_body = ? AND case_year = ? AND case_seq IS NOT NULL AND deleted_at IS NULL`,
		issuer, docCode, year, issuer, year)
	if err != nil {
		return nil, fmt.Errorf("numbers in use: %w", t.s.wrap(err))
	}
	defer rows.Close()
	for rows.Next() {
		var seq int
		var voided bool
		if err := rows.Scan(&seq, &voided); err != nil {
			return nil, fmt.Errorf("numbers in use: %w", t.s.wrap(err))
		}
		out[seq] = out[seq] || voided
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("numbers in use: %w", t.s.wrap(err))
	}
	return out, nil
}

// CaseNosInUse tells which of the case numbers nos a live case file already carries.
func (t *Tx) CaseNosInUse(nos []string) (map[string]bool, error) {
	out := map[string]bool{}
	for start := 0; start < len(nos); start += identifierBatch {
		batch := nos[start:min(start+identifierBatch, len(nos))]
		args := make([]any, len(batch))
		for i, n := range batch {
			args[i] = n
		}
		rows, err := t.tx.QueryContext(t.ctx, `SELECT case_no FROM case_file WHERE deleted_at IS NULL AND case_no IN (`+
			strings.TrimSuffix(strings.Repeat("?, ", len(batch)), ", ")+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("case numbers in use: %w", t.s.wrap(err))
		}
		for rows.Next() {
			var no string
			if err := rows.Scan(&no); err != nil {
				rows.Close()
				return nil, fmt.Errorf("case numbers in use: %w", t.s.wrap(err))
			}
			out[no] = true
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("case numbers in use: %w", t.s.wrap(err))
		}
	}
	return out, nil
}

// ClaimNumber records a given number of an issuing body's yearly sequence as used by a
// case, as TakeNumber does for the next one: for a case brought in from an office's earlier
// ledger, whose number was given long ago. TakeNumber continues after the highest number
// recorded, so a case filed later follows the imported ones. A number already recorded is
// refused by the table's uniqueness (ErrConflict): check with NumbersInUse first.
func (t *Tx) ClaimNumber(issuer, docCode string, year, seq int, caseID string) error {
	if seq <= 0 {
		return fmt.Errorf("claim number %s%s %d-%d: the sequence starts at 1", issuer, docCode, year, seq)
	}
	_, err := t.insert("case_number", Row{"issuing_body": issuer, "doc_code": docCode, "year": year, "seq": seq,
		"case_id": nullIfEmpty(caseID), "state": "used"})
	return err
}

// AllCatalogVersions lists every live version of every catalogue item, by code and then
// effective date, without references or tiers: for telling an unknown item code from one
// that was not in force on a given day.
func (s *Store) AllCatalogVersions(ctx context.Context) ([]CatalogItem, error) {
	rows, err := s.query(ctx, `SELECT `+catalogCols+` FROM catalog_item WHERE deleted_at IS NULL
		ORDER BY code, effective_from, version`)
	if err != nil {
		return nil, fmt.Errorf("catalogue versions: %w", err)
	}
	return scanCatalogRows(rows, s.wrap, "all catalogue versions")
}
