/*
 * batch.c - batch mode of the command: -o DIR with -R trees, file
 * arguments and --files0-from lists.
 *
 * A run has three stages, each with one input and one output:
 *  1. gather: the inputs, the trees walked without recursion and in
 *     sorted order, each input with the output path it maps to;
 *  2. plan: which outputs are current and skipped, from the mtimes and
 *     the digest of the options in OUTDIR/.winnow-digest;
 *  3. clean: worker threads take the next input from an atomic counter,
 *     each with its own wn_doc.  Every output is written to a temporary
 *     file beside it and renamed into place, so that a run killed at any
 *     moment leaves each final name either absent, old or complete.
 * Only the main thread draws the progress line; the workers' messages
 * take the same lock, so that a message never cuts through the line.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "buf.h"

/* Exit statuses, the same as main.c's. */
enum { ST_OK = 0, ST_FAILED = 1, ST_USAGE = 2, ST_FATAL = 3 };

#define DIGEST_NAME ".winnow-digest"
#define TMP_MARK ".winnow-"
#define TMP_TAIL ".tmp.XXXXXX"
#define MAX_JOBS 1024

/* A file or directory by what it is, whatever the path to it. */
struct fileid {
	dev_t dev;
	ino_t ino;
};

/* The directories and pages the walks of -r read, each once: an open
 * addressing hash set of fileids, grown at half full. */
struct seen {
	struct fileid *ids;
	unsigned char *used;    /* per slot */
	size_t n, cap;          /* cap: 0 or a power of two */
};

/* One input and the output it maps to.  Both paths are owned. */
struct job {
	char *in;
	char *out;
	off_t size;
	struct timespec mtime;
	dev_t dev;
	ino_t ino;
};

/* The digest of everything that changes an output, as OUTDIR keeps it. */
struct digest {
	char line[64];          /* "winnow-digest 0123456789abcdef\n" */
	int stale;              /* the file says something else, or is missing */
	struct timespec mtime;  /* of the file, when it is current */
};

struct run {
	const struct wn_batch *b;
	const wn_options *opts;
	size_t max_input;       /* the option's value: what is read of a page */
	const struct wn_output *render;
	char *outdir;           /* b->outdir without trailing slashes; owned */
	int have_outdir;        /* it exists: out_dev and out_ino are set */
	dev_t out_dev;
	ino_t out_ino;
	struct job *jobs;
	size_t njobs, cap;
	struct seen seen;       /* of the walks, in walk order */
	size_t *todo;           /* indexes into jobs of the outputs to make */
	size_t ntodo, skipped;
	unsigned long long todo_bytes;
	mode_t file_mode;       /* 0666 less the umask: mkstemp makes 0600 */
	pid_t pid;
	char temp_prefix[96];   /* ".winnow-HOST-PID.", of this run's temporary
	                         * files (see temp_name) */
	size_t host_end;        /* its length up to PID */
	double start, work_start;
	int progress;           /* draw the progress line */
	int summarise;          /* the cleaning began: a summary at the end */

	/* Shared with the workers. */
	atomic_size_t next;     /* the next entry of todo to take */
	atomic_size_t done, empty, failed;
	atomic_ullong bytes;    /* input bytes of the finished files */
	atomic_int fatal;       /* stop: an output cannot be written, or no memory */
	pthread_mutex_t lock;   /* stderr, line_len and running */
	pthread_cond_t ended;   /* a worker finished */
	unsigned running;       /* workers not yet finished */
	size_t line_len;        /* the progress line's width on screen; 0: none */
};

struct worker {
	struct run *run;
	pthread_t tid;
	wn_doc *doc;            /* reused for every page, as in single-file mode */
	char *buf;              /* the page being read; grows, never shrinks */
	size_t cap;
};

/* -j: 1 to MAX_JOBS; -1 when malformed. */
static int parse_jobs(const char *s, unsigned *out)
{
	char *end;
	errno = 0;
	unsigned long n = strtoul(s, &end, 10);
	if (end == s || *end || errno || *s == '-' || n < 1 || n > MAX_JOBS)
		return -1;
	*out = (unsigned)n;
	return 0;
}

int wn_batch_option(struct wn_batch *b, int c, const char *arg)
{
	switch (c) {
	case 'o':
		b->outdir = arg;
		break;
	case 'R':
		if (b->nroots == WN_BATCH_MAX_ROOTS) {
			fprintf(stderr, "winnow: -r: at most %d directories (or --files0-from)\n",
			        WN_BATCH_MAX_ROOTS);
			return -1;
		}
		b->roots[b->nroots++] = arg;
		break;
	case '0':
		b->files0 = arg;
		break;
	case 'j':
		if (parse_jobs(arg, &b->jobs) != 0) {
			fprintf(stderr, "winnow: --jobs: '%s' is not a number from 1 to %d\n", arg,
			        MAX_JOBS);
			return -1;
		}
		b->jobs_given = 1;
		break;
	case 'F':
		b->force = 1;
		break;
	case 'n':
		b->dry_run = 1;
		break;
	case 'Y':
		b->sync = 1;
		break;
	case 'q':
		b->quiet = 1;
		break;
	default:
		return -1;
	}
	return 0;
}

int wn_batch_wanted(const struct wn_batch *b)
{
	/* -q alone is no batch option: it silences warnings in every mode */
	return b->outdir || b->nroots || b->files0 || b->jobs_given || b->force ||
	       b->dry_run || b->sync;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int ts_before(struct timespec a, struct timespec b)
{
	return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec);
}

/* ---- Messages ------------------------------------------------------------ */

/* Takes the progress line off the screen; r->lock held. */
static void clear_line(struct run *r)
{
	if (r->line_len) {
		fprintf(stderr, "\r%*s\r", (int)r->line_len, "");
		r->line_len = 0;
	}
}

/* "winnow: NAME: reason" (name NULL: "winnow: reason"), one line on
 * stderr. */
static void report(struct run *r, const char *name, const char *reason)
{
	pthread_mutex_lock(&r->lock);
	clear_line(r);
	if (name)
		fprintf(stderr, "winnow: %s: %s\n", name, reason);
	else
		fprintf(stderr, "winnow: %s\n", reason);
	pthread_mutex_unlock(&r->lock);
}

/* An input that could not be cleaned: counted, and the others go on. */
static void fail_input(struct run *r, const char *name, const char *reason)
{
	report(r, name, reason);
	atomic_fetch_add(&r->failed, 1);
}

/* Something that would fail every other file too (a full disk, an
 * unwritable directory, no memory): said once, and the run stops. */
static void fail_fatal(struct run *r, const char *name, const char *reason)
{
	if (atomic_exchange(&r->fatal, 1) == 0)
		report(r, name, reason);
}

static int out_of_memory(struct run *r)
{
	fail_fatal(r, NULL, "out of memory");
	return ST_FATAL;
}

/* ---- Paths --------------------------------------------------------------- */

/* "dir/name", malloc'd; NULL when out of memory. */
static char *join(const char *dir, const char *name)
{
	size_t d = strlen(dir), n = strlen(name);
	size_t slash = d > 0 && dir[d - 1] != '/';
	char *p = malloc(d + slash + n + 1);
	if (p == NULL)
		return NULL;
	memcpy(p, dir, d);
	if (slash)
		p[d] = '/';
	memcpy(p + d + slash, name, n + 1);
	return p;
}

/* A copy without trailing slashes ("out/" and "out" name one directory,
 * and their outputs must compare equal); "/" stays. */
static char *strip_slashes(const char *s)
{
	size_t n = strlen(s);
	while (n > 1 && s[n - 1] == '/')
		n--;
	return strndup(s, n);
}

/* Length of the input extension name ends in: .html, .htm, .xhtml or .txt,
 * each possibly followed by .gz, in any case; 0 when there is none or
 * nothing is left before it. */
static size_t input_ext_len(const char *name)
{
	static const char *const exts[] = {".html", ".htm", ".xhtml", ".txt"};
	size_t n = strlen(name), gz = 0;
	if (n > 3 && strcasecmp(name + n - 3, ".gz") == 0)
		gz = 3;
	for (size_t k = 0; k < sizeof exts / sizeof exts[0]; k++) {
		size_t e = strlen(exts[k]);
		if (n - gz > e && strncasecmp(name + n - gz - e, exts[k], e) == 0)
			return e + gz;
	}
	return 0;
}

/* The output file name of an input file name: its input extension (or a
 * lone .gz) replaced by the format's ("b.html.gz" -> "b.txt"); a name
 * without one gets the format's added.  malloc'd, or NULL. */
static char *output_name(const char *name, wn_format f)
{
	size_t n = strlen(name), e = input_ext_len(name);
	if (e == 0 && n > 3 && strcasecmp(name + n - 3, ".gz") == 0)
		e = 3;
	const char *ext = wn_output_ext(f);
	size_t stem = n - e, el = strlen(ext);
	char *p = malloc(stem + el + 1);
	if (p == NULL)
		return NULL;
	memcpy(p, name, stem);
	memcpy(p + stem, ext, el + 1);
	return p;
}

/* ---- Gathering the inputs -------------------------------------------------- */

/* Adds a job; takes in and out, which it frees on failure.  -1 when out
 * of memory. */
static int add_job(struct run *r, char *in, char *out, const struct stat *st)
{
	if (in == NULL || out == NULL) {
		free(in);
		free(out);
		return -1;
	}
	if (r->njobs == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 256;
		struct job *j = realloc(r->jobs, cap * sizeof *j);
		if (j == NULL) {
			free(in);
			free(out);
			return -1;
		}
		r->jobs = j;
		r->cap = cap;
	}
	struct job *j = &r->jobs[r->njobs++];
	j->in = in;
	j->out = out;
	j->size = st->st_size;
	j->mtime = st->st_mtim;
	j->dev = st->st_dev;
	j->ino = st->st_ino;
	return 0;
}

/* The path below -o of a name from --files0-from, as tar makes member
 * names: "/", "./" and leading "../" left out, "a//b" as "a/b".  malloc'd;
 * NULL when out of memory, "" when a ".." follows a kept part ("a/../b":
 * it could climb out of -o) or nothing is left. */
static char *mirrored_path(const char *path)
{
	char *rel = malloc(strlen(path) + 1);
	if (rel == NULL)
		return NULL;
	size_t n = 0;
	for (const char *p = path; *p;) {
		size_t len = strcspn(p, "/");
		if (len == 2 && p[0] == '.' && p[1] == '.' && n > 0) {
			n = 0;
			break;
		}
		if (len > 0 && !(len == 1 && p[0] == '.') && !(len == 2 && p[0] == '.' && p[1] == '.')) {
			if (n > 0)
				rel[n++] = '/';
			memcpy(rel + n, p, len);
			n += len;
		}
		p += len + (p[len] == '/');
	}
	rel[n] = '\0';
	return rel;
}

/* A file named on the command line (mirror 0): its output is
 * OUTDIR/basename with the extension replaced; or in --files0-from
 * (mirror 1): OUTDIR/its mirrored path with the extension replaced. */
static int add_operand(struct run *r, const char *path, int mirror)
{
	if (strcmp(path, "-") == 0) {
		fprintf(stderr, "winnow: -: standard input cannot be cleaned into -o\n");
		return ST_USAGE;
	}
	struct stat st;
	if (stat(path, &st) != 0) {
		fail_input(r, path, strerror(errno));
		return ST_OK;
	}
	if (S_ISDIR(st.st_mode)) {
		fail_input(r, path, "Is a directory (-r reads a tree)");
		return ST_OK;
	}
	char *rel = NULL;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (mirror) {
		if ((rel = mirrored_path(path)) == NULL)
			return out_of_memory(r);
		if (*rel == '\0') {
			free(rel);
			fail_input(r, path, "a name with .. inside cannot be mirrored under -o");
			return ST_OK;
		}
		base = rel;
	}
	char *name = output_name(base, r->render->format);
	char *out = name ? join(r->outdir, name) : NULL;
	free(name);
	free(rel);
	return add_job(r, strdup(path), out, &st) ? out_of_memory(r) : ST_OK;
}

/* Reads the whole of fd into b.  0, or an errno value. */
static int slurp(int fd, struct wn_buf *b)
{
	for (;;) {
		if (wn_buf_grow(b, 1 << 16) != 0)
			return ENOMEM;
		ssize_t got = read(fd, b->data + b->size, b->cap - b->size - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return errno;
		if (got == 0)
			return 0;
		b->size += (size_t)got;
		b->data[b->size] = '\0';
	}
}

/* --files0-from: file names each ended by a NUL (find -print0); the last
 * one may lack it. */
static int add_files0(struct run *r, const char *list)
{
	int is_stdin = strcmp(list, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : list;
	int fd = is_stdin ? 0 : open(list, O_RDONLY | O_CLOEXEC);
	struct wn_buf b = WN_BUF_INIT;
	int e = fd < 0 ? errno : slurp(fd, &b);
	if (fd >= 0 && !is_stdin)
		close(fd);
	if (e) {
		wn_buf_free(&b);
		if (e == ENOMEM)
			return out_of_memory(r);
		fprintf(stderr, "winnow: %s: %s\n", name, strerror(e));
		return ST_USAGE;
	}
	int st = ST_OK;
	for (size_t at = 0; at < b.size && st == ST_OK;) {
		const char *p = b.data + at;
		size_t len = strlen(p);
		if (len == 0) {
			fprintf(stderr, "winnow: %s: an empty file name at byte %zu\n", name, at);
			st = ST_USAGE;
		} else {
			st = add_operand(r, p, 1);
		}
		at += len + 1;
	}
	wn_buf_free(&b);
	return st;
}

static size_t fileid_hash(struct fileid id)
{
	/* splitmix64's finaliser: inode numbers come in runs */
	uint64_t h = (uint64_t)id.ino ^ ((uint64_t)id.dev * 0x9e3779b97f4a7c15u);
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9u;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebu;
	h ^= h >> 31;
	return (size_t)h;
}

/* The slot of id in s (cap > 0): where it is, or the free one where it
 * would go. */
static size_t seen_slot(const struct seen *s, struct fileid id)
{
	size_t mask = s->cap - 1, k = fileid_hash(id) & mask;
	while (s->used[k] && (s->ids[k].dev != id.dev || s->ids[k].ino != id.ino))
		k = (k + 1) & mask;
	return k;
}

static int seen_has(const struct seen *s, struct fileid id)
{
	return s->cap > 0 && s->used[seen_slot(s, id)];
}

/* Twice the slots, the ids moved over.  -1 when out of memory. */
static int seen_grow(struct seen *s)
{
	size_t cap = s->cap ? s->cap * 2 : 256;
	if (cap > SIZE_MAX / sizeof(struct fileid))
		return -1;
	struct seen g = {malloc(cap * sizeof *g.ids), calloc(cap, 1), s->n, cap};
	if (g.ids == NULL || g.used == NULL) {
		free(g.ids);
		free(g.used);
		return -1;
	}
	for (size_t k = 0; k < s->cap; k++) {
		if (s->used[k]) {
			size_t j = seen_slot(&g, s->ids[k]);
			g.used[j] = 1;
			g.ids[j] = s->ids[k];
		}
	}
	free(s->ids);
	free(s->used);
	*s = g;
	return 0;
}

/* 1 when id is new to s, and now in it; 0 when it was there; -1 when
 * out of memory. */
static int seen_add(struct seen *s, struct fileid id)
{
	if (2 * (s->n + 1) > s->cap && seen_grow(s) != 0)
		return -1;
	size_t k = seen_slot(s, id);
	if (s->used[k])
		return 0;
	s->used[k] = 1;
	s->ids[k] = id;
	s->n++;
	return 1;
}

/* A directory to read, with the chain of those it was found in (to see a
 * symbolic link loop) and its path below the root (for the output). */
struct dirnode {
	char *path;
	char *rel;              /* "" for the root, else "a/b" */
	dev_t dev;
	ino_t ino;
	struct dirnode *parent;
	struct dirnode *all;    /* every node of the walk, to free them */
};

struct entry {
	char *name;
	unsigned char type;     /* d_type: DT_UNKNOWN when the file system
	                         * does not say */
};

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

static void free_entries(struct entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(e[i].name);
	free(e);
}

/* The names in a directory, sorted bytewise so that the order of the
 * inputs never depends on the file system or the locale.  0 or errno. */
static int read_dir(const char *path, struct entry **out, size_t *count)
{
	DIR *d = opendir(path);
	if (d == NULL)
		return errno;
	struct entry *e = NULL;
	size_t n = 0, cap = 0;
	int err = 0;
	struct dirent *de;
	for (errno = 0; (de = readdir(d)) != NULL; errno = 0) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			size_t c = cap ? cap * 2 : 64;
			struct entry *p = realloc(e, c * sizeof *p);
			if (p == NULL) {
				err = ENOMEM;
				break;
			}
			e = p;
			cap = c;
		}
		e[n].name = strdup(de->d_name);
		e[n].type = de->d_type;
		if (e[n].name == NULL) {
			err = ENOMEM;
			break;
		}
		n++;
	}
	if (!err && errno)
		err = errno;
	closedir(d);
	if (err) {
		free_entries(e, n);
		return err;
	}
	qsort(e, n, sizeof *e, cmp_entry);
	*out = e;
	*count = n;
	return 0;
}

/* A pending directory stack for the walk. */
struct dirstack {
	struct dirnode **v;
	size_t n, cap;
	struct dirnode *all;
};

static struct dirnode *push_dir(struct dirstack *s, char *path, char *rel,
                                const struct stat *st, struct dirnode *parent)
{
	struct dirnode *d = NULL;
	if (path && rel && s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct dirnode **v = realloc(s->v, cap * sizeof *v);
		if (v) {
			s->v = v;
			s->cap = cap;
		}
	}
	if (path && rel && s->n < s->cap)
		d = malloc(sizeof *d);
	if (d == NULL) {
		free(path);
		free(rel);
		return NULL;
	}
	d->path = path;
	d->rel = rel;
	d->dev = st->st_dev;
	d->ino = st->st_ino;
	d->parent = parent;
	d->all = s->all;
	s->all = d;
	s->v[s->n++] = d;
	return d;
}

/* Whether the directory st is d or one of the directories d is in: a
 * symbolic link back up the tree, which would be walked forever. */
static int is_loop(const struct dirnode *d, const struct stat *st)
{
	for (; d; d = d->parent)
		if (d->dev == st->st_dev && d->ino == st->st_ino)
			return 1;
	return 0;
}

static int is_outdir(const struct run *r, const struct stat *st)
{
	return r->have_outdir && st->st_dev == r->out_dev && st->st_ino == r->out_ino;
}

/* One entry of directory d: a page becomes a job, a directory is pushed.
 * Takes path.  ST_OK, or ST_FATAL when out of memory. */
static int walk_entry(struct run *r, struct dirstack *s, struct dirnode *d,
                      const struct entry *e, char *path)
{
	int page = input_ext_len(e->name) > 0;
	int maybe_dir = e->type == DT_DIR || e->type == DT_LNK || e->type == DT_UNKNOWN;
	struct stat st;
	if (!page && !maybe_dir) {
		free(path);
		return ST_OK;
	}
	/* stat, not lstat: links to pages and to directories are followed. */
	if (stat(path, &st) != 0) {
		if (page) /* a dangling link named like a page */
			fail_input(r, path, strerror(errno));
		free(path);
		return ST_OK;
	}
	char *rel = NULL;
	if (S_ISDIR(st.st_mode)) {
		if (is_outdir(r, &st)) { /* -R . -o out: not our own outputs */
			free(path);
			return ST_OK;
		}
		/* Read already through another path, or being read: a
		 * directory the walk came through is a loop. */
		if (seen_has(&r->seen, (struct fileid){st.st_dev, st.st_ino})) {
			if (is_loop(d, &st) && !r->b->quiet)
				report(r, path, "a symbolic link loop, not followed");
			free(path);
			return ST_OK;
		}
		rel = *d->rel ? join(d->rel, e->name) : strdup(e->name);
		return push_dir(s, path, rel, &st, d) ? ST_OK : out_of_memory(r);
	}
	if (!page) {
		free(path);
		return ST_OK;
	}
	if (!S_ISREG(st.st_mode)) { /* a FIFO would block the walk */
		fail_input(r, path, "not a regular file");
		free(path);
		return ST_OK;
	}
	/* The same page through another link, or a hard link: cleaned once,
	 * into the output of the path met first. */
	int added = seen_add(&r->seen, (struct fileid){st.st_dev, st.st_ino});
	if (added <= 0) {
		free(path);
		return added < 0 ? out_of_memory(r) : ST_OK;
	}
	char *name = output_name(e->name, r->render->format);
	rel = name && *d->rel ? join(d->rel, name) : name;
	char *out = rel ? join(r->outdir, rel) : NULL;
	if (rel != name)
		free(rel);
	free(name);
	return add_job(r, path, out, &st) ? out_of_memory(r) : ST_OK;
}

/* Reads directory d: its pages become jobs in name order, and its
 * subdirectories go on the stack so that they come off it in name order
 * too, after these pages.  Several paths may lead to one directory (links
 * to it), and each may have been pushed before any was read: the first
 * to come off the stack reads it, the others are passed over. */
static int walk_dir(struct run *r, struct dirstack *s, struct dirnode *d)
{
	int added = seen_add(&r->seen, (struct fileid){d->dev, d->ino});
	if (added <= 0)
		return added < 0 ? out_of_memory(r) : ST_OK;
	struct entry *e = NULL;
	size_t n = 0;
	int err = read_dir(d->path, &e, &n);
	if (err == ENOMEM)
		return out_of_memory(r);
	if (err) {
		fail_input(r, d->path, strerror(err));
		return ST_OK;
	}
	size_t first = s->n;
	int st = ST_OK;
	for (size_t i = 0; i < n && st == ST_OK; i++) {
		char *path = join(d->path, e[i].name);
		st = path ? walk_entry(r, s, d, &e[i], path) : out_of_memory(r);
	}
	free_entries(e, n);
	for (size_t i = first, j = s->n; i + 1 < j; i++, j--) {
		struct dirnode *t = s->v[i];
		s->v[i] = s->v[j - 1];
		s->v[j - 1] = t;
	}
	return st;
}

/* -r DIR: every page in the tree, depth first, with an explicit stack of
 * directories, never recursion on the depth of the tree.  Each directory
 * and page is read once in the whole run (r->seen), whatever the number
 * of paths to it, so that links that branch cost no more than a tree. */
static int walk(struct run *r, const char *root)
{
	struct stat st;
	int e = stat(root, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
	if (e) {
		/* -r FILE was --rules FILE before -r became --recursive */
		fprintf(stderr, "winnow: %s: %s%s\n", root, strerror(e),
		        e == ENOTDIR ? " (-r reads a tree; rules files are given with --rules)" : "");
		return ST_USAGE;
	}
	if (is_outdir(r, &st)) {
		fprintf(stderr, "winnow: %s: is also the output directory\n", root);
		return ST_USAGE;
	}
	struct dirstack s = {NULL, 0, 0, NULL};
	int rc = push_dir(&s, strip_slashes(root), strdup(""), &st, NULL) ? ST_OK
	                                                                    : out_of_memory(r);
	while (rc == ST_OK && s.n > 0 && !atomic_load(&r->fatal))
		rc = walk_dir(r, &s, s.v[--s.n]);
	while (s.all) {
		struct dirnode *d = s.all;
		s.all = d->all;
		free(d->path);
		free(d->rel);
		free(d);
	}
	free(s.v);
	return rc;
}

static int gather(struct run *r, int nfiles, char **files)
{
	int st = ST_OK;
	for (int k = 0; k < r->b->nroots && st == ST_OK; k++)
		st = walk(r, r->b->roots[k]);
	for (int k = 0; k < nfiles && st == ST_OK; k++)
		st = add_operand(r, files[k], 0);
	if (st == ST_OK && r->b->files0)
		st = add_files0(r, r->b->files0);
	return st;
}

static int cmp_job_out(const void *a, const void *b)
{
	const struct job *x = *(const struct job *const *)a, *y = *(const struct job *const *)b;
	return strcmp(x->out, y->out);
}

/* Two inputs that map to one output are a usage error before anything
 * runs: one of them would silently be lost. */
static int check_duplicates(struct run *r)
{
	if (r->njobs < 2)
		return ST_OK;
	const struct job **v = malloc(r->njobs * sizeof *v);
	if (v == NULL)
		return out_of_memory(r);
	for (size_t i = 0; i < r->njobs; i++)
		v[i] = &r->jobs[i];
	qsort(v, r->njobs, sizeof *v, cmp_job_out);
	int st = ST_OK;
	for (size_t i = 1; i < r->njobs; i++)
		if (strcmp(v[i - 1]->out, v[i]->out) == 0) {
			fprintf(stderr, "winnow: %s: the output of both %s and %s\n", v[i]->out,
			        v[i - 1]->in, v[i]->in);
			st = ST_USAGE;
		}
	free(v);
	return st;
}

/* ---- The digest of the options ----------------------------------------------- */

/* FNV-1a, 64 bits: a stable fingerprint, not a secure one. */
static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3u;
	}
	return h;
}

/*
 * What the digest is made of: everything that changes the output of a
 * page that was cleaned: the output asked for, and the options as
 * wn_options_describe gives them, the rule set's list included.  The
 * limits (--max-size, --time-limit, the memory cap) only decide whether a
 * page fails, and a failed page has no output, so they are left out:
 * raising one does not make the finished outputs stale.
 */
static int digest_text(const struct run *r, struct wn_buf *t)
{
	const struct wn_output *v = r->render;
	wn_buf_printf(t, "winnow %s\nformat %d title %d explain %d markdown %d\n", WN_VERSION,
	              (int)v->format, v->title, v->explain, v->markdown);
	char *desc;
	size_t len;
	if (wn_options_describe(r->opts, &desc, &len) != WN_OK)
		return -1;
	wn_buf_put(t, desc, len);
	free(desc);
	return t->failed ? -1 : 0;
}

/* The digest this run would write, and whether the one in OUTDIR differs;
 * when it is the same, its mtime (outputs older than it are stale). */
static int read_digest(struct run *r, struct digest *dg)
{
	struct wn_buf t = WN_BUF_INIT;
	if (digest_text(r, &t) != 0) {
		wn_buf_free(&t);
		return out_of_memory(r);
	}
	snprintf(dg->line, sizeof dg->line, "winnow-digest %016" PRIx64 "\n",
	         fnv1a(t.data, t.size));
	wn_buf_free(&t);
	dg->stale = 1;
	char *path = join(r->outdir, DIGEST_NAME);
	if (path == NULL)
		return out_of_memory(r);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return ST_OK;
	char have[sizeof dg->line];
	struct stat st;
	ssize_t n = read(fd, have, sizeof have);
	if (fstat(fd, &st) == 0 && n == (ssize_t)strlen(dg->line) &&
	    memcmp(have, dg->line, (size_t)n) == 0) {
		dg->stale = 0;
		dg->mtime = st.st_mtim;
	}
	close(fd);
	return ST_OK;
}

/* ---- Writing an output ----------------------------------------------------------- */

/* mkdir -p of the first len bytes of path, each directory with 0777 less
 * the umask.  0 or an errno value.  Two workers may race here: EEXIST is
 * success. */
static int make_dirs(const char *path, size_t len)
{
	char *p = strndup(path, len);
	if (p == NULL)
		return ENOMEM;
	int e = 0;
	for (size_t i = 1; i <= len && !e; i++) {
		if (p[i] != '/' && p[i] != '\0')
			continue;
		char c = p[i];
		p[i] = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			e = errno;
		p[i] = c;
	}
	free(p);
	return e;
}

/* "DIR/.winnow-HOST-PID.NAME.tmp.XXXXXX" for mkstemp: the host and the
 * process that write it, so that a later run can tell a file left by a
 * process that is gone from one still being written (abandoned_temp);
 * NAME cut so that the whole name stays within NAME_MAX.  malloc'd;
 * *dirlen is the length of "DIR/". */
static char *temp_name(const struct run *r, const char *path, size_t *dirlen)
{
	const char *slash = strrchr(path, '/');
	size_t d = slash ? (size_t)(slash - path) + 1 : 0;
	size_t pre = strlen(r->temp_prefix), n = strlen(path + d), tail = strlen(TMP_TAIL);
	if (n > 255 - pre - tail)
		n = 255 - pre - tail;
	char *t = malloc(d + pre + n + tail + 1);
	if (t == NULL)
		return NULL;
	memcpy(t, path, d);
	memcpy(t + d, r->temp_prefix, pre);
	memcpy(t + d + pre, path + d, n);
	memcpy(t + d + pre + n, TMP_TAIL, tail + 1);
	*dirlen = d;
	return t;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * Whether name is a temporary file that a winnow process of this host
 * made (as temp_name does, mkstemp putting letters and digits for the X)
 * and left behind: that process no longer exists, or is this one, which
 * has none before it cleans.  Other files, also a winnow's of a process
 * still running or of another host, may be in use: they are not ours to
 * remove.
 */
static int abandoned_temp(const struct run *r, const char *name)
{
	size_t n = strlen(name), tail = strlen(TMP_TAIL);
	if (strncmp(name, r->temp_prefix, r->host_end) != 0 || !is_digit(name[r->host_end]))
		return 0;
	char *end;
	errno = 0;
	unsigned long pid = strtoul(name + r->host_end, &end, 10);
	if (errno || pid == 0 || pid > INT32_MAX || *end != '.')
		return 0;
	/* ".NAME" then the tail: at least one byte of NAME */
	if ((size_t)(end - name) + 2 + tail > n || strncmp(name + n - tail, ".tmp.", 5) != 0)
		return 0;
	for (const char *p = name + n - 6; *p; p++)
		if (!is_alnum(*p))
			return 0;
	return (pid_t)pid == r->pid || (kill((pid_t)pid, 0) != 0 && errno == ESRCH);
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* A new temporary file for path, making its directory when missing.
 * Returns the descriptor, or -1 with *err set. */
static int open_temp(char *tmp, size_t dirlen, int *err)
{
	int fd = mkstemp(tmp);
	if (fd < 0 && errno == ENOENT && dirlen > 0) {
		*err = make_dirs(tmp, dirlen - 1);
		if (*err)
			return -1;
		/* mkstemp leaves the template undefined after a failure */
		memcpy(tmp + strlen(tmp) - 6, "XXXXXX", 6);
		fd = mkstemp(tmp);
	}
	if (fd < 0)
		*err = errno;
	return fd;
}

/*
 * Writes data to path through a temporary file in the same directory,
 * renamed into place: whenever the process is killed, path is either the
 * old file or the whole new one.  No fsync unless --sync: it costs more
 * than the cleaning, and the rename alone already keeps a partial file
 * from the final name.  0 or an errno value.
 */
static int write_atomic(const struct run *r, const char *path, const char *data, size_t len)
{
	size_t dirlen;
	char *tmp = temp_name(r, path, &dirlen);
	if (tmp == NULL)
		return ENOMEM;
	int e = 0;
	int fd = open_temp(tmp, dirlen, &e);
	if (fd < 0) {
		free(tmp);
		return e;
	}
	if (fchmod(fd, r->file_mode) != 0)
		e = errno;
	if (!e)
		e = write_all(fd, data, len);
	if (!e && r->b->sync && fdatasync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;
	if (!e && rename(tmp, path) != 0)
		e = errno;
	if (e)
		unlink(tmp);
	free(tmp);
	return e;
}

/* Errors that concern one output only (its name, something in its way);
 * any other write error (no space, read-only, permission) would hit every
 * file after it too. */
static int output_error_is_local(int e)
{
	return e == ENAMETOOLONG || e == EISDIR || e == ENOTDIR || e == EEXIST;
}

/* ---- Cleaning ----------------------------------------------------------------------- */

/* Reads the whole file into the worker's buffer.  0, or an errno value:
 * EFBIG when it is over limit bytes. */
static int read_input(struct worker *w, const char *path, size_t limit, size_t *len)
{
	*len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	struct stat st;
	int e = 0;
	size_t n = 0;
	if (fstat(fd, &st) != 0)
		e = errno;
	else if (S_ISDIR(st.st_mode))
		e = EISDIR;
	else if (limit && st.st_size > 0 && (uintmax_t)st.st_size > limit)
		e = EFBIG;
	while (!e) {
		if (n == w->cap) {
			/* room for the whole file and one byte, to see the end
			 * without growing again */
			size_t cap = w->cap ? w->cap * 2 : 1 << 16;
			if (st.st_size > 0 && cap <= (uintmax_t)st.st_size)
				cap = (size_t)st.st_size + 1;
			char *p = realloc(w->buf, cap);
			if (p == NULL) {
				e = ENOMEM;
				break;
			}
			w->buf = p;
			w->cap = cap;
		}
		ssize_t got = read(fd, w->buf + n, w->cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			e = got < 0 ? errno : 0;
			break;
		}
		n += (size_t)got;
		if (limit && n > limit)
			e = EFBIG;
	}
	close(fd);
	*len = n;
	return e;
}

/* One page: read, clean, render, write. */
static void clean_one(struct worker *w, const struct job *j)
{
	struct run *r = w->run;
	size_t len;
	int e = read_input(w, j->in, r->max_input, &len);
	if (e == ENOMEM) {
		fail_fatal(r, j->in, strerror(e));
		return;
	}
	if (e == EFBIG) {
		char msg[96];
		snprintf(msg, sizeof msg, "input is over the limit of %zu bytes (--max-size)",
		         r->max_input);
		fail_input(r, j->in, msg);
		return;
	}
	if (e) {
		fail_input(r, j->in, strerror(e));
		return;
	}
	wn_status st = wn_doc_load(w->doc, w->buf, len);
	if (st != WN_OK) {
		if (st == WN_ERR_NOMEM)
			fail_fatal(r, j->in, wn_doc_errmsg(w->doc));
		else
			fail_input(r, j->in, wn_doc_errmsg(w->doc));
		return;
	}
	char *out;
	size_t outlen;
	int empty;
	st = wn_output_doc(r->render, w->doc, &out, &outlen, &empty);
	if (st != WN_OK) {
		fail_fatal(r, j->in, wn_status_str(st));
		return;
	}
	e = write_atomic(r, j->out, out, outlen);
	free(out);
	if (e && output_error_is_local(e))
		fail_input(r, j->out, strerror(e));
	else if (e)
		fail_fatal(r, j->out, strerror(e));
	else {
		atomic_fetch_add(&r->done, 1);
		if (empty && !r->render->explain)
			atomic_fetch_add(&r->empty, 1);
	}
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct run *r = w->run;
	while (!atomic_load(&r->fatal)) {
		size_t k = atomic_fetch_add(&r->next, 1);
		if (k >= r->ntodo)
			break;
		const struct job *j = &r->jobs[r->todo[k]];
		clean_one(w, j);
		atomic_fetch_add(&r->bytes, (unsigned long long)j->size);
	}
	pthread_mutex_lock(&r->lock);
	r->running--;
	pthread_cond_signal(&r->ended);
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

/* ---- Progress and summary ------------------------------------------------------------ */

static void format_eta(char *s, size_t n, double secs)
{
	unsigned long t = (unsigned long)(secs + 0.5);
	if (t >= 3600)
		snprintf(s, n, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(s, n, "%lu:%02lu", t / 60, t % 60);
}

/* "done/total files, pages/s, MB/s, ETA" over itself; r->lock held. */
static void draw_progress(struct run *r)
{
	size_t finished = atomic_load(&r->done) + atomic_load(&r->failed);
	unsigned long long bytes = atomic_load(&r->bytes);
	double t = now() - r->work_start;
	char eta[32] = "-";
	if (bytes > 0 && t > 0 && r->todo_bytes >= bytes)
		format_eta(eta, sizeof eta, (double)(r->todo_bytes - bytes) * t / (double)bytes);
	char line[160];
	int n = snprintf(line, sizeof line, "%zu/%zu files, %.1f pages/s, %.1f MB/s, ETA %s",
	                 finished > r->ntodo ? r->ntodo : finished, r->ntodo,
	                 t > 0 ? (double)finished / t : 0.0,
	                 t > 0 ? (double)bytes / 1e6 / t : 0.0, eta);
	if (n < 0)
		return;
	size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
	/* pad over the end of a longer previous line */
	fprintf(stderr, "\r%s%*s", line, len < r->line_len ? (int)(r->line_len - len) : 0, "");
	fflush(stderr);
	r->line_len = len > r->line_len ? len : r->line_len;
}

static void summary(struct run *r)
{
	double t = now() - r->start;
	double mb = (double)atomic_load(&r->bytes) / 1e6;
	fprintf(stderr, "winnow: %zu done, %zu skipped, %zu empty, %zu failed in %.1f s (%.1f MB/s)\n",
	        atomic_load(&r->done), r->skipped, atomic_load(&r->empty),
	        atomic_load(&r->failed), t, t > 0 ? mb / t : 0.0);
}

/* ---- The run ------------------------------------------------------------------------- */

static int cmp_fileid(const void *a, const void *b)
{
	const struct fileid *x = a, *y = b;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* The files of all inputs, sorted, to see an output that would replace
 * an input (-R out/in -o out, or an input .txt in the output directory). */
static struct fileid *input_ids(const struct run *r)
{
	struct fileid *v = malloc((r->njobs ? r->njobs : 1) * sizeof *v);
	if (v == NULL)
		return NULL;
	for (size_t i = 0; i < r->njobs; i++) {
		v[i].dev = r->jobs[i].dev;
		v[i].ino = r->jobs[i].ino;
	}
	qsort(v, r->njobs, sizeof *v, cmp_fileid);
	return v;
}

/*
 * Which outputs are current: the digest in OUTDIR is this run's, and the
 * output is no older than its input nor than the digest file (outputs
 * from before the options last changed are stale, even when a run with
 * the new options was killed before it reached them).
 */
static int plan(struct run *r, const struct digest *dg)
{
	r->todo = malloc((r->njobs ? r->njobs : 1) * sizeof *r->todo);
	struct fileid *ids = input_ids(r);
	if (r->todo == NULL || ids == NULL) {
		free(ids);
		return out_of_memory(r);
	}
	int st = ST_OK;
	for (size_t k = 0; k < r->njobs; k++) {
		const struct job *j = &r->jobs[k];
		struct stat os;
		int current = 0;
		if (stat(j->out, &os) == 0) {
			struct fileid id = {os.st_dev, os.st_ino};
			if (bsearch(&id, ids, r->njobs, sizeof *ids, cmp_fileid)) {
				fprintf(stderr, "winnow: %s: is also an input; it would be replaced\n",
				        j->out);
				st = ST_USAGE;
			}
			current = !r->b->force && !dg->stale && S_ISREG(os.st_mode) &&
			          !ts_before(os.st_mtim, j->mtime) && !ts_before(os.st_mtim, dg->mtime);
		}
		if (current) {
			r->skipped++;
		} else {
			r->todo[r->ntodo++] = k;
			r->todo_bytes += (unsigned long long)j->size;
		}
	}
	free(ids);
	return st;
}

static int dry_run(struct run *r)
{
	size_t t = 0;
	for (size_t k = 0; k < r->njobs; k++) {
		int todo = t < r->ntodo && r->todo[t] == k;
		t += todo;
		printf("would %s %s -> %s\n", todo ? "clean" : "skip", r->jobs[k].in, r->jobs[k].out);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "winnow: <stdout>: %s\n", strerror(errno ? errno : EIO));
		return ST_FATAL;
	}
	if (!r->b->quiet)
		fprintf(stderr, "winnow: dry run: %zu to clean, %zu to skip, %zu failed\n", r->ntodo,
		        r->skipped, atomic_load(&r->failed));
	return ST_OK;
}

/* Creates and locks OUTDIR: two runs writing one tree would write the
 * digest and the same outputs at once.  Returns the locked descriptor or
 * -1. */
static int open_outdir(struct run *r)
{
	int e = make_dirs(r->outdir, strlen(r->outdir));
	int fd = e ? -1 : open(r->outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		fail_fatal(r, r->outdir, strerror(e ? e : errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		fail_fatal(r, r->outdir, errno == EWOULDBLOCK
		                             ? "another winnow run is writing to this directory"
		                             : strerror(errno));
		close(fd);
		return -1;
	}
	if (access(r->outdir, W_OK | X_OK) != 0) {
		fail_fatal(r, r->outdir, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* The directory part of path: its length, up to the last slash. */
static size_t dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? (size_t)(slash - path) : 0;
}

/* Removes the temporary files a killed run left in the output directories
 * of this run, only those certainly abandoned (see abandoned_temp).  Jobs
 * come in directory order, so comparing with the last directory is
 * enough (a directory met again is only read again). */
static int remove_temps(struct run *r)
{
	const char *last = NULL;
	size_t lastlen = 0;
	for (size_t k = 0; k <= r->njobs; k++) {
		const char *p = k < r->njobs ? r->jobs[k].out : r->outdir;
		size_t d = k < r->njobs ? dir_len(p) : strlen(p);
		if (last && d == lastlen && strncmp(p, last, d) == 0)
			continue;
		last = p;
		lastlen = d;
		char *dir = strndup(p, d ? d : 1);
		if (dir == NULL)
			return out_of_memory(r);
		DIR *dp = opendir(dir);
		struct dirent *de;
		while (dp && (de = readdir(dp)) != NULL)
			if (abandoned_temp(r, de->d_name))
				unlinkat(dirfd(dp), de->d_name, 0);
		if (dp)
			closedir(dp);
		free(dir);
	}
	return ST_OK;
}

/* --sync: the renames are only durable once their directories are. */
static int sync_dirs(struct run *r)
{
	const char *last = NULL;
	size_t lastlen = 0;
	for (size_t t = 0; t <= r->ntodo; t++) {
		const char *p = t < r->ntodo ? r->jobs[r->todo[t]].out : r->outdir;
		size_t d = t < r->ntodo ? dir_len(p) : strlen(p);
		if (last && d == lastlen && strncmp(p, last, d) == 0)
			continue;
		last = p;
		lastlen = d;
		char *dir = strndup(p, d ? d : 1);
		if (dir == NULL)
			return out_of_memory(r);
		int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0 && fsync(fd) != 0 && errno != EINVAL)
			fail_fatal(r, dir, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(dir);
	}
	return atomic_load(&r->fatal) ? ST_FATAL : ST_OK;
}

/* The memory all pages in progress may use together: three quarters of
 * the machine's (or of the address space the process may have, when
 * that is less); 0 when unknown. */
static unsigned long long memory_for_pages(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
	unsigned long long total = pages > 0 && size > 0 ? (unsigned long long)pages * (unsigned long long)size : 0;
	struct rlimit lim;
	if (getrlimit(RLIMIT_AS, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY &&
	    (total == 0 || (unsigned long long)lim.rlim_cur < total))
		total = (unsigned long long)lim.rlim_cur;
	return total / 4 * 3;
}

/* The threads: -j (default the processors online), no more than the
 * pages to clean, and no more than the pages of max_memory each that fit
 * in memory_for_pages(): the bound on the whole run's memory.  Says so
 * when it lowers a -j given. */
static unsigned worker_count(const struct run *r)
{
	long n = r->b->jobs ? (long)r->b->jobs : sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	if (n > MAX_JOBS)
		n = MAX_JOBS;
	double cap = 0;
	unsigned long long room = memory_for_pages();
	if (wn_options_get(r->opts, "max_memory", &cap) == WN_OK && cap > 0 && room > 0 &&
	    (double)n * cap > (double)room) {
		long fit = (long)((double)room / cap);
		if (fit < 1)
			fit = 1;
		if (r->b->jobs_given && !r->b->quiet)
			fprintf(stderr,
			        "winnow: -j %ld lowered to %ld: %ld pages of up to %.0f MiB each "
			        "(--max-memory) fit in three quarters of the memory (%.0f MiB)\n",
			        n, fit, fit, cap / 1048576, (double)room / 0.75 / 1048576);
		n = fit;
	}
	if ((size_t)n > r->ntodo)
		n = (long)r->ntodo;
	return (unsigned)n;
}

/* Waits for the workers, redrawing the progress line at most ten times a
 * second. */
static void wait_workers(struct run *r)
{
	double next_draw = now() + 0.1;
	pthread_mutex_lock(&r->lock);
	while (r->running > 0) {
		if (!r->progress) {
			pthread_cond_wait(&r->ended, &r->lock);
			continue;
		}
		struct timespec ts;
		ts.tv_sec = (time_t)next_draw;
		ts.tv_nsec = (long)((next_draw - (double)ts.tv_sec) * 1e9);
		if (pthread_cond_timedwait(&r->ended, &r->lock, &ts) == ETIMEDOUT) {
			draw_progress(r);
			next_draw = now() + 0.1;
		}
	}
	clear_line(r);
	pthread_mutex_unlock(&r->lock);
}

/* The workers, each with its own doc (the rules are shared read-only). */
static int clean_all(struct run *r)
{
	unsigned n = worker_count(r);
	if (n == 0)
		return ST_OK;
	struct worker *w = calloc(n, sizeof *w);
	if (w == NULL)
		return out_of_memory(r);
	unsigned started = 0;
	r->work_start = now();
	for (unsigned i = 0; i < n; i++) {
		w[i].run = r;
		w[i].doc = wn_doc_new(r->opts);
		if (w[i].doc == NULL) {
			out_of_memory(r);
			break;
		}
	}
	r->running = n;
	for (unsigned i = 0; i < n && !atomic_load(&r->fatal); i++, started++) {
		int e = pthread_create(&w[i].tid, NULL, work, &w[i]);
		if (e) {
			/* fewer workers still finish the run */
			if (started == 0)
				fail_fatal(r, "cannot start a thread", strerror(e));
			break;
		}
	}
	/* running counted all n before any started, so that a worker that
	 * ends at once cannot be missed; take off those never started */
	pthread_mutex_lock(&r->lock);
	r->running -= n - started;
	pthread_mutex_unlock(&r->lock);
	wait_workers(r);
	for (unsigned i = 0; i < n; i++) {
		if (i < started)
			pthread_join(w[i].tid, NULL);
		wn_doc_free(w[i].doc);
		free(w[i].buf);
	}
	free(w);
	return atomic_load(&r->fatal) ? ST_FATAL : ST_OK;
}

/* Writes the digest, when it changed, before any output of this run. */
static int write_digest(struct run *r, const struct digest *dg)
{
	if (!dg->stale)
		return ST_OK;
	char *path = join(r->outdir, DIGEST_NAME);
	if (path == NULL)
		return out_of_memory(r);
	int e = write_atomic(r, path, dg->line, strlen(dg->line));
	if (e)
		fail_fatal(r, path, strerror(e));
	free(path);
	return e ? ST_FATAL : ST_OK;
}

static int check_usage(const struct wn_batch *b, int nfiles)
{
	if (b->outdir == NULL) {
		const char *opt = b->nroots ? "-r" : b->files0 ? "--files0-from" : b->jobs_given ? "-j"
		                  : b->force ? "--force" : b->dry_run ? "--dry-run" : "--sync";
		fprintf(stderr, "winnow: %s needs -o DIR (batch mode)\n", opt);
		return ST_USAGE;
	}
	if (*b->outdir == '\0') {
		fprintf(stderr, "winnow: -o: an empty directory name\n");
		return ST_USAGE;
	}
	if (nfiles == 0 && b->nroots == 0 && b->files0 == NULL) {
		fprintf(stderr, "winnow: -o: no input (files, -r DIR or --files0-from FILE)\n");
		return ST_USAGE;
	}
	return ST_OK;
}

/* Everything after the inputs are known: plan, then do or say. */
static int process(struct run *r)
{
	struct digest dg;
	int st = check_duplicates(r);
	if (st == ST_OK)
		st = read_digest(r, &dg);
	if (st == ST_OK)
		st = plan(r, &dg);
	if (st != ST_OK)
		return st;
	if (r->b->dry_run)
		return dry_run(r);
	int fd = open_outdir(r);
	if (fd < 0)
		return ST_FATAL;
	st = write_digest(r, &dg);
	if (st == ST_OK)
		st = remove_temps(r);
	r->summarise = st == ST_OK;
	if (st == ST_OK)
		st = clean_all(r);
	if (st == ST_OK && r->b->sync)
		st = sync_dirs(r);
	close(fd); /* and with it the lock */
	return st;
}

static void free_run(struct run *r)
{
	for (size_t k = 0; k < r->njobs; k++) {
		free(r->jobs[k].in);
		free(r->jobs[k].out);
	}
	free(r->jobs);
	free(r->seen.ids);
	free(r->seen.used);
	free(r->todo);
	free(r->outdir);
	pthread_cond_destroy(&r->ended);
	pthread_mutex_destroy(&r->lock);
}

/* ".winnow-HOST-PID.": the host name with anything but letters, digits
 * and '-' as '_' (a name with a dot would be harder to read back). */
static void set_temp_prefix(struct run *r)
{
	char host[65];
	if (gethostname(host, sizeof host) != 0)
		host[0] = '\0';
	host[sizeof host - 1] = '\0';
	for (char *c = host; *c; c++)
		if (!is_alnum(*c) && *c != '-')
			*c = '_';
	r->pid = getpid();
	int n = snprintf(r->temp_prefix, sizeof r->temp_prefix, TMP_MARK "%s-", host);
	r->host_end = (size_t)n;
	snprintf(r->temp_prefix + n, sizeof r->temp_prefix - (size_t)n, "%ld.", (long)r->pid);
}

static int init_run(struct run *r, const struct wn_batch *b, const wn_options *opts,
                    size_t max_input, const struct wn_output *render)
{
	memset(r, 0, sizeof *r);
	r->b = b;
	r->opts = opts;
	r->max_input = max_input;
	r->render = render;
	r->start = now();
	atomic_init(&r->next, 0);
	atomic_init(&r->done, 0);
	atomic_init(&r->empty, 0);
	atomic_init(&r->failed, 0);
	atomic_init(&r->bytes, 0);
	atomic_init(&r->fatal, 0);
	/* Before any thread runs: umask() cannot be read without setting it. */
	mode_t mask = umask(0);
	umask(mask);
	r->file_mode = 0666 & ~mask;
	set_temp_prefix(r);
	r->progress = !b->quiet && !b->dry_run && isatty(2);
	pthread_condattr_t ca;
	if (pthread_condattr_init(&ca) != 0)
		return -1;
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	int e = pthread_cond_init(&r->ended, &ca);
	pthread_condattr_destroy(&ca);
	if (e != 0)
		return -1;
	if (pthread_mutex_init(&r->lock, NULL) != 0) {
		pthread_cond_destroy(&r->ended);
		return -1;
	}
	r->outdir = strip_slashes(b->outdir);
	struct stat st;
	if (r->outdir && stat(r->outdir, &st) == 0 && S_ISDIR(st.st_mode)) {
		r->have_outdir = 1;
		r->out_dev = st.st_dev;
		r->out_ino = st.st_ino;
	}
	return 0;
}

int wn_batch_run(const struct wn_batch *b, int nfiles, char **files, const wn_options *opts,
                 size_t max_input, const struct wn_output *render)
{
	int st = check_usage(b, nfiles);
	if (st != ST_OK)
		return st;
	struct run r;
	if (init_run(&r, b, opts, max_input, render) != 0) {
		fprintf(stderr, "winnow: out of memory\n");
		return ST_FATAL;
	}
	st = r.outdir ? gather(&r, nfiles, files) : out_of_memory(&r);
	if (st == ST_OK)
		st = process(&r);
	if (r.summarise && !b->quiet)
		summary(&r);
	if (st == ST_OK && atomic_load(&r.failed) > 0)
		st = ST_FAILED;
	free_run(&r);
	return st;
}
