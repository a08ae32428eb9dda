package locale

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"townledger/app/activityimport"
	"townledger/app/auth"
	"townledger/app/backup"
	"townledger/app/calendarimport"
	"townledger/app/caseimport"
	"townledger/app/cases/rules"
	"townledger/app/catalog"
	"townledger/app/disclosure"
	"townledger/app/district"
	"townledger/app/districtpkg"
	"townledger/app/ids"
	"townledger/app/mail"
	"townledger/app/office"
	"townledger/app/outbox"
	"townledger/app/parties"
	"townledger/app/period"
	"townledger/app/problem"
	"townledger/app/publicity"
	"townledger/app/report"
	"townledger/app/settings"
	"townledger/app/training"
	"townledger/app/trainingimport"
	"townledger/app/workbook"
)

// literalKeys finds translation keys written as string literals in the program's sources:
// arguments of T(...), and refusal keys of app/ packages.
func literalKeys(t *testing.T) []string {
	t.Helper()
	callRE := regexp.MustCompile(`\b(?:T|say)\("([a-z][a-z0-9_.-]*[a-z0-9_])"`)
	refusalRE := regexp.MustCompile(`"((?:auth|setup|demo|perm|settings|cli|db|error|backup|case|import|party)\.[a-z0-9_.]*[a-z0-9_])"`)
	var keys []string
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "dist") {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range callRE.FindAllStringSubmatch(string(src), -1) {
			keys = append(keys, m[1])
		}
		// app/settings holds setting keys ("case.decide_days"), which are no translation keys.
		if slashed := filepath.ToSlash(p); strings.Contains(slashed, "/app/") && !strings.Contains(slashed, "/app/settings/") {
			for _, m := range refusalRE.FindAllStringSubmatch(string(src), -1) {
				if !strings.HasPrefix(m[1], "settings.") || strings.Count(m[1], ".") > 1 {
					keys = append(keys, m[1])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

// dynamicKeys are keys the program builds from codes.
func dynamicKeys() []string {
	keys := append([]string{}, ids.Keys...)
	keys = append(keys, rules.Keys()...)
	keys = append(keys, problem.Keys()...)
	// Every package's refusals, listed by the package itself.
	for _, ks := range [][]string{outbox.Keys(), outbox.ProbeKeys(), mail.Keys(), catalog.Keys(), training.Keys(), parties.Keys(),
		report.Keys(), disclosure.Keys(), publicity.Keys(), period.Keys(), workbook.Keys(), caseimport.Keys(), trainingimport.Keys(),
		activityimport.Keys(), calendarimport.Keys(), backup.Keys(), district.Keys(), district.MailKeys(),
		district.PublishKeys(), district.AnnualKeys(), districtpkg.Keys()} {
		keys = append(keys, ks...)
	}
	for _, k := range settings.PeriodKinds {
		keys = append(keys, "period.kind."+k)
	}
	for _, st := range []string{report.DueOpen, report.DueOverdue, report.DueQueued, report.DueSent, report.DueAcknowledged} {
		keys = append(keys, "home.report."+st)
	}
	for _, st := range []string{office.ExportExported, office.ExportQueued, office.ExportSent, office.ExportAcknowledged, office.ExportRejected} {
		keys = append(keys, "exports.state."+st, "tag."+st)
	}
	for _, k := range []office.ListKind{office.ListCatalog, office.ListCases, office.ListParties, office.ListTrainings,
		office.ListStaff, office.ListActivities, office.ListExports} {
		keys = append(keys, "nav."+string(k), "empty."+string(k))
	}
	for _, r := range auth.Roles {
		keys = append(keys, "role."+string(r))
	}
	for _, l := range settings.Languages {
		keys = append(keys, "lang."+l)
	}
	return append(keys, "tag.grant", "tag.entrust", "tag.org", "tag.person", "tag.valid", "tag.due", "tag.revoked")
}

func TestEveryKeyIsTranslatedInEveryLanguage(t *testing.T) {
	zh, err := Keys("zh-Hans")
	if err != nil {
		t.Fatal(err)
	}
	en, err := Keys("en")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(zh, en) {
		t.Errorf("zh-Hans and en files hold different keys")
	}
	used := append(literalKeys(t), dynamicKeys()...)
	if len(used) < 50 {
		t.Fatalf("found only %d keys in the sources: the scan is broken", len(used))
	}
	for _, k := range used {
		if _, ok := slices.BinarySearch(zh, k); !ok {
			t.Errorf("key %q has no translation", k)
		}
	}
}

func TestUseSwitchesLanguageAndFillsTemplates(t *testing.T) {
	t.Cleanup(func() { Use(Default) })
	if err := Use("zh-Hans"); err != nil {
		t.Fatal(err)
	}
	if got := T("list.count", map[string]any{"N": 3}); got != "共 3 条" {
		t.Errorf("zh list.count = %q", got)
	}
	if got := T("OK"); got != "确定" {
		t.Errorf("Fyne's OK in Chinese = %q, want 确定", got)
	}
	if err := Use("en"); err != nil {
		t.Fatal(err)
	}
	if got := T("list.count", map[string]any{"N": 3}); got != "3 records" {
		t.Errorf("en list.count = %q", got)
	}
	if err := Use("fr"); err == nil {
		t.Error("an unknown language was accepted")
	}
	if Current() != "en" {
		t.Errorf("a refused switch changed the language to %s", Current())
	}
}

func TestErrSaysRefusalsInWords(t *testing.T) {
	t.Cleanup(func() { Use(Default) })
	Use("zh-Hans")
	_, err := ids.ValidateTownCode("1101051")
	if got := Err(err); got != "乡镇区划代码应为9位或12位，实际为7位。" {
		t.Errorf("Err = %q", got)
	}
	if got := Err(&office.StoreError{Kind: office.ErrLocked}); !strings.Contains(got, "被其他程序占用") {
		t.Errorf("locked = %q", got)
	}
}

// The JSON files are the only source of the translations, edited by hand: each stays in one
// canonical form (keys sorted, one per line) so the two languages line up key for key, and
// no text is left empty.
func TestTranslationFilesAreCanonical(t *testing.T) {
	for _, lang := range []string{"zh-Hans", "en"} {
		path := filepath.Join("..", "..", "assets", "translations", lang+".json")
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", " ")
		if err := enc.Encode(m); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(raw, b.Bytes()) {
			t.Errorf("%s is not in canonical form (sorted keys, one-space indent, a final newline); "+
				"rewrite it with: go test ./ui/locale -run TestTranslationFilesAreCanonical -fix-translations", path)
			if *fixTranslations {
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		for k, v := range m {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: %q has no text", path, k)
			}
		}
	}
}

var fixTranslations = flag.Bool("fix-translations", false, "rewrite the translation files in canonical form")

// A value that is itself a key, or a list of them, is said in the language too: verify's
// findings name the table and the changed columns so.
func TestNestedKeysAndListsAreTranslated(t *testing.T) {
	if err := Use("zh-Hans"); err != nil {
		t.Fatal(err)
	}
	defer Use(Default)
	got := T("verify.differs", map[string]any{"Table": problem.New("verify.table.case_file", nil), "Label": "青石镇应急罚〔2026〕1号",
		"Columns": []any{problem.New("verify.col.fine", nil), "number_mark"}, "Seq": 7})
	want := "案件「青石镇应急罚〔2026〕1号」与审计日志不符，被改动的字段：罚款金额、number_mark（日志最后一次记录它是第 7 条）。"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
