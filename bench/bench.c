/*
 * bench.c - winnow-bench: how much slower winnow's whole pipeline is than
 * a bare Gumbo parse of the same pages, and how much memory it takes.
 *
 * One run times, over every page of a corpus directory:
 *
 *   gumbo   gumbo_parse_with_options (kGumboDefaultOptions, max_errors 0)
 *           + gumbo_destroy_output: the "bare parse" of /work/shared/GUMBO.md
 *   winnow  wn_doc_load + wn_doc_text on one wn_doc reused for every page
 *   fresh   the same with a new wn_doc for every page
 *
 * in R rounds, alternating the variants so that machine noise hits all of
 * them, and reports the median round of each and the ratio of the medians.
 * Pages are decompressed into memory first; only the calls are timed.
 * With --only, one variant runs alone and pages are read from disk one at
 * a time (reading not timed), so that the peak RSS is that variant's own
 * and not the corpus held in memory.  See bench/README.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <gumbo.h>
#include <zlib.h>

#include "page.h" /* the doc's pool, for its peak */
#include "options.h"
#include "winnow.h"

/* The options every winnow doc of the run is made with. */
static struct wn_options winnow_opts;
static int bench_format; /* 0 text, 1 markdown, 2 json (--format) */

/* The corpus used when no directory is given.  meson defines it as
 * <source root>/../shared/bench/scrapinghub; a hand build gets a path
 * relative to the current directory. */
#ifndef WN_BENCH_CORPUS
#define WN_BENCH_CORPUS "../shared/bench/scrapinghub"
#endif

#define PROG "winnow-bench"
#define MAX_ROUNDS 1000
#define SLOW_PAGE_MB_S 5.0 /* the target: no page slower than this */

/* Exit statuses. */
enum { EXIT_CHECK_FAILED = 1, EXIT_TROUBLE = 2 };

enum variant { V_GUMBO, V_WINNOW, V_FRESH, NVAR };

static const char *const var_name[NVAR] = { "gumbo", "winnow", "fresh" };
static const char *const var_label[NVAR] = {
	"gumbo bare parse",
	"winnow, reused doc",
	"winnow, fresh doc",
};

struct page {
	char *path;          /* the file it is read from */
	const char *name;    /* its base name, inside path */
	int id_len;          /* length of the name without .html[.gz] */
	unsigned char *data; /* decompressed bytes (in-memory mode only) */
	size_t len;          /* decompressed size; 0 until first read */
};

struct corpus {
	char *dir;           /* the directory holding the page files */
	struct page *pages;
	size_t n;
	size_t bytes;        /* sum of len, known once every page was read */
	size_t largest;      /* index of the largest page */
};

struct config {
	const char *dir;
	int rounds;
	size_t limit;        /* 0: every page */
	int only;            /* -1: every variant, else an enum variant */
	int fresh;           /* run the fresh-doc variant in the full mode */
	int check;
	double max_ratio;
	double max_rss_mib;
};

struct bench {
	const struct config *cfg;
	struct corpus *c;
	int stream;              /* read pages from disk one at a time */
	int active[NVAR];
	GumboOptions gopts;
	wn_doc *doc;             /* the reused doc */
	double *t[NVAR];         /* t[v][round * n + page]: seconds */
	double *total[NVAR];     /* total[v][round]: seconds */
	unsigned long errors[NVAR];
	char first_err[NVAR][320];
	unsigned char *scratch;  /* stream mode: the page being run */
	size_t scratch_cap;
	size_t heap_max;         /* the doc's pool's peak (wn_pool_peak) */
	size_t heap_max_page;
	size_t text_bytes[NVAR]; /* article text out, last round */
	size_t empty[NVAR];      /* pages with no text kept, last round */
};

static void err(const char *what, const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	if (what)
		fprintf(stderr, "%s: %s: ", PROG, what);
	else
		fprintf(stderr, "%s: ", PROG);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: " PROG " [options] [CORPUS_DIR]\n"
	        "\n"
	        "Times winnow's pipeline (wn_doc_load + wn_doc_text) against a bare Gumbo\n"
	        "parse of the same pages and reports the ratio, MB/s, pages/s and peak RSS.\n"
	        "\n"
	        "CORPUS_DIR holds html/ID.html.gz files (the scrapinghub layout) or is itself\n"
	        "a directory of .html, .htm, .html.gz or .htm.gz files.  Default:\n"
	        "  " WN_BENCH_CORPUS "\n"
	        "\n"
	        "options:\n"
	        "  -r, --rounds N       rounds per variant; the median is reported (default 5)\n"
	        "  --limit N            use only the first N pages (in name order)\n"
	        "  --format F           winnow's output: text (default), markdown (with\n"
	        "                       links and images) or json (one line)\n"
	        "  --only V             run one variant alone: gumbo, winnow or fresh; pages\n"
	        "                       are then read one at a time so that the peak RSS is\n"
	        "                       the variant's own, not the corpus held in memory\n"
	        "  --no-fresh           skip the fresh-doc-per-page variant\n"
        "  --no-rules           run winnow without its rule layer (an empty rule\n"
        "                       set), to measure what the rules cost\n"
	        "  --check              exit 1 if a target is missed: the winnow/gumbo ratio\n"
	        "                       over --max-ratio, or winnow's peak RSS over\n"
	        "                       --max-rss-mib (measured alone: in a child process in\n"
	        "                       the full mode, in this process with --only winnow)\n"
	        "  --max-ratio X        ratio target for --check (default 0.77: winnow at\n"
	        "                       least 1.3 times as fast as the bare parse)\n"
	        "  --max-rss-mib N      peak RSS target for --check, MiB (default 25)\n"
	        "  -h, --help           print this help\n"
	        "\n"
	        "exit status: 0 ok, 1 a --check target missed, 2 usage or I/O error\n");
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ru_maxrss of this process, MiB, or -1. */
static double maxrss_mib(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return -1.0;
	return (double)ru.ru_maxrss / 1024.0; /* Linux: KiB */
}

/*
 * The peak RSS of this process, MiB: VmHWM from /proc/self/status, the
 * high-water mark of this program's own memory since exec.  ru_maxrss is
 * the fallback only: Linux carries the RSS the launching process had when
 * it forked across exec into it, so under a 200 MiB Python parent (meson
 * test) it reads 200 MiB before this program has done anything.
 */
static double peak_rss_mib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	if (f != NULL) {
		char line[256];
		unsigned long kib;
		while (fgets(line, sizeof line, f) != NULL) {
			if (sscanf(line, "VmHWM: %lu kB", &kib) == 1) {
				fclose(f);
				return (double)kib / 1024.0;
			}
		}
		fclose(f);
	}
	return maxrss_mib();
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		err(NULL, "out of memory (%zu bytes)", n);
	return p;
}

/* --- the corpus --- */

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n > m && strcmp(s + n - m, suffix) == 0;
}

static int is_page_file(const char *name)
{
	if (name[0] == '.')
		return 0;
	return has_suffix(name, ".html.gz") || has_suffix(name, ".htm.gz") ||
	       has_suffix(name, ".html") || has_suffix(name, ".htm");
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *s = xmalloc(a + b + 2);
	if (s == NULL)
		return NULL;
	memcpy(s, dir, a);
	s[a] = '/';
	memcpy(s + a + 1, name, b + 1);
	return s;
}

static int cmp_page(const void *a, const void *b)
{
	const struct page *x = a, *y = b;
	return strcmp(x->name, y->name);
}

static void corpus_free(struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->pages[i].path);
		free(c->pages[i].data);
	}
	free(c->pages);
	free(c->dir);
	memset(c, 0, sizeof *c);
}

/* Lists the page files of dir (or of dir/html), sorted by name. */
static int corpus_list(struct corpus *c, const char *dir, size_t limit)
{
	memset(c, 0, sizeof *c);
	errno = 0;
	if (!is_dir(dir)) {
		err(dir, "%s", errno ? strerror(errno) : "not a directory");
		return -1;
	}
	char *html = join(dir, "html");
	if (html == NULL)
		return -1;
	if (is_dir(html)) {
		c->dir = html;
	} else {
		free(html);
		c->dir = xmalloc(strlen(dir) + 1);
		if (c->dir == NULL)
			return -1;
		strcpy(c->dir, dir);
	}
	DIR *d = opendir(c->dir);
	if (d == NULL) {
		err(c->dir, "%s", strerror(errno));
		goto fail;
	}
	size_t cap = 0;
	struct dirent *e;
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		if (!is_page_file(e->d_name))
			continue;
		if (c->n == cap) {
			size_t ncap = cap ? cap * 2 : 256;
			struct page *p = realloc(c->pages, ncap * sizeof *p);
			if (p == NULL) {
				err(NULL, "out of memory listing %s", c->dir);
				closedir(d);
				goto fail;
			}
			c->pages = p;
			cap = ncap;
		}
		struct page *pg = &c->pages[c->n];
		memset(pg, 0, sizeof *pg);
		pg->path = join(c->dir, e->d_name);
		if (pg->path == NULL) {
			closedir(d);
			goto fail;
		}
		pg->name = pg->path + strlen(c->dir) + 1;
		size_t id = strlen(pg->name);
		if (has_suffix(pg->name, ".gz"))
			id -= 3;
		while (id > 0 && pg->name[id - 1] != '.')
			id--;
		pg->id_len = (int)(id > 1 && id - 1 < INT_MAX ? id - 1 : strlen(pg->name));
		c->n++;
		errno = 0;
	}
	if (errno != 0) {
		err(c->dir, "%s", strerror(errno));
		closedir(d);
		goto fail;
	}
	closedir(d);
	if (c->n == 0) {
		err(c->dir, "no .html, .htm, .html.gz or .htm.gz files");
		goto fail;
	}
	qsort(c->pages, c->n, sizeof *c->pages, cmp_page);
	if (limit && limit < c->n) {
		for (size_t i = limit; i < c->n; i++)
			free(c->pages[i].path);
		c->n = limit;
	}
	return 0;
fail:
	corpus_free(c);
	return -1;
}

/* gzerror's message, which zlib starts with "PATH: ", without that. */
static const char *gz_message(gzFile f, const char *path, int *zerr)
{
	const char *msg = gzerror(f, zerr);
	size_t n = strlen(path);
	if (strncmp(msg, path, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
		msg += n + 2;
	return msg;
}

/*
 * Reads path into *buf (capacity *cap, grown as needed), gunzipping it
 * when it is gzip; gzread passes other files through as they are.
 */
static int read_file(const char *path, unsigned char **buf, size_t *cap, size_t *len)
{
	enum { MIN_ROOM = 1 << 16 };
	errno = 0;
	gzFile f = gzopen(path, "rb");
	if (f == NULL) {
		err(path, "%s", errno ? strerror(errno) : "out of memory");
		return -1;
	}
	gzbuffer(f, 1 << 17);
	size_t n = 0;
	for (;;) {
		if (*cap - n < MIN_ROOM) {
			size_t ncap = *cap ? *cap * 2 : (size_t)1 << 20;
			unsigned char *p = realloc(*buf, ncap);
			if (p == NULL) {
				err(path, "out of memory (%zu bytes)", ncap);
				gzclose(f);
				return -1;
			}
			*buf = p;
			*cap = ncap;
		}
		size_t room = *cap - n;
		if (room > INT_MAX)
			room = INT_MAX;
		int got = gzread(f, *buf + n, (unsigned)room);
		if (got < 0) {
			int zerr;
			const char *msg = gz_message(f, path, &zerr);
			err(path, "%s", zerr == Z_ERRNO ? strerror(errno) : msg);
			gzclose(f);
			return -1;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	int zerr;
	const char *msg = gz_message(f, path, &zerr);
	if (zerr != Z_OK) {
		err(path, "%s", msg);
		gzclose(f);
		return -1;
	}
	if (gzclose(f) != Z_OK) {
		err(path, "truncated or unreadable gzip data");
		return -1;
	}
	*len = n;
	return 0;
}

/* Reads every page into memory. */
static int corpus_load(struct corpus *c)
{
	unsigned char *buf = NULL;
	size_t cap = 0;
	for (size_t i = 0; i < c->n; i++) {
		struct page *pg = &c->pages[i];
		size_t len;
		if (read_file(pg->path, &buf, &cap, &len) != 0)
			goto fail;
		pg->data = xmalloc(len);
		if (pg->data == NULL)
			goto fail;
		memcpy(pg->data, buf, len);
		pg->len = len;
		c->bytes += len;
		if (len > c->pages[c->largest].len)
			c->largest = i;
	}
	free(buf);
	return 0;
fail:
	free(buf);
	return -1;
}

/* The bytes of page i: in memory, or read now into the scratch buffer. */
static const unsigned char *page_bytes(struct bench *b, size_t i, size_t *len)
{
	struct page *pg = &b->c->pages[i];
	if (!b->stream) {
		*len = pg->len;
		return pg->data;
	}
	size_t n;
	if (read_file(pg->path, &b->scratch, &b->scratch_cap, &n) != 0)
		return NULL;
	if (pg->len == 0 && n > 0) {
		pg->len = n;
		b->c->bytes += n;
		if (n > b->c->pages[b->c->largest].len)
			b->c->largest = i;
	} else if (pg->len != n) {
		err(pg->path, "changed while the benchmark ran (%zu bytes, was %zu)", n, pg->len);
		return NULL;
	}
	*len = n;
	/* wn_doc_load and Gumbo take a length; no NUL needed. */
	return b->scratch;
}

/* --- running --- */

static void note_error(struct bench *b, enum variant v, const char *page, const char *why)
{
	if (b->errors[v]++ == 0)
		snprintf(b->first_err[v], sizeof b->first_err[v], "%s: %s", page, why);
}

/* Runs variant v on one page; *secs gets the time of the calls alone. */
static int run_page(struct bench *b, enum variant v, size_t i, const unsigned char *buf,
                    size_t len, double *secs)
{
	const char *name = b->c->pages[i].name;
	if (v == V_GUMBO) {
		double t0 = now();
		GumboOutput *out = gumbo_parse_with_options(&b->gopts, (const char *)buf, len);
		if (out != NULL)
			gumbo_destroy_output(&b->gopts, out);
		*secs = now() - t0;
		if (out == NULL)
			note_error(b, v, name, "gumbo_parse_with_options returned NULL");
		return 0;
	}

	char why[256] = "";
	char *text = NULL;
	size_t tlen = 0;
	double t0 = now();
	wn_doc *doc = b->doc;
	if (v == V_FRESH) {
		doc = wn_doc_new(&winnow_opts);
		if (doc == NULL) {
			err(name, "wn_doc_new: out of memory");
			return -1;
		}
	}
	wn_status rc = wn_doc_load(doc, buf, len);
	if (rc == WN_OK) {
		if (bench_format == 1)
			rc = wn_doc_markdown(doc, &text, &tlen);
		else if (bench_format == 2)
			rc = wn_doc_json(doc, WN_JSON_LINE, &text, &tlen);
		else
			rc = wn_doc_text(doc, &text, &tlen);
		if (rc == WN_OK)
			free(text);
		else
			snprintf(why, sizeof why, "writer: %s", wn_status_str(rc));
	} else {
		snprintf(why, sizeof why, "wn_doc_load: %s", wn_doc_errmsg(doc));
	}
	if (v == V_FRESH)
		wn_doc_free(doc);
	*secs = now() - t0;
	if (rc != WN_OK)
		note_error(b, v, name, why);
	b->text_bytes[v] += tlen;
	b->empty[v] += tlen == 0;
	/* The most the reused doc's pool has held (the tree, the blocks):
	 * the page that first takes it higher is the worst.  Outside the
	 * timed region; only when running alone. */
	const struct wn_page *pg = v == V_WINNOW && b->stream ? wn_doc_page(doc) : NULL;
	if (pg && wn_pool_peak(pg->pool) > b->heap_max) {
		b->heap_max = wn_pool_peak(pg->pool);
		b->heap_max_page = i;
	}
	return 0;
}

static int run_rounds(struct bench *b)
{
	const int rounds = b->cfg->rounds;
	const size_t n = b->c->n;
	for (int r = 0; r < rounds; r++) {
		enum variant order[NVAR];
		int k = 0;
		for (int v = 0; v < NVAR; v++)
			if (b->active[v])
				order[k++] = (enum variant)v;
		if (r % 2 == 1) /* gumbo first in even rounds, last in odd ones */
			for (int a = 0, z = k - 1; a < z; a++, z--) {
				enum variant tmp = order[a];
				order[a] = order[z];
				order[z] = tmp;
			}
		printf("round %d:", r + 1);
		for (int j = 0; j < k; j++) {
			enum variant v = order[j];
			double sum = 0;
			b->text_bytes[v] = b->empty[v] = 0;
			for (size_t i = 0; i < n; i++) {
				size_t len;
				const unsigned char *buf = page_bytes(b, i, &len);
				double s;
				if (buf == NULL || run_page(b, v, i, buf, len, &s) != 0) {
					printf("\n");
					return -1;
				}
				b->t[v][(size_t)r * n + i] = s;
				sum += s;
			}
			b->total[v][r] = sum;
			printf("  %s %.3f s", var_name[v], sum);
			fflush(stdout);
		}
		printf("\n");
	}
	return 0;
}

/* --- statistics --- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Median of n values; tmp has room for n. */
static double median(const double *v, size_t n, double *tmp)
{
	memcpy(tmp, v, n * sizeof *v);
	qsort(tmp, n, sizeof *tmp, cmp_double);
	return n % 2 ? tmp[n / 2] : (tmp[n / 2 - 1] + tmp[n / 2]) / 2.0;
}

struct summary {
	double med, min, max;  /* round totals, s */
	double *page;          /* per-page median over rounds, s */
	size_t slowest;        /* the page with the lowest MB/s */
	double slowest_mb_s;
	size_t under;          /* pages under SLOW_PAGE_MB_S */
};

/* The lowest (hi 0) or highest (hi 1) winnow/gumbo ratio of one round. */
static double round_ratio(const struct bench *b, int hi)
{
	double best = 0;
	for (int r = 0; r < b->cfg->rounds; r++) {
		double x = b->total[V_WINNOW][r] / b->total[V_GUMBO][r];
		if (r == 0 || (hi ? x > best : x < best))
			best = x;
	}
	return best;
}

static double mb_s(size_t bytes, double secs)
{
	return secs > 0 ? (double)bytes / 1e6 / secs : 0.0;
}

static int summarise(struct bench *b, enum variant v, struct summary *s)
{
	const size_t n = b->c->n;
	const int rounds = b->cfg->rounds;
	double *tmp = xmalloc((n > (size_t)rounds ? n : (size_t)rounds) * sizeof *tmp);
	double *col = xmalloc((size_t)rounds * sizeof *col);
	s->page = xmalloc(n * sizeof *s->page);
	if (tmp == NULL || col == NULL || s->page == NULL) {
		free(tmp);
		free(col);
		free(s->page);
		s->page = NULL;
		return -1;
	}
	s->med = median(b->total[v], (size_t)rounds, tmp);
	s->min = s->max = b->total[v][0];
	for (int r = 1; r < rounds; r++) {
		if (b->total[v][r] < s->min)
			s->min = b->total[v][r];
		if (b->total[v][r] > s->max)
			s->max = b->total[v][r];
	}
	s->slowest = 0;
	s->slowest_mb_s = -1; /* stays -1 ("na") if every page is empty */
	s->under = 0;
	for (size_t i = 0; i < n; i++) {
		for (int r = 0; r < rounds; r++)
			col[r] = b->t[v][(size_t)r * n + i];
		s->page[i] = median(col, (size_t)rounds, tmp);
		if (b->c->pages[i].len == 0)
			continue; /* no MB/s for an empty page */
		double m = mb_s(b->c->pages[i].len, s->page[i]);
		if (s->slowest_mb_s < 0 || m < s->slowest_mb_s) {
			s->slowest_mb_s = m;
			s->slowest = i;
		}
		if (m < SLOW_PAGE_MB_S)
			s->under++;
	}
	free(tmp);
	free(col);
	return 0;
}

static void print_slowest(const struct bench *b, const char *label, const struct summary *s)
{
	const struct page *pg = &b->c->pages[s->slowest];
	if (s->slowest_mb_s < 0)
		return;
	printf("  %-22s %7.2f MB/s  %.*s (%zu B, %.2f ms)\n", label, s->slowest_mb_s, pg->id_len,
	       pg->name, pg->len, s->page[s->slowest] * 1e3);
}

/* Per-page winnow/gumbo ratios: the worst page and the median page. */
static void print_page_ratios(const struct bench *b, const struct summary *w,
                              const struct summary *g)
{
	const size_t n = b->c->n;
	double *r = xmalloc(n * sizeof *r), *tmp = xmalloc(n * sizeof *tmp);
	if (r == NULL || tmp == NULL) {
		free(r);
		free(tmp);
		return;
	}
	size_t worst = 0;
	for (size_t i = 0; i < n; i++) {
		r[i] = g->page[i] > 0 ? w->page[i] / g->page[i] : 0;
		if (r[i] > r[worst])
			worst = i;
	}
	const struct page *pg = &b->c->pages[worst];
	printf("  winnow/gumbo by page:  median %.3f, worst %.3f  %.*s (%zu B, %.2f vs %.2f ms)\n",
	       median(r, n, tmp), r[worst], pg->id_len, pg->name, pg->len, w->page[worst] * 1e3,
	       g->page[worst] * 1e3);
	free(r);
	free(tmp);
}

/* --- modes --- */

static int bench_init(struct bench *b, const struct config *cfg, struct corpus *c)
{
	memset(b, 0, sizeof *b);
	b->cfg = cfg;
	b->c = c;
	b->gopts = kGumboDefaultOptions;
	b->gopts.max_errors = 0;
	if (cfg->only >= 0) {
		b->active[cfg->only] = 1;
	} else {
		b->active[V_GUMBO] = b->active[V_WINNOW] = 1;
		b->active[V_FRESH] = cfg->fresh;
	}
	if (b->active[V_WINNOW]) {
		b->doc = wn_doc_new(&winnow_opts);
		if (b->doc == NULL) {
			err(NULL, "wn_doc_new: out of memory");
			return -1;
		}
	}
	for (int v = 0; v < NVAR; v++) {
		if (!b->active[v])
			continue;
		b->t[v] = xmalloc((size_t)cfg->rounds * c->n * sizeof *b->t[v]);
		b->total[v] = xmalloc((size_t)cfg->rounds * sizeof *b->total[v]);
		if (b->t[v] == NULL || b->total[v] == NULL)
			return -1;
	}
	return 0;
}

static void bench_free(struct bench *b)
{
	wn_doc_free(b->doc);
	for (int v = 0; v < NVAR; v++) {
		free(b->t[v]);
		free(b->total[v]);
	}
	free(b->scratch);
}

/*
 * For --check in the full mode: winnow's peak RSS measured alone, by
 * running this program again as "--only winnow --rounds 1" and reading
 * peak_rss_mib= from the last line of its report.  Returns MiB, or -1.
 */
static double winnow_alone_rss(const struct config *cfg)
{
	char limit[48];
	const char *args[10];
	int k = 0;
	args[k++] = PROG;
	args[k++] = "--only";
	args[k++] = "winnow";
	args[k++] = "--rounds";
	args[k++] = "1";
	if (cfg->limit) {
		snprintf(limit, sizeof limit, "--limit=%zu", cfg->limit);
		args[k++] = limit;
	}
	args[k++] = "--";
	args[k++] = cfg->dir;
	args[k] = NULL;

	int fds[2];
	if (pipe(fds) != 0) {
		err(NULL, "pipe: %s", strerror(errno));
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		err(NULL, "fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		if (dup2(fds[1], STDOUT_FILENO) < 0)
			_exit(EXIT_TROUBLE);
		close(fds[1]);
		execv("/proc/self/exe", (char *const *)args);
		err("/proc/self/exe", "%s", strerror(errno));
		_exit(EXIT_TROUBLE);
	}
	close(fds[1]);

	/* Keep the last 4 KiB of the report: the machine-readable line. */
	char tail[4096 + 1];
	size_t used = 0;
	for (;;) {
		char chunk[1024];
		ssize_t got = read(fds[0], chunk, sizeof chunk);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		size_t g = (size_t)got;
		if (used + g > sizeof tail - 1) {
			size_t drop = used + g - (sizeof tail - 1);
			if (drop > used)
				drop = used;
			memmove(tail, tail + drop, used - drop);
			used -= drop;
		}
		memcpy(tail + used, chunk, g);
		used += g;
	}
	close(fds[0]);
	tail[used] = '\0';

	int st;
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			err(NULL, "waitpid: %s", strerror(errno));
			return -1;
		}
	}
	if (WIFSIGNALED(st)) {
		err(NULL, "the --only winnow run for the RSS check died of signal %d", WTERMSIG(st));
		return -1;
	}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		err(NULL, "the --only winnow run for the RSS check failed");
		return -1;
	}
	const char *line = strstr(tail, "\nratio=");
	const char *key = line ? strstr(line, " peak_rss_mib=") : NULL;
	double mib;
	if (key == NULL || sscanf(key, " peak_rss_mib=%lf", &mib) != 1) {
		err(NULL, "the --only winnow run for the RSS check printed no peak_rss_mib=");
		return -1;
	}
	return mib;
}

static void print_errors(const struct bench *b)
{
	int any = 0;
	for (int v = 0; v < NVAR; v++) {
		if (!b->active[v] || b->errors[v] == 0)
			continue;
		/* errors[] counts every round; report per round. */
		printf("errors: %s failed on %lu page(s) per round; first: %s\n", var_name[v],
		       b->errors[v] / (unsigned long)b->cfg->rounds, b->first_err[v]);
		any = 1;
	}
	if (!any)
		printf("errors: none\n");
}

/* x with prec decimals, or "na" when it was not measured. */
static void fmt_num(char *buf, size_t size, int have, int prec, double x)
{
	if (have)
		snprintf(buf, size, "%.*f", prec, x);
	else
		snprintf(buf, size, "na");
}

static int run(const struct config *cfg, struct corpus *c, double start_rss)
{
	const int full = cfg->only < 0;
	double alone_rss = -1;
	if (full && cfg->check) {
		alone_rss = winnow_alone_rss(cfg);
		if (alone_rss < 0)
			return EXIT_TROUBLE;
	}

	struct bench b;
	int status = EXIT_TROUBLE;
	struct summary s[NVAR];
	memset(s, 0, sizeof s);
	if (bench_init(&b, cfg, c) != 0)
		goto out;
	b.stream = !full;

	char *real = realpath(c->dir, NULL);
	printf(PROG ": winnow %s, corpus %s\n", WN_VERSION, real ? real : c->dir);
	free(real);
	if (full) {
		if (corpus_load(c) != 0)
			goto out;
		const struct page *big = &c->pages[c->largest];
		printf("pages: %zu, %.2f MB in memory (largest %.2f MB, %.*s)\n", c->n,
		       (double)c->bytes / 1e6, (double)big->len / 1e6, big->id_len, big->name);
		printf("rounds: %d per variant, alternating (gumbo first in odd rounds, last in even "
		       "ones); medians reported\n", cfg->rounds);
	} else {
		printf("pages: %zu, read from disk one at a time (reading not timed); "
		       "running %s alone, %d round(s)\n", c->n, var_label[cfg->only], cfg->rounds);
	}
#ifndef __OPTIMIZE__
	printf("warning: " PROG " was built without optimisation\n");
#endif
	fflush(stdout);

	if (run_rounds(&b) != 0)
		goto out;
	if (!full) {
		const struct page *big = &c->pages[c->largest];
		printf("pages: %zu, %.2f MB (largest %.2f MB, %.*s)\n", c->n, (double)c->bytes / 1e6,
		       (double)big->len / 1e6, big->id_len, big->name);
	}
	for (int v = 0; v < NVAR; v++)
		if (b.active[v] && summarise(&b, (enum variant)v, &s[v]) != 0)
			goto out;

	printf("\n%-20s %9s %8s %8s %8s %8s %9s\n", "", "median s", "min s", "max s", "MB/s",
	       "pages/s", "vs gumbo");
	for (int v = 0; v < NVAR; v++) {
		if (!b.active[v])
			continue;
		char vs[32];
		fmt_num(vs, sizeof vs, b.active[V_GUMBO] && s[V_GUMBO].med > 0, 3,
		        b.active[V_GUMBO] ? s[v].med / s[V_GUMBO].med : 0);
		printf("%-20s %9.3f %8.3f %8.3f %8.2f %8.1f %9s\n", var_label[v], s[v].med, s[v].min,
		       s[v].max, mb_s(c->bytes, s[v].med), (double)c->n / s[v].med, vs);
	}

	const int have_ratio = b.active[V_GUMBO] && b.active[V_WINNOW] && s[V_GUMBO].med > 0;
	const double ratio = have_ratio ? s[V_WINNOW].med / s[V_GUMBO].med : 0;
	if (have_ratio) {
		printf("\nratio winnow/gumbo (of the medians): %.3f  (target <= %.2f)\n", ratio,
		       cfg->max_ratio);
		printf("  cross-checks: ratio of the fastest rounds %.3f; round by round %.3f-%.3f\n",
		       s[V_WINNOW].min / s[V_GUMBO].min, round_ratio(&b, 0), round_ratio(&b, 1));
	}
	if (have_ratio && b.active[V_FRESH])
		printf("ratio fresh doc/gumbo:                %.3f\n",
		       s[V_FRESH].med / s[V_GUMBO].med);

	printf("\nslowest page (median over rounds):\n");
	for (int v = 0; v < NVAR; v++)
		if (b.active[v])
			print_slowest(&b, var_label[v], &s[v]);
	if (b.active[V_WINNOW])
		printf("  winnow pages under %.0f MB/s: %zu  (target: none)\n", SLOW_PAGE_MB_S,
		       s[V_WINNOW].under);
	if (have_ratio)
		print_page_ratios(&b, &s[V_WINNOW], &s[V_GUMBO]);
	print_errors(&b);
	for (int v = V_WINNOW; v < NVAR; v++)
		if (b.active[v])
			printf("%s text out: %.2f MB (%.1f%% of the input), %zu page(s) with no "
			       "text\n", var_name[v], (double)b.text_bytes[v] / 1e6,
			       c->bytes ? 100.0 * (double)b.text_bytes[v] / (double)c->bytes : 0.0,
			       b.empty[v]);

	double rss = peak_rss_mib(), maxrss = maxrss_mib();
	printf("\n");
	if (b.active[V_WINNOW] && b.stream && b.heap_max > 0)
		printf("the doc's pool at its peak: %.2f MiB  %.*s (tree, blocks)\n",
		       (double)b.heap_max / 1048576.0, c->pages[b.heap_max_page].id_len,
		       c->pages[b.heap_max_page].name);
	if (full)
		printf("peak RSS: %.2f MiB  (this process: corpus in memory + gumbo + winnow; "
		       "%.2f MiB at start)\n", rss, start_rss);
	else if (cfg->only == V_GUMBO)
		printf("peak RSS: %.2f MiB  (gumbo alone + one page buffer; %.2f MiB at start)\n",
		       rss, start_rss);
	else
		printf("peak RSS: %.2f MiB  (%s alone + one page buffer; %.2f MiB at start)  "
		       "(target <= %.0f)\n", rss, var_name[cfg->only], start_rss,
		       cfg->max_rss_mib);
	if (maxrss > rss + 0.5)
		printf("  (ru_maxrss says %.2f MiB: it includes the RSS of the process that "
		       "launched this one; not used)\n", maxrss);
	if (alone_rss >= 0)
		printf("peak RSS, winnow alone (a run of --only winnow -r 1): %.2f MiB  "
		       "(target <= %.0f)\n", alone_rss, cfg->max_rss_mib);

	/* --check */
	const char *check = "off";
	status = 0;
	if (cfg->check) {
		double winnow_rss = full ? alone_rss : rss;
		int ok = 1;
		if (have_ratio && ratio > cfg->max_ratio) {
			printf("check: FAILED: ratio %.3f > %.2f\n", ratio, cfg->max_ratio);
			ok = 0;
		}
		if (winnow_rss > cfg->max_rss_mib) {
			printf("check: FAILED: winnow peak RSS %.2f MiB > %.2f MiB\n", winnow_rss,
			       cfg->max_rss_mib);
			ok = 0;
		}
		if (ok && have_ratio)
			printf("check: passed (ratio <= %.2f, winnow peak RSS <= %.2f MiB)\n",
			       cfg->max_ratio, cfg->max_rss_mib);
		else if (ok)
			printf("check: passed (winnow peak RSS <= %.2f MiB)\n", cfg->max_rss_mib);
		check = ok ? "pass" : "fail";
		status = ok ? 0 : EXIT_CHECK_FAILED;
	}

	/* The machine-readable line. */
	char f_ratio[32], f_wmb[32], f_gmb[32], f_wps[32], f_gps[32], f_slow[32], f_fresh[32],
	        f_fmb[32], f_alone[32];
	int hw = b.active[V_WINNOW], hg = b.active[V_GUMBO], hf = b.active[V_FRESH];
	char f_rmin[32];
	fmt_num(f_ratio, sizeof f_ratio, have_ratio, 3, ratio);
	fmt_num(f_rmin, sizeof f_rmin, have_ratio, 3,
	        have_ratio ? s[V_WINNOW].min / s[V_GUMBO].min : 0);
	fmt_num(f_wmb, sizeof f_wmb, hw, 2, hw ? mb_s(c->bytes, s[V_WINNOW].med) : 0);
	fmt_num(f_gmb, sizeof f_gmb, hg, 2, hg ? mb_s(c->bytes, s[V_GUMBO].med) : 0);
	fmt_num(f_wps, sizeof f_wps, hw, 1, hw ? (double)c->n / s[V_WINNOW].med : 0);
	fmt_num(f_gps, sizeof f_gps, hg, 1, hg ? (double)c->n / s[V_GUMBO].med : 0);
	fmt_num(f_slow, sizeof f_slow, hw && s[V_WINNOW].slowest_mb_s >= 0, 2,
	        hw ? s[V_WINNOW].slowest_mb_s : 0);
	fmt_num(f_fresh, sizeof f_fresh, hf && hg, 3,
	        hf && hg ? s[V_FRESH].med / s[V_GUMBO].med : 0);
	fmt_num(f_fmb, sizeof f_fmb, hf, 2, hf ? mb_s(c->bytes, s[V_FRESH].med) : 0);
	fmt_num(f_alone, sizeof f_alone, alone_rss >= 0, 2, alone_rss);
	printf("\nratio=%s winnow_mb_s=%s gumbo_mb_s=%s pages_s=%s peak_rss_mib=%.2f "
	       "slowest_page_mb_s=%s ratio_min=%s gumbo_pages_s=%s fresh_mb_s=%s fresh_ratio=%s "
	       "winnow_alone_rss_mib=%s ru_maxrss_mib=%.2f mode=%s pages=%zu bytes=%zu "
	       "rounds=%d errors=%lu check=%s\n",
	       f_ratio, f_wmb, f_gmb, f_wps, rss, f_slow, f_rmin, f_gps, f_fmb, f_fresh, f_alone, maxrss,
	       full ? "all" : var_name[cfg->only], c->n, c->bytes, cfg->rounds,
	       (b.errors[V_GUMBO] + b.errors[V_WINNOW] + b.errors[V_FRESH]) /
	               (unsigned long)cfg->rounds,
	       check);
out:
	for (int v = 0; v < NVAR; v++)
		free(s[v].page);
	bench_free(&b);
	return status;
}

/* --- arguments --- */

static int parse_long(const char *opt, const char *s, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi) {
		err(NULL, "%s: expected a whole number from %ld to %ld, got '%s'", opt, lo, hi, s);
		return -1;
	}
	*out = v;
	return 0;
}

static int parse_double(const char *opt, const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || !(v > 0) || v > 1e9) {
		err(NULL, "%s: expected a positive number, got '%s'", opt, s);
		return -1;
	}
	*out = v;
	return 0;
}

/*
 * If argv[*i] is the option name (as "--name VALUE" or "--name=VALUE"),
 * sets *val and returns 1; 0 when it is another option; -1 when the value
 * is missing.
 */
static int opt_value(int argc, char **argv, int *i, const char *name, const char *alias,
                     const char **val)
{
	const char *a = argv[*i];
	size_t n = strlen(name);
	if (strncmp(a, name, n) == 0 && a[n] == '=') {
		*val = a + n + 1;
		return 1;
	}
	if (alias && strncmp(a, alias, strlen(alias)) == 0 && a[strlen(alias)] != '\0') {
		*val = a + strlen(alias); /* -r5 */
		return 1;
	}
	if (strcmp(a, name) != 0 && (alias == NULL || strcmp(a, alias) != 0))
		return 0;
	if (*i + 1 >= argc) {
		err(NULL, "%s needs a value (try -h)", a);
		return -1;
	}
	*val = argv[++*i];
	return 1;
}

static int parse_args(int argc, char **argv, struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->dir = NULL;
	cfg->rounds = 5;
	cfg->only = -1;
	cfg->fresh = 1;
	cfg->max_ratio = 0.77; /* issue #7: at least 1.3x the bare parse's throughput */
	cfg->max_rss_mib = 25;
	int dashdash = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *val;
		int k;
		long l;
		if (dashdash || a[0] != '-' || a[1] == '\0') {
			if (cfg->dir) {
				err(NULL, "more than one corpus directory: '%s' and '%s' (try -h)",
				    cfg->dir, a);
				return -1;
			}
			cfg->dir = a;
		} else if (strcmp(a, "--") == 0) {
			dashdash = 1;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			exit(0);
		} else if (strcmp(a, "--check") == 0) {
			cfg->check = 1;
		} else if (strcmp(a, "--format") == 0 && i + 1 < argc) {
			/* the writer timed with the pipeline (issue #4: Markdown and
			 * JSON cost at most 5% more than text) */
			const char *f = argv[++i];
			if (strcmp(f, "markdown") == 0) {
				bench_format = 1;
				winnow_opts.markdown = WN_MD_ON | WN_MD_LINKS | WN_MD_IMAGES;
			} else if (strcmp(f, "json") == 0) {
				bench_format = 2;
			} else if (strcmp(f, "text") != 0) {
				err(NULL, "--format: text, markdown or json");
				return -1;
			}
		} else if (strcmp(a, "--no-fresh") == 0) {
			cfg->fresh = 0;
		} else if (strcmp(a, "--no-rules") == 0) {
			/* An empty rule set: measures what the rule layer costs. */
			static wn_rules *none;
			if (none == NULL && (none = wn_rules_new()) == NULL) {
				err(NULL, "wn_rules_new: out of memory");
				return -1;
			}
			winnow_opts.rules = none;
		} else if ((k = opt_value(argc, argv, &i, "--rounds", "-r", &val)) != 0) {
			if (k < 0 || parse_long(a, val, 1, MAX_ROUNDS, &l) != 0)
				return -1;
			cfg->rounds = (int)l;
		} else if ((k = opt_value(argc, argv, &i, "--limit", NULL, &val)) != 0) {
			if (k < 0 || parse_long("--limit", val, 1, LONG_MAX, &l) != 0)
				return -1;
			cfg->limit = (size_t)l;
		} else if ((k = opt_value(argc, argv, &i, "--only", NULL, &val)) != 0) {
			if (k < 0)
				return -1;
			cfg->only = -2;
			for (int v = 0; v < NVAR; v++)
				if (strcmp(val, var_name[v]) == 0)
					cfg->only = v;
			if (cfg->only == -2) {
				err(NULL, "--only: expected gumbo, winnow or fresh, got '%s'", val);
				return -1;
			}
		} else if ((k = opt_value(argc, argv, &i, "--max-ratio", NULL, &val)) != 0) {
			if (k < 0 || parse_double("--max-ratio", val, &cfg->max_ratio) != 0)
				return -1;
		} else if ((k = opt_value(argc, argv, &i, "--max-rss-mib", NULL, &val)) != 0) {
			if (k < 0 || parse_double("--max-rss-mib", val, &cfg->max_rss_mib) != 0)
				return -1;
		} else {
			err(NULL, "unknown option '%s' (try -h)", a);
			return -1;
		}
	}
	if (cfg->check && cfg->only == V_GUMBO) {
		err(NULL, "--check measures winnow; it cannot be used with --only gumbo");
		return -1;
	}
	if (cfg->dir == NULL)
		cfg->dir = WN_BENCH_CORPUS;
	return 0;
}

int main(int argc, char **argv)
{
	double start_rss = peak_rss_mib();
	struct config cfg;
	wn_options_init(&winnow_opts);
	if (parse_args(argc, argv, &cfg) != 0)
		return EXIT_TROUBLE;
	struct corpus c;
	if (corpus_list(&c, cfg.dir, cfg.limit) != 0)
		return EXIT_TROUBLE;
	int status = run(&cfg, &c, start_rss);
	corpus_free(&c);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		err(NULL, "writing the report: %s", strerror(errno));
		return EXIT_TROUBLE;
	}
	return status;
}
