/*
 * winnow.h - extract the article text from a web page.
 *
 * The simple interface is one call:
 *
 *     char *text;
 *     size_t len;
 *     wn_status rc = wn_clean(buf, buflen, NULL, &text, &len);
 *     if (rc == WN_OK) { fwrite(text, 1, len, stdout); free(text); }
 *
 * The layered interface keeps the parsed document (wn_doc) so that the
 * caller can look at every block, its features and the decision taken on
 * it, or render the result more than once, in any format:
 *
 *     wn_options *opts = wn_options_new();      NULL only when out of memory
 *     wn_options_set(opts, "max_input", 32 << 20);
 *     wn_doc *doc = wn_doc_new(opts);           NULL only when out of memory
 *     if (wn_doc_load(doc, buf, buflen) != WN_OK)
 *         fprintf(stderr, "%s\n", wn_doc_errmsg(doc));
 *     else if (wn_doc_render(doc, WN_FORMAT_JSON, 0, &out, &outlen) == WN_OK)
 *         ...
 *     wn_doc_free(doc);
 *     wn_options_free(opts);
 *
 * Conventions, as in cmark and lowdown (winnow(3) has the details):
 *  - Every fallible call returns a wn_status.  Out-parameters are written
 *    only when the call returns WN_OK.
 *  - Strings handed to the caller (char **out) are malloc'd; the caller
 *    frees them with free().  Everything else returned as a pointer (const)
 *    is owned by the wn_doc and lives until wn_doc_free() or the next
 *    wn_doc_load() on the same doc.
 *  - The library never prints, exits or aborts; it checks every allocation
 *    and reports WN_ERR_NOMEM instead.  Its messages name options by
 *    their names here (max_input), never a command's flags.
 *  - Nothing recurses on the depth of the input.
 *  - All text out of the library is valid UTF-8 in Unicode NFC.
 *  - Threads: distinct docs may be used by distinct threads at once, and
 *    share options and rule sets read-only.  On one doc, the calls that
 *    take a const wn_doc * may run at once in any number of threads;
 *    wn_doc_load, wn_doc_set_* and wn_doc_free need the doc to themselves.
 *  - The process: the built-in rules are compiled once, on first use, and
 *    kept for the life of the process (a singleton, shared by all docs).
 *    While Gumbo parses, and only then, SIGABRT is caught when the program
 *    has no handler of its own (see abort_guard in winnow(3)); the
 *    program's disposition is restored when the last parse ends.
 */
#ifndef WINNOW_H
#define WINNOW_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WN_VERSION "0.1.0"

/* What the shared library exports: this header's calls and nothing else
 * (the library is built with -fvisibility=hidden). */
#if defined(__GNUC__) && __GNUC__ >= 4
#define WN_EXPORT __attribute__((visibility("default")))
#else
#define WN_EXPORT
#endif

/* The default work_budget (winnow(3), Options): units of work per byte. */
#define WN_DEFAULT_WORK_BUDGET 500

/* Result of every fallible call.  wn_status_str() names each one. */
typedef enum {
	WN_OK = 0,
	WN_ERR_NOMEM,     /* an allocation failed */
	WN_ERR_TOO_LARGE, /* input (or its decompressed form) over max_input */
	WN_ERR_GZIP,      /* gzip data that is corrupt or truncated */
	WN_ERR_NOT_TEXT,  /* binary data: neither HTML nor text */
	WN_ERR_ENCODING,  /* an unknown encoding name, or no converter */
	WN_ERR_PARSE,     /* the HTML parser failed on this page */
	WN_ERR_ARG,       /* an invalid argument (NULL doc, bad option value) */
	WN_ERR_TIME,      /* the page took longer than time_limit (wall clock:
	                   * a retry on a less busy machine may succeed) */
	WN_ERR_BUDGET     /* the page needs more work than work_budget allows
	                   * (deterministic: it fails the same way again) */
} wn_status;

/* A static English description of a status ("out of memory", ...). */
WN_EXPORT const char *wn_status_str(wn_status status);

/*
 * Rules: known junk, as data (the format is in winnow-rules(5)).  A rule
 * set is built once and shared read-only by any number of documents, also
 * across threads; it must outlive every doc that uses it.
 */
typedef struct wn_rules wn_rules;

/* A new, empty rule set, or NULL when out of memory. */
WN_EXPORT wn_rules *wn_rules_new(void);

/* Adds winnow's built-in rules (compiled into the library). */
WN_EXPORT wn_status wn_rules_add_default(wn_rules *rules);

/*
 * Adds the rules in text (len bytes); name is used in messages
 * ("name:LINE: problem").  A malformed line gives WN_ERR_ARG with that
 * message in err (errlen bytes) and adds nothing from text.
 */
WN_EXPORT wn_status wn_rules_add_text(wn_rules *rules, const char *text, size_t len,
                            const char *name, char *err, size_t errlen);

/* Reads and adds a rules file; a file that cannot be read gives WN_ERR_ARG
 * and "path: reason" in err. */
WN_EXPORT wn_status wn_rules_add_file(wn_rules *rules, const char *path, char *err,
                            size_t errlen);

WN_EXPORT size_t wn_rules_count(const wn_rules *rules);

/* One line per rule: family, scope, options, kind, pattern and where it
 * was defined.  *out is malloc'd; the caller frees it. */
WN_EXPORT wn_status wn_rules_list(const wn_rules *rules, char **out, size_t *len);

/*
 * Runs the examples that the rules files give under their rules: each
 * '+' example, read as a block of its own, must be removed by its rule
 * (or another rule of the same family), and no rule of the set may
 * remove a '-' example.  *report gets one line per failing example,
 * "FILE:LINE: problem" (LINE is the rule's), malloc'd, "" when all pass;
 * the caller frees it.  *checked is the number of examples run, *failed
 * of those that failed.  WN_ERR_NOMEM when out of memory.
 */
WN_EXPORT wn_status wn_rules_check(const wn_rules *rules, char **report, size_t *len,
                         size_t *checked, size_t *failed);

/* NULL is allowed. */
WN_EXPORT void wn_rules_free(wn_rules *rules);

/*
 * Options: an opaque set of settings, so that an option added in a later
 * version changes no struct a caller (or a binding) was built against.
 * wn_options_new() makes one with every option at its default; the
 * setters change one option each and leave the set unchanged when they
 * fail.  wn_doc_new() copies the options, strings included, so they may
 * be changed or freed once the docs are made; the rule set is not copied
 * (see wn_options_set_rules).  One set may be read by any number of
 * threads at once (wn_doc_new, wn_options_get, wn_options_describe);
 * changing it while another thread reads it is a data race.
 */
typedef struct wn_options wn_options;

/* A new set with every option at its default; NULL when out of memory.
 * Free with wn_options_free(). */
WN_EXPORT wn_options *wn_options_new(void);

/* A copy of opts (its strings copied too); NULL when out of memory or
 * opts is NULL.  Free with wn_options_free(). */
WN_EXPORT wn_options *wn_options_copy(const wn_options *opts);

/* Frees the set and the strings it copied.  NULL is allowed. */
WN_EXPORT void wn_options_free(wn_options *opts);

/*
 * The numeric options, by name: the limits (max_input, max_memory,
 * time_limit, work_budget, max_nesting, max_attributes, max_depth), the
 * scoring thresholds (short_words, max_link_ratio, ...) and abort_guard;
 * winnow(3), Options, lists each with its default.
 * wn_options_set gives WN_ERR_ARG, and changes nothing, for a NULL
 * argument, a name that is no option or a value out of the option's range
 * (a negative value, a fraction for a count).  wn_options_get writes
 * *value only on success.
 */
WN_EXPORT wn_status wn_options_set(wn_options *opts, const char *name, double value);
WN_EXPORT wn_status wn_options_get(const wn_options *opts, const char *name,
                                   double *value);

/* The name of the i-th numeric option, from 0; NULL past the last.  Static
 * strings: a binding can list the options it may set. */
WN_EXPORT const char *wn_options_name(size_t i);

/* How the input is read. */
typedef enum {
	WN_INPUT_AUTO = 0, /* HTML when it starts with markup, else text */
	WN_INPUT_HTML,
	WN_INPUT_TEXT      /* text a scraper already extracted */
} wn_input;

/* HTML or plain text; default WN_INPUT_AUTO.  WN_ERR_ARG for another
 * value. */
WN_EXPORT wn_status wn_options_set_input(wn_options *opts, wn_input input);

/* The rules that remove known junk.  NULL (the default) means the
 * built-in rules; an empty set made with wn_rules_new() means none.  Not
 * copied nor owned: it must outlive every doc made with these options. */
WN_EXPORT wn_status wn_options_set_rules(wn_options *opts, const wn_rules *rules);

/* The character encoding to assume, overriding BOM, <meta> and detection
 * (any name iconv knows, or a WHATWG label); checked when a page is
 * loaded.  Copied.  NULL (the default) detects it. */
WN_EXPORT wn_status wn_options_set_encoding(wn_options *opts, const char *encoding);

/* The page's address: the base for relative links and images in
 * Markdown (before <base href> and the canonical URL), and the "url" of
 * the metadata when the page names none.  Copied.  Default NULL. */
WN_EXPORT wn_status wn_options_set_url(wn_options *opts, const char *url);

/* Only articles in these languages: a comma-separated list of BCP 47
 * tags in any spelling wn_lang_tag reads ("en,de", "en_GB, Deutsch");
 * their language subtags are compared, so "en" takes "en-GB" and "en-US"
 * articles alike.  An article in another language, or in none declared
 * or detected, keeps no block (each dropped with reason "language"), and
 * wn_doc_language_skipped() says so.  Copied.  NULL or "" (the default):
 * every language.  WN_ERR_ARG when an item is no language tag. */
WN_EXPORT wn_status wn_options_set_languages(wn_options *opts, const char *list);

/* wn_options_set_markdown() bits. */
enum {
	WN_MD_ON = 1u << 0,     /* collect Markdown while reading the page */
	WN_MD_LINKS = 1u << 1,  /* links as [text](absolute URL) */
	WN_MD_IMAGES = 1u << 2  /* images as ![alt](absolute URL) */
};

/* What Markdown output keeps besides structure and emphasis: WN_MD_LINKS
 * and WN_MD_IMAGES.  Markdown is only collected when WN_MD_ON is set (it
 * costs a little time on every block); without it the Markdown formats
 * give the plain text, escaped.  Default 0.  WN_ERR_ARG for another bit. */
WN_EXPORT wn_status wn_options_set_markdown(wn_options *opts, unsigned bits);

/*
 * Everything in opts that changes what a page gives (every option but the
 * limits and abort_guard), and the rule set's list (wn_rules_list, the
 * built-in rules when none was set), as text: two sets that describe the
 * same give the same output on every page, so a digest of it can tell
 * whether outputs made before are current.  *out is malloc'd; the caller
 * frees it.  WN_ERR_ARG for a NULL argument, WN_ERR_NOMEM.
 */
WN_EXPORT wn_status wn_options_describe(const wn_options *opts, char **out, size_t *len);

/* Presets over the scoring thresholds, as trafilatura's favor_precision
 * and favor_recall: precision narrows the container further, gathers no
 * parts beside it, counts more link text as links and keeps fewer lines
 * around the article; recall does the opposite.  Each sets only the
 * fields it names in winnow(1), FAVOR; BALANCED sets the defaults of
 * those fields back.  Call it before changing single
 * thresholds.  WN_ERR_ARG for a NULL opts or an unknown favor. */
typedef enum {
	WN_FAVOR_BALANCED = 0,
	WN_FAVOR_PRECISION,
	WN_FAVOR_RECALL
} wn_favor;

WN_EXPORT wn_status wn_options_favor(wn_options *opts, wn_favor favor);

/* What a block is, from the tag that made it. */
typedef enum {
	WN_BLOCK_TEXT = 0, /* text straight inside a div, section, body ... */
	WN_BLOCK_PARAGRAPH,
	WN_BLOCK_HEADING,  /* level 1-6 in wn_block.level */
	WN_BLOCK_LIST_ITEM, /* nesting depth in wn_block.level, 1 = top */
	WN_BLOCK_QUOTE,
	WN_BLOCK_PRE,      /* whitespace kept as in the source */
	WN_BLOCK_CELL,     /* td, th */
	WN_BLOCK_CAPTION,  /* figcaption, caption */
	WN_BLOCK_TERM      /* dt, dd */
} wn_block_kind;

/* Structural hints gathered from a block's ancestors (bit set). */
enum {
	WN_HINT_NAV = 1u << 0,     /* nav, menu, role=navigation, class nav/menu */
	WN_HINT_HEADER = 1u << 1,  /* header chrome, masthead */
	WN_HINT_FOOTER = 1u << 2,  /* footer, copyright */
	WN_HINT_ASIDE = 1u << 3,   /* aside, sidebar, widget */
	WN_HINT_FORM = 1u << 4,    /* form, input controls */
	WN_HINT_COMMENT = 1u << 5, /* comment sections */
	WN_HINT_SHARE = 1u << 6,   /* share / social widgets */
	WN_HINT_RELATED = 1u << 7, /* related / recommended / more stories */
	WN_HINT_AD = 1u << 8,      /* advertising, promo, sponsor */
	WN_HINT_META = 1u << 9,    /* byline, dateline, tags, breadcrumb */
	WN_HINT_ARTICLE = 1u << 10, /* article, main, itemprop=articleBody ... */
	WN_HINT_HIDDEN = 1u << 11, /* hidden, display:none, class sr-only ... */
	WN_HINT_FIGURE = 1u << 12, /* figure, figcaption, caption, credit */
	WN_HINT_LEAD = 1u << 13    /* standfirst, lead, intro, dek: article text */
};

typedef enum { WN_UNDECIDED = 0, WN_KEEP, WN_DROP } wn_decision;

/*
 * One block of the page: a paragraph, heading, list item ...  Read only;
 * owned by the wn_doc.
 */
struct wn_block {
	wn_block_kind kind;
	unsigned level;       /* heading level, list nesting; 0 otherwise */
	const char *text;     /* NUL-terminated UTF-8, NFC, spaces collapsed */
	size_t len;           /* bytes of text */
	unsigned chars;       /* code points */
	unsigned words;
	unsigned link_chars;  /* code points of text inside <a href> */
	double link_ratio;    /* link_chars / chars */
	double density;       /* words per wrapped line */
	unsigned depth;       /* element depth of the block's tag */
	unsigned index;       /* position in the page, 0 = first block */
	unsigned hints;       /* WN_HINT_* bits */
	const char *path;     /* tag path, e.g. "body>div.post>p" */
	double score;         /* the scorer's value; higher is more article */
	wn_decision decision;
	const char *reason;   /* why it was kept or dropped; static, or owned by
	                       * the rule set (see rule) */
	const char *rule;     /* "family: pattern" of the rule that removed the
	                       * block or some of its lines, or NULL; owned by
	                       * the rule set */
	const char *family;   /* that rule's family ("legal", "comment" ...) */
	int rule_lines;       /* rule is a line rule that removed some of the
	                       * block's lines, not the block */
};

typedef struct wn_doc wn_doc;

/* A new, empty document using a copy of opts, its strings included (NULL:
 * the defaults); opts may be freed afterwards.  Returns NULL only when out
 * of memory.  Free with wn_doc_free(). */
WN_EXPORT wn_doc *wn_doc_new(const wn_options *opts);

/* For the next loads: the page's address (as wn_options_set_url) and the
 * character encoding to assume (as wn_options_set_encoding), e.g. from a
 * stream record or an HTTP header.  Not copied: they must live until the
 * next load has returned.  NULL gives back the options' own. */
WN_EXPORT void wn_doc_set_url(wn_doc *doc, const char *url);
WN_EXPORT void wn_doc_set_encoding(wn_doc *doc, const char *encoding);

/* The day the next pages were fetched, in ISO 8601 ("2020-11-22" or a
 * WARC-Date, "2020-11-22T04:30:00Z"): a date more than a day after it is
 * not a page's publication date, nor its last change.  NULL (the
 * default): today, by the system clock.  Not copied: it must live until
 * the next wn_doc_load. */
WN_EXPORT void wn_doc_set_fetch_date(wn_doc *doc, const char *date);

/* For the next loads: the charset that the page's transport declared (the
 * charset= of an HTTP Content-Type).  Unlike wn_doc_set_encoding it is not
 * forced: a BOM comes first; a name that is no WHATWG encoding label is
 * ignored; a declared UTF-8 that the bytes plainly contradict (a Latin-1
 * page) gives way to detection, as a <meta> does.  Not copied: it must
 * live until the next load has returned.  NULL or "" clears. */
WN_EXPORT void wn_doc_set_http_charset(wn_doc *doc, const char *charset);

/* Frees the document and everything it owns.  NULL is allowed. */
WN_EXPORT void wn_doc_free(wn_doc *doc);

/*
 * Reads a page: gunzips it when it starts with the gzip magic, converts it
 * to UTF-8, parses it, splits it into blocks and decides which blocks are
 * the article.  buf need not be NUL-terminated and is not kept.  On
 * failure the doc holds no blocks and wn_doc_errmsg() says why.  Loading
 * again replaces the previous page.
 */
WN_EXPORT wn_status wn_doc_load(wn_doc *doc, const void *buf, size_t len);

/* The last error as one line without a newline ("" when none).  Owned by
 * the doc. */
WN_EXPORT const char *wn_doc_errmsg(const wn_doc *doc);

/* Units of work the last wn_doc_load charged to the page's work budget
 * (the option work_budget), whether it succeeded or not; 0 for a
 * NULL doc. */
WN_EXPORT unsigned long long wn_doc_work(const wn_doc *doc);

/* The character encoding the page was read as ("UTF-8", "windows-1252",
 * ...) and how it was found ("bom", "http", "meta", "detected", "default",
 * "option").  Owned by the doc; "" before a successful load. */
WN_EXPORT const char *wn_doc_charset(const wn_doc *doc);
WN_EXPORT const char *wn_doc_charset_source(const wn_doc *doc);

/* The page's title (from <title>, og:title or the first h1), or "". */
WN_EXPORT const char *wn_doc_title(const wn_doc *doc);

/*
 * What the page says about itself, each field from the most trusted source
 * that has it (winnow(1), METADATA): JSON-LD, then OpenGraph and Twitter
 * cards, <meta name=...>, Dublin Core, microdata and <time>, links
 * (canonical, base), <html lang>, and last the page's own headline and
 * byline.  Every string is NFC UTF-8 with spaces collapsed, "" when
 * unknown; owned by the doc.
 */
struct wn_metadata {
	const char *url;          /* canonical URL, og:url, or the option url */
	const char *title;        /* the article's headline, without the site name */
	const char *author;       /* names joined with "; " */
	const char *date;         /* the publication, ISO 8601: "2019-03-12"
	                           * or "2019-03-12T10:04:00+01:00", the day
	                           * and time where it was published; the
	                           * last change when no source gives the
	                           * publication */
	const char *date_modified; /* the last change, as date; "" when the
	                           * page gives none */
	const char *sitename;
	const char *description;
	const char *language;     /* the article's language as a BCP 47 tag:
	                           * the declared one ("de", "pt-BR" for
	                           * "pt_br", "Portuguese" ...), else the
	                           * detected one, which also replaces a
	                           * declaration it contradicts
	                           * (lang_override_percent) */
	const char *image;        /* absolute URL of the lead image */
	const char *const *categories; /* sections; ncategories entries */
	size_t ncategories;
	const char *const *tags;  /* keywords; ntags entries */
	size_t ntags;
	const char *language_detected; /* the language Compact Language
	                           * Detector 2 finds in the article's text,
	                           * as a BCP 47 tag; "" when it finds none
	                           * reliably (too little text, a mix) or
	                           * detection is off */
	double language_confidence; /* the share of the sample's letters in
	                           * that language, 0-1; 0 with no detection */
};

/* The metadata of the loaded page; all fields "" (and no lists) before a
 * successful load.  Never NULL for a non-NULL doc. */
WN_EXPORT const struct wn_metadata *wn_doc_metadata(const wn_doc *doc);

/*
 * A language name or tag as a page may declare it ("en_us", "English",
 * "eng", "en-US,en;q=0.9", "zh_hant_tw") as a BCP 47 tag ("en-US", "en",
 * "en", "en-US", "zh-Hant-TW") in out, which holds at least
 * WN_LANGUAGE_TAG_MAX bytes.  Returns 1, or 0 (out unspecified) when the
 * value is no language tag ("none", "x-default").
 */
#define WN_LANGUAGE_TAG_MAX 16
WN_EXPORT int wn_lang_tag(const char *value, char *out, size_t outlen);

/* With options.languages: the article's language when it is not one of
 * them (its blocks were all dropped), "und" when it has none; NULL when
 * the article was kept or no list was given. */
WN_EXPORT const char *wn_doc_language_skipped(const wn_doc *doc);

/* The blocks in page order, kept and dropped alike. */
WN_EXPORT size_t wn_doc_block_count(const wn_doc *doc);
WN_EXPORT const struct wn_block *wn_doc_block(const wn_doc *doc, size_t i);

/*
 * The article as plain text: the kept blocks, one blank line between two
 * blocks, ending in a newline; "" (len 0) when nothing was kept.  *out is
 * malloc'd and NUL-terminated; the caller frees it.
 */
WN_EXPORT wn_status wn_doc_text(const wn_doc *doc, char **out, size_t *len);

/*
 * The article as CommonMark: headings as #, lists as - and 1. (nested),
 * quotes as >, preformatted text fenced, data tables as pipe tables,
 * emphasis as * and **, and with the WN_MD_LINKS / WN_MD_IMAGES options
 * links and images with absolute URLs.  Needs WN_MD_ON in the options
 * the doc was made with (else the plain text is escaped as Markdown).
 * *out is malloc'd; the caller frees it.
 */
WN_EXPORT wn_status wn_doc_markdown(const wn_doc *doc, char **out, size_t *len);

/* wn_doc_json() flags. */
enum {
	WN_JSON_LINE = 1u << 0,     /* the object on one line (JSON Lines) */
	WN_JSON_MARKDOWN = 1u << 1, /* add "markdown" (see wn_doc_markdown) */
	WN_JSON_BLOCKS = 1u << 2    /* add "blocks", every block with the
	                             * features of wn_doc_explain (its whole
	                             * text), and "region" */
};

/*
 * The page as one JSON object: url, title, author, date, date_modified,
 * sitename, description, language, language_detected, language_confidence,
 * categories, tags, image, skipped (null or []
 * when unknown) and text, plus markdown and blocks by flags; indented, or on
 * one line with WN_JSON_LINE; ends in a newline.  Valid UTF-8, with
 * U+2028 and U+2029 escaped.  *out is malloc'd; the caller frees it.
 */
WN_EXPORT wn_status wn_doc_json(const wn_doc *doc, unsigned flags, char **out, size_t *len);

/*
 * Every block on one line each, with its features, score, decision and
 * reason (the --explain output), then one line starting with "# region: "
 * that says how the article's region was found (its container, the
 * candidate it was narrowed from, sibling parts gathered beside it).
 * *out is malloc'd; the caller frees it.
 */
WN_EXPORT wn_status wn_doc_explain(const wn_doc *doc, char **out, size_t *len);

/* The blocks kept as the article: 0 before a successful load, or when
 * the page has no article (the text is then ""). */
WN_EXPORT size_t wn_doc_kept_count(const wn_doc *doc);

/* The output formats of wn_doc_render (winnow(1) shows each). */
typedef enum {
	WN_FORMAT_TEXT = 0, /* wn_doc_text */
	WN_FORMAT_MARKDOWN, /* wn_doc_markdown */
	WN_FORMAT_JSON,     /* wn_doc_json, indented */
	WN_FORMAT_JSONL,    /* wn_doc_json, on one line (WN_JSON_LINE) */
	WN_FORMAT_EXPLAIN   /* wn_doc_explain */
} wn_format;

/* wn_doc_render() flags. */
enum {
	WN_RENDER_TITLE = 1u << 0,    /* text, Markdown: the title (metadata
	                               * title) first, as a line or a "# "
	                               * heading, then a blank line; nothing
	                               * when no block was kept */
	WN_RENDER_MARKDOWN = 1u << 1, /* JSON: add "markdown" */
	WN_RENDER_BLOCKS = 1u << 2    /* JSON: add "blocks" and "region" */
};

/*
 * The loaded page in one of the formats, the one call behind every output
 * of the winnow command: the same doc, format and flags give the same
 * bytes.  A flag that does not apply to the format is ignored.  *out is
 * malloc'd and NUL-terminated; the caller frees it.  WN_ERR_ARG for a
 * NULL doc or out, or an unknown format; WN_ERR_NOMEM.
 */
WN_EXPORT wn_status wn_doc_render(const wn_doc *doc, wn_format format, unsigned flags,
                                  char **out, size_t *len);

/* The format named "text" (or "txt"), "markdown" ("md"), "json", "jsonl"
 * or "explain" in *format; WN_ERR_ARG, *format unchanged, for another
 * name. */
WN_EXPORT wn_status wn_format_parse(const char *name, wn_format *format);

/* The simple interface: wn_doc_new + wn_doc_load + wn_doc_text.  opts may
 * be NULL.  On success *out is malloc'd and the caller frees it. */
WN_EXPORT wn_status wn_clean(const void *buf, size_t len, const wn_options *opts,
                   char **out, size_t *outlen);

#ifdef __cplusplus
}
#endif

#endif
