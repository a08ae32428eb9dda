# The periodic report to the district (app/report, ui/cli/export.go).
# Read by build/translations.py: key -> (Chinese, English).
T = {
"report.no_town": ("尚未设置本镇信息，无法导出报表。请先完成首次设置。",
    "The town is not set up yet, so there is no report to export. Finish the first-run set-up first."),
"report.exists": ("文件已存在，不会覆盖：{{.Path}}。请换一个文件名，或先移走原文件。",
    "The file already exists and is not overwritten: {{.Path}}. Choose another name or move the file away first."),
"report.meta_invalid": ("这不是本程序导出的报表，或报表的“元数据”工作表已被改动（{{.Detail}}），无法汇总。", "This is not a report this program exported, or its metadata sheet was changed ({{.Detail}}); it cannot be merged."),
"report.write": ("无法写入报表 {{.Path}}：{{.Detail}}", "Cannot write the report {{.Path}}: {{.Detail}}"),

"cli.export.period": ("请用 --period 指定报告期，如 2024、2024-H1、2024-Q3 或 2024-07。",
    "Give the period with --period, e.g. 2024, 2024-H1, 2024-Q3 or 2024-07."),
"cli.export.done": ("已导出{{.Period}}工作报表（{{.Records}} 条记录）：{{.Path}}\n内容校验值：{{.Hash}}",
    "Exported the report ({{.Period}}; {{.Records}} record(s)): {{.Path}}\nContent hash: {{.Hash}}"),
"cli.export.figures": ("案件 {{.Cases}} 件（作出决定 {{.Decided}} 件）；培训 {{.Sessions}} 场、{{.Attendances}} 人次。",
    "{{.Cases}} case(s) ({{.Decided}} decided); {{.Sessions}} training session(s), {{.Attendances}} attendance(s)."),
"cli.export.sentence": ("{{.Sentence}}", "{{.Sentence}}"),
}
