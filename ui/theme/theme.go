// Package theme is TownLedger's look: Fyne's default theme with the bundled CJK font, so
// Chinese renders on PCs without any Chinese font, and an emergency-orange primary colour.
package theme

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"townledger/assets"
)

var cjk = fyne.NewStaticResource("TownLedgerSans.ttf", assets.CJKFont)

// Theme wraps Fyne's default theme.
type Theme struct{ fyne.Theme }

// New returns the application theme.
func New() fyne.Theme { return Theme{theme.DefaultTheme()} }

// Font returns the bundled face for all text, bold included: it holds Chinese and Latin in
// one regular weight (there is no bold Chinese face to match), so a bold line does not draw
// its digits bold and its Chinese regular.
func (t Theme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return t.Theme.Font(s)
	}
	return cjk
}

// Color keeps the default light palette but for the primary colour. The light variant is
// fixed: offices print and compare screens with paper forms, and the OS's dark mode would
// make screenshots in manuals and training differ from what people see.
func (t Theme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	v := theme.VariantLight
	switch n {
	case theme.ColorNamePrimary:
		return color.NRGBA{R: 0xD9, G: 0x48, B: 0x0F, A: 0xFF}
	case theme.ColorNameFocus:
		// Strong enough to see which control has the keyboard (Tab moves it).
		return color.NRGBA{R: 0xD9, G: 0x48, B: 0x0F, A: 0xC0}
	case theme.ColorNameInputBorder:
		// Unticked boxes and empty fields are outlined with this: Fyne's pale grey left them
		// nearly invisible on office screens.
		return color.NRGBA{R: 0x7A, G: 0x7A, B: 0x7A, A: 0xFF}
	case theme.ColorNameSelection:
		return color.NRGBA{R: 0xD9, G: 0x48, B: 0x0F, A: 0x40}
	}
	return t.Theme.Color(n, v)
}
