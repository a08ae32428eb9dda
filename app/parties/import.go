package parties

import (
	"context"
	"errors"
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
	// checkOnly: the row has problems of its own and is not recorded; its identifier is still
	// checked against the ledger, so the file's every problem is told at once.
	checkOnly bool
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
	// The file is read on this goroutine while its good rows are written on another, in one
	// transaction, batch by batch: the two take about as long, so a large file takes half the
	// time. The transaction is committed only when the whole file proved good.
	w := startImportWriter(ctx, store, by)
	type ident struct{ field, value string }
	first := map[ident]importRow{} // identifier → the row that first gave it
	var pending []importRow
	count := 0
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
			first[ident{field, value}] = importRow{row: r.Row, party: p}
		}
		switch {
		case len(l) == 0:
			pending = append(pending, importRow{row: r.Row, party: p})
			count++
		case value != "" && !bad[field] && !bad[FieldKind]:
			pending = append(pending, importRow{row: r.Row, party: p, checkOnly: true})
		}
		if len(pending) == importBatch {
			w.batches <- pending
			pending = nil
		}
	}
	tbl, err := workbook.Read(ctx, path, Spec, check)
	if len(pending) > 0 {
		w.batches <- pending
	}
	close(w.batches)
	w.verdict <- err == nil && tbl.Err() == nil
	res := <-w.done
	if err != nil {
		return 0, err
	}
	for _, t := range res.taken {
		tbl.Report(t.row, t.field, t.err)
	}
	if err := tbl.Err(); err != nil {
		return 0, err
	}
	if res.err != nil {
		return 0, res.err
	}
	return count, nil
}

// importBatch is how many rows the reader hands the writer at a time.
const importBatch = 512

// importWriter records the rows an import's reader hands it, in one transaction.
type importWriter struct {
	batches chan []importRow
	verdict chan bool // the reader's last word: the whole file is good
	done    chan importResult
}

type importResult struct {
	taken []takenAt // identifiers already held by a live party
	err   error
}

type takenAt struct {
	row   int
	field string
	err   error
}

// errImportRefused rolls back an import whose file proved bad; the problems themselves are
// returned with the file's table.
var errImportRefused = errors.New("import refused")

func startImportWriter(ctx context.Context, store *data.Store, by auth.Session) importWriter {
	w := importWriter{batches: make(chan []importRow, 4), verdict: make(chan bool, 1), done: make(chan importResult, 1)}
	go func() {
		var res importResult
		res.err = store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
			for batch := range w.batches {
				if err := ctx.Err(); err != nil {
					return err
				}
				taken, err := takenIdentifiers(tx, batch)
				if err != nil {
					return err
				}
				res.taken = append(res.taken, taken...)
				if len(res.taken) > 0 {
					continue // the file is refused; the rest is only checked
				}
				for _, r := range batch {
					if r.checkOnly {
						continue
					}
					if _, err := tx.InsertParty(r.party.record()); err != nil {
						return err
					}
				}
			}
			if !<-w.verdict || len(res.taken) > 0 {
				return errImportRefused
			}
			return nil
		})
		if errors.Is(res.err, errImportRefused) {
			res.err = nil
		}
		for range w.batches { // a write that failed early leaves the reader free to finish
		}
		w.done <- res
	}()
	return w
}

// takenIdentifiers lists the rows of batch whose credit code or ID number a live party
// already holds.
func takenIdentifiers(tx *data.Tx, batch []importRow) ([]takenAt, error) {
	values := make([]string, 0, len(batch))
	for _, r := range batch {
		if _, v := r.party.identifier(); v != "" {
			values = append(values, v)
		}
	}
	if len(values) == 0 {
		return nil, nil
	}
	existing, err := tx.PartiesByIdentifier(values)
	if err != nil {
		return nil, err
	}
	var out []takenAt
	for _, r := range batch {
		field, v := r.party.identifier()
		ex, ok := existing[v]
		if ok && v != "" && (field == FieldCreditCode && ex.CreditCode == v || field == FieldIDNumber && ex.IDNumber == v) {
			out = append(out, takenAt{r.row, field, takenProblem(field, v, ex)})
		}
	}
	return out, nil
}

// shown is how an identifier appears in messages: ID numbers masked.
func shown(field, value string) string {
	if field == FieldIDNumber {
		return ids.MaskIDNumber(value)
	}
	return value
}
