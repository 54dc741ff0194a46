/*
 * treecmp.h - Gumbo's tree of a page against its tree of the same page
 * after the prescan's stripping (WN_PRESCAN_STRIP, WN_PRESCAN_UNUSED_ATTRS,
 * WN_PRESCAN_COLLAPSE_SPACE): equal node by node, less the content and
 * the attributes stripped, and but for the length of runs of white space
 * outside pre and listing.
 * Shared by test_prescan.c and the differential fuzz target.
 */
#ifndef WN_TREECMP_H
#define WN_TREECMP_H

#include <stddef.h>

/* 0 when the trees agree; otherwise -1 and a description of the first
 * difference in why.  1 when Gumbo could not parse the original (it
 * aborted): nothing to compare. */
int wn_treecmp(const char *html, size_t len, char *why, size_t whylen);

/*
 * The bounds hold on the page as the prescan passes it to Gumbo
 * (WN_PRESCAN_STRIP | WN_PRESCAN_SAFE, max_nesting and max_attributes as
 * given): Gumbo does not abort on it; no element of its tree is nested
 * deeper than 2 * max_nesting + WN_TREEBOUNDS_SLACK elements (not counting
 * those Gumbo implies: html, head, body, tbody, tr ...; the prescan's
 * model of the stack of open elements is approximate where the adoption
 * agency moves elements and in templates, so the bound has a factor and
 * a constant: the fuzzer found pages 115 deep at max_nesting 24, 715 at
 * 400, which do not get deeper when repeated); the html and body
 * elements have at most max_attributes attributes; Gumbo reopened at most
 * 2 * WN_PRESCAN_CLONE_BUDGET(len) formatting elements (the prescan's
 * list of them is approximate too: the fuzzer found 319 against a budget
 * of 306).  0 when they hold,
 * else -1 and why.
 */
#define WN_TREEBOUNDS_SLACK 100
int wn_treebounds(const char *html, size_t len, unsigned max_nesting,
                  unsigned max_attributes, char *why, size_t whylen);

#endif
