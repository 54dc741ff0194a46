/*
 * lang_detect.cc - the language of a text, by Compact Language Detector 2.
 *
 * CLD2 (Debian's libcld2) scores quadgrams of letters, or single
 * characters in CJK scripts, against tables compiled into the library:
 * no model files, about 80 languages, and a few hundred megabytes a
 * second.  It is C++ only, so this one file speaks to it and gives
 * the rest of winnow a C function.  CLD2 keeps no state between calls:
 * calls on different threads do not meet.
 */
#include <climits>
#include <cstdio> /* compact_lang_det.h names FILE without including it */
#include <cstring>
#include <new>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "lang_detect.h"

extern "C" int wn_lang_detect(const char *text, size_t len, const char *tld,
                              struct wn_lang_guess *g)
{
	std::memset(g, 0, sizeof *g);
	if (len > INT_MAX)
		len = INT_MAX; /* callers pass a sample, far below */
	CLD2::CLDHints hints = {NULL, tld, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
	CLD2::Language top3[3];
	int percent3[3];
	double score3[3];
	int letters = 0, valid = 0;
	bool reliable = false;
	CLD2::Language lang;
	try {
		lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(
		        text, (int)len, true, &hints, 0, top3, percent3, score3, NULL, &letters,
		        &reliable, &valid);
	} catch (const std::bad_alloc &) {
		return -1;
	} catch (...) {
		return -1;
	}
	g->letters = letters > 0 ? (size_t)letters : 0;
	if (lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE)
		return 0;
	const char *code = CLD2::LanguageCode(lang);
	if (code == NULL || std::strlen(code) >= sizeof g->code)
		return 0;
	std::strcpy(g->code, code);
	g->percent = top3[0] == lang ? percent3[0] : 0;
	g->reliable = reliable;
	return 0;
}
