# The holiday calendar editor (app/settings/calendar.go, ui/calendar.go).
T = {
"calendar.date.invalid": ("“{{.Value}}”不是有效日期，请按 2026-01-01 的格式填写。", "“{{.Value}}” is not a date: write it as 2026-01-01."),
"calendar.workday.weekday": ("{{.Date}} 本来就是工作日，无需设为调休上班。", "{{.Date}} is a weekday already: no need to mark it a working day."),
"calendar.holiday.weekend": ("{{.Date}} 是周末，本来就不上班，无需设为节假日。", "{{.Date}} is a weekend day already off: no need to mark it a holiday."),
"calendar.kind.invalid": ("请选择“节假日”或“调休上班”。", "Choose holiday or working day."),
"calendar.title": ("节假日与调休", "Holidays and working weekends"),
"calendar.intro": ("法定期限中的“日”按工作日计算。每年国务院公布放假安排后，在此录入节假日和调休上班日。", "The law's day counts are working days. Enter each year's holidays and swapped working weekends here once the State Council publishes them."),
"calendar.year": ("年度", "Year"),
"calendar.kind.holiday": ("节假日", "Holiday"),
"calendar.kind.workday": ("调休上班", "Working day"),
"calendar.name": ("名称", "Name"),
"calendar.add": ("保存该日", "Save day"),
"calendar.delete": ("删除", "Delete"),
"calendar.line": ("{{.Date}} {{.Kind}} {{.Name}}", "{{.Date}} {{.Kind}} {{.Name}}"),
"calendar.missing_year": ("{{.Year}} 年尚无节假日安排，期限将按普通周末计算，请尽快录入。", "No holidays recorded for {{.Year}}: deadlines count only weekends until they are entered."),
}
