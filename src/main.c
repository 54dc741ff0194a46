/*
 * main.c - the winnow command: options, files, messages and exit statuses.
 * The only file that prints to stderr or exits.
 */
#include <errno.h>
#include <limits.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcntl.h>
#include <unistd.h>

#include "batch.h"
#include "output.h"
#include "stream.h"
#include "winnow.h"

enum {
	EXIT_OK = 0,
	EXIT_INPUT = 1, /* the input could not be read or processed */
	EXIT_USAGE = 2,
	EXIT_OUTPUT = 3 /* output could not be written, or out of memory */
};

static const char usage_text[] =
    "usage: winnow [-qx] [--stats] [-e name] [--input auto|html|text]\n"
    "              [-f text|markdown|json|jsonl] [--title] [--links] [--images]\n"
    "              [--with-markdown] [-u url] [--rules file] [--no-default-rules]\n"
    "              [--max-size size] [--max-memory size] [--work-budget units]\n"
    "              [--time-limit seconds] [--favor precision|recall|balanced]\n"
    "              [--lang list] [file | -]\n"
    "       winnow --jsonl [--html-field name] [--text-field name]\n"
    "              [--url-field name] [--with-markdown] [-x] [options] [file | -]\n"
    "       winnow --warc [--with-markdown] [-x] [options] [file | -]\n"
    "       winnow -o dir [-r dir]... [--files0-from file] [-j n] [--force]\n"
    "              [--dry-run] [--sync] [options] [file ...]\n"
    "       winnow [--rules file]... [--no-default-rules] --list-rules\n"
    "       winnow [-q] --check-rules file\n"
    "       winnow -h | -V\n";

static const char help_text[] =
    "\n"
    "Print the article text of a web page, without menus, footers, share\n"
    "widgets, comment sections and other boilerplate.\n"
    "\n"
    "  file               the page (HTML or text, possibly gzip-compressed);\n"
    "                     standard input when absent or -\n"
    "  -e, --encoding NAME  read the input in this character encoding\n"
    "                     (overrides BOM, <meta> and detection)\n"
    "  -i, --input KIND   auto (default: HTML when it starts with markup),\n"
    "                     html, or text that a scraper already extracted\n"
    "  -f, --format FORMAT  text (default; also txt), markdown (also md),\n"
    "                     json (one indented object with the metadata) or\n"
    "                     jsonl (the same on one line)\n"
    "      --title        text and markdown: the title first, then a blank line\n"
    "      --links        Markdown output: keep links as [text](absolute URL)\n"
    "      --images       Markdown output: keep images as ![alt](absolute URL)\n"
    "      --with-markdown  json, jsonl and the streams: add the \"markdown\" key\n"
    "  -u, --url URL      the page's address: the base of relative links and\n"
    "                     the \"url\" when the page names none\n"
    "  -q, --quiet        no warning (\"no article found\"); errors are still\n"
    "                     reported\n"
    "\n"
    "Streams: one JSON line out for each record in, flushed whenever the\n"
    "next read of the input would wait (for co-processes):\n"
    "      --jsonl        read JSON Lines: one record per line with the page\n"
    "                     under \"html\" (or \"text\"); write one JSON line per\n"
    "                     input line: the record's fields and those of json\n"
    "      --html-field NAME, --text-field NAME, --url-field NAME\n"
    "                     the record keys read by --jsonl\n"
    "      --warc         read a WARC file (plain or gzip); write one JSON line\n"
    "                     per HTML response, with url, warc_record_id, warc_date\n"
    "\n"
    "Rules:\n"
    "      --rules FILE   add the junk rules in FILE (winnow-rules(5));\n"
    "                     may be given several times\n"
    "      --no-default-rules  start without the built-in rules\n"
    "      --list-rules   print the rules that are loaded and exit\n"
    "      --check-rules FILE  run the + and - examples of the rules in FILE\n"
    "                     and exit: 0 when all pass, 1 when one fails\n"
    "\n"
    "Explaining:\n"
    "  -x, --explain      print every block with its features, score,\n"
    "                     decision and reason instead of the article (with\n"
    "                     json, jsonl and the streams: \"blocks\" and \"region\")\n"
    "      --stats        print to standard error how many blocks (and lines)\n"
    "                     each rule family removed, and the units of work\n"
    "\n"
    "Limits (a page past one fails alone):\n"
    "      --max-size SIZE  refuse input larger than SIZE bytes after\n"
    "                     decompression (k, M, G suffixes; 0 = no limit;\n"
    "                     default 8M)\n"
    "      --max-memory SIZE  fail a page that needs more than SIZE bytes of\n"
    "                     memory (k, M, G suffixes; 0: no cap; default 512M)\n"
    "      --work-budget UNITS  fail a page that needs more than UNITS units\n"
    "                     of work per byte of input (about one per byte\n"
    "                     scanned; pages under 64 KiB count as 64 KiB);\n"
    "                     the same page fails the same way on any machine\n"
    "                     (0: no bound; default 500, seven times what the\n"
    "                     costliest benchmark page needs)\n"
    "      --time-limit SECONDS  give up on a page after SECONDS of wall\n"
    "                     clock, a last resort for an overloaded machine\n"
    "                     (0: never; default 3 s plus 2 s per MB of input)\n"
    "      --favor WHAT   precision: leave out more of what may be boilerplate;\n"
    "                     recall: keep more of what may be article text;\n"
    "                     balanced (default)\n"
    "      --lang LIST    keep only articles in these languages: BCP 47 tags\n"
    "                     separated by commas (en,de); another article gives\n"
    "                     empty output and a note (in streams \"skipped\")\n"
    "\n"
    "An option that would have no effect with the others given (--links\n"
    "without Markdown output, -f markdown with --jsonl ...) is a usage error.\n"
    "\n";

static const char batch_help_text[] =
    "Batch mode: one output file per page under a directory; a page whose\n"
    "output is current is skipped, so running again resumes a stopped run:\n"
    "  -o, --output-dir DIR  write each page's output to DIR: a file argument\n"
    "                     to DIR/its name, its extension replaced by the\n"
    "                     format's (.txt .md .json .jsonl)\n"
    "  -r, -R, --recursive DIR  clean every .html .htm .xhtml .txt file\n"
    "                     (also .gz) in the tree DIR into the same tree\n"
    "                     under -o; may be given several times\n"
    "      --files0-from FILE  also clean the files named in FILE, each name\n"
    "                     ended by a NUL (find -print0), into the same paths\n"
    "                     under -o (as tar: no leading / or ../); - is\n"
    "                     standard input\n"
    "  -j, --jobs N       clean N pages at a time (default: one per core; fewer\n"
    "                     when N pages of --max-memory would not fit in 3/4\n"
    "                     of the memory)\n"
    "      --force        clean every page again, also those whose output is\n"
    "                     current (newer than the page, same options)\n"
    "  -n, --dry-run      print what would be cleaned or skipped; write nothing\n"
    "                     (the other options are taken, so that a command\n"
    "                     can be tried as it will be run)\n"
    "      --sync         flush every output to disk before it takes its name\n"
    "  -q, --quiet        also no progress line and no summary\n"
    "\n"
    "  -h, --help         print this help and exit\n"
    "  -V, --version      print the version and exit\n"
    "\n"
    "Exit status: 0 success (also when no article was found), 1 the input\n"
    "(in batch mode: some input) could not be read or processed, or an\n"
    "example of --check-rules failed, 2 usage error, 3 output error or out\n"
    "of memory.  See winnow(1).\n";

/* Parses "8M", "512k", "100" into bytes; -1 when malformed. */
static int parse_size(const char *s, size_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (end == s || errno || *s == '-')
		return -1;
	unsigned long long mult = 1;
	switch (*end) {
	case '\0':
		break;
	case 'k':
	case 'K':
		mult = 1ULL << 10;
		end++;
		break;
	case 'm':
	case 'M':
		mult = 1ULL << 20;
		end++;
		break;
	case 'g':
	case 'G':
		mult = 1ULL << 30;
		end++;
		break;
	default:
		return -1;
	}
	if (*end != '\0' || (v && mult > (unsigned long long)SIZE_MAX / v))
		return -1;
	*out = (size_t)(v * mult);
	return 0;
}

/*
 * Reads the whole stream, at most limit bytes (0: no limit).  Returns 0,
 * or -1 with errno set; *over is set when the stream was longer than the
 * limit.
 */
static int read_all(FILE *f, size_t limit, char **out, size_t *len, int *over)
{
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	*over = 0;
	if (buf == NULL)
		return -1;
	for (;;) {
		if (n == cap) {
			if (limit && cap > limit)
				break;
			char *p = realloc(buf, cap * 2);
			if (p == NULL) {
				free(buf);
				errno = ENOMEM;
				return -1;
			}
			buf = p;
			cap *= 2;
		}
		size_t want = cap - n;
		size_t got = fread(buf + n, 1, want, f);
		n += got;
		if (got < want) {
			if (ferror(f)) {
				int e = errno;
				free(buf);
				errno = e ? e : EIO;
				return -1;
			}
			break;
		}
	}
	if (limit && n > limit)
		*over = 1;
	*out = buf;
	*len = n;
	return 0;
}

static int write_out(const char *s, size_t len)
{
	if (len && fwrite(s, 1, len, stdout) != len)
		return -1;
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : -1;
}

/* Flushes what --help or --version printed (errno cleared before they
 * printed): EXIT_OK, or EXIT_OUTPUT with the one-line reason when it
 * could not be written (a full disk). */
static int stdout_done(void)
{
	if (write_out("", 0) == 0)
		return EXIT_OK;
	fprintf(stderr, "winnow: <stdout>: %s\n", strerror(errno ? errno : EIO));
	return EXIT_OUTPUT;
}

/* --stats: blocks removed per rule family, in the order families first
 * removed something; then the blocks that line rules cut lines out of. */
static void print_stats(const wn_doc *doc, const char *name)
{
	const char *family[2][64];
	unsigned count[2][64];
	size_t nf[2] = {0, 0}, total[2] = {0, 0}, n = wn_doc_block_count(doc);
	for (size_t i = 0; i < n; i++) {
		const struct wn_block *b = wn_doc_block(doc, i);
		/* 0: the block removed, 1: lines of it */
		int t = b->rule_lines ? 1 : 0;
		if (b->family == NULL || (t == 0 && b->decision != WN_DROP))
			continue;
		size_t k = 0;
		while (k < nf[t] && strcmp(family[t][k], b->family) != 0)
			k++;
		if (k == nf[t] && nf[t] < 64) {
			family[t][nf[t]] = b->family;
			count[t][nf[t]++] = 0;
		}
		if (k < nf[t])
			count[t][k]++;
		total[t]++;
	}
	fprintf(stderr, "winnow: %s: %zu of %zu blocks removed by rules", name, total[0], n);
	for (size_t k = 0; k < nf[0]; k++)
		fprintf(stderr, "%s %s %u", k ? "," : ":", family[0][k], count[0][k]);
	if (total[1]) {
		fprintf(stderr, "; lines removed from %zu block%s", total[1], total[1] == 1 ? "" : "s");
		for (size_t k = 0; k < nf[1]; k++)
			fprintf(stderr, "%s %s %u", k ? "," : ":", family[1][k], count[1][k]);
	}
	fputc('\n', stderr);
	fprintf(stderr, "winnow: %s: %llu units of work\n", name, wn_doc_work(doc));
}

/* --check-rules FILE: runs the examples of FILE's rules against them. */
static int check_rules(const char *path, int quiet)
{
	char err[512];
	char *report = NULL;
	size_t len, checked, failed;
	wn_rules *rules = wn_rules_new();
	if (rules == NULL) {
		fprintf(stderr, "winnow: out of memory\n");
		return EXIT_OUTPUT;
	}
	wn_status st = wn_rules_add_file(rules, path, err, sizeof err);
	if (st != WN_OK) {
		fprintf(stderr, "winnow: %s\n", err);
		wn_rules_free(rules);
		return st == WN_ERR_NOMEM ? EXIT_OUTPUT : EXIT_USAGE;
	}
	if (wn_rules_check(rules, &report, &len, &checked, &failed) != WN_OK) {
		fprintf(stderr, "winnow: out of memory\n");
		wn_rules_free(rules);
		return EXIT_OUTPUT;
	}
	for (char *line = report, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		fprintf(stderr, "winnow: %.*s\n", (int)(nl - line), line);
	}
	if (!failed && !quiet)
		fprintf(stderr, "winnow: %s: the %zu examples of %zu rules pass\n", path, checked,
		        wn_rules_count(rules));
	free(report);
	wn_rules_free(rules);
	return failed ? EXIT_INPUT : EXIT_OK;
}

/* --lang's list, for the note on a page it leaves out. */
static const char *lang_list;

static const struct option longopts[] = {
    {"encoding", required_argument, NULL, 'e'},
    {"explain", no_argument, NULL, 'x'},
    {"max-size", required_argument, NULL, 'M'},
    {"time-limit", required_argument, NULL, 'T'},
    {"work-budget", required_argument, NULL, 'B'},
    {"max-memory", required_argument, NULL, 'Z'},
    {"favor", required_argument, NULL, 'P'},
    {"lang", required_argument, NULL, 'G'},
    {"input", required_argument, NULL, 'i'},
    {"rules", required_argument, NULL, 'K'},
    {"no-default-rules", no_argument, NULL, 'N'},
    {"list-rules", no_argument, NULL, 'L'},
    {"check-rules", required_argument, NULL, 'C'},
    {"stats", no_argument, NULL, 'S'},
    {"format", required_argument, NULL, 'f'},
    {"title", no_argument, NULL, 't'},
    {"links", no_argument, NULL, 'l'},
    {"images", no_argument, NULL, 'I'},
    {"with-markdown", no_argument, NULL, 'W'},
    {"url", required_argument, NULL, 'u'},
    {"jsonl", no_argument, NULL, 'J'},
    {"warc", no_argument, NULL, 'A'},
    {"html-field", required_argument, NULL, 'H'},
    {"text-field", required_argument, NULL, 'X'},
    {"url-field", required_argument, NULL, 'U'},
    {"output-dir", required_argument, NULL, 'o'},
    {"recursive", required_argument, NULL, 'R'},
    {"files0-from", required_argument, NULL, '0'},
    {"jobs", required_argument, NULL, 'j'},
    {"force", no_argument, NULL, 'F'},
    {"dry-run", no_argument, NULL, 'n'},
    {"sync", no_argument, NULL, 'Y'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* The short options; the leading ':' has getopt_long return ':' for a
 * missing argument.  opterr is 0: the messages are ours. */
static const char shortopts[] = ":e:f:i:r:u:xhVo:R:j:nq";

/* An option as messages name it: its short form when it has one. */
static const char *opt_name(int c)
{
	static char buf[40];
	if (c < 128 && c != ':' && strchr(shortopts, c) && c != 'R') {
		snprintf(buf, sizeof buf, "-%c", c);
		return buf;
	}
	for (const struct option *o = longopts; o->name; o++)
		if (o->val == c) {
			snprintf(buf, sizeof buf, "--%s", o->name);
			return buf;
		}
	return "?";
}

/* getopt_long's errors, as one line each: an unknown or ambiguous
 * option, a value missing or one given to an option that takes none.
 * arg is the argument being read (argv[optind - 1]). */
static void bad_option(int c, const char *arg)
{
	int is_long = strncmp(arg, "--", 2) == 0;
	size_t n = is_long ? strcspn(arg + 2, "=") : 0;
	if (c == ':') {
		fprintf(stderr, "winnow: %s: needs a value\n",
		        is_long ? arg : opt_name(optopt));
		return;
	}
	/* A long option given "=value" that takes none sets optopt to it. */
	if (is_long && optopt != 0 && arg[2 + n] == '=') {
		fprintf(stderr, "winnow: --%.*s: takes no value\n", (int)n, arg + 2);
		return;
	}
	if (!is_long || optopt != 0) {
		fprintf(stderr, "winnow: -%c: unknown option (winnow --help lists them)\n", optopt);
		return;
	}
	/* An unknown name, or the start of several. */
	char names[256] = "";
	size_t len = 0;
	int nmatch = 0;
	for (const struct option *o = longopts; o->name && n > 0; o++)
		if (strncmp(o->name, arg + 2, n) == 0 && len < sizeof names) {
			len += (size_t)snprintf(names + len, sizeof names - len, "%s--%s",
			                        nmatch++ ? ", " : "", o->name);
		}
	if (nmatch > 1)
		fprintf(stderr, "winnow: --%.*s: ambiguous option (%s)\n", (int)n, arg + 2, names);
	else
		fprintf(stderr, "winnow: --%.*s: unknown option (winnow --help lists them)\n",
		        (int)n, arg + 2);
}

/* What the command line asked for, once parsed: the checks of the
 * combinations below read it. */
struct cmdline {
	unsigned char given[128]; /* the options given, by getopt code */
	struct wn_output render;
	int format_given;
	int stream_mode; /* 'J' (--jsonl), 'A' (--warc) or 0 */
	int nfiles;      /* file arguments */
	const char *first_file;
};

/* An option that would have no effect with the others given is a usage
 * error: one line, and -1.  The single page, the streams and batch mode
 * share the rules on output options; --list-rules and --check-rules take
 * nothing else. */
static int check_combinations(const struct cmdline *cl)
{
	const unsigned char *g = cl->given;
	const struct wn_output *r = &cl->render;
	const char *stream = cl->stream_mode == 'J' ? "--jsonl" : "--warc";
	for (int k = 0; k < 2; k++) {
		int mode = k == 0 ? 'L' : 'C';
		if (!g[mode])
			continue;
		const char *what = k == 0 ? "--list-rules prints the rules and exits"
		                          : "--check-rules checks its file alone";
		for (int c = 1; c < 128; c++) {
			/* --list-rules lists the rule set that --rules and
			 * --no-default-rules make; -q is taken in every mode */
			int allowed = c == mode || c == 'q' || (mode == 'L' && (c == 'K' || c == 'N'));
			if (g[c] && !allowed) {
				fprintf(stderr, "winnow: %s: %s has no effect\n", what, opt_name(c));
				return -1;
			}
		}
		if (cl->nfiles) {
			fprintf(stderr, "winnow: %s: it reads no page (%s)\n", what, cl->first_file);
			return -1;
		}
	}
	if (g['J'] && g['A']) {
		fprintf(stderr, "winnow: --jsonl and --warc: one kind of stream at a time\n");
		return -1;
	}
	for (const char *f = "HXU"; *f; f++)
		if (g[(unsigned char)*f] && !g['J']) {
			fprintf(stderr, "winnow: %s has no effect without --jsonl\n", opt_name(*f));
			return -1;
		}
	if (cl->stream_mode) {
		if (cl->format_given && r->format != WN_FORMAT_JSONL) {
			fprintf(stderr, "winnow: %s writes JSON Lines: -f %s has no effect%s\n", stream,
			        r->format == WN_FORMAT_TEXT ? "text"
			        : r->format == WN_FORMAT_JSON ? "json" : "markdown",
			        r->format == WN_FORMAT_MARKDOWN ? " (--with-markdown adds \"markdown\")" : "");
			return -1;
		}
		if (g['S']) {
			fprintf(stderr, "winnow: --stats: one page at a time, not with %s\n", stream);
			return -1;
		}
		if (g['t']) {
			fprintf(stderr, "winnow: --title has no effect with %s (each line has "
			                "\"title\")\n", stream);
			return -1;
		}
		if (g['u']) {
			fprintf(stderr, "winnow: -u has no effect with %s: each page's address is %s\n",
			        stream, cl->stream_mode == 'J' ? "its record's (--url-field)"
			                                       : "its WARC-Target-URI");
			return -1;
		}
		if (cl->stream_mode == 'J' && g['e']) {
			fprintf(stderr, "winnow: -e has no effect with --jsonl: the records are JSON, "
			                "read as UTF-8\n");
			return -1;
		}
		if (cl->stream_mode == 'J' && g['i']) {
			fprintf(stderr, "winnow: --input has no effect with --jsonl: a record's page is "
			                "HTML under --html-field, text under --text-field\n");
			return -1;
		}
	}
	int json = cl->stream_mode || r->format == WN_FORMAT_JSON || r->format == WN_FORMAT_JSONL;
	if (r->explain && r->format == WN_FORMAT_MARKDOWN) {
		fprintf(stderr, "winnow: -x prints a table of the blocks: -f markdown has no effect "
		                "(-x -f json adds \"blocks\" to the JSON)\n");
		return -1;
	}
	if (g['t'] && (json || r->explain)) {
		fprintf(stderr, "winnow: --title has no effect with %s\n",
		        r->explain ? "-x" : r->format == WN_FORMAT_JSON ? "-f json (it has \"title\")"
		                                                        : "-f jsonl (it has \"title\")");
		return -1;
	}
	if (g['W'] && !json) {
		fprintf(stderr, "winnow: --with-markdown has no effect without JSON output "
		                "(-f json, -f jsonl, --jsonl, --warc)\n");
		return -1;
	}
	int markdown = json ? r->markdown : r->format == WN_FORMAT_MARKDOWN && !r->explain;
	for (const char *f = "lI"; *f; f++)
		if (g[(unsigned char)*f] && !markdown) {
			fprintf(stderr, "winnow: %s has no effect without Markdown output (-f markdown, "
			                "or --with-markdown with JSON)\n", opt_name(*f));
			return -1;
		}
	return 0;
}

static int run(int argc, char **argv, const wn_options *opts, size_t max_input,
               const struct wn_output *render, int stats, int quiet);
static int run_stream(int argc, char **argv, const wn_options *opts,
                      const struct wn_stream *cfg, int warc);

/* The page options; a global, freed at the end of main, so that no exit
 * path leaks them. */
static wn_options *opts;

/* Sets a numeric option (main's values are in range): -1 when not. */
static int set_option(const char *name, double value)
{
	return wn_options_set(opts, name, value) == WN_OK ? 0 : -1;
}

/* A setter's status: 0, or -1 after the message (out of memory). */
static int set_ok(wn_status st)
{
	if (st == WN_OK)
		return 0;
	fprintf(stderr, "winnow: %s\n", wn_status_str(st));
	return -1;
}

static int main_options(int argc, char **argv);

int main(int argc, char **argv)
{
	opts = wn_options_new();
	if (opts == NULL) {
		fprintf(stderr, "winnow: out of memory\n");
		return EXIT_OUTPUT;
	}
	int rc = main_options(argc, argv);
	wn_options_free(opts);
	return rc;
}

static int main_options(int argc, char **argv)
{
	double dflt;
	wn_options_get(opts, "max_input", &dflt);
	size_t max_input = (size_t)dflt, size;
	int stats = 0, list_rules = 0, default_rules = 1, quiet = 0, c;
	struct cmdline cl;
	memset(&cl, 0, sizeof cl);
	cl.render = (struct wn_output){WN_FORMAT_TEXT, 0, 0, 0};
	unsigned md_extras = 0;
	struct wn_stream stream = {"html", "text", "url", 0, 0, 0};
	const char *rule_files[64];
	int nrule_files = 0;
	const char *check_file = NULL;
	struct wn_batch batch;
	memset(&batch, 0, sizeof batch);
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (c == 'r') /* -r DIR and -R DIR: both --recursive */
			c = 'R';
		if (c > 0 && c < 128)
			cl.given[c] = 1;
		switch (c) {
		case 'T': {
			char *end;
			errno = 0;
			double t = strtod(optarg, &end);
			if (end == optarg || *end || errno || t < 0 || t > 1e6) {
				fprintf(stderr, "winnow: --time-limit: '%s' is not a number of seconds\n",
				        optarg);
				return EXIT_USAGE;
			}
			set_option("time_limit", t);
			break;
		}
		case 'B': {
			char *end;
			errno = 0;
			unsigned long u = strtoul(optarg, &end, 10);
			if (end == optarg || *end || errno || *optarg == '-' || u > UINT_MAX) {
				fprintf(stderr, "winnow: --work-budget: '%s' is not a number of units\n",
				        optarg);
				return EXIT_USAGE;
			}
			set_option("work_budget", (double)u);
			break;
		}
		case 'Z':
			if (parse_size(optarg, &size) != 0) {
				fprintf(stderr, "winnow: --max-memory: '%s' is not a size\n", optarg);
				return EXIT_USAGE;
			}
			set_option("max_memory", (double)size);
			break;
		case 'G': {
			wn_status st = wn_options_set_languages(opts, optarg);
			if (st == WN_ERR_ARG || !*optarg) {
				fprintf(stderr, "winnow: --lang: '%s' is not a list of language tags\n",
				        optarg);
				return EXIT_USAGE;
			}
			if (set_ok(st) != 0)
				return EXIT_OUTPUT;
			lang_list = optarg;
			break;
		}
		case 'P':
			if (strcmp(optarg, "precision") == 0)
				wn_options_favor(opts, WN_FAVOR_PRECISION);
			else if (strcmp(optarg, "recall") == 0)
				wn_options_favor(opts, WN_FAVOR_RECALL);
			else if (strcmp(optarg, "balanced") == 0)
				wn_options_favor(opts, WN_FAVOR_BALANCED);
			else {
				fprintf(stderr, "winnow: --favor: '%s' is not precision, recall or balanced\n",
				        optarg);
				return EXIT_USAGE;
			}
			break;
		case 'i':
			if (strcmp(optarg, "auto") == 0)
				wn_options_set_input(opts, WN_INPUT_AUTO);
			else if (strcmp(optarg, "html") == 0)
				wn_options_set_input(opts, WN_INPUT_HTML);
			else if (strcmp(optarg, "text") == 0)
				wn_options_set_input(opts, WN_INPUT_TEXT);
			else {
				fprintf(stderr, "winnow: --input: '%s' is not auto, html or text\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'K':
			if (nrule_files == (int)(sizeof rule_files / sizeof rule_files[0])) {
				fprintf(stderr, "winnow: --rules: at most %zu files\n",
				        sizeof rule_files / sizeof rule_files[0]);
				return EXIT_USAGE;
			}
			rule_files[nrule_files++] = optarg;
			break;
		case 'N':
			default_rules = 0;
			break;
		case 'L':
			list_rules = 1;
			break;
		case 'C':
			if (check_file) {
				fprintf(stderr, "winnow: --check-rules: one file at a time\n");
				return EXIT_USAGE;
			}
			check_file = optarg;
			break;
		case 'S':
			stats = 1;
			break;
		case 'e':
			if (set_ok(wn_options_set_encoding(opts, optarg)) != 0)
				return EXIT_OUTPUT;
			break;
		case 'x':
			cl.render.explain = 1;
			break;
		case 'f':
			/* the explain table is -x, not a format */
			if (wn_format_parse(optarg, &cl.render.format) != WN_OK ||
			    cl.render.format == WN_FORMAT_EXPLAIN) {
				fprintf(stderr, "winnow: --format: '%s' is not text, markdown, json or jsonl\n",
				        optarg);
				return EXIT_USAGE;
			}
			cl.format_given = 1;
			break;
		case 't':
			cl.render.title = 1;
			break;
		case 'l':
			md_extras |= WN_MD_LINKS;
			break;
		case 'I':
			md_extras |= WN_MD_IMAGES;
			break;
		case 'W':
			cl.render.markdown = 1;
			break;
		case 'u':
			if (set_ok(wn_options_set_url(opts, optarg)) != 0)
				return EXIT_OUTPUT;
			break;
		case 'J':
		case 'A':
			cl.stream_mode = c;
			break;
		case 'H':
			stream.html_field = optarg;
			break;
		case 'X':
			stream.text_field = optarg;
			break;
		case 'U':
			stream.url_field = optarg;
			break;
		case 'M':
			if (parse_size(optarg, &max_input) != 0) {
				fprintf(stderr, "winnow: --max-size: '%s' is not a size\n", optarg);
				return EXIT_USAGE;
			}
			set_option("max_input", (double)max_input);
			break;
		case 'q':
			/* no warnings in every mode; in batch mode also no progress
			 * line and no summary */
			quiet = 1;
			/* fall through */
		case 'o':
		case 'R':
		case '0':
		case 'j':
		case 'F':
		case 'n':
		case 'Y':
			if (wn_batch_option(&batch, c, optarg) != 0)
				return EXIT_USAGE;
			break;
		case 'h':
			errno = 0;
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			fputs(batch_help_text, stdout);
			return stdout_done();
		case 'V':
			errno = 0;
			puts("winnow " WN_VERSION);
			return stdout_done();
		default: /* '?' or ':' */
			bad_option(c, argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	cl.nfiles = argc - optind;
	cl.first_file = optind < argc ? argv[optind] : NULL;
	if (check_combinations(&cl) != 0)
		return EXIT_USAGE;
	if (check_file)
		return check_rules(check_file, quiet);
	struct wn_output render = cl.render;
	/* The rule set: built-in unless --no-default-rules, plus --rules. */
	wn_rules *rules = NULL;
	if (!default_rules || nrule_files > 0 || list_rules) {
		char err[512];
		rules = wn_rules_new();
		if (rules == NULL || (default_rules && wn_rules_add_default(rules) != WN_OK)) {
			fprintf(stderr, "winnow: out of memory\n");
			wn_rules_free(rules);
			return EXIT_OUTPUT;
		}
		for (int k = 0; k < nrule_files; k++) {
			wn_status st = wn_rules_add_file(rules, rule_files[k], err, sizeof err);
			if (st != WN_OK) {
				fprintf(stderr, "winnow: %s\n", err);
				wn_rules_free(rules);
				return st == WN_ERR_NOMEM ? EXIT_OUTPUT : EXIT_USAGE;
			}
		}
		wn_options_set_rules(opts, rules);
	}
	if (list_rules) {
		char *text;
		size_t len;
		int rc = EXIT_OK;
		if (wn_rules_list(rules, &text, &len) != WN_OK) {
			fprintf(stderr, "winnow: out of memory\n");
			rc = EXIT_OUTPUT;
		} else {
			if (write_out(text, len) != 0) {
				fprintf(stderr, "winnow: <stdout>: %s\n", strerror(errno ? errno : EIO));
				rc = EXIT_OUTPUT;
			}
			free(text);
		}
		wn_rules_free(rules);
		return rc;
	}
	if (cl.stream_mode) {
		render.format = WN_FORMAT_JSONL;
		stream.markdown = render.markdown;
		stream.explain = render.explain;
		stream.max_record = max_input;
	}
	wn_options_set_markdown(opts, wn_output_markdown_flags(&render, md_extras));
	int rc;
	if (cl.stream_mode && wn_batch_wanted(&batch)) {
		fprintf(stderr, "winnow: --jsonl and --warc write to standard output, not with -o\n");
		rc = EXIT_USAGE;
	} else if (cl.stream_mode) {
		rc = run_stream(argc, argv, opts, &stream, cl.stream_mode == 'A');
	} else if (!wn_batch_wanted(&batch)) {
		rc = run(argc, argv, opts, max_input, &render, stats, quiet);
	} else if (stats) {
		fprintf(stderr, "winnow: --stats: one file at a time, not with -o\n");
		rc = EXIT_USAGE;
	} else {
		rc = wn_batch_run(&batch, argc - optind, argv + optind, opts, max_input, &render);
	}
	wn_rules_free(rules);
	return rc;
}

/* The one input of the single-file and stream modes: *path is the file,
 * or NULL for standard input ("-" or none); *name is how messages call
 * it.  -1 (with the usage message) when more than one is given. */
static int one_input(int argc, char **argv, const char **path, const char **name)
{
	if (argc - optind > 1) {
		fprintf(stderr, "winnow: one file at a time (batch mode, -o DIR, takes several)\n");
		return -1;
	}
	*path = optind < argc && strcmp(argv[optind], "-") != 0 ? argv[optind] : NULL;
	*name = *path ? *path : "<stdin>";
	return 0;
}

/* --jsonl and --warc: a stream of records in, JSON Lines out.  Only a
 * fatal error (the input cannot be read, the output cannot be written,
 * memory) ends it with a non-zero status; a bad record is a line with
 * "error". */
static int run_stream(int argc, char **argv, const wn_options *opts,
                      const struct wn_stream *cfg, int warc)
{
	const char *path, *name;
	if (one_input(argc, argv, &path, &name) != 0)
		return EXIT_USAGE;
	int is_stdin = path == NULL;
	char err[512] = "";
	int fd = is_stdin ? 0 : open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "winnow: %s: %s\n", name, strerror(errno));
		return EXIT_INPUT;
	}
	int rc = warc ? wn_stream_warc(fd, stdout, opts, cfg, err, sizeof err)
	              : wn_stream_jsonl(fd, stdout, opts, cfg, err, sizeof err);
	if (!is_stdin)
		close(fd);
	if (rc == WN_STREAM_OK && write_out("", 0) != 0) {
		snprintf(err, sizeof err, "<stdout>: %s", strerror(errno ? errno : EIO));
		rc = WN_STREAM_OUTPUT;
	}
	if (rc == WN_STREAM_OUTPUT) {
		fprintf(stderr, "winnow: %s\n", err);
		return EXIT_OUTPUT;
	}
	if (rc == WN_STREAM_INPUT) {
		fprintf(stderr, "winnow: %s: %s\n", name, err);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

/* Reads one page, cleans it, writes the result: the exit status. */
static int run(int argc, char **argv, const wn_options *opts, size_t max_input,
               const struct wn_output *render, int stats, int quiet)
{
	const char *path, *name;
	if (one_input(argc, argv, &path, &name) != 0)
		return EXIT_USAGE;
	int is_stdin = path == NULL;

	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "winnow: %s: %s\n", name, strerror(errno));
		return EXIT_INPUT;
	}
	char *data;
	size_t len;
	int over;
	int rc = read_all(f, max_input, &data, &len, &over);
	int read_errno = errno;
	if (!is_stdin)
		fclose(f);
	if (rc != 0) {
		fprintf(stderr, "winnow: %s: %s\n", name, strerror(read_errno));
		return read_errno == ENOMEM ? EXIT_OUTPUT : EXIT_INPUT;
	}
	if (over) {
		fprintf(stderr, "winnow: %s: input is over the limit of %zu bytes (--max-size)\n",
		        name, max_input);
		free(data);
		return EXIT_INPUT;
	}

	wn_doc *doc = wn_doc_new(opts);
	if (doc == NULL) {
		fprintf(stderr, "winnow: %s: out of memory\n", name);
		free(data);
		return EXIT_OUTPUT;
	}
	wn_status st = wn_doc_load(doc, data, len);
	free(data);
	if (st != WN_OK) {
		fprintf(stderr, "winnow: %s: %s\n", name, wn_doc_errmsg(doc));
		wn_doc_free(doc);
		return st == WN_ERR_NOMEM ? EXIT_OUTPUT : EXIT_INPUT;
	}
	char *out;
	size_t outlen;
	int empty;
	st = wn_output_doc(render, doc, &out, &outlen, &empty);
	if (st != WN_OK) {
		fprintf(stderr, "winnow: %s: %s\n", name, wn_status_str(st));
		wn_doc_free(doc);
		return EXIT_OUTPUT;
	}
	const char *other = wn_doc_language_skipped(doc);
	if (!render->explain && empty && !quiet && other)
		fprintf(stderr, "winnow: %s: the article is in %s, not in --lang %s\n", name, other,
		        lang_list);
	else if (!render->explain && empty && !quiet)
		fprintf(stderr, "winnow: %s: no article found\n", name);
	if (stats)
		print_stats(doc, name);
	wn_doc_free(doc);
	int werr = write_out(out, outlen);
	free(out);
	if (werr) {
		fprintf(stderr, "winnow: <stdout>: %s\n", strerror(errno ? errno : EIO));
		return EXIT_OUTPUT;
	}
	return EXIT_OK;
}
