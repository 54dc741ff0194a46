/* pool.c - per-document memory pool; see pool.h. */
#include "pool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Size classes: every 16 bytes up to 256 (Gumbo's nodes are about 140
 * bytes, which a power of two would round to 256), then powers of two up
 * to 32 KiB. */
#define SMALL_STEP 16
#define SMALL_MAX 256
#define MAX_SHIFT 15              /* largest class: 32 KiB */
#define NSMALL (SMALL_MAX / SMALL_STEP)
#define NCLASS (NSMALL + MAX_SHIFT - 8)

static size_t class_size(unsigned cls)
{
	return cls < NSMALL ? (size_t)(cls + 1) * SMALL_STEP : (size_t)1 << (cls - NSMALL + 9);
}

static unsigned class_of(size_t need)
{
	if (need <= SMALL_MAX)
		return need ? (unsigned)((need - 1) / SMALL_STEP) : 0;
	unsigned cls = NSMALL;
	while (((size_t)1 << (cls - NSMALL + 9)) < need)
		cls++;
	return cls;
}
#define CHUNK_SIZE ((size_t)256 << 10)
#define BIG_CLASS 0xff

/* Every block starts with a header; the caller's bytes follow it. */
struct header {
	uint32_t cls;  /* size class index, or BIG_CLASS */
	uint32_t pad;
};

struct big {
	struct big *prev, *next;
	size_t size;
	struct header h; /* must be last: the caller's bytes follow it */
};

struct chunk {
	struct chunk *next;
	size_t size;
	/* the blocks follow */
};

struct freeblock {
	struct freeblock *next;
};

struct wn_pool {
	struct chunk *chunks;
	char *cur, *end;            /* bump region in the newest chunk */
	struct freeblock *free[NCLASS];
	struct big *bigs;
	size_t cap, footprint, peak;
	int capped;
};

static int take(struct wn_pool *p, size_t n)
{
	if (p->cap && (n > p->cap || p->footprint > p->cap - n)) {
		p->capped = 1;
		return -1;
	}
	p->footprint += n;
	if (p->footprint > p->peak)
		p->peak = p->footprint;
	return 0;
}

struct wn_pool *wn_pool_new(size_t cap)
{
	struct wn_pool *p = calloc(1, sizeof *p);
	if (p)
		p->cap = cap;
	return p;
}

static void *alloc_big(struct wn_pool *p, size_t size)
{
	if (size > SIZE_MAX - sizeof(struct big) || take(p, sizeof(struct big) + size))
		return NULL;
	struct big *b = malloc(sizeof(struct big) + size);
	if (b == NULL) {
		p->footprint -= sizeof(struct big) + size;
		return NULL;
	}
	b->size = size;
	b->h.cls = BIG_CLASS;
	b->prev = NULL;
	b->next = p->bigs;
	if (p->bigs)
		p->bigs->prev = b;
	p->bigs = b;
	return &b->h + 1;
}

/* A new chunk for blocks of at least need bytes: CHUNK_SIZE, or what is
 * left under the cap when that is less. */
static int new_chunk(struct wn_pool *p, size_t need)
{
	size_t size = CHUNK_SIZE;
	if (p->cap && p->cap - p->footprint < size && p->footprint <= p->cap)
		size = p->cap - p->footprint;
	if (size < sizeof(struct chunk) + need)
		size = sizeof(struct chunk) + need; /* take() refuses it */
	if (take(p, size))
		return -1;
	struct chunk *c = malloc(size);
	if (c == NULL) {
		p->footprint -= size;
		return -1;
	}
	c->size = size;
	c->next = p->chunks;
	p->chunks = c;
	p->cur = (char *)(c + 1);
	p->end = (char *)c + size;
	return 0;
}

void *wn_pool_alloc(struct wn_pool *p, size_t size)
{
	size_t need = size + sizeof(struct header);
	if (size > ((size_t)1 << MAX_SHIFT) - sizeof(struct header))
		return alloc_big(p, size);
	unsigned cls = class_of(need);
	struct header *h;
	if (p->free[cls]) {
		struct freeblock *f = p->free[cls];
		p->free[cls] = f->next;
		h = (struct header *)f - 1;
	} else {
		size_t bytes = class_size(cls);
		if (p->cur == NULL || (size_t)(p->end - p->cur) < bytes) {
			if (new_chunk(p, bytes))
				return NULL;
		}
		h = (struct header *)p->cur;
		p->cur += bytes;
	}
	h->cls = cls;
	return h + 1;
}

void wn_pool_release(struct wn_pool *p, void *ptr)
{
	if (ptr == NULL)
		return;
	struct header *h = (struct header *)ptr - 1;
	if (h->cls == BIG_CLASS) {
		struct big *b = (struct big *)((char *)h - offsetof(struct big, h));
		if (b->prev)
			b->prev->next = b->next;
		else
			p->bigs = b->next;
		if (b->next)
			b->next->prev = b->prev;
		p->footprint -= sizeof(struct big) + b->size;
		free(b);
		return;
	}
	struct freeblock *f = ptr;
	f->next = p->free[h->cls];
	p->free[h->cls] = f;
}

char *wn_pool_strndup(struct wn_pool *p, const char *s, size_t len)
{
	if (len == SIZE_MAX)
		return NULL;
	char *d = wn_pool_alloc(p, len + 1);
	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

void wn_pool_clear(struct wn_pool *p)
{
	while (p->bigs) {
		struct big *b = p->bigs;
		p->bigs = b->next;
		free(b);
	}
	/* Keep the oldest chunk (the last in the list) for the next page. */
	struct chunk *keep = NULL;
	while (p->chunks) {
		struct chunk *c = p->chunks;
		p->chunks = c->next;
		if (p->chunks == NULL)
			keep = c;
		else
			free(c);
	}
	memset(p->free, 0, sizeof p->free);
	p->footprint = 0;
	p->capped = 0;
	p->cur = p->end = NULL;
	if (keep) {
		keep->next = NULL;
		p->chunks = keep;
		p->footprint = keep->size;
		p->cur = (char *)(keep + 1);
		p->end = (char *)keep + keep->size;
	}
}

int wn_pool_capped(const struct wn_pool *p)
{
	return p->capped;
}

size_t wn_pool_footprint(const struct wn_pool *p)
{
	return p->footprint;
}

size_t wn_pool_peak(const struct wn_pool *p)
{
	return p->peak;
}

void wn_pool_free(struct wn_pool *p)
{
	if (p == NULL)
		return;
	wn_pool_clear(p);
	while (p->chunks) {
		struct chunk *c = p->chunks;
		p->chunks = c->next;
		free(c);
	}
	free(p);
}
