package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// This file holds the SQL of the staff roster, training sessions with their attendance,
// the yearly hours per person and session attachments. The rules live in app/training.

const staffCols = `id, name, name_initials, unit, position, phone, is_officer, cert_no, cert_status,
	COALESCE(cert_due_on, ''), COALESCE(archived_on, '')`

func scanStaff(sc interface{ Scan(...any) error }, extra ...any) (Staff, error) {
	var s Staff
	dest := append([]any{&s.ID, &s.Name, &s.NameInitials, &s.Unit, &s.Position, &s.Phone, &s.IsOfficer,
		&s.CertNo, &s.CertStatus, &s.CertDueOn, &s.ArchivedOn}, extra...)
	err := sc.Scan(dest...)
	return s, err
}

// StaffByID reads a live person of the roster inside the transaction; a missing one is
// ErrNotFound.
func (t *Tx) StaffByID(id string) (Staff, error) {
	s, err := scanStaff(t.tx.QueryRowContext(t.ctx, `SELECT `+staffCols+` FROM staff WHERE id = ? AND deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Staff{}, &Error{Kind: ErrNotFound, Err: fmt.Errorf("staff %s", id)}
	}
	if err != nil {
		return Staff{}, fmt.Errorf("read staff: %w", t.s.wrap(err))
	}
	return s, nil
}

// StaffByCertNo finds a live person other than exceptID holding an enforcement
// certificate number.
func (t *Tx) StaffByCertNo(certNo, exceptID string) (Staff, bool, error) {
	s, err := scanStaff(t.tx.QueryRowContext(t.ctx, `SELECT `+staffCols+` FROM staff
		WHERE cert_no = ? AND id <> ? AND deleted_at IS NULL ORDER BY created_at LIMIT 1`, certNo, exceptID))
	if errors.Is(err, sql.ErrNoRows) {
		return Staff{}, false, nil
	}
	if err != nil {
		return Staff{}, false, fmt.Errorf("read staff by certificate: %w", t.s.wrap(err))
	}
	return s, true, nil
}

// StaffMembers reads the live roster entries (archived ones included) among ids, by id.
func (t *Tx) StaffMembers(ids []string) (map[string]Staff, error) {
	out := map[string]Staff{}
	for start := 0; start < len(ids); start += identifierBatch {
		batch := ids[start:min(start+identifierBatch, len(ids))]
		args := make([]any, len(batch))
		for i, v := range batch {
			args[i] = v
		}
		rows, err := t.tx.QueryContext(t.ctx, `SELECT `+staffCols+` FROM staff WHERE deleted_at IS NULL
			AND id IN (`+strings.TrimSuffix(strings.Repeat("?, ", len(batch)), ", ")+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("read staff: %w", t.s.wrap(err))
		}
		for rows.Next() {
			s, err := scanStaff(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("read staff: %w", t.s.wrap(err))
			}
			out[s.ID] = s
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("read staff: %w", t.s.wrap(err))
		}
	}
	return out, nil
}

// UpdateStaff changes a live person's details (not the archive date), auditing only the
// columns that change; it reports whether anything did.
func (t *Tx) UpdateStaff(s Staff) (bool, error) {
	return t.updateChanged("staff", s.ID, Row{"name": s.Name, "name_initials": s.NameInitials, "unit": s.Unit,
		"position": s.Position, "phone": s.Phone, "is_officer": s.IsOfficer, "cert_no": s.CertNo,
		"cert_status": s.CertStatus, "cert_due_on": nullIfEmpty(s.CertDueOn)})
}

// ArchiveStaff marks a person as having left on the date on (YYYY-MM-DD) and revokes the
// certificate; the row and every record pointing at it stay.
func (t *Tx) ArchiveStaff(id, on string) error {
	return t.update("staff", id, Row{"archived_on": on, "cert_status": "revoked"})
}

// Roster lists the live staff, optionally with the archived ones, by unit, pinyin initials
// and name.
func (s *Store) Roster(ctx context.Context, includeArchived bool) ([]Staff, error) {
	q := `SELECT ` + staffCols + ` FROM staff WHERE deleted_at IS NULL`
	if !includeArchived {
		q += ` AND archived_on IS NULL`
	}
	rows, err := s.query(ctx, q+` ORDER BY unit, name_initials, name, id`)
	if err != nil {
		return nil, fmt.Errorf("roster: %w", err)
	}
	defer rows.Close()
	var out []Staff
	for rows.Next() {
		st, err := scanStaff(rows)
		if err != nil {
			return nil, fmt.Errorf("roster: %w", s.wrap(err))
		}
		out = append(out, st)
	}
	return out, s.wrap(rows.Err())
}

// CertsDue lists the officers on the roster (not archived) whose certificate is not
// revoked and falls due on or before until (YYYY-MM-DD), the earliest first.
func (s *Store) CertsDue(ctx context.Context, until string) ([]Staff, error) {
	rows, err := s.query(ctx, `SELECT `+staffCols+` FROM staff WHERE deleted_at IS NULL AND archived_on IS NULL
		AND is_officer = 1 AND cert_status <> 'revoked' AND COALESCE(cert_due_on, '') <> '' AND cert_due_on <= ?
		ORDER BY cert_due_on, name_initials, name`, until)
	if err != nil {
		return nil, fmt.Errorf("certificates due: %w", err)
	}
	defer rows.Close()
	var out []Staff
	for rows.Next() {
		st, err := scanStaff(rows)
		if err != nil {
			return nil, fmt.Errorf("certificates due: %w", s.wrap(err))
		}
		out = append(out, st)
	}
	return out, s.wrap(rows.Err())
}

// TrainingRow is a session as stored: the Training columns, its notes and, when listed,
// the number of live attendance rows.
type TrainingRow struct {
	Training
	Notes      string
	Attendance int
}

const trainingCols = `t.id, t.title, t.category, t.organiser, t.trainer, t.trainer_unit, t.held_on, t.starts_at,
	t.ends_at, t.place, t.form, t.hours, t.owner_id, t.notes`

func scanTraining(sc interface{ Scan(...any) error }, extra ...any) (TrainingRow, error) {
	var r TrainingRow
	dest := append([]any{&r.ID, &r.Title, &r.Category, &r.Organiser, &r.Trainer, &r.TrainerUnit, &r.HeldOn,
		&r.StartsAt, &r.EndsAt, &r.Place, &r.Form, &r.Hours, &r.OwnerID, &r.Notes}, extra...)
	err := sc.Scan(dest...)
	return r, err
}

func trainingRow(r TrainingRow) Row {
	return Row{"title": r.Title, "category": r.Category, "organiser": r.Organiser, "trainer": r.Trainer,
		"trainer_unit": r.TrainerUnit, "held_on": r.HeldOn, "starts_at": r.StartsAt, "ends_at": r.EndsAt,
		"place": r.Place, "form": r.Form, "hours": r.Hours, "owner_id": r.OwnerID, "notes": r.Notes}
}

// CreateTraining adds a session with its notes.
func (t *Tx) CreateTraining(r TrainingRow) (string, error) {
	row := trainingRow(r)
	row["id"] = r.ID
	return t.insert("training", row)
}

// UpdateTraining changes a live session, auditing only the columns that change; it
// reports whether anything did.
func (t *Tx) UpdateTraining(r TrainingRow) (bool, error) {
	return t.updateChanged("training", r.ID, trainingRow(r))
}

// DeleteTraining soft-deletes a session with its attendance and attachments.
func (t *Tx) DeleteTraining(id string) error {
	if err := t.ReplaceAttendance(id, nil); err != nil {
		return err
	}
	atts, err := t.attachmentIDs("training", id)
	if err != nil {
		return err
	}
	for _, a := range atts {
		if err := t.softDelete("attachment", a); err != nil {
			return err
		}
	}
	return t.softDelete("training", id)
}

// Training reads a live session inside the transaction; a missing one is ErrNotFound.
func (t *Tx) Training(id string) (TrainingRow, error) {
	r, err := scanTraining(t.tx.QueryRowContext(t.ctx, `SELECT `+trainingCols+` FROM training t
		WHERE t.id = ? AND t.deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return TrainingRow{}, &Error{Kind: ErrNotFound, Err: fmt.Errorf("training %s", id)}
	}
	if err != nil {
		return TrainingRow{}, fmt.Errorf("read training: %w", t.s.wrap(err))
	}
	return r, nil
}

// Training reads a live session and its live attendance in roster order (unit, initials).
func (s *Store) Training(ctx context.Context, id string) (TrainingRow, []Attendance, error) {
	r, err := scanTraining(s.r.QueryRowContext(ctx, `SELECT `+trainingCols+` FROM training t
		WHERE t.id = ? AND t.deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return TrainingRow{}, nil, &Error{Kind: ErrNotFound, Err: fmt.Errorf("training %s", id)}
	}
	if err != nil {
		return TrainingRow{}, nil, fmt.Errorf("read training: %w", s.wrap(err))
	}
	rows, err := s.query(ctx, `SELECT a.training_id, a.staff_id, a.hours, a.score, a.signed_in_at
		FROM attendance a JOIN staff s ON s.id = a.staff_id
		WHERE a.training_id = ? AND a.deleted_at IS NULL
		ORDER BY s.unit, s.name_initials, s.name, a.staff_id`, id)
	if err != nil {
		return TrainingRow{}, nil, fmt.Errorf("read attendance: %w", err)
	}
	defer rows.Close()
	var out []Attendance
	for rows.Next() {
		var a Attendance
		var hours, score sql.NullFloat64
		if err := rows.Scan(&a.TrainingID, &a.StaffID, &hours, &score, &a.SignedInAt); err != nil {
			return TrainingRow{}, nil, fmt.Errorf("read attendance: %w", s.wrap(err))
		}
		a.Hours, a.Score = floatPtr(hours), floatPtr(score)
		out = append(out, a)
	}
	return r, out, s.wrap(rows.Err())
}

func floatPtr(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	f := v.Float64
	return &f
}

// TrainingSessions lists the live sessions held between from and to (YYYY-MM-DD,
// inclusive), newest first, each with its number of attendees.
func (s *Store) TrainingSessions(ctx context.Context, from, to string) ([]TrainingRow, error) {
	rows, err := s.query(ctx, `SELECT `+trainingCols+`,
		(SELECT COUNT(*) FROM attendance a WHERE a.training_id = t.id AND a.deleted_at IS NULL)
		FROM training t WHERE t.deleted_at IS NULL AND t.held_on BETWEEN ? AND ?
		ORDER BY t.held_on DESC, t.starts_at DESC, t.created_at DESC, t.id DESC`, from, to)
	if err != nil {
		return nil, fmt.Errorf("training sessions: %w", err)
	}
	defer rows.Close()
	var out []TrainingRow
	for rows.Next() {
		var n int
		r, err := scanTraining(rows, &n)
		if err != nil {
			return nil, fmt.Errorf("training sessions: %w", s.wrap(err))
		}
		r.Attendance = n
		out = append(out, r)
	}
	return out, s.wrap(rows.Err())
}

// ReplaceAttendance makes list the session's live attendance: rows of people no longer
// listed are soft-deleted, changed ones updated, new ones inserted. Each staff id may
// appear once in list.
func (t *Tx) ReplaceAttendance(trainingID string, list []Attendance) error {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT id, staff_id, hours, score, signed_in_at FROM attendance
		WHERE training_id = ? AND deleted_at IS NULL`, trainingID)
	if err != nil {
		return fmt.Errorf("read attendance: %w", t.s.wrap(err))
	}
	type current struct {
		id           string
		hours, score *float64
		signedIn     string
	}
	have := map[string]current{}
	var order []string
	for rows.Next() {
		var c current
		var staffID string
		var hours, score sql.NullFloat64
		if err := rows.Scan(&c.id, &staffID, &hours, &score, &c.signedIn); err != nil {
			rows.Close()
			return fmt.Errorf("read attendance: %w", t.s.wrap(err))
		}
		c.hours, c.score = floatPtr(hours), floatPtr(score)
		have[staffID] = c
		order = append(order, staffID)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return fmt.Errorf("read attendance: %w", t.s.wrap(err))
	}
	keep := map[string]bool{}
	for _, a := range list {
		if keep[a.StaffID] {
			return fmt.Errorf("attendance: staff %s listed twice", a.StaffID)
		}
		keep[a.StaffID] = true
		c, ok := have[a.StaffID]
		if !ok {
			a.TrainingID = trainingID
			if _, err := t.InsertAttendance(a); err != nil {
				return err
			}
			continue
		}
		changes := Row{}
		if !sameFloat(c.hours, a.Hours) {
			changes["hours"] = nullableFloat(a.Hours)
		}
		if !sameFloat(c.score, a.Score) {
			changes["score"] = nullableFloat(a.Score)
		}
		if c.signedIn != a.SignedInAt {
			changes["signed_in_at"] = a.SignedInAt
		}
		if err := t.update("attendance", c.id, changes); err != nil {
			return err
		}
	}
	for _, staffID := range order {
		if !keep[staffID] {
			if err := t.softDelete("attendance", have[staffID].id); err != nil {
				return err
			}
		}
	}
	return nil
}

func sameFloat(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func nullableFloat(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// StaffHours is one person's training in a period.
type StaffHours struct {
	Staff
	Hours    float64 // session hours, or the person's own where recorded
	Sessions int     // sessions attended
}

// TrainingTotals adds up, in one query, each person's hours at the live sessions held
// between from and to (YYYY-MM-DD, inclusive). It lists everyone on the roster, and
// archived people who attended in the period or left only after it; most hours first.
func (s *Store) TrainingTotals(ctx context.Context, from, to string) ([]StaffHours, error) {
	rows, err := s.query(ctx, `WITH done AS (
			SELECT a.staff_id, SUM(COALESCE(a.hours, t.hours)) AS hours, COUNT(DISTINCT t.id) AS sessions
			FROM attendance a JOIN training t ON t.id = a.training_id
			WHERE a.deleted_at IS NULL AND t.deleted_at IS NULL AND t.held_on BETWEEN ? AND ?
			GROUP BY a.staff_id)
		SELECT `+staffCols+`, COALESCE(done.hours, 0), COALESCE(done.sessions, 0)
		FROM staff LEFT JOIN done ON done.staff_id = staff.id
		WHERE staff.deleted_at IS NULL AND (staff.archived_on IS NULL OR staff.archived_on > ? OR done.sessions > 0)
		ORDER BY COALESCE(done.hours, 0) DESC, unit, name_initials, name, id`, from, to, to)
	if err != nil {
		return nil, fmt.Errorf("training totals: %w", err)
	}
	defer rows.Close()
	var out []StaffHours
	for rows.Next() {
		var h StaffHours
		var err error
		h.Staff, err = scanStaff(rows, &h.Hours, &h.Sessions)
		if err != nil {
			return nil, fmt.Errorf("training totals: %w", s.wrap(err))
		}
		out = append(out, h)
	}
	return out, s.wrap(rows.Err())
}

// Attachment is a file kept with a record (a session's notice, slides, photos, sign-in
// sheet). Content is read only by AttachmentContent.
type Attachment struct {
	ID         string
	OwnerTable string
	OwnerID    string
	Kind       string
	FileName   string
	MIME       string
	Size       int64
	SHA256     string // hex
	CreatedAt  string
	CreatedBy  string
	Content    []byte
}

// InsertAttachment stores a file; its size and SHA-256 are computed here. The audit row
// names the file and its hash but never holds its content.
func (t *Tx) InsertAttachment(a Attachment) (string, error) {
	sum := sha256.Sum256(a.Content)
	row := Row{"id": a.ID, "owner_table": a.OwnerTable, "owner_id": a.OwnerID, "kind": a.Kind,
		"file_name": a.FileName, "mime": a.MIME, "size": int64(len(a.Content)), "sha256": hex.EncodeToString(sum[:])}
	full := Row{"content": a.Content}
	for k, v := range row {
		full[k] = v
	}
	return t.insertAuditing("attachment", full, row)
}

// DeleteAttachment soft-deletes a file.
func (t *Tx) DeleteAttachment(id string) error {
	return t.softDelete("attachment", id)
}

// Attachment reads a live attachment's description (no content) inside the transaction.
func (t *Tx) Attachment(id string) (Attachment, error) {
	var a Attachment
	err := t.tx.QueryRowContext(t.ctx, `SELECT `+attachmentCols+` FROM attachment WHERE id = ? AND deleted_at IS NULL`, id).
		Scan(&a.ID, &a.OwnerTable, &a.OwnerID, &a.Kind, &a.FileName, &a.MIME, &a.Size, &a.SHA256, &a.CreatedAt, &a.CreatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return Attachment{}, &Error{Kind: ErrNotFound, Err: fmt.Errorf("attachment %s", id)}
	}
	if err != nil {
		return Attachment{}, fmt.Errorf("read attachment: %w", t.s.wrap(err))
	}
	return a, nil
}

func (t *Tx) attachmentIDs(ownerTable, ownerID string) ([]string, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT id FROM attachment WHERE owner_table = ? AND owner_id = ?
		AND deleted_at IS NULL ORDER BY created_at`, ownerTable, ownerID)
	if err != nil {
		return nil, fmt.Errorf("read attachments: %w", t.s.wrap(err))
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("read attachments: %w", t.s.wrap(err))
		}
		out = append(out, id)
	}
	return out, t.s.wrap(rows.Err())
}

const attachmentCols = `id, owner_table, owner_id, kind, file_name, mime, size, sha256, created_at, created_by`

// Attachments lists a record's live attachments without their content, oldest first.
func (s *Store) Attachments(ctx context.Context, ownerTable, ownerID string) ([]Attachment, error) {
	rows, err := s.query(ctx, `SELECT `+attachmentCols+` FROM attachment
		WHERE owner_table = ? AND owner_id = ? AND deleted_at IS NULL ORDER BY created_at, file_name, id`, ownerTable, ownerID)
	if err != nil {
		return nil, fmt.Errorf("attachments: %w", err)
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		var a Attachment
		if err := rows.Scan(&a.ID, &a.OwnerTable, &a.OwnerID, &a.Kind, &a.FileName, &a.MIME, &a.Size, &a.SHA256,
			&a.CreatedAt, &a.CreatedBy); err != nil {
			return nil, fmt.Errorf("attachments: %w", s.wrap(err))
		}
		out = append(out, a)
	}
	return out, s.wrap(rows.Err())
}

// ErrAttachmentDamaged is returned when a stored file no longer matches its SHA-256.
var ErrAttachmentDamaged = errors.New("attachment content does not match its SHA-256")

// AttachmentContent reads a live attachment's content, checked against its stored SHA-256.
func (s *Store) AttachmentContent(ctx context.Context, id string) ([]byte, error) {
	var content []byte
	var sum string
	err := s.queryRow(ctx, []any{&content, &sum}, `SELECT content, sha256 FROM attachment WHERE id = ? AND deleted_at IS NULL`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &Error{Kind: ErrNotFound, Err: fmt.Errorf("attachment %s", id)}
	}
	if err != nil {
		return nil, fmt.Errorf("read attachment: %w", err)
	}
	got := sha256.Sum256(content)
	if hex.EncodeToString(got[:]) != sum {
		return nil, fmt.Errorf("attachment %s: %w", id, ErrAttachmentDamaged)
	}
	if content == nil {
		content = []byte{}
	}
	return content, nil
}

// updateChanged updates only those columns of next whose stored value differs, so the
// audit row shows the real change; it reports whether there was one.
func (t *Tx) updateChanged(table, id string, next Row) (bool, error) {
	keys := sortedKeys(next)
	before, err := t.readColumns(table, id, keys)
	if err != nil {
		return false, err
	}
	changes := Row{}
	for _, k := range keys {
		if sqlValue(before[k]) != sqlValue(next[k]) {
			changes[k] = next[k]
		}
	}
	if len(changes) == 0 {
		return false, nil
	}
	return true, t.update(table, id, changes)
}

// sqlValue brings a Go value and the value SQLite hands back to one comparable form.
func sqlValue(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case float32:
		return float64(x)
	case []byte:
		return string(x)
	case *float64:
		if x == nil {
			return nil
		}
		return *x
	case *string:
		if x == nil {
			return nil
		}
		return *x
	}
	return v
}

// Overlap is a live session at the same time that one of the given people attends.
type Overlap struct {
	StaffID, StaffName, Title, StartsAt, EndsAt string
}

// OverlappingAttendance finds, for the given people, other live sessions on the same day
// whose times overlap [startsAt, endsAt) — nobody sits in two rooms at once. Sessions with
// no times recorded are not compared.
func (t *Tx) OverlappingAttendance(staffIDs []string, heldOn, startsAt, endsAt, excludeID string) ([]Overlap, error) {
	if len(staffIDs) == 0 || startsAt == "" || endsAt == "" {
		return nil, nil
	}
	args := []any{heldOn, endsAt, startsAt, excludeID}
	marks := make([]string, len(staffIDs))
	for i, id := range staffIDs {
		marks[i] = "?"
		args = append(args, id)
	}
	rows, err := t.tx.QueryContext(t.ctx, `SELECT a.staff_id, s.name, tr.title, tr.starts_at, tr.ends_at
		FROM attendance a JOIN training tr ON tr.id = a.training_id JOIN staff s ON s.id = a.staff_id
		WHERE a.deleted_at IS NULL AND tr.deleted_at IS NULL AND tr.held_on = ?
		AND tr.starts_at != '' AND tr.ends_at != '' AND tr.starts_at < ? AND tr.ends_at > ? AND tr.id != ?
		AND a.staff_id IN (`+strings.Join(marks, ", ")+`) ORDER BY s.name`, args...)
	if err != nil {
		return nil, fmt.Errorf("overlapping sessions: %w", t.s.wrap(err))
	}
	defer rows.Close()
	var out []Overlap
	for rows.Next() {
		var o Overlap
		if err := rows.Scan(&o.StaffID, &o.StaffName, &o.Title, &o.StartsAt, &o.EndsAt); err != nil {
			return nil, fmt.Errorf("overlapping sessions: %w", t.s.wrap(err))
		}
		out = append(out, o)
	}
	return out, t.s.wrap(rows.Err())
}
