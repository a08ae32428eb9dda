// Package assets embeds what the program ships inside its binary: the icon, the bundled
// CJK font and the interface translations.
package assets

import (
	"embed"
	_ "embed"
)

// Icon is the application icon, a 512×512 PNG.
//
//go:embed icon.png
var Icon []byte

// CJKFont is the program's one text face: Chinese and Latin in a single regular TrueType font
// (see fonts/README.md).
//
//go:embed fonts/TownLedgerSans.ttf
var CJKFont []byte

// Translations holds one JSON file per language, named <lang>.json.
//
//go:embed translations/*.json
var Translations embed.FS
