/*
 * fuzz_jsonl.c - libFuzzer target: the JSON Lines stream of winnow --jsonl
 * (wn_stream_jsonl in src/stream.c), fed from a temporary file and
 * writing to memory (open_memstream).
 *
 * The first byte chooses the options: bit 0 -x ("blocks"), bit 1
 * --with-markdown, bits 2-3 --max-size (none, 64, 1024, or the 8 bytes
 * after the second byte, little-endian), bit 4 pads one line (the second
 * byte chooses which) with spaces to one byte over the stream's line
 * limit, bits 5-6 the field names (html/text/url; h/t/u; p/p/p; and
 * text/html/html, the page in "text" and the url field being the text
 * field), bit 7 a small memory cap and nesting bound.  The rest is the
 * stream.
 *
 * A line is what ends with '\n', and a last line without one; an empty
 * line is a line (it is not JSON: an "error" line).  The stream's own
 * limit on a line is 6 * max-size + 64 KiB bytes (a page JSON-escaped and
 * the record's other fields), no limit without --max-size.
 *
 * Checks (a broken one traps: SIGILL, as in fuzz_html.c):
 *  - wn_stream_jsonl returns WN_STREAM_OK: the input cannot fail to read,
 *    and a bad record is a line, never the end of the stream;
 *  - the output is valid UTF-8 without NUL bytes or a raw U+2028/U+2029,
 *    and has exactly one line for every input line;
 *  - every output line is a JSON object (json_loads);
 *  - a line over the limit, a line that is not JSON and one that is not
 *    an object give {"error": "..."} and nothing else (no line number:
 *    the output line stands where the input line stood); a line within
 *    the limit is never "over the limit", and one of max-size bytes or
 *    fewer is within it;
 *  - a record keeps its other fields: each key of the input object that
 *    is not its page nor a key the JSON format writes is in the output
 *    with the same value, and so is a metadata key ("url", "title" ...)
 *    that the record had with a non-null value; the page's key is gone
 *    (unless the JSON format writes that key); the output has no other
 *    keys than the record's and the format's; a record without a page
 *    has "error"; a cleaned one has "text" (or "error" when it could not
 *    be cleaned);
 *  - a line's output depends on that line alone (Hadoop and Spark split
 *    a stream anywhere): each output line is the same bytes as a stream
 *    of that line alone gives.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <utf8proc.h>

#include "stream.h"
#include "options.h"
#include "winnow.h"

#define CHECK(c)                                                                   \
	do {                                                                       \
		if (!(c)) {                                                        \
			fprintf(stderr, "fuzz_jsonl.c:%d: failed: %s\n", __LINE__, #c); \
			__builtin_trap();                                          \
		}                                                                  \
	} while (0)

/* The keys the JSON format writes: the metadata keys, which a record's
 * own non-null value keeps, and the others, always written. */
/* The metadata keys: a record's own value that is not null stays. */
static const char *const meta_keys[] = {
    "url",      "title",    "author",           "date",     "date_modified",
    "sitename", "description", "language",      "language_detected",
    "language_confidence", "image", "categories", "tags", "skipped"};
static const char *const format_keys[] = {"error", "text", "markdown", "blocks", "region"};

static int in_list(const char *key, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(key, list[i]) == 0)
			return 1;
	return 0;
}

static int is_meta_key(const char *key)
{
	return in_list(key, meta_keys, sizeof meta_keys / sizeof meta_keys[0]);
}

static int is_format_key(const char *key)
{
	return in_list(key, format_keys, sizeof format_keys / sizeof format_keys[0]) ||
	       is_meta_key(key);
}

static void check_utf8(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(n - i), &cp);
		CHECK(k > 0 && cp != 0 && cp != 0x2028 && cp != 0x2029);
		i += (size_t)k;
	}
}

/* Runs the stream on data (len bytes); *out is malloc'd (*outlen bytes). */
static void run(const char *data, size_t len, const struct wn_options *opts,
                const struct wn_stream *cfg, char **out, size_t *outlen)
{
	/* The stream reads a file descriptor: a temporary file holding the
	 * data (a regular file, which is always ready to read). */
	FILE *in = tmpfile();
	CHECK(in != NULL);
	CHECK(fwrite(data, 1, len, in) == len && fflush(in) == 0);
	rewind(in);
	*out = NULL;
	*outlen = 0;
	FILE *o = open_memstream(out, outlen);
	CHECK(o != NULL);
	char err[512] = "";
	int rc = wn_stream_jsonl(fileno(in), o, opts, cfg, err, sizeof err);
	CHECK(rc == WN_STREAM_OK);
	CHECK(fclose(o) == 0);
	fclose(in);
}

/* The "error" string of an object that must have nothing else. */
static const char *only_error(json_t *o)
{
	json_t *e = json_object_get(o, "error");
	CHECK(json_object_size(o) == 1 && json_is_string(e));
	return json_string_value(e);
}

/* A record's output against its input. */
static void check_record(json_t *in, json_t *out, const struct wn_stream *cfg)
{
	const char *page_key = NULL;
	if (json_is_string(json_object_get(in, cfg->html_field)))
		page_key = cfg->html_field;
	else if (json_is_string(json_object_get(in, cfg->text_field)))
		page_key = cfg->text_field;

	const char *key;
	json_t *v;
	json_object_foreach(in, key, v) {
		if (page_key && strcmp(key, page_key) == 0)
			continue;
		json_t *w = json_object_get(out, key);
		if (!is_format_key(key) || (is_meta_key(key) && !json_is_null(v)))
			CHECK(w != NULL && json_equal(v, w));
	}
	json_object_foreach(out, key, v) {
		if (page_key && strcmp(key, page_key) == 0)
			CHECK(is_format_key(key));
		else
			CHECK(json_object_get(in, key) != NULL || is_format_key(key));
	}
	json_t *error = json_object_get(out, "error");
	if (page_key == NULL) {
		CHECK(json_is_string(error));
		CHECK(json_object_size(out) == json_object_size(in) + !json_object_get(in, "error"));
		return;
	}
	if (json_object_get(in, "error"))
		return; /* its own "error": cleaned or not, cannot be told */
	if (json_is_string(error))
		return; /* the page could not be cleaned */
	/* Cleaned: every key of the format; the lists are arrays, the
	 * confidence a number from 0 to 1 or null, the other metadata a
	 * non-empty string or null. */
	for (size_t i = 0; i < sizeof meta_keys / sizeof meta_keys[0]; i++) {
		json_t *had = json_object_get(in, meta_keys[i]);
		if (had && !json_is_null(had))
			continue; /* the record's own, checked above */
		json_t *m = json_object_get(out, meta_keys[i]);
		if (strcmp(meta_keys[i], "categories") == 0 || strcmp(meta_keys[i], "tags") == 0)
			CHECK(json_is_array(m));
		else if (strcmp(meta_keys[i], "language_confidence") == 0)
			CHECK(json_is_null(m) || (json_is_real(m) && json_real_value(m) >= 0 &&
			                          json_real_value(m) <= 1));
		else
			CHECK(json_is_null(m) || (json_is_string(m) && *json_string_value(m) != '\0'));
	}
	CHECK(json_is_string(json_object_get(out, "text")));
	CHECK(!cfg->markdown || json_is_string(json_object_get(out, "markdown")));
	CHECK(!cfg->explain || json_is_array(json_object_get(out, "blocks")));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct {
		const char *html, *text, *url;
	} fields[] = {
		{"html", "text", "url"},
		{"h", "t", "u"},
		{"p", "p", "p"},
		{"text", "html", "html"},
	};
	if (size < 2)
		return 0;
	uint8_t flags = data[0], where = data[1];
	data += 2;
	size -= 2;
	size_t max_record = 0;
	switch ((flags >> 2) & 3) {
	case 1:
		max_record = 64;
		break;
	case 2:
		max_record = 1024;
		break;
	case 3:
		if (size < 8)
			return 0;
		for (int i = 7; i >= 0; i--)
			max_record = (max_record << 8) | data[i];
		data += 8;
		size -= 8;
		break;
	}
	/* The stream's limit on a line; 0 for none. */
	size_t limit = 0;
	if (max_record && max_record <= (SIZE_MAX / 2 - 65536) / 6)
		limit = max_record * 6 + 65536;

	struct wn_options opts;
	wn_options_init(&opts);
	opts.time_limit = 0; /* the output must not depend on the clock */
	opts.max_input = max_record;
	if (flags & 0x80) {
		opts.max_memory = 1 << 20;
		opts.max_nesting = 8;
	}
	struct wn_stream cfg = {fields[(flags >> 5) & 3].html, fields[(flags >> 5) & 3].text,
	                        fields[(flags >> 5) & 3].url, max_record, (flags & 2) != 0,
	                        (flags & 1) != 0};

	/* The lines: starts and lengths (without the '\n'). */
	size_t nlines = 0;
	for (size_t i = 0; i < size; i++)
		nlines += data[i] == '\n';
	if (size > 0 && data[size - 1] != '\n')
		nlines++;
	size_t *start = malloc((nlines + 1) * sizeof *start);
	size_t *len = malloc((nlines + 1) * sizeof *len);
	CHECK(start && len);
	for (size_t i = 0, l = 0, s = 0; i <= size; i++)
		if (i == size ? i > s : data[i] == '\n') {
			start[l] = s;
			len[l++] = i - s;
			s = i + 1;
		}

	/* The stream, one line padded with spaces to over the limit. */
	char *stream = NULL;
	size_t slen = size;
	size_t padded = SIZE_MAX;
	if ((flags & 0x10) && limit && limit <= (1 << 20) && nlines > 0) {
		padded = where % nlines;
		size_t pad = limit + 1 - (len[padded] < limit ? len[padded] : limit);
		slen = size + pad;
		stream = malloc(slen);
		CHECK(stream != NULL);
		size_t end = start[padded] + len[padded];
		memcpy(stream, data, end);
		memset(stream + end, ' ', pad);
		memcpy(stream + end + pad, data + end, size - end);
		len[padded] += pad;
		for (size_t l = padded + 1; l < nlines; l++)
			start[l] += pad;
	} else {
		stream = malloc(size ? size : 1);
		CHECK(stream != NULL);
		memcpy(stream, data, size);
	}

	char *out;
	size_t outlen;
	run(stream, slen, &opts, &cfg, &out, &outlen);
	check_utf8(out, outlen);
	CHECK(outlen == 0 || out[outlen - 1] == '\n');

	const char *p = out, *end = out + outlen;
	for (size_t l = 0; l < nlines; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		CHECK(nl != NULL);
		size_t n = (size_t)(nl - p);
		json_error_t jerr;
		json_t *o = json_loadb(p, n, JSON_ALLOW_NUL, &jerr);
		CHECK(json_is_object(o));

		/* What the line is, read as the stream reads it. */
		const char *line = stream + start[l];
		int over = limit && len[l] > limit;
		CHECK(l != padded || over);
		json_t *in = over ? NULL : json_loadb(line, len[l], JSON_ALLOW_NUL, &jerr);
		if (!json_is_object(in)) {
			const char *e = only_error(o);
			if (over)
				CHECK(strcmp(e, "the record is over the limit (--max-size)") == 0);
			else if (in == NULL)
				CHECK(strncmp(e, "not JSON: ", 10) == 0);
			else
				CHECK(strcmp(e, "not a JSON object") == 0);
		} else {
			check_record(in, o, &cfg);
		}

		/* The same line alone: the same output line, byte for byte. */
		char *alone = malloc(len[l] + 1), *one;
		size_t onelen;
		CHECK(alone != NULL);
		memcpy(alone, line, len[l]);
		alone[len[l]] = '\n';
		run(alone, len[l] + 1, &opts, &cfg, &one, &onelen);
		free(alone);
		CHECK(onelen == n + 1 && memcmp(one, p, n + 1) == 0);
		free(one);
		json_decref(in);
		json_decref(o);
		p = nl + 1;
	}
	CHECK(p == end);
	free(out);
	free(stream);
	free(start);
	free(len);
	return 0;
}
