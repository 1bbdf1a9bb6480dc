#!/bin/sh
# Several processes change one roster at the same moment; every change
# must land, each under the lock, and the journal must rebuild the roster.
# Usage: concurrent.sh   (in a scratch folder, with $BIN set)
set -u
n=12
sh "$(dirname "$0")/members.sh" $n >roster.csv
"$BIN"/la-roster expire -T 2024-06-01 -w setup roster.csv || exit 2
i=1
while [ $i -le $n ]; do
	"$BIN"/la-roster set -T "2024-06-02 09:00" -w "clerk$i" \
	    -r "parallel change $i" -u 2024-12-31 roster.csv "L$i" suspend &
	i=$((i + 1))
done
wait
echo "suspended: $("$BIN"/la-roster list -T 2024-06-03 -s suspended \
    -c license_no roster.csv | tail -n +2 | sort -V | tr '\n' ' ')"
echo "journaled sets: $("$BIN"/la-roster history -T 2024-12-31 \
    -c command roster.csv | grep -c '^set$')"
"$BIN"/la-roster list -a -T 2024-06-03 roster.csv >now.csv
"$BIN"/la-roster history -p -T 2024-06-03 roster.csv >rebuilt.csv
cmp -s now.csv rebuilt.csv && echo "journal rebuilds the roster"
