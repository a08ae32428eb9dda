package catalog

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"townledger/app/auth"
	"townledger/app/ids"
	"townledger/app/problem"
	"townledger/app/workbook"
	"townledger/data"
)

// Result counts what an import did with the file's items.
type Result struct {
	Added     int // new items (version 1)
	Revised   int // new versions of items already current
	Unchanged int // items identical to their current version, skipped
}

// entry is one item of the file with the rows it came from.
type entry struct {
	row      int // in the items sheet
	item     Item
	refRows  []int
	tierRows []int
}

// errNothing rolls back an import that changed nothing, which is still a success.
var errNothing = errors.New("catalogue import changed nothing")

// Import reads the catalogue workbook at path (sheets 赋权事项, 法律依据 and, optionally,
// 裁量阶次, joined by item code) and records it in one transaction, or nothing: every cell,
// every item under Check, references and tiers naming a code the items sheet lacks, codes
// repeated, and each item against the ledger are checked first, and any problem refuses the
// file with all of them (a *workbook.Problems naming sheet, row and column). An item whose
// code is current in the ledger on today is skipped when identical and otherwise recorded as
// its new version (see Revise); any other item is created. Rows with ExampleCode are
// skipped. by must be allowed to edit the catalogue.
func Import(ctx context.Context, store *data.Store, by auth.Session, path string, today time.Time) (Result, error) {
	var res Result
	if err := by.Require(auth.EditCatalog); err != nil {
		return res, err
	}
	if err := requireTown(ctx, store); err != nil {
		return res, err
	}
	f, err := workbook.Open(path)
	if err != nil {
		return res, err
	}
	defer f.Close()
	itemsT, err := readSheet(ctx, f, ItemsSpec, true)
	if err != nil {
		return res, err
	}
	refsT, err := readSheet(ctx, f, RefsSpec, true)
	if err != nil {
		return res, err
	}
	tiersT, err := readSheet(ctx, f, TiersSpec, false)
	if err != nil {
		return res, err
	}
	entries := join(itemsT, refsT, tiersT)
	if len(entries) == 0 && problemCount(itemsT, refsT, tiersT) == 0 {
		return res, problem.New(workbook.KeyEmpty, map[string]any{"Sheet": itemsT.Sheet})
	}
	valid := checkEntries(entries, itemsT, refsT, tiersT)

	day := today.Format(data.DateLayout)
	err = store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		current, err := tx.CurrentCatalogItems(day)
		if err != nil {
			return err
		}
		byCode := map[string]data.CatalogItem{}
		for _, c := range current {
			byCode[NormalizeCode(c.Code)] = c // by code, then effective date: the latest wins
		}
		for i, e := range valid {
			if i%64 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			cur, ok := byCode[e.item.Code]
			if !ok {
				_, err = create(tx, e.item)
				if rowProblem(itemsT, e.row, err) {
					continue
				}
				if err != nil {
					return err
				}
				res.Added++
				continue
			}
			old, _, err := tx.CatalogItem(cur.ID)
			if err != nil {
				return err
			}
			if Same(old, e.item) {
				res.Unchanged++
				continue
			}
			_, err = revise(tx, old, e.item)
			if rowProblem(itemsT, e.row, err) {
				continue
			}
			if err != nil {
				return err
			}
			res.Revised++
		}
		if err := gather(itemsT, refsT, tiersT); err != nil {
			return err
		}
		if res.Added+res.Revised == 0 {
			return errNothing
		}
		return nil
	})
	if errors.Is(err, errNothing) {
		err = nil
	}
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// rowProblem reports a refusal of an item (a *problem.Error, on its field) in its row of the
// items sheet; it tells whether err was one.
func rowProblem(t *workbook.Table, row int, err error) bool {
	var pe *problem.Error
	if err == nil || !errors.As(err, &pe) {
		return false
	}
	name := pe.Field
	if _, _, ok := t.Spec.Column(name); !ok {
		name = ""
	}
	t.Report(row, name, pe)
	return true
}

// sameSheet compares sheet names as the reader does: width, case and spaces aside.
func sameSheet(a, b string) bool {
	fold := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == ' ' || r == '\u3000' || r == '\t' {
				return -1
			}
			return r
		}, ids.Normalize(s))
	}
	return fold(a) == fold(b)
}

// readSheet reads spec's sheet. The reader falls back to another sheet when the file lacks
// spec's; that is refused here with KeyNoSheet, or, for an optional sheet, read as empty
// (nil). An optional sheet without data rows is empty too.
func readSheet(ctx context.Context, f *workbook.File, spec workbook.Spec, required bool) (*workbook.Table, error) {
	t, err := f.Read(ctx, spec, nil)
	missing := false
	var pe *problem.Error
	switch {
	case err == nil:
		missing = !sameSheet(t.Sheet, spec.Sheet)
	case errors.As(err, &pe) && (pe.Key == workbook.KeyMissingColumns || pe.Key == workbook.KeyEmpty):
		sheet, _ := pe.Data["Sheet"].(string)
		if !sameSheet(sheet, spec.Sheet) {
			missing = true
		} else if pe.Key == workbook.KeyEmpty && !required {
			return nil, nil
		} else {
			return nil, err
		}
	default:
		return nil, err
	}
	if missing {
		if !required {
			return nil, nil
		}
		return nil, problem.New(KeyNoSheet, map[string]any{"Sheet": spec.Sheet})
	}
	return t, nil
}

func amount(r workbook.Record, name string) *int64 {
	if v, ok := r.Values[name].(int64); ok {
		return &v
	}
	return nil
}

func number(r workbook.Record, name string) int {
	n, _ := r.Values[name].(int)
	return n
}

func flag(r workbook.Record, name string) bool {
	b, _ := r.Values[name].(bool)
	return b
}

func date(r workbook.Record, name string) string {
	if d, ok := r.Date(name); ok {
		return d.Format(data.DateLayout)
	}
	return ""
}

// join builds the file's items from the items sheet and attaches the references and tiers
// by code, reporting repeated codes and rows naming a code the items sheet lacks. Tiers are
// put in the order of their ordinals.
func join(itemsT, refsT, tiersT *workbook.Table) []*entry {
	var entries []*entry
	byCode := map[string]*entry{}
	for _, r := range itemsT.Records {
		code := NormalizeCode(r.Text(FieldCode))
		if code == "" || code == ExampleCode {
			continue
		}
		if first, ok := byCode[code]; ok {
			itemsT.Report(r.Row, FieldCode, problem.New(workbook.KeyDuplicate,
				map[string]any{"First": first.row, "Name": first.item.Name, "Value": code}))
			continue
		}
		e := &entry{row: r.Row, item: Item{Code: code, Name: r.Text(FieldName), Delegation: r.Text(FieldDelegation),
			AgreementRef: r.Text(FieldAgreement), UnitMin: amount(r, FieldUnitMin), UnitMax: amount(r, FieldUnitMax),
			PersonMin: amount(r, FieldPersonMin), PersonMax: amount(r, FieldPersonMax),
			LateUnitMin: amount(r, FieldLateUnitMin), LateUnitMax: amount(r, FieldLateUnitMax),
			LatePersonMin: amount(r, FieldLatePersonMin), LatePersonMax: amount(r, FieldLatePersonMax),
			LateExtra: r.Text(FieldLateExtra), MinorExempt: flag(r, FieldMinorExempt), FirstExempt: flag(r, FieldFirstExempt),
			ExemptConditions: r.Text(FieldExemptConditions), EffectiveFrom: date(r, FieldFrom), EffectiveTo: date(r, FieldTo)}}
		byCode[code] = e
		entries = append(entries, e)
	}
	owner := func(t *workbook.Table, r workbook.Record) *entry {
		code := NormalizeCode(r.Text(FieldCode))
		if code == "" || code == ExampleCode {
			return nil
		}
		e, ok := byCode[code]
		if !ok {
			t.Report(r.Row, FieldCode, problem.New(KeyUnknownCode, map[string]any{"Code": code}))
		}
		return e
	}
	for _, r := range refsT.Records {
		if e := owner(refsT, r); e != nil {
			e.item.Refs = append(e.item.Refs, Ref{Role: r.Text(FieldRole), Law: r.Text(FieldLaw),
				LawVersion: r.Text(FieldLawVersion), Article: number(r, FieldArticle), Paragraph: number(r, FieldParagraph),
				Item: number(r, FieldItem)})
			e.refRows = append(e.refRows, r.Row)
		}
	}
	if tiersT != nil {
		for _, r := range tiersT.Records {
			if e := owner(tiersT, r); e != nil {
				e.item.Tiers = append(e.item.Tiers, Tier{Ordinal: number(r, FieldOrdinal), Name: r.Text(FieldName),
					Condition: r.Text(FieldCondition), UnitMin: amount(r, FieldUnitMin), UnitMax: amount(r, FieldUnitMax),
					PersonMin: amount(r, FieldPersonMin), PersonMax: amount(r, FieldPersonMax)})
				e.tierRows = append(e.tierRows, r.Row)
			}
		}
	}
	for _, e := range entries {
		idx := make([]int, len(e.item.Tiers))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return e.item.Tiers[idx[a]].Ordinal < e.item.Tiers[idx[b]].Ordinal })
		tiers, rows := make([]Tier, len(idx)), make([]int, len(idx))
		for i, j := range idx {
			tiers[i], rows[i] = e.item.Tiers[j], e.tierRows[j]
		}
		e.item.Tiers, e.tierRows = tiers, rows
	}
	return entries
}

// badRows are the rows of t with a problem so far.
func badRows(t *workbook.Table) map[int]bool {
	out := map[int]bool{}
	if t == nil {
		return out
	}
	var p *workbook.Problems
	if errors.As(t.Err(), &p) {
		for _, pr := range p.List {
			out[pr.Row] = true
		}
	}
	return out
}

// consequential are refusals that only repeat a problem already reported in a cell they
// depend on: tier ranges against an item whose amounts could not be read, and a missing
// basis when a reference could not be read.
func consequential(key string, itemBad, refBad bool) bool {
	switch key {
	case KeyTierNoUnitRange, KeyTierNoPerson, KeyTierOutsideUnit, KeyTierOutsidePers:
		return itemBad
	case KeyNoBasis:
		return refBad
	}
	return false
}

// checkEntries runs Check on every item, reporting each problem in the sheet, row and column
// of its field, and returns the items that passed, normalised.
func checkEntries(entries []*entry, itemsT, refsT, tiersT *workbook.Table) []*entry {
	badItems, badRefs, badTiers := badRows(itemsT), badRows(refsT), badRows(tiersT)
	var valid []*entry
	for _, e := range entries {
		refBad, tierBad := false, false
		for _, r := range e.refRows {
			refBad = refBad || badRefs[r]
		}
		for _, r := range e.tierRows {
			tierBad = tierBad || badTiers[r]
		}
		it, l := Check(e.item)
		for _, p := range l {
			if consequential(p.Key, badItems[e.row], refBad) {
				continue
			}
			list, i, field := SplitField(p.Field)
			switch {
			case list == FieldRefs && i >= 0 && i < len(e.refRows):
				refsT.Report(e.refRows[i], field, p)
			case list == FieldTiers && i >= 0 && i < len(e.tierRows):
				tiersT.Report(e.tierRows[i], field, p)
			case list == "" && field != FieldRefs && field != FieldTiers:
				itemsT.Report(e.row, field, p)
			default:
				itemsT.Report(e.row, "", p)
			}
		}
		if len(l) == 0 && !badItems[e.row] && !refBad && !tierBad {
			e.item = it
			valid = append(valid, e)
		}
	}
	return valid
}

func problemCount(tables ...*workbook.Table) int {
	n := 0
	for _, t := range tables {
		var p *workbook.Problems
		if t != nil && errors.As(t.Err(), &p) {
			n += p.Count()
		}
	}
	return n
}

// gather returns the problems of all the tables as one *workbook.Problems, each line naming
// its sheet (even when all are in one), or nil if there are none. The reader keeps one sheet's problems per table; they
// are collected in the first table, whose Sheet and Spec are switched for each problem of
// another sheet (Report names a cell by sheet-qualified column, so cells of two sheets never
// count as one), and restored.
func gather(tables ...*workbook.Table) error {
	into := tables[0]
	into.NameSheet = true // a workbook of several sheets: every line says which
	var list []workbook.Problem
	more := 0
	for _, t := range tables[1:] {
		var p *workbook.Problems
		if t != nil && errors.As(t.Err(), &p) {
			list = append(list, p.List...)
			more += p.More
		}
	}
	if len(list) > 0 {
		spec, sheet := into.Spec, into.Sheet
		qualified := func(pr workbook.Problem) string { return pr.Sheet + "\x00" + pr.Column }
		cols := slices.Clone(spec.Columns)
		for _, pr := range list {
			cols = append(cols, workbook.Column{Name: qualified(pr), Header: pr.Column})
		}
		into.Spec.Columns = cols
		for _, pr := range list {
			into.Sheet = pr.Sheet
			into.Report(pr.Row, qualified(pr), &problem.Error{Key: pr.Key, Data: pr.Data})
		}
		into.Spec, into.Sheet = spec, sheet
	}
	err := into.Err()
	if err == nil {
		if more > 0 {
			return &workbook.Problems{More: more}
		}
		return nil
	}
	var p *workbook.Problems
	errors.As(err, &p)
	p.More += more
	return p
}

// Same tells whether two versions say the same: every field an import carries, references
// in any order, tiers by ordinal. Ids, keys, versions and statuses are not compared.
func Same(a, b Item) bool {
	a, _ = Check(a)
	b, _ = Check(b)
	eq := func(x, y *int64) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y }
	if a.Code != b.Code || a.Name != b.Name || a.Delegation != b.Delegation || a.AgreementRef != b.AgreementRef ||
		!eq(a.UnitMin, b.UnitMin) || !eq(a.UnitMax, b.UnitMax) || !eq(a.PersonMin, b.PersonMin) ||
		!eq(a.PersonMax, b.PersonMax) || !eq(a.LateUnitMin, b.LateUnitMin) || !eq(a.LateUnitMax, b.LateUnitMax) ||
		!eq(a.LatePersonMin, b.LatePersonMin) || !eq(a.LatePersonMax, b.LatePersonMax) || a.LateExtra != b.LateExtra ||
		a.MinorExempt != b.MinorExempt || a.FirstExempt != b.FirstExempt || a.ExemptConditions != b.ExemptConditions ||
		a.EffectiveFrom != b.EffectiveFrom || a.EffectiveTo != b.EffectiveTo ||
		len(a.Refs) != len(b.Refs) || len(a.Tiers) != len(b.Tiers) {
		return false
	}
	refs := func(l []Ref) []Ref {
		out := slices.Clone(l)
		slices.SortFunc(out, func(x, y Ref) int {
			return strings.Compare(refKey(x), refKey(y))
		})
		return out
	}
	if !slices.Equal(refs(a.Refs), refs(b.Refs)) {
		return false
	}
	for i := range a.Tiers {
		x, y := a.Tiers[i], b.Tiers[i]
		if x.Ordinal != y.Ordinal || x.Name != y.Name || x.Condition != y.Condition || !eq(x.UnitMin, y.UnitMin) ||
			!eq(x.UnitMax, y.UnitMax) || !eq(x.PersonMin, y.PersonMin) || !eq(x.PersonMax, y.PersonMax) {
			return false
		}
	}
	return true
}

func refKey(r Ref) string {
	return fmt.Sprintf("%s\x00%s\x00%s\x00%012d\x00%012d\x00%012d", r.Role, r.Law, r.LawVersion, r.Article, r.Paragraph, r.Item)
}
