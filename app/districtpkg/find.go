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
	var out []Found
	err := withCandidates(ctx, store, a, func(in *townmail.Inbox, mails []townmail.Incoming) error {
		for _, m := range mails {
			f := Found{Mail: m}
			raw, err := in.Download(m)
			if err != nil {
				return err
			}
			att, ok := townmail.FindAttachment(raw, FileExt)
			if !ok {
				f.Err = unreadable(errNoAttachment)
			} else if f.Package, f.Err = Open(ctx, att.Content); f.Err == nil {
				f.Err = Acceptable(ctx, store, f.Package)
			}
			out = append(out, f)
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].Package.Manifest.Version < out[j].Package.Manifest.Version
	})
	return out, err
}

// Waiting is the highest package version the district's mail announces above the one
// applied (0 for none), from the messages' headers alone: the window's quiet mail check
// asks it every few minutes and downloads nothing.
func Waiting(ctx context.Context, store *data.Store, a townmail.Account) (int, error) {
	best := 0
	err := withCandidates(ctx, store, a, func(_ *townmail.Inbox, mails []townmail.Incoming) error {
		for _, m := range mails {
			v, _ := strconv.Atoi(m.Field(townmail.FieldPackage))
			best = max(best, v)
		}
		return nil
	})
	return best, err
}

// withCandidates calls use with the inbox and its package mails worth a look: carrying
// X-TownLedger-Package with a version above the one applied, from one of the district's
// addresses (the town's district e-mail setting), never an automatic reply.
func withCandidates(ctx context.Context, store *data.Store, a townmail.Account,
	use func(*townmail.Inbox, []townmail.Incoming) error) error {
	town, ok, err := store.Town(ctx)
	if err != nil {
		return err
	}
	senders := map[string]bool{}
	if ok {
		for _, s := range townmail.Addresses(town.DistrictEmail) {
			senders[strings.ToLower(s)] = true
		}
	}
	if len(senders) == 0 {
		return nil
	}
	_, applied, err := Applied(ctx, store)
	if err != nil {
		return err
	}
	in, err := townmail.OpenInbox(ctx, a)
	if err != nil {
		return err
	}
	defer in.Close()
	mails, err := in.Carrying(townmail.FieldPackage, maxMails)
	if err != nil {
		return err
	}
	var worth []townmail.Incoming
	for _, m := range mails {
		v, err := strconv.Atoi(m.Field(townmail.FieldPackage))
		if err == nil && !m.Automatic && senders[strings.ToLower(m.From)] && v > applied {
			worth = append(worth, m)
		}
	}
	return use(in, worth)
}

type noAttachment struct{}

func (noAttachment) Error() string { return "no .zip attached" }

var errNoAttachment error = noAttachment{}
