package cli

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/zalando/go-keyring"

	"townledger/app/district"
	"townledger/app/districtpkg"
	"townledger/app/mail/mailtest"
	"townledger/app/officetest"
)

// The district's package from the command line: the district (demo catalogue, one town
// registered) tries publish --dry-run, which mails nothing, then publishes; the town's
// package check lists the items the package adds without changing anything, package apply
// applies it, and both then find nothing new (exit 3). The saved .zip edited is refused.
func TestDistrictPublishAndPackageApply(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a demo ledger and runs the mail servers")
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
			district.FieldEmails: mailtest.Town})
	saved := filepath.Join(dir, "package.zip")
	dist.steps([]mailStep{
		{"district init", "", nil, []string{"init", "--town-name", "示范区", "--town-code", "110105001"}, 0, nil, nil},
		{"district demo", "", nil, []string{"demo"}, 0, nil, nil},
		{"publish before any town", "", nil, []string{"district", "publish", "--dry-run"}, 1, nil, []string{"尚未登记辖区乡镇"}},
		{"towns", "", nil, []string{"district", "towns", "import", towns}, 0, nil, nil},
		{"district account", mailtest.DistrictPassword, nil, account(mailtest.District), 0, nil, nil},
		{"dry run", "", nil, []string{"district", "publish", "--dry-run", "--out", saved}, 0,
			[]string{"区局下发包第 1 版", "110105100 青石镇：将发至 " + mailtest.Town, "试运行"}, nil},
		{"publish", mailtest.DistrictPassword, nil, []string{"district", "publish"}, 0,
			[]string{"区局下发包第 1 版", "110105100 青石镇：已发至 " + mailtest.Town, "已向 1 个乡镇下发第 1 版"}, nil},
	})
	if n := len(srv.Inbox(t, mailtest.Town)); n != 1 {
		t.Fatalf("the town's inbox holds %d mails after a dry run and a publication, want 1", n)
	}
	raw, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(dir, "edited.zip")
	if err := os.WriteFile(edited, tamperZip(t, raw), 0o644); err != nil {
		t.Fatal(err)
	}
	town.steps([]mailStep{
		{"town init", "", nil, []string{"init", "--town-name", "青石镇", "--town-code", "110105100"}, 0, nil, nil},
		{"town account", mailtest.TownPassword, nil, append(account(mailtest.Town), "--district", mailtest.District), 0, nil, nil},
		{"check", mailtest.TownPassword, nil, []string{"package", "check"}, 0,
			[]string{"区局下发包第 1 版（示范区", "新增事项", "townledger package apply"}, nil},
		{"edited file", "", nil, []string{"package", "apply", edited}, 1, nil, []string{"SHA-256"}},
		{"apply", mailtest.TownPassword, nil, []string{"package", "apply"}, 0, []string{"新增事项", "已导入区局下发包第 1 版"}, nil},
		{"check again", mailtest.TownPassword, nil, []string{"package", "check"}, 3, []string{"没有新的区局下发包"}, nil},
		{"the saved file again", "", nil, []string{"package", "apply", saved}, 1, nil, []string{"不比已导入的第 1 版新"}},
	})
}

// tamperZip rewrites the rule sets of a package with a space more, its manifest unchanged.
func tamperZip(t *testing.T, raw []byte) []byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == districtpkg.PartRules {
			b = append(b, ' ')
		}
		fw, _ := w.Create(f.Name)
		fw.Write(b)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
