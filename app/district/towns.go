package district

import (
	"context"
	"strings"
	"unicode/utf8"

	"townledger/app/auth"
	"townledger/app/ids"
	townmail "townledger/app/mail"
	"townledger/app/problem"
	"townledger/app/setup"
	"townledger/app/workbook"
	"townledger/data"
)

// Form fields of a town, also the import's column names.
const (
	FieldName    = "name"
	FieldCode    = "division_code"
	FieldKind    = "kind"
	FieldContact = "contact"
	FieldPhone   = "phone"
	FieldEmails  = "emails"
	FieldNotes   = "notes"
)

// Longest texts, in characters.
const (
	MaxName  = 50
	MaxText  = 100 // contact, phone
	MaxMails = 500
	MaxNotes = 1000
)

// Town is a town or centre as a person types it.
type Town struct {
	ID           string // "" for a new one
	Name         string
	DivisionCode string // a town's 9 or 12 digits, or a district's 6 (a city registers its districts)
	Kind         string // data.DistrictKindTown (default) or data.DistrictKindCentre
	Contact      string
	Phone        string
	Emails       string // one or more addresses, separated by commas or semicolons
	Notes        string
}

// Check lists every problem of t and returns it as stored: the 9-digit town code (or 6-digit
// district code), the addresses
// in lower case separated by ", ".
func (t Town) Check() (data.DistrictTown, problem.List) {
	var l problem.List
	d := data.DistrictTown{ID: t.ID, Name: strings.TrimSpace(t.Name), Kind: strings.TrimSpace(t.Kind),
		Contact: strings.TrimSpace(t.Contact), Phone: strings.TrimSpace(t.Phone), Notes: strings.TrimSpace(t.Notes)}
	switch n := utf8.RuneCountInString(d.Name); {
	case n == 0:
		l = append(l, problem.OnField(FieldName, KeyNameEmpty, nil))
	case n > MaxName:
		l = append(l, problem.OnField(FieldName, KeyNameLong, map[string]any{"Max": MaxName}))
	}
	code, err := ids.ValidateOfficeCode(t.DivisionCode)
	if err != nil {
		p := problem.From(err)
		p.Field = FieldCode
		l = append(l, p)
	}
	d.DivisionCode = code
	switch d.Kind {
	case "":
		d.Kind = data.DistrictKindTown
	case data.DistrictKindTown, data.DistrictKindCentre:
	default:
		l = append(l, problem.OnField(FieldKind, KeyKindInvalid, map[string]any{"Kind": d.Kind}))
	}
	if err := setup.CheckEmail(t.Emails); err != nil {
		p := problem.From(err)
		p.Field = FieldEmails
		l = append(l, p)
	} else {
		d.Emails = strings.Join(townmail.Addresses(t.Emails), ", ")
	}
	for _, f := range []struct {
		field, value string
		max          int
	}{{FieldContact, d.Contact, MaxText}, {FieldPhone, d.Phone, MaxText}, {FieldEmails, t.Emails, MaxMails}, {FieldNotes, d.Notes, MaxNotes}} {
		if utf8.RuneCountInString(f.value) > f.max {
			l = append(l, problem.OnField(f.field, KeyTextLong, map[string]any{"Max": f.max}))
		}
	}
	return d, l
}

// Towns lists the district's registered towns by division code.
func Towns(ctx context.Context, store *data.Store) ([]data.DistrictTown, error) {
	return store.DistrictTowns(ctx)
}

func codeTaken(code string, other data.DistrictTown) *problem.Error {
	return problem.OnField(FieldCode, KeyCodeTaken, map[string]any{"Code": code, "Name": other.Name})
}

// AddTown registers a town; an administrator may. Field problems come back together as a
// problem.List; a division code another live town has is refused.
func AddTown(ctx context.Context, store *data.Store, by auth.Session, t Town) (string, error) {
	if err := by.Require(auth.ManageSettings); err != nil {
		return "", err
	}
	d, l := t.Check()
	if err := l.Err(); err != nil {
		return "", err
	}
	var id string
	err := store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		if other, ok, err := tx.DistrictTownByCode(d.DivisionCode); err != nil {
			return err
		} else if ok {
			return codeTaken(d.DivisionCode, other)
		}
		d.ID = ""
		var err error
		id, err = tx.InsertDistrictTown(d)
		return err
	})
	return id, err
}

// UpdateTown changes a registered town; an administrator may.
func UpdateTown(ctx context.Context, store *data.Store, by auth.Session, t Town) error {
	if err := by.Require(auth.ManageSettings); err != nil {
		return err
	}
	d, l := t.Check()
	if err := l.Err(); err != nil {
		return err
	}
	return store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		if other, ok, err := tx.DistrictTownByCode(d.DivisionCode); err != nil {
			return err
		} else if ok && other.ID != d.ID {
			return codeTaken(d.DivisionCode, other)
		}
		return tx.UpdateDistrictTown(d)
	})
}

// RemoveTown takes a town off the register; what it sent stays. An administrator may.
func RemoveTown(ctx context.Context, store *data.Store, by auth.Session, id string) error {
	if err := by.Require(auth.ManageSettings); err != nil {
		return err
	}
	return store.Write(ctx, by.Actor(), func(tx *data.Tx) error { return tx.DeleteDistrictTown(id) })
}

// TownsKind is the import kind's command-line name.
const TownsKind = "district-towns"

var kindValues = map[string]string{
	"乡镇": data.DistrictKindTown, "镇": data.DistrictKindTown, "乡": data.DistrictKindTown, "街道": data.DistrictKindTown,
	"TOWN": data.DistrictKindTown,
	"中心":   data.DistrictKindCentre, "中心社区": data.DistrictKindCentre, "CENTRE": data.DistrictKindCentre,
	"CENTER": data.DistrictKindCentre,
}

// TownsSpec is the towns workbook: one row per town or centre.
var TownsSpec = func() workbook.Spec {
	kind := workbook.Column{Name: FieldKind, Header: "类型", English: "Type", Desc: "乡镇（镇、乡、街道）或中心（中心社区等），不填为乡镇",
		Choices: []string{"乡镇", "中心"}, MaxLen: 20}
	kind.Parse = workbook.OneOf(kindValues, kind.Choices)
	code := workbook.Column{Name: FieldCode, Header: "区划代码", English: "Division code", Required: true,
		Desc: "乡镇级行政区划代码，与该乡镇报表中的代码一致；同一代码只能登记一次", Format: "9 位数字，或末三位为 000 的 12 位统计用区划代码",
		AsText: true, MaxLen: 20}
	phone := workbook.Column{Name: FieldPhone, Header: "电话", English: "Phone", Desc: "联系电话", MaxLen: MaxText, AsText: true}
	notes := workbook.Column{Name: FieldNotes, Header: "备注", English: "Notes", Desc: "其他需要记下的情况", MaxLen: MaxNotes, MultiLine: true}
	return workbook.Spec{
		Kind:  TownsKind,
		Title: "辖区乡镇",
		Sheet: "辖区乡镇",
		Columns: []workbook.Column{
			{Name: FieldName, Header: "名称", English: "Name", Required: true, Desc: "乡镇或中心的名称", Format: "不超过 50 个字", MaxLen: MaxName},
			code,
			kind,
			{Name: FieldContact, Header: "联系人", English: "Contact", Desc: "负责报送的人", MaxLen: MaxText},
			phone,
			{Name: FieldEmails, Header: "邮箱", English: "E-mail", Desc: "该乡镇发送报表所用的邮箱，只收这些地址发来的报表",
				Format: "一个或多个地址，用逗号或分号隔开", MaxLen: MaxMails},
			notes,
		},
		Example: []string{"青石镇示例", "110105100", "乡镇", "李示例", "13800000000", "qingshi@example.cn", "示例行，导入时跳过"},
		Notes: []string{
			"每行一个乡镇或中心。区划代码与该乡镇报表元数据中的代码一致，报表按此代码认领。",
			"已登记的区划代码不要重复导入；文件中有与台账相同的代码时，整份文件不会导入。",
		},
	}
}()

// ImportTowns reads the towns workbook at path and registers every row in one transaction,
// or none: every cell, the rules of Check and division codes repeated within the file or
// already registered are checked first, and any problem refuses the file with all of them
// (a *workbook.Problems). An administrator may. It returns the number of towns registered.
func ImportTowns(ctx context.Context, store *data.Store, by auth.Session, path string) (int, error) {
	if err := by.Require(auth.ManageSettings); err != nil {
		return 0, err
	}
	type row struct {
		n    int
		town data.DistrictTown
	}
	var rows []row
	first := map[string]row{}
	check := func(r workbook.Record, report func(string, error)) {
		d, l := Town{Name: r.Text(FieldName), DivisionCode: r.Text(FieldCode), Kind: r.Text(FieldKind),
			Contact: r.Text(FieldContact), Phone: r.Text(FieldPhone), Emails: r.Text(FieldEmails), Notes: r.Text(FieldNotes)}.Check()
		for _, p := range l {
			report(p.Field, p)
		}
		if len(l) > 0 {
			return
		}
		if f, ok := first[d.DivisionCode]; ok {
			report(FieldCode, problem.New(workbook.KeyDuplicate, map[string]any{"First": f.n, "Name": f.town.Name, "Value": d.DivisionCode}))
			return
		}
		first[d.DivisionCode] = row{r.Row, d}
		rows = append(rows, row{r.Row, d})
	}
	tbl, err := workbook.Read(ctx, path, TownsSpec, check)
	if err != nil {
		return 0, err
	}
	if len(rows) == 0 && tbl.Err() == nil { // only the example row
		return 0, problem.New(workbook.KeyEmpty, map[string]any{"Sheet": tbl.Sheet})
	}
	err = store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		for _, r := range rows {
			if other, ok, err := tx.DistrictTownByCode(r.town.DivisionCode); err != nil {
				return err
			} else if ok {
				tbl.Report(r.n, FieldCode, codeTaken(r.town.DivisionCode, other))
			}
		}
		if err := tbl.Err(); err != nil {
			return err
		}
		for _, r := range rows {
			if _, err := tx.InsertDistrictTown(r.town); err != nil {
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
