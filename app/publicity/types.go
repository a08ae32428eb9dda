package publicity

import (
	"context"
	"slices"
	"strings"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/data"
)

// TypesSetting is the setting holding the activity types, one per line.
const TypesSetting = "publicity.types"

// DefaultTypes are the activity types offered until an administrator changes the list:
// the calendar anchors, the 五进 and the forms of DOMAIN.md, and 有奖问答 as the demo uses it.
var DefaultTypes = []string{"安全生产月", "防灾减灾日", "消防宣传月", "宪法宣传周", "进企业", "进农村", "进社区",
	"进学校", "进家庭", "讲座", "现场咨询", "有奖问答/知识竞赛", "有奖问答", "展板", "横幅", "发放资料", "警示片",
	"宣传车", "应急演练", "新媒体"}

// FieldTypes is the form field of the type list, named in refusals.
const FieldTypes = "types"

func cleanTypes(types []string) []string {
	out := make([]string, 0, len(types))
	for _, t := range types {
		if t = clean(t); t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// Types returns the activity types in display order: the stored list, or DefaultTypes
// when none is stored.
func Types(ctx context.Context, store *data.Store) ([]string, error) {
	v, ok, err := store.Setting(ctx, TypesSetting)
	if err != nil {
		return nil, err
	}
	types := cleanTypes(strings.Split(v, "\n"))
	if !ok || len(types) == 0 {
		return slices.Clone(DefaultTypes), nil
	}
	return types, nil
}

// SetTypes replaces the list of activity types (administrators). Blank lines and repeats
// are dropped; the list may not end up empty and each type has at most MaxLen[FieldType]
// characters. Activities keep the type they were recorded with.
func SetTypes(ctx context.Context, store *data.Store, by auth.Session, types []string) error {
	if err := by.Require(auth.ManageSettings); err != nil {
		return err
	}
	var l problem.List
	types = cleanTypes(types)
	if len(types) == 0 {
		l = append(l, problem.OnField(FieldTypes, KeyTypesEmpty, nil))
	}
	for _, t := range types {
		if max := MaxLen[FieldType]; len([]rune(t)) > max {
			l = append(l, problem.OnField(FieldTypes, KeyTypesLong, map[string]any{"Value": t, "Max": max}))
		}
	}
	if err := l.Err(); err != nil {
		return err
	}
	if v, stored, err := store.Setting(ctx, TypesSetting); err != nil {
		return err
	} else if stored && v == strings.Join(types, "\n") {
		return nil
	}
	return store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		return tx.SetSetting(TypesSetting, strings.Join(types, "\n"))
	})
}
