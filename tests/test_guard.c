/*
 * test_guard.c - Gumbo's assertions never end the process.
 *
 * The prescan removes the triggers known today, so these tests hand the
 * raw pages straight to the parser (wn_dom_parse_unbounded), where Debian's
 * Gumbo 0.10.1 really aborts, and check that the page fails cleanly and
 * that the library goes on working afterwards.
 */
#include <check.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "pool.h"
#include "winnow.h"

static const char *const aborting_pages[] = {
	/* parser.c:714 node_qualified_tag_is: Assertion 'node' failed */
	"<table><svg><select><title><select></select></title></select></svg></table>",
	/* handle_in_table: CDATA in svg foster-parented out of a table */
	"<table><svg><title><![CDATA[x]]>y",
	/* parser.c:714 again, through "in select in table" (found by fuzzing) */
	"><select><title><select><table><svg><select><title><select><table>",
};

static wn_status read_raw(const char *html, char *err, size_t errlen)
{
	struct wn_options o;
	wn_options_init(&o);
	struct wn_page pg;
	memset(&pg, 0, sizeof pg);
	pg.pool = wn_pool_new(0);
	ck_assert_ptr_nonnull(pg.pool);
	pg.title = pg.og_title = pg.h1 = pg.lang = "";
	wn_status rc = wn_dom_parse_unbounded(&pg, html, strlen(html), &o, err, errlen);
	wn_pool_free(pg.pool);
	return rc;
}

START_TEST(test_assertion_fails_the_page)
{
	char err[200] = "";
	wn_status rc = read_raw(aborting_pages[_i], err, sizeof err);
	ck_assert_int_eq(rc, WN_ERR_PARSE);
	ck_assert_ptr_nonnull(strstr(err, "parser"));
	/* The next page is read normally. */
	rc = read_raw("<p>after the failure</p>", err, sizeof err);
	ck_assert_int_eq(rc, WN_OK);
}
END_TEST

START_TEST(test_whole_pipeline_survives)
{
	/* Through the public API the prescan avoids the abort altogether. */
	char *text = NULL;
	size_t len;
	wn_status rc = wn_clean(aborting_pages[_i], strlen(aborting_pages[_i]), NULL,
	                        &text, &len);
	ck_assert_int_eq(rc, WN_OK);
	free(text);
}
END_TEST

START_TEST(test_abort_outside_parse_still_aborts)
{
	/* The guard only catches aborts inside a parse: elsewhere SIGABRT
	 * keeps its default action.  Run in a forked child by Check. */
	char err[200];
	read_raw("<p>installs the guard</p>", err, sizeof err);
	abort();
}
END_TEST

/* The handler now in place for SIGABRT. */
static void (*abrt_handler(void))(int)
{
	struct sigaction now;
	ck_assert_int_eq(sigaction(SIGABRT, NULL, &now), 0);
	return now.sa_handler;
}

static int caught;
static void own_handler(int sig)
{
	(void)sig;
	caught = 1;
}

START_TEST(test_guard_scoped_to_the_parse)
{
	/* After a parse that aborted, and one that did not, the program's
	 * disposition (the default) is back. */
	char err[200];
	ck_assert(abrt_handler() == SIG_DFL);
	ck_assert_int_eq(read_raw(aborting_pages[0], err, sizeof err), WN_ERR_PARSE);
	ck_assert(abrt_handler() == SIG_DFL);
	ck_assert_int_eq(read_raw("<p>fine</p>", err, sizeof err), WN_OK);
	ck_assert(abrt_handler() == SIG_DFL);
}
END_TEST

START_TEST(test_guard_leaves_a_handler_alone)
{
	/* A program's own handler is neither replaced nor removed: an
	 * assertion in the parser then reaches it (here it returns, and
	 * abort() ends the process: so only a page that parses is read). */
	char err[200];
	signal(SIGABRT, own_handler);
	ck_assert_int_eq(read_raw("<p>fine</p>", err, sizeof err), WN_OK);
	ck_assert(abrt_handler() == own_handler);
	raise(SIGABRT);
	ck_assert_int_eq(caught, 1);
	signal(SIGABRT, SIG_DFL);
}
END_TEST

START_TEST(test_guard_off)
{
	/* abort_guard 0: the signal is never touched, so the parser's abort
	 * ends the process (a forked child, as Check runs each test). */
	struct wn_options o;
	wn_options_init(&o);
	o.abort_guard = 0;
	struct wn_page pg;
	memset(&pg, 0, sizeof pg);
	pg.pool = wn_pool_new(0);
	pg.title = pg.og_title = pg.h1 = pg.lang = "";
	char err[200];
	wn_dom_parse_unbounded(&pg, aborting_pages[0], strlen(aborting_pages[0]), &o, err,
	                       sizeof err);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("guard");
	TCase *tc = tcase_create("gumbo_abort");
	tcase_add_loop_test(tc, test_assertion_fails_the_page, 0,
	                    (int)(sizeof aborting_pages / sizeof aborting_pages[0]));
	tcase_add_loop_test(tc, test_whole_pipeline_survives, 0,
	                    (int)(sizeof aborting_pages / sizeof aborting_pages[0]));
	tcase_add_test_raise_signal(tc, test_abort_outside_parse_still_aborts, SIGABRT);
	tcase_add_test(tc, test_guard_scoped_to_the_parse);
	tcase_add_test(tc, test_guard_leaves_a_handler_alone);
	tcase_add_test_raise_signal(tc, test_guard_off, SIGABRT);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
