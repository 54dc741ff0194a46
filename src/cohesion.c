/*
 * cohesion.c - how many of a block's words the page's other prose uses.
 *
 * An article's paragraphs share their words: its function words ("the",
 * "und", "que"), its names and its subject's words come back from one
 * paragraph to the next.  A notice dropped between two of them shares
 * few: written in another language ("Zapisz się do newslettera"), it
 * shares none; on another subject ("Get our best stories in your inbox"
 * inside a report on rents), it shares the function words only.
 *
 * wn_vocab_new counts, for every word (case folded, as wn_text_key reads
 * it), how many of the chosen blocks hold it; wn_vocab_shared says how
 * many of a block's words some other chosen block holds.  One pass over
 * the chosen blocks' words, one over the block asked about: a unit of
 * work a word.  At most MOST_WORDS different words are counted (a page
 * of 8 MB may hold a million); words past them count as unshared.
 */
#include <stdint.h>
#include <string.h>

#include "page.h"
#include "pool.h"

#define MOST_WORDS (1u << 18)
#define FIRST_SLOTS 1024

struct wn_vocab {
	uint64_t *key;  /* wn_text_key | 1; 0: empty */
	uint32_t *seen; /* (the last block that held it + 1) << 1 | held by two or more */
	size_t mask;    /* slots - 1 */
	size_t n;       /* words counted */
};

/* The next word of text (n bytes) from *pos on, as wn_next_word reads
 * words: 1 with its wn_text_key | 1 in *key, 0 when no word is left.
 * One pass over the bytes for both. */
static int next_key(const char *text, size_t n, size_t *pos, uint64_t *key)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t i = *pos;
	while (i < n && wn_word_fold[u[i]] == 0)
		i++;
	if (i == n) {
		*pos = i;
		return 0;
	}
	uint64_t h = WN_TEXT_KEY_SEED;
	for (; i < n && wn_word_fold[u[i]] != 0; i++)
		h = wn_text_key_step(h, u[i]);
	*pos = i;
	*key = h | 1;
	return 1;
}

static size_t slot_of(const struct wn_vocab *v, uint64_t key)
{
	size_t at = (size_t)(key >> 7) & v->mask;
	while (v->key[at] != 0 && v->key[at] != key)
		at = (at + 1) & v->mask;
	return at;
}

static int alloc_slots(struct wn_page *pg, struct wn_vocab *v, size_t slots)
{
	v->key = wn_pool_alloc(pg->pool, slots * sizeof *v->key);
	v->seen = v->key ? wn_pool_alloc(pg->pool, slots * sizeof *v->seen) : NULL;
	if (v->seen == NULL) {
		wn_pool_release(pg->pool, v->key);
		return -1;
	}
	memset(v->key, 0, slots * sizeof *v->key);
	v->mask = slots - 1;
	return 0;
}

/* Twice the slots, the words moved over. */
static int grow(struct wn_page *pg, struct wn_vocab *v)
{
	struct wn_vocab old = *v;
	if (alloc_slots(pg, v, (old.mask + 1) * 2) != 0) {
		*v = old;
		return -1;
	}
	for (size_t i = 0; i <= old.mask; i++)
		if (old.key[i] != 0) {
			size_t at = slot_of(v, old.key[i]);
			v->key[at] = old.key[i];
			v->seen[at] = old.seen[i];
		}
	wn_pool_release(pg->pool, old.seen);
	wn_pool_release(pg->pool, old.key);
	return 0;
}

struct wn_vocab *wn_vocab_new(struct wn_page *pg, const unsigned char *chosen)
{
	struct wn_vocab *v = wn_pool_alloc(pg->pool, sizeof *v);
	if (v == NULL)
		return NULL;
	memset(v, 0, sizeof *v);
	if (alloc_slots(pg, v, FIRST_SLOTS) != 0) {
		wn_pool_release(pg->pool, v);
		return NULL;
	}
	for (size_t b = 0; b < pg->nblocks; b++) {
		if (!chosen[b])
			continue;
		const struct wn_block *blk = &pg->blocks[b].pub;
		if (wn_page_charge(pg, blk->words + 1) != WN_OK)
			break; /* the words so far: the caller sees the budget spent */
		uint32_t mark = (uint32_t)(b + 1) << 1;
		uint64_t key;
		for (size_t i = 0; next_key(blk->text, blk->len, &i, &key);) {
			size_t at = slot_of(v, key);
			if (v->key[at] == 0) {
				if (v->n >= MOST_WORDS)
					continue;
				if ((v->n + 1) * 2 > v->mask + 1) {
					if (grow(pg, v) != 0) {
						wn_vocab_free(pg, v);
						return NULL;
					}
					at = slot_of(v, key);
				}
				v->key[at] = key;
				v->seen[at] = mark;
				v->n++;
			} else if ((v->seen[at] & ~1u) != mark) {
				v->seen[at] = mark | 1; /* a second block holds it */
			}
		}
	}
	return v;
}

unsigned wn_vocab_shared(const struct wn_vocab *v, struct wn_page *pg, size_t b, unsigned *words)
{
	const struct wn_block *blk = &pg->blocks[b].pub;
	uint32_t mark = (uint32_t)(b + 1) << 1;
	unsigned shared = 0, n = 0;
	wn_page_charge(pg, blk->words + 1);
	uint64_t key;
	for (size_t i = 0; next_key(blk->text, blk->len, &i, &key); n++) {
		size_t at = slot_of(v, key);
		/* Held by another block: by two or more, or by one that is not b. */
		shared += v->key[at] != 0 && ((v->seen[at] & 1) || (v->seen[at] & ~1u) != mark);
	}
	*words = n;
	return shared;
}

void wn_vocab_free(struct wn_page *pg, struct wn_vocab *v)
{
	if (v == NULL)
		return;
	wn_pool_release(pg->pool, v->seen);
	wn_pool_release(pg->pool, v->key);
	wn_pool_release(pg->pool, v);
}
