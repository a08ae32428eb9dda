# The reports section (ui/exports.go).
T = {
"exports.period": ("报告期", "Period"),
"exports.write": ("导出报表", "Export the report"),
"exports.file_name": ("{{.Period}}应急执法工作报表.xlsx", "report-{{.Period}}.xlsx"),
}
