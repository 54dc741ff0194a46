/*
 * prescan.c - bound what makes Gumbo slow, before Gumbo sees the page.
 *
 * Gumbo 0.10.1 scans its stack of open elements on every start tag and
 * every attribute against all earlier ones, so deep nesting and tags with
 * thousands of attributes take quadratic time (500 KB of nested <div>:
 * 68 s; one tag with 200,000 attributes: 311 s).  This stage runs one
 * linear pass over the page with the HTML tokenizer's rules for tags,
 * attributes, comments, raw text and foreign content, keeps an
 * approximate stack of open elements (with the implied end tags of p,
 * li, dd/dt, option, tr, td/th, table sections and a), and rewrites the
 * page only when a bound is crossed:
 *
 *  - a start tag that would open an element deeper than max_nesting is
 *    left out (its text stays, flattened into the ancestor), and so is the
 *    end tag that would have closed it;
 *  - attributes past max_attributes in one tag are left out.
 *
 * Real pages are far inside both bounds (the deepest of the benchmark
 * pages nests 51 levels), so for them the pass only reads.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <gumbo.h>

#include "prescan.h"

#define STACK_MAX 4096

struct scan {
	const char *in;
	size_t len, pos;
	unsigned max_nesting, max_attributes;
	unsigned flags;        /* WN_PRESCAN_* */
	int unsure;            /* the model of the parser's states may be off:
	                        * strip nothing more */
	int stripped_foreign;  /* the svg just read was stripped whole */
	GumboTag stack[STACK_MAX];
	uint32_t names[STACK_MAX]; /* for GUMBO_TAG_UNKNOWN: a hash of the name */
	unsigned depth;        /* entries in stack (capped by max_nesting) */
	unsigned excess;       /* start tags left out and not yet closed */
	unsigned foreign;      /* open svg / math elements */
	struct wn_buf *out;
	size_t copied;         /* input bytes up to here are in out */
	struct wn_buf *embeds; /* struct wn_embed records, or NULL */
	struct wn_prescan_stats *stats;
	/* The last search for </select>: from select_from it found
	 * select_close (len: none).  A later search from a point between the
	 * two finds the same, so a page of unclosed selects is read once,
	 * not once per select. */
	size_t select_from, select_close;
	int select_searched;
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Leaves the input bytes [from, to) out of the output. */
static void cut(struct scan *s, size_t from, size_t to)
{
	if (s->copied < from)
		wn_buf_put(s->out, s->in + s->copied, from - s->copied);
	s->copied = to;
}

/* Leaves out the content [from, to) of an element whose text is never
 * used; the element itself stays.  1 when it was left out. */
static int strip(struct scan *s, size_t from, size_t to)
{
	if (to > from && !s->unsure) {
		cut(s, from, to);
		s->stats->bytes_stripped += to - from;
		return 1;
	}
	return 0;
}

/* Notes that the content [from, to) of the element whose start tag began
 * at out_at in the output was left out, for the walker (struct wn_embed). */
static void note_embed(struct scan *s, size_t out_at, size_t from, size_t to)
{
	if (s->embeds == NULL)
		return;
	struct wn_embed e = {out_at, from, to};
	wn_buf_put(s->embeds, &e, sizeof e);
}

/* Unknown tags are told apart by name, as Gumbo does: a hash of the name
 * in lower case. */
static uint32_t name_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint32_t)(unsigned char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] | 0x20 : s[i])) *
		    16777619u;
	return h;
}

static int is_void(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_AREA:
	case GUMBO_TAG_BASE:
	case GUMBO_TAG_BASEFONT:
	case GUMBO_TAG_BGSOUND:
	case GUMBO_TAG_BR:
	case GUMBO_TAG_COL:
	case GUMBO_TAG_EMBED:
	case GUMBO_TAG_FRAME:
	case GUMBO_TAG_HR:
	case GUMBO_TAG_IMAGE:
	case GUMBO_TAG_IMG:
	case GUMBO_TAG_INPUT:
	case GUMBO_TAG_KEYGEN:
	case GUMBO_TAG_LINK:
	case GUMBO_TAG_META:
	case GUMBO_TAG_PARAM:
	case GUMBO_TAG_SOURCE:
	case GUMBO_TAG_TRACK:
	case GUMBO_TAG_WBR:
	case GUMBO_TAG_HTML:
	case GUMBO_TAG_HEAD:
	case GUMBO_TAG_BODY:
		/* html, head and body always sit at the bottom of the stack. */
		return 1;
	default:
		return 0;
	}
}

/* Elements whose content the tokenizer reads as text up to </name>. */
static int is_raw_text(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_SCRIPT:
	case GUMBO_TAG_STYLE:
	case GUMBO_TAG_XMP:
	case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_NOEMBED:
	case GUMBO_TAG_NOFRAMES:
	case GUMBO_TAG_TITLE:
	case GUMBO_TAG_TEXTAREA:
		return 1;
	default:
		return 0;
	}
}

/* Start tags that close an open <p> (the HTML spec's list, in short). */
static int closes_p(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_ADDRESS:
	case GUMBO_TAG_ARTICLE:
	case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_BLOCKQUOTE:
	case GUMBO_TAG_CENTER:
	case GUMBO_TAG_DETAILS:
	case GUMBO_TAG_DIR:
	case GUMBO_TAG_DIV:
	case GUMBO_TAG_DL:
	case GUMBO_TAG_FIELDSET:
	case GUMBO_TAG_FIGCAPTION:
	case GUMBO_TAG_FIGURE:
	case GUMBO_TAG_FOOTER:
	case GUMBO_TAG_HEADER:
	case GUMBO_TAG_HGROUP:
	case GUMBO_TAG_MENU:
	case GUMBO_TAG_NAV:
	case GUMBO_TAG_OL:
	case GUMBO_TAG_P:
	case GUMBO_TAG_SECTION:
	case GUMBO_TAG_SUMMARY:
	case GUMBO_TAG_UL:
	case GUMBO_TAG_H1:
	case GUMBO_TAG_H2:
	case GUMBO_TAG_H3:
	case GUMBO_TAG_H4:
	case GUMBO_TAG_H5:
	case GUMBO_TAG_H6:
	case GUMBO_TAG_PRE:
	case GUMBO_TAG_LISTING:
	case GUMBO_TAG_FORM:
	case GUMBO_TAG_TABLE:
	case GUMBO_TAG_LI:
	case GUMBO_TAG_DD:
	case GUMBO_TAG_DT:
		return 1;
	default:
		return 0;
	}
}

/* Elements that end the search for an implied end tag. */
static int is_scope_wall(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_TABLE:
	case GUMBO_TAG_TD:
	case GUMBO_TAG_TH:
	case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_BUTTON:
	case GUMBO_TAG_OBJECT:
	case GUMBO_TAG_MARQUEE:
	case GUMBO_TAG_APPLET:
	case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_SVG:
	case GUMBO_TAG_MATH:
		return 1;
	default:
		return 0;
	}
}

/* The formatting elements of the adoption agency algorithm. */
static int is_formatting(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_A:
	case GUMBO_TAG_B:
	case GUMBO_TAG_BIG:
	case GUMBO_TAG_CODE:
	case GUMBO_TAG_EM:
	case GUMBO_TAG_FONT:
	case GUMBO_TAG_I:
	case GUMBO_TAG_NOBR:
	case GUMBO_TAG_S:
	case GUMBO_TAG_SMALL:
	case GUMBO_TAG_STRIKE:
	case GUMBO_TAG_STRONG:
	case GUMBO_TAG_TT:
	case GUMBO_TAG_U:
		return 1;
	default:
		return 0;
	}
}

static void pop_to(struct scan *s, unsigned depth)
{
	while (s->depth > depth) {
		GumboTag t = s->stack[--s->depth];
		if ((t == GUMBO_TAG_SVG || t == GUMBO_TAG_MATH) && s->foreign)
			s->foreign--;
	}
}

/* Closes the nearest open a or b (either tag) below any wall. */
static void close_nearest(struct scan *s, GumboTag a, GumboTag b, GumboTag wall)
{
	for (unsigned i = s->depth; i > 0; i--) {
		GumboTag t = s->stack[i - 1];
		if (t == a || t == b) {
			pop_to(s, i - 1);
			return;
		}
		if (t == wall || is_scope_wall(t))
			return;
	}
}

static void implied_ends(struct scan *s, GumboTag t)
{
	if (s->foreign)
		return;
	if (closes_p(t))
		close_nearest(s, GUMBO_TAG_P, GUMBO_TAG_P, GUMBO_TAG_UNKNOWN);
	switch (t) {
	case GUMBO_TAG_LI:
		close_nearest(s, GUMBO_TAG_LI, GUMBO_TAG_LI, GUMBO_TAG_UL);
		break;
	case GUMBO_TAG_DD:
	case GUMBO_TAG_DT:
		close_nearest(s, GUMBO_TAG_DD, GUMBO_TAG_DT, GUMBO_TAG_DL);
		break;
	case GUMBO_TAG_OPTION:
	case GUMBO_TAG_OPTGROUP:
		if (s->depth && s->stack[s->depth - 1] == GUMBO_TAG_OPTION)
			pop_to(s, s->depth - 1);
		break;
	case GUMBO_TAG_TR:
		close_nearest(s, GUMBO_TAG_TR, GUMBO_TAG_TR, GUMBO_TAG_TABLE);
		break;
	case GUMBO_TAG_TD:
	case GUMBO_TAG_TH:
		close_nearest(s, GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_TR);
		break;
	case GUMBO_TAG_TBODY:
	case GUMBO_TAG_THEAD:
	case GUMBO_TAG_TFOOT:
		close_nearest(s, GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TABLE);
		close_nearest(s, GUMBO_TAG_TFOOT, GUMBO_TAG_TFOOT, GUMBO_TAG_TABLE);
		break;
	case GUMBO_TAG_A:
		close_nearest(s, GUMBO_TAG_A, GUMBO_TAG_A, GUMBO_TAG_UNKNOWN);
		break;
	case GUMBO_TAG_H1:
	case GUMBO_TAG_H2:
	case GUMBO_TAG_H3:
	case GUMBO_TAG_H4:
	case GUMBO_TAG_H5:
	case GUMBO_TAG_H6:
		if (s->depth && s->stack[s->depth - 1] >= GUMBO_TAG_H1 &&
		    s->stack[s->depth - 1] <= GUMBO_TAG_H6)
			pop_to(s, s->depth - 1);
		break;
	default:
		break;
	}
}

/* "</name" (any case) followed by a space, '/' or '>' at p. */
static int end_tag_at(const struct scan *s, size_t p, const char *name, size_t n)
{
	/* At the end of the input "</script" is text: the tokenizer needs the
	 * character after the name to make it an end tag. */
	return p + 2 + n < s->len && s->in[p] == '<' && s->in[p + 1] == '/' &&
	       strncasecmp(s->in + p + 2, name, n) == 0 &&
	       (is_space(s->in[p + 2 + n]) || s->in[p + 2 + n] == '/' ||
	        s->in[p + 2 + n] == '>');
}

/* Finds "</name" (any case) followed by a space, / or >, from pos. */
static size_t find_end_tag(const struct scan *s, size_t pos, const char *name, size_t n)
{
	while (pos < s->len) {
		const char *lt = memchr(s->in + pos, '<', s->len - pos);
		if (lt == NULL)
			return s->len;
		size_t at = (size_t)(lt - s->in);
		if (end_tag_at(s, at, name, n))
			return at;
		pos = at + 1;
	}
	return s->len;
}

static size_t find_str(const struct scan *s, size_t pos, const char *needle)
{
	size_t n = strlen(needle);
	while (pos + n <= s->len) {
		const char *p = memchr(s->in + pos, needle[0], s->len - pos);
		if (p == NULL)
			return s->len;
		size_t at = (size_t)(p - s->in);
		if (at + n <= s->len && memcmp(p, needle, n) == 0)
			return at + n;
		pos = at + 1;
	}
	return s->len;
}

static size_t skip_to_gt(const struct scan *s, size_t pos)
{
	const char *p = memchr(s->in + pos, '>', s->len - pos);
	return p ? (size_t)(p - s->in) + 1 : s->len;
}

/*
 * Reads the attributes of a tag from pos (just after its name) to just
 * after its '>'.  Attributes past the bound are cut.  Sets *self_closing.
 * Returns the position after the tag, or len when the tag is unfinished.
 */
static size_t read_attributes(struct scan *s, size_t pos, int keep, int *self_closing)
{
	unsigned count = 0;
	const char *in = s->in;
	*self_closing = 0;
	while (pos < s->len) {
		while (pos < s->len && is_space(in[pos]))
			pos++;
		if (pos >= s->len)
			break;
		if (in[pos] == '>')
			return pos + 1;
		if (in[pos] == '/') {
			pos++;
			if (pos < s->len && in[pos] == '>') {
				*self_closing = 1;
				return pos + 1;
			}
			continue;
		}
		size_t start = pos;
		pos++; /* the first character may be '=' */
		while (pos < s->len && !is_space(in[pos]) && in[pos] != '/' &&
		       in[pos] != '>' && in[pos] != '=')
			pos++;
		size_t p = pos;
		while (p < s->len && is_space(in[p]))
			p++;
		if (p < s->len && in[p] == '=') {
			p++;
			while (p < s->len && is_space(in[p]))
				p++;
			if (p < s->len && (in[p] == '"' || in[p] == '\'')) {
				const char *q = memchr(in + p + 1, in[p], s->len - p - 1);
				p = q ? (size_t)(q - in) + 1 : s->len;
			} else {
				while (p < s->len && !is_space(in[p]) && in[p] != '>')
					p++;
			}
			pos = p;
		}
		if (keep && ++count > s->max_attributes) {
			cut(s, start, pos);
			s->stats->attributes_dropped++;
		}
	}
	return s->len;
}

/*
 * Where the content of a <script> ends (the "</script" that closes it, or
 * len), following the tokenizer's script data states: "<!--" escapes the
 * script, and inside an escaped script "<script" escapes it twice, so that
 * "</script>" only leaves the double escape; "-->" ends every escape.
 */
static size_t script_end(const struct scan *s, size_t p)
{
	enum { DATA, ESCAPED, DOUBLE } state = DATA;
	const char *in = s->in;
	while (p < s->len) {
		if (state == DATA) {
			const char *lt = memchr(in + p, '<', s->len - p);
			if (lt == NULL)
				return s->len;
			p = (size_t)(lt - in);
			if (end_tag_at(s, p, "script", 6))
				return p;
			if (p + 4 <= s->len && memcmp(in + p, "<!--", 4) == 0) {
				state = ESCAPED;
				p += 2; /* "<!-->" goes back to data at once: the '-'s below */
				continue;
			}
			p++;
			continue;
		}
		char c = in[p];
		if (c == '-' && p + 2 < s->len && in[p + 1] == '-' && in[p + 2] == '>') {
			state = DATA;
			p += 3;
			continue;
		}
		if (c == '<') {
			if (state == ESCAPED && end_tag_at(s, p, "script", 6))
				return p;
			if (state == DOUBLE && end_tag_at(s, p, "script", 6)) {
				state = ESCAPED;
				p += 8;
				continue;
			}
			if (state == ESCAPED && p + 7 <= s->len &&
			    strncasecmp(in + p + 1, "script", 6) == 0 &&
			    (p + 7 == s->len || is_space(in[p + 7]) || in[p + 7] == '/' ||
			     in[p + 7] == '>')) {
				state = DOUBLE;
				p += 7;
				continue;
			}
		}
		p++;
	}
	return s->len;
}

/*
 * Where a comment whose text starts at p ends: the "--" of "-->" or
 * "--!>", or len.  *after is set past the '>'.
 */
static size_t comment_end(const struct scan *s, size_t p, size_t *after)
{
	const char *in = s->in;
	while (p + 1 < s->len) {
		const char *d = memchr(in + p, '-', s->len - p);
		if (d == NULL)
			break;
		p = (size_t)(d - in);
		if (p + 2 < s->len && in[p + 1] == '-' && in[p + 2] == '>') {
			*after = p + 3;
			return p;
		}
		if (p + 3 < s->len && in[p + 1] == '-' && in[p + 2] == '!' && in[p + 3] == '>') {
			*after = p + 4;
			return p;
		}
		p++;
	}
	*after = s->len;
	return s->len;
}

/* Where the comment "<!--…" at p ends: "<!-->" and "<!--->" end at once
 * (abruptly closed empty comments), others after "-->" or "--!>". */
static size_t after_comment(const struct scan *s, size_t p)
{
	if (p + 4 < s->len && s->in[p + 4] == '>')
		return p + 5;
	if (p + 5 < s->len && s->in[p + 4] == '-' && s->in[p + 5] == '>')
		return p + 6;
	size_t after;
	comment_end(s, p + 4, &after);
	return after;
}

/* Tags that leave svg content for HTML, or let HTML in: an svg holding
 * one of them is not stripped. */
static int svg_unsafe(const char *name, size_t n)
{
	static const char *const names[] = {
		"b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl",
		"dt", "em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i",
		"img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s",
		"small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul",
		"var", "font", "foreignobject", "desc", "title", "math", "script", "style",
	};
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
		if (strlen(names[k]) == n && strncasecmp(names[k], name, n) == 0)
			return 1;
	return 0;
}

/*
 * Where the content of an <svg> that starts at p ends (the "</svg" that
 * closes it), or 0 when it cannot be stripped: it holds a tag that breaks
 * out to HTML or an integration point, an end tag that closes nothing
 * opened inside it (Gumbo then reads it by HTML rules, which may leave the
 * svg), or it does not end.
 */
static size_t svg_end(struct scan *s, size_t p)
{
	enum { MAX_OPEN = 256 };
	uint32_t open[MAX_OPEN]; /* names of the elements open inside, svg first */
	unsigned n = 1;
	const char *in = s->in;
	open[0] = name_hash("svg", 3);
	while (p < s->len) {
		const char *lt = memchr(in + p, '<', s->len - p);
		if (lt == NULL)
			return 0;
		p = (size_t)(lt - in);
		if (p + 4 <= s->len && memcmp(in + p, "<!--", 4) == 0) {
			p = after_comment(s, p);
			continue;
		}
		int close = p + 1 < s->len && in[p + 1] == '/';
		size_t name = p + 1 + close, q = name;
		/* Anything but plain tags and comments ("</>", bogus comments,
		 * CDATA, "<?"): Gumbo 0.10.1 reads some of it oddly in foreign
		 * content, so the drawing is left as it is. */
		if ((close && (name >= s->len || !is_alpha(in[name]))) ||
		    (p + 1 < s->len && (in[p + 1] == '!' || in[p + 1] == '?')))
			return 0;
		while (q < s->len && !is_space(in[q]) && in[q] != '/' && in[q] != '>')
			q++;
		if (q == name || !is_alpha(in[name])) {
			p++;
			continue;
		}
		if (svg_unsafe(in + name, q - name))
			return 0;
		int self_closing;
		size_t end = read_attributes(s, q, 0, &self_closing);
		if (end >= s->len)
			return 0;
		uint32_t h = name_hash(in + name, q - name);
		/* Only a plain "</g>": Gumbo 0.10.1 ignores "</g >", "</g/>" and
		 * "</g x>" in foreign content. */
		if (close && end != q + 1)
			return 0;
		if (close) {
			unsigned k = n;
			while (k > 0 && open[k - 1] != h)
				k--;
			if (k == 0)
				return 0; /* closes nothing opened here */
			n = k - 1;
			if (n == 0)
				return p; /* the svg's own end tag */
		} else if (!self_closing) {
			if (n == MAX_OPEN)
				return 0;
			open[n++] = h;
		}
		p = end;
	}
	return 0;
}

/* Cuts a <select> element that starts at lt (its name ends at pos). */
static void cut_select(struct scan *s, size_t lt, size_t pos)
{
	int self_closing;
	size_t end = read_attributes(s, pos, 0, &self_closing);
	size_t close;
	if (s->select_searched && s->select_from <= end && end <= s->select_close) {
		close = s->select_close;
	} else {
		close = find_end_tag(s, end, "select", 6);
		s->select_from = end;
		s->select_close = close;
		s->select_searched = 1;
	}
	/* The next <select> closes this one, if it comes first. */
	size_t next = end;
	while (next < close) {
		const char *p = memchr(s->in + next, '<', close - next);
		if (p == NULL) {
			next = close;
			break;
		}
		next = (size_t)(p - s->in);
		if (next + 7 <= s->len && strncasecmp(p + 1, "select", 6) == 0 &&
		    (next + 7 == s->len || !is_alpha(p[7])))
			break;
		next++;
	}
	size_t stop;
	if (next < close)
		stop = next; /* the next select is read in its turn */
	else if (close < s->len)
		stop = skip_to_gt(s, close + 2);
	else
		stop = end; /* no end at all: only the start tag goes */
	cut(s, lt, stop);
	s->stats->tags_dropped++;
	s->pos = stop;
}

/* Whether the attributes of a tag (n bytes at a) hold word, in any case. */
static int attributes_hold(const char *a, size_t n, const char *word)
{
	size_t k = strlen(word);
	for (size_t i = 0; i + k <= n; i++)
		if ((a[i] | 0x20) == word[0] && strncasecmp(a + i, word, k) == 0)
			return 1;
	return 0;
}

/* Whether a script's attributes (n bytes at a) say type=application/ld+json. */
static int is_json_ld(const char *a, size_t n)
{
	return attributes_hold(a, n, "ld+json");
}

/* Whether a script's attributes may say that it holds HTML (text/html,
 * text/template, text/x-template, text/ng-template ...); the walker reads
 * the type itself. */
static int may_hold_html(const char *a, size_t n)
{
	return attributes_hold(a, n, "template") || attributes_hold(a, n, "text/html");
}

static void start_tag(struct scan *s, size_t lt)
{
	/* Where the tag starts in the output: nothing at or after lt has
	 * been cut yet. */
	size_t out_at = s->out->size + (lt - s->copied);
	size_t pos = lt + 1, name = pos;
	while (pos < s->len && !is_space(s->in[pos]) && s->in[pos] != '/' && s->in[pos] != '>')
		pos++;
	GumboTag t = gumbo_tagn_enum(s->in + name, (unsigned)(pos - name));
	implied_ends(s, t);
	int pushes = !is_void(t);
	int drop = pushes && !is_raw_text(t) && t != GUMBO_TAG_PLAINTEXT &&
	           s->depth >= s->max_nesting;
	/* Gumbo's "in select" modes abort Debian's 0.10.1 on some pages
	 * (parser.c:714, assertion 'node'; fixed upstream after the release),
	 * and a select's options are never article text: every <select> goes
	 * with its content, up to its </select> (or the next <select>, which
	 * closes it).  Options left outside a select go too. */
	if ((s->flags & WN_PRESCAN_SAFE) && t == GUMBO_TAG_SELECT) {
		cut_select(s, lt, pos);
		return;
	}
	if ((s->flags & WN_PRESCAN_SAFE) && (t == GUMBO_TAG_OPTION || t == GUMBO_TAG_OPTGROUP))
		drop = 1, pushes = 1;
	int self_closing;
	size_t end = read_attributes(s, pos, !drop, &self_closing);
	if (end >= s->len) {
		s->pos = s->len; /* an unfinished tag: Gumbo drops it too */
		return;
	}
	s->pos = end;
	if (drop) {
		cut(s, lt, end);
		s->excess++;
		s->stats->tags_dropped++;
		return;
	}
	if (s->foreign && self_closing)
		return;
	if (!s->foreign && t == GUMBO_TAG_PLAINTEXT) {
		s->pos = s->len;
		return;
	}
	if (!s->foreign && t == GUMBO_TAG_NOSCRIPT && (s->flags & WN_PRESCAN_SAFE)) {
		/* Browsers run scripts, so they read noscript as raw text and
		 * never show it; Gumbo parses it as markup, and in the head that
		 * pushes its text into the body.  Its content goes. */
		size_t close = find_end_tag(s, end, "noscript", 8);
		if (strip(s, end, close))
			note_embed(s, out_at, end, close);
		s->pos = close;
		/* pushed below, so that its end tag matches */
	} else if (!s->foreign && is_raw_text(t)) {
		const char *nm = gumbo_normalized_tagname(t);
		size_t close = t == GUMBO_TAG_SCRIPT ? script_end(s, end)
		                                     : find_end_tag(s, end, nm, strlen(nm));
		/* The text of raw-text elements is never article text (but for
		 * title and textarea, which are read, and JSON-LD scripts, which
		 * hold the page's metadata). */
		if ((s->flags & WN_PRESCAN_STRIP) && t != GUMBO_TAG_TITLE &&
		    t != GUMBO_TAG_TEXTAREA &&
		    !(t == GUMBO_TAG_SCRIPT && is_json_ld(s->in + pos, end - pos)) &&
		    strip(s, end, close) && t == GUMBO_TAG_SCRIPT &&
		    may_hold_html(s->in + pos, end - pos))
			note_embed(s, out_at, end, close);
		s->pos = close;
		return;
	} else if (!s->foreign && t == GUMBO_TAG_SVG && !self_closing &&
	           (s->flags & WN_PRESCAN_STRIP)) {
		/* An svg drawing is never article text: its content goes when
		 * nothing in it leads back to HTML. */
		size_t close = svg_end(s, end);
		if (close > end && !s->unsure) {
			strip(s, end, close);
			s->pos = close;
			s->stripped_foreign = 1;
		}
	}
	/* Where Gumbo's tree builder may read a tag otherwise than this model
	 * (inside foreign content it could not strip, which HTML tags can
	 * leave; inside select or frameset, which ignore raw-text tags),
	 * stripping stops for the rest of the page. */
	if (t == GUMBO_TAG_FRAMESET || t == GUMBO_TAG_SELECT ||
	    ((t == GUMBO_TAG_SVG || t == GUMBO_TAG_MATH) && s->pos != s->len &&
	     !(s->stripped_foreign)))
		s->unsure = 1;
	s->stripped_foreign = 0;
	if (!pushes)
		return;
	if (s->depth < STACK_MAX) {
		s->names[s->depth] = t == GUMBO_TAG_UNKNOWN ? name_hash(s->in + name, pos - name) : 0;
		s->stack[s->depth++] = t;
	}
	if (t == GUMBO_TAG_SVG || t == GUMBO_TAG_MATH)
		s->foreign++;
	if (s->depth > s->stats->max_depth)
		s->stats->max_depth = s->depth;
}

static void end_tag(struct scan *s, size_t lt)
{
	size_t pos = lt + 2, name = pos;
	while (pos < s->len && !is_space(s->in[pos]) && s->in[pos] != '/' && s->in[pos] != '>')
		pos++;
	GumboTag t = gumbo_tagn_enum(s->in + name, (unsigned)(pos - name));
	uint32_t h = t == GUMBO_TAG_UNKNOWN ? name_hash(s->in + name, pos - name) : 0;
	int self_closing;
	size_t end = read_attributes(s, pos, 0, &self_closing);
	s->pos = end;
	for (unsigned i = s->depth; i > 0; i--) {
		if (s->stack[i - 1] != t || s->names[i - 1] != h)
			continue;
		/* </b> over an open <div>: the adoption agency moves the div and
		 * opens a new b inside it, so the tree gets deeper, not
		 * shallower.  Count it that way. */
		if (is_formatting(t))
			for (unsigned k = i; k < s->depth; k++)
				if (!is_formatting(s->stack[k]))
					goto unmatched;
		pop_to(s, i - 1);
		return;
	}
unmatched:
	if (s->excess > 0 && end < s->len) {
		/* It closes one of the elements left out. */
		cut(s, lt, end);
		s->excess--;
	}
}

/*
 * Numeric character references past U+10FFFF overflow Gumbo's int and come
 * out as a NUL (which cuts the text node short) or as invalid UTF-8.  The
 * HTML standard reads them as U+FFFD, so they are rewritten to say so.
 * Scans the text [from, to).
 */
static void fix_char_refs(struct scan *s, size_t from, size_t to)
{
	const char *in = s->in;
	while (from < to) {
		const char *amp = memchr(in + from, '&', to - from);
		if (amp == NULL)
			return;
		size_t at = (size_t)(amp - in), p = at + 1;
		from = p;
		if (p >= to || in[p] != '#')
			continue;
		p++;
		int hex = p < to && (in[p] == 'x' || in[p] == 'X');
		p += hex;
		unsigned long long v = 0;
		size_t digits = 0;
		int over = 0;
		for (; p < to; p++, digits++) {
			char c = in[p];
			unsigned d;
			if (c >= '0' && c <= '9')
				d = (unsigned)(c - '0');
			else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
				d = (unsigned)((c | 0x20) - 'a' + 10);
			else
				break;
			v = v * (hex ? 16 : 10) + d;
			if (v > 0x10FFFF)
				over = 1, v = 0x110000;
		}
		if (digits == 0 || !over)
			continue;
		if (p < to && in[p] == ';')
			p++;
		cut(s, at, p);
		wn_buf_puts(s->out, "&#xFFFD;");
		s->stats->references_fixed++;
		from = p;
	}
}

wn_status wn_prescan(const char *in, size_t len, unsigned max_nesting,
                     unsigned max_attributes, unsigned flags, struct wn_buf *out,
                     struct wn_prescan_stats *stats, struct wn_buf *embeds)
{
	struct scan scan; /* 16 KiB, most of it the stack of open elements */
	struct scan *sp = &scan;
	memset(sp, 0, sizeof *sp);
	memset(stats, 0, sizeof *stats);
	sp->in = in;
	sp->len = len;
	sp->max_nesting = max_nesting ? max_nesting : STACK_MAX;
	if (sp->max_nesting > STACK_MAX)
		sp->max_nesting = STACK_MAX;
	sp->max_attributes = max_attributes ? max_attributes : (unsigned)-1;
	sp->out = out;
	sp->stats = stats;
	sp->flags = flags;
	sp->embeds = embeds;
	wn_buf_reset(out);
	if (embeds)
		wn_buf_reset(embeds);
	while (sp->pos < len) {
		const char *lt = memchr(in + sp->pos, '<', len - sp->pos);
		size_t at = lt ? (size_t)(lt - in) : len;
		if (flags & WN_PRESCAN_SAFE)
			fix_char_refs(sp, sp->pos, at);
		if (lt == NULL)
			break;
		sp->pos = at + 1;
		if (at + 1 >= len)
			break;
		char c = in[at + 1];
		if (is_alpha(c)) {
			start_tag(sp, at);
		} else if (c == '/') {
			if (at + 2 < len && is_alpha(in[at + 2]))
				end_tag(sp, at);
			else
				sp->pos = skip_to_gt(sp, at + 2);
			/* After "</>" Gumbo 0.10.1 reads later end tags in foreign
			 * content oddly (found by fuzz_prescan): strip no more. */
			if (at + 2 < len && in[at + 2] == '>')
				sp->unsure = 1;
		} else if (c == '!') {
			if (len - at >= 4 && memcmp(lt, "<!--", 4) == 0) {
				/* "<!-->" and "<!--->" end at once. */
				if (at + 4 < len && in[at + 4] == '>') {
					sp->pos = at + 5;
				} else if (at + 5 < len && in[at + 4] == '-' && in[at + 5] == '>') {
					sp->pos = at + 6;
				} else {
					size_t after, text_end = comment_end(sp, at + 4, &after);
					/* A comment's text is never article text. */
					if (flags & WN_PRESCAN_STRIP)
						strip(sp, at + 4, text_end);
					sp->pos = after;
				}
			} else if ((flags & WN_PRESCAN_SAFE) && len - at >= 9 &&
			           memcmp(lt, "<![CDATA[", 9) == 0) {
				/* CDATA holds text only inside svg and math, which never
				 * reach the article, and Debian's Gumbo aborts on it in
				 * some table contexts: the section goes. */
				sp->pos = find_str(sp, at + 9, "]]>");
				cut(sp, at, sp->pos);
			} else {
				sp->pos = skip_to_gt(sp, at + 2);
			}
		} else if (c == '?') {
			sp->pos = skip_to_gt(sp, at + 2);
		}
	}
	if (out->size || sp->copied) {
		cut(sp, len, len);
		stats->rewritten = 1;
	}
	return out->failed || (embeds && embeds->failed) ? WN_ERR_NOMEM : WN_OK;
}
