#!/bin/bash
# dense_memory.sh - memory per element of dense markup (issue #14): for
# each of <p>w, <i>w</i>, <div class=a>w</div>, <td>w (in a table), <li>w
# (in a list), <a href=x>w</a> and one-letter lines of text (--input
# text), the peak RSS of one winnow run on pages of N and 2N elements
# (their difference per element is the figure of #14), the same figure
# for a bare Gumbo parse of the same pages (winnow-bench --only gumbo,
# beside WINNOW as bench/winnow-bench; HTML only), and whether a page of
# SIZE bytes fits the default --max-memory of 512 MiB, with its peak RSS
# and time.  The pages are written to a temporary directory, removed
# at the end.  The work budget is off (--work-budget 0): this measures
# memory, not the budget.
#
#   bench/dense_memory.sh [--check] [WINNOW [N [SIZE]]]
#   default: build/winnow 100000 8M
#
# --check: exit 1 when a page of SIZE of HTML markup does not fit.  The
# text page is reported, not checked: a line of text costs a block (the
# public struct wn_block alone is 120 bytes), so 4,194,304 one-letter
# lines cannot fit in 512 MiB.
set -euo pipefail
check=0
if [ "${1:-}" = --check ]; then
	check=1
	shift
fi
winnow=${1:-build/winnow}
bench=$(dirname -- "$winnow")/bench/winnow-bench
n=${2:-100000}
size=${3:-8M}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dense_memory.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# page NAME COUNT|SIZE: writes $tmp/NAME with COUNT items, or as many as
# fit in SIZE bytes (a number with an optional K or M).
page() {
	python3 - "$tmp" "$1" "$2" <<'PY'
import sys
tmp, name, arg = sys.argv[1:]
head, item, tail = {
    "p": ("", "<p>w", ""), "i": ("", "<i>w</i>", ""),
    "div": ("", "<div class=a>w</div>", ""), "td": ("<table>", "<td>w", "</table>"),
    "li": ("<ul>", "<li>w", "</ul>"), "a": ("", "<a href=x>w</a>", ""),
    "text": ("", "w\n", ""),
}[name]
mult = {"K": 1 << 10, "M": 1 << 20}
if arg.startswith("="):
    count = int(arg[1:])
else:
    total = int(arg[:-1]) * mult[arg[-1]] if arg[-1] in mult else int(arg)
    count = (total - len(head) - len(tail)) // len(item)
with open(f"{tmp}/{name}", "w") as f:
    f.write(head + item * count + tail)
print(count)
PY
}

# run NAME: peak RSS in KiB, seconds and the last line of stderr of winnow
# on $tmp/NAME, tab-separated.
run() {
	local input=()
	[ "$1" != text ] || input=(--input text)
	/usr/bin/time -o "$tmp/time" -f '%M %e' "$winnow" --work-budget 0 "${input[@]}" \
		"$tmp/$1" >/dev/null 2>"$tmp/err" || true
	printf '%s\t%s\t%s\n' "$(tail -1 "$tmp/time" | cut -d' ' -f1)" \
		"$(tail -1 "$tmp/time" | cut -d' ' -f2)" "$(tail -1 "$tmp/err")"
}

# gumbo_rss NAME: peak RSS in KiB of a bare Gumbo parse of $tmp/NAME.
gumbo_rss() {
	mkdir -p "$tmp/g"
	ln -sf "$tmp/$1" "$tmp/g/page.html"
	"$bench" --only gumbo -r 1 "$tmp/g" 2>/dev/null |
		sed -n 's/.* ru_maxrss_mib=\([0-9.]*\).*/\1/p' | awk '{printf "%d", $1 * 1024}'
}

printf '%-6s %12s %12s %10s %10s   %-10s %10s %8s\n' markup "RSS $n" "RSS $((2 * n))" \
	"B/element" "Gumbo B/e" "$size" "peak RSS" seconds
fail=0
for m in p i div td li a text; do
	page "$m" "=$n" >/dev/null
	IFS=$'\t' read -r r1 _ _ < <(run "$m")
	g1=
	[ "$m" = text ] || [ ! -x "$bench" ] || g1=$(gumbo_rss "$m")
	page "$m" "=$((2 * n))" >/dev/null
	IFS=$'\t' read -r r2 _ _ < <(run "$m")
	gumbo=-
	[ -z "$g1" ] || gumbo=$((($(gumbo_rss "$m") - g1) * 1024 / n))
	count=$(page "$m" "$size")
	IFS=$'\t' read -r rss secs err < <(run "$m")
	fits=fits
	case $err in *"of memory (max_memory)"*) fits="TOO LARGE" ;; esac
	if [ "$fits" != fits ] && [ "$m" != text ]; then
		fail=1
	fi
	printf '%-6s %9s KiB %9s KiB %10s %10s   %-10s %6s MiB %8s   (%s items)\n' "$m" "$r1" \
		"$r2" "$(((r2 - r1) * 1024 / n))" "$gumbo" "$fits" "$((rss / 1024))" "$secs" "$count"
done
rm -f "$tmp"/p "$tmp"/i "$tmp"/div "$tmp"/td "$tmp"/li "$tmp"/a "$tmp"/text
if [ $check = 1 ] && [ $fail = 1 ]; then
	echo "dense_memory: a page of $size of HTML markup is over --max-memory" >&2
	exit 1
fi
exit 0
