#!/bin/sh
# Installs the Debian packages that a target needs and that are missing.
# Usage: deps.sh build|bench|fuzz|lint
# As root it runs apt-get; otherwise it prints the apt-get line and fails.
set -u

need=""
want() {
	# want PACKAGE FILE: PACKAGE is needed unless FILE exists.
	[ -e "$2" ] || need="$need $1"
}

want_build() {
	command -v cc >/dev/null 2>&1 || need="$need gcc libc6-dev"
	command -v make >/dev/null 2>&1 || need="$need make"
	want libcsv-dev /usr/include/csv.h
	want libjansson-dev /usr/include/jansson.h
	want libcmocka-dev /usr/include/cmocka.h
	# iconv's GB18030 and Big5 converters live in glibc's gconv modules.
	want libc6-dev /usr/include/iconv.h
}

case "${1:-build}" in
build)	want_build ;;
bench)	want_build
	command -v mlr >/dev/null 2>&1 || need="$need miller"
	command -v sort >/dev/null 2>&1 || need="$need coreutils" ;;
fuzz)	want_build
	command -v clang >/dev/null 2>&1 || need="$need clang"
	want libclang-rt-dev /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a ;;
lint)	command -v mandoc >/dev/null 2>&1 || need="$need mandoc"
	command -v clang-format >/dev/null 2>&1 || need="$need clang-format" ;;
*)	echo "usage: deps.sh build|bench|fuzz|lint" >&2; exit 2 ;;
esac

[ -z "$need" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "missing packages; install them with:" >&2
	echo "  sudo apt-get install -y$need" >&2
	exit 1
fi
echo "installing:$need" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 || exit 1
# shellcheck disable=SC2086
apt-get install -y -qq $need >&2 || exit 1
