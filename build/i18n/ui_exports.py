# The reports section (ui/exports.go).
T = {
"exports.period": ("报告期", "Period"),
"exports.write": ("导出报表", "Export the report"),
"exports.file_name": ("{{.Period}}应急执法工作报表.xlsx", "report-{{.Period}}.xlsx"),
"cli.export.version": ("已记入报送历史：{{.Period}} 第 {{.Version}} 版。", "Entered in the export history: {{.Period}} version {{.Version}}."),
}
