#!/usr/bin/env bash
# build/wine/installer-test.sh [SETUP_EXE] — test the Windows installer under Wine.
#
#   SETUP_EXE  default: dist/<Name>-<Version>-setup.exe from FyneApp.toml
#              (make it with build/package.sh)
#   KEEP=1     keep the Wine prefix and print its path (for poking around)
#   TOWNLEDGER_WINE_CACHE  see prefix.sh
#
# Runs on a fresh prefix (build/wine/prefix.sh) under its own Xvfb; both, and the
# prefix's wineserver, are gone when it exits. One line per check, then the time;
# exit 1 at the first failed check. About 20–40 s (the first run on a machine adds
# ~15 s to make prefix.sh's template).
#
# Checks: the setup exe asks for no admin rights (manifest asInvoker) and carries
# the Chinese product name; a silent install puts both exes, the uninstaller and
# the two shortcuts in the user profile, the Apps & features entry in HKCU and
# nothing in HKLM or Program Files; the user's PATH gets the bin\ folder once,
# keeping its type and %variables%; a second install (upgrade) keeps the data
# byte for byte; the installer refuses (exit 2) while TownLedger.exe is in use;
# a silent uninstall removes program, shortcuts, entry and PATH entry and keeps
# the data; /DELETEDATA removes the data; a PATH too long to edit safely is left
# alone.
# `[ a ] && [ b ] || fail …` is used on purpose below: fail always exits.
# shellcheck disable=SC2015
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
T0=$(date +%s%N)
PASS=0

die() { echo "installer-test: error: $*" >&2; exit 1; }
elapsed() { awk -v a="$T0" -v b="$(date +%s%N)" 'BEGIN{printf "%.1fs", (b-a)/1e9}'; }
ok() { PASS=$((PASS + 1)); printf 'ok   %-62s %s\n' "$1" "$(elapsed)"; }
fail() { printf 'FAIL %s\n' "$1" >&2; shift; [ $# -gt 0 ] && printf '     %s\n' "$@" >&2; exit 1; }

for tool in wine wineserver Xvfb python3 x86_64-w64-mingw32-gcc; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found (build/deps.sh wine headless windows)"
done

if [ $# -ge 1 ]; then
  SETUP=$1
else
  SETUP=$(cd "$ROOT" && python3 -c 'import tomllib; d = tomllib.load(open("FyneApp.toml", "rb"))["Details"]; print("dist/%s-%s-setup.exe" % (d["Name"], d["Version"]))') ||
    die "cannot read Name/Version from FyneApp.toml"
  SETUP="$ROOT/$SETUP"
fi
[ -f "$SETUP" ] || die "$SETUP not found — run build/package.sh first"
SETUP=$(cd "$(dirname "$SETUP")" && pwd)/$(basename "$SETUP")
DISPLAY_NAME=$(cd "$ROOT" && python3 -c 'import tomllib; print(tomllib.load(open("FyneApp.toml", "rb"))["TownLedger"]["DisplayName"])') ||
  die "cannot read [TownLedger] DisplayName from FyneApp.toml"

# ------------------------------------------------------------ 1. the setup exe itself (no Wine)
python3 - "$SETUP" "$DISPLAY_NAME" <<'EOF' || fail "setup exe resources" "see above"
import re, struct, sys
path, display_name = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
pe = struct.unpack_from("<I", data, 0x3C)[0]
nsec = struct.unpack_from("<H", data, pe + 6)[0]
optsize = struct.unpack_from("<H", data, pe + 20)[0]
magic = struct.unpack_from("<H", data, pe + 24)[0]
if magic != 0x20B: sys.exit("setup exe is not a 64-bit (PE32+) program")
ddir = pe + 24 + 112                     # PE32+ data directories
rva, size = struct.unpack_from("<II", data, ddir + 2 * 8)   # entry 2: resources
secs = pe + 24 + optsize
def off(r):
    for i in range(nsec):
        vs, va, _, raw = struct.unpack_from("<IIII", data, secs + i * 40 + 8)
        if va <= r < va + max(vs, 1): return r - va + raw
    sys.exit("bad resource RVA")
base = off(rva)
def entries(o):
    n = sum(struct.unpack_from("<HH", data, o + 12))
    for i in range(n):
        name, target = struct.unpack_from("<II", data, o + 16 + i * 8)
        yield name, target
def leaves(o):
    for _, t in entries(o):
        if t & 0x80000000: yield from leaves(base + (t & 0x7FFFFFFF))
        else:
            r, s = struct.unpack_from("<II", data, base + t)
            yield data[off(r):off(r) + s]
res = {n: base + (t & 0x7FFFFFFF) for n, t in entries(base)}
if 24 not in res: sys.exit("setup exe has no manifest (RT_MANIFEST)")
man = b"".join(leaves(res[24])).decode("utf-8", "replace")
lvl = re.search(r'requestedExecutionLevel\s+level="([^"]+)"', man)
if not lvl or lvl.group(1) != "asInvoker":
    sys.exit(f"manifest asks for {lvl.group(1) if lvl else 'nothing'}, want asInvoker (no admin prompt)")
if 16 not in res: sys.exit("setup exe has no version resource")
ver = b"".join(leaves(res[16]))
if display_name.encode("utf-16-le") not in ver:
    sys.exit(f"version resource does not name the product {display_name}")
EOF
ok "setup exe: 64-bit, manifest asInvoker, version info names $DISPLAY_NAME"

# ------------------------------------------------------------ 2. prefix + Xvfb
WORK=$(mktemp -d "${TMPDIR:-/tmp}/townledger-itest.XXXXXX")
export WINEPREFIX="$WORK/prefix" WINEDEBUG=-all
XVFB_PID=
cleanup() {
  WINEPREFIX="$WORK/prefix" wineserver -k >/dev/null 2>&1 || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null && wait "$XVFB_PID" 2>/dev/null
  if [ "${KEEP:-0}" = 1 ]; then echo "installer-test: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$HERE/prefix.sh" "$WINEPREFIX" || die "prefix.sh failed"
# Xvfb picks a free display itself and writes its number to fd 3 when ready.
Xvfb -displayfd 3 -nolisten tcp -screen 0 1024x768x24 3>"$WORK/display" >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 100); do [ -s "$WORK/display" ] && break; sleep 0.05; done
[ -s "$WORK/display" ] || { cat "$WORK/xvfb.log" >&2; die "Xvfb did not start"; }
DISPLAY=":$(head -n1 "$WORK/display")"
export DISPLAY
ok "fresh prefix and Xvfb on $DISPLAY"

# ------------------------------------------------------------ helpers
USERDIR=
for d in "$WINEPREFIX"/drive_c/users/*; do
  [ "$(basename "$d")" != Public ] && [ -d "$d/AppData" ] && USERDIR=$d
done
[ -n "$USERDIR" ] || die "no user profile in $WINEPREFIX/drive_c/users"
WUSER=$(basename "$USERDIR")
INST="$USERDIR/AppData/Local/Programs/TownLedger"
WINST="C:\\users\\$WUSER\\AppData\\Local\\Programs\\TownLedger"
DATA="$USERDIR/AppData/Local/TownLedger"
PREFS="$USERDIR/AppData/Roaming/fyne/cn.gov.townledger"
START_LNK="$USERDIR/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/$DISPLAY_NAME.lnk"
DESK_LNK="$USERDIR/Desktop/$DISPLAY_NAME.lnk"
UKEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\TownLedger'

run() { # exe args... -> exit code in $RC (never fails the script)
  RC=0
  wine "$@" >>"$WORK/wine.log" 2>&1 || RC=$?
}
# Prints a registry key as lines NAME<TAB>TYPE<TAB>VALUE (values as stored:
# REG_EXPAND_SZ unexpanded); nothing when the key does not exist.
regdump() {
  rm -f "$WORK/k.reg"
  wine reg export "$1" "$WORK/k.reg" /y >/dev/null 2>&1 || return 0
  python3 - "$WORK/k.reg" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-16").read().replace("\\\n  ", "")
for line in text.splitlines():
    m = re.match(r'"((?:[^"\\]|\\.)*)"=(.*)$', line)
    if not m: continue
    name, v = m.group(1).replace('\\"', '"').replace("\\\\", "\\"), m.group(2)
    if v.startswith('"'):
        t, val = "REG_SZ", v[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    elif v.startswith("dword:"):
        t, val = "REG_DWORD", str(int(v[6:], 16))
    elif v.startswith("hex(2):"):
        raw = bytes(int(b, 16) for b in v[7:].split(",") if b)
        t, val = "REG_EXPAND_SZ", raw.decode("utf-16-le").rstrip("\0")
    else:
        t, val = "OTHER", v
    print(f"{name}\t{t}\t{val}")
EOF
}
regval() { # key name -> "TYPE<TAB>VALUE" or ""
  regdump "$1" | awk -F'\t' -v n="$2" 'tolower($1) == tolower(n) { print $2 "\t" $3; exit }'
}
sha() { sha256sum "$1" | cut -d' ' -f1; }

# ------------------------------------------------------------ 3. user data and PATH before installing
mkdir -p "$DATA/backups" "$PREFS"
head -c 300000 /dev/urandom >"$DATA/townledger.db"
head -c 4096 /dev/urandom >"$DATA/townledger.db-wal"
echo '{"theme":"light"}' >"$PREFS/preferences.json"
DB_SUM=$(sha "$DATA/townledger.db")
# A typical user PATH: REG_EXPAND_SZ with a %variable% that must stay unexpanded.
ORIG_PATH='C:\Tools;%USERPROFILE%\AppData\Local\Microsoft\WindowsApps'
run reg add 'HKCU\Environment' /v Path /t REG_EXPAND_SZ /d "$ORIG_PATH" /f
[ "$RC" = 0 ] || fail "could not seed the user PATH (wine reg add: $RC)"

# ------------------------------------------------------------ 4. silent install
run "$SETUP" /S
[ "$RC" = 0 ] || fail "setup.exe /S exited with $RC" "log: $WORK/wine.log"
for f in TownLedger.exe bin/townledger.exe uninstall.exe; do
  [ -s "$INST/$f" ] || fail "setup.exe /S: $INST/$f missing" "$(find "$INST" 2>&1 | head -20)"
done
cmp -s "$INST/TownLedger.exe" "$INST/bin/townledger.exe" && [ "$(stat -c %s "$INST/TownLedger.exe")" -gt 0 ] &&
  echo "installer-test: note: GUI and console exes are identical (stand-in console build?)"
ok "setup.exe /S: TownLedger.exe, bin\\townledger.exe, uninstall.exe in AppData\\Local\\Programs"
# The installed console exe runs (whole file extracted; ProcessPrng shim works).
RC=0
wine "$INST/bin/townledger.exe" --version >"$WORK/version.txt" 2>&1 || RC=$?
[ "$RC" = 0 ] && [ -s "$WORK/version.txt" ] ||
  fail "installed bin\\townledger.exe --version exited with $RC" "$(head -5 "$WORK/version.txt")"
ok "installed townledger.exe --version: $(head -n1 "$WORK/version.txt" | tr -d '\r' | cut -c1-40)"
[ -f "$START_LNK" ] || fail "Start-menu shortcut missing: $START_LNK"
[ -f "$DESK_LNK" ] || fail "desktop shortcut missing: $DESK_LNK"
grep -qa 'TownLedger.exe' "$START_LNK" || fail "Start-menu shortcut does not point to TownLedger.exe"
ok "Start-menu and desktop shortcuts $DISPLAY_NAME.lnk"

regdump "$UKEY" >"$WORK/ukey.txt"
want() { # name type value
  local got
  got=$(awk -F'\t' -v n="$1" '$1 == n { print $2 "\t" $3; exit }' "$WORK/ukey.txt")
  [ "$got" = "$2"$'\t'"$3" ] || fail "uninstall entry $1: got '${got//$'\t'/ }', want '$2 $3'" "$(cat "$WORK/ukey.txt")"
}
want DisplayName REG_SZ "$DISPLAY_NAME"
want InstallLocation REG_SZ "$WINST"
want UninstallString REG_SZ "\"$WINST\\uninstall.exe\""
want QuietUninstallString REG_SZ "\"$WINST\\uninstall.exe\" /S"
want DisplayIcon REG_SZ "$WINST\\TownLedger.exe,0"
want NoModify REG_DWORD 1
want NoRepair REG_DWORD 1
for n in DisplayVersion Publisher EstimatedSize; do
  grep -q "^$n"$'\t' "$WORK/ukey.txt" || fail "uninstall entry has no $n" "$(cat "$WORK/ukey.txt")"
done
ok "HKCU uninstall entry: $(awk -F'\t' '$1=="DisplayName"{d=$3} $1=="DisplayVersion"{v=$3} END{print d" "v}' "$WORK/ukey.txt"), publisher, icon, size"

hklm=$(regdump 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\TownLedger'; regdump 'HKLM\Software\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall\TownLedger')
[ -z "$hklm" ] || fail "installer wrote to HKLM" "$hklm"
pf=$(find "$WINEPREFIX/drive_c/Program Files" "$WINEPREFIX/drive_c/Program Files (x86)" -iname '*townledger*' 2>/dev/null | head -3)
[ -z "$pf" ] || fail "installer wrote into Program Files" "$pf"
ok "nothing in HKLM or Program Files"

path_now() { regval 'HKCU\Environment' Path; }
WANT_PATH="$ORIG_PATH;$WINST\\bin"
got=$(path_now)
[ "$got" = "REG_EXPAND_SZ"$'\t'"$WANT_PATH" ] ||
  fail "user PATH after install" "got:  ${got//$'\t'/ }" "want: REG_EXPAND_SZ $WANT_PATH"
ok "user PATH: bin\\ folder appended, REG_EXPAND_SZ and %USERPROFILE% kept"

# ------------------------------------------------------------ 5. upgrade over the install
before_exe=$(stat -c %Y.%s "$INST/TownLedger.exe")
touch -d '2001-01-01' "$INST/TownLedger.exe"      # so a rewrite is visible
run "$SETUP" /S
[ "$RC" = 0 ] || fail "second setup.exe /S (upgrade) exited with $RC"
[ "$(stat -c %Y "$INST/TownLedger.exe")" != "$(date -d 2001-01-01 +%s)" ] ||
  fail "upgrade did not replace TownLedger.exe" "$before_exe"
[ "$(sha "$DATA/townledger.db")" = "$DB_SUM" ] || fail "upgrade changed $DATA/townledger.db"
[ -f "$DATA/townledger.db-wal" ] && [ -f "$PREFS/preferences.json" ] || fail "upgrade removed data files"
got=$(path_now)
[ "$got" = "REG_EXPAND_SZ"$'\t'"$WANT_PATH" ] || fail "PATH after upgrade (entry twice?)" "got: ${got//$'\t'/ }"
ok "upgrade: program replaced, data byte-identical, PATH entry still once"

# ------------------------------------------------------------ 6. program in use
# hold.exe maps TownLedger.exe as an image, as a running TownLedger does, until
# its flag file is deleted.
cat >"$WORK/hold.c" <<'EOF'
#include <windows.h>
int wmain(int argc, wchar_t **argv)
{
    if (argc != 3 || !LoadLibraryExW(argv[1], NULL, DONT_RESOLVE_DLL_REFERENCES))
        return 1;
    CloseHandle(CreateFileW(argv[2], GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL));
    while (GetFileAttributesW(argv[2]) != INVALID_FILE_ATTRIBUTES)
        Sleep(20);
    return 0;
}
EOF
x86_64-w64-mingw32-gcc -municode -O2 -s -o "$WORK/hold.exe" "$WORK/hold.c" || die "building hold.exe failed"
wine "$WORK/hold.exe" "$WINST\\TownLedger.exe" 'C:\hold.flag' >>"$WORK/wine.log" 2>&1 &
HOLD_PID=$!
for _ in $(seq 200); do [ -e "$WINEPREFIX/drive_c/hold.flag" ] && break; sleep 0.05; done
[ -e "$WINEPREFIX/drive_c/hold.flag" ] || fail "hold.exe did not start"
sum_exe=$(sha "$INST/TownLedger.exe")
run "$SETUP" /S
busy_rc=$RC
run "$INST/uninstall.exe" /S "_?=$WINST"
unbusy_rc=$RC
rm -f "$WINEPREFIX/drive_c/hold.flag"
wait "$HOLD_PID" 2>/dev/null || true
[ "$busy_rc" = 2 ] || fail "setup.exe /S while TownLedger.exe is in use exited with $busy_rc, want 2 (aborted)"
[ "$unbusy_rc" = 2 ] || fail "uninstall.exe /S while TownLedger.exe is in use exited with $unbusy_rc, want 2"
[ -f "$INST/TownLedger.exe" ] && [ "$(sha "$INST/TownLedger.exe")" = "$sum_exe" ] && [ -f "$INST/bin/townledger.exe" ] ||
  fail "installer/uninstaller changed files while the program was in use"
[ -n "$(regdump "$UKEY")" ] || fail "uninstaller removed the entry while the program was in use"
ok "program in use: setup and uninstall stop with exit code 2, nothing changed"

# ------------------------------------------------------------ 7. silent uninstall keeps data
run "$INST/uninstall.exe" /S "_?=$WINST"
[ "$RC" = 0 ] || fail "uninstall.exe /S exited with $RC"
rm -f "$INST/uninstall.exe"; rmdir "$INST" 2>/dev/null || true   # _?= runs it in place
left=$(find "$INST" 2>/dev/null | head -5 || true)
[ -z "$left" ] || fail "uninstall left program files behind" "$left"
[ ! -e "$START_LNK" ] && [ ! -e "$DESK_LNK" ] || fail "uninstall left the shortcuts"
[ -z "$(regdump "$UKEY")" ] || fail "uninstall left the HKCU uninstall entry"
[ "$(sha "$DATA/townledger.db")" = "$DB_SUM" ] && [ -f "$DATA/townledger.db-wal" ] && [ -f "$PREFS/preferences.json" ] ||
  fail "plain uninstall touched the data in $DATA or $PREFS"
got=$(path_now)
[ "$got" = "REG_EXPAND_SZ"$'\t'"$ORIG_PATH" ] || fail "PATH after uninstall" "got:  ${got//$'\t'/ }" "want: REG_EXPAND_SZ $ORIG_PATH"
ok "uninstall /S: program, shortcuts, entry, PATH entry gone; data kept"

# ------------------------------------------------------------ 8. long PATHs, then /DELETEDATA
# 1100 characters: more than NSIS can even read (NSIS_MAX_STRLEN 1024);
# 1000: readable, but no room for the entry. Both must stay exactly as they are.
make_path() { local p="C:\\Tools"; while [ ${#p} -lt "$1" ]; do p="$p;C:\\Very\\Long\\Folder\\Name\\${#p}"; done; printf '%s' "${p:0:$1}"; }
for len in 1100 1000; do
  LONG_PATH=$(make_path "$len")
  run reg add 'HKCU\Environment' /v Path /t REG_EXPAND_SZ /d "$LONG_PATH" /f
  run "$SETUP" /S
  [ "$RC" = 0 ] || fail "setup.exe /S with a PATH of $len characters exited with $RC"
  got=$(path_now)
  [ "$got" = "REG_EXPAND_SZ"$'\t'"$LONG_PATH" ] || fail "installer changed a PATH of $len characters" "got: ${got:0:200}…"
  [ -z "$(regval "$UKEY" PathEntry)" ] || fail "installer recorded a PATH entry it did not add"
  [ "$len" = 1000 ] && break
  run "$INST/uninstall.exe" /S "_?=$WINST"
  [ "$RC" = 0 ] || fail "uninstall.exe /S exited with $RC"
  rm -f "$INST/uninstall.exe"; rmdir "$INST" 2>/dev/null || true
  got=$(path_now)
  [ "$got" = "REG_EXPAND_SZ"$'\t'"$LONG_PATH" ] || fail "uninstall changed a PATH of $len characters"
done
ok "PATHs of 1100 and 1000 characters (too long to edit safely) left alone"

run "$INST/uninstall.exe" /S /DELETEDATA "_?=$WINST"
[ "$RC" = 0 ] || fail "uninstall.exe /S /DELETEDATA exited with $RC"
rm -f "$INST/uninstall.exe"; rmdir "$INST" 2>/dev/null || true
[ ! -e "$DATA" ] || fail "/DELETEDATA left $DATA" "$(ls -la "$DATA")"
[ ! -e "$PREFS" ] || fail "/DELETEDATA left $PREFS"
[ ! -e "$INST" ] && [ -z "$(regdump "$UKEY")" ] || fail "/DELETEDATA uninstall left program files or the entry"
got=$(path_now)
[ "$got" = "REG_EXPAND_SZ"$'\t'"$LONG_PATH" ] || fail "uninstall changed the long PATH"
ok "uninstall /S /DELETEDATA: data and Fyne preferences removed"

echo "installer-test: all $PASS checks passed in $(elapsed)"
