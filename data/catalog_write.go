package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Catalogue versioning: an item (one item_key) has versions 1, 2, …; at most one is 'active',
// the ones it replaced are 'revised', a version taken back is 'recalled'. Cases keep the id of
// the version they were filed under, so a version row is never changed except for its status
// and end date.

// queryer is the reader pool or a write transaction.
type queryer interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	QueryRowContext(context.Context, string, ...any) *sql.Row
}

// scanCatalogRows reads item headers (without references or tiers).
func scanCatalogRows(rows *sql.Rows, wrap func(error) error, what string) ([]CatalogItem, error) {
	defer rows.Close()
	var out []CatalogItem
	for rows.Next() {
		it, err := scanCatalogItem(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, wrap(err))
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, wrap(err))
	}
	return out, nil
}

// catalogItemWith reads one whole item version (references and tiers too) through q.
func catalogItemWith(ctx context.Context, q queryer, wrap func(error) error, id string) (CatalogItem, bool, error) {
	it, err := scanCatalogItem(q.QueryRowContext(ctx, `SELECT `+catalogCols+` FROM catalog_item WHERE id = ? AND deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return CatalogItem{}, false, nil
	}
	if err != nil {
		return CatalogItem{}, false, fmt.Errorf("read catalogue item: %w", wrap(err))
	}
	rows, err := q.QueryContext(ctx, `SELECT role, law, law_version, article, COALESCE(paragraph, 0), COALESCE(item, 0)
		FROM legal_ref WHERE item_id = ? AND deleted_at IS NULL ORDER BY role DESC, article, paragraph, item`, id)
	if err != nil {
		return CatalogItem{}, false, fmt.Errorf("legal references: %w", wrap(err))
	}
	for rows.Next() {
		var r LegalRef
		if err := rows.Scan(&r.Role, &r.Law, &r.LawVersion, &r.Article, &r.Paragraph, &r.Item); err != nil {
			rows.Close()
			return CatalogItem{}, false, fmt.Errorf("legal references: %w", wrap(err))
		}
		it.Refs = append(it.Refs, r)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return CatalogItem{}, false, fmt.Errorf("legal references: %w", wrap(err))
	}
	rows, err = q.QueryContext(ctx, `SELECT ordinal, name, condition_text, unit_min, unit_max, person_min, person_max
		FROM discretion_tier WHERE item_id = ? AND deleted_at IS NULL ORDER BY ordinal`, id)
	if err != nil {
		return CatalogItem{}, false, fmt.Errorf("discretion tiers: %w", wrap(err))
	}
	for rows.Next() {
		var t Tier
		if err := rows.Scan(&t.Ordinal, &t.Name, &t.Condition, &t.UnitMin, &t.UnitMax, &t.PersonMin, &t.PersonMax); err != nil {
			rows.Close()
			return CatalogItem{}, false, fmt.Errorf("discretion tiers: %w", wrap(err))
		}
		it.Tiers = append(it.Tiers, t)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return CatalogItem{}, false, fmt.Errorf("discretion tiers: %w", wrap(err))
	}
	return it, true, nil
}

// CatalogItem is Store.CatalogItem inside the transaction, so a check and the write it
// guards see the same data.
func (t *Tx) CatalogItem(id string) (CatalogItem, bool, error) {
	return catalogItemWith(t.ctx, t.tx, t.s.wrap, id)
}

// CurrentCatalogItems lists, by code, the active item versions not yet expired on the date
// on (YYYY-MM-DD): those in force and those whose effective date is still to come. Headers
// only; CatalogItem reads one whole.
func (t *Tx) CurrentCatalogItems(on string) ([]CatalogItem, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT `+catalogCols+` FROM catalog_item WHERE deleted_at IS NULL
		AND status = 'active' AND (effective_to IS NULL OR effective_to >= ?) ORDER BY code, effective_from`, on)
	if err != nil {
		return nil, fmt.Errorf("current catalogue: %w", t.s.wrap(err))
	}
	return scanCatalogRows(rows, t.s.wrap, "current catalogue")
}

// NextCatalogVersion is the version number the next version of the item key takes.
func (t *Tx) NextCatalogVersion(key string) (int, error) {
	var n int
	err := t.tx.QueryRowContext(t.ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM catalog_item
		WHERE item_key = ? AND deleted_at IS NULL`, key).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("next catalogue version: %w", t.s.wrap(err))
	}
	return n, nil
}

// UpdateCatalogItemStatus sets an item version's status ('active', 'revised' or
// 'recalled') and its last day in force (YYYY-MM-DD, "" for none). Nothing else of a
// version ever changes: cases filed under it keep reading it as it was.
func (t *Tx) UpdateCatalogItemStatus(id, status, effectiveTo string) error {
	return t.update("catalog_item", id, Row{"status": status, "effective_to": nullIfEmpty(effectiveTo)})
}

// SetCatalogSupersedes records that version id replaced the version old.
func (t *Tx) SetCatalogSupersedes(id, old string) error {
	return t.update("catalog_item", id, Row{"supersedes_id": old})
}

// CatalogVersions lists every live version of the item key, oldest first, without
// references or tiers.
func (s *Store) CatalogVersions(ctx context.Context, key string) ([]CatalogItem, error) {
	rows, err := s.query(ctx, `SELECT `+catalogCols+` FROM catalog_item WHERE item_key = ? AND deleted_at IS NULL
		ORDER BY version`, key)
	if err != nil {
		return nil, fmt.Errorf("catalogue versions: %w", err)
	}
	return scanCatalogRows(rows, s.wrap, "catalogue versions")
}

// CatalogSupersedes is the id of the version that id replaced, "" for a first version.
func (s *Store) CatalogSupersedes(ctx context.Context, id string) (string, error) {
	var old sql.NullString
	err := s.queryRow(ctx, []any{&old}, `SELECT supersedes_id FROM catalog_item WHERE id = ? AND deleted_at IS NULL`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", &Error{Kind: ErrNotFound, Err: fmt.Errorf("catalog_item %s", id)}
	}
	if err != nil {
		return "", fmt.Errorf("catalogue supersedes: %w", err)
	}
	return old.String, nil
}

// CurrentCatalogItems is Tx.CurrentCatalogItems on the reader pool: the active versions in
// force on the date on or taking effect later, by code, without references or tiers.
func (s *Store) CurrentCatalogItems(ctx context.Context, on string) ([]CatalogItem, error) {
	rows, err := s.query(ctx, `SELECT `+catalogCols+` FROM catalog_item WHERE deleted_at IS NULL
		AND status = 'active' AND (effective_to IS NULL OR effective_to >= ?) ORDER BY code, effective_from`, on)
	if err != nil {
		return nil, fmt.Errorf("current catalogue: %w", err)
	}
	return scanCatalogRows(rows, s.wrap, "current catalogue")
}
