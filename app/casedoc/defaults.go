package casedoc

import (
	"strings"

	"townledger/app/cases/rules"
)

// defaults fills the texts the officer left empty from the case: its facts as typed at
// filing (or a sentence made of the party, the item and the dates), a usual evidence list,
// the tier's condition as the discretion reason, and an opinion that matches the step's
// recorded result. They are a start to correct, never invented findings: each names only
// what the case holds.
func (s source) defaults(k Kind, f Facts, t Texts) Texts {
	if strings.TrimSpace(t.Facts) == "" {
		t.Facts = s.defaultFacts(f)
	}
	if strings.TrimSpace(t.Evidence) == "" {
		t.Evidence = "现场检查（勘验）笔录、询问笔录、现场照片、当事人身份证明材料（营业执照或者居民身份证复印件）"
	}
	if strings.TrimSpace(t.Reason) == "" {
		t.Reason = s.defaultReason(f)
		if k == KindNotPenalised {
			why := f.Outcome
			if !why.NotPenalised() {
				why = rules.OutcomeNotPenalisedMinor
			}
			t.Reason = notPenalisedReason[why]
		}
	}
	if strings.TrimSpace(t.Opinion) == "" {
		t.Opinion = s.defaultOpinion(k, f)
	}
	return t
}

// notPenalisedReason is why a case is not penalised, as the decision's "鉴于" says it.
var notPenalisedReason = map[rules.Outcome]string{
	rules.OutcomeNotPenalisedMinor: "当事人的违法行为轻微并已及时改正，没有造成危害后果，",
	rules.OutcomeNotPenalisedFirst: "当事人系初次违法，危害后果轻微并已及时改正，",
	rules.OutcomeNoFault:           "当事人有证据足以证明没有主观过错，",
}

// notPenalisedBasis is the provision of each ground not to penalise (行政处罚法 Art. 33).
var notPenalisedBasis = map[rules.Outcome]string{
	rules.OutcomeNotPenalisedMinor: "《中华人民共和国行政处罚法》第三十三条第一款",
	rules.OutcomeNotPenalisedFirst: "《中华人民共和国行政处罚法》第三十三条第一款",
	rules.OutcomeNoFault:           "《中华人民共和国行政处罚法》第三十三条第二款",
}

func (s source) defaultFacts(f Facts) string {
	if facts := strings.TrimSpace(s.view.Case.Facts); facts != "" {
		return facts
	}
	var b strings.Builder
	b.WriteString("当事人" + f.Party.Name)
	if s.view.Case.ViolationOn != "" {
		b.WriteString("于" + f.Violated)
	}
	b.WriteString("存在" + strings.TrimSuffix(f.ItemName, "。") + "的行为")
	if f.Obligation != "" {
		b.WriteString("，违反了" + f.Obligation + "的规定")
	}
	b.WriteString("。")
	if s.view.Case.DiscoveredOn != "" {
		b.WriteString("该违法行为于" + f.Discovered + "被发现。")
	}
	return b.String()
}

func (s source) defaultReason(f Facts) string {
	var parts []string
	if f.Tier != "" {
		r := "根据安全生产行政处罚自由裁量基准，当事人的违法行为属于“" + f.Tier + "”阶次"
		if f.TierCond != "" {
			r += "（" + strings.TrimSuffix(f.TierCond, "。") + "）"
		}
		parts = append(parts, r)
	}
	if f.Mitigation != "" {
		parts = append(parts, "当事人具有依法应当从轻或者减轻处罚的情形："+strings.ReplaceAll(f.Mitigation, lineBreak, "\n"))
	}
	if s.view.Case.Late {
		parts = append(parts, "当事人经责令限期改正逾期未改正")
	}
	if len(parts) == 0 {
		return "综合考虑当事人违法行为的事实、性质、情节以及社会危害程度，依法作出处理。"
	}
	return strings.Join(parts, "；") + "。"
}

func (s source) defaultOpinion(k Kind, f Facts) string {
	switch k {
	case KindLegalReview:
		if s.last(rules.StepLegalReview) != nil && !f.Passed {
			return "经审核，本案存在问题，提出如下意见："
		}
		return "经审核，本案执法主体合法，事实清楚，证据确凿，适用依据正确，程序合法，裁量适当，同意拟作出的处理决定。"
	case KindCollective:
		return "经集体讨论，认为本案事实清楚，证据确凿，程序合法，决定对当事人" + f.Party.Name + "作出" + penaltyWords(f) + "的处理。"
	case KindHearingReport:
		return "听证主持人意见：本案事实清楚，证据确凿，建议维持拟作出的处理意见。"
	case KindClosing:
		return "本案" + penaltyWords(f) + "已执行完毕，建议结案。"
	}
	return ""
}

// penaltyWords is the outcome as a sentence's object: 罚款人民币…元 / 警告 / 不予行政处罚.
func penaltyWords(f Facts) string {
	if f.Outcome.NotPenalised() {
		return "不予行政处罚"
	}
	return f.Penalty
}
