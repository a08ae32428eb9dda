package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Party is an enterprise or a person that can be a case's party (当事人).
type Party struct {
	ID           string
	Kind         string // "org" or "person"
	Name         string
	NameInitials string // pinyin initials for search
	CreditCode   string // 统一社会信用代码, organisations
	IDNumber     string // 身份证号码, persons
	LegalRep     string
	Address      string
	Industry     string
	Contact      string
	Phone        string
	Village      string
	Notes        string
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// InsertParty adds an enterprise or person.
func (t *Tx) InsertParty(p Party) (string, error) {
	return t.insert("party", Row{"id": p.ID, "kind": p.Kind, "name": p.Name, "name_initials": p.NameInitials,
		"credit_code": nullIfEmpty(p.CreditCode), "id_number": nullIfEmpty(p.IDNumber), "legal_rep": p.LegalRep,
		"address": p.Address, "industry": p.Industry, "contact": p.Contact, "phone": p.Phone,
		"village": p.Village, "notes": p.Notes})
}

const partyCols = `id, kind, name, name_initials, COALESCE(credit_code, ''), COALESCE(id_number, ''), legal_rep,
	address, industry, contact, phone, village, notes`

func scanParty(sc interface{ Scan(...any) error }) (Party, error) {
	var p Party
	err := sc.Scan(&p.ID, &p.Kind, &p.Name, &p.NameInitials, &p.CreditCode, &p.IDNumber, &p.LegalRep,
		&p.Address, &p.Industry, &p.Contact, &p.Phone, &p.Village, &p.Notes)
	return p, err
}

// partyBy reads the live party whose column equals value through q (the reader pool or a
// write transaction); column comes from code, never from input.
func partyBy(q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, ctx context.Context, wrap func(error) error, column, value string) (Party, bool, error) {
	p, err := scanParty(q.QueryRowContext(ctx, `SELECT `+partyCols+` FROM party WHERE `+ident(column)+` = ?
		AND deleted_at IS NULL ORDER BY created_at LIMIT 1`, value))
	if errors.Is(err, sql.ErrNoRows) {
		return Party{}, false, nil
	}
	if err != nil {
		return Party{}, false, fmt.Errorf("read party by %s: %w", column, wrap(err))
	}
	return p, true, nil
}

// PartyByCreditCode finds the live party with this (normalised) credit code.
func (s *Store) PartyByCreditCode(ctx context.Context, code string) (Party, bool, error) {
	return partyBy(s.r, ctx, s.wrap, "credit_code", code)
}

// PartyByIDNumber finds the live party with this (normalised) ID number.
func (s *Store) PartyByIDNumber(ctx context.Context, number string) (Party, bool, error) {
	return partyBy(s.r, ctx, s.wrap, "id_number", number)
}

// PartyByCreditCode is Store.PartyByCreditCode inside the transaction, so a check and the
// insert it guards see the same data.
func (t *Tx) PartyByCreditCode(code string) (Party, bool, error) {
	return partyBy(t.tx, t.ctx, t.s.wrap, "credit_code", code)
}

// PartyByIDNumber is Store.PartyByIDNumber inside the transaction.
func (t *Tx) PartyByIDNumber(number string) (Party, bool, error) {
	return partyBy(t.tx, t.ctx, t.s.wrap, "id_number", number)
}

// identifierBatch keeps each query well below SQLite's limit on bound parameters.
const identifierBatch = 400

// PartiesByIdentifier finds the live parties whose credit code or ID number is one of
// values, for checking a whole import at once. The result maps each value found to its
// party (the earliest recorded, should there be several).
func (t *Tx) PartiesByIdentifier(values []string) (map[string]Party, error) {
	out := map[string]Party{}
	for start := 0; start < len(values); start += identifierBatch {
		batch := values[start:min(start+identifierBatch, len(values))]
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(batch)), ", ")
		args := make([]any, 0, 2*len(batch))
		for _, v := range batch {
			args = append(args, v)
		}
		args = append(args, args...)
		rows, err := t.tx.QueryContext(t.ctx, `SELECT `+partyCols+` FROM party WHERE deleted_at IS NULL
			AND (credit_code IN (`+marks+`) OR id_number IN (`+marks+`)) ORDER BY created_at DESC`, args...)
		if err != nil {
			return nil, fmt.Errorf("read parties by identifier: %w", t.s.wrap(err))
		}
		for rows.Next() {
			p, err := scanParty(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("read parties by identifier: %w", t.s.wrap(err))
			}
			for _, v := range []string{p.CreditCode, p.IDNumber} {
				if v != "" {
					out[v] = p // newest first, so the earliest recorded wins
				}
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("read parties by identifier: %w", t.s.wrap(err))
		}
	}
	return out, nil
}
