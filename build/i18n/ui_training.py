# The staff and training sections (ui/staff.go, ui/trainings.go, ui/hours.go).
T = {
"staff.new": ("新增人员", "New person"),
"staff.back": ("返回人员名册", "Back to the roster"),
"staff.name": ("姓名", "Name"),
"staff.unit": ("单位", "Unit"),
"staff.position": ("职务", "Position"),
"staff.officer": ("执法人员（持执法证）", "Enforcement officer (holds a certificate)"),
"staff.cert_no": ("执法证号", "Certificate number"),
"staff.cert_status": ("执法证状态", "Certificate status"),
"staff.cert_due_on": ("年审（到期）日期", "Registration or expiry date"),
"staff.archive": ("调离归档", "Archive (left)"),
"staff.archive.confirm": ("确定将 {{.Name}} 调离归档？归档后不再出现在名册和签到中，已有培训记录保留。", "Archive {{.Name}}? They leave the roster and sign-in lists; their training records stay."),
"staff.archived_on": ("已于 {{.Date}} 调离归档，培训记录保留。", "Archived on {{.Date}}; the training records stay."),
}
T.update({
"training.new": ("新增培训", "New session"),
"training.back": ("返回培训记录", "Back to the sessions"),
"training.title": ("培训主题", "Title"),
"training.category": ("类别", "Category"),
"training.held_on": ("日期", "Date"),
"training.time": ("时间 · 学时", "Time · hours"),
"training.form": ("形式", "Form"),
"training.place": ("地点或平台", "Place or platform"),
"training.place.hint": ("如：镇政府三楼会议室 / 网络学法平台", "e.g. the town hall meeting room / an online platform"),
"training.organiser": ("主办", "Organiser"),
"training.trainer": ("授课人 · 单位", "Trainer · unit"),
"training.notes": ("备注", "Notes"),
"training.attendance": ("参训人员", "Attendance"),
"training.search_roster": ("查找姓名、拼音首字母或单位", "Find a name, pinyin initials or unit"),
"training.tick_unit": ("整单位勾选：", "Tick a whole unit:"),
"training.count": ("已选 {{.N}} 人", "{{.N}} ticked"),
"training.hours.same": ("同培训学时", "Session hours"),
"training.hours.person": ("本人学时（提前离场时填写）", "Own hours (if left early)"),
"training.score": ("考试成绩", "Exam score"),
"training.hours.number": ("“{{.Value}}”不是有效的学时数。", "“{{.Value}}” is not a number of hours."),
"training.score.number": ("“{{.Value}}”不是有效的成绩。", "“{{.Value}}” is not a score."),
"hours.title": ("学时统计", "Hours"),
})
T.update({
"hours.chart": ("年度学时（竖线为目标）", "Hours this year (the line marks the target)"),
"hours.none": ("这一年还没有培训记录。", "No training recorded for this year."),
"hours.behind": ("{{.N}} 人未达到年度学时目标：{{.Names}}", "{{.N}} people below the yearly target: {{.Names}}"),
"hours.certs_due": ("{{.N}} 人的执法证 30 日内需年审或已到期：{{.Names}}", "{{.N}} enforcement certificates due for registration within 30 days or overdue: {{.Names}}"),
"hours.and_more": ("等，另 {{.N}} 人", " and {{.N}} more"),
"hours.value": ("{{.Hours}} / {{.Target}} 学时 · {{.Sessions}} 次", "{{.Hours}} / {{.Target}} h · {{.Sessions}} sessions"),
})
T.update({
"training.files": ("附件（通知、课件、照片、签到表扫描件）", "Files (notice, slides, photos, scanned sign-in sheet)"),
"training.files.add": ("添加文件", "Add a file"),
"training.files.none": ("尚无附件。", "No files yet."),
})
T.update({
"staff.template_name": ("人员花名册导入模板.xlsx", "staff-roster-template.xlsx"),
"training.template_name": ("培训记录导入模板.xlsx", "training-sessions-template.xlsx"),
"training.signin_template_name": ("培训签到表模板.xlsx", "sign-in-sheet-template.xlsx"),
"training.import_signin": ("导入签到表", "Import sign-in sheet"),
"training.signin_template": ("签到表模板", "Sign-in sheet template"),
})
