/*
 * meta.c - what a page says about itself: title, author, date, site name,
 * description, language, lead image, URL, sections and keywords.
 *
 * Each field keeps the value of the most trusted source that gives it
 * (enum wn_meta_rank, in winnow(1) METADATA): schema.org JSON-LD first,
 * as publishers write it for search engines; then OpenGraph and Twitter
 * cards, plain <meta> names, Dublin Core, microdata and <time> in the
 * body, links, <html lang>, and last what a reader sees: the headline,
 * a byline ("By Jane Doe"), a date line.  The last step also serves
 * scraped text, which has nothing else.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <gumbo.h>
#include <jansson.h>

#include "date.h"
#include "page.h"
#include "url.h"

void wn_meta_init(struct wn_meta *m)
{
	memset(m, 0, sizeof *m);
	for (int f = 0; f < WN_MF_COUNT; f++) {
		m->val[f] = "";
		m->rank[f] = WN_RANK_NONE;
	}
	m->categories.rank = m->tags.rank = WN_RANK_NONE;
}

static const char *attr(const GumboNode *n, const char *name)
{
	const GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
	return a ? a->value : NULL;
}

/* Keeps value for field when rank is more trusted than what is there. */
static void set_field(struct wn_page *pg, enum wn_meta_field f, const char *value,
                      size_t n, enum wn_meta_rank rank)
{
	struct wn_meta *m = &pg->meta;
	if (value == NULL || rank >= m->rank[f])
		return;
	const char *v = wn_normalise(pg, value, n);
	if (v == NULL || *v == '\0')
		return;
	m->val[f] = v;
	m->rank[f] = (unsigned char)rank;
}

static void set(struct wn_page *pg, enum wn_meta_field f, const char *value,
                enum wn_meta_rank rank)
{
	if (value)
		set_field(pg, f, value, strlen(value), rank);
}

/* A language: kept as its BCP 47 tag (lang.c), when it is one. */
static void set_language(struct wn_page *pg, const char *value, enum wn_meta_rank rank)
{
	char tag[WN_LANG_MAX];
	if (value && rank < pg->meta.rank[WN_MF_LANGUAGE] && wn_lang_tag(value, tag, sizeof tag))
		set(pg, WN_MF_LANGUAGE, tag, rank);
}

/* A date, of the publication (f is WN_MF_DATE) or of the last change
 * (WN_MF_DATE_MODIFIED): kept only when it reads as one and is not
 * after tomorrow. */
static void set_date(struct wn_page *pg, const char *value, enum wn_meta_rank rank,
                     enum wn_meta_field f)
{
	char iso[WN_DATE_MAX];
	if (value && rank < pg->meta.rank[f] && wn_date_parse(value, strlen(value), 0, iso) &&
	    !wn_date_future(iso, pg->last_day))
		set(pg, f, iso, rank);
}

/* s with the character references that JSON-LD written by templates
 * carries ("doesn&#8217;t", "&mdash;", "&amp;") read, in the pool; s
 * itself when it has none. */
static const char *unescape(struct wn_page *pg, const char *s)
{
	static const struct {
		const char *name;
		const char *utf8;
	} named[] = {{"amp", "&"}, {"quot", "\""}, {"apos", "'"}, {"lt", "<"}, {"gt", ">"},
	             {"nbsp", " "}, {"mdash", "\u2014"}, {"ndash", "\u2013"},
	             {"hellip", "\u2026"}, {"rsquo", "\u2019"}, {"lsquo", "\u2018"},
	             {"rdquo", "\u201d"}, {"ldquo", "\u201c"}};
	if (s == NULL || strchr(s, '&') == NULL)
		return s;
	struct wn_buf b = WN_BUF_INIT;
	for (const char *p = s; *p;) {
		/* a reference is short: look no further for its ';' */
		const char *semi = *p == '&' ? memchr(p, ';', strnlen(p, 12)) : NULL;
		if (semi) {
			unsigned long cp = 0;
			if (p[1] == '#')
				cp = (p[2] == 'x' || p[2] == 'X') ? strtoul(p + 3, NULL, 16)
				                                   : strtoul(p + 2, NULL, 10);
			const char *u = NULL;
			for (size_t k = 0; p[1] != '#' && k < sizeof named / sizeof named[0]; k++)
				if (strlen(named[k].name) == (size_t)(semi - p - 1) &&
				    strncmp(p + 1, named[k].name, (size_t)(semi - p - 1)) == 0)
					u = named[k].utf8;
			if (u || (cp > 0 && cp < 0x110000 && (cp < 0xD800 || cp > 0xDFFF))) {
				char tmp[5];
				if (u == NULL) {
					size_t k = 0;
					if (cp < 0x80)
						tmp[k++] = (char)cp;
					else if (cp < 0x800)
						tmp[k++] = (char)(0xC0 | cp >> 6);
					else if (cp < 0x10000)
						tmp[k++] = (char)(0xE0 | cp >> 12);
					else
						tmp[k++] = (char)(0xF0 | cp >> 18);
					if (cp >= 0x10000)
						tmp[k++] = (char)(0x80 | ((cp >> 12) & 0x3F));
					if (cp >= 0x800)
						tmp[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
					if (cp >= 0x80)
						tmp[k++] = (char)(0x80 | (cp & 0x3F));
					tmp[k] = '\0';
					u = tmp;
				}
				wn_buf_puts(&b, u);
				p = semi + 1;
				continue;
			}
		}
		wn_buf_putc(&b, *p++);
	}
	const char *r = b.failed ? s : wn_pool_strndup(pg->pool, b.data, b.size);
	wn_buf_free(&b);
	return r ? r : s;
}

/* An author: not a URL (article:author often is), not a @handle.  "A, B
 * and C" become "A; B; C" when each part reads as a name. */
static void set_author(struct wn_page *pg, const char *value, enum wn_meta_rank rank)
{
	if (value == NULL || rank >= pg->meta.rank[WN_MF_AUTHOR])
		return;
	while (isspace((unsigned char)*value))
		value++;
	if (*value == '@' || strncmp(value, "http:", 5) == 0 ||
	    strncmp(value, "https:", 6) == 0 || strchr(value, '/') != NULL)
		return;
	const char *names = strchr(value, ';') ? NULL
	                                       : wn_byline_authors(pg, value, strlen(value), 0);
	set(pg, WN_MF_AUTHOR, names && *names ? names : value, rank);
}

/* An author given by an element's text (a rel=author link, microdata):
 * only names, never the link's own words ("View Profile", "Google+"). */
static void set_author_text(struct wn_page *pg, const char *value, enum wn_meta_rank rank)
{
	if (value == NULL || rank >= pg->meta.rank[WN_MF_AUTHOR])
		return;
	const char *names = wn_byline_authors(pg, value, strlen(value), 0);
	if (names && *names)
		set(pg, WN_MF_AUTHOR, names, rank);
}

/* A list of authors: "A; B", "A, B", or names two spaces apart (docutils). */
static void set_authors(struct wn_page *pg, const char *value, enum wn_meta_rank rank)
{
	struct wn_buf b = WN_BUF_INIT;
	for (const char *p = value; *p; p++) {
		if ((p[0] == ' ' && p[1] == ' ') || *p == ',' || *p == ';') {
			while (p[1] == ' ')
				p++;
			if (b.size)
				wn_buf_puts(&b, "; ");
			continue;
		}
		wn_buf_putc(&b, *p);
	}
	if (b.size && !b.failed)
		set_author(pg, b.data, rank);
	wn_buf_free(&b);
}

/* Adds to a list; a more trusted source replaces what a lesser one gave. */
static void list_add(struct wn_page *pg, struct wn_meta_list *l, const char *v, size_t n,
                     enum wn_meta_rank rank)
{
	if (rank > l->rank)
		return;
	if (rank < l->rank) {
		l->n = 0;
		l->rank = (unsigned char)rank;
	}
	const char *s = wn_normalise(pg, v, n);
	if (s == NULL || *s == '\0' || l->n >= 64)
		return;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i], s) == 0)
			return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		const char **items = wn_pool_alloc(pg->pool, cap * sizeof *items);
		if (items == NULL)
			return;
		if (l->n)
			memcpy(items, l->items, l->n * sizeof *items);
		l->items = items;
		l->cap = cap;
	}
	l->items[l->n++] = s;
}

/* Adds each comma-separated part of v ("keywords" lists). */
static void list_add_split(struct wn_page *pg, struct wn_meta_list *l, const char *v,
                           enum wn_meta_rank rank)
{
	while (v && *v) {
		size_t n = strcspn(v, ",;");
		list_add(pg, l, v, n, rank);
		v += n;
		if (*v)
			v++;
	}
}

/* ---- JSON-LD ------------------------------------------------------------ */

/* schema.org types whose object describes the article itself. */
static int article_type(const char *t)
{
	static const char *const suffixes[] = {"Article", "BlogPosting", "Posting", "Report",
	                                       "Review", "Recipe", "HowTo", "Story"};
	size_t n = strlen(t);
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t k = strlen(suffixes[i]);
		if (n >= k && strcmp(t + n - k, suffixes[i]) == 0)
			return 1;
	}
	return 0;
}

static int has_type(json_t *o, int (*test)(const char *))
{
	json_t *t = json_object_get(o, "@type");
	if (json_is_string(t))
		return test(json_string_value(t));
	size_t i;
	json_t *v;
	json_array_foreach(t, i, v)
		if (json_is_string(v) && test(json_string_value(v)))
			return 1;
	return 0;
}

static int is_page_type(const char *t)
{
	return strcmp(t, "WebPage") == 0 || strcmp(t, "ItemPage") == 0;
}

static int is_site_type(const char *t)
{
	return strcmp(t, "WebSite") == 0 || strcmp(t, "Organization") == 0 ||
	       strcmp(t, "NewsMediaOrganization") == 0;
}

static const char *str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The objects of a JSON-LD document: the top object or array, and any
 * "@graph" arrays inside them (Yoast and others). */
struct ld_objects {
	json_t *items[64];
	size_t n;
};

static void collect(struct ld_objects *ld, json_t *v)
{
	if (json_is_object(v)) {
		if (ld->n < 64)
			ld->items[ld->n++] = v;
		json_t *g = json_object_get(v, "@graph");
		size_t i;
		json_t *e;
		json_array_foreach(g, i, e)
			if (json_is_object(e) && ld->n < 64)
				ld->items[ld->n++] = e;
	} else if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e)
			collect(ld, e);
	}
}

/* A Person given as {"@id": ...} only is described elsewhere in the graph. */
static json_t *by_id(struct ld_objects *ld, json_t *o)
{
	const char *id = str(o, "@id");
	if (id == NULL || json_object_get(o, "name") != NULL)
		return o;
	for (size_t i = 0; i < ld->n; i++) {
		const char *other = str(ld->items[i], "@id");
		if (ld->items[i] != o && other && strcmp(other, id) == 0)
			return ld->items[i];
	}
	return o;
}

/* author: "Name", {"name": ...}, or an array of either. */
static void ld_authors(struct wn_page *pg, struct ld_objects *ld, json_t *a)
{
	struct wn_buf names = WN_BUF_INIT;
	json_t *one[1] = {a};
	size_t count = json_is_array(a) ? json_array_size(a) : 1;
	for (size_t i = 0; i < count && i < 16; i++) {
		json_t *e = json_is_array(a) ? json_array_get(a, i) : one[0];
		const char *name = NULL;
		if (json_is_string(e))
			name = json_string_value(e);
		else if (json_is_object(e))
			name = str(by_id(ld, e), "name");
		if (name == NULL || *name == '\0' || strncmp(name, "http", 4) == 0)
			continue;
		if (names.size)
			wn_buf_puts(&names, "; ");
		wn_buf_puts(&names, unescape(pg, name));
	}
	if (names.size && !names.failed)
		set_author(pg, names.data, WN_RANK_JSONLD);
	wn_buf_free(&names);
}

static const char *image_url(json_t *img)
{
	if (json_is_array(img))
		img = json_array_get(img, 0);
	if (json_is_string(img))
		return json_string_value(img);
	if (json_is_object(img))
		return str(img, "url") ? str(img, "url") : str(img, "@id");
	return NULL;
}

static void ld_strings(struct wn_page *pg, struct wn_meta_list *l, json_t *v)
{
	if (json_is_string(v)) {
		list_add_split(pg, l, json_string_value(v), WN_RANK_JSONLD);
		return;
	}
	size_t i;
	json_t *e;
	json_array_foreach(v, i, e)
		if (json_is_string(e))
			list_add(pg, l, json_string_value(e), strlen(json_string_value(e)),
			         WN_RANK_JSONLD);
}

static void ld_article(struct wn_page *pg, struct ld_objects *ld, json_t *o)
{
	const char *headline = unescape(pg, str(o, "headline")), *name = unescape(pg, str(o, "name"));
	if (pg->meta.rank[WN_MF_TITLE] > WN_RANK_JSONLD && headline && name &&
	    strcmp(headline, name) != 0) {
		/* Wikipedia's headline describes the entity the article names;
		 * choose_title decides which of the two the page shows. */
		const char *v = wn_normalise(pg, name, strlen(name));
		pg->meta.ld_name = v && *v ? v : NULL;
	}
	set(pg, WN_MF_TITLE, headline ? headline : name, WN_RANK_JSONLD);
	json_t *a = json_object_get(o, "author");
	if (a == NULL)
		a = json_object_get(o, "creator");
	if (a)
		ld_authors(pg, ld, a);
	const char *d = str(o, "datePublished");
	if (d == NULL)
		d = str(o, "dateCreated");
	set_date(pg, d, WN_RANK_JSONLD, WN_MF_DATE);
	set_date(pg, str(o, "dateModified"), WN_RANK_JSONLD, WN_MF_DATE_MODIFIED);
	set(pg, WN_MF_DESCRIPTION, unescape(pg, str(o, "description")), WN_RANK_JSONLD);
	set_language(pg, str(o, "inLanguage"), WN_RANK_JSONLD);
	set(pg, WN_MF_IMAGE, image_url(json_object_get(o, "image")), WN_RANK_JSONLD);
	json_t *pub = json_object_get(o, "publisher");
	if (json_is_object(pub))
		set(pg, WN_MF_SITENAME, unescape(pg, str(by_id(ld, pub), "name")), WN_RANK_JSONLD);
	const char *url = str(o, "url");
	json_t *main = json_object_get(o, "mainEntityOfPage");
	if (url == NULL)
		url = json_is_string(main) ? json_string_value(main) : str(main, "@id");
	if (url && wn_url_is_absolute(url))
		set(pg, WN_MF_URL, url, WN_RANK_JSONLD);
	if (json_object_get(o, "articleSection"))
		ld_strings(pg, &pg->meta.categories, json_object_get(o, "articleSection"));
	if (json_object_get(o, "keywords"))
		ld_strings(pg, &pg->meta.tags, json_object_get(o, "keywords"));
}

/* A <script type="application/ld+json"> of n bytes. */
static void read_json_ld(struct wn_page *pg, const char *s, size_t n)
{
	/* Some pages wrap it for old browsers in a comment or in CDATA, itself
	 * perhaps behind a JavaScript comment's opening ("//", slash-star);
	 * what follows the JSON ("]]>", "-->") is never read. */
	static const char *const wraps[] = {"<!--", "//", "/*", "<![CDATA[", "*/"};
	for (size_t k = 0; k < sizeof wraps / sizeof wraps[0]; k++) {
		while (n && isspace((unsigned char)*s))
			s++, n--;
		size_t w = strlen(wraps[k]);
		if (n >= w && strncmp(s, wraps[k], w) == 0)
			s += w, n -= w;
	}
	json_error_t err;
	json_t *root = json_loadb(s, n, JSON_DISABLE_EOF_CHECK, &err);
	if (root == NULL)
		return;
	struct ld_objects ld = {.n = 0};
	collect(&ld, root);
	json_t *article = NULL, *page = NULL;
	for (size_t i = 0; i < ld.n; i++) {
		if (!article && has_type(ld.items[i], article_type))
			article = ld.items[i];
		if (!page && has_type(ld.items[i], is_page_type))
			page = ld.items[i];
		if (has_type(ld.items[i], is_site_type) && str(ld.items[i], "name"))
			set(pg, WN_MF_SITENAME, unescape(pg, str(ld.items[i], "name")), WN_RANK_JSONLD);
	}
	if (article)
		ld_article(pg, &ld, article);
	else if (page && (json_object_get(page, "author") || json_object_get(page, "datePublished")))
		ld_article(pg, &ld, page);
	json_decref(root);
}

/* The text of an element's text children (script, title). */
static const char *child_text(const GumboNode *n, size_t *len)
{
	const GumboVector *kids = &n->v.element.children;
	if (kids->length == 1) {
		const GumboNode *c = kids->data[0];
		if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE ||
		    c->type == GUMBO_NODE_CDATA) {
			*len = strlen(c->v.text.text);
			return c->v.text.text;
		}
	}
	*len = 0;
	return NULL;
}

static void script(struct wn_page *pg, const GumboNode *n)
{
	const char *type = attr(n, "type");
	if (type == NULL || strstr(type, "ld+json") == NULL)
		return;
	size_t len;
	const char *s = child_text(n, &len);
	if (s)
		read_json_ld(pg, s, len);
}

/* ---- <meta> and <link> ------------------------------------------------- */

static int eq(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

static void meta_tag(struct wn_page *pg, const GumboNode *n)
{
	const char *key = attr(n, "property");
	const char *content = attr(n, "content");
	if (key == NULL || (attr(n, "name") && strncasecmp(key, "og:", 3) != 0 &&
	                    strncasecmp(key, "article:", 8) != 0))
		key = attr(n, "name");
	if (key == NULL) {
		const char *ip = attr(n, "itemprop");
		if (ip && content)
			wn_meta_element(pg, n, ip, 0, -1);
		const char *he = attr(n, "http-equiv");
		if (he && content && eq(he, "content-language"))
			set_language(pg, content, WN_RANK_META);
		return;
	}
	if (content == NULL)
		return;
	/* OpenGraph, article:*, Twitter cards */
	if (eq(key, "og:title") || eq(key, "twitter:title")) {
		set(pg, WN_MF_TITLE, content, WN_RANK_OG);
		if (!*pg->og_title) {
			const char *t = wn_normalise(pg, content, strlen(content));
			pg->og_title = t ? t : "";
		}
	} else if (eq(key, "og:site_name")) {
		set(pg, WN_MF_SITENAME, content, WN_RANK_OG);
	} else if (eq(key, "og:description") || eq(key, "twitter:description")) {
		set(pg, WN_MF_DESCRIPTION, content, WN_RANK_OG);
	} else if (eq(key, "og:image") || eq(key, "og:image:url") ||
	           eq(key, "og:image:secure_url") || eq(key, "twitter:image") ||
	           eq(key, "twitter:image:src")) {
		set(pg, WN_MF_IMAGE, content, WN_RANK_OG);
	} else if (eq(key, "og:url")) {
		if (wn_url_is_absolute(content))
			set(pg, WN_MF_URL, content, WN_RANK_OG);
	} else if (eq(key, "og:locale")) {
		set_language(pg, content, WN_RANK_OG);
	} else if (eq(key, "article:published_time") || eq(key, "og:published_time") ||
	           eq(key, "article:published")) {
		set_date(pg, content, WN_RANK_OG, WN_MF_DATE);
	} else if (eq(key, "article:modified_time") || eq(key, "og:updated_time")) {
		set_date(pg, content, WN_RANK_OG, WN_MF_DATE_MODIFIED);
	} else if (eq(key, "article:author") || eq(key, "og:article:author")) {
		set_author(pg, content, WN_RANK_OG);
	} else if (eq(key, "article:section")) {
		list_add(pg, &pg->meta.categories, content, strlen(content), WN_RANK_OG);
	} else if (eq(key, "article:tag")) {
		list_add(pg, &pg->meta.tags, content, strlen(content), WN_RANK_OG);
	/* plain names */
	} else if (eq(key, "authors")) {
		set_authors(pg, content, WN_RANK_META);
	} else if (eq(key, "author") || eq(key, "byl") || eq(key, "sailthru.author") ||
	           eq(key, "parsely-author") || eq(key, "citation_author")) {
		set_author(pg, content, WN_RANK_META);
	} else if (eq(key, "date") || eq(key, "pubdate") || eq(key, "publishdate") ||
	           eq(key, "publish-date") || eq(key, "publish_date") ||
	           eq(key, "published_date") || eq(key, "sailthru.date") ||
	           eq(key, "parsely-pub-date") || eq(key, "citation_publication_date") ||
	           eq(key, "citation_date") || eq(key, "article.published") ||
	           eq(key, "dc.date.issued") || eq(key, "dcterms.created")) {
		set_date(pg, content, strchr(key, '.') && strncasecmp(key, "dc", 2) == 0
		                               ? WN_RANK_DC : WN_RANK_META, WN_MF_DATE);
	} else if (eq(key, "last-modified") || eq(key, "revised") || eq(key, "lastmod")) {
		set_date(pg, content, WN_RANK_META, WN_MF_DATE_MODIFIED);
	} else if (eq(key, "description")) {
		set(pg, WN_MF_DESCRIPTION, content, WN_RANK_META);
	} else if (eq(key, "application-name")) {
		set(pg, WN_MF_SITENAME, content, WN_RANK_META);
	} else if (eq(key, "keywords") || eq(key, "news_keywords")) {
		list_add_split(pg, &pg->meta.tags, content, WN_RANK_META);
	} else if (eq(key, "category") || eq(key, "section")) {
		list_add(pg, &pg->meta.categories, content, strlen(content), WN_RANK_META);
	} else if (eq(key, "language") || eq(key, "content-language")) {
		set_language(pg, content, WN_RANK_META);
	} else if (eq(key, "citation_title")) {
		set(pg, WN_MF_TITLE, content, WN_RANK_META);
	/* Dublin Core */
	} else if (strncasecmp(key, "dc.", 3) == 0 || strncasecmp(key, "dcterms.", 8) == 0) {
		const char *k = key + (key[2] == '.' ? 3 : 8);
		if (eq(k, "title"))
			set(pg, WN_MF_TITLE, content, WN_RANK_DC);
		else if (eq(k, "creator") || eq(k, "creator.personalname"))
			set_author(pg, content, WN_RANK_DC);
		else if (eq(k, "date") || eq(k, "issued") || eq(k, "date.created") ||
		         eq(k, "available"))
			set_date(pg, content, WN_RANK_DC, WN_MF_DATE);
		else if (eq(k, "modified") || eq(k, "date.modified"))
			set_date(pg, content, WN_RANK_DC, WN_MF_DATE_MODIFIED);
		else if (eq(k, "description"))
			set(pg, WN_MF_DESCRIPTION, content, WN_RANK_DC);
		else if (eq(k, "language"))
			set_language(pg, content, WN_RANK_DC);
		else if (eq(k, "publisher"))
			set(pg, WN_MF_SITENAME, content, WN_RANK_DC);
		else if (eq(k, "subject"))
			list_add_split(pg, &pg->meta.tags, content, WN_RANK_DC);
	}
}

static int has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; p && *p;) {
		while (*p == ' ' || *p == '\t')
			p++;
		size_t k = strcspn(p, " \t");
		if (k == n && strncasecmp(p, word, n) == 0)
			return 1;
		p += k;
	}
	return 0;
}

static void link_tag(struct wn_page *pg, const GumboNode *n)
{
	const char *rel = attr(n, "rel"), *href = attr(n, "href");
	if (rel && href && has_word(rel, "canonical") && wn_url_is_absolute(href))
		set(pg, WN_MF_URL, href, WN_RANK_LINK);
}

/* ---- the body ---------------------------------------------------------- */

/* The text of a small subtree (an author's name in microdata, a byline
 * link), at most 256 bytes, walked without recursion. */
static const char *subtree_text(struct wn_page *pg, const GumboNode *root)
{
	enum { DEPTH = 16 };
	const GumboNode *stack[DEPTH];
	unsigned next[DEPTH];
	int top = 0;
	char buf[256];
	size_t n = 0;
	stack[0] = root;
	next[0] = 0;
	while (top >= 0 && n < sizeof buf - 2) {
		const GumboVector *kids = &stack[top]->v.element.children;
		if (next[top] >= kids->length) {
			top--;
			continue;
		}
		const GumboNode *c = kids->data[next[top]++];
		if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE) {
			/* a run of white space as one space: the bytes count the
			 * text, not how the markup was indented */
			for (const char *t = c->v.text.text; *t && n < sizeof buf - 3; t++) {
				if (*t != ' ' && *t != '\n' && *t != '\t' && *t != '\r' && *t != '\f')
					buf[n++] = *t;
				else if (n > 0 && buf[n - 1] != ' ')
					buf[n++] = ' ';
			}
		} else if (c->type == GUMBO_NODE_ELEMENT && top + 1 < DEPTH &&
		           c->v.element.tag != GUMBO_TAG_SCRIPT &&
		           c->v.element.tag != GUMBO_TAG_STYLE) {
			if (n > 0 && buf[n - 1] != ' ')
				buf[n++] = ' ';
			stack[++top] = c;
			next[top] = 0;
		}
	}
	/* a cut in the middle of a character is mended by wn_normalise */
	return n ? wn_normalise(pg, buf, n) : NULL;
}

static void itemprop_element(struct wn_page *pg, const GumboNode *n, const char *ip)
{
	const char *content = attr(n, "content");
	if (has_word(ip, "datePublished") || has_word(ip, "dateCreated")) {
		const char *v = content ? content : attr(n, "datetime");
		if (v == NULL)
			v = subtree_text(pg, n);
		/* the publication before the record's creation */
		set_date(pg, v, has_word(ip, "datePublished") ? WN_RANK_BODY : WN_RANK_CLASS,
		         WN_MF_DATE);
	} else if (has_word(ip, "dateModified")) {
		set_date(pg, content ? content : attr(n, "datetime"), WN_RANK_BODY,
		         WN_MF_DATE_MODIFIED);
	} else if (has_word(ip, "author") || has_word(ip, "creator")) {
		if (pg->meta.rank[WN_MF_AUTHOR] <= WN_RANK_BODY)
			return;
		if (content)
			set_author(pg, content, WN_RANK_BODY);
		else
			set_author_text(pg, subtree_text(pg, n), WN_RANK_BODY);
	} else if (has_word(ip, "headline")) {
		if (pg->meta.rank[WN_MF_TITLE] <= WN_RANK_BODY)
			return;
		set(pg, WN_MF_TITLE, content ? content : subtree_text(pg, n), WN_RANK_BODY);
	} else if (has_word(ip, "inLanguage")) {
		set_language(pg, content, WN_RANK_BODY);
	}
}

/* Words in a class or id that name the author or the date: a whole word
 * ("author", "post-author", "author_name"), or its plural.  Only the
 * starts of words are tried, in one pass over v. */
static int names_part(const char *v, const char *const *words, size_t nwords)
{
	for (size_t i = 0; v[i]; i++) {
		if (!isalpha((unsigned char)v[i]) || (i > 0 && isalpha((unsigned char)v[i - 1])))
			continue;
		for (size_t k = 0; k < nwords; k++) {
			size_t n = strlen(words[k]);
			if (v[i] != words[k][0] || strncmp(v + i, words[k], n) != 0)
				continue;
			if (!isalpha((unsigned char)v[i + n]) || v[i + n] == 's')
				return 1;
		}
	}
	return 0;
}

/* Every word of names (letters and dots, any case) is a word of known:
 * names says nothing new ("Jane Roe John Doe" after "Jane Roe; John
 * Doe"). */
static int words_known(const char *known, const char *names)
{
	const char *p = names;
	for (;;) {
		while (*p && (*p == ' ' || *p == ';' || *p == ','))
			p++;
		if (*p == '\0')
			return 1;
		size_t n = strcspn(p, " ;,");
		int found = 0;
		for (const char *k = known; *k && !found;) {
			while (*k && (*k == ' ' || *k == ';' || *k == ','))
				k++;
			size_t m = strcspn(k, " ;,");
			found = m == n && m > 0 && strncasecmp(k, p, n) == 0;
			k += m;
		}
		if (!found)
			return 0;
		p += n;
	}
}

/* node lies inside anc, at most levels below it. */
static int inside(const GumboNode *node, const GumboNode *anc, int levels)
{
	for (const GumboNode *p = node->parent; p && levels-- > 0; p = p->parent)
		if (p == anc)
			return 1;
	return 0;
}

/* The author so far, cut at byte from, then names (after "; " unless
 * from is 0); node gave them. */
static void append_author(struct wn_page *pg, size_t from, const char *names,
                          const GumboNode *node)
{
	struct wn_buf b = WN_BUF_INIT;
	const char *cur = pg->meta.val[WN_MF_AUTHOR];
	wn_buf_put(&b, cur, from);
	if (from)
		wn_buf_puts(&b, from < strlen(cur) ? "" : "; ");
	size_t at = b.size;
	wn_buf_puts(&b, names);
	const char *v = b.failed ? NULL : wn_pool_strndup(pg->pool, b.data, b.size);
	if (v) {
		pg->meta.val[WN_MF_AUTHOR] = v;
		pg->meta.author_node = node;
		pg->meta.author_from = at;
	}
	wn_buf_free(&b);
}

/* Element e or one of its ancestors has one of the hints in mask. */
static int under(const struct wn_page *pg, int e, unsigned mask)
{
	for (int k = 0; e >= 0 && k < 64; k++, e = pg->elems[e].parent)
		if (pg->elems[e].hints & mask)
			return 1;
	return 0;
}

/* Inside comments or related stories: the names there are not the
 * article's authors. */
static int in_comments(const struct wn_page *pg, int e)
{
	return under(pg, e, WN_HINT_COMMENT | WN_HINT_RELATED);
}

void wn_meta_class(struct wn_page *pg, const void *node, const char *cls, const char *id,
                   int parent)
{
	static const char *const author_words[] = {"author", "byline", "writer", "creator"};
	static const char *const date_words[] = {"date", "pubdate", "revdate", "published",
	                                         "dateline", "timestamp", "releaseinfo"};
	const GumboNode *n = node;
	int is_author = (cls && names_part(cls, author_words, 4)) ||
	                (id && names_part(id, author_words, 4));
	int is_date = !is_author && ((cls && names_part(cls, date_words, 7)) ||
	                             (id && names_part(id, date_words, 7)));
	if ((!is_author && !is_date) || in_comments(pg, parent))
		return;
	/* "date-header", "current-date": the masthead's date, today's */
	static const char *const today_words[] = {"header", "masthead", "topbar", "today",
	                                          "current", "clock", "weather"};
	if (is_date && ((cls && names_part(cls, today_words, 7)) ||
	                (id && names_part(id, today_words, 7))))
		return;
	if (is_date && pg->meta.rank[WN_MF_DATE] > WN_RANK_CLASS) {
		const char *t = subtree_text(pg, n);
		char iso[WN_DATE_MAX];
		if (t && strlen(t) < 120 && wn_date_find(t, strlen(t), 0, iso))
			set(pg, WN_MF_DATE, iso, WN_RANK_CLASS);
		return;
	}
	if (!is_author || pg->meta.rank[WN_MF_AUTHOR] < WN_RANK_CLASS)
		return;
	const GumboNode *first = pg->meta.author_node;
	const char *t = subtree_text(pg, n);
	const char *names = t ? wn_byline_authors(pg, t, strlen(t), 0) : NULL;
	if (names == NULL || *names == '\0')
		return;
	if (first == NULL) {
		set(pg, WN_MF_AUTHOR, names, WN_RANK_CLASS);
		pg->meta.author_node = n;
		pg->meta.author_from = 0;
		return;
	}
	const char *cur = pg->meta.val[WN_MF_AUTHOR];
	size_t from = pg->meta.author_from;
	if (inside(n, first, 64)) {
		/* <div class=author><h3 class=author>Name</h3> role ...</div>:
		 * the inner element names the author without the rest */
		if (strlen(names) < strlen(cur + from) &&
		    strncmp(cur + from, names, strlen(names)) == 0)
			append_author(pg, from, names, n);
		return;
	}
	/* a second author of the same group: DocBook's authorgroup; not the
	 * agency or the site the first writes for, nor the names given
	 * already (an author box under the article, after the byline) */
	if (wn_byline_affiliation(pg, names) || words_known(cur, names))
		return;
	const GumboNode *a = first->parent;
	for (int k = 0; a && k < 3; a = a->parent, k++)
		if (a->type == GUMBO_NODE_ELEMENT && a->v.element.tag != GUMBO_TAG_BODY &&
		    a->v.element.tag != GUMBO_TAG_HTML && inside(n, a, 3)) {
			append_author(pg, strlen(cur), names, n);
			return;
		}
}

void wn_meta_element(struct wn_page *pg, const void *node, const char *itemprop, int in_article,
                     int parent_elem)
{
	const GumboNode *n = node;
	switch (n->v.element.tag) {
	case GUMBO_TAG_SCRIPT:
		script(pg, n);
		return;
	case GUMBO_TAG_META:
		if (itemprop == NULL) {
			meta_tag(pg, n);
			return;
		}
		break;
	case GUMBO_TAG_LINK:
		if (itemprop == NULL) {
			link_tag(pg, n);
			return;
		}
		break;
	case GUMBO_TAG_TIME: {
		const char *dt = attr(n, "datetime");
		if (dt && itemprop == NULL) {
			if (attr(n, "pubdate"))
				set_date(pg, dt, WN_RANK_BODY, WN_MF_DATE);
			else if (in_article)
				set_date(pg, dt, WN_RANK_TIME, WN_MF_DATE);
			else if (pg->meta.ntimes < sizeof pg->meta.times / sizeof pg->meta.times[0]) {
				/* near the headline? */
				char iso[WN_DATE_MAX];
				const char *v = wn_date_parse(dt, strlen(dt), 0, iso)
				                        ? wn_pool_strndup(pg->pool, iso, strlen(iso))
				                        : NULL;
				if (v) {
					pg->meta.times[pg->meta.ntimes].elem = parent_elem;
					pg->meta.times[pg->meta.ntimes++].iso = v;
				}
			}
			return;
		}
		break;
	}
	case GUMBO_TAG_A: {
		const char *rel = attr(n, "rel");
		if (rel && has_word(rel, "author") && itemprop == NULL &&
		    pg->meta.rank[WN_MF_AUTHOR] > WN_RANK_BODY)
			set_author_text(pg, subtree_text(pg, n), WN_RANK_BODY);
		break;
	}
	default:
		break;
	}
	if (itemprop)
		itemprop_element(pg, n, itemprop);
}

void wn_meta_read_head(struct wn_page *pg, const void *html)
{
	const GumboNode *root = html;
	const char *lang = attr(root, "lang");
	if (lang == NULL)
		lang = attr(root, "xml:lang");
	if (lang && *lang) {
		set_language(pg, lang, WN_RANK_HTML);
		char two[3] = {0};
		for (int i = 0; i < 2 && lang[i] && lang[i] != '-' && lang[i] != '_'; i++)
			two[i] = (char)(lang[i] | 0x20);
		const char *l = wn_pool_strndup(pg->pool, two, strlen(two));
		pg->lang = l ? l : "";
	}
	const GumboVector *kids = &root->v.element.children;
	for (unsigned i = 0; i < kids->length; i++) {
		const GumboNode *head = kids->data[i];
		if (head->type != GUMBO_NODE_ELEMENT || head->v.element.tag != GUMBO_TAG_HEAD)
			continue;
		const GumboVector *hk = &head->v.element.children;
		for (unsigned j = 0; j < hk->length; j++) {
			const GumboNode *c = hk->data[j];
			if (c->type != GUMBO_NODE_ELEMENT)
				continue;
			switch (c->v.element.tag) {
			case GUMBO_TAG_TITLE:
				if (!*pg->title) {
					size_t len;
					const char *t = child_text(c, &len);
					t = t ? wn_normalise(pg, t, len) : "";
					pg->title = t ? t : "";
				}
				break;
			case GUMBO_TAG_BASE: {
				const char *href = attr(c, "href");
				if (href && pg->meta.base == NULL)
					pg->meta.base = wn_pool_strndup(pg->pool, href, strlen(href));
				break;
			}
			case GUMBO_TAG_META:
			case GUMBO_TAG_LINK:
			case GUMBO_TAG_SCRIPT:
				wn_meta_element(pg, c, NULL, 0, -1);
				break;
			default:
				break;
			}
		}
	}
}
