/* buf.c - growable byte buffer; see buf.h. */
#include "buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

int wn_buf_grow(struct wn_buf *b, size_t extra)
{
	if (b->failed)
		return -1;
	if (extra >= SIZE_MAX / 2 - b->size) {
		b->failed = 1;
		return -1;
	}
	size_t need = b->size + extra + 1;
	if (need <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	char *p = realloc(b->data, cap);
	if (p == NULL) {
		b->failed = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

int wn_buf_put(struct wn_buf *b, const void *data, size_t len)
{
	/* room already there (the common case): no call to grow */
	if ((b->cap == 0 || len >= b->cap - b->size) && wn_buf_grow(b, len) != 0)
		return -1;
	if (b->failed)
		return -1;
	if (len > 0)
		memcpy(b->data + b->size, data, len);
	b->size += len;
	b->data[b->size] = '\0';
	return 0;
}

int wn_buf_puts(struct wn_buf *b, const char *s)
{
	return wn_buf_put(b, s, strlen(s));
}

int wn_buf_put_utf8(struct wn_buf *b, const char *s, size_t len)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n < 0) {
			wn_buf_put(b, "\xEF\xBF\xBD", 3);
			i++;
		} else {
			wn_buf_put(b, u + i, (size_t)n);
			i += (size_t)n;
		}
	}
	return b->failed ? -1 : 0;
}

int wn_buf_putc(struct wn_buf *b, char c)
{
	if (b->cap && b->size + 1 < b->cap && !b->failed) {
		b->data[b->size++] = c;
		b->data[b->size] = '\0';
		return 0;
	}
	return wn_buf_put(b, &c, 1);
}

int wn_buf_printf(struct wn_buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return -1;
	}
	if ((size_t)n < sizeof small)
		return wn_buf_put(b, small, (size_t)n);
	if (wn_buf_grow(b, (size_t)n) != 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->data + b->size, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->size += (size_t)n;
	return 0;
}

int wn_buf_detach(struct wn_buf *b, char **out, size_t *len)
{
	if (b->failed || wn_buf_grow(b, 0) != 0)
		return -1;
	b->data[b->size] = '\0';
	*out = b->data;
	if (len)
		*len = b->size;
	b->data = NULL;
	b->size = b->cap = 0;
	return 0;
}

void wn_buf_reset(struct wn_buf *b)
{
	b->size = 0;
	b->failed = 0;
	if (b->data)
		b->data[0] = '\0';
}

void wn_buf_free(struct wn_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->size = b->cap = 0;
	b->failed = 0;
}
