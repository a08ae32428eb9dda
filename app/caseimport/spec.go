package caseimport

import (
	"math"
	"regexp"
	"strconv"

	"townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/ids"
	"townledger/app/parties"
	"townledger/app/workbook"
)

// Kind is the import kind's command-line name.
const Kind = "cases"

// Column names of the sheet (workbook.Column.Name).
const (
	FieldNumber       = "case_no"
	FieldProcedure    = "procedure"
	FieldPartyKind    = "party_kind"
	FieldPartyName    = "party_name"
	FieldCreditCode   = "credit_code"
	FieldIDNumber     = "id_number"
	FieldLegalRep     = "legal_rep"
	FieldItem         = "item_code"
	FieldTier         = "tier"
	FieldTitle        = "title"
	FieldFacts        = "facts"
	FieldDiscoveredOn = "discovered_on"
	FieldFiledOn      = "filed_on"
	FieldOfficers     = "officers"
	FieldNoticeOn     = "notice_on"
	FieldProposedFine = "proposed_fine"
	FieldHearingOn    = "hearing_on"
	FieldReviewedOn   = "reviewed_on"
	FieldDiscussedOn  = "discussed_on"
	FieldDecidedOn    = "decided_on"
	FieldOutcome      = "outcome"
	FieldFine         = "fine"
	FieldServedOn     = "served_on"
	FieldPublishedOn  = "published_on"
	FieldPaidOn       = "paid_on"
	FieldPaid         = "paid"
	FieldClosedOn     = "closed_on"
	FieldNotes        = "notes"
)

var procedureValues = map[string]string{
	"一般程序": string(rules.General), "一般": string(rules.General), "普通程序": string(rules.General), "普通": string(rules.General),
	"简易程序": string(rules.Summary), "简易": string(rules.Summary), "当场处罚": string(rules.Summary),
}

var kindValues = map[string]string{
	"单位": parties.KindOrg, "企业": parties.KindOrg, "公司": parties.KindOrg, "组织": parties.KindOrg, "机构": parties.KindOrg,
	"个体工商户": parties.KindOrg, "ORG": parties.KindOrg, "ORGANISATION": parties.KindOrg, "ORGANIZATION": parties.KindOrg,
	"ENTERPRISE": parties.KindOrg, "COMPANY": parties.KindOrg,
	"个人": parties.KindPerson, "自然人": parties.KindPerson, "PERSON": parties.KindPerson, "INDIVIDUAL": parties.KindPerson,
}

var outcomeValues = func() map[string]string {
	m := map[string]string{}
	for o, names := range map[rules.Outcome][]string{
		rules.OutcomeFine:              {"罚款"},
		rules.OutcomeWarning:           {"警告"},
		rules.OutcomeOther:             {"其他", "其它", "其他处罚"},
		rules.OutcomeNotPenalisedMinor: {"不予处罚（轻微）", "不予行政处罚（轻微）", "轻微不罚"},
		rules.OutcomeNotPenalisedFirst: {"不予处罚（首违）", "不予行政处罚（首违）", "首违不罚"},
		rules.OutcomeNoFault:           {"不予处罚（无过错）", "不予行政处罚（无过错）", "无过错不罚"},
	} {
		for _, n := range names {
			m[n] = string(o)
		}
	}
	return m
}()

// excelNumberRE is a number as a spreadsheet stores it, e.g. 2500.0000000000005.
var excelNumberRE = regexp.MustCompile(`^[0-9]{1,12}\.[0-9]{3,}$`)

// parseAmount reads an amount in yuan as cases.ParseYuan does, also accepting the binary
// fraction noise a spreadsheet's arithmetic leaves in a number cell (25000.000000000004)
// when it rounds to the fen. The value is in fen.
func parseAmount(s string) (any, error) {
	fen, err := cases.ParseYuan(s)
	if err == nil {
		return fen, nil
	}
	if n := ids.Normalize(s); excelNumberRE.MatchString(n) {
		if f, ferr := strconv.ParseFloat(n, 64); ferr == nil {
			if r := math.Round(f * 100); math.Abs(f*100-r) < 1e-6 && r < 1e13 {
				return int64(r), nil
			}
		}
	}
	return nil, err
}

func column(name, header, english string, required bool, desc, format string, maxLen int) workbook.Column {
	return workbook.Column{Name: name, Header: header, English: english, Required: required, Desc: desc,
		Format: format, MaxLen: maxLen}
}

func dateColumn(name, header, english string, required bool, desc string) workbook.Column {
	c := column(name, header, english, required, desc, "", 40)
	c.Date = true
	return c
}

func amountColumn(name, header, english, desc string) workbook.Column {
	c := column(name, header, english, false, desc, "以元为单位，最多两位小数，如 25000", 30)
	c.Parse = parseAmount
	return c
}

// OutcomeChoices are the outcomes the template offers, in the order of rules.Outcomes'
// usual reading.
var OutcomeChoices = []string{"罚款", "警告", "不予处罚（轻微）", "不予处罚（首违）", "不予处罚（无过错）", "其他"}

// Spec is the case-ledger workbook: one row per case.
var Spec = func() workbook.Spec {
	number := column(FieldNumber, "案号", "Case number", true, "行政处罚决定书文号（案件编号）",
		"机关简称＋文书代码〔年份〕序号号；赋权事项用本镇简称，委托事项用区应急管理局简称", 60)
	procedure := column(FieldProcedure, "程序", "Procedure", false, "一般程序或简易程序；不填为一般程序", "", 20)
	procedure.Choices = []string{"一般程序", "简易程序"}
	procedure.Parse = workbook.OneOf(procedureValues, procedure.Choices)
	kind := column(FieldPartyKind, "当事人类型", "Party type", false, "单位或个人；不填时按所填代码判断", "", 20)
	kind.Choices = []string{"单位", "个人"}
	kind.Parse = workbook.OneOf(kindValues, kind.Choices)
	credit := column(FieldCreditCode, "统一社会信用代码", "Credit code", false,
		"单位当事人必填；台账中已有该代码的单位时直接使用，没有的新建", "18 位数字或大写字母，末位为校验位", parties.MaxLen[parties.FieldCreditCode])
	credit.AsText = true
	idNumber := column(FieldIDNumber, "身份证号码", "ID number", false,
		"个人当事人必填；台账中已有该号码的个人时直接使用，没有的新建", "18 位，末位可以是 X；请把该列设为文本格式", parties.MaxLen[parties.FieldIDNumber])
	idNumber.AsText = true
	item := column(FieldItem, "事项编码", "Item code", true, "赋权事项目录中的事项编码；按立案日期有效的版本核对", "如 AQ-05", 30)
	item.AsText = true
	outcome := column(FieldOutcome, "处理结果", "Outcome", false, "作出决定的必填", "", 30)
	outcome.Choices = OutcomeChoices
	outcome.Parse = workbook.OneOf(outcomeValues, OutcomeChoices)
	facts := column(FieldFacts, "违法事实", "Facts", false, "查明的违法事实；可以分行", "", 2000)
	facts.MultiLine = true
	notes := column(FieldNotes, "备注", "Notes", false, "其他需要记下的情况；可以分行", "不超过 1000 个字", 1000)
	notes.MultiLine = true
	return workbook.Spec{
		Kind:  Kind,
		Title: "处罚案件",
		Sheet: "案件台账",
		Columns: []workbook.Column{
			number,
			procedure,
			kind,
			column(FieldPartyName, "当事人名称", "Party name", true, "单位全称或个人姓名", "不超过 100 个字", parties.MaxLen[parties.FieldName]),
			credit,
			idNumber,
			column(FieldLegalRep, "法定代表人", "Legal representative", false, "单位的法定代表人或负责人（新建当事人时记入）", "", parties.MaxLen[parties.FieldLegalRep]),
			item,
			column(FieldTier, "裁量阶次", "Tier", false, "所选裁量阶次的序号或名称；罚款金额须在该阶次范围内", "如 3 或 三阶", 20),
			column(FieldTitle, "案由", "Cause", false, "不填时使用事项名称", "", 200),
			facts,
			dateColumn(FieldDiscoveredOn, "发现日期", "Discovered on", false, "发现违法行为的日期"),
			dateColumn(FieldFiledOn, "立案日期", "Filed on", true, "立案日期；简易程序为当场处罚日期"),
			column(FieldOfficers, "承办人", "Officers", false, "承办的执法人员，多人用顿号或逗号分隔", "如 李明、张强", 200),
			dateColumn(FieldNoticeOn, "告知日期", "Notice on", false, "送达行政处罚告知书的日期"),
			amountColumn(FieldProposedFine, "拟罚款金额（元）", "Proposed fine (yuan)", "告知书中拟作出的罚款"),
			dateColumn(FieldHearingOn, "听证日期", "Hearing on", false, "举行听证的日期（一般程序，告知之后）"),
			dateColumn(FieldReviewedOn, "法制审核日期", "Legal review on", false, "法制审核通过的日期（一般程序，决定之前）"),
			dateColumn(FieldDiscussedOn, "集体讨论日期", "Collective discussion on", false, "负责人集体讨论决定的日期（一般程序，决定之前）"),
			dateColumn(FieldDecidedOn, "决定日期", "Decided on", false, "作出处罚决定（或不予处罚决定）的日期"),
			outcome,
			amountColumn(FieldFine, "罚款金额（元）", "Fine (yuan)", "处理结果为罚款的必填"),
			dateColumn(FieldServedOn, "送达日期", "Served on", false, "决定书送达日期"),
			dateColumn(FieldPublishedOn, "公示日期", "Published on", false, "处罚决定公示日期"),
			dateColumn(FieldPaidOn, "缴款日期", "Paid on", false, "缴纳罚款的日期"),
			amountColumn(FieldPaid, "缴款金额（元）", "Amount paid (yuan)", "填写缴款日期的必填"),
			dateColumn(FieldClosedOn, "结案日期", "Closed on", false, "结案审批日期；不填的案件作为在办案件导入"),
			notes,
		},
		Example: []string{"青石镇应急罚〔2024〕12号", "一般程序", "单位", "青石镇示例机械厂", "91110000600037341L", "", "王示例",
			"AQ-05", "3", "未设置明显安全警示标志", "车间 3 处危险场所未设置安全警示标志", "2024-03-01", "2024-03-04", "李明、张强",
			"2024-03-11", "25000", "", "2024-03-15", "", "2024-03-18", "罚款", "25000", "2024-03-19", "2024-03-20", "2024-03-25", "25000",
			"2024-03-26", "示例行，导入时跳过"},
		Notes: []string{
			"每行一件已办或在办的处罚案件，用于把本单位原有的案件台账转入本系统。",
			"当事人按统一社会信用代码（单位）或身份证号码（个人）查找；台账中没有的，按本行信息新建，同一当事人在多行出现只新建一次。",
			"事项编码须是立案日期当天有效的赋权事项；罚款金额须在该事项的法定范围内，填了裁量阶次的还须在该阶次范围内。",
			"各步骤日期应依次为：发现 ≤ 立案 ≤ 告知 ≤ 决定 ≤ 送达 ≤ 缴款 ≤ 结案；公示日期不早于决定日期。每个已填的日期记为案件全过程记录中的一个步骤。",
			"案号不能与台账中已有（含已作废）的案号重复；导入后新立案件从导入的最大序号之后接续编号。",
			"导入只记录已经发生的办案步骤，不再逐项核对告知期限、法制审核等程序规定；导入后在本系统中记录的新步骤仍按全部规定检查。",
		},
	}
}()
