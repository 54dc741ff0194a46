/*
 * text.c - the text stage: plain text that a scraper already extracted,
 * to the same block list the HTML stage makes.
 *
 * Blocks are split at blank lines, or at every line end where the page
 * has no blank lines at all.  A run of lines between blank lines is one
 * block only when it is a paragraph wrapped to a width; otherwise each
 * line is a block.  A bulleted line ("•", "*", "-", "1.") begins a list
 * item, which takes the lines a text browser wrapped it to (indented to
 * its text, each break where the next word would not have fitted).  An
 * HTML fragment inside the text ("<html>…</html>") is parsed as HTML in
 * place, so that its article text is kept and no tag reaches the output.
 *
 * Text browsers' dumps have conventions of their own (lynx -dump, w3m
 * -dump):
 *   - a nested list indents each level further, and lynx marks its levels
 *     "*", "+", "o", "#", "@", "=", w3m "•", "□", "○": a list item's level
 *     is its depth among the indents of the items above it;
 *   - an ordered item keeps its number ("1. First step"), and the block
 *     its ordinal;
 *   - what stands in place of text is marked on its block (enum
 *     wn_chrome, page.h) for the scorer, and ends a run of lines: lynx's
 *     feed line at the top ("#Site » Feed …"), "IFRAME: url", "[IMG]",
 *     "[INS::INS]", "(BUTTON) Label", form fields ("[ ] box", "( ) option",
 *     "Search: ______", "[Submit]"), rules ("_____") and lynx's list of
 *     link addresses ("References", "1. http://…");
 *   - the frames w3m draws around a table's cells ("│ text │") are left
 *     out, and a line of nothing but frames separates paragraphs as a
 *     blank line does; a table whose rows w3m wrapped over several lines
 *     is read a row to a line first (boxes.c), as a layout of columns is
 *     read a column at a time (columns.c);
 *   - inside a line of text, an image drawn by its file name ("[logo.png]")
 *     or glued to the text by w3m ("[photo-of-th]The mayor …") is left
 *     out, and so are lynx's reference numbers ("[12]link") on a page that
 *     ends with its list of addresses.
 */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <gumbo.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "boxes.h"
#include "columns.h"
#include "page.h"

/* How far wn_looks_like_html reads, and how many tags it wants there when
 * no element of a document's frame (doctype, html, head, body, meta,
 * title) shows: a fragment of markup is dense with tags, a text dump that
 * begins with a stray tracking pixel ("<img height=1 ...>") has two. */
#define SNIFF_BYTES 4096
#define SNIFF_MIN_TAGS 8

int wn_looks_like_html(const char *s, size_t len)
{
	static const char *const frame[] = {"<!doctype", "<html", "<head", "<body",
	                                    "<meta", "<title", "<?xml"};
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
	                   s[i] == '\f'))
		i++;
	if (i >= len || s[i] != '<' || i + 1 >= len)
		return 0;
	char c = s[i + 1];
	if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '!' || c == '?'))
		return 0;
	size_t end = len - i < SNIFF_BYTES ? len : i + SNIFF_BYTES;
	unsigned tags = 0;
	for (size_t k = i; k + 1 < end; k++) {
		if (s[k] != '<')
			continue;
		for (size_t f = 0; f < sizeof frame / sizeof frame[0]; f++)
			if (strncasecmp(s + k, frame[f], strlen(frame[f])) == 0 && k + strlen(frame[f]) <= end)
				return 1;
		char n = s[k + 1];
		if ((n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') || n == '/' || n == '!')
			tags++;
	}
	return tags >= SNIFF_MIN_TAGS || end == len;
}

/* Case-insensitive search for needle in [s, s + n). */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (const char *p = s, *end = s + n; (size_t)(end - p) >= k; p++) {
		p = memchr(p, '<', (size_t)(end - p) - k + 1); /* needles start with '<' */
		if (p == NULL)
			return NULL;
		if (strncasecmp(p, needle, k) == 0)
			return p;
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

/* A line of nothing but blanks, and the frames of boxes around it. */
static int is_blank(const char *s, const char *e)
{
	while (s < e) {
		size_t f = wn_box_frame_len(s, e);
		if (f) {
			s += f;
			continue;
		}
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\f' && *s != '\v')
			return 0;
		s++;
	}
	return 1;
}

/* Trims the frames of boxes (and the blanks beside them) off both ends
 * of the text from *s to *e, counting the columns taken off the start
 * in *indent. */
static void strip_frames(const char **s, const char **e, unsigned *indent)
{
	for (size_t f; (f = wn_box_frame_len(*s, *e)) > 0;) {
		*s += f;
		++*indent;
		for (; *s < *e && (**s == ' ' || **s == '\t'); ++*s)
			*indent += **s == '\t' ? 8 : 1;
	}
	for (;;) {
		if (*e - *s >= 3 && wn_box_frame_len(*e - 3, *e))
			*e -= 3;
		else
			break;
		while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t'))
			--*e;
	}
}

/* The marks of unordered list items.  lynx marks the levels of a nested
 * list "*", "+", "o", "#", "@", "=", w3m "•", "□", "○" ... */
static const struct {
	const char *mark;
	int nested; /* a word or a symbol elsewhere ("o" is an article in
	             * Portuguese): a mark only inside a list */
} marks[] = {
    {"\xE2\x80\xA2", 0}, /* • */ {"\xE2\x97\xA6", 0}, /* ◦ */ {"\xE2\x96\xAA", 0}, /* ▪ */
    {"\xE2\x96\xA1", 0}, /* □ */ {"\xE2\x96\xA0", 0}, /* ■ */ {"\xE2\x97\x8F", 0}, /* ● */
    {"\xE2\x97\x8B", 0}, /* ○ */ {"\xE2\x80\xA3", 0}, /* ‣ */ {"\xE2\x80\x93", 0}, /* – */
    {"*", 0}, {"-", 0}, {"+", 0},
    {"o", 1}, {"#", 1}, {"@", 1}, {"=", 1},
};

/* The deepest level of a list that text.c tells apart (the Markdown
 * writer indents no deeper either). */
#define MAX_LEVEL 16

/* A list mark at s: its length with the space after it, 0 if none.
 * *mark is its index in marks (-1 for a number), *num the length of a
 * number and its "." or ")" ("12. "), else 0. */
static size_t bullet_len(const char *s, const char *e, int *mark, size_t *num)
{
	*num = 0;
	/* (Every mark starts with one of these bytes; most lines with none.) */
	int maybe = s < e && *s && strchr("\xE2*-+o#@=", *s) != NULL;
	for (size_t k = 0; maybe && k < sizeof marks / sizeof marks[0]; k++) {
		size_t n = strlen(marks[k].mark);
		*mark = (int)k;
		if ((size_t)(e - s) > n && memcmp(s, marks[k].mark, n) == 0 &&
		    (s[n] == ' ' || s[n] == '\t'))
			return n + 1;
		if ((size_t)(e - s) == n && memcmp(s, marks[k].mark, n) == 0)
			return n; /* a bullet with nothing after it */
	}
	*mark = -1;
	const char *d = s;
	while (d < e && d - s < 3 && *d >= '0' && *d <= '9')
		d++;
	if (d > s && d + 1 < e && (*d == '.' || *d == ')') && d[1] == ' ') {
		*num = (size_t)(d - s) + 1;
		return *num + 1;
	}
	return 0;
}

struct line {
	const char *s, *e;  /* trimmed text, bullet removed */
	const char *num;    /* an ordered item's number as written ("3.", "3)") */
	size_t numlen;      /* ... and its length, 0 when none */
	int bullet;         /* a list item */
	unsigned level;     /* ... and its level, 1 = outermost */
	unsigned ordinal;   /* ... and its number, 0 when unordered */
	unsigned char chrome; /* enum wn_chrome */
	unsigned indent;    /* the column where the line starts (its bullet) */
	unsigned col;       /* the column where the text starts (after the
	                     * indent and the bullet) */
	unsigned end;       /* ... and the column after it */
	unsigned word;      /* the width of its first word */
};

struct text_reader {
	struct wn_page *pg;
	const struct wn_options *opts;
	struct wn_buf raw;
	int failed;
	int seen_text; /* a line of text has been read: the next is not the first */
	unsigned lines_read; /* lines read so far */
	int refs;      /* lynx's reference numbers ("[12]link") are in the text */
	unsigned width; /* the column the text was wrapped to (wrap_width, from
	                 * the line's start; huge when it was not wrapped) */
	int wrapped;    /* ... and whether it was */
	/* The list the lines are in: the indent and the mark of each level
	 * from the outermost, depth levels deep (0: in none). */
	unsigned indent[MAX_LEVEL];
	int mark[MAX_LEVEL];
	unsigned depth;
};

/*
 * The level of a list item indented by indent columns with mark (-1 for a
 * number): text browsers indent each level further.  0 when a mark used
 * only for deeper levels ("o", "#") stands outside a list, or at the
 * outermost level of one that does not use it.
 */
static unsigned item_level(struct text_reader *r, unsigned indent, int mark, int nested)
{
	unsigned n = r->depth;
	if (nested && (n == 0 || indent < r->indent[0] ||
	               (indent == r->indent[0] && r->mark[0] != mark)))
		return 0;
	while (n > 0 && r->indent[n - 1] > indent)
		n--;
	if (n == 0 || r->indent[n - 1] < indent)
		n += n < MAX_LEVEL; /* past the deepest level: a sibling of it */
	r->indent[n - 1] = indent;
	r->mark[n - 1] = mark;
	r->depth = n;
	return n;
}

/* A line that is not a list item ends the levels indented as far as it
 * or further (lynx indents an item's own text under its mark). */
static void end_levels(struct text_reader *r, unsigned indent)
{
	while (r->depth > 0 && r->indent[r->depth - 1] >= indent)
		r->depth--;
}

static int starts_with(const char *s, const char *e, const char *prefix)
{
	size_t n = strlen(prefix);
	return (size_t)(e - s) >= n && memcmp(s, prefix, n) == 0;
}

/* A line drawn across the page: one of these repeated at least three
 * times, spaces between allowed. */
static int is_rule(const char *s, const char *e)
{
	static const char *const units[] = {
	    "_", "-", "=", "*", "~", "\xE2\x94\x80" /* ─ */, "\xE2\x94\x81" /* ━ */,
	    "\xE2\x95\x90" /* ═ */, "\xE2\x80\x94" /* — */,
	};
	/* Most lines start with none of the units' first bytes. */
	const char *f = s;
	while (f < e && *f == ' ')
		f++;
	if (f == e || !strchr("_-=*~\xE2", *f))
		return 0;
	for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
		size_t n = strlen(units[k]), reps = 0;
		const char *p = s;
		while (p < e) {
			if (*p == ' ') {
				p++;
			} else if ((size_t)(e - p) >= n && memcmp(p, units[k], n) == 0) {
				p += n;
				reps++;
			} else {
				break;
			}
		}
		if (p == e)
			return reps >= 3;
	}
	return 0;
}

static int has_image_name(const char *s, const char *e)
{
	static const char *const ext[] = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp"};
	for (const char *p = s; p < e; p++) {
		if (*p != '.')
			continue;
		for (size_t k = 0; k < sizeof ext / sizeof ext[0]; k++) {
			size_t n = strlen(ext[k]);
			if ((size_t)(e - p) >= n && strncasecmp(p, ext[k], n) == 0 &&
			    ((size_t)(e - p) == n || !((p[n] | 0x20) >= 'a' && (p[n] | 0x20) <= 'z')))
				return 1;
		}
	}
	return 0;
}

/* The chrome of a line made only of bracketed labels ("[IMG]", "[logo.png]",
 * "[Search]", "[INS::INS]", "[Archives___]"), each of a few words;
 * WN_CHROME_NONE otherwise ("[Editor's note: this story was updated …]"). */
static unsigned char bracketed(const char *s, const char *e)
{
	unsigned char kind = WN_CHROME_NONE;
	const char *p = s;
	while (p < e) {
		if (*p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		if (*p != '[')
			return WN_CHROME_NONE;
		const char *in = p + 1, *q = in;
		unsigned words = 0;
		int space = 1;
		while (q < e && *q != ']' && *q != '[') {
			words += space && *q != ' ';
			space = *q == ' ';
			q++;
		}
		if (q == e || *q != ']' || words > 6)
			return WN_CHROME_NONE;
		unsigned char k = WN_CHROME_CONTROL; /* "[Search]", "[ ]", "[Reply]" */
		if (has_image_name(in, q) || (q - in == 3 && memcmp(in, "IMG", 3) == 0))
			k = WN_CHROME_IMAGE;
		else if (starts_with(in, q, "INS:") || starts_with(in, q, "DEL:") ||
		         starts_with(in, q, "EMBED"))
			k = WN_CHROME_EMBED;
		if (kind == WN_CHROME_NONE || k == WN_CHROME_IMAGE ||
		    (k == WN_CHROME_EMBED && kind == WN_CHROME_CONTROL))
			kind = k;
		p = q + 1;
	}
	return kind;
}

/* A form field inside a line: a text box ("____", w3m's "[      ]"). */
static int has_field(const char *s, const char *e)
{
	size_t under = 0;
	for (const char *p = s; p < e; p++) {
		under = *p == '_' ? under + 1 : 0;
		if (under >= 4)
			return 1;
		if (*p == '[') {
			const char *q = p + 1;
			while (q < e && (*q == ' ' || *q == '_'))
				q++;
			if (q - p > 3 && q < e && *q == ']')
				return 1;
		}
	}
	return 0;
}

/* A check box or a radio button at s: "[ ]", "[X]", "[*]", "( )", "(*)". */
static int starts_with_box(const char *s, const char *e)
{
	if (e - s < 3 || !((s[0] == '[' && s[2] == ']') || (s[0] == '(' && s[2] == ')')))
		return 0;
	if (s[1] != ' ' && s[1] != '*' && s[1] != 'X' && s[1] != 'x' && s[1] != '+')
		return 0;
	return e - s == 3 || s[3] == ' ';
}

/* A bare address ("http://…", "mailto:…"): one word with a scheme. */
static int is_address(const char *s, const char *e)
{
	if (memchr(s, ' ', (size_t)(e - s)))
		return 0;
	const char *c = memchr(s, ':', (size_t)(e - s) < 12 ? (size_t)(e - s) : 12);
	if (c == NULL || c == s || c + 1 == e)
		return 0;
	return (e - c > 3 && c[1] == '/' && c[2] == '/') || starts_with(s, e, "mailto:") ||
	       starts_with(s, e, "javascript:");
}

/* The lines at the top of a page where lynx's feed line may stand after
 * something a scraper put before it (a notice, a banner). */
#define FEED_HEAD_LINES 40

/* Lynx's line for the page's <link rel=alternate> feeds further down the
 * head: "#" and a letter, and a feed's name ("Site » Feed", "Comments
 * Feed", "RSS", "Atom"). */
static int names_feed(const char *s, const char *e)
{
	if (e - s < 2 || s[0] != '#' || !isalpha((unsigned char)s[1]))
		return 0;
	static const char *const names[] = {" Feed", " RSS", " Atom", "(RSS", "(Atom"};
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
		size_t n = strlen(names[k]);
		for (const char *p = s; p + n <= e; p++)
			if (memcmp(p, names[k], n) == 0 &&
			    (p + n == e || !isalpha((unsigned char)p[n])))
				return 1;
	}
	return 0;
}

/*
 * What a text browser drew on line l (its bullet removed) in place of
 * text, WN_CHROME_NONE for text.  first: no line of text came before
 * (lynx's lines for the page's head may have); head: the line is among
 * the page's first FEED_HEAD_LINES.
 */
static unsigned char chrome_of(const struct line *l, int first, int head)
{
	const char *s = l->s, *e = l->e;
	if (s == e)
		return WN_CHROME_NONE;
	if ((first && ((s[0] == '#' && e - s > 1 && s[1] != ' ' && s[1] != '#') ||
	               starts_with(s, e, "REFRESH("))) ||
	    (head && names_feed(s, e)))
		return WN_CHROME_FEED;
	if (starts_with(s, e, "IFRAME:") || starts_with(s, e, "FRAME:"))
		return WN_CHROME_EMBED;
	if (starts_with(s, e, "(BUTTON)") || starts_with_box(s, e))
		return WN_CHROME_CONTROL;
	if (l->ordinal && is_address(s, e))
		return WN_CHROME_LINKS;
	unsigned char k = bracketed(s, e);
	if (k != WN_CHROME_NONE)
		return k;
	return has_field(s, e) ? WN_CHROME_CONTROL : WN_CHROME_NONE;
}

/* The heading of lynx's list of link addresses. */
static int links_heading(const char *s, size_t n)
{
	static const char *const names[] = {"References", "Visible links", "Visible links:",
	                                    "Hidden links:"};
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
		if (n == strlen(names[k]) && memcmp(s, names[k], n) == 0)
			return 1;
	return 0;
}

/* An image that a browser drew by its file name ("[logo.png]",
 * "[photo_140x100.jpg]"): its length at p, else 0. */
static size_t image_len(const char *p, const char *e)
{
	const char *q = p + 1;
	while (q < e && *q != ']' && *q != '[' && *q != ' ')
		q++;
	if (q == e || *q != ']' || !has_image_name(p + 1, q))
		return 0;
	return (size_t)(q - p) + 1;
}

/* w3m's image at the start of a line, drawn by its alt text or file name
 * cut short and glued to the text after it ("[mophie-juice-]Mophie is
 * …"): its length, else 0.  A number ("[1]Smith, J.") is a citation. */
static size_t glued_image_len(const char *s, const char *e)
{
	if (s == e || *s != '[')
		return 0;
	const char *q = s + 1;
	int digits = 1;
	while (q < e && q - s <= 40 && *q != ']' && *q != '[' && *q != ' ') {
		digits &= *q >= '0' && *q <= '9';
		q++;
	}
	if (q == s + 1 || q + 1 >= e || *q != ']' || digits)
		return 0;
	char c = q[1];
	if (c == ' ' || c == '\t' || c == '[' || c == ']' || c == '.' || c == ',' || c == ';' ||
	    c == ':' || c == ')')
		return 0;
	return (size_t)(q - s) + 1;
}

/* lynx's reference number before a link ("[12]"), when the page has its
 * list of addresses: its length at p, else 0. */
static size_t ref_len(const char *p, const char *e)
{
	const char *q = p + 1;
	while (q < e && q - p <= 6 && *q >= '0' && *q <= '9')
		q++;
	return q > p + 1 && q < e && *q == ']' ? (size_t)(q - p) + 1 : 0;
}

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
 * output.  refs: lynx's reference numbers ("[12]") are left out too. */
/* A byte put_line looks at: a tag, image, reference or entity may start
 * there, or it is a space. */
static int stops_copy(unsigned char c)
{
	return c == '<' || c == '[' || c == '&' || c == ' ' || c == '\t' || c == '\f' ||
	       c == '\v' || c == '\r';
}

static void put_line(struct wn_buf *b, const struct line *l, int refs)
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
		if (*p == '[' && !l->chrome && (skip = image_len(p, l->e)) > 0) {
			space = 1;
			p += skip - 1;
			continue;
		}
		if (refs && *p == '[' && (skip = ref_len(p, l->e)) > 0) {
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
		/* This byte and the run after it that none of the tests above
		 * would stop at, in one copy. */
		const char *q = p + 1;
		while (q < l->e && !stops_copy((unsigned char)*q))
			q++;
		wn_buf_put(b, p, (size_t)(q - p));
		p = q - 1;
	}
}

/*
 * An item of an ordered list keeps its number as the text wrote it
 * ("3. Join …"), in front of the text its features were counted on; its
 * Markdown is the item without it, which the writer numbers.  -1 when
 * out of memory.
 */
static int number_item(struct text_reader *r, struct wn_iblock *b, const struct line *l)
{
	struct wn_block *pub = &b->pub;
	struct wn_buf md = WN_BUF_INIT;
	wn_md_escape(&md, pub->text, pub->len, 1, 0);
	/* The text is valid NFC already, and so is its escaped copy. */
	struct wn_place pl = wn_place_none;
	pl.markdown = md.failed ? NULL : wn_pool_strndup(r->pg->pool, md.data, md.size);
	pl.ordinal = l->ordinal;
	wn_buf_free(&md);
	char *t = wn_pool_alloc(r->pg->pool, l->numlen + 1 + pub->len + 1);
	if (pl.markdown == NULL || t == NULL || wn_block_place(r->pg, b, &pl) != 0)
		return -1;
	memcpy(t, l->num, l->numlen);
	t[l->numlen] = ' ';
	memcpy(t + l->numlen + 1, pub->text, pub->len + 1);
	pub->text = t;
	pub->len += l->numlen + 1;
	return 0;
}

/* Adds the text in raw as a block of kind; l: its one line (NULL for a
 * paragraph of several). */
static void add_block(struct text_reader *r, wn_block_kind kind, const struct line *l)
{
	struct wn_iblock *b;
	unsigned level = kind == WN_BLOCK_LIST_ITEM ? l->level : 0;
	if (r->raw.failed ||
	    wn_page_add_block(r->pg, kind, level, -1, r->raw.data, r->raw.size, 0, r->opts, &b) != 0)
		r->failed = 1;
	wn_buf_reset(&r->raw);
	if (r->failed || b == NULL || l == NULL)
		return;
	b->chrome = l->chrome;
	if (l->ordinal && kind == WN_BLOCK_LIST_ITEM && number_item(r, b, l) != 0)
		r->failed = 1;
	/* lynx heads its list of addresses "References" (and parts of it
	 * "Visible links:", "Hidden links:"); each heading is marked once. */
	for (size_t i = (size_t)(b - r->pg->blocks); b->chrome == WN_CHROME_LINKS && i-- > 0;) {
		struct wn_iblock *h = &r->pg->blocks[i];
		if (h->elem >= 0 || h->chrome || !links_heading(h->pub.text, h->pub.len))
			break;
		h->chrome = WN_CHROME_LINKS;
	}
}

/* A line ends a sentence or a heading rather than running on: its last
 * character is closing punctuation (also ” » 」 。 …), not a letter nor a
 * comma or a semicolon (，、 too), after which the sentence goes on. */
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
	if (cp == ',' || cp == ';' || cp == 0xFF0C || cp == 0x3001)
		return 0;
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

/* The break between lines prev and next is one a text browser made,
 * wrapping to width columns: next's first word would not have fitted at
 * the end of prev. */
static int broken_to_width(const struct line *prev, const struct line *next, unsigned width)
{
	return prev->end + 1 + next->word > width;
}

/* Line next goes on the list item that line item began, after line prev:
 * it is no item itself, it is indented to the item's text (as text
 * browsers indent an item's wrapped lines) or, going on with the
 * sentence, to its bullet (a bullet drawn as text, "*       How do I
 * know? You are" over "considered immune if ..."), and the break before
 * it was the browser's. */
static int continues_item(const struct line *item, const struct line *prev,
                          const struct line *next, unsigned width)
{
	return item != NULL && !next->bullet &&
	       (next->col == item->col ||
	        (next->col == item->indent && starts_lower(next) && !ends_sentence(prev))) &&
	       broken_to_width(prev, next, width);
}

/* Line i of the run goes on the block being read (item: the list item
 * it is, NULL when a paragraph), the run wrapped to width columns.
 * wrapped: most breaks of the run are inside a sentence or an item;
 * bullets: the run holds list items. */
static int joins_block(const struct line *lines, size_t i, unsigned width,
                       const struct line *item, int wrapped, int bullets)
{
	const struct line *prev = &lines[i - 1], *l = &lines[i];
	if (l->bullet)
		return 0;
	if (item != NULL)
		return continues_item(item, prev, l, width);
	if (broken_to_width(prev, l, width))
		return wrapped || !ends_sentence(prev);
	return wrapped && !bullets;
}

/* Adds the lines from first to last, put in r->raw, as a block: a list
 * item when first is one, else a paragraph (of one line: its chrome). */
static void add_lines(struct text_reader *r, const struct line *first, const struct line *last)
{
	add_block(r, first->bullet ? WN_BLOCK_LIST_ITEM : WN_BLOCK_PARAGRAPH,
	          first == last || first->bullet ? first : NULL);
}

/*
 * A run of non-blank lines to blocks.  The run was wrapped to a width
 * when most of its line breaks fall inside a sentence (no sentence end
 * before, a lower-case letter after) or inside a list item: then each
 * paragraph is one block, and so is each list item with the lines that
 * go on it.  Otherwise every line is a block of its own (scraped text
 * puts a paragraph on each line, and menus a label on each line), but
 * for a line that breaks off inside a sentence where the next word would
 * not have fitted: the browser wrapped a paragraph among labels and
 * fields.  In a run with list items, lines outside an item join only
 * where the width shows the break was the browser's: a list's lines need
 * not be sentences ("Just a Geek" / "reviews: 126").
 */
static void add_run(struct text_reader *r, const struct line *lines, size_t n)
{
	size_t inside = 0, breaks = 0;
	const struct line *item = NULL;
	int bullets = 0;
	for (size_t i = 0; i < n; i++)
		bullets |= lines[i].bullet;
	for (size_t i = 0; i + 1 < n; i++) {
		/* (Line widths alone would not do: a list of headlines has
		 * lines of one width too.) */
		item = lines[i].bullet ? &lines[i] : item;
		if (lines[i + 1].bullet)
			continue;
		breaks++;
		if ((!ends_sentence(&lines[i]) && starts_lower(&lines[i + 1])) ||
		    continues_item(item, &lines[i], &lines[i + 1], r->width))
			inside++;
	}
	int wrapped = breaks > 0 && inside * 2 >= breaks;
	/* A run wrapped narrower than the page (preformatted text, a
	 * numbered list of its own width) was wrapped to its widest line;
	 * a text not wrapped at all has no width to narrow. */
	unsigned width = r->width;
	if (wrapped && r->wrapped) {
		unsigned widest = 0;
		for (size_t i = 0; i < n; i++)
			widest = lines[i].end > widest ? lines[i].end : widest;
		width = widest < width ? widest : width;
	}
	item = NULL;
	const struct line *first = NULL; /* the first line of the block being read */
	for (size_t i = 0; i < n && !r->failed; i++) {
		const struct line *l = &lines[i];
		int join = first != NULL && joins_block(lines, i, width, item, wrapped, bullets);
		if (!join && first != NULL) {
			add_lines(r, first, &lines[i - 1]);
			if (item != NULL && !l->bullet && l->col == item->col && !r->failed &&
			    r->pg->nblocks > 0)
				r->pg->blocks[r->pg->nblocks - 1].heads_text = 1;
		}
		if (join) {
			wn_buf_putc(&r->raw, '\n');
		} else {
			first = l;
			item = l->bullet ? l : NULL;
		}
		put_line(&r->raw, l, r->refs);
	}
	if (first != NULL && !r->failed)
		add_lines(r, first, &lines[n - 1]);
}

/* One line of text (not blank) from s to e, its list mark and level, and
 * what a text browser drew on it. */
static struct line read_line(struct text_reader *r, const char *s, const char *e)
{
	const char *t = s;
	unsigned indent = 0;
	for (; t < e && (*t == ' ' || *t == '\t'); t++)
		indent += *t == '\t' ? 8 : 1;
	while (e > t && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	strip_frames(&t, &e, &indent);
	struct line l = {t, e, NULL, 0, 0, 0, 0, WN_CHROME_NONE, indent, indent, 0, 0};
	int mark;
	size_t num;
	size_t b = is_rule(l.s, l.e) ? 0 : bullet_len(l.s, l.e, &mark, &num);
	if (b && (l.level = item_level(r, indent, mark, mark >= 0 && marks[mark].nested))) {
		l.bullet = 1;
		l.s = t + b;
		while (l.s < l.e && (*l.s == ' ' || *l.s == '\t'))
			l.s++;
		for (const char *c = t; c < l.s; c++)
			l.col += ((unsigned char)*c & 0xC0) != 0x80;
		if (num) {
			l.num = t;
			l.numlen = num;
			for (const char *d = t; d < t + num - 1; d++)
				l.ordinal = l.ordinal * 10 + (unsigned)(*d - '0');
		}
	} else {
		end_levels(r, indent);
	}
	/* Columns: the bytes that start a character, of the line and of its
	 * first word. */
	const char *space = memchr(l.s, ' ', (size_t)(l.e - l.s)), *we = space ? space : l.e;
	unsigned cont_word = 0, cont = 0;
	for (const char *c = l.s; c < we; c++)
		cont_word += ((unsigned char)*c & 0xC0) == 0x80;
	for (const char *c = we; c < l.e; c++)
		cont += ((unsigned char)*c & 0xC0) == 0x80;
	l.word = (unsigned)(we - l.s) - cont_word;
	l.end = l.col + (unsigned)(l.e - l.s) - cont_word - cont;
	l.chrome = is_rule(l.s, l.e) ? WN_CHROME_RULE
	                             : chrome_of(&l, !r->seen_text,
	                                         r->lines_read < FEED_HEAD_LINES);
	r->lines_read++;
	if (!l.chrome)
		l.s += glued_image_len(l.s, l.e);
	r->seen_text |= l.chrome != WN_CHROME_FEED;
	return l;
}

/* Plain text (no fragment) to blocks.  A line that a browser drew in
 * place of text is a block of its own and ends the run of lines before
 * it: a paragraph does not go on past an image or a form. */
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
			struct line l = read_line(r, s, e);
			if (!blank_lines || l.chrome) {
				if (nrun)
					add_run(r, run, nrun);
				nrun = 0;
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

/* 1 when the text ends with lynx's list of link addresses: a line
 * "References" and, next, "1. http://…" (or "Visible links:"). */
static int has_references(const char *s, size_t n)
{
	const char *end = s + n;
	int heading = 0;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		if (s < e) {
			if (heading && (starts_with(s, e, "Visible links") ||
			                (starts_with(s, e, "1. ") && is_address(s + 3, e))))
				return 1;
			heading = (size_t)(e - s) == 10 && memcmp(s, "References", 10) == 0;
		}
		s = nl ? nl + 1 : end;
	}
	return 0;
}

/*
 * Lines a browser wrapped end in the last few columns before the width,
 * and the paragraph goes on on the next line: a text wrapped to a width
 * has WRAP_PILE_LINES or more such lines of two words or more ending in
 * the WRAP_PILE_COLUMNS columns up to it, and at least WRAP_PILE_PERCENT
 * of its lines do when the width is under WRAP_LEAST_COLUMNS (a column
 * of a layout; a page of short lines, menus or a poem, has lines of
 * about one length too).  One line, and one more for every
 * WRAP_LINES_PER_WIDER, may stand wider: a cell of a layout table that
 * w3m drew far to the right ("WebSTAT" after a thousand blanks), a row of
 * images that would not break.
 */
#define WRAP_PILE_LINES 3
#define WRAP_PILE_COLUMNS 12
#define WRAP_PILE_PERCENT 50
#define WRAP_LEAST_COLUMNS 60
#define WRAP_LINES_PER_WIDER 50

/* The code points of UTF-8 text [s, s + n): its bytes less those that go
 * on a character (10xxxxxx), counted eight bytes at a time. */
static unsigned code_points(const char *s, size_t n)
{
	size_t cont = 0, i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		/* A 1 in the low bit of each byte that goes on a character,
		 * summed into the top byte. */
		uint64_t t = (x & ~(x << 1) & 0x8080808080808080ull) >> 7;
		cont += (size_t)((t * 0x0101010101010101ull) >> 56);
	}
	for (; i < n; i++)
		cont += ((unsigned char)s[i] & 0xC0) == 0x80;
	return (unsigned)(n - cont);
}

/* Blanks inside a line that set cells of a layout apart: a row of a
 * layout is no paragraph's line. */
#define LAYOUT_GAP "        "

/* The column after the text of line [s, e), counted from margin (max + 1
 * when past max), or 0 when it holds fewer than two words, or is a rule
 * or a row of a layout (cells LAYOUT_GAP apart) wider than
 * WRAP_LEAST_COLUMNS. */
static unsigned line_end(const char *s, const char *e, unsigned margin, unsigned max)
{
	unsigned col = 0;
	for (; s < e && (*s == ' ' || *s == '\t'); s++)
		col += *s == '\t' ? 8 : 1;
	col = col > margin ? col - margin : 0;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	size_t bytes = e > s ? (size_t)(e - s) : 0;
	if (!memchr(s, ' ', bytes) && !memchr(s, '\t', bytes) && !memchr(s, '\r', bytes))
		return 0;
	col += code_points(s, bytes);
	/* (Only a line as wide as a browser's width may mislead.) */
	if (col > WRAP_LEAST_COLUMNS &&
	    (is_rule(s, e) || memmem(s, bytes, LAYOUT_GAP, sizeof LAYOUT_GAP - 1) != NULL))
		return 0;
	return col <= max ? col : max + 1;
}

/* The width in columns a text browser wrapped the text to, as far as
 * the text shows: the width its lines pile up under (above), else the
 * widest of its lines of two words or more (one word longer than the
 * width stands on a line of its own, and widens none of the others).
 * Widths count from the margin that all lines of text stand right of
 * (*margin: a layout's column set in by hundreds of blanks); past max
 * they count as max + 1: a text that wide is not wrapped.  Sets *width;
 * -1 when out of memory. */
static int wrap_width(const char *s, size_t n, unsigned max, unsigned *width, unsigned *margin)
{
	/* The margin all lines of text stand right of (a layout's column
	 * that w3m set hundreds of blanks in): widths count from it. */
	unsigned least = UINT_MAX;
	for (const char *p = s, *end = s + n; p < end && least > 0;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		unsigned col = 0;
		const char *t = p;
		for (; t < e && col < least && (*t == ' ' || *t == '\t'); t++)
			col += *t == '\t' ? 8 : 1;
		if (col < least && t < e && !is_blank(t, e))
			least = col;
		p = nl ? nl + 1 : end;
	}
	*margin = least == UINT_MAX ? 0 : least;
	/* Lines of two words or more ending at each column, and those of
	 * them a line of text follows. */
	unsigned *ends = calloc(2 * ((size_t)max + 2), sizeof *ends), *followed = ends + max + 2;
	if (ends == NULL)
		return -1;
	size_t lines = 0;
	unsigned prev = 0; /* the end of the line before, 0 for none */
	const char *end = s + n;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		if (is_blank(s, e)) {
			prev = 0;
		} else {
			followed[prev] += prev > 0;
			prev = line_end(s, e, *margin, max);
			ends[prev] += prev > 0;
			lines += prev > 0;
		}
		s = nl ? nl + 1 : end;
	}
	unsigned widest = max + 1;
	while (widest > 0 && ends[widest] == 0)
		widest--;
	/* The width with a few lines wider, and the lines piled under it. */
	size_t wider = 1 + lines / WRAP_LINES_PER_WIDER, seen = 0, piled = 0;
	unsigned w = max + 1;
	while (w > 0 && seen + ends[w] <= wider)
		seen += ends[w--];
	for (unsigned c = w; c > 0 && c + WRAP_PILE_COLUMNS > w; c--)
		piled += followed[c];
	*width = w <= max && piled >= WRAP_PILE_LINES &&
	                 (w >= WRAP_LEAST_COLUMNS || piled * 100 >= lines * WRAP_PILE_PERCENT)
	             ? w
	             : widest;
	free(ends);
	return 0;
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

static wn_status read_text(struct wn_page *pg, const char *utf8, size_t len,
                           const struct wn_options *opts, char *err, size_t errlen);

wn_status wn_text_read(struct wn_page *pg, const char *utf8, size_t len,
                       const struct wn_options *opts, char *err, size_t errlen)
{
	/* A layout of columns is read one column at a time (columns.c), a
	 * table drawn in boxes one row at a time (boxes.c). */
	struct wn_buf cols = WN_BUF_INIT, rows = WN_BUF_INIT;
	int changed = 0, boxed = 0;
	wn_status st = wn_text_columns(pg, utf8, len, &cols, &changed);
	if (st == WN_OK && changed) {
		utf8 = cols.data;
		len = cols.size;
	}
	if (st == WN_OK)
		st = wn_text_boxes(pg, utf8, len, &rows, &boxed);
	if (st != WN_OK) {
		wn_buf_free(&cols);
		wn_buf_free(&rows);
		if (st == WN_ERR_NOMEM)
			snprintf(err, errlen, "out of memory");
		else
			wn_page_stop_reason(pg, opts, err, errlen);
		return st;
	}
	st = boxed ? read_text(pg, rows.data, rows.size, opts, err, errlen)
	           : read_text(pg, utf8, len, opts, err, errlen);
	wn_buf_free(&cols);
	wn_buf_free(&rows);
	return st;
}

static wn_status read_text(struct wn_page *pg, const char *utf8, size_t len,
                           const struct wn_options *opts, char *err, size_t errlen)
{
	struct text_reader r = {.pg = pg, .opts = opts, .raw = WN_BUF_INIT};
	int blank_lines = has_blank_lines(utf8, len);
	r.refs = has_references(utf8, len);
	/* A text not wrapped: no break is the browser's. */
	unsigned margin;
	if (wrap_width(utf8, len, opts->text_wrap_max, &r.width, &margin) != 0)
		return WN_ERR_NOMEM;
	r.wrapped = r.width <= opts->text_wrap_max;
	r.width = r.wrapped ? margin + r.width : UINT_MAX / 2;
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
