/*
 * encoding.h - the first stage: raw bytes to UTF-8.
 *
 *   bytes --wn_gunzip (when wn_is_gzip)--> bytes --wn_to_utf8--> wn_text
 *
 * The charset is found in the WHATWG order: the override, a BOM, a
 * <meta charset> / http-equiv prescan of the first 1024 bytes (labels
 * mapped as WHATWG does: "iso-8859-1" and "latin1" mean windows-1252,
 * "gb2312" means GBK, ...), statistical detection (uchardet), and UTF-8.
 * A <meta> that names UTF-8 over bytes that plainly are not (more
 * ill-formed sequences than multibyte characters) gives way to detection.
 * The result is converted with iconv.  No function here prints or exits.
 */
#ifndef WN_ENCODING_H
#define WN_ENCODING_H

#include <stddef.h>

#include "winnow.h"

struct wn_text {
	char *data;       /* malloc'd UTF-8, NUL-terminated; owned by the struct */
	size_t len;       /* bytes, not counting the NUL */
	char charset[48]; /* the encoding the input was read as, e.g. "windows-1252" */
	const char *source; /* static: "option", "bom", "meta", "detected", "default" */
};

/* 1 when buf starts with the gzip magic bytes 1f 8b. */
int wn_is_gzip(const void *buf, size_t len);

/*
 * Decompresses gzip data (several members are concatenated, as gzip does).
 * More than max_out bytes of output (0: no limit) gives WN_ERR_TOO_LARGE;
 * corrupt or truncated data WN_ERR_GZIP.  On success *out is malloc'd (the
 * caller frees it) and *outlen set.  err (errlen bytes) gets a one-line
 * reason on failure.
 */
wn_status wn_gunzip(const void *in, size_t len, size_t max_out,
                    unsigned char **out, size_t *outlen, char *err,
                    size_t errlen);

/*
 * 1 when the bytes are not text in any encoding winnow reads: NUL bytes or
 * other control characters in a large share of the first few KB, with no
 * UTF-16/UTF-32 BOM and no UTF-16 pattern that explains them.
 */
int wn_looks_binary(const void *buf, size_t len);

/*
 * Converts buf to UTF-8 into *out.  override (NULL: none) names the
 * encoding to use; http (NULL: none) is the charset a transport such as an
 * HTTP header declared, used after a BOM and before a <meta>, checked
 * against the bytes as a <meta> is, and ignored when it is no WHATWG
 * label.  The output is valid UTF-8 with no BOM and no NUL bytes
 * (NULs are dropped); invalid sequences become U+FFFD.  CR LF and lone CR
 * are kept as they are.  Returns WN_ERR_ENCODING for an unknown override
 * and WN_ERR_NOMEM; err gets a one-line reason.  On failure *out is
 * untouched.
 */
wn_status wn_to_utf8(const void *buf, size_t len, const char *override,
                     const char *http, struct wn_text *out, char *err, size_t errlen);

void wn_text_free(struct wn_text *t);

#endif
