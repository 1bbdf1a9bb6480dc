#!/bin/sh
# Starts eight la-schedule assign runs at once on one rotation state file,
# each with a case of its own. Every case must end up in the state: the
# runs take turns under the state's lock, so none loses another's case.
# Usage: schedule-concurrent.sh   (with $BIN and $DATA set)
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$DATA/schedule/roster-cases.csv" "$work/" || exit 2
cd "$work" || exit 2
pids=""
for i in 1 2 3 4 5 6 7 8; do
	printf 'case_id,case_type,received_at\n2024-10%d,非诉,2024-03-04 09:0%d\n' \
	    "$i" "$i" >"cases-$i.csv"
done
for i in 1 2 3 4 5 6 7 8; do
	"$BIN"/la-schedule assign -T "2024-03-04 17:00" -S state.json \
	    -r roster-cases.csv "cases-$i.csv" >"out-$i.csv" 2>&1 &
	pids="$pids $!"
done
failed=0
for pid in $pids; do
	wait "$pid" || failed=$((failed + 1))
done
echo "$failed runs failed"
grep -o '"case_id": "[^"]*"' state.json | sort
