package disclosure

import (
	"strings"

	"townledger/app/cases/rules"
)

// Penalty kinds of 处罚类别, as 行政处罚法 Art. 9 names them: the 双公示 standard takes one
// or more of them, joined by "；".
const (
	KindWarning      = "警告"
	KindCriticism    = "通报批评"
	KindFine         = "罚款"
	KindConfiscation = "没收违法所得、没收非法财物"
	KindLicence      = "暂扣许可证件、降低资质等级、吊销许可证件"
	KindStop         = "限制开展生产经营活动、责令停产停业、责令关闭、限制从业"
	KindDetention    = "行政拘留"
	KindOther        = "其他"
)

// penaltyWords map words of a decision's penalty, as officers write it, to its kind. The
// work-safety rule's 责令停止建设、停止施工 are 停产停业 for a building site; 撤销执业资格、岗位
// 证书 withdraw a licence to practise; "不得担任" is the bar on serving as principal (限制从业).
var penaltyWords = []struct{ word, kind string }{
	{"警告", KindWarning}, {"通报批评", KindCriticism},
	{"没收", KindConfiscation},
	{"暂扣", KindLicence}, {"吊销", KindLicence}, {"降低资质", KindLicence}, {"撤销", KindLicence}, {"暂停", KindLicence},
	{"停产", KindStop}, {"停业", KindStop}, {"停止建设", KindStop}, {"停止施工", KindStop}, {"关闭", KindStop},
	{"限制从业", KindStop}, {"不得担任", KindStop}, {"限制开展生产经营", KindStop},
	{"拘留", KindDetention},
}

// kindOrder is the order of Art. 9, in which the kinds are listed.
var kindOrder = []string{KindWarning, KindCriticism, KindFine, KindConfiscation, KindLicence, KindStop, KindDetention}

// Category is a decision's 处罚类别: every kind its outcome, fine and penalty words make up, in
// the law's order — "罚款；限制开展生产经营活动、责令停产停业、责令关闭、限制从业" for a fine with a
// suspension — and 其他 only when nothing is recognised.
func Category(outcome rules.Outcome, fine int64, penalty string) string {
	found := map[string]bool{}
	switch outcome {
	case rules.OutcomeWarning:
		found[KindWarning] = true
	case rules.OutcomeFine:
		found[KindFine] = true
	}
	if fine > 0 {
		found[KindFine] = true
	}
	for _, w := range penaltyWords {
		if strings.Contains(penalty, w.word) {
			found[w.kind] = true
		}
	}
	var kinds []string
	for _, k := range kindOrder {
		if found[k] {
			kinds = append(kinds, k)
		}
	}
	if len(kinds) == 0 {
		return KindOther
	}
	return strings.Join(kinds, "；")
}
