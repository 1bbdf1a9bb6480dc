#!/bin/sh
# Times la-schedule on a district's year and on a province-sized case, and
# checks that the district's rota takes well under a second. Prints a
# Markdown report and saves it as bench/data/schedule-report.md.
#
# Usage: sh bench/schedule/run.sh [BUILDDIR]
#   BUILDDIR  the build folder; la-schedule is in BUILDDIR/bin and the
#             helpers are built into BUILDDIR/bench (default: build)
#
# Each command runs 3 times and the shortest wall-clock time counts; the
# peak resident set size is that of the same run.
# Exit status: 0 the target is met, 1 it is missed or a command failed,
# 2 the harness itself failed.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
CC=${CC:-cc}
RUNS=3
# The district target: one year of 60 members and 3 posts.
DISTRICT_LIMIT=0.5

fail() {
	echo "run.sh: $*" >&2
	exit 2
}

mkdir -p "${1:-build}/bench" || fail "cannot create ${1:-build}/bench"
build=$(cd "${1:-build}" && pwd)
schedule=$build/bin/la-schedule
tools=$build/bench
data=$top/bench/data/schedule
report=$top/bench/data/schedule-report.md
missed=0

[ -x "$schedule" ] || fail "$schedule not found; run 'make' first"
mkdir -p "$data" || fail "cannot create $data"
flags="-std=c11 -O2 -Wall -Wextra"
# shellcheck disable=SC2086
$CC $flags -o "$tools/schedule-gen" "$top/bench/schedule/gen.c" &&
    $CC $flags -o "$tools/timeit" "$top/bench/timeit.c" ||
    fail "cannot build the helpers"

gen() {
	out=$1
	shift
	"$tools/schedule-gen" "$@" >"$out" || fail "cannot write $out"
}

gen "$data/roster-60.csv" roster 60
gen "$data/absences-60.csv" absences 60
gen "$data/rules-3.json" rules 3
gen "$data/roster-3000.csv" roster 3000
gen "$data/absences-3000.csv" absences 3000
# A province year of cases needs a cap above the district's 5: without
# closures 100,000 cases over 3,000 members come to 34 each.
gen "$data/rules-100.json" rules 100 50
gen "$data/cases-100000.csv" cases 100000 3000
gen "$data/cases-next.csv" cases 1000 3000 1
# Case numbers of the next day's stream must not repeat the year's.
sed 's/^2024-0/2025-0/' "$data/cases-next.csv" >"$data/cases-next.tmp" &&
    mv "$data/cases-next.tmp" "$data/cases-next.csv" ||
    fail "cannot write $data/cases-next.csv"

# measure NAME COMMAND...: runs COMMAND RUNS times with its output thrown
# away and prints "SECONDS MAXRSS_KB" of the fastest run, then the highest
# exit status of all runs. Each run starts with the rotation state in
# $state_seed, or with none when it is empty.
state_seed=""
measure() {
	name=$1
	shift
	result=$data/$name.times
	: >"$result"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		rm -f "$data/rotation.json" "$data/rotation.json.lock"
		if [ -n "$state_seed" ]; then
			cp "$state_seed" "$data/rotation.json" ||
			    fail "cannot copy $state_seed"
		fi
		"$tools/timeit" "$result" "$@" >/dev/null \
		    2>"$data/$name.stderr" || fail "timeit failed for $name"
		i=$((i + 1))
	done
	worst=$(awk 'BEGIN { w = 0 } $3 > w { w = $3 } END { print w }' \
	    "$result")
	echo "$(sort -n "$result" | head -1 | awk '{ print $1, $2 }') $worst"
}

# row CASE INPUT "SECONDS MAXRSS_KB STATUS": one line of the report; a
# status of 2 or more marks the run as failed.
row() {
	set -- "$1" "$2" $3
	if [ "$5" -ge 2 ]; then
		echo "run.sh: $1 failed with status $5" >&2
		printf '| %s | %s | failed | |\n' "$1" "$2"
		return 1
	fi
	printf '| %s | %s | %s | %.1f |\n' "$1" "$2" "$3" "$(echo "$4" |
	    awk '{ print $1 / 1024 }')"
}

district=$(measure district "$schedule" duty -R "$data/rules-3.json" \
    -f 2024-01-01 -t 2024-12-31 -u "$data/absences-60.csv" \
    "$data/roster-60.csv")
province=$(measure province "$schedule" duty -R "$data/rules-100.json" \
    -f 2024-01-01 -t 2024-12-31 -u "$data/absences-3000.csv" \
    "$data/roster-3000.csv")
assign=$(measure assign "$schedule" assign -R "$data/rules-100.json" \
    -T "2024-12-31 18:00" -S "$data/rotation.json" \
    -r "$data/roster-3000.csv" "$data/cases-100000.csv")
cp "$data/rotation.json" "$data/rotation-100000.json" ||
    fail "cannot keep the state of the year's cases"
state_seed=$data/rotation-100000.json
next=$(measure next "$schedule" assign -R "$data/rules-100.json" \
    -T "2025-01-02 18:00" -S "$data/rotation.json" \
    -r "$data/roster-3000.csv" "$data/cases-next.csv")
state_seed=""
seconds=${district%% *}
if ! awk -v s="$seconds" -v l="$DISTRICT_LIMIT" 'BEGIN { exit !(s < l) }'
then
	missed=1
fi

{
	echo "# la-schedule benchmark"
	echo
	echo "- Date: $(date +%F)"
	echo "- Machine: $(uname -srm), $(getconf _NPROCESSORS_ONLN) CPUs"
	echo "- Runs: $RUNS each, the fastest counts"
	echo
	echo "| case | input | seconds | max RSS (MB) |"
	echo "| --- | --- | --- | --- |"
} >"$report"
row "duty, district" "60 members, 3 posts, 2024" "$district" >>"$report" ||
    missed=1
row "duty, province" "3,000 members, 100 posts, 2024" "$province" \
    >>"$report" || missed=1
row "assign, province" "100,000 cases, 3,000 members" "$assign" \
    >>"$report" || missed=1
row "assign, the next day" "1,000 cases, state of 100,000" "$next" \
    >>"$report" || missed=1
if [ "$missed" = 0 ]; then
	verdict="met"
else
	verdict="missed"
fi
printf '\nDistrict target: under %s s; %s.\n' "$DISTRICT_LIMIT" \
    "$verdict" >>"$report"
cat "$report"
exit $missed
