package workbook

import (
	"context"
	"fmt"

	"github.com/xuri/excelize/v2"

	"townledger/app/problem"
)

// EachRow streams a sheet's rows (1-based row numbers, raw cell values) to fn without loading
// the sheet whole; a sheet that does not exist is KeyNoSheet. An error from fn stops the
// reading and is returned as it is.
func (f *File) EachRow(ctx context.Context, sheet string, fn func(row int, cells []string) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &problem.Error{Key: KeyNotXLSX, Err: fmt.Errorf("reading the workbook panicked: %v", r)}
		}
	}()
	if idx, err := f.x.GetSheetIndex(sheet); err != nil || idx < 0 {
		return problem.New(KeyNoSheet, nil)
	}
	rows, err := f.x.Rows(sheet)
	if err != nil {
		return &problem.Error{Key: KeyNotXLSX, Err: err}
	}
	defer rows.Close()
	raw := excelize.Options{RawCellValue: true}
	for n := 1; rows.Next(); n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		cells, err := rows.Columns(raw)
		if err != nil {
			return &problem.Error{Key: KeyNotXLSX, Err: err}
		}
		if err := fn(n, cells); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return &problem.Error{Key: KeyNotXLSX, Err: err}
	}
	return nil
}
