package caseimport_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"townledger/app/caseimport"
	"townledger/app/workbook/workbooktest"
)

// The date columns read a real Excel date or a date written out, and refuse the slips that
// used to read as dates of 1900–1905 or 2454 (2026.3, 202603, 45, TRUE, a plain number …),
// quoting the cell itself rather than the date it was misread as.
func TestCaseDates(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	for i, dc := range workbooktest.DateCells(time.Date(2024, 12, 20, 0, 0, 0, 0, time.UTC)) {
		t.Run(dc.Name, func(t *testing.T) {
			seq := 100 + i
			path := book(t, map[string]any{caseimport.FieldNumber: fmt.Sprintf("青石镇应急罚〔2024〕%d号", seq),
				caseimport.FieldPartyName: f.demo[1].Name, caseimport.FieldCreditCode: f.demo[1].CreditCode,
				caseimport.FieldItem: "AQ-03", caseimport.FieldFiledOn: "2024-01-01", caseimport.FieldOfficers: "李明、张强",
				caseimport.FieldFacts: "第一行\n第二行"})
			workbooktest.PutDate(t, path, "", "立案日期", 2, dc)
			res, err := caseimport.Import(ctx, f.store, f.officer, path, f.today)
			workbooktest.Check(t, err, dc, 2, "立案日期")
			if dc.Key != "" {
				return
			}
			c, _, err := f.store.Case(ctx, caseBySeq(t, f.store, "青石镇", seq))
			if err != nil || res.Cases != 1 || c.FiledOn != "2024-12-20" || c.Facts != "第一行\n第二行" {
				t.Errorf("stored %+v, %v (result %+v)", c, err, res)
			}
		})
	}
}
