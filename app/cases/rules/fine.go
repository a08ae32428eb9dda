package rules

import (
	"math"
	"strconv"
	"strings"
	"time"

	"townledger/app/problem"
	"townledger/data"
)

// Range is a fine range in fen; a nil bound is open. Both nil: the law provides no fine.
type Range struct{ Min, Max *int64 }

func (r Range) empty() bool { return r.Min == nil && r.Max == nil }

// ItemRanges are a catalogue item's legal fine ranges (from data.CatalogItem).
type ItemRanges struct {
	Unit       Range // the unit (生产经营单位)
	Person     Range // a natural person: the responsible person (直接负责的主管人员) or an individual party
	LateUnit   Range // "not corrected in time" (逾期未改正 / 拒不执行): the unit
	LatePerson Range // the same: the person
}

// TierRange is a discretion-benchmark tier (裁量阶次) with its fine ranges.
type TierRange struct {
	Name   string // e.g. 三阶
	Unit   Range
	Person Range
}

// For is the tier's range for a party: a person's where the tier sets one, else the unit's.
func (t TierRange) For(partyKind string) Range {
	if partyKind == PartyPerson && !t.Person.empty() {
		return t.Person
	}
	return t.Unit
}

// ItemRangesOf takes the ranges of a stored catalogue item.
func ItemRangesOf(it data.CatalogItem) ItemRanges {
	return ItemRanges{
		Unit:       Range{it.UnitMin, it.UnitMax},
		Person:     Range{it.PersonMin, it.PersonMax},
		LateUnit:   Range{it.LateUnitMin, it.LateUnitMax},
		LatePerson: Range{it.LatePersonMin, it.LatePersonMax},
	}
}

// TierRangeOf takes the ranges of a stored discretion tier.
func TierRangeOf(t data.Tier) TierRange {
	return TierRange{Name: t.Name, Unit: Range{t.UnitMin, t.UnitMax}, Person: Range{t.PersonMin, t.PersonMax}}
}

// Keys of fine refusals; the data each carries is noted. Amounts are formatted by FormatYuan.
const (
	KeyFineNotPositive = "case.fine.not_positive" // Fine
	KeyFineParty       = "case.fine.party"        // Party
	KeyFineNoRange     = "case.fine.no_range"     //
	KeyFineLegalRange  = "case.fine.legal_range"  // Fine, Min, Max: above a range with both bounds
	KeyFineLegalBelow  = "case.fine.legal_below"  // Fine, Min, Max: below a range with both bounds
	KeyFineLegalMax    = "case.fine.legal_max"    // Fine, Max
	KeyFineLegalMin    = "case.fine.legal_min"    // Fine, Min
	KeyFineLateRange   = "case.fine.late_range"   // Fine, Min, Max: above
	KeyFineLateBelow   = "case.fine.late_below"   // Fine, Min, Max: below
	KeyFineLateMax     = "case.fine.late_max"     // Fine, Max
	KeyFineLateMin     = "case.fine.late_min"     // Fine, Min
	KeyFineTierRange   = "case.fine.tier_range"   // Fine, Tier, Min, Max: above
	KeyFineTierBelow   = "case.fine.tier_below"   // Fine, Tier, Min, Max: below
	KeyFineTierMax     = "case.fine.tier_max"     // Fine, Tier, Max
	KeyFineTierMin     = "case.fine.tier_min"     // Fine, Tier, Min
	KeyFineTierExact   = "case.fine.tier_exact"   // Fine, Tier, Amount
)

// rangeKeys name a refusal for a fine outside a range: above or below a range with both
// bounds, above an open-below range, below an open-above range.
type rangeKeys struct{ above, below, max, min string }

var (
	legalKeys = rangeKeys{KeyFineLegalRange, KeyFineLegalBelow, KeyFineLegalMax, KeyFineLegalMin}
	lateKeys  = rangeKeys{KeyFineLateRange, KeyFineLateBelow, KeyFineLateMax, KeyFineLateMin}
	tierKeys  = rangeKeys{KeyFineTierRange, KeyFineTierBelow, KeyFineTierMax, KeyFineTierMin}
)

// FieldFine is the form field fine refusals concern.
const FieldFine = "fine"

// legalRange picks the range the law sets for the party. A person is fined within the person
// ranges; where the item sets none, the person is the operator and the unit ranges apply.
// When the violation was not corrected in time the late ranges apply where the item sets them;
// where it sets none the ordinary range still holds (e.g. Art. 102: the refusal adds a
// suspension, not another fine for the unit).
func legalRange(item ItemRanges, partyKind string, late bool) (r Range, isLate bool) {
	unit, person := item.Unit, item.Person
	if late {
		if !item.LateUnit.empty() {
			unit, isLate = item.LateUnit, true
		}
		if !item.LatePerson.empty() {
			person = item.LatePerson
		}
	}
	if partyKind == PartyOrg {
		return unit, isLate
	}
	if !person.empty() {
		return person, late && !item.LatePerson.empty()
	}
	return unit, isLate
}

// CheckFine tells whether fine (fen) lies inside the item's legal range for the party
// (PartyOrg or PartyPerson; the "not corrected in time" ranges when lateCorrection) and inside
// the chosen tier's range (tier may be nil). The refusal states the allowed range in yuan.
func CheckFine(item ItemRanges, tier *TierRange, partyKind string, fine int64, lateCorrection bool) error {
	return CheckFineReduced(item, tier, partyKind, fine, lateCorrection, false)
}

// CheckFineReduced is CheckFine for a fine that may be reduced (减轻, 行政处罚法 Art. 32): with
// reduced, a fine under the legal and the tier's minimum is allowed; the maximum still holds.
func CheckFineReduced(item ItemRanges, tier *TierRange, partyKind string, fine int64, lateCorrection, reduced bool) error {
	if partyKind != PartyOrg && partyKind != PartyPerson {
		return problem.OnField("party_kind", KeyFineParty, map[string]any{"Party": partyKind})
	}
	if fine <= 0 {
		return problem.OnField(FieldFine, KeyFineNotPositive, map[string]any{"Fine": FormatYuan(fine)})
	}
	r, late := legalRange(item, partyKind, lateCorrection)
	if r.empty() {
		return problem.OnField(FieldFine, KeyFineNoRange, nil)
	}
	keys := legalKeys
	if late {
		keys = lateKeys
	}
	if reduced {
		r.Min = nil
	}
	if err := inRange(r, fine, keys, nil); err != nil {
		return err
	}
	if tier == nil {
		return nil
	}
	tr := tier.For(partyKind)
	if reduced {
		if tr.Min != nil && fine < *tr.Min {
			return nil // below the tier altogether: the ground and the review answer for it
		}
		tr.Min = nil
	}
	if tr.Min != nil && tr.Max != nil && *tr.Min == *tr.Max && fine != *tr.Min {
		return problem.OnField(FieldFine, KeyFineTierExact,
			map[string]any{"Fine": FormatYuan(fine), "Tier": tier.Name, "Amount": FormatYuan(*tr.Min)})
	}
	return inRange(tr, fine, tierKeys, map[string]any{"Tier": tier.Name})
}

// inRange refuses fine outside r, saying whether it lies below or above the range: a fine
// under the minimum is never said to "exceed" it.
func inRange(r Range, fine int64, keys rangeKeys, extra map[string]any) error {
	low := r.Min != nil && fine < *r.Min
	high := r.Max != nil && fine > *r.Max
	if !low && !high {
		return nil
	}
	d := map[string]any{"Fine": FormatYuan(fine)}
	for k, v := range extra {
		d[k] = v
	}
	var key string
	switch {
	case r.Min != nil && r.Max != nil:
		d["Min"], d["Max"] = FormatYuan(*r.Min), FormatYuan(*r.Max)
		key = keys.above
		if low {
			key = keys.below
		}
	case high:
		key, d["Max"] = keys.max, FormatYuan(*r.Max)
	default:
		key, d["Min"] = keys.min, FormatYuan(*r.Min)
	}
	return problem.OnField(FieldFine, key, d)
}

// FormatYuan writes fen as yuan with thousands separators and two decimals: 1234560 → "12,345.60".
func FormatYuan(fen int64) string {
	neg := fen < 0
	u := uint64(fen)
	if neg {
		u = -u
	}
	digits := strconv.FormatUint(u/100, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	c := u % 100
	b.WriteByte('.')
	b.WriteByte(byte('0' + c/10))
	b.WriteByte(byte('0' + c%10))
	return b.String()
}

// FormatWanYuan writes fen as 万元 with four decimals, rounded half away from zero, for the
// 双公示 sheet: 1234560 (12,345.60 yuan) → "1.2346".
func FormatWanYuan(fen int64) string {
	neg := fen < 0
	u := uint64(fen)
	if neg {
		u = -u
	}
	yuan := u / 100 // 1/10000 万元 = 1 yuan
	if u%100 >= 50 {
		yuan++
	}
	s := strconv.FormatUint(yuan/10000, 10) + "." + pad4(yuan%10000)
	if neg && yuan != 0 {
		s = "-" + s
	}
	return s
}

func pad4(n uint64) string {
	s := strconv.FormatUint(n, 10)
	return strings.Repeat("0", 4-len(s)) + s
}

// LateFeePercentPerDay is the late fee (加处罚款) per day of delay, in per cent of the fine
// (Art. 72); the total never exceeds the fine.
const LateFeePercentPerDay = 3

// LateFee is the late fee in fen for a fine paid on paidOn when it was due on due: 3 % of the
// fine for every day after due, rounded to the fen, capped at the fine (Art. 72).
func LateFee(fine int64, due, paidOn time.Time) int64 {
	return lateFeeDays(fine, daysBetween(due, paidOn))
}

// lateFeeDays is the late fee for a fine paid days days late.
func lateFeeDays(fine int64, days int64) int64 {
	if fine <= 0 || days <= 0 {
		return 0
	}
	if days > 100/LateFeePercentPerDay+1 { // past the cap anyway
		return fine
	}
	rate := LateFeePercentPerDay * days // per cent, at most 102
	q, r := fine/100, fine%100
	if q > math.MaxInt64/rate {
		return fine
	}
	if fee := q*rate + (r*rate+50)/100; fee < fine {
		return fee
	}
	return fine
}
