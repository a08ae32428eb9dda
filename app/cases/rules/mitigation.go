package rules

import "strings"

// Mitigation is the ground on which a fine is reduced below the legal minimum (减轻处罚).
// 行政处罚法 Art. 32 says a party shall be given a lighter or reduced penalty when it (1)
// removed or reduced the harm on its own initiative, (2) was coerced or deceived into the
// violation, (3) confessed a violation the agency did not yet know of, (4) helped the
// investigation meritoriously, or (5) in other cases laws, regulations or rules provide;
// Art. 30 (a minor of 14 to 18) and Art. 31 (a person with partly impaired capacity) add two.
type Mitigation string

// The grounds, by article.
const (
	MitigationHarmRemoved Mitigation = "art32_1" // 主动消除或者减轻违法行为危害后果
	MitigationCoerced     Mitigation = "art32_2" // 受他人胁迫或者诱骗实施违法行为
	MitigationConfessed   Mitigation = "art32_3" // 主动供述行政机关尚未掌握的违法行为
	MitigationMerit       Mitigation = "art32_4" // 配合行政机关查处违法行为有立功表现
	MitigationOtherLaw    Mitigation = "art32_5" // 法律、法规、规章规定其他应当从轻或者减轻行政处罚的
	MitigationMinor       Mitigation = "art30"   // 已满十四周岁不满十八周岁的未成年人
	MitigationCapacity    Mitigation = "art31"   // 尚未完全丧失辨认或者控制自己行为能力的精神病人、智力残疾人
)

// Mitigations lists every ground, for menus and translation tests.
var Mitigations = []Mitigation{MitigationHarmRemoved, MitigationCoerced, MitigationConfessed, MitigationMerit,
	MitigationOtherLaw, MitigationMinor, MitigationCapacity}

// MitigationKey is the translation key of a ground's wording.
func MitigationKey(m Mitigation) string { return "case.mitigation." + string(m) }

// Keys and fields of mitigation refusals.
const (
	KeyMitigationGround = "case.rule.mitigation_ground" //
	KeyMitigationReason = "case.rule.mitigation_reason" //
	KeyMitigationReview = "case.rule.mitigation_review" // Fine, Min
	KeyMitigationPerson = "case.rule.mitigation_person" // Ground
	FieldMitigation     = "mitigation"
	FieldMitigationText = "mitigation_reason"
)

// checkMitigation: a ground, if given, is one the law names, with the facts in words; the
// minor and capacity grounds concern a natural person.
func checkMitigation(c Case, e Event) error {
	if e.Mitigation == "" {
		if strings.TrimSpace(e.MitigationReason) != "" {
			return refuse(FieldMitigation, KeyMitigationGround, nil)
		}
		return nil
	}
	known := false
	for _, m := range Mitigations {
		known = known || m == e.Mitigation
	}
	switch {
	case !known:
		return refuse(FieldMitigation, KeyMitigationGround, nil)
	case strings.TrimSpace(e.MitigationReason) == "":
		return refuse(FieldMitigationText, KeyMitigationReason, nil)
	case (e.Mitigation == MitigationMinor || e.Mitigation == MitigationCapacity) && c.PartyKind != PartyPerson:
		return refuse(FieldMitigation, KeyMitigationPerson, map[string]any{"Ground": string(e.Mitigation)})
	}
	return nil
}

// BelowLegalMinimum tells whether a fine lies under the item's legal minimum for the party:
// a reduced penalty (减轻), which needs a ground and a passed legal review.
func BelowLegalMinimum(item ItemRanges, partyKind string, fine int64, late bool) (min int64, below bool) {
	r, _ := legalRange(item, partyKind, late)
	if r.Min == nil || fine <= 0 || fine >= *r.Min {
		return 0, false
	}
	return *r.Min, true
}
