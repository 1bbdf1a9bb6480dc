#!/bin/sh
# The yearly cycle of the pool roster on small files. It creates the
# roster from the 2024 selection and publishes it. In the middle of the
# term it suspends a member, removes another on la-audit's change records,
# fills the place from the waitlist and lets the suspension end. Then it
# renews the roster for 2025 and publishes it again.
#
# Usage: cycle.sh [BINDIR]   (default: build/bin of this tree)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../build/bin}
bin=$(cd "$bin" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here"/ranking-2024.csv "$here"/ranking-2025.csv \
    "$here"/changes-2024.csv "$here"/rules.json "$work"/
cd "$work"

roster() {
	"$bin"/la-roster "$@"
}
common="-R rules.json -w 张科员"

echo "== create the 2024 roster from the selection"
roster create $common -T "2024-03-25 09:00" roster-2024.csv ranking-2024.csv

echo "== publish it (公示名单), masked"
roster publish $common -T "2024-03-25 09:00" -f markdown roster-2024.csv
roster publish $common -T "2024-03-25 09:00" -f html roster-2024.csv \
    >pool-2024.html

echo "== suspend 王建国 from 10 July to 9 October"
roster set $common -T "2024-07-10 10:00" -u 2024-10-09 \
    -r "未按时提交结案材料，暂停指派" roster-2024.csv 15001200810000003 suspend

echo "== apply la-audit's change records of 2 September"
roster apply $common -T "2024-09-02 15:00" roster-2024.csv changes-2024.csv

echo "== fill 林晓雯's place from the waitlist"
roster fill $common -T "2024-09-03 09:00" -k ranking-2024.csv roster-2024.csv

echo "== lawyers who can take criminal cases on 1 October"
roster list $common -T 2024-10-01 -C lawyer -S criminal -s active \
    -c 姓名,执业证号,status,status_reason roster-2024.csv

echo "== the nightly run of 10 October ends the suspension"
roster expire $common -T "2024-10-10 00:05" roster-2024.csv

echo "== the journal of 王建国"
roster history $common -T 2025-01-01 roster-2024.csv 15001200810000003

echo "== the roster as it was on 1 August"
roster history $common -p -T 2024-08-01 \
    -c 姓名,执业证号,status,status_since,status_reason,suspended_until \
    roster-2024.csv

echo "== renew for 2025"
roster renew $common -T "2025-03-25 09:00" -t 2025-04-01:2026-03-31 \
    roster-2024.csv roster-2025.csv ranking-2025.csv

echo "== publish the 2025 list"
roster publish $common -T "2025-03-25 09:00" roster-2025.csv
