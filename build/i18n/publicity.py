# Publicity activities, their figures, the 五进 coverage and the report sentence (app/publicity).
T = {
"publicity.too_long": ("内容过长：最多 {{.Max}} 个字，现有 {{.Len}} 个字。", "Too long: at most {{.Max}} characters, this has {{.Len}}."),
"publicity.title.empty": ("请填写活动名称。", "Enter the activity's title."),
"publicity.type.empty": ("请选择活动类型。", "Choose the activity's type."),
"publicity.type.unknown": ("活动类型“{{.Value}}”不在类型列表中，请从列表中选择（管理员可在设置中修改类型列表）。", "“{{.Value}}” is not one of the activity types: choose one from the list (an administrator can edit the list under Settings)."),
"publicity.place_kind.unknown": ("活动场所类别“{{.Value}}”无效，请选择：村、社区、企业、学校、家庭或其他。", "“{{.Value}}” is not a kind of place: choose village, community, enterprise, school, family or other."),
"publicity.held_on.empty": ("请填写活动日期。", "Enter the date of the activity."),
"publicity.held_on.invalid": ("活动日期“{{.Value}}”无效，请按“2025-06-16”的格式填写。", "The date “{{.Value}}” is not valid: write it like 2025-06-16."),
"publicity.held_on.future": ("活动日期 {{.Date}} 晚于今天：只能登记已经开展的活动。", "The date {{.Date}} is in the future: only activities already held can be recorded."),
"publicity.count.invalid": ("数量应为 0 至 {{.Max}} 之间的整数。", "Enter a whole number from 0 to {{.Max}}."),
"publicity.drill_people.no_drills": ("填写了参演人数，但演练场次为 0：请先填写演练场次。", "Drill participants are entered but no drill: enter the number of drills first."),
"publicity.cost.negative": ("经费不能为负数。", "The cost cannot be negative."),
"publicity.types.empty": ("活动类型至少保留一项。", "Keep at least one activity type."),
"publicity.types.long": ("活动类型“{{.Value}}”过长，最多 {{.Max}} 个字。", "The activity type “{{.Value}}” is too long: at most {{.Max}} characters."),
"publicity.period.invalid": ("统计期间“{{.Value}}”无效，请按“2024”“2024-H1”“2024-Q3”或“2024-07”的格式填写。", "The period “{{.Value}}” is not valid: write it like 2024, 2024-H1, 2024-Q3 or 2024-07."),

"publicity.period.year": ("{{.Year}}年", "In {{.Year}}"),
"publicity.period.h1": ("{{.Year}}年上半年", "In the first half of {{.Year}}"),
"publicity.period.h2": ("{{.Year}}年下半年", "In the second half of {{.Year}}"),
"publicity.period.q1": ("{{.Year}}年第一季度", "In Q1 {{.Year}}"),
"publicity.period.q2": ("{{.Year}}年第二季度", "In Q2 {{.Year}}"),
"publicity.period.q3": ("{{.Year}}年第三季度", "In Q3 {{.Year}}"),
"publicity.period.q4": ("{{.Year}}年第四季度", "In Q4 {{.Year}}"),
"publicity.period.month": ("{{.Year}}年{{.Month}}月", "In {{.Year}}-{{printf \"%02d\" .Month}}"),
"publicity.period.range": ("{{.From}}至{{.To}}", "From {{.From}} to {{.To}}"),
"publicity.sentence": (
    "{{.Period}}共开展各类宣教活动{{.Activities}}场次"
    "{{if .Banners}}，悬挂宣传横幅{{.Banners}}条{{end}}"
    "{{if .Boards}}，制作宣传展板{{.Boards}}块{{end}}"
    "{{if .Materials}}，发放宣传资料{{.Materials}}份{{end}}"
    "{{if .People}}，受教育群众{{.People}}人次{{end}}"
    "{{if .Drills}}，组织应急演练{{.Drills}}场次{{if .DrillPeople}}、参演{{.DrillPeople}}人次{{end}}{{end}}",
    "{{.Period}}, {{.Activities}} publicity activities were held"
    "{{if .Banners}}, {{.Banners}} banners hung{{end}}"
    "{{if .Boards}}, {{.Boards}} display boards shown{{end}}"
    "{{if .Materials}}, {{.Materials}} leaflets handed out{{end}}"
    "{{if .People}}, {{.People}} people reached{{end}}"
    "{{if .Drills}}, {{.Drills}} drills held{{if .DrillPeople}} with {{.DrillPeople}} participants{{end}}{{end}}"),
"publicity.sentence.none": ("{{.Period}}未开展宣教活动", "{{.Period}}, no publicity activity was held"),
"publicity.photo.empty": ("照片文件是空的。", "The photo file is empty."),
"publicity.photo.too_big": ("照片不能超过 {{.MaxMB}} MB，请压缩后再添加。", "A photo may not exceed {{.MaxMB}} MB; shrink it first."),
"publicity.photo.not_image": ("“{{.Name}}”不是图片文件，只能添加照片。", "“{{.Name}}” is not an image: only photos can be added."),
}
