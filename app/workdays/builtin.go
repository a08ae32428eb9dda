package workdays

import "time"

// span is a run of consecutive days of one kind.
type span struct {
	first, last string
	kind        Kind
	name        string
}

// builtin holds the State Council's published holiday schedules (国务院办公厅关于部分节假日
// 安排的通知) for the years the program ships with. Later years are imported or entered by
// the administrator, or published by the district.
var builtin = []span{
	// 2024
	{"2024-01-01", "2024-01-01", Holiday, "元旦"},
	{"2024-02-04", "2024-02-04", Workday, "春节"},
	{"2024-02-10", "2024-02-17", Holiday, "春节"},
	{"2024-02-18", "2024-02-18", Workday, "春节"},
	{"2024-04-04", "2024-04-06", Holiday, "清明节"},
	{"2024-04-07", "2024-04-07", Workday, "清明节"},
	{"2024-04-28", "2024-04-28", Workday, "劳动节"},
	{"2024-05-01", "2024-05-05", Holiday, "劳动节"},
	{"2024-05-11", "2024-05-11", Workday, "劳动节"},
	{"2024-06-10", "2024-06-10", Holiday, "端午节"},
	{"2024-09-14", "2024-09-14", Workday, "中秋节"},
	{"2024-09-15", "2024-09-17", Holiday, "中秋节"},
	{"2024-09-29", "2024-09-29", Workday, "国庆节"},
	{"2024-10-01", "2024-10-07", Holiday, "国庆节"},
	{"2024-10-12", "2024-10-12", Workday, "国庆节"},
	// 2025
	{"2025-01-01", "2025-01-01", Holiday, "元旦"},
	{"2025-01-26", "2025-01-26", Workday, "春节"},
	{"2025-01-28", "2025-02-04", Holiday, "春节"},
	{"2025-02-08", "2025-02-08", Workday, "春节"},
	{"2025-04-04", "2025-04-06", Holiday, "清明节"},
	{"2025-04-27", "2025-04-27", Workday, "劳动节"},
	{"2025-05-01", "2025-05-05", Holiday, "劳动节"},
	{"2025-05-31", "2025-06-02", Holiday, "端午节"},
	// In 2025 the Mid-Autumn Festival (Oct 6) falls inside the National Day holiday.
	{"2025-09-28", "2025-09-28", Workday, "国庆节、中秋节"},
	{"2025-10-01", "2025-10-08", Holiday, "国庆节、中秋节"},
	{"2025-10-11", "2025-10-11", Workday, "国庆节、中秋节"},
	// 2026 (国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04)
	{"2026-01-01", "2026-01-03", Holiday, "元旦"},
	{"2026-01-04", "2026-01-04", Workday, "元旦"},
	{"2026-02-14", "2026-02-14", Workday, "春节"},
	{"2026-02-15", "2026-02-23", Holiday, "春节"},
	{"2026-02-28", "2026-02-28", Workday, "春节"},
	{"2026-04-04", "2026-04-06", Holiday, "清明节"},
	{"2026-05-01", "2026-05-05", Holiday, "劳动节"},
	{"2026-05-09", "2026-05-09", Workday, "劳动节"},
	{"2026-06-19", "2026-06-21", Holiday, "端午节"},
	{"2026-09-20", "2026-09-20", Workday, "国庆节"},
	{"2026-09-25", "2026-09-27", Holiday, "中秋节"},
	{"2026-10-01", "2026-10-07", Holiday, "国庆节"},
	{"2026-10-10", "2026-10-10", Workday, "国庆节"},
}

// Builtin returns the official 2024–2026 schedules, day by day and in date order: the
// holidays and the swapped working days. The slice is new on each call.
func Builtin() []Day {
	var out []Day
	for _, s := range builtin {
		first, err1 := time.Parse(DateLayout, s.first)
		last, err2 := time.Parse(DateLayout, s.last)
		if err1 != nil || err2 != nil {
			panic("workdays: bad built-in date in " + s.first + ".." + s.last)
		}
		for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
			out = append(out, Day{Date: d.Format(DateLayout), Kind: s.kind, Name: s.name})
		}
	}
	return out
}
