package publicity_test

import (
	"testing"
	"time"

	"townledger/app/auth"
	"townledger/app/period"
	"townledger/app/publicity"
	"townledger/data"
)

func valid() publicity.Activity {
	return publicity.Activity{HeldOn: "2024-06-16", Title: "安全生产月咨询日", Type: "安全生产月", PlaceKind: "village",
		PlaceName: "东村", Banners: 2, Boards: 10, Materials: 300, People: 200, Drills: 1, DrillPeople: 50, Cost: 12000}
}

func countActivities(t *testing.T, s *data.Store) int {
	t.Helper()
	from, to, _ := period.Parse("2024")
	sums, err := publicity.Totals(ctx, s, from.AddDate(-100, 0, 0), to.AddDate(100, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	return sums.Activities
}

func TestSaveRefusesByField(t *testing.T) {
	s := newStore(t)
	tomorrow := time.Now().AddDate(0, 0, 1).Format(data.DateLayout)
	for _, c := range []struct {
		name       string
		edit       func(*publicity.Activity)
		key, field string
	}{
		{"no title", func(a *publicity.Activity) { a.Title = "  " }, publicity.KeyTitleEmpty, publicity.FieldTitle},
		{"no type", func(a *publicity.Activity) { a.Type = "" }, publicity.KeyTypeEmpty, publicity.FieldType},
		{"unknown type", func(a *publicity.Activity) { a.Type = "广场舞" }, publicity.KeyTypeUnknown, publicity.FieldType},
		{"no date", func(a *publicity.Activity) { a.HeldOn = "" }, publicity.KeyHeldOnEmpty, publicity.FieldHeldOn},
		{"bad date", func(a *publicity.Activity) { a.HeldOn = "2024-02-30" }, publicity.KeyHeldOnInvalid, publicity.FieldHeldOn},
		{"future date", func(a *publicity.Activity) { a.HeldOn = tomorrow }, publicity.KeyHeldOnFuture, publicity.FieldHeldOn},
		{"bad place kind", func(a *publicity.Activity) { a.PlaceKind = "market" }, publicity.KeyPlaceKindUnknown, publicity.FieldPlaceKind},
		{"negative banners", func(a *publicity.Activity) { a.Banners = -1 }, publicity.KeyCountInvalid, publicity.FieldBanners},
		{"negative boards", func(a *publicity.Activity) { a.Boards = -1 }, publicity.KeyCountInvalid, publicity.FieldBoards},
		{"absurd materials", func(a *publicity.Activity) { a.Materials = publicity.MaxCount + 1 }, publicity.KeyCountInvalid, publicity.FieldMaterials},
		{"negative consultations", func(a *publicity.Activity) { a.Consultations = -3 }, publicity.KeyCountInvalid, publicity.FieldConsultations},
		{"negative people", func(a *publicity.Activity) { a.People = -1 }, publicity.KeyCountInvalid, publicity.FieldPeople},
		{"negative enterprises", func(a *publicity.Activity) { a.Enterprises = -1 }, publicity.KeyCountInvalid, publicity.FieldEnterprises},
		{"negative drills", func(a *publicity.Activity) { a.Drills, a.DrillPeople = -1, 0 }, publicity.KeyCountInvalid, publicity.FieldDrills},
		{"drill people without drills", func(a *publicity.Activity) { a.Drills = 0 }, publicity.KeyDrillPeople, publicity.FieldDrillPeople},
		{"negative cost", func(a *publicity.Activity) { a.Cost = -1 }, publicity.KeyCostNegative, publicity.FieldCost},
		{"long title", func(a *publicity.Activity) { a.Title = string(make([]rune, 101)) + "x" }, publicity.KeyTooLong, publicity.FieldTitle},
	} {
		a := valid()
		c.edit(&a)
		_, err := publicity.Save(ctx, s, publicist, a)
		refused(t, c.name, err, c.key, c.field)
		if n := countActivities(t, s); n != 0 {
			t.Fatalf("%s: %d activities stored after a refusal", c.name, n)
		}
	}
	_, err := publicity.Save(ctx, s, trainer, valid())
	refused(t, "trainer", err, "perm.denied", "")
	if n := countActivities(t, s); n != 0 {
		t.Fatalf("trainer: %d activities stored", n)
	}
}

func TestSaveCreatesAndUpdates(t *testing.T) {
	s := newStore(t)
	id := add(t, s, valid())[0]
	got, err := publicity.Load(ctx, s, id)
	if err != nil || got.Title != "安全生产月咨询日" || got.DrillPeople != 50 || got.Cost != 12000 {
		t.Fatalf("load = %+v, %v", got, err)
	}
	got.People, got.Notes = 250, "补录"
	if _, err := publicity.Save(ctx, s, admin, got); err != nil {
		t.Fatal(err)
	}
	if again, _ := publicity.Load(ctx, s, id); again.People != 250 || again.Notes != "补录" {
		t.Errorf("after update: %+v", again)
	}
	// Saving unchanged is fine; a drill count of zero refuses participants on update too.
	if _, err := publicity.Save(ctx, s, publicist, got); err != nil {
		t.Errorf("unchanged save: %v", err)
	}
	bad := got
	bad.Drills = 0
	_, err = publicity.Save(ctx, s, publicist, bad)
	refused(t, "update without drills", err, publicity.KeyDrillPeople, publicity.FieldDrillPeople)
	if again, _ := publicity.Load(ctx, s, id); again.Drills != 1 {
		t.Errorf("refused update stored: %+v", again)
	}
	missing := valid()
	missing.ID = "no-such-id"
	_, err = publicity.Save(ctx, s, publicist, missing)
	refused(t, "missing", err, "db.not_found", "")
}

func TestDeleteLeavesTheFigures(t *testing.T) {
	s := newStore(t)
	id := add(t, s, valid())[0]
	trainer := auth.Session{UserID: "u-li", Roles: []auth.Role{auth.Trainer}}
	refused(t, "trainer", publicity.Delete(ctx, s, trainer, id), "perm.denied", "")
	if err := publicity.Delete(ctx, s, publicist, id); err != nil {
		t.Fatal(err)
	}
	if n := countActivities(t, s); n != 0 {
		t.Errorf("%d activities after deleting", n)
	}
	refused(t, "twice", publicity.Delete(ctx, s, publicist, id), "db.not_found", "")
}

func TestTypesSettingAndDemoTypes(t *testing.T) {
	s := newStore(t)
	types, err := publicity.Types(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"安全生产月", "防灾减灾日", "消防宣传月", "宪法宣传周", "进企业", "进农村", "进社区", "进学校",
		"进家庭", "讲座", "现场咨询", "有奖问答/知识竞赛", "有奖问答", "展板", "横幅", "发放资料", "警示片", "宣传车", "应急演练", "新媒体"} {
		found := false
		for _, ty := range types {
			found = found || ty == want
		}
		if !found {
			t.Errorf("default types lack %s", want)
		}
	}
	if err := publicity.SetTypes(ctx, s, publicist, []string{"x"}); err == nil {
		t.Error("a publicist changed the type list")
	}
	refused(t, "empty list", publicity.SetTypes(ctx, s, admin, []string{" ", ""}), publicity.KeyTypesEmpty, publicity.FieldTypes)
	if err := publicity.SetTypes(ctx, s, admin, []string{"讲座", " 讲座", "", "巡回宣讲"}); err != nil {
		t.Fatal(err)
	}
	if types, _ := publicity.Types(ctx, s); len(types) != 2 || types[1] != "巡回宣讲" {
		t.Errorf("types = %v", types)
	}
	a := valid()
	a.Type = "巡回宣讲"
	add(t, s, a)
}
