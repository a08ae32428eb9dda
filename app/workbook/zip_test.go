package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Parts of every size around the block size come out of the zip as they went in, whatever
// pieces they were written in, and a part made of many blocks is compressed like one.
func TestFastZipKeepsEveryPart(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	text := func(n int) []byte { // XML-like: compressible, not constant
		var b bytes.Buffer
		for b.Len() < n {
			fmt.Fprintf(&b, `<row r="%d"><c t="inlineStr"><is><t>青石镇%d</t></is></c></row>`, b.Len(), rng.IntN(500))
		}
		return b.Bytes()[:n]
	}
	parts := []struct {
		name  string
		data  []byte
		piece int // written in pieces of this size, 0: at once
	}{
		{"empty.xml", nil, 0},
		{"one.xml", []byte("x"), 0},
		{"short.xml", text(1000), 7},
		{"under.xml", text(zipBlock - 1), 0},
		{"exact.xml", text(zipBlock), 0},
		{"over.xml", text(zipBlock + 1), 4096},
		{"xl/worksheets/sheet1.xml", text(5*zipBlock + 12345), 32 * 1024},
		{"random.bin", func() []byte {
			b := make([]byte, 3*zipBlock/2)
			for i := range b {
				b[i] = byte(rng.Uint32())
			}
			return b
		}(), 0},
	}
	var file bytes.Buffer
	z := FastZip(&file)
	for _, p := range parts {
		w, err := z.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		for rest := p.data; len(rest) > 0; {
			n := len(rest)
			if p.piece > 0 {
				n = min(n, p.piece)
			}
			if _, err := w.Write(rest[:n]); err != nil {
				t.Fatal(err)
			}
			rest = rest[n:]
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := zip.NewReader(bytes.NewReader(file.Bytes()), int64(file.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.File) != len(parts) {
		t.Fatalf("%d parts in the zip, want %d", len(r.File), len(parts))
	}
	for i, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc) // checks the CRC and the size at the end
		rc.Close()
		if err != nil || f.Name != parts[i].name || !bytes.Equal(got, parts[i].data) {
			t.Errorf("part %d %s: %d bytes back, want %s with %d (%v)", i, f.Name, len(got), parts[i].name, len(parts[i].data), err)
		}
		if f.Name == "xl/worksheets/sheet1.xml" && f.CompressedSize64*4 > f.UncompressedSize64 {
			t.Errorf("the sheet compressed to %d of %d bytes", f.CompressedSize64, f.UncompressedSize64)
		}
	}
}

// A workbook excelize saves through FastZip opens again with its values.
func TestFastZipWorkbookOpens(t *testing.T) {
	x := excelize.NewFile()
	sw, err := x.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for r := 1; r <= 30000; r++ {
		if err := sw.SetRow(fmt.Sprintf("A%d", r), []any{fmt.Sprintf("参训人员%d", r), r}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	x.SetZipWriter(func(io.Writer) excelize.ZipWriter { return FastZip(&file) })
	if _, err := x.WriteTo(io.Discard); err != nil {
		t.Fatal(err)
	}
	y, err := excelize.OpenReader(bytes.NewReader(file.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	for cell, want := range map[string]string{"A1": "参训人员1", "A30000": "参训人员30000", "B29999": "29999"} {
		if got, err := y.GetCellValue("Sheet1", cell); err != nil || got != want {
			t.Errorf("%s = %q, want %q (%v)", cell, got, want, err)
		}
	}
}
