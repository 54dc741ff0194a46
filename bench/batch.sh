#!/bin/bash
# batch.sh [WINNOW [CORPUS_DIR [ROUNDS]]] - how batch mode scales with
# threads: the whole corpus cleaned with -j1 and with -j2, ROUNDS times
# each (default 5, alternating which goes first), every run with --force
# into an output tree on tmpfs.  Prints each run, the median pages/s of
# each and their ratio (the target on a 2-core machine is >= 1.8).
#
# The time is the wall clock of the whole command (start-up, walk, digest
# and writing included), as a user sees it.  WINNOW defaults to
# build/winnow, CORPUS_DIR to /work/shared/bench/scrapinghub/html (any
# tree of .html/.htm/.txt pages, gzip or not).  One warm-up run first, so
# that the pages are in the page cache for every timed run.
set -eu

W=${1:-build/winnow}
CORPUS=${2:-/work/shared/bench/scrapinghub/html}
ROUNDS=${3:-5}
[ -x "$W" ] || { echo "batch.sh: $W: not an executable" >&2; exit 2; }
[ -d "$CORPUS" ] || { echo "batch.sh: $CORPUS: not a directory" >&2; exit 2; }

# tmpfs, so that the disk is not what is measured
base=/dev/shm
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
T=$(mktemp -d "$base/winnow-bench-batch.XXXXXX")
trap 'rm -rf "$T"' EXIT

pages=$(find -L "$CORPUS" -type f \( -name '*.html' -o -name '*.htm' -o -name '*.xhtml' \
	-o -name '*.txt' -o -name '*.html.gz' -o -name '*.htm.gz' -o -name '*.xhtml.gz' \
	-o -name '*.txt.gz' \) | wc -l)
bytes=$(find -L "$CORPUS" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
echo "batch.sh: $("$W" --version), corpus $CORPUS: $pages pages, $bytes bytes;" \
	"$(nproc) online cores; $ROUNDS rounds"

# calc EXPR: floating-point arithmetic
calc() {
	awk "BEGIN { printf \"%.6f\", $1 }"
}

# run J: one timed run with -jJ; prints the seconds
run() {
	local t0 t1
	t0=$(date +%s.%N)
	"$W" -q --force -j "$1" -r "$CORPUS" -o "$T/out$1" || {
		echo "batch.sh: winnow -j$1 failed (exit $?)" >&2
		exit 1
	}
	t1=$(date +%s.%N)
	calc "$t1 - $t0"
}

run 1 >/dev/null
run 2 >/dev/null
# the outputs must not depend on -j
diff -r "$T/out1" "$T/out2" >/dev/null || { echo "batch.sh: -j1 and -j2 outputs differ" >&2; exit 1; }

t1s="" t2s=""
for r in $(seq "$ROUNDS"); do
	if [ $((r % 2)) -eq 1 ]; then order="1 2"; else order="2 1"; fi
	for j in $order; do
		t=$(run "$j")
		printf 'round %d: -j%d %.3f s  %.1f pages/s\n' "$r" "$j" "$t" \
			"$(calc "$pages / $t")"
		if [ "$j" = 1 ]; then t1s="$t1s $t"; else t2s="$t2s $t"; fi
	done
done

# median of the arguments
median() {
	printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {
		print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# shellcheck disable=SC2086
m1=$(median $t1s)
# shellcheck disable=SC2086
m2=$(median $t2s)
p1=$(calc "$pages / $m1")
p2=$(calc "$pages / $m2")
printf -- '-j1: median %.3f s, %.1f pages/s, %.2f MB/s\n' "$m1" "$p1" "$(calc "$bytes / $m1 / 1000000")"
printf -- '-j2: median %.3f s, %.1f pages/s, %.2f MB/s\n' "$m2" "$p2" "$(calc "$bytes / $m2 / 1000000")"
printf 'ratio -j2/-j1 (median pages/s): %.2f  (target >= 1.8 on 2 cores)\n' "$(calc "$p2 / $p1")"
