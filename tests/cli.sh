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
want_err_line "winnow: --no-such-option: unknown option (winnow --help lists them)"
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

# --- --lang: only articles in these languages -------------------------------

why=; w --lang 'en,!' "$PAGE"; want_rc 2; want_empty "$out" stdout
want_err_line "winnow: --lang: 'en,!' is not a list of language tags"
check "--lang with a bad tag"

why=; w --lang ',' "$PAGE"; want_rc 2; want_empty "$out" stdout
check "--lang with no tag"

why=; w --lang de,EN_gb "$PAGE"; want_rc 0; want_same "$out" "$T/ref.txt" "--lang with the page's language"
check "--lang keeps an article in a listed language (any region)"

why=; w --lang de,fr "$PAGE"; want_rc 0; want_empty "$out" stdout
want_err_match "^winnow: .*: the article is in en(-[A-Z]+)?, not in --lang de,fr\$"
check "--lang leaves out an article in another language, with a note"

why=; w -q --lang de "$PAGE"; want_rc 0; want_empty "$out" stdout; want_empty "$err" stderr
check "--lang with -q: no note"

why=; w --lang de -f json "$PAGE"; want_rc 0
[ -n "$why" ] || grep -q '"skipped": "language"' "$out" || why="no \"skipped\": \"language\" in the JSON"
[ -n "$why" ] || grep -q '"text": ""' "$out" || why="the JSON's text is not empty"
check "--lang -f json says skipped"

why=; printf '{"html":"<p>Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, das die Steuern für kleine Betriebe senkt und die Verwaltung vereinfacht.</p>"}\n{"html":"<p>The council voted on Thursday to approve a new law that lowers taxes for small businesses and makes paperwork simpler.</p>"}\n' |
	{ "$W" --jsonl --lang en >"$out" 2>"$err"; rc=$?; }
want_rc 0
[ -n "$why" ] || [ "$(grep -c '"skipped":"language"' "$out")" = 1 ] || why="not one skipped record: $(cat "$out")"
[ -n "$why" ] || grep -q '"language":"de".*"skipped":"language"' "$out" || why="the German record is not the skipped one"
[ -n "$why" ] || grep -q '"skipped":null.*"text":"The council' "$out" || why="the English record lost its text"
check "--jsonl --lang: the record says why"

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

# --- issue #15: a command line without rough edges ---------------------------

# Every message of getopt's starts "winnow:", not the path of the binary,
# and is one line.
for args in "-z $PAGE|winnow: -z: unknown option (winnow --help lists them)" \
	"-xz $PAGE|winnow: -z: unknown option (winnow --help lists them)" \
	"--bogus=1 $PAGE|winnow: --bogus: unknown option (winnow --help lists them)" \
	"-f|winnow: -f: needs a value" \
	"--format|winnow: --format: needs a value" \
	"--title=yes $PAGE|winnow: --title: takes no value" \
	"--fo x $PAGE|winnow: --fo: ambiguous option (--format, --force)"; do
	a=${args%%|*} want=${args#*|}
	why=; w $a; want_rc 2; want_empty "$out" stdout; want_err_line "$want"
	check "getopt's message for $a"
done

why=; w "$PAGE" "$PAGE"; want_rc 2; want_err_match '^winnow: one file at a time'
check "two files: one line"

# -q outside batch mode: no warning, and not batch mode.
why=; w -q "$T/noarticle.html"; want_rc 0; want_empty "$out" stdout; want_empty "$err" stderr
check "-q silences 'no article found'"
why=; w --quiet "$PAGE"; want_rc 0; want_same "$out" "$T/ref.txt" "the output with --quiet"
check "--quiet on one page"
printf '{"html": "<p>x</p>"}\n' >"$T/one.jsonl"
why=; w -q --jsonl "$T/one.jsonl"; want_rc 0; want_empty "$err" stderr
[ -n "$why" ] || [ "$(wc -l <"$out")" -eq 1 ] || why="not one line out"
check "-q with --jsonl"

# Options that would do nothing are usage errors, one line each.
printf 'mine block phrase kelby\n+ Kelby\n- Shelby\n' >"$T/ok.rules"
for args in "--jsonl -f markdown|-f markdown has no effect" \
	"--jsonl -f text|-f text has no effect" "--warc -f json|-f json has no effect" \
	"--warc --jsonl|one kind of stream" "--jsonl --warc|one kind of stream" \
	"--links $PAGE|--links has no effect without Markdown output" \
	"--images $PAGE|--images has no effect without Markdown output" \
	"-f json --links $PAGE|--links has no effect" \
	"--jsonl --images|--images has no effect" \
	"-x -f markdown $PAGE|-f markdown has no effect" \
	"-x -f markdown --links $PAGE|-f markdown has no effect" \
	"--with-markdown $PAGE|--with-markdown has no effect without JSON" \
	"-f markdown --with-markdown $PAGE|--with-markdown has no effect" \
	"--title -f json $PAGE|--title has no effect with -f json" \
	"--title -x $PAGE|--title has no effect with -x" \
	"--jsonl --title|--title has no effect with --jsonl" \
	"--html-field body $PAGE|--html-field has no effect without --jsonl" \
	"--text-field t $PAGE|--text-field has no effect without --jsonl" \
	"--warc --url-field u|--url-field has no effect without --jsonl" \
	"--jsonl --stats|--stats: one page at a time" \
	"--warc -u http://ex.org/|-u has no effect with --warc" \
	"--jsonl -u http://ex.org/|-u has no effect with --jsonl" \
	"--jsonl -e latin1|-e has no effect with --jsonl" \
	"--jsonl --input text|--input has no effect with --jsonl" \
	"--list-rules -x|-x has no effect" "--list-rules $PAGE|it reads no page" \
	"--list-rules -f json|-f has no effect" \
	"--check-rules $T/ok.rules --rules $T/ok.rules|--rules has no effect" \
	"--check-rules $T/ok.rules $PAGE|it reads no page"; do
	a=${args%%|*} want=${args#*|}
	why=; w $a </dev/null; want_rc 2; want_empty "$out" stdout; want_err_match "^winnow: .*$want"
	check "no-op: $a"
done

# ... while the combinations that do something still work.
for a in "--jsonl -f jsonl" "--jsonl --with-markdown --links --images" "--warc -e latin1" \
	"--warc --input text" "--jsonl -x" "--rules $T/ok.rules --no-default-rules --list-rules"; do
	why=; w $a </dev/null; want_rc 0; want_empty "$err" stderr
	check "not a no-op: $a"
done
for a in "-f markdown --links --images --title" "-f json --with-markdown --links" \
	"-f jsonl -x --with-markdown --images" "-x --stats" "-q --stats"; do
	why=; w $a "$PAGE"; want_rc 0; want_nonempty "$out" stdout
	check "not a no-op: $a"
done

# -f md and -f txt are markdown and text, and documented.
"$W" -f markdown "$PAGE" >"$T/md-ref" 2>/dev/null
why=; w -f md "$PAGE"; want_rc 0; want_same "$out" "$T/md-ref" "the output of -f md"
check "-f md is -f markdown"
why=; w -f txt "$PAGE"; want_rc 0; want_same "$out" "$T/ref.txt" "the output of -f txt"
check "-f txt is -f text"
why=
"$W" --help | grep -q 'also md' || why="--help does not name md"
[ -n "$why" ] || "$W" --help | grep -q 'also txt' || why="--help does not name txt"
[ -n "$why" ] || grep -q '^\.Pf ( Cm md$' "$HERE/../man/winnow.1" || why="winnow(1) does not name md"
[ -n "$why" ] || grep -q '^\.Cm txt$' "$HERE/../man/winnow.1" || why="winnow(1) does not name txt"
check "-f md and -f txt are documented"

# -x -f json: the blocks carry the fields of the -x table, and the region.
why=; w -x "$PAGE"; cp "$out" "$T/x.tsv"; w -x -f json "$PAGE"; want_rc 0
[ -n "$why" ] || why=$(python3 - "$T/x.tsv" "$out" <<'PY'
import json, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
region = [r for r in rows if r[0].startswith("# region: ")]
rows = [r for r in rows if not r[0].startswith("#")]
o = json.load(open(sys.argv[2], encoding="utf-8"))
blocks = o.get("blocks", [])
if len(blocks) != len(rows):
    print(f"{len(blocks)} blocks in JSON, {len(rows)} in the table"); sys.exit()
for b, r in zip(blocks, rows):
    try:
        kind = b["kind"] + (str(b["level"]) if b["kind"] in ("heading", "li") else "")
        got = [str(b["index"]), b["decision"].upper(), "%.0f" % b["score"], kind,
               str(b["words"]), "%.2f" % b["link_ratio"], "%.1f" % b["density"],
               b["path"] or "", b["reason"] or ""]
    except (KeyError, TypeError) as e:
        print(f"block {r[0]} lacks {e}: {sorted(b)}"); sys.exit()
    if got != r[:9]:
        print(f"block {r[0]}: JSON {got}, table {r[:9]}"); sys.exit()
if o.get("region") != region[0][0][len("# region: "):]:
    print(f"region {o.get('region')!r}, table {region[0][0]!r}")
PY
)
check "-x -f json has the features of -x"

# A line rule that fires shows in -x and --stats.
cat >"$T/line.html" <<'EOF'
<html><body><article><h1>Harbour plan approved</h1>
<p>The Kelby harbour board on Thursday approved a plan to rebuild the old quay, which has been closed since the storm of last winter damaged its wall and the crane that stood at its end.<br>Source: Kelby Gazette</p>
<p>The work will take two years and will cost about four million pounds, according to the board's figures published after the meeting on Thursday evening.</p>
</article></body></html>
EOF
why=; w -x "$T/line.html"; want_rc 0
[ -n "$why" ] || awk -F '\t' '$2 == "KEEP" && $9 ~ /^article text; lines removed by source: /' "$out" | grep -q . ||
	why="no KEEP line with 'lines removed by source:' in \"$(cut -f 2,9 "$out" | head -c 300)\""
check "-x shows a line rule that fired"
why=; w --stats "$T/line.html"; want_rc 0
[ -n "$why" ] || grep -qE "^winnow: $T/line.html: 0 of 3 blocks removed by rules; lines removed from 1 block: source 1$" "$err" ||
	why="stderr is \"$(head -c 300 "$err")\""
check "--stats counts a line rule that fired"
why=; w -x -f json "$T/line.html"; want_rc 0
[ -n "$why" ] || grep -q '"reason": "article text; lines removed by source: ' "$out" || why="not in the JSON reason"
check "-x -f json shows a line rule that fired"

# --check-rules runs a file's own examples.
printf '# mine\npromo block phrase buy now\n+ Buy now and save!\n- We buy nowhere\n\nnews line regex ^source\\s*:\n+ Source: Reuters\n+ Text\\\\nSource: AP\n- The source: a leak\n' >"$T/good.rules"
why=; w --check-rules "$T/good.rules"; want_rc 0; want_empty "$out" stdout
want_err_line "winnow: $T/good.rules: the 5 examples of 2 rules pass"
check "--check-rules: all pass"
why=; w -q --check-rules "$T/good.rules"; want_rc 0; want_empty "$err" stderr
check "--check-rules -q: nothing to say"
printf 'promo block phrase buy now\n+ Buy now and save!\n+ Order today\n- Shoppers buy now more than ever.\nother block phrase order today\n- Order today\n' >"$T/fail.rules"
why=; w --check-rules "$T/fail.rules"; want_rc 1; want_empty "$out" stdout
if [ -z "$why" ]; then
	printf '%s\n' "winnow: $T/fail.rules:1: '+ Order today' is removed by $T/fail.rules:5 (other: order today), of another family" \
		"winnow: $T/fail.rules:1: '- Shoppers buy now more than ever.' is removed by its rule (promo: buy now)" \
		"winnow: $T/fail.rules:5: '- Order today' is removed by its rule (other: order today)" >"$T/want"
	cmp -s "$err" "$T/want" || why="stderr is \"$(cat "$err")\""
fi
check "--check-rules: one line per failing example, exit 1"
why=; w --check-rules "$T/missing.rules"; want_rc 2
want_err_line "winnow: $T/missing.rules: No such file or directory"
check "--check-rules: a missing file"
why=; w --check-rules "$HERE/../rules/default.rules"; want_rc 0
want_err_match "^winnow: .*default.rules: the [0-9]+ examples of [0-9]+ rules pass$"
check "--check-rules rules/default.rules"

# A stream's output that cannot be flushed while the input waits.
if [ -w /dev/full ]; then
	why=; { (printf '{"html": "<p>x</p>"}\n'; sleep 1; printf '{"html": "<p>y</p>"}\n') |
		timeout 60 "$W" --jsonl >/dev/full 2>"$err"; rc=$?; } 2>/dev/null
	want_rc 3; want_err_line "winnow: <stdout>: No space left on device"
	check "--jsonl: a flush that fails while the input waits"
fi

# README, --help and winnow(1) agree: the same synopsis.
"$W" --help | awk '/^$/ { exit } { sub(/^(usage: |       )/, ""); print }' >"$T/syn-help"
awk '/^winnow \[-qx\]/ { p = 1 } p && /^```/ { exit } p' "$HERE/../README.md" >"$T/syn-readme"
why=; cmp -s "$T/syn-help" "$T/syn-readme" ||
	why="README's synopsis differs: $(diff "$T/syn-help" "$T/syn-readme" | head -5 | tr '\n' '|')"
check "README's synopsis is --help's"
if command -v mandoc >/dev/null; then
	# The same words, whatever the line breaks.
	words() { tr -s ' \t\n' '\n\n\n' | grep -v '^$'; }
	words <"$T/syn-help" >"$T/w-help"
	mandoc -T ascii -O width=200 "$HERE/../man/winnow.1" | col -b |
		awk '/^SYNOPSIS/ { p = 1; next } /^[A-Z]/ { p = 0 } p' | words >"$T/w-man"
	why=; cmp -s "$T/w-help" "$T/w-man" ||
		why="winnow(1)'s synopsis differs: $(diff "$T/w-help" "$T/w-man" | head -6 | tr '\n' '|')"
	check "winnow(1)'s synopsis is --help's"

	# Every long option of --help is an entry of winnow(1), and the
	# reverse.
	"$W" --help | grep -oE -- '--[a-z0-9-]+' | sort -u >"$T/o-help"
	grep -E '^\.It Fl ' "$HERE/../man/winnow.1" | grep -oE 'Fl -[a-z0-9-]+' |
		sed 's/^Fl -/--/' | sort -u >"$T/o-man"
	why=; cmp -s "$T/o-help" "$T/o-man" ||
		why="options differ (<help >man): $(diff "$T/o-help" "$T/o-man" | grep '^[<>]' | tr '\n' ' ')"
	check "--help and winnow(1) have the same options"

	# EXAMPLES: each command set apart from the text, none wrapped.
	mandoc -T ascii "$HERE/../man/winnow.1" | col -b |
		awk '/^EXAMPLES/ { p = 1; next } /^[A-Z]/ { p = 0 } p' >"$T/examples"
	why=$(awk '/^       / { code = 1; next } /^     [^ ]/ && code { print "text right after a command: " $0; exit }
		/^$/ { code = 0 }' "$T/examples")
	check "winnow(1)'s EXAMPLES: commands set apart"
	why=$(awk '/^       [ \t]*\$ / { last = $0; next }
		/^       / && last != "" && last !~ /[\\|]$/ { print "a command wrapped: " last " / " $0; exit }
		{ last = "" }' "$T/examples")
	check "winnow(1)'s EXAMPLES: no command wrapped"
else
	skip "winnow(1)'s synopsis is --help's" "no mandoc"
fi

# The README names every source file once, and jansson where it lists
# the libraries.
why=
for f in "$HERE"/../src/*.c; do
	n=$(grep -c "^- \`$(basename "$f")\` — " "$HERE/../README.md")
	[ "$n" -eq 1 ] || { why="$(basename "$f") is named $n times in the layout"; break; }
done
check "README's layout names every file of src/ once"
why=
grep -q 'pkg-config --cflags --libs .*jansson' "$HERE/../README.md" || why="the link line lacks jansson"
[ -n "$why" ] || grep -A2 'development packages of' "$HERE/../README.md" | grep -q jansson ||
	why="the build line lacks jansson"
check "README names jansson"

finish
