/*
 * warc.c - streaming WARC reader; see warc.h.
 *
 * Three layers, each pulling from the one below:
 *
 *   raw     bytes from the read callback (raw[rpos..rend])
 *   window  the decompressed stream (win[wpos..wend]): copied for plain
 *           input, inflated member after member for gzip input
 *   records find the "WARC/" line, read the header section into hdr and
 *           the block into blk, and split HTTP responses in place
 *
 * The window stops at a "break" (end of input, truncated or corrupt gzip
 * member, garbage after a member) and stays stopped until the record layer
 * has drained it and decided what the break means for the record it is
 * in; resume() then restarts it at the next gzip member.
 */
#include "warc.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "buf.h"
#include "encoding.h"

#define RAW_CAP (64 * 1024)
#define WIN_CAP (64 * 1024)
/* A record's buffer is reserved up to this much from its Content-Length
 * before any of it arrives: a lying length then costs little. */
#define BLOCK_RESERVE (1024 * 1024)

enum mode { MODE_UNKNOWN, MODE_PLAIN, MODE_GZIP };

/* Why the window stopped. */
enum brk {
	BRK_NONE,
	BRK_EOF,     /* the input ended where a record may end */
	BRK_TRUNC,   /* the input ended inside a gzip member */
	BRK_CORRUPT, /* zlib refused the data (message in zerr) */
	BRK_GARBAGE  /* bytes after a gzip member that start no other one */
};

struct wn_warc_reader {
	wn_warc_read_fn read;
	void *ctx;
	int fd; /* wn_warc_new_fd's, ctx points here */
	size_t max_record;

	unsigned char *raw; /* RAW_CAP bytes */
	size_t rpos, rend;
	int raw_eof; /* the callback returned 0: it is not called again */

	enum mode mode;
	z_stream zs;
	int zs_live;     /* inflateInit2 done, inflateEnd owed */
	int member_done; /* a member ended; another may follow */
	int seek_member; /* dropping input up to the next member header */
	enum brk brk;
	char zerr[64];

	unsigned char *win; /* WIN_CAP bytes */
	size_t wpos, wend;

	struct wn_buf hdr; /* the current header section */
	struct wn_buf blk; /* the current block, split in place */
	char charset[64];
	char err[128];
	int resyncing; /* lost: skipping to a "WARC/" line, errors said */
	int done;      /* WN_WARC_END returned or owed */
	int fatal;
};

/* ---- errors ---------------------------------------------------------- */

/* Keeps errno: after a read error it is the callback's (read(2)'s). */
static int fatal(struct wn_warc_reader *r, const char *msg)
{
	int saved = errno;
	r->fatal = 1;
	snprintf(r->err, sizeof r->err, "%s", msg);
	errno = saved;
	return WN_WARC_FATAL;
}

static int bad(struct wn_warc_reader *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int bad(struct wn_warc_reader *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->err, sizeof r->err, fmt, ap);
	va_end(ap);
	return WN_WARC_BAD;
}

/* ---- raw input ------------------------------------------------------- */

/* Reads more input after what raw holds, moving that to the front first.
 * 0, or WN_WARC_FATAL. */
static int refill_raw(struct wn_warc_reader *r)
{
	if (r->raw_eof)
		return 0;
	if (r->rpos > 0) {
		memmove(r->raw, r->raw + r->rpos, r->rend - r->rpos);
		r->rend -= r->rpos;
		r->rpos = 0;
	}
	size_t room = RAW_CAP - r->rend;
	if (room == 0)
		return 0;
	ssize_t n = r->read(r->ctx, r->raw + r->rend, room);
	if (n < 0 || (size_t)n > room)
		return fatal(r, "read error");
	if (n == 0)
		r->raw_eof = 1;
	r->rend += (size_t)n;
	return 0;
}

/* Reads until raw holds k bytes (k is small) or the input has ended. */
static int need_raw(struct wn_warc_reader *r, size_t k)
{
	while (r->rend - r->rpos < k && !r->raw_eof)
		if (refill_raw(r) != 0)
			return WN_WARC_FATAL;
	return 0;
}

/* ---- the decompressed window ----------------------------------------- */

/* Starts inflating a gzip member at raw[rpos]. */
static int gz_begin(struct wn_warc_reader *r)
{
	int zr = r->zs_live ? inflateReset(&r->zs)
	                    : inflateInit2(&r->zs, 16 + MAX_WBITS);
	if (zr == Z_MEM_ERROR)
		return fatal(r, "out of memory");
	if (zr != Z_OK)
		return fatal(r, "zlib initialisation failed");
	r->zs_live = 1;
	r->member_done = 0;
	return 0;
}

/* After corrupt data or garbage: drops input up to the next bytes that
 * look like a gzip member header (1f 8b, deflate, no reserved flag bits)
 * and starts inflating there.  No such bytes: the stream ends. */
static int seek_member(struct wn_warc_reader *r)
{
	for (;;) {
		if (need_raw(r, 4) != 0)
			return WN_WARC_FATAL;
		size_t n = r->rend - r->rpos;
		if (n < 4) {
			r->rpos = r->rend;
			r->brk = BRK_EOF;
			return 0;
		}
		const unsigned char *p = r->raw + r->rpos;
		for (size_t i = 0; i + 4 <= n; i++) {
			if (p[i] == 0x1F && p[i + 1] == 0x8B && p[i + 2] == 8 &&
			    (p[i + 3] & 0xE0) == 0) {
				r->rpos += i;
				r->seek_member = 0;
				return gz_begin(r);
			}
		}
		/* The last three bytes may begin a header. */
		r->rpos += n - 3;
	}
}

/* Between members: another member, the end, or garbage. */
static int gz_next_member(struct wn_warc_reader *r)
{
	if (need_raw(r, 2) != 0)
		return WN_WARC_FATAL;
	size_t n = r->rend - r->rpos;
	if (n == 0)
		r->brk = BRK_EOF;
	else if (n == 1 && r->raw[r->rpos] == 0x1F)
		r->brk = BRK_TRUNC; /* the input ends in a member's magic */
	else if (!wn_is_gzip(r->raw + r->rpos, n))
		r->brk = BRK_GARBAGE;
	else
		return gz_begin(r);
	return 0;
}

/* One step of inflating into the window: it may consume input without
 * producing output (gzip headers), or stop the window. */
static int gz_step(struct wn_warc_reader *r)
{
	if (r->seek_member)
		return seek_member(r);
	if (r->member_done)
		return gz_next_member(r);
	if (r->rpos == r->rend) {
		if (r->raw_eof) {
			r->brk = BRK_TRUNC;
			return 0;
		}
		return refill_raw(r);
	}
	size_t in = r->rend - r->rpos;
	r->zs.next_in = r->raw + r->rpos;
	r->zs.avail_in = (uInt)in;
	r->zs.next_out = r->win + r->wend;
	r->zs.avail_out = (uInt)(WIN_CAP - r->wend);
	int zr = inflate(&r->zs, Z_NO_FLUSH);
	r->rpos += in - r->zs.avail_in;
	r->wend = WIN_CAP - r->zs.avail_out;
	if (zr == Z_STREAM_END) {
		r->member_done = 1;
		return 0;
	}
	/* With input and room, Z_BUF_ERROR would mean no progress ever:
	 * treated as corrupt data rather than looped on. */
	if (zr == Z_OK || (zr == Z_BUF_ERROR && r->zs.avail_in == 0))
		return 0;
	if (zr == Z_MEM_ERROR)
		return fatal(r, "out of memory");
	snprintf(r->zerr, sizeof r->zerr, "%s",
	         r->zs.msg ? r->zs.msg : "bad data");
	r->brk = BRK_CORRUPT;
	return 0;
}

/* Plain input: the bytes the sniff read, then straight into the window. */
static int plain_step(struct wn_warc_reader *r)
{
	size_t room = WIN_CAP - r->wend;
	if (r->rpos < r->rend) {
		size_t n = r->rend - r->rpos;
		if (n > room)
			n = room;
		memcpy(r->win + r->wend, r->raw + r->rpos, n);
		r->rpos += n;
		r->wend += n;
		return 0;
	}
	if (r->raw_eof) {
		r->brk = BRK_EOF;
		return 0;
	}
	ssize_t n = r->read(r->ctx, r->win + r->wend, room);
	if (n < 0 || (size_t)n > room)
		return fatal(r, "read error");
	if (n == 0)
		r->raw_eof = 1;
	r->wend += (size_t)n;
	return 0;
}

/* gzip or not is decided once, by the first two bytes of the stream. */
static int sniff(struct wn_warc_reader *r)
{
	if (need_raw(r, 2) != 0)
		return WN_WARC_FATAL;
	size_t n = r->rend - r->rpos;
	/* One byte of magic, then the end: a gzip file cut short. */
	if (wn_is_gzip(r->raw + r->rpos, n) ||
	    (n == 1 && r->raw[r->rpos] == 0x1F)) {
		r->mode = MODE_GZIP;
		return gz_begin(r);
	}
	r->mode = MODE_PLAIN;
	return 0;
}

/* Moves what is left of the window to its front and adds at least one
 * byte, unless the window stops (r->brk).  0, or WN_WARC_FATAL.  Callers
 * leave fewer than 8 bytes in the window, so there is always room. */
static int fill(struct wn_warc_reader *r)
{
	if (r->wpos > 0) {
		memmove(r->win, r->win + r->wpos, r->wend - r->wpos);
		r->wend -= r->wpos;
		r->wpos = 0;
	}
	size_t before = r->wend;
	while (r->wend == before && r->brk == BRK_NONE && r->wend < WIN_CAP) {
		int rc;
		if (r->mode == MODE_UNKNOWN)
			rc = sniff(r);
		else if (r->mode == MODE_GZIP)
			rc = gz_step(r);
		else
			rc = plain_step(r);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* Goes on after a break in the middle of gzip data: what the window still
 * holds belongs to the broken member, and the stream restarts at the next
 * member.  The ends of input stay. */
static void resume(struct wn_warc_reader *r)
{
	if (r->brk != BRK_CORRUPT && r->brk != BRK_GARBAGE)
		return;
	r->brk = BRK_NONE;
	r->wpos = r->wend = 0;
	r->seek_member = 1;
}

/* Makes n bytes (n < 8) visible in the window, fewer at a break. */
static int peek(struct wn_warc_reader *r, size_t n, size_t *avail)
{
	while (r->wend - r->wpos < n && r->brk == BRK_NONE)
		if (fill(r) != 0)
			return WN_WARC_FATAL;
	*avail = r->wend - r->wpos;
	return 0;
}

/* Makes at least one byte visible; 0 with none means a break. */
static int more(struct wn_warc_reader *r, size_t *avail)
{
	return peek(r, 1, avail);
}

/* ---- lines and blocks ------------------------------------------------ */

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

/* Consumes one line with its LF (or up to a break) without keeping it;
 * *blank says whether it held only white space. */
static int skip_line(struct wn_warc_reader *r, int *blank)
{
	*blank = 1;
	for (;;) {
		size_t n;
		if (more(r, &n) != 0)
			return WN_WARC_FATAL;
		if (n == 0)
			return 0;
		const unsigned char *p = r->win + r->wpos;
		const unsigned char *nl = memchr(p, '\n', n);
		size_t take = nl ? (size_t)(nl - p) + 1 : n;
		for (size_t i = 0; i < take && *blank; i++)
			if (!is_space(p[i]))
				*blank = 0;
		r->wpos += take;
		if (nl)
			return 0;
	}
}

enum { LINE_OK = 1, LINE_BREAK = 0, LINE_LONG = -1 };

/* Appends one line with its LF to b.  LINE_BREAK when the window stopped
 * first, LINE_LONG when b would pass limit (the rest stays unread). */
static int read_line(struct wn_warc_reader *r, struct wn_buf *b,
                     size_t limit)
{
	for (;;) {
		size_t n;
		if (more(r, &n) != 0)
			return WN_WARC_FATAL;
		if (n == 0)
			return LINE_BREAK;
		const unsigned char *p = r->win + r->wpos;
		const unsigned char *nl = memchr(p, '\n', n);
		size_t take = nl ? (size_t)(nl - p) + 1 : n;
		if (take > limit - b->size)
			return LINE_LONG;
		if (wn_buf_put(b, p, take) != 0)
			return fatal(r, "out of memory");
		r->wpos += take;
		if (nl)
			return LINE_OK;
	}
}

/* Passes len bytes of the stream, appending them to b unless b is NULL.
 * 1 when all were there, LINE_BREAK when the window stopped first. */
static int take_block(struct wn_warc_reader *r, uint64_t len,
                      struct wn_buf *b)
{
	while (len > 0) {
		size_t n;
		if (more(r, &n) != 0)
			return WN_WARC_FATAL;
		if (n == 0)
			return LINE_BREAK;
		if (n > len)
			n = (size_t)len;
		if (b != NULL && wn_buf_put(b, r->win + r->wpos, n) != 0)
			return fatal(r, "out of memory");
		r->wpos += n;
		len -= n;
	}
	return 1;
}

/* The window stopped inside a record: says why, and moves on. */
static int broken(struct wn_warc_reader *r)
{
	if (r->brk == BRK_CORRUPT)
		bad(r, "corrupt gzip data (%s)", r->zerr);
	else
		bad(r, "truncated record");
	resume(r);
	r->resyncing = 1;
	return WN_WARC_BAD;
}

/* The window is empty and stopped between records.  1 to go on looking,
 * else what wn_warc_next returns. */
static int at_break(struct wn_warc_reader *r)
{
	switch (r->brk) {
	case BRK_NONE:
	case BRK_EOF:
		r->done = 1;
		return WN_WARC_END;
	case BRK_TRUNC:
		r->done = 1;
		if (r->resyncing)
			return WN_WARC_END;
		r->resyncing = 1;
		return bad(r, "truncated gzip data");
	case BRK_CORRUPT:
	case BRK_GARBAGE:
		break;
	}
	int said = r->resyncing;
	if (!said) {
		if (r->brk == BRK_CORRUPT)
			bad(r, "corrupt gzip data (%s)", r->zerr);
		else
			bad(r, "garbage between records");
	}
	resume(r);
	r->resyncing = 1;
	return said ? 1 : WN_WARC_BAD;
}

/* The window stopped after n < 6 bytes that begin a "WARC/1" line. */
static int cut_start(const unsigned char *p, size_t n)
{
	return memcmp(p, "WARC/", n < 5 ? n : 5) == 0;
}

/* Moves to the next line that starts a record ("WARC/" and a digit) over
 * blank lines, and over anything else as garbage, reported once.  1 there,
 * else what wn_warc_next returns. */
static int find_start(struct wn_warc_reader *r)
{
	for (;;) {
		size_t n;
		if (peek(r, 6, &n) != 0)
			return WN_WARC_FATAL;
		if (n == 0) {
			int rc = at_break(r);
			if (rc != 1)
				return rc;
			continue;
		}
		const unsigned char *p = r->win + r->wpos;
		if (n >= 6 && memcmp(p, "WARC/", 5) == 0 && p[5] >= '0' &&
		    p[5] <= '9') {
			r->resyncing = 0;
			return 1;
		}
		if (n < 6 && cut_start(p, n)) {
			r->wpos = r->wend;
			if (r->resyncing)
				continue;
			r->resyncing = 1;
			return bad(r, "truncated record");
		}
		int blank;
		if (skip_line(r, &blank) != 0)
			return WN_WARC_FATAL;
		if (!blank && !r->resyncing) {
			r->resyncing = 1;
			return bad(r, "garbage between records");
		}
	}
}

/* Reads the header section, from the "WARC/" line through the blank line,
 * into r->hdr.  1 when read, else what wn_warc_next returns. */
static int read_headers(struct wn_warc_reader *r)
{
	wn_buf_reset(&r->hdr);
	for (;;) {
		size_t start = r->hdr.size;
		int rc = read_line(r, &r->hdr, WN_WARC_MAX_HEADER);
		if (rc == WN_WARC_FATAL)
			return rc;
		if (rc == LINE_BREAK)
			return broken(r);
		if (rc == LINE_LONG) {
			r->resyncing = 1;
			return bad(r, "header section over %d KiB",
			           WN_WARC_MAX_HEADER / 1024);
		}
		const char *line = r->hdr.data + start;
		size_t len = r->hdr.size - start;
		if (start > 0 && (len == 1 || (len == 2 && line[0] == '\r')))
			return 1;
	}
}

/* ---- header fields --------------------------------------------------- */

struct field {
	const char *name;
	char *value; /* NULL until found */
};

/* ASCII case-insensitive: name (n bytes) equals want. */
static int same_name(const char *name, size_t n, const char *want)
{
	if (strlen(want) != n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char a = (unsigned char)name[i];
		unsigned char b = (unsigned char)want[i];
		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (unsigned char)(b - 'A' + 'a');
		if (a != b)
			return 0;
	}
	return 1;
}

/* ASCII case-insensitive: s begins with want. */
static int starts_with(const char *s, const char *want)
{
	size_t n = strlen(want);
	return strnlen(s, n) == n && same_name(s, n, want);
}

/* Trims spaces and tabs from both ends of [*s, *e). */
static void trim(char **s, char **e)
{
	while (*s < *e && (**s == ' ' || **s == '\t'))
		(*s)++;
	while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t'))
		(*e)--;
}

static struct field *wanted(struct field *f, size_t nf, char *name,
                            char *end)
{
	trim(&name, &end);
	for (size_t i = 0; i < nf; i++)
		if (f[i].value == NULL &&
		    same_name(name, (size_t)(end - name), f[i].name))
			return &f[i];
	return NULL;
}

/*
 * Parses the "Name: value" lines of [s, end) in place, up to and through
 * a blank line; returns where it stopped.  Each wanted field gets its
 * first value, trimmed, with continuation lines folded in as one space,
 * NUL-terminated.  Values are written over the lines already read: a
 * value and its NUL always fit in the line it came from, so nothing past
 * the current line, and nothing at or past end, is touched.  Lines
 * without a colon are ignored.
 */
static char *parse_fields(char *s, char *end, struct field *f, size_t nf)
{
	char *w = s;      /* where the next value byte goes */
	char *val = NULL; /* the open value, NULL when none */
	char *p = s;

	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *le = nl ? nl : end;
		char *next = nl ? nl + 1 : end;
		if (le > p && le[-1] == '\r')
			le--;
		if (le == p) {
			p = next;
			break;
		}
		char *a = p, *b = le;
		if (*p == ' ' || *p == '\t') {
			trim(&a, &b);
			if (val != NULL && a < b) {
				*w++ = ' ';
				memmove(w, a, (size_t)(b - a));
				w += b - a;
			}
		} else {
			if (val != NULL)
				*w++ = '\0';
			val = NULL;
			char *colon = memchr(p, ':', (size_t)(le - p));
			struct field *hit =
			    colon ? wanted(f, nf, p, colon) : NULL;
			if (hit != NULL) {
				a = colon + 1;
				trim(&a, &b);
				val = hit->value = w;
				memmove(w, a, (size_t)(b - a));
				w += b - a;
			}
		}
		p = next;
	}
	if (val != NULL)
		*w = '\0';
	return p;
}

/* The decimal Content-Length: -1 unless it is digits only. */
static int parse_length(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		unsigned d = (unsigned)(*s - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/* 1 when the media type of Content-Type ct (before any ';') is want. */
static int media_is(const char *ct, const char *want)
{
	while (*ct == ' ' || *ct == '\t')
		ct++;
	const char *e = ct;
	while (*e != '\0' && *e != ';' && *e != ' ' && *e != '\t')
		e++;
	return same_name(ct, (size_t)(e - ct), want);
}

/* The charset= parameter of Content-Type ct, unquoted, into out; "" when
 * absent or too long to be a real name. */
static void get_charset(const char *ct, char *out, size_t outlen)
{
	out[0] = '\0';
	for (const char *p = strchr(ct, ';'); p != NULL; p = strchr(p, ';')) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!starts_with(p, "charset"))
			continue;
		const char *v = p + 7;
		while (*v == ' ' || *v == '\t')
			v++;
		if (*v != '=')
			continue;
		v++;
		while (*v == ' ' || *v == '\t' || *v == '"' || *v == '\'')
			v++;
		size_t n = strcspn(v, "\"'; \t");
		if (n < outlen) {
			memcpy(out, v, n);
			out[n] = '\0';
		}
		return;
	}
}

/* 1 when the comma-separated list s holds token (case-insensitive). */
static int has_token(const char *s, const char *token)
{
	while (*s != '\0') {
		while (*s == ' ' || *s == '\t' || *s == ',')
			s++;
		const char *e = s;
		while (*e != '\0' && *e != ',' && *e != ' ' && *e != '\t' &&
		       *e != ';')
			e++;
		if (e > s && same_name(s, (size_t)(e - s), token))
			return 1;
		s = e;
		while (*s != '\0' && *s != ',')
			s++;
	}
	return 0;
}

/* ---- payloads -------------------------------------------------------- */

/* A body whose media type is not given: HTML when, after a BOM and white
 * space, it opens with one of the tags pages open with. */
static int looks_html(const unsigned char *p, size_t n)
{
	static const char *const starts[] = {
	    "<!doctype html", "<html", "<head", "<body",
	    "<!--", "<title", "<meta",
	};
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		p += 3;
		n -= 3;
	}
	while (n > 0 && is_space(*p)) {
		p++;
		n--;
	}
	for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
		size_t k = strlen(starts[i]);
		if (n >= k && same_name((const char *)p, k, starts[i]))
			return 1;
	}
	return 0;
}

static void set_media(struct wn_warc_reader *r, struct wn_warc_record *rec,
                      const char *ct)
{
	if (ct == NULL || *ct == '\0') {
		rec->is_html = looks_html(rec->payload, rec->payload_len);
		return;
	}
	get_charset(ct, r->charset, sizeof r->charset);
	rec->charset = r->charset;
	rec->is_html = media_is(ct, "text/html") ||
	               media_is(ct, "application/xhtml+xml");
}

static int is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

static unsigned hex_value(unsigned char c)
{
	if (c <= '9')
		return (unsigned)(c - '0');
	return (unsigned)((c | 0x20) - 'a' + 10);
}

/*
 * Undoes the chunked transfer coding of p in place and returns the new
 * length, or SIZE_MAX when p does not open with a chunk-size line: some
 * crawlers store the body decoded but keep the header.  A truncated last
 * chunk, or a bad size line after good chunks, ends the body there.
 */
static size_t dechunk(unsigned char *p, size_t len)
{
	size_t rd = 0, w = 0;
	for (int first = 1;; first = 0) {
		uint64_t size = 0;
		size_t digits = 0;
		while (rd < len && is_hex(p[rd]) && digits < 16) {
			size = size * 16 + hex_value(p[rd++]);
			digits++;
		}
		while (rd < len && (p[rd] == ' ' || p[rd] == '\t'))
			rd++;
		if (rd < len && p[rd] == ';')
			while (rd < len && p[rd] != '\n')
				rd++;
		if (rd < len && p[rd] == '\r')
			rd++;
		int line_ok = digits > 0 && (rd == len || p[rd] == '\n');
		if (!line_ok)
			return first ? SIZE_MAX : w;
		if (rd == len || size == 0)
			return w;
		rd++;
		size_t n = len - rd;
		if (size < n)
			n = (size_t)size;
		memmove(p + w, p + rd, n);
		w += n;
		rd += n;
		if (n < size)
			return w;
		if (rd < len && p[rd] == '\r')
			rd++;
		if (rd < len && p[rd] == '\n')
			rd++;
	}
}

/* The end of the HTTP header section that starts at b (the status line
 * ends at from): the offset after the blank line, 0 when there is none
 * within the limit. */
static size_t http_header_end(const char *b, size_t len, size_t from)
{
	size_t lim = len < WN_WARC_MAX_HEADER ? len : WN_WARC_MAX_HEADER;
	size_t i = from;
	while (i < lim) {
		const char *nl = memchr(b + i, '\n', lim - i);
		if (nl == NULL)
			return 0;
		size_t start = i;
		i = (size_t)(nl - b) + 1;
		if (i - start == 1 || (i - start == 2 && b[start] == '\r'))
			return i;
	}
	return 0;
}

/* "HTTP/1.1 200 OK": the status, or 0 when the line is not like that. */
static int http_status(const char *line, size_t len)
{
	if (len < 5 || memcmp(line, "HTTP/", 5) != 0)
		return 0;
	size_t i = 5;
	while (i < len && line[i] != ' ' && line[i] != '\t')
		i++;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (len - i < 3)
		return 0;
	int st = 0;
	for (size_t k = 0; k < 3; k++) {
		if (line[i + k] < '0' || line[i + k] > '9')
			return 0;
		st = st * 10 + (line[i + k] - '0');
	}
	if (len - i > 3 && !is_space((unsigned char)line[i + 3]))
		return 0;
	return st >= 100 ? st : 0;
}

/* Splits the HTTP response in r->blk into status, headers and body. */
static int split_http(struct wn_warc_reader *r, struct wn_warc_record *rec)
{
	char *b = r->blk.data;
	size_t len = r->blk.size;
	const char *nl = memchr(b, '\n', len);
	size_t line_end = nl ? (size_t)(nl - b) + 1 : len;
	if (line_end > WN_WARC_MAX_HEADER)
		return bad(r, "bad HTTP status line");
	rec->http_status = http_status(b, line_end);
	if (rec->http_status == 0)
		return bad(r, "bad HTTP status line");
	size_t end = http_header_end(b, len, line_end);
	if (end == 0) {
		/* Headers and no body is a complete response too. */
		if (len > WN_WARC_MAX_HEADER)
			return bad(r, "HTTP header section over %d KiB",
			           WN_WARC_MAX_HEADER / 1024);
		end = len;
	}
	struct field f[] = {{"Content-Type", NULL},
	                    {"Transfer-Encoding", NULL}};
	parse_fields(b + line_end, b + end, f, 2);
	unsigned char *body = (unsigned char *)b + end;
	size_t blen = len - end;
	if (f[1].value != NULL && has_token(f[1].value, "chunked")) {
		size_t n = dechunk(body, blen);
		if (n != SIZE_MAX) {
			blen = n;
			body[blen] = '\0';
		}
	}
	rec->payload = body;
	rec->payload_len = blen;
	rec->http_content_type = f[0].value ? f[0].value : "";
	set_media(r, rec, f[0].value);
	return WN_WARC_RECORD;
}

/* ---- records --------------------------------------------------------- */

enum { F_TYPE, F_URI, F_ID, F_DATE, F_CTYPE, F_LENGTH, F_COUNT };

/* Parses r->hdr into rec's header fields; *length gets Content-Length's
 * text (NULL when absent). */
static void parse_warc_header(struct wn_warc_reader *r,
                              struct wn_warc_record *rec,
                              const char **length)
{
	struct field f[F_COUNT] = {
	    [F_TYPE] = {"WARC-Type", NULL},
	    [F_URI] = {"WARC-Target-URI", NULL},
	    [F_ID] = {"WARC-Record-ID", NULL},
	    [F_DATE] = {"WARC-Date", NULL},
	    [F_CTYPE] = {"Content-Type", NULL},
	    [F_LENGTH] = {"Content-Length", NULL},
	};
	char *h = r->hdr.data;
	char *end = h + r->hdr.size;
	char *nl = memchr(h, '\n', r->hdr.size);
	char *ve = nl;
	while (ve > h && is_space((unsigned char)ve[-1]))
		ve--;
	*ve = '\0';
	rec->version = h;
	parse_fields(nl + 1, end, f, F_COUNT);

	/* WARC/1.0 writers put the URI in <>, as the 1.0 grammar said. */
	char *uri = f[F_URI].value;
	size_t ulen = uri ? strlen(uri) : 0;
	if (ulen >= 2 && uri[0] == '<' && uri[ulen - 1] == '>') {
		uri[ulen - 1] = '\0';
		f[F_URI].value = uri + 1;
	}
	if (f[F_TYPE].value)
		rec->type = f[F_TYPE].value;
	if (f[F_URI].value)
		rec->target_uri = f[F_URI].value;
	if (f[F_ID].value)
		rec->record_id = f[F_ID].value;
	if (f[F_DATE].value)
		rec->date = f[F_DATE].value;
	if (f[F_CTYPE].value)
		rec->content_type = f[F_CTYPE].value;
	*length = f[F_LENGTH].value;
}

/* Reads the block of a record whose header is parsed, and makes its
 * payload. */
static int read_block(struct wn_warc_reader *r, struct wn_warc_record *rec,
                      uint64_t len)
{
	uint64_t limit = r->max_record ? r->max_record : SIZE_MAX / 4;
	if (len > limit) {
		int rc = take_block(r, len, NULL);
		if (rc == WN_WARC_FATAL)
			return rc;
		if (rc == LINE_BREAK)
			return broken(r);
		return bad(r, "record of %" PRIu64 " bytes is over the limit",
		           len);
	}
	wn_buf_reset(&r->blk);
	if (wn_buf_grow(&r->blk, len < BLOCK_RESERVE ? (size_t)len
	                                             : BLOCK_RESERVE) != 0)
		return fatal(r, "out of memory");
	r->blk.data[0] = '\0';
	int rc = take_block(r, len, &r->blk);
	if (rc == WN_WARC_FATAL)
		return rc;
	if (rc == LINE_BREAK)
		return broken(r);

	rec->payload = (unsigned char *)r->blk.data;
	rec->payload_len = r->blk.size;
	if (strcmp(rec->type, "response") == 0 &&
	    media_is(rec->content_type, "application/http"))
		return split_http(r, rec);
	set_media(r, rec, rec->content_type);
	return WN_WARC_RECORD;
}

static void clear_record(struct wn_warc_record *rec)
{
	memset(rec, 0, sizeof *rec);
	rec->version = rec->type = rec->target_uri = rec->record_id = "";
	rec->date = rec->content_type = rec->http_content_type = "";
	rec->charset = "";
}

int wn_warc_next(wn_warc_reader *r, struct wn_warc_record *rec)
{
	if (r == NULL || rec == NULL)
		return WN_WARC_FATAL;
	clear_record(rec);
	if (r->fatal)
		return WN_WARC_FATAL;
	r->err[0] = '\0';
	r->charset[0] = '\0';
	if (r->done)
		return WN_WARC_END;

	int rc = find_start(r);
	if (rc != 1)
		return rc;
	rc = read_headers(r);
	if (rc != 1)
		return rc;
	const char *length;
	parse_warc_header(r, rec, &length);
	uint64_t len;
	if (length == NULL || parse_length(length, &len) != 0) {
		/* Where the block ends is unknown: skip to a "WARC/" line. */
		r->resyncing = 1;
		return bad(r, length ? "invalid Content-Length"
		                     : "no Content-Length");
	}
	rc = read_block(r, rec, len);
	if (rc != WN_WARC_RECORD) {
		rec->payload = NULL;
		rec->payload_len = 0;
	}
	return rc;
}

/* ---- life cycle ------------------------------------------------------ */

wn_warc_reader *wn_warc_new(wn_warc_read_fn read, void *ctx,
                            size_t max_record)
{
	if (read == NULL)
		return NULL;
	wn_warc_reader *r = calloc(1, sizeof *r);
	if (r == NULL)
		return NULL;
	r->read = read;
	r->ctx = ctx;
	r->fd = -1;
	r->max_record = max_record;
	r->raw = malloc(RAW_CAP);
	r->win = malloc(WIN_CAP);
	if (r->raw == NULL || r->win == NULL) {
		wn_warc_free(r);
		return NULL;
	}
	struct wn_buf empty = WN_BUF_INIT;
	r->hdr = r->blk = empty;
	return r;
}

static ssize_t fd_read(void *ctx, void *buf, size_t n)
{
	int fd = *(int *)ctx;
	ssize_t k;
	do
		k = read(fd, buf, n);
	while (k < 0 && errno == EINTR);
	return k;
}

wn_warc_reader *wn_warc_new_fd(int fd, size_t max_record)
{
	wn_warc_reader *r = wn_warc_new(fd_read, NULL, max_record);
	if (r == NULL)
		return NULL;
	r->fd = fd;
	r->ctx = &r->fd;
	return r;
}

const char *wn_warc_errmsg(const wn_warc_reader *r)
{
	return r ? r->err : "invalid argument";
}

void wn_warc_free(wn_warc_reader *r)
{
	if (r == NULL)
		return;
	if (r->zs_live)
		inflateEnd(&r->zs);
	free(r->raw);
	free(r->win);
	wn_buf_free(&r->hdr);
	wn_buf_free(&r->blk);
	free(r);
}
