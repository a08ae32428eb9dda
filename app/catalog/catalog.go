// Package catalog keeps the delegated penalty items (赋权事项): checking an item version,
// creating, revising and recalling items, and moving the whole catalogue in and out as one
// workbook of three sheets.
//
// An item is versioned. A revision adds version n+1 under the same item key and marks the
// version it replaces 'revised', ending the day before the new one starts; a recall marks
// the version 'recalled'. Versions are never rewritten otherwise, so a case keeps reading
// the item exactly as it stood when the case was filed (case_file.item_id names a version).
package catalog

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"townledger/app/cases/rules"
	"townledger/app/ids"
	"townledger/app/problem"
	"townledger/data"
)

// Item is one version of a delegated item with its legal references and tiers; money is in
// fen, dates are YYYY-MM-DD.
type (
	Item = data.CatalogItem
	Ref  = data.LegalRef
	Tier = data.Tier
)

// Delegation forms and reference roles as stored.
const (
	Grant      = "grant"      // 赋权: the town decides in its own name
	Entrust    = "entrust"    // 委托: the town acts in the bureau's name
	Obligation = "obligation" // 违反条款: the provision broken
	Basis      = "basis"      // 处罚依据: the provision that sets the penalty
)

// Form fields of an item, also the column names of the workbook's sheets. A reference's or
// a tier's own fields are named RefField(i, …) and TierField(i, …): "refs[0].article".
const (
	FieldCode             = "code"
	FieldName             = "name"
	FieldDelegation       = "delegation"
	FieldAgreement        = "agreement_ref"
	FieldUnitMin          = "unit_min"
	FieldUnitMax          = "unit_max"
	FieldPersonMin        = "person_min"
	FieldPersonMax        = "person_max"
	FieldLateUnitMin      = "late_unit_min"
	FieldLateUnitMax      = "late_unit_max"
	FieldLatePersonMin    = "late_person_min"
	FieldLatePersonMax    = "late_person_max"
	FieldLateExtra        = "late_extra"
	FieldMinorExempt      = "minor_exempt"
	FieldFirstExempt      = "first_exempt"
	FieldExemptConditions = "exempt_conditions"
	FieldFrom             = "effective_from"
	FieldTo               = "effective_to"
	FieldRefs             = "refs"  // the references as a whole (at least one basis)
	FieldTiers            = "tiers" // the tiers as a whole

	// A legal reference's fields.
	FieldRole       = "role"
	FieldLaw        = "law"
	FieldLawVersion = "law_version"
	FieldArticle    = "article"
	FieldParagraph  = "paragraph"
	FieldItem       = "item"

	// A tier's fields (besides FieldName and the unit/person bounds).
	FieldOrdinal   = "ordinal"
	FieldCondition = "condition"

	// Recall's form.
	FieldOn     = "on"
	FieldReason = "reason"
)

// RefField names field of the i-th legal reference (from 0).
func RefField(i int, field string) string { return fmt.Sprintf("%s[%d].%s", FieldRefs, i, field) }

// TierField names field of the i-th tier (from 0).
func TierField(i int, field string) string { return fmt.Sprintf("%s[%d].%s", FieldTiers, i, field) }

// SplitField parses a field name: "refs[2].law" gives ("refs", 2, "law"); an item's own
// field gives ("", -1, field).
func SplitField(f string) (list string, index int, field string) {
	open := strings.IndexByte(f, '[')
	closing := strings.Index(f, "].")
	if open <= 0 || closing < open {
		return "", -1, f
	}
	n, err := strconv.Atoi(f[open+1 : closing])
	if err != nil {
		return "", -1, f
	}
	return f[:open], n, f[closing+2:]
}

// MaxLen is the longest text, in characters, each text field accepts.
var MaxLen = map[string]int{
	FieldCode: 50, FieldName: 200, FieldAgreement: 200, FieldLateExtra: 500, FieldExemptConditions: 1000,
	FieldLaw: 100, FieldLawVersion: 50, FieldCondition: 500, FieldReason: 500,
}

// maxTierName is the longest tier name.
const maxTierName = 50

// Translation keys this package produces; the data each carries is noted.
const (
	KeyCodeEmpty       = "catalog.code.empty"
	KeyNameEmpty       = "catalog.name.empty"
	KeyTooLong         = "catalog.too_long"           // Max, Len
	KeyDelegation      = "catalog.delegation.invalid" // Value
	KeyNegative        = "catalog.amount.negative"    // Amount
	KeyReversed        = "catalog.range.reversed"     // Min, Max
	KeyFromEmpty       = "catalog.from.empty"
	KeyBadDate         = "catalog.date.invalid"    // Value
	KeyToBeforeFrom    = "catalog.to.before_from"  // From, To
	KeyRole            = "catalog.ref.role"        // Value
	KeyLawEmpty        = "catalog.ref.law_empty"   //
	KeyArticle         = "catalog.ref.article"     // Value
	KeyRefNegative     = "catalog.ref.negative"    // Value
	KeyRefDuplicate    = "catalog.ref.duplicate"   //
	KeyNoBasis         = "catalog.refs.no_basis"   //
	KeyTierOrdinal     = "catalog.tier.ordinal"    // Value
	KeyTierOrder       = "catalog.tier.order"      // Ordinal, Prev
	KeyTierDuplicate   = "catalog.tier.duplicate"  // Ordinal
	KeyTierNameEmpty   = "catalog.tier.name_empty" //
	KeyTierDescending  = "catalog.tier.descending" // Tier, Prev
	KeyTierNoUnitRange = "catalog.tier.no_unit_range"
	KeyTierNoPerson    = "catalog.tier.no_person_range"
	KeyTierOutsideUnit = "catalog.tier.outside_unit"   // Range
	KeyTierOutsidePers = "catalog.tier.outside_person" // Range
	KeyCodeTaken       = "catalog.code.taken"          // Code, Name
	KeyRevised         = "catalog.status.revised"      // Code
	KeyRecalled        = "catalog.status.recalled"     // Code
	KeyReviseFrom      = "catalog.revise.from"         // From
	KeyRecallOn        = "catalog.recall.on"           // From
	KeyRecallReason    = "catalog.recall.reason"       //
	KeyNoTown          = "catalog.no_town"             //
	KeyUnknownCode     = "catalog.import.unknown_code" // Code
	KeyNoSheet         = "catalog.import.no_sheet"     // Sheet
	KeyBadAmount       = "catalog.import.amount"       // Value
	KeyBadNumber       = "catalog.import.number"       // Value
	KeyExportWrite     = "catalog.export.write"        // Path, Detail
	KeyExportExists    = "catalog.export.exists"       // Path
)

// Keys lists every translation key this package produces, for completeness tests.
func Keys() []string {
	return []string{KeyCodeEmpty, KeyNameEmpty, KeyTooLong, KeyDelegation, KeyNegative, KeyReversed, KeyFromEmpty,
		KeyBadDate, KeyToBeforeFrom, KeyRole, KeyLawEmpty, KeyArticle, KeyRefNegative, KeyRefDuplicate, KeyNoBasis,
		KeyTierOrdinal, KeyTierOrder, KeyTierDuplicate, KeyTierNameEmpty, KeyTierDescending, KeyTierNoUnitRange,
		KeyTierNoPerson, KeyTierOutsideUnit, KeyTierOutsidePers, KeyCodeTaken, KeyRevised, KeyRecalled, KeyReviseFrom,
		KeyRecallOn, KeyRecallReason, KeyNoTown, KeyUnknownCode, KeyNoSheet, KeyBadAmount, KeyBadNumber,
		KeyExportWrite, KeyExportExists}
}

// clean trims white space (including the ideographic space) around s.
func clean(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' })
}

// NormalizeCode writes an item code in its canonical form: trimmed, half-width, upper case.
func NormalizeCode(s string) string { return ids.Normalize(clean(s)) }

// parseDay reads a stored date (YYYY-MM-DD).
func parseDay(s string) (time.Time, bool) {
	t, err := time.Parse(data.DateLayout, s)
	return t, err == nil && t.Format(data.DateLayout) == s
}

// dayBefore is the date before s (YYYY-MM-DD).
func dayBefore(s string) string {
	t, _ := parseDay(s)
	return t.AddDate(0, 0, -1).Format(data.DateLayout)
}

// bounds is a fine range with the fields its bounds are typed in.
type bounds struct {
	min, max           *int64
	minField, maxField string
}

func (b bounds) empty() bool { return b.min == nil && b.max == nil }

// check refuses negative bounds and a minimum above the maximum.
func (b bounds) check(l *problem.List) bool {
	ok := true
	for _, v := range []struct {
		p     *int64
		field string
	}{{b.min, b.minField}, {b.max, b.maxField}} {
		if v.p != nil && *v.p < 0 {
			*l = append(*l, problem.OnField(v.field, KeyNegative, map[string]any{"Amount": rules.FormatYuan(*v.p)}))
			ok = false
		}
	}
	if ok && b.min != nil && b.max != nil && *b.min > *b.max {
		*l = append(*l, problem.OnField(b.maxField, KeyReversed,
			map[string]any{"Min": rules.FormatYuan(*b.min), "Max": rules.FormatYuan(*b.max)}))
		ok = false
	}
	return ok
}

// holds reports whether every bound r sets lies inside b.
func (b bounds) holds(r bounds) bool {
	for _, v := range []*int64{r.min, r.max} {
		if v != nil && (b.min != nil && *v < *b.min || b.max != nil && *v > *b.max) {
			return false
		}
	}
	return true
}

// text writes the range in yuan: "10,000.00–50,000.00", "0.00–50,000.00", "1,000.00+" (the
// bundled font has no ≤ or ≥, and the text goes into either language).
func (b bounds) text() string {
	switch {
	case b.min != nil && b.max != nil:
		return rules.FormatYuan(*b.min) + "–" + rules.FormatYuan(*b.max)
	case b.max != nil:
		return rules.FormatYuan(0) + "–" + rules.FormatYuan(*b.max)
	case b.min != nil:
		return rules.FormatYuan(*b.min) + "+"
	}
	return ""
}

// Check normalises an item version (trimmed text, the code in canonical form) and lists
// every rule it breaks, each on its form field:
//   - code and name are required, delegation is Grant or Entrust, texts within MaxLen;
//   - fine bounds (unit, person, not corrected in time for each) are not negative and the
//     minimum is not above the maximum;
//   - tiers have ordinals from 1 in ascending order, a name, sound ranges that do not fall
//     below the previous tier's, and each range lies inside one of the item's legal ranges
//     for the same party (the unit's or its "not corrected in time" one; for a person the
//     person's ranges, or the unit's where the item sets none, as the fine check does);
//   - references name a law, an article from 1, paragraph and item not negative, a role of
//     Obligation or Basis, and at least one is a Basis;
//   - effective_from is a date and effective_to, if set, is a date not before it.
//
// Status, version and key are not checked: Create, Revise and Recall set them.
func Check(it Item) (Item, problem.List) {
	var l problem.List
	it.Code = NormalizeCode(it.Code)
	for _, f := range []*string{&it.Name, &it.Delegation, &it.AgreementRef, &it.LateExtra, &it.ExemptConditions,
		&it.EffectiveFrom, &it.EffectiveTo} {
		*f = clean(*f)
	}
	long := func(field, v string, max int) bool {
		if n := len([]rune(v)); n > max {
			l = append(l, problem.OnField(field, KeyTooLong, map[string]any{"Max": max, "Len": n}))
			return true
		}
		return false
	}
	switch {
	case it.Code == "":
		l = append(l, problem.OnField(FieldCode, KeyCodeEmpty, nil))
	default:
		long(FieldCode, it.Code, MaxLen[FieldCode])
	}
	switch {
	case it.Name == "":
		l = append(l, problem.OnField(FieldName, KeyNameEmpty, nil))
	default:
		long(FieldName, it.Name, MaxLen[FieldName])
	}
	if it.Delegation != Grant && it.Delegation != Entrust {
		l = append(l, problem.OnField(FieldDelegation, KeyDelegation, map[string]any{"Value": it.Delegation}))
	}
	long(FieldAgreement, it.AgreementRef, MaxLen[FieldAgreement])
	unit := bounds{it.UnitMin, it.UnitMax, FieldUnitMin, FieldUnitMax}
	person := bounds{it.PersonMin, it.PersonMax, FieldPersonMin, FieldPersonMax}
	lateUnit := bounds{it.LateUnitMin, it.LateUnitMax, FieldLateUnitMin, FieldLateUnitMax}
	latePerson := bounds{it.LatePersonMin, it.LatePersonMax, FieldLatePersonMin, FieldLatePersonMax}
	rangesOK := true
	for _, b := range []bounds{unit, person, lateUnit, latePerson} {
		rangesOK = b.check(&l) && rangesOK
	}
	long(FieldLateExtra, it.LateExtra, MaxLen[FieldLateExtra])
	long(FieldExemptConditions, it.ExemptConditions, MaxLen[FieldExemptConditions])

	// Tiers.
	var unitLaw, personLaw []bounds
	for _, b := range []bounds{unit, lateUnit} {
		if !b.empty() {
			unitLaw = append(unitLaw, b)
		}
	}
	for _, b := range []bounds{person, latePerson} {
		if !b.empty() {
			personLaw = append(personLaw, b)
		}
	}
	if person.empty() {
		personLaw = append(personLaw, unitLaw...)
	}
	prevOrdinal := 0
	var prev *Tier
	for i := range it.Tiers {
		t := &it.Tiers[i]
		t.Name, t.Condition = clean(t.Name), clean(t.Condition)
		switch {
		case t.Ordinal < 1:
			l = append(l, problem.OnField(TierField(i, FieldOrdinal), KeyTierOrdinal, map[string]any{"Value": t.Ordinal}))
		case t.Ordinal == prevOrdinal:
			l = append(l, problem.OnField(TierField(i, FieldOrdinal), KeyTierDuplicate, map[string]any{"Ordinal": t.Ordinal}))
		case t.Ordinal < prevOrdinal:
			l = append(l, problem.OnField(TierField(i, FieldOrdinal), KeyTierOrder, map[string]any{"Ordinal": t.Ordinal, "Prev": prevOrdinal}))
		default:
			prevOrdinal = t.Ordinal
		}
		if t.Name == "" {
			l = append(l, problem.OnField(TierField(i, FieldName), KeyTierNameEmpty, nil))
		} else {
			long(TierField(i, FieldName), t.Name, maxTierName)
		}
		long(TierField(i, FieldCondition), t.Condition, MaxLen[FieldCondition])
		tu := bounds{t.UnitMin, t.UnitMax, TierField(i, FieldUnitMin), TierField(i, FieldUnitMax)}
		tp := bounds{t.PersonMin, t.PersonMax, TierField(i, FieldPersonMin), TierField(i, FieldPersonMax)}
		uOK, pOK := tu.check(&l), tp.check(&l)
		if uOK && rangesOK && !tu.empty() {
			checkInside(&l, tu, unitLaw, KeyTierNoUnitRange, KeyTierOutsideUnit)
		}
		if pOK && rangesOK && !tp.empty() {
			checkInside(&l, tp, personLaw, KeyTierNoPerson, KeyTierOutsidePers)
		}
		if prev != nil && uOK && pOK {
			pu := bounds{prev.UnitMin, prev.UnitMax, "", ""}
			pp := bounds{prev.PersonMin, prev.PersonMax, "", ""}
			if field := descending(tu, pu); field != "" {
				l = append(l, problem.OnField(field, KeyTierDescending, map[string]any{"Tier": t.Name, "Prev": prev.Name}))
			} else if field := descending(tp, pp); field != "" {
				l = append(l, problem.OnField(field, KeyTierDescending, map[string]any{"Tier": t.Name, "Prev": prev.Name}))
			}
		}
		prev = t
	}

	// Legal references.
	basis := false
	seen := map[Ref]int{}
	for i := range it.Refs {
		r := &it.Refs[i]
		r.Role, r.Law, r.LawVersion = clean(r.Role), clean(r.Law), clean(r.LawVersion)
		if r.Role != Obligation && r.Role != Basis {
			l = append(l, problem.OnField(RefField(i, FieldRole), KeyRole, map[string]any{"Value": r.Role}))
		}
		basis = basis || r.Role == Basis
		if r.Law == "" {
			l = append(l, problem.OnField(RefField(i, FieldLaw), KeyLawEmpty, nil))
		} else {
			long(RefField(i, FieldLaw), r.Law, MaxLen[FieldLaw])
		}
		long(RefField(i, FieldLawVersion), r.LawVersion, MaxLen[FieldLawVersion])
		if r.Article < 1 {
			l = append(l, problem.OnField(RefField(i, FieldArticle), KeyArticle, map[string]any{"Value": r.Article}))
		}
		if r.Paragraph < 0 {
			l = append(l, problem.OnField(RefField(i, FieldParagraph), KeyRefNegative, map[string]any{"Value": r.Paragraph}))
		}
		if r.Item < 0 {
			l = append(l, problem.OnField(RefField(i, FieldItem), KeyRefNegative, map[string]any{"Value": r.Item}))
		}
		if _, dup := seen[*r]; dup {
			l = append(l, problem.OnField(RefField(i, FieldArticle), KeyRefDuplicate, nil))
		} else {
			seen[*r] = i
		}
	}
	if !basis {
		l = append(l, problem.OnField(FieldRefs, KeyNoBasis, nil))
	}

	// Dates.
	from, fromOK := parseDay(it.EffectiveFrom)
	switch {
	case it.EffectiveFrom == "":
		l = append(l, problem.OnField(FieldFrom, KeyFromEmpty, nil))
	case !fromOK:
		l = append(l, problem.OnField(FieldFrom, KeyBadDate, map[string]any{"Value": it.EffectiveFrom}))
	}
	if it.EffectiveTo != "" {
		to, ok := parseDay(it.EffectiveTo)
		switch {
		case !ok:
			l = append(l, problem.OnField(FieldTo, KeyBadDate, map[string]any{"Value": it.EffectiveTo}))
		case fromOK && to.Before(from):
			l = append(l, problem.OnField(FieldTo, KeyToBeforeFrom, map[string]any{"From": it.EffectiveFrom, "To": it.EffectiveTo}))
		}
	}
	return it, l
}

// checkInside refuses a tier range that lies inside none of the item's legal ranges law.
func checkInside(l *problem.List, r bounds, law []bounds, noRange, outside string) {
	if len(law) == 0 {
		*l = append(*l, problem.OnField(r.minOrMaxField(), noRange, nil))
		return
	}
	for _, b := range law {
		if b.holds(r) {
			return
		}
	}
	field := r.maxField
	if r.min != nil && !law[0].holds(bounds{min: r.min}) {
		field = r.minField
	}
	*l = append(*l, problem.OnField(field, outside, map[string]any{"Range": law[0].text()}))
}

func (b bounds) minOrMaxField() string {
	if b.min != nil {
		return b.minField
	}
	return b.maxField
}

// descending names the bound of tier range r that falls below the previous tier's p, or "".
func descending(r, p bounds) string {
	if r.min != nil && p.min != nil && *r.min < *p.min {
		return r.minField
	}
	if r.max != nil && p.max != nil && *r.max < *p.max {
		return r.maxField
	}
	return ""
}
