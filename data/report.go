package data

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// ReportFigures are the case and training figures of a reporting period, each by one SQL
// aggregate. Voided and deleted cases, events and records are left out.
type ReportFigures struct {
	CaseParties  int   // enterprises with a case filed or decided in the period (涉案企业)
	Cases        int   // cases filed or decided in the period
	Filed        int   // cases filed (立案) in the period
	Decided      int   // penalty decisions made in the period (不予处罚 decisions are not penalties)
	Closed       int   // cases closed (结案) in the period
	Summary      int   // of Cases: summary procedure (简易程序)
	General      int   // of Cases: general procedure (普通程序)
	Fines        int64 // fen: fines of the decisions made in the period
	NotPenalised int   // decisions in the period not to penalise (轻微/首违/无过错不罚)
	Hearings     int   // hearings (听证) held in the period
	LegalReviews int   // decisions of the period made after a legal review (法制审核), in 起
	Collective   int   // decisions of the period made after a collective discussion (集体讨论), in 起
	Published    int   // penalty decisions of the period with a publication step recorded

	TrainingSessions int     // sessions held in the period
	Attendances      int     // attendance rows at those sessions (人次)
	TrainingHours    float64 // hours of all attendances (人·学时)
}

const reportCaseWhere = `c.deleted_at IS NULL AND c.stage <> 'void'`

// ReportFigures adds up the period's figures from from to to (YYYY-MM-DD, both included).
func (s *Store) ReportFigures(ctx context.Context, from, to string) (ReportFigures, error) {
	var f ReportFigures
	err := s.queryRow(ctx, []any{&f.Filed, &f.Decided, &f.Closed, &f.Fines, &f.NotPenalised, &f.Published},
		`SELECT COALESCE(SUM(c.filed_on BETWEEN ?1 AND ?2), 0),
			COALESCE(SUM(c.decided_on BETWEEN ?1 AND ?2 AND c.outcome NOT LIKE 'not\_penalised%' ESCAPE '\'), 0),
			COALESCE(SUM(c.closed_on BETWEEN ?1 AND ?2), 0),
			COALESCE(SUM(CASE WHEN c.decided_on BETWEEN ?1 AND ?2 AND c.outcome NOT LIKE 'not\_penalised%' ESCAPE '\'
				THEN c.fine ELSE 0 END), 0),
			COALESCE(SUM(c.decided_on BETWEEN ?1 AND ?2 AND c.outcome LIKE 'not\_penalised%' ESCAPE '\'), 0),
			COALESCE(SUM(c.decided_on BETWEEN ?1 AND ?2 AND c.outcome <> ''
				AND c.outcome NOT LIKE 'not\_penalised%' ESCAPE '\'
				AND EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.step = 'publication'
					AND e.deleted_at IS NULL)), 0)
		FROM case_file c
		WHERE `+reportCaseWhere+` AND (c.filed_on BETWEEN ?1 AND ?2 OR c.decided_on BETWEEN ?1 AND ?2
			OR c.closed_on BETWEEN ?1 AND ?2)`, from, to)
	if err != nil {
		return ReportFigures{}, fmt.Errorf("report case figures: %w", err)
	}
	// Cases counts filed or decided ones; closing alone does not bring a case into the period.
	err = s.queryRow(ctx, []any{&f.Cases, &f.Summary, &f.General},
		`SELECT COUNT(*), COALESCE(SUM(c.procedure = 'summary'), 0), COALESCE(SUM(c.procedure = 'general'), 0)
		FROM case_file c WHERE `+reportCaseWhere+` AND (c.filed_on BETWEEN ?1 AND ?2 OR c.decided_on BETWEEN ?1 AND ?2)`,
		from, to)
	if err != nil {
		return ReportFigures{}, fmt.Errorf("report case figures: %w", err)
	}
	// The ledger does not know since when an enterprise is supervised (监管企业), only which
	// ones a case of the period concerns.
	err = s.queryRow(ctx, []any{&f.CaseParties},
		`SELECT COUNT(DISTINCT c.party_id) FROM case_file c JOIN party p ON p.id = c.party_id
		WHERE p.kind = 'org' AND `+reportCaseWhere+` AND (c.filed_on BETWEEN ?1 AND ?2 OR c.decided_on BETWEEN ?1 AND ?2)`,
		from, to)
	if err != nil {
		return ReportFigures{}, fmt.Errorf("report enterprise figures: %w", err)
	}
	err = s.queryRow(ctx, []any{&f.Hearings},
		`SELECT COUNT(*) FROM case_event e JOIN case_file c ON c.id = e.case_id
		WHERE e.deleted_at IS NULL AND `+reportCaseWhere+` AND e.occurred_on BETWEEN ?1 AND ?2 AND e.step = 'hearing'`, from, to)
	if err != nil {
		return ReportFigures{}, fmt.Errorf("report case steps: %w", err)
	}
	// Reviews and discussions count as the annual statistics count them: decisions (起) of the
	// period made after one, however many meetings it took.
	err = s.queryRow(ctx, []any{&f.LegalReviews, &f.Collective},
		`SELECT COALESCE(SUM(EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.step = 'legal_review'
				AND e.deleted_at IS NULL AND e.occurred_on <= c.decided_on)), 0),
			COALESCE(SUM(EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.step = 'collective'
				AND e.deleted_at IS NULL AND e.occurred_on <= c.decided_on)), 0)
		FROM case_file c WHERE `+reportCaseWhere+` AND c.decided_on BETWEEN ?1 AND ?2`, from, to)
	if err != nil {
		return ReportFigures{}, fmt.Errorf("report case steps: %w", err)
	}
	err = s.queryRow(ctx, []any{&f.TrainingSessions, &f.Attendances, &f.TrainingHours},
		`SELECT (SELECT COUNT(*) FROM training t WHERE t.deleted_at IS NULL AND t.held_on BETWEEN ?1 AND ?2),
			COUNT(a.id), COALESCE(SUM(COALESCE(a.hours, t.hours)), 0)
		FROM attendance a JOIN training t ON t.id = a.training_id
		WHERE a.deleted_at IS NULL AND t.deleted_at IS NULL AND t.held_on BETWEEN ?1 AND ?2`, from, to)
	if err != nil {
		return ReportFigures{}, fmt.Errorf("report training figures: %w", err)
	}
	return f, nil
}

// ReportCase is one case filed or decided in a period, for the report's case sheet.
type ReportCase struct {
	ID, CaseNo, Procedure, PartyName, ItemName, Title, Stage string
	FiledOn, DecidedOn, ClosedOn, Outcome                    string // dates YYYY-MM-DD or ""
	Fine                                                     int64  // fen
}

// ReportCases calls fn with each live, not voided case filed or decided from from to to
// (YYYY-MM-DD, both included), by filing (else decision) date and id; an error from fn stops
// the reading and is returned as it is.
func (s *Store) ReportCases(ctx context.Context, from, to string, fn func(ReportCase) error) error {
	rows, err := s.query(ctx, `SELECT c.id, COALESCE(c.case_no, ''), c.procedure, COALESCE(p.name, ''),
			COALESCE(i.name, ''), c.title, c.stage, COALESCE(c.filed_on, ''), COALESCE(c.decided_on, ''),
			COALESCE(c.closed_on, ''), c.outcome, c.fine
		FROM case_file c LEFT JOIN party p ON p.id = c.party_id LEFT JOIN catalog_item i ON i.id = c.item_id
		WHERE `+reportCaseWhere+` AND (c.filed_on BETWEEN ?1 AND ?2 OR c.decided_on BETWEEN ?1 AND ?2)
		ORDER BY COALESCE(c.filed_on, c.decided_on), c.id`, from, to)
	if err != nil {
		return fmt.Errorf("report cases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c ReportCase
		if err := rows.Scan(&c.ID, &c.CaseNo, &c.Procedure, &c.PartyName, &c.ItemName, &c.Title, &c.Stage,
			&c.FiledOn, &c.DecidedOn, &c.ClosedOn, &c.Outcome, &c.Fine); err != nil {
			return fmt.Errorf("report cases: %w", s.wrap(err))
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return s.wrap(rows.Err())
}

// ReportAttendance is one person's attendance at a session of the period.
type ReportAttendance struct {
	ID, TrainingID, HeldOn, Title, StaffID, StaffName, Unit string
	Hours                                                   float64 // the person's own hours, else the session's
}

// ReportAttendances calls fn with each live attendance at the live sessions held from from
// to to (YYYY-MM-DD, both included), by date, session and name.
//
// It is the year export's longest read (150,000 rows at S=100), so the sessions and the
// people are read once into maps, the attendances come in session order straight from the
// indexes, and each session's few hundred lines are put in name order here: joining and
// sorting them all in SQL took twice the time.
func (s *Store) ReportAttendances(ctx context.Context, from, to string, fn func(ReportAttendance) error) error {
	tx, err := s.readers(ctx).BeginTx(ctx, &sql.TxOptions{ReadOnly: true}) // the maps and the lines from one snapshot
	if err != nil {
		return fmt.Errorf("report attendance: %w", s.wrap(err))
	}
	defer tx.Rollback()
	sessions, err := reportSessions(ctx, tx, from, to)
	if err != nil {
		return fmt.Errorf("report attendance: %w", s.wrap(err))
	}
	people, err := reportPeople(ctx, tx)
	if err != nil {
		return fmt.Errorf("report attendance: %w", s.wrap(err))
	}
	rows, err := tx.QueryContext(ctx, `SELECT a.training_id, a.id, a.staff_id, a.hours
		FROM training t JOIN attendance a ON a.training_id = t.id
		WHERE a.deleted_at IS NULL AND t.deleted_at IS NULL AND t.held_on BETWEEN ?1 AND ?2
		ORDER BY t.held_on, t.starts_at, t.id`, from, to)
	if err != nil {
		return fmt.Errorf("report attendance: %w", s.wrap(err))
	}
	defer rows.Close()
	var group []attendanceLine
	flush := func() error {
		slices.SortFunc(group, func(a, b attendanceLine) int {
			return cmp.Or(strings.Compare(a.person.initials, b.person.initials),
				strings.Compare(a.person.name, b.person.name), strings.Compare(a.ID, b.ID))
		})
		for _, l := range group {
			if err := fn(l.ReportAttendance); err != nil {
				return err
			}
		}
		group = group[:0]
		return nil
	}
	var session, person sql.RawBytes // only looked up: the maps hold one copy of each, shared by the lines
	for rows.Next() {
		var l attendanceLine
		var own sql.NullFloat64
		if err := rows.Scan(&session, &l.ID, &person, &own); err != nil {
			return fmt.Errorf("report attendance: %w", s.wrap(err))
		}
		t, ok := sessions[string(session)]
		p, found := people[string(person)]
		if !ok || !found { // the foreign keys and the one snapshot rule it out
			return fmt.Errorf("report attendance: attendance %s names an unknown session or person", l.ID)
		}
		if len(group) > 0 && group[0].TrainingID != t.id {
			if err := flush(); err != nil {
				return err
			}
		}
		l.TrainingID, l.HeldOn, l.Title, l.StaffID, l.StaffName, l.Unit, l.person = t.id, t.heldOn, t.title, p.id, p.name, p.unit, p
		l.Hours = t.hours
		if own.Valid {
			l.Hours = own.Float64
		}
		group = append(group, l)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("report attendance: %w", s.wrap(err))
	}
	return flush()
}

type attendanceLine struct {
	ReportAttendance
	person reportPerson
}

type reportSession struct {
	id, heldOn, title string
	hours             float64
}

type reportPerson struct{ id, name, initials, unit string }

// reportSessions reads the live sessions held from from to to, by id.
func reportSessions(ctx context.Context, tx *sql.Tx, from, to string) (map[string]reportSession, error) {
	return byID(ctx, tx, func(rows *sql.Rows) (t reportSession, err error) {
		err = rows.Scan(&t.id, &t.heldOn, &t.title, &t.hours)
		return t, err
	}, func(t reportSession) string { return t.id }, `SELECT id, held_on, title, hours FROM training
		WHERE deleted_at IS NULL AND held_on BETWEEN ?1 AND ?2`, from, to)
}

// reportPeople reads every person, also those deleted since: their attendance still counts.
func reportPeople(ctx context.Context, tx *sql.Tx) (map[string]reportPerson, error) {
	return byID(ctx, tx, func(rows *sql.Rows) (p reportPerson, err error) {
		err = rows.Scan(&p.id, &p.name, &p.initials, &p.unit)
		return p, err
	}, func(p reportPerson) string { return p.id }, `SELECT id, name, name_initials, unit FROM staff`)
}

// byID reads query's rows, each made by scan, into a map by the id each has.
func byID[T any](ctx context.Context, tx *sql.Tx, scan func(*sql.Rows) (T, error), id func(T) string,
	query string, args ...any) (map[string]T, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out[id(v)] = v
	}
	return out, rows.Err()
}

// ReportActivities calls fn with each live activity held from from to to (YYYY-MM-DD, both
// included), by date and id.
func (s *Store) ReportActivities(ctx context.Context, from, to string, fn func(ActivityRow) error) error {
	rows, err := s.query(ctx, `SELECT `+activityCols+` FROM activity
		WHERE deleted_at IS NULL AND held_on BETWEEN ?1 AND ?2 ORDER BY held_on, id`, from, to)
	if err != nil {
		return fmt.Errorf("report activities: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanActivity(rows)
		if err != nil {
			return fmt.Errorf("report activities: %w", s.wrap(err))
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return s.wrap(rows.Err())
}

// ReportHours is one person's training in a period and in the year up to its end.
type ReportHours struct {
	Staff
	Sessions  int     // sessions attended in the period
	Hours     float64 // hours in the period
	YearHours float64 // hours from yearFrom to the period's end
}

// ReportHours lists the people who attended a live session from from to to (YYYY-MM-DD,
// both included), with their hours there and from yearFrom to to, by unit and name. Only
// attendees are listed, so a person joining the roster later leaves a sent report unchanged.
func (s *Store) ReportHours(ctx context.Context, yearFrom, from, to string) ([]ReportHours, error) {
	rows, err := s.query(ctx, `WITH done AS (
			SELECT a.staff_id,
				SUM(CASE WHEN t.held_on >= ?2 THEN COALESCE(a.hours, t.hours) ELSE 0 END) AS hours,
				SUM(t.held_on >= ?2) AS sessions, -- one attendance per person and session (attendance_once)
				SUM(COALESCE(a.hours, t.hours)) AS year_hours
			FROM attendance a JOIN training t ON t.id = a.training_id
			WHERE a.deleted_at IS NULL AND t.deleted_at IS NULL AND t.held_on BETWEEN ?1 AND ?3
			GROUP BY a.staff_id)
		SELECT `+staffCols+`, done.sessions, done.hours, done.year_hours
		FROM done JOIN staff ON staff.id = done.staff_id
		WHERE done.sessions > 0 AND staff.deleted_at IS NULL
		ORDER BY unit, name_initials, name, id`, yearFrom, from, to)
	if err != nil {
		return nil, fmt.Errorf("report hours: %w", err)
	}
	defer rows.Close()
	var out []ReportHours
	for rows.Next() {
		var h ReportHours
		var err error
		h.Staff, err = scanStaff(rows, &h.Sessions, &h.Hours, &h.YearHours)
		if err != nil {
			return nil, fmt.Errorf("report hours: %w", s.wrap(err))
		}
		out = append(out, h)
	}
	return out, s.wrap(rows.Err())
}
