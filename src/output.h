/*
 * output.h - what the command was asked to write for each page (output.c):
 * the format and the options on it, mapped onto wn_doc_render.  Shared by
 * the single-file, directory and stream modes of the command; not part of
 * the library.
 */
#ifndef WN_OUTPUT_H
#define WN_OUTPUT_H

#include <stddef.h>

#include "winnow.h"

struct wn_output {
	wn_format format; /* text, markdown, json or jsonl (-f) */
	int title;        /* --title: the title first (text, Markdown) */
	int explain;      /* --explain: the blocks (text) or "blocks" (JSON) */
	int markdown;     /* --with-markdown: "markdown" in JSON */
};

/* The file name extension of a format, with its dot (".txt", ".md" ...). */
const char *wn_output_ext(wn_format f);

/* The markdown bits (WN_MD_*) that options need for this output. */
unsigned wn_output_markdown_flags(const struct wn_output *r, unsigned links_images);

/* The loaded doc's output: *out is malloc'd (len bytes).  *empty is set
 * when no article was found.  Returns WN_OK or WN_ERR_NOMEM. */
wn_status wn_output_doc(const struct wn_output *r, const wn_doc *doc, char **out,
                        size_t *len, int *empty);

#endif
