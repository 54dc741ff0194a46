/*
 * repeats.c - what a page shows twice is kept once: a headline repeated
 * above the text, a caption shown twice, the ASCII slug of the title
 * ("Suedkorea bittet Telegram …" for "Südkorea bittet Telegram …"), and
 * in scraped text a paragraph that says again what the kept text said
 * (a teaser's summary of the article under it, the article body a
 * page's metadata repeats after it).
 *
 * Titles are compared on a fold of the text: case-folded, with German
 * umlauts written out (ü -> ue) as slugs do, other accents dropped, and
 * everything that is not a letter or digit read as one space.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "page.h"

/* fold() of n bytes of ASCII: the runs of letters and digits, in lower
 * case, one space between them; what utf8proc's mapping gives for ASCII,
 * without it. */
static char *fold_ascii(struct wn_pool *pool, const char *s, size_t n)
{
	char *out = wn_pool_alloc(pool, n + 1);
	if (out == NULL)
		return NULL;
	size_t k = 0;
	int space = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		int lower = c >= 'a' && c <= 'z', upper = c >= 'A' && c <= 'Z';
		if (!(lower || upper || (c >= '0' && c <= '9'))) {
			space = 1;
			continue;
		}
		if (space && k)
			out[k++] = ' ';
		space = 0;
		out[k++] = upper ? (char)(c + ('a' - 'A')) : c;
	}
	out[k] = '\0';
	return out;
}

/* The fold of s as a pool string, or NULL when out of memory. */
static char *fold(struct wn_pool *pool, const char *s, size_t n)
{
	size_t ascii = 0;
	while (ascii < n && (unsigned char)s[ascii] < 0x80)
		ascii++;
	if (ascii == n)
		return fold_ascii(pool, s, n);
	utf8proc_uint8_t *cf = NULL;
	utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cf,
	                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	if (m < 0)
		return NULL;
	struct wn_buf b = WN_BUF_INIT;
	int space = 0;
	for (utf8proc_ssize_t i = 0; i < m;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(cf + i, m - i, &cp);
		if (k <= 0) {
			i++;
			continue;
		}
		i += k;
		const char *out = NULL;
		char one[8];
		switch (cp) {
		case 0xE4: out = "ae"; break;
		case 0xF6: out = "oe"; break;
		case 0xFC: out = "ue"; break;
		default: {
			/* Drop accents: the first code point of the decomposition. */
			utf8proc_int32_t dec[4];
			utf8proc_ssize_t nd = utf8proc_decompose_char(cp, dec, 4, UTF8PROC_DECOMPOSE, NULL);
			if (nd > 0)
				cp = dec[0];
			utf8proc_category_t c = utf8proc_category(cp);
			int word = (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
			           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
			if (!word) {
				space = 1;
				continue;
			}
			utf8proc_ssize_t len = utf8proc_encode_char(cp, (utf8proc_uint8_t *)one);
			one[len] = '\0';
			out = one;
		}
		}
		if (space && b.size)
			wn_buf_putc(&b, ' ');
		space = 0;
		wn_buf_puts(&b, out);
	}
	free(cf);
	char *r = b.failed ? NULL : wn_pool_strndup(pool, b.data ? b.data : "", b.size);
	wn_buf_free(&b);
	return r;
}

/* Whether the fold of text (len bytes) may start with the byte first:
 * past the marks and spaces before it, its first ASCII letter or digit
 * must be first in either case.  A letter or digit that is not ASCII
 * ("\u00c9t\u00e9", "\u00e4") may fold to anything: then yes. */
static int may_start_as(const char *text, size_t len, char first)
{
	int ascii_first = (first >= 'a' && first <= 'z') || (first >= '0' && first <= '9');
	for (size_t i = 0; ascii_first && i < len;) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x80) {
			if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
				return (c >= 'A' && c <= 'Z' ? c | 0x20 : c) == (unsigned char)first;
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
		                                      (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0)
			return 1;
		utf8proc_category_t cat = utf8proc_category(cp);
		if ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
		    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ||
		    (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME))
			return 1;
		i += (size_t)k;
	}
	return 1;
}

static unsigned count_spaces(const char *s)
{
	unsigned n = 0;
	for (; *s; s++)
		n += *s == ' ';
	return n;
}

/* How much of a long block is folded to compare with the title: this
 * many times the folded title's bytes, and this many more. */
#define TITLE_FOLD_FACTOR 4
#define TITLE_FOLD_MARGIN 16

/* The most words after the title in a block that repeats it with a tail
 * ("Headline | Site Name"); more is the article's text run on after its
 * headline. */
#define TITLE_TAIL_WORDS 8

/*
 * 1 when text repeats the title: the same words, or the first four or
 * more words of it (a slug cut short), or the title plus a tail
 * ("Headline | Site") of at most TITLE_TAIL_WORDS words.
 */
int wn_repeats_title(struct wn_page *pg, const char *text, size_t len)
{
	if (!pg->title || !*pg->title || len == 0)
		return 0;
	if (pg->title_fold == NULL) {
		pg->title_fold = fold(pg->pool, pg->title, strlen(pg->title));
		if (pg->title_fold == NULL)
			return 0;
	}
	const char *t = pg->title_fold;
	if (!*t)
		return 0;
	/* Cheap test first: fold only when the first letters could agree. */
	if (!may_start_as(text, len, t[0]))
		return 0;
	/* A block far longer than the title can only start with it: its
	 * start is folded, and the rest too only when that start folds to
	 * little more than the title (a margin for the last characters,
	 * which the cut may change). */
	size_t nt = strlen(t);
	const char *f = NULL;
	if (len > TITLE_FOLD_FACTOR * nt + TITLE_FOLD_MARGIN) {
		size_t part = TITLE_FOLD_FACTOR * nt + TITLE_FOLD_MARGIN;
		while (part > 0 && ((unsigned char)text[part] & 0xC0) == 0x80)
			part--; /* not inside a character */
		f = fold(pg->pool, text, part);
		if (f == NULL)
			return 0;
		if (strlen(f) > nt + TITLE_FOLD_MARGIN)
			return count_spaces(t) >= 3 && strncmp(f, t, nt) == 0 && f[nt] == ' ' &&
			       count_spaces(f + nt) <= TITLE_TAIL_WORDS;
	}
	f = fold(pg->pool, text, len);
	if (f == NULL || !*f)
		return 0;
	size_t nf = strlen(f);
	if (nf == nt)
		return strcmp(f, t) == 0;
	const char *shorter = nf < nt ? f : t, *longer = nf < nt ? t : f;
	size_t ns = nf < nt ? nf : nt;
	return count_spaces(shorter) >= 3 && strncmp(shorter, longer, ns) == 0 &&
	       longer[ns] == ' ' && (longer == t || count_spaces(longer + ns) <= TITLE_TAIL_WORDS);
}

/* wn_word_fold (page.h): written out by the preprocessor. */
#define W(c)                                                                          \
	((c) >= 0x80 || ((c) >= '0' && (c) <= '9') || ((c) >= 'a' && (c) <= 'z') ? (c)      \
	 : (c) >= 'A' && (c) <= 'Z'                                    ? (c) | 0x20 \
	                                                                : 0)
#define W4(c) W(c), W((c) + 1), W((c) + 2), W((c) + 3)
#define W16(c) W4(c), W4((c) + 4), W4((c) + 8), W4((c) + 12)
#define W64(c) W16(c), W16((c) + 16), W16((c) + 32), W16((c) + 48)
const unsigned char wn_word_fold[256] = {W64(0), W64(64), W64(128), W64(192)};

/* FNV-1a of the letters and digits of s, ASCII case-folded (page.h). */
uint64_t wn_text_key(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t h = WN_TEXT_KEY_SEED;
	for (size_t i = 0; i < n; i++)
		if (wn_word_fold[u[i]])
			h = wn_text_key_step(h, u[i]);
	return h;
}

/* How far back (in kept blocks) a repeat is looked for: scrapers show a
 * title or a caption twice in a row, while an interview asks each guest
 * the same questions pages apart, and those stay. */
#define REPEAT_WINDOW 8

wn_status wn_drop_repeats(struct wn_page *pg)
{
	uint64_t recent[REPEAT_WINDOW];
	size_t n = 0;
	for (size_t i = 0; i < pg->nblocks; i++) {
		struct wn_block *b = &pg->blocks[i].pub;
		if (b->words < 4 || b->decision != WN_KEEP)
			continue;
		uint64_t k = wn_text_key(b->text, b->len);
		int dup = 0;
		for (size_t r = 0; r < n && r < REPEAT_WINDOW && !dup; r++)
			dup = recent[r] == k;
		if (dup) {
			b->decision = WN_DROP;
			b->reason = "repeats an earlier block";
			continue;
		}
		recent[n++ % REPEAT_WINDOW] = k;
	}
	return WN_OK;
}

/* A paragraph looked at for near repeats has this many words or more:
 * shorter ones (a heading, a question an interview asks each guest)
 * are the exact repeats' business. */
#define NEAR_REPEAT_WORDS 20
/* ... and repeats earlier kept text when this share of its four-word
 * shingles (percent) are in that text. */
#define NEAR_REPEAT_PERCENT 80
#define SHINGLE 4
/* The most shingle slots a page's table holds (2 MiB). */
#define NEAR_REPEAT_SLOTS ((size_t)1 << 18)

/* The shingle hashes of a block's text into out (at most cap), their
 * count returned: each the hash of SHINGLE words in a row. */
static size_t shingles(const struct wn_block *b, uint64_t *out, size_t cap)
{
	uint64_t w[SHINGLE] = {0};
	size_t words = 0, n = 0;
	for (size_t i = 0, start; n < cap && wn_next_word(b->text, b->len, &i, &start);) {
		memmove(w, w + 1, (SHINGLE - 1) * sizeof w[0]);
		w[SHINGLE - 1] = wn_text_key(b->text + start, i - start); /* a word's bytes, folded */
		if (++words >= SHINGLE) {
			uint64_t h = 0;
			for (int k = 0; k < SHINGLE; k++)
				h = (h ^ w[k]) * 0x100000001B3ULL + (uint64_t)k;
			out[n++] = h | 1; /* 0 marks an empty slot */
		}
	}
	return n;
}

/* A key set by open addressing (page.h). */
int wn_key_seen(uint64_t *slots, size_t mask, uint64_t key, int add)
{
	for (size_t i = (size_t)(key >> 7) & mask;; i = (i + 1) & mask) {
		if (slots[i] == key)
			return 1;
		if (slots[i] == 0) {
			if (add)
				slots[i] = key;
			return 0;
		}
	}
}

wn_status wn_drop_near_repeats(struct wn_page *pg)
{
	/* Room for every kept word's shingle, at most half full, up to
	 * NEAR_REPEAT_SLOTS: past that, later shingles are not remembered. */
	size_t words = 0, longest = 0;
	for (size_t i = 0; i < pg->nblocks; i++) {
		const struct wn_block *b = &pg->blocks[i].pub;
		if (b->decision == WN_KEEP) {
			words += b->words;
			longest = b->len > longest ? b->len : longest;
		}
	}
	size_t cap = 64;
	while (cap < 2 * words && cap < NEAR_REPEAT_SLOTS)
		cap *= 2;
	uint64_t *slots = wn_pool_alloc(pg->pool, cap * sizeof *slots);
	size_t room = longest / 2 + 1; /* a word is a byte and a separator */
	uint64_t *own = wn_pool_alloc(pg->pool, room * sizeof *own);
	if (slots == NULL || own == NULL)
		return WN_ERR_NOMEM;
	memset(slots, 0, cap * sizeof *slots);
	size_t filled = 0;
	for (size_t i = 0; i < pg->nblocks; i++) {
		struct wn_block *b = &pg->blocks[i].pub;
		if (b->decision != WN_KEEP)
			continue;
		wn_status st = wn_page_charge(pg, b->len);
		if (st != WN_OK)
			return st;
		size_t n = shingles(b, own, room), seen = 0;
		if (b->words >= NEAR_REPEAT_WORDS && n > 0) {
			for (size_t k = 0; k < n; k++)
				seen += wn_key_seen(slots, cap - 1, own[k], 0);
			if (seen * 100 >= n * NEAR_REPEAT_PERCENT) {
				b->decision = WN_DROP;
				b->reason = "says again what the kept text said";
				continue;
			}
		}
		for (size_t k = 0; k < n && filled < cap / 2; k++)
			filled += !wn_key_seen(slots, cap - 1, own[k], 1);
	}
	wn_pool_release(pg->pool, own);
	wn_pool_release(pg->pool, slots);
	return WN_OK;
}
