/* pool.c - per-document memory pool; see pool.h. */
#define _GNU_SOURCE /* mremap */
#include "pool.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/*
 * Every mapping the pool makes is aligned to SLAB_SIZE and starts with a
 * struct slab, so that the header of any block is its address rounded
 * down: a slab of one size class, or a large block of its own (cls BIG),
 * whose bytes follow the header.
 */
#define SLAB_SHIFT 18
#define SLAB_SIZE ((size_t)1 << SLAB_SHIFT)
#define HDR 128                   /* the header, blocks follow */
#define PAGE 4096
#define MAX_SMALL 32768           /* the largest class */
#define NCLASS 52                 /* classes of a kind of slab */
#define BIG 0xffffffffu
/* Empty slabs are kept for reuse rather than unmapped while the bytes
 * they have been written to, which stay resident, come to at most
 * KEEP_BYTES in a pool: the next page (or the next stage) then finds its
 * memory mapped and paged in, as it would in malloc's heap, while a page
 * whose tree the walk releases gives the rest back to the system.  A pool
 * that is freed leaves its slabs to the next pool, up to SHARED_BYTES for
 * the process (a document made for each page, as wn_clean does). */
#define KEEP_BYTES ((size_t)4 << 20)
#define SHARED_BYTES ((size_t)8 << 20)
/* Large blocks (the arrays of blocks, elements and labels, which grow
 * with the page) are kept too when released, up to KEEP_BIG_BYTES of
 * mappings in a pool: a reused document then grows its arrays in pages
 * already mapped and written instead of mapping, faulting in and
 * unmapping them again for every page (a tenth of the text path's time
 * went to the kernel).  Only mappings of at most KEEP_BIG_ONE bytes are
 * kept, so that one huge page's arrays go back to the system. */
#define KEEP_BIG_BYTES ((size_t)2 << 20)
#define KEEP_BIG_ONE ((size_t)1 << 20)
/* A pool that is freed leaves its kept large mappings to the next pool
 * too (a document made for each page), as many as KEEP_BIG_BYTES for the
 * process. */
static struct slab *shared_big;
static size_t shared_big_bytes;

struct spares {
	struct slab *first; /* linked by next */
	size_t written;     /* their written bytes */
};

static struct spares shared;
static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;

struct freeblock {
	struct freeblock *next;
};

struct slab {
	struct slab *next, *prev;   /* the pool's mappings in use */
	struct slab *pnext, *pprev; /* its class's slabs with released blocks */
	struct freeblock *free;     /* its released blocks */
	char *bump;                 /* the first byte never handed out */
	size_t written;             /* bytes from the start ever handed out */
	size_t size;                /* bytes mapped */
	size_t used;                /* a large block: bytes asked for (rounded
	                             * to pages), all that the footprint counts;
	                             * the rest of the mapping is room to grow */
	unsigned cls;               /* size class, or BIG */
	unsigned live;              /* blocks handed out, not released */
	int in_partial;             /* in its class's list of slabs with
	                             * released blocks (which may have been
	                             * handed out again since: the list is
	                             * cleaned as it is read) */
};

_Static_assert(sizeof(struct slab) <= HDR, "the slab header fits in HDR");

/* Two kinds of slabs, each with all the classes: those of wn_pool_alloc
 * (class c) and those of wn_pool_alloc_tree (NCLASS + c).  The class of 128
 * bytes of the tree's (Gumbo's nodes) is the one whose blocks wn_pool_trim
 * can shorten: its slabs start with a bitmap of the trimmed blocks, a bit
 * for each 8 bytes, which are not reused when released (their neighbour
 * follows at once). */
#define TREE NCLASS
#define TRIM_CLASS (TREE + 15)
#define BITMAP (SLAB_SIZE / 64)

static size_t slab_start(unsigned c)
{
	return HDR + (c == TRIM_CLASS ? BITMAP : 0);
}

struct wn_pool {
	struct slab *all;             /* mappings in use: slabs and big blocks */
	struct slab *cur[2 * NCLASS];     /* the slab each class carves from */
	struct slab *partial[2 * NCLASS]; /* slabs with released blocks */
	struct spares spare;          /* empty slabs kept */
	struct slab *big_spare;       /* large mappings kept, linked by next */
	size_t big_spare_bytes;       /* their mapped bytes */
	size_t cap, footprint, peak;
	int capped;
};

/* Classes: 8 ... 128 by 8, 144 ... 256 by 16, then 320, 384, 448, 512,
 * 640 ... up to 32 KiB (four a power of two); class_of finds them. */
static const unsigned class_sizes[NCLASS] = {
	8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120, 128,
	144, 160, 176, 192, 208, 224, 240, 256,
	320, 384, 448, 512, 640, 768, 896, 1024, 1280, 1536, 1792, 2048,
	2560, 3072, 3584, 4096, 5120, 6144, 7168, 8192,
	10240, 12288, 14336, 16384, 20480, 24576, 28672, 32768,
};

/* The bytes of class c, of either kind of slab. */
static size_t class_size(unsigned c)
{
	return class_sizes[c < NCLASS ? c : c - NCLASS];
}

/* The class of n bytes, 1 <= n <= MAX_SMALL. */
static unsigned class_of(size_t n)
{
	if (n <= 128)
		return (unsigned)((n + 7) >> 3) - 1;
	if (n <= 256)
		return 16 + (unsigned)((n - 129) >> 4);
	size_t s = n - 1;
	unsigned b = 63 - (unsigned)__builtin_clzll((unsigned long long)s);
	return 24 + (b - 8) * 4 + (unsigned)((s >> (b - 2)) & 3);
}

static struct slab *slab_of(const void *ptr)
{
	return (struct slab *)((uintptr_t)ptr & ~(uintptr_t)(SLAB_SIZE - 1));
}

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

/* len bytes (a multiple of PAGE) aligned to SLAB_SIZE, or NULL. */
static void *map_aligned(size_t len)
{
	if (len > SIZE_MAX - SLAB_SIZE)
		return NULL;
	size_t span = len + SLAB_SIZE;
	char *m = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	char *a = (char *)(((uintptr_t)m + SLAB_SIZE - 1) & ~(uintptr_t)(SLAB_SIZE - 1));
	size_t head = (size_t)(a - m), tail = span - head - len;
	if (head)
		munmap(m, head);
	if (tail)
		munmap(a + len, tail);
	return a;
}

static void link_all(struct wn_pool *p, struct slab *s)
{
	s->prev = NULL;
	s->next = p->all;
	if (p->all)
		p->all->prev = s;
	p->all = s;
}

static void unlink_all(struct wn_pool *p, struct slab *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		p->all = s->next;
	if (s->next)
		s->next->prev = s->prev;
}

static void partial_add(struct wn_pool *p, struct slab *s)
{
	s->in_partial = 1;
	s->pprev = NULL;
	s->pnext = p->partial[s->cls];
	if (s->pnext)
		s->pnext->pprev = s;
	p->partial[s->cls] = s;
}

static void partial_remove(struct wn_pool *p, struct slab *s)
{
	s->in_partial = 0;
	if (s->pprev)
		s->pprev->pnext = s->pnext;
	else
		p->partial[s->cls] = s->pnext;
	if (s->pnext)
		s->pnext->pprev = s->pprev;
}

/* Keeps the empty slab s in sp while sp's written bytes stay within
 * keep; 0 when it does not fit. */
static int spare_put(struct spares *sp, struct slab *s, size_t keep)
{
	size_t used = (size_t)(s->bump - (char *)s);
	if (used > s->written)
		s->written = used;
	if (sp->written + s->written > keep)
		return 0;
	s->next = sp->first;
	sp->first = s;
	sp->written += s->written;
	return 1;
}

static struct slab *spare_get(struct spares *sp)
{
	struct slab *s = sp->first;
	if (s) {
		sp->first = s->next;
		sp->written -= s->written;
	}
	return s;
}

/* An empty slab out of use: kept for reuse, or unmapped. */
static void slab_retire(struct wn_pool *p, struct slab *s)
{
	if (!spare_put(&p->spare, s, KEEP_BYTES))
		munmap(s, SLAB_SIZE);
}

/* A slab that has been empty: one kept, else from another pool, else a
 * new mapping (written 0); NULL when out of memory. */
static struct slab *slab_get(struct wn_pool *p)
{
	struct slab *s = spare_get(&p->spare);
	if (s == NULL) {
		pthread_mutex_lock(&shared_lock);
		s = spare_get(&shared);
		pthread_mutex_unlock(&shared_lock);
	}
	if (s == NULL && (s = map_aligned(SLAB_SIZE)) != NULL)
		s->written = 0;
	return s;
}

struct wn_pool *wn_pool_new(size_t cap)
{
	struct wn_pool *p = calloc(1, sizeof *p);
	if (p)
		p->cap = cap;
	return p;
}

/* A released large block's mapping: kept for the next large block, or
 * unmapped. */
static void big_retire(struct wn_pool *p, struct slab *s)
{
	if (s->size > KEEP_BIG_ONE || p->big_spare_bytes + s->size > KEEP_BIG_BYTES) {
		munmap(s, s->size);
		return;
	}
	s->next = p->big_spare;
	p->big_spare = s;
	p->big_spare_bytes += s->size;
}

/* A kept large mapping of at least len bytes, taken off the list; NULL
 * when none is that large. */
static struct slab *take_big(struct slab **list, size_t *bytes, size_t len)
{
	for (struct slab **at = list; *at; at = &(*at)->next) {
		struct slab *s = *at;
		if (s->size >= len) {
			*at = s->next;
			*bytes -= s->size;
			return s;
		}
	}
	return NULL;
}

static struct slab *big_reuse(struct wn_pool *p, size_t len)
{
	struct slab *s = take_big(&p->big_spare, &p->big_spare_bytes, len);
	if (s == NULL) {
		pthread_mutex_lock(&shared_lock);
		s = take_big(&shared_big, &shared_big_bytes, len);
		pthread_mutex_unlock(&shared_lock);
	}
	return s;
}

static void *alloc_big(struct wn_pool *p, size_t size)
{
	if (size > SIZE_MAX - HDR - PAGE - SLAB_SIZE)
		return NULL;
	size_t len = (HDR + size + PAGE - 1) & ~(size_t)(PAGE - 1);
	if (take(p, len))
		return NULL;
	struct slab *s = big_reuse(p, len);
	if (s == NULL) {
		s = map_aligned(len);
		if (s == NULL) {
			p->footprint -= len;
			return NULL;
		}
		s->size = len;
	}
	s->cls = BIG;
	s->used = len;
	link_all(p, s);
	return (char *)s + HDR;
}

/* A new slab to carve class c from, with the first sz bytes taken. */
static struct slab *new_slab(struct wn_pool *p, unsigned c, size_t sz)
{
	size_t start = slab_start(c);
	if (take(p, start + sz))
		return NULL;
	struct slab *s = slab_get(p);
	if (s == NULL) {
		p->footprint -= start + sz;
		return NULL;
	}
	if (c == TRIM_CLASS)
		memset((char *)s + HDR, 0, BITMAP);
	s->cls = c;
	s->live = 0;
	s->in_partial = 0;
	s->free = NULL;
	s->size = SLAB_SIZE;
	s->bump = (char *)s + start;
	link_all(p, s);
	p->cur[c] = s;
	return s;
}

/* A block of class c (of either kind). */
static inline void *alloc_class(struct wn_pool *p, unsigned c)
{
	struct slab *s;
	while ((s = p->partial[c]) != NULL && s->free == NULL)
		partial_remove(p, s);
	if (s) {
		struct freeblock *f = s->free;
		s->free = f->next;
		s->live++;
		return f;
	}
	size_t sz = class_size(c);
	s = p->cur[c];
	if (s && (size_t)((char *)s + SLAB_SIZE - s->bump) >= sz) {
		if (take(p, sz))
			return NULL;
	} else if ((s = new_slab(p, c, sz)) == NULL) {
		return NULL;
	}
	void *r = s->bump;
	s->bump += sz;
	s->live++;
	return r;
}

void *wn_pool_alloc(struct wn_pool *p, size_t size)
{
	if (size > MAX_SMALL)
		return alloc_big(p, size);
	return alloc_class(p, class_of(size ? size : 1));
}

void *wn_pool_alloc_tree(struct wn_pool *p, size_t size)
{
	if (size > MAX_SMALL)
		return alloc_big(p, size);
	return alloc_class(p, TREE + class_of(size ? size : 1));
}

void wn_pool_release(struct wn_pool *p, void *ptr)
{
	if (ptr == NULL)
		return;
	struct slab *s = slab_of(ptr);
	if (s->cls == BIG) {
		unlink_all(p, s);
		p->footprint -= s->used;
		big_retire(p, s);
		return;
	}
	unsigned char *trimmed = NULL, bit = 0;
	if (s->cls == TRIM_CLASS) {
		size_t i = (size_t)((char *)ptr - (char *)s) / 8;
		trimmed = (unsigned char *)s + HDR + i / 8;
		bit = (unsigned char)(1u << (i % 8));
	}
	if (trimmed && (*trimmed & bit)) {
		*trimmed &= (unsigned char)~bit; /* its bytes stay unused */
	} else {
		struct freeblock *f = ptr;
		if (!s->in_partial)
			partial_add(p, s);
		f->next = s->free;
		s->free = f;
	}
	if (--s->live)
		return;
	/* Every block released: the slab is empty. */
	if (s->in_partial)
		partial_remove(p, s);
	p->footprint -= (size_t)(s->bump - (char *)s);
	s->free = NULL;
	if (p->cur[s->cls] == s) {
		if ((size_t)(s->bump - (char *)s) > s->written)
			s->written = (size_t)(s->bump - (char *)s);
		s->bump = (char *)s + slab_start(s->cls);
		p->footprint += slab_start(s->cls);
		return;
	}
	unlink_all(p, s);
	slab_retire(p, s);
}

void wn_pool_trim(struct wn_pool *p, void *ptr, size_t size)
{
	struct slab *s = slab_of(ptr);
	size_t keep = (size + 7) & ~(size_t)7;
	if (s->cls != TRIM_CLASS || keep >= 128 || (char *)ptr + 128 != s->bump)
		return;
	s->bump = (char *)ptr + keep;
	p->footprint -= 128 - keep;
	size_t i = (size_t)((char *)ptr - (char *)s) / 8;
	((unsigned char *)s + HDR)[i / 8] |= (unsigned char)(1u << (i % 8));
}

void *wn_pool_realloc(struct wn_pool *p, void *ptr, size_t size)
{
	if (ptr == NULL)
		return wn_pool_alloc(p, size);
	struct slab *s = slab_of(ptr);
	if (s->cls != BIG) {
		size_t have = class_size(s->cls);
		if (size <= have)
			return ptr;
		void *n = s->cls >= TREE ? wn_pool_alloc_tree(p, size) : wn_pool_alloc(p, size);
		if (n) {
			memcpy(n, ptr, have);
			wn_pool_release(p, ptr);
		}
		return n;
	}
	if (size <= MAX_SMALL / 2) {
		/* Small enough for a slab. */
		void *n = wn_pool_alloc(p, size);
		if (n) {
			memcpy(n, ptr, size);
			wn_pool_release(p, ptr);
		}
		return n;
	}
	if (size > (SIZE_MAX - HDR - PAGE - SLAB_SIZE) / 9 * 8)
		return NULL;
	size_t len = (HDR + size + PAGE - 1) & ~(size_t)(PAGE - 1);
	if (len < s->used && s->size <= KEEP_BIG_ONE) {
		/* Shrunk, in a mapping small enough to keep whole (see
		 * KEEP_BIG_BYTES): only the footprint counts less. */
		p->footprint -= s->used - len;
		s->used = len;
		return ptr;
	}
	if (len < s->used) {
		/* Shrunk: the pages past it go back. */
		if (mremap(s, s->size, len, 0) == MAP_FAILED)
			return ptr; /* keeps the larger mapping */
		p->footprint -= s->used - len;
		s->size = s->used = len;
		return ptr;
	}
	if (take(p, len - s->used))
		return NULL;
	if (len <= s->size) {
		s->used = len;
		return ptr;
	}
	/* A new mapping an eighth larger than asked, so that the next
	 * growths only count. */
	size_t map = (len + len / 8 + PAGE - 1) & ~(size_t)(PAGE - 1);
	struct slab *n = mremap(s, s->size, map, 0);
	if (n == MAP_FAILED) {
		/* Moved, not copied: the pages go to an aligned place. */
		void *to = map_aligned(map);
		n = to ? mremap(s, s->size, map, MREMAP_MAYMOVE | MREMAP_FIXED, to) : MAP_FAILED;
		if (n == MAP_FAILED) {
			if (to)
				munmap(to, map);
			p->footprint -= len - s->used;
			return NULL;
		}
		if (n->prev)
			n->prev->next = n;
		else
			p->all = n;
		if (n->next)
			n->next->prev = n;
	}
	n->size = map;
	n->used = len;
	return (char *)n + HDR;
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
	while (p->all) {
		struct slab *s = p->all;
		p->all = s->next;
		if (s->cls == BIG)
			big_retire(p, s);
		else
			slab_retire(p, s);
	}
	memset(p->cur, 0, sizeof p->cur);
	memset(p->partial, 0, sizeof p->partial);
	p->footprint = 0;
	p->capped = 0;
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
	struct slab *s;
	while ((s = p->big_spare) != NULL) {
		p->big_spare = s->next;
		pthread_mutex_lock(&shared_lock);
		int kept = shared_big_bytes + s->size <= KEEP_BIG_BYTES;
		if (kept) {
			s->next = shared_big;
			shared_big = s;
			shared_big_bytes += s->size;
		}
		pthread_mutex_unlock(&shared_lock);
		if (!kept)
			munmap(s, s->size);
	}
	while ((s = spare_get(&p->spare)) != NULL) {
		pthread_mutex_lock(&shared_lock);
		int kept = spare_put(&shared, s, SHARED_BYTES);
		pthread_mutex_unlock(&shared_lock);
		if (!kept)
			munmap(s, SLAB_SIZE);
	}
	free(p);
}
