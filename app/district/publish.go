package district

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"townledger/app/auth"
	"townledger/app/districtpkg"
	townmail "townledger/app/mail"
	"townledger/app/problem"
	"townledger/data"
)

// Refusals of a publication.
const (
	KeyPublishNoCode  = "district.publish.no_code"  // the office has no division code to sign with
	KeyPublishNoTowns = "district.publish.no_towns" // no town is registered to send it to
	KeyPublishNoItems = "district.publish.no_items" // no catalogue item in force: towns would lose all theirs
)

// PublishKeys lists the publication's translation keys, for the completeness tests.
func PublishKeys() []string { return []string{KeyPublishNoCode, KeyPublishNoTowns, KeyPublishNoItems} }

// Delivery is one town a package was mailed to.
type Delivery struct {
	Town data.DistrictTown
	To   []string // the addresses it went to
	Err  error    // why it could not go (no address, the mail server's refusal)
}

// Published is a package the district built and, unless it was a dry run, mailed.
type Published struct {
	Manifest districtpkg.Manifest
	Package  []byte     // the .zip
	FileName string     // the attachment's name
	Sent     []Delivery // every registered town, in the register's order
	DryRun   bool       // built only: nothing mailed, nothing recorded
}

// Prepare builds the district's next package — version one above the last published, the
// catalogue in force on today, every calendar year, the district's rule sets — and lists
// the registered towns it would go to, without mailing or recording anything.
func Prepare(ctx context.Context, store *data.Store, by auth.Session, today time.Time) (Published, error) {
	var p Published
	if err := by.Require(auth.ManageSettings); err != nil {
		return p, err
	}
	office, _, err := store.Town(ctx)
	if err != nil {
		return p, err
	}
	code := districtpkg.DistrictCode(office.DivisionCode)
	if code == "" {
		code = districtpkg.DistrictCode(office.Code)
	}
	if code == "" {
		return p, problem.New(KeyPublishNoCode, nil)
	}
	if items, err := store.CurrentCatalogItems(ctx, today.Format(data.DateLayout)); err != nil {
		return p, err
	} else if len(items) == 0 {
		return p, problem.New(KeyPublishNoItems, nil)
	}
	last, _, err := store.Setting(ctx, districtpkg.PublishedKey)
	if err != nil {
		return p, fmt.Errorf("read the last package published: %w", err)
	}
	n, _ := strconv.Atoi(strings.TrimSpace(last))
	m := districtpkg.Manifest{Version: n + 1, Issuer: code, IssuerName: officeName(office), Date: today.Format(data.DateLayout)}
	if p.Package, p.Manifest, err = districtpkg.Build(ctx, store, m); err != nil {
		return p, err
	}
	p.FileName = fmt.Sprintf("区局下发-%s-v%d-%s%s", code, m.Version, today.Format("20060102"), districtpkg.FileExt)
	towns, err := Towns(ctx, store)
	if err != nil {
		return p, err
	}
	if len(towns) == 0 {
		return p, problem.New(KeyPublishNoTowns, nil)
	}
	for _, t := range towns {
		d := Delivery{Town: t, To: townmail.Addresses(t.Emails)}
		if len(d.To) == 0 {
			d.Err = problem.New(KeyNoEmail, map[string]any{"Name": t.Name})
		}
		p.Sent = append(p.Sent, d)
	}
	p.DryRun = true
	return p, nil
}

// Publish builds the district's next package (see Prepare), records it — the version
// published, kept in the audit log with its parts' SHA-256 — and mails it to every
// registered town at every address it is registered with: subject 【区局下发】…, header
// X-TownLedger-Package: <version>, the .zip attached. One town's failure does not stop the
// others; each delivery says its own. Only an administrator may publish.
func Publish(ctx context.Context, store *data.Store, by auth.Session, a townmail.Account) (Published, error) {
	return PublishOn(ctx, store, by, a, time.Now())
}

// PublishOn is Publish with the catalogue in force on today (the command line's clock).
func PublishOn(ctx context.Context, store *data.Store, by auth.Session, a townmail.Account, today time.Time) (Published, error) {
	p, err := Prepare(ctx, store, by, today)
	if err != nil {
		return p, err
	}
	p.DryRun = false
	m := p.Manifest
	err = store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		if err := tx.SetSetting(districtpkg.PublishedKey, strconv.Itoa(m.Version)); err != nil {
			return err
		}
		return tx.Event("publish", "district_package", strconv.Itoa(m.Version),
			map[string]any{"issuer": m.Issuer, "date": m.Date, "parts": m.Parts})
	})
	if err != nil {
		return p, err
	}
	sender := a.Sender()
	subject := fmt.Sprintf("%s%s赋权事项目录、节假日与法律参数（第%d版，%s）", districtpkg.SubjectPrefix, m.IssuerName, m.Version, m.Date)
	for i := range p.Sent {
		d := &p.Sent[i]
		if d.Err != nil {
			continue
		}
		raw, err := townmail.Compose(townmail.Outgoing{From: sender, FromName: m.IssuerName, To: strings.Join(d.To, ", "),
			Subject: subject, Body: publishBody(d.Town.Name, m),
			Fields:    []townmail.Field{{Name: townmail.FieldPackage, Value: strconv.Itoa(m.Version)}},
			MessageID: townmail.NewMessageID(sender), AttachmentName: p.FileName, Attachment: p.Package})
		if err == nil {
			err = townmail.Send(ctx, a, d.To, raw)
		}
		if err != nil && ctx.Err() != nil {
			return p, ctx.Err()
		}
		d.Err = err
	}
	return p, nil
}

// publishBody is the package mail's text, in Chinese.
func publishBody(town string, m districtpkg.Manifest) string {
	var b strings.Builder
	b.WriteString(town + "：\n\n")
	b.WriteString("现下发本局赋权事项目录、节假日与调休安排及法律参数（第" + strconv.Itoa(m.Version) + "版，" + m.Date + "）。\n")
	b.WriteString("TownLedger 台账“检查邮件”时会发现本邮件，列出变更内容，经管理员确认后导入；请勿手工修改附件。\n\n")
	b.WriteString(m.IssuerName + "\n" + m.Date + "\n\n（本邮件由 TownLedger 发送）\n")
	return b.String()
}

// Prepare is the package's Prepare on this ledger.
func (v Service) Prepare(ctx context.Context, by auth.Session, today time.Time) (Published, error) {
	return Prepare(ctx, v.store, by, today)
}

// Publish is the package's PublishOn on this ledger.
func (v Service) Publish(ctx context.Context, by auth.Session, a townmail.Account, today time.Time) (Published, error) {
	return PublishOn(ctx, v.store, by, a, today)
}

// The town's side of a package, on this ledger (see districtpkg): the office's District
// service carries both sides of the district's relation with its towns.

// FindPackages is districtpkg.FindPackages on this ledger.
func (v Service) FindPackages(ctx context.Context, a townmail.Account) ([]districtpkg.Found, error) {
	return districtpkg.FindPackages(ctx, v.store, a)
}

// CheckPackage is districtpkg.Acceptable on this ledger.
func (v Service) CheckPackage(ctx context.Context, p districtpkg.Package) error {
	return districtpkg.Acceptable(ctx, v.store, p)
}

// PreviewPackage is districtpkg.Preview on this ledger.
func (v Service) PreviewPackage(ctx context.Context, p districtpkg.Package) (districtpkg.Changes, error) {
	return districtpkg.Preview(ctx, v.store, p)
}

// ApplyPackage is districtpkg.Apply on this ledger.
func (v Service) ApplyPackage(ctx context.Context, by auth.Session, p districtpkg.Package) (districtpkg.Changes, error) {
	return districtpkg.Apply(ctx, v.store, by, p)
}

// AppliedPackage is districtpkg.Applied on this ledger: the issuer and version of the
// district package last applied (0 for none).
func (v Service) AppliedPackage(ctx context.Context) (string, int, error) {
	return districtpkg.Applied(ctx, v.store)
}

// PackageWaiting is districtpkg.Waiting on this ledger: the highest package version the
// district's mail announces above the one applied, from headers alone (0 for none).
func (v Service) PackageWaiting(ctx context.Context, a townmail.Account) (int, error) {
	return districtpkg.Waiting(ctx, v.store, a)
}
