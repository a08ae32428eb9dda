package disclosure

import (
	"context"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/workbook"
	"townledger/data"
)

// SheetName is the name of the sheet holding the decisions.
const SheetName = "行政处罚信息"

// Write writes the publication sheet of the penalty decisions made from from to to (by date,
// both included) to path and returns how many rows it holds. Unpublished decisions are judged
// on today's date; WriteOn takes the day explicitly.
func Write(ctx context.Context, store *data.Store, from, to time.Time, path string) (int, error) {
	return WriteOn(ctx, store, from, to, path, time.Now())
}

// WriteOn is Write judging unpublished decisions on today.
//
// The workbook is streamed (excelize's StreamWriter), so a year of any size never sits in
// memory: one row per decision under a frozen header row, dates and 万元 as numbers with
// their formats, printing on A4 landscape with the header row and the party column repeated
// on every page. It is written next to path and renamed into place, so a half-written file
// never appears; an existing file is refused, never overwritten. Cancelling ctx stops the
// writing and leaves nothing behind.
func WriteOn(ctx context.Context, store *data.Store, from, to time.Time, path string, today time.Time) (n int, err error) {
	if err := checkRange(from, to); err != nil {
		return 0, err
	}
	if err := refuseExisting(path); err != nil {
		return 0, err
	}
	e, err := loadEnv(ctx, store, today)
	if err != nil {
		return 0, err
	}
	x := excelize.NewFile()
	defer x.Close()
	sw, err := newSheet(x, e.publishDays)
	if err != nil {
		return 0, writeFailed(path, err)
	}
	cells := make([]any, 0, len(columns))
	row := 1
	n, err = e.each(ctx, store, from, to, func(r Row) error {
		if row%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		row++
		cells = r.values(cells)
		if err := sw.SetRow("A"+strconv.Itoa(row), cells); err != nil {
			return writeFailed(path, err)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if err := sw.Flush(); err != nil {
		return 0, writeFailed(path, err)
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	x.SetDocProps(&excelize.DocProperties{Title: "行政处罚信息公示（" + dateText(from) + " 至 " + dateText(to) + "）",
		Subject: "行政处罚信息“双公示”", Creator: "TownLedger", Language: "zh-CN"})
	return n, saveNew(ctx, x, path)
}

// newSheet prepares the workbook's one sheet and its stream, with the header row written:
// widths, column styles and panes must all precede the first row.
func newSheet(x *excelize.File, publishDays int) (*excelize.StreamWriter, error) {
	if err := x.SetSheetName("Sheet1", SheetName); err != nil {
		return nil, err
	}
	border := []excelize.Border{{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1}}
	font := &excelize.Font{Family: "宋体", Size: 10}
	style := func(s excelize.Style) (int, error) {
		s.Border, s.Font = border, font
		if s.Alignment == nil {
			s.Alignment = &excelize.Alignment{Vertical: "center"}
		}
		return x.NewStyle(&s)
	}
	dateFmt, wanFmt := "yyyy-mm-dd", "0.0000"
	kinds := map[cellKind]excelize.Style{
		kindText: {NumFmt: 49},
		kindWrap: {NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}},
		kindDate: {CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "center"}},
		kindWan:  {CustomNumFmt: &wanFmt, Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "right"}},
	}
	ids := map[cellKind]int{}
	for k, s := range kinds {
		id, err := style(s)
		if err != nil {
			return nil, err
		}
		ids[k] = id
	}
	header := func(fill string) (int, error) {
		return x.NewStyle(&excelize.Style{Border: border, NumFmt: 49,
			Font:      &excelize.Font{Family: "宋体", Size: 10, Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	}
	standard, err := header("DDEBF7")
	if err != nil {
		return nil, err
	}
	extra, err := header("EDEDED") // publication tracking: not part of the standard sheet
	if err != nil {
		return nil, err
	}
	sw, err := x.NewStreamWriter(SheetName)
	if err != nil {
		return nil, err
	}
	for i, c := range columns {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return nil, err
		}
		if err := sw.SetColStyle(i+1, i+1, ids[c.kind]); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return nil, err
	}
	head := make([]any, len(columns))
	for i, h := range Headers(publishDays) {
		s := standard
		if i >= StandardColumns {
			s = extra
		}
		head[i] = excelize.Cell{StyleID: s, Value: h}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 36}); err != nil {
		return nil, err
	}
	// Printing: A4 landscape, narrow margins, the header row and the party column on every
	// page, page numbers in the footer. These parts of the sheet are written at Flush.
	size, landscape, order := 9, "landscape", "overThenDown"
	if err := x.SetPageLayout(SheetName, &excelize.PageLayoutOptions{Size: &size, Orientation: &landscape, PageOrder: &order}); err != nil {
		return nil, err
	}
	m, h := 0.4, 0.2
	if err := x.SetPageMargins(SheetName, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m,
		Header: &h, Footer: &h}); err != nil {
		return nil, err
	}
	if err := x.SetHeaderFooter(SheetName, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"}); err != nil {
		return nil, err
	}
	err = x.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: SheetName,
		RefersTo: "'" + SheetName + "'!$A:$A,'" + SheetName + "'!$1:$1"})
	return sw, err
}

// refuseExisting refuses a path that exists, whatever it is.
func refuseExisting(path string) error {
	return workbook.SaveError(workbook.CheckNew(path), path, KeyExists, KeyWrite)
}

// saveNew writes the workbook into place atomically, never over an existing file.
func saveNew(ctx context.Context, x *excelize.File, path string) error {
	return workbook.SaveError(workbook.SaveNew(ctx, x, path), path, KeyExists, KeyWrite)
}

func writeFailed(path string, err error) error {
	return workbook.SaveError(err, path, KeyExists, KeyWrite)
}
