#!/bin/sh
# Kills la-schedule assign with SIGKILL at random moments, over and over
# for three seconds and until 20 kills have landed (at most 30 seconds),
# while it replaces its rotation state file.
# After every kill the state must be the old one or the new one, byte for
# byte, and the next run must read it.
# Usage: schedule-kill.sh   (with $BIN and $DATA set, as in tests/cases)
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$DATA/schedule/roster-cases.csv" "$DATA/schedule/cases-monday.csv" \
    "$DATA/schedule/cases-tuesday.csv" "$work/" || exit 2
cd "$work" || exit 2

assign() {
	"$BIN"/la-schedule assign -T "$1" -S state.json -r roster-cases.csv \
	    "$2" >/dev/null 2>&1
}

# The two states the loop moves between: after Monday, and after Tuesday.
assign "2024-03-04 17:00" cases-monday.csv || exit 2
cp state.json old.json
assign "2024-03-05 17:00" cases-tuesday.csv || exit 2
cp state.json new.json
cmp -s old.json new.json && { echo "the two states are equal"; exit 2; }

random_delay() {
	# 0 to 3 ms: one run takes about 3 ms on this input.
	n=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	printf '0.%06d' $((n % 3000))
}

kills=0
bad=0
start=$(date +%s)
# A run may end before its kill on a fast machine, so the loop goes on
# until enough kills have landed rather than for a fixed time only.
while now=$(date +%s) && { [ "$now" -lt $((start + 3)) ] ||
    [ "$kills" -lt 20 ]; } && [ "$now" -lt $((start + 30)) ]; do
	cp old.json state.json
	# la-schedule is the background job itself, so the kill reaches it.
	"$BIN"/la-schedule assign -T "2024-03-05 17:00" -S state.json \
	    -r roster-cases.csv cases-tuesday.csv >/dev/null 2>&1 &
	pid=$!
	sleep "$(random_delay)"
	kill -9 $pid 2>/dev/null && kills=$((kills + 1))
	wait $pid 2>/dev/null
	if ! cmp -s state.json old.json && ! cmp -s state.json new.json; then
		bad=$((bad + 1))
		cp state.json "mixed-$bad.json"
	fi
done
[ "$kills" -gt 0 ] && echo "killed writers"
[ "$bad" -eq 0 ] && echo "state always old or new"
# Whatever the last kill left, the next run reads it, ends in new.json
# and removes the temporary files of killed runs, but no other file.
echo left >.state.json.tmp-Ab12Cd
echo kept >state.json.backup
assign "2024-03-05 17:00" cases-tuesday.csv && cmp -s state.json new.json &&
    echo "next run reads the state"
ls -A | grep -q '^\.state\.json\.tmp-' || echo "no temporary file left"
[ -f state.json.backup ] && echo "other files kept"
