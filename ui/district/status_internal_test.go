package district

import (
	"testing"
	"time"

	appdistrict "townledger/app/district"
	"townledger/app/office"
	"townledger/ui/locale"
)

// A received period is late only when its first version came after the due day; a correction
// sent later is marked corrected, not late.
func TestReceivedCell(t *testing.T) {
	if err := locale.Use("zh-Hans"); err != nil {
		t.Fatal(err)
	}
	due := time.Date(2024, 4, 5, 0, 0, 0, 0, time.UTC)
	at := func(day string) string { // noon local time that day, stamped in UTC as the ledger does
		d, _ := time.ParseInLocation("2006-01-02", day, time.Local)
		return d.Add(12 * time.Hour).UTC().Format("2006-01-02T15:04:05.000Z")
	}
	version := func(n int, day string) office.ReceivedReport {
		return office.ReceivedReport{Version: n, ReceivedAt: at(day), InForce: true}
	}
	for _, tc := range []struct {
		name       string
		st         appdistrict.TownStatus
		state, txt string
	}{
		{"on the due day", appdistrict.TownStatus{InForce: version(1, "2024-04-05")}, CellReceived, "第 1 版"},
		{"a day after", appdistrict.TownStatus{InForce: version(1, "2024-04-06")}, CellLate, "v1 迟报"},
		{"corrected after the due day", appdistrict.TownStatus{InForce: version(2, "2024-05-20"),
			Superseded: []office.ReceivedReport{version(1, "2024-04-02")}}, CellReplaced, "v2 更正"},
		{"late, then corrected", appdistrict.TownStatus{InForce: version(2, "2024-05-20"),
			Superseded: []office.ReceivedReport{version(1, "2024-04-10")}}, CellLate, "v2 迟报"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			state, txt := receivedCell(tc.st, due)
			if state != tc.state || txt != tc.txt {
				t.Errorf("%s %q, want %s %q", state, txt, tc.state, tc.txt)
			}
		})
	}
}
