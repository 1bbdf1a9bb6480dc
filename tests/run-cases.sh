#!/bin/sh
# Runs the command-line cases under tests/cases/TOOL/CASE/.
#
# Each case folder holds:
#   cmd     one shell command line, run in the case folder; $BIN is the
#           folder of the built programs and $DATA is tests/data
#   stdin   optional standard input
#   stdout  expected standard output (byte for byte)
#   stderr  optional expected standard error (byte for byte)
#   status  expected exit status (0 if the file is absent)
#
# Usage: run-cases.sh BUILDDIR [CASEDIR...]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
shift
BIN=$build/bin
DATA=$top/tests/data
export BIN DATA
# Results must not depend on the machine's zone or language.
TZ=America/New_York
LC_ALL=C.UTF-8
export TZ LC_ALL

if [ $# -eq 0 ]; then
	set -- "$top"/tests/cases/*/*/
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0
fail=0
for dir in "$@"; do
	dir=${dir%/}
	[ -f "$dir/cmd" ] || continue
	name=${dir#"$top"/tests/cases/}
	want=0
	[ -f "$dir/status" ] && want=$(cat "$dir/status")
	input=/dev/null
	[ -f "$dir/stdin" ] && input=$dir/stdin
	(cd "$dir" && sh -c "$(cat cmd)" <"$input" >"$out/stdout" 2>"$out/stderr")
	got=$?
	bad=""
	[ "$got" = "$want" ] || bad="status $got, expected $want"
	if ! cmp -s "$out/stdout" "$dir/stdout"; then
		bad="$bad stdout differs"
		diff "$dir/stdout" "$out/stdout" | head -20 >&2
	fi
	if [ -f "$dir/stderr" ] && ! cmp -s "$out/stderr" "$dir/stderr"; then
		bad="$bad stderr differs"
		diff "$dir/stderr" "$out/stderr" | head -20 >&2
	fi
	if [ -n "$bad" ]; then
		fail=$((fail + 1))
		echo "FAIL: $name:$bad" >&2
		[ -f "$dir/stderr" ] || head -5 "$out/stderr" >&2
	else
		pass=$((pass + 1))
	fi
done
echo "cases: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
