/*
 * fuzz_warc.c - libFuzzer target: the streaming WARC reader (src/warc.c).
 *
 * The first byte chooses how the rest is fed: bits 0-2 the most bytes per
 * read (all, 1, 2, 3, 5, 64, 4096, 65537), bit 3 a small max_record, bits
 * 4-5 gzip it here (1: one member per "WARC/" line, 2: one member for
 * all), so that the fuzzer reaches the gzip paths without having to write
 * deflate data; then bit 6 cuts the gzip data short and bit 7 flips one of
 * its bytes, both at a place the second byte chooses.
 *
 * Checks: the reader ends, with bounded calls, never reports a fatal
 * error (the input cannot fail to read), keeps the record invariants of
 * warc.h, and gives the same results whatever the read sizes.  A broken
 * check traps (SIGILL), as in fuzz_html.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "warc.h"

struct src {
	const uint8_t *p;
	size_t len, pos, step;
};

static ssize_t src_read(void *ctx, void *buf, size_t n)
{
	struct src *s = ctx;
	size_t k = s->len - s->pos;
	if (k > n)
		k = n;
	if (s->step && k > s->step)
		k = s->step;
	if (k > 0)
		memcpy(buf, s->p + s->pos, k);
	s->pos += k;
	return (ssize_t)k;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001B3ULL;
	return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
	if (s == NULL)
		__builtin_trap();
	return fnv(h, s, strlen(s) + 1);
}

/* Reads everything; returns a hash of all the results. */
static uint64_t read_all(const uint8_t *data, size_t len, size_t step,
                         size_t max_record, size_t max_calls)
{
	struct src s = {data, len, 0, step};
	wn_warc_reader *r = wn_warc_new(src_read, &s, max_record);
	if (r == NULL)
		return 0;
	uint64_t h = 0xCBF29CE484222325ULL;
	struct wn_warc_record rec;
	for (size_t calls = 0;; calls++) {
		if (calls > max_calls)
			__builtin_trap();
		int rc = wn_warc_next(r, &rec);
		h = fnv(h, &rc, sizeof rc);
		h = fnv_str(h, wn_warc_errmsg(r));
		if (rc == WN_WARC_END || rc == WN_WARC_FATAL) {
			if (rc == WN_WARC_FATAL || wn_warc_next(r, &rec) != rc)
				__builtin_trap();
			break;
		}
		h = fnv_str(h, rec.version);
		h = fnv_str(h, rec.type);
		h = fnv_str(h, rec.target_uri);
		h = fnv_str(h, rec.record_id);
		h = fnv_str(h, rec.date);
		h = fnv_str(h, rec.content_type);
		h = fnv_str(h, rec.http_content_type);
		h = fnv_str(h, rec.charset);
		if (rc == WN_WARC_BAD) {
			if (rec.payload != NULL || *wn_warc_errmsg(r) == '\0')
				__builtin_trap();
			continue;
		}
		if (rc != WN_WARC_RECORD || rec.payload == NULL ||
		    rec.payload[rec.payload_len] != '\0' ||
		    strncmp(rec.version, "WARC/", 5) != 0 ||
		    (max_record && rec.payload_len > max_record) ||
		    (rec.is_html != 0 && rec.is_html != 1))
			__builtin_trap();
		h = fnv(h, &rec.http_status, sizeof rec.http_status);
		h = fnv(h, &rec.is_html, sizeof rec.is_html);
		h = fnv(h, rec.payload, rec.payload_len);
	}
	wn_warc_free(r);
	return h;
}

/* Appends data[from, to) as one gzip member to out (cap bytes). */
static size_t gzip_member(const uint8_t *data, size_t len, uint8_t *out,
                          size_t cap)
{
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	if (deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
	                 Z_DEFAULT_STRATEGY) != Z_OK)
		return 0;
	zs.next_in = (Bytef *)(uintptr_t)data;
	zs.avail_in = (uInt)len;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	int zr = deflate(&zs, Z_FINISH);
	size_t n = cap - zs.avail_out;
	deflateEnd(&zs);
	return zr == Z_STREAM_END ? n : 0;
}

/* The input gzipped: one member per "WARC/" at a line start, or one for
 * all.  NULL when out of memory. */
static uint8_t *gzip_input(const uint8_t *data, size_t len, int per_record,
                           size_t *outlen)
{
	size_t cap = len + 64;
	for (size_t i = 0; i < len; i++)
		if (data[i] == '\n')
			cap += 64; /* a member's overhead is under 64 bytes */
	cap += compressBound((uLong)len);
	uint8_t *out = malloc(cap);
	if (out == NULL)
		return NULL;
	size_t n = 0, start = 0;
	for (size_t i = 1; per_record && i + 5 <= len; i++) {
		if (data[i - 1] == '\n' && memcmp(data + i, "WARC/", 5) == 0) {
			n += gzip_member(data + start, i - start, out + n, cap - n);
			start = i;
		}
	}
	n += gzip_member(data + start, len - start, out + n, cap - n);
	*outlen = n;
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t steps[] = {0, 1, 2, 3, 5, 64, 4096, 65537};
	if (size < 2)
		return 0;
	uint8_t flags = data[0], where = data[1];
	size_t step = steps[flags & 7];
	size_t max_record = (flags & 8) ? 200 : 0;
	int gz = (flags >> 4) & 3;
	data += 2;
	size -= 2;

	uint8_t *owned = NULL;
	if (gz == 1 || gz == 2) {
		owned = gzip_input(data, size, gz == 1, &size);
		if (owned == NULL)
			return 0;
		size_t at = size * where / 256;
		if ((flags & 0x40) && size > 0)
			size = at;
		if ((flags & 0x80) && at < size)
			owned[at] ^= (uint8_t)(where | 1);
		data = owned;
	}
	/* Each result but the end uses up at least one byte of the
	 * decompressed stream, which deflate makes at most 1032 times
	 * longer than its input. */
	size_t max_calls = (gz == 1 || gz == 2) ? size * 1100 + 64 : size + 64;
	uint64_t whole = read_all(data, size, 0, max_record, max_calls);
	uint64_t parts = read_all(data, size, step, max_record, max_calls);
	if (whole != parts)
		__builtin_trap();
	free(owned);
	return 0;
}
