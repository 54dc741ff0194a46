/*
 * write_json.h - the JSON writer (write_json.c), for doc.c and for the
 * stream modes of the command, which add a record's own fields.
 */
#ifndef WN_WRITE_JSON_H
#define WN_WRITE_JSON_H

#include <jansson.h>

#include "page.h"

/* Adds the metadata keys, "text" (textlen bytes) and, by flags
 * (WN_JSON_*), "markdown" and "blocks" to o.  Keys of the metadata that o
 * already has with a non-null value are left alone.  -1 when out of
 * memory. */
int wn_json_fill(const struct wn_page *pg, json_t *o, unsigned flags, const char *text,
                 size_t textlen, const char *markdown, size_t mdlen);

/* Appends o as JSON (on one line with WN_JSON_LINE, else indented) and a
 * newline.  -1 when out of memory. */
int wn_json_dump(const json_t *o, unsigned flags, struct wn_buf *out);

#endif
