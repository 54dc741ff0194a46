/*
 * test_buf_pool.c - unit tests of the growable buffer (buf.c) and the
 * per-document memory pool (pool.c).
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pool.h"

/* ---- buf: growth ------------------------------------------------------- */

START_TEST(test_buf_starts_empty)
{
	struct wn_buf b = WN_BUF_INIT;
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.size, 0);
	ck_assert_int_eq(b.failed, 0);
	wn_buf_free(&b);
	ck_assert_ptr_null(b.data);
}
END_TEST

START_TEST(test_buf_put_and_nul)
{
	struct wn_buf b = WN_BUF_INIT;
	ck_assert_int_eq(wn_buf_put(&b, "abc", 3), 0);
	ck_assert_uint_eq(b.size, 3);
	ck_assert_ptr_nonnull(b.data);
	ck_assert_str_eq(b.data, "abc");
	ck_assert_int_eq(wn_buf_puts(&b, "def"), 0);
	ck_assert_int_eq(wn_buf_putc(&b, 'g'), 0);
	ck_assert_uint_eq(b.size, 7);
	ck_assert_str_eq(b.data, "abcdefg");
	ck_assert_uint_ge(b.cap, b.size + 1);
	/* Embedded NUL bytes are data like any other. */
	ck_assert_int_eq(wn_buf_put(&b, "x\0y", 3), 0);
	ck_assert_uint_eq(b.size, 10);
	ck_assert_int_eq(memcmp(b.data, "abcdefgx\0y", 11), 0);
	wn_buf_free(&b);
}
END_TEST

START_TEST(test_buf_put_utf8)
{
	struct wn_buf b = WN_BUF_INIT;
	/* valid text unchanged; a lone continuation byte, a cut 4-byte
	 * sequence and an overlong NUL each byte by byte as U+FFFD */
	ck_assert_int_eq(wn_buf_put_utf8(&b, "caf\xC3\xA9 \x80|\xF0\x9F\x98|\xC0\x80", 14), 0);
	ck_assert_str_eq(b.data, "caf\xC3\xA9 \xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|"
	                         "\xEF\xBF\xBD\xEF\xBF\xBD");
	ck_assert_uint_eq(b.size, strlen(b.data));
	wn_buf_free(&b);
}
END_TEST

START_TEST(test_buf_put_empty)
{
	struct wn_buf b = WN_BUF_INIT;
	ck_assert_int_eq(wn_buf_put(&b, "", 0), 0);
	ck_assert_uint_eq(b.size, 0);
	ck_assert_int_eq(b.failed, 0);
	ck_assert_int_eq(wn_buf_puts(&b, ""), 0);
	ck_assert_uint_eq(b.size, 0);
	wn_buf_free(&b);
}
END_TEST

START_TEST(test_buf_growth_many_small)
{
	struct wn_buf b = WN_BUF_INIT;
	const size_t n = 200000;
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(wn_buf_putc(&b, (char)('a' + i % 26)), 0);
	ck_assert_uint_eq(b.size, n);
	ck_assert_uint_ge(b.cap, n + 1);
	size_t bad = 0;
	for (size_t i = 0; i < n; i++)
		bad += b.data[i] != (char)('a' + i % 26);
	ck_assert_uint_eq(bad, 0);
	ck_assert_int_eq(b.data[n], '\0');
	wn_buf_free(&b);
}
END_TEST

START_TEST(test_buf_growth_one_big)
{
	struct wn_buf b = WN_BUF_INIT;
	size_t n = (size_t)3 << 20;
	char *big = malloc(n);
	ck_assert_ptr_nonnull(big);
	for (size_t i = 0; i < n; i++)
		big[i] = (char)(i * 7 + 1);
	ck_assert_int_eq(wn_buf_puts(&b, "head:"), 0);
	ck_assert_int_eq(wn_buf_put(&b, big, n), 0);
	ck_assert_uint_eq(b.size, n + 5);
	ck_assert_int_eq(memcmp(b.data, "head:", 5), 0);
	ck_assert_int_eq(memcmp(b.data + 5, big, n), 0);
	ck_assert_int_eq(b.data[n + 5], '\0');
	free(big);
	wn_buf_free(&b);
}
END_TEST

START_TEST(test_buf_grow_reserves)
{
	struct wn_buf b = WN_BUF_INIT;
	ck_assert_int_eq(wn_buf_grow(&b, 1000), 0);
	ck_assert_uint_ge(b.cap, 1001);
	ck_assert_uint_eq(b.size, 0);
	char *before = b.data;
	/* Appending within the reservation does not move the data. */
	for (int i = 0; i < 1000; i++)
		wn_buf_putc(&b, 'z');
	ck_assert_ptr_eq(b.data, before);
	ck_assert_uint_eq(b.size, 1000);
	wn_buf_free(&b);
}
END_TEST

START_TEST(test_buf_reset_keeps_memory)
{
	struct wn_buf b = WN_BUF_INIT;
	wn_buf_puts(&b, "some text that is here");
	size_t cap = b.cap;
	wn_buf_reset(&b);
	ck_assert_uint_eq(b.size, 0);
	ck_assert_uint_eq(b.cap, cap);
	ck_assert_str_eq(b.data, "");
	wn_buf_puts(&b, "new");
	ck_assert_str_eq(b.data, "new");
	wn_buf_free(&b);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.size, 0);
	ck_assert_uint_eq(b.cap, 0);
}
END_TEST

/* ---- buf: printf ------------------------------------------------------- */

START_TEST(test_buf_printf_short)
{
	struct wn_buf b = WN_BUF_INIT;
	ck_assert_int_eq(wn_buf_printf(&b, "%d-%s-%.2f", 42, "x", 1.5), 0);
	ck_assert_str_eq(b.data, "42-x-1.50");
	ck_assert_int_eq(wn_buf_printf(&b, "|%u", 7u), 0);
	ck_assert_str_eq(b.data, "42-x-1.50|7");
	ck_assert_uint_eq(b.size, strlen("42-x-1.50|7"));
	wn_buf_free(&b);
}
END_TEST

START_TEST(test_buf_printf_long)
{
	/* Longer than any small stack buffer the implementation may use. */
	struct wn_buf b = WN_BUF_INIT;
	size_t n = 10000;
	char *s = malloc(n + 1);
	ck_assert_ptr_nonnull(s);
	for (size_t i = 0; i < n; i++)
		s[i] = (char)('A' + i % 26);
	s[n] = '\0';
	wn_buf_puts(&b, "<");
	ck_assert_int_eq(wn_buf_printf(&b, "%s|%zu", s, n), 0);
	char tail[32];
	snprintf(tail, sizeof tail, "|%zu", n);
	ck_assert_uint_eq(b.size, 1 + n + strlen(tail));
	ck_assert_int_eq(b.data[0], '<');
	ck_assert_int_eq(memcmp(b.data + 1, s, n), 0);
	ck_assert_str_eq(b.data + 1 + n, tail);
	free(s);
	wn_buf_free(&b);
}
END_TEST

START_TEST(test_buf_printf_boundaries)
{
	/* Output lengths around typical small-buffer sizes, appended many
	 * times, always equal what snprintf says. */
	for (size_t len = 250; len < 270; len++) {
		struct wn_buf b = WN_BUF_INIT;
		char *s = malloc(len + 1);
		memset(s, 'q', len);
		s[len] = '\0';
		for (int k = 0; k < 3; k++)
			ck_assert_int_eq(wn_buf_printf(&b, "%s", s), 0);
		ck_assert_uint_eq(b.size, 3 * len);
		ck_assert_uint_eq(strlen(b.data), 3 * len);
		free(s);
		wn_buf_free(&b);
	}
}
END_TEST

/* ---- buf: detach ------------------------------------------------------- */

START_TEST(test_buf_detach)
{
	struct wn_buf b = WN_BUF_INIT;
	wn_buf_puts(&b, "hello");
	char *out = NULL;
	size_t len = 99;
	ck_assert_int_eq(wn_buf_detach(&b, &out, &len), 0);
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(len, 5);
	ck_assert_str_eq(out, "hello");
	/* The buffer is empty and no longer owns the data. */
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.size, 0);
	wn_buf_puts(&b, "again");
	ck_assert_str_eq(b.data, "again");
	ck_assert_ptr_ne(b.data, out);
	ck_assert_str_eq(out, "hello");
	free(out);
	wn_buf_free(&b);
}
END_TEST

START_TEST(test_buf_detach_empty)
{
	struct wn_buf b = WN_BUF_INIT;
	char *out = NULL;
	size_t len = 99;
	ck_assert_int_eq(wn_buf_detach(&b, &out, &len), 0);
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(len, 0);
	ck_assert_str_eq(out, "");
	free(out);
	/* len may be NULL. */
	wn_buf_puts(&b, "abc");
	ck_assert_int_eq(wn_buf_detach(&b, &out, NULL), 0);
	ck_assert_str_eq(out, "abc");
	free(out);
	wn_buf_free(&b);
}
END_TEST

/* ---- buf: failure flag ------------------------------------------------- */

START_TEST(test_buf_failure_sticks)
{
	struct wn_buf b = WN_BUF_INIT;
	wn_buf_puts(&b, "keep");
	/* An impossible size fails without touching the data. */
	ck_assert_int_eq(wn_buf_grow(&b, SIZE_MAX - 2), -1);
	ck_assert_int_ne(b.failed, 0);
	ck_assert_uint_eq(b.size, 4);
	ck_assert_str_eq(b.data, "keep");
	/* Every later append reports failure and does nothing. */
	ck_assert_int_eq(wn_buf_puts(&b, "more"), -1);
	ck_assert_int_eq(wn_buf_putc(&b, 'x'), -1);
	ck_assert_int_eq(wn_buf_printf(&b, "%d", 5), -1);
	ck_assert_int_eq(wn_buf_grow(&b, 1), -1);
	ck_assert_uint_eq(b.size, 4);
	ck_assert_str_eq(b.data, "keep");
	/* Detach refuses to hand out partial data. */
	char *out = (char *)0x1;
	size_t len = 77;
	ck_assert_int_eq(wn_buf_detach(&b, &out, &len), -1);
	ck_assert_ptr_eq(out, (char *)0x1);
	ck_assert_uint_eq(len, 77);
	wn_buf_free(&b);
	ck_assert_int_eq(b.failed, 0);
	/* A freed buffer is usable again. */
	ck_assert_int_eq(wn_buf_puts(&b, "ok"), 0);
	ck_assert_str_eq(b.data, "ok");
	wn_buf_free(&b);
}
END_TEST

START_TEST(test_buf_failure_put_huge)
{
	struct wn_buf b = WN_BUF_INIT;
	/* The length alone must make it fail: the data is never read. */
	ck_assert_int_eq(wn_buf_put(&b, "x", SIZE_MAX), -1);
	ck_assert_int_ne(b.failed, 0);
	ck_assert_uint_eq(b.size, 0);
	wn_buf_free(&b);
}
END_TEST

/* ---- pool: allocation -------------------------------------------------- */

/* Allocations of every size class and a few odd sizes, all written with
 * their own pattern, then all checked: nothing overlaps, all aligned. */
START_TEST(test_pool_many_sizes)
{
	struct wn_pool *p = wn_pool_new(0);
	ck_assert_ptr_nonnull(p);
	enum { N = 3000 };
	unsigned char **ptrs = calloc(N, sizeof *ptrs);
	size_t *sizes = calloc(N, sizeof *sizes);
	ck_assert_ptr_nonnull(ptrs);
	ck_assert_ptr_nonnull(sizes);
	for (size_t i = 0; i < N; i++) {
		/* 0 .. ~70000 bytes: small classes, the largest class, big blocks */
		size_t sz = (i * 2654435761u) % 5 == 0 ? (i * 37) % 70000 : i % 300;
		sizes[i] = sz;
		ptrs[i] = wn_pool_alloc(p, sz);
		ck_assert_ptr_nonnull(ptrs[i]);
		ck_assert_uint_eq((uintptr_t)ptrs[i] % 8, 0);
		memset(ptrs[i], (int)(i & 0xff), sz);
	}
	size_t bad = 0;
	for (size_t i = 0; i < N; i++)
		for (size_t k = 0; k < sizes[i]; k++)
			bad += ptrs[i][k] != (unsigned char)(i & 0xff);
	ck_assert_uint_eq(bad, 0);
	ck_assert_uint_gt(wn_pool_footprint(p), 0);
	free(ptrs);
	free(sizes);
	wn_pool_free(p);
}
END_TEST

START_TEST(test_pool_every_small_size)
{
	struct wn_pool *p = wn_pool_new(0);
	unsigned char *ptrs[40000 / 97 + 1];
	size_t n = 0;
	for (size_t sz = 1; sz <= 40000; sz += 97) {
		ptrs[n] = wn_pool_alloc(p, sz);
		ck_assert_ptr_nonnull(ptrs[n]);
		ck_assert_uint_eq((uintptr_t)ptrs[n] % 8, 0);
		memset(ptrs[n], (int)(n & 0xff), sz);
		n++;
	}
	n = 0;
	for (size_t sz = 1; sz <= 40000; sz += 97) {
		ck_assert_uint_eq(ptrs[n][0], (unsigned)(n & 0xff));
		ck_assert_uint_eq(ptrs[n][sz - 1], (unsigned)(n & 0xff));
		n++;
	}
	wn_pool_free(p);
}
END_TEST

START_TEST(test_pool_zero_size)
{
	struct wn_pool *p = wn_pool_new(0);
	void *a = wn_pool_alloc(p, 0);
	void *b = wn_pool_alloc(p, 0);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_ne(a, b);
	wn_pool_release(p, a);
	wn_pool_release(p, b);
	wn_pool_free(p);
}
END_TEST

/* ---- pool: release and reuse ------------------------------------------- */

START_TEST(test_pool_release_reuse)
{
	struct wn_pool *p = wn_pool_new(0);
	/* Warm up, then alloc/release in a loop: the memory is recycled, so
	 * the footprint stops growing. */
	for (int i = 0; i < 10; i++)
		wn_pool_release(p, wn_pool_alloc(p, 1000));
	size_t fp = wn_pool_footprint(p);
	for (int i = 0; i < 200000; i++) {
		char *x = wn_pool_alloc(p, 1000);
		ck_assert_ptr_nonnull(x);
		x[0] = x[999] = 'x';
		wn_pool_release(p, x);
	}
	ck_assert_uint_eq(wn_pool_footprint(p), fp);
	wn_pool_free(p);
}
END_TEST

START_TEST(test_pool_release_gumbo_pattern)
{
	/* Gumbo grows strings by allocate-copy-free: the footprint must stay
	 * near the final size, not the sum of all intermediate sizes. */
	struct wn_pool *p = wn_pool_new(0);
	size_t cap = 16;
	char *s = wn_pool_alloc(p, cap);
	size_t len = 0;
	for (int round = 0; round < 50; round++) {
		for (int i = 0; i < 100000; i++) {
			if (len + 1 >= cap) {
				char *t = wn_pool_alloc(p, cap * 2);
				ck_assert_ptr_nonnull(t);
				memcpy(t, s, len);
				wn_pool_release(p, s);
				s = t;
				cap *= 2;
			}
			s[len++] = 'a';
		}
		wn_pool_release(p, s);
		cap = 16;
		len = 0;
		s = wn_pool_alloc(p, cap);
	}
	/* 50 rounds of a 100000-byte string: reused each round. */
	ck_assert_uint_lt(wn_pool_footprint(p), (size_t)8 << 20);
	wn_pool_free(p);
}
END_TEST

START_TEST(test_pool_release_null)
{
	struct wn_pool *p = wn_pool_new(0);
	wn_pool_release(p, NULL);
	ck_assert_ptr_nonnull(wn_pool_alloc(p, 10));
	wn_pool_free(p);
	wn_pool_free(NULL);
}
END_TEST

START_TEST(test_pool_released_block_not_shared)
{
	/* After release + reallocation, live blocks never overlap. */
	struct wn_pool *p = wn_pool_new(0);
	char *a = wn_pool_alloc(p, 64);
	char *b = wn_pool_alloc(p, 64);
	memset(b, 'b', 64);
	wn_pool_release(p, a);
	char *c = wn_pool_alloc(p, 64);
	char *d = wn_pool_alloc(p, 64);
	memset(c, 'c', 64);
	memset(d, 'd', 64);
	ck_assert_ptr_ne(c, d);
	ck_assert_ptr_ne(c, b);
	ck_assert_ptr_ne(d, b);
	for (int i = 0; i < 64; i++)
		ck_assert_int_eq(b[i], 'b');
	wn_pool_free(p);
}
END_TEST

/* ---- pool: big blocks -------------------------------------------------- */

START_TEST(test_pool_big_blocks)
{
	struct wn_pool *p = wn_pool_new(0);
	size_t before = wn_pool_footprint(p);
	size_t n = (size_t)5 << 20;
	unsigned char *big = wn_pool_alloc(p, n);
	ck_assert_ptr_nonnull(big);
	ck_assert_uint_eq((uintptr_t)big % 8, 0);
	memset(big, 0xAB, n);
	ck_assert_uint_ge(wn_pool_footprint(p), before + n);
	unsigned char *big2 = wn_pool_alloc(p, n / 2);
	ck_assert_ptr_nonnull(big2);
	memset(big2, 0xCD, n / 2);
	ck_assert_uint_eq(big[0], 0xAB);
	ck_assert_uint_eq(big[n - 1], 0xAB);
	size_t with_both = wn_pool_footprint(p);
	ck_assert_uint_ge(wn_pool_peak(p), with_both);
	/* A released big block goes back to the system at once. */
	wn_pool_release(p, big);
	ck_assert_uint_le(wn_pool_footprint(p), with_both - n);
	ck_assert_uint_ge(wn_pool_peak(p), with_both);
	wn_pool_release(p, big2);
	ck_assert_uint_le(wn_pool_footprint(p), before + 4096);
	wn_pool_free(p);
}
END_TEST

START_TEST(test_pool_big_mapping_kept)
{
	/* A released large block's mapping (up to 1 MiB) serves the next
	 * large block instead of going back to the system: a reused document
	 * grows its arrays in pages it has already written.  A new mapping
	 * would be zeroed; the kept one still holds the old bytes. */
	struct wn_pool *p = wn_pool_new(0);
	size_t before = wn_pool_footprint(p);
	unsigned char *a = wn_pool_alloc(p, 200000);
	ck_assert_ptr_nonnull(a);
	memset(a, 0xAB, 200000);
	wn_pool_release(p, a);
	ck_assert_uint_le(wn_pool_footprint(p), before + 4096);
	unsigned char *b = wn_pool_alloc(p, 150000);
	ck_assert_ptr_eq(b, a);
	ck_assert_uint_eq(b[149999], 0xAB);
	/* Only what is asked for counts, and it grows in place into the
	 * mapping and shrinks without moving. */
	ck_assert_uint_le(wn_pool_footprint(p), before + 150000 + 8192);
	ck_assert_ptr_eq(wn_pool_realloc(p, b, 199000), b);
	ck_assert_uint_ge(wn_pool_footprint(p), before + 199000);
	ck_assert_ptr_eq(wn_pool_realloc(p, b, 40000), b);
	ck_assert_uint_le(wn_pool_footprint(p), before + 40000 + 8192);
	ck_assert_uint_eq(b[39999], 0xAB);
	/* A block larger than the kept mapping gets a new one. */
	unsigned char *c = wn_pool_alloc(p, 300000);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(c[299999], 0);
	wn_pool_clear(p);
	/* Kept across a clear too. */
	unsigned char *d = wn_pool_alloc(p, 100000);
	ck_assert(d == b || d == c);
	wn_pool_free(p);
	/* And by the next pool when the pool is freed (a document made for
	 * each page). */
	p = wn_pool_new(0);
	unsigned char *e = wn_pool_alloc(p, 900000);
	ck_assert_ptr_nonnull(e);
	memset(e, 0xCD, 900000);
	wn_pool_free(p);
	p = wn_pool_new(0);
	unsigned char *g = wn_pool_alloc(p, 899000);
	ck_assert_ptr_nonnull(g);
	ck_assert_uint_eq(g[898999], 0xCD);
	wn_pool_free(p);
}
END_TEST

START_TEST(test_pool_huge_request)
{
	/* Sizes whose header arithmetic would overflow are refused before
	 * anything is asked of the system. */
	struct wn_pool *p = wn_pool_new(0);
	ck_assert_ptr_null(wn_pool_alloc(p, SIZE_MAX));
	ck_assert_ptr_null(wn_pool_alloc(p, SIZE_MAX - 8));
	/* Still usable. */
	char *s = wn_pool_alloc(p, 100);
	ck_assert_ptr_nonnull(s);
	memset(s, 1, 100);
	wn_pool_free(p);
}
END_TEST

/* ---- pool: strndup ----------------------------------------------------- */

START_TEST(test_pool_strndup)
{
	struct wn_pool *p = wn_pool_new(0);
	const char *src = "hello, world";
	char *s = wn_pool_strndup(p, src, 5);
	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_ne(s, src);
	ck_assert_str_eq(s, "hello");
	char *e = wn_pool_strndup(p, src, 0);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e, "");
	/* Not NUL-terminated input, and embedded NUL. */
	char raw[4] = {'a', '\0', 'b', 'c'};
	char *r = wn_pool_strndup(p, raw, 4);
	ck_assert_int_eq(memcmp(r, raw, 4), 0);
	ck_assert_int_eq(r[4], '\0');
	/* Large copies. */
	size_t n = 100000;
	char *big = malloc(n);
	memset(big, 'z', n);
	char *bs = wn_pool_strndup(p, big, n);
	ck_assert_ptr_nonnull(bs);
	ck_assert_uint_eq(strlen(bs), n);
	free(big);
	ck_assert_ptr_null(wn_pool_strndup(p, src, SIZE_MAX));
	wn_pool_free(p);
}
END_TEST

/* ---- pool: clear, footprint, peak -------------------------------------- */

START_TEST(test_pool_clear)
{
	struct wn_pool *p = wn_pool_new(0);
	ck_assert_uint_eq(wn_pool_footprint(p), 0);
	for (int i = 0; i < 20000; i++)
		ck_assert_ptr_nonnull(wn_pool_alloc(p, 200));
	ck_assert_ptr_nonnull(wn_pool_alloc(p, (size_t)2 << 20));
	size_t full = wn_pool_footprint(p);
	ck_assert_uint_ge(full, 20000u * 200 + ((size_t)2 << 20));
	ck_assert_uint_ge(wn_pool_peak(p), full);
	wn_pool_clear(p);
	size_t after = wn_pool_footprint(p);
	ck_assert_uint_lt(after, full / 4);
	/* The peak remembers. */
	ck_assert_uint_ge(wn_pool_peak(p), full);
	/* Usable after clear, and filling it again reaches about the same. */
	for (int i = 0; i < 20000; i++) {
		char *x = wn_pool_alloc(p, 200);
		ck_assert_ptr_nonnull(x);
		memset(x, 7, 200);
	}
	ck_assert_uint_le(wn_pool_footprint(p), full);
	wn_pool_clear(p);
	wn_pool_clear(p); /* twice in a row is fine */
	ck_assert_ptr_nonnull(wn_pool_alloc(p, 10));
	wn_pool_free(p);
}
END_TEST

START_TEST(test_pool_footprint_tracks)
{
	struct wn_pool *p = wn_pool_new(0);
	size_t last = wn_pool_footprint(p);
	size_t total = 0;
	for (int i = 0; i < 5000; i++) {
		ck_assert_ptr_nonnull(wn_pool_alloc(p, 300));
		total += 300;
		size_t fp = wn_pool_footprint(p);
		ck_assert_uint_ge(fp, last);   /* never shrinks without release */
		ck_assert_uint_ge(fp, total);  /* covers what was handed out */
		ck_assert_uint_ge(wn_pool_peak(p), fp);
		last = fp;
	}
	wn_pool_free(p);
}
END_TEST

/* ---- pool: the cap ----------------------------------------------------- */

START_TEST(test_pool_cap_small_blocks)
{
	size_t cap = (size_t)2 << 20;
	struct wn_pool *p = wn_pool_new(cap);
	ck_assert_ptr_nonnull(p);
	size_t got = 0;
	void *last = NULL;
	for (int i = 0; i < 1000000; i++) {
		void *x = wn_pool_alloc(p, 100);
		if (x == NULL)
			break;
		last = x;
		got += 100;
		ck_assert_uint_le(wn_pool_footprint(p), cap);
	}
	/* It stopped, and not absurdly early. */
	ck_assert_uint_lt(got, cap);
	ck_assert_uint_gt(got, cap / 4);
	ck_assert_uint_le(wn_pool_footprint(p), cap);
	ck_assert_uint_le(wn_pool_peak(p), cap);
	/* Still NULL when asked again, without damage. */
	ck_assert_ptr_null(wn_pool_alloc(p, 100));
	ck_assert_ptr_null(wn_pool_alloc(p, (size_t)1 << 20));
	/* Giving a block back makes room for one of the same size. */
	wn_pool_release(p, last);
	void *again = wn_pool_alloc(p, 100);
	ck_assert_ptr_nonnull(again);
	memset(again, 1, 100);
	/* After clear the whole cap is available again. */
	wn_pool_clear(p);
	for (int i = 0; i < 1000; i++) {
		void *x = wn_pool_alloc(p, 1000);
		ck_assert_ptr_nonnull(x);
		memset(x, 2, 1000);
	}
	wn_pool_free(p);
}
END_TEST

START_TEST(test_pool_cap_big_blocks)
{
	size_t cap = (size_t)4 << 20;
	struct wn_pool *p = wn_pool_new(cap);
	void *a = wn_pool_alloc(p, (size_t)3 << 20);
	ck_assert_ptr_nonnull(a);
	/* Another 3 MiB would pass the cap. */
	ck_assert_ptr_null(wn_pool_alloc(p, (size_t)3 << 20));
	ck_assert_ptr_null(wn_pool_alloc(p, cap));
	ck_assert_ptr_null(wn_pool_alloc(p, cap + 1));
	ck_assert_uint_le(wn_pool_footprint(p), cap);
	/* Small allocations still work in what is left. */
	char *s = wn_pool_alloc(p, 64);
	ck_assert_ptr_nonnull(s);
	memset(s, 3, 64);
	/* Releasing the big block makes room for another. */
	wn_pool_release(p, a);
	void *b = wn_pool_alloc(p, (size_t)3 << 20);
	ck_assert_ptr_nonnull(b);
	memset(b, 4, (size_t)3 << 20);
	ck_assert_uint_le(wn_pool_peak(p), cap);
	wn_pool_free(p);
}
END_TEST

START_TEST(test_pool_cap_smaller_than_chunk)
{
	/* A cap of 100 000 bytes must still allow a 16-byte allocation: the
	 * cap bounds the memory taken, it must not make every allocation fail
	 * when it is smaller than the pool's internal chunk size. */
	struct wn_pool *p = wn_pool_new(100000);
	ck_assert_ptr_nonnull(p);
	void *x = wn_pool_alloc(p, 16);
	ck_assert_ptr_nonnull(x);
	ck_assert_uint_le(wn_pool_footprint(p), 100000);
	wn_pool_free(p);
}
END_TEST

START_TEST(test_pool_no_cap)
{
	/* cap 0: no limit. */
	struct wn_pool *p = wn_pool_new(0);
	for (int i = 0; i < 40; i++)
		ck_assert_ptr_nonnull(wn_pool_alloc(p, (size_t)1 << 20));
	ck_assert_uint_ge(wn_pool_footprint(p), (size_t)40 << 20);
	wn_pool_free(p);
}
END_TEST

static Suite *buf_pool_suite(void)
{
	Suite *s = suite_create("buf_pool");
	TCase *tc;

	tc = tcase_create("buf_growth");
	tcase_add_test(tc, test_buf_starts_empty);
	tcase_add_test(tc, test_buf_put_and_nul);
	tcase_add_test(tc, test_buf_put_empty);
	tcase_add_test(tc, test_buf_put_utf8);
	tcase_add_test(tc, test_buf_growth_many_small);
	tcase_add_test(tc, test_buf_growth_one_big);
	tcase_add_test(tc, test_buf_grow_reserves);
	tcase_add_test(tc, test_buf_reset_keeps_memory);
	suite_add_tcase(s, tc);

	tc = tcase_create("buf_printf");
	tcase_add_test(tc, test_buf_printf_short);
	tcase_add_test(tc, test_buf_printf_long);
	tcase_add_test(tc, test_buf_printf_boundaries);
	suite_add_tcase(s, tc);

	tc = tcase_create("buf_detach");
	tcase_add_test(tc, test_buf_detach);
	tcase_add_test(tc, test_buf_detach_empty);
	suite_add_tcase(s, tc);

	tc = tcase_create("buf_failure");
	tcase_add_test(tc, test_buf_failure_sticks);
	tcase_add_test(tc, test_buf_failure_put_huge);
	suite_add_tcase(s, tc);

	tc = tcase_create("pool_alloc");
	tcase_add_test(tc, test_pool_many_sizes);
	tcase_add_test(tc, test_pool_every_small_size);
	tcase_add_test(tc, test_pool_zero_size);
	tcase_add_test(tc, test_pool_huge_request);
	suite_add_tcase(s, tc);

	tc = tcase_create("pool_release");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_pool_release_reuse);
	tcase_add_test(tc, test_pool_release_gumbo_pattern);
	tcase_add_test(tc, test_pool_release_null);
	tcase_add_test(tc, test_pool_released_block_not_shared);
	suite_add_tcase(s, tc);

	tc = tcase_create("pool_big");
	tcase_add_test(tc, test_pool_big_blocks);
	tcase_add_test(tc, test_pool_big_mapping_kept);
	suite_add_tcase(s, tc);

	tc = tcase_create("pool_strndup");
	tcase_add_test(tc, test_pool_strndup);
	suite_add_tcase(s, tc);

	tc = tcase_create("pool_clear");
	tcase_add_test(tc, test_pool_clear);
	tcase_add_test(tc, test_pool_footprint_tracks);
	suite_add_tcase(s, tc);

	tc = tcase_create("pool_cap");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_pool_cap_small_blocks);
	tcase_add_test(tc, test_pool_cap_big_blocks);
	tcase_add_test(tc, test_pool_cap_smaller_than_chunk);
	tcase_add_test(tc, test_pool_no_cap);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(buf_pool_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
