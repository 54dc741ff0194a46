/*
 * dom.c - the HTML stage: Gumbo tree to a list of blocks.
 *
 * Gumbo allocates from the page's pool (pool.h), so its tree is freed with
 * the pool and Gumbo's recursive teardown is never called.  When the pool's
 * cap is reached the allocator cannot return NULL (Gumbo does not check
 * malloc), so it longjmps back here; everything Gumbo had taken is pool
 * memory, so nothing leaks.
 *
 * The walk is iterative, with an explicit stack of (node, next child):
 * pages nest hundreds of thousands deep.  Text accumulates into the
 * current block until a block-level tag opens or closes; inline tags never
 * split a block and add no space, block tags always separate, so words are
 * never glued together nor split.
 */
#include <ctype.h>
#include <gumbo.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "page.h"
#include "prescan.h"
#include "rules.h"
#include "url.h"

/* What the prescan leaves out and keeps Gumbo from (prescan.h): the same
 * for the page and for the HTML embedded in it. */
#define PRESCAN_FLAGS                                                                   \
	(WN_PRESCAN_STRIP | WN_PRESCAN_SAFE | WN_PRESCAN_UNUSED_ATTRS |                  \
	 WN_PRESCAN_COLLAPSE_SPACE)

struct gumbo_ctx {
	struct wn_pool *pool;
	struct wn_page *pg;
	GumboNode *last;   /* the last block of a node's size (trim_text) */
	int stopped;       /* over the page's work budget or time */
	int guarded;       /* inside guard_enter .. guard_leave */
	jmp_buf oom;       /* out of memory, of work budget or of time */
};

/*
 * Debian's Gumbo is built with assert() on, and some malformed pages reach
 * an assertion (the prescan removes the known triggers).  As a last line
 * of defence, a SIGABRT raised while this thread parses jumps back to
 * run_gumbo, which fails that page.  Gumbo's memory is all in the pool,
 * so nothing leaks.  The handler is there only while some thread parses:
 * the first parse to start installs it, when the program has no handler
 * of its own (its disposition is SIG_DFL), and the last to end puts the
 * program's disposition back, unless the program changed it meanwhile.
 * A SIGABRT outside a parse, or in a thread that is not parsing, gets
 * the default action.  The option abort_guard 0 leaves the signal alone.
 */
static _Thread_local sigjmp_buf *abort_target;
static pthread_mutex_t guard_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned guard_parses;          /* parses inside the guard */
static int guard_installed;            /* on_abort is the handler */
static struct sigaction guard_saved;   /* the program's, to put back */

static void on_abort(int sig)
{
	if (abort_target)
		siglongjmp(*abort_target, 1);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void guard_enter(void)
{
	pthread_mutex_lock(&guard_lock);
	struct sigaction old;
	if (guard_parses++ == 0 && sigaction(SIGABRT, NULL, &old) == 0 &&
	    old.sa_handler == SIG_DFL && !(old.sa_flags & SA_SIGINFO)) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_abort;
		sigemptyset(&sa.sa_mask);
		guard_installed = sigaction(SIGABRT, &sa, NULL) == 0;
		guard_saved = old;
	}
	pthread_mutex_unlock(&guard_lock);
}

static void guard_leave(void)
{
	pthread_mutex_lock(&guard_lock);
	struct sigaction now;
	if (--guard_parses == 0 && guard_installed) {
		if (sigaction(SIGABRT, NULL, &now) == 0 && now.sa_handler == on_abort)
			sigaction(SIGABRT, &guard_saved, NULL);
		guard_installed = 0;
	}
	pthread_mutex_unlock(&guard_lock);
}

/* Gumbo cannot be stopped, but it allocates all the time: each
 * allocation charges the page's work budget (budget.c), and a page over
 * its budget or past its deadline leaves the parse the way it does when
 * memory runs out.  An allocation costs ALLOC_UNITS, plus a unit for
 * every ALLOC_BYTES_PER_UNIT bytes: the parser's work between two
 * allocations is about that of scanning a tag. */
#define ALLOC_UNITS 32
#define ALLOC_BYTES_PER_UNIT 8

/*
 * Gumbo gives every node a whole GumboNode (128 bytes), of which a text
 * node uses 72: the fields before the union and a GumboText.  Half of a
 * page's nodes are text, so the pool shortens each text node to what it
 * uses (wn_pool_trim), which it can do while nothing follows it in its
 * slab: at the next allocation.  By then Gumbo has filled in the node
 * (create_node sets type, parent and index before it returns, and the
 * next allocation is the node's text), so a block of a node's size is a
 * text node still outside the tree when it reads as one: a text type, no
 * parent, index -1.  Any other block of that size has its type set to an
 * invalid value when it is handed out, so that stale bytes from a freed
 * node never read as one.
 */
static void trim_text(struct gumbo_ctx *ctx)
{
	GumboNode *n = ctx->last;
	ctx->last = NULL;
	if ((n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
	     n->type == GUMBO_NODE_CDATA) &&
	    n->parent == NULL && n->index_within_parent == (size_t)-1)
		wn_pool_trim(ctx->pool, n, offsetof(GumboNode, v) + sizeof(GumboText));
}

static void *gumbo_alloc(void *userdata, size_t size)
{
	struct gumbo_ctx *ctx = userdata;
	if (wn_page_charge(ctx->pg, ALLOC_UNITS + size / ALLOC_BYTES_PER_UNIT) != WN_OK) {
		ctx->stopped = 1;
		longjmp(ctx->oom, 1);
	}
	if (ctx->last)
		trim_text(ctx);
	void *p = wn_pool_alloc_tree(ctx->pool, size);
	if (p == NULL)
		longjmp(ctx->oom, 1);
	if (size == sizeof(GumboNode)) {
		memset(p, 0xff, sizeof(GumboNodeType));
		ctx->last = p;
	}
	return p;
}

static void gumbo_free(void *userdata, void *ptr)
{
	struct gumbo_ctx *ctx = userdata;
	if (ptr == ctx->last)
		ctx->last = NULL;
	wn_pool_release(ctx->pool, ptr);
}

/*
 * Runs Gumbo on text (len bytes) with the page's pool, memory cap and
 * clock: the page itself, and each embed the walk reads (read_embed).
 * WN_OK with *out set, else a status with its reason in err:
 * WN_ERR_TIME, WN_ERR_TOO_LARGE at the memory cap, WN_ERR_NOMEM below
 * it, WN_ERR_PARSE when Gumbo failed or aborted.
 */
static wn_status run_gumbo(struct wn_page *pg, const char *text, size_t len,
                           const struct wn_options *opts, GumboOutput **out,
                           char *err, size_t errlen)
{
	/* In the pool, not on the stack: it changes between setjmp and
	 * longjmp, which C only allows for objects that are not locals. */
	struct gumbo_ctx *ctx = wn_pool_alloc(pg->pool, sizeof *ctx);
	if (ctx == NULL) {
		snprintf(err, errlen, "out of memory");
		return WN_ERR_NOMEM;
	}
	memset(ctx, 0, sizeof *ctx);
	ctx->pool = pg->pool;
	ctx->pg = pg;
	GumboOptions go = kGumboDefaultOptions;
	go.allocator = gumbo_alloc;
	go.deallocator = gumbo_free;
	go.userdata = ctx;
	go.max_errors = 0;

	GumboOutput *volatile res = NULL;
	if (setjmp(ctx->oom) != 0) {
		abort_target = NULL;
		if (ctx->guarded)
			guard_leave();
		if (ctx->stopped) {
			wn_page_stop_reason(pg, opts, err, errlen);
			return pg->stopped;
		}
		if (!wn_pool_capped(pg->pool)) {
			snprintf(err, errlen, "out of memory while parsing");
			return WN_ERR_NOMEM;
		}
		wn_page_memory_reason(opts, err, errlen);
		return WN_ERR_TOO_LARGE;
	}
	sigjmp_buf on_assert;
	if (sigsetjmp(on_assert, 1) != 0) {
		abort_target = NULL;
		guard_leave();
		snprintf(err, errlen, "the HTML parser failed an internal check on this page");
		return WN_ERR_PARSE;
	}
	if (opts->abort_guard) {
		guard_enter();
		ctx->guarded = 1;
		abort_target = &on_assert;
	}
	res = gumbo_parse_with_options(&go, text, len);
	abort_target = NULL;
	if (ctx->last)
		trim_text(ctx);
	if (ctx->guarded)
		guard_leave();
	if (res == NULL || res->root == NULL) {
		snprintf(err, errlen, "the HTML parser failed");
		return WN_ERR_PARSE;
	}
	*out = res;
	return WN_OK;
}

/* What a tag does to the block structure. */
enum role {
	INLINE = 0, /* text flows through */
	SKIP,       /* never rendered as article text: skip the subtree */
	BLOCK,      /* a block boundary: its own text is a block */
	BREAK       /* br */
};

static enum role tag_role(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_SCRIPT:
	case GUMBO_TAG_STYLE:
	case GUMBO_TAG_NOSCRIPT: /* Gumbo parses with scripting off */
	case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_HEAD:
	case GUMBO_TAG_TITLE:
	case GUMBO_TAG_SVG:
	case GUMBO_TAG_MATH:
	case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_OBJECT:
	case GUMBO_TAG_EMBED:
	case GUMBO_TAG_APPLET:
	case GUMBO_TAG_CANVAS:
	case GUMBO_TAG_AUDIO:
	case GUMBO_TAG_VIDEO:
	case GUMBO_TAG_MAP:
	case GUMBO_TAG_SELECT:
	case GUMBO_TAG_OPTION:
	case GUMBO_TAG_OPTGROUP:
	case GUMBO_TAG_DATALIST:
	case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_BUTTON:
	case GUMBO_TAG_INPUT:
	case GUMBO_TAG_FRAMESET:
	case GUMBO_TAG_NOFRAMES:
	case GUMBO_TAG_NOEMBED:
	/* Ruby annotations: the reading shown above the base text (rt, rtc)
	 * and the parentheses around it for browsers without ruby (rp).
	 * Inlined they would repeat each word: "漢字(かんじ)". */
	case GUMBO_TAG_RT:
	case GUMBO_TAG_RTC:
	case GUMBO_TAG_RP:
		return SKIP;
	case GUMBO_TAG_BR:
		return BREAK;
	case GUMBO_TAG_P:
	case GUMBO_TAG_H1:
	case GUMBO_TAG_H2:
	case GUMBO_TAG_H3:
	case GUMBO_TAG_H4:
	case GUMBO_TAG_H5:
	case GUMBO_TAG_H6:
	case GUMBO_TAG_LI:
	case GUMBO_TAG_BLOCKQUOTE:
	case GUMBO_TAG_PRE:
	case GUMBO_TAG_TD:
	case GUMBO_TAG_TH:
	case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_FIGCAPTION:
	case GUMBO_TAG_DT:
	case GUMBO_TAG_DD:
	case GUMBO_TAG_DIV:
	case GUMBO_TAG_SECTION:
	case GUMBO_TAG_ARTICLE:
	case GUMBO_TAG_MAIN:
	case GUMBO_TAG_HEADER:
	case GUMBO_TAG_FOOTER:
	case GUMBO_TAG_NAV:
	case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_BODY:
	case GUMBO_TAG_HTML:
	case GUMBO_TAG_FORM:
	case GUMBO_TAG_FIELDSET:
	case GUMBO_TAG_LEGEND:
	case GUMBO_TAG_TABLE:
	case GUMBO_TAG_THEAD:
	case GUMBO_TAG_TBODY:
	case GUMBO_TAG_TFOOT:
	case GUMBO_TAG_TR:
	case GUMBO_TAG_UL:
	case GUMBO_TAG_OL:
	case GUMBO_TAG_DL:
	case GUMBO_TAG_MENU:
	case GUMBO_TAG_DIR:
	case GUMBO_TAG_FIGURE:
	case GUMBO_TAG_ADDRESS:
	case GUMBO_TAG_CENTER:
	case GUMBO_TAG_HR:
	case GUMBO_TAG_DETAILS:
	case GUMBO_TAG_SUMMARY:
	case GUMBO_TAG_HGROUP:
	case GUMBO_TAG_LISTING:
	case GUMBO_TAG_XMP:
	case GUMBO_TAG_PLAINTEXT:
		return BLOCK;
	default:
		return INLINE;
	}
}

/* The block kind a block tag gives its own text. */
static wn_block_kind tag_kind(GumboTag tag, unsigned *level)
{
	*level = 0;
	switch (tag) {
	case GUMBO_TAG_P:
		return WN_BLOCK_PARAGRAPH;
	case GUMBO_TAG_H1:
	case GUMBO_TAG_H2:
	case GUMBO_TAG_H3:
	case GUMBO_TAG_H4:
	case GUMBO_TAG_H5:
	case GUMBO_TAG_H6:
		*level = (unsigned)(tag - GUMBO_TAG_H1) + 1;
		return WN_BLOCK_HEADING;
	case GUMBO_TAG_LI:
		return WN_BLOCK_LIST_ITEM;
	case GUMBO_TAG_BLOCKQUOTE:
		return WN_BLOCK_QUOTE;
	case GUMBO_TAG_PRE:
	case GUMBO_TAG_LISTING:
	case GUMBO_TAG_XMP:
	case GUMBO_TAG_PLAINTEXT:
		return WN_BLOCK_PRE;
	case GUMBO_TAG_TD:
	case GUMBO_TAG_TH:
		return WN_BLOCK_CELL;
	case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_FIGCAPTION:
		return WN_BLOCK_CAPTION;
	case GUMBO_TAG_DT:
	case GUMBO_TAG_DD:
		return WN_BLOCK_TERM;
	default:
		return WN_BLOCK_TEXT;
	}
}

/* One open element on the walk's stack, with what to restore on leaving. */
struct frame {
	const GumboNode *node;
	unsigned next;           /* next child to visit */
	int elem;                /* index in pg->elems, or -1 past max_depth */
	unsigned char role;      /* enum role */
	unsigned char is_link, is_pre, is_quote, is_list, is_article, is_article_tag;
	unsigned char flat_block; /* a block tag past max_depth, read inline */
	unsigned char md_mark;   /* pushed an inline mark (struct mark) */
	unsigned char is_code, is_table, is_row, is_cell, is_olist, is_item;
	unsigned char is_embed;  /* the root of an embed's tree (read_embed) */
	wn_block_kind saved_kind;
	unsigned saved_level;
	int saved_block_elem;
	unsigned saved_block_depth;
	int saved_table, saved_row; /* is_table, is_row, is_cell */
	unsigned saved_col, saved_count, saved_ordinal;
	unsigned links_before;   /* is_article_tag: w->links_seen on entering */
	unsigned char nested_related; /* RELATED only for being nested */
	unsigned char saved_ordered, saved_head;
};

/* Markdown: an inline element open around the text being read (em,
 * strong, code, a).  Its opening marker is written before its first word,
 * so that "<em> word</em>" gives "*word*", and none when it holds no
 * text; a block boundary closes the marks and the next word reopens them. */
enum mark_kind { MARK_EM = 1, MARK_STRONG, MARK_CODE, MARK_LINK };

struct mark {
	unsigned char kind;   /* enum mark_kind */
	unsigned char opened; /* its opening marker is in the block's Markdown */
	const char *href;     /* MARK_LINK: the link's target, as written */
};

#define MAX_MARKS 32

/* A tree being walked and the text it was parsed from: the page, or an
 * embed (read_embed). */
struct source {
	const char *text;               /* what Gumbo parsed: node offsets */
	const char *input;              /* what the prescan read: embeds' from, to */
	const struct wn_embed *embeds;  /* content the prescan left out, by at */
	size_t nembeds;
	unsigned id;                    /* 0: the page itself */
	void *owned[2];                 /* pool blocks to release with it */
};

/* A block's text, remembered to read embedded copies once (seen_repeat). */
struct seen {
	uint64_t key;    /* wn_text_key, never 0; 0 marks an empty slot */
	unsigned origin; /* the source's id */
};

struct walk {
	struct wn_page *pg;
	const struct wn_options *opts;
	const wn_rules *rules;   /* for class and id words */
	struct frame *stack;
	size_t depth, cap;
	struct wn_buf raw;       /* text of the block being collected */
	unsigned link_chars;     /* code points of raw inside links */
	unsigned in_link, in_pre, in_quote, list_depth, in_article;
	unsigned article_tags;   /* open <article> elements */
	unsigned links_seen;     /* <a href> elements entered so far */
	wn_block_kind kind;      /* kind of the block being collected */
	unsigned level;
	int block_elem;          /* element the collected block belongs to */
	unsigned block_depth;    /* ... and its depth (0 when none) */
	int space;               /* a space is due before the next text */
	int starts_linked;       /* the block's first word is in a link */
	int last_linked;         /* the last word appended was in a link */
	int newlines;            /* br seen since the last text */
	int failed;
	int stopped;             /* over the page's work budget or time */
	/* Markdown (options.markdown has WN_MD_ON) */
	unsigned md_flags;
	struct wn_buf md;        /* Markdown of the block being collected */
	struct wn_buf url;       /* scratch for resolving a link */
	int md_carry;            /* md holds images from before the block */
	const char *md_base;     /* base for relative links and images */
	struct mark marks[MAX_MARKS];
	unsigned nmarks, in_code;
	/* where the collected block sits: data tables and ordered lists */
	int table, row;          /* innermost table and tr elements, -1 outside */
	unsigned col, cell_count; /* column of the current cell; cells in the row */
	unsigned char cell_head, ordered;
	unsigned ordinal, item_count;
	/* embedded HTML (read_embed) */
	struct source *srcs;     /* the page, then each embed being walked */
	size_t nsrcs, srcs_cap;
	int embeds_on;           /* the page keeps its text in embeds */
	unsigned embeds_read;    /* embeds read so far; their ids are 1, 2 ... */
	size_t embed_budget;     /* bytes of embedded HTML still to parse */
	struct seen *seen;       /* texts of the blocks read, once an embed is */
	size_t seen_n, seen_cap;
	/* the copies of class names and path labels made so far, by hash:
	 * elements with the same class share one */
	const char *copies[256];
	struct wn_hint_memo *memo; /* class and id hints so far; NULL: none */
};

static const GumboVector *children_of(const GumboNode *n)
{
	if (n->type == GUMBO_NODE_DOCUMENT)
		return &n->v.document.children;
	return &n->v.element.children;
}

static int push_frame(struct walk *w, const GumboNode *node)
{
	if (w->depth == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 256;
		struct frame *s = realloc(w->stack, cap * sizeof *s);
		if (s == NULL)
			return -1;
		w->stack = s;
		w->cap = cap;
	}
	struct frame *f = &w->stack[w->depth++];
	memset(f, 0, sizeof *f);
	f->node = node;
	f->elem = -1;
	return 0;
}

/* A copy of s (n bytes) in the page's pool, shared with the last copy of
 * the same bytes that hashed alike; NULL when out of memory. */
static const char *copy_shared(struct walk *w, const char *s, size_t n)
{
	uint32_t h = wn_bytes_hash(s, n);
	const char **slot = &w->copies[(h ^ (h >> 8) ^ (h >> 16)) & 255];
	if (*slot && strncmp(*slot, s, n) == 0 && (*slot)[n] == '\0')
		return *slot;
	char *c = wn_pool_strndup(w->pg->pool, s, n);
	if (c)
		*slot = c;
	return c;
}

/* Appends "." or "#" (sep) and the first word of value, at most 32 bytes
 * of it, to b: an element's label in a path. */
static void put_label(struct wn_buf *b, char sep, const char *value)
{
	size_t len = strcspn(value, " \t\n\r\f");
	wn_buf_putc(b, sep);
	wn_buf_put(b, value, len > 32 ? 32 : len);
}

/* Labels by element, for bsearch: they are added in the elements' order. */
static int label_cmp(const void *a, const void *b)
{
	int x = ((const struct wn_label *)a)->elem, y = ((const struct wn_label *)b)->elem;
	return (x > y) - (x < y);
}

void wn_elem_label(const struct wn_page *pg, int e, struct wn_buf *b)
{
	const char *cls = pg->elems[e].cls;
	if (cls && *cls) {
		put_label(b, '.', cls);
		return;
	}
	struct wn_label key = {e, NULL};
	const struct wn_label *l = pg->nlabels ? bsearch(&key, pg->labels, pg->nlabels,
	                                                 sizeof key, label_cmp)
	                                       : NULL;
	if (l)
		wn_buf_puts(b, l->text);
}

/* Records element e's label when its class (cls, the copy kept, NULL for
 * none) does not give it: from the class or the id of node.  -1 when out
 * of memory. */
static int add_label(struct walk *w, int e, const char *cls, const GumboNode *node)
{
	struct wn_page *pg = w->pg;
	if (cls && *cls)
		return 0;
	const GumboVector *attrs = &node->v.element.attributes;
	const GumboAttribute *a = gumbo_get_attribute(attrs, "class");
	char sep = '.';
	if (a == NULL || !*a->value) {
		a = gumbo_get_attribute(attrs, "id");
		sep = '#';
	}
	if (a == NULL || !*a->value)
		return 0;
	char buf[34];
	size_t len = strcspn(a->value, " \t\n\r\f");
	if (len > 32)
		len = 32;
	buf[0] = sep;
	memcpy(buf + 1, a->value, len);
	const char *text = copy_shared(w, buf, len + 1);
	if (text == NULL)
		return -1;
	struct wn_label *l = wn_room(pg->pool, pg->labels, pg->nlabels, &pg->labels_cap, sizeof *l);
	if (l == NULL)
		return -1;
	pg->labels = l;
	pg->labels[pg->nlabels].elem = e;
	pg->labels[pg->nlabels++].text = text;
	return 0;
}

/* Records the element node (tag) with cls, the copy of its class that
 * the elements keep (NULL: none); -1 when out of memory. */
static int add_elem(struct walk *w, int parent, unsigned hints, unsigned tag,
                    const GumboNode *node, const char *cls)
{
	struct wn_page *pg = w->pg;
	struct wn_elem *all = wn_room(pg->pool, pg->elems, pg->nelems, &pg->elems_cap, sizeof *all);
	if (all == NULL)
		return -1;
	pg->elems = all;
	if (add_label(w, (int)pg->nelems, cls, node) != 0)
		return -1;
	struct wn_elem *e = &pg->elems[pg->nelems];
	memset(e, 0, sizeof *e);
	e->parent = parent;
	e->hints = hints;
	e->tag = (unsigned short)tag;
	e->cls = cls;
	return (int)pg->nelems++;
}

/* ---- Giving the tree back ------------------------------------------------ */

/*
 * The walk visits each node once, in document order, and nothing after it
 * reads a node it has left: the elements' records keep copies of what the
 * later stages need (class, path label), and the metadata copies its
 * values.  So the walk releases each text node once read, each element
 * once left and each subtree it skips, and the pool gives the slabs they
 * emptied back: the blocks built from the first half of a page can use
 * the memory of its first half's nodes, and the parse tree and the blocks
 * are never both whole.  Gumbo frees what destroy_node would (its own
 * teardown, never called: see pool.h).
 *
 * The one node read later is the element that gave the author by its
 * class (meta.c keeps it to compare the next one with it and reads up to
 * three of its ancestors): it and those ancestors are kept.
 */
static int pinned(const struct walk *w, const GumboNode *n)
{
	const GumboNode *a = w->pg->meta.author_node;
	for (int k = 0; a && k < 4; k++, a = a->parent)
		if (a == n)
			return 1;
	return 0;
}

/* Releases node n (a leaf now: its children were released or are being). */
static void release_node(struct walk *w, const GumboNode *n)
{
	struct wn_pool *pool = w->pg->pool;
	switch (n->type) {
	case GUMBO_NODE_TEXT:
	case GUMBO_NODE_WHITESPACE:
	case GUMBO_NODE_CDATA:
	case GUMBO_NODE_COMMENT:
		wn_pool_release(pool, (void *)n->v.text.text);
		break;
	case GUMBO_NODE_ELEMENT:
	case GUMBO_NODE_TEMPLATE: {
		if (pinned(w, n))
			return;
		const GumboVector *attrs = &n->v.element.attributes;
		for (unsigned i = 0; i < attrs->length; i++) {
			GumboAttribute *a = attrs->data[i];
			wn_pool_release(pool, (void *)a->name);
			wn_pool_release(pool, (void *)a->value);
			wn_pool_release(pool, a);
		}
		wn_pool_release(pool, attrs->data);
		wn_pool_release(pool, n->v.element.children.data);
		break;
	}
	default:
		return; /* the document stays */
	}
	wn_pool_release(pool, (void *)n);
}

/* Releases the subtree at root, which the walk skips.  Iterative: each
 * element's children are taken off its vector, the last first. */
static void release_tree(struct walk *w, const GumboNode *root)
{
	GumboNode *n = (GumboNode *)root;
	for (;;) {
		if ((n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) &&
		    n->v.element.children.length > 0) {
			GumboVector *kids = &n->v.element.children;
			n = kids->data[--kids->length];
			continue;
		}
		GumboNode *parent = n->parent;
		int last = n == root;
		release_node(w, n);
		if (last || parent == NULL)
			return;
		n = parent;
	}
}

/* ---- Reading embedded copies once --------------------------------------- */

static int seen_grow(struct walk *w)
{
	size_t cap = w->seen_cap ? w->seen_cap * 2 : 256;
	struct seen *t = calloc(cap, sizeof *t);
	if (t == NULL)
		return -1;
	for (size_t i = 0; i < w->seen_cap; i++) {
		if (w->seen[i].key == 0)
			continue;
		size_t j = (size_t)w->seen[i].key & (cap - 1);
		while (t[j].key)
			j = (j + 1) & (cap - 1);
		t[j] = w->seen[i];
	}
	free(w->seen);
	w->seen = t;
	w->seen_cap = cap;
	return 0;
}

/*
 * 1 when the text of block b, read from source origin, was read before
 * from another source (the page and each embed are sources); otherwise
 * remembers it and returns 0.  Repeats inside one source are not copies
 * (table cells, an interview's questions).  -1 when out of memory.
 */
static int seen_repeat(struct walk *w, const struct wn_block *b, unsigned origin)
{
	if ((w->seen_n + 1) * 2 > w->seen_cap && seen_grow(w) != 0)
		return -1;
	uint64_t k = wn_text_key(b->text, b->len);
	if (k == 0)
		k = 1; /* 0 marks an empty slot */
	size_t mask = w->seen_cap - 1, i = (size_t)k & mask;
	for (; w->seen[i].key; i = (i + 1) & mask)
		if (w->seen[i].key == k)
			return w->seen[i].origin != origin;
	w->seen[i].key = k;
	w->seen[i].origin = origin;
	w->seen_n++;
	return 0;
}

/* Ends the block being collected, if it has any text. */
static void md_close_marks(struct walk *w);

static void flush(struct walk *w)
{
	w->space = 0;
	w->newlines = 0;
	if (w->md_flags)
		md_close_marks(w);
	if (w->raw.size && !w->failed) {
		wn_block_kind kind = w->kind;
		if (w->in_quote && (kind == WN_BLOCK_TEXT || kind == WN_BLOCK_PARAGRAPH))
			kind = WN_BLOCK_QUOTE;
		unsigned level = w->kind == WN_BLOCK_LIST_ITEM ? w->list_depth : w->level;
		struct wn_iblock *b = NULL;
		if (wn_page_add_block(w->pg, kind, level, w->block_elem, w->raw.data,
		                      w->raw.size, w->link_chars, w->opts, &b) != 0) {
			w->failed = 1;
		} else if (b && w->seen) {
			/* Once the page has embedded HTML: a copy is read once. */
			int r = seen_repeat(w, &b->pub, w->srcs[w->nsrcs - 1].id);
			if (r < 0)
				w->failed = 1;
			if (r != 0) {
				w->pg->nblocks--; /* b is the last block */
				b = NULL;
			}
		}
		if (b) {
			b->pub.depth = w->block_depth;
			b->starts_linked = w->starts_linked;
			struct wn_place pl = {NULL, w->table, w->row, w->col,
			                      kind == WN_BLOCK_LIST_ITEM ? w->ordinal : 0, w->cell_head};
			if (w->md_flags && w->md.size) {
				pl.markdown = wn_pool_text(w->pg, w->md.data, w->md.size);
				if (pl.markdown == NULL)
					w->failed = 1;
			}
			if (wn_block_place(w->pg, b, &pl) != 0)
				w->failed = 1;
		}
	}
	if (w->md_flags) {
		/* Images with no text of their own go with the next block. */
		w->md_carry = w->raw.size == 0 && w->md.size > 0;
		if (!w->md_carry)
			wn_buf_reset(&w->md);
		else if (w->md.data[w->md.size - 1] != '\n')
			wn_buf_putc(&w->md, '\n');
		if (w->md.failed)
			w->failed = 1;
	}
	wn_buf_reset(&w->raw);
	w->link_chars = 0;
}

/* ---- Markdown ------------------------------------------------------------ */

static const char *mark_open(const struct mark *m)
{
	switch (m->kind) {
	case MARK_EM:
		return "*";
	case MARK_STRONG:
		return "**";
	case MARK_CODE:
		return "`";
	default:
		return "[";
	}
}

/* Bytes that would end or break a Markdown link destination. */
static int url_special(unsigned char c)
{
	return c <= ' ' || c == '(' || c == ')' || c == '<' || c == '>' || c == '\\' || c == 0x7F;
}

/* A URL in Markdown: resolved against the base, with the characters that
 * would end it written as %XX. */
static void md_url(struct walk *w, const char *href)
{
	struct wn_buf *u = &w->url;
	wn_buf_reset(u);
	if (wn_url_resolve(w->md_base, href, u) != 0) {
		w->failed = 1;
		return;
	}
	size_t i = 0;
	while (i < u->size) {
		size_t run = i;
		while (run < u->size && !url_special((unsigned char)u->data[run]))
			run++;
		wn_buf_put(&w->md, u->data + i, run - i);
		if (run < u->size)
			wn_buf_printf(&w->md, "%%%02X", (unsigned char)u->data[run++]);
		i = run;
	}
}

static void md_close(struct walk *w, struct mark *m)
{
	if (!m->opened)
		return;
	m->opened = 0;
	if (m->kind != MARK_LINK) {
		wn_buf_puts(&w->md, mark_open(m));
		return;
	}
	wn_buf_puts(&w->md, "](");
	md_url(w, m->href);
	wn_buf_putc(&w->md, ')');
}

/* At a block boundary every mark is closed; its next word reopens it. */
static void md_close_marks(struct walk *w)
{
	for (unsigned i = w->nmarks; i > 0; i--)
		md_close(w, &w->marks[i - 1]);
}

/* Before a word: the space due, then the opening markers due. */
static void md_before_word(struct walk *w, int space)
{
	if (w->md_carry) {
		w->md_carry = 0; /* the images' line already ends in \n */
	} else if (w->md.size && space) {
		wn_buf_putc(&w->md, w->newlines ? '\n' : ' ');
	}
	for (unsigned i = 0; i < w->nmarks; i++)
		if (!w->marks[i].opened) {
			wn_buf_puts(&w->md, mark_open(&w->marks[i]));
			w->marks[i].opened = 1;
		}
}

/* A word's text, escaped so that CommonMark reads it as text. */
static void md_word(struct walk *w, const char *s, size_t n)
{
	if (w->in_code) {
		wn_buf_put(&w->md, s, n);
		return;
	}
	int line_start = w->md.size == 0 || w->md.data[w->md.size - 1] == '\n';
	wn_md_escape(&w->md, s, n, line_start, w->table >= 0);
}

/* An image as ![alt](src): src, else a lazy loader's data-src. */
static void md_image(struct walk *w, const GumboNode *node)
{
	const GumboAttribute *src = gumbo_get_attribute(&node->v.element.attributes, "src");
	const char *url = src ? src->value : NULL;
	if (url == NULL || !*url || wn_url_is_script(url)) {
		const GumboAttribute *lazy =
		    gumbo_get_attribute(&node->v.element.attributes, "data-src");
		url = lazy ? lazy->value : NULL;
	}
	if (url == NULL || !*url || wn_url_is_script(url))
		return;
	const GumboAttribute *alt = gumbo_get_attribute(&node->v.element.attributes, "alt");
	md_before_word(w, w->space || w->newlines);
	wn_buf_puts(&w->md, "![");
	if (alt) {
		/* the alt text, spaces collapsed and escaped */
		const char *a = alt->value;
		int sp = 0, any = 0;
		for (; *a; a++) {
			if (isspace((unsigned char)*a)) {
				sp = 1;
				continue;
			}
			if (sp && any)
				wn_buf_putc(&w->md, ' ');
			sp = 0;
			any = 1;
			wn_md_escape(&w->md, a, 1, 0, 1);
		}
	}
	wn_buf_puts(&w->md, "](");
	md_url(w, url);
	wn_buf_putc(&w->md, ')');
}

/* Opens an inline mark for em, strong, code or a link; 1 when pushed. */
static int md_push(struct walk *w, GumboTag tag, const GumboNode *node)
{
	enum mark_kind kind;
	const char *href = NULL;
	switch (tag) {
	case GUMBO_TAG_EM:
	case GUMBO_TAG_I:
		kind = MARK_EM;
		break;
	case GUMBO_TAG_STRONG:
	case GUMBO_TAG_B:
		kind = MARK_STRONG;
		break;
	case GUMBO_TAG_CODE:
	case GUMBO_TAG_KBD:
	case GUMBO_TAG_SAMP:
	case GUMBO_TAG_TT:
		if (w->in_code || w->in_pre)
			return 0;
		kind = MARK_CODE;
		break;
	case GUMBO_TAG_A: {
		if (!(w->md_flags & WN_MD_LINKS) || w->in_code)
			return 0;
		const GumboAttribute *a = gumbo_get_attribute(&node->v.element.attributes, "href");
		if (a == NULL || !*a->value || wn_url_is_script(a->value))
			return 0;
		for (unsigned i = 0; i < w->nmarks; i++)
			if (w->marks[i].kind == MARK_LINK)
				return 0; /* no link inside a link */
		kind = MARK_LINK;
		href = a->value;
		break;
	}
	default:
		return 0;
	}
	if (w->in_pre || w->nmarks == MAX_MARKS)
		return 0;
	w->marks[w->nmarks].kind = (unsigned char)kind;
	w->marks[w->nmarks].opened = 0;
	w->marks[w->nmarks].href = href;
	w->nmarks++;
	if (kind == MARK_CODE)
		w->in_code++;
	return 1;
}

static void md_pop(struct walk *w)
{
	struct mark *m = &w->marks[--w->nmarks];
	md_close(w, m);
	if (m->kind == MARK_CODE)
		w->in_code--;
}

/* Code points of s as the block's text will have them: without the
 * invisible characters that features.c removes. */
static unsigned count_cp(const char *s, size_t n)
{
	unsigned c = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		if ((b == 0xC2 || b == 0xE2 || b == 0xEF) && wn_invisible_len(s + i, n - i)) {
			i += wn_invisible_len(s + i, n - i) - 1;
			continue;
		}
		c += (b & 0xC0) != 0x80;
	}
	return c;
}

/* Appends text with white space collapsed (kept as is inside pre). */
static void add_text(struct walk *w, const char *s)
{
	if (w->in_pre) {
		size_t n = strlen(s);
		if (n == 0)
			return;
		if (w->newlines && w->raw.size)
			wn_buf_putc(&w->raw, '\n');
		w->newlines = 0;
		wn_buf_put(&w->raw, s, n);
		if (w->in_link)
			w->link_chars += count_cp(s, n);
		if (w->raw.failed)
			w->failed = 1;
		return;
	}
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		/* A run of white space (ASCII or no-break space). */
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f' ||
		    (p[0] == 0xC2 && p[1] == 0xA0)) {
			p += *p == 0xC2 ? 2 : 1;
			w->space = 1;
			continue;
		}
		const unsigned char *start = p;
		while (*p && !(*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' ||
		               *p == '\f' || (p[0] == 0xC2 && p[1] == 0xA0)))
			p++;
		if (w->raw.size == 0)
			w->starts_linked = w->in_link > 0;
		if (w->md_flags) {
			md_before_word(w, w->raw.size && (w->newlines || w->space));
			md_word(w, (const char *)start, (size_t)(p - start));
		}
		if (w->raw.size && (w->newlines || w->space)) {
			wn_buf_putc(&w->raw, w->newlines ? '\n' : ' ');
			/* A space between two linked words is link text. */
			if (w->in_link && w->last_linked)
				w->link_chars++;
		}
		w->space = 0;
		w->newlines = 0;
		wn_buf_put(&w->raw, start, (size_t)(p - start));
		if (w->in_link)
			w->link_chars += count_cp((const char *)start, (size_t)(p - start));
		w->last_linked = w->in_link > 0;
	}
	if (w->raw.failed)
		w->failed = 1;
}

/* Text of an element's text children, e.g. <title>. */
static const char *inner_text(struct wn_page *pg, const GumboNode *n)
{
	const GumboVector *kids = &n->v.element.children;
	struct wn_buf b = WN_BUF_INIT;
	for (unsigned i = 0; i < kids->length; i++) {
		const GumboNode *c = kids->data[i];
		if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE)
			wn_buf_puts(&b, c->v.text.text);
	}
	const char *s = b.size ? wn_normalise(pg, b.data, b.size) : "";
	wn_buf_free(&b);
	return s ? s : "";
}

static const char *attr(const GumboNode *n, const char *name)
{
	const GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
	return a ? a->value : NULL;
}

/* The attributes that say what part of the page an element is, each
 * NULL when absent. */
struct part_attrs {
	const char *itemprop, *cls, *id, *role, *hidden, *aria_hidden, *style, *href;
};

/* Fills in a from n's attributes in one pass, the first of each name
 * (case aside), as attr would. */
static void read_part_attrs(const GumboNode *n, struct part_attrs *a)
{
	static const struct {
		const char *name;
		size_t offset;
	} names[] = {
		{"aria-hidden", offsetof(struct part_attrs, aria_hidden)},
		{"class", offsetof(struct part_attrs, cls)},
		{"hidden", offsetof(struct part_attrs, hidden)},
		{"href", offsetof(struct part_attrs, href)},
		{"id", offsetof(struct part_attrs, id)},
		{"itemprop", offsetof(struct part_attrs, itemprop)},
		{"role", offsetof(struct part_attrs, role)},
		{"style", offsetof(struct part_attrs, style)},
	};
	memset(a, 0, sizeof *a);
	const GumboVector *v = &n->v.element.attributes;
	for (unsigned i = 0; i < v->length; i++) {
		const GumboAttribute *at = v->data[i];
		int c = tolower((unsigned char)at->name[0]);
		for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
			if (names[k].name[0] != c || strcasecmp(at->name, names[k].name) != 0)
				continue;
			const char **slot = (const char **)((char *)a + names[k].offset);
			if (*slot == NULL)
				*slot = at->value;
			break;
		}
	}
}

/* A heading's permalink (Sphinx, docutils, many blogs): a link whose whole
 * text is a sign such as the pilcrow; it is no part of the heading. */
static int is_permalink(const GumboNode *a)
{
	const GumboVector *kids = &a->v.element.children;
	if (kids->length != 1 || ((const GumboNode *)kids->data[0])->type != GUMBO_NODE_TEXT)
		return 0;
	const char *t = ((const GumboNode *)kids->data[0])->v.text.text;
	while (*t == ' ' || *t == '\n')
		t++;
	size_t n = strlen(t);
	while (n && (t[n - 1] == ' ' || t[n - 1] == '\n'))
		n--;
	return (n == 2 && (memcmp(t, "\xC2\xB6", 2) == 0 || memcmp(t, "\xC2\xA7", 2) == 0)) ||
	       (n == 1 && t[0] == '#') || (n == 4 && memcmp(t, "\xF0\x9F\x94\x97", 4) == 0);
}

/* ---- Embedded HTML: noscript and script templates ------------------------ */

/*
 * Some pages hold their article only as HTML inside the page: in a
 * <script type="text/template"> that a script renders (Blogger, blogs
 * built on a JavaScript framework) or in a <noscript> copy for browsers
 * without scripts, while the DOM proper has little more than a header
 * line.  The prescan leaves the content of both out of Gumbo's tree (a
 * browser that runs scripts shows neither, and a noscript in the head
 * would push its text into the body) and notes where it was (struct
 * wn_embed).  Such content, an embed, can be parsed as a page of its own
 * and walked at its place, as if a div held it.
 *
 * When: only on a page whose embeds hold more text than the page itself
 * (parse_walk counts both before the walk), and then each embed whose
 * text has at least embed_min_chars characters.  Pages that show their
 * article keep templates of other things: the teasers of a modal, a
 * comment form, JSON data (a script whose content does not start with a
 * tag is not HTML), and noscript copies of what the DOM shows; read, they
 * would compete with the article.  The size keeps out the small
 * noscripts and templates of a page that is all embeds: a tracking pixel,
 * an "enable JavaScript" notice, the labels of a widget.
 *
 * Read once: a page may hold the body twice, as a template and as a
 * noscript copy.  From the first embed read on, the text of every block
 * is remembered with its source (the page, or which embed), and a block
 * whose text was read from another source is not added (seen_repeat),
 * whichever came first.
 *
 * Bounded: an embed goes through the prescan with the page's bounds, so
 * it is no way around them; Gumbo parses it in the page's pool, under its
 * memory cap and clock; and all the embedded HTML prescanned and parsed
 * for one page is at most EMBED_BUDGET times as long as the page.  The
 * content of an embed inside an embed is read twice (the outer embed's
 * prescan leaves it out, then it is parsed), so that a template in a
 * noscript can be read, while a chain of noscripts, each holding the rest
 * of the page, stops after two.  The walk of an embed's tree is the walk
 * of the page: no recursion.
 */
enum { EMBED_BUDGET = 2 };

static int push_source(struct walk *w, const struct source *src)
{
	if (w->nsrcs == w->srcs_cap) {
		size_t cap = w->srcs_cap ? w->srcs_cap * 2 : 8;
		struct source *s = realloc(w->srcs, cap * sizeof *s);
		if (s == NULL)
			return -1;
		w->srcs = s;
		w->srcs_cap = cap;
	}
	w->srcs[w->nsrcs++] = *src;
	return 0;
}

/* Releases what an embed's source owns, once its tree is walked. */
static void drop_source(struct walk *w, struct source *src)
{
	for (int i = 0; i < 2; i++) {
		wn_pool_release(w->pg->pool, src->owned[i]);
		src->owned[i] = NULL;
	}
}

/* The script types whose content is HTML that a script puts in the page. */
static int is_html_type(const char *type)
{
	static const char *const types[] = {
		"text/html", "text/template", "text/x-template", "text/ng-template",
	};
	if (type == NULL)
		return 0;
	while (*type == ' ' || *type == '\t' || *type == '\n')
		type++;
	size_t n = strlen(type);
	while (n && (type[n - 1] == ' ' || type[n - 1] == '\t' || type[n - 1] == '\n'))
		n--;
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strlen(types[i]) == n && strncasecmp(type, types[i], n) == 0)
			return 1;
	return 0;
}

/* The embed whose start tag is node's, in the source being walked. */
static const struct wn_embed *find_embed(const struct source *src, const GumboNode *node)
{
	const GumboStringPiece *tag = &node->v.element.original_tag;
	if (src->nembeds == 0 || tag->length == 0)
		return NULL;
	size_t at = node->v.element.start_pos.offset, lo = 0, hi = src->nembeds;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (src->embeds[mid].at < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Implied elements have no tag of their own in the text. */
	if (lo == src->nembeds || src->embeds[lo].at != at || tag->data != src->text + at)
		return NULL;
	return &src->embeds[lo];
}

/* Characters outside tags in HTML (len bytes), white space not counted,
 * up to enough: an upper bound of its text (references and the content of
 * scripts count too), cheap enough to pass over an embed before Gumbo. */
static size_t markup_chars(const char *s, size_t len, size_t enough)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n < enough; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '<' && i + 1 < len &&
		    (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!' ||
		     s[i + 1] == '?')) {
			const char *gt = memchr(s + i, '>', len - i);
			if (gt == NULL)
				break;
			i = (size_t)(gt - s);
			continue;
		}
		if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f' && (c & 0xC0) != 0x80)
			n++;
	}
	return n;
}

/* The embed held by node (a noscript, or a script of an HTML type whose
 * content starts with markup, not JSON), in the source being walked. */
static const struct wn_embed *embed_of(const struct source *src, const GumboNode *node)
{
	GumboTag tag = node->v.element.tag;
	if ((tag != GUMBO_TAG_NOSCRIPT && tag != GUMBO_TAG_SCRIPT) ||
	    node->v.element.tag_namespace != GUMBO_NAMESPACE_HTML ||
	    (tag == GUMBO_TAG_SCRIPT && !is_html_type(attr(node, "type"))))
		return NULL;
	const struct wn_embed *e = find_embed(src, node);
	if (e == NULL || tag == GUMBO_TAG_NOSCRIPT)
		return e;
	const char *c = src->input + e->from, *end = src->input + e->to;
	while (c < end && (*c == ' ' || *c == '\n' || *c == '\t' || *c == '\r' || *c == '\f'))
		c++;
	return c < end && *c == '<' ? e : NULL;
}

/*
 * Characters of the text the walk reads in the tree under root (white
 * space not counted), up to enough.  With src: *embedded gets the
 * characters in the embeds under root that have at least min (by
 * markup_chars, an upper bound).  Iterative, through parent links.
 */
static size_t tree_chars(const GumboNode *root, size_t enough, const struct source *src,
                         size_t min, size_t *embedded)
{
	size_t n = 0;
	const GumboNode *node = root;
	unsigned next = 0;
	while (n < enough) {
		const GumboVector *kids = &node->v.element.children;
		if (next < kids->length) {
			const GumboNode *c = kids->data[next++];
			if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA) {
				n += markup_chars(c->v.text.text, strlen(c->v.text.text), SIZE_MAX);
				continue;
			}
			if (c->type != GUMBO_NODE_ELEMENT)
				continue;
			const struct wn_embed *e = src ? embed_of(src, c) : NULL;
			if (e) {
				size_t k = markup_chars(src->input + e->from, e->to - e->from, SIZE_MAX);
				if (k >= min)
					*embedded += k;
			} else if (c->v.element.children.length && tag_role(c->v.element.tag) != SKIP) {
				node = c;
				next = 0;
			}
			continue;
		}
		if (node == root)
			break;
		next = (unsigned)node->index_within_parent + 1;
		node = node->parent;
	}
	return n;
}

/*
 * The tree of an embed's content (in, len bytes): prescanned with the
 * page's bounds, parsed by run_gumbo.  Fills src (text, embeds) and
 * returns the root, or NULL when the embed is not to be read; sets
 * w->failed or w->stopped when the page must fail.
 */
static const GumboNode *parse_embed(struct walk *w, const char *in, size_t len,
                                    struct source *src)
{
	struct wn_buf bounded = WN_BUF_INIT, embeds = WN_BUF_INIT;
	struct wn_prescan_stats ps;
	const GumboNode *root = NULL;
	if (wn_prescan(in, len, w->opts->max_nesting, w->opts->max_attributes,
	               PRESCAN_FLAGS, &bounded, &ps, &embeds) != WN_OK) {
		w->failed = 1;
		goto done;
	}
	src->text = in;
	src->input = in;
	size_t n = len;
	if (ps.rewritten) {
		char *copy = wn_pool_strndup(w->pg->pool, bounded.data ? bounded.data : "",
		                             bounded.size);
		n = bounded.size;
		if (copy == NULL) {
			w->failed = 1;
			goto done;
		}
		src->text = src->owned[0] = copy;
	}
	if (embeds.size) {
		struct wn_embed *e = wn_pool_alloc(w->pg->pool, embeds.size);
		if (e == NULL) {
			w->failed = 1;
			goto done;
		}
		memcpy(e, embeds.data, embeds.size);
		src->embeds = e;
		src->owned[1] = e;
		src->nembeds = embeds.size / sizeof *e;
	}
	GumboOutput *out = NULL;
	char err[128];
	switch (run_gumbo(w->pg, src->text, n, w->opts, &out, err, sizeof err)) {
	case WN_OK:
		root = out->root;
		break;
	case WN_ERR_TIME:
	case WN_ERR_BUDGET:
		w->stopped = 1;
		break;
	case WN_ERR_PARSE:
		break; /* Gumbo gave up on this embed: the page goes on without it */
	default:
		w->failed = 1;
		break;
	}
done:
	wn_buf_free(&bounded);
	wn_buf_free(&embeds);
	return root;
}

/*
 * A noscript, or a script of an HTML type, at node (tag): when its
 * content is an embed with text enough, pushes its tree's root as a block
 * standing for the element, and returns 1; else 0 (the element is
 * skipped, as before).
 */
static int read_embed(struct walk *w, const GumboNode *node, GumboTag tag)
{
	size_t min = w->opts->embed_min_chars;
	if (!w->embeds_on)
		return 0;
	const struct source *src = &w->srcs[w->nsrcs - 1];
	const struct wn_embed *e = embed_of(src, node);
	if (e == NULL)
		return 0;
	const char *in = src->input + e->from;
	size_t len = e->to - e->from;
	if (len < min || len > w->embed_budget || markup_chars(in, len, min) < min)
		return 0;
	w->embed_budget -= len;
	struct source next;
	memset(&next, 0, sizeof next);
	const GumboNode *root = parse_embed(w, in, len, &next);
	/* Its text, with that of the embeds inside it (a noscript that holds
	 * nothing but a template). */
	size_t nested = 0;
	if (root == NULL || tree_chars(root, min, &next, min, &nested) + nested < min) {
		if (root)
			release_tree(w, root);
		drop_source(w, &next);
		return 0;
	}
	if (w->seen == NULL) {
		/* The first embed: remember what the page has given so far. */
		if (seen_grow(w) != 0) {
			w->failed = 1;
			return 0;
		}
		for (size_t i = 0; i < w->pg->nblocks; i++)
			if (seen_repeat(w, &w->pg->blocks[i].pub, 0) < 0) {
				w->failed = 1;
				return 0;
			}
	}
	next.id = ++w->embeds_read;
	int parent_elem = w->stack[w->depth - 1].elem;
	unsigned depth = (unsigned)w->depth;
	if (push_source(w, &next) != 0 || push_frame(w, root) != 0) {
		w->failed = 1;
		return 1;
	}
	struct frame *f = &w->stack[w->depth - 1];
	f->is_embed = 1;
	if (depth > w->opts->max_depth) {
		/* As in enter: too deep for structure, read inline. */
		f->elem = parent_elem;
		f->role = INLINE;
		f->flat_block = 1;
		w->space = 1;
		return 1;
	}
	/* The element stands for the embed: its tag names it in paths. */
	int elem = add_elem(w, parent_elem, 0, tag, node, NULL);
	if (elem < 0) {
		w->failed = 1;
		return 1;
	}
	w->pg->elems[elem].container = 1;
	f->elem = elem;
	f->role = BLOCK;
	flush(w);
	f->saved_kind = w->kind;
	f->saved_level = w->level;
	f->saved_block_elem = w->block_elem;
	f->saved_block_depth = w->block_depth;
	w->kind = WN_BLOCK_TEXT;
	w->level = 0;
	w->block_elem = elem;
	w->block_depth = depth;
	return 1;
}

/* Opens an element: decides its role, records it, pushes a frame. */
static void enter(struct walk *w, const GumboNode *node)
{
	GumboTag tag = node->v.element.tag;
	enum role role = tag_role(tag);
	if (tag == GUMBO_TAG_TITLE && !*w->pg->title && w->nsrcs == 1 &&
	    node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML)
		w->pg->title = inner_text(w->pg, node);
	/* Metadata in the body: JSON-LD, meta, link, time, rel=author. */
	if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_META || tag == GUMBO_TAG_LINK ||
	    tag == GUMBO_TAG_TIME || (tag == GUMBO_TAG_A && node->v.element.attributes.length > 1))
		wn_meta_element(w->pg, node, NULL, w->in_article > 0, w->stack[w->depth - 1].elem);
	if ((tag == GUMBO_TAG_NOSCRIPT || tag == GUMBO_TAG_SCRIPT) && read_embed(w, node, tag))
		return;
	if (node->type == GUMBO_NODE_TEMPLATE || role == SKIP || (tag == GUMBO_TAG_A && is_permalink(node)))
		return;
	if (tag == GUMBO_TAG_IMG && (w->md_flags & WN_MD_IMAGES))
		md_image(w, node);
	if (role == BREAK) {
		/* Two line breaks in a row end a paragraph; one is a new line. */
		if (w->newlines && w->raw.size)
			flush(w);
		else if (w->raw.size)
			w->newlines = 1;
		return;
	}
	if (tag == GUMBO_TAG_HR) {
		flush(w);
		return;
	}
	const GumboVector *kids = &node->v.element.children;
	if (kids->length == 0) {
		/* An empty block tag still separates the words around it; an
		 * empty cell still takes a column. */
		if (role == BLOCK)
			flush(w);
		if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH)
			w->cell_count++;
		return;
	}

	struct frame *parent = &w->stack[w->depth - 1];
	int parent_elem = parent->elem;
	/* The nearest recorded ancestor, when the parent was past max_depth. */
	unsigned depth = (unsigned)w->depth;
	if (push_frame(w, node) != 0) {
		w->failed = 1;
		return;
	}
	struct frame *f = &w->stack[w->depth - 1];
	if (depth > w->opts->max_depth) {
		/* Too deep for structure: the text still counts, inline, but a
		 * block tag still separates words. */
		f->elem = parent_elem;
		f->role = INLINE;
		f->flat_block = role == BLOCK;
		if (f->flat_block)
			w->space = 1;
		return;
	}
	const GumboVector *attrs = &node->v.element.attributes;
	unsigned hints = 0;
	struct part_attrs pa;
	read_part_attrs(node, &pa);
	const char *itemprop = pa.itemprop, *cls = pa.cls, *id = pa.id;
	if (attrs->length > 0) {
		if (itemprop)
			wn_meta_element(w->pg, node, itemprop, w->in_article > 0, parent_elem);
		if (cls || id)
			wn_meta_class(w->pg, node, cls, id, parent_elem);
	}
	if (attrs->length > 0 || tag == GUMBO_TAG_NAV || tag == GUMBO_TAG_ASIDE ||
	    tag == GUMBO_TAG_HEADER || tag == GUMBO_TAG_FOOTER ||
	    tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN ||
	    tag == GUMBO_TAG_FIGURE || tag == GUMBO_TAG_FIGCAPTION ||
	    tag == GUMBO_TAG_MENU || tag == GUMBO_TAG_ADDRESS) {
		hints = wn_hints_for_memo(w->rules, w->memo, tag, cls, id, pa.role, itemprop,
		                          pa.hidden != NULL, pa.aria_hidden, pa.style,
		                          w->in_article > 0);
	}
	if (tag == GUMBO_TAG_ARTICLE) {
		/* An article inside an article is, as the HTML standard puts it,
		 * related to the outer one: a comment or a teaser. */
		if (w->article_tags) {
			f->nested_related = !(hints & WN_HINT_RELATED);
			hints = (hints & ~WN_HINT_ARTICLE) | WN_HINT_RELATED;
		}
		f->is_article_tag = 1;
		f->links_before = w->links_seen;
		w->article_tags++;
	}
	const char *cls_copy = cls ? copy_shared(w, cls, strlen(cls)) : NULL;
	int elem = cls && cls_copy == NULL ? -1 : add_elem(w, parent_elem, hints, tag, node, cls_copy);
	if (elem < 0) {
		w->failed = 1;
		return;
	}
	/* An article's own header: byline and date go, but whole paragraphs
	 * in it are its standfirst, unless its class says byline. */
	if (tag == GUMBO_TAG_HEADER && w->in_article > 0 &&
	    !((wn_hints_for_class(w->rules, cls ? cls : "", cls ? strlen(cls) : 0) |
	       wn_hints_for_class(w->rules, id ? id : "", id ? strlen(id) : 0)) &
	      WN_HINT_META))
		w->pg->elems[elem].soft_meta = 1;
	w->pg->elems[elem].masthead = (cls || id) && wn_byline_masthead(cls, id);
	f->elem = elem;
	f->role = (unsigned char)role;
	if (role == BLOCK) {
		unsigned level;
		wn_block_kind k = tag_kind(tag, &level);
		w->pg->elems[elem].container = k != WN_BLOCK_PARAGRAPH &&
		                               k != WN_BLOCK_HEADING &&
		                               k != WN_BLOCK_PRE &&
		                               k != WN_BLOCK_CAPTION;
	}
	if (hints & WN_HINT_ARTICLE) {
		f->is_article = 1;
		w->in_article++;
	}
	if (tag == GUMBO_TAG_A && pa.href != NULL) {
		f->is_link = 1;
		w->in_link++;
		w->links_seen++;
	}
	if (w->md_flags && role == INLINE)
		f->md_mark = (unsigned char)md_push(w, tag, node);
	if (role != BLOCK)
		return;
	flush(w);
	f->saved_kind = w->kind;
	f->saved_level = w->level;
	f->saved_block_elem = w->block_elem;
	f->saved_block_depth = w->block_depth;
	w->kind = tag_kind(tag, &w->level);
	w->block_elem = elem;
	w->block_depth = depth;
	if (w->kind == WN_BLOCK_PRE) {
		f->is_pre = 1;
		w->in_pre++;
	}
	if (tag == GUMBO_TAG_BLOCKQUOTE) {
		f->is_quote = 1;
		w->in_quote++;
	}
	if (tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL || tag == GUMBO_TAG_MENU ||
	    tag == GUMBO_TAG_DIR) {
		f->is_list = 1;
		w->list_depth++;
		f->is_olist = 1;
		f->saved_ordered = w->ordered;
		f->saved_count = w->item_count;
		f->saved_ordinal = w->ordinal;
		w->ordered = tag == GUMBO_TAG_OL;
		const char *start = w->ordered ? attr(node, "start") : NULL;
		long first = start ? strtol(start, NULL, 10) : 1;
		w->item_count = first >= 1 && first < 1000000000 ? (unsigned)(first - 1) : 0;
	} else if (tag == GUMBO_TAG_LI) {
		f->is_item = 1;
		f->saved_ordinal = w->ordinal;
		w->ordinal = w->ordered ? ++w->item_count : 0;
	} else if (tag == GUMBO_TAG_TABLE) {
		f->is_table = 1;
		f->saved_table = w->table;
		f->saved_row = w->row;
		f->saved_col = w->col;
		f->saved_count = w->cell_count;
		w->table = elem;
		w->row = -1;
		w->col = w->cell_count = 0;
	} else if (tag == GUMBO_TAG_TR) {
		f->is_row = 1;
		f->saved_row = w->row;
		f->saved_count = w->cell_count;
		w->row = elem;
		w->cell_count = 0;
	} else if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
		f->is_cell = 1;
		f->saved_col = w->col;
		f->saved_head = w->cell_head;
		w->col = w->cell_count++;
		w->cell_head = tag == GUMBO_TAG_TH;
	}
}

static void leave(struct walk *w, struct frame *f)
{
	if (f->is_embed)
		drop_source(w, &w->srcs[--w->nsrcs]);
	if (f->is_article)
		w->in_article--;
	if (f->is_article_tag) {
		w->article_tags--;
		/* A nested article without a single link is no teaser for
		 * another page: an item of the outer one (a list of places,
		 * a live ticker's entries). */
		if (f->nested_related && f->elem >= 0 && w->links_seen == f->links_before)
			w->pg->elems[f->elem].hints &= ~WN_HINT_RELATED;
	}
	if (f->is_link)
		w->in_link--;
	if (f->flat_block)
		w->space = 1;
	if (f->md_mark)
		md_pop(w);
	if (f->role != BLOCK)
		return;
	flush(w);
	if (f->is_olist) {
		w->ordered = f->saved_ordered;
		w->item_count = f->saved_count;
		w->ordinal = f->saved_ordinal;
	} else if (f->is_item) {
		w->ordinal = f->saved_ordinal;
	} else if (f->is_table) {
		w->table = f->saved_table;
		w->row = f->saved_row;
		w->col = f->saved_col;
		w->cell_count = f->saved_count;
	} else if (f->is_row) {
		w->row = f->saved_row;
		w->cell_count = f->saved_count;
	} else if (f->is_cell) {
		w->col = f->saved_col;
		w->cell_head = f->saved_head;
	}
	w->kind = f->saved_kind;
	w->level = f->saved_level;
	w->block_elem = f->saved_block_elem;
	w->block_depth = f->saved_block_depth;
	if (f->is_pre)
		w->in_pre--;
	if (f->is_quote)
		w->in_quote--;
	if (f->is_list)
		w->list_depth--;
}

/* What relative links are resolved against: <base href> (itself resolved
 * against the page's address), the page's address (options.url), or its
 * canonical URL. */
static const char *markdown_base(struct wn_page *pg, const struct wn_options *opts)
{
	const char *base = pg->meta.base;
	if (base && *base) {
		if (wn_url_is_absolute(base) || !opts->url)
			return base;
		struct wn_buf b = WN_BUF_INIT;
		const char *r = NULL;
		if (wn_url_resolve(opts->url, base, &b) == 0 && b.size)
			r = wn_pool_strndup(pg->pool, b.data, b.size);
		wn_buf_free(&b);
		return r ? r : opts->url;
	}
	if (opts->url && *opts->url)
		return opts->url;
	return pg->meta.val[WN_MF_URL];
}

static void walk_tree(struct walk *w, const GumboNode *root)
{
	if (push_frame(w, root) != 0) {
		w->failed = 1;
		return;
	}
	w->stack[0].role = BLOCK;
	w->kind = WN_BLOCK_TEXT;
	w->block_elem = -1;
	while (w->depth > 0 && !w->failed && !w->stopped) {
		if (wn_page_charge(w->pg, 1) != WN_OK) {
			w->stopped = 1;
			break;
		}
		struct frame *f = &w->stack[w->depth - 1];
		const GumboVector *kids = children_of(f->node);
		if (f->next >= kids->length) {
			const GumboNode *done = f->node;
			leave(w, f);
			w->depth--;
			release_node(w, done);
			continue;
		}
		const GumboNode *c = kids->data[f->next++];
		switch (c->type) {
		case GUMBO_NODE_TEXT:
		case GUMBO_NODE_WHITESPACE:
		case GUMBO_NODE_CDATA:
			add_text(w, c->v.text.text);
			release_node(w, c);
			break;
		case GUMBO_NODE_ELEMENT:
		case GUMBO_NODE_TEMPLATE: {
			size_t depth = w->depth;
			enter(w, c);
			/* Not opened (skipped, empty, or an embed's tree read in
			 * its place): the walk is done with it. */
			if (!w->failed && (w->depth == depth || w->stack[w->depth - 1].node != c))
				release_tree(w, c);
			break;
		}
		default:
			release_node(w, c);
			break;
		}
	}
	flush(w);
}

/* Parses (run_gumbo) and walks text (len bytes), the page as final (see
 * wn_dom_read); input and embeds are what the prescan read and found
 * (nembeds 0: none). */
static wn_status parse_walk(struct wn_page *pg, const char *text, size_t len,
                            const char *input, size_t input_len,
                            const struct wn_embed *embeds, size_t nembeds,
                            const struct wn_options *opts, char *err, size_t errlen)
{
	GumboOutput *out = NULL;
	wn_status rc = run_gumbo(pg, text, len, opts, &out, err, errlen);
	if (rc != WN_OK)
		return rc;
	wn_meta_read_head(pg, out->root);

	struct walk w;
	memset(&w, 0, sizeof w);
	w.pg = pg;
	w.opts = opts;
	w.table = w.row = -1;
	if (opts->markdown & WN_MD_ON) {
		w.md_flags = opts->markdown;
		w.md_base = markdown_base(pg, opts);
	}
	w.rules = opts->rules ? opts->rules : wn_rules_builtin();
	w.memo = calloc(1, sizeof *w.memo); /* without it, hints are worked out each time */
	w.embed_budget = input_len > SIZE_MAX / EMBED_BUDGET ? SIZE_MAX : input_len * EMBED_BUDGET;
	struct source page = {text, input, embeds, nembeds, 0, {NULL, NULL}};
	if (nembeds && opts->embed_min_chars) {
		size_t embedded = 0;
		size_t own = tree_chars(out->root, SIZE_MAX, &page, opts->embed_min_chars, &embedded);
		w.embeds_on = embedded > own;
	}
	if (push_source(&w, &page) != 0)
		w.failed = 1;
	else
		walk_tree(&w, out->document);
	free(w.stack);
	free(w.srcs);
	free(w.seen);
	free(w.memo);
	wn_buf_free(&w.raw);
	wn_buf_free(&w.md);
	wn_buf_free(&w.url);
	if (w.stopped || pg->stopped != WN_OK) {
		wn_page_stop_reason(pg, opts, err, errlen);
		return pg->stopped;
	}
	if (w.failed) {
		if (wn_pool_capped(pg->pool)) {
			wn_page_memory_reason(opts, err, errlen);
			return WN_ERR_TOO_LARGE;
		}
		snprintf(err, errlen, "out of memory");
		return WN_ERR_NOMEM;
	}
	for (size_t i = 0; i < pg->nblocks; i++) {
		const struct wn_block *b = &pg->blocks[i].pub;
		if (b->kind == WN_BLOCK_HEADING && b->level == 1) {
			pg->h1 = b->text;
			break;
		}
	}
	return WN_OK;
}

/* Exported for the tests of the abort guard only (page.h): the page as it
 * is, without the prescan, so without embeds either. */
wn_status wn_dom_parse_unbounded(struct wn_page *pg, const char *utf8, size_t len,
                                const struct wn_options *opts, char *err, size_t errlen)
{
	return parse_walk(pg, utf8, len, utf8, len, NULL, 0, opts, err, errlen);
}

wn_status wn_dom_read(struct wn_page *pg, const char *utf8, size_t len,
                      const struct wn_options *opts, char *err, size_t errlen)
{
	if (pg->title == NULL)
		pg->title = "";
	if (pg->og_title == NULL)
		pg->og_title = "";
	if (pg->h1 == NULL)
		pg->h1 = "";
	if (pg->lang == NULL)
		pg->lang = "";
	/* Bound what makes Gumbo slow (prescan.c).  A rewritten page is read
	 * from the prescan's buffer, which lives until the walk is done with
	 * the tree that points into it. */
	struct wn_buf bounded = WN_BUF_INIT, embeds = WN_BUF_INIT;
	struct wn_prescan_stats ps;
	const char *text = utf8;
	size_t n = len;
	wn_status rc = wn_prescan(utf8, len, opts->max_nesting, opts->max_attributes,
	                          PRESCAN_FLAGS, &bounded, &ps,
	                          opts->embed_min_chars ? &embeds : NULL);
	if (rc == WN_OK && ps.rewritten) {
		text = bounded.data ? bounded.data : "";
		n = bounded.size;
	}
	if (rc == WN_OK)
		rc = parse_walk(pg, text, n, utf8, len, (const struct wn_embed *)(void *)embeds.data,
		                embeds.size / sizeof(struct wn_embed), opts, err, errlen);
	else
		snprintf(err, errlen, "out of memory");
	wn_buf_free(&bounded);
	wn_buf_free(&embeds);
	return rc;
}
