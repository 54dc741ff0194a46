/*
 * features.c - what winnow knows about a block before scoring it: its
 * normalised text and counts (characters, words, links, sentences, text
 * density), and the structural hints its elements give through their tag,
 * class, id, role and itemprop.
 *
 * The words that name parts of a page are data: the class rules of the
 * rule set (rules/default.rules).  Here class and id values are split
 * into words ("post-comments" -> post, comments; "socialShare" -> social,
 * share) and each word is looked up; substring matching is avoided on
 * purpose: "ad" must not fire inside "header", nor "share" inside
 * "shareholders".  What stays in code is the grammar of tokens: layout
 * wrappers, embeds, page builders, and the whole tokens below; and that
 * <html> and <body> name no part.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include <gumbo.h>

#include "page.h"
#include "rules.h"

/* ---- Hint vocabulary --------------------------------------------------- */

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Words that name a wrapper of the whole layout: a class such as
 * "content-sidebar-wrap" holds the article AND the sidebar, so its junk
 * words say nothing. */
static const char *const wrapper_words[] = {
	"container", "grid", "holder", "layout", "outer", "row", "wrap", "wrapper",
};

/* The first words of the class names of page builders and block editors
 * ("elementor-widget-container", "wp-block-group", "et_pb_text",
 * "vc_column", "fl-module-rich-text"): every box of their layout, the
 * article's text included, is a "widget" or "module" of theirs. */
static const char *const builder_words[] = {
	"brxe", "elementor", "et", "fl", "fusion", "kadence", "oxy", "siteorigin",
	"so", "themify", "tve", "uagb", "vc", "wp", "wpb",
};

/* The words a page builder names its layout boxes with; in a builder's
 * token they name no part of the page ("elementor-widget-sidebar" still
 * names a sidebar, by its other word). */
static const char *const builder_box_words[] = {
	"module", "modules", "widget", "widgets",
};

/* Whole class tokens that hide an element from view. */
static const char *const hidden_tokens[] = {
	"d-none", "element-invisible", "hidden", "hide", "invisible",
	"screen-reader-text", "sr-only", "visually-hidden", "visuallyhidden",
};

/* Class and id values (with -, _ removed, lower case) that name the
 * article body in common CMS templates; each ends in "body", "content"
 * or "text" (token_hints looks for those first). */
static const char *const article_tokens[] = {
	"articlebody", "articlecontent", "articletext", "entrycontent",
	"postbody", "postcontent", "storybody", "storycontent", "storytext",
};

/* Prefixes of class tokens that name a taxonomy term (WordPress's
 * post_class, Drupal's taxonomy classes). */
static const char *const term_prefixes[] = {
	"category-", "tag-", "tags-", "taxonomy-", "term-", "topic-",
};

/* w is s: the first bytes compared inline, most words differ there. */
static int same_word(const char *w, const char *s)
{
	return w[0] == s[0] && strcmp(w, s) == 0;
}

static int in_list(const char *w, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (same_word(w, list[i]))
			return 1;
	return 0;
}

/* s starts with p. */
static int starts_with(const char *s, const char *p)
{
	return s[0] == p[0] && strncmp(s, p, strlen(p)) == 0;
}

/* One of the n words of list stands anywhere in s. */
static int holds_any(const char *s, const char *const *list, size_t n)
{
	for (; *s; s++)
		for (size_t k = 0; k < n; k++)
			if (starts_with(s, list[k]))
				return 1;
	return 0;
}

/* Hints of one class or id token, e.g. "post-comments__list". */
static unsigned token_hints(const wn_rules *rules, const char *tok, size_t n)
{
	char low[64], flat[64], word[32];
	if (n == 0 || n >= sizeof low)
		return 0;
	size_t nf = 0;
	for (size_t i = 0; i < n; i++) {
		low[i] = (char)tolower((unsigned char)tok[i]);
		if (isalnum((unsigned char)tok[i]))
			flat[nf++] = low[i];
	}
	low[n] = '\0';
	flat[nf] = '\0';
	if (in_list(low, hidden_tokens, COUNT(hidden_tokens)))
		return WN_HINT_HIDDEN;
	/* A taxonomy term in a CMS's post classes ("tag-social-media",
	 * "category-comments-policy") names what the post is about, not a
	 * part of the page. */
	for (size_t k = 0; k < COUNT(term_prefixes); k++)
		if (starts_with(low, term_prefixes[k]))
			return 0;
	/* Each of them ends in "body", "content" or "text". */
	if ((strstr(flat, "body") || strstr(flat, "content") || strstr(flat, "text")) &&
	    holds_any(flat, article_tokens, COUNT(article_tokens)))
		return WN_HINT_ARTICLE;

	unsigned hints = 0;
	int wrapper = 0, content = 0, embed = 0, tabs = 0, builder = 0, first = 1;
	size_t i = 0;
	while (i < n) {
		while (i < n && !isalnum((unsigned char)tok[i]))
			i++;
		size_t nw = 0;
		while (i < n && isalnum((unsigned char)tok[i])) {
			/* camelCase: a capital after a small letter starts a word */
			if (nw > 0 && isupper((unsigned char)tok[i]) &&
			    islower((unsigned char)tok[i - 1]))
				break;
			if (nw < sizeof word - 1)
				word[nw++] = low[i];
			i++;
		}
		if (nw == 0)
			continue;
		word[nw] = '\0';
		if (first && in_list(word, builder_words, COUNT(builder_words)))
			builder = 1;
		first = 0;
		if (!(builder && in_list(word, builder_box_words, COUNT(builder_box_words))))
			hints |= wn_rules_class_word(rules, word, nw);
		if (in_list(word, wrapper_words, COUNT(wrapper_words)))
			wrapper = 1;
		if (same_word(word, "embed") || same_word(word, "embedded"))
			embed = 1;
		if (same_word(word, "tab") || same_word(word, "tabs") || same_word(word, "tabpanel"))
			tabs = 1;
		if (same_word(word, "content") || same_word(word, "main") ||
		    same_word(word, "article") || same_word(word, "post") ||
		    same_word(word, "body"))
			content = 1;
	}
	/* "content-sidebar-wrap" holds the article too: no junk; but a
	 * byline or caption word stays ("post-meta-wrapper",
	 * "ArticleGalleryPhotoContainer" hold no article text).
	 * "social-embed" is an embedded post (a tweet) that articles quote. */
	if (wrapper && content)
		hints &= WN_HINT_META | WN_HINT_FIGURE;
	if (embed)
		hints &= ~WN_HINT_SHARE;
	/* "tab-menu--product" is a tab widget: its labels are links, its
	 * panels the page's content (a product's description and specs). */
	if (tabs)
		hints &= ~WN_HINT_NAV;
	return hints;
}

/* The hints of token tok (n bytes), from memo when it holds them; what
 * is worked out is kept there, in the slot of the token's hash. */
static unsigned memo_token_hints(const wn_rules *rules, struct wn_hint_memo *memo,
                                 const char *tok, size_t n)
{
	if (memo == NULL || n > WN_HINT_MEMO_BYTES)
		return token_hints(rules, tok, n);
	uint32_t h = wn_bytes_hash(tok, n);
	size_t slot = (h ^ (h >> 9) ^ (h >> 18)) & (WN_HINT_MEMO_SLOTS - 1);
	if (memo->len[slot] == n && memcmp(memo->value[slot], tok, n) == 0)
		return memo->hints[slot];
	unsigned hints = token_hints(rules, tok, n);
	memcpy(memo->value[slot], tok, n);
	memo->len[slot] = (unsigned char)n;
	memo->hints[slot] = hints;
	return hints;
}

/* The hints of a class or id value v (n bytes): those of its tokens. */
static unsigned class_hints(const wn_rules *rules, struct wn_hint_memo *memo, const char *v,
                            size_t n)
{
	unsigned hints = 0;
	const char *end = v + n;
	while (v < end) {
		while (v < end && isspace((unsigned char)*v))
			v++;
		const char *start = v;
		while (v < end && !isspace((unsigned char)*v))
			v++;
		if (v > start)
			hints |= memo_token_hints(rules, memo, start, (size_t)(v - start));
	}
	return hints;
}

unsigned wn_hints_for_class(const wn_rules *rules, const char *v, size_t n)
{
	return class_hints(rules, NULL, v, n);
}

static unsigned value_hints(const wn_rules *rules, struct wn_hint_memo *memo, const char *v)
{
	return v ? class_hints(rules, memo, v, strlen(v)) : 0;
}

static int style_hides(const char *style)
{
	if (style == NULL)
		return 0;
	/* display:none / visibility:hidden, spaces and case ignored */
	char flat[256];
	size_t n = 0;
	for (const char *s = style; *s && n < sizeof flat - 1; s++)
		if (!isspace((unsigned char)*s))
			flat[n++] = (char)tolower((unsigned char)*s);
	flat[n] = '\0';
	return strstr(flat, "display:none") != NULL ||
	       strstr(flat, "visibility:hidden") != NULL;
}

unsigned wn_hints_for(const wn_rules *rules, unsigned tag, const char *cls, const char *id,
                      const char *role, const char *itemprop, int hidden,
                      const char *aria_hidden, const char *style,
                      int in_article)
{
	return wn_hints_for_memo(rules, NULL, tag, cls, id, role, itemprop, hidden, aria_hidden,
	                         style, in_article);
}

unsigned wn_hints_for_memo(const wn_rules *rules, struct wn_hint_memo *memo, unsigned tag,
                           const char *cls, const char *id, const char *role,
                           const char *itemprop, int hidden, const char *aria_hidden,
                           const char *style, int in_article)
{
	unsigned hints = 0;
	switch (tag) {
	case GUMBO_TAG_HTML:
	case GUMBO_TAG_BODY:
		/* Their classes say what state the page is in, not what part of
		 * it an element is: "single-post author-jane cookies-not-set
		 * nav-open".  They hold the whole page, the article too. */
		return 0;
	case GUMBO_TAG_NAV:
	case GUMBO_TAG_MENU:
		hints |= WN_HINT_NAV;
		break;
	case GUMBO_TAG_ASIDE:
		hints |= WN_HINT_ASIDE;
		break;
	case GUMBO_TAG_HEADER:
		/* An article's own header holds its title and byline. */
		hints |= in_article ? WN_HINT_META : WN_HINT_HEADER;
		break;
	case GUMBO_TAG_FOOTER:
		hints |= in_article ? WN_HINT_META : WN_HINT_FOOTER;
		break;
	case GUMBO_TAG_ADDRESS:
		hints |= WN_HINT_META;
		break;
	case GUMBO_TAG_ARTICLE:
	case GUMBO_TAG_MAIN:
		hints |= WN_HINT_ARTICLE;
		break;
	case GUMBO_TAG_FIGURE:
	case GUMBO_TAG_FIGCAPTION:
		hints |= WN_HINT_FIGURE;
		break;
	default:
		break;
	}
	hints |= value_hints(rules, memo, cls);
	hints |= value_hints(rules, memo, id);
	if (role) {
		if (!strcasecmp(role, "navigation") || !strcasecmp(role, "menu") ||
		    !strcasecmp(role, "menubar") || !strcasecmp(role, "search"))
			hints |= WN_HINT_NAV;
		else if (!strcasecmp(role, "banner"))
			hints |= WN_HINT_HEADER;
		else if (!strcasecmp(role, "contentinfo"))
			hints |= WN_HINT_FOOTER;
		else if (!strcasecmp(role, "complementary"))
			hints |= WN_HINT_ASIDE;
		else if (!strcasecmp(role, "main") || !strcasecmp(role, "article"))
			hints |= WN_HINT_ARTICLE;
		else if (!strcasecmp(role, "dialog") || !strcasecmp(role, "alertdialog"))
			hints |= WN_HINT_AD;
	}
	if (itemprop) {
		if (!strcasecmp(itemprop, "articleBody"))
			hints |= WN_HINT_ARTICLE;
		else if (!strcasecmp(itemprop, "author"))
			hints |= WN_HINT_META;
	}
	(void)aria_hidden; /* used for icons and duplicates, also on real text */
	if (hidden || style_hides(style))
		hints |= WN_HINT_HIDDEN;
	return hints;
}

/* ---- Text normalisation and counts ------------------------------------- */

/*
 * A code point that NFC may change, or that may change what comes before
 * it: a combining mark, a composition exclusion, a conjoining Hangul
 * jamo, or any canonically decomposable character but the precomposed
 * letters of Latin, Cyrillic and Hangul (which NFC keeps; elsewhere there
 * are singletons such as the Ohm sign and CJK compatibility ideographs).
 * Text without any of these is already in NFC, and most text has none.
 */
static int changes_under_nfc(utf8proc_int32_t cp)
{
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	if (p->combining_class != 0 || p->comp_exclusion)
		return 1;
	if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F) ||
	    (cp >= 0xD7B0 && cp <= 0xD7FF))
		return 1;
	int canonical = p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0;
	int precomposed_letter = (cp >= 0x00C0 && cp <= 0x024F) || (cp >= 0x0400 && cp <= 0x04FF) ||
	                         (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0xAC00 && cp <= 0xD7A3);
	return canonical && !precomposed_letter;
}

static int is_word_cp(utf8proc_int32_t cp);

/* Which of the code points of two bytes in UTF-8 (U+0080 to U+07FF:
 * accented Latin, Greek, Cyrillic, Hebrew, Arabic) are word characters
 * and which change under NFC: worked out once for the process, not
 * looked up in utf8proc's tables for every character of every block. */
static unsigned char two_byte_word[(0x800 - 0x80) / 8], two_byte_nfc[(0x800 - 0x80) / 8];
static pthread_once_t two_byte_once = PTHREAD_ONCE_INIT;

static void make_two_byte(void)
{
	for (utf8proc_int32_t cp = 0x80; cp < 0x800; cp++) {
		unsigned k = (unsigned)(cp - 0x80);
		if (is_word_cp(cp))
			two_byte_word[k >> 3] |= (unsigned char)(1u << (k & 7));
		if (changes_under_nfc(cp))
			two_byte_nfc[k >> 3] |= (unsigned char)(1u << (k & 7));
	}
}

/* Whether cp is a two-byte code point whose bit is set in table. */
static int two_byte_bit(const unsigned char *table, utf8proc_int32_t cp)
{
	unsigned k = (unsigned)(cp - 0x80);
	return (table[k >> 3] >> (k & 7)) & 1;
}

/* is_word_cp and changes_under_nfc, from the tables for two-byte code
 * points (make_two_byte must have run). */
static int word_cp(utf8proc_int32_t cp)
{
	return cp >= 0x80 && cp < 0x800 ? two_byte_bit(two_byte_word, cp) : is_word_cp(cp);
}

static int nfc_cp(utf8proc_int32_t cp)
{
	return cp >= 0x80 && cp < 0x800 ? two_byte_bit(two_byte_nfc, cp) : changes_under_nfc(cp);
}

/* The code point at u (n bytes left, the first not ASCII) in *cp, and
 * its length: two-byte ones decoded here, the others by utf8proc (a
 * negative length for an ill-formed sequence). */
static utf8proc_ssize_t next_cp(const unsigned char *u, size_t n, utf8proc_int32_t *cp)
{
	if (n >= 2 && u[0] >= 0xC2 && u[0] < 0xE0 && (u[1] & 0xC0) == 0x80) {
		*cp = ((u[0] & 0x1F) << 6) | (u[1] & 0x3F);
		return 2;
	}
	return utf8proc_iterate(u, (utf8proc_ssize_t)n, cp);
}

/*
 * Invisible characters that sit inside a word and would split it for
 * every reader of the text (word counts, the scorer, a search for the
 * word) while the page shows the word whole: the soft hyphen U+00AD, a
 * point where the word may be hyphenated ("W\u00e4h&shy;rend"), the word
 * joiner U+2060 and U+FEFF (the old word joiner, or a byte order mark
 * that a template include left inside the page).  They go.
 *
 * Left alone on purpose: U+200B, the zero width space, which separates
 * the words of Thai, Khmer, Lao and Myanmar text (they have no spaces)
 * and marks break points in long URLs, so that removing it would glue
 * words together; and U+200C and U+200D (ZWNJ, ZWJ), which change how
 * Persian, the Indic scripts and emoji sequences are written.
 */
size_t wn_invisible_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 2 && u[0] == 0xC2 && u[1] == 0xAD)
		return 2;
	if (n >= 3 && u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0xA0)
		return 3;
	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return 3;
	return 0;
}

/* A code point drop_invisible rewrites: an invisible one it drops, the
 * no-break space it makes a space. */
static int rewritten_cp(utf8proc_int32_t cp)
{
	return cp == 0xAD || cp == 0x2060 || cp == 0xFEFF || cp == 0xA0;
}

/* Removes the invisible characters from s (*len bytes) in place.  A word
 * that was nothing else ("a &shy; b") leaves one space, not two, and none
 * at either end.  A no-break space becomes a space (one, none at either
 * end): the rules' phrases match words a space apart. */
static void drop_invisible(char *s, size_t *len)
{
	size_t n = *len, o = 0;
	int dropped_last = 0;
	for (size_t i = 0; i < n;) {
		if ((unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
			i += 2;
			while (i < n && s[i] == ' ')
				i++;
			if (o > 0 && s[o - 1] != ' ' && s[o - 1] != '\n' && i < n && s[i] != '\n')
				s[o++] = ' ';
			dropped_last = 0;
			continue;
		}
		size_t k = wn_invisible_len(s + i, n - i);
		if (k == 0) {
			s[o++] = s[i++];
			dropped_last = 0;
			continue;
		}
		i += k;
		dropped_last = 1;
		if (i < n && s[i] == ' ' && (o == 0 || s[o - 1] == ' ' || s[o - 1] == '\n'))
			i++;
	}
	if (dropped_last && o > 0 && s[o - 1] == ' ')
		o--;
	*len = o;
}

/* UAX #15's bound on a run of non-starters (combining marks). */
#define MAX_NONSTARTERS 30

/* When valid UTF-8 s holds a run of more than MAX_NONSTARTERS code points
 * of non-zero combining class: out gets s with U+034F after every
 * MAX_NONSTARTERS of them in a row.  out stays empty when s has no such
 * run (nearly always).  -1 when out of memory. */
static int stream_safe(struct wn_buf *out, const char *s, size_t len)
{
	unsigned run = 0;
	size_t copied = 0; /* s up to here is in out */
	int joined = 0;
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0)
			break;
		if (cp < 0x300 || utf8proc_get_property(cp)->combining_class == 0) {
			run = 0;
		} else if (++run > MAX_NONSTARTERS) {
			wn_buf_put(out, s + copied, i - copied);
			wn_buf_puts(out, "\xCD\x8F"); /* U+034F */
			copied = i;
			joined = run = 1;
		}
		i += (size_t)k;
	}
	if (joined)
		wn_buf_put(out, s + copied, len - copied);
	return out->failed ? -1 : 0;
}

/* Valid UTF-8 copy of s with invalid sequences as U+FFFD and without the
 * invisible characters above, its no-break spaces as spaces; NFC when a
 * code point could change under it.  Returns a pool string or NULL. */
static char *clean_utf8(struct wn_page *pg, const char *s, size_t len, size_t *outlen)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	/* Fast path: ASCII. */
	while (i < len && u[i] < 0x80)
		i++;
	int valid = 1, needs_nfc = 0, rewrite = 0;
	size_t j = i;
	if (j < len)
		pthread_once(&two_byte_once, make_two_byte);
	while (j < len) {
		if (u[j] < 0x80) {
			j++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = next_cp(u + j, len - j, &cp);
		if (n < 0) {
			valid = 0;
			break;
		}
		if (cp >= 0x300 && !needs_nfc && nfc_cp(cp))
			needs_nfc = 1;
		if (rewritten_cp(cp))
			rewrite = 1;
		j += (size_t)n;
	}
	if (valid && !needs_nfc && !rewrite) {
		*outlen = len;
		return wn_pool_strndup(pg->pool, s, len);
	}
	/* Past an invalid byte the scan stopped: the repaired copy is read
	 * whole, for invisible characters and no-break spaces and under NFC. */
	struct wn_buf fixed = WN_BUF_INIT;
	const char *src = s;
	size_t srclen = len;
	if (!valid || rewrite) {
		if (!valid ? wn_buf_put_utf8(&fixed, s, len) != 0 : wn_buf_put(&fixed, s, len) != 0) {
			wn_buf_free(&fixed);
			return NULL;
		}
		srclen = fixed.size;
		drop_invisible(fixed.data, &srclen);
		src = fixed.data;
	}
	if (valid && !needs_nfc) {
		char *r = wn_pool_strndup(pg->pool, src, srclen);
		if (r)
			*outlen = srclen;
		wn_buf_free(&fixed);
		return r;
	}
	/* Stream-Safe Text Format (UAX #15): utf8proc orders a run of
	 * combining marks by insertion, quadratic in its length; a COMBINING
	 * GRAPHEME JOINER after every 30 marks bounds every run. */
	struct wn_buf safe = WN_BUF_INIT;
	if (stream_safe(&safe, src, srclen) != 0) {
		wn_buf_free(&safe);
		wn_buf_free(&fixed);
		return NULL;
	}
	if (safe.size) {
		src = safe.data;
		srclen = safe.size;
	}
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)src,
	                                  (utf8proc_ssize_t)srclen, &nfc,
	                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	wn_buf_free(&safe);
	char *r;
	if (n < 0) {
		/* Only out of memory is possible here: the input is valid. */
		r = NULL;
	} else {
		r = wn_pool_strndup(pg->pool, (const char *)nfc, (size_t)n);
		*outlen = (size_t)n;
	}
	free(nfc);
	wn_buf_free(&fixed);
	return r;
}

const char *wn_normalise(struct wn_page *pg, const char *s, size_t len)
{
	/* Collapse white space first, into a scratch copy. */
	char *tmp = malloc(len + 1);
	if (tmp == NULL)
		return NULL;
	size_t n = 0;
	int space = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
		    c == '\v') {
			space = 1;
			continue;
		}
		if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
			space = 1;
			i++;
			continue;
		}
		if (space && n)
			tmp[n++] = ' ';
		space = 0;
		tmp[n++] = (char)c;
	}
	size_t outlen;
	char *r = clean_utf8(pg, tmp, n, &outlen);
	free(tmp);
	return r;
}

const char *wn_pool_text(struct wn_page *pg, const char *s, size_t len)
{
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\n'))
		len--;
	size_t n;
	return clean_utf8(pg, s, len, &n);
}

static int is_cjk(utf8proc_int32_t cp)
{
	return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

static int is_word_cp(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
	utf8proc_category_t c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) ||
	       (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

static int is_sentence_end(utf8proc_int32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x3002 ||
	       cp == 0xFF01 || cp == 0xFF1F || cp == 0x0964 || cp == 0x061F;
}

/* A block's cost to the work budget beyond one unit per byte: its
 * features, its place in the list. */
#define BLOCK_UNITS 64

int wn_block_finish(struct wn_page *pg, struct wn_iblock *ib, const char *raw,
                    size_t rawlen, const struct wn_options *opts)
{
	struct wn_block *b = &ib->pub;
	while (rawlen && (raw[rawlen - 1] == ' ' || raw[rawlen - 1] == '\n'))
		rawlen--;
	if (rawlen == 0)
		return 0;
	if (wn_page_charge(pg, BLOCK_UNITS + rawlen) != WN_OK)
		return -1;
	size_t len;
	pthread_once(&two_byte_once, make_two_byte);
	char *text = clean_utf8(pg, raw, rawlen, &len);
	if (text == NULL)
		return -1;
	b->text = text;
	b->len = len;

	unsigned chars = 0, words = 0, sentences = 0;
	int in_word = 0;
	utf8proc_int32_t prev = 0;
	const unsigned char *u = (const unsigned char *)text;
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		if (u[i] < 0x80) {
			/* ASCII, most of most pages: no CJK, no lookup. */
			unsigned char c = u[i++];
			chars++;
			if (is_word_cp(c)) {
				if (!in_word)
					words++;
				in_word = 1;
			} else {
				in_word = 0;
				if ((c == ' ' || c == '\n') && is_sentence_end(prev))
					sentences++;
				/* A closing quote or bracket after the full stop
				 * ("... for them.") leaves the sentence ended. */
				if (is_sentence_end(prev) && (c == '"' || c == '\'' || c == ')' || c == ']'))
					continue;
			}
			prev = c;
			continue;
		} else {
			utf8proc_ssize_t n = next_cp(u + i, len - i, &cp);
			i += n > 0 ? (size_t)n : 1;
		}
		chars++;
		if (is_cjk(cp)) {
			/* No spaces between words: count each character. */
			words++;
			in_word = 0;
		} else if (word_cp(cp)) {
			if (!in_word)
				words++;
			in_word = 1;
		} else {
			in_word = 0;
		}
		if (is_sentence_end(prev) && (cp == ' ' || cp == '\n'))
			sentences++;
		if (is_sentence_end(prev) && (cp == 0x201D || cp == 0x2019 || cp == 0x00BB))
			continue; /* ” ’ » close the sentence's quote */
		prev = cp;
	}
	if (is_sentence_end(prev))
		sentences++;
	if (words == 0 && chars == 0)
		return 0;
	b->chars = chars;
	b->words = words;
	ib->sentences = sentences;
	if (b->link_chars > chars)
		b->link_chars = chars;
	b->link_ratio = chars ? (double)b->link_chars / chars : 0.0;
	/* Words per wrapped line, as boilerpipe does: a block shorter than one
	 * line has its word count as density. */
	unsigned width = opts->wrap_width ? opts->wrap_width : 80;
	if (chars < width)
		b->density = words;
	else
		b->density = (double)words * width / chars;
	return 1;
}

void *wn_room(struct wn_pool *pool, void *arr, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return arr;
	size_t more = *cap < 64 ? 64 - *cap
	             : *cap * size < ((size_t)1 << 20) ? *cap / 2
	             : (((size_t)256 << 10) + size - 1) / size;
	if (*cap + more > SIZE_MAX / size)
		return NULL;
	void *p = wn_pool_realloc(pool, arr, (*cap + more) * size);
	if (p)
		*cap += more;
	return p;
}

const struct wn_place wn_place_none = {NULL, -1, -1, 0, 0, 0};

int wn_block_place(struct wn_page *pg, struct wn_iblock *b, const struct wn_place *pl)
{
	const struct wn_place *n = &wn_place_none;
	if (pl->markdown == n->markdown && pl->table == n->table && pl->row == n->row &&
	    pl->col == n->col && pl->ordinal == n->ordinal && pl->cell_head == n->cell_head) {
		b->place = 0;
		return 0;
	}
	if (b->place) {
		pg->places[b->place - 1] = *pl;
		return 0;
	}
	struct wn_place *all = wn_room(pg->pool, pg->places, pg->nplaces, &pg->places_cap, sizeof *all);
	if (all == NULL)
		return -1;
	pg->places = all;
	pg->places[pg->nplaces++] = *pl;
	b->place = (unsigned)pg->nplaces;
	return 0;
}

int wn_page_add_block(struct wn_page *pg, wn_block_kind kind, unsigned level, int elem,
                      const char *raw, size_t len, unsigned link_chars,
                      const struct wn_options *opts, struct wn_iblock **out)
{
	*out = NULL;
	struct wn_iblock *all = wn_room(pg->pool, pg->blocks, pg->nblocks, &pg->blocks_cap, sizeof *all);
	if (all == NULL)
		return -1;
	pg->blocks = all;
	struct wn_iblock *b = &pg->blocks[pg->nblocks];
	memset(b, 0, sizeof *b);
	b->pub.kind = kind;
	b->pub.level = level;
	b->pub.index = (unsigned)pg->nblocks;
	b->pub.link_chars = link_chars;
	b->elem = elem;
	int r = wn_block_finish(pg, b, raw, len, opts);
	if (r < 0)
		return -1;
	if (r > 0) {
		pg->nblocks++;
		*out = b;
	}
	return 0;
}

void wn_page_trim(struct wn_page *pg)
{
	if (pg->blocks && pg->nblocks < pg->blocks_cap) {
		size_t n = pg->nblocks ? pg->nblocks : 1;
		pg->blocks = wn_pool_realloc(pg->pool, pg->blocks, n * sizeof *pg->blocks);
		pg->blocks_cap = n;
	}
	if (pg->elems && pg->nelems < pg->elems_cap) {
		size_t n = pg->nelems ? pg->nelems : 1;
		pg->elems = wn_pool_realloc(pg->pool, pg->elems, n * sizeof *pg->elems);
		pg->elems_cap = n;
	}
}

/* ---- Names ------------------------------------------------------------- */

const char *wn_kind_name(wn_block_kind kind)
{
	switch (kind) {
	case WN_BLOCK_TEXT:
		return "text";
	case WN_BLOCK_PARAGRAPH:
		return "p";
	case WN_BLOCK_HEADING:
		return "heading";
	case WN_BLOCK_LIST_ITEM:
		return "li";
	case WN_BLOCK_QUOTE:
		return "quote";
	case WN_BLOCK_PRE:
		return "pre";
	case WN_BLOCK_CELL:
		return "cell";
	case WN_BLOCK_CAPTION:
		return "caption";
	case WN_BLOCK_TERM:
		return "term";
	}
	return "?";
}

const char *wn_hint_name(unsigned hints)
{
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = {
	    {WN_HINT_HIDDEN, "hidden"},   {WN_HINT_COMMENT, "comments"},
	    {WN_HINT_SHARE, "share"},     {WN_HINT_RELATED, "related"},
	    {WN_HINT_AD, "ad/promo"},     {WN_HINT_NAV, "navigation"},
	    {WN_HINT_ASIDE, "aside"},     {WN_HINT_FOOTER, "footer"},
	    {WN_HINT_HEADER, "header"},   {WN_HINT_FORM, "form"},
	    {WN_HINT_META, "byline/tags"}, {WN_HINT_FIGURE, "caption"},
	    {WN_HINT_ARTICLE, "article"}, {WN_HINT_LEAD, "lead"},
	};
	for (size_t i = 0; i < COUNT(names); i++)
		if (hints & names[i].bit)
			return names[i].name;
	return "";
}
