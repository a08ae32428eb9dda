package theme

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"golang.org/x/image/font/sfnt"

	"townledger/assets"
)

// glyphs reports whether the bundled fonts draw a character: the CJK face or Fyne's own
// Latin face behind it.
func glyphs(t *testing.T) func(rune) bool {
	t.Helper()
	var faces []*sfnt.Font
	for _, b := range [][]byte{assets.CJKFont, New().(Theme).Theme.Font(fyne.TextStyle{}).Content()} {
		f, err := sfnt.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		faces = append(faces, f)
	}
	var buf sfnt.Buffer
	return func(r rune) bool {
		for _, f := range faces {
			if i, err := f.GlyphIndex(&buf, r); err == nil && i != 0 {
				return true
			}
		}
		return false
	}
}

// Every character the translations show has a glyph in the bundled fonts. Otherwise a PC
// without Chinese fonts shows a box (an arrow in a message once did).
func TestEveryTranslatedCharacterHasAGlyph(t *testing.T) {
	has := glyphs(t)
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

// Text the program writes itself — a tick or an arrow in a string literal of ui/ or app/ —
// is held to the same rule (a "✓" before a list of places once showed as a box).
func TestEveryCharacterInTheProgramsTextsHasAGlyph(t *testing.T) {
	has := glyphs(t)
	root := filepath.Join("..", "..")
	for _, dir := range []string{"ui", "app"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					return true
				}
				for _, r := range s {
					// Workbook texts (Excel and the mail draw them with the system's fonts) may
					// use any character; the window's texts come through the translations.
					if r > unicode.MaxASCII && !unicode.IsControl(r) && !has(r) && !workbookOnly(path) {
						t.Errorf("%s: %q (U+%04X) has no glyph in the bundled fonts", fset.Position(lit.Pos()), r, r)
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// workbookOnly are the files whose texts go into workbooks and sheets, which office suites
// draw with the system's fonts, never into the window.
func workbookOnly(path string) bool {
	p := filepath.ToSlash(path)
	for _, dir := range []string{"/app/caseimport/", "/app/trainingimport/", "/app/activityimport/", "/app/workbook/",
		"/app/report/", "/app/disclosure/", "/app/catalog/book.go", "/app/mail/"} {
		if strings.Contains(p, dir) {
			return true
		}
	}
	return false
}
