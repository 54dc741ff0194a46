/*
 * prescan.h - a linear pass over the HTML before Gumbo parses it, which
 * bounds the nesting depth and the attributes per tag that reach Gumbo
 * (see prescan.c for why).
 */
#ifndef WN_PRESCAN_H
#define WN_PRESCAN_H

#include <stddef.h>

#include "buf.h"
#include "winnow.h"

/* What the prescan does besides bounding nesting and attributes. */
enum {
	/* Leave out the content of elements whose text is never used (script,
	 * style, xmp, iframe, noembed, noframes, comments, svg drawings):
	 * Gumbo then parses far less, and builds the same tree less that
	 * content (tests/treecmp.c checks). */
	WN_PRESCAN_STRIP = 1u << 0,
	/* Keep Gumbo off its known aborts and overflows (select elements,
	 * CDATA sections, character references past U+10FFFF), and read
	 * noscript as browsers that run scripts do: as nothing.  These change
	 * the tree on purpose. */
	WN_PRESCAN_SAFE = 1u << 1,
	/* Leave out the attributes no stage of winnow reads and Gumbo's tree
	 * builder never looks at (wn_prescan_attribute_unused: data-* but
	 * data-src, srcset, event handlers, aria-* but aria-hidden ...), a
	 * seventh of a page's bytes once scripts are out, which Gumbo would
	 * read a character at a time.  Not on formatting elements, whose
	 * attributes Gumbo compares (the Noah's Ark clause), so the tree is
	 * the same less those attributes (tests/treecmp.c checks). */
	WN_PRESCAN_UNUSED_ATTRS = 1u << 2,
	/* White space between two tags, outside pre and listing, becomes one
	 * character (a newline when it holds one): Gumbo reads white space a
	 * token a character, and pages indent their markup (a tenth of their
	 * bytes once scripts are out); the walker collapses white space
	 * outside pre anyway.  Text nodes differ only in runs of white space
	 * (tests/treecmp.c checks). */
	WN_PRESCAN_COLLAPSE_SPACE = 1u << 3
};

/* Whether the attribute named by the n bytes at name (any case) is one
 * that WN_PRESCAN_UNUSED_ATTRS leaves out. */
int wn_prescan_attribute_unused(const char *name, size_t n);

/*
 * Bounds on Gumbo's list of active formatting elements when max_nesting
 * is given (prescan.c, "Formatting elements"): at most this many
 * formatting elements left open are let through, and Gumbo reopens at
 * most WN_PRESCAN_CLONE_BUDGET(n) of them in the first n bytes of a page.
 */
#define WN_PRESCAN_FORMATTING_MAX 32
#define WN_PRESCAN_CLONE_BUDGET(n) (8 * (size_t)WN_PRESCAN_FORMATTING_MAX + (n) / 32)

struct wn_prescan_stats {
	int rewritten;               /* out holds the page to parse */
	unsigned tags_dropped;       /* start tags past max_nesting */
	unsigned attributes_dropped; /* attributes past max_attributes (in one
	                              * tag, or on all html / body tags) */
	unsigned attributes_unused;  /* left out by WN_PRESCAN_UNUSED_ATTRS */
	unsigned formatting_closed;  /* end tags written for formatting
	                              * elements Gumbo would have reopened
	                              * past the bounds (prescan.c) */
	unsigned references_fixed;   /* &#...; past U+10FFFF, now U+FFFD */
	size_t bytes_stripped;       /* content left out (WN_PRESCAN_STRIP) */
	size_t space_collapsed;      /* white space left out
	                              * (WN_PRESCAN_COLLAPSE_SPACE) */
	unsigned max_depth;          /* deepest nesting seen (up to the bound) */
};

/*
 * An element whose content the prescan left out although it may hold the
 * page's text as HTML: a noscript (WN_PRESCAN_SAFE), or a script whose
 * attributes may give an HTML type such as text/template
 * (WN_PRESCAN_STRIP).  The walker finds the element in Gumbo's tree by
 * where its start tag begins (dom.c, read_embed).
 */
struct wn_embed {
	size_t at;       /* offset of the start tag's '<' in the page to parse
	                  * (out when rewritten, else in) */
	size_t from, to; /* the content left out, as offsets into in */
};

/*
 * Scans in (len bytes of UTF-8).  When a bound is crossed, out receives
 * the page without the tags and attributes past the bounds and
 * stats->rewritten is set; otherwise out is left empty and the page is to
 * be parsed as it is.  0 for a bound means none.  When embeds is not
 * NULL it receives an array of struct wn_embed, in page order.  Returns
 * WN_ERR_NOMEM when out or embeds could not grow.
 */
wn_status wn_prescan(const char *in, size_t len, unsigned max_nesting,
                     unsigned max_attributes, unsigned flags, struct wn_buf *out,
                     struct wn_prescan_stats *stats, struct wn_buf *embeds);

#endif
