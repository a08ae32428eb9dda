// Package gen fills a new ledger with a town's records at a chosen scale, for benchmarks and
// for trying the program at size: `townledger gen --scale S`. Scale 1 is a town's year (200
// enterprises, 150 cases, 60 staff, 50 sessions with 1,500 attendances, 150 activities);
// scale 100 is the stress case. The records are the same on every run of the same options
// (names, numbers, dates, amounts; the record ids and timestamps are the run's own). They
// are written through the data layer's insert methods, audit rows and search index
// included, in large transactions.
package gen

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"townledger/app/auth"
	"townledger/app/cases/rules"
	"townledger/app/problem"
	"townledger/app/search"
	"townledger/app/setup"
	"townledger/data"
)

// Options say how much to generate.
type Options struct {
	Scale int // 1 = a town's year; must be at least 1
	Cases int // cases instead of 150 × Scale (0 = that), for "S=100 and 100k cases"
	Year  int // the year the records fall in; 0 = DefaultYear
}

// DefaultYear is the year generated records fall in unless told otherwise: fixed, so a
// generated ledger does not depend on the day it is made.
const DefaultYear = 2025

// Counts are how many records of each kind a ledger gets (Sizes) or got (Fill).
type Counts struct {
	Parties, Cases, Events, Numbers, Staff, Sessions, Attendances, Activities int
}

// Per scale unit (S=1).
const (
	partiesPerScale    = 200
	casesPerScale      = 150
	staffPerScale      = 60
	sessionsPerScale   = 50
	attendeesPerSess   = 30 // 50 × 30 = 1,500 attendances
	activitiesPerScale = 150
	catalogItems       = 8
)

// chunk bounds the records one transaction writes: large enough that commits cost little,
// small enough that a transaction's page cache stays modest.
const chunk = 20_000

// Town is the generated town.
var Town = setup.Town{Name: "青石镇", ShortName: "青石", DivisionCode: "110105100", DistrictName: "示范区应急管理局",
	DistrictEmail: "yjj@example.gov.cn"}

// Sizes are the record counts of o (events and numbers excepted: they follow the cases).
func Sizes(o Options) Counts {
	c := Counts{Parties: partiesPerScale * o.Scale, Cases: casesPerScale * o.Scale, Staff: staffPerScale * o.Scale,
		Sessions: sessionsPerScale * o.Scale, Attendances: sessionsPerScale * attendeesPerSess * o.Scale,
		Activities: activitiesPerScale * o.Scale}
	if o.Cases > 0 {
		c.Cases = o.Cases
	}
	return c
}

// KeyExists refuses to generate into a file that already holds data.
const KeyExists = "gen.exists"

// KeyScale refuses a scale below 1.
const KeyScale = "gen.scale"

// Build makes a new ledger at path: the town (and its administrator, when admin has a
// password), then Fill. An existing non-empty file is refused: gen never adds to a ledger.
func Build(ctx context.Context, path string, o Options, admin auth.NewAccount) (Counts, error) {
	if o.Scale < 1 || o.Cases < 0 {
		return Counts{}, problem.New(KeyScale, map[string]any{"Scale": o.Scale})
	}
	if st, err := os.Stat(path); err == nil && st.Size() > 0 {
		return Counts{}, problem.New(KeyExists, map[string]any{"Path": path})
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return Counts{}, fmt.Errorf("gen %s: %w", path, err)
	}
	s, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		return Counts{}, err
	}
	town := Town
	town.Since = fmt.Sprintf("%d-01-01", year(o))
	if admin.Password != "" {
		err = setup.Run(ctx, s, town, setup.Admin{NewAccount: admin, Confirm: admin.Password})
	} else {
		err = setup.InitTown(ctx, s, town)
	}
	var n Counts
	if err == nil {
		n, err = fill(ctx, s, o, afterKind)
	}
	s.Close()
	if err != nil { // a ledger cut short (interrupted, a full disk) is no generated town: it goes
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			os.Remove(p)
		}
	}
	return n, err
}

func year(o Options) int {
	if o.Year == 0 {
		return DefaultYear
	}
	return o.Year
}

// Fill writes the records of o into s, whose town is set up and which holds no enterprises
// or cases yet.
func Fill(ctx context.Context, s *data.Store, o Options) (Counts, error) {
	return fill(ctx, s, o, nil)
}

// afterKind is a test's hook after each kind of record Build writes; nil in the program.
var afterKind func(kind string) error

// fill is Fill calling after (when given) after each kind of record is written.
func fill(ctx context.Context, s *data.Store, o Options, after func(kind string) error) (Counts, error) {
	if o.Scale < 1 || o.Cases < 0 {
		return Counts{}, problem.New(KeyScale, map[string]any{"Scale": o.Scale})
	}
	counts, err := s.Counts(ctx)
	if err != nil {
		return Counts{}, err
	}
	if counts[data.ListParties] > 0 || counts[data.ListCases] > 0 {
		return Counts{}, problem.New(KeyExists, map[string]any{"Path": s.Path()})
	}
	g := &gen{o: o, want: Sizes(o), year: year(o)}
	town, _, err := s.Town(ctx)
	if err != nil {
		return Counts{}, err
	}
	g.issuer = town.ShortName
	if g.issuer == "" {
		g.issuer = town.Name
	}
	steps := []struct {
		kind    string
		n, rows int // units, and rows each writes (a case its events and number, a session its attendances)
		each    func(tx *data.Tx, i int) error
	}{
		{"catalog", catalogItems, 1, g.catalogItem},
		{"parties", g.want.Parties, 1, g.addParty},
		{"staff", g.want.Staff, 1, g.staff},
		{"cases", g.want.Cases, 8, g.kase},
		{"sessions", g.want.Sessions, attendeesPerSess + 1, g.session},
		{"activities", g.want.Activities, 1, g.activity},
	}
	for _, st := range steps {
		for from := 0; from < st.n; {
			to := min(st.n, from+max(1, chunk/st.rows))
			err := s.Write(ctx, data.System, func(tx *data.Tx) error {
				for i := from; i < to; i++ {
					if i%1000 == 0 {
						if err := ctx.Err(); err != nil {
							return err
						}
					}
					if err := st.each(tx, i); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return g.got, fmt.Errorf("generate: %w", err)
			}
			from = to
		}
		if after != nil {
			if err := after(st.kind); err != nil {
				return g.got, err
			}
		}
	}
	return g.got, nil
}

type gen struct {
	o      Options
	want   Counts
	got    Counts
	year   int
	issuer string
	items  []string
	party  []string
	staffs []string
}

var (
	surnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "胡", "郭"}
	given    = []string{"伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀", "建", "海", "志", "丽"}
	villages = []string{"青石村", "柳溪村", "红岭村", "上河村", "新桥社区", "南街社区", "东山村", "白沙村"}
	prefixes = []string{"青石", "鑫源", "宏达", "恒泰", "永兴", "华丰", "金鼎", "顺发", "利民", "盛鑫", "福瑞", "长青"}
	trades   = []struct{ suffix, industry string }{{"机械加工厂", "机械制造"}, {"餐饮店", "餐饮服务"},
		{"新型建材有限公司", "建材"}, {"物流有限公司", "仓储物流"}, {"加油站", "加油站"}, {"食品有限公司", "食品加工"},
		{"家具厂", "家具制造"}, {"化工有限公司", "化工"}}
	units = []string{"镇应急管理办公室", "镇综合行政执法队", "镇党政办公室", "镇司法所", "网格服务中心"}
)

// name is a person's name; different for each i below 6,000.
func name(i int) string {
	return surnames[i%15] + given[(i/15)%20] + given[(i/300)%20]
}

// mix spreads i over [0, n) without a visible pattern (a fixed permutation-like hash).
func mix(i, n int) int { return int(uint64(i)*2654435761%uint64(1<<31)) % n }

func (g *gen) day(n int) string {
	return time.Date(g.year, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n).Format(data.DateLayout)
}

const law = "中华人民共和国安全生产法"

func (g *gen) catalogItem(tx *data.Tx, i int) error {
	delegation := "grant"
	if i == 3 {
		delegation = "entrust"
	}
	id, err := tx.InsertCatalogItem(data.CatalogItem{Key: fmt.Sprintf("GEN%d", i+1), Code: fmt.Sprintf("AQ-%02d", i+1),
		Name: fmt.Sprintf("生产经营单位未设置明显安全警示标志（情形%d）", i+1), Delegation: delegation,
		EffectiveFrom: fmt.Sprintf("%d-01-01", g.year-1), Status: "active",
		Refs: []data.LegalRef{{Role: "obligation", Law: law, Article: 35}, {Role: "basis", Law: law, Article: 99, Paragraph: 1, Item: 1 + i}}})
	g.items = append(g.items, id)
	return err
}

// party: an enterprise, every fifth a self-employed person, each with a valid-looking
// identifier unique to i.
func (g *gen) addParty(tx *data.Tx, i int) error {
	t := trades[i%len(trades)]
	v := villages[(i/8)%len(villages)]
	p := data.Party{Kind: "org", Name: fmt.Sprintf("%s%s%s%d", v[:len("青石")], prefixes[i%len(prefixes)], t.suffix, i+1),
		CreditCode: fmt.Sprintf("91110105MA%08d", i), LegalRep: name(i), Address: v + strconv.Itoa(1+i%200) + "号",
		Industry: t.industry, Contact: name(i + 7), Phone: fmt.Sprintf("139%08d", i), Village: v}
	if i%5 == 4 {
		p = data.Party{Kind: "person", Name: name(i), IDNumber: fmt.Sprintf("1101051980%08d", i), Address: v,
			Industry: "个体经营", Phone: fmt.Sprintf("137%08d", i), Village: v}
	}
	p.NameInitials = search.Initials(p.Name)
	id, err := tx.InsertParty(p)
	g.party = append(g.party, id)
	g.got.Parties++
	return err
}

func (g *gen) staff(tx *data.Tx, i int) error {
	st := data.Staff{Name: name(i), NameInitials: search.Initials(name(i)), Unit: units[i%len(units)],
		Position: "执法队员", Phone: fmt.Sprintf("138%08d", i)}
	if i%5 < 2 { // two in five are enforcement officers
		st.IsOfficer, st.CertNo, st.CertStatus, st.CertDueOn = true, fmt.Sprintf("11010521%06d", i), "valid", fmt.Sprintf("%d-06-30", g.year+1)
	}
	id, err := tx.InsertStaff(st)
	g.staffs = append(g.staffs, id)
	g.got.Staff++
	return err
}

// The steps of a general case in order; a case has come as far as one of them.
var general = []rules.Step{rules.StepFiled, rules.StepInvestigation, rules.StepNotice, rules.StepStatement,
	rules.StepDecision, rules.StepService, rules.StepPublication, rules.StepPayment, rules.StepClosing}

// kase files case i with its number and the steps up to where it stands: a quarter summary
// procedure (decided and closed), the rest general at every stage, most of them decided.
func (g *gen) kase(tx *data.Tx, i int) error {
	filedDay := mix(i, 330)
	filed := g.day(filedDay)
	officers := name(2*i%max(1, g.want.Staff)) + "、" + name((2*i+1)%max(1, g.want.Staff))
	itemNo := i % len(g.items)
	t := trades[i%len(trades)]
	c := data.Case{Procedure: "general", ItemID: g.items[itemNo], PartyID: g.party[mix(i+1, len(g.party))],
		IssuingBody: g.issuer, Year: g.year, Seq: i + 1, CaseNo: rules.FormatMarked(g.issuer, rules.DocCodes[rules.StepDecision], g.year, "", i+1),
		DiscoveredOn: g.day(filedDay - 2), FiledOn: filed, ViolationOn: g.day(filedDay - 3),
		Title: t.suffix + "未设置明显的安全警示标志", Officers: officers,
		Facts: "经查，该单位在有较大危险因素的生产经营场所和有关设施、设备上未设置明显的安全警示标志，现场共发现" + strconv.Itoa(1+i%5) + "处。"}
	upTo := rules.StepClosing
	decided := filedDay + 20
	if i%4 == 0 {
		c.Procedure, decided = "summary", filedDay
		c.Outcome, c.Fine = "fine", int64(20000+i%5*10000)
	} else {
		upTo = general[i%len(general)]
		c.Outcome, c.Fine = "fine", int64(100000+i%40*100000)
		switch i % 23 {
		case 1:
			c.Outcome, c.Fine = "warning", 0
		case 2:
			c.Outcome, c.Fine = "not_penalised_first", 0
		}
	}
	var steps []data.CaseEvent
	add := func(s rules.Step, on int, payload string) {
		steps = append(steps, data.CaseEvent{Step: string(s), OccurredOn: g.day(on), Officers: officers, Payload: payload})
	}
	reached := func(s rules.Step) bool {
		for _, st := range general {
			if st == s {
				return true
			}
			if st == upTo {
				return false
			}
		}
		return false
	}
	decision := `{"Step":"decision","Outcome":"` + c.Outcome + `","Fine":` + strconv.FormatInt(c.Fine, 10) + `}`
	if c.Procedure == "summary" {
		add(rules.StepFiled, filedDay, "{}")
		add(rules.StepDecision, filedDay, decision)
		add(rules.StepService, filedDay, "{}")
		add(rules.StepPayment, filedDay+1, `{"Amount":`+strconv.FormatInt(c.Fine, 10)+`}`)
		add(rules.StepClosing, filedDay+2, "{}")
		c.Stage, c.DecidedOn, c.ClosedOn = string(rules.StepClosing), filed, g.day(filedDay+2)
	} else {
		for n, s := range general {
			if !reached(s) {
				break
			}
			switch s {
			case rules.StepDecision:
				add(s, decided, decision)
			case rules.StepPayment:
				if c.Fine > 0 {
					add(s, decided+15, `{"Amount":`+strconv.FormatInt(c.Fine, 10)+`}`)
				}
			default:
				add(s, filedDay+n*3, "{}")
			}
			c.Stage = string(s)
		}
		if reached(rules.StepDecision) {
			c.DecidedOn = g.day(decided)
		} else {
			c.Outcome, c.Fine = "", 0
			c.NextDueOn, c.NextDueKind = g.day(filedDay+90), rules.DeadlineDecide // the general procedure's 90 days
		}
		if upTo == rules.StepClosing {
			c.ClosedOn = g.day(decided + 25)
		}
	}
	if c.Outcome != "" {
		c.Major = c.Fine >= 3000000
	}
	id, err := tx.InsertCase(c)
	if err != nil {
		return err
	}
	g.got.Cases++
	if err := tx.ClaimNumber(c.IssuingBody, rules.DocCodes[rules.StepDecision], c.Year, c.Seq, id); err != nil {
		return err
	}
	g.got.Numbers++
	for _, e := range steps {
		e.CaseID = id
		if e.Step == string(rules.StepDecision) {
			e.DocNo = c.CaseNo
		}
		if _, err := tx.InsertCaseEvent(e); err != nil {
			return err
		}
		g.got.Events++
	}
	return nil
}

var sessionTitles = []struct{ title, category, form string }{
	{"《安全生产法》专题学习", "专业法律知识", "集中"}, {"行政处罚法及执法程序培训", "公共法律知识", "集中"},
	{"现场检查与证据固定实务", "执法技能", "集中"}, {"新修订安全生产行政处罚办法解读", "新法专题", "网络"},
	{"党委中心组学法", "党委中心组学法", "以会代训"},
}

// session holds a training session with 30 attendees, a different window of the roster
// each time; one in fifteen leaves after half of it.
func (g *gen) session(tx *data.Tx, j int) error {
	k := sessionTitles[j%len(sessionTitles)]
	hours := []float64{2, 3, 4, 1.5}[j%4]
	id, err := tx.InsertTraining(data.Training{Title: fmt.Sprintf("%s（第%d期）", k.title, j+1), Category: k.category,
		Organiser: "镇应急管理办公室", Trainer: name(j + 11), TrainerUnit: "区应急管理局", HeldOn: g.day(j * 7 % 360),
		StartsAt: "09:00", EndsAt: fmt.Sprintf("%02d:%02d", 9+int(hours), int(hours*60)%60), Place: "镇政府三楼会议室",
		Form: k.form, Hours: hours})
	if err != nil {
		return err
	}
	g.got.Sessions++
	for a := 0; a < attendeesPerSess; a++ {
		at := data.Attendance{TrainingID: id, StaffID: g.staffs[(j*attendeesPerSess+a)%len(g.staffs)], SignedInAt: "08:5" + strconv.Itoa(a%10)}
		if a%15 == 0 {
			half := hours / 2
			at.Hours = &half
		}
		if _, err := tx.InsertAttendance(at); err != nil {
			return err
		}
		g.got.Attendances++
	}
	return nil
}

var activityKinds = []struct{ title, kind, place string }{
	{"安全生产月集中宣传咨询日", "安全生产月", "village"}, {"防灾减灾日应急知识进社区", "防灾减灾日", "community"},
	{"燃气安全进餐饮企业", "进企业", "enterprise"}, {"防溺水与地震逃生演练", "进学校", "school"},
	{"农机与用电安全宣传", "进农村", "village"}, {"应急疏散演练", "应急演练", "enterprise"},
}

func (g *gen) activity(tx *data.Tx, i int) error {
	k := activityKinds[i%len(activityKinds)]
	a := data.Activity{HeldOn: g.day(mix(i+3, 360)), Title: k.title, Type: k.kind, PlaceKind: k.place,
		PlaceName: villages[i%len(villages)], Organisers: "镇应急管理办公室", Partners: "镇司法所", Banners: i % 4,
		Boards: i % 12, Materials: 50 * (i % 20), Consultations: i % 80, People: 30 + i%400, Enterprises: i % 10,
		Cost: int64(i % 300000)}
	if k.kind == "应急演练" || k.place == "school" {
		a.Drills, a.DrillPeople = 1, 40+i%300
	}
	_, err := tx.InsertActivity(a)
	g.got.Activities++
	return err
}

// setupTown sets the generated town up on an empty store, without an administrator.
func setupTown(ctx context.Context, s *data.Store) error {
	town := Town
	town.Since = fmt.Sprintf("%d-01-01", DefaultYear)
	return setup.InitTown(ctx, s, town)
}
