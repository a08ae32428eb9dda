package mail_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"townledger/app/mail"
)

// Every refusal must read well in both languages, with the same template fields.
func TestEveryKeyIsTranslated(t *testing.T) {
	field := regexp.MustCompile(`\{\{\.(\w+)\}\}`)
	tables := map[string]map[string]string{}
	for _, lang := range []string{"zh-Hans", "en"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "assets", "translations", lang+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var tr map[string]string
		if err := json.Unmarshal(data, &tr); err != nil {
			t.Fatal(err)
		}
		tables[lang] = tr
	}
	keys := mail.Keys()
	if len(keys) < 20 {
		t.Fatalf("Keys lists only %d keys", len(keys))
	}
	for _, k := range keys {
		zh, ok1 := tables["zh-Hans"][k]
		en, ok2 := tables["en"][k]
		if !ok1 || !ok2 {
			t.Errorf("%s is not translated (add it to assets/translations/*.json)", k)
			continue
		}
		fields := func(s string) []string {
			var out []string
			for _, m := range field.FindAllStringSubmatch(s, -1) {
				out = append(out, m[1])
			}
			slices.Sort(out)
			return slices.Compact(out)
		}
		if !slices.Equal(fields(zh), fields(en)) {
			t.Errorf("%s: Chinese uses %v, English %v", k, fields(zh), fields(en))
		}
	}
	if len(slices.Compact(slices.Sorted(slices.Values(keys)))) != len(keys) {
		t.Error("Keys lists a key twice")
	}
}
