package settings

import (
	"context"
	"slices"
	"strings"
	"unicode"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/data"
)

// List is a list the office edits itself (training categories, activity types), stored as
// one setting with an entry per line.
type List struct {
	Key      string   // the setting
	Defaults []string // used while nothing is stored
	Field    string   // the form field named in refusals
	MaxLen   int      // longest entry, in characters
	EmptyKey string   // refusal of an empty list
	LongKey  string   // refusal of an overlong entry (Value, Max)
}

// clean trims each entry and drops blank lines and repeats, keeping the order.
func clean(entries []string) []string {
	out := make([]string, 0, len(entries))
	for _, e := range entries {
		e = strings.TrimFunc(e, func(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' })
		if e != "" && !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}

// Get returns the list in display order: the stored one, or the defaults.
func (l List) Get(ctx context.Context, s *data.Store) ([]string, error) {
	v, ok, err := s.Setting(ctx, l.Key)
	if err != nil {
		return nil, err
	}
	entries := clean(strings.Split(v, "\n"))
	if !ok || len(entries) == 0 {
		return slices.Clone(l.Defaults), nil
	}
	return entries, nil
}

// Set replaces the list (administrators). Blank lines and repeats are dropped; the list may
// not end up empty nor hold an entry over MaxLen; an unchanged list writes nothing. Records
// keep the entry they were made with.
func (l List) Set(ctx context.Context, s *data.Store, by auth.Session, entries []string) error {
	if err := by.Require(auth.ManageSettings); err != nil {
		return err
	}
	var refusals problem.List
	entries = clean(entries)
	if len(entries) == 0 {
		refusals = append(refusals, problem.OnField(l.Field, l.EmptyKey, nil))
	}
	for _, e := range entries {
		if len([]rune(e)) > l.MaxLen {
			refusals = append(refusals, problem.OnField(l.Field, l.LongKey, map[string]any{"Value": e, "Max": l.MaxLen}))
		}
	}
	if err := refusals.Err(); err != nil {
		return err
	}
	joined := strings.Join(entries, "\n")
	if v, stored, err := s.Setting(ctx, l.Key); err != nil {
		return err
	} else if stored && v == joined {
		return nil
	}
	return s.Write(ctx, by.Actor(), func(tx *data.Tx) error { return tx.SetSetting(l.Key, joined) })
}
