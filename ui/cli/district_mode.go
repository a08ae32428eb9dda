package cli

import (
	"context"
	"flag"

	appdistrict "townledger/app/district"
	"townledger/ui/locale"
)

// runDistrictMode says or sets the office's mode (a town's ledger or a district bureau's):
//
//	townledger district mode [town|district]
func runDistrictMode(ctx context.Context, c *call) error {
	pos, err := c.positional("district mode", func(*flag.FlagSet) {})
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usageError{locale.T("cli.district.mode.args")}
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	if len(pos) == 1 {
		if pos[0] != appdistrict.ModeTown && pos[0] != appdistrict.ModeDistrict {
			return usageError{locale.T("cli.district.mode.args")}
		}
		if err := o.District.SetMode(ctx, c.by, pos[0]); err != nil {
			return err
		}
	}
	mode, err := o.District.Mode(ctx)
	if err != nil {
		return err
	}
	c.say("cli.district.mode."+mode, nil)
	return nil
}
