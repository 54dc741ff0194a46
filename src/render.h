/*
 * render.h - one page in, one output out, in the format the command was
 * asked for (render.c).  Shared by the single-file, directory and stream
 * modes of the command; not part of the library.
 */
#ifndef WN_RENDER_H
#define WN_RENDER_H

#include <stddef.h>

#include "winnow.h"

enum wn_format { WN_FORMAT_TEXT, WN_FORMAT_MARKDOWN, WN_FORMAT_JSON, WN_FORMAT_JSONL };

struct wn_render {
	enum wn_format format;
	int title;    /* --title: the title first (text, Markdown) */
	int explain;  /* --explain: the blocks (text) or "blocks" (JSON) */
	int markdown; /* --with-markdown: "markdown" in JSON */
};

/* The file name extension of a format, with its dot (".txt", ".md" ...). */
const char *wn_format_ext(enum wn_format f);

/* Parses "text", "markdown" (or "md"), "json", "jsonl"; -1 when unknown. */
int wn_format_parse(const char *s, enum wn_format *f);

/* The markdown bits (WN_MD_*) that options need for this output. */
unsigned wn_render_markdown_flags(const struct wn_render *r, unsigned links_images);

/* The loaded doc's output: *out is malloc'd (len bytes).  *empty is set
 * when no article was found.  Returns WN_OK or WN_ERR_NOMEM. */
wn_status wn_render_doc(const struct wn_render *r, const wn_doc *doc, char **out,
                        size_t *len, int *empty);

#endif
