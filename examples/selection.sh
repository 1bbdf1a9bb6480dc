#!/bin/sh
# The 2024 selection as the centre's IT staff would script it: check every
# application against the rules, rank the eligible ones, and print the
# selected members (name, category, practice unit, score, rank) as CSV.
#
# Usage: selection.sh [BINDIR]
#   BINDIR  folder holding la-validate and la-rank; by default they are
#           looked up in PATH.
# Exit status: 0 when the list was printed, 2 when a step failed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
rules=$here/rules-2024.json
sheet=$here/applications-2024.csv
# The review runs after the window has closed. A fixed "now" makes the
# list the same whatever day the script is run.
as_of="2024-03-22 09:00"

fail() {
	echo "selection.sh: $*" >&2
	exit 2
}

find_program() {
	if [ -n "$bindir" ]; then
		[ -x "$bindir/$1" ] ||
		    fail "$bindir/$1 not found; run 'make' first"
		echo "$bindir/$1"
	else
		command -v "$1" 2>/dev/null ||
		    fail "$1 not found in PATH; pass the programs folder"
	fi
}

bindir=${1:-}
validate=$(find_program la-validate) || exit 2
rank=$(find_program la-rank) || exit 2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/la-selection.XXXXXX") ||
    fail "cannot create a temporary folder"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

# Status 1 means that some applications are ineligible or late: expected.
"$validate" --rules "$rules" --as-of "$as_of" "$sheet" \
    >"$tmp/validated.csv"
status=$?
[ "$status" -le 1 ] || fail "la-validate failed with status $status"

# Status 1 means that a category has fewer eligible people than seats.
"$rank" --rules "$rules" --as-of "$as_of" --output-format csv \
    --only selected --columns name,category,practice_unit,score,rank \
    "$tmp/validated.csv" >"$tmp/selected.csv"
status=$?
[ "$status" -le 1 ] || fail "la-rank failed with status $status"

cat "$tmp/selected.csv" || fail "cannot write the list"
