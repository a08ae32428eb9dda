package setup

import (
	"context"
	"testing"

	"townledger/app/ids"
	"townledger/app/settings"
)

// A bureau is set up under its own district's or city's code and starts in district mode; a
// town's ledger still needs a town's code.
func TestBureauCode(t *testing.T) {
	for _, tc := range []struct {
		name   string
		town   Town
		key    string // the refusal of the code, "" for none
		code   string
		bureau bool
	}{
		{"district bureau", Town{Name: "示范区应急管理局", DivisionCode: "110105", Bureau: true}, "", "110105", true},
		{"city bureau, 12 digits", Town{Name: "示范市应急管理局", DivisionCode: "110100000000", Bureau: true}, "", "110100", true},
		{"bureau on a town code, as before", Town{Name: "区局", DivisionCode: "110105001", Bureau: true}, "", "110105001", true},
		{"bureau on a province code", Town{Name: "省厅", DivisionCode: "110000", Bureau: true}, ids.KeyAreaLevel, "", false},
		{"town on a district code", Town{Name: "青石镇", DivisionCode: "110105"}, ids.KeyTownLength, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s := openStore(t)
			err := InitTown(ctx, s, tc.town)
			if got := keys(err)[FieldDivisionCode]; got != tc.key {
				t.Fatalf("refusal %q (%v), want %q", got, err, tc.key)
			}
			if tc.key != "" {
				return
			}
			town, _, err := s.Town(ctx)
			if err != nil || town.Code != tc.code {
				t.Errorf("code %q, want %q (%v)", town.Code, tc.code, err)
			}
			mode, _, _ := s.Setting(ctx, settings.OfficeMode)
			if (mode == settings.ModeDistrict) != tc.bureau {
				t.Errorf("mode %q", mode)
			}
		})
	}
}
