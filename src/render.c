/*
 * render.c - the output formats and their dispatch (winnow.h,
 * wn_doc_render): text and Markdown, with a title line or heading on
 * request, JSON indented or on one line, and the explain table.  The
 * writers are write_text.c, write_markdown.c, write_json.c and
 * explain.c; doc.c hands each the loaded page.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "page.h"

wn_status wn_format_parse(const char *s, wn_format *f)
{
	static const struct {
		const char *name;
		wn_format format;
	} names[] = {
	    {"text", WN_FORMAT_TEXT},   {"txt", WN_FORMAT_TEXT},    {"markdown", WN_FORMAT_MARKDOWN},
	    {"md", WN_FORMAT_MARKDOWN}, {"json", WN_FORMAT_JSON},   {"jsonl", WN_FORMAT_JSONL},
	    {"explain", WN_FORMAT_EXPLAIN},
	};
	for (size_t i = 0; s && f && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i].name) == 0) {
			*f = names[i].format;
			return WN_OK;
		}
	return WN_ERR_ARG;
}

/* body (blen bytes, malloc'd, taken) with the title in front of it: a
 * line, or with a prefix ("# ") a heading whose text stays text. */
static wn_status with_title(const wn_doc *doc, const char *prefix, char *body, size_t blen,
                            char **out, size_t *len)
{
	const char *title = wn_doc_metadata(doc)->title;
	if (*title == '\0') {
		*out = body;
		if (len)
			*len = blen;
		return WN_OK;
	}
	struct wn_buf b = WN_BUF_INIT;
	wn_buf_puts(&b, prefix);
	if (*prefix)
		/* a title that starts like Markdown syntax stays text */
		for (const char *t = title; *t; t++) {
			if (strchr("\\`*_[]<", *t))
				wn_buf_putc(&b, '\\');
			wn_buf_putc(&b, *t);
		}
	else
		wn_buf_puts(&b, title);
	wn_buf_puts(&b, "\n\n");
	wn_buf_put(&b, body, blen);
	free(body);
	if (wn_buf_detach(&b, out, len) != 0) {
		wn_buf_free(&b);
		return WN_ERR_NOMEM;
	}
	return WN_OK;
}

wn_status wn_doc_render(const wn_doc *doc, wn_format format, unsigned flags, char **out,
                        size_t *len)
{
	if (doc == NULL || out == NULL)
		return WN_ERR_ARG;
	char *body;
	size_t blen;
	wn_status st;
	switch (format) {
	case WN_FORMAT_JSON:
	case WN_FORMAT_JSONL:
		return wn_doc_json(doc,
		                   (format == WN_FORMAT_JSONL ? WN_JSON_LINE : 0) |
		                       (flags & WN_RENDER_MARKDOWN ? WN_JSON_MARKDOWN : 0) |
		                       (flags & WN_RENDER_BLOCKS ? WN_JSON_BLOCKS : 0),
		                   out, len);
	case WN_FORMAT_EXPLAIN:
		return wn_doc_explain(doc, out, len);
	case WN_FORMAT_TEXT:
	case WN_FORMAT_MARKDOWN:
		st = format == WN_FORMAT_MARKDOWN ? wn_doc_markdown(doc, &body, &blen)
		                                  : wn_doc_text(doc, &body, &blen);
		if (st != WN_OK)
			return st;
		if (!(flags & WN_RENDER_TITLE) || blen == 0) {
			*out = body;
			if (len)
				*len = blen;
			return WN_OK;
		}
		return with_title(doc, format == WN_FORMAT_MARKDOWN ? "# " : "", body, blen, out, len);
	}
	return WN_ERR_ARG;
}
