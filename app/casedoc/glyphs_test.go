package casedoc

import (
	"testing"

	"golang.org/x/image/font/sfnt"

	"townledger/assets"
)

// Every character of the documents' wording has a glyph in the bundled font, which is the
// only face the PDFs carry: a tick box (□) the font lacks once printed as nothing on the
// 立案审批表 and as a box in the window's preview.
func TestWordingHasGlyphs(t *testing.T) {
	f, err := sfnt.Parse(assets.CJKFont)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	seen := map[rune]bool{}
	for _, r := range wording {
		if r < ' ' || seen[r] {
			continue
		}
		seen[r] = true
		if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
			t.Errorf("%q (%U) in wording.tmpl has no glyph in the bundled font", r, r)
		}
	}
}
