#!/bin/sh
# Kills la-roster with SIGKILL at random moments of a write, over and
# over for about three seconds. After every kill the roster must be the
# old one or the new one, byte for byte. Once a writer has run again, the
# journal must rebuild the roster and no temporary file may be left.
# Usage: crash.sh   (in a scratch folder, with $BIN set)
set -u
sh "$(dirname "$0")/members.sh" 300 >roster.csv
roster() {
	command=$1
	shift
	"$BIN"/la-roster "$command" -T "2024-06-02 09:00" -w crash roster.csv \
	    "$@"
}
# Reach the two states that the loop switches between, and keep them.
roster set -r "crash test" -u 2024-12-31 L7 suspend || exit 2
cp roster.csv suspended.csv
roster set -r "crash test over" L7 reinstate || exit 2
cp roster.csv active.csv

random_delay() {
	# 0 to 12 ms: la-roster needs a few ms to rewrite this roster.
	n=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	printf '0.%06d' $((n % 12000))
}

state=active
kills=0
bad=0
end=$(($(date +%s) + 3))
while [ "$(date +%s)" -lt "$end" ]; do
	# la-roster runs as the background job itself, not under a
	# subshell, so that the kill reaches it.
	if [ $state = active ]; then
		"$BIN"/la-roster set -T "2024-06-02 09:00" -w crash \
		    -r "crash test" -u 2024-12-31 roster.csv L7 suspend \
		    2>/dev/null &
	else
		"$BIN"/la-roster set -T "2024-06-02 09:00" -w crash \
		    -r "crash test over" roster.csv L7 reinstate 2>/dev/null &
	fi
	pid=$!
	sleep "$(random_delay)"
	kill -9 $pid 2>/dev/null && kills=$((kills + 1))
	wait $pid 2>/dev/null
	if cmp -s roster.csv active.csv; then
		state=active
	elif cmp -s roster.csv suspended.csv; then
		state=suspended
	else
		bad=$((bad + 1))
		cp roster.csv "mixed-$bad.csv"
	fi
done
[ "$kills" -gt 0 ] && echo "killed writers"
[ "$bad" -eq 0 ] && echo "roster always old or new"
# A writer that finds nothing to do still repairs the journal.
roster expire || exit 2
ls -A | grep -q '^\.roster\.csv\.' || echo "no temporary file left"
"$BIN"/la-roster list -a -T 2024-06-03 roster.csv >now.csv
"$BIN"/la-roster history -p -T 2024-06-03 roster.csv >rebuilt.csv
cmp -s now.csv rebuilt.csv && echo "journal rebuilds the roster"
