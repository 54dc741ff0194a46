#!/bin/bash
# hostile.sh WINNOW - hostile input must neither crash nor hang winnow.
#
# Every case runs under `timeout 20` and must end with exit status 0 or 1:
# never a signal, never a timeout (124), never an unexpected status.  Its
# standard output must be valid UTF-8 and its standard error at most one
# line.  Some cases check more (the text that must survive, the message
# that must be given).  The big inputs are generated here into a temporary
# directory and removed afterwards; none is kept in the tree.
#
# Prints "ok NAME" or "FAIL NAME: why" per case and "N passed, M failed"
# at the end; exits 1 when a case failed.  Cases listed in KNOWN below are
# known failures: they print "SKIP NAME: ..." and do not fail the run, but
# one that passes fails the run as "XPASS", so that its entry is removed.
# Run from anywhere; the fixtures are found relative to this script.

set -u

. "$(dirname "$0")/lib.sh"
test_init hostile 1 "$@"

# Known failures: case name -> reason.  The lead decides what to do.
declare -A KNOWN=(
)

SENTENCE="The quick brown fox jumps over the lazy dog while the patient reader waits for the end of a very deep page full of nested elements."
HEAD='<!DOCTYPE html><html><head><meta charset="utf-8"><title>hostile</title></head><body>'

# run FILE [ARGS...]: winnow ARGS FILE under timeout 20; sets rc, out, err.
run() {
	local file=$1
	shift
	out="$T/out" err="$T/err"
	# The outer 2>/dev/null keeps bash's own "Aborted" job message off
	# the log; winnow's standard error goes to $err.
	{ timeout 20 "$W" "$@" "$file" >"$out" 2>"$err"; rc=$?; } 2>/dev/null
}

# The checks every case makes; sets why when one fails.
basic() {
	why=
	if [ "$rc" -eq 124 ]; then
		why="timed out after 20 s"
	elif [ "$rc" -gt 128 ]; then
		why="killed by signal $((rc - 128)) ($(kill -l $((rc - 128)) 2>/dev/null))"
	elif [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
		why="exit status $rc"
	elif ! iconv -f UTF-8 -t UTF-8 <"$out" >/dev/null 2>&1; then
		why="standard output is not valid UTF-8"
	elif [ "$(wc -l <"$err")" -gt 1 ]; then
		why="more than one line on standard error: $(head -c 300 "$err" | tr '\n' '|')"
	fi
	[ -z "$why" ]
}

# report NAME: prints the verdict of the case from why.
report() {
	local name=$1 known=${KNOWN[$1]-}
	if [ -z "$why" ] && [ -n "$known" ]; then
		echo "FAIL $name: XPASS, passes now; remove it from KNOWN in tests/hostile.sh"
		failed=$((failed + 1))
	elif [ -z "$why" ]; then
		echo "ok $name"
		passed=$((passed + 1))
	elif [ -n "$known" ]; then
		echo "SKIP $name: known failure: $known (got: $why)"
		skipped=$((skipped + 1))
	else
		echo "FAIL $name: $why"
		failed=$((failed + 1))
	fi
}

# expect_out TEXT: the output must contain TEXT.
expect_out() {
	[ -n "$why" ] || grep -qF -- "$1" "$out" || why="output lacks \"$1\""
}

# expect_err REGEX: standard error must match the extended REGEX.
expect_err() {
	[ -n "$why" ] || grep -qiE -- "$1" "$err" || why="stderr does not match /$1/: \"$(head -c 200 "$err")\""
}

# --- empty and binary-looking input ---------------------------------------

: >"$T/empty.html"
run "$T/empty.html"; basic; report empty

head -c 1024 /dev/zero >"$T/nul.bin"
run "$T/nul.bin"; basic; report nul-1k

# NULs in text, in an attribute, in a comment and in a script of a real page.
sed -e 's/Trams will run/Tr\x00ams will run/' \
    -e 's/class="story"/class="st\x00ory"/' \
    -e 's/<!-- /<!-- \x00\x00 /' \
    -e 's/window.dataLayer = /window.data\x00Layer = /' \
    "$FIX/article-news.html" >"$T/nul-page.html"
if [ "$(tr -cd '\000' <"$T/nul-page.html" | wc -c)" -lt 3 ]; then
	why="could not put NULs into the page"; report nul-in-page
else
	run "$T/nul-page.html"; basic; want_rc 0
	expect_out "the first time in more than sixty years"; report nul-in-page
fi

# Invalid UTF-8: overlongs, a surrogate, past U+10FFFF, lone continuation
# bytes, FE/FF and a truncated sequence, inside paragraph text.
{
	printf '%s<article><p>%s ' "$HEAD" "$SENTENCE"
	printf 'bad \xc0\x80 \xe0\x80\x80 \xf0\x80\x80\x80 \xed\xa0\x80 \xf4\x90\x80\x80 \x80 \xbf \xfe \xff \xe2\x82 end '
	printf '%s</p><p>%s</p></article></body></html>\n' "$SENTENCE" "$SENTENCE"
} >"$T/badutf8.html"
run "$T/badutf8.html"; basic; want_rc 0; expect_out "$SENTENCE"; report invalid-utf8

# --- deep nesting (Gumbo is quadratic on it; winnow must bound it) --------

nest() { # nest TAGS COUNT: TAGS repeated COUNT times
	yes "$1" | head -n "$2" | tr -d '\n'
}
{ printf '%s' "$HEAD"; nest '<div>' 100000; printf '<p>%s</p>\n' "$SENTENCE"; } >"$T/div.html"
run "$T/div.html"; basic; expect_out "$SENTENCE"; report nested-div-100k

{ printf '%s<p>' "$HEAD"; nest '<b>' 100000; printf '%s\n' "$SENTENCE"; } >"$T/b.html"
run "$T/b.html"; basic; expect_out "$SENTENCE"; report nested-b-100k

{ printf '%s' "$HEAD"; nest '<table><tr><td>' 75000; printf '%s\n' "$SENTENCE"; } >"$T/table.html"
run "$T/table.html"; basic; expect_out "$SENTENCE"; report nested-table-75k

# --- one huge text node ---------------------------------------------------

{ printf '<p>'; yes a | head -c $((20 * 1024 * 1024)) | tr '\n' ' '; } >"$T/huge.html"
run "$T/huge.html" --max-size 64M; basic; want_rc 0; expect_out "a a a a a a a a"
if [ -z "$why" ] && [ "$(wc -c <"$out")" -lt 20000000 ]; then
	why="only $(wc -c <"$out") bytes of output for 20 MB of text"
fi
report text-node-20M

# --- not HTML at all --------------------------------------------------------

# The first MiB of an executable (the whole of one built with the
# sanitizers is over --max-size's 8 MiB, which would refuse it first).
head -c 1048576 "$W" >"$T/executable"
run "$T/executable"; basic; want_rc 1; expect_err 'binary|not text'; report binary-executable

{ printf '\x89PNG\r\n\x1a\n'; head -c 65536 /dev/urandom; } >"$T/random.png"
run "$T/random.png"; basic; want_rc 1; expect_err 'binary|not text'; report binary-png

gzip -c "$FIX/article-news.html" >"$T/full.gz"
size=$(wc -c <"$T/full.gz")
head -c $((size / 2)) "$T/full.gz" >"$T/truncated.gz"
run "$T/truncated.gz"; basic; want_rc 1; expect_err 'gzip'; report truncated-gzip

# --- parser traps -----------------------------------------------------------

printf '<table><svg><select><title><select></select></title></select></svg></table>' >"$T/assert.html"
run "$T/assert.html"; basic; report gumbo-assert

printf '%s<p>%s a&#4294967040;b</p>\n' "$HEAD" "$SENTENCE" >"$T/charref1.html"
run "$T/charref1.html"; basic; report charref-4294967040

printf '%s<p>%s &#11111111111; end</p>\n' "$HEAD" "$SENTENCE" >"$T/charref2.html"
run "$T/charref2.html"; basic; report charref-11111111111

# The text after the bad reference must not be lost: the reference is
# outside Unicode, so the HTML standard makes it U+FFFD.
printf '%s<p>%s a&#4294967040;b and the rest of the sentence after the reference.</p>\n' \
	"$HEAD" "$SENTENCE" >"$T/charref3.html"
run "$T/charref3.html"; basic; expect_out "$(printf 'a\xef\xbf\xbdb')"
expect_out "the rest of the sentence after the reference"; report charref-tail

{
	printf '%s<p' "$HEAD"
	seq 2000 | sed 's/.*/ a&="&"/' | tr -d '\n'
	printf '>%s</p>\n' "$SENTENCE"
} >"$T/attrs.html"
run "$T/attrs.html"; basic; expect_out "$SENTENCE"; report attributes-2000

echo "$passed passed, $failed failed, $skipped known failures skipped"
[ "$failed" -eq 0 ]
