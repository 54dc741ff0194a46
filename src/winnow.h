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
 * it, or render the result more than once:
 *
 *     struct wn_options opts;
 *     wn_options_init(&opts);
 *     wn_doc *doc = wn_doc_new(&opts);          NULL only when out of memory
 *     if (wn_doc_load(doc, buf, buflen) != WN_OK)
 *         fprintf(stderr, "%s\n", wn_doc_errmsg(doc));
 *     ...
 *     wn_doc_free(doc);
 *
 * Conventions, as in cmark and lowdown:
 *  - Every fallible call returns a wn_status.  Out-parameters are written
 *    only when the call returns WN_OK.
 *  - Strings handed to the caller (char **out) are malloc'd; the caller
 *    frees them with free().  Everything else returned as a pointer (const)
 *    is owned by the wn_doc and lives until wn_doc_free() or the next
 *    wn_doc_load() on the same doc.
 *  - The library never prints, exits or aborts; it checks every allocation
 *    and reports WN_ERR_NOMEM instead.
 *  - Nothing recurses on the depth of the input.
 *  - All text out of the library is valid UTF-8 in Unicode NFC.
 */
#ifndef WINNOW_H
#define WINNOW_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WN_VERSION "0.1.0"

/* The default work_budget (struct wn_options): units of work per byte. */
#define WN_DEFAULT_WORK_BUDGET 500

/* Result of every fallible call.  wn_status_str() names each one. */
typedef enum {
	WN_OK = 0,
	WN_ERR_NOMEM,     /* an allocation failed */
	WN_ERR_TOO_LARGE, /* input (or its decompressed form) over max_input */
	WN_ERR_GZIP,      /* gzip data that is corrupt or truncated */
	WN_ERR_NOT_TEXT,  /* binary data: neither HTML nor text */
	WN_ERR_ENCODING,  /* an unknown --encoding name, or no converter */
	WN_ERR_PARSE,     /* the HTML parser failed on this page */
	WN_ERR_ARG,       /* an invalid argument (NULL doc, bad option value) */
	WN_ERR_TIME,      /* the page took longer than time_limit (wall clock:
	                   * a retry on a less busy machine may succeed) */
	WN_ERR_BUDGET     /* the page needs more work than work_budget allows
	                   * (deterministic: it fails the same way again) */
} wn_status;

/* A static English description of a status ("out of memory", ...). */
const char *wn_status_str(wn_status status);

/*
 * Rules: known junk, as data (the format is in winnow-rules(5)).  A rule
 * set is built once and shared read-only by any number of documents, also
 * across threads; it must outlive every doc that uses it.
 */
typedef struct wn_rules wn_rules;

/* A new, empty rule set, or NULL when out of memory. */
wn_rules *wn_rules_new(void);

/* Adds winnow's built-in rules (compiled into the library). */
wn_status wn_rules_add_default(wn_rules *rules);

/*
 * Adds the rules in text (len bytes); name is used in messages
 * ("name:LINE: problem").  A malformed line gives WN_ERR_ARG with that
 * message in err (errlen bytes) and adds nothing from text.
 */
wn_status wn_rules_add_text(wn_rules *rules, const char *text, size_t len,
                            const char *name, char *err, size_t errlen);

/* Reads and adds a rules file; a file that cannot be read gives WN_ERR_ARG
 * and "path: reason" in err. */
wn_status wn_rules_add_file(wn_rules *rules, const char *path, char *err,
                            size_t errlen);

size_t wn_rules_count(const wn_rules *rules);

/* One line per rule: family, scope, options, kind, pattern and where it
 * was defined.  *out is malloc'd; the caller frees it. */
wn_status wn_rules_list(const wn_rules *rules, char **out, size_t *len);

/*
 * Runs the examples that the rules files give under their rules: each
 * '+' example, read as a block of its own, must be removed by its rule
 * (or another rule of the same family), and no rule of the set may
 * remove a '-' example.  *report gets one line per failing example,
 * "FILE:LINE: problem" (LINE is the rule's), malloc'd, "" when all pass;
 * the caller frees it.  *checked is the number of examples run, *failed
 * of those that failed.  WN_ERR_NOMEM when out of memory.
 */
wn_status wn_rules_check(const wn_rules *rules, char **report, size_t *len,
                         size_t *checked, size_t *failed);

/* NULL is allowed. */
void wn_rules_free(wn_rules *rules);

/* How the input is read. */
typedef enum {
	WN_INPUT_AUTO = 0, /* HTML when it starts with markup, else text */
	WN_INPUT_HTML,
	WN_INPUT_TEXT      /* text a scraper already extracted */
} wn_input;

/*
 * Options.  A transparent struct: call wn_options_init() to fill in the
 * documented defaults, then change what you need.  The strings are not
 * owned: they must live as long as any wn_doc created with the options.
 * wn_doc_new() copies the struct itself.
 */
struct wn_options {
	/* Largest input accepted, after gzip decompression, in bytes.
	 * Default 8 MiB.  0 means no limit. */
	size_t max_input;

	/* Most memory one page may use (parse tree, blocks), in bytes; past
	 * it the page fails with WN_ERR_NOMEM.  Default 512 MiB.  0: no cap. */
	size_t max_memory;

	/* HTML or plain text; default WN_INPUT_AUTO. */
	wn_input input;

	/* The rules that remove known junk.  NULL (the default) means the
	 * built-in rules; an empty set made with wn_rules_new() means none.
	 * Not owned: it must outlive the docs that use it. */
	const wn_rules *rules;

	/* Character encoding to assume, overriding BOM, <meta> and detection
	 * (any name iconv knows, or a WHATWG label).  Default NULL: detect. */
	const char *encoding;

	/* Most seconds one page may take (wall clock): a last resort for a
	 * machine so busy that the work budget (below) is not reached in
	 * time.  A page past it fails with WN_ERR_TIME, which a retry may not
	 * give again.  Default -1: 3 s plus 2 s per MB of input, far above
	 * what any real page needs (the slowest benchmark page runs at 14
	 * MB/s) and above what the work budget allows; 0: no limit. */
	double time_limit;

	/* The deterministic bound on one page's work: units of work (about
	 * one per byte scanned, node walked or regex step allowed) a page
	 * may spend per byte of input, counting a page under 64 KiB as 64
	 * KiB.  Past it the page fails with WN_ERR_BUDGET, at the same point
	 * on every machine.  Default WN_DEFAULT_WORK_BUDGET; 0: no bound. */
	unsigned work_budget;

	/* Bounds on the HTML handed to the parser, enforced by a linear
	 * prescan: start tags nested deeper than max_nesting and attributes
	 * past max_attributes in one tag are left out (their text stays).
	 * Gumbo takes quadratic time past them.  Defaults 400 and 400, as in
	 * the maintained Gumbo fork; 0 means no bound. */
	unsigned max_nesting;
	unsigned max_attributes;

	/* Deepest element nesting the walker descends into; text deeper than
	 * this still counts, flattened into its ancestor at this depth.
	 * Default 4096. */
	unsigned max_depth;

	/* HTML held inside the page, in a <noscript> or in a <script> of type
	 * text/html, text/template, text/x-template or text/ng-template, is
	 * read at its place, once, on a page that holds more text there than
	 * in its own elements (some blogs keep the whole article there): each
	 * such embed whose text has at least this many characters (white
	 * space not counted); smaller ones (tracking pixels, "enable
	 * JavaScript" notices, widget labels) are not.  Default 200; 0: never
	 * read. */
	unsigned embed_min_chars;

	/* --- Scoring thresholds (see score.c and winnow(1)) --- */

	/* A block with fewer words than this is "short": it is kept only
	 * when its neighbours in the article are kept.  Default 10. */
	unsigned short_words;

	/* A block whose link characters are more than this share of its
	 * characters is a link block.  Default 0.55. */
	double max_link_ratio;

	/* A list whose items nearly all (80%) start with a link and have at
	 * least this share of link text is a list of links, however long its
	 * items.  Default
	 * 0.15. */
	double list_link_ratio;

	/* Characters per wrapped line used for text density (words per
	 * line), as in boilerpipe.  Default 80. */
	unsigned wrap_width;

	/* Weight of boilerplate text against article text when choosing the
	 * main container.  Default 1.0. */
	double junk_weight;

	/* Multipliers of a candidate container's score when it, or an
	 * ancestor, is marked as boilerplate (comments, sidebar, footer ...)
	 * or as the article (article, main, articleBody ...).  Defaults 0.25
	 * and 4: a short post must beat a longer sidebar text. */
	double junk_container_factor;
	double article_container_factor;

	/* A stream of posts (a blog's front page, a forum thread): when the
	 * chosen candidate, or one of its nearest ancestors, has a sibling of
	 * its kind (tag and class) with at least this many characters of
	 * article text, the posts are gathered too.  Default 400; 0 turns it
	 * off. */
	unsigned stream_post_chars;

	/* When one child of the chosen container holds at least this share
	 * of its article text, the child is chosen instead (a layout row
	 * holding the article and a sidebar).  Default 0.8; 0 turns it off. */
	double descend_share;

	/* Weight, against article text, of text under a part marked as
	 * boilerplate (comments, sidebar ...) inside a candidate container:
	 * its blocks are dropped anyway, so by default it weighs nothing: an
	 * article followed by a long comment thread in the same element is
	 * still the best candidate, and narrowing (descend_share) leaves the
	 * thread out.  Default 0. */
	double marked_junk_weight;

	/* Weight of short text (headings, labels, short lines) when choosing
	 * the container, against 1 for article text: a post made only of
	 * short lines still has a container.  Default 0.5. */
	double neutral_weight;

	/* The article split over siblings: a sibling part of the chosen
	 * container (inside the candidate it was narrowed from) is gathered
	 * when at least this share of its text is article text.  Before the
	 * container any such part is gathered (a first paragraph beside the
	 * wrapper of the rest); after it only parts of the same tag (the
	 * sections of one article).  Default 0.6; 0 turns gathering off. */
	double gather_share;

	/* Link text inside the article can sink its container below one
	 * with a fraction of its article text (a headline's own cell beside
	 * the story's, whose last paragraphs are all links).  When the
	 * candidate chosen with links weighed by their share (as readability
	 * does) holds at least this many times the article text of the one
	 * chosen with links subtracted, it is the container.  Default 4; 0
	 * turns it off. */
	double sunk_text_factor;

	/* The standfirst: a paragraph of at least lead_words words, with at
	 * most lead_link_ratio of link text, among the lead_blocks blocks
	 * before the article text (only captions, bylines, headings and
	 * other short lines between), in the article's element or marked
	 * as a lead (class lead, standfirst, intro ...), is article text.
	 * Defaults 8, 0.1 and 6; lead_blocks 0 turns it off. */
	unsigned lead_words;
	double lead_link_ratio;
	unsigned lead_blocks;

	/* An element whose class says byline, date, author or tags but that
	 * holds more than this many characters of article text wraps a
	 * whole entry ("entry-date-wrapper"): its text stays.  Default 1000. */
	unsigned byline_max_chars;

	/* A page without a block of short_words words (a photo post, an
	 * event listing) is its short lines: at least short_page_lines lines
	 * of at least short_line_words words and no link in its container.
	 * Defaults 3 and 3; short_page_lines 0 turns it off. */
	unsigned short_page_lines;
	unsigned short_line_words;

	/* The page's address: the base for relative links and images in
	 * Markdown (before <base href> and the canonical URL), and the "url"
	 * of the metadata when the page names none.  Default NULL. */
	const char *url;

	/* What wn_doc_markdown() keeps besides structure and emphasis:
	 * WN_MD_LINKS and WN_MD_IMAGES.  Markdown is only collected when
	 * WN_MD_ON is set (it costs a little time on every block). */
	unsigned markdown;

	/* Text input: how much a short line (a label, a menu entry) counts
	 * against the run of blocks chosen as the article, per character,
	 * against 1 for article text.  Default 2. */
	double text_neutral_weight;

	/* Text input: a "rest" rule (a comment form, "Related stories")
	 * ends the article, unless the text after it holds more than this
	 * many times the article text before it: then the article is there
	 * (a box of related stories above the body).  Default 6. */
	double text_later_share;

	/* Text input: a row of three or more comment signatures (a short
	 * line with a name and a date, after text of its own) ends the
	 * article when the article before them holds more than this many
	 * times the text of an average comment (once, under a comment
	 * heading that a rule knows); else they are posts of a stream (a
	 * blog's front page, a forum thread).  Default 6. */
	double text_comment_share;

	/* Text input: another run of article text beside the article's own,
	 * weighing at least this share of it, is kept too (a part of the
	 * article that boilerplate too heavy to bridge cut off, the other
	 * texts of a front page).  Default 0.45; 0: only the article's run. */
	double text_extra_share;

	/* Language detection (Compact Language Detector 2) reads the first
	 * lang_sample_bytes bytes of the article's text (of the whole page's
	 * text when the article has under 200 bytes).  Default 8192; 0
	 * turns detection off ("language" is then only what the page
	 * declares). */
	size_t lang_sample_bytes;

	/* A reliable detection that at least this percentage of the sample
	 * is in another language than the page declares replaces the
	 * declaration in "language".  Default 80; above 100: never. */
	unsigned lang_override_percent;

	/* Only articles in these languages: a comma-separated list of BCP
	 * 47 tags whose language subtags are compared ("en,de": "en-GB"
	 * matches).  An article in another language, or in none detected
	 * or declared, keeps no block (each dropped with reason
	 * "language") and wn_doc_language_skipped() says so.  Default NULL:
	 * every language. */
	const char *languages;
};

/* wn_options.markdown bits. */
enum {
	WN_MD_ON = 1u << 0,     /* collect Markdown while reading the page */
	WN_MD_LINKS = 1u << 1,  /* links as [text](absolute URL) */
	WN_MD_IMAGES = 1u << 2  /* images as ![alt](absolute URL) */
};

void wn_options_init(struct wn_options *opts);

/* Presets over the scoring thresholds, as trafilatura's favor_precision
 * and favor_recall: precision narrows the container further, gathers no
 * parts beside it, counts more link text as links and keeps fewer lines
 * around the article; recall does the opposite.  Each sets only the
 * fields it names in winnow(1), FAVOR; BALANCED sets the defaults of
 * those fields back.  Call it after wn_options_init(), before changing
 * single thresholds. */
typedef enum {
	WN_FAVOR_BALANCED = 0,
	WN_FAVOR_PRECISION,
	WN_FAVOR_RECALL
} wn_favor;

void wn_options_favor(struct wn_options *opts, wn_favor favor);

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

/* A new, empty document using a copy of *opts (NULL: the defaults).
 * Returns NULL only when out of memory.  Free with wn_doc_free(). */
wn_doc *wn_doc_new(const struct wn_options *opts);

/* For the next loads: the page's address (as options.url) and the
 * character encoding to assume (as options.encoding), e.g. from a stream
 * record or an HTTP header.  Not copied: they must live until the next
 * load has returned.  NULL clears. */
void wn_doc_set_url(wn_doc *doc, const char *url);

/* The day the next pages were fetched, in ISO 8601 ("2020-11-22" or a
 * WARC-Date, "2020-11-22T04:30:00Z"): a date more than a day after it is
 * not a page's publication date, nor its last change.  NULL (the
 * default): today, by the system clock.  Not copied: it must live until
 * the next wn_doc_load. */
void wn_doc_set_fetch_date(wn_doc *doc, const char *date);
void wn_doc_set_encoding(wn_doc *doc, const char *encoding);

/* For the next loads: the charset that the page's transport declared (the
 * charset= of an HTTP Content-Type).  Unlike wn_doc_set_encoding it is not
 * forced: a BOM comes first; a name that is no WHATWG encoding label is
 * ignored; a declared UTF-8 that the bytes plainly contradict (a Latin-1
 * page) gives way to detection, as a <meta> does.  Not copied: it must
 * live until the next load has returned.  NULL or "" clears. */
void wn_doc_set_http_charset(wn_doc *doc, const char *charset);

/* Frees the document and everything it owns.  NULL is allowed. */
void wn_doc_free(wn_doc *doc);

/*
 * Reads a page: gunzips it when it starts with the gzip magic, converts it
 * to UTF-8, parses it, splits it into blocks and decides which blocks are
 * the article.  buf need not be NUL-terminated and is not kept.  On
 * failure the doc holds no blocks and wn_doc_errmsg() says why.  Loading
 * again replaces the previous page.
 */
wn_status wn_doc_load(wn_doc *doc, const void *buf, size_t len);

/* The last error as one line without a newline ("" when none).  Owned by
 * the doc. */
const char *wn_doc_errmsg(const wn_doc *doc);

/* Units of work the last wn_doc_load charged to the page's work budget
 * (struct wn_options, work_budget), whether it succeeded or not; 0 for a
 * NULL doc. */
unsigned long long wn_doc_work(const wn_doc *doc);

/* The character encoding the page was read as ("UTF-8", "windows-1252",
 * ...) and how it was found ("bom", "http", "meta", "detected", "default",
 * "option").  Owned by the doc; "" before a successful load. */
const char *wn_doc_charset(const wn_doc *doc);
const char *wn_doc_charset_source(const wn_doc *doc);

/* The page's title (from <title>, og:title or the first h1), or "". */
const char *wn_doc_title(const wn_doc *doc);

/*
 * What the page says about itself, each field from the most trusted source
 * that has it (winnow(1), METADATA): JSON-LD, then OpenGraph and Twitter
 * cards, <meta name=...>, Dublin Core, microdata and <time>, links
 * (canonical, base), <html lang>, and last the page's own headline and
 * byline.  Every string is NFC UTF-8 with spaces collapsed, "" when
 * unknown; owned by the doc.
 */
struct wn_metadata {
	const char *url;          /* canonical URL, og:url, or options.url */
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
const struct wn_metadata *wn_doc_metadata(const wn_doc *doc);

/*
 * A language name or tag as a page may declare it ("en_us", "English",
 * "eng", "en-US,en;q=0.9", "zh_hant_tw") as a BCP 47 tag ("en-US", "en",
 * "en", "en-US", "zh-Hant-TW") in out, which holds at least
 * WN_LANGUAGE_TAG_MAX bytes.  Returns 1, or 0 (out unspecified) when the
 * value is no language tag ("none", "x-default").
 */
#define WN_LANGUAGE_TAG_MAX 16
int wn_lang_tag(const char *value, char *out, size_t outlen);

/* With options.languages: the article's language when it is not one of
 * them (its blocks were all dropped), "und" when it has none; NULL when
 * the article was kept or no list was given. */
const char *wn_doc_language_skipped(const wn_doc *doc);

/* The blocks in page order, kept and dropped alike. */
size_t wn_doc_block_count(const wn_doc *doc);
const struct wn_block *wn_doc_block(const wn_doc *doc, size_t i);

/*
 * The article as plain text: the kept blocks, one blank line between two
 * blocks, ending in a newline; "" (len 0) when nothing was kept.  *out is
 * malloc'd and NUL-terminated; the caller frees it.
 */
wn_status wn_doc_text(const wn_doc *doc, char **out, size_t *len);

/*
 * The article as CommonMark: headings as #, lists as - and 1. (nested),
 * quotes as >, preformatted text fenced, data tables as pipe tables,
 * emphasis as * and **, and with the WN_MD_LINKS / WN_MD_IMAGES options
 * links and images with absolute URLs.  Needs WN_MD_ON in the options
 * the doc was made with (else the plain text is escaped as Markdown).
 * *out is malloc'd; the caller frees it.
 */
wn_status wn_doc_markdown(const wn_doc *doc, char **out, size_t *len);

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
wn_status wn_doc_json(const wn_doc *doc, unsigned flags, char **out, size_t *len);

/*
 * Every block on one line each, with its features, score, decision and
 * reason (the --explain output), then one line starting with "# region: "
 * that says how the article's region was found (its container, the
 * candidate it was narrowed from, sibling parts gathered beside it).
 * *out is malloc'd; the caller frees it.
 */
wn_status wn_doc_explain(const wn_doc *doc, char **out, size_t *len);

/* The simple interface: wn_doc_new + wn_doc_load + wn_doc_text.  opts may
 * be NULL.  On success *out is malloc'd and the caller frees it. */
wn_status wn_clean(const void *buf, size_t len, const struct wn_options *opts,
                   char **out, size_t *outlen);

#ifdef __cplusplus
}
#endif

#endif
