/*
 * date.h - reading dates into ISO 8601 (date.c).
 */
#ifndef WN_DATE_H
#define WN_DATE_H

#include <stddef.h>

/* Room for "YYYY-MM-DDThh:mm:ss+hh:mm" and its NUL. */
#define WN_DATE_MAX 32

/* s (n bytes) is a date, perhaps after a weekday and with a time: out gets
 * it as ISO 8601 and 1 is returned; 0 when it is none.  mdy reads
 * "03/04/2019" as March 4 (the American order) instead of 3 April. */
int wn_date_parse(const char *s, size_t n, int mdy, char out[WN_DATE_MAX]);

/* The first date inside a line of text ("Published March 12, 2019 by
 * ..."), without its time: out gets "YYYY-MM-DD". */
int wn_date_find(const char *s, size_t n, int mdy, char out[WN_DATE_MAX]);

/* wn_date_find in a line whose words say it holds the page's date
 * ("Written by A. Author on 19/10/12"): a year of two digits is read
 * too, where day and month cannot be taken for each other. */
int wn_date_find_cued(const char *s, size_t n, int mdy, char out[WN_DATE_MAX]);

/* wn_date_find, and [*start, *end) gets the date's bytes in s. */
int wn_date_span(const char *s, size_t n, int mdy, char out[WN_DATE_MAX], size_t *start,
                 size_t *end);

/* s is a date line: a date, with perhaps a weekday, a time of day and
 * at most three words besides ("Samstag, 19. Juli 2014", "22/11/2020 -
 * 04:30", "Associated Press November 19, 2019, 9:02 AM"); out gets the
 * day as in wn_date_find. */
int wn_date_line(const char *s, size_t n, int mdy, char out[WN_DATE_MAX]);

/* The n bytes at s are the name of a month or a weekday ("November",
 * "Okt.", "Samstag") in one of the languages covered. */
int wn_date_word(const char *s, size_t n);

/* Days since 1970-01-01 of the day an ISO 8601 date starts with; -1 when
 * it starts with none. */
long wn_date_days(const char *iso);

/* The last day a page fetched on the day fetched starts with (ISO 8601,
 * a WARC-Date; NULL or unreadable: today by the system clock, in UTC) can
 * have been published: the day after it, as the page's time zone may be
 * ahead of UTC. */
long wn_date_last_day(const char *fetched);

/* The day iso starts with is after last_day (wn_date_last_day): no page
 * was published then. */
int wn_date_future(const char *iso, long last_day);

#endif
