/*
 * rules.c - parse rule files and match rules on blocks; see rules.h and
 * winnow-rules(5).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "buf.h"
#include "rules.h"

/* PCRE2 limits: a pathological pattern or text gives up, it never hangs.
 * A regex run on n bytes may take REGEX_STEPS_PER_BYTE * (n +
 * REGEX_CALL_BYTES) steps of PCRE2's matcher (at most MATCH_LIMIT); one
 * that needs more does not match.  The page's work budget pays
 * REGEX_UNITS_PER_STEP units per step allowed (a step of PCRE2's
 * interpreter takes several times what a unit of other work does): the
 * first try allows REGEX_FIRST_STEPS + n / 2 steps, enough for nearly
 * every call (an anchored pattern fails in a few), and each retry four
 * times more, so a page pays for at most about twice the steps its
 * regexes take, and a backtracking pattern costs it what it is allowed,
 * the same on every machine. */
#define MATCH_LIMIT 200000
#define DEPTH_LIMIT 2000
#define REGEX_CALL_BYTES 64
#define REGEX_STEPS_PER_BYTE 16
#define REGEX_FIRST_STEPS 16
#define REGEX_UNITS_PER_STEP 4
/* The scans for a regex's required character and needs= strings, before
 * it runs: memchr's pace, many bytes to a unit. */
#define PREFILTER_BYTES_PER_UNIT 64

/*
 * A regex whose interpreted tries have been allowed this many steps of
 * PCRE2's matcher in the process is compiled again with PCRE2's JIT,
 * which runs it several times faster.  The compile takes some 40 us, the
 * time of about 16,000 interpreted steps; a regex is compiled when its
 * interpreted steps reach a quarter of that: renting skis until the rent
 * paid is a quarter of the price.  A process that has paid that much for
 * a regex cleans many pages (a batch, a stream) and calls it again and
 * again: three rounds over the scrapinghub-text pages take 2.7% fewer
 * instructions than at a full price's rent, while a one-page run of the
 * command, most of which loads the rules, takes from 0.2% fewer to 2.3%
 * more (a regex or two compiled).  The worst case, a regex compiled and
 * never called again, spends five times the rent paid for it.  A regex
 * that fails at its first bytes is allowed about a hundred steps a call
 * and compiled after a few dozen calls (a single page seldom gets
 * there); one whose lookaheads read its text many times over needs
 * retries of four times the steps each and is compiled after a call or
 * two.  The copy is made by the thread whose try crosses the mark and
 * published atomically; the others go on with the interpreter until it
 * is there.  The meson option regex_jit=false (for valgrind, which
 * cannot follow JIT code) leaves every regex interpreted.
 */
#define JIT_AFTER_STEPS 4096

struct wn_regex_jit {
	_Atomic uint64_t steps; /* allowed to its interpreted tries */
	_Atomic(pcre2_code *) code; /* NULL until compiled; never unset */
	atomic_int failed;          /* the JIT cannot take this regex */
};

/* An index entry: the hash of a phrase's first word and its rule. */
struct first_word {
	uint64_t hash;
	size_t rule;
};

/* The bits of the filter in front of the table of words: 2^16 bits, 8 KiB. */
#define WORD_FILTER_BITS 16

/* A word of the lookup table (see struct wn_rules). */
struct word_slot {
	uint64_t hash;  /* 0: empty */
	uint32_t index, nindex, trigger, ntrigger;
};

/* A regex rule without if= words that no first byte rules out, and the
 * fewest bytes it matches. */
struct loose_rule {
	uint32_t min_len;
	uint32_t rule;
};

/* A class word of a class rule, and the hint bit of its family. */
struct class_word {
	uint64_t hash;
	unsigned hint;
};

struct wn_rules {
	struct wn_rule *rules;
	struct class_word *classes; /* sorted by hash */
	size_t nclasses;
	size_t n, cap;
	struct first_word *index; /* sorted by hash */
	size_t nindex;
	size_t nregex;            /* regex rules */
	struct first_word *triggers; /* if= words of regex rules, sorted by hash */
	size_t ntriggers;
	/* Regex rules without if= words.  Anchored ones that can start with
	 * byte c only: by_first[s][by_first_at[s][c] ... by_first_at[s][c+1]),
	 * in rule order, s 0 for block and rest scope (the block's first
	 * byte) and 1 for line scope (a line's).  The others (loose), sorted
	 * by the length of text they need. */
	uint32_t by_first_at[2][257];
	uint32_t *by_first[2];
	struct loose_rule *loose;
	size_t nloose;
	/* Every word that starts a phrase or triggers a regex, hashed: where
	 * its entries are in index and triggers.  One probe per word of a
	 * block finds them. */
	struct word_slot *slots;
	size_t slot_mask;
	/* A bit for each of those words (by the top bits of its hash): most
	 * words of a block are none of them, and the table above is far
	 * larger than the processor's first cache. */
	uint8_t word_filter[1u << (WORD_FILTER_BITS - 3)];
	char **owned;             /* every string the set owns */
	size_t nowned, capowned;
};

/* FNV-1a of n bytes: how class words are indexed and looked up. */
static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* ---- Normalised words ----------------------------------------------------- */

struct words {
	uint64_t *hash;
	unsigned *line; /* line number of each word, from 0 */
	size_t n, cap;
	int valid;      /* the text was valid UTF-8 */
	unsigned *per_line; /* words of each line (count_per_line), or NULL */
	size_t nper, per_cap;
};

static void words_free(struct words *w)
{
	free(w->hash);
	free(w->line);
	free(w->per_line);
	memset(w, 0, sizeof *w);
}

static int words_push(struct words *w, uint64_t h, unsigned line)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		uint64_t *hh = realloc(w->hash, cap * sizeof *hh);
		if (hh == NULL)
			return -1;
		w->hash = hh;
		unsigned *ll = realloc(w->line, cap * sizeof *ll);
		if (ll == NULL)
			return -1;
		w->line = ll;
		w->cap = cap;
	}
	w->hash[w->n] = h;
	w->line[w->n] = line;
	w->n++;
	return 0;
}

static int is_word_char(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	utf8proc_category_t c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) ||
	       (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

/* Code points of two bytes in UTF-8 (U+0080 to U+07FF: the accented
 * letters of every Latin script, Greek, Cyrillic, Hebrew, Arabic) folded
 * once for the process, as utf8proc folds them below: most of the text
 * that is not ASCII, without a call into utf8proc per character. */
#define FOLD_FIRST 0x80
#define FOLD_END 0x800
#define FOLD_MAX 4

struct folded {
	unsigned char n;    /* code points it folds to, 0: fold it the long way */
	unsigned char word; /* bit k: code point k is a word character */
	utf8proc_int32_t cp[FOLD_MAX];
};

static struct folded folds[FOLD_END - FOLD_FIRST];
static pthread_once_t folds_once = PTHREAD_ONCE_INIT;

static void make_folds(void)
{
	for (utf8proc_int32_t cp = FOLD_FIRST; cp < FOLD_END; cp++) {
		struct folded *f = &folds[cp - FOLD_FIRST];
		utf8proc_int32_t cps[8];
		utf8proc_ssize_t n = utf8proc_decompose_char(
		        cp, cps, 8, UTF8PROC_CASEFOLD | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE, NULL);
		if (n < 1 || n > FOLD_MAX)
			continue; /* n stays 0 */
		for (utf8proc_ssize_t k = 0; k < n; k++) {
			f->cp[k] = cps[k];
			if (is_word_char(cps[k]))
				f->word |= (unsigned char)(1u << k);
		}
		f->n = (unsigned char)n;
	}
}

/*
 * Splits text into words, case-folded and compatibility-normalised (so that
 * "LEAVE A REPLY", "Leave a reply:" and "ｌｅａｖｅ" all read alike), as
 * 64-bit FNV-1a hashes with their line numbers, and notes whether the text
 * is valid UTF-8.  -1 when out of memory.
 */
static int split_words(const char *text, size_t len, struct words *out)
{
	out->n = 0;
	out->valid = 1;
	const unsigned char *s = (const unsigned char *)text;
	uint64_t h = 0;
	int in_word = 0;
	unsigned line = 0;
	pthread_once(&folds_once, make_folds);
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t cps[8];
		utf8proc_ssize_t ncp = 1;
		const struct folded *f = NULL;
		if (s[i] >= 0xC2 && s[i] < 0xE0 && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
			utf8proc_int32_t cp = ((s[i] & 0x1F) << 6) | (s[i + 1] & 0x3F);
			f = &folds[cp - FOLD_FIRST];
			if (f->n == 0)
				f = NULL; /* the long way, below */
		}
		unsigned word = 0; /* bit c: cps[c] is a word character */
		if (f != NULL) {
			i += 2;
			ncp = f->n;
			memcpy(cps, f->cp, sizeof f->cp);
			word = f->word;
		} else if (s[i] < 0x80) {
			/* ASCII, as below without the table lookups. */
			unsigned char c = s[i++];
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
				if (!in_word)
					h = 1469598103934665603ULL;
				in_word = 1;
				h = (h ^ (uint64_t)(c | (c >= 'A' ? 0x20 : 0))) * 1099511628211ULL;
				continue;
			}
			if (in_word && words_push(out, h, line) != 0)
				return -1;
			in_word = 0;
			if (c == '\n')
				line++;
			continue;
		} else {
			/* Folded one code point at a time, decomposed and not
			 * recomposed: the patterns go through this same path. */
			utf8proc_int32_t cp;
			utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
			i += k > 0 ? (size_t)k : 1;
			if (k <= 0) {
				cp = 0xFFFD;
				out->valid = 0;
			}
			ncp = utf8proc_decompose_char(cp, cps, 8,
			                              UTF8PROC_CASEFOLD | UTF8PROC_COMPAT |
			                                  UTF8PROC_DECOMPOSE,
			                              NULL);
			if (ncp < 1 || ncp > 8) {
				cps[0] = cp;
				ncp = 1;
			}
			for (utf8proc_ssize_t c = 0; c < ncp; c++)
				word |= (unsigned)is_word_char(cps[c]) << c;
		}
		for (utf8proc_ssize_t c = 0; c < ncp; c++) {
			utf8proc_int32_t cp = cps[c];
			if (word & (1u << c)) {
				if (!in_word)
					h = 1469598103934665603ULL;
				in_word = 1;
				if (cp < 0x80) {
					h = (h ^ (uint64_t)cp) * 1099511628211ULL;
					continue;
				}
				utf8proc_uint8_t u[4];
				utf8proc_ssize_t nb = utf8proc_encode_char(cp, u);
				for (utf8proc_ssize_t b = 0; b < nb; b++)
					h = (h ^ u[b]) * 1099511628211ULL;
			} else {
				if (in_word && words_push(out, h, line) != 0)
					return -1;
				in_word = 0;
				if (cp == '\n')
					line++;
			}
		}
	}
	if (in_word && words_push(out, h, line) != 0)
		return -1;
	return 0;
}

/* ---- The rule set ---------------------------------------------------------- */

wn_rules *wn_rules_new(void)
{
	return calloc(1, sizeof(wn_rules));
}

/* The set owns s from now on (freed with it); NULL stays NULL. */
static char *keep(wn_rules *r, char *s)
{
	if (s == NULL)
		return NULL;
	if (r->nowned == r->capowned) {
		size_t cap = r->capowned ? r->capowned * 2 : 64;
		char **o = realloc(r->owned, cap * sizeof *o);
		if (o == NULL) {
			free(s);
			return NULL;
		}
		r->owned = o;
		r->capowned = cap;
	}
	r->owned[r->nowned++] = s;
	return s;
}

static char *dup_range(wn_rules *r, const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d == NULL)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return keep(r, d);
}

static void free_rule(struct wn_rule *rule);

void wn_rules_free(wn_rules *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++)
		free_rule(&r->rules[i]);
	for (size_t i = 0; i < r->nowned; i++)
		free(r->owned[i]);
	free(r->owned);
	free(r->rules);
	free(r->index);
	free(r->classes);
	free(r->triggers);
	free(r->slots);
	free(r->by_first[0]);
	free(r->by_first[1]);
	free(r->loose);
	free(r);
}

size_t wn_rules_count(const wn_rules *r)
{
	return r ? r->n : 0;
}

size_t wn_rules_size(const wn_rules *r)
{
	return r ? r->n : 0;
}

const struct wn_rule *wn_rules_at(const wn_rules *r, size_t i)
{
	return r && i < r->n ? &r->rules[i] : NULL;
}

static int cmp_first(const void *a, const void *b)
{
	const struct first_word *x = a, *y = b;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

static int cmp_loose(const void *a, const void *b)
{
	const struct loose_rule *x = a, *y = b;
	if (x->min_len != y->min_len)
		return x->min_len < y->min_len ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

static int cmp_class(const void *a, const void *b)
{
	const struct class_word *x = a, *y = b;
	return x->hash < y->hash ? -1 : x->hash > y->hash;
}

unsigned wn_rules_class_word(const wn_rules *r, const char *w, size_t n)
{
	if (r == NULL && (r = wn_rules_builtin()) == NULL)
		return 0;
	uint64_t h = hash_bytes(w, n);
	size_t lo = 0, hi = r->nclasses;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r->classes[mid].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	unsigned hints = 0;
	for (; lo < r->nclasses && r->classes[lo].hash == h; lo++)
		hints |= r->classes[lo].hint;
	return hints;
}

/* The filter's bit of a word hash h (not 0: an empty slot's mark, which
 * slot_of reads as 1). */
static unsigned filter_bit(uint64_t h)
{
	return (unsigned)(h >> (64 - WORD_FILTER_BITS));
}

static void filter_add(wn_rules *r, uint64_t h)
{
	unsigned b = filter_bit(h);
	r->word_filter[b >> 3] |= (uint8_t)(1u << (b & 7));
}

/* Whether the word hashed h may be in the table: 0 when it is not. */
static int filter_has(const wn_rules *r, uint64_t h)
{
	unsigned b = filter_bit(h ? h : 1);
	return (r->word_filter[b >> 3] >> (b & 7)) & 1;
}

static struct word_slot *slot_of(const wn_rules *r, uint64_t h)
{
	if (h == 0)
		h = 1; /* 0 marks an empty slot */
	for (size_t i = h & r->slot_mask;; i = (i + 1) & r->slot_mask)
		if (r->slots[i].hash == h || r->slots[i].hash == 0)
			return &r->slots[i];
}

/* The table of words from the sorted index and triggers arrays. */
static int build_slots(wn_rules *r)
{
	size_t size = 16;
	while (size < 2 * (r->nindex + r->ntriggers) + 2)
		size *= 2;
	free(r->slots);
	r->slots = calloc(size, sizeof *r->slots);
	if (r->slots == NULL)
		return -1;
	r->slot_mask = size - 1;
	memset(r->word_filter, 0, sizeof r->word_filter);
	for (size_t k = 0; k < r->nindex;) {
		size_t e = k;
		while (e < r->nindex && r->index[e].hash == r->index[k].hash)
			e++;
		struct word_slot *sl = slot_of(r, r->index[k].hash);
		sl->hash = r->index[k].hash ? r->index[k].hash : 1;
		filter_add(r, sl->hash);
		sl->index = (uint32_t)k;
		sl->nindex = (uint32_t)(e - k);
		k = e;
	}
	for (size_t k = 0; k < r->ntriggers;) {
		size_t e = k;
		while (e < r->ntriggers && r->triggers[e].hash == r->triggers[k].hash)
			e++;
		struct word_slot *sl = slot_of(r, r->triggers[k].hash);
		sl->hash = r->triggers[k].hash ? r->triggers[k].hash : 1;
		filter_add(r, sl->hash);
		sl->trigger = (uint32_t)k;
		sl->ntrigger = (uint32_t)(e - k);
		k = e;
	}
	return 0;
}

/* The regex rules without if= words, by first byte (anchored ones) or
 * by the length of text they need (the others): r->by_first, r->loose. */
static int index_untriggered(wn_rules *r)
{
	size_t total[2] = {0, 0}, nl = 0;
	uint32_t count[2][256];
	memset(count, 0, sizeof count);
	for (size_t i = 0; i < r->n; i++) {
		const struct wn_rule *rule = &r->rules[i];
		if (!rule->is_regex || rule->ntriggers)
			continue;
		if (!rule->has_first) {
			nl++;
			continue;
		}
		int s = rule->scope == WN_SCOPE_LINE;
		for (unsigned c = 0; c < 256; c++)
			if (rule->first_bytes[c >> 3] & (1u << (c & 7))) {
				count[s][c]++;
				total[s]++;
			}
	}
	if (total[0] >= UINT32_MAX || total[1] >= UINT32_MAX)
		return -1;
	uint32_t *by[2] = {malloc((total[0] + 1) * sizeof(uint32_t)),
	                   malloc((total[1] + 1) * sizeof(uint32_t))};
	struct loose_rule *loose = malloc((nl + 1) * sizeof *loose);
	if (by[0] == NULL || by[1] == NULL || loose == NULL) {
		free(by[0]);
		free(by[1]);
		free(loose);
		return -1;
	}
	uint32_t fill[2][256];
	for (int s = 0; s < 2; s++) {
		r->by_first_at[s][0] = 0;
		for (unsigned c = 0; c < 256; c++) {
			fill[s][c] = r->by_first_at[s][c];
			r->by_first_at[s][c + 1] = r->by_first_at[s][c] + count[s][c];
		}
	}
	nl = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct wn_rule *rule = &r->rules[i];
		if (!rule->is_regex || rule->ntriggers)
			continue;
		if (!rule->has_first) {
			loose[nl++] = (struct loose_rule){rule->min_len, (uint32_t)i};
			continue;
		}
		int s = rule->scope == WN_SCOPE_LINE;
		for (unsigned c = 0; c < 256; c++)
			if (rule->first_bytes[c >> 3] & (1u << (c & 7)))
				by[s][fill[s][c]++] = (uint32_t)i;
	}
	qsort(loose, nl, sizeof *loose, cmp_loose);
	for (int s = 0; s < 2; s++) {
		free(r->by_first[s]);
		r->by_first[s] = by[s];
	}
	free(r->loose);
	r->loose = loose;
	r->nloose = nl;
	return 0;
}

/* Rebuilds the first-word index, the regex indexes and the class words. */
static int reindex(wn_rules *r)
{
	if (r->n > UINT32_MAX - 1 || index_untriggered(r) != 0)
		return -1;
	struct first_word *idx = malloc((r->n + 1) * sizeof *idx);
	if (idx == NULL)
		return -1;
	size_t ni = 0, nr = 0, nc = 0;
	for (size_t i = 0; i < r->n; i++)
		if (r->rules[i].hint)
			nc += r->rules[i].nwords;
	struct class_word *cw = malloc((nc + 1) * sizeof *cw);
	if (cw == NULL) {
		free(idx);
		return -1;
	}
	nc = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct wn_rule *rule = &r->rules[i];
		if (rule->hint) {
			for (unsigned k = 0; k < rule->nwords; k++)
				cw[nc++] = (struct class_word){rule->words[k], rule->hint};
		} else if (rule->is_regex) {
			nr++;
		} else if (rule->nwords > 0) {
			idx[ni++] = (struct first_word){rule->words[0], i};
		}
	}
	qsort(cw, nc, sizeof *cw, cmp_class);
	size_t nt = 0;
	for (size_t i = 0; i < r->n; i++)
		nt += r->rules[i].ntriggers;
	struct first_word *tw = malloc((nt + 1) * sizeof *tw);
	if (tw == NULL) {
		free(idx);
		free(cw);
		return -1;
	}
	nt = 0;
	for (size_t i = 0; i < r->n; i++)
		for (unsigned k = 0; k < r->rules[i].ntriggers; k++)
			tw[nt++] = (struct first_word){r->rules[i].triggers[k], i};
	qsort(tw, nt, sizeof *tw, cmp_first);
	free(r->triggers);
	r->triggers = tw;
	r->ntriggers = nt;
	free(r->classes);
	r->classes = cw;
	r->nclasses = nc;
	qsort(idx, ni, sizeof *idx, cmp_first);
	free(r->index);
	r->index = idx;
	r->nindex = ni;
	r->nregex = nr;
	return build_slots(r);
}

/* ---- Parsing --------------------------------------------------------------- */

struct parse {
	const char *name;
	unsigned line;
	char *err;
	size_t errlen;
};

static wn_status perr(struct parse *p, const char *fmt, const char *arg)
{
	char msg[160];
	snprintf(msg, sizeof msg, fmt, arg);
	snprintf(p->err, p->errlen, "%s:%u: %s", p->name, p->line, msg);
	return WN_ERR_ARG;
}

static const char *skip_space(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

static const char *token_end(const char *s, const char *end)
{
	while (s < end && *s != ' ' && *s != '\t')
		s++;
	return s;
}

static int token_is(const char *s, const char *e, const char *word)
{
	size_t n = strlen(word);
	return (size_t)(e - s) == n && memcmp(s, word, n) == 0;
}

static int add_example(const char ***list, unsigned *n, const char *s)
{
	const char **l = realloc(*list, (*n + 1) * sizeof *l);
	if (l == NULL)
		return -1;
	l[(*n)++] = s;
	*list = l;
	return 0;
}

static wn_status compile_phrase(wn_rules *r, struct wn_rule *rule, struct parse *p)
{
	struct words w = {0};
	if (split_words(rule->pattern, strlen(rule->pattern), &w) != 0) {
		words_free(&w);
		return WN_ERR_NOMEM;
	}
	if (w.n == 0) {
		words_free(&w);
		return perr(p, "the phrase '%s' has no words", rule->pattern);
	}
	rule->words = w.hash;
	rule->nwords = (unsigned)w.n;
	free(w.line);
	(void)r;
	return WN_OK;
}

/* The parts of a page that class rules name, and their hints. */
static const struct {
	const char *family;
	unsigned hint;
} class_families[] = {
	{"nav", WN_HINT_NAV},         {"header", WN_HINT_HEADER},
	{"footer", WN_HINT_FOOTER},   {"aside", WN_HINT_ASIDE},
	{"form", WN_HINT_FORM},       {"comment", WN_HINT_COMMENT},
	{"share", WN_HINT_SHARE},     {"related", WN_HINT_RELATED},
	{"ad", WN_HINT_AD},           {"meta", WN_HINT_META},
	{"figure", WN_HINT_FIGURE},   {"article", WN_HINT_ARTICLE},
	{"hidden", WN_HINT_HIDDEN},   {"lead", WN_HINT_LEAD},
};

/* A class rule: PATTERN is class/id words (lower-case letters and
 * digits), any of which names the part of the page its family is. */
static wn_status compile_class(wn_rules *r, struct wn_rule *rule, struct parse *p)
{
	(void)r;
	for (size_t k = 0; k < sizeof class_families / sizeof class_families[0]; k++)
		if (strcmp(rule->family, class_families[k].family) == 0)
			rule->hint = class_families[k].hint;
	if (rule->hint == 0)
		return perr(p, "class rules name a part of the page (nav, header, footer, aside, "
		               "form, comment, share, related, ad, meta, figure, article, hidden, lead), "
		               "not '%s'", rule->family);
	if (rule->scope != WN_SCOPE_BLOCK || rule->whole || rule->start || rule->max_words ||
	    *rule->lang || rule->nocell || rule->noitem)
		return perr(p, "a class rule takes scope block and no options%s", "");
	const char *s = rule->pattern;
	size_t n = 0;
	for (const char *q = s; *q; q++)
		n += (q == s || q[-1] == ' ' || q[-1] == '\t') && *q != ' ' && *q != '\t';
	rule->words = malloc((n ? n : 1) * sizeof *rule->words);
	if (rule->words == NULL)
		return WN_ERR_NOMEM;
	while (*s) {
		while (*s == ' ' || *s == '\t')
			s++;
		const char *w = s;
		while (*s && *s != ' ' && *s != '\t') {
			if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
				return perr(p, "class words are lower-case letters and digits, not '%s'",
				            dup_range(r, w, strcspn(w, " \t")));
			s++;
		}
		if (s > w)
			rule->words[rule->nwords++] = hash_bytes(w, (size_t)(s - w));
	}
	return WN_OK;
}

/* The length of the character at s (at most n bytes, an invalid byte
 * one), and in *word whether it is part of a word (a letter, mark or
 * digit) rather than a break between the parts of an if= item
 * ("e-mail", "risico's", "risico’s"). */
static size_t item_char(const char *s, size_t n, int *word)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
	*word = k > 0 && is_word_char(cp);
	return k > 0 ? (size_t)k : 1;
}

/*
 * The hashes an if= list (comma-separated items) is looked up by.  An item
 * of several words ("e-mail", "round-up", "risico's") is looked up by its
 * longest part alone: a block that holds the item holds that part too, and
 * the short ones ("e", "up", "s") are common words of their own that would
 * run the regex on nearly every block.  -1 when out of memory.
 */
static int trigger_words(const char *list, uint64_t **out, unsigned *nout)
{
	struct words all = {0}, part = {0};
	const char *s = list;
	while (*s) {
		size_t n = strcspn(s, ",");
		const char *best = s;
		size_t best_len = 0;
		/* Each part: a run of word characters, from i to j. */
		for (size_t i = 0, j = 0; j < n;) {
			int word;
			size_t k = item_char(s + j, n - j, &word);
			if (word && j + k - i > best_len) {
				best = s + i;
				best_len = j + k - i;
			}
			j += k;
			if (!word)
				i = j;
		}
		if (split_words(best, best_len, &part) != 0)
			goto nomem;
		for (size_t k = 0; k < part.n; k++)
			if (words_push(&all, part.hash[k], 0) != 0)
				goto nomem;
		s += n;
		if (*s == ',')
			s++;
	}
	words_free(&part);
	free(all.line);
	*out = all.hash;
	*nout = (unsigned)all.n;
	return 0;
nomem:
	words_free(&part);
	words_free(&all);
	return -1;
}

/*
 * The bytes a match of an anchored pattern can start with, when PCRE2
 * gives no table of them (it gives none for \d, \s or \w at the start,
 * which take any Unicode digit, space or letter): each ASCII character is
 * tried alone as the start of a text, a partial match saying that some
 * text starting with it may match.  The bytes that start a longer UTF-8
 * character, and the end of the text (an empty block), are all taken as
 * possible.  -1 when out of memory.
 */
static int probe_first_bytes(const pcre2_code *re, unsigned char *bytes)
{
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	if (md == NULL)
		return -1;
	memset(bytes, 0, 32);
	for (unsigned c = 0; c < 256; c++) {
		int possible = 1;
		if (c > 0 && c < 0x80) {
			char one = (char)c;
			possible = pcre2_match(re, (PCRE2_SPTR)&one, 1, 0, PCRE2_PARTIAL_HARD, md,
			                       NULL) != PCRE2_ERROR_NOMATCH;
		}
		if (possible)
			bytes[c >> 3] |= (unsigned char)(1u << (c & 7));
	}
	pcre2_match_data_free(md);
	return 0;
}

/* A character with a meaning in a pattern, which ends its literal text. */
static int is_meta(char c)
{
	return c != '\0' && strchr("\\^$.|?*+()[]{}", c) != NULL;
}

/* The "]" that ends the character class whose "[" is at s; NULL when
 * none does. */
static const char *class_end(const char *s)
{
	s += s[1] == '^' ? 2 : 1;
	if (*s == ']')
		s++;
	while (*s && *s != ']')
		s += *s == '\\' && s[1] ? 2 : 1;
	return *s ? s : NULL;
}

/* The end of the group whose "(" is at s (its ")"), skipping escapes
 * and character classes; NULL when it has none. */
static const char *group_end(const char *s)
{
	int depth = 0;
	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
		} else if (*s == '[') {
			if ((s = class_end(s)) == NULL)
				return NULL;
		} else if (*s == '(') {
			depth++;
		} else if (*s == ')' && --depth == 0) {
			return s;
		}
	}
	return NULL;
}

/* Past the atom at t, before end: an escape pair, a group, a class or
 * one character; NULL when a group or a class is not closed before end. */
static const char *after_atom(const char *t, const char *end)
{
	if (*t == '\\' && t + 1 < end)
		return t + 2;
	if (*t != '(' && *t != '[')
		return t + 1;
	const char *c = *t == '(' ? group_end(t) : class_end(t);
	return c && c < end ? c + 1 : NULL;
}

/* Adds the literal start of the alternative [a, e) to rule->starts (in
 * lower case, up to its first character that is not ASCII or has a
 * meaning; a character a quantifier makes optional is left out).  0 when
 * it has none, so that no start can be told (it starts with a class, a
 * group, an escape ...); -1 when out of memory. */
static int add_start(struct wn_rule *rule, size_t *used, const char *a, const char *e)
{
	size_t n = 0;
	while (a + n < e && !is_meta(a[n]) && (unsigned char)a[n] < 0x80)
		n++;
	if (n > 0 && a + n < e && (a[n] == '?' || a[n] == '*' || a[n] == '{'))
		n--;
	if (n == 0) {
		if (a < e && (unsigned char)a[0] >= 0x80) {
			rule->starts_other = 1;
			return 1;
		}
		return 0;
	}
	if (n > UCHAR_MAX)
		n = UCHAR_MAX; /* its start is a start too */
	char *grown = realloc(rule->starts, *used + n + 1);
	if (grown == NULL)
		return -1;
	rule->starts = grown;
	grown[*used] = (char)n;
	for (size_t i = 0; i < n; i++)
		grown[*used + 1 + i] = (char)tolower((unsigned char)a[i]);
	*used += n + 1;
	rule->nstarts++;
	return 1;
}

/* The fewest starts a rule's are indexed by their first byte from (a
 * label rule's sixty alternatives, each text with a first byte of one
 * of them looking at all). */
#define INDEX_STARTS 8

/* Sorts rule->starts (used bytes) by their first byte and indexes them
 * (rule->start_index).  -1 when out of memory. */
static int index_starts(struct wn_rule *rule, size_t used)
{
	size_t *at = malloc(rule->nstarts * sizeof *at);
	char *sorted = malloc(used);
	uint16_t *index = malloc(257 * sizeof *index);
	if (at == NULL || sorted == NULL || index == NULL) {
		free(at);
		free(sorted);
		free(index);
		return -1;
	}
	for (size_t k = 0, off = 0; k < rule->nstarts; k++) {
		at[k] = off;
		off += 1 + (unsigned char)rule->starts[off];
	}
	/* insertion sort, stable: the starts stay in rule order by byte */
	for (size_t k = 1; k < rule->nstarts; k++) {
		size_t x = at[k], j = k;
		unsigned char c = (unsigned char)rule->starts[x + 1];
		for (; j > 0 && (unsigned char)rule->starts[at[j - 1] + 1] > c; j--)
			at[j] = at[j - 1];
		at[j] = x;
	}
	size_t off = 0, k = 0;
	for (unsigned c = 0; c < 256; c++) {
		index[c] = (uint16_t)off;
		for (; k < rule->nstarts && (unsigned char)rule->starts[at[k] + 1] == c; k++) {
			size_t n = 1 + (unsigned char)rule->starts[at[k]];
			memcpy(sorted + off, rule->starts + at[k], n);
			off += n;
		}
	}
	index[256] = (uint16_t)off;
	free(at);
	free(rule->starts);
	rule->starts = sorted;
	rule->start_index = index;
	return 0;
}

/* rule->starts of an anchored pattern: "^" then literal text, or a group
 * of alternatives that each start with literal text (or with a character
 * that is not ASCII).  Nothing when the pattern is of another shape, or
 * sets options that change what "^" or a space means.  -1 when out of
 * memory. */
static int literal_starts(struct wn_rule *rule)
{
	const char *pat = rule->pattern;
	if (pat[0] != '^' || strstr(pat, "(?x") || strstr(pat, "(?m") || strstr(pat, "\\Q"))
		return 0;
	const char *a = pat + 1, *end;
	if (strncmp(a, "(?:", 3) == 0) {
		end = group_end(a);
		if (end == NULL || end[1] == '?' || end[1] == '*' || end[1] == '{')
			return 0; /* an optional group */
		/* "^(?:a|b)c|^d": alternatives of the whole pattern after it */
		const char *stop = pat + strlen(pat);
		for (const char *t = end + 1; t < stop;)
			if (*t == '|' || (t = after_atom(t, stop)) == NULL)
				return 0;
		a += 3;
	} else {
		end = a + strlen(a);
	}
	size_t used = 0;
	int ok = 1;
	while (ok > 0) {
		/* the alternative from a to the next "|" of this level */
		const char *e = a;
		while (e < end && *e != '|') {
			const char *next = after_atom(e, end);
			e = next ? next : end;
		}
		ok = add_start(rule, &used, a, e);
		if (e >= end)
			break;
		a = e + 1;
	}
	if (ok <= 0) {
		free(rule->starts);
		rule->starts = NULL;
		rule->nstarts = 0;
		rule->starts_other = 0;
		return ok < 0 ? -1 : 0;
	}
	return rule->nstarts >= INDEX_STARTS && used <= UINT16_MAX ? index_starts(rule, used) : 0;
}

/* The text s (n bytes) may start as one of rule->starts does: the bytes
 * are those of a start, ASCII case aside, up to a byte that is not ASCII
 * (which a caseless letter may match: "K" matches the Kelvin sign). */
static int may_start(const struct wn_rule *rule, const char *s, size_t n)
{
	if (n && (unsigned char)s[0] >= 0x80)
		return 1;
	/* (Most starts differ from the text at their first byte.) */
	unsigned char c0 = n ? (unsigned char)s[0] : 0;
	char first = (char)(c0 >= 'A' && c0 <= 'Z' ? c0 | 0x20 : c0);
	const char *p = rule->starts, *end = NULL;
	if (rule->start_index) {
		p = rule->starts + rule->start_index[(unsigned char)first];
		end = rule->starts + rule->start_index[(unsigned char)first + 1];
	}
	for (unsigned k = 0; end ? p < end : k < rule->nstarts; k++) {
		size_t len = (unsigned char)p[0], i = 0;
		const char *start = p + 1;
		if (start[0] == first)
			for (; i < len && i < n; i++) {
				unsigned char c = (unsigned char)s[i];
				if (c >= 0x80)
					return 1;
				if ((char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c) != start[i])
					break;
			}
		if (i == len)
			return 1;
		p = start + len;
	}
	return 0;
}

static wn_status compile_regex(wn_rules *r, struct wn_rule *rule, struct parse *p)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)rule->pattern, PCRE2_ZERO_TERMINATED,
	                               PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &code,
	                               &off, NULL);
	if (re == NULL) {
		char msg[120];
		pcre2_get_error_message(code, (PCRE2_UCHAR *)msg, sizeof msg);
		return perr(p, "bad regular expression: %s", msg);
	}
	rule->re = re;
	rule->jit = calloc(1, sizeof *rule->jit);
	if (rule->jit == NULL)
		return WN_ERR_NOMEM;
	/* An anchored pattern can only match text whose first byte it may
	 * start with: a table of those bytes saves a call to the matcher for
	 * most blocks. */
	uint32_t opts = 0, first = 0;
	const uint8_t *bitmap = NULL;
	/* PCRE2 itself turns down a text shorter than this (in bytes, a
	 * lower bound of its length in characters). */
	pcre2_pattern_info(re, PCRE2_INFO_MINLENGTH, &rule->min_len);
	pcre2_pattern_info(re, PCRE2_INFO_ALLOPTIONS, &opts);
	pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &first);
	/* PCRE2 sets ANCHORED when every top-level branch starts with ^;
	 * "^a|b" is not anchored. */
	if (opts & PCRE2_ANCHORED) {
		if (first == 1) {
			uint32_t unit = 0;
			pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODEUNIT, &unit);
			memset(rule->first_bytes, 0, sizeof rule->first_bytes);
			rule->first_bytes[unit >> 3] |= (uint8_t)(1u << (unit & 7));
			if (unit < 128 && ((unit | 0x20) >= 'a' && (unit | 0x20) <= 'z')) {
				uint32_t other = unit ^ 0x20;
				rule->first_bytes[other >> 3] |= (uint8_t)(1u << (other & 7));
			}
			rule->has_first = 1;
		} else if (pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP, &bitmap) == 0 &&
		           bitmap != NULL) {
			memcpy(rule->first_bytes, bitmap, sizeof rule->first_bytes);
			rule->has_first = 1;
		} else {
			int rc = probe_first_bytes(re, rule->first_bytes);
			if (rc < 0)
				return WN_ERR_NOMEM;
			rule->has_first = 1;
		}
	}
	/* A character every match holds (the ':' of "John says:"): a text
	 * without it is turned down before the matcher is called.  Only an
	 * ASCII one, whose other case (a letter's) is one byte too. */
	uint32_t req_type = 0, req = 0;
	pcre2_pattern_info(re, PCRE2_INFO_LASTCODETYPE, &req_type);
	if (req_type == 1 && pcre2_pattern_info(re, PCRE2_INFO_LASTCODEUNIT, &req) == 0 &&
	    req > 0 && req < 0x80) {
		rule->req_bytes[0] = (char)req;
		rule->req_bytes[1] = ((req | 0x20) >= 'a' && (req | 0x20) <= 'z') ? (char)(req ^ 0x20)
		                                                                    : (char)req;
		rule->has_req = 1;
	}
	if ((opts & PCRE2_ANCHORED) && literal_starts(rule) != 0)
		return WN_ERR_NOMEM;
	(void)r;
	return WN_OK;
}

/* Parses one rule line (without its newline). */
static wn_status parse_rule(wn_rules *r, struct parse *p, const char *s, const char *end,
                            struct wn_rule *rule)
{
	memset(rule, 0, sizeof *rule);
	const char *t = skip_space(s, end), *e = token_end(t, end);
	for (const char *c = t; c < e; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
			return perr(p, "a family is lower-case letters, digits and '-'%s", "");
	rule->family = dup_range(r, t, (size_t)(e - t));
	t = skip_space(e, end);
	e = token_end(t, end);
	if (token_is(t, e, "block"))
		rule->scope = WN_SCOPE_BLOCK;
	else if (token_is(t, e, "line"))
		rule->scope = WN_SCOPE_LINE;
	else if (token_is(t, e, "rest"))
		rule->scope = WN_SCOPE_REST;
	else
		return perr(p, "unknown scope '%s' (block, line or rest)",
		            t < e ? dup_range(r, t, (size_t)(e - t)) : "");
	for (;;) {
		t = skip_space(e, end);
		e = token_end(t, end);
		if (t == e)
			return perr(p, "missing kind and pattern%s", "");
		if (token_is(t, e, "phrase") || token_is(t, e, "regex") || token_is(t, e, "class"))
			break;
		if (token_is(t, e, "whole")) {
			rule->whole = 1;
		} else if (token_is(t, e, "start")) {
			rule->start = 1;
		} else if (token_is(t, e, "nocell")) {
			rule->nocell = 1;
		} else if (token_is(t, e, "noitem")) {
			rule->noitem = 1;
		} else if (token_is(t, e, "button=close")) {
			rule->button = WN_BUTTON_CLOSE;
		} else if (token_is(t, e, "button=answer")) {
			rule->button = WN_BUTTON_ANSWER;
		} else if (e - t > 3 && memcmp(t, "if=", 3) == 0) {
			/* Trigger words, comma-separated: normalised as phrases are. */
			rule->if_words = dup_range(r, t + 3, (size_t)(e - t - 3));
			if (rule->if_words == NULL)
				return WN_ERR_NOMEM;
			uint64_t *hashes = NULL;
			unsigned nhashes = 0;
			if (trigger_words(rule->if_words, &hashes, &nhashes) != 0)
				return WN_ERR_NOMEM;
			if (nhashes == 0) {
				free(hashes);
				return perr(p, "if= takes words, separated by commas%s", "");
			}
			free(rule->triggers);
			rule->triggers = hashes;
			rule->ntriggers = nhashes;
		} else if (e - t > 6 && memcmp(t, "needs=", 6) == 0) {
			/* Strings, comma-separated, one of which the text must
			 * hold, byte for byte. */
			char *list = dup_range(r, t + 6, (size_t)(e - t - 6));
			rule->needs_list = dup_range(r, t + 6, (size_t)(e - t - 6));
			if (list == NULL || rule->needs_list == NULL)
				return WN_ERR_NOMEM;
			unsigned n = 1;
			for (const char *c = list; *c; c++)
				n += *c == ',';
			free(rule->needs);
			free(rule->needs_len);
			rule->needs = calloc(n, sizeof *rule->needs);
			rule->needs_len = calloc(n, sizeof *rule->needs_len);
			if (rule->needs == NULL || rule->needs_len == NULL)
				return WN_ERR_NOMEM;
			rule->nneeds = 0;
			for (char *c = list, *next; c; c = next) {
				next = strchr(c, ',');
				if (next)
					*next++ = '\0';
				if (*c == '\0')
					return perr(p, "needs= takes strings, separated by commas, none empty%s",
					            "");
				rule->needs_len[rule->nneeds] = strlen(c);
				rule->needs[rule->nneeds++] = c;
			}
		} else if (e - t > 5 && memcmp(t, "lang=", 5) == 0 && e - t - 5 < 8) {
			memcpy(rule->lang, t + 5, (size_t)(e - t - 5));
		} else if (e - t > 4 && memcmp(t, "max=", 4) == 0) {
			char num[16] = "";
			size_t n = (size_t)(e - t - 4);
			if (n >= sizeof num)
				return perr(p, "max= takes a number of words%s", "");
			memcpy(num, t + 4, n);
			char *x;
			unsigned long v = strtoul(num, &x, 10);
			if (*x || v == 0 || v > 100000)
				return perr(p, "max= takes a number of words, not '%s'", num);
			rule->max_words = (unsigned)v;
		} else {
			return perr(p, "unknown option '%s'", dup_range(r, t, (size_t)(e - t)));
		}
	}
	rule->is_regex = token_is(t, e, "regex");
	int is_class = token_is(t, e, "class");
	t = skip_space(e, end);
	const char *pe = end;
	while (pe > t && (pe[-1] == ' ' || pe[-1] == '\t' || pe[-1] == '\r'))
		pe--;
	if (t == pe)
		return perr(p, "missing pattern%s", "");
	rule->pattern = dup_range(r, t, (size_t)(pe - t));
	if (rule->whole && rule->is_regex)
		return perr(p, "'whole' is for phrases; anchor the regex with ^ and $%s", "");
	if (rule->whole && rule->scope == WN_SCOPE_LINE)
		return perr(p, "'whole' is for block and rest rules%s", "");
	if (rule->button && (!rule->whole || rule->scope != WN_SCOPE_BLOCK))
		return perr(p, "'button=' is for whole-phrase block rules%s", "");
	if (rule->ntriggers && !rule->is_regex)
		return perr(p, "'if=' is for regex rules%s", "");
	if (rule->nneeds && !rule->is_regex)
		return perr(p, "'needs=' is for regex rules%s", "");
	if (rule->family == NULL || rule->pattern == NULL)
		return WN_ERR_NOMEM;
	char where[256], label[320];
	snprintf(where, sizeof where, "%s:%u", p->name, p->line);
	snprintf(label, sizeof label, "%s: %s", rule->family, rule->pattern);
	rule->where = dup_range(r, where, strlen(where));
	rule->label = dup_range(r, label, strlen(label));
	if (rule->where == NULL || rule->label == NULL)
		return WN_ERR_NOMEM;
	if (is_class)
		return compile_class(r, rule, p);
	return rule->is_regex ? compile_regex(r, rule, p) : compile_phrase(r, rule, p);
}

static void free_rule(struct wn_rule *rule)
{
	free(rule->starts);
	free(rule->start_index);
	free(rule->triggers);
	free(rule->needs);
	free(rule->needs_len);
	free(rule->words);
	free(rule->fires);
	free(rule->keeps);
	if (rule->re)
		pcre2_code_free(rule->re);
	if (rule->jit) {
		pcre2_code_free(atomic_load(&rule->jit->code));
		free(rule->jit);
	}
}

wn_status wn_rules_add_text(wn_rules *r, const char *text, size_t len, const char *name,
                            char *err, size_t errlen)
{
	if (r == NULL || (text == NULL && len))
		return WN_ERR_ARG;
	struct parse p = {name ? name : "rules", 0, err, errlen};
	size_t first = r->n;
	wn_status rc = WN_OK;
	const char *s = text, *end = text + len;
	while (s < end && rc == WN_OK) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *le = nl ? nl : end;
		p.line++;
		const char *t = skip_space(s, le);
		if (memchr(s, '\0', (size_t)(le - s)) != NULL) {
			/* C strings would cut the rule at the NUL, silently */
			rc = perr(&p, "a NUL byte in the line%s", "");
			break;
		}
		if (t == le || *t == '#' || (le - t == 1 && *t == '\r')) {
			/* blank or comment */
		} else if (*t == '+' || *t == '-') {
			if (r->n == first) {
				rc = perr(&p, "an example (%s) before any rule", *t == '+' ? "+" : "-");
				break;
			}
			struct wn_rule *rule = &r->rules[r->n - 1];
			const char *x = skip_space(t + 1, le);
			const char *xe = le;
			while (xe > x && (xe[-1] == '\r' || xe[-1] == ' '))
				xe--;
			char *ex = dup_range(r, x, (size_t)(xe - x));
			/* Examples may hold several lines, written as \n. */
			if (ex) {
				char *w = ex;
				for (const char *q = ex; *q; q++) {
					if (q[0] == '\\' && q[1] == 'n') {
						*w++ = '\n';
						q++;
					} else {
						*w++ = *q;
					}
				}
				*w = '\0';
			}
			if (ex == NULL || add_example(*t == '+' ? &rule->fires : &rule->keeps,
			                              *t == '+' ? &rule->nfires : &rule->nkeeps,
			                              ex) != 0)
				rc = WN_ERR_NOMEM;
		} else {
			if (r->n == r->cap) {
				size_t cap = r->cap ? r->cap * 2 : 64;
				struct wn_rule *nr = realloc(r->rules, cap * sizeof *nr);
				if (nr == NULL) {
					rc = WN_ERR_NOMEM;
					break;
				}
				r->rules = nr;
				r->cap = cap;
			}
			struct wn_rule rule;
			rc = parse_rule(r, &p, t, le, &rule);
			if (rc == WN_OK)
				r->rules[r->n++] = rule;
			else
				free_rule(&rule);
		}
		s = nl ? nl + 1 : end;
	}
	if (rc == WN_OK && reindex(r) != 0)
		rc = WN_ERR_NOMEM;
	if (rc != WN_OK) {
		/* Nothing from this text stays. */
		while (r->n > first)
			free_rule(&r->rules[--r->n]);
		reindex(r);
		if (rc == WN_ERR_NOMEM)
			snprintf(err, errlen, "%s: out of memory", p.name);
	}
	return rc;
}

/* The largest rules file read: the built-in set is under 100 KB, a file
 * of 10,000 rules about 1 MB. */
#define WN_RULES_MAX_FILE (64 << 20)

wn_status wn_rules_add_file(wn_rules *r, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return WN_ERR_ARG;
	}
	struct wn_buf b = WN_BUF_INIT;
	char chunk[8192];
	size_t n;
	int too_big = 0;
	while (!too_big && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		wn_buf_put(&b, chunk, n);
		too_big = b.size > WN_RULES_MAX_FILE; /* /dev/zero, a wrong file */
	}
	int bad = ferror(f);
	int e = errno;
	fclose(f);
	if (too_big) {
		snprintf(err, errlen, "%s: larger than %d MiB, not a rules file", path,
		         WN_RULES_MAX_FILE >> 20);
		wn_buf_free(&b);
		return WN_ERR_ARG;
	}
	if (bad || b.failed) {
		snprintf(err, errlen, "%s: %s", path, bad ? strerror(e) : "out of memory");
		wn_buf_free(&b);
		return bad ? WN_ERR_ARG : WN_ERR_NOMEM;
	}
	wn_status rc = wn_rules_add_text(r, b.data ? b.data : "", b.size, path, err, errlen);
	wn_buf_free(&b);
	return rc;
}

wn_status wn_rules_add_default(wn_rules *r)
{
	char err[256];
	return wn_rules_add_text(r, (const char *)wn_default_rules_text, wn_default_rules_size,
	                         "default.rules", err, sizeof err);
}

static const char *scope_name(enum wn_scope s)
{
	return s == WN_SCOPE_LINE ? "line" : s == WN_SCOPE_REST ? "rest" : "block";
}

wn_status wn_rules_list(const wn_rules *r, char **out, size_t *len)
{
	if (r == NULL || out == NULL)
		return WN_ERR_ARG;
	struct wn_buf b = WN_BUF_INIT;
	for (size_t i = 0; i < r->n; i++) {
		const struct wn_rule *x = &r->rules[i];
		wn_buf_printf(&b, "%s\t%s\t", x->family, scope_name(x->scope));
		if (*x->lang)
			wn_buf_printf(&b, "lang=%s ", x->lang);
		if (x->max_words)
			wn_buf_printf(&b, "max=%u ", x->max_words);
		if (x->whole)
			wn_buf_puts(&b, "whole ");
		if (x->start)
			wn_buf_puts(&b, "start ");
		if (x->nocell)
			wn_buf_puts(&b, "nocell ");
		if (x->noitem)
			wn_buf_puts(&b, "noitem ");
		if (x->button)
			wn_buf_puts(&b, x->button == WN_BUTTON_CLOSE ? "button=close " : "button=answer ");
		if (x->ntriggers)
			wn_buf_printf(&b, "if=%s ", x->if_words);
		if (x->nneeds)
			wn_buf_printf(&b, "needs=%s ", x->needs_list);
		wn_buf_printf(&b, "%s\t%s\t%s\n",
		              x->hint ? "class" : x->is_regex ? "regex" : "phrase", x->pattern,
		              x->where);
	}
	if (wn_buf_detach(&b, out, len) != 0) {
		wn_buf_free(&b);
		return WN_ERR_NOMEM;
	}
	return WN_OK;
}

/* ---- The built-in set --------------------------------------------------------- */

static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;
static wn_rules *builtin;
static char builtin_err[256] = "out of memory";

static void make_builtin(void)
{
	wn_rules *r = wn_rules_new();
	if (r && wn_rules_add_text(r, (const char *)wn_default_rules_text, wn_default_rules_size,
	                           "default.rules", builtin_err, sizeof builtin_err) != WN_OK) {
		wn_rules_free(r);
		r = NULL;
	}
	builtin = r;
}

const char *wn_rules_builtin_error(void)
{
	return builtin_err;
}

const wn_rules *wn_rules_builtin(void)
{
	pthread_once(&builtin_once, make_builtin);
	return builtin;
}

/* ---- Matching --------------------------------------------------------------- */

struct hit {
	const struct wn_rule *rule;
	int line; /* for line scope: the line, else -1 */
};

static int lang_ok(const struct wn_rule *rule, const char *lang)
{
	return !*rule->lang || !lang || !*lang || strncmp(rule->lang, lang, 2) == 0;
}

/* The rule may fire on a block of this kind (nocell, noitem). */
static int kind_ok(const struct wn_rule *rule, wn_block_kind kind)
{
	return !(kind == WN_BLOCK_CELL && rule->nocell) &&
	       !(kind == WN_BLOCK_LIST_ITEM && rule->noitem);
}

/* Counts the words of each of the nlines lines once, so that a line rule
 * with max= costs one look per line, not a pass over the block per line
 * (a <pre> of 30,000 short lines).  -1 when out of memory. */
static int count_per_line(struct words *w, unsigned nlines)
{
	if (nlines > w->per_cap) {
		unsigned *p = realloc(w->per_line, nlines * sizeof *p);
		if (p == NULL)
			return -1;
		w->per_line = p;
		w->per_cap = nlines;
	}
	memset(w->per_line, 0, nlines * sizeof *w->per_line);
	w->nper = nlines;
	for (size_t i = 0; i < w->n; i++)
		if (w->line[i] < nlines)
			w->per_line[w->line[i]]++;
	return 0;
}

/* Words of line ln (all lines when ln < 0); count_per_line first. */
static size_t count_words(const struct words *w, int ln)
{
	if (ln < 0)
		return w->n;
	return (size_t)ln < w->nper ? w->per_line[ln] : 0;
}

static int better(const struct hit *h, const struct wn_rule *rule)
{
	return h->rule == NULL || rule->scope > h->rule->scope;
}

/* The regex rules a block could fire, each once, in rule order at the
 * end (sort_candidates), with the work of finding them. */
struct candidates {
	uint32_t *rule;  /* nregex entries */
	size_t n;
	uint32_t *stamp; /* per rule: the block that took it last */
	uint32_t *word;  /* per word slot: the block that took its rules last */
	uint32_t block;  /* this block's stamp, never 0 */
	uint64_t looks;  /* entries of the indexes looked at */
};

static void take(struct candidates *c, uint32_t rule)
{
	if (c->stamp[rule] != c->block) {
		c->stamp[rule] = c->block;
		c->rule[c->n++] = rule;
	}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static void sort_candidates(struct candidates *c)
{
	if (c->n > 32) {
		qsort(c->rule, c->n, sizeof *c->rule, cmp_u32);
		return;
	}
	for (size_t i = 1; i < c->n; i++) {
		uint32_t x = c->rule[i];
		size_t j = i;
		for (; j > 0 && c->rule[j - 1] > x; j--)
			c->rule[j] = c->rule[j - 1];
		c->rule[j] = x;
	}
}

/* Phrases: one pass over the words; lines[] collects line-scope hits.
 * With rx, the same look at each word takes the regex rules it is an if=
 * word of. */
static int match_phrases(const wn_rules *r, const struct words *w, const char *lang,
                         wn_block_kind kind, struct hit *best, unsigned char *lines,
                         unsigned nlines,
                         struct candidates *rx, uint64_t *looks)
{
	unsigned char *covered = NULL;
	const struct wn_rule *whole_rule = NULL;
	*looks += w->n;
	for (size_t i = 0; i < w->n; i++) {
		if (!filter_has(r, w->hash[i]))
			continue; /* no phrase starts with it, no regex waits for it */
		const struct word_slot *sl = slot_of(r, w->hash[i]);
		/* An if= word again in the block: its rules are taken. */
		if (rx != NULL && sl->ntrigger && rx->word[sl - r->slots] != rx->block) {
			rx->word[sl - r->slots] = rx->block;
			for (size_t k = sl->trigger; k < (size_t)sl->trigger + sl->ntrigger; k++)
				take(rx, (uint32_t)r->triggers[k].rule);
			*looks += sl->ntrigger;
		}
		*looks += sl->nindex;
		for (size_t k = sl->index; k < (size_t)sl->index + sl->nindex; k++) {
			const struct wn_rule *rule = &r->rules[r->index[k].rule];
			if (i + rule->nwords > w->n || !lang_ok(rule, lang) || !kind_ok(rule, kind))
				continue;
			unsigned j = 1;
			while (j < rule->nwords && w->hash[i + j] == rule->words[j])
				j++;
			if (j < rule->nwords)
				continue;
			int ln = rule->scope == WN_SCOPE_LINE ? (int)w->line[i] : -1;
			if (rule->max_words && count_words(w, ln) > rule->max_words)
				continue;
			if (rule->start && !(i == 0 || (ln >= 0 && w->line[i - 1] != w->line[i])))
				continue;
			if (rule->whole) {
				if (covered == NULL && (covered = calloc(w->n, 1)) == NULL)
					return -1;
				memset(covered + i, 1, rule->nwords);
				if (whole_rule == NULL)
					whole_rule = rule;
				continue;
			}
			if (rule->scope == WN_SCOPE_LINE && ln >= 0 && (unsigned)ln < nlines)
				lines[ln] = 1;
			if (better(best, rule))
				*best = (struct hit){rule, ln};
		}
	}
	if (covered) {
		size_t i = 0;
		while (i < w->n && covered[i])
			i++;
		if (i == w->n && better(best, whole_rule))
			*best = (struct hit){whole_rule, -1};
		free(covered);
	}
	return 0;
}

/* Takes the regex rules without if= words that could fire on the block:
 * the anchored block and rest rules that can start with its first byte,
 * the anchored line rules that can start with the first byte of one of
 * its lines, and the others that need no more bytes than it has. */
static void take_untriggered(const wn_rules *r, const char *text, size_t len,
                             struct candidates *c)
{
	unsigned char first = len ? (unsigned char)text[0] : 0;
	for (uint32_t k = r->by_first_at[0][first]; k < r->by_first_at[0][first + 1]; k++)
		take(c, r->by_first[0][k]);
	c->looks += r->by_first_at[0][first + 1] - r->by_first_at[0][first];
	if (r->by_first_at[1][256] > 0) {
		unsigned char done[32] = {0};
		const char *s = text, *end = text + len;
		for (;;) {
			unsigned char b = s < end ? (unsigned char)*s : 0;
			c->looks++;
			if (!(done[b >> 3] & (1u << (b & 7)))) {
				done[b >> 3] |= (unsigned char)(1u << (b & 7));
				for (uint32_t k = r->by_first_at[1][b]; k < r->by_first_at[1][b + 1]; k++)
					take(c, r->by_first[1][k]);
				c->looks += r->by_first_at[1][b + 1] - r->by_first_at[1][b];
			}
			const char *nl = memchr(s, '\n', (size_t)(end - s));
			if (nl == NULL)
				break;
			s = nl + 1;
		}
	}
	for (size_t k = 0; k < r->nloose && r->loose[k].min_len <= len; k++) {
		take(c, r->loose[k].rule);
		c->looks++;
	}
}

/* What running regexes on one page needs: PCRE2's match data and
 * context (its limits), and the page they charge. */
struct matcher {
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	struct wn_page *pg;
	/* PCRE2_NO_UTF_CHECK when the block is valid UTF-8 (split_words
	 * checks it once, as strictly as PCRE2 does, and a line of valid
	 * text is valid too), else 0: PCRE2 checks the text and turns it
	 * down.  Its check on every call read each block once per regex. */
	uint32_t utf_check;
};

/* The n bytes at s hold the k bytes of string (k > 0). */
static int holds(const char *s, size_t n, const char *string, size_t k)
{
	for (const char *p = s, *end = s + n; (size_t)(end - p) >= k;) {
		p = memchr(p, string[0], (size_t)(end - p) - k + 1);
		if (p == NULL)
			return 0;
		if (memcmp(p, string, k) == 0)
			return 1;
		p++;
	}
	return 0;
}

/* The text holds one of rule's needs= strings. */
static int holds_one(const char *s, size_t n, const struct wn_rule *rule)
{
	for (unsigned i = 0; i < rule->nneeds; i++)
		if (holds(s, n, rule->needs[i], rule->needs_len[i]))
			return 1;
	return 0;
}

/* The code to run for rule's regex: its JIT copy once made, else the
 * interpreted one. */
static const pcre2_code *hot_code(const struct wn_rule *rule)
{
#ifdef WN_NO_REGEX_JIT
	return rule->re;
#else
	pcre2_code *code = atomic_load_explicit(&rule->jit->code, memory_order_acquire);
	return code != NULL ? code : rule->re;
#endif
}

/* An interpreted try of rule's regex was allowed steps: when the steps
 * of all its interpreted tries reach JIT_AFTER_STEPS, the try that
 * crosses the mark compiles its JIT copy and returns it; else NULL. */
static const pcre2_code *spend_interpreted(const struct wn_rule *rule, uint64_t steps)
{
#ifdef WN_NO_REGEX_JIT
	(void)rule;
	(void)steps;
	return NULL;
#else
	struct wn_regex_jit *jit = rule->jit;
	uint64_t before = atomic_fetch_add_explicit(&jit->steps, steps, memory_order_relaxed);
	if (before >= JIT_AFTER_STEPS || before + steps < JIT_AFTER_STEPS ||
	    atomic_load_explicit(&jit->failed, memory_order_relaxed))
		return NULL;
	pcre2_code *code = pcre2_code_copy(rule->re);
	if (code == NULL || pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) != 0) {
		/* No memory for it, or no JIT on this machine: interpreted. */
		pcre2_code_free(code);
		atomic_store_explicit(&jit->failed, 1, memory_order_relaxed);
		return NULL;
	}
	atomic_store_explicit(&jit->code, code, memory_order_release);
	return code;
#endif
}

static int match_regex(const struct wn_rule *rule, struct matcher *m, const char *s, size_t n)
{
	/* What PCRE2 would turn down at once, without a step. */
	if (n < rule->min_len)
		return 0;
	if (rule->has_first) {
		unsigned char c = n ? (unsigned char)s[0] : 0;
		if (!(rule->first_bytes[c >> 3] & (1u << (c & 7))))
			return 0;
	}
	if (rule->starts && !may_start(rule, s, n))
		return 0;
	if (rule->has_req || rule->nneeds) {
		/* Each scan below reads the text once: a unit for every
		 * PREFILTER_BYTES_PER_UNIT bytes of each. */
		uint64_t scans = (uint64_t)rule->has_req * 2 + rule->nneeds;
		if (wn_page_charge(m->pg, scans * n / PREFILTER_BYTES_PER_UNIT + 1) != WN_OK)
			return 0; /* wn_rules_match reports it */
	}
	if (rule->has_req && memchr(s, rule->req_bytes[0], n) == NULL &&
	    (rule->req_bytes[1] == rule->req_bytes[0] || memchr(s, rule->req_bytes[1], n) == NULL))
		return 0;
	if (rule->nneeds && !holds_one(s, n, rule))
		return 0;
	const pcre2_code *code = hot_code(rule);
	uint64_t most = ((uint64_t)n + REGEX_CALL_BYTES) * REGEX_STEPS_PER_BYTE;
	if (most > MATCH_LIMIT)
		most = MATCH_LIMIT;
	uint64_t steps = REGEX_FIRST_STEPS + (uint64_t)n / 2;
	for (;;) {
		if (steps > most)
			steps = most;
		if (wn_page_charge(m->pg, steps * REGEX_UNITS_PER_STEP) != WN_OK)
			return 0; /* wn_rules_match reports it */
		pcre2_set_match_limit(m->mctx, (uint32_t)steps);
		int rc = pcre2_match(code, (PCRE2_SPTR)s, n, 0, m->utf_check, m->md, m->mctx);
		if (rc == PCRE2_ERROR_JIT_STACKLIMIT && code != rule->re) {
			code = rule->re; /* the interpreter's limits instead */
			continue;
		}
		if (code == rule->re) {
			const pcre2_code *jit = spend_interpreted(rule, steps);
			if (jit != NULL)
				code = jit;
		}
		if (rc != PCRE2_ERROR_MATCHLIMIT || steps == most)
			return rc >= 0; /* no match, or a limit reached: no match */
		steps *= 4;
	}
}

/* Regexes: the candidates, in rule order, on the whole text, or on each
 * line for line scope (a unit of work per line). */
static void match_regexes(const wn_rules *r, const char *text, size_t len,
                          const struct words *w, const char *lang, wn_block_kind kind,
                          struct matcher *m, const struct candidates *c,
                          struct hit *best, unsigned char *lines, unsigned nlines)
{
	for (size_t k = 0; k < c->n; k++) {
		const struct wn_rule *rule = &r->rules[c->rule[k]];
		if (!lang_ok(rule, lang) || !kind_ok(rule, kind))
			continue;
		/* Every line rule cuts its lines; other rules only matter when
		 * they reach further than what fired already. */
		if (rule->scope != WN_SCOPE_LINE && !better(best, rule))
			continue;
		if (rule->scope != WN_SCOPE_LINE) {
			if (rule->max_words && w->n > rule->max_words)
				continue;
			if (match_regex(rule, m, text, len))
				*best = (struct hit){rule, -1};
			continue;
		}
		if (wn_page_charge(m->pg, nlines) != WN_OK)
			return;
		const char *s = text;
		for (unsigned ln = 0; s <= text + len; ln++) {
			const char *nl = memchr(s, '\n', (size_t)(text + len - s));
			size_t n = nl ? (size_t)(nl - s) : (size_t)(text + len - s);
			if ((!rule->max_words || count_words(w, (int)ln) <= rule->max_words) &&
			    match_regex(rule, m, s, n)) {
				if (ln < nlines)
					lines[ln] = 1;
				if (better(best, rule))
					*best = (struct hit){rule, (int)ln};
			}
			if (nl == NULL)
				break;
			s = nl + 1;
		}
	}
}

static unsigned count_lines(const char *s, size_t n)
{
	unsigned c = 1;
	for (size_t i = 0; i < n; i++)
		c += s[i] == '\n';
	return c;
}

/* Rebuilds a block without the lines marked in cut. */
static int cut_lines(struct wn_page *pg, struct wn_iblock *ib, const unsigned char *cut,
                     const struct wn_options *opts)
{
	struct wn_block *b = &ib->pub;
	struct wn_buf nb = WN_BUF_INIT;
	const char *s = b->text, *end = b->text + b->len;
	for (unsigned ln = 0; s <= end; ln++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *le = nl ? nl : end;
		if (!cut[ln]) {
			if (nb.size)
				wn_buf_putc(&nb, '\n');
			wn_buf_put(&nb, s, (size_t)(le - s));
		}
		if (nl == NULL)
			break;
		s = nl + 1;
	}
	if (nb.failed) {
		wn_buf_free(&nb);
		return -1;
	}
	unsigned link = b->link_chars;
	b->link_chars = 0; /* unknown per line: the kept lines count as text */
	(void)link;
	int rc = wn_block_finish(pg, ib, nb.data ? nb.data : "", nb.size, opts);
	wn_buf_free(&nb);
	return rc < 0 ? -1 : 0;
}

/* The longest paragraph of a cookie dialog that names cookies. */
#define COOKIE_DIALOG_WORDS 80

/* The text names cookies ("Cookies", "Analyse-Cookies", "cookie"): the
 * word is the same in every language the rules cover. */
static int names_cookies(const char *s, size_t n)
{
	for (size_t i = 0; i + 6 <= n; i++)
		if ((s[i] | 0x20) == 'c' && strncasecmp(s + i, "cookie", 6) == 0)
			return 1;
	return 0;
}

/* The most words of a "read also" label standing alone, and of the
 * title under it (take_pointed_titles). */
#define POINTER_LABEL_WORDS 6
#define POINTED_TITLE_WORDS 25

/* The label stands alone: no mark before its end that a title would
 * follow ("Editor's Pick: Promoted Reader Comment"). */
static int label_alone(const struct wn_block *b)
{
	for (size_t i = 0; i + 1 < b->len; i++)
		if (strchr(":|>", b->text[i]) || (unsigned char)b->text[i] == 0xC2)
			return 0;
	return 1;
}

/*
 * Text input: a "read also" label standing alone ("Lesen Sie auch", "More
 * on this topic") points to the title on the next line, a text browser's
 * line of its own: a line of at most POINTED_TITLE_WORDS words that ends
 * no sentence (a question may be a title) goes with the label's rule.
 * (HTML pointers are links, and go as link text.)
 */
static void take_pointed_titles(struct wn_page *pg)
{
	for (size_t i = 0; i + 1 < pg->nblocks; i++) {
		const struct wn_iblock *label = &pg->blocks[i];
		struct wn_iblock *title = &pg->blocks[i + 1];
		const struct wn_block *t = &title->pub;
		if (label->rule_scope != WN_SCOPE_BLOCK || !wn_rule_family_is(label, "related") ||
		    label->pub.words > POINTER_LABEL_WORDS || !label_alone(&label->pub) ||
		    title->rule || t->words == 0 || t->words > POINTED_TITLE_WORDS ||
		    strchr(".!:", t->text[t->len - 1]) != NULL)
			continue;
		title->rule = label->rule;
		title->rule_scope = WN_SCOPE_BLOCK;
		title->pub.rule = label->rule->label;
		title->pub.family = label->rule->family;
		i++;
	}
}

wn_status wn_rules_match(const wn_rules *r, struct wn_page *pg, const struct wn_options *opts)
{
	if (r == NULL || r->n == 0 || pg->nblocks == 0)
		return WN_OK;
	struct matcher m = {pcre2_match_data_create(4, NULL), pcre2_match_context_create(NULL), pg,
	                    0};
	struct words w = {0};
	unsigned char small[64];
	wn_status rc = WN_OK;
	struct candidates rx = {malloc((r->nregex + 1) * sizeof *rx.rule), 0,
	                        calloc(r->n + 1, sizeof *rx.stamp),
	                        calloc(r->slot_mask + 1, sizeof *rx.word), 0, 0};
	if (rx.rule == NULL || rx.stamp == NULL || rx.word == NULL || m.md == NULL ||
	    m.mctx == NULL)
		rc = WN_ERR_NOMEM;
	else
		pcre2_set_depth_limit(m.mctx, DEPTH_LIMIT);
	for (size_t i = 0; i < pg->nblocks && rc == WN_OK; i++) {
		struct wn_iblock *ib = &pg->blocks[i];
		const struct wn_block *b = &ib->pub;
		/* A block of links goes whatever a text rule says: only the
		 * phrase rules, one pass, run on it ("Related articles" as a
		 * linked heading still closes its section). */
		int links = !pg->is_text && b->link_ratio > opts->max_link_ratio;
		/* The block's words: a unit a byte. */
		if (wn_page_charge(pg, b->len) != WN_OK)
			break; /* wn_doc_load reports it */
		if (split_words(b->text, b->len, &w) != 0) {
			rc = WN_ERR_NOMEM;
			break;
		}
		unsigned nlines = count_lines(b->text, b->len);
		unsigned char *lines = nlines <= sizeof small ? small : calloc(nlines, 1);
		if (lines == NULL || count_per_line(&w, nlines) != 0) {
			if (lines != NULL && lines != small)
				free(lines);
			rc = WN_ERR_NOMEM;
			break;
		}
		memset(lines, 0, nlines);
		m.utf_check = w.valid ? PCRE2_NO_UTF_CHECK : 0;
		struct hit best = {NULL, -1};
		if (++rx.block == 0) {
			memset(rx.stamp, 0, (r->n + 1) * sizeof *rx.stamp);
			memset(rx.word, 0, (r->slot_mask + 1) * sizeof *rx.word);
			rx.block = 1;
		}
		rx.n = 0;
		rx.looks = 0;
		/* A unit for each word looked up and each entry of the
		 * indexes it leads to, and one for each regex rule tried. */
		if (match_phrases(r, &w, pg->lang, b->kind, &best, lines, nlines, links ? NULL : &rx,
		                  &rx.looks) != 0) {
			rc = WN_ERR_NOMEM;
		} else if (!links) {
			take_untriggered(r, b->text, b->len, &rx);
			sort_candidates(&rx);
			if (wn_page_charge(pg, rx.looks + rx.n) == WN_OK)
				match_regexes(r, b->text, b->len, &w, pg->lang, b->kind, &m, &rx, &best,
				              lines, nlines);
		} else {
			wn_page_charge(pg, rx.looks);
		}
		/* A cookie dialog goes on after its heading or first notice
		 * with paragraphs in wordings no rule knows: a block right
		 * after one that names cookies is part of it. */
		if (!best.rule && i > 0 && pg->blocks[i - 1].rule_scope == WN_SCOPE_BLOCK &&
		    wn_rule_family_is(&pg->blocks[i - 1], "cookie") &&
		    b->words <= COOKIE_DIALOG_WORDS && names_cookies(b->text, b->len))
			best.rule = pg->blocks[i - 1].rule;
		if (best.rule) {
			ib->rule = best.rule;
			ib->rule_scope = best.rule->scope;
			ib->pub.rule = best.rule->label;
			ib->pub.family = best.rule->family;
			if (best.rule->scope == WN_SCOPE_LINE) {
				unsigned ncut = 0;
				for (unsigned k = 0; k < nlines; k++)
					ncut += lines[k];
				if (ncut >= nlines)
					ib->rule_scope = WN_SCOPE_BLOCK; /* every line goes */
				else if (cut_lines(pg, ib, lines, opts) != 0)
					rc = WN_ERR_NOMEM;
			}
		}
		if (lines != small)
			free(lines);
	}
	if (rc == WN_OK && pg->is_text)
		take_pointed_titles(pg);
	words_free(&w);
	free(rx.rule);
	free(rx.stamp);
	free(rx.word);
	pcre2_match_data_free(m.md);
	pcre2_match_context_free(m.mctx);
	return rc;
}

/* The class rule that gives one of the hints for a class value. */
static const struct wn_rule *test_class(const wn_rules *r, const char *value, size_t n)
{
	unsigned hints = wn_hints_for_class(r, value, n);
	for (size_t i = 0; i < r->n && hints; i++)
		if (r->rules[i].hint & hints)
			return &r->rules[i];
	return NULL;
}

const struct wn_rule *wn_rules_test(const wn_rules *r, const char *text)
{
	size_t tl = strlen(text);
	if (tl >= 8 && strncmp(text, "class=\"", 7) == 0 && text[tl - 1] == '"')
		return test_class(r, text + 7, tl - 8);
	struct wn_page pg;
	struct wn_iblock ib;
	memset(&pg, 0, sizeof pg);
	memset(&ib, 0, sizeof ib);
	pg.pool = wn_pool_new(0);
	if (pg.pool == NULL)
		return NULL;
	struct wn_options o;
	wn_options_init(&o);
	pg.blocks = &ib;
	pg.nblocks = 1;
	pg.lang = "";
	const struct wn_rule *hit = NULL;
	if (wn_block_finish(&pg, &ib, text, strlen(text), &o) > 0 &&
	    wn_rules_match(r, &pg, &o) == WN_OK)
		hit = ib.rule;
	wn_pool_free(pg.pool);
	return hit;
}

int wn_rule_family_is(const struct wn_iblock *ib, const char *family)
{
	return ib->rule != NULL && strcmp(ib->rule->family, family) == 0;
}
