package training_test

import (
	"context"
	"slices"
	"testing"

	"townledger/app/auth"
	"townledger/app/officetest"
	"townledger/app/problem"
	"townledger/app/training"
	"townledger/data"
)

var (
	ctx       = context.Background()
	admin     = auth.Session{UserID: "u-admin", Username: "admin", Roles: []auth.Role{auth.Admin}}
	trainerA  = auth.Session{UserID: "u-zhao", Username: "zhao", Roles: []auth.Role{auth.Trainer}}
	trainerB  = auth.Session{UserID: "u-qian", Username: "qian", Roles: []auth.Role{auth.Trainer}}
	publicist = auth.Session{UserID: "u-sun", Username: "sun", Roles: []auth.Role{auth.Publicist}}
)

func newStore(t *testing.T) *data.Store { return officetest.NewStore(t) }

// addStaff puts people on the roster and returns their ids in order.
func addStaff(t *testing.T, s *data.Store, people ...training.Person) []string {
	t.Helper()
	ids := make([]string, len(people))
	for i, p := range people {
		id, err := training.SaveStaff(ctx, s, admin, p)
		if err != nil {
			t.Fatalf("staff %s: %v", p.Name, err)
		}
		ids[i] = id
	}
	return ids
}

func key(err error) string {
	if p := problem.From(err); p != nil {
		return p.Key
	}
	return ""
}

func auditRows(t *testing.T, s *data.Store) int {
	t.Helper()
	n, err := s.AuditCount(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func f(v float64) *float64 { return &v }

// refused checks that err carries want among its keys, a key this package declares.
func refused(t *testing.T, what string, err error, want, field string) {
	t.Helper()
	ks, fields := officetest.Keys(err)
	i := slices.Index(ks, want)
	if i < 0 {
		t.Errorf("%s: got %v, want %s", what, err, want)
		return
	}
	if field != "" && fields[i] != field {
		t.Errorf("%s: %s on field %q, want %q", what, want, fields[i], field)
	}
	if !slices.Contains(training.Keys(), want) && want != "perm.denied" && want != "db.not_found" && want[:4] != "ids." {
		t.Errorf("%s: key %s is not in training.Keys()", what, want)
	}
}
