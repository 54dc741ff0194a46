/*
 * byline.c - the last sources of metadata: what a reader sees.  After the
 * blocks are scored, the headline gives the title when the markup gave
 * none (and the site name is cut from a "Headline | Site" title), a
 * byline ("By Jane Doe and John Roe") gives the author, and a date line
 * ("Published 12 March 2019", "Stand: 12.03.2019") the date.  The same
 * code reads scraped text, which has no markup at all.  Then the public
 * struct wn_metadata is filled in.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <gumbo.h>

#include "date.h"
#include "page.h"
#include "url.h"

/* Words that start a byline, with their trailing space; lower case. */
static const char *const by_words[] = {
	"by ", "written by ", "posted by ", "words by ", "story by ", "author: ",
	"authors: ", "von ", "autor: ", "autorin: ", "text: ", "par ", "auteur : ",
	"auteur: ", "por ", "di ", "door ", "av ", "af ", "por: ", "autore: ",
};

/* More of them, for the metadata alone (the scorer reads bylines with
 * the words above). */
static const char *const by_words_more[] = {
	"текст: ", "Текст: ", "автор: ", "Автор: ",
};

/* Words that are no part of a name: labels, the text of links beside a
 * byline ("View Profile", "Tweet"); lower case. */
static const char *const not_names[] = {
	"updated", "last", "posted", "published", "comments", "comment", "view", "profile",
	"share", "tweet", "email", "e-mail", "more", "articles", "video", "admin", "follow",
	"print", "reply", "read", "google", "twitter", "facebook", "rss", "subscribe",
	"permalink", "website", "homepage", "contact", "bio", "home", "about", "menu",
	"search", "login", "sign",
};

/* Words that follow "By" in a menu, not a user's name ("By subject"). */
static const char *const by_what[] = {
	"subject", "date", "category", "author", "topic", "state", "name", "title", "tag",
	"tags", "month", "year", "type", "popularity", "rating", "relevance", "default",
	"email", "phone", "mail", "post", "clicking", "signing", "using", "continuing",
	"submitting", "checking", "entering", "the", "our", "far", "now", "way", "then",
};

/* Words that say what a name's bearer does ("Tom Krisher, AP Auto Writer",
 * "CNN Political Reporter Shannon Travis"); lower case. */
static const char *const roles[] = {
	"writer", "reporter", "editor", "correspondent", "director", "columnist",
	"contributor", "producer", "analyst", "redakteur", "redakteurin", "journalist",
	"rédacteur", "rédactrice", "redactor", "redattore",
};

/* Names after a byline's first that are a credential or who the author
 * works for, not a second author ("Rachael Link, MS, RD", "Jill Disis,
 * CNN Business", "Lisa Mascaro and Eric Tucker, Associated Press"). */
static const char *const affiliations[] = {
	"ms", "rd", "phd", "ph.d", "md", "ma", "rn", "mph", "cpa", "msc", "bsc", "mba",
	"associated press", "ap", "reuters", "afp", "dpa", "pti", "cnn", "cnn business",
	"bbc news", "press trust of india", "staff", "staff writer",
};

static int is_word_of(const char *w, size_t k, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == k && strncasecmp(w, list[i], k) == 0)
			return 1;
	return 0;
}

/* The length of the word at s (up to a space, comma or the end n). */
static size_t word_len(const char *s, size_t n)
{
	size_t k = 0;
	while (k < n && s[k] != ' ' && s[k] != ',' && s[k] != ';')
		k++;
	return k;
}

/* Words that say a line holds the page's date. */
static const char *const date_words[] = {
	"published", "posted", "updated", "last updated", "last modified", "date",
	"veröffentlicht", "aktualisiert", "stand", "datum", "publié", "mis à jour",
	"publicado", "actualizado", "fecha", "pubblicato", "aggiornato", "gepubliceerd",
	"released", "release date", "revised", "version", "release", "generated on",
	"revision",
};

/* Words that say a line's date is of the last change, unless a word of
 * the publication comes first ("Published 3 May, updated 4 May"). */
static const char *const update_words[] = {
	"updated", "last modified", "modified", "aktualisiert", "geändert", "mis à jour",
	"modifié", "actualizado", "modificado", "aggiornato", "bijgewerkt", "revised",
	"stand",
};
static const char *const publish_words[] = {
	"published", "posted", "veröffentlicht", "publié", "publicado", "pubblicato",
	"gepubliceerd", "erschienen", "first published",
};

/* Words before a date that is not the page's: a citation's access date,
 * a copyright notice, a cookie banner, the date a comment was written. */
static const char *const other_date_words[] = {
	"retrieved", "accessed", "abgerufen", "consulté", "consultado", "consultato",
	"geraadpleegd", "©", "copyright ©", "copyright (c)", "(c) 1", "(c) 2",
	"all rights reserved", "cookie", "says:", "said:", "wrote:", "reply", "schrieb",
	"a écrit",
};

/* value (already normalised, in the pool) for field f, when nothing more
 * trusted gave it; a date after tomorrow is none. */
static void set_text_field(struct wn_page *pg, enum wn_meta_field f, const char *value)
{
	if (pg->meta.rank[f] <= WN_RANK_TEXT || value == NULL || *value == '\0')
		return;
	if ((f == WN_MF_DATE || f == WN_MF_DATE_MODIFIED) && wn_date_future(value, pg->last_day))
		return;
	const char *v = wn_normalise(pg, value, strlen(value));
	if (v && *v) {
		pg->meta.val[f] = v;
		pg->meta.rank[f] = WN_RANK_TEXT;
	}
}

/* Where a byline's names end: a date, a place, a separator, a label or
 * the text of a link beside it ("View Profile"). */
static size_t names_end(const char *s, size_t n, int careful)
{
	static const char *const stops[] = {" | ", " - ", " – ", " — ", " · ", " • ", ", ",
	                                    " on ", " am ", " le ", " el ", " il ", " op ",
	                                    " published", " updated", " posted", "(", "\n", "<",
	                                    "@",
	                                    /* careful only: */
	                                    " in ", " at ", " / ", "／"};
	size_t end = n, nstops = sizeof stops / sizeof stops[0] - (careful ? 0 : 4);
	for (size_t i = 0; i < nstops; i++) {
		size_t k = strlen(stops[i]);
		for (size_t j = 0; j + k <= end; j++)
			if (strncasecmp(s + j, stops[i], k) == 0) {
				/* ", " separates two names too: "A, B and C" */
				if (strcmp(stops[i], ", ") == 0 && j + k < n &&
				    (isupper((unsigned char)s[j + k]) ||
				     (careful && strncmp(s + j + k, "and ", 4) == 0)))
					continue;
				/* initials or a nickname inside a name: "Anna (A.J.)
				 * Meyer" */
				const char *close = careful && s[j] == '(' ? memchr(s + j, ')', n - j) : NULL;
				if (close && close - (s + j) <= 12 && close + 2 < s + n &&
				    close[1] == ' ' && isupper((unsigned char)close[2]))
					continue;
				end = j;
				break;
			}
	}
	/* a number ends them, but not inside a user's name: "kb2041" */
	for (size_t j = 0, word = 0; j < end; j++) {
		if (s[j] == ' ')
			word = j + 1;
		if (isdigit((unsigned char)s[j]) && (!careful || !isalpha((unsigned char)s[word]))) {
			end = j;
			break;
		}
	}
	/* a label or a link's text, and the month or weekday of a date
	 * ("Jeff Foust Monday, November 18") */
	for (size_t j = 0; careful && j < end;) {
		while (j < end && (s[j] == ' ' || s[j] == ','))
			j++;
		size_t k = word_len(s + j, end - j), w = k;
		while (w && (s[j + w - 1] == ':' || s[j + w - 1] == '.'))
			w--; /* "Updated:" */
		if (k && (is_word_of(s + j, w, not_names, sizeof not_names / sizeof not_names[0]) ||
		          (j > 0 && wn_date_word(s + j, w)))) {
			end = j;
			break;
		}
		j += k ? k : 1;
	}
	while (end && (s[end - 1] == ' ' || s[end - 1] == ','))
		end--;
	return end;
}

/* A name: one to five words, each starting with a capital letter (or a
 * non-ASCII letter), particles such as "van" and "de" allowed. */
static int looks_like_name(const char *s, size_t n, int careful)
{
	static const char *const particles[] = {"van", "von", "de", "der", "den", "da",
	                                        "di", "du", "del", "la", "le", "bin", "al"};
	unsigned words = 0;
	size_t i = 0;
	while (i < n) {
		while (i < n && s[i] == ' ')
			i++;
		if (i >= n)
			break;
		size_t start = i;
		while (i < n && s[i] != ' ')
			i++;
		words++;
		unsigned char c = (unsigned char)s[start];
		if (careful && c == '(' && i - start > 1) /* "(A.J.)" */
			c = (unsigned char)s[start + 1];
		if (isupper(c) || c >= 0x80)
			continue;
		int particle = 0;
		for (size_t k = 0; k < sizeof particles / sizeof particles[0]; k++)
			if (strlen(particles[k]) == i - start &&
			    strncmp(s + start, particles[k], i - start) == 0)
				particle = 1;
		if (!particle)
			return 0;
	}
	if (careful && words == 1 && n <= 4) { /* "AS", "PMJS": an acronym */
		size_t caps = 0;
		for (size_t k = 0; k < n; k++)
			caps += isupper((unsigned char)s[k]) != 0;
		if (caps == n)
			return 0;
	}
	return words >= 1 && words <= 5;
}

/* s (n bytes) is an agency, a credential or the site's name. */
static int affiliation(const char *site, const char *s, size_t n)
{
	return is_word_of(s, n, affiliations, sizeof affiliations / sizeof affiliations[0]) ||
	       (*site && strlen(site) == n && strncasecmp(s, site, n) == 0);
}

int wn_byline_affiliation(struct wn_page *pg, const char *name)
{
	return affiliation(pg->meta.val[WN_MF_SITENAME], name, strlen(name));
}

/* s (n bytes) is initials only: "A.", "A.J.", "A. J." */
static int initials(const char *s, size_t n)
{
	size_t i = 0, count = 0;
	while (i < n) {
		if (s[i] == ' ') {
			i++;
			continue;
		}
		if (i + 1 >= n || !isupper((unsigned char)s[i]) || s[i + 1] != '.')
			return 0;
		i += 2;
		count++;
	}
	return count > 0;
}

/* A user's name: one or two words of lower-case letters and digits
 * ("kb2041", "red clay"), none of them a word of a menu ("by subject"). */
static int user_name(const char *s, size_t n)
{
	if (n < 2 || n > 30)
		return 0;
	unsigned words = 0;
	for (size_t i = 0; i < n;) {
		size_t k = word_len(s + i, n - i);
		if (k == 0 || is_word_of(s + i, k, not_names, sizeof not_names / sizeof not_names[0]) ||
		    is_word_of(s + i, k, by_what, sizeof by_what / sizeof by_what[0]))
			return 0;
		for (size_t j = i; j < i + k; j++)
			if (!islower((unsigned char)s[j]) && !isdigit((unsigned char)s[j]) && s[j] != '_')
				return 0;
		words++;
		i += k;
		if (i < n && s[i] != ' ')
			return 0;
		while (i < n && s[i] == ' ')
			i++;
	}
	return words >= 1 && words <= 2;
}

/* Where the first role word in s (n bytes) starts, with its length in
 * *len ("Editor:"); n when there is none. */
static size_t role_at(const char *s, size_t n, size_t *len)
{
	for (size_t j = 0; j < n;) {
		size_t k = word_len(s + j, n - j), w = k;
		while (w && s[j + w - 1] == ':')
			w--;
		if (w && is_word_of(s + j, w, roles, sizeof roles / sizeof roles[0])) {
			*len = k;
			return j;
		}
		j += k + 1;
	}
	return n;
}

/* A name with its role: "CNN Political Reporter Shannon Travis" is
 * Shannon Travis, "Phil Nickinson Editor in Chief" and "Eric Reynolds
 * Editor: Angela Bowey" are Phil Nickinson and Eric Reynolds; [*from,
 * *to) gets the name. */
static void strip_role(const char *s, size_t *from, size_t *to)
{
	size_t len, at = role_at(s + *from, *to - *from, &len);
	if (at == *to - *from)
		return;
	size_t after = *from + at + len;
	while (after < *to && s[after] == ' ')
		after++;
	/* "Editor:" labels the next name; "Reporter" comes before its own */
	int label = s[*from + at + len - 1] == ':';
	if (!label && after < *to && looks_like_name(s + after, *to - after, 1)) {
		*from = after;
		return;
	}
	if (at > 0 && looks_like_name(s + *from, at - 1, 1))
		*to = *from + at - 1;
}

/* Appends the names of "A, B and C" to out as "A; B; C"; 0 when one of
 * them is not a name.  An inverted name stays whole ("Meyer, A."); a
 * role or an employer after the names ends them ("Tom Krisher, AP Auto
 * Writer"); a single user's name is one. */
static int split_names(struct wn_page *pg, const char *s, size_t n, struct wn_buf *out,
                       int careful)
{
	static const char *const joins[] = {", ", " and ", " & ", " und ", " et ", " y ",
	                                    " e ", " en ", " och ", " og "};
	const char *site = pg->meta.val[WN_MF_SITENAME];
	size_t i = 0, count = 0;
	while (careful && n && (s[n - 1] == ' ' || s[n - 1] == ','))
		n--;
	if (careful && user_name(s, n)) {
		wn_buf_put(out, s, n);
		return !out->failed;
	}
	while (i < n) {
		size_t end = n, skip = 0;
		for (size_t k = 0; k < sizeof joins / sizeof joins[0]; k++) {
			size_t len = strlen(joins[k]);
			for (size_t j = i; j + len <= end; j++)
				if (strncmp(s + j, joins[k], len) == 0) {
					/* "Meyer, A." is one name */
					size_t after = j + len, to = after;
					while (to < n && (isupper((unsigned char)s[to]) || s[to] == '.' ||
					                  s[to] == ' '))
						to++;
					while (to > after && s[to - 1] == ' ')
						to--;
					if (careful && len == 2 && initials(s + after, to - after) &&
					    (to == n || s[to] == ' ' || s[to] == ','))
						continue;
					end = j;
					skip = len;
					break;
				}
		}
		size_t from = i, to = end, len;
		if (careful && from + 4 <= to && strncmp(s + from, "and ", 4) == 0)
			from += 4; /* "A, B, and C" */
		if (careful && count &&
		    (role_at(s + from, to - from, &len) < to - from ||
		     affiliation(site, s + from, to - from)))
			break; /* what the authors do, or whom they write for */
		if (careful)
			strip_role(s, &from, &to);
		if (!looks_like_name(s + from, to - from, careful))
			return 0;
		if (count++)
			wn_buf_puts(out, "; ");
		wn_buf_put(out, s + from, to - from);
		i = end + skip;
		if (skip == 0)
			break;
	}
	return count > 0 && !out->failed;
}

/* A label block: "Author:", "Authors", "Date:" ...  1 author, 2 date. */
static int field_label(const char *t, size_t n)
{
	static const char *const authors[] = {"author", "authors", "autor", "autoren", "auteur",
	                                      "auteurs", "autore", "autori", "by", "written by"};
	static const char *const dates[] = {"date", "datum", "fecha", "data", "published",
	                                    "veröffentlicht", "publié"};
	while (n && (t[n - 1] == ':' || t[n - 1] == ' '))
		n--;
	for (size_t k = 0; k < sizeof authors / sizeof authors[0]; k++)
		if (strlen(authors[k]) == n && strncasecmp(t, authors[k], n) == 0)
			return 1;
	for (size_t k = 0; k < sizeof dates / sizeof dates[0]; k++)
		if (strlen(dates[k]) == n && strncasecmp(t, dates[k], n) == 0)
			return 2;
	return 0;
}

/* wn_byline_names and wn_byline_authors; careful: the metadata's
 * reading, which keeps names whole and leaves labels, roles and
 * employers out. */
static const char *byline_names(struct wn_page *pg, const char *text, size_t len, int need_by,
                                int careful)
{
	if (len > 160)
		return NULL;
	size_t w = 0;
	for (size_t k = 0; k < sizeof by_words / sizeof by_words[0]; k++) {
		size_t n = strlen(by_words[k]);
		if (len > n && strncasecmp(text, by_words[k], n) == 0) {
			w = n;
			break;
		}
	}
	for (size_t k = 0; careful && w == 0 && k < sizeof by_words_more / sizeof by_words_more[0];
	     k++) {
		size_t n = strlen(by_words_more[k]);
		if (len > n && strncmp(text, by_words_more[k], n) == 0)
			w = n;
	}
	if (w == 0 && need_by)
		return NULL;
	if (field_label(text, len))
		return NULL; /* "Author" is no author's name */
	const char *s = text + w;
	size_t n = names_end(s, len - w, careful);
	/* a full stop ends the line, unless it ends an initial ("Meyer, A.") */
	while (n && (s[n - 1] == ' ' ||
	             (s[n - 1] == '.' && !(careful && n >= 3 && isupper((unsigned char)s[n - 2]) &&
	                                   (s[n - 3] == ' ' || s[n - 3] == '.')))))
		n--;
	struct wn_buf names = WN_BUF_INIT;
	const char *r = NULL;
	if (n && split_names(pg, s, n, &names, careful))
		r = wn_normalise(pg, names.data, names.size);
	wn_buf_free(&names);
	return r;
}

const char *wn_byline_names(struct wn_page *pg, const char *text, size_t len, int need_by)
{
	return byline_names(pg, text, len, need_by, 0);
}

const char *wn_byline_authors(struct wn_page *pg, const char *text, size_t len, int need_by)
{
	return byline_names(pg, text, len, need_by, 1);
}

/* Where the first of words occurs in the first 64 bytes of text (ASCII
 * case folded), or -1. */
static int word_at(const char *text, size_t len, const char *const *words, size_t nwords)
{
	char low[64];
	size_t n = len < sizeof low - 1 ? len : sizeof low - 1;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)text[i]);
	low[n] = '\0';
	int at = -1;
	for (size_t k = 0; k < nwords; k++) {
		const char *p = strstr(low, words[k]);
		if (p && (at < 0 || p - low < at))
			at = (int)(p - low);
	}
	return at;
}

static int has_digit(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (text[i] >= '0' && text[i] <= '9')
			return 1;
	return 0;
}

static int has_date_word(const char *text, size_t len)
{
	return word_at(text, len, date_words, sizeof date_words / sizeof date_words[0]) >= 0;
}

/* The field a date line's date belongs to: the last change after
 * "Updated", else the publication. */
static enum wn_meta_field date_field(const char *text, size_t len)
{
	int up = word_at(text, len, update_words, sizeof update_words / sizeof update_words[0]);
	int pub = word_at(text, len, publish_words, sizeof publish_words / sizeof publish_words[0]);
	return up >= 0 && (pub < 0 || up < pub) ? WN_MF_DATE_MODIFIED : WN_MF_DATE;
}

/* A block whose date is not the article's: in comments or related
 * stories, an embedded tweet ("— Name (@name) May 1, 2019"), a citation
 * ("retrieved on"), a copyright line, a cookie banner. */
static int not_the_date(const struct wn_block *b)
{
	if (b->hints & (WN_HINT_COMMENT | WN_HINT_RELATED))
		return 1;
	if (b->kind == WN_BLOCK_QUOTE || strstr(b->text, "(@"))
		return 1;
	/* "Copyright 2005 A. Author. Last modified 11 December 2005": the cue
	 * word after the copyright gives the date */
	int other = word_at(b->text, b->len, other_date_words,
	                    sizeof other_date_words / sizeof other_date_words[0]);
	int cue = word_at(b->text, b->len, date_words, sizeof date_words / sizeof date_words[0]);
	return other >= 0 && (cue < 0 || other > cue);
}

/* An id or class token that names the site's header ("header",
 * "masthead", "site-header"), not an article's ("entry-header"), or
 * the site's name in it ("site-title", "blogtitle"; a post's title is
 * "entry-title" or "post-title"). */
static int masthead_name(const char *v)
{
	static const char *const names[] = {
		/* the header */
		"header", "masthead", "site-header", "topbar", "top-bar",
		"branding", "site-branding",
		/* the site's name in it */
		"site-title", "sitetitle", "blog-title", "blogtitle", "site-name",
		"sitename", "blog-name", "blogname",
		/* the header of many blog templates (role=banner); an advert's
		 * "banner" is no headline either */
		"banner",
	};
	for (const char *p = v; p && *p;) {
		while (*p == ' ')
			p++;
		size_t k = strcspn(p, " ");
		for (size_t i = 0; k && i < sizeof names / sizeof names[0]; i++)
			if (tolower((unsigned char)p[0]) == names[i][0] && strlen(names[i]) == k &&
			    strncasecmp(p, names[i], k) == 0)
				return 1;
		p += k;
	}
	return 0;
}

int wn_byline_masthead(const char *cls, const char *id)
{
	return (id && masthead_name(id)) || (cls && masthead_name(cls));
}

/* Block i lies in the site's header: an ancestor's id or class is
 * "header", "masthead" ... */
static int in_masthead(const struct wn_page *pg, size_t i)
{
	int e = pg->blocks[i].elem;
	for (int k = 0; e >= 0 && k < 16; k++, e = pg->elems[e].parent)
		if (pg->elems[e].masthead)
			return 1;
	return 0;
}

/* A date line whose day is text's: the publication or the last change
 * by its cue word. */
static void set_date_line(struct wn_page *pg, const char *text, size_t len, const char *iso)
{
	enum wn_meta_field f = date_field(text, len);
	if (pg->meta.rank[f] > WN_RANK_TEXT)
		set_text_field(pg, f, iso);
}

/* Month-first dates ("03/04/2019" = March 4) for American English. */
static int reads_mdy(const struct wn_page *pg)
{
	const char *l = pg->meta.val[WN_MF_LANGUAGE];
	return strcasecmp(l, "en-US") == 0 || strcasecmp(l, "en_US") == 0 ||
	       strcasecmp(l, "en") == 0;
}

/* The names of a byline that has them after a date or a cue word:
 * "October 18th, 2012 by Mirko in Articles", "Posted August 7th, 2012 /
 * By Sara Carter", "11.05.12 Written by Ashley Burns"; NULL when b is
 * none. */
static const char *dated_byline(struct wn_page *pg, const struct wn_block *b)
{
	static const char *const bys[] = {" by ", " By ", " BY "};
	char iso[WN_DATE_MAX];
	for (size_t k = 0; k < sizeof bys / sizeof bys[0]; k++) {
		const char *by = strstr(b->text, bys[k]);
		if (by == NULL)
			continue;
		size_t pre = (size_t)(by - b->text);
		if (!wn_date_find(b->text, pre, 0, iso) && !has_date_word(b->text, pre) &&
		    !(pre >= 7 && strncasecmp(by - 7, "written", 7) == 0))
			continue;
		return wn_byline_authors(pg, by + 1, b->len - pre - 1, 1);
	}
	return NULL;
}

/* The day a page shows in its byline or date line, and whether it names
 * the month ("August 9th, 2012"), so that day and month are sure. */
struct shown {
	char day[WN_DATE_MAX]; /* "" when none */
	int named;
};

/* Notes text's date as the day shown, when none is yet. */
static void note_shown(struct shown *sh, const char *text, size_t len, int mdy)
{
	size_t start, end;
	if (*sh->day || !wn_date_span(text, len, mdy, sh->day, &start, &end))
		return;
	for (size_t i = start; i < end; i++)
		if (isalpha((unsigned char)text[i]) || (unsigned char)text[i] >= 0x80)
			sh->named = 1;
}

/* Byline and date line from the blocks around the start of the article;
 * *shown gets the date line nearest the article's start. */
static void read_blocks(struct wn_page *pg, struct shown *shown)
{
	size_t first = pg->nblocks;
	for (size_t i = 0; i < pg->nblocks; i++)
		if (pg->blocks[i].pub.decision == WN_KEEP) {
			first = i;
			break;
		}
	if (first == pg->nblocks)
		first = 0;
	size_t lo = first > 12 ? first - 12 : 0, hi = first + 6;
	if (hi > pg->nblocks)
		hi = pg->nblocks;
	int mdy = reads_mdy(pg);
	char iso[WN_DATE_MAX];
	shown->day[0] = '\0';
	shown->named = 0;
	/* a block with a cue word or a byline before one whose class says
	 * meta (the claim a fact check is about, above its byline) */
	const struct wn_block *weak = NULL;
	for (size_t i = lo; i < hi; i++) {
		const struct wn_block *b = &pg->blocks[i].pub;
		if (b->words > 30)
			continue;
		int want_author = pg->meta.rank[WN_MF_AUTHOR] > WN_RANK_TEXT;
		int want_date = pg->meta.rank[WN_MF_DATE] > WN_RANK_TEXT;
		/* a byline names the author, and often the date too */
		const char *names = wn_byline_authors(pg, b->text, b->len, 1);
		if (names == NULL)
			names = dated_byline(pg, b);
		if (want_author && names && *names)
			set_text_field(pg, WN_MF_AUTHOR, names);
		/* (Every date read has a digit: wn_date_find.) */
		if (!has_digit(b->text, b->len))
			continue;
		int strong = names || has_date_word(b->text, b->len);
		if (!(strong || b->hints & WN_HINT_META) || not_the_date(b))
			continue;
		if ((strong ? wn_date_find_cued : wn_date_find)(b->text, b->len, mdy, iso)) {
			if (!strong) {
				if (weak == NULL && !in_masthead(pg, i))
					weak = b;
				continue;
			}
			if (want_date)
				set_date_line(pg, b->text, b->len, iso);
			note_shown(shown, b->text, b->len, mdy);
		}
	}
	if (weak && wn_date_find(weak->text, weak->len, mdy, iso)) {
		set_date_line(pg, weak->text, weak->len, iso);
		note_shown(shown, weak->text, weak->len, mdy);
	}
	/* A date line without a cue word ("Samstag, 19. Juli 2014", "22/11/2020
	 * - 04:30"): the nearest to the article's start, after it first. */
	for (size_t d = 0; d < 12 && !*shown->day; d++) {
		size_t at[2] = {first + d, first - d - 1};
		for (int k = 0; k < 2 && !*shown->day; k++) {
			if (at[k] >= pg->nblocks || (k == 1 && d >= first))
				continue;
			const struct wn_block *b = &pg->blocks[at[k]].pub;
			/* well above the article, the site's header and menus
			 * hold today's date, not the article's */
			if (k == 1 && ((d >= 3 && b->hints & (WN_HINT_HEADER | WN_HINT_NAV)) ||
			               in_masthead(pg, at[k])))
				continue;
			if (b->words <= 16 && !not_the_date(b) && b->link_ratio < 0.5 &&
			    wn_date_line(b->text, b->len, mdy, iso)) {
				note_shown(shown, b->text, b->len, mdy);
				if (pg->meta.rank[WN_MF_DATE] > WN_RANK_TEXT)
					set_text_field(pg, WN_MF_DATE, iso);
			}
		}
	}
	/* "Author:" then the names, "Date:" then the date, in two blocks (a
	 * field list, a table of fields) */
	for (size_t i = 0; i + 1 < pg->nblocks && i < first + 60; i++) {
		const struct wn_block *b = &pg->blocks[i].pub, *v = &pg->blocks[i + 1].pub;
		if (b->words > 2 || v->words > 20)
			continue;
		int label = field_label(b->text, b->len);
		if (label == 1 && pg->meta.rank[WN_MF_AUTHOR] > WN_RANK_TEXT)
			set_text_field(pg, WN_MF_AUTHOR, wn_byline_authors(pg, v->text, v->len, 0));
		else if (label == 2 && pg->meta.rank[WN_MF_DATE] > WN_RANK_TEXT &&
		         wn_date_find(v->text, v->len, mdy, iso))
			set_text_field(pg, WN_MF_DATE, iso);
	}
	/* "Posted by Jane Doe at 4:12 PM" under a blog's post */
	for (size_t i = first; i < pg->nblocks && i < first + 60 &&
	                       pg->meta.rank[WN_MF_AUTHOR] > WN_RANK_TEXT;
	     i++) {
		const struct wn_block *b = &pg->blocks[i].pub;
		if (b->words <= 30 && !(b->hints & (WN_HINT_COMMENT | WN_HINT_RELATED)) &&
		    (strncasecmp(b->text, "posted by ", 10) == 0 ||
		     strncasecmp(b->text, "written by ", 11) == 0))
			set_text_field(pg, WN_MF_AUTHOR, wn_byline_authors(pg, b->text, b->len, 1));
	}
	/* "Last updated on ..." in a footer */
	for (size_t i = 0; i < pg->nblocks && pg->meta.rank[WN_MF_DATE] == WN_RANK_NONE &&
	                   pg->meta.rank[WN_MF_DATE_MODIFIED] == WN_RANK_NONE;
	     i++) {
		const struct wn_block *b = &pg->blocks[i].pub;
		if (b->words <= 30 && has_digit(b->text, b->len) && has_date_word(b->text, b->len) &&
		    !not_the_date(b) &&
		    wn_date_find(b->text, b->len, mdy, iso))
			set_date_line(pg, b->text, b->len, iso);
	}
}

/* The element of the headline, the page's first h1; -1 when none. */
static int headline_elem(const struct wn_page *pg)
{
	if (!*pg->h1)
		return -1;
	for (size_t i = 0; i < pg->nblocks; i++) {
		const struct wn_block *b = &pg->blocks[i].pub;
		if (b->kind == WN_BLOCK_HEADING && b->level == 1 && b->text == pg->h1)
			return pg->blocks[i].elem;
	}
	return -1;
}

/* A <time datetime> outside the article's element (whatever its class)
 * that shares the headline's header: up to three levels above the h1,
 * and at most five below that. */
static void time_near_headline(struct wn_page *pg)
{
	int top = headline_elem(pg);
	if (top < 0 || pg->meta.rank[WN_MF_DATE] <= WN_RANK_TIME)
		return;
	for (int k = 0; k < 3; k++) {
		int up = pg->elems[top].parent;
		if (up < 0 || pg->elems[up].tag == GUMBO_TAG_BODY)
			break;
		top = up;
	}
	for (size_t i = 0; i < pg->meta.ntimes; i++) {
		int p = pg->meta.times[i].elem, levels = 0;
		while (p >= 0 && p != top && levels < 8)
			p = pg->elems[p].parent, levels++;
		const char *iso = pg->meta.times[i].iso;
		if (p == top && !wn_date_future(iso, pg->last_day)) {
			const char *v = wn_normalise(pg, iso, strlen(iso));
			if (v) {
				pg->meta.val[WN_MF_DATE] = v;
				pg->meta.rank[WN_MF_DATE] = WN_RANK_TIME;
			}
			return;
		}
	}
}

/* The day the page shows in its date line, when the metadata's time
 * (most often in UTC) falls on the next or the previous day: a story
 * of 11 pm in New York is of that day, not of the next in UTC. */
static void local_day(struct wn_page *pg, const struct shown *sh)
{
	const char *shown = sh->day;
	const char *d = pg->meta.val[WN_MF_DATE];
	long meta = wn_date_days(d), seen = wn_date_days(shown);
	if (meta < 0 || seen < 0 || pg->meta.rank[WN_MF_DATE] >= WN_RANK_TEXT)
		return;
	if (sh->named && seen != meta && strncmp(d, shown, 4) == 0 && strncmp(d + 5, shown + 8, 2) == 0 &&
	    strncmp(d + 8, shown + 5, 2) == 0) {
		/* "08/09/2012" in the markup, "August 9th, 2012" on the page */
		const char *v = wn_normalise(pg, shown, strlen(shown));
		if (v)
			pg->meta.val[WN_MF_DATE] = v;
		return;
	}
	if (strlen(d) < 13 || d[10] != 'T')
		return;
	int hour = (d[11] - '0') * 10 + (d[12] - '0');
	if ((seen == meta - 1 && hour < 12) || (seen == meta + 1 && hour >= 12)) {
		const char *v = wn_normalise(pg, shown, strlen(shown));
		if (v)
			pg->meta.val[WN_MF_DATE] = v;
	}
}

/* Separators between a headline and the site's name in <title>. */
static const char *const title_seps[] = {" | ", " - ", " – ", " — ", " · ", " :: ", " » ",
                                         " : "};

/* The first place in t where w (n bytes) is, ASCII case folded; NULL
 * when nowhere. */
static const char *find_folded(const char *t, const char *w, size_t n)
{
	for (; *t; t++)
		if (strncasecmp(t, w, n) == 0)
			return t;
	return NULL;
}

#define NSEPS (sizeof title_seps / sizeof title_seps[0])

/* The words of part (n bytes) begin h: "Welcome" begins "Welcome to the
 * Society". */
static int begins_words(const char *h, const char *part, size_t n)
{
	return n && strncasecmp(h, part, n) == 0 &&
	       (h[n] == '\0' || h[n] == ' ');
}

/* Length of head (n bytes) without a section's name after a separator
 * other than sep, whose title ended in the site's name: "Headline |
 * Travel - Site".  A section's name is one or two words and less than
 * half the headline. */
static size_t cut_section(const char *head, size_t n, const char *sep)
{
	for (size_t k = 0; k < NSEPS; k++) {
		if (strcmp(title_seps[k], sep) == 0)
			continue;
		size_t w = strlen(title_seps[k]);
		const char *last = NULL;
		for (const char *p = strstr(head, title_seps[k]);
		     p && p + w <= head + n; p = strstr(p + 1, title_seps[k]))
			last = p;
		if (last == NULL)
			continue;
		size_t at = (size_t)(last - head), tn = n - at - w, spaces = 0;
		for (size_t i = at + w; i < n; i++)
			spaces += head[i] == ' ';
		if (spaces <= 1 && tn * 2 <= at)
			return at;
	}
	return n;
}

/* Length of title without a trailing or leading " | Site Name" part that is
 * the site (sitename, when known) or shorter than the rest; *start gets
 * where the headline begins. */
static size_t cut_site(const char *title, const char *sitename, const char *h1, size_t *start)
{
	size_t n = strlen(title);
	*start = 0;
	/* "json-c: json-c", "Home | Home": a name given twice */
	for (size_t k = 0; k < NSEPS + 1; k++) {
		const char *sep = k < NSEPS ? title_seps[k] : ": ";
		size_t w = strlen(sep);
		const char *p = strstr(title, sep);
		if (p && (size_t)(p - title) * 2 + w == n && strncmp(title, p + w, (size_t)(p - title)) == 0)
			return (size_t)(p - title);
	}
	/* "Site: Headline" with the site's name known */
	size_t sn = strlen(sitename);
	if (sn && n > sn + 2 && strncasecmp(title, sitename, sn) == 0 &&
	    title[sn] == ':' && title[sn + 1] == ' ') {
		*start = sn + 2;
		return n - *start;
	}
	for (size_t k = 0; k < NSEPS; k++) {
		size_t w = strlen(title_seps[k]);
		/* the last separator: "Headline | Section | Site" */
		const char *last = NULL;
		for (const char *p = strstr(title, title_seps[k]); p; p = strstr(p + 1, title_seps[k]))
			last = p;
		const char *first = strstr(title, title_seps[k]);
		if (last == NULL)
			continue;
		size_t head = (size_t)(last - title);
		const char *tail = last + w;
		/* The headline itself is known: keep the part that is it. */
		if (*h1) {
			size_t hl = strlen(h1);
			if (hl == head && strncmp(title, h1, hl) == 0)
				return head;
			if (strcmp(first + w, h1) == 0) {
				*start = (size_t)(first + w - title);
				return n - *start;
			}
		}
		if (*sitename && strcasecmp(tail, sitename) == 0)
			return cut_section(title, head, title_seps[k]);
		if (*sitename && strncasecmp(title, sitename, strlen(sitename)) == 0 &&
		    title + strlen(sitename) == first) {
			*start = (size_t)(first + w - title);
			return n - *start;
		}
		/* No name to go by: the site's part is the shorter one, unless
		 * the h1 begins with it ("Society | Welcome" over "Welcome to
		 * the Society"): then that part is the headline. */
		if (strlen(tail) * 2 <= head && k < 4) {
			if (*h1 && first == last &&
			    begins_words(h1, tail, strlen(tail)) &&
			    !find_folded(h1, title, head)) {
				*start = (size_t)(tail - title);
				return n - *start;
			}
			return head;
		}
	}
	return n;
}

/* The h1 is the site part at the end of the title: "Headline | Site". */
static int ends_title(const char *title, const char *h1)
{
	size_t n = strlen(title), k = strlen(h1);
	return k < n && strcmp(title + n - k, h1) == 0 && n - k > 3 &&
	       title[n - k - 1] == ' ';
}

/* The longest heading of the page (two words or more, not the site's
 * name nor also) that the title t holds and that is shorter than it: the
 * headline, when the title adds the site's or the blog's name to it
 * ("Web Ink Now: Outlaw the phrase ..."); NULL when none. */
static const char *heading_in(const struct wn_page *pg, const char *t,
			      const char *also)
{
	const char *site = pg->meta.val[WN_MF_SITENAME];
	const char *best = NULL;
	size_t tn = strlen(t), bn = 0;
	if (tn > 400) /* no headline is that long; the work stays bounded */
		return NULL;
	for (size_t i = 0; i < pg->nblocks && i < 2000; i++) {
		const struct wn_block *b = &pg->blocks[i].pub;
		if (b->kind != WN_BLOCK_HEADING || b->level > 4 ||
		    b->len < 10 || b->len >= tn || b->len <= bn ||
		    b->words < 2 || strcasecmp(b->text, site) == 0 ||
		    strcasecmp(b->text, also) == 0 ||
		    find_folded(t, b->text, b->len) == NULL ||
		    in_masthead(pg, i))
			continue;
		best = b->text;
		bn = b->len;
	}
	return best;
}

/* text is the text of a block in the site's header (the blog's name in
 * its h1). */
static int masthead_text(const struct wn_page *pg, const char *text)
{
	for (size_t i = 0; i < pg->nblocks && i < 400; i++)
		if (strcmp(pg->blocks[i].pub.text, text) == 0 && in_masthead(pg, i))
			return 1;
	return 0;
}

/* The headline of a title that starts with the name the site's header
 * shows and goes on with a line of the page ("The Volokh Conspiracy -
 * More on Women and Last Names"); NULL when it does not. */
static const char *after_masthead(struct wn_page *pg, const char *title)
{
	for (size_t k = 0; k < NSEPS + 1; k++) {
		const char *sep = k < NSEPS ? title_seps[k] : ": ";
		const char *p = strstr(title, sep);
		if (p == NULL || p == title || !strchr(p + strlen(sep), ' '))
			continue;
		const char *site = wn_normalise(pg, title, (size_t)(p - title));
		if (site == NULL || !masthead_text(pg, site))
			continue;
		const char *rest = p + strlen(sep);
		for (size_t i = 0; i < pg->nblocks && i < 400; i++)
			if (strcasecmp(pg->blocks[i].pub.text, rest) == 0 && !in_masthead(pg, i))
				return rest;
	}
	return NULL;
}

/* whole is part and another part of no more than max bytes after a
 * separator, or before one: "Headline | Site", "Section - Headline". */
static int edge_part(const char *whole, const char *part, size_t max)
{
	size_t n = strlen(whole), pn = strlen(part);
	for (size_t k = 0; pn && k < NSEPS; k++) {
		size_t w = strlen(title_seps[k]);
		if (n < pn + w + 1 || n - pn - w > max)
			continue;
		if (strcmp(whole + n - pn, part) == 0 &&
		    strncmp(whole + n - pn - w, title_seps[k], w) == 0)
			return 1;
		if (strncmp(whole, part, pn) == 0 &&
		    strncmp(whole + pn, title_seps[k], w) == 0)
			return 1;
	}
	return 0;
}

/* The metadata's title meta is the title t (not the site's name) with a
 * shorter part before or after a separator: "Section - Headline",
 * "Headline | Site". */
static int adds_part(const char *meta, const char *t, const char *site)
{
	return strcasecmp(t, site) != 0 && edge_part(meta, t, strlen(t));
}

/* The first h1 when it is the site's name: one part of the title, left
 * out of the article where a later h1 is kept ("Ministry of Parks"
 * above "Page not found", the title "Ministry of Parks - Sorry, an error
 * has occurred"); *next gets that later h1.  NULL when it is not. */
static const char *site_heading(const struct wn_page *pg, const char *title,
				const char **next)
{
	size_t i = 0;
	for (; i < pg->nblocks && pg->blocks[i].pub.text != pg->h1; i++)
		;
	if (i == pg->nblocks || pg->blocks[i].pub.decision != WN_DROP ||
	    !edge_part(title, pg->h1, strlen(title)))
		return NULL;
	for (i++; i < pg->nblocks; i++) {
		const struct wn_block *b = &pg->blocks[i].pub;
		if (b->kind == WN_BLOCK_HEADING && b->level == 1 &&
		    b->decision == WN_KEEP) {
			*next = b->text;
			return pg->h1;
		}
	}
	return NULL;
}

/* The longest tag without_tags takes out of a title. */
#define TITLE_TAG_MAX 100

/* title without the tags a page wrote as text inside <title> ("A Son of
 * a Gun,<br/> But <i>Our</i> Son of a Gun"), each read as a space; title
 * itself when it holds none, "" when out of memory. */
static const char *without_tags(struct wn_page *pg, const char *title)
{
	const char *lt = strchr(title, '<');
	if (lt == NULL)
		return title;
	size_t n = strlen(title), k = (size_t)(lt - title);
	char *tmp = malloc(n + 1);
	if (tmp == NULL)
		return "";
	memcpy(tmp, title, k);
	for (size_t i = k; i < n; i++) {
		size_t j = i + 1 + (title[i + 1] == '/');
		if (title[i] == '<' && isalpha((unsigned char)title[j])) {
			/* a tag's name, then its end or a space: not
			 * "<jo@example.org>" */
			while (isalnum((unsigned char)title[j]))
				j++;
			if (title[j] != '>' && title[j] != ' ' &&
			    title[j] != '/') {
				tmp[k++] = title[i];
				continue;
			}
			while (j < n && j - i < TITLE_TAG_MAX &&
			       title[j] != '>' && title[j] != '<')
				j++;
			if (title[j] == '>') {
				tmp[k++] = ' ';
				i = j;
				continue;
			}
		}
		tmp[k++] = title[i];
	}
	const char *t = wn_normalise(pg, tmp, k);
	free(tmp);
	return t ? t : "";
}

static void choose_title(struct wn_page *pg)
{
	struct wn_meta *m = &pg->meta;
	const char *site = m->val[WN_MF_SITENAME];
	size_t start, n;
	if (m->rank[WN_MF_TITLE] == WN_RANK_JSONLD && m->ld_name &&
	    !strstr(pg->title, m->val[WN_MF_TITLE]) && !strstr(pg->h1, m->val[WN_MF_TITLE]) &&
	    (strstr(pg->title, m->ld_name) || strcmp(pg->h1, m->ld_name) == 0)) {
		/* Wikipedia: the headline describes what the page names
		 * ("capital of Germany" for "Berlin"); the page shows the name */
		m->val[WN_MF_TITLE] = m->ld_name;
		return;
	}
	if (m->rank[WN_MF_TITLE] <= WN_RANK_BODY && !pg->is_text) {
		/* og:title "Opinion | Headline": the heading it holds; a tagline
		 * ("Official Blog of the League") that neither holds one nor
		 * is in <title>: the heading <title> holds */
		const char *h = heading_in(pg, m->val[WN_MF_TITLE], "");
		if (h == NULL && !strstr(pg->title, m->val[WN_MF_TITLE]) &&
		    !strstr(pg->h1, m->val[WN_MF_TITLE]))
			h = heading_in(pg, pg->title, "");
		if (h == NULL)
			h = after_masthead(pg, m->val[WN_MF_TITLE]);
		if (h) {
			m->val[WN_MF_TITLE] = h;
			return;
		}
	}
	if (m->rank[WN_MF_TITLE] <= WN_RANK_BODY && !pg->is_text &&
	    adds_part(m->val[WN_MF_TITLE], pg->title, site)) {
		/* dc.title "Section - Headline", <title> the headline */
		m->val[WN_MF_TITLE] = pg->title;
		return;
	}
	if (m->rank[WN_MF_TITLE] <= WN_RANK_BODY) {
		/* og:title "Headline | Site": cut only the known site name */
		n = cut_site(m->val[WN_MF_TITLE], *site ? site : "\x01", "", &start);
		if (n != strlen(m->val[WN_MF_TITLE]))
			m->val[WN_MF_TITLE] = wn_normalise(pg, m->val[WN_MF_TITLE] + start, n);
		if (m->val[WN_MF_TITLE] == NULL)
			m->val[WN_MF_TITLE] = "";
		return;
	}
	const char *h1 = pg->is_text ? "" : pg->h1;
	const char *title = without_tags(pg, pg->title);
	if (*title == '<')
		title = ""; /* markup that a broken page left in <title> */
	const char *hsite = *title && *h1 ? site_heading(pg, title, &h1) : NULL;
	if (hsite && !*site)
		site = hsite;
	const char *h = *title && !pg->is_text
				? heading_in(pg, title, hsite ? hsite : "")
				: NULL;
	if (h) {
		set_text_field(pg, WN_MF_TITLE, h);
		return;
	}
	const char *rest = *title && !pg->is_text ? after_masthead(pg, title) : NULL;
	if (rest) {
		set_text_field(pg, WN_MF_TITLE, rest);
		return;
	}
	if (*title) {
		/* "Headline — Site" or "Site: Headline" holds the h1; an h1
		 * that holds the title says more ("The Expat XML Parser Release
		 * 2.5.0" for "Expat XML Parser").  Not a one-word logo. */
		if (*h1 && (strcmp(title, h1) == 0 ||
		            (strchr(h1, ' ') && strstr(h1, title)) ||
		            (strstr(title, h1) && !ends_title(title, h1)))) {
			set_text_field(pg, WN_MF_TITLE, h1);
			return;
		}
		n = cut_site(title, site, h1, &start);
		const char *t = wn_normalise(pg, title + start, n);
		set_text_field(pg, WN_MF_TITLE, t);
		return;
	}
	if (*h1 && !masthead_text(pg, h1)) {
		set_text_field(pg, WN_MF_TITLE, h1);
		return;
	}
	/* the first kept heading that is not a date line (a blog's "February
	 * 7, 2005" above its post's title); the h1 when it is all there is */
	char iso[WN_DATE_MAX];
	for (size_t i = 0; i < pg->nblocks; i++) {
		const struct wn_block *b = &pg->blocks[i].pub;
		if (b->kind == WN_BLOCK_HEADING && b->decision == WN_KEEP &&
		    !wn_date_line(b->text, b->len, 0, iso)) {
			set_text_field(pg, WN_MF_TITLE, b->text);
			return;
		}
	}
	set_text_field(pg, WN_MF_TITLE, h1);
}

/* A date in the page's URL: /2019/03/12/ */
static void date_from_url(struct wn_page *pg)
{
	const char *u = pg->meta.val[WN_MF_URL];
	char iso[WN_DATE_MAX];
	for (const char *p = strchr(u, '/'); p; p = strchr(p + 1, '/')) {
		if (isdigit((unsigned char)p[1]) && strlen(p) >= 11 && p[5] == '/' && p[8] == '/' &&
		    isdigit((unsigned char)p[9]) && isdigit((unsigned char)p[10]) &&
		    (p[11] == '/' || p[11] == '\0' || p[11] == '-')) {
			char d[11];
			memcpy(d, p + 1, 10);
			d[4] = d[7] = '-';
			d[10] = '\0';
			if (wn_date_parse(d, 10, 0, iso)) {
				set_text_field(pg, WN_MF_DATE, iso);
				return;
			}
		}
	}
}

static const char *resolved(struct wn_page *pg, const char *ref)
{
	const char *base = pg->meta.base ? pg->meta.base : pg->meta.val[WN_MF_URL];
	if (!*ref || wn_url_is_absolute(ref) || !wn_url_is_absolute(base))
		return ref;
	struct wn_buf b = WN_BUF_INIT;
	const char *r = ref;
	if (wn_url_resolve(base, ref, &b) == 0 && b.size)
		r = wn_pool_strndup(pg->pool, b.data, b.size);
	wn_buf_free(&b);
	return r ? r : ref;
}

int wn_meta_finish(struct wn_page *pg, const struct wn_options *opts)
{
	struct wn_meta *m = &pg->meta;
	if (opts->url && *opts->url && m->rank[WN_MF_URL] == WN_RANK_NONE)
		set_text_field(pg, WN_MF_URL, opts->url);
	if (m->base && opts->url && !wn_url_is_absolute(m->base)) {
		struct wn_buf b = WN_BUF_INIT;
		if (wn_url_resolve(opts->url, m->base, &b) == 0 && b.size)
			m->base = wn_pool_strndup(pg->pool, b.data, b.size);
		wn_buf_free(&b);
	}
	choose_title(pg);
	/* <meta name=author content="FilmDrunk">: the site, not its writer */
	if (m->rank[WN_MF_AUTHOR] < WN_RANK_TEXT && wn_byline_affiliation(pg, m->val[WN_MF_AUTHOR])) {
		m->val[WN_MF_AUTHOR] = "";
		m->rank[WN_MF_AUTHOR] = WN_RANK_NONE;
	}
	time_near_headline(pg);
	struct shown shown;
	read_blocks(pg, &shown);
	local_day(pg, &shown);
	if (m->rank[WN_MF_DATE] == WN_RANK_NONE)
		date_from_url(pg);
	/* the publication before the last change; the change when that is all
	 * the page gives */
	if (m->rank[WN_MF_DATE] == WN_RANK_NONE && m->rank[WN_MF_DATE_MODIFIED] != WN_RANK_NONE) {
		m->val[WN_MF_DATE] = m->val[WN_MF_DATE_MODIFIED];
		m->rank[WN_MF_DATE] = m->rank[WN_MF_DATE_MODIFIED];
	}
	m->val[WN_MF_IMAGE] = resolved(pg, m->val[WN_MF_IMAGE]);
	wn_lang_charge(pg, opts);
	struct wn_metadata *p = &m->pub;
	p->url = m->val[WN_MF_URL];
	p->title = m->val[WN_MF_TITLE];
	p->author = m->val[WN_MF_AUTHOR];
	p->date = m->val[WN_MF_DATE];
	p->date_modified = m->val[WN_MF_DATE_MODIFIED];
	p->sitename = m->val[WN_MF_SITENAME];
	p->description = m->val[WN_MF_DESCRIPTION];
	p->image = m->val[WN_MF_IMAGE];
	p->categories = m->categories.items;
	p->ncategories = m->categories.n;
	p->tags = m->tags.items;
	p->ntags = m->tags.n;
	for (int f = 0; f < WN_MF_COUNT; f++)
		if (m->val[f] == NULL)
			return -1;
	return 0;
}
