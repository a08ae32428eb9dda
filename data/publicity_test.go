package data

import (
	"context"
	"errors"
	"testing"
)

func TestActivityCreateUpdateAndSums(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	var id string
	err := s.Write(ctx, alice, func(tx *Tx) error {
		var err error
		id, err = tx.CreateActivity(ActivityRow{Activity: Activity{HeldOn: "2024-06-30", Title: "a", Type: "讲座",
			Boards: 2, People: 10, Cost: 500}, Notes: "n"})
		if err != nil {
			return err
		}
		_, err = tx.CreateActivity(ActivityRow{Activity: Activity{HeldOn: "2024-07-01", Title: "b", Type: "展板",
			Boards: 3, People: 7, Drills: 1, DrillPeople: 40}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Write(ctx, alice, func(tx *Tx) error {
		changed, err := tx.UpdateActivity(ActivityRow{Activity: Activity{ID: id, HeldOn: "2024-06-30", Title: "a2",
			Type: "讲座", Boards: 2, People: 12, Cost: 500}, Notes: "n"})
		if !changed && err == nil {
			t.Error("UpdateActivity reported no change")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Activity(ctx, id)
	if err != nil || got.Title != "a2" || got.People != 12 || got.Notes != "n" {
		t.Errorf("after update: %+v, %v", got, err)
	}
	var e *Error
	err = s.Write(ctx, alice, func(tx *Tx) error {
		_, err := tx.UpdateActivity(ActivityRow{Activity: Activity{ID: "nope", Title: "x"}})
		return err
	})
	if !errors.As(err, &e) || e.Kind != ErrNotFound {
		t.Errorf("update of a missing activity: %v", err)
	}

	for _, c := range []struct {
		from, to string
		want     ActivitySums
	}{
		{"2024-01-01", "2024-06-30", ActivitySums{Activities: 1, Boards: 2, People: 12, Cost: 500}},
		{"2024-07-01", "2024-12-31", ActivitySums{Activities: 1, Boards: 3, People: 7, Drills: 1, DrillPeople: 40}},
		{"2024-01-01", "2024-12-31", ActivitySums{Activities: 2, Boards: 5, People: 19, Drills: 1, DrillPeople: 40, Cost: 500}},
		{"2025-01-01", "2025-12-31", ActivitySums{}},
	} {
		got, err := s.ActivityTotals(ctx, c.from, c.to)
		if err != nil || got != c.want {
			t.Errorf("totals %s–%s = %+v, %v; want %+v", c.from, c.to, got, err, c.want)
		}
	}
	months, err := s.ActivityMonths(ctx, "2024-01-01", "2024-12-31")
	if err != nil || len(months) != 2 || months[0] != (ActivityMonth{6, 1, 12}) || months[1] != (ActivityMonth{7, 1, 7}) {
		t.Errorf("months = %+v, %v", months, err)
	}
	places, err := s.ActivityPlaces(ctx, "2024-07-01", "2024-07-31")
	if err != nil || len(places) != 1 || places[0].Type != "展板" {
		t.Errorf("places = %+v, %v", places, err)
	}
}
