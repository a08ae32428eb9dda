#!/usr/bin/env bash
# Drives the real binary: headless commands on a fresh database, then the window under Xvfb,
# which must come up and stay up. Usage: build/smoke.sh dist/townledger
set -euo pipefail
bin=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/smoke.db"
fail() { echo "smoke: $*" >&2; exit 1; }
expect() { # expect STATUS command...
  local want=$1; shift
  set +e; "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?; set -e
  [ "$got" = "$want" ] || { cat "$tmp/out" "$tmp/err" >&2; fail "'$*' exited $got, want $want"; }
}
expect 0 "$bin" --version
expect 0 "$bin" --db "$db" init --town-name 青石镇 --town-code 110105100000 --admin admin --admin-password smoke2024
grep -q 青石镇 "$tmp/out" || fail "init did not confirm in Chinese: $(cat "$tmp/out")"
expect 0 "$bin" --db "$db" demo
expect 0 "$bin" --db "$db" verify
expect 1 "$bin" --db "$db" init --town-name 青石镇 --town-code 110105100
expect 2 "$bin" --db "$db" frobnicate
expect 0 "$bin" --db "$db" export --period 2024-Q3 --out "$tmp/q3.xlsx"
expect 2 "$bin" --db "$db" send
expect 1 "$bin" --db "$db" send --period 2024-Q3   # no mail account yet: refused, nothing sent

# The window: it must start on the set-up database and still be running after a few seconds.
export XDG_RUNTIME_DIR="$tmp"
xvfb-run -a -s "-screen 0 1280x800x24" bash -c "
  '$bin' --db '$db' & pid=\$!
  sleep 6
  kill -0 \$pid || exit 1
  kill \$pid; wait \$pid 2>/dev/null || true
" || fail "the window did not stay up under Xvfb"
echo "smoke: ok (CLI and window)"
