#!/bin/bash
# run.sh [SECONDS] [TARGET...]: builds the libFuzzer targets with clang,
# ASan and UBSan (build-fuzz/), and runs each for SECONDS (default 60)
# on a corpus seeded from fixtures/ and tests/fuzz/seeds/ (seeds-warc/ and
# warc.dict for fuzz_warc, seeds-jsonl/ and jsonl.dict for fuzz_jsonl).
# A crash is saved as build-fuzz/crash-*, the whole log as
# build-fuzz/log-TARGET.txt; turn a crash into a regression test.
# libFuzzer runs with -handle_abrt=0: SIGABRT is the library's to catch
# (Gumbo's assertions, src/dom.c).
#
# FUZZ_BUILD=DIR builds and runs in DIR instead of build-fuzz (a second
# build while the first one's fuzzers run).
#
# LARGE=1 fuzzes large inputs, to find super-linear time (issue #14): the
# fixtures whole as seeds, inputs up to 1 MiB (-max_len), patterns that
# fuzz_html repeats into pages of 64 KiB to 1 MiB (its flag bit 4), a
# libFuzzer -timeout of 120 s per input, and -report_slow_units=60 (wall
# time: a 1 MiB page takes up to 20 s under the sanitizers); the
# HTML targets also trap on CPU time past 5 s + 40 s per MB (fuzz_html.c).
set -eu
cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/../.."
b=${FUZZ_BUILD:-build-fuzz}
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_html fuzz_text fuzz_auto fuzz_rules fuzz_prescan fuzz_warc fuzz_jsonl)
if [ ! -f "$b/build.ninja" ]; then
	CC=clang CXX=clang++ meson setup "$b" -Dfuzz=true -Dtests=false \
		-Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
ninja -C "$b" >/dev/null
for t in "${targets[@]}"; do
	corpus=$b/corpus-$t
	mkdir -p "$corpus"
	# Seeds: the fixtures cut to the first 4 KB, and the known-bad inputs;
	# small WARC files, their two option bytes included, for fuzz_warc;
	# small JSON Lines streams, their two option bytes included, for
	# fuzz_jsonl.
	if [ "$t" = fuzz_warc ] || [ "$t" = fuzz_jsonl ]; then
		for f in "tests/fuzz/seeds-${t#fuzz_}"/*; do
			cp "$f" "$corpus/seed-$(basename "$f")"
		done
	else
		for f in fixtures/*.html fixtures/text/*.txt tests/fuzz/seeds/*; do
			[ -f "$f" ] || continue
			{ printf '\0'; head -c 4096 "$f"; } > "$corpus/seed-$(basename "$f")"
		done
	fi
	if [ "${LARGE:-0}" = 1 ] && [ "$t" != fuzz_warc ] && [ "$t" != fuzz_jsonl ]; then
		for f in fixtures/*.html fixtures/text/*.txt; do
			{ printf '\0'; cat "$f"; } > "$corpus/large-$(basename "$f")"
		done
		# Patterns to repeat (flag 16; then the size shift, the prefix
		# length and the prefix): the markup classes of issue #14.
		i=0
		for unit in '<p><b id=1>x' '<a><b><i><u><s><em>' '<x-a><x-b></x-a>' \
			'<html a=1 b=2>' '<body c=3>' '<select><option>x' '<table><tr><td>x' \
			'<svg><title>t</title></svg><noscript><div>' '<br>' '<p>w' \
			'<a href=x>w</a> ' 'a\xcc\x81\xcc\xa3' 'x <b <b ' '<li>a\n'; do
			{ printf '\20\2\6<body>'; printf "$unit"; } > "$corpus/repeat-$i"
			i=$((i + 1))
		done
	fi
	if [ "$t" = fuzz_rules ]; then
		{ printf '\62'; head -c 3000 rules/default.rules; } > "$corpus/seed-rules"
	fi
	size=(-max_len=4096 -timeout=10)
	# -len_control=0: libFuzzer otherwise grows inputs slowly from the
	# seeds' sizes and never got past about 18 KB in 25 minutes.
	[ "${LARGE:-0}" != 1 ] || size=(-max_len=1048576 -len_control=0 -timeout=120 -report_slow_units=60)
	dict=()
	[ ! -f "tests/fuzz/${t#fuzz_}.dict" ] || dict=(-dict="tests/fuzz/${t#fuzz_}.dict")
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	ASAN_OPTIONS=detect_leaks=1 \
		"$b/tests/fuzz/$t" ${dict[@]+"${dict[@]}"} ${size[@]} -rss_limit_mb=2048 -handle_abrt=0 \
		-max_total_time="$secs" -print_final_stats=1 -artifact_prefix=$b/crash-$t- \
		"$corpus" >"$b/log-$t.txt" 2>&1 || true
	tail -n 12 "$b/log-$t.txt"
done
