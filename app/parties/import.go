package parties

import (
	"context"
	"time"

	"townledger/app/auth"
	"townledger/app/ids"
	"townledger/app/problem"
	"townledger/app/workbook"
	"townledger/data"
)

// Kind is the import kind's command-line name.
const Kind = "enterprises"

var kindValues = map[string]string{
	"单位": KindOrg, "企业": KindOrg, "公司": KindOrg, "组织": KindOrg, "机构": KindOrg, "个体工商户": KindOrg,
	"ORG": KindOrg, "ORGANISATION": KindOrg, "ORGANIZATION": KindOrg, "ENTERPRISE": KindOrg, "COMPANY": KindOrg,
	"个人": KindPerson, "自然人": KindPerson, "PERSON": KindPerson, "INDIVIDUAL": KindPerson,
}

func column(name, header, english string, required bool, desc, format string) workbook.Column {
	return workbook.Column{Name: name, Header: header, English: english, Required: required, Desc: desc,
		Format: format, MaxLen: MaxLen[name]}
}

// Spec is the enterprises workbook: one row per enterprise or person.
var Spec = func() workbook.Spec {
	kind := column(FieldKind, "类型", "Type", true, "单位（企业、个体工商户等，有统一社会信用代码）或个人", "")
	kind.Choices = []string{"单位", "个人"}
	kind.Parse = workbook.OneOf(kindValues, kind.Choices)
	kind.MaxLen = 20
	credit := column(FieldCreditCode, "统一社会信用代码", "Credit code", false, "单位必填，个人不填；同一代码只能登记一次",
		"18 位数字或大写字母，末位为校验位")
	credit.AsText = true
	idNumber := column(FieldIDNumber, "身份证号码", "ID number", false, "个人必填，单位不填；同一号码只能登记一次",
		"18 位，末位可以是 X；请把该列设为文本格式，以免 Excel 改动号码")
	idNumber.AsText = true
	phone := column(FieldPhone, "联系电话", "Phone", false, "手机或固定电话", "手机 11 位，如 13812345678；固定电话如 010-12345678")
	phone.AsText = true
	notes := column(FieldNotes, "备注", "Notes", false, "其他需要记下的情况", "不超过 1000 个字")
	notes.MultiLine = true // a note may run over several lines, as in the window's form
	return workbook.Spec{
		Kind:  Kind,
		Title: "企业和个人",
		Sheet: "企业和个人",
		Columns: []workbook.Column{
			kind,
			column(FieldName, "名称", "Name", true, "单位全称或个人姓名", "不超过 100 个字"),
			credit,
			idNumber,
			column(FieldLegalRep, "法定代表人", "Legal representative", false, "单位的法定代表人或负责人", ""),
			column(FieldAddress, "地址", "Address", false, "生产经营地址或住址", ""),
			column(FieldIndustry, "行业", "Industry", false, "所属行业，如 机械制造、餐饮", ""),
			column(FieldContact, "联系人", "Contact", false, "日常联系的人", ""),
			phone,
			column(FieldVillage, "所在村（社区）", "Village", false, "所在的行政村或社区", ""),
			notes,
		},
		Example: []string{"单位", "青石镇示例机械厂", "91110000600037341L", "", "王示例", "青石镇东街 1 号", "机械制造", "李示例",
			"13800000000", "东街社区", "示例行，导入时跳过"},
		Notes: []string{
			"每行一个单位或个人。单位填写统一社会信用代码，个人填写身份证号码；二者在台账中都只能登记一次。",
			"已在台账中登记过的单位或个人不要重复导入；文件中的号码与台账已有记录相同时，整份文件不会导入。",
		},
	}
}()

// fromRecord reads a party from an import row.
func fromRecord(r workbook.Record) Party {
	return Party{Kind: r.Text(FieldKind), Name: r.Text(FieldName), CreditCode: r.Text(FieldCreditCode),
		IDNumber: r.Text(FieldIDNumber), LegalRep: r.Text(FieldLegalRep), Address: r.Text(FieldAddress),
		Industry: r.Text(FieldIndustry), Contact: r.Text(FieldContact), Phone: r.Text(FieldPhone),
		Village: r.Text(FieldVillage), Notes: r.Text(FieldNotes)}
}

type importRow struct {
	row   int
	party Party
}

// Import reads the enterprises workbook at path and records every row in one transaction,
// or none: the whole file is checked first (every cell, the rules of Check, credit codes
// and ID numbers repeated within the file or already held by a live party), and any
// problem refuses the file with all of them (a *workbook.Problems, by row and column).
// by must be allowed to edit parties; today bounds ID numbers' birth dates. It returns the
// number of parties recorded.
func Import(ctx context.Context, store *data.Store, by auth.Session, path string, today time.Time) (int, error) {
	if err := by.Require(auth.EditParties); err != nil {
		return 0, err
	}
	if err := requireTown(ctx, store); err != nil {
		return 0, err
	}
	var rows []importRow
	type ident struct{ field, value string }
	first := map[ident]importRow{} // identifier → the row that first gave it
	var order []ident
	check := func(r workbook.Record, report func(string, error)) {
		p, l := fromRecord(r).Check(today)
		bad := map[string]bool{}
		for _, e := range l {
			report(e.Field, e)
			bad[e.Field] = true
		}
		field, value := p.identifier()
		if value != "" && !bad[field] && !bad[FieldKind] {
			if f, ok := first[ident{field, value}]; ok {
				report(field, problem.New(workbook.KeyDuplicate, map[string]any{"First": f.row, "Name": f.party.Name, "Value": shown(field, value)}))
				return
			}
			first[ident{field, value}] = importRow{r.Row, p}
			order = append(order, ident{field, value})
		}
		if len(l) == 0 {
			rows = append(rows, importRow{r.Row, p})
		}
	}
	tbl, err := workbook.Read(ctx, path, Spec, check)
	if err != nil {
		return 0, err
	}
	values := make([]string, len(order))
	for i, id := range order {
		values[i] = id.value
	}
	err = store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		existing, err := tx.PartiesByIdentifier(values)
		if err != nil {
			return err
		}
		for _, id := range order {
			ex, ok := existing[id.value]
			if ok && (id.field == FieldCreditCode && ex.CreditCode == id.value || id.field == FieldIDNumber && ex.IDNumber == id.value) {
				tbl.Report(first[id].row, id.field, takenProblem(id.field, id.value, ex))
			}
		}
		if err := tbl.Err(); err != nil {
			return err
		}
		for i, r := range rows {
			if i%512 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if _, err := tx.InsertParty(r.party.record()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(rows), nil
}

// shown is how an identifier appears in messages: ID numbers masked.
func shown(field, value string) string {
	if field == FieldIDNumber {
		return ids.MaskIDNumber(value)
	}
	return value
}
