/*
 * test_meta.c - metadata (meta.c, byline.c, date.c, url.c) and the
 * Markdown and JSON writers: every source of every field, the order of
 * trust between them, dates in many forms, relative URLs, every Markdown
 * escape and every JSON escape (parsed back with jansson).
 */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "url.h"
#include "write_json.h"
#include "options.h"
#include "winnow.h"

#define BODY "<p>After ten years of planning and three years of construction, the new " \
             "river crossing opened to traffic on Monday morning, linking the two "   \
             "halves of the old town for the first time since the great flood.</p>"   \
             "<p>Engineers say the bridge was designed to withstand a flood twice as " \
             "large as the one that destroyed its predecessor, and its foundations "  \
             "reach far deeper into the bedrock than any earlier structure there.</p>"

static wn_doc *load_opts(const char *html, const struct wn_options *o)
{
	wn_doc *d = wn_doc_new(o);
	ck_assert_ptr_nonnull(d);
	wn_status rc = wn_doc_load(d, html, strlen(html));
	ck_assert_msg(rc == WN_OK, "load failed: %s", wn_doc_errmsg(d));
	return d;
}

static wn_doc *load(const char *html)
{
	return load_opts(html, NULL);
}

/* ---- languages --------------------------------------------------------- */

/* The language of a page that declares it as lang. */
static void check_lang(const char *where, const char *lang, const char *want)
{
	char html[1024];
	if (strcmp(where, "html") == 0)
		snprintf(html, sizeof html, "<html lang=\"%s\"><body>" BODY "</body></html>", lang);
	else
		snprintf(html, sizeof html, "<html><head><meta property=\"og:locale\" content=\"%s\">"
		                            "</head><body>" BODY "</body></html>", lang);
	/* The body is English whatever the page declares: detection off, so
	 * that the declaration is what is read. */
	struct wn_options o;
	wn_options_init(&o);
	o.lang_sample_bytes = 0;
	wn_doc *d = load_opts(html, &o);
	const char *got = wn_doc_metadata(d)->language;
	if (want == NULL) /* "" or NULL: none (JSON null) */
		ck_assert_msg(got == NULL || *got == '\0', "%s: %s gave %s", where, lang, got);
	else
		ck_assert_msg(got && strcmp(got, want) == 0, "%s: %s gave %s, not %s", where, lang,
		              got ? got : "null", want);
	wn_doc_free(d);
}

START_TEST(languages_bcp47)
{
	static const char *const cases[][2] = {
		{"en_US", "en-US"},   {"en-us", "en-US"},     {"EN", "en"},
		{"english", "en"},    {"English", "en"},      {"pt_BR", "pt-BR"},
		{"en_us", "en-US"},   {"de-DE", "de-DE"},     {"eng", "en"},
		{"ger", "de"},        {"Deutsch", "de"},      {"fr-ca", "fr-CA"},
		{"zh-hant-tw", "zh-Hant-TW"}, {"es-419", "es-419"}, {"iw", "he"},
		{"en-US,en;q=0.9", "en-US"}, {" de, en", "de"}, {"sl-rozaj", "sl"},
		{"none", NULL},       {"x-default", NULL},    {"1", NULL},
		{"", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		check_lang("html", cases[i][0], cases[i][1]);
		check_lang("og", cases[i][0], cases[i][1]);
	}
	/* A declaration that is no tag leaves the field to the next source. */
	struct wn_options o;
	wn_options_init(&o);
	o.lang_sample_bytes = 0;
	wn_doc *d = load_opts("<html lang=\"none\"><head><meta property=\"og:locale\" "
	                      "content=\"it_IT\"></head><body>" BODY "</body></html>",
	                      &o);
	ck_assert_str_eq(wn_doc_metadata(d)->language, "it-IT");
	wn_doc_free(d);
}
END_TEST

/* Article paragraphs in German, French and Japanese, written for these
 * tests. */
#define GERMAN                                                                            \
	"<p>Nach zehn Jahren Planung und drei Jahren Bauzeit ist die neue Brücke über den " \
	"Fluss am Montagmorgen für den Verkehr freigegeben worden. Sie verbindet die beiden " \
	"Hälften der Altstadt zum ersten Mal seit dem großen Hochwasser.</p>"               \
	"<p>Die Ingenieure sagen, dass die Brücke einem doppelt so großen Hochwasser "      \
	"standhalten soll und dass ihre Fundamente tiefer in den Fels reichen als die "     \
	"aller früheren Bauwerke an dieser Stelle.</p>"
#define FRENCH                                                                              \
	"<p>Après dix ans de préparation et trois ans de travaux, le nouveau pont sur la "    \
	"rivière a été ouvert à la circulation lundi matin. Il relie les deux moitiés de la " \
	"vieille ville pour la première fois depuis la grande crue.</p>"                      \
	"<p>Les ingénieurs affirment que l'ouvrage résistera à une crue deux fois plus forte " \
	"que celle qui avait emporté le précédent, et que ses fondations descendent bien "    \
	"plus profondément dans la roche.</p>"
#define JAPANESE                                                                  \
	"<p>十年にわたる計画と三年間の工事を経て、川に架かる新しい橋が月曜日の朝に開通した。" \
	"大洪水以来初めて、旧市街の二つの地区が再び結ばれることになる。</p>"                \
	"<p>技術者によると、この橋は前の橋を押し流した洪水の二倍の規模にも耐えられるよう" \
	"設計されており、基礎は以前のどの構造物よりも深く岩盤に達しているという。</p>"

/* language, language_detected and its confidence of a page. */
static void check_detected(const char *html, const char *language, const char *detected)
{
	wn_doc *d = load(html);
	const struct wn_metadata *m = wn_doc_metadata(d);
	ck_assert_msg(strcmp(m->language, language) == 0, "language %s, not %s", m->language,
	              language);
	ck_assert_msg(strcmp(m->language_detected, detected) == 0, "detected %s, not %s",
	              m->language_detected, detected);
	if (*detected)
		ck_assert(m->language_confidence > 0.5 && m->language_confidence <= 1.0);
	else
		ck_assert(m->language_confidence == 0);
	wn_doc_free(d);
}

START_TEST(languages_detected)
{
	/* nothing declared: the detected language */
	check_detected("<html><body><article>" GERMAN "</article></body></html>", "de", "de");
	check_detected("<html><body><article>" FRENCH "</article></body></html>", "fr", "fr");
	check_detected("<html><body><article>" JAPANESE "</article></body></html>", "ja", "ja");
	/* a declaration the detection agrees with stays, region and all */
	check_detected("<html lang=\"de-AT\"><body><article>" GERMAN "</article></body></html>",
	               "de-AT", "de");
	/* one it contradicts gives way: a template's lang=en on a German story */
	check_detected("<html lang=\"en\"><body><article>" GERMAN "</article></body></html>", "de",
	               "de");
	/* too little text to say: the declaration, or nothing */
	check_detected("<html lang=\"fr\"><body><p>OK</p></body></html>", "fr", "");
	check_detected("<html><body><p>OK</p></body></html>", "", "");
	/* plain text is detected too */
	const char *text = "Nach zehn Jahren Planung und drei Jahren Bauzeit ist die neue Brücke "
	                   "über den Fluss am Montagmorgen für den Verkehr freigegeben worden. Sie "
	                   "verbindet die beiden Hälften der Altstadt zum ersten Mal seit dem "
	                   "großen Hochwasser.\n";
	struct wn_options o;
	wn_options_init(&o);
	o.input = WN_INPUT_TEXT;
	wn_doc *d = load_opts(text, &o);
	ck_assert_str_eq(wn_doc_metadata(d)->language, "de");
	wn_doc_free(d);
	/* off: only the declaration; over 100%, a declaration always stands */
	static const struct {
		size_t sample;
		unsigned percent;
		const char *detected;
	} off[] = {{0, 80, ""}, {8192, 101, "de"}};
	for (size_t i = 0; i < sizeof off / sizeof off[0]; i++) {
		wn_options_init(&o);
		o.lang_sample_bytes = off[i].sample;
		o.lang_override_percent = off[i].percent;
		d = load_opts("<html lang=\"en\"><body><article>" GERMAN "</article></body></html>",
		              &o);
		ck_assert_str_eq(wn_doc_metadata(d)->language, "en");
		ck_assert_str_eq(wn_doc_metadata(d)->language_detected, off[i].detected);
		wn_doc_free(d);
	}
}
END_TEST

/* Kept text of d. */
static size_t kept_len(wn_doc *d)
{
	char *t;
	size_t n;
	ck_assert_int_eq(wn_doc_text(d, &t, &n), WN_OK);
	free(t);
	return n;
}

START_TEST(languages_detected_when_asked)
{
	/* The language is detected when first asked for (a text output never
	 * asks): the work charged is the same either way, every way of asking
	 * sees it, and a reload of the same doc detects its own page's. */
	const char *de = "<html><body><article>" GERMAN "</article></body></html>";
	const char *fr = "<html><body><article>" FRENCH "</article></body></html>";
	wn_doc *asked = load(de), *silent = load(de);
	unsigned long long work = wn_doc_work(silent);
	ck_assert_uint_gt(work, 0);
	ck_assert_uint_eq(wn_doc_work(asked), work);
	ck_assert_str_eq(wn_doc_metadata(asked)->language, "de");
	ck_assert_uint_eq(wn_doc_work(asked), work);
	char *text = NULL;
	ck_assert_int_eq(wn_doc_text(silent, &text, NULL), WN_OK);
	free(text);
	char *json = NULL;
	ck_assert_int_eq(wn_doc_json(silent, 0, &json, NULL), WN_OK);
	ck_assert_ptr_nonnull(strstr(json, "\"language_detected\": \"de\""));
	free(json);
	ck_assert_str_eq(wn_doc_page(asked)->meta.pub.language_detected, "de");
	ck_assert_int_eq(wn_doc_load(asked, fr, strlen(fr)), WN_OK);
	ck_assert_str_eq(wn_doc_metadata(asked)->language_detected, "fr");
	wn_doc_free(asked);
	wn_doc_free(silent);
}
END_TEST

START_TEST(languages_listed)
{
	struct wn_options o;
	wn_options_init(&o);
	o.languages = "en, DE_at";
	/* de-CH is German: kept */
	wn_doc *d = load_opts("<html lang=\"de-CH\"><body><article>" GERMAN "</article></body></html>",
	                      &o);
	ck_assert_ptr_null(wn_doc_language_skipped(d));
	ck_assert_uint_gt(kept_len(d), 100);
	wn_doc_free(d);
	/* French is not: every block dropped, with the reason */
	d = load_opts("<html><body><article>" FRENCH "</article></body></html>", &o);
	ck_assert_str_eq(wn_doc_language_skipped(d), "fr");
	ck_assert_uint_eq(kept_len(d), 0);
	for (size_t i = 0; i < wn_doc_block_count(d); i++)
		ck_assert_int_ne(wn_doc_block(d, i)->decision, WN_KEEP);
	ck_assert_str_eq(wn_doc_block(d, 0)->reason, "language");
	wn_doc_free(d);
	/* no language at all: "und", skipped */
	d = load_opts("<html><body><p>OK</p></body></html>", &o);
	ck_assert_str_eq(wn_doc_language_skipped(d), "und");
	wn_doc_free(d);
	/* no list: nothing skipped */
	d = load("<html><body><article>" FRENCH "</article></body></html>");
	ck_assert_ptr_null(wn_doc_language_skipped(d));
	ck_assert_uint_gt(kept_len(d), 100);
	wn_doc_free(d);
	/* the public tag reader */
	char tag[WN_LANGUAGE_TAG_MAX];
	ck_assert_int_eq(wn_lang_tag("pt_br", tag, sizeof tag), 1);
	ck_assert_str_eq(tag, "pt-BR");
	ck_assert_int_eq(wn_lang_tag("x-default", tag, sizeof tag), 0);
	ck_assert_int_eq(wn_lang_tag("en", tag, 4), 0); /* out too small */
}
END_TEST

/* ---- dates ------------------------------------------------------------- */

START_TEST(dates_parse)
{
	static const struct {
		const char *in, *out;
		int mdy;
	} cases[] = {
	    {"2019-03-12", "2019-03-12", 0},
	    {"2019-03-12T10:04:00+01:00", "2019-03-12T10:04:00+01:00", 0},
	    {"2019-03-12T10:04:00.123Z", "2019-03-12T10:04:00Z", 0},
	    {"2019-03-12 10:04", "2019-03-12T10:04", 0},
	    {"2019-03-12T10:04:00+0100", "2019-03-12T10:04:00+01:00", 0},
	    {"Tue, 12 Mar 2019 10:04:00 +0000", "2019-03-12T10:04:00+00:00", 0},
	    {"2019/03/12", "2019-03-12", 0},
	    {"20190312", "2019-03-12", 0},
	    {"March 12, 2019", "2019-03-12", 0},
	    {"Mar 12th 2019", "2019-03-12", 0},
	    {"12 March 2019", "2019-03-12", 0},
	    {"12. März 2019", "2019-03-12", 0},
	    {"12 de marzo de 2019", "2019-03-12", 0},
	    {"1er mars 2019", "2019-03-01", 0},
	    {"12 marzo 2019", "2019-03-12", 0},
	    {"12.03.2019", "2019-03-12", 0},
	    {"03/04/2019", "2019-04-03", 0},
	    {"03/04/2019", "2019-03-04", 1},
	    {"13/04/2019", "2019-04-13", 1},
	    {"2019年3月12日", "2019-03-12", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[WN_DATE_MAX];
		ck_assert_msg(wn_date_parse(cases[i].in, strlen(cases[i].in), cases[i].mdy, out),
		              "not read: %s", cases[i].in);
		ck_assert_str_eq(out, cases[i].out);
	}
	static const char *const bad[] = {"2019-02-30", "1850-01-01", "Version 2.10.3",
	                                  "3/4 cup", "March 2019", "12345678", ""};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char out[WN_DATE_MAX];
		ck_assert_msg(!wn_date_parse(bad[i], strlen(bad[i]), 0, out), "read: %s", bad[i]);
	}
}
END_TEST

START_TEST(dates_find)
{
	char out[WN_DATE_MAX];
	const char *s = "Published March 12, 2019 by Jane Doe";
	ck_assert(wn_date_find(s, strlen(s), 0, out));
	ck_assert_str_eq(out, "2019-03-12");
	s = "Release 3.19.0 11 Apr 2022";
	ck_assert(wn_date_find(s, strlen(s), 0, out));
	ck_assert_str_eq(out, "2022-04-11");
	s = "version 2.28 (2023-02-15)";
	ck_assert(wn_date_find(s, strlen(s), 0, out));
	ck_assert_str_eq(out, "2023-02-15");
	s = "We sold 1,200 copies in 2019.";
	ck_assert(!wn_date_find(s, strlen(s), 0, out));
}
END_TEST

/* A field of a page with head and, under its headline, html: the
 * date ('d') or the author ('a'), checked against want ("" for none). */
static void check_field(char field, const char *head, const char *html, const char *want)
{
	char page[4096];
	snprintf(page, sizeof page,
	         "<html><head>%s</head><body><article><h1>A bridge opens</h1>%s" BODY
	         "</article></body></html>", head, html);
	wn_doc *d = load(page);
	const struct wn_metadata *m = wn_doc_metadata(d);
	const char *got = field == 'd' ? m->date : m->author;
	ck_assert_msg(strcmp(got, want) == 0, "%s gave \"%s\", not \"%s\"", html, got, want);
	wn_doc_free(d);
}

static void check_page_date(const char *head, const char *html, const char *want)
{
	check_field('d', head, html, want);
}

/* The title of a page with head, and before its article text pre (which
 * opens an article element). */
static void check_title(const char *head, const char *pre, const char *want)
{
	char page[4096];
	snprintf(page, sizeof page, "<html><head>%s</head><body>%s" BODY "</article></body></html>",
	         head, pre);
	wn_doc *d = load(page);
	const char *got = wn_doc_metadata(d)->title;
	ck_assert_msg(strcmp(got, want) == 0, "%s gave \"%s\", not \"%s\"", head, got, want);
	wn_doc_free(d);
}

START_TEST(dates_without_cue)
{
	/* a date line under the headline, with no word that says date */
	static const char *const cases[][2] = {
		{"<p>22/11/2020 - 04:30</p>", "2020-11-22"},
		{"<p>2020-11-22 04:30</p>", "2020-11-22"},
		{"<p>Saturday, July 19, 2014</p>", "2014-07-19"},
		{"<p>Samstag, 19. Juli 2014</p>", "2014-07-19"},
		{"<p>samedi 19 juillet 2014</p>", "2014-07-19"},
		{"<p>sábado, 19 de julio de 2014</p>", "2014-07-19"},
		{"<p>sabato 19 luglio 2014</p>", "2014-07-19"},
		{"<p>sábado, 19 de julho de 2014</p>", "2014-07-19"},
		{"<p>zaterdag 19 juli 2014</p>", "2014-07-19"},
		{"<p>Associated Press November 19, 2019, 9:02 AM</p>", "2019-11-19"},
		{"<p>1:39 am EST, Wednesday, November 20, 2019</p>", "2019-11-20"},
		{"<p>October 18th, 2012 by Mirko in Articles</p>", "2012-10-18"},
		/* a year of two digits in a byline, where the day is sure */
		{"<p>Written by Philip Proefrock on 19/10/12</p>", "2012-10-19"},
		{"<p>01/31/13</p>", ""},
		/* a sentence that holds a date is no date line */
		{"<p>The council met on 19 July 2014 to discuss the bridge once more.</p>", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_page_date("", cases[i][0], cases[i][1]);
	char out[WN_DATE_MAX];
	const char *s = "Mon Jul 23 21:11:10 PDT 2012"; /* date(1) in a meta tag */
	ck_assert(wn_date_parse(s, strlen(s), 0, out));
	ck_assert_str_eq(out, "2012-07-23");
}
END_TEST

START_TEST(dates_header_time)
{
	/* a <time> beside the headline, outside the article's element,
	 * whatever its class */
	wn_doc *d = load("<html><body><header class=\"story-head\"><h1>A bridge opens</h1>"
	                 "<div class=\"x\"><span>By Jane Doe</span><time class=\"y\" "
	                 "datetime=\"2020-11-21T23:30:00-05:00\">1 day ago</time></div></header>"
	                 "<div class=\"story\">" BODY "</div><div class=\"more\"><time "
	                 "datetime=\"2019-01-01\">old</time></div></body></html>");
	ck_assert_str_eq(wn_doc_metadata(d)->date, "2020-11-21T23:30:00-05:00");
	wn_doc_free(d);
}
END_TEST

START_TEST(dates_local_day)
{
	/* The markup's time in UTC is the 22nd; the page shows the 21st,
	 * the day where the story was published. */
	check_page_date("<meta property=\"article:published_time\" content=\"2020-11-22T04:30:00Z\">",
	                "<p>By Jane Doe</p><p>November 21, 2020, 11:30 PM EST</p>", "2020-11-21");
	/* a time with its offset is given as it is: the 21st */
	check_page_date("<meta property=\"article:published_time\" "
	                "content=\"2020-11-21T23:30:00-05:00\">",
	                "", "2020-11-21T23:30:00-05:00");
	/* day and month read the wrong way round in the markup */
	check_page_date("<meta name=\"date\" content=\"08/09/2012\">",
	                "<p>by Noah Rothman | 2:23 pm, August 9th, 2012</p>", "2012-08-09");
}
END_TEST

START_TEST(dates_not_the_article)
{
	/* an embedded tweet, a citation, a cookie banner, reader comments */
	check_page_date("", "<blockquote class=\"twitter-tweet\"><p>Wow.</p>— Jane (@jane) "
	                    "Posted November 18, 2019</blockquote>", "");
	check_page_date("", "<p class=\"meta\">Retrieved on 3 March 2015</p>", "");
	check_page_date("", "<p>Updated our cookie policy: 1 May 2018</p>", "");
	wn_doc *d = load("<html><body><article><h1>A bridge opens</h1>" BODY "</article>"
	                 "<div class=\"comments\"><p>Posted March 4, 2015</p><p>Nice.</p></div>"
	                 "</body></html>");
	ck_assert_str_eq(wn_doc_metadata(d)->date, "");
	wn_doc_free(d);
	/* a date after tomorrow is no publication date */
	check_page_date("<meta property=\"article:published_time\" content=\"2099-01-01\">", "",
	                "");
	/* nor one more than a day after the page was fetched (a WARC-Date) */
	static const struct {
		const char *fetched, *date;
	} fetched[] = {{"2020-11-22T04:30:00Z", ""},
	               {"2020-11-23T04:30:00Z", "2020-11-24"}, /* a zone ahead of UTC */
	               {"2020-11-25", "2020-11-24"},
	               {"", "2020-11-24"}, /* none: today */
	               {"not a date", "2020-11-24"}};
	for (size_t i = 0; i < sizeof fetched / sizeof fetched[0]; i++) {
		wn_doc *f = wn_doc_new(NULL);
		ck_assert_ptr_nonnull(f);
		wn_doc_set_fetch_date(f, fetched[i].fetched);
		const char *page = "<html><head><meta property=\"article:published_time\" "
		                   "content=\"2020-11-24\"></head><body>" BODY "</body></html>";
		ck_assert_int_eq(wn_doc_load(f, page, strlen(page)), WN_OK);
		ck_assert_msg(strcmp(wn_doc_metadata(f)->date, fetched[i].date) == 0,
		              "fetched %s: date %s, not %s", fetched[i].fetched,
		              wn_doc_metadata(f)->date, fetched[i].date);
		wn_doc_free(f);
	}
	/* the masthead's date is today's, whatever its class says */
	d = load("<html><body><div id=\"header\"><span class=\"date-header\">Wednesday, "
	         "November 7 2012</span></div><div class=\"post\"><h2>A bridge opens</h2>" BODY
	         "</div></body></html>");
	ck_assert_str_eq(wn_doc_metadata(d)->date, "");
	wn_doc_free(d);
	/* the masthead's date, above the menus, is today's */
	d = load("<html><body><header><p>Wednesday, November 7 2012</p><nav><ul><li><a "
	         "href=\"/a\">News</a></li><li><a href=\"/b\">Sport</a></li><li><a "
	         "href=\"/c\">Weather</a></li></ul></nav></header><article><h1>A bridge opens</h1>"
	         BODY "</article></body></html>");
	ck_assert_str_eq(wn_doc_metadata(d)->date, "");
	wn_doc_free(d);
}
END_TEST

START_TEST(dates_published_and_modified)
{
	wn_doc *d = load("<html><head><script type=\"application/ld+json\">{\"@type\": "
	                 "\"NewsArticle\", \"headline\": \"A bridge opens\", \"dateModified\": "
	                 "\"2021-05-06T10:00:00Z\"}</script><meta property=\"article:published_time\" "
	                 "content=\"2021-05-04T08:00:00Z\"></head><body><article>" BODY
	                 "</article></body></html>");
	const struct wn_metadata *m = wn_doc_metadata(d);
	ck_assert_str_eq(m->date, "2021-05-04T08:00:00Z");
	ck_assert_str_eq(m->date_modified, "2021-05-06T10:00:00Z");
	char *json;
	size_t len;
	ck_assert_int_eq(wn_doc_json(d, WN_JSON_LINE, &json, &len), WN_OK);
	ck_assert_ptr_nonnull(strstr(json, "\"date_modified\":\"2021-05-06T10:00:00Z\""));
	free(json);
	wn_doc_free(d);
	/* the last change alone is the date too; "Updated" says which */
	check_page_date("", "<p>Updated: 4 May 2021</p>", "2021-05-04");
	d = load("<html><body><article><h1>A bridge opens</h1><p>Published 3 May 2021, "
	         "updated 4 May 2021</p>" BODY "</article></body></html>");
	ck_assert_str_eq(wn_doc_metadata(d)->date, "2021-05-03");
	wn_doc_free(d);
	d = load("<html><body><article><h1>A bridge opens</h1><p>Last updated 4 May 2021</p>"
	         BODY "</article></body></html>");
	ck_assert_str_eq(wn_doc_metadata(d)->date_modified, "2021-05-04");
	wn_doc_free(d);
}
END_TEST

START_TEST(meta_json_ld_wrapped)
{
	static const char *const wraps[][2] = {
		{"<![CDATA[", "]]>"}, {"//<![CDATA[\n", "\n//]]>"}, {"/*<![CDATA[*/", "/*]]>*/"},
		{"<!--", "-->"},
	};
	for (size_t i = 0; i < sizeof wraps / sizeof wraps[0]; i++) {
		char html[2048];
		snprintf(html, sizeof html,
		         "<html><head><script type=\"application/ld+json\">%s{\"@type\": "
		         "\"Article\", \"headline\": \"Wrapped headline\", \"datePublished\": "
		         "\"2020-01-02\"}%s</script></head><body><article>" BODY
		         "</article></body></html>",
		         wraps[i][0], wraps[i][1]);
		wn_doc *d = load(html);
		ck_assert_str_eq(wn_doc_metadata(d)->title, "Wrapped headline");
		ck_assert_str_eq(wn_doc_metadata(d)->date, "2020-01-02");
		wn_doc_free(d);
	}
	/* Wikipedia: the headline describes what the article names */
	check_title("<title>Berlin - Wikipedia</title><script type=\"application/ld+json\">{\"@type\": "
	            "\"Article\", \"name\": \"Berlin\", \"headline\": \"capital and largest city "
	            "of Germany\"}</script>",
	            "<h1>Berlin</h1><article>", "Berlin");
	/* templates' character references in JSON-LD */
	check_title("<script type=\"application/ld+json\">{\"@type\": \"Article\", \"headline\": "
	            "\"It doesn&#8217;t &mdash; at all &amp; more\"}</script>",
	            "<article>", "It doesn\u2019t \u2014 at all & more");
}
END_TEST

/* The author of a page whose byline is html, on a site that names
 * itself. */
static void check_author(const char *html, const char *want)
{
	check_field('a', "<meta property=\"og:site_name\" content=\"Daily Planet\">", html, want);
}

START_TEST(authors_whole)
{
	static const char *const cases[][2] = {
		/* initials and parentheses, inverted names, user names */
		{"<p>By Anna (A.J.) Meyer</p>", "Anna (A.J.) Meyer"},
		{"<p>By Meyer, A.</p>", "Meyer, A."},
		{"<p>By Meyer, A. J. and Roe, B.</p>", "Meyer, A. J.; Roe, B."},
		{"<p>Posted by kb2041</p>", "kb2041"},
		{"<p>By kourteous</p>", "kourteous"},
		/* labels, links' text, roles and employers are no authors */
		{"<p>By Jane Doe View Profile</p>", "Jane Doe"},
		{"<p>By Tom Krisher, AP Auto Writer</p>", "Tom Krisher"},
		{"<p>By Rachael Link, MS, RD</p>", "Rachael Link"},
		{"<p>By Lisa Mascaro, Mary Clare Jalonick and Eric Tucker, Associated Press</p>",
		 "Lisa Mascaro; Mary Clare Jalonick; Eric Tucker"},
		{"<p>By CNN Political Reporter Shannon Travis</p>", "Shannon Travis"},
		{"<p>By Phil Nickinson Editor in Chief</p>", "Phil Nickinson"},
		{"<p>By Jeff Foust Monday, November 18, 2019</p>", "Jeff Foust"},
		{"<p>By David Joy, Jo Koehn, and Janice Klimek</p>", "David Joy; Jo Koehn; Janice Klimek"},
		{"<p>Текст: Венера Ерофеева</p>", "Венера Ерофеева"},
		{"<p>By subject</p>", ""},
		/* a byline after its date */
		{"<p>October 18th, 2012 by Mirko in Articles</p>", "Mirko"},
		{"<p>11.05.12 Written by Ashley Burns</p>", "Ashley Burns"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_author(cases[i][0], cases[i][1]);
	/* "Last Updated:" is a label, whoever's class says author */
	wn_doc *d = load("<html><body><article><h1>A bridge opens</h1><div class=\"author\">Last "
	                 "Updated: January 21, 2005</div>" BODY "</article></body></html>");
	ck_assert_str_eq(wn_doc_metadata(d)->author, "");
	wn_doc_free(d);
	/* a link's text is no name, a site is no author */
	d = load("<html><head><meta name=\"author\" content=\"Daily Planet\"><meta "
	         "property=\"og:site_name\" content=\"Daily Planet\"></head><body><article><h1>A "
	         "bridge opens</h1><a rel=\"author\" href=\"/p\">View Profile</a>" BODY
	         "<p>Posted by red clay at 4:12 PM</p></article></body></html>");
	ck_assert_str_eq(wn_doc_metadata(d)->author, "red clay");
	wn_doc_free(d);
	/* an element's text counts its words, not the indentation of its
	 * markup */
	char html[2048];
	snprintf(html, sizeof html,
	         "<html><body><article><h1>A bridge opens</h1><div class=\"author\">\n%*s"
	         "Jane Roe</div>" BODY "</article></body></html>",
	         300, "");
	d = load(html);
	ck_assert_str_eq(wn_doc_metadata(d)->author, "Jane Roe");
	wn_doc_free(d);
	/* an author box under the article gives the byline's names again */
	d = load("<html><body><article><h1>A bridge opens</h1><div class=\"meta\"><p "
	         "class=\"author\">Jane Roe and John Doe</p></div>" BODY
	         "<div class=\"entry-author\"><h2>Jane Roe</h2> <h2>John Doe</h2></div>"
	         "</article></body></html>");
	ck_assert_str_eq(wn_doc_metadata(d)->author, "Jane Roe; John Doe");
	wn_doc_free(d);
}
END_TEST

START_TEST(titles_heading_in_title)
{
	/* "Blog: Post" where the h1 is the blog and the post's heading an h3 */
	check_title("<title>Web Ink Now: Outlaw the phrase at work</title>",
	            "<h1>Web Ink Now</h1><article><h3>Outlaw the phrase at work</h3>",
	            "Outlaw the phrase at work");
	/* "Blog - Post" where the blog's name is the h1 of the site's header */
	check_title("<title>The Volokh Conspiracy - More on Women and Last Names</title>",
	            "<div class=\"header\"><h1>The Volokh Conspiracy</h1></div><article><p>More on "
	            "Women and Last Names</p>",
	            "More on Women and Last Names");
	/* og:title with a section before the headline */
	check_title("<meta property=\"og:title\" content=\"Opinion | Republicans Are Following "
	            "Trump\">",
	            "<article><h1>Republicans Are Following Trump</h1>",
	            "Republicans Are Following Trump");
	/* og:title that is the site's tagline on every page */
	check_title("<title>Dwayne Allen says players wept - NFL.com</title><meta "
	            "property=\"og:title\" content=\"Official Blog of the League\">",
	            "<article><h2>Dwayne Allen says players wept</h2>",
	            "Dwayne Allen says players wept");
}
END_TEST

START_TEST(titles_site_parts)
{
	/* "Headline | Section - Site": the section goes with the site */
	check_title(
		"<title>Knitting for beginners | Crafts - Hobby Weekly</title>"
		"<meta property=\"og:site_name\" content=\"Hobby Weekly\">",
		"<article>", "Knitting for beginners");
	/* "Site: Headline" with the site's name known */
	check_title(
		"<title>Riverside Notes: The bridge opens at last</title>"
		"<meta property=\"og:site_name\" content=\"Riverside Notes\">",
		"<article>", "The bridge opens at last");
	/* dc.title "Section - Headline" where <title> is the headline */
	check_title(
		"<title>Council approves the new library</title>"
		"<meta name=\"dc.title\" "
		"content=\"Town Notices - Council approves the new library\">",
		"<article>", "Council approves the new library");
	/* "Society | Welcome": the short part is the h1's start, so the
	 * headline, and the long one the site */
	check_title(
		"<title>Society for the Study of Old Bridges | Welcome</title>",
		"<article><h1>Welcome to the Society</h1>", "Welcome");
}
END_TEST

START_TEST(titles_site_headings)
{
	/* an h1 that is the site's name, above the menu, and the page's own
	 * h1 in the article: the title without the site's part */
	check_title(
		"<title>Ministry of Parks - Sorry, an error has occurred</title>",
		"<div><h1>Ministry of Parks</h1>"
		"<ul><li><a href=\"/\">home</a></li>"
		"<li><a href=\"/a\">about</a></li></ul></div>"
		"<article><h1>Page not found</h1>",
		"Sorry, an error has occurred");
	/* the blog's name in a "blogtitle" cell starts the title */
	check_title(
		"<title>Riverside Notes: The bridge opens at last</title>",
		"<table><tr><td class=\"blogtitle\">"
		"<a href=\"/\">Riverside Notes</a></td></tr></table>"
		"<article><p>The bridge opens at last</p>",
		"The bridge opens at last");
	/* the same in og:title */
	check_title(
		"<meta property=\"og:title\" content=\"Riverside Notes: Bridge "
		"news\">",
		"<div class=\"site-title\"><a href=\"/\">Riverside Notes</a></div>"
		"<article><p>Bridge news</p>",
		"Bridge news");
	/* no <title>: the blog's name in its banner is not the headline, nor
	 * the date above the post */
	check_title("",
		    "<div id=\"banner\"><h1><a href=\"/\">Riverside Notes</a>"
		    "</h1></div><article><h2 class=\"date\">March 3, 2005</h2>"
		    "<h3>The bridge opens</h3>",
		    "The bridge opens");
}
END_TEST

START_TEST(titles_markup_as_text)
{
	/* tags written as text inside <title> are no part of it */
	check_title("<title>A Bridge Too Far,&lt;br/&gt; But "
		    "&lt;i&gt;Our&lt;/i&gt; Bridge</title>",
		    "<article>", "A Bridge Too Far, But Our Bridge");
	check_title(
		"<title>A Bridge Too Far,<br/> But <i>Our</i> Bridge</title>",
		"<article>", "A Bridge Too Far, But Our Bridge");
	/* an address in angle brackets is not a tag */
	check_title("<title>Letters from Jo <jo@example.org></title>",
		    "<article>", "Letters from Jo <jo@example.org>");
}
END_TEST

/* ---- URLs -------------------------------------------------------------- */

START_TEST(urls_resolve)
{
	static const struct {
		const char *base, *ref, *out;
	} cases[] = {
	    {"https://a.org/b/c/d.html", "e.html", "https://a.org/b/c/e.html"},
	    {"https://a.org/b/c/d.html", "../e.html", "https://a.org/b/e.html"},
	    {"https://a.org/b/c/d.html", "../../../e", "https://a.org/e"},
	    {"https://a.org/b/c/d.html", "./", "https://a.org/b/c/"},
	    {"https://a.org/b/c/d.html", "/x/./y", "https://a.org/x/y"},
	    {"https://a.org/b/c/d.html", "//cdn.org/i.png", "https://cdn.org/i.png"},
	    {"https://a.org/b/c/d.html?q=1#f", "?r=2", "https://a.org/b/c/d.html?r=2"},
	    {"https://a.org/b/c/d.html?q=1#f", "#g", "https://a.org/b/c/d.html?q=1#g"},
	    {"https://a.org", "x", "https://a.org/x"},
	    {"https://a.org/b/", "http://other.org/", "http://other.org/"},
	    {"", "rel/x", "rel/x"},
	    {"https://a.org/b/c", " e ", "https://a.org/b/e"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct wn_buf b = WN_BUF_INIT;
		ck_assert_int_eq(wn_url_resolve(cases[i].base, cases[i].ref, &b), 0);
		ck_assert_str_eq(b.data ? b.data : "", cases[i].out);
		wn_buf_free(&b);
	}
	ck_assert(wn_url_is_script("javascript:alert(1)"));
	ck_assert(wn_url_is_script(" data:image/png;base64,AAAA"));
	ck_assert(!wn_url_is_script("https://a.org/"));
}
END_TEST

/* ---- metadata sources -------------------------------------------------- */

static const char JSON_LD[] =
    "<html lang=\"en-GB\"><head><title>Bridge opens | Example News</title>"
    "<meta property=\"og:title\" content=\"OG title\">"
    "<meta name=\"author\" content=\"Meta Author\">"
    "<meta property=\"og:site_name\" content=\"Example News\">"
    "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
    "{\"@type\":\"WebSite\",\"name\":\"Example News\"},"
    "{\"@type\":[\"NewsArticle\"],\"headline\":\"Bridge opens at last\","
    "\"author\":[{\"@id\":\"https://ex.org/#p1\"},{\"@type\":\"Person\",\"name\":\"John Roe\"}],"
    "\"datePublished\":\"2024-05-06T07:08:09Z\",\"dateModified\":\"2024-06-01\","
    "\"description\":\"A new bridge.\",\"inLanguage\":\"en\","
    "\"image\":{\"@type\":\"ImageObject\",\"url\":\"https://ex.org/b.jpg\"},"
    "\"keywords\":\"bridges, towns\",\"articleSection\":[\"Local\",\"Transport\"],"
    "\"mainEntityOfPage\":{\"@id\":\"https://ex.org/news/bridge\"}},"
    "{\"@type\":\"Person\",\"@id\":\"https://ex.org/#p1\",\"name\":\"Jane Doe\"}]}</script>"
    "</head><body><article>" BODY "</article></body></html>";

START_TEST(meta_json_ld_first)
{
	wn_doc *d = load(JSON_LD);
	const struct wn_metadata *m = wn_doc_metadata(d);
	ck_assert_str_eq(m->title, "Bridge opens at last");
	ck_assert_str_eq(m->author, "Jane Doe; John Roe");
	ck_assert_str_eq(m->date, "2024-05-06T07:08:09Z");
	ck_assert_str_eq(m->sitename, "Example News");
	ck_assert_str_eq(m->description, "A new bridge.");
	ck_assert_str_eq(m->language, "en");
	ck_assert_str_eq(m->image, "https://ex.org/b.jpg");
	ck_assert_str_eq(m->url, "https://ex.org/news/bridge");
	ck_assert_uint_eq(m->ntags, 2);
	ck_assert_str_eq(m->tags[0], "bridges");
	ck_assert_str_eq(m->tags[1], "towns");
	ck_assert_uint_eq(m->ncategories, 2);
	ck_assert_str_eq(m->categories[1], "Transport");
	wn_doc_free(d);
}
END_TEST

static const char OPEN_GRAPH[] =
    "<html lang=\"fr\"><head><title>Le pont | Nouvelles</title>"
    "<base href=\"https://ex.fr/img/\">"
    "<link rel=\"canonical\" href=\"https://ex.fr/le-pont\">"
    "<meta property=\"og:title\" content=\"Le pont ouvre | Nouvelles\">"
    "<meta property=\"og:site_name\" content=\"Nouvelles\">"
    "<meta property=\"og:image\" content=\"pont.jpg\">"
    "<meta property=\"article:published_time\" content=\"2023-01-02\">"
    "<meta property=\"article:author\" content=\"https://facebook.com/someone\">"
    "<meta property=\"article:tag\" content=\"ponts\">"
    "<meta property=\"article:tag\" content=\"ville\">"
    "<meta name=\"author\" content=\"Marie Curie et Pierre Curie\">"
    "<meta name=\"date\" content=\"2020-01-01\">"
    "<meta name=\"DC.date\" content=\"2019-01-01\">"
    "<meta name=\"keywords\" content=\"a, b\">"
    "</head><body><article>" BODY "</article></body></html>";

START_TEST(meta_open_graph_and_meta)
{
	wn_doc *d = load(OPEN_GRAPH);
	const struct wn_metadata *m = wn_doc_metadata(d);
	ck_assert_str_eq(m->title, "Le pont ouvre"); /* site name cut */
	ck_assert_str_eq(m->author, "Marie Curie; Pierre Curie"); /* URL author ignored */
	ck_assert_str_eq(m->date, "2023-01-02");                 /* OG before meta, DC */
	ck_assert_str_eq(m->image, "https://ex.fr/img/pont.jpg"); /* against <base> */
	ck_assert_str_eq(m->url, "https://ex.fr/le-pont");
	/* lang="fr" on an English story: the detection wins */
	ck_assert_str_eq(m->language, "en");
	ck_assert_str_eq(m->language_detected, "en");
	ck_assert_uint_eq(m->ntags, 2); /* article:tag before keywords */
	ck_assert_str_eq(m->tags[0], "ponts");
	wn_doc_free(d);
}
END_TEST

START_TEST(meta_dublin_core_and_microdata)
{
	wn_doc *d = load("<html><head><meta name=\"DC.title\" content=\"DC title\">"
	                 "<meta name=\"DC.creator\" content=\"Ada Lovelace\">"
	                 "<meta name=\"DCTERMS.issued\" content=\"1999-09-09\"></head><body>"
	                 "<article><h1>Page headline</h1>" BODY "</article></body></html>");
	const struct wn_metadata *m = wn_doc_metadata(d);
	ck_assert_str_eq(m->title, "DC title");
	ck_assert_str_eq(m->author, "Ada Lovelace");
	ck_assert_str_eq(m->date, "1999-09-09");
	wn_doc_free(d);

	d = load("<html><head><title>T</title></head><body><article>"
	         "<h1 itemprop=\"headline\">The headline</h1>"
	         "<span itemprop=\"author\" itemscope><span itemprop=\"name\">Grace Hopper</span></span>"
	         "<time itemprop=\"datePublished\" datetime=\"2001-02-03T04:05\">3 Feb</time>"
	         BODY "</article></body></html>");
	m = wn_doc_metadata(d);
	ck_assert_str_eq(m->title, "The headline");
	ck_assert_str_eq(m->author, "Grace Hopper");
	ck_assert_str_eq(m->date, "2001-02-03T04:05");
	wn_doc_free(d);
}
END_TEST

START_TEST(meta_byline_and_time)
{
	/* nothing in the head: the page's own headline, byline and <time> */
	wn_doc *d = load("<html><body><article><h1>A bridge opens</h1>"
	                 "<p class=\"byline\">By Jane Doe and John Roe | Staff</p>"
	                 "<time datetime=\"2022-02-02\">Feb 2</time>" BODY
	                 "</article><aside class=\"comments\"><div class=\"author\">Troll Person</div>"
	                 "</aside></body></html>");
	const struct wn_metadata *m = wn_doc_metadata(d);
	ck_assert_str_eq(m->title, "A bridge opens");
	ck_assert_str_eq(m->author, "Jane Doe; John Roe");
	ck_assert_str_eq(m->date, "2022-02-02");
	ck_assert_str_eq(m->url, "");
	wn_doc_free(d);

	/* a date line, a field list, and the URL from the options */
	struct wn_options o;
	wn_options_init(&o);
	o.url = "https://ex.org/2018/07/09/story";
	d = load_opts("<html><head><title>Story - Ex</title></head><body><dl><dt>Author:</dt>"
	              "<dd>Alan Turing</dd></dl><article>" BODY "</article></body></html>", &o);
	m = wn_doc_metadata(d);
	ck_assert_str_eq(m->author, "Alan Turing");
	ck_assert_str_eq(m->date, "2018-07-09"); /* from the URL */
	ck_assert_str_eq(m->url, "https://ex.org/2018/07/09/story");
	ck_assert_str_eq(m->title, "Story");
	wn_doc_free(d);
}
END_TEST

START_TEST(meta_text_input)
{
	struct wn_options o;
	wn_options_init(&o);
	o.input = WN_INPUT_TEXT;
	const char *text = "A Bridge Opens in the Old Town\n\nBy Jane Doe\n\n"
	                   "Published: 4 May 2021\n\n"
	                   "After ten years of planning and three years of construction, the new "
	                   "river crossing opened to traffic on Monday morning, linking the two "
	                   "halves of the old town for the first time since the great flood.\n\n"
	                   "Engineers say the bridge was designed to withstand a flood twice as "
	                   "large as the one that destroyed its predecessor, and its foundations "
	                   "reach far deeper into the bedrock than any earlier structure there.\n";
	wn_doc *d = load_opts(text, &o);
	const struct wn_metadata *m = wn_doc_metadata(d);
	ck_assert_str_eq(m->author, "Jane Doe");
	ck_assert_str_eq(m->date, "2021-05-04");
	ck_assert_str_eq(m->title, "A Bridge Opens in the Old Town");
	wn_doc_free(d);
}
END_TEST

START_TEST(meta_bad_json_ld)
{
	/* broken JSON-LD, and JSON-LD that is not about an article */
	wn_doc *d = load("<html><head><title>Fallback title</title>"
	                 "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
	                 "\"headline\": </script>"
	                 "<script type=\"application/ld+json\">[{\"@type\":\"BreadcrumbList\","
	                 "\"name\":\"Crumbs\"}, 42, null, \"x\"]</script>"
	                 "</head><body><article>" BODY "</article></body></html>");
	ck_assert_str_eq(wn_doc_metadata(d)->title, "Fallback title");
	wn_doc_free(d);
}
END_TEST

START_TEST(meta_hostile_json_ld)
{
	/* nesting far past jansson's depth limit, and a huge author chain */
	enum { DEEP = 100000 };
	size_t cap = 4 * DEEP + 4096;
	char *page = malloc(cap);
	ck_assert_ptr_nonnull(page);
	size_t n = (size_t)snprintf(page, cap, "<html><head><script type=\"application/ld+json\">");
	for (int i = 0; i < DEEP; i++)
		page[n++] = '[';
	for (int i = 0; i < DEEP; i++)
		page[n++] = ']';
	n += (size_t)snprintf(page + n, cap - n, "</script></head><body><article>%s</article>"
	                      "</body></html>", BODY);
	wn_doc *d = wn_doc_new(NULL);
	ck_assert_int_eq(wn_doc_load(d, page, n), WN_OK);
	ck_assert_str_eq(wn_doc_metadata(d)->title, "");
	wn_doc_free(d);
	free(page);
}
END_TEST

/* ---- Markdown ------------------------------------------------------------ */

static char *markdown_of(const char *html, unsigned extras, const char *url)
{
	struct wn_options o;
	wn_options_init(&o);
	o.markdown = WN_MD_ON | extras;
	o.url = url;
	wn_doc *d = load_opts(html, &o);
	char *md;
	size_t n;
	ck_assert_int_eq(wn_doc_markdown(d, &md, &n), WN_OK);
	ck_assert_uint_eq(strlen(md), n);
	wn_doc_free(d);
	return md;
}

static void assert_contains(const char *hay, const char *needle)
{
	ck_assert_msg(strstr(hay, needle) != NULL, "no \"%s\" in:\n%s", needle, hay);
}

START_TEST(markdown_escapes)
{
	char *md = markdown_of("<html><body><article><p>1. Not a list, *not* emphasis, "
	                       "_nor_ this [link](x) or `code` or <b>\\</b> &amp;copy; ok</p>"
	                       "<p># not a heading</p><p>- not an item either, but a line that "
	                       "goes on long enough to be kept as article text</p>"
	                       BODY "</article></body></html>",
	                       0, NULL);
	assert_contains(md, "1\\. Not a list, \\*not\\* emphasis, \\_nor\\_ this \\[link\\](x) or "
	                    "\\`code\\` or **\\\\** \\&copy; ok");
	assert_contains(md, "\n\\# not a heading\n");
	assert_contains(md, "\n\\- not an item");
	free(md);
}
END_TEST

START_TEST(markdown_structure)
{
	char *md = markdown_of(
	    "<html><head><base href=\"/base/\"></head><body><article><h2>Section <em>one</em></h2>"
	    BODY "<ul><li>alpha<ul><li>nested</li></ul></li><li>beta</li></ul>"
	    "<ol start=\"7\"><li>seven</li><li>eight</li></ol>"
	    "<blockquote><p>quoted words here</p></blockquote>"
	    "<pre>a  ```\n  b</pre>"
	    "<table><tr><th>k</th><th>v</th></tr><tr><td>x|y</td><td></td></tr>"
	    "<tr><td></td><td>z</td></tr></table>"
	    "<p>A <a href=\"page.html\">relative <strong>link</strong></a>, "
	    "<a href=\"javascript:void(0)\">no link</a>, <img src=\"i.png\" alt=\"an [image]\"> "
	    "and <em> spaced </em> words.</p>" BODY "</article></body></html>",
	    WN_MD_LINKS | WN_MD_IMAGES, "https://ex.org/a/b.html");
	assert_contains(md, "## Section *one*\n");
	assert_contains(md, "- alpha\n    - nested\n- beta\n");
	assert_contains(md, "\n7. seven\n8. eight\n");
	assert_contains(md, "\n> quoted words here\n");
	assert_contains(md, "\n````\na  ```\n  b\n````\n");
	assert_contains(md, "| k | v |\n| --- | --- |\n| x\\|y |  |\n|  | z |\n");
	assert_contains(md, "A [relative **link**](https://ex.org/base/page.html), no link, "
	                    "![an \\[image\\]](https://ex.org/base/i.png) and *spaced* words.");
	free(md);
}
END_TEST

START_TEST(markdown_needs_md_on)
{
	/* without WN_MD_ON the text is escaped, with block syntax */
	wn_doc *d = load("<html><body><article><h2>T*t</h2>" BODY "</article></body></html>");
	char *md;
	size_t n;
	ck_assert_int_eq(wn_doc_markdown(d, &md, &n), WN_OK);
	assert_contains(md, "## T\\*t\n");
	free(md);
	wn_doc_free(d);
}
END_TEST

/* ---- JSON ---------------------------------------------------------------- */

static json_t *json_of(const char *page, unsigned flags, char **raw)
{
	wn_doc *d = load(page);
	char *out;
	size_t n;
	ck_assert_int_eq(wn_doc_json(d, flags, &out, &n), WN_OK);
	ck_assert_uint_eq(strlen(out), n);
	json_error_t err;
	json_t *o = json_loads(out, 0, &err);
	ck_assert_msg(o != NULL, "invalid JSON (%s): %s", err.text, out);
	wn_doc_free(d);
	*raw = out;
	return o;
}

START_TEST(json_escapes)
{
	/* quotes, backslashes, control characters, U+2028 and U+2029, straight
	 * through the writer */
	json_t *o = json_object();
	const char *tricky = "q\" b\\ c\x01\x1f t\t n\n line\xE2\x80\xA8sep\xE2\x80\xA9para / \xC3\xA9";
	json_object_set_new(o, "s", json_string(tricky));
	struct wn_buf b = WN_BUF_INIT;
	ck_assert_int_eq(wn_json_dump(o, WN_JSON_LINE, &b), 0);
	ck_assert_str_eq(b.data, "{\"s\":\"q\\\" b\\\\ c\\u0001\\u001F t\\t n\\n "
	                         "line\\u2028sep\\u2029para / \xC3\xA9\"}\n");
	json_error_t err;
	json_t *back = json_loads(b.data, 0, &err);
	ck_assert_ptr_nonnull(back);
	ck_assert_str_eq(json_string_value(json_object_get(back, "s")), tricky);
	json_decref(back);
	json_decref(o);
	wn_buf_free(&b);

	/* and through a whole page */
	const char *page = "<html><head><title>Say \"hi\" \\ now</title></head><body><article>"
	                   "<p>Quote \" backslash \\ line\xE2\x80\xA8sep"
	                   "\xE2\x80\xA9para. After ten years of planning and three years of "
	                   "construction, the new river crossing opened to traffic.</p>"
	                   BODY "</article></body></html>";
	char *raw;
	o = json_of(page, WN_JSON_LINE, &raw);
	ck_assert_str_eq(json_string_value(json_object_get(o, "title")), "Say \"hi\" \\ now");
	const char *text = json_string_value(json_object_get(o, "text"));
	assert_contains(text, "Quote \" backslash \\ line\xE2\x80\xA8sep\xE2\x80\xA9para.");
	assert_contains(raw, "\\\"hi\\\" \\\\ now");
	assert_contains(raw, "line\\u2028sep\\u2029para");
	ck_assert_ptr_null(strstr(raw, "\xE2\x80\xA8"));
	ck_assert_ptr_eq(strchr(raw, '\n'), raw + strlen(raw) - 1); /* one line */
	for (const char *p = raw; *p; p++)
		ck_assert((unsigned char)*p >= 0x20 || p == raw + strlen(raw) - 1);
	/* unknown values are null, lists are [] */
	ck_assert(json_is_null(json_object_get(o, "author")));
	ck_assert(json_is_array(json_object_get(o, "tags")));
	ck_assert(json_object_get(o, "markdown") == NULL);
	ck_assert(json_object_get(o, "blocks") == NULL);
	json_decref(o);
	free(raw);
}
END_TEST

START_TEST(json_blocks_and_markdown)
{
	char *raw;
	json_t *o = json_of("<html><body><nav><a href=\"/\">Home</a></nav><article>" BODY
	                    "</article></body></html>",
	                    WN_JSON_BLOCKS | WN_JSON_MARKDOWN, &raw);
	json_t *blocks = json_object_get(o, "blocks");
	ck_assert(json_is_array(blocks));
	ck_assert_uint_ge(json_array_size(blocks), 3);
	json_t *b0 = json_array_get(blocks, 0);
	ck_assert_str_eq(json_string_value(json_object_get(b0, "text")), "Home");
	ck_assert_str_eq(json_string_value(json_object_get(b0, "decision")), "drop");
	ck_assert(json_is_string(json_object_get(b0, "reason")));
	ck_assert(json_is_number(json_object_get(b0, "score")));
	ck_assert(json_is_string(json_object_get(o, "markdown")));
	ck_assert(strchr(raw, '\n') != raw + strlen(raw) - 1); /* indented: several lines */
	json_decref(o);
	free(raw);
}
END_TEST

START_TEST(json_invalid_input_bytes)
{
	/* bytes that are not UTF-8 still give valid UTF-8 JSON */
	char *raw;
	json_t *o = json_of("<html><head><meta charset=\"utf-8\"><title>Bad \xFF\xFE bytes</title>"
	                    "</head><body><article>" BODY "</article></body></html>",
	                    0, &raw);
	ck_assert_ptr_nonnull(json_string_value(json_object_get(o, "title")));
	json_decref(o);
	free(raw);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("meta");
	TCase *t = tcase_create("dates-urls");
	tcase_add_test(t, languages_bcp47);
	tcase_add_test(t, languages_detected);
	tcase_add_test(t, languages_detected_when_asked);
	tcase_add_test(t, languages_listed);
	tcase_add_test(t, dates_parse);
	tcase_add_test(t, dates_find);
	tcase_add_test(t, dates_without_cue);
	tcase_add_test(t, dates_header_time);
	tcase_add_test(t, dates_local_day);
	tcase_add_test(t, dates_not_the_article);
	tcase_add_test(t, dates_published_and_modified);
	tcase_add_test(t, meta_json_ld_wrapped);
	tcase_add_test(t, authors_whole);
	tcase_add_test(t, titles_heading_in_title);
	tcase_add_test(t, titles_site_parts);
	tcase_add_test(t, titles_site_headings);
	tcase_add_test(t, titles_markup_as_text);
	tcase_add_test(t, urls_resolve);
	suite_add_tcase(s, t);
	t = tcase_create("metadata");
	tcase_add_test(t, meta_json_ld_first);
	tcase_add_test(t, meta_open_graph_and_meta);
	tcase_add_test(t, meta_dublin_core_and_microdata);
	tcase_add_test(t, meta_byline_and_time);
	tcase_add_test(t, meta_text_input);
	tcase_add_test(t, meta_bad_json_ld);
	tcase_add_test(t, meta_hostile_json_ld);
	suite_add_tcase(s, t);
	t = tcase_create("writers");
	tcase_add_test(t, markdown_escapes);
	tcase_add_test(t, markdown_structure);
	tcase_add_test(t, markdown_needs_md_on);
	tcase_add_test(t, json_escapes);
	tcase_add_test(t, json_blocks_and_markdown);
	tcase_add_test(t, json_invalid_input_bytes);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *r = srunner_create(suite());
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
