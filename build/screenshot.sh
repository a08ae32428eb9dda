#!/usr/bin/env bash
# Screenshot of the real window under Xvfb, as a PC with no CJK font sees it: the system
# font folders are hidden from the process (unshare, needs root), so every Chinese glyph
# must come from the bundled font.
# Usage: build/screenshot.sh BIN OUT.png [wizard | X:Y ...]
#   wizard  the first-run wizard on a new database
#   X:Y     signed in on a demo town, then a click at each position in turn; a negative X
#           counts from the window's right edge (buttons there move with the width), cX:Y
#           is X at 1366 wide in the pane right of the navigation (tabs), "key:K"
#           presses a key instead, "type:TEXT" types
# SHOT_PREP="export --period 2026-Q3" runs such commands on the demo town before.
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
  "$bin" --db "$db" init --town-name 青石镇 --town-code 110105100 --district-name 示范区应急管理局 \
    --district-email yjj@example.gov.cn --admin-name 王主任 >/dev/null
  "$bin" --db "$db" demo >/dev/null
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
