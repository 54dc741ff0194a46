/*
 * score.h - what the two scoring strategies share: score.c decides HTML
 * pages by their elements, score_text.c decides text pages (no elements)
 * by the run of lines that holds the article.  Both label the same block
 * list (page.h).
 */
#ifndef WN_SCORE_H
#define WN_SCORE_H

#include <stddef.h>

#include "page.h"

/* A block judged on its own text. */
enum judgement { NEUTRAL, GOOD, BAD };

/* score_text.c: most words start with a capital: a headline, a menu, not
 * prose. */
int wn_title_case(const struct wn_block *b);

/* score_text.c: why a text block is a text browser's chrome line (an
 * embed, a form, the page's head, its list of links: text.c marks them),
 * or NULL when it is none. */
const char *wn_text_chrome(const struct wn_iblock *ib);
/* ... or, besides, why it is none of the article's however long: the
 * same text twice over ("A. A.": an image's alternative text and its
 * caption, as lynx prints a gallery); NULL when it may be. */
const char *wn_text_bad_reason(const struct wn_iblock *ib);

/* score_text.c: whether the page's prose is in a language whose function
 * words function_words.c knows (a sample of its sentences has enough of
 * them), so that a line without them is no prose. */
int wn_text_function_words_known(const struct wn_page *pg, const struct wn_options *o);

/* score_text.c: a text block judged on its own: no links and no markup to
 * go by; known: wn_text_function_words_known. */
enum judgement wn_judge_text(const struct wn_iblock *ib, const struct wn_options *o, int known);

/*
 * score_text.c: the article of a text page: its run [*lo, *hi), whose
 * short lines from *closing on close it (a checklist and a last
 * sentence), and in in[] (pg->nblocks bytes) a enum wn_text_in for each
 * block; *cut, the "rest" rule block
 * after which nothing is article (pg->nblocks when none).  Also finds
 * the page's headline among the lines above the run (sets pg->title).
 * 0, or -1 when out of memory.
 */
enum wn_text_in {
	WN_TEXT_OUT = 0,        /* outside the article */
	WN_TEXT_IN = 1,         /* the article's run, or a run kept beside it */
	WN_TEXT_STANDFIRST = 2, /* the standfirst above the run */
	WN_TEXT_RECIPE = 3,     /* a recipe's ingredients or nutrition values */
	WN_TEXT_THREAD = 4,     /* out: a thread of comments beside the article */
	WN_TEXT_DIALOG = 5      /* out: a dialog's text, beside its buttons */
};

int wn_text_region(struct wn_page *pg, const enum judgement *j, const struct wn_options *o,
                   size_t *lo, size_t *hi, size_t *closing, size_t *cut, unsigned char *in);

#endif
