/*
 * prescan.c - bound what makes Gumbo slow, before Gumbo sees the page.
 *
 * Gumbo 0.10.1 scans its stack of open elements on every start tag and
 * every attribute against all earlier ones, so deep nesting and tags with
 * thousands of attributes take quadratic time (500 KB of nested <div>:
 * 68 s; one tag with 200,000 attributes: 311 s).  This stage runs one
 * linear pass over the page with the HTML tokenizer's rules for tags,
 * attributes, comments, raw text and foreign content, keeps a model of
 * Gumbo 0.10.1's stack of open elements and list of active formatting
 * elements (implied end tags, table parts and the tbody and tr Gumbo
 * implies, foster parenting, the adoption agency, the form element
 * pointer, templates, svg and MathML, quirks mode: Gumbo's own rules,
 * bugs included, since where the model falls behind Gumbo the bounds do
 * not hold), and rewrites the page only when a bound is crossed:
 *
 *  - a start tag that would open an element deeper than max_nesting is
 *    left out (its text stays, flattened into the ancestor), and so is the
 *    end tag that would have closed it;
 *  - attributes past max_attributes in one tag are left out;
 *  - with WN_PRESCAN_SAFE, svg and MathML elements named like table parts
 *    (and select, template, frameset, html) are left out, with their end
 *    tags: Gumbo resets its insertion mode by tag alone, namespace aside.
 *
 * It also leaves out what winnow never reads (prescan.h): with
 * WN_PRESCAN_STRIP the content of scripts, styles, comments and svg
 * drawings, with WN_PRESCAN_UNUSED_ATTRS the attributes no stage reads.
 *
 * Real pages are far inside both bounds (the deepest of the benchmark
 * pages nests 51 levels), so for them the pass only reads.  The pass
 * never goes back over the input; per tag it may walk the model's stack,
 * which the bound keeps short (and counts of the open elements of each
 * tag spare most walks).
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <gumbo.h>

#include "prescan.h"

#define STACK_MAX 4096

/* Bounds on the list of active formatting elements (prescan.h; see
 * "Formatting elements" below). */
#define FORMATTING_MAX WN_PRESCAN_FORMATTING_MAX
#define CLONE_BUDGET(pos) WN_PRESCAN_CLONE_BUDGET(pos)

/* The tag of a marker in the list of active formatting elements. */
#define MARKER GUMBO_TAG_LAST
/* The tag of an element Gumbo removed from the middle of its stack of open
 * elements (see pop_to). */
#define REMOVED GUMBO_TAG_LAST

struct active {
	GumboTag tag;   /* or MARKER */
	uint32_t attrs; /* a hash of the start tag's attributes as written; for
	                 * a marker, how many markers in a row it stands for */
	unsigned at;    /* 1 + its index in the stack while open, else 0 */
};

struct scan {
	const char *in;
	size_t len, pos;
	unsigned max_nesting, max_attributes;
	unsigned flags;        /* WN_PRESCAN_* */
	int unsure;            /* the model of the parser's states may be off:
	                        * strip nothing more */
	int stripped_foreign;  /* the svg just read was stripped whole */
	GumboTag stack[STACK_MAX];        /* REMOVED: see pop_to */
	unsigned char ns[STACK_MAX];     /* the element's namespace: HTML (0), svg
	                                  * (SVG) or MathML (MATH) */
	unsigned char inner[STACK_MAX];  /* what the element's content is: HTML
	                                  * (0), svg (SVG) or MathML (MATH) */
	unsigned char tmode[STACK_MAX];  /* how the tags of table parts are read
	                                  * inside the element (enum table_mode) */
	uint32_t names[STACK_MAX];       /* name_hash of the element's name */
	unsigned open[GUMBO_TAG_LAST + 1]; /* HTML elements of each tag on the
	                                    * stack: the searches for one stop
	                                    * at once without */
	unsigned open_foreign[GUMBO_TAG_LAST + 1]; /* svg and MathML ones */
	unsigned depth;        /* entries in stack (capped by max_nesting) */
	/* Gumbo's list of active formatting elements, as far as this model
	 * follows it (struct active); markers are entries of tag MARKER. */
	struct active active[STACK_MAX + FORMATTING_MAX + 1];
	unsigned nactive;      /* entries in active */
	unsigned formatting;   /* of them, formatting elements (not markers) */
	size_t clones;         /* formatting elements reopened so far, and
	                        * copied by the adoption agency */
	int bounded;           /* max_nesting was given: the formatting bounds
	                        * apply */
	unsigned html_attributes, body_attributes; /* on all html / body tags */
	unsigned excess;       /* start tags left out and not yet closed */
	unsigned templates;    /* HTML template elements on the stack */
	int initial;           /* no token yet but a doctype, comments and
	                        * white space ("initial" insertion mode) */
	int quirks;            /* the page is read in quirks mode (doctype) */
	int form_set;          /* Gumbo's form element pointer is set */
	unsigned form_at;      /* 1 + the index in the stack of that form while
	                        * it is open, else 0 */
	unsigned foreign;      /* the current node's content is svg or MathML */
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

/* Whether the n bytes at p are white space only. */
static int is_blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_space(p[i]))
			return 0;
	return 1;
}

/* Leaves the input bytes [from, to) out of the output.  A '<' of text
 * just before them and what follows them would make a tag ("<<b>svg>"
 * less "<b>"): a space goes between.  (The output ends with such a '<'
 * only where text was copied: the tags it writes end with '>'.) */
static void cut(struct scan *s, size_t from, size_t to)
{
	if (s->copied < from)
		wn_buf_put(s->out, s->in + s->copied, from - s->copied);
	s->copied = to;
	if (to > from && s->out->size && s->out->data[s->out->size - 1] == '<' && to < s->len &&
	    (is_alpha(s->in[to]) || s->in[to] == '/' || s->in[to] == '!' || s->in[to] == '?'))
		wn_buf_puts(s->out, " ");
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
	case GUMBO_TAG_TABLE: /* but in quirks mode */
	case GUMBO_TAG_MAIN:
	case GUMBO_TAG_LI:
	case GUMBO_TAG_DD:
	case GUMBO_TAG_DT:
		return 1;
	default:
		return 0;
	}
}

/* The svg and MathML elements that are special (and scope walls). */
static int is_integration_point(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_FOREIGNOBJECT:
	case GUMBO_TAG_DESC:
	case GUMBO_TAG_TITLE:
	case GUMBO_TAG_MI:
	case GUMBO_TAG_MO:
	case GUMBO_TAG_MN:
	case GUMBO_TAG_MS:
	case GUMBO_TAG_MTEXT:
	case GUMBO_TAG_ANNOTATION_XML:
		return 1;
	default:
		return 0;
	}
}

/* Elements that end the search for an implied end tag or for the element
 * an end tag closes: the HTML spec's "default scope" (in svg and MathML,
 * the integration points; svg and math themselves are not walls).  A
 * button is a wall for p only ("button scope"). */
static int is_scope_wall(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_HTML:
	case GUMBO_TAG_TABLE:
	case GUMBO_TAG_TD:
	case GUMBO_TAG_TH:
	case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_OBJECT:
	case GUMBO_TAG_MARQUEE:
	case GUMBO_TAG_APPLET:
	case GUMBO_TAG_TEMPLATE:
		return 1;
	default:
		return is_integration_point(t);
	}
}

/* The parts of a table, which Gumbo ignores outside tables (and
 * templates). */
static int is_table_part(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_COLGROUP:
	case GUMBO_TAG_TBODY:
	case GUMBO_TAG_THEAD:
	case GUMBO_TAG_TFOOT:
	case GUMBO_TAG_TR:
	case GUMBO_TAG_TD:
	case GUMBO_TAG_TH:
		return 1;
	default:
		return 0;
	}
}

/* The HTML spec's "special" elements: an end tag without rules of its own
 * ("any other end tag") closes nothing below one of them. */
static int is_special(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_AREA:
	case GUMBO_TAG_BASE:
	case GUMBO_TAG_BASEFONT:
	case GUMBO_TAG_BGSOUND:
	case GUMBO_TAG_BODY:
	case GUMBO_TAG_BR:
	case GUMBO_TAG_BUTTON:
	case GUMBO_TAG_COL:
	case GUMBO_TAG_EMBED:
	case GUMBO_TAG_FRAME:
	case GUMBO_TAG_FRAMESET:
	case GUMBO_TAG_HEAD:
	case GUMBO_TAG_HR:
	case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_IMG:
	case GUMBO_TAG_INPUT:
	case GUMBO_TAG_ISINDEX:
	case GUMBO_TAG_LINK:
	case GUMBO_TAG_META:
	case GUMBO_TAG_NOEMBED:
	case GUMBO_TAG_NOFRAMES:
	case GUMBO_TAG_NOSCRIPT:
	case GUMBO_TAG_PARAM:
	case GUMBO_TAG_PLAINTEXT:
	case GUMBO_TAG_SCRIPT:
	case GUMBO_TAG_SELECT:
	case GUMBO_TAG_SOURCE:
	case GUMBO_TAG_STYLE:
	case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_TRACK:
	case GUMBO_TAG_WBR:
	case GUMBO_TAG_XMP:
		return 1;
	default:
		/* (Not main, in Gumbo 0.10.1.) */
		return (closes_p(t) && t != GUMBO_TAG_MAIN) || is_scope_wall(t) || is_table_part(t);
	}
}


/* End tags with rules of their own in the "in body" and table modes: they
 * close their element when it is in scope. */
static int has_scope_rule(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_BUTTON:
	case GUMBO_TAG_APPLET:
	case GUMBO_TAG_MARQUEE:
	case GUMBO_TAG_OBJECT:
	case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_MAIN:
		return 1;
	default:
		return closes_p(t) || is_table_part(t);
	}
}

static int is_heading(GumboTag t)
{
	return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6;
}

/* Whether u, open above the element that an end tag of t would close,
 * stops the search for that element (then the end tag closes nothing). */
static int stops_end_tag(GumboTag t, GumboTag u)
{
	if (t == GUMBO_TAG_TEMPLATE) /* any template on the stack */
		return 0;
	if (t == GUMBO_TAG_TABLE || is_table_part(t) || t == GUMBO_TAG_APPLET ||
	    t == GUMBO_TAG_MARQUEE || t == GUMBO_TAG_OBJECT) /* "table scope" */
		return u == GUMBO_TAG_TABLE || u == GUMBO_TAG_TEMPLATE || u == GUMBO_TAG_HTML;
	if (t == GUMBO_TAG_LI) /* "list item scope" */
		return u == GUMBO_TAG_OL || u == GUMBO_TAG_UL || is_scope_wall(u);
	if (t == GUMBO_TAG_P) /* "button scope" */
		return u == GUMBO_TAG_BUTTON || is_scope_wall(u);
	return has_scope_rule(t) ? is_scope_wall(u) : is_special(u);
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

/* Elements whose end puts the list of active formatting elements back to
 * its last marker (and whose start pushes one). */
static int is_marker_scope(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_APPLET:
	case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_MARQUEE:
	case GUMBO_TAG_OBJECT:
	case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_TD:
	case GUMBO_TAG_TH:
		return 1;
	default:
		return 0;
	}
}

/*
 * Formatting elements.  Gumbo keeps a list of the formatting elements
 * (a, b, i, font ...) the page opened and did not close with their own
 * end tag, and before text and most start tags it reopens, as new
 * elements, those of them that something else closed (a <p>, a <div>, an
 * <a> that closes the previous a): "reconstruct the active formatting
 * elements".  A page can make that list as long as it likes
 * (<p><b id=K>x, K = 1..N: each paragraph reopens every b before it,
 * N²/2 elements; 29 KB reach 512 MiB), and the elements it reopens nest
 * (<a><b><i><u><s><em> repeated: the a closes the others, the next tag
 * reopens them inside the last ones).  So the prescan follows that list
 * (struct active, with the markers of cells, captions, objects and
 * templates, and the "Noah's Ark" rule that keeps three equal entries),
 * counts the elements Gumbo reopens as open elements (the nesting bound
 * holds for them too), and when bounds are given:
 *
 *  - a formatting start tag that would make the list hold more than
 *    FORMATTING_MAX formatting elements is left out (its text stays, and
 *    an end tag that would then close nothing goes with it);
 *  - where Gumbo would reopen elements past the nesting bound, or more
 *    than CLONE_BUDGET(pos) of them in all up to that point, end tags for
 *    them are written first: Gumbo drops from its list a formatting
 *    element whose end tag comes while it is closed, so it reopens
 *    nothing there.
 *
 * What changes in the tree: past FORMATTING_MAX, later bold, italic, font
 * and link elements are missing around their text; past the budget, a
 * formatting element left open in one paragraph no longer wraps the
 * following paragraphs (browsers would carry it on).  Text, its order
 * and the blocks it falls in stay the same, and real pages stay far
 * inside both bounds (a page leaves a few elements open, and reopens them
 * at most once per paragraph).
 */

/* The element at index k of the stack is an svg or MathML element. */
static int is_foreign_at(const struct scan *s, unsigned k)
{
	return s->ns[k] != 0;
}

/* Whether the elements at [depth, s->depth) hold an HTML element that
 * clears the list to its marker when it closes with them: a cell or a
 * caption (for a start tag or an end tag), or a template. */
static int closes_marked(const struct scan *s, unsigned depth)
{
	for (unsigned i = depth; i < s->depth; i++)
		if ((s->stack[i] == GUMBO_TAG_TD || s->stack[i] == GUMBO_TAG_TH ||
		     s->stack[i] == GUMBO_TAG_CAPTION || s->stack[i] == GUMBO_TAG_TEMPLATE) &&
		    !is_foreign_at(s, i))
			return 1;
	return 0;
}

/* The tag of the element at index k of the stack as the scope rules read
 * it: svg's foreignObject, desc and title and MathML's mi, mo, mn, ms,
 * mtext and annotation-xml are walls; other svg and MathML elements, and
 * HTML elements of those names, are ordinary (read as unknown elements).
 * The tag of other HTML elements. */
static GumboTag scope_tag(const struct scan *s, unsigned k)
{
	GumboTag t = s->stack[k];
	if (!is_foreign_at(s, k))
		return is_integration_point(t) ? GUMBO_TAG_UNKNOWN : t;
	unsigned ns = s->ns[k];
	if (ns == GUMBO_TAG_SVG && (t == GUMBO_TAG_FOREIGNOBJECT || t == GUMBO_TAG_DESC ||
	                            t == GUMBO_TAG_TITLE))
		return t;
	if (ns == GUMBO_TAG_MATH && ((t >= GUMBO_TAG_MI && t <= GUMBO_TAG_MTEXT) ||
	                             t == GUMBO_TAG_ANNOTATION_XML))
		return t;
	return GUMBO_TAG_UNKNOWN;
}

static void active_remove(struct scan *s, unsigned k)
{
	if (s->active[k].tag != MARKER)
		s->formatting--;
	memmove(&s->active[k], &s->active[k + 1], (s->nactive - k - 1) * sizeof s->active[0]);
	s->nactive--;
}

/* The last entry of tag t after the last marker (with the given attributes
 * unless any_attrs), or -1. */
static int find_active(const struct scan *s, GumboTag t, uint32_t attrs, int any_attrs)
{
	for (unsigned k = s->nactive; k > 0 && s->active[k - 1].tag != MARKER; k--)
		if (s->active[k - 1].tag == t && (any_attrs || s->active[k - 1].attrs == attrs))
			return (int)k - 1;
	return -1;
}

/* Puts a marker at the end of the list (the start of a cell, caption,
 * applet, marquee, object or template): 0 when there is no room. */
static int push_marker(struct scan *s)
{
	if (s->nactive > 0 && s->active[s->nactive - 1].tag == MARKER) {
		s->active[s->nactive - 1].attrs++;
		return 1;
	}
	if (s->nactive >= sizeof s->active / sizeof s->active[0])
		return 0;
	struct active e = {MARKER, 1, 0};
	s->active[s->nactive++] = e;
	return 1;
}

/* "Clear the list of active formatting elements up to the last marker",
 * which goes too: once when a cell, a caption or a template closes, and
 * after </applet>, </marquee> and </object>.  Gumbo does it once per
 * such token, however many of those elements close with it (</template>
 * through a cell), and not at all when they close otherwise (an object
 * foster parented in a table, which the next row clears away): their
 * markers stay. */
static void clear_to_marker(struct scan *s)
{
	while (s->nactive > 0) {
		struct active *e = &s->active[s->nactive - 1];
		if (e->tag == MARKER) {
			if (--e->attrs == 0)
				active_remove(s, s->nactive - 1);
			return;
		}
		active_remove(s, s->nactive - 1);
	}
}

/* Pops the stack to depth.  An element removed from the middle of
 * Gumbo's stack (a form: see form_end) stays in the model as REMOVED,
 * since what was opened above it is still inside it, and goes once it is
 * on top. */
static void pop_to(struct scan *s, unsigned depth)
{
	while (s->depth > depth || (s->depth > 0 && s->stack[s->depth - 1] == REMOVED)) {
		GumboTag t = s->stack[--s->depth];
		if (!s->ns[s->depth])
			s->open[t]--;
		else
			s->open_foreign[t]--;
		s->foreign = s->depth ? s->inner[s->depth - 1] : 0;
		if (t == GUMBO_TAG_TEMPLATE && !is_foreign_at(s, s->depth))
			s->templates--;
		if (s->form_at == s->depth + 1)
			s->form_at = 0; /* the pointer stays */
		if (is_formatting(t)) {
			for (unsigned k = s->nactive; k > 0; k--)
				if (s->active[k - 1].tag != MARKER && s->active[k - 1].at == s->depth + 1) {
					s->active[k - 1].at = 0; /* closed, still in the list */
					break;
				}
		}
	}
}


/* Tags that leave svg and MathML content for HTML (and a font with a
 * color, face or size attribute: leaves_foreign). */
static int is_breakout(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_B:
	case GUMBO_TAG_BIG:
	case GUMBO_TAG_BLOCKQUOTE:
	case GUMBO_TAG_BODY:
	case GUMBO_TAG_BR:
	case GUMBO_TAG_CENTER:
	case GUMBO_TAG_CODE:
	case GUMBO_TAG_DD:
	case GUMBO_TAG_DIV:
	case GUMBO_TAG_DL:
	case GUMBO_TAG_DT:
	case GUMBO_TAG_EM:
	case GUMBO_TAG_EMBED:
	case GUMBO_TAG_H1:
	case GUMBO_TAG_H2:
	case GUMBO_TAG_H3:
	case GUMBO_TAG_H4:
	case GUMBO_TAG_H5:
	case GUMBO_TAG_H6:
	case GUMBO_TAG_HEAD:
	case GUMBO_TAG_HR:
	case GUMBO_TAG_I:
	case GUMBO_TAG_IMG:
	case GUMBO_TAG_LI:
	case GUMBO_TAG_LISTING:
	case GUMBO_TAG_MENU:
	case GUMBO_TAG_META:
	case GUMBO_TAG_NOBR:
	case GUMBO_TAG_OL:
	case GUMBO_TAG_P:
	case GUMBO_TAG_PRE:
	case GUMBO_TAG_RUBY:
	case GUMBO_TAG_S:
	case GUMBO_TAG_SMALL:
	case GUMBO_TAG_SPAN:
	case GUMBO_TAG_STRONG:
	case GUMBO_TAG_STRIKE:
	case GUMBO_TAG_SUB:
	case GUMBO_TAG_SUP:
	case GUMBO_TAG_TABLE:
	case GUMBO_TAG_TT:
	case GUMBO_TAG_U:
	case GUMBO_TAG_UL:
	case GUMBO_TAG_VAR:
		return 1;
	default:
		return 0;
	}
}

/* One attribute of a tag, as the tokenizer reads it: offsets into the
 * input. */
struct attribute {
	size_t name, name_len;
	size_t value, value_len; /* quotes aside; 0 long when there is none */
};

/* Reads the attribute whose name starts at pos (its first character may
 * be '='): the position after it. */
static size_t read_attribute(const struct scan *s, size_t pos, struct attribute *a)
{
	const char *in = s->in;
	a->name = pos++;
	while (pos < s->len && !is_space(in[pos]) && in[pos] != '/' && in[pos] != '>' &&
	       in[pos] != '=')
		pos++;
	a->name_len = pos - a->name;
	a->value = pos;
	a->value_len = 0;
	size_t p = pos;
	while (p < s->len && is_space(in[p]))
		p++;
	if (p < s->len && in[p] == '=') {
		p++;
		while (p < s->len && is_space(in[p]))
			p++;
		if (p < s->len && (in[p] == '"' || in[p] == '\'')) {
			const char *q = memchr(in + p + 1, in[p], s->len - p - 1);
			a->value = p + 1;
			p = q ? (size_t)(q - in) + 1 : s->len;
			a->value_len = p - a->value - (q != NULL);
		} else {
			a->value = p;
			while (p < s->len && !is_space(in[p]) && in[p] != '>')
				p++;
			a->value_len = p - a->value;
		}
		pos = p;
	}
	return pos;
}

/* Finds the attribute name (n bytes, in any case) of a tag whose
 * attributes start at pos (just after its name), read as read_attributes
 * reads them: 1 and the bytes of its value at [*v, *v + *vn) (quotes
 * aside), or 0.  The first of a name counts, as in Gumbo. */
static int find_attribute(const struct scan *s, size_t pos, const char *name, size_t n,
                          size_t *v, size_t *vn)
{
	while (pos < s->len && s->in[pos] != '>') {
		if (is_space(s->in[pos]) || s->in[pos] == '/') {
			pos++;
			continue;
		}
		struct attribute a;
		pos = read_attribute(s, pos, &a);
		if (a.name_len == n && strncasecmp(s->in + a.name, name, n) == 0) {
			*v = a.value;
			*vn = a.value_len;
			return 1;
		}
	}
	return 0;
}

/* Whether a font's attributes (from pos) name a color, a face or a size:
 * then it leaves svg and MathML content. */
static int font_leaves(const struct scan *s, size_t pos)
{
	size_t v, vn;
	return find_attribute(s, pos, "color", 5, &v, &vn) ||
	       find_attribute(s, pos, "face", 4, &v, &vn) ||
	       find_attribute(s, pos, "size", 4, &v, &vn);
}

/* Whether a MathML annotation-xml whose attributes start at pos is an
 * HTML integration point: encoding text/html or application/xhtml+xml. */
static int holds_html(const struct scan *s, size_t pos)
{
	size_t v, vn;
	return find_attribute(s, pos, "encoding", 8, &v, &vn) &&
	       ((vn == 9 && strncasecmp(s->in + v, "text/html", 9) == 0) ||
	        (vn == 21 && strncasecmp(s->in + v, "application/xhtml+xml", 21) == 0));
}

/* Whether the start tag t, whose attributes begin at pos, leaves svg or
 * MathML content for HTML when it comes there. */
static int leaves_foreign(const struct scan *s, GumboTag t, size_t pos)
{
	return is_breakout(t) || (t == GUMBO_TAG_FONT && font_leaves(s, pos));
}

/* What the content of an element t opened here is: svg and math start
 * foreign content; the integration points (svg foreignObject, desc and
 * title; MathML mi, mo, mn, ms and mtext) and the tags that break out of
 * it hold HTML again, but for mglyph and malignmark in MathML text. */
static unsigned char inner_of(const struct scan *s, GumboTag t)
{
	unsigned char here = (unsigned char)s->foreign;
	GumboTag parent = s->depth ? s->stack[s->depth - 1] : GUMBO_TAG_HTML;
	if ((t == GUMBO_TAG_SVG || t == GUMBO_TAG_MATH) && !here)
		return (unsigned char)t; /* (in foreign content, an element of its name) */
	if (t == GUMBO_TAG_SVG && parent == GUMBO_TAG_ANNOTATION_XML)
		return GUMBO_TAG_SVG; /* read by the HTML rules there */
	if (here == GUMBO_TAG_SVG && (t == GUMBO_TAG_FOREIGNOBJECT || t == GUMBO_TAG_DESC ||
	                              t == GUMBO_TAG_TITLE))
		return 0;
	if (here == GUMBO_TAG_MATH && t >= GUMBO_TAG_MI && t <= GUMBO_TAG_MTEXT)
		return 0;
	if (here == 0 && (t == GUMBO_TAG_MGLYPH || t == GUMBO_TAG_MALIGNMARK) &&
	    parent >= GUMBO_TAG_MI && parent <= GUMBO_TAG_MTEXT && is_foreign_at(s, s->depth - 1))
		return GUMBO_TAG_MATH;
	return here && is_breakout(t) ? 0 : here;
}

/*
 * Templates.  Gumbo reads the tags of table parts (tr, td, tbody ...) by
 * its insertion mode, which "reset the insertion mode" finds from the
 * nearest table element or template on the stack: in a table they close
 * and open table parts; in body mode they are ignored.  A template's
 * content starts in the "in template" mode and its first start tag sets
 * its mode for good: table modes after a tr, td, tbody ..., "in column
 * group" after a col, body mode after any other (but the head's tags).
 * So a <template><b> reads later <tr>s as nothing, not as rows that close
 * what was opened since the last one.  A template that began with a row
 * holds rows as a section does, one that began with a cell holds cells as
 * a row does: other table parts are ignored there (table_place).
 */
enum table_mode {
	TM_BODY,       /* table parts are ignored */
	TM_TABLE,      /* table modes (and cells, captions): they are read */
	TM_TEMPLATE,   /* a template before its first start tag */
	TM_COLUMNS,    /* a template whose content began with a col: every
	                * start tag but col and template is ignored, end tags
	                * too */
	TM_TABLE_BODY, /* a template whose content began with a tr */
	TM_ROW         /* a template whose content began with a td or th */
};

static unsigned table_mode(const struct scan *s)
{
	return s->depth ? s->tmode[s->depth - 1] : TM_BODY;
}

/* Whether table parts are read in mode m. */
static int is_table_mode(unsigned m)
{
	return m == TM_TABLE || m == TM_TABLE_BODY || m == TM_ROW;
}

/* The mode a template's first start tag t sets (the in-template mode). */
static unsigned template_mode(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_COLGROUP:
	case GUMBO_TAG_TBODY:
	case GUMBO_TAG_TFOOT:
	case GUMBO_TAG_THEAD:
		return TM_TABLE;
	case GUMBO_TAG_TR:
		return TM_TABLE_BODY;
	case GUMBO_TAG_TD:
	case GUMBO_TAG_TH:
		return TM_ROW;
	case GUMBO_TAG_COL:
		return TM_COLUMNS;
	case GUMBO_TAG_BASE:
	case GUMBO_TAG_BASEFONT:
	case GUMBO_TAG_BGSOUND:
	case GUMBO_TAG_LINK:
	case GUMBO_TAG_META:
	case GUMBO_TAG_NOFRAMES:
	case GUMBO_TAG_SCRIPT:
	case GUMBO_TAG_STYLE:
	case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_TITLE:
		return TM_TEMPLATE; /* read by the head's rules */
	default:
		return TM_BODY;
	}
}

/* Pushes t, whose name hashes to h (name_hash; 0 for the elements the
 * model reopens, which are HTML and matched by tag).  0 when the stack is
 * full: without bounds (max_nesting 0) Gumbo's stack can be deeper than
 * the model's, which then no longer follows it and strips nothing more;
 * with them, the bound keeps the stack from filling. */
static int push(struct scan *s, GumboTag t, uint32_t h)
{
	if (s->depth >= STACK_MAX) {
		s->unsure = 1;
		return 0;
	}
	unsigned below = table_mode(s);
	if (t == GUMBO_TAG_TEMPLATE && !s->foreign)
		s->templates++;
	/* (An element in svg or MathML content is not a table part.) */
	s->tmode[s->depth] = (unsigned char)(s->foreign                 ? below
	                                     : t == GUMBO_TAG_TEMPLATE ? TM_TEMPLATE
	                                     : t == GUMBO_TAG_TABLE || is_table_part(t) ? TM_TABLE
	                                                                                : below);
	s->inner[s->depth] = inner_of(s, t);
	/* (The namespace of the content it is in, but for an svg or a math
	 * read by the HTML rules, and an mglyph or malignmark in MathML
	 * text.) */
	s->ns[s->depth] = s->foreign;
	if ((t == GUMBO_TAG_SVG || t == GUMBO_TAG_MATH) && s->inner[s->depth] == t)
		s->ns[s->depth] = (unsigned char)t;
	else if (!s->foreign && s->inner[s->depth] == GUMBO_TAG_MATH)
		s->ns[s->depth] = GUMBO_TAG_MATH;
	s->foreign = s->inner[s->depth];
	s->names[s->depth] = h;
	if (!s->ns[s->depth])
		s->open[t]++;
	else
		s->open_foreign[t]++;
	s->stack[s->depth++] = t;
	if (s->depth > s->stats->max_depth)
		s->stats->max_depth = s->depth;
	return 1;
}

/*
 * Where Gumbo reconstructs the active formatting elements (before text
 * and most start tags; the token starts at pos), the prescan does too: it
 * opens the closed entries at the end of the list.  Past the bounds it
 * writes their end tags instead (see "Formatting elements" above).
 */
static void reconstruct(struct scan *s, size_t pos)
{
	unsigned k = s->nactive;
	while (k > 0 && s->active[k - 1].tag != MARKER && s->active[k - 1].at == 0)
		k--;
	unsigned n = s->nactive - k;
	if (n == 0)
		return;
	/* (Nothing can be written before what was written already.) */
	if (s->bounded &&
	    (s->depth + n > s->max_nesting || s->clones + n > CLONE_BUDGET(pos)) &&
	    s->copied <= pos) {
		cut(s, pos, pos);
		while (s->nactive > k) {
			wn_buf_printf(s->out, "</%s>",
			              gumbo_normalized_tagname(s->active[s->nactive - 1].tag));
			active_remove(s, s->nactive - 1);
			s->stats->formatting_closed++;
		}
		return;
	}
	for (; k < s->nactive; k++) {
		push(s, s->active[k].tag, 0);
		s->active[k].at = s->depth;
	}
	s->clones += n;
}

/* Where the nearest open a or b (either tag) below depth d and any wall
 * is closed to: the depth without it, or d when there is none. */
static unsigned close_nearest(const struct scan *s, unsigned d, GumboTag a, GumboTag b,
                              GumboTag wall)
{
	if (s->open[a] + s->open[b] == 0)
		return d;
	for (unsigned i = d; i > 0; i--) {
		GumboTag t = scope_tag(s, i - 1);
		if (t == a || t == b)
			return i - 1;
		if (t == wall || is_scope_wall(t))
			return d;
	}
	return d;
}

/* Whether t stops the search for the li, dd or dt a list item start tag
 * closes: any special element but address, div and p. */
static int stops_item(GumboTag t)
{
	return is_special(t) && t != GUMBO_TAG_ADDRESS && t != GUMBO_TAG_DIV && t != GUMBO_TAG_P;
}

/* Whether t stops the search for a part of the current table. */
static int stops_table(GumboTag t)
{
	return stops_end_tag(GUMBO_TAG_TABLE, t);
}

/* Where the nearest open a or b below depth d is closed to, when no
 * element that stops (stop) comes first: the depth without it, or d. */
static unsigned close_below(const struct scan *s, unsigned d, GumboTag a, GumboTag b,
                            int (*stop)(GumboTag))
{
	if (s->open[a] + s->open[b] == 0)
		return d;
	for (unsigned i = d; i > 0; i--) {
		GumboTag t = scope_tag(s, i - 1);
		if (t == a || t == b)
			return i - 1;
		if (stop(t))
			return d;
	}
	return d;
}

/* 1 + the index of the nearest table, section or row below depth d (or
 * template read in a table mode), when no cell, caption, column group or
 * other template comes first (the elements above it were foster
 * parented), else 0. */
static unsigned table_part_below(const struct scan *s, unsigned d)
{
	for (unsigned i = d; i > 0; i--) {
		if (is_foreign_at(s, i - 1))
			continue; /* an svg or MathML element of the same name */
		switch (s->stack[i - 1]) {
		case GUMBO_TAG_TABLE:
		case GUMBO_TAG_TBODY:
		case GUMBO_TAG_THEAD:
		case GUMBO_TAG_TFOOT:
		case GUMBO_TAG_TR:
			return i;
		case GUMBO_TAG_TEMPLATE:
			return is_table_mode(s->tmode[i - 1]) ? i : 0;
		case GUMBO_TAG_TD:
		case GUMBO_TAG_TH:
		case GUMBO_TAG_CAPTION:
		case GUMBO_TAG_COLGROUP:
		case GUMBO_TAG_HTML:
			return 0;
		default:
			break;
		}
	}
	return 0;
}

/*
 * Foster parenting.  In a table, a section (tbody, thead, tfoot) or a row,
 * Gumbo reads a tag that belongs in none of them (a div, a b, text) by
 * the body's rules, and inserts the element in front of the table
 * ("foster parenting"), but it stays in the table's insertion mode while
 * that element is open: the next table tag clears the stack back to the
 * table, the section or the row (table_place), and a <table> closes the
 * table.  The model once read such an element as the content of the
 * table part, so a <table> opened inside it, and later table tags closed
 * table parts below it that Gumbo had closed already: the model's stack
 * got shorter than Gumbo's, which nested without bound (issue #14).
 */

/* Whether the current node is a column group (the "in column group"
 * insertion mode, which closes it before anything but a col). */
static int in_colgroup(const struct scan *s)
{
	return s->depth > 0 && s->stack[s->depth - 1] == GUMBO_TAG_COLGROUP &&
	       !is_foreign_at(s, s->depth - 1);
}

/* 1 + the index of the current table below depth d (not past a
 * template), or 0. */
static unsigned table_below(const struct scan *s, unsigned d)
{
	for (unsigned i = d; i > 0; i--) {
		GumboTag t = scope_tag(s, i - 1);
		if (t == GUMBO_TAG_TABLE)
			return i;
		if (stops_table(t))
			return 0;
	}
	return 0;
}

/* *implied of a table part that Gumbo ignores once the stack is popped. */
#define IGNORED (~0u)

/* "Generate implied end tags": the depth once the dd, dt, li, option,
 * optgroup, p, rp and rt on top of depth d are closed. */
static unsigned implied_end_tags(const struct scan *s, unsigned d)
{
	while (d > 0 && !is_foreign_at(s, d - 1)) {
		switch (s->stack[d - 1]) {
		case GUMBO_TAG_DD:
		case GUMBO_TAG_DT:
		case GUMBO_TAG_LI:
		case GUMBO_TAG_OPTION:
		case GUMBO_TAG_OPTGROUP:
		case GUMBO_TAG_P:
		case GUMBO_TAG_RP:
		case GUMBO_TAG_RT:
			d--;
			continue;
		default:
			return d;
		}
	}
	return d;
}

/*
 * Where a table part t read in a table mode goes: Gumbo closes the cell,
 * the caption, the row and the section open as far as the part needs (and
 * what was foster parented above them), and opens the tbody and the tr it
 * lacks (*implied of them).  A caption, a column group, a col and a
 * section go in the table, a row in a section, a cell in a row.  A
 * template stands for the table.  The depth to pop to.
 */
static unsigned table_place(const struct scan *s, unsigned d, GumboTag t, unsigned *implied)
{
	unsigned cell = 0, row = 0, section = 0, table = 0;
	for (unsigned i = d; i > 0 && !table; i--) {
		GumboTag u = scope_tag(s, i - 1);
		if ((u == GUMBO_TAG_TD || u == GUMBO_TAG_TH) && !cell && !row && !section)
			cell = i;
		else if (u == GUMBO_TAG_TR && !row && !section)
			row = i;
		else if ((u == GUMBO_TAG_TBODY || u == GUMBO_TAG_THEAD || u == GUMBO_TAG_TFOOT) &&
		         !section)
			section = i;
		else if (u == GUMBO_TAG_TABLE || u == GUMBO_TAG_TEMPLATE)
			table = i;
		else if (u == GUMBO_TAG_HTML)
			break;
	}
	*implied = 0;
	if (!table)
		return d;
	unsigned m = s->tmode[table - 1];
	if (s->stack[table - 1] == GUMBO_TAG_TEMPLATE && (m == TM_TABLE_BODY || m == TM_ROW)) {
		/* Gumbo closes the cell and the row open, then ignores what the
		 * template cannot hold (*implied = IGNORED); foster parented
		 * elements stay. */
		if ((m == TM_ROW && t != GUMBO_TAG_TD && t != GUMBO_TAG_TH) ||
		    (m == TM_TABLE_BODY && t != GUMBO_TAG_TR && t != GUMBO_TAG_TD &&
		     t != GUMBO_TAG_TH)) {
			*implied = IGNORED;
			return cell || row ? table : d;
		}
		section = table; /* (as a section, or a row) */
		if (m == TM_ROW)
			row = table;
	}
	switch (t) {
	case GUMBO_TAG_TR:
		*implied = !section;
		return section ? section : table;
	case GUMBO_TAG_TD:
	case GUMBO_TAG_TH:
		*implied = row ? 0 : section ? 1 : 2;
		return row ? row : section ? section : table;
	default:
		return table;
	}
}

/* The depth of the stack once the end tags a start tag t implies are
 * done (nothing is popped yet: a start tag left out implies nothing);
 * breakout: the tag leaves svg or MathML content (leaves_foreign).
 * *implied: the elements Gumbo opens before it (table_place). */
static unsigned implied_ends(const struct scan *s, GumboTag t, int breakout, unsigned *implied)
{
	unsigned d = s->depth;
	*implied = 0;
	if (s->foreign) {
		/* A tag that breaks out of svg or MathML first closes it, to the
		 * nearest element whose content is HTML. */
		if (!breakout)
			return d;
		while (d > 0 && s->inner[d - 1])
			d--;
	}
	/* In a column group anything but a col (and the tags the head's rules
	 * read) closes it first. */
	if (in_colgroup(s) && t != GUMBO_TAG_COL && t != GUMBO_TAG_TEMPLATE && t != GUMBO_TAG_HTML)
		d--;
	/* A table tag in a table mode clears what was foster parented (in
	 * body mode the tags of table parts are ignored), and a table part
	 * goes where it belongs. */
	if (is_table_mode(table_mode(s)) && (is_table_part(t) || t == GUMBO_TAG_COL))
		return t == GUMBO_TAG_COL && in_colgroup(s) ? d : table_place(s, d, t, implied);
	/* A table in a table, a section or a row closes the table (then it is
	 * read where that leaves it); without one in scope it is ignored. */
	if (is_table_mode(table_mode(s)) && t == GUMBO_TAG_TABLE && table_part_below(s, d)) {
		unsigned k = table_below(s, d);
		if (k == 0) {
			*implied = IGNORED;
			return d;
		}
		d = k - 1;
	}
	/* A list item closes the one open first, then the p. */
	if (t == GUMBO_TAG_LI)
		d = close_below(s, d, GUMBO_TAG_LI, GUMBO_TAG_LI, stops_item);
	else if (t == GUMBO_TAG_DD || t == GUMBO_TAG_DT)
		d = close_below(s, d, GUMBO_TAG_DD, GUMBO_TAG_DT, stops_item);
	if ((closes_p(t) && !(t == GUMBO_TAG_TABLE && s->quirks)) || t == GUMBO_TAG_HR ||
	    t == GUMBO_TAG_XMP || t == GUMBO_TAG_PLAINTEXT || t == GUMBO_TAG_ISINDEX)
		d = close_nearest(s, d, GUMBO_TAG_P, GUMBO_TAG_P, GUMBO_TAG_BUTTON);
	switch (t) {
	case GUMBO_TAG_RP:
	case GUMBO_TAG_RT:
		/* with a ruby in scope, the implied end tags first */
		for (unsigned i = s->open[GUMBO_TAG_RUBY] ? d : 0; i > 0; i--) {
			GumboTag u = scope_tag(s, i - 1);
			if (u == GUMBO_TAG_RUBY)
				return implied_end_tags(s, d);
			if (is_scope_wall(u))
				break;
		}
		return d;
	case GUMBO_TAG_OPTION:
	case GUMBO_TAG_OPTGROUP:
		return d && s->stack[d - 1] == GUMBO_TAG_OPTION ? d - 1 : d;
	case GUMBO_TAG_BUTTON:
		/* A button in scope is closed first. */
		return close_nearest(s, d, GUMBO_TAG_BUTTON, GUMBO_TAG_BUTTON, GUMBO_TAG_HTML);
	case GUMBO_TAG_H1:
	case GUMBO_TAG_H2:
	case GUMBO_TAG_H3:
	case GUMBO_TAG_H4:
	case GUMBO_TAG_H5:
	case GUMBO_TAG_H6:
		return d && is_heading(s->stack[d - 1]) ? d - 1 : d;
	default:
		return d;
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

/* Attributes that no stage of winnow reads and that Gumbo's tree builder
 * never looks at: the page's scripts' data and handlers, accessibility
 * labels, responsive images' candidates, browser hints.  Kept: data-src
 * (a lazy image's address) and aria-hidden (hidden text). */
static const struct {
	const char *name;
	size_t len;
} unused_attributes[] = {
#define UNUSED(s) {s, sizeof s - 1}
	UNUSED("srcset"),       UNUSED("sizes"),          UNUSED("target"),
	UNUSED("tabindex"),     UNUSED("loading"),        UNUSED("decoding"),
	UNUSED("fetchpriority"), UNUSED("crossorigin"),   UNUSED("integrity"),
	UNUSED("referrerpolicy"), UNUSED("nonce"),        UNUSED("jsaction"),
	UNUSED("jsname"),       UNUSED("jscontroller"),   UNUSED("jsmodel"),
	UNUSED("jsdata"),       UNUSED("draggable"),      UNUSED("spellcheck"),
	UNUSED("autocomplete"), UNUSED("title"),          UNUSED("width"),
	UNUSED("height"),       UNUSED("border"),         UNUSED("align"),
	UNUSED("valign"),       UNUSED("media"),          UNUSED("action"),
	UNUSED("method"),       UNUSED("background"),     UNUSED("bgcolor"),
	UNUSED("cellpadding"),  UNUSED("cellspacing"),    UNUSED("frameborder"),
	UNUSED("allowfullscreen"), UNUSED("allow"),       UNUSED("scrolling"),
	UNUSED("placeholder"),  UNUSED("value"),          UNUSED("itemtype"),
	UNUSED("xlink:href"),
#undef UNUSED
};

int wn_prescan_attribute_unused(const char *name, size_t n)
{
	if (n < 5)
		return 0; /* class, id, href, src, alt, rel ... */
	int c = name[0] | 0x20;
	if (c == 'd' && strncasecmp(name, "data-", 5) == 0)
		return !(n == 8 && strncasecmp(name, "data-src", 8) == 0);
	if (c == 'a' && strncasecmp(name, "aria-", 5) == 0)
		return !(n == 11 && strncasecmp(name, "aria-hidden", 11) == 0);
	if (c == 'o' && (name[1] | 0x20) == 'n')
		return 1; /* onclick, onload ...: event handlers */
	for (size_t i = 0; i < sizeof unused_attributes / sizeof unused_attributes[0]; i++)
		if (unused_attributes[i].len == n && unused_attributes[i].name[0] == c &&
		    strncasecmp(name, unused_attributes[i].name, n) == 0)
			return 1;
	return 0;
}

/*
 * Reads the attributes of a tag from pos (just after its name) to just
 * after its '>'.  When keep is set, attributes past the bound are cut: past
 * the bound in the tag, or in all tags that count into *counter (when not
 * NULL); and with unused set, the attributes wn_prescan_attribute_unused
 * names (before they count).  Sets *self_closing.
 * Returns the position after the tag, or len + 1 when the tag is
 * unfinished.
 */
static size_t read_attributes(struct scan *s, size_t pos, int keep, int unused,
                              unsigned *counter, int *self_closing)
{
	unsigned local = 0, *count = counter ? counter : &local;
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
		struct attribute a;
		pos = read_attribute(s, pos, &a);
		if (keep && unused && wn_prescan_attribute_unused(in + a.name, a.name_len)) {
			cut(s, start, pos);
			s->stats->attributes_unused++;
			continue;
		}
		if (keep && ++*count > s->max_attributes) {
			cut(s, start, pos);
			s->stats->attributes_dropped++;
		}
	}
	return s->len + 1;
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

/*
 * The doctype.  Gumbo 0.10.1 reads a page without one in quirks mode, in
 * which a <table> does not close an open <p>.  Its test of the public
 * identifier against the spec's lists of prefixes compares whole strings
 * (case aside), so the usual identifiers ("... Transitional//EN") leave
 * the page in no-quirks mode.
 */
static const char *const quirks_public[] = {
	"+//Silmaril//dtd html Pro v0r11 19970101//",
	"-//AdvaSoft Ltd//DTD HTML 3.0 asWedit + extensions//",
	"-//AS//DTD HTML 3.0 asWedit + extensions//",
	"-//IETF//DTD HTML 2.0 Level 1//",
	"-//IETF//DTD HTML 2.0 Level 2//",
	"-//IETF//DTD HTML 2.0 Strict Level 1//",
	"-//IETF//DTD HTML 2.0 Strict Level 2//",
	"-//IETF//DTD HTML 2.0 Strict//",
	"-//IETF//DTD HTML 2.0//",
	"-//IETF//DTD HTML 2.1E//",
	"-//IETF//DTD HTML 3.0//",
	"-//IETF//DTD HTML 3.2 Final//",
	"-//IETF//DTD HTML 3.2//",
	"-//IETF//DTD HTML 3//",
	"-//IETF//DTD HTML Level 0//",
	"-//IETF//DTD HTML Level 1//",
	"-//IETF//DTD HTML Level 2//",
	"-//IETF//DTD HTML Level 3//",
	"-//IETF//DTD HTML Strict Level 0//",
	"-//IETF//DTD HTML Strict Level 1//",
	"-//IETF//DTD HTML Strict Level 2//",
	"-//IETF//DTD HTML Strict Level 3//",
	"-//IETF//DTD HTML Strict//",
	"-//IETF//DTD HTML//",
	"-//Metrius//DTD Metrius Presentational//",
	"-//Microsoft//DTD Internet Explorer 2.0 HTML Strict//",
	"-//Microsoft//DTD Internet Explorer 2.0 HTML//",
	"-//Microsoft//DTD Internet Explorer 2.0 Tables//",
	"-//Microsoft//DTD Internet Explorer 3.0 HTML Strict//",
	"-//Microsoft//DTD Internet Explorer 3.0 HTML//",
	"-//Microsoft//DTD Internet Explorer 3.0 Tables//",
	"-//Netscape Comm. Corp.//DTD HTML//",
	"-//Netscape Comm. Corp.//DTD Strict HTML//",
	"-//O'Reilly and Associates//DTD HTML 2.0//",
	"-//O'Reilly and Associates//DTD HTML Extended 1.0//",
	"-//O'Reilly and Associates//DTD HTML Extended Relaxed 1.0//",
	"-//SoftQuad Software//DTD HoTMetaL PRO 6.0::19990601::)extensions to HTML 4.0//",
	"-//SoftQuad//DTD HoTMetaL PRO 4.0::19971010::extensions to HTML 4.0//",
	"-//Spyglass//DTD HTML 2.0 Extended//",
	"-//SQ//DTD HTML 2.0 HoTMetaL + extensions//",
	"-//Sun Microsystems Corp.//DTD HotJava HTML//",
	"-//Sun Microsystems Corp.//DTD HotJava Strict HTML//",
	"-//W3C//DTD HTML 3 1995-03-24//",
	"-//W3C//DTD HTML 3.2 Draft//",
	"-//W3C//DTD HTML 3.2 Final//",
	"-//W3C//DTD HTML 3.2//",
	"-//W3C//DTD HTML 3.2S Draft//",
	"-//W3C//DTD HTML 4.0 Frameset//",
	"-//W3C//DTD HTML 4.0 Transitional//",
	"-//W3C//DTD HTML Experimental 19960712//",
	"-//W3C//DTD HTML Experimental 970421//",
	"-//W3C//DTD W3 HTML//",
	"-//W3O//DTD W3 HTML 3.0//",
	"-//WebTechs//DTD Mozilla HTML 2.0//",
	"-//WebTechs//DTD Mozilla HTML//",
};

/* Whether the n bytes at a are one of the strings of list (of k), in any
 * case when nocase. */
static int is_one_of(const char *a, size_t n, const char *const *list, size_t k, int nocase)
{
	for (size_t i = 0; i < k; i++)
		if (strlen(list[i]) == n &&
		    (nocase ? strncasecmp(a, list[i], n) : strncmp(a, list[i], n)) == 0)
			return 1;
	return 0;
}

/* Reads a quoted identifier at *p (before the doctype's '>' at gt): 0 when
 * there is none or it is cut short by the '>' (force quirks). */
static int doctype_id(const char *in, size_t *p, size_t gt, size_t *from, size_t *n)
{
	while (*p < gt && is_space(in[*p]))
		(*p)++;
	if (*p >= gt || (in[*p] != '"' && in[*p] != '\''))
		return 0;
	const char *q = memchr(in + *p + 1, in[*p], gt - *p - 1);
	if (q == NULL)
		return 0;
	*from = *p + 1;
	*n = (size_t)(q - in) - *from;
	*p = (size_t)(q - in) + 1;
	return 1;
}

/* Whether the doctype whose name starts at p (after "<!DOCTYPE") puts the
 * page in quirks mode; *after is set past its '>'. */
static int doctype_quirks(const struct scan *s, size_t p, size_t *after)
{
	static const char *const exact[] = {"-//W3O//DTD W3 HTML Strict 3.0//EN//",
	                                    "-/W3C/DTD HTML 4.0 Transitional/EN", "HTML"};
	static const char *const without_system[] = {"-//W3C//DTD HTML 4.01 Frameset//",
	                                             "-//W3C//DTD HTML 4.01 Transitional//"};
	const char *in = s->in;
	const char *end = memchr(in + p, '>', s->len - p);
	*after = end ? (size_t)(end - in) + 1 : s->len;
	if (end == NULL)
		return 1; /* the end of the input: force quirks */
	size_t gt = (size_t)(end - in);
	while (p < gt && is_space(in[p]))
		p++;
	size_t name = p;
	while (p < gt && !is_space(in[p]))
		p++;
	if (p - name != 4 || strncasecmp(in + name, "html", 4) != 0)
		return 1;
	while (p < gt && is_space(in[p]))
		p++;
	if (p == gt)
		return 0;
	size_t pub = 0, npub = 0, sys = 0, nsys = 0;
	int has_sys = 0;
	if (gt - p >= 6 && strncasecmp(in + p, "public", 6) == 0) {
		p += 6;
		if (!doctype_id(in, &p, gt, &pub, &npub))
			return 1;
		while (p < gt && is_space(in[p]))
			p++;
		if (p < gt) {
			if (!doctype_id(in, &p, gt, &sys, &nsys))
				return 1; /* not a system identifier, or one cut short */
			has_sys = 1;
		}
	} else if (gt - p >= 6 && strncasecmp(in + p, "system", 6) == 0) {
		p += 6;
		if (!doctype_id(in, &p, gt, &sys, &nsys))
			return 1;
		has_sys = 1;
	} else {
		return 1; /* a bogus doctype */
	}
	/* (Anything after the system identifier makes a bogus doctype, which
	 * keeps the mode.) */
	return is_one_of(in + pub, npub, quirks_public,
	                 sizeof quirks_public / sizeof quirks_public[0], 1) ||
	       is_one_of(in + pub, npub, exact, sizeof exact / sizeof exact[0], 0) ||
	       (nsys == 58 &&
	        strncmp(in + sys, "http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd", 58) ==
	            0) ||
	       (!has_sys && is_one_of(in + pub, npub, without_system, 2, 1));
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
		size_t end = read_attributes(s, q, 0, 0, NULL, &self_closing);
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
	size_t end = read_attributes(s, pos, 0, 0, NULL, &self_closing);
	if (end > s->len)
		end = s->len;
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

/* The tags by which Gumbo 0.10.1 resets its insertion mode (by tag alone),
 * but for those that leave svg and MathML content. */
static int misleads_reset(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_SELECT:
	case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_FRAMESET:
	case GUMBO_TAG_HTML:
	case GUMBO_TAG_COLGROUP:
		return 1;
	default:
		return is_table_part(t);
	}
}

/* Start tags before which Gumbo reconstructs the active formatting
 * elements (all but these; a few more here than in Gumbo only make the
 * count deeper). */
static int reconstructs(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_HTML:
	case GUMBO_TAG_HEAD:
	case GUMBO_TAG_BODY:
	case GUMBO_TAG_BASE:
	case GUMBO_TAG_LINK:
	case GUMBO_TAG_META:
	case GUMBO_TAG_TITLE:
	case GUMBO_TAG_STYLE:
	case GUMBO_TAG_SCRIPT:
	case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_BASEFONT:
	case GUMBO_TAG_BGSOUND:
	case GUMBO_TAG_MENUITEM:
	case GUMBO_TAG_ISINDEX:
	case GUMBO_TAG_RP:
	case GUMBO_TAG_RT:
	case GUMBO_TAG_FRAMESET:
	case GUMBO_TAG_FRAME:
	case GUMBO_TAG_COL:
	case GUMBO_TAG_HR:
	case GUMBO_TAG_PLAINTEXT:
	case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_NOEMBED:
	case GUMBO_TAG_NOFRAMES:
	case GUMBO_TAG_PARAM:
	case GUMBO_TAG_SOURCE:
	case GUMBO_TAG_TRACK:
		return 0;
	default:
		return !closes_p(t) && !is_table_part(t);
	}
}

/*
 * A formatting start tag t with attributes hashed to attrs: 1 when it
 * goes into the list, 0 when the list is full (it is then left out).
 * Does what Gumbo does to the list first: an a or nobr still active is
 * dropped from it (the adoption agency), and of four equal entries after
 * the last marker the earliest goes (Noah's Ark).  Unless apply is set,
 * it only says whether the tag would go in.
 */
static int formatting_start(struct scan *s, GumboTag t, uint32_t attrs, int apply)
{
	int old = t == GUMBO_TAG_A ? find_active(s, t, 0, 1) : -1;
	int first_equal = -1;
	unsigned equal = 0;
	for (unsigned k = s->nactive; k > 0 && s->active[k - 1].tag != MARKER; k--)
		if ((int)k - 1 != old && s->active[k - 1].tag == t && s->active[k - 1].attrs == attrs) {
			equal++;
			first_equal = (int)k - 1;
		}
	if (equal < 3)
		first_equal = -1;
	unsigned after = s->formatting + 1 - (old >= 0) - (first_equal >= 0);
	if (s->nactive + 2 > sizeof s->active / sizeof s->active[0] ||
	    (s->bounded && after > FORMATTING_MAX))
		return 0;
	if (!apply)
		return 1;
	if (first_equal > old) {
		active_remove(s, (unsigned)first_equal);
		first_equal = -1;
	}
	if (old >= 0)
		active_remove(s, (unsigned)old);
	if (first_equal >= 0)
		active_remove(s, (unsigned)first_equal);
	return 1;
}

/* Whether the HTML element at index k of the stack is in scope (default
 * scope: no wall above it). */
static int in_scope(const struct scan *s, unsigned k)
{
	for (unsigned i = s->depth; i > k + 1; i--)
		if (is_scope_wall(scope_tag(s, i - 1)))
			return 0;
	return 1;
}

/* Moves the entries of the stack at [k, s->depth) by one: up (by 1) or
 * down (by -1, over the entry at k - 1), with the indices that point
 * into them. */
static void stack_shift(struct scan *s, unsigned k, int by)
{
	unsigned n = s->depth - k, to = by > 0 ? k + 1 : k - 1;
	memmove(&s->stack[to], &s->stack[k], n * sizeof s->stack[0]);
	memmove(&s->ns[to], &s->ns[k], n * sizeof s->ns[0]);
	memmove(&s->inner[to], &s->inner[k], n * sizeof s->inner[0]);
	memmove(&s->tmode[to], &s->tmode[k], n * sizeof s->tmode[0]);
	memmove(&s->names[to], &s->names[k], n * sizeof s->names[0]);
	for (unsigned i = 0; i < s->nactive; i++)
		if (s->active[i].tag != MARKER && s->active[i].at > k)
			s->active[i].at = (unsigned)((int)s->active[i].at + by);
	if (s->form_at > k)
		s->form_at = (unsigned)((int)s->form_at + by);
	s->depth = (unsigned)((int)s->depth + by);
	s->foreign = s->depth ? s->inner[s->depth - 1] : 0;
}

/* Removes the element at index k from the middle of the stack (the
 * adoption agency): formatting elements in the list are closed. */
static void stack_erase(struct scan *s, unsigned k)
{
	if (!s->ns[k])
		s->open[s->stack[k]]--;
	else
		s->open_foreign[s->stack[k]]--;
	for (unsigned i = 0; i < s->nactive; i++)
		if (s->active[i].tag != MARKER && s->active[i].at == k + 1)
			s->active[i].at = 0;
	if (s->form_at == k + 1)
		s->form_at = 0;
	stack_shift(s, k + 1, -1);
}

/* Whether the element at index k is in the list of active formatting
 * elements: its index there, or -1. */
static int active_at(const struct scan *s, unsigned k)
{
	for (unsigned i = s->nactive; i > 0; i--)
		if (s->active[i - 1].tag != MARKER && s->active[i - 1].at == k + 1)
			return (int)i - 1;
	return -1;
}

/*
 * The end tag of a formatting element t: Gumbo's adoption agency
 * algorithm, on the model's stack.  Where a special element (the
 * "furthest block") is open above the formatting element, Gumbo moves it
 * up to the element's parent, with a copy of the element inside it
 * holding what it held: on the stack, the element goes, the elements
 * between them that are not formatting elements in the list go (within
 * three of the furthest block), and the copy comes right above the
 * furthest block; then it starts again from the copy (eight times at
 * most).  Without one it closes the element and all above it.  Gumbo
 * 0.10.1 first closes the current node when it is a t that is not in the
 * list, and does nothing when no t is in the list (after the last
 * marker): it never reads these end tags as "any other end tag".  1 when
 * it did something, 0 when Gumbo does nothing with the end tag.
 */
static int formatting_end(struct scan *s, GumboTag t)
{
	if (s->depth > 0 && s->stack[s->depth - 1] == t && !is_foreign_at(s, s->depth - 1) &&
	    active_at(s, s->depth - 1) < 0) {
		pop_to(s, s->depth - 1);
		return 1;
	}
	for (int outer = 0; outer < 8; outer++) {
		int k = find_active(s, t, 0, 1);
		if (k < 0)
			return outer > 0;
		unsigned at = s->active[k].at;
		if (at == 0) {
			/* closed already: Gumbo drops it from the list */
			active_remove(s, (unsigned)k);
			return 1;
		}
		if (!in_scope(s, at - 1))
			return outer > 0; /* not in scope: nothing happens */
		unsigned fb = 0;
		for (unsigned i = at; i < s->depth && !fb; i++)
			if (is_special(scope_tag(s, i)))
				fb = i + 1;
		if (!fb) {
			pop_to(s, at - 1);
			active_remove(s, (unsigned)k);
			return 1;
		}
		struct active copy = s->active[k];
		int bookmark = k, first = 1;
		unsigned node = fb - 1, f = at - 1;
		for (int j = 0; j < 3; j++) {
			if (--node == f)
				break;
			int in_list = active_at(s, node);
			if (in_list < 0) {
				stack_erase(s, node);
				fb--;
				continue;
			}
			s->clones++; /* copied in place */
			if (first) {
				bookmark = in_list + 1; /* the copy goes after it */
				first = 0;
			}
		}
		/* The element leaves the stack, its copy comes above the
		 * furthest block, and in the list at the bookmark. */
		stack_erase(s, f);
		fb--;
		if (s->depth >= STACK_MAX) {
			s->unsure = 1;
			active_remove(s, (unsigned)k);
			return 1;
		}
		unsigned below = s->tmode[fb - 1];
		stack_shift(s, fb, 1);
		s->stack[fb] = t;
		s->open[t]++;
		s->ns[fb] = 0;
		s->inner[fb] = 0;
		s->tmode[fb] = (unsigned char)below;
		s->names[fb] = 0;
		s->foreign = s->inner[s->depth - 1];
		if (k < bookmark)
			bookmark--;
		active_remove(s, (unsigned)k);
		copy.at = fb + 1;
		s->clones++; /* (a copy of a reopened element counts as one) */
		memmove(&s->active[bookmark + 1], &s->active[bookmark],
		        (s->nactive - (unsigned)bookmark) * sizeof s->active[0]);
		s->active[bookmark] = copy;
		s->nactive++;
		s->formatting++;
	}
	return 1;
}

static void start_tag(struct scan *s, size_t lt)
{
	size_t pos = lt + 1, name = pos;
	while (pos < s->len && !is_space(s->in[pos]) && s->in[pos] != '/' && s->in[pos] != '>')
		pos++;
	GumboTag t = gumbo_tagn_enum(s->in + name, (unsigned)(pos - name));
	/* The insertion mode the tag is read in, and the one it leaves a
	 * template in (see "Templates" above). */
	unsigned mode = table_mode(s), next = mode;
	if (mode == TM_TEMPLATE && !s->foreign)
		next = template_mode(t);
	/* In svg and MathML content a start tag opens an svg or MathML
	 * element (no formatting element, nothing reconstructed), unless it
	 * leaves that content for HTML. */
	int breakout = s->foreign && leaves_foreign(s, t, pos);
	unsigned implied;
	unsigned depth = implied_ends(s, t, breakout, &implied);
	/* (A table part the template cannot hold: what it closes closes.) */
	int skipped = implied == IGNORED;
	if (skipped)
		implied = 0;
	/* Outside tables (and in templates read in body mode) Gumbo ignores
	 * the tags of their parts. */
	int ignored = next == TM_BODY && !s->foreign && is_table_part(t);
	/* Forms: Gumbo keeps a pointer to the last form opened outside
	 * templates, and ignores a <form> while it is set; in a table, a
	 * section or a row the form is closed at once. */
	int form = t == GUMBO_TAG_FORM && !s->foreign, form_void = 0;
	if (form && s->form_set && s->templates == 0)
		ignored = 1;
	else if (t == GUMBO_TAG_ISINDEX && !s->foreign)
		ignored = s->form_set; /* else a form, closed at once */
	else if (form && is_table_mode(table_mode(s)) && table_part_below(s, s->depth))
		ignored = s->templates > 0, form_void = 1;
	if (ignored || form_void)
		depth = s->depth, implied = 0;
	/* (Void elements are HTML's: in svg and MathML, an <image> holds
	 * what follows.) */
	int pushes = (!is_void(t) || (s->foreign && !breakout)) && !ignored && !form_void &&
	             !skipped && !(t == GUMBO_TAG_ISINDEX && !s->foreign);
	/* Raw-text elements end at their end tag and never hold elements;
	 * in svg and MathML they are ordinary elements. */
	int raw = !s->foreign && (is_raw_text(t) || t == GUMBO_TAG_PLAINTEXT);
	/* (Without bounds nothing is left out, however deep: issue #14.) */
	int drop = pushes && !raw && s->bounded && depth + implied >= s->max_nesting;
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
	size_t end = read_attributes(s, pos, 0, 0, NULL, &self_closing);
	if (end > s->len) {
		s->pos = s->len; /* an unfinished tag: Gumbo drops it too */
		return;
	}
	s->pos = end;
	if (mode == TM_COLUMNS && !s->foreign && t != GUMBO_TAG_COL && t != GUMBO_TAG_TEMPLATE &&
	    t != GUMBO_TAG_HTML) {
		/* Ignored, raw-text tags too (their text is markup then); the
		 * tokenizer still reads its attributes. */
		read_attributes(s, pos, 1, 0, NULL, &self_closing);
		return;
	}
	/* Self-closing: foreign elements, and svg and math, are closed at
	 * once; HTML elements are not, and those that leave svg content for
	 * HTML are HTML elements. */
	int foreign_closed = self_closing && (t == GUMBO_TAG_SVG || t == GUMBO_TAG_MATH ||
	                                      (s->foreign && !breakout));
	uint32_t attrs = 0;
	int formatting = !drop && !foreign_closed && is_formatting(t) && (!s->foreign || breakout);
	if (formatting) {
		attrs = name_hash(s->in + pos, end - pos);
		if (!formatting_start(s, t, attrs, 0)) {
			/* Past the bounds, or past the room in the list: without
			 * bounds the tag stays, and the model, which no longer
			 * follows Gumbo's list, strips nothing more. */
			formatting = 0;
			if (s->bounded)
				drop = 1;
			else
				s->unsure = 1;
		}
	}
	/* svg and MathML elements named like the HTML elements by which Gumbo
	 * 0.10.1 "resets the insertion mode" (by tag, whatever the namespace:
	 * a MathML thead puts it in the table body mode, where a <table> is
	 * ignored, and the stack grew without bound) are left out with their
	 * end tags; their content stays.  No drawing or formula has them. */
	if ((s->flags & WN_PRESCAN_SAFE) && s->foreign && !breakout && !foreign_closed &&
	    misleads_reset(t))
		drop = 1;
	if (drop) {
		cut(s, lt, end);
		s->excess++;
		s->stats->tags_dropped++;
		return;
	}
	if (next != mode)
		s->tmode[s->depth - 1] = (unsigned char)next; /* the template's */
	/* (A start tag closes a cell or a caption only when a table tag
	 * comes in it: the list goes back to its marker.) */
	int clears = closes_marked(s, depth);
	pop_to(s, depth);
	if (clears)
		clear_to_marker(s);
	if (t == GUMBO_TAG_A && !s->foreign && find_active(s, t, 0, 1) >= 0) {
		/* An a while one is active: the adoption agency for it, and the
		 * a still active leaves the list and the stack. */
		formatting_end(s, t);
		int k = find_active(s, t, 0, 1);
		if (k >= 0) {
			unsigned at = s->active[k].at;
			active_remove(s, (unsigned)k);
			if (at)
				stack_erase(s, at - 1);
		}
	} else if (t == GUMBO_TAG_NOBR && !s->foreign) {
		/* A nobr in scope: the adoption agency for it. */
		reconstruct(s, lt);
		for (unsigned i = s->open[GUMBO_TAG_NOBR] ? s->depth : 0; i > 0; i--) {
			GumboTag u = scope_tag(s, i - 1);
			if (u == GUMBO_TAG_NOBR) {
				formatting_end(s, t);
				break;
			}
			if (is_scope_wall(u))
				break;
		}
	}
	if (form_void && !ignored) {
		s->form_set = 1;
		s->form_at = 0;
	}
	/* The tbody and tr Gumbo implies before a row or a cell. */
	for (unsigned i = implied; i > 0; i--)
		push(s, i == 2 || t == GUMBO_TAG_TR ? GUMBO_TAG_TBODY : GUMBO_TAG_TR, 0);
	/* A col in a table opens a column group, which Gumbo implies. */
	if (t == GUMBO_TAG_COL && !s->foreign && mode == TM_TABLE && !in_colgroup(s) &&
	    table_below(s, s->depth) == s->depth)
		push(s, GUMBO_TAG_COLGROUP, 0);
	if (reconstructs(t) && !s->foreign)
		reconstruct(s, lt);
	/* (Gumbo applies Noah's Ark once the element is in: an entry it takes
	 * out may be one reconstruct just reopened, which stays open.) */
	if (formatting)
		formatting_start(s, t, attrs, 1);
	/* Where the tag starts in the output, after what reconstruct wrote
	 * and before its attributes are cut. */
	size_t out_at = s->out->size + (lt - s->copied);
	unsigned *counter = t == GUMBO_TAG_HTML   ? &s->html_attributes
	                    : t == GUMBO_TAG_BODY ? &s->body_attributes
	                                          : NULL;
	/* Attributes of repeated html and body tags go to the one html or
	 * body element, and Gumbo looks each one up among those there: their
	 * bound is on all of them. */
	/* (Gumbo compares formatting elements by their attributes, but never
	 * two a elements: a new one closes the one still active.) */
	int unused = (s->flags & WN_PRESCAN_UNUSED_ATTRS) && !s->unsure &&
	             (!is_formatting(t) || t == GUMBO_TAG_A);
	read_attributes(s, pos, 1, unused, counter, &self_closing);
	if (foreign_closed)
		return;
	if (!s->foreign && t == GUMBO_TAG_PLAINTEXT) {
		s->pos = s->len;
		return;
	}
	if (!s->foreign && t == GUMBO_TAG_NOSCRIPT && (s->flags & WN_PRESCAN_SAFE)) {
		/* Browsers run scripts, so they read noscript as raw text and
		 * never show it; Gumbo parses it as markup, and in the head that
		 * pushes its text into the body.  Its content goes; where it
		 * cannot (the model of the parser is unsure), it is read as the
		 * markup Gumbo will parse, bounds and all. */
		size_t close = find_end_tag(s, end, "noscript", 8);
		if (strip(s, end, close)) {
			note_embed(s, out_at, end, close);
			s->pos = close;
		}
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
	} else if (!s->foreign && t == GUMBO_TAG_SVG && (s->flags & WN_PRESCAN_STRIP)) {
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
	int in_foreign = s->foreign != 0;
	int pushed = push(s, t, name_hash(s->in + name, pos - name));
	if (pushed && t == GUMBO_TAG_ANNOTATION_XML && s->foreign == GUMBO_TAG_MATH &&
	    holds_html(s, pos))
		s->inner[s->depth - 1] = 0, s->foreign = 0; /* HTML in it */
	if (formatting && pushed) {
		struct active e = {t, attrs, s->depth};
		s->active[s->nactive++] = e;
		s->formatting++;
	}
	if (!in_foreign && is_marker_scope(t) && pushed && !push_marker(s))
		s->unsure = 1; /* no room for the marker (without bounds) */
	if (!in_foreign && t == GUMBO_TAG_FORM && pushed && s->templates == 0) {
		s->form_set = 1;
		s->form_at = s->depth;
	}
}

/* Whether the svg or MathML element u, open above the element an end tag
 * of t would close, stops the search for it: the integration points are
 * walls of every scope but table scope, and special (Gumbo 0.10.1 leaves
 * svg's title out of its special elements). */
static int foreign_stops_end_tag(GumboTag t, GumboTag u)
{
	if (!is_integration_point(u) || t == GUMBO_TAG_TEMPLATE)
		return 0;
	if (t == GUMBO_TAG_TABLE || is_table_part(t) || t == GUMBO_TAG_APPLET ||
	    t == GUMBO_TAG_MARQUEE || t == GUMBO_TAG_OBJECT)
		return 0;
	return has_scope_rule(t) || t == GUMBO_TAG_LI || t == GUMBO_TAG_P || u != GUMBO_TAG_TITLE;
}


/*
 * </form>.  Outside templates Gumbo clears its form element pointer and,
 * when the form it named is open and in scope, closes the implied end
 * tags above it and removes the form alone from its stack: what is open
 * above it stays open, inside it (REMOVED).  With a template open, the
 * form in scope is closed when only implied end tags are open above it.
 */
static void form_end(struct scan *s)
{
	if (s->templates > 0) {
		for (unsigned i = s->depth; i > 0; i--) {
			if (s->stack[i - 1] == GUMBO_TAG_FORM && !is_foreign_at(s, i - 1) &&
			    in_scope(s, i - 1)) {
				pop_to(s, implied_end_tags(s, s->depth));
				if (s->depth == i)
					pop_to(s, i - 1);
				return;
			}
		}
		return;
	}
	unsigned at = s->form_at;
	s->form_set = 0;
	s->form_at = 0;
	if (at == 0 || !in_scope(s, at - 1))
		return;
	pop_to(s, implied_end_tags(s, s->depth));
	if (s->depth == at) {
		pop_to(s, at - 1);
	} else {
		s->open[GUMBO_TAG_FORM]--;
		s->stack[at - 1] = REMOVED;
		s->open[REMOVED]++;
	}
}

static void end_tag(struct scan *s, size_t lt)
{
	size_t pos = lt + 2, name = pos;
	while (pos < s->len && !is_space(s->in[pos]) && s->in[pos] != '/' && s->in[pos] != '>')
		pos++;
	GumboTag t = gumbo_tagn_enum(s->in + name, (unsigned)(pos - name));
	int self_closing;
	size_t end = read_attributes(s, pos, 0, 0, NULL, &self_closing);
	if (end > s->len) {
		s->pos = s->len; /* an unfinished tag: Gumbo drops it too */
		return;
	}
	s->pos = end;
	if (t == GUMBO_TAG_BR) {
		/* </br> is read as <br> */
		reconstruct(s, lt);
		return;
	}
	/* Where the current node is an svg or MathML element, Gumbo closes
	 * the nearest one of the same name (by name, in any case) above the
	 * first HTML element; without one, it reads the end tag by the HTML
	 * rules, which close HTML elements only. */
	uint32_t h = name_hash(s->in + name, pos - name);
	for (unsigned i = s->depth; s->open_foreign[t] > 0 && i > 0 && is_foreign_at(s, i - 1); i--)
		if (s->stack[i - 1] == t && (t != GUMBO_TAG_UNKNOWN || s->names[i - 1] == h)) {
			pop_to(s, i - 1);
			return;
		}
	/* In a column group an end tag but </colgroup> and </col> closes it
	 * first. */
	if (in_colgroup(s) && t != GUMBO_TAG_COLGROUP && t != GUMBO_TAG_COL)
		pop_to(s, s->depth - 1);
	/* (An end tag that does nothing may go, as one for a start tag left
	 * out: below.) */
	int nothing = is_formatting(t) && !formatting_end(s, t);
	if (is_formatting(t) && !nothing)
		return;
	if (t == GUMBO_TAG_FORM) {
		/* (Never cut: it clears the form element pointer.) */
		form_end(s);
		return;
	}
	/* Gumbo 0.10.1 tells HTML elements apart by tag only: the end tag of
	 * an unknown element closes the nearest unknown element, whatever its
	 * name.  (No search when no element of the tag is open.) */
	unsigned could = nothing ? 0 : s->open[t];
	if (is_heading(t))
		for (GumboTag h = GUMBO_TAG_H1; h <= GUMBO_TAG_H6; h++)
			could += s->open[h];
	for (unsigned i = could ? s->depth : 0; i > 0; i--) {
		GumboTag u = s->stack[i - 1];
		if (is_foreign_at(s, i - 1)) {
			if (foreign_stops_end_tag(t, scope_tag(s, i - 1)))
				break;
			continue;
		}
		if (u == t || (is_heading(t) && is_heading(u))) {
			/* The list goes back to the last marker once when a cell, a
			 * caption, a template, an applet, a marquee or an object
			 * closes. */
			int clears = closes_marked(s, i - 1) || t == GUMBO_TAG_APPLET ||
			             t == GUMBO_TAG_MARQUEE || t == GUMBO_TAG_OBJECT;
			pop_to(s, i - 1);
			if (clears)
				clear_to_marker(s);
			return;
		}
		if (stops_end_tag(t, scope_tag(s, i - 1)))
			break;
	}
	/* It closes one of the elements left out (raw-text elements never
	 * are: their end tag ends their text). */
	if (s->excess > 0 && !is_raw_text(t)) {
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

/* The text from s->pos to the '<' at lt, when it follows a tag (or a
 * comment) and is white space only, outside pre and listing (whose text
 * the walker keeps as it is) and foreign content: left as one character,
 * its first newline if it has one.  Gumbo gives white space the same
 * treatment whatever its length, in every insertion mode. */
static void collapse_space(struct scan *s, size_t lt)
{
	size_t from = s->pos;
	if (s->unsure || s->foreign || from == 0 || s->in[from - 1] != '>' ||
	    s->open[GUMBO_TAG_PRE] || s->open[GUMBO_TAG_LISTING] || !is_blank(s->in + from, lt - from))
		return;
	const char *nl = memchr(s->in + from, '\n', lt - from);
	size_t keep = nl ? (size_t)(nl - s->in) : from;
	cut(s, from, keep);
	cut(s, keep + 1, lt);
	s->stats->space_collapsed += lt - from - 1;
}

wn_status wn_prescan(const char *in, size_t len, unsigned max_nesting,
                     unsigned max_attributes, unsigned flags, struct wn_buf *out,
                     struct wn_prescan_stats *stats, struct wn_buf *embeds)
{
	struct scan scan; /* 94 KiB: the model's stack and list of open elements */
	struct scan *sp = &scan;
	memset(sp, 0, sizeof *sp);
	memset(stats, 0, sizeof *stats);
	sp->in = in;
	sp->len = len;
	sp->max_nesting = max_nesting ? max_nesting : STACK_MAX;
	if (sp->max_nesting > STACK_MAX)
		sp->max_nesting = STACK_MAX;
	sp->max_attributes = max_attributes ? max_attributes : (unsigned)-1;
	sp->bounded = max_nesting != 0;
	sp->initial = 1;
	sp->quirks = 1; /* until a doctype says otherwise */
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
		/* Text: past the initial mode, out of a column group (but white
		 * space), and the formatting elements reopened before it. */
		if (at > sp->pos && (sp->initial || in_colgroup(sp)) && !is_blank(in + sp->pos, at - sp->pos)) {
			sp->initial = 0;
			if (in_colgroup(sp))
				pop_to(sp, sp->depth - 1);
		}
		if (at > sp->pos && !sp->foreign)
			reconstruct(sp, sp->pos); /* before text (in HTML content) */
		if (flags & WN_PRESCAN_SAFE)
			fix_char_refs(sp, sp->pos, at);
		if (lt == NULL)
			break;
		if ((flags & WN_PRESCAN_COLLAPSE_SPACE) && at - sp->pos >= 2)
			collapse_space(sp, at);
		sp->pos = at + 1;
		if (at + 1 >= len)
			break;
		char c = in[at + 1];
		if (is_alpha(c) || (c == '/' && at + 2 < len && is_alpha(in[at + 2])) ||
		    (c != '/' && c != '!' && c != '?'))
			sp->initial = 0; /* a tag, or a '<' of text */
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
			} else if (sp->initial && len - at >= 9 && strncasecmp(lt + 2, "doctype", 7) == 0) {
				sp->quirks = doctype_quirks(sp, at + 9, &sp->pos);
				sp->initial = 0;
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
