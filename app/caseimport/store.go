package caseimport

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"townledger/app/cases/rules"
	"townledger/app/catalog"
	"townledger/app/parties"
	"townledger/app/problem"
	"townledger/app/search"
	"townledger/data"
)

// partyColumn is the sheet column of a parties.Party field.
func partyColumn(field string) string {
	switch field {
	case parties.FieldKind:
		return FieldPartyKind
	case parties.FieldName:
		return FieldPartyName
	case parties.FieldCreditCode:
		return FieldCreditCode
	case parties.FieldIDNumber:
		return FieldIDNumber
	case parties.FieldLegalRep:
		return FieldLegalRep
	}
	return ""
}

// record is the stored form of a new party, as parties.Create writes it.
func record(p parties.Party) data.Party {
	return data.Party{Kind: p.Kind, Name: p.Name, NameInitials: search.Initials(p.Name), CreditCode: p.CreditCode,
		IDNumber: p.IDNumber, LegalRep: p.LegalRep}
}

// itemOn finds the version of the item with code in force on day (YYYY-MM-DD), with its
// tiers; when several are, the one in force from the latest day.
func (im *importer) itemOn(code, day string) (data.CatalogItem, bool, error) {
	list, ok := im.inForce[day]
	if !ok {
		var err error
		if list, err = im.store.CatalogItemsInForce(im.ctx, day); err != nil {
			return data.CatalogItem{}, false, err
		}
		im.inForce[day] = list
	}
	var found *data.CatalogItem
	for i := range list {
		if catalog.NormalizeCode(list[i].Code) == code && (found == nil || list[i].EffectiveFrom > found.EffectiveFrom) {
			found = &list[i]
		}
	}
	if found == nil {
		return data.CatalogItem{}, false, nil
	}
	if it, ok := im.items[found.ID]; ok {
		return it, true, nil
	}
	it, ok, err := im.store.CatalogItem(im.ctx, found.ID)
	if err != nil || !ok {
		return data.CatalogItem{}, false, err
	}
	im.items[it.ID] = it
	return it, true, nil
}

// itemProblem says why no version of the item with code was in force on day: there is no
// such item, or when its versions were in force.
func (im *importer) itemProblem(code, day string) (*problem.Error, error) {
	if !im.versRead {
		v, err := im.store.AllCatalogVersions(im.ctx)
		if err != nil {
			return nil, err
		}
		im.versions, im.versRead = v, true
	}
	var periods []string
	for _, v := range im.versions {
		if catalog.NormalizeCode(v.Code) == code {
			periods = append(periods, v.EffectiveFrom+"～"+v.EffectiveTo)
		}
	}
	if len(periods) == 0 {
		return problem.New(KeyItemUnknown, map[string]any{"Code": code}), nil
	}
	return problem.New(KeyItemNotInForce, map[string]any{"Code": code, "Date": day, "Periods": strings.Join(periods, "；")}), nil
}

// findTier finds the item's tier by ordinal ("3") or name ("三阶").
func findTier(item data.CatalogItem, s string) *data.Tier {
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(s, "第"), "阶"))
	for i := range item.Tiers {
		t := &item.Tiers[i]
		if err == nil && t.Ordinal == n || t.Name != "" && t.Name == s {
			return t
		}
	}
	return nil
}

// tierList names the item's tiers for a message: "1 一阶、2 二阶".
func tierList(item data.CatalogItem) string {
	out := make([]string, len(item.Tiers))
	for i, t := range item.Tiers {
		out[i] = strings.TrimSpace(strconv.Itoa(t.Ordinal) + " " + t.Name)
	}
	return strings.Join(out, "、")
}

func dateText(dates map[string]time.Time, field string) string {
	if d, ok := dates[field]; ok {
		return d.Format(data.DateLayout)
	}
	return ""
}

// splitNames splits a list of officers' names at 、 , ， ; ； / and line breaks.
func splitNames(s string) []string {
	var out []string
	for _, n := range strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune("、,，;；/／\n\r", r)
	}) {
		if n = strings.TrimSpace(strings.Trim(n, "\u3000")); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// nextDue is the next date the office must meet, as app/cases stores it after each step.
func nextDue(rc rules.Case, cal rules.Calendar, p rules.Params) (on, kind string) {
	d, ok := rules.NextDue(rc, cal, p)
	if !ok {
		return "", ""
	}
	return d.Due.Format(data.DateLayout), d.Kind
}

// checkNumbers reports the file's numbers already taken in the ledger: in their issuing
// body's sequence (used or voided) or by a case file.
func (im *importer) checkNumbers(tx *data.Tx, entries []*entry) error {
	type seqKey struct {
		issuer string
		year   int
	}
	groups := map[seqKey][]*entry{}
	var order []seqKey
	nos := make([]string, 0, len(entries))
	for _, e := range entries {
		k := seqKey{e.issuer, e.year}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], e)
		nos = append(nos, e.number)
	}
	for _, k := range order {
		used, err := tx.NumbersInUse(k.issuer, caseCode(), k.year)
		if err != nil {
			return err
		}
		for _, e := range groups[k] {
			if voided, ok := used[e.seq]; ok {
				key := KeyNumberTaken
				if voided {
					key = KeyNumberVoided
				}
				im.tbl.Report(e.row, FieldNumber, problem.New(key, map[string]any{"Value": e.number}))
			}
		}
	}
	taken, err := tx.CaseNosInUse(nos)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if taken[e.number] {
			im.tbl.Report(e.row, FieldNumber, problem.New(KeyNumberTaken, map[string]any{"Value": e.number}))
		}
	}
	return nil
}

// matchParties finds each row's party in the ledger by its identifier and returns the
// rows whose party is new, one per party; a new party named differently on two rows is
// reported. A party found in the ledger is used as it is recorded.
func (im *importer) matchParties(tx *data.Tx, entries []*entry) ([]*entry, error) {
	values := make([]string, 0, len(entries))
	seen := map[string]bool{}
	for _, e := range entries {
		if !seen[e.ident] {
			seen[e.ident] = true
			values = append(values, e.ident)
		}
	}
	existing, err := tx.PartiesByIdentifier(values)
	if err != nil {
		return nil, err
	}
	first := map[identKey]*entry{}
	var created []*entry
	for _, e := range entries {
		if ex, ok := existing[e.ident]; ok && (e.identField == FieldCreditCode && ex.CreditCode == e.ident ||
			e.identField == FieldIDNumber && ex.IDNumber == e.ident) {
			e.c.PartyID = ex.ID
			continue
		}
		if f, ok := first[e.key()]; ok {
			if f.party.Name != e.party.Name {
				im.tbl.Report(e.row, FieldPartyName, problem.New(KeyPartyNameDiffer, map[string]any{"First": f.row, "Name": f.party.Name}))
			}
			continue
		}
		first[e.key()] = e
		created = append(created, e)
	}
	return created, nil
}

// store1 records one case: the file, its number in the sequence and its steps.
func store1(tx *data.Tx, e *entry) error {
	id, err := tx.InsertCase(e.c)
	if err != nil {
		return err
	}
	if err := tx.ClaimNumber(e.issuer, caseCode(), e.year, e.seq, id); err != nil {
		return err
	}
	for _, ev := range e.events {
		payload, err := json.Marshal(ev)
		if err != nil {
			return fmt.Errorf("step record: %w", err)
		}
		docNo := ""
		if code := rules.DocCode(ev); code != "" {
			docNo = rules.FormatMarked(e.issuer, code, e.year, e.mark, e.seq)
		}
		names := make([]string, len(ev.Officers))
		for i, o := range ev.Officers {
			names[i] = o.Name
		}
		if _, err := tx.InsertCaseEvent(data.CaseEvent{CaseID: id, Step: string(ev.Step), OccurredOn: ev.On.Format(data.DateLayout),
			Officers: strings.Join(names, "、"), DocNo: docNo, Payload: string(payload)}); err != nil {
			return err
		}
	}
	return nil
}
