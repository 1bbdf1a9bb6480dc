#!/bin/sh
# The duty rota of the second quarter of 2024, as the centre would make it.
# It plans April to June and writes the month grid for the notice board and
# calendar files for phones. Then it re-plans after a suspension and plans
# July to September with the quarter as history.
#
# Usage: quarter.sh [BINDIR [OUTDIR]]
#   BINDIR  folder holding la-schedule; by default it is looked up in PATH
#   OUTDIR  folder for the files written (default: a new temporary folder)
# Exit status: 0 when every seat was filled, 1 when a seat was left empty,
# 2 when a step failed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
bindir=${1:-}
out=${2:-}
roster=$here/roster-2024.csv
rules=$here/rules-duty.json
status=0

fail() {
	echo "quarter.sh: $*" >&2
	exit 2
}

if [ -n "$bindir" ]; then
	schedule=$bindir/la-schedule
	[ -x "$schedule" ] || fail "$schedule not found; run 'make' first"
else
	schedule=$(command -v la-schedule) || fail "la-schedule not in PATH"
fi
if [ -z "$out" ]; then
	out=$(mktemp -d) || fail "cannot create a temporary folder"
fi
mkdir -p "$out" || fail "cannot create $out"

# run STEP ARGS...: runs la-schedule duty; status 1 (an empty seat) is
# remembered, anything above stops the script.
run() {
	step=$1
	shift
	"$schedule" duty -R "$rules" "$@"
	rc=$?
	[ "$rc" -le 1 ] || fail "$step failed with status $rc"
	[ "$rc" -eq 0 ] || status=1
}

# The quarter, with the absences the members reported, and the grid and
# calendar that go with it. "Now" is fixed so the calendar's time stamps
# do not change from run to run.
run "the quarter" -T "2024-03-25 09:00" -f 2024-04-01 -t 2024-06-30 \
    -u "$here/absences-q2.csv" -g "$out/rota-q2.html" \
    -i "$out/rota-q2.ics" "$roster" >"$out/rota-q2.csv"

# One member's own calendar, for import on a phone.
run "one member's calendar" -T "2024-03-25 09:00" -f 2024-04-01 \
    -t 2024-06-30 -u "$here/absences-q2.csv" -M 15002201210010101 \
    -i "$out/wang-jianguo.ics" "$roster" >/dev/null

# 郑秀英 is suspended on 6 May: everything before 7 May stays as published
# and the rest of the quarter is planned again without her.
sed 's/^\(15002201410110402,.*\),active,\(.*\),selected,$/\1,suspended,\2,complaint upheld,/' \
    "$roster" >"$out/roster-2024-05-06.csv" ||
    fail "cannot write $out/roster-2024-05-06.csv"
run "the re-plan" -T "2024-05-06 17:00" -f 2024-04-01 -t 2024-06-30 \
    -u "$here/absences-q2.csv" -k "$out/rota-q2.csv" -K 2024-05-07 \
    "$out/roster-2024-05-06.csv" >"$out/rota-q2-replanned.csv"

# Each member's count and spread, and the next quarter with this one as
# history so that the turn carries over.
run "the summary" -f 2024-04-01 -t 2024-06-30 -u "$here/absences-q2.csv" \
    -k "$out/rota-q2-replanned.csv" -K 2024-07-01 -s \
    "$out/roster-2024-05-06.csv" >"$out/summary-q2.csv"
run "the third quarter" -f 2024-07-01 -t 2024-09-30 \
    -H "$out/rota-q2-replanned.csv" "$out/roster-2024-05-06.csv" \
    >"$out/rota-q3.csv"

echo "quarter.sh: wrote the rotas, grid, calendars and summary to $out" >&2
exit $status
