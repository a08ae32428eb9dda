package cli

import (
	"path/filepath"
	"testing"

	"github.com/zalando/go-keyring"

	"townledger/app/district"
	"townledger/app/mail/mailtest"
	"townledger/app/officetest"
)

// The district's mail from the command line: a town sends its report with send, the
// district's `district pull` takes it in and answers, the town's send --pending sees the
// answer, a second pull finds nothing (exit 3), and `district remind` mails the registered
// town that sent nothing.
func TestDistrictPullMailAndRemind(t *testing.T) {
	if testing.Short() {
		t.Skip("exports a demo town and runs the mail servers")
	}
	keyring.MockInit()
	t.Cleanup(keyring.MockInit)
	srv := mailtest.Start(t)
	dir := t.TempDir()
	town := mailRunner{t: t, srv: srv, db: filepath.Join(dir, "town.db")}
	dist := mailRunner{t: t, srv: srv, db: filepath.Join(dir, "district.db")}
	account := func(from string) []string { return mailSetArgs(srv, from) }
	towns := officetest.Book(t, district.TownsSpec,
		map[string]any{district.FieldName: "青石镇", district.FieldCode: "110105100", district.FieldKind: "乡镇",
			district.FieldEmails: mailtest.Town},
		map[string]any{district.FieldName: "红山乡", district.FieldCode: "110105200", district.FieldKind: "乡镇",
			district.FieldEmails: mailtest.Town})
	town.steps([]mailStep{
		{"town init", "", nil, []string{"init", "--town-name", "青石镇", "--town-code", "110105100"}, 0, nil, nil},
		{"town demo", "", nil, []string{"demo"}, 0, nil, nil},
		{"town account", mailtest.TownPassword, nil, append(account(mailtest.Town), "--district", mailtest.District), 0, nil, nil},
		{"town sends", mailtest.TownPassword, nil, []string{"send", "--period", "2023-Q4"}, 0, nil, nil},
	})
	dist.steps([]mailStep{
		{"district init", "", nil, []string{"init", "--town-name", "示范区", "--town-code", "110105001"}, 0, nil, nil},
		{"pull before any account", mailtest.DistrictPassword, nil, []string{"district", "pull"}, 1, nil,
			[]string{"townledger mail set --from"}},
		{"district account", mailtest.DistrictPassword, nil, account(mailtest.District), 0, nil, nil},
		{"pull before any town", mailtest.DistrictPassword, nil, []string{"district", "pull"}, 1, nil, []string{"尚未登记辖区乡镇"}},
		{"towns", "", nil, []string{"district", "towns", "import", towns}, 0, nil, nil},
		{"pull", mailtest.DistrictPassword, nil, []string{"district", "pull"}, 0,
			[]string{"青石镇_2023-Q4_v1.xlsx：已接收并汇入 —— 青石镇 2023-Q4 第 1 版", "已回复 " + mailtest.Town + "：确认收到", "已收取 1 封邮件"}, nil},
		{"pull again", mailtest.DistrictPassword, nil, []string{"district", "pull"}, 3, []string{"收件箱中没有新的报表邮件"}, nil},
		{"remind without a period", mailtest.DistrictPassword, nil, []string{"district", "remind"}, 2, nil, []string{"district remind --period"}},
		{"remind", mailtest.DistrictPassword, nil, []string{"district", "remind", "--period", "2023-Q4"}, 0,
			[]string{"110105200 红山乡（未报）：已发催报邮件至 " + mailtest.Town, "已向 1 个乡镇发送催报邮件"}, nil},
	})
	town.steps([]mailStep{
		{"the town sees the answer", mailtest.TownPassword, nil, []string{"send", "--pending"}, 0,
			[]string{"区局已回复确认 2023-Q4 第 1 版"}, nil},
	})
	if r := dist.run(mailtest.DistrictPassword, nil, "district", "remind", "--period", "2023-Q4"); r.code != 0 {
		t.Errorf("a second reminder: %+v", r)
	}
}
