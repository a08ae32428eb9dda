package trainingimport

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"townledger/app/ids"
	"townledger/app/problem"
	"townledger/app/training"
	"townledger/app/workbook"
)

// Import kinds, as the command line names them.
const (
	StaffKind      = "staff"
	TrainingsKind  = "trainings"
	AttendanceKind = "attendance"
)

// Column names besides app/training's field names.
const (
	colOfficer  = "is_officer"
	colScore    = "score"
	colSignedIn = "signed_in_at"
)

// Values of the 是否执法人员 column.
const (
	yes = "yes"
	no  = "no"
)

var yesNo = map[string]string{"是": yes, "否": no, "Y": yes, "N": no, "YES": yes, "NO": no, "TRUE": yes, "FALSE": no,
	"√": yes, "×": no}

var certStatuses = map[string]string{"有效": training.CertValid, "待年审": training.CertDue, "已注销": training.CertRevoked,
	"VALID": training.CertValid, "DUE": training.CertDue, "REVOKED": training.CertRevoked}

// parseNumber reads a number of hours or a score (full-width digits accepted).
func parseNumber(s string) (any, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(ids.Normalize(s)), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, problem.New(KeyNotNumber, map[string]any{"Value": s})
	}
	return f, nil
}

var clockRE = regexp.MustCompile(`^([0-9]{1,2})[:：]([0-9]{2})(?:[:：][0-9]{2})?$`)

// parseClock reads a time of day as HH:MM: text such as 9:00 or 09:30 (full-width digits and
// colon accepted), or the number Excel stores for a time cell (a fraction of a day, the
// date part of a date-and-time dropped). The error is app/training's refusal of a time.
func parseClock(s string) (any, error) {
	n := ids.Normalize(s)
	bad := problem.New(training.KeyTimeInvalid, map[string]any{"Value": s})
	if m := clockRE.FindStringSubmatch(n); m != nil {
		h, _ := strconv.Atoi(m[1])
		mi, _ := strconv.Atoi(m[2])
		if h > 23 || mi > 59 {
			return nil, bad
		}
		return twoDigits(h) + ":" + twoDigits(mi), nil
	}
	f, err := strconv.ParseFloat(n, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f > 3e6 {
		return nil, bad
	}
	mins := int(math.Round((f - math.Floor(f)) * 24 * 60))
	if mins >= 24*60 {
		return nil, bad
	}
	return twoDigits(mins/60) + ":" + twoDigits(mins%60), nil
}

func twoDigits(n int) string { return strconv.Itoa(n/10) + strconv.Itoa(n%10) }

func col(name, header, english string, required bool, desc, format string, maxLen int) workbook.Column {
	return workbook.Column{Name: name, Header: header, English: english, Required: required, Desc: desc,
		Format: format, MaxLen: maxLen}
}

func numberCol(name, header, english string, required bool, desc, format string) workbook.Column {
	c := col(name, header, english, required, desc, format, 20)
	c.Parse = parseNumber
	return c
}

func clockCol(name, header, english, desc string) workbook.Column {
	c := col(name, header, english, false, desc, "24 小时制，如 09:00、14:30", 20)
	c.Parse = parseClock
	return c
}

// StaffSpec is the roster workbook (人员花名册): one row per person.
var StaffSpec = func() workbook.Spec {
	officer := col(colOfficer, "是否执法人员", "Enforcement officer", false, "持有行政执法证的填“是”", "", 10)
	officer.Choices = []string{"是", "否"}
	officer.Parse = workbook.OneOf(yesNo, officer.Choices)
	certNo := col(training.FieldCertNo, "执法证号", "Certificate number", false, "执法人员必填；同一证号只能登记一次", "",
		training.StaffMaxLen[training.FieldCertNo])
	certNo.AsText = true
	status := col(training.FieldCertStatus, "执法证状态", "Certificate status", false, "", "", 10)
	status.Choices = []string{"有效", "待年审", "已注销"}
	status.Parse = workbook.OneOf(certStatuses, status.Choices)
	due := col(training.FieldCertDueOn, "年审日期", "Annual registration due", false, "执法证下次年审（或到期）的日期", "", 20)
	due.Date = true
	phone := col(training.FieldPhone, "联系电话", "Phone", false, "手机或固定电话", "手机 11 位，如 13812345678；固定电话如 010-12345678", 30)
	phone.AsText = true
	return workbook.Spec{
		Kind:  StaffKind,
		Title: "人员花名册",
		Sheet: "人员花名册",
		Columns: []workbook.Column{
			col(training.FieldName, "姓名", "Name", true, "本人姓名", "", training.StaffMaxLen[training.FieldName]),
			col(training.FieldUnit, "单位", "Unit", false, "所在单位或科室，如 应急管理办公室", "", training.StaffMaxLen[training.FieldUnit]),
			col(training.FieldPosition, "职务", "Position", false, "", "", training.StaffMaxLen[training.FieldPosition]),
			phone, officer, certNo, status, due,
		},
		Example: []string{"张示例", "应急管理办公室", "科员", "13800000000", "是", "11010500000", "有效", "2025-06-30"},
		Notes: []string{
			"每行一人。花名册中同一单位已有同名的人，或文件中同一单位的同名人出现两次，整份文件不会导入。",
			"已离开的人员请在程序中办理调离，不要通过导入修改。",
		},
	}
}()

// TrainingsSpec is the sessions workbook (培训记录): one row per session, without attendance.
var TrainingsSpec = func() workbook.Spec {
	held := col(training.FieldHeldOn, "日期", "Date", true, "培训举办的日期，不能晚于今天", "", 20)
	held.Date = true
	form := col(training.FieldForm, "形式", "Form", false, "", "", 10)
	notes := col(training.FieldNotes, "备注", "Notes", false, "可以分行", "", training.SessionMaxLen[training.FieldNotes])
	notes.MultiLine = true
	form.Choices = training.Forms
	ml := training.SessionMaxLen
	return workbook.Spec{
		Kind:  TrainingsKind,
		Title: "培训记录",
		Sheet: "培训记录",
		Columns: []workbook.Column{
			col(training.FieldTitle, "培训主题", "Title", true, "", "", ml[training.FieldTitle]),
			col(training.FieldCategory, "类别", "Category", true, "本镇设置的培训类别之一",
				"默认类别："+strings.Join(training.DefaultCategories, "、")+"（以「设置」中的为准）", ml[training.FieldCategory]),
			held,
			clockCol(training.FieldStartsAt, "开始时间", "Starts at", ""),
			clockCol(training.FieldEndsAt, "结束时间", "Ends at", "填写时应晚于开始时间"),
			numberCol(training.FieldHours, "学时", "Hours", true, "本次培训计入的学时",
				"大于 0，不超过 "+strconv.Itoa(training.MaxHours)+"，也不超过开始到结束的时长"),
			form,
			col(training.FieldPlace, "地点", "Place", false, "地点或网络平台", "", ml[training.FieldPlace]),
			col(training.FieldOrganiser, "主办", "Organiser", false, "", "", ml[training.FieldOrganiser]),
			col(training.FieldTrainer, "授课人", "Trainer", false, "", "", ml[training.FieldTrainer]),
			col(training.FieldTrainerUnit, "授课人单位", "Trainer's unit", false, "", "", ml[training.FieldTrainerUnit]),
			notes,
		},
		Example: []string{"示例：新《安全生产法》解读", "新法专题", "2024-03-15", "09:00", "11:00", "2", "集中", "镇政府三楼会议室",
			"青石镇应急管理办公室", "李示例", "示范区应急管理局", "示例行，导入时跳过"},
		Notes: []string{
			"每行一次培训。签到情况另用「培训签到表」导入。",
			"同一天同一主题的培训在文件中只能出现一次，台账中已有的也不会重复导入。",
		},
	}
}()

// AttendanceSpec is the sign-in sheet (培训签到表) of one session: the session is named by
// the 培训主题 and 日期 columns (filled in at least on the first row; an empty cell means
// the same as above), and each row is one person on the roster.
var AttendanceSpec = func() workbook.Spec {
	held := col(training.FieldHeldOn, "日期", "Date", false, "培训举办的日期；第一行必填，以下可留空", "", 20)
	held.Date = true
	return workbook.Spec{
		Kind:  AttendanceKind,
		Title: "培训签到表",
		Sheet: "培训签到表",
		Columns: []workbook.Column{
			col(training.FieldTitle, "培训主题", "Title", false, "已登记的培训的主题；第一行必填，以下可留空",
				"与台账中的培训主题一字不差", training.SessionMaxLen[training.FieldTitle]),
			held,
			col(training.FieldName, "姓名", "Name", true, "花名册中的姓名", "", training.StaffMaxLen[training.FieldName]),
			col(training.FieldUnit, "单位", "Unit", false, "花名册中的单位；有同名的人时必填", "", training.StaffMaxLen[training.FieldUnit]),
			numberCol(training.FieldHours, "本人学时", "Own hours", false, "提前离开等情况下本人实际的学时；留空即为培训的学时", "不超过培训的学时"),
			numberCol(colScore, "成绩", "Score", false, "考试成绩", "0 到 100"),
			clockCol(colSignedIn, "签到时间", "Signed in at", ""),
		},
		Example: []string{"示例：新《安全生产法》解读", "2024-03-15", "张示例", "应急管理办公室", "", "90", "08:50"},
		Notes: []string{
			"一份签到表对应台账中已登记的一次培训（先导入或登记培训）；培训主题和日期与台账一致，只需在第一行填写。",
			"姓名按花名册查找：没有此人、同名又无法用单位区分、或同一人出现两次，整份文件不会导入。程序从不猜测是哪一个人。",
			"导入的签到记录加在该次培训已有的记录之后，已有的记录保留；已在记录中的人不能再导入。",
		},
	}
}()
