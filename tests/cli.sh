#!/bin/bash
# cli.sh WINNOW - the command line: options, input, messages, exit status.
#
# Checks what README.md and man/winnow.1 promise: --help and --version,
# usage errors (exit 2), unreadable input (exit 1, one line
# "winnow: FILE: reason"), standard input, gzip input, the "no article
# found" warning, --max-size, a reader that stops early (quiet), a full
# disk (exit 3), the -x table, text input (--input), rule files (--rules,
# --no-default-rules, --list-rules, malformed and missing files), --stats
# and the rule labels of --explain.  Run from anywhere; the fixtures are
# found relative to this script.  Prints "ok NAME" or "FAIL NAME: why" per
# check and "N passed, M failed" at the end; exits 1 when a check failed.

set -u
. "$(dirname "$0")/lib.sh"
test_init cli 1 "$@"
PAGE="$FIX/article-news.html"

# The helpers below add to why only when nothing failed before.
want_empty() { # want_empty FILE LABEL
	[ -n "$why" ] || [ ! -s "$1" ] || why="$2 is not empty: \"$(head -c 200 "$1")\""
}
want_nonempty() {
	[ -n "$why" ] || [ -s "$1" ] || why="$2 is empty"
}
want_err_line() { # want_err_line EXACT: stderr is exactly this one line
	[ -n "$why" ] && return
	if [ "$(wc -l <"$err")" -ne 1 ] || [ "$(cat "$err")" != "$1" ]; then
		why="stderr is \"$(head -c 300 "$err")\", expected the one line \"$1\""
	fi
}
want_err_match() { # want_err_match REGEX: one line, matching the extended REGEX
	[ -n "$why" ] && return
	if [ "$(wc -l <"$err")" -ne 1 ]; then
		why="stderr is not one line: \"$(head -c 300 "$err" | tr '\n' '|')\""
	elif ! grep -qE -- "$1" "$err"; then
		why="stderr \"$(head -c 200 "$err")\" does not match /$1/"
	fi
}
want_same() { # want_same FILE1 FILE2 LABEL
	[ -n "$why" ] || cmp -s "$1" "$2" || why="$3 differs"
}

# --- help and version -------------------------------------------------------

for opt in --help -h; do
	why=; w "$opt"; want_rc 0; want_nonempty "$out" stdout; want_empty "$err" stderr
	[ -n "$why" ] || grep -q 'usage: winnow' "$out" || why="no usage line in the help"
	check "help $opt"
done

for opt in --version -V; do
	why=; w "$opt"; want_rc 0; want_empty "$err" stderr
	[ -n "$why" ] || grep -qE '^winnow [0-9]+\.[0-9]+' "$out" || why="stdout is \"$(head -c 100 "$out")\""
	check "version $opt"
done

# --- usage errors: exit 2, usage on stderr ------------------------------------

why=; w --no-such-option "$PAGE"; want_rc 2; want_empty "$out" stdout
[ -n "$why" ] || grep -q 'usage: winnow' "$err" || why="no usage on stderr: \"$(head -c 200 "$err")\""
check "unknown option"

why=; w "$PAGE" "$PAGE"; want_rc 2; want_empty "$out" stdout; want_nonempty "$err" stderr
check "two files"

why=; w --max-size abc "$PAGE"; want_rc 2; want_empty "$out" stdout; want_nonempty "$err" stderr
check "--max-size abc"

why=; w -e; want_rc 2; want_empty "$out" stdout
check "-e without a name"

# --- input that cannot be read: exit 1, one line "winnow: FILE: reason" ----

why=; w "$T/missing.html"; want_rc 1; want_empty "$out" stdout
want_err_line "winnow: $T/missing.html: No such file or directory"
check "missing file"

mkdir "$T/dir"
why=; w "$T/dir"; want_rc 1; want_empty "$out" stdout; want_err_match "^winnow: $T/dir: "
check "directory"

if [ "$(id -u)" -eq 0 ]; then
	skip "unreadable file" "running as root, which can read any file"
else
	cp "$PAGE" "$T/unreadable.html"
	chmod 000 "$T/unreadable.html"
	why=; w "$T/unreadable.html"; want_rc 1; want_empty "$out" stdout
	want_err_line "winnow: $T/unreadable.html: Permission denied"
	check "unreadable file"
fi

why=; w -e no-such-charset-xyz "$PAGE"; want_rc 1; want_empty "$out" stdout
want_err_match "^winnow: $PAGE: "
check "unknown encoding"

for e in '' '!!!'; do
	why=; w -e "$e" "$PAGE"; want_rc 1; want_empty "$out" stdout
	want_err_line "winnow: $PAGE: unknown encoding '$e'"
	check "encoding name '$e' without a letter"
done

printf 'legal block phrase foo\0bar\n' >"$T/nul.rules"
why=; w --rules "$T/nul.rules" --list-rules; want_rc 2; want_empty "$out" stdout
want_err_line "winnow: $T/nul.rules:1: a NUL byte in the line"
check "a NUL in a rules line"

if [ -r /dev/zero ]; then
	why=; w --rules /dev/zero --list-rules; want_rc 2; want_empty "$out" stdout
	want_err_line "winnow: /dev/zero: larger than 64 MiB, not a rules file"
	check "--rules /dev/zero"
fi

# --- the same page from a file, from - and from standard input ---------------

"$W" "$PAGE" >"$T/ref.txt" 2>/dev/null
rc=$?
why=; [ "$rc" -eq 0 ] || why="exit status $rc on $PAGE"
want_nonempty "$T/ref.txt" stdout
[ -n "$why" ] || [ "$(tail -c 1 "$T/ref.txt" | od -An -c | tr -d ' ')" = '\n' ] ||
	why="the output does not end in a newline"
check "file argument"

why=; { "$W" - <"$PAGE" >"$out" 2>"$err"; rc=$?; } 2>/dev/null
want_rc 0; want_empty "$err" stderr; want_same "$out" "$T/ref.txt" "the output of 'winnow -' (stdin)"
check "stdin via -"

why=; { "$W" <"$PAGE" >"$out" 2>"$err"; rc=$?; } 2>/dev/null
want_rc 0; want_empty "$err" stderr; want_same "$out" "$T/ref.txt" "the output of 'winnow' (stdin)"
check "stdin without an argument"

# --- gzip input, recognised by its magic bytes, not its name ----------------

gzip -c "$PAGE" >"$T/page.html.gz"
cp "$T/page.html.gz" "$T/page-gzipped.html"
why=; w "$T/page.html.gz"; want_rc 0; want_empty "$err" stderr; want_same "$out" "$T/ref.txt" "the output of the gzip file"
check "gzip file"
why=; w "$T/page-gzipped.html"; want_rc 0; want_same "$out" "$T/ref.txt" "the output of gzip data named .html"
check "gzip named .html"
why=; { "$W" <"$T/page.html.gz" >"$out" 2>"$err"; rc=$?; } 2>/dev/null
want_rc 0; want_same "$out" "$T/ref.txt" "the output of gzip on stdin"
check "gzip on stdin"

# --- a page without an article: empty output, a warning, exit 0 ----------------

cat >"$T/noarticle.html" <<'EOF'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Site map</title></head>
<body>
<nav><ul>
<li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/contact">Contact</a></li>
</ul></nav>
<footer><p><a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></p></footer>
</body></html>
EOF
why=; w "$T/noarticle.html"; want_rc 0; want_empty "$out" stdout
want_err_line "winnow: $T/noarticle.html: no article found"
check "no article found"

why=; { "$W" <"$T/noarticle.html" >"$out" 2>"$err"; rc=$?; } 2>/dev/null
want_rc 0; want_empty "$out" stdout; want_err_line "winnow: <stdin>: no article found"
check "no article found on stdin"

# --- --max-size -----------------------------------------------------------------

why=; w --max-size 1k "$PAGE"; want_rc 1; want_empty "$out" stdout
want_err_match "^winnow: $PAGE: .*(1024|1k|1 KiB)"
check "--max-size 1k on a bigger file"

why=; { "$W" --max-size 1k <"$PAGE" >"$out" 2>"$err"; rc=$?; } 2>/dev/null
want_rc 1; want_empty "$out" stdout; want_err_match "^winnow: <stdin>: .*(1024|1k|1 KiB)"
check "--max-size 1k on stdin"

why=; w --max-size 1k "$T/page.html.gz"; want_rc 1; want_empty "$out" stdout
want_err_match "^winnow: $T/page.html.gz: .*(1024|1k|1 KiB)"
check "--max-size counts decompressed bytes"

why=; w --max-size 0 "$PAGE"; want_rc 0; want_same "$out" "$T/ref.txt" "the output with --max-size 0"
check "--max-size 0 means no limit"

# --- --time-limit -----------------------------------------------------------------

python3 -c "import sys; sys.stdout.write('<p>' + 'word ' * 1500000 + '</p>')" >"$T/long.html"
why=; w --time-limit 0.001 "$T/long.html"; want_rc 1; want_empty "$out" stdout
want_err_match "^winnow: $T/long.html: .*time limit"
check "--time-limit: a page that takes longer fails cleanly"

why=; w --time-limit 0 "$PAGE"; want_rc 0; want_same "$out" "$T/ref.txt" "the output with --time-limit 0"
check "--time-limit 0 means no limit"

why=; w --time-limit soon "$PAGE"; want_rc 2; want_empty "$out" stdout; want_nonempty "$err" stderr
check "--time-limit soon"

why=; w --max-size 1M "$PAGE"; want_rc 0; want_same "$out" "$T/ref.txt" "the output with --max-size 1M"
check "--max-size 1M"

# --- a reader that stops early: no message ----------------------------------

why=; { "$W" "$PAGE" 2>"$err" | head -c 10 >/dev/null; } 2>/dev/null
want_empty "$err" "stderr of 'winnow page | head -c 10'"
check "broken pipe, small output"

# An article of about 1 MB, far more than a pipe holds, so that winnow is
# still writing when head exits.
{
	echo '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Long</title></head><body><article>'
	for i in $(seq 4000); do
		echo "<p>Paragraph $i of a very long article that goes on and on, written only to fill the pipe between winnow and a reader that stops early.</p>"
	done
	echo '</article></body></html>'
} >"$T/long.html"
why=; { "$W" "$T/long.html" 2>"$err" | head -c 10 >/dev/null; rc=${PIPESTATUS[0]}; } 2>/dev/null
want_empty "$err" "stderr of 'winnow long-page | head -c 10'"
[ -n "$why" ] || [ "$rc" -eq 0 ] || [ "$rc" -eq 141 ] || [ "$rc" -eq 3 ] ||
	why="exit status $rc"
check "broken pipe, large output"

# --- a full disk: exit 3, one line --------------------------------------------

if [ -w /dev/full ]; then
	why=; { "$W" "$PAGE" >/dev/full 2>"$err"; rc=$?; } 2>/dev/null
	want_rc 3; want_err_match '^winnow: '
	check "write to /dev/full"
	why=; { "$W" -x "$PAGE" >/dev/full 2>"$err"; rc=$?; } 2>/dev/null
	want_rc 3; want_err_match '^winnow: '
	check "write -x to /dev/full"
	for o in -h -V; do
		why=; { "$W" $o >/dev/full 2>"$err"; rc=$?; } 2>/dev/null
		want_rc 3; want_err_line "winnow: <stdout>: No space left on device"
		check "$o to /dev/full says why"
	done
else
	skip "write to /dev/full" "no writable /dev/full"
fi

# --- -x: one line per block, 10 tab-separated fields -------------------------

why=; w -x "$PAGE"; want_rc 0; want_empty "$err" stderr; want_nonempty "$out" stdout
if [ -z "$why" ]; then
	why=$(awk -F '\t' '
		bad { next }
		/^# region: / { if (region++) bad = "two # region: lines"; next }
		NF != 10 { bad = sprintf("line %d has %d fields, not 10", NR, NF); next }
		$1 != NR - 1 { bad = sprintf("line %d has index %s", NR, $1); next }
		$2 != "KEEP" && $2 != "DROP" { bad = sprintf("line %d has decision %s", NR, $2); next }
		$3 !~ /^-?[0-9.]+$/ || $5 !~ /^[0-9]+$/ || $6 !~ /^[0-9.]+$/ || $7 !~ /^[0-9.]+$/ {
			bad = sprintf("line %d has a malformed number: %s", NR, $0); next }
		$2 == "KEEP" { kept++ }
		END { if (bad) print bad; else if (kept == 0) print "no block is KEEP"
		      else if (!region) print "no # region: line" }' "$out")
fi
check "-x table"

# Every kept block of -x starts a block of the text output.
if [ -n "$why" ]; then
	why="not checked: the -x table is malformed"
else
	keep=$(awk -F '\t' '$2 == "KEEP"' "$out" | wc -l)
	blocks=$(awk 'BEGIN { RS = "" } END { print NR }' "$T/ref.txt")
	[ "$keep" -eq "$blocks" ] || why="-x keeps $keep blocks, the text output has $blocks"
fi
check "-x agrees with the text output"

why=; "$W" -x "$PAGE" >"$T/x1" 2>/dev/null; "$W" --explain "$PAGE" >"$T/x2" 2>/dev/null
want_same "$T/x1" "$T/x2" "--explain from -x"
check "--explain is -x"

# --- --favor: presets over the thresholds -------------------------------------

why=; w --favor sometimes "$PAGE"; want_rc 2; want_empty "$out" stdout
want_err_line "winnow: --favor: 'sometimes' is not precision, recall or balanced"
check "--favor with a bad value"

why=; w --favor balanced "$PAGE"; want_rc 0; want_same "$out" "$T/ref.txt" "--favor balanced"
check "--favor balanced is the default"

for f in precision recall; do
	why=; w --favor "$f" "$PAGE"; want_rc 0; want_empty "$err" stderr; want_nonempty "$out" stdout
	check "--favor $f"
done

# --- text input: --input ------------------------------------------------------

TEXT="$FIX/text/en-harbour-news.txt"
why=; w --input text "$TEXT"; want_rc 0; want_empty "$err" stderr; want_nonempty "$out" stdout
[ -n "$why" ] || grep -q 'The Kelby harbour board on Thursday approved a plan' "$out" ||
	why="the article is not in the output"
[ -n "$why" ] || ! grep -qE 'Leave a Reply|We use cookies|^close$' "$out" ||
	why="junk in the output: \"$(grep -E 'Leave a Reply|We use cookies|^close$' "$out" | head -1)\""
check "--input text"
cp "$out" "$T/text-ref.txt"

why=; w -i text "$TEXT"; want_rc 0; want_same "$out" "$T/text-ref.txt" "the output of -i text"
check "-i text is --input text"

why=; w --input auto "$TEXT"; want_rc 0; want_same "$out" "$T/text-ref.txt" "the output of --input auto on text"
check "--input auto on text"

why=; { "$W" --input text <"$TEXT" >"$out" 2>"$err"; rc=$?; } 2>/dev/null
want_rc 0; want_same "$out" "$T/text-ref.txt" "the output of --input text on stdin"
check "--input text on stdin"

why=; w --input html "$PAGE"; want_rc 0; want_same "$out" "$T/ref.txt" "the output of --input html"
check "--input html"

why=; w --input bogus "$TEXT"; want_rc 2; want_empty "$out" stdout; want_err_match "^winnow: .*bogus"
check "--input bogus"

why=; w --input; want_rc 2; want_empty "$out" stdout; want_nonempty "$err" stderr
check "--input without a kind"

# --- rules: --rules, --no-default-rules, --list-rules ---------------------------

why=; w --rules "$T/missing.rules" "$PAGE"; want_rc 2; want_empty "$out" stdout
want_err_line "winnow: $T/missing.rules: No such file or directory"
check "--rules missing file"

printf '# mine\nmine block phrase kelby harbour board\n\nmine block max=0 phrase x\n' >"$T/bad.rules"
why=; w --rules "$T/bad.rules" "$PAGE"; want_rc 2; want_empty "$out" stdout
want_err_match "^winnow: $T/bad.rules:4: .*max="
check "--rules malformed file"

printf 'mine block bogus phrase x\n' >"$T/bad2.rules"
why=; w --rules "$T/bad2.rules" --list-rules; want_rc 2; want_empty "$out" stdout
want_err_match "^winnow: $T/bad2.rules:1: .*bogus"
check "--list-rules with a malformed file"

# One line per rule: a rule is a line of rules/default.rules that is not
# blank, a comment or an example.
nrules=$(awk '{ sub(/^[ \t]+/, ""); sub(/\r$/, "") } $0 != "" && $0 !~ /^[#+-]/' \
	"$HERE/../rules/default.rules" | wc -l)
why=; w --list-rules; want_rc 0; want_empty "$err" stderr
if [ -z "$why" ]; then
	n=$(wc -l <"$out")
	[ "$n" -eq "$nrules" ] || why="$n lines, rules/default.rules has $nrules rules"
fi
[ -n "$why" ] || why=$(awk -F '\t' 'NF != 5 { printf "line %d has %d fields: %s", NR, NF, $0; exit }' "$out")
[ -n "$why" ] || grep -q "^comment	rest	.*leave a reply	default.rules:[0-9]*$" "$out" ||
	why="no line for the 'leave a reply' rule"
check "--list-rules"

printf '# two rules\nmine block whole phrase kelby harbour board\n+ Kelby Harbour Board\n\nmine line regex ^source\\s*:\n' >"$T/mine.rules"
why=; w --no-default-rules --rules "$T/mine.rules" --list-rules; want_rc 0; want_empty "$err" stderr
if [ -z "$why" ]; then
	printf 'mine\tblock\twhole phrase\tkelby harbour board\t%s:2\nmine\tline\tregex\t^source\\s*:\t%s:5\n' \
		"$T/mine.rules" "$T/mine.rules" >"$T/want-list"
	cmp -s "$out" "$T/want-list" || why="the list is \"$(head -c 300 "$out")\""
fi
check "--list-rules --no-default-rules --rules FILE"

why=; w --rules "$T/mine.rules" --list-rules; want_rc 0
[ -n "$why" ] || [ "$(wc -l <"$out")" -eq $((nrules + 2)) ] ||
	why="$(wc -l <"$out") lines, expected $((nrules + 2))"
check "--list-rules --rules FILE adds to the built-in rules"

why=; w --rules "$T/mine.rules" --rules "$T/mine.rules" --no-default-rules --list-rules; want_rc 0
[ -n "$why" ] || [ "$(wc -l <"$out")" -eq 4 ] || why="$(wc -l <"$out") lines, expected 4"
check "--rules twice"

# Without the built-in rules, junk that only rules know stays; the page
# is still read.
why=; w --no-default-rules --input text "$TEXT"; want_rc 0
[ -n "$why" ] || grep -q 'The Kelby harbour board on Thursday approved' "$out" || why="article lost"
[ -n "$why" ] || ! cmp -s "$out" "$T/text-ref.txt" || why="same output as with the built-in rules"
check "--no-default-rules"

# --- --stats: two lines on stderr, stdout unchanged --------------------------

# The second line of --stats, the page's units of work, is checked and then
# taken out, so that the checks below see the first line alone.
want_work_line() { # want_work_line FILE
	[ -n "$why" ] && return
	grep -qE "^winnow: $1: [1-9][0-9]* units of work$" "$err" ||
		why="no units of work line in \"$(head -c 300 "$err" | tr '\n' '|')\""
	sed -i '/ units of work$/d' "$err"
}

why=; w --stats --input text "$TEXT"; want_rc 0; want_same "$out" "$T/text-ref.txt" "stdout with --stats"
want_work_line "$TEXT"
want_err_match "^winnow: $TEXT: [0-9]+ of [0-9]+ blocks removed by rules"
[ -n "$why" ] || grep -q 'comment [0-9]' "$err" || why="no comment family in \"$(cat "$err")\""
check "--stats"

why=; w --stats "$PAGE"; want_rc 0; want_same "$out" "$T/ref.txt" "stdout with --stats"
want_work_line "$PAGE"
want_err_match "^winnow: $PAGE: [0-9]+ of [0-9]+ blocks removed by rules"
check "--stats on HTML"

why=; w --stats --no-default-rules "$PAGE"; want_rc 0
want_work_line "$PAGE"
want_err_match "^winnow: $PAGE: 0 of [0-9]+ blocks removed by rules$"
check "--stats without rules"

# --- the limits: --work-budget, --max-memory ---------------------------------

for bad in -1 x 1.5 99999999999; do
	why=; w --work-budget "$bad" "$PAGE"; want_rc 2; want_empty "$out" stdout
	want_err_line "winnow: --work-budget: '$bad' is not a number of units"
	check "--work-budget $bad"
done
why=; w --max-memory 12X "$PAGE"; want_rc 2
want_err_line "winnow: --max-memory: '12X' is not a size"
check "--max-memory 12X"

# A page over its budget or its memory cap fails alone, with its reason.
BIG="$T/big.html"
{
	printf '<html><body><article>'
	for i in $(seq 1 3000); do
		printf '<p>The council met on Monday to talk about the harbour plans, number %d.</p>' "$i"
	done
	printf '</article></body></html>'
} >"$BIG"
why=; w --work-budget 1 "$BIG"; want_rc 1; want_empty "$out" stdout
want_err_match "^winnow: $BIG: the page needs more work than its budget of 1 units per input byte \\(work_budget\\)"
check "--work-budget 1 fails the page"
why=; w --work-budget 0 "$BIG"; want_rc 0; want_nonempty "$out" stdout
check "--work-budget 0"
why=; w --max-memory 1M "$BIG"; want_rc 1; want_empty "$out" stdout
want_err_line "winnow: $BIG: the page needs more than 1 MiB of memory (max_memory)"
check "--max-memory 1M fails the page"
why=; w --max-memory 1M --input text "$BIG"; want_rc 1
want_err_line "winnow: $BIG: the page needs more than 1 MiB of memory (max_memory)"
check "--max-memory 1M fails a text page"

# --- --explain shows the rule that removed a block ---------------------------

why=; w --explain "$FIX/blog-wordpress.html"; want_rc 0; want_empty "$err" stderr
[ -n "$why" ] || awk -F '\t' '$2 == "DROP" && $9 ~ /^comment: /' "$out" | grep -q . ||
	why="no DROP line with a comment: reason"
check "--explain comment: reason"

why=; w --explain --input text "$TEXT"; want_rc 0
[ -n "$why" ] || awk -F '\t' '$2 == "DROP" && $9 ~ /^comment: / && $10 == "Leave a Reply"' "$out" | grep -q . ||
	why="\"Leave a Reply\" has no comment: reason"
check "--explain comment: reason on text"

finish
