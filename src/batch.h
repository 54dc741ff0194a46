/*
 * batch.h - batch mode of the command (batch.c): many pages in, one output
 * file each under -o DIR, from directory trees (-R), file arguments and
 * --files0-from lists, cleaned by -j worker threads, resumable.  Part of
 * the command, not the library: it prints its own messages.
 */
#ifndef WN_BATCH_H
#define WN_BATCH_H

#include "output.h"
#include "winnow.h"

/* Most -R directories on one command line (more: use --files0-from). */
#define WN_BATCH_MAX_ROOTS 256

/* The batch options, as main.c parsed them.  Strings are not owned: they
 * point into argv. */
struct wn_batch {
	const char *outdir;                       /* -o DIR */
	const char *roots[WN_BATCH_MAX_ROOTS];    /* -R DIR, in order */
	int nroots;
	const char *files0;                       /* --files0-from FILE, "-" */
	unsigned jobs;                            /* -j N; 0: online cores */
	int force;                                /* --force: redo every output */
	int dry_run;                              /* --dry-run: say, do nothing */
	int sync;                                 /* --sync: fdatasync each file */
	int quiet;                                /* -q: no progress, no summary */
	int jobs_given;                           /* -j was on the command line */
};

/*
 * Records one batch option, by main.c's getopt code: 'o' (-o), 'R', '0'
 * (--files0-from), 'j', 'F' (--force), 'n' (--dry-run), 'Y' (--sync),
 * 'q'.  Returns 0, or -1 after a message for a bad value (a usage error).
 */
int wn_batch_option(struct wn_batch *b, int c, const char *arg);

/* Whether any batch option was given, so that the command is in batch
 * mode (wn_batch_run then says what is missing); -q alone is not one. */
int wn_batch_wanted(const struct wn_batch *b);

/*
 * Cleans every input (the -R trees, the nfiles file arguments, the
 * --files0-from list) into its own file under b->outdir.  opts, render
 * and max_input (the option's value, for reading) are those of a
 * single-file run; opts and its rules are shared read-only by the worker
 * threads.  Prints its messages and returns the command's exit
 * status: 0 all done, 1 some inputs failed, 2 usage error, 3 fatal (the
 * output could not be written, out of memory).
 */
int wn_batch_run(const struct wn_batch *b, int nfiles, char **files, const wn_options *opts,
                 size_t max_input, const struct wn_output *render);

#endif
