package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/google/uuid"
)

// Actor is who makes a change; it is written into each record and each audit row.
type Actor struct {
	UserID   string
	UserName string
}

// System is the actor for changes the program makes by itself (first-run setup, demo data).
var System = Actor{UserID: "system", UserName: "system"}

// Tx is one write transaction. Every change made through it appends an audit row in the
// same transaction; a transaction that changes nothing auditable is refused.
type Tx struct {
	ctx      context.Context
	s        *Store
	tx       *sql.Tx
	actor    Actor
	town     string
	at       string
	audited  int
	lastHash string
	// stmts are the statements this transaction prepared, by their SQL: a bulk write (an
	// import, gen) runs the same few thousands of times, and preparing is a good part of each.
	// database/sql closes them when the transaction ends.
	stmts map[string]*sql.Stmt
}

// prepared is the transaction's statement for q, prepared on first use.
func (t *Tx) prepared(q string) (*sql.Stmt, error) {
	if st, ok := t.stmts[q]; ok {
		return st, nil
	}
	st, err := t.tx.PrepareContext(t.ctx, q)
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[q] = st
	return st, nil
}

// execPrepared runs q through its prepared statement.
func (t *Tx) execPrepared(q string, args ...any) (sql.Result, error) {
	st, err := t.prepared(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(t.ctx, args...)
}

// ErrNoAudit is returned by Write when the work function wrote no audit row: every write
// must leave a trace, so such a transaction is rolled back.
var ErrNoAudit = errors.New("write transaction recorded no audit row")

// Write runs fn in one immediate transaction as actor and commits only if fn succeeds.
func (s *Store) Write(ctx context.Context, actor Actor, fn func(*Tx) error) error {
	if actor.UserID == "" {
		return errors.New("write without an actor")
	}
	sqlTx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin write: %w", s.wrap(err))
	}
	defer sqlTx.Rollback()
	t := &Tx{ctx: ctx, s: s, tx: sqlTx, actor: actor, at: s.stamp()}
	err = sqlTx.QueryRowContext(ctx, "SELECT town_code FROM town WHERE deleted_at IS NULL LIMIT 1").Scan(&t.town)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read town code: %w", s.wrap(err))
	}
	if err := fn(t); err != nil {
		return err
	}
	if t.audited == 0 {
		return ErrNoAudit
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", s.wrap(err))
	}
	return nil
}

// Now is the transaction's timestamp, the same for every row it writes.
func (t *Tx) Now() string { return t.at }

// TownCode is the town the records of this transaction belong to.
func (t *Tx) TownCode() string { return t.town }

// Row is a record's column values by column name.
type Row map[string]any

// plainIdent says name matches ^[a-z][a-z0-9_]*$ (checked byte by byte: every insert checks
// each of its columns).
func plainIdent(name string) bool {
	if name == "" || name[0] < 'a' || name[0] > 'z' {
		return false
	}
	for i := 1; i < len(name); i++ {
		if c := name[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// ident guards the only places where names are spliced into SQL: they come from code, and
// a name that is not a plain identifier is a programming error.
func ident(name string) string {
	if !plainIdent(name) {
		panic("data: bad SQL identifier " + name)
	}
	return name
}

func sortedKeys(r Row) []string {
	keys := make([]string, 0, len(r))
	for k := range r {
		keys = append(keys, ident(k))
	}
	sort.Strings(keys)
	return keys
}

// NewID returns a new record UUID (version 7: time-ordered, so indexes stay compact).
func NewID() string {
	return uuid.Must(uuid.NewV7()).String()
}

// insert adds a record with its bookkeeping columns and audits it; it returns the new id.
func (t *Tx) insert(table string, row Row) (string, error) {
	return t.insertAuditing(table, row, row)
}

// insertAuditing is insert with a different view for the audit row, for records holding
// secrets (password hashes) or blobs (attachments) that must not be copied into the log.
func (t *Tx) insertAuditing(table string, row, auditView Row) (string, error) {
	id, _ := row["id"].(string)
	if id == "" {
		id = NewID()
	}
	full := Row{}
	for k, v := range row {
		full[k] = v
	}
	full["id"] = id
	if _, ok := full["town_code"]; !ok {
		full["town_code"] = t.town
	}
	full["created_at"], full["updated_at"] = t.at, t.at
	full["created_by"], full["updated_by"] = t.actor.UserID, t.actor.UserID
	keys := sortedKeys(full)
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = full[k]
	}
	q := "INSERT INTO " + ident(table) + " (" + strings.Join(keys, ", ") + ") VALUES (" +
		strings.TrimSuffix(strings.Repeat("?, ", len(keys)), ", ") + ")"
	if _, err := t.execPrepared(q, args...); err != nil {
		return "", fmt.Errorf("insert %s: %w", table, t.s.wrap(err))
	}
	return id, t.audit("insert", table, id, nil, auditView)
}

// update changes the given columns of a live record and audits before and after.
func (t *Tx) update(table, id string, changes Row) error {
	keys := sortedKeys(changes)
	if len(keys) == 0 {
		return nil
	}
	before, err := t.readColumns(table, id, keys)
	if err != nil {
		return err
	}
	sets := make([]string, 0, len(keys)+2)
	args := make([]any, 0, len(keys)+3)
	for _, k := range keys {
		sets = append(sets, k+" = ?")
		args = append(args, changes[k])
	}
	sets = append(sets, "updated_at = ?", "updated_by = ?")
	args = append(args, t.at, t.actor.UserID, id)
	q := "UPDATE " + ident(table) + " SET " + strings.Join(sets, ", ") + " WHERE id = ? AND deleted_at IS NULL"
	if _, err := t.tx.ExecContext(t.ctx, q, args...); err != nil {
		return fmt.Errorf("update %s: %w", table, t.s.wrap(err))
	}
	// The audit row holds the columns that changed, before and after, not every column given:
	// a case saved after one new step changes a few of its thirty (issue 16).
	was, now := Row{}, Row{}
	for _, k := range keys {
		if sqlValue(before[k]) != sqlValue(changes[k]) {
			was[k], now[k] = before[k], changes[k]
		}
	}
	return t.audit("update", table, id, was, now)
}

// softDelete marks a live record deleted; the row and its history stay.
func (t *Tx) softDelete(table, id string) error {
	if _, err := t.readColumns(table, id, []string{"id"}); err != nil {
		return err
	}
	q := "UPDATE " + ident(table) + " SET deleted_at = ?, updated_at = ?, updated_by = ? WHERE id = ? AND deleted_at IS NULL"
	if _, err := t.tx.ExecContext(t.ctx, q, t.at, t.at, t.actor.UserID, id); err != nil {
		return fmt.Errorf("delete %s: %w", table, t.s.wrap(err))
	}
	return t.audit("delete", table, id, nil, nil)
}

func (t *Tx) readColumns(table, id string, keys []string) (Row, error) {
	q := "SELECT " + strings.Join(keys, ", ") + " FROM " + ident(table) + " WHERE id = ? AND deleted_at IS NULL"
	vals := make([]any, len(keys))
	ptrs := make([]any, len(keys))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	err := t.tx.QueryRowContext(t.ctx, q, id).Scan(ptrs...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &Error{Kind: ErrNotFound, Err: fmt.Errorf("%s %s", table, id)}
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", table, t.s.wrap(err))
	}
	out := Row{}
	for i, k := range keys {
		out[k] = vals[i]
	}
	return out, nil
}

// Event records an action that changes no record (a login, an export) in the audit log.
func (t *Tx) Event(action, entity, entityID string, detail any) error {
	return t.audit(action, entity, entityID, nil, detail)
}

// auditBody is what an audit row's hash covers, in a fixed field order.
type auditBody struct {
	ID       string          `json:"id"`
	Town     string          `json:"town"`
	At       string          `json:"at"`
	UserID   string          `json:"user_id"`
	UserName string          `json:"user_name"`
	Action   string          `json:"action"`
	Entity   string          `json:"entity"`
	EntityID string          `json:"entity_id"`
	Before   json.RawMessage `json:"before"`
	After    json.RawMessage `json:"after"`
	// State is the record's whole state after the change (schema 12 on); rows written before
	// have none, and their hash is what it always was.
	State json.RawMessage `json:"state,omitempty"`
}

func (b auditBody) hash(prev string) string {
	enc := b.encode()
	h := sha256.New()
	h.Write([]byte(prev))
	h.Write([]byte{'\n'})
	h.Write(enc)
	return hex.EncodeToString(h.Sum(nil))
}

func marshalOrNull(v any) (json.RawMessage, error) {
	if v == nil {
		return json.RawMessage("null"), nil
	}
	if r, ok := v.(Row); ok && len(r) == 0 {
		return json.RawMessage("null"), nil
	} else if ok {
		return rowJSON(r)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("audit payload: %w", err)
	}
	return b, nil
}

func (t *Tx) audit(action, entity, entityID string, before, after any) error {
	b := auditBody{ID: NewID(), Town: t.town, At: t.at, UserID: t.actor.UserID, UserName: t.actor.UserName,
		Action: action, Entity: entity, EntityID: entityID}
	var err error
	if b.Before, err = marshalOrNull(before); err != nil {
		return err
	}
	if b.After, err = marshalOrNull(after); err != nil {
		return err
	}
	if t.s.states {
		if b.State, err = t.rowState(entity, entityID); err != nil {
			return err
		}
		if b.State == nil && entityID != "" && audited(entity) {
			b.State = json.RawMessage("null") // the record is gone
		} else if b.State != nil && replayable(action) {
			// The state as its SHA-256 only (schema 16 on): verify compares hashes, and the
			// row's own before and after, with those before it, say what the state was.
			b.State = stateDigest(b.State)
		}
	}
	if t.lastHash == "" {
		err := t.tx.QueryRowContext(t.ctx, "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").Scan(&t.lastHash)
		if errors.Is(err, sql.ErrNoRows) {
			t.lastHash = genesisHash
		} else if err != nil {
			return fmt.Errorf("read audit chain: %w", t.s.wrap(err))
		}
	}
	h := b.hash(t.lastHash)
	if t.s.states {
		var state any // NULL without a state
		if b.State != nil {
			state = string(b.State)
		}
		_, err = t.execPrepared(`INSERT INTO audit_log
			(id, town_code, at, user_id, user_name, action, entity, entity_id, before_json, after_json, prev_hash, hash, state_json)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			b.ID, b.Town, b.At, b.UserID, b.UserName, b.Action, b.Entity, b.EntityID,
			string(b.Before), string(b.After), t.lastHash, h, state)
	} else { // a ledger migrated only part way (tests of old schemas)
		_, err = t.tx.ExecContext(t.ctx, `INSERT INTO audit_log
			(id, town_code, at, user_id, user_name, action, entity, entity_id, before_json, after_json, prev_hash, hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			b.ID, b.Town, b.At, b.UserID, b.UserName, b.Action, b.Entity, b.EntityID,
			string(b.Before), string(b.After), t.lastHash, h)
	}
	if err != nil {
		return fmt.Errorf("append audit row: %w", t.s.wrap(err))
	}
	t.lastHash = h
	t.audited++
	return nil
}

// genesisHash starts the audit chain of every database.
const genesisHash = "townledger-audit-v1"
