/*
 * test_warc.c - the streaming WARC reader (src/warc.c).
 *
 * The WARC files are built here, in memory: plain, gzipped per record
 * and gzipped whole, fed through a read callback that can hand out a
 * few bytes at a time.  Every run of the reader is bounded by a call
 * count, so a reader that loops fails the test instead of hanging it.
 */
#include <check.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "buf.h"
#include "warc.h"

/* ---- building WARC files --------------------------------------------- */

/* One record: its headers are "Name: value" lines joined by eol. */
static void add_record(struct wn_buf *b, const char *version,
                       const char *type, const char *uri,
                       const char *ctype, const void *block, size_t len,
                       const char *eol)
{
	static unsigned serial;
	wn_buf_printf(b, "%s%s", version, eol);
	wn_buf_printf(b, "WARC-Type: %s%s", type, eol);
	if (uri != NULL)
		wn_buf_printf(b, "WARC-Target-URI: %s%s", uri, eol);
	wn_buf_printf(b, "WARC-Date: 2024-01-02T03:04:05Z%s", eol);
	wn_buf_printf(b, "WARC-Record-ID: <urn:uuid:%08u-0000-0000-0000-000000000000>%s",
	              ++serial, eol);
	if (ctype != NULL)
		wn_buf_printf(b, "Content-Type: %s%s", ctype, eol);
	wn_buf_printf(b, "Content-Length: %zu%s%s", len, eol, eol);
	wn_buf_put(b, block, len);
	wn_buf_printf(b, "%s%s", eol, eol);
	ck_assert_int_eq(b->failed, 0);
}

static void add_text(struct wn_buf *b, const char *version, const char *type,
                     const char *uri, const char *ctype, const char *block)
{
	add_record(b, version, type, uri, ctype, block, strlen(block), "\r\n");
}

#define HTTP_RESPONSE "application/http; msgtype=response"
#define HTTP_REQUEST "application/http; msgtype=request"
#define PAGE "<!DOCTYPE html><html><body><p>Hello, world.</p></body></html>"

static void add_response(struct wn_buf *b, const char *version,
                         const char *uri, const char *headers,
                         const char *body)
{
	struct wn_buf blk = WN_BUF_INIT;
	wn_buf_printf(&blk, "HTTP/1.1 200 OK\r\n%s\r\n%s", headers, body);
	add_record(b, version, "response", uri, HTTP_RESPONSE, blk.data,
	           blk.size, "\r\n");
	wn_buf_free(&blk);
}

/* Appends data as one gzip member. */
static void gzip_member(struct wn_buf *out, const void *data, size_t len)
{
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	ck_assert_int_eq(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
	                              Z_DEFAULT_STRATEGY), Z_OK);
	size_t bound = deflateBound(&zs, (uLong)len);
	ck_assert_int_eq(wn_buf_grow(out, bound), 0);
	zs.next_in = (Bytef *)(uintptr_t)data;
	zs.avail_in = (uInt)len;
	zs.next_out = (Bytef *)out->data + out->size;
	zs.avail_out = (uInt)bound;
	ck_assert_int_eq(deflate(&zs, Z_FINISH), Z_STREAM_END);
	out->size += bound - zs.avail_out;
	deflateEnd(&zs);
}

/* A plain file whose records start at the given offsets (n of them),
 * recompressed one gzip member per record. */
static void gzip_records(struct wn_buf *out, const struct wn_buf *plain,
                         const size_t *starts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t end = i + 1 < n ? starts[i + 1] : plain->size;
		gzip_member(out, plain->data + starts[i], end - starts[i]);
	}
}

/* The five record types of a crawl, WARC/1.1; starts gets the offsets. */
static void crawl(struct wn_buf *b, size_t starts[5])
{
	starts[0] = b->size;
	add_text(b, "WARC/1.1", "warcinfo", NULL, "application/warc-fields",
	         "software: test\r\nformat: WARC File Format 1.1\r\n");
	starts[1] = b->size;
	add_text(b, "WARC/1.1", "request", "http://example.com/", HTTP_REQUEST,
	         "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");
	starts[2] = b->size;
	add_response(b, "WARC/1.1", "http://example.com/",
	             "Content-Type: text/html; charset=UTF-8\r\n", PAGE);
	starts[3] = b->size;
	add_text(b, "WARC/1.1", "metadata", "http://example.com/",
	         "application/warc-fields", "fetchTimeMs: 12\r\n");
	starts[4] = b->size;
	add_text(b, "WARC/1.1", "resource", "file:///a.png", "image/png",
	         "\x89PNG\r\n\x1A\n");
}

/* ---- reading them back ----------------------------------------------- */

struct src {
	const unsigned char *p;
	size_t len, pos;
	size_t step; /* most bytes per read; 0: all asked for */
	int fail_at; /* reads before a failing one; -1: never */
};

static ssize_t src_read(void *ctx, void *buf, size_t n)
{
	struct src *s = ctx;
	if (s->fail_at == 0)
		return -1;
	if (s->fail_at > 0)
		s->fail_at--;
	size_t k = s->len - s->pos;
	if (k > n)
		k = n;
	if (s->step && k > s->step)
		k = s->step;
	if (k > 0)
		memcpy(buf, s->p + s->pos, k);
	s->pos += k;
	return (ssize_t)k;
}

/* One wn_warc_next result, copied out of the reader. */
struct got {
	int rc;
	char version[16], type[16], uri[64], id[64], date[32], ctype[64];
	char http_ct[64], charset[32], err[128];
	int status, is_html;
	unsigned char *payload;
	size_t len;
};

#define MAX_GOT 64

struct run {
	struct got g[MAX_GOT];
	size_t n;
};

static void copy_str(char *dst, size_t cap, const char *s)
{
	ck_assert_ptr_nonnull(s);
	snprintf(dst, cap, "%s", s);
}

static void keep(struct got *g, int rc, const struct wn_warc_record *rec,
                 const wn_warc_reader *r)
{
	memset(g, 0, sizeof *g);
	g->rc = rc;
	copy_str(g->version, sizeof g->version, rec->version);
	copy_str(g->type, sizeof g->type, rec->type);
	copy_str(g->uri, sizeof g->uri, rec->target_uri);
	copy_str(g->id, sizeof g->id, rec->record_id);
	copy_str(g->date, sizeof g->date, rec->date);
	copy_str(g->ctype, sizeof g->ctype, rec->content_type);
	copy_str(g->http_ct, sizeof g->http_ct, rec->http_content_type);
	copy_str(g->charset, sizeof g->charset, rec->charset);
	copy_str(g->err, sizeof g->err, wn_warc_errmsg(r));
	g->status = rec->http_status;
	g->is_html = rec->is_html;
	if (rc == WN_WARC_RECORD) {
		ck_assert_ptr_nonnull(rec->payload);
		ck_assert_int_eq(rec->payload[rec->payload_len], '\0');
		g->payload = malloc(rec->payload_len + 1);
		ck_assert_ptr_nonnull(g->payload);
		memcpy(g->payload, rec->payload, rec->payload_len);
		g->len = rec->payload_len;
	} else {
		ck_assert_ptr_null(rec->payload);
		if (rc == WN_WARC_END)
			ck_assert_str_eq(g->err, "");
		else
			ck_assert_str_ne(g->err, "");
	}
}

/* Reads src to the end (or a fatal error) into run; at most MAX_GOT
 * results, and the end must stay the end. */
static void read_all(struct src *s, size_t max_record, struct run *run)
{
	wn_warc_reader *r = wn_warc_new(src_read, s, max_record);
	ck_assert_ptr_nonnull(r);
	struct wn_warc_record rec;
	run->n = 0;
	for (;;) {
		int rc = wn_warc_next(r, &rec);
		ck_assert_msg(run->n < MAX_GOT, "reader does not stop");
		keep(&run->g[run->n++], rc, &rec, r);
		if (rc == WN_WARC_END || rc == WN_WARC_FATAL)
			break;
	}
	int last = run->g[run->n - 1].rc;
	ck_assert_int_eq(wn_warc_next(r, &rec), last);
	wn_warc_free(r);
}

static void read_buf(const struct wn_buf *b, size_t step, size_t max_record,
                     struct run *run)
{
	struct src s = {(const unsigned char *)b->data, b->size, 0, step, -1};
	read_all(&s, max_record, run);
}

static void run_free(struct run *run)
{
	for (size_t i = 0; i < run->n; i++)
		free(run->g[i].payload);
	run->n = 0;
}

static void same_got(const struct got *a, const struct got *b)
{
	ck_assert_int_eq(a->rc, b->rc);
	ck_assert_str_eq(a->version, b->version);
	ck_assert_str_eq(a->type, b->type);
	ck_assert_str_eq(a->uri, b->uri);
	ck_assert_str_eq(a->id, b->id);
	ck_assert_str_eq(a->date, b->date);
	ck_assert_str_eq(a->ctype, b->ctype);
	ck_assert_str_eq(a->http_ct, b->http_ct);
	ck_assert_str_eq(a->charset, b->charset);
	ck_assert_str_eq(a->err, b->err);
	ck_assert_int_eq(a->status, b->status);
	ck_assert_int_eq(a->is_html, b->is_html);
	ck_assert_uint_eq(a->len, b->len);
	if (a->len > 0)
		ck_assert_int_eq(memcmp(a->payload, b->payload, a->len), 0);
}

static void same_run(const struct run *a, const struct run *b)
{
	ck_assert_uint_eq(a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		same_got(&a->g[i], &b->g[i]);
}

static void payload_is(const struct got *g, const char *want)
{
	ck_assert_uint_eq(g->len, strlen(want));
	ck_assert_int_eq(memcmp(g->payload, want, g->len), 0);
}

/* The rc of every result, as a string: "11-0" for two records, a bad one
 * and the end. */
static const char *codes(const struct run *run)
{
	static char s[MAX_GOT + 1];
	for (size_t i = 0; i < run->n; i++)
		s[i] = run->g[i].rc == WN_WARC_RECORD ? '1'
		       : run->g[i].rc == WN_WARC_END  ? '0'
		       : run->g[i].rc == WN_WARC_BAD  ? '-'
		                                      : 'F';
	s[run->n] = '\0';
	return s;
}

/* The crawl's five records as read from the plain file. */
static void check_crawl(const struct run *run)
{
	ck_assert_str_eq(codes(run), "111110");
	const struct got *g = run->g;
	ck_assert_str_eq(g[0].type, "warcinfo");
	ck_assert_str_eq(g[0].version, "WARC/1.1");
	ck_assert_str_eq(g[0].uri, "");
	ck_assert_str_eq(g[0].ctype, "application/warc-fields");
	payload_is(&g[0], "software: test\r\nformat: WARC File Format 1.1\r\n");
	ck_assert_str_eq(g[1].type, "request");
	ck_assert_int_eq(g[1].status, 0);
	ck_assert_int_eq(g[1].is_html, 0);
	payload_is(&g[1], "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");
	ck_assert_str_eq(g[2].type, "response");
	ck_assert_str_eq(g[2].uri, "http://example.com/");
	ck_assert_str_eq(g[2].date, "2024-01-02T03:04:05Z");
	ck_assert_str_eq(g[2].ctype, HTTP_RESPONSE);
	ck_assert_int_eq(g[2].status, 200);
	ck_assert_str_eq(g[2].http_ct, "text/html; charset=UTF-8");
	ck_assert_str_eq(g[2].charset, "UTF-8");
	ck_assert_int_eq(g[2].is_html, 1);
	payload_is(&g[2], PAGE);
	ck_assert_str_eq(g[3].type, "metadata");
	ck_assert_str_eq(g[4].type, "resource");
	ck_assert_str_eq(g[4].ctype, "image/png");
	ck_assert_int_eq(g[4].is_html, 0);
	payload_is(&g[4], "\x89PNG\r\n\x1A\n");
	for (int i = 0; i < 5; i++) {
		ck_assert_int_eq(strncmp(g[i].id, "<urn:uuid:", 10), 0);
		ck_assert_int_eq(g[i].id[strlen(g[i].id) - 1], '>');
	}
}

/* ---- formats ---------------------------------------------------------- */

START_TEST(plain_crawl)
{
	struct wn_buf b = WN_BUF_INIT;
	size_t starts[5];
	crawl(&b, starts);
	struct run run;
	read_buf(&b, 0, 0, &run);
	check_crawl(&run);
	run_free(&run);
	wn_buf_free(&b);
}
END_TEST

START_TEST(warc_10_and_angle_uri)
{
	struct wn_buf b = WN_BUF_INIT;
	add_text(&b, "WARC/1.0", "resource", "<http://example.com/a>",
	         "text/plain", "just text");
	add_text(&b, "WARC/1.1", "resource", "http://example.com/b",
	         "text/plain", "more");
	struct run run;
	read_buf(&b, 0, 0, &run);
	ck_assert_str_eq(codes(&run), "110");
	ck_assert_str_eq(run.g[0].version, "WARC/1.0");
	ck_assert_str_eq(run.g[0].uri, "http://example.com/a");
	ck_assert_str_eq(run.g[1].version, "WARC/1.1");
	ck_assert_str_eq(run.g[1].uri, "http://example.com/b");
	payload_is(&run.g[0], "just text");
	run_free(&run);
	wn_buf_free(&b);
}
END_TEST

START_TEST(gzip_per_record)
{
	struct wn_buf plain = WN_BUF_INIT, gz = WN_BUF_INIT;
	size_t starts[5];
	crawl(&plain, starts);
	gzip_records(&gz, &plain, starts, 5);
	struct run run;
	read_buf(&gz, 0, 0, &run);
	check_crawl(&run);
	run_free(&run);
	wn_buf_free(&plain);
	wn_buf_free(&gz);
}
END_TEST

START_TEST(gzip_whole_file)
{
	struct wn_buf plain = WN_BUF_INIT, gz = WN_BUF_INIT;
	size_t starts[5];
	crawl(&plain, starts);
	gzip_member(&gz, plain.data, plain.size);
	struct run run;
	read_buf(&gz, 0, 0, &run);
	check_crawl(&run);
	run_free(&run);
	wn_buf_free(&plain);
	wn_buf_free(&gz);
}
END_TEST

/* A real file through wn_warc_new_fd, written by zlib's gzopen. */
START_TEST(gzopen_file_fd)
{
	struct wn_buf plain = WN_BUF_INIT;
	size_t starts[5];
	crawl(&plain, starts);
	char path[] = "/tmp/test_warc_XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	gzFile gz = gzopen(path, "wb");
	ck_assert_ptr_nonnull(gz);
	ck_assert_int_eq(gzwrite(gz, plain.data, (unsigned)plain.size),
	                 (int)plain.size);
	ck_assert_int_eq(gzclose(gz), Z_OK);

	fd = open(path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	wn_warc_reader *r = wn_warc_new_fd(fd, 0);
	ck_assert_ptr_nonnull(r);
	struct wn_warc_record rec;
	struct run run = {.n = 0};
	int rc;
	do {
		rc = wn_warc_next(r, &rec);
		ck_assert_uint_lt(run.n, MAX_GOT);
		keep(&run.g[run.n++], rc, &rec, r);
	} while (rc != WN_WARC_END && rc != WN_WARC_FATAL);
	check_crawl(&run);
	run_free(&run);
	wn_warc_free(r);
	close(fd);
	unlink(path);
	wn_buf_free(&plain);
}
END_TEST

START_TEST(one_byte_reads)
{
	struct wn_buf plain = WN_BUF_INIT, per = WN_BUF_INIT, whole = WN_BUF_INIT;
	size_t starts[5];
	crawl(&plain, starts);
	gzip_records(&per, &plain, starts, 5);
	gzip_member(&whole, plain.data, plain.size);
	const struct wn_buf *files[] = {&plain, &per, &whole};
	for (int f = 0; f < 3; f++) {
		struct run all, bytes;
		read_buf(files[f], 0, 0, &all);
		read_buf(files[f], 1, 0, &bytes);
		check_crawl(&bytes);
		same_run(&all, &bytes);
		run_free(&all);
		run_free(&bytes);
	}
	wn_buf_free(&plain);
	wn_buf_free(&per);
	wn_buf_free(&whole);
}
END_TEST

START_TEST(empty_input)
{
	struct wn_buf b = WN_BUF_INIT;
	struct run run;
	read_buf(&b, 0, 0, &run);
	ck_assert_str_eq(codes(&run), "0");
	run_free(&run);
	/* Only blank lines: nothing, and nothing bad. */
	wn_buf_puts(&b, "\r\n\n\r\n  \n");
	read_buf(&b, 0, 0, &run);
	ck_assert_str_eq(codes(&run), "0");
	run_free(&run);
	wn_buf_free(&b);
}
END_TEST

/* ---- header parsing --------------------------------------------------- */

START_TEST(lf_only)
{
	struct wn_buf b = WN_BUF_INIT;
	const char *blk = "HTTP/1.1 200 OK\nContent-Type: text/html\n\n" PAGE;
	add_record(&b, "WARC/1.0", "response", "http://a.example/",
	           HTTP_RESPONSE, blk, strlen(blk), "\n");
	add_record(&b, "WARC/1.0", "metadata", "http://a.example/",
	           "text/plain", "x", 1, "\n");
	struct run run;
	read_buf(&b, 0, 0, &run);
	ck_assert_str_eq(codes(&run), "110");
	ck_assert_int_eq(run.g[0].status, 200);
	ck_assert_str_eq(run.g[0].http_ct, "text/html");
	ck_assert_int_eq(run.g[0].is_html, 1);
	payload_is(&run.g[0], PAGE);
	payload_is(&run.g[1], "x");
	run_free(&run);
	wn_buf_free(&b);
}
END_TEST

START_TEST(names_any_case_and_folding)
{
	struct wn_buf b = WN_BUF_INIT;
	wn_buf_puts(&b, "WARC/1.1\r\n"
	                "warc-type:resource\r\n"
	                "X-Other: a\r\n  continued\r\n"
	                "WARC-TARGET-URI:   http://example.com/\r\n"
	                "content-type: text/html;\r\n"
	                "\t charset=\"windows-1252\"  \r\n"
	                "Content-Type: text/plain\r\n"
	                "CONTENT-LENGTH: 5\r\n"
	                "\r\n"
	                "<p>x\n"
	                "\r\n\r\n");
	struct run run;
	read_buf(&b, 0, 0, &run);
	ck_assert_str_eq(codes(&run), "10");
	ck_assert_str_eq(run.g[0].type, "resource");
	ck_assert_str_eq(run.g[0].uri, "http://example.com/");
	/* Folded into one space; the first of two headers counts. */
	ck_assert_str_eq(run.g[0].ctype, "text/html; charset=\"windows-1252\"");
	ck_assert_str_eq(run.g[0].charset, "windows-1252");
	ck_assert_int_eq(run.g[0].is_html, 1);
	payload_is(&run.g[0], "<p>x\n");
	run_free(&run);
	wn_buf_free(&b);
}
END_TEST

START_TEST(blank_lines_after_block)
{
	struct wn_buf b = WN_BUF_INIT;
	/* None at all, then too many. */
	wn_buf_puts(&b, "WARC/1.0\r\nWARC-Type: resource\r\n"
	                "Content-Length: 3\r\n\r\nabc"
	                "WARC/1.0\r\nWARC-Type: metadata\r\n"
	                "Content-Length: 3\r\n\r\ndef\r\n\r\n\r\n\n\r\n"
	                "WARC/1.0\r\nWARC-Type: resource\r\n"
	                "Content-Length: 0\r\n\r\n");
	struct run run;
	read_buf(&b, 0, 0, &run);
	ck_assert_str_eq(codes(&run), "1110");
	payload_is(&run.g[0], "abc");
	payload_is(&run.g[1], "def");
	payload_is(&run.g[2], "");
	run_free(&run);
	wn_buf_free(&b);
}
END_TEST

START_TEST(bad_content_length)
{
	struct wn_buf b = WN_BUF_INIT;
	wn_buf_puts(&b, "WARC/1.0\r\nWARC-Type: resource\r\n"
	                "WARC-Target-URI: http://no-length/\r\n\r\n"
	                "some block\r\n\r\n");
	wn_buf_puts(&b, "WARC/1.0\r\nWARC-Type: resource\r\n"
	                "Content-Length: 12x\r\n\r\nblock\r\n\r\n");
	wn_buf_puts(&b, "WARC/1.0\r\nWARC-Type: resource\r\n"
	                "Content-Length: 99999999999999999999999\r\n\r\n");
	add_text(&b, "WARC/1.0", "resource", "http://ok/", "text/plain", "ok");
	struct run run;
	read_buf(&b, 0, 0, &run);
	ck_assert_str_eq(codes(&run), "---10");
	ck_assert_str_eq(run.g[0].err, "no Content-Length");
	ck_assert_str_eq(run.g[0].uri, "http://no-length/");
	ck_assert_str_eq(run.g[1].err, "invalid Content-Length");
	ck_assert_str_eq(run.g[2].err, "invalid Content-Length");
	ck_assert_str_eq(run.g[3].uri, "http://ok/");
	run_free(&run);
	wn_buf_free(&b);
}
END_TEST

START_TEST(header_over_limit)
{
	struct wn_buf b = WN_BUF_INIT;
	wn_buf_puts(&b, "WARC/1.0\r\nWARC-Type: resource\r\n");
	for (int i = 0; i < 2000; i++)
		wn_buf_printf(&b, "X-Filler-%d: %040d\r\n", i, i);
	wn_buf_puts(&b, "Content-Length: 2\r\n\r\nab\r\n\r\n");
	add_text(&b, "WARC/1.0", "resource", "http://next/", "text/plain", "n");
	ck_assert_uint_gt(b.size, WN_WARC_MAX_HEADER);
	struct run run;
	read_buf(&b, 0, 0, &run);
	ck_assert_str_eq(codes(&run), "-10");
	ck_assert_str_eq(run.g[0].err, "header section over 64 KiB");
	ck_assert_str_eq(run.g[1].uri, "http://next/");
	run_free(&run);
	wn_buf_free(&b);
}
END_TEST

/* ---- HTTP ------------------------------------------------------------ */

START_TEST(charset_latin1)
{
	struct wn_buf b = WN_BUF_INIT;
	add_response(&b, "WARC/1.0", "http://latin/",
	             "Content-Type: text/html; charset=ISO-8859-1\r\n",
	             "<html>caf\xE9</html>");
	add_response(&b, "WARC/1.0", "http://quoted/",
	             "content-type: Text/HTML ; Charset = \"Shift_JIS\"\r\n",
	             "<html></html>");
	add_response(&b, "WARC/1.0", "http://xhtml/",
	             "Content-Type: application/xhtml+xml\r\n", "<html/>");
	struct run run;
	read_buf(&b, 0, 0, &run);
	ck_assert_str_eq(codes(&run), "1110");
	ck_assert_str_eq(run.g[0].charset, "ISO-8859-1");
	ck_assert_str_eq(run.g[0].http_ct, "text/html; charset=ISO-8859-1");
	ck_assert_int_eq(run.g[0].is_html, 1);
	payload_is(&run.g[0], "<html>caf\xE9</html>");
	ck_assert_str_eq(run.g[1].charset, "Shift_JIS");
	ck_assert_int_eq(run.g[1].is_html, 1);
	ck_assert_str_eq(run.g[2].charset, "");
	ck_assert_int_eq(run.g[2].is_html, 1);
	run_free(&run);
	wn_buf_free(&b);
}
END_TEST

START_TEST(non_html_payloads)
{
	struct wn_buf b = WN_BUF_INIT;
	add_response(&b, "WARC/1.0", "http://img/",
	             "Content-Type: image/png\r\n", "\x89PNG\r\n\x1A\n");
	add_response(&b, "WARC/1.0", "http://json/",
	             "Content-Type: application/json\r\n", "<html>");
	/* No Content-Type: the body decides. */
	add_response(&b, "WARC/1.0", "http://sniff/", "",
	             "\xEF\xBB\xBF\r\n  <!doctype HTML><p>x");
	add_response(&b, "WARC/1.0", "http://bytes/", "", "GIF89a");
	add_response(&b, "WARC/1.0", "http://nobody/",
	             "Content-Type: text/html\r\n", "");
	struct run run;
	read_buf(&b, 0, 0, &run);
	ck_assert_str_eq(codes(&run), "111110");
	ck_assert_int_eq(run.g[0].is_html, 0);
	ck_assert_int_eq(run.g[0].status, 200);
	payload_is(&run.g[0], "\x89PNG\r\n\x1A\n");
	ck_assert_int_eq(run.g[1].is_html, 0);
	ck_assert_int_eq(run.g[2].is_html, 1);
	ck_assert_str_eq(run.g[2].http_ct, "");
	ck_assert_int_eq(run.g[3].is_html, 0);
	ck_assert_int_eq(run.g[4].is_html, 1);
	payload_is(&run.g[4], "");
	run_free(&run);
	wn_buf_free(&b);
}
END_TEST

START_TEST(chunked_body)
{
	struct wn_buf b = WN_BUF_INIT;
	add_response(&b, "WARC/1.0", "http://chunked/",
	             "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
	             "6\r\n<html>\r\n"
	             "a;name=value\r\n<p>chunked\r\n"
	             "7\n</html>\n"
	             "0\r\nX-Trailer: 1\r\n\r\n");
	/* The last chunk cut short: what there is of it. */
	add_response(&b, "WARC/1.0", "http://cut/",
	             "Transfer-Encoding: gzip, Chunked\r\n",
	             "5\r\n<html\r\n10\r\n><p>trunc");
	/* Stored decoded, header kept: left as it is. */
	add_response(&b, "WARC/1.0", "http://decoded/",
	             "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
	             PAGE);
	struct run run;
	read_buf(&b, 0, 0, &run);
	ck_assert_str_eq(codes(&run), "1110");
	payload_is(&run.g[0], "<html><p>chunked</html>");
	payload_is(&run.g[1], "<html><p>trunc");
	ck_assert_int_eq(run.g[1].is_html, 1);
	payload_is(&run.g[2], PAGE);
	run_free(&run);
	wn_buf_free(&b);
}
END_TEST

START_TEST(http_oddities)
{
	struct wn_buf b = WN_BUF_INIT;
	const char *h2 = "HTTP/2 404\r\ncontent-type: text/html\r\n\r\n<p>gone";
	add_record(&b, "WARC/1.1", "response", "http://h2/", HTTP_RESPONSE, h2,
	           strlen(h2), "\r\n");
	const char *nobody = "HTTP/1.0 304 Not Modified\r\nETag: x\r\n";
	add_record(&b, "WARC/1.1", "response", "http://304/", HTTP_RESPONSE,
	           nobody, strlen(nobody), "\r\n");
	add_text(&b, "WARC/1.1", "response", "http://badstatus/",
	         HTTP_RESPONSE, "HTTP/1.1 OK\r\n\r\nbody");
	add_text(&b, "WARC/1.1", "response", "http://nothttp/",
	         HTTP_RESPONSE, "<html>no status line</html>");
	/* A response that is not an HTTP message: the block as it is. */
	add_text(&b, "WARC/1.1", "response", "dns:example.com", "text/dns",
	         "20240101 example.com. 300 IN A 1.2.3.4\n");
	struct wn_buf big = WN_BUF_INIT;
	wn_buf_puts(&big, "HTTP/1.1 200 OK\r\n");
	while (big.size <= WN_WARC_MAX_HEADER)
		wn_buf_puts(&big, "Set-Cookie: aaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
	wn_buf_puts(&big, "\r\n<html>");
	add_record(&b, "WARC/1.1", "response", "http://bighead/",
	           HTTP_RESPONSE, big.data, big.size, "\r\n");
	add_text(&b, "WARC/1.1", "resource", "http://last/", "text/plain", "z");
	struct run run;
	read_buf(&b, 0, 0, &run);
	ck_assert_str_eq(codes(&run), "11--1-10");
	ck_assert_int_eq(run.g[0].status, 404);
	ck_assert_int_eq(run.g[0].is_html, 1);
	payload_is(&run.g[0], "<p>gone");
	ck_assert_int_eq(run.g[1].status, 304);
	payload_is(&run.g[1], "");
	ck_assert_str_eq(run.g[2].err, "bad HTTP status line");
	ck_assert_str_eq(run.g[2].uri, "http://badstatus/");
	ck_assert_str_eq(run.g[3].err, "bad HTTP status line");
	ck_assert_int_eq(run.g[4].status, 0);
	payload_is(&run.g[4], "20240101 example.com. 300 IN A 1.2.3.4\n");
	ck_assert_str_eq(run.g[5].err, "HTTP header section over 64 KiB");
	ck_assert_str_eq(run.g[5].uri, "http://bighead/");
	ck_assert_str_eq(run.g[6].uri, "http://last/");
	run_free(&run);
	wn_buf_free(&big);
	wn_buf_free(&b);
}
END_TEST

/* ---- bounds and damage ------------------------------------------------ */

START_TEST(record_over_limit)
{
	struct wn_buf plain = WN_BUF_INIT, gz = WN_BUF_INIT;
	size_t starts[3];
	struct wn_buf page = WN_BUF_INIT;
	for (int i = 0; i < 20000; i++)
		wn_buf_printf(&page, "<p>paragraph %d</p>\n", i);
	starts[0] = plain.size;
	add_text(&plain, "WARC/1.1", "resource", "http://small/", "text/html",
	         "<p>small");
	starts[1] = plain.size;
	add_response(&plain, "WARC/1.1", "http://big/",
	             "Content-Type: text/html\r\n", page.data);
	starts[2] = plain.size;
	add_text(&plain, "WARC/1.1", "resource", "http://after/", "text/html",
	         "<p>after");
	gzip_records(&gz, &plain, starts, 3);
	const struct wn_buf *files[] = {&plain, &gz};
	for (int f = 0; f < 2; f++) {
		struct run run;
		read_buf(files[f], 0, 100000, &run);
		ck_assert_str_eq(codes(&run), "1-10");
		ck_assert_msg(strstr(run.g[1].err, "bytes is over the limit"),
		              "%s", run.g[1].err);
		ck_assert_str_eq(run.g[1].uri, "http://big/");
		ck_assert_str_eq(run.g[1].type, "response");
		ck_assert_int_eq(strncmp(run.g[1].id, "<urn:uuid:", 10), 0);
		ck_assert_str_eq(run.g[2].uri, "http://after/");
		payload_is(&run.g[2], "<p>after");
		run_free(&run);
		/* No limit, or a high one: read whole. */
		read_buf(files[f], 0, 0, &run);
		ck_assert_str_eq(codes(&run), "1110");
		payload_is(&run.g[1], page.data);
		run_free(&run);
		read_buf(files[f], 7, page.size + 100, &run);
		ck_assert_str_eq(codes(&run), "1110");
		run_free(&run);
	}
	wn_buf_free(&page);
	wn_buf_free(&plain);
	wn_buf_free(&gz);
}
END_TEST

START_TEST(garbage_between_records)
{
	struct wn_buf b = WN_BUF_INIT;
	wn_buf_puts(&b, "junk at the start\r\n");
	add_text(&b, "WARC/1.0", "resource", "http://1/", "text/plain", "1");
	wn_buf_puts(&b, "garbage\r\nmore garbage\nWARC/x not a record\n");
	wn_buf_puts(&b, "\r\n   \r\n");
	add_text(&b, "WARC/1.0", "resource", "http://2/", "text/plain", "2");
	wn_buf_puts(&b, "trailing junk without newline");
	struct run run;
	read_buf(&b, 0, 0, &run);
	ck_assert_str_eq(codes(&run), "-1-1-0");
	ck_assert_str_eq(run.g[0].err, "garbage between records");
	ck_assert_str_eq(run.g[1].uri, "http://1/");
	ck_assert_str_eq(run.g[2].err, "garbage between records");
	ck_assert_str_eq(run.g[3].uri, "http://2/");
	run_free(&run);
	wn_buf_free(&b);
}
END_TEST

START_TEST(garbage_between_members)
{
	struct wn_buf plain = WN_BUF_INIT, gz = WN_BUF_INIT;
	size_t starts[5];
	crawl(&plain, starts);
	for (int i = 0; i < 5; i++) {
		size_t end = i < 4 ? starts[i + 1] : plain.size;
		if (i == 2)
			wn_buf_puts(&gz, "not gzip at all\n");
		gzip_member(&gz, plain.data + starts[i], end - starts[i]);
	}
	struct run run;
	read_buf(&gz, 0, 0, &run);
	ck_assert_str_eq(codes(&run), "11-1110");
	ck_assert_str_eq(run.g[2].err, "garbage between records");
	ck_assert_str_eq(run.g[3].type, "response");
	payload_is(&run.g[3], PAGE);
	run_free(&run);
	wn_buf_free(&plain);
	wn_buf_free(&gz);
}
END_TEST

/* A member whose deflate data is damaged: that record is lost, the next
 * member is read. */
START_TEST(corrupt_member)
{
	struct wn_buf plain = WN_BUF_INIT, gz = WN_BUF_INIT;
	size_t starts[5];
	crawl(&plain, starts);
	size_t m[6];
	for (int i = 0; i < 5; i++) {
		m[i] = gz.size;
		size_t end = i < 4 ? starts[i + 1] : plain.size;
		gzip_member(&gz, plain.data + starts[i], end - starts[i]);
	}
	m[5] = gz.size;
	/* The response's member: bytes in the middle of its deflate data. */
	for (size_t i = m[2] + 14; i < m[2] + 24; i++)
		gz.data[i] = (char)0xFF;
	struct run run;
	read_buf(&gz, 0, 0, &run);
	ck_assert_str_eq(codes(&run), "11-110");
	ck_assert_msg(strstr(run.g[2].err, "gzip"), "%s", run.g[2].err);
	ck_assert_str_eq(run.g[3].type, "metadata");
	ck_assert_str_eq(run.g[4].type, "resource");
	run_free(&run);
	/* The CRC of the last member: the record is read, then the error. */
	struct wn_buf gz2 = WN_BUF_INIT;
	wn_buf_put(&gz2, gz.data + m[3], m[5] - m[3]);
	gz2.data[gz2.size - 6] ^= 1;
	read_buf(&gz2, 0, 0, &run);
	ck_assert_str_eq(codes(&run), "11-0");
	run_free(&run);
	wn_buf_free(&gz2);
	wn_buf_free(&plain);
	wn_buf_free(&gz);
}
END_TEST

/* Wherever a byte of per-record gzip data is spoiled, the reader gives
 * the same results whatever the sizes of the reads: the member header it
 * goes on at may be cut in two by a read (found by fuzz_warc). */
START_TEST(corrupt_byte_any_reads)
{
	struct wn_buf plain = WN_BUF_INIT, gz = WN_BUF_INIT;
	size_t starts[5];
	crawl(&plain, starts);
	gzip_records(&gz, &plain, starts, 5);
	static const size_t steps[] = {1, 2, 3, 5, 7};
	for (size_t p = 0; p < gz.size; p++) {
		struct wn_buf bad = WN_BUF_INIT;
		wn_buf_put(&bad, gz.data, gz.size);
		bad.data[p] ^= 0x55;
		struct run whole, parts;
		read_buf(&bad, 0, 0, &whole);
		for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
			read_buf(&bad, steps[k], 0, &parts);
			same_run(&whole, &parts);
			run_free(&parts);
		}
		run_free(&whole);
		wn_buf_free(&bad);
	}
	wn_buf_free(&plain);
	wn_buf_free(&gz);
}
END_TEST

START_TEST(read_error_is_fatal)
{
	struct wn_buf plain = WN_BUF_INIT;
	size_t starts[5];
	crawl(&plain, starts);
	struct src s = {(const unsigned char *)plain.data, plain.size, 0, 100, 3};
	struct run run;
	read_all(&s, 0, &run);
	ck_assert_int_eq(run.g[run.n - 1].rc, WN_WARC_FATAL);
	ck_assert_str_eq(run.g[run.n - 1].err, "read error");
	for (size_t i = 0; i + 1 < run.n; i++)
		ck_assert_int_eq(run.g[i].rc, WN_WARC_RECORD);
	run_free(&run);
	wn_buf_free(&plain);
}
END_TEST

START_TEST(bad_arguments)
{
	struct wn_warc_record rec;
	ck_assert_ptr_null(wn_warc_new(NULL, NULL, 0));
	ck_assert_int_eq(wn_warc_next(NULL, &rec), WN_WARC_FATAL);
	ck_assert_str_ne(wn_warc_errmsg(NULL), "");
	wn_warc_free(NULL);
}
END_TEST

/* Inputs that would be slow if a step were quadratic: a Content-Type of
 * semicolons, a header of continuation lines, 8 MB without a
 * Content-Length to resync over.  The test case's timeout is the check. */
START_TEST(hostile_inputs_fast)
{
	struct wn_buf b = WN_BUF_INIT, ct = WN_BUF_INIT;
	wn_buf_puts(&ct, "text/html");
	while (ct.size < 60000)
		wn_buf_puts(&ct, "; c");
	add_text(&b, "WARC/1.1", "resource", "http://semi/", ct.data, "<p>");
	wn_buf_puts(&b, "WARC/1.1\r\nWARC-Type: resource\r\nX-Long: a\r\n");
	for (int i = 0; i < 15000; i++)
		wn_buf_puts(&b, " b\r\n");
	wn_buf_puts(&b, "Content-Length: 1\r\n\r\nx\r\n\r\n");
	wn_buf_puts(&b, "WARC/1.1\r\nWARC-Type: resource\r\n\r\n");
	for (int i = 0; i < 8 * 1024 * 1024 / 16; i++)
		wn_buf_puts(&b, i % 2 ? "0123456789abcde\n" : "WARC is not here");
	add_text(&b, "WARC/1.1", "resource", "http://end/", "text/plain", "e");
	ck_assert_int_eq(b.failed, 0);
	struct run run;
	read_buf(&b, 0, 0, &run);
	ck_assert_str_eq(codes(&run), "11-10");
	ck_assert_str_eq(run.g[0].charset, "");
	ck_assert_int_eq(run.g[0].is_html, 1);
	payload_is(&run.g[1], "x");
	ck_assert_str_eq(run.g[2].err, "no Content-Length");
	ck_assert_str_eq(run.g[3].uri, "http://end/");
	run_free(&run);
	wn_buf_free(&ct);
	wn_buf_free(&b);
}
END_TEST

/* ---- lying lengths and resyncing ------------------------------------- */

/* A record whose header claims `claimed` bytes for a block of len. */
static void add_liar(struct wn_buf *b, const char *uri, const char *block,
                     size_t claimed)
{
	wn_buf_printf(b, "WARC/1.0\r\nWARC-Type: resource\r\n"
	                 "WARC-Target-URI: %s\r\n"
	                 "WARC-Record-ID: <urn:uuid:liar>\r\n"
	                 "Content-Type: text/plain\r\n"
	                 "Content-Length: %zu\r\n\r\n%s\r\n\r\n",
	              uri, claimed, block);
}

/* What a long run gave: counts, the first bad result, the last record. */
struct tally {
	size_t records, bad;
	char bad_uri[64], bad_err[160], last_uri[64];
};

static void tally_buf(const struct wn_buf *b, size_t step, size_t max_record,
                      struct tally *t)
{
	struct src s = {(const unsigned char *)b->data, b->size, 0, step, -1};
	wn_warc_reader *r = wn_warc_new(src_read, &s, max_record);
	ck_assert_ptr_nonnull(r);
	memset(t, 0, sizeof *t);
	struct wn_warc_record rec;
	int rc;
	for (size_t calls = 0; (rc = wn_warc_next(r, &rec)) != WN_WARC_END;
	     calls++) {
		ck_assert_int_ne(rc, WN_WARC_FATAL);
		ck_assert_msg(calls < 100000, "reader does not stop");
		if (rc == WN_WARC_RECORD) {
			t->records++;
			copy_str(t->last_uri, sizeof t->last_uri, rec.target_uri);
		} else if (t->bad++ == 0) {
			copy_str(t->bad_uri, sizeof t->bad_uri, rec.target_uri);
			copy_str(t->bad_err, sizeof t->bad_err, wn_warc_errmsg(r));
		}
	}
	wn_warc_free(r);
}

/* A Content-Length 1000 times too long, then 1,000 records: all of them
 * are read, plain and gzipped per record, and the liar is one error that
 * names it.  Before the reader checked the end of a block, the liar
 * swallowed most of them. */
START_TEST(too_long_length_resyncs)
{
	struct wn_buf plain = WN_BUF_INIT, gz = WN_BUF_INIT;
	size_t starts[1002];
	starts[0] = plain.size;
	add_text(&plain, "WARC/1.0", "resource", "http://first/", "text/plain",
	         "first");
	starts[1] = plain.size;
	add_liar(&plain, "http://liar/", "a block of 22 bytes...", 22000);
	for (int i = 0; i < 1000; i++) {
		char uri[32], body[32];
		snprintf(uri, sizeof uri, "http://r/%d", i);
		snprintf(body, sizeof body, "record %d", i);
		starts[i + 2] = plain.size;
		add_text(&plain, "WARC/1.0", "resource", uri, "text/plain", body);
	}
	gzip_records(&gz, &plain, starts, 1002);
	const struct wn_buf *files[] = {&plain, &gz};
	for (int f = 0; f < 2; f++) {
		struct tally t;
		tally_buf(files[f], 0, 0, &t);
		ck_assert_uint_eq(t.records, 1001);
		ck_assert_uint_eq(t.bad, 1);
		ck_assert_str_eq(t.bad_uri, "http://liar/");
		ck_assert_msg(strstr(t.bad_err, "Content-Length 22000") &&
		                  strstr(t.bad_err, "offset"),
		              "%s", t.bad_err);
		ck_assert_str_eq(t.last_uri, "http://r/999");
		/* A few bytes a read, and a limit the liar is over. */
		tally_buf(files[f], 5, 1000, &t);
		ck_assert_uint_eq(t.records, 1001);
		ck_assert_uint_eq(t.bad, 1);
		ck_assert_str_eq(t.bad_uri, "http://liar/");
	}
	wn_buf_free(&plain);
	wn_buf_free(&gz);
}
END_TEST

/* Too short, and wildly too long (over any limit): the next record is
 * found all the same. */
START_TEST(short_and_huge_lengths_resync)
{
	struct wn_buf b = WN_BUF_INIT;
	add_liar(&b, "http://short/", "a block of 22 bytes...", 10);
	add_text(&b, "WARC/1.0", "resource", "http://1/", "text/plain", "1");
	add_liar(&b, "http://huge/", "a block of 22 bytes...", 999999999999);
	add_text(&b, "WARC/1.0", "resource", "http://2/", "text/plain", "2");
	add_liar(&b, "http://end/", "a block of 22 bytes...", 30);
	struct run run;
	for (size_t limit = 0; limit <= 1000; limit += 1000) {
		read_buf(&b, 0, limit, &run);
		ck_assert_str_eq(codes(&run), "-1-1-0");
		ck_assert_str_eq(run.g[0].uri, "http://short/");
		ck_assert_msg(strstr(run.g[0].err, "does not end the record"), "%s",
		              run.g[0].err);
		payload_is(&run.g[1], "1");
		ck_assert_str_eq(run.g[2].uri, "http://huge/");
		payload_is(&run.g[3], "2");
		ck_assert_str_eq(run.g[4].uri, "http://end/");
		run_free(&run);
	}
	wn_buf_free(&b);
}
END_TEST

/* A page quoting a WARC record, with a Content-Length that checks out: one
 * record, not split at the quote. */
START_TEST(quoted_record_not_split)
{
	static const char quote[] =
	    "WARC/1.0\r\nWARC-Type: response\r\n"
	    "WARC-Record-ID: <urn:uuid:quoted>\r\n"
	    "Content-Length: 5\r\n\r\nhello\r\n\r\n";
	struct wn_buf b = WN_BUF_INIT, page = WN_BUF_INIT;
	wn_buf_printf(&page, "%s<p>A record looks like this:</p>\r\n%s", quote,
	              quote);
	add_text(&b, "WARC/1.0", "resource", "http://quoting/", "text/html",
	         page.data);
	add_text(&b, "WARC/1.1", "resource", "http://next/", "text/plain", "n");
	struct run run;
	read_buf(&b, 3, 0, &run);
	ck_assert_str_eq(codes(&run), "110");
	ck_assert_str_eq(run.g[0].uri, "http://quoting/");
	payload_is(&run.g[0], page.data);
	ck_assert_str_eq(run.g[1].uri, "http://next/");
	run_free(&run);
	wn_buf_free(&b);
	wn_buf_free(&page);
}
END_TEST

/* Members whose deflate data runs on into the next members: one cut in
 * half, one of a stored block of 65535 bytes that claims what follows.
 * Each is one error; the next member is read as it is (it was lost with
 * the bad one when the reader went on where zlib gave up). */
START_TEST(bad_member_resyncs)
{
	struct wn_buf plain = WN_BUF_INIT;
	size_t starts[5];
	crawl(&plain, starts);
	for (int kind = 0; kind < 2; kind++) {
		struct wn_buf gz = WN_BUF_INIT, m = WN_BUF_INIT;
		for (int i = 0; i < 5; i++) {
			size_t end = i < 4 ? starts[i + 1] : plain.size;
			if (i != 2) {
				gzip_member(&gz, plain.data + starts[i],
				            end - starts[i]);
				continue;
			}
			wn_buf_reset(&m);
			gzip_member(&m, plain.data + starts[i], end - starts[i]);
			if (kind == 0) {
				wn_buf_put(&gz, m.data, m.size / 2);
			} else {
				wn_buf_put(&gz, m.data, 10);
				wn_buf_put(&gz, "\x00\xff\xff\x00\x00garbage", 12);
			}
		}
		struct run run;
		read_buf(&gz, 0, 0, &run);
		/* One error, whatever it says: the bad member's data, inflated
		 * from the next ones, may look like garbage or a header. */
		ck_assert_str_eq(codes(&run), "11-110");
		ck_assert_str_eq(run.g[3].type, "metadata");
		ck_assert_str_eq(run.g[4].type, "resource");
		run_free(&run);
		wn_buf_free(&gz);
		wn_buf_free(&m);
	}
	wn_buf_free(&plain);
}
END_TEST

/* 8 MB of fake header lines, some that parse, inside a block whose
 * Content-Length lies: passed once.  The test case's timeout is the
 * check (at 2 and 8 MB the time grows about fourfold). */
START_TEST(fake_headers_fast)
{
	struct wn_buf blk = WN_BUF_INIT, b = WN_BUF_INIT;
	for (int i = 0; blk.size < 8 * 1024 * 1024; i++)
		wn_buf_puts(&blk, i % 64 ? "\r\nWARC/1.0\r\n"
		                         : "\r\nWARC/1.0\r\nWARC-Type: x\r\n"
		                           "Content-Length: 9000000\r\n\r\n");
	add_liar(&b, "http://liar/", blk.data, blk.size + 1000);
	add_text(&b, "WARC/1.0", "resource", "http://end/", "text/plain", "e");
	ck_assert_int_eq(b.failed, 0);
	for (size_t limit = 0; limit <= 1000000; limit += 1000000) {
		struct tally t;
		tally_buf(&b, 0, limit, &t);
		ck_assert_uint_eq(t.records, 1);
		ck_assert_str_eq(t.last_uri, "http://end/");
		ck_assert_str_eq(t.bad_uri, "http://liar/");
	}
	wn_buf_free(&blk);
	wn_buf_free(&b);
}
END_TEST

/* Every prefix of a 3-record file, plain and both gzips: the records
 * before the cut come back as they are, then at most one bad result and
 * the end.  A few bytes per read, so that cuts land everywhere in the
 * buffers too. */
static void check_prefixes(const struct wn_buf *file, const struct run *full,
                           size_t step)
{
	for (size_t cut = 0; cut <= file->size; cut++) {
		struct src s = {(const unsigned char *)file->data, cut, 0, step,
		                -1};
		struct run run;
		read_all(&s, 0, &run);
		size_t i = 0;
		while (i < run.n && run.g[i].rc == WN_WARC_RECORD) {
			ck_assert_uint_lt(i, full->n);
			same_got(&run.g[i], &full->g[i]);
			i++;
		}
		const char *tail = codes(&run) + i;
		ck_assert_msg(strcmp(tail, "0") == 0 || strcmp(tail, "-0") == 0,
		              "cut at %zu: %s", cut, codes(&run));
		if (tail[0] == '-')
			ck_assert_msg(strstr(run.g[i].err, "truncated"),
			              "cut at %zu: %s", cut, run.g[i].err);
		if (cut == file->size)
			ck_assert_uint_eq(i, full->n - 1);
		run_free(&run);
	}
}

START_TEST(truncated_everywhere)
{
	struct wn_buf plain = WN_BUF_INIT, per = WN_BUF_INIT, whole = WN_BUF_INIT;
	size_t starts[3];
	starts[0] = plain.size;
	add_text(&plain, "WARC/1.0", "warcinfo", NULL, "application/warc-fields",
	         "software: t\r\n");
	starts[1] = plain.size;
	add_response(&plain, "WARC/1.0", "http://example.com/",
	             "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
	             "5\r\n<html\r\n1\r\n>\r\n0\r\n\r\n");
	starts[2] = plain.size;
	add_text(&plain, "WARC/1.0", "resource", "http://r/", "text/plain", "r");
	gzip_records(&per, &plain, starts, 3);
	gzip_member(&whole, plain.data, plain.size);
	const struct wn_buf *files[] = {&plain, &per, &whole};
	for (int f = 0; f < 3; f++) {
		struct run full;
		read_buf(files[f], 0, 0, &full);
		ck_assert_str_eq(codes(&full), "1110");
		payload_is(&full.g[1], "<html>");
		check_prefixes(files[f], &full, 0);
		check_prefixes(files[f], &full, 3);
		run_free(&full);
	}
	wn_buf_free(&plain);
	wn_buf_free(&per);
	wn_buf_free(&whole);
}
END_TEST

static Suite *warc_suite(void)
{
	Suite *s = suite_create("warc");
	TCase *tc = tcase_create("formats");
	tcase_add_test(tc, plain_crawl);
	tcase_add_test(tc, warc_10_and_angle_uri);
	tcase_add_test(tc, gzip_per_record);
	tcase_add_test(tc, gzip_whole_file);
	tcase_add_test(tc, gzopen_file_fd);
	tcase_add_test(tc, one_byte_reads);
	tcase_add_test(tc, empty_input);
	suite_add_tcase(s, tc);

	tc = tcase_create("headers");
	tcase_add_test(tc, lf_only);
	tcase_add_test(tc, names_any_case_and_folding);
	tcase_add_test(tc, blank_lines_after_block);
	tcase_add_test(tc, bad_content_length);
	tcase_add_test(tc, header_over_limit);
	suite_add_tcase(s, tc);

	tc = tcase_create("http");
	tcase_add_test(tc, charset_latin1);
	tcase_add_test(tc, non_html_payloads);
	tcase_add_test(tc, chunked_body);
	tcase_add_test(tc, http_oddities);
	suite_add_tcase(s, tc);

	tc = tcase_create("damage");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, record_over_limit);
	tcase_add_test(tc, garbage_between_records);
	tcase_add_test(tc, garbage_between_members);
	tcase_add_test(tc, corrupt_member);
	tcase_add_test(tc, corrupt_byte_any_reads);
	tcase_add_test(tc, read_error_is_fatal);
	tcase_add_test(tc, bad_arguments);
	tcase_add_test(tc, truncated_everywhere);
	tcase_add_test(tc, hostile_inputs_fast);
	suite_add_tcase(s, tc);

	tc = tcase_create("resync");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, too_long_length_resyncs);
	tcase_add_test(tc, short_and_huge_lengths_resync);
	tcase_add_test(tc, quoted_record_not_split);
	tcase_add_test(tc, bad_member_resyncs);
	tcase_add_test(tc, fake_headers_fast);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(warc_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
