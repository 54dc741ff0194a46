/*
 * fuzz_html.c - libFuzzer target: the whole pipeline on HTML input.
 *
 * The first byte chooses options (as cmark's fuzzer does): bit 0 explain
 * instead of text, bit 1 a small --max-size, bit 2 a small nesting bound,
 * bit 3 a tight memory cap, bit 4 a large page made by repetition.  The
 * rest is the page.  Every output must be valid UTF-8 without NUL bytes.
 * A broken check traps (SIGILL): SIGABRT belongs to the library's guard
 * against Gumbo's assertions, which is part of what is tested (run.sh
 * gives libFuzzer -handle_abrt=0).
 *
 * Time: the wall clock is off (time_limit 0), so that only the work
 * budget stops a page; a page that takes more CPU time than SLOW_BASE
 * seconds plus SLOW_PER_MB per MB of page traps too: work that no budget
 * counts, which is how a super-linear path shows.  With bit 4 the page
 * is made by repeat_page: a short pattern a mutation found, at the sizes
 * (64 KiB to 1 MiB) where a quadratic path costs seconds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#include "options.h"
#include "winnow.h"

static void check_utf8(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0 || cp == 0)
			__builtin_trap();
		i += (size_t)k;
	}
}

/* Under ASan and UBSan, on a busy machine: far above what the budget
 * lets a page take (about a second per MB without sanitizers). */
#define SLOW_BASE 5.0
#define SLOW_PER_MB 40.0
#define LARGE_MIN ((size_t)64 << 10)

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A page of at least LARGE_MIN << (data[0] % 5) bytes (64 KiB to 1 MiB):
 * data[1] bytes of prefix, then the rest repeated, in a malloc'd buffer;
 * NULL when there is nothing to repeat. */
static uint8_t *repeat_page(const uint8_t *data, size_t size, size_t *len)
{
	if (size < 3)
		return NULL;
	size_t shift = data[0] % 5, pre = data[1];
	data += 2;
	size -= 2;
	if (pre >= size)
		return NULL;
	size_t unit = size - pre, want = LARGE_MIN << shift;
	size_t n = pre + ((want - pre) / unit + 1) * unit;
	uint8_t *p = malloc(n);
	if (p == NULL)
		return NULL;
	memcpy(p, data, pre);
	for (size_t k = pre; k < n; k += unit)
		memcpy(p + k, data + pre, unit);
	*len = n;
	return p;
}

static void clean(const uint8_t *page, size_t size, uint8_t flags);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint8_t flags = data[0];
	uint8_t *big = NULL;
	size_t len = size - 1;
	if (flags & 16) {
		big = repeat_page(data + 1, size - 1, &len);
		if (big == NULL)
			return 0;
	}
	double t0 = cpu_now();
	clean(big ? big : data + 1, len, flags);
	if (cpu_now() - t0 > SLOW_BASE + SLOW_PER_MB * (double)len / 1e6)
		__builtin_trap();
	free(big);
	return 0;
}

static void clean(const uint8_t *page, size_t size, uint8_t flags)
{
	struct wn_options o;
	wn_options_init(&o);
	o.input = FUZZ_INPUT;
	o.time_limit = 0;
	if (flags & 2)
		o.max_input = 4096;
	if (flags & 4)
		o.max_nesting = 8;
	if (flags & 8)
		o.max_memory = 1 << 20;
	wn_doc *d = wn_doc_new(&o);
	if (d == NULL)
		return;
	if (wn_doc_load(d, page, size) == WN_OK) {
		char *out;
		size_t len;
		wn_status st = (flags & 1) ? wn_doc_explain(d, &out, &len) : wn_doc_text(d, &out, &len);
		if (st == WN_OK) {
			check_utf8(out, len);
			if (strlen(out) != len)
				__builtin_trap();
			free(out);
		}
		for (size_t i = 0; i < wn_doc_block_count(d); i++) {
			const struct wn_block *b = wn_doc_block(d, i);
			check_utf8(b->text, b->len);
			if (b->reason == NULL)
				__builtin_trap();
		}
	}
	wn_doc_free(d);
}
