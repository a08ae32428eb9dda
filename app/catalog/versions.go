package catalog

import (
	"context"
	"fmt"
	"time"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/data"
)

// Version statuses as stored.
const (
	StatusActive   = "active"
	StatusRevised  = "revised"
	StatusRecalled = "recalled"
)

func requireTown(ctx context.Context, store *data.Store) error {
	_, ok, err := store.Town(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return problem.New(KeyNoTown, nil)
	}
	return nil
}

// codeFree refuses code when an active version of another item (key) holds it on or after
// the date on (YYYY-MM-DD).
func codeFree(tx *data.Tx, code, key, on string) error {
	current, err := tx.CurrentCatalogItems(on)
	if err != nil {
		return err
	}
	for _, c := range current {
		if NormalizeCode(c.Code) == code && c.Key != key {
			return problem.OnField(FieldCode, KeyCodeTaken, map[string]any{"Code": code, "Name": c.Name})
		}
	}
	return nil
}

// Create records a new item: version 1 under a new item key, active. It must pass Check, and
// no active item may hold its code on or after its effective date. by must be allowed to
// edit the catalogue. It returns the version's id.
func Create(ctx context.Context, store *data.Store, by auth.Session, it Item) (string, error) {
	if err := by.Require(auth.EditCatalog); err != nil {
		return "", err
	}
	if err := requireTown(ctx, store); err != nil {
		return "", err
	}
	it, l := Check(it)
	if len(l) > 0 {
		return "", l
	}
	var id string
	err := store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		var err error
		id, err = create(tx, it)
		return err
	})
	return id, err
}

// CreateTx is Create's write in tx (Create's transaction, or a district package's): it is
// checked against the codes in force but not against Check, which the caller has done.
func CreateTx(tx *data.Tx, it Item) (string, error) { return create(tx, it) }

func create(tx *data.Tx, it Item) (string, error) {
	if err := codeFree(tx, it.Code, "", it.EffectiveFrom); err != nil {
		return "", err
	}
	it.ID, it.Key, it.Version, it.Status = "", data.NewID(), 1, StatusActive
	return tx.InsertCatalogItem(it)
}

// Revise records next as the new version of the item whose version itemID is current, in
// one transaction: next becomes version n+1 under the same item key, active, and the old
// version becomes 'revised', in force until the day before next's effective date (or its
// own earlier end). next must pass Check and start after the old version did; only an
// active version can be revised. Cases filed under the old version keep it. It returns the
// new version's id.
func Revise(ctx context.Context, store *data.Store, by auth.Session, itemID string, next Item) (string, error) {
	if err := by.Require(auth.EditCatalog); err != nil {
		return "", err
	}
	next, l := Check(next)
	if len(l) > 0 {
		return "", l
	}
	var id string
	err := store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		old, ok, err := tx.CatalogItem(itemID)
		if err != nil {
			return err
		}
		if !ok {
			return problem.New("db.not_found", nil)
		}
		id, err = revise(tx, old, next)
		return err
	})
	return id, err
}

// current refuses a version that is no longer the item's current one.
func current(old data.CatalogItem) error {
	switch old.Status {
	case StatusRevised:
		return problem.New(KeyRevised, map[string]any{"Code": old.Code})
	case StatusRecalled:
		return problem.New(KeyRecalled, map[string]any{"Code": old.Code})
	}
	return nil
}

// ReviseTx is Revise's write in tx (Revise's transaction, or a district package's): next,
// already checked, becomes the new version of old.
func ReviseTx(tx *data.Tx, old data.CatalogItem, next Item) (string, error) {
	return revise(tx, old, next)
}

func revise(tx *data.Tx, old data.CatalogItem, next Item) (string, error) {
	if err := current(old); err != nil {
		return "", err
	}
	if next.EffectiveFrom <= old.EffectiveFrom {
		return "", problem.OnField(FieldFrom, KeyReviseFrom, map[string]any{"From": old.EffectiveFrom})
	}
	if err := codeFree(tx, next.Code, old.Key, next.EffectiveFrom); err != nil {
		return "", err
	}
	v, err := tx.NextCatalogVersion(old.Key)
	if err != nil {
		return "", err
	}
	next.ID, next.Key, next.Version, next.Status = "", old.Key, v, StatusActive
	id, err := tx.InsertCatalogItem(next)
	if err != nil {
		return "", err
	}
	if err := tx.SetCatalogSupersedes(id, old.ID); err != nil {
		return "", err
	}
	end := dayBefore(next.EffectiveFrom)
	if old.EffectiveTo != "" && old.EffectiveTo < end {
		end = old.EffectiveTo
	}
	return id, tx.UpdateCatalogItemStatus(old.ID, StatusRevised, end)
}

// Recall takes an item back (收回): its current version itemID becomes 'recalled', in force
// until the day before on (or its own earlier end). on must fall after the version's
// effective date and a reason is required; it is kept in the audit log with the change.
// Cases filed under the version keep it.
func Recall(ctx context.Context, store *data.Store, by auth.Session, itemID string, on time.Time, reason string) error {
	if err := by.Require(auth.EditCatalog); err != nil {
		return err
	}
	reason = clean(reason)
	if reason == "" {
		return problem.List{problem.OnField(FieldReason, KeyRecallReason, nil)}
	}
	if n := len([]rune(reason)); n > MaxLen[FieldReason] {
		return problem.List{problem.OnField(FieldReason, KeyTooLong, map[string]any{"Max": MaxLen[FieldReason], "Len": n})}
	}
	day := on.Format(data.DateLayout)
	return store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		old, ok, err := tx.CatalogItem(itemID)
		if err != nil {
			return err
		}
		if !ok {
			return problem.New("db.not_found", nil)
		}
		if err := current(old); err != nil {
			return err
		}
		if dayBefore(day) < old.EffectiveFrom {
			return problem.List{problem.OnField(FieldOn, KeyRecallOn, map[string]any{"From": old.EffectiveFrom})}
		}
		return RecallTx(tx, old, day, reason)
	})
}

// RecallTx ends old in tx (Recall's transaction, or a district package's): recalled, in
// force until the day before day (YYYY-MM-DD) or its own earlier end; an item that only
// starts on or after day ends on its first day. The reason is logged.
func RecallTx(tx *data.Tx, old data.CatalogItem, day, reason string) error {
	end := max(dayBefore(day), old.EffectiveFrom)
	if old.EffectiveTo != "" && old.EffectiveTo < end {
		end = old.EffectiveTo
	}
	if err := tx.UpdateCatalogItemStatus(old.ID, StatusRecalled, end); err != nil {
		return fmt.Errorf("recall item %s: %w", old.Code, err)
	}
	return tx.Event("recall", "catalog_item", old.ID, map[string]any{"on": day, "reason": reason})
}
