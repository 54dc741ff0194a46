/*
 * boxes.c - tables that a text browser drew in boxes, read a row at a
 * time.
 *
 * w3m draws a table with a border as it is: a frame ("│") between cells
 * and a rule ("├────┼────┤") between rows, each cell's text wrapped to
 * the cell's width.  Read line by line, a row of three cells gives a
 * line of three pieces of sentences ("Australia │transfusions.  Temporary
 * applicants need to declare any │Yes*"), none of them whole.  This
 * stage finds a stretch of such rows, lines whose frames stand at the
 * same columns with rules between them, and writes each row as one line:
 * its cells in order, each cell's lines joined, a frame between cells.
 * The rules become blank lines.  A table with no rule between its rows,
 * or whose rows all fit on a line, has a row on each line already and
 * stays as it is, as do lines outside such a stretch.  The pass is
 * linear in the text.
 */
#include <string.h>

#include "boxes.h"

/* Most cells of a row read; a line with more is left as it is. */
#define MAX_CELLS 32

/* Bytes of text per unit of work charged for the pass. */
#define BOX_BYTES_PER_UNIT 16

/* A character of the box-drawing block (U+2500 to U+257F) at s. */
static int box_char(const char *s, const char *e)
{
	return e - s >= 3 && (unsigned char)s[0] == 0xE2 &&
	       ((unsigned char)s[1] == 0x94 || (unsigned char)s[1] == 0x95);
}

/* A rule between rows: blanks and box-drawing characters only, three of
 * them or more, not all of them frames (a row of empty cells). */
static int row_rule(const char *s, const char *e)
{
	unsigned boxes = 0, frames = 0;
	while (s < e) {
		if (*s == ' ' || *s == '\r') {
			s++;
			continue;
		}
		if (!box_char(s, e))
			return 0;
		boxes++;
		frames += wn_box_frame_len(s, e) > 0;
		s += 3;
	}
	return boxes >= 3 && frames < boxes;
}

/* A row of a table: a line that starts (after its indent) with a frame
 * and has at least three, cells between them.  Sets the column of each
 * frame (code points from the line's start) in cols and the byte where
 * each starts in at; their number, 0 when the line is no row.  p: the
 * line's first byte after its indent, of col blanks. */
static unsigned row_frames(const char *p, const char *e, unsigned col, unsigned *cols,
                           const char **at)
{
	unsigned n = 0;
	if (!wn_box_frame_len(p, e))
		return 0;
	while (p < e) {
		size_t f = wn_box_frame_len(p, e);
		if (f) {
			if (n == MAX_CELLS + 1)
				return 0;
			cols[n] = col;
			at[n++] = p;
			p += f;
		} else {
			p++;
			while (p < e && ((unsigned char)*p & 0xC0) == 0x80)
				p++;
		}
		col++;
	}
	return n >= 3 ? n : 0;
}

/* The text of [s, e) without the blanks around it. */
static void trim(const char **s, const char **e)
{
	while (*s < *e && (**s == ' ' || **s == '\r'))
		++*s;
	while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\r'))
		--*e;
}

/* One line, [s, e), and the next byte after its newline. */
struct line {
	const char *s, *e, *next;
};

static struct line line_at(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	struct line l = {s, nl ? nl : end, nl ? nl + 1 : end};
	return l;
}

/* Line l as a row (row_frames): its frames' columns and bytes, their
 * number or 0; *t: its first byte after its indent. */
static unsigned line_frames(struct line l, const char **t, unsigned *cols, const char **at)
{
	const char *p = l.s;
	while (p < l.e && *p == ' ')
		p++;
	*t = p;
	return row_frames(p, l.e, (unsigned)(p - l.s), cols, at);
}

/* Writes the rows of the lines [s, e), a stretch of rows with frames at
 * cols (nframes of them) and rules: each row's cells joined, each rule a
 * blank line.  indent: the columns before the first frame. */
static void put_rows(struct wn_buf *out, const char *s, const char *e, unsigned nframes,
                     unsigned indent)
{
	unsigned cols[MAX_CELLS + 1];
	const char *at[MAX_CELLS + 1];
	const char *row = s; /* the first line of the row being read */
	for (const char *p = s;;) {
		struct line l = p < e ? line_at(p, e) : (struct line){e, e, e};
		int rule = p >= e || row_rule(l.s, l.e);
		if (rule && row < p) {
			/* The row [row, p): each cell, its lines in order. */
			for (unsigned k = 0; k < indent; k++)
				wn_buf_putc(out, ' ');
			for (unsigned c = 0; c + 1 < nframes; c++) {
				wn_buf_put(out, c == 0 ? "\xE2\x94\x82" : " \xE2\x94\x82", c == 0 ? 3 : 4);
				for (const char *q = row; q < p;) {
					struct line r = line_at(q, p);
					const char *t;
					q = r.next;
					/* (Every line of a row has the stretch's frames.) */
					if (line_frames(r, &t, cols, at) != nframes)
						continue;
					const char *cs = at[c] + 3, *ce = at[c + 1];
					trim(&cs, &ce);
					if (cs < ce) {
						wn_buf_putc(out, ' ');
						wn_buf_put(out, cs, (size_t)(ce - cs));
					}
				}
			}
			wn_buf_put(out, " \xE2\x94\x82\n", 5);
		}
		if (p >= e)
			break;
		if (rule) {
			wn_buf_putc(out, '\n');
			row = l.next;
		}
		p = l.next;
	}
}

int wn_has_box_drawing(const char *s, size_t n)
{
	const char *box = s;
	while ((box = memchr(box, 0xE2, (size_t)(s + n - box))) != NULL && !box_char(box, s + n))
		box++;
	return box != NULL;
}

wn_status wn_text_boxes(struct wn_page *pg, const char *s, size_t n, struct wn_buf *out,
                        int *changed)
{
	*changed = 0;
	wn_status st = wn_page_charge(pg, n / BOX_BYTES_PER_UNIT + 1);
	if (st != WN_OK)
		return st;
	/* Most texts have no box-drawing character at all. */
	if (!wn_has_box_drawing(s, n))
		return WN_OK;
	const char *end = s + n, *copied = s;
	unsigned cols[MAX_CELLS + 1], first[MAX_CELLS + 1], nfirst = 0;
	const char *at[MAX_CELLS + 1];
	/* The stretch being read: from run, its rows' frames in first,
	 * whether a rule stands between two of its rows, and whether a row
	 * takes two lines or more (rows of one line are read as they are). */
	const char *run = NULL, *last_row = NULL;
	int ruled = 0, rule_after_row = 0, wrapped = 0, prev_row = 0;
	for (const char *p = s;;) {
		struct line l = p < end ? line_at(p, end) : (struct line){end, end, end};
		const char *t;
		unsigned nf = p < end ? line_frames(l, &t, cols, at) : 0;
		int same = nf > 0 && run != NULL && nf == nfirst &&
		           memcmp(cols, first, nf * sizeof *cols) == 0;
		int rule = p < end && nf == 0 && run != NULL && row_rule(t, l.e);
		if (run != NULL && !same && !rule) {
			/* The stretch ends after its last row. */
			if (ruled && wrapped) {
				wn_buf_put(out, copied, (size_t)(run - copied));
				put_rows(out, run, last_row, nfirst, first[0]);
				wn_buf_putc(out, '\n'); /* the table's border is no row */
				copied = last_row;
				*changed = 1;
			}
			run = NULL;
		}
		if (p >= end)
			break;
		if (nf > 0 && run == NULL) {
			run = p;
			nfirst = nf;
			memcpy(first, cols, nf * sizeof *cols);
			ruled = rule_after_row = wrapped = prev_row = 0;
		}
		if (nf > 0) {
			ruled |= rule_after_row;
			wrapped |= prev_row;
			last_row = l.next;
		}
		prev_row = nf > 0;
		rule_after_row |= rule && run != NULL;
		p = l.next;
	}
	if (*changed)
		wn_buf_put(out, copied, (size_t)(end - copied));
	return out->failed ? WN_ERR_NOMEM : WN_OK;
}
