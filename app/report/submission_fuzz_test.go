package report_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"townledger/app/period"
	"townledger/app/problem"
	"townledger/app/report"
)

// FuzzReadSubmission feeds the district's reader damaged and changed town workbooks. It must
// never panic, must refuse with one of its translated reasons, and whatever it accepts must
// hash, read independently with excelize, to the hash its metadata states — so a change the
// reader let through would be one the hash does not cover.
//
// The seeds include the real report stored without compression and without checksums, so
// that a mutated byte changes a cell or a tag instead of breaking the zip.
func FuzzReadSubmission(f *testing.F) {
	s := newStore(f)
	path, _ := writeReport(f, s, "2023-Q4")
	real, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	open := storedZip(f, real)
	f.Add(real)
	f.Add(open)
	f.Add(real[:len(real)/2])
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"乡镇", "立案数"})
	var plain bytes.Buffer
	x.Write(&plain)
	x.Close()
	f.Add(plain.Bytes())
	keys := report.Keys()
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := report.ReadSubmission(context.Background(), bytes.NewReader(b), int64(len(b)))
		if err != nil {
			if p := problem.From(err); p == nil || !slices.Contains(keys, p.Key) {
				t.Fatalf("refused without a reason of its own: %v", err)
			}
			return
		}
		if want := independentHash(t, b, got); want != got.ContentHash {
			t.Fatalf("accepted with the hash %s stated, the cells hash to %s", got.ContentHash, want)
		}
	})
}

// TestFuzzSeedIsAccepted keeps the fuzz target's uncompressed seed a workbook the reader
// accepts and excelize hashes alike, so the fuzzing starts from something to break.
func TestFuzzSeedIsAccepted(t *testing.T) {
	s := newStore(t)
	path, sum := writeReport(t, s, "2023-Q4")
	real, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	open := storedZip(t, real)
	got, err := report.ReadSubmission(context.Background(), bytes.NewReader(open), int64(len(open)))
	if err != nil {
		t.Fatal(err)
	}
	if got.ContentHash != sum.ContentHash || independentHash(t, open, got) != sum.ContentHash {
		t.Errorf("hash %s, independently %s, written %s", got.ContentHash, independentHash(t, open, got), sum.ContentHash)
	}
	// A digit of a fine changed in place: the zip still opens, the hash refuses it.
	i := bytes.Index(open, []byte("<v>"+strconv.FormatFloat(float64(sum.Figures.Fines)/100, 'f', -1, 64)+"</v>"))
	if i < 0 {
		t.Fatal("no fine on the cover")
	}
	changed := slices.Clone(open)
	changed[i+3] ^= 1 // 1 ↔ 0, 2 ↔ 3 …
	if _, err := report.ReadSubmission(context.Background(), bytes.NewReader(changed), int64(len(changed))); keyOf(err) != report.KeySubmissionHashMismatch {
		t.Errorf("a fine changed in place: %v", err)
	}
}

// storedZip rewrites a workbook's zip with its parts stored, not compressed, and without
// checksums (which the zip reader then does not check).
func storedZip(t testing.TB, b []byte) []byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range z.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		part, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: zf.Name, Method: zip.Store, CompressedSize64: uint64(len(part)),
			UncompressedSize64: uint64(len(part))})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(part)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// independentHash recomputes a workbook's content hash without the reader under test:
// excelize reads the cells (dates in the columns styled as dates formatted by their style),
// the metadata reader the records, and the recipe is written out again here.
func independentHash(t testing.TB, b []byte, got report.Submission) string {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("accepted a workbook excelize cannot open: %v", err)
	}
	defer x.Close()
	meta, err := report.ReadMetaFrom(context.Background(), bytes.NewReader(b))
	if err != nil {
		t.Fatalf("accepted a workbook whose metadata cannot be read: %v", err)
	}
	from, to, err := period.Parse(meta.Values["period"])
	if err != nil {
		t.Fatalf("accepted the period %q", meta.Values["period"])
	}
	h := sha256.New()
	h.Write([]byte(meta.Values["hash_version"] + "\n"))
	h.Write([]byte("town=" + meta.Values["town_code"] + "\nperiod=" + from.Format("2006-01-02") + ".." +
		to.Format("2006-01-02") + "\n"))
	for _, sheet := range report.Sheets[1 : len(report.Sheets)-1] {
		raw, err1 := x.GetRows(sheet, excelize.Options{RawCellValue: true})
		shown, err2 := x.GetRows(sheet)
		if err := errors.Join(err1, err2); err != nil || len(raw) == 0 {
			t.Fatalf("accepted a workbook whose %s excelize cannot read: %v", sheet, err)
		}
		for len(raw) > 1 && slices.IndexFunc(raw[len(raw)-1], func(c string) bool { return c != "" }) < 0 {
			raw = raw[:len(raw)-1]
		}
		refs := meta.Records[sheet]
		if len(raw)-1 != len(refs) {
			t.Fatalf("accepted %s with %d rows for %d records", sheet, len(raw)-1, len(refs))
		}
		header := raw[0]
		date := make([]bool, len(header))
		for j := range header {
			name, _ := excelize.ColumnNumberToName(j + 1)
			if id, err := x.GetColStyle(sheet, name); err == nil {
				st, err := x.GetStyle(id)
				date[j] = err == nil && st.CustomNumFmt != nil && *st.CustomNumFmt == "yyyy-mm-dd"
			}
		}
		sh := sha256.New()
		sh.Write([]byte("sheet=" + sheet + "\n"))
		for i, ref := range refs {
			line := ref.Table + ":" + ref.ID + "\x1f"
			for j, head := range header {
				if sheet == report.SheetCases && head == report.ColDecidedInPeriod ||
					sheet == report.SheetDisclosure && j == len(header)-1 {
					continue // worked out from other cells, or the day of export
				}
				v := cellOf(raw, i+1, j)
				if _, err := strconv.Atoi(v); err == nil && date[j] {
					v = cellOf(shown, i+1, j)
				}
				line += v + "\x1f"
			}
			sh.Write([]byte(line + "\x1e"))
		}
		h.Write(sh.Sum(nil))
	}
	cover, err := x.GetRows(report.SheetCover, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var figs [][3]string
	for _, r := range cover[min(7, len(cover)):] { // after the header and the six heading lines
		if cellOf([][]string{r}, 0, 0) == "" {
			break
		}
		figs = append(figs, [3]string{cellOf([][]string{r}, 0, 0), cellOf([][]string{r}, 0, 1), cellOf([][]string{r}, 0, 2)})
	}
	if len(figs) != len(got.Figures) {
		t.Fatalf("accepted a cover of %d figures, read as %d", len(figs), len(got.Figures))
	}
	for i, f := range got.Figures {
		if figs[i] != [3]string{f.Label, f.Value, f.Unit} {
			t.Fatalf("figure %d read as %+v, the cover says %v", i, f, figs[i])
		}
		h.Write([]byte(f.Name + "=" + figs[i][1] + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func cellOf(rows [][]string, i, j int) string {
	if i < len(rows) && j < len(rows[i]) {
		return rows[i][j]
	}
	return ""
}
