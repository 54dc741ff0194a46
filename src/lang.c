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
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

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
	{"iw", "he"},         {"in", "id"},        {"ji", "yi"},
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
	if (value == NULL || outlen < WN_LANG_MAX)
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
