#!/usr/bin/env bash
# build/windows.sh — cross-build the two Windows programs (amd64) on Debian:
#   dist/TownLedger.exe   the window (GUI subsystem: no console flashes up)
#   dist/townledger.exe   the command line (console subsystem: cmd waits for it, %errorlevel%
#                         is right, output shows in the console), same code and database
#
# Usage:  build/windows.sh            (run from anywhere; works on the repo root)
#
# What it does
#   1. reads Name / ID / Version / Build / Icon from FyneApp.toml's [Details] and DisplayName /
#      Publisher / Copyright from its [TownLedger] table;
#   2. installs github.com/tc-hib/go-winres (GO_WINRES_VERSION, once, into a cache dir);
#   3. copies the source tree to a temporary staging dir (the work tree never sees generated
#      files);
#   4. for each program, go-winres writes rsrc_windows_amd64.syso there: icon (256/64/48/32/16
#      px from the PNG), version info in Chinese (product 乡镇应急执法台账, company, copyright,
#      FileVersion = Version.Build) and a manifest (asInvoker, per-monitor-v2 DPI, common
#      controls v6, Windows 10+, long paths) — then `go build` with cgo (MinGW), -trimpath,
#      tags release,migrated_fynedo,no_emoji; the window build links with -H=windowsgui, the console one
#      sets main.subsystem=console. The program sets its own app ID and icon at start, so no
#      `fyne build` metadata step is needed;
#   5. checks each PE (subsystem, .rsrc present, no MinGW runtime DLLs) and writes dist/.
#
# Needs: go, Debian package gcc-mingw-w64-x86-64 (build/deps.sh windows), and the Go module
# proxy. A cold build takes several minutes on 2 cores; the second program and later builds
# reuse the Go build cache (seconds).
#
# Environment overrides: WIN_CC (default x86_64-w64-mingw32-gcc), GO_WINRES_VERSION,
#   TOWNLEDGER_TOOLS_DIR, KEEP_STAGE=1 (keep the staging dir for debugging).
set -euo pipefail

die() { echo "windows.sh: error: $*" >&2; exit 1; }
log() { echo "windows.sh: $*"; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

OUT_DIR="$ROOT/dist"
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
# Read `Key = "value"` / `Key = 123` from one table of FyneApp.toml.
toml_get() { # table key
  awk -v want="$1" -v key="$2" '
    /^[[:space:]]*\[/ { sect = $0; gsub(/[[:space:]\[\]]/, "", sect); next }
    sect == want {
      line = $0
      if (match(line, "^[[:space:]]*" key "[[:space:]]*=[[:space:]]*")) {
        val = substr(line, RLENGTH + 1)
        sub(/[[:space:]]*(#.*)?$/, "", val)
        if (val ~ /^".*"$/) val = substr(val, 2, length(val) - 2)
        print val; exit
      }
    }' FyneApp.toml
}
APP_NAME=$(toml_get Details Name)
APP_ID=$(toml_get Details ID)
APP_VERSION=$(toml_get Details Version)
APP_BUILD=$(toml_get Details Build)
APP_ICON=$(toml_get Details Icon)
DISPLAY_NAME=$(toml_get TownLedger DisplayName)
PUBLISHER=$(toml_get TownLedger Publisher)
COPYRIGHT=$(toml_get TownLedger Copyright)
APP_NAME=${APP_NAME:-TownLedger}
APP_BUILD=${APP_BUILD:-1}
DISPLAY_NAME=${DISPLAY_NAME:-$APP_NAME}
PUBLISHER=${PUBLISHER:-$APP_NAME}
COPYRIGHT=${COPYRIGHT:-© $PUBLISHER}

[ -n "$APP_VERSION" ] || die "FyneApp.toml has no [Details] Version = \"x.y.z\""
[[ "$APP_VERSION" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] ||
  die "FyneApp.toml Version \"$APP_VERSION\" must be x, x.y or x.y.z (digits only)"
[[ "$APP_BUILD" =~ ^[0-9]+$ ]] || die "FyneApp.toml Build \"$APP_BUILD\" must be an integer"
[ -n "$APP_ID" ] || die "FyneApp.toml has no [Details] ID"
[ -n "$APP_ICON" ] || die "FyneApp.toml has no [Details] Icon"
[ -f "$APP_ICON" ] || die "icon $APP_ICON (from FyneApp.toml) not found"
case "$APP_ICON" in /*|*..*) die "Icon in FyneApp.toml must be a path inside the repository";; esac

# x.y.z padded, plus build number: 0.1.0 + 3 -> 0.1.0.3
IFS=. read -r v1 v2 v3 <<<"$APP_VERSION"
PRODUCT_VERSION="${v1:-0}.${v2:-0}.${v3:-0}"
FILE_VERSION="$PRODUCT_VERSION.$APP_BUILD"
log "building $APP_NAME $PRODUCT_VERSION (build $APP_BUILD) for windows/amd64"

# ---------------------------------------------------------------- tools
# Built for the host with cgo off, so GOOS/GOARCH/CC of the caller don't leak in.
WINRES_DIR="$TOOLS_DIR/go-winres-$GO_WINRES_VERSION"
WINRES="$WINRES_DIR/go-winres"
if [ ! -x "$WINRES" ]; then
  log "installing github.com/tc-hib/go-winres@$GO_WINRES_VERSION (one-off) into $WINRES_DIR"
  mkdir -p "$WINRES_DIR"
  env -u GOOS -u GOARCH -u CC -u CXX -u CGO_CFLAGS -u CGO_LDFLAGS \
    CGO_ENABLED=0 GOBIN="$WINRES_DIR" go install "github.com/tc-hib/go-winres@$GO_WINRES_VERSION" ||
    die "go install go-winres failed"
fi

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
rm -f "$STAGE"/*.syso

# ---------------------------------------------------------------- one program
json_str() { local s=$1; s=${s//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }

# resources exe description: writes the .syso of one program into the staging dir.
resources() {
  local exe=$1 desc=$2
  cat >"$STAGE/winres.json" <<JSON
{
  "RT_GROUP_ICON": { "APP": { "0000": $(json_str "$APP_ICON") } },
  "RT_MANIFEST": {
    "#1": {
      "0409": {
        "description": $(json_str "$desc"),
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
          "0804": {
            "CompanyName": $(json_str "$PUBLISHER"),
            "FileDescription": $(json_str "$desc"),
            "FileVersion": "$FILE_VERSION",
            "InternalName": $(json_str "$APP_NAME"),
            "LegalCopyright": $(json_str "$COPYRIGHT"),
            "OriginalFilename": "$exe",
            "ProductName": $(json_str "$DISPLAY_NAME"),
            "ProductVersion": "$PRODUCT_VERSION"
          }
        }
      }
    }
  }
}
JSON
  rm -f "$STAGE"/*.syso
  (cd "$STAGE" && "$WINRES" make --in winres.json --arch amd64 --out rsrc) ||
    die "go-winres failed to make the resources of $exe"
  [ -f "$STAGE/rsrc_windows_amd64.syso" ] || die "go-winres did not write rsrc_windows_amd64.syso"
  rm -f "$STAGE/winres.json"
}

# program exe description subsystem ldflags...: builds, checks and moves one program to dist/.
program() {
  local exe=$1 desc=$2 want=$3
  shift 3
  resources "$exe" "$desc"
  log "compiling $exe (cold build: several minutes; warm: well under a minute)"
  (
    cd "$STAGE"
    env CC="$WIN_CC" CGO_ENABLED=1 GOOS=windows GOARCH=amd64 \
      go build -trimpath -tags release,migrated_fynedo,no_emoji -ldflags "-s -w $*" -o "$STAGE/$exe" .
  ) || die "go build of $exe failed"
  [ -s "$STAGE/$exe" ] || die "go build produced no $exe"
  if command -v "$OBJDUMP" >/dev/null 2>&1; then
    local pe bad
    pe=$("$OBJDUMP" -p "$STAGE/$exe") || die "$OBJDUMP cannot read $exe"
    grep -q "Subsystem.*$want" <<<"$pe" || die "$exe is not a $want-subsystem program"
    grep -q 'Resource Directory \[.rsrc\]' <<<"$pe" || die "$exe has no resources (.rsrc)"
    bad=$(grep -oiE 'DLL Name: (lib[^ ]*|[^ ]*mingw[^ ]*)\.dll' <<<"$pe" || true)
    [ -z "$bad" ] || die "$exe depends on MinGW runtime DLLs: $bad"
  fi
  mkdir -p "$OUT_DIR"
  mv -f "$STAGE/$exe" "$OUT_DIR/$exe"
  log "wrote dist/$exe ($(stat -c %s "$OUT_DIR/$exe" | awk '{printf "%.1f MiB", $1/1048576}'))"
}

program TownLedger.exe "$DISPLAY_NAME" "Windows GUI" -H=windowsgui
program townledger.exe "$DISPLAY_NAME（命令行）" "Windows CUI" -X main.subsystem=console
log "done in $(( $(date +%s) - start ))s"
