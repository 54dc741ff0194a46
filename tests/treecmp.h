/*
 * treecmp.h - Gumbo's tree of a page against its tree of the same page
 * after the prescan's stripping (WN_PRESCAN_STRIP): equal node by node,
 * less the content stripped.  Shared by test_prescan.c and the
 * differential fuzz target.
 */
#ifndef WN_TREECMP_H
#define WN_TREECMP_H

#include <stddef.h>

/* 0 when the trees agree; otherwise -1 and a description of the first
 * difference in why.  1 when Gumbo could not parse the original (it
 * aborted): nothing to compare. */
int wn_treecmp(const char *html, size_t len, char *why, size_t whylen);

#endif
