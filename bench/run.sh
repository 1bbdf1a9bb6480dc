#!/bin/sh
# Times la-validate and la-rank on N generated applications against a bare
# libcsv pass, Miller and GNU sort, and checks the speed targets. Prints a
# Markdown report and saves it as bench/data/report.md.
#
# Usage: [N=ROWS] sh bench/run.sh [BUILDDIR]
#   BUILDDIR  the build folder; the programs are in BUILDDIR/bin and the
#             helpers are built into BUILDDIR/bench (default: build)
#   N         rows to generate (default 1000000); N=20000 is a quick run
#
# Each command runs 5 times and the shortest wall-clock time counts.
# csvcount and la-validate with CSV out run in turns.
# Exit status: 0 every target met, 1 a target missed or not measured (a
# program missing or failing), 2 the harness itself failed.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-1000000}
CC=${CC:-cc}
RUNS=5
# Eligibility filter of the Miller baselines.
MLR_FILTER='$执业年限 >= 1'
AS_OF="2024-03-22 09:00"

fail() {
	echo "run.sh: $*" >&2
	exit 2
}

case $N in
'' | *[!0-9]*) fail "N must be a whole number of rows, not '$N'" ;;
esac
[ "$N" -ge 4 ] || fail "N must be at least 4"

mkdir -p "${1:-build}/bench" || fail "cannot create ${1:-build}/bench"
build=$(cd "${1:-build}" && pwd)
bin=$build/bin
tools=$build/bench
data=$top/bench/data
mkdir -p "$data" || fail "cannot create $data"
report=$data/report.md
missed=0

build_tools() {
	flags="-std=c11 -O2 -Wall -Wextra"
	# shellcheck disable=SC2086
	if ! $CC $flags -o "$tools/gen" "$top/bench/gen.c" ||
	    ! $CC $flags -o "$tools/timeit" "$top/bench/timeit.c" ||
	    ! $CC $flags -o "$tools/csvcount" "$top/bench/csvcount.c" -lcsv
	then
		fail "cannot build the helpers; is libcsv-dev installed?"
	fi
}

# generate ROWS: writes the sheet of ROWS rows unless it is up to date.
generate() {
	file=$data/applications-$1.csv
	if [ ! -s "$file" ] || [ -n "$(find "$tools/gen" -newer "$file")" ]
	then
		echo "generating $1 rows into $file" >&2
		if ! "$tools/gen" "$1" >"$file.tmp" ||
		    ! mv "$file.tmp" "$file"; then
			fail "cannot write $file"
		fi
	fi
	echo "$file"
}

# run_once NAME COMMAND...: runs COMMAND once with output to /dev/null and
# adds its time, peak memory and status to NAME's times.
run_once() {
	name=$1
	shift
	"$tools/timeit" "$data/$name.times" "$@" >/dev/null \
	    2>"$data/$name.stderr"
}

# best NAME MAXSTATUS: sets t_NAME (best seconds of NAME's runs, or empty
# on failure) and rss_NAME (peak kB). A status above MAXSTATUS is a
# failure.
best() {
	name=$1 max=$2
	best=$(awk -v max="$max" '
	    $3 > max { bad = $3 }
	    NR == 1 || $1 < t { t = $1 }
	    $2 > rss { rss = $2 }
	    END {
		if (NR == 0) print "- 0 255"
		else if (bad != "") print "- " rss " " bad
		else print t " " rss " 0"
	    }' "$data/$name.times")
	# shellcheck disable=SC2086
	set -- $best
	if [ "$1" = - ]; then
		echo "run.sh: $name failed with status $3;" \
		    "see $data/$name.stderr" >&2
		eval "t_$name="
	else
		eval "t_$name=\$1"
	fi
	eval "rss_$name=\$2"
}

# measure NAME MAXSTATUS COMMAND...: runs COMMAND $RUNS times and sets
# t_NAME and rss_NAME as best does.
measure() {
	name=$1 max=$2
	shift 2
	: >"$data/$name.times"
	echo "timing $name" >&2
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		run_once "$name" "$@"
		i=$((i + 1))
	done
	best "$name" "$max"
}

# measure_pair: csvcount and la-validate with CSV out, $RUNS times each in
# turns, so that the target's ratio compares runs made seconds apart and
# a slow minute of the machine falls on both.
measure_pair() {
	: >"$data/csvcount.times"
	: >"$data/validate_csv.times"
	echo "timing csvcount and validate_csv in turns" >&2
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		run_once csvcount "$tools/csvcount" "$big"
		run_once validate_csv "$bin/la-validate" --as-of "$AS_OF" "$big"
		i=$((i + 1))
	done
	best csvcount 0
	best validate_csv 1
}

# have PROGRAM: true when BUILDDIR/bin/PROGRAM can be run.
have() {
	if [ -x "$bin/$1" ]; then
		return 0
	fi
	echo "run.sh: $bin/$1 not found; its figures are skipped" >&2
	return 1
}

# peak_rss FILE: peak resident set size in kB of la-validate on FILE,
# measured with GNU time when it is installed, else with timeit. Prints
# nothing when la-validate exits with status 2 or more.
peak_rss() {
	out=$data/rss.out
	if /usr/bin/time -v -o "$out" true >/dev/null 2>&1; then
		/usr/bin/time -v -o "$out" "$bin/la-validate" --as-of "$AS_OF" \
		    "$1" >/dev/null 2>&1
		awk -F': ' '
		    /Maximum resident set size/ { rss = $2 }
		    /Exit status/ { status = $2 }
		    END { if (status <= 1) print rss }' "$out"
	else
		: >"$out"
		"$tools/timeit" "$out" "$bin/la-validate" --as-of "$AS_OF" \
		    "$1" >/dev/null 2>&1
		awk '$3 <= 1 { print $2 }' "$out"
	fi
}

run_all() {
	if have la-validate; then
		measure_pair
	else
		measure csvcount 0 "$tools/csvcount" "$big"
	fi
	measure mlr_csv 0 mlr --icsv --ocsv filter "$MLR_FILTER" "$big"
	measure mlr_jsonl 0 mlr --icsv --ojsonl filter "$MLR_FILTER" "$big"
	sorted=$big
	if have la-validate; then
		measure validate_jsonl 1 "$bin/la-validate" --as-of "$AS_OF" \
		    -O jsonl "$big"
		validated=$data/validated-$N.csv
		"$bin/la-validate" --as-of "$AS_OF" "$big" >"$validated" \
		    2>/dev/null
		if [ $? -le 1 ]; then
			sorted=$validated
		else
			echo "run.sh: la-validate failed, so la-rank is not" \
			    "timed" >&2
		fi
		rss_small=$(peak_rss "$small")
		rss_big=$(peak_rss "$big")
	fi
	if [ "$sorted" != "$big" ] && have la-rank; then
		measure rank 1 "$bin/la-rank" --as-of "$AS_OF" "$sorted"
	fi
	# Category, then case count from the highest: the nearest sort keys
	# to la-rank's order. The C locale makes sort compare bytes, its
	# fastest mode.
	measure sort 0 env LC_ALL=C sort -t, -k7,7 -k24,24nr "$sorted"
}

# ratio A B: A / B with two decimals, or empty when either is missing.
ratio() {
	[ -n "$1" ] && [ -n "$2" ] || return 0
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b }'
}

# verdict VALUE OP LIMIT: sets verdict_text to "met", "missed" or "not
# measured", and missed to 1 unless the target is met.
verdict() {
	if [ -z "$1" ]; then
		missed=1
		verdict_text="not measured"
	elif awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {
	    exit !(op == ">=" ? v >= l : v <= l) }'; then
		verdict_text="met"
	else
		missed=1
		verdict_text="missed"
	fi
}

# row LABEL NAME: a table row with the best time, throughput and peak RSS.
row() {
	t="" rss=""
	eval "t=\${t_$2:-}; rss=\${rss_$2:-}"
	if [ -z "$t" ]; then
		echo "| $1 | not measured | | |"
		return
	fi
	awk -v l="$1" -v t="$t" -v rss="$rss" -v mb="$size_mb" 'BEGIN {
	    printf "| %s | %.2f | %.0f | %.0f |\n", l, t, mb / t, rss / 1024 }'
}

# target LABEL VALUE LIMIT OP NUMBER: a table row with the verdict.
target() {
	verdict "$2" "$4" "$5"
	echo "| $1 | ${2:-–} | $3 | $verdict_text |"
}

# megabytes KB: "12.3 MB", or "not measured" when KB is empty.
megabytes() {
	if [ -z "$1" ]; then
		echo "not measured"
	else
		awk -v kb="$1" 'BEGIN { printf "%.1f MB", kb / 1024 }'
	fi
}

machine() {
	cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
	mem=$(awk '/^MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
	echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "- Machine: ${cpu:-unknown CPU}, $(nproc) CPUs, $mem GiB RAM," \
	    "Linux $(uname -r)"
	echo "- Tools: $("$CC" --version | head -n 1); $(mlr --version);" \
	    "$(sort --version | head -n 1)"
	echo "- Input: $N rows, $size_mb MB ($(basename "$big"))"
}

write_timings() {
	echo "Best of $RUNS runs, output to /dev/null. csvcount and la-validate" \
	    "with CSV out ran in turns."
	echo
	echo "| command | seconds | MB/s | max RSS (MB) |"
	echo "| --- | --- | --- | --- |"
	row "csvcount (bare libcsv pass)" csvcount
	row "la-validate, CSV out" validate_csv
	row "mlr filter, CSV out" mlr_csv
	row "la-validate -O jsonl" validate_jsonl
	row "mlr filter, JSON Lines out" mlr_jsonl
	row "la-rank on la-validate's CSV" rank
	if [ "$sorted" = "$big" ]; then
		row "GNU sort on the generated sheet" sort
	else
		row "GNU sort on la-validate's CSV" sort
	fi
}

write_targets() {
	echo "| target | measured | limit | verdict |"
	echo "| --- | --- | --- | --- |"
	target "mlr filter time / la-validate CSV time" \
	    "$(ratio "${t_mlr_csv:-}" "${t_validate_csv:-}")" ">= 3" ">=" 3
	target "la-validate CSV time / csvcount time" \
	    "$(ratio "${t_validate_csv:-}" "${t_csvcount:-}")" "<= 1.5" "<=" 1.5
	target "mlr --ojsonl time / la-validate -O jsonl time" \
	    "$(ratio "${t_mlr_jsonl:-}" "${t_validate_jsonl:-}")" ">= 2" ">=" 2
	target "la-rank time / GNU sort time" \
	    "$(ratio "${t_rank:-}" "${t_sort:-}")" "<= 3" "<=" 3
}

write_report() {
	echo "# Benchmark results"
	echo
	machine
	echo
	write_timings
	echo
	write_targets
	echo
	echo "Peak memory of la-validate: $(megabytes "$rss_small") at" \
	    "$small_rows rows, $(megabytes "$rss_big") at $N rows."
}

command -v mlr >/dev/null 2>&1 || fail "mlr not found; install miller"
build_tools
small_rows=$((N / 4))
big=$(generate "$N") || exit 2
small=$(generate "$small_rows") || exit 2
size_mb=$(wc -c <"$big" | awk '{ printf "%.1f", $1 / 1000000 }')
rss_small="" rss_big=""
run_all
write_report >"$report" || fail "cannot write $report"
cat "$report"
exit "$missed"
