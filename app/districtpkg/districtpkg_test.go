package districtpkg_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"townledger/app/auth"
	"townledger/app/catalog"
	"townledger/app/districtpkg"
	"townledger/app/officetest"
	"townledger/data"
)

var admin = auth.Session{UserID: "u-admin", Username: "admin", Roles: []auth.Role{auth.Admin}}

// built is a package of a ledger with one catalogue item, built once.
func built(t testing.TB) []byte {
	t.Helper()
	ctx := context.Background()
	s := officetest.NewStore(t)
	it := catalog.ExampleItem()
	it.Code = "A-01"
	if _, err := catalog.Create(ctx, s, admin, it); err != nil {
		t.Fatal(err)
	}
	raw, _, err := districtpkg.Build(ctx, s, districtpkg.Manifest{Version: 3, Issuer: "110105", IssuerName: "示范区应急管理局",
		Date: time.Now().Format(data.DateLayout)})
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// rezip rewrites a package's entries with edit (nil drops an entry), adding extra ones.
func rezip(t testing.TB, raw []byte, edit func(name string, b []byte) []byte, extra map[string][]byte) []byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	put := func(name string, b []byte) {
		fw, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(b)
	}
	for _, f := range z.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if b = edit(f.Name, b); b != nil {
			put(f.Name, b)
		}
	}
	for name, b := range extra {
		put(name, b)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func manifestEdit(change func(m map[string]any)) func(string, []byte) []byte {
	return func(name string, b []byte) []byte {
		if name != districtpkg.ManifestName {
			return b
		}
		var m map[string]any
		json.Unmarshal(b, &m)
		change(m)
		out, _ := json.Marshal(m)
		return out
	}
}

func keyOf(err error) string {
	keys, _ := officetest.Keys(err)
	return strings.Join(keys, ",")
}

// A package reads back as built; each way of spoiling one is refused with its reason.
func TestOpenChecksTheManifestAndEveryPart(t *testing.T) {
	ctx := context.Background()
	raw := built(t)
	p, err := districtpkg.Open(ctx, raw)
	if err != nil {
		t.Fatal(err)
	}
	if p.Manifest.Version != 3 || p.Manifest.Issuer != "110105" || len(p.Catalog) != 1 || p.Catalog[0].Code != "A-01" ||
		len(p.Catalog[0].Tiers) != 4 || len(p.Calendar) == 0 || len(p.Years) == 0 {
		t.Fatalf("read back: %+v, %d items, %d days, years %v", p.Manifest, len(p.Catalog), len(p.Calendar), p.Years)
	}
	keep := func(_ string, b []byte) []byte { return b }
	cases := []struct {
		name string
		raw  []byte
		key  string
	}{
		{"not a zip", []byte("PK\x03\x04 not really"), districtpkg.KeyUnreadable},
		{"a part edited", rezip(t, raw, func(n string, b []byte) []byte {
			if n == districtpkg.PartCalendar {
				return append(b, 0)
			}
			return b
		}, nil), districtpkg.KeyHash},
		{"a part dropped", rezip(t, raw, func(n string, b []byte) []byte {
			if n == districtpkg.PartCatalog {
				return nil
			}
			return b
		}, nil), districtpkg.KeyMissing},
		{"no manifest", rezip(t, raw, func(n string, b []byte) []byte {
			if n == districtpkg.ManifestName {
				return nil
			}
			return b
		}, nil), districtpkg.KeyMissing},
		{"an entry more", rezip(t, raw, keep, map[string][]byte{"../evil.txt": []byte("x")}), districtpkg.KeyUnreadable},
		{"a later format", rezip(t, raw, manifestEdit(func(m map[string]any) { m["format"] = 2 }), nil), districtpkg.KeyFormat},
		{"a hash changed in the manifest", rezip(t, raw, manifestEdit(func(m map[string]any) {
			m["parts"].(map[string]any)[districtpkg.PartRules] = strings.Repeat("0", 64)
		}), nil), districtpkg.KeyHash},
		{"no issuer", rezip(t, raw, manifestEdit(func(m map[string]any) { m["issuer"] = "" }), nil), districtpkg.KeyUnreadable},
		{"too large", append(bytes.Clone(raw), make([]byte, districtpkg.MaxPackage)...), districtpkg.KeyUnreadable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := districtpkg.Open(ctx, c.raw); keyOf(err) != c.key {
				t.Errorf("got %v, want %s", err, c.key)
			}
		})
	}
}

// The district's code is the first six digits of a division code.
func TestDistrictCode(t *testing.T) {
	for in, want := range map[string]string{"110105100": "110105", "110105100000": "110105", " 110105 ": "110105",
		"11010": "", "abcdef123": "", "": ""} {
		if got := districtpkg.DistrictCode(in); got != want {
			t.Errorf("DistrictCode(%q) = %q, want %q", in, got, want)
		}
	}
}

// Open takes any bytes without panicking and accepts only what it can apply.
func FuzzOpen(f *testing.F) {
	raw := built(f)
	f.Add(raw)
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := districtpkg.Open(context.Background(), b)
		if err == nil && (p.Manifest.Version < 1 || len(p.Manifest.Issuer) != 6) {
			t.Fatalf("accepted a package without version or issuer: %+v", p.Manifest)
		}
	})
}
