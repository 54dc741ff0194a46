/*
 * score.c - which blocks are the article.
 *
 * Three steps, after readability (candidate containers), boilerpipe
 * (shallow text features) and jusText (short blocks judged by their
 * neighbours):
 *
 * 1. Each block is judged on its own text: "good" (enough words, few of
 *    them links), "bad" (mostly link text: menus, link lists) or
 *    "neutral" (short: headings, bylines, labels, captions).
 * 2. The main container is the element that maximises
 *        good text inside it - junk_weight * bad text inside it,
 *    where good text under a junk element (nav, comments, share, related,
 *    aside, footer ... strictly inside the candidate) counts as bad.
 *    Junk hints above the candidate say nothing: a layout wrapper named
 *    "content-sidebar" must not sink the article it holds.
 * 3. Inside the container, blocks under a junk element are dropped, good
 *    blocks kept, and neutral blocks kept only between kept text (a short
 *    paragraph mid-article stays; a byline or "Tags:" line at an edge
 *    goes).  The headline that repeats the page title is dropped.
 */
#include <string.h>

#include "page.h"
#include "rules.h"

/* Hints that make a block boilerplate when set below the main container. */
#define JUNK_HINTS                                                            \
	(WN_HINT_NAV | WN_HINT_HEADER | WN_HINT_FOOTER | WN_HINT_ASIDE |      \
	 WN_HINT_FORM | WN_HINT_COMMENT | WN_HINT_SHARE | WN_HINT_RELATED |  \
	 WN_HINT_AD)

/* Hints that drop a block inside the container but do not make its text
 * "bad" when choosing the container: bylines and captions sit beside the
 * article text in the same element. */
#define DROP_HINTS (JUNK_HINTS | WN_HINT_META | WN_HINT_FIGURE)

enum judgement { NEUTRAL, GOOD, BAD };

static enum judgement judge(const struct wn_block *b, const struct wn_options *o)
{
	if (b->link_ratio > o->max_link_ratio)
		return BAD;
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

/*
 * The best container can be a layout row that holds the article and a
 * sidebar with a little prose of its own.  While one child container holds
 * nearly all the good text of the chosen one (descend_share), the child is
 * the better answer.
 */
static int descend(struct wn_page *pg, int best, const struct wn_options *o)
{
	if (best < 0 || o->descend_share <= 0 || o->descend_share > 1)
		return best;
	int *top = wn_pool_alloc(pg->pool, pg->nelems * sizeof *top + 1);
	if (top == NULL)
		return best;
	for (size_t i = 0; i < pg->nelems; i++)
		top[i] = -1;
	/* Parents come before their children: one pass finds, for every
	 * element, its child container with the most good text. */
	for (size_t i = 0; i < pg->nelems; i++) {
		int p = pg->elems[i].parent;
		if (p < 0 || !pg->elems[i].container)
			continue;
		if (top[p] < 0 || pg->elems[i].good > pg->elems[top[p]].good)
			top[p] = (int)i;
	}
	while (top[best] >= 0 &&
	       pg->elems[top[best]].good >= o->descend_share * pg->elems[best].good)
		best = top[best];
	wn_pool_release(pg->pool, top);
	return best;
}

/* Step 2: credit every ancestor of every block, pick the best. */
static int main_container(struct wn_page *pg, const enum judgement *j,
                          const struct wn_options *o)
{
	for (size_t i = 0; i < pg->nelems; i++)
		pg->elems[i].good = pg->elems[i].bad = 0;
	for (size_t i = 0; i < pg->nblocks; i++) {
		const struct wn_iblock *ib = &pg->blocks[i];
		const struct wn_block *b = &ib->pub;
		/* Link lists are no evidence of where the article is: teaser
		 * lists sit beside it, and some articles are such lists. */
		if (j[i] == NEUTRAL || ib->in_link_list || (b->hints & WN_HINT_HIDDEN))
			continue;
		double text = (double)b->chars - b->link_chars;
		unsigned below = 0;
		for (int e = ib->elem; e >= 0; e = pg->elems[e].parent) {
			struct wn_elem *el = &pg->elems[e];
			if (j[i] == BAD)
				el->bad += b->link_chars;
			else if (below & JUNK_HINTS)
				el->bad += b->chars;
			else
				el->good += text;
			below |= el->hints;
		}
	}
	int best = -1;
	double best_score = 0;
	for (size_t i = 0; i < pg->nelems; i++) {
		struct wn_elem *el = &pg->elems[i];
		/* Parents come before their children in elems. */
		el->chain = el->hints | (el->parent >= 0 ? pg->elems[el->parent].chain : 0);
		if (!el->container)
			continue;
		double s = el->good - o->junk_weight * el->bad;
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
	return descend(pg, best, o);
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
	return b->kind == WN_BLOCK_HEADING && b->len >= 10 && *pg->title &&
	       strstr(pg->title, b->text) != NULL;
}

static int has_non_ascii(const struct wn_block *b)
{
	for (size_t i = 0; i < b->len; i++)
		if ((unsigned char)b->text[i] >= 0x80)
			return 1;
	return 0;
}

/*
 * The headline of a text page: among the last few blocks before the
 * article, the longest line that is not a sentence (no full stop), a
 * list item or known junk.
 */
static void find_text_title(struct wn_page *pg, const enum judgement *j, size_t lo)
{
	const struct wn_block *best = NULL;
	for (size_t i = lo > 8 ? lo - 8 : 0; i < lo; i++) {
		const struct wn_iblock *ib = &pg->blocks[i];
		const struct wn_block *b = &ib->pub;
		if (ib->rule_scope || j[i] == BAD || b->kind == WN_BLOCK_LIST_ITEM ||
		    b->words < 3 || b->words > 25 || b->text[b->len - 1] == '.')
			continue;
		if (best == NULL || b->words > best->words)
			best = b;
		else if (b->words == best->words && has_non_ascii(b) && !has_non_ascii(best))
			best = b; /* "Südkorea …" over its slug "Suedkorea …" */
	}
	if (best) {
		pg->title = best->text;
		pg->title_fold = NULL;
	}
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

static void label(struct wn_iblock *ib, wn_decision d, const char *reason)
{
	ib->pub.decision = d;
	ib->pub.reason = reason;
}

/* Most words start with a capital: a headline, a menu, not prose. */
static int title_case(const struct wn_block *b)
{
	unsigned words = 0, caps = 0;
	int start = 1;
	for (size_t i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->text[i];
		if (c == ' ' || c == '\n') {
			start = 1;
			continue;
		}
		if (start) {
			words++;
			caps += (c >= 'A' && c <= 'Z') || (c >= 0xC3 && c <= 0xC3 && i + 1 < b->len &&
			                                     (unsigned char)b->text[i + 1] < 0x9F);
		}
		start = 0;
	}
	return words && caps * 10 >= words * 6;
}

/* Text blocks have no links and no markup: a list item that is short is a
 * menu entry, a block without words (a counter, a separator) is chrome. */
static enum judgement judge_text(const struct wn_iblock *ib, const struct wn_options *o)
{
	const struct wn_block *b = &ib->pub;
	if (b->words == 0)
		return BAD;
	/* A menu entry is a word or three, a teaser a headline in Title Case;
	 * an item of a list in the article is a phrase or a sentence. */
	if (b->kind == WN_BLOCK_LIST_ITEM && b->words < o->short_words &&
	    (b->words < 5 || title_case(b)))
		return BAD;
	if (b->words >= o->short_words && (ib->sentences > 0 || b->words >= 2 * o->short_words))
		return GOOD;
	return NEUTRAL;
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
static void rest_cut(const struct wn_page *pg, const enum judgement *j, int container,
                     size_t *cut, int *scope)
{
	int article_seen = 0;
	*cut = pg->nblocks;
	*scope = -1;
	for (size_t i = 0; i < pg->nblocks; i++) {
		const struct wn_iblock *ib = &pg->blocks[i];
		if (!is_inside(pg, ib->elem, container))
			continue;
		if (ib->rule_scope == WN_SCOPE_REST && article_seen) {
			*cut = i;
			if (pg->is_text || ib->elem < 0 || i + 1 >= pg->nblocks)
				return;
			int next = pg->blocks[i + 1].elem;
			int e = ib->elem;
			while (e >= 0 && e != container && !is_inside(pg, next, e))
				e = pg->elems[e].parent;
			*scope = e >= 0 ? e : container;
			return;
		}
		if (j[i] == GOOD && ib->rule_scope < WN_SCOPE_BLOCK)
			article_seen = 1;
	}
}

/*
 * Text has no containers: the article is the run of blocks with the most
 * article text in it, counting boilerplate against it (the maximum-sum
 * run, as in Finn's body text extraction).  Sets [*lo, *hi).
 */
static void text_region(const struct wn_page *pg, const enum judgement *j, size_t end,
                        const struct wn_options *o, size_t *lo, size_t *hi)
{
	double best = 0, run = 0;
	size_t start = 0;
	*lo = *hi = 0;
	for (size_t i = 0; i < end; i++) {
		const struct wn_iblock *ib = &pg->blocks[i];
		double c = ib->pub.chars;
		double w = j[i] == GOOD ? c : j[i] == BAD ? -c : -o->text_neutral_weight * c;
		/* A list item long enough not to be a menu entry weighs a quarter
		 * of another short line: a list in the article must not split it
		 * in two. */
		if (j[i] == NEUTRAL && ib->pub.kind == WN_BLOCK_LIST_ITEM)
			w /= 4;
		/* A rule drawn across the page ("━━━━") separates; it is no
		 * evidence either way. */
		if (ib->pub.words == 0 && ib->rule_scope == 0)
			w = 0;
		if (run <= 0) {
			run = 0;
			start = i;
		}
		run += w;
		if (run > best) {
			best = run;
			*lo = start;
			*hi = i + 1;
		}
	}
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
	for (size_t i = 0; i < pg->nblocks; i++) {
		struct wn_iblock *ib = &pg->blocks[i];
		struct wn_block *b = &ib->pub;
		j[i] = ib->elem < 0 && pg->is_text ? judge_text(ib, o) : judge(b, o);
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
	int container = -1;
	size_t lo = 0, hi = pg->nblocks;
	if (!pg->is_text)
		container = descend(pg, main_container(pg, j, o), o);
	size_t cut;
	int cut_scope;
	rest_cut(pg, j, container, &cut, &cut_scope);
	if (pg->is_text) {
		text_region(pg, j, cut, o, &lo, &hi);
		find_text_title(pg, j, lo);
	}
	const char *after_cut = NULL;
	if (cut < pg->nblocks) {
		const char *l = pg->blocks[cut].rule->label;
		size_t n = strlen(l);
		char *a = wn_pool_alloc(pg->pool, n + 7);
		if (a) {
			memcpy(a, "after ", 6);
			memcpy(a + 6, l, n + 1);
		}
		after_cut = a ? a : "after a rule that ends the article";
	}

	/* Step 3: decide each block inside the container on its own. */
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
		if (!is_inside(pg, ib->elem, container) || i < lo || i >= hi) {
			label(ib, WN_DROP, pg->is_text ? "outside the main text"
			                               : "outside the main content");
			continue;
		}
		unsigned below = hints_below(pg, ib->elem, container);
		if (below & DROP_HINTS) {
			label(ib, WN_DROP, wn_hint_name(below & DROP_HINTS));
			continue;
		}
		if (is_title(pg, b)) {
			label(ib, WN_DROP, "page title");
			continue;
		}
		switch (j[i]) {
		case BAD:
			label(ib, WN_DROP, b->words ? "link text" : "no words");
			break;
		case GOOD:
			label(ib, WN_KEEP, "article text");
			break;
		case NEUTRAL:
			label(ib, WN_UNDECIDED, NULL);
			break;
		}
	}
	/* Neutral blocks: kept between kept text; a heading is kept when kept
	 * text follows it. */
	size_t first = pg->nblocks, last = 0;
	for (size_t i = 0; i < pg->nblocks; i++) {
		if (pg->blocks[i].pub.decision == WN_KEEP) {
			if (first == pg->nblocks)
				first = i;
			last = i;
		}
	}
	for (size_t i = 0; i < pg->nblocks; i++) {
		struct wn_iblock *ib = &pg->blocks[i];
		if (ib->pub.decision != WN_UNDECIDED)
			continue;
		if (first < i && i < last)
			label(ib, WN_KEEP, "short, inside the article");
		else if (first < pg->nblocks && is_closing_sentence(pg, ib, i < first ? first : last))
			label(ib, WN_KEEP, "short sentence beside the article");
		else if (ib->pub.kind == WN_BLOCK_HEADING && first < pg->nblocks &&
		         first > i && first - i <= 2)
			label(ib, WN_KEEP, "heading before the article");
		else if (ib->in_link_list)
			label(ib, WN_DROP, "list of links");
		else
			label(ib, WN_DROP, "short, at the edge of the article");
	}
	wn_pool_release(pg->pool, j);
	/* Scraped text shows titles and captions twice; on an HTML page a
	 * repeat is the page's own (an interview asks each guest the same
	 * questions). */
	return pg->is_text ? wn_drop_repeats(pg) : WN_OK;
}
