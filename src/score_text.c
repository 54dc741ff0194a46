/*
 * score_text.c - which blocks of a text page are the article.
 *
 * Text that a scraper already extracted has no elements, links or markup:
 * each block (a paragraph, a list item, a line) is judged on its own text
 * (wn_judge_text), and the article is the run of blocks with the most
 * article text in it, counting boilerplate against it: the maximum-sum
 * run, as in Finn's body text extraction.  A "rest" rule (a comment form,
 * "Related stories") ends the article; but the run is chosen in each
 * stretch between two such rules, and the first stretch whose run is
 * nearly the best wins, so that a "Related stories" box or a comment
 * counter above the article's body does not cut the article away.
 * score.c then labels the blocks and fills in the short ones.
 */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <string.h>
#include <stdint.h>
#include <strings.h>

#include "boxes.h"
#include "date.h"
#include "rules.h"
#include "score.h"

#include <utf8proc.h>

/* Most words start with a capital: a headline, a menu, not prose. */
int wn_title_case(const struct wn_block *b)
{
	unsigned words = 0, caps = 0;
	int start = 1;
	for (size_t i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->text[i];
		if (c == ' ' || c == '\n') {
			start = 1;
			continue;
		}
		if (start) {
			words++;
			caps += (c >= 'A' && c <= 'Z') || (c >= 0xC3 && c <= 0xC3 && i + 1 < b->len &&
			                                     (unsigned char)b->text[i + 1] < 0x9F);
		}
		start = 0;
	}
	return words && caps * 10 >= words * 6;
}

/* The longest block looked at for doubled text (doubled_text), bytes. */
#define DOUBLED_MAX 1024
/* ... and the fewest words of each half. */
#define DOUBLED_WORDS 6

/* The block is one text twice over, "A. A." or "A.A.": a text browser printed an
 * image's alternative text and then its caption (a gallery, a video
 * strip), or a teaser's title twice.  Whitespace runs compare as one
 * space. */
static int doubled_text(const struct wn_block *b)
{
	if (b->len > DOUBLED_MAX || b->words < 2 * DOUBLED_WORDS)
		return 0;
	char s[DOUBLED_MAX];
	size_t n = 0;
	for (size_t i = 0; i < b->len; i++) {
		char c = b->text[i] == '\n' || b->text[i] == '\t' ? ' ' : b->text[i];
		if (c == ' ' && (n == 0 || s[n - 1] == ' '))
			continue;
		s[n++] = c;
	}
	while (n && s[n - 1] == ' ')
		n--;
	if (n < 3)
		return 0;
	/* "A A", or "AA" where no space was printed between them. */
	size_t h = n / 2;
	if (n % 2 == 0)
		return memcmp(s, s + h, h) == 0;
	return s[h] == ' ' && memcmp(s, s + h + 1, h) == 0;
}

const char *wn_text_bad_reason(const struct wn_iblock *ib)
{
	const char *chrome = wn_text_chrome(ib);
	if (chrome)
		return chrome;
	return doubled_text(&ib->pub) ? "the same text twice: an image's alternative text and caption"
	                              : NULL;
}

/* The words of sentences read for the share of the page's prose, and the
 * least share (percent) that says function_words.c knows its language. */
#define FUNCTION_WORDS_SAMPLE 400
#define FUNCTION_WORDS_KNOWN_PERCENT 25

int wn_text_function_words_known(const struct wn_page *pg, const struct wn_options *o)
{
	unsigned words = 0, fw = 0;
	for (size_t i = 0; i < pg->nblocks && words < FUNCTION_WORDS_SAMPLE; i++) {
		const struct wn_iblock *ib = &pg->blocks[i];
		if (ib->sentences == 0 || ib->pub.words < o->short_words || ib->rule_scope)
			continue;
		unsigned n;
		fw += wn_function_words(ib->pub.text, ib->pub.len, &n);
		words += n;
	}
	return words >= FUNCTION_WORDS_SAMPLE / 4 && fw * 100 >= words * FUNCTION_WORDS_KNOWN_PERCENT;
}

/* The first letter of the word at s[0..n), folded (lower case, without
 * its accent: "Água" and "agua" are both 'a'), or 0 when the word starts
 * with no letter (a figure, a bullet). */
static int32_t first_letter(const char *s, size_t n)
{
	utf8proc_int32_t cp, folded[4];
	if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp) <= 0)
		return 0;
	utf8proc_category_t c = utf8proc_category(cp);
	if (c < UTF8PROC_CATEGORY_LU || c > UTF8PROC_CATEGORY_LO)
		return 0;
	int last = 0;
	if (utf8proc_decompose_char(cp, folded, 4,
	                            UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK,
	                            &last) < 1)
		return cp;
	return folded[0];
}

/* Whether the words of b that start with a letter (2 * short_words of
 * them or more) run in alphabetical order by that letter in at least
 * percent of the pairs side by side, through a letter for every four
 * words it needs: a tag cloud ("agua alerta ambiente biblioteca ..."), a
 * list of sections ("Archery Athletics Badminton"), a site index; not one
 * word said over and over. */
static int alphabetical_words(const struct wn_block *b, unsigned least, unsigned percent)
{
	unsigned words = 0, ordered = 0, rises = 0;
	int32_t prev = 0;
	const char *s = b->text, *end = b->text + b->len;
	while (s < end) {
		while (s < end && (*s == ' ' || *s == '\n' || *s == '\t'))
			s++;
		const char *w = s;
		while (s < end && *s != ' ' && *s != '\n' && *s != '\t')
			s++;
		if (s == w)
			break;
		int32_t letter = first_letter(w, (size_t)(s - w));
		if (letter == 0)
			continue;
		if (words++ > 0 && prev <= letter) {
			ordered++;
			rises += prev < letter;
		}
		prev = letter;
	}
	return words >= least && rises >= least / 4 && ordered * 100 >= (words - 1) * percent;
}

/* Text blocks have no links and no markup: a list item that is short is a
 * menu entry, a block without words (a counter, a separator) is chrome. */
enum judgement wn_judge_text(const struct wn_iblock *ib, const struct wn_options *o, int known)
{
	const struct wn_block *b = &ib->pub;
	if (b->words == 0)
		return BAD;
	/* What a text browser prints for the page's head, an embed, a form
	 * or its list of links (text.c) is chrome. */
	if (wn_text_bad_reason(ib))
		return BAD;
	/* A menu entry is a word or two, a teaser a headline in Title Case;
	 * an item of a list in the article is a phrase ("Seal the door
	 * frame") or a sentence. */
	if (b->kind == WN_BLOCK_LIST_ITEM && b->words < o->short_words &&
	    (b->words < 3 || wn_title_case(b)))
		return BAD;
	/* A long line of capitalised words with no sentence in it is a
	 * tag cloud or a menu run together, not prose. */
	if (ib->sentences == 0 && wn_title_case(b))
		return NEUTRAL;
	/* Nor is a long line without a sentence and almost without function
	 * words: keywords of a tag cloud, headlines run together. */
	if (known && o->text_prose_function_words > 0 && ib->sentences == 0 &&
	    b->words >= 2 * o->short_words) {
		unsigned n, fw = wn_function_words(b->text, b->len, &n);
		if (fw * 100 < n * o->text_prose_function_words)
			return NEUTRAL;
	}
	if (o->text_tag_order > 0 && ib->sentences == 0 &&
	    alphabetical_words(b, 2 * o->short_words, o->text_tag_order))
		return NEUTRAL;
	if (b->words >= o->short_words && (ib->sentences > 0 || b->words >= 2 * o->short_words))
		return GOOD;
	return NEUTRAL;
}


static int has_non_ascii(const struct wn_block *b)
{
	for (size_t i = 0; i < b->len; i++)
		if ((unsigned char)b->text[i] >= 0x80)
			return 1;
	return 0;
}

/* A line that may be the headline: 3 to 25 words, no full stop at its
 * end, no list item, no known junk, no markup ("<!DOCTYPE html ...>"). */
static int title_candidate(const struct wn_page *pg, const enum judgement *j, size_t i)
{
	const struct wn_iblock *ib = &pg->blocks[i];
	const struct wn_block *b = &ib->pub;
	return !ib->rule_scope && j[i] != BAD && b->kind != WN_BLOCK_LIST_ITEM && b->words >= 3 &&
	       b->words <= 25 && b->text[b->len - 1] != '.' && b->text[0] != '<';
}

/*
 * The headline of a text page: among the last few blocks before the
 * article, the longest line that is not a sentence (no full stop), a
 * list item, markup or known junk; an HTML fragment's own <title> when
 * there is no such line.
 */
static void find_text_title(struct wn_page *pg, const enum judgement *j, size_t lo)
{
	const struct wn_block *best = NULL;
	for (size_t i = lo > 8 ? lo - 8 : 0; i < lo; i++) {
		const struct wn_block *b = &pg->blocks[i].pub;
		if (!title_candidate(pg, j, i))
			continue;
		if (best == NULL || b->words > best->words)
			best = b;
		else if (b->words == best->words && has_non_ascii(b) && !has_non_ascii(best))
			best = b; /* "Südkorea …" over its slug "Suedkorea …" */
	}
	if (best) {
		pg->title = best->text;
		pg->title_fold = NULL;
	}
}

/* The longest line that standfirst_above compares word by word. */
#define HEADLINE_MAX_BYTES 400

/* A headline's line ("Village bakery wins bread prize"): a title
 * candidate with no sentence in it, no chrome. */
static int headline_shaped(const struct wn_page *pg, const enum judgement *j, size_t i)
{
	const struct wn_iblock *ib = &pg->blocks[i];
	return title_candidate(pg, j, i) && !ib->chrome && ib->pub.len <= HEADLINE_MAX_BYTES &&
	       ib->sentences == 0;
}

/* How many words of a (space-separated) also stand in b, case aside. */
static unsigned shared_words(const struct wn_block *a, const struct wn_block *b)
{
	unsigned n = 0;
	for (size_t i = 0; i < a->len;) {
		while (i < a->len && a->text[i] == ' ')
			i++;
		size_t k = i;
		while (k < a->len && a->text[k] != ' ' && a->text[k] != '\n')
			k++;
		size_t wl = k - i;
		for (size_t at = 0; wl > 0 && at + wl <= b->len; at++)
			if ((at == 0 || b->text[at - 1] == ' ') &&
			    (at + wl == b->len || b->text[at + wl] == ' ') &&
			    strncasecmp(b->text + at, a->text + i, wl) == 0) {
				n++;
				break;
			}
		i = k + 1;
	}
	return n;
}

static int date_line(const struct wn_iblock *ib);

/*
 * The standfirst: right above the article's run, under the headline, a
 * longer line without a full stop ("A family bakery from the hills beats
 * forty competitors with a rye loaf").  It is article text, and the line
 * above it the headline; a date line there is none.  Returns its index,
 * or lo when there is none.
 */
static size_t standfirst_above(struct wn_page *pg, const enum judgement *j,
                               const struct wn_options *o, size_t lo)
{
	if (lo < 2 || !headline_shaped(pg, j, lo - 1) || !headline_shaped(pg, j, lo - 2))
		return lo;
	const struct wn_block *dek = &pg->blocks[lo - 1].pub, *head = &pg->blocks[lo - 2].pub;
	if (dek->words < o->lead_words || dek->words <= head->words || wn_title_case(dek) ||
	    2 * shared_words(head, dek) >= head->words || date_line(&pg->blocks[lo - 1]))
		return lo; /* a slug above the headline repeats its words */
	pg->title = head->text;
	pg->title_fold = NULL;
	return lo - 1;
}


/* What a text browser's chrome line weighs against the run, in
 * characters of a short line, whatever its length. */
#define CHROME_CHARS 10

const char *wn_text_chrome(const struct wn_iblock *ib)
{
	switch (ib->chrome) {
	case WN_CHROME_FEED:
		return "a text browser's line for the page's head";
	case WN_CHROME_EMBED:
		return "a text browser's line for an embed";
	case WN_CHROME_CONTROL:
		return "a text browser's line for a form";
	case WN_CHROME_LINKS:
		return "a text browser's list of links";
	default: /* an image's name, a rule: w3m draws tables with them */
		return NULL;
	}
}

/* A currency sign at *i ("$", "€", "£", "¥"); *i moves to its last
 * byte. */
static int is_currency(const char *s, size_t n, size_t *i)
{
	static const struct {
		const char *bytes;
		size_t len;
	} signs[] = {{"$", 1}, {"\xE2\x82\xAC", 3}, {"\xC2\xA3", 2}, {"\xC2\xA5", 2}};
	for (size_t k = 0; k < sizeof signs / sizeof signs[0]; k++) {
		size_t m = signs[k].len;
		if (*i + m <= n && memcmp(s + *i, signs[k].bytes, m) == 0) {
			*i += m - 1;
			return 1;
		}
	}
	return 0;
}

/* A row of a table of figures: three numbers or more (amounts with their
 * currency sign too), making up at least half of its words ("3 Kevin
 * Harvick 5033 4 6 15 26", "Phoenix $83 28.7% -2.1%"). */
static int number_row(const struct wn_block *b)
{
	unsigned numbers = 0, words = 0;
	int in = 0, digits = 1;
	for (size_t i = 0; i <= b->len; i++) {
		unsigned char c = i < b->len ? (unsigned char)b->text[i] : ' ';
		if (c == ' ' || c == '\n' || c == '\t') {
			if (in) {
				words++;
				numbers += digits;
				/* No row when the words left, numbers all of them,
				 * could not make up half (a paragraph, most blocks). */
				if (words - numbers > numbers + (b->len - i + 1) / 2)
					return 0;
			}
			in = 0;
			digits = 1;
			continue;
		}
		in = 1;
		if ((c >= '0' && c <= '9') || c == '.' || c == ',' || c == ':' || c == '%' ||
		    c == '-' || c == '+')
			continue;
		if ((c == '$' || c == 0xC2 || c == 0xE2) && is_currency(b->text, b->len, &i))
			continue;
		/* A word that is no number is skipped to its end. */
		digits = 0;
		while (i + 1 < b->len && b->text[i + 1] != ' ' && b->text[i + 1] != '\n' &&
		       b->text[i + 1] != '\t')
			i++;
	}
	return numbers >= 3 && numbers * 2 >= words;
}

/* A line of code or a formula ("WHERE NAME = 'BURLEY';", "6 % 2 = 0",
 * "if (x) {"): two words or more and an equals sign or a brace, or a
 * statement's semicolon at its end, which menus, teasers and prose do
 * not use ("*", "%" and ";" inside they do: "Apple Store*", "50% off",
 * "no viruses; what's wrong"). */
static int code_line(const struct wn_block *b)
{
	if (b->words < 2)
		return 0;
	if (b->text[b->len - 1] == ';')
		return 1;
	for (size_t i = 0; i < b->len; i++)
		if (b->text[i] == '=' || b->text[i] == '{' || b->text[i] == '}')
			return 1;
	return 0;
}

/* Most words of a button's line ("Close", "Accept all", "(BUTTON) Sign
 * up"). */
#define BUTTON_WORDS 3

/* Most words of a dialog's text between its buttons (dialog_text). */
#define DIALOG_WORDS 80
/* ... of a newsletter's pitch above its sign-up button, and of the
 * newsletter's name above the pitch. */
#define PITCH_WORDS 20
#define BOX_NAME_WORDS 8

/* The block is a dialog's close button: a rule with button=close took it
 * whole ("Close", "close close", "Schließen"), or a sign alone: "×", "✕",
 * "✖". */
static int close_button(const struct wn_iblock *ib)
{
	static const char *const signs[] = {"×", "✕", "✖"};
	const struct wn_block *b = &ib->pub;
	if (ib->rule_scope == WN_SCOPE_BLOCK && ib->rule->button == WN_BUTTON_CLOSE)
		return 1;
	for (size_t k = 0; b->words == 0 && k < sizeof signs / sizeof signs[0]; k++)
		if (b->len == strlen(signs[k]) && memcmp(b->text, signs[k], b->len) == 0)
			return 1;
	return 0;
}

/* The block is a button that answers a dialog: a rule with button=answer
 * took it whole ("Accept all", "Got it", "Tout refuser"), or it is a text
 * browser's button ("(BUTTON) OK"; w3m's "[label]" may be an image's
 * name just as well). */
static int answer_button(const struct wn_iblock *ib)
{
	if (ib->rule_scope == WN_SCOPE_BLOCK && ib->rule->button == WN_BUTTON_ANSWER)
		return 1;
	return ib->pub.words <= BUTTON_WORDS && ib->chrome == WN_CHROME_CONTROL &&
	       strncmp(ib->pub.text, "(BUTTON)", 8) == 0;
}

/* A sign-up button ("Subscribe", "Get updates", "Zapisz mnie") answers
 * a pitch of a sentence or two; it may also head the box under it,
 * below an article's paragraph. */
static int signup_button(const struct wn_iblock *ib)
{
	return answer_button(ib) && wn_rule_family_is(ib, "newsletter");
}

/* The block could be the pitch above a sign-up button. */
static int pitch(const struct wn_iblock *ib)
{
	return !ib->rule_scope && !ib->chrome && ib->pub.words > 0 &&
	       ib->pub.words <= PITCH_WORDS;
}

/* The block ends a sentence or a clause: no box's name. */
static int ends_clause(const struct wn_block *b)
{
	return b->len > 0 && strchr(".!?:;,", b->text[b->len - 1]) != NULL;
}

/* The button that answers block i: the next block, or the one after a
 * close button or two between ("Close" then "Sign up"); nblocks when
 * none. */
static size_t answer_after(const struct wn_page *pg, size_t i)
{
	for (size_t k = i + 1; k < pg->nblocks && k <= i + 3; k++) {
		if (answer_button(&pg->blocks[k]))
			return k;
		if (!close_button(&pg->blocks[k]))
			break;
	}
	return pg->nblocks;
}

/* Block i is the text of a dialog (a cookie banner, a newsletter pop-up,
 * a notice with its buttons): right under its close button, or right
 * above the button that answers it (past a close button or two), a block
 * no rule took and no longer than DIALOG_WORDS (PITCH_WORDS above a
 * sign-up button), or the name of a newsletter box over the pitch of its
 * sign-up button.  An article's paragraph has neither beside it. */
static int dialog_text(const struct wn_page *pg, size_t i)
{
	const struct wn_iblock *ib = &pg->blocks[i];
	if (ib->rule_scope || ib->chrome || ib->pub.words == 0 || ib->pub.words > DIALOG_WORDS ||
	    close_button(ib))
		return 0;
	if (i > 0 && close_button(&pg->blocks[i - 1]))
		return 1;
	size_t a = answer_after(pg, i);
	if (a < pg->nblocks)
		return !signup_button(&pg->blocks[a]) || ib->pub.words <= PITCH_WORDS;
	/* The name of a newsletter over its pitch ("The Morning Brief"). */
	if (i + 1 >= pg->nblocks || ib->pub.words > BOX_NAME_WORDS || ends_clause(&ib->pub) ||
	    !pitch(&pg->blocks[i + 1]))
		return 0;
	a = answer_after(pg, i + 1);
	return a < pg->nblocks && signup_button(&pg->blocks[a]);
}

/* a and b hold the same text. */
static int same_text(const struct wn_block *a, const struct wn_block *b)
{
	return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

/* The doubled texts run_weights remembers, most recent first. */
#define RECENT_PICTURES 16

/*
 * What each block weighs for or against the run that holds it, in w[]
 * (pg->nblocks of them), computed once for every search of a run: a
 * line of article text its length, boilerplate minus its length, a short
 * line minus text_neutral_weight times its length.
 */
static void run_weights(const struct wn_page *pg, const enum judgement *j,
                        const struct wn_options *o, double *w)
{
	/* Whether the blocks before, at and after i are rows of figures. */
	int prev = 0, cur = pg->nblocks > 0 && number_row(&pg->blocks[0].pub), next;
	uint64_t pictures[RECENT_PICTURES] = {0}; /* keys of the last doubled texts */
	size_t npictures = 0;
	for (size_t i = 0; i < pg->nblocks; i++, prev = cur, cur = next) {
		next = i + 1 < pg->nblocks && number_row(&pg->blocks[i + 1].pub);
		const struct wn_iblock *ib = &pg->blocks[i];
		double c = ib->pub.chars;
		w[i] = j[i] == GOOD ? c : j[i] == BAD ? -c : -o->text_neutral_weight * c;
		if (dialog_text(pg, i))
			w[i] = -c;
		/* A list item long enough not to be a menu entry weighs a quarter
		 * of another short line: a list in the article must not split it
		 * in two. */
		if (j[i] == NEUTRAL && ib->pub.kind == WN_BLOCK_LIST_ITEM)
			w[i] /= 4;
		/* A line of underscores is a horizontal rule as lynx draws it:
		 * a border between parts of the page (a blurb, the post, a
		 * newsletter pitch) that a run crosses only for text on both
		 * sides.  Another rule drawn across ("━━━━", w3m's tables and
		 * rules) separates, and the rows of a table of figures (a row
		 * among others) may be the article's own: no evidence either
		 * way. */
		if (ib->chrome == WN_CHROME_RULE && ib->pub.text[0] == '_')
			w[i] = -o->text_rule_weight;
		else if ((ib->pub.words == 0 && ib->rule_scope == 0) ||
		         (j[i] == NEUTRAL && cur && (prev || next)) ||
		         (j[i] == NEUTRAL && !ib->rule_scope && code_line(&ib->pub)))
			w[i] = 0;
		/* A text browser's line for an embed, a form or a link between
		 * two paragraphs goes, and weighs a short line: an embed's
		 * long address must not split the article.  So does a notice
		 * known by its words, which says nothing of where the article
		 * ends: one its words mislead must not cut it in two. */
		else if (wn_text_chrome(ib) || (ib->notice && !ib->notice_edge))
			w[i] = -o->text_neutral_weight * CHROME_CHARS;
		/* A paragraph printed twice, one block under the other, is a
		 * picture's alternative text over its caption: it weighs
		 * against the run as doubled text does, once. */
		else if (j[i] == GOOD && i + 1 < pg->nblocks && j[i + 1] == GOOD &&
		         same_text(&ib->pub, &pg->blocks[i + 1].pub))
			w[i] = -c;
		else if (j[i] == GOOD && i > 0 && j[i - 1] == GOOD &&
		         same_text(&ib->pub, &pg->blocks[i - 1].pub))
			w[i] = 0;
		/* A picture's text printed twice weighs against the run once:
		 * the same picture again (a "pin it" description under every
		 * photo of a recipe) is no more evidence that the article has
		 * ended. */
		else if (j[i] == BAD && doubled_text(&ib->pub)) {
			uint64_t key = wn_text_key(ib->pub.text, ib->pub.len);
			for (size_t k = 0; k < RECENT_PICTURES && k < npictures; k++)
				if (pictures[k] == key)
					w[i] = 0;
			pictures[npictures++ % RECENT_PICTURES] = key;
		}
	}
}

/* The maximum-sum run of blocks in [from, to) by their weights w: its
 * weight, and the run in [*lo, *hi) (empty when no run weighs more than
 * 0). */
static double best_run(const double *w, size_t from, size_t to, size_t *lo, size_t *hi)
{
	double best = 0, run = 0;
	size_t start = from;
	*lo = *hi = from;
	for (size_t i = from; i < to; i++) {
		if (run <= 0) {
			run = 0;
			start = i;
		}
		run += w[i];
		if (run > best) {
			best = run;
			*lo = start;
			*hi = i + 1;
		}
	}
	return best;
}

/* The text holds a time of day as comment signatures write it: "7:53
 * pm", "@09:10AM", "at 12:11", "14:05 Uhr" (a bare "3:16" may be a verse
 * or a score), or an age: "5 hours ago". */
static int has_clock_time(const char *s, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++) {
		if (s[i] != ':' || i == 0 || !isdigit((unsigned char)s[i - 1]) ||
		    !isdigit((unsigned char)s[i + 1]) || !isdigit((unsigned char)s[i + 2]) ||
		    (i + 3 < n && isdigit((unsigned char)s[i + 3])))
			continue;
		size_t d = i - 1; /* the hour's first digit */
		if (d > 0 && isdigit((unsigned char)s[d - 1]))
			d--;
		if (d > 0 && (isdigit((unsigned char)s[d - 1]) || s[d - 1] == ':' || s[d - 1] == '.'))
			continue;
		size_t k = i + 3;
		if (k < n && s[k] == ':' && k + 2 < n)
			k += 3; /* seconds */
		while (k < n && s[k] == ' ')
			k++;
		if ((k + 1 < n && (s[k] == 'a' || s[k] == 'p' || s[k] == 'A' || s[k] == 'P') &&
		     (s[k + 1] == 'm' || s[k + 1] == 'M' || s[k + 1] == '.')) ||
		    (k + 2 < n && strncmp(s + k, "Uhr", 3) == 0) ||
		    (d > 0 && s[d - 1] == '@') || (d >= 3 && strncmp(s + d - 3, "at ", 3) == 0))
			return 1;
	}
	static const char *const units[] = {" minutes ago", " minute ago", " hours ago",
	                                    " hour ago",    " days ago",   " day ago"};
	for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
		size_t m = strlen(units[u]);
		for (size_t i = 1; i + m <= n; i++)
			if (isdigit((unsigned char)s[i - 1]) && strncmp(s + i, units[u], m) == 0)
				return 1;
	}
	return 0;
}

/* Most words of a date line ("Updated 5:27 am CST, Wednesday, November
 * 20, 2019", "Nov 19, 2019 at 9:08 GMT 1 day ago"). */
#define DATE_LINE_WORDS 12

/* The block holds a date or a time of day.  Asked of the same blocks
 * by every search for a row of comment signatures, so the answer is kept
 * on the block (wn_iblock.dated): the blocks do not change while they
 * are scored. */
static int holds_date_or_time(const struct wn_iblock *ib)
{
	if (ib->dated == 0) {
		const struct wn_block *b = &ib->pub;
		char iso[WN_DATE_MAX];
		int dated = wn_date_find(b->text, b->len, 0, iso) || has_clock_time(b->text, b->len);
		((struct wn_iblock *)ib)->dated = (unsigned char)(dated ? 2 : 1);
	}
	return ib->dated == 2;
}

static int date_line(const struct wn_iblock *ib)
{
	return ib->pub.words <= DATE_LINE_WORDS && holds_date_or_time(ib);
}

/* A comment header with no date: a short line that ends "writes:",
 * "said:" ("by kb2041 (1234) writes:", "Maria says:", "Jacob said,"). */
static int header_line(const struct wn_block *b)
{
	static const char *const verbs[] = {" writes:", " wrote:", " says:", " said:", " says,", " said,",
	                                    " schreibt:", " schrieb:", " zegt:", " schreef:",
	                                    " dit :", " dit:", " a écrit :", " a écrit:",
	                                    " dice:", " escribió:", " scrive:", " diz:"};
	/* (Every verb ends in ':' or ','.) */
	if (b->words < 2 || b->words > 8 ||
	    (b->text[b->len - 1] != ':' && b->text[b->len - 1] != ','))
		return 0;
	for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; k++) {
		size_t n = strlen(verbs[k]);
		if (b->len > n && memcmp(b->text + b->len - n, verbs[k], n) == 0)
			return 1;
	}
	return 0;
}

/* The most words of a commenter's name standing over their comment
 * ("Jane Roe", "http://example.org/ Jane Roe"). */
#define NAME_WORDS 3

/* The block is a name, after the address of the person's site if any:
 * at most NAME_WORDS words, not a number's. */
static int name_shaped(const struct wn_block *b)
{
	const char *s = b->text, *e = b->text + b->len;
	if (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0 ||
	    strncmp(s, "www.", 4) == 0) {
		while (s < e && *s != ' ')
			s++;
	}
	unsigned words = 0;
	for (int gap = 1; s < e; s++) {
		words += gap && *s != ' ';
		gap = *s == ' ';
	}
	return words >= 1 && words <= NAME_WORDS && !(b->text[0] >= '0' && b->text[0] <= '9');
}

/*
 * A comment's signature: a short line that is no sentence and holds a
 * date or a time ("Posted by: Ellen at September 10, 2012 11:40 AM",
 * "Toni | 10/09/2012 at 12:11", "Jane Doe on 21 July 2012 said:", "by
 * kb2041 (1234) writes: on Tuesday July 24, @09:10AM"), a comment
 * header with none (header_line), or a name over its comment.  A full stop
 * inside ("at 7:53 pm. Reply") is allowed when the line does not end a
 * sentence.
 */
static int signature_shape(const struct wn_iblock *ib)
{
	const struct wn_block *b = &ib->pub;
	char last = b->len ? b->text[b->len - 1] : 0;
	int sentence = ib->sentences > 1 ||
	               (ib->sentences == 1 && (last == '.' || last == '!' || last == '?'));
	if (!sentence && header_line(b))
		return 1;
	/* A name over its comment, as lynx prints a list of comments
	 * ("* Jane Roe" and the comment under it); a numbered heading over
	 * its paragraph ("2. Easy to use") is the article's. */
	if (ib->heads_text && !sentence && name_shaped(b))
		return 1;
	/* A row of a table that holds dates is no signature. */
	return b->words >= 3 && b->words <= 16 && !sentence &&
	       !wn_has_box_drawing(b->text, b->len) &&
	       holds_date_or_time(ib);
}

/* ... that no rule took for something else ("Updated: 12 May 2012"). */
static int is_signature(const struct wn_iblock *ib)
{
	return !ib->rule_scope && signature_shape(ib);
}

/* Block i is article text of sentences: what comes before the comments
 * (a dateline or a run of menu words is not). */
static int sentence_text(const struct wn_page *pg, const enum judgement *j, size_t i)
{
	return j[i] == GOOD && pg->blocks[i].sentences > 0;
}

/* A rule of the comment family fired on block i. */
static int comment_rule(const struct wn_page *pg, size_t i)
{
	return wn_rule_family_is(&pg->blocks[i], "comment");
}

/*
 * Where the comments start inside the run [lo, hi): a thread is three
 * signatures or more, each after text of its own, that follows an
 * article holding more text than comments_share times an average
 * comment; it starts at the first signature (the article's own "Posted
 * by ... at ..." line heads the row).  hi when there is none.  A stream
 * of posts under dated headings (a blog's front page, a forum thread) is
 * no article with comments: its first post is no bigger than the others.
 * The signatures must come after article text, a block of sentences: a
 * dateline above the article is no comment, even under a line of menu
 * words run together.
 */
static size_t comments_start(const struct wn_page *pg, const enum judgement *j,
                             const struct wn_options *o, size_t lo, size_t hi)
{
	size_t first = hi, second = hi;
	unsigned n = 0;
	double article = 0, thread = 0;
	int text_seen = 0, text_since = 0;
	for (size_t i = lo; i < hi; i++) {
		const struct wn_iblock *ib = &pg->blocks[i];
		double good = j[i] == GOOD ? ib->pub.chars : 0;
		if (!text_seen) {
			text_seen = sentence_text(pg, j, i);
			article += good;
			continue;
		}
		if (is_signature(ib)) {
			if (n == 0 || text_since) {
				if (n == 0)
					first = i;
				else if (n == 1)
					second = i;
				n++;
			}
			text_since = 0;
		} else if (ib->pub.words > 0) {
			text_since = 1;
		}
		if (n == 0)
			article += good;
		else
			thread += good;
	}
	if (n < 3)
		return hi;
	/* A comment heading or counter that a rule knows ("Comments", "12
	 * responses") at the start of the row says comments outright: the
	 * article need only outweigh one average comment. */
	double share = o->text_comment_share;
	for (size_t i = first > lo + 2 ? first - 2 : lo; i < second; i++)
		if (comment_rule(pg, i))
			share = 1;
	return article > share * thread / n ? first : hi;
}

/* Blocks looked back over from a stretch for the comment rule before
 * it (after_comment_rule). */
#define COMMENT_RULE_LOOKBACK 4

/* The stretch at from starts right after a comment rule: a counter
 * ("{ 167 comments }") or a form, with nothing but other rules' lines
 * and empty lines between ("100 of 545 comments loaded", "You may like
 * to read:", "→"). */
static int after_comment_rule(const struct wn_page *pg, size_t from)
{
	for (size_t k = from, n = 0; k > 0 && n < COMMENT_RULE_LOOKBACK; k--, n++) {
		const struct wn_iblock *ib = &pg->blocks[k - 1];
		if (comment_rule(pg, k - 1))
			return 1;
		if (ib->pub.words > 0 && ib->rule_scope == 0)
			return 0;
	}
	return 0;
}

/*
 * The row of comment signatures in [from, to): how many signatures come
 * after text of their own (the first always counts), the first one in
 * *first (to when none), and in *text the article text from it on
 * (from_first) or from from.  ruled: a signature a rule took for
 * something else counts too.
 */
static unsigned signature_row(const struct wn_page *pg, const enum judgement *j, size_t from,
                              size_t to, int ruled, int from_first, size_t *first,
                              double *text)
{
	unsigned n = 0;
	int text_since = 1;
	*first = to;
	*text = 0;
	for (size_t i = from; i < to; i++) {
		const struct wn_iblock *ib = &pg->blocks[i];
		if (ruled ? signature_shape(ib) : is_signature(ib)) {
			if (*first == to)
				*first = i;
			n += text_since;
			text_since = 0;
		} else if (ib->pub.words > 0) {
			text_since = 1;
		}
		if ((!from_first || *first < to) && j[i] == GOOD)
			*text += ib->pub.chars;
	}
	return n;
}

/*
 * The stretch [from, to) after a comment rule (a counter "385 Comments",
 * a comment form) is a thread of comments: three signatures or more,
 * each with text of its own, and the article before the rule (weight)
 * outweighs share times an average comment.  A thread longer than the
 * article is still no article, nor are comments each longer than a short
 * post; a forum's posts, each many times as long as the first, are.
 */
static int thread_after(const struct wn_page *pg, const enum judgement *j, size_t from,
                        size_t to, double weight, double share)
{
	if (from > to || !after_comment_rule(pg, from))
		return 0;
	/* "Ann | November 9, 2012 12:13 AM | Reply" reads as a slug too:
	 * after a comment rule it is a signature. */
	size_t first;
	double thread;
	unsigned n = signature_row(pg, j, from, to, 1, 0, &first, &thread);
	return n >= 3 && weight > share * thread / n;
}

/* Blocks looked at under a comment heading for the thread it heads. */
#define COMMENT_HEAD_LOOKAHEAD 30
/* ... the first signature within this many blocks of it: a comment's
 * text and its signature, or the signature over the text. */
#define COMMENT_HEAD_FIRST 4

/* Block i is a comment heading a rule knows ("Comments", "Kommentare:")
 * over a thread: three signatures or more, each after text of its own,
 * in the COMMENT_HEAD_LOOKAHEAD blocks after it.  It ends the article as
 * a "rest" rule does. */
static int comment_heading(const struct wn_page *pg, const enum judgement *j, size_t i)
{
	if (pg->blocks[i].rule_scope != WN_SCOPE_BLOCK || !comment_rule(pg, i))
		return 0;
	size_t end = i + 1 + COMMENT_HEAD_LOOKAHEAD, first;
	double text;
	if (end > pg->nblocks)
		end = pg->nblocks;
	return signature_row(pg, j, i + 1, end, 0, 0, &first, &text) >= 3 &&
	       first <= i + COMMENT_HEAD_FIRST;
}

/* Blocks looked at under an author's heading for the paragraph that
 * names the person, and how far into that paragraph (bytes). */
#define BIO_LOOKAHEAD 4
#define BIO_NAME_BYTES 300
/* The most characters in the BIO_BLOCKS blocks under such a heading. */
#define BIO_BLOCKS 6
#define BIO_MAX_CHARS 1000

/* The heading of an author's box ("About Brigit Katz", a bio block rule)
 * over a paragraph that names the person within its first words, and
 * not over a life told at length: the article ends there, as under a
 * "rest" rule. */
static int bio_heading(const struct wn_page *pg, size_t i, const struct wn_options *o)
{
	const struct wn_iblock *ib = &pg->blocks[i];
	if (ib->rule_scope != WN_SCOPE_BLOCK || !wn_rule_family_is(ib, "bio") || ib->pub.words > 5)
		return 0;
	const char *name = strrchr(ib->pub.text, ' '); /* the surname */
	if (name == NULL || strlen(name + 1) < 3)
		return 0;
	name++;
	size_t n = strlen(name);
	/* A box is a paragraph or two, a life told over a page is content. */
	size_t chars = 0;
	for (size_t k = i + 1; k < pg->nblocks && k <= i + BIO_BLOCKS; k++)
		chars += pg->blocks[k].pub.chars;
	if (chars > BIO_MAX_CHARS)
		return 0;
	for (size_t k = i + 1; k < pg->nblocks && k <= i + BIO_LOOKAHEAD; k++) {
		const struct wn_block *b = &pg->blocks[k].pub;
		if (b->words < o->short_words)
			continue;
		size_t len = b->len < BIO_NAME_BYTES ? b->len : BIO_NAME_BYTES;
		return memmem(b->text, len, name, n) != NULL;
	}
	return 0;
}

/* Blocks looked at after the article's run (closing_lines). */
#define EDGE_BLOCKS 10

/* Block i may stand at the edge of the article: no junk, no chrome. */
static int edge_candidate(const struct wn_page *pg, const enum judgement *j, size_t i)
{
	const struct wn_iblock *ib = &pg->blocks[i];
	return j[i] != BAD && !ib->rule_scope && !ib->chrome;
}

/* A short sentence that may close the article. */
static int edge_sentence(const struct wn_iblock *ib, unsigned least_words)
{
	return ib->sentences > 0 && ib->pub.words >= least_words && !wn_title_case(&ib->pub);
}

/* Lines above a table's rows that introduce it ("Final standings after
 * 36 races:", a row of column names, a picture and its caption), their
 * most words, and the least rows of a table. */
#define TABLE_HEAD_LINES 4
#define TABLE_ROWS 3
#define TABLE_HEAD_WORDS 16

/* Most words of a row of a listing (listing_row). */
#define LISTING_ROW_WORDS 15

/* A row of a table or a listing: a row of figures, or a short line with
 * no sentence whose first or second word holds a figure (a date, a
 * number) and a dash between its columns ("June 9 -- PNC Music Pavilion,
 * Charlotte, NC", "1a etapa: 10 de março – Interlagos"). */
static int listing_row(const struct wn_iblock *ib)
{
	const struct wn_block *b = &ib->pub;
	if (number_row(b))
		return 1;
	if (ib->sentences > 0 || b->words < 2 || b->words > LISTING_ROW_WORDS)
		return 0;
	if (!strstr(b->text, " - ") && !strstr(b->text, " -- ") && !strstr(b->text, " \u2013 ") &&
	    !strstr(b->text, " \u2014 "))
		return 0;
	unsigned word = 0;
	for (size_t i = 0; i < b->len && word < 2; i++) {
		if (b->text[i] == ' ') {
			word++;
			continue;
		}
		if (b->text[i] >= '0' && b->text[i] <= '9')
			return 1;
	}
	return 0;
}

/* A text browser's line for a picture ("[IMG]", "[kyle-busch.jpg]"). */
static int picture_line(const struct wn_iblock *ib)
{
	return ib->chrome == WN_CHROME_IMAGE ||
	       (wn_rule_family_is(ib, "chrome") && ib->pub.text[0] == '[');
}

/* A table of figures right under the article's run, its rows (listing_row)
 * under at most TABLE_HEAD_LINES lines that introduce it (and pictures
 * with their captions): where it ends, or i when there is none. */
static size_t table_after(const struct wn_page *pg, const enum judgement *j, size_t i,
                          size_t end)
{
	size_t k = i;
	while (k < end && k < i + TABLE_HEAD_LINES &&
	       (picture_line(&pg->blocks[k]) ||
	        (edge_candidate(pg, j, k) && !listing_row(&pg->blocks[k]) &&
	         pg->blocks[k].pub.words <= TABLE_HEAD_WORDS)))
		k++;
	size_t rows = 0;
	for (; k < end && edge_candidate(pg, j, k) && listing_row(&pg->blocks[k]); k++)
		rows++;
	return rows >= TABLE_ROWS ? k : i;
}

/*
 * The short lines after the run [lo, *hi) that belong to the article: a
 * table of figures under it (table_after), then up to a closing sentence
 * ("Even two of these steps halve the noise."), with a checklist or a
 * sub-heading before it.  No junk, rule or chrome line on the way.
 */
static void closing_lines(const struct wn_page *pg, const enum judgement *j, size_t *hi,
                          size_t end)
{
	*hi = table_after(pg, j, *hi, end);
	size_t last = *hi;
	for (size_t i = *hi; i < end && i < *hi + EDGE_BLOCKS && edge_candidate(pg, j, i) &&
	                     !is_signature(&pg->blocks[i]);
	     i++)
		if (edge_sentence(&pg->blocks[i], 4))
			last = i + 1;
	*hi = last;
}

/* Most runs kept beside the article's own: each search is linear. */
#define EXTRA_RUNS 8

/* Comment signatures that make a run a thread of comments. */
#define THREAD_SIGNATURES 3

/* A byte of a word for bare_date: an ASCII letter, or a byte of a
 * character beyond ASCII. */
static int letter_byte(char c)
{
	unsigned char u = (unsigned char)c;
	return u >= 0x80 || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z');
}

/* The block is a date and nothing else but a weekday or a time of day
 * ("November 29, 2006", "Tuesday, 29.11.2006 10:04 am"): a post's
 * dateline on a page of posts, where a comment's signature names its
 * writer. */
static int bare_date(const struct wn_block *b)
{
	char iso[WN_DATE_MAX];
	size_t start, end;
	if (!wn_date_span(b->text, b->len, 0, iso, &start, &end))
		return 0;
	for (size_t i = 0; i < b->len;) {
		if (i == start) {
			i = end > start ? end : start + 1;
			continue;
		}
		if (!letter_byte(b->text[i])) {
			i++;
			continue;
		}
		size_t w = i;
		while (w < b->len && w != start && letter_byte(b->text[w]))
			w++;
		size_t k = w - i;
		int clock = (k == 2 && (strncasecmp(b->text + i, "am", 2) == 0 ||
		                        strncasecmp(b->text + i, "pm", 2) == 0 ||
		                        strncasecmp(b->text + i, "at", 2) == 0 ||
		                        strncasecmp(b->text + i, "um", 2) == 0)) ||
		            (k == 1 && (b->text[i] | 0x20) == 'h');
		if (!clock && !wn_date_word(b->text + i, k))
			return 0;
		i = w;
	}
	return 1;
}

/* A comment's signature with a date, a time or a verb of saying in it
 * ("Posted by: Bob | 10/09/2012 at 12:11", "Maria says:"), not a bare
 * dateline; a name alone over its text may be a list's heading. */
static int thread_signature(const struct wn_iblock *ib)
{
	const struct wn_block *b = &ib->pub;
	return signature_shape(ib) && (holds_date_or_time(ib) || header_line(b)) && !bare_date(b);
}

/* [from, to) holds THREAD_SIGNATURES comment signatures or more
 * ("2. Ann, on November 7th, 2012 //", "Posted by: Bob | 10/09/2012 at
 * 12:11"), as thread_signature reads them. */
static int holds_thread(const struct wn_page *pg, size_t from, size_t to)
{
	unsigned n = 0;
	for (size_t i = from; i < to && n < THREAD_SIGNATURES; i++)
		n += thread_signature(&pg->blocks[i]);
	return n >= THREAD_SIGNATURES;
}

/*
 * Marks in in[] the runs of [from, to) that weigh at least share times
 * the article's run: parts of the article that boilerplate too heavy
 * to bridge cut off from the rest, and on a page of several texts (a
 * front page, a portal), the others.  At most *left more runs.
 */
static void extra_runs(const struct wn_page *pg, const enum judgement *j, const double *w,
                       size_t from, size_t to, double least, unsigned char *in, unsigned *left)
{
	/* Each part left to search; a stack of at most EXTRA_RUNS + 1. */
	size_t parts[2 * (EXTRA_RUNS + 2)], n = 0;
	parts[n++] = from;
	parts[n++] = to;
	while (n > 0 && *left > 0) {
		size_t b = parts[--n], a = parts[--n], x, y;
		if (a >= b || best_run(w, a, b, &x, &y) < least || x >= y)
			continue;
		/* A run with the signatures of comments in it (and the line
		 * above it, the first comment's) is a thread, not the rest of
		 * the article: it stays out, and so does all of it. */
		if (holds_thread(pg, x > a ? x - 1 : x, y)) {
			memset(in + x, WN_TEXT_THREAD, y - x);
		} else {
			/* The run's table (table_after) comes with it. */
			size_t t = table_after(pg, j, y, b);
			memset(in + x, WN_TEXT_IN, t - x);
		}
		--*left;
		parts[n++] = a;
		parts[n++] = x;
		parts[n++] = y;
		parts[n++] = b;
	}
}

/* Blocks looked at above the article's run for its lead (lead_above). */
#define LEAD_GAP_BLOCKS 4

/*
 * The lead above a photo: a paragraph of article text right above the
 * run, cut off from it by a picture's caption and credit (a credit rule
 * says there is one) and a sub-heading, which stay out.  Marks it in
 * in[].
 */
static void lead_above(const struct wn_page *pg, const enum judgement *j, size_t lo,
                       unsigned char *in)
{
	int credit = 0;
	size_t i = lo;
	for (size_t n = 0; i > 0 && n < LEAD_GAP_BLOCKS; n++) {
		const struct wn_iblock *ib = &pg->blocks[i - 1];
		if (wn_rule_family_is(ib, "credit"))
			credit = 1;
		else if (j[i - 1] != NEUTRAL || ib->rule_scope || ib->chrome ||
		         ib->pub.kind == WN_BLOCK_LIST_ITEM)
			break;
		i--;
	}
	if (!credit || i == 0 || i == lo)
		return;
	const struct wn_iblock *lead = &pg->blocks[i - 1];
	if (j[i - 1] == GOOD && !lead->rule_scope && lead->sentences > 0 &&
	    (i < 2 || j[i - 2] != GOOD))
		in[i - 1] = WN_TEXT_IN;
}

/* The headings of a recipe's parts that are content though they are
 * lists of short lines, in the languages the rules cover. */
static const char *const ingredient_headings[] = {
    "ingredients", "zutaten",   "ingrédients", "ingredientes", "ingredienti",
    "ingrediënten", "składniki", "suroviny",    "ingredienser", "ainekset", "malzemeler"};
static const char *const nutrition_headings[] = {
    "nutrition", "nutrition facts", "nutritional information", "nährwerte", "nährwertangaben",
    "valeurs nutritionnelles", "información nutricional", "valori nutrizionali",
    "informação nutricional", "voedingswaarde", "voedingswaarden"};

/* Blocks looked at between a recipe's ingredients and its steps, and
 * the most lines of ingredients or of nutrition values. */
#define RECIPE_GAP_BLOCKS 4
#define RECIPE_LINES 60

/* The block is one of the headings: the word or words themselves, then
 * nothing or a few words ("Ingredients for 4 people", "Nutrition per
 * portion"), or a colon. */
static int recipe_heading(const struct wn_block *b, const char *const *list, size_t n)
{
	if (b->words == 0 || b->words > 5)
		return 0;
	for (size_t k = 0; k < n; k++) {
		size_t m = strlen(list[k]);
		if (b->len >= m && strncasecmp(b->text, list[k], m) == 0 &&
		    (b->len == m || b->text[m] == ' ' || b->text[m] == ':'))
			return 1;
	}
	return 0;
}

/* A line of a recipe's list, a few words: a quantity first and what of
 * ("100 g flour", "½ cup milk"; first), or a value in it ("Energy 320
 * kcal"). */
static int quantity_line(const struct wn_iblock *ib, int first)
{
	const struct wn_block *b = &ib->pub;
	if (b->words == 0 || b->words > 12 || ib->sentences > 1 || ib->chrome)
		return 0;
	unsigned char c = (unsigned char)b->text[0];
	unsigned char c1 = b->len > 1 ? (unsigned char)b->text[1] : 0;
	unsigned char c2 = b->len > 2 ? (unsigned char)b->text[2] : 0;
	if (first)
		return b->words >= 2 && !ib->rule_scope &&
		       ((c >= '0' && c <= '9') || (c == 0xC2 && c1 >= 0xBC && c1 <= 0xBE) /* ¼ ½ ¾ */ ||
		        (c == 0xE2 && c1 == 0x85 && c2 >= 0x90 && c2 <= 0x9E)); /* ⅓ ⅔ ⅛ ... */
	for (size_t i = 0; i < b->len; i++)
		if (b->text[i] >= '0' && b->text[i] <= '9')
			return b->words <= 6;
	return 0;
}

/*
 * A recipe's ingredients above the run of its steps, and its nutrition
 * values below: a heading from the lists above, then its lines, each a
 * quantity or a value (a list of short lines, which the run leaves
 * out).  Marks them WN_TEXT_RECIPE in in[] (score.c keeps them); a line that a rule
 * took stays out.
 */
static void recipe_parts(const struct wn_page *pg, size_t lo, size_t hi, unsigned char *in)
{
	/* Above: back over a gap of short lines ("Preparation", "1"), then
	 * over the ingredients to their heading. */
	size_t i = lo;
	for (size_t n = 0; i > 0 && n < RECIPE_GAP_BLOCKS && !quantity_line(&pg->blocks[i - 1], 1) &&
	                   pg->blocks[i - 1].pub.words <= 3;
	     n++)
		i--;
	size_t end = i;
	while (i > 0 && end - i < RECIPE_LINES && quantity_line(&pg->blocks[i - 1], 1))
		i--;
	if (i < end && i > 0 &&
	    recipe_heading(&pg->blocks[i - 1].pub, ingredient_headings,
	                   sizeof ingredient_headings / sizeof ingredient_headings[0]))
		for (size_t k = i - 1; k < lo; k++)
			if (!pg->blocks[k].rule_scope && !in[k])
				in[k] = WN_TEXT_RECIPE;
	/* Below: the nutrition heading right after the run, then values. */
	if (hi < pg->nblocks &&
	    recipe_heading(&pg->blocks[hi].pub, nutrition_headings,
	                   sizeof nutrition_headings / sizeof nutrition_headings[0])) {
		size_t k = hi + 1;
		while (k < pg->nblocks && k - hi <= RECIPE_LINES && quantity_line(&pg->blocks[k], 0))
			k++;
		for (size_t m = hi; k > hi + 1 && m < k; m++)
			if (!pg->blocks[m].rule_scope)
				in[m] = WN_TEXT_RECIPE;
	}
}

/*
 * The run chosen lies in a thread of comments that follows the article:
 * a row of three signatures or more, each after text of its own, starts
 * at or before the run, and before the row there is a run of article
 * text weighing more than thread_share times an average comment.  Then
 * that run is the article (a story with a hundred comments under it, as
 * a text browser prints Slashdot or a blog).  Returns 1 and sets
 * [*lo, *hi) to it.
 */
static int article_before_thread(const struct wn_page *pg, const enum judgement *j,
                                 const double *w, double share, size_t from, size_t end,
                                 size_t *lo, size_t *hi)
{
	size_t first, a, b, text = from;
	double thread;
	unsigned n = signature_row(pg, j, from, end, 0, 1, &first, &thread);
	/* A signature above the article's first block of sentences is its
	 * dateline: the row after the article is a thread only when a
	 * comment rule ("Comments (186)") stands between them. */
	while (text < end && !sentence_text(pg, j, text))
		text++;
	if (first < text && text < end) {
		n = signature_row(pg, j, text + 1, end, 0, 1, &first, &thread);
		int ruled = 0;
		for (size_t i = text; i < first && !ruled; i++)
			ruled = comment_rule(pg, i);
		if (!ruled)
			return 0;
	}
	if (n < 3 || first > *lo || first <= from)
		return 0;
	double article = best_run(w, from, first, &a, &b);
	if (a >= b || article <= share * thread / n)
		return 0;
	*lo = a;
	*hi = b;
	return 1;
}

/* Blocks a "Related" box inside the article may hold before the
 * article's text goes on, and the least share of article text (percent
 * of the lines) in the run after it. */
#define RELATED_GAP_BLOCKS 8
#define RESUMED_PROSE_PERCENT 60

/* Least items of a list of headlines under a "Related" heading. */
#define RELATED_LIST_ITEMS 2

/* Most such boxes on a page. */
#define MAX_BOXES 8

/*
 * The "rest" rule at i, the end of the stretch from from, is the heading
 * of a "Related articles" box inside the article, not the end of it:
 * after the box's headlines (a few short lines, or a list of them) and
 * within RELATED_GAP_BLOCKS, a run of prose starts that weighs at least
 * share times the article's run before the box, mostly paragraphs of
 * article text (not teasers under headlines of their own), before the
 * next rest rule.  Returns where the article goes on, 0 when it does not.
 */
static size_t related_box(const struct wn_page *pg, const enum judgement *j, const double *w,
                          size_t from, size_t i, double share)
{
	if (!wn_rule_family_is(&pg->blocks[i], "related"))
		return 0;
	/* The stretch after the box ends at the next rest rule, but not at
	 * the heading of a second box right under the first ("Related" over
	 * three headlines, twice). */
	size_t next = i + 1, box = i, a, b, x, y;
	unsigned chained = 0; /* at most MAX_BOXES: each call reads a bounded chain */
	while (next < pg->nblocks &&
	       (pg->blocks[next].rule_scope != WN_SCOPE_REST ||
	        (next - box <= RELATED_GAP_BLOCKS && chained < MAX_BOXES &&
	         wn_rule_family_is(&pg->blocks[next], "related")))) {
		if (pg->blocks[next].rule_scope == WN_SCOPE_REST) {
			box = next;
			chained++;
		}
		next++;
	}
	/* The box's headlines as a list: the gap is counted after it, and
	 * a paragraph between the list and the run is no teaser. */
	size_t list_end = i + 1;
	unsigned items = 0;
	while (list_end < next && list_end - i <= RELATED_GAP_BLOCKS &&
	       (pg->blocks[list_end].pub.kind == WN_BLOCK_LIST_ITEM ||
	        pg->blocks[list_end].pub.words == 0)) {
		items += pg->blocks[list_end].pub.kind == WN_BLOCK_LIST_ITEM;
		list_end++;
	}
	int listed = items >= RELATED_LIST_ITEMS;
	size_t start = listed ? list_end : i + 1;
	double after = best_run(w, start, next, &a, &b);
	double before = best_run(w, from, i, &x, &y);
	if (a >= b || a < i + 2 || a - (listed ? list_end : i) > RELATED_GAP_BLOCKS ||
	    before <= 0 || after < share * before)
		return 0;
	/* A teaser's paragraph right under the heading (a long headline in
	 * the box's list is none). */
	for (size_t k = i + 1; k < (listed ? start : a); k++)
		if (j[k] == GOOD && !pg->blocks[k].rule_scope &&
		    !(listed && pg->blocks[k].pub.kind == WN_BLOCK_LIST_ITEM))
			return 0;
	unsigned good = 0, lines = 0;
	for (size_t k = a; k < b; k++) {
		/* Captions and credits that rules know are neither. */
		lines += pg->blocks[k].pub.words > 0 && !pg->blocks[k].rule_scope;
		good += j[k] == GOOD;
	}
	return good * 100 >= lines * RESUMED_PROSE_PERCENT ? a : 0;
}

int wn_text_region(struct wn_page *pg, const enum judgement *j, const struct wn_options *o,
                   size_t *lo, size_t *hi, size_t *closing, size_t *cut, unsigned char *in)
{
	double *w = wn_pool_alloc(pg->pool, (pg->nblocks ? pg->nblocks : 1) * sizeof *w);
	if (w == NULL)
		return -1;
	run_weights(pg, j, o, w);
	/* The stretches between "rest" rules, each with its best run.  A
	 * rule before any article text is only a block rule: it starts no
	 * stretch, nor does a "Related" box the article goes on after. */
	double most = 0, first = -1;
	size_t first_gap = 0; /* blocks between the first stretch's run and its end */
	size_t from = 0, pick_from = 0, pick_lo = 0, pick_hi = 0, pick_end = pg->nblocks;
	double seen_chars = 0; /* article text before block i (chars) */
	size_t boxes[MAX_BOXES][2], nboxes = 0; /* "Related" boxes inside the article */
	*lo = *hi = 0;
	for (size_t i = 0; i <= pg->nblocks; i++) {
		int ends = i == pg->nblocks ||
		           (pg->blocks[i].rule_scope == WN_SCOPE_REST && seen_chars > 0) ||
		           (seen_chars >= o->text_comment_head_after &&
		            (comment_heading(pg, j, i) || bio_heading(pg, i, o)));
		if (i < pg->nblocks && j[i] == GOOD && pg->blocks[i].rule_scope < WN_SCOPE_BLOCK)
			seen_chars += pg->blocks[i].pub.chars;
		size_t resume = ends && i < pg->nblocks && o->text_resume_share > 0 && nboxes < MAX_BOXES
		                    ? related_box(pg, j, w, from, i, o->text_resume_share)
		                    : 0;
		if (resume) {
			/* The run goes on over the box, which stays out. */
			for (size_t k = i; k < resume; k++)
				w[k] = 0;
			boxes[nboxes][0] = i;
			boxes[nboxes++][1] = resume;
			ends = 0;
		}
		if (!ends)
			continue;
		size_t a, b;
		double weight = best_run(w, from, i, &a, &b);
		/* The first stretch keeps the article unless a later one holds
		 * far more: the comments after a comment form rarely outweigh
		 * the article, the article under a "Related stories" box that
		 * stands above it always outweighs the caption before it. */
		if (first < 0) {
			first = weight;
			first_gap = i - b;
			most = weight;
			pick_from = from, pick_lo = a, pick_hi = b, pick_end = i;
		} else if (weight > most) {
			int after_comments = after_comment_rule(pg, from);
			if (!thread_after(pg, j, from, i, first, o->text_counted_thread_share) &&
			    !(after_comments && first >= o->text_article_min)) {
				most = weight;
				/* A blurb far above the first rule (a tagline over
				 * the menus) gives way to any heavier text but
				 * comments. */
				int blurb = first < o->text_blurb_chars && first_gap >= o->text_blurb_gap &&
				            !after_comments && !holds_thread(pg, from, i);
				if (weight > (blurb ? o->text_blurb_share : o->text_later_share) * first)
					pick_from = from, pick_lo = a, pick_hi = b, pick_end = i;
			}
		}
		from = i + 1;
	}
	if (o->text_thread_share > 0 &&
	    article_before_thread(pg, j, w, o->text_thread_share, pick_from, pick_end, &pick_lo,
	                          &pick_hi))
		pick_end = pick_hi; /* nothing of the thread comes back as an extra run */
	*lo = pick_lo;
	*hi = comments_start(pg, j, o, pick_lo, pick_hi);
	*cut = pick_end;
	*closing = *hi;
	if (*hi == pick_hi) /* not into the comments */
		closing_lines(pg, j, hi, pick_end);
	memset(in, 0, pg->nblocks);
	memset(in + *lo, WN_TEXT_IN, *hi - *lo);
	size_t a, b;
	double main_w = best_run(w, *lo, *hi, &a, &b);
	unsigned left = EXTRA_RUNS;
	if (o->text_extra_share > 0 && main_w > 0) {
		extra_runs(pg, j, w, pick_from, *lo, o->text_extra_share * main_w, in, &left);
		if (*hi == pick_hi) /* not into the comments */
			extra_runs(pg, j, w, *hi, pick_end, o->text_extra_share * main_w, in, &left);
	}
	wn_pool_release(pg->pool, w);
	for (size_t k = 0; k < nboxes; k++)
		memset(in + boxes[k][0], 0, boxes[k][1] - boxes[k][0]);
	for (size_t k = 0; k < pg->nblocks; k++)
		if (dialog_text(pg, k))
			in[k] = WN_TEXT_DIALOG;
	lead_above(pg, j, *lo, in);
	recipe_parts(pg, *lo, *hi, in);
	find_text_title(pg, j, *lo);
	size_t dek = standfirst_above(pg, j, o, *lo);
	if (dek < *lo)
		in[dek] = WN_TEXT_STANDFIRST;
	return 0;
}
