#ifndef WN_COLUMNS_H
#define WN_COLUMNS_H

#include "buf.h"
#include "page.h"

/* Most passes of wn_text_columns: a layout of three columns needs two,
 * and a sidebar set far to the right of them a third. */
#define WN_COLUMN_PASSES 3

/* columns.c: text s (n bytes of UTF-8) with each stretch of lines that a
 * browser laid out in columns rewritten one column after the other, in
 * out, and *changed = 1; *changed = 0 (out untouched) when there is
 * none.  Charges its passes to the page; WN_OK, WN_ERR_NOMEM, or the
 * page's stop status. */
wn_status wn_text_columns(struct wn_page *pg, const char *s, size_t n, struct wn_buf *out,
                          int *changed);

#endif
