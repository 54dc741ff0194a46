/*
 * budget.c - what a page may spend: a deterministic work budget, and the
 * wall clock as a last resort.
 *
 * Every stage that loops over the page charges units of work to it (one
 * unit is about one byte scanned: a node walked, a byte normalised, a
 * parser allocation, a regex step allowed).  A page whose work passes its
 * budget fails with WN_ERR_BUDGET, at the same point on every machine,
 * however busy: the budget depends on the input alone.  The clock is read
 * only every CLOCK_EVERY units, so charging costs an add and a compare.
 */
#include "page.h"

#include <stdio.h>
#include <time.h>

/* Units of work between two looks at the clock. */
#define CLOCK_EVERY 65536

double wn_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void wn_page_budget_start(struct wn_page *pg, size_t input_len, const struct wn_options *o)
{
	pg->work = 0;
	pg->stopped = WN_OK;
	pg->next_clock = CLOCK_EVERY;
	pg->work_limit = 0;
	if (o->work_budget > 0) {
		/* A small page gets the budget of a WN_BUDGET_MIN_BYTES one:
		 * fixed costs (the rules, the parser's set-up) dominate there. */
		size_t basis = input_len > WN_BUDGET_MIN_BYTES ? input_len : WN_BUDGET_MIN_BYTES;
		double limit = (double)o->work_budget * (double)basis;
		pg->work_limit = limit >= 1.8e19 ? UINT64_MAX : (uint64_t)limit;
	}
	double t = o->time_limit < 0 ? 3.0 + 2.0 * (double)input_len / 1e6 : o->time_limit;
	pg->deadline = t > 0 ? wn_now() + t : 0;
}

wn_status wn_page_charge_slow(struct wn_page *pg)
{
	if (pg->stopped != WN_OK)
		return pg->stopped;
	if (pg->work_limit && pg->work > pg->work_limit) {
		pg->stopped = WN_ERR_BUDGET;
	} else if (pg->work >= pg->next_clock) {
		pg->next_clock = pg->work + CLOCK_EVERY;
		if (pg->deadline > 0 && wn_now() > pg->deadline)
			pg->stopped = WN_ERR_TIME;
	}
	return pg->stopped;
}

wn_status wn_page_stopped(struct wn_page *pg)
{
	if (pg->stopped == WN_OK && pg->deadline > 0 && wn_now() > pg->deadline)
		pg->stopped = WN_ERR_TIME;
	return pg->stopped;
}

const char *wn_page_stop_reason(const struct wn_page *pg, const struct wn_options *o,
                                char *buf, size_t len)
{
	if (pg->stopped == WN_ERR_BUDGET)
		snprintf(buf, len, "the page needs more work than its budget of %u units "
		         "per input byte (work_budget); it will fail the same way again",
		         o->work_budget);
	else
		snprintf(buf, len, "the page took longer than the time limit (time_limit); "
		         "a retry on a less busy machine may succeed");
	return buf;
}

const char *wn_page_memory_reason(const struct wn_options *o, char *buf, size_t len)
{
	snprintf(buf, len, "the page needs more than %zu MiB of memory (max_memory)",
	         o->max_memory >> 20);
	return buf;
}
