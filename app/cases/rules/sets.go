package rules

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"townledger/app/problem"
)

// Set is one version of the law's parameters, in force for cases filed from its start date
// on. The work-safety rule was revised (应急管理部令第18号, in force 2026-02-01, replacing 国家安全
// 监管总局令第77号), and cases filed before that day keep the old values (立法法 Art. 104: no
// retroactive effect), so the values are versioned data, not constants.
type Set struct {
	ID     string `json:"id"`     // short and stable: "2015", "2026", or the district's own
	Title  string `json:"title"`  // the rule the values come from, as its text names it
	From   string `json:"from"`   // YYYY-MM-DD: the first filing day the set governs
	Source string `json:"source"` // SourceBuiltin or SourceDistrict
	Params Params `json:"params"`
	// Unconfirmed names the parameters whose value could not be checked against the
	// published text; they carry the previous set's value and show as 待核实.
	Unconfirmed []string `json:"unconfirmed,omitempty"`
}

// Where a set came from.
const (
	SourceBuiltin  = "builtin"  // shipped with the program
	SourceDistrict = "district" // published by the district bureau
)

// Start is the set's first day, in the local zone like every other case date.
func (s Set) Start() time.Time {
	t, _ := time.ParseInLocation("2006-01-02", s.From, time.Local)
	return t
}

// IsUnconfirmed tells whether the value of the named parameter awaits confirmation.
func (s Set) IsUnconfirmed(name string) bool {
	for _, n := range s.Unconfirmed {
		if n == name {
			return true
		}
	}
	return false
}

// Sets are the rule sets an office knows, oldest first.
type Sets []Set

// BuiltinSets are the sets shipped with the program.
//
// 2015: 《安全生产违法行为行政处罚办法》 as amended by 国家安全监管总局令第77号 (in force
// 2015-05-01): 30 days to decide, 90 with the head's approval, 180 with the next level's
// (Art. 30); an urgent investigation filed within 5 days; 较大数额 10,000 yuan for a person
// and 30,000 for a unit where the province sets none (Art. 33). The other values are those of
// 行政处罚法 (2021) and 行政强制法, which neither rule changes.
//
// 2026: 应急管理部令第18号 (published 2025-11-27, in force 2026-02-01). Its text was not at hand
// when this set was made: the values the rule itself sets keep the 2015 ones and are marked
// unconfirmed until the district publishes the checked set.
func BuiltinSets() Sets {
	p := DefaultParams()
	return Sets{
		{ID: "2015", Title: "《安全生产违法行为行政处罚办法》（国家安全监管总局令第77号修正）", From: "2015-05-01",
			Source: SourceBuiltin, Params: p},
		{ID: "2026", Title: "《安全生产违法行为行政处罚办法》（应急管理部令第18号）", From: "2026-02-01",
			Source: SourceBuiltin, Params: p,
			Unconfirmed: []string{"DecideDays", "DecideExtendedDays", "DecideMaxDays", "PreFilingDays", "LargeFinePerson", "LargeFineOrg"}},
	}
}

// For returns the set in force for a case filed on the given day: the latest set starting on
// or before it. A day before every set (or none, for a case not yet filed: today) falls to
// the earliest set or the latest one respectively.
func (ss Sets) For(filed time.Time) Set {
	if len(ss) == 0 {
		return Set{ID: "default", Params: DefaultParams()}
	}
	if filed.IsZero() {
		return ss[len(ss)-1]
	}
	best := ss[0]
	for _, s := range ss {
		if !s.Start().After(day(filed)) {
			best = s
		}
	}
	return best
}

// With returns the sets with s added, replacing a set of the same ID, oldest first.
func (ss Sets) With(s Set) Sets {
	out := make(Sets, 0, len(ss)+1)
	for _, o := range ss {
		if o.ID != s.ID {
			out = append(out, o)
		}
	}
	out = append(out, s)
	sort.SliceStable(out, func(i, j int) bool { return out[i].From < out[j].From })
	return out
}

// Keys of rule-set refusals.
const (
	KeySetInvalid = "case.set.invalid" // Detail
	KeySetValue   = "case.set.value"   // Set, Name
	KeySetFrom    = "case.set.from"    // Set, From
)

// ParseSets reads rule sets as a district publishes them (a JSON list) and checks each: an
// ID, a title, a start date, and every parameter a positive number in a sensible order.
func ParseSets(b []byte) (Sets, error) {
	var in []Set
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return nil, &problem.Error{Key: KeySetInvalid, Data: map[string]any{"Detail": err.Error()}, Err: err}
	}
	var out Sets
	for _, s := range in {
		if err := s.Validate(); err != nil {
			return nil, err
		}
		out = out.With(s)
	}
	return out, nil
}

// Validate checks one set as ParseSets does.
func (s Set) Validate() error {
	if strings.TrimSpace(s.ID) == "" || strings.TrimSpace(s.Title) == "" {
		return problem.New(KeySetInvalid, map[string]any{"Detail": "id, title"})
	}
	if t, err := time.Parse("2006-01-02", s.From); err != nil || t.Format("2006-01-02") != s.From {
		return problem.New(KeySetFrom, map[string]any{"Set": s.Title, "From": s.From})
	}
	for _, f := range ParamFields {
		if v := s.Params.Value(f.Name); v <= 0 || v > 100_000_000_00 {
			return problem.New(KeySetValue, map[string]any{"Set": s.Title, "Name": f.Name})
		}
	}
	p := s.Params
	if p.DecideExtendedDays < p.DecideDays || p.DecideMaxDays < p.DecideExtendedDays {
		return problem.New(KeySetValue, map[string]any{"Set": s.Title, "Name": "DecideExtendedDays"})
	}
	for _, n := range s.Unconfirmed {
		if _, ok := fieldNamed(n); !ok {
			return problem.New(KeySetValue, map[string]any{"Set": s.Title, "Name": n})
		}
	}
	return nil
}

// MarshalSets writes sets in the form ParseSets reads.
func MarshalSets(ss Sets) ([]byte, error) {
	b, err := json.MarshalIndent(ss, "", " ")
	if err != nil {
		return nil, fmt.Errorf("rule sets: %w", err)
	}
	return b, nil
}
