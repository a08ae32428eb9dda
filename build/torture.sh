#!/usr/bin/env bash
# Kills the real program (SIGKILL) at random moments of its writing commands — import of a
# big trainings workbook, demo, export, backup and restore — and after each kill checks what a
# user would find: the ledger opens and verifies (nothing corrupt), an import is there whole
# or not at all, the demo is complete once the ledger is opened or demo is run again, an
# export's workbook stands at its path exactly when the history has its line, every backup
# that exists verifies, and no temporary file is left behind. Prints a table of kills per
# command; exits non-zero on any failure.
#
#   build/torture.sh [dist/townledger]      (make torture)
#
# KILLS=n sets the kills per command (default 11, so 55 in all).
set -u

BIN=$(realpath "${1:-dist/townledger}")
KILLS=${KILLS:-11}
ROWS=${ROWS:-3000} # sessions in the import workbook
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/townledger-torture.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

export LANG=zh_CN.UTF-8
# The command line acts as a signed-in user (the administrator made by init).
export TOWNLEDGER_USER=admin
export TOWNLEDGER_PASSWORD='Torture-Adm1n-2024'
unset TOWNLEDGER_DB

[ -x "$BIN" ] || { echo "torture: no program at $BIN (make build)"; exit 2; }
TOOL=$WORK/torture-tool
(cd "$ROOT" && go build -o "$TOOL" ./build/torture) || { echo "torture: cannot build its helper"; exit 2; }

declare -A kills finished failures seen_as
OPS=(import demo export backup restore)
for op in "${OPS[@]}"; do kills[$op]=0 finished[$op]=0 failures[$op]=0; done

# outcome op what: counts what a kill of op was found to have left.
outcome() { seen_as[$1:$2]=$((${seen_as[$1:$2]:-0} + 1)); }
outcomes() { # op: "what n, what n"
	local k out=""
	for k in "${!seen_as[@]}"; do
		[ "${k%%:*}" = "$1" ] && out+="${k#*:} ${seen_as[$k]}, "
	done
	echo "${out%, }"
}
FAILS=()

fail() { # op message
	failures[$1]=$((failures[$1] + 1))
	FAILS+=("$1: $2")
	echo "  FAIL $1: $2"
}

tl() { "$BIN" --db "$DB" "$@"; }

init_ledger() { # path
	mkdir -p "$(dirname "$1")"
	"$BIN" --db "$1" init --town-name 青石镇 --town-code 110105100 --district-name 示范区应急管理局 \
		--since 2023-01-01 >/dev/null || { echo "torture: init failed"; exit 2; }
}

# run_killed op delay_ms args…: runs the program on the ledger with args (the program itself,
# not a shell around it), SIGKILLs it after the delay if it is still running; returns 0 for
# a kill, 1 when it finished first.
run_killed() {
	local op=$1 ms=$2
	shift 2
	"$BIN" --db "$DB" "$@" >"$WORK/out.log" 2>&1 &
	local pid=$!
	sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
	if kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null; then
		wait "$pid" 2>/dev/null
		kills[$op]=$((kills[$op] + 1))
		return 0
	fi
	wait "$pid" 2>/dev/null
	finished[$op]=$((finished[$op] + 1))
	return 1
}

# after_kill op: what every kill must leave — a ledger file that verifies as it is, that
# opens (the start that finishes what was cut short), and no temporary files.
after_kill() {
	local op=$1
	if [ ! -f "$DB" ]; then
		fail "$op" "no ledger file at $DB"
		return 1
	fi
	if ! tl verify >"$WORK/verify.log" 2>&1; then
		fail "$op" "verify after the kill: $(tr '\n' ' ' <"$WORK/verify.log")"
	fi
	if ! "$TOOL" start "$DB" 2>"$WORK/start.log"; then
		fail "$op" "the ledger does not open: $(cat "$WORK/start.log")"
		return 1
	fi
	leftovers "$op"
}

# leftovers op: temporary files anywhere in the work folder — workbooks being written
# (.townledger-*), export journals, backup and restore copies (*.partial, *.restoring).
# Each leftover (a file, told apart by name and inode) is one failure, of the command that left
# it.
leftovers() {
	local f left=""
	while IFS= read -r f; do
		grep -qxF "$f" "$WORK/seen" 2>/dev/null && continue
		echo "$f" >>"$WORK/seen"
		left+="${f%:*} "
	done < <(find "$WORK" \( -name '.townledger-*' -o -name '*.export-*' -o -name '*.partial' \
		-o -name '*.restoring' -o -name '*.restoring-*' -o -name '*.demo-lock' \) -printf '%P:%i\n' 2>/dev/null)
	[ -z "$left" ] || fail "$1" "temporary files left: $left"
}

count() { "$TOOL" count "$DB"; }
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
# delay T: a moment in the second half of a run that takes T ms (the first half is mostly the
# program starting and signing in), or a little after it.
delay() { echo $(($1 / 2 + RANDOM % ($1 * 6 / 10 + 1))); }

# The main ledger: the demo town, for imports, exports and backups.
DB=$WORK/ledger/townledger.db
init_ledger "$DB"
tl demo >/dev/null || { echo "torture: demo failed"; exit 2; }
"$BIN" template trainings --out "$WORK/template.xlsx" >/dev/null || { echo "torture: template failed"; exit 2; }

# Each command is timed once, so the kills fall inside it.
timed() { # ms of a run
	local t0 t1
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000000))
}
"$TOOL" fill "$WORK/template.xlsx" "$WORK/warm.xlsx" warm "$ROWS"
IMPORT_MS=$(timed tl import trainings "$WORK/warm.xlsx")
mkdir -p "$WORK/exports" "$WORK/backups"
EXPORT_MS=$(timed tl export --period "$(date +%Y)" --out "$WORK/exports/warm.xlsx")
BACKUP_MS=$(timed tl backup --out "$WORK/backups/good.db")
GOOD_TRAININGS=$(DB=$WORK/backups/good.db count | field trainings)
init_ledger "$WORK/timing/l.db"
DEMO_MS=$(timed "$BIN" --db "$WORK/timing/l.db" demo)
RESTORE_MS=$(timed "$BIN" --db "$WORK/timing/l.db" restore "$WORK/backups/good.db")
echo "torture: $KILLS kills per command; runs take about: import ${IMPORT_MS} ms ($ROWS sessions), demo ${DEMO_MS} ms," \
	"export ${EXPORT_MS} ms, backup ${BACKUP_MS} ms, restore ${RESTORE_MS} ms"
rm -rf "$WORK/timing"

tries=0
round=0
while :; do
	done_all=1
	for op in "${OPS[@]}"; do [ "${kills[$op]}" -ge "$KILLS" ] || done_all=0; done
	[ $done_all = 1 ] && break
	tries=$((tries + 1))
	[ $tries -gt $((KILLS * 20)) ] && { echo "torture: too few runs could be killed"; break; }
	round=$((round + 1))

	# import: all the rows or none.
	if [ "${kills[import]}" -lt "$KILLS" ]; then
		"$TOOL" fill "$WORK/template.xlsx" "$WORK/round.xlsx" "round$round" "$ROWS"
		before=$(count | field trainings)
		if run_killed import "$(delay "$IMPORT_MS")" import trainings "$WORK/round.xlsx"; then
			after_kill import
			now=$(count | field trainings)
			added=$((now - before))
			case $added in
			0) outcome import none ;;
			"$ROWS") outcome import all ;;
			*) fail import "partial import: $added of $ROWS sessions" ;;
			esac
		fi
	fi

	# demo: on a new ledger each time; complete after the next start or a second demo.
	if [ "${kills[demo]}" -lt "$KILLS" ]; then
		MAIN=$DB
		DB=$WORK/demo$round/townledger.db
		init_ledger "$DB"
		if run_killed demo "$(delay "$DEMO_MS")" demo; then
			after_kill demo
			state=$(count)
			if [ "$(echo "$state" | field parties)" = 0 ]; then outcome demo absent; else outcome demo complete; fi
			case "$(echo "$state" | field demo)" in
			loaded) [ "$(echo "$state" | field cases)" = 8 ] || fail demo "loaded with $(echo "$state" | field cases) cases" ;;
			none) [ "$(echo "$state" | field parties)" = 0 ] || fail demo "records without the demo mark: $state" ;;
			*) fail demo "still half-loaded after a start: $state" ;;
			esac
			if ! tl demo >"$WORK/demo.log" 2>&1 && ! grep -q 已经加载过 "$WORK/demo.log"; then
				fail demo "demo again: $(cat "$WORK/demo.log")"
			fi
			state=$(count)
			if [ "$(echo "$state" | field demo)" != loaded ] || [ "$(echo "$state" | field cases)" != 8 ] ||
				[ "$(echo "$state" | field parties)" != 46 ]; then
				fail demo "after demo again: $state"
			fi
		fi
		rm -rf "$WORK/demo$round"
		DB=$MAIN
	fi

	# export: the workbook at its path exactly when the history has its line.
	if [ "${kills[export]}" -lt "$KILLS" ]; then
		out=$WORK/exports/e$round.xlsx
		if run_killed export "$(delay "$EXPORT_MS")" export --period "$(date +%Y)" --out "$out"; then
			after_kill export
			recorded=$("$TOOL" recorded "$DB" "e$round.xlsx")
			if [ -f "$out" ] && [ "$recorded" != 1 ]; then fail export "workbook without its history line ($recorded)"; fi
			if [ ! -f "$out" ] && [ "$recorded" != 0 ]; then fail export "history line without its workbook"; fi
			if [ -f "$out" ]; then outcome export both; else outcome export neither; fi
		fi
	fi

	# backup: a backup file that exists verifies.
	if [ "${kills[backup]}" -lt "$KILLS" ]; then
		out=$WORK/backups/b$round.db
		if run_killed backup "$(delay "$BACKUP_MS")" backup --out "$out"; then
			after_kill backup
			if [ -f "$out" ] && ! "$BIN" --db "$out" verify >"$WORK/bverify.log" 2>&1; then
				fail backup "the backup $out does not verify: $(tr '\n' ' ' <"$WORK/bverify.log")"
			fi
			if [ -f "$out" ]; then outcome backup made; else outcome backup none; fi
		fi
	fi

	# restore: the ledger as it was or the backup, never neither.
	if [ "${kills[restore]}" -lt "$KILLS" ]; then
		if [ "$(count | field trainings)" = "$GOOD_TRAININGS" ]; then # move away from the backup's state
			"$TOOL" fill "$WORK/template.xlsx" "$WORK/small.xlsx" "small$round" 5
			tl import trainings "$WORK/small.xlsx" >/dev/null
		fi
		before=$(count | field trainings)
		if run_killed restore "$(delay "$RESTORE_MS")" restore "$WORK/backups/good.db"; then
			if after_kill restore; then
				now=$(count | field trainings)
				case $now in
				"$before") outcome restore "as before" ;;
				"$GOOD_TRAININGS") outcome restore restored ;;
				*) fail restore "$now sessions: neither the ledger's $before nor the backup's $GOOD_TRAININGS" ;;
				esac
			fi
		fi
	fi
done

# Every backup left, the copies kept before restores included, verifies.
while IFS= read -r -d '' b; do
	"$BIN" --db "$b" verify >/dev/null 2>&1 || fail backup "$(basename "$b") does not verify"
done < <(find "$WORK" -name '*.db' -path '*backups*' -print0)

echo
printf '%-8s %6s %15s %9s  %s\n' command kills "finished first" failures "found after the kill"
total_k=0
total_f=0
for op in "${OPS[@]}"; do
	printf '%-8s %6d %15d %9d  %s\n' "$op" "${kills[$op]}" "${finished[$op]}" "${failures[$op]}" "$(outcomes "$op")"
	total_k=$((total_k + kills[$op]))
	total_f=$((total_f + failures[$op]))
done
printf '%-8s %6d %15s %9d\n' total $total_k "" $total_f
if [ $total_f -gt 0 ]; then
	echo
	printf '%s\n' "${FAILS[@]}"
	exit 1
fi
[ $total_k -ge 50 ] || { echo "torture: only $total_k kills"; exit 1; }
echo "torture: no failure in $total_k kills"
