/*
 * test_score.c - choosing the article (score.c), through the public API,
 * on small synthetic pages.  The tests check what any article extractor
 * must do, not particular scores or thresholds.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "winnow.h"

/* ---- page parts -------------------------------------------------------- */

#define TITLE "Council Opens the New River Bridge"

static const char *const P[5] = {
    "After ten years of planning and three years of construction, the new "
    "river crossing opened to traffic on Monday morning, linking the two "
    "halves of the old town for the first time since the great flood.",
    "Engineers say the bridge was designed to withstand a flood twice as "
    "large as the one that destroyed its predecessor, and its foundations "
    "reach far deeper into the bedrock than any earlier structure there.",
    "Residents of the eastern bank complained for months about noise and "
    "dust from the works, and several shop owners said they lost most of "
    "their customers while the main road was closed for repairs.",
    "The mayor said the council would review the compensation scheme next "
    "month and promised that local businesses would be consulted before any "
    "further work begins on the riverside park and the old quay.",
    "A small ceremony is planned for the weekend, with music, food stalls "
    "and guided walks across the new bridge for families and visitors from "
    "the surrounding villages, weather permitting on both days.",
};

#define SHORT_MID "Not everyone is pleased."

static const char *const NAV_LINKS[] = {"Home", "World news", "Sport",
                                        "Culture and arts", "Opinion"};

static const char *const SIDE_LINKS[] = {
    "Celebrity chef opens a restaurant in the harbour district",
    "Local team wins the regional cup after extra time",
    "Weather warning issued for the coast this weekend",
};

static const char *const COMMENTS[] = {
    "I have lived here for forty years and I never thought I would see the "
    "day when the two sides of town were joined again; well done to all.",
    "The noise was unbearable for months and nobody from the council ever "
    "answered my letters, so forgive me if I do not celebrate with you.",
};

#define FOOTER_TEXT "Copyright 2024 Example News. All rights reserved. Terms of " \
                    "use and privacy policy apply to everything on this site."

/* A growable string for building pages. */
struct sb {
	char *s;
	size_t len, cap;
};

static void add(struct sb *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	ck_assert_int_ge(n, 0);
	if (b->len + (size_t)n + 1 > b->cap) {
		size_t cap = (b->len + (size_t)n + 1) * 2;
		b->s = realloc(b->s, cap);
		ck_assert_ptr_nonnull(b->s);
		b->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

static void add_nav(struct sb *b)
{
	add(b, "<nav class=\"site-nav\"><ul>");
	for (size_t i = 0; i < sizeof NAV_LINKS / sizeof NAV_LINKS[0]; i++)
		add(b, "<li><a href=\"/s%zu\">%s</a></li>", i, NAV_LINKS[i]);
	add(b, "</ul></nav>\n");
}

static void add_sidebar(struct sb *b)
{
	add(b, "<aside class=\"sidebar\"><h3>Most read</h3><ul>");
	for (size_t i = 0; i < sizeof SIDE_LINKS / sizeof SIDE_LINKS[0]; i++)
		add(b, "<li><a href=\"/r%zu\">%s</a></li>", i, SIDE_LINKS[i]);
	add(b, "</ul></aside>\n");
}

static void add_comments(struct sb *b)
{
	add(b, "<section class=\"comments\"><h2>Comments</h2>");
	for (size_t i = 0; i < sizeof COMMENTS / sizeof COMMENTS[0]; i++)
		add(b, "<div class=\"comment\"><p>%s</p></div>", COMMENTS[i]);
	add(b, "</section>\n");
}

static void add_footer(struct sb *b)
{
	add(b, "<footer><p>" FOOTER_TEXT "</p></footer>\n");
}

static void add_head(struct sb *b)
{
	add(b, "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
	       "<title>" TITLE "</title></head><body>\n");
}

/* The body of the article: paragraphs with a short one in the middle. */
static void add_article_body(struct sb *b)
{
	add(b, "<p>%s</p>\n<p>%s</p>\n", P[0], P[1]);
	add(b, "<p>" SHORT_MID "</p>\n");
	add(b, "<p>%s</p>\n<p>%s</p>\n<p>%s</p>\n", P[2], P[3], P[4]);
}

/* The standard page: nav, article (in open/close), sidebar, comments,
 * footer. */
static char *standard_page(const char *open, const char *close)
{
	struct sb b = {0};
	add_head(&b);
	add_nav(&b);
	add(&b, "<div class=\"layout\">\n%s\n<h1>" TITLE "</h1>\n", open);
	add_article_body(&b);
	add(&b, "%s\n", close);
	add_sidebar(&b);
	add(&b, "</div>\n");
	add_comments(&b);
	add_footer(&b);
	add(&b, "</body></html>\n");
	return b.s;
}

/* ---- helpers ----------------------------------------------------------- */

static wn_doc *load(const char *html)
{
	wn_doc *d = wn_doc_new(NULL);
	ck_assert_ptr_nonnull(d);
	wn_status rc = wn_doc_load(d, html, strlen(html));
	ck_assert_msg(rc == WN_OK, "load failed: %s", wn_doc_errmsg(d));
	return d;
}

static const struct wn_block *find(const wn_doc *d, const char *s)
{
	for (size_t i = 0; i < wn_doc_block_count(d); i++) {
		const struct wn_block *b = wn_doc_block(d, i);
		if (strstr(b->text, s))
			return b;
	}
	return NULL;
}

static const struct wn_block *must_find(const wn_doc *d, const char *s)
{
	const struct wn_block *b = find(d, s);
	ck_assert_msg(b != NULL, "no block contains \"%.40s\"", s);
	return b;
}

#define ASSERT_KEEP(d, s)                                                    \
	do {                                                                 \
		const struct wn_block *b_ = must_find((d), (s));             \
		ck_assert_msg(b_->decision == WN_KEEP,                       \
		              "dropped (%s): \"%.50s\"", b_->reason, b_->text); \
	} while (0)

#define ASSERT_DROP(d, s)                                                    \
	do {                                                                 \
		const struct wn_block *b_ = must_find((d), (s));             \
		ck_assert_msg(b_->decision == WN_DROP,                       \
		              "kept (%s): \"%.50s\"", b_->reason, b_->text);  \
	} while (0)

static size_t count_kept(const wn_doc *d)
{
	size_t n = 0;
	for (size_t i = 0; i < wn_doc_block_count(d); i++)
		n += wn_doc_block(d, i)->decision == WN_KEEP;
	return n;
}

/* Every block decided, with a reason. */
static void check_reasons(const wn_doc *d)
{
	for (size_t i = 0; i < wn_doc_block_count(d); i++) {
		const struct wn_block *b = wn_doc_block(d, i);
		ck_assert_msg(b->reason != NULL, "block %zu has no reason", i);
		ck_assert_msg(*b->reason != '\0', "block %zu has an empty reason", i);
		ck_assert_msg(b->decision == WN_KEEP || b->decision == WN_DROP,
		              "block %zu undecided", i);
	}
}

/* The article paragraphs and the short middle one kept, everything around
 * them dropped. */
static void check_standard(const wn_doc *d)
{
	for (int i = 0; i < 5; i++)
		ASSERT_KEEP(d, P[i]);
	ASSERT_KEEP(d, SHORT_MID);
	for (size_t i = 0; i < sizeof NAV_LINKS / sizeof NAV_LINKS[0]; i++)
		ASSERT_DROP(d, NAV_LINKS[i]);
	for (size_t i = 0; i < sizeof SIDE_LINKS / sizeof SIDE_LINKS[0]; i++)
		ASSERT_DROP(d, SIDE_LINKS[i]);
	ASSERT_DROP(d, "Most read");
	for (size_t i = 0; i < sizeof COMMENTS / sizeof COMMENTS[0]; i++)
		ASSERT_DROP(d, COMMENTS[i]);
	ASSERT_DROP(d, FOOTER_TEXT);
	/* Nothing else: exactly the five paragraphs and the short one. */
	for (size_t i = 0; i < wn_doc_block_count(d); i++) {
		const struct wn_block *b = wn_doc_block(d, i);
		if (b->decision != WN_KEEP)
			continue;
		int ok = strcmp(b->text, SHORT_MID) == 0;
		for (int k = 0; k < 5; k++)
			ok |= strcmp(b->text, P[k]) == 0;
		ck_assert_msg(ok, "unexpected block kept (%s): \"%.60s\"", b->reason, b->text);
	}
	ck_assert_uint_eq(count_kept(d), 6);
	check_reasons(d);
}

/* ---- the standard page ------------------------------------------------- */

START_TEST(test_standard_page)
{
	char *html = standard_page("<article>", "</article>");
	wn_doc *d = load(html);
	check_standard(d);
	/* The article comes out in page order. */
	char *text = NULL;
	size_t len = 0;
	ck_assert_int_eq(wn_doc_text(d, &text, &len), WN_OK);
	const char *prev = text;
	for (int i = 0; i < 5; i++) {
		const char *at = strstr(text, P[i]);
		ck_assert_ptr_nonnull(at);
		ck_assert(at >= prev);
		prev = at;
	}
	ck_assert_ptr_null(strstr(text, "Home"));
	ck_assert_ptr_null(strstr(text, "Copyright"));
	ck_assert_ptr_null(strstr(text, "forty years"));
	free(text);
	wn_doc_free(d);
	free(html);
}
END_TEST

START_TEST(test_scores_rank_article_above_chrome)
{
	char *html = standard_page("<article>", "</article>");
	wn_doc *d = load(html);
	double min_article = 1e300, max_links = -1e300;
	for (int i = 0; i < 5; i++) {
		double s = must_find(d, P[i])->score;
		if (s < min_article)
			min_article = s;
	}
	for (size_t i = 0; i < sizeof NAV_LINKS / sizeof NAV_LINKS[0]; i++) {
		double s = must_find(d, NAV_LINKS[i])->score;
		if (s > max_links)
			max_links = s;
	}
	for (size_t i = 0; i < sizeof SIDE_LINKS / sizeof SIDE_LINKS[0]; i++) {
		double s = must_find(d, SIDE_LINKS[i])->score;
		if (s > max_links)
			max_links = s;
	}
	ck_assert_double_gt(min_article, max_links);
	wn_doc_free(d);
	free(html);
}
END_TEST

START_TEST(test_title_heading_dropped)
{
	char *html = standard_page("<article>", "</article>");
	wn_doc *d = load(html);
	const struct wn_block *h = must_find(d, TITLE);
	ck_assert_int_eq(h->kind, WN_BLOCK_HEADING);
	ck_assert_int_eq(h->decision, WN_DROP);
	ck_assert_str_eq(h->reason, "page title");
	wn_doc_free(d);
	free(html);
}
END_TEST

START_TEST(test_title_heading_with_site_suffix)
{
	/* <title> "Headline | Site": the h1 "Headline" is the title too. */
	struct sb b = {0};
	add(&b, "<html><head><title>" TITLE " | Example News</title></head><body>"
	        "<article><h1>" TITLE "</h1>");
	add_article_body(&b);
	add(&b, "</article></body></html>");
	wn_doc *d = load(b.s);
	const struct wn_block *h = must_find(d, TITLE);
	ck_assert_int_eq(h->decision, WN_DROP);
	ck_assert_str_eq(h->reason, "page title");
	for (int i = 0; i < 5; i++)
		ASSERT_KEEP(d, P[i]);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_subheading_kept)
{
	/* A section heading between article paragraphs is article text. */
	struct sb b = {0};
	add_head(&b);
	add_nav(&b);
	add(&b, "<article><h1>" TITLE "</h1><p>%s</p><p>%s</p>"
	        "<h2>What happens next</h2><p>%s</p><p>%s</p></article>",
	    P[0], P[1], P[2], P[3]);
	add_footer(&b);
	add(&b, "</body></html>");
	wn_doc *d = load(b.s);
	ASSERT_KEEP(d, "What happens next");
	ASSERT_DROP(d, TITLE);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

/* ---- inside the article ------------------------------------------------ */

START_TEST(test_link_list_in_article_dropped)
{
	struct sb b = {0};
	add_head(&b);
	add(&b, "<article><p>%s</p><p>%s</p>", P[0], P[1]);
	add(&b, "<ul><li><a href=\"/a\">History of the old bridge</a></li>"
	        "<li><a href=\"/b\">The flood of 1998 in pictures</a></li>"
	        "<li><a href=\"/c\">Town council meeting minutes</a></li></ul>");
	add(&b, "<p>%s</p><p>%s</p></article></body></html>", P[2], P[3]);
	wn_doc *d = load(b.s);
	ASSERT_DROP(d, "History of the old bridge");
	ASSERT_DROP(d, "The flood of 1998");
	ASSERT_DROP(d, "Town council meeting");
	for (int i = 0; i < 4; i++)
		ASSERT_KEEP(d, P[i]);
	check_reasons(d);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_paragraph_with_some_links_kept)
{
	/* Article prose with an inline link or two is still article. */
	struct sb b = {0};
	add_head(&b);
	add(&b, "<article><p>%s</p><p>The report, <a href=\"/r\">published in full "
	        "here</a>, says the repairs will cost far more than the council "
	        "had planned for when the works began.</p><p>%s</p></article>"
	        "</body></html>",
	    P[0], P[1]);
	wn_doc *d = load(b.s);
	ASSERT_KEEP(d, "The report,");
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_short_paragraph_between_long_kept)
{
	struct sb b = {0};
	add_head(&b);
	add(&b, "<article><p>%s</p><p>It was not.</p><p>%s</p></article>"
	        "</body></html>", P[0], P[1]);
	wn_doc *d = load(b.s);
	ASSERT_KEEP(d, P[0]);
	ASSERT_KEEP(d, "It was not.");
	ASSERT_KEEP(d, P[1]);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

/* A page whose article starts with the given short lines, in the flow
 * of its paragraphs. */
static wn_doc *opening_page(const char *lines)
{
	struct sb b = {0};
	add_head(&b);
	add_nav(&b);
	add(&b, "<div class=\"main\"><h1>" TITLE "</h1>%s<p>%s</p><p>%s</p></div>",
	    lines, P[0], P[1]);
	add_footer(&b);
	add(&b, "</body></html>");
	wn_doc *d = load(b.s);
	free(b.s);
	ASSERT_KEEP(d, P[0]);
	return d;
}

/* A short line just before the first paragraph, in its flow (a label
 * such as "Introduction" set as a paragraph), opens the article; a date
 * line or a byline there does not. */
START_TEST(test_short_line_opening_article_kept)
{
	wn_doc *d = opening_page("<p>3 March 2024</p><p>Introduction</p>");
	ASSERT_KEEP(d, "Introduction");
	ASSERT_DROP(d, "3 March 2024");
	wn_doc_free(d);
	d = opening_page("<p>By Jane Doe</p>");
	ASSERT_DROP(d, "By Jane Doe");
	wn_doc_free(d);
	d = opening_page("<p>Introduction</p><p>3 March 2024</p>");
	ASSERT_DROP(d, "3 March 2024");
	wn_doc_free(d);
}
END_TEST

START_TEST(test_byline_at_top_dropped)
{
	struct sb b = {0};
	add_head(&b);
	add_nav(&b);
	add(&b, "<article><h1>" TITLE "</h1><p>By Jane Doe, 3 March 2024</p>");
	add_article_body(&b);
	add(&b, "</article>");
	add_footer(&b);
	add(&b, "</body></html>");
	wn_doc *d = load(b.s);
	ASSERT_DROP(d, "By Jane Doe");
	for (int i = 0; i < 5; i++)
		ASSERT_KEEP(d, P[i]);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_byline_class_dropped)
{
	/* A byline marked as one, in the article's own header. */
	struct sb b = {0};
	add_head(&b);
	add(&b, "<article><header><h1>" TITLE "</h1><div class=\"byline\">"
	        "<span>By Jane Doe</span></div></header>");
	add_article_body(&b);
	add(&b, "</article></body></html>");
	wn_doc *d = load(b.s);
	ASSERT_DROP(d, "By Jane Doe");
	ASSERT_KEEP(d, P[0]);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_hidden_paragraph_dropped)
{
	static const char *const hide[] = {
	    "<p hidden>%s</p>",
	    "<p style=\"display: none\">%s</p>",
	    "<div style=\"DISPLAY:none;\"><p>%s</p></div>",
	};
	static const char *const text =
	    "This hidden paragraph describes a subscription offer that readers "
	    "never see on the page and that must never become article text.";
	for (size_t k = 0; k < sizeof hide / sizeof hide[0]; k++) {
		struct sb b = {0};
		add_head(&b);
		add(&b, "<article><p>%s</p><p>%s</p>", P[0], P[1]);
		add(&b, hide[k], text);
		add(&b, "<p>%s</p><p>%s</p></article></body></html>", P[2], P[3]);
		wn_doc *d = load(b.s);
		ASSERT_DROP(d, "This hidden paragraph");
		for (int i = 0; i < 4; i++)
			ASSERT_KEEP(d, P[i]);
		wn_doc_free(d);
		free(b.s);
	}
}
END_TEST

START_TEST(test_share_and_related_in_article_dropped)
{
	struct sb b = {0};
	add_head(&b);
	add(&b, "<article><p>%s</p><p>%s</p>", P[0], P[1]);
	add(&b, "<div class=\"share-buttons\"><p>Share this story with your friends "
	        "and family on every social network you use today</p></div>");
	add(&b, "<p>%s</p><p>%s</p>", P[2], P[3]);
	add(&b, "<div class=\"related-stories\"><p>Related: the long history of "
	        "bridges over this river, told by the people who built and "
	        "repaired them over three hundred years of floods.</p></div>");
	add(&b, "</article></body></html>");
	wn_doc *d = load(b.s);
	ASSERT_DROP(d, "Share this story");
	ASSERT_DROP(d, "Related: the long history");
	for (int i = 0; i < 4; i++)
		ASSERT_KEEP(d, P[i]);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

/* ---- pages without an article ------------------------------------------ */

START_TEST(test_nav_only_keeps_nothing)
{
	struct sb b = {0};
	add_head(&b);
	add_nav(&b);
	add(&b, "<ul>");
	for (size_t i = 0; i < sizeof SIDE_LINKS / sizeof SIDE_LINKS[0]; i++)
		add(&b, "<li><a href=\"/r%zu\">%s</a></li>", i, SIDE_LINKS[i]);
	add(&b, "</ul></body></html>");
	wn_doc *d = load(b.s);
	ck_assert_uint_gt(wn_doc_block_count(d), 0);
	ck_assert_uint_eq(count_kept(d), 0);
	check_reasons(d);
	char *text = NULL;
	size_t len = 99;
	ck_assert_int_eq(wn_doc_text(d, &text, &len), WN_OK);
	ck_assert_uint_eq(len, 0);
	ck_assert_str_eq(text, "");
	free(text);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_link_page_with_headings_keeps_nothing)
{
	/* A page of link lists under section headings has no article: the
	 * headings are no article either. */
	const char *html =
	    "<html><head><title>Site index</title></head><body>"
	    "<h2>Sections</h2><ul><li><a href=\"/a\">Home page</a></li>"
	    "<li><a href=\"/b\">World news</a></li><li><a href=\"/c\">Sport</a></li></ul>"
	    "<h2>Follow us</h2></body></html>";
	wn_doc *d = load(html);
	ck_assert_uint_eq(count_kept(d), 0);
	check_reasons(d);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_short_text_page)
{
	/* A few short lines and no paragraph: nothing that is an article. */
	wn_doc *d = load("<html><body><div>Loading</div><div>Please wait</div>"
	                 "</body></html>");
	ck_assert_uint_eq(count_kept(d), 0);
	check_reasons(d);
	wn_doc_free(d);
}
END_TEST

/* ---- where the article lives ------------------------------------------- */

START_TEST(test_container_article)
{
	char *html = standard_page("<article>", "</article>");
	wn_doc *d = load(html);
	check_standard(d);
	wn_doc_free(d);
	free(html);
}
END_TEST

START_TEST(test_container_plain_div)
{
	char *html = standard_page("<div><div>", "</div></div>");
	wn_doc *d = load(html);
	check_standard(d);
	wn_doc_free(d);
	free(html);
}
END_TEST

START_TEST(test_container_plain_div_no_hints)
{
	/* No tag or class says anything: nav and sidebar are plain divs, the
	 * article is found from its text alone. */
	struct sb b = {0};
	add(&b, "<html><head><title>" TITLE "</title></head><body><div>");
	for (size_t i = 0; i < sizeof NAV_LINKS / sizeof NAV_LINKS[0]; i++)
		add(&b, "<a href=\"/s%zu\">%s</a> | ", i, NAV_LINKS[i]);
	add(&b, "</div><div><div>");
	add_article_body(&b);
	add(&b, "</div><div>");
	for (size_t i = 0; i < sizeof SIDE_LINKS / sizeof SIDE_LINKS[0]; i++)
		add(&b, "<div><a href=\"/r%zu\">%s</a></div>", i, SIDE_LINKS[i]);
	add(&b, "</div></div></body></html>");
	wn_doc *d = load(b.s);
	for (int i = 0; i < 5; i++)
		ASSERT_KEEP(d, P[i]);
	ASSERT_KEEP(d, SHORT_MID);
	ASSERT_DROP(d, "World news");
	for (size_t i = 0; i < sizeof SIDE_LINKS / sizeof SIDE_LINKS[0]; i++)
		ASSERT_DROP(d, SIDE_LINKS[i]);
	check_reasons(d);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_container_table_layout)
{
	struct sb b = {0};
	add(&b, "<html><head><title>" TITLE "</title></head><body>"
	        "<table width=\"100%%\"><tr><td colspan=\"3\"><b>Example News</b></td></tr>"
	        "<tr><td class=\"left\">");
	for (size_t i = 0; i < sizeof NAV_LINKS / sizeof NAV_LINKS[0]; i++)
		add(&b, "<a href=\"/s%zu\">%s</a><br>", i, NAV_LINKS[i]);
	add(&b, "</td><td>");
	add_article_body(&b);
	add(&b, "</td><td>");
	for (size_t i = 0; i < sizeof SIDE_LINKS / sizeof SIDE_LINKS[0]; i++)
		add(&b, "<a href=\"/r%zu\">%s</a><br>", i, SIDE_LINKS[i]);
	add(&b, "</td></tr><tr><td colspan=\"3\">" FOOTER_TEXT "</td></tr></table>"
	        "</body></html>");
	wn_doc *d = load(b.s);
	for (int i = 0; i < 5; i++)
		ASSERT_KEEP(d, P[i]);
	ASSERT_KEEP(d, SHORT_MID);
	ASSERT_DROP(d, "World news");
	ASSERT_DROP(d, SIDE_LINKS[0]);
	ASSERT_DROP(d, "Copyright 2024");
	ASSERT_DROP(d, "Example News");
	check_reasons(d);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_container_table_br_paragraphs)
{
	/* Old-style table layout: paragraphs as text separated by <br><br>
	 * straight inside the cell. */
	struct sb b = {0};
	add(&b, "<html><head><title>Town news</title></head><body><table><tr>"
	        "<td>");
	for (size_t i = 0; i < sizeof NAV_LINKS / sizeof NAV_LINKS[0]; i++)
		add(&b, "<a href=\"/s%zu\">%s</a><br>", i, NAV_LINKS[i]);
	add(&b, "</td><td>%s<br><br>%s<br><br>%s</td></tr></table></body></html>",
	    P[0], P[1], P[2]);
	wn_doc *d = load(b.s);
	for (int i = 0; i < 3; i++)
		ASSERT_KEEP(d, P[i]);
	ASSERT_DROP(d, "World news");
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_container_main_itemprop)
{
	char *html = standard_page("<main><div itemprop=\"articleBody\">", "</div></main>");
	wn_doc *d = load(html);
	check_standard(d);
	wn_doc_free(d);
	free(html);
}
END_TEST

/* ---- junk that outweighs the article ----------------------------------- */

START_TEST(test_long_comments_still_dropped)
{
	/* The comment section holds more text than the article: it is still
	 * a comment section, never the article. */
	struct sb b = {0};
	add_head(&b);
	add(&b, "<article><h1>" TITLE "</h1><p>%s</p><p>%s</p><p>%s</p></article>",
	    P[0], P[1], P[2]);
	add(&b, "<div id=\"comments\"><h2>8 thoughts on this story</h2>"
	        "<ol class=\"comment-list\">");
	for (int k = 0; k < 4; k++)
		for (size_t i = 0; i < sizeof COMMENTS / sizeof COMMENTS[0]; i++)
			add(&b, "<li><p>Comment %d: %s</p></li>", k, COMMENTS[i]);
	add(&b, "</ol></div></body></html>");
	wn_doc *d = load(b.s);
	for (int i = 0; i < 3; i++)
		ASSERT_KEEP(d, P[i]);
	for (size_t i = 0; i < wn_doc_block_count(d); i++) {
		const struct wn_block *bl = wn_doc_block(d, i);
		if (strncmp(bl->text, "Comment ", 8) == 0)
			ck_assert_msg(bl->decision == WN_DROP, "comment kept: %.40s", bl->text);
	}
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_long_sidebar_aside_dropped)
{
	/* An aside with long prose next to a shorter article. */
	struct sb b = {0};
	add_head(&b);
	add(&b, "<div><article><p>%s</p><p>%s</p></article><aside>", P[0], P[1]);
	for (int k = 0; k < 3; k++)
		add(&b, "<p>Aside %d: %s</p>", k, P[2 + k]);
	add(&b, "</aside></div></body></html>");
	wn_doc *d = load(b.s);
	ASSERT_KEEP(d, P[0]);
	ASSERT_KEEP(d, P[1]);
	ASSERT_DROP(d, "Aside 0:");
	ASSERT_DROP(d, "Aside 2:");
	wn_doc_free(d);
	free(b.s);
}
END_TEST

/* ---- every block gets a reason ------------------------------------------ */

START_TEST(test_every_block_has_reason)
{
	const char *pages[] = {
	    "<p>one</p>",
	    "<html><body><nav><a href=/>x</a></nav></body></html>",
	    "<h1>Title</h1><p>short</p><div>text</div><ul><li>a</li></ul>"
	    "<table><tr><td>c</td></tr></table><pre>p</pre><blockquote>q</blockquote>",
	    "<div hidden><p>hidden text here</p></div><footer>foot</footer>",
	};
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		wn_doc *d = load(pages[i]);
		ck_assert_uint_gt(wn_doc_block_count(d), 0);
		check_reasons(d);
		wn_doc_free(d);
	}
	char *html = standard_page("<article>", "</article>");
	wn_doc *d = load(html);
	check_reasons(d);
	wn_doc_free(d);
	free(html);
}
END_TEST

START_TEST(test_decisions_stable_on_reload)
{
	/* Loading the same page twice gives the same decisions. */
	char *html = standard_page("<article>", "</article>");
	wn_doc *d = load(html);
	size_t n = wn_doc_block_count(d);
	wn_decision *dec = calloc(n, sizeof *dec);
	for (size_t i = 0; i < n; i++)
		dec[i] = wn_doc_block(d, i)->decision;
	ck_assert_int_eq(wn_doc_load(d, html, strlen(html)), WN_OK);
	ck_assert_uint_eq(wn_doc_block_count(d), n);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(wn_doc_block(d, i)->decision, dec[i]);
	free(dec);
	wn_doc_free(d);
	free(html);
}
END_TEST


/* ---- the article in parts (issue #12) ---------------------------------- */

/* Loads with options. */
static wn_doc *load_with(const char *html, const struct wn_options *o)
{
	wn_doc *d = wn_doc_new(o);
	ck_assert_ptr_nonnull(d);
	wn_status rc = wn_doc_load(d, html, strlen(html));
	ck_assert_msg(rc == WN_OK, "load failed: %s", wn_doc_errmsg(d));
	return d;
}

START_TEST(test_first_paragraph_beside_wrapper)
{
	/* The first paragraph sits beside the wrapper that holds the rest,
	 * which holds most of the text: narrowing to the wrapper must not
	 * lose it. */
	struct sb b = {0};
	add(&b, "<html><body><div class=\"story\"><p>%s</p><div class=\"inner\">", P[0]);
	for (int i = 1; i < 9; i++)
		add(&b, "<p>%s</p>", P[1 + i % 4]);
	add(&b, "</div></div>");
	add_sidebar(&b);
	add(&b, "</body></html>");
	wn_doc *d = load(b.s);
	for (int i = 0; i < 5; i++)
		ASSERT_KEEP(d, P[i]);
	ASSERT_DROP(d, SIDE_LINKS[0]);
	/* the gathered paragraph says so */
	ck_assert_str_eq(must_find(d, P[0])->reason, "article text, gathered beside the container");
	check_reasons(d);
	wn_doc_free(d);
	/* --favor precision gathers nothing */
	struct wn_options o;
	wn_options_init(&o);
	wn_options_favor(&o, WN_FAVOR_PRECISION);
	d = load_with(b.s, &o);
	ck_assert_str_eq(must_find(d, P[0])->reason, "standfirst");
	ASSERT_KEEP(d, P[1]);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_sections_split_by_ad)
{
	/* Two sections of one article with an ad between them: both kept,
	 * with the first section's heading; the ad label dropped. */
	struct sb b = {0};
	add(&b, "<html><body><article><section class=\"part\"><h2>Planning</h2><p>%s</p></section>",
	    P[0]);
	add(&b, "<div class=\"ad\">Advertisement</div><section class=\"part\"><h2>Building</h2>");
	for (int i = 1; i < 5; i++)
		add(&b, "<p>%s</p>", P[i]);
	add(&b, "</section></article>");
	add_comments(&b);
	add(&b, "</body></html>");
	wn_doc *d = load(b.s);
	for (int i = 0; i < 5; i++)
		ASSERT_KEEP(d, P[i]);
	ASSERT_KEEP(d, "Planning");
	ASSERT_KEEP(d, "Building");
	ASSERT_DROP(d, "Advertisement");
	ASSERT_DROP(d, COMMENTS[0]);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_unlike_sibling_after_not_gathered)
{
	/* After the container only parts of its own kind are gathered: a
	 * box of another class with a sentence of its own stays out. */
	struct sb b = {0};
	add(&b, "<html><body><div class=\"post\"><div class=\"text\">");
	for (int i = 0; i < 5; i++)
		add(&b, "<p>%s</p>", P[i]);
	add(&b, "</div><div class=\"signup\"><p>Get the best stories of the week delivered "
	        "to your inbox every Friday morning, free of charge.</p></div></div></body></html>");
	wn_doc *d = load(b.s);
	for (int i = 0; i < 5; i++)
		ASSERT_KEEP(d, P[i]);
	ASSERT_DROP(d, "Get the best stories");
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_standfirst_in_article_header)
{
	/* The standfirst in the article's header is its first paragraph; the
	 * headline and the byline beside it are not article text. */
	struct sb b = {0};
	add(&b, "<html><head><title>" TITLE "</title></head><body>");
	add_nav(&b);
	add(&b, "<article><header><h1>" TITLE "</h1><p class=\"byline\">By Jane Doe</p>"
	        "<p>The town's two halves are joined again after ten years, and not everyone "
	        "is happy about the price.</p></header><div class=\"body\">");
	for (int i = 0; i < 5; i++)
		add(&b, "<p>%s</p>", P[i]);
	add(&b, "</div></article></body></html>");
	wn_doc *d = load(b.s);
	ASSERT_KEEP(d, "The town's two halves");
	ASSERT_DROP(d, TITLE);
	ASSERT_DROP(d, "By Jane Doe");
	for (int i = 0; i < 5; i++)
		ASSERT_KEEP(d, P[i]);
	ASSERT_DROP(d, NAV_LINKS[0]);
	check_reasons(d);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_standfirst_marked_outside_article)
{
	/* A paragraph marked as the lead, in a header block beside the body
	 * wrapper, is kept; a teaser paragraph in a marked box is not. */
	struct sb b = {0};
	add(&b, "<html><body><div class=\"page\"><div class=\"promo\"><p>Save twenty percent on "
	        "your first order with the code in our newsletter this week.</p></div>"
	        "<div class=\"head\"><h1>" TITLE "</h1><p class=\"standfirst\">Ten years of "
	        "planning end with a ceremony on the quay</p></div><div class=\"body\">");
	for (int i = 0; i < 5; i++)
		add(&b, "<p>%s</p>", P[i]);
	add(&b, "</div></div></body></html>");
	wn_doc *d = load(b.s);
	ASSERT_KEEP(d, "Ten years of planning end");
	ASSERT_DROP(d, "Save twenty percent");
	ck_assert_str_eq(must_find(d, "Ten years of planning end")->reason, "standfirst");
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_short_lines_page)
{
	/* A post made only of short lines is still the article: its lines,
	 * not the longer cookie notice and not nothing. */
	const char *html =
	    "<html><body><div class=\"post\"><h1>Roll nine</h1>"
	    "<p>Camera: an old rangefinder.</p><p>Film: slow black and white.</p>"
	    "<h3>Frames</h3><p>1 to 12: the quay at dawn.</p><p>13 to 24: the market.</p></div>"
	    "<div class=\"cookie-notice\"><p>We use cookies to measure how visitors use this site "
	    "and to show you content that matches your interests; by continuing you agree.</p>"
	    "</div></body></html>";
	wn_doc *d = load(html);
	ASSERT_KEEP(d, "Camera: an old rangefinder.");
	ASSERT_KEEP(d, "13 to 24: the market.");
	ASSERT_KEEP(d, "Frames");
	ASSERT_DROP(d, "Roll nine");
	ASSERT_DROP(d, "We use cookies");
	check_reasons(d);
	wn_doc_free(d);
}
END_TEST

/* A news index's list: headlines, each with its source, date and a line
 * of summary. */
static void add_listing(struct sb *b)
{
	static const char *const items[][2] = {
	    {"Harbour crane contract signed", "the port signed a new crane contract with two yards"},
	    {"Ferry timetable changes", "winter sailings start a week early this year on both lines"},
	    {"Bridge survey published", "engineers found the old river bridge sound but in need of paint"},
	    {"Dock workers vote", "the union will ballot its members on the pay offer next month"},
	};
	add(b, "<ul>");
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
		add(b, "<li><a href=\"/n%zu\">%s</a> <u>Wire</u> 3 Dec 2006 -- %s</li>", i,
		    items[i][0], items[i][1]);
	add(b, "</ul>");
}

START_TEST(test_listing_page)
{
	/* A news index and nothing else but a menu: the items are the
	 * page's text, kept, not an empty output.  The menu stays out. */
	struct sb b = {0};
	add_head(&b);
	add_nav(&b);
	add(&b, "<div id=\"main\"><h2>Latest</h2>");
	add_listing(&b);
	add(&b, "</div></body></html>");
	wn_doc *d = load(b.s);
	ASSERT_KEEP(d, "winter sailings start a week early");
	ASSERT_KEEP(d, "the union will ballot its members");
	ASSERT_DROP(d, NAV_LINKS[1]);
	check_reasons(d);
	wn_doc_free(d);
	free(b.s);
	/* Under a line about the writer, kept, the columns are the page's
	 * text too. */
	b = (struct sb){0};
	add_head(&b);
	add_nav(&b);
	add(&b, "<div id=\"main\"><p>Recent and past columns from our harbour "
	        "correspondent, who has covered the port for twenty years.</p>");
	add_listing(&b);
	add(&b, "</div></body></html>");
	d = load(b.s);
	ASSERT_KEEP(d, "Recent and past columns");
	ASSERT_KEEP(d, "the union will ballot its members");
	ASSERT_DROP(d, NAV_LINKS[1]);
	wn_doc_free(d);
	free(b.s);
	/* Beside an article, the same list is not kept (a list of links). */
	b = (struct sb){0};
	add_head(&b);
	add(&b, "<article><h1>" TITLE "</h1>");
	add_article_body(&b);
	add(&b, "</article><div class=\"more\">");
	add_listing(&b);
	add(&b, "</div></body></html>");
	d = load(b.s);
	ASSERT_KEEP(d, P[4]);
	ASSERT_DROP(d, "winter sailings start a week early");
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_table_after_text_kept)
{
	/* A data table that the article's text runs into is the article's,
	 * although its cells are short. */
	struct sb b = {0};
	add(&b, "<html><body><article><div class=\"entry-content\"><p>%s</p><p>%s</p>", P[0], P[1]);
	add(&b, "<table><tr><th>Event</th><th>Winner</th></tr><tr><td>Relay</td><td>North</td></tr>"
	        "<tr><td>Long jump</td><td>South</td></tr></table></div></article>");
	add_sidebar(&b);
	add(&b, "</body></html>");
	wn_doc *d = load(b.s);
	ASSERT_KEEP(d, "Long jump");
	ASSERT_KEEP(d, "Winner");
	ASSERT_DROP(d, SIDE_LINKS[1]);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_link_paragraph_between_kept)
{
	/* A paragraph that is one link between two kept paragraphs of the
	 * same flow is text; a headline-case teaser link is not. */
	struct sb b = {0};
	add(&b, "<html><body><article><p>%s</p><p><a href=\"/petition\">Sign the petition for "
	        "the night buses here</a></p><p>%s</p><p><a href=\"/other\">Mayor Opens "
	        "Winter Market On The Quay</a></p><p>%s</p></article></body></html>",
	    P[0], P[1], P[2]);
	wn_doc *d = load(b.s);
	ASSERT_KEEP(d, "Sign the petition");
	ASSERT_DROP(d, "Mayor Opens Winter Market");
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_article_start_kept)
{
	/* Between the headline of an article element and its steps: the
	 * intro line and the ingredient list are the article's. */
	const char *html =
	    "<html><body><article class=\"recipe\"><h1>Plum cake</h1>"
	    "<p>A cake for a rainy afternoon.</p><ul><li>300 g plums</li><li>200 g flour</li>"
	    "<li>2 eggs</li></ul><div class=\"steps\"><ol>"
	    "<li>Beat the eggs with the sugar until the mixture is pale and thick, then fold in "
	    "the flour.</li><li>Spread the batter on a tray, press the halved plums into it and "
	    "bake for forty minutes.</li></ol></div></article></body></html>";
	wn_doc *d = load(html);
	ASSERT_KEEP(d, "A cake for a rainy afternoon.");
	ASSERT_KEEP(d, "200 g flour");
	ASSERT_KEEP(d, "Beat the eggs");
	ASSERT_DROP(d, "Plum cake");
	wn_doc_free(d);
}
END_TEST

START_TEST(test_comment_thread_does_not_win)
{
	/* A long comment thread in the element that holds a short article:
	 * the article, not a comment, is chosen. */
	struct sb b = {0};
	add(&b, "<html><body><div id=\"content\"><p>%s</p><p>%s</p><ol class=\"commentlist\">",
	    P[0], P[1]);
	for (int k = 0; k < 6; k++)
		add(&b, "<li class=\"comment\"><p>%s %s</p></li>", COMMENTS[k % 2], COMMENTS[(k + 1) % 2]);
	add(&b, "</ol></div></body></html>");
	wn_doc *d = load(b.s);
	ASSERT_KEEP(d, P[0]);
	ASSERT_KEEP(d, P[1]);
	ASSERT_DROP(d, COMMENTS[0]);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_stream_of_posts)
{
	/* A blog's front page: three posts of one kind, each with its title
	 * and paragraphs, are all the page's content; the sidebar is not. */
	struct sb b = {0};
	add(&b, "<html><body><div id=\"main\">");
	for (int k = 0; k < 3; k++) {
		add(&b, "<div class=\"post\"><h2>Post %d</h2><div class=\"post-body\">", k);
		for (int i = 0; i < 2 + k; i++)
			add(&b, "<p>%s</p>", P[(k + i) % 5]);
		add(&b, "</div></div>");
	}
	add(&b, "</div>");
	add_sidebar(&b);
	add(&b, "</body></html>");
	wn_doc *d = load(b.s);
	ASSERT_KEEP(d, "Post 0");
	ASSERT_KEEP(d, "Post 2");
	for (int i = 0; i < 5; i++)
		ASSERT_KEEP(d, P[i]);
	ASSERT_DROP(d, SIDE_LINKS[0]);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_forum_posts_marked_as_comments)
{
	/* A forum thread: its posts' class says comment, and there is nothing
	 * else on the page but a sidebar of offers.  The posts are kept. */
	struct sb b = {0};
	add(&b, "<html><body><main><div class=\"post-comment first\"><div class=\"comment-text\">"
	        "%s</div></div><div class=\"post-comment\"><div class=\"comment-text\">%s</div></div>"
	        "</main><aside><ul><li>Partner offers: save twenty percent on refurbished laptops this "
	        "week, only while stocks last and only for members.</li></ul></aside></body></html>",
	    P[0], P[2]);
	wn_doc *d = load(b.s);
	ASSERT_KEEP(d, P[0]);
	ASSERT_KEEP(d, P[2]);
	ASSERT_DROP(d, "Partner offers");
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_hidden_gallery_pages)
{
	/* Pages of a gallery hidden by their class after a visible one of
	 * their kind are the article's; a hidden block of another kind is
	 * not. */
	struct sb b = {0};
	add(&b, "<html><body><article><div class=\"gallery\">"
	        "<div class=\"gallery-page\"><p>%s</p></div>"
	        "<div class=\"gallery-page hidden\"><p>%s</p></div>"
	        "<div class=\"gallery-page hidden\"><p>%s</p></div>"
	        "<div class=\"print-note hidden\"><p>%s</p></div></div></article></body></html>",
	    P[0], P[1], P[2], P[3]);
	wn_doc *d = load(b.s);
	ASSERT_KEEP(d, P[0]);
	ASSERT_KEEP(d, P[1]);
	ASSERT_KEEP(d, P[2]);
	ASSERT_DROP(d, P[3]);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_captions_only_text)
{
	/* A slideshow whose captions are its only text: the captions. */
	struct sb b = {0};
	add(&b, "<html><body><article><h1>" TITLE "</h1><div class=\"slides\">");
	for (int i = 0; i < 3; i++)
		add(&b, "<figure><img src=\"%d.jpg\"><figcaption>%s</figcaption></figure>", i, P[i]);
	add(&b, "</div></article></body></html>");
	wn_doc *d = load(b.s);
	for (int i = 0; i < 3; i++)
		ASSERT_KEEP(d, P[i]);
	ASSERT_DROP(d, TITLE);
	wn_doc_free(d);
	free(b.s);
	/* with article text beside them, captions go */
	b = (struct sb){0};
	add(&b, "<html><body><article><p>%s</p><figure><img src=\"a.jpg\"><figcaption>%s"
	        "</figcaption></figure><p>%s</p></article></body></html>", P[0], P[1], P[2]);
	d = load(b.s);
	ASSERT_DROP(d, P[1]);
	ASSERT_KEEP(d, P[2]);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_rest_rule_on_subheading)
{
	/* A sub-heading ending in "says:" that the article's text goes on
	 * after is no start of the comments; a "says:" line over a comment
	 * still ends the article. */
	struct sb b = {0};
	add(&b, "<html><body><article><div class=\"entry\"><p>%s</p><h3>The council says:</h3>"
	        "<p>%s</p><p>%s</p></div></article></body></html>", P[0], P[1], P[2]);
	wn_doc *d = load(b.s);
	ASSERT_KEEP(d, "The council says:");
	ASSERT_KEEP(d, P[1]);
	ASSERT_KEEP(d, P[2]);
	wn_doc_free(d);
	free(b.s);
	b = (struct sb){0};
	add(&b, "<html><body><article><div class=\"entry\"><p>%s</p><p>%s</p>"
	        "<div class=\"c\"><div class=\"who\">Jane Roe says:</div><div class=\"said\"><p>%s</p>"
	        "</div></div></div></article></body></html>", P[0], P[1], P[2]);
	d = load(b.s);
	ASSERT_KEEP(d, P[1]);
	ASSERT_DROP(d, P[2]);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_next_article_left_out)
{
	/* Infinite scroll: the requested article (with the page's headline)
	 * and, appended below it, a longer next article of the same kind
	 * with its own headline.  Only the first is the page's. */
	struct sb b = {0};
	add(&b, "<html><head><title>" TITLE "</title></head><body><div class=\"stream\">"
	        "<article class=\"entry\"><h1>" TITLE "</h1><div class=\"text\"><p>%s</p><p>%s</p>"
	        "</div></article><article class=\"entry\"><h1>Harbour festival returns</h1>"
	        "<div class=\"text\"><p>%s</p><p>%s</p><p>%s</p></div></article></div></body></html>",
	    P[0], P[1], P[2], P[3], P[4]);
	wn_doc *d = load(b.s);
	ASSERT_KEEP(d, P[0]);
	ASSERT_KEEP(d, P[1]);
	ASSERT_DROP(d, "Harbour festival returns");
	ASSERT_DROP(d, P[2]);
	ASSERT_DROP(d, P[4]);
	wn_doc_free(d);
	free(b.s);
	/* sections of one article, each under a lower heading, stay */
	b = (struct sb){0};
	add(&b, "<html><head><title>" TITLE "</title></head><body><article><h1>" TITLE "</h1>"
	        "<section class=\"part\"><h2>Before</h2><p>%s</p><p>%s</p></section>"
	        "<section class=\"part\"><h2>After</h2><p>%s</p><p>%s</p></section></article>"
	        "</body></html>", P[0], P[1], P[2], P[3]);
	d = load(b.s);
	for (int i = 0; i < 4; i++)
		ASSERT_KEEP(d, P[i]);
	ASSERT_KEEP(d, "After");
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_no_narrowing_into_comments)
{
	/* The article's paragraphs loose in the content element, and a
	 * comment thread inside it, in an element whose id says comments,
	 * longer than the article: narrowing must not pick the thread. */
	struct sb b = {0};
	add(&b, "<html><body><div id=\"content\"><p>%s</p><p>%s</p><div id=\"comments\"><dl>",
	    P[0], P[1]);
	for (int k = 0; k < 8; k++)
		add(&b, "<dt>Reader %d</dt><dd><p>%s %s</p></dd>", k, COMMENTS[k % 2], COMMENTS[(k + 1) % 2]);
	add(&b, "</dl></div></div></body></html>");
	wn_doc *d = load(b.s);
	ASSERT_KEEP(d, P[0]);
	ASSERT_KEEP(d, P[1]);
	ASSERT_DROP(d, COMMENTS[0]);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_comments_heading_in_flat_template)
{
	/* A flat blog template: the article, then a heading whose id says
	 * comments, then the comments, all in one element.  The heading
	 * ends the article. */
	struct sb b = {0};
	add(&b, "<html><body><div class=\"content\"><p>%s</p><p>%s</p><p>%s</p>"
	        "<h2 id=\"comments\">What readers say</h2><div id=\"c1\"><p>%s</p></div>"
	        "<p class=\"posted\">Posted by: Jane at 10:12</p><div id=\"c2\"><p>%s</p></div>"
	        "</div></body></html>", P[0], P[1], P[2], COMMENTS[0], COMMENTS[1]);
	wn_doc *d = load(b.s);
	for (int i = 0; i < 3; i++)
		ASSERT_KEEP(d, P[i]);
	ASSERT_DROP(d, "What readers say");
	ASSERT_DROP(d, COMMENTS[0]);
	ASSERT_DROP(d, COMMENTS[1]);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_container_sunk_by_links)
{
	/* The headline in a cell of its own, the story in the next cell,
	 * ending with paragraphs that are all links to related stories:
	 * their link text outweighs the story, but the story's cell is the
	 * container, not the headline's. */
	struct sb b = {0};
	add(&b, "<html><body><table><tr><td><p class=\"headline\">%s</p></td></tr>"
	        "<tr><td><p>%s</p><p>%s</p><p>%s</p>", P[4], P[0], P[1], P[2]);
	for (int k = 0; k < 3; k++) {
		add(&b, "<p>");
		for (int n = 0; n < 12; n++)
			add(&b, "<a href=\"/s%d-%d\">Earlier story number %d of the series on the bridge</a> - ",
			    k, n, n);
		add(&b, "</p>");
	}
	add(&b, "</td></tr></table></body></html>");
	wn_doc *d = load(b.s);
	for (int i = 0; i < 3; i++)
		ASSERT_KEEP(d, P[i]);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_site_header_is_no_earlier_article)
{
	/* The site's name as h1 in a header of the same layout class as the
	 * post's wrapper, and the post with its own h1: the header is no
	 * earlier article (it holds no article text). */
	struct sb b = {0};
	add(&b, "<html><head><title>" TITLE " | Harbour Notes</title></head><body>"
	        "<div id=\"wrapper\"><div class=\"clearfix\"><div id=\"logo\"><h1>Harbour Notes</h1>"
	        "</div><p>Tips and news</p></div><div class=\"clearfix\"><div class=\"post\">"
	        "<h1>" TITLE "</h1><p>%s</p><p>%s</p><p>%s</p></div></div></div></body></html>",
	    P[0], P[1], P[2]);
	wn_doc *d = load(b.s);
	for (int i = 0; i < 3; i++)
		ASSERT_KEEP(d, P[i]);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_comment_link_does_not_cut)
{
	/* "Post a comment" as a link beside the byline jumps to the form: it
	 * goes, the article after it stays. */
	struct sb b = {0};
	add(&b, "<html><body><div class=\"story\"><p>%s</p><p><a href=\"#form\">Post a comment</a></p>"
	        "<p>%s</p><p>%s</p></div></body></html>", P[0], P[1], P[2]);
	wn_doc *d = load(b.s);
	ASSERT_DROP(d, "Post a comment");
	ASSERT_KEEP(d, P[1]);
	ASSERT_KEEP(d, P[2]);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_explain_region_line)
{
	/* -x ends with the region line, naming the container. */
	struct sb b = {0};
	add(&b, "<html><body><div class=\"story\"><p>%s</p><div class=\"inner\">", P[0]);
	for (int i = 1; i < 9; i++)
		add(&b, "<p>%s</p>", P[1 + i % 4]);
	add(&b, "</div></div></body></html>");
	wn_doc *d = load(b.s);
	char *x;
	size_t n;
	ck_assert_int_eq(wn_doc_explain(d, &x, &n), WN_OK);
	const char *r = strstr(x, "# region: container ");
	ck_assert_ptr_nonnull(r);
	ck_assert_ptr_nonnull(strstr(r, "div.inner"));
	ck_assert_ptr_nonnull(strstr(r, "narrowed from"));
	ck_assert_ptr_nonnull(strstr(r, "1 sibling part gathered"));
	free(x);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_favor_presets)
{
	/* recall keeps at least what balanced keeps, balanced more than
	 * precision, on a page whose last part follows an ad. */
	struct sb b = {0};
	add(&b, "<html><body><div class=\"wrap\"><div class=\"part\">");
	for (int i = 0; i < 8; i++)
		add(&b, "<p>%s</p>", P[1 + i % 4]);
	add(&b, "</div><div class=\"ad\">Advertisement</div><div class=\"part\"><p>%s</p></div></div>",
	    P[0]);
	add_sidebar(&b);
	add(&b, "</body></html>");
	size_t kept[3];
	wn_favor f[3] = {WN_FAVOR_PRECISION, WN_FAVOR_BALANCED, WN_FAVOR_RECALL};
	for (int i = 0; i < 3; i++) {
		struct wn_options o;
		wn_options_init(&o);
		wn_options_favor(&o, f[i]);
		wn_doc *d = load_with(b.s, &o);
		kept[i] = count_kept(d);
		wn_doc_free(d);
	}
	ck_assert_uint_lt(kept[0], kept[1]);
	ck_assert_uint_le(kept[1], kept[2]);
	/* balanced is wn_options_init's */
	struct wn_options a, z;
	wn_options_init(&a);
	wn_options_init(&z);
	wn_options_favor(&z, WN_FAVOR_RECALL);
	wn_options_favor(&z, WN_FAVOR_BALANCED);
	ck_assert_int_eq(memcmp(&a, &z, sizeof a), 0);
	free(b.s);
}
END_TEST

/* ---- text pages (score_text.c) --------------------------------------------- */

static wn_doc *load_text(const char *text)
{
	struct wn_options o;
	wn_options_init(&o);
	o.input = WN_INPUT_TEXT;
	wn_doc *d = wn_doc_new(&o);
	ck_assert_ptr_nonnull(d);
	wn_status rc = wn_doc_load(d, text, strlen(text));
	ck_assert_msg(rc == WN_OK, "load failed: %s", wn_doc_errmsg(d));
	return d;
}

#define TEXT_P1 "The harbour board met on Monday and voted to rebuild the old pier, " \
	"which has been closed to the public since the storm of last winter.\n\n"
#define TEXT_P2 "Work will start in the spring, the board said, and the pier should " \
	"open again before the summer season of next year, if the weather allows.\n\n"
#define TEXT_P3 "Local traders, who lost most of their visitors when the pier closed, " \
	"welcomed the decision and asked the board to keep the works short.\n\n"

/* Readers' comments on the pier, each saying something of its own (a
 * thread says nothing twice: repeats.c drops what it would). */
static const char *const PIER_COMMENTS[6] = {
    "I will walk there with my dog on the first day it opens. We have missed the sea air "
    "and the gulls all year long.",
    "my grandparents met on that pier, and we still keep the photograph of the dance hall "
    "at its end.",
    "though I wonder who pays for it: the board said last spring that no money was left "
    "for the wall.",
    "ask the fishermen first, since their boats tie up beside the pier and the works block "
    "the slipway.",
    "a cafe at the end would bring the visitors back, as it did when we queued there for "
    "ice cream.",
    "the storm damage is worse than the board admits, and the piles need a survey before "
    "new boards.",
};

/* A "Related stories" box above the article's body, after a caption: the
 * rest rule ends the caption's stretch, not the article under it. */
START_TEST(test_text_related_box_above_body)
{
	wn_doc *d = load_text("Harbour news\n\n"
	                      "A photograph of the old pier, taken from the beach before the storm.\n\n"
	                      "Related Stories\n\n"
	                      "Pier works delayed\n\nNew ferry timetable\n\n"
	                      TEXT_P1 TEXT_P2 TEXT_P3 TEXT_P1 TEXT_P2 TEXT_P3);
	const struct wn_block *b = find(d, "rebuild the old pier");
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(b->decision, WN_KEEP);
	b = find(d, "welcomed the decision");
	ck_assert_int_eq(b->decision, WN_KEEP);
	wn_doc_free(d);
}
END_TEST

/* A comment form after the article still ends it, even when the
 * comments after it are long. */
START_TEST(test_text_comments_after_form_dropped)
{
	wn_doc *d = load_text(TEXT_P1 TEXT_P2 TEXT_P3
	                      "Leave a Reply\n\n"
	                      "I have walked on that pier every summer since I was a child, and I am "
	                      "so glad that the board finally listened to the people of this town.\n\n"
	                      "Another reader writes that the works will take far longer than the "
	                      "board says, as they always do, and that traders will suffer again.\n\n");
	ck_assert_int_eq(find(d, "rebuild the old pier")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "every summer since I was a child")->decision, WN_DROP);
	wn_doc_free(d);
}
END_TEST

/* A row of comment signatures after the article ends it; the same row
 * under posts as long as the first is a stream of posts, kept. */
START_TEST(test_text_comment_signatures)
{
	wn_doc *d = load_text(TEXT_P1 TEXT_P2 TEXT_P3 TEXT_P1 TEXT_P2 TEXT_P3
	                      TEXT_P1 TEXT_P2 TEXT_P3
	                      "Posted by Anna at September 10, 2012 9:01 AM\n\n"
	                      "Lovely news, I will walk there with my dog on the first day it opens. "
	                      "We have missed the sea air and the gulls all year long.\n\n"
	                      "Posted by: Ben at September 10, 2012 11:40 AM\n\n"
	                      "About time too, the old one was falling apart for years and years. "
	                      "I hope they use better timber than the last time round.\n\n"
	                      "Posted by: Carla at September 10, 2012 12:11 PM\n\n"
	                      "My grandfather fished from that pier every Sunday morning for years. "
	                      "He would have been so happy to hear this news today.\n\n");
	ck_assert_int_eq(find(d, "rebuild the old pier")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "walk there with my dog")->decision, WN_DROP);
	ck_assert_int_eq(find(d, "grandfather fished")->decision, WN_DROP);
	wn_doc_free(d);
	d = load_text("Sunday, December 24, 2006 - the harbour\n\n" TEXT_P1
	              "Saturday, December 23, 2006 - the pier\n\n" TEXT_P2
	              "Friday, December 22, 2006 - the traders\n\n" TEXT_P3
	              "Thursday, December 21, 2006 - the board\n\n"
	              "The board will publish the plans for the new pier in the library, "
	              "where anyone may read them and write to the board about them.\n\n");
	const struct wn_block *b = NULL;
	for (size_t i = 0; i < wn_doc_block_count(d); i++)
		b = wn_doc_block(d, i);
	ck_assert_int_eq(b->decision, WN_KEEP); /* the last post */
	wn_doc_free(d);
}
END_TEST

/* Signatures without a year ("on Tuesday July 24, @09:10AM"), or with a
 * full stop inside ("at 7:53 pm. Reply"), still make a row; a verse
 * reference ("John 3:16") is no time. */
START_TEST(test_text_comment_signatures_times)
{
	static const char *const rows[][3] = {
	    {"by anna_k (222422) writes: on Tuesday July 24, @09:10AM (#40748133)",
	     "by ben77 (671521) writes: on Tuesday July 24, @09:13AM (#40748195)",
	     "by carla (704962) writes: on Tuesday July 24, @10:19AM (#40749083)"},
	    {"by Anna on November 14, 2010 at 7:53 pm. Reply #",
	     "by Ben on November 14, 2010 at 9:01 pm. Reply #",
	     "by Carla on November 15, 2010 at 8:50 am. Reply #"},
	    {"Anna wrote 5 hours ago", "Ben wrote 3 hours ago", "Carla wrote 2 hours ago"},
	};
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		struct sb b = {0};
		add(&b, "%s", TEXT_P1 TEXT_P2 TEXT_P3 TEXT_P1 TEXT_P2 TEXT_P3 TEXT_P1 TEXT_P2 TEXT_P3);
		for (int k = 0; k < 3; k++)
			add(&b, "%s\n\nLovely news number %d, %s\n\n", rows[r][k], k, PIER_COMMENTS[k]);
		wn_doc *d = load_text(b.s);
		ck_assert_int_eq(find(d, "rebuild the old pier")->decision, WN_KEEP);
		ck_assert_msg(find(d, "Lovely news number 2")->decision == WN_DROP, "row %zu kept", r);
		wn_doc_free(d);
		free(b.s);
	}
	/* Verses and scores are no signatures: nothing cut. */
	struct sb b = {0};
	add(&b, "%s", TEXT_P1 TEXT_P2 TEXT_P3 TEXT_P1 TEXT_P2 TEXT_P3 TEXT_P1 TEXT_P2 TEXT_P3);
	for (int k = 0; k < 3; k++)
		add(&b, "Reading for the week: John %d:16 and Psalm 23\n\nLovely news number %d, %s\n\n",
		    k + 3, k, PIER_COMMENTS[k]);
	wn_doc *d = load_text(b.s);
	ck_assert_int_eq(find(d, "Lovely news number 2")->decision, WN_KEEP);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

/* A story above a thread of comments that together outweigh it many
 * times (a text browser's Slashdot): the story is the article, and
 * headers with no date ("by kb2041 (1234) writes:") make the row.  A
 * forum, whose first post sits under a header too, stays whole. */
START_TEST(test_text_article_before_long_thread)
{
	struct sb b = {0};
	add(&b, "%s", TEXT_P1 TEXT_P2 TEXT_P3 TEXT_P1 TEXT_P2 TEXT_P3 TEXT_P1 TEXT_P2 TEXT_P3);
	for (int k = 0; k < 30; k++)
		add(&b, "by reader%d (%d) writes:\n\n"
		        "I hope the new boards last longer than the old ones did, and that the cafe "
		        "at the end opens again, because the view from there is the best in town.\n\n",
		    k, 1000 + k);
	wn_doc *d = load_text(b.s);
	ck_assert_int_eq(find(d, "rebuild the old pier")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "the cafe at the end opens again")->decision, WN_DROP);
	wn_doc_free(d);
	free(b.s);
	/* a forum: every post, the first included, under its header */
	b = (struct sb){0};
	for (int k = 0; k < 6; k++)
		add(&b, "by member%d (%d) writes:\n\nIn my post number %d I say that %s %s\n\n", k,
		    2000 + k, k, PIER_COMMENTS[k], TEXT_P1);
	d = load_text(b.s);
	const struct wn_block *last = wn_doc_block(d, wn_doc_block_count(d) - 1);
	ck_assert_int_eq(last->decision, WN_KEEP);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

/* After a comment counter, comments whose authors' lines hold no date
 * (no row of signatures) still never replace an article of some weight,
 * however long they are. */
START_TEST(test_text_comments_after_counter_never_win)
{
	struct sb b = {0};
	add(&b, "%s", TEXT_P1 TEXT_P2 TEXT_P3 TEXT_P1 TEXT_P2 TEXT_P3 TEXT_P1 TEXT_P2 TEXT_P3
	              "{ 167 comments }\n\n");
	for (int k = 0; k < 60; k++)
		add(&b, "Reader Number%d\n\nI hope the new boards last longer than the old ones did "
		        "(%d), and that the cafe at the end opens again, because the view from there "
		        "is the best in town.\n\n",
		    k, k);
	wn_doc *d = load_text(b.s);
	ck_assert_int_eq(find(d, "rebuild the old pier")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "did (59)")->decision, WN_DROP);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

/* Under a comment heading that a rule knows, the article need only
 * outweigh an average comment. */
START_TEST(test_text_thread_longer_than_article)
{
	/* After a comment counter, a thread far longer than the article:
	 * still comments, not the article. */
	struct sb b = {0};
	add(&b, "%s", TEXT_P1 TEXT_P2 TEXT_P3 "385 Comments\n\n");
	for (int k = 0; k < 30; k++)
		add(&b, "Reader%d — June 25th, 2012, 3:%02d am\n\n"
		        "Great story, I have walked on that pier since I was a child and I am glad "
		        "the council found the money at last, thank you for writing it up. My father "
		        "took me fishing there every summer, and we caught more crabs than fish.\n\n"
		        "I hope the new boards last longer than the old ones did, and that the cafe "
		        "at the end opens again, because the view from there is the best in town.\n\n"
		        "Reply\n\n",
		    k, k);
	wn_doc *d = load_text(b.s);
	ck_assert_int_eq(find(d, "rebuild the old pier")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "walked on that pier")->decision, WN_DROP);
	wn_doc_free(d);
	free(b.s);
}
END_TEST

START_TEST(test_text_cookie_dialog_wordings)
{
	/* A consent dialog under its heading, in wordings no rule knows:
	 * each paragraph that names cookies goes with the heading; the
	 * article after it, and a story about cookies with no dialog
	 * before it, stay. */
	wn_doc *d = load_text(TEXT_P1 "Privacy settings\n\n"
	                      "Small text files help this portal remember who you are, and these "
	                      "cookies also count how often each page is read.\n\n"
	                      "Statistics cookies show the editors which stories readers open "
	                      "most, so that the offer can be improved for every visitor.\n\n"
	                      TEXT_P2 TEXT_P3);
	ck_assert_int_eq(find(d, "Privacy settings")->decision, WN_DROP);
	ck_assert_int_eq(find(d, "Small text files help")->decision, WN_DROP);
	ck_assert_int_eq(find(d, "Statistics cookies show")->decision, WN_DROP);
	ck_assert_int_eq(find(d, "rebuild the old pier")->decision, WN_KEEP);
	wn_doc_free(d);
	d = load_text(TEXT_P1 "Browsers will block third-party cookies by default from next year, "
	                      "which advertisers say will cost small publishers much of their income.\n\n"
	                      TEXT_P2 TEXT_P3);
	ck_assert_int_eq(find(d, "block third-party cookies")->decision, WN_KEEP);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_text_lead_above_photo)
{
	/* The lead under the headline, then a photo's caption and credit
	 * and a sub-heading, then the body: the lead is kept, the caption
	 * and the credit are not. */
	wn_doc *d = load_text("Harbour board votes for a new pier\n\n"
	                      "The harbour board voted on Monday to rebuild the old pier, closed "
	                      "since the storm of last winter.\n\n"
	                      "The old pier at low tide\n\nPhoto: Jane Smith\n\nWhat happens next\n\n"
	                      TEXT_P2 TEXT_P3 TEXT_P2);
	ck_assert_int_eq(find(d, "voted on Monday to rebuild")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "The old pier at low tide")->decision, WN_DROP);
	ck_assert_int_eq(find(d, "Photo: Jane Smith")->decision, WN_DROP);
	ck_assert_int_eq(find(d, "Work will start in the spring")->decision, WN_KEEP);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_text_standfirst_under_headline)
{
	/* Headline, then a longer line without a full stop right above the
	 * body: the standfirst is article text, the headline the title. */
	wn_doc *d = load_text("Menu\n\nHarbour board votes for a new pier\n\n"
	                      "A pier closed since last winter's storm will open again before the summer\n\n"
	                      TEXT_P1 TEXT_P2 TEXT_P3);
	ck_assert_int_eq(find(d, "open again before the summer")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "Harbour board votes")->decision, WN_DROP);
	ck_assert_str_eq(wn_doc_metadata(d)->title, "Harbour board votes for a new pier");
	wn_doc_free(d);

	/* A date line in its place is no standfirst. */
	d = load_text("Menu\n\nHarbour board votes for a new pier\n\n"
	              "Updated 5:27 am CST, Wednesday, November 20, 2019\n\n"
	              TEXT_P1 TEXT_P2 TEXT_P3);
	ck_assert_int_eq(find(d, "Updated 5:27 am CST")->decision, WN_DROP);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_text_comment_signatures_heading)
{
	wn_doc *d = load_text(TEXT_P1 TEXT_P2 TEXT_P3
	                      "Posted by Anna at September 10, 2012 9:01 AM\n\n"
	                      "Comments\n\n"
	                      "Posted by: Ben at September 10, 2012 11:40 AM\n\n"
	                      "About time too, the old one was falling apart for years and years. "
	                      "I hope they use better timber than the last time round, and that "
	                      "they finish it before the summer crowds arrive in June.\n\n"
	                      "Posted by: Carla at September 10, 2012 12:11 PM\n\n"
	                      "My grandfather fished from that pier every Sunday morning for years. "
	                      "He would have been so happy to hear this news today, and he would "
	                      "have been the first one on it with his rod and his flask.\n\n"
	                      "Posted by: Dan at September 10, 2012 12:30 PM\n\n"
	                      "Lovely news, I will walk there with my dog on the first day it opens. "
	                      "We have missed the sea air and the gulls all year long, and the "
	                      "children have asked about the pier every single weekend.\n\n");
	ck_assert_int_eq(find(d, "rebuild the old pier")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "grandfather fished")->decision, WN_DROP);
	wn_doc_free(d);
}
END_TEST

/* A table of figures inside the article stays, and the text after it. */
START_TEST(test_text_number_table)
{
	wn_doc *d = load_text(TEXT_P1
	                      "Pos Team Played Won Points\n\n"
	                      "1 Harbour 12 9 27\n\n2 Pier 12 8 24\n\n3 Traders 12 7 21\n\n"
	                      "4 Board 12 5 15\n\n5 Gulls 12 4 12\n\n6 Anglers 12 2 6\n\n"
	                      "7 Ferries 12 1 3\n\n8 Beach 12 0 0\n\n"
	                      TEXT_P2);
	ck_assert_int_eq(find(d, "rebuild the old pier")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "3 Traders 12 7 21")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "Work will start in the spring")->decision, WN_KEEP);
	wn_doc_free(d);

	/* Amounts with their currency sign are figures too. */
	d = load_text(TEXT_P1
	              "Town Price Yearly Monthly\n\n"
	              "Harbour $83 28.7% -2.1%\n\nPier $105 6.4% 1.8%\n\nTraders \xe2\x82\xac" "253 1.7% 1.1%\n\n"
	              "Board \xc2\xa3" "117 3.4% 1.6%\n\nGulls $215 3.1% 1.4%\n\nAnglers $286 5.9% -2.5%\n\n"
	              "Ferries $379 11.9% 4.0%\n\nBeach $228 -1.7% -0.2%\n\n"
	              TEXT_P2);
	ck_assert_int_eq(find(d, "Board \xc2\xa3" "117 3.4% 1.6%")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "Work will start in the spring")->decision, WN_KEEP);
	wn_doc_free(d);
}
END_TEST

/* A long line of capitalised words without a sentence (a tag cloud) is
 * no article text, even right under the article. */
START_TEST(test_text_tag_line)
{
	wn_doc *d = load_text(TEXT_P1 TEXT_P2
	                      "Harbour Tides Boats Fishing Weather Ferry Island Coast Summer Sailing "
	                      "Regatta Lighthouse Port Marina Beach Dunes Storm Wind Waves Anchors\n\n");
	ck_assert_int_eq(find(d, "rebuild the old pier")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "Regatta Lighthouse")->decision, WN_DROP);
	wn_doc_free(d);
}
END_TEST

/* lynx's feed line above the page is chrome: no article text that a
 * comment counter in the byline could then cut the article after. */
START_TEST(test_text_browser_chrome)
{
	wn_doc *d = load_text("   #Harbour News \xc2\xbb Feed Harbour News \xc2\xbb Comments Feed "
	                      "Harbour News \xc2\xbb Why the pier is closed Comments Feed "
	                      "alternate alternate\n\n"
	                      "Why the pier is closed\n\n"
	                      "     * Posted by Anna\n     * March 3, 2021\n     * 3 Comments\n\n"
	                      TEXT_P1 TEXT_P2
	                      "   IFRAME: http://www.example.com/widgets/like.php?href=http://"
	                      "harbour.example.org/2021/03/why-the-pier-is-closed-and-when-it-will-"
	                      "open-again.html&show_faces=false&width=450\n\n"
	                      TEXT_P3);
	ck_assert_int_eq(find(d, "rebuild the old pier")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "welcomed the decision")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "Comments Feed")->decision, WN_DROP);
	ck_assert_int_eq(find(d, "IFRAME")->decision, WN_DROP);
	wn_doc_free(d);
}
END_TEST

#define MENU "     * Home\n     * News\n     * Sport\n     * Weather\n" \
	"     * Business\n     * Culture\n     * Travel\n     * Science\n" \
	"     * Health\n     * Food\n     * Opinion\n     * Archive\n"

/* An article cut in two by boilerplate too heavy to bridge (a long menu)
 * keeps both parts. */
START_TEST(test_text_extra_run)
{
	wn_doc *d = load_text(TEXT_P1 TEXT_P2 TEXT_P3
	                      MENU MENU MENU MENU "\n"
	                      "The board will publish the plans for the new pier in the library, "
	                      "where anyone may read them and write to the board about them.\n\n"
	                      "A public meeting about the plans is set for the first Tuesday of next "
	                      "month in the town hall, and the mayor has promised to attend.\n\n");
	ck_assert_int_eq(find(d, "rebuild the old pier")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "public meeting about the plans")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "Weather")->decision, WN_DROP);
	wn_doc_free(d);
}
END_TEST

/* ... but a run beyond the boilerplate that holds the signatures of
 * comments is a thread, not the article's second part; a page of posts
 * whose datelines are bare dates is no thread. */
START_TEST(test_text_extra_run_thread)
{
	static const char *const thread =
	    "Posted by: Ann Lee | November 1, 2012 at 10:57 AM\n\n"
	    "I walked on that pier every summer as a child, and I am glad to read that the "
	    "board will finally rebuild it for the next generation.\n\n"
	    "Posted by: Bob Marsh | November 1, 2012 at 11:20 AM\n\n"
	    "The money would be better spent on the school roof, which has leaked for years "
	    "and which the board keeps promising to mend next spring.\n\n"
	    "Posted by: Carla Diaz | November 2, 2012 at 09:05 AM\n\n"
	    "Does anyone know whether the fishing club will keep its place at the end of the "
	    "pier once the new one is built and opened again?\n\n";
	struct sb t = {0};
	add(&t, "%s%s%s%s%s%s%s\n%s", TEXT_P1, TEXT_P2, TEXT_P3, MENU, MENU, MENU, MENU, thread);
	wn_doc *d = load_text(t.s);
	ck_assert_int_eq(find(d, "rebuild the old pier")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "school roof")->decision, WN_DROP);
	ck_assert_str_eq(find(d, "school roof")->reason, "a thread of comments beside the article");
	ck_assert_int_eq(find(d, "fishing club")->decision, WN_DROP);
	wn_doc_free(d);
	free(t.s);
	/* Datelines alone: the posts of a blog's front page stay. */
	d = load_text(TEXT_P1 TEXT_P2 TEXT_P3 MENU MENU MENU MENU "\n"
	              "November 29, 2006\n\n"
	              "The board will publish the plans for the new pier in the library, "
	              "where anyone may read them and write to the board about them.\n\n"
	              "November 27, 2006\n\n"
	              "A public meeting about the plans is set for the first Tuesday of next "
	              "month in the town hall, and the mayor has promised to attend.\n\n"
	              "November 25, 2006\n\n"
	              "The ferry will run twice an hour while the pier is closed, the company "
	              "said, and tickets will cost the same as before.\n\n");
	ck_assert_int_eq(find(d, "public meeting about the plans")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "ferry will run")->decision, WN_KEEP);
	wn_doc_free(d);
}
END_TEST

/* A checklist of short phrases between article paragraphs is the
 * article's; a menu of one or two words, or of capitalised words, is not. */
START_TEST(test_text_short_list_inside)
{
	wn_doc *d = load_text(TEXT_P1
	                      "     * Seal the door frame\n     * Lay a thick rug\n"
	                      "     * Plant a hedge\n     * Move the desk away\n\n"
	                      TEXT_P2 TEXT_P3);
	ck_assert_int_eq(find(d, "Lay a thick rug")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "Plant a hedge")->decision, WN_KEEP);
	wn_doc_free(d);
}
END_TEST

/* A checklist and a short closing sentence after the last paragraph are
 * the article's end. */
START_TEST(test_text_closing_lines)
{
	wn_doc *d = load_text(TEXT_P1 TEXT_P2 "Checklist\n\n"
	                      "     * Seal the door frame\n     * Hang heavy curtains\n"
	                      "     * Lay a thick rug\n\n"
	                      "Two of these steps halve the noise.\n\n"
	                      "Share this\n\n");
	ck_assert_int_eq(find(d, "Hang heavy curtains")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "halve the noise")->decision, WN_KEEP);
	ck_assert_int_eq(find(d, "Share this")->decision, WN_DROP);
	wn_doc_free(d);
}
END_TEST

static Suite *score_suite(void)
{
	Suite *s = suite_create("score");
	TCase *tc;

	tc = tcase_create("standard_page");
	tcase_add_test(tc, test_standard_page);
	tcase_add_test(tc, test_scores_rank_article_above_chrome);
	tcase_add_test(tc, test_title_heading_dropped);
	tcase_add_test(tc, test_title_heading_with_site_suffix);
	tcase_add_test(tc, test_subheading_kept);
	suite_add_tcase(s, tc);

	tc = tcase_create("inside_article");
	tcase_add_test(tc, test_link_list_in_article_dropped);
	tcase_add_test(tc, test_paragraph_with_some_links_kept);
	tcase_add_test(tc, test_short_paragraph_between_long_kept);
	tcase_add_test(tc, test_short_line_opening_article_kept);
	tcase_add_test(tc, test_byline_at_top_dropped);
	tcase_add_test(tc, test_byline_class_dropped);
	tcase_add_test(tc, test_hidden_paragraph_dropped);
	tcase_add_test(tc, test_share_and_related_in_article_dropped);
	suite_add_tcase(s, tc);

	tc = tcase_create("no_article");
	tcase_add_test(tc, test_nav_only_keeps_nothing);
	tcase_add_test(tc, test_link_page_with_headings_keeps_nothing);
	tcase_add_test(tc, test_short_text_page);
	suite_add_tcase(s, tc);

	tc = tcase_create("container");
	tcase_add_test(tc, test_container_article);
	tcase_add_test(tc, test_container_plain_div);
	tcase_add_test(tc, test_container_plain_div_no_hints);
	tcase_add_test(tc, test_container_table_layout);
	tcase_add_test(tc, test_container_table_br_paragraphs);
	tcase_add_test(tc, test_container_main_itemprop);
	suite_add_tcase(s, tc);

	tc = tcase_create("junk_outweighs");
	tcase_add_test(tc, test_long_comments_still_dropped);
	tcase_add_test(tc, test_long_sidebar_aside_dropped);
	suite_add_tcase(s, tc);

	tc = tcase_create("parts");
	tcase_add_test(tc, test_first_paragraph_beside_wrapper);
	tcase_add_test(tc, test_sections_split_by_ad);
	tcase_add_test(tc, test_unlike_sibling_after_not_gathered);
	tcase_add_test(tc, test_standfirst_in_article_header);
	tcase_add_test(tc, test_standfirst_marked_outside_article);
	tcase_add_test(tc, test_short_lines_page);
	tcase_add_test(tc, test_listing_page);
	tcase_add_test(tc, test_table_after_text_kept);
	tcase_add_test(tc, test_link_paragraph_between_kept);
	tcase_add_test(tc, test_article_start_kept);
	tcase_add_test(tc, test_comment_thread_does_not_win);
	tcase_add_test(tc, test_explain_region_line);
	tcase_add_test(tc, test_stream_of_posts);
	tcase_add_test(tc, test_forum_posts_marked_as_comments);
	tcase_add_test(tc, test_hidden_gallery_pages);
	tcase_add_test(tc, test_captions_only_text);
	tcase_add_test(tc, test_rest_rule_on_subheading);
	tcase_add_test(tc, test_next_article_left_out);
	tcase_add_test(tc, test_no_narrowing_into_comments);
	tcase_add_test(tc, test_comments_heading_in_flat_template);
	tcase_add_test(tc, test_favor_presets);
	tcase_add_test(tc, test_text_related_box_above_body);
	tcase_add_test(tc, test_text_comments_after_form_dropped);
	tcase_add_test(tc, test_text_comment_signatures);
	tcase_add_test(tc, test_text_comment_signatures_times);
	tcase_add_test(tc, test_text_article_before_long_thread);
	tcase_add_test(tc, test_text_comments_after_counter_never_win);
	tcase_add_test(tc, test_text_comment_signatures_heading);
	tcase_add_test(tc, test_text_thread_longer_than_article);
	tcase_add_test(tc, test_text_cookie_dialog_wordings);
	tcase_add_test(tc, test_text_lead_above_photo);
	tcase_add_test(tc, test_text_standfirst_under_headline);
	tcase_add_test(tc, test_text_number_table);
	tcase_add_test(tc, test_text_tag_line);
	tcase_add_test(tc, test_text_browser_chrome);
	tcase_add_test(tc, test_text_extra_run);
	tcase_add_test(tc, test_text_extra_run_thread);
	tcase_add_test(tc, test_text_short_list_inside);
	tcase_add_test(tc, test_text_closing_lines);
	tcase_add_test(tc, test_container_sunk_by_links);
	tcase_add_test(tc, test_site_header_is_no_earlier_article);
	tcase_add_test(tc, test_comment_link_does_not_cut);
	suite_add_tcase(s, tc);

	tc = tcase_create("reasons");
	tcase_add_test(tc, test_every_block_has_reason);
	tcase_add_test(tc, test_decisions_stable_on_reload);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(score_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
