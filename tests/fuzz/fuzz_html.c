/*
 * fuzz_html.c - libFuzzer target: the whole pipeline on HTML input.
 *
 * The first byte chooses options (as cmark's fuzzer does): bit 0 explain
 * instead of text, bit 1 a small --max-size, bit 2 a small nesting bound,
 * bit 3 a tight memory cap.  The rest is the page.  Every output must be
 * valid UTF-8 without NUL bytes.  A broken check traps (SIGILL): SIGABRT
 * belongs to the library's guard against Gumbo's assertions, which is
 * part of what is tested (run.sh gives libFuzzer -handle_abrt=0).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint8_t flags = data[0];
	struct wn_options o;
	wn_options_init(&o);
	o.input = FUZZ_INPUT;
	if (flags & 2)
		o.max_input = 4096;
	if (flags & 4)
		o.max_nesting = 8;
	if (flags & 8)
		o.max_memory = 1 << 20;
	wn_doc *d = wn_doc_new(&o);
	if (d == NULL)
		return 0;
	if (wn_doc_load(d, data + 1, size - 1) == WN_OK) {
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
	return 0;
}
