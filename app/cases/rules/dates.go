package rules

import "time"

// day is t's calendar day as midnight UTC, so that days compare and subtract exactly.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// daysBetween counts calendar days from a to b (negative when b is earlier).
func daysBetween(a, b time.Time) int64 {
	return int64(day(b).Sub(day(a)) / (24 * time.Hour))
}

// addMonths adds n months the way the law counts them: the same day of the month, or the
// month's last day where it has no such day (2024-08-31 + 6 months = 2025-02-28).
func addMonths(t time.Time, n int) time.Time {
	t = day(t)
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	if d > last {
		d = last
	}
	return time.Date(first.Year(), first.Month(), d, 0, 0, 0, 0, time.UTC)
}

// dateText is how dates appear in refusals and deadlines: 2024-10-08.
func dateText(t time.Time) string { return t.Format("2006-01-02") }

func laterOf(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
