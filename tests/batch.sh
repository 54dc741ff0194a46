#!/bin/bash
# batch.sh WINNOW - batch mode: -o DIR with -R trees, file arguments and
# --files0-from.
#
# Mirrors a small tree made from the fixtures (pages, gzip copies, text,
# a nested directory, a page without an article, binary garbage, a dangling
# link, a symbolic link loop, an unreadable file when not root) and checks
# what winnow(1) promises: each output equals the single-file output of its
# input, the tree and the names, the exit statuses, the summary line,
# --dry-run writing nothing, a rerun skipping everything, a touched input
# redone alone, a changed format or option redoing everything (the digest),
# --force, the same outputs with -j1 and -j4, --files0-from, two inputs
# with one output (exit 2), abandoned temporary files removed and no other,
# a tree of links that branch read once, an unwritable output (exit 3).  Prints "ok NAME" or "FAIL NAME: why" per check and
# "N passed, M failed" at the end; exits 1 when a check failed.

set -u
. "$(dirname "$0")/lib.sh"
test_init batch 1 "$@"
umask 022

# The helpers below add to why only when nothing failed before.
want_summary() { # want_summary DONE SKIPPED EMPTY FAILED: the last stderr line
	[ -n "$why" ] && return
	local re="^winnow: $1 done, $2 skipped, $3 empty, $4 failed in [0-9]+\.[0-9] s \([0-9]+\.[0-9] MB/s\)\$"
	tail -n 1 "$err" | grep -qE "$re" ||
		why="summary \"$(tail -n 1 "$err")\", expected $1 done, $2 skipped, $3 empty, $4 failed"
}
want_err_has() { # want_err_has EXACT-LINE
	[ -n "$why" ] || grep -qxF -- "$1" "$err" || why="no line \"$1\" in stderr: \"$(head -c 400 "$err")\""
}
want_no_dir() {
	[ -n "$why" ] || [ ! -e "$1" ] || why="$1 was created"
}
# snapshot DIR [find tests]: everything below DIR with its inode and mtime,
# sorted (an output rewritten through rename gets a new inode)
snapshot() {
	local d=$1
	shift
	(cd "$d" && find . "$@" -printf '%p %i %T@\n' | sort)
}

# --- the input tree -------------------------------------------------------------

IN="$T/in"
mkdir -p "$IN/sub/deep" "$IN/text" "$IN/zz"
cp "$FIX"/*.html "$IN/"
cp "$FIX/article-news.html" "$IN/sub/news-copy.html"
cp "$FIX/blog-wordpress.html" "$IN/sub/deep/blog.htm"
cp "$FIX/tech-code-table.html" "$IN/sub/deep/code.xhtml"
cp "$FIX/recipe-howto.html" "$IN/sub/recipe.html"
gzip -k "$IN/sub/recipe.html"
mv "$IN/sub/recipe.html" "$IN/sub/deep/recipe-plain.HTML"
cp "$FIX/photo-feature.html" "$IN/zz/photo.htm"
gzip "$IN/zz/photo.htm"
cp "$FIX"/text/*.txt "$IN/text/"
cat >"$IN/sub/noarticle.html" <<'EOF'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Site map</title></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<footer><p><a href="/privacy">Privacy</a></p></footer></body></html>
EOF
printf 'GIF89a\0\1\2\3\0\0\377\376 binary garbage \0\0\0' >"$IN/sub/bad.html"
ln -s "$T/nowhere.html" "$IN/gone.html"
ln -s .. "$IN/sub/deep/up"          # a loop: in/sub/deep/up -> in/sub
echo "not a page" >"$IN/notes.md"   # no input extension: ignored
nbad=2
if [ "$(id -u)" -ne 0 ]; then
	cp "$FIX/article-news.html" "$IN/zz/locked.html"
	chmod 000 "$IN/zz/locked.html"
	nbad=3
fi

# ref SUBPATH EXT ARGS...: the single-file output of $IN/SUBPATH into
# $T/ref/SUBPATH with EXT for its extension
ref_all() { # ref_all DIR EXT ARGS...: every page that cleans, by single-file mode
	local dir=$1 ext=$2 f rel o
	shift 2
	rm -rf "$dir"
	(cd "$IN" && find . -type f ! -name notes.md ! -name bad.html ! -name locked.html | sort) |
		while read -r f; do
			rel=${f#./}
			o=$(echo "$rel" | sed -E 's/\.(html|htm|xhtml|txt|HTML)(\.gz)?$//')
			mkdir -p "$dir/$(dirname "$rel")"
			"$W" "$@" "$IN/$rel" >"$dir/$o$ext" 2>/dev/null
		done
}
ref_all "$T/ref" .txt
npages=$(find "$T/ref" -type f | wc -l)
nempty=1

# --- a first run ------------------------------------------------------------------

O="$T/out"
why=; w -r "$IN" -o "$O"
want_rc 1
want_summary "$npages" 0 "$nempty" "$nbad"
want_err_has "winnow: $IN/sub/bad.html: binary data, not text or HTML"
want_err_has "winnow: $IN/gone.html: No such file or directory"
[ -n "$why" ] || grep -qF "$IN/sub/deep/up: a symbolic link loop" "$err" || why="no loop warning"
[ -n "$why" ] || [ ! -s "$out" ] || why="stdout is not empty"
check "first run: exit 1, messages, summary"

why=
[ -n "$why" ] || diff -r "$T/ref" "$O" -x .winnow-digest >"$T/diff" 2>&1 ||
	why="outputs differ from single-file mode: $(head -c 300 "$T/diff")"
check "outputs equal single-file outputs, tree mirrored"

why=
for f in sub/deep/recipe-plain.txt sub/recipe.txt zz/photo.txt sub/deep/code.txt \
	text/en-blog-allotment.txt; do
	[ -n "$why" ] || [ -f "$O/$f" ] || why="no $f"
done
[ -n "$why" ] || [ ! -e "$O/sub/bad.txt" ] || why="an output for the bad page"
[ -n "$why" ] || [ ! -e "$O/notes.txt" ] || why="an output for notes.md"
[ -n "$why" ] || [ -f "$O/sub/noarticle.txt" ] && [ ! -s "$O/sub/noarticle.txt" ] ||
	why="${why:-the page without an article has no empty output}"
[ -n "$why" ] || [ "$(stat -c %a "$O/sub/recipe.txt")" = 644 ] ||
	why="mode $(stat -c %a "$O/sub/recipe.txt"), expected 644 under umask 022"
[ -n "$why" ] || [ "$(wc -l <"$O/.winnow-digest")" -eq 1 ] || why="the digest file is not one line"
check "names (.gz, .htm, .xhtml, .HTML, .txt), empty article, mode, digest"

if [ "$nbad" -eq 3 ]; then
	why=; want_err_has "winnow: $IN/zz/locked.html: Permission denied"
	check "unreadable file"
else
	skip "unreadable file" "running as root, which can read any file"
fi

# --- rerun, dry run, touch ----------------------------------------------------------

snapshot "$O" >"$T/snap1"
why=; w -r "$IN" -o "$O"
want_rc 1; want_summary 0 "$npages" 0 "$nbad"
snapshot "$O" >"$T/snap2"
[ -n "$why" ] || cmp -s "$T/snap1" "$T/snap2" || why="outputs were rewritten"
check "rerun skips every current output"

why=; w -R "$IN" -o "$O" --dry-run
want_rc 1
[ -n "$why" ] || [ "$(grep -c '^would skip ' "$out")" -eq "$npages" ] ||
	why="$(grep -c '^would skip ' "$out") 'would skip' lines, expected $npages"
[ -n "$why" ] || grep -qxF "would clean $IN/sub/bad.html -> $O/sub/bad.txt" "$out" ||
	why="no 'would clean' line for the bad page"
[ -n "$why" ] || grep -qxF "would skip $IN/sub/deep/code.xhtml -> $O/sub/deep/code.txt" "$out" ||
	why="no 'would skip' line for code.xhtml"
snapshot "$O" >"$T/snap2"
[ -n "$why" ] || cmp -s "$T/snap1" "$T/snap2" || why="--dry-run changed the output tree"
check "--dry-run lists and writes nothing"

why=; w -R "$IN" -o "$T/dry" -n
want_rc 1; want_no_dir "$T/dry"
[ -n "$why" ] || [ "$(grep -c '^would clean ' "$out")" -eq $((npages + 1)) ] ||
	why="$(grep -c '^would clean ' "$out") 'would clean' lines, expected $((npages + 1))"
check "--dry-run into a new directory creates nothing"

sleep 0.05
touch "$IN/sub/deep/blog.htm"
snapshot "$O" -type f >"$T/snap1"
why=; w -r "$IN" -o "$O"
want_rc 1; want_summary 1 $((npages - 1)) 0 "$nbad"
snapshot "$O" -type f >"$T/snap2"
changed=$(diff "$T/snap1" "$T/snap2" | grep '^>' | cut -d' ' -f2 | tr '\n' ' ')
[ -n "$why" ] || [ "$changed" = "./sub/deep/blog.txt " ] || why="changed: '$changed'"
check "a touched input is redone alone"

# --- the digest: format and options -------------------------------------------------

why=; w -R "$IN" -o "$O" -f markdown -q
want_rc 1
[ -n "$why" ] || [ "$(find "$O" -name '*.md' | wc -l)" -eq "$npages" ] || why="not $npages .md files"
[ -n "$why" ] || "$W" -f md "$IN/sub/deep/blog.htm" 2>/dev/null | cmp -s - "$O/sub/deep/blog.md" ||
	why="blog.md differs from single-file mode"
[ -n "$why" ] || [ "$(grep -vc "^winnow: $IN/" "$err")" -eq 0 ] ||
	why="--quiet printed: $(grep -v "^winnow: $IN/" "$err" | head -c 200)"
check "--format markdown, --quiet"

snapshot "$O" >"$T/snap1"
why=; w -r "$IN" -o "$O"
want_rc 1; want_summary "$npages" 0 "$nempty" "$nbad"
check "back to text: the digest changed, every output redone"

why=; w -R "$IN" -o "$O" --title
want_rc 1; want_summary "$npages" 0 "$nempty" "$nbad"
[ -n "$why" ] || "$W" --title "$FIX/news-german.html" 2>/dev/null | cmp -s - "$O/news-german.txt" ||
	why="news-german.txt is not the --title output"
check "--title: an option that changes the output redoes all"

why=; w -R "$IN" -o "$O" --title --lang de
want_rc 1
[ -n "$why" ] || tail -n 1 "$err" | grep -qE "^winnow: $npages done, 0 skipped, " ||
	why="not every page redone: $(tail -n 1 "$err")"
[ -n "$why" ] || [ -s "$O/news-german.txt" ] || why="news-german.txt is empty under --lang de"
[ -n "$why" ] || [ ! -s "$O/article-news.txt" ] || why="article-news.txt is not empty under --lang de"
check "--lang: in the digest; other languages' outputs empty"

why=; w -R "$IN" -o "$O" --title
want_rc 1; want_summary "$npages" 0 "$nempty" "$nbad"
check "without --lang again: every output redone"

why=; w -R "$IN" -o "$O" --title --time-limit 30 --max-size 16M
want_rc 1; want_summary 0 "$npages" 0 "$nbad"
check "the limits are not in the digest"

why=; w -R "$IN" -o "$O" --title --force
want_rc 1; want_summary "$npages" 0 "$nempty" "$nbad"
check "--force redoes all"

# --- threads -------------------------------------------------------------------------

why=; w -r "$IN" -o "$T/j1" -j1 -f json; rc1=$rc
w -R "$IN" -o "$T/j4" -j4 -f json
[ "$rc1" -eq 1 ] || why="exit status $rc1 with -j1"
want_rc 1
[ -n "$why" ] || diff -r "$T/j1" "$T/j4" >/dev/null || why="-j1 and -j4 outputs differ"
[ -n "$why" ] || [ "$(find "$T/j4" -name '*.json' | wc -l)" -eq "$npages" ] || why="not $npages .json"
check "-j1 and -j4 give the same outputs"

# -j is bounded by memory: pages of up to --max-memory each, in three
# quarters of the machine's memory.  A cap as large as the memory leaves
# one thread, with a note, and the same outputs.
mem_kb=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null)
if [ -n "$mem_kb" ]; then
	why=; w -R "$IN" -o "$T/jmem" -j4 -f json --max-memory "${mem_kb}K"
	want_rc 1
	[ -n "$why" ] || grep -qE '^winnow: -j 4 lowered to 1: 1 pages of up to [0-9]+ MiB each \(--max-memory\) fit in three quarters of the memory \([0-9]+ MiB\)$' "$err" ||
		why="no note that -j was lowered: $(head -c 300 "$err")"
	[ -n "$why" ] || diff -r "$T/j1" "$T/jmem" -x .winnow-digest >/dev/null || why="the outputs differ from -j1's"
	check "-j lowered to what --max-memory allows in memory"
fi

# --- file arguments and --files0-from ----------------------------------------------------

why=; w -o "$T/files" "$FIX/article-news.html" "$IN/zz/photo.htm.gz" "$IN/text/de-stadtrat-schule.txt"
want_rc 0; want_summary 3 0 0 0
[ -n "$why" ] || cmp -s "$T/ref/article-news.txt" "$T/files/article-news.txt" || why="article-news.txt"
[ -n "$why" ] || cmp -s "$T/ref/zz/photo.txt" "$T/files/photo.txt" || why="photo.txt"
[ -n "$why" ] || cmp -s "$T/ref/text/de-stadtrat-schule.txt" "$T/files/de-stadtrat-schule.txt" ||
	why="de-stadtrat-schule.txt"
check "file arguments with -o"

(cd "$IN" && printf '%s\0' sub/deep/blog.htm ./zz//photo.htm.gz text/en-harbour-news.txt) >"$T/list0"
why=; (cd "$IN" && timeout 60 "$W" --files0-from - -o "$T/f0" <"$T/list0" >"$out" 2>"$err"); rc=$?
want_rc 0; want_summary 3 0 0 0
[ -n "$why" ] || cmp -s "$T/ref/sub/deep/blog.txt" "$T/f0/sub/deep/blog.txt" || why="sub/deep/blog.txt"
[ -n "$why" ] || cmp -s "$T/ref/zz/photo.txt" "$T/f0/zz/photo.txt" || why="zz/photo.txt"
[ -n "$why" ] || cmp -s "$T/ref/text/en-harbour-news.txt" "$T/f0/text/en-harbour-news.txt" ||
	why="text/en-harbour-news.txt"
check "--files0-from - (standard input): the names mirrored under -o"

# Two index.html in two directories: two outputs, not a clash.  A name
# that climbs with .. after a part fails alone; a leading ../ is left out.
(cd "$IN/sub" && printf '%s\0' ../sub/news-copy.html deep/blog.htm deep/../news-copy.html) >"$T/list2"
why=; (cd "$IN/sub" && timeout 60 "$W" --files0-from "$T/list2" -o "$T/f2" >"$out" 2>"$err"); rc=$?
want_rc 1; want_summary 2 0 0 1
[ -n "$why" ] || cmp -s "$T/ref/sub/news-copy.txt" "$T/f2/sub/news-copy.txt" || why="sub/news-copy.txt"
[ -n "$why" ] || cmp -s "$T/ref/sub/deep/blog.txt" "$T/f2/deep/blog.txt" || why="deep/blog.txt"
[ -n "$why" ] || grep -qx 'winnow: deep/../news-copy.html: a name with .. inside cannot be mirrored under -o' "$err" ||
	why="no error line for deep/../news-copy.html: $(head -c 300 "$err")"
check "--files0-from: leading ../ left out, a .. inside fails alone"

(cd "$IN" && printf '%s\0' "$IN/sub/news-copy.html" "$IN/sub/noarticle.html") >"$T/list1"
printf '%s' "$IN/sub/recipe.html.gz" >>"$T/list1" # the last name without its NUL
why=; w --files0-from "$T/list1" -o "$T/f1" -j2
want_rc 0; want_summary 3 0 1 0
[ -n "$why" ] || cmp -s "$T/ref/sub/recipe.txt" "$T/f1/${IN#/}/sub/recipe.txt" || why="recipe.txt (absolute name)"
check "--files0-from FILE"

# --- usage errors: exit 2, nothing written ----------------------------------------------------

why=; w -o "$T/dup" "$IN/sub/news-copy.html" "$T/ref/../in/sub/deep/../news-copy.html"
want_rc 2; want_no_dir "$T/dup"
[ -n "$why" ] || grep -q "^winnow: $T/dup/news-copy.txt: the output of both " "$err" || why="message: $(cat "$err")"
check "two inputs, one output: exit 2"

cp "$IN/sub/recipe.html.gz" "$T/recipe.html"
why=; w -o "$T/dup2" "$IN/sub/recipe.html.gz" "$T/recipe.html"
want_rc 2; want_no_dir "$T/dup2"
check "a.html and a.html.gz: exit 2"

mkdir -p "$T/in2/sub"
cp "$FIX/article-news.html" "$T/in2/sub/news-copy.htm"
why=; w -R "$IN" -R "$T/in2" -o "$T/dup3"
want_rc 2; want_no_dir "$T/dup3"
check "two trees with one output path: exit 2"

why=; w -o "$IN/text" "$IN/text/en-harbour-news.txt"
want_rc 2
check "an output that would replace its input: exit 2"

for args in "-R $IN" "-j 2 $FIX/article-news.html" "-o $T/u -j 0 $FIX/article-news.html" \
	"-o $T/u" "-o $T/u -" "-o $T/u --stats $FIX/article-news.html" "-o $T/u -R $T/missing" \
	"-o $T/u -r $T/missing"; do
	why=; w $args
	want_rc 2; want_no_dir "$T/u"
	check "usage error: winnow $args"
done

# -r FILE was --rules FILE before -r became --recursive: the error says so.
why=; w -r "$HERE/../rules/default.rules" -o "$T/u" "$FIX/article-news.html"
want_rc 2; want_no_dir "$T/u"
[ -n "$why" ] || grep -qF 'Not a directory (-r reads a tree; rules files are given with --rules)' "$err" ||
	why="no hint about --rules: $(head -c 300 "$err")"
check "-r FILE: usage error that points to --rules"

# --- stale temporary files, an unwritable output ---------------------------------------------

# Ours are .winnow-HOST-PID.NAME.tmp.XXXXXX, HOST with [^A-Za-z0-9-] as _:
# removed when the process PID is gone.  Those of a process still running
# (this shell stands for a concurrent run), of another host, and other
# programs' files that merely look alike are left alone.
host=$(uname -n | cut -c1-64 | tr -c 'A-Za-z0-9\n-' _)
sleep 0 &
gone=$!
wait "$gone"
kept=(".x.html.tmp.ABCDEF" ".news-german.txt.tmp.Ab3xYz" ".keep.tmp" ".news-german.txt.tmp.ab"
	".winnow-$host-$$.news-german.txt.tmp.Qw3rTy" ".winnow-not$host-$gone.news-german.txt.tmp.Ab3xYz"
	".winnow-$host-$gone..tmp.Ab3xYz" ".winnow-$host-$gone.a.txt.tmp.Ab3x")
removed=(".winnow-$host-$gone.news-german.txt.tmp.Ab3xYz" "sub/deep/.winnow-$host-$gone.blog.txt.tmp.000000")
for f in "${kept[@]}" "${removed[@]}"; do
	touch "$O/$f"
done
why=; w -R "$IN" -o "$O" --title
want_rc 1; want_summary 0 "$npages" 0 "$nbad"
for f in "${removed[@]}"; do
	[ -n "$why" ] || [ ! -e "$O/$f" ] || why="abandoned $f kept"
done
for f in "${kept[@]}"; do
	[ -n "$why" ] || [ -e "$O/$f" ] || why="$f removed"
done
check "abandoned temporary files removed, only winnow's of a process that is gone"
rm -f "${kept[@]/#/$O/}"

echo x >"$T/afile"
why=; w -o "$T/afile/out" "$FIX/article-news.html"
want_rc 3
want_err_has "winnow: $T/afile/out: Not a directory"
check "output directory that cannot be made: exit 3"

# --- links that branch: each directory and page read once ------------------------------------------

# d0 to d18, each with links a and b to the next: 2^18 paths lead to d18,
# and a walk that read every path would make 524,287 jobs.  Each directory
# has a page; d0 also has q.html, a link to d5's page, and d3 has h.html, a
# hard link of d7's: each page is cleaned once, into the output of the path
# met first in walk order (a directory's pages before its subdirectories,
# names in byte order), so a/a/a/a/a/p5.txt and a/a/a/a/a/a/a/p7.txt are
# not made.
L="$T/links"
for i in $(seq 0 18); do
	mkdir -p "$L/d$i"
	sed "s/<h1>/<h1>Level $i: /" "$FIX/article-news.html" >"$L/d$i/p$i.html"
done
for i in $(seq 0 17); do
	ln -s "../d$((i + 1))" "$L/d$i/a"
	ln -s "../d$((i + 1))" "$L/d$i/b"
done
ln -s ../d5/p5.html "$L/d0/q.html"
ln "$L/d7/p7.html" "$L/d3/h.html"
a3=a/a/a a5=a/a/a/a/a a7=a/a/a/a/a/a/a a18=$(printf 'a/%.0s' $(seq 18))
t0=$(date +%s%N)
why=; { timeout 10 "$W" -j2 -r "$L/d0" -o "$T/links-out" >"$out" 2>"$err"; rc=$?; } 2>/dev/null
ms=$((($(date +%s%N) - t0) / 1000000))
want_rc 0; want_summary 19 0 0 0
n=$(find "$T/links-out" -type f ! -name .winnow-digest 2>/dev/null | wc -l)
[ -n "$why" ] || [ "$n" -eq 19 ] || why="$n outputs, expected 19"
[ -n "$why" ] || [ ! -e "$T/links-out/b" ] || why="the tree was read again through b"
for f in p0.txt q.txt $a3/h.txt ${a18}p18.txt; do
	[ -n "$why" ] || [ -f "$T/links-out/$f" ] || why="no $f"
done
[ -n "$why" ] || [ ! -e "$T/links-out/$a5/p5.txt" ] || why="d5's page cleaned twice"
[ -n "$why" ] || [ ! -e "$T/links-out/$a7/p7.txt" ] || why="d7's page cleaned twice (hard link)"
[ -n "$why" ] || "$W" "$L/d5/p5.html" 2>/dev/null | cmp -s - "$T/links-out/q.txt" || why="q.txt is not d5's page"
[ -n "$why" ] || [ "$ms" -lt 5000 ] || why="$ms ms"
[ -n "$why" ] || ! grep -q "loop" "$err" || why="a loop reported: $(head -c 200 "$err")"
check "links that branch 2^18 ways: 19 pages cleaned once each ($ms ms)"

ln -s ../d0 "$L/d9/up" # a loop among them is still one
why=; w -r "$L/d0" -o "$T/links-loop" -n
want_rc 0
[ -n "$why" ] || [ "$(grep -c '^would clean ' "$out")" -eq 19 ] ||
	why="$(grep -c '^would clean ' "$out") 'would clean' lines, expected 19"
[ -n "$why" ] || [ "$(grep -c 'a symbolic link loop, not followed$' "$err")" -eq 1 ] ||
	why="not one loop warning: $(head -c 300 "$err")"
[ -n "$why" ] || grep -qF "$L/d0/$a7/a/a/up: a symbolic link loop" "$err" || why="the loop at the wrong path: $(head -c 300 "$err")"
check "a loop among the branching links is reported once"

# --- the output directory inside the input tree --------------------------------------------------

mkdir -p "$T/self"
cp "$FIX/news-german.html" "$FIX/article-news.html" "$T/self/"
why=; (cd "$T/self" && timeout 60 "$W" -r . -o out -f text >"$out" 2>"$err"); rc=$?
want_rc 0; want_summary 2 0 0 0
(cd "$T/self" && timeout 60 "$W" -r . -o out -f text >"$out" 2>"$err"); rc=$?
want_rc 0; want_summary 0 2 0 0
check "-r . -o out: the outputs are not read as inputs"

# --- poisonous pages: each fails alone, every other page is cleaned -------------------------------

# A text page of one-letter lines over the memory cap (it used to be "out of
# memory", which stopped the run at it, on every rerun) and a page over the
# work budget, among pages that clean.  The lines reach 64 MiB after about
# 400,000 of them; there are enough that the work budget, which grows with
# the page, is not spent first.
mkdir -p "$T/poison"
cp "$FIX/news-german.html" "$FIX/article-news.html" "$FIX/blog-wordpress.html" "$T/poison/"
awk 'BEGIN { for (i = 0; i < 2000000; i++) print "a" }' >"$T/poison/lines.txt"
# (Short paragraphs: the work a block costs, over few bytes; it needs
# between 25 and 30 units a byte, the default budget being 500.)
awk 'BEGIN { printf "<html><body><article>"; for (i = 0; i < 8000; i++)
	printf "<p>The plans, number %d.</p>", i }' >"$T/poison/work.html"
why=; w -r "$T/poison" -o "$T/poison-out" --max-memory 64M --work-budget 20 -j 2
want_rc 1; want_summary 3 0 0 2
want_err_has "winnow: $T/poison/lines.txt: the page needs more than 64 MiB of memory (max_memory)"
[ -n "$why" ] || grep -q "^winnow: $T/poison/work.html: the page needs more work than its budget" "$err" ||
	why="no work budget line in \"$(head -c 400 "$err")\""
for f in news-german article-news blog-wordpress; do
	[ -n "$why" ] || [ -s "$T/poison-out/$f.txt" ] || why="$f.txt missing"
done
why2=$why; w -r "$T/poison" -o "$T/poison-out" --max-memory 64M --work-budget 20 -j 2; why=$why2
want_rc 1; want_summary 0 3 0 2
check "pages over --max-memory and --work-budget fail alone, every rerun"

finish
