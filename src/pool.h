/*
 * pool.h - one memory pool per document.
 *
 * Gumbo allocates through it (GumboOptions.allocator), and so do the
 * walker and scorer.  Freeing the whole pool at once replaces Gumbo's own
 * teardown, which recurses once per level of nesting and overflows the
 * stack on deep pages; it is also much faster than one free() per node.
 * Small blocks come from size classes (16-byte steps up to 256, then
 * powers of two) carved out of large chunks and are recycled through
 * per-class free lists (Gumbo's string buffers grow by allocate-copy-free);
 * large blocks go to malloc.
 *
 * The pool has a hard cap on the bytes it takes from the system: past it,
 * wn_pool_alloc returns NULL.
 */
#ifndef WN_POOL_H
#define WN_POOL_H

#include <stddef.h>

struct wn_pool;

/* A new pool that takes at most cap bytes from the system (0: no cap).
 * NULL when out of memory. */
struct wn_pool *wn_pool_new(size_t cap);

/* size bytes aligned to 8, or NULL when over the cap or out of memory. */
void *wn_pool_alloc(struct wn_pool *pool, size_t size);

/* Gives a block back for reuse.  NULL is allowed. */
void wn_pool_release(struct wn_pool *pool, void *ptr);

/* A NUL-terminated copy of the len bytes at s, or NULL. */
char *wn_pool_strndup(struct wn_pool *pool, const char *s, size_t len);

/* Frees every block at once; keeps one chunk for the next page. */
void wn_pool_clear(struct wn_pool *pool);

/* 1 when an allocation failed because of the cap (not of malloc) since
 * the last wn_pool_clear. */
int wn_pool_capped(const struct wn_pool *pool);

/* Bytes currently taken from the system, and the most ever taken. */
size_t wn_pool_footprint(const struct wn_pool *pool);
size_t wn_pool_peak(const struct wn_pool *pool);

/* Frees the pool and everything in it.  NULL is allowed. */
void wn_pool_free(struct wn_pool *pool);

#endif
