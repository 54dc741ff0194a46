/*
 * test_prescan.c - the prescan's stripping keeps Gumbo's tree: node by
 * node, the tree of a page and the tree of the stripped page agree, less
 * the content of script, style, xmp, iframe, noembed, noframes, comments
 * and svg drawings.  Over the tokenizer's hard cases, every fixture, the
 * fuzz seeds, and the fuzzer's corpus when WN_FUZZ_CORPUS names it.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "prescan.h"
#include "treecmp.h"

static const char *const cases[] = {
	"<p>a</p><script>if (a<b) x = \"</scr\" + \"ipt>\";</script><p>after</p>",
	"<script><!-- <script> </script> still script --></script><p>after</p>",
	"<script><!--</script><p>after</p>",
	"<script><!-- a --> b </script><p>after</p>",
	"<script><!--> x </script><p>after</p>",
	"<script>var s = \"</script>\";</script><p>after</p>",
	"<SCRIPT type=x>a</SCRIPT ><p>after</p><script>b</script/><p>c</p>",
	"<script>unterminated <p>not a tag",
	"<script>=</script",
	"<style>a</style",
	"<style>p { color: red } </style  ><p>after</p>",
	"<style>unterminated",
	"<div title=\"a>b\" data-x='c>d'><script>x</script>text</div>",
	"<!-- a comment --><p>x</p><!-- a --!> b --><!--> c <!---> d",
	"<!-- unterminated comment <p>x</p>",
	"<svg><path d=\"M0 0\"/><g><circle r=\"1\"/></g><![CDATA[x]]></svg><p>after</p>",
	"<svg><p>breakout</p></svg><p>after</p>",
	"<svg><g><b>breakout</b></g></svg>",
	"<svg><foreignObject><p>html</p></foreignObject></svg>",
	"<svg><title>t</title><desc>d</desc></svg>",
	"<svg><svg><g/></svg></svg><p>after</p>",
	"<svg>unterminated <g>",
	/* found by fuzz_prescan: an end tag that closes nothing inside the
	 * svg sends Gumbo to HTML rules, which may leave the svg */
	"<x><svg><select><y></title>e<z></svg></x><p>after</p>",
	"<svg><g></q></g></svg><p>after</p>",
	"<svg>></svg/>t",
	"<svg>e</svg/e>l<svg>e</svg x>l<svg>e</svg >l",
	"<svg>a</svg >>",
	"<svg></</svg><",
	"<svg></></svg>>",
	"</><svg>></svg>>",
	"<svg><!--></svg>--></svg>x<svg><!---></svg>--></svg>y",
	"<svg><!x></svg></svg><p>y</p><svg><?x></svg>z</svg>",
	"<svg><g>a</g >b</svg>c",
	"<math><mtext><script>a<b</script></mtext></math><p>after</p>",
	"<textarea><script>x</script></textarea><title>a <b>b</b></title>",
	"<noembed><p>x</p></noembed><iframe><p>y</p></iframe><xmp><b>z</b></xmp>",
	"<noframes><p>x</p></noframes><p>after</p>",
	"<table><script>x</script><tr><td>a<style>b</style></td></tr></table>",
	"<template><script>x</script><p>t</p></template>",
	"<p>a<script>x</script>b</p>",
	"<head><script>a</script><style>b</style></head><body><p>x</p></body>",
	"<p>x</p></body></html><script>late</script><!-- late -->",
	"<select><script>x</script><option>a</select>",
	"<frameset><script>x</script></frameset>",
};

START_TEST(test_hard_cases)
{
	char why[512];
	int rc = wn_treecmp(cases[_i], strlen(cases[_i]), why, sizeof why);
	ck_assert_msg(rc >= 0, "case %d (%s): %s", _i, cases[_i], why);
}
END_TEST

START_TEST(test_strips_something)
{
	/* The cases above must not pass by stripping nothing. */
	const char *page = "<script>var x = 1;</script><style>p{}</style><!-- c -->"
	                   "<svg><path d=\"M0\"/></svg><p>text</p>";
	struct wn_buf b = WN_BUF_INIT;
	struct wn_prescan_stats st;
	ck_assert_int_eq(wn_prescan(page, strlen(page), 0, 0, WN_PRESCAN_STRIP, &b, &st, NULL), WN_OK);
	ck_assert_int_eq(st.rewritten, 1);
	ck_assert_str_eq(b.data, "<script></script><style></style><!---->"
	                         "<svg></svg><p>text</p>");
	wn_buf_free(&b);
}
END_TEST

/* The content left out of noscripts and scripts that may hold HTML is
 * noted: where the start tag is in the rewritten page (after attributes
 * cut before it) and where the content is in the input. */
START_TEST(test_embeds_noted)
{
	const char *page = "<p a=1 b=2 c=3>x</p><noscript><p>copy</p></noscript>"
	                   "<script>var js;</script><script type=\"text/template\"><p>t</p>"
	                   "</script><script type=\"application/ld+json\">{}</script>"
	                   "<script type=\"text/html\"><b>h</b></script>";
	struct wn_buf b = WN_BUF_INIT, e = WN_BUF_INIT;
	struct wn_prescan_stats st;
	ck_assert_int_eq(wn_prescan(page, strlen(page), 0, 2, WN_PRESCAN_STRIP | WN_PRESCAN_SAFE,
	                            &b, &st, &e), WN_OK);
	ck_assert_int_eq(st.rewritten, 1);
	ck_assert_uint_eq(e.size, 3 * sizeof(struct wn_embed));
	const struct wn_embed *em = (const struct wn_embed *)(void *)e.data;
	const char *tags[] = {"<noscript>", "<script type=\"text/template\">",
	                      "<script type=\"text/html\">"};
	const char *content[] = {"<p>copy</p>", "<p>t</p>", "<b>h</b>"};
	for (int i = 0; i < 3; i++) {
		ck_assert_uint_lt(em[i].at, b.size);
		ck_assert_msg(strncmp(b.data + em[i].at, tags[i], strlen(tags[i])) == 0,
		              "embed %d at %zu: %.20s", i, em[i].at, b.data + em[i].at);
		ck_assert_uint_eq(em[i].to - em[i].from, strlen(content[i]));
		ck_assert(strncmp(page + em[i].from, content[i], strlen(content[i])) == 0);
	}
	/* Without a place for them, nothing is noted and nothing changes. */
	struct wn_buf b2 = WN_BUF_INIT;
	ck_assert_int_eq(wn_prescan(page, strlen(page), 0, 2, WN_PRESCAN_STRIP | WN_PRESCAN_SAFE,
	                            &b2, &st, NULL), WN_OK);
	ck_assert_str_eq(b.data, b2.data);
	wn_buf_free(&b);
	wn_buf_free(&b2);
	wn_buf_free(&e);
}
END_TEST

/* Every file of dir (with the given ending, "" for all). */
static void check_dir(const char *dir, const char *ending, unsigned *checked)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name), k = strlen(ending);
		if (e->d_name[0] == '.' || n < k || strcmp(e->d_name + n - k, ending) != 0)
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		FILE *f = fopen(path, "rb");
		if (f == NULL)
			continue;
		struct wn_buf b = WN_BUF_INIT;
		char chunk[65536];
		size_t got;
		while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
			wn_buf_put(&b, chunk, got);
		fclose(f);
		char why[512] = "";
		int rc = wn_treecmp(b.data ? b.data : "", b.size, why, sizeof why);
		ck_assert_msg(rc >= 0, "%s: %s", path, why);
		(*checked)++;
		wn_buf_free(&b);
	}
	closedir(d);
}

START_TEST(test_files)
{
	unsigned checked = 0;
	check_dir("fixtures", ".html", &checked);
	check_dir("fixtures/encoding", ".html", &checked);
	check_dir("tests/fuzz/seeds", "", &checked);
	check_dir("tests/fuzz/corpus", "", &checked);
	const char *corpus = getenv("WN_FUZZ_CORPUS");
	if (corpus)
		check_dir(corpus, "", &checked);
	ck_assert_uint_ge(checked, 20);
	printf("tree comparison: %u files\n", checked);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("prescan");
	TCase *tc = tcase_create("trees");
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, test_hard_cases, 0, (int)(sizeof cases / sizeof cases[0]));
	tcase_add_test(tc, test_strips_something);
	tcase_add_test(tc, test_embeds_noted);
	tcase_add_test(tc, test_files);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
