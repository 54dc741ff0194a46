/*
 * url.h - resolving relative URLs (url.c).
 */
#ifndef WN_URL_H
#define WN_URL_H

#include "buf.h"

/* Appends ref resolved against base (an absolute URL, or NULL / "" when
 * unknown: ref is then appended as it is).  -1 when out of memory. */
int wn_url_resolve(const char *base, const char *ref, struct wn_buf *out);

/* 1 for an http, https or ftp URL. */
int wn_url_is_absolute(const char *s);

/* 1 for javascript:, vbscript: and data: URLs, which are never kept. */
int wn_url_is_script(const char *s);

#endif
