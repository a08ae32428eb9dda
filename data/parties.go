package data

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
