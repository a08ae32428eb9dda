package publicity_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"text/template"

	"townledger/app/auth"
	"townledger/app/officetest"
	"townledger/app/period"
	"townledger/app/publicity"
	"townledger/data"
)

var (
	ctx       = context.Background()
	admin     = auth.Session{UserID: "u-admin", Username: "admin", Roles: []auth.Role{auth.Admin}}
	publicist = auth.Session{UserID: "u-sun", Username: "sun", Roles: []auth.Role{auth.Publicist}}
	trainer   = auth.Session{UserID: "u-zhao", Username: "zhao", Roles: []auth.Role{auth.Trainer}}
)

func newStore(t *testing.T) *data.Store { return officetest.NewStore(t) }

// add saves activities as the publicist and fails the test on any refusal.
func add(t *testing.T, s *data.Store, acts ...publicity.Activity) []string {
	t.Helper()
	ids := make([]string, len(acts))
	for i, a := range acts {
		id, err := publicity.Save(ctx, s, publicist, a)
		if err != nil {
			t.Fatalf("save %s: %v", a.Title, err)
		}
		ids[i] = id
	}
	return ids
}

func translations(t *testing.T, lang string) map[string]string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "assets", "translations", lang+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// translator renders keys from a translation file with text/template.
func translator(t *testing.T, lang string) period.Translate {
	m := translations(t, lang)
	return func(key string, d map[string]any) string {
		src, ok := m[key]
		if !ok {
			t.Errorf("%s: no translation for %q", lang, key)
			return key
		}
		tpl, err := template.New(key).Parse(src)
		if err != nil {
			t.Fatalf("%s %s: %v", lang, key, err)
		}
		var b strings.Builder
		if err := tpl.Execute(&b, d); err != nil {
			t.Fatalf("%s %s: %v", lang, key, err)
		}
		return b.String()
	}
}

func refused(t *testing.T, what string, err error, want, field string) {
	t.Helper()
	ks, fields := officetest.Keys(err)
	i := slices.Index(ks, want)
	if i < 0 {
		t.Errorf("%s: got %v, want %s", what, err, want)
		return
	}
	if field != "" && fields[i] != field {
		t.Errorf("%s: %s on field %q, want %q", what, want, fields[i], field)
	}
	if !slices.Contains(publicity.Keys(), want) && want != "perm.denied" && want != "db.not_found" {
		t.Errorf("%s: key %s is not in publicity.Keys()", what, want)
	}
}
