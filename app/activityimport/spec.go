package activityimport

import (
	"math"
	"strconv"
	"strings"

	"townledger/app/ids"
	"townledger/app/problem"
	"townledger/app/publicity"
	"townledger/app/workbook"
)

// Kind is the import's name on the command line.
const Kind = "activities"

// Place kinds as the sheet writes them, and the values app/publicity stores.
var placeKinds = map[string]string{"村": "village", "社区": "community", "企业": "enterprise", "学校": "school",
	"家庭": "family", "其他": "other"}

var placeShown = []string{"村", "社区", "企业", "学校", "家庭", "其他"}

// maxMoney is the largest cost, in yuan, a cell may hold before it is refused as not an
// amount (far beyond any activity; it keeps fen within int64).
const maxMoney = 1e12

// parseCount reads a count: a whole number (full-width digits accepted; 3.0 is 3).
// Negative and too large counts are left to app/publicity's rule, which refuses them.
func parseCount(s string) (any, error) {
	f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(ids.Normalize(s)), ",", ""), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f != math.Trunc(f) {
		return nil, problem.New(KeyNotCount, map[string]any{"Value": s})
	}
	if math.Abs(f) > 10*publicity.MaxCount {
		return nil, problem.New(publicity.KeyCountInvalid, map[string]any{"Max": publicity.MaxCount})
	}
	return int(f), nil
}

// parseMoney reads an amount in yuan with at most two decimals and gives it in fen.
// A negative amount is left to app/publicity's rule, which refuses it.
func parseMoney(s string) (any, error) {
	n := strings.TrimSpace(ids.Normalize(s))
	n = strings.TrimSuffix(strings.ReplaceAll(n, ",", ""), "元")
	f, err := strconv.ParseFloat(n, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > maxMoney {
		return nil, problem.New(KeyNotMoney, map[string]any{"Value": s})
	}
	fen := math.Round(f * 100)
	if math.Abs(f*100-fen) > 1e-6 {
		return nil, problem.New(KeyNotMoney, map[string]any{"Value": s})
	}
	return int64(fen), nil
}

func col(name, header, english string, required bool, desc, format string, maxLen int) workbook.Column {
	return workbook.Column{Name: name, Header: header, English: english, Required: required, Desc: desc,
		Format: format, MaxLen: maxLen}
}

func countCol(name, header, english, desc string) workbook.Column {
	c := col(name, header, english, false, desc, "0 或正整数，留空即为 0", 20)
	c.Parse = parseCount
	return c
}

// Spec is the activities workbook (宣传活动): one row per activity.
var Spec = func() workbook.Spec {
	held := col(publicity.FieldHeldOn, "日期", "Date", true, "活动举办的日期，不能晚于今天", "", 20)
	held.Date = true
	place := col(publicity.FieldPlaceKind, "场所类型", "Place kind", false, "活动所在场所的类型", "", 10)
	place.Choices = placeShown
	place.Parse = workbook.OneOf(placeKinds, placeShown)
	cost := col(publicity.FieldCost, "经费（元）", "Cost (yuan)", false, "本次活动的经费", "以元为单位，最多两位小数，如 1200 或 350.50", 20)
	cost.Parse = parseMoney
	ml := publicity.MaxLen
	notes := col(publicity.FieldNotes, "备注", "Notes", false, "可以分行", "", ml[publicity.FieldNotes])
	notes.MultiLine = true
	return workbook.Spec{
		Kind:  Kind,
		Title: "宣传活动",
		Sheet: "宣传活动",
		Columns: []workbook.Column{
			held,
			col(publicity.FieldTitle, "活动名称", "Title", true, "", "", ml[publicity.FieldTitle]),
			col(publicity.FieldType, "活动类型", "Type", true, "本镇设置的活动类型之一",
				"默认类型："+strings.Join(publicity.DefaultTypes, "、")+"（以「设置」中的为准）", ml[publicity.FieldType]),
			place,
			col(publicity.FieldPlaceName, "场所名称", "Place", false, "如 某某村、某某小学", "", ml[publicity.FieldPlaceName]),
			col(publicity.FieldOrganisers, "主办单位", "Organisers", false, "", "", ml[publicity.FieldOrganisers]),
			col(publicity.FieldPartners, "协办单位", "Partners", false, "", "", ml[publicity.FieldPartners]),
			countCol(publicity.FieldBanners, "横幅（条）", "Banners", "悬挂的横幅条数"),
			countCol(publicity.FieldBoards, "展板（块）", "Boards", "展出的展板块数"),
			countCol(publicity.FieldMaterials, "发放资料（份）", "Materials", "发放的宣传资料份数"),
			countCol(publicity.FieldConsultations, "咨询（人次）", "Consultations", "现场接受咨询的人次"),
			countCol(publicity.FieldPeople, "受教育群众（人次）", "People reached", "受教育群众的人次"),
			countCol(publicity.FieldEnterprises, "覆盖企业（家）", "Enterprises", "覆盖的企业家数"),
			countCol(publicity.FieldDrills, "演练（次）", "Drills", "组织的应急演练次数"),
			countCol(publicity.FieldDrillPeople, "演练参与（人次）", "Drill participants", "参加演练的人次；填写时演练次数应大于 0"),
			cost,
			notes,
		},
		Example: []string{"2024-06-16", "示例：安全生产月咨询日", "安全生产月", "社区", "示例社区广场", "青石镇应急管理办公室",
			"青石镇派出所", "2", "6", "300", "45", "260", "12", "1", "80", "1200", "示例行，导入时跳过"},
		Notes: []string{
			"每行一场宣传活动。活动类型须为本镇在「设置」中设置的类型之一。",
			"数量各列填写 0 或正整数，留空即为 0；填写了演练参与人次时，演练次数应大于 0。",
			"同一天、同一名称、同一场所的活动在文件中只能出现一次。",
		},
	}
}()
