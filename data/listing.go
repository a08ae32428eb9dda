package data

import (
	"context"
	"fmt"
	"strings"
	"sync"
)

// ListKind names a record list that a section of the window shows.
type ListKind string

// The lists the main window's sections page through.
const (
	ListCatalog    ListKind = "catalog"
	ListCases      ListKind = "cases"
	ListParties    ListKind = "parties"
	ListTrainings  ListKind = "trainings"
	ListStaff      ListKind = "staff"
	ListActivities ListKind = "activities"
	ListExports    ListKind = "exports"
)

// ListItem is one line of a section list: a title, a detail line, a date and a tag: a code
// (a delegation form, a stage, a state) that the interface translates.
type ListItem struct {
	ID     string
	Title  string
	Detail string
	Tag    string
	Date   string
	Key    ListKey // where the line stands in its list's order
}

// ListKey is where a line stands in its list's order: the values it is sorted by, then its
// row number. The zero key is the start of the list.
type ListKey struct {
	vals []string
	row  int64
}

// ListPage says which lines of a list to read: Limit lines, right after the line with key
// After when it is set (the page after one read before: the index is sought, however far
// down), else from position Offset (a jump, as by the scroll bar).
type ListPage struct {
	After         ListKey
	Offset, Limit int
}

// listSpec says, per kind, which table and columns make a list line and what search matches.
type listSpec struct {
	table, title, detail, tag, date string
	// order: the columns the list is sorted by (each NOT NULL), then the row number (lines
	// saved at one moment, as by an import, share their created_at: the row number, which
	// every index holds, keeps them in order without sorting); desc: all of them descending.
	order  []string
	desc   bool
	search []string
	fts    string // full-text table keyed by the table's rowid, if any
}

var listSpecs = map[ListKind]listSpec{
	ListCatalog: {table: "catalog_item", title: "code || ' ' || name", detail: "'v' || version", tag: "delegation",
		date: "effective_from", order: []string{"code"}, search: []string{"code", "name"}},
	ListCases: {table: "case_file", title: "COALESCE(case_no, title)",
		detail: "(SELECT name FROM party WHERE party.id = case_file.party_id) || ' · ' || title", tag: "stage",
		date: "COALESCE(filed_on, '')", order: []string{"created_at"}, desc: true, fts: "case_search"},
	ListParties: {table: "party", title: "name", detail: "COALESCE(credit_code, '') || ' ' || address", tag: "kind",
		date: "''", order: []string{"name_initials", "name"}, search: []string{"name", "name_initials", "credit_code"}},
	// Empty parts leave no stray separators; the form is the tag, which the window translates.
	ListTrainings: {table: "training", title: "title", detail: "trim(category || ' · ' || place, ' ·')", tag: "form",
		date: "held_on", order: []string{"held_on"}, desc: true, search: []string{"title", "category", "trainer"}},
	ListStaff: {table: "staff", title: "name", detail: "unit || ' ' || position", tag: "cert_status",
		date: "''", order: []string{"name_initials", "name"}, search: []string{"name", "name_initials", "unit"}},
	ListActivities: {table: "activity", title: "title", detail: "trim(type || ' · ' || place_name, ' ·')", tag: "''",
		date: "held_on", order: []string{"held_on"}, desc: true, search: []string{"title", "type", "place_name"}},
	ListExports: {table: "export_record", title: "period || ' v' || version", detail: "file_name", tag: "state",
		date: "substr(created_at, 1, 10)", order: []string{"created_at"}, desc: true, search: []string{"period"}},
}

func (sp listSpec) where(search string) (string, []any) {
	w := "deleted_at IS NULL"
	search = strings.TrimSpace(search)
	if search == "" {
		return w, nil
	}
	if sp.fts != "" {
		q := matchQuery(search)
		if q == "" { // only punctuation typed: nothing to search by, so no filter
			return w, nil
		}
		return w + " AND rowid IN (SELECT rowid FROM " + sp.fts + " WHERE " + sp.fts + " MATCH ?)", []any{q}
	}
	pat := "%" + escapeLike(search) + "%"
	ors := make([]string, len(sp.search))
	args := make([]any, len(sp.search))
	for i, c := range sp.search {
		ors[i] = c + ` LIKE ? ESCAPE '\'`
		args[i] = pat
	}
	return w + " AND (" + strings.Join(ors, " OR ") + ")", args
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// List returns one page of a section's records matching search, and the total match count.
func (s *Store) List(ctx context.Context, kind ListKind, search string, offset, limit int) ([]ListItem, int, error) {
	return s.listFiltered(ctx, kind, search, nil, ListPage{Offset: offset, Limit: limit})
}

// ListFrom is List for a page given by position or by the line before it.
func (s *Store) ListFrom(ctx context.Context, kind ListKind, search string, page ListPage) ([]ListItem, int, error) {
	return s.listFiltered(ctx, kind, search, nil, page)
}

// ActivityFilter narrows the activities list; zero values mean any.
type ActivityFilter struct {
	Type string
	Year int
}

// ListActivities is List for activities with their filters.
func (s *Store) ListActivities(ctx context.Context, search string, f ActivityFilter, offset, limit int) ([]ListItem, int, error) {
	return s.ListActivitiesFrom(ctx, search, f, ListPage{Offset: offset, Limit: limit})
}

// ListActivitiesFrom is ListActivities for a page given by position or by the line before it.
func (s *Store) ListActivitiesFrom(ctx context.Context, search string, f ActivityFilter, page ListPage) ([]ListItem, int, error) {
	var conds []cond
	if f.Type != "" {
		conds = append(conds, newCond("type = ?", f.Type))
	}
	if f.Year > 0 {
		conds = append(conds, newCond("held_on >= ? AND held_on < ?", fmt.Sprintf("%04d-01-01", f.Year), fmt.Sprintf("%04d-01-01", f.Year+1)))
	}
	return s.listFiltered(ctx, ListActivities, search, conds, page)
}

// cond is an extra condition of a list: SQL written in this package, and its arguments.
type cond struct {
	sql  string
	args []any
}

func newCond(sql string, args ...any) cond { return cond{sql, args} }

// listFiltered is List with extra conditions.
func (s *Store) listFiltered(ctx context.Context, kind ListKind, search string, conds []cond, page ListPage) ([]ListItem, int, error) {
	sp, ok := listSpecs[kind]
	if !ok {
		return nil, 0, fmt.Errorf("unknown list %q", kind)
	}
	where, args := sp.where(search)
	for _, c := range conds {
		where += " AND " + c.sql
		args = append(args, c.args...)
	}
	total, err := s.count(ctx, "SELECT COUNT(*) FROM "+sp.table+" WHERE "+where, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("count %s: %w", kind, err)
	}
	keys := append(append([]string{}, sp.order...), "rowid")
	dir, cmp := "", ">"
	if sp.desc {
		dir, cmp = " DESC", "<"
	}
	order := strings.Join(keys, dir+", ") + dir
	offset := page.Offset
	if page.After.row != 0 && len(page.After.vals) == len(sp.order) {
		// A row value compared with the key: the index of the first column is sought.
		where += " AND (" + strings.Join(keys, ", ") + ") " + cmp + " (" +
			strings.TrimSuffix(strings.Repeat("?, ", len(keys)), ", ") + ")"
		for _, v := range page.After.vals {
			args = append(args, v)
		}
		args = append(args, page.After.row)
		offset = 0
	}
	q := "SELECT id, " + sp.title + ", " + sp.detail + ", " + sp.tag + ", " + sp.date + ", rowid, " +
		strings.Join(sp.order, ", ") + " FROM " + sp.table + " WHERE " + where + " ORDER BY " + order + " LIMIT ? OFFSET ?"
	rows, err := s.query(ctx, q, append(args, page.Limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list %s: %w", kind, err)
	}
	defer rows.Close()
	out := make([]ListItem, 0, page.Limit)
	for rows.Next() {
		it := ListItem{Key: ListKey{vals: make([]string, len(sp.order))}}
		dest := []any{&it.ID, &it.Title, &it.Detail, &it.Tag, &it.Date, &it.Key.row}
		for i := range it.Key.vals {
			dest = append(dest, &it.Key.vals[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, 0, fmt.Errorf("list %s: %w", kind, s.wrap(err))
		}
		out = append(out, it)
	}
	return out, total, s.wrap(rows.Err())
}

// Counts returns how many live records each list holds, for the home page.
func (s *Store) Counts(ctx context.Context) (map[ListKind]int, error) {
	out := make(map[ListKind]int, len(listSpecs))
	for k, sp := range listSpecs {
		n, err := s.count(ctx, "SELECT COUNT(*) FROM "+sp.table+" WHERE deleted_at IS NULL")
		if err != nil {
			return nil, fmt.Errorf("count %s: %w", k, err)
		}
		out[k] = n
	}
	return out, nil
}

// countCache remembers what a counting statement returned in a given state of the ledger:
// the audit log's last row, as every change appends one (in this process or another).
// Paging a list, going back to it or typing a search and deleting it again counts nothing
// twice. Each Store has its own.
type countCache struct {
	sync.Mutex
	m map[countKey]int
}

type countKey struct {
	query string // the statement and its arguments
	state int64
}

// count runs a SELECT COUNT(*) statement, or remembers its result from before if the
// ledger has not changed since.
func (s *Store) count(ctx context.Context, query string, args ...any) (int, error) {
	var state int64
	if err := s.queryRow(ctx, []any{&state}, "SELECT COALESCE(MAX(seq), 0) FROM audit_log"); err != nil {
		return 0, err
	}
	key := countKey{fmt.Sprintf("%s %q", query, args), state}
	counts := &s.counts
	counts.Lock()
	n, ok := counts.m[key]
	counts.Unlock()
	if ok {
		return n, nil
	}
	if err := s.queryRow(ctx, []any{&n}, query, args...); err != nil {
		return 0, err
	}
	counts.Lock()
	if counts.m == nil || len(counts.m) >= 512 { // older states are forgotten with the rest
		counts.m = map[countKey]int{}
	}
	counts.m[key] = n
	counts.Unlock()
	return n, nil
}
