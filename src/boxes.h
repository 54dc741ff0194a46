#ifndef WN_BOXES_H
#define WN_BOXES_H

#include "buf.h"
#include "page.h"

/* The length of the vertical line of a box that w3m draws around a
 * table's cell ("│", "┃", "║") at s (up to e), 0 if none. */
static inline size_t wn_box_frame_len(const char *s, const char *e)
{
	if (e - s >= 3 && (unsigned char)s[0] == 0xE2 &&
	    (((unsigned char)s[1] == 0x94 && ((unsigned char)s[2] == 0x82 || (unsigned char)s[2] == 0x83)) ||
	     ((unsigned char)s[1] == 0x95 && (unsigned char)s[2] == 0x91)))
		return 3;
	return 0;
}

/* boxes.c: text s (n bytes of UTF-8) holds a character of the
 * box-drawing block (U+2500 to U+257F). */
int wn_has_box_drawing(const char *s, size_t n);

/* boxes.c: text s (n bytes of UTF-8) with each table that w3m drew in
 * boxes, rows between rules, rewritten one row to a line: each cell's
 * wrapped lines joined, the cells in order between frames; in out, and
 * *changed = 1; *changed = 0 (out untouched) when there is none.
 * Charges its pass to the page; WN_OK, WN_ERR_NOMEM, or the page's stop
 * status. */
wn_status wn_text_boxes(struct wn_page *pg, const char *s, size_t n, struct wn_buf *out,
                        int *changed);

#endif
