package training_test

import (
	"slices"
	"testing"

	"townledger/app/auth"
	"townledger/app/training"
)

func TestCategoriesDefaultAndEditing(t *testing.T) {
	s := newStore(t)
	cats, err := training.Categories(ctx, s)
	want := []string{"公共法律知识", "专业法律知识", "执法技能", "新法专题", "以案释法", "会前学法", "党委中心组学法"}
	if err != nil || !slices.Equal(cats, want) {
		t.Fatalf("default categories %v, %v", cats, err)
	}
	cats[0] = "changed"
	if again, _ := training.Categories(ctx, s); again[0] != "公共法律知识" {
		t.Error("the caller's copy changed the defaults")
	}
	ids := addStaff(t, s, training.Person{Name: "李明"})
	old := base
	old.Category = "会前学法"
	oldID, err := training.SaveSession(ctx, s, trainerA, old, []training.Attendee{{StaffID: ids[0]}})
	if err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name  string
		by    auth.Session
		cats  []string
		key   string
		after []string
	}{
		{"a trainer may not", trainerA, []string{"安全"}, "perm.denied", want},
		{"empty", admin, []string{" ", ""}, training.KeyCategoriesEmpty, want},
		{"too long", admin, []string{"安全", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"}, training.KeyCategoriesLong, want},
		{"blanks and repeats dropped", admin, []string{" 专业法律知识", "", "应急管理专题", "专业法律知识 ", "执法技能"},
			"", []string{"专业法律知识", "应急管理专题", "执法技能"}},
	}
	for _, c := range cases {
		before := auditRows(t, s)
		err := training.SetCategories(ctx, s, c.by, c.cats)
		switch {
		case c.key == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.key != "":
			refused(t, c.name, err, c.key, "")
			if auditRows(t, s) != before {
				t.Errorf("%s: a refusal stored something", c.name)
			}
		}
		if got, _ := training.Categories(ctx, s); !slices.Equal(got, c.after) {
			t.Errorf("%s: categories %v, want %v", c.name, got, c.after)
		}
	}
	// Setting the same list again writes nothing.
	before := auditRows(t, s)
	if err := training.SetCategories(ctx, s, admin, []string{"专业法律知识", "应急管理专题", "执法技能"}); err != nil || auditRows(t, s) != before {
		t.Errorf("unchanged list: %v, %d rows", err, auditRows(t, s)-before)
	}
	// A new session takes a category of the list; an old one keeps the category it has.
	fresh := base
	fresh.Category = "应急管理专题"
	if _, err := training.SaveSession(ctx, s, trainerA, fresh, nil); err != nil {
		t.Errorf("a new category was refused: %v", err)
	}
	fresh.Category = "以案释法"
	_, err = training.SaveSession(ctx, s, trainerA, fresh, nil)
	refused(t, "a removed category for a new session", err, training.KeyCategoryUnknown, "category")
	old.ID, old.Title = oldID, "会前学法（补记）"
	if _, err := training.SaveSession(ctx, s, trainerA, old, []training.Attendee{{StaffID: ids[0]}}); err != nil {
		t.Errorf("an old session could not keep its removed category: %v", err)
	}
	old.Category = "以案释法"
	_, err = training.SaveSession(ctx, s, trainerA, old, nil)
	refused(t, "an old session moved to a removed category", err, training.KeyCategoryUnknown, "category")
}
