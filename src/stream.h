/*
 * stream.h - the command's stream modes (stream.c): JSON Lines in, JSON
 * Lines out, one output line for every input line; and WARC files in,
 * one JSON line for every HTML response.  Not part of the library.
 */
#ifndef WN_STREAM_H
#define WN_STREAM_H

#include <stdio.h>

#include "render.h"
#include "winnow.h"

struct wn_stream {
	const char *html_field; /* the input key holding HTML ("html") */
	const char *text_field; /* ... or scraped text ("text") */
	const char *url_field;  /* ... and the page's address ("url") */
	size_t max_record;      /* longest record read (options.max_input) */
	int markdown;           /* --with-markdown */
	int explain;            /* -x: "blocks" */
};

/* Reads JSON Lines from in and writes one line to out for each; a bad
 * record gets an "error" key.  opts are the page options (their encoding
 * is forced to UTF-8: JSON strings are Unicode).  Returns 0, or -1 when
 * in cannot be read or out written (errno set), with a message in err. */
int wn_stream_jsonl(FILE *in, FILE *out, const struct wn_options *opts,
                    const struct wn_stream *cfg, char *err, size_t errlen);

/* Reads a WARC file (plain or gzip) from fd and writes one JSON line for
 * each HTML response record, and one with "error" for each bad record.
 * Returns 0, or -1 on a read or write error or when out of memory. */
int wn_stream_warc(int fd, FILE *out, const struct wn_options *opts,
                   const struct wn_stream *cfg, char *err, size_t errlen);

#endif
