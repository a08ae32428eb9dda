// Package kittest gives the screens' tests a signed-in session on a demo ledger; only tests
// import it.
package kittest

import (
	"context"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"townledger/app/office"
	"townledger/app/officetest"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// Day is the day the demo ledger stands on (officetest.DemoStore's records are dated
// before it), 10:00 local time.
var Day = time.Date(2023, 12, 1, 10, 0, 0, 0, time.Local)

// DemoEnv opens officetest's demo ledger as an Office, signs its administrator in and
// returns the session's Env on a window of a throw-away test app, in the default language,
// with the clock at Day. tasks counts the screens' background work; the test's cleanup
// waits for it before the ledger closes.
func DemoEnv(t testing.TB) (u *kit.Env, tasks *sync.WaitGroup) {
	t.Helper()
	ctx := context.Background()
	a := test.NewTempApp(t)
	if err := locale.Use(locale.Default); err != nil {
		t.Fatal(err)
	}
	s := officetest.DemoStore(t)
	path := s.Path()
	s.Close()
	o, err := office.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { o.Close() })
	sess, err := o.Users.Login(ctx, "admin", officetest.AdminPassword)
	if err != nil {
		t.Fatal(err)
	}
	tasks = &sync.WaitGroup{}
	t.Cleanup(tasks.Wait) // runs before the ledger closes
	return kit.NewEnv(a, a.NewWindow("test"), o, sess, func() time.Time { return Day }, nil, tasks), tasks
}
