package district

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"townledger/app/auth"
	townmail "townledger/app/mail"
	"townledger/app/period"
	"townledger/app/problem"
	"townledger/data"
)

// Refusal keys of the mail intake.
const (
	KeyNoAttachment = "district.mail.no_attachment" // a town's mail without a workbook
	KeyTooLarge     = "district.mail.too_large"     // a message above townmail.MaxMessage
)

// MailKeys lists the mail intake's translation keys, for the completeness tests.
func MailKeys() []string { return []string{KeyNoAttachment, KeyTooLarge, KeyNoTowns} }

// batch is how many new messages' headers one step reads.
const batch = 100

// MailOutcome is what came of one message in the district's inbox.
type MailOutcome struct {
	Outcome
	Subject   string
	Sender    string // the sender's address
	MessageID string
	// Receipt is the receipt sent in answer (ReceiptAccepted or ReceiptRejected), "" when
	// none was (a stranger's mail, a mail answered before); ReceiptErr says why a receipt
	// could not be sent: the next pull tries again.
	Receipt    string
	ReceiptErr error
	// Retried: a receipt that an earlier pull could not send, sent now; Outcome.Report is
	// the workbook it answers.
	Retried bool
}

// markKey is the setting holding the mailbox's high-water mark: the UIDVALIDITY and the
// highest UID examined, "validity:uid".
func markKey(a townmail.Account) string {
	return "district.mail.seen." + strings.ToLower(strings.TrimSpace(a.Username)+"@"+strings.TrimSpace(a.IMAP.Host))
}

func readMark(ctx context.Context, store *data.Store, key string) (validity, uid uint32, err error) {
	v, ok, err := store.Setting(ctx, key)
	if err != nil || !ok {
		return 0, 0, err
	}
	a, b, _ := strings.Cut(v, ":")
	va, err1 := strconv.ParseUint(a, 10, 32)
	ub, err2 := strconv.ParseUint(b, 10, 32)
	if err1 != nil || err2 != nil {
		return 0, 0, nil
	}
	return uint32(va), uint32(ub), nil
}

// townAddresses are the addresses the registered towns send from: only they are answered.
func townAddresses(towns []data.DistrictTown) map[string]data.DistrictTown {
	out := map[string]data.DistrictTown{}
	for _, t := range towns {
		for _, a := range townmail.Addresses(t.Emails) {
			out[a] = t
		}
	}
	return out
}

// PullMail takes in the towns' workbooks from the district's inbox (the office's mail
// account, opened read-only) and answers each town with a receipt in its thread.
//
// Each message is examined once: a high-water mark of the mailbox's UIDs is kept in the
// settings, and a message whose Message-ID was received before is not downloaded again.
// Automatic replies, bounces, receipts and mail from the district's own address are passed
// over and never answered. A message above townmail.MaxMessage is refused by its size
// without being downloaded; else its first .xlsx attachment goes to Intake, with the mail's
// sender, Message-ID and X-TownLedger-Version. A report mail without a workbook, or too
// large, is recorded as rejected: one carrying the program's X-TownLedger fields, or from a
// registered town's address with 报送 or 报表 in its subject; other mail without a workbook
// (a town's ordinary correspondence too) is the mailbox's business and is left alone. Only the registered towns' addresses are answered: a stranger's workbook is
// recorded as rejected (Intake's refusal) but not answered, so no mail loop can start.
//
// Receipts that an earlier pull could not send (the receipt flag still 0) are sent first,
// for workbooks received in the last 30 days. say puts refusals in words for the record and
// the receipt (see Source.Say).
func PullMail(ctx context.Context, store *data.Store, by auth.Session, a townmail.Account, say func(error) string) ([]MailOutcome, error) {
	if err := by.Require(auth.ExportReports); err != nil {
		return nil, err
	}
	if say == nil {
		say = func(err error) string { return err.Error() }
	}
	towns, err := store.DistrictTowns(ctx)
	if err != nil {
		return nil, err
	}
	if len(towns) == 0 {
		return nil, problem.New(KeyNoTowns, nil)
	}
	known := townAddresses(towns)
	office, _, err := store.Town(ctx)
	if err != nil {
		return nil, err
	}
	p := &puller{store: store, by: by, a: a, say: say, known: known, office: officeName(office)}
	for _, own := range townmail.Addresses(a.Sender() + "," + a.Username) {
		p.own = append(p.own, own)
	}
	out, err := p.retryReceipts(ctx)
	if err != nil {
		return out, err
	}
	fresh, err := p.pull(ctx)
	return append(out, fresh...), err
}

// KeyNoTowns: the district has registered no town, so no mail can be taken in.
const KeyNoTowns = "district.mail.no_towns"

type puller struct {
	store  *data.Store
	by     auth.Session
	a      townmail.Account
	say    func(error) string
	known  map[string]data.DistrictTown
	own    []string
	office string
}

// retryReceipts sends the receipts earlier pulls could not.
func (p *puller) retryReceipts(ctx context.Context) ([]MailOutcome, error) {
	since := time.Now().UTC().Add(-receiptWindow).Format(data.TimeLayout)
	list, err := p.store.ReceivedSince(ctx, since)
	if err != nil {
		return nil, err
	}
	var out []MailOutcome
	for _, r := range list {
		town, ok := p.known[r.Sender]
		if r.Source != data.SourceMail || r.ReceiptSent || r.MessageID == "" || !ok {
			continue
		}
		o := MailOutcome{Outcome: Outcome{File: r.FileName, Result: r.Outcome, Again: true, Report: r, TownName: town.Name},
			Sender: r.Sender, MessageID: r.MessageID, Retried: true}
		if err := p.answer(ctx, &o, "", true); err != nil {
			return out, err
		}
		out = append(out, o)
	}
	return out, nil
}

// answer sends the receipt for o.Report to o.Sender, in the thread of o.MessageID, and
// records it sent when mark is set (the record is this mail's).
func (p *puller) answer(ctx context.Context, o *MailOutcome, subject string, mark bool) error {
	r := o.Report
	town := p.known[o.Sender]
	name := o.TownName
	if name == "" {
		name = town.Name
	}
	rc := receipt{to: o.Sender, inReplyTo: o.MessageID, subject: subject, townName: name, report: r}
	if r.Outcome == data.ReceivedDuplicate || r.Outcome == data.ReceivedLate {
		rc.inForce = o.InForce
		if rc.inForce.ID == "" {
			if all, err := p.store.ReportsInForce(ctx, r.Period); err == nil {
				for _, f := range all {
					if f.FromTown == r.FromTown {
						rc.inForce = f
					}
				}
			}
		}
	}
	if err := rc.send(ctx, p.a, p.office); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		o.ReceiptErr = err
		return nil
	}
	o.Receipt = ReceiptKind(r)
	if !mark || r.ID == "" {
		return nil
	}
	if err := p.store.Write(ctx, p.by.Actor(), func(tx *data.Tx) error { return tx.MarkReceiptSent(r.ID) }); err != nil {
		return err
	}
	o.Report.ReceiptSent = true
	return nil
}

// pull examines the messages above the high-water mark, in UID order.
func (p *puller) pull(ctx context.Context) ([]MailOutcome, error) {
	in, err := townmail.OpenInbox(ctx, p.a)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	key := markKey(p.a)
	validity, mark, err := readMark(ctx, p.store, key)
	if err != nil {
		return nil, err
	}
	if validity != in.UIDValidity() {
		mark = 0 // a new mailbox, or its UIDs were renumbered: Message-IDs still tell what was taken
	}
	start, advance := mark, true
	save := func() error {
		if mark == start && validity == in.UIDValidity() {
			return nil
		}
		v := strconv.FormatUint(uint64(in.UIDValidity()), 10) + ":" + strconv.FormatUint(uint64(mark), 10)
		err := p.store.Write(context.WithoutCancel(ctx), p.by.Actor(), func(tx *data.Tx) error { return tx.SetSetting(key, v) })
		if err != nil && !errors.Is(err, data.ErrNoAudit) {
			return err
		}
		return nil
	}
	var out []MailOutcome
	after := mark
	for {
		msgs, err := in.After(after, batch)
		if err != nil {
			return out, errors.Join(err, save())
		}
		if len(msgs) == 0 {
			break
		}
		for _, m := range msgs {
			after = m.UID
			o, taken, err := p.take(ctx, in, m)
			if err != nil {
				return out, errors.Join(err, save())
			}
			if o.Err != nil && o.Result == "" {
				advance = false // not taken in: the next pull looks at it again
			}
			if advance {
				mark = m.UID
			}
			if taken {
				out = append(out, o)
			}
		}
	}
	return out, save()
}

// take examines one message; taken=false when it is passed over (automatic, our own, a
// stranger's ordinary mail, received before).
func (p *puller) take(ctx context.Context, in *townmail.Inbox, m townmail.Incoming) (MailOutcome, bool, error) {
	o := MailOutcome{Subject: m.Subject, Sender: m.From, MessageID: m.MessageID}
	if m.From == "" || m.Automatic || slices.Contains(p.own, m.From) {
		return o, false, nil
	}
	if m.MessageID != "" {
		if _, ok, err := p.store.ReceivedBefore(ctx, "", m.MessageID, data.SourceMail, m.From); err != nil || ok {
			return o, false, err
		}
	}
	_, answerable := p.known[m.From]
	// A report by its header fields, or a town's mail whose subject speaks of one; a town's
	// other mail is ordinary correspondence, not a report without its workbook.
	ours := m.Field("X-TownLedger-Town") != "" || m.Field("X-TownLedger-Version") != "" ||
		answerable && (strings.Contains(m.Subject, "报送") || strings.Contains(m.Subject, "报表"))
	if m.Size > townmail.MaxMessage {
		if !ours {
			return o, false, nil
		}
		return p.refuse(ctx, o, m, problem.New(KeyTooLarge, map[string]any{"MB": (m.Size + 1<<20 - 1) >> 20,
			"Max": townmail.MaxMessage >> 20}), answerable)
	}
	raw, err := in.Download(m)
	if err != nil {
		return o, false, fmt.Errorf("download the mail %q from %s: %w", m.Subject, m.From, err)
	}
	att, found := townmail.FindWorkbook(raw)
	if !found {
		if !ours {
			return o, false, nil
		}
		return p.refuse(ctx, o, m, problem.New(KeyNoAttachment, map[string]any{"Subject": m.Subject}), answerable)
	}
	version, _ := strconv.Atoi(m.Field("X-TownLedger-Version"))
	res, err := intake(ctx, p.store, p.by, Source{Content: att.Content, FileName: att.Name, Sender: m.From,
		MessageID: m.MessageID, Via: data.SourceMail, Version: version, Say: p.say})
	o.Outcome = res
	if err != nil {
		if ctx.Err() != nil {
			return o, false, ctx.Err()
		}
		o.Result, o.Err = "", err
		return o, true, nil
	}
	if !answerable {
		return o, true, nil
	}
	switch {
	case !res.Again:
		err = p.answer(ctx, &o, m.Subject, true)
	case res.Report.MessageID != m.MessageID || m.MessageID == "":
		// The same file in another mail: this mail is answered too, once.
		err = p.answer(ctx, &o, m.Subject, false)
	}
	return o, true, err
}

// refuse records a town's mail that brought no workbook it could take, and answers it.
func (p *puller) refuse(ctx context.Context, o MailOutcome, m townmail.Incoming, why *problem.Error, answerable bool) (MailOutcome, bool, error) {
	rec := data.ReceivedReport{Source: data.SourceMail, MessageID: m.MessageID, Sender: m.From, FileSize: m.Size,
		FromTown: asciiOnly(m.Field("X-TownLedger-Town")), Outcome: data.ReceivedRejected, Reason: p.say(why)}
	if from, to, err := period.Parse(m.Field("X-TownLedger-Period")); err == nil {
		rec.Period = period.Canonical(from, to)
	}
	rec.Version, _ = strconv.Atoi(m.Field("X-TownLedger-Version"))
	if rec.FromTown == "" {
		rec.FromTown = p.known[m.From].DivisionCode
	}
	err := p.store.Write(ctx, p.by.Actor(), func(tx *data.Tx) error {
		rec.ReceivedAt = tx.Now()
		var err error
		rec.ID, err = tx.InsertReceivedReport(rec)
		return err
	})
	if err != nil {
		return o, false, err
	}
	o.Outcome = Outcome{Result: data.ReceivedRejected, Report: rec, TownName: p.known[m.From].Name, Err: why}
	if answerable {
		err = p.answer(ctx, &o, m.Subject, true)
	}
	return o, true, err
}

// PullMail is the package's PullMail on this ledger.
func (v Service) PullMail(ctx context.Context, by auth.Session, a townmail.Account, say func(error) string) ([]MailOutcome, error) {
	return PullMail(ctx, v.store, by, a, say)
}

// Remind is the package's Remind on this ledger.
func (v Service) Remind(ctx context.Context, by auth.Session, a townmail.Account, p string) ([]Reminded, error) {
	return Remind(ctx, v.store, by, a, p)
}
