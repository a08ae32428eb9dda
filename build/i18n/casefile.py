# Case files: filing and recording steps (app/cases, ui/cases.go).
T = {
"casefile.party.missing": ("请选择当事人（企业或个人）。", "Choose the party (an enterprise or a person)."),
"casefile.item.missing": ("请选择违法行为对应的赋权事项。", "Choose the delegated item the violation falls under."),
}
T.update({
"casefile.amount.invalid": ("“{{.Value}}”不是有效的金额：请填写以元为单位的数字，最多两位小数。", "“{{.Value}}” is not an amount: enter yuan, with at most two decimals."),
"casefile.amount.too_large": ("金额“{{.Value}}”过大。", "The amount “{{.Value}}” is too large."),
})
