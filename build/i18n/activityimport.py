# Publicity activity import (app/activityimport, `townledger import activities`).
# Read by build/translations.py: key -> (Chinese, English).
T = {
"import.activities.not_count": ("“{{.Value}}”不是整数，请填写 0 或正整数。", "“{{.Value}}” is not a whole number: enter 0 or a positive whole number."),
"import.activities.not_money": ("“{{.Value}}”不是金额，请以元为单位填写，最多两位小数，如 1200 或 350.50。",
    "“{{.Value}}” is not an amount: enter yuan with at most two decimals, e.g. 1200 or 350.50."),
"import.activities.type_unknown": ("活动类型“{{.Value}}”不在本镇的类型列表中，请填写：{{.Types}}。",
    "The activity type “{{.Value}}” is not on the office's list; enter one of: {{.Types}}."),
"import.activities.repeated": ("与第 {{.First}} 行是同一场活动：{{.Date}}“{{.Title}}”。",
    "The same activity as row {{.First}}: “{{.Title}}” on {{.Date}}."),
"cli.import.activities.done": ("已导入 {{.N}} 场宣传活动。{{if .M}}另有 {{.M}} 场此前已导入（日期、名称、地点相同），未重复记录。{{end}}",
    "Imported {{.N}} publicity activities.{{if .M}} {{.M}} more were imported before (same date, title and place) and were not added again.{{end}}"),
}
