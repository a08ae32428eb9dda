package disclosure

import (
	"context"
	"strconv"
	"strings"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/data"
)

// Options are the office's choices for the sheet, as the settings page edits them.
type Options struct {
	TownCreditCode   string // the town agency's 统一社会信用代码, "" until known
	BureauCreditCode string // the district bureau's
	DisplayYears     int    // 公示期限（年）
	IncludeSummary   bool   // publish on-the-spot (简易程序) decisions too
}

// CurrentOptions reads the options, defaults filled in.
func CurrentOptions(ctx context.Context, s *data.Store) (Options, error) {
	stored, err := s.Settings(ctx)
	if err != nil {
		return Options{}, err
	}
	get := func(k string) string {
		if v, ok := stored[k]; ok {
			return strings.TrimSpace(v)
		}
		return Defaults[k]
	}
	o := Options{TownCreditCode: get(SettingTownCreditCode), BureauCreditCode: get(SettingBureauCreditCode),
		IncludeSummary: get(SettingIncludeSummary) == "1"}
	o.DisplayYears, _ = strconv.Atoi(get(SettingDisplayYears))
	return o, nil
}

// SetOptions checks and stores the options: credit codes valid (or empty), a display period
// of 1 to 100 years.
func SetOptions(ctx context.Context, s *data.Store, by auth.Session, o Options) error {
	if err := by.Require(auth.ManageSettings); err != nil {
		return err
	}
	var l problem.List
	town, err := creditCode(SettingTownCreditCode, strings.TrimSpace(o.TownCreditCode))
	if err != nil {
		l = append(l, problem.From(err))
	}
	bureau, err := creditCode(SettingBureauCreditCode, strings.TrimSpace(o.BureauCreditCode))
	if err != nil {
		l = append(l, problem.From(err))
	}
	if _, err := positive(SettingDisplayYears, strconv.Itoa(o.DisplayYears), 100); err != nil {
		l = append(l, problem.From(err))
	}
	if err := l.Err(); err != nil {
		return err
	}
	summary := "0"
	if o.IncludeSummary {
		summary = "1"
	}
	want := map[string]string{SettingTownCreditCode: town, SettingBureauCreditCode: bureau,
		SettingDisplayYears: strconv.Itoa(o.DisplayYears), SettingIncludeSummary: summary}
	current, err := CurrentOptions(ctx, s)
	if err != nil {
		return err
	}
	if current == (Options{TownCreditCode: town, BureauCreditCode: bureau, DisplayYears: o.DisplayYears, IncludeSummary: o.IncludeSummary}) {
		return nil
	}
	return s.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		for k, v := range want {
			if err := tx.SetSetting(k, v); err != nil {
				return err
			}
		}
		return nil
	})
}
