// Package parties keeps the enterprises and persons that cases are brought against, each
// typed once.
//
// The same rules serve a form in the window ([Create]) and a workbook import ([Import]):
// an organisation (单位) needs a valid unified social credit code, a person (个人) a valid
// resident ID number, and no two live parties share either.
package parties

import (
	"context"
	"strings"
	"time"
	"unicode"

	"townledger/app/auth"
	"townledger/app/ids"
	"townledger/app/problem"
	"townledger/app/search"
	"townledger/data"
)

// Party kinds.
const (
	KindOrg    = "org"    // 单位: enterprises, individual businesses, other organisations
	KindPerson = "person" // 个人
)

// Form fields, also the Column names of the import sheet.
const (
	FieldKind       = "kind"
	FieldName       = "name"
	FieldCreditCode = "credit_code"
	FieldIDNumber   = "id_number"
	FieldLegalRep   = "legal_rep"
	FieldAddress    = "address"
	FieldIndustry   = "industry"
	FieldContact    = "contact"
	FieldPhone      = "phone"
	FieldVillage    = "village"
	FieldNotes      = "notes"
)

// MaxLen is the longest text, in characters, each field accepts.
var MaxLen = map[string]int{
	FieldName: 100, FieldLegalRep: 50, FieldAddress: 200, FieldIndustry: 50, FieldContact: 50,
	FieldPhone: 30, FieldVillage: 50, FieldNotes: 1000, FieldCreditCode: 30, FieldIDNumber: 30,
}

// Party is an enterprise or a person as typed in a form or a workbook row.
type Party struct {
	Kind       string // KindOrg or KindPerson
	Name       string
	CreditCode string // 统一社会信用代码, organisations only
	IDNumber   string // 居民身份证号码, persons only
	LegalRep   string
	Address    string
	Industry   string
	Contact    string
	Phone      string
	Village    string
	Notes      string
}

// Translation keys this package produces.
const (
	KeyKind            = "parties.kind.invalid"
	KeyNameEmpty       = "parties.name.empty"
	KeyTooLong         = "parties.too_long" // Max, Len
	KeyCreditRequired  = "parties.credit_code.required"
	KeyIDRequired      = "parties.id_number.required"
	KeyCreditForPerson = "parties.credit_code.person"
	KeyIDForOrg        = "parties.id_number.org"
	KeyCreditTaken     = "parties.credit_code.taken" // Value, Name
	KeyIDTaken         = "parties.id_number.taken"   // Value, Name
	KeyNoTown          = "parties.no_town"
)

// Keys lists every translation key this package produces, for completeness tests.
func Keys() []string {
	return []string{KeyKind, KeyNameEmpty, KeyTooLong, KeyCreditRequired, KeyIDRequired, KeyCreditForPerson,
		KeyIDForOrg, KeyCreditTaken, KeyIDTaken, KeyNoTown}
}

// clean trims white space (including the ideographic space) around s.
func clean(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' })
}

// Check normalises the party (trimmed text, identifiers and phone in their canonical
// form) and lists every rule it breaks, each on its form field. today bounds the birth
// date in an ID number; the zero time means now. Fields with a problem keep their text.
func (p Party) Check(today time.Time) (Party, problem.List) {
	var l problem.List
	long := map[string]bool{}
	for _, f := range []*string{&p.Kind, &p.Name, &p.CreditCode, &p.IDNumber, &p.LegalRep, &p.Address,
		&p.Industry, &p.Contact, &p.Phone, &p.Village, &p.Notes} {
		*f = clean(*f)
	}
	for field, v := range map[string]string{FieldName: p.Name, FieldLegalRep: p.LegalRep, FieldAddress: p.Address,
		FieldIndustry: p.Industry, FieldContact: p.Contact, FieldPhone: p.Phone, FieldVillage: p.Village,
		FieldNotes: p.Notes, FieldCreditCode: p.CreditCode, FieldIDNumber: p.IDNumber} {
		if n := len([]rune(v)); n > MaxLen[field] {
			l = append(l, problem.OnField(field, KeyTooLong, map[string]any{"Max": MaxLen[field], "Len": n}))
			long[field] = true
		}
	}
	l = sortFields(l)
	if p.Kind != KindOrg && p.Kind != KindPerson {
		l = append(l, problem.OnField(FieldKind, KeyKind, map[string]any{"Value": p.Kind}))
	}
	if p.Name == "" {
		l = append(l, problem.OnField(FieldName, KeyNameEmpty, nil))
	}
	switch {
	case long[FieldCreditCode]:
	case p.CreditCode != "":
		if p.Kind == KindPerson {
			l = append(l, problem.OnField(FieldCreditCode, KeyCreditForPerson, nil))
		} else if code, err := ids.ValidateCreditCode(p.CreditCode); err != nil {
			l = append(l, onField(FieldCreditCode, err))
		} else {
			p.CreditCode = code
		}
	case p.Kind == KindOrg:
		l = append(l, problem.OnField(FieldCreditCode, KeyCreditRequired, nil))
	}
	switch {
	case long[FieldIDNumber]:
	case p.IDNumber != "":
		if p.Kind == KindOrg {
			l = append(l, problem.OnField(FieldIDNumber, KeyIDForOrg, nil))
		} else if n, err := ids.ValidateIDNumber(p.IDNumber, today); err != nil {
			l = append(l, onField(FieldIDNumber, err))
		} else {
			p.IDNumber = n
		}
	case p.Kind == KindPerson:
		l = append(l, problem.OnField(FieldIDNumber, KeyIDRequired, nil))
	}
	if p.Phone != "" && !long[FieldPhone] {
		if ph, err := ids.ValidatePhone(p.Phone); err != nil {
			l = append(l, onField(FieldPhone, err))
		} else {
			p.Phone = ph
		}
	}
	return p, l
}

// sortFields orders the length problems by field name, since they come from a map.
func sortFields(l problem.List) problem.List {
	for i := 1; i < len(l); i++ {
		for j := i; j > 0 && l[j].Field < l[j-1].Field; j-- {
			l[j], l[j-1] = l[j-1], l[j]
		}
	}
	return l
}

func onField(field string, err error) *problem.Error {
	p := problem.From(err)
	return &problem.Error{Key: p.Key, Data: p.Data, Field: field, Err: err}
}

// identifier is the party's credit code or ID number and its field.
func (p Party) identifier() (field, value string) {
	if p.Kind == KindOrg {
		return FieldCreditCode, p.CreditCode
	}
	return FieldIDNumber, p.IDNumber
}

// takenProblem says that value, the party's identifier, belongs to the live party ex.
func takenProblem(field, value string, ex data.Party) *problem.Error {
	if field == FieldCreditCode {
		return problem.OnField(field, KeyCreditTaken, map[string]any{"Value": value, "Name": ex.Name})
	}
	return problem.OnField(field, KeyIDTaken, map[string]any{"Value": ids.MaskIDNumber(value), "Name": ex.Name})
}

func (p Party) record() data.Party {
	return data.Party{Kind: p.Kind, Name: p.Name, NameInitials: search.Initials(p.Name), CreditCode: p.CreditCode,
		IDNumber: p.IDNumber, LegalRep: p.LegalRep, Address: p.Address, Industry: p.Industry, Contact: p.Contact,
		Phone: p.Phone, Village: p.Village, Notes: p.Notes}
}

// lookup finds the live party holding an identifier inside a transaction.
func lookup(tx *data.Tx, field, value string) (data.Party, bool, error) {
	if field == FieldCreditCode {
		return tx.PartyByCreditCode(value)
	}
	return tx.PartyByIDNumber(value)
}

// requireTown refuses work before the town is set up: records carry its code.
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

// Create records one enterprise or person for the signed-in user, who must be allowed to
// edit parties. Field problems come back together as a problem.List; a credit code or ID
// number another live party holds is refused with that party's name.
func Create(ctx context.Context, store *data.Store, by auth.Session, p Party) (string, error) {
	if err := by.Require(auth.EditParties); err != nil {
		return "", err
	}
	p, l := p.Check(time.Time{})
	if len(l) > 0 {
		return "", l
	}
	if err := requireTown(ctx, store); err != nil {
		return "", err
	}
	var id string
	err := store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		field, value := p.identifier()
		ex, taken, err := lookup(tx, field, value)
		if err != nil {
			return err
		}
		if taken {
			return problem.List{takenProblem(field, value, ex)}
		}
		id, err = tx.InsertParty(p.record())
		return err
	})
	if data.KindOf(err) == data.ErrConflict {
		// Another writer took the credit code between the check and the insert.
		field, value := p.identifier()
		if ex, ok, lerr := lookupStore(ctx, store, field, value); lerr == nil && ok {
			return "", problem.List{takenProblem(field, value, ex)}
		}
	}
	if err != nil {
		return "", err
	}
	return id, nil
}

func lookupStore(ctx context.Context, store *data.Store, field, value string) (data.Party, bool, error) {
	if field == FieldCreditCode {
		return store.PartyByCreditCode(ctx, value)
	}
	return store.PartyByIDNumber(ctx, value)
}
