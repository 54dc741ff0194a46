/*
 * options.h - the options a wn_doc is made with (winnow.h: wn_options).
 *
 * Callers of the library see an opaque wn_options, made with
 * wn_options_new() and set by name (options.c), so that an option added
 * here changes no struct a caller compiled against.  Inside the library,
 * and in its unit tests, the struct is used directly: wn_options_init()
 * fills one in with the documented defaults.  The strings are not owned
 * by a struct filled in that way: they must live as long as any wn_doc
 * created with it.
 */
#ifndef WN_OPTIONS_H
#define WN_OPTIONS_H

#include <stddef.h>

#include "winnow.h"

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

	/* HTML: a page that keeps at most listing_kept_words words (none,
	 * or a line about a columnist over the columns) is a listing when
	 * one element holds listing_items items of listing_words words or
	 * more outside their links (headlines with a line of summary) that
	 * outweigh its other text and the words kept: the items are kept.
	 * Defaults 3, 5 and 30; listing_items 0 turns it off. */
	unsigned listing_items;
	unsigned listing_words;
	unsigned listing_kept_words;

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
	/* ... but when the article text before the first "rest" rule is a
	 * blurb (under text_blurb_chars characters: a site's tagline, a
	 * feature's teaser) that ends text_blurb_gap blocks or more above the
	 * rule (menus between), text after it that holds text_blurb_share
	 * times as much is the article, unless it is comments (after a
	 * comment rule, or a thread of signatures).  Defaults 300, 10, 1.5;
	 * text_blurb_chars 0 turns it off. */
	double text_blurb_chars;
	unsigned text_blurb_gap;
	double text_blurb_share;
	/* Text input: a line of 2 * short_words words or more with no
	 * sentence in it is no prose when under this share (percent) of its
	 * words are function words ("the", "und", "que": function_words.c),
	 * on a page whose sentences show that the list knows their language:
	 * a tag cloud, headlines run together.  Default 15; 0 turns it off. */
	unsigned text_prose_function_words;
	/* Text input: a line of 2 * short_words words or more with no
	 * sentence in it whose words run in alphabetical order (this share,
	 * percent, of the pairs side by side, by their first letters) is a
	 * tag cloud or an index, in any language.  Prose runs in order half
	 * the time.  Default 85; 0 turns it off. */
	unsigned text_tag_order;
	/* HTML and text: a block of at most notice_max_words words that
	 * holds notice_stems different words of one kind of notice or more
	 * (notice_words.c: "cookies", "consent", "partners"; "CFDs",
	 * "leverage", "retail") making up notice_percent percent of its words
	 * (outside quotation marks) is that notice, in whatever wording;
	 * unless more than a third of the page's blocks with sentences, two
	 * or more, are: then it is the page's subject.  Defaults 3, 8, 80;
	 * notice_stems 0 turns it off. */
	unsigned notice_stems;
	unsigned notice_percent;
	unsigned notice_max_words;
	/* HTML and text: a block of at most notice_edge_words words beside
	 * such a notice, or one a rule of its family took ("newsletter",
	 * "cookie", "legal", "comment"), with up to two others between,
	 * that holds a word of the same kind is part of the notice: its
	 * heading, a field's label, a button ("Get the best stories in your
	 * inbox", "Enter your email address").  Default 12; 0 turns it off. */
	unsigned notice_edge_words;
	/* HTML and text: a kept block of notice_stems to notice_max_words
	 * words that holds a word of a kind of notice (two when it has at
	 * most notice_edge_words words), fewer than notice_stray_percent
	 * percent of whose words the rest of the text kept holds
	 * (notice_stray_percent_more with two or more of the kind's words),
	 * is that notice dropped into the article in another language or on
	 * another subject ("Zapisz się do naszego newslettera" in an English
	 * report); it goes with its heading, labels and buttons.  Only where
	 * the rest of the text kept holds notice_stray_context words or more
	 * and four times the block's.  Defaults 15, 25, 200; 0 and 0 turn it
	 * off. */
	unsigned notice_stray_percent;
	unsigned notice_stray_percent_more;
	unsigned notice_stray_context;

	/* Text input: a row of three or more comment signatures (a short
	 * line with a name and a date, after text of its own) ends the
	 * article when the article before them holds more than this many
	 * times the text of an average comment (once, under a comment
	 * heading that a rule knows); else they are posts of a stream (a
	 * blog's front page, a forum thread).  Default 6. */
	double text_comment_share;

	/* Text input: when the run of article text chosen lies in such a row
	 * of comments, and before the row's first signature there is a run
	 * weighing more than this many times an average comment, that run is
	 * the article (a story above a hundred comments that together
	 * outweigh it).  Default 2; 0 turns it off. */
	double text_thread_share;

	/* Text input: the text after a comment rule (a counter "{ 167
	 * comments }", a comment form) never replaces an article before it
	 * that weighs at least this much (characters of article text, short
	 * lines taken off), however long the comments; a lighter one (a
	 * standfirst above a counter in the byline) may still give way to
	 * text_later_share times as much.  Default 1000; 0: the article
	 * before a comment rule always stays. */
	double text_article_min;
	/* A comment heading a rule knows ("Comments") over a thread of
	 * signed comments ends the article as a "rest" rule does, after this
	 * many characters of article text (a "Comments" link over the byline
	 * ends nothing).  Default 500. */
	double text_comment_head_after;

	/* Text input: the text after a comment rule (a counter "14 comments",
	 * a comment form) that is a row of three signatures or more, each
	 * with text of its own, is a thread of comments, never the article,
	 * when the article before the rule weighs more than this share of an
	 * average comment (a short post above long comments).  Default 0.25;
	 * 1: the article must outweigh an average comment. */
	double text_counted_thread_share;

	/* Text input: another run of article text beside the article's own,
	 * weighing at least this share of it, is kept too (a part of the
	 * article that boilerplate too heavy to bridge cut off, the other
	 * texts of a front page).  Default 0.45; 0: only the article's run. */
	double text_extra_share;

	/* Text input: the widest a text browser's wrapping width is taken to
	 * be (columns; lynx and w3m wrap at 80 by default).  A text whose
	 * lines of two words or more reach past it was not wrapped (a
	 * scraper's paragraph on each line), and none of its line breaks
	 * joins a list item's lines.  Default 200, at most 4096. */
	unsigned text_wrap_max;

	/* Text input: what a horizontal rule drawn with underscores (lynx's
	 * <hr>) weighs against a run of article text that crosses it, in
	 * characters of text: a border between a blurb, the post and a
	 * newsletter pitch.  Default 150; 0: no weight, as other rules. */
	double text_rule_weight;

	/* Text input: a "Related articles" box (a rest rule of the related
	 * family) does not end the article when, after the box's few
	 * headlines, a run of paragraphs starts that weighs at least this
	 * share of the article's run before the box.  Default 1; 0: every
	 * such rule ends the article. */
	double text_resume_share;

	/* Whether a SIGABRT raised inside the HTML parser (Debian's Gumbo
	 * keeps its assertions) fails the page instead of the process
	 * (dom.c, run_gumbo).  Default 1; 0: the library never touches the
	 * signal's handler. */
	unsigned abort_guard;

	/* Language detection (Compact Language Detector 2) reads the first
	 * lang_sample_bytes bytes of the article's text (of the whole page's
	 * text when the article has under 200 bytes).  Default 4096; 0
	 * turns detection off ("language" is then only what the page
	 * declares). */
	size_t lang_sample_bytes;

	/* A reliable detection that at least this percentage of the sample
	 * is in another language than the page declares replaces the
	 * declaration in "language".  Default 80; above 100: never. */
	unsigned lang_override_percent;

	/* Only articles in these languages (wn_options_set_languages): a
	 * comma-separated list of BCP 47 tags whose language subtags are
	 * compared ("en,de": "en-GB" matches).  An article in another
	 * language, or in none detected or declared, keeps no block (each
	 * dropped with reason "language") and wn_doc_language_skipped()
	 * says so.  Default NULL: every language. */
	const char *languages;

	/* Copies of encoding and url made by the wn_options_set_* calls
	 * (options.c), freed by wn_options_free; NULL in a struct filled in
	 * by wn_options_init, whose strings are the caller's. */
	char *own_encoding;
	char *own_url;
	char *own_languages;
};

void wn_options_init(struct wn_options *opts);

#endif
