/*
 * page.h - the block list: the one data structure that the HTML path (and,
 * later, the text path) produce and that scoring, rules and writers share.
 *
 *   dom.c       Gumbo tree -> elements + blocks with raw text
 *   features.c  block text -> normalised text and features; class/id hints
 *   score.c     blocks -> labelled KEEP / DROP with a reason
 *   write_text.c, explain.c   labelled blocks -> output
 *
 * Blocks are labelled, never deleted, so every decision keeps its reason.
 * All memory hangs off the page's pool (see pool.h) and goes with it.
 */
#ifndef WN_PAGE_H
#define WN_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "pool.h"
#include "options.h"
#include "winnow.h"

/* An element on the way from the root to a block (those that hold no block
 * are not recorded).  parent is an index into wn_page.elems, -1 for the
 * root.  Nothing here points into Gumbo's tree, which the walk gives back
 * as it goes (dom.c). */
struct wn_elem {
	int parent;
	unsigned hints;     /* WN_HINT_* of this element alone */
	unsigned chain;     /* hints of this element and all its ancestors */
	unsigned short tag; /* GumboTag */
	unsigned char container : 1; /* may hold a whole article: div, section,
	                              * td ... (not p, h1-h6, pre, nor an
	                              * inline tag) */
	unsigned char soft_meta : 1; /* a <header> inside the article whose
	                              * class and id say nothing: its META
	                              * hint is the tag's, and whole
	                              * paragraphs in it are the standfirst */
	unsigned char masthead : 1;  /* its id or class names the site's
	                              * header (wn_byline_masthead) */
	const char *cls;    /* its class attribute (a copy, shared by the
	                     * elements with the same one), NULL when none */
	/* Scoring accumulators (score.c): article text, link text, text
	 * under a part marked as junk, short text. */
	double good, bad, junk, neutral;
};

struct wn_rule;

/* What follows an element's tag in a path (--explain) when it is not the
 * first word of its class (wn_elem_label): "#" and that of its id. */
struct wn_label {
	int elem;
	const char *text;
};

/* Metadata fields while they are gathered (meta.c); each keeps the value
 * from the most trusted source seen so far. */
enum wn_meta_field {
	WN_MF_URL, WN_MF_TITLE, WN_MF_AUTHOR, WN_MF_DATE, WN_MF_SITENAME,
	WN_MF_DESCRIPTION, WN_MF_LANGUAGE, WN_MF_IMAGE,
	WN_MF_DATE_MODIFIED, /* the last change; WN_MF_DATE is the publication */
	WN_MF_COUNT
};

/* Sources in order of trust (lower is better), as winnow(1) documents. */
enum wn_meta_rank {
	WN_RANK_JSONLD = 1, /* schema.org JSON-LD */
	WN_RANK_OG,         /* OpenGraph, article:*, Twitter cards */
	WN_RANK_META,       /* <meta name=author|date|description ...> */
	WN_RANK_DC,         /* Dublin Core: DC.*, dcterms.* */
	WN_RANK_BODY,       /* microdata (itemprop) and <time pubdate> */
	WN_RANK_CLASS,      /* elements whose class or id says author, date */
	WN_RANK_TIME,       /* <time datetime> inside the article */
	WN_RANK_LINK,       /* <link rel=canonical> */
	WN_RANK_HTML,       /* <html lang> */
	WN_RANK_TEXT,       /* the page's own headline, byline, date line */
	WN_RANK_NONE = 255
};

struct wn_meta_list {
	const char **items; /* pool-owned */
	size_t n, cap;
	unsigned char rank;
};

struct wn_meta {
	const char *val[WN_MF_COUNT];
	unsigned char rank[WN_MF_COUNT];
	struct wn_meta_list categories, tags;
	const char *base;      /* <base href>, NULL when none */
	const void *author_node; /* the element that gave a class author */
	size_t author_from;      /* where its names start in val[WN_MF_AUTHOR] */
	/* <time datetime> elements outside the article's element, whatever
	 * their class: the one in the headline's header gives the date. */
	struct {
		int elem; /* the nearest recorded ancestor, -1 when none */
		const char *iso; /* its datetime, read by wn_date_parse */
	} times[8];
	size_t ntimes;
	const char *detected; /* the language detected in the article, ""
	                       * when none is reliable (lang.c) */
	double confidence;    /* the share of its text in that language */
	int detect_pending;   /* wn_lang_choose has yet to run (lang.c) */
	const char *ld_name; /* an article's JSON-LD "name" beside its
	                      * "headline", NULL when none */
	struct wn_metadata pub; /* what wn_doc_metadata() shows */
};

/* What a text browser's dump (lynx, w3m) draws in place of what is not
 * text: text.c marks such a line on its block, the scorer may count it
 * as chrome however many words it has. */
enum wn_chrome {
	WN_CHROME_NONE,
	WN_CHROME_FEED,    /* lynx's lines for the page's head, at the top:
	                    * its <link rel> titles ("#Site » Feed Site »
	                    * Comments Feed"), "REFRESH(0 sec): url" */
	WN_CHROME_EMBED,   /* "IFRAME: url", "[EMBED]", "[INS::INS]" */
	WN_CHROME_IMAGE,   /* "[IMG]", "[logo.png]" */
	WN_CHROME_CONTROL, /* a form or a button: "(BUTTON) Subscribe",
	                    * "Search: ______", "[ ] Remember me", "( ) Yes",
	                    * "[Submit]" */
	WN_CHROME_RULE,    /* a line drawn across: "_____", "-----", "━━━" */
	WN_CHROME_LINKS    /* lynx's list of link addresses at the end:
	                    * "References", "1. http://…", "Hidden links:" */
};

/* Where a block sits when it is in a table or an ordered list, and its
 * Markdown: what most blocks have none of, so it is kept apart, in
 * wn_page.places, only for those that have it (wn_block_place). */
struct wn_place {
	const char *markdown; /* its inline Markdown (WN_MD_ON), or NULL */
	int table;           /* data table: its table element, else -1 */
	int row;             /* ... and its tr element */
	unsigned col;        /* ... and its column, 0 = first */
	unsigned ordinal;    /* number of an item of an ordered list, else 0 */
	unsigned char cell_head; /* a th cell */
};

/* The place of a block that has none: no Markdown, table -1. */
extern const struct wn_place wn_place_none;

/* The kinds of notice notice_words.c knows the words of. */
enum wn_notice {
	WN_NOTICE_NONE,
	WN_NOTICE_NEWSLETTER,
	WN_NOTICE_COOKIE,
	WN_NOTICE_RISK,
	WN_NOTICE_COMMENT,
	WN_NOTICE_KINDS
};

struct wn_iblock {
	struct wn_block pub; /* what the public API shows */
	const struct wn_rule *rule; /* the rule that fired on it (rules.c) */
	int elem;            /* innermost element holding the block */
	unsigned sentences;  /* sentence-ending punctuation marks */
	unsigned place;      /* 1 + its index in wn_page.places; 0: none */
	unsigned char starts_linked : 1; /* its first word is link text (a headline link) */
	unsigned char in_link_list : 1;  /* an item of a list whose items are links */
	/* Text input: a list item with text of its own under it, indented to
	 * the item's text but no wrapping of it (a commenter's name over
	 * their comment, a term over its definition). */
	unsigned char heads_text : 1;
	/* score_text.c's holds_date_or_time, kept: 0 not asked yet, 1 no,
	 * 2 yes (in the bits above, not a byte of its own: the block is
	 * copied for every line of dense markup). */
	unsigned char dated : 2;
	/* score.c: judged part of the notice beside it (its heading, a
	 * label, a button), in wn_iblock.notice's kind */
	unsigned char notice_edge : 1;
	unsigned char rule_scope;    /* its enum wn_scope, 0 when none */
	unsigned char chrome;        /* enum wn_chrome (text input only), else 0 */
	unsigned char notice;        /* enum wn_notice (score.c), else 0 */
};


struct wn_page {
	struct wn_pool *pool;
	struct wn_iblock *blocks; /* pool-owned array */
	size_t nblocks, blocks_cap;
	struct wn_elem *elems;    /* pool-owned array */
	size_t nelems, elems_cap;
	struct wn_label *labels;  /* pool-owned array, by elem */
	size_t nlabels, labels_cap;
	struct wn_place *places;  /* pool-owned array (wn_iblock.place) */
	size_t nplaces, places_cap;
	const char *title;        /* <title>, "" when none */
	const char *og_title;     /* og:title / twitter:title, "" when none */
	const char *h1;           /* text of the first h1, "" when none */
	long last_day;            /* no date after this day (days since 1970)
	                           * is the page's: wn_date_last_day */
	const char *lang;         /* "de" from <html lang>, "" when unknown */
	struct wn_meta meta;      /* metadata (meta.c) */
	int is_text;              /* read as plain text: no elements */
	const char *title_fold;   /* title folded for comparison (repeats.c) */
	/* What the page may spend (budget.c): units of work charged so far,
	 * the most it may charge (0: no bound), the charge at which the clock
	 * is read next, the wall clock's deadline (0: none) and, once one is
	 * passed, WN_ERR_BUDGET or WN_ERR_TIME (else WN_OK). */
	uint64_t work, work_limit, next_clock;
	double deadline;
	wn_status stopped;
	/* What score.c chose, for --explain: the container, the candidate it
	 * was narrowed from (-1: none), how many sibling parts were gathered
	 * and whether the choice was made on short text (a page without
	 * article text); their paths are filled in by doc.c. */
	int container, candidate;
	unsigned gathered;
	int on_short_text;
	const char *skipped_lang; /* the article's language when options.languages
	                           * leaves it out ("und": none), else NULL */
	const char *container_path, *candidate_path;
};

/* budget.c: the page's work budget and wall clock.
 *   wn_now              a monotonic clock in seconds;
 *   wn_page_budget_start  sets the budget for input_len bytes of input
 *                       (work_budget units per byte, at least
 *                       WN_BUDGET_MIN_BYTES bytes' worth) and starts the
 *                       clock (time_limit);
 *   wn_page_charge      adds units of work; WN_OK while the page is
 *                       within both, else WN_ERR_BUDGET or WN_ERR_TIME
 *                       (sticky: every later charge returns it too);
 *   wn_page_stopped     the same without a charge, reading the clock;
 *   wn_page_stop_reason the one-line reason of a stopped page in buf;
 *   wn_page_memory_reason  that of a page over max_memory. */
#define WN_BUDGET_MIN_BYTES 65536
double wn_now(void);
void wn_page_budget_start(struct wn_page *pg, size_t input_len, const struct wn_options *o);
wn_status wn_page_charge_slow(struct wn_page *pg);
wn_status wn_page_stopped(struct wn_page *pg);

/* Inline, for the parser's allocations and the rules' scans, which charge
 * hundreds of thousands of times a page: the common case (within the
 * budget, the clock not due) returns at once; wn_page_charge_slow decides
 * the rest, as if the units were charged there. */
static inline wn_status wn_page_charge(struct wn_page *pg, uint64_t units)
{
	if (pg->stopped != WN_OK)
		return pg->stopped;
	pg->work += units;
	if (pg->work < pg->next_clock && (pg->work_limit == 0 || pg->work <= pg->work_limit))
		return WN_OK;
	return wn_page_charge_slow(pg);
}
const char *wn_page_stop_reason(const struct wn_page *pg, const struct wn_options *o,
                                char *buf, size_t len);
const char *wn_page_memory_reason(const struct wn_options *o, char *buf, size_t len);

/* dom.c: parses utf8 (len bytes, valid UTF-8) and fills pg (whose pool is
 * set) with elements and blocks.  err gets a one-line reason on failure. */
wn_status wn_dom_read(struct wn_page *pg, const char *utf8, size_t len,
                      const struct wn_options *opts, char *err, size_t errlen);

/* dom.c: appends to b what follows element e's tag in a block's path:
 * "." and the first word of its class, else "#" and that of its id (at
 * most 32 bytes of it); nothing when it has neither. */
void wn_elem_label(const struct wn_page *pg, int e, struct wn_buf *b);

/* dom.c: wn_dom_read without the prescan, for tests that need Gumbo to
 * see a page as it is. */
wn_status wn_dom_parse_unbounded(struct wn_page *pg, const char *utf8, size_t len,
                                 const struct wn_options *opts, char *err, size_t errlen);

/* features.c: the hints of one element from its tag name (GumboTag) and
 * its class, id, role, itemprop, hidden, aria-hidden and style attributes
 * (any may be NULL); class and id words are looked up in rules (NULL: the
 * built-in set). */
unsigned wn_hints_for(const wn_rules *rules, unsigned tag, const char *cls, const char *id,
                      const char *role, const char *itemprop, int hidden,
                      const char *aria_hidden, const char *style, int in_article);

/* FNV-1a of n bytes at s: the hash dom.c's shared copies of class names
 * and features.c's memo of class tokens put their slots by. */
static inline uint32_t wn_bytes_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* features.c: the hints of the class and id tokens worked out so far in
 * one walk of a page, which repeats its class names: a slot by hash of
 * the token, len 0 when empty.  Tokens longer than WN_HINT_MEMO_BYTES are
 * not kept.  Zeroed before the walk. */
#define WN_HINT_MEMO_SLOTS 256
#define WN_HINT_MEMO_BYTES 48
struct wn_hint_memo {
	unsigned char len[WN_HINT_MEMO_SLOTS];
	unsigned hints[WN_HINT_MEMO_SLOTS];
	char value[WN_HINT_MEMO_SLOTS][WN_HINT_MEMO_BYTES];
};

/* features.c: wn_hints_for with a memo of the class and id tokens'
 * hints (NULL: none); the same hints. */
unsigned wn_hints_for_memo(const wn_rules *rules, struct wn_hint_memo *memo, unsigned tag,
                           const char *cls, const char *id, const char *role,
                           const char *itemprop, int hidden, const char *aria_hidden,
                           const char *style, int in_article);

/* features.c: the hints of a class (or id) value of n bytes. */
unsigned wn_hints_for_class(const wn_rules *rules, const char *value, size_t n);

/* features.c: turns raw collected text into the block's final text (valid
 * UTF-8, NFC, spaces collapsed, trimmed) and fills in chars, words,
 * link_ratio, density and sentences.  raw (rawlen bytes, may be invalid
 * UTF-8) is copied into the pool.  link_chars must be set already.
 * Returns 0 if the block has no text, 1 if it has, -1 when out of memory. */
int wn_block_finish(struct wn_page *pg, struct wn_iblock *b, const char *raw,
                    size_t rawlen, const struct wn_options *opts);

/* The place of block b of pg: &wn_place_none when it has none. */
static inline const struct wn_place *wn_place_of(const struct wn_page *pg,
                                                 const struct wn_iblock *b)
{
	return b->place ? &pg->places[b->place - 1] : &wn_place_none;
}

/* features.c: sets the block's place to a copy of *pl (none when *pl is
 * wn_place_none).  -1 when out of memory. */
int wn_block_place(struct wn_page *pg, struct wn_iblock *b, const struct wn_place *pl);

/* features.c: appends a block made of raw text (see wn_block_finish);
 * *out is the block, or NULL when the text was empty.  -1 when out of
 * memory. */
int wn_page_add_block(struct wn_page *pg, wn_block_kind kind, unsigned level, int elem,
                      const char *raw, size_t len, unsigned link_chars,
                      const struct wn_options *opts, struct wn_iblock **out);

/* features.c: the pool array arr of n items of size bytes (*cap of room)
 * with room for one more: arr, or where it moved, with *cap updated; NULL
 * when out of memory (arr is then unchanged).  It grows by half while
 * small; once large by 256 KiB, since wn_pool_realloc grows a large block
 * in place and mostly within room it keeps uncounted, and what the array
 * holds in reserve counts against max_memory. */
void *wn_room(struct wn_pool *pool, void *arr, size_t n, size_t *cap, size_t size);

/* features.c: gives back the room the block and element arrays keep to
 * grow, once the page is read (a shrunk large array stays in place, see
 * wn_pool_realloc). */
void wn_page_trim(struct wn_page *pg);

/* text.c: reads plain text (valid UTF-8) into blocks; an HTML fragment
 * inside it is parsed as HTML in place. */
wn_status wn_text_read(struct wn_page *pg, const char *utf8, size_t len,
                       const struct wn_options *opts, char *err, size_t errlen);

/* lang.c: wn_lang_tag (winnow.h) writes at most WN_LANG_MAX bytes. */
#define WN_LANG_MAX WN_LANGUAGE_TAG_MAX

/* lang.c: at the end of the load, the language field is the declared
 * tag and nothing is detected yet; wn_lang_charge charges the page's
 * budget for the detector's reading now (so the work counted never
 * depends on what the caller asks for later) and marks the detection
 * pending, unless the budget is spent or o->lang_sample_bytes is 0.
 * wn_lang_choose, run by doc.c when the language is first asked for (or
 * at once under --lang), detects the article's language on the kept
 * blocks' text (meta.detected, meta.confidence) and settles the language
 * field: the declared tag, else the detected one, or the detected one
 * when it contradicts the declaration on at least
 * o->lang_override_percent of the text.  A text-only output never asks,
 * and CLD2 is a tenth of the text path's time.  -1 when out of memory. */
void wn_lang_charge(struct wn_page *pg, const struct wn_options *o);
int wn_lang_choose(struct wn_page *pg, const struct wn_options *o);

/* lang.c: the language of BCP 47 tag is one of list's (comma-separated
 * tags, any spelling wn_lang_tag reads; their language subtags are
 * compared); 0 for an empty tag. */
int wn_lang_listed(const char *list, const char *tag);

/* lang.c: list is one or more language tags separated by commas or
 * blanks, each one wn_lang_tag reads (as wn_lang_listed reads them). */
int wn_lang_list_valid(const char *list);

/* text.c: 1 when the text is HTML (it starts with markup). */
int wn_looks_like_html(const char *utf8, size_t len);

/* features.c: the bytes of an invisible character that block text leaves
 * out (a soft hyphen, a word joiner) at s (n bytes), or 0. */
size_t wn_invisible_len(const char *s, size_t n);

/* features.c: a copy of s in the pool, normalised like block text. */
const char *wn_normalise(struct wn_page *pg, const char *s, size_t len);

/* features.c: a copy of s in the pool as valid NFC UTF-8, its white space
 * kept but for a trailing run of spaces and newlines; NULL when out of
 * memory. */
const char *wn_pool_text(struct wn_page *pg, const char *s, size_t len);

/* score.c: labels every block KEEP or DROP with a reason. */
wn_status wn_score(struct wn_page *pg, const struct wn_options *opts);

/* write_text.c / explain.c: append to out; -1 when out of memory. */
int wn_write_text(const struct wn_page *pg, struct wn_buf *out);
int wn_write_explain(const struct wn_page *pg, struct wn_buf *out);

/* explain.c, for --explain in every format: a block's reason with the
 * line rule that cut lines out of it, and how the article's region was
 * found ("container body>article, chosen on article text"). */
int wn_write_reason(const struct wn_block *b, struct wn_buf *out);
int wn_write_region(const struct wn_page *pg, struct wn_buf *out);

/* repeats.c: 1 when text repeats the page title (also as a slug). */
int wn_repeats_title(struct wn_page *pg, const char *text, size_t len);

/* repeats.c: FNV-1a of the letters and digits of s (n bytes), ASCII
 * case-folded: blocks with the same key say the same. */
uint64_t wn_text_key(const char *s, size_t n);

/* wn_text_key's hash before any byte, and its step for one byte of a
 * word (an ASCII capital folded): a key made byte by byte (each prefix of
 * a word, notice_words.c) equals wn_text_key of the same bytes. */
#define WN_TEXT_KEY_SEED 1469598103934665603ULL
#define WN_TEXT_KEY_PRIME 1099511628211ULL

/* repeats.c: every byte as wn_text_key hashes it, ASCII letters folded
 * to lower case; 0 for the bytes wn_word_byte says are between words. */
extern const unsigned char wn_word_fold[256];

/* The step for byte c of a word (one wn_word_byte says is in words). */
static inline uint64_t wn_text_key_step(uint64_t h, unsigned char c)
{
	return (h ^ wn_word_fold[c]) * WN_TEXT_KEY_PRIME;
}

/* A byte of a word as wn_text_key and the shingles read words: a letter
 * or digit of ASCII, or any byte of a multi-byte character. */
static inline int wn_word_byte(unsigned char c)
{
	return wn_word_fold[c] != 0;
}

/* The next word of s (n bytes) from *pos on: 1 with its bytes in
 * [*start, *pos), 0 when no word is left. */
static inline int wn_next_word(const char *s, size_t n, size_t *pos, size_t *start)
{
	size_t i = *pos;
	while (i < n && !wn_word_byte((unsigned char)s[i]))
		i++;
	*start = i;
	while (i < n && wn_word_byte((unsigned char)s[i]))
		i++;
	*pos = i;
	return i > *start;
}

/* repeats.c: a set of 64-bit keys (never 0) in slots, open addressing
 * over mask + 1 slots (a power of two, never full): 1 when key is in it,
 * else 0, after adding it when add. */
int wn_key_seen(uint64_t *slots, size_t mask, uint64_t key, int add);

/* cohesion.c: the words of the blocks chosen[i] != 0 (case folded),
 * and how many of block b's words one of the other chosen blocks holds
 * (*words: b's number of words).  wn_vocab_new returns NULL when out of
 * memory; each charges the page a unit a word. */
struct wn_vocab;
struct wn_vocab *wn_vocab_new(struct wn_page *pg, const unsigned char *chosen);
unsigned wn_vocab_shared(const struct wn_vocab *v, struct wn_page *pg, size_t b, unsigned *words);
void wn_vocab_free(struct wn_page *pg, struct wn_vocab *v);

/* function_words.c: how many of the words of text (len bytes) are
 * function words of the languages the rules cover ("the", "und", "que");
 * *words, when not NULL, gets the number of words. */
unsigned wn_function_words(const char *text, size_t len, unsigned *words);

/* notice_words.c: the kind of notice whose words text (len bytes) holds
 * most of, with in *distinct how many different stems of that kind, in
 * *hits how many of its words are one, in *words its number of words. */
enum wn_notice wn_notice_words(const char *text, size_t len, unsigned *distinct, unsigned *hits,
                               unsigned *words);
/* ... and what -x says of a block judged by them. */
const char *wn_notice_name(enum wn_notice kind);

/* repeats.c: drops kept blocks that repeat an earlier block. */
wn_status wn_drop_repeats(struct wn_page *pg);
/* repeats.c: drops each kept block of NEAR_REPEAT_WORDS words or more
 * most of whose four-word shingles the kept blocks before it hold (scraped
 * text: a teaser's summary above the article, the body repeated in the
 * page's metadata).  Linear, charged to the page's budget. */
wn_status wn_drop_near_repeats(struct wn_page *pg);

/* meta.c: the head's title, meta, link, base and JSON-LD elements (the
 * html element is given); sets title, og_title and lang too. */
void wn_meta_read_head(struct wn_page *pg, const void *html);

/* meta.c: an element of the body that may carry metadata: script (JSON-LD),
 * meta, link, time, a rel=author, or any element with itemprop (given, or
 * NULL).  in_article: it lies inside the article's element; parent_elem
 * is its parent's index in elems (-1: none). */
void wn_meta_element(struct wn_page *pg, const void *node, const char *itemprop,
                     int in_article, int parent_elem);

/* meta.c: an element whose class or id (either may be NULL) may name the
 * author or the date ("author", "byline", "date", "revdate" ...); parent
 * is its parent's index in elems (-1: none), to leave comments out. */
void wn_meta_class(struct wn_page *pg, const void *node, const char *cls, const char *id,
                   int parent);

/* byline.c: the names in a byline or an author field ("By A, B and C",
 * "A and B"), joined with "; ", in the pool; NULL when text is not one.
 * need_by: only when it starts with "By" or the like. */
const char *wn_byline_names(struct wn_page *pg, const char *text, size_t len, int need_by);

/* byline.c: an element's class or id (either may be NULL) names the
 * site's header: "header", "masthead", "site-branding" ... */
int wn_byline_masthead(const char *cls, const char *id);

/* byline.c: wn_byline_names as the metadata reads a byline: names stay
 * whole ("Anna (A.J.) Meyer", "Meyer, A.", "kb2041"); labels, links'
 * text, roles and employers ("Last Updated:", "View Profile", "AP Auto
 * Writer", "CNN") are left out. */
const char *wn_byline_authors(struct wn_page *pg, const char *text, size_t len, int need_by);

/* byline.c: name is not an author but whom authors write for: an
 * agency ("Associated Press"), the site's name, a credential ("MS"). */
int wn_byline_affiliation(struct wn_page *pg, const char *name);

/* meta.c: after scoring, fills what the markup did not give from the
 * page's own headline, byline and date line, and builds meta.pub.  -1
 * when out of memory. */
int wn_meta_finish(struct wn_page *pg, const struct wn_options *opts);

/* meta.c: an empty wn_meta (all fields "", ranks NONE). */
void wn_meta_init(struct wn_meta *m);

/* write_markdown.c: appends s (n bytes) escaped so that CommonMark reads it
 * as plain text; line_start: s starts a line (where "#", "-", "1." would
 * start a block); in_table: escape "|" too. */
void wn_md_escape(struct wn_buf *out, const char *s, size_t n, int line_start, int in_table);

/* write_markdown.c: the kept blocks as Markdown; -1 when out of memory. */
int wn_write_markdown(const struct wn_page *pg, struct wn_buf *out);

/* doc.c: the page of a loaded doc (NULL when none), for the command's
 * stream modes, which add a record's fields to the JSON. */
const struct wn_page *wn_doc_page(const wn_doc *doc);

/* Static names for explain output and messages. */
const char *wn_kind_name(wn_block_kind kind);
const char *wn_hint_name(unsigned hints); /* the most telling hint */

#endif
