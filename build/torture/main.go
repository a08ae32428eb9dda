// Command torture is build/torture.sh's helper: it fills a big import workbook from a
// template, counts a ledger's records, tells whether an export was recorded and starts the
// office on a ledger as the window does (which finishes what a killed command left).
//
//	torture fill TEMPLATE OUT PREFIX N   N training sessions titled PREFIX-1 … PREFIX-N
//	torture count DB                      trainings=… cases=… parties=… exports=… demo=…
//	torture recorded DB NAME              how many history lines name the workbook NAME
//	torture start DB                      open the office on DB and close it
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/office"
	"townledger/data"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "torture:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("no command")
	}
	ctx := context.Background()
	switch {
	case args[0] == "fill" && len(args) == 5:
		n, err := strconv.Atoi(args[4])
		if err != nil {
			return err
		}
		return fill(args[1], args[2], args[3], n)
	case args[0] == "count" && len(args) == 2:
		return count(ctx, args[1])
	case args[0] == "recorded" && len(args) == 3:
		s, err := data.OpenReadOnly(ctx, args[1])
		if err != nil {
			return err
		}
		defer s.Close()
		recs, err := s.Exports(ctx, "")
		if err != nil {
			return err
		}
		n := 0
		for _, r := range recs {
			if r.FileName == args[2] {
				n++
			}
		}
		fmt.Println(n)
		return nil
	case args[0] == "start" && len(args) == 2:
		o, err := office.Open(ctx, args[1])
		if err != nil {
			return err
		}
		return o.Close()
	}
	return fmt.Errorf("bad command line %q", args)
}

// fill writes n sessions into the template's first sheet, over its example row, keeping its
// header: each row a session of its own (title PREFIX-i), dated in the last year.
func fill(template, out, prefix string, n int) error {
	x, err := excelize.OpenFile(template)
	if err != nil {
		return err
	}
	defer x.Close()
	sheet := x.GetSheetList()[0]
	header, err := x.GetRows(sheet)
	if err != nil || len(header) == 0 {
		return fmt.Errorf("template %s has no header: %v", template, err)
	}
	start := time.Now().AddDate(-1, 0, 0)
	sw, err := x.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	head := make([]any, len(header[0]))
	for i, h := range header[0] {
		head[i] = h
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i := 1; i <= n; i++ {
		row := make([]any, len(header[0]))
		for c, h := range header[0] {
			switch h {
			case "培训主题*":
				row[c] = fmt.Sprintf("%s-%d", prefix, i)
			case "类别*":
				row[c] = "新法专题"
			case "日期*":
				row[c] = start.AddDate(0, 0, i%360).Format("2006-01-02")
			case "开始时间":
				row[c] = "09:00"
			case "结束时间":
				row[c] = "11:00"
			case "学时*":
				row[c] = "2"
			case "形式":
				row[c] = "集中"
			case "地点":
				row[c] = "镇政府三楼会议室"
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return x.SaveAs(out)
}

func count(ctx context.Context, db string) error {
	s, err := data.OpenReadOnly(ctx, db)
	if err != nil {
		return err
	}
	defer s.Close()
	c, err := s.Counts(ctx)
	if err != nil {
		return err
	}
	_, cases, err := s.Cases(ctx, data.CaseQuery{}, 0, 1)
	if err != nil {
		return err
	}
	demo := "none"
	if _, ok, _ := s.Setting(ctx, "demo.loading"); ok {
		demo = "loading"
	}
	if _, ok, _ := s.Setting(ctx, "demo.loaded"); ok {
		demo = "loaded"
	}
	fmt.Printf("trainings=%d cases=%d parties=%d staff=%d exports=%d demo=%s\n", c[data.ListTrainings], cases,
		c[data.ListParties], c[data.ListStaff], c[data.ListExports], demo)
	return nil
}
