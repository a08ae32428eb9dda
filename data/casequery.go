package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// CaseQuery filters and orders the case list. Zero values mean "any".
type CaseQuery struct {
	Search   string // words, numbers, codes, pinyin initials (full-text)
	Stage    string // a step, or "open" for cases not closed or void
	ItemCode string // catalogue item code, across its versions
	Year     int    // filing year
	Officer  string // a name among the officers at filing
	Due      string // "overdue" or "soon", against Today and SoonUntil
	Today    string // YYYY-MM-DD
	SoonTo   string // last day counted as due soon
	Sort     string // one of CaseSorts; default newest first
	Desc     bool
}

// CaseSorts are the columns the case list sorts by.
var CaseSorts = map[string]string{
	"case_no":  "case_year %[1]s, case_seq %[1]s",
	"party":    "(SELECT name_initials FROM party WHERE party.id = case_file.party_id) %[1]s",
	"stage":    "stage %[1]s",
	"filed_on": "filed_on %[1]s",
	"next_due": "next_due_on IS NULL, next_due_on %[1]s",
	"fine":     "fine %[1]s",
}

// CaseRow is one line of the case list.
type CaseRow struct {
	ID, CaseNo, Party, Title, Stage, FiledOn, NextDueOn, NextDueKind, Officers string
	Fine                                                                       int64
}

func (q CaseQuery) where() (string, []any) {
	conds := []string{"deleted_at IS NULL"}
	var args []any
	if m := matchQuery(q.Search); m != "" {
		conds = append(conds, "rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)")
		args = append(args, m)
	}
	open := "stage NOT IN ('closing', 'void')"
	switch q.Stage {
	case "":
	case "open":
		conds = append(conds, open)
	default:
		conds = append(conds, "stage = ?")
		args = append(args, q.Stage)
	}
	if q.ItemCode != "" {
		conds = append(conds, "item_id IN (SELECT id FROM catalog_item WHERE code = ?)")
		args = append(args, q.ItemCode)
	}
	if q.Year > 0 {
		conds = append(conds, "case_year = ?")
		args = append(args, q.Year)
	}
	if q.Officer != "" {
		conds = append(conds, `officers LIKE ? ESCAPE '\'`)
		args = append(args, "%"+escapeLike(q.Officer)+"%")
	}
	switch q.Due {
	case "overdue":
		conds = append(conds, open, "next_due_on < ?")
		args = append(args, q.Today)
	case "soon":
		conds = append(conds, open, "next_due_on >= ? AND next_due_on <= ?")
		args = append(args, q.Today, q.SoonTo)
	}
	return strings.Join(conds, " AND "), args
}

const caseRowCols = `case_file.id, COALESCE(case_no, ''), (SELECT name FROM party WHERE party.id = case_file.party_id),
	title, stage, COALESCE(filed_on, ''), COALESCE(next_due_on, ''), next_due_kind, officers, fine`

// Cases returns one page of the filtered, ordered case list and the number of matches.
// Newest first means latest entered: rowid order, which the full-text index also keeps, so
// a plain search reads only the page it shows instead of every match.
func (s *Store) Cases(ctx context.Context, q CaseQuery, offset, limit int) ([]CaseRow, int, error) {
	if m := matchQuery(q.Search); m != "" && q == (CaseQuery{Search: q.Search, Today: q.Today, SoonTo: q.SoonTo}) {
		return s.searchCases(ctx, m, offset, limit)
	}
	where, args := q.where()
	var total int
	if err := s.queryRow(ctx, []any{&total}, "SELECT COUNT(*) FROM case_file WHERE "+where, args...); err != nil {
		return nil, 0, fmt.Errorf("count cases: %w", err)
	}
	order := "rowid DESC"
	if tmpl, ok := CaseSorts[q.Sort]; ok {
		dir := "ASC"
		if q.Desc {
			dir = "DESC"
		}
		order = fmt.Sprintf(tmpl, dir) + ", rowid DESC"
	}
	rows, err := s.query(ctx, `SELECT `+caseRowCols+` FROM case_file WHERE `+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`,
		append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list cases: %w", err)
	}
	return s.scanCaseRows(rows, total, limit)
}

// searchCases is the plain search: the index counts its matches and yields them newest
// first, and only the rows of the page are read from the table. The index holds live cases
// only (a deleted case leaves it).
func (s *Store) searchCases(ctx context.Context, match string, offset, limit int) ([]CaseRow, int, error) {
	var total int
	if err := s.queryRow(ctx, []any{&total}, "SELECT COUNT(*) FROM case_search WHERE case_search MATCH ?", match); err != nil {
		return nil, 0, fmt.Errorf("count cases: %w", err)
	}
	rows, err := s.query(ctx, `SELECT `+caseRowCols+` FROM case_search JOIN case_file ON case_file.rowid = case_search.rowid
		WHERE case_search MATCH ? ORDER BY case_search.rowid DESC LIMIT ? OFFSET ?`, match, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("search cases: %w", err)
	}
	return s.scanCaseRows(rows, total, limit)
}

func (s *Store) scanCaseRows(rows *sql.Rows, total, limit int) ([]CaseRow, int, error) {
	defer rows.Close()
	out := make([]CaseRow, 0, limit)
	for rows.Next() {
		var r CaseRow
		if err := rows.Scan(&r.ID, &r.CaseNo, &r.Party, &r.Title, &r.Stage, &r.FiledOn, &r.NextDueOn, &r.NextDueKind, &r.Officers, &r.Fine); err != nil {
			return nil, 0, fmt.Errorf("list cases: %w", s.wrap(err))
		}
		out = append(out, r)
	}
	return out, total, s.wrap(rows.Err())
}

// CaseYears lists the filing years present, newest first, for the year filter.
func (s *Store) CaseYears(ctx context.Context) ([]int, error) {
	rows, err := s.query(ctx, `SELECT DISTINCT CAST(substr(filed_on, 1, 4) AS INTEGER) FROM case_file
		WHERE deleted_at IS NULL AND filed_on IS NOT NULL ORDER BY 1 DESC`)
	if err != nil {
		return nil, fmt.Errorf("case years: %w", err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, fmt.Errorf("case years: %w", s.wrap(err))
		}
		out = append(out, y)
	}
	return out, s.wrap(rows.Err())
}

// DueCases is what the home page says of the cases in progress on a day: how many are open,
// overdue and due soon, counted exactly as the case list's filters count them, and the first
// of the overdue and soon-due cases, earliest next date first.
type DueCases struct {
	Open, Overdue, Soon int
	Rows                []CaseRow
}

// DueCases reads the home page's agenda in one statement: three counts and at most limit
// rows, all from the index of live cases' next dates (plus one count of open cases).
func (s *Store) DueCases(ctx context.Context, today, soonTo string, limit int) (DueCases, error) {
	var out DueCases
	openW, openA := CaseQuery{Stage: "open"}.where()
	overW, overA := CaseQuery{Due: "overdue", Today: today}.where()
	soonW, soonA := CaseQuery{Due: "soon", Today: today, SoonTo: soonTo}.where()
	q := `SELECT n.open, n.overdue, n.soon, r.* FROM
		(SELECT (SELECT COUNT(*) FROM case_file WHERE ` + openW + `) AS open,
			(SELECT COUNT(*) FROM case_file WHERE ` + overW + `) AS overdue,
			(SELECT COUNT(*) FROM case_file WHERE ` + soonW + `) AS soon) AS n
		LEFT JOIN (SELECT ` + caseRowCols + ` FROM case_file WHERE ` + openW + ` AND next_due_on <= ?
			ORDER BY next_due_on, stage, case_file.rowid LIMIT ?) AS r ON 1`
	args := append(append(append(append(append([]any{}, openA...), overA...), soonA...), openA...), soonTo, limit)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return out, fmt.Errorf("cases due: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, no, party, title, stage, filed, due, kind, officers sql.NullString
		var fine sql.NullInt64
		if err := rows.Scan(&out.Open, &out.Overdue, &out.Soon, &id, &no, &party, &title, &stage, &filed, &due, &kind, &officers, &fine); err != nil {
			return out, fmt.Errorf("cases due: %w", s.wrap(err))
		}
		if id.Valid { // no row at all: the counts alone, on a row of NULLs
			out.Rows = append(out.Rows, CaseRow{ID: id.String, CaseNo: no.String, Party: party.String, Title: title.String,
				Stage: stage.String, FiledOn: filed.String, NextDueOn: due.String, NextDueKind: kind.String,
				Officers: officers.String, Fine: fine.Int64})
		}
	}
	return out, s.wrap(rows.Err())
}
