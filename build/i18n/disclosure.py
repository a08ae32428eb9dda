# The publication sheet of penalty decisions, 双公示 (app/disclosure, ui/cli/disclosure.go).
# Read by build/translations.py: key -> (Chinese, English).
T = {
"disclosure.range": ("导出期间有误：开始日期 {{.From}} 晚于结束日期 {{.To}}，或缺少日期。",
    "The period is wrong: it starts on {{.From}}, after its end {{.To}}, or a date is missing."),
"disclosure.no_town": ("尚未设置本镇信息，无法导出公示表。请先完成首次设置。",
    "The town is not set up yet, so there is nothing to publish. Finish the first-run set-up first."),
"disclosure.exists": ("文件已存在，不会覆盖：{{.Path}}。请换一个文件名，或先移走原文件。",
    "The file already exists and is not overwritten: {{.Path}}. Choose another name or move the file away first."),
"disclosure.write": ("无法写入公示表 {{.Path}}：{{.Detail}}", "Cannot write the publication sheet {{.Path}}: {{.Detail}}"),
"disclosure.credit_code.invalid": ("设置项 {{.Key}} 的值“{{.Value}}”不是有效的统一社会信用代码，请在设置中改正后再导出。",
    "The setting {{.Key}} holds “{{.Value}}”, which is not a valid unified social credit code. Correct it under Settings, then export again."),

"cli.disclosure.done": ("已导出 {{.N}} 条处罚决定公示信息：{{.Path}}", "Exported {{.N}} penalty decision(s) for publication: {{.Path}}"),
"cli.disclosure.period": ("请用 --year 指定年度，或用 --from 和 --to 指定起止日期（如 --from 2024-01-01 --to 2024-12-31）。",
    "Give the year with --year, or the first and last day with --from and --to (e.g. --from 2024-01-01 --to 2024-12-31)."),
"cli.disclosure.year_and_range": ("--year 与 --from/--to 只能二选一。", "Give either --year or --from/--to, not both."),
"cli.disclosure.bad_year": ("“{{.Value}}”不是有效年份，应为四位数字，如 2024。", "“{{.Value}}” is not a valid year; write four digits, e.g. 2024."),
"cli.disclosure.bad_date": ("“{{.Value}}”不是有效日期，应写成 2024-03-15 的形式。", "“{{.Value}}” is not a valid date; write it as 2024-03-15."),
"cli.disclosure.reversed": ("结束日期 {{.To}} 早于开始日期 {{.From}}。", "The last day {{.To}} is before the first day {{.From}}."),
}
