/*
 * output.c - the command's choice of output (-f, --title, -x,
 * --with-markdown) as a format and flags of wn_doc_render, which writes
 * every format.
 */
#include "output.h"

const char *wn_output_ext(wn_format f)
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

static int is_json(const struct wn_output *r)
{
	return r->format == WN_FORMAT_JSON || r->format == WN_FORMAT_JSONL;
}

unsigned wn_output_markdown_flags(const struct wn_output *r, unsigned links_images)
{
	int md = r->format == WN_FORMAT_MARKDOWN || (is_json(r) && r->markdown);
	return md ? WN_MD_ON | links_images : 0;
}

wn_status wn_output_doc(const struct wn_output *r, const wn_doc *doc, char **out, size_t *len,
                        int *empty)
{
	wn_format f = r->format;
	unsigned flags = (r->title ? WN_RENDER_TITLE : 0) | (r->markdown ? WN_RENDER_MARKDOWN : 0);
	if (r->explain && is_json(r))
		flags |= WN_RENDER_BLOCKS;
	else if (r->explain)
		f = WN_FORMAT_EXPLAIN;
	wn_status st = wn_doc_render(doc, f, flags, out, len);
	/* text and Markdown are empty without an article, and only then */
	*empty = st == WN_OK && (is_json(r) ? wn_doc_kept_count(doc) == 0 : *len == 0 && !r->explain);
	return st;
}
