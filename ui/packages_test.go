package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"townledger/app/auth"
	"townledger/app/catalog"
	appdistrict "townledger/app/district"
	"townledger/app/officetest"
)

const packageItem = "A-09"

// districtPackage writes the package a district bureau would mail its towns, with one
// delegated item the towns lack, and returns its path.
func districtPackage(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	dist := officetest.NewBureau(t, "示范区应急管理局", "110105")
	admin := auth.Session{UserID: "u", Username: "admin", Roles: []auth.Role{auth.Admin}}
	// The template's example item, under a code of its own (the example's is skipped on import).
	it := catalog.ExampleItem()
	it.Code, it.Name = packageItem, "未按规定设置安全警示标志（区局下发）"
	if _, err := catalog.Create(ctx, dist, admin, it); err != nil {
		t.Fatal(err)
	}
	if _, err := appdistrict.AddTown(ctx, dist, admin, appdistrict.Town{Name: "青石镇", DivisionCode: "110105100",
		Emails: "qingshi@example.cn"}); err != nil {
		t.Fatal(err)
	}
	pub, err := appdistrict.NewService(dist).Prepare(ctx, admin, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), pub.FileName)
	if err := os.WriteFile(path, pub.Package, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// A town's administrator opens the district's package in 设置 → 区局下发, sees what it would
// change, applies it; the same package is then refused, and so is a damaged one.
func TestTownAppliesTheDistrictsPackage(t *testing.T) {
	path := districtPackage(t)
	u := signedIn(t)
	p := settingsTab(t, u, "pkg.tab").Packages
	if p == nil {
		t.Fatal("an administrator's settings have no 区局下发 tab")
	}
	if p.Applied.Text != "本台账尚未导入过区局下发包。" || !p.Apply.Disabled() {
		t.Errorf("before: %q, apply enabled %v", p.Applied.Text, !p.Apply.Disabled())
	}

	damaged := filepath.Join(t.TempDir(), "坏.zip")
	raw, _ := os.ReadFile(path)
	if err := os.WriteFile(damaged, raw[:len(raw)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	p.OpenFile(damaged)
	u.tasks.Wait()
	if !strings.Contains(p.Changes.Text, "坏.zip：不能导入") || !p.Apply.Disabled() {
		t.Errorf("a damaged package: %q", p.Changes.Text)
	}

	p.OpenFile(path)
	u.tasks.Wait()
	if !strings.Contains(p.About.Text, "区局下发包第 1 版（示范区应急管理局，区划代码 110105") ||
		!strings.Contains(p.Changes.Text, "新增事项 "+packageItem) || p.Apply.Disabled() {
		t.Fatalf("the package shown: %q\n%q", p.About.Text, p.Changes.Text)
	}
	before := catalogSize(t, u)
	p.ApplyNow()
	u.tasks.Wait()
	if !strings.Contains(p.Changes.Text, "已导入区局下发包第 1 版。") || p.Applied.Text != "已导入：区局（110105）下发包第 1 版。" ||
		!p.Apply.Disabled() {
		t.Errorf("after applying: %q / %q", p.Changes.Text, p.Applied.Text)
	}
	if n := catalogSize(t, u); n != before+1 {
		t.Errorf("the town's catalogue has %d items, %d before", n, before)
	}

	p.OpenFile(path)
	u.tasks.Wait()
	if !strings.Contains(p.Changes.Text, "不能导入") || !p.Apply.Disabled() {
		t.Errorf("the same package again: %q", p.Changes.Text)
	}
}

// catalogSize is how many items the town's catalogue has in force today.
func catalogSize(t *testing.T, u *UI) int {
	t.Helper()
	n, err := u.Office.Catalog.ExportWorkbook(context.Background(), filepath.Join(t.TempDir(), "c.xlsx"), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return n
}
