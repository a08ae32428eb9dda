package data

import (
	"context"
	"fmt"
)

// Staff is a member of the town's staff roster.
type Staff struct {
	ID           string
	Name         string
	NameInitials string
	Unit         string
	Position     string
	Phone        string
	IsOfficer    bool
	CertNo       string
	CertStatus   string // "", "valid", "due", "revoked"
	CertDueOn    string
	ArchivedOn   string
}

// InsertStaff adds a person to the roster.
func (t *Tx) InsertStaff(s Staff) (string, error) {
	return t.insert("staff", Row{"id": s.ID, "name": s.Name, "name_initials": s.NameInitials, "unit": s.Unit,
		"position": s.Position, "phone": s.Phone, "is_officer": s.IsOfficer, "cert_no": s.CertNo,
		"cert_status": s.CertStatus, "cert_due_on": nullIfEmpty(s.CertDueOn), "archived_on": nullIfEmpty(s.ArchivedOn)})
}

// Training is one training or law-study session.
type Training struct {
	ID          string
	Title       string
	Category    string
	Organiser   string
	Trainer     string
	TrainerUnit string
	HeldOn      string
	StartsAt    string // HH:MM
	EndsAt      string
	Place       string
	Form        string
	Hours       float64
	OwnerID     string
}

// InsertTraining adds a session.
func (t *Tx) InsertTraining(tr Training) (string, error) {
	return t.insert("training", Row{"id": tr.ID, "title": tr.Title, "category": tr.Category, "organiser": tr.Organiser,
		"trainer": tr.Trainer, "trainer_unit": tr.TrainerUnit, "held_on": tr.HeldOn, "starts_at": tr.StartsAt,
		"ends_at": tr.EndsAt, "place": tr.Place, "form": tr.Form, "hours": tr.Hours, "owner_id": tr.OwnerID})
}

// Attendance is one person's presence at a session; Hours overrides the session's (nil = full).
type Attendance struct {
	TrainingID string
	StaffID    string
	Hours      *float64
	Score      *float64
	SignedInAt string
}

// InsertAttendance records that a person attended a session.
func (t *Tx) InsertAttendance(a Attendance) (string, error) {
	return t.insert("attendance", Row{"training_id": a.TrainingID, "staff_id": a.StaffID, "hours": a.Hours,
		"score": a.Score, "signed_in_at": a.SignedInAt})
}

// Activity is a publicity or law-education activity with its figures; Cost is in fen.
type Activity struct {
	ID            string
	HeldOn        string
	Title         string
	Type          string
	PlaceKind     string
	PlaceName     string
	Organisers    string
	Partners      string
	Banners       int
	Boards        int
	Materials     int
	Consultations int
	People        int
	Enterprises   int
	Drills        int
	DrillPeople   int
	Cost          int64
}

// InsertActivity adds an activity.
func (t *Tx) InsertActivity(a Activity) (string, error) {
	return t.insert("activity", Row{"id": a.ID, "held_on": a.HeldOn, "title": a.Title, "type": a.Type,
		"place_kind": a.PlaceKind, "place_name": a.PlaceName, "organisers": a.Organisers, "partners": a.Partners,
		"banners": a.Banners, "boards": a.Boards, "materials": a.Materials, "consultations": a.Consultations,
		"people": a.People, "enterprises": a.Enterprises, "drills": a.Drills, "drill_people": a.DrillPeople,
		"cost": a.Cost})
}

// Officers lists the enforcement officers on the roster who have not left, by name.
func (s *Store) Officers(ctx context.Context) ([]Staff, error) {
	rows, err := s.query(ctx, `SELECT id, name, cert_no, cert_status FROM staff
		WHERE deleted_at IS NULL AND archived_on IS NULL AND is_officer = 1 ORDER BY name_initials, name`)
	if err != nil {
		return nil, fmt.Errorf("officers: %w", err)
	}
	defer rows.Close()
	var out []Staff
	for rows.Next() {
		st := Staff{IsOfficer: true}
		if err := rows.Scan(&st.ID, &st.Name, &st.CertNo, &st.CertStatus); err != nil {
			return nil, fmt.Errorf("officers: %w", s.wrap(err))
		}
		out = append(out, st)
	}
	return out, s.wrap(rows.Err())
}
