/*
 * stream.c - JSON Lines and WARC streams: the contract of Hadoop
 * Streaming and Spark's RDD.pipe.  Records come in on one stream, and
 * for every JSON line read exactly one line goes out, in order: the
 * record's own fields, its HTML or text replaced by the fields of
 * --format json.  A record that cannot be cleaned keeps its fields and
 * gets "error"; it never ends the stream.  Memory is that of one record:
 * a line longer than the record limit is skipped, not held.
 *
 * The lines out are written to a buffered stream and flushed whenever
 * the next read of the input would wait: a co-process that writes one
 * record and then reads its line gets it, while a stream whose input is
 * always ready (a file, a fast pipe) is written in large blocks.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "buf.h"
#include "stream.h"
#include "warc.h"

/* The input of a stream, read with read(2). */
struct source {
	int fd;
	FILE *out;     /* flushed before a read that would wait */
	int out_errno; /* that flush failed: its errno, else 0 */
};

/* Reads up to n bytes (wn_warc_read_fn): first flushes out when no input
 * is ready, so that the lines written so far reach their reader before
 * the stream waits for more.  Whether input is ready is asked of poll(2),
 * which says so at once of a regular file.  -1 with errno on error; a
 * failed flush sets src->out_errno. */
static ssize_t source_read(void *ctx, void *buf, size_t n)
{
	struct source *src = ctx;
	struct pollfd p = {src->fd, POLLIN, 0};
	if (poll(&p, 1, 0) != 1 && fflush(src->out) != 0) {
		src->out_errno = errno ? errno : EIO;
		errno = src->out_errno;
		return -1;
	}
	ssize_t k;
	do
		k = read(src->fd, buf, n);
	while (k < 0 && errno == EINTR);
	return k;
}

/* JSON Lines input: the source and what was read of it. */
struct lines {
	struct source src;
	size_t pos, end;   /* the bytes of buf not yet taken */
	char buf[1 << 16];
};

/* One line of in, at most max bytes kept (the rest is read and dropped:
 * *over is set).  0 at the end of the input, 1 for a line, -1 on error. */
static int read_line(struct lines *in, struct wn_buf *line, size_t max, int *over)
{
	wn_buf_reset(line);
	*over = 0;
	int any = 0;
	for (;;) {
		if (in->pos == in->end) {
			ssize_t k = source_read(&in->src, in->buf, sizeof in->buf);
			if (k < 0)
				return -1;
			if (k == 0)
				break;
			in->pos = 0;
			in->end = (size_t)k;
		}
		any = 1;
		const char *s = in->buf + in->pos;
		size_t n = in->end - in->pos;
		const char *nl = memchr(s, '\n', n);
		size_t take = nl ? (size_t)(nl - s) : n;
		size_t room = line->size < max ? max - line->size : 0;
		if (take > room)
			*over = 1;
		wn_buf_put(line, s, take < room ? take : room);
		in->pos += take + (nl != NULL);
		if (nl)
			break;
	}
	if (line->failed) {
		errno = ENOMEM;
		return -1;
	}
	return any;
}

/* s as a JSON string, s being any bytes (a WARC header's value, or
 * jansson's message on a bad line, which quotes the line and may cut a
 * character in two): jansson takes only UTF-8, so an invalid byte becomes
 * U+FFFD.  NULL when out of memory. */
static json_t *utf8_string(const char *s)
{
	json_t *j = json_string(s);
	if (j != NULL)
		return j;
	struct wn_buf b = WN_BUF_INIT;
	j = wn_buf_put_utf8(&b, s, strlen(s)) != 0 ? NULL
	                                            : json_stringn(b.data ? b.data : "", b.size);
	wn_buf_free(&b);
	return j;
}

/* The keys of the JSON format that are the page's own: they replace a
 * record's.  Its other keys (the metadata) leave a record's value that
 * is not null alone: a stream record's own "url" or "tags" stays. */
static int page_key(const char *key)
{
	static const char *const keys[] = {"text", "markdown", "blocks", "region"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(key, keys[i]) == 0)
			return 1;
	return 0;
}

/* Adds the fields of the page's JSON (the library's JSON Lines format) to
 * the record o, in their order.  -1 when out of memory. */
static int merge(json_t *o, const char *page_json, size_t len)
{
	json_t *page = json_loadb(page_json, len, JSON_ALLOW_NUL, NULL);
	const char *key;
	json_t *v;
	int rc = page == NULL ? -1 : 0;
	json_object_foreach(page, key, v)
	{
		json_t *had = json_object_get(o, key);
		if (!page_key(key) && had != NULL && !json_is_null(had))
			continue;
		if (json_object_set(o, key, v) != 0)
			rc = -1;
	}
	json_decref(page);
	return rc;
}

/* Loads a page into doc and adds the JSON format's fields to o, or
 * "error" when the page cannot be cleaned, with "retryable": true when
 * only the wall clock stopped it (the one failure that depends on the
 * machine).  -1 when out of memory. */
static int load_and_fill(json_t *o, wn_doc *doc, const void *page, size_t len,
                         const struct wn_stream *cfg)
{
	wn_status st = wn_doc_load(doc, page, len);
	if (st == WN_ERR_TIME && json_object_set_new(o, "retryable", json_true()) != 0)
		return -1;
	if (st != WN_OK)
		return json_object_set_new(o, "error", utf8_string(wn_doc_errmsg(doc)));
	char *out;
	size_t n;
	unsigned flags = (cfg->markdown ? WN_RENDER_MARKDOWN : 0) | (cfg->explain ? WN_RENDER_BLOCKS : 0);
	if (wn_doc_render(doc, WN_FORMAT_JSONL, flags, &out, &n) != WN_OK)
		return -1;
	int rc = merge(o, out, n);
	free(out);
	return rc;
}

/* Cleans the page held in o (its html or text field, taken out of o) and
 * adds the JSON format's fields to o, or "error".  -1 when out of memory. */
static int clean_record(json_t *o, wn_doc *html_doc, wn_doc *text_doc,
                        const struct wn_stream *cfg)
{
	json_t *page = json_object_get(o, cfg->html_field);
	wn_doc *doc = html_doc;
	const char *field = cfg->html_field;
	if (!json_is_string(page)) {
		page = json_object_get(o, cfg->text_field);
		doc = text_doc;
		field = cfg->text_field;
	}
	if (!json_is_string(page)) {
		char msg[160];
		snprintf(msg, sizeof msg, "no \"%s\" or \"%s\" string in the record", cfg->html_field,
		         cfg->text_field);
		return json_object_set_new(o, "error", utf8_string(msg));
	}
	json_incref(page); /* it stays alive while o drops it */
	json_object_del(o, field);
	/* "error" is winnow's word on this record: one the record brought
	 * (an earlier stage's) would say a cleaned page failed. */
	json_object_del(o, "error");
	json_t *url = json_object_get(o, cfg->url_field);
	wn_doc_set_url(doc, json_is_string(url) ? json_string_value(url) : NULL);
	int rc = load_and_fill(o, doc, json_string_value(page), json_string_length(page), cfg);
	wn_doc_set_url(doc, NULL);
	json_decref(page);
	return rc;
}

/* o as one line, as the library writes JSON Lines: keys in order, reals
 * to four places, and U+2028 and U+2029 (line ends in JavaScript) as
 * escapes.  -1 on a write error or when out of memory. */
static int write_object(json_t *o, FILE *out)
{
	char *s = json_dumps(o, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4) | JSON_COMPACT);
	if (s == NULL)
		return -1;
	const char *from = s, *p = s;
	int rc = 0;
	while ((p = strstr(p, "\xE2\x80")) != NULL) {
		if (p[2] != '\xA8' && p[2] != '\xA9') {
			p += 2;
			continue;
		}
		if (fwrite(from, 1, (size_t)(p - from), out) != (size_t)(p - from) ||
		    fputs(p[2] == '\xA8' ? "\\u2028" : "\\u2029", out) == EOF)
			rc = -1;
		from = p += 3;
	}
	if (fputs(from, out) == EOF || putc('\n', out) == EOF)
		rc = -1;
	free(s);
	return rc;
}

/* o (a new object when NULL) with "error" set to msg; NULL when out of
 * memory.  The line of a record whose own line could not be made. */
static json_t *with_error(json_t *o, const char *msg)
{
	if (o == NULL)
		o = json_object();
	if (o && json_object_set_new(o, "error", utf8_string(msg)) != 0)
		json_decref(o), o = NULL;
	return o;
}

/* What a record's line says when it could not be made: jansson refused a
 * value, or memory ran short for this record alone. */
#define UNWRITABLE "the record could not be written as JSON"

/* Writes a record's line and frees it; o NULL means memory ran out.
 * WN_STREAM_OK or WN_STREAM_OUTPUT, with the message in err. */
static int emit(json_t *o, FILE *out, char *err, size_t errlen)
{
	if (o == NULL) {
		snprintf(err, errlen, "out of memory");
		return WN_STREAM_OUTPUT;
	}
	int w = write_object(o, out);
	json_decref(o);
	if (w != 0) {
		snprintf(err, errlen, "<stdout>: %s", strerror(errno ? errno : EIO));
		return WN_STREAM_OUTPUT;
	}
	return WN_STREAM_OK;
}

/* The two docs of a stream: HTML records and text records. */
static int new_docs(const wn_options *opts, wn_doc **html, wn_doc **text)
{
	wn_options *o = wn_options_copy(opts);
	*html = *text = NULL;
	if (o && wn_options_set_encoding(o, "UTF-8") == WN_OK &&
	    wn_options_set_input(o, WN_INPUT_AUTO) == WN_OK && (*html = wn_doc_new(o)) != NULL &&
	    wn_options_set_input(o, WN_INPUT_TEXT) == WN_OK)
		*text = wn_doc_new(o);
	wn_options_free(o);
	if (*html && *text)
		return 0;
	wn_doc_free(*html);
	wn_doc_free(*text);
	return -1;
}

/* The message and status of a failed read: the flush before it, or the
 * read itself. */
static int read_failed(const struct source *src, char *err, size_t errlen)
{
	if (src->out_errno) {
		snprintf(err, errlen, "<stdout>: %s", strerror(src->out_errno));
		return WN_STREAM_OUTPUT;
	}
	int e = errno ? errno : EIO;
	snprintf(err, errlen, "%s", strerror(e));
	return e == ENOMEM ? WN_STREAM_OUTPUT : WN_STREAM_INPUT;
}

int wn_stream_jsonl(int fd, FILE *out, const wn_options *opts,
                    const struct wn_stream *cfg, char *err, size_t errlen)
{
	wn_doc *html, *text;
	struct lines *in = malloc(sizeof *in);
	if (in == NULL || new_docs(opts, &html, &text) != 0) {
		free(in);
		snprintf(err, errlen, "out of memory");
		return WN_STREAM_OUTPUT;
	}
	in->src = (struct source){fd, out, 0};
	in->pos = in->end = 0;
	struct wn_buf line = WN_BUF_INIT;
	/* a record holds its page JSON-escaped: up to 6 bytes a byte; a
	 * max_record too large for that sum is no limit (not a wrapped one) */
	size_t max = (size_t)-1 / 2;
	if (cfg->max_record && cfg->max_record <= (max - 65536) / 6)
		max = cfg->max_record * 6 + 65536;
	int rc = WN_STREAM_OK, over;
	while (rc == WN_STREAM_OK) {
		int r = read_line(in, &line, max, &over);
		if (r < 0) {
			rc = read_failed(&in->src, err, errlen);
			break;
		}
		if (r == 0)
			break;
		json_error_t jerr;
		json_t *o = NULL;
		char msg[256] = "";
		/* No line number in the message: the line out stands where the
		 * line in stood, and a stream cut into parts (parallel --pipepart,
		 * Hadoop's splits) must give the bytes of the whole. */
		if (over)
			snprintf(msg, sizeof msg, "the record is over the limit (--max-size)");
		else if ((o = json_loadb(line.data ? line.data : "", line.size, JSON_ALLOW_NUL, &jerr)) == NULL)
			snprintf(msg, sizeof msg, "not JSON: %s", jerr.text);
		else if (!json_is_object(o))
			snprintf(msg, sizeof msg, "not a JSON object");
		if (*msg) {
			json_decref(o);
			o = with_error(NULL, msg);
		} else if (clean_record(o, html, text, cfg) != 0) {
			json_decref(o);
			o = with_error(NULL, UNWRITABLE);
		}
		rc = emit(o, out, err, errlen);
	}
	wn_buf_free(&line);
	free(in);
	wn_doc_free(html);
	wn_doc_free(text);
	return rc;
}

/* The WARC fields of a record's line. */
static json_t *warc_object(const struct wn_warc_record *rec)
{
	json_t *o = json_object();
	if (o && (json_object_set_new(o, "url", utf8_string(rec->target_uri)) != 0 ||
	          json_object_set_new(o, "warc_record_id", utf8_string(rec->record_id)) != 0 ||
	          json_object_set_new(o, "warc_date", utf8_string(rec->date)) != 0)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int wn_stream_warc(int fd, FILE *out, const wn_options *opts,
                   const struct wn_stream *cfg, char *err, size_t errlen)
{
	struct source src = {fd, out, 0};
	wn_doc *doc = wn_doc_new(opts);
	wn_warc_reader *r = wn_warc_new(source_read, &src, cfg->max_record);
	if (doc == NULL || r == NULL) {
		wn_doc_free(doc);
		wn_warc_free(r);
		snprintf(err, errlen, "out of memory");
		return WN_STREAM_OUTPUT;
	}
	int rc = WN_STREAM_OK;
	while (rc == WN_STREAM_OK) {
		struct wn_warc_record rec;
		int k = wn_warc_next(r, &rec);
		if (k == WN_WARC_END)
			break;
		if (k == WN_WARC_FATAL) {
			/* the flush before a read, a read error, or memory (the
			 * reader's own words) */
			if (src.out_errno) {
				rc = read_failed(&src, err, errlen);
				break;
			}
			snprintf(err, errlen, "%s", wn_warc_errmsg(r));
			rc = strcmp(err, "out of memory") == 0 ? WN_STREAM_OUTPUT : WN_STREAM_INPUT;
			break;
		}
		json_t *obj = NULL;
		if (k == WN_WARC_BAD) {
			obj = with_error(warc_object(&rec), wn_warc_errmsg(r));
		} else {
			if (strcmp(rec.type, "response") != 0 || !rec.is_html)
				continue;
			obj = warc_object(&rec);
			if (obj) {
				wn_doc_set_url(doc, rec.target_uri);
				wn_doc_set_http_charset(doc, rec.charset);
				wn_doc_set_fetch_date(doc, rec.date);
				if (load_and_fill(obj, doc, rec.payload, rec.payload_len, cfg) != 0)
					json_decref(obj), obj = NULL;
			}
			/* one record's failure is its line's error, not the stream's end */
			if (obj == NULL)
				obj = with_error(warc_object(&rec), UNWRITABLE);
		}
		rc = emit(obj, out, err, errlen);
	}
	wn_warc_free(r);
	wn_doc_free(doc);
	return rc;
}
