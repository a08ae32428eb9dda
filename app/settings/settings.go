// Package settings names the office's editable settings and their defaults: the law's
// periods and thresholds are data an administrator can change, not constants in code.
package settings

import (
	"context"
	"fmt"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/data"
)

// ModeDistrict is OfficeMode's value for a district (or city) bureau's ledger.
const ModeDistrict = "district"

// Keys of the settings the program reads.
const (
	Language            = "ui.language"               // "zh-Hans" or "en"
	TrainingTargetHours = "training.target_hours"     // yearly 学时 target per officer
	DecideDays          = "case.decide_days"          // days from filing to decision
	DecideExtendedDays  = "case.decide_days_extended" // after the head's approval
	DecideMaxDays       = "case.decide_days_max"      // after the next level's approval
	StatementWorkdays   = "case.statement_workdays"   // 陈述申辩 period
	HearingRequestDays  = "case.hearing_request_workdays"
	ServiceWorkdays     = "case.service_workdays"
	PublishWorkdays     = "case.publish_workdays"
	PaymentDays         = "case.payment_days"
	LimitationYears     = "case.limitation_years"
	LargeFinePerson     = "case.large_fine_person_yuan" // 较大数额, individuals
	LargeFineOrg        = "case.large_fine_org_yuan"    // 较大数额, organisations
	SummaryMaxPerson    = "case.summary_max_person_yuan"
	SummaryMaxOrg       = "case.summary_max_org_yuan"
	PreFilingDays       = "case.prefiling_days"    // an urgent investigation may precede filing by this many days
	RuleSets            = "case.rule_sets"         // the rule sets the district published, as JSON
	LocalLawSince       = "case.local_settings_v2" // set once the stored law defaults became local settings
	ReportDueDay        = "report.due_day"         // day of the next month a report is due
	LedgerSince         = "ledger.since"           // 建账日期: periods that ended before it are not due
	OfficeMode          = "office.mode"            // "town" (or unset) or ModeDistrict
	ReportPeriods       = "report.periods"         // the periods the district wants, e.g. "month,quarter"
	ReportReviewer      = "report.reviewer"        // 审核人 named on the report's cover
)

// Defaults are written at first-run setup. The law's values come from the rule sets.
var Defaults = map[string]string{
	Language:            "zh-Hans",
	TrainingTargetHours: "60",
	ReportDueDay:        "5",
	ReportPeriods:       "month",
	LocalLawSince:       "1", // a new ledger has no old defaults to adopt
}

// LawKeys are the settings by which an office departs from the rule set in force — a
// province's own 较大数额, a local 陈述申辩 period. Empty, they follow the set (app/rulesets).
var LawKeys = []string{DecideDays, DecideExtendedDays, DecideMaxDays, PreFilingDays, StatementWorkdays,
	HearingRequestDays, ServiceWorkdays, PublishWorkdays, PaymentDays, LimitationYears, LargeFinePerson,
	LargeFineOrg, SummaryMaxPerson, SummaryMaxOrg}

// OldLawDefaults are the values earlier versions wrote for every law setting at setup, which
// are therefore no local choice: the set in force gives them now.
var OldLawDefaults = map[string]string{
	DecideDays: "30", DecideExtendedDays: "90", DecideMaxDays: "180", StatementWorkdays: "3",
	HearingRequestDays: "5", ServiceWorkdays: "7", PublishWorkdays: "7", PaymentDays: "15",
	LimitationYears: "2", LargeFinePerson: "10000", LargeFineOrg: "30000", SummaryMaxPerson: "200",
	SummaryMaxOrg: "3000",
}

// Languages the interface offers, default first.
var Languages = []string{"zh-Hans", "en"}

// WriteDefaults stores every default that has no value yet.
func WriteDefaults(ctx context.Context, s *data.Store, tx *data.Tx) error {
	for k, v := range Defaults {
		if _, ok, err := s.Setting(ctx, k); err != nil {
			return err
		} else if ok {
			continue
		}
		if err := tx.SetSetting(k, v); err != nil {
			return fmt.Errorf("default %s: %w", k, err)
		}
	}
	return nil
}

// Get returns a setting or its default.
func Get(ctx context.Context, s *data.Store, key string) (string, error) {
	v, ok, err := s.Setting(ctx, key)
	if err != nil || ok {
		return v, err
	}
	return Defaults[key], nil
}

// LanguageOf returns the interface language; a database that cannot be read yet (first
// start, a locked file) gets the default.
func LanguageOf(ctx context.Context, s *data.Store) string {
	if s == nil {
		return Languages[0]
	}
	v, err := Get(ctx, s, Language)
	if err != nil || v == "" {
		return Languages[0]
	}
	return v
}

// SetLanguage switches the interface language for the whole office.
func SetLanguage(ctx context.Context, s *data.Store, by auth.Session, lang string) error {
	ok := false
	for _, l := range Languages {
		ok = ok || l == lang
	}
	if !ok {
		return problem.New("settings.language.unknown", map[string]any{"Lang": lang})
	}
	return s.Write(ctx, by.Actor(), func(tx *data.Tx) error { return tx.SetSetting(Language, lang) })
}
