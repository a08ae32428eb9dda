package publicity

import (
	"context"
	"slices"
	"strings"
	"time"

	"townledger/app/period"
	"townledger/data"
)

// Sums are the figures of the activities held in a period, added up; Cost is in fen. (The
// type is not called Totals, which names the function computing it.)
type Sums struct {
	Activities, Banners, Boards, Materials, Consultations, People, Enterprises, Drills, DrillPeople int
	Cost                                                                                            int64
}

func day(t time.Time) string { return t.Format(data.DateLayout) }

// Totals adds up the activities held from from to to (calendar days, both included) in
// one query.
func Totals(ctx context.Context, store *data.Store, from, to time.Time) (Sums, error) {
	s, err := store.ActivityTotals(ctx, day(from), day(to))
	if err != nil {
		return Sums{}, err
	}
	return Sums(s), nil
}

// MonthFigure is one month of a year's series: activities held and people reached.
type MonthFigure struct {
	Activities, People int
}

// Monthly returns year's series by month, January first; months without activities are zero.
func Monthly(ctx context.Context, store *data.Store, year int) ([12]MonthFigure, error) {
	var out [12]MonthFigure
	from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	rows, err := store.ActivityMonths(ctx, day(from), day(from.AddDate(1, 0, -1)))
	if err != nil {
		return out, err
	}
	for _, r := range rows {
		if r.Month >= 1 && r.Month <= 12 {
			out[r.Month-1] = MonthFigure{Activities: r.Activities, People: r.People}
		}
	}
	return out, nil
}

// Target is one of the 五进 targets of safety publicity.
type Target string

// The 五进 targets; towns are expected to reach the first four each year.
const (
	Enterprises Target = "企业"
	Villages    Target = "农村"
	Communities Target = "社区"
	Schools     Target = "学校"
	Families    Target = "家庭"
)

// Targets lists the 五进 targets in their usual order.
var Targets = []Target{Enterprises, Villages, Communities, Schools, Families}

var placeTargets = map[string]Target{"enterprise": Enterprises, "village": Villages, "community": Communities,
	"school": Schools, "family": Families}

// Coverage tells which 五进 targets the activities held in year reached. An activity
// reaches a target by its type (进企业, 进农村, 进社区, 进学校, 进家庭) or by the kind of
// place it was held at (enterprise → 企业, village → 农村, community → 社区, school → 学校,
// family → 家庭), so one activity may reach two targets. A target reached is in the map
// with the distinct place names of the activities that reached it, in the order first
// reached (empty when none was named); a target not reached is absent.
func Coverage(ctx context.Context, store *data.Store, year int) (map[Target][]string, error) {
	from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	places, err := store.ActivityPlaces(ctx, day(from), day(from.AddDate(1, 0, -1)))
	if err != nil {
		return nil, err
	}
	out := map[Target][]string{}
	for _, p := range places {
		var hit []Target
		if t, ok := strings.CutPrefix(p.Type, "进"); ok && slices.Contains(Targets, Target(t)) {
			hit = append(hit, Target(t))
		}
		if t, ok := placeTargets[p.PlaceKind]; ok && !slices.Contains(hit, t) {
			hit = append(hit, t)
		}
		for _, t := range hit {
			names, seen := out[t]
			if !seen {
				names = []string{}
			}
			if p.PlaceName != "" && !slices.Contains(names, p.PlaceName) {
				names = append(names, p.PlaceName)
			}
			out[t] = names
		}
	}
	return out, nil
}

// Sentence renders the sentence a report quotes about the period from–to, e.g.
// "2024年共开展各类宣教活动24场次，制作宣传展板120块，发放宣传资料3500份，受教育群众5000人次".
// It is KeySentence with the data Period (period.Label), Activities, Banners, Boards,
// Materials, People, Drills and DrillPeople; the translations leave out each clause
// whose figure is zero (drill participants go with the drills). A period without
// activities is KeySentenceNone ("2024年未开展宣教活动").
func Sentence(t Sums, from, to time.Time, tr period.Translate) string {
	label := period.Label(from, to, tr)
	if t.Activities == 0 {
		return tr(KeySentenceNone, map[string]any{"Period": label})
	}
	return tr(KeySentence, map[string]any{"Period": label, "Activities": t.Activities, "Banners": t.Banners,
		"Boards": t.Boards, "Materials": t.Materials, "People": t.People, "Drills": t.Drills,
		"DrillPeople": t.DrillPeople})
}
