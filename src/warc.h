/*
 * warc.h - a streaming reader of WARC/1.0 and WARC/1.1 files, internal to
 * the library (the CLI's WARC mode turns each HTML response into a line).
 *
 *   read callback --gzip members, or plain--> records --> HTTP payloads
 *
 * The input comes through a read callback, so stdin and pipes work; it is
 * never seeked.  Compression is found from the first two bytes, not from
 * a file name: gzip data is read as a sequence of members, which covers
 * both ".warc.gz" with one member per record and a whole file gzipped as
 * one member.
 *
 * A record's Content-Length is checked: the end of the record (CRLF
 * CRLF, or the next "WARC/" line) must follow the block.  When it does
 * not, or the data ends first, the record is reported bad and reading
 * goes on at the next header that parses ("WARC/1.0" or "WARC/1.1" at the
 * start of a line, then header lines with a WARC-Type or WARC-Record-ID
 * and a Content-Length), looked for inside the block too, so that a too
 * long length swallows nothing.  A gzip member that is corrupt or cut
 * short is one bad result, and reading goes on at the next member
 * header, even one its deflate data ran into.  All of it is linear in the
 * input.
 *
 * Memory stays bounded whatever the input: a 64 KiB input buffer, the
 * WARC header section (at most 64 KiB) and a window of decompressed data
 * that holds one record (header, block, end) and may round up to twice
 * that, max_record being the largest block it holds.  Nothing here
 * prints or exits.
 */
#ifndef WN_WARC_H
#define WN_WARC_H

#include <stddef.h>
#include <sys/types.h>

/* Both the WARC header section and the HTTP one may hold this much. */
#define WN_WARC_MAX_HEADER (64 * 1024)

/*
 * Reads at most n bytes into buf: returns how many (> 0), 0 at the end of
 * the input, or -1 on an error (the reader then stops with
 * WN_WARC_FATAL).  Short reads are fine.
 */
typedef ssize_t (*wn_warc_read_fn)(void *ctx, void *buf, size_t n);

typedef struct wn_warc_reader wn_warc_reader;

/* What wn_warc_next returns. */
enum {
	WN_WARC_RECORD = 1, /* *rec holds a record */
	WN_WARC_END = 0,    /* clean end of the input; stays so */
	WN_WARC_BAD = -1,   /* this record (or stretch of input) is bad; call
	                     * again for the next one */
	WN_WARC_FATAL = -2  /* read error or out of memory; stays so */
};

/*
 * One record.  Every pointer is owned by the reader and valid until the
 * next wn_warc_next or wn_warc_free; strings are never NULL ("" when the
 * header is absent).
 */
struct wn_warc_record {
	const char *version;      /* "WARC/1.0", "WARC/1.1", as written */
	const char *type;         /* WARC-Type: "response", "request", ... */
	const char *target_uri;   /* WARC-Target-URI, without any <> */
	const char *record_id;    /* WARC-Record-ID as written: "<urn:uuid:...>" */
	const char *date;         /* WARC-Date */
	const char *content_type; /* the record's Content-Type, e.g.
	                           * "application/http; msgtype=response" */
	/* Response records whose Content-Type is application/http: */
	int http_status;               /* 200, 404, ...; 0 for other records */
	const char *http_content_type; /* the HTTP Content-Type header */
	/*
	 * The payload's media type: the HTTP Content-Type for HTTP
	 * responses, the record's Content-Type for the others.  charset is
	 * its charset= parameter without quotes.  is_html is 1 when it is
	 * text/html or application/xhtml+xml, or when it is absent and the
	 * payload starts like HTML.
	 */
	const char *charset;
	int is_html;
	/*
	 * The HTTP body for HTTP responses (headers stripped, chunked
	 * transfer coding undone; a Content-Encoding such as gzip is left
	 * as it is), else the whole record block.  A NUL byte follows it,
	 * not counted in payload_len.  NULL with WN_WARC_BAD.
	 */
	const unsigned char *payload;
	size_t payload_len;
};

/*
 * A reader over read(ctx, ...).  max_record bounds the record block a
 * record may have (0: no bound): a longer record is read past without
 * being stored and reported as WN_WARC_BAD, with its header fields set;
 * as its length cannot be checked first, a record found inside it whose
 * own length checks out ends it.
 * NULL when out of memory.
 */
wn_warc_reader *wn_warc_new(wn_warc_read_fn read, void *ctx,
                            size_t max_record);

/* The same over a file descriptor, which stays the caller's to close.
 * After WN_WARC_FATAL, errno is read(2)'s. */
wn_warc_reader *wn_warc_new_fd(int fd, size_t max_record);

/*
 * Reads the next record into *rec (see the enum above for the return).
 * With WN_WARC_BAD, wn_warc_errmsg says why ("truncated record", "record
 * of N bytes is over the limit", "garbage between records", "Content-Length
 * N does not end the record (record at offset X, next one at Y)", ...;
 * offsets count decompressed bytes) and the fields of *rec that could be
 * read are set, so that the caller can name the record; the reader has
 * already moved on to the next record header or gzip member.  A truncated file gives WN_WARC_BAD once, then WN_WARC_END.
 */
int wn_warc_next(wn_warc_reader *r, struct wn_warc_record *rec);

/* Why the last call returned WN_WARC_BAD or WN_WARC_FATAL; "" else. */
const char *wn_warc_errmsg(const wn_warc_reader *r);

/* Frees the reader and its records; NULL is fine. */
void wn_warc_free(wn_warc_reader *r);

#endif
