#!/bin/sh
# Style checks: mandoc on the man pages, and lines over 80 columns in C
# sources (tabs count as 8) outside user-visible string literals.
set -u
cd "$(dirname "$0")/.." || exit 2
sh scripts/deps.sh lint || exit 2
status=0
for m in man/*.[1-9]; do
	mandoc -Tlint -W warning "$m" || status=1
done
for f in lib/*.c lib/*.h cmd/*.c; do
	# perl-base is essential on Debian and counts characters, not bytes.
	expand "$f" | perl -CSD -ne 'if (length($_) > 81 && !/"/) {
		printf "%s:%d: line of %d columns\n", $ARGV[0] // "'"$f"'", $.,
		    length($_) - 1; $bad = 1 } END { exit($bad ? 1 : 0) }' ||
	    status=1
done
exit $status
