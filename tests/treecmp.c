/* treecmp.c - see treecmp.h. */
#include "treecmp.h"

#include <gumbo.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pool.h"
#include "prescan.h"

/* Elements whose content the prescan strips. */
static int stripped(const GumboNode *n)
{
	if (n->type != GUMBO_NODE_ELEMENT || n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML)
		return n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_SVG;
	switch (n->v.element.tag) {
	case GUMBO_TAG_SCRIPT:
	case GUMBO_TAG_STYLE:
	case GUMBO_TAG_XMP:
	case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_NOEMBED:
	case GUMBO_TAG_NOFRAMES:
		return 1;
	default:
		return 0;
	}
}

static const GumboVector *kids(const GumboNode *n)
{
	if (n->type == GUMBO_NODE_DOCUMENT)
		return &n->v.document.children;
	if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
		return &n->v.element.children;
	return NULL;
}

/* The next attribute of v from *i on that the prescan keeps
 * (WN_PRESCAN_UNUSED_ATTRS), NULL when none is left. */
static const GumboAttribute *next_kept(const GumboVector *v, unsigned *i)
{
	for (; *i < v->length; ++*i) {
		const GumboAttribute *at = v->data[*i];
		if (!wn_prescan_attribute_unused(at->name, strlen(at->name))) {
			++*i;
			return at;
		}
	}
	return NULL;
}

/* The same attributes, in the same order, less those the prescan leaves
 * out as unused: on either side, since formatting elements keep theirs. */
static int same_attrs(const GumboNode *a, const GumboNode *b)
{
	const GumboVector *x = &a->v.element.attributes, *y = &b->v.element.attributes;
	unsigned i = 0, j = 0;
	for (;;) {
		const GumboAttribute *p = next_kept(x, &i), *q = next_kept(y, &j);
		if (p == NULL || q == NULL)
			return p == q;
		if (strcmp(p->name, q->name) || strcmp(p->value, q->value))
			return 0;
	}
}

static int is_white(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

/* The same text but for the length of its runs of white space
 * (WN_PRESCAN_COLLAPSE_SPACE leaves one character of a run between two
 * tags). */
static int same_but_space(const char *x, const char *y)
{
	while (*x && *y) {
		if (is_white(*x) && is_white(*y)) {
			while (is_white(*x))
				x++;
			while (is_white(*y))
				y++;
			continue;
		}
		if (*x++ != *y++)
			return 0;
	}
	return *x == *y;
}

/* n is inside a pre or a listing, whose white space the walker keeps. */
static int in_pre(const GumboNode *n)
{
	for (n = n->parent; n && n->type == GUMBO_NODE_ELEMENT; n = n->parent)
		if (n->v.element.tag == GUMBO_TAG_PRE || n->v.element.tag == GUMBO_TAG_LISTING)
			return 1;
	return 0;
}

static void path(const GumboNode *n, char *buf, size_t len)
{
	char tmp[1024] = "";
	for (; n && n->type == GUMBO_NODE_ELEMENT; n = n->parent) {
		char part[1024];
		snprintf(part, sizeof part, "/%s%s", gumbo_normalized_tagname(n->v.element.tag), tmp);
		snprintf(tmp, sizeof tmp, "%s", part);
	}
	snprintf(buf, len, "%s", tmp[0] ? tmp : "/");
}

/* Compares iteratively: pairs of nodes on an explicit stack. */
static int compare(const GumboNode *ra, const GumboNode *rb, char *why, size_t whylen)
{
	size_t cap = 256, n = 0;
	const GumboNode **st = malloc(cap * 2 * sizeof *st);
	if (st == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	st[n++] = ra;
	st[n++] = rb;
	int rc = 0;
	while (n && rc == 0) {
		const GumboNode *b = st[--n], *a = st[--n];
		char where[256];
		if (a->type != b->type) {
			path(a->parent, where, sizeof where);
			snprintf(why, whylen, "%s: node types %d and %d", where, a->type, b->type);
			rc = -1;
			break;
		}
		switch (a->type) {
		case GUMBO_NODE_TEXT:
		case GUMBO_NODE_WHITESPACE:
		case GUMBO_NODE_CDATA:
			if (strcmp(a->v.text.text, b->v.text.text) != 0 &&
			    (in_pre(a) || !same_but_space(a->v.text.text, b->v.text.text))) {
				path(a->parent, where, sizeof where);
				snprintf(why, whylen, "%s: text \"%.40s\" and \"%.40s\"", where,
				         a->v.text.text, b->v.text.text);
				rc = -1;
			}
			continue;
		case GUMBO_NODE_COMMENT:
			continue; /* the stripped comment has no text */
		case GUMBO_NODE_ELEMENT:
		case GUMBO_NODE_TEMPLATE:
			if (a->v.element.tag != b->v.element.tag ||
			    a->v.element.tag_namespace != b->v.element.tag_namespace ||
			    !same_attrs(a, b)) {
				path(a, where, sizeof where);
				snprintf(why, whylen, "%s: element differs (%s)", where,
				         gumbo_normalized_tagname(b->v.element.tag));
				rc = -1;
				continue;
			}
			/* Stripped content: none on the prescanned side, or an svg
			 * that was not stripped and is compared in full. */
			if (stripped(a) && b->v.element.children.length == 0)
				continue;
			break;
		default:
			break;
		}
		const GumboVector *ka = kids(a), *kb = kids(b);
		if (ka == NULL)
			continue;
		if (ka->length != kb->length) {
			path(a, where, sizeof where);
			snprintf(why, whylen, "%s: %u children and %u", where, ka->length, kb->length);
			rc = -1;
			break;
		}
		if (n + 2 * ka->length > cap * 2) {
			while (n + 2 * ka->length > cap * 2)
				cap *= 2;
			const GumboNode **s2 = realloc(st, cap * 2 * sizeof *st);
			if (s2 == NULL) {
				snprintf(why, whylen, "out of memory");
				rc = -1;
				break;
			}
			st = s2;
		}
		for (unsigned i = ka->length; i-- > 0;) {
			st[n++] = ka->data[i];
			st[n++] = kb->data[i];
		}
	}
	free(st);
	return rc;
}

static sigjmp_buf on_abort;

static void abort_handler(int sig)
{
	(void)sig;
	siglongjmp(on_abort, 1);
}

/* Gumbo allocates from a pool, so that a parse that aborts leaks nothing
 * and no tree is torn down recursively. */
static void *pool_alloc(void *ud, size_t n)
{
	void *p = wn_pool_alloc(ud, n);
	if (p == NULL)
		abort(); /* caught above: no memory is no comparison */
	return p;
}

static void pool_free(void *ud, void *p)
{
	wn_pool_release(ud, p);
}

/* A page prescanned, and Gumbo's options to parse it from a pool. */
struct session {
	struct wn_buf out;
	const char *html; /* the page as prescanned */
	size_t len;
	struct wn_pool *pool;
	GumboOptions o;
	struct sigaction old; /* SIGABRT's handler before */
};

/* Prescans html (as wn_prescan) and installs the SIGABRT handler; the
 * caller then sets on_abort.  -1 and why on failure. */
static int begin(struct session *ss, const char *html, size_t len, unsigned max_nesting,
                 unsigned max_attributes, unsigned flags, char *why, size_t whylen)
{
	struct wn_prescan_stats st;
	memset(ss, 0, sizeof *ss);
	if (wn_prescan(html, len, max_nesting, max_attributes, flags, &ss->out, &st, NULL) !=
	    WN_OK) {
		snprintf(why, whylen, "prescan: out of memory");
		wn_buf_free(&ss->out);
		return -1;
	}
	ss->html = st.rewritten ? (ss->out.data ? ss->out.data : "") : html;
	ss->len = st.rewritten ? ss->out.size : len;
	ss->pool = wn_pool_new((size_t)1 << 30);
	if (ss->pool == NULL) {
		snprintf(why, whylen, "out of memory");
		wn_buf_free(&ss->out);
		return -1;
	}
	ss->o = kGumboDefaultOptions;
	ss->o.max_errors = 0;
	ss->o.allocator = pool_alloc;
	ss->o.deallocator = pool_free;
	ss->o.userdata = ss->pool;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = abort_handler;
	sigaction(SIGABRT, &sa, &ss->old);
	return 0;
}

static void end(struct session *ss)
{
	sigaction(SIGABRT, &ss->old, NULL);
	wn_pool_free(ss->pool);
	wn_buf_free(&ss->out);
}

int wn_treecmp(const char *html, size_t len, char *why, size_t whylen)
{
	struct session ss;
	if (begin(&ss, html, len, 0, 0,
	          WN_PRESCAN_STRIP | WN_PRESCAN_UNUSED_ATTRS | WN_PRESCAN_COLLAPSE_SPACE, why,
	          whylen) != 0)
		return -1;
	GumboOutput *volatile a = NULL;
	volatile int rc;
	if (sigsetjmp(on_abort, 1) != 0) {
		/* Gumbo aborted (its known assertions).  On the original page
		 * there is nothing to compare; on the stripped page alone it is a
		 * difference. */
		if (a == NULL) {
			rc = 1;
		} else {
			snprintf(why, whylen, "Gumbo aborts on the stripped page only");
			rc = -1;
		}
	} else {
		a = gumbo_parse_with_options(&ss.o, html, len);
		GumboOutput *c = gumbo_parse_with_options(&ss.o, ss.html, ss.len);
		rc = compare(a->document, c->document, why, whylen);
	}
	end(&ss);
	return rc;
}

/* Depth (elements not implied by Gumbo), reopened formatting elements. */
static int measure(const GumboNode *root, unsigned *depth, size_t *reopened)
{
	size_t cap = 256, n = 0;
	const GumboNode **st = malloc(cap * sizeof *st);
	unsigned *dp = malloc(cap * sizeof *dp);
	int rc = -1;
	if (st == NULL || dp == NULL)
		goto done;
	*depth = 0;
	*reopened = 0;
	st[n] = root;
	dp[n++] = 0;
	while (n) {
		const GumboNode *x = st[--n];
		unsigned d = dp[n];
		const GumboVector *k = kids(x);
		if (x->type == GUMBO_NODE_ELEMENT || x->type == GUMBO_NODE_TEMPLATE) {
			if (!(x->parse_flags & GUMBO_INSERTION_IMPLIED))
				d++;
			if (x->parse_flags & GUMBO_INSERTION_RECONSTRUCTED_FORMATTING_ELEMENT)
				(*reopened)++;
		}
		if (d > *depth)
			*depth = d;
		if (k == NULL)
			continue;
		if (n + k->length > cap) {
			while (n + k->length > cap)
				cap *= 2;
			const GumboNode **s2 = realloc(st, cap * sizeof *st);
			if (s2)
				st = s2;
			unsigned *d2 = realloc(dp, cap * sizeof *dp);
			if (d2)
				dp = d2;
			if (s2 == NULL || d2 == NULL)
				goto done;
		}
		for (unsigned i = 0; i < k->length; i++) {
			st[n] = k->data[i];
			dp[n++] = d;
		}
	}
	rc = 0;
done:
	free(st);
	free(dp);
	return rc;
}

int wn_treebounds(const char *html, size_t len, unsigned max_nesting,
                  unsigned max_attributes, char *why, size_t whylen)
{
	struct session ss;
	if (begin(&ss, html, len, max_nesting, max_attributes,
	          WN_PRESCAN_STRIP | WN_PRESCAN_SAFE | WN_PRESCAN_UNUSED_ATTRS |
	                  WN_PRESCAN_COLLAPSE_SPACE,
	          why, whylen) != 0)
		return -1;
	volatile int rc = 0;
	if (sigsetjmp(on_abort, 1) != 0) {
		snprintf(why, whylen, "Gumbo aborts on the prescanned page");
		rc = -1;
	} else {
		GumboOutput *out = gumbo_parse_with_options(&ss.o, ss.html, ss.len);
		unsigned depth;
		size_t reopened;
		const GumboNode *body = NULL;
		const GumboVector *top = &out->root->v.element.children;
		for (unsigned i = 0; i < top->length; i++) {
			const GumboNode *k = top->data[i];
			if (k->type == GUMBO_NODE_ELEMENT && k->v.element.tag == GUMBO_TAG_BODY)
				body = k;
		}
		if (measure(out->document, &depth, &reopened) != 0) {
			snprintf(why, whylen, "out of memory");
			rc = -1;
		} else if (depth > 2 * max_nesting + WN_TREEBOUNDS_SLACK) {
			snprintf(why, whylen, "nested %u deep, over 2 * %u", depth, max_nesting);
			rc = -1;
		} else if (out->root->v.element.attributes.length > max_attributes ||
		           (body && body->v.element.attributes.length > max_attributes)) {
			snprintf(why, whylen, "html or body with %u / %u attributes, over %u",
			         out->root->v.element.attributes.length,
			         body ? body->v.element.attributes.length : 0, max_attributes);
			rc = -1;
		} else if (reopened > 2 * WN_PRESCAN_CLONE_BUDGET(len)) {
			snprintf(why, whylen, "%zu formatting elements reopened, over 2 * %zu", reopened,
			         WN_PRESCAN_CLONE_BUDGET(len));
			rc = -1;
		}
	}
	end(&ss);
	return rc;
}
