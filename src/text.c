/*
 * text.c - the text stage: plain text that a scraper already extracted,
 * to the same block list the HTML stage makes.
 *
 * Blocks are split at blank lines, or at every line end where the page
 * has no blank lines at all.  A run of lines between blank lines is one
 * block only when it is a paragraph wrapped to a width; otherwise, and
 * for bulleted lines ("•", "*", "-", "1."), each line is a block.  An
 * HTML fragment inside the text ("<html>…</html>") is parsed as HTML in
 * place, so that its article text is kept and no tag reaches the output.
 */
#include <gumbo.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "page.h"

int wn_looks_like_html(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
	                   s[i] == '\f'))
		i++;
	if (i >= len || s[i] != '<' || i + 1 >= len)
		return 0;
	char c = s[i + 1];
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '!' || c == '?';
}

/* Case-insensitive search for needle in [s, s + n). */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++) {
		if (s[i] == '<' && strncasecmp(s + i, needle, k) == 0)
			return s + i;
	}
	return NULL;
}

/* The next HTML fragment in [s, s + n): from "<html" (or "<body") to the
 * end of the last "</html>" ("</body>"), or to the end of the text. */
static int find_fragment(const char *s, size_t n, size_t *from, size_t *to)
{
	static const char *const open[] = {"<html", "<body"};
	static const char *const close[] = {"</html>", "</body>"};
	for (int k = 0; k < 2; k++) {
		const char *a = find_ci(s, n, open[k]);
		if (a == NULL)
			continue;
		char after = a + strlen(open[k]) < s + n ? a[strlen(open[k])] : '>';
		if (after != '>' && after != ' ' && after != '\t' && after != '\n' &&
		    after != '\r')
			continue;
		*from = (size_t)(a - s);
		*to = n;
		for (const char *p = a; (p = find_ci(p + 1, (size_t)(s + n - p - 1), close[k]));)
			*to = (size_t)(p - s) + strlen(close[k]);
		return 1;
	}
	return 0;
}

static int is_blank(const char *s, const char *e)
{
	for (; s < e; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\f' && *s != '\v')
			return 0;
	return 1;
}

/* Length of a bullet at s ("• ", "* ", "- ", "12. "), 0 if none. */
static size_t bullet_len(const char *s, const char *e)
{
	static const char *const marks[] = {
	    "\xE2\x80\xA2", /* • */ "\xE2\x97\xA6", /* ◦ */ "\xE2\x96\xAA", /* ▪ */
	    "\xE2\x96\xA1", /* □ */ "\xE2\x96\xA0", /* ■ */ "\xE2\x97\x8F", /* ● */
	    "\xE2\x97\x8B", /* ○ */ "\xE2\x80\xA3", /* ‣ */ "\xE2\x80\x93", /* – */
	    "*", "-", "+",
	};
	for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
		size_t n = strlen(marks[k]);
		if ((size_t)(e - s) > n && memcmp(s, marks[k], n) == 0 &&
		    (s[n] == ' ' || s[n] == '\t'))
			return n + 1;
		if ((size_t)(e - s) == n && memcmp(s, marks[k], n) == 0)
			return n; /* a bullet with nothing after it */
	}
	const char *d = s;
	while (d < e && d - s < 3 && *d >= '0' && *d <= '9')
		d++;
	if (d > s && d + 1 < e && (*d == '.' || *d == ')') && d[1] == ' ')
		return (size_t)(d - s) + 2;
	return 0;
}

struct line {
	const char *s, *e; /* trimmed text, bullet removed */
	int bullet;
};

struct text_reader {
	struct wn_page *pg;
	const struct wn_options *opts;
	struct wn_buf raw;
	int failed;
};

/*
 * A tag at p (up to e): "<b>", "</p>", "<br/>", "<a href=…>", with a name
 * Gumbo knows, so that "x<y and y>z" is not one.  Its length, or 0.
 */
static size_t tag_len(const char *p, const char *e)
{
	const char *q = p + 1;
	if (q < e && *q == '/')
		q++;
	const char *name = q;
	while (q < e && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
	                 (*q >= '0' && *q <= '9')))
		q++;
	if (q == name || gumbo_tagn_enum(name, (unsigned)(q - name)) == GUMBO_TAG_UNKNOWN)
		return 0;
	if (q < e && *q != '>' && *q != ' ' && *q != '/' && *q != '\t')
		return 0;
	/* A tag is at most 512 bytes: the search stops there, so that a line
	 * of "<b <b <b ..." without a '>' is read once, not once per '<'. */
	size_t room = (size_t)(e - q) < 512 ? (size_t)(e - q) : 512;
	const char *gt = memchr(q, '>', room);
	if (gt == NULL || gt - p > 512 || memchr(q, '<', (size_t)(gt - q)))
		return 0;
	return (size_t)(gt - p) + 1;
}

static const struct {
	const char *name;
	const char *utf8;
} entities[] = {
	{"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"},
	{"nbsp", " "}, {"ndash", "\xE2\x80\x93"}, {"mdash", "\xE2\x80\x94"},
	{"hellip", "\xE2\x80\xA6"}, {"lsquo", "\xE2\x80\x98"}, {"rsquo", "\xE2\x80\x99"},
	{"ldquo", "\xE2\x80\x9C"}, {"rdquo", "\xE2\x80\x9D"}, {"laquo", "\xC2\xAB"},
	{"raquo", "\xC2\xBB"}, {"copy", "\xC2\xA9"}, {"reg", "\xC2\xAE"},
	{"euro", "\xE2\x82\xAC"}, {"middot", "\xC2\xB7"}, {"bull", "\xE2\x80\xA2"},
};

/* A character reference at p: its length, with its UTF-8 in out (at least
 * 5 bytes); 0 when there is none. */
static size_t entity_len(const char *p, const char *e, char *out)
{
	const char *semi = memchr(p, ';', (size_t)(e - p) < 16 ? (size_t)(e - p) : 16);
	if (semi == NULL || semi - p < 3)
		return 0;
	size_t n = (size_t)(semi - p) + 1;
	if (p[1] == '#') {
		int hex = p[2] == 'x' || p[2] == 'X';
		unsigned long v = 0;
		const char *q = p + 2 + hex;
		if (q == semi)
			return 0;
		for (; q < semi; q++) {
			int d = *q >= '0' && *q <= '9' ? *q - '0'
			        : hex && (*q | 0x20) >= 'a' && (*q | 0x20) <= 'f' ? (*q | 0x20) - 'a' + 10
			        : -1;
			if (d < 0)
				return 0;
			v = v * (hex ? 16 : 10) + (unsigned long)d;
			if (v > 0x10FFFF)
				v = 0x110000;
		}
		if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			v = 0xFFFD;
		utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)v, (utf8proc_uint8_t *)out);
		out[k] = '\0';
		return n;
	}
	for (size_t k = 0; k < sizeof entities / sizeof entities[0]; k++) {
		size_t m = strlen(entities[k].name);
		if (m == n - 2 && memcmp(p + 1, entities[k].name, m) == 0) {
			strcpy(out, entities[k].utf8);
			return n;
		}
	}
	return 0;
}

/* Appends one line to raw with runs of white space collapsed, stray tags
 * left out and character references decoded: no markup reaches the
 * output. */
static void put_line(struct wn_buf *b, const struct line *l)
{
	int space = 0;
	for (const char *p = l->s; p < l->e; p++) {
		char ref[8];
		size_t skip;
		if (*p == '<' && (skip = tag_len(p, l->e)) > 0) {
			space = 1; /* a tag between two words separates them */
			p += skip - 1;
			continue;
		}
		if (*p == ' ' || *p == '\t' || *p == '\f' || *p == '\v' || *p == '\r') {
			space = 1;
			continue;
		}
		if (space && b->size && b->data[b->size - 1] != '\n')
			wn_buf_putc(b, ' ');
		space = 0;
		if (*p == '&' && (skip = entity_len(p, l->e, ref)) > 0) {
			wn_buf_puts(b, ref);
			p += skip - 1;
			continue;
		}
		wn_buf_putc(b, *p);
	}
}

static void add_block(struct text_reader *r, wn_block_kind kind)
{
	struct wn_iblock *b;
	if (r->raw.failed ||
	    wn_page_add_block(r->pg, kind, kind == WN_BLOCK_LIST_ITEM ? 1 : 0, -1, r->raw.data,
	                      r->raw.size, 0, r->opts, &b) != 0)
		r->failed = 1;
	wn_buf_reset(&r->raw);
}

/* A line ends a sentence or a heading rather than running on: its last
 * character is closing punctuation (also ” » 」 。 …), not a letter. */
static int ends_sentence(const struct line *l)
{
	if (l->e == l->s)
		return 1;
	const char *p = l->e - 1;
	while (p > l->s && ((unsigned char)*p & 0xC0) == 0x80)
		p--;
	utf8proc_int32_t cp;
	if (utf8proc_iterate((const utf8proc_uint8_t *)p, l->e - p, &cp) <= 0)
		return 1;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_PO: /* . ! ? : … 。 */
	case UTF8PROC_CATEGORY_PE: /* ) ] 」 */
	case UTF8PROC_CATEGORY_PF: /* ” » ’ */
		return 1;
	default:
		return cp == '"' || cp == '\'';
	}
}

static int starts_lower(const struct line *l)
{
	return l->s < l->e && l->s[0] >= 'a' && l->s[0] <= 'z';
}

/*
 * A run of non-blank lines to blocks.  It is one paragraph when it was
 * wrapped to a width: most of its line breaks fall inside a sentence (no
 * sentence end before, a lower-case letter after).  Otherwise every line
 * is a block of its own: scraped text puts a paragraph on each line, and
 * menus a label on each line.
 */
static void add_run(struct text_reader *r, const struct line *lines, size_t n)
{
	size_t inside = 0;
	int bullets = 0;
	for (size_t i = 0; i < n; i++) {
		bullets |= lines[i].bullet;
		/* A break mid-sentence: no sentence end, and the next line goes
		 * on in lower case.  (Line widths would say more, but a list of
		 * headlines has lines of one width too.) */
		if (i + 1 < n && !ends_sentence(&lines[i]) && starts_lower(&lines[i + 1]))
			inside++;
	}
	if (n == 1 || bullets || inside * 2 < n - 1) {
		for (size_t i = 0; i < n; i++) {
			put_line(&r->raw, &lines[i]);
			add_block(r, lines[i].bullet ? WN_BLOCK_LIST_ITEM : WN_BLOCK_PARAGRAPH);
		}
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			wn_buf_putc(&r->raw, '\n');
		put_line(&r->raw, &lines[i]);
	}
	add_block(r, WN_BLOCK_PARAGRAPH);
}

/* Plain text (no fragment) to blocks. */
static void read_plain(struct text_reader *r, const char *s, size_t n, int blank_lines)
{
	struct line run[64];
	size_t nrun = 0;
	const char *end = s + n;
	while (s < end && !r->failed) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		if (is_blank(s, e)) {
			if (nrun)
				add_run(r, run, nrun);
			nrun = 0;
		} else {
			const char *t = s;
			while (t < e && (*t == ' ' || *t == '\t'))
				t++;
			struct line l = {t, e, 0};
			size_t b = bullet_len(t, e);
			if (b) {
				l.bullet = 1;
				l.s = t + b;
			}
			while (l.e > l.s && (l.e[-1] == ' ' || l.e[-1] == '\t' || l.e[-1] == '\r'))
				l.e--;
			if (!blank_lines) {
				add_run(r, &l, 1);
			} else {
				if (nrun == sizeof run / sizeof run[0]) {
					add_run(r, run, nrun);
					nrun = 0;
				}
				run[nrun++] = l;
			}
		}
		s = nl ? nl + 1 : end;
	}
	if (nrun && !r->failed)
		add_run(r, run, nrun);
}

/* 1 when some blank line separates two lines of text. */
static int has_blank_lines(const char *s, size_t n)
{
	int text_seen = 0, blank_after_text = 0;
	const char *end = s + n;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		if (is_blank(s, e)) {
			if (text_seen)
				blank_after_text = 1;
		} else {
			if (blank_after_text)
				return 1;
			text_seen = 1;
		}
		s = nl ? nl + 1 : end;
	}
	return 0;
}

wn_status wn_text_read(struct wn_page *pg, const char *utf8, size_t len,
                       const struct wn_options *opts, char *err, size_t errlen)
{
	struct text_reader r = {pg, opts, WN_BUF_INIT, 0};
	int blank_lines = has_blank_lines(utf8, len);
	pg->is_text = 1;
	size_t pos = 0;
	while (pos < len && !r.failed) {
		size_t from, to;
		if (!find_fragment(utf8 + pos, len - pos, &from, &to)) {
			read_plain(&r, utf8 + pos, len - pos, blank_lines);
			break;
		}
		read_plain(&r, utf8 + pos, from, blank_lines);
		if (r.failed)
			break;
		/* The fragment's blocks join the list in place; its title, if
		 * any, names the page only when the text has none. */
		wn_status rc = wn_dom_read(pg, utf8 + pos + from, to - from, opts, err, errlen);
		if (rc != WN_OK) {
			wn_buf_free(&r.raw);
			return rc;
		}
		pos += to;
	}
	wn_buf_free(&r.raw);
	if (r.failed) {
		snprintf(err, errlen, "out of memory");
		return WN_ERR_NOMEM;
	}
	return WN_OK;
}
