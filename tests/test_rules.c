/*
 * test_rules.c - the rule layer (rules.c): the examples of every built-in
 * rule, parsing and its error messages, matching semantics through the
 * public wn_doc interface, near misses through the whole pipeline, and
 * pathological rule sets and patterns.
 */
#include <check.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rules.h"
#include "options.h"
#include "winnow.h"

/* Time bounds are for a plain build; under valgrind (tests/valgrind.sh
 * sets WN_TEST_SLOWDOWN) code runs tens of times slower. */
static double slowdown(void)
{
	const char *s = getenv("WN_TEST_SLOWDOWN");
	double f = s ? atof(s) : 1.0;
	return f >= 1.0 ? f : 1.0;
}

/* ---- helpers ----------------------------------------------------------- */

/* A growable string. */
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

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A rule set from text; the test fails when it does not parse. */
static wn_rules *rules_of(const char *text)
{
	wn_rules *r = wn_rules_new();
	ck_assert_ptr_nonnull(r);
	char err[256] = "";
	wn_status rc = wn_rules_add_text(r, text, strlen(text), "test.rules", err, sizeof err);
	ck_assert_msg(rc == WN_OK, "rules do not parse: %s", err);
	return r;
}

static wn_doc *load_with(const char *page, const wn_rules *rules, wn_input input)
{
	struct wn_options o;
	wn_options_init(&o);
	o.rules = rules;
	o.input = input;
	wn_doc *d = wn_doc_new(&o);
	ck_assert_ptr_nonnull(d);
	wn_status rc = wn_doc_load(d, page, strlen(page));
	ck_assert_msg(rc == WN_OK, "load failed: %s (%s)", wn_status_str(rc),
	              wn_doc_errmsg(d));
	return d;
}

/* The first block whose text contains s; the test fails when none does. */
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

static char *text_of(const wn_doc *d)
{
	char *t;
	size_t n;
	ck_assert_int_eq(wn_doc_text(d, &t, &n), WN_OK);
	return t;
}

/* Asserts that the block holding s was kept and no rule touched it. */
static void assert_kept(const wn_doc *d, const char *s)
{
	const struct wn_block *b = must_find(d, s);
	ck_assert_msg(b->decision == WN_KEEP, "\"%.60s\" dropped: %s", b->text,
	              b->reason ? b->reason : "(no reason)");
	ck_assert_msg(b->rule == NULL, "a rule fired on \"%.60s\": %s", b->text, b->rule);
}

/* Asserts that the block holding s was dropped by the rule labelled label. */
static void assert_ruled(const wn_doc *d, const char *s, const char *label)
{
	const struct wn_block *b = must_find(d, s);
	ck_assert_msg(b->rule != NULL, "no rule fired on \"%.60s\" (%s)", b->text,
	              b->reason ? b->reason : "");
	ck_assert_str_eq(b->rule, label);
	ck_assert_msg(b->decision == WN_DROP, "\"%.60s\" kept", b->text);
}

static void assert_no_rule(const wn_doc *d, const char *s)
{
	const struct wn_block *b = must_find(d, s);
	ck_assert_msg(b->rule == NULL, "rule \"%s\" fired on \"%.60s\"", b->rule, b->text);
}

/* Article paragraphs for the synthetic pages (invented). */
static const char *const P[4] = {
    "The harbour authority confirmed on Thursday that the old grain silos on "
    "the north quay will be turned into flats, ending a dispute that has "
    "divided the town council for almost a decade.",
    "Engineers who surveyed the concrete towers last winter found them sound "
    "enough to carry four new floors, and the developer says the first "
    "residents could move in before the end of next year.",
    "Fishermen who still use the quay worry that the building work will cut "
    "them off from the ice plant, and their association has asked for a "
    "temporary road along the breakwater while the cranes are up.",
    "The council will hold a public meeting in the library next month, where "
    "the architects plan to show a model of the silos and answer questions "
    "from neighbours about parking, noise and the height of the towers.",
};

/* An HTML page: <html lang>, the article with extra between P[1] and
 * P[2], and a footer. */
static char *html_page(const char *lang, const char *extra)
{
	struct sb b = {0};
	add(&b, "<!DOCTYPE html><html%s%s%s><head><meta charset=\"utf-8\">"
	        "<title>Silos to become flats</title></head><body>\n",
	    lang ? " lang=\"" : "", lang ? lang : "", lang ? "\"" : "");
	add(&b, "<article><h1>Silos to become flats</h1>\n<p>%s</p>\n<p>%s</p>\n%s\n"
	        "<p>%s</p>\n<p>%s</p>\n</article>\n",
	    P[0], P[1], extra ? extra : "", P[2], P[3]);
	add(&b, "</body></html>\n");
	return b.s;
}

/* A text page: a headline, P[0], P[1], extra, P[2], P[3], blank lines
 * between. */
static char *text_page(const char *extra)
{
	struct sb b = {0};
	add(&b, "Silos on the north quay to become flats\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n", P[0],
	    P[1], extra ? extra : "", P[2], P[3]);
	return b.s;
}

/* ---- the examples of every built-in rule ----------------------------------- */

START_TEST(test_builtin_loads)
{
	/* The compiled-in text parses (with its message when not). */
	wn_rules *t = wn_rules_new();
	char err[512] = "";
	ck_assert_ptr_nonnull(t);
	wn_status rc = wn_rules_add_text(t, (const char *)wn_default_rules_text,
	                                 wn_default_rules_size, "default.rules", err, sizeof err);
	ck_assert_msg(rc == WN_OK, "the built-in rules do not parse: %s", err);
	wn_rules_free(t);

	const wn_rules *r = wn_rules_builtin();
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_gt(wn_rules_size(r), 100);
	ck_assert_uint_eq(wn_rules_size(r), wn_rules_count(r));
	/* Twice the same shared set. */
	ck_assert_ptr_eq(r, wn_rules_builtin());
	/* wn_rules_add_default gives the same rules. */
	wn_rules *d = wn_rules_new();
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(wn_rules_add_default(d), WN_OK);
	ck_assert_uint_eq(wn_rules_count(d), wn_rules_count(r));
	wn_rules_free(d);
}
END_TEST

START_TEST(test_builtin_examples)
{
	const wn_rules *r = wn_rules_builtin();
	ck_assert_ptr_nonnull(r);
	struct sb fails = {0}, shadows = {0};
	unsigned nfail = 0, nshadow = 0, nfires = 0, nkeeps = 0;
	add(&fails, "%s", "");
	add(&shadows, "%s", "");
	for (size_t i = 0; i < wn_rules_size(r); i++) {
		const struct wn_rule *x = wn_rules_at(r, i);
		ck_assert_ptr_nonnull(x);
		if (x->nfires == 0 || x->nkeeps == 0) {
			nfail++;
			add(&fails, "\n%s (%s): %u '+' and %u '-' examples; needs one of each",
			    x->where, x->pattern, x->nfires, x->nkeeps);
		}
		for (unsigned k = 0; k < x->nfires; k++) {
			nfires++;
			const struct wn_rule *hit = wn_rules_test(r, x->fires[k]);
			if (hit == NULL) {
				nfail++;
				add(&fails, "\n%s (%s): '+ %s' is not removed", x->where, x->pattern,
				    x->fires[k]);
			} else if (hit != x && strcmp(hit->family, x->family) != 0) {
				nfail++;
				add(&fails, "\n%s (%s): '+ %s' is removed by %s (%s) of another family",
				    x->where, x->pattern, x->fires[k], hit->where, hit->label);
			} else if (hit != x) {
				nshadow++;
				add(&shadows, "\n  %s (%s): '+ %s' fires %s (%s)", x->where, x->pattern,
				    x->fires[k], hit->where, hit->pattern);
			}
		}
		for (unsigned k = 0; k < x->nkeeps; k++) {
			nkeeps++;
			const struct wn_rule *hit = wn_rules_test(r, x->keeps[k]);
			if (hit != NULL) {
				nfail++;
				add(&fails, "\n%s (%s): near miss '- %s' is removed by %s (%s)", x->where,
				    x->pattern, x->keeps[k], hit->where, hit->label);
			}
		}
	}
	if (nshadow)
		printf("test_rules: %u '+' examples fire another rule of their family:%s\n",
		       nshadow, shadows.s);
	printf("test_rules: %zu built-in rules, %u '+' and %u '-' examples checked\n",
	       wn_rules_size(r), nfires, nkeeps);
	ck_assert_msg(nfail == 0, "%u example failures:%s", nfail, fails.s);
	free(fails.s);
	free(shadows.s);
}
END_TEST

/* Every rule of the built-in set is a line of rules/default.rules: the
 * --list-rules count in cli.sh relies on it; here each where is
 * "default.rules:N" with N increasing. */
START_TEST(test_builtin_where)
{
	const wn_rules *r = wn_rules_builtin();
	unsigned last = 0;
	for (size_t i = 0; i < wn_rules_size(r); i++) {
		const struct wn_rule *x = wn_rules_at(r, i);
		unsigned line = 0;
		ck_assert_msg(sscanf(x->where, "default.rules:%u", &line) == 1, "where is %s",
		              x->where);
		ck_assert_uint_gt(line, last);
		last = line;
		ck_assert_ptr_nonnull(x->label);
		ck_assert_msg(strncmp(x->label, x->family, strlen(x->family)) == 0 &&
		                  strncmp(x->label + strlen(x->family), ": ", 2) == 0,
		              "label \"%s\" of family %s", x->label, x->family);
	}
	ck_assert_ptr_null(wn_rules_at(r, wn_rules_size(r)));
}
END_TEST

/* ---- parsing ------------------------------------------------------------- */

START_TEST(test_parse_valid)
{
	static const char text[] =
	    "# a comment\n"
	    "\n"
	    "   # an indented comment\n"
	    "promo block max=12 lang=en start phrase buy now\n"
	    "+ Buy now and save!\n"
	    "- People rushed to buy now that prices had fallen, said the shop owner.\n"
	    "\t\n"
	    "promo line regex ^limited offer\\b\r\n"
	    "+ Limited offer: two for one\\nAnd a second line\n"
	    "chrome block nocell whole phrase   close   \n"
	    "legal rest phrase rechtlicher hinweis\n"
	    "x-2 block phrase a\n";
	wn_rules *r = wn_rules_new();
	ck_assert_ptr_nonnull(r);
	char err[256] = "untouched";
	ck_assert_int_eq(wn_rules_add_text(r, text, strlen(text), "mine.rules", err, sizeof err),
	                 WN_OK);
	ck_assert_uint_eq(wn_rules_count(r), 5);
	const struct wn_rule *x = wn_rules_at(r, 0);
	ck_assert_str_eq(x->family, "promo");
	ck_assert_int_eq(x->scope, WN_SCOPE_BLOCK);
	ck_assert_uint_eq(x->max_words, 12);
	ck_assert_str_eq(x->lang, "en");
	ck_assert_int_eq(x->start, 1);
	ck_assert_int_eq(x->whole, 0);
	ck_assert_int_eq(x->is_regex, 0);
	ck_assert_str_eq(x->pattern, "buy now");
	ck_assert_str_eq(x->where, "mine.rules:4");
	ck_assert_str_eq(x->label, "promo: buy now");
	ck_assert_uint_eq(x->nwords, 2);
	ck_assert_uint_eq(x->nfires, 1);
	ck_assert_uint_eq(x->nkeeps, 1);
	ck_assert_str_eq(x->fires[0], "Buy now and save!");

	x = wn_rules_at(r, 1);
	ck_assert_int_eq(x->scope, WN_SCOPE_LINE);
	ck_assert_int_eq(x->is_regex, 1);
	ck_assert_str_eq(x->pattern, "^limited offer\\b"); /* the \r is not part of it */
	ck_assert_str_eq(x->where, "mine.rules:8");
	ck_assert_uint_eq(x->nfires, 1);
	ck_assert_str_eq(x->fires[0], "Limited offer: two for one\nAnd a second line");

	x = wn_rules_at(r, 2);
	ck_assert_str_eq(x->pattern, "close");
	ck_assert_int_eq(x->whole, 1);
	ck_assert_int_eq(x->nocell, 1);
	ck_assert_int_eq(wn_rules_at(r, 3)->scope, WN_SCOPE_REST);
	ck_assert_str_eq(wn_rules_at(r, 4)->family, "x-2");

	/* A second text adds to the set. */
	ck_assert_int_eq(wn_rules_add_text(r, "more block phrase more\n", 23, NULL, err,
	                                   sizeof err),
	                 WN_OK);
	ck_assert_uint_eq(wn_rules_count(r), 6);
	/* An empty text adds nothing and is fine. */
	ck_assert_int_eq(wn_rules_add_text(r, "", 0, "empty", err, sizeof err), WN_OK);
	ck_assert_uint_eq(wn_rules_count(r), 6);
	wn_rules_free(r);
}
END_TEST

struct bad_case {
	const char *text;
	const char *prefix;  /* the message starts with this */
	const char *content; /* and holds this */
};

static const struct bad_case BAD[] = {
    {"x bogus phrase foo\n", "bad.rules:1: ", "unknown scope 'bogus'"},
    {"x\n", "bad.rules:1: ", "unknown scope"},
    {"x block frob phrase foo\n", "bad.rules:1: ", "unknown option 'frob'"},
    {"# c\nBad_Family block phrase foo\n", "bad.rules:2: ", "family"},
    {"caf\xC3\xA9 block phrase foo\n", "bad.rules:1: ", "family"},
    {"x block phrase\n", "bad.rules:1: ", "missing pattern"},
    {"x block phrase    \t \n", "bad.rules:1: ", "missing pattern"},
    {"x block\n", "bad.rules:1: ", "missing"},
    {"x block phrase -- ... !!\n", "bad.rules:1: ", "no words"},
    {"x block regex (abc\n", "bad.rules:1: ", "bad regular expression: "},
    {"x block regex a{2,1}\n", "bad.rules:1: ", "bad regular expression: "},
    {"x block whole regex ^close$\n", "bad.rules:1: ", "'whole' is for phrases"},
    {"x block max=0 phrase foo\n", "bad.rules:1: ", "max="},
    {"x block max=abc phrase foo\n", "bad.rules:1: ", "max="},
    {"x block max=12abc phrase foo\n", "bad.rules:1: ", "max="},
    {"x block max=99999999999999999999 phrase foo\n", "bad.rules:1: ", "max="},
    {"# rules\n\n+ an example\nx block phrase foo\n", "bad.rules:3: ", "before any rule"},
    {"- a near miss\n", "bad.rules:1: ", "before any rule"},
    {"x block needs=> phrase foo\n", "bad.rules:1: ", "'needs=' is for regex rules"},
    {"x block needs=a,,b regex foo\n", "bad.rules:1: ", "none empty"},
    {"x block button=close phrase close\n", "bad.rules:1: ", "'button=' is for whole-phrase block rules"},
    {"x rest whole button=answer phrase ok\n", "bad.rules:1: ", "'button=' is for whole-phrase block rules"},
    {"x block whole button=maybe phrase ok\n", "bad.rules:1: ", "unknown option"},
    /* An error after good rules: the line of the error. */
    {"a block phrase one\n+ one\nb block phrase two\n\nc blok phrase three\n",
     "bad.rules:5: ", "unknown scope 'blok'"},
};

START_TEST(test_parse_errors)
{
	const struct bad_case *c = &BAD[_i];
	wn_rules *r = rules_of("keep block phrase kept rule\n");
	size_t before = wn_rules_count(r);
	char err[256] = "";
	wn_status rc = wn_rules_add_text(r, c->text, strlen(c->text), "bad.rules", err, sizeof err);
	ck_assert_msg(rc == WN_ERR_ARG, "case %d (%s): status %s, message \"%s\"", _i, c->text,
	              wn_status_str(rc), err);
	ck_assert_msg(strncmp(err, c->prefix, strlen(c->prefix)) == 0 &&
	                  strstr(err, c->content) != NULL,
	              "case %d: message \"%s\", expected \"%s...%s...\"", _i, err, c->prefix,
	              c->content);
	ck_assert_msg(strchr(err, '\n') == NULL, "message on more than one line: %s", err);
	ck_assert_uint_eq(wn_rules_count(r), before);
	/* The set still works and holds what it held. */
	ck_assert_ptr_nonnull(wn_rules_test(r, "Kept rule"));
	ck_assert_ptr_null(wn_rules_test(r, "one"));
	ck_assert_ptr_null(wn_rules_test(r, "foo"));
	wn_rules_free(r);
}
END_TEST

START_TEST(test_parse_regex_message_from_pcre2)
{
	wn_rules *r = wn_rules_new();
	char err[256] = "";
	const char *t = "x block regex (abc\n";
	ck_assert_int_eq(wn_rules_add_text(r, t, strlen(t), "re.rules", err, sizeof err),
	                 WN_ERR_ARG);
	/* PCRE2's own words. */
	ck_assert_msg(strstr(err, "missing closing parenthesis") != NULL, "message: %s", err);
	wn_rules_free(r);
}
END_TEST

START_TEST(test_parse_error_small_buffer)
{
	wn_rules *r = wn_rules_new();
	char err[8];
	memset(err, 'Z', sizeof err);
	const char *t = "x bogus phrase foo\n";
	ck_assert_int_eq(wn_rules_add_text(r, t, strlen(t), "a-rather-long-name.rules", err,
	                                   sizeof err),
	                 WN_ERR_ARG);
	ck_assert_uint_eq(strlen(err), sizeof err - 1); /* cut, NUL-terminated */
	wn_rules_free(r);
}
END_TEST

START_TEST(test_add_file)
{
	wn_rules *r = wn_rules_new();
	char err[512] = "";
	const char *path = "/nonexistent-winnow-dir/none.rules";
	ck_assert_int_eq(wn_rules_add_file(r, path, err, sizeof err), WN_ERR_ARG);
	ck_assert_str_eq(err, "/nonexistent-winnow-dir/none.rules: No such file or directory");
	ck_assert_uint_eq(wn_rules_count(r), 0);

	char tmpl[] = "/tmp/winnow-rules-XXXXXX";
	int fd = mkstemp(tmpl);
	ck_assert_int_ge(fd, 0);
	FILE *f = fdopen(fd, "w");
	fputs("# mine\nmine block whole phrase go away\n+ Go away!\n", f);
	fputs("mine line phrase nope nope\n", f);
	fclose(f);
	ck_assert_int_eq(wn_rules_add_file(r, tmpl, err, sizeof err), WN_OK);
	ck_assert_uint_eq(wn_rules_count(r), 2);
	char where[64];
	snprintf(where, sizeof where, "%s:2", tmpl);
	ck_assert_str_eq(wn_rules_at(r, 0)->where, where);

	/* A malformed file: "path:LINE: problem", nothing added. */
	f = fopen(tmpl, "w");
	fputs("ok block phrase fine\n\nbad block max=0 phrase x\n", f);
	fclose(f);
	ck_assert_int_eq(wn_rules_add_file(r, tmpl, err, sizeof err), WN_ERR_ARG);
	snprintf(where, sizeof where, "%s:3: ", tmpl);
	ck_assert_msg(strncmp(err, where, strlen(where)) == 0, "message: %s", err);
	ck_assert_uint_eq(wn_rules_count(r), 2);

	/* A directory cannot be read. */
	ck_assert_int_ne(wn_rules_add_file(r, "/tmp", err, sizeof err), WN_OK);
	ck_assert_msg(strncmp(err, "/tmp: ", 6) == 0, "message: %s", err);
	ck_assert_uint_eq(wn_rules_count(r), 2);
	unlink(tmpl);
	wn_rules_free(r);
}
END_TEST

START_TEST(test_list)
{
	static const char text[] = "a block phrase one two\n"
	                           "b line max=3 start regex ^x\\s+y\n"
	                           "c rest lang=de whole nocell noitem phrase drei\n";
	wn_rules *r = rules_of(text);
	char *out;
	size_t len;
	ck_assert_int_eq(wn_rules_list(r, &out, &len), WN_OK);
	ck_assert_uint_eq(strlen(out), len);
	unsigned lines = 0;
	for (char *line = out, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		ck_assert_ptr_nonnull(nl); /* every line ends in a newline */
		unsigned tabs = 0;
		for (char *p = line; p < nl; p++)
			tabs += *p == '\t';
		ck_assert_msg(tabs == 4, "line %u has %u tabs: %.*s", lines + 1, tabs,
		              (int)(nl - line), line);
		lines++;
	}
	ck_assert_uint_eq(lines, 3);
	ck_assert_ptr_nonnull(strstr(out, "a\tblock\tphrase\tone two\ttest.rules:1\n"));
	ck_assert_ptr_nonnull(strstr(out, "\tline\t"));
	ck_assert_ptr_nonnull(strstr(out, "max=3"));
	ck_assert_ptr_nonnull(strstr(out, "regex\t^x\\s+y\ttest.rules:2\n"));
	ck_assert_ptr_nonnull(strstr(out, "lang=de"));
	ck_assert_ptr_nonnull(strstr(out, "whole"));
	ck_assert_ptr_nonnull(strstr(out, "nocell"));
	ck_assert_ptr_nonnull(strstr(out, "noitem"));
	free(out);
	wn_rules_free(r);

	/* The built-in list: one line per rule. */
	ck_assert_int_eq(wn_rules_list(wn_rules_builtin(), &out, &len), WN_OK);
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += out[i] == '\n';
	ck_assert_uint_eq(n, wn_rules_size(wn_rules_builtin()));
	free(out);

	/* An empty set lists nothing. */
	r = wn_rules_new();
	ck_assert_int_eq(wn_rules_list(r, &out, &len), WN_OK);
	ck_assert_uint_eq(len, 0);
	free(out);
	wn_rules_free(r);
	wn_rules_free(NULL);
	ck_assert_uint_eq(wn_rules_count(NULL), 0);
}
END_TEST

/* ---- matching semantics ---------------------------------------------------- */

START_TEST(test_phrase_case_and_punctuation)
{
	wn_rules *r = rules_of("c block phrase leave a reply\n");
	char *page = html_page("en", "<h3>LEAVE A REPLY</h3><p>Leave a reply:</p>"
	                             "<p>leave, a ... reply</p>");
	wn_doc *d = load_with(page, r, WN_INPUT_AUTO);
	assert_ruled(d, "LEAVE A REPLY", "c: leave a reply");
	assert_ruled(d, "Leave a reply:", "c: leave a reply");
	assert_ruled(d, "leave, a ... reply", "c: leave a reply");
	assert_kept(d, P[0]);
	assert_kept(d, P[3]);
	wn_doc_free(d);
	free(page);

	/* Non-ASCII: case folding and compatibility forms. */
	wn_rules_free(r);
	r = rules_of("c block phrase Schließen Sie\n");
	ck_assert_ptr_nonnull(wn_rules_test(r, "SCHLIESSEN SIE"));
	ck_assert_ptr_nonnull(wn_rules_test(r, "schließen – sie!"));
	ck_assert_ptr_nonnull(wn_rules_test(r, "\xEF\xBD\x93\xEF\xBD\x83hließen Sie")); /* ｓｃ */
	ck_assert_ptr_null(wn_rules_test(r, "schließensie"));
	wn_rules_free(r);
}
END_TEST

START_TEST(test_phrase_word_boundaries)
{
	wn_rules *r = rules_of("s block phrase share\n");
	char *page = html_page("en", "<p>The shareholders met on Monday and voted to sell the "
	                             "ferry company to its staff.</p>"
	                             "<p>Timeshare owners and sharecroppers were not asked.</p>");
	wn_doc *d = load_with(page, r, WN_INPUT_AUTO);
	assert_no_rule(d, "shareholders");
	assert_no_rule(d, "Timeshare");
	wn_doc_free(d);
	free(page);
	ck_assert_ptr_nonnull(wn_rules_test(r, "Please share this story"));
	ck_assert_ptr_nonnull(wn_rules_test(r, "share"));
	ck_assert_ptr_null(wn_rules_test(r, "shares"));
	ck_assert_ptr_null(wn_rules_test(r, "reshare"));
	wn_rules_free(r);

	/* Phrases of several words: every word in order, nothing between. */
	r = rules_of("s block phrase read more\n");
	ck_assert_ptr_nonnull(wn_rules_test(r, "Please read more"));
	ck_assert_ptr_null(wn_rules_test(r, "Please read some more"));
	ck_assert_ptr_null(wn_rules_test(r, "more read"));
	ck_assert_ptr_null(wn_rules_test(r, "read"));
	ck_assert_ptr_null(wn_rules_test(r, "bread more"));
	wn_rules_free(r);
}
END_TEST

START_TEST(test_whole)
{
	wn_rules *r = rules_of("ui block whole phrase close\nui block whole phrase share\n");
	char *page = html_page("en", "<p>close close</p><p>close to home we went</p>"
	                             "<p>Share | Close</p>");
	wn_doc *d = load_with(page, r, WN_INPUT_AUTO);
	assert_ruled(d, "close close", "ui: close");
	assert_no_rule(d, "close to home we went");
	/* Two whole phrases together are still nothing but such phrases. */
	const struct wn_block *b = must_find(d, "Share | Close");
	ck_assert_ptr_nonnull(b->rule);
	ck_assert_int_eq(b->decision, WN_DROP);
	wn_doc_free(d);
	free(page);
	ck_assert_ptr_null(wn_rules_test(r, "close the door"));
	ck_assert_ptr_null(wn_rules_test(r, "too close"));
	wn_rules_free(r);
}
END_TEST

START_TEST(test_start)
{
	wn_rules *r = rules_of("rel block start phrase read also\n");
	char *page = html_page(NULL, "<p>Read also: the town's plan for the old harbour</p>"
	                             "<p>Nobody could read also the small print on the "
	                             "contract that the harbour authority signed.</p>");
	wn_doc *d = load_with(page, r, WN_INPUT_AUTO);
	assert_ruled(d, "Read also: the town", "rel: read also");
	assert_no_rule(d, "Nobody could read also");
	wn_doc_free(d);
	free(page);
	/* The phrase starts the block's words: punctuation before it is no
	 * word. */
	ck_assert_ptr_nonnull(wn_rules_test(r, "» Read also: more"));
	wn_rules_free(r);
}
END_TEST

START_TEST(test_max)
{
	wn_rules *r = rules_of("promo block max=5 phrase subscribe now\n");
	char *page = html_page("en", "<p>Subscribe now for one euro</p>"
	                             "<p>Readers were told to subscribe now or lose access to "
	                             "the archive, which angered many of them.</p>");
	wn_doc *d = load_with(page, r, WN_INPUT_AUTO);
	assert_ruled(d, "Subscribe now for one euro", "promo: subscribe now");
	assert_no_rule(d, "Readers were told");
	wn_doc_free(d);
	free(page);
	ck_assert_ptr_nonnull(wn_rules_test(r, "one two three subscribe now"));
	ck_assert_ptr_null(wn_rules_test(r, "one two three four subscribe now"));
	wn_rules_free(r);

	/* max= on a regex counts the block's words too. */
	r = rules_of("promo block max=3 regex subscribe\n");
	ck_assert_ptr_nonnull(wn_rules_test(r, "Subscribe today!"));
	ck_assert_ptr_null(wn_rules_test(r, "Please subscribe to us today"));
	wn_rules_free(r);
}
END_TEST

START_TEST(test_line_scope_text)
{
	wn_rules *r = rules_of("src line phrase source example wire\n");
	/* A wrapped paragraph: one block of four lines. */
	const char *para = "the council said on monday that the new bridge over the\n"
	                   "river would open in spring, after years of delays and\n"
	                   "cost overruns that angered residents on both banks\n"
	                   "Source: Example Wire";
	char *page = text_page(para);
	wn_doc *d = load_with(page, r, WN_INPUT_TEXT);
	const struct wn_block *b = must_find(d, "the council said on monday");
	ck_assert_msg(strstr(b->text, "Example Wire") == NULL, "line kept: %s", b->text);
	ck_assert_ptr_nonnull(strstr(b->text, "cost overruns that angered residents"));
	ck_assert_ptr_nonnull(b->rule);
	ck_assert_str_eq(b->rule, "src: source example wire");
	ck_assert_str_eq(b->family, "src");
	ck_assert_int_eq(b->decision, WN_KEEP);
	char *t = text_of(d);
	ck_assert_ptr_nonnull(strstr(t, "the council said on monday"));
	ck_assert_ptr_nonnull(strstr(t, "angered residents on both banks"));
	ck_assert_ptr_null(strstr(t, "Example Wire"));
	free(t);
	wn_doc_free(d);
	free(page);

	/* A block of one line that matches goes whole. */
	page = text_page("Source: Example Wire");
	d = load_with(page, r, WN_INPUT_TEXT);
	b = must_find(d, "Source: Example Wire");
	ck_assert_int_eq(b->decision, WN_DROP);
	ck_assert_ptr_nonnull(b->rule);
	wn_doc_free(d);
	free(page);
	wn_rules_free(r);
}
END_TEST

START_TEST(test_line_scope_regex_html)
{
	wn_rules *r = rules_of("src line regex ^source\\s*:\n");
	/* <br> makes lines inside one paragraph. */
	char *page = html_page("en", "<p>The ferry will keep running through the works, the "
	                             "operator said in a statement on its website.<br>"
	                             "Source: Example Wire</p>");
	wn_doc *d = load_with(page, r, WN_INPUT_AUTO);
	const struct wn_block *b = must_find(d, "The ferry will keep running");
	ck_assert_msg(strstr(b->text, "Example Wire") == NULL, "line kept: %s", b->text);
	ck_assert_ptr_nonnull(b->rule);
	char *t = text_of(d);
	ck_assert_ptr_nonnull(strstr(t, "The ferry will keep running"));
	ck_assert_ptr_null(strstr(t, "Example Wire"));
	free(t);
	wn_doc_free(d);
	free(page);
	wn_rules_free(r);
}
END_TEST

START_TEST(test_rest_text)
{
	wn_rules *r = rules_of("rel rest whole phrase related posts\n");
	struct sb b = {0};
	add(&b, "Silos on the north quay to become flats\n\n%s\n\n%s\n\nRelated Posts\n\n"
	        "%s\n\n%s\n",
	    P[0], P[1], P[2], P[3]);
	wn_doc *d = load_with(b.s, r, WN_INPUT_TEXT);
	assert_kept(d, P[0]);
	assert_kept(d, P[1]);
	assert_ruled(d, "Related Posts", "rel: related posts");
	/* Everything after it goes, long paragraphs too. */
	for (int k = 2; k < 4; k++) {
		const struct wn_block *x = must_find(d, P[k]);
		ck_assert_int_eq(x->decision, WN_DROP);
		ck_assert_ptr_nonnull(x->reason);
		ck_assert_msg(strstr(x->reason, "related posts") != NULL, "reason %s", x->reason);
		ck_assert_str_eq(x->family, "rel");
	}
	char *t = text_of(d);
	ck_assert_ptr_null(strstr(t, "Fishermen"));
	ck_assert_ptr_null(strstr(t, "Related"));
	free(t);
	wn_doc_free(d);
	free(b.s);

	/* Before any article text it only drops its own block. */
	b = (struct sb){0};
	add(&b, "Related Posts\n\nSilos on the north quay to become flats\n\n%s\n\n%s\n\n%s\n\n"
	        "%s\n",
	    P[0], P[1], P[2], P[3]);
	d = load_with(b.s, r, WN_INPUT_TEXT);
	assert_ruled(d, "Related Posts", "rel: related posts");
	for (int k = 0; k < 4; k++)
		assert_kept(d, P[k]);
	wn_doc_free(d);
	free(b.s);
	wn_rules_free(r);
}
END_TEST

START_TEST(test_rest_html_section)
{
	wn_rules *r = rules_of("rel rest whole phrase related articles\n");
	/* A box inside the article body: its heading drops the box only. */
	const char *box = "<div class=\"box\"><h3>Related articles</h3>"
	                  "<p>Inside the box: a teaser about the ferry timetable that "
	                  "changes with the seasons and the tides of the estuary.</p>"
	                  "<p>Inside the box: another teaser about the lighthouse keepers "
	                  "who left the island when the lamp was automated.</p></div>";
	char *page = html_page("en", box);
	wn_doc *d = load_with(page, r, WN_INPUT_AUTO);
	assert_ruled(d, "Related articles", "rel: related articles");
	const struct wn_block *b = must_find(d, "ferry timetable");
	ck_assert_int_eq(b->decision, WN_DROP);
	ck_assert_msg(b->reason && strstr(b->reason, "related articles"), "reason %s", b->reason);
	b = must_find(d, "lighthouse keepers");
	ck_assert_int_eq(b->decision, WN_DROP);
	for (int k = 0; k < 4; k++)
		assert_kept(d, P[k]);
	wn_doc_free(d);
	free(page);

	/* At the end of the article the rest of the article goes. */
	struct sb s = {0};
	add(&s, "<!DOCTYPE html><html lang=\"en\"><head><title>Silos</title></head><body>"
	        "<article><p>%s</p><p>%s</p><h2>Related articles</h2><p>%s</p>"
	        "<p>%s</p></article></body></html>",
	    P[0], P[1], P[2], P[3]);
	d = load_with(s.s, r, WN_INPUT_AUTO);
	assert_kept(d, P[0]);
	assert_kept(d, P[1]);
	ck_assert_int_eq(must_find(d, P[2])->decision, WN_DROP);
	ck_assert_int_eq(must_find(d, P[3])->decision, WN_DROP);
	wn_doc_free(d);
	free(s.s);
	wn_rules_free(r);
}
END_TEST

START_TEST(test_lang)
{
	wn_rules *r = rules_of("de block lang=de phrase weiterlesen mit plus\n");
	const char *extra = "<p>Weiterlesen mit Plus</p>";
	char *page = html_page("en", extra);
	wn_doc *d = load_with(page, r, WN_INPUT_AUTO);
	assert_no_rule(d, "Weiterlesen mit Plus");
	wn_doc_free(d);
	free(page);

	page = html_page("de", extra);
	d = load_with(page, r, WN_INPUT_AUTO);
	assert_ruled(d, "Weiterlesen mit Plus", "de: weiterlesen mit plus");
	wn_doc_free(d);
	free(page);

	/* A region subtag is the same language. */
	page = html_page("de-AT", extra);
	d = load_with(page, r, WN_INPUT_AUTO);
	assert_ruled(d, "Weiterlesen mit Plus", "de: weiterlesen mit plus");
	wn_doc_free(d);
	free(page);

	/* No lang attribute: unknown, every rule applies. */
	page = html_page(NULL, extra);
	d = load_with(page, r, WN_INPUT_AUTO);
	assert_ruled(d, "Weiterlesen mit Plus", "de: weiterlesen mit plus");
	wn_doc_free(d);
	free(page);

	/* Text has no language. */
	page = text_page("Weiterlesen mit Plus");
	d = load_with(page, r, WN_INPUT_TEXT);
	assert_ruled(d, "Weiterlesen mit Plus", "de: weiterlesen mit plus");
	wn_doc_free(d);
	free(page);
	wn_rules_free(r);
}
END_TEST

START_TEST(test_nocell)
{
	wn_rules *r = rules_of("ui block nocell whole phrase total\nnum block nocell regex "
	                       "^\\d+$\n");
	const char *table = "<p>Total</p><p>155</p><table><tr><th>Ward</th><th>Votes</th></tr>"
	                    "<tr><td>North quay</td><td>155</td></tr>"
	                    "<tr><td>Total</td><td>1,024</td></tr></table>";
	char *page = html_page("en", table);
	wn_doc *d = load_with(page, r, WN_INPUT_AUTO);
	int cells = 0, paras = 0;
	for (size_t i = 0; i < wn_doc_block_count(d); i++) {
		const struct wn_block *b = wn_doc_block(d, i);
		if (strcmp(b->text, "Total") != 0 && strcmp(b->text, "155") != 0)
			continue;
		if (b->kind == WN_BLOCK_CELL) {
			cells++;
			ck_assert_msg(b->rule == NULL, "rule %s fired on the cell %s", b->rule, b->text);
		} else {
			paras++;
			ck_assert_msg(b->rule != NULL, "no rule fired on the paragraph %s", b->text);
			ck_assert_int_eq(b->decision, WN_DROP);
		}
	}
	ck_assert_int_eq(cells, 2);
	ck_assert_int_eq(paras, 2);
	wn_doc_free(d);
	free(page);
	wn_rules_free(r);
}
END_TEST

/* d holds text twice, as a list item no rule fired on and as another
 * block a rule fired on. */
static void assert_item_spared(const wn_doc *d, const char *text)
{
	int items = 0, others = 0;
	for (size_t i = 0; i < wn_doc_block_count(d); i++) {
		const struct wn_block *b = wn_doc_block(d, i);
		if (strcmp(b->text, text) != 0)
			continue;
		if (b->kind == WN_BLOCK_LIST_ITEM) {
			items++;
			ck_assert_msg(b->rule == NULL, "rule %s fired on the item", b->rule);
		} else {
			others++;
			ck_assert_msg(b->rule != NULL, "no rule fired on the heading");
		}
	}
	ck_assert_int_eq(items, 1);
	ck_assert_int_eq(others, 1);
}

/* A noitem rule passes over a menu's entry and fires on the heading of
 * a box: the same words in a list item and in a paragraph. */
START_TEST(test_noitem)
{
	wn_rules *r = rules_of("related rest noitem whole phrase most popular\n");
	const char *body = "<ul><li><a href=/a>Home</a></li><li><a href=/b>Most Popular</a></li></ul>"
	                   "<p>Most Popular</p><ul><li>Another story</li></ul>";
	char *page = html_page("en", body);
	wn_doc *d = load_with(page, r, WN_INPUT_AUTO);
	assert_item_spared(d, "Most Popular");
	wn_doc_free(d);
	free(page);

	/* The same in text: lynx's "* Most Popular" is an item. */
	d = load_with("Story title\n\n     * Home\n     * Most Popular\n\nMost Popular\n", r,
	              WN_INPUT_TEXT);
	assert_item_spared(d, "Most Popular");
	wn_doc_free(d);
	wn_rules_free(r);
}
END_TEST

START_TEST(test_label_reason_family)
{
	wn_rules *r = rules_of("legal block max=40 phrase not investment advice\n"
	                       "comment rest whole phrase leave a reply\n");
	char *page = html_page("en", "<p>This is not investment advice.</p>");
	wn_doc *d = load_with(page, r, WN_INPUT_AUTO);
	const struct wn_block *b = must_find(d, "This is not investment advice.");
	ck_assert_int_eq(b->decision, WN_DROP);
	ck_assert_str_eq(b->reason, "legal: not investment advice");
	ck_assert_str_eq(b->rule, "legal: not investment advice");
	ck_assert_str_eq(b->family, "legal");
	/* Blocks no rule fired on have none. */
	b = must_find(d, P[0]);
	ck_assert_ptr_null(b->rule);
	ck_assert_ptr_null(b->family);
	/* --explain shows the label. */
	char *x;
	size_t n;
	ck_assert_int_eq(wn_doc_explain(d, &x, &n), WN_OK);
	ck_assert_ptr_nonnull(strstr(x, "legal: not investment advice"));
	free(x);
	wn_doc_free(d);
	free(page);
	wn_rules_free(r);
}
END_TEST

START_TEST(test_empty_rule_set)
{
	const char *extra = "<p>LEAVE A REPLY</p><p>Accept all cookies</p><p>155</p>";
	char *page = html_page("en", extra);
	/* The built-in rules fire on these. */
	wn_doc *d = load_with(page, NULL, WN_INPUT_AUTO);
	ck_assert_ptr_nonnull(must_find(d, "LEAVE A REPLY")->rule);
	ck_assert_ptr_nonnull(must_find(d, "Accept all cookies")->rule);
	wn_doc_free(d);
	/* An empty set: no rule fires, nothing is cut after the reply form. */
	wn_rules *none = wn_rules_new();
	d = load_with(page, none, WN_INPUT_AUTO);
	for (size_t i = 0; i < wn_doc_block_count(d); i++) {
		const struct wn_block *b = wn_doc_block(d, i);
		ck_assert_msg(b->rule == NULL && b->family == NULL, "rule %s on %s", b->rule,
		              b->text);
	}
	for (int k = 0; k < 4; k++)
		ck_assert_int_eq(must_find(d, P[k])->decision, WN_KEEP);
	wn_doc_free(d);
	free(page);

	page = text_page("LEAVE A REPLY");
	d = load_with(page, none, WN_INPUT_TEXT);
	for (size_t i = 0; i < wn_doc_block_count(d); i++)
		ck_assert_ptr_null(wn_doc_block(d, i)->rule);
	for (int k = 0; k < 4; k++)
		ck_assert_int_eq(must_find(d, P[k])->decision, WN_KEEP);
	wn_doc_free(d);
	free(page);
	ck_assert_ptr_null(wn_rules_test(none, "LEAVE A REPLY"));
	wn_rules_free(none);
}
END_TEST

/* A regex that starts with ^ in one alternative only can match anywhere:
 * "^foo|bar" fires on "they say bar", as PCRE2 itself says. */
START_TEST(test_regex_caret_in_one_branch)
{
	static const char *const res[][2] = {
	    {"x block regex ^foo|bar\n", "foo"},
	    {"x block regex ^(?i)ab|cd\n", "AB"},
	    {"x line regex ^foo|bar\n", "foo"},
	};
	for (size_t k = 0; k < sizeof res / sizeof res[0]; k++) {
		wn_rules *r = rules_of(res[k][0]);
		ck_assert_msg(wn_rules_test(r, "one\nthey say bar cd") != NULL,
		              "%s does not fire on \"they say bar cd\"", res[k][0]);
		ck_assert_ptr_nonnull(wn_rules_test(r, res[k][1]));
		ck_assert_ptr_null(wn_rules_test(r, "xfoo xab"));
		wn_rules_free(r);
	}
	/* Anchored patterns: case-insensitive also beyond ASCII. */
	wn_rules *r = rules_of("x block regex ^реклама\nx block regex ^über\n");
	ck_assert_ptr_nonnull(wn_rules_test(r, "Реклама на сайте"));
	ck_assert_ptr_nonnull(wn_rules_test(r, "ÜBER UNS"));
	ck_assert_ptr_null(wn_rules_test(r, "Seite über uns"));
	wn_rules_free(r);
}
END_TEST

/* An if= item of several words ("e-mail") is looked up by its longest
 * part: the regex runs on a block with "e-mail" or "mail", not on every
 * block with the word "e" (Italian and Portuguese for "and"). */
START_TEST(test_if_item_of_several_words)
{
	wn_rules *r = rules_of("x block if=e-mail,risico's regex \\b(?:e|s)\\b\n");
	ck_assert_ptr_nonnull(wn_rules_test(r, "send an e-mail"));
	ck_assert_ptr_nonnull(wn_rules_test(r, "mail e adesso"));
	ck_assert_ptr_nonnull(wn_rules_test(r, "het risico's"));
	ck_assert_ptr_null(wn_rules_test(r, "pane e vino"));
	ck_assert_ptr_null(wn_rules_test(r, "the U.S. and Barron's"));
	wn_rules_free(r);
	/* A part ended by a character beyond ASCII ("risico’s"). */
	r = rules_of("x block if=risico\xE2\x80\x99s regex \\bs\\b\n");
	ck_assert_ptr_nonnull(wn_rules_test(r, "risico\xE2\x80\x99s"));
	ck_assert_ptr_null(wn_rules_test(r, "Barron\xE2\x80\x99s"));
	wn_rules_free(r);
}
END_TEST

/* button=: the rule says which button a block taken whole is, and the
 * rule list shows it. */
START_TEST(test_button_option)
{
	wn_rules *r = rules_of("x block whole button=close phrase close\n"
	                       "y block whole button=answer phrase accept all\n"
	                       "z block whole phrase share\n");
	const struct wn_rule *hit = wn_rules_test(r, "Close");
	ck_assert_ptr_nonnull(hit);
	ck_assert_int_eq(hit->button, WN_BUTTON_CLOSE);
	hit = wn_rules_test(r, "Accept all");
	ck_assert_ptr_nonnull(hit);
	ck_assert_int_eq(hit->button, WN_BUTTON_ANSWER);
	hit = wn_rules_test(r, "Share");
	ck_assert_ptr_nonnull(hit);
	ck_assert_int_eq(hit->button, WN_BUTTON_NONE);
	char *list = NULL;
	size_t len = 0;
	ck_assert_int_eq(wn_rules_list(r, &list, &len), WN_OK);
	ck_assert_msg(strstr(list, "button=close ") && strstr(list, "button=answer "), "%s", list);
	free(list);
	wn_rules_free(r);
}
END_TEST

/* needs=: the regex runs only on a text (a line, for a line rule) that
 * holds one of the strings, byte for byte. */
START_TEST(test_needs)
{
	wn_rules *r = rules_of("x block needs=>,\xC2\xBB regex ^\\w+ \\S \\w+$\n"
	                       "y line needs=@ regex ^\\S+ at \\S+$\n");
	ck_assert_ptr_nonnull(wn_rules_test(r, "Home > News"));
	ck_assert_ptr_nonnull(wn_rules_test(r, "Start \xC2\xBB Politik"));
	ck_assert_ptr_null(wn_rules_test(r, "Home | News"));
	const struct wn_rule *hit = wn_rules_test(r, "one line\nname@ at host");
	ck_assert_ptr_nonnull(hit);
	ck_assert_str_eq(hit->family, "y");
	ck_assert_ptr_null(wn_rules_test(r, "name@x\nname at host"));
	char *list = NULL;
	size_t len = 0;
	ck_assert_int_eq(wn_rules_list(r, &list, &len), WN_OK);
	ck_assert_ptr_nonnull(strstr(list, "needs=>,\xC2\xBB "));
	free(list);
	wn_rules_free(r);
}
END_TEST

/* A regex run often enough is compiled with the JIT (rules.c,
 * JIT_AFTER_STEPS) while other threads run it: every call before, during
 * and after gives the interpreter's answer. */
struct jit_run {
	const wn_rules *r;
	const char *const *fires, *const *keeps; /* three texts each */
	int wrong;
};

static void *match_often(void *arg)
{
	struct jit_run *run = arg;
	for (int i = 0; i < 2000; i++) {
		run->wrong += wn_rules_test(run->r, run->fires[i % 3]) == NULL;
		run->wrong += wn_rules_test(run->r, run->keeps[i % 3]) != NULL;
	}
	return NULL;
}

static void match_in_threads(const char *rules, const char *const *fires,
                             const char *const *keeps)
{
	wn_rules *r = rules_of(rules);
	struct jit_run runs[4];
	pthread_t t[4];
	for (int i = 0; i < 4; i++) {
		runs[i] = (struct jit_run){r, fires, keeps, 0};
		ck_assert_int_eq(pthread_create(&t[i], NULL, match_often, &runs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		ck_assert_int_eq(pthread_join(t[i], NULL), 0);
		ck_assert_int_eq(runs[i].wrong, 0);
	}
	/* And alone, long after. */
	struct jit_run after = {r, fires, keeps, 0};
	match_often(&after);
	ck_assert_int_eq(after.wrong, 0);
	wn_rules_free(r);
}

START_TEST(test_regex_same_when_hot)
{
	/* A regex that fails at its first bytes: compiled after some
	 * hundreds of calls. */
	static const char *const fires[] = {"12 comments", "3 Responses:", "1,024 comments"};
	static const char *const keeps[] = {"12 commentators", "no comments here", "comments 12"};
	match_in_threads("counter block regex ^\\d[\\d,]*\\s+(?:comments?|responses?):?$\n", fires,
	                 keeps);
}
END_TEST

/* A regex whose lookaheads read a long text many times over needs
 * retries with more steps: it is compiled after a few calls, between
 * two tries of one call, and the tries after it run the JIT copy. */
#define LONG_TEXT(last)                                                                       \
	"Your name will not be shown. " REPEAT8("Some words of a paragraph that go on. ") last
#define REPEAT8(s) s s s s s s s s
START_TEST(test_regex_same_when_hot_in_retries)
{
	static const char *const fires[] = {LONG_TEXT("Required fields are marked."),
	                                    LONG_TEXT("required and never published"),
	                                    "name required, email never published"};
	static const char *const keeps[] = {LONG_TEXT("Fields are marked."),
	                                    LONG_TEXT("Your email stays."), "never required"};
	match_in_threads("form block regex (?s)^(?=.*\\bname\\b)(?=.*\\brequired\\b)"
	                 "(?=.*\\b(?:published|marked)\\b).*\\.?$\n",
	                 fires, keeps);
}
END_TEST

/* An anchored regex that starts with \d, \s or \w, for which PCRE2 gives
 * no table of first bytes, is tried only where a match can start (each
 * ASCII character tried), and still on every character beyond ASCII. */
START_TEST(test_probed_first_bytes)
{
	wn_rules *r = rules_of("x block regex ^\\d+\\s*widgets$\n"
	                       "y block regex ^\\s*\\w+ gadgets$\n");
	ck_assert_ptr_nonnull(wn_rules_test(r, "12 widgets"));
	ck_assert_ptr_nonnull(wn_rules_test(r, "\xD9\xA3 widgets")); /* Arabic-Indic three */
	ck_assert_ptr_nonnull(wn_rules_test(r, "\xEF\xBC\x93widgets")); /* fullwidth three */
	ck_assert_ptr_null(wn_rules_test(r, "many widgets"));
	ck_assert_ptr_nonnull(wn_rules_test(r, "blue gadgets"));
	ck_assert_ptr_nonnull(wn_rules_test(r, "_x gadgets"));
	ck_assert_ptr_nonnull(wn_rules_test(r, "\xC3\xBC" "ber gadgets"));
	ck_assert_ptr_null(wn_rules_test(r, "- gadgets"));
	wn_rules_free(r);
	/* A character every match holds, in either case, or none at all. */
	r = rules_of("x block regex \\d+Q\n");
	ck_assert_ptr_nonnull(wn_rules_test(r, "item 7q"));
	ck_assert_ptr_nonnull(wn_rules_test(r, "item 7Q"));
	ck_assert_ptr_null(wn_rules_test(r, "item 7"));
	wn_rules_free(r);
}
END_TEST

START_TEST(test_literal_starts)
{
	/* An anchored regex of literal alternatives runs only on texts that
	 * start as one of them may: in any case, or with a character that is
	 * not ASCII (a caseless "k" matches the Kelvin sign). */
	wn_rules *r = rules_of("x block regex ^(?:read also|see also|comments?)\\s*:\n"
	                       "y block regex ^(?:\xC3\xBC" "ber|about) me$\n"
	                       "z block regex ^kelvin scale$\n");
	ck_assert_uint_eq(wn_rules_at(r, 0)->nstarts, 3);
	/* Each start after its length. */
	const char *third = wn_rules_at(r, 0)->starts + strlen("read also") + strlen("see also") + 2;
	ck_assert_int_eq(third[0], (int)strlen("comment"));
	ck_assert_int_eq(strncmp(third + 1, "comment", strlen("comment")), 0);
	ck_assert_ptr_nonnull(wn_rules_test(r, "READ ALSO:"));
	ck_assert_ptr_nonnull(wn_rules_test(r, "See also :"));
	ck_assert_ptr_nonnull(wn_rules_test(r, "Comment:"));
	ck_assert_ptr_null(wn_rules_test(r, "Read:"));
	ck_assert_ptr_null(wn_rules_test(r, "Reader also:"));
	ck_assert_int_eq(wn_rules_at(r, 1)->starts_other, 1);
	ck_assert_ptr_nonnull(wn_rules_test(r, "\xC3\x9C" "ber me"));
	ck_assert_ptr_nonnull(wn_rules_test(r, "About me"));
	ck_assert_ptr_nonnull(wn_rules_test(r, "\xE2\x84\xAA" "elvin scale"));
	ck_assert_ptr_nonnull(wn_rules_test(r, "KELVIN SCALE"));
	wn_rules_free(r);
	/* A start longer than its length byte holds: its first 255 bytes. */
	char rule[400], text[400];
	memset(text, 'A', 300);
	strcpy(text + 300, "B");
	snprintf(rule, sizeof rule, "x block regex ^(?:%.300s|zz)b\n", text);
	for (char *c = rule + 18; *c == 'A'; c++)
		*c = 'a';
	r = rules_of(rule);
	ck_assert_uint_eq(wn_rules_at(r, 0)->nstarts, 2);
	ck_assert_int_eq((unsigned char)wn_rules_at(r, 0)->starts[0], 255);
	ck_assert_ptr_nonnull(wn_rules_test(r, text));
	text[299] = 'C';
	ck_assert_ptr_null(wn_rules_test(r, text));
	wn_rules_free(r);
	/* No starts to tell: a branch of the whole pattern after the group,
	 * an optional group, a class, an escape first. */
	static const char *const none[] = {
	        "x block regex ^(?:a|b)c|^d\n", "x block regex ^(?:\\d+ )?comments\n",
	        "x block regex ^[ab]c\n",       "x block regex ^\\(?photo\n",
	        "x block regex ^(?:a|[bc])d\n",
	};
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
		r = rules_of(none[i]);
		ck_assert_msg(wn_rules_at(r, 0)->starts == NULL, "%s", none[i]);
		wn_rules_free(r);
	}
	r = rules_of("x block regex ^(?:a|b)c|^d\n");
	ck_assert_ptr_nonnull(wn_rules_test(r, "dd"));
	wn_rules_free(r);
}
END_TEST

/* A block looks only at the rules that could fire on it (the if= words
 * it holds, its first byte, its length), but they run in the order of the
 * file as before: the first rule of the widest scope wins. */
START_TEST(test_candidates_in_rule_order)
{
	static const char *const sets[][2] = {
	    /* rules, the pattern of the rule that wins on "alpha gamma" */
	    {"a block if=gamma regex gamma\nb block regex ^alpha\nc block regex pha\n", "gamma"},
	    {"b block regex ^alpha\na block if=gamma regex gamma\nc block regex pha\n", "^alpha"},
	    {"c block regex pha\nb block regex ^alpha\na block if=gamma regex gamma\n", "pha"},
	    {"a block if=gamma regex gamma\nb block regex ^alpha\nd rest if=alpha regex mm\n",
	     "mm"},
	    {"e line regex ^gam\nb block regex ^alpha\nd rest regex alpha\n", "alpha"},
	};
	for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++) {
		wn_rules *r = rules_of(sets[k][0]);
		const struct wn_rule *hit = wn_rules_test(r, "alpha gamma");
		ck_assert_msg(hit != NULL, "set %zu: no rule fired", k);
		ck_assert_str_eq(hit->pattern, sets[k][1]);
		/* A line rule of a later line still cuts its line. */
		hit = wn_rules_test(r, "beta\ngamma ray");
		if (k == 4) {
			ck_assert_ptr_nonnull(hit);
			ck_assert_str_eq(hit->pattern, "^gam");
		}
		wn_rules_free(r);
	}
}
END_TEST

/* The units of work the rule stage charges a page of many short blocks:
 * what loading it costs with rules beyond what it costs with none. */
static unsigned long long rule_units(const char *page, const wn_rules *r)
{
	wn_rules *none = wn_rules_new();
	wn_doc *d = load_with(page, none, WN_INPUT_HTML);
	unsigned long long base = wn_doc_work(d);
	wn_doc_free(d);
	wn_rules_free(none);
	d = load_with(page, r, WN_INPUT_HTML);
	unsigned long long with = wn_doc_work(d);
	wn_doc_free(d);
	ck_assert_uint_ge(with, base);
	return with - base;
}

/* Rules that cannot fire on a block cost it nothing: its work does not
 * grow with the size of the rule set (#13, #14).  Each set holds n
 * regexes with if= words the page lacks, n anchored block regexes and n
 * anchored line regexes that start with a letter no block starts with,
 * n anchored block regexes that start with \s* and a '-' (for which
 * PCRE2 gives no first bytes), and n phrases of words the page lacks. */
static wn_rules *unrelated_rules(unsigned n)
{
	struct sb t = {0};
	for (unsigned i = 0; i < n; i++)
		add(&t, "x%u block if=zqx%u,zqz%u regex \\bzqx%u\\b\n"
		        "y%u block regex ^zqy%u\\b\n"
		        "d%u block regex ^\\s*-\\d+ zqd%u$\n"
		        "l%u line regex ^zql%u\\s*:\n"
		        "p%u block phrase zqp%u now\n",
		    i % 5, i, i, i, i % 5, i, i % 5, i, i % 5, i, i % 5, i);
	wn_rules *r = rules_of(t.s);
	free(t.s);
	return r;
}

START_TEST(test_units_independent_of_rule_count)
{
	struct sb h = {0};
	add(&h, "<!DOCTYPE html><html><head><title>Many</title></head><body><article>");
	for (unsigned i = 0; i < 400; i++)
		add(&h, "<p>w%u</p><div class=a>Item %u: two words</div>\n", i, i);
	add(&h, "<p>%s</p></article></body></html>", P[0]);
	wn_rules *small = unrelated_rules(10), *big = unrelated_rules(1000);
	unsigned long long us = rule_units(h.s, small), ub = rule_units(h.s, big);
	printf("test_rules: 801 blocks: %llu units with 50 rules, %llu with 5000\n", us, ub);
	ck_assert_msg(ub <= us + us / 4, "5000 unrelated rules cost %llu units, 50 cost %llu", ub,
	              us);
	/* The same rules fire where they should, whatever their number. */
	static const char *const fire[] = {"zqx7 is here", "an aside: ZQX7 there",
	                                   "zqy7 first", "one line\nzql7 : two"};
	for (size_t k = 0; k < sizeof fire / sizeof fire[0]; k++) {
		const struct wn_rule *a = wn_rules_test(small, fire[k]);
		const struct wn_rule *b = wn_rules_test(big, fire[k]);
		ck_assert_msg(a != NULL && b != NULL, "nothing fires on \"%s\"", fire[k]);
		ck_assert_str_eq(a->label, b->label);
	}
	ck_assert_ptr_null(wn_rules_test(big, "a zqy7 not first"));
	ck_assert_ptr_null(wn_rules_test(big, "zqx7b and zqz"));
	wn_rules_free(small);
	wn_rules_free(big);
	free(h.s);
}
END_TEST

/* The scans of needs= strings are charged to the page: a rule with two
 * hundred strings costs a block of prose more than one with one, though
 * neither runs its regex. */
START_TEST(test_needs_charged)
{
	struct sb h = {0};
	add(&h, "<!DOCTYPE html><html><head><title>Scans</title></head><body><article>");
	for (unsigned i = 0; i < 50; i++)
		add(&h, "<p>%s</p>\n", P[i % 4]);
	add(&h, "</article></body></html>");
	struct sb one = {0}, many = {0};
	add(&one, "x block needs=@@0 regex zq\n");
	add(&many, "x block needs=@@0");
	for (unsigned i = 1; i < 200; i++)
		add(&many, ",@@%u", i);
	add(&many, " regex zq\n");
	wn_rules *r1 = rules_of(one.s), *r200 = rules_of(many.s);
	unsigned long long u1 = rule_units(h.s, r1), u200 = rule_units(h.s, r200);
	printf("test_rules: needs= scans: %llu units with 1 string, %llu with 200\n", u1, u200);
	ck_assert_uint_gt(u200, u1 + 50 * 100);
	wn_rules_free(r1);
	wn_rules_free(r200);
	free(one.s);
	free(many.s);
	free(h.s);
}
END_TEST

/* ---- near misses through the whole pipeline -------------------------------- */

/* Asserts that every paragraph of paras is kept, with the built-in rules,
 * in HTML and as text. */
static void assert_article_kept(const char *title, const char *const *paras, size_t n)
{
	struct sb h = {0}, t = {0};
	add(&h, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s"
	        "</title></head><body><nav><ul><li><a href=\"/\">Home</a></li>"
	        "<li><a href=\"/tech\">Tech</a></li></ul></nav><article><h1>%s</h1>",
	    title, title);
	add(&t, "%s\n\n", title);
	for (size_t i = 0; i < n; i++) {
		add(&h, "<p>%s</p>\n", paras[i]);
		add(&t, "%s\n\n", paras[i]);
	}
	add(&h, "</article><footer><p>Example Daily</p></footer></body></html>\n");
	for (int pass = 0; pass < 2; pass++) {
		wn_doc *d = load_with(pass ? t.s : h.s, NULL, pass ? WN_INPUT_TEXT : WN_INPUT_HTML);
		char *out = text_of(d);
		for (size_t i = 0; i < n; i++) {
			const struct wn_block *b = must_find(d, paras[i]);
			ck_assert_msg(b->decision == WN_KEEP && b->rule == NULL,
			              "%s: paragraph %zu dropped (%s, rule %s): %s",
			              pass ? "text" : "html", i, b->reason, b->rule, b->text);
			ck_assert_ptr_nonnull(strstr(out, paras[i]));
		}
		free(out);
		wn_doc_free(d);
	}
	free(h.s);
	free(t.s);
}

START_TEST(test_near_miss_cookie_law)
{
	static const char *const paras[] = {
	    "European regulators on Tuesday told website owners that a cookie banner "
	    "which makes it easier to accept cookies than to refuse them breaks the "
	    "law, in guidance that could change how millions of sites ask for consent.",
	    "The guidance says the button to reject cookies must be as visible as the "
	    "one to accept them, and that a visitor who closes the banner without "
	    "choosing has not given consent to tracking or advertising cookies.",
	    "Publishers say the change will cost them money. \"We use cookies because "
	    "advertisers pay for audiences they can measure,\" said the head of a trade "
	    "group for online newspapers, adding that many small sites would struggle.",
	    "Privacy campaigners welcomed the decision. They have long argued that "
	    "consent given under pressure is not consent at all, and that accept all "
	    "cookies buttons in bright colours nudge readers into giving up their data.",
	    "Accept or refuse: the regulators want both choices on the first screen of "
	    "the banner, and they want sites to keep a record of what each visitor chose "
	    "so that inspectors can check the consent later.",
	    "Companies that ignore the guidance face fines of up to four percent of "
	    "their turnover, although regulators said they would first write to the "
	    "largest sites and give them three months to change their banners.",
	};
	assert_article_kept("Regulators tell sites to make refusing cookies as easy as "
	                    "accepting them",
	                    paras, sizeof paras / sizeof paras[0]);
}
END_TEST

START_TEST(test_near_miss_broker_news)
{
	static const char *const paras[] = {
	    "The financial regulator fined three online brokers on Wednesday for "
	    "advertising contracts for difference to students on social media without "
	    "showing the risk warnings that the law requires.",
	    "Under the rules, every advertisement must carry a line such as \"CFDs are "
	    "complex instruments and come with a high risk of losing money rapidly due "
	    "to leverage. 76% of retail investor accounts lose money when trading CFDs "
	    "with this provider\", with the percentage updated every quarter.",
	    "The regulator said one of the brokers had hidden the warning in small grey "
	    "type at the bottom of videos that lasted only a few seconds, so that most "
	    "viewers could not have read it.",
	    "The regulator reminded the public that \"leveraged products may not be "
	    "suitable for all investors\" and urged young people to be wary of "
	    "influencers who promise quick profits from trading.",
	    "The brokers have 28 days to appeal. None of them replied to requests for "
	    "comment on Wednesday afternoon.",
	};
	assert_article_kept("Regulator fines brokers over adverts aimed at students", paras,
	                    sizeof paras / sizeof paras[0]);
}
END_TEST

START_TEST(test_near_miss_comment_section)
{
	static const char *const paras[] = {
	    "The Example Courier will close the comment section under its articles at "
	    "the end of the month, its editor said on Friday, after years of struggling "
	    "to keep the discussion civil.",
	    "Readers who want to leave a comment will instead be invited to write a "
	    "letter to the editor, which the paper will publish in a weekly page, "
	    "online and in print.",
	    "The editor said moderators had spent more time deleting insults than "
	    "answering readers. \"People would post a comment within seconds of a story "
	    "going up, often without reading past the headline,\" she said.",
	    "Comments from loyal readers were mixed. Some said the change would silence "
	    "them, while others said they had stopped reading the comments years ago.",
	    "Other papers have made the same choice. A study last year found that fewer "
	    "than half of the country's regional titles still let readers leave a reply "
	    "under their stories.",
	};
	assert_article_kept("Courier to close comment section under its articles", paras,
	                    sizeof paras / sizeof paras[0]);
}
END_TEST

/* ---- pathological ----------------------------------------------------------- */

START_TEST(test_ten_thousand_phrases)
{
	struct sb t = {0};
	for (unsigned i = 0; i < 10000; i++)
		add(&t, "f%u block phrase w%ux alpha%u omega\n+ w%ux alpha%u omega\n", i % 7, i, i,
		    i, i);
	wn_rules *r = wn_rules_new();
	char err[256] = "";
	double t0 = now();
	ck_assert_int_eq(wn_rules_add_text(r, t.s, t.len, "big.rules", err, sizeof err), WN_OK);
	double load = now() - t0;
	ck_assert_uint_eq(wn_rules_count(r), 10000);
	printf("test_rules: 10000 phrases loaded in %.3f s\n", load);
	ck_assert_msg(load < 2.0 * slowdown(), "loading 10000 phrases took %.3f s", load);
	free(t.s);

	/* A page of 1,000 paragraphs; every 100th holds a phrase. */
	struct sb h = {0};
	add(&h, "<!DOCTYPE html><html><head><title>Long</title></head><body><article>");
	for (unsigned i = 0; i < 1000; i++) {
		if (i % 100 == 50)
			add(&h, "<p>w%ux alpha%u omega</p>\n", i * 7, i * 7);
		else
			add(&h, "<p>Paragraph %u of the long page about the alpha and omega of "
			        "harbour life, with words w%u and alpha%u that nearly match.</p>\n",
			    i, i, i);
	}
	add(&h, "</article></body></html>");
	struct wn_options o;
	wn_options_init(&o);
	o.rules = r;
	wn_doc *d = wn_doc_new(&o);
	t0 = now();
	ck_assert_int_eq(wn_doc_load(d, h.s, h.len), WN_OK);
	double match = now() - t0;
	printf("test_rules: a 1000-paragraph page against 10000 phrases in %.3f s\n", match);
	ck_assert_msg(match < 5.0 * slowdown(), "matching took %.3f s", match);
	unsigned fired = 0;
	for (size_t i = 0; i < wn_doc_block_count(d); i++)
		fired += wn_doc_block(d, i)->rule != NULL;
	ck_assert_uint_eq(fired, 10);
	wn_doc_free(d);
	free(h.s);
	wn_rules_free(r);
}
END_TEST

START_TEST(test_catastrophic_regex)
{
	static const char *const res[] = {"^(a+)+$", "^(a|a)+$", "^(a|aa)+$", "(\\w+\\s?)+$",
	                                   "^(([a-z])+.)+[A-Z]([a-z])+$"};
	char block[64];
	memset(block, 'a', 30);
	strcpy(block + 30, "b");
	for (size_t k = 0; k < sizeof res / sizeof res[0]; k++) {
		struct sb t = {0};
		add(&t, "evil block regex %s\nevil line regex %s\n", res[k], res[k]);
		wn_rules *r = rules_of(t.s);
		double t0 = now();
		const struct wn_rule *hit = wn_rules_test(r, block);
		double el = now() - t0;
		(void)hit; /* a limit reached counts as no match */
		printf("test_rules: %s on 30 a's and a b: %.4f s\n", res[k], el);
		ck_assert_msg(el < 1.0 * slowdown(), "%s took %.3f s", res[k], el);

		/* Through the pipeline, in a page of such blocks. */
		struct sb h = {0};
		add(&h, "<html><body><article>");
		for (int i = 0; i < 20; i++)
			add(&h, "<p>%s</p><p>%s!<br>%s</p>", block, block, block);
		add(&h, "<p>%s</p></article></body></html>", P[0]);
		t0 = now();
		wn_doc *d = load_with(h.s, r, WN_INPUT_AUTO);
		el = now() - t0;
		ck_assert_msg(el < 3.0 * slowdown(), "a page of 60 blocks against %s took %.3f s", res[k], el);
		wn_doc_free(d);
		free(h.s);
		free(t.s);
		wn_rules_free(r);
	}
}
END_TEST

START_TEST(test_long_block_against_builtin)
{
	/* One block of 200,000 words with no full stop: every built-in regex
	 * runs on it once. */
	struct sb h = {0};
	add(&h, "<html><body><p>");
	for (int i = 0; i < 200000; i++)
		add(&h, "%s ", i % 3 ? "cookies" : "we use");
	add(&h, "</p></body></html>");
	double t0 = now();
	wn_doc *d = load_with(h.s, NULL, WN_INPUT_AUTO);
	double el = now() - t0;
	ck_assert_msg(el < 10.0 * slowdown(), "took %.3f s", el);
	wn_doc_free(d);
	free(h.s);
}
END_TEST

/* ---- the suite ---------------------------------------------------------------- */

static Suite *rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("builtin");
	tcase_add_test(tc, test_builtin_loads);
	tcase_add_test(tc, test_builtin_examples);
	tcase_add_test(tc, test_builtin_where);
	suite_add_tcase(s, tc);

	tc = tcase_create("parse");
	tcase_add_test(tc, test_parse_valid);
	tcase_add_loop_test(tc, test_parse_errors, 0, (int)(sizeof BAD / sizeof BAD[0]));
	tcase_add_test(tc, test_parse_regex_message_from_pcre2);
	tcase_add_test(tc, test_parse_error_small_buffer);
	tcase_add_test(tc, test_add_file);
	tcase_add_test(tc, test_list);
	suite_add_tcase(s, tc);

	tc = tcase_create("match");
	tcase_add_test(tc, test_phrase_case_and_punctuation);
	tcase_add_test(tc, test_phrase_word_boundaries);
	tcase_add_test(tc, test_whole);
	tcase_add_test(tc, test_start);
	tcase_add_test(tc, test_max);
	tcase_add_test(tc, test_line_scope_text);
	tcase_add_test(tc, test_line_scope_regex_html);
	tcase_add_test(tc, test_rest_text);
	tcase_add_test(tc, test_rest_html_section);
	tcase_add_test(tc, test_lang);
	tcase_add_test(tc, test_nocell);
	tcase_add_test(tc, test_noitem);
	tcase_add_test(tc, test_label_reason_family);
	tcase_add_test(tc, test_empty_rule_set);
	tcase_add_test(tc, test_regex_caret_in_one_branch);
	tcase_add_test(tc, test_candidates_in_rule_order);
	tcase_add_test(tc, test_units_independent_of_rule_count);
	suite_add_tcase(s, tc);

	tc = tcase_create("near-miss");
	tcase_add_test(tc, test_near_miss_cookie_law);
	tcase_add_test(tc, test_near_miss_broker_news);
	tcase_add_test(tc, test_near_miss_comment_section);
	suite_add_tcase(s, tc);

	tc = tcase_create("pathological");
	tcase_set_timeout(tc, 100);
	tcase_add_test(tc, test_ten_thousand_phrases);
	tcase_add_test(tc, test_catastrophic_regex);
	tcase_add_test(tc, test_if_item_of_several_words);
	tcase_add_test(tc, test_needs);
	tcase_add_test(tc, test_regex_same_when_hot);
	tcase_add_test(tc, test_regex_same_when_hot_in_retries);
	tcase_add_test(tc, test_button_option);
	tcase_add_test(tc, test_needs_charged);
	tcase_add_test(tc, test_probed_first_bytes);
	tcase_add_test(tc, test_literal_starts);
	tcase_add_test(tc, test_long_block_against_builtin);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(rules_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
