#!/bin/sh
# Streams ten million generated applications through la-validate and
# reports the time and the peak memory. Too slow for make check: run it
# by hand or with the benchmarks. Needs no disk: the rows come through a
# pipe from bench/gen.c and the output goes to wc.
#
# Usage: big.sh BUILDDIR [ROWS]       (ROWS defaults to 10,000,000)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:?usage: big.sh BUILDDIR [ROWS]}" && pwd)
rows=${2:-10000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"${CC:-cc}" -O2 -o "$tmp/gen" "$top/bench/gen.c" || exit 2
start=$(date +%s)
# One JSON line per record, so wc -l counts records.
"$tmp/gen" "$rows" | {
	"$build/tests/peak_rss" "$tmp/rss" "$build/bin/la-validate" \
	    --as-of "2024-03-22 09:00" -O jsonl 2>"$tmp/err"
	echo $? >"$tmp/status"
} | wc -l >"$tmp/count"
end=$(date +%s)
status=0
written=$(cat "$tmp/count")
echo "rows: $rows, written: $written, seconds: $((end - start)), peak: $(($(cat "$tmp/rss") / 1024)) MB"
# Some generated rows are ineligible on purpose, so la-validate exits 1.
if [ "$(cat "$tmp/status")" -ne 1 ]; then
	echo "big.sh: la-validate exited with $(cat "$tmp/status")" >&2
	status=1
fi
if [ "$written" -ne "$rows" ]; then
	echo "big.sh: $written records written for $rows rows" >&2
	status=1
fi
if [ -s "$tmp/err" ]; then
	echo "big.sh: la-validate wrote to standard error:" >&2
	head -5 "$tmp/err" >&2
	status=1
fi
exit "$status"
