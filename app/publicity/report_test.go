package publicity_test

import (
	"reflect"
	"testing"
	"time"

	"townledger/app/period"
	"townledger/app/publicity"
)

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestTotalsMonthlyAndCoverage(t *testing.T) {
	s := newStore(t)
	add(t, s,
		publicity.Activity{HeldOn: "2024-06-30", Title: "A", Type: "进企业", PlaceName: "宏达机械厂", Boards: 5, Materials: 100, People: 40, Enterprises: 3, Cost: 1000},
		publicity.Activity{HeldOn: "2024-06-01", Title: "B", Type: "讲座", PlaceKind: "village", PlaceName: "东村", Banners: 1, People: 60},
		publicity.Activity{HeldOn: "2024-07-01", Title: "C", Type: "应急演练", PlaceKind: "school", PlaceName: "镇中心小学", Drills: 1, DrillPeople: 300, People: 300, Cost: 500},
		publicity.Activity{HeldOn: "2024-12-31", Title: "D", Type: "进社区", PlaceKind: "community", PlaceName: "和平社区", Boards: 2, Consultations: 15, People: 80},
		publicity.Activity{HeldOn: "2024-12-01", Title: "E", Type: "进企业", PlaceKind: "enterprise", PlaceName: "宏达机械厂", People: 20},
		publicity.Activity{HeldOn: "2024-08-08", Title: "F", Type: "新媒体"},
		publicity.Activity{HeldOn: "2025-01-01", Title: "G", Type: "进家庭", PlaceKind: "family", PlaceName: "李家", People: 5},
	)
	for _, c := range []struct {
		period string
		want   publicity.Sums
	}{
		{"2024-H1", publicity.Sums{Activities: 2, Banners: 1, Boards: 5, Materials: 100, People: 100, Enterprises: 3, Cost: 1000}},
		{"2024-H2", publicity.Sums{Activities: 4, Boards: 2, Consultations: 15, People: 400, Drills: 1, DrillPeople: 300, Cost: 500}},
		{"2024-06", publicity.Sums{Activities: 2, Banners: 1, Boards: 5, Materials: 100, People: 100, Enterprises: 3, Cost: 1000}},
		{"2024-07", publicity.Sums{Activities: 1, People: 300, Drills: 1, DrillPeople: 300, Cost: 500}},
		{"2024-Q4", publicity.Sums{Activities: 2, Boards: 2, Consultations: 15, People: 100}},
		{"2024", publicity.Sums{Activities: 6, Banners: 1, Boards: 7, Materials: 100, Consultations: 15, People: 500, Enterprises: 3, Drills: 1, DrillPeople: 300, Cost: 1500}},
		{"2025", publicity.Sums{Activities: 1, People: 5}},
		{"2023", publicity.Sums{}},
	} {
		from, to, err := period.Parse(c.period)
		if err != nil {
			t.Fatal(err)
		}
		got, err := publicity.Totals(ctx, s, from, to)
		if err != nil || got != c.want {
			t.Errorf("totals %s = %+v, %v; want %+v", c.period, got, err, c.want)
		}
	}

	months, err := publicity.Monthly(ctx, s, 2024)
	if err != nil {
		t.Fatal(err)
	}
	var want [12]publicity.MonthFigure
	want[5] = publicity.MonthFigure{Activities: 2, People: 100}
	want[6] = publicity.MonthFigure{Activities: 1, People: 300}
	want[7] = publicity.MonthFigure{Activities: 1}
	want[11] = publicity.MonthFigure{Activities: 2, People: 100}
	if months != want {
		t.Errorf("monthly 2024 = %+v, want %+v", months, want)
	}

	for _, c := range []struct {
		year int
		want map[publicity.Target][]string
	}{
		// 企业 by type (A, no place kind) and by type and place (E), named once; 农村 and
		// 学校 by place only; 社区 by both.
		{2024, map[publicity.Target][]string{
			publicity.Enterprises: {"宏达机械厂"},
			publicity.Villages:    {"东村"},
			publicity.Schools:     {"镇中心小学"},
			publicity.Communities: {"和平社区"},
		}},
		{2025, map[publicity.Target][]string{publicity.Families: {"李家"}}},
		{2023, map[publicity.Target][]string{}},
	} {
		got, err := publicity.Coverage(ctx, s, c.year)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("coverage %d = %v, %v; want %v", c.year, got, err, c.want)
		}
	}
}

func TestCoverageWithoutPlaceName(t *testing.T) {
	s := newStore(t)
	add(t, s, publicity.Activity{HeldOn: "2024-03-03", Title: "A", Type: "进学校"},
		publicity.Activity{HeldOn: "2024-03-04", Title: "B", Type: "讲座", PlaceKind: "other", PlaceName: "镇政府"})
	got, err := publicity.Coverage(ctx, s, 2024)
	if err != nil || !reflect.DeepEqual(got, map[publicity.Target][]string{publicity.Schools: {}}) {
		t.Errorf("coverage = %#v, %v", got, err)
	}
}

func TestSentenceInChinese(t *testing.T) {
	tr := translator(t, "zh-Hans")
	full := publicity.Sums{Activities: 24, Boards: 120, Materials: 3500, People: 5000}
	for _, c := range []struct {
		name     string
		sums     publicity.Sums
		from, to string
		want     string
	}{
		{"year", full, "2024-01-01", "2024-12-31", "2024年共开展各类宣教活动24场次，制作宣传展板120块，发放宣传资料3500份，受教育群众5000人次"},
		{"first half", full, "2024-01-01", "2024-06-30", "2024年上半年共开展各类宣教活动24场次，制作宣传展板120块，发放宣传资料3500份，受教育群众5000人次"},
		{"second half", publicity.Sums{Activities: 1}, "2024-07-01", "2024-12-31", "2024年下半年共开展各类宣教活动1场次"},
		{"quarter", publicity.Sums{Activities: 3, People: 90}, "2024-07-01", "2024-09-30", "2024年第三季度共开展各类宣教活动3场次，受教育群众90人次"},
		{"month", publicity.Sums{Activities: 2, Banners: 4, Materials: 50}, "2024-07-01", "2024-07-31", "2024年7月共开展各类宣教活动2场次，悬挂宣传横幅4条，发放宣传资料50份"},
		{"drills", publicity.Sums{Activities: 2, Drills: 2, DrillPeople: 300}, "2024-01-01", "2024-12-31", "2024年共开展各类宣教活动2场次，组织应急演练2场次、参演300人次"},
		{"range", publicity.Sums{Activities: 1, Boards: 1}, "2024-03-05", "2024-04-20", "2024-03-05至2024-04-20共开展各类宣教活动1场次，制作宣传展板1块"},
		{"none", publicity.Sums{}, "2024-10-01", "2024-12-31", "2024年第四季度未开展宣教活动"},
	} {
		if got := publicity.Sentence(c.sums, date(c.from), date(c.to), tr); got != c.want {
			t.Errorf("%s: %q\nwant %q", c.name, got, c.want)
		}
	}
	// The English template renders too.
	if got := publicity.Sentence(full, date("2024-07-01"), date("2024-07-31"), translator(t, "en")); got !=
		"In 2024-07, 24 publicity activities were held, 120 display boards shown, 3500 leaflets handed out, 5000 people reached" {
		t.Errorf("en: %q", got)
	}
}
