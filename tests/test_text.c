/*
 * test_text.c - text input (text.c, repeats.c and the text side of
 * score.c) through the public interface: how scraped text is split into
 * blocks, how the input kind is detected, the title, repeats, slugs,
 * counters and menus, the conventions of text browsers' dumps (lynx,
 * w3m) and the shape of the output.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "winnow.h"

/* ---- helpers ----------------------------------------------------------- */

static wn_doc *load_as(const char *text, wn_input input)
{
	struct wn_options o;
	wn_options_init(&o);
	o.input = input;
	wn_doc *d = wn_doc_new(&o);
	ck_assert_ptr_nonnull(d);
	wn_status rc = wn_doc_load(d, text, strlen(text));
	ck_assert_msg(rc == WN_OK, "load failed: %s (%s)", wn_status_str(rc),
	              wn_doc_errmsg(d));
	return d;
}

static wn_doc *load_text(const char *text)
{
	return load_as(text, WN_INPUT_TEXT);
}

/* The output that render (wn_doc_text, wn_doc_markdown) makes of d. */
static char *rendered(const wn_doc *d, wn_status (*render)(const wn_doc *, char **, size_t *))
{
	char *t;
	size_t n;
	ck_assert_int_eq(render(d, &t, &n), WN_OK);
	ck_assert_uint_eq(strlen(t), n);
	return t;
}

static char *output(const wn_doc *d)
{
	return rendered(d, wn_doc_text);
}

/* The text winnow keeps of the text page (malloc'd). */
static char *page_output(const char *page)
{
	wn_doc *d = load_text(page);
	char *t = output(d);
	wn_doc_free(d);
	return t;
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
	for (size_t i = 0; i < wn_doc_block_count(d); i++) {
		const struct wn_block *b = wn_doc_block(d, i);
		if (strstr(b->text, s))
			return b;
	}
	ck_abort_msg("no block contains \"%s\"", s);
	return NULL;
}

/* The block (with what the scorer sees) whose text is exactly s. */
static const struct wn_iblock *must_find_iblock(const wn_doc *d, const char *s)
{
	const struct wn_page *pg = wn_doc_page(d);
	for (size_t i = 0; i < pg->nblocks; i++)
		if (strcmp(pg->blocks[i].pub.text, s) == 0)
			return &pg->blocks[i];
	ck_abort_msg("no block is \"%s\"", s);
	return NULL;
}

static unsigned count(const char *hay, const char *needle)
{
	unsigned n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* 1 when the line s (without its newline) is a whole line of text. */
static int has_line(const char *text, const char *s)
{
	size_t n = strlen(s);
	for (const char *p = text; (p = strstr(p, s)) != NULL; p++)
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return 1;
	return 0;
}

static void dump(const wn_doc *d)
{
	char *x;
	size_t n;
	if (wn_doc_explain(d, &x, &n) == WN_OK) {
		fprintf(stderr, "%s", x);
		free(x);
	}
}

/* Valid UTF-8: no overlong forms, surrogates or code points past U+10FFFF. */
static int valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		size_t k;
		unsigned cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			k = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3;
			cp = c & 0x07;
		} else {
			return 0;
		}
		for (size_t j = 1; j <= k; j++) {
			if (i + j >= n || (s[i + j] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + j] & 0x3F);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += k + 1;
	}
	return 1;
}

/* Article paragraphs (invented). */
static const char *const P[5] = {
    "The regional council approved on Thursday a plan to reopen the old "
    "railway line between the two valley towns, closed to passengers since "
    "the nineteen-seventies.",
    "Trains would run every hour in both directions, and the council expects "
    "about three thousand passengers a day once the line has been running "
    "for a full year.",
    "Farmers along the route have asked for new crossings, saying that the "
    "old ones were built for a handful of slow goods trains and not for a "
    "modern timetable.",
    "Work on the tracks is due to begin next spring, and the first trains "
    "could carry passengers before the end of the following year if the "
    "budget is approved.",
    "The opposition said the money would be better spent on buses, which "
    "could reach the villages that the railway never served.",
};

#define TITLE "Council votes to reopen the valley railway line"

/* A page of the title and the first four paragraphs, with middle
 * between the second and the third. */
static void page_around(char *page, size_t size, const char *middle)
{
	snprintf(page, size, TITLE "\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n", P[0], P[1], middle, P[2],
	         P[3]);
}

/* ---- splitting ------------------------------------------------------------ */

START_TEST(test_blank_line_split)
{
	char page[4096];
	snprintf(page, sizeof page, TITLE "\n\n%s\n\n\n%s\n   \n%s\n\n%s\n", P[0], P[1], P[2], P[3]);
	wn_doc *d = load_text(page);
	for (int k = 0; k < 4; k++) {
		const struct wn_block *b = find_exact(d, P[k]);
		ck_assert_msg(b != NULL, "paragraph %d is not one block of its own", k);
		ck_assert_int_eq(b->kind, WN_BLOCK_PARAGRAPH);
		ck_assert_str_eq(b->path, ""); /* text, no element */
		ck_assert_int_eq(b->decision, WN_KEEP);
	}
	ck_assert_uint_eq(wn_doc_block_count(d), 5);
	char *t = output(d);
	for (int k = 0; k < 4; k++)
		ck_assert_ptr_nonnull(strstr(t, P[k]));
	/* One blank line between two blocks in the output, in order. */
	ck_assert_ptr_nonnull(strstr(t, P[1]));
	ck_assert(strstr(t, P[0]) < strstr(t, P[1]));
	ck_assert(strstr(t, P[2]) < strstr(t, P[3]));
	char want[1024];
	snprintf(want, sizeof want, "%s\n\n%s", P[0], P[1]);
	ck_assert_ptr_nonnull(strstr(t, want));
	free(t);
	wn_doc_free(d);

	/* CRLF line ends. */
	snprintf(page, sizeof page, TITLE "\r\n\r\n%s\r\n\r\n%s\r\n\r\n%s\r\n", P[0], P[1], P[2]);
	d = load_text(page);
	for (int k = 0; k < 3; k++)
		ck_assert_msg(find_exact(d, P[k]) != NULL, "CRLF: paragraph %d", k);
	t = output(d);
	ck_assert_ptr_null(strchr(t, '\r'));
	free(t);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_no_blank_lines_split_every_line)
{
	char page[4096];
	snprintf(page, sizeof page, TITLE "\n%s\n%s\n%s\n%s\n%s\n", P[0], P[1], P[2], P[3], P[4]);
	wn_doc *d = load_text(page);
	ck_assert_uint_eq(wn_doc_block_count(d), 6);
	for (int k = 0; k < 5; k++)
		ck_assert_msg(find_exact(d, P[k]) != NULL, "line %d is not a block", k);
	ck_assert_ptr_nonnull(find_exact(d, TITLE));
	char *t = output(d);
	for (int k = 0; k < 5; k++)
		ck_assert_ptr_nonnull(strstr(t, P[k]));
	free(t);
	wn_doc_free(d);

	/* Even lines that look wrapped: with no blank line anywhere, every
	 * line is a paragraph (scrapers write one per line). */
	snprintf(page, sizeof page, "%s\nand it goes on in lower case on the next line\n", P[0]);
	d = load_text(page);
	ck_assert_uint_eq(wn_doc_block_count(d), 2);
	wn_doc_free(d);
}
END_TEST

/* A line that ends with a comma or a semicolon runs on: a paragraph
 * whose breaks fall after them is one block, even in a text with a line too long to
 * give the width it was wrapped to. */
START_TEST(test_wrapped_after_commas)
{
	char page[4096];
	snprintf(page, sizeof page,
	         TITLE "\n\n%s %s\n\n"
	         "Supported by maps, timetables and the engineers' reports, the\n"
	         "costs, the benefits and the risks of the valley line\n"
	         "(compared to, say, a new bus service) are set out;\n"
	         "covering questions such as:\n",
	         P[0], P[1]);
	wn_doc *d = load_text(page);
	const struct wn_block *b = must_find(d, "Supported by maps");
	ck_assert_msg(strstr(b->text, "are set out;") && strstr(b->text, "questions such as:"), "%s",
	              b->text);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_wrapped_paragraph_one_block)
{
	static const char page[] =
	    TITLE "\n"
	    "\n"
	    "The regional council approved on Thursday a plan to reopen\n"
	    "the old railway line between the two valley towns, which\n"
	    "has been closed to passengers since the nineteen-seventies\n"
	    "and now carries only the occasional goods train.\n"
	    "\n"
	    "Trains would run every hour in both directions, and the\n"
	    "council expects about three thousand passengers a day.\n"
	    "\n"
	    "Farmers along the route have asked for new crossings.\n"
	    "Work on the tracks is due to begin next spring.\n"
	    "The opposition said the money would be better spent on buses.\n";
	wn_doc *d = load_text(page);
	const struct wn_block *b = must_find(d, "The regional council approved");
	ck_assert_msg(strstr(b->text, "reopen") && strstr(b->text, "goods train."),
	              "the wrapped paragraph is split: \"%s\"", b->text);
	ck_assert_int_eq(b->kind, WN_BLOCK_PARAGRAPH);
	b = must_find(d, "Trains would run");
	ck_assert_ptr_nonnull(strstr(b->text, "three thousand passengers a day."));
	/* Lines that each end a sentence and start upper case are blocks. */
	b = must_find(d, "Farmers along the route");
	ck_assert_ptr_null(strstr(b->text, "Work on the tracks"));
	ck_assert_ptr_nonnull(find_exact(d, "Work on the tracks is due to begin next spring."));
	/* The output holds the words of the wrapped paragraph in order. */
	char *t = output(d);
	const char *a = strstr(t, "reopen");
	const char *z = strstr(t, "the old railway line");
	ck_assert(a != NULL && z != NULL && a < z);
	free(t);
	wn_doc_free(d);
}
END_TEST

/* A line that ends in an accented letter ("été", "está") does not end a
 * sentence: the wrapped paragraph stays one block. */
START_TEST(test_wrapped_paragraph_accented_line_ends)
{
	static const char page[] =
	    "Le port de Vendrel prépare son festival\n"
	    "\n"
	    "Le festival des Marées, qui a attiré 32 000 personnes l'été\n"
	    "dernier, revient en juillet avec une deuxième scène sur la plage\n"
	    "et des navettes gratuites depuis la gare, a annoncé la mairie.\n"
	    "\n"
	    "El alcalde dijo que la carretera de la sierra ya está\n"
	    "abierta de nuevo y que los vecinos podrán volver a casa.\n"
	    "\n"
	    "Les billets seront mis en vente le premier juin, et le pass de quatre "
	    "jours coûtera 89 euros, avec un tarif réduit pour les étudiants.\n";
	wn_doc *d = load_text(page);
	const struct wn_block *b = must_find(d, "Le festival des Marées");
	ck_assert_msg(strstr(b->text, "a annoncé la mairie.") != NULL,
	              "the wrapped paragraph is split after \"été\": \"%s\"", b->text);
	b = must_find(d, "El alcalde dijo");
	ck_assert_msg(strstr(b->text, "volver a casa.") != NULL,
	              "the wrapped paragraph is split after \"está\": \"%s\"", b->text);
	char *t = output(d);
	ck_assert_msg(strstr(t, "l'été") != NULL && strstr(t, "ya está") != NULL,
	              "article text lost:\n%s", t);
	free(t);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_bullets_are_list_items)
{
	char page[4096];
	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\n"
	         "\xE2\x80\xA2 Hourly trains in both directions between the two towns\n"
	         "* Four new stations at the larger villages along the valley\n"
	         "- Level crossings rebuilt for the new timetable by the spring\n"
	         "1. A bus link from the upper valley to the new terminus\n"
	         "\n%s\n\n%s\n",
	         P[0], P[1], P[2]);
	wn_doc *d = load_text(page);
	static const char *const items[] = {
	    "Hourly trains in both directions between the two towns",
	    "Four new stations at the larger villages along the valley",
	    "Level crossings rebuilt for the new timetable by the spring",
	    "1. A bus link from the upper valley to the new terminus", /* its number kept */
	};
	for (int k = 0; k < 4; k++) {
		const struct wn_block *b = find_exact(d, items[k]);
		ck_assert_msg(b != NULL, "no list item \"%s\"", items[k]);
		ck_assert_int_eq(b->kind, WN_BLOCK_LIST_ITEM);
		ck_assert_uint_eq(b->level, 1);
	}
	wn_doc_free(d);
}
END_TEST

/* A bulleted list of points between article paragraphs is part of the
 * article, also when its items are shorter than a paragraph; a menu is
 * a list of one- to three-word labels at the edge. */
START_TEST(test_short_bullets_inside_article_kept)
{
	static const char *const items[] = {
	    "Hourly trains in both directions between the two towns",
	    "Four new stations at the larger villages",
	    "Level crossings rebuilt for the new timetable",
	    "A bus link from the upper valley",
	};
	char page[4096];
	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\nThe plan has four parts:\n\n"
	         "\xE2\x80\xA2 %s\n\xE2\x80\xA2 %s\n\xE2\x80\xA2 %s\n\xE2\x80\xA2 %s\n"
	         "\n%s\n\n%s\n",
	         P[0], items[0], items[1], items[2], items[3], P[1], P[2]);
	wn_doc *d = load_text(page);
	char *t = output(d);
	for (int k = 0; k < 3; k++)
		ck_assert_msg(strstr(t, P[k]) != NULL, "paragraph %d dropped (%s)", k,
		              must_find(d, P[k])->reason);
	for (int k = 0; k < 4; k++) {
		const struct wn_block *b = find_exact(d, items[k]);
		ck_assert_ptr_nonnull(b);
		ck_assert_int_eq(b->kind, WN_BLOCK_LIST_ITEM);
		ck_assert_msg(strstr(t, items[k]) != NULL, "item %d dropped (%s): %s", k, b->reason,
		              items[k]);
	}
	free(t);
	wn_doc_free(d);
}
END_TEST

/* ---- text browsers' conventions (lynx -dump, w3m -dump) ------------------ */

/* A list item expected: its text, and its ordinal or its level. */
struct want_item {
	const char *text;
	unsigned value;
};

/* Each of the n items is a list item with that ordinal (ordinals) or at
 * that level. */
static void check_items(const wn_doc *d, const struct want_item *w, size_t n, int ordinals)
{
	for (size_t k = 0; k < n; k++) {
		const struct wn_iblock *ib = must_find_iblock(d, w[k].text);
		unsigned got = ordinals ? wn_place_of(wn_doc_page(d), ib)->ordinal : ib->pub.level;
		ck_assert_int_eq(ib->pub.kind, WN_BLOCK_LIST_ITEM);
		ck_assert_msg(got == w[k].value, "%s: %s %u, not %u", w[k].text,
		              ordinals ? "ordinal" : "level", got, w[k].value);
	}
}

/* An ordered item keeps its number in the text ("1." is no bullet to
 * strip), the block its ordinal, and Markdown numbers it once. */
START_TEST(test_ordered_items_keep_numbers)
{
	char page[4096];
	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\nThe plan has three steps:\n\n"
	         "   1. Survey the old track bed during the winter months\n"
	         "   2. Rebuild the two bridges over the river\n"
	         "   3) Open the line to passenger trains in the autumn\n"
	         "\n%s\n\n%s\n",
	         P[0], P[1], P[2]);
	wn_doc *d = load_text(page);
	static const struct want_item items[] = {
	    {"1. Survey the old track bed during the winter months", 1},
	    {"2. Rebuild the two bridges over the river", 2},
	    {"3) Open the line to passenger trains in the autumn", 3},
	};
	check_items(d, items, sizeof items / sizeof items[0], 1);
	ck_assert_uint_eq(must_find_iblock(d, items[0].text)->pub.level, 1);
	char *t = output(d), *md = rendered(d, wn_doc_markdown);
	ck_assert_msg(has_line(t, "2. Rebuild the two bridges over the river"), "%s", t);
	ck_assert_msg(has_line(md, "2. Rebuild the two bridges over the river"), "%s", md);
	ck_assert_ptr_null(strstr(md, "2. 2."));
	ck_assert_ptr_null(strstr(md, "2\\."));
	free(t);
	free(md);
	wn_doc_free(d);
}
END_TEST

/* A text browser wraps a list item to its width and indents the lines
 * that go on to the item's text: the item is one block.  Lines indented
 * alike that are no wrapping (the next word would have fitted: a list of
 * months under a year) stay blocks of their own, and so do an item's
 * next lines in text that was never wrapped. */
START_TEST(test_wrapped_items_one_block)
{
	const char *page =
	    TITLE "\n\n"
	    "The council met on Tuesday evening and voted by a wide margin to reopen\n"
	    "the valley line, closed to passengers since the floods of the winter.\n\n"
	    "   1. Survey the old track bed during the winter months, before the\n"
	    "      river rises and the engineers can no longer reach the bridges.\n"
	    "   2. Rebuild the two bridges.\n\n"
	    "     * 2012\n"
	    "       November (6)\n"
	    "       October (31)\n";
	wn_doc *d = load_text(page);
	const struct wn_block *b = must_find(d, "before the");
	ck_assert_msg(strstr(b->text, "reach the bridges.") != NULL, "%s", b->text);
	ck_assert_int_eq(b->kind, WN_BLOCK_LIST_ITEM);
	ck_assert_ptr_nonnull(find_exact(d, "2. Rebuild the two bridges."));
	ck_assert_ptr_nonnull(find_exact(d, "November (6)"));
	ck_assert_ptr_nonnull(find_exact(d, "October (31)"));
	wn_doc_free(d);

	/* The same item in a text of long unwrapped lines. */
	char wide[4096];
	snprintf(wide, sizeof wide,
	         TITLE "\n\n%s %s %s\n\n"
	         "   1. Survey the old track bed during the winter months, before the\n"
	         "      river rises and the engineers can no longer reach the bridges.\n",
	         P[0], P[1], P[2]);
	d = load_text(wide);
	ck_assert_ptr_nonnull(find_exact(d, "river rises and the engineers can no longer reach the bridges."));
	wn_doc_free(d);

	/* A numbered list wrapped narrower than the page (a preformatted
	 * part, a column of its own): its items are one block each. */
	page = TITLE "\n\n"
	       "The council met on Tuesday evening and voted by a wide margin to reopen the valley\n"
	       "line, closed to passengers since the floods of the winter, and asked for a plan.\n\n"
	       "   1. Survey the old track bed during the\n"
	       "      winter months, before the river rises.\n"
	       "   2. Rebuild the two bridges over the river\n"
	       "      and the road, and repair the tunnel.\n";
	d = load_text(page);
	b = must_find(d, "Survey the old");
	ck_assert_msg(strstr(b->text, "before the river rises.") != NULL, "%s", b->text);
	b = must_find(d, "Rebuild the two");
	ck_assert_msg(strstr(b->text, "repair the tunnel.") != NULL, "%s", b->text);
	wn_doc_free(d);

	/* A bullet drawn as text with blanks after it, its item's wrapped
	 * lines under the bullet rather than under the item's text: the
	 * lines that go on with its sentence are the item's, one that starts
	 * a sentence of its own is not. */
	page = TITLE "\n\n"
	       "The council met on Tuesday evening and voted by a wide margin to reopen\n"
	       "the valley line, closed to passengers since the floods of the winter.\n\n"
	       "*       How do I know if the line is open? The council will post the\n"
	       "timetable at every station of the valley and on its notice boards, and\n"
	       "the local paper will print it every week.\n\n"
	       "*       Tickets\n"
	       "Buy them on the train.\n";
	d = load_text(page);
	b = must_find(d, "How do I know");
	ck_assert_msg(strstr(b->text, "every week.") != NULL, "%s", b->text);
	ck_assert_int_eq(b->kind, WN_BLOCK_LIST_ITEM);
	ck_assert_ptr_nonnull(find_exact(d, "Buy them on the train."));
	wn_doc_free(d);
}
END_TEST

/* A text wrapped to a width, with a line far wider than it: a cell that
 * w3m drew at the right edge of a layout table, after a thousand blanks.
 * The items' lines are still the browser's wrapping, one block each. */
START_TEST(test_wrap_width_past_a_wide_line)
{
	static const char items[] =
	    "      \u2022 Identify as many species of birds as you can in the park\n"
	    "        near your school, and call the local paper with what you\n"
	    "        found.\n\n"
	    "      \u2022 Conduct a photography contest at your school focusing on the\n"
	    "        animals of the valley, and ask a newspaper photographer to\n"
	    "        judge it.\n\n"
	    "      \u2022 Make a bird feeder from a plastic bottle and a wooden spoon,\n"
	    "        then keep a journal of the birds that visit it through the\n"
	    "        winter.\n\n"
	    "      \u2022 Start a composting pile behind the school kitchen, and weigh\n"
	    "        the scraps that go on it every week of the spring term.\n\n";
	char page[16384];
	for (int wide = 0; wide < 4; wide++) {
		int n = snprintf(page, sizeof page, "%s\n\n%s", TITLE, items);
		/* Every line set in by 450 blanks (a layout's column). */
		if (wide == 3) {
			n = 0;
			for (const char *l = TITLE "\n\n", *k = l; *k; l = k) {
				k = strchr(l, '\n') + 1;
				n += snprintf(page + n, sizeof page - (size_t)n, "%450s%.*s", "", (int)(k - l), l);
			}
			for (const char *l = items, *k = l; *k; l = k) {
				k = strchr(l, '\n') + 1;
				n += snprintf(page + n, sizeof page - (size_t)n, "%450s%.*s", "", (int)(k - l), l);
			}
		}
		if (wide == 1) {
			memset(page + n, ' ', 1000);
			snprintf(page + 1000 + n, sizeof page - 1000 - (size_t)n, "Free Web Statistics\n");
		}
		/* Rows of a layout, their cells hundreds of blanks apart, and
		 * rules drawn across it: no paragraph's lines. */
		for (int row = 0; wide == 2 && row < 3; row++)
			n += snprintf(page + n, sizeof page - (size_t)n, "%-700s%s\n%s\n",
			              "Ordering help and returns", "Other services",
			              "\u2501\u2501\u2501\u2501 \u2501\u2501\u2501\u2501 \u2501\u2501\u2501\u2501"
			              "\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501");
		wn_doc *d = load_text(page);
		const struct wn_block *b = must_find(d, "in the park");
		ck_assert_msg(strstr(b->text, "found.") != NULL, "wide %d: %s", wide,
		              b->text);
		b = must_find(d, "Conduct a photography");
		ck_assert_msg(strstr(b->text, "judge it.") != NULL, "wide %d: %s", wide, b->text);
		wn_doc_free(d);
	}

	/* Lines of about one length but no paragraph going on past them
	 * (a list of headlines, each a line of its own) show no width: two
	 * lines stay two blocks. */
	const char *page2 = TITLE "\n\n"
	                    "Council votes to reopen the valley line after the winter floods\n"
	                    "Fares and timetables\n\n"
	                    "Engineers begin a survey of the old track bed and the two bridges\n\n"
	                    "Valley schools plan a spring term of composting and bird feeders\n\n";
	snprintf(page, sizeof page, "%s%1000s\n", page2, "Free Web Statistics");
	wn_doc *d = load_text(page);
	ck_assert_ptr_nonnull(find_exact(d, "Fares and timetables"));
	wn_doc_free(d);
}
END_TEST

/* The page's article (which holds kept) stays and its comments ("every
 * day", "forty years") go. */
static void assert_comments_dropped(const char *page, const char *kept)
{
	char *t = page_output(page);
	ck_assert_msg(strstr(t, kept) != NULL, "%s", t);
	ck_assert_msg(strstr(t, "forty years") == NULL && strstr(t, "every day") == NULL, "%s", t);
	free(t);
}

/* A course listing: a title, a paragraph the browser wrapped, and
 * fields, one to a line.  The paragraph's lines are one block where a
 * line breaks off inside a sentence and the next word would not have
 * fitted; the title and the fields stay lines of their own. */
START_TEST(test_wrapped_paragraph_among_fields)
{
	const char *page =
	    TITLE "\n\n"
	    "Bookkeeping for a small business\n"
	    "An overview of the program, so that you can see what it does for a shop. This is an\n"
	    "evening course for owners who are deciding whether to keep their own books this year.\n"
	    "Class ID:            NTG 001\n"
	    "Instructor:          Jane Roe\n"
	    "Fee:                 $95\n";
	wn_doc *d = load_text(page);
	const struct wn_block *b = must_find(d, "This is an");
	ck_assert_msg(strstr(b->text, "keep their own books this year.") != NULL, "%s", b->text);
	ck_assert_ptr_nonnull(find_exact(d, "Bookkeeping for a small business"));
	ck_assert_ptr_nonnull(must_find(d, "Instructor:"));
	ck_assert_ptr_null(strstr(must_find(d, "Instructor:")->text, "Fee"));
	wn_doc_free(d);
}
END_TEST

/* Comments as lynx prints their list: each commenter's name as an item,
 * the comment indented under it.  The names are signatures: the thread
 * under the article goes.  Numbered headings over paragraphs ("2. Easy
 * to use") are the article's. */
START_TEST(test_names_over_comments)
{
	char page[8192];
	snprintf(page, sizeof page,
	         TITLE "\n\n   %s\n\n   %s\n\n   %s\n\n   %s\n\n   %s\n\n"
	         "     * Jane Roe\n"
	         "       Great news, I used to take that train to school every day.\n"
	         "     * http://example.org/ Max Muster\n"
	         "       Buses would be cheaper and they reach more of the villages.\n"
	         "     * Ann\n"
	         "       Finally! It took them forty years to see the obvious thing.\n",
	         P[0], P[1], P[2], P[3], P[4]);
	assert_comments_dropped(page, "could reach the villages");

	snprintf(page, sizeof page,
	         TITLE "\n\n   %s\n\n   %s\n\n"
	         "     1. Quiet\n"
	         "        The new trains are far quieter than the old ones were, the makers say.\n"
	         "     2. Fast\n"
	         "        The trip between the two towns will take twelve minutes instead of forty.\n"
	         "     3. Cheap\n"
	         "        A ticket will cost less than the bus fare for the same trip today.\n",
	         P[0], P[1]);
	char *t = page_output(page);
	ck_assert_msg(strstr(t, "twelve minutes") != NULL && strstr(t, "bus fare") != NULL, "%s", t);
	free(t);

	/* Comment headers with no date: "Jane Roe said," over each. */
	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n\n"
	         "Jane Roe said,\n\n"
	         "Great news, I used to take that train to school every day. I hope they "
	         "keep the old station.\n\n"
	         "Max said,\n\n"
	         "Buses would be cheaper and they reach more of the villages. Nobody asked "
	         "the people who live there.\n\n"
	         "Ann says,\n\n"
	         "Finally! It took them forty years to see the obvious thing. Now build the "
	         "crossings first.\n",
	         P[0], P[1], P[2], P[3], P[4]);
	assert_comments_dropped(page, "could reach the villages");
}
END_TEST

/* A story, a comment counter, a "You may like to read" heading and a
 * thread ten times as long: the thread is not the article, even with
 * the heading's line between the counter and the thread. */
START_TEST(test_thread_after_counter_and_heading)
{
	char page[32768];
	int n = snprintf(page, sizeof page,
	                 TITLE "\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n\n"
	                 "100 of 545 comments loaded\n\n"
	                 "You may like to read:\n\n"
	                 "   →\n\n",
	                 P[0], P[1], P[2], P[3], P[4]);
	for (int i = 0; i < 80; i++)
		n += snprintf(page + n, sizeof page - n,
		              "by reader%d on Monday July 23, @08:31PM\n\n"
		              "Reader %d here: I took that train to school every day, and I still think "
		              "the buses reach more places for less money than any railway could, "
		              "whatever the council says about the timetable.\n\n",
		              i + 1, i + 1);
	char *t = page_output(page);
	ck_assert_msg(strstr(t, "could reach the villages") != NULL, "%.300s", t);
	ck_assert_msg(strstr(t, "school every day") == NULL, "%.300s", t);
	free(t);
}
END_TEST

/* A short post above a comment counter and comments each longer than
 * the post: the post is the article, the comments go, unless
 * text_counted_thread_share asks the post to outweigh an average
 * comment. */
START_TEST(test_short_post_long_comments)
{
	char page[16384];
	int n = snprintf(page, sizeof page,
	                 TITLE "\n\nby John on July 15, 2012\n\n%s %s\n\n"
	                 "14 comments... read them below or add one\n\n",
	                 P[0], P[4]);
	for (int i = 0; i < 8; i++)
		n += snprintf(page + n, sizeof page - n,
		              "Reader%d 07.15.12 at 12:%02d\n\n"
		              "Reader %d here: I took that train to school every day for years, and "
		              "I still think the buses reach more places for less money than any "
		              "railway could, whatever the council says about the timetable. The "
		              "stations are far from the villages, the parking is expensive and the "
		              "last train leaves before the shops close, so who will use it?\n\n",
		              i + 1, 10 + i, i + 1);
	char *t = page_output(page);
	ck_assert_msg(strstr(t, "could reach the villages") != NULL, "%.300s", t);
	ck_assert_msg(strstr(t, "school every day") == NULL, "%.300s", t);
	free(t);

	struct wn_options o;
	wn_options_init(&o);
	o.input = WN_INPUT_TEXT;
	o.text_counted_thread_share = 1;
	wn_doc *d = wn_doc_new(&o);
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(wn_doc_load(d, page, strlen(page)), WN_OK);
	t = output(d);
	ck_assert_msg(strstr(t, "school every day") != NULL, "%.300s", t);
	free(t);
	wn_doc_free(d);
}
END_TEST

/* A "Comments" heading (a block rule alone) over a thread of signed
 * comments that outweighs the story, each comment under a rule of
 * underscores as lynx draws them: the heading ends the article as a
 * "rest" rule does, so the thread neither wins the page nor comes back
 * as an extra run.  The same heading as a link above the byline ends
 * nothing. */
START_TEST(test_comment_heading_over_thread)
{
	char page[32768];
	int n = snprintf(page, sizeof page, TITLE "\n\n%s\n\n%s\n\n%s\n\n%s\n\nComments\n\n",
	                 P[0], P[1], P[2], P[3]);
	for (int i = 0; i < 14; i++)
		n += snprintf(page + n, sizeof page - n,
		              "Reader %d here: I took that train to school every day, and I still "
		              "think the buses reach more places for less money than any railway "
		              "could, whatever the council says about the timetable and the "
		              "stations.\n\n"
		              "Posted by: reader%d at November 8, 2012 7:%02d AM\n"
		              "     ____________________________________________\n\n",
		              i + 1, i + 1, 10 + i);
	char *t = page_output(page);
	ck_assert_msg(strstr(t, "budget is approved") != NULL, "%.300s", t);
	ck_assert_msg(strstr(t, "school every day") == NULL, "%.300s", t);
	free(t);

	/* Under the standfirst, above the byline and the story, the heading
	 * is the link to the comments (text_comment_head_after). */
	n = snprintf(page, sizeof page,
	             TITLE "\n\n%s\n\n"
	             "Comments\n\nPosted by Jane Roe on October 31, 2012 at 4:14 pm\n\n"
	             "%s\n\n%s\n\nEdited by Max Muster on November 1, 2012 at 9:10 am\n\n%s\n\n%s\n\n"
	             "Edited by Ann Other on November 2, 2012 at 8:00 am\n\n",
	             P[4], P[0], P[1], P[2], P[3]);
	t = page_output(page);
	ck_assert_msg(strstr(t, P[0]) != NULL && strstr(t, P[4]) != NULL, "%.300s", t);
	free(t);
}
END_TEST

/* A gallery as lynx prints it, each photo's alternative text and then
 * its caption, the same sentence twice in one block: each goes, with
 * its reason, and the strip of captions does not carry the article on;
 * a sentence said twice for effect, or two different sentences, stay. */
START_TEST(test_doubled_captions_dropped)
{
	static const char *const caps[] = {
	    "A train crosses the old viaduct near the lower town on Monday.",
	    "Farmers stand beside the closed crossing at the edge of the valley.",
	    "The mayor speaks to reporters at the station after the vote.",
	    "Workers inspect the rails north of the tunnel on Tuesday morning.",
	};
	char page[8192];
	/* Two photos inside the article: dropped as doubled text. */
	int n = snprintf(page, sizeof page, TITLE "\n\n%s\n\n%s\n\n", P[0], P[1]);
	for (int i = 0; i < 2; i++)
		n += snprintf(page + n, sizeof page - n, "%s %s\n\n", caps[i], caps[i]);
	snprintf(page + n, sizeof page - n, "%s\n\n%s\n", P[2], P[3]);
	wn_doc *d = load_text(page);
	const struct wn_block *b = must_find(d, "the closed crossing");
	ck_assert_int_eq(b->decision, WN_DROP);
	ck_assert_msg(strstr(b->reason, "twice") != NULL, "%s", b->reason);
	ck_assert_int_eq(must_find(d, "budget is approved")->decision, WN_KEEP);
	wn_doc_free(d);

	/* A strip of four after it: the article does not run on over it to
	 * the line after. */
	n = snprintf(page, sizeof page, TITLE "\n\n%s\n\n%s\n\n%s\n\n%s\n\n", P[0], P[1], P[2],
	             P[3]);
	for (int i = 0; i < 4; i++)
		n += snprintf(page + n, sizeof page - n, "%s %s\n\n", caps[i], caps[i]);
	snprintf(page + n, sizeof page - n, "%s\n", P[4]);
	char *t = page_output(page);
	ck_assert_msg(strstr(t, "budget is approved") != NULL, "%s", t);
	ck_assert_msg(strstr(t, "viaduct") == NULL && strstr(t, "never served") == NULL, "%s", t);
	free(t);

	/* The two texts printed with no space between them go too; and
	 * the same picture's text under every photo of the article (a "pin
	 * it" description) does not cut the article short. */
	char pin[512];
	snprintf(pin, sizeof pin, "%s %s%s %s", caps[1], caps[2], caps[1], caps[2]);
	snprintf(page, sizeof page, TITLE "\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n",
	         P[0], P[1], pin, P[2], P[3], pin, pin, P[4]);
	t = page_output(page);
	ck_assert_msg(strstr(t, "three thousand") && strstr(t, "budget is approved") &&
	                  strstr(t, "never served"),
	              "%s", t);
	ck_assert_msg(strstr(t, "closed crossing") == NULL, "%s", t);
	free(t);

	/* A strip of videos above the article, each picture's caption
	 * printed twice, one block under the other, beside a teaser's
	 * headline: the captions do not carry the article up over it. */
	static const char *const teasers[] = {
	    "Ferry strike ends after two weeks",
	    "Lake cyclists ask for a wider path",
	    "Bakery opens in the old post office",
	    "Snow closes the pass road for a day",
	};
	n = snprintf(page, sizeof page, TITLE "\n\n");
	for (int i = 0; i < 4; i++)
		n += snprintf(page + n, sizeof page - n, "%s %s\n\n%s %s\n\n%s\n\n", caps[i],
		              caps[(i + 1) % 4], caps[i], caps[(i + 1) % 4], teasers[i]);
	snprintf(page + n, sizeof page - n, "%s\n\n%s\n\n%s\n", P[0], P[1], P[2]);
	t = page_output(page);
	ck_assert_msg(strstr(t, "nineteen-seventies") && strstr(t, "modern timetable"), "%s", t);
	ck_assert_msg(strstr(t, "Bakery") == NULL && strstr(t, "viaduct") == NULL, "%s", t);
	free(t);

	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\n%s\n\nNever again, they said. Never again, they said.\n\n"
	         "%s\n\n%s\n",
	         P[0], P[1], P[2], P[3]);
	t = page_output(page);
	ck_assert_msg(strstr(t, "Never again, they said. Never again") != NULL, "%s", t);
	free(t);
}
END_TEST

/* A page's metadata repeats the article's first paragraphs, run
 * together, under it: said again, dropped with its reason.  A paragraph
 * that quotes one sentence of the article (a fifth of it) says something
 * new and stays, as does the article itself. */
START_TEST(test_near_repeat_dropped)
{
	char page[8192];
	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\n%s\n\n%s\n\n%s\n\n"
	         "2012-11-08T07:12:00+01:00\nhttps://example.org/valley-line.jpg\n\n"
	         "%s %s\n\n"
	         "Asked about the plan, the mayor said that trains would run every hour in both "
	         "directions, and added that the council had not yet decided who would run them, "
	         "how the fares would be set, or what would happen to the buses that serve the "
	         "villages today.\n",
	         P[0], P[1], P[2], P[3], P[0], P[1]);
	wn_doc *d = load_text(page);
	size_t nb = wn_doc_block_count(d), kept_p0 = 0, dropped = 0;
	for (size_t i = 0; i < nb; i++) {
		const struct wn_block *b = wn_doc_block(d, i);
		if (strstr(b->text, "closed to passengers") == NULL)
			continue;
		if (b->decision == WN_KEEP)
			kept_p0++;
		else if (strstr(b->reason, "says again") != NULL)
			dropped++;
	}
	ck_assert_uint_eq(kept_p0, 1);
	ck_assert_uint_eq(dropped, 1);
	ck_assert_int_eq(must_find(d, "Asked about the plan")->decision, WN_KEEP);
	ck_assert_int_eq(must_find(d, "budget is approved")->decision, WN_KEEP);
	wn_doc_free(d);
}
END_TEST

/* A dateline under a line of menu words run together (no sentence in
 * it) is no comment's signature: the thread of dated comments after the
 * article is what goes. */
START_TEST(test_dateline_under_menu_no_signature)
{
	char page[8192];
	snprintf(page, sizeof page,
	         "section home railways the valley line nov 01 2012 timetables maps tickets "
	         "fares stations photos videos archive tags about contact\n\n"
	         "Nov 01 2012\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n\n"
	         "Jane On Thursday, November 1 at 2:57 pm\n\n"
	         "Great news, I used to take that train to school every day. I hope they "
	         "keep the old station.\n\n"
	         "Max On Thursday, November 1 at 3:10 pm\n\n"
	         "Buses would be cheaper and they reach more of the villages. Nobody asked "
	         "the people who live there.\n\n"
	         "Ann On Friday, November 2 at 9:02 am\n\n"
	         "Finally! It took them forty years to see the obvious thing. Now build the "
	         "crossings first.\n",
	         P[0], P[1], P[2], P[3], P[4]);
	assert_comments_dropped(page, "budget is approved");
}
END_TEST

/* Lines of underscores (lynx's <hr>) border the post: the site's blurb
 * above and the pitch below stay out, though each is a sentence. */
START_TEST(test_underscore_rules_border_post)
{
	char page[4096];
	snprintf(page, sizeof page,
	         "   Notes from a railway fan who writes about timetables, old lines and the "
	         "people who run them.\n"
	         "     ____________________________________________________________\n\n"
	         "   %s\n\n   %s\n\n   %s\n"
	         "     ____________________________________________________________\n\n"
	         "   Get every new post about railways in your inbox once a month, it is free "
	         "and you can leave any time.\n",
	         P[0], P[1], P[2]);
	char *t = page_output(page);
	ck_assert_msg(strstr(t, "three thousand passengers") != NULL, "%s", t);
	ck_assert_msg(strstr(t, "railway fan") == NULL && strstr(t, "inbox") == NULL, "%s", t);
	free(t);
}
END_TEST

/* A recipe: the ingredients above the steps and the nutrition values
 * below them are content, though each is a list of short lines; the
 * same list of figures under another heading is not. */
START_TEST(test_recipe_lists_kept)
{
	const char *page =
	    "   Apfelkuchen vom Blech\n\n   Zutaten\n\n"
	    "     * 6 Äpfel\n     * 250 g Mehl\n     * 125 g Butter\n     * ½ TL Zimt\n\n"
	    "   Zubereitung\n\n"
	    "   Die Äpfel schälen, entkernen und in dünne Spalten schneiden, dann mit etwas "
	    "Zitronensaft beträufeln.\n\n"
	    "   Mehl, Butter und Zucker mit den Händen zu Streuseln verkneten und über die "
	    "Äpfel auf dem Blech streuen.\n\n"
	    "   Im vorgeheizten Ofen bei 180 Grad etwa vierzig Minuten backen, bis die Streusel "
	    "goldbraun sind.\n\n"
	    "   Nährwerte pro Stück\n   Energie 310 kcal\n   Fett 14 g\n\n"
	    "   Impressum\n";
	char *t = page_output(page);
	ck_assert_msg(has_line(t, "250 g Mehl") && has_line(t, "½ TL Zimt"), "%s", t);
	ck_assert_msg(has_line(t, "Energie 310 kcal") && has_line(t, "Fett 14 g"), "%s", t);
	ck_assert_msg(strstr(t, "Impressum") == NULL, "%s", t);
	free(t);

	page = "   Archive\n\n     * 2012 posts\n     * 2011 posts\n     * 2010 posts\n\n"
	       "   The regional council approved on Thursday a plan to reopen the old railway "
	       "line between the two valley towns.\n\n"
	       "   Trains would run every hour in both directions, and the council expects "
	       "three thousand passengers a day.\n";
	t = page_output(page);
	ck_assert_msg(strstr(t, "three thousand") != NULL && strstr(t, "2011 posts") == NULL, "%s", t);
	free(t);
}
END_TEST

/* A "Related articles" box inside the article: its headlines go, and
 * the article goes on after it.  A box of teasers, each under a
 * headline of its own, still ends the article. */
START_TEST(test_related_box_inside_article)
{
	char page[8192];
	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\nRelated articles\n\n"
	         "Valley towns argue over the new bus timetable\n\n"
	         "Old station to become a museum\n\n%s\n\n%s\n\n%s\n\n%s\n",
	         P[0], P[1], P[2], P[3], P[4]);
	char *t = page_output(page);
	ck_assert_msg(strstr(t, "nineteen-seventies") && strstr(t, "budget is approved") &&
	                  strstr(t, "never served"),
	              "%s", t);
	ck_assert_msg(strstr(t, "become a museum") == NULL, "%s", t);
	free(t);

	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\n%s\n\nRelated articles\n\n"
	         "Bus timetable\n\n"
	         "The valley towns argue over the new bus timetable, which cuts the evening "
	         "buses to the villages from May.\n\n"
	         "Station museum\n\n"
	         "The old station is to become a museum of the railway, with two engines and "
	         "a model of the valley line.\n\n"
	         "Night trains\n\n"
	         "Night trains may return to the main line next year if the operators agree on "
	         "the sharing of costs.\n",
	         P[0], P[1]);
	t = page_output(page);
	ck_assert_msg(strstr(t, "three thousand") != NULL, "%s", t);
	ck_assert_msg(strstr(t, "museum") == NULL && strstr(t, "Night trains") == NULL, "%s", t);
	free(t);

	/* The box as a list of eight headlines, one of them a sentence: the
	 * gap to the article's text is counted after the list. */
	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\n%s\n\nRelated articles\n\n"
	         "     * Valley towns argue over the new bus timetable\n\n"
	         "     * Old station to become a museum\n\n"
	         "     * The ferry across the lake will run again from April, the operator said.\n\n"
	         "     * Night trains may return\n\n"
	         "     * Cyclists ask for a path along the line\n\n"
	         "     * Council elections: the candidates\n\n"
	         "     * Snow closes the pass road\n\n"
	         "     * A new bakery in the old post office\n\n"
	         "%s\n\n%s\n\n%s\n",
	         P[0], P[1], P[2], P[3], P[4]);
	t = page_output(page);
	ck_assert_msg(strstr(t, "three thousand") && strstr(t, "new crossings") && strstr(t, "budget is approved") &&
	                  strstr(t, "never served"),
	              "%s", t);
	ck_assert_msg(strstr(t, "museum") == NULL && strstr(t, "ferry") == NULL, "%s", t);
	free(t);

	/* Two boxes, one under the other, each under the bare word: the
	 * second heading is part of the gap, not the end of the article. */
	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\n%s\n\nRelated\n\n"
	         "Valley towns argue over the new bus timetable\n\n"
	         "Old station to become a museum\n\nRelated\n\n"
	         "Snow closes the pass road\n\n"
	         "A new bakery in the old post office\n\n%s\n\n%s\n\n%s\n",
	         P[0], P[1], P[2], P[3], P[4]);
	t = page_output(page);
	ck_assert_msg(strstr(t, "three thousand") && strstr(t, "budget is approved") &&
	                  strstr(t, "never served"),
	              "%s", t);
	ck_assert_msg(strstr(t, "museum") == NULL && strstr(t, "bakery") == NULL, "%s", t);
	free(t);

	/* The article after the box has pictures: their captions are short
	 * lines, their credits known junk, neither a teaser. */
	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\nRelated articles\n\n"
	         "Valley towns argue over the new bus timetable\n\n"
	         "Old station to become a museum\n\n%s\n\nThe old platform\n\n"
	         "Passengers on the old platform in 1970 (Image: Valley Archive)\n\n%s\n\n"
	         "The council chamber\n\nCouncillors before the vote (Image: Valley Courier)\n\n%s\n",
	         P[0], P[1], P[2], P[3]);
	t = page_output(page);
	ck_assert_msg(strstr(t, "three thousand") && strstr(t, "new crossings") &&
	                  strstr(t, "budget is approved"),
	              "%s", t);
	ck_assert_msg(strstr(t, "museum") == NULL && strstr(t, "Image:") == NULL, "%s", t);
	free(t);
}
END_TEST

/* A long line with no sentence and (almost) no function words is a tag
 * cloud or headlines run together, not the article's end; a long sentence
 * without its full stop stays, and so does such a line on a page in a
 * language whose function words are not known. */
START_TEST(test_tag_cloud_not_prose)
{
	char page[8192];
	const char *cloud = "railway timetable valley towns council budget trains buses farmers "
	                    "crossings tracks passengers opposition villages spring museum "
	                    "station ferry lake cyclists bakery";
	snprintf(page, sizeof page, TITLE "\n\n%s\n\n%s\n\n%s\n\n%s\n\nTags\n\n%s\n", P[0], P[1],
	         P[2], P[3], cloud);
	char *t = page_output(page);
	ck_assert_msg(strstr(t, "nineteen-seventies") && strstr(t, "budget is approved"), "%s", t);
	ck_assert_msg(strstr(t, "cyclists bakery") == NULL, "%s", t);
	free(t);

	const char *long_line = "The mayor of the larger town said that the line would bring back "
	                        "the visitors who had stopped coming when the last train left the "
	                        "station in the winter of that year";
	page_around(page, sizeof page, long_line);
	t = page_output(page);
	ck_assert_msg(strstr(t, "last train left") != NULL, "%s", t);
	free(t);

	/* Indonesian: none of its words are in the lists, so nothing is
	 * judged by them ... */
#define INDONESIAN                                                                        \
	"Dewan kota menyetujui rencana membuka kembali jalur kereta api lama antara dua "  \
	"kota di lembah itu. Kereta akan berjalan setiap jam ke dua arah.\n\n"               \
	"Para petani di sepanjang jalur meminta perlintasan baru karena perlintasan lama " \
	"dibangun untuk kereta barang yang lambat dan jarang lewat.\n\n"                     \
	"Pekerjaan di rel dijadwalkan mulai musim semi depan dan kereta pertama bisa "     \
	"membawa penumpang sebelum akhir tahun berikutnya%s\n\n"                             \
	"Pihak oposisi mengatakan uang itu lebih baik dipakai untuk bus yang bisa "        \
	"menjangkau desa-desa yang tidak pernah dilayani kereta api.\n%s"
	snprintf(page, sizeof page, INDONESIAN, " kalau anggaran disetujui dewan", "");
	t = page_output(page);
	ck_assert_msg(strstr(t, "anggaran disetujui dewan") != NULL, "%s", t);
	free(t);

	/* ... but its tags in alphabetical order are a tag cloud in any
	 * language, and go. */
	snprintf(page, sizeof page, INDONESIAN, ".",
	         "\nanggaran bus dewan desa jalur kereta api lama lembah musim oposisi pasar "
	         "pekerjaan perlintasan petani rel sekolah stasiun tahun terowongan ujian wisata\n");
#undef INDONESIAN
	t = page_output(page);
	ck_assert_msg(strstr(t, "berikutnya.") && strstr(t, "dilayani kereta api"), "%s", t);
	ck_assert_msg(strstr(t, "terowongan") == NULL, "%s", t);
	free(t);
}
END_TEST

/* A notice in a wording no rule knows goes by its words (a cookie
 * dialog's "partners", "device", "traffic", "preferences", "advertising"),
 * between the article's paragraphs, without cutting the article; on a
 * page about cookies, the paragraphs that talk of them are the article,
 * and a blogger's words on their own newsletter are the post's. */
/* A block that repeats the page's title is the title, however it is
 * wrapped: quotation marks and dashes before it, another case; one whose
 * first letter or digit differs is not. */
START_TEST(test_title_repeated_in_marks)
{
	static const struct {
		const char *block;
		int title;
	} cases[] = {
	    {"\xC2\xAB " TITLE " \xC2\xBB", 1},
	    {"\xE2\x80\x94 COUNCIL VOTES TO REOPEN THE VALLEY RAILWAY LINE", 1},
	    {"\xE2\x80\x9C" TITLE "\xE2\x80\x9D", 1},
	    {"2021: " TITLE, 0},
	    {"\xC2\xAB Councils vote to reopen the valley railway line \xC2\xBB", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char page[8192];
		snprintf(page, sizeof page, TITLE "\n\n%s\n\n%s\n\n%s\n\n%s\n", P[0],
		         cases[i].block, P[1], P[2]);
		wn_doc *d = load_text(page);
		const struct wn_block *b = find_exact(d, cases[i].block);
		ck_assert_ptr_nonnull(b);
		ck_assert_msg((strcmp(b->reason, "page title") == 0) == cases[i].title,
		              "%zu: %s (%s)", i, cases[i].block, b->reason);
		wn_doc_free(d);
	}
}
END_TEST

START_TEST(test_notice_by_its_words)
{
	const char *notice = "Selected partners and the publisher rely on identifiers kept on "
	                     "this device to gauge traffic, keep preferences and tailor "
	                     "advertising to each visitor.";
	char page[8192];
	page_around(page, sizeof page, notice);
	wn_doc *d = load_text(page);
	const struct wn_block *b = must_find(d, "gauge traffic");
	ck_assert_int_eq(b->decision, WN_DROP);
	ck_assert_msg(strstr(b->reason, "cookie") != NULL, "%s", b->reason);
	ck_assert_int_eq(must_find(d, "budget is approved")->decision, WN_KEEP);
	ck_assert_int_eq(must_find(d, "nineteen-seventies")->decision, WN_KEEP);
	wn_doc_free(d);

	/* A blogger writing of their own newsletter is writing the post. */
	const char *own = "I will send the whole course only to subscribers of my newsletter; "
	                  "none of it goes on this blog, and each lesson lands in the inbox on "
	                  "Monday.";
	page_around(page, sizeof page, own);
	d = load_text(page);
	ck_assert_int_eq(must_find(d, "subscribers of my newsletter")->decision, WN_KEEP);
	wn_doc_free(d);

	/* The same inside an HTML article. */
	snprintf(page, sizeof page,
	         "<html><body><article><h1>" TITLE "</h1><p>%s</p><p>%s</p><p>%s</p><p>%s</p>"
	         "<p>%s</p></article></body></html>",
	         P[0], P[1], notice, P[2], P[3]);
	d = load_as(page, WN_INPUT_HTML);
	b = must_find(d, "gauge traffic");
	ck_assert_int_eq(b->decision, WN_DROP);
	ck_assert_msg(strstr(b->reason, "cookie") != NULL, "%s", b->reason);
	ck_assert_int_eq(must_find(d, "budget is approved")->decision, WN_KEEP);
	wn_doc_free(d);

	/* Its heading and the label under it, short lines with one of its
	 * words, go with it; a short line of the article beside a notice
	 * stays. */
	char dialog[1024];
	snprintf(dialog, sizeof dialog, "We care about your privacy\n\n%s\n\nManage your "
	         "settings\n\nThe budget talks resume on Monday.", notice);
	page_around(page, sizeof page, dialog);
	d = load_text(page);
	ck_assert_int_eq(must_find(d, "gauge traffic")->decision, WN_DROP);
	b = must_find(d, "We care about your privacy");
	ck_assert_int_eq(b->decision, WN_DROP);
	ck_assert_msg(strstr(b->reason, "cookie") != NULL, "%s", b->reason);
	ck_assert_int_eq(must_find(d, "Manage your settings")->decision, WN_DROP);
	ck_assert_int_eq(must_find(d, "budget talks resume")->decision, WN_KEEP);
	ck_assert_int_eq(must_find(d, "budget is approved")->decision, WN_KEEP);
	wn_doc_free(d);

	static const char *const law[] = {
	    "The regulator fined the publisher because its partners placed tracking files on "
	    "each visitor's device before any consent was given.",
	    "Advertising firms say the rules on consent make it harder to measure traffic, "
	    "while privacy groups want the settings to be simpler for readers.",
	    "The court said that a banner which hides the reject button behind the settings "
	    "page does not give visitors a free choice over their privacy.",
	    "Partners who sell advertising will have to ask for consent again, and every "
	    "device must show the same settings for accepting or rejecting them.",
	    "Lawyers expect the ruling to change how sites ask for consent across the "
	    "country, and how their advertising partners use the traffic data.",
	};
	snprintf(page, sizeof page,
	         "Court rules on consent banners\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n", law[0],
	         law[1], law[2], law[3], law[4]);
	char *t = page_output(page);
	for (int i = 0; i < 5; i++)
		ck_assert_msg(strstr(t, law[i]) != NULL, "%d: %s", i, t);
	free(t);
}
END_TEST

/* A pitch that holds one newsletter word, in another language than the
 * article whose paragraphs stand around it, shares none of their words:
 * it goes, on text and HTML pages alike; with notice_stray_percent and
 * notice_stray_percent_more 0 it stays.  An article paragraph with one
 * notice word ("money") stays. */
static const char *const MORE[4] = {
    "Engineers from the national rail company walked the whole route last "
    "autumn and found most of the bridges sound, although two of them will "
    "need new steel before any train can cross.",
    "The plan also includes a small museum in the old station building, where "
    "volunteers have kept a collection of tickets, lamps and timetables from "
    "the years when the line was busy.",
    "Residents of the upper valley, who now drive for almost an hour to reach "
    "the nearest station, said at a public meeting that the trains would "
    "change how their children get to school.",
    "A final vote on the budget is expected in the spring, after the council "
    "has heard from the transport ministry and from the companies that want "
    "to run the service.",
};

static void stray_page(char *page, size_t size, const char *stray, int html)
{
	const char *fmt = html ? "<html><body><article><h1>" TITLE "</h1><p>%s</p><p>%s</p>"
	                         "<p>%s</p><p>%s</p><p>%s</p><p>%s</p><p>%s</p><p>%s</p><p>%s</p>"
	                         "<p>%s</p></article></body></html>"
	                       : TITLE "\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n\n"
	                         "%s\n\n%s\n\n%s\n";
	snprintf(page, size, fmt, P[0], P[1], MORE[0], MORE[1], stray, P[2], P[3], MORE[2],
	         MORE[3], P[4]);
}

static wn_decision stray_decision(const char *page, wn_input input, unsigned percent,
                                  const char *find)
{
	struct wn_options o;
	wn_options_init(&o);
	o.input = input;
	o.notice_stray_percent = o.notice_stray_percent_more = percent;
	wn_doc *d = wn_doc_new(&o);
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(wn_doc_load(d, page, strlen(page)), WN_OK);
	const struct wn_block *b = must_find(d, find);
	wn_decision got = b->decision;
	if (got == WN_DROP && percent)
		ck_assert_msg(strstr(b->reason, "newsletter") != NULL, "%s", b->reason);
	ck_assert_int_eq(must_find(d, "better spent on buses")->decision, WN_KEEP);
	ck_assert_int_eq(must_find(d, "collection of tickets")->decision, WN_KEEP);
	wn_doc_free(d);
	return got;
}

START_TEST(test_stray_notice_dropped)
{
	const char *pitch = "Co tydzień wysyłamy najlepsze teksty redakcji w naszym "
	                    "newsletterze; dołącz do ponad czterdziestu tysięcy czytelników, "
	                    "którzy otrzymują go w piątek rano.";
	char page[8192];
	for (int html = 0; html <= 1; html++) {
		stray_page(page, sizeof page, pitch, html);
		wn_input in = html ? WN_INPUT_HTML : WN_INPUT_TEXT;
		ck_assert_int_eq(stray_decision(page, in, 15, "czytelników"), WN_DROP);
		ck_assert_int_eq(stray_decision(page, in, 0, "czytelników"), WN_KEEP);
	}
	/* Polish "i" ("and") and Dutch "je" ("you") are no first person
	 * (a blogger's own newsletter): these are the site's pitches; the
	 * word for when it comes ("dzień roboczy", "werkdag") is the
	 * newsletter's. */
	static const char *const others[][2] = {
	    {"Pięć wiadomości, które warto znać przed pierwszą kawą, wybranych przez redakcję "
	     "i wysyłanych bezpłatnie w każdy dzień roboczy.",
	     "pierwszą kawą"},
	    {"De vijf verhalen die je moet kennen voor je eerste koffie, gekozen door de "
	     "redactie en gratis verstuurd op elke werkdag.",
	     "eerste koffie"},
	};
	for (size_t k = 0; k < sizeof others / sizeof others[0]; k++) {
		stray_page(page, sizeof page, others[k][0], 0);
		ck_assert_int_eq(stray_decision(page, WN_INPUT_TEXT, 15, others[k][1]), WN_DROP);
	}
	/* Too little article around it to say what its words are. */
	snprintf(page, sizeof page, TITLE "\n\n%s\n\n%s\n\n%s\n\n%s\n", P[0], pitch, P[1], P[4]);
	wn_doc *d = load_text(page);
	ck_assert_int_eq(must_find(d, "czytelników")->decision, WN_KEEP);
	wn_doc_free(d);
}
END_TEST

/* A table of figures right under the article (standings, prices), with
 * the line that introduces it and its column names, is the article's;
 * the site's footer under it is not. */
START_TEST(test_table_after_article)
{
	char page[8192];
	snprintf(page, sizeof page,
	         "Home\nNews\nSport\n\n" TITLE "\n\n%s\n\n%s\n\n[standings.jpg]\n\n"
	         "Final standings after 36 races:\n\nPos. Driver Points Wins Top 5\n\n"
	         "1 Anna Berg 5040 5 17\n\n2 Carl Dahl 5035 7 15\n\n3 Eva Fors 5033 4 15\n\n"
	         "4 Gus Holm 5027 6 19\n\nAbout us\nContact\nJobs\n",
	         P[0], P[1]);
	char *t = page_output(page);
	ck_assert_msg(strstr(t, "full year") && has_line(t, "1 Anna Berg 5040 5 17") &&
	                  has_line(t, "4 Gus Holm 5027 6 19") &&
	                  has_line(t, "Final standings after 36 races:"),
	              "%s", t);
	ck_assert_msg(strstr(t, "Contact") == NULL && strstr(t, "standings.jpg") == NULL, "%s", t);
	free(t);

	/* A listing of dates; a numbered list of reblogs is none. */
	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\n%s\n\nThe tour dates:\n\nJune 9 -- Town Hall, Easton\n\n"
	         "June 10 -- Corn Exchange, Weston\n\nJune 14 -- The Arena, Northam\n\n"
	         "June 17 -- Pier Pavilion, Southsea\n\nAbout us\nContact\nJobs\n",
	         P[0], P[1]);
	t = page_output(page);
	ck_assert_msg(has_line(t, "June 9 -- Town Hall, Easton") &&
	                  has_line(t, "June 17 -- Pier Pavilion, Southsea"),
	              "%s", t);
	free(t);
	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\n%s\n\n218 notes\n\n1. anna liked this\n\n"
	         "2. bert reblogged this from carla\n\n3. dora liked this\n\n4. emil liked this\n",
	         P[0], P[1]);
	t = page_output(page);
	ck_assert_msg(strstr(t, "liked this") == NULL, "%s", t);
	free(t);
}
END_TEST

/* "About <Name>" over a paragraph that names the person is the author's
 * box: the article ends there.  The same heading over a life told at
 * length is the page's content. */
START_TEST(test_author_box_ends_article)
{
	char page[8192];
	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\n%s\n\n%s\n\n%s\n\nAbout Anna Berg\n\n"
	         "Anna Berg is a freelance writer based in Easton. Her work has appeared in "
	         "several regional papers and magazines.\n\nRead more from this author\n",
	         P[0], P[1], P[2], P[3]);
	char *t = page_output(page);
	ck_assert_msg(strstr(t, "budget is approved") != NULL, "%s", t);
	ck_assert_msg(strstr(t, "freelance writer") == NULL, "%s", t);
	free(t);

	const char *life =
	    "Anna Berg was born in Easton in 1931, the daughter of a signalman, and grew up "
	    "beside the goods yard where her father worked nights for forty years. The family lived in the "
	    "station house until 1948.\n\n"
	    "She trained as a teacher in the city and came back to the valley after the war, "
	    "teaching history at the girls' school until the school closed in 1972. Many of her pupils still write to the "
	    "paper about her lessons.\n\n"
	    "When the passenger trains stopped, she founded the committee that fought for "
	    "them, wrote hundreds of letters and spoke at every meeting of the council. The committee had two hundred "
	    "members at its height.\n\n"
	    "Her book on the line, printed by the local paper, sold out twice and is still "
	    "read in the schools of both towns, where children learn its stations by heart. A third edition is planned "
	    "for the opening.\n\n"
	    "In her eighties she led walks along the empty track every summer, telling "
	    "visitors which farms had sent milk, coal and timber down to the harbour. Hundreds came each year, "
	    "some from abroad.\n\n"
	    "She died in 2015, a year before the first study of the reopening was published, "
	    "and the new station at Easton is to carry her name. Her letters are kept in "
	    "the town archive, open to all.\n\n";
	snprintf(page, sizeof page, TITLE "\n\n%s\n\n%s\n\n%s\n\n%s\n\nAbout Anna Berg\n\n%s",
	         P[0], P[1], P[2], P[3], life);
	t = page_output(page);
	ck_assert_msg(strstr(t, "born in Easton") && strstr(t, "carry her name"), "%s", t);
	free(t);
}
END_TEST

/* A site's tagline far above the first "rest" rule (a sidebar's "Recent
 * Posts" over the menus) is no article the post after it must outweigh
 * six times; an article right above such a rule stays (cases/text s06). */
START_TEST(test_blurb_above_sidebar)
{
	char page[8192];
	snprintf(page, sizeof page,
	         "Notes on trains, towns and the timetables that join them.\n\n"
	         "     * Home\n     * About\n     * Archive\n     * Contact\n     * Books\n"
	         "     * Talks\n     * Press\n     * Newsletter\n     * Links\n     * Search\n\n"
	         "Recent Posts\n\n"
	         "     * The night train question\n     * Why buses are not enough\n\n"
	         "Archives\n\nJuly 2012\n\nJune 2012\n\nMay 2012\n\nApril 2012\n\nMarch 2012\n\n"
	         "February 2012\n\nJanuary 2012\n\nDecember 2011\n\nNovember 2011\n\n"
	         TITLE "\n\n%s\n\n%s\n",
	         P[0], P[1]);
	char *t = page_output(page);
	ck_assert_msg(strstr(t, "nineteen-seventies") && strstr(t, "full year"), "%s", t);
	ck_assert_msg(strstr(t, "Notes on trains") == NULL, "%s", t);
	free(t);
}
END_TEST

/* Code between two paragraphs of the article (short lines, as menu
 * entries are) is no boilerplate the article stops at: the paragraph
 * after it stays, though it is too short to be a run of its own. */
START_TEST(test_code_inside_article)
{
	char code[2048] = "";
	for (int k = 0; k < 12; k++) {
		char line[128];
		snprintf(line, sizeof line,
		         "count_%d = count_%d + trains(line, %d);\n\nif (open_%d) {\n\n", k, k, k, k);
		strcat(code, line);
	}
	char page[8192];
	snprintf(page, sizeof page, TITLE "\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n%s\n", P[0], P[1],
	         P[2], P[3], code, P[4]);
	char *t = page_output(page);
	ck_assert_msg(strstr(t, "nineteen-seventies") && strstr(t, "budget is approved") &&
	                  strstr(t, "never served"),
	              "%s", t);
	free(t);
}
END_TEST

/* A dialog between two paragraphs of the article: its text, right under
 * its close button or right above the button that answers it, goes
 * whatever its words; the article's paragraphs beside a button stay
 * when the button is none of the dialog's ("Share"). */
START_TEST(test_dialog_text_dropped)
{
	char page[8192];
	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\nclose close\n\n"
	         "We would love to keep you posted about the line and other news from the "
	         "valley every week in your mailbox.\n\n%s\n\n"
	         "This page keeps small files on your device to remember your visit and to "
	         "count its readers.\n\nAccept all\n\n%s\n\n\xC3\x97\n\n"
	         "Members read every story first and support the work of the newsroom.\n\n"
	         "%s\n\nShare\n\n%s\n",
	         P[0], P[1], P[2], P[3], P[4]);
	char *t = page_output(page);
	ck_assert_msg(strstr(t, "nineteen-seventies") && strstr(t, "three thousand") &&
	                  strstr(t, "new crossings") && strstr(t, "budget is approved") &&
	                  strstr(t, "never served"),
	              "%s", t);
	ck_assert_msg(strstr(t, "keep you posted") == NULL && strstr(t, "small files") == NULL &&
	                  strstr(t, "Members read") == NULL,
	              "%s", t);
	free(t);
}
END_TEST

START_TEST(test_signup_box_dropped)
{
	/* A newsletter box between paragraphs, in no wording a rule knows
	 * but its button: its name, its pitch and its button go.  The
	 * article's paragraph above a "Subscribe" that heads the box under
	 * it stays: a sign-up button answers a sentence or two. */
	char page[8192];
	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\nThe Harbour Letter\n\n"
	         "Three short stories from the quays, every Thursday at noon.\n\nZapisz mnie\n\n"
	         "%s\n\n%s\n\nSubscribe\n\n%s\n",
	         P[0], P[1], P[2], P[3]);
	char *t = page_output(page);
	ck_assert_msg(strstr(t, "nineteen-seventies") && strstr(t, "three thousand") &&
	                  strstr(t, "new crossings") && strstr(t, "budget is approved"),
	              "%s", t);
	ck_assert_msg(strstr(t, "quays") == NULL && strstr(t, "Zapisz") == NULL &&
	                  strstr(t, "Harbour Letter") == NULL,
	              "%s", t);
	free(t);
	/* The box's close button between its pitch and its sign-up button. */
	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\nThe Harbour Letter\n\n"
	         "Three short stories from the quays, every Thursday at noon.\n\nZamknij\n\n"
	         "Zapisz mnie\n\n%s\n\n%s\n",
	         P[0], P[1], P[2]);
	t = page_output(page);
	ck_assert_msg(strstr(t, "nineteen-seventies") && strstr(t, "new crossings"), "%s", t);
	ck_assert_msg(strstr(t, "quays") == NULL && strstr(t, "Harbour Letter") == NULL, "%s", t);
	free(t);
}
END_TEST

START_TEST(test_pointer_label_and_title_dropped)
{
	/* A "read also" label standing alone points to the title on the
	 * next line: both go.  After a label with its own title ("Editor's
	 * Pick: ..."), the next line is no pointed title. */
	char page[8192];
	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\nMehr zum Thema\n\n"
	         "Warum die alte Drehbr\xC3\xBC" "cke im Winter gesperrt bleibt\n\n%s\n\n"
	         "L\xC3\xA4s mer\n\nHur hamnen f\xC3\xB6rbereder sig f\xC3\xB6r stormen?\n\n%s\n",
	         P[0], P[1], P[2]);
	char *t = page_output(page);
	ck_assert_msg(strstr(t, "nineteen-seventies") && strstr(t, "three thousand") &&
	                  strstr(t, "new crossings"),
	              "%s", t);
	ck_assert_msg(strstr(t, "Drehbr") == NULL && strstr(t, "hamnen") == NULL, "%s", t);
	free(t);
	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\nEditor's Pick: Promoted Reader Comment\n\n"
	         "harbourwatcher, longtime reader\n\n%s\n",
	         P[0], P[1]);
	t = page_output(page);
	ck_assert_msg(strstr(t, "harbourwatcher") != NULL, "%s", t);
	free(t);
}
END_TEST

/* The text page holds a block with text in it. */
static void assert_block(const char *page, const char *text)
{
	wn_doc *d = load_text(page);
	must_find(d, text);
	wn_doc_free(d);
}

/* w3m lays out a page's table as it is: a menu column and the article
 * side by side on the same lines.  Each column is read on its own: the
 * article's paragraphs come out whole, with no menu word in them.  A
 * list whose bullets stand apart from their items, and a list of fields
 * ("Location:     Room 111"), are no columns. */
START_TEST(test_columns_read_apart)
{
	const char *page =
	    "Home                  Council votes to reopen the valley railway line\n"
	    "News                  \n"
	    "Sport                 The regional council approved on Thursday a plan to reopen the old railway line.\n"
	    "Weather               \n"
	    "Contact us            Trains would run every hour in both directions, the council said on Friday.\n"
	    "Archive 2012          \n"
	    "About the site        Farmers along the route have asked for new crossings over the line.\n"
	    "Jobs                  \n"
	    "Advertise             Work on the tracks is due to begin next spring if the budget is approved.\n";
	wn_doc *d = load_text(page);
	const struct wn_block *b = must_find(d, "The regional council approved");
	ck_assert_msg(strstr(b->text, "Sport") == NULL && strstr(b->text, "Weather") == NULL, "%s",
	              b->text);
	ck_assert_ptr_nonnull(find_exact(d, "Trains would run every hour in both directions, the "
	                                    "council said on Friday."));
	wn_doc_free(d);

	page = TITLE "\n\n"
	       "   \xE2\x80\xA2    Electric motors capable of operating at higher speeds than before\n"
	       "   \xE2\x80\xA2    A new cooling system that enables higher speeds in electric drive\n"
	       "   \xE2\x80\xA2    Optimized gear ratios enabling an improvement in fuel economy\n"
	       "   \xE2\x80\xA2    More precise controls to deliver higher levels of refinement\n"
	       "   \xE2\x80\xA2    Reduced weight to help increase the fuel economy of the car\n"
	       "   \xE2\x80\xA2    Lower costs of repair for the owners over the years of use\n";
	d = load_text(page);
	b = must_find(d, "Reduced weight to help increase");
	ck_assert_int_eq(b->kind, WN_BLOCK_LIST_ITEM);
	wn_doc_free(d);

	page = TITLE "\n\n"
	       "Location:       Room 111, Shah Center\n"
	       "Scheduled:      Tuesdays, February 6 and 13\n"
	       "Instructor:     Kerrie Doe\n"
	       "Fee:            $69\n"
	       "Class ID:       NTC S33 002\n"
	       "Time:           9 a.m. to noon\n";
	assert_block(page, "Location: Room 111");
}
END_TEST

/* A wide layout table puts a sidebar's cells far to the right of the
 * article, past the widest gutter of prose (a thousand blanks): they are
 * a column too, read after the article's, and the paragraph beside them
 * is one block without a word of them. */
START_TEST(test_columns_far_right_cell)
{
	static const char *const prose[] = {
	    "The regional council approved on Thursday a plan to reopen the",
	    "old railway line between the two valley towns, closed since the",
	    "nineteen-seventies, and asked the engineers for a survey of its",
	    "bridges before the spring, when the river rises and the track",
	    "bed can no longer be reached from the road along the valley.",
	    "Trains would run every hour in both directions."};
	static const char *const side[] = {">> Hours and Location", ">> Appointments", ">> Staff",
	                                   ">> Contact us", ">> Maps and Directions", ">> Web Mail"};
	char page[16384];
	size_t n = (size_t)snprintf(page, sizeof page, "%s\n\n", TITLE);
	for (size_t i = 0; i < sizeof prose / sizeof prose[0]; i++)
		n += (size_t)snprintf(page + n, sizeof page - n, "%-990s%s\n", prose[i], side[i]);
	wn_doc *d = load_text(page);
	const struct wn_block *b = must_find(d, "approved on Thursday");
	ck_assert_msg(strstr(b->text, "valley.") != NULL && strstr(b->text, ">>") == NULL &&
	                  strstr(b->text, "Staff") == NULL,
	              "%s", b->text);
	ck_assert_ptr_nonnull(find_exact(d, ">> Appointments"));
	wn_doc_free(d);
}
END_TEST

/* w3m draws a table's cells in boxes: the frames go, a paragraph that
 * w3m wrapped inside a box is one block, and a line of frames alone
 * separates paragraphs. */
START_TEST(test_box_frames_left_out)
{
	const char *page =
	    TITLE "\n\n"
	    "│ │ The regional council approved on Thursday a plan to reopen the   │ │\n"
	    "│ │ old railway line between the two valley towns, closed since the   │ │\n"
	    "│ │ nineteen-seventies.                                               │ │\n"
	    "│ │                                                                   │ │\n"
	    "│ │ Trains would run every hour in both directions, and the council   │ │\n"
	    "│ │ expects about three thousand passengers a day.                    │ │\n";
	wn_doc *d = load_text(page);
	const struct wn_block *b = must_find(d, "approved on Thursday");
	ck_assert_msg(strstr(b->text, "nineteen-seventies.") != NULL, "%s", b->text);
	ck_assert_msg(strstr(b->text, "│") == NULL && strstr(b->text, "Trains") == NULL, "%s", b->text);
	b = must_find(d, "Trains would run");
	ck_assert_msg(strstr(b->text, "three thousand passengers a day.") != NULL, "%s", b->text);
	wn_doc_free(d);
}
END_TEST

/* A table w3m drew in boxes, each cell's text wrapped to the cell's
 * width and rules between the rows: a row is read as one line, each
 * cell's sentences whole.  A table whose rows fit on a line reads as it
 * did, a row to a line. */
START_TEST(test_boxed_table_rows_whole)
{
	const char *page =
	    TITLE "\n\n"
	    "\u250c\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u252c\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u252c\u2500\u2500\u2500\u2500\u2500\u2510\n"
	    "\u2502Algeria   \u2502Residency permit                \u2502No   \u2502\n"
	    "\u251c\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u253c\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u253c\u2500\u2500\u2500\u2500\u2500\u2524\n"
	    "\u2502          \u2502All applicants for permanent    \u2502     \u2502\n"
	    "\u2502Australia \u2502residence. Temporary applicants \u2502Yes* \u2502\n"
	    "\u2502          \u2502need to declare any illness.    \u2502     \u2502\n"
	    "\u251c\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u253c\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u253c\u2500\u2500\u2500\u2500\u2500\u2524\n"
	    "\u2502Central   \u2502Anyone seeking residence or work\u2502Yes  \u2502\n"
	    "\u2502African   \u2502permits must submit to a medical\u2502     \u2502\n"
	    "\u2502Republic  \u2502exam.                           \u2502     \u2502\n"
	    "\u2514\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2534\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2534\u2500\u2500\u2500\u2500\u2500\u2518\n";
	wn_doc *d = load_text(page);
	ck_assert_ptr_nonnull(find_exact(d, "Australia \u2502 All applicants for permanent residence. "
	                                    "Temporary applicants need to declare any illness. "
	                                    "\u2502 Yes*"));
	ck_assert_ptr_nonnull(find_exact(d, "Central African Republic \u2502 Anyone seeking residence "
	                                    "or work permits must submit to a medical exam. \u2502 Yes"));
	ck_assert_ptr_nonnull(find_exact(d, "Algeria \u2502 Residency permit \u2502 No"));
	wn_doc_free(d);

	/* Rows of one line each: as they were. */
	page = TITLE "\n\n"
	       "\u2502Baseball      \u2502(213) 740-5762\u2502\n"
	       "\u251c\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u253c\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2524\n"
	       "\u2502Football      \u2502(213) 740-4204\u2502\n";
	d = load_text(page);
	const struct wn_block *b = must_find(d, "Baseball");
	ck_assert_msg(strstr(b->text, "(213) 740-5762") && !strstr(b->text, "Football"), "%s", b->text);
	ck_assert_ptr_nonnull(find_exact(d, "Football \u2502(213) 740-4204"));
	wn_doc_free(d);
}
END_TEST

/* A nested list: lynx marks its levels "*", "+", "o", "#", "@", "=" and
 * indents each further, w3m "•", "□", "○".  Items at any level are list
 * items at their depth, their marks left out. */
START_TEST(test_nested_list_levels)
{
	char page[4096];
	snprintf(page, sizeof page,
	         TITLE "\n\n   %s\n\n"
	         "     * Rail services\n"
	         "          + Timetables\n"
	         "               o Weekday trains\n"
	         "                    # Early trains\n"
	         "                         @ The first train\n"
	         "                              = Platform one\n"
	         "               o Weekend trains\n"
	         "          + Tickets\n"
	         "     * Bus services\n"
	         "\n   %s\n\n"
	         "  \xE2\x80\xA2 Valley line\n"
	         "      \xE2\x96\xA1 Upper stations\n"
	         "          \xE2\x97\x8B Mill Lane halt\n"
	         "  \xE2\x80\xA2 Coast line\n"
	         "\n   %s\n",
	         P[0], P[1], P[2]);
	wn_doc *d = load_text(page);
	static const struct want_item items[] = {
	    {"Rail services", 1},   {"Timetables", 2},      {"Weekday trains", 3},
	    {"Early trains", 4},    {"The first train", 5}, {"Platform one", 6},
	    {"Weekend trains", 3},  {"Tickets", 2},         {"Bus services", 1},
	    {"Valley line", 1},     {"Upper stations", 2},  {"Mill Lane halt", 3},
	    {"Coast line", 1},
	};
	check_items(d, items, sizeof items / sizeof items[0], 0);
	wn_doc_free(d);
}
END_TEST

/* "o", "#", "@" and "=" mark items only inside a list: elsewhere they are
 * words and symbols of the text ("o" is an article in Portuguese). */
START_TEST(test_nested_marks_outside_list_are_text)
{
	static const char page[] =
	    "   o sol nasce cedo no ver\xC3\xA3o e os comboios partem \xC3\xA0s seis\n\n"
	    "   # 4 is the number of the platform for the valley trains\n\n"
	    "   = 12 stations along the line, as the council counts them\n\n"
	    "     * Rail services\n"
	    "     o Buses from the station square\n";
	wn_doc *d = load_text(page);
	static const char *const lines[] = {
	    "o sol nasce cedo no ver\xC3\xA3o e os comboios partem \xC3\xA0s seis",
	    "# 4 is the number of the platform for the valley trains",
	    "= 12 stations along the line, as the council counts them",
	    "o Buses from the station square", /* lynx marks no outer level "o" */
	};
	for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
		const struct wn_block *b = find_exact(d, lines[k]);
		ck_assert_msg(b != NULL, "no block \"%s\"", lines[k]);
		ck_assert_int_eq(b->kind, WN_BLOCK_PARAGRAPH);
	}
	wn_doc_free(d);
}
END_TEST

/* What a text browser draws in place of text is marked on its block,
 * however many words it has, and is a block of its own. */
START_TEST(test_browser_chrome_marked)
{
	char page[8192];
	snprintf(page, sizeof page,
	         "   #Valley News \xC2\xBB Feed Valley News \xC2\xBB Comments Feed\n\n"
	         "   IFRAME: https://video.example/embed/42\n\n"
	         "   [IMG]\n"
	         "   [station-photo.jpg]   [logo.png]\n"
	         "   [INS::INS]\n"
	         "   (BUTTON)\n"
	         "   (BUTTON) Subscribe to the newsletter\n"
	         "   Search the site: ____________________ Go\n"
	         "   [                    ]\n"
	         "   ( ) Daily\n"
	         "   [X] Remember me on this computer\n"
	         "   [Submit]\n"
	         "     __________________________________________________________________\n\n"
	         TITLE "\n\n   %s\n\n"
	         "   #1 - Comment by a reader on Thursday\n\n"
	         "   The council [in a statement] said the money was already in the budget.\n\n"
	         "   [Editor's note: this story was updated to correct the name of the mayor.]\n\n"
	         "   %s\n\n   %s\n",
	         P[0], P[1], P[2]);
	wn_doc *d = load_text(page);
	static const struct {
		const char *text;
		unsigned char chrome;
	} lines[] = {
	    {"#Valley News \xC2\xBB Feed Valley News \xC2\xBB Comments Feed", WN_CHROME_FEED},
	    {"IFRAME: https://video.example/embed/42", WN_CHROME_EMBED},
	    {"[IMG]", WN_CHROME_IMAGE},
	    {"[station-photo.jpg] [logo.png]", WN_CHROME_IMAGE},
	    {"[INS::INS]", WN_CHROME_EMBED},
	    {"(BUTTON)", WN_CHROME_CONTROL},
	    {"(BUTTON) Subscribe to the newsletter", WN_CHROME_CONTROL},
	    {"Search the site: ____________________ Go", WN_CHROME_CONTROL},
	    {"[ ]", WN_CHROME_CONTROL},
	    {"( ) Daily", WN_CHROME_CONTROL},
	    {"[X] Remember me on this computer", WN_CHROME_CONTROL},
	    {"[Submit]", WN_CHROME_CONTROL},
	    {"__________________________________________________________________", WN_CHROME_RULE},
	    {"#1 - Comment by a reader on Thursday", WN_CHROME_NONE}, /* not the first line */
	    {"The council [in a statement] said the money was already in the budget.",
	     WN_CHROME_NONE},
	    {"[Editor's note: this story was updated to correct the name of the mayor.]",
	     WN_CHROME_NONE},
	    {P[0], WN_CHROME_NONE},
	};
	for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
		const struct wn_iblock *ib = must_find_iblock(d, lines[k].text);
		ck_assert_msg(ib->chrome == lines[k].chrome, "\"%s\": chrome %u, not %u",
		              lines[k].text, ib->chrome, lines[k].chrome);
	}
	wn_doc_free(d);

	/* The feed line after a notice that a scraper put above it is still
	 * the feed line; a hashtag there is text. */
	snprintf(page, sizeof page,
	         "This service is not available to residents of some countries.\n\n"
	         "   #Valley News (RSS) Valley News (Atom)\n\n"
	         "   #MeToo marches were held in the valley towns on Sunday\n\n"
	         TITLE "\n\n   %s\n\n   %s\n\n   %s\n",
	         P[0], P[1], P[2]);
	d = load_text(page);
	ck_assert_int_eq(must_find_iblock(d, "#Valley News (RSS) Valley News (Atom)")->chrome,
	                 WN_CHROME_FEED);
	ck_assert_int_eq(
	    must_find_iblock(d, "#MeToo marches were held in the valley towns on Sunday")->chrome,
	    WN_CHROME_NONE);
	wn_doc_free(d);
}
END_TEST

/* A line drawn in place of text ends a paragraph wrapped over lines: the
 * lines around it are not joined across it. */
START_TEST(test_chrome_line_ends_run)
{
	static const char page[] =
	    "The council met on Thursday and after a long\n"
	    "debate, in which the mayor spoke first, and\n"
	    "IFRAME: https://video.example/embed/1\n"
	    "then voted for the plan to reopen the line\n"
	    "\n"
	    "A paragraph after a blank line.\n";
	wn_doc *d = load_text(page);
	ck_assert_uint_eq(must_find_iblock(d, "IFRAME: https://video.example/embed/1")->chrome,
	                  WN_CHROME_EMBED);
	ck_assert_ptr_nonnull(find_exact(d, "The council met on Thursday and after a long\n"
	                                    "debate, in which the mayor spoke first, and"));
	ck_assert_ptr_nonnull(find_exact(d, "then voted for the plan to reopen the line"));
	wn_doc_free(d);
}
END_TEST

/* lynx's list of link addresses at the end ("References", "Visible
 * links:", "1. http://…") is chrome, and on such a page the reference
 * numbers in the text ("[1]timetable") are left out. */
START_TEST(test_lynx_references)
{
	char page[4096];
	snprintf(page, sizeof page,
	         TITLE "\n\n   See the [1]timetable and the [2]map: %s\n\n   %s\n\n"
	         "References\n\n"
	         "   Visible links:\n"
	         "   1. https://valley.example/timetable\n"
	         "   Hidden links:\n"
	         "   2. https://valley.example/map\n",
	         P[0], P[1]);
	wn_doc *d = load_text(page);
	char *t = output(d);
	ck_assert_msg(strstr(t, "See the timetable and the map: ") != NULL, "%s", t);
	ck_assert_ptr_null(strstr(t, "[1]"));
	free(t);
	static const char *const links[] = {
	    "References", "Visible links:", "1. https://valley.example/timetable",
	    "Hidden links:", "2. https://valley.example/map",
	};
	for (size_t k = 0; k < sizeof links / sizeof links[0]; k++)
		ck_assert_msg(must_find_iblock(d, links[k])->chrome == WN_CHROME_LINKS,
		              "\"%s\" not marked", links[k]);
	wn_doc_free(d);

	/* Without the list, "[1]" is the text's own (a citation). */
	snprintf(page, sizeof page, TITLE "\n\n   %s [1]\n\n   %s\n\nReferences\n\n"
	         "   [1]Smith, J. Railways of the valley, 2001.\n",
	         P[0], P[1]);
	d = load_text(page);
	ck_assert_ptr_nonnull(find_exact(d, "[1]Smith, J. Railways of the valley, 2001."));
	ck_assert_uint_eq(must_find_iblock(d, "References")->chrome, WN_CHROME_NONE);
	wn_doc_free(d);
}
END_TEST

/* An image drawn inside a line of text, by its file name (lynx) or by its
 * alt text cut short and glued to the text (w3m), is left out of it. */
START_TEST(test_inline_images_left_out)
{
	static const char page[] =
	    "   [mayor_portrait_140x100.jpg] The mayor opened the new station on Saturday\n\n"
	    "[station-ph]The new station has two platforms and a bus stop\n\n"
	    "A photo of the hall [hall.png] and the square\n";
	wn_doc *d = load_text(page);
	ck_assert_ptr_nonnull(find_exact(d, "The mayor opened the new station on Saturday"));
	ck_assert_ptr_nonnull(find_exact(d, "The new station has two platforms and a bus stop"));
	ck_assert_ptr_nonnull(find_exact(d, "A photo of the hall and the square"));
	wn_doc_free(d);
}
END_TEST

/* ---- detection -------------------------------------------------------------- */

START_TEST(test_auto_detects_html)
{
	char page[4096];
	snprintf(page, sizeof page, "\n  <!DOCTYPE html><html><body><p>%s</p><p>%s &amp; more</p>"
	                            "</body></html>",
	         P[0], P[1]);
	wn_doc *d = load_as(page, WN_INPUT_AUTO);
	const struct wn_block *b = must_find(d, "The regional council");
	ck_assert_msg(*b->path != '\0', "read as text");
	char *t = output(d);
	ck_assert_ptr_null(strchr(t, '<'));
	ck_assert_ptr_nonnull(strstr(t, "& more"));
	free(t);
	wn_doc_free(d);

	snprintf(page, sizeof page, "<p>%s</p>\n<p>%s</p>", P[0], P[1]);
	d = load_as(page, WN_INPUT_AUTO);
	ck_assert_str_ne(must_find(d, "The regional council")->path, "");
	wn_doc_free(d);

	/* Forced HTML on text that does not start with markup. */
	snprintf(page, sizeof page, "%s\n\n%s", P[0], P[1]);
	d = load_as(page, WN_INPUT_HTML);
	ck_assert_str_ne(must_find(d, "The regional council")->path, "");
	wn_doc_free(d);
}
END_TEST

START_TEST(test_auto_detects_text)
{
	char page[4096];
	snprintf(page, sizeof page, TITLE "\n\n%s\n\n%s\n\n%s < 5 & <b\n", P[0], P[1], P[2]);
	wn_doc *d = load_as(page, WN_INPUT_AUTO);
	for (int k = 0; k < 3; k++)
		ck_assert_str_eq(must_find(d, P[k])->path, "");
	char *t = output(d);
	/* Text is not HTML: "<" and "&" stay as they are. */
	ck_assert_ptr_nonnull(strstr(t, "< 5 & <b"));
	free(t);
	wn_doc_free(d);

	/* "<" followed by a digit or space is no markup. */
	snprintf(page, sizeof page, "< 5 km from the centre\n\n%s\n\n%s\n", P[0], P[1]);
	d = load_as(page, WN_INPUT_AUTO);
	ck_assert_str_eq(must_find(d, P[0])->path, "");
	wn_doc_free(d);

	/* A scraped dump that begins with stray tracking pixels, then pages
	 * of text without a tag, is text. */
	static char big[16384];
	size_t n = (size_t)snprintf(big, sizeof big,
	                            "<img height=\"1\" width=\"1\" src=\"http://t.example/p?c=2\"> "
	                            "<img height=\"1\" width=\"1\" src=\"//px.example/tr?ev=1\">\n\n");
	for (int k = 0; k < 30; k++)
		n += (size_t)snprintf(big + n, sizeof big - n, "%s\n\n", P[k % 3]);
	ck_assert_uint_gt(n, 4096);
	d = load_as(big, WN_INPUT_AUTO);
	ck_assert_str_eq(must_find(d, P[0])->path, "");
	wn_doc_free(d);
}
END_TEST

START_TEST(test_fragment_in_text)
{
	char page[8192];
	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\n%s\n\n"
	         "<html><head><title>Fragment headline that must not show</title>"
	         "<style>p { color: red }</style></head>\n"
	         "<body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\n"
	         "<p>The fragment paragraph says that the line will cost &euro;40 million "
	         "&amp; take two years, according to the council&#39;s own estimate.</p>\n"
	         "<p>A second fragment paragraph notes that <b>three</b> bridges need "
	         "repairs before any passenger train can cross the river again.</p>\n"
	         "</body></html>\n\n"
	         "%s\n\n%s\n",
	         P[0], P[1], P[2], P[3]);
	wn_doc *d = load_as(page, WN_INPUT_AUTO);
	/* Text mode: the text around the fragment has no element. */
	ck_assert_str_eq(must_find(d, P[0])->path, "");
	ck_assert_str_eq(must_find(d, P[3])->path, "");
	char *t = output(d);
	const char *f1 = strstr(t, "The fragment paragraph says");
	const char *f2 = strstr(t, "A second fragment paragraph");
	ck_assert_msg(f1 && f2, "fragment paragraphs dropped:\n%s", t);
	/* In place. */
	ck_assert(strstr(t, P[1]) < f1);
	ck_assert(f2 < strstr(t, P[2]));
	ck_assert_ptr_nonnull(strstr(t, "\xE2\x82\xAC" "40 million & take two years"));
	ck_assert_ptr_nonnull(strstr(t, "council's own estimate"));
	/* No tag, no entity, no head. */
	ck_assert_msg(strchr(t, '<') == NULL, "a tag in the output:\n%s", t);
	ck_assert_ptr_null(strstr(t, "&amp;"));
	ck_assert_ptr_null(strstr(t, "&euro;"));
	ck_assert_ptr_null(strstr(t, "&#39;"));
	ck_assert_ptr_null(strstr(t, "Fragment headline"));
	ck_assert_ptr_null(strstr(t, "color: red"));
	ck_assert_str_eq(wn_doc_title(d), TITLE);
	free(t);
	wn_doc_free(d);

	/* Forced text: the same. */
	d = load_as(page, WN_INPUT_TEXT);
	t = output(d);
	ck_assert_ptr_null(strchr(t, '<'));
	ck_assert_ptr_nonnull(strstr(t, "The fragment paragraph says"));
	free(t);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_fragment_unclosed_and_body_only)
{
	char page[8192];
	/* A <body> fragment without <html>, and a fragment never closed. */
	snprintf(page, sizeof page,
	         TITLE "\n\n%s\n\n<body><p>%s</p></body>\n\n%s\n\n<html><body><p>%s</p>", P[0],
	         P[1], P[2], P[3]);
	wn_doc *d = load_as(page, WN_INPUT_AUTO);
	char *t = output(d);
	ck_assert_ptr_null(strchr(t, '<'));
	for (int k = 0; k < 4; k++)
		ck_assert_msg(strstr(t, P[k]) != NULL, "paragraph %d dropped:\n%s", k, t);
	ck_assert(strstr(t, P[0]) < strstr(t, P[1]));
	ck_assert(strstr(t, P[1]) < strstr(t, P[2]));
	ck_assert(strstr(t, P[2]) < strstr(t, P[3]));
	free(t);
	wn_doc_free(d);
}
END_TEST

/* ---- title, repeats, slugs ------------------------------------------------------- */

START_TEST(test_title_once)
{
	char page[4096];
	snprintf(page, sizeof page, "Home\nNews\nSport\n\n" TITLE "\n\n" TITLE "\n\n%s\n\n%s\n\n%s\n",
	         P[0], P[1], P[2]);
	wn_doc *d = load_text(page);
	ck_assert_str_eq(wn_doc_title(d), TITLE);
	char *t = output(d);
	ck_assert_msg(count(t, TITLE) <= 1, "title %u times:\n%s", count(t, TITLE), t);
	for (int k = 0; k < 3; k++)
		ck_assert_ptr_nonnull(strstr(t, P[k]));
	free(t);
	wn_doc_free(d);

	/* Shown once. */
	snprintf(page, sizeof page, TITLE "\n\n%s\n\n%s\n", P[0], P[1]);
	d = load_text(page);
	ck_assert_str_eq(wn_doc_title(d), TITLE);
	t = output(d);
	ck_assert_uint_le(count(t, TITLE), 1);
	free(t);
	wn_doc_free(d);

	/* No blank lines at all. */
	snprintf(page, sizeof page, TITLE "\n" TITLE "\n%s\n%s\n%s\n", P[0], P[1], P[2]);
	d = load_text(page);
	ck_assert_str_eq(wn_doc_title(d), TITLE);
	t = output(d);
	ck_assert_uint_le(count(t, TITLE), 1);
	free(t);
	wn_doc_free(d);

	/* The headline with a site's name after it goes; the headline with
	 * the first paragraph run on after it is that paragraph. */
	snprintf(page, sizeof page, "Home\nNews\n\n" TITLE "\n\n%s\n\n" TITLE " | Valley Courier\n\n%s\n",
	         P[0], P[1]);
	t = page_output(page);
	ck_assert_msg(strstr(t, "Valley Courier") == NULL, "%s", t);
	free(t);
	snprintf(page, sizeof page, "Home\nNews\n\n" TITLE "\n\n" TITLE " %s\n\n%s\n\n%s\n", P[0],
	         P[1], P[2]);
	d = load_text(page);
	ck_assert_str_eq(wn_doc_title(d), TITLE);
	t = output(d);
	ck_assert_msg(strstr(t, P[0]) != NULL && strstr(t, P[1]) != NULL, "%s", t);
	free(t);
	wn_doc_free(d);
}
END_TEST

/* Text that starts with an HTML page whose <title> is the only headline
 * there is: that title stays, and a line of markup is never one. */
START_TEST(test_title_of_fragment_kept)
{
	char page[4096];
	snprintf(page, sizeof page,
	         "Harbour\n\n"
	         "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">\n"
	         "<html><head><title>The pier reopens</title></head><body>\n"
	         "<p>%s</p><p>%s</p><p>%s</p></body></html>\n",
	         P[0], P[1], P[2]);
	wn_doc *d = load_text(page);
	ck_assert_str_eq(wn_doc_title(d), "The pier reopens");
	wn_doc_free(d);
}
END_TEST

#define DE_TITLE "Bürgermeister von Überlingen öffnet die neue Brücke über den See"
#define DE_SLUG "Buergermeister von Ueberlingen oeffnet die neue Bruecke ueber den See"

static const char *const DE[3] = {
    "Nach vier Jahren Bauzeit ist die neue Fußgängerbrücke am Seeufer am "
    "Samstag für den Verkehr freigegeben worden, wie die Stadtverwaltung "
    "mitteilte.",
    "Die Brücke verbindet die Altstadt mit dem neuen Wohngebiet am Hafen und "
    "soll vor allem Schülern und Pendlern den Weg zum Bahnhof verkürzen.",
    "Kritiker bemängeln die hohen Kosten, die am Ende fast doppelt so hoch "
    "ausfielen wie ursprünglich geplant, und fordern eine Prüfung.",
};

START_TEST(test_ascii_slug_dropped)
{
	char page[4096];
	snprintf(page, sizeof page, DE_TITLE "\n\n" DE_SLUG "\n\n%s\n\n%s\n\n%s\n", DE[0], DE[1],
	         DE[2]);
	wn_doc *d = load_text(page);
	ck_assert_str_eq(wn_doc_title(d), DE_TITLE);
	char *t = output(d);
	ck_assert_msg(strstr(t, DE_SLUG) == NULL, "slug kept:\n%s", t);
	ck_assert_uint_le(count(t, DE_TITLE), 1);
	for (int k = 0; k < 3; k++)
		ck_assert_ptr_nonnull(strstr(t, DE[k]));
	free(t);
	wn_doc_free(d);

	/* The slug first, cut short, as scrapers leave it. */
	snprintf(page, sizeof page,
	         "Buergermeister von Ueberlingen oeffnet die neue\n\n" DE_TITLE "\n\n%s\n\n%s\n\n"
	         "%s\n",
	         DE[0], DE[1], DE[2]);
	d = load_text(page);
	t = output(d);
	ck_assert_msg(strstr(t, "Buergermeister") == NULL, "cut slug kept:\n%s", t);
	ck_assert_msg(strcmp(wn_doc_title(d), DE_TITLE) == 0, "title is \"%s\"", wn_doc_title(d));
	free(t);
	wn_doc_free(d);

	/* The whole slug first: the title is still the one with umlauts. */
	snprintf(page, sizeof page, DE_SLUG "\n\n" DE_TITLE "\n\n%s\n\n%s\n\n%s\n", DE[0], DE[1],
	         DE[2]);
	d = load_text(page);
	t = output(d);
	ck_assert_msg(strstr(t, DE_SLUG) == NULL, "slug kept:\n%s", t);
	ck_assert_uint_le(count(t, DE_TITLE), 1);
	ck_assert_msg(strcmp(wn_doc_title(d), DE_TITLE) == 0, "title is \"%s\"", wn_doc_title(d));
	free(t);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_caption_twice_kept_once)
{
	static const char *const caption =
	    "A goods train crosses the old viaduct above the valley town of Example in "
	    "the early morning light.";
	char page[8192];
	snprintf(page, sizeof page, TITLE "\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n", P[0], caption,
	         caption, P[1], P[2], P[3]);
	char *t = page_output(page);
	ck_assert_msg(count(t, caption) == 1, "caption %u times:\n%s", count(t, caption), t);
	for (int k = 0; k < 4; k++)
		ck_assert_ptr_nonnull(strstr(t, P[k]));
	free(t);
}
END_TEST

START_TEST(test_counters_dropped)
{
	char page[4096];
	snprintf(page, sizeof page,
	         TITLE "\n\n0\n\n155\n\n%s\n\n%s\n\n12\n\n%s\n\n%s\n\n1.2k\n\n3,405\n", P[0], P[1],
	         P[2], P[3]);
	wn_doc *d = load_text(page);
	char *t = output(d);
	static const char *const counters[] = {"0", "155", "12", "1.2k", "3,405"};
	for (size_t k = 0; k < sizeof counters / sizeof counters[0]; k++)
		ck_assert_msg(!has_line(t, counters[k]), "counter %s kept:\n%s", counters[k], t);
	for (int k = 0; k < 4; k++)
		ck_assert_ptr_nonnull(strstr(t, P[k]));
	ck_assert_int_eq(must_find(d, "155")->decision, WN_DROP);
	free(t);
	wn_doc_free(d);
}
END_TEST

START_TEST(test_menu_dropped)
{
	char page[4096];
	snprintf(page, sizeof page,
	         "\xE2\x80\xA2 Home\n\xE2\x80\xA2 News\n\xE2\x80\xA2 Politics\n\xE2\x80\xA2 Sport\n"
	         "\xE2\x80\xA2 Weather\n\xE2\x80\xA2 Contact us\n\n"
	         "Home\nRegion\nTransport\n\n" TITLE "\n\n%s\n\n%s\n\n%s\n\n%s\n",
	         P[0], P[1], P[2], P[3]);
	wn_doc *d = load_text(page);
	char *t = output(d);
	static const char *const menu[] = {"Home", "News", "Politics", "Sport", "Weather",
	                                   "Contact us", "Region", "Transport"};
	for (size_t k = 0; k < sizeof menu / sizeof menu[0]; k++)
		ck_assert_msg(!has_line(t, menu[k]), "menu entry %s kept:\n%s", menu[k], t);
	for (int k = 0; k < 4; k++)
		ck_assert_ptr_nonnull(strstr(t, P[k]));
	ck_assert_int_eq(must_find(d, "Contact us")->decision, WN_DROP);
	free(t);
	wn_doc_free(d);
}
END_TEST

/* ---- the output ------------------------------------------------------------------ */

START_TEST(test_output_utf8_newline)
{
	/* Latin-1 bytes, a stray continuation byte and NUL-free junk: the
	 * input is converted or repaired, the output is UTF-8. */
	static const char *const pages[] = {
	    DE_TITLE "\n\n" DE_SLUG "\n\nNach vier Jahren Bauzeit ist die neue Brücke "
	    "freigegeben worden, wie die Stadt am Samstag mitteilte, und alle sind froh.\n\n"
	    "Schließlich kostete sie 4,5 Mio. € – fast doppelt so viel wie geplant, "
	    "sagte die Kämmerin „zähneknirschend“.\n\n© 2025 Beispiel Verlag\n",
	    "Caf\xE9 owners in the old town say the new line will bring them more "
	    "customers, and they hope it opens soon.\n\nThe council said the "
	    "timetable would be published in the spring, after talks with the "
	    "operator and the unions.\n",
	    "Mixed \x80 bytes in a line that is long enough to be article text for "
	    "the scorer, with a full stop.\n\nAnother line that is long enough to "
	    "be article text for the scorer, with a stop.",
	    "no newline at the end, but a sentence long enough to be article "
	    "text for the scorer of winnow.",
	};
	for (size_t k = 0; k < sizeof pages / sizeof pages[0]; k++) {
		wn_doc *d = load_as(pages[k], WN_INPUT_AUTO);
		char *t = output(d);
		size_t n = strlen(t);
		ck_assert_msg(n > 0, "page %zu: empty output", k);
		ck_assert_msg(valid_utf8((const unsigned char *)t, n), "page %zu: not UTF-8", k);
		ck_assert_msg(t[n - 1] == '\n', "page %zu: no newline at the end", k);
		ck_assert_msg(n < 2 || t[n - 2] != '\n', "page %zu: blank line at the end", k);
		if (k == 0) {
			ck_assert_ptr_nonnull(strstr(t, "4,5 Mio. €"));
			ck_assert_ptr_nonnull(strstr(t, "„zähneknirschend“"));
		}
		free(t);
		wn_doc_free(d);
	}
	/* Empty and blank input: empty output. */
	static const char *const empty[] = {"", "\n\n  \n", "\t"};
	for (size_t k = 0; k < sizeof empty / sizeof empty[0]; k++) {
		wn_doc *d = load_as(empty[k], WN_INPUT_TEXT);
		char *t = output(d);
		ck_assert_str_eq(t, "");
		free(t);
		wn_doc_free(d);
	}
}
END_TEST

START_TEST(test_many_lines)
{
	/* 100,000 short lines and a long article: linear, and the article is
	 * found. */
	size_t cap = 4 << 20, len = 0;
	char *page = malloc(cap);
	ck_assert_ptr_nonnull(page);
	for (int i = 0; i < 50000; i++)
		len += (size_t)snprintf(page + len, cap - len, "Menu %d\n", i);
	len += (size_t)snprintf(page + len, cap - len, "\n");
	for (int r = 0; r < 40; r++)
		for (int k = 0; k < 5; k++)
			len += (size_t)snprintf(page + len, cap - len, "%s (%d)\n\n", P[k], r);
	for (int i = 0; i < 50000; i++)
		len += (size_t)snprintf(page + len, cap - len, "- item %d\n", i);
	char *t = page_output(page);
	ck_assert_ptr_nonnull(strstr(t, P[2]));
	ck_assert_ptr_null(strstr(t, "Menu 17\n"));
	ck_assert_ptr_null(strstr(t, "item 17\n"));
	free(t);
	free(page);
}
END_TEST

static Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("split");
	tcase_add_test(tc, test_blank_line_split);
	tcase_add_test(tc, test_no_blank_lines_split_every_line);
	tcase_add_test(tc, test_wrapped_paragraph_one_block);
	tcase_add_test(tc, test_wrapped_after_commas);
	tcase_add_test(tc, test_wrapped_paragraph_accented_line_ends);
	tcase_add_test(tc, test_bullets_are_list_items);
	tcase_add_test(tc, test_short_bullets_inside_article_kept);
	suite_add_tcase(s, tc);

	tc = tcase_create("browsers");
	tcase_add_test(tc, test_ordered_items_keep_numbers);
	tcase_add_test(tc, test_wrapped_items_one_block);
	tcase_add_test(tc, test_wrap_width_past_a_wide_line);
	tcase_add_test(tc, test_wrapped_paragraph_among_fields);
	tcase_add_test(tc, test_names_over_comments);
	tcase_add_test(tc, test_thread_after_counter_and_heading);
	tcase_add_test(tc, test_short_post_long_comments);
	tcase_add_test(tc, test_comment_heading_over_thread);
	tcase_add_test(tc, test_doubled_captions_dropped);
	tcase_add_test(tc, test_near_repeat_dropped);
	tcase_add_test(tc, test_dateline_under_menu_no_signature);
	tcase_add_test(tc, test_underscore_rules_border_post);
	tcase_add_test(tc, test_recipe_lists_kept);
	tcase_add_test(tc, test_related_box_inside_article);
	tcase_add_test(tc, test_tag_cloud_not_prose);
	tcase_add_test(tc, test_notice_by_its_words);
	tcase_add_test(tc, test_stray_notice_dropped);
	tcase_add_test(tc, test_title_repeated_in_marks);
	tcase_add_test(tc, test_blurb_above_sidebar);
	tcase_add_test(tc, test_table_after_article);
	tcase_add_test(tc, test_author_box_ends_article);
	tcase_add_test(tc, test_code_inside_article);
	tcase_add_test(tc, test_dialog_text_dropped);
	tcase_add_test(tc, test_signup_box_dropped);
	tcase_add_test(tc, test_pointer_label_and_title_dropped);
	tcase_add_test(tc, test_columns_read_apart);
	tcase_add_test(tc, test_columns_far_right_cell);
	tcase_add_test(tc, test_box_frames_left_out);
	tcase_add_test(tc, test_boxed_table_rows_whole);
	tcase_add_test(tc, test_nested_list_levels);
	tcase_add_test(tc, test_nested_marks_outside_list_are_text);
	tcase_add_test(tc, test_browser_chrome_marked);
	tcase_add_test(tc, test_chrome_line_ends_run);
	tcase_add_test(tc, test_lynx_references);
	tcase_add_test(tc, test_inline_images_left_out);
	suite_add_tcase(s, tc);

	tc = tcase_create("detect");
	tcase_add_test(tc, test_auto_detects_html);
	tcase_add_test(tc, test_auto_detects_text);
	tcase_add_test(tc, test_fragment_in_text);
	tcase_add_test(tc, test_fragment_unclosed_and_body_only);
	suite_add_tcase(s, tc);

	tc = tcase_create("repeats");
	tcase_add_test(tc, test_title_once);
	tcase_add_test(tc, test_title_of_fragment_kept);
	tcase_add_test(tc, test_ascii_slug_dropped);
	tcase_add_test(tc, test_caption_twice_kept_once);
	tcase_add_test(tc, test_counters_dropped);
	tcase_add_test(tc, test_menu_dropped);
	suite_add_tcase(s, tc);

	tc = tcase_create("output");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_output_utf8_newline);
	tcase_add_test(tc, test_many_lines);
	suite_add_tcase(s, tc);
	(void)dump;
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(text_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
