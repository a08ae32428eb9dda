#!/usr/bin/env bash
# Screenshot of the real window under Xvfb, as a PC with no CJK font sees it: the system
# font folders are hidden from the process (unshare, needs root), so every Chinese glyph
# must come from the bundled font.
# Usage: build/screenshot.sh BIN OUT.png [wizard | X:Y ...]
#   wizard  the first-run wizard on a new database
#   X:Y     signed in on a demo town, then a click at each position in turn; a negative X
#           counts from the window's right edge (buttons there move with the width), cX:Y
#           is X at 1366 wide in the pane right of the navigation (tabs), pN:Y is X at N %
#           of the width, "key:K"
#           presses a key instead, "type:TEXT" types
# SHOT_PREP="export --period 2026-Q3" runs such commands on the demo town before.
# SHOT_DISTRICT=1 makes a district bureau's ledger instead (see below).
# SHOT_SIZE is the screen (default 1366x700, an office laptop's usable area); the picture is
# the window, which fills a screen too small for its first size, as a maximised one would.
set -euo pipefail
bin=$(realpath "$1"); out=$(realpath -m "$2"); shift 2; mode="$*"
tmp=$(mktemp -d); trap 'rm -rf "$tmp" 2>/dev/null || true' EXIT
db="$tmp/shot.db"
export XDG_RUNTIME_DIR="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state" LANG=zh_CN.UTF-8
size=${SHOT_SIZE:-1366x700}
if [ "$mode" != wizard ]; then
  # The commands run as the administrator init creates (the password is never an argument).
  export TOWNLEDGER_USER=admin TOWNLEDGER_PASSWORD=shot2024
  if [ -n "${SHOT_DISTRICT:-}" ]; then
    # SHOT_DISTRICT=1: a district bureau's ledger with four towns registered and the monthly
    # workbooks two demo towns exported, taken in from a folder; set up as a bureau under the
    # district's own code, the window opens in district mode on 辖区乡镇.
    "$bin" --db "$db" init --bureau --town-name 示范区应急管理局 --town-code 110105 --since 2026-07-01 --admin-name 李科长 >/dev/null
    "$bin" --db "$db" district towns template --out "$tmp/towns.xlsx" >/dev/null
    python3 - "$tmp/towns.xlsx" <<'PY'
import sys, zipfile, shutil
p = sys.argv[1]
rows = [("青石镇", "110105100", "乡镇", "周干事", "13800000001", "qingshi@example.cn"),
        ("白沙镇", "110105101", "乡镇", "吴干事", "13800000002", "baisha@example.cn"),
        ("东山乡", "110105102", "乡镇", "郑干事", "13800000003", "dongshan@example.cn"),
        ("城南街道", "110105200", "中心", "", "", "chengnan@example.cn")]
xml = ""
for i, r in enumerate(rows, start=3):
    xml += '<row r="%d">' % i + "".join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (chr(65 + j), i, v)
                                         for j, v in enumerate(r) if v) + "</row>"
zin = zipfile.ZipFile(p)
zout = zipfile.ZipFile(p + ".new", "w", zipfile.ZIP_DEFLATED)
for item in zin.infolist():
    data = zin.read(item.filename)
    if item.filename == "xl/worksheets/sheet1.xml":
        data = data.decode().replace("</row></sheetData>", "</row>" + xml + "</sheetData>").encode()
    zout.writestr(item, data)
zout.close()
shutil.move(p + ".new", p)
PY
    "$bin" --db "$db" district towns import "$tmp/towns.xlsx" >/dev/null
    mkdir -p "$tmp/in"
    for town in 青石镇:110105100:"2026-09 2026-10 2026-11" 白沙镇:110105101:2026-10; do
      IFS=: read -r name code periods <<< "$town"
      tdb="$tmp/$code.db"
      "$bin" --db "$tdb" init --town-name "$name" --town-code "$code" --district-name 示范区应急管理局 \
        --district-email yjj@example.gov.cn --admin-name 王主任 >/dev/null
      "$bin" --db "$tdb" demo >/dev/null
      for p in $periods; do
        "$bin" --db "$tdb" export --period "$p" --out "$tmp/in/${name}_${p}_v1.xlsx" >/dev/null
      done
    done
    printf 'not a workbook' >"$tmp/in/会议通知.xlsx"
    "$bin" --db "$db" district pull --folder "$tmp/in" >/dev/null || true
  else
  "$bin" --db "$db" init --town-name 青石镇 --town-code 110105100 --district-name 示范区应急管理局 \
    --district-email yjj@example.gov.cn --admin-name 王主任 >/dev/null
  "$bin" --db "$db" demo >/dev/null
  fi
  # SHOT_PREP: more commands on the demo town first, e.g. "export --period 2026-Q3" (each
  # line one command; the database is given, files go to a scratch folder).
  while read -r cmd; do
    [ -n "$cmd" ] && (cd "$tmp" && eval "\"\$bin\" --db \"\$db\" $cmd" >/dev/null)
  done <<< "${SHOT_PREP:-}"
  steps="xdotool type --delay 60 admin; xdotool key Return; sleep 0.5
         xdotool type --delay 60 shot2024; xdotool key Return; sleep 2"
  w=${size%x*}
  for xy in $mode; do
    case "$xy" in
      key:*) steps="$steps; xdotool key ${xy#key:}; sleep 0.8" ;;
      type:*) steps="$steps; xdotool type --delay 60 '${xy#type:}'; sleep 0.8" ;;
      p*) # pN:Y: X at N % of the width (a control in a pane that grows with the window)
          x=${xy%%:*}; x=$((w * ${x#p} / 100))
          steps="$steps; xdotool mousemove $x ${xy##*:} click 1; sleep 1.5" ;;
      c*) # cX:Y: X as measured at 1366 wide in the content pane right of the navigation,
          # which starts at 16 % of the width (ui/shell.go), so tabs are hit at any width
          x=${xy%%:*}; x=${x#c}; x=$((x + (w - 1366) * 16 / 100))
          steps="$steps; xdotool mousemove $x ${xy##*:} click 1; sleep 1.5" ;;
      *) x=${xy%%:*}; [ "${x#-}" != "$x" ] && x=$((w + x))
         steps="$steps; xdotool mousemove $x ${xy##*:} click 1; sleep 1.5" ;;
    esac
  done
else
  steps="true"
fi
mkdir -p "$(dirname "$out")"
mkdir -p "$tmp/nofonts" "$tmp/config/fyne/cn.gov.townledger"
# The window as its user keeps it: filling the screen (a smaller one fills it anyway).
h=${size#*x}
printf '{"townledger.window.size":"%s %s"}' "${size%x*}" "$((h - 32))" \
  >"$tmp/config/fyne/cn.gov.townledger/preferences.json"
xvfb-run -a -s "-screen 0 ${size}x24" unshare -m bash -c "
  mount --bind '$tmp/nofonts' /usr/share/fonts
  '$bin' --db '$db' 2>/dev/null & pid=\$!
  sleep 5
  win=\$(xdotool search --pid \$pid 2>/dev/null | tail -1)
  [ -n \"\$win\" ] && xdotool windowactivate \$win 2>/dev/null || true
  $steps
  import -window \${win:-root} '$out'
  kill \$pid
  for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 \$pid 2>/dev/null || break; sleep 0.5; done
  kill -9 \$pid 2>/dev/null; wait \$pid 2>/dev/null
" 2>/dev/null
echo "screenshot: $out"
