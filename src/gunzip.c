/*
 * gunzip.c - gzip decompression with a hard output limit (see encoding.h).
 *
 * Pages come gzip'd from crawlers, and a gzip bomb is a few KB that
 * inflate to gigabytes, so the output buffer never grows past max_out + 1
 * bytes: the extra byte is how "more than max_out" is noticed.
 */
#include "encoding.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

/* Typical HTML inflates 4 to 8 times; start there and double. */
#define FIRST_RATIO 4
#define MIN_CAP 4096

int wn_is_gzip(const void *buf, size_t len)
{
	const unsigned char *p = buf;
	return p != NULL && len >= 2 && p[0] == 0x1F && p[1] == 0x8B;
}

static void set_err(char *err, size_t errlen, const char *msg)
{
	if (err != NULL && errlen > 0)
		snprintf(err, errlen, "%s", msg);
}

/* The output so far and the most it may hold (max_out + 1). */
struct out {
	unsigned char *data;
	size_t cap;
	size_t limit;
};

/* Doubles the buffer, up to the limit.  -1 when out of memory. */
static int grow(struct out *o)
{
	size_t ncap = o->cap > o->limit / 2 ? o->limit : o->cap * 2;
	unsigned char *nd = realloc(o->data, ncap);
	if (nd == NULL)
		return -1;
	o->data = nd;
	o->cap = ncap;
	return 0;
}

/* zlib counts in uInt; larger inputs and outputs go through in slices. */
static uInt slice(size_t n)
{
	return n > UINT_MAX ? UINT_MAX : (uInt)n;
}

wn_status wn_gunzip(const void *in, size_t len, size_t max_out,
                    unsigned char **out, size_t *outlen, char *err,
                    size_t errlen)
{
	const unsigned char *src = in;
	z_stream zs;
	struct out o;
	size_t used = 0, fed = 0;
	wn_status rc = WN_OK;

	if (out == NULL || outlen == NULL || (src == NULL && len > 0)) {
		set_err(err, errlen, "invalid argument");
		return WN_ERR_ARG;
	}
	o.limit = (max_out == 0 || max_out == SIZE_MAX) ? SIZE_MAX : max_out + 1;
	o.cap = len < (SIZE_MAX - MIN_CAP) / FIRST_RATIO
	    ? len * FIRST_RATIO + MIN_CAP : SIZE_MAX;
	if (o.cap > o.limit)
		o.cap = o.limit;
	o.data = malloc(o.cap);
	if (o.data == NULL) {
		set_err(err, errlen, "out of memory");
		return WN_ERR_NOMEM;
	}

	memset(&zs, 0, sizeof zs);
	int zr = inflateInit2(&zs, 16 + MAX_WBITS); /* gzip wrapper only */
	if (zr != Z_OK) {
		free(o.data);
		set_err(err, errlen, zr == Z_MEM_ERROR ? "out of memory"
		                                       : "zlib initialisation failed");
		return zr == Z_MEM_ERROR ? WN_ERR_NOMEM : WN_ERR_GZIP;
	}

	for (;;) {
		if (zs.avail_in == 0 && fed < len) {
			zs.next_in = (Bytef *)(uintptr_t)(src + fed);
			zs.avail_in = slice(len - fed);
			fed += zs.avail_in;
		}
		if (used == o.cap) {
			if (o.cap == o.limit) {
				rc = WN_ERR_TOO_LARGE;
				set_err(err, errlen, "decompressed data too large");
				break;
			}
			if (grow(&o) != 0) {
				rc = WN_ERR_NOMEM;
				set_err(err, errlen, "out of memory");
				break;
			}
		}
		zs.next_out = o.data + used;
		zs.avail_out = slice(o.cap - used);
		uInt before = zs.avail_out;
		zr = inflate(&zs, Z_NO_FLUSH);
		used += before - zs.avail_out;
		if (used > max_out && max_out != 0) {
			rc = WN_ERR_TOO_LARGE;
			set_err(err, errlen, "decompressed data too large");
			break;
		}
		size_t left = zs.avail_in + (len - fed);
		if (zr == Z_STREAM_END) {
			/* Another member follows only if it starts like one;
			 * anything else after a member is trailing garbage
			 * (often NUL padding), ignored as gzip(1) does.  The
			 * input is one block, so next_in[1] is in it. */
			if (!wn_is_gzip(zs.next_in, left))
				break;
			if (inflateReset(&zs) != Z_OK) {
				rc = WN_ERR_GZIP;
				set_err(err, errlen, "zlib reset failed");
				break;
			}
			continue;
		}
		if (zr == Z_BUF_ERROR || zr == Z_OK) {
			/* No progress possible: the input ended early. */
			if (left == 0 && zs.avail_out > 0) {
				rc = WN_ERR_GZIP;
				set_err(err, errlen, "truncated gzip data");
				break;
			}
			continue;
		}
		if (zr == Z_MEM_ERROR) {
			rc = WN_ERR_NOMEM;
			set_err(err, errlen, "out of memory");
		} else {
			rc = WN_ERR_GZIP;
			set_err(err, errlen, zs.msg ? zs.msg : "corrupt gzip data");
		}
		break;
	}
	inflateEnd(&zs);
	if (rc != WN_OK) {
		free(o.data);
		return rc;
	}
	/* A NUL after the data, for callers that treat the page as a
	 * string; used <= max_out here, so this is within the slack. */
	if (used == o.cap) {
		unsigned char *nd = realloc(o.data, used + 1);
		if (nd == NULL) {
			free(o.data);
			set_err(err, errlen, "out of memory");
			return WN_ERR_NOMEM;
		}
		o.data = nd;
	}
	o.data[used] = '\0';
	*out = o.data;
	*outlen = used;
	return WN_OK;
}
