#!/bin/sh
# Runs cmocka unit test binaries from the top of the tree.
# Usage: run-units.sh BUILDDIR TEST...
set -u
build=$1
shift
pass=0
fail=0
for t in "$@"; do
	if "$t" >"$build/tests/last.log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $t" >&2
		cat "$build/tests/last.log" >&2
	fi
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
