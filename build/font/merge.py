"""Makes assets/fonts/TownLedgerSans.ttf, the program's one text face: Droid Sans Fallback
(CJK, Apache-2.0) with the Latin letters, digits and punctuation it lacks taken from Noto Sans
Regular (SIL OFL 1.1), scaled to Droid's 256 units per em. One regular face for every style
means a line never mixes a bold Latin face with a regular Chinese one (the bundled CJK face
has no bold). Not part of the build: run once when a source font changes, with Debian's
python3-fonttools:
    python3 build/font/merge.py DroidSansFallbackFull.ttf NotoSans-Regular.ttf assets/fonts/TownLedgerSans.ttf
(Droid from Debian's fonts-droid-fallback, Noto from fyne.io/fyne/v2/theme/font.)"""
import sys

from fontTools import subset
from fontTools.merge import Merger, Options
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem

droid_path, noto_path, out = sys.argv[1:4]
droid = TTFont(droid_path)
noto = TTFont(noto_path)
have = set(droid.getBestCmap())
options = subset.Options()
options.layout_features = ["*"]
options.name_IDs = ["*"]
options.notdef_outline = True
subsetter = subset.Subsetter(options)
subsetter.populate(unicodes=[c for c in noto.getBestCmap() if c not in have])
subsetter.subset(noto)
scale_upem(noto, droid["head"].unitsPerEm)
noto.save(out + ".latin")
merger = Merger(options=Options(drop_tables=["vhea", "vmtx", "BASE", "GDEF", "GPOS", "GSUB", "morx", "kern", "DSIG"]))
merged = merger.merge([droid_path, out + ".latin"])
name = merged["name"]
for rec in list(name.names):
    if rec.nameID in (1, 4, 6, 16):
        name.removeNames(nameID=rec.nameID)
name.setName("TownLedger Sans", 1, 3, 1, 0x409)
name.setName("TownLedger Sans", 4, 3, 1, 0x409)
name.setName("TownLedgerSans-Regular", 6, 3, 1, 0x409)
merged.save(out)
