/*
 * function_words.c - how much of a text is function words.
 *
 * Prose is held together by articles, prepositions, pronouns, auxiliary
 * verbs and conjunctions ("the", "of", "is", "der", "und", "que"): a third
 * to a half of its words.  A tag cloud, a list of keywords or a row of
 * headlines run together has almost none ("bubonic plague rabbit photo
 * Greta Thunberg ..."), however long.  The lists below are the most
 * frequent such words of each language the rules cover, written for this
 * project: data, one language a row, merged into one table since a word
 * of any of them is evidence of prose.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "page.h"

static const char *const function_words[] = {
    /* en */
    "the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by",
    "with", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its",
    "this", "that", "these", "those", "he", "she", "they", "we", "you", "i", "his", "her",
    "their", "our", "your", "not", "no", "will", "would", "can", "could", "should", "may",
    "might", "do", "does", "did", "there", "which", "who", "what", "when", "where", "if",
    "than", "then", "so", "also", "into", "about", "after", "over", "more",
    /* de */
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "und",
    "oder", "aber", "im", "am", "auf", "aus", "bei", "mit", "nach", "von", "vom", "zu", "zum",
    "zur", "für", "über", "unter", "ist", "sind", "waren", "wird", "werden", "hat", "haben",
    "hatte", "nicht", "auch", "sich", "es", "er", "sie", "wir", "ich", "du", "dass", "wie",
    "als", "noch", "nur", "schon", "sehr",
    /* fr */
    "le", "la", "les", "un", "une", "du", "de", "et", "ou", "mais", "en", "au", "aux", "dans",
    "sur", "pour", "par", "avec", "sans", "est", "sont", "était", "ont", "été", "il", "elle",
    "ils", "elles", "nous", "vous", "je", "ce", "cette", "ces", "qui", "que", "ne", "pas",
    "plus", "se", "son", "sa", "ses", "leur",
    /* es */
    "el", "los", "las", "una", "unos", "unas", "y", "o", "pero", "del", "con", "por", "para",
    "sin", "es", "son", "era", "fue", "ha", "han", "su", "sus", "lo", "le", "al", "más",
    "como", "muy", "este", "esta",
    /* it */
    "il", "gli", "uno", "e", "ma", "di", "della", "dei", "delle", "nel", "nella", "per", "da",
    "dal", "è", "sono", "hanno", "che", "non", "si", "suo", "alla", "più", "come", "anche",
    /* pt */
    "os", "as", "um", "uma", "uns", "umas", "mas", "do", "da", "dos", "das", "em", "no", "na",
    "nos", "nas", "com", "sem", "é", "são", "foi", "tem", "não", "seu", "ao", "mais", "também",
    /* nl */
    "het", "een", "en", "of", "maar", "van", "op", "aan", "met", "voor", "bij", "door", "naar",
    "uit", "over", "zijn", "heeft", "hebben", "dat", "deze", "dit", "niet", "ook", "er", "hij",
    "zij", "ze", "wij", "ik", "je",
};

#define SLOTS 1024 /* a power of two, well over twice the words */

static uint64_t table[SLOTS]; /* wn_text_key of each word (| 1), 0: empty */
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void build_table(void)
{
	for (size_t i = 0; i < sizeof function_words / sizeof function_words[0]; i++)
		wn_key_seen(table, SLOTS - 1,
		            wn_text_key(function_words[i], strlen(function_words[i])) | 1, 1);
}

unsigned wn_function_words(const char *text, size_t len, unsigned *words)
{
	pthread_once(&table_once, build_table);
	unsigned n = 0, fw = 0;
	for (size_t i = 0, start; wn_next_word(text, len, &i, &start);) {
		n++;
		fw += wn_key_seen(table, SLOTS - 1, wn_text_key(text + start, i - start) | 1, 0);
	}
	if (words)
		*words = n;
	return fw;
}
