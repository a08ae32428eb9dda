// Package demo fills a database with a realistic demo town: the sample delegated catalogue,
// enterprises, staff, training sessions with attendance and publicity activities. The data
// is generated from a fixed seed, so every demo looks the same.
package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/gofrs/flock"

	"townledger/app/auth"
	"townledger/app/ids"
	"townledger/app/problem"
	"townledger/app/search"
	"townledger/app/settings"
	"townledger/data"
)

// The demo's marks in the settings: loadingKey is set with the demo's records and taken away
// when its cases are complete, in the same transaction that sets loadedKey.
const (
	loadedKey  = "demo.loaded"
	loadingKey = "demo.loading"
)

// KeyBusy refuses a load while another TownLedger is loading the demo into the same ledger.
const KeyBusy = "demo.busy"

// loading is what loadingKey holds: the day the demo is dated from and the enterprises its
// cases are filed against, so a load cut short is finished exactly as it began.
type loading struct {
	Today   string   `json:"today"`
	Parties []string `json:"parties,omitempty"`
}

// pause is a test's hook at the named points of a load; nothing in the program.
var pause = func(point string) {}

// Load fills the database as actor. The town must be set up; loading twice is refused.
//
// A load is all or nothing across a kill or a power cut. The records go in one transaction,
// with a mark; the cases go through the case service, which checks each step under the rules
// in a transaction of its own, so they cannot join it: a load cut short among them leaves the
// mark, and the next Load (or Resume, when the ledger is next opened) finishes it, filing
// only the cases and steps not yet recorded. The demo counts as loaded only once all of it is.
func Load(ctx context.Context, s *data.Store, actor data.Actor, today time.Time) error {
	if _, ok, err := s.Town(ctx); err != nil {
		return err
	} else if !ok {
		return problem.New("demo.no_town", nil)
	}
	unlock, ok, err := lock(s)
	if err != nil {
		return err
	}
	if !ok {
		return problem.New(KeyBusy, nil)
	}
	defer unlock()
	if _, ok, err := s.Setting(ctx, loadedKey); err != nil {
		return err
	} else if ok {
		return problem.New("demo.loaded_already", nil)
	}
	mark, ok, err := readMark(ctx, s)
	if err != nil {
		return err
	}
	if !ok {
		if err := loadRecords(ctx, s, actor, today); err != nil {
			return err
		}
		pause("records loaded")
		if mark, _, err = readMark(ctx, s); err != nil {
			return err
		}
	}
	return finish(ctx, s, actor, mark)
}

// Resume finishes a load cut short (see Load), as the program itself: nothing when none was,
// or while another TownLedger is still loading.
func Resume(ctx context.Context, s *data.Store) error {
	if _, ok, err := s.Setting(ctx, loadingKey); err != nil {
		return err
	} else if !ok {
		// A load killed before its records were in leaves only its lock file.
		if _, err := os.Stat(s.Path() + ".demo-lock"); err == nil {
			if unlock, ok, err := lock(s); err == nil && ok {
				unlock()
			}
		}
		return nil
	}
	unlock, ok, err := lock(s)
	if err != nil || !ok {
		return err
	}
	defer unlock()
	mark, ok, err := readMark(ctx, s)
	if err != nil || !ok {
		return err
	}
	return finish(ctx, s, data.System, mark)
}

// lock keeps one TownLedger loading the demo into a ledger at a time, across processes: a
// lock file beside the database, released when the load ends or its process does.
func lock(s *data.Store) (unlock func(), ok bool, err error) {
	path := s.Path() + ".demo-lock"
	l := flock.New(path)
	ok, err = l.TryLock()
	if err != nil {
		return nil, false, fmt.Errorf("demo lock: %w", err)
	}
	return func() {
		l.Unlock()
		os.Remove(path)
	}, ok, nil
}

func readMark(ctx context.Context, s *data.Store) (loading, bool, error) {
	var m loading
	v, ok, err := s.Setting(ctx, loadingKey)
	if err != nil || !ok {
		return m, false, err
	}
	if err := json.Unmarshal([]byte(v), &m); err != nil {
		return m, false, fmt.Errorf("demo mark %q: %w", v, err)
	}
	return m, true, nil
}

// loadRecords writes every record of the demo but its cases, and the mark, in one transaction.
func loadRecords(ctx context.Context, s *data.Store, actor data.Actor, today time.Time) error {
	g := &gen{r: rand.New(rand.NewPCG(2024, 1)), today: today}
	town, _, err := s.Town(ctx)
	if err != nil {
		return err
	}
	return s.Write(ctx, actor, func(tx *data.Tx) error {
		steps := []func(*data.Tx) error{g.catalog, g.parties, g.staff, g.trainings, g.activities}
		for _, step := range steps {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := step(tx); err != nil {
				return fmt.Errorf("demo data: %w", err)
			}
		}
		// The demo town has kept its ledger since last January, so its reports show the
		// due, overdue and sent states a real town sees.
		since := time.Date(today.Year()-1, 1, 1, 0, 0, 0, 0, time.Local).Format(data.DateLayout)
		if err := tx.SetSetting(settings.LedgerSince, since); err != nil {
			return err
		}
		// The district's numbering for cases decided in its name: its name and the town's mark.
		for k, v := range map[string]string{settings.EntrustIssuer: strings.TrimSuffix(town.DistrictName, "应急管理局"),
			settings.EntrustMark: strings.TrimSuffix(town.ShortName, "镇")} {
			if err := tx.SetSetting(k, v); err != nil {
				return err
			}
		}
		mark, err := json.Marshal(loading{Today: today.Format(data.DateLayout)})
		if err != nil {
			return err
		}
		if err := tx.SetSetting(loadingKey, string(mark)); err != nil {
			return err
		}
		pause("records")
		return nil
	})
}

// finish files the demo's cases not yet filed and then marks the demo loaded.
func finish(ctx context.Context, s *data.Store, actor data.Actor, mark loading) error {
	today, err := time.ParseInLocation(data.DateLayout, mark.Today, time.Local)
	if err != nil {
		return fmt.Errorf("demo mark: %w", err)
	}
	if len(mark.Parties) == 0 {
		// The enterprises the cases are filed against, chosen once and kept in the mark.
		parties, _, err := s.List(ctx, data.ListParties, "", 0, len(demoCases))
		if err != nil {
			return err
		}
		if len(parties) == 0 {
			return errors.New("demo cases need enterprises")
		}
		for _, p := range parties {
			mark.Parties = append(mark.Parties, p.ID)
		}
		b, err := json.Marshal(mark)
		if err != nil {
			return err
		}
		if err := s.Write(ctx, actor, func(tx *data.Tx) error { return tx.SetSetting(loadingKey, string(b)) }); err != nil {
			return err
		}
	}
	if err := loadCases(ctx, s, actor, today, mark.Parties); err != nil {
		return err
	}
	pause("cases loaded")
	return s.Write(ctx, actor, func(tx *data.Tx) error {
		if err := tx.SetSetting(loadedKey, mark.Today); err != nil {
			return err
		}
		return tx.DeleteSetting(loadingKey)
	})
}

// LoadAs is Load for a signed-in user, who must be allowed to.
func LoadAs(ctx context.Context, s *data.Store, by auth.Session, today time.Time) error {
	if err := by.Require(auth.LoadDemo); err != nil {
		return err
	}
	return Load(ctx, s, by.Actor(), today)
}

type gen struct {
	r       *rand.Rand
	today   time.Time
	staffID []string
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// day returns a date in the current year up to today.
func (g *gen) day() string {
	start := time.Date(g.today.Year(), 1, 1, 0, 0, 0, 0, time.Local)
	span := int(g.today.Sub(start).Hours()/24) + 1
	return start.AddDate(0, 0, g.r.IntN(span)).Format(data.DateLayout)
}

func (g *gen) catalog(tx *data.Tx) error {
	from := time.Date(g.today.Year()-1, 1, 1, 0, 0, 0, 0, time.Local).Format(data.DateLayout)
	for _, it := range catalog(from) {
		if _, err := tx.InsertCatalogItem(it); err != nil {
			return err
		}
	}
	return nil
}

var (
	villages   = []string{"青石村", "柳溪村", "红岭村", "上河村", "新桥社区", "南街社区", "东山村", "白沙村"}
	surnames   = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "胡", "郭"}
	givenNames = []string{"伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建国", "海燕", "志刚", "丽华"}
	industries = []struct{ name, suffix string }{
		{"机械制造", "机械加工厂"}, {"餐饮服务", "餐饮店"}, {"建材", "新型建材有限公司"}, {"仓储物流", "物流有限公司"},
		{"加油站", "加油站"}, {"食品加工", "食品有限公司"}, {"家具制造", "家具厂"}, {"纺织", "纺织有限公司"},
		{"化工", "化工有限公司"}, {"商贸", "商贸有限公司"},
	}
	prefixes = []string{"青石", "鑫源", "宏达", "恒泰", "永兴", "华丰", "金鼎", "顺发", "利民", "盛鑫", "福瑞", "长青"}
)

func (g *gen) person() string { return g.pick(surnames) + g.pick(givenNames) }

// creditCode makes a valid code for a company registered in the county.
func (g *gen) creditCode() (string, error) {
	const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	b := []byte("91" + "110105")
	for len(b) < 17 {
		b = append(b, alphabet[g.r.IntN(len(alphabet))])
	}
	c, err := ids.CreditCodeCheckChar(string(b))
	return string(append(b, c)), err
}

func (g *gen) phone() string {
	return fmt.Sprintf("1%d%09d", 3+g.r.IntN(7), g.r.IntN(1e9))
}

func (g *gen) parties(tx *data.Tx) error {
	for i := 0; i < 40; i++ {
		ind := industries[g.r.IntN(len(industries))]
		name := prefixes[i%len(prefixes)] + ind.suffix
		if i >= len(prefixes) {
			name = g.pick(villages)[:len("青石")] + name
		}
		code, err := g.creditCode()
		if err != nil {
			return err
		}
		village := g.pick(villages)
		_, err = tx.InsertParty(data.Party{Kind: "org", Name: name, NameInitials: search.Initials(name), CreditCode: code,
			LegalRep: g.person(), Address: village + fmt.Sprintf("%d号", 1+g.r.IntN(200)), Industry: ind.name,
			Contact: g.person(), Phone: g.phone(), Village: village})
		if err != nil {
			return fmt.Errorf("enterprise %s: %w", name, err)
		}
	}
	for i := 0; i < 6; i++ {
		name := g.person()
		first := fmt.Sprintf("110105%04d%02d%02d%03d", 1960+g.r.IntN(40), 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(1000))
		c, err := ids.IDCheckChar(first)
		if err != nil {
			return err
		}
		_, err = tx.InsertParty(data.Party{Kind: "person", Name: name, NameInitials: search.Initials(name),
			IDNumber: first + string(c), Address: g.pick(villages), Industry: "个体经营", Phone: g.phone(), Village: g.pick(villages)})
		if err != nil {
			return fmt.Errorf("person %s: %w", name, err)
		}
	}
	return nil
}
