/*
 * url.c - relative references resolved against a base URL (RFC 3986,
 * section 5.2), for links and images in Markdown and the lead image of
 * the metadata.
 */
#include <ctype.h>
#include <string.h>

#include "url.h"

/* Length of the scheme with its colon ("https:"), 0 when ref has none. */
static size_t scheme_len(const char *s)
{
	if (!isalpha((unsigned char)s[0]))
		return 0;
	size_t i = 1;
	while (isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')
		i++;
	return s[i] == ':' ? i + 1 : 0;
}

/* Where the authority of an absolute URL ends (the start of its path). */
static size_t authority_end(const char *base, size_t scheme)
{
	if (strncmp(base + scheme, "//", 2) != 0)
		return scheme;
	return scheme + 2 + strcspn(base + scheme + 2, "/?#");
}

/* Appends path to b with "." and ".." segments removed (5.2.4). */
static void put_path(struct wn_buf *b, size_t root, const char *path, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t seg = i;
		while (i < n && path[i] != '/')
			i++;
		size_t len = i - seg;
		int last = i >= n;
		if (i < n)
			i++; /* the slash */
		if (len == 1 && path[seg] == '.') {
			if (last && b->size > root && b->data[b->size - 1] != '/')
				wn_buf_putc(b, '/');
			continue;
		}
		if (len == 2 && path[seg] == '.' && path[seg + 1] == '.') {
			/* drop the last segment written, keeping its leading slash */
			if (b->size > root) {
				size_t k = b->size - 1; /* the slash after it */
				while (k > root && b->data[k - 1] != '/')
					k--;
				if (k > root)
					b->size = k;
			}
			continue;
		}
		wn_buf_put(b, path + seg, len);
		if (!last)
			wn_buf_putc(b, '/');
	}
}

int wn_url_resolve(const char *base, const char *ref, struct wn_buf *out)
{
	while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r')
		ref++;
	size_t rn = strlen(ref);
	while (rn && (ref[rn - 1] == ' ' || ref[rn - 1] == '\n' || ref[rn - 1] == '\r' ||
	              ref[rn - 1] == '\t'))
		rn--;
	size_t bs = base ? scheme_len(base) : 0;
	if (scheme_len(ref) || bs == 0) {
		wn_buf_put(out, ref, rn);
		return out->failed ? -1 : 0;
	}
	size_t auth = authority_end(base, bs);
	if (rn >= 2 && ref[0] == '/' && ref[1] == '/') {
		wn_buf_put(out, base, bs);
		wn_buf_put(out, ref, rn);
	} else if (rn && ref[0] == '/') {
		wn_buf_put(out, base, auth);
		size_t path = strcspn(ref, "?#");
		if (path > rn)
			path = rn;
		size_t root = out->size;
		put_path(out, root, ref, path);
		wn_buf_put(out, ref + path, rn - path);
	} else if (rn == 0 || ref[0] == '?' || ref[0] == '#') {
		size_t keep = ref[0] == '#' ? strcspn(base, "#") : strcspn(base, "?#");
		wn_buf_put(out, base, keep);
		wn_buf_put(out, ref, rn);
	} else {
		/* merge: the base's path up to its last slash, then ref */
		size_t bpath_end = auth + strcspn(base + auth, "?#");
		size_t slash = bpath_end;
		while (slash > auth && base[slash - 1] != '/')
			slash--;
		wn_buf_put(out, base, auth);
		size_t root = out->size;
		struct wn_buf merged = WN_BUF_INIT;
		if (slash == auth)
			wn_buf_putc(&merged, '/');
		else
			wn_buf_put(&merged, base + auth, slash - auth);
		size_t path = strcspn(ref, "?#");
		if (path > rn)
			path = rn;
		wn_buf_put(&merged, ref, path);
		if (merged.failed) {
			wn_buf_free(&merged);
			return -1;
		}
		put_path(out, root, merged.data, merged.size);
		wn_buf_free(&merged);
		wn_buf_put(out, ref + path, rn - path);
	}
	if (out->data && !out->failed)
		out->data[out->size] = '\0'; /* put_path may have cut it short */
	return out->failed ? -1 : 0;
}

int wn_url_is_absolute(const char *s)
{
	size_t n = scheme_len(s);
	return n > 0 && (strncasecmp(s, "http:", 5) == 0 || strncasecmp(s, "https:", 6) == 0 ||
	                 strncasecmp(s, "ftp:", 4) == 0);
}

int wn_url_is_script(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	return strncasecmp(s, "javascript:", 11) == 0 || strncasecmp(s, "vbscript:", 9) == 0 ||
	       strncasecmp(s, "data:", 5) == 0;
}
