#!/bin/bash
# batch_kill.sh WINNOW [KILLS] - batch mode killed with SIGKILL at random
# moments never leaves a partial output under its final name, and a rerun
# finishes the rest without redoing what was finished.
#
# Builds a corpus of some 1400 pages (the fixtures copied many times under
# different names, some gzip-compressed, in nested directories, plus the
# ScrapingHub pages of /work/shared/bench/scrapinghub when present, copied
# into the temporary directory only), makes two reference trees with full
# runs (the options A, and B = A plus --title, which changes every
# output), then runs winnow -j2 KILLS times (default 6) and kills it with
# SIGKILL after a random delay: the third run with the options B, the
# others with A, so that the digest has to catch outputs made with other
# options.  After each kill every file under a final name must be equal
# byte for byte to its reference (A's, or B's once a B run happened), the
# digest file one whole line, and nothing else but our temporary files.
# Then a last run with A, not killed: it must skip exactly the outputs
# that were current (same digest, no older than it), keep their inodes
# (an output redone is renamed into place, a new inode), exit 0 and leave
# the reference tree, without temporary files.
#
# The random delays come from RANDOM; set BATCH_KILL_SEED to repeat a run.
# Prints "ok NAME" or "FAIL NAME: why" per check; exits 1 when one failed.

set -u
. "$(dirname "$0")/lib.sh"
ARGS_USAGE="[KILLS]" test_init batch_kill 2 "$@"
KILLS=${ARGS[0]:-6}
SH=${WINNOW_SCRAPINGHUB:-/work/shared/bench/scrapinghub/html}
SEED=${BATCH_KILL_SEED:-$$}
RANDOM=$SEED

# --- the corpus ---------------------------------------------------------------------

C="$T/corpus"
for d in $(seq 0 13); do
	dir="$C/site$((d % 4))/part$d"
	mkdir -p "$dir"
	for f in "$FIX"/*.html; do
		b=$(basename "$f" .html)
		for k in 0 1 2 3 4 5 6 7 8 9; do
			cp "$f" "$dir/$b-$k.html"
		done
	done
	gzip "$dir"/*-[0-2].html
done
if [ -d "$SH" ]; then
	mkdir -p "$C/scrapinghub"
	cp "$SH"/*.html.gz "$C/scrapinghub/" 2>/dev/null
fi
npages=$(find "$C" -type f | wc -l)
echo "# corpus: $npages pages; seed $SEED"

A=(-q -j2 -R "$C")
B=(-q -j2 -R "$C" --title)

t0=$(date +%s%N)
"$W" "${A[@]}" -o "$T/refA"
rc=$?
t1=$(date +%s%N)
"$W" "${B[@]}" -o "$T/refB"
rcb=$?
full_ms=$(((t1 - t0) / 1000000))
why=
[ "$rc" -eq 0 ] && [ "$rcb" -eq 0 ] || why="reference runs exit $rc and $rcb"
[ -n "$why" ] || [ "$(find "$T/refA" -type f ! -name .winnow-digest | wc -l)" -eq "$npages" ] ||
	why="the reference has not $npages outputs"
[ -n "$why" ] || ! diff -rq "$T/refA" "$T/refB" -x .winnow-digest >/dev/null ||
	why="--title changed no output"
check "reference runs ($full_ms ms for a full run)"
digestA=$(cat "$T/refA/.winnow-digest")
digestB=$(cat "$T/refB/.winnow-digest")

# verify LABEL B_SEEN: the state after a kill
verify() {
	local label=$1 b_seen=$2 line f
	why=
	if [ -e "$O/.winnow-digest" ]; then
		line=$(cat "$O/.winnow-digest")
		[ "$line" = "$digestA" ] || { [ "$b_seen" = 1 ] && [ "$line" = "$digestB" ]; } ||
			why="digest file is \"$line\""
	fi
	diff -rq "$O" "$T/refA" -x .winnow-digest >"$T/diff" 2>&1
	while read -r line && [ -z "$why" ]; do
		case $line in
		"Only in $T/refA"*) ;; # not made yet
		"Only in $O"*)
			f=${line##*: }
			[[ $f =~ ^\..+\.tmp\.[A-Za-z0-9]{6}$ ]] || why="unexpected file: $line"
			;;
		"Files $O/"*" differ")
			f=${line#Files "$O"/}
			f=${f%% and *}
			[ "$b_seen" = 1 ] && cmp -s "$O/$f" "$T/refB/$f" ||
				why="$f is partial or corrupt: not equal to its reference"
			;;
		*) why="diff: $line" ;;
		esac
	done <"$T/diff"
	check "$label"
}

# --- the kills ---------------------------------------------------------------------------

O="$T/out"
real_kills=0 b_seen=0
for i in $(seq "$KILLS"); do
	opts=("${A[@]}")
	if [ "$i" -eq 3 ]; then
		opts=("${B[@]}")
		b_seen=1
	fi
	# between 3% and 40% of a full run; each run also skips what is done
	delay_ms=$((full_ms * (3 + RANDOM % 38) / 100 + 1))
	"$W" "${opts[@]}" -o "$O" &
	pid=$!
	sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
	if kill -KILL "$pid" 2>/dev/null; then
		real_kills=$((real_kills + 1))
		state="killed"
	else
		state="finished first"
	fi
	wait "$pid" 2>/dev/null
	done_now=$(find "$O" -type f ! -name '.*' 2>/dev/null | wc -l)
	temps=$(find "$O" -type f -name '.*.tmp.*' 2>/dev/null | wc -l)
	verify "run $i ($([ "$i" -eq 3 ] && echo B || echo A)) $state after $delay_ms ms: $done_now outputs, $temps temporary files, all whole" "$b_seen"
done

# --- the last run -------------------------------------------------------------------------------

# current: outputs the last run must skip (A's digest, not older than it)
current=0
: >"$T/current"
if [ "$(cat "$O/.winnow-digest" 2>/dev/null)" = "$digestA" ]; then
	while read -r f; do
		if ! [ "$f" -ot "$O/.winnow-digest" ]; then
			echo "$f $(stat -c %i "$f")" >>"$T/current"
			current=$((current + 1))
		fi
	done < <(find "$O" -type f ! -name '.*')
fi
"$W" -j2 -R "$C" -o "$O" 2>"$T/err"
rc=$?
why=
[ "$rc" -eq 0 ] || why="exit status $rc: $(head -c 300 "$T/err")"
[ -n "$why" ] || grep -qE "^winnow: $((npages - current)) done, $current skipped, [0-9]+ empty, 0 failed " "$T/err" ||
	why="summary \"$(tail -n 1 "$T/err")\", expected $((npages - current)) done, $current skipped"
check "rerun skips the $current current outputs and cleans the rest"

why=
while read -r f ino && [ -z "$why" ]; do
	[ "$(stat -c %i "$f")" = "$ino" ] || why="$f was redone"
done <"$T/current"
check "no finished output was redone (inodes kept)"

why=
diff -r "$O" "$T/refA" >"$T/diff" 2>&1 || why="final tree differs: $(head -c 300 "$T/diff")"
check "final tree equals the reference, no temporary files"

echo "# $real_kills of $KILLS runs killed with SIGKILL mid-run"
finish
