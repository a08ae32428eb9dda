package backup

import (
	"context"
	"regexp"
	"strings"

	"townledger/app/problem"
	"townledger/data"
)

// Lines says what a verification found, one translatable line each, in the order a reader
// needs them: the summary, damage to the file, breaks in the log, then each record.
func (r Report) Lines() []*problem.Error {
	out := []*problem.Error{problem.New("verify.summary", map[string]any{"Schema": r.SchemaVersion, "Rows": r.Log.Rows,
		"Head": r.Log.Head.Seq})}
	for _, p := range r.Problems {
		out = append(out, integrityLine(p))
	}
	if len(r.Problems) > 0 {
		out = append(out, problem.New("verify.damaged_advice", nil))
	}
	if b := r.Log.Break; b != nil {
		key := "verify.break.content"
		if strings.HasPrefix(b.Reason, "previous") {
			key = "verify.break.link"
		}
		out = append(out, problem.New(key, map[string]any{"Seq": b.Seq}))
	}
	if n := r.Log.Truncated(); n > 0 {
		out = append(out, problem.New("verify.truncated", map[string]any{"N": n, "Written": r.Log.Written, "Head": r.Log.Head.Seq}))
	}
	if r.Log.Rows == 0 && r.Log.Records > 0 {
		out = append(out, problem.New("verify.log_empty", map[string]any{"Records": r.Log.Records}))
	}
	if !r.Log.States {
		out = append(out, problem.New("verify.no_states", nil))
	}
	for _, f := range r.Log.Findings {
		out = append(out, findingLine(f))
	}
	if r.Log.More > 0 {
		out = append(out, problem.New("verify.more", map[string]any{"N": r.Log.More}))
	}
	for _, a := range r.Anchors {
		out = append(out, a.Line())
	}
	if r.OK() {
		out = append(out, problem.New("verify.ok", map[string]any{"Records": r.Log.Records}))
	}
	return out
}

func findingLine(f data.Finding) *problem.Error {
	var label any = f.Label
	switch {
	case f.Table == "case_event" && f.Label != "":
		label = problem.New("case.step."+f.Label, nil)
	case f.Label == "":
		label = f.ID
	}
	switch {
	case f.Table == "case_number" && f.Case != "":
		label = f.Case
	case f.Case != "":
		label = problem.New("verify.of_case", map[string]any{"Case": f.Case, "Label": label})
	}
	cols := make([]any, len(f.Columns))
	for i, c := range f.Columns {
		cols[i] = columnName(c)
	}
	d := map[string]any{"Table": tableName(f.Table), "Label": label, "ID": f.ID,
		"Seq": f.Seq, "Columns": cols}
	switch f.Kind {
	case data.Missing:
		return problem.New("verify.missing", d)
	case data.Extra:
		return problem.New("verify.extra", d)
	default:
		return problem.New("verify.differs", d)
	}
}

// SQLite's integrity_check and our foreign-key lines, put in words.
var (
	reIndexRow   = regexp.MustCompile(`^row (\d+) missing from index (\S+)`)
	reIndexCount = regexp.MustCompile(`^wrong # of entries in index (\S+)`)
	reForeignKey = regexp.MustCompile(`^(\S+) row (\S+) refers to a missing (\S+)`)
)

func integrityLine(p string) *problem.Error {
	if m := reIndexRow.FindStringSubmatch(p); m != nil {
		return problem.New("verify.index_row", map[string]any{"Row": m[1], "Index": m[2]})
	}
	if m := reIndexCount.FindStringSubmatch(p); m != nil {
		return problem.New("verify.index_count", map[string]any{"Index": m[1]})
	}
	if m := reForeignKey.FindStringSubmatch(p); m != nil {
		return problem.New("verify.foreign_key", map[string]any{"Table": tableName(m[1]), "Row": m[2], "Parent": tableName(m[3])})
	}
	return problem.New("verify.integrity_other", map[string]any{"Detail": p})
}

// Keys lists the keys of this package's lines, for the translation tests.
func Keys() []string {
	out := []string{"verify.summary", "verify.damaged_advice", "verify.break.content", "verify.break.link",
		"verify.truncated", "verify.log_empty", "verify.no_states", "verify.missing", "verify.extra", "verify.differs",
		"verify.more", "verify.ok", "verify.of_case", "verify.index_row", "verify.index_count", "verify.foreign_key", "verify.integrity_other"}
	for _, t := range data.AuditedTables {
		out = append(out, "verify.table."+t)
	}
	for _, c := range namedColumns {
		out = append(out, "verify.col."+c)
	}
	return append(append(out, anchorKeys...), KeyDamaged, "backup.auto_failed")
}

// tableName is a table's name for people; a table outside the audited ones keeps its own.
func tableName(t string) any {
	for _, a := range data.AuditedTables {
		if a == t {
			return problem.New("verify.table."+t, nil)
		}
	}
	return t
}

// KeyDamaged refuses work on a ledger whose file SQLite's check finds damaged.
const KeyDamaged = "db.damaged"

// CheckSound refuses a ledger whose file is damaged, naming the first thing found, before
// work that would write more into it (an import), and for the window's check at start.
func CheckSound(ctx context.Context, s *data.Store) error {
	lines, err := s.Damage(ctx)
	if err != nil {
		if data.KindOf(err) == data.ErrNotDatabase {
			return &problem.Error{Key: KeyDamaged, Data: map[string]any{"Path": s.Path(), "Detail": problem.New("verify.integrity_other",
				map[string]any{"Detail": err.Error()})}, Err: err}
		}
		return err
	}
	if len(lines) == 0 {
		return nil
	}
	return problem.New(KeyDamaged, map[string]any{"Path": s.Path(), "Detail": integrityLine(lines[0])})
}

// namedColumns are the columns verify names in words; others keep the database's name.
var namedColumns = []string{"active", "address", "case_id", "case_no", "cert_no", "created_at", "created_by", "credit_code", "decided_on", "deleted_at", "display_name", "facts", "filed_on", "fine", "held_on", "hours", "id_number", "is_officer", "key", "legal_rep", "name", "notes", "occurred_on", "outcome", "party_id", "password_hash", "payload", "people", "roles", "score", "seq", "staff_id", "stage", "state", "step", "title", "training_id", "updated_at", "updated_by", "username", "value"}

func columnName(c string) any {
	for _, n := range namedColumns {
		if n == c {
			return problem.New("verify.col."+c, nil)
		}
	}
	return c
}
