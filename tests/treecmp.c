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

static int same_attrs(const GumboNode *a, const GumboNode *b)
{
	const GumboVector *x = &a->v.element.attributes, *y = &b->v.element.attributes;
	if (x->length != y->length)
		return 0;
	for (unsigned i = 0; i < x->length; i++) {
		const GumboAttribute *p = x->data[i], *q = y->data[i];
		if (strcmp(p->name, q->name) || strcmp(p->value, q->value))
			return 0;
	}
	return 1;
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
			if (strcmp(a->v.text.text, b->v.text.text) != 0) {
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

int wn_treecmp(const char *html, size_t len, char *why, size_t whylen)
{
	struct wn_buf b = WN_BUF_INIT;
	struct wn_prescan_stats st;
	if (wn_prescan(html, len, 0, 0, WN_PRESCAN_STRIP, &b, &st, NULL) != WN_OK) {
		snprintf(why, whylen, "prescan: out of memory");
		wn_buf_free(&b);
		return -1;
	}
	const char *html2 = st.rewritten ? (b.data ? b.data : "") : html;
	size_t len2 = st.rewritten ? b.size : len;
	struct wn_pool *pool = wn_pool_new((size_t)1 << 30);
	if (pool == NULL) {
		snprintf(why, whylen, "out of memory");
		wn_buf_free(&b);
		return -1;
	}
	GumboOptions o = kGumboDefaultOptions;
	o.max_errors = 0;
	o.allocator = pool_alloc;
	o.deallocator = pool_free;
	o.userdata = pool;
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = abort_handler;
	sigaction(SIGABRT, &sa, &old);
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
		a = gumbo_parse_with_options(&o, html, len);
		GumboOutput *c = gumbo_parse_with_options(&o, html2, len2);
		rc = compare(a->document, c->document, why, whylen);
	}
	sigaction(SIGABRT, &old, NULL);
	wn_pool_free(pool);
	wn_buf_free(&b);
	return rc;
}
