/*
 * rules_check.c - the examples of a rule set run against it: each '+'
 * example must be removed by its rule (or one of its family), each '-'
 * example kept.  The built-in rules are checked so by the tests
 * (tests/test_rules.c), a user's file by winnow --check-rules.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "rules.h"

/* An example as its file writes it: a line break as \n. */
static void put_example(struct wn_buf *out, char sign, const char *text)
{
	wn_buf_printf(out, "'%c ", sign);
	for (const char *t = text; *t; t++)
		if (*t == '\n')
			wn_buf_puts(out, "\\n");
		else
			wn_buf_putc(out, *t);
	wn_buf_putc(out, '\'');
}

wn_status wn_rules_check(const wn_rules *rules, char **report, size_t *len,
                         size_t *checked, size_t *failed)
{
	struct wn_buf out = WN_BUF_INIT;
	size_t nchecked = 0, nfailed = 0;
	for (size_t i = 0; i < wn_rules_size(rules); i++) {
		const struct wn_rule *x = wn_rules_at(rules, i);
		for (unsigned k = 0; k < x->nfires; k++) {
			const struct wn_rule *hit = wn_rules_test(rules, x->fires[k]);
			nchecked++;
			if (hit != NULL && (hit == x || strcmp(hit->family, x->family) == 0))
				continue;
			nfailed++;
			wn_buf_printf(&out, "%s: ", x->where);
			put_example(&out, '+', x->fires[k]);
			if (hit == NULL)
				wn_buf_printf(&out, " is not removed by its rule (%s)\n", x->label);
			else
				wn_buf_printf(&out, " is removed by %s (%s), of another family\n",
				              hit->where, hit->label);
		}
		for (unsigned k = 0; k < x->nkeeps; k++) {
			const struct wn_rule *hit = wn_rules_test(rules, x->keeps[k]);
			nchecked++;
			if (hit == NULL)
				continue;
			nfailed++;
			wn_buf_printf(&out, "%s: ", x->where);
			put_example(&out, '-', x->keeps[k]);
			wn_buf_printf(&out, " is removed by %s%s(%s)\n", hit == x ? "its rule " : hit->where,
			              hit == x ? "" : " ", hit->label);
		}
	}
	char *s;
	size_t n;
	if (wn_buf_detach(&out, &s, &n) != 0) {
		wn_buf_free(&out);
		return WN_ERR_NOMEM;
	}
	*report = s;
	if (len)
		*len = n;
	*checked = nchecked;
	*failed = nfailed;
	return WN_OK;
}
