package training

import (
	"context"

	"townledger/app/auth"
	"townledger/app/settings"
	"townledger/data"
)

// CategoriesSetting is the setting holding the session categories, one per line.
const CategoriesSetting = "training.categories"

// DefaultCategories are the categories offered until an administrator changes the list.
var DefaultCategories = []string{"公共法律知识", "专业法律知识", "执法技能", "新法专题", "以案释法", "会前学法", "党委中心组学法"}

// FieldCategories is the form field of the category list, named in refusals.
const FieldCategories = "categories"

// categories is the office's list of session categories.
var categories = settings.List{Key: CategoriesSetting, Defaults: DefaultCategories, Field: FieldCategories,
	MaxLen: SessionMaxLen[FieldCategory], EmptyKey: KeyCategoriesEmpty, LongKey: KeyCategoriesLong}

// Categories returns the session categories in display order: the stored list, or
// DefaultCategories when none is stored.
func Categories(ctx context.Context, store *data.Store) ([]string, error) {
	return categories.Get(ctx, store)
}

// SetCategories replaces the list of session categories (administrators). Blank lines and
// repeats are dropped; the list may not end up empty and each category has at most 30
// characters. Sessions keep the category they were recorded with.
func SetCategories(ctx context.Context, store *data.Store, by auth.Session, cats []string) error {
	return categories.Set(ctx, store, by, cats)
}
