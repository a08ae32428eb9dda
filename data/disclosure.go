package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// DisclosureRow is one penalty decision as the publication sheet (双公示) needs it: the case,
// its party, its catalogue item with the item's legal basis, and the day it was published.
// Dates are YYYY-MM-DD, "" when not reached; Fine is in fen.
type DisclosureRow struct {
	CaseID      string
	CaseNo      string // the decision's document number (行政处罚决定书文号)
	Procedure   string
	Title       string
	Facts       string
	DecidedOn   string
	Outcome     string
	Fine        int64
	Penalty     string // the decision's penalty in words (its step's Penalty field), "" when none
	IssuingBody string
	PartyKind   string // "org" or "person"
	PartyName   string
	CreditCode  string
	IDNumber    string // stored in full: whoever publishes it must mask it
	LegalRep    string
	ItemID      string
	ItemName    string
	Delegation  string // "grant" (赋权) or "entrust" (委托), "" without an item
	// Basis holds the item's "basis" references (处罚依据), by article, paragraph and item.
	// Rows of the same item share one slice: read it, do not change it.
	Basis       []LegalRef
	PublishedOn string // the earliest publication step (公示), "" when none is recorded
	FiledOn     string // 立案: the rule set in force that day gives the publication period
}

// disclosureQuery selects the penalty decisions of a period. A decision not to penalise
// (the outcomes not_penalised_*) is no penalty and is not published as one; a voided or
// deleted case is left out. The basis references are aggregated once per item, not per case.
const disclosureQuery = `WITH basis AS (
	SELECT item_id, json_group_array(json_array(law, law_version, article, COALESCE(paragraph, 0), COALESCE(item, 0))
		ORDER BY article, COALESCE(paragraph, 0), COALESCE(item, 0)) AS refs
	FROM legal_ref WHERE role = 'basis' AND deleted_at IS NULL GROUP BY item_id)
SELECT c.id, COALESCE(c.case_no, ''), c.procedure, c.title, c.facts, c.decided_on, c.outcome, c.fine,
	COALESCE((SELECT json_extract(e.payload, '$.Penalty') FROM case_event e
		WHERE e.case_id = c.id AND e.step = 'decision' AND e.deleted_at IS NULL
		ORDER BY e.occurred_on DESC, e.created_at DESC, e.rowid DESC LIMIT 1), ''),
	c.issuing_body, p.kind, p.name, COALESCE(p.credit_code, ''), COALESCE(p.id_number, ''), p.legal_rep,
	COALESCE(c.item_id, ''), COALESCE(i.name, ''), COALESCE(i.delegation, ''), COALESCE(b.refs, '[]'),
	COALESCE((SELECT MIN(e.occurred_on) FROM case_event e
		WHERE e.case_id = c.id AND e.step = 'publication' AND e.deleted_at IS NULL), ''),
	COALESCE(c.filed_on, '')
FROM case_file c
JOIN party p ON p.id = c.party_id
LEFT JOIN catalog_item i ON i.id = c.item_id
LEFT JOIN basis b ON b.item_id = c.item_id
WHERE c.deleted_at IS NULL AND c.decided_on >= ? AND c.decided_on <= ? AND c.stage <> 'void'
	AND c.outcome <> '' AND c.outcome NOT LIKE 'not\_penalised%' ESCAPE '\'
ORDER BY c.decided_on, c.issuing_body, c.case_year, c.case_seq, c.id`

// Disclosures calls fn with each penalty decision made from from to to (YYYY-MM-DD, both
// included), by decision date and then case number. Rows are read one at a time, so a
// year of any size never sits in memory; an error from fn stops the reading and is returned
// as it is, and so is the context's error when ctx ends.
func (s *Store) Disclosures(ctx context.Context, from, to string, fn func(DisclosureRow) error) error {
	rows, err := s.query(ctx, disclosureQuery, from, to)
	if err != nil {
		return fmt.Errorf("penalty decisions: %w", err)
	}
	defer rows.Close()
	refsByItem := map[string][]LegalRef{}
	var refs sql.RawBytes
	for rows.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		var d DisclosureRow
		err := rows.Scan(&d.CaseID, &d.CaseNo, &d.Procedure, &d.Title, &d.Facts, &d.DecidedOn, &d.Outcome,
			&d.Fine, &d.Penalty, &d.IssuingBody, &d.PartyKind, &d.PartyName, &d.CreditCode, &d.IDNumber, &d.LegalRep,
			&d.ItemID, &d.ItemName, &d.Delegation, &refs, &d.PublishedOn, &d.FiledOn)
		if err != nil {
			return fmt.Errorf("penalty decisions: %w", s.wrap(err))
		}
		basis, ok := refsByItem[d.ItemID]
		if !ok {
			if basis, err = decodeDisclosureRefs(refs); err != nil {
				return fmt.Errorf("legal basis of item %s: %w", d.ItemID, err)
			}
			refsByItem[d.ItemID] = basis
		}
		d.Basis = basis
		if err := fn(d); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("penalty decisions: %w", s.wrap(err))
	}
	return nil
}

// decodeDisclosureRefs reads the JSON the query aggregates: [[law, version, article, paragraph, item], …].
func decodeDisclosureRefs(raw []byte) ([]LegalRef, error) {
	var rows [][]json.RawMessage
	if err := json.Unmarshal(raw, &rows); err != nil {
		return nil, err
	}
	out := make([]LegalRef, 0, len(rows))
	for _, r := range rows {
		if len(r) != 5 {
			return nil, fmt.Errorf("reference with %d fields", len(r))
		}
		ref := LegalRef{Role: "basis"}
		for i, dst := range []any{&ref.Law, &ref.LawVersion, &ref.Article, &ref.Paragraph, &ref.Item} {
			if err := json.Unmarshal(r[i], dst); err != nil {
				return nil, err
			}
		}
		out = append(out, ref)
	}
	return out, nil
}
