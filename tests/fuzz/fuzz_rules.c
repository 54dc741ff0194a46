/*
 * fuzz_rules.c - libFuzzer target: the rules-file parser, then the rules
 * that parsed on a page made of the rest of the input.  The first byte
 * splits the input: that many percent of it is the rules file.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "winnow.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t split = (size - 1) * (data[0] % 101) / 100;
	const char *rules_text = (const char *)data + 1;
	wn_rules *r = wn_rules_new();
	if (r == NULL)
		return 0;
	char err[256];
	if (wn_rules_add_text(r, rules_text, split, "fuzz", err, sizeof err) != WN_OK &&
	    memchr(err, '\0', sizeof err) == NULL)
		__builtin_trap();
	char *list;
	size_t len;
	if (wn_rules_list(r, &list, &len) == WN_OK)
		free(list);
	struct wn_options o;
	wn_options_init(&o);
	o.rules = r;
	o.input = WN_INPUT_TEXT;
	char *out;
	if (wn_clean(rules_text + split, size - 1 - split, &o, &out, &len) == WN_OK)
		free(out);
	o.input = WN_INPUT_HTML;
	if (wn_clean(rules_text + split, size - 1 - split, &o, &out, &len) == WN_OK)
		free(out);
	wn_rules_free(r);
	return 0;
}
