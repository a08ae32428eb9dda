#!/usr/bin/env bash
# The benchmarks of issue 16 and one table: each target, what was measured, met or not.
# Usage: build/bench.sh dist/townledger   (make bench builds the binary first)
#
#  1. The Go benchmarks, by name: the case list and search at 100,000 cases (data), the year
#     export of a generated town at S=100 and bytes per case, attendance and activity (app/gen,
#     a town at S=10 compacted after each kind of record), the district's consolidation of 50
#     towns at S=1 (app/report) and the 10,000-row import (app/parties).
#  2. townledger gen --scale 100 --cases 100000: the ledger of the remaining rows. backup and
#     verify are timed on it against SQLite's own VACUUM INTO and integrity + foreign-key
#     checks, in the same process, alternately (app/backup).
#  3. The window under Xvfb on that ledger (TOWNLEDGER_BENCH_LOG, ui/benchhook.go): start to
#     first frame, resident memory idle at the sign-in screen without the GL driver's mapped
#     libraries, sign-in (the Return key) to the home page drawn, then a visit to every
#     section and every tab of 设置 with the longest time the window took to answer.
# BENCH_DIR=DIR keeps the work (the generated ledger, the raw output) there, and a ledger
# generated there before is used again. BENCH_SKIP_GO=1 runs only the ledger and the window.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-dist/townledger}")
TAGS=ci,migrated_fynedo,no_emoji
export LANG=zh_CN.UTF-8
if [ -n "${BENCH_DIR:-}" ]; then
  work=$(realpath -m "$BENCH_DIR"); mkdir -p "$work"
else
  work=$(mktemp -d); trap 'rm -rf "$work" 2>/dev/null || true' EXIT
fi
raw="$work/bench.txt"; : >"$raw"
say() { echo "bench: $*" >&2; }
started=$(date +%s)

gobench() { # gobench PACKAGE PATTERN BENCHTIME [ENV=VALUE ...]
  local pkg=$1 pat=$2 n=$3; shift 3
  say "go test -bench '$pat' $pkg"
  env "$@" go test -tags "$TAGS" -run '^$' -bench "$pat" -benchtime "$n" -count=1 -timeout 20m "$pkg" 2>&1 |
    grep -E '^(Benchmark|--- FAIL|FAIL|panic)|^ +[a-z_]+_test\.go:[0-9]+:' | tee -a "$raw" >&2
}

# 1. The Go benchmarks (BENCH_SKIP_GO=1 leaves them out, to try the rest).
[ -n "${BENCH_SKIP_GO:-}" ] && gobench() { :; }
gobench ./data/ 'BenchmarkListCases|BenchmarkSearch' 20x
gobench ./app/gen/ 'BenchmarkExportYearS100$|BenchmarkStorage$' 2x
gobench ./app/report/ 'BenchmarkConsolidate50Towns$' 2x
gobench ./app/parties/ 'BenchmarkImport10000$' 3x

# 2. The large ledger, backup and verify.
db="$work/s100-100k.db"
export TOWNLEDGER_USER=admin TOWNLEDGER_PASSWORD=bench2024
if [ ! -s "$db" ]; then
  say "townledger gen --scale 100 --cases 100000"
  t0=$(date +%s%3N)
  "$bin" --db "$db" gen --scale 100 --cases 100000 >&2 || { say "gen failed"; exit 1; }
  echo "GenLedger $(( $(date +%s%3N) - t0 )) ms $(stat -c %s "$db") bytes" | tee -a "$raw" >&2
fi
cat "$db" >/dev/null # read once, so neither side of a comparison pays for the first read from disk
gobench ./app/backup/ 'BenchmarkBackupVsVacuum$|BenchmarkVerifyVsChecks$' 1x TOWNLEDGER_BENCH_DB="$db"

# The day's backup, so the window's start-up backup (a copy of the whole ledger) is not due
# while it is timed; its check of the file at start still runs, as at every start.
say "townledger backup"
rm -f "$work"/backups/townledger-*.db # the runs before's, 1 GB each (the program keeps 30)
t0=$(date +%s%3N)
"$bin" --db "$db" backup >&2 && echo "CLIBackup $(( $(date +%s%3N) - t0 )) ms" | tee -a "$raw" >&2

# 3. The window.
gui() {
  local tmp="$work/gui"; rm -rf "$tmp"; mkdir -p "$tmp/config" "$tmp/state"
  local logf="$tmp/timings.log"
  XDG_RUNTIME_DIR="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state" TOWNLEDGER_BENCH_LOG="$logf" \
  xvfb-run -a -s "-screen 0 1366x768x24" bash -c '
    bin=$1 db=$2 logf=$3 tmp=$4
    t0=$(date +%s%3N)
    "$bin" --db "$db" 2>"$tmp/stderr" & pid=$!
    for _ in $(seq 1 300); do grep -q first-frame "$logf" 2>/dev/null && break; sleep 0.1; done
    echo "launch $t0" >>"$logf"
    sleep 4 # idle at the sign-in screen
    # Resident memory, and the part of it that is the GL driver'"'"'s own mapped libraries.
    awk '"'"'/^[0-9a-f]+-[0-9a-f]+ /{lib=$6} /^Rss:/{t+=$2; if (lib ~ /(dri|mesa|gallium|swrast|LLVM|libGL|libEGL|glapi|libgbm|libdrm)/) g+=$2}
         END{print "rss-kb", t+0, g+0}'"'"' "/proc/$pid/smaps" >>"$logf"
    # A person takes some seconds to sign in; meanwhile the start-up check of the file (SQLite'"'"'s
    # integrity check, seconds at this size) runs in the background, as at every start.
    sleep 6
    win=$(xdotool search --pid $pid 2>/dev/null | tail -1)
    [ -n "$win" ] && xdotool windowactivate --sync "$win" 2>/dev/null
    xdotool type --delay 40 admin; xdotool key Return; sleep 0.5
    xdotool type --delay 40 bench2024; sleep 0.3
    echo "signin $(date +%s%3N)" >>"$logf"; xdotool key Return
    for _ in $(seq 1 450); do grep -q home-settled "$logf" 2>/dev/null && break; sleep 0.1; done
    # Every section in turn (a case and a session opened), every tab of 设置, then home
    # again, as a clerk looks round: the hook logs each time the window took 50 ms or more
    # to answer.
    echo "walk $(date +%s%3N)" >>"$logf"
    for y in 106 143 181 219 258 296 334 373; do
      xdotool mousemove 50 $y click 1; sleep 1.5
      # In 处罚案件 the newest case (its step form lists every officer), in 培训记录 the newest
      # session (its roster of 6,000), each opened and closed.
      case $y in 143|219) xdotool mousemove 330 230 click 1; sleep 1.5; xdotool mousemove 290 73 click 1; sleep 1.5 ;; esac
    done
    for x in 322 420 524 621 697 773 856 939 1008 253; do xdotool mousemove $x 71 click 1; sleep 1; done
    xdotool mousemove 50 67 click 1; sleep 1.5
    echo "walked $(date +%s%3N)" >>"$logf"
    kill $pid; wait $pid 2>/dev/null || true
  ' _ "$bin" "$db" "$logf" "$tmp" || say "the window run failed (status $?)"
  [ -f "$logf" ] && sed 's/^/GUI /' "$logf" | tee -a "$raw" >&2
}
say "the window under Xvfb"
gui

elapsed=$(( $(date +%s) - started ))
echo "Elapsed $elapsed s" >>"$raw"

# The table.
python3 - "$raw" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()

def bench(prefix):
    """(ns/op, {unit: value}) of every benchmark line whose name starts with prefix."""
    out = []
    for l in lines:
        f = l.split()
        if not f or not f[0].startswith(prefix):
            continue
        vals = {}
        for i in range(2, len(f) - 1, 2):
            try:
                vals[f[i + 1]] = float(f[i])
            except ValueError:
                pass
        out.append((f[0], vals))
    return out

def worst(prefix, unit="ns/op"):
    v = [b[1][unit] for b in bench(prefix) if unit in b[1]]
    return max(v) if v else None

gui, stalls, pages = {}, [], set()
for l in lines:
    f = l.split()
    if len(f) >= 3 and f[0] == "GUI":
        if f[1] == "stall" and len(f) >= 4:
            stalls.append(int(f[3]))
        elif f[1] == "page" and len(f) >= 4:
            pages.add(f[3])
        else:
            gui[f[1]] = [int(x) for x in f[2:] if x.lstrip("-").isdigit()]

rows = []
def row(what, target, value, ok, why=""):
    met = "not measured" if value is None else ("met" if ok else "NOT met")
    rows.append((what, target, "—" if value is None else value, met + (f" ({why})" if why and value is not None and not ok else "")))

ms = lambda ns: None if ns is None else ns / 1e6

t0 = gui.get("signin", [None])[0]
home = gui.get("home-drawn", [None])[0]
shell = gui.get("shell-set", [None])[0]
settled = gui.get("home-settled", [None])[0]
d = None if t0 is None or home is None else home - t0
detail = ""
if d is not None and shell is not None:
    detail = f" (sign-in done and main window set {shell - t0} ms, home frame {home - shell} ms after"
    detail += f", filled {settled - t0} ms after the key)" if settled is not None else ")"
row("sign-in → home page drawn, S=100 and 100k cases", "≤ 300 ms", None if d is None else f"{d} ms{detail}", d is not None and d <= 300)
v = ms(worst("BenchmarkListCases"))
row("open the case list at 100k cases, any page", "≤ 50 ms", None if v is None else f"{v:.1f} ms (worst page)", v is not None and v <= 50)
v = ms(worst("BenchmarkSearch"))
row("search-as-you-type at 100k cases", "≤ 30 ms per keystroke", None if v is None else f"{v:.1f} ms (worst query)", v is not None and v <= 30)
e = bench("BenchmarkExportYear")
if e:
    s, heap, cpu = e[0][1].get("ns/op", 0) / 1e9, e[0][1].get("peak-heap-MB", 0), e[0][1].get("cpu-s/op")
    row("year export at S=100", "≤ 1.5 s, ≤ 150 MB peak heap", f"{s:.2f} s" + (f" ({cpu:.2f} s CPU)" if cpu else "") + f", {heap:.0f} MB",
        s <= 1.5 and heap <= 150)
else:
    row("year export at S=100", "≤ 1.5 s, ≤ 150 MB peak heap", None, False)
v = worst("BenchmarkImport10000")
row("import a 10,000-row ledger", "≤ 1 s", None if v is None else f"{v/1e9:.2f} s", v is not None and v <= 1e9)
c = bench("BenchmarkConsolidate50Towns")
if c:
    s, cpu = c[0][1].get("ns/op", 0) / 1e9, c[0][1].get("cpu-s/op")
    row("district: consolidate 50 towns' yearly workbooks at S=1", "≤ 2 s", f"{s:.2f} s" + (f" ({cpu:.2f} s CPU)" if cpu else ""), s <= 2)
else:
    row("district: consolidate 50 towns' yearly workbooks at S=1", "≤ 2 s", None, False)
ff = gui.get("first-frame", [None])[0]
launch = gui.get("launch", [None])[0]
d = None if ff is None or launch is None else ff - launch
row("window start to first frame, S=100", "≤ 1 s", None if d is None else f"{d} ms", d is not None and d <= 1000)
r = gui.get("rss-kb")
if r:
    total, gl = r[0] / 1024, r[1] / 1024
    row("idle window resident memory (excluding the GL driver's own)", "≤ 150 MB",
        f"{total - gl:.0f} MB ({total:.0f} MB with {gl:.0f} MB of GL driver libraries)", total - gl <= 150)
else:
    row("idle window resident memory (excluding the GL driver's own)", "≤ 150 MB", None, False)
if "walked" in gui:
    # Not a row of issue 16's: what its first point asks, nothing slow on the UI goroutine, seen
    # from the outside on every section. 100 ms is the usual bound of an answer that feels
    # immediate; the watcher logs from 50 ms.
    w = max(stalls, default=0)
    row("visiting every section and settings tab at 100k cases: the longest the window took to answer",
        "≤ 100 ms (ours)", (f"{w} ms" if stalls else "under 50 ms") + f" ({len(pages)} sections opened, {len(stalls)} waits of 50 ms or more)",
        w <= 100 and len(pages) >= 9)
else:
    row("visiting every section and settings tab at 100k cases: the longest the window took to answer", "≤ 100 ms (ours)", None, False)
s = bench("BenchmarkStorage")
if s:
    v = s[0][1]
    row("database size per case (with its events and audit)", "≤ 1.5 KB",
        f"{v.get('B/case', 0)/1024:.2f} KB (attendance {v.get('B/attendance', 0):.0f} B, activity {v.get('B/activity', 0):.0f} B)",
        v.get("B/case", 1e9) <= 1536)
else:
    row("database size per case (with its events and audit)", "≤ 1.5 KB", None, False)
def against(name, what, ours, theirs):
    """A row comparing our time (unit ours) with SQLite's own (unit theirs): at most 2×."""
    b = bench(name)
    v = b[0][1] if b else None
    row(what, "≤ 2×", None if v is None else f"{v[ours]:.1f} s vs {v[theirs]:.1f} s ({v['ratio']:.2f}×)",
        v is not None and v["ratio"] <= 2)
against("BenchmarkBackupVsVacuum", "backup at S=100 and 100k cases, against VACUUM INTO", "backup-s", "vacuum-s")
against("BenchmarkVerifyVsChecks", "verify at S=100 and 100k cases, against integrity + foreign-key checks", "verify-s", "checks-s")

print()
print("| what | target | measured | |")
print("|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
el = [l for l in lines if l.startswith("Elapsed")]
gen = [l for l in lines if l.startswith("GenLedger")]
print()
cli = [l for l in lines if l.startswith("CLIBackup")]
if gen:
    f = gen[0].split()
    print(f"The S=100 ledger with 100,000 cases: generated in {int(f[1])/1000:.0f} s, {int(f[3])/2**20:.0f} MB"
          + (f"; townledger backup of it {int(cli[0].split()[1])/1000:.1f} s." if cli else "."))
if el:
    print(f"make bench: {el[0].split()[1]} s in all.")
PY
