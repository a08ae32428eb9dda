#!/usr/bin/env bash
# build/package.sh — make the Windows downloads from the built exes:
#   dist/TownLedger-<Version>-setup.exe    per-user NSIS installer (build/installer/)
#   dist/TownLedger-<Version>-windows.zip  portable folder TownLedger\ with
#                                          TownLedger.exe, bin\townledger.exe,
#                                          使用说明.txt and licenses\
#
# Usage:  build/package.sh          (from anywhere; ~10 s)
#         PACKAGE_COMPRESSION=lzma build/package.sh   (~50 s; setup.exe 14 MB
#                                     instead of 34 MB — worth it for a release)
#
# Inputs (each checked; a missing one stops the script with a message):
#   FyneApp.toml   [Details] Name, ID, Version, Build, Icon; [TownLedger]
#                  DisplayName, Publisher, Copyright; Website (optional)
#   dist/TownLedger.exe   GUI build (build/windows.sh)
#   dist/townledger.exe   console build of the same program
#   the PNG icon named by [Details] Icon, build/installer/portable-readme.txt,
#   the bundled font's licence texts, assets/fonts/OFL-1.1.txt and Apache-2.0.txt
#   (assets/fonts/README.md)
# Env overrides: GUI_EXE, CLI_EXE (input exes), OUT_DIR (default dist),
#   PACKAGE_COMPRESSION (bzip2 | lzma | zlib, default bzip2),
#   TOWNLEDGER_ALLOW_GUI_CLI=1 accept a GUI-subsystem exe as the console exe
#   (only for tests while the console build does not exist yet).
# Needs: makensis (Debian nsis), python3 >= 3.11, ImageMagick `convert`
#   (build/deps.sh windows headless).
#
# Windows file names ignore case: TownLedger.exe and townledger.exe cannot sit in
# one folder, so the console exe goes into bin\ (installer and zip alike).
set -euo pipefail

die() { echo "package.sh: error: $*" >&2; exit 1; }
log() { echo "package.sh: $*"; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
start=$(date +%s)

GUI_EXE=${GUI_EXE:-dist/TownLedger.exe}
CLI_EXE=${CLI_EXE:-dist/townledger.exe}
OUT_DIR=${OUT_DIR:-dist}
FONT_LICENCES=assets/fonts
NSI=build/installer/townledger.nsi
COMPRESSION=${PACKAGE_COMPRESSION:-bzip2}
case "$COMPRESSION" in
  bzip2|lzma|zlib) ;;
  *) die "PACKAGE_COMPRESSION must be bzip2, lzma or zlib (got '$COMPRESSION')" ;;
esac
README_TEMPLATE=build/installer/portable-readme.txt

# ---------------------------------------------------------------- tools and inputs
command -v makensis >/dev/null 2>&1 || die "makensis not found — install it with: build/deps.sh windows (Debian package nsis)"
command -v python3 >/dev/null 2>&1 || die "python3 not found"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
  die "python3 >= 3.11 is needed (tomllib)"
command -v convert >/dev/null 2>&1 || die "ImageMagick 'convert' not found — install it with: build/deps.sh headless"
[ -f FyneApp.toml ] || die "no FyneApp.toml in $ROOT"
[ -f "$NSI" ] || die "$NSI is missing"
[ -f "$README_TEMPLATE" ] || die "$README_TEMPLATE is missing"
for f in OFL-1.1.txt Apache-2.0.txt; do
  [ -f "$FONT_LICENCES/$f" ] || die "the bundled font's licence text $FONT_LICENCES/$f is missing"
done

# The exes must be 64-bit PE files of the right subsystem: a GUI-subsystem
# "console" exe would print nothing in cmd on a real PC.
pe_check() { # file want(2=GUI,3=console) label
  [ -f "$1" ] || die "$3 $1 not found — build it first (build/windows.sh)"
  python3 - "$1" "$2" "$3" <<'EOF' || exit 1
import struct, sys
path, want, label = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, "rb") as f:
    head = f.read(4096)
def fail(msg):
    print(f"package.sh: error: {label} {path}: {msg}", file=sys.stderr); sys.exit(1)
if head[:2] != b"MZ": fail("not a Windows exe")
pe = struct.unpack_from("<I", head, 0x3C)[0]
if head[pe:pe+4] != b"PE\0\0": fail("not a PE file")
machine = struct.unpack_from("<H", head, pe + 4)[0]
if machine != 0x8664: fail(f"not an amd64 exe (machine 0x{machine:x})")
subsystem = struct.unpack_from("<H", head, pe + 24 + 68)[0]
if subsystem != want:
    names = {2: "GUI", 3: "console"}
    fail(f"is a {names.get(subsystem, subsystem)}-subsystem exe, expected {names[want]}")
EOF
}
pe_check "$GUI_EXE" 2 "GUI exe"
if [ "${TOWNLEDGER_ALLOW_GUI_CLI:-0}" = 1 ]; then
  [ -f "$CLI_EXE" ] || die "console exe $CLI_EXE not found"
else
  pe_check "$CLI_EXE" 3 "console exe"
fi

# ---------------------------------------------------------------- metadata
# One line per value, in this order; python validates and fails loudly.
mapfile -t META < <(python3 - <<'EOF' || echo "__FAILED__"
import re, sys, tomllib
def fail(msg):
    print(f"package.sh: error: FyneApp.toml: {msg}", file=sys.stderr); sys.exit(1)
try:
    with open("FyneApp.toml", "rb") as f:
        t = tomllib.load(f)
except Exception as e:
    fail(f"cannot parse: {e}")
d, tl = t.get("Details", {}), t.get("TownLedger", {})
def need(table, tname, key):
    v = table.get(key)
    if v is None or str(v).strip() == "":
        fail(f"[{tname}] {key} is missing")
    v = str(v)
    if "\n" in v or "\r" in v: fail(f"[{tname}] {key} must be one line")
    return v
name, app_id = need(d, "Details", "Name"), need(d, "Details", "ID")
version, build = need(d, "Details", "Version"), need(d, "Details", "Build")
icon = need(d, "Details", "Icon")
if not re.fullmatch(r"[0-9]+(\.[0-9]+){0,2}", version):
    fail(f'[Details] Version "{version}" must be x, x.y or x.y.z (digits only)')
if not re.fullmatch(r"[0-9]+", build) or int(build) > 65535:
    fail(f'[Details] Build "{build}" must be an integer 0..65535')
if not re.fullmatch(r"[A-Za-z0-9_-]+", name): fail(f'[Details] Name "{name}" must be ASCII letters/digits')
if not re.fullmatch(r"[A-Za-z0-9_.-]+", app_id): fail(f'[Details] ID "{app_id}" is not a plain app ID')
parts = (version.split(".") + ["0", "0"])[:3]
website = str(t.get("Website", "")).strip()
for v in (name, app_id, version, ".".join(parts + [build]), icon,
          need(tl, "TownLedger", "DisplayName"), need(tl, "TownLedger", "Publisher"),
          need(tl, "TownLedger", "Copyright"), website):
    print(v)
EOF
)
if [ "${#META[@]}" -ne 9 ] || [ "${META[0]}" = "__FAILED__" ]; then
  die "reading FyneApp.toml failed (see above)"
fi
APP_NAME=${META[0]} APP_ID=${META[1]} VERSION=${META[2]} FILE_VERSION=${META[3]} ICON_PNG=${META[4]}
DISPLAY_NAME=${META[5]} PUBLISHER=${META[6]} COPYRIGHT=${META[7]} WEBSITE=${META[8]}
[ -f "$ICON_PNG" ] || die "icon $ICON_PNG (FyneApp.toml [Details] Icon) not found"

SETUP="$OUT_DIR/$APP_NAME-$VERSION-setup.exe"
ZIP="$OUT_DIR/$APP_NAME-$VERSION-windows.zip"
log "packaging $DISPLAY_NAME $VERSION (file version $FILE_VERSION, setup compressed with $COMPRESSION)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/townledger-pkg.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$OUT_DIR" "$WORK/licenses"

# ---------------------------------------------------------------- icon, bitmap, licences
convert "$ICON_PNG" -background none -define icon:auto-resize=256,64,48,32,16 "$WORK/app.ico" ||
  die "converting $ICON_PNG to .ico failed"
# Welcome/finish page picture (164x314, the size MUI2 expects): icon on a light band.
convert -size 164x314 gradient:'#fff3ea'-'#ffffff' \
  \( "$ICON_PNG" -resize 96x96 \) -gravity north -geometry +0+72 -composite \
  -alpha off -type TrueColor "BMP3:$WORK/wizard.bmp" ||
  die "making the installer bitmap failed"

crlf_bom() { # src dst: UTF-8 with BOM and CRLF, so Notepad on any Windows shows it right
  python3 - "$1" "$2" <<'EOF'
import sys
text = open(sys.argv[1], encoding="utf-8").read().replace("\r\n", "\n")
open(sys.argv[2], "w", encoding="utf-8-sig", newline="\r\n").write(text)
EOF
}
crlf_bom "$FONT_LICENCES/OFL-1.1.txt" "$WORK/licenses/OFL-1.1.txt"
crlf_bom "$FONT_LICENCES/Apache-2.0.txt" "$WORK/licenses/Apache-2.0.txt"
cat >"$WORK/font-notice.txt" <<EOF
Bundled font / 内置字体

The program contains the font TownLedger Sans, made from Droid Sans Fallback
(© Google / The Android Open Source Project, Apache License 2.0, see Apache-2.0.txt)
and the Latin letters of Noto Sans Regular (© Google, SIL Open Font License 1.1,
see OFL-1.1.txt). As a derivative of Noto Sans it is distributed under the SIL Open
Font License 1.1.

程序内置字体 TownLedger Sans，由 Droid Sans Fallback（© Google / Android 开源项目，
Apache License 2.0，见 Apache-2.0.txt）与 Noto Sans Regular 的拉丁字母（© Google，
SIL Open Font License 1.1，见 OFL-1.1.txt）合并而成，按 SIL Open Font License 1.1 发布。
EOF
crlf_bom "$WORK/font-notice.txt" "$WORK/licenses/TownLedgerSans.txt"
rm -f "$WORK/font-notice.txt"

# ---------------------------------------------------------------- installer
# makensis matches file names case-insensitively like Windows, so "TownLedger.exe"
# would also pick up townledger.exe: give it each exe alone in its own folder.
mkdir -p "$WORK/gui" "$WORK/cli"
ln -f "$GUI_EXE" "$WORK/gui/TownLedger.exe" 2>/dev/null || cp "$GUI_EXE" "$WORK/gui/TownLedger.exe"
ln -f "$CLI_EXE" "$WORK/cli/townledger.exe" 2>/dev/null || cp "$CLI_EXE" "$WORK/cli/townledger.exe"
nsis_str() { local s=$1; s=${s//\$/\$\$}; s=${s//\"/\$\\\"}; printf '"%s"' "$s"; }
abs() { printf '%s/%s' "$(cd "$(dirname "$1")" && pwd)" "$(basename "$1")"; }
# makensis runs in the script's folder and reads an argument starting with "/" as
# a switch (File "/tmp/x.exe" fails), so every path it gets is relative to there.
rel() { realpath -m --relative-to="$ROOT/build/installer" "$1"; }
{
  printf '\xef\xbb\xbf'   # BOM: makensis reads the file as UTF-8
  echo "; generated by build/package.sh from FyneApp.toml — do not edit"
  echo "!define APP_NAME $(nsis_str "$APP_NAME")"
  echo "!define APP_ID $(nsis_str "$APP_ID")"
  echo "!define VERSION $(nsis_str "$VERSION")"
  echo "!define FILE_VERSION $(nsis_str "$FILE_VERSION")"
  echo "!define DISPLAY_NAME $(nsis_str "$DISPLAY_NAME")"
  echo "!define PUBLISHER $(nsis_str "$PUBLISHER")"
  echo "!define COPYRIGHT $(nsis_str "$COPYRIGHT")"
  echo "!define WEBSITE $(nsis_str "$WEBSITE")"
  echo "!define ICON $(nsis_str "$(rel "$WORK/app.ico")")"
  echo "!define WIZARD_BMP $(nsis_str "$(rel "$WORK/wizard.bmp")")"
  echo "!define GUI_EXE $(nsis_str "$(rel "$WORK/gui/TownLedger.exe")")"
  echo "!define CLI_EXE $(nsis_str "$(rel "$WORK/cli/townledger.exe")")"
  echo "!define LICENSE_DIR $(nsis_str "$(rel "$WORK/licenses")")"
  echo "!define OUTFILE $(nsis_str "$(rel "$WORK/$(basename "$SETUP")")")"
} >"$WORK/meta.nsh"

# In the background: the zip below uses the second core meanwhile.
makensis -V2 -WX -INPUTCHARSET UTF8 "-DMETA_NSH=$(rel "$WORK/meta.nsh")" \
  "-DCOMPRESSION=$COMPRESSION" "$NSI" >"$WORK/makensis.log" 2>&1 &
MAKENSIS_PID=$!

# ---------------------------------------------------------------- portable zip
# 使用说明.txt: the template with @KEYS@ filled in (CRLF and BOM are added when zipping).
README_TXT="$WORK/readme.txt"
python3 - "$README_TEMPLATE" "$README_TXT" "$DISPLAY_NAME" "$VERSION" "$APP_NAME" "$COPYRIGHT" <<'EOF'
import re, sys
src, dst, display_name, version, app_name, copyright_ = sys.argv[1:]
text = open(src, encoding="utf-8").read()
for k, v in {"DISPLAY_NAME": display_name, "VERSION": version,
             "APP_NAME": app_name, "COPYRIGHT": copyright_}.items():
    text = text.replace("@" + k + "@", v)
left = re.findall(r"@[A-Z_]+@", text)
if left:
    sys.exit(f"package.sh: error: {src} has unknown keys {left}")
open(dst, "w", encoding="utf-8").write(text)
EOF

python3 - "$WORK/portable.zip" "$(abs "$GUI_EXE")" "$(abs "$CLI_EXE")" "$README_TXT" "$WORK/licenses" <<'EOF'
import os, struct, sys, time, zipfile, zlib
out, gui, cli, readme, licdir = sys.argv[1:]

class Entry(zipfile.ZipInfo):
    # Chinese Windows' built-in zip reader ignores the UTF-8 flag on older builds
    # and reads names in the OEM code page (936 = GBK). So non-ASCII names are
    # stored in GBK without the flag, plus an Info-ZIP Unicode Path extra field
    # (0x7075) with the UTF-8 name that 7-Zip, WinRAR, Bandizip and unzip prefer.
    def _encodeFilenameFlags(self):
        try:
            return self.filename.encode("ascii"), self.flag_bits
        except UnicodeEncodeError:
            return self.filename.encode("gbk"), self.flag_bits & ~0x800

def entry(name, is_dir=False):
    e = Entry(name, time.localtime()[:6])
    e.create_system = 0                              # MS-DOS attributes
    e.external_attr = 0x10 if is_dir else 0x20       # directory / archive
    e.compress_type = zipfile.ZIP_DEFLATED
    raw = name.encode("utf-8")
    if not name.isascii():
        gbk = name.encode("gbk")
        data = struct.pack("<BI", 1, zlib.crc32(gbk)) + raw
        e.extra = struct.pack("<HH", 0x7075, len(data)) + data
    return e

top = "TownLedger/"
with zipfile.ZipFile(out, "w", compresslevel=6) as z:
    z.writestr(entry(top, True), b"")
    with open(gui, "rb") as f: z.writestr(entry(top + "TownLedger.exe"), f.read())
    z.writestr(entry(top + "bin/", True), b"")
    with open(cli, "rb") as f: z.writestr(entry(top + "bin/townledger.exe"), f.read())
    text = open(readme, encoding="utf-8").read()
    z.writestr(entry(top + "使用说明.txt"), text.replace("\n", "\r\n").encode("utf-8-sig"))
    z.writestr(entry(top + "licenses/", True), b"")
    for n in sorted(os.listdir(licdir)):
        with open(os.path.join(licdir, n), "rb") as f:
            z.writestr(entry(top + "licenses/" + n), f.read())
with zipfile.ZipFile(out) as z:
    bad = z.testzip()
    if bad: sys.exit(f"package.sh: error: zip member {bad} is corrupt")
EOF

if ! wait "$MAKENSIS_PID"; then
  cat "$WORK/makensis.log" >&2
  die "makensis failed (log above)"
fi
[ -s "$WORK/$(basename "$SETUP")" ] || die "makensis wrote no installer"
mv -f "$WORK/$(basename "$SETUP")" "$SETUP"
mv -f "$WORK/portable.zip" "$ZIP"
size() { awk -v s="$(stat -c %s "$1")" 'BEGIN{printf "%.1f MiB", s/1048576}'; }
log "wrote $SETUP ($(size "$SETUP")) and $ZIP ($(size "$ZIP")) in $(( $(date +%s) - start ))s"
