package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Case is a penalty case file. Dates are YYYY-MM-DD, "" when not reached; Fine is in fen.
type Case struct {
	ID           string
	Procedure    string // "summary" or "general"
	ItemID       string
	PartyID      string
	Title        string
	Stage        string // the last step recorded
	IssuingBody  string
	CaseNo       string
	DiscoveredOn string
	FiledOn      string
	DecidedOn    string
	ClosedOn     string
	Outcome      string
	Fine         int64
	Facts        string
	Notes        string
	ViolationOn  string
	Harmful      bool
	Major        bool
	TierOrdinal  int // 0 = no tier chosen
	Late         bool
	Year, Seq    int    // the case's place in its issuing body's yearly sequence; 0 before filing
	NumberMark   string // the town's mark in a number given in the bureau's name (委托), "" otherwise
	NextDueOn    string // the next date the office must meet, "" when none
	NextDueKind  string // which deadline that is
	Officers     string // officers at filing, "、"-separated
}

func (c Case) row() Row {
	return Row{"procedure": c.Procedure, "item_id": nullIfEmpty(c.ItemID), "party_id": c.PartyID, "title": c.Title,
		"stage": c.Stage, "issuing_body": c.IssuingBody, "case_no": nullIfEmpty(c.CaseNo),
		"discovered_on": nullIfEmpty(c.DiscoveredOn), "filed_on": nullIfEmpty(c.FiledOn),
		"decided_on": nullIfEmpty(c.DecidedOn), "closed_on": nullIfEmpty(c.ClosedOn), "outcome": c.Outcome,
		"fine": c.Fine, "facts": c.Facts, "notes": c.Notes, "violation_on": nullIfEmpty(c.ViolationOn),
		"harmful": c.Harmful, "major": c.Major, "tier_ordinal": zeroNull(c.TierOrdinal), "late": c.Late,
		"case_year": zeroNull(c.Year), "case_seq": zeroNull(c.Seq), "next_due_on": nullIfEmpty(c.NextDueOn),
		"next_due_kind": c.NextDueKind, "officers": c.Officers, "number_mark": c.NumberMark}
}

// InsertCase opens a case file.
func (t *Tx) InsertCase(c Case) (string, error) {
	row := c.row()
	row["id"] = c.ID
	id, err := t.insert("case_file", row)
	if err != nil {
		return "", err
	}
	c.ID = id
	return id, t.indexCase(c, false)
}

// UpdateCase rewrites a case's fields; the audit row keeps what they were.
func (t *Tx) UpdateCase(c Case) error {
	if err := t.update("case_file", c.ID, c.row()); err != nil {
		return err
	}
	return t.indexCase(c, true)
}

// indexCase (re)writes a case's search tokens: its number and title, and its party's
// name, pinyin initials and identifier.
func (t *Tx) indexCase(c Case, replace bool) error {
	var rowid int64
	var name, initials, code string
	err := t.tx.QueryRowContext(t.ctx, `SELECT c.rowid, p.name, p.name_initials, COALESCE(p.credit_code, p.id_number, '')
		FROM case_file c JOIN party p ON p.id = c.party_id WHERE c.id = ?`, c.ID).Scan(&rowid, &name, &initials, &code)
	if err != nil {
		return fmt.Errorf("index case: %w", t.s.wrap(err))
	}
	if replace {
		if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM case_search WHERE rowid = ?`, rowid); err != nil {
			return fmt.Errorf("index case: %w", t.s.wrap(err))
		}
	}
	_, err = t.tx.ExecContext(t.ctx, `INSERT INTO case_search (rowid, tokens) VALUES (?, ?)`,
		rowid, searchTokens(c.CaseNo, c.Title, name, initials, code))
	if err != nil {
		return fmt.Errorf("index case: %w", t.s.wrap(err))
	}
	return nil
}

const caseCols = `id, procedure, COALESCE(item_id, ''), party_id, title, stage, issuing_body, COALESCE(case_no, ''),
	COALESCE(discovered_on, ''), COALESCE(filed_on, ''), COALESCE(decided_on, ''), COALESCE(closed_on, ''),
	outcome, fine, facts, notes, COALESCE(violation_on, ''), harmful, major, COALESCE(tier_ordinal, 0), late,
	COALESCE(case_year, 0), COALESCE(case_seq, 0), COALESCE(next_due_on, ''), next_due_kind, officers, number_mark`

func scanCase(sc interface{ Scan(...any) error }) (Case, error) {
	var c Case
	err := sc.Scan(&c.ID, &c.Procedure, &c.ItemID, &c.PartyID, &c.Title, &c.Stage, &c.IssuingBody, &c.CaseNo,
		&c.DiscoveredOn, &c.FiledOn, &c.DecidedOn, &c.ClosedOn, &c.Outcome, &c.Fine, &c.Facts, &c.Notes,
		&c.ViolationOn, &c.Harmful, &c.Major, &c.TierOrdinal, &c.Late, &c.Year, &c.Seq, &c.NextDueOn, &c.NextDueKind, &c.Officers, &c.NumberMark)
	return c, err
}

// Case reads one live case.
func (s *Store) Case(ctx context.Context, id string) (Case, bool, error) {
	c, err := scanCase(s.r.QueryRowContext(ctx, `SELECT `+caseCols+` FROM case_file WHERE id = ? AND deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Case{}, false, nil
	}
	if err != nil {
		return Case{}, false, fmt.Errorf("read case: %w", s.wrap(err))
	}
	return c, true, nil
}

// CasesOfParty lists a party's live cases, oldest first: the record that tells a first
// violation (首违) from a repeated one.
func (s *Store) CasesOfParty(ctx context.Context, partyID string) ([]Case, error) {
	rows, err := s.query(ctx, `SELECT `+caseCols+` FROM case_file WHERE party_id = ? AND deleted_at IS NULL
		ORDER BY COALESCE(filed_on, discovered_on, created_at)`, partyID)
	if err != nil {
		return nil, fmt.Errorf("cases of party: %w", err)
	}
	defer rows.Close()
	var out []Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, fmt.Errorf("cases of party: %w", s.wrap(err))
		}
		out = append(out, c)
	}
	return out, s.wrap(rows.Err())
}

// CaseEvent is one recorded step of a case: its part of the 全过程记录.
type CaseEvent struct {
	ID         string
	CaseID     string
	Step       string
	OccurredOn string
	Officers   string // names, comma-separated
	DocNo      string
	Notes      string
	Payload    string // JSON with the step's own fields
}

// InsertCaseEvent records a step.
func (t *Tx) InsertCaseEvent(e CaseEvent) (string, error) {
	if e.Payload == "" {
		e.Payload = "{}"
	}
	return t.insert("case_event", Row{"case_id": e.CaseID, "step": e.Step, "occurred_on": e.OccurredOn,
		"officers": e.Officers, "doc_no": e.DocNo, "notes": e.Notes, "payload": e.Payload})
}

// CaseEvents lists a case's live steps in the order they happened.
func (s *Store) CaseEvents(ctx context.Context, caseID string) ([]CaseEvent, error) {
	rows, err := s.query(ctx, `SELECT id, case_id, step, occurred_on, officers, doc_no, notes, payload
		FROM case_event WHERE case_id = ? AND deleted_at IS NULL ORDER BY occurred_on, created_at, rowid`, caseID)
	if err != nil {
		return nil, fmt.Errorf("case steps: %w", err)
	}
	defer rows.Close()
	var out []CaseEvent
	for rows.Next() {
		var e CaseEvent
		if err := rows.Scan(&e.ID, &e.CaseID, &e.Step, &e.OccurredOn, &e.Officers, &e.DocNo, &e.Notes, &e.Payload); err != nil {
			return nil, fmt.Errorf("case steps: %w", s.wrap(err))
		}
		out = append(out, e)
	}
	return out, s.wrap(rows.Err())
}

// TakeNumber allocates the next document number of an issuing body's sequence for a year:
// one more than the highest ever taken, voided ones included, so the sequence has no gaps
// and a number is never reused. Write transactions are serialised (BEGIN IMMEDIATE and a
// single writer connection), so two saves can never take the same number.
func (t *Tx) TakeNumber(issuer, docCode string, year int, caseID string) (int, error) {
	return t.TakeNumberIn(issuer, docCode, year, caseID, 0, 0)
}

// ErrRangeUsed: every number of a reserved range has been taken.
var ErrRangeUsed = errors.New("the reserved number range is used up")

// TakeNumberIn is TakeNumber within a range the district reserved for the town (from..to,
// 0 for an open end): the sequence starts at from, and past to it refuses with ErrRangeUsed.
func (t *Tx) TakeNumberIn(issuer, docCode string, year int, caseID string, from, to int) (int, error) {
	var next int
	err := t.tx.QueryRowContext(t.ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM case_number
		WHERE issuing_body = ? AND doc_code = ? AND year = ?`, issuer, docCode, year).Scan(&next)
	if err != nil {
		return 0, fmt.Errorf("next number: %w", t.s.wrap(err))
	}
	next = max(next, from)
	if to > 0 && next > to {
		return 0, fmt.Errorf("%s%s %d: %w", issuer, docCode, year, ErrRangeUsed)
	}
	_, err = t.insert("case_number", Row{"issuing_body": issuer, "doc_code": docCode, "year": year, "seq": next,
		"case_id": nullIfEmpty(caseID), "state": "used"})
	if err != nil {
		return 0, err
	}
	return next, nil
}

// VoidNumber marks a taken number void with the reason; it stays in the sequence.
func (t *Tx) VoidNumber(issuer, docCode string, year, seq int, reason string) error {
	var id string
	err := t.tx.QueryRowContext(t.ctx, `SELECT id FROM case_number WHERE issuing_body = ? AND doc_code = ? AND year = ? AND seq = ?`,
		issuer, docCode, year, seq).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return &Error{Kind: ErrNotFound, Err: fmt.Errorf("number %s %s %d-%d", issuer, docCode, year, seq)}
	}
	if err != nil {
		return fmt.Errorf("void number: %w", t.s.wrap(err))
	}
	return t.update("case_number", id, Row{"state": "voided", "void_reason": reason})
}

// NumberState is a taken number and whether it was voided.
type NumberState struct {
	Seq    int
	CaseID string
	Voided bool
	Reason string
}

// Numbers lists a sequence's taken numbers in order.
func (s *Store) Numbers(ctx context.Context, issuer, docCode string, year int) ([]NumberState, error) {
	rows, err := s.query(ctx, `SELECT seq, COALESCE(case_id, ''), state = 'voided', void_reason FROM case_number
		WHERE issuing_body = ? AND doc_code = ? AND year = ? ORDER BY seq`, issuer, docCode, year)
	if err != nil {
		return nil, fmt.Errorf("numbers: %w", err)
	}
	defer rows.Close()
	var out []NumberState
	for rows.Next() {
		var n NumberState
		if err := rows.Scan(&n.Seq, &n.CaseID, &n.Voided, &n.Reason); err != nil {
			return nil, fmt.Errorf("numbers: %w", s.wrap(err))
		}
		out = append(out, n)
	}
	return out, s.wrap(rows.Err())
}

// Party reads one live party by id.
func (s *Store) Party(ctx context.Context, id string) (Party, bool, error) {
	return partyBy(s.r, ctx, s.wrap, "id", id)
}

// OpenCaseIDs lists the cases still in progress (not closed or void), oldest first.
func (s *Store) OpenCaseIDs(ctx context.Context) ([]string, error) {
	rows, err := s.query(ctx, `SELECT id FROM case_file WHERE deleted_at IS NULL AND stage NOT IN ('closing', 'void')
		ORDER BY created_at`)
	if err != nil {
		return nil, fmt.Errorf("open cases: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("open cases: %w", s.wrap(err))
		}
		out = append(out, id)
	}
	return out, s.wrap(rows.Err())
}
