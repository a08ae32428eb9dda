package training

import (
	"context"
	"slices"
	"strings"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/data"
)

// CategoriesSetting is the setting holding the session categories, one per line.
const CategoriesSetting = "training.categories"

// DefaultCategories are the categories offered until an administrator changes the list.
var DefaultCategories = []string{"公共法律知识", "专业法律知识", "执法技能", "新法专题", "以案释法", "会前学法", "党委中心组学法"}

// FieldCategories is the form field of the category list, named in refusals.
const FieldCategories = "categories"

// cleanCategories trims each category and drops empty lines and repeats, keeping the order.
func cleanCategories(cats []string) []string {
	out := make([]string, 0, len(cats))
	for _, c := range cats {
		if c = clean(c); c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// Categories returns the session categories in display order: the stored list, or
// DefaultCategories when none is stored.
func Categories(ctx context.Context, store *data.Store) ([]string, error) {
	v, ok, err := store.Setting(ctx, CategoriesSetting)
	if err != nil {
		return nil, err
	}
	cats := cleanCategories(strings.Split(v, "\n"))
	if !ok || len(cats) == 0 {
		return slices.Clone(DefaultCategories), nil
	}
	return cats, nil
}

// SetCategories replaces the list of session categories (administrators). Blank lines and
// repeats are dropped; the list may not end up empty and each category has at most 30
// characters. Sessions keep the category they were recorded with.
func SetCategories(ctx context.Context, store *data.Store, by auth.Session, cats []string) error {
	if err := by.Require(auth.ManageSettings); err != nil {
		return err
	}
	var l problem.List
	cats = cleanCategories(cats)
	if len(cats) == 0 {
		l = append(l, problem.OnField(FieldCategories, KeyCategoriesEmpty, nil))
	}
	for _, c := range cats {
		if max := SessionMaxLen[FieldCategory]; len([]rune(c)) > max {
			l = append(l, problem.OnField(FieldCategories, KeyCategoriesLong, map[string]any{"Value": c, "Max": max}))
		}
	}
	if err := l.Err(); err != nil {
		return err
	}
	current, err := Categories(ctx, store)
	if err != nil {
		return err
	}
	if _, stored, err := store.Setting(ctx, CategoriesSetting); err != nil {
		return err
	} else if stored && slices.Equal(current, cats) {
		return nil
	}
	return store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		return tx.SetSetting(CategoriesSetting, strings.Join(cats, "\n"))
	})
}
