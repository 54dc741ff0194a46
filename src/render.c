/*
 * render.c - the command's output formats over the library's writers:
 * text (with --title, a title line), Markdown (with --title, a level-one
 * heading), JSON and JSON Lines, and --explain.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "page.h"
#include "render.h"

const char *wn_format_ext(enum wn_format f)
{
	switch (f) {
	case WN_FORMAT_MARKDOWN:
		return ".md";
	case WN_FORMAT_JSON:
		return ".json";
	case WN_FORMAT_JSONL:
		return ".jsonl";
	default:
		return ".txt";
	}
}

int wn_format_parse(const char *s, enum wn_format *f)
{
	if (strcmp(s, "text") == 0 || strcmp(s, "txt") == 0)
		*f = WN_FORMAT_TEXT;
	else if (strcmp(s, "markdown") == 0 || strcmp(s, "md") == 0)
		*f = WN_FORMAT_MARKDOWN;
	else if (strcmp(s, "json") == 0)
		*f = WN_FORMAT_JSON;
	else if (strcmp(s, "jsonl") == 0)
		*f = WN_FORMAT_JSONL;
	else
		return -1;
	return 0;
}

unsigned wn_render_markdown_flags(const struct wn_render *r, unsigned links_images)
{
	int md = r->format == WN_FORMAT_MARKDOWN ||
	         ((r->format == WN_FORMAT_JSON || r->format == WN_FORMAT_JSONL) && r->markdown);
	return md ? WN_MD_ON | links_images : 0;
}

/* text with a title line (or heading) in front of it */
static wn_status with_title(const wn_doc *doc, const char *prefix, char *body, size_t blen,
                            char **out, size_t *len)
{
	const char *title = wn_doc_metadata(doc)->title;
	if (*title == '\0') {
		*out = body;
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

/* Whether any block was kept, without writing the text again. */
static int has_article(const wn_doc *doc)
{
	const struct wn_page *pg = wn_doc_page(doc);
	for (size_t i = 0; pg && i < pg->nblocks; i++)
		if (pg->blocks[i].pub.decision == WN_KEEP)
			return 1;
	return 0;
}

wn_status wn_render_doc(const struct wn_render *r, const wn_doc *doc, char **out,
                        size_t *len, int *empty)
{
	char *body = NULL;
	size_t blen = 0;
	wn_status st;
	*empty = 0;
	if (r->format == WN_FORMAT_JSON || r->format == WN_FORMAT_JSONL) {
		unsigned flags = (r->format == WN_FORMAT_JSONL ? WN_JSON_LINE : 0) |
		                 (r->markdown ? WN_JSON_MARKDOWN : 0) |
		                 (r->explain ? WN_JSON_BLOCKS : 0);
		*empty = !has_article(doc);
		return wn_doc_json(doc, flags, out, len);
	}
	if (r->explain)
		return wn_doc_explain(doc, out, len);
	st = r->format == WN_FORMAT_MARKDOWN ? wn_doc_markdown(doc, &body, &blen)
	                                     : wn_doc_text(doc, &body, &blen);
	if (st != WN_OK)
		return st;
	*empty = blen == 0;
	if (!r->title || *empty) {
		*out = body;
		*len = blen;
		return WN_OK;
	}
	return with_title(doc, r->format == WN_FORMAT_MARKDOWN ? "# " : "", body, blen, out, len);
}
