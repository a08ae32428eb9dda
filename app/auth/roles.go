// Package auth holds TownLedger's local accounts: roles, what each role may do, password
// hashing and sign-in. Permission checks live here so the window and the command line
// enforce the same rules.
package auth

import (
	"slices"

	"townledger/app/problem"
)

// Role is a job a user holds; a user may hold several.
type Role string

// The roles of DESIGN.md.
const (
	Admin     Role = "admin"     // 管理员
	Officer   Role = "officer"   // 执法人员
	Trainer   Role = "trainer"   // 培训记录员
	Publicist Role = "publicist" // 宣传记录员
	Exporter  Role = "exporter"  // 报送员
)

// Roles lists every role in display order.
var Roles = []Role{Admin, Officer, Trainer, Publicist, Exporter}

// ParseRole accepts a role's code.
func ParseRole(s string) (Role, bool) {
	r := Role(s)
	return r, slices.Contains(Roles, r)
}

// Perm is one thing a user may be allowed to do.
type Perm string

// The permissions the program checks.
const (
	ManageUsers    Perm = "manage_users"
	ManageSettings Perm = "manage_settings"
	ManageBackups  Perm = "manage_backups"
	EditCatalog    Perm = "edit_catalog"
	EditCases      Perm = "edit_cases"
	EditParties    Perm = "edit_parties"
	EditStaff      Perm = "edit_staff"
	EditTrainings  Perm = "edit_trainings"
	EditActivities Perm = "edit_activities"
	ExportReports  Perm = "export_reports"
	LoadDemo       Perm = "load_demo"
)

// grants says which role may do what; everyone may read every section.
var grants = map[Role][]Perm{
	Admin: {ManageUsers, ManageSettings, ManageBackups, EditCatalog, EditCases, EditParties, EditStaff,
		EditTrainings, EditActivities, ExportReports, LoadDemo},
	Officer:   {EditCases, EditParties},
	Trainer:   {EditTrainings, EditStaff},
	Publicist: {EditActivities},
	Exporter:  {ExportReports},
}

// Allows reports whether any of roles grants p.
func Allows(roles []Role, p Perm) bool {
	for _, r := range roles {
		if slices.Contains(grants[r], p) {
			return true
		}
	}
	return false
}

// Granting lists the roles that allow p, in display order.
func Granting(p Perm) []Role {
	var out []Role
	for _, r := range Roles {
		if slices.Contains(grants[r], p) {
			out = append(out, r)
		}
	}
	return out
}

// Session is the signed-in user.
type Session struct {
	UserID      string
	Username    string
	DisplayName string
	Roles       []Role
}

// Can reports whether the session's user may do p.
func (s Session) Can(p Perm) bool { return Allows(s.Roles, p) }

// Require refuses with "perm.denied" unless the user may do p.
func (s Session) Require(p Perm) error {
	if s.Can(p) {
		return nil
	}
	return problem.New("perm.denied", map[string]any{"Perm": string(p)})
}
