package districtpkg

import (
	"context"
	"sort"
	"strconv"
	"strings"

	townmail "townledger/app/mail"
	"townledger/data"
)

// maxMails bounds how many package mails one check looks at (the newest).
const maxMails = 50

// Found is one package mail from the district.
type Found struct {
	Mail    townmail.Incoming
	Package Package // read and checked when Err is nil
	Err     error   // why it cannot be applied: unreadable, tampered, another district's
}

// FindPackages reads the town's inbox for the district's packages newer than the one last
// applied: mail carrying X-TownLedger-Package, from one of the district's addresses (the
// town's district e-mail setting) only, never an automatic reply. Each is downloaded and
// checked (Open, Acceptable); a refused one is returned with its reason. Mail from anyone
// else, and packages not newer than the one applied, are passed over. Oldest first.
func FindPackages(ctx context.Context, store *data.Store, a townmail.Account) ([]Found, error) {
	town, ok, err := store.Town(ctx)
	if err != nil {
		return nil, err
	}
	senders := map[string]bool{}
	if ok {
		for _, s := range townmail.Addresses(town.DistrictEmail) {
			senders[strings.ToLower(s)] = true
		}
	}
	if len(senders) == 0 {
		return nil, nil
	}
	_, applied, err := Applied(ctx, store)
	if err != nil {
		return nil, err
	}
	in, err := townmail.OpenInbox(ctx, a)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	mails, err := in.Carrying(townmail.FieldPackage, maxMails)
	if err != nil {
		return nil, err
	}
	var out []Found
	for _, m := range mails {
		v, err := strconv.Atoi(m.Field(townmail.FieldPackage))
		if err != nil || m.Automatic || !senders[strings.ToLower(m.From)] || v <= applied {
			continue
		}
		f := Found{Mail: m}
		raw, err := in.Download(m)
		if err != nil {
			return out, err
		}
		att, ok := townmail.FindAttachment(raw, FileExt)
		if !ok {
			f.Err = unreadable(errNoAttachment)
		} else if f.Package, f.Err = Open(ctx, att.Content); f.Err == nil {
			f.Err = Acceptable(ctx, store, f.Package)
		}
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].Package.Manifest.Version < out[j].Package.Manifest.Version
	})
	return out, nil
}

type noAttachment struct{}

func (noAttachment) Error() string { return "no .zip attached" }

var errNoAttachment error = noAttachment{}
