package data

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// Paging by the line before gives, page after page, the very lines paging by position does:
// every line once, in order, also where many lines sort alike (the same initials, the same
// day) and under a search or a filter.
func TestListPagesByKeyAsByPosition(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	err := s.Write(ctx, alice, func(tx *Tx) error {
		for i := range 230 {
			// Ten names share each set of initials, and some share the name itself.
			p := Party{Kind: "org", Name: fmt.Sprintf("青山厂%d", i%37), NameInitials: fmt.Sprintf("qs%02d", i%23)}
			if _, err := tx.InsertParty(p); err != nil {
				return err
			}
			a := Activity{HeldOn: fmt.Sprintf("2024-%02d-%02d", 1+i%3, 1+i%5), Title: fmt.Sprintf("普法%d", i), Type: []string{"讲座", "集市"}[i%2]}
			if _, err := tx.InsertActivity(a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	read := func(t *testing.T, page func(ListPage) ([]ListItem, int, error), byKey bool) []string {
		var ids []string
		var last ListKey
		for p := 0; ; p++ {
			lp := ListPage{Offset: p * 40, Limit: 40}
			if byKey && p > 0 {
				lp = ListPage{After: last, Limit: 40}
			}
			items, _, err := page(lp)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range items {
				ids = append(ids, it.ID)
			}
			if len(items) < 40 {
				return ids
			}
			last = items[len(items)-1].Key
		}
	}
	for _, c := range []struct {
		name string
		want int
		page func(ListPage) ([]ListItem, int, error)
	}{
		{"parties", 230, func(p ListPage) ([]ListItem, int, error) { return s.ListFrom(ctx, ListParties, "", p) }},
		{"parties searched", 230, func(p ListPage) ([]ListItem, int, error) { return s.ListFrom(ctx, ListParties, "青山", p) }},
		{"activities, newest first", 230, func(p ListPage) ([]ListItem, int, error) { return s.ListFrom(ctx, ListActivities, "", p) }},
		{"activities filtered", 115, func(p ListPage) ([]ListItem, int, error) {
			return s.ListActivitiesFrom(ctx, "", ActivityFilter{Type: "讲座", Year: 2024}, p)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			byPos, byKey := read(t, c.page, false), read(t, c.page, true)
			if len(byPos) != c.want || !slices.Equal(byKey, byPos) {
				t.Errorf("by position %d lines, by key %d; the same lines in the same order: %v", len(byPos), len(byKey), slices.Equal(byKey, byPos))
			}
			if seen := slices.Compact(slices.Sorted(slices.Values(byKey))); len(seen) != c.want {
				t.Errorf("%d different lines by key, want %d", len(seen), c.want)
			}
		})
	}
}
