/*
 * test_write.c - the output side of the public interface: wn_doc_text,
 * wn_doc_explain, wn_clean, wn_status_str, and the error paths of wn_doc.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "options.h"
#include "winnow.h"

/* ---- pages ------------------------------------------------------------- */

#define PA "After ten years of planning and three years of construction, the new " \
           "river crossing opened to traffic on Monday morning, linking the two "   \
           "halves of the old town for the first time since the great flood."
#define PB "Engineers say the bridge was designed to withstand a flood twice as "  \
           "large as the one that destroyed its predecessor, and its foundations "  \
           "reach far deeper into the bedrock than any earlier structure there."
#define PC "Residents of the eastern bank complained for months about noise and "   \
           "dust from the works, and several shop owners said they lost most of "   \
           "their customers while the main road was closed for repairs."

static const char ARTICLE[] =
    "<html><head><title>Bridge opens</title></head><body>"
    "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/w\">World</a></li>"
    "<li><a href=\"/s\">Sport</a></li></ul></nav>"
    "<article><p>" PA "</p><p>" PB "</p><p>" PC "</p></article>"
    "<footer><p>Copyright 2024 Example News.</p></footer></body></html>";

static const char OTHER[] =
    "<html><head><title>Second page</title></head><body><article>"
    "<p>The second page has a different article about the harbour, the ships "
    "that come in every morning and the fishermen who still work there.</p>"
    "<p>Its second paragraph goes on about the fish market, which opens at "
    "five in the morning and closes before most of the town is awake.</p>"
    "</article></body></html>";

static const char NAV_ONLY[] =
    "<html><body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/w\">"
    "World</a></li><li><a href=\"/s\">Sport</a></li></ul></nav></body></html>";

/* ---- helpers ----------------------------------------------------------- */

static wn_doc *load(const char *html)
{
	wn_doc *d = wn_doc_new(NULL);
	ck_assert_ptr_nonnull(d);
	wn_status rc = wn_doc_load(d, html, strlen(html));
	ck_assert_msg(rc == WN_OK, "load failed: %s", wn_doc_errmsg(d));
	return d;
}

static char *text_of(const wn_doc *d, size_t *len)
{
	char *out = NULL;
	size_t n = (size_t)-1;
	ck_assert_int_eq(wn_doc_text(d, &out, &n), WN_OK);
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(n, strlen(out));
	if (len)
		*len = n;
	return out;
}

static char *explain_of(const wn_doc *d, size_t *len)
{
	char *out = NULL;
	size_t n = (size_t)-1;
	ck_assert_int_eq(wn_doc_explain(d, &out, &n), WN_OK);
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(n, strlen(out));
	if (len)
		*len = n;
	return out;
}

static int valid_utf8(const char *s)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	size_t len = strlen(s), i = 0;
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0)
			return 0;
		i += (size_t)n;
	}
	return 1;
}

/* The text output built from the kept blocks, as documented. */
static char *expected_text(const wn_doc *d)
{
	size_t cap = 1;
	for (size_t i = 0; i < wn_doc_block_count(d); i++)
		cap += wn_doc_block(d, i)->len + 2;
	char *s = calloc(1, cap);
	ck_assert_ptr_nonnull(s);
	int first = 1;
	for (size_t i = 0; i < wn_doc_block_count(d); i++) {
		const struct wn_block *b = wn_doc_block(d, i);
		if (b->decision != WN_KEEP)
			continue;
		if (!first)
			strcat(s, "\n");
		first = 0;
		strcat(s, b->text);
		strcat(s, "\n");
	}
	return s;
}

/* ---- wn_doc_text ------------------------------------------------------- */

START_TEST(test_text_exact)
{
	wn_doc *d = load(ARTICLE);
	char *t = text_of(d, NULL);
	ck_assert_str_eq(t, PA "\n\n" PB "\n\n" PC "\n");
	free(t);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_text_is_kept_blocks)
{
	/* Whatever the scorer keeps, the text is exactly those blocks. */
	static const char *const pages[] = {ARTICLE, OTHER, NAV_ONLY,
	    "<h1>T</h1><p>" PA "</p><h2>Sub</h2><ul><li>" PB "</li></ul>"
	    "<blockquote>" PC "</blockquote><pre>a\n  b</pre>"};
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		wn_doc *d = load(pages[i]);
		char *t = text_of(d, NULL);
		char *want = expected_text(d);
		ck_assert_str_eq(t, want);
		free(want);
		free(t);
		wn_doc_free(d);
	}
}
END_TEST

START_TEST(test_text_separators)
{
	wn_doc *d = load(ARTICLE);
	size_t len;
	char *t = text_of(d, &len);
	ck_assert_uint_gt(len, 0);
	/* No leading blank line, one newline at the end, never two blank
	 * lines in a row. */
	ck_assert_int_ne(t[0], '\n');
	ck_assert_int_eq(t[len - 1], '\n');
	ck_assert_int_ne(t[len - 2], '\n');
	ck_assert_ptr_null(strstr(t, "\n\n\n"));
	/* Exactly two blank-line separators for three blocks. */
	size_t seps = 0;
	for (const char *p = t; (p = strstr(p, "\n\n")) != NULL; p += 2)
		seps++;
	ck_assert_uint_eq(seps, 2);
	free(t);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_text_br_inside_block)
{
	/* A line break inside a kept paragraph is one newline, never a blank
	 * line that would look like a block boundary. */
	wn_doc *d = load("<article><p>" PA "<br>" PB "</p><p>" PC "</p></article>");
	char *t = text_of(d, NULL);
	ck_assert_str_eq(t, PA "\n" PB "\n\n" PC "\n");
	free(t);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_text_empty)
{
	/* Nothing kept: "" and length 0, not NULL. */
	wn_doc *d = load(NAV_ONLY);
	size_t len = 5;
	char *t = text_of(d, &len);
	ck_assert_uint_eq(len, 0);
	ck_assert_str_eq(t, "");
	free(t);
	wn_doc_free(d);

	d = load("");
	t = text_of(d, &len);
	ck_assert_uint_eq(len, 0);
	free(t);
	wn_doc_free(d);

	/* A doc that never loaded anything. */
	d = wn_doc_new(NULL);
	t = text_of(d, &len);
	ck_assert_uint_eq(len, 0);
	ck_assert_str_eq(t, "");
	free(t);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_text_twice)
{
	/* Rendering does not consume the doc. */
	wn_doc *d = load(ARTICLE);
	char *a = text_of(d, NULL);
	char *b = text_of(d, NULL);
	ck_assert_str_eq(a, b);
	ck_assert_ptr_ne(a, b);
	free(a);
	free(b);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_text_utf8_nfc)
{
	wn_doc *d = load("<meta charset=\"utf-8\"><article><p>Cafe\xCC\x81 "
	                 "culture in the old town has changed a great deal over the "
	                 "last ten years, say the owners of the caf\xC3\xA9s.</p>"
	                 "<p>" PA "</p></article>");
	char *t = text_of(d, NULL);
	ck_assert(valid_utf8(t));
	ck_assert_ptr_nonnull(strstr(t, "Caf\xC3\xA9 culture"));
	ck_assert_ptr_null(strstr(t, "\xCC\x81"));
	free(t);
	wn_doc_free(d);
}
END_TEST

/* ---- wn_doc_explain ---------------------------------------------------- */

/* Splits a line (without its newline) at tabs; returns the field count. */
static size_t split_tabs(char *line, char **fields, size_t max)
{
	size_t n = 0;
	char *p = line;
	for (;;) {
		if (n < max)
			fields[n] = p;
		n++;
		char *t = strchr(p, '\t');
		if (t == NULL)
			break;
		*t = '\0';
		p = t + 1;
	}
	return n;
}

static void kind_name(const struct wn_block *b, char *out, size_t n)
{
	switch (b->kind) {
	case WN_BLOCK_TEXT:
		snprintf(out, n, "text");
		break;
	case WN_BLOCK_PARAGRAPH:
		snprintf(out, n, "p");
		break;
	case WN_BLOCK_HEADING:
		snprintf(out, n, "heading%u", b->level);
		break;
	case WN_BLOCK_LIST_ITEM:
		snprintf(out, n, "li%u", b->level);
		break;
	case WN_BLOCK_QUOTE:
		snprintf(out, n, "quote");
		break;
	case WN_BLOCK_PRE:
		snprintf(out, n, "pre");
		break;
	case WN_BLOCK_CELL:
		snprintf(out, n, "cell");
		break;
	case WN_BLOCK_CAPTION:
		snprintf(out, n, "caption");
		break;
	case WN_BLOCK_TERM:
		snprintf(out, n, "term");
		break;
	}
}

/* Every line of the explain output against the blocks it describes. */
static void check_explain(const wn_doc *d)
{
	char *x = explain_of(d, NULL);
	size_t nblocks = wn_doc_block_count(d);
	char *line = x;
	size_t i = 0;
	while (*line) {
		char *nl = strchr(line, '\n');
		ck_assert_msg(nl != NULL, "last line has no newline");
		*nl = '\0';
		if (i == nblocks) {
			/* After the blocks, one line says how the region was found. */
			ck_assert_msg(strncmp(line, "# region: ", 10) == 0, "%s", line);
			ck_assert_str_eq(nl + 1, "");
			break;
		}
		ck_assert_uint_lt(i, nblocks);
		const struct wn_block *b = wn_doc_block(d, i);
		char *f[16];
		size_t nf = split_tabs(line, f, 16);
		ck_assert_msg(nf == 10, "line %zu has %zu fields", i, nf);
		char *end;
		ck_assert_uint_eq(strtoul(f[0], &end, 10), i);
		ck_assert_int_eq(*end, '\0');
		ck_assert_str_eq(f[1], b->decision == WN_KEEP ? "KEEP" : "DROP");
		double score = strtod(f[2], &end);
		ck_assert_int_eq(*end, '\0');
		ck_assert_double_eq_tol(score, b->score, 1.0);
		char kind[32];
		kind_name(b, kind, sizeof kind);
		ck_assert_str_eq(f[3], kind);
		ck_assert_uint_eq(strtoul(f[4], &end, 10), b->words);
		ck_assert_int_eq(*end, '\0');
		double lr = strtod(f[5], &end);
		ck_assert_int_eq(*end, '\0');
		ck_assert_double_eq_tol(lr, b->link_ratio, 0.006);
		double dens = strtod(f[6], &end);
		ck_assert_int_eq(*end, '\0');
		ck_assert_double_eq_tol(dens, b->density, 0.06);
		ck_assert_str_eq(f[7], b->path);
		ck_assert_str_eq(f[8], b->reason);
		/* The text field: no line or field breaks, valid UTF-8. */
		ck_assert_ptr_null(strpbrk(f[9], "\t\n\r"));
		ck_assert(valid_utf8(f[9]));
		i++;
		line = nl + 1;
	}
	ck_assert_uint_eq(i, nblocks);
	free(x);
}

START_TEST(test_explain_fields)
{
	wn_doc *d = load(ARTICLE);
	ck_assert_uint_gt(wn_doc_block_count(d), 3);
	check_explain(d);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_explain_all_kinds)
{
	wn_doc *d = load("<h1>Heading one</h1><h3>Heading three</h3><p>para</p>"
	                 "<ul><li>item<ul><li>nested</li></ul></li></ul>"
	                 "<blockquote>quoted</blockquote><pre>pre  text</pre>"
	                 "<table><caption>cap</caption><tr><td>cell</td></tr></table>"
	                 "<dl><dt>term</dt></dl><div>loose</div>");
	ck_assert_uint_eq(wn_doc_block_count(d), 11);
	check_explain(d);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_explain_one_line_per_block)
{
	wn_doc *d = load(ARTICLE);
	size_t len;
	char *x = explain_of(d, &len);
	size_t lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += x[i] == '\n';
	ck_assert_uint_eq(lines, wn_doc_block_count(d) + 1); /* + "# region: ..." */
	ck_assert_int_eq(x[len - 1], '\n');
	free(x);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_explain_text_no_breaks)
{
	/* Tabs and newlines of the text (pre, br, &#13;) never break the line
	 * or the fields. */
	wn_doc *d = load("<pre>col1\tcol2\nrow2\tx\n\n\nend</pre>"
	                 "<p>line one<br>line two&#13;still two&#9;tabbed</p>"
	                 "<pre>carriage&#13;return</pre>");
	ck_assert_uint_eq(wn_doc_block_count(d), 3);
	check_explain(d);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_explain_long_text_cut)
{
	wn_doc *d = load("<p>" PA " " PB "</p><p>Short one.</p>");
	char *x = explain_of(d, NULL);
	char *nl = strchr(x, '\n');
	ck_assert_ptr_nonnull(nl);
	*nl = '\0';
	char *f[16];
	ck_assert_uint_eq(split_tabs(x, f, 16), 10);
	size_t tl = strlen(f[9]);
	ck_assert_uint_ge(tl, 3);
	ck_assert_str_eq(f[9] + tl - 3, "...");
	ck_assert_uint_lt(tl, strlen(wn_doc_block(d, 0)->text));
	/* What is shown is the start of the text. */
	ck_assert_int_eq(strncmp(f[9], PA, 20), 0);
	ck_assert_uint_gt(tl, 20);
	/* A short text is shown whole, without "...". */
	char *line2 = nl + 1;
	char *nl2 = strchr(line2, '\n');
	*nl2 = '\0';
	ck_assert_uint_eq(split_tabs(line2, f, 16), 10);
	ck_assert_str_eq(f[9], "Short one.");
	free(x);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_explain_cut_multibyte)
{
	/* Cutting a long text of multi-byte characters keeps valid UTF-8. */
	char html[4096] = "<p>";
	for (int i = 0; i < 200; i++)
		strcat(html, i % 3 ? "\xE6\x96\x87" : "\xC3\xA9"); /* 文 é */
	strcat(html, "</p>");
	wn_doc *d = load(html);
	char *x = explain_of(d, NULL);
	ck_assert(valid_utf8(x));
	ck_assert_ptr_nonnull(strstr(x, "..."));
	free(x);
	check_explain(d);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_explain_empty)
{
	wn_doc *d = wn_doc_new(NULL);
	size_t len = 9;
	char *x = NULL;
	ck_assert_int_eq(wn_doc_explain(d, &x, &len), WN_OK);
	ck_assert_ptr_nonnull(x);
	ck_assert_uint_eq(len, 0);
	free(x);
	ck_assert_int_eq(wn_doc_load(d, "  ", 2), WN_OK);
	x = explain_of(d, &len);
	ck_assert_uint_eq(len, 0);
	free(x);
	wn_doc_free(d);
}
END_TEST

/* ---- wn_clean ---------------------------------------------------------- */

START_TEST(test_clean_matches_doc)
{
	char *out = NULL;
	size_t len = 0;
	ck_assert_int_eq(wn_clean(ARTICLE, strlen(ARTICLE), NULL, &out, &len), WN_OK);
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(len, strlen(out));
	wn_doc *d = load(ARTICLE);
	char *t = text_of(d, NULL);
	ck_assert_str_eq(out, t);
	ck_assert_ptr_nonnull(strstr(out, PA));
	free(t);
	free(out);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_clean_not_nul_terminated)
{
	/* buf need not be NUL-terminated: only len bytes are read. */
	size_t n = strlen(ARTICLE);
	char *copy = malloc(n);
	memcpy(copy, ARTICLE, n);
	char *out = NULL;
	size_t len = 0;
	ck_assert_int_eq(wn_clean(copy, n, NULL, &out, &len), WN_OK);
	ck_assert_ptr_nonnull(strstr(out, PC));
	free(out);
	/* A prefix is a different (shorter) page. */
	const char *end = strstr(ARTICLE, PB);
	ck_assert_int_eq(wn_clean(copy, (size_t)(end - ARTICLE), NULL, &out, &len), WN_OK);
	ck_assert_ptr_null(strstr(out, PC));
	free(out);
	free(copy);
}
END_TEST

START_TEST(test_clean_empty_and_no_article)
{
	char *out = NULL;
	size_t len = 7;
	ck_assert_int_eq(wn_clean("", 0, NULL, &out, &len), WN_OK);
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(len, 0);
	free(out);
	out = NULL;
	ck_assert_int_eq(wn_clean(NAV_ONLY, strlen(NAV_ONLY), NULL, &out, &len), WN_OK);
	ck_assert_str_eq(out, "");
	ck_assert_uint_eq(len, 0);
	free(out);
}
END_TEST

START_TEST(test_clean_errors)
{
	size_t len = 0;
	ck_assert_int_eq(wn_clean(ARTICLE, strlen(ARTICLE), NULL, NULL, &len), WN_ERR_ARG);
	/* Too large for the options: an error, and out is not written. */
	struct wn_options o;
	wn_options_init(&o);
	o.max_input = 100;
	char *out = (char *)0x1;
	len = 42;
	wn_status rc = wn_clean(ARTICLE, strlen(ARTICLE), &o, &out, &len);
	ck_assert_int_eq(rc, WN_ERR_TOO_LARGE);
	ck_assert_ptr_eq(out, (char *)0x1);
	ck_assert_uint_eq(len, 42);
	/* The same options with a small enough page. */
	out = NULL;
	ck_assert_int_eq(wn_clean("<p>tiny</p>", 11, &o, &out, &len), WN_OK);
	free(out);
}
END_TEST

/* ---- wn_status_str ----------------------------------------------------- */

START_TEST(test_status_str)
{
	const wn_status all[] = {WN_OK, WN_ERR_NOMEM, WN_ERR_TOO_LARGE, WN_ERR_GZIP,
	                         WN_ERR_NOT_TEXT, WN_ERR_ENCODING, WN_ERR_PARSE,
	                         WN_ERR_ARG};
	size_t n = sizeof all / sizeof all[0];
	for (size_t i = 0; i < n; i++) {
		const char *s = wn_status_str(all[i]);
		ck_assert_ptr_nonnull(s);
		ck_assert_uint_gt(strlen(s), 3);
		ck_assert_ptr_null(strchr(s, '\n'));
		/* Stable: the same static string each time. */
		ck_assert_ptr_eq(s, wn_status_str(all[i]));
		for (size_t k = 0; k < i; k++)
			ck_assert_str_ne(s, wn_status_str(all[k]));
	}
	ck_assert_str_eq(wn_status_str(WN_ERR_NOMEM), "out of memory");
	/* A value out of range still gives a string. */
	const char *u = wn_status_str((wn_status)1234);
	ck_assert_ptr_nonnull(u);
	ck_assert_uint_gt(strlen(u), 0);
}
END_TEST

/* ---- error paths of the doc -------------------------------------------- */

START_TEST(test_load_bad_args)
{
	ck_assert_int_eq(wn_doc_load(NULL, ARTICLE, strlen(ARTICLE)), WN_ERR_ARG);
	ck_assert_int_eq(wn_doc_load(NULL, NULL, 0), WN_ERR_ARG);
	wn_doc *d = wn_doc_new(NULL);
	ck_assert_int_eq(wn_doc_load(d, NULL, 10), WN_ERR_ARG);
	/* NULL with length 0 is an empty page or an argument error, never a
	 * crash; on success there is nothing in it. */
	wn_status rc = wn_doc_load(d, NULL, 0);
	ck_assert(rc == WN_OK || rc == WN_ERR_ARG);
	ck_assert_uint_eq(wn_doc_block_count(d), 0);
	ck_assert_uint_eq(wn_doc_block_count(d), 0);
	/* Still usable. */
	ck_assert_int_eq(wn_doc_load(d, ARTICLE, strlen(ARTICLE)), WN_OK);
	ck_assert_uint_gt(wn_doc_block_count(d), 0);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_render_bad_args)
{
	char *out = (char *)0x1;
	size_t len = 3;
	ck_assert_int_eq(wn_doc_text(NULL, &out, &len), WN_ERR_ARG);
	ck_assert_int_eq(wn_doc_explain(NULL, &out, &len), WN_ERR_ARG);
	ck_assert_ptr_eq(out, (char *)0x1);
	ck_assert_uint_eq(len, 3);
	wn_doc *d = load(ARTICLE);
	ck_assert_int_eq(wn_doc_text(d, NULL, &len), WN_ERR_ARG);
	ck_assert_int_eq(wn_doc_explain(d, NULL, &len), WN_ERR_ARG);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_null_doc_accessors)
{
	ck_assert_uint_eq(wn_doc_block_count(NULL), 0);
	ck_assert_ptr_null(wn_doc_block(NULL, 0));
	ck_assert_str_eq(wn_doc_title(NULL), "");
	ck_assert_str_eq(wn_doc_charset(NULL), "");
	ck_assert_ptr_nonnull(wn_doc_errmsg(NULL));
	wn_doc_free(NULL);
	wn_doc *d = load(ARTICLE);
	size_t n = wn_doc_block_count(d);
	ck_assert_ptr_nonnull(wn_doc_block(d, n - 1));
	ck_assert_ptr_null(wn_doc_block(d, n));
	ck_assert_ptr_null(wn_doc_block(d, (size_t)-1));
	wn_doc_free(d);
}
END_TEST

START_TEST(test_reload_replaces)
{
	wn_doc *d = load(ARTICLE);
	ck_assert_str_eq(wn_doc_title(d), "Bridge opens");
	ck_assert_int_eq(wn_doc_load(d, OTHER, strlen(OTHER)), WN_OK);
	ck_assert_str_eq(wn_doc_title(d), "Second page");
	ck_assert_str_eq(wn_doc_errmsg(d), "");
	size_t n = wn_doc_block_count(d);
	ck_assert_uint_eq(n, 2);
	for (size_t i = 0; i < n; i++) {
		const struct wn_block *b = wn_doc_block(d, i);
		ck_assert_uint_eq(b->index, i);
		ck_assert_ptr_null(strstr(b->text, "bridge"));
	}
	char *t = text_of(d, NULL);
	ck_assert_ptr_null(strstr(t, "bridge"));
	ck_assert_ptr_nonnull(strstr(t, "harbour"));
	free(t);
	/* And back again: the same result as a fresh doc. */
	ck_assert_int_eq(wn_doc_load(d, ARTICLE, strlen(ARTICLE)), WN_OK);
	t = text_of(d, NULL);
	ck_assert_str_eq(t, PA "\n\n" PB "\n\n" PC "\n");
	free(t);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_reload_many_times)
{
	/* The pool is reused across loads without growing without bound. */
	wn_doc *d = wn_doc_new(NULL);
	for (int i = 0; i < 200; i++) {
		const char *p = i % 2 ? ARTICLE : OTHER;
		ck_assert_int_eq(wn_doc_load(d, p, strlen(p)), WN_OK);
		ck_assert_uint_eq(wn_doc_block_count(d), i % 2 ? 7 : 2);
	}
	wn_doc_free(d);
}
END_TEST

START_TEST(test_failed_load_clears)
{
	struct wn_options o;
	wn_options_init(&o);
	o.max_input = 600;
	wn_doc *d = wn_doc_new(&o);
	ck_assert_str_eq(wn_doc_errmsg(d), "");
	ck_assert_int_eq(wn_doc_load(d, OTHER, strlen(OTHER)), WN_OK);
	ck_assert_str_eq(wn_doc_errmsg(d), "");
	ck_assert_uint_gt(wn_doc_block_count(d), 0);
	/* Too big: the previous page is gone, the message says why. */
	ck_assert_uint_gt(strlen(ARTICLE), 600);
	ck_assert_int_eq(wn_doc_load(d, ARTICLE, strlen(ARTICLE)), WN_ERR_TOO_LARGE);
	ck_assert_uint_gt(strlen(wn_doc_errmsg(d)), 0);
	ck_assert_ptr_null(strchr(wn_doc_errmsg(d), '\n'));
	ck_assert_uint_eq(wn_doc_block_count(d), 0);
	ck_assert_ptr_null(wn_doc_block(d, 0));
	ck_assert_str_eq(wn_doc_title(d), "");
	char *t = text_of(d, NULL);
	ck_assert_str_eq(t, "");
	free(t);
	/* A good load afterwards clears the message. */
	ck_assert_int_eq(wn_doc_load(d, OTHER, strlen(OTHER)), WN_OK);
	ck_assert_str_eq(wn_doc_errmsg(d), "");
	ck_assert_uint_eq(wn_doc_block_count(d), 2);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_memory_cap_fails_cleanly)
{
	/* A page that needs more memory than max_memory fails with a message
	 * (no crash, no leak), and a fresh doc without the cap reads it. */
	size_t n = 40000;
	char *html = malloc(n * 16 + 64);
	ck_assert_ptr_nonnull(html);
	char *p = html;
	p += sprintf(p, "<html><body>");
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "<p>w%05zu</p>", i % 100000);
	sprintf(p, "</body></html>");
	struct wn_options o;
	wn_options_init(&o);
	o.max_memory = (size_t)1 << 20;
	wn_doc *d = wn_doc_new(&o);
	ck_assert_ptr_nonnull(d);
	wn_status rc = wn_doc_load(d, html, strlen(html));
	ck_assert_int_ne(rc, WN_OK);
	ck_assert_uint_gt(strlen(wn_doc_errmsg(d)), 0);
	ck_assert_uint_eq(wn_doc_block_count(d), 0);
	/* The doc still works for a small page. */
	ck_assert_int_eq(wn_doc_load(d, "<p>small</p>", 12), WN_OK);
	ck_assert_uint_eq(wn_doc_block_count(d), 1);
	ck_assert_str_eq(wn_doc_errmsg(d), "");
	wn_doc_free(d);
	d = load(html);
	ck_assert_uint_eq(wn_doc_block_count(d), n);
	wn_doc_free(d);
	free(html);
}
END_TEST

static Suite *write_suite(void)
{
	Suite *s = suite_create("write");
	TCase *tc;

	tc = tcase_create("text");
	tcase_add_test(tc, test_text_exact);
	tcase_add_test(tc, test_text_is_kept_blocks);
	tcase_add_test(tc, test_text_separators);
	tcase_add_test(tc, test_text_br_inside_block);
	tcase_add_test(tc, test_text_empty);
	tcase_add_test(tc, test_text_twice);
	tcase_add_test(tc, test_text_utf8_nfc);
	suite_add_tcase(s, tc);

	tc = tcase_create("explain");
	tcase_add_test(tc, test_explain_fields);
	tcase_add_test(tc, test_explain_all_kinds);
	tcase_add_test(tc, test_explain_one_line_per_block);
	tcase_add_test(tc, test_explain_text_no_breaks);
	tcase_add_test(tc, test_explain_long_text_cut);
	tcase_add_test(tc, test_explain_cut_multibyte);
	tcase_add_test(tc, test_explain_empty);
	suite_add_tcase(s, tc);

	tc = tcase_create("clean");
	tcase_add_test(tc, test_clean_matches_doc);
	tcase_add_test(tc, test_clean_not_nul_terminated);
	tcase_add_test(tc, test_clean_empty_and_no_article);
	tcase_add_test(tc, test_clean_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("status");
	tcase_add_test(tc, test_status_str);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_load_bad_args);
	tcase_add_test(tc, test_render_bad_args);
	tcase_add_test(tc, test_null_doc_accessors);
	tcase_add_test(tc, test_reload_replaces);
	tcase_add_test(tc, test_reload_many_times);
	tcase_add_test(tc, test_failed_load_clears);
	tcase_add_test(tc, test_memory_cap_fails_cleanly);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(write_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
