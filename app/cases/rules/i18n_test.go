package rules

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"text/template"

	"townledger/app/problem"
)

var (
	translationsOnce sync.Once
	translations     map[string]map[string]string // language → key → text
)

// loadTranslations reads assets/translations/*.json, the one source of the interface texts.
func loadTranslations(t *testing.T) map[string]map[string]string {
	t.Helper()
	translationsOnce.Do(func() {
		translations = map[string]map[string]string{}
		for _, lang := range []string{"zh-Hans", "en"} {
			b, err := os.ReadFile(filepath.Join("..", "..", "..", "assets", "translations", lang+".json"))
			if err != nil {
				continue
			}
			m := map[string]string{}
			if json.Unmarshal(b, &m) == nil {
				translations[lang] = m
			}
		}
	})
	if len(translations) != 2 {
		t.Fatal("cannot read assets/translations")
	}
	return translations
}

// say renders a refusal in a language, failing on a missing key or template field.
func say(t *testing.T, lang string, pe *problem.Error) string {
	t.Helper()
	text, ok := loadTranslations(t)[lang][pe.Key]
	if !ok {
		t.Fatalf("%s has no %s translation", pe.Key, lang)
	}
	tpl, err := template.New(pe.Key).Option("missingkey=error").Parse(text)
	if err != nil {
		t.Fatalf("%s (%s): %v", pe.Key, lang, err)
	}
	var b strings.Builder
	if err := tpl.Execute(&b, pe.Data); err != nil {
		t.Fatalf("%s (%s) with %v: %v", pe.Key, lang, pe.Data, err)
	}
	return b.String()
}

func TestEveryKeyIsTranslated(t *testing.T) {
	tr := loadTranslations(t)
	keys := Keys()
	for _, k := range keys {
		for lang, m := range tr {
			if m[k] == "" {
				t.Errorf("%s: no %s translation", k, lang)
			}
		}
	}
	// And nothing in this package's namespaces is translated without being used.
	for k := range tr["zh-Hans"] {
		if strings.HasPrefix(k, "case.") && !slices.Contains(keys, k) {
			t.Errorf("%s is translated but rules does not name it", k)
		}
	}
}

func TestRefusalsReadWell(t *testing.T) {
	err := CheckFine(item5, &TierRange{Name: "三阶", Unit: Range{i64(yuan(20_000)), i64(yuan(30_000))}}, PartyOrg, yuan(60_000), true)
	pe := problem.From(err)
	if got := say(t, "zh-Hans", pe); got != "罚款 60,000.00 元超出所选阶次「三阶」的范围 20,000.00–30,000.00 元。" {
		t.Errorf("zh = %q", got)
	}
	if got := say(t, "en", pe); got != "A fine of 60,000.00 yuan is above the range of the chosen tier “三阶”, 20,000.00–30,000.00 yuan." {
		t.Errorf("en = %q", got)
	}
	// Below the tier is said to be below, never to "exceed" it.
	pe = problem.From(CheckFine(item5, &TierRange{Name: "三阶", Unit: Range{i64(yuan(20_000)), i64(yuan(30_000))}}, PartyOrg, yuan(15_000), false))
	if got := say(t, "zh-Hans", pe); got != "罚款 15,000.00 元低于所选阶次「三阶」的范围 20,000.00–30,000.00 元。" {
		t.Errorf("zh = %q", got)
	}
	c := general(ev(StepNotice, "2024-09-27", fine(20_000)))
	pe = problem.From(Check(c, ev(StepDecision, "2024-10-08", fine(20_000)), cal, DefaultParams()))
	if got := say(t, "zh-Hans", pe); got != "告知书于 2024-09-27 送达，陈述申辩期至 2024-10-08 届满；当事人未陈述申辩或书面放弃的，期满前不能作出决定。" {
		t.Errorf("zh = %q", got)
	}
}
