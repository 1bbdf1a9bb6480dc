#!/bin/sh
# A week of case assignment as a cron job would run it. Each working day at
# 17:30 the day's new cases go to the next members in rotation, and the
# state file carries the rotation to the next day. Cases closed during the
# day free their members' places, and members on leave take none.
#
# Usage: week.sh [BINDIR [OUTDIR]]
#   BINDIR  folder holding la-schedule; by default it is looked up in PATH
#   OUTDIR  folder for the state file and the assignments (default: a new
#           temporary folder)
# Exit status: 0 when every case was assigned, 1 when a case was not,
# 2 when a step failed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
bindir=${1:-}
out=${2:-}
status=0

fail() {
	echo "week.sh: $*" >&2
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
rm -f "$out/rotation.json"

for day in 2024-04-08 2024-04-09 2024-04-10 2024-04-11 2024-04-12; do
	closed=""
	[ -f "$here/closed-$day.csv" ] && closed="-C $here/closed-$day.csv"
	# shellcheck disable=SC2086
	"$schedule" assign -T "$day 17:30" -S "$out/rotation.json" $closed \
	    -u "$here/absences-q2.csv" -r "$here/roster-2024.csv" \
	    "$here/cases-$day.csv" \
	    >"$out/assigned-$day.csv"
	rc=$?
	[ "$rc" -le 1 ] || fail "the run of $day failed with status $rc"
	[ "$rc" -eq 0 ] || status=1
done

echo "week.sh: wrote the assignments and rotation.json to $out" >&2
exit $status
