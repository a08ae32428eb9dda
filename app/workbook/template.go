package workbook

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"
)

// templateRows is how far down the template's drop-down lists and formats reach.
const templateRows = 10000

// generalNotes close every notes sheet.
var generalNotes = []string{
	"第一行是列名，请勿修改或删除；带 * 的列必须填写。可以增加其他列，导入时忽略。",
	"灰色斜体的第 2 行是示例，导入时自动跳过，可以直接覆盖或删除。",
	"导入时整份文件一起检查：只要有一处问题，就一条也不导入，并逐条列出问题所在的行和列；改正后重新导入即可。",
	"日期可以是 Excel 日期，也可以写成 2024-03-15、2024/3/15 或 2024年3月15日。",
}

// HeaderText is the header a template gives column c: required columns end with *.
func HeaderText(c Column) string {
	if c.Required {
		return c.Header + "*"
	}
	return c.Header
}

// WriteTemplate writes the empty import workbook for spec to path: the data sheet with a
// bold, frozen header row, an example row in grey italics, text or date formats and
// drop-down lists where the columns want them, and a notes sheet (说明) with a line per
// column. The file is written next to path and renamed into place, so a half-written
// template never appears; an existing file is refused, never overwritten.
func WriteTemplate(spec Spec, path string) error {
	if err := CheckNew(path); err != nil {
		return SaveError(err, path, KeyTemplateExists, KeyTemplateWrite)
	}
	x, err := buildTemplate(spec)
	if err != nil {
		return fmt.Errorf("build %s template: %w", spec.Kind, err)
	}
	defer x.Close()
	return SaveError(SaveNew(context.Background(), x, path), path, KeyTemplateExists, KeyTemplateWrite)
}

// displayWidth estimates a text's width in Excel's character units: CJK and full-width
// characters count twice.
func displayWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r > 0x2E80 || unicode.Is(unicode.Han, r) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func buildTemplate(spec Spec) (*excelize.File, error) {
	x := excelize.NewFile()
	sheet := spec.Sheet
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return x, err
	}
	headerStyle, err := x.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
		NumFmt:    49,
	})
	if err != nil {
		return x, err
	}
	type styles struct{ column, example int }
	kinds := map[string]styles{}
	styleFor := func(c Column) (styles, error) {
		key, numFmt, custom := "general", 0, (*string)(nil)
		switch {
		case c.Date:
			f := "yyyy-mm-dd"
			key, custom = "date", &f
		case c.AsText:
			key, numFmt = "text", 49
		}
		if s, ok := kinds[key]; ok {
			return s, nil
		}
		col, err := x.NewStyle(&excelize.Style{NumFmt: numFmt, CustomNumFmt: custom})
		if err != nil {
			return styles{}, err
		}
		ex, err := x.NewStyle(&excelize.Style{NumFmt: numFmt, CustomNumFmt: custom,
			Font: &excelize.Font{Italic: true, Color: "808080"}})
		if err != nil {
			return styles{}, err
		}
		kinds[key] = styles{col, ex}
		return kinds[key], nil
	}
	for i, c := range spec.Columns {
		name, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return x, err
		}
		st, err := styleFor(c)
		if err != nil {
			return x, err
		}
		example := ""
		if i < len(spec.Example) {
			example = spec.Example[i]
		}
		width := c.Width
		if width == 0 {
			width = max(10, displayWidth(HeaderText(c))+4, displayWidth(example)+2)
			width = min(width, 50)
		}
		if err := x.SetColWidth(sheet, name, name, width); err != nil {
			return x, err
		}
		if st.column != 0 {
			if err := x.SetColStyle(sheet, name, st.column); err != nil {
				return x, err
			}
		}
		cell := name + "1"
		if err := x.SetCellStr(sheet, cell, HeaderText(c)); err != nil {
			return x, err
		}
		if err := x.SetCellStyle(sheet, cell, cell, headerStyle); err != nil {
			return x, err
		}
		cell = name + "2"
		if err := x.SetCellStr(sheet, cell, example); err != nil {
			return x, err
		}
		if err := x.SetCellStyle(sheet, cell, cell, st.example); err != nil {
			return x, err
		}
		if len(c.Choices) > 0 {
			dv := excelize.NewDataValidation(!c.Required)
			dv.SetSqref(fmt.Sprintf("%s2:%s%d", name, name, templateRows+1))
			if err := dv.SetDropList(c.Choices); err != nil {
				return x, err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, c.Header, "请从下拉列表中选择："+strings.Join(c.Choices, "、"))
			if err := x.AddDataValidation(sheet, dv); err != nil {
				return x, err
			}
		}
	}
	if err := x.SetRowHeight(sheet, 1, 22); err != nil {
		return x, err
	}
	if err := x.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return x, err
	}
	if err := notesSheet(x, spec); err != nil {
		return x, err
	}
	x.SetActiveSheet(0)
	return x, nil
}

func notesSheet(x *excelize.File, spec Spec) error {
	return WriteNotes(x, spec.Title+"导入说明", append(append([]string{}, spec.Notes...), generalNotes...), spec)
}

// WriteNotes adds the 说明 sheet: a title, the notes, then for each spec a table saying what
// each column holds, whether it is required, and its format with the example value. With
// several specs (a workbook of several sheets) each table is headed by its sheet's name.
func WriteNotes(x *excelize.File, title string, notes []string, specs ...Spec) error {
	const sheet = NotesSheet
	if _, err := x.NewSheet(sheet); err != nil {
		return err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	big, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	wrap, err := x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	for col, w := range map[string]float64{"A": 26, "B": 10, "C": 44, "D": 50} {
		if err := x.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	row := 1
	put := func(style int, cells ...string) error {
		for i, s := range cells {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			if err := x.SetCellStr(sheet, cell, s); err != nil {
				return err
			}
			if err := x.SetCellStyle(sheet, cell, cell, style); err != nil {
				return err
			}
		}
		row++
		return nil
	}
	if err := put(big, title); err != nil {
		return err
	}
	for _, n := range notes {
		if err := put(0, n); err != nil {
			return err
		}
	}
	for _, spec := range specs {
		row++
		if len(specs) > 1 {
			if err := put(big, "工作表“"+spec.Sheet+"”"); err != nil {
				return err
			}
		}
		if err := put(bold, "列名", "是否必填", "内容", "格式和示例"); err != nil {
			return err
		}
		for i, c := range spec.Columns {
			req := "选填"
			if c.Required {
				req = "必填"
			}
			format := c.Format
			if len(c.Choices) > 0 && format == "" {
				format = "从下拉列表中选择：" + strings.Join(c.Choices, "、")
			}
			if c.Date && format == "" {
				format = "日期，如 2024-01-01"
			}
			if i < len(spec.Example) && spec.Example[i] != "" {
				if format != "" {
					format += "；"
				}
				// An example that says it is one ("示例：春节") is not introduced twice.
				format += "示例：" + strings.TrimPrefix(spec.Example[i], "示例：")
			}
			header := c.Header
			if c.English != "" {
				header += "\n" + c.English
			}
			if err := put(wrap, header, req, c.Desc, format); err != nil {
				return err
			}
		}
	}
	return nil
}
