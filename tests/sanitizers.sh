#!/bin/bash
# sanitizers.sh SOURCE_ROOT BUILD_ROOT: builds winnow again with
# AddressSanitizer and UndefinedBehaviorSanitizer in BUILD_ROOT/sanitize
# and runs the whole test suite there (but this test itself, the
# pathological timings, which sanitizers slow down ten times, the contrib
# recipes and batch_kill, which test processes killed, not memory).  Any
# sanitizer report fails the test: UBSan halts on the first error, ASan
# also checks for leaks.
set -eu
set -o pipefail
src=$1 build=$2/sanitize
if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" "$src" -Db_sanitize=address,undefined -Db_lundef=false \
		-Dbuildtype=debugoptimized >/dev/null
fi
ninja -C "$build" >/dev/null
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
meson test -C "$build" --no-suite sanitizers --no-suite pathological --no-suite contrib \
	--no-suite kill --print-errorlogs \
	--num-processes 2 2>&1 | tail -n 25
