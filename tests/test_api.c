/*
 * test_api.c - the contract of winnow.h, in the manner of cmark's
 * api_test: every public call, what it returns on failure, and who owns
 * what it hands back.  Linked against the shared library, so it also
 * checks that each call is exported; the sanitizer run of the suite runs
 * it under ASan and UBSan, which catch a leak or a double free of the
 * ownership rules.
 */
#include <check.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "winnow.h"

static const char page[] =
    "<html lang=en><head><title>Harbour trams - The Ellery Post</title>"
    "<meta property=og:title content='Harbour trams'></head><body>"
    "<nav><a href=/>Home</a> <a href=/news>News</a></nav>"
    "<article><h1>Harbour trams</h1>"
    "<p>Trams will run along the harbour front for the first time in more than "
    "sixty years after councillors voted on Thursday night to approve the plan.</p>"
    "<p>The scheme, which passed by 31 votes to 12 after a four-hour debate, will "
    "lay three miles of track between the <a href=/station>railway station</a> and "
    "the ferry terminal, with seven stops and a depot.</p></article>"
    "<footer>Copyright 2024 The Ellery Post. All rights reserved.</footer>"
    "</body></html>";

#define PAGE_LEN (sizeof page - 1)

/* A loaded doc of page with opts (NULL: the defaults). */
static wn_doc *loaded(const wn_options *opts)
{
	wn_doc *doc = wn_doc_new(opts);
	ck_assert_ptr_nonnull(doc);
	ck_assert_int_eq(wn_doc_load(doc, page, PAGE_LEN), WN_OK);
	return doc;
}

START_TEST(test_status_str)
{
	for (int s = WN_OK; s <= WN_ERR_BUDGET; s++) {
		const char *m = wn_status_str((wn_status)s);
		ck_assert_ptr_nonnull(m);
		ck_assert(*m != '\0');
		ck_assert_ptr_null(strstr(m, "--")); /* no command's flags */
	}
	ck_assert_str_eq(wn_status_str((wn_status)999), "unknown error");
}
END_TEST

START_TEST(test_clean)
{
	char *out = (char *)"untouched";
	size_t len = 12345;
	ck_assert_int_eq(wn_clean(page, PAGE_LEN, NULL, NULL, &len), WN_ERR_ARG);
	ck_assert_int_eq(wn_clean(NULL, 10, NULL, &out, &len), WN_ERR_ARG);
	ck_assert_str_eq(out, "untouched"); /* out-parameters only on success */
	ck_assert_uint_eq(len, 12345);
	ck_assert_int_eq(wn_clean(page, PAGE_LEN, NULL, &out, &len), WN_OK);
	ck_assert_uint_eq(strlen(out), len);
	ck_assert_ptr_nonnull(strstr(out, "Trams will run"));
	ck_assert_ptr_null(strstr(out, "Copyright"));
	free(out); /* the caller's */
	/* an empty page is an empty article, not a failure; len may be NULL */
	ck_assert_int_eq(wn_clean("", 0, NULL, &out, NULL), WN_OK);
	ck_assert_str_eq(out, "");
	free(out);
	/* binary data fails with its status */
	ck_assert_int_eq(wn_clean("\x00\x01\x02\x03\x00\x00\x00\x00", 8, NULL, &out, &len),
	                 WN_ERR_NOT_TEXT);
}
END_TEST

START_TEST(test_options_lifecycle)
{
	wn_options *o = wn_options_new();
	ck_assert_ptr_nonnull(o);
	double v = -5;
	ck_assert_int_eq(wn_options_get(o, "max_input", &v), WN_OK);
	ck_assert(v == 8 << 20);
	ck_assert_int_eq(wn_options_get(o, "work_budget", &v), WN_OK);
	ck_assert(v == WN_DEFAULT_WORK_BUDGET);
	ck_assert_int_eq(wn_options_get(o, "abort_guard", &v), WN_OK);
	ck_assert(v == 1);
	ck_assert_int_eq(wn_options_set(o, "short_words", 7), WN_OK);
	ck_assert_int_eq(wn_options_set_url(o, "https://example.com/a"), WN_OK);
	ck_assert_int_eq(wn_options_set_encoding(o, "windows-1252"), WN_OK);
	wn_options *c = wn_options_copy(o);
	ck_assert_ptr_nonnull(c);
	wn_options_free(o); /* the copy has its own strings */
	ck_assert_int_eq(wn_options_get(c, "short_words", &v), WN_OK);
	ck_assert(v == 7);
	char *d;
	size_t n;
	ck_assert_int_eq(wn_options_describe(c, &d, &n), WN_OK);
	ck_assert_uint_eq(strlen(d), n);
	ck_assert_ptr_nonnull(strstr(d, "url 1 https://example.com/a\n"));
	ck_assert_ptr_nonnull(strstr(d, "encoding 1 windows-1252\n"));
	ck_assert_ptr_nonnull(strstr(d, "short_words 7\n"));
	ck_assert_ptr_null(strstr(d, "max_input")); /* limits change no output */
	ck_assert_ptr_nonnull(strstr(d, "rules\n")); /* the built-in list */
	free(d);
	wn_options_free(c);
	wn_options_free(NULL);
	ck_assert_ptr_null(wn_options_copy(NULL));
}
END_TEST

START_TEST(test_options_failures)
{
	wn_options *o = wn_options_new();
	double v = 42;
	/* NULLs and unknown names */
	ck_assert_int_eq(wn_options_set(NULL, "short_words", 1), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_set(o, NULL, 1), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_set(o, "no_such_option", 1), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_get(o, "no_such_option", &v), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_get(o, "short_words", NULL), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_get(NULL, "short_words", &v), WN_ERR_ARG);
	ck_assert(v == 42);
	/* out of range: nothing changes */
	ck_assert_int_eq(wn_options_set(o, "short_words", -1), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_set(o, "short_words", 2.5), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_set(o, "short_words", 1e12), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_set(o, "max_link_ratio", NAN), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_set(o, "max_link_ratio", INFINITY), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_set(o, "abort_guard", 2), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_set(o, "max_input", 0.5), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_get(o, "short_words", &v), WN_OK);
	ck_assert(v == 10);
	/* time_limit takes -1, its default formula */
	ck_assert_int_eq(wn_options_set(o, "time_limit", -1), WN_OK);
	ck_assert_int_eq(wn_options_set(o, "time_limit", -2), WN_ERR_ARG);
	/* a size past size_t is no limit */
	ck_assert_int_eq(wn_options_set(o, "max_input", 1e30), WN_OK);
	/* the typed setters */
	ck_assert_int_eq(wn_options_set_input(o, (wn_input)7), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_set_input(NULL, WN_INPUT_TEXT), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_set_markdown(o, 1u << 9), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_set_markdown(NULL, WN_MD_ON), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_set_rules(NULL, NULL), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_set_encoding(NULL, "UTF-8"), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_set_url(NULL, "x"), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_favor(NULL, WN_FAVOR_RECALL), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_favor(o, (wn_favor)9), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_favor(o, WN_FAVOR_PRECISION), WN_OK);
	char *d = (char *)"untouched";
	ck_assert_int_eq(wn_options_describe(NULL, &d, NULL), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_describe(o, NULL, NULL), WN_ERR_ARG);
	ck_assert_str_eq(d, "untouched");
	ck_assert_int_eq(wn_options_set_languages(NULL, "en"), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_set_languages(o, "en,!!"), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_set_languages(o, ","), WN_ERR_ARG);
	ck_assert_int_eq(wn_options_set_languages(o, "en, de_AT"), WN_OK);
	/* NULL strings clear */
	ck_assert_int_eq(wn_options_set_languages(o, NULL), WN_OK);
	ck_assert_int_eq(wn_options_set_url(o, NULL), WN_OK);
	ck_assert_int_eq(wn_options_set_encoding(o, NULL), WN_OK);
	wn_options_free(o);
}
END_TEST

START_TEST(test_options_names)
{
	/* every listed name can be read and set back to its value */
	wn_options *o = wn_options_new();
	size_t i = 0;
	for (const char *name; (name = wn_options_name(i)) != NULL; i++) {
		double v;
		ck_assert_int_eq(wn_options_get(o, name, &v), WN_OK);
		ck_assert_msg(wn_options_set(o, name, v) == WN_OK, "%s", name);
	}
	ck_assert_uint_gt(i, 20);
	ck_assert_ptr_null(wn_options_name(i + 1000));
	wn_options_free(o);
}
END_TEST

START_TEST(test_options_copied_by_doc)
{
	/* A doc copies its options, strings included: they may go at once. */
	wn_options *o = wn_options_new();
	char url[] = "https://example.com/news/trams";
	ck_assert_int_eq(wn_options_set_url(o, url), WN_OK);
	memset(url, 'x', sizeof url - 1); /* the setter copied it */
	wn_doc *doc = wn_doc_new(o);
	wn_options_free(o);
	ck_assert_int_eq(wn_doc_load(doc, page, PAGE_LEN), WN_OK);
	ck_assert_str_eq(wn_doc_metadata(doc)->url, "https://example.com/news/trams");
	/* wn_doc_set_url overrides for the next loads; NULL gives back the
	 * options' own */
	wn_doc_set_url(doc, "https://example.org/other");
	ck_assert_int_eq(wn_doc_load(doc, page, PAGE_LEN), WN_OK);
	ck_assert_str_eq(wn_doc_metadata(doc)->url, "https://example.org/other");
	wn_doc_set_url(doc, NULL);
	ck_assert_int_eq(wn_doc_load(doc, page, PAGE_LEN), WN_OK);
	ck_assert_str_eq(wn_doc_metadata(doc)->url, "https://example.com/news/trams");
	wn_doc_free(doc);
}
END_TEST

START_TEST(test_languages)
{
	/* the list is copied; an article in none of its languages keeps no
	 * block and says which language it is in */
	wn_options *o = wn_options_new();
	char list[] = "de,fr";
	ck_assert_int_eq(wn_options_set_languages(o, list), WN_OK);
	memset(list, 'x', sizeof list - 1);
	wn_doc *doc = wn_doc_new(o);
	wn_options_free(o);
	ck_assert_ptr_null(wn_doc_language_skipped(doc)); /* before a load */
	ck_assert_int_eq(wn_doc_load(doc, page, PAGE_LEN), WN_OK);
	ck_assert_str_eq(wn_doc_metadata(doc)->language_detected, "en");
	ck_assert_str_eq(wn_doc_language_skipped(doc), "en");
	ck_assert_uint_eq(wn_doc_kept_count(doc), 0);
	wn_doc_free(doc);
	/* without a list, nothing is skipped */
	doc = loaded(NULL);
	ck_assert_ptr_null(wn_doc_language_skipped(doc));
	ck_assert_uint_gt(wn_doc_kept_count(doc), 0);
	wn_doc_free(doc);
	char tag[WN_LANGUAGE_TAG_MAX];
	ck_assert_int_eq(wn_lang_tag("pt_br", tag, sizeof tag), 1);
	ck_assert_str_eq(tag, "pt-BR");
}
END_TEST

START_TEST(test_doc_before_load)
{
	wn_doc *doc = wn_doc_new(NULL);
	ck_assert_ptr_nonnull(doc);
	ck_assert_str_eq(wn_doc_errmsg(doc), "");
	ck_assert_str_eq(wn_doc_charset(doc), "");
	ck_assert_str_eq(wn_doc_charset_source(doc), "");
	ck_assert_str_eq(wn_doc_title(doc), "");
	ck_assert_uint_eq(wn_doc_work(doc), 0);
	ck_assert_uint_eq(wn_doc_block_count(doc), 0);
	ck_assert_uint_eq(wn_doc_kept_count(doc), 0);
	ck_assert_ptr_null(wn_doc_block(doc, 0));
	const struct wn_metadata *m = wn_doc_metadata(doc);
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(m->title, "");
	ck_assert_uint_eq(m->ntags, 0);
	char *out;
	size_t len;
	ck_assert_int_eq(wn_doc_text(doc, &out, &len), WN_OK);
	ck_assert_uint_eq(len, 0);
	free(out);
	wn_doc_free(doc);
}
END_TEST

START_TEST(test_doc_null)
{
	char *out = (char *)"untouched";
	size_t len = 7;
	ck_assert_int_eq(wn_doc_load(NULL, page, PAGE_LEN), WN_ERR_ARG);
	ck_assert_str_eq(wn_doc_errmsg(NULL), "invalid argument");
	ck_assert_uint_eq(wn_doc_work(NULL), 0);
	ck_assert_str_eq(wn_doc_charset(NULL), "");
	ck_assert_str_eq(wn_doc_charset_source(NULL), "");
	ck_assert_str_eq(wn_doc_title(NULL), "");
	ck_assert_ptr_nonnull(wn_doc_metadata(NULL));
	ck_assert_uint_eq(wn_doc_block_count(NULL), 0);
	ck_assert_uint_eq(wn_doc_kept_count(NULL), 0);
	ck_assert_ptr_null(wn_doc_block(NULL, 0));
	ck_assert_int_eq(wn_doc_text(NULL, &out, &len), WN_ERR_ARG);
	ck_assert_int_eq(wn_doc_markdown(NULL, &out, &len), WN_ERR_ARG);
	ck_assert_int_eq(wn_doc_json(NULL, 0, &out, &len), WN_ERR_ARG);
	ck_assert_int_eq(wn_doc_explain(NULL, &out, &len), WN_ERR_ARG);
	ck_assert_int_eq(wn_doc_render(NULL, WN_FORMAT_TEXT, 0, &out, &len), WN_ERR_ARG);
	ck_assert_str_eq(out, "untouched");
	ck_assert_uint_eq(len, 7);
	wn_doc_set_url(NULL, "x");
	wn_doc_set_encoding(NULL, "x");
	wn_doc_set_http_charset(NULL, "x");
	wn_doc_set_fetch_date(NULL, "2020-01-01");
	ck_assert_ptr_null(wn_doc_language_skipped(NULL));
	char tag[WN_LANGUAGE_TAG_MAX];
	ck_assert_int_eq(wn_lang_tag(NULL, tag, sizeof tag), 0);
	ck_assert_int_eq(wn_lang_tag("en", NULL, sizeof tag), 0);
	wn_doc_free(NULL);
	wn_doc *doc = loaded(NULL);
	ck_assert_int_eq(wn_doc_text(doc, NULL, &len), WN_ERR_ARG);
	ck_assert_int_eq(wn_doc_render(doc, WN_FORMAT_TEXT, 0, NULL, &len), WN_ERR_ARG);
	ck_assert_int_eq(wn_doc_render(doc, (wn_format)99, 0, &out, &len), WN_ERR_ARG);
	ck_assert_int_eq(wn_doc_load(doc, NULL, 5), WN_ERR_ARG);
	wn_doc_free(doc);
}
END_TEST

START_TEST(test_doc_loaded)
{
	wn_doc *doc = loaded(NULL);
	ck_assert_str_eq(wn_doc_errmsg(doc), "");
	ck_assert_str_eq(wn_doc_charset(doc), "UTF-8");
	ck_assert(*wn_doc_charset_source(doc) != '\0');
	ck_assert_str_eq(wn_doc_title(doc), "Harbour trams");
	ck_assert_str_eq(wn_doc_metadata(doc)->title, "Harbour trams");
	ck_assert_str_eq(wn_doc_metadata(doc)->language, "en");
	ck_assert_uint_gt(wn_doc_work(doc), 0);
	size_t n = wn_doc_block_count(doc), kept = 0;
	ck_assert_uint_gt(n, 3);
	for (size_t i = 0; i < n; i++) {
		const struct wn_block *b = wn_doc_block(doc, i);
		ck_assert_ptr_nonnull(b);
		ck_assert_uint_eq(b->index, i);
		ck_assert_uint_eq(strlen(b->text), b->len);
		ck_assert_ptr_nonnull(b->path);
		ck_assert_ptr_nonnull(b->reason);
		kept += b->decision == WN_KEEP;
	}
	ck_assert_uint_eq(wn_doc_kept_count(doc), kept);
	ck_assert_uint_eq(kept, 2);
	ck_assert_ptr_null(wn_doc_block(doc, n));
	wn_doc_free(doc);
}
END_TEST

START_TEST(test_doc_load_failure)
{
	/* a failed load leaves no page behind, and says why without naming
	 * a command's flag */
	wn_options *o = wn_options_new();
	ck_assert_int_eq(wn_options_set(o, "max_input", 100), WN_OK);
	wn_doc *doc = wn_doc_new(o);
	wn_options_free(o);
	ck_assert_int_eq(wn_doc_load(doc, page, PAGE_LEN), WN_ERR_TOO_LARGE);
	ck_assert_ptr_nonnull(strstr(wn_doc_errmsg(doc), "max_input"));
	ck_assert_ptr_null(strstr(wn_doc_errmsg(doc), "--"));
	ck_assert_uint_eq(wn_doc_block_count(doc), 0);
	ck_assert_str_eq(wn_doc_title(doc), "");
	/* an encoding that does not exist */
	wn_doc_set_encoding(doc, "no-such-charset");
	ck_assert_int_eq(wn_doc_load(doc, "<p>x</p>", 8), WN_ERR_ENCODING);
	ck_assert(*wn_doc_errmsg(doc) != '\0');
	ck_assert_ptr_null(strstr(wn_doc_errmsg(doc), "--"));
	/* the next load goes on normally */
	wn_doc_set_encoding(doc, NULL);
	wn_doc_set_http_charset(doc, "iso-8859-1");
	ck_assert_int_eq(wn_doc_load(doc, "<p>x</p>", 8), WN_OK);
	ck_assert_str_eq(wn_doc_errmsg(doc), "");
	wn_doc_set_http_charset(doc, NULL);
	wn_doc_free(doc);
}
END_TEST

/* wn_doc_render gives the bytes of the call it stands for. */
static void same_as(const wn_doc *doc, wn_format f, unsigned flags, const char *want,
                    size_t wantlen)
{
	char *out;
	size_t len;
	ck_assert_int_eq(wn_doc_render(doc, f, flags, &out, &len), WN_OK);
	ck_assert_uint_eq(len, wantlen);
	ck_assert_uint_eq(strlen(out), len); /* NUL-terminated */
	ck_assert(memcmp(out, want, len) == 0);
	free(out);
}

START_TEST(test_render)
{
	wn_options *o = wn_options_new();
	ck_assert_int_eq(wn_options_set_markdown(o, WN_MD_ON | WN_MD_LINKS), WN_OK);
	wn_doc *doc = loaded(o);
	wn_options_free(o);
	char *s;
	size_t n;
	ck_assert_int_eq(wn_doc_text(doc, &s, &n), WN_OK);
	same_as(doc, WN_FORMAT_TEXT, 0, s, n);
	same_as(doc, WN_FORMAT_TEXT, WN_RENDER_MARKDOWN | WN_RENDER_BLOCKS, s, n);
	free(s);
	ck_assert_int_eq(wn_doc_markdown(doc, &s, &n), WN_OK);
	ck_assert_ptr_nonnull(strstr(s, "[railway station](/station)") ? s : strstr(s, "]("));
	same_as(doc, WN_FORMAT_MARKDOWN, 0, s, n);
	free(s);
	ck_assert_int_eq(wn_doc_json(doc, 0, &s, &n), WN_OK);
	same_as(doc, WN_FORMAT_JSON, 0, s, n);
	free(s);
	ck_assert_int_eq(wn_doc_json(doc, WN_JSON_LINE | WN_JSON_MARKDOWN | WN_JSON_BLOCKS, &s, &n),
	                 WN_OK);
	ck_assert_ptr_null(memchr(s, '\n', n - 1)); /* one line */
	ck_assert_ptr_nonnull(strstr(s, "\"blocks\":"));
	ck_assert_ptr_nonnull(strstr(s, "\"markdown\":"));
	same_as(doc, WN_FORMAT_JSONL, WN_RENDER_MARKDOWN | WN_RENDER_BLOCKS, s, n);
	free(s);
	ck_assert_int_eq(wn_doc_explain(doc, &s, &n), WN_OK);
	ck_assert_ptr_nonnull(strstr(s, "# region: "));
	same_as(doc, WN_FORMAT_EXPLAIN, WN_RENDER_TITLE, s, n);
	free(s);
	/* the title line, and the Markdown heading */
	ck_assert_int_eq(wn_doc_render(doc, WN_FORMAT_TEXT, WN_RENDER_TITLE, &s, &n), WN_OK);
	ck_assert(strncmp(s, "Harbour trams\n\nTrams will run", 29) == 0);
	free(s);
	ck_assert_int_eq(wn_doc_render(doc, WN_FORMAT_MARKDOWN, WN_RENDER_TITLE, &s, &n), WN_OK);
	ck_assert(strncmp(s, "# Harbour trams\n\n", 17) == 0);
	free(s);
	wn_doc_free(doc);
	/* no article: no title line either */
	doc = wn_doc_new(NULL);
	ck_assert_int_eq(wn_doc_load(doc, "<title>T</title><nav><a href=/>x</a></nav>", 42), WN_OK);
	ck_assert_int_eq(wn_doc_render(doc, WN_FORMAT_TEXT, WN_RENDER_TITLE, &s, &n), WN_OK);
	ck_assert_uint_eq(n, 0);
	free(s);
	wn_doc_free(doc);
}
END_TEST

START_TEST(test_format_parse)
{
	static const struct {
		const char *name;
		wn_format f;
	} ok[] = {{"text", WN_FORMAT_TEXT}, {"txt", WN_FORMAT_TEXT},
	          {"markdown", WN_FORMAT_MARKDOWN}, {"md", WN_FORMAT_MARKDOWN},
	          {"json", WN_FORMAT_JSON}, {"jsonl", WN_FORMAT_JSONL},
	          {"explain", WN_FORMAT_EXPLAIN}};
	wn_format f;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		ck_assert_int_eq(wn_format_parse(ok[i].name, &f), WN_OK);
		ck_assert_int_eq(f, ok[i].f);
	}
	f = WN_FORMAT_JSON;
	ck_assert_int_eq(wn_format_parse("html", &f), WN_ERR_ARG);
	ck_assert_int_eq(wn_format_parse(NULL, &f), WN_ERR_ARG);
	ck_assert_int_eq(wn_format_parse("text", NULL), WN_ERR_ARG);
	ck_assert_int_eq(f, WN_FORMAT_JSON);
}
END_TEST

START_TEST(test_rules)
{
	char err[256] = "";
	wn_rules *r = wn_rules_new();
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(wn_rules_count(r), 0);
	ck_assert_int_eq(wn_rules_add_default(r), WN_OK);
	size_t builtin = wn_rules_count(r);
	ck_assert_uint_gt(builtin, 100);
	static const char mine[] = "newsletter block whole phrase subscribe now\n"
	                           "+ Subscribe now\n"
	                           "- The councillors said they would subscribe now to the harbour plan.\n";
	ck_assert_int_eq(wn_rules_add_text(r, mine, sizeof mine - 1, "mine", err, sizeof err),
	                 WN_OK);
	ck_assert_uint_eq(wn_rules_count(r), builtin + 1);
	/* a malformed line adds nothing and says where */
	ck_assert_int_eq(wn_rules_add_text(r, "nonsense\n", 9, "bad", err, sizeof err),
	                 WN_ERR_ARG);
	ck_assert(strncmp(err, "bad:1:", 6) == 0);
	ck_assert_uint_eq(wn_rules_count(r), builtin + 1);
	ck_assert_int_eq(wn_rules_add_file(r, "/nonexistent/x.rules", err, sizeof err),
	                 WN_ERR_ARG);
	ck_assert(strncmp(err, "/nonexistent/x.rules: ", 22) == 0);
	char *list;
	size_t len;
	ck_assert_int_eq(wn_rules_list(r, &list, &len), WN_OK);
	ck_assert_uint_eq(strlen(list), len);
	ck_assert_ptr_nonnull(strstr(list, "subscribe now"));
	free(list);
	char *report;
	size_t checked, failed;
	ck_assert_int_eq(wn_rules_check(r, &report, &len, &checked, &failed), WN_OK);
	ck_assert_uint_gt(checked, 2 * builtin - 1);
	ck_assert_msg(failed == 0, "%s", report);
	ck_assert_str_eq(report, "");
	free(report);
	/* a rule set in the options: the doc uses it, and does not own it */
	wn_options *o = wn_options_new();
	ck_assert_int_eq(wn_options_set_rules(o, r), WN_OK);
	wn_doc *doc = loaded(o);
	wn_options_free(o);
	wn_doc_free(doc);
	wn_rules_free(r);
	wn_rules_free(NULL);
	/* an empty set: no rules at all */
	r = wn_rules_new();
	o = wn_options_new();
	wn_options_set_rules(o, r);
	doc = loaded(o);
	for (size_t i = 0; i < wn_doc_block_count(doc); i++)
		ck_assert_ptr_null(wn_doc_block(doc, i)->rule);
	wn_doc_free(doc);
	wn_options_free(o);
	wn_rules_free(r);
}
END_TEST

/* Const calls on one doc from several threads at once (winnow.h,
 * Threads): the first to ask builds the block paths. */
static void *render_all(void *arg)
{
	const wn_doc *doc = arg;
	char *s;
	size_t n;
	for (int f = WN_FORMAT_TEXT; f <= WN_FORMAT_EXPLAIN; f++) {
		if (wn_doc_render(doc, (wn_format)f, WN_RENDER_BLOCKS, &s, &n) != WN_OK)
			return arg;
		free(s);
	}
	for (size_t i = 0; i < wn_doc_block_count(doc); i++)
		if (wn_doc_block(doc, i)->path == NULL)
			return arg;
	return NULL;
}

START_TEST(test_const_calls_concurrently)
{
	wn_doc *doc = loaded(NULL);
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, render_all, doc), 0);
	for (int i = 0; i < 4; i++) {
		void *res;
		pthread_join(t[i], &res);
		ck_assert_ptr_null(res);
	}
	wn_doc_free(doc);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("api");
	TCase *tc = tcase_create("api");
	tcase_add_test(tc, test_status_str);
	tcase_add_test(tc, test_clean);
	tcase_add_test(tc, test_options_lifecycle);
	tcase_add_test(tc, test_options_failures);
	tcase_add_test(tc, test_options_names);
	tcase_add_test(tc, test_options_copied_by_doc);
	tcase_add_test(tc, test_languages);
	tcase_add_test(tc, test_doc_before_load);
	tcase_add_test(tc, test_doc_null);
	tcase_add_test(tc, test_doc_loaded);
	tcase_add_test(tc, test_doc_load_failure);
	tcase_add_test(tc, test_render);
	tcase_add_test(tc, test_format_parse);
	tcase_add_test(tc, test_rules);
	tcase_add_test(tc, test_const_calls_concurrently);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
