package districtpkg

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"townledger/app/auth"
	"townledger/app/calendarimport"
	"townledger/app/cases/rules"
	"townledger/app/catalog"
	"townledger/app/problem"
	"townledger/app/settings"
	"townledger/data"
)

// ItemChange is a catalogue item the package gives a new version of.
type ItemChange struct {
	Old data.CatalogItem // the town's current version
	New catalog.Item     // the district's
}

// DayChange is a calendar day the package adds, changes or removes (Old or New empty).
type DayChange struct {
	Day      string
	Old, New data.CalendarDay // Kind "" when absent
}

// Changes is what applying a package would change in a town's ledger.
type Changes struct {
	Added     []catalog.Item     // items the town lacks
	Changed   []ItemChange       // items whose current version differs
	Withdrawn []data.CatalogItem // the town's current items the district no longer lists
	Years     []int              // the calendar years replaced
	Days      []DayChange        // the calendar days that differ, by date
	Sets      []rules.Set        // rule sets new or different
}

// Empty tells whether the package changes nothing.
func (c Changes) Empty() bool {
	return len(c.Added)+len(c.Changed)+len(c.Withdrawn)+len(c.Days)+len(c.Sets) == 0
}

// Applied is the last package a town applied: its issuer and version ("", 0 for none).
func Applied(ctx context.Context, store *data.Store) (issuer string, version int, err error) {
	v, _, err := store.Setting(ctx, AppliedKey)
	if err != nil {
		return "", 0, fmt.Errorf("read the package applied: %w", err)
	}
	issuer, n, _ := strings.Cut(v, ":")
	version, _ = strconv.Atoi(n)
	return issuer, version, nil
}

// expectedIssuer is the district a town's ledger takes packages from: the first 6 digits
// of its division code.
func expectedIssuer(ctx context.Context, store *data.Store) (string, error) {
	town, ok, err := store.Town(ctx)
	if err != nil {
		return "", err
	}
	code := DistrictCode(town.DivisionCode)
	if code == "" {
		code = DistrictCode(town.Code)
	}
	if !ok || code == "" {
		return "", problem.New(KeyNoTown, nil)
	}
	return code, nil
}

// Acceptable refuses a package from another district (KeyIssuer) and one not newer than the
// package last applied (KeyApplied).
func Acceptable(ctx context.Context, store *data.Store, p Package) error {
	want, err := expectedIssuer(ctx, store)
	if err != nil {
		return err
	}
	if p.Manifest.Issuer != want {
		return problem.New(KeyIssuer, map[string]any{"Issuer": p.Manifest.Issuer, "Want": want})
	}
	issuer, applied, err := Applied(ctx, store)
	if err != nil {
		return err
	}
	if issuer == p.Manifest.Issuer && p.Manifest.Version <= applied {
		return problem.New(KeyApplied, map[string]any{"Version": p.Manifest.Version, "Applied": applied})
	}
	return nil
}

// view is what Preview and Apply both read from the town's ledger.
type view struct {
	current  []data.CatalogItem // full versions (references, tiers) in force on the package's date
	days     []data.CalendarDay
	district rules.Sets // the district's sets the town holds
}

type reader interface {
	CurrentCatalogItems(on string) ([]data.CatalogItem, error)
	CatalogItem(id string) (data.CatalogItem, bool, error)
}

func readView(ctx context.Context, store *data.Store, tx reader, on string) (view, error) {
	var v view
	list, err := tx.CurrentCatalogItems(on)
	if err != nil {
		return v, err
	}
	for _, c := range list {
		full, ok, err := tx.CatalogItem(c.ID)
		if err != nil {
			return v, err
		}
		if ok {
			v.current = append(v.current, full)
		}
	}
	if v.days, err = store.CalendarDays(ctx); err != nil {
		return v, err
	}
	stored, err := store.Settings(ctx)
	if err != nil {
		return v, err
	}
	if js := strings.TrimSpace(stored[settings.RuleSets]); js != "" {
		if v.district, err = rules.ParseSets([]byte(js)); err != nil {
			return v, fmt.Errorf("the district's rule sets: %w", err)
		}
	}
	return v, nil
}

func (v view) changes(p Package) (Changes, error) {
	var c Changes
	byCode := map[string]data.CatalogItem{}
	for _, it := range v.current {
		byCode[catalog.NormalizeCode(it.Code)] = it
	}
	listed := map[string]bool{}
	for _, it := range p.Catalog {
		listed[it.Code] = true
		old, ok := byCode[it.Code]
		switch {
		case !ok:
			c.Added = append(c.Added, it)
		case !catalog.Same(old, it):
			c.Changed = append(c.Changed, ItemChange{Old: old, New: it})
		}
	}
	for _, it := range v.current {
		if !listed[catalog.NormalizeCode(it.Code)] {
			c.Withdrawn = append(c.Withdrawn, it)
		}
	}
	c.Years = p.Years
	years := map[string]bool{}
	for _, y := range p.Years {
		years[strconv.Itoa(y)] = true
	}
	old := map[string]data.CalendarDay{}
	for _, d := range v.days {
		if years[d.Day[:4]] {
			old[d.Day] = data.CalendarDay{Day: d.Day, Kind: d.Kind, Name: d.Name}
		}
	}
	for _, d := range p.Calendar {
		o := old[d.Day]
		delete(old, d.Day)
		if o.Kind != d.Kind || o.Name != d.Name {
			c.Days = append(c.Days, DayChange{Day: d.Day, Old: o, New: d})
		}
	}
	for _, o := range old {
		c.Days = append(c.Days, DayChange{Day: o.Day, Old: o})
	}
	sort.Slice(c.Days, func(i, j int) bool { return c.Days[i].Day < c.Days[j].Day })
	for _, s := range p.Sets {
		s.Source = rules.SourceDistrict
		same := false
		for _, h := range v.district {
			if h.ID == s.ID {
				a, err1 := rules.MarshalSets(rules.Sets{h})
				b, err2 := rules.MarshalSets(rules.Sets{s})
				same = err1 == nil && err2 == nil && bytes.Equal(a, b)
			}
		}
		if !same {
			c.Sets = append(c.Sets, s)
		}
	}
	return c, nil
}

// storeReader reads outside a transaction for Preview.
type storeReader struct {
	ctx   context.Context
	store *data.Store
}

func (r storeReader) CurrentCatalogItems(on string) ([]data.CatalogItem, error) {
	return r.store.CurrentCatalogItems(r.ctx, on)
}

func (r storeReader) CatalogItem(id string) (data.CatalogItem, bool, error) {
	return r.store.CatalogItem(r.ctx, id)
}

// Preview says what applying p would change in the town's ledger: catalogue items added,
// changed and withdrawn (against the items in force on the package's date), calendar days
// of the years it covers, and rule sets.
func Preview(ctx context.Context, store *data.Store, p Package) (Changes, error) {
	v, err := readView(ctx, store, storeReader{ctx, store}, p.Manifest.Date)
	if err != nil {
		return Changes{}, err
	}
	return v.changes(p)
}

// Apply applies p to the town's ledger in one transaction, or changes nothing: catalogue
// items are created or revised as the catalogue import versions them (the town's old
// version superseded, in force until the day before the district's takes effect) and the
// items the district no longer lists are withdrawn (recalled) from the package's date; the
// calendar years the package covers are replaced whole, as the calendar import replaces
// them; the district's rule sets are stored as rulesets.Publish stores them. The package's
// version is remembered: the same package, or an older one, or one from another district,
// is refused (see Acceptable). Only an administrator (who may manage settings and edit the
// catalogue) may apply.
func Apply(ctx context.Context, store *data.Store, by auth.Session, p Package) (Changes, error) {
	if err := by.Require(auth.ManageSettings); err != nil {
		return Changes{}, err
	}
	if err := by.Require(auth.EditCatalog); err != nil {
		return Changes{}, err
	}
	if err := Acceptable(ctx, store, p); err != nil {
		return Changes{}, err
	}
	var c Changes
	err := store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		v, err := readView(ctx, store, tx, p.Manifest.Date)
		if err != nil {
			return err
		}
		if c, err = v.changes(p); err != nil {
			return err
		}
		// The catalogue's and the calendar's own writes, in this one transaction.
		for _, it := range c.Added {
			if _, err := catalog.CreateTx(tx, it); err != nil {
				return fmt.Errorf("add item %s: %w", it.Code, err)
			}
		}
		for _, ch := range c.Changed {
			if _, err := catalog.ReviseTx(tx, ch.Old, ch.New); err != nil {
				return fmt.Errorf("revise item %s: %w", ch.New.Code, err)
			}
		}
		reason := fmt.Sprintf("district package %s v%d", p.Manifest.Issuer, p.Manifest.Version)
		for _, old := range c.Withdrawn {
			if err := catalog.RecallTx(tx, old, p.Manifest.Date, reason); err != nil {
				return err
			}
		}
		if len(c.Days) > 0 {
			if err := calendarimport.ReplaceYears(tx, v.days, p.Calendar); err != nil {
				return err
			}
		}
		if len(c.Sets) > 0 {
			district := v.district
			for _, s := range c.Sets {
				district = district.With(s)
			}
			js, err := rules.MarshalSets(district)
			if err != nil {
				return err
			}
			if err := tx.SetSetting(settings.RuleSets, string(js)); err != nil {
				return err
			}
		}
		if err := tx.SetSetting(AppliedKey, fmt.Sprintf("%s:%d", p.Manifest.Issuer, p.Manifest.Version)); err != nil {
			return err
		}
		return tx.Event("apply", "district_package", strconv.Itoa(p.Manifest.Version), map[string]any{
			"issuer": p.Manifest.Issuer, "date": p.Manifest.Date, "parts": p.Manifest.Parts,
			"added": len(c.Added), "changed": len(c.Changed), "withdrawn": len(c.Withdrawn), "days": len(c.Days), "sets": len(c.Sets)})
	})
	if err != nil {
		return Changes{}, err
	}
	return c, nil
}
