/*
 * columns.c - text a browser laid out in columns, read one column at a
 * time.
 *
 * w3m draws a page's layout table as it is: a navigation column and the
 * article side by side, each line holding a piece of both ("The Economist
 * makes      In a press release on Friday, ...").  Read line by line,
 * every block would mix menu words with the article's sentences.  This
 * stage finds such a stretch of lines by its gutter: a column where many
 * lines start a second cell of text after a gap of spaces, and that no
 * line's text crosses; it puts the stretch's left column first, then a
 * blank line, then its right column (indented as it was, less the left
 * column's width).  Lines outside such a stretch stay as they are.  The
 * pass is linear in the text and runs at most WN_COLUMN_PASSES times (a
 * third column, a sidebar beside the article, needs a second one; the
 * cells of a wide layout table set far to the right, a third).
 */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include "columns.h"

/* The widest column a gutter may be at (code points from the line's
 * start): beyond it a line is one long paragraph, not a layout. */
#define MAX_GUTTER 200

/* ... but for a cell that w3m set far to the right of a wide layout
 * table, after FAR_GAP spaces or more (a sidebar's links at column 995,
 * beyond the page's prose): a gutter up to FAR_GUTTER. */
#define FAR_GUTTER 1024
#define FAR_GAP 8

/* Spaces before a second cell's first character. */
#define GAP 2

/* Lines with text on both sides of the gutter that make a stretch a
 * layout of columns; fewer are a stray wide gap (a signature's
 * alignment, a table of two rows). */
#define MIN_BOTH_LINES 5

/* A layout's columns hold prose: lines with a side of at least
 * PROSE_CHARS code points, PROSE_LINES of them or more.  A table of data
 * or a list of fields ("Location:     Room 111") has short cells, and
 * its rows must stay rows. */
#define PROSE_CHARS 40
#define PROSE_LINES 2

/* The least text (code points) of a first cell: a list's bullet or
 * number before its item's text ("•    Reduced weight", "10.  Preheat")
 * is no column. */
#define MIN_CELL_CHARS 4

/* Bytes of text per unit of work charged for one pass. */
#define COLUMN_BYTES_PER_UNIT 16

/* The byte after code point col of line [s, e) (e when shorter). */
static const char *at_col(const char *s, const char *e, unsigned col)
{
	unsigned c = 0;
	while (s < e && c < col) {
		s++;
		while (s < e && ((unsigned char)*s & 0xC0) == 0x80)
			s++;
		c++;
	}
	return s;
}

/* Code points of text in [s, e), from its first non-space to its last. */
static unsigned text_width(const char *s, const char *e)
{
	while (s < e && *s == ' ')
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\r'))
		e--;
	unsigned n = 0;
	for (; s < e; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* How line [s, e) sits against a gutter at column g: 0 it crosses it
 * (text in the GAP columns before g), 1 it is all left of it (or
 * blank), 2 it has text on both sides, 3 only right of it.  *widest:
 * the width of its wider side's text. */
static int line_sides(const char *s, const char *e, unsigned g, unsigned *widest)
{
	const char *gs = at_col(s, e, g - GAP), *ge = at_col(gs, e, GAP);
	*widest = 0;
	for (const char *p = gs; p < ge; p++)
		if (*p != ' ')
			return 0;
	unsigned left = text_width(s, gs), right = text_width(ge, e);
	*widest = left > right ? left : right;
	return right ? (left >= MIN_CELL_CHARS ? 2 : 3) : 1;
}

/* The column where the most lines start a second cell after GAP spaces
 * or more; 0 when none does on MIN_BOTH_LINES lines. */
static unsigned best_gutter(const char *s, size_t n)
{
	unsigned count[FAR_GUTTER + 1] = {0};
	const char *end = s + n;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		/* Only a run of spaces after text makes a gutter: most lines
		 * of prose have no two spaces together past their indent. */
		const char *t = s;
		while (t < e && *t == ' ')
			t++;
		_Static_assert(GAP == 2, "the gap searched for is two spaces");
		size_t rest = t < e ? (size_t)(e - t) : 0;
		if (rest <= GAP || memmem(t, rest, "  ", GAP) == NULL) {
			s = nl ? nl + 1 : end;
			continue;
		}
		unsigned col = 0, spaces = 0, text_before = 0;
		for (const char *p = s; p < e && col <= FAR_GUTTER; p++) {
			if (((unsigned char)*p & 0xC0) == 0x80)
				continue;
			if (*p == ' ') {
				spaces++;
			} else {
				if (text_before >= MIN_CELL_CHARS &&
				    spaces >= (col <= MAX_GUTTER ? GAP : FAR_GAP))
					count[col]++;
				text_before++;
				spaces = 0;
			}
			col++;
		}
		s = nl ? nl + 1 : end;
	}
	unsigned best = 0;
	for (unsigned c = GAP + 1; c <= FAR_GUTTER; c++)
		if (count[c] >= MIN_BOTH_LINES && count[c] > count[best])
			best = c;
	return best;
}

/* Appends [s, e) without the spaces at its end, and a newline. */
static void put_trimmed(struct wn_buf *out, const char *s, const char *e)
{
	while (e > s && (e[-1] == ' ' || e[-1] == '\r'))
		e--;
	wn_buf_put(out, s, (size_t)(e - s));
	wn_buf_putc(out, '\n');
}

/* Writes the stretch of lines [s, e) split at gutter g: the left column,
 * a blank line, the right column. */
static void put_columns(struct wn_buf *out, const char *s, const char *e, unsigned g)
{
	for (int side = 0; side < 2; side++) {
		for (const char *p = s; p < e;) {
			const char *nl = memchr(p, '\n', (size_t)(e - p));
			const char *le = nl ? nl : e;
			const char *cut = at_col(p, le, g);
			if (side == 0)
				put_trimmed(out, p, cut);
			else
				put_trimmed(out, cut, le);
			p = nl ? nl + 1 : e;
		}
		if (side == 0)
			wn_buf_putc(out, '\n');
	}
}

/* One pass: the stretches that gutter g splits, in out; 0 when there is
 * none (out untouched). */
static int split_pass(const char *s, size_t n, unsigned g, struct wn_buf *out)
{
	const char *end = s + n, *run = s, *copied = s;
	unsigned both = 0, prose = 0, widest = 0;
	int split = 0;
	for (const char *p = s;;) {
		const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
		const char *e = nl ? nl : end;
		int sides = p < end ? line_sides(p, e, g, &widest) : 0;
		if (sides == 0) {
			/* The stretch [run, p) ends: split it if it is a layout. */
			if (both >= MIN_BOTH_LINES && prose >= PROSE_LINES) {
				wn_buf_put(out, copied, (size_t)(run - copied));
				put_columns(out, run, p, g);
				copied = p;
				split = 1;
			}
			both = prose = 0;
			run = nl ? nl + 1 : end;
		}
		both += sides == 2;
		prose += sides != 0 && widest >= PROSE_CHARS;
		if (p >= end)
			break;
		p = nl ? nl + 1 : end;
	}
	if (split)
		wn_buf_put(out, copied, (size_t)(end - copied));
	return split;
}

wn_status wn_text_columns(struct wn_page *pg, const char *s, size_t n, struct wn_buf *out,
                          int *changed)
{
	*changed = 0;
	struct wn_buf tmp = WN_BUF_INIT;
	for (int pass = 0; pass < WN_COLUMN_PASSES; pass++) {
		wn_status st = wn_page_charge(pg, 2 * (n / COLUMN_BYTES_PER_UNIT) + 1);
		if (st != WN_OK) {
			wn_buf_free(&tmp);
			return st;
		}
		unsigned g = best_gutter(s, n);
		wn_buf_reset(&tmp);
		if (g == 0 || !split_pass(s, n, g, &tmp))
			break;
		if (tmp.failed) {
			wn_buf_free(&tmp);
			return WN_ERR_NOMEM;
		}
		/* The pass's text is the next pass's input, and the buffer of
		 * the one before takes the next pass's output. */
		struct wn_buf done = tmp;
		tmp = *out;
		*out = done;
		s = out->data;
		n = out->size;
		*changed = 1;
	}
	wn_buf_free(&tmp);
	return WN_OK;
}
