#!/usr/bin/env bash
# Screenshot of the main window with demo data, signed in, as a PC with no CJK font sees it:
# the system font folders are hidden from the process (needs root for unshare), so every
# Chinese glyph must come from the bundled font.
# Usage: build/screenshot.sh dist/townledger OUT.png [SECTION_CLICK_Y]
set -euo pipefail
bin=$(realpath "$1"); out=$(realpath -m "$2"); click_y=${3:-}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
db="$tmp/shot.db"
"$bin" --db "$db" init --town-name 青石镇 --town-code 110105100 --district-name 示范区应急管理局 \
  --district-email yjj@example.gov.cn --admin admin --admin-name 王主任 --admin-password shot2024 >/dev/null
"$bin" --db "$db" demo >/dev/null
mkdir -p "$(dirname "$out")"
export XDG_RUNTIME_DIR="$tmp"
xvfb-run -a -s "-screen 0 1280x800x24" unshare -m bash -c "
  mount --bind '$tmp' /usr/share/fonts
  '$bin' --db '$db' & pid=\$!
  sleep 5
  xdotool search --pid \$pid 2>/dev/null | tail -1 | xargs -r xdotool windowactivate 2>/dev/null || true
  xdotool type --delay 60 admin; xdotool key Return; sleep 0.5
  xdotool type --delay 60 shot2024; xdotool key Return; sleep 2
  if [ -n '$click_y' ]; then xdotool mousemove 80 $click_y click 1; sleep 1.5; fi
  import -window root '$out'
  kill \$pid
"
echo "screenshot: $out"
