package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"townledger/app/auth"
	townmail "townledger/app/mail"
	"townledger/app/period"
	"townledger/app/problem"
	"townledger/app/report"
	"townledger/data"
)

// lease is how long a claimed entry is held from other processes: longer than one send can
// take with the mail package's per-step timeouts.
const lease = 10 * time.Minute

// backoff is the wait before the next try after a temporary failure.
func backoff(attempts int) time.Duration {
	switch {
	case attempts <= 1:
		return 2 * time.Minute
	case attempts == 2:
		return 10 * time.Minute
	case attempts == 3:
		return 30 * time.Minute
	}
	return 2 * time.Hour
}

// Subject is the fixed subject the district's staff and the reply matching rely on:
// 【数据报送】<town>-<period>-v<n>.
func Subject(townName string, e data.ExportRecord) string {
	from, to, err := period.Parse(e.Period)
	label := e.Period
	if err == nil {
		label = period.ChineseLabel(from, to)
	}
	return "【数据报送】" + townName + "-" + label + "-v" + strconv.Itoa(e.Version)
}

// messageID names an export version's message, the same on every try, so a reply can be
// matched and the district can tell a repeat from a new version.
func messageID(e data.ExportRecord, from string) string {
	domain := "townledger.invalid"
	if at := strings.LastIndexByte(from, '@'); at >= 0 && at < len(from)-1 {
		domain = from[at+1:]
	}
	return "<report-" + e.ID + "@" + domain + ">"
}

// Header fields a program at the district can trust, on every report mail.
const (
	FieldTown        = "X-TownLedger-Town"         // the town's division code
	FieldPeriod      = "X-TownLedger-Period"       // the period, canonical: 2026, 2026-H1, 2026-Q3, 2026-10
	FieldVersion     = "X-TownLedger-Version"      // the version number
	FieldSupersedes  = "X-TownLedger-Supersedes"   // the version number it replaces, when any
	FieldContentHash = "X-TownLedger-Content-Hash" // the content hash written in the workbook
)

// OfficeName is the sender's display name: the agency named in the town record (e.g.
// 青石镇人民政府), else the town's name and 应急办. Setup fills the agency with the town's
// bare name, which says nothing more and is not an office: that counts as none.
func OfficeName(town data.Town) string {
	name := strings.TrimSpace(town.Name)
	if n := strings.TrimSpace(town.AgencyName); n != "" && n != name {
		return n
	}
	return name + "应急办"
}

// AttachmentName is the workbook's name in the mail, whatever the file was called when it
// was written: <town>_<period>_v<n>.xlsx, e.g. 青石镇_2026-10_v2.xlsx, so every town's
// report is told apart at the district.
func AttachmentName(town data.Town, e data.ExportRecord) string {
	name := strings.Map(func(r rune) rune {
		if r < ' ' || strings.ContainsRune(`<>:"/\|?*`, r) {
			return '_'
		}
		return r
	}, strings.TrimSpace(town.Name))
	return name + "_" + e.Period + "_v" + strconv.Itoa(e.Version) + ".xlsx"
}

// DistrictAddresses are the district's addresses from the town record: reports go to all
// of them, and only their answers count. The field may list several, separated by commas
// or semicolons (ASCII or full-width).
func DistrictAddresses(town data.Town) []string { return townmail.Addresses(town.DistrictEmail) }

// supersededVersion is the number of the version e replaces in the district's eyes: the
// newest earlier version of the period the district received (sent, acknowledged or sent
// back); 0 when the district has none.
func supersededVersion(history []data.ExportRecord, e data.ExportRecord) int {
	prev := 0
	for _, h := range history {
		switch h.State {
		case data.ExportSent, data.ExportAcknowledged, data.ExportRejected:
			if h.Period == e.Period && h.ID != e.ID && h.Version < e.Version && h.Version > prev {
				prev = h.Version
			}
		}
	}
	return prev
}

// fields are the program-readable header fields of e's message.
func fields(town data.Town, e data.ExportRecord, supersedes int) []townmail.Field {
	code := strings.TrimSpace(town.DivisionCode)
	if code == "" {
		code = town.Code
	}
	f := []townmail.Field{{Name: FieldTown, Value: code}, {Name: FieldPeriod, Value: e.Period},
		{Name: FieldVersion, Value: strconv.Itoa(e.Version)}}
	if supersedes > 0 {
		f = append(f, townmail.Field{Name: FieldSupersedes, Value: strconv.Itoa(supersedes)})
	}
	return append(f, townmail.Field{Name: FieldContentHash, Value: e.ContentHash})
}

// body is the letter that goes with the workbook, in Chinese like the workbook itself.
func body(town data.Town, e data.ExportRecord, supersedes int) string {
	from, to, _ := period.Parse(e.Period)
	var b strings.Builder
	b.WriteString(town.DistrictName + "：\n\n")
	b.WriteString("现报送" + town.Name + period.ChineseLabel(from, to) + "应急执法工作报表（第 " + strconv.Itoa(e.Version) + " 版")
	if supersedes > 0 {
		b.WriteString("，替代此前报送的第 " + strconv.Itoa(supersedes) + " 版")
	}
	b.WriteString("），请查收。收到后请回复本邮件确认；如需退回重报，请在回复中写明原因。\n\n")
	b.WriteString("附件：" + AttachmentName(town, e) + "\n文件校验值（SHA-256）：" + e.FileSHA256 + "\n内容校验值：" + e.ContentHash + "\n\n")
	b.WriteString(town.Name + "\n" + e.CreatedAt[:10] + "\n\n（本邮件由乡镇应急执法台账 TownLedger 发送）\n")
	return b.String()
}

// Queue puts an exported version in the outbox, to be sent to the district at once. A
// version is queued at most once; a sent one is never sent again.
func Queue(ctx context.Context, s *data.Store, by auth.Session, c Config, exportID string) error {
	if err := by.Require(auth.ExportReports); err != nil {
		return err
	}
	e, err := s.Export(ctx, exportID)
	if err != nil {
		return err
	}
	if !c.Configured() {
		return problem.New(KeyNoAccount, nil)
	}
	town, _, err := s.Town(ctx)
	if err != nil {
		return err
	}
	if len(DistrictAddresses(town)) == 0 {
		return problem.New(KeyNoDistrictEmail, nil)
	}
	err = s.Write(ctx, by.Actor(), func(tx *data.Tx) error { return tx.QueueExport(exportID, messageID(e, c.sender())) })
	if errors.Is(err, data.ErrAlreadyQueued) {
		if e.State == data.ExportSent || e.State == data.ExportAcknowledged || e.State == data.ExportRejected {
			return problem.New(KeyAlreadySent, map[string]any{"Period": e.Period, "Version": e.Version, "SentAt": report.LocalTime(e.SentAt)})
		}
		return problem.New(KeyAlreadyQueued, map[string]any{"Period": e.Period, "Version": e.Version})
	}
	return err
}

// Failure is an entry that did not go out, with why.
type Failure struct {
	Export data.ExportRecord
	Err    error
	Retry  bool // it will be tried again by itself
}

// Outcome is what one pass over the outbox did.
type Outcome struct {
	Sent       []data.ExportRecord
	Failed     []Failure
	CopyFailed []Failure // sent, but the copy could not be filed in the Sent folder
}

// Process sends the outbox entries that are due, through a, and records each result: sent
// only once the mail server accepted the message; otherwise queued for a later try when that
// may help, or waiting for a person (a wrong password, a refused message). Entries being sent
// by another process are left alone.
func Process(ctx context.Context, s *data.Store, by auth.Session, a townmail.Account) (Outcome, error) {
	var out Outcome
	if err := by.Require(auth.ExportReports); err != nil {
		return out, err
	}
	town, _, err := s.Town(ctx)
	if err != nil {
		return out, err
	}
	var items []data.OutboxItem
	err = s.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		until, err := time.Parse(data.TimeLayout, tx.Now())
		if err != nil {
			return err
		}
		items, err = tx.ClaimOutbox(until.Add(lease).Format(data.TimeLayout))
		return err
	})
	if errors.Is(err, data.ErrNoAudit) || len(items) == 0 {
		return out, nil // nothing due
	}
	if err != nil {
		return out, err
	}
	// Results are recorded even when ctx is cancelled half-way: an accepted message must be
	// marked sent, or it would go out again.
	record := context.WithoutCancel(ctx)
	for _, it := range items {
		e := it.Export
		raw, err := compose(ctx, s, town, e, a.Sender())
		if err == nil {
			err = townmail.Send(ctx, a, DistrictAddresses(town), raw)
		}
		if err != nil {
			f := Failure{Export: e, Err: err, Retry: townmail.Temporary(err)}
			next := ""
			if f.Retry {
				next = time.Now().UTC().Add(backoff(it.Attempts)).Format(data.TimeLayout)
			}
			if werr := s.Write(record, by.Actor(), func(tx *data.Tx) error { return tx.OutboxFailed(e.ID, errorText(err), next) }); werr != nil {
				return out, werr
			}
			out.Failed = append(out.Failed, f)
			continue
		}
		if err := recordSent(record, s, by, e.ID); err != nil {
			return out, err
		}
		e.State = data.ExportSent
		out.Sent = append(out.Sent, e)
		if err := townmail.AppendSent(ctx, a, raw); err != nil {
			out.CopyFailed = append(out.CopyFailed, Failure{Export: e, Err: err})
		}
	}
	return out, nil
}

// compose builds the message of an export version from the workbook kept with it.
func compose(ctx context.Context, s *data.Store, town data.Town, e data.ExportRecord, from string) ([]byte, error) {
	content, err := s.ExportFile(ctx, e.ID)
	if data.KindOf(err) == data.ErrNotFound {
		return nil, problem.New(KeyFileMissing, map[string]any{"Period": e.Period, "Version": e.Version})
	}
	if err != nil {
		return nil, err
	}
	history, err := s.Exports(ctx, e.Period)
	if err != nil {
		return nil, err
	}
	supersedes := supersededVersion(history, e) // only a version the district received is superseded
	return townmail.Compose(townmail.Outgoing{From: from, FromName: OfficeName(town),
		To: strings.Join(DistrictAddresses(town), ", "), Subject: Subject(town.Name, e),
		Body: body(town, e, supersedes), MessageID: e.MessageID, Date: time.Now(), Fields: fields(town, e, supersedes),
		AttachmentName: AttachmentName(town, e), Attachment: content})
}

// storedError is a failure as kept in the outbox: the refusal's key and data, so it is shown
// in whatever language the office uses when it is read.
type storedError struct {
	Key  string         `json:"key"`
	Data map[string]any `json:"data,omitempty"`
	Text string         `json:"text,omitempty"`
}

func errorText(err error) string {
	se := storedError{Text: err.Error()}
	if p := problem.From(err); p != nil {
		se = storedError{Key: p.Key, Data: p.Data}
	}
	b, _ := json.Marshal(se)
	return string(b)
}

// LastError turns an entry's stored failure back into an error to show; nil when none.
func LastError(it data.OutboxItem) error {
	if it.LastError == "" {
		return nil
	}
	var se storedError
	if json.Unmarshal([]byte(it.LastError), &se) != nil || se.Key == "" {
		return errors.New(strings.TrimSpace(se.Text + " " + it.LastError))
	}
	return problem.New(se.Key, se.Data)
}

// Retry makes the entries waiting for a person pending again and sends everything due now.
func Retry(ctx context.Context, s *data.Store, by auth.Session, a townmail.Account) (Outcome, error) {
	if err := by.Require(auth.ExportReports); err != nil {
		return Outcome{}, err
	}
	err := s.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		_, err := tx.RetryOutbox()
		return err
	})
	if err != nil && !errors.Is(err, data.ErrNoAudit) {
		return Outcome{}, err
	}
	return Process(ctx, s, by, a)
}

// recordSent marks an accepted message sent. The server has it now, so a database busy with
// another program's write is waited for (up to about half a minute) rather than leaving the
// entry to be sent again once its hold runs out.
func recordSent(ctx context.Context, s *data.Store, by auth.Session, exportID string) error {
	var err error
	for wait := 250 * time.Millisecond; ; wait *= 2 {
		err = s.Write(ctx, by.Actor(), func(tx *data.Tx) error { return tx.OutboxSent(exportID) })
		if data.KindOf(err) != data.ErrLocked || wait > 16*time.Second {
			return err
		}
		time.Sleep(wait)
	}
}
