# The delegated catalogue: checks, versions, the three-sheet workbook (app/catalog) and its
# commands (ui/cli: template/import catalog, export-catalog).
# Read by build/translations.py: key -> (Chinese, English).
T = {
# An item version (app/catalog.Check)
"catalog.code.empty": ("请填写事项编码。", "Enter the item code."),
"catalog.name.empty": ("请填写事项名称。", "Enter the item name."),
"catalog.too_long": ("最多 {{.Max}} 个字，实际 {{.Len}} 个字。", "At most {{.Max}} characters, not {{.Len}}."),
"catalog.delegation.invalid": ("赋权形式应为“赋权”或“委托”。", "The delegation form must be delegated (赋权) or entrusted (委托)."),
"catalog.amount.negative": ("金额不能为负数（{{.Amount}} 元）。", "An amount cannot be negative ({{.Amount}} yuan)."),
"catalog.range.reversed": ("下限 {{.Min}} 元高于上限 {{.Max}} 元。", "The minimum {{.Min}} yuan is above the maximum {{.Max}} yuan."),
"catalog.from.empty": ("请填写生效日期。", "Enter the effective date."),
"catalog.date.invalid": ("“{{.Value}}”不是有效日期。", "“{{.Value}}” is not a valid date."),
"catalog.to.before_from": ("失效日期 {{.To}} 早于生效日期 {{.From}}。", "The end date {{.To}} is before the effective date {{.From}}."),
"catalog.ref.role": ("法律依据的类型应为“违反条款”或“处罚依据”。", "A reference is either the provision broken or the penalty basis."),
"catalog.ref.law_empty": ("请填写法律名称。", "Enter the law's name."),
"catalog.ref.article": ("条号应从 1 起，实际为 {{.Value}}。", "An article number starts from 1, not {{.Value}}."),
"catalog.ref.negative": ("款号、项号不能为负数（{{.Value}}）。", "Paragraph and item numbers cannot be negative ({{.Value}})."),
"catalog.ref.duplicate": ("与本事项的另一条法律依据重复。", "This repeats another reference of the item."),
"catalog.refs.no_basis": ("至少需要一条类型为“处罚依据”的法律依据。", "At least one reference must be the penalty basis."),
"catalog.tier.ordinal": ("阶次序号应从 1 起，实际为 {{.Value}}。", "A tier number starts from 1, not {{.Value}}."),
"catalog.tier.order": ("阶次序号 {{.Ordinal}} 应大于前一阶次的序号 {{.Prev}}。", "Tier number {{.Ordinal}} must follow the previous tier's {{.Prev}}."),
"catalog.tier.duplicate": ("阶次序号 {{.Ordinal}} 重复。", "Tier number {{.Ordinal}} appears twice."),
"catalog.tier.name_empty": ("请填写阶次名称。", "Enter the tier's name."),
"catalog.tier.descending": ("阶次“{{.Tier}}”的罚款幅度低于前一阶次“{{.Prev}}”，阶次应由轻到重。",
    "Tier “{{.Tier}}” fines less than the previous tier “{{.Prev}}”: tiers go from light to heavy."),
"catalog.tier.no_unit_range": ("本事项没有对单位的罚款幅度，阶次不能设单位罚款。", "The item sets no fine for the unit, so a tier cannot either."),
"catalog.tier.no_person_range": ("本事项没有对个人的罚款幅度，阶次不能设个人罚款。", "The item sets no fine for a person, so a tier cannot either."),
"catalog.tier.outside_unit": ("阶次的单位罚款须在本事项的法定幅度（{{.Range}} 元）之内。",
    "The tier's unit fine must lie inside the item's legal range ({{.Range}} yuan)."),
"catalog.tier.outside_person": ("阶次的个人罚款须在本事项的法定幅度（{{.Range}} 元）之内。",
    "The tier's person fine must lie inside the item's legal range ({{.Range}} yuan)."),

# Versions (app/catalog.Create, Revise, Recall)
"catalog.code.taken": ("事项编码 {{.Code}} 已用于现行事项“{{.Name}}”。", "The item code {{.Code}} is in use by the current item “{{.Name}}”."),
"catalog.status.revised": ("事项 {{.Code}} 的这一版本已被修订，请修改其现行版本。", "This version of item {{.Code}} has been revised; change its current version."),
"catalog.status.recalled": ("事项 {{.Code}} 已收回，不能再修订或收回。", "Item {{.Code}} has been recalled; it can be neither revised nor recalled again."),
"catalog.revise.from": ("新版本的生效日期须晚于现行版本的生效日期 {{.From}}。", "The new version must take effect after the current one's effective date, {{.From}}."),
"catalog.recall.on": ("收回日期须晚于该事项的生效日期 {{.From}}。", "The recall must take effect after the item's effective date, {{.From}}."),
"catalog.recall.reason": ("请填写收回原因。", "Enter the reason for the recall."),
"catalog.no_town": ("尚未设置本镇信息，请先完成首次设置（或运行 init 命令）。", "The town is not set up yet: finish the first-run set-up (or run the init command) first."),

# The catalogue workbook
"catalog.import.unknown_code": ("“赋权事项”表中没有编码为 {{.Code}} 的事项。", "The items sheet has no item with the code {{.Code}}."),
"catalog.import.no_sheet": ("文件中缺少工作表「{{.Sheet}}」。请使用赋权事项导入模板。", "The file lacks the sheet “{{.Sheet}}”. Use the catalogue import template."),
"catalog.import.amount": ("“{{.Value}}”不是有效金额，请以元为单位填写数字，最多两位小数。", "“{{.Value}}” is not an amount: write a number of yuan with at most two decimals."),
"catalog.import.number": ("“{{.Value}}”不是有效的序号，请填写阿拉伯数字。", "“{{.Value}}” is not a number: write it in digits."),
"catalog.export.write": ("无法写入导出文件 {{.Path}}：{{.Detail}}", "Cannot write the export file {{.Path}}: {{.Detail}}"),
"catalog.export.exists": ("文件已存在，不会覆盖：{{.Path}}", "The file exists already and is not overwritten: {{.Path}}"),

# Command line
"cli.import.catalog.done": ("已导入赋权事项：新增 {{.Added}} 项，修订 {{.Revised}} 项，未变 {{.Unchanged}} 项。",
    "Catalogue imported: {{.Added}} added, {{.Revised}} revised, {{.Unchanged}} unchanged."),
"cli.export_catalog.done": ("已导出现行赋权事项 {{.N}} 项：{{.Path}}", "Exported {{.N}} current delegated items: {{.Path}}"),
}
