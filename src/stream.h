/*
 * stream.h - the command's stream modes (stream.c): JSON Lines in, JSON
 * Lines out, one output line for every input line; and WARC files in,
 * one JSON line for every HTML response.  Not part of the library.
 */
#ifndef WN_STREAM_H
#define WN_STREAM_H

#include <stdio.h>

#include "output.h"
#include "winnow.h"

struct wn_stream {
	const char *html_field; /* the input key holding HTML ("html") */
	const char *text_field; /* ... or scraped text ("text") */
	const char *url_field;  /* ... and the page's address ("url") */
	size_t max_record;      /* longest record read (options.max_input) */
	int markdown;           /* --with-markdown */
	int explain;            /* -x: "blocks" */
};

/* What the stream functions return; a message is in err for the last two. */
enum {
	WN_STREAM_OK = 0,
	WN_STREAM_INPUT = -1, /* the input could not be read */
	WN_STREAM_OUTPUT = -2 /* the output could not be written, or memory ran out */
};

/* Reads JSON Lines from fd and writes one line to out for each; a bad
 * record gets an "error" key.  opts are the page options (their encoding
 * is forced to UTF-8: JSON strings are Unicode).  Both stream functions
 * flush out whenever the next read of fd would wait (so a co-process
 * that writes a record gets its line), and otherwise leave out to its
 * buffer.  Returns WN_STREAM_*. */
int wn_stream_jsonl(int fd, FILE *out, const wn_options *opts,
                    const struct wn_stream *cfg, char *err, size_t errlen);

/* Reads a WARC file (plain or gzip) from fd and writes one JSON line for
 * each HTML response record, and one with "error" for each bad record.
 * Returns WN_STREAM_*. */
int wn_stream_warc(int fd, FILE *out, const wn_options *opts,
                   const struct wn_stream *cfg, char *err, size_t errlen);

#endif
