package district

import (
	"context"
	"strconv"
	"strings"
	"time"

	"townledger/app/auth"
	townmail "townledger/app/mail"
	"townledger/app/period"
	"townledger/app/problem"
	"townledger/app/settings"
	"townledger/data"
)

// KeyNoEmail: a town to remind has no e-mail address on the register.
const KeyNoEmail = "district.remind.no_email"

// Reminded is one town a reminder was for.
type Reminded struct {
	Town  data.DistrictTown
	State string   // StateMissing or StateRejected: nothing of the period is in force
	To    []string // the addresses it went to
	Err   error    // why it could not be sent (no address, the mail server's refusal)
}

// DueDate is the day a period's report is due at the district: the report.due_day-th of the
// month after the period ends (the same rule the towns' home pages show).
func DueDate(ctx context.Context, store *data.Store, p string) (time.Time, error) {
	_, to, err := period.Parse(strings.TrimSpace(p))
	if err != nil {
		return time.Time{}, err
	}
	v, err := settings.Get(ctx, store, settings.ReportDueDay)
	if err != nil {
		return time.Time{}, err
	}
	day, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || day < 1 || day > 28 {
		day, _ = strconv.Atoi(settings.Defaults[settings.ReportDueDay])
	}
	next := to.AddDate(0, 0, 1)
	return time.Date(next.Year(), next.Month(), day, 0, 0, 0, 0, time.UTC), nil
}

// Remind mails a polite reminder to every registered town with nothing in force for the
// period (missing, or only rejected versions), at every address it is registered with,
// naming the period and its due date. It returns the towns it was for, each with its
// failure if the mail could not go; one town's failure does not stop the others. Whoever
// may export reports may remind.
func Remind(ctx context.Context, store *data.Store, by auth.Session, a townmail.Account, p string) ([]Reminded, error) {
	if err := by.Require(auth.ExportReports); err != nil {
		return nil, err
	}
	list, err := Status(ctx, store, p)
	if err != nil {
		return nil, err
	}
	from, to, _ := period.Parse(strings.TrimSpace(p))
	canonical := period.Canonical(from, to)
	due, err := DueDate(ctx, store, canonical)
	if err != nil {
		return nil, err
	}
	office, _, err := store.Town(ctx)
	if err != nil {
		return nil, err
	}
	name := officeName(office)
	var out []Reminded
	for _, s := range list {
		if !s.Registered || s.State == StateReceived {
			continue
		}
		r := Reminded{Town: s.Town, State: s.State, To: townmail.Addresses(s.Town.Emails)}
		if len(r.To) == 0 {
			r.Err = problem.New(KeyNoEmail, map[string]any{"Name": s.Town.Name})
			out = append(out, r)
			continue
		}
		sender := a.Sender()
		raw, err := townmail.Compose(townmail.Outgoing{From: sender, FromName: name, To: strings.Join(r.To, ", "),
			Subject: "【催报】" + s.Town.Name + period.ChineseLabel(from, to) + "应急执法工作报表",
			Body:    reminderBody(s, name, period.ChineseLabel(from, to), due),
			Fields: []townmail.Field{{Name: "X-TownLedger-Reminder", Value: canonical},
				{Name: "X-TownLedger-Town", Value: asciiOnly(s.Town.DivisionCode)}},
			MessageID: townmail.NewMessageID(sender)})
		if err == nil {
			err = townmail.Send(ctx, a, r.To, raw)
		}
		if err != nil && ctx.Err() != nil {
			return out, ctx.Err()
		}
		r.Err = err
		out = append(out, r)
	}
	return out, nil
}

// reminderBody is the reminder's text, in Chinese.
func reminderBody(s TownStatus, office, label string, due time.Time) string {
	var b strings.Builder
	b.WriteString(s.Town.Name + "：\n\n")
	b.WriteString("你单位" + label + "应急执法工作报表应于 " + due.Format("2006年1月2日") + " 前报送")
	if s.State == StateRejected {
		b.WriteString("。此前报送的版本已退回，本局目前尚无可采用的版本")
	} else {
		b.WriteString("，本局目前尚未收到")
	}
	b.WriteString("。请在 TownLedger 台账的“数据报送”中导出并发送本期报表；如已发送，请核对收件地址，或忽略本邮件。\n\n谢谢配合！\n\n")
	b.WriteString(office + "\n" + time.Now().Format("2006-01-02") + "\n\n（本邮件由 TownLedger 发送）\n")
	return b.String()
}
