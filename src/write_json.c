/*
 * write_json.c - the article and its metadata as one JSON object, built
 * and written with jansson, so that the output is always valid JSON and
 * valid UTF-8.  Unknown values are null, never "".  U+2028 and U+2029,
 * valid in JSON but line ends in JavaScript, are written as \u2028 and
 * \u2029.
 */
#include <string.h>

#include "page.h"
#include "write_json.h"

/* A string value, or null for "" (or NULL). */
static json_t *str_or_null(const char *s)
{
	if (s == NULL || *s == '\0')
		return json_null();
	return json_stringn(s, strlen(s));
}

static json_t *str_array(const char *const *items, size_t n)
{
	json_t *a = json_array();
	if (a == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (json_array_append_new(a, json_string(items[i])) != 0) {
			json_decref(a);
			return NULL;
		}
	return a;
}

/* Sets key to v (taking it); -1 when v is NULL (out of memory). */
static int put(json_t *o, const char *key, json_t *v)
{
	if (v == NULL)
		return -1;
	return json_object_set_new(o, key, v);
}

/* put, unless o has key already with a value that is not null (a stream
 * record's own "url" or "tags"): that value stays. */
static int put_new(json_t *o, const char *key, json_t *v)
{
	json_t *had = json_object_get(o, key);
	if (had != NULL && !json_is_null(had)) {
		json_decref(v);
		return 0;
	}
	return put(o, key, v);
}

/* A string value of what a writer appends to a buffer; NULL when out of
 * memory. */
static json_t *written(struct wn_buf *b, int failed)
{
	json_t *v = failed || b->failed ? NULL : json_stringn(b->data ? b->data : "", b->size);
	wn_buf_reset(b);
	return v;
}

/* The blocks of --explain, with the features of its table: the same
 * fields, but the whole text, the level apart from the kind and null for
 * no path. */
static json_t *blocks_array(const struct wn_page *pg)
{
	json_t *a = json_array();
	struct wn_buf reason = WN_BUF_INIT;
	for (size_t i = 0; a && i < pg->nblocks; i++) {
		const struct wn_block *b = &pg->blocks[i].pub;
		json_t *o = json_object();
		if (o == NULL || json_array_append_new(a, o) != 0) {
			json_decref(a);
			a = NULL;
			break;
		}
		int rc = put(o, "index", json_integer(b->index)) |
		         put(o, "decision", json_string(b->decision == WN_KEEP ? "keep" : "drop")) |
		         put(o, "score", json_real(b->score)) |
		         put(o, "kind", json_string(wn_kind_name(b->kind))) |
		         put(o, "level", json_integer(b->level)) |
		         put(o, "words", json_integer(b->words)) |
		         put(o, "link_ratio", json_real(b->link_ratio)) |
		         put(o, "density", json_real(b->density)) |
		         put(o, "path", str_or_null(b->path)) |
		         put(o, "reason", written(&reason, wn_write_reason(b, &reason))) |
		         put(o, "rule", str_or_null(b->rule)) |
		         put(o, "text", json_stringn(b->text, b->len));
		if (rc != 0) {
			json_decref(a);
			a = NULL;
		}
	}
	wn_buf_free(&reason);
	return a;
}

int wn_json_fill(const struct wn_page *pg, json_t *o, unsigned flags, const char *text,
                 size_t textlen, const char *markdown, size_t mdlen)
{
	const struct wn_metadata *m = &pg->meta.pub;
	int rc = 0;
	rc |= put_new(o, "url", str_or_null(m->url));
	rc |= put_new(o, "title", str_or_null(m->title));
	rc |= put_new(o, "author", str_or_null(m->author));
	rc |= put_new(o, "date", str_or_null(m->date));
	rc |= put_new(o, "date_modified", str_or_null(m->date_modified));
	rc |= put_new(o, "sitename", str_or_null(m->sitename));
	rc |= put_new(o, "description", str_or_null(m->description));
	rc |= put_new(o, "language", str_or_null(m->language));
	rc |= put_new(o, "language_detected", str_or_null(m->language_detected));
	rc |= put_new(o, "language_confidence",
	              *m->language_detected ? json_real(m->language_confidence) : json_null());
	rc |= put_new(o, "categories", str_array(m->categories, m->ncategories));
	rc |= put_new(o, "tags", str_array(m->tags, m->ntags));
	rc |= put_new(o, "image", str_or_null(m->image));
	rc |= put_new(o, "skipped", pg->skipped_lang ? json_string("language") : json_null());
	rc |= put(o, "text", json_stringn(text ? text : "", text ? textlen : 0));
	if (flags & WN_JSON_MARKDOWN)
		rc |= put(o, "markdown", json_stringn(markdown ? markdown : "", markdown ? mdlen : 0));
	if (flags & WN_JSON_BLOCKS) {
		struct wn_buf region = WN_BUF_INIT;
		rc |= put(o, "blocks", blocks_array(pg));
		if (pg->nblocks == 0)
			rc |= put(o, "region", json_null());
		else
			rc |= put(o, "region", written(&region, wn_write_region(pg, &region)));
		wn_buf_free(&region);
	}
	return rc ? -1 : 0;
}

/* jansson's output, with U+2028 and U+2029 escaped on the way. */
static int dump_cb(const char *s, size_t n, void *data)
{
	struct wn_buf *out = data;
	size_t start = 0;
	for (size_t i = 0; i + 2 < n; i++)
		if ((unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
			wn_buf_put(out, s + start, i - start);
			wn_buf_puts(out, (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029");
			start = i + 3;
			i += 2;
		}
	wn_buf_put(out, s + start, n - start);
	return out->failed ? -1 : 0;
}

int wn_json_dump(const json_t *o, unsigned flags, struct wn_buf *out)
{
	/* jansson hands over whole strings and tokens, so a UTF-8 sequence is
	 * never split between two calls of the callback. */
	size_t jf = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4);
	jf |= (flags & WN_JSON_LINE) ? JSON_COMPACT : JSON_INDENT(2);
	if (json_dump_callback(o, dump_cb, out, jf) != 0)
		return -1;
	wn_buf_putc(out, '\n');
	return out->failed ? -1 : 0;
}
