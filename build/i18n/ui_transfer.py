# Import, template and export buttons (ui/transfer.go).
T = {
"transfer.import": ("导入", "Import"),
"transfer.importing": ("正在导入…", "Importing…"),
"transfer.template": ("导入模板", "Import template"),
"transfer.export": ("导出", "Export"),
"transfer.saved": ("已保存：{{.Path}}", "Saved: {{.Path}}"),
"transfer.parties.done": ("已导入 {{.N}} 个企业和个人。", "Imported {{.N}} enterprises and persons."),
}
