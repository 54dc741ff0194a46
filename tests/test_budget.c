/*
 * test_budget.c - a page's limits (budget.c, doc.c): its work budget and
 * its memory cap fail that page with its own status, the same way every
 * time, and the document goes on working for the next page.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "winnow.h"

/* An article of n paragraphs (HTML) or n lines (text), in a malloc'd
 * buffer. */
static char *make_page(unsigned n, int html, size_t *len)
{
	static const char para[] = "The council met again on Monday to discuss the plans "
	                           "for the old harbour, and most members agreed.";
	size_t cap = (size_t)n * (sizeof para + 16) + 128;
	char *p = malloc(cap);
	ck_assert_ptr_nonnull(p);
	size_t k = 0;
	if (html)
		k += (size_t)snprintf(p + k, cap - k, "<html><body><article>");
	for (unsigned i = 0; i < n; i++)
		k += (size_t)snprintf(p + k, cap - k, html ? "<p>%s %u</p>" : "%s %u\n\n", para, i);
	if (html)
		k += (size_t)snprintf(p + k, cap - k, "</article></body></html>");
	*len = k;
	return p;
}

static wn_status load(const struct wn_options *o, const char *page, size_t len, char *msg,
                      size_t msglen)
{
	wn_doc *d = wn_doc_new(o);
	ck_assert_ptr_nonnull(d);
	wn_status rc = wn_doc_load(d, page, len);
	snprintf(msg, msglen, "%s", wn_doc_errmsg(d));
	wn_doc_free(d);
	return rc;
}

START_TEST(test_budget_fails_the_page)
{
	size_t len;
	char *page = make_page(4000, 1, &len); /* about 500 KB */
	struct wn_options o;
	wn_options_init(&o);
	char msg[256];
	ck_assert_int_eq(load(&o, page, len, msg, sizeof msg), WN_OK);
	o.work_budget = 1;
	ck_assert_int_eq(load(&o, page, len, msg, sizeof msg), WN_ERR_BUDGET);
	ck_assert_ptr_nonnull(strstr(msg, "work_budget"));
	/* The same failure every time: the budget depends on the input. */
	for (int i = 0; i < 3; i++) {
		char again[256];
		ck_assert_int_eq(load(&o, page, len, again, sizeof again), WN_ERR_BUDGET);
		ck_assert_str_eq(again, msg);
	}
	o.work_budget = 0; /* no bound */
	o.time_limit = 0;
	ck_assert_int_eq(load(&o, page, len, msg, sizeof msg), WN_OK);
	free(page);
}
END_TEST

/* The text path charges the same budget. */
START_TEST(test_budget_text)
{
	size_t len;
	char *page = make_page(4000, 0, &len);
	struct wn_options o;
	wn_options_init(&o);
	o.input = WN_INPUT_TEXT;
	char msg[256];
	ck_assert_int_eq(load(&o, page, len, msg, sizeof msg), WN_OK);
	o.work_budget = 1;
	ck_assert_int_eq(load(&o, page, len, msg, sizeof msg), WN_ERR_BUDGET);
	free(page);
}
END_TEST

/* A backtracking pattern at line scope: each line may take the steps it
 * is allowed, and the page pays for them.  Under the default budget the
 * page finishes (the pattern does not match a line it gives up on); with
 * a tight one it fails, never runs on. */
START_TEST(test_budget_backtracking_regex)
{
	enum { LINES = 20000 };
	char *page = malloc((size_t)LINES * 32 + 128);
	ck_assert_ptr_nonnull(page);
	size_t k = (size_t)sprintf(page, "<html><body><article><pre>");
	for (unsigned i = 0; i < LINES; i++) {
		memset(page + k, 'a', 20 + i % 7);
		k += 20 + i % 7;
		k += (size_t)sprintf(page + k, "b\n");
	}
	k += (size_t)sprintf(page + k, "</pre></article></body></html>");
	wn_rules *rules = wn_rules_new();
	ck_assert_ptr_nonnull(rules);
	static const char rule[] = "x line regex ^(a+)+$\n";
	char err[200];
	ck_assert_int_eq(wn_rules_add_text(rules, rule, strlen(rule), "test", err, sizeof err),
	                 WN_OK);
	struct wn_options o;
	wn_options_init(&o);
	o.rules = rules;
	o.time_limit = 0; /* only the budget may stop it */
	wn_doc *d = wn_doc_new(&o);
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(wn_doc_load(d, page, k), WN_OK);
	char *text = NULL;
	size_t tlen = 0;
	ck_assert_int_eq(wn_doc_text(d, &text, &tlen), WN_OK);
	ck_assert_ptr_nonnull(strstr(text, "aaaaaaaaaaaaaaaaaaaab"));
	free(text);
	wn_doc_free(d);
	o.work_budget = 20;
	char msg[256];
	ck_assert_int_eq(load(&o, page, k, msg, sizeof msg), WN_ERR_BUDGET);
	wn_rules_free(rules);
	free(page);
}
END_TEST

/* A page over max_memory is that page's error (WN_ERR_TOO_LARGE), in
 * both paths and in every stage, never "out of memory" (which stops a
 * batch); the same document then cleans a small page. */
START_TEST(test_memory_cap_is_a_page_error)
{
	int html = _i;
	size_t len;
	char *page = make_page(20000, html, &len); /* about 2.5 MB */
	struct wn_options o;
	wn_options_init(&o);
	o.input = html ? WN_INPUT_HTML : WN_INPUT_TEXT;
	o.max_memory = (size_t)4 << 20;
	wn_doc *d = wn_doc_new(&o);
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(wn_doc_load(d, page, len), WN_ERR_TOO_LARGE);
	ck_assert_ptr_nonnull(strstr(wn_doc_errmsg(d), "max_memory"));
	size_t small_len;
	char *small = make_page(5, html, &small_len);
	ck_assert_int_eq(wn_doc_load(d, small, small_len), WN_OK);
	wn_doc_free(d);
	free(small);
	free(page);
}
END_TEST

START_TEST(test_status_names)
{
	ck_assert_str_eq(wn_status_str(WN_ERR_BUDGET), "the page needs more work than its budget");
	struct wn_options o;
	wn_options_init(&o);
	ck_assert_uint_eq(o.work_budget, WN_DEFAULT_WORK_BUDGET);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("budget");
	TCase *tc = tcase_create("limits");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_budget_fails_the_page);
	tcase_add_test(tc, test_budget_text);
	tcase_add_test(tc, test_budget_backtracking_regex);
	tcase_add_loop_test(tc, test_memory_cap_is_a_page_error, 0, 2);
	tcase_add_test(tc, test_status_names);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
