/*
 * options.c - the options as callers of the library see them (winnow.h):
 * an opaque set, its numeric options set and read by name through one
 * table, so that an option added to struct wn_options (options.h) is one
 * row here and no change to any caller's ABI.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "options.h"
#include "page.h"
#include "rules.h"

enum kind {
	SIZE,     /* size_t: bytes */
	COUNT,    /* unsigned */
	REAL,     /* double, at least 0 */
	SECONDS   /* double, at least 0, or -1 (time_limit's default) */
};

/* One numeric option: where it is, what it holds, and whether it changes
 * what a page gives (the limits only decide whether a page fails). */
static const struct option {
	const char *name;
	size_t offset;
	enum kind kind;
	unsigned max;    /* COUNT: the largest value; 0: UINT_MAX */
	unsigned output; /* part of wn_options_describe */
} options[] = {
#define OPT(field, kind, max, output) {#field, offsetof(struct wn_options, field), kind, max, output}
	OPT(max_input, SIZE, 0, 0),
	OPT(max_memory, SIZE, 0, 0),
	OPT(time_limit, SECONDS, 0, 0),
	OPT(work_budget, COUNT, 0, 0),
	OPT(abort_guard, COUNT, 1, 0),
	OPT(max_nesting, COUNT, 0, 1),
	OPT(max_attributes, COUNT, 0, 1),
	OPT(max_depth, COUNT, 0, 1),
	OPT(embed_min_chars, COUNT, 0, 1),
	OPT(short_words, COUNT, 0, 1),
	OPT(max_link_ratio, REAL, 0, 1),
	OPT(list_link_ratio, REAL, 0, 1),
	OPT(wrap_width, COUNT, 0, 1),
	OPT(junk_weight, REAL, 0, 1),
	OPT(junk_container_factor, REAL, 0, 1),
	OPT(article_container_factor, REAL, 0, 1),
	OPT(stream_post_chars, COUNT, 0, 1),
	OPT(descend_share, REAL, 0, 1),
	OPT(marked_junk_weight, REAL, 0, 1),
	OPT(neutral_weight, REAL, 0, 1),
	OPT(gather_share, REAL, 0, 1),
	OPT(sunk_text_factor, REAL, 0, 1),
	OPT(lead_words, COUNT, 0, 1),
	OPT(lead_link_ratio, REAL, 0, 1),
	OPT(lead_blocks, COUNT, 0, 1),
	OPT(byline_max_chars, COUNT, 0, 1),
	OPT(short_page_lines, COUNT, 0, 1),
	OPT(short_line_words, COUNT, 0, 1),
	OPT(listing_items, COUNT, 0, 1),
	OPT(listing_words, COUNT, 0, 1),
	OPT(listing_kept_words, COUNT, 0, 1),
	OPT(text_neutral_weight, REAL, 0, 1),
	OPT(text_later_share, REAL, 0, 1),
	OPT(text_blurb_chars, REAL, 0, 1),
	OPT(text_blurb_gap, COUNT, 0, 1),
	OPT(text_blurb_share, REAL, 0, 1),
	OPT(text_prose_function_words, COUNT, 100, 1),
	OPT(text_tag_order, COUNT, 100, 1),
	OPT(notice_stems, COUNT, 0, 1),
	OPT(notice_percent, COUNT, 100, 1),
	OPT(notice_max_words, COUNT, 0, 1),
	OPT(notice_edge_words, COUNT, 0, 1),
	OPT(notice_stray_percent, COUNT, 100, 1),
	OPT(notice_stray_percent_more, COUNT, 100, 1),
	OPT(notice_stray_context, COUNT, 0, 1),
	OPT(text_comment_share, REAL, 0, 1),
	OPT(text_thread_share, REAL, 0, 1),
	OPT(text_article_min, REAL, 0, 1),
	OPT(text_comment_head_after, REAL, 0, 1),
	OPT(text_counted_thread_share, REAL, 0, 1),
	OPT(text_extra_share, REAL, 0, 1),
	OPT(text_wrap_max, COUNT, 4096, 1),
	OPT(text_rule_weight, REAL, 0, 1),
	OPT(text_resume_share, REAL, 0, 1),
	OPT(lang_sample_bytes, SIZE, 0, 1),
	OPT(lang_override_percent, COUNT, 0, 1),
#undef OPT
};

#define NOPTIONS (sizeof options / sizeof options[0])

static const struct option *find(const char *name)
{
	for (size_t i = 0; name && i < NOPTIONS; i++)
		if (strcmp(options[i].name, name) == 0)
			return &options[i];
	return NULL;
}

static double get(const struct wn_options *o, const struct option *op)
{
	const char *p = (const char *)o + op->offset;
	switch (op->kind) {
	case SIZE:
		return (double)*(const size_t *)p;
	case COUNT:
		return *(const unsigned *)p;
	default:
		return *(const double *)p;
	}
}

wn_options *wn_options_new(void)
{
	wn_options *o = malloc(sizeof *o);
	if (o)
		wn_options_init(o);
	return o;
}

void wn_options_free(wn_options *o)
{
	if (o == NULL)
		return;
	free(o->own_encoding);
	free(o->own_url);
	free(o->own_languages);
	free(o);
}

/* Replaces *own with a copy of s (NULL: none) and points *field at it.
 * -1, nothing changed, when out of memory. */
static int set_string(char **own, const char **field, const char *s)
{
	char *copy = NULL;
	if (s && (copy = strdup(s)) == NULL)
		return -1;
	free(*own);
	*own = copy;
	*field = copy;
	return 0;
}

wn_options *wn_options_copy(const wn_options *from)
{
	wn_options *o = from ? malloc(sizeof *o) : NULL;
	if (o == NULL)
		return NULL;
	*o = *from;
	o->own_encoding = o->own_url = o->own_languages = NULL;
	if (set_string(&o->own_encoding, &o->encoding, from->encoding) != 0 ||
	    set_string(&o->own_url, &o->url, from->url) != 0 ||
	    set_string(&o->own_languages, &o->languages, from->languages) != 0) {
		wn_options_free(o);
		return NULL;
	}
	return o;
}

wn_status wn_options_set(wn_options *o, const char *name, double v)
{
	const struct option *op = find(name);
	if (o == NULL || op == NULL || !(v >= 0 || (op->kind == SECONDS && v == -1)))
		return WN_ERR_ARG; /* also a NaN */
	char *p = (char *)o + op->offset;
	switch (op->kind) {
	case SIZE:
		/* a size past what size_t holds is no limit at all */
		if (v >= (double)SIZE_MAX) {
			*(size_t *)p = SIZE_MAX;
			break;
		}
		if (v != (double)(size_t)v)
			return WN_ERR_ARG;
		*(size_t *)p = (size_t)v;
		break;
	case COUNT:
		if (v > (op->max ? op->max : UINT_MAX) || v != (double)(unsigned)v)
			return WN_ERR_ARG;
		*(unsigned *)p = (unsigned)v;
		break;
	default:
		if (v > 1e300)
			return WN_ERR_ARG; /* an infinity */
		*(double *)p = v;
	}
	return WN_OK;
}

wn_status wn_options_get(const wn_options *o, const char *name, double *value)
{
	const struct option *op = find(name);
	if (o == NULL || op == NULL || value == NULL)
		return WN_ERR_ARG;
	*value = get(o, op);
	return WN_OK;
}

const char *wn_options_name(size_t i)
{
	return i < NOPTIONS ? options[i].name : NULL;
}

wn_status wn_options_set_input(wn_options *o, wn_input input)
{
	if (o == NULL || (input != WN_INPUT_AUTO && input != WN_INPUT_HTML && input != WN_INPUT_TEXT))
		return WN_ERR_ARG;
	o->input = input;
	return WN_OK;
}

wn_status wn_options_set_rules(wn_options *o, const wn_rules *rules)
{
	if (o == NULL)
		return WN_ERR_ARG;
	o->rules = rules;
	return WN_OK;
}

wn_status wn_options_set_encoding(wn_options *o, const char *encoding)
{
	if (o == NULL)
		return WN_ERR_ARG;
	return set_string(&o->own_encoding, &o->encoding, encoding) ? WN_ERR_NOMEM : WN_OK;
}

wn_status wn_options_set_url(wn_options *o, const char *url)
{
	if (o == NULL)
		return WN_ERR_ARG;
	return set_string(&o->own_url, &o->url, url) ? WN_ERR_NOMEM : WN_OK;
}

wn_status wn_options_set_languages(wn_options *o, const char *list)
{
	if (o == NULL)
		return WN_ERR_ARG;
	if (list && *list && !wn_lang_list_valid(list))
		return WN_ERR_ARG;
	return set_string(&o->own_languages, &o->languages, list && *list ? list : NULL)
	               ? WN_ERR_NOMEM
	               : WN_OK;
}

wn_status wn_options_set_markdown(wn_options *o, unsigned bits)
{
	if (o == NULL || (bits & ~(unsigned)(WN_MD_ON | WN_MD_LINKS | WN_MD_IMAGES)))
		return WN_ERR_ARG;
	o->markdown = bits;
	return WN_OK;
}

wn_status wn_options_describe(const wn_options *o, char **out, size_t *len)
{
	if (o == NULL || out == NULL)
		return WN_ERR_ARG;
	const wn_rules *rules = o->rules ? o->rules : wn_rules_builtin();
	char *list = NULL;
	size_t n = 0;
	if (rules == NULL || wn_rules_list(rules, &list, &n) != WN_OK)
		return WN_ERR_NOMEM;
	struct wn_buf b = WN_BUF_INIT;
	wn_buf_printf(&b, "input %d\nmarkdown %u\n", (int)o->input, o->markdown);
	wn_buf_printf(&b, "encoding %d %s\nurl %d %s\n", o->encoding != NULL,
	              o->encoding ? o->encoding : "", o->url != NULL, o->url ? o->url : "");
	wn_buf_printf(&b, "languages %d %s\n", o->languages != NULL,
	              o->languages ? o->languages : "");
	for (size_t i = 0; i < NOPTIONS; i++)
		if (options[i].output)
			wn_buf_printf(&b, "%s %.17g\n", options[i].name, get(o, &options[i]));
	wn_buf_puts(&b, "rules\n");
	wn_buf_put(&b, list, n);
	free(list);
	if (wn_buf_detach(&b, out, len) != 0) {
		wn_buf_free(&b);
		return WN_ERR_NOMEM;
	}
	return WN_OK;
}
