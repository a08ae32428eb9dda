package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestDocAndDossierCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.db")
	decision := filepath.Join(dir, "决定书.pdf")
	dossier := filepath.Join(dir, "案卷.pdf")
	// run's clock says 2024-11-20: the demo's first case, filed 75 days before, is closed.
	no := "青石镇应急罚〔2024〕1号"
	steps := []step{
		{"init", []string{"--db", db, "init", "--town-name", "青石镇", "--town-code", "110105100"}, 0, "已完成设置", ""},
		{"demo", []string{"--db", db, "demo"}, 0, "赋权事项 8 项", ""},
		{"no arguments", []string{"--db", db, "doc"}, 2, "", "用法：townledger doc 案号 文书"},
		{"no such case", []string{"--db", db, "doc", "青石镇应急罚〔2024〕99号", "decision"}, 1, "", "没有案号为“青石镇应急罚〔2024〕99号”的案件"},
		{"no such document", []string{"--db", db, "doc", no, "nonsense"}, 2, "", "没有名为“nonsense”的文书"},
		{"a step not recorded", []string{"--db", db, "doc", no, "hearing"}, 2, "", "没有名为“hearing”的文书"},
		{"decision", []string{"--db", db, "doc", no, "decision", "--out", decision}, 0, "已生成行政处罚决定书（单位）", ""},
		{"onto the file just written", []string{"--db", db, "doc", no, "decision", "--out", decision}, 1, "", "文件已存在，不会覆盖"},
		{"by its step, the number typed with other brackets, in English", []string{"--lang", "en", "--db", db, "doc",
			"青石镇应急罚[2024]1号", "service", "--out", filepath.Join(dir, "回执.pdf")}, 0, "kept in the case's record", ""},
		{"dossier without a file", []string{"--db", db, "dossier", no}, 2, "", "用法：townledger dossier 案号 --out 文件"},
		{"dossier", []string{"--db", db, "dossier", no, "--out", dossier}, 0, "已生成案卷", ""},
		{"verify after", []string{"--db", db, "verify"}, 0, "", ""},
	}
	runSteps(t, steps)
	for _, f := range []string{decision, dossier} {
		b, err := os.ReadFile(f)
		if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
			t.Fatalf("%s is no PDF: %v", f, err)
		}
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is not installed (poppler-utils; build/deps.sh office)")
		}
		t.Skip("pdftotext is not installed")
	}
	for f, want := range map[string][]string{decision: {"行政处罚决定书", no, "第1页"}, dossier: {"行政处罚案卷", "卷内目录", "结案审批表", no}} {
		out, err := exec.Command(pdftotext, "-raw", f, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(out)), "")
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: %q missing:\n%s", filepath.Base(f), w, text)
			}
		}
	}
}
