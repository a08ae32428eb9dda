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
# A mistyped --db is refused and makes nothing; a password is never an argument.
expect 1 "$bin" --db "$tmp/typo/smoke.db" demo
[ ! -e "$tmp/typo" ] || fail "a command on a missing database created $tmp/typo"
expect 2 "$bin" --db "$db" init --town-name 青石镇 --town-code 110105100000 --admin-password smoke2024
[ ! -e "$db" ] || fail "init with --admin-password created the database"
# Scripts name their user and give the password in the environment (the administrator that
# init creates here).
export TOWNLEDGER_USER=admin TOWNLEDGER_PASSWORD=smoke2024
expect 0 "$bin" --db "$db" init --town-name 青石镇 --town-code 110105100000
grep -q 青石镇 "$tmp/out" || fail "init did not confirm in Chinese: $(cat "$tmp/out")"
[ "$(stat -c %a "$db")" = 600 ] || fail "the database is readable by others: mode $(stat -c %a "$db")"
TOWNLEDGER_PASSWORD=wrong2024 expect 1 "$bin" --db "$db" demo
grep -q 用户名或密码不正确 "$tmp/err" || fail "a wrong password was not refused plainly: $(cat "$tmp/err")"
expect 0 "$bin" --db "$db" demo
expect 0 "$bin" --db "$db" verify
expect 1 "$bin" --db "$db" init --town-name 青石镇 --town-code 110105100
expect 2 "$bin" --db "$db" frobnicate
expect 0 "$bin" --db "$db" export --period 2024-Q3 --out "$tmp/q3.xlsx"
expect 2 "$bin" --db "$db" send
expect 1 "$bin" --db "$db" send --period 2024-Q3   # no mail account yet: refused, nothing sent

# The window: it must start on the set-up database and still be running after a few seconds;
# a second start on the same database brings it forward and ends instead of opening another.
export XDG_RUNTIME_DIR="$tmp" XDG_STATE_HOME="$tmp/state" XDG_CONFIG_HOME="$tmp/config"
xvfb-run -a -s "-screen 0 1280x800x24" bash -c "
  '$bin' --db '$db' & pid=\$!
  sleep 6
  kill -0 \$pid || exit 1
  timeout 20 '$bin' --db '$db' || exit 2
  kill -0 \$pid || exit 3
  kill \$pid; wait \$pid 2>/dev/null || true
" || fail "the window did not stay up under Xvfb, or a second start did not defer to it (status $?)"
# No OpenGL (an X server without GLX): the program says so and ends instead of hanging.
set +e
xvfb-run -a -s "-screen 0 1280x800x24 -extension GLX" timeout 30 "$bin" --db "$db" 2>"$tmp/err"
got=$?
set -e
[ "$got" = 1 ] && grep -q OpenGL "$tmp/err" ||
  fail "without OpenGL the window program exited $got, want 1 with a message: $(cat "$tmp/err")"
grep -q 'could not be created' "$tmp/state/TownLedger/logs/townledger.log" ||
  fail "the log does not record the missing OpenGL"
echo "smoke: ok (CLI, window, second start, no OpenGL)"
