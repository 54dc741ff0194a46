/*
 * test_memory.c - memory per element of dense markup (issue #14): the
 * most the document's pool holds while a page of one short element
 * repeated is read, per element.  Deterministic (the pool's own count,
 * not the process's RSS, and no timing), so a unit test; the 8 MiB pages
 * and their peak RSS are bench/dense_memory.sh.
 *
 * The figure is the slope between two sizes, so that what a page costs
 * whatever its size (the slabs partly used, the first steps of the
 * arrays) cancels out.  Measured so before #14, the slopes were 639 bytes
 * an element for <p>w, <td>w and <li>w, 446 for <i>w</i>, 783 for
 * <div class=a>w</div>, 590 for <a href=x>w</a> and 233 a line of text;
 * after it 234, 258 (<td>w), 234, 234, 354, 354 and 165.  An 8 MiB page
 * of <p>w (2,097,152 elements) must stay under the default max_memory of
 * 512 MiB, so under 256 bytes an element with the scoring's arrays.  The
 * bounds leave about 7% for changes of layout, none for a step back.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "winnow.h"

struct markup {
	const char *name;
	const char *head, *item, *tail;
	int text;         /* read as text (--input text) */
	int inline_items; /* the items make one block, not one each */
	double max_bytes; /* bound on the pool's peak per element */
};

static const struct markup markups[] = {
	{"p", "", "<p>w", "", 0, 0, 250},
	{"i", "", "<i>w</i>", "", 0, 1, 250},
	{"div", "", "<div class=a>w</div>", "", 0, 0, 380},
	{"td", "<table>", "<td>w", "</table>", 0, 0, 276},
	{"li", "<ul>", "<li>w", "</ul>", 0, 0, 250},
	{"a", "", "<a href=x>w</a>", "", 0, 1, 380},
	{"text", "", "w\n", "", 1, 0, 176},
};

/* The pool's peak reading n items of m. */
static size_t peak(const struct markup *m, size_t n)
{
	size_t hl = strlen(m->head), il = strlen(m->item), tl = strlen(m->tail);
	size_t len = hl + n * il + tl;
	char *page = malloc(len);
	ck_assert_ptr_nonnull(page);
	memcpy(page, m->head, hl);
	for (size_t i = 0; i < n; i++)
		memcpy(page + hl + i * il, m->item, il);
	memcpy(page + hl + n * il, m->tail, tl);
	struct wn_options o;
	wn_options_init(&o);
	o.work_budget = 0;
	o.time_limit = 0;
	o.input = m->text ? WN_INPUT_TEXT : WN_INPUT_HTML;
	wn_doc *d = wn_doc_new(&o);
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(wn_doc_load(d, page, len), WN_OK);
	const struct wn_page *pg = wn_doc_page(d);
	ck_assert_ptr_nonnull(pg);
	ck_assert_uint_eq(pg->nblocks, m->inline_items ? 1 : n);
	ck_assert_uint_eq(pg->nelems >= n, !m->text);
	size_t p = wn_pool_peak(pg->pool);
	wn_doc_free(d);
	free(page);
	return p;
}

START_TEST(test_dense_markup)
{
	const struct markup *m = &markups[_i];
	enum { N1 = 20000, N2 = 60000 };
	size_t p1 = peak(m, N1), p2 = peak(m, N2);
	double slope = p2 > p1 ? (double)(p2 - p1) / (N2 - N1) : 0;
	if (getenv("WN_MEMORY_SHOW"))
		printf("%s: %.1f bytes an element\n", m->name, slope);
	ck_assert_msg(slope <= m->max_bytes, "%s: %.1f bytes an element, more than %.0f",
	              m->name, slope, m->max_bytes);
	/* It grows with the page: the measure measures something. */
	ck_assert_msg(slope >= m->max_bytes / 3, "%s: only %.1f bytes an element", m->name,
	              slope);
}
END_TEST

static Suite *memory_suite(void)
{
	Suite *s = suite_create("memory");
	TCase *tc = tcase_create("dense");
	/* valgrind (tests/valgrind.sh sets WN_TEST_SLOWDOWN) runs code tens
	 * of times slower */
	const char *slow = getenv("WN_TEST_SLOWDOWN");
	tcase_set_timeout(tc, 60 * (slow && atof(slow) > 1 ? atof(slow) : 1));
	tcase_add_loop_test(tc, test_dense_markup, 0, (int)(sizeof markups / sizeof markups[0]));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(memory_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
