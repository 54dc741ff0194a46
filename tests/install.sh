#!/bin/bash
# install.sh BUILD_ROOT SOURCE_ROOT WINNOW WINNOW_SHARED: `meson install`
# into a DESTDIR, then
# checks what was installed (the shared library with its soname and only
# winnow.h's calls exported, the static one, winnow.h, winnow.pc, the
# manual pages) and builds a small C program the way a user would, with
# `cc prog.c $(pkg-config --cflags --libs winnow)`, and runs it against
# the installed shared library.  Last, the command linked with the shared
# library (WINNOW_SHARED) prints what the command (WINNOW) prints.
set -eu
set -o pipefail
build=$1 src=$2 winnow=$3 winnow_shared=$4
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
ok() { echo "ok $*"; }

meson install -C "$build" --destdir "$T/root" --no-rebuild --quiet >"$T/install.log" 2>&1 ||
	{ cat "$T/install.log"; echo "FAIL meson install"; exit 1; }

pc=$(find "$T/root" -name winnow.pc | head -n 1)
[ -n "$pc" ] || { echo "FAIL no winnow.pc installed"; exit 1; }
libdir=$(dirname "$(dirname "$pc")")
prefix_man=$(find "$T/root" -path '*/man3/winnow.3' | head -n 1)
for f in "$libdir/libwinnow.a" "$libdir/libwinnow.so" "$libdir/libwinnow.so.0"; do
	[ -e "$f" ] && ok "installed ${f#$T/root}" || fail "not installed: ${f#$T/root}"
done
hdr=$(find "$T/root" -path '*/include/winnow.h' | head -n 1)
[ -n "$hdr" ] && ok "installed winnow.h" || fail "winnow.h not installed"
[ -n "$prefix_man" ] && ok "installed winnow.3" || fail "winnow.3 not installed"

soname=$(readelf -d "$libdir/libwinnow.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = libwinnow.so.0 ] && ok "soname $soname" || fail "soname '$soname'"

# Exported: exactly the calls winnow.h declares with WN_EXPORT.
sed -n 's/^WN_EXPORT .*[ *]\(wn_[a-z_0-9]*\)(.*/\1/p' "$src/src/winnow.h" | sort >"$T/declared"
nm -D --defined-only "$libdir/libwinnow.so" | awk '$2 == "T" || $2 == "D" || $2 == "B" || $2 == "R" {print $3}' |
	sort >"$T/exported"
if diff "$T/declared" "$T/exported" >"$T/diff"; then
	ok "the shared library exports the $(wc -l <"$T/declared") calls of winnow.h and nothing else"
else
	fail "exported symbols differ from winnow.h (< declared only, > exported only):"
	cat "$T/diff"
fi

cat >"$T/prog.c" <<'PROG'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <winnow.h>

int main(void)
{
	static const char page[] = "<title>Trams</title><article><p>Trams will run along the "
	    "harbour front for the first time in more than sixty years after the council "
	    "voted on Thursday night to approve the plan.</p></article>";
	wn_options *opts = wn_options_new();
	if (opts == NULL || wn_options_set(opts, "short_words", 8) != WN_OK)
		return 2;
	wn_doc *doc = wn_doc_new(opts);
	wn_options_free(opts);
	char *out;
	size_t len;
	if (doc == NULL || wn_doc_load(doc, page, strlen(page)) != WN_OK ||
	    wn_doc_render(doc, WN_FORMAT_JSONL, 0, &out, &len) != WN_OK) {
		fprintf(stderr, "prog: %s\n", doc ? wn_doc_errmsg(doc) : "out of memory");
		return 1;
	}
	fwrite(out, 1, len, stdout);
	free(out);
	wn_doc_free(doc);
	return 0;
}
PROG

# A sanitized build's library needs its runtime in the program too.
san=$(meson introspect "$build" --buildoptions |
	python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "b_sanitize"))')
sanflags=
[ "$san" = none ] || sanflags="-fsanitize=$san"

export PKG_CONFIG_PATH=$(dirname "$pc") PKG_CONFIG_SYSROOT_DIR=$T/root
# shellcheck disable=SC2046 # pkg-config's words are meant to split
if ${CC:-cc} $sanflags -o "$T/prog" "$T/prog.c" $(pkg-config --cflags --libs winnow) 2>"$T/cc.log"; then
	ok "cc prog.c \$(pkg-config --cflags --libs winnow)"
else
	cat "$T/cc.log"
	fail "the program does not build against the installed winnow.pc"
fi
if [ -x "$T/prog" ]; then
	lib=$(LD_LIBRARY_PATH=$libdir ldd "$T/prog" | awk '/libwinnow/ {print $3}')
	case $lib in
	"$T"/root/*) ok "the program links the installed libwinnow.so.0" ;;
	*) fail "the program links '$lib', not the installed library" ;;
	esac
	if LD_LIBRARY_PATH=$libdir "$T/prog" >"$T/out" 2>&1 && grep -q '"text":"Trams will run' "$T/out"; then
		ok "the program runs: $(cut -c 1-60 "$T/out")"
	else
		fail "the program failed: $(cat "$T/out")"
	fi
fi
# Static linking, as pkg-config --static says.
# shellcheck disable=SC2046
if ${CC:-cc} $sanflags -o "$T/prog-static" "$T/prog.c" -Wl,-Bstatic -lwinnow -Wl,-Bdynamic \
	$(pkg-config --cflags --libs-only-other --libs-only-L winnow) \
	$(pkg-config --static --libs-only-l winnow | sed 's/-lwinnow//') 2>"$T/cc.log" &&
	"$T/prog-static" | grep -q '"text":"Trams will run'; then
	ok "the static library links with pkg-config --static and runs"
else
	cat "$T/cc.log"
	fail "the static library does not link with pkg-config --static"
fi
# The command is the library's first client: its files include winnow.h
# and the command's own headers, never the library's private ones.
private=$(cd "$src/src" && ls ./*.h | sed 's|^\./||' |
	grep -vx -e winnow.h -e output.h -e stream.h -e batch.h -e warc.h -e buf.h)
bad=
for f in main.c output.c stream.c batch.c warc.c; do
	for h in $private; do
		grep -q "#include \"$h\"" "$src/src/$f" && bad="$bad $f:$h"
	done
done
[ -z "$bad" ] && ok "the command's files include no private header of the library" ||
	fail "the command includes private headers:$bad"
same=0
for page in "$src"/fixtures/*.html; do
	for args in "" "-f json" "-f markdown" "-x" "-f jsonl -x --with-markdown"; do
		# shellcheck disable=SC2086 # the options are words
		if "$winnow" $args "$page" >"$T/a" 2>&1 && "$winnow_shared" $args "$page" >"$T/b" 2>&1 &&
			cmp -s "$T/a" "$T/b"; then
			same=$((same + 1))
		else
			fail "winnow-shared $args $page differs from winnow"
		fi
	done
done
ok "the command linked with the shared library prints the same bytes ($same outputs)"
echo "$fails failed"
[ "$fails" -eq 0 ]
