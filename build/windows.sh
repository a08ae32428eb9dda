#!/usr/bin/env bash
# build/windows.sh — cross-build dist/TownLedger.exe (Windows amd64) on Debian.
#
# Usage:  build/windows.sh            (run from anywhere; works on the repo root)
#
# What it does
#   1. reads Name / ID / Version / Build / Icon from FyneApp.toml;
#   2. installs two pinned build tools (once, into a cache dir, CGO off):
#        fyne.io/tools/cmd/fyne        (FYNE_TOOLS_VERSION, default v1.7.2)
#        github.com/tc-hib/go-winres   (GO_WINRES_VERSION,  default v0.3.3)
#   3. copies the source tree to a temporary staging dir (so the work tree never
#      sees generated files and FyneApp.toml is never rewritten);
#   4. go-winres writes rsrc_windows_amd64.syso there: icon (256/64/48/32/16 px
#      made from the PNG), version info (FileVersion = Version.Build,
#      ProductVersion = Version) and a manifest (asInvoker, per-monitor-v2 DPI,
#      common controls v6, Windows 10+, long paths);
#   5. `fyne build -os windows --release --tags migrated_fynedo` builds it:
#      cgo with CC=x86_64-w64-mingw32-gcc, -ldflags "-s -w -H=windowsgui",
#      -trimpath, tags release,migrated_fynedo, and the app metadata
#      (ID, name, version, icon) injected so app.Metadata()/the window icon work;
#   6. checks the PE (GUI subsystem, .rsrc present, no MinGW runtime DLLs),
#      writes dist/TownLedger.exe and prints its size.
#
# Needs: go, Debian package gcc-mingw-w64-x86-64 (build/deps.sh windows), and the
# Go module proxy. A cold build takes several minutes on 2 cores; later builds
# reuse the Go build cache.
#
# Environment overrides: WIN_CC (default x86_64-w64-mingw32-gcc),
#   FYNE_TOOLS_VERSION, GO_WINRES_VERSION, TOWNLEDGER_TOOLS_DIR,
#   KEEP_STAGE=1 (keep the staging dir for debugging).
set -euo pipefail

die() { echo "windows.sh: error: $*" >&2; exit 1; }
log() { echo "windows.sh: $*"; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

EXE_NAME=TownLedger.exe
OUT_DIR="$ROOT/dist"
OUT="$OUT_DIR/$EXE_NAME"
FYNE_TOOLS_VERSION=${FYNE_TOOLS_VERSION:-v1.7.2}
GO_WINRES_VERSION=${GO_WINRES_VERSION:-v0.3.3}
WIN_CC=${WIN_CC:-x86_64-w64-mingw32-gcc}
OBJDUMP=${WIN_CC%gcc}objdump
TOOLS_DIR=${TOWNLEDGER_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/townledger/tools}

start=$(date +%s)

# ---------------------------------------------------------------- checks
command -v go >/dev/null 2>&1 || die "go not found in PATH"
command -v "$WIN_CC" >/dev/null 2>&1 ||
  die "$WIN_CC not found — install it with: build/deps.sh windows (Debian package gcc-mingw-w64-x86-64)"
[ -f go.mod ] || die "no go.mod in $ROOT"
[ -f FyneApp.toml ] || die "no FyneApp.toml in $ROOT"

# ---------------------------------------------------------------- metadata
# Read `Key = "value"` / `Key = 123` from the [Details] table of FyneApp.toml.
toml_details() {
  awk -v key="$1" '
    /^[[:space:]]*\[/ { sect = $0; gsub(/[[:space:]\[\]]/, "", sect); next }
    sect == "Details" {
      line = $0
      if (match(line, "^[[:space:]]*" key "[[:space:]]*=[[:space:]]*")) {
        val = substr(line, RLENGTH + 1)
        sub(/[[:space:]]*(#.*)?$/, "", val)
        if (val ~ /^".*"$/) val = substr(val, 2, length(val) - 2)
        print val; exit
      }
    }' FyneApp.toml
}
APP_NAME=$(toml_details Name)
APP_ID=$(toml_details ID)
APP_VERSION=$(toml_details Version)
APP_BUILD=$(toml_details Build)
APP_ICON=$(toml_details Icon)
APP_NAME=${APP_NAME:-TownLedger}
APP_BUILD=${APP_BUILD:-1}

[ -n "$APP_VERSION" ] || die "FyneApp.toml has no [Details] Version = \"x.y.z\""
[[ "$APP_VERSION" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] ||
  die "FyneApp.toml Version \"$APP_VERSION\" must be x, x.y or x.y.z (digits only)"
[[ "$APP_BUILD" =~ ^[0-9]+$ ]] || die "FyneApp.toml Build \"$APP_BUILD\" must be an integer"
[ -n "$APP_ID" ] || die "FyneApp.toml has no [Details] ID (needed for a release build)"
[ -n "$APP_ICON" ] || die "FyneApp.toml has no [Details] Icon"
[ -f "$APP_ICON" ] || die "icon $APP_ICON (from FyneApp.toml) not found"
case "$APP_ICON" in /*|*..*) die "Icon in FyneApp.toml must be a path inside the repository";; esac

# x.y.z padded, plus build number: 0.1.0 + 3 -> 0.1.0.3
IFS=. read -r v1 v2 v3 <<<"$APP_VERSION"
PRODUCT_VERSION="${v1:-0}.${v2:-0}.${v3:-0}"
FILE_VERSION="$PRODUCT_VERSION.$APP_BUILD"
log "building $APP_NAME $PRODUCT_VERSION (build $APP_BUILD, id $APP_ID) for windows/amd64"

# ---------------------------------------------------------------- tools
# Built for the host with cgo off, so GOOS/GOARCH/CC of the caller don't leak in.
install_tool() { # name module@version -> prints path of the binary
  local name=$1 pkg=$2 dir bin
  dir="$TOOLS_DIR/$name-${pkg##*@}"
  bin="$dir/$name"
  if [ ! -x "$bin" ]; then
    log "installing $pkg (one-off) into $dir" >&2
    mkdir -p "$dir"
    env -u GOOS -u GOARCH -u CC -u CXX -u CGO_CFLAGS -u CGO_LDFLAGS \
      CGO_ENABLED=0 GOBIN="$dir" go install "$pkg" >&2 ||
      die "go install $pkg failed"
  fi
  echo "$bin"
}
FYNE=$(install_tool fyne "fyne.io/tools/cmd/fyne@$FYNE_TOOLS_VERSION")
WINRES=$(install_tool go-winres "github.com/tc-hib/go-winres@$GO_WINRES_VERSION")

# ---------------------------------------------------------------- staging copy
STAGE=$(mktemp -d "${TMPDIR:-/tmp}/townledger-win.XXXXXX")
cleanup() {
  if [ "${KEEP_STAGE:-0}" = 1 ]; then log "staging dir kept: $STAGE"; else rm -rf "$STAGE"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if git -C "$ROOT" rev-parse --show-toplevel >/dev/null 2>&1 &&
   [ "$(git -C "$ROOT" rev-parse --show-toplevel)" = "$ROOT" ]; then
  # tracked + untracked-but-not-ignored files, i.e. what a fresh clone plus local edits has
  git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
    tar --null -T - -cf - | tar -xf - -C "$STAGE"
else
  tar --exclude=./.git --exclude=./dist -cf - . | tar -xf - -C "$STAGE"
fi
[ -f "$STAGE/$APP_ICON" ] || cp "$APP_ICON" "$STAGE/$APP_ICON"
rm -f "$STAGE"/*.syso "$STAGE/fyne_metadata_init.go"

# ---------------------------------------------------------------- resources (.syso)
json_str() { local s=$1; s=${s//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }
cat >"$STAGE/winres.json" <<EOF
{
  "RT_GROUP_ICON": {
    "APP": { "0000": $(json_str "$APP_ICON") }
  },
  "RT_MANIFEST": {
    "#1": {
      "0409": {
        "description": $(json_str "$APP_NAME"),
        "minimum-os": "win10",
        "execution-level": "as invoker",
        "dpi-awareness": "per monitor v2",
        "use-common-controls-v6": true,
        "long-path-aware": true
      }
    }
  },
  "RT_VERSION": {
    "#1": {
      "0000": {
        "fixed": { "file_version": "$FILE_VERSION", "product_version": "$PRODUCT_VERSION" },
        "info": {
          "0409": {
            "FileDescription": $(json_str "$APP_NAME"),
            "FileVersion": "$FILE_VERSION",
            "InternalName": $(json_str "$APP_ID"),
            "LegalCopyright": $(json_str "Copyright © $APP_NAME"),
            "OriginalFilename": "$EXE_NAME",
            "ProductName": $(json_str "$APP_NAME"),
            "ProductVersion": "$PRODUCT_VERSION"
          }
        }
      }
    }
  }
}
EOF
(cd "$STAGE" && "$WINRES" make --in winres.json --arch amd64 --out rsrc) ||
  die "go-winres failed to make the resource file"
[ -f "$STAGE/rsrc_windows_amd64.syso" ] || die "go-winres did not write rsrc_windows_amd64.syso"
rm -f "$STAGE/winres.json"

# ---------------------------------------------------------------- build
# fyne build --release adds: -tags release(,migrated_fynedo from [Migrations]),
# -ldflags "-s -w -H=windowsgui", -trimpath, CGO_CFLAGS "-O3 -D_FORTIFY_SOURCE=3
# -fstack-protector-strong". Debian's MinGW needs libssp for the last two, linked
# statically (else: undefined reference to `__stack_chk_fail' / `__memcpy_chk').
log "compiling (cold build: several minutes; warm: well under a minute)"
(
  cd "$STAGE"
  env -u GOOS CC="$WIN_CC" CGO_ENABLED=1 GOARCH=amd64 \
    CGO_LDFLAGS="${CGO_LDFLAGS:+$CGO_LDFLAGS }-static-libgcc -l:libssp.a" \
    "$FYNE" build -os windows --release --tags migrated_fynedo -o "$STAGE/$EXE_NAME"
) || die "fyne build failed"
[ -s "$STAGE/$EXE_NAME" ] || die "fyne build produced no $EXE_NAME"

# ---------------------------------------------------------------- checks on the PE
if command -v "$OBJDUMP" >/dev/null 2>&1; then
  pe=$("$OBJDUMP" -p "$STAGE/$EXE_NAME") || die "$OBJDUMP cannot read the exe"
  grep -q 'Subsystem.*Windows GUI' <<<"$pe" || die "exe is not a GUI-subsystem binary"
  grep -q 'Resource Directory \[.rsrc\]' <<<"$pe" || die "exe has no resources (.rsrc)"
  bad=$(grep -oiE 'DLL Name: (lib[^ ]*|[^ ]*mingw[^ ]*)\.dll' <<<"$pe" || true)
  [ -z "$bad" ] || die "exe depends on MinGW runtime DLLs: $bad"
fi

mkdir -p "$OUT_DIR"
mv -f "$STAGE/$EXE_NAME" "$OUT"
size=$(stat -c %s "$OUT")
log "wrote ${OUT#"$ROOT"/} ($(awk -v s="$size" 'BEGIN{printf "%.1f MiB", s/1048576}'), $size bytes) in $(( $(date +%s) - start ))s"
