/*
 * date.c - dates as pages write them, read into ISO 8601.
 *
 * Metadata gives machine dates ("2019-03-12T10:04:00+01:00", RFC 2822
 * "Tue, 12 Mar 2019 10:04:00 +0000"); bylines and footers give human ones
 * ("March 12, 2019", "12. März 2019", "12 de marzo de 2019", "12/03/2019",
 * "2019年3月12日").  Both come out as "YYYY-MM-DD", with the time kept
 * ("YYYY-MM-DDThh:mm[:ss][zone]") when the source is a machine date that
 * has one.  A date is read only when it is a real calendar day between
 * 1970 and 2100: "Version 2.10.3" or "3/4 cup" never become dates.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "date.h"

/* Month names and their common abbreviations, lower case, in the
 * languages the rules cover.  Accented forms are UTF-8. */
static const struct {
	const char *name;
	int month;
} months[] = {
	/* English */
	{"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5},
	{"june", 6}, {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10},
	{"november", 11}, {"december", 12}, {"jan", 1}, {"feb", 2}, {"mar", 3},
	{"apr", 4}, {"jun", 6}, {"jul", 7}, {"aug", 8}, {"sep", 9}, {"sept", 9},
	{"oct", 10}, {"nov", 11}, {"dec", 12},
	/* German */
	{"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"maerz", 3},
	{"mai", 5}, {"juni", 6}, {"juli", 7}, {"oktober", 10}, {"dezember", 12},
	{"okt", 10}, {"dez", 12}, {"mrz", 3},
	/* French */
	{"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4},
	{"juin", 6}, {"juillet", 7}, {"août", 8}, {"aout", 8}, {"septembre", 9},
	{"octobre", 10}, {"novembre", 11}, {"décembre", 12}, {"decembre", 12},
	{"janv", 1}, {"févr", 2}, {"avr", 4}, {"juil", 7},
	/* Spanish */
	{"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5},
	{"junio", 6}, {"julio", 7}, {"agosto", 8}, {"septiembre", 9},
	{"setiembre", 9}, {"octubre", 10}, {"noviembre", 11}, {"diciembre", 12},
	{"ene", 1}, {"abr", 4}, {"ago", 8}, {"dic", 12},
	/* Italian */
	{"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5},
	{"giugno", 6}, {"luglio", 7}, {"settembre", 9}, {"ottobre", 10},
	{"dicembre", 12}, {"gen", 1}, {"mag", 5}, {"giu", 6}, {"lug", 7},
	{"set", 9}, {"ott", 10},
	/* Portuguese */
	{"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"marco", 3},
	{"maio", 5}, {"junho", 6}, {"julho", 7}, {"setembro", 9},
	{"outubro", 10}, {"dezembro", 12}, {"fev", 2}, {"out", 10},
	/* Dutch */
	{"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5},
	{"augustus", 8}, {"okt", 10},
};

/* Weekday names and abbreviations, lower case, in the same languages:
 * "Samstag, 19. Juli 2014", "sábado, 19 de julio de 2014", "Tue Jul 24". */
static const char *const weekdays[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
	"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend",
	"sonntag", "mo", "di", "mi", "do", "fr", "sa", "so",
	"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
	"lun", "mer", "jeu", "ven", "sam", "dim", /* not "mar": March */
	"lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado",
	"sabado", "domingo",
	"lunedì", "lunedi", "martedì", "martedi", "mercoledì", "mercoledi", "giovedì",
	"giovedi", "venerdì", "venerdi", "sabato", "domenica",
	"segunda-feira", "terça-feira", "terca-feira", "quarta-feira", "quinta-feira",
	"sexta-feira", "segunda", "terça", "quarta", "quinta", "sexta",
	"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
};

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int valid_day(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1970 || y > 2100 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && is_leap(y));
}

/* Reads 1 to max digits at s[*i]; -1 when there are none. */
static int digits(const char *s, size_t n, size_t *i, int max, int *count)
{
	int v = 0, c = 0;
	while (*i < n && c < max && isdigit((unsigned char)s[*i])) {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		c++;
	}
	if (count)
		*count = c;
	return c ? v : -1;
}

/* A month name at s[*i] (letters, UTF-8 letters included, and an optional
 * dot); 0 when the word is none. */
static int month_word(const char *s, size_t n, size_t *i)
{
	size_t j = *i;
	char w[16];
	size_t k = 0;
	while (j < n && (isalpha((unsigned char)s[j]) || (unsigned char)s[j] >= 0x80)) {
		if (k < sizeof w - 1)
			w[k++] = (char)tolower((unsigned char)s[j]);
		j++;
	}
	w[k] = '\0';
	if (k < 3 || k >= sizeof w - 1)
		return 0;
	for (size_t m = 0; m < sizeof months / sizeof months[0]; m++)
		if (months[m].name[0] == w[0] && strcmp(w, months[m].name) == 0) {
			if (j < n && s[j] == '.')
				j++;
			*i = j;
			return months[m].month;
		}
	return 0;
}

static void skip_spaces(const char *s, size_t n, size_t *i)
{
	while (*i < n && (s[*i] == ' ' || s[*i] == '\t' || s[*i] == ','))
		(*i)++;
}

/* "th", "st", "nd", "rd" after a day, and the French "er" of "1er". */
static void skip_ordinal(const char *s, size_t n, size_t *i)
{
	if (*i + 2 <= n) {
		char a = (char)tolower((unsigned char)s[*i]), b = (char)tolower((unsigned char)s[*i + 1]);
		if ((a == 't' && b == 'h') || (a == 's' && b == 't') || (a == 'n' && b == 'd') ||
		    (a == 'r' && b == 'd') || (a == 'e' && b == 'r'))
			if (*i + 2 == n || !isalpha((unsigned char)s[*i + 2]))
				*i += 2;
	}
}

/* A connecting word between parts of a date: "de" (es, pt), "of". */
static void skip_link_word(const char *s, size_t n, size_t *i)
{
	size_t j = *i;
	skip_spaces(s, n, &j);
	if (j + 2 < n && (strncmp(s + j, "de ", 3) == 0 || strncmp(s + j, "of ", 3) == 0))
		*i = j + 3;
	else if (j + 4 < n && strncmp(s + j, "del ", 4) == 0)
		*i = j + 4;
}

/* Time of day and zone after a machine date: "T10:04", ":05", ".123",
 * "Z", "+01:00", "+0100", " +0000" (RFC 2822), " GMT". */
static size_t read_time(const char *s, size_t n, size_t i, char *out, size_t outlen)
{
	size_t j = i;
	if (j < n && (s[j] == 'T' || s[j] == ' '))
		j++;
	else
		return 0;
	int c1, c2;
	int h = digits(s, n, &j, 2, &c1);
	if (h < 0 || c1 != 2 || j >= n || s[j] != ':')
		return 0;
	j++;
	int mi = digits(s, n, &j, 2, &c2);
	if (mi < 0 || c2 != 2 || h > 23 || mi > 59)
		return 0;
	int sec = -1;
	if (j < n && s[j] == ':') {
		size_t k = j + 1;
		int c3;
		sec = digits(s, n, &k, 2, &c3);
		if (sec < 0 || c3 != 2 || sec > 60)
			return 0;
		j = k;
		if (j < n && (s[j] == '.' || s[j] == ',')) {
			j++;
			while (j < n && isdigit((unsigned char)s[j]))
				j++;
		}
	}
	char zone[8] = "";
	size_t z = j;
	if (z < n && s[z] == ' ')
		z++;
	if (z < n && s[z] == 'Z') {
		strcpy(zone, "Z");
		j = z + 1;
	} else if (z + 3 <= n && strncmp(s + z, "GMT", 3) == 0) {
		strcpy(zone, "Z");
		j = z + 3;
	} else if (z < n && (s[z] == '+' || s[z] == '-')) {
		size_t k = z + 1;
		int cz;
		int zh = digits(s, n, &k, 2, &cz);
		if (zh >= 0 && cz == 2 && zh <= 14) {
			int zm = 0;
			if (k < n && s[k] == ':')
				k++;
			int czm;
			size_t k2 = k;
			int v = digits(s, n, &k2, 2, &czm);
			if (v >= 0 && czm == 2 && v < 60) {
				zm = v;
				k = k2;
			}
			snprintf(zone, sizeof zone, "%c%02d:%02d", s[z], zh, zm);
			j = k;
		}
	}
	if (sec >= 0)
		snprintf(out, outlen, "T%02d:%02d:%02d%s", h, mi, sec, zone);
	else
		snprintf(out, outlen, "T%02d:%02d%s", h, mi, zone);
	return j - i;
}

static int emit(char out[WN_DATE_MAX], int y, int m, int d, const char *time)
{
	if (!valid_day(y, m, d))
		return 0;
	snprintf(out, WN_DATE_MAX, "%04d-%02d-%02d%s", y, m, d, time ? time : "");
	return 1;
}

/* A date starting exactly at s[0]; *used gets its length.  mdy: read
 * "03/04/2019" as March 4 (American) rather than 3 April.  with_time: a
 * machine date, with its time kept; with_time < 0: a line that says it
 * holds a date, where "19/10/12" is read too. */
static int parse_at(const char *s, size_t n, int mdy, int with_time, char out[WN_DATE_MAX],
                    size_t *used)
{
	size_t i = 0;
	int c1, c2, c3;
	char time[24] = "";
	if (isdigit((unsigned char)s[0])) {
		size_t run = 0;
		while (run < n && isdigit((unsigned char)s[run]))
			run++;
		if (run == 8 && with_time > 0) {
			/* 20190312 in machine metadata */
			int y = digits(s, n, &i, 4, NULL), m = digits(s, n, &i, 2, NULL);
			int d = digits(s, n, &i, 2, NULL);
			*used = i;
			return emit(out, y, m, d, NULL);
		}
		if (run != 4 && run > 2)
			return 0;
		int a = digits(s, n, &i, 4, &c1);
		if (c1 == 4 && i < n && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
			/* 2019-03-12, 2019/03/12, 2019.03.12 */
			char sep = s[i++];
			int m = digits(s, n, &i, 2, &c2);
			if (m < 0 || i >= n || s[i] != sep)
				return 0;
			i++;
			int d = digits(s, n, &i, 2, &c3);
			if (d < 0 || (i < n && isdigit((unsigned char)s[i])))
				return 0;
			if (with_time > 0)
				i += read_time(s, n, i, time, sizeof time);
			*used = i;
			return emit(out, a, m, d, time);
		}
		if (c1 == 4 && i + 3 <= n && strncmp(s + i, "年", 3) == 0) {
			/* 2019年3月12日 */
			i += 3;
			int m = digits(s, n, &i, 2, &c2);
			if (m < 0 || i + 3 > n || strncmp(s + i, "月", 3) != 0)
				return 0;
			i += 3;
			int d = digits(s, n, &i, 2, &c3);
			if (d < 0)
				return 0;
			if (i + 3 <= n && strncmp(s + i, "日", 3) == 0)
				i += 3;
			*used = i;
			return emit(out, a, m, d, NULL);
		}
		if (c1 > 2)
			return 0;
		/* a day first: 12.03.2019, 12/03/2019, 12 March 2019, 12. März 2019 */
		if (i < n && (s[i] == '.' || s[i] == '/' || s[i] == '-') && i + 1 < n &&
		    isdigit((unsigned char)s[i + 1])) {
			char sep = s[i++];
			int b = digits(s, n, &i, 2, &c2);
			if (b < 0 || i >= n || s[i] != sep)
				return 0;
			i++;
			int y = digits(s, n, &i, 4, &c3);
			if ((c3 != 4 && c3 != 2) || (i < n && isdigit((unsigned char)s[i])))
				return 0;
			/* "19/10/12": a year of two digits only where day and month
			 * cannot be taken for each other */
			if (c3 == 2 && (with_time >= 0 || (a <= 12 && b <= 12) || a == b ||
			                (i < n && (s[i] == '.' || s[i] == '/' || s[i] == '-') &&
			                 i + 1 < n && isdigit((unsigned char)s[i + 1]))))
				return 0;
			if (c3 == 2)
				y += y < 70 ? 2000 : 1900;
			*used = i;
			int d = a, m = b;
			if (a <= 12 && b > 12)
				d = b, m = a;
			else if (a <= 12 && b <= 12 && mdy && sep == '/')
				d = b, m = a;
			return emit(out, y, m, d, NULL);
		}
		if (i < n && s[i] == '.')
			i++;
		skip_ordinal(s, n, &i);
		skip_link_word(s, n, &i);
		skip_spaces(s, n, &i);
		int m = month_word(s, n, &i);
		if (m == 0)
			return 0;
		skip_link_word(s, n, &i);
		skip_spaces(s, n, &i);
		int y = digits(s, n, &i, 4, &c3);
		if (c3 != 4 || (i < n && isdigit((unsigned char)s[i])))
			return 0;
		if (with_time > 0)
			i += read_time(s, n, i, time, sizeof time);
		*used = i;
		return emit(out, y, m, a, time);
	}
	/* a month first: March 12, 2019; Mar 12 2019; March 12th, 2019 */
	int m = month_word(s, n, &i);
	if (m == 0)
		return 0;
	skip_spaces(s, n, &i);
	int d = digits(s, n, &i, 2, &c1);
	if (d < 0)
		return 0;
	skip_ordinal(s, n, &i);
	skip_spaces(s, n, &i);
	/* ctime and date(1): "Jul 24 06:30:15 PDT 2012" */
	size_t clock = i;
	if (with_time > 0 && i + 2 < n && isdigit((unsigned char)s[i]) &&
	    (s[i + 1] == ':' || s[i + 2] == ':')) {
		char t[24];
		size_t k = read_time(s, n, i - 1, t, sizeof t);
		if (k) {
			clock = i - 1 + k;
			while (clock < n && s[clock] == ' ')
				clock++;
			size_t z = clock;
			while (z < n && isupper((unsigned char)s[z]))
				z++;
			if (z - clock <= 5 && z < n && s[z] == ' ')
				clock = z + 1;
			i = clock;
		}
	}
	int y = digits(s, n, &i, 4, &c2);
	if (c2 != 4 || (i < n && isdigit((unsigned char)s[i])))
		return 0;
	*used = i;
	return emit(out, y, m, d, NULL);
}

/* A weekday's name at s[0] ("Samstag", "sábado", "Tue"), with a comma or
 * dot after it and the spaces: its length; 0 when the word is none. */
static size_t weekday_at(const char *s, size_t n)
{
	char w[16];
	size_t k = 0;
	while (k < n && (isalpha((unsigned char)s[k]) || (unsigned char)s[k] >= 0x80 ||
	                 (k > 0 && s[k] == '-'))) {
		if (k >= sizeof w - 1)
			return 0;
		w[k] = (char)tolower((unsigned char)s[k]);
		k++;
	}
	w[k] = '\0';
	size_t i;
	for (i = 0; i < sizeof weekdays / sizeof weekdays[0]; i++)
		if (strcmp(w, weekdays[i]) == 0)
			break;
	if (k == 0 || i == sizeof weekdays / sizeof weekdays[0])
		return 0;
	if (k < n && (s[k] == ',' || s[k] == '.'))
		k++;
	while (k < n && s[k] == ' ')
		k++;
	return k;
}

/* Skips a leading weekday ("Tue, ", "Dienstag, ", "Mon "): any word
 * followed by a comma, or a weekday's name. */
static size_t skip_weekday(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80))
		i++;
	if (i > 1 && i < n && s[i] == ',') {
		i++;
		while (i < n && s[i] == ' ')
			i++;
		return i;
	}
	return weekday_at(s, n);
}

int wn_date_parse(const char *s, size_t n, int mdy, char out[WN_DATE_MAX])
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	if (n == 0)
		return 0;
	size_t w = skip_weekday(s, n);
	size_t used;
	return parse_at(s + w, n - w, mdy, 1, out, &used);
}

/* The first date in s, at the start of a word: 1 and [*start, *end)
 * its bytes; 0 when there is none. */
static int find_date(const char *s, size_t n, int mdy, int cued, char out[WN_DATE_MAX],
                     size_t *start, size_t *end)
{
	/* Every date it reads has digits (a day, a year): a text without
	 * any is looked at no further. */
	size_t first_digit = 0;
	while (first_digit < n && !isdigit((unsigned char)s[first_digit]))
		first_digit++;
	if (first_digit == n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		/* only at the start of a word */
		if (i > 0 && (isalnum((unsigned char)s[i - 1]) || (unsigned char)s[i - 1] >= 0x80))
			continue;
		if (!isalnum(c) && c < 0x80)
			continue;
		size_t used;
		if (parse_at(s + i, n - i, mdy, cued ? -1 : 0, out, &used)) {
			*start = i;
			*end = i + used;
			return 1;
		}
	}
	return 0;
}

int wn_date_find(const char *s, size_t n, int mdy, char out[WN_DATE_MAX])
{
	size_t start, end;
	return find_date(s, n, mdy, 0, out, &start, &end);
}

int wn_date_find_cued(const char *s, size_t n, int mdy, char out[WN_DATE_MAX])
{
	size_t start, end;
	return find_date(s, n, mdy, 1, out, &start, &end);
}

int wn_date_span(const char *s, size_t n, int mdy, char out[WN_DATE_MAX], size_t *start,
                 size_t *end)
{
	return find_date(s, n, mdy, 0, out, start, end);
}

/* A time of day at s[*i]: "04:30", "4:30 pm", "9.15 Uhr", "12:11 AM ET";
 * *i moves past it.  0 when there is none. */
static int clock_at(const char *s, size_t n, size_t *i)
{
	size_t j = *i;
	int c1, c2;
	int h = digits(s, n, &j, 2, &c1);
	if (h < 0 || h > 24 || j + 2 >= n || (s[j] != ':' && s[j] != '.'))
		return 0;
	j++;
	int m = digits(s, n, &j, 2, &c2);
	if (m < 0 || c2 != 2 || m > 59 || (j < n && isdigit((unsigned char)s[j])))
		return 0;
	if (j + 2 < n && s[j] == ':' && isdigit((unsigned char)s[j + 1]))
		j += 3;
	*i = j;
	return 1;
}

/* A word that a date line may hold besides its date: a weekday, "at",
 * "am", a zone ("EST", "UTC"), "Uhr", "h". */
static int clock_word(const char *w, size_t k)
{
	static const char *const words[] = {"at", "on", "am", "pm", "a.m", "p.m", "a.m.",
	                                    "p.m.", "uhr", "h", "à", "um", "às", "om", "alle",
	                                    "le", "el", "de", "del", "den", "der", "il",
	                                    "the", "of"};
	char low[16];
	if (k == 0 || k >= sizeof low)
		return 0;
	int upper = 1;
	for (size_t i = 0; i < k; i++) {
		low[i] = (char)tolower((unsigned char)w[i]);
		if (!isupper((unsigned char)w[i]))
			upper = 0;
	}
	low[k] = '\0';
	if (upper && k >= 2 && k <= 4) /* EST, UTC, CEST, ET */
		return 1;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(low, words[i]) == 0)
			return 1;
	return weekday_at(w, k) == k;
}

int wn_date_line(const char *s, size_t n, int mdy, char out[WN_DATE_MAX])
{
	size_t start, end;
	if (n > 160 || !find_date(s, n, mdy, 0, out, &start, &end))
		return 0;
	/* the words around the date that are not part of it */
	unsigned others = 0;
	for (size_t i = 0; i < n;) {
		if (i == start) {
			i = end;
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		if (isdigit(c)) {
			size_t j = i;
			if (clock_at(s, n, &j)) {
				i = j;
				continue;
			}
			while (i < n && isdigit((unsigned char)s[i]))
				i++;
			others++; /* a number of its own: "3 comments" */
			continue;
		}
		if (!isalpha(c) && c < 0x80) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && j != start &&
		       (isalpha((unsigned char)s[j]) || (unsigned char)s[j] >= 0x80 || s[j] == '.'))
			j++;
		if (!clock_word(s + i, j - i))
			others++;
		i = j;
	}
	return others <= 3;
}

int wn_date_word(const char *s, size_t n)
{
	size_t i = 0;
	if (n >= 3 && month_word(s, n, &i) && i == n)
		return 1;
	return n >= 3 && weekday_at(s, n) == n;
}

/* Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long wn_date_days(const char *iso)
{
	int y, m, d;
	if (iso == NULL || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !valid_day(y, m, d))
		return -1;
	return days_from_civil(y, m, d);
}

long wn_date_last_day(const char *fetched)
{
	time_t now = time(NULL);
	long today = now == (time_t)-1 ? LONG_MAX - 1 : (long)(now / 86400);
	long day = fetched ? wn_date_days(fetched) : -1;
	/* a day of slack: the page's zone may be ahead of UTC */
	return (day >= 0 && day < today ? day : today) + 1;
}

int wn_date_future(const char *iso, long last_day)
{
	long day = wn_date_days(iso);
	return day >= 0 && day > last_day;
}
