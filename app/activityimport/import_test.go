package activityimport_test

import (
	"context"
	"maps"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"townledger/app/activityimport"
	"townledger/app/auth"
	"townledger/app/officetest"
	"townledger/app/problem"
	"townledger/app/publicity"
	"townledger/app/workbook"
	"townledger/data"
)

var (
	ctx   = context.Background()
	admin = auth.Session{UserID: "u-admin", Username: "admin", Roles: []auth.Role{auth.Admin}}
	today = time.Now()
)

func stored(t *testing.T, s *data.Store) []data.ActivityRow {
	t.Helper()
	items, _, err := s.List(ctx, data.ListActivities, "", 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []data.ActivityRow
	for _, it := range items {
		r, err := s.Activity(ctx, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func month() map[string]any {
	return map[string]any{"held_on": "2024-06-16", "title": "安全生产月咨询日", "type": "安全生产月", "place_kind": "社区",
		"place_name": "青石社区广场", "organisers": "青石镇应急管理办公室", "partners": "青石镇派出所", "banners": 2,
		"boards": "６", "materials": 300, "consultations": 45, "people": 260, "enterprises": 12, "cost": "1,200.5",
		"notes": "现场有奖问答"}
}

func TestImport(t *testing.T) {
	s := newStore(t)
	drill := map[string]any{"held_on": "2024/5/12", "title": "防灾减灾日疏散演练", "type": "应急演练", "place_kind": "学校",
		"place_name": "青石中心小学", "drills": 1, "drill_people": 420}
	n, err := activityimport.Import(ctx, s, admin, book(t, month(), drill), today)
	if err != nil || n.Recorded != 2 || n.Skipped != 0 {
		t.Fatalf("import = %+v, %v", n, err)
	}
	got := stored(t, s)
	if len(got) != 2 {
		t.Fatalf("stored %+v", got)
	}
	// The same sheet again, with one new row: only the new row is added.
	lecture := map[string]any{"held_on": "2024/6/20", "title": "安全生产法宣讲", "type": "安全生产月"}
	again, err := activityimport.Import(ctx, s, admin, book(t, month(), drill, lecture), today)
	if err != nil || again.Recorded != 1 || again.Skipped != 2 || len(stored(t, s)) != 3 {
		t.Fatalf("importing again = %+v, %v; %d stored", again, err, len(stored(t, s)))
	}
	if again, err := activityimport.Import(ctx, s, admin, book(t, month()), today); err != nil || again.Recorded != 0 || again.Skipped != 1 {
		t.Fatalf("importing nothing new = %+v, %v", again, err)
	}
	got = stored(t, s)
	for _, a := range got {
		switch a.Title {
		case "安全生产月咨询日":
			if a.HeldOn != "2024-06-16" || a.Type != "安全生产月" || a.PlaceKind != "community" || a.Boards != 6 ||
				a.Materials != 300 || a.Enterprises != 12 || a.Cost != 120050 || a.Notes != "现场有奖问答" ||
				a.Partners != "青石镇派出所" {
				t.Errorf("stored as %+v", a)
			}
		case "防灾减灾日疏散演练":
			if a.HeldOn != "2024-05-12" || a.PlaceKind != "school" || a.Drills != 1 || a.DrillPeople != 420 || a.Cost != 0 {
				t.Errorf("stored as %+v", a)
			}
		case "安全生产法宣讲": // the row added by the second import
		default:
			t.Errorf("unexpected %+v", a)
		}
	}
}

func TestImportRefusesAndStoresNothing(t *testing.T) {
	s := newStore(t)
	future := today.AddDate(0, 0, 2).Format(data.DateLayout)
	with := func(changes map[string]any) map[string]any {
		r := month()
		maps.Copy(r, changes)
		return r
	}
	cases := []struct {
		name string
		rows []map[string]any
		want []string
	}{
		{"unknown type", []map[string]any{month(), with(map[string]any{"type": "广场舞", "title": "另一场"})},
			[]string{"3|活动类型|" + activityimport.KeyTypeUnknown}},
		{"negative count", []map[string]any{with(map[string]any{"materials": -5})},
			[]string{"2|发放资料（份）|" + publicity.KeyCountInvalid}},
		{"not a count", []map[string]any{with(map[string]any{"people": "很多"}), with(map[string]any{"boards": 1.5, "title": "乙"})},
			[]string{"2|受教育群众（人次）|" + activityimport.KeyNotCount, "3|展板（块）|" + activityimport.KeyNotCount}},
		{"future date", []map[string]any{with(map[string]any{"held_on": future})},
			[]string{"2|日期|" + publicity.KeyHeldOnFuture}},
		{"bad date", []map[string]any{with(map[string]any{"held_on": "六月"})}, []string{"2|日期|" + workbook.KeyBadDate}},
		{"missing title", []map[string]any{with(map[string]any{"title": nil})}, []string{"2|活动名称|" + workbook.KeyRequired}},
		{"missing type", []map[string]any{with(map[string]any{"type": nil})}, []string{"2|活动类型|" + workbook.KeyRequired}},
		{"bad place kind", []map[string]any{with(map[string]any{"place_kind": "广场"})}, []string{"2|场所类型|" + workbook.KeyChoice}},
		{"drill people without drills", []map[string]any{with(map[string]any{"drill_people": 30})},
			[]string{"2|演练参与（人次）|" + publicity.KeyDrillPeople}},
		{"negative cost", []map[string]any{with(map[string]any{"cost": "-100"})}, []string{"2|经费（元）|" + publicity.KeyCostNegative}},
		{"bad cost", []map[string]any{with(map[string]any{"cost": "12.345"})}, []string{"2|经费（元）|" + activityimport.KeyNotMoney}},
		{"too long", []map[string]any{with(map[string]any{"title": strings.Repeat("长", publicity.MaxLen[publicity.FieldTitle]+1)})},
			[]string{"2|活动名称|" + workbook.KeyTooLong}},
		{"repeated", []map[string]any{month(), month()}, []string{"3|活动名称|" + activityimport.KeyRepeated}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := activityimport.Import(ctx, s, admin, book(t, c.rows...), today)
			probs := refused(t, err, c.want...)
			if got := stored(t, s); len(got) != 0 {
				t.Errorf("a refused file stored %+v", got)
			}
			if c.name == "unknown type" && len(probs) == 1 &&
				probs[0].Data["Types"] != strings.Join(publicity.DefaultTypes, "、") {
				t.Errorf("types offered: %v", probs[0].Data["Types"])
			}
		})
	}
}

func TestImportFollowsTheOfficesTypes(t *testing.T) {
	s := newStore(t)
	if err := publicity.SetTypes(ctx, s, admin, []string{"广场舞", "讲座"}); err != nil {
		t.Fatal(err)
	}
	r := month()
	_, err := activityimport.Import(ctx, s, admin, book(t, r), today)
	probs := refused(t, err, "2|活动类型|"+activityimport.KeyTypeUnknown)
	if len(probs) == 1 && probs[0].Data["Types"] != "广场舞、讲座" {
		t.Errorf("types offered: %v", probs[0].Data["Types"])
	}
	r["type"] = "广场舞"
	if n, err := activityimport.Import(ctx, s, admin, book(t, r), today); err != nil || n.Recorded != 1 {
		t.Fatalf("import = %+v, %v", n, err)
	}
}

func TestTemplateRoundTrip(t *testing.T) {
	s := newStore(t)
	path := filepath.Join(t.TempDir(), "宣传活动.xlsx")
	if err := workbook.WriteTemplate(activityimport.Spec, path); err != nil {
		t.Fatal(err)
	}
	// The template holds only its example row, which imports skip.
	_, err := activityimport.Import(ctx, s, admin, path, today)
	if p := problem.From(err); p == nil || p.Key != workbook.KeyEmpty {
		t.Errorf("importing the empty template: %v", err)
	}
}

func TestImportNeedsTheRight(t *testing.T) {
	s := newStore(t)
	trainer := auth.Session{UserID: "u-li", Roles: []auth.Role{auth.Trainer}}
	if _, err := activityimport.Import(ctx, s, trainer, book(t, month()), today); err == nil {
		t.Error("a trainer imported activities")
	}
	publicist := auth.Session{UserID: "u-sun", Roles: []auth.Role{auth.Publicist}}
	if n, err := activityimport.Import(ctx, s, publicist, book(t, month()), today); err != nil || n.Recorded != 1 {
		t.Errorf("a publicist's import = %+v, %v", n, err)
	}
}

func newStore(t *testing.T) *data.Store { return officetest.NewStore(t) }

func refused(t *testing.T, err error, want ...string) []workbook.Problem {
	t.Helper()
	return officetest.Refused(t, err, want...)
}

// book writes an activities workbook, one row per map of column name to cell value.
func book(t *testing.T, rows ...map[string]any) string {
	t.Helper()
	return officetest.Book(t, activityimport.Spec, rows...)
}
