# Case files: filing and recording steps (app/cases, ui/cases.go).
T = {
"case.party.missing": ("请选择当事人（企业或个人）。", "Choose the party (an enterprise or a person)."),
"case.item.missing": ("请选择违法行为对应的赋权事项。", "Choose the delegated item the violation falls under."),
}
