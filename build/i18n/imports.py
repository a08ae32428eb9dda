# Workbook imports and templates (app/workbook, app/parties, ui/cli/imports.go).
# Read by build/translations.py: key -> (Chinese, English).
T = {
# One line per problem in an import file. Sheet is empty unless the problems span several sheets.
"import.line.cell": ("{{if .Sheet}}工作表「{{.Sheet}}」{{end}}第 {{.Row}} 行「{{.Column}}」：{{.Message}}",
    "{{if .Sheet}}Sheet “{{.Sheet}}”, row{{else}}Row{{end}} {{.Row}}, column “{{.Column}}”: {{.Message}}"),
"import.line.row": ("{{if .Sheet}}工作表「{{.Sheet}}」{{end}}第 {{.Row}} 行：{{.Message}}",
    "{{if .Sheet}}Sheet “{{.Sheet}}”, row{{else}}Row{{end}} {{.Row}}: {{.Message}}"),
"import.line.sheet": ("工作表「{{.Sheet}}」：{{.Message}}", "Sheet “{{.Sheet}}”: {{.Message}}"),
"import.more": ("……另有 {{.N}} 处问题未列出。", "…and {{.N}} more."),
"import.failed": ("导入文件中有 {{.N}} 处问题，未导入任何记录。请改正后重新导入。",
    "The file has {{.N}} problem(s); nothing was imported. Correct them and import the file again."),

# The file as a whole
"import.no_file": ("找不到要导入的文件：{{.Path}}", "The file to import does not exist: {{.Path}}"),
"import.unreadable": ("无法读取要导入的文件：{{.Path}}", "Cannot read the file to import: {{.Path}}"),
"import.too_big": ("文件太大（{{.SizeMB}} MB），导入文件不能超过 {{.MaxMB}} MB，请分成几个文件导入。",
    "The file is too large ({{.SizeMB}} MB); an import file may not exceed {{.MaxMB}} MB. Split it into several files."),
"import.not_xlsx": ("该文件不是 Excel 工作簿（.xlsx），或已损坏。请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入。",
    "The file is not an Excel workbook (.xlsx), or it is damaged. Open it in Excel or WPS, save it as .xlsx and import that."),
"import.xls_or_password": ("这是旧版 Excel（.xls）文件，或设有打开密码。请在 Excel 或 WPS 中另存为不加密的 .xlsx 后再导入。",
    "This is an old Excel (.xls) file or it is password-protected. Save it as an unprotected .xlsx in Excel or WPS and import that."),
"import.unzip_too_big": ("文件解压后超过 {{.MaxMB}} MB，可能已损坏，不予导入。",
    "The file unpacks to more than {{.MaxMB}} MB; it may be damaged and is not imported."),
"import.no_sheet": ("文件中没有工作表。", "The file has no worksheet."),
"import.missing_columns": ("工作表「{{.Sheet}}」缺少必填列：{{.Columns}}。请使用导入模板，列名写在第一行。",
    "Sheet “{{.Sheet}}” lacks required columns: {{.ColumnsEN}} ({{.Columns}}). Use the import template, with the column names in the first row."),
"import.duplicate_column": ("工作表「{{.Sheet}}」中有两列都是「{{.Column}}」，请删除或改名其中一列。",
    "Sheet “{{.Sheet}}” has two columns named “{{.Column}}”; delete or rename one of them."),
"import.empty": ("工作表「{{.Sheet}}」中没有要导入的数据行。", "Sheet “{{.Sheet}}” has no data rows to import."),
"import.too_many_rows": ("一次最多导入 {{.Max}} 行，请分成几个文件导入。", "At most {{.Max}} rows can be imported at once; split the file."),

# One cell
"import.required": ("必须填写。", "Required."),
"import.too_long": ("内容太长：最多 {{.Max}} 个字，实际 {{.Len}} 个字。", "Too long: at most {{.Max}} characters, not {{.Len}}."),
"import.bad_date": ("“{{.Value}}”不是有效日期，可以写成 2024-03-15、2024/3/15 或 2024年3月15日。",
    "“{{.Value}}” is not a valid date; write it as 2024-03-15, 2024/3/15 or 2024年3月15日."),
"import.bad_value": ("无法识别的内容：{{.Detail}}", "Cannot read this value: {{.Detail}}"),
"import.number_lost": ("“{{.Value}}”被 Excel 存成了数字，第 15 位以后的数字已经丢失。请把该列设为文本格式后重新输入。",
    "Excel stored “{{.Value}}” as a number and lost the digits after the 15th. Format the column as text and type the value again."),
"import.choice": ("“{{.Value}}”不是可选的值，请填写：{{.Choices}}。", "“{{.Value}}” is not one of the allowed values: {{.Choices}}."),
"import.duplicate_in_file": ("与第 {{.First}} 行（{{.Name}}）重复：{{.Value}}。", "Repeats row {{.First}} ({{.Name}}): {{.Value}}."),

# Templates
"import.template_exists": ("文件已存在，不会覆盖：{{.Path}}", "The file exists already and is not overwritten: {{.Path}}"),
"import.template_write": ("无法写入模板文件 {{.Path}}：{{.Detail}}", "Cannot write the template {{.Path}}: {{.Detail}}"),

# Enterprises and persons (app/parties)
"parties.kind.invalid": ("类型应为“单位”或“个人”。", "The type must be organisation or person."),
"parties.name.empty": ("请填写名称。", "Enter the name."),
"parties.too_long": ("最多 {{.Max}} 个字，实际 {{.Len}} 个字。", "At most {{.Max}} characters, not {{.Len}}."),
"parties.credit_code.required": ("单位须填写统一社会信用代码。", "An organisation needs its unified social credit code."),
"parties.id_number.required": ("个人须填写身份证号码。", "A person needs an ID number."),
"parties.credit_code.person": ("个人不填统一社会信用代码；个体工商户等请把类型选为“单位”。",
    "A person has no credit code; record individual businesses as organisations."),
"parties.id_number.org": ("单位不填身份证号码；个人请把类型选为“个人”。", "An organisation has no ID number; record persons as persons."),
"parties.credit_code.taken": ("统一社会信用代码 {{.Value}} 已登记为“{{.Name}}”。", "The credit code {{.Value}} is already recorded for “{{.Name}}”."),
"parties.id_number.taken": ("身份证号码 {{.Value}} 已登记为“{{.Name}}”。", "The ID number {{.Value}} is already recorded for “{{.Name}}”."),
"parties.no_town": ("尚未设置本镇信息，请先完成首次设置（或运行 init 命令）。", "The town is not set up yet: finish the first-run set-up (or run the init command) first."),

# Command line: template and import
"cli.template.args": ("请指定模板类型，例如：townledger template enterprises --out 企业导入模板.xlsx（可用的类型：{{.Kinds}}）",
    "Name the kind of template, e.g. townledger template enterprises --out enterprises.xlsx (kinds: {{.Kinds}})"),
"cli.import.args": ("请指定导入类型和文件，例如：townledger import enterprises 企业.xlsx（可用的类型：{{.Kinds}}）",
    "Name the kind and the file, e.g. townledger import enterprises enterprises.xlsx (kinds: {{.Kinds}})"),
"cli.import.kind_pending": ("该类型的导入尚未提供：{{.Kind}}。目前可用的类型：{{.Kinds}}。",
    "Imports of this kind are not provided yet: {{.Kind}}. Kinds available: {{.Kinds}}."),
"cli.import.kind_unknown": ("未知的导入类型“{{.Kind}}”。可用的类型：{{.Kinds}}。", "Unknown kind “{{.Kind}}”. Kinds available: {{.Kinds}}."),
"cli.template.done": ("已生成导入模板：{{.Path}}", "Import template written: {{.Path}}"),
"cli.import.enterprises.done": ("已导入 {{.N}} 个企业和个人。", "Imported {{.N}} enterprises and persons."),
}
