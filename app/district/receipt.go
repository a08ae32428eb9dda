package district

import (
	"context"
	"mime"
	"strconv"
	"strings"
	"time"

	townmail "townledger/app/mail"
	"townledger/app/period"
	"townledger/data"
)

// Receipt values of X-TownLedger-Receipt, as the town's program reads them.
const (
	ReceiptAccepted = "accepted"
	ReceiptRejected = "rejected"
)

// receiptWindow is how long a receipt that could not be sent is tried again by later pulls.
const receiptWindow = 30 * 24 * time.Hour

// ReceiptKind is the receipt a received workbook gets: rejected for a refusal, else accepted
// (merged, superseded since, the same content again, or an older version arriving late —
// the town's version was received and kept, and the body says which version is in force).
func ReceiptKind(r data.ReceivedReport) string {
	if r.Outcome == data.ReceivedRejected {
		return ReceiptRejected
	}
	return ReceiptAccepted
}

// receipt is the answer to one town's mail.
type receipt struct {
	to        string // the town's address
	inReplyTo string // its Message-ID, "" when it had none
	subject   string // its subject; "" makes one from the report
	townName  string // the registered town's name, "" when unknown
	report    data.ReceivedReport
	inForce   data.ReceivedReport // the version in force, for a duplicate or a late version
}

// officeName is the district's name as its receipts say it: the agency, else the office.
func officeName(town data.Town) string {
	if n := strings.TrimSpace(town.AgencyName); n != "" {
		return n
	}
	return strings.TrimSpace(town.Name)
}

// periodLabel is a period in Chinese words (2026年第三季度), the period itself when unreadable.
func periodLabel(p string) string {
	from, to, err := period.Parse(p)
	if err != nil {
		return p
	}
	return period.ChineseLabel(from, to)
}

// subject is the receipt's subject: "回复：" and the town's own subject, as a mailer replies.
func (r receipt) subjectLine() string {
	s := strings.TrimSpace(r.subject)
	if s == "" && r.report.Period != "" {
		s = "【数据报送】" + r.townName + "-" + periodLabel(r.report.Period)
		if r.report.Version > 0 {
			s += "-v" + strconv.Itoa(r.report.Version)
		}
	}
	if s == "" {
		s = "数据报送"
	}
	return "回复：" + s
}

// oneLine folds a reason's lines into one, for a header field.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// body is the receipt's text, in Chinese like the town's mail.
func (r receipt) body(office string) string {
	rep := r.report
	var b strings.Builder
	if r.townName != "" {
		b.WriteString(r.townName + "：\n\n")
	}
	what := "报送的邮件"
	if rep.Period != "" {
		what = "报送的" + periodLabel(rep.Period) + "报表"
		if rep.Version > 0 {
			what += "（第 " + strconv.Itoa(rep.Version) + " 版）"
		}
	}
	b.WriteString("本局已收到你单位" + what)
	if rep.FileName != "" {
		b.WriteString("，附件 " + rep.FileName)
	}
	b.WriteString("。\n\n")
	switch rep.Outcome {
	case data.ReceivedRejected:
		b.WriteString("处理结果：退回，未予采用。\n原因：" + oneLine(rep.Reason) + "\n请核实后重新报送。\n")
	case data.ReceivedDuplicate:
		b.WriteString("处理结果：已收到。内容与本局已采用的" + versionWords(r.inForce.Version) + "相同，无需重报。\n")
	case data.ReceivedLate:
		b.WriteString("处理结果：已收到并存档。本局已采用较新的" + versionWords(r.inForce.Version) +
			"，此版本晚于较新版本到达，不再采用。\n")
	default:
		b.WriteString("处理结果：核对无误，已采用为本期报送数据。\n")
	}
	if rep.FileSHA256 != "" {
		b.WriteString("文件校验值（SHA-256）：" + rep.FileSHA256 + "\n")
	}
	b.WriteString("\n" + office + "\n" + time.Now().Format("2006-01-02") + "\n\n（本邮件由 TownLedger 根据收件结果发送）\n")
	return b.String()
}

func versionWords(n int) string {
	if n <= 0 {
		return "版本"
	}
	return "第 " + strconv.Itoa(n) + " 版"
}

// send composes the receipt and mails it from the district's account.
func (r receipt) send(ctx context.Context, a townmail.Account, office string) error {
	from := a.Sender()
	fields := []townmail.Field{}
	if id := strings.Trim(strings.TrimSpace(r.inReplyTo), "<>"); id != "" {
		fields = append(fields, townmail.Field{Name: "In-Reply-To", Value: "<" + id + ">"},
			townmail.Field{Name: "References", Value: "<" + id + ">"})
	}
	kind := ReceiptKind(r.report)
	fields = append(fields, townmail.Field{Name: townmail.FieldReceipt, Value: kind})
	if kind == ReceiptRejected {
		fields = append(fields, townmail.Field{Name: townmail.FieldReason,
			Value: mime.BEncoding.Encode("utf-8", oneLine(r.report.Reason))})
	}
	if r.report.FromTown != "" {
		fields = append(fields, townmail.Field{Name: "X-TownLedger-Town", Value: asciiOnly(r.report.FromTown)})
	}
	if r.report.Period != "" {
		fields = append(fields, townmail.Field{Name: "X-TownLedger-Period", Value: asciiOnly(r.report.Period)})
	}
	if r.report.Version > 0 {
		fields = append(fields, townmail.Field{Name: "X-TownLedger-Version", Value: strconv.Itoa(r.report.Version)})
	}
	raw, err := townmail.Compose(townmail.Outgoing{From: from, FromName: office, To: r.to, Subject: r.subjectLine(),
		Body: r.body(office), Fields: fields, MessageID: townmail.NewMessageID(from)})
	if err != nil {
		return err
	}
	return townmail.Send(ctx, a, []string{r.to}, raw)
}

// asciiOnly keeps a value from a town's workbook fit for a header field.
func asciiOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r >= 0x7f {
			return -1
		}
		return r
	}, s)
}
