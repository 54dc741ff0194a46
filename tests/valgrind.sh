#!/bin/bash
# valgrind.sh: the unit suites and the CLI tests under valgrind's memcheck,
# in a build without PCRE2's JIT (valgrind cannot follow JIT code).
# Not part of `meson test`: it takes a few minutes.  Exit 0 when clean.
# (The default setup leaves out the suites kill and contrib too.)
set -eu
cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.."
build=build-valgrind
# No regex JIT (valgrind cannot follow it) and no default time limit
# (valgrind runs code fifty times slower).
[ -f $build/build.ninja ] || meson setup $build -Dregex_jit=false \
	-Dc_args=-DWN_DEFAULT_TIME_LIMIT=0 >/dev/null
ninja -C $build >/dev/null
export WN_TEST_SLOWDOWN=100
meson test -C $build --no-suite sanitizers --no-suite pathological \
	--wrap="valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --suppressions=$PWD/tests/valgrind.supp --trace-children=yes --trace-children-skip=*python*,*bash*,*mandoc*,*iconv*,*gzip*,*head*,*cmp*,*diff*,*timeout*,*cat*,*mktemp*,*rm* --quiet" \
	--timeout-multiplier 20 --print-errorlogs
