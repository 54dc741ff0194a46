/*
 * warc.c - streaming WARC reader; see warc.h.
 *
 * Three layers, each pulling from the one below:
 *
 *   raw     bytes from the read callback (raw[rpos..rend])
 *   window  the decompressed stream (win[wpos..wend]): copied for plain
 *           input, inflated member after member for gzip input; it grows
 *           to hold a whole record
 *   records find the "WARC/" line, read the header section into hdr,
 *           check that the record ends where its Content-Length says,
 *           and split HTTP responses in place in the window; when it
 *           does not, move on to the next header that parses
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

/* Whether n bytes at p start a gzip member.  (The library's own check is
 * not exported: the reader is the command's, not the library's.) */
static int gzip_magic(const unsigned char *p, size_t n)
{
	return n >= 2 && p[0] == 0x1F && p[1] == 0x8B;
}

#define RAW_CAP (64 * 1024)
/* The window's first size; it doubles while a record needs more. */
#define WIN_CAP (64 * 1024)
#define NONE SIZE_MAX

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
	/* The first bytes after the current member's header that look like
	 * another member's (raw index, NONE): kept in raw while they fit, so
	 * that a member which turns out corrupt, or cut short, is left
	 * there and not after the members its deflate data ran into. */
	size_t rkeep;
	size_t rscan; /* raw before this was looked at for rkeep */
	enum brk brk;
	char zerr[64];

	unsigned char *win; /* wcap bytes and one for a NUL */
	size_t wcap, wpos, wend;
	uint64_t base; /* the stream offset of win[0] */
	/* The byte a payload's NUL covers, put back by the next call. */
	size_t nul_at; /* NONE when none */
	unsigned char nul_saved;

	struct wn_buf hdr; /* the current header section */
	char charset[64];
	char err[160];
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
	/* A kept member header that raw cannot hold with more input was
	 * inside the member (deflate data went on for 64 KiB after it). */
	if (r->rkeep != NONE && r->rend - r->rkeep == RAW_CAP)
		r->rkeep = NONE;
	size_t from = r->rkeep < r->rpos ? r->rkeep : r->rpos;
	/* While a member is inflated, the last bytes not yet looked at for
	 * a member header (at most three: one may start there) stay, or a
	 * header cut in two by the reads would be missed, and where the
	 * input goes on after a corrupt member would depend on the sizes of
	 * the reads. */
	if (r->zs_live && !r->member_done && r->rkeep == NONE && r->rscan < from)
		from = r->rscan;
	if (from > 0) {
		memmove(r->raw, r->raw + from, r->rend - from);
		r->rend -= from;
		r->rpos -= from;
		r->rscan = r->rscan > from ? r->rscan - from : 0;
		if (r->rkeep != NONE)
			r->rkeep -= from;
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
	r->rkeep = NONE;
	r->rscan = r->rpos + 1;
	return 0;
}

/* 1 when p (4 bytes) looks like a gzip member header: magic, deflate,
 * no reserved flag bits. */
static int member_header(const unsigned char *p)
{
	return p[0] == 0x1F && p[1] == 0x8B && p[2] == 8 && (p[3] & 0xE0) == 0;
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
			if (member_header(p + i)) {
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
	else if (!gzip_magic(r->raw + r->rpos, n))
		r->brk = BRK_GARBAGE;
	else
		return gz_begin(r);
	return 0;
}

/* Looks at the raw bytes not yet looked at for the first member header
 * after the current member's own (each byte once). */
static void find_keep(struct wn_warc_reader *r)
{
	while (r->rkeep == NONE && r->rscan + 4 <= r->rend) {
		const unsigned char *p = memchr(r->raw + r->rscan, 0x1F,
		                                r->rend - 3 - r->rscan);
		if (p == NULL) {
			r->rscan = r->rend - 3;
			return;
		}
		r->rscan = (size_t)(p - r->raw) + 1;
		if (member_header(p))
			r->rkeep = (size_t)(p - r->raw);
	}
}

/* The member being inflated is corrupt or cut short: the window stops,
 * and the input goes on at the member header kept inside it, if any. */
static void member_broken(struct wn_warc_reader *r, const char *why)
{
	snprintf(r->zerr, sizeof r->zerr, "%s", why);
	r->brk = BRK_CORRUPT;
	/* Where the input goes on must not depend on how much of it the
	 * reads happened to bring: every byte held is looked at, and without
	 * a header among them the search goes on from the first byte not
	 * looked at (zlib may have taken a few bytes past the bad ones). */
	find_keep(r);
	if (r->rkeep != NONE)
		r->rpos = r->rkeep;
	else if (r->rscan < r->rpos)
		r->rpos = r->rscan;
	r->rkeep = NONE;
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
		if (!r->raw_eof)
			return refill_raw(r);
		if (r->rkeep != NONE)
			member_broken(r, "member cut short");
		else
			r->brk = BRK_TRUNC;
		return 0;
	}
	find_keep(r);
	size_t in = r->rend - r->rpos;
	r->zs.next_in = r->raw + r->rpos;
	r->zs.avail_in = (uInt)in;
	r->zs.next_out = r->win + r->wend;
	r->zs.avail_out = (uInt)(r->wcap - r->wend);
	int zr = inflate(&r->zs, Z_NO_FLUSH);
	r->rpos += in - r->zs.avail_in;
	r->wend = r->wcap - r->zs.avail_out;
	if (zr == Z_STREAM_END) {
		r->member_done = 1;
		r->rkeep = NONE;
		return 0;
	}
	/* With input and room, Z_BUF_ERROR would mean no progress ever:
	 * treated as corrupt data rather than looped on. */
	if (zr == Z_OK || (zr == Z_BUF_ERROR && r->zs.avail_in == 0))
		return 0;
	if (zr == Z_MEM_ERROR)
		return fatal(r, "out of memory");
	member_broken(r, r->zs.msg ? r->zs.msg : "bad data");
	return 0;
}

/* Plain input: the bytes the sniff read, then straight into the window. */
static int plain_step(struct wn_warc_reader *r)
{
	size_t room = r->wcap - r->wend;
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
	if (gzip_magic(r->raw + r->rpos, n) ||
	    (n == 1 && r->raw[r->rpos] == 0x1F)) {
		r->mode = MODE_GZIP;
		return gz_begin(r);
	}
	r->mode = MODE_PLAIN;
	return 0;
}

/* Makes room at the end of the window: moves what is left of it to the
 * front when that is at most half of it, else doubles it.  Either way
 * the bytes moved are fewer than those read since the last move, so
 * moving stays linear; the window grows only as large as twice what one
 * record (header, block and its end) needs.  0, or WN_WARC_FATAL. */
static int make_room(struct wn_warc_reader *r)
{
	size_t left = r->wend - r->wpos;
	if (r->wpos > 0 && left <= r->wcap / 2) {
		memmove(r->win, r->win + r->wpos, left);
		r->base += r->wpos;
		r->wend = left;
		r->wpos = 0;
		return 0;
	}
	if (r->wcap > (SIZE_MAX - 1) / 2)
		return fatal(r, "out of memory");
	unsigned char *w = realloc(r->win, r->wcap * 2 + 1);
	if (w == NULL)
		return fatal(r, "out of memory");
	r->win = w;
	r->wcap *= 2;
	return 0;
}

/* Adds at least one byte to the window, unless the window stops
 * (r->brk).  0, or WN_WARC_FATAL. */
static int fill(struct wn_warc_reader *r)
{
	if (r->wend == r->wcap && make_room(r) != 0)
		return WN_WARC_FATAL;
	size_t before = r->wend;
	while (r->wend == before && r->brk == BRK_NONE) {
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
	r->base += r->wend;
	r->wpos = r->wend = 0;
	r->seek_member = 1;
}

/* Makes n bytes visible in the window, fewer at a break. */
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

/* The decimal Content-Length in the n bytes at s, between spaces or
 * tabs: -1 unless it is digits only. */
static int parse_length(const char *s, size_t n, uint64_t *out)
{
	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	uint64_t v = 0;
	if (n == 0)
		return -1;
	for (; n > 0; s++, n--) {
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

/* Splits the HTTP response in the block b (len bytes, a NUL after them)
 * into status, headers and body. */
static int split_http(struct wn_warc_reader *r, struct wn_warc_record *rec,
                      char *b, size_t len)
{
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

/* ---- where records end, and resyncing -------------------------------- */

static uint64_t record_limit(const struct wn_warc_reader *r)
{
	return r->max_record ? r->max_record : SIZE_MAX / 4;
}

/*
 * Whether the block that ends `at` bytes into the window ends its record:
 * 1 when two line ends follow it (CRLF CRLF as written, LF LF too), or
 * the next "WARC/" line, or a break after no more than the start of
 * either (a file cut there); *term gets the line ends' length.  0 when
 * something else follows: the Content-Length is wrong.
 */
static int ends_record(struct wn_warc_reader *r, size_t at, size_t *term)
{
	size_t n, j = at;
	int ends = 0;
	while (ends < 2) {
		if (peek(r, j + 2, &n) != 0)
			return WN_WARC_FATAL;
		const unsigned char *p = r->win + r->wpos;
		if (j + 1 < n && p[j] == '\r' && p[j + 1] == '\n')
			j += 2;
		else if (j < n && p[j] == '\n')
			j += 1;
		else
			break;
		ends++;
	}
	*term = j - at;
	if (ends == 2)
		return 1;
	if (peek(r, j + 5, &n) != 0)
		return WN_WARC_FATAL;
	const unsigned char *p = r->win + r->wpos + j;
	if (n >= j + 5)
		return memcmp(p, "WARC/", 5) == 0;
	return cut_start(p, n - j) || (n - j == 1 && p[0] == '\r');
}

/* Finds the end of the line that starts `from` bytes into the window:
 * *end gets the offset after its LF, 0 when there is none within
 * WN_WARC_MAX_HEADER bytes or before a break.  Each byte is looked at
 * once. */
static int line_at(struct wn_warc_reader *r, size_t from, size_t *end)
{
	size_t seen = from, n;
	*end = 0;
	for (;;) {
		n = r->wend - r->wpos;
		if (seen < n) {
			const unsigned char *p = r->win + r->wpos;
			const unsigned char *nl = memchr(p + seen, '\n', n - seen);
			if (nl != NULL) {
				*end = (size_t)(nl - p) + 1;
				return 0;
			}
			seen = n;
		}
		if (seen >= WN_WARC_MAX_HEADER)
			return 0;
		if (peek(r, seen + 1, &n) != 0)
			return WN_WARC_FATAL;
		if (n <= seen)
			return 0;
	}
}

/* A character of a header field's name (an RFC 9110 token). */
static int is_tchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') ||
	       (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

/*
 * 1 when a record header starts at wpos: a "WARC/1.0" or "WARC/1.1"
 * line, then "Name: value" lines (or continuation lines) up to a blank
 * line, within WN_WARC_MAX_HEADER bytes, with a WARC-Type or a
 * WARC-Record-ID and a Content-Length of digits.  *hlen and *blen get
 * the header section's length and that Content-Length.  It stops at the
 * first line that is none of these, and a "WARC/" line is none, so two
 * candidates never look at the same lines.
 */
static int header_parses(struct wn_warc_reader *r, size_t *hlen,
                         uint64_t *blen)
{
	size_t n, end = 0;
	if (peek(r, 10, &n) != 0)
		return WN_WARC_FATAL;
	const unsigned char *p = r->win + r->wpos;
	if (n < 9 || memcmp(p, "WARC/1.", 7) != 0 ||
	    (p[7] != '0' && p[7] != '1'))
		return 0;
	size_t i = p[8] == '\r' ? 9 : 8;
	if (i >= n || p[i] != '\n')
		return 0;
	i++;
	int fields = 0, named = 0, lengths = 0, has_length = 0;
	for (;;) {
		if (line_at(r, i, &end) != 0)
			return WN_WARC_FATAL;
		if (end == 0 || end > WN_WARC_MAX_HEADER)
			return 0;
		const char *line = (const char *)r->win + r->wpos + i;
		size_t len = end - i - 1;
		if (len > 0 && line[len - 1] == '\r')
			len--;
		if (len == 0)
			break;
		i = end;
		if (line[0] == ' ' || line[0] == '\t') {
			if (!fields)
				return 0; /* continues no field */
			continue;
		}
		fields++;
		size_t k = 0;
		while (k < len && is_tchar((unsigned char)line[k]))
			k++;
		if (k == 0 || k == len || line[k] != ':')
			return 0;
		if (same_name(line, k, "Content-Length") && lengths++ == 0)
			has_length =
			    parse_length(line + k + 1, len - k - 1, blen) == 0;
		else if (same_name(line, k, "WARC-Type") ||
		         same_name(line, k, "WARC-Record-ID"))
			named = 1;
	}
	*hlen = end;
	return named && has_length;
}

/* What next_header found. */
enum { SEEK_BREAK = 0, SEEK_FOUND = 1, SEEK_REGION = 2 };

/*
 * Moves on from wpos (a line start when at_line) to the next record
 * header that parses, consuming what it passes: SEEK_FOUND with wpos
 * there, SEEK_BREAK when the window stopped first (all of it consumed),
 * SEEK_REGION after `region` bytes without one.  With whole, a header
 * counts only when its own block ends its record, read ahead (at most
 * the record limit) and kept for later.  Linear whatever the input:
 * each byte is passed once here and looked at once by header_parses,
 * however many "WARC/1.0" lines an attacker writes.
 */
static int next_header(struct wn_warc_reader *r, int at_line,
                       uint64_t region, int whole)
{
	uint64_t passed = 0;
	for (;;) {
		if (passed == region)
			return SEEK_REGION;
		size_t hlen, term, n;
		uint64_t blen;
		int rc = at_line ? header_parses(r, &hlen, &blen) : 0;
		if (rc == 1 && whole) {
			rc = 0;
			if (blen <= record_limit(r) &&
			    peek(r, hlen + (size_t)blen, &n) == 0 &&
			    n >= hlen + blen)
				rc = ends_record(r, hlen + (size_t)blen, &term);
			if (r->fatal)
				return WN_WARC_FATAL;
		}
		if (rc != 0)
			return rc;
		if (more(r, &n) != 0)
			return WN_WARC_FATAL;
		if (n == 0)
			return SEEK_BREAK;
		if (region - passed < n)
			n = (size_t)(region - passed);
		const unsigned char *p = r->win + r->wpos;
		const unsigned char *nl = memchr(p, '\n', n);
		size_t take = nl ? (size_t)(nl - p) + 1 : n;
		r->wpos += take;
		passed += take;
		at_line = nl != NULL;
	}
}

/*
 * The block of the record at offset start is not followed by the end of
 * a record, `what` says how: the Content-Length len is wrong.  Reading
 * goes on at the next record header after the record's own, inside the
 * block or after it, whose records a too long length would swallow.
 */
static int wrong_length(struct wn_warc_reader *r, uint64_t start,
                        uint64_t len, int at_line, const char *what)
{
	int rc = next_header(r, at_line, UINT64_MAX, 0);
	if (rc == WN_WARC_FATAL)
		return rc;
	if (rc == SEEK_BREAK)
		return broken(r);
	return bad(r,
	           "Content-Length %" PRIu64 " %s (record at offset %" PRIu64
	           ", next one at %" PRIu64 ")",
	           len, what, start, r->base + r->wpos);
}

/* A record over the limit is passed without being kept.  Its length
 * cannot be checked before the records it may hide are gone, so a record
 * inside it whose own length checks out ends it. */
static int pass_block(struct wn_warc_reader *r, uint64_t start,
                      uint64_t len)
{
	int rc = next_header(r, 1, len, 1);
	if (rc == WN_WARC_FATAL)
		return rc;
	if (rc == SEEK_BREAK)
		return broken(r);
	if (rc == SEEK_FOUND)
		return bad(r,
		           "Content-Length %" PRIu64 " runs into another record"
		           " (record at offset %" PRIu64 ", next one at %" PRIu64
		           ")",
		           len, start, r->base + r->wpos);
	size_t term;
	rc = ends_record(r, 0, &term);
	if (rc == WN_WARC_FATAL)
		return rc;
	if (rc == 0)
		return wrong_length(r, start, len, 0, "does not end the record");
	r->wpos += term;
	return bad(r, "record of %" PRIu64 " bytes is over the limit", len);
}

/* Reads the block of a record whose header is parsed (at offset start),
 * checks that the end of the record follows it, and makes its payload,
 * which stays in the window. */
static int read_block(struct wn_warc_reader *r, struct wn_warc_record *rec,
                      uint64_t start, uint64_t len)
{
	if (len > record_limit(r))
		return pass_block(r, start, len);
	size_t n, term;
	if (peek(r, (size_t)len, &n) != 0)
		return WN_WARC_FATAL;
	if (n < len)
		return wrong_length(r, start, len, 1, "is past the end of the data");
	int rc = ends_record(r, (size_t)len, &term);
	if (rc == WN_WARC_FATAL)
		return rc;
	if (rc == 0)
		return wrong_length(r, start, len, 1, "does not end the record");

	unsigned char *b = r->win + r->wpos;
	r->nul_at = r->wpos + (size_t)len;
	r->nul_saved = b[len];
	b[len] = '\0';
	r->wpos += (size_t)len + term;
	rec->payload = b;
	rec->payload_len = (size_t)len;
	if (strcmp(rec->type, "response") == 0 &&
	    media_is(rec->content_type, "application/http"))
		return split_http(r, rec, (char *)b, (size_t)len);
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
	if (r->nul_at != NONE) {
		r->win[r->nul_at] = r->nul_saved;
		r->nul_at = NONE;
	}
	if (r->done)
		return WN_WARC_END;

	int rc = find_start(r);
	if (rc != 1)
		return rc;
	uint64_t start = r->base + r->wpos;
	rc = read_headers(r);
	if (rc != 1)
		return rc;
	const char *length;
	parse_warc_header(r, rec, &length);
	uint64_t len;
	if (length == NULL || parse_length(length, strlen(length), &len) != 0) {
		/* Where the block ends is unknown: skip to a "WARC/" line. */
		r->resyncing = 1;
		return bad(r, length ? "invalid Content-Length"
		                     : "no Content-Length");
	}
	rc = read_block(r, rec, start, len);
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
	r->win = malloc(WIN_CAP + 1);
	r->wcap = WIN_CAP;
	r->nul_at = r->rkeep = NONE;
	if (r->raw == NULL || r->win == NULL) {
		wn_warc_free(r);
		return NULL;
	}
	struct wn_buf empty = WN_BUF_INIT;
	r->hdr = empty;
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
	free(r);
}
