// Package districtpkg is the package a district bureau publishes to its towns (issue #15,
// item 7): its catalogue of delegated items, its holiday calendar and its rule sets (the
// legal parameters), as one .zip of the sheets the towns' imports read, with a manifest
// naming the package's version, the issuing district's division code, the day and the
// SHA-256 of every part. A town previews what a package changes and applies it whole.
package districtpkg

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"townledger/app/calendarimport"
	"townledger/app/cases/rules"
	"townledger/app/catalog"
	"townledger/app/problem"
	"townledger/app/settings"
	"townledger/app/workbook"
	"townledger/app/workdays"
	"townledger/data"
)

// Parts of a package, by their names in the .zip.
const (
	ManifestName = "manifest.json"
	PartCatalog  = "catalog.xlsx"  // the catalogue workbook, as catalog import reads it
	PartCalendar = "calendar.xlsx" // the calendar workbook, as calendar import reads it
	PartRules    = "rulesets.json" // the district's rule sets, as rules.ParseSets reads them
)

// Format is the manifest format this program writes and reads.
const Format = 1

// Mail of a package.
const (
	SubjectPrefix = "【区局下发】"
	FileExt       = ".zip"
)

// Limits on what a package may hold: a real one is a few hundred kB.
const (
	MaxPackage = 20 << 20 // the .zip itself
	maxPart    = 30 << 20 // one part, uncompressed
)

// Settings keeping what was published (district) and applied (town).
const (
	PublishedKey = "district.package.published" // the district's last package version
	AppliedKey   = "district.package.applied"   // the town's: "<issuer>:<version>" last applied
)

// Refusal keys.
const (
	KeyUnreadable = "districtpkg.unreadable" // Detail
	KeyFormat     = "districtpkg.format"     // Format
	KeyHash       = "districtpkg.hash"       // Part
	KeyMissing    = "districtpkg.missing"    // Part
	KeyPart       = "districtpkg.part"       // Part, Detail
	KeyIssuer     = "districtpkg.issuer"     // Issuer, Want
	KeyApplied    = "districtpkg.applied"    // Version, Applied
	KeyNoTown     = "districtpkg.no_town"    //
	KeyNoFile     = "districtpkg.no_file"    // Path
	KeyRead       = "districtpkg.read"       // Path, Detail
)

// Keys lists the package's translation keys, for the completeness tests.
func Keys() []string {
	return []string{KeyUnreadable, KeyFormat, KeyHash, KeyMissing, KeyPart, KeyIssuer, KeyApplied, KeyNoTown, KeyNoFile, KeyRead}
}

// Manifest describes a package.
type Manifest struct {
	Format     int               `json:"format"`
	Version    int               `json:"version"`     // 1, 2, … per district
	Issuer     string            `json:"issuer"`      // the district's 6-digit division code
	IssuerName string            `json:"issuer_name"` // the bureau's name
	Date       string            `json:"date"`        // YYYY-MM-DD: the catalogue in force on it
	Parts      map[string]string `json:"parts"`       // part name: SHA-256, lower-case hex
}

// Package is a package read and checked: its parts parsed.
type Package struct {
	Manifest Manifest
	Catalog  []catalog.Item     // checked, codes normalised
	Calendar []data.CalendarDay // the days of the years it covers
	Years    []int              // the calendar years it covers (replaced whole)
	Sets     rules.Sets
	Raw      []byte // the .zip
}

// DistrictCode is the county-level division code in a division code (its first 6 digits),
// "" when it has none.
func DistrictCode(division string) string {
	d := strings.TrimSpace(division)
	if len(d) < 6 || !digits.MatchString(d[:6]) {
		return ""
	}
	return d[:6]
}

var digits = regexp.MustCompile(`^[0-9]+$`)

func sum(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }

// Build writes the ledger's package: the catalogue in force on m.Date, every calendar year
// stored and the district's rule sets (settings.RuleSets); m.Parts is filled in. It returns
// the .zip and the manifest.
func Build(ctx context.Context, store *data.Store, m Manifest) ([]byte, Manifest, error) {
	on, err := time.ParseInLocation(data.DateLayout, m.Date, time.Local)
	if err != nil {
		return nil, m, fmt.Errorf("package date %q: %w", m.Date, err)
	}
	dir, err := os.MkdirTemp("", "townledger-package-")
	if err != nil {
		return nil, m, fmt.Errorf("package folder: %w", err)
	}
	defer os.RemoveAll(dir)
	catPath, calPath := filepath.Join(dir, PartCatalog), filepath.Join(dir, PartCalendar)
	if _, err := catalog.ExportWorkbook(ctx, store, catPath, on); err != nil {
		return nil, m, fmt.Errorf("package catalogue: %w", err)
	}
	if _, err := calendarimport.Export(ctx, store, calPath); err != nil {
		return nil, m, fmt.Errorf("package calendar: %w", err)
	}
	stored, err := store.Settings(ctx)
	if err != nil {
		return nil, m, err
	}
	var sets rules.Sets
	if js := strings.TrimSpace(stored[settings.RuleSets]); js != "" {
		if sets, err = rules.ParseSets([]byte(js)); err != nil {
			return nil, m, fmt.Errorf("the district's rule sets: %w", err)
		}
	}
	setsJS, err := rules.MarshalSets(sets)
	if err != nil {
		return nil, m, err
	}
	parts := map[string][]byte{PartRules: setsJS}
	for name, p := range map[string]string{PartCatalog: catPath, PartCalendar: calPath} {
		if parts[name], err = os.ReadFile(p); err != nil {
			return nil, m, fmt.Errorf("package part: %w", err)
		}
	}
	m.Format, m.Parts = Format, map[string]string{}
	for name, b := range parts {
		m.Parts[name] = sum(b)
	}
	man, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, m, err
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, name := range []string{ManifestName, PartCatalog, PartCalendar, PartRules} {
		b := man
		if name != ManifestName {
			b = parts[name]
		}
		w, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: on})
		if err != nil {
			return nil, m, fmt.Errorf("package zip: %w", err)
		}
		if _, err := w.Write(b); err != nil {
			return nil, m, fmt.Errorf("package zip: %w", err)
		}
	}
	if err := z.Close(); err != nil {
		return nil, m, fmt.Errorf("package zip: %w", err)
	}
	return buf.Bytes(), m, nil
}

// ReadFile reads a package saved from a mail (the window's 打开下发包文件…, package check
// FILE): a missing file and one larger than MaxPackage are refused in words, unread.
func ReadFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, problem.New(KeyNoFile, map[string]any{"Path": path})
	}
	if err == nil && st.Size() > MaxPackage {
		return nil, unreadable(fmt.Errorf("%d MB, more than %d MB", st.Size()>>20, MaxPackage>>20))
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, &problem.Error{Key: KeyRead, Data: map[string]any{"Path": path, "Detail": err.Error()}, Err: err}
	}
	return raw, nil
}

func unreadable(err error) error {
	return problem.New(KeyUnreadable, map[string]any{"Detail": err.Error()})
}

// readParts reads the .zip's entries, each bounded, refusing anything else than the four
// parts once each.
func readParts(raw []byte) (map[string][]byte, error) {
	if len(raw) > MaxPackage {
		return nil, unreadable(fmt.Errorf("%d bytes, above %d", len(raw), MaxPackage))
	}
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, unreadable(err)
	}
	known := map[string]bool{ManifestName: true, PartCatalog: true, PartCalendar: true, PartRules: true}
	parts := map[string][]byte{}
	for _, f := range z.File {
		if !known[f.Name] {
			return nil, unreadable(fmt.Errorf("unexpected entry %q", f.Name))
		}
		if _, dup := parts[f.Name]; dup {
			return nil, unreadable(fmt.Errorf("entry %q twice", f.Name))
		}
		rc, err := f.Open()
		if err != nil {
			return nil, unreadable(err)
		}
		b, err := io.ReadAll(io.LimitReader(rc, maxPart+1))
		rc.Close()
		if err != nil {
			return nil, unreadable(fmt.Errorf("%s: %w", f.Name, err))
		}
		if len(b) > maxPart {
			return nil, unreadable(fmt.Errorf("%s above %d bytes", f.Name, maxPart))
		}
		parts[f.Name] = b
	}
	return parts, nil
}

// Open reads a package: the manifest, every part's SHA-256 against it (a part changed
// after the district signed it off is refused with KeyHash), then the parts, each checked
// as its import checks it (KeyPart with the problem).
func Open(ctx context.Context, raw []byte) (Package, error) {
	var p Package
	parts, err := readParts(raw)
	if err != nil {
		return p, err
	}
	man, ok := parts[ManifestName]
	if !ok {
		return p, problem.New(KeyMissing, map[string]any{"Part": ManifestName})
	}
	if err := json.Unmarshal(man, &p.Manifest); err != nil {
		return p, unreadable(fmt.Errorf("manifest: %w", err))
	}
	m := p.Manifest
	if m.Format != Format {
		return p, problem.New(KeyFormat, map[string]any{"Format": m.Format})
	}
	if m.Version < 1 || DistrictCode(m.Issuer) != m.Issuer || len(m.Issuer) != 6 {
		return p, unreadable(fmt.Errorf("manifest: version %d, issuer %q", m.Version, m.Issuer))
	}
	if _, err := time.Parse(data.DateLayout, m.Date); err != nil {
		return p, unreadable(fmt.Errorf("manifest date: %w", err))
	}
	for _, name := range []string{PartCatalog, PartCalendar, PartRules} {
		b, ok := parts[name]
		want, listed := m.Parts[name]
		if !ok || !listed {
			return p, problem.New(KeyMissing, map[string]any{"Part": name})
		}
		if !strings.EqualFold(sum(b), want) {
			return p, problem.New(KeyHash, map[string]any{"Part": name})
		}
	}
	partErr := func(name string, err error) error {
		return problem.New(KeyPart, map[string]any{"Part": name, "Detail": err.Error()})
	}
	if p.Catalog, err = readCatalog(ctx, parts[PartCatalog]); err != nil {
		return p, partErr(PartCatalog, err)
	}
	if p.Calendar, p.Years, err = readCalendar(ctx, parts[PartCalendar]); err != nil {
		return p, partErr(PartCalendar, err)
	}
	if p.Sets, err = rules.ParseSets(parts[PartRules]); err != nil {
		return p, partErr(PartRules, err)
	}
	for _, s := range p.Sets {
		if err := s.Validate(); err != nil {
			return p, partErr(PartRules, err)
		}
	}
	p.Raw = raw
	return p, nil
}

// tableErr is a table's problems, or nil.
func tableErr(t *workbook.Table) error {
	if t == nil {
		return nil
	}
	return t.Err()
}

func amount(r workbook.Record, name string) *int64 {
	if v, ok := r.Values[name].(int64); ok {
		return &v
	}
	return nil
}

func number(r workbook.Record, name string) int { n, _ := r.Values[name].(int); return n }

func flag(r workbook.Record, name string) bool { b, _ := r.Values[name].(bool); return b }

func day(r workbook.Record, name string) string {
	if d, ok := r.Date(name); ok {
		return d.Format(data.DateLayout)
	}
	return ""
}

// readCatalog reads the catalogue part as catalog import reads its workbook (the same
// sheets and columns) and checks every item; any problem refuses the part.
func readCatalog(ctx context.Context, b []byte) ([]catalog.Item, error) {
	f, err := workbook.OpenReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	items, err := f.Read(ctx, catalog.ItemsSpec, nil)
	if err != nil {
		return nil, err
	}
	refs, err := f.Read(ctx, catalog.RefsSpec, nil)
	if err != nil {
		return nil, err
	}
	tiers, err := f.Read(ctx, catalog.TiersSpec, nil)
	var pe *problem.Error
	if errors.As(err, &pe) && pe.Key == workbook.KeyEmpty {
		tiers, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	for _, t := range []*workbook.Table{items, refs, tiers} {
		if err := tableErr(t); err != nil {
			return nil, err
		}
	}
	var out []*catalog.Item
	byCode := map[string]*catalog.Item{}
	for _, r := range items.Records {
		code := catalog.NormalizeCode(r.Text(catalog.FieldCode))
		if code == "" || code == catalog.ExampleCode {
			continue
		}
		if _, dup := byCode[code]; dup {
			return nil, fmt.Errorf("item %s twice", code)
		}
		it := &catalog.Item{Code: code, Name: r.Text(catalog.FieldName), Delegation: r.Text(catalog.FieldDelegation),
			AgreementRef: r.Text(catalog.FieldAgreement), UnitMin: amount(r, catalog.FieldUnitMin), UnitMax: amount(r, catalog.FieldUnitMax),
			PersonMin: amount(r, catalog.FieldPersonMin), PersonMax: amount(r, catalog.FieldPersonMax),
			LateUnitMin: amount(r, catalog.FieldLateUnitMin), LateUnitMax: amount(r, catalog.FieldLateUnitMax),
			LatePersonMin: amount(r, catalog.FieldLatePersonMin), LatePersonMax: amount(r, catalog.FieldLatePersonMax),
			LateExtra: r.Text(catalog.FieldLateExtra), MinorExempt: flag(r, catalog.FieldMinorExempt),
			FirstExempt: flag(r, catalog.FieldFirstExempt), ExemptConditions: r.Text(catalog.FieldExemptConditions),
			EffectiveFrom: day(r, catalog.FieldFrom), EffectiveTo: day(r, catalog.FieldTo)}
		byCode[code] = it
		out = append(out, it)
	}
	owner := func(r workbook.Record) (*catalog.Item, error) {
		code := catalog.NormalizeCode(r.Text(catalog.FieldCode))
		if code == "" || code == catalog.ExampleCode {
			return nil, nil
		}
		it, ok := byCode[code]
		if !ok {
			return nil, fmt.Errorf("row %d names item %s, not in the items sheet", r.Row, code)
		}
		return it, nil
	}
	for _, r := range refs.Records {
		it, err := owner(r)
		if err != nil {
			return nil, err
		}
		if it != nil {
			it.Refs = append(it.Refs, catalog.Ref{Role: r.Text(catalog.FieldRole), Law: r.Text(catalog.FieldLaw),
				LawVersion: r.Text(catalog.FieldLawVersion), Article: number(r, catalog.FieldArticle),
				Paragraph: number(r, catalog.FieldParagraph), Item: number(r, catalog.FieldItem)})
		}
	}
	if tiers != nil {
		for _, r := range tiers.Records {
			it, err := owner(r)
			if err != nil {
				return nil, err
			}
			if it != nil {
				it.Tiers = append(it.Tiers, catalog.Tier{Ordinal: number(r, catalog.FieldOrdinal), Name: r.Text(catalog.FieldName),
					Condition: r.Text(catalog.FieldCondition), UnitMin: amount(r, catalog.FieldUnitMin), UnitMax: amount(r, catalog.FieldUnitMax),
					PersonMin: amount(r, catalog.FieldPersonMin), PersonMax: amount(r, catalog.FieldPersonMax)})
			}
		}
	}
	list := make([]catalog.Item, 0, len(out))
	for _, it := range out {
		sort.SliceStable(it.Tiers, func(a, b int) bool { return it.Tiers[a].Ordinal < it.Tiers[b].Ordinal })
		checked, l := catalog.Check(*it)
		if len(l) > 0 {
			return nil, fmt.Errorf("item %s: %w", it.Code, l)
		}
		list = append(list, checked)
	}
	return list, nil
}

// readCalendar reads the calendar part as calendar import reads its sheet: runs of days,
// a working day only on a weekend, no day twice.
func readCalendar(ctx context.Context, b []byte) ([]data.CalendarDay, []int, error) {
	t, err := workbook.ReadFrom(ctx, bytes.NewReader(b), calendarimport.Spec, nil)
	var pe *problem.Error
	if errors.As(err, &pe) && pe.Key == workbook.KeyEmpty {
		return nil, nil, nil // a district without a calendar publishes none
	}
	if err != nil {
		return nil, nil, err
	}
	if err := t.Err(); err != nil {
		return nil, nil, err
	}
	seen := map[string]bool{}
	years := map[int]bool{}
	var days []data.CalendarDay
	for _, r := range t.Records {
		from, ok := r.Date(calendarimport.FieldFrom)
		if !ok {
			continue
		}
		to, ok := r.Date(calendarimport.FieldTo)
		if !ok {
			to = from
		}
		if to.Before(from) || to.Sub(from) > 15*24*time.Hour {
			return nil, nil, fmt.Errorf("row %d: %s to %s", r.Row, from.Format(data.DateLayout), to.Format(data.DateLayout))
		}
		kind, _ := r.Values[calendarimport.FieldKind].(string)
		k, err := workdays.ParseKind(kind)
		if err != nil {
			return nil, nil, fmt.Errorf("row %d: %w", r.Row, err)
		}
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			ds := d.Format(data.DateLayout)
			if k == workdays.Workday && d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
				return nil, nil, fmt.Errorf("row %d: working day %s is not a weekend day", r.Row, ds)
			}
			if seen[ds] {
				return nil, nil, fmt.Errorf("row %d: %s twice", r.Row, ds)
			}
			seen[ds] = true
			years[d.Year()] = true
			days = append(days, data.CalendarDay{Day: ds, Kind: k.String(), Name: strings.TrimSpace(r.Text(calendarimport.FieldName))})
		}
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Day < days[j].Day })
	var ys []int
	for y := range years {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return days, ys, nil
}
