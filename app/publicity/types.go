package publicity

import (
	"context"

	"townledger/app/auth"
	"townledger/app/settings"
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

// types is the office's list of activity types.
var types = settings.List{Key: TypesSetting, Defaults: DefaultTypes, Field: FieldTypes,
	MaxLen: MaxLen[FieldType], EmptyKey: KeyTypesEmpty, LongKey: KeyTypesLong}

// Types returns the activity types in display order: the stored list, or DefaultTypes
// when none is stored.
func Types(ctx context.Context, store *data.Store) ([]string, error) {
	return types.Get(ctx, store)
}

// SetTypes replaces the list of activity types (administrators). Blank lines and repeats
// are dropped; the list may not end up empty and each type has at most MaxLen[FieldType]
// characters. Activities keep the type they were recorded with.
func SetTypes(ctx context.Context, store *data.Store, by auth.Session, entries []string) error {
	return types.Set(ctx, store, by, entries)
}
