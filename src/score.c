/*
 * score.c - which blocks are the article.
 *
 * After readability (candidate containers), boilerpipe (shallow text
 * features) and jusText (short blocks judged by their neighbours):
 *
 * 1. Each block is judged on its own text: "good" (enough words, few of
 *    them links), "bad" (mostly link text: menus, link lists) or
 *    "neutral" (short: headings, bylines, labels, captions).
 * 2. The candidate is the element that maximises
 *        good text inside it - junk_weight * bad text inside it,
 *    text under a junk element inside it weighing marked_junk_weight;
 *    marked as the article it counts more, inside junk less
 *    (main_container, which also has the fallbacks).  Narrowing
 *    (descend) takes a child that holds nearly all of its text; an
 *    infinite-scroll page is narrowed to the article of the headline
 *    (first_article).
 * 2b. The region: the container and the parts of the article beside it
 *    that narrowing left out, or the posts of a stream (find_region).
 * 3. Inside the region, blocks under a junk element are dropped, good
 *    blocks kept; then the standfirst, an article element's start and,
 *    on a slideshow, its captions (keep_lead, keep_article_start,
 *    keep_only_captions).
 * 4. Neutral blocks are kept only between kept text of their part, a
 *    heading or a short opening line before it, the lines of a page of
 *    short lines (fill_short);
 *    data tables and link paragraphs inside the text (keep_tables,
 *    keep_link_paragraphs).  The headline is dropped: it is the title.
 * Text input has no elements: its region is chosen by score_text.c.
 */
#include <string.h>

#include <gumbo.h>

#include "date.h"
#include "page.h"
#include "rules.h"
#include "score.h"

/* Hints that make a block boilerplate when set below the main container. */
#define JUNK_HINTS                                                            \
	(WN_HINT_NAV | WN_HINT_HEADER | WN_HINT_FOOTER | WN_HINT_ASIDE |      \
	 WN_HINT_FORM | WN_HINT_COMMENT | WN_HINT_SHARE | WN_HINT_RELATED |  \
	 WN_HINT_AD)

/* Hints that drop a block inside the container but do not make its text
 * "bad" when choosing the container: bylines and captions sit beside the
 * article text in the same element. */
#define DROP_HINTS (JUNK_HINTS | WN_HINT_META | WN_HINT_FIGURE)

/* Reasons that later steps look at to change their mind: one string each,
 * compared by address. */
static const char REASON_OUTSIDE[] = "outside the main content";
static const char REASON_EDGE[] = "short, at the edge of the article";
static const char REASON_TITLE[] = "page title";
static const char REASON_LINK_TEXT[] = "link text";

/* Web addresses ("https://example.com/a/b-c-d"), alone or making up a
 * third of the block: their words are slugs, not prose. */
static int is_address(const struct wn_block *b)
{
	size_t in_urls = 0, i = 0;
	while (i < b->len) {
		size_t start = i;
		while (i < b->len && b->text[i] != ' ' && b->text[i] != '\n')
			i++;
		size_t n = i - start;
		const char *t = b->text + start;
		int url = n > 4 && memcmp(t, "www.", 4) == 0;
		for (size_t k = 0; !url && k + 3 <= n; k++)
			url = t[k] == ':' && t[k + 1] == '/' && t[k + 2] == '/';
		if (url)
			in_urls += n;
		i++;
	}
	return in_urls * 3 >= b->len;
}

static enum judgement judge(const struct wn_block *b, const struct wn_options *o)
{
	if (b->link_ratio > o->max_link_ratio)
		return BAD;
	if (is_address(b))
		return NEUTRAL;
	if (b->words >= o->short_words)
		return GOOD;
	return NEUTRAL;
}

/*
 * A list whose items nearly all start with a link is a list of links to
 * other pages ("Breaking news", "More stories"), even when each item has a
 * teaser sentence that reads like article text.  Marks the items.
 */
static int mark_link_lists(struct wn_page *pg, const struct wn_options *o)
{
	unsigned *items = wn_pool_alloc(pg->pool, 2 * pg->nelems * sizeof *items + 1);
	if (items == NULL)
		return -1;
	unsigned *linked = items + pg->nelems;
	memset(items, 0, 2 * pg->nelems * sizeof *items);
	for (size_t i = 0; i < pg->nblocks; i++) {
		const struct wn_iblock *ib = &pg->blocks[i];
		if (ib->pub.kind != WN_BLOCK_LIST_ITEM || ib->elem < 0)
			continue;
		int list = pg->elems[ib->elem].parent;
		if (list < 0)
			continue;
		items[list]++;
		if (ib->starts_linked && ib->pub.link_ratio >= o->list_link_ratio)
			linked[list]++;
	}
	for (size_t i = 0; i < pg->nblocks; i++) {
		struct wn_iblock *ib = &pg->blocks[i];
		if (ib->pub.kind != WN_BLOCK_LIST_ITEM || ib->elem < 0)
			continue;
		int list = pg->elems[ib->elem].parent;
		if (list >= 0 && items[list] >= 3 && linked[list] * 10 >= items[list] * 8)
			ib->in_link_list = 1;
	}
	wn_pool_release(pg->pool, items);
	return 0;
}

/* OR of the hints of the block's element and its ancestors up to, not
 * including, the element stop (-1: all the way up). */
static unsigned hints_below(const struct wn_page *pg, int elem, int stop)
{
	unsigned h = 0;
	for (int e = elem; e >= 0 && e != stop; e = pg->elems[e].parent)
		h |= pg->elems[e].hints;
	return h;
}

static int is_inside(const struct wn_page *pg, int elem, int container)
{
	if (container < 0)
		return 1;
	for (int e = elem; e >= 0; e = pg->elems[e].parent)
		if (e == container)
			return 1;
	return 0;
}

/* What a candidate holds for choosing and narrowing: its article text,
 * and short text weighted by nw (0 unless the page has no article text
 * outside marked junk). */
static double held_text(const struct wn_elem *el, double nw)
{
	return el->good + nw * el->neutral;
}

/*
 * The best container can be a layout row that holds the article and a
 * sidebar with a little prose of its own.  While one child container holds
 * nearly all the text of the chosen one (descend_share), the child is
 * the better answer.  What the narrowing leaves out is gathered back when
 * it is part of the article (find_region()).
 */
static int descend(struct wn_page *pg, int best, double nw, const struct wn_options *o)
{
	if (best < 0 || o->descend_share <= 0 || o->descend_share > 1)
		return best;
	int *top = wn_pool_alloc(pg->pool, pg->nelems * sizeof *top + 1);
	if (top == NULL)
		return best;
	for (size_t i = 0; i < pg->nelems; i++)
		top[i] = -1;
	/* Parents come before their children: one pass finds, for every
	 * element, its child container with the most text. */
	for (size_t i = 0; i < pg->nelems; i++) {
		int p = pg->elems[i].parent;
		/* A child marked as junk holds text its parent counts as junk:
		 * the article never narrows into it (a comment thread longer
		 * than the article beside it). */
		if (p < 0 || !pg->elems[i].container ||
		    ((pg->elems[i].hints & JUNK_HINTS) && !(pg->elems[p].chain & JUNK_HINTS)))
			continue;
		if (top[p] < 0 || held_text(&pg->elems[i], nw) > held_text(&pg->elems[top[p]], nw))
			top[p] = (int)i;
	}
	while (top[best] >= 0 && held_text(&pg->elems[best], nw) > 0 &&
	       held_text(&pg->elems[top[best]], nw) >= o->descend_share * held_text(&pg->elems[best], nw))
		best = top[best];
	wn_pool_release(pg->pool, top);
	return best;
}

/* Step 2: credit every ancestor of every block with its text. */
static void credit(struct wn_page *pg, const enum judgement *j)
{
	for (size_t i = 0; i < pg->nelems; i++)
		pg->elems[i].good = pg->elems[i].bad = pg->elems[i].junk = pg->elems[i].neutral = 0;
	for (size_t i = 0; i < pg->nblocks; i++) {
		const struct wn_iblock *ib = &pg->blocks[i];
		const struct wn_block *b = &ib->pub;
		/* Link lists are no evidence of where the article is: teaser
		 * lists sit beside it, and some articles are such lists. */
		if (ib->in_link_list || (b->hints & WN_HINT_HIDDEN))
			continue;
		double text = (double)b->chars - b->link_chars;
		unsigned below = 0;
		for (int e = ib->elem; e >= 0; e = pg->elems[e].parent) {
			struct wn_elem *el = &pg->elems[e];
			if (j[i] == BAD)
				el->bad += b->link_chars;
			else if (below & JUNK_HINTS)
				el->junk += b->chars;
			else if (j[i] == GOOD)
				el->good += text;
			else
				el->neutral += text;
			below |= el->hints;
		}
	}
	for (size_t i = 0; i < pg->nelems; i++) {
		struct wn_elem *el = &pg->elems[i];
		/* Parents come before their children in elems. */
		el->chain = el->hints | (el->parent >= 0 ? pg->elems[el->parent].chain : 0);
	}
}

/* The best candidate container, its short text weighted by nw, its link
 * text subtracted or, with density, weighed by its share, leaving out
 * candidates in the junk of skip; -1 when none has a positive score. */
static int pick_container(const struct wn_page *pg, double nw, int density, unsigned skip,
                          const struct wn_options *o)
{
	int best = -1;
	double best_score = 0;
	for (size_t i = 0; i < pg->nelems; i++) {
		const struct wn_elem *el = &pg->elems[i];
		if (!el->container || (el->chain & skip))
			continue;
		double held = held_text(el, nw), s;
		if (density) /* scaled by its share of article text, as readability does */
			s = held > 0 ? held * held / (held + o->junk_weight * el->bad) : 0;
		else
			s = held - o->junk_weight * el->bad;
		s -= o->marked_junk_weight * el->junk;
		/* A candidate inside comments, a sidebar, a cookie banner ... is
		 * less likely the article; one marked as the article more so. */
		if (el->chain & JUNK_HINTS)
			s *= o->junk_container_factor;
		if (el->chain & WN_HINT_ARTICLE)
			s *= o->article_container_factor;
		/* Later elements are deeper or later in the page: on a tie keep the
		 * first, which is the outer one. */
		if (s > best_score) {
			best_score = s;
			best = (int)i;
		}
	}
	return best;
}

/*
 * The candidate chosen on article text less link text.  When that lies
 * in a comment thread, the best candidate outside all marked junk, if
 * any (a thread longer than the article).  When it is marked junk, or
 * there is none: the candidate chosen on article text
 * scaled by its share of link text, if it is no junk (a box of links
 * inside a short article sank it); else, on a page whose only article
 * text is marked junk (a cookie notice beside a post of short lines), or
 * that has none, the candidate chosen on short text too, when that one
 * is no junk.  *nw gets the weight of short text used.
 */
static int main_container(struct wn_page *pg, const enum judgement *j,
                          const struct wn_options *o, double *nw)
{
	credit(pg, j);
	*nw = 0;
	int best = pick_container(pg, 0, 0, 0, o);
	if (best >= 0 && (pg->elems[best].chain & WN_HINT_COMMENT)) {
		/* A comment thread longer than the article beside it: any
		 * candidate outside all marked junk is the article. */
		int alt = pick_container(pg, 0, 0, JUNK_HINTS, o);
		if (alt >= 0)
			return alt;
	}
	/* Link text can sink the article: link lists inside it (a box of
	 * video links) below a sidebar's text, or its "related" paragraphs,
	 * all links, below a candidate with a fraction of its text (the
	 * headline's own cell beside the story's, sunk_text_factor).  Then
	 * the candidate chosen with links weighed by their share wins. */
	int junk = best < 0 || (pg->elems[best].chain & JUNK_HINTS);
	if (junk || o->sunk_text_factor > 0) {
		int alt = pick_container(pg, 0, 1, 0, o);
		if (alt >= 0 && !(pg->elems[alt].chain & JUNK_HINTS) &&
		    (junk || pg->elems[alt].good >= o->sunk_text_factor * pg->elems[best].good))
			return alt;
	}
	if (o->neutral_weight > 0 && junk) {
		int alt = pick_container(pg, o->neutral_weight, 0, 0, o);
		if (alt >= 0 && !(pg->elems[alt].chain & JUNK_HINTS)) {
			*nw = o->neutral_weight;
			best = alt;
		}
	}
	return best;
}

/*
 * Which elements the article is made of (step 2b).  Narrowing from the
 * best candidate a to its child b can leave parts of the article out: a
 * first paragraph beside the wrapper of the rest, a section cut off by an
 * ad.  Every sibling of an element on the path from b up to a is gathered
 * when it is no marked junk and mostly article text (gather_share);
 * after b only a part of the same kind as the path (the next section), or
 * a paragraph.  When a is a stream of posts (stream_of), the posts are
 * such parts.  Fills root[] (1 for b and each gathered part) and
 * in_region[] (1 for every element inside one of them), and the hints
 * that each element's block gets from its region: below[] and, for the
 * standfirst, below_lead[] without the META of an article's own header.
 */
struct region {
	unsigned char *root, *in, *path;
	int *part;       /* the root (b or a gathered part) an element is in */
	unsigned *below, *below_lead;
	int container;   /* b */
	int candidate;   /* a */
};

/* The next class token of s (n bytes); *len gets its length. */
static const char *next_token(const char *s, size_t *len)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')
		s++;
	size_t n = 0;
	while (s[n] && s[n] != ' ' && s[n] != '\t' && s[n] != '\n' && s[n] != '\r' && s[n] != '\f')
		n++;
	*len = n;
	return n ? s : NULL;
}

/* The class tokens of x and y that they share, looking at the first 16
 * of each ("post-comment first" and "post-comment" share one; WordPress's
 * "post-12 post type-post" and "post-34 post type-post" two). */
static unsigned shared_tokens(const char *x, const char *y, unsigned *nx, unsigned *ny)
{
	unsigned shared = 0;
	size_t lx, ly;
	*nx = *ny = 0;
	for (const char *a = next_token(x, &lx); a && *nx < 16; a = next_token(a + lx, &lx)) {
		(*nx)++;
		unsigned k = 0;
		for (const char *b = next_token(y, &ly); b && k < 16; b = next_token(b + ly, &ly), k++)
			if (lx == ly && memcmp(a, b, lx) == 0) {
				shared++;
				break;
			}
	}
	for (const char *b = next_token(y, &ly); b && *ny < 16; b = next_token(b + ly, &ly))
		(*ny)++;
	return shared;
}

/* Two parts of one article split by an ad or a figure, or two posts of a
 * stream, are alike: the same tag and class (sections may have none);
 * loosely, classes that share half the tokens of the shorter one and the
 * first ("post-comment first" and "post-comment"). */
static int same_kind(const struct wn_elem *x, const struct wn_elem *y, int loose)
{
	if (x->tag != y->tag)
		return 0;
	if (x->cls == NULL || y->cls == NULL)
		return x->cls == y->cls && x->tag == GUMBO_TAG_SECTION;
	if (!loose)
		return strcmp(x->cls, y->cls) == 0;
	size_t lx, ly;
	const char *fx = next_token(x->cls, &lx), *fy = next_token(y->cls, &ly);
	if (fx == NULL || fy == NULL || lx != ly || memcmp(fx, fy, lx) != 0)
		return 0;
	unsigned nx, ny, shared = shared_tokens(x->cls, y->cls, &nx, &ny);
	unsigned fewer = nx < ny ? nx : ny;
	return shared > 0 && 2 * shared >= fewer;
}

static int is_title(struct wn_page *pg, const struct wn_block *b);

/* The article of the headline (block h) when the container b lies in a
 * later article of the same kind that starts with a heading of its own
 * (the next article, longer, was chosen); else b. */
static int article_of_headline(const struct wn_page *pg, int b, size_t h)
{
	int xb = -1, c = b;
	for (; c >= 0 && !is_inside(pg, pg->blocks[h].elem, c); c = pg->elems[c].parent)
		xb = c;
	if (c < 0 || xb < 0)
		return b;
	int xh = -1;
	for (int e = pg->blocks[h].elem; e >= 0 && e != c; e = pg->elems[e].parent)
		xh = e;
	/* xh must hold article text of its own: a site's header beside the
	 * post, of the same layout class, has only its name as a heading. */
	if (xh < 0 || xh > xb || !pg->elems[xh].container || !pg->elems[xb].container ||
	    pg->elems[xh].good <= 0 || !same_kind(&pg->elems[xh], &pg->elems[xb], 0))
		return b;
	/* xb starts with a heading as high as the headline, or is an
	 * <article> that starts with a heading */
	for (size_t k = h + 1; k < pg->nblocks; k++) {
		const struct wn_iblock *ib = &pg->blocks[k];
		if (ib->elem < 0 || !is_inside(pg, ib->elem, xb))
			continue;
		if (ib->pub.kind == WN_BLOCK_HEADING &&
		    (pg->elems[xb].tag == GUMBO_TAG_ARTICLE ||
		     ib->pub.level <= pg->blocks[h].pub.level))
			return xh;
		break;
	}
	return b;
}

/*
 * Infinite scroll: the container holds the page's article and, after it,
 * the next one, an element of the same kind (tag and class) that starts
 * with a heading of its own.  The container is narrowed to the element of
 * that kind which holds the page's headline.  Returns b or that element.
 */
static int first_article(struct wn_page *pg, int b)
{
	if (b < 0)
		return b;
	size_t h = 0;
	while (h < pg->nblocks && !(pg->blocks[h].pub.kind == WN_BLOCK_HEADING &&
	                            pg->blocks[h].elem >= 0 && is_title(pg, &pg->blocks[h].pub)))
		h++;
	if (h == pg->nblocks)
		return b;
	if (!is_inside(pg, pg->blocks[h].elem, b))
		return article_of_headline(pg, b, h);
	unsigned char *path = wn_pool_alloc(pg->pool, pg->nelems + 1);
	if (path == NULL)
		return b;
	memset(path, 0, pg->nelems);
	for (int e = pg->blocks[h].elem; e >= 0 && e != b; e = pg->elems[e].parent)
		path[e] = 1;
	path[b] = 1;
	int narrowed = b;
	for (size_t k = h + 1; k < pg->nblocks && narrowed == b; k++) {
		const struct wn_iblock *ib = &pg->blocks[k];
		if (ib->pub.kind != WN_BLOCK_HEADING || ib->elem < 0 ||
		    !is_inside(pg, ib->elem, b))
			continue;
		/* x: the heading's ancestor whose parent is on the headline's
		 * path; y: the path's element beside it. */
		int x = ib->elem;
		while (x >= 0 && !path[x] && pg->elems[x].parent >= 0 && !path[pg->elems[x].parent])
			x = pg->elems[x].parent;
		if (x < 0 || path[x])
			continue;
		int parent = pg->elems[x].parent, y = -1;
		for (int e = pg->blocks[h].elem; e >= 0 && e != parent; e = pg->elems[e].parent)
			y = e;
		/* the heading starts x (the block before it lies outside x), and
		 * x is an article of its own: an <article>, or a heading as high
		 * as the headline (sections of one article have lower ones) */
		if (y >= 0 && pg->elems[y].container && pg->elems[x].container &&
		    same_kind(&pg->elems[x], &pg->elems[y], 0) &&
		    !is_inside(pg, pg->blocks[k - 1].elem, x) &&
		    (pg->elems[x].tag == GUMBO_TAG_ARTICLE || ib->pub.level <= pg->blocks[h].pub.level))
			narrowed = y;
	}
	wn_pool_release(pg->pool, path);
	return narrowed;
}

/*
 * A stream of posts (a blog's front page, a forum thread): the candidate,
 * or one of its few nearest ancestors, has a sibling of the same kind
 * (tag and class) that holds half as much article text, up to
 * stream_post_chars, and is no other junk than it.  Returns their parent,
 * the stream, or a.
 */
static int stream_of(const struct wn_page *pg, int a, const struct wn_options *o)
{
	if (a < 0 || o->stream_post_chars == 0)
		return a;
	/* Posts as long as half of this one, up to stream_post_chars; in the
	 * junk the candidate is in, if any (a forum's posts are "comments"). */
	unsigned accept = pg->elems[a].chain & JUNK_HINTS;
	int e = a;
	for (int up = 0; up < 3 && e >= 0 && pg->elems[e].parent >= 0; up++, e = pg->elems[e].parent) {
		const struct wn_elem *el = &pg->elems[e];
		double text = el->good + (accept ? el->junk : 0);
		double need = text / 2 < o->stream_post_chars ? text / 2 : o->stream_post_chars;
		if (need <= 0)
			continue;
		for (size_t i = 0; i < pg->nelems; i++) {
			const struct wn_elem *s = &pg->elems[i];
			if ((int)i != e && s->parent == el->parent && same_kind(s, el, accept != 0) &&
			    s->good + (accept ? s->junk : 0) >= need &&
			    !(s->chain & JUNK_HINTS & ~accept))
				return el->parent;
		}
	}
	return a;
}

static int find_region(struct wn_page *pg, int a, int b, int stream,
                       const struct wn_options *o, struct region *r)
{
	size_t n = pg->nelems;
	r->container = b;
	r->candidate = a;
	r->root = wn_pool_alloc(pg->pool, 3 * n + 1);
	r->below = wn_pool_alloc(pg->pool, 2 * n * sizeof *r->below + 1);
	int *on_path = wn_pool_alloc(pg->pool, 2 * n * sizeof *on_path + 1);
	r->part = wn_pool_alloc(pg->pool, n * sizeof *r->part + 1);
	if (r->root == NULL || r->below == NULL || on_path == NULL || r->part == NULL)
		return -1;
	r->in = r->root + n;
	r->path = r->root + 2 * n;
	r->below_lead = r->below + n;
	memset(r->root, 0, 3 * n);
	if (b < 0) {
		/* No container: the whole page is the region. */
		for (size_t i = 0; i < n; i++) {
			int p = pg->elems[i].parent;
			unsigned h = pg->elems[i].hints;
			r->in[i] = 1;
			r->part[i] = -1;
			r->below[i] = h | (p >= 0 ? r->below[p] : 0);
			r->below_lead[i] = r->below[i];
		}
		return 0;
	}
	/* on_path[p]: the child of p on the path from b up to a; prev[p]:
	 * the sibling just before it. */
	int *prev = on_path + n;
	for (size_t i = 0; i < n; i++)
		on_path[i] = prev[i] = -1;
	for (int e = b; e >= 0; e = pg->elems[e].parent) {
		r->path[e] = 1;
		if (e == a)
			break;
		if (pg->elems[e].parent >= 0)
			on_path[pg->elems[e].parent] = e;
	}
	r->root[b] = 1;
	/* In a stream of posts, the junk the posts are marked as (a forum
	 * thread whose posts are "comments", chosen for want of anything
	 * else) is the article's kind, not junk inside it. */
	unsigned accept = 0;
	for (int e = b; stream && e >= 0 && e != a; e = pg->elems[e].parent)
		accept |= pg->elems[e].hints & JUNK_HINTS;
	if (o->gather_share > 0 && a >= 0 && a != b) {
		for (size_t i = 0; i < n; i++) {
			const struct wn_elem *el = &pg->elems[i];
			int p = el->parent;
			if (p < 0 || !r->path[p] || p == b || r->path[i])
				continue;
			/* The heading just before a part of the path is its title
			 * (a post's heading beside its body). */
			if ((int)i < on_path[p])
				prev[p] = (int)i;
			double good = el->good + (accept ? el->junk : 0);
			if ((el->hints & JUNK_HINTS & ~accept) || good <= 0)
				continue;
			double all = el->good + el->neutral + el->bad + el->junk;
			if (good < o->gather_share * all)
				continue;
			if ((int)i > b && el->container &&
			    !same_kind(el, &pg->elems[on_path[p]], accept != 0))
				continue;
			r->root[i] = 1;
		}
		for (int e = b; e >= 0 && e != a; e = pg->elems[e].parent) {
			int h = prev[pg->elems[e].parent];
			if (h >= 0 && pg->elems[h].tag >= GUMBO_TAG_H1 && pg->elems[h].tag <= GUMBO_TAG_H6 &&
			    !(pg->elems[h].hints & JUNK_HINTS))
				r->root[h] = 1;
		}
	}
	for (size_t i = 0; i < n; i++) {
		const struct wn_elem *el = &pg->elems[i];
		int p = el->parent;
		unsigned h = (int)i == b ? 0 : el->hints & ~accept;
		/* A "date" or "author" word on an element that holds whole
		 * paragraphs names an entry, not its byline. */
		if (el->good > o->byline_max_chars)
			h &= ~WN_HINT_META;
		unsigned hl = el->soft_meta ? h & ~WN_HINT_META : h;
		if (r->root[i]) {
			r->in[i] = 1;
			r->part[i] = (int)i;
			r->below[i] = h;
			r->below_lead[i] = hl;
		} else {
			r->in[i] = p >= 0 && r->in[p];
			r->part[i] = r->in[i] ? r->part[p] : -1;
			r->below[i] = h | (p >= 0 ? r->below[p] : 0);
			r->below_lead[i] = hl | (p >= 0 ? r->below_lead[p] : 0);
		}
	}
	wn_pool_release(pg->pool, on_path);
	return 0;
}

/* The block lies in the article's region: inside the container or a
 * gathered part, or it is article text loose in an element between them
 * ("<div class=story>First paragraph<div class=inner>..."). */
static int in_region(const struct region *r, const struct wn_iblock *ib, enum judgement j)
{
	if (r->container < 0 || ib->elem < 0)
		return 1;
	return r->in[ib->elem] ||
	       (j == GOOD && ib->pub.kind == WN_BLOCK_TEXT && r->path[ib->elem]);
}

/* The block repeats the page's headline: og:title, <title> ("Headline |
 * Site" holds it), or on a text page the title found in the text, also
 * as its slug (repeats.c). */
static int is_title(struct wn_page *pg, const struct wn_block *b)
{
	if (b->words > 40)
		return 0;
	if (pg->is_text)
		return wn_repeats_title(pg, b->text, b->len);
	if ((*pg->og_title && strcmp(b->text, pg->og_title) == 0) ||
	    (*pg->title && strcmp(b->text, pg->title) == 0))
		return 1;
	/* The page's first h1 is its headline, whatever the title says. */
	if (b->kind == WN_BLOCK_HEADING && b->level == 1 && b->text == pg->h1)
		return 1;
	return b->kind == WN_BLOCK_HEADING && b->len >= 10 && *pg->title &&
	       strstr(pg->title, b->text) != NULL;
}

/* The element whose flow of text holds the block: its own element for
 * loose text, the parent of its p, li ... otherwise. */
static int flow_parent(const struct wn_page *pg, const struct wn_iblock *ib)
{
	if (ib->elem < 0 || ib->pub.kind == WN_BLOCK_TEXT)
		return ib->elem;
	return pg->elems[ib->elem].parent;
}

/* A short paragraph at the edge of the article that is a sentence in the
 * same flow as the kept block next to it ("Officials did not comment.").
 * Bylines, dates and labels end no sentence or sit in elements of their
 * own. */
static int is_closing_sentence(const struct wn_page *pg, const struct wn_iblock *ib,
                               size_t kept)
{
	const struct wn_block *b = &ib->pub;
	if (b->kind != WN_BLOCK_PARAGRAPH && b->kind != WN_BLOCK_TEXT)
		return 0;
	if (ib->sentences == 0 || b->link_ratio > 0 || b->words < 3)
		return 0;
	return flow_parent(pg, ib) == flow_parent(pg, &pg->blocks[kept]);
}

/* A short line just before the first kept block, in its flow of text: a
 * label that opens the article ("Abstract", "Introduction") set as a
 * paragraph.  No link, no byline and no date line. */
static int opens_article(struct wn_page *pg, const struct wn_iblock *ib, size_t kept)
{
	const struct wn_block *b = &ib->pub;
	char date[WN_DATE_MAX];
	if (b->kind != WN_BLOCK_PARAGRAPH && b->kind != WN_BLOCK_TEXT)
		return 0;
	if (b->words == 0 || b->link_chars > 0 || ib->in_link_list || pg->is_text)
		return 0;
	if (flow_parent(pg, ib) != flow_parent(pg, &pg->blocks[kept]))
		return 0;
	return wn_byline_names(pg, b->text, b->len, 1) == NULL &&
	       !wn_date_find(b->text, b->len, 0, date);
}

static void label(struct wn_iblock *ib, wn_decision d, const char *reason)
{
	ib->pub.decision = d;
	ib->pub.reason = reason;
}

/* A heading whose own class or id says comments ("<h2 id=comments>")
 * opens the comments, also where they follow the article in its own
 * element (a flat blog template). */
static int comments_heading(const struct wn_page *pg, const struct wn_iblock *ib)
{
	return !pg->is_text && ib->pub.kind == WN_BLOCK_HEADING && ib->elem >= 0 &&
	       (pg->elems[ib->elem].hints & WN_HINT_COMMENT);
}

/* The block after block i goes on with the text in the same element: a
 * paragraph of article text beside it ("<h3>The editors say:</h3><p>..."
 * inside the article).  A comment section's first line stands apart from
 * the comments it heads. */
static int continues_text(const struct wn_page *pg, const struct wn_options *o, size_t i)
{
	if (pg->is_text || i + 1 >= pg->nblocks || pg->blocks[i].elem < 0)
		return 0;
	const struct wn_iblock *ib = &pg->blocks[i], *next = &pg->blocks[i + 1];
	int parent = pg->elems[ib->elem].parent;
	return judge(&next->pub, o) == GOOD && !next->rule_scope &&
	       next->pub.kind == WN_BLOCK_PARAGRAPH &&
	       ib->pub.kind == WN_BLOCK_HEADING && next->elem >= 0 && parent >= 0 &&
	       pg->elems[next->elem].parent == parent && !(pg->elems[parent].hints & JUNK_HINTS);
}

/*
 * Where a "rest" rule (a legal notice, a comment form, "Related posts")
 * closes what follows: it must come after article text inside the
 * container, or it is only a block rule.  Sets *cut to the firing block
 * (pg->nblocks when none) and *scope to the element whose rest goes: on a
 * text page all of it (-1); in HTML the section the block heads, that is
 * its nearest ancestor that also holds the next block, at most the
 * container ("Related articles" over a box of links inside the article
 * takes the box, not the article).
 */
static void rest_cut(const struct wn_page *pg, const enum judgement *j,
                     const struct region *r, size_t *cut, int *scope)
{
	int article_seen = 0;
	*cut = pg->nblocks;
	*scope = -1;
	for (size_t i = 0; i < pg->nblocks; i++) {
		const struct wn_iblock *ib = &pg->blocks[i];
		if (!in_region(r, ib, j[i]))
			continue;
		if ((ib->rule_scope == WN_SCOPE_REST || comments_heading(pg, ib)) && article_seen) {
			*cut = i;
			if (pg->is_text || ib->elem < 0 || i + 1 >= pg->nblocks)
				return;
			int next = pg->blocks[i + 1].elem;
			int e = ib->elem;
			while (e >= 0 && e != r->candidate && !is_inside(pg, next, e))
				e = pg->elems[e].parent;
			*scope = e >= 0 ? e : r->candidate;
			return;
		}
		if (j[i] == GOOD && ib->rule_scope < WN_SCOPE_BLOCK)
			article_seen = 1;
	}
}

/* The first kept block, or pg->nblocks when none is. */
static size_t first_kept(const struct wn_page *pg)
{
	size_t i = 0;
	while (i < pg->nblocks && pg->blocks[i].pub.decision != WN_KEEP)
		i++;
	return i;
}

/* A paragraph of running text (not a heading, a cell, a list item). */
static int is_prose(const struct wn_iblock *ib)
{
	wn_block_kind k = ib->pub.kind;
	return k == WN_BLOCK_PARAGRAPH || k == WN_BLOCK_TEXT || k == WN_BLOCK_QUOTE;
}

/* The element within which a standfirst may stand: the nearest element
 * marked as the article around the container, else the parent of the
 * candidate the container was narrowed from. */
static int lead_scope(const struct wn_page *pg, const struct region *r)
{
	for (int e = r->container; e >= 0; e = pg->elems[e].parent)
		if (pg->elems[e].hints & WN_HINT_ARTICLE)
			return e;
	int a = r->candidate;
	return a >= 0 && pg->elems[a].parent >= 0 ? pg->elems[a].parent : a;
}

/* The headline (a heading that is the page's title) among the max blocks
 * before first: its index, or first when there is none. */
static size_t headline_before(struct wn_page *pg, size_t first, size_t max)
{
	for (size_t i = first; i-- > 0 && first - i <= max;) {
		const struct wn_block *b = &pg->blocks[i].pub;
		if (b->kind == WN_BLOCK_HEADING && b->decision == WN_DROP && is_title(pg, b))
			return i;
	}
	return first;
}

/*
 * The standfirst (step 3b): going back from the first kept block over at
 * most lead_blocks blocks (or back to the headline, when it is near),
 * past headings, bylines, captions and other short or marked lines, a
 * paragraph of running text in the article's element (or marked as a
 * lead) is its first paragraph.  A paragraph of article text outside the
 * region ends the search: something else stands there.
 */
static void keep_lead(struct wn_page *pg, const enum judgement *j, const struct region *r,
                      const struct wn_options *o)
{
	size_t first = first_kept(pg);
	if (first == pg->nblocks || o->lead_blocks == 0 || r->container < 0)
		return;
	int scope = lead_scope(pg, r);
	size_t span = o->lead_blocks, head = headline_before(pg, first, 4 * span);
	if (head < first) {
		/* The standfirst stands between the headline and the text,
		 * however many share buttons and bylines lie between: the scope
		 * is the element that holds both. */
		span = first - head - 1;
		for (int e = pg->blocks[head].elem; e >= 0; e = pg->elems[e].parent)
			if (is_inside(pg, r->container, e)) {
				if (scope < 0 || is_inside(pg, scope, e))
					scope = e;
				break;
			}
	}
	for (size_t i = first, seen = 0; i-- > 0 && seen < span;) {
		struct wn_iblock *ib = &pg->blocks[i];
		const struct wn_block *b = &ib->pub;
		if (b->words == 0)
			continue;
		seen++;
		char date[WN_DATE_MAX];
		if (ib->rule_scope >= WN_SCOPE_BLOCK || ib->elem < 0 || ib->in_link_list ||
		    (b->hints & WN_HINT_HIDDEN))
			continue;
		int marked = (b->hints & WN_HINT_LEAD) != 0;
		/* a dek marked as such may be set as a sub-heading */
		int lead = (is_prose(ib) || (marked && b->kind == WN_BLOCK_HEADING)) &&
		           b->words >= o->lead_words &&
		           b->link_ratio <= o->lead_link_ratio &&
		           (ib->sentences > 0 || marked || head < first) &&
		           (marked || is_inside(pg, ib->elem, scope));
		if (lead) {
			/* Marked junk between it and the scope's top: not a lead. */
			unsigned h = 0;
			for (int e = ib->elem; e >= 0 && e != scope; e = pg->elems[e].parent)
				h |= pg->elems[e].soft_meta ? pg->elems[e].hints & ~WN_HINT_META
				                            : pg->elems[e].hints;
			if ((h & (DROP_HINTS & ~WN_HINT_META)) ||
			    ((h & WN_HINT_META) && !marked) || is_title(pg, b))
				lead = 0;
			/* "Posted by timothy on Tuesday July 24": a byline, a
			 * date line. */
			else if (wn_byline_names(pg, b->text, b->len, 1) != NULL ||
			         (b->words < 2 * o->lead_words && wn_date_find(b->text, b->len, 0, date)))
				lead = 0;
		}
		if (lead) {
			label(ib, WN_KEEP, "standfirst");
			continue;
		}
		if (j[i] == GOOD && b->decision != WN_KEEP &&
		    !(b->hints & (JUNK_HINTS | WN_HINT_FIGURE | WN_HINT_META)))
			return;
	}
}

/* The part of the region a block is in: the root element of its
 * container or gathered part; -1 for a text page or a loose block. */
static int part_of(const struct region *r, const struct wn_iblock *ib)
{
	if (r->part == NULL || ib->elem < 0)
		return -1;
	return r->part[ib->elem];
}

/* A line of a page made of short lines: undecided, a few words, not a
 * heading nor a link. */
static int is_short_line(const struct wn_iblock *ib, const struct wn_options *o)
{
	return ib->pub.decision == WN_UNDECIDED && ib->pub.kind != WN_BLOCK_HEADING &&
	       ib->pub.words >= o->short_line_words && ib->pub.link_ratio == 0 &&
	       !ib->in_link_list;
}

/*
 * Short blocks (step 4): a short block is kept between kept text of the
 * same part (a sub-heading, a short paragraph mid-article), a heading
 * when kept text of its part follows it closely; a short sentence at an
 * edge in the flow of the text beside it, and the short line just before
 * the first kept block in its flow (opens_article).  Bylines, dates and labels
 * between a gathered part and the container are not between kept text.
 */
static int fill_short(struct wn_page *pg, const struct region *r, const struct wn_options *o)
{
	size_t n = pg->nelems + 1;
	size_t *first = wn_pool_alloc(pg->pool, 2 * n * sizeof *first);
	if (first == NULL)
		return -1;
	size_t *last = first + n;
	for (size_t i = 0; i < n; i++) {
		first[i] = pg->nblocks;
		last[i] = 0;
	}
	size_t all_first = pg->nblocks, all_last = 0;
	for (size_t i = 0; i < pg->nblocks; i++) {
		if (pg->blocks[i].pub.decision != WN_KEEP)
			continue;
		size_t k = (size_t)(part_of(r, &pg->blocks[i]) + 1);
		if (first[k] == pg->nblocks)
			first[k] = i;
		last[k] = i;
		if (all_first == pg->nblocks)
			all_first = i;
		all_last = i;
	}
	/* A page of short lines only (a photo post, a list of dates): with no
	 * article text anywhere, the short lines of the container are it. */
	int short_page = 0;
	if (all_first == pg->nblocks && !pg->is_text && r->container >= 0 &&
	    !(pg->elems[r->container].chain & JUNK_HINTS)) {
		unsigned lines = 0;
		for (size_t i = 0; i < pg->nblocks; i++)
			lines += is_short_line(&pg->blocks[i], o);
		short_page = o->short_page_lines > 0 && lines >= o->short_page_lines;
	}
	for (size_t i = 0; i < pg->nblocks; i++) {
		struct wn_iblock *ib = &pg->blocks[i];
		if (ib->pub.decision != WN_UNDECIDED)
			continue;
		size_t k = (size_t)(part_of(r, ib) + 1);
		size_t next = i + 1;
		while (next < pg->nblocks && next <= i + 2 && pg->blocks[next].pub.decision != WN_KEEP)
			next++;
		if (first[k] < i && i < last[k])
			label(ib, WN_KEEP, "short, inside the article");
		else if (all_first < pg->nblocks &&
		         is_closing_sentence(pg, ib, i < all_first ? all_first : all_last))
			label(ib, WN_KEEP, "short sentence beside the article");
		else if (all_first < pg->nblocks && i + 1 == all_first &&
		         opens_article(pg, ib, all_first))
			label(ib, WN_KEEP, "short, opening the article");
		else if (ib->pub.kind == WN_BLOCK_HEADING && next < pg->nblocks && next <= i + 2 &&
		         (part_of(r, &pg->blocks[next]) == part_of(r, ib) ||
		          (ib->elem >= 0 && part_of(r, ib) == ib->elem)))
			label(ib, WN_KEEP, "heading before the article");
		else if (ib->in_link_list)
			label(ib, WN_DROP, "list of links");
		else if (short_page && (is_short_line(ib, o) ||
		                        (ib->pub.kind == WN_BLOCK_HEADING && ib->pub.level > 1)))
			label(ib, WN_KEEP, "short line of a page without longer text");
		else
			label(ib, WN_DROP, REASON_EDGE);
	}
	wn_pool_release(pg->pool, first);
	return 0;
}

/*
 * The start of an article element (step 3c): between its headline and its
 * first paragraph of article text stand short blocks that are the
 * article's too: an intro line, an ingredient list, a fact box.  Kept
 * when the container is marked as the article and they are no link, no
 * byline and no date line.
 */
static void keep_article_start(struct wn_page *pg, const enum judgement *j,
                               const struct region *r)
{
	if (r->container < 0)
		return;
	/* The article element: the container or an element around it, up
	 * to the candidate it was narrowed from. */
	int art = r->container;
	while (art >= 0 && !(pg->elems[art].hints & WN_HINT_ARTICLE) && art != r->candidate)
		art = pg->elems[art].parent;
	if (art < 0 || !(pg->elems[art].hints & WN_HINT_ARTICLE))
		return;
	size_t first = first_kept(pg);
	if (first == pg->nblocks)
		return;
	for (size_t i = first; i-- > 0;) {
		struct wn_iblock *ib = &pg->blocks[i];
		const struct wn_block *b = &ib->pub;
		if (ib->elem < 0 || !is_inside(pg, ib->elem, art))
			break;
		if (b->decision == WN_DROP && b->reason == REASON_TITLE)
			break;
		if (b->kind == WN_BLOCK_HEADING || b->decision == WN_KEEP)
			continue;
		/* Outside the container, in the article element: short text that
		 * no marked part holds. */
		if (b->decision == WN_DROP &&
		    (j[i] != NEUTRAL || b->reason != REASON_OUTSIDE ||
		     (hints_below(pg, ib->elem, art) & DROP_HINTS)))
			continue;
		char date[WN_DATE_MAX];
		if (b->link_chars > 0 || ib->in_link_list || b->words == 0 ||
		    wn_byline_names(pg, b->text, b->len, 1) != NULL ||
		    wn_date_find(b->text, b->len, 0, date))
			continue;
		label(ib, WN_KEEP, "short, at the start of the article element");
	}
}

/*
 * A data table that the article's text runs into (step 4b): its cells are
 * short, but when the block just before the table or just after it is
 * kept, in the same part, the table is the article's.
 */
static void keep_tables(struct wn_page *pg, const struct region *r)
{
	size_t i = 0;
	while (i < pg->nblocks) {
		int t = wn_place_of(pg, &pg->blocks[i])->table;
		if (t < 0) {
			i++;
			continue;
		}
		size_t end = i;
		while (end < pg->nblocks && wn_place_of(pg, &pg->blocks[end])->table == t)
			end++;
		int part = part_of(r, &pg->blocks[i]);
		int joined = (i > 0 && pg->blocks[i - 1].pub.decision == WN_KEEP &&
		              part_of(r, &pg->blocks[i - 1]) == part) ||
		             (end < pg->nblocks && pg->blocks[end].pub.decision == WN_KEEP &&
		              part_of(r, &pg->blocks[end]) == part);
		for (size_t k = i; joined && part >= 0 && k < end; k++) {
			struct wn_iblock *ib = &pg->blocks[k];
			if (ib->pub.decision == WN_DROP && ib->pub.reason == REASON_EDGE &&
			    part_of(r, ib) == part)
				label(ib, WN_KEEP, "a cell of a data table in the article");
		}
		i = end;
	}
}

/* A paragraph that is one link ("Sign the petition here"), standing
 * between two kept paragraphs of the same flow, is part of the text; a
 * headline in capitals is a teaser for another story. */
static void keep_link_paragraphs(struct wn_page *pg, const enum judgement *j)
{
	for (size_t i = 1; i + 1 < pg->nblocks; i++) {
		struct wn_iblock *ib = &pg->blocks[i];
		if (j[i] != BAD || ib->rule_scope || ib->pub.kind != WN_BLOCK_PARAGRAPH ||
		    ib->pub.words < 3 || wn_title_case(&ib->pub) || ib->pub.reason != REASON_LINK_TEXT)
			continue;
		const struct wn_iblock *prev = &pg->blocks[i - 1], *next = &pg->blocks[i + 1];
		if (prev->pub.decision == WN_KEEP && next->pub.decision == WN_KEEP &&
		    is_prose(prev) && is_prose(next) &&
		    flow_parent(pg, prev) == flow_parent(pg, ib) &&
		    flow_parent(pg, next) == flow_parent(pg, ib))
			label(ib, WN_KEEP, "a link paragraph inside the article");
	}
}

/*
 * Pages of a gallery or a paged article that a script shows one at a time
 * ("gallery-section hidden" after a visible "gallery-section"): an element
 * hidden by its class right after a visible sibling of its kind is part of
 * the article, not hidden text.  Linear: one pass keeps, for every
 * parent, its last visible child.
 */
static void show_hidden_pages(struct wn_page *pg)
{
	int *last = wn_pool_alloc(pg->pool, pg->nelems * sizeof *last + 1);
	if (last == NULL)
		return; /* nothing is shown: the page is read as before */
	for (size_t i = 0; i < pg->nelems; i++)
		last[i] = -1;
	for (size_t i = 0; i < pg->nelems; i++) {
		struct wn_elem *el = &pg->elems[i];
		int p = el->parent;
		if (p < 0)
			continue;
		if (!(el->hints & WN_HINT_HIDDEN)) {
			last[p] = (int)i;
			continue;
		}
		int v = last[p];
		if (v >= 0 && el->cls && pg->elems[v].cls && same_kind(el, &pg->elems[v], 1) &&
		    !(pg->elems[v].chain & WN_HINT_HIDDEN))
			el->hints &= ~WN_HINT_HIDDEN;
	}
	wn_pool_release(pg->pool, last);
}

/* A notice is the page's subject (an article on cookie law, on CFDs)
 * when this many blocks or more hold its words, and more than a third
 * of the page's blocks with sentences. */
#define NOTICE_TOPIC_BLOCKS 2

/* The notice of kind, which found[kind] blocks hold, is the page's
 * subject rather than a notice (prose: the page's blocks with
 * sentences). */
static int notice_is_subject(const unsigned *found, enum wn_notice kind, unsigned prose)
{
	return found[kind] >= NOTICE_TOPIC_BLOCKS && found[kind] * 3 > prose;
}

/* The blocks looked at on each side of a notice for its heading, its
 * labels and buttons (notice_edge). */
#define NOTICE_EDGE_BLOCKS 3

/* The kind of notice block i is: judged by its words, or taken by a rule
 * of the kind's family. */
static enum wn_notice notice_of(const struct wn_page *pg, size_t i)
{
	const struct wn_iblock *ib = &pg->blocks[i];
	if (ib->notice)
		return (enum wn_notice)ib->notice;
	if (ib->rule == NULL || ib->rule_scope == WN_SCOPE_LINE)
		return WN_NOTICE_NONE;
	static const struct {
		const char *family;
		enum wn_notice kind;
	} families[] = {{"newsletter", WN_NOTICE_NEWSLETTER}, {"cookie", WN_NOTICE_COOKIE},
	                {"legal", WN_NOTICE_RISK}};
	for (size_t k = 0; k < sizeof families / sizeof families[0]; k++)
		if (wn_rule_family_is(ib, families[k].family))
			return families[k].kind;
	return WN_NOTICE_NONE;
}

/* Block n, beside a notice of kind, is part of it: a short block no rule
 * took that holds a word of the kind ("Get the best stories in your
 * inbox" over a newsletter pitch, "Enter your email address" under it). */
static int notice_edge(const struct wn_page *pg, size_t n, enum wn_notice kind,
                       const struct wn_options *o)
{
	const struct wn_iblock *ib = &pg->blocks[n];
	const struct wn_block *b = &ib->pub;
	if (ib->rule_scope || b->words == 0 || b->words > o->notice_edge_words)
		return 0;
	unsigned distinct, hits, words;
	return wn_notice_words(b->text, b->len, &distinct, &hits, &words) == kind && hits > 0;
}

/* The blocks beside notice i of kind that are part of it (notice_edge),
 * up to NOTICE_EDGE_BLOCKS on each side, marked as its edges (their
 * numbers in edge[], their count returned).  Blocks of the notice
 * already are passed over. */
static size_t take_edges(struct wn_page *pg, size_t i, enum wn_notice kind,
                         const struct wn_options *o, size_t *edge)
{
	size_t n = 0;
	for (int dir = -1; dir <= 1; dir += 2)
		for (size_t k = 1; k <= NOTICE_EDGE_BLOCKS; k++) {
			if ((dir < 0 && k > i) || (dir > 0 && i + k >= pg->nblocks))
				break;
			size_t e = dir < 0 ? i - k : i + k;
			if (notice_of(pg, e) == kind)
				continue; /* part of it already */
			if (!notice_edge(pg, e, kind, o))
				break;
			pg->blocks[e].notice = (unsigned char)kind;
			pg->blocks[e].notice_edge = 1;
			edge[n++] = e;
		}
	return n;
}

/* wn_notice_words' kind for block i and how many different stems of it
 * (at most 15), kept in seen[i] (0: not asked yet) for the stages that
 * ask again. */
static enum wn_notice notice_words_of(const struct wn_page *pg, size_t i, unsigned char *seen,
                                      unsigned *distinct, unsigned *hits, unsigned *words)
{
	const struct wn_block *b = &pg->blocks[i].pub;
	if (seen[i] && hits == NULL) {
		*distinct = seen[i] & 15;
		return (enum wn_notice)(seen[i] >> 4 & 7);
	}
	unsigned h, w;
	enum wn_notice kind = wn_notice_words(b->text, b->len, distinct, hits ? hits : &h,
	                                      words ? words : &w);
	seen[i] = (unsigned char)(0x80 | (unsigned)kind << 4 | (*distinct < 15 ? *distinct : 15));
	return kind;
}

/*
 * Blocks that hold the words of a notice (notice_words.c) in a wording
 * no rule knows are judged BAD, with their kind in wn_iblock.notice,
 * unless the notice's subject is the page's (see notice_stems in
 * options.h).
 */
static void judge_notices(struct wn_page *pg, enum judgement *j, const struct wn_options *o,
                          unsigned char *seen)
{
	if (o->notice_stems == 0)
		return;
	unsigned found[WN_NOTICE_KINDS] = {0}, prose = 0;
	for (size_t i = 0; i < pg->nblocks; i++) {
		struct wn_iblock *ib = &pg->blocks[i];
		const struct wn_block *b = &ib->pub;
		prose += ib->sentences > 0 && b->words >= o->short_words;
		if (j[i] == BAD || ib->rule_scope || b->words < o->notice_stems ||
		    b->words > o->notice_max_words)
			continue;
		unsigned distinct, hits, words;
		enum wn_notice kind = notice_words_of(pg, i, seen, &distinct, &hits, &words);
		if (kind != WN_NOTICE_NONE && distinct >= o->notice_stems &&
		    hits * 100 >= words * o->notice_percent) {
			ib->notice = (unsigned char)kind;
			found[kind]++;
		}
	}
	for (size_t i = 0; i < pg->nblocks; i++) {
		struct wn_iblock *ib = &pg->blocks[i];
		if (!ib->notice)
			continue;
		if (notice_is_subject(found, (enum wn_notice)ib->notice, prose))
			ib->notice = WN_NOTICE_NONE;
		else {
			j[i] = BAD;
			ib->pub.score = -(double)ib->pub.chars;
		}
	}
	if (o->notice_edge_words == 0)
		return;
	for (size_t i = 0; i < pg->nblocks; i++) {
		/* (A comment counter stands in many a byline: "12 May 2012 · 1
		 * comment"; comment forms' labels are one word or two.) */
		enum wn_notice kind = notice_of(pg, i);
		if (kind == WN_NOTICE_NONE || kind == WN_NOTICE_COMMENT ||
		    notice_is_subject(found, kind, prose))
			continue;
		size_t edge[2 * NOTICE_EDGE_BLOCKS];
		for (size_t e = 0, n = take_edges(pg, i, kind, o, edge); e < n; e++) {
			j[edge[e]] = BAD;
			pg->blocks[edge[e]].pub.score = -(double)pg->blocks[edge[e]].pub.chars;
		}
	}
}

/*
 * A kept block that holds a notice's words, too few of them to be judged
 * by them alone, and shares almost none of its words with the rest of
 * the text kept (another language, another subject: cohesion.c) is that
 * notice dropped into the article: a newsletter pitch, a consent dialog,
 * a risk warning between two paragraphs.  It goes, with its heading,
 * labels and buttons (notice_edge).  Only where the rest of the text kept
 * is long enough to say what the article's words are.
 */
static int drop_strays(struct wn_page *pg, const struct wn_options *o, unsigned char *seen)
{
	if (o->notice_stray_percent == 0 && o->notice_stray_percent_more == 0)
		return 0;
	unsigned char *kept = wn_pool_alloc(pg->pool, pg->nblocks);
	if (kept == NULL)
		return -1;
	size_t words = 0;
	for (size_t i = 0; i < pg->nblocks; i++) {
		kept[i] = pg->blocks[i].pub.decision == WN_KEEP;
		words += kept[i] ? pg->blocks[i].pub.words : 0;
	}
	struct wn_vocab *v = NULL;
	for (size_t i = 0; i < pg->nblocks; i++) {
		struct wn_iblock *ib = &pg->blocks[i];
		const struct wn_block *b = &ib->pub;
		if (!kept[i] || b->words < o->notice_stems || b->words > o->notice_max_words ||
		    words - b->words < o->notice_stray_context || words < 4 * b->words)
			continue;
		unsigned distinct, n;
		enum wn_notice kind = notice_words_of(pg, i, seen, &distinct, NULL, NULL);
		/* A short block needs two of the kind's words. */
		if (kind == WN_NOTICE_NONE || distinct == 0 ||
		    (distinct < 2 && b->words <= o->notice_edge_words))
			continue;
		if (v == NULL && (v = wn_vocab_new(pg, kept)) == NULL) {
			wn_pool_release(pg->pool, kept);
			return -1;
		}
		unsigned shared = wn_vocab_shared(v, pg, i, &n);
		unsigned most = distinct >= 2 ? o->notice_stray_percent_more : o->notice_stray_percent;
		if (n == 0 || shared * 100 >= n * most)
			continue;
		/* A byline or date line ("Published Nov. 7, 2012"): not a notice. */
		char iso[WN_DATE_MAX];
		if (wn_date_find(b->text, b->len, 0, iso))
			continue;
		static const char *const why[WN_NOTICE_KINDS] = {
		    [WN_NOTICE_NEWSLETTER] = "a newsletter pitch's words, few of the article's",
		    [WN_NOTICE_COOKIE] = "a cookie dialog's words, few of the article's",
		    [WN_NOTICE_RISK] = "a risk warning's words, few of the article's",
		    [WN_NOTICE_COMMENT] = "a comment form's words, few of the article's",
		};
		ib->notice = (unsigned char)kind;
		label(ib, WN_DROP, why[kind]);
		size_t edge[2 * NOTICE_EDGE_BLOCKS];
		for (size_t e = 0, n = take_edges(pg, i, kind, o, edge); e < n; e++)
			label(&pg->blocks[edge[e]], WN_DROP, wn_notice_name(kind));
	}
	wn_vocab_free(pg, v);
	wn_pool_release(pg->pool, kept);
	return 0;
}

/*
 * When every paragraph of article text in the region is a caption (a
 * slideshow whose captions are the article), the captions are kept.
 */
static void keep_only_captions(struct wn_page *pg, const enum judgement *j)
{
	if (first_kept(pg) < pg->nblocks)
		return;
	for (size_t i = 0; i < pg->nblocks; i++) {
		struct wn_iblock *ib = &pg->blocks[i];
		if (j[i] == GOOD && ib->pub.decision == WN_DROP &&
		    ib->pub.reason == wn_hint_name(WN_HINT_FIGURE))
			label(ib, WN_KEEP, "caption, the article's only text");
	}
}

/*
 * A page that keeps nothing, or a line or two (at most
 * listing_kept_words words), is often a listing: a news index of
 * headlines, each with a line of summary, a columnist's page of the
 * columns under a line about the writer.  Its items are its content,
 * and an empty output loses them.  The listing is
 * the element, at most LISTING_DEPTH levels above its items, whose items
 * outweigh its other text (menus, headlines alone, rules' junk); at
 * least listing_items items with listing_words words or more outside
 * their links, no rule's junk, no notice, nothing hidden, in no
 * navigation, footer or comments, whose words outside their links
 * outweigh the words kept.  A list of links alone is no listing
 * of this kind: a page of nothing but links keeps nothing.
 */
#define LISTING_DEPTH 4
static int is_listing_item(struct wn_page *pg, const struct wn_iblock *ib,
                           const struct wn_options *o)
{
	const struct wn_block *b = &ib->pub;
	return b->decision == WN_DROP && ib->rule_scope == 0 && !ib->notice && ib->elem >= 0 &&
	       b->words * (1 - b->link_ratio) >= o->listing_words &&
	       !(b->hints & (WN_HINT_HIDDEN | DROP_HINTS)) &&
	       !(pg->elems[ib->elem].chain & JUNK_HINTS) && !is_title(pg, b);
}

static int keep_listing(struct wn_page *pg, const struct wn_options *o)
{
	if (o->listing_items == 0 || pg->is_text)
		return 0;
	unsigned kept = 0;
	for (size_t i = 0; i < pg->nblocks; i++)
		kept += pg->blocks[i].pub.decision == WN_KEEP ? pg->blocks[i].pub.words : 0;
	if (kept > o->listing_kept_words)
		return 0;
	double *weight = wn_pool_alloc(pg->pool, pg->nelems * (sizeof *weight + 1));
	if (weight == NULL)
		return -1;
	unsigned char *inside = (unsigned char *)(weight + pg->nelems);
	for (size_t e = 0; e < pg->nelems; e++)
		weight[e] = 0;
	for (size_t i = 0; i < pg->nblocks; i++) {
		struct wn_iblock *ib = &pg->blocks[i];
		double w = is_listing_item(pg, ib, o) ? ib->pub.words : -(double)ib->pub.words;
		int e = ib->elem;
		for (int d = 0; d < LISTING_DEPTH && e >= 0; d++, e = pg->elems[e].parent)
			weight[e] += w;
	}
	int best = -1;
	for (size_t e = 0; e < pg->nelems; e++)
		if (weight[e] > 0 && (best < 0 || weight[e] > weight[best]))
			best = (int)e;
	unsigned items = 0;
	double words = 0; /* the items' words outside their links */
	for (size_t e = 0; e < pg->nelems; e++) {
		int p = pg->elems[e].parent;
		inside[e] = (int)e == best || (p >= 0 && (size_t)p < e && inside[p]);
	}
	for (size_t i = 0; best >= 0 && i < pg->nblocks; i++) {
		const struct wn_iblock *ib = &pg->blocks[i];
		if (ib->elem >= 0 && inside[ib->elem] && is_listing_item(pg, ib, o)) {
			items++;
			words += ib->pub.words * (1 - ib->pub.link_ratio);
		}
	}
	if (best >= 0 && items >= o->listing_items && words > kept)
		for (size_t i = 0; i < pg->nblocks; i++) {
			struct wn_iblock *ib = &pg->blocks[i];
			if (ib->elem >= 0 && inside[ib->elem] && is_listing_item(pg, ib, o))
				label(ib, WN_KEEP, kept ? "an item of a listing, beside a few words kept"
				                        : "an item of a listing, the page's only text");
		}
	wn_pool_release(pg->pool, weight);
	return 0;
}

wn_status wn_score(struct wn_page *pg, const struct wn_options *o)
{
	if (pg->nblocks == 0)
		return WN_OK;
	enum judgement *j = wn_pool_alloc(pg->pool, pg->nblocks * sizeof *j);
	if (j == NULL)
		return WN_ERR_NOMEM;
	if (mark_link_lists(pg, o) != 0) {
		wn_pool_release(pg->pool, j);
		return WN_ERR_NOMEM;
	}
	if (!pg->is_text)
		show_hidden_pages(pg);
	/* A comment rule ("The editors say:") on a sub-heading that the
	 * article's text goes on after is no start of the comments: readers'
	 * comments never share the article's element.  (A "Related articles"
	 * heading may head teasers in the same element: it still cuts.) */
	for (size_t i = 0; i + 1 < pg->nblocks; i++) {
		struct wn_iblock *ib = &pg->blocks[i];
		if (ib->rule_scope == WN_SCOPE_REST && wn_rule_family_is(ib, "comment") &&
		    continues_text(pg, o, i)) {
			ib->rule_scope = 0;
			ib->rule = NULL;
			ib->pub.rule = ib->pub.family = NULL;
		}
		/* "Post a comment" as a link jumps to the comment form from
		 * wherever it stands (often beside the headline): it goes, but
		 * the form is elsewhere. */
		if (ib->rule_scope == WN_SCOPE_REST && !pg->is_text &&
		    wn_rule_family_is(ib, "comment") &&
		    ib->pub.link_ratio > o->max_link_ratio)
			ib->rule_scope = WN_SCOPE_BLOCK;
	}
	int known = pg->is_text && wn_text_function_words_known(pg, o);
	for (size_t i = 0; i < pg->nblocks; i++) {
		struct wn_iblock *ib = &pg->blocks[i];
		struct wn_block *b = &ib->pub;
		j[i] = ib->elem < 0 && pg->is_text ? wn_judge_text(ib, o, known) : judge(b, o);
		/* Items of a link list are no evidence either way: between
		 * article paragraphs they are kept, elsewhere dropped. */
		if (j[i] == GOOD && ib->in_link_list)
			j[i] = NEUTRAL;
		/* Known junk counts against wherever it stands. */
		if (ib->rule_scope >= WN_SCOPE_BLOCK)
			j[i] = BAD;
		b->hints = hints_below(pg, ib->elem, -1);
		b->score = j[i] == GOOD ? (double)b->chars * (1 - b->link_ratio)
		           : j[i] == BAD ? -(double)b->chars : 0;
	}
	unsigned char *seen = wn_pool_alloc(pg->pool, pg->nblocks);
	if (seen == NULL) {
		wn_pool_release(pg->pool, j);
		return WN_ERR_NOMEM;
	}
	memset(seen, 0, pg->nblocks);
	judge_notices(pg, j, o, seen);
	struct region r;
	memset(&r, 0, sizeof r);
	r.container = r.candidate = -1;
	size_t lo = 0, hi = pg->nblocks;
	if (!pg->is_text) {
		double nw;
		int a = main_container(pg, j, o, &nw);
		int b = descend(pg, a, nw, o);
		int first = first_article(pg, b);
		int stream = a;
		if (first != b) /* the next article stays out, gathered or not */
			a = b = stream = first;
		else
			stream = stream_of(pg, a, o);
		if (find_region(pg, stream, b, stream != a, o, &r) != 0) {
			wn_pool_release(pg->pool, seen);
			wn_pool_release(pg->pool, j);
			return WN_ERR_NOMEM;
		}
		pg->container = r.container;
		pg->candidate = r.candidate;
		pg->on_short_text = nw > 0;
		for (size_t i = 0; i < pg->nelems; i++)
			pg->gathered += r.root[i] && (int)i != r.container;
	}
	size_t cut, closing = 0;
	int cut_scope = -1;
	unsigned char *in_text = NULL; /* text: the blocks of the runs kept */
	if (pg->is_text) {
		in_text = wn_pool_alloc(pg->pool, pg->nblocks);
		if (in_text == NULL ||
		    wn_text_region(pg, j, o, &lo, &hi, &closing, &cut, in_text) != 0) {
			wn_pool_release(pg->pool, seen);
			wn_pool_release(pg->pool, j);
			return WN_ERR_NOMEM;
		}
	} else {
		rest_cut(pg, j, &r, &cut, &cut_scope);
	}
	const char *after_cut = NULL;
	if (cut < pg->nblocks && pg->blocks[cut].rule == NULL) {
		after_cut = "after the heading of the comments";
	} else if (cut < pg->nblocks) {
		const char *l = pg->blocks[cut].rule->label;
		size_t n = strlen(l);
		char *a = wn_pool_alloc(pg->pool, n + 7);
		if (a) {
			memcpy(a, "after ", 6);
			memcpy(a + 6, l, n + 1);
		}
		after_cut = a ? a : "after a rule that ends the article";
	}

	/* Step 3: decide each block of the region on its own. */
	for (size_t i = 0; i < pg->nblocks; i++) {
		struct wn_iblock *ib = &pg->blocks[i];
		const struct wn_block *b = &ib->pub;
		if (ib->rule_scope >= WN_SCOPE_BLOCK) {
			label(ib, WN_DROP, ib->rule->label);
			continue;
		}
		if (i > cut && is_inside(pg, ib->elem, cut_scope)) {
			label(ib, WN_DROP, after_cut);
			ib->pub.rule = pg->blocks[cut].pub.rule;
			ib->pub.family = pg->blocks[cut].pub.family;
			continue;
		}
		if (b->hints & WN_HINT_HIDDEN) {
			label(ib, WN_DROP, "hidden");
			continue;
		}
		if (in_text && in_text[i] == WN_TEXT_THREAD && j[i] != BAD) {
			label(ib, WN_DROP, "a thread of comments beside the article");
			continue;
		}
		if (in_text && in_text[i] == WN_TEXT_DIALOG) {
			label(ib, WN_DROP, "a dialog's text, beside its close or answer button");
			continue;
		}
		if (!in_region(&r, ib, j[i]) ||
		    (in_text ? in_text[i] == WN_TEXT_OUT || in_text[i] == WN_TEXT_THREAD
		             : i < lo || i >= hi)) {
			label(ib, WN_DROP, pg->is_text ? "outside the main text"
			                               : REASON_OUTSIDE);
			continue;
		}
		unsigned below = 0;
		if (ib->elem >= 0 && r.below)
			below = j[i] == GOOD && is_prose(ib) ? r.below_lead[ib->elem]
			                                     : r.below[ib->elem];
		if (below & DROP_HINTS) {
			label(ib, WN_DROP, wn_hint_name(below & DROP_HINTS));
			continue;
		}
		if (is_title(pg, b)) {
			label(ib, WN_DROP, REASON_TITLE);
			continue;
		}
		switch (j[i]) {
		case BAD: {
			const char *why = ib->notice ? wn_notice_name(ib->notice)
			                  : pg->is_text ? wn_text_bad_reason(ib)
			                                : NULL;
			label(ib, WN_DROP, why ? why : b->words ? REASON_LINK_TEXT : "no words");
			break;
		}
		case GOOD:
			if (is_inside(pg, ib->elem, r.container))
				label(ib, WN_KEEP, "article text");
			else if (ib->sentences > 0)
				label(ib, WN_KEEP, "article text, gathered beside the container");
			else
				label(ib, WN_DROP, "no sentence, beside the container");
			break;
		case NEUTRAL:
			label(ib, WN_UNDECIDED, NULL);
			break;
		}
	}
	if (!pg->is_text) {
		keep_only_captions(pg, j);
		keep_lead(pg, j, &r, o);
		keep_article_start(pg, j, &r);
	}
	if (fill_short(pg, &r, o) != 0) {
		wn_pool_release(pg->pool, seen);
		wn_pool_release(pg->pool, j);
		return WN_ERR_NOMEM;
	}
	for (size_t i = 0; in_text && i < pg->nblocks; i++)
		if (in_text[i] == WN_TEXT_STANDFIRST)
			label(&pg->blocks[i], WN_KEEP, "standfirst");
		else if (in_text[i] == WN_TEXT_RECIPE)
			label(&pg->blocks[i], WN_KEEP, "a recipe's ingredients or nutrition values");
	/* A text page's closing lines (a checklist before a last sentence)
	 * are kept although no article text follows them. */
	for (size_t i = closing; pg->is_text && i < hi; i++)
		if (pg->blocks[i].pub.reason == REASON_EDGE)
			label(&pg->blocks[i], WN_KEEP, "short, closing the article");
	keep_link_paragraphs(pg, j);
	keep_tables(pg, &r);
	wn_pool_release(pg->pool, j);
	if (keep_listing(pg, o) != 0) {
		wn_pool_release(pg->pool, seen);
		return WN_ERR_NOMEM;
	}
	int strays = drop_strays(pg, o, seen);
	wn_pool_release(pg->pool, seen);
	if (strays != 0)
		return WN_ERR_NOMEM;
	/* Scraped text shows titles and captions twice; on an HTML page a
	 * repeat is the page's own (an interview asks each guest the same
	 * questions). */
	if (!pg->is_text)
		return WN_OK;
	wn_status st = wn_drop_repeats(pg);
	return st == WN_OK ? wn_drop_near_repeats(pg) : st;
}
