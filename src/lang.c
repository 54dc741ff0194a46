/*
 * lang.c - the page's declared language as a BCP 47 tag.
 *
 * Pages declare their language in many spellings: "en_US" (og:locale),
 * "en-us", "EN", "english", "eng", "en-US,en;q=0.9" (a copied
 * Accept-Language), "pt_BR".  A corpus builder filters on the tag, so
 * every spelling becomes the one RFC 5646 recommends: the language
 * subtag in lower case (the shortest ISO 639 code), a script subtag in
 * title case, a region subtag in upper case, "-" between them ("en-US",
 * "zh-Hant-TW", "pt-BR").  Variants and extensions are left out; a value
 * that is no language tag ("none", "x-default", "1") gives nothing, so a
 * source further down the order of trust may still give one.
 *
 * Then the article's language: Compact Language Detector 2
 * (lang_detect.cc) reads a sample of the kept text.  "language" is the
 * declared tag, else the detected one; a declaration that a reliable
 * detection contradicts (a German article on a page that says "en", as
 * templates copied from another site do) gives way to the detection.
 * --lang keeps only the articles in the listed languages.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "lang_detect.h"
#include "page.h"

/* Language names, ISO 639-2 codes and deprecated codes that pages write
 * instead of the two-letter code: name or code, then the tag. */
static const char *const language_names[][2] = {
	{"english", "en"},    {"eng", "en"},       {"anglais", "en"},    {"englisch", "en"},
	{"german", "de"},     {"deutsch", "de"},   {"deu", "de"},        {"ger", "de"},
	{"french", "fr"},     {"français", "fr"},  {"francais", "fr"},   {"fra", "fr"},
	{"fre", "fr"},        {"spanish", "es"},   {"español", "es"},    {"espanol", "es"},
	{"castellano", "es"}, {"spa", "es"},       {"italian", "it"},    {"italiano", "it"},
	{"ita", "it"},        {"portuguese", "pt"}, {"português", "pt"}, {"portugues", "pt"},
	{"por", "pt"},        {"dutch", "nl"},     {"nederlands", "nl"}, {"nld", "nl"},
	{"dut", "nl"},        {"russian", "ru"},   {"rus", "ru"},        {"polish", "pl"},
	{"polski", "pl"},     {"pol", "pl"},       {"swedish", "sv"},    {"svenska", "sv"},
	{"swe", "sv"},        {"danish", "da"},    {"dansk", "da"},      {"dan", "da"},
	{"norwegian", "no"},  {"norsk", "no"},     {"nor", "no"},        {"finnish", "fi"},
	{"suomi", "fi"},      {"fin", "fi"},       {"turkish", "tr"},    {"türkçe", "tr"},
	{"tur", "tr"},        {"czech", "cs"},     {"ces", "cs"},        {"cze", "cs"},
	{"greek", "el"},      {"ell", "el"},       {"gre", "el"},        {"hungarian", "hu"},
	{"magyar", "hu"},     {"hun", "hu"},       {"romanian", "ro"},   {"română", "ro"},
	{"ron", "ro"},        {"rum", "ro"},       {"ukrainian", "uk"},  {"ukr", "uk"},
	{"japanese", "ja"},   {"jpn", "ja"},       {"chinese", "zh"},    {"zho", "zh"},
	{"chi", "zh"},        {"korean", "ko"},    {"kor", "ko"},        {"arabic", "ar"},
	{"ara", "ar"},        {"hebrew", "he"},    {"heb", "he"},        {"catalan", "ca"},
	{"català", "ca"},     {"cat", "ca"},       {"hindi", "hi"},      {"hin", "hi"},
	{"indonesian", "id"}, {"ind", "id"},       {"vietnamese", "vi"}, {"vie", "vi"},
	/* codes ISO 639 withdrew */
	{"iw", "he"},         {"in", "id"},        {"ji", "yi"},         {"jw", "jv"},
	{"mo", "ro"},
};

static const char *named_language(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof language_names / sizeof language_names[0]; i++)
		if (strlen(language_names[i][0]) == n && strncasecmp(s, language_names[i][0], n) == 0)
			return language_names[i][1];
	return NULL;
}

static int all_alpha(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isalpha((unsigned char)s[i]))
			return 0;
	return 1;
}

static int all_digit(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

int wn_lang_tag(const char *value, char *out, size_t outlen)
{
	if (value == NULL || out == NULL || outlen < WN_LANG_MAX)
		return 0;
	while (isspace((unsigned char)*value))
		value++;
	/* The first of a list ("en-US,en;q=0.9", "de, en"). */
	size_t n = strcspn(value, ",; \t\r\n");
	const char *named = named_language(value, n);
	if (named) {
		strcpy(out, named);
		return 1;
	}
	size_t len = 0;
	int part = 0, script = 0, region = 0;
	for (size_t at = 0; at < n;) {
		size_t k = strcspn(value + at, "-_");
		if (at + k > n)
			k = n - at;
		const char *sub = value + at;
		if (part == 0) {
			/* the language: two or three letters */
			if (k < 2 || k > 3 || !all_alpha(sub, k))
				return 0;
			const char *tag = named_language(sub, k);
			if (tag) {
				strcpy(out, tag);
				len = strlen(tag);
			} else {
				for (size_t i = 0; i < k; i++)
					out[len++] = (char)tolower((unsigned char)sub[i]);
			}
		} else if (k == 4 && !script && !region && all_alpha(sub, k)) {
			out[len++] = '-';
			out[len++] = (char)toupper((unsigned char)sub[0]);
			for (size_t i = 1; i < 4; i++)
				out[len++] = (char)tolower((unsigned char)sub[i]);
			script = 1;
		} else if (!region && ((k == 2 && all_alpha(sub, k)) || (k == 3 && all_digit(sub, k)))) {
			out[len++] = '-';
			for (size_t i = 0; i < k; i++)
				out[len++] = (char)toupper((unsigned char)sub[i]);
			region = 1;
		} else {
			break; /* a variant, an extension, or no subtag at all */
		}
		part++;
		at += k + 1;
	}
	out[len] = '\0';
	return len > 0;
}

/* The primary language subtag of tag, its length: "pt" of "pt-BR". */
static size_t primary(const char *tag)
{
	return strcspn(tag, "-");
}

static int same_language(const char *a, const char *b)
{
	size_t n = primary(a);
	return n == primary(b) && strncasecmp(a, b, n) == 0;
}

/* The host's last label when it is a country's two letters ("de" of
 * "www.spiegel.de"), a hint for the detector; "" otherwise. */
static void country_of(const char *url, char tld[3])
{
	tld[0] = '\0';
	const char *p = url ? strstr(url, "://") : NULL;
	if (p == NULL)
		return;
	p += 3;
	size_t n = strcspn(p, "/?#:");
	const char *dot = NULL;
	for (size_t i = 0; i < n; i++)
		if (p[i] == '.')
			dot = p + i;
	if (dot && p + n - dot == 3 && isalpha((unsigned char)dot[1]) &&
	    isalpha((unsigned char)dot[2])) {
		tld[0] = (char)tolower((unsigned char)dot[1]);
		tld[1] = (char)tolower((unsigned char)dot[2]);
		tld[2] = '\0';
	}
}

/* Appends up to room bytes of block text to sample (only counts them
 * when sample is NULL), cut at the start of a UTF-8 character; returns
 * the bytes added. */
static size_t add_sample(char *sample, size_t at, size_t room, const char *text, size_t len)
{
	if (len > room) {
		len = room;
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
	}
	if (sample)
		memcpy(sample + at, text, len);
	return len;
}

/* The sample the detector reads: the kept blocks' text, or every
 * block's when the article is too short to say (a page of links).  With
 * sample NULL, only its length. */
static size_t language_sample(const struct wn_page *pg, size_t cap, char *sample)
{
	size_t n = 0;
	for (int all = 0; all < 2 && n < 200; all++) {
		n = 0;
		for (size_t i = 0; i < pg->nblocks && n + 1 < cap; i++) {
			const struct wn_block *b = &pg->blocks[i].pub;
			if (!all && b->decision != WN_KEEP)
				continue;
			n += add_sample(sample, n, cap - n - 1, b->text, b->len);
			if (sample)
				sample[n] = '\n';
			n++;
		}
	}
	return n;
}

/* What wn_doc_metadata() shows of the language. */
static void publish_language(struct wn_meta *m)
{
	m->pub.language = m->val[WN_MF_LANGUAGE];
	m->pub.language_detected = m->detected;
	m->pub.language_confidence = m->confidence;
}

void wn_lang_charge(struct wn_page *pg, const struct wn_options *o)
{
	struct wn_meta *m = &pg->meta;
	m->detected = "";
	m->confidence = 0;
	m->detect_pending = 0;
	publish_language(m);
	if (o->lang_sample_bytes == 0)
		return;
	/* CLD2 reads each byte a few times over; the budget counts it once
	 * more than the blocks' own bytes. */
	if (wn_page_charge(pg, language_sample(pg, o->lang_sample_bytes, NULL)) != WN_OK)
		return;
	m->detect_pending = 1;
}

int wn_lang_choose(struct wn_page *pg, const struct wn_options *o)
{
	struct wn_meta *m = &pg->meta;
	if (!m->detect_pending)
		return 0;
	size_t cap = o->lang_sample_bytes;
	char *sample = wn_pool_alloc(pg->pool, cap + 1);
	if (sample == NULL)
		return -1;
	size_t n = language_sample(pg, cap, sample);
	char tld[3];
	country_of(m->val[WN_MF_URL], tld);
	struct wn_lang_guess g;
	if (wn_lang_detect(sample, n, *tld ? tld : NULL, &g) != 0)
		return -1;
	wn_pool_release(pg->pool, sample);
	m->detect_pending = 0;
	char tag[WN_LANG_MAX];
	if (g.reliable && strncmp(g.code, "xx-", 3) != 0 &&
	    wn_lang_tag(g.code, tag, sizeof tag)) {
		const char *detected = wn_pool_strndup(pg->pool, tag, strlen(tag));
		if (detected == NULL)
			return -1;
		m->detected = detected;
		m->confidence = g.percent / 100.0;
	}
	const char *declared = m->val[WN_MF_LANGUAGE];
	if (*m->detected && (!*declared || (!same_language(declared, m->detected) &&
	                                    (unsigned)g.percent >= o->lang_override_percent)))
		m->val[WN_MF_LANGUAGE] = m->detected;
	publish_language(m);
	return 0;
}

/* Reads list's items, tags separated by commas or blanks: how many there
 * are, and in *bad how many are no language tag; *match (when tag is
 * given) is set when one's language is tag's. */
static unsigned read_list(const char *list, const char *tag, unsigned *bad, int *match)
{
	unsigned n = 0;
	*bad = 0;
	for (const char *p = list; *p;) {
		p += strspn(p, ", \t");
		size_t k = strcspn(p, ", \t");
		if (k == 0)
			break;
		char item[64], want[WN_LANG_MAX];
		n++;
		if (k < sizeof item) {
			memcpy(item, p, k);
			item[k] = '\0';
		}
		if (k >= sizeof item || !wn_lang_tag(item, want, sizeof want))
			++*bad;
		else if (tag && same_language(want, tag))
			*match = 1;
		p += k;
	}
	return n;
}

int wn_lang_listed(const char *list, const char *tag)
{
	unsigned bad;
	int match = 0;
	if (primary(tag) > 0)
		read_list(list, tag, &bad, &match);
	return match;
}

int wn_lang_list_valid(const char *list)
{
	unsigned bad;
	int match;
	return read_list(list, NULL, &bad, &match) > 0 && bad == 0;
}
