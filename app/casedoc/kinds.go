// Package casedoc produces a penalty case's 执法文书 — the document of each step, the 案卷
// cover and its 卷内目录 — as A4 PDFs, from what the case already holds: party, item and its
// legal references, tier, facts, officers, dates, numbers and deadlines. The wording of every
// document is in wording.tmpl; this package fills it in and lays it out.
package casedoc

import "townledger/app/cases/rules"

// Kind names one document.
type Kind string

// The documents, in the order a 案卷 files them.
const (
	KindCover           Kind = "cover"            // 案卷封面
	KindIndex           Kind = "index"            // 卷内目录
	KindFiling          Kind = "filing"           // 立案审批表
	KindRectification   Kind = "rectification"    // 责令限期整改指令书
	KindSummaryDecision Kind = "summary_decision" // 当场行政处罚决定书 (简易程序)
	KindNotice          Kind = "notice"           // 行政处罚告知书
	KindHearingNotice   Kind = "hearing_notice"   // 听证告知书
	KindHearingRecord   Kind = "hearing_record"   // 听证笔录 (header, filled in at the hearing)
	KindHearingReport   Kind = "hearing_report"   // 听证报告
	KindLegalReview     Kind = "legal_review"     // 法制审核意见书
	KindCollective      Kind = "collective"       // 集体讨论记录
	KindDecision        Kind = "decision"         // 行政处罚决定书 (单位 or 个人 by the party)
	KindNotPenalised    Kind = "not_penalised"    // 不予行政处罚决定书
	KindService         Kind = "service"          // 送达回执
	KindReminder        Kind = "reminder"         // 催告书
	KindEnforcement     Kind = "enforcement"      // 强制执行申请书
	KindClosing         Kind = "closing"          // 结案审批表
)

// Kinds lists every document, cover and index first.
var Kinds = []Kind{KindCover, KindIndex, KindFiling, KindRectification, KindSummaryDecision, KindNotice,
	KindHearingNotice, KindHearingRecord, KindHearingReport, KindLegalReview, KindCollective, KindDecision,
	KindNotPenalised, KindService, KindReminder, KindEnforcement, KindClosing}

// StepKinds are the documents each kind belongs to: the step whose record it is.
var kindStep = map[Kind]rules.Step{
	KindFiling: rules.StepFiled, KindRectification: rules.StepInvestigation, KindSummaryDecision: rules.StepDecision,
	KindNotice: rules.StepNotice, KindHearingNotice: rules.StepNotice, KindHearingRecord: rules.StepHearing,
	KindHearingReport: rules.StepHearing, KindLegalReview: rules.StepLegalReview, KindCollective: rules.StepCollective,
	KindDecision: rules.StepDecision, KindNotPenalised: rules.StepDecision, KindService: rules.StepService,
	KindReminder: rules.StepReminder, KindEnforcement: rules.StepEnforcement, KindClosing: rules.StepClosing,
}

// Step is the step whose document k is; "" for the cover and the index.
func (k Kind) Step() rules.Step { return kindStep[k] }

// Known tells whether k names a document.
func (k Kind) Known() bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Key is the translation key of the document's name in the interface.
func (k Kind) Key() string { return "casedoc.kind." + string(k) }

// KindsOf are the documents a recorded step produces, given the case's procedure: a notice
// that offers a hearing is the 听证告知书, a decision on the spot the 当场决定书, a decision
// not to penalise its own 决定书; a hearing has its record and its report.
func KindsOf(procedure rules.Procedure, e rules.Event) []Kind {
	switch e.Step {
	case rules.StepNotice:
		if e.HearingOffered {
			return []Kind{KindHearingNotice}
		}
		return []Kind{KindNotice}
	case rules.StepHearing:
		return []Kind{KindHearingRecord, KindHearingReport}
	case rules.StepDecision:
		switch {
		case e.Outcome.NotPenalised():
			return []Kind{KindNotPenalised}
		case procedure == rules.Summary:
			return []Kind{KindSummaryDecision}
		}
		return []Kind{KindDecision}
	}
	for _, k := range Kinds {
		if k != KindDecision && kindStep[k] == e.Step {
			return []Kind{k}
		}
	}
	return nil
}

// extraCodes are the codes of numbered documents rules.DocCodes does not name; they take the
// case's sequence like the others. 待核实: the ministry's 式样 leaves these codes to the
// issuing body; these are the common ones.
var extraCodes = map[Kind]string{
	KindRectification: "应急责改",
	KindReminder:      "应急催",
	KindEnforcement:   "应急强申",
}

// docCode is the document code k's number carries, "" for a document without its own number.
func docCode(k Kind) string {
	switch k {
	case KindFiling:
		return rules.DocCodes[rules.StepFiled]
	case KindNotice:
		return rules.DocCodes[rules.StepNotice]
	case KindHearingNotice:
		return rules.DocCodes[rules.DocHearingNotice]
	case KindDecision, KindSummaryDecision:
		return rules.DocCodes[rules.StepDecision]
	case KindNotPenalised:
		return rules.DocCodes[rules.DocNotPenalised]
	case KindClosing:
		return rules.DocCodes[rules.StepClosing]
	}
	return extraCodes[k]
}

// Texts are a document's free texts, typed or corrected by the officer before it is
// produced; a text left empty takes the case's own (Defaults).
type Texts struct {
	Facts    string `json:"facts,omitempty"`    // 违法事实
	Evidence string `json:"evidence,omitempty"` // 证据
	Reason   string `json:"reason,omitempty"`   // 裁量理由
	Opinion  string `json:"opinion,omitempty"`  // 意见 (审核、讨论、听证、审批)
}

// Text fields of Texts, for forms.
const (
	TextFacts    = "facts"
	TextEvidence = "evidence"
	TextReason   = "reason"
	TextOpinion  = "opinion"
)

// Get is the text of a field named by a Text… constant.
func (t Texts) Get(field string) string {
	switch field {
	case TextFacts:
		return t.Facts
	case TextEvidence:
		return t.Evidence
	case TextReason:
		return t.Reason
	case TextOpinion:
		return t.Opinion
	}
	return ""
}

// Set puts a field's text.
func (t *Texts) Set(field, v string) {
	switch field {
	case TextFacts:
		t.Facts = v
	case TextEvidence:
		t.Evidence = v
	case TextReason:
		t.Reason = v
	case TextOpinion:
		t.Opinion = v
	}
}

// Fields are the free texts k prints, for the form that edits them.
func (k Kind) Fields() []string {
	switch k {
	case KindCover, KindIndex, KindService, KindHearingRecord:
		return nil
	case KindFiling, KindRectification, KindReminder, KindEnforcement:
		return []string{TextFacts}
	case KindLegalReview, KindCollective, KindHearingReport, KindClosing:
		return []string{TextFacts, TextOpinion}
	case KindNotPenalised:
		return []string{TextFacts, TextEvidence, TextReason}
	}
	return []string{TextFacts, TextEvidence, TextReason}
}
