/*
 * lang_detect.h - the language of a text, by Compact Language Detector 2
 * (lang_detect.cc, the one C++ file: CLD2 has only a C++ interface).
 */
#ifndef WN_LANG_DETECT_H
#define WN_LANG_DETECT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What the detector says of a text. */
struct wn_lang_guess {
	char code[16];  /* CLD2's code: "en", "zh-Hant", "iw"; "" for none */
	int percent;    /* share of the text's letters in that language, 0-100 */
	int reliable;   /* CLD2 rates the guess reliable: enough text, and
	                 * well ahead of the second language */
	size_t letters; /* bytes of letters CLD2 read */
};

/* Guesses the language of len bytes of valid UTF-8 plain text.  tld is
 * the host's top-level domain ("de") as a hint, or NULL.  Returns 0 (g
 * set; code "" when there is no guess) or -1 when the detector failed
 * (out of memory): g is then cleared. */
int wn_lang_detect(const char *text, size_t len, const char *tld, struct wn_lang_guess *g);

#ifdef __cplusplus
}
#endif

#endif
