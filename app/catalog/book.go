package catalog

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/ids"
	"townledger/app/problem"
	"townledger/app/workbook"
	"townledger/data"
)

// Kind is the import kind's command-line name.
const Kind = "catalog"

// ExampleCode is the item code of the template's example rows: rows of any sheet with this
// code are skipped on import.
const ExampleCode = "示例"

// Sheet names of the catalogue workbook.
const (
	ItemsSheet = "赋权事项"
	RefsSheet  = "法律依据"
	TiersSheet = "裁量阶次"
)

var (
	delegationValues = map[string]string{"赋权": Grant, "委托": Entrust, "GRANT": Grant, "ENTRUST": Entrust,
		"DELEGATED": Grant, "ENTRUSTED": Entrust}
	roleValues = map[string]string{"违反条款": Obligation, "处罚依据": Basis, "违法条款": Obligation, "义务条款": Obligation,
		"依据条款": Basis, "OBLIGATION": Obligation, "BASIS": Basis}
	yesNo = map[string]bool{"是": true, "否": false, "Y": true, "N": false, "YES": true, "NO": false, "TRUE": true,
		"FALSE": false, "1": true, "0": false, "√": true, "×": false}
)

var (
	amountRE = regexp.MustCompile(`^-?[0-9]{1,10}(\.[0-9]+)?$`)
	numberRE = regexp.MustCompile(`^第?(-?[0-9]{1,6})(\.0+)?[条款项]?$`)
)

// ParseAmount reads an amount in 元 from a cell — "50000", "50,000", "1.5", "５００元" — into
// fen. A negative amount is read (Check refuses it); more than two decimals are refused
// unless they are Excel's binary rounding of a whole fen.
func ParseAmount(s string) (any, error) {
	t := strings.TrimSuffix(ids.Normalize(s), "元")
	t = strings.NewReplacer(",", "", "，", "", " ", "").Replace(t)
	bad := problem.New(KeyBadAmount, map[string]any{"Value": s})
	if !amountRE.MatchString(t) {
		return nil, bad
	}
	whole, frac, _ := strings.Cut(strings.TrimPrefix(t, "-"), ".")
	neg := strings.HasPrefix(t, "-")
	var fen int64
	if len(frac) <= 2 {
		y, _ := strconv.ParseInt(whole, 10, 64)
		f, _ := strconv.ParseInt((frac + "00")[:2], 10, 64)
		fen = y*100 + f
	} else {
		v, err := strconv.ParseFloat(strings.TrimPrefix(t, "-"), 64)
		if err != nil {
			return nil, bad
		}
		r := math.Round(v * 100)
		if math.Abs(v*100-r) > 1e-6 {
			return nil, bad
		}
		fen = int64(r)
	}
	if neg {
		fen = -fen
	}
	return fen, nil
}

// parseNumber reads an article, paragraph, item or tier number: "99", "第99条".
func parseNumber(s string) (any, error) {
	m := numberRE.FindStringSubmatch(ids.Normalize(s))
	if m == nil {
		return nil, problem.New(KeyBadNumber, map[string]any{"Value": s})
	}
	n, _ := strconv.Atoi(m[1])
	return n, nil
}

func parseYesNo(s string) (any, error) {
	if v, ok := yesNo[ids.Normalize(s)]; ok {
		return v, nil
	}
	return nil, problem.New(workbook.KeyChoice, map[string]any{"Value": s, "Choices": "是、否"})
}

func col(name, header, english string, required bool, desc, format string) workbook.Column {
	return workbook.Column{Name: name, Header: header, English: english, Required: required, Desc: desc, Format: format}
}

func textCol(name, header, english string, required bool, desc, format string, max int) workbook.Column {
	c := col(name, header, english, required, desc, format)
	c.MaxLen = max
	return c
}

func amountCol(name, header, english, desc string) workbook.Column {
	c := col(name, header, english, false, desc, "以元为单位，最多两位小数，如 50000；不设该项罚款的留空")
	c.Parse = ParseAmount
	return c
}

// multiLine lets c hold text on several lines.
func multiLine(c workbook.Column) workbook.Column {
	c.MultiLine = true
	return c
}

func numberCol(name, header, english string, required bool, desc string) workbook.Column {
	c := col(name, header, english, required, desc, "阿拉伯数字，如 99")
	c.Parse = parseNumber
	c.Width = 8
	return c
}

func choiceCol(name, header, english string, required bool, desc string, choices []string, parse func(string) (any, error)) workbook.Column {
	c := col(name, header, english, required, desc, "")
	c.Choices, c.Parse, c.MaxLen = choices, parse, 20
	return c
}

func codeCol(desc string) workbook.Column {
	c := textCol(FieldCode, "事项编码", "Item code", true, desc, "如 AQ-05；全角字母和空格自动转换", MaxLen[FieldCode])
	c.AsText = true
	return c
}

// ItemsSpec is the 赋权事项 sheet: one row per item.
var ItemsSpec = workbook.Spec{
	Kind:  Kind,
	Title: "赋权事项",
	Sheet: ItemsSheet,
	Columns: []workbook.Column{
		codeCol("区局目录中的事项编码，每个事项一行，不能重复"),
		textCol(FieldName, "事项名称", "Item name", true, "违法行为名称", "", MaxLen[FieldName]),
		choiceCol(FieldDelegation, "赋权形式", "Delegation", true,
			"赋权：以本镇名义作出决定；委托：以区应急管理局名义作出决定", []string{"赋权", "委托"},
			workbook.OneOf(delegationValues, []string{"赋权", "委托"})),
		textCol(FieldAgreement, "协议文号", "Agreement", false, "赋权（委托）协议书名称或文号", "", MaxLen[FieldAgreement]),
		amountCol(FieldUnitMin, "单位罚款下限（元）", "Unit fine min", "对生产经营单位罚款的下限"),
		amountCol(FieldUnitMax, "单位罚款上限（元）", "Unit fine max", "对生产经营单位罚款的上限"),
		amountCol(FieldPersonMin, "个人罚款下限（元）", "Person fine min", "对主要负责人、直接责任人员或个人罚款的下限"),
		amountCol(FieldPersonMax, "个人罚款上限（元）", "Person fine max", "对主要负责人、直接责任人员或个人罚款的上限"),
		amountCol(FieldLateUnitMin, "逾期未改正单位下限（元）", "Late unit fine min", "逾期未改正（拒不执行）时对单位罚款的下限"),
		amountCol(FieldLateUnitMax, "逾期未改正单位上限（元）", "Late unit fine max", "逾期未改正（拒不执行）时对单位罚款的上限"),
		amountCol(FieldLatePersonMin, "逾期未改正个人下限（元）", "Late person fine min", "逾期未改正时对个人罚款的下限"),
		amountCol(FieldLatePersonMax, "逾期未改正个人上限（元）", "Late person fine max", "逾期未改正时对个人罚款的上限"),
		textCol(FieldLateExtra, "其他处罚", "Other penalties", false, "罚款以外的处罚，如 责令停产停业整顿", "", MaxLen[FieldLateExtra]),
		choiceCol(FieldMinorExempt, "轻微不罚", "Minor exempt", false, "是否列入轻微违法不予处罚清单；留空为否",
			[]string{"是", "否"}, parseYesNo),
		choiceCol(FieldFirstExempt, "首违不罚", "First exempt", false, "是否列入首违不罚清单；留空为否",
			[]string{"是", "否"}, parseYesNo),
		multiLine(textCol(FieldExemptConditions, "免罚条件", "Exemption conditions", false, "不予处罚须同时满足的条件；可以分行", "",
			MaxLen[FieldExemptConditions])),
		{Name: FieldFrom, Header: "生效日期", English: "Effective from", Required: true, Date: true,
			Desc: "本版本开始施行的日期；修订已有事项时须晚于现行版本的生效日期"},
		{Name: FieldTo, Header: "失效日期", English: "Effective to", Date: true, Desc: "最后施行的一天；长期有效的留空"},
	},
	Notes: []string{
		"一个工作簿有三张表：赋权事项（每个事项一行）、法律依据（每条依据一行）、裁量阶次（每个阶次一行），三张表用“事项编码”对应。",
		"每个事项至少要有一条类型为“处罚依据”的法律依据；裁量阶次可以没有。阶次的罚款幅度须在本事项的法定幅度之内。",
		"台账中已有且现行的编码：内容完全相同的跳过，有任何不同的作为该事项的新版本导入（原版本到新版本生效日期前一天为止，已立案件仍按原版本办理）；其余作为新事项导入。",
		"事项编码为“" + ExampleCode + "”的行是示例（灰色斜体），三张表中都会跳过，可以直接删除或覆盖。",
	},
}

// RefsSpec is the 法律依据 sheet: one row per legal reference.
var RefsSpec = workbook.Spec{
	Kind:  Kind,
	Title: "法律依据",
	Sheet: RefsSheet,
	Columns: []workbook.Column{
		codeCol("该依据所属事项的编码，须在“赋权事项”表中"),
		choiceCol(FieldRole, "类型", "Role", true, "违反条款：当事人违反的义务规定；处罚依据：设定处罚的条款",
			[]string{"违反条款", "处罚依据"}, workbook.OneOf(roleValues, []string{"违反条款", "处罚依据"})),
		textCol(FieldLaw, "法律名称", "Law", true, "法律、法规或规章的全称，如 中华人民共和国安全生产法", "", MaxLen[FieldLaw]),
		textCol(FieldLawVersion, "版本", "Version", false, "修正或修订版本，如 2021年修正", "", MaxLen[FieldLawVersion]),
		numberCol(FieldArticle, "条", "Article", true, "条号，从 1 起"),
		numberCol(FieldParagraph, "款", "Paragraph", false, "款号；没有的留空"),
		numberCol(FieldItem, "项", "Item", false, "项号；没有的留空"),
	},
}

// TiersSpec is the 裁量阶次 sheet: one row per discretion tier.
var TiersSpec = workbook.Spec{
	Kind:  Kind,
	Title: "裁量阶次",
	Sheet: TiersSheet,
	Columns: []workbook.Column{
		codeCol("该阶次所属事项的编码，须在“赋权事项”表中"),
		numberCol(FieldOrdinal, "阶次序号", "Tier", true, "1、2、3……，由轻到重"),
		textCol(FieldName, "阶次名称", "Tier name", true, "如 一阶、较轻", "", maxTierName),
		textCol(FieldCondition, "适用情形", "Condition", false, "适用该阶次的情形，如 2处未设置", "", MaxLen[FieldCondition]),
		amountCol(FieldUnitMin, "单位罚款下限（元）", "Unit fine min", "该阶次对单位罚款的下限"),
		amountCol(FieldUnitMax, "单位罚款上限（元）", "Unit fine max", "该阶次对单位罚款的上限"),
		amountCol(FieldPersonMin, "个人罚款下限（元）", "Person fine min", "该阶次对个人罚款的下限"),
		amountCol(FieldPersonMax, "个人罚款上限（元）", "Person fine max", "该阶次对个人罚款的上限"),
	},
}

// Specs are the workbook's sheets in order.
var Specs = []workbook.Spec{ItemsSpec, RefsSpec, TiersSpec}

func yuan(n int64) *int64 { v := n * 100; return &v }

// ExampleItem is the template's example: item 5 of the sample catalogue (no safety signs)
// with its four tiers, under ExampleCode.
func ExampleItem() Item {
	const law, version = "中华人民共和国安全生产法", "2021年修正"
	return Item{Code: ExampleCode, Name: "未在有较大危险因素的场所和设施设备上设置明显安全警示标志", Delegation: Grant,
		AgreementRef: "区应急管理局赋权承接工作协议书", UnitMin: yuan(0), UnitMax: yuan(50000),
		LateUnitMin: yuan(50000), LateUnitMax: yuan(200000), LatePersonMin: yuan(10000), LatePersonMax: yuan(20000),
		LateExtra: "责令停产停业整顿", FirstExempt: true,
		ExemptConditions: "首次违法、及时改正、未造成危害后果，且三年内未发生死亡事故", EffectiveFrom: "2024-01-01",
		Refs: []Ref{
			{Role: Obligation, Law: law, LawVersion: version, Article: 35},
			{Role: Basis, Law: law, LawVersion: version, Article: 99, Paragraph: 1, Item: 1},
		},
		Tiers: []Tier{
			{Ordinal: 1, Name: "一阶", Condition: "1处未设置", UnitMin: yuan(10000), UnitMax: yuan(10000)},
			{Ordinal: 2, Name: "二阶", Condition: "2处未设置", UnitMin: yuan(10000), UnitMax: yuan(20000)},
			{Ordinal: 3, Name: "三阶", Condition: "3至4处未设置", UnitMin: yuan(20000), UnitMax: yuan(30000)},
			{Ordinal: 4, Name: "四阶", Condition: "5处及以上未设置", UnitMin: yuan(30000), UnitMax: yuan(50000)},
		},
	}
}

// cells of an item's rows, in each spec's column order.
func amountCell(p *int64) any {
	if p == nil {
		return nil
	}
	if *p%100 == 0 {
		return *p / 100
	}
	return float64(*p) / 100
}

func numberCell(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func yesNoCell(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

func itemRow(it Item) []any {
	del := "赋权"
	if it.Delegation == Entrust {
		del = "委托"
	}
	return []any{it.Code, it.Name, del, it.AgreementRef, amountCell(it.UnitMin), amountCell(it.UnitMax),
		amountCell(it.PersonMin), amountCell(it.PersonMax), amountCell(it.LateUnitMin), amountCell(it.LateUnitMax),
		amountCell(it.LatePersonMin), amountCell(it.LatePersonMax), it.LateExtra, yesNoCell(it.MinorExempt),
		yesNoCell(it.FirstExempt), it.ExemptConditions, it.EffectiveFrom, it.EffectiveTo}
}

func refRow(code string, r Ref) []any {
	role := "违反条款"
	if r.Role == Basis {
		role = "处罚依据"
	}
	return []any{code, role, r.Law, r.LawVersion, r.Article, numberCell(r.Paragraph), numberCell(r.Item)}
}

func tierRow(code string, t Tier) []any {
	return []any{code, t.Ordinal, t.Name, t.Condition, amountCell(t.UnitMin), amountCell(t.UnitMax),
		amountCell(t.PersonMin), amountCell(t.PersonMax)}
}

// bookKeys are the refusals of one kind of workbook written.
type bookKeys struct{ exists, write string }

var (
	templateKeys = bookKeys{workbook.KeyTemplateExists, workbook.KeyTemplateWrite}
	exportKeys   = bookKeys{KeyExportExists, KeyExportWrite}
)

// WriteTemplate writes the catalogue template to path: the three sheets with their headers,
// drop-down lists and formats, the example item in grey italics, and a notes sheet. An
// existing file is refused, never overwritten.
func WriteTemplate(path string) error {
	return writeBook(path, []Item{ExampleItem()}, true, templateKeys)
}

// ExportWorkbook writes the catalogue current on the date on — the active versions in force
// then or taking effect later — to path in the import format, so importing the file into
// another town's ledger reproduces them. An existing file is refused, never overwritten.
// It returns the number of items written.
func ExportWorkbook(ctx context.Context, store *data.Store, path string, on time.Time) (int, error) {
	current, err := store.CurrentCatalogItems(ctx, on.Format(data.DateLayout))
	if err != nil {
		return 0, err
	}
	items := make([]Item, 0, len(current))
	for _, c := range current {
		it, ok, err := store.CatalogItem(ctx, c.ID)
		if err != nil {
			return 0, err
		}
		if ok {
			items = append(items, it)
		}
	}
	if err := writeBook(path, items, false, exportKeys); err != nil {
		return 0, err
	}
	return len(items), nil
}

// writeBook writes items to a new workbook at path, next to it first and renamed into place
// so a half-written file never appears.
func writeBook(path string, items []Item, example bool, keys bookKeys) error {
	if err := workbook.CheckNew(path); err != nil {
		return workbook.SaveError(err, path, keys.exists, keys.write)
	}
	x, err := buildBook(items, example)
	if err != nil {
		return fmt.Errorf("build catalogue workbook: %w", err)
	}
	defer x.Close()
	return workbook.SaveError(workbook.SaveNew(context.Background(), x, path), path, keys.exists, keys.write)
}

// dataRows is how far down the drop-down lists reach.
const dataRows = 5000

func buildBook(items []Item, example bool) (*excelize.File, error) {
	x := excelize.NewFile()
	header, err := x.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
		NumFmt:    49,
	})
	if err != nil {
		return x, err
	}
	grey, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "808080"}})
	if err != nil {
		return x, err
	}
	text, err := x.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return x, err
	}
	rows := [3][][]any{}
	for _, it := range items {
		rows[0] = append(rows[0], itemRow(it))
		for _, r := range it.Refs {
			rows[1] = append(rows[1], refRow(it.Code, r))
		}
		for _, t := range it.Tiers {
			rows[2] = append(rows[2], tierRow(it.Code, t))
		}
	}
	for i, spec := range Specs {
		if i == 0 {
			err = x.SetSheetName("Sheet1", spec.Sheet)
		} else {
			_, err = x.NewSheet(spec.Sheet)
		}
		if err != nil {
			return x, err
		}
		if err := writeSheet(x, spec, rows[i], header, text, grey, example); err != nil {
			return x, err
		}
	}
	if err := notes(x); err != nil {
		return x, err
	}
	x.SetActiveSheet(0)
	return x, nil
}

func writeSheet(x *excelize.File, spec workbook.Spec, rows [][]any, header, text, grey int, example bool) error {
	sheet := spec.Sheet
	for i, c := range spec.Columns {
		name, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		width := c.Width
		if width == 0 {
			width = min(max(10, float64(len([]rune(workbook.HeaderText(c))))*2+2), 40)
		}
		if err := x.SetColWidth(sheet, name, name, width); err != nil {
			return err
		}
		if c.AsText {
			if err := x.SetColStyle(sheet, name, text); err != nil {
				return err
			}
		}
		if err := x.SetCellStr(sheet, name+"1", workbook.HeaderText(c)); err != nil {
			return err
		}
		if err := x.SetCellStyle(sheet, name+"1", name+"1", header); err != nil {
			return err
		}
		if len(c.Choices) > 0 {
			dv := excelize.NewDataValidation(!c.Required)
			dv.SetSqref(fmt.Sprintf("%s2:%s%d", name, name, dataRows+1))
			if err := dv.SetDropList(c.Choices); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, c.Header, "请从下拉列表中选择："+strings.Join(c.Choices, "、"))
			if err := x.AddDataValidation(sheet, dv); err != nil {
				return err
			}
		}
	}
	for r, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, r+2)
		if err != nil {
			return err
		}
		if err := x.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
		if example {
			last, _ := excelize.CoordinatesToCellName(len(spec.Columns), r+2)
			if err := x.SetCellStyle(sheet, cell, last, grey); err != nil {
				return err
			}
		}
	}
	if err := x.SetRowHeight(sheet, 1, 30); err != nil {
		return err
	}
	return x.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}})
}

// generalNotes close the notes sheet, as in every import template.
var generalNotes = []string{
	"第一行是列名，请勿修改或删除；带 * 的列必须填写。可以增加其他列，导入时忽略。",
	"导入时整份文件一起检查：只要有一处问题，就一条也不导入，并逐条列出问题所在的表、行和列；改正后重新导入即可。",
	"日期可以是 Excel 日期，也可以写成 2024-03-15、2024/3/15 或 2024年3月15日。金额以元为单位。",
}

func notes(x *excelize.File) error {
	return workbook.WriteNotes(x, "赋权事项目录导入说明", append(append([]string{}, ItemsSpec.Notes...), generalNotes...), Specs...)
}
