#!/bin/sh
# Writes a roster of N active lawyers L1..LN to standard output.
# Usage: members.sh N
awk -v n="$1" 'BEGIN {
	print "name,category,practice_unit,services,duty,license_no," \
	    "status,term_start,term_end,status_since,status_reason," \
	    "suspended_until"
	for (i = 1; i <= n; i++)
		printf "member %d,lawyer,firm %d,civil,yes,L%d,active," \
		    "2024-04-01,2025-03-31,2024-04-01,selected,\n", i, i % 7, i
}'
