/*
 * doc.c - the public interface (winnow.h): runs the stages in order and
 * owns what they produce.
 *
 *   bytes -> [gunzip] -> size and binary checks -> UTF-8 (encoding.c)
 *         -> blocks (dom.c, features.c) -> labels (score.c)
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gumbo.h>

#include "date.h"
#include "encoding.h"
#include "options.h"
#include "page.h"
#include "rules.h"
#include "write_json.h"

/* Builds for valgrind, which runs code fifty times slower, make it 0 (no
 * limit); -1 is 3 s plus 2 s per MB (winnow.h). */
#ifndef WN_DEFAULT_TIME_LIMIT
#define WN_DEFAULT_TIME_LIMIT -1
#endif

/* Units of work charged per block for scoring (budget.c). */
#define SCORE_UNITS_PER_BLOCK 256

struct wn_doc {
	struct wn_options opts;
	struct wn_pool *pool; /* Gumbo's tree, blocks and their text */
	struct wn_page page;
	struct wn_text text;
	int loaded;
	/* What const calls build on first use, under lazy_lock, so that
	 * const calls may run at once: the block paths (ensure_paths) and
	 * the detected language (ensure_language). */
	atomic_int paths_done, language_done;
	pthread_mutex_t lazy_lock;
	unsigned long long work; /* what the last load charged (budget.c) */
	const char *http_charset; /* wn_doc_set_http_charset; not owned */
	const char *fetch_date;   /* wn_doc_set_fetch_date; not owned */
	char errmsg[256];
};

void wn_options_init(struct wn_options *o)
{
	memset(o, 0, sizeof *o);
	o->max_input = (size_t)8 << 20;
	o->time_limit = WN_DEFAULT_TIME_LIMIT;
	o->work_budget = WN_DEFAULT_WORK_BUDGET;
	o->max_memory = (size_t)512 << 20;
	o->encoding = NULL;
	o->max_nesting = 400;
	o->max_attributes = 400;
	o->max_depth = 4096;
	o->embed_min_chars = 200;
	o->list_link_ratio = 0.15;
	o->wrap_width = 80;
	o->junk_weight = 1.0;
	o->junk_container_factor = 0.25;
	o->article_container_factor = 4.0;
	o->stream_post_chars = 400;
	o->marked_junk_weight = 0;
	o->neutral_weight = 0.5;
	o->lead_link_ratio = 0.1;
	o->byline_max_chars = 1000;
	o->short_line_words = 3;
	o->listing_items = 3;
	o->listing_words = 5;
	o->listing_kept_words = 30;
	o->text_neutral_weight = 2.0;
	o->text_later_share = 6.0;
	o->text_blurb_chars = 300;
	o->text_blurb_gap = 10;
	o->text_blurb_share = 1.5;
	o->text_prose_function_words = 15;
	o->text_tag_order = 85;
	o->notice_stems = 3;
	o->notice_percent = 8;
	o->notice_max_words = 80;
	o->notice_edge_words = 12;
	o->notice_stray_percent = 15;
	o->notice_stray_percent_more = 25;
	o->notice_stray_context = 200;
	o->text_comment_share = 6.0;
	o->text_thread_share = 2.0;
	o->text_article_min = 1000;
	o->text_comment_head_after = 500;
	o->text_counted_thread_share = 0.25;
	o->text_wrap_max = 200;
	o->text_rule_weight = 150;
	o->text_resume_share = 1;
	o->text_extra_share = 0.45;
	o->sunk_text_factor = 4;
	o->lang_sample_bytes = 4096;
	o->lang_override_percent = 80;
	o->abort_guard = 1;
	wn_options_favor(o, WN_FAVOR_BALANCED); /* short_words, max_link_ratio ... */
}

/* The thresholds that --favor sets, one row a preset (winnow(1), --favor). */
static const struct favor_preset {
	unsigned short_words, lead_words, lead_blocks, short_page_lines;
	double max_link_ratio, descend_share, gather_share;
} favor_presets[] = {
	[WN_FAVOR_BALANCED] = {10, 8, 6, 3, 0.55, 0.8, 0.6},
	[WN_FAVOR_PRECISION] = {10, 8, 3, 0, 0.45, 0.7, 0},
	[WN_FAVOR_RECALL] = {8, 6, 10, 3, 0.65, 0.9, 0.4},
};

wn_status wn_options_favor(struct wn_options *o, wn_favor favor)
{
	if (o == NULL || (unsigned)favor >= sizeof favor_presets / sizeof favor_presets[0])
		return WN_ERR_ARG;
	const struct favor_preset *f = &favor_presets[favor];
	o->short_words = f->short_words;
	o->lead_words = f->lead_words;
	o->lead_blocks = f->lead_blocks;
	o->short_page_lines = f->short_page_lines;
	o->max_link_ratio = f->max_link_ratio;
	o->descend_share = f->descend_share;
	o->gather_share = f->gather_share;
	return WN_OK;
}

const char *wn_status_str(wn_status s)
{
	switch (s) {
	case WN_OK:
		return "success";
	case WN_ERR_NOMEM:
		return "out of memory";
	case WN_ERR_TOO_LARGE:
		return "input too large";
	case WN_ERR_GZIP:
		return "corrupt or truncated gzip data";
	case WN_ERR_NOT_TEXT:
		return "binary data, not text";
	case WN_ERR_ENCODING:
		return "unknown character encoding";
	case WN_ERR_PARSE:
		return "the HTML parser failed";
	case WN_ERR_ARG:
		return "invalid argument";
	case WN_ERR_TIME:
		return "the page took longer than the time limit";
	case WN_ERR_BUDGET:
		return "the page needs more work than its budget";
	}
	return "unknown error";
}

wn_doc *wn_doc_new(const struct wn_options *opts)
{
	wn_doc *d = calloc(1, sizeof *d);
	if (d == NULL)
		return NULL;
	if (opts)
		d->opts = *opts;
	else
		wn_options_init(&d->opts);
	/* the doc's own copies of the options' strings */
	d->opts.own_encoding = d->opts.encoding ? strdup(d->opts.encoding) : NULL;
	d->opts.own_url = d->opts.url ? strdup(d->opts.url) : NULL;
	d->opts.own_languages = d->opts.languages ? strdup(d->opts.languages) : NULL;
	d->opts.encoding = d->opts.own_encoding;
	d->opts.url = d->opts.own_url;
	d->opts.languages = d->opts.own_languages;
	d->pool = wn_pool_new(d->opts.max_memory);
	if (d->pool == NULL || (opts && opts->encoding && !d->opts.encoding) ||
	    (opts && opts->url && !d->opts.url) || (opts && opts->languages && !d->opts.languages)) {
		wn_pool_free(d->pool);
		free(d->opts.own_encoding);
		free(d->opts.own_url);
		free(d->opts.own_languages);
		free(d);
		return NULL;
	}
	pthread_mutex_init(&d->lazy_lock, NULL);
	return d;
}

static void unload(wn_doc *d)
{
	wn_text_free(&d->text);
	wn_pool_clear(d->pool);
	memset(&d->page, 0, sizeof d->page);
	d->page.pool = d->pool;
	d->page.container = d->page.candidate = -1;
	d->page.title = d->page.og_title = d->page.h1 = d->page.lang = "";
	wn_meta_init(&d->page.meta);
	d->loaded = 0;
	d->paths_done = 0;
	d->language_done = 0;
	d->errmsg[0] = '\0';
}

void wn_doc_set_url(wn_doc *d, const char *url)
{
	if (d)
		d->opts.url = url ? url : d->opts.own_url;
}

void wn_doc_set_fetch_date(wn_doc *d, const char *date)
{
	if (d)
		d->fetch_date = date;
}

void wn_doc_set_encoding(wn_doc *d, const char *encoding)
{
	if (d)
		d->opts.encoding = encoding ? encoding : d->opts.own_encoding;
}

void wn_doc_set_http_charset(wn_doc *d, const char *charset)
{
	if (d)
		d->http_charset = charset && *charset ? charset : NULL;
}

void wn_doc_free(wn_doc *d)
{
	if (d == NULL)
		return;
	wn_text_free(&d->text);
	wn_pool_free(d->pool);
	pthread_mutex_destroy(&d->lazy_lock);
	free(d->opts.own_encoding);
	free(d->opts.own_url);
	free(d->opts.own_languages);
	free(d);
}

/* A stage that ran out of the page's own allowance (its work budget, its
 * time, its memory cap) failed that page, whatever status it passed up:
 * the page's error, never the process's "out of memory". */
static wn_status fail(wn_doc *d, wn_status rc, const char *msg)
{
	char why[200];
	if (d->page.stopped != WN_OK &&
	    (rc == WN_ERR_NOMEM || rc == WN_ERR_TIME || rc == WN_ERR_BUDGET)) {
		rc = d->page.stopped;
		msg = wn_page_stop_reason(&d->page, &d->opts, why, sizeof why);
	} else if (rc == WN_ERR_NOMEM && wn_pool_capped(d->pool)) {
		rc = WN_ERR_TOO_LARGE;
		msg = wn_page_memory_reason(&d->opts, why, sizeof why);
	}
	unsigned long long work = d->page.work;
	unload(d);
	d->work = work;
	snprintf(d->errmsg, sizeof d->errmsg, "%s",
	         msg && *msg ? msg : wn_status_str(rc));
	return rc;
}

/* "body>div.post>p": the block's last few elements, for --explain. */
static const char *block_path(struct wn_page *pg, int elem)
{
	enum { MAX_PARTS = 4 };
	int chain[MAX_PARTS];
	int n = 0;
	for (int e = elem; e >= 0 && n < MAX_PARTS; e = pg->elems[e].parent)
		chain[n++] = e;
	struct wn_buf b = WN_BUF_INIT;
	for (int i = n - 1; i >= 0; i--) {
		const struct wn_elem *el = &pg->elems[chain[i]];
		const char *name = gumbo_normalized_tagname((GumboTag)el->tag);
		wn_buf_puts(&b, *name ? name : "?");
		wn_elem_label(pg, chain[i], &b);
		if (i > 0)
			wn_buf_putc(&b, '>');
	}
	const char *r = b.size ? wn_normalise(pg, b.data, b.size) : "";
	wn_buf_free(&b);
	return r;
}

/* options.languages: an article in none of them keeps no block. */
static void skip_language(wn_doc *d)
{
	const char *lang = d->page.meta.pub.language;
	if (wn_lang_listed(d->opts.languages, lang))
		return;
	d->page.skipped_lang = *lang ? lang : "und";
	for (size_t i = 0; i < d->page.nblocks; i++) {
		struct wn_block *b = &d->page.blocks[i].pub;
		if (b->decision == WN_KEEP) {
			b->decision = WN_DROP;
			b->reason = "language";
		}
	}
}

const char *wn_doc_language_skipped(const wn_doc *d)
{
	return d && d->loaded ? d->page.skipped_lang : NULL;
}

wn_status wn_doc_load(wn_doc *d, const void *buf, size_t len)
{
	if (d == NULL || (buf == NULL && len > 0))
		return WN_ERR_ARG;
	unload(d);
	d->work = 0;
	d->page.last_day = wn_date_last_day(d->fetch_date);
	char err[200] = "";
	const struct wn_options *o = &d->opts;
	unsigned char *plain = NULL;
	if (wn_is_gzip(buf, len)) {
		size_t plen;
		wn_status rc = wn_gunzip(buf, len, o->max_input, &plain, &plen, err, sizeof err);
		if (rc != WN_OK)
			return fail(d, rc, err);
		buf = plain;
		len = plen;
	}
	/* The budget and the clock start with the page as it is to be read. */
	wn_page_budget_start(&d->page, len, o);
	wn_status rc = WN_OK;
	if (o->max_input && len > o->max_input) {
		snprintf(err, sizeof err, "input is %zu bytes, over the limit of %zu (max_input)",
		         len, o->max_input);
		rc = WN_ERR_TOO_LARGE;
	} else if (wn_looks_binary(buf, len)) {
		snprintf(err, sizeof err, "binary data, not text or HTML");
		rc = WN_ERR_NOT_TEXT;
	} else {
		rc = wn_to_utf8(buf, len, o->encoding, d->http_charset, &d->text, err, sizeof err);
	}
	free(plain);
	if (rc != WN_OK)
		return fail(d, rc, err);

	/* Decoding and the prescan read each byte about once. */
	if (wn_page_charge(&d->page, (uint64_t)len + d->text.len) != WN_OK)
		return fail(d, d->page.stopped, NULL);
	int html = o->input == WN_INPUT_HTML ||
	           (o->input == WN_INPUT_AUTO && wn_looks_like_html(d->text.data, d->text.len));
	if (html)
		rc = wn_dom_read(&d->page, d->text.data, d->text.len, o, err, sizeof err);
	else
		rc = wn_text_read(&d->page, d->text.data, d->text.len, o, err, sizeof err);
	if (rc != WN_OK)
		return fail(d, rc, err);
	/* The blocks and the metadata have their own copies: the decoded
	 * page (its charset stays) goes before the rules and the scoring. */
	wn_text_free(&d->text);
	wn_page_trim(&d->page);
	const wn_rules *rules = o->rules ? o->rules : wn_rules_builtin();
	if (rules == NULL)
		return fail(d, WN_ERR_NOMEM, wn_rules_builtin_error());
	rc = wn_rules_match(rules, &d->page, o);
	if (rc != WN_OK)
		return fail(d, rc, NULL);
	if (wn_page_stopped(&d->page) != WN_OK)
		return fail(d, d->page.stopped, NULL);
	/* Scoring makes a bounded number of passes over the blocks. */
	if (wn_page_charge(&d->page, (uint64_t)d->page.nblocks * SCORE_UNITS_PER_BLOCK) != WN_OK)
		return fail(d, d->page.stopped, NULL);
	rc = wn_score(&d->page, o);
	if (rc != WN_OK)
		return fail(d, rc, NULL);
	/* The blocks that a line rule cut lines out of and left in place,
	 * for --explain and --stats. */
	for (size_t i = 0; i < d->page.nblocks; i++) {
		struct wn_iblock *ib = &d->page.blocks[i];
		ib->pub.rule_lines = ib->rule && ib->rule_scope == WN_SCOPE_LINE &&
		                     ib->pub.rule == ib->rule->label;
	}

	if (wn_meta_finish(&d->page, o) != 0)
		return fail(d, WN_ERR_NOMEM, NULL);
	if (o->languages && *o->languages) {
		if (wn_lang_choose(&d->page, o) != 0)
			return fail(d, WN_ERR_NOMEM, NULL);
		skip_language(d);
	}
	d->loaded = 1;
	d->work = d->page.work;
	return WN_OK;
}

/* Tag paths are only for people reading --explain: built on first use,
 * by the first of the const calls that may run at once on one doc to get
 * the lock.  A block whose path cannot be built (out of memory) shows "". */
static void ensure_paths(const wn_doc *cd)
{
	wn_doc *d = (wn_doc *)cd; /* a cache inside the doc, not a change */
	if (!d->loaded || atomic_load_explicit(&d->paths_done, memory_order_acquire))
		return;
	pthread_mutex_lock(&d->lazy_lock);
	if (atomic_load_explicit(&d->paths_done, memory_order_relaxed)) {
		pthread_mutex_unlock(&d->lazy_lock);
		return;
	}
	for (size_t i = 0; i < d->page.nblocks; i++) {
		const char *p = block_path(&d->page, d->page.blocks[i].elem);
		d->page.blocks[i].pub.path = p ? p : "";
	}
	const struct wn_page *pg = &d->page;
	if (pg->container >= 0)
		d->page.container_path = block_path(&d->page, pg->container);
	if (pg->candidate >= 0)
		d->page.candidate_path = block_path(&d->page, pg->candidate);
	atomic_store_explicit(&d->paths_done, 1, memory_order_release);
	pthread_mutex_unlock(&d->lazy_lock);
}

/* The language is detected when first asked for (lang.c says why); a
 * detection that runs out of memory leaves the declared language and is
 * tried again on the next call. */
static void ensure_language(const wn_doc *cd)
{
	wn_doc *d = (wn_doc *)cd; /* a cache inside the doc, not a change */
	if (!d->loaded || atomic_load_explicit(&d->language_done, memory_order_acquire))
		return;
	pthread_mutex_lock(&d->lazy_lock);
	if (!atomic_load_explicit(&d->language_done, memory_order_relaxed) &&
	    wn_lang_choose(&d->page, &d->opts) == 0)
		atomic_store_explicit(&d->language_done, 1, memory_order_release);
	pthread_mutex_unlock(&d->lazy_lock);
}

unsigned long long wn_doc_work(const wn_doc *d)
{
	return d ? d->work : 0;
}

const char *wn_doc_errmsg(const wn_doc *d)
{
	return d ? d->errmsg : "invalid argument";
}

const char *wn_doc_charset(const wn_doc *d)
{
	return d && d->loaded ? d->text.charset : "";
}

const char *wn_doc_charset_source(const wn_doc *d)
{
	return d && d->loaded && d->text.source ? d->text.source : "";
}

const char *wn_doc_title(const wn_doc *d)
{
	if (d == NULL || !d->loaded)
		return "";
	if (*d->page.og_title)
		return d->page.og_title;
	if (*d->page.h1)
		return d->page.h1;
	return d->page.title;
}

const struct wn_metadata *wn_doc_metadata(const wn_doc *d)
{
	static const struct wn_metadata none = {"", "", "", "", "", "", "", "", "", NULL, 0, NULL, 0, "", 0};
	if (d == NULL || !d->loaded)
		return &none;
	ensure_language(d);
	return &d->page.meta.pub;
}

const struct wn_page *wn_doc_page(const wn_doc *d)
{
	if (d == NULL || !d->loaded)
		return NULL;
	ensure_language(d);
	return &d->page;
}

size_t wn_doc_kept_count(const wn_doc *d)
{
	size_t n = 0;
	for (size_t i = 0; d && d->loaded && i < d->page.nblocks; i++)
		n += d->page.blocks[i].pub.decision == WN_KEEP;
	return n;
}

size_t wn_doc_block_count(const wn_doc *d)
{
	return d && d->loaded ? d->page.nblocks : 0;
}

const struct wn_block *wn_doc_block(const wn_doc *d, size_t i)
{
	if (d == NULL || !d->loaded || i >= d->page.nblocks)
		return NULL;
	ensure_paths(d);
	return &d->page.blocks[i].pub;
}

static wn_status render(const wn_doc *d, int (*fn)(const struct wn_page *, struct wn_buf *),
                        char **out, size_t *len)
{
	if (d == NULL || out == NULL)
		return WN_ERR_ARG;
	struct wn_buf b = WN_BUF_INIT;
	if (d->loaded && fn(&d->page, &b) != 0) {
		wn_buf_free(&b);
		return WN_ERR_NOMEM;
	}
	char *s;
	size_t n;
	if (wn_buf_detach(&b, &s, &n) != 0) {
		wn_buf_free(&b);
		return WN_ERR_NOMEM;
	}
	*out = s;
	if (len)
		*len = n;
	return WN_OK;
}

wn_status wn_doc_text(const wn_doc *d, char **out, size_t *len)
{
	return render(d, wn_write_text, out, len);
}

wn_status wn_doc_markdown(const wn_doc *d, char **out, size_t *len)
{
	return render(d, wn_write_markdown, out, len);
}

wn_status wn_doc_json(const wn_doc *d, unsigned flags, char **out, size_t *len)
{
	if (d == NULL || out == NULL)
		return WN_ERR_ARG;
	char *text = NULL, *md = NULL;
	size_t tlen = 0, mlen = 0;
	wn_status rc = wn_doc_text(d, &text, &tlen);
	if (rc == WN_OK && (flags & WN_JSON_MARKDOWN))
		rc = wn_doc_markdown(d, &md, &mlen);
	json_t *o = rc == WN_OK ? json_object() : NULL;
	struct wn_buf b = WN_BUF_INIT;
	if (flags & WN_JSON_BLOCKS)
		ensure_paths(d);
	ensure_language(d);
	if (rc == WN_OK && (o == NULL || wn_json_fill(&d->page, o, flags, text, tlen, md, mlen) != 0 ||
	                    wn_json_dump(o, flags, &b) != 0 || wn_buf_detach(&b, out, len) != 0))
		rc = WN_ERR_NOMEM;
	json_decref(o);
	wn_buf_free(&b);
	free(text);
	free(md);
	return rc;
}

wn_status wn_doc_explain(const wn_doc *d, char **out, size_t *len)
{
	if (d)
		ensure_paths(d);
	return render(d, wn_write_explain, out, len);
}

wn_status wn_clean(const void *buf, size_t len, const struct wn_options *opts,
                   char **out, size_t *outlen)
{
	if (out == NULL)
		return WN_ERR_ARG;
	wn_doc *d = wn_doc_new(opts);
	if (d == NULL)
		return WN_ERR_NOMEM;
	wn_status rc = wn_doc_load(d, buf, len);
	if (rc == WN_OK)
		rc = wn_doc_text(d, out, outlen);
	wn_doc_free(d);
	return rc;
}
