package demo

import (
	"fmt"
	"sort"

	"townledger/app/search"
	"townledger/data"
)

var units = []struct {
	name      string
	positions []string
	officers  bool
}{
	{"镇应急管理办公室", []string{"主任", "副主任", "执法队员", "执法队员", "执法队员"}, true},
	{"镇综合行政执法队", []string{"队长", "执法队员", "执法队员", "执法队员"}, true},
	{"镇党政办公室", []string{"主任", "科员"}, false},
	{"镇司法所", []string{"所长", "科员"}, false},
	{"网格服务中心", []string{"网格员", "网格员", "网格员", "网格员"}, false},
}

func (g *gen) staff(tx *data.Tx) error {
	n := 0
	used := map[string]bool{}
	for _, u := range units {
		for _, pos := range u.positions {
			n++
			name := g.person()
			for used[name] { // one roster, one name: no two people called the same
				name = g.person()
			}
			used[name] = true
			s := data.Staff{Name: name, NameInitials: search.Initials(name), Unit: u.name, Position: pos, Phone: g.phone()}
			if u.officers {
				s.IsOfficer = true
				s.CertNo = fmt.Sprintf("11010521%05d", 100+n)
				s.CertStatus = "valid"
				s.CertDueOn = g.today.AddDate(0, 1+g.r.IntN(11), 0).Format(data.DateLayout)
			}
			id, err := tx.InsertStaff(s)
			if err != nil {
				return fmt.Errorf("staff %s: %w", name, err)
			}
			g.staffID = append(g.staffID, id)
		}
	}
	return nil
}

var trainingTitles = []struct{ title, category, form string }{
	{"《安全生产法》专题学习", "专业法律知识", "集中"},
	{"行政处罚法及执法程序培训", "公共法律知识", "集中"},
	{"现场检查与证据固定实务", "执法技能", "集中"},
	{"新修订安全生产行政处罚办法解读", "新法专题", "网络"},
	{"典型案例分析：燃气报警装置", "以案释法", "集中"},
	{"党委中心组学法：习近平法治思想", "党委中心组学法", "以会代训"},
	{"镇长办公会会前学法", "会前学法", "以会代训"},
	{"执法文书制作规范", "执法技能", "集中"},
	{"应急预案编制与演练评估", "专业法律知识", "网络"},
	{"宪法学习专题", "公共法律知识", "集中"},
}

func (g *gen) trainings(tx *data.Tx) error {
	days := make([]string, len(trainingTitles))
	for i := range days {
		days[i] = g.day()
	}
	sort.Strings(days)
	for i, t := range trainingTitles {
		hours := []float64{2, 3, 4, 1.5}[g.r.IntN(4)]
		id, err := tx.InsertTraining(data.Training{Title: t.title, Category: t.category, Organiser: "镇应急管理办公室",
			Trainer: g.person(), TrainerUnit: "区应急管理局", HeldOn: days[i], StartsAt: "09:00",
			EndsAt: fmt.Sprintf("%02d:%02d", 9+int(hours), int(hours*60)%60), Place: "镇政府三楼会议室", Form: t.form, Hours: hours})
		if err != nil {
			return fmt.Errorf("training %s: %w", t.title, err)
		}
		for _, sid := range g.staffID {
			if g.r.IntN(10) < 2 { // about one in five misses a session
				continue
			}
			a := data.Attendance{TrainingID: id, StaffID: sid, SignedInAt: "08:5" + fmt.Sprint(g.r.IntN(10))}
			if g.r.IntN(15) == 0 {
				half := hours / 2
				a.Hours = &half
			}
			if _, err := tx.InsertAttendance(a); err != nil {
				return fmt.Errorf("attendance: %w", err)
			}
		}
	}
	return nil
}

var activityKinds = []struct{ title, kind, place string }{
	{"安全生产月集中宣传咨询日", "安全生产月", "village"},
	{"5·12防灾减灾日应急知识进社区", "防灾减灾日", "community"},
	{"消防宣传月燃气安全进餐饮企业", "消防宣传月", "enterprise"},
	{"宪法宣传周法治讲座", "宪法宣传周", "community"},
	{"安全宣传进企业：有限空间作业", "进企业", "enterprise"},
	{"安全宣传进农村：农机与用电安全", "进农村", "village"},
	{"安全宣传进学校：防溺水与地震逃生演练", "进学校", "school"},
	{"安全宣传进家庭：燃气与电动自行车", "进家庭", "community"},
	{"有奖知识竞答", "有奖问答", "village"},
	{"应急疏散演练", "应急演练", "enterprise"},
	{"安全警示片放映", "警示片", "village"},
	{"微信公众号安全知识推送", "新媒体", ""},
}

func (g *gen) activities(tx *data.Tx) error {
	for i := 0; i < 24; i++ {
		k := activityKinds[i%len(activityKinds)]
		place := g.pick(villages)
		if k.place == "enterprise" {
			place = g.pick(prefixes) + "机械加工厂"
		} else if k.place == "school" {
			place = "镇中心小学"
		}
		a := data.Activity{HeldOn: g.day(), Title: k.title, Type: k.kind, PlaceKind: k.place, PlaceName: place,
			Organisers: "镇应急管理办公室", Partners: "镇司法所", Banners: g.r.IntN(4), Boards: g.r.IntN(12),
			Materials: 50 * g.r.IntN(20), Consultations: g.r.IntN(80), People: 30 + g.r.IntN(400),
			Enterprises: g.r.IntN(10), Cost: int64(g.r.IntN(300000))}
		if k.kind == "应急演练" || k.place == "school" {
			a.Drills, a.DrillPeople = 1, 40+g.r.IntN(300)
		}
		if _, err := tx.InsertActivity(a); err != nil {
			return fmt.Errorf("activity %s: %w", k.title, err)
		}
	}
	return nil
}
