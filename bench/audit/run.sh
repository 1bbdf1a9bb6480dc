#!/bin/sh
# Times la-audit on generated event streams of growing length at one rate
# of events a day, so that a flat peak RSS shows memory that follows the
# open cases and not the number of events. Prints a Markdown table.
#
# Usage: [SIZES="1000000 10000000"] sh bench/audit/run.sh [BUILDDIR]
#   BUILDDIR  the build folder; la-audit is in BUILDDIR/bin and the helpers
#             are built into BUILDDIR/bench (default: build)
#   SIZES     event counts to run (default: 1000000 and 10000000)
#
# The events go through a pipe, so no data file is written. The as-of time
# is the last event's, so that the cases the generator left open at its
# end do not count as overdue. Exit status: 0 all runs worked, 2 a run or
# the harness failed.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
SIZES=${SIZES:-"1000000 10000000"}
CC=${CC:-cc}
mkdir -p "${1:-build}/bench" || exit 2
build=$(cd "${1:-build}" && pwd)
tools=$build/bench
flags="-std=c11 -O2 -Wall -Wextra -D_POSIX_C_SOURCE=200809L"

# shellcheck disable=SC2086
$CC $flags -o "$tools/audit-gen" "$top/bench/audit/gen.c" &&
    $CC $flags -o "$tools/timeit" "$top/bench/timeit.c" || exit 2
[ -x "$build/bin/la-audit" ] || { echo "run.sh: no $build/bin/la-audit" >&2
    exit 2; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
# GNU time also gives the CPU time, which a busy machine disturbs less
# than the wall-clock time; timeit (bench/timeit.c) is the fallback.
measure() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -o "$tmp/result" -f "%e %U %M %x" "$@"
	else
		"$tools/timeit" "$tmp/result" "$@" &&
		    awk '{ print $1, "-", $2, $3 }' "$tmp/result" >"$tmp/r2" &&
		    mv "$tmp/r2" "$tmp/result"
	fi
}

echo "| events | span | findings | wall s | CPU s | events/CPU s |" \
    "peak RSS (MB) |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"
for n in $SIZES; do
	last=$("$tools/audit-gen" "$n" | tail -n 1 | cut -d, -f2)
	"$tools/audit-gen" "$n" | measure "$build/bin/la-audit" -T "$last" \
	    >"$tmp/out" 2>"$tmp/err"
	# GNU time puts "Command exited with non-zero status" first.
	tail -n 1 "$tmp/result" >"$tmp/last"
	read -r secs cpu rss status <"$tmp/last"
	rm -f "$tmp/result"
	# 1 means findings, which the generated stream always has.
	if [ "$status" -ne 1 ]; then
		echo "run.sh: la-audit exited with $status on $n events" >&2
		cat "$tmp/err" >&2
		exit 2
	fi
	findings=$(($(wc -l <"$tmp/out") - 1))
	awk -v n="$n" -v s="$secs" -v c="$cpu" -v r="$rss" -v f="$findings" \
	    -v last="$last" 'BEGIN {
		rate = c == "-" ? "-" : sprintf("%.0f", n / c)
		printf "| %d | 2024-01-01 to %s | %d | %.1f | %s | %s |" \
		    " %.1f |\n", n, substr(last, 1, 10), f, s, c, rate,
		    r / 1024 }'
done
echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
