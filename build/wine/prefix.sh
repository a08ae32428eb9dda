#!/usr/bin/env bash
# build/wine/prefix.sh DIR — make DIR a 64-bit Wine prefix that can run TownLedger's
# Go (>= 1.22) Windows exes under Debian's Wine 8.0. For tests only.
#
# Contract
#   Argument  DIR: a missing or empty directory -> a fresh prefix is made there;
#             an existing prefix (has system.reg) -> only the ProcessPrng shim is
#             refreshed (idempotent); anything else -> error, DIR is not touched.
#   Output    nothing on success; errors on stderr and a non-zero exit.
#   Env read  nothing required. Optional: TOWNLEDGER_WINE_CACHE (cache dir, default
#             ${XDG_CACHE_HOME:-$HOME/.cache}/townledger/wine), WIN_CC (default
#             x86_64-w64-mingw32-gcc). DISPLAY is ignored: the script starts no
#             Wine process in DIR, so the caller's first Wine command (with the
#             DISPLAY it wants, or none) starts the prefix's wineserver/desktop.
#   Env set   none — this script does not change the caller's environment. The
#             caller sets it itself when running Wine:
#               export WINEPREFIX=DIR WINEDEBUG=-all
#             (WINEDEBUG=-all also hides Debian's "wine32 is missing" hint.)
#             WINEARCH and WINEDLLOVERRIDES are not needed afterwards: the prefix
#             is win64 and its registry already disables the Mono/Gecko
#             installers (mscoree, mshtml) and winemenubuilder (so installed
#             shortcuts never create .desktop files on the Linux host).
#   The caller is responsible for `WINEPREFIX=DIR wineserver -k` and rm -rf DIR.
#
# What a prefix gets
#   * a copy of a pristine template prefix kept in the cache (made once per Wine
#     version with `wineboot -i`, headless, ~10 s; copies then take < 1 s because
#     the PE binaries are hard-linked — Wine never rewrites them in place — while
#     registry, ini and other text files are real copies);
#   * Windows version set to "win10" (what Go 1.21+ and our users need);
#   * no CJK fonts (a fresh prefix is the bare PC we want to test against);
#   * Desktop, Documents, Downloads, … as real folders inside DIR (Wine links
#     them to the Linux $HOME by default);
#   * drive_c/windows/system32/bcryptprimitives.dll = the ProcessPrng shim built
#     from processprng.c (rebuilt only when the .c or the compile flags change).
set -euo pipefail

die() { echo "prefix.sh: error: $*" >&2; exit 1; }

if [ $# -ne 1 ] || [ -z "$1" ]; then die "usage: $0 DIR"; fi
DIR=$1
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC="$HERE/processprng.c"
WIN_CC=${WIN_CC:-x86_64-w64-mingw32-gcc}
CACHE=${TOWNLEDGER_WINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/townledger/wine}

command -v wine >/dev/null 2>&1 || die "wine not found — install it with: build/deps.sh wine"
command -v wineserver >/dev/null 2>&1 || die "wineserver not found — install it with: build/deps.sh wine"
[ -f "$SRC" ] || die "$SRC is missing"

mkdir -p "$CACHE" || die "cannot create cache dir $CACHE"
# One prefix.sh at a time per cache: the template and the DLL are shared.
exec 9>"$CACHE/.lock"
flock 9 || die "cannot lock $CACHE/.lock"

# ------------------------------------------------------------------ the shim DLL
CFLAGS=(-shared -O2 -s -nostdlib '-Wl,--entry,DllMain')
LIBS=(-ladvapi32 -lkernel32)
DLL="$CACHE/bcryptprimitives.dll"
key=$( { cat "$SRC"; echo "$WIN_CC ${CFLAGS[*]} ${LIBS[*]}"; } | sha256sum | cut -d' ' -f1)
if [ ! -s "$DLL" ] || [ "$(cat "$DLL.key" 2>/dev/null)" != "$key" ]; then
  command -v "$WIN_CC" >/dev/null 2>&1 ||
    die "$WIN_CC not found — install it with: build/deps.sh windows"
  "$WIN_CC" "${CFLAGS[@]}" -o "$DLL.tmp" "$SRC" "${LIBS[@]}" ||
    die "building the ProcessPrng shim from $SRC failed"
  mv -f "$DLL.tmp" "$DLL"
  echo "$key" >"$DLL.key"
fi

# ------------------------------------------------------------------ template prefix
wine_version=$(WINEDEBUG=-all wine --version 2>/dev/null) || die "wine --version failed"
# "v2": bump when make_template changes, so old cached templates are not reused.
TEMPLATE="$CACHE/template-v2-${wine_version//[^A-Za-z0-9._-]/_}"
make_template() {
  local tmp log
  tmp=$(mktemp -d "$CACHE/template.tmp.XXXXXX")
  log="$tmp.log"
  # Headless, so the template never remembers a display; the overrides stop the
  # Mono and Gecko download prompts.
  if ! env -u DISPLAY -u WAYLAND_DISPLAY WINEPREFIX="$tmp" WINEARCH=win64 WINEDEBUG=-all \
         WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d" \
         sh -c 'wine wineboot -i &&
                wine reg add "HKCU\\Software\\Wine\\DllOverrides" /v mscoree /d "" /f &&
                wine reg add "HKCU\\Software\\Wine\\DllOverrides" /v mshtml /d "" /f &&
                wine reg add "HKCU\\Software\\Wine\\DllOverrides" /v winemenubuilder.exe /d "" /f &&
                wine reg add "HKCU\\Software\\Wine" /v Version /d win10 /f &&
                wineserver -w' >"$log" 2>&1; then
    WINEPREFIX="$tmp" wineserver -k 2>/dev/null || true
    cat "$log" >&2
    rm -rf "$tmp" "$log"
    die "creating the template Wine prefix failed (log above)"
  fi
  grep -q '"Version"="win10"' "$tmp/user.reg" ||
    { rm -rf "$tmp" "$log"; die "template prefix registry was not saved"; }
  # Wine links Desktop, Documents, … to the Linux $HOME: an installer's desktop
  # shortcut would land in /root. Real empty folders keep everything in DIR.
  local link
  for link in "$tmp"/drive_c/users/*/*; do
    if [ -L "$link" ]; then rm -f "$link" && mkdir "$link"; fi
  done
  # Server bookkeeping of that one prefix; a copy must get its own.
  rm -f "$tmp/wineserver" "$log"
  mv "$tmp" "$TEMPLATE"
}
if [ ! -f "$TEMPLATE/system.reg" ]; then
  # Leftovers of an interrupted run or of another Wine version (~700 MB each;
  # prefixes made from them keep their hard-linked files).
  rm -rf "$CACHE"/template.tmp.* "$CACHE"/template-*
  make_template
fi

# ------------------------------------------------------------------ DIR
if [ -f "$DIR/system.reg" ]; then
  :   # an existing prefix: only the DLL below
elif [ ! -e "$DIR" ] || [ -z "$(ls -A "$DIR")" ]; then
  mkdir -p "$DIR" || die "cannot create $DIR"
  # Hard links first (fast), then turn every file that is not a PE binary or
  # national-language table into a private copy, so that registry/ini/inf
  # writes in DIR can never reach the template.
  cp -al "$TEMPLATE/." "$DIR/" 2>/dev/null || cp -a "$TEMPLATE/." "$DIR/" ||
    die "copying the template prefix into $DIR failed"
  find "$DIR" -type f -links +1 ! \( -iname '*.dll' -o -iname '*.exe' -o -iname '*.sys' \
      -o -iname '*.drv' -o -iname '*.nls' -o -iname '*.ocx' -o -iname '*.cpl' -o -iname '*.acm' \
      -o -iname '*.tlb' -o -iname '*.ax' -o -iname '*.ds' -o -iname '*.com' -o -iname '*.ttf' \
      -o -iname '*.fon' \) \
    -exec sh -c 'for f; do cp -p "$f" "$f.unlink" && mv -f "$f.unlink" "$f"; done' sh {} + ||
    die "copying the template prefix's text files into $DIR failed"
else
  die "$DIR exists, is not empty and is not a Wine prefix — refusing to touch it"
fi

SYS32="$DIR/drive_c/windows/system32"
[ -d "$SYS32" ] || die "$SYS32 is missing — $DIR is not a 64-bit Wine prefix"
# Replace, never write through a hard link into the template.
if ! cmp -s "$DLL" "$SYS32/bcryptprimitives.dll"; then
  cp -f --remove-destination "$DLL" "$SYS32/bcryptprimitives.dll" ||
    die "cannot copy the shim into $SYS32"
fi
