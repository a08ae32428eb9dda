package rules

import (
	"slices"
	"testing"
	"time"

	"townledger/app/problem"
)

func TestMissingNamesEveryEmptyPartOfTheStep(t *testing.T) {
	on := time.Date(2024, 9, 20, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		ev   Event
		want []string // keys, in order
	}{
		{"nothing at all", Event{}, []string{KeyNoStep, KeyNoDate}},
		{"complete investigation", Event{Step: StepInvestigation, On: on}, nil},
		{"decision without date or outcome", Event{Step: StepDecision}, []string{KeyNoDate, KeyOutcome}},
		{"notice may leave the outcome open", Event{Step: StepNotice, On: on}, nil},
		{"fine without amount", Event{Step: StepNotice, On: on, Outcome: OutcomeFine}, []string{KeyFineMissing}},
		{"other penalty without words", Event{Step: StepDecision, On: on, Outcome: OutcomeOther}, []string{KeyPenaltyText}},
		{"not penalised without follow-up", Event{Step: StepDecision, On: on, Outcome: OutcomeNotPenalisedMinor}, []string{KeyNotPenalisedFollowup}},
		{"hearing not announced", Event{Step: StepHearing, On: on}, []string{KeyHearingUnannounced}},
		{"payment without amount, no date", Event{Step: StepPayment}, []string{KeyNoDate, KeyPaymentAmount}},
		{"extension without approval", Event{Step: StepExtension, On: on}, []string{KeyExtensionLevel}},
		{"void without reason", Event{Step: StepVoid, On: on, Note: "  "}, []string{KeyVoidReason}},
		{"collection without amount or receipt", Event{Step: StepCollection, On: on}, []string{KeyPaymentAmount, KeyCollectionNo}},
		{"deferral without last day or reason", Event{Step: StepDeferral, On: on}, []string{KeyDeferralNoDate, KeyDeferralReason}},
		{"change without reason", Event{Step: StepDecisionChanged, On: on}, []string{KeyChangeReason}},
		{"withdrawal without reason", Event{Step: StepWithdrawal, On: on, Note: " "}, []string{KeyWithdrawReason}},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range Missing(tt.ev) {
			got = append(got, p.Key)
			say(t, "zh-Hans", p)
			say(t, "en", p)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
			continue
		}
		for _, k := range got {
			sawKey(k)
		}
	}
	// Whatever Missing names, Check refuses too.
	for _, tt := range tests {
		if len(tt.want) > 0 && tt.ev.Step != "" && !tt.ev.On.IsZero() {
			if err := Check(general(ev(StepNotice, "2024-09-10")), tt.ev, cal, DefaultParams()); problem.From(err) == nil {
				t.Errorf("%s: Missing names a gap that Check accepts", tt.name)
			}
		}
	}
}
