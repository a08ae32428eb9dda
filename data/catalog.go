package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// CatalogItem is one version of a delegated penalty item (赋权事项). Money is in fen.
type CatalogItem struct {
	ID               string
	Key              string // stable across versions
	Version          int
	Code             string
	Name             string
	Delegation       string // "grant" (赋权, town's own name) or "entrust" (委托, bureau's name)
	AgreementRef     string
	UnitMin, UnitMax *int64
	PersonMin        *int64
	PersonMax        *int64
	LateUnitMin      *int64 // "not corrected in time" ranges
	LateUnitMax      *int64
	LatePersonMin    *int64
	LatePersonMax    *int64
	LateExtra        string
	MinorExempt      bool
	FirstExempt      bool
	ExemptConditions string
	EffectiveFrom    string
	EffectiveTo      string
	Status           string
	Refs             []LegalRef
	Tiers            []Tier
}

// LegalRef is a structured reference to a legal provision: law, version, article, paragraph, item.
type LegalRef struct {
	Role       string // "obligation" or "basis"
	Law        string
	LawVersion string
	Article    int
	Paragraph  int // 0 = none
	Item       int // 0 = none
}

// Tier is a discretion-benchmark tier (裁量阶次) with its fine ranges in fen.
type Tier struct {
	Ordinal   int
	Name      string
	Condition string
	UnitMin   *int64
	UnitMax   *int64
	PersonMin *int64
	PersonMax *int64
}

func zeroNull(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// InsertCatalogItem adds an item version with its legal references and tiers.
func (t *Tx) InsertCatalogItem(it CatalogItem) (string, error) {
	if it.Version == 0 {
		it.Version = 1
	}
	if it.Status == "" {
		it.Status = "active"
	}
	id, err := t.insert("catalog_item", Row{"id": it.ID, "item_key": it.Key, "version": it.Version, "code": it.Code,
		"name": it.Name, "delegation": it.Delegation, "agreement_ref": it.AgreementRef,
		"unit_min": it.UnitMin, "unit_max": it.UnitMax, "person_min": it.PersonMin, "person_max": it.PersonMax,
		"late_unit_min": it.LateUnitMin, "late_unit_max": it.LateUnitMax,
		"late_person_min": it.LatePersonMin, "late_person_max": it.LatePersonMax, "late_extra": it.LateExtra,
		"minor_exempt": it.MinorExempt, "first_exempt": it.FirstExempt, "exempt_conditions": it.ExemptConditions,
		"effective_from": it.EffectiveFrom, "effective_to": nullIfEmpty(it.EffectiveTo), "status": it.Status})
	if err != nil {
		return "", err
	}
	for _, r := range it.Refs {
		if _, err := t.insert("legal_ref", Row{"item_id": id, "role": r.Role, "law": r.Law, "law_version": r.LawVersion,
			"article": r.Article, "paragraph": zeroNull(r.Paragraph), "item": zeroNull(r.Item)}); err != nil {
			return "", fmt.Errorf("item %s: %w", it.Code, err)
		}
	}
	for _, tr := range it.Tiers {
		if _, err := t.insert("discretion_tier", Row{"item_id": id, "ordinal": tr.Ordinal, "name": tr.Name,
			"condition_text": tr.Condition, "unit_min": tr.UnitMin, "unit_max": tr.UnitMax,
			"person_min": tr.PersonMin, "person_max": tr.PersonMax}); err != nil {
			return "", fmt.Errorf("item %s: %w", it.Code, err)
		}
	}
	return id, nil
}

const catalogCols = `id, item_key, version, code, name, delegation, agreement_ref, unit_min, unit_max, person_min,
	person_max, late_unit_min, late_unit_max, late_person_min, late_person_max, late_extra, minor_exempt,
	first_exempt, exempt_conditions, effective_from, COALESCE(effective_to, ''), status`

func scanCatalogItem(sc interface{ Scan(...any) error }) (CatalogItem, error) {
	var it CatalogItem
	err := sc.Scan(&it.ID, &it.Key, &it.Version, &it.Code, &it.Name, &it.Delegation, &it.AgreementRef,
		&it.UnitMin, &it.UnitMax, &it.PersonMin, &it.PersonMax, &it.LateUnitMin, &it.LateUnitMax,
		&it.LatePersonMin, &it.LatePersonMax, &it.LateExtra, &it.MinorExempt, &it.FirstExempt,
		&it.ExemptConditions, &it.EffectiveFrom, &it.EffectiveTo, &it.Status)
	return it, err
}

// CatalogItem reads one item version with its legal references and tiers.
func (s *Store) CatalogItem(ctx context.Context, id string) (CatalogItem, bool, error) {
	it, err := scanCatalogItem(s.r.QueryRowContext(ctx, `SELECT `+catalogCols+` FROM catalog_item WHERE id = ? AND deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return CatalogItem{}, false, nil
	}
	if err != nil {
		return CatalogItem{}, false, fmt.Errorf("read catalogue item: %w", s.wrap(err))
	}
	if it.Refs, err = s.legalRefs(ctx, id); err != nil {
		return CatalogItem{}, false, err
	}
	if it.Tiers, err = s.tiers(ctx, id); err != nil {
		return CatalogItem{}, false, err
	}
	return it, true, nil
}

// CatalogItemsInForce lists the item versions in force on a date, by code, without
// references or tiers (CatalogItem reads one whole).
func (s *Store) CatalogItemsInForce(ctx context.Context, on string) ([]CatalogItem, error) {
	// By dates alone: a version revised or recalled from a later day is still in force until then.
	rows, err := s.query(ctx, `SELECT `+catalogCols+` FROM catalog_item WHERE deleted_at IS NULL
		AND effective_from <= ? AND (effective_to IS NULL OR effective_to >= ?) ORDER BY code`, on, on)
	if err != nil {
		return nil, fmt.Errorf("catalogue in force: %w", err)
	}
	defer rows.Close()
	var out []CatalogItem
	for rows.Next() {
		it, err := scanCatalogItem(rows)
		if err != nil {
			return nil, fmt.Errorf("catalogue in force: %w", s.wrap(err))
		}
		out = append(out, it)
	}
	return out, s.wrap(rows.Err())
}

func (s *Store) legalRefs(ctx context.Context, itemID string) ([]LegalRef, error) {
	rows, err := s.query(ctx, `SELECT role, law, law_version, article, COALESCE(paragraph, 0), COALESCE(item, 0)
		FROM legal_ref WHERE item_id = ? AND deleted_at IS NULL ORDER BY role DESC, article`, itemID)
	if err != nil {
		return nil, fmt.Errorf("legal references: %w", err)
	}
	defer rows.Close()
	var out []LegalRef
	for rows.Next() {
		var r LegalRef
		if err := rows.Scan(&r.Role, &r.Law, &r.LawVersion, &r.Article, &r.Paragraph, &r.Item); err != nil {
			return nil, fmt.Errorf("legal references: %w", s.wrap(err))
		}
		out = append(out, r)
	}
	return out, s.wrap(rows.Err())
}

func (s *Store) tiers(ctx context.Context, itemID string) ([]Tier, error) {
	rows, err := s.query(ctx, `SELECT ordinal, name, condition_text, unit_min, unit_max, person_min, person_max
		FROM discretion_tier WHERE item_id = ? AND deleted_at IS NULL ORDER BY ordinal`, itemID)
	if err != nil {
		return nil, fmt.Errorf("discretion tiers: %w", err)
	}
	defer rows.Close()
	var out []Tier
	for rows.Next() {
		var t Tier
		if err := rows.Scan(&t.Ordinal, &t.Name, &t.Condition, &t.UnitMin, &t.UnitMax, &t.PersonMin, &t.PersonMax); err != nil {
			return nil, fmt.Errorf("discretion tiers: %w", s.wrap(err))
		}
		out = append(out, t)
	}
	return out, s.wrap(rows.Err())
}
