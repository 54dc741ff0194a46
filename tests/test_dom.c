/*
 * test_dom.c - the HTML walker (dom.c) and block features (features.c),
 * through the public wn_doc interface and, where needed, the internal
 * functions of page.h.
 */
#include <check.h>
#include <gumbo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "page.h"
#include "winnow.h"

/* ---- helpers ----------------------------------------------------------- */

static wn_doc *load_opts(const char *html, const struct wn_options *o)
{
	wn_doc *d = wn_doc_new(o);
	ck_assert_ptr_nonnull(d);
	wn_status rc = wn_doc_load(d, html, strlen(html));
	ck_assert_msg(rc == WN_OK, "load failed: %s (%s)", wn_status_str(rc),
	              wn_doc_errmsg(d));
	return d;
}

static wn_doc *load(const char *html)
{
	return load_opts(html, NULL);
}

/* The first block whose text contains s, or NULL. */
static const struct wn_block *find(const wn_doc *d, const char *s)
{
	for (size_t i = 0; i < wn_doc_block_count(d); i++) {
		const struct wn_block *b = wn_doc_block(d, i);
		if (strstr(b->text, s))
			return b;
	}
	return NULL;
}

/* The block whose text is exactly s, or NULL. */
static const struct wn_block *find_exact(const wn_doc *d, const char *s)
{
	for (size_t i = 0; i < wn_doc_block_count(d); i++) {
		const struct wn_block *b = wn_doc_block(d, i);
		if (strcmp(b->text, s) == 0)
			return b;
	}
	return NULL;
}

static const struct wn_block *must_find(const wn_doc *d, const char *s)
{
	const struct wn_block *b = find(d, s);
	ck_assert_msg(b != NULL, "no block contains \"%s\"", s);
	return b;
}

/* 1 when s (len bytes) is valid UTF-8 by utf8proc, with no NUL. */
static int valid_utf8(const char *s, size_t len)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	size_t i = 0;
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0 || cp == 0)
			return 0;
		i += (size_t)n;
	}
	return 1;
}

/* Every block: text valid UTF-8, len matches, NUL-terminated. */
static void check_all_valid(const wn_doc *d)
{
	for (size_t i = 0; i < wn_doc_block_count(d); i++) {
		const struct wn_block *b = wn_doc_block(d, i);
		ck_assert_ptr_nonnull(b->text);
		ck_assert_uint_eq(strlen(b->text), b->len);
		ck_assert_msg(valid_utf8(b->text, b->len),
		              "block %zu has invalid UTF-8", i);
	}
}

/* ---- invisible format characters --------------------------------------- */

/* A soft hyphen marks where a word may be broken; the word is one word. */
/* A run of combining marks longer than 30 (UAX #15's Stream-Safe Text
 * Format) gets a COMBINING GRAPHEME JOINER after every 30; a short run is
 * composed as NFC says. */
START_TEST(test_stream_safe_marks)
{
	char html[4096];
	size_t n = (size_t)snprintf(html, sizeof html, "<p>Marks: a");
	for (int i = 0; i < 100; i++) /* acute (230), grave below (220) */
		n += (size_t)snprintf(html + n, sizeof html - n, "%s", i % 2 ? "\xCC\x96" : "\xCC\x81");
	snprintf(html + n, sizeof html - n, " and e\xCC\x81 too.</p>");
	wn_doc *d = load(html);
	const struct wn_block *b = must_find(d, "Marks:");
	unsigned cgj = 0, run = 0, longest = 0;
	for (size_t i = 0; i + 1 < b->len; i++) {
		if ((unsigned char)b->text[i] == 0xCD && (unsigned char)b->text[i + 1] == 0x8F)
			cgj++, run = 0;
		else if ((unsigned char)b->text[i] == 0xCC)
			longest = ++run > longest ? run : longest;
		else if (((unsigned char)b->text[i] & 0xC0) != 0x80)
			run = 0;
	}
	ck_assert_uint_eq(cgj, 3);      /* 99 marks after the composed a-acute */
	ck_assert_uint_le(longest, 30); /* no run of marks longer than 30 */
	ck_assert_ptr_nonnull(strstr(b->text, "\xC3\xA9 too.")); /* e + acute composed */
	check_all_valid(d);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_soft_hyphen_removed)
{
	wn_doc *d = load("<p>W\xC3\xA4h&shy;rend des Fes&shy;tes sang der Chor.</p>"
	                 "<p>Kin\xC2\xAD" "der flech\xC2\xAD" "ten K\xC3\xB6r\xC2\xAD" "be.</p>");
	const struct wn_block *b = must_find(d, "des Festes");
	ck_assert_str_eq(b->text, "W\xC3\xA4hrend des Festes sang der Chor.");
	ck_assert_uint_eq(b->len, strlen(b->text));
	ck_assert_uint_eq(b->words, 6);
	ck_assert_uint_eq(b->chars, 33);
	b = must_find(d, "Kinder");
	ck_assert_str_eq(b->text, "Kinder flechten K\xC3\xB6rbe.");
	ck_assert_uint_eq(b->words, 3);
	ck_assert_uint_eq(b->chars, 22);
	check_all_valid(d);
	wn_doc_free(d);
}
END_TEST

/* The word joiner and U+FEFF (zero width no-break space, or a byte order
 * mark left inside a page) go too; a word made of nothing else leaves no
 * double space, at the start, in the middle or at the end. */
START_TEST(test_word_joiners_removed)
{
	wn_doc *d = load("<p>\xEF\xBB\xBFhalf\xE2\x81\xA0way and &shy; back &#xFEFF;</p>");
	ck_assert_uint_eq(wn_doc_block_count(d), 1);
	const struct wn_block *b = wn_doc_block(d, 0);
	ck_assert_str_eq(b->text, "halfway and back");
	ck_assert_uint_eq(b->words, 3);
	ck_assert_uint_eq(b->chars, 16);
	wn_doc_free(d);
	/* A block of nothing but soft hyphens is no block. */
	d = load("<p>&shy;&shy;</p><p>text</p>");
	ck_assert_uint_eq(wn_doc_block_count(d), 1);
	wn_doc_free(d);
}
END_TEST

/* Left alone: U+200B marks the word boundaries of Thai and Khmer text, and
 * ZWNJ and ZWJ change how Persian, Indic scripts and emoji are written. */
START_TEST(test_zero_width_kept)
{
	wn_doc *d = load("<p>\xE0\xB8\xAA\xE0\xB8\xA7\xE0\xB8\xB1\xE0\xB8\xAA\xE0\xB8\x94\xE0\xB8\xB5"
	                 "\xE2\x80\x8B\xE0\xB8\x84\xE0\xB8\xA3\xE0\xB8\xB1\xE0\xB8\x9A</p>" /* สวัสดี​ครับ */
	                 "<p>\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1\xD9\x88\xD9\x85</p>"   /* می‌روم */
	                 "<p>\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB</p>");         /* 👩‍💻 */
	ck_assert_ptr_nonnull(find(d, "\xE2\x80\x8B"));
	ck_assert_uint_eq(must_find(d, "\xE2\x80\x8B")->words, 2);
	ck_assert_ptr_nonnull(find(d, "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1"));
	ck_assert_ptr_nonnull(find(d, "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB"));
	wn_doc_free(d);
}
END_TEST

/* Link characters are counted as the text is: without soft hyphens. */
START_TEST(test_soft_hyphen_link_chars)
{
	wn_doc *d = load("<p><a href=\"/x\">Ver&shy;an&shy;stal&shy;tung</a></p>");
	const struct wn_block *b = must_find(d, "Veranstaltung");
	ck_assert_uint_eq(b->chars, 13);
	ck_assert_uint_eq(b->link_chars, 13);
	wn_doc_free(d);
	d = load("<p><a href=\"/x\">Ver&shy;an&shy;stal&shy;tung</a> und noch viel mehr Text</p>");
	b = must_find(d, "Veranstaltung");
	ck_assert_uint_eq(b->link_chars, 13);
	wn_doc_free(d);
}
END_TEST

/* Titles, metadata and Markdown are normalised the same way. */
START_TEST(test_soft_hyphen_title_markdown)
{
	struct wn_options o;
	wn_options_init(&o);
	o.markdown = WN_MD_ON;
	wn_doc *d = load_opts("<html><head><title>Markt&shy;tag</title></head><body>"
	                      "<article><p>Der <em>Wo&shy;chen&shy;markt</em> beginnt um acht "
	                      "Uhr auf dem Platz vor dem Rathaus, und er dauert bis zum "
	                      "Mittag.</p></article></body></html>", &o);
	ck_assert_str_eq(wn_doc_title(d), "Markttag");
	char *md;
	size_t n;
	ck_assert_int_eq(wn_doc_markdown(d, &md, &n), WN_OK);
	ck_assert_ptr_nonnull(strstr(md, "*Wochenmarkt*"));
	ck_assert_ptr_null(strstr(md, "\xC2\xAD"));
	free(md);
	wn_doc_free(d);
}
END_TEST

/* Ruby: the base text is the text; the readings above it (rt, rtc) and the
 * parentheses for browsers without ruby (rp) are not inlined. */
START_TEST(test_ruby_base_only)
{
	wn_doc *d = load("<p><ruby>\xE6\xBC\xA2\xE5\xAD\x97<rp>(</rp><rt>\xE3\x81\x8B\xE3\x82\x93"
	                 "\xE3\x81\x98</rt><rp>)</rp></ruby>\xE3\x82\x92\xE6\x9B\xB8\xE3\x81\x8F"
	                 "</p>"                                     /* 漢字(かんじ)を書く */
	                 "<p>A <ruby><rb>base</rb><rtc><rt>note</rt></rtc></ruby> word and "
	                 "<ruby>\xE6\x9D\xB1<rt>\xE3\x81\xA8\xE3\x81\x86</rt>\xE4\xBA\xAC<rt>"
	                 "\xE3\x81\x8D\xE3\x82\x87\xE3\x81\x86</rt></ruby>.</p>"); /* 東(とう)京(きょう) */
	ck_assert_uint_eq(wn_doc_block_count(d), 2);
	const struct wn_block *b = wn_doc_block(d, 0);
	ck_assert_str_eq(b->text, "\xE6\xBC\xA2\xE5\xAD\x97\xE3\x82\x92\xE6\x9B\xB8\xE3\x81\x8F");
	ck_assert_uint_eq(b->chars, 5);
	b = wn_doc_block(d, 1);
	ck_assert_str_eq(b->text, "A base word and \xE6\x9D\xB1\xE4\xBA\xAC.");
	wn_doc_free(d);
}
END_TEST

/* ---- embedded HTML: script templates and noscript ---------------------- */

#define EMBED_P1 "The village library opened its new reading room on Saturday, with " \
	"two hundred children's books donated by families from the valley."
#define EMBED_P2 "Volunteers will keep the room open on three evenings a week, and " \
	"the council has promised to pay for heating through the winter months."

/* How many blocks contain s. */
static unsigned count_blocks(const wn_doc *d, const char *s)
{
	unsigned n = 0;
	for (size_t i = 0; i < wn_doc_block_count(d); i++)
		n += strstr(wn_doc_block(d, i)->text, s) != NULL;
	return n;
}

/* How many times s occurs in the article text. */
static unsigned count_in_text(const wn_doc *d, const char *s)
{
	char *text;
	size_t len;
	ck_assert_int_eq(wn_doc_text(d, &text, &len), WN_OK);
	unsigned n = 0;
	for (const char *p = text; (p = strstr(p, s)) != NULL; p++)
		n++;
	free(text);
	return n;
}

/* The body only in a script template, and part of it again in a noscript
 * copy: read at its place, each paragraph once. */
START_TEST(test_embed_template_body)
{
	wn_doc *d = load("<html><body><div class=\"post\">"
	                 "<script type=\"text/template\">\n <p>" EMBED_P1 "</p>\n"
	                 " <p>" EMBED_P2 "</p>\n</script>"
	                 "<noscript><p>" EMBED_P1 "</p></noscript></div>"
	                 "<div class=\"blurb\">News from the valley and its people.</div>"
	                 "</body></html>");
	ck_assert_uint_eq(count_blocks(d, "reading room"), 1);
	ck_assert_uint_eq(count_blocks(d, "three evenings"), 1);
	const struct wn_block *b = must_find(d, "reading room");
	ck_assert_int_eq(b->kind, WN_BLOCK_PARAGRAPH);
	ck_assert_uint_lt(b->index, must_find(d, "three evenings")->index);
	ck_assert_uint_lt(must_find(d, "three evenings")->index,
	                  must_find(d, "News from the valley")->index);
	ck_assert_uint_eq(count_in_text(d, "reading room"), 1);
	ck_assert_uint_eq(count_in_text(d, "three evenings"), 1);
	check_all_valid(d);
	wn_doc_free(d);

	/* The other types that hold HTML, in any case, the noscript first. */
	const char *types[] = {"text/x-template", "text/html", " TEXT/NG-TEMPLATE "};
	for (size_t i = 0; i < 3; i++) {
		char page[2048];
		snprintf(page, sizeof page,
		         "<body><h2>Valley news</h2><noscript><p>%s</p></noscript>"
		         "<script type=\"%s\"><p>%s</p><p>%s</p></script></body>",
		         EMBED_P2, types[i], EMBED_P1, EMBED_P2);
		d = load(page);
		ck_assert_uint_eq(count_blocks(d, "reading room"), 1);
		ck_assert_uint_eq(count_blocks(d, "three evenings"), 1);
		wn_doc_free(d);
	}
}
END_TEST

/* The body only in a noscript, in the body's markup. */
START_TEST(test_embed_noscript_body)
{
	wn_doc *d = load("<html><head><title>Valley news</title></head><body>"
	                 "<div id=\"app\">Loading</div><noscript><article><h2>Reading room"
	                 "</h2><p>" EMBED_P1 "</p><ul><li>" EMBED_P2 "</li></ul></article>"
	                 "</noscript></body></html>");
	must_find(d, "reading room");
	ck_assert_int_eq(must_find(d, "three evenings")->kind, WN_BLOCK_LIST_ITEM);
	ck_assert_int_eq(must_find(d, "Reading room")->kind, WN_BLOCK_HEADING);
	ck_assert_uint_eq(count_in_text(d, "reading room"), 1);
	ck_assert_uint_eq(count_in_text(d, "three evenings"), 1);
	wn_doc_free(d);
}
END_TEST

/* Small embeds are not read, even on a page that is all embeds: a
 * tracking pixel, an "enable JavaScript" notice. */
START_TEST(test_embed_small_not_read)
{
	wn_doc *d = load("<body><noscript><img src=\"https://example.com/px.gif?id=12345678901234"
	                 "5678901234567890123456789012345678901234567890123456789012345678901234"
	                 "5678901234567890123456789012345678901234567890123456789012345678901234"
	                 "567890\" width=\"1\" height=\"1\"></noscript>"
	                 "<noscript><p>Please enable JavaScript to read this site.</p></noscript>"
	                 "<p>Short text.</p></body>");
	ck_assert_uint_eq(wn_doc_block_count(d), 1);
	ck_assert_ptr_null(find(d, "enable JavaScript"));
	wn_doc_free(d);
}
END_TEST

/* A page that shows its article keeps its templates to itself: the teasers
 * of a modal are not read, nor a noscript copy of the article. */
START_TEST(test_embed_page_with_article)
{
	wn_doc *d = load("<body><article><p>" EMBED_P1 "</p><p>" EMBED_P2 "</p><p>" EMBED_P1
	                 " Again.</p></article>"
	                 "<noscript><p>" EMBED_P1 "</p><p>" EMBED_P2 "</p></noscript>"
	                 "<script type=\"text/template\"><ul><li>A teaser for another story "
	                 "about the ferry and its timetable for the summer season.</li><li>A "
	                 "teaser for a story about the harbour and the boats that winter "
	                 "there.</li></ul></script></body>");
	ck_assert_ptr_null(find(d, "teaser"));
	ck_assert_uint_eq(count_blocks(d, "three evenings"), 1);
	wn_doc_free(d);
}
END_TEST

/* Scripts that are not HTML stay unread: JavaScript that builds HTML, and
 * a template of JSON data. */
START_TEST(test_embed_not_html)
{
	wn_doc *d = load("<body><p>Header</p>"
	                 "<script>document.write('<p>" EMBED_P1 EMBED_P2 "</p>');</script>"
	                 "<script type=\"text/javascript\">var s = '<p>" EMBED_P1 EMBED_P2
	                 "</p>';</script>"
	                 "<script type=\"text/template\">{\"html\": \"<p>" EMBED_P1 EMBED_P2
	                 "</p>\"}</script></body>");
	ck_assert_uint_eq(wn_doc_block_count(d), 1);
	ck_assert_ptr_null(find(d, "reading room"));
	wn_doc_free(d);
}
END_TEST

/* An embed inside an embed: a noscript that holds nothing but a template
 * counts the template's text and is read; a noscript copy inside a
 * template is read once. */
START_TEST(test_embed_nested)
{
	wn_doc *d = load("<body><p>Header</p><noscript><div><script type=\"text/template\">"
	                 "<p>" EMBED_P1 "</p><p>" EMBED_P2 "</p></script></div></noscript>"
	                 "</body>");
	ck_assert_uint_eq(count_blocks(d, "reading room"), 1);
	ck_assert_uint_eq(count_blocks(d, "three evenings"), 1);
	wn_doc_free(d);
	d = load("<body><p>Header</p><script type=\"text/template\"><div><p>" EMBED_P1
	         "</p><p>" EMBED_P2 "</p><noscript><p>" EMBED_P1 "</p><p>" EMBED_P2
	         "</p></noscript></div></script></body>");
	ck_assert_uint_eq(count_blocks(d, "reading room"), 1);
	ck_assert_uint_eq(count_blocks(d, "three evenings"), 1);
	wn_doc_free(d);
}
END_TEST

/* An embed goes through the prescan's bounds: its nesting past
 * max_nesting is flattened as the page's would be. */
START_TEST(test_embed_bounded)
{
	enum { DEPTH = 2000 };
	struct wn_buf b = WN_BUF_INIT;
	wn_buf_puts(&b, "<body><p>Header</p><script type=\"text/template\">");
	for (int i = 0; i < DEPTH; i++)
		wn_buf_puts(&b, "<div>");
	wn_buf_puts(&b, "<p>" EMBED_P1 "</p><p>" EMBED_P2 "</p>");
	for (int i = 0; i < DEPTH; i++)
		wn_buf_puts(&b, "</div>");
	wn_buf_puts(&b, "</script></body>");
	ck_assert(!b.failed);
	wn_doc *d = load(b.data);
	const struct wn_block *p = must_find(d, "reading room");
	ck_assert_uint_lt(p->depth, 400 + 16);
	wn_doc_free(d);
	wn_buf_free(&b);
}
END_TEST

/* Noscripts nested in one another: each one's content holds the rest of
 * the page, but all that is parsed is at most the page's own size. */
START_TEST(test_embed_budget)
{
	enum { DEPTH = 3000 };
	struct wn_buf b = WN_BUF_INIT;
	wn_buf_puts(&b, "<body><p>Header</p>");
	for (int i = 0; i < DEPTH; i++)
		wn_buf_puts(&b, "<noscript>");
	wn_buf_puts(&b, "<p>" EMBED_P1 "</p><p>" EMBED_P2 "</p>");
	for (int i = 0; i < DEPTH; i++)
		wn_buf_puts(&b, "</noscript>");
	wn_buf_puts(&b, "</body>");
	ck_assert(!b.failed);
	double t0 = wn_now();
	wn_doc *d = load(b.data);
	ck_assert_double_lt(wn_now() - t0, 2.0);
	ck_assert_uint_le(count_blocks(d, "reading room"), 1);
	wn_doc_free(d);
	wn_buf_free(&b);
}
END_TEST

/* A page whose own tree is small and whose template is large: without
 * the template it loads; read, the template's parse meets the page's
 * memory cap and its work budget. */
static char *big_template_page(void)
{
	struct wn_buf b = WN_BUF_INIT;
	wn_buf_puts(&b, "<body><p>Header</p><script type=\"text/template\">");
	for (int i = 0; i < 50000; i++)
		wn_buf_printf(&b, "<p>Paragraph %d of the story, told at length.</p>", i);
	wn_buf_puts(&b, "</script></body>");
	ck_assert(!b.failed);
	char *page;
	size_t len;
	ck_assert_int_eq(wn_buf_detach(&b, &page, &len), 0);
	return page;
}

START_TEST(test_embed_memory_cap)
{
	char *page = big_template_page();
	struct wn_options o;
	wn_options_init(&o);
	o.max_memory = (size_t)8 << 20;
	o.embed_min_chars = 0;
	wn_doc *d = wn_doc_new(&o);
	ck_assert_int_eq(wn_doc_load(d, page, strlen(page)), WN_OK);
	wn_doc_free(d);
	o.embed_min_chars = 200;
	d = wn_doc_new(&o);
	ck_assert_int_eq(wn_doc_load(d, page, strlen(page)), WN_ERR_TOO_LARGE);
	ck_assert_ptr_nonnull(strstr(wn_doc_errmsg(d), "max_memory"));
	ck_assert_uint_eq(wn_doc_block_count(d), 0);
	wn_doc_free(d);
	free(page);
}
END_TEST

/* Through wn_dom_read with a work budget of limit units (0: none); the
 * units charged go to *work. */
static wn_status read_budget(const char *html, unsigned embed_min_chars, uint64_t limit,
                             uint64_t *work)
{
	struct wn_options o;
	wn_options_init(&o);
	o.embed_min_chars = embed_min_chars;
	struct wn_page pg;
	memset(&pg, 0, sizeof pg);
	pg.pool = wn_pool_new(0);
	ck_assert_ptr_nonnull(pg.pool);
	pg.work_limit = limit;
	pg.next_clock = UINT64_MAX; /* no deadline: the budget alone */
	char err[200];
	wn_status rc = wn_dom_read(&pg, html, strlen(html), &o, err, sizeof err);
	*work = pg.work;
	wn_pool_free(pg.pool);
	return rc;
}

/* The template's parse and walk charge the page's budget as the page's
 * own do: a budget that the page alone fits in is not enough with it. */
START_TEST(test_embed_work_budget)
{
	char *page = big_template_page();
	uint64_t alone, with;
	ck_assert_int_eq(read_budget(page, 0, 0, &alone), WN_OK);
	ck_assert_int_eq(read_budget(page, 200, 0, &with), WN_OK);
	ck_assert_uint_gt(with, alone + 1000);
	ck_assert_int_eq(read_budget(page, 0, alone + 1000, &alone), WN_OK);
	ck_assert_int_eq(read_budget(page, 200, alone + 1000, &with), WN_ERR_BUDGET);
	free(page);
}
END_TEST

/* embed_min_chars 0: embeds are never read. */
START_TEST(test_embed_off)
{
	struct wn_options o;
	wn_options_init(&o);
	ck_assert_uint_eq(o.embed_min_chars, 200);
	o.embed_min_chars = 0;
	wn_doc *d = load_opts("<body><p>Header</p><script type=\"text/template\"><p>" EMBED_P1
	                      "</p></script><noscript><p>" EMBED_P2 "</p></noscript></body>", &o);
	ck_assert_uint_eq(wn_doc_block_count(d), 1);
	wn_doc_free(d);
}
END_TEST

/* ---- block kinds ------------------------------------------------------- */

START_TEST(test_kind_paragraph)
{
	wn_doc *d = load("<html><body><p>Just a paragraph.</p></body></html>");
	ck_assert_uint_eq(wn_doc_block_count(d), 1);
	const struct wn_block *b = wn_doc_block(d, 0);
	ck_assert_int_eq(b->kind, WN_BLOCK_PARAGRAPH);
	ck_assert_str_eq(b->text, "Just a paragraph.");
	ck_assert_uint_eq(b->len, strlen("Just a paragraph."));
	ck_assert_uint_eq(b->index, 0);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_kind_headings)
{
	wn_doc *d = load("<h1>Head one</h1><h2>Head two</h2><h3>Head three</h3>"
	                 "<h4>Head four</h4><h5>Head five</h5><h6>Head six</h6>");
	const char *names[] = {"Head one", "Head two", "Head three",
	                       "Head four", "Head five", "Head six"};
	ck_assert_uint_eq(wn_doc_block_count(d), 6);
	for (unsigned i = 0; i < 6; i++) {
		const struct wn_block *b = must_find(d, names[i]);
		ck_assert_int_eq(b->kind, WN_BLOCK_HEADING);
		ck_assert_uint_eq(b->level, i + 1);
	}
	wn_doc_free(d);
}
END_TEST

START_TEST(test_kind_list_nesting)
{
	wn_doc *d = load("<ul><li>top one<ul><li>inner two<ol><li>deep three</li></ol>"
	                 "</li></ul></li><li>top four</li></ul>"
	                 "<ol><li>other list</li></ol>");
	const struct wn_block *b;
	b = must_find(d, "top one");
	ck_assert_int_eq(b->kind, WN_BLOCK_LIST_ITEM);
	ck_assert_uint_eq(b->level, 1);
	ck_assert_str_eq(b->text, "top one");
	b = must_find(d, "inner two");
	ck_assert_int_eq(b->kind, WN_BLOCK_LIST_ITEM);
	ck_assert_uint_eq(b->level, 2);
	b = must_find(d, "deep three");
	ck_assert_int_eq(b->kind, WN_BLOCK_LIST_ITEM);
	ck_assert_uint_eq(b->level, 3);
	/* Back at the top after the nested lists close. */
	b = must_find(d, "top four");
	ck_assert_int_eq(b->kind, WN_BLOCK_LIST_ITEM);
	ck_assert_uint_eq(b->level, 1);
	b = must_find(d, "other list");
	ck_assert_uint_eq(b->level, 1);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_kind_quote)
{
	wn_doc *d = load("<blockquote>Bare quote text</blockquote>"
	                 "<blockquote><p>Quoted paragraph</p></blockquote>"
	                 "<p>Normal after</p>");
	ck_assert_int_eq(must_find(d, "Bare quote")->kind, WN_BLOCK_QUOTE);
	ck_assert_int_eq(must_find(d, "Quoted paragraph")->kind, WN_BLOCK_QUOTE);
	/* The quote does not leak to what follows. */
	ck_assert_int_eq(must_find(d, "Normal after")->kind, WN_BLOCK_PARAGRAPH);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_kind_pre)
{
	wn_doc *d = load("<pre>int  main()\n{\n    return 0;\n}</pre><p>a   b</p>");
	const struct wn_block *b = must_find(d, "main");
	ck_assert_int_eq(b->kind, WN_BLOCK_PRE);
	ck_assert_str_eq(b->text, "int  main()\n{\n    return 0;\n}");
	/* Collapsing resumes after the pre. */
	ck_assert_ptr_nonnull(find_exact(d, "a b"));
	wn_doc_free(d);
}
END_TEST

START_TEST(test_kind_pre_inline_markup)
{
	wn_doc *d = load("<pre><code>x  =  <b>1</b>;\n  y = 2;</code></pre>");
	const struct wn_block *b = must_find(d, "x  =");
	ck_assert_int_eq(b->kind, WN_BLOCK_PRE);
	ck_assert_str_eq(b->text, "x  =  1;\n  y = 2;");
	wn_doc_free(d);
}
END_TEST

START_TEST(test_kind_cells)
{
	wn_doc *d = load("<table><tr><th>Header cell</th><td>Data cell</td></tr>"
	                 "<tr><td>Second row</td></tr></table>");
	ck_assert_int_eq(must_find(d, "Header cell")->kind, WN_BLOCK_CELL);
	ck_assert_int_eq(must_find(d, "Data cell")->kind, WN_BLOCK_CELL);
	ck_assert_int_eq(must_find(d, "Second row")->kind, WN_BLOCK_CELL);
	/* Cells are separate blocks. */
	ck_assert_ptr_null(find(d, "Header cellData"));
	ck_assert_ptr_null(find(d, "Header cell Data"));
	wn_doc_free(d);
}
END_TEST

START_TEST(test_kind_captions)
{
	wn_doc *d = load("<figure><img src=x.png><figcaption>A figure caption</figcaption>"
	                 "</figure><table><caption>Table caption</caption>"
	                 "<tr><td>cell</td></tr></table>");
	ck_assert_int_eq(must_find(d, "A figure caption")->kind, WN_BLOCK_CAPTION);
	ck_assert_int_eq(must_find(d, "Table caption")->kind, WN_BLOCK_CAPTION);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_kind_terms)
{
	wn_doc *d = load("<dl><dt>Term word</dt><dd>Definition text</dd></dl>");
	ck_assert_int_eq(must_find(d, "Term word")->kind, WN_BLOCK_TERM);
	ck_assert_int_eq(must_find(d, "Definition text")->kind, WN_BLOCK_TERM);
	ck_assert_ptr_null(find(d, "wordDefinition"));
	wn_doc_free(d);
}
END_TEST

START_TEST(test_kind_text_in_div)
{
	wn_doc *d = load("<div>Loose text in a div</div>");
	ck_assert_int_eq(must_find(d, "Loose text")->kind, WN_BLOCK_TEXT);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_index_order)
{
	wn_doc *d = load("<h1>first</h1><p>second</p><ul><li>third</li></ul>"
	                 "<div>fourth</div><p>fifth</p>");
	const char *want[] = {"first", "second", "third", "fourth", "fifth"};
	ck_assert_uint_eq(wn_doc_block_count(d), 5);
	for (size_t i = 0; i < 5; i++) {
		const struct wn_block *b = wn_doc_block(d, i);
		ck_assert_uint_eq(b->index, i);
		ck_assert_str_eq(b->text, want[i]);
	}
	ck_assert_ptr_null(wn_doc_block(d, 5));
	wn_doc_free(d);
}
END_TEST

START_TEST(test_depth_recorded)
{
	wn_doc *d = load("<div><p>shallow</p><div><div><p>deeper</p></div></div></div>");
	const struct wn_block *a = must_find(d, "shallow");
	const struct wn_block *b = must_find(d, "deeper");
	ck_assert_uint_gt(a->depth, 0);
	ck_assert_uint_eq(b->depth, a->depth + 2);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_block_path)
{
	wn_doc *d = load("<html><body><div class=\"post main\"><p>in the post</p></div>"
	                 "<section id=\"s1\"><ul><li>item</li></ul></section></body></html>");
	const struct wn_block *b = must_find(d, "in the post");
	ck_assert_ptr_nonnull(b->path);
	size_t n = strlen(b->path);
	ck_assert_uint_ge(n, strlen("div.post>p"));
	ck_assert_str_eq(b->path + n - strlen("div.post>p"), "div.post>p");
	b = must_find(d, "item");
	ck_assert_ptr_nonnull(b->path);
	ck_assert_ptr_nonnull(strstr(b->path, "ul>li"));
	for (size_t i = 0; i < wn_doc_block_count(d); i++)
		ck_assert_ptr_null(strpbrk(wn_doc_block(d, i)->path, " \t\n"));
	wn_doc_free(d);
}
END_TEST

/* ---- block boundaries -------------------------------------------------- */

START_TEST(test_div_div_two_blocks)
{
	wn_doc *d = load("<div>a</div><div>b</div>");
	ck_assert_uint_eq(wn_doc_block_count(d), 2);
	ck_assert_str_eq(wn_doc_block(d, 0)->text, "a");
	ck_assert_str_eq(wn_doc_block(d, 1)->text, "b");
	wn_doc_free(d);
}
END_TEST

START_TEST(test_inline_not_split)
{
	wn_doc *d = load("<p>w<b>or</b>d</p>");
	ck_assert_uint_eq(wn_doc_block_count(d), 1);
	ck_assert_str_eq(wn_doc_block(d, 0)->text, "word");
	ck_assert_uint_eq(wn_doc_block(d, 0)->words, 1);
	wn_doc_free(d);

	d = load("<p>s<span>p<i>l<em>i</em></i>t</span><a href=\"/x\">s</a>"
	         "<code>i</code><small>e</small></p>");
	ck_assert_uint_eq(wn_doc_block_count(d), 1);
	ck_assert_str_eq(wn_doc_block(d, 0)->text, "splitsie");
	wn_doc_free(d);
}
END_TEST

START_TEST(test_inline_spaces_kept)
{
	wn_doc *d = load("<p>one <b>two</b> three<i> four </i>five</p>");
	ck_assert_str_eq(wn_doc_block(d, 0)->text, "one two three four five");
	ck_assert_uint_eq(wn_doc_block(d, 0)->words, 5);
	wn_doc_free(d);
}
END_TEST

/* For every block-level tag: text before, inside and after it is never
 * glued into one word. */
START_TEST(test_block_tags_separate)
{
	static const char *const tags[] = {
	    "p", "div", "h2", "blockquote", "section", "article", "aside",
	    "header", "footer", "nav", "ul", "ol", "dl", "pre", "address",
	    "figure", "details", "main", "fieldset", "center",
	};
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		char html[256];
		snprintf(html, sizeof html, "<div>alpha<%s>beta</%s>gamma</div>", tags[i],
		         tags[i]);
		wn_doc *d = load(html);
		ck_assert_msg(find(d, "alphabeta") == NULL && find(d, "betagamma") == NULL,
		              "words glued across <%s>", tags[i]);
		ck_assert_ptr_nonnull(find(d, "beta"));
		wn_doc_free(d);
	}
}
END_TEST

START_TEST(test_empty_block_tag_separates)
{
	/* An empty block element between two words still separates them, as a
	 * browser renders them on two lines. */
	wn_doc *d = load("<div>word<p></p>other</div>");
	ck_assert_ptr_nonnull(find(d, "word"));
	ck_assert_ptr_null(find(d, "wordother"));
	wn_doc_free(d);
	d = load("<div>left<div></div>right</div>");
	ck_assert_ptr_null(find(d, "leftright"));
	wn_doc_free(d);
}
END_TEST

START_TEST(test_hr_separates)
{
	wn_doc *d = load("<div>before<hr>after</div>");
	ck_assert_ptr_nonnull(find_exact(d, "before"));
	ck_assert_ptr_nonnull(find_exact(d, "after"));
	wn_doc_free(d);
}
END_TEST

START_TEST(test_deep_flattened_not_glued)
{
	/* Past max_depth the structure is flattened, but words still must not
	 * be glued across block tags. */
	struct wn_options o;
	wn_options_init(&o);
	o.max_depth = 3;
	wn_doc *d = load_opts("<div><div><div><div><div>one</div><div>two</div>"
	                      "<p>three</p></div></div></div></div>",
	                      &o);
	ck_assert_ptr_nonnull(find(d, "one"));
	ck_assert_ptr_nonnull(find(d, "three"));
	ck_assert_ptr_null(find(d, "onetwo"));
	ck_assert_ptr_null(find(d, "twothree"));
	wn_doc_free(d);
}
END_TEST

/* ---- white space and line breaks --------------------------------------- */

START_TEST(test_whitespace_collapsed)
{
	wn_doc *d = load("<p>  lots \n\n of\t\t white \r\n  space  </p>");
	ck_assert_str_eq(wn_doc_block(d, 0)->text, "lots of white space");
	wn_doc_free(d);
}
END_TEST

START_TEST(test_nbsp_is_space)
{
	wn_doc *d = load("<p>&nbsp;a&nbsp;b&nbsp;&nbsp; c \xC2\xA0 d&nbsp;</p>");
	ck_assert_str_eq(wn_doc_block(d, 0)->text, "a b c d");
	ck_assert_uint_eq(wn_doc_block(d, 0)->words, 4);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_br_newline)
{
	wn_doc *d = load("<p>line one<br>line two<br/>line three</p>");
	ck_assert_uint_eq(wn_doc_block_count(d), 1);
	ck_assert_str_eq(wn_doc_block(d, 0)->text, "line one\nline two\nline three");
	wn_doc_free(d);
	/* A trailing or leading br adds nothing. */
	d = load("<p><br>text<br></p>");
	ck_assert_str_eq(wn_doc_block(d, 0)->text, "text");
	wn_doc_free(d);
}
END_TEST

START_TEST(test_br_br_new_block)
{
	wn_doc *d = load("<div>first part<br><br>second part</div>");
	ck_assert_uint_eq(wn_doc_block_count(d), 2);
	ck_assert_str_eq(wn_doc_block(d, 0)->text, "first part");
	ck_assert_str_eq(wn_doc_block(d, 1)->text, "second part");
	wn_doc_free(d);
	/* White space between the two br does not matter. */
	d = load("<div>first part<br>\n  <br>\nsecond part</div>");
	ck_assert_uint_eq(wn_doc_block_count(d), 2);
	ck_assert_str_eq(wn_doc_block(d, 1)->text, "second part");
	wn_doc_free(d);
}
END_TEST

START_TEST(test_whitespace_only_page)
{
	wn_doc *d = load("   \n\t  \r\n ");
	ck_assert_uint_eq(wn_doc_block_count(d), 0);
	ck_assert_ptr_null(wn_doc_block(d, 0));
	wn_doc_free(d);
	d = load("<html><head><title> </title></head><body> \n <div> &nbsp; </div>"
	         "<p>\t</p><br><br></body></html>");
	ck_assert_uint_eq(wn_doc_block_count(d), 0);
	wn_doc_free(d);
	d = load("");
	ck_assert_uint_eq(wn_doc_block_count(d), 0);
	wn_doc_free(d);
}
END_TEST

/* ---- invisible content ------------------------------------------------- */

START_TEST(test_skipped_elements)
{
	static const char *const parts[] = {
	    "<script>var SECRET = 1;</script>",
	    "<style>.SECRET { color: red }</style>",
	    "<noscript>SECRET enable javascript</noscript>",
	    "<template><p>SECRET template</p></template>",
	    "<svg><text>SECRET svg</text></svg>",
	    "<iframe>SECRET frame</iframe>",
	    "<select><option>SECRET option</option></select>",
	    "<button>SECRET button</button>",
	    "<textarea>SECRET textarea</textarea>",
	};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		char html[512];
		snprintf(html, sizeof html,
		         "<html><head></head><body><p>visible before</p>%s"
		         "<p>in the middle %s of text</p><div>%s</div><p>visible after</p>"
		         "</body></html>",
		         parts[i], parts[i], parts[i]);
		wn_doc *d = load(html);
		ck_assert_msg(find(d, "SECRET") == NULL, "text of %s shown", parts[i]);
		ck_assert_ptr_nonnull(find(d, "visible before"));
		ck_assert_ptr_nonnull(find(d, "visible after"));
		ck_assert_ptr_nonnull(find(d, "in the middle"));
		ck_assert_ptr_nonnull(find(d, "of text"));
		wn_doc_free(d);
	}
}
END_TEST

START_TEST(test_head_script_style)
{
	wn_doc *d = load("<html><head><script>var SECRET = 1;</script>"
	                 "<style>.SECRET { color: red }</style></head>"
	                 "<body><p>visible</p></body></html>");
	ck_assert_ptr_null(find(d, "SECRET"));
	ck_assert_uint_eq(wn_doc_block_count(d), 1);
	wn_doc_free(d);
}
END_TEST

/* A noscript in the head (tracking pixels, "enable JavaScript" notes) is
 * never shown by a browser, and must not hide the rest of the head. */
START_TEST(test_head_noscript_text)
{
	wn_doc *d = load("<html><head><noscript>SECRET enable javascript</noscript>"
	                 "</head><body><p>visible</p></body></html>");
	ck_assert_ptr_null(find(d, "SECRET"));
	wn_doc_free(d);
}
END_TEST

START_TEST(test_head_noscript_pixel_title)
{
	wn_doc *d = load("<html><head><meta charset=\"utf-8\"><noscript><img height=\"1\" "
	                 "width=\"1\" src=\"https://example.com/px\"></noscript>"
	                 "<title>The Real Title</title></head>"
	                 "<body><p>Some body text.</p></body></html>");
	ck_assert_str_eq(wn_doc_title(d), "The Real Title");
	ck_assert_ptr_null(find(d, "The Real Title"));
	wn_doc_free(d);
}
END_TEST

START_TEST(test_head_noscript_pixel_og_title)
{
	wn_doc *d = load("<html><head><noscript><img src=\"https://example.com/px\">"
	                 "</noscript><title>Site title</title>"
	                 "<meta property=\"og:title\" content=\"The OG Headline\">"
	                 "</head><body><p>Some body text.</p></body></html>");
	ck_assert_str_eq(wn_doc_title(d), "The OG Headline");
	ck_assert_ptr_null(find(d, "OG Headline"));
	wn_doc_free(d);
}
END_TEST

START_TEST(test_head_text_not_block)
{
	wn_doc *d = load("<html><head><title>Only the title</title></head>"
	                 "<body><p>Body text</p></body></html>");
	ck_assert_ptr_null(find(d, "Only the title"));
	ck_assert_uint_eq(wn_doc_block_count(d), 1);
	wn_doc_free(d);
}
END_TEST

/* ---- Unicode ----------------------------------------------------------- */

START_TEST(test_nfc)
{
	/* "e" + U+0301 COMBINING ACUTE ACCENT, literal and as a reference. */
	wn_doc *d = load("<p>cafe\xCC\x81 and cafe&#x301; and caf&eacute;</p>");
	const struct wn_block *b = wn_doc_block(d, 0);
	ck_assert_str_eq(b->text, "caf\xC3\xA9 and caf\xC3\xA9 and caf\xC3\xA9");
	ck_assert_uint_eq(b->chars, 4 * 3 + 2 * 5);
	ck_assert_uint_eq(b->words, 5);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_nfc_title)
{
	wn_doc *d = load("<html><head><title>Cafe\xCC\x81 news</title></head>"
	                 "<body><p>x</p></body></html>");
	ck_assert_str_eq(wn_doc_title(d), "Caf\xC3\xA9 news");
	wn_doc_free(d);
}
END_TEST

START_TEST(test_numeric_entity_bug_valid_utf8)
{
	/* Gumbo 0.10 turns out-of-range numeric references into invalid
	 * UTF-8; none of it may reach the block text. */
	wn_doc *d = load("<html><head><title>T &#11111111111; x</title></head><body>"
	                 "<p>before &#11111111111; after</p>"
	                 "<p>&#99999999999999;&#x7FFFFFFF;&#1114112;&#xD800;</p>"
	                 "<ul><li>item &#4444444444; end</li></ul></body></html>");
	check_all_valid(d);
	ck_assert_ptr_nonnull(find(d, "before"));
	ck_assert_ptr_nonnull(find(d, "after"));
	ck_assert_ptr_nonnull(find(d, "end"));
	const char *t = wn_doc_title(d);
	ck_assert(valid_utf8(t, strlen(t)));
	wn_doc_free(d);
}
END_TEST

START_TEST(test_invalid_bytes_valid_utf8)
{
	/* Raw invalid UTF-8 in the input, whatever stage repairs it. */
	wn_doc *d = load("<meta charset=utf-8><p>bad \xFF\xFE bytes \xC3 and "
	                 "\xE2\x82 cut \xED\xA0\x80 surrogate \xF4\x90\x80\x80 high</p>");
	check_all_valid(d);
	ck_assert_ptr_nonnull(find(d, "bad"));
	ck_assert_ptr_nonnull(find(d, "high"));
	wn_doc_free(d);
}
END_TEST

START_TEST(test_huge_entity_no_crash)
{
	wn_doc *d = load("<p>a&#4294967040;b</p><p>next paragraph</p>");
	check_all_valid(d);
	ck_assert_ptr_nonnull(find(d, "a"));
	ck_assert_ptr_nonnull(find(d, "next paragraph"));
	wn_doc_free(d);
}
END_TEST

START_TEST(test_huge_entity_keeps_following_text)
{
	/* The text after the bad reference must not be lost. */
	wn_doc *d = load("<p>start&#4294967040;middle and the rest of it</p>");
	check_all_valid(d);
	ck_assert_ptr_nonnull(find(d, "start"));
	ck_assert_ptr_nonnull(find(d, "the rest of it"));
	wn_doc_free(d);
}
END_TEST

/* ---- links ------------------------------------------------------------- */

START_TEST(test_link_one_word)
{
	wn_doc *d = load("<p><a href=\"/x\">Link</a></p>");
	const struct wn_block *b = wn_doc_block(d, 0);
	ck_assert_uint_eq(b->link_chars, 4);
	ck_assert_uint_eq(b->chars, 4);
	ck_assert_double_eq_tol(b->link_ratio, 1.0, 1e-9);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_link_whole_paragraph)
{
	wn_doc *d = load("<p><a href=\"/x\">A whole paragraph that is one long link "
	                 "to another story</a></p>");
	const struct wn_block *b = wn_doc_block(d, 0);
	ck_assert_uint_eq(b->link_chars, b->chars);
	ck_assert_double_eq_tol(b->link_ratio, 1.0, 1e-9);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_link_partial)
{
	wn_doc *d = load("<p>Plain words around <a href=\"/x\">linked</a> and more plain"
	                 " words after it.</p>");
	const struct wn_block *b = wn_doc_block(d, 0);
	ck_assert_uint_ge(b->link_chars, 6);
	ck_assert_uint_le(b->link_chars, 8); /* "linked", maybe with spaces */
	ck_assert_double_gt(b->link_ratio, 0.0);
	ck_assert_double_lt(b->link_ratio, 0.5);
	ck_assert_double_eq_tol(b->link_ratio, (double)b->link_chars / b->chars, 1e-9);
	wn_doc_free(d);
	/* Mostly link. */
	d = load("<p>See: <a href=\"/x\">the full list of all the related stories</a></p>");
	b = wn_doc_block(d, 0);
	ck_assert_double_gt(b->link_ratio, 0.5);
	ck_assert_double_lt(b->link_ratio, 1.0);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_link_nested_inline)
{
	wn_doc *d = load("<p>x <a href=\"/x\"><b>bold</b><i>ital</i></a></p>");
	const struct wn_block *b = wn_doc_block(d, 0);
	ck_assert_str_eq(b->text, "x boldital");
	/* "boldital" is link text; the space before it may count either way. */
	ck_assert_uint_ge(b->link_chars, 8);
	ck_assert_uint_le(b->link_chars, 9);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_anchor_without_href)
{
	wn_doc *d = load("<p><a name=\"top\">Not a link at all</a></p>"
	                 "<p><a id=\"x\" class=\"anchor\">Nor this</a> one</p>");
	const struct wn_block *b = must_find(d, "Not a link");
	ck_assert_uint_eq(b->link_chars, 0);
	ck_assert_double_eq(b->link_ratio, 0.0);
	ck_assert_uint_eq(must_find(d, "Nor this")->link_chars, 0);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_link_does_not_leak)
{
	/* The link ends with its element: the next block has no link text. */
	wn_doc *d = load("<p><a href=\"/x\">linked</a></p><p>not linked at all</p>");
	ck_assert_uint_eq(must_find(d, "not linked")->link_chars, 0);
	wn_doc_free(d);
}
END_TEST

/* ---- counts ------------------------------------------------------------ */

START_TEST(test_word_count)
{
	wn_doc *d = load("<p>The quick brown fox</p><p>Hello, world! (again)</p>"
	                 "<p>In 2024 there were 3 cases.</p><p>-- * --</p>");
	ck_assert_uint_eq(must_find(d, "quick")->words, 4);
	ck_assert_uint_eq(must_find(d, "Hello")->words, 3);
	ck_assert_uint_eq(must_find(d, "2024")->words, 6);
	ck_assert_uint_eq(must_find(d, "*")->words, 0);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_word_count_cjk)
{
	/* Ideographs are not separated by spaces: each one counts. */
	wn_doc *d = load("<p>\xE4\xB8\xAD\xE6\x96\x87\xE6\x96\x87\xE6\x9C\xAC</p>" /* 中文文本 */
	                 "<p>\xE4\xB8\xAD\xE6\x96\x87 text here</p>"                 /* 中文 text here */
	                 "<p>\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x80\x82</p>"); /* 日本語。 */
	ck_assert_uint_eq(must_find(d, "\xE6\x96\x87\xE6\x9C\xAC")->words, 4);
	ck_assert_uint_eq(must_find(d, "text here")->words, 4);
	const struct wn_block *b = must_find(d, "\xE6\x97\xA5");
	ck_assert_uint_eq(b->words, 3);
	ck_assert_uint_eq(b->chars, 4);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_chars_are_code_points)
{
	wn_doc *d = load("<p>na\xC3\xAFve \xE2\x82\xAC 5 \xF0\x9F\x98\x80</p>"); /* naïve € 5 😀 */
	const struct wn_block *b = wn_doc_block(d, 0);
	ck_assert_uint_eq(b->chars, 11);
	ck_assert_uint_eq(b->len, strlen(b->text));
	ck_assert_uint_gt(b->len, b->chars);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_density)
{
	/* A block shorter than a line: its word count. */
	wn_doc *d = load("<p>four short words here</p>");
	const struct wn_block *b = wn_doc_block(d, 0);
	ck_assert_double_eq_tol(b->density, 4.0, 1e-9);
	wn_doc_free(d);

	/* A long block: about words per 80-character line. */
	char html[4096] = "<p>";
	for (int i = 0; i < 60; i++)
		strcat(html, "word ");
	strcat(html, "end</p>");
	d = load(html);
	b = wn_doc_block(d, 0);
	ck_assert_uint_eq(b->words, 61);
	double expect = 61.0 * 80 / b->chars;
	ck_assert_double_eq_tol(b->density, expect, 1.0);
	/* Denser text (short words) has a higher density. */
	wn_doc *d2 = load("<p>a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h"
	                  " i j k l m n o p q r s t u v w x y z</p>");
	ck_assert_double_gt(wn_doc_block(d2, 0)->density, b->density);
	wn_doc_free(d2);
	wn_doc_free(d);

	/* The wrap width option is honoured. */
	struct wn_options o;
	wn_options_init(&o);
	o.wrap_width = 40;
	d = load_opts(html, &o);
	b = wn_doc_block(d, 0);
	ck_assert_double_eq_tol(b->density, 61.0 * 40 / b->chars, 1.0);
	wn_doc_free(d);
}
END_TEST

/* ---- hints: the classifier itself -------------------------------------- */

#define H(tag, cls, id) wn_hints_for(NULL, (tag), (cls), (id), NULL, NULL, 0, NULL, NULL, 0)

/* The walk's memo of class tokens gives what working them out gives,
 * however often a token comes back, with tokens too long for it, and
 * with 2,000 tokens over its 256 slots (collisions overwrite). */
START_TEST(test_hints_memo_same)
{
	static const char *const values[] = {
		"post-comments", "entry sidebar", "ad", "related_posts", "site-footer", "BYLINE",
		"lead intro", "leadership", "tab-menu--product", "main-menu",
		"content-sidebar-wrap", "cnnArticleGalleryPhotoContainer",
		"post tag-social-media category-comments", "social-media", "article-body entry",
		"elementor-widget-container", "a-very-long-class-name-of-a-theme-with-its-comments-box",
		"sr-only", "  spaced   words  ", "",
	};
	struct wn_hint_memo *memo = calloc(1, sizeof *memo);
	ck_assert_ptr_nonnull(memo);
	char v[64];
	for (int round = 0; round < 3; round++) {
		for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
			ck_assert_uint_eq(wn_hints_for_memo(NULL, memo, GUMBO_TAG_DIV, values[i], values[i],
			                                    NULL, NULL, 0, NULL, NULL, 0),
			                  H(GUMBO_TAG_DIV, values[i], values[i]));
		for (int k = 0; k < 2000; k++) {
			snprintf(v, sizeof v, "%s-%d", k % 3 ? "comments" : "box", k);
			ck_assert_uint_eq(wn_hints_for_memo(NULL, memo, GUMBO_TAG_DIV, v, NULL, NULL,
			                                    NULL, 0, NULL, NULL, 0),
			                  H(GUMBO_TAG_DIV, v, NULL));
		}
	}
	free(memo);
}
END_TEST

START_TEST(test_hints_class_words)
{
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, "post-comments", NULL) & WN_HINT_COMMENT, 0);
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, NULL, "comments") & WN_HINT_COMMENT, 0);
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, "entry sidebar", NULL) & WN_HINT_ASIDE, 0);
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, "ad", NULL) & WN_HINT_AD, 0);
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, "related_posts", NULL) & WN_HINT_RELATED, 0);
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, "site-footer", NULL) & WN_HINT_FOOTER, 0);
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, "BYLINE", NULL) & WN_HINT_META, 0);
	ck_assert_uint_eq(H(GUMBO_TAG_DIV, NULL, NULL), 0);
	ck_assert_uint_eq(H(GUMBO_TAG_DIV, "", ""), 0);
	ck_assert_uint_eq(H(GUMBO_TAG_P, "lead intro", NULL), WN_HINT_LEAD);
	ck_assert_uint_eq(H(GUMBO_TAG_P, "leadership", NULL), 0);
	/* A tab widget's menu word names no navigation: its panels hold the
	 * page's content. */
	ck_assert_uint_eq(H(GUMBO_TAG_DIV, "tab-menu--product", NULL) & WN_HINT_NAV, 0);
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, "main-menu", NULL) & WN_HINT_NAV, 0);
	/* A layout wrapper's junk words say nothing; its caption words do. */
	ck_assert_uint_eq(H(GUMBO_TAG_DIV, "content-sidebar-wrap", NULL), 0);
	ck_assert_uint_eq(H(GUMBO_TAG_DIV, "cnnArticleGalleryPhotoContainer", NULL), WN_HINT_FIGURE);
	/* Taxonomy terms in a CMS's post classes name no part of the page. */
	ck_assert_uint_eq(H(GUMBO_TAG_DIV, "post tag-social-media category-comments", NULL), 0);
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, "social-media", NULL) & WN_HINT_SHARE, 0);
}
END_TEST

START_TEST(test_hints_vocabulary)
{
	/* Class names of common widgets, each alone as the class value. */
	static const struct {
		const char *cls;
		unsigned hint;
	} v[] = {
	    {"breadcrumbs", WN_HINT_NAV},   {"navigation", WN_HINT_NAV},
	    {"masthead", WN_HINT_HEADER},   {"copyright", WN_HINT_FOOTER},
	    {"sidebar", WN_HINT_ASIDE},     {"widget", WN_HINT_ASIDE},
	    {"related", WN_HINT_RELATED},   {"recommended", WN_HINT_RELATED},
	    {"share", WN_HINT_SHARE},       {"sharing", WN_HINT_SHARE},
	    {"sharethis", WN_HINT_SHARE},   {"addthis", WN_HINT_SHARE},
	    {"social", WN_HINT_SHARE},      {"comments", WN_HINT_COMMENT},
	    {"disqus", WN_HINT_COMMENT},    {"advertisement", WN_HINT_AD},
	    {"sponsored", WN_HINT_AD},      {"cookies", WN_HINT_AD},
	    {"byline", WN_HINT_META},       {"tags", WN_HINT_META},
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		ck_assert_msg(H(GUMBO_TAG_DIV, v[i].cls, NULL) & v[i].hint,
		              "class \"%s\" gives no %s hint", v[i].cls,
		              wn_hint_name(v[i].hint));
}
END_TEST

START_TEST(test_hints_no_substring_match)
{
	ck_assert_uint_eq(H(GUMBO_TAG_DIV, "shareholders", NULL), 0);
	ck_assert_uint_eq(H(GUMBO_TAG_DIV, "header", NULL) & WN_HINT_AD, 0);
	ck_assert_uint_eq(H(GUMBO_TAG_DIV, "shadow", NULL) & WN_HINT_AD, 0);
	ck_assert_uint_eq(H(GUMBO_TAG_DIV, "download-links", NULL) & WN_HINT_AD, 0);
	ck_assert_uint_eq(H(GUMBO_TAG_DIV, "commentary-essay", NULL) & WN_HINT_COMMENT, 0);
}
END_TEST

START_TEST(test_hints_camel_case)
{
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, "socialShare", NULL) & WN_HINT_SHARE, 0);
	/* "postcomments" is no word; only the camelCase split finds it. */
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, NULL, "postComments") & WN_HINT_COMMENT, 0);
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, "relatedArticles", NULL) & WN_HINT_RELATED, 0);
}
END_TEST

START_TEST(test_hints_layout_wrapper)
{
	ck_assert_uint_eq(H(GUMBO_TAG_DIV, "content-sidebar-wrap", NULL), 0);
	/* The sidebar alone still is one. */
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, "sidebar", NULL) & WN_HINT_ASIDE, 0);
}
END_TEST

/* A page builder calls every box of its layout a widget or a module, the
 * article's text too; its other words still name parts. */
START_TEST(test_hints_page_builder)
{
	static const char *const layout[] = {
	    "elementor-widget-container", "elementor-widget-wrap",
	    "elementor-widget elementor-widget-text-editor", "wp-block-group",
	    "et_pb_module et_pb_text", "vc_column vc_widget_text", "fl-module fl-module-rich-text",
	    "so-widget-sow-editor",
	};
	for (size_t i = 0; i < sizeof layout / sizeof layout[0]; i++)
		ck_assert_msg(H(GUMBO_TAG_DIV, layout[i], NULL) == 0, "class \"%s\" gives hint %s",
		              layout[i], wn_hint_name(H(GUMBO_TAG_DIV, layout[i], NULL)));
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, "elementor-widget-sidebar", NULL) & WN_HINT_ASIDE, 0);
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, "elementor-share-buttons", NULL) & WN_HINT_SHARE, 0);
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, "et_pb_comments_module", NULL) & WN_HINT_COMMENT, 0);
	/* A sidebar's own widgets stay widgets. */
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, "widget widget_text", NULL) & WN_HINT_ASIDE, 0);
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, "text-widget", NULL) & WN_HINT_ASIDE, 0);
}
END_TEST

/* The classes of <html> and <body> tell the state of the page, and both
 * hold the article: they name no part. */
START_TEST(test_hints_body_html)
{
	const char *cls = "single-post author-jane cookies-not-set privacy-policy nav-open";
	ck_assert_uint_eq(H(GUMBO_TAG_BODY, cls, "comments"), 0);
	ck_assert_uint_eq(H(GUMBO_TAG_HTML, "js sidebar-open", NULL), 0);
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, cls, NULL), 0);
}
END_TEST

START_TEST(test_hints_class_nav)
{
	/* winnow.h: WN_HINT_NAV covers "class nav/menu". */
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, "menu", NULL) & WN_HINT_NAV, 0);
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, "nav", NULL) & WN_HINT_NAV, 0);
	ck_assert_uint_ne(H(GUMBO_TAG_UL, "main-nav", NULL) & WN_HINT_NAV, 0);
}
END_TEST

START_TEST(test_hints_hidden)
{
	ck_assert_uint_ne(wn_hints_for(NULL, GUMBO_TAG_DIV, NULL, NULL, NULL, NULL, 1, NULL,
	                               NULL, 0) & WN_HINT_HIDDEN, 0);
	ck_assert_uint_ne(wn_hints_for(NULL, GUMBO_TAG_DIV, NULL, NULL, NULL, NULL, 0, NULL,
	                               "display: none", 0) & WN_HINT_HIDDEN, 0);
	ck_assert_uint_ne(wn_hints_for(NULL, GUMBO_TAG_DIV, NULL, NULL, NULL, NULL, 0, NULL,
	                               "color: red; DISPLAY:NONE;", 0) & WN_HINT_HIDDEN, 0);
	ck_assert_uint_ne(wn_hints_for(NULL, GUMBO_TAG_DIV, NULL, NULL, NULL, NULL, 0, NULL,
	                               "visibility: hidden", 0) & WN_HINT_HIDDEN, 0);
	ck_assert_uint_eq(wn_hints_for(NULL, GUMBO_TAG_DIV, NULL, NULL, NULL, NULL, 0, NULL,
	                               "display: block", 0) & WN_HINT_HIDDEN, 0);
	ck_assert_uint_eq(wn_hints_for(NULL, GUMBO_TAG_DIV, NULL, NULL, NULL, NULL, 0, NULL,
	                               "", 0) & WN_HINT_HIDDEN, 0);
	ck_assert_uint_ne(H(GUMBO_TAG_DIV, "sr-only", NULL) & WN_HINT_HIDDEN, 0);
}
END_TEST

START_TEST(test_hints_tags)
{
	ck_assert_uint_ne(H(GUMBO_TAG_NAV, NULL, NULL) & WN_HINT_NAV, 0);
	ck_assert_uint_ne(H(GUMBO_TAG_ASIDE, NULL, NULL) & WN_HINT_ASIDE, 0);
	ck_assert_uint_ne(H(GUMBO_TAG_ARTICLE, NULL, NULL) & WN_HINT_ARTICLE, 0);
	ck_assert_uint_ne(H(GUMBO_TAG_MAIN, NULL, NULL) & WN_HINT_ARTICLE, 0);
	unsigned in = wn_hints_for(NULL, GUMBO_TAG_HEADER, NULL, NULL, NULL, NULL, 0, NULL, NULL, 1);
	unsigned out = wn_hints_for(NULL, GUMBO_TAG_HEADER, NULL, NULL, NULL, NULL, 0, NULL, NULL, 0);
	ck_assert_uint_ne(in & WN_HINT_META, 0);
	ck_assert_uint_eq(in & WN_HINT_HEADER, 0);
	ck_assert_uint_ne(out & WN_HINT_HEADER, 0);
	ck_assert_uint_eq(out & WN_HINT_META, 0);
}
END_TEST

START_TEST(test_hints_role_itemprop)
{
	ck_assert_uint_ne(wn_hints_for(NULL, GUMBO_TAG_DIV, NULL, NULL, NULL, "articleBody", 0,
	                               NULL, NULL, 0) & WN_HINT_ARTICLE, 0);
	ck_assert_uint_ne(wn_hints_for(NULL, GUMBO_TAG_DIV, NULL, NULL, "navigation", NULL, 0,
	                               NULL, NULL, 0) & WN_HINT_NAV, 0);
	ck_assert_uint_ne(wn_hints_for(NULL, GUMBO_TAG_DIV, NULL, NULL, "main", NULL, 0,
	                               NULL, NULL, 0) & WN_HINT_ARTICLE, 0);
	ck_assert_uint_eq(wn_hints_for(NULL, GUMBO_TAG_DIV, NULL, NULL, NULL, "name", 0,
	                               NULL, NULL, 0), 0);
}
END_TEST

/* ---- hints: through a loaded page --------------------------------------- */

START_TEST(test_hints_in_page)
{
	wn_doc *d = load(
	    "<html><body>"
	    "<nav><p>In the nav</p></nav>"
	    "<header><p>Site header</p></header>"
	    "<article><header><p>Article header</p></header>"
	    "<div itemprop=\"articleBody\"><p>Article body text</p></div></article>"
	    "<div class=\"post-comments\"><p>A comment</p></div>"
	    "<div class=\"shareholders\"><p>Shareholder report</p></div>"
	    "<div class=\"header\"><p>Header class</p></div>"
	    "<div id=\"socialShare\"><p>Share this</p></div>"
	    "<div class=\"content-sidebar-wrap\"><p>In the wrapper</p></div>"
	    "<div hidden><p>Hidden one</p></div>"
	    "<div style=\"display: none\"><p>Hidden two</p></div>"
	    "</body></html>");
	ck_assert_uint_ne(must_find(d, "In the nav")->hints & WN_HINT_NAV, 0);
	unsigned h = must_find(d, "Site header")->hints;
	ck_assert_uint_ne(h & WN_HINT_HEADER, 0);
	h = must_find(d, "Article header")->hints;
	ck_assert_uint_ne(h & WN_HINT_META, 0);
	ck_assert_uint_eq(h & WN_HINT_HEADER, 0);
	ck_assert_uint_ne(must_find(d, "Article body")->hints & WN_HINT_ARTICLE, 0);
	ck_assert_uint_ne(must_find(d, "A comment")->hints & WN_HINT_COMMENT, 0);
	ck_assert_uint_eq(must_find(d, "Shareholder")->hints, 0);
	ck_assert_uint_eq(must_find(d, "Header class")->hints & WN_HINT_AD, 0);
	ck_assert_uint_ne(must_find(d, "Share this")->hints & WN_HINT_SHARE, 0);
	ck_assert_uint_eq(must_find(d, "In the wrapper")->hints, 0);
	ck_assert_uint_ne(must_find(d, "Hidden one")->hints & WN_HINT_HIDDEN, 0);
	ck_assert_uint_ne(must_find(d, "Hidden two")->hints & WN_HINT_HIDDEN, 0);
	/* Hints come from ancestors only: siblings do not get them. */
	ck_assert_uint_eq(must_find(d, "Article body")->hints & WN_HINT_NAV, 0);
	wn_doc_free(d);
}
END_TEST

/* ---- title ------------------------------------------------------------- */

START_TEST(test_title_tag)
{
	wn_doc *d = load("<html><head><title>  The   page\n title </title></head>"
	                 "<body><p>text</p></body></html>");
	ck_assert_str_eq(wn_doc_title(d), "The page title");
	wn_doc_free(d);
}
END_TEST

START_TEST(test_title_og)
{
	wn_doc *d = load("<html><head><title>Headline | Site</title>"
	                 "<meta property=\"og:title\" content=\"The Headline\">"
	                 "</head><body><p>text</p></body></html>");
	ck_assert_str_eq(wn_doc_title(d), "The Headline");
	wn_doc_free(d);
	d = load("<html><head><meta property=\"og:title\" content=\"Only OG\">"
	         "</head><body><p>text</p></body></html>");
	ck_assert_str_eq(wn_doc_title(d), "Only OG");
	wn_doc_free(d);
}
END_TEST

START_TEST(test_title_none)
{
	wn_doc *d = load("<p>no title anywhere</p>");
	ck_assert_str_eq(wn_doc_title(d), "");
	wn_doc_free(d);
	wn_doc *e = wn_doc_new(NULL);
	ck_assert_str_eq(wn_doc_title(e), "");
	wn_doc_free(e);
}
END_TEST

/* ---- depth ------------------------------------------------------------- */

static char *nested(const char *pre, const char *open, const char *text,
                    const char *close, const char *post, size_t n)
{
	size_t lp = strlen(pre), lo = strlen(open), lt = strlen(text);
	size_t lc = strlen(close), lq = strlen(post);
	size_t len = lp + n * (lo + lc) + lt + lq + 1;
	char *s = malloc(len);
	if (s == NULL)
		abort();
	size_t at = 0;
	memcpy(s + at, pre, lp);
	at += lp;
	for (size_t i = 0; i < n; i++, at += lo)
		memcpy(s + at, open, lo);
	memcpy(s + at, text, lt);
	at += lt;
	for (size_t i = 0; i < n; i++, at += lc)
		memcpy(s + at, close, lc);
	memcpy(s + at, post, lq + 1);
	return s;
}

START_TEST(test_deep_divs)
{
	char *html = nested("<html><body>", "<div>", "deepest words here", "</div>",
	                    "<p>after all</p></body></html>", 100000);
	wn_doc *d = load(html);
	free(html);
	ck_assert_ptr_nonnull(find(d, "deepest words here"));
	check_all_valid(d);
	char *text = NULL;
	ck_assert_int_eq(wn_doc_explain(d, &text, NULL), WN_OK);
	free(text);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_deep_inline)
{
	char *html = nested("<html><body><p>", "<b>", "deepest bold words", "</b>",
	                    "</p></body></html>", 100000);
	wn_doc *d = load(html);
	free(html);
	const struct wn_block *b = must_find(d, "deepest bold words");
	ck_assert_int_eq(b->kind, WN_BLOCK_PARAGRAPH);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_deep_siblings_not_glued)
{
	/* Sibling blocks far down a deep page stay separate blocks. */
	char *html = nested("<html><body>", "<div>",
	                    "<div>one</div><div>two</div><p>three</p>", "</div>",
	                    "</body></html>", 5000);
	wn_doc *d = load(html);
	free(html);
	ck_assert_ptr_nonnull(find(d, "one"));
	ck_assert_ptr_nonnull(find(d, "three"));
	ck_assert_ptr_null(find(d, "onetwo"));
	ck_assert_ptr_null(find(d, "twothree"));
	wn_doc_free(d);
}
END_TEST

START_TEST(test_deep_mixed_with_siblings)
{
	/* Unclosed list items and paragraphs: a deep but wide tree. */
	char *html = nested("<html><body>", "<ul><li>x ", "bottom text", "</li></ul>",
	                    "</body></html>", 20000);
	wn_doc *d = load(html);
	free(html);
	ck_assert_ptr_nonnull(find(d, "bottom text"));
	wn_doc_free(d);
}
END_TEST

/* ---- robustness --------------------------------------------------------- */

START_TEST(test_odd_markup_loads)
{
	static const char *const pages[] = {
	    "<", "<<<>>>", "</p></div></body></html>", "<p", "<a href=", "&", "&#",
	    "&#x;", "&#0;", "<p>&#13;&#0;&#x80;&#xFFFE;</p>", "<![CDATA[x]]>",
	    "<!-- unterminated", "<script>never closed", "<table><td>a<td>b",
	    "<svg><foreignObject><p>inside svg</p></foreignObject></svg>",
	    "<a href=x><p>one</p><p>two</p></a>", "<pre></pre><pre>\n</pre>",
	    "<title></title><title>second</title>", "<br><br><br><br>",
	    "<frameset><frame></frameset>", "\xEF\xBB\xBF<p>bom</p>",
	};
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		wn_doc *d = load(pages[i]);
		check_all_valid(d);
		char *t = NULL;
		ck_assert_int_eq(wn_doc_text(d, &t, NULL), WN_OK);
		free(t);
		wn_doc_free(d);
	}
}
END_TEST

START_TEST(test_foreign_cdata_in_table_no_abort)
{
	/* The library never aborts: Gumbo 0.10.1 (Debian) asserts in
	 * handle_in_table on CDATA in svg/math foster-parented out of a table
	 * and kills the process. */
	wn_doc *d = load("<table><svg><title><![CDATA[x]]>y");
	check_all_valid(d);
	wn_doc_free(d);
}
END_TEST

/* ---- internal: wn_normalise and wn_block_finish ------------------------ */

START_TEST(test_normalise)
{
	struct wn_page pg;
	memset(&pg, 0, sizeof pg);
	pg.pool = wn_pool_new(0);
	ck_assert_ptr_nonnull(pg.pool);
	const char *s = wn_normalise(&pg, "  a \t\n b\xC2\xA0\xC2\xA0" "c  ", 14);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "a b c");
	s = wn_normalise(&pg, "e\xCC\x81", 3);
	ck_assert_str_eq(s, "\xC3\xA9");
	s = wn_normalise(&pg, "x\xFFy\xC3", 4);
	ck_assert(valid_utf8(s, strlen(s)));
	ck_assert_ptr_nonnull(strstr(s, "x"));
	ck_assert_ptr_nonnull(strstr(s, "y"));
	/* Only len bytes are read. */
	s = wn_normalise(&pg, "abcdef", 3);
	ck_assert_str_eq(s, "abc");
	s = wn_normalise(&pg, "   ", 3);
	ck_assert_str_eq(s, "");
	wn_pool_free(pg.pool);
}
END_TEST

START_TEST(test_block_finish)
{
	struct wn_options o;
	wn_options_init(&o);
	struct wn_page pg;
	memset(&pg, 0, sizeof pg);
	pg.pool = wn_pool_new(0);
	struct wn_iblock ib;

	memset(&ib, 0, sizeof ib);
	ck_assert_int_eq(wn_block_finish(&pg, &ib, "", 0, &o), 0);
	memset(&ib, 0, sizeof ib);
	ck_assert_int_eq(wn_block_finish(&pg, &ib, " \n ", 3, &o), 0);

	memset(&ib, 0, sizeof ib);
	const char raw[] = "Two sentences here. And one more! ";
	char *copy = malloc(sizeof raw);
	memcpy(copy, raw, sizeof raw);
	ck_assert_int_eq(wn_block_finish(&pg, &ib, copy, sizeof raw - 1, &o), 1);
	ck_assert_str_eq(ib.pub.text, "Two sentences here. And one more!");
	ck_assert_ptr_ne(ib.pub.text, copy); /* copied into the pool */
	free(copy);
	ck_assert_uint_eq(ib.pub.words, 6);
	ck_assert_uint_eq(ib.pub.chars, strlen("Two sentences here. And one more!"));
	ck_assert_uint_eq(ib.sentences, 2);

	/* A sentence ends before its closing quote or bracket, at the end of
	 * the block and inside it. */
	static const char *const quoted[] = {
	    "\"Nobody asked the villages.\" The council did. ",
	    "\xE2\x80\x9CNobody asked the villages.\xE2\x80\x9D The council did.",
	    "The council did (at last.) Nobody asked the villages.",
	    "The council did. \xC2\xABNobody asked the villages.\xC2\xBB",
	};
	for (size_t k = 0; k < sizeof quoted / sizeof quoted[0]; k++) {
		memset(&ib, 0, sizeof ib);
		ck_assert_int_eq(wn_block_finish(&pg, &ib, quoted[k], strlen(quoted[k]), &o), 1);
		ck_assert_msg(ib.sentences == 2, "%s: %u", quoted[k], ib.sentences);
	}

	/* A no-break space is a space: one between two words, none at the
	 * ends. */
	memset(&ib, 0, sizeof ib);
	const char nbsp[] = "\xC2\xA0" "Related stories on\xC2\xA0" "BBC \xC2\xA0 News\xC2\xA0";
	ck_assert_int_eq(wn_block_finish(&pg, &ib, nbsp, sizeof nbsp - 1, &o), 1);
	ck_assert_str_eq(ib.pub.text, "Related stories on BBC News");

	/* link_chars is kept, never above chars; the ratio follows. */
	memset(&ib, 0, sizeof ib);
	ib.pub.link_chars = 3;
	ck_assert_int_eq(wn_block_finish(&pg, &ib, "abcdef", 6, &o), 1);
	ck_assert_double_eq_tol(ib.pub.link_ratio, 0.5, 1e-9);
	memset(&ib, 0, sizeof ib);
	ib.pub.link_chars = 100;
	ck_assert_int_eq(wn_block_finish(&pg, &ib, "abc", 3, &o), 1);
	ck_assert_uint_le(ib.pub.link_chars, ib.pub.chars);
	ck_assert_double_le(ib.pub.link_ratio, 1.0);

	/* Invalid bytes become valid UTF-8. */
	memset(&ib, 0, sizeof ib);
	ck_assert_int_eq(wn_block_finish(&pg, &ib, "ok\xC7 \xFF", 5, &o), 1);
	ck_assert(valid_utf8(ib.pub.text, ib.pub.len));
	ck_assert_uint_eq(strlen(ib.pub.text), ib.pub.len);
	wn_pool_free(pg.pool);
}
END_TEST

static Suite *dom_suite(void)
{
	Suite *s = suite_create("dom");
	TCase *tc;

	tc = tcase_create("kinds");
	tcase_add_test(tc, test_kind_paragraph);
	tcase_add_test(tc, test_kind_headings);
	tcase_add_test(tc, test_kind_list_nesting);
	tcase_add_test(tc, test_kind_quote);
	tcase_add_test(tc, test_kind_pre);
	tcase_add_test(tc, test_kind_pre_inline_markup);
	tcase_add_test(tc, test_kind_cells);
	tcase_add_test(tc, test_kind_captions);
	tcase_add_test(tc, test_kind_terms);
	tcase_add_test(tc, test_kind_text_in_div);
	tcase_add_test(tc, test_index_order);
	tcase_add_test(tc, test_depth_recorded);
	tcase_add_test(tc, test_block_path);
	suite_add_tcase(s, tc);

	tc = tcase_create("boundaries");
	tcase_add_test(tc, test_div_div_two_blocks);
	tcase_add_test(tc, test_inline_not_split);
	tcase_add_test(tc, test_inline_spaces_kept);
	tcase_add_test(tc, test_block_tags_separate);
	tcase_add_test(tc, test_empty_block_tag_separates);
	tcase_add_test(tc, test_hr_separates);
	tcase_add_test(tc, test_deep_flattened_not_glued);
	suite_add_tcase(s, tc);

	tc = tcase_create("whitespace");
	tcase_add_test(tc, test_whitespace_collapsed);
	tcase_add_test(tc, test_nbsp_is_space);
	tcase_add_test(tc, test_br_newline);
	tcase_add_test(tc, test_br_br_new_block);
	tcase_add_test(tc, test_whitespace_only_page);
	suite_add_tcase(s, tc);

	tc = tcase_create("invisible");
	tcase_add_test(tc, test_skipped_elements);
	tcase_add_test(tc, test_head_text_not_block);
	tcase_add_test(tc, test_head_script_style);
	tcase_add_test(tc, test_head_noscript_text);
	tcase_add_test(tc, test_head_noscript_pixel_title);
	tcase_add_test(tc, test_head_noscript_pixel_og_title);
	suite_add_tcase(s, tc);

	tc = tcase_create("embedded");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_embed_template_body);
	tcase_add_test(tc, test_embed_noscript_body);
	tcase_add_test(tc, test_embed_small_not_read);
	tcase_add_test(tc, test_embed_page_with_article);
	tcase_add_test(tc, test_embed_not_html);
	tcase_add_test(tc, test_embed_nested);
	tcase_add_test(tc, test_embed_bounded);
	tcase_add_test(tc, test_embed_budget);
	tcase_add_test(tc, test_embed_off);
	tcase_add_test(tc, test_embed_memory_cap);
	tcase_add_test(tc, test_embed_work_budget);
	suite_add_tcase(s, tc);

	tc = tcase_create("unicode");
	tcase_add_test(tc, test_nfc);
	tcase_add_test(tc, test_nfc_title);
	tcase_add_test(tc, test_numeric_entity_bug_valid_utf8);
	tcase_add_test(tc, test_invalid_bytes_valid_utf8);
	tcase_add_test(tc, test_huge_entity_no_crash);
	tcase_add_test(tc, test_huge_entity_keeps_following_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("links");
	tcase_add_test(tc, test_link_one_word);
	tcase_add_test(tc, test_link_whole_paragraph);
	tcase_add_test(tc, test_link_partial);
	tcase_add_test(tc, test_link_nested_inline);
	tcase_add_test(tc, test_anchor_without_href);
	tcase_add_test(tc, test_link_does_not_leak);
	suite_add_tcase(s, tc);

	tc = tcase_create("format characters");
	tcase_add_test(tc, test_soft_hyphen_removed);
	tcase_add_test(tc, test_stream_safe_marks);
	tcase_add_test(tc, test_word_joiners_removed);
	tcase_add_test(tc, test_zero_width_kept);
	tcase_add_test(tc, test_soft_hyphen_link_chars);
	tcase_add_test(tc, test_soft_hyphen_title_markdown);
	tcase_add_test(tc, test_ruby_base_only);
	suite_add_tcase(s, tc);

	tc = tcase_create("counts");
	tcase_add_test(tc, test_word_count);
	tcase_add_test(tc, test_word_count_cjk);
	tcase_add_test(tc, test_chars_are_code_points);
	tcase_add_test(tc, test_density);
	suite_add_tcase(s, tc);

	tc = tcase_create("hints");
	tcase_add_test(tc, test_hints_class_words);
	tcase_add_test(tc, test_hints_memo_same);
	tcase_add_test(tc, test_hints_vocabulary);
	tcase_add_test(tc, test_hints_no_substring_match);
	tcase_add_test(tc, test_hints_camel_case);
	tcase_add_test(tc, test_hints_layout_wrapper);
	tcase_add_test(tc, test_hints_page_builder);
	tcase_add_test(tc, test_hints_body_html);
	tcase_add_test(tc, test_hints_class_nav);
	tcase_add_test(tc, test_hints_hidden);
	tcase_add_test(tc, test_hints_tags);
	tcase_add_test(tc, test_hints_role_itemprop);
	tcase_add_test(tc, test_hints_in_page);
	suite_add_tcase(s, tc);

	tc = tcase_create("title");
	tcase_add_test(tc, test_title_tag);
	tcase_add_test(tc, test_title_og);
	tcase_add_test(tc, test_title_none);
	suite_add_tcase(s, tc);

	tc = tcase_create("depth");
	/* Gumbo itself takes about half a minute on 100,000 nested divs (its
	 * scope checks are linear in the depth); sanitizers slow it further. */
	tcase_set_timeout(tc, 110);
	tcase_add_test(tc, test_deep_divs);
	tcase_add_test(tc, test_deep_inline);
	tcase_add_test(tc, test_deep_siblings_not_glued);
	tcase_add_test(tc, test_deep_mixed_with_siblings);
	suite_add_tcase(s, tc);

	tc = tcase_create("robustness");
	tcase_add_test(tc, test_odd_markup_loads);
	tcase_add_test(tc, test_foreign_cdata_in_table_no_abort);
	suite_add_tcase(s, tc);

	tc = tcase_create("internal");
	tcase_add_test(tc, test_normalise);
	tcase_add_test(tc, test_block_finish);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(dom_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
