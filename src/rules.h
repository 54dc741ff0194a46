/*
 * rules.h - the rule layer: known junk, matched on block text.
 *
 * A rule is one line of data (winnow-rules(5)):
 *
 *     FAMILY SCOPE [OPTION ...] KIND PATTERN
 *
 * Phrase rules are matched on case-folded, compatibility-normalised words
 * at word boundaries, all of them in one pass over the block's words (an
 * index from each phrase's first word); regular expressions (PCRE2, with
 * match limits) run on the block's text or on each of its lines.
 *
 * A block looks only at the rules that could fire on it, never at the
 * whole set: the phrases that start with one of its words, the regexes
 * one of whose if= words it holds, the anchored regexes that can start
 * with its first byte (or a line's), and the other regexes that a text
 * of its length can match.  Its work is its length plus those rules.
 */
#ifndef WN_RULES_H
#define WN_RULES_H

#include <stdint.h>

#include "page.h"
#include "winnow.h"

enum wn_scope {
	WN_SCOPE_LINE = 1,  /* drop the matching line of the block */
	WN_SCOPE_BLOCK = 2, /* drop the block */
	WN_SCOPE_REST = 3   /* drop the block and everything after it */
};

/* A whole-phrase rule's button= option: the block is a dialog's button,
 * which closes it ("Close", "×") or answers it ("Accept all", "Got it");
 * the text beside such a button is the dialog's (score_text.c). */
enum wn_button { WN_BUTTON_NONE, WN_BUTTON_CLOSE, WN_BUTTON_ANSWER };

struct wn_rule {
	const char *family;   /* "legal", "comment" ... */
	enum wn_scope scope;
	int is_regex;
	unsigned hint;        /* class rules: the WN_HINT_* bit of the family */
	char lang[8];         /* "" for any language */
	unsigned max_words;   /* fires only on blocks (lines) this short; 0: any */
	int whole;            /* the block is nothing but such phrases */
	unsigned char button; /* enum wn_button: a dialog's button (button=) */
	int start;            /* the phrase starts the block (line) */
	int nocell;           /* never on a table cell (tables hold bare data) */
	int noitem;           /* never on a list item (a menu's entries) */
	uint64_t *triggers;   /* if=: a regex runs only on blocks with one of
	                       * these words (hashes, as phrase words) */
	unsigned ntriggers;
	const char *if_words; /* the if= list as written, for --list-rules */
	const char **needs;   /* needs=: a regex runs only on texts (lines,
	                       * for line scope) holding one of these strings */
	size_t *needs_len;    /* their lengths */
	unsigned nneeds;
	const char *needs_list; /* needs= as written, for --list-rules */
	const char *pattern;  /* as written */
	const char *label;    /* "family: pattern", shown by --explain */
	const char *where;    /* "file:line" */
	uint64_t *words;      /* phrase: hashes of its normalised words */
	unsigned nwords;
	void *re;             /* regex: pcre2_code */
	struct wn_regex_jit *jit; /* regex: its JIT-compiled copy once hot
	                       * (rules.c), shared by the threads */
	int has_first;        /* anchored: first_bytes says where it can start */
	unsigned char first_bytes[32]; /* bit set of possible first bytes */
	uint32_t min_len;     /* regex: no text of fewer bytes matches */
	int has_req;          /* regex: every match holds req_bytes[0] or [1] */
	char req_bytes[2];    /* an ASCII character in both its cases */
	/* An anchored regex whose alternatives start with literal text
	 * ("^(?:read also|see also)\\s*:"): those starts in lower case, up to
	 * their first character that is not ASCII and at most 255 bytes,
	 * each after a byte that holds its length, one after the other
	 * (NULL when the pattern has none); a text that can
	 * start with none of them is turned down before the matcher runs.
	 * starts_other: an alternative starts with a character that is not
	 * ASCII. */
	char *starts;
	unsigned nstarts;
	/* With INDEX_STARTS starts or more, sorted by their first byte, and
	 * where those of each first byte c begin: starts + start_index[c],
	 * up to starts + start_index[c + 1] (NULL: no index). */
	uint16_t *start_index;
	int starts_other;
	/* Examples from the rules file: must fire / must not fire. */
	const char **fires, **keeps;
	unsigned nfires, nkeeps;
};

/* The rules, in the order they were added. */
size_t wn_rules_size(const wn_rules *rules);
const struct wn_rule *wn_rules_at(const wn_rules *rules, size_t i);

/* The built-in rule set, built once per process and shared; NULL when it
 * could not be built (out of memory). */
const wn_rules *wn_rules_builtin(void);

/* Why wn_rules_builtin() gave NULL: "out of memory", or the line of the
 * built-in rules that did not parse. */
const char *wn_rules_builtin_error(void);

/*
 * Matches every block of the page: sets each block's rule and rule_scope
 * (the most far-reaching rule that fired), and cuts the lines that line
 * rules match out of blocks of several lines.  lang is the page's language
 * ("de", or "" when unknown).
 */
wn_status wn_rules_match(const wn_rules *rules, struct wn_page *pg,
                         const struct wn_options *opts);

/*
 * The rule among rules that fires on text as one block of its own, or NULL
 * (for tests of the examples).
 */
const struct wn_rule *wn_rules_test(const wn_rules *rules, const char *text);

/* 1 when a rule of family ("comment", "related" ...) fired on the
 * block. */
int wn_rule_family_is(const struct wn_iblock *ib, const char *family);

/* Class rules: the WN_HINT_* bits that the class/id word w (lower case,
 * n bytes) gives, 0 for none.  rules NULL: the built-in set. */
unsigned wn_rules_class_word(const wn_rules *rules, const char *w, size_t n);

/* The text of the default rules file compiled in (default_rules.c). */
extern const unsigned char wn_default_rules_text[];
extern const unsigned long wn_default_rules_size;

#endif
