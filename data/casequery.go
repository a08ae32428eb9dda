package data

import (
	"context"
	"database/sql"
	"errors"
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

// orderCol is a column the case list is ordered by. Every order ends with the row id, in
// the list's direction, so that each row has one place in it and a page can start right
// after the last row of the one before (keyset paging) instead of counting past every row
// before it.
type orderCol struct {
	expr      string
	nullable  bool // NULL sorts first going up, last going down
	nullsLast bool // and last going up too (no deadline: after every date)
}

// byParty reads the cases party by party in the order of the parties' initials (the
// party table as p): the parties' index, then each party's cases in theirs.
const byParty = "party AS p CROSS JOIN case_file ON case_file.party_id = p.id"

// caseOrders are the orders of the case list by its Sort key; any other key (and "") is
// newest first: the row id alone, descending.
var caseOrders = map[string][]orderCol{
	"case_no":  {{expr: "case_year", nullable: true}, {expr: "case_seq", nullable: true}},
	"party":    {{expr: "p.name_initials"}, {expr: "p.rowid"}}, // FROM byParty
	"stage":    {{expr: "stage"}},
	"filed_on": {{expr: "filed_on", nullable: true}},
	"next_due": {{expr: "next_due_on", nullable: true, nullsLast: true}, {expr: "stage"}}, // the index's order
	"fine":     {{expr: "fine"}},
}

// CaseKey is a row's place in the order it was listed in; the next page starts after it.
type CaseKey struct {
	order string // the Sort and direction it belongs to
	vals  [2]any
	rowid int64
}

// CaseRow is one line of the case list.
type CaseRow struct {
	ID, CaseNo, Party, Title, Stage, FiledOn, NextDueOn, NextDueKind, Officers string
	Fine                                                                       int64
	Key                                                                        CaseKey // where the page after this row starts
}

// inSearch and eachInSearch keep the cases a search matches: the first reads the matches
// once, the second asks the full-text index about each row the query reads.
const (
	inSearch     = "case_file.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)"
	eachInSearch = "EXISTS (SELECT 1 FROM case_search WHERE case_search MATCH ? AND case_search.rowid = case_file.rowid)"
)

func (q CaseQuery) where() (string, []any) {
	conds := []string{"case_file.deleted_at IS NULL"}
	var args []any
	if m := matchQuery(q.Search); m != "" {
		conds = append(conds, inSearch)
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

// Cases returns one page of the filtered, ordered case list starting at offset, and the
// number of matches (see CaseCount). Paging on from a page already read is CasesAfter's.
func (s *Store) Cases(ctx context.Context, q CaseQuery, offset, limit int) ([]CaseRow, int, error) {
	total, err := s.CaseCount(ctx, q)
	if err != nil || limit <= 0 {
		return nil, total, err
	}
	rows, err := s.casePage(ctx, q, nil, offset, limit)
	return rows, total, err
}

// CasesAfter returns the page of the case list that follows the row whose Key is after:
// read from that row's place in the index rather than counted from the first row, so the
// last page comes as fast as the first. The key must come from a row of the same order.
func (s *Store) CasesAfter(ctx context.Context, q CaseQuery, after CaseKey, limit int) ([]CaseRow, error) {
	if after.order != q.orderName() {
		return nil, fmt.Errorf("list cases: a page key of order %q continues no list in order %q", after.order, q.orderName())
	}
	return s.casePage(ctx, q, &after, 0, limit)
}

// orderName names the query's order, as its page keys carry it.
func (q CaseQuery) orderName() string {
	if _, ok := caseOrders[q.Sort]; !ok {
		return ""
	}
	return fmt.Sprintf("%s/%t", q.Sort, q.Desc)
}

// plainSearch: words alone (today's window changes no match), newest first — the full-text
// index yields its matches in that order by itself.
func (q CaseQuery) plainSearch() bool {
	return matchQuery(q.Search) != "" && q == (CaseQuery{Search: q.Search, Today: q.Today, SoonTo: q.SoonTo, Sort: q.Sort, Desc: q.Desc}) &&
		q.orderName() == ""
}

// manyMatches is how many matches of a search make a sorted page quicker to read in the
// sort's index order, keeping the rows that match, than by sorting every match.
var manyMatches = 2000

// casePage reads limit rows of the list: after a row's key, or from offset.
func (s *Store) casePage(ctx context.Context, q CaseQuery, after *CaseKey, offset, limit int) ([]CaseRow, error) {
	if q.plainSearch() {
		return s.searchPage(ctx, matchQuery(q.Search), after, offset, limit)
	}
	cols := caseOrders[q.Sort]
	desc := q.Desc || cols == nil // newest first by default
	where, args := q.where()
	from := "case_file"
	if q.Sort == "party" {
		from = byParty
	}
	keyset := cols != nil && (after != nil || offset == 0)
	if m := matchQuery(q.Search); cols != nil && m != "" {
		if n, err := s.CaseCount(ctx, q); err == nil && n > manyMatches && keyset {
			// A common word sorted by another column: walk the sort's index and ask the
			// full-text index about each row, rather than sort tens of thousands of matches.
			where = strings.Replace(where, inSearch, eachInSearch, 1)
		} else if q.Sort == "party" {
			// A rarer one: read its matches and sort them.
			from = "case_file JOIN party AS p ON p.id = case_file.party_id"
		}
	}
	extra := []string{"case_file.rowid", "NULL", "NULL"}
	for i, c := range cols {
		extra[i+1] = c.expr
	}
	sel := `SELECT ` + caseRowCols + `, ` + strings.Join(extra, ", ") + ` FROM ` + from + ` WHERE `
	read := func(cond string, cargs []any, cols []orderCol, limit, offset int, whole bool) ([]CaseRow, error) {
		var order []string
		for _, c := range cols {
			if whole && c.nullsLast && !desc {
				order = append(order, "("+c.expr+" IS NULL)")
			}
			order = append(order, c.expr+direction(desc))
		}
		order = append(order, "case_file.rowid"+direction(desc))
		rows, err := s.query(ctx, sel+where+cond+` ORDER BY `+strings.Join(order, ", ")+` LIMIT ? OFFSET ?`,
			append(append(append([]any{}, args...), cargs...), limit, offset)...)
		if err != nil {
			return nil, fmt.Errorf("list cases: %w", err)
		}
		return s.scanCaseRows(rows, q.orderName(), limit)
	}
	if !keyset {
		cond, cargs := "", []any(nil)
		if after != nil {
			cond, cargs = seekAfter(cols, desc, *after)
			cond = " AND " + cond
		}
		if offset == 0 {
			return read(cond, cargs, cols, limit, 0, true)
		}
		// Far down the list: find the key of the row before the page by its order's columns
		// alone (sorting whole rows to skip them costs ten times as much), then read the
		// page after it.
		k, ok, err := s.keyAt(ctx, q, from, where, args, cols, desc, offset-1)
		if err != nil || !ok {
			return nil, err
		}
		return s.casePage(ctx, q, &k, 0, limit)
	}
	// Keyset paging reads the first column's index from the key on: its rows with a value,
	// then (or, going up, before them) its rows without, each part in the index's order.
	first := cols[0]
	parts := orderParts(cols, desc)
	var out []CaseRow
	started := after == nil
	for _, p := range parts {
		cond, cargs := p.cond, []any(nil)
		if !started {
			if (after.vals[0] == nil) != p.null {
				continue // the key is in a later part
			}
			started = true
			k := *after
			if p.null {
				k.vals = [2]any{after.vals[1], nil}
			}
			seek, sargs := seekAfter(p.cols, desc, k)
			if rv, rargs, ok := rowValueAfter(p.cols, desc, k, !p.null); ok {
				seek, sargs = rv, rargs // one range of the index
			}
			cond, cargs = cond+" AND "+seek, sargs
			if !p.null && !strings.ContainsAny(first.expr, " (") {
				// The range of the first column's index to read from.
				if desc {
					cond += " AND " + first.expr + " <= ?"
				} else {
					cond += " AND " + first.expr + " >= ?"
				}
				cargs = append(cargs, after.vals[0])
			}
		}
		rows, err := read(cond, cargs, p.cols, limit-len(out), 0, false)
		if err != nil {
			return nil, err
		}
		if out = append(out, rows...); len(out) >= limit {
			break
		}
	}
	return out, nil
}

// part is a stretch of the list in which the first order column is NULL throughout or
// never: read in its index's order.
type part struct {
	cond string
	cols []orderCol
	null bool
}

func orderParts(cols []orderCol, desc bool) []part {
	first := cols[0]
	if !first.nullable {
		return []part{{"", cols, false}}
	}
	valued := part{" AND " + first.expr + " IS NOT NULL", cols, false}
	null := part{" AND " + first.expr + " IS NULL", cols[1:], true}
	if desc || first.nullsLast {
		return []part{valued, null}
	}
	return []part{null, valued}
}

// keyAt is the key of row i (from 0) of the list, found from the order's columns alone:
// in the part of the list holding it (the parts counted, as counts are remembered), by its
// index. ok is false past the end.
func (s *Store) keyAt(ctx context.Context, q CaseQuery, from, where string, args []any, cols []orderCol, desc bool, i int) (CaseKey, bool, error) {
	k := CaseKey{order: q.orderName()}
	extra := []string{"case_file.rowid", "NULL", "NULL"}
	for j, c := range cols {
		extra[j+1] = c.expr
	}
	if matchQuery(q.Search) != "" && cols != nil {
		// The matches read once, the rows walked in the index's order keeping them.
		where = strings.Replace(where, inSearch, "+"+inSearch, 1)
	}
	parts := []part{{"", cols, false}}
	if cols != nil {
		parts = orderParts(cols, desc)
	}
	for j, p := range parts {
		if j < len(parts)-1 {
			n, err := s.count(ctx, "SELECT COUNT(*) FROM "+from+" WHERE "+where+p.cond, args...)
			if err != nil {
				return k, false, fmt.Errorf("list cases: %w", err)
			}
			if i >= n {
				i -= n
				continue
			}
		}
		var order []string
		for _, c := range p.cols {
			order = append(order, c.expr+direction(desc))
		}
		order = append(order, "case_file.rowid"+direction(desc))
		err := s.queryRow(ctx, []any{&k.rowid, &k.vals[0], &k.vals[1]}, `SELECT `+strings.Join(extra, ", ")+` FROM `+from+
			` WHERE `+where+p.cond+` ORDER BY `+strings.Join(order, ", ")+` LIMIT 1 OFFSET ?`, append(append([]any{}, args...), i)...)
		if errors.Is(err, sql.ErrNoRows) {
			return k, false, nil
		}
		if err != nil {
			return k, false, fmt.Errorf("list cases: %w", err)
		}
		return k, true, nil
	}
	return k, false, nil
}

func direction(desc bool) string {
	if desc {
		return " DESC"
	}
	return " ASC"
}

// seekAfter is the condition "comes after the row with key k" in the order of cols (then
// the row id), each column in the list's direction unless fixed ascending; NULL sorts as
// the least value.
func seekAfter(cols []orderCol, desc bool, k CaseKey) (string, []any) {
	var terms, same []string
	var args, sameArgs []any
	for i, c := range cols {
		v := k.vals[i]
		d := desc
		var gt string
		var gtArgs []any
		switch {
		case v == nil && !d:
			gt = c.expr + " IS NOT NULL"
		case v == nil && d: // nothing is less than NULL
		case !d:
			gt, gtArgs = c.expr+" > ?", []any{v}
		case c.nullable:
			gt, gtArgs = "("+c.expr+" < ? OR "+c.expr+" IS NULL)", []any{v}
		default:
			gt, gtArgs = c.expr+" < ?", []any{v}
		}
		if gt != "" {
			terms = append(terms, strings.Join(append(append([]string{}, same...), gt), " AND "))
			args = append(append(args, sameArgs...), gtArgs...)
		}
		same = append(same, c.expr+" IS ?")
		sameArgs = append(sameArgs, v)
	}
	op := " > ?"
	if desc {
		op = " < ?"
	}
	terms = append(terms, strings.Join(append(same, "case_file.rowid"+op), " AND "))
	args = append(append(args, sameArgs...), k.rowid)
	return "(" + strings.Join(terms, " OR ") + ")", args
}

// rowValueAfter is seekAfter as one comparison of row values, which SQLite reads as a
// range of the index; it says NULL rather than true or false for a row with a NULL, so it
// serves only where no column after the first (known not NULL in the valued part) can be.
func rowValueAfter(cols []orderCol, desc bool, k CaseKey, firstKnown bool) (string, []any, bool) {
	exprs := make([]string, 0, len(cols)+1)
	args := make([]any, 0, len(cols)+1)
	for i, c := range cols {
		if k.vals[i] == nil || c.nullable && (i > 0 || !firstKnown) {
			return "", nil, false
		}
		exprs = append(exprs, c.expr)
		args = append(args, k.vals[i])
	}
	exprs = append(exprs, "case_file.rowid")
	args = append(args, k.rowid)
	op := " > "
	if desc {
		op = " < "
	}
	return "(" + strings.Join(exprs, ", ") + ")" + op + "(" + strings.Repeat("?, ", len(args)-1) + "?)", args, true
}

// searchPage is the plain search: the index yields its matches newest first and only the
// rows of the page are read from the table. The index holds live cases only (a deleted
// case leaves it).
func (s *Store) searchPage(ctx context.Context, match string, after *CaseKey, offset, limit int) ([]CaseRow, error) {
	seek, args := "", []any{match}
	if after != nil {
		seek, args = " AND case_search.rowid < ?", append(args, after.rowid)
	}
	rows, err := s.query(ctx, `SELECT `+caseRowCols+`, case_file.rowid, NULL, NULL FROM case_search
		JOIN case_file ON case_file.rowid = case_search.rowid
		WHERE case_search MATCH ?`+seek+` ORDER BY case_search.rowid DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("search cases: %w", err)
	}
	return s.scanCaseRows(rows, "", limit)
}

func (s *Store) scanCaseRows(rows *sql.Rows, order string, limit int) ([]CaseRow, error) {
	defer rows.Close()
	out := make([]CaseRow, 0, limit)
	for rows.Next() {
		r := CaseRow{Key: CaseKey{order: order}}
		if err := rows.Scan(&r.ID, &r.CaseNo, &r.Party, &r.Title, &r.Stage, &r.FiledOn, &r.NextDueOn, &r.NextDueKind, &r.Officers, &r.Fine,
			&r.Key.rowid, &r.Key.vals[0], &r.Key.vals[1]); err != nil {
			return nil, fmt.Errorf("list cases: %w", s.wrap(err))
		}
		out = append(out, r)
	}
	return out, s.wrap(rows.Err())
}

// CaseCount is how many cases match q: counted once per query and state of the ledger.
func (s *Store) CaseCount(ctx context.Context, q CaseQuery) (int, error) {
	q.Sort, q.Desc = "", false // the order changes no count
	if q.Due == "" {
		q.Today, q.SoonTo = "", ""
	}
	var n int
	var err error
	if m := matchQuery(q.Search); m != "" && q == (CaseQuery{Search: q.Search}) {
		n, err = s.count(ctx, "SELECT COUNT(*) FROM case_search WHERE case_search MATCH ?", m)
	} else {
		where, args := q.where()
		n, err = s.count(ctx, "SELECT COUNT(*) FROM case_file WHERE "+where, args...)
	}
	if err != nil {
		return 0, fmt.Errorf("count cases: %w", err)
	}
	return n, nil
}

// CaseYears lists the years of the cases' numbers present (the year filter's), newest
// first: each found by one step down the numbers' index, not by reading every case.
func (s *Store) CaseYears(ctx context.Context) ([]int, error) {
	rows, err := s.query(ctx, `WITH RECURSIVE y(v) AS (
			SELECT MAX(case_year) FROM case_file WHERE deleted_at IS NULL
			UNION ALL
			SELECT (SELECT MAX(case_year) FROM case_file WHERE case_year < y.v AND deleted_at IS NULL) FROM y WHERE y.v IS NOT NULL)
		SELECT v FROM y WHERE v IS NOT NULL`)
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
