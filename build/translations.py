#!/usr/bin/env python3
"""Writes assets/translations/{zh-Hans,en}.json from one table, so the two never drift.
The table below holds the core strings; each build/i18n/<area>.py adds an area's strings as a
dict named T of key -> (Chinese, English). Run after editing: python3 build/translations.py"""
import glob, json, os

T = {
# Fyne's own strings, overridden so dialogs follow the office's language
"OK": ("确定", "OK"), "Cancel": ("取消", "Cancel"), "Yes": ("是", "Yes"), "No": ("否", "No"),
"Confirm": ("确认", "Confirm"), "Error": ("错误", "Error"), "Copy": ("复制", "Copy"), "Cut": ("剪切", "Cut"),
"Paste": ("粘贴", "Paste"), "Select all": ("全选", "Select all"), "Undo": ("撤销", "Undo"), "Redo": ("重做", "Redo"),
"Quit": ("退出", "Quit"), "Save": ("保存", "Save"), "Open": ("打开", "Open"), "File": ("文件", "File"),
"Folder": ("文件夹", "Folder"), "Create Folder": ("新建文件夹", "Create Folder"), "New Folder": ("新文件夹", "New Folder"),
"Enter filename": ("输入文件名", "Enter filename"), "Favourites": ("收藏", "Favourites"),
"Show Hidden Files": ("显示隐藏文件", "Show Hidden Files"), "file.name": ("名称", "Name"), "file.parent": ("上级文件夹", "Parent"), "(Parent)": ("（上级文件夹）", "(Parent)"), "Advanced": ("高级", "Advanced"),
"monday": ("星期一", "Monday"), "tuesday": ("星期二", "Tuesday"), "wednesday": ("星期三", "Wednesday"),
"thursday": ("星期四", "Thursday"), "friday": ("星期五", "Friday"), "saturday": ("星期六", "Saturday"), "sunday": ("星期日", "Sunday"),
"monday.short": ("一", "Mon"), "tuesday.short": ("二", "Tue"), "wednesday.short": ("三", "Wed"),
"thursday.short": ("四", "Thu"), "friday.short": ("五", "Fri"), "saturday.short": ("六", "Sat"), "sunday.short": ("日", "Sun"),

"lists.title": ("类别与类型", "Lists"),
"lists.intro": ("培训类别和宣传活动类型，每行一项。已有记录的类别或类型删去后，原记录保留不变。", "Training categories and activity types, one per line. Removing one leaves the records that use it unchanged."),
"lists.categories": ("培训类别", "Training categories"),
"lists.types": ("宣传活动类型", "Activity types"),
"select.placeholder": ("请选择", "Choose…"),
"app.title": ("乡镇应急执法台账", "TownLedger"),
"action.back": ("上一步", "Back"), "action.next": ("下一步", "Next"), "action.cancel": ("取消", "Cancel"),
"action.logout": ("退出登录", "Sign out"), "action.delete": ("删除", "Delete"), "action.quit": ("退出", "Quit"), "action.save": ("保存", "Save"),
"error.open_title": ("无法打开台账数据库", "The ledger database cannot be opened"),
"error.title": ("无法完成操作", "Could not complete"),
"error.unexpected": ("出现意外错误：{{.Detail}}", "Unexpected error: {{.Detail}}"),

"wizard.title": ("首次设置", "First-run set-up"),
"wizard.town.title": ("本镇信息", "Your town"),
"wizard.town.intro": ("填写本镇（中心社区）名称和行政区划代码。区划代码可填 9 位乡镇代码或 12 位统计用区划代码，保存后不可更改。",
    "Enter the name of the town (or central community) and its administrative division code: the 9-digit township code or the 12-digit statistical code. The code cannot be changed later."),
"wizard.town_name": ("镇名称", "Town name"), "wizard.town_name.hint": ("例如：青石镇", "e.g. Qingshi Town"),
"wizard.short_name": ("简称（用于文号）", "Short name (for case numbers)"), "wizard.short_name.hint": ("留空则使用镇名称", "Leave empty to use the town name"),
"wizard.division_code": ("行政区划代码", "Division code"), "wizard.division_code.hint": ("9 位或 12 位数字，如 110105100", "9 or 12 digits, e.g. 110105100"),
"wizard.district_name": ("上级区应急管理局", "District bureau"), "wizard.district_name.hint": ("例如：示范区应急管理局", "e.g. Demo District Emergency Management Bureau"),
"wizard.district_email": ("区局报送邮箱", "District report e-mail"),
"wizard.admin.title": ("管理员账户", "Administrator account"),
"wizard.admin.intro": ("管理员可以添加其他用户、分配角色和备份数据。请牢记密码。", "The administrator adds other users, assigns roles and makes backups. Keep the password safe."),
"wizard.username": ("用户名", "User name"), "wizard.display_name": ("姓名", "Full name"), "wizard.display_name.hint": ("例如：王主任", "e.g. Director Wang"),
"wizard.password": ("密码", "Password"), "wizard.confirm": ("确认密码", "Confirm password"),
"wizard.demo": ("加载示范数据（示范赋权事项、企业、人员、培训和宣传活动）", "Load demo data (sample delegated items, enterprises, staff, trainings and activities)"),
"wizard.step": ("第 {{.N}} 步，共 {{.Of}} 步", "Step {{.N}} of {{.Of}}"),
"wizard.finish": ("完成设置", "Finish set-up"),

"login.title": ("登录", "Sign in"), "login.username": ("用户名", "User name"), "login.password": ("密码", "Password"), "login.submit": ("登录", "Sign in"),

"nav.home": ("首页", "Home"), "nav.catalog": ("赋权事项", "Delegated items"), "nav.cases": ("处罚案件", "Penalty cases"),
"nav.parties": ("企业", "Enterprises"), "nav.trainings": ("培训记录", "Training"), "nav.staff": ("人员", "Staff"),
"nav.activities": ("宣传活动", "Publicity"), "nav.exports": ("数据报送", "Reports"), "nav.settings": ("设置", "Settings"),
"shell.user": ("当前用户：{{.Name}}", "Signed in: {{.Name}}"),

"home.greeting": ("{{.Name}}，您好", "Hello, {{.Name}}"),
"home.due": ("待办与期限", "Due and overdue"),
"home.due.none": ("目前没有在办案件，也没有到期或逾期的事项。", "No open cases: nothing is due or overdue."),
"home.due.summary": ("在办案件 {{.Open}} 件：已逾期 {{.Overdue}} 项，3 日内到期 {{.Soon}} 项。", "{{.Open}} open cases: {{.Overdue}} deadlines overdue, {{.Soon}} due within 3 days."),
"home.due.line": ("{{.No}} · {{.Party}} · {{.Name}} {{.Due}}（{{.Status}}）", "{{.No}} · {{.Party}} · {{.Name}} {{.Due}} ({{.Status}})"),
"home.due.more": ("另有 {{.N}} 项，请在处罚案件中查看。", "{{.N}} more: see Penalty cases."),
"home.start_hint": ("台账还是空的。管理员可在「设置」中加载示范数据，先熟悉各项功能。", "The ledger is empty. An administrator can load demo data under Settings to explore the program."),

"list.search": ("搜索名称、编号或拼音首字母", "Search by name, number or pinyin initials"),
"list.count": ("共 {{.N}} 条", "{{.N}} records"),
"list.no_match": ("没有与“{{.Query}}”匹配的记录。", "Nothing matches “{{.Query}}”."),
"empty.catalog": ("尚无赋权事项。区应急管理局下发的赋权事项目录导入后显示在这里；管理员也可在「设置」中加载示范目录。", "No delegated items yet. The district's catalogue appears here once imported; an administrator can load the sample catalogue under Settings."),
"empty.cases": ("尚无处罚案件。立案后，案件及其期限显示在这里。", "No penalty cases yet. Cases and their deadlines appear here once filed."),
"empty.parties": ("尚无企业或个人。录入一次，所有案件都可复用。", "No enterprises or persons yet. Each is entered once and reused in every case."),
"empty.trainings": ("尚无培训记录。", "No training sessions yet."),
"empty.staff": ("尚无人员。人员名册用于培训签到和执法证管理。", "No staff yet. The roster is used for training attendance and enforcement certificates."),
"empty.activities": ("尚无宣传活动记录。", "No publicity activities yet."),
"empty.exports": ("尚未导出或报送任何报表。", "No report has been exported or sent yet."),

"tag.grant": ("赋权", "Delegated"), "tag.entrust": ("委托", "Entrusted"), "tag.org": ("单位", "Organisation"), "tag.person": ("个人", "Person"),
"tag.valid": ("执法证有效", "Certificate valid"), "tag.due": ("待年审", "Registration due"), "tag.revoked": ("已注销", "Revoked"),
"tag.exported": ("已导出", "Exported"), "tag.queued": ("待发送", "Queued"), "tag.sent": ("已发送", "Sent"), "tag.acknowledged": ("区局已确认", "Acknowledged"),

"settings.general": ("常规", "General"),
"settings.language": ("界面语言", "Language"), "lang.zh-Hans": ("简体中文", "简体中文 (Simplified Chinese)"), "lang.en": ("English（英文）", "English"),
"settings.town": ("本镇信息", "Town"), "settings.town_code": ("乡镇代码", "Town code"),
"settings.password": ("修改密码", "Change password"), "settings.password.current": ("当前密码", "Current password"),
"settings.password.new": ("新密码", "New password"), "settings.password.changed": ("密码已修改。", "Password changed."),
"settings.users": ("用户与角色", "Users and roles"), "settings.users.add": ("添加用户", "Add user"),
"settings.users.roles": ("角色", "Roles"), "settings.users.inactive": ("已停用", "disabled"),
"settings.data": ("数据与备份", "Data and backups"), "settings.backup_now": ("立即备份", "Back up now"),
"settings.backup_done": ("备份已保存并校验：{{.Path}}", "Backup written and verified: {{.Path}}"),
"settings.load_demo": ("加载示范数据", "Load demo data"),
"settings.about": ("乡镇应急执法台账 {{.Version}} · 数据库结构版本 {{.Schema}}", "TownLedger {{.Version}} · schema version {{.Schema}}"),
"settings.language.unknown": ("不支持的界面语言：{{.Lang}}", "Unsupported language: {{.Lang}}"),

"role.admin": ("管理员", "Administrator"), "role.officer": ("执法人员", "Case officer"), "role.trainer": ("培训记录员", "Trainer"),
"role.publicist": ("宣传记录员", "Publicity clerk"), "role.exporter": ("报送员", "Exporter"),

"demo.loading": ("正在加载示范数据…", "Loading demo data…"), "demo.loaded": ("示范数据已加载。", "Demo data loaded."),
"demo.no_town": ("尚未设置本镇信息，请先完成首次设置（或运行 init 命令）。", "The town is not set up yet: finish the first-run set-up (or run the init command) first."),
"demo.loaded_already": ("示范数据已经加载过，不会重复加载。", "Demo data has already been loaded; it is not loaded twice."),

"perm.denied": ("您的角色无权进行此操作（{{.Perm}}）。", "Your role does not allow this ({{.Perm}})."),
"auth.wrong": ("用户名或密码不正确。", "Wrong user name or password."),
"auth.inactive": ("该账户已停用，请联系管理员。", "This account is disabled; ask the administrator."),
"auth.username.empty": ("请填写用户名。", "Enter a user name."),
"auth.username.chars": ("用户名只能包含 2–32 个英文字母、数字、点、下划线或连字符。", "A user name is 2–32 letters, digits, dots, underscores or hyphens."),
"auth.username.taken": ("用户名“{{.Name}}”已被使用。", "The user name “{{.Name}}” is taken."),
"auth.display_name.empty": ("请填写姓名。", "Enter the person's name."),
"auth.password.short": ("密码至少需要 {{.Min}} 个字符。", "A password needs at least {{.Min}} characters."),
"auth.password.mix": ("密码须同时包含字母和数字。", "A password needs both letters and digits."),
"auth.password.long": ("密码不能超过 {{.Max}} 个字节。", "A password may not exceed {{.Max}} bytes."),
"auth.roles.empty": ("请至少选择一个角色。", "Choose at least one role."),
"auth.self_disable": ("不能停用自己的账户。", "You cannot disable your own account."),

"setup.town_name.empty": ("请填写镇名称。", "Enter the town's name."),
"setup.town_name.long": ("镇名称不能超过 {{.Max}} 个字。", "The town name may not exceed {{.Max}} characters."),
"setup.division_code.empty": ("请填写行政区划代码。", "Enter the division code."),
"setup.email.invalid": ("“{{.Email}}”不是有效的电子邮箱地址。", "“{{.Email}}” is not a valid e-mail address."),
"setup.confirm.mismatch": ("两次输入的密码不一致。", "The two passwords differ."),
"setup.done_already": ("本数据库已完成设置。", "This database is already set up."),

"db.bad_path": ("无法使用数据库路径：{{.Path}}", "Cannot use the database path: {{.Path}}"),
"db.missing": ("数据库文件不存在：{{.Path}}", "The database file does not exist: {{.Path}}"),
"db.unreadable": ("无法读写数据库文件（权限不足或磁盘故障）：{{.Path}}", "Cannot read or write the database file (permissions or disk fault): {{.Path}}"),
"db.not_database": ("该文件不是本程序的数据库，或已损坏：{{.Path}}。文件未被改动。", "This file is not a TownLedger database, or it is damaged: {{.Path}}. It was left unchanged."),
"db.locked": ("数据库正被其他程序占用，请稍后重试或关闭其他正在使用它的程序。数据未被改动。", "The database is in use by another program; try again later or close the other program. Nothing was changed."),
"db.newer_schema": ("该数据库由更新版本的程序创建（结构版本 {{.Have}}，本程序支持到 {{.Known}}），请升级程序后再打开。数据未被改动。", "This database was written by a newer TownLedger (schema {{.Have}}; this program knows up to {{.Known}}). Upgrade the program to open it. Nothing was changed."),
"db.read_only": ("数据库文件为只读，无法保存。", "The database file is read-only; nothing can be saved."),
"db.full": ("磁盘空间已满，无法保存。", "The disk is full; nothing could be saved."),
"db.conflict": ("与已有记录重复。", "This duplicates an existing record."),
"db.not_found": ("记录不存在或已被删除。", "The record does not exist or was deleted."),

"ids.credit.length": ("统一社会信用代码应为{{.Want}}位，实际为{{.Len}}位。", "A credit code has {{.Want}} characters, not {{.Len}}."),
"ids.credit.char": ("统一社会信用代码第{{.Pos}}位“{{.Char}}”不是允许的字符。", "Credit code character {{.Pos}} “{{.Char}}” is not allowed."),
"ids.credit.region": ("统一社会信用代码第{{.Pos}}位“{{.Char}}”应为数字（第3–8位为行政区划码）。", "Credit code character {{.Pos}} “{{.Char}}” must be a digit (positions 3–8 are the division code)."),
"ids.credit.check": ("统一社会信用代码校验位错误：应为“{{.Want}}”，实际为“{{.Got}}”。", "Wrong credit code check character: “{{.Got}}” should be “{{.Want}}”."),
"ids.id.length": ("身份证号码应为{{.Want}}位，实际为{{.Len}}位。", "An ID number has {{.Want}} characters, not {{.Len}}."),
"ids.id.digit": ("身份证号码第{{.Pos}}位“{{.Char}}”应为数字。", "ID number character {{.Pos}} “{{.Char}}” must be a digit."),
"ids.id.checkchar": ("身份证号码最后一位“{{.Char}}”应为数字或X。", "The last ID number character “{{.Char}}” must be a digit or X."),
"ids.id.birth": ("身份证号码中的出生日期{{.Date}}不存在。", "The birth date {{.Date}} in the ID number does not exist."),
"ids.id.birth_early": ("身份证号码中的出生日期{{.Date}}早于1900年1月1日。", "The birth date {{.Date}} in the ID number is before 1900-01-01."),
"ids.id.birth_future": ("身份证号码中的出生日期{{.Date}}晚于今天。", "The birth date {{.Date}} in the ID number is in the future."),
"ids.id.check": ("身份证号码校验位错误：应为“{{.Want}}”，实际为“{{.Got}}”。", "Wrong ID number check character: “{{.Got}}” should be “{{.Want}}”."),
"ids.town.length": ("乡镇区划代码应为9位或12位，实际为{{.Len}}位。", "A division code has 9 or 12 digits, not {{.Len}}."),
"ids.town.digits": ("乡镇区划代码第{{.Pos}}位“{{.Char}}”应为数字。", "Division code character {{.Pos}} “{{.Char}}” must be a digit."),
"ids.town.province": ("乡镇区划代码前两位“{{.Province}}”不是有效的省级代码。", "“{{.Province}}” is not a province code."),
"ids.town.county": ("乡镇区划代码第5–6位（县级）不能为“{{.County}}”。", "Digits 5–6 (county) of a division code cannot be “{{.County}}”."),
"ids.town.township": ("乡镇区划代码第7–9位“{{.Township}}”应在001–399之间。", "Digits 7–9 “{{.Township}}” must be between 001 and 399."),
"ids.town.village": ("乡镇级单位的12位代码末三位应为000，实际为“{{.Village}}”。", "A town's 12-digit code ends in 000, not “{{.Village}}”."),
"ids.phone.mobile": ("“{{.Value}}”不是有效的手机号码（11位，以13–19开头）。", "“{{.Value}}” is not a mobile number (11 digits starting 13–19)."),
"ids.phone.landline": ("“{{.Value}}”不是有效的固定电话号码（如010-12345678）。", "“{{.Value}}” is not a landline number (e.g. 010-12345678)."),
"ids.phone.invalid": ("“{{.Value}}”不是有效的电话号码。", "“{{.Value}}” is not a valid phone number."),

"cli.usage": ("""用法：townledger [--db 路径] [--lang zh-Hans|en] [命令]

不带命令时打开程序窗口。命令（均可在无界面环境运行）：
  init    --town-name 名称 --town-code 区划代码 [--district-name 区局] [--district-email 邮箱]
          [--admin 用户名 --admin-password 密码 [--admin-name 姓名]]   首次设置
  demo                      加载示范数据
  template 类型 [--out 文件]  生成空白导入模板（类型：enterprises catalog cases staff trainings attendance）
  import  类型 文件          导入工作簿：全部通过才保存，错误按行列列出
  export-catalog [--out 文件] 导出现行赋权事项目录（与 catalog 导入模板同格式）
  disclosure --year 年份 | --from 日期 --to 日期 [--out 文件]
                            导出期间内的行政处罚决定公示表（双公示）
  export  --period 2024|2024-H1|2024-Q3|2024-07 [--out 文件] [--preparer 填报人]  导出报区局的期间工作报表
  send    --period 2024-Q3 [--new-version] [--preparer 填报人]  生成报表并发邮件报送区局（数据有改动时加 --new-version 报送新版本）
  send    --due              报送所有到期未报的报告期，再重发队列、查收回复（供每月计划任务用）
  send    --pending          重发待发送队列中的报表，并查收区局回复
  backup  [--out 文件]       备份数据库（默认保存在数据库旁的 backups 目录）
  verify                    校验数据库完整性和审计日志
选项：
  --db 路径      数据库文件（也可用环境变量 TOWNLEDGER_DB）
  --lang en      英文输出
  --version      显示版本
成功时退出码为 0；被拒绝或失败为 1；命令行有误为 2。
""", """Usage: townledger [--db PATH] [--lang zh-Hans|en] [command]

Without a command the window opens. Commands (all work headless):
  init    --town-name NAME --town-code CODE [--district-name BUREAU] [--district-email ADDRESS]
          [--admin USER --admin-password PASSWORD [--admin-name NAME]]   first-run set-up
  demo                      load demo data
  template KIND [--out FILE] write an empty import workbook (kinds: enterprises catalog cases staff trainings attendance)
  import  KIND FILE         import a workbook: all rows or none, problems listed by row and column
  export-catalog [--out FILE] export the current catalogue (the catalog import format)
  disclosure --year YEAR | --from DATE --to DATE [--out FILE]
                            export the publication sheet (双公示) of the period's penalty decisions
  export  --period 2024|2024-H1|2024-Q3|2024-07 [--out FILE] [--preparer NAME]  export the period's report to the district
  send    --period 2024-Q3 [--new-version] [--preparer NAME]  write the report and mail it to the district (--new-version after the data changed)
  send    --due              send every finished period not sent yet, then as --pending (for a monthly scheduled task)
  send    --pending          send what waits in the outbox, then check for the district's replies
  backup  [--out FILE]      back up the database (default: a backups folder beside it)
  verify                    check the database's integrity and audit log
Options:
  --db PATH      database file (or the TOWNLEDGER_DB environment variable)
  --lang en      English output
  --version      print the version
Exit status 0 on success, 1 when refused or failed, 2 for a wrong command line.
"""),
"cli.bad_lang": ("不支持的语言“{{.Lang}}”，可用 zh-Hans 或 en。", "Unsupported language “{{.Lang}}”: use zh-Hans or en."),
"cli.bad_flag": ("命令行参数有误：{{.Detail}}", "Wrong command line: {{.Detail}}"),
"cli.extra_args": ("多余的参数：{{.Args}}", "Unexpected arguments: {{.Args}}"),
"cli.unknown_command": ("未知命令“{{.Name}}”，运行 townledger --help 查看用法。", "Unknown command “{{.Name}}”; run townledger --help for usage."),
"cli.separator": ("；", "; "),
"cli.init.done": ("已完成设置：{{.Name}}（乡镇代码 {{.Code}}），数据库 {{.Path}}", "Set up: {{.Name}} (town code {{.Code}}), database {{.Path}}"),
"cli.init.admin_later": ("尚未创建管理员：首次打开程序窗口时创建。", "No administrator yet: it is created when the window first opens."),
"cli.demo.done": ("示范数据已加载：赋权事项 {{.Items}} 项，企业和个人 {{.Parties}} 个，人员 {{.Staff}} 名，培训 {{.Trainings}} 次，宣传活动 {{.Activities}} 场。", "Demo data loaded: {{.Items}} delegated items, {{.Parties}} enterprises and persons, {{.Staff}} staff, {{.Trainings}} training sessions, {{.Activities}} activities."),
"backup.exists": ("备份文件已存在，不会覆盖：{{.Path}}", "The backup file exists already and is not overwritten: {{.Path}}"),
"cli.backup.done": ("备份已保存并校验：{{.Path}}", "Backup written and verified: {{.Path}}"),
"cli.verify.summary": ("数据库结构版本 {{.Schema}}，审计记录 {{.Rows}} 条。", "Schema version {{.Schema}}, {{.Rows}} audit rows."),
"cli.verify.problem": ("问题：{{.Detail}}", "Problem: {{.Detail}}"),
"cli.verify.audit_break": ("审计日志第 {{.Seq}} 条与其校验值不符（{{.Reason}}），可能被改动过。", "Audit row {{.Seq}} does not match its hash ({{.Reason}}): it may have been altered."),
"cli.verify.ok": ("校验通过：数据完整，审计日志未被改动。", "Verified: the data is intact and the audit log unaltered."),
"cli.verify.failed": ("校验未通过。", "Verification failed."),
}

here = os.path.dirname(os.path.abspath(__file__))
for extra in sorted(glob.glob(os.path.join(here, "i18n", "*.py"))):
    scope = {}
    exec(open(extra, encoding="utf-8").read(), scope)
    for k, v in scope["T"].items():
        if k in T:
            raise SystemExit(f"{extra}: key {k} is defined twice")
        T[k] = v
out = os.path.join(here, "..", "assets", "translations")
for i, lang in enumerate(["zh-Hans", "en"]):
    with open(os.path.join(out, lang + ".json"), "w", encoding="utf-8") as f:
        json.dump({k: v[i] for k, v in sorted(T.items())}, f, ensure_ascii=False, indent=1)
        f.write("\n")
