#!/bin/sh
# Runs a command line in a new temporary folder holding copies of the
# named fixtures of this folder, then removes the folder.
# Usage: sandbox.sh FIXTURE... -- COMMAND
set -u
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	cp "$here/$1" "$work/"
	shift
done
shift
cd "$work" && sh -c "$*"
