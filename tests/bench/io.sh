#!/bin/sh
# Compares the reader and writer of lib/io with a bare libcsv pass that
# only counts fields, on a generated roster CSV.
# Usage: tests/bench/io.sh BUILDDIR [MEGABYTES [RUNS]]
# Prints the best CPU time (user + system) of RUNS runs of each command
# and its ratio to the libcsv pass. The input goes to $TMPDIR.
set -eu
build=$1
size=${2:-100}
runs=${3:-9}
here=$(cd "$(dirname "$0")" && pwd)
data=${TMPDIR:-/tmp}/la-bench-roster-$size.csv
[ -s "$data" ] || LC_ALL=C awk -v size="$size" -f "$here/roster.awk" >"$data"
cat "$data" >/dev/null

best() {
	b=""
	i=0
	while [ "$i" -lt "$runs" ]; do
		/usr/bin/time -o "$data.time" -f "%U %S" "$@" >/dev/null 2>&1
		t=$(awk '{ print $1 + $2 }' "$data.time")
		b=$(echo "$b $t" | awk '{ m = $1; for (i = 2; i <= NF; i++)
		    if ($i < m) m = $i; print m }')
		i=$((i + 1))
	done
	echo "$b"
}

trap 'rm -f "$data.time"' EXIT
base=$(best "$build/tests/csv-count" "$data")
echo "input: $data ($(wc -c <"$data") bytes)"
echo "csv-count (bare libcsv): ${base}s"
for args in "-n" "-f csv" "-f jsonl"; do
	t=$(best "$build/tests/la-read" $args "$data")
	echo "la-read $args: ${t}s, $(echo "$t $base" |
	    awk '{ printf "%.2f", $1 / $2 }')x"
done
