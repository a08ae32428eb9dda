package theme

import (
	"encoding/json"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"golang.org/x/image/font/sfnt"

	"townledger/assets"
)

// Every character the translations show has a glyph in the bundled fonts: the CJK face or
// Fyne's own Latin face behind it. Otherwise a PC without Chinese fonts shows a box (an
// arrow in a message once did).
func TestEveryTranslatedCharacterHasAGlyph(t *testing.T) {
	var faces []*sfnt.Font
	for _, b := range [][]byte{assets.CJKFont, New().(Theme).Theme.Font(fyne.TextStyle{}).Content()} {
		f, err := sfnt.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		faces = append(faces, f)
	}
	var buf sfnt.Buffer
	has := func(r rune) bool {
		for _, f := range faces {
			if i, err := f.GlyphIndex(&buf, r); err == nil && i != 0 {
				return true
			}
		}
		return false
	}
	for _, lang := range []string{"zh-Hans", "en"} {
		raw, err := assets.Translations.ReadFile("translations/" + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var table map[string]string
		if err := json.Unmarshal(raw, &table); err != nil {
			t.Fatal(err)
		}
		missing := map[rune]string{}
		for key, text := range table {
			for _, r := range text {
				if unicode.IsControl(r) || missing[r] != "" {
					continue
				}
				if !has(r) {
					missing[r] = key
				}
			}
		}
		for r, key := range missing {
			t.Errorf("%s: %q (U+%04X) in %q has no glyph", lang, r, r, key)
		}
	}
}
