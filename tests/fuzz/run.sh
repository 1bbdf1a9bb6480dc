#!/bin/sh
# Builds the libFuzzer targets tests/fuzz/fuzz_*.c with clang, AddressSanitizer
# and UndefinedBehaviorSanitizer, and runs each for a set time.
#
# Usage: run.sh [TARGET...]          (default: every tests/fuzz/fuzz_*.c)
# Environment:
#   LA_FUZZ_SECONDS  seconds per target (default 60)
#   LA_FUZZ_JOBS     parallel libFuzzer workers per target (default 1)
#   LA_FUZZ_CHUNK    bytes the readers take at once (default 61, where
#                    the programs take 256 KiB), so that short inputs
#                    cross the readers' block boundaries
#   CLANG            compiler (default clang)
#
# Corpora live in build-fuzz/corpus/TARGET and grow from run to run. They
# start from the inputs in tests/data, examples/ and ../shared/cases, from
# tests/fuzz/seeds/TARGET and from tests/fuzz/regressions/TARGET. A crash,
# leak or hang is saved under build-fuzz/artifacts/TARGET; copy it to
# tests/fuzz/regressions/TARGET once it is fixed, so that make check
# replays it. Prints one line per target: seconds, executions, findings.
# Exits 1 when a target found something.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
seconds=${LA_FUZZ_SECONDS:-60}
jobs=${LA_FUZZ_JOBS:-1}
chunk=${LA_FUZZ_CHUNK:-61}
clang=${CLANG:-clang}
out=build-fuzz
flags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined
-fno-sanitize-recover=all -std=c11 -pthread -D_POSIX_C_SOURCE=200809L -Ilib
-Itests/fuzz -DLA_VERSION=\"fuzz\" -DLOCALEDIR=\"/nonexistent\"
-DLA_IO_CHUNK=$chunk"

# Files whose every cell seeds the value targets, and whole files that
# seed the readers.
data_files() {
	for d in tests/data/inputs tests/data/suites examples \
	    ../shared/cases/inputs; do
		[ -d "$d" ] && find "$d" -type f
	done
}

# Value targets (normalize, ident, datetime) get one seed per CSV cell.
seed_cells() {
	data_files | grep -E '\.(csv|tsv)$' | while read -r f; do
		tr -d '\r' <"$f" | tr ',\t' '\n\n'
	done | awk 'length($0) > 0 && length($0) <= 200' | sort -u |
	    while IFS= read -r cell; do
		printf '%s' "$cell" >"$1/cell-$(printf '%s' "$cell" |
		    cksum | cut -d' ' -f1)"
	done
}

# Whole files seed the readers; the rules target gets the JSON files only.
seed_files() {
	data_files | grep -E "$2" | while read -r f; do
		cp "$f" "$1/file-$(cksum <"$f" | cut -d' ' -f1)"
	done
}

# Fills the corpus folder $2 of target $1 and prints its -max_len.
seed_target() {
	case $1 in
	normalize|ident|datetime)
		seed_cells "$2"
		echo 256 ;;
	rules)	seed_files "$2" '\.json$'
		echo 16384 ;;
	utf8)	seed_files "$2" .
		echo 4096 ;;
	*)	seed_files "$2" .
		echo 65536 ;;
	esac
}

# Objects depend on the block size, so each size has its own folder.
build_lib() {
	obj_dir=$out/obj-$chunk
	mkdir -p "$obj_dir"
	for src in lib/*.c; do
		obj=$obj_dir/$(basename "$src" .c).o
		if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] ||
		    [ -n "$(find lib -name '*.h' -newer "$obj")" ]; then
			# shellcheck disable=SC2086
			"$clang" $flags -fsanitize=fuzzer-no-link -c -o "$obj" \
			    "$src" 2>>"$out/build.log" || return 1
		fi
	done
	rm -f "$out/libla-fuzz.a"
	ar rcs "$out/libla-fuzz.a" "$obj_dir"/*.o
}

build_target() {
	# shellcheck disable=SC2086
	"$clang" $flags -fsanitize=fuzzer -o "$out/fuzz_$1" \
	    "tests/fuzz/fuzz_$1.c" "$out/libla-fuzz.a" \
	    -lcsv -ljansson -lm -pthread 2>>"$out/build.log"
}

# Runs one target; prints "TARGET SECONDS EXECUTIONS FINDINGS".
run_target() {
	t=$1
	corpus=$out/corpus/$t
	art=$out/artifacts/$t
	mkdir -p "$corpus" "$art"
	maxlen=$(seed_target "$t" "$corpus")
	for d in tests/fuzz/seeds/$t tests/fuzz/regressions/$t; do
		[ -d "$d" ] && cp "$d"/* "$corpus"/ 2>/dev/null
	done
	dict=""
	[ -f "tests/fuzz/$t.dict" ] && dict="-dict=$top/tests/fuzz/$t.dict"
	before=$(find "$art" -type f | wc -l)
	parallel=""
	[ "$jobs" -gt 1 ] && parallel="-jobs=$jobs -workers=$jobs"
	rm -f "$out"/fuzz-*.log
	start=$(date +%s)
	# Workers started by -jobs write fuzz-N.log in the current folder.
	# shellcheck disable=SC2086
	(cd "$out" && "./fuzz_$t" -max_total_time="$seconds" -timeout=10 \
	    -rss_limit_mb=2048 -max_len="$maxlen" -print_final_stats=1 \
	    -artifact_prefix="$top/$art/" $parallel $dict "$top/$corpus" \
	    >"$t.log" 2>&1)
	end=$(date +%s)
	[ -n "$parallel" ] && cat "$out"/fuzz-*.log >>"$out/$t.log"
	execs=$(grep 'stat::number_of_executed_units' "$out/$t.log" |
	    awk '{ n += $2 } END { print n + 0 }')
	after=$(find "$art" -type f | wc -l)
	echo "$t $((end - start)) $execs $((after - before))"
}

command -v "$clang" >/dev/null 2>&1 || {
	echo "run.sh: $clang not found; run: sh scripts/deps.sh fuzz" >&2
	exit 2
}
if [ $# -eq 0 ]; then
	for f in tests/fuzz/fuzz_*.c; do
		n=${f#tests/fuzz/fuzz_}
		set -- "$@" "${n%.c}"
	done
fi
mkdir -p "$out"
: >"$out/build.log"
if ! build_lib; then
	cat "$out/build.log" >&2
	exit 2
fi
status=0
echo "target seconds executions findings"
for t in "$@"; do
	if ! build_target "$t"; then
		echo "run.sh: cannot build fuzz_$t; see $out/build.log" >&2
		status=2
		continue
	fi
	line=$(run_target "$t")
	echo "$line"
	case $line in
	*" 0") ;;
	*)	status=1
		echo "run.sh: $t found a fault; see $out/$t.log and" \
		    "$out/artifacts/$t/" >&2 ;;
	esac
done
exit "$status"
