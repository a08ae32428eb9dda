package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"sync"
)

// FindingKind says how a record disagrees with the audit log.
type FindingKind int

// The ways a record can disagree with the log.
const (
	Differs FindingKind = iota // the record is not in the state its last audit row gives
	Missing                    // the log says the record exists; the table has no such row
	Extra                      // the table has a record the log never wrote
)

// Finding is one record whose stored state is not what the audit log says it should be.
type Finding struct {
	Kind    FindingKind
	Table   string
	ID      string
	Label   string   // how people know the record: a case number, a name, a setting's key
	Case    string   // for a case's step, number or attachment: the case's number
	Columns []string // the columns that differ (Differs)
	Seq     int64    // the audit row that last wrote the record (0 for Extra)
}

// AuditHead is the last row of the audit chain: its sequence number and hash pin the whole
// history up to it.
type AuditHead struct {
	Seq  int64
	Hash string
}

// LogCheck is what checking the audit log against itself and against the tables found.
type LogCheck struct {
	Rows  int64       // audit rows read, all of them, also past a break
	Break *ChainBreak // the first row that does not chain, or nil
	Head  AuditHead   // the last row
	// States: the log keeps record states (schema 12 on), so the tables were compared.
	States bool
	// Records is how many records of the audited tables were compared.
	Records int64
	// Written is how many audit rows were ever numbered; more than the last row's number
	// means rows were cut from the end.
	Written  int64
	Findings []Finding // at most MaxFindings
	More     int       // findings beyond MaxFindings
}

// MaxFindings bounds the findings a check returns; a ledger rewritten wholesale would
// otherwise list every record.
const MaxFindings = 200

// Truncated is the number of rows cut from the end of the log (0 when none).
func (c LogCheck) Truncated() int64 {
	if c.Written > c.Head.Seq {
		return c.Written - c.Head.Seq
	}
	return 0
}

// OK reports a log that chains, is whole and agrees with every record.
func (c LogCheck) OK() bool {
	return c.Break == nil && c.Truncated() == 0 && len(c.Findings) == 0
}

type logged struct {
	sum  [32]byte
	seq  int64
	gone bool
}

// CheckLog recomputes the audit chain, then replays the log's record states and compares
// them with every audited table. Streamed: memory grows with the number of records (a
// hash each), not with the log.
func (s *Store) CheckLog(ctx context.Context) (LogCheck, error) {
	var c LogCheck
	c.States = s.states
	// One read transaction: the log and the tables are read as of one moment, so a window
	// saving meanwhile is not mistaken for a change behind the log's back.
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return c, fmt.Errorf("read the ledger: %w", s.wrap(err))
	}
	defer tx.Rollback()
	return snap{s: s, tx: tx}.checkLog(ctx, c)
}

// Verify runs SQLite's integrity and foreign-key checks and CheckLog at once, on two
// connections, so that on two cores it takes about as long as the longer of the two (issue
// 16: within 2× of SQLite's own checks). Both connections read one snapshot: each opens its
// read transaction and they go on only when both see the same last audit row (every write
// appends one), else the two run one after the other. Whichever finishes its first part
// first (the checks, or the log's chain) takes audited tables to compare from the other.
func (s *Store) Verify(ctx context.Context) ([]string, LogCheck, error) {
	c := LogCheck{States: s.states}
	txA, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, c, fmt.Errorf("read the ledger: %w", s.wrap(err))
	}
	defer txA.Rollback()
	txB, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, c, fmt.Errorf("read the ledger: %w", s.wrap(err))
	}
	defer txB.Rollback()
	a, b := snap{s: s, tx: txA}, snap{s: s, tx: txB}
	headA, errA := a.head(ctx)
	headB, errB := b.head(ctx)
	if err := errors.Join(errA, errB); err != nil {
		return nil, c, err
	}
	if headA != headB { // a save came between: one snapshot, one after the other
		problems, err := integrityProblems(ctx, s, b.query)
		if err != nil {
			return nil, c, err
		}
		c, err = b.checkLog(ctx, c)
		return problems, c, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w := &sharedTables{}
	if s.states {
		w.todo = b.presentTables(ctx)
	}
	type result struct {
		problems []string
		sums     map[string][32]byte
		records  int64
		err      error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		if r.problems, r.err = integrityProblems(ctx, s, a.query); r.err == nil {
			r.sums = map[string][32]byte{}
			for table, ok := w.take(); ok && r.err == nil; table, ok = w.take() {
				r.err = a.sumTable(ctx, table, r.sums, &r.records)
			}
		}
		if r.err != nil {
			cancel()
		}
		done <- r
	}()
	c, err = b.checkLogShared(ctx, c, w)
	if err != nil {
		cancel()
	}
	r := <-done
	if err := errors.Join(r.err, err); err != nil {
		return nil, c, err
	}
	if !s.states {
		return r.problems, c, nil
	}
	c.Records += r.records
	return r.problems, c, b.findings(ctx, &c, w.last, func(add func(Finding)) {
		for key, sum := range r.sums { // the tables the other connection compared
			l, ok := w.last[key]
			delete(w.last, key)
			table, id := splitKey(key)
			switch {
			case !ok || l.gone:
				add(Finding{Kind: Extra, Table: table, ID: id, Seq: l.seq})
			case sum != l.sum:
				add(Finding{Kind: Differs, Table: table, ID: id, Seq: l.seq})
			}
		}
	})
}

// sharedTables hands out the audited tables still to compare, one at a time, to whichever
// connection is free; last is the log's record states once the log is read.
type sharedTables struct {
	mu   sync.Mutex
	todo []string
	last map[string]logged
}

func (w *sharedTables) take() (string, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.todo) == 0 {
		return "", false
	}
	t := w.todo[0]
	w.todo = w.todo[1:]
	return t, true
}

// head is the last audit row as this snapshot sees it.
func (s snap) head(ctx context.Context) (AuditHead, error) {
	var h AuditHead
	err := s.queryRow(ctx, []any{&h.Seq, &h.Hash}, `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return h, fmt.Errorf("read the audit log's last row: %w", err)
	}
	return h, nil
}

// presentTables are the audited tables the file has (one from an older schema lacks the
// later ones), the largest kinds first so the two connections end about together.
func (s snap) presentTables(ctx context.Context) []string {
	var out []string
	for _, table := range AuditedTables {
		var n int
		if err := s.queryRow(ctx, []any{&n}, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, table); err == nil && n > 0 {
			out = append(out, table)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return tableWeight[out[i]] > tableWeight[out[j]] })
	return out
}

// tableWeight orders the tables by how many records a ledger holds of each, roughly.
var tableWeight = map[string]int{"case_event": 9, "attendance": 8, "case_file": 7, "case_number": 6, "party": 5,
	"activity": 4, "staff": 3, "training": 2}

// checkLogShared is checkLog comparing tables from w once the log is read, leaving the
// findings to the caller (the other connection's tables are compared then too).
func (s snap) checkLogShared(ctx context.Context, c LogCheck, w *sharedTables) (LogCheck, error) {
	last, c, err := s.readLog(ctx, c)
	if err != nil || !s.s.states {
		return c, err
	}
	var found []Finding
	for table, ok := w.take(); ok; table, ok = w.take() {
		if err := s.compareTable(ctx, table, last, &found, &c.Records); err != nil {
			return c, err
		}
	}
	w.mu.Lock()
	w.last = last
	w.mu.Unlock()
	c.Findings = found
	return c, nil
}

// sumTable reads every row of table and keeps its state's hash by record.
func (s snap) sumTable(ctx context.Context, table string, sums map[string][32]byte, records *int64) error {
	return s.eachState(ctx, table, func(id string, state []byte) {
		sums[table+"\x00"+id] = sha256.Sum256(state)
		*records++
	})
}

func (s snap) checkLog(ctx context.Context, c LogCheck) (LogCheck, error) {
	last, c, err := s.readLog(ctx, c)
	if err != nil || !s.s.states {
		return c, err
	}
	var found []Finding
	for _, table := range AuditedTables {
		// verify reads a file as it is: one from an older schema lacks the later tables.
		var n int
		if err := s.queryRow(ctx, []any{&n}, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, table); err != nil {
			return c, fmt.Errorf("look for %s: %w", table, err)
		}
		if n == 0 {
			continue
		}
		if err := s.compareTable(ctx, table, last, &found, &c.Records); err != nil {
			return c, err
		}
	}
	c.Findings = found
	return c, s.findings(ctx, &c, last, nil)
}

// findings completes c.Findings: more (the other connection's comparisons), then what the
// log has and no table holds, sorted, bounded and described.
func (s snap) findings(ctx context.Context, c *LogCheck, last map[string]logged, more func(add func(Finding))) error {
	found := c.Findings
	if more != nil {
		more(func(f Finding) { found = append(found, f) })
	}
	for key, l := range last { // what the log has and no table holds
		if !l.gone {
			table, id := splitKey(key)
			found = append(found, Finding{Kind: Missing, Table: table, ID: id, Seq: l.seq})
		}
	}
	// By kind, then the log's order; records the log never wrote (Seq 0) in the order of
	// AuditedTables, whichever connection compared them.
	sort.SliceStable(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Seq != b.Seq {
			return a.Seq < b.Seq
		}
		if ta, tb := tableIndex(a.Table), tableIndex(b.Table); ta != tb {
			return ta < tb
		}
		return a.ID < b.ID
	})
	if len(found) > MaxFindings {
		c.More, found = len(found)-MaxFindings, found[:MaxFindings]
	}
	for i := range found {
		if err := s.describe(ctx, &found[i]); err != nil {
			return err
		}
	}
	c.Findings = found
	return nil
}

func tableIndex(table string) int {
	for i, t := range AuditedTables {
		if t == table {
			return i
		}
	}
	return len(AuditedTables)
}

// readLog recomputes the chain and collects each record's last logged state.
func (s snap) readLog(ctx context.Context, c LogCheck) (map[string]logged, LogCheck, error) {
	// Sized for the rows the log ever had (about one record each): growing a map of a
	// million keys step by step costs more than reading them.
	var rows int64
	_ = s.queryRow(ctx, []any{&rows}, `SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`)
	last := make(map[string]logged, min(max(rows, 0), 1<<24))
	chain := chainCheck{prev: genesisHash}
	err := s.walkAudit(ctx, func(r auditRow) error {
		c.Rows++
		chain.add(r)
		c.Head = AuditHead{Seq: r.seq, Hash: r.hash}
		if r.body.State != nil {
			sum, _, _ := stateSum(r.body.State) // a forged digest that is none matches no record
			last[r.body.Entity+"\x00"+r.body.EntityID] = logged{sum: sum, seq: r.seq, gone: string(r.body.State) == "null"}
		}
		return nil
	})
	if err != nil {
		return nil, c, err
	}
	c.Break = chain.broken
	if err := s.queryRow(ctx, []any{&c.Written}, `SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, c, fmt.Errorf("read the audit log's counter: %w", err)
	}
	return last, c, nil
}

func splitKey(key string) (string, string) {
	for i := 0; i < len(key); i++ {
		if key[i] == 0 {
			return key[:i], key[i+1:]
		}
	}
	return key, ""
}

// compareTable reads every row of table and checks it against the log, removing what it
// saw from last so the rest is what is missing.
func (s snap) compareTable(ctx context.Context, table string, last map[string]logged, found *[]Finding, records *int64) error {
	return s.eachState(ctx, table, func(id string, state []byte) {
		*records++
		key := table + "\x00" + id
		l, ok := last[key]
		delete(last, key)
		switch {
		case !ok || l.gone:
			*found = append(*found, Finding{Kind: Extra, Table: table, ID: id, Seq: l.seq})
		case sha256.Sum256(state) != l.sum:
			*found = append(*found, Finding{Kind: Differs, Table: table, ID: id, Seq: l.seq})
		}
	})
}

// eachState reads every row of table and gives fn its id and state (stateOf), the state's
// bytes valid until fn returns. The columns' order is sorted once for the table, not per row.
func (s snap) eachState(ctx context.Context, table string, fn func(id string, state []byte)) error {
	rows, err := s.query(ctx, "SELECT * FROM "+ident(table))
	if err != nil {
		return fmt.Errorf("read %s: %w", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return fmt.Errorf("read %s: %w", table, s.wrap(err))
	}
	idCol := -1
	for i, c := range cols {
		if c == "id" {
			idCol = i
		}
	}
	order := sortedOrder(cols)
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var buf []byte
	for n := 0; rows.Next(); n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		clear(vals)
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("read %s: %w", table, s.wrap(err))
		}
		var id string
		if idCol >= 0 {
			if v, ok := vals[idCol].(string); ok {
				id = v
			} else {
				id = fmt.Sprint(vals[idCol])
			}
		}
		if buf, err = appendState(buf[:0], table, cols, order, vals); err != nil {
			return err
		}
		fn(id, buf)
	}
	return s.wrap(rows.Err())
}

// describe names the record of a finding and, for a changed one, the columns that differ,
// from the table's row and the state its last audit row logged.
func (s snap) describe(ctx context.Context, f *Finding) error {
	now, err := s.currentState(ctx, f.Table, f.ID)
	if err != nil {
		return err
	}
	var was map[string]any
	whole := true
	if f.Seq > 0 {
		if was, whole, err = s.loggedState(ctx, f.Table, f.ID, f.Seq); err != nil {
			return err
		}
	}
	if f.Kind == Differs {
		f.Columns = differingColumns(was, now, whole)
	}
	label := now
	if label == nil {
		label = was
	}
	s.labelOf(ctx, f, label)
	return nil
}

func (s snap) currentState(ctx context.Context, table, id string) (map[string]any, error) {
	rows, err := s.query(ctx, "SELECT * FROM "+ident(table)+" WHERE id = ?", id)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", table, err)
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, s.wrap(rows.Err())
	}
	cols, vals, err := scanAny(rows)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", table, s.wrap(err))
	}
	raw, err := stateOf(table, cols, vals)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	return m, json.Unmarshal(raw, &m)
}

// differingColumns names the columns whose values differ. A state told by compact rows
// (whole false) lacks the columns its insert did not give (defaults, secrets, files): those
// are named only when no column that can be compared differs.
func differingColumns(was, now map[string]any, whole bool) []string {
	var out, unknown []string
	for k, v := range now {
		if w, ok := was[k]; !ok {
			unknown = append(unknown, k)
		} else if fmt.Sprint(w) != fmt.Sprint(v) {
			out = append(out, k)
		}
	}
	for k := range was {
		if _, ok := now[k]; !ok {
			out = append(out, k)
		}
	}
	if whole || len(out) == 0 {
		out = append(out, unknown...)
	}
	sort.Strings(out)
	return out
}

// loggedState is the state of a record the log gives as of row upto: the last whole state
// logged, with the before and after of the compact rows since applied (whole is false then,
// see differingColumns); nil when the log has the record gone or never had it.
func (s snap) loggedState(ctx context.Context, table, id string, upto int64) (map[string]any, bool, error) {
	rows, err := s.query(ctx, `SELECT action, town_code, at, user_id, COALESCE(after_json, 'null'), state_json
		FROM audit_log WHERE entity = ? AND entity_id = ? AND seq <= ? AND state_json IS NOT NULL ORDER BY seq`, table, id, upto)
	if err != nil {
		return nil, false, fmt.Errorf("read the log of %s %s: %w", table, id, err)
	}
	defer rows.Close()
	var state map[string]any
	whole := true
	for rows.Next() {
		var action, town, at, user, after, raw string
		if err := rows.Scan(&action, &town, &at, &user, &after, &raw); err != nil {
			return nil, false, fmt.Errorf("read the log of %s %s: %w", table, id, s.wrap(err))
		}
		if _, compact, _ := stateSum(json.RawMessage(raw)); !compact {
			state, whole = nil, true
			_ = json.Unmarshal([]byte(raw), &state) // a forged row that is not JSON names no columns
			continue
		}
		var changes map[string]any
		_ = json.Unmarshal([]byte(after), &changes)
		switch action {
		case "insert":
			state, whole = map[string]any{"town_code": town, "created_at": at, "created_by": user, "deleted_at": nil}, false
		case "delete":
			if state != nil {
				state["deleted_at"] = at
			}
		}
		if state == nil {
			continue
		}
		for k, v := range changes {
			if b, ok := v.(bool); ok { // SQLite keeps a bool as 0 or 1
				v = 0.0
				if b {
					v = 1.0
				}
			}
			state[k] = v
		}
		state["id"], state["updated_at"], state["updated_by"] = id, at, user
	}
	return state, whole, s.wrap(rows.Err())
}

// labelOf names a record by its label column, and a case's parts by the case's number
// too (from the table, or from the log when the case itself is gone).
func (s snap) labelOf(ctx context.Context, f *Finding, state map[string]any) {
	if state == nil {
		return
	}
	if col, ok := labelColumns[f.Table]; ok && state[col] != nil {
		f.Label = fmt.Sprint(state[col])
	}
	caseID, ok := state["case_id"].(string)
	if !ok || f.Table == "case_file" {
		return
	}
	var no sql.NullString
	if err := s.queryRow(ctx, []any{&no}, `SELECT case_no FROM case_file WHERE id = ?`, caseID); err == nil && no.Valid {
		f.Case = no.String
		return
	}
	var last int64
	if err := s.queryRow(ctx, []any{&last}, `SELECT seq FROM audit_log WHERE entity = 'case_file' AND entity_id = ?
		AND state_json IS NOT NULL AND state_json <> 'null' ORDER BY seq DESC LIMIT 1`, caseID); err == nil {
		if was, _, err := s.loggedState(ctx, "case_file", caseID, last); err == nil && was["case_no"] != nil {
			f.Case = fmt.Sprint(was["case_no"])
		}
	}
}

// auditRow is one audit row as read for checking.
type auditRow struct {
	seq            int64
	body           auditBody
	prevHash, hash string
}

// HeadChains reads the last row of the audit log and checks it is the row its hash says
// (its content and the hash before it give its hash); a log without rows chains. A backup's
// copy is checked so: its log ends where the ledger's did when it was copied.
func (s *Store) HeadChains(ctx context.Context) (AuditHead, bool, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return AuditHead{}, false, fmt.Errorf("read the audit log's last row: %w", s.wrap(err))
	}
	defer tx.Rollback()
	var head AuditHead
	ok := true
	err = snap{s: s, tx: tx}.walkAuditWhere(ctx, "WHERE seq = (SELECT MAX(seq) FROM audit_log)", func(r auditRow) error {
		head = AuditHead{Seq: r.seq, Hash: r.hash}
		ok = r.body.hash(r.prevHash) == r.hash
		return nil
	})
	return head, ok, err
}

// walkAudit streams the audit log in order.
func (s snap) walkAudit(ctx context.Context, fn func(auditRow) error) error {
	return s.walkAuditWhere(ctx, "", fn)
}

// walkAuditWhere streams the audit rows where says, in order.
func (s snap) walkAuditWhere(ctx context.Context, where string, fn func(auditRow) error) error {
	stateCol := "NULL"
	if s.s.states {
		stateCol = "state_json"
	}
	rows, err := s.query(ctx, `SELECT seq, id, town_code, at, user_id, user_name, action, entity, entity_id,
		before_json, after_json, prev_hash, hash, `+stateCol+` FROM audit_log `+where+` ORDER BY seq`)
	if err != nil {
		return fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		var r auditRow
		var before, after, state sql.NullString
		b := &r.body
		if err := rows.Scan(&r.seq, &b.ID, &b.Town, &b.At, &b.UserID, &b.UserName, &b.Action, &b.Entity, &b.EntityID,
			&before, &after, &r.prevHash, &r.hash, &state); err != nil {
			return fmt.Errorf("read audit log: %w", s.wrap(err))
		}
		b.Before, b.After = rawOrNull(before), rawOrNull(after)
		if state.Valid {
			b.State = json.RawMessage(state.String)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return s.wrap(rows.Err())
}

// chainCheck follows the hash chain row by row and keeps the first break.
type chainCheck struct {
	prev   string
	broken *ChainBreak
	buf    []byte
}

func (k *chainCheck) add(r auditRow) {
	if k.broken == nil {
		if r.prevHash != k.prev {
			k.broken = &ChainBreak{Seq: r.seq, Reason: "previous hash does not match"}
		} else if !r.body.matches(k.prev, r.hash, &k.buf) {
			k.broken = &ChainBreak{Seq: r.seq, Reason: "row content does not match its hash"}
		}
	}
	k.prev = r.hash
}

// Head returns the last row of the audit chain (zero when the log is empty).
func (s *Store) Head(ctx context.Context) (AuditHead, error) {
	var h AuditHead
	err := s.queryRow(ctx, []any{&h.Seq, &h.Hash}, `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return h, fmt.Errorf("read the audit log's last row: %w", err)
	}
	return h, nil
}

// HashAt returns the hash of audit row seq; ok is false when the log has no such row.
func (s *Store) HashAt(ctx context.Context, seq int64) (hash string, ok bool, err error) {
	err = s.queryRow(ctx, []any{&hash}, `SELECT hash FROM audit_log WHERE seq = ?`, seq)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read audit row %d: %w", seq, err)
	}
	return hash, true, nil
}

// snap reads the ledger within one read transaction.
type snap struct {
	s  *Store
	tx *sql.Tx
}

func (p snap) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	rows, err := p.tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, p.s.wrap(err)
	}
	return rows, nil
}

func (p snap) queryRow(ctx context.Context, dest []any, q string, args ...any) error {
	err := p.tx.QueryRowContext(ctx, q, args...).Scan(dest...)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return p.s.wrap(err)
	}
	return err
}

func (p snap) wrap(err error) error { return p.s.wrap(err) }
