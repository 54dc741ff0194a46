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

#endif
