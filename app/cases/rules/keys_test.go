package rules

import "testing"

// A deadline kind the program does not know (a ledger written elsewhere, an older generator)
// is named as a deadline in general: the window never shows a raw translation key.
func TestDeadlineKeyNamesUnknownKindsInGeneral(t *testing.T) {
	for _, c := range []struct{ kind, want string }{
		{DeadlineDecide, "case.deadline.decide"},
		{DeadlineWithdraw, "case.deadline.withdrawal"},
		{"decision", KeyDeadlineOther},
		{"", KeyDeadlineOther},
	} {
		if got := DeadlineKey(c.kind); got != c.want {
			t.Errorf("DeadlineKey(%q) = %q, want %q", c.kind, got, c.want)
		}
	}
}
