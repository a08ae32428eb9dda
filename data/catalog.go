package data

import "fmt"

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
