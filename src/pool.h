/*
 * pool.h - one memory pool per document.
 *
 * Gumbo allocates through it (GumboOptions.allocator), and so do the
 * walker and scorer.  Freeing the whole pool at once replaces Gumbo's own
 * teardown, which recurses once per level of nesting and overflows the
 * stack on deep pages; it is also much faster than one free() per node.
 *
 * Small blocks (up to 32 KiB) have no header: they come from slabs of
 * 256 KiB, each slab holding one size class, and a block's slab (found
 * from its address) says its size.  The classes go by 8 bytes up to 128,
 * by 16 up to 256, then by quarters of a power of two, so that Gumbo's
 * nodes (128 bytes), its one-pointer vectors (8) and short strings take
 * what they ask for.  Released blocks are reused by their class (Gumbo's
 * strings and vectors grow by allocate-copy-free), and a slab whose
 * blocks have all been released goes back to the system (or to the few
 * kept for the next use, by this pool or, once it is freed, by the next
 * one), so memory that one stage gives back can serve the next: the walk
 * releases the parse tree as it goes (dom.c).  Larger
 * blocks are mappings of their own, given back at once when released;
 * wn_pool_realloc grows or shrinks them in place, without a copy.
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

/* The same from slabs of their own: for the parse tree, which the walk
 * releases while the blocks made from it stay, so that the tree's slabs
 * empty and go back whole. */
void *wn_pool_alloc_tree(struct wn_pool *pool, size_t size);

/* Gives a block back for reuse.  NULL is allowed. */
void wn_pool_release(struct wn_pool *pool, void *ptr);

/* The block at ptr (NULL: none) resized to size bytes, its contents kept
 * up to the smaller size, as realloc() does: a large block grows and
 * shrinks in place, without a copy and without holding both sizes at
 * once.  Its mapping grows by an eighth more than asked, which the
 * footprint does not count: the next growths within it cost nothing, so
 * an array may grow in small steps and hold little in reserve.  NULL
 * when over the cap or out of memory, and then ptr is unchanged. */
void *wn_pool_realloc(struct wn_pool *pool, void *ptr, size_t size);

/* Shortens a block of 128 bytes from wn_pool_alloc_tree to size bytes
 * when nothing was taken from its slab after it, so that the next block
 * follows it; else does nothing.  For Gumbo's text nodes, which use the first 72 bytes of the
 * GumboNode they are given (dom.c).  A trimmed block may be released but
 * never passed to wn_pool_realloc. */
void wn_pool_trim(struct wn_pool *pool, void *ptr, size_t size);

/* A NUL-terminated copy of the len bytes at s, or NULL. */
char *wn_pool_strndup(struct wn_pool *pool, const char *s, size_t len);

/* Frees every block at once; keeps some empty slabs for the next page. */
void wn_pool_clear(struct wn_pool *pool);

/* 1 when an allocation failed because of the cap (not of malloc) since
 * the last wn_pool_clear. */
int wn_pool_capped(const struct wn_pool *pool);

/* Bytes currently taken from the system for blocks (those handed out, or
 * released and waiting for reuse in a slab still in use), and the most
 * ever taken.  Slab space never handed out and the slabs kept empty for
 * reuse are not counted: the system gives them no memory until written. */
size_t wn_pool_footprint(const struct wn_pool *pool);
size_t wn_pool_peak(const struct wn_pool *pool);

/* Frees the pool and everything in it.  NULL is allowed. */
void wn_pool_free(struct wn_pool *pool);

#endif
