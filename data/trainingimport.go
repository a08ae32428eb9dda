package data

import (
	"fmt"
	"strings"
)

// StaffNamed reads, inside the transaction, the live roster entries (archived ones
// included) whose name is one of names, for imports that match people by name.
func (t *Tx) StaffNamed(names []string) ([]Staff, error) {
	var out []Staff
	for start := 0; start < len(names); start += identifierBatch {
		batch := names[start:min(start+identifierBatch, len(names))]
		args := make([]any, len(batch))
		for i, v := range batch {
			args[i] = v
		}
		rows, err := t.tx.QueryContext(t.ctx, `SELECT `+staffCols+` FROM staff WHERE deleted_at IS NULL
			AND name IN (`+strings.TrimSuffix(strings.Repeat("?, ", len(batch)), ", ")+`) ORDER BY unit, name_initials, name, id`, args...)
		if err != nil {
			return nil, fmt.Errorf("read staff by name: %w", t.s.wrap(err))
		}
		for rows.Next() {
			s, err := scanStaff(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("read staff by name: %w", t.s.wrap(err))
			}
			out = append(out, s)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("read staff by name: %w", t.s.wrap(err))
		}
	}
	return out, nil
}
