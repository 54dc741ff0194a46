/*
 * buf.h - a growable byte buffer that reports failure instead of aborting
 * (after lowdown's hbuf).  The data is always NUL-terminated once anything
 * was appended.  Owned by whoever holds the struct; free with wn_buf_free.
 */
#ifndef WN_BUF_H
#define WN_BUF_H

#include <stddef.h>

struct wn_buf {
	char *data;  /* malloc'd, NUL-terminated when size > 0; NULL at first */
	size_t size; /* bytes used, not counting the NUL */
	size_t cap;  /* bytes allocated */
	int failed;  /* set once an allocation failed; appends then do nothing */
};

#define WN_BUF_INIT {NULL, 0, 0, 0}

/* Makes room for extra more bytes (plus the NUL).  0 on success, -1 on
 * allocation failure (and sets failed). */
int wn_buf_grow(struct wn_buf *b, size_t extra);
int wn_buf_put(struct wn_buf *b, const void *data, size_t len);
int wn_buf_puts(struct wn_buf *b, const char *s);
int wn_buf_putc(struct wn_buf *b, char c);
/* Appends s with each byte that starts no valid UTF-8 sequence written as
 * U+FFFD: the result is valid UTF-8 whatever s holds. */
int wn_buf_put_utf8(struct wn_buf *b, const char *s, size_t len);
/* printf-style append. */
int wn_buf_printf(struct wn_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hands the data to the caller (malloc'd, NUL-terminated, never NULL on
 * success) and empties the buffer.  -1 when an earlier append failed. */
int wn_buf_detach(struct wn_buf *b, char **out, size_t *len);
void wn_buf_reset(struct wn_buf *b); /* size = 0, keeps the memory */
void wn_buf_free(struct wn_buf *b);

#endif
