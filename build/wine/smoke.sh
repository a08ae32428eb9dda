#!/usr/bin/env bash
# build/wine/smoke.sh — the Windows programs as a new user meets them, under Debian's Wine on
# a fresh prefix with no CJK font (build/wine/prefix.sh). Checks, each failing loudly:
#   1. the console program through `wine cmd /c` in a .bat (--version, init, demo, export to
#      a Chinese file name with a space, a wrong command, a refused export): the exit codes
#      cmd sees in %errorlevel%, and the output redirected to files, read in code page 936
#      as a Chinese console would;
#   2. the window program on Xvfb: its first window comes up, fits the screen, and draws its
#      Chinese from the bundled font — compared with the Linux build's rendering of the same
#      screen at the same size with the system fonts hidden (boxes instead of glyphs, or a
#      blank window, differ from it in thousands of pixels); a second start brings the first
#      window forward and ends instead of opening the database twice;
#   3. the window program on an X server without GLX (no OpenGL): it shows its message box
#      and exits with status 1 once the box is closed, instead of staying alive invisible.
# Usage: build/wine/smoke.sh [dist/TownLedger.exe dist/townledger.exe dist/townledger]
# SHOT=docs/windows.png also keeps the 1366×768 screenshot of the window for the README.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
GUI=$(realpath "${1:-$ROOT/dist/TownLedger.exe}")
CON=$(realpath "${2:-$ROOT/dist/townledger.exe}")
LIN=$(realpath "${3:-$ROOT/dist/townledger}")
start=$(date +%s)

fail() { echo "wine-smoke: FAIL: $*" >&2; exit 1; }
ok() { echo "wine-smoke: ok   $*"; }
for f in "$GUI" "$CON" "$LIN"; do [ -f "$f" ] || fail "$f is missing (make build windows)"; done
for c in wine wineserver Xvfb xdotool import compare iconv; do
  command -v "$c" >/dev/null || fail "$c not found (build/deps.sh headless wine)"
done
locale -a 2>/dev/null | grep -qi '^zh_CN.utf8$' ||
  fail "the zh_CN.UTF-8 locale is missing, so Wine would not run in code page 936 (build/deps.sh wine)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/townledger-wine.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  WINEPREFIX="$tmp/prefix" wineserver -k 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

"$HERE/prefix.sh" "$tmp/prefix"
# A Chinese Windows PC: code page 936 for the console and for files.
export WINEPREFIX="$tmp/prefix" WINEDEBUG=-all LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8
drive="$WINEPREFIX/drive_c"
# As installed: Windows file names ignore case, so the command line lives in bin\.
mkdir -p "$drive/tl/bin"
cp "$GUI" "$drive/tl/TownLedger.exe"
cp "$CON" "$drive/tl/bin/townledger.exe"

# xserver N [args]: a throw-away X server on display :N
xserver() {
  local n=$1; shift
  Xvfb ":$n" -nolisten tcp "$@" >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && return 0; sleep 0.1; done
  fail "Xvfb :$n did not start"
}
freedisplay() { local n=$1; while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done; echo "$n"; }
# waitwin DISPLAY NAME SECONDS: the id of the first visible window whose title has NAME
waitwin() {
  local id
  for _ in $(seq $(($3 * 4))); do
    id=$(DISPLAY=$1 xdotool search --onlyvisible --name "$2" 2>/dev/null | head -1 || true)
    [ -n "$id" ] && { echo "$id"; return 0; }
    sleep 0.25
  done
  return 1
}

# ---------------------------------------------------------------- 1. the console program
# The .bat is written in code page 936, as Notepad on a Chinese PC saves it.
cat <<'BAT' | sed 's/$/\r/' | iconv -f UTF-8 -t GBK >"$drive/tl/smoke.bat"
@echo off
cd /d C:\tl
set PATH=C:\tl\bin;%PATH%
set TOWNLEDGER_DB=C:\tl\台账 数据\townledger.db
set TOWNLEDGER_USER=admin
set TOWNLEDGER_PASSWORD=wine2024
townledger.exe --version > version.txt
> codes.txt echo version %errorlevel%
townledger.exe init --town-name 青石镇 --town-code 110105100 > init.txt 2>&1
>> codes.txt echo init %errorlevel%
townledger.exe demo > demo.txt 2>&1
>> codes.txt echo demo %errorlevel%
townledger.exe export --period 2024 --out "C:\tl\报表 2024.xlsx" > export.txt 2>&1
>> codes.txt echo export %errorlevel%
townledger.exe export --period 2024 --out "C:\tl\报表 2024.xlsx" > again.txt 2>&1
>> codes.txt echo again %errorlevel%
townledger.exe frobnicate > wrong.txt 2>&1
>> codes.txt echo wrong %errorlevel%
exit /b 0
BAT
(cd "$drive/tl" && timeout 180 wine cmd /c 'C:\tl\smoke.bat' >/dev/null 2>&1) ||
  fail "wine cmd /c smoke.bat did not finish: $(cat "$drive/tl/codes.txt" 2>/dev/null)"
codes=$(tr -d '\r' <"$drive/tl/codes.txt" | tr '\n' ' ')
[ "$codes" = "version 0 init 0 demo 0 export 0 again 1 wrong 2 " ] ||
  fail "exit codes seen by cmd: '$codes', want version 0 init 0 demo 0 export 0 again 1 wrong 2"
ok "cmd waits for townledger.exe and sees its exit codes ($codes)"
gbk() { iconv -f GBK -t UTF-8 "$drive/tl/$1" 2>/dev/null || fail "$1 is not in code page 936: $(od -c "$drive/tl/$1" | head -3)"; }
grep -q '^TownLedger [0-9]' <(gbk version.txt) || fail "--version printed: $(gbk version.txt)"
grep -q '青石镇' <(gbk init.txt) || fail "init output, read in code page 936: $(gbk init.txt)"
grep -q '2024' <(gbk export.txt) || fail "export output: $(gbk export.txt)"
grep -q '报表 2024.xlsx' <(gbk export.txt) || fail "export did not name its Chinese file: $(gbk export.txt)"
[ -s "$drive/tl/报表 2024.xlsx" ] || fail "export wrote no 'C:\\tl\\报表 2024.xlsx'"
[ -s "$drive/tl/台账 数据/townledger.db" ] || fail "no database at 'C:\\tl\\台账 数据\\townledger.db'"
grep -q 'frobnicate' <(gbk wrong.txt) || fail "a wrong command was not named: $(gbk wrong.txt)"
ok "output redirected to files reads as Chinese in code page 936; a Chinese file name with a space works"

# ------------------------------------------------------- 1b. a district bureau's commands
# The bureau's ledger under its own district code takes the town's workbook in from a folder,
# says the standing, consolidates and drafts the year's figures, in cmd as the town's did.
# The towns sheet is the program's own template with one row filled in (on the Linux side).
"$LIN" --db "$tmp/tpl.db" district towns template --out "$tmp/towns.xlsx" >/dev/null 2>&1 ||
  fail "the Linux program did not write the towns template"
python3 - "$tmp/towns.xlsx" <<'PY' || fail "could not fill the towns sheet"
import sys, zipfile, shutil
p = sys.argv[1]
row = '<row r="3">' + "".join('<c r="%s3" t="inlineStr"><is><t>%s</t></is></c>' % (c, v)
                             for c, v in zip("ABCF", ("青石镇", "110105100", "乡镇", "qingshi@example.cn"))) + "</row>"
zin, zout = zipfile.ZipFile(p), zipfile.ZipFile(p + ".new", "w", zipfile.ZIP_DEFLATED)
for item in zin.infolist():
    data = zin.read(item.filename)
    if item.filename == "xl/worksheets/sheet1.xml":
        data = data.decode().replace("</row></sheetData>", "</row>" + row + "</sheetData>").encode()
    zout.writestr(item, data)
zout.close()
shutil.move(p + ".new", p)
PY
mkdir -p "$drive/tl/收件"
cp "$tmp/towns.xlsx" "$drive/tl/辖区 乡镇.xlsx"
cp "$drive/tl/报表 2024.xlsx" "$drive/tl/收件/青石镇_2024_v1.xlsx"
cat <<'BAT' | sed 's/$/\r/' | iconv -f UTF-8 -t GBK >"$drive/tl/district.bat"
@echo off
cd /d C:\tl
set PATH=C:\tl\bin;%PATH%
set TOWNLEDGER_DB=C:\tl\区局 数据\district.db
set TOWNLEDGER_USER=admin
set TOWNLEDGER_PASSWORD=wine2024
townledger.exe init --bureau --town-name 示范区应急管理局 --town-code 110105 > binit.txt 2>&1
> dcodes.txt echo init %errorlevel%
townledger.exe district towns import "C:\tl\辖区 乡镇.xlsx" > towns.txt 2>&1
>> dcodes.txt echo towns %errorlevel%
townledger.exe district pull --folder "C:\tl\收件" > pull.txt 2>&1
>> dcodes.txt echo pull %errorlevel%
townledger.exe district status --period 2024 > status.txt 2>&1
>> dcodes.txt echo status %errorlevel%
townledger.exe district consolidate --period 2024 --out "C:\tl\汇总 2024.xlsx" > consolidate.txt 2>&1
>> dcodes.txt echo consolidate %errorlevel%
townledger.exe district report --year 2024 --out "C:\tl\年度 2024.xlsx" > report.txt 2>&1
>> dcodes.txt echo report %errorlevel%
townledger.exe verify > dverify.txt 2>&1
>> dcodes.txt echo verify %errorlevel%
exit /b 0
BAT
(cd "$drive/tl" && timeout 180 wine cmd /c 'C:\tl\district.bat' >/dev/null 2>&1) ||
  fail "wine cmd /c district.bat did not finish: $(cat "$drive/tl/dcodes.txt" 2>/dev/null)"
codes=$(tr -d '\r' <"$drive/tl/dcodes.txt" | tr '\n' ' ')
[ "$codes" = "init 0 towns 0 pull 0 status 0 consolidate 0 report 0 verify 0 " ] ||
  fail "district exit codes seen by cmd: '$codes' (init: $(gbk binit.txt); pull: $(gbk pull.txt); consolidate: $(gbk consolidate.txt))"
grep -q '已接收并汇入' <(gbk pull.txt) || fail "district pull output: $(gbk pull.txt)"
grep -q '青石镇' <(gbk status.txt) || fail "district status output: $(gbk status.txt)"
grep -q '汇总 2024.xlsx' <(gbk consolidate.txt) || fail "district consolidate output: $(gbk consolidate.txt)"
[ -s "$drive/tl/汇总 2024.xlsx" ] && [ -s "$drive/tl/年度 2024.xlsx" ] && [ -s "$drive/tl/年度 2024.txt" ] ||
  fail "the consolidated workbook or the year's figures are missing: $(ls "$drive/tl")"
ok "a bureau (init --bureau 110105) takes the town's workbook in, consolidates and drafts the year in cmd ($codes)"

# ---------------------------------------------------------------- 2. the window
# Linux reference: the same first screen (the wizard, on a new database) at the same size,
# system fonts hidden, so every glyph on both comes from the bundled font.
d1=$(freedisplay 90)
xserver "$d1" -screen 0 1920x1080x24
ref="$tmp/linux.png"
# Hiding the fonts needs root (a mount namespace); without it the reference is still fair: a
# CJK font on this machine would make it differ from Wine's boxes, not hide them.
hide=()
if unshare -m true 2>/dev/null; then
  mkdir -p "$tmp/nofonts"
  hide=(unshare -m sh -c "mount --bind '$tmp/nofonts' /usr/share/fonts && exec \"\$0\" \"\$@\"")
fi
DISPLAY=:$d1 XDG_CONFIG_HOME="$tmp/lcfg" XDG_STATE_HOME="$tmp/lstate" LANG=zh_CN.UTF-8 \
  "${hide[@]}" "$LIN" --db "$tmp/linux.db" >/dev/null 2>&1 &
lpid=$!
pids+=("$lpid")
lwin=$(waitwin ":$d1" "乡镇应急执法台账" 30) || fail "the Linux reference window did not appear"
sleep 3
DISPLAY=:$d1 import -window "$lwin" "$ref"
kill "$lpid" 2>/dev/null || true

# The window program at 1920×1080: the first window (1180×760) fits and is centred.
d2=$(freedisplay $((d1 + 1)))
xserver "$d2" -screen 0 1920x1080x24
export DISPLAY=:$d2
wine 'C:\tl\TownLedger.exe' --db 'C:\tl\wizard.db' >/dev/null 2>&1 &
wpid=$!
pids+=("$wpid")
wwin=$(waitwin ":$d2" "乡镇应急执法台账" 90) || fail "TownLedger.exe showed no window within 90 s"
sleep 4
kill -0 "$wpid" 2>/dev/null || fail "TownLedger.exe ended after showing its window"
win="$tmp/wine.png"
import -window "$wwin" "$win"
wsize=$(identify -format '%wx%h' "$win")
rsize=$(identify -format '%wx%h' "$ref")
[ "$wsize" = "$rsize" ] || fail "window sizes differ: Wine $wsize, Linux $rsize"
colours=$(convert "$win" -format '%k' info:)
[ "$colours" -gt 50 ] || fail "the Wine window looks blank ($colours colours)"
# Pixels differing by more than 20 %: font rendering is Fyne's own on both, so only the
# cursor and antialiasing noise may differ; boxes in place of the Chinese glyphs differ in
# thousands of pixels (measured: 0 for the same screen, 20,994 for this screen drawn with
# replacement glyphs; one 16 px glyph alone is about 100).
diff=$(compare -metric AE -fuzz 20% "$win" "$ref" "$tmp/diff.png" 2>&1 >/dev/null || true)
diff=${diff%% *}
[ "${diff%.*}" -lt 400 ] 2>/dev/null ||
  fail "the Wine window differs from the Linux rendering in $diff pixels (see $tmp/diff.png)"
ok "TownLedger.exe draws its first window ($wsize, $colours colours) as the Linux build does ($diff pixels differ): Chinese from the bundled font"

# A second start on the same database: the first window is brought forward, no second one.
timeout 60 wine 'C:\tl\TownLedger.exe' --db 'C:\tl\wizard.db' >/dev/null 2>&1 ||
  fail "a second start did not end by itself (exit $?)"
n=$(xdotool search --onlyvisible --name "乡镇应急执法台账" 2>/dev/null | wc -l)
[ "$n" = 1 ] || fail "$n windows after a second start, want 1"
kill -0 "$wpid" 2>/dev/null || fail "the first window ended on a second start"
ok "a second start brings the open window forward and ends"
kill "$wpid" 2>/dev/null || true
WINEPREFIX="$tmp/prefix" wineserver -k 2>/dev/null || true

# An office laptop: 1366×768 with a taskbar, at 100 % and 125 % scaling. Wine's virtual
# desktop acts as Windows' shell here (a taskbar, maximising, a frame), which bare Xvfb lacks.
# The first window (1180×760 plus its frame) does not fit the usable area: it must open
# maximised. The program logs its decision; the title bar must then span the screen.
d3=$(freedisplay $((d2 + 1)))
xserver "$d3" -screen 0 1366x768x24
export DISPLAY=:$d3
userdir=$(ls "$drive/users" | grep -v -i public | head -1)
applog="$drive/users/$userdir/AppData/Local/TownLedger/logs/townledger.log"
for dpi in 96 120; do
  wine reg add 'HKCU\Control Panel\Desktop' /v LogPixels /t REG_DWORD /d "$dpi" /f >/dev/null 2>&1
  wineserver -w 2>/dev/null || true
  : >"$applog" 2>/dev/null || true
  wine explorer /desktop=office,1366x768 'C:\tl\TownLedger.exe' --db "C:\\tl\\office$dpi.db" >/dev/null 2>&1 &
  wpid=$!
  pids+=("$wpid")
  for _ in $(seq 360); do grep -q 'window maximised\|window centred' "$applog" 2>/dev/null && break; sleep 0.25; done
  line=$(grep -a 'window maximised\|window centred' "$applog" 2>/dev/null || true)
  grep -q 'window maximised' <<<"$line" ||
    fail "at 1366x768, $((dpi * 100 / 96)) % scaling, the window was not maximised: ${line:-no placement logged}"
  sleep 3
  shot="$tmp/office$dpi.png"
  import -window root "$shot"
  # A maximised window's title bar runs from the screen's left edge to its buttons on the
  # right; a centred 1188 px window would leave the desktop showing at both ends.
  edge=$(convert "$shot" -format '%[pixel:p{2,8}]' info:)
  mid=$(convert "$shot" -format '%[pixel:p{600,8}]' info:)
  far=$(convert "$shot" -format '%[pixel:p{1280,8}]' info:)
  [ "$edge" = "$mid" ] && [ "$far" = "$mid" ] ||
    fail "at 1366x768 the title bar does not span the screen ($edge / $mid / $far)"
  if [ "$dpi" = 96 ] && [ -n "${SHOT:-}" ]; then cp "$shot" "$ROOT/$SHOT"; fi
  ok "at 1366x768 with a taskbar, $((dpi * 100 / 96)) % scaling: ${line#* * }"
  WINEPREFIX="$tmp/prefix" wineserver -k 2>/dev/null || true
  wait "$wpid" 2>/dev/null || true
done
wine reg add 'HKCU\Control Panel\Desktop' /v LogPixels /t REG_DWORD /d 96 /f >/dev/null 2>&1
wineserver -k 2>/dev/null || true

# ---------------------------------------------------------------- 3. no OpenGL
d4=$(freedisplay $((d3 + 1)))
xserver "$d4" -screen 0 1366x768x24 -extension GLX
export DISPLAY=:$d4
wine 'C:\tl\TownLedger.exe' --db 'C:\tl\nogl.db' >/dev/null 2>&1 &
wpid=$!
pids+=("$wpid")
box=$(waitwin ":$d4" "乡镇应急执法台账" 90) || {
  kill -0 "$wpid" 2>/dev/null && fail "without OpenGL TownLedger.exe shows nothing and keeps running"
  fail "without OpenGL TownLedger.exe ended without its message"
}
import -window "$box" "$tmp/nogl.png"
xdotool key --window "$box" Return 2>/dev/null || true
for _ in $(seq 120); do kill -0 "$wpid" 2>/dev/null || break; sleep 0.25; done
kill -0 "$wpid" 2>/dev/null && fail "without OpenGL TownLedger.exe kept running after its message was closed"
set +e; wait "$wpid"; code=$?; set -e
[ "$code" = 1 ] || fail "without OpenGL TownLedger.exe exited $code, want 1"
log="$drive/users/$(ls "$drive/users" | grep -v -i public | head -1)/AppData/Local/TownLedger/logs/townledger.log"
grep -q 'could not be created' "$log" 2>/dev/null || fail "the log ($log) does not record the missing OpenGL"
ok "without OpenGL a message box says so, the program exits 1 and the log records why"

echo "wine-smoke: all passed in $(($(date +%s) - start))s"
