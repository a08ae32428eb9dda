package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// AuditedTables are the tables every change of which goes through Tx and its audit row;
// verify replays the log against them.
var AuditedTables = []string{"town", "setting", "app_user", "party", "catalog_item", "legal_ref", "discretion_tier",
	"case_file", "case_event", "case_number", "calendar_day", "staff", "training", "attendance", "activity",
	"attachment", "export_record", "outbox", "district_town", "received_report"}

// secretColumns are stored in a record's state as their hash only: the log must not copy a
// password hash, yet a changed one must show.
var secretColumns = map[string]map[string]bool{"app_user": {"password_hash": true}}

// labelColumns name a record for people in verify's findings.
var labelColumns = map[string]string{"town": "name", "setting": "key", "app_user": "username", "party": "name",
	"catalog_item": "code", "case_file": "case_no", "case_event": "step", "calendar_day": "day", "staff": "name",
	"training": "title", "activity": "title", "attachment": "file_name", "export_record": "file_name",
	"discretion_tier": "name", "legal_ref": "law", "district_town": "name", "received_report": "file_name"}

func audited(table string) bool {
	for _, t := range AuditedTables {
		if t == table {
			return true
		}
	}
	return false
}

// stateOf turns a row's columns into its canonical state: JSON with sorted keys, blobs and
// secrets as "sha256:…", everything else as SQLite gave it.
func stateOf(table string, cols []string, vals []any) (json.RawMessage, error) {
	return appendState(make([]byte, 0, 64+24*len(cols)), table, cols, sortedOrder(cols), vals)
}

// appendState is stateOf appended to dst, with the columns' sorted order given.
func appendState(dst []byte, table string, cols []string, order []int, vals []any) ([]byte, error) {
	secret := secretColumns[table]
	for i, c := range cols {
		switch x := vals[i].(type) {
		case []byte:
			vals[i] = digest(x)
		case string:
			if secret[c] {
				vals[i] = digest([]byte(x))
			}
		}
	}
	out, err := appendStateJSON(dst, cols, order, vals)
	if err != nil {
		return nil, fmt.Errorf("record state of %s: %w", table, err)
	}
	return out, nil
}

func digest(b []byte) string {
	h := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(h[:])
}

// rowState reads the state of one record in the transaction; nil when the table is not
// audited or the record does not exist.
func (t *Tx) rowState(table, id string) (json.RawMessage, error) {
	if id == "" || !audited(table) {
		return nil, nil
	}
	st, err := t.prepared("SELECT * FROM " + ident(table) + " WHERE id = ?")
	if err != nil {
		return nil, fmt.Errorf("read %s for the audit: %w", table, t.s.wrap(err))
	}
	rows, err := st.QueryContext(t.ctx, id)
	if err != nil {
		return nil, fmt.Errorf("read %s for the audit: %w", table, t.s.wrap(err))
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, t.s.wrap(rows.Err())
	}
	cols, vals, err := scanAny(rows)
	if err != nil {
		return nil, fmt.Errorf("read %s for the audit: %w", table, t.s.wrap(err))
	}
	return stateOf(table, cols, vals)
}

func scanAny(rows *sql.Rows) ([]string, []any, error) {
	cols, err := rows.Columns()
	if err != nil {
		return nil, nil, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	return cols, vals, rows.Scan(ptrs...)
}

// recordSums holds each record's state hash, by table and id, both shortened to 16 bytes: a
// million records take some 50 MB, not 150. A collision could only hide a changed record
// from snapshotRecords, which verify would then report as changed.
type recordSums map[[16]byte][16]byte

func recordKey(table, id string) [16]byte {
	h := sha256.Sum256([]byte(table + "\x00" + id))
	return [16]byte(h[:16])
}

// sumRecords reads the state hash of every record of the audited tables the file has.
func (s *Store) sumRecords(ctx context.Context) (recordSums, error) {
	sums := recordSums{}
	err := s.eachRecordState(ctx, func(table, id string, state []byte) {
		h := sha256.Sum256(state)
		sums[recordKey(table, id)] = [16]byte(h[:16])
	})
	return sums, err
}

// eachRecordState gives fn every record of the audited tables the file has, with its state.
func (s *Store) eachRecordState(ctx context.Context, fn func(table, id string, state []byte)) error {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("read the records: %w", s.wrap(err))
	}
	defer tx.Rollback()
	sn := snap{s: s, tx: tx}
	present := sn.presentTables(ctx)
	for _, table := range AuditedTables {
		if !slices.Contains(present, table) {
			continue
		}
		if err := sn.eachState(ctx, table, func(id string, state []byte) { fn(table, id, state) }); err != nil {
			return err
		}
	}
	return nil
}

// snapshotRecords gives records one "snapshot" audit row each, once, when a ledger made by an
// earlier version reaches a newer schema: every record when before is nil (the ledger kept no
// states), else each record whose state is not the one before says (a migration changed or
// added it).
func (s *Store) snapshotRecords(ctx context.Context, before recordSums) error {
	type rec struct{ table, id string }
	var pending []rec
	err := s.eachRecordState(ctx, func(table, id string, state []byte) {
		if before != nil {
			h := sha256.Sum256(state)
			if was, ok := before[recordKey(table, id)]; ok && was == [16]byte(h[:16]) {
				return
			}
		}
		pending = append(pending, rec{table, id})
	})
	if err != nil || len(pending) == 0 {
		return err
	}
	return s.Write(ctx, System, func(tx *Tx) error {
		for _, r := range pending {
			if err := tx.audit("snapshot", r.table, r.id, nil, nil); err != nil {
				return err
			}
		}
		return nil
	})
}

var errNoStates = errors.New("the audit log keeps no record states")
