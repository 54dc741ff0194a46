/*
 * encoding.c - raw bytes to UTF-8 (see encoding.h); gunzip.c holds the
 * gzip half.
 *
 * The charset is chosen in the WHATWG order: the override, a BOM, a prescan
 * of the first 1024 bytes for <meta charset>, then detection (UTF-16 by
 * its NULs, well-formed UTF-8, uchardet, windows-1252).  UTF-8 is
 * validated and copied here (it is nearly every page, so it gets a fast
 * path that never touches iconv); everything else goes through glibc's
 * iconv.  Departures from the letter of WHATWG, all because winnow
 * extracts text rather than rendering it:
 *  - a <meta> that names a legacy encoding is not believed when the page
 *    is UTF-8 with multibyte characters, well-formed or nearly (such pages
 *    were saved as UTF-8 by a tool that kept the old header; real
 *    windows-1252 or GBK text is practically never valid multibyte UTF-8);
 *  - nor is a <meta> that names UTF-8 when the page plainly is not: more
 *    ill-formed sequences than multibyte characters, and a detected
 *    encoding that decodes it with fewer errors (a Latin-1 page under a
 *    template's <meta charset=utf-8>; see check_meta_utf8);
 *  - the "replacement" labels iso-2022-kr and iso-2022-cn are decoded with
 *    iconv instead of becoming a single U+FFFD;
 *  - UTF-32 BOMs are honoured.
 */
#include "encoding.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uchardet.h>

/* How much of the page the <meta> prescan looks at (WHATWG says 1024). */
#define PRESCAN_LEN 1024
/* How much of the page uchardet sees, from a little before the first
 * non-ASCII byte.  A few KB of text are plenty for its statistics, and it
 * is slow: measured with uchardet 0.0.7, 8 MB/s on Cyrillic and 30 MB/s
 * on Latin text (all its single-byte language models run), slower than
 * Gumbo, so 8 KB costs it about a millisecond at worst. */
#define DETECT_LEN (8 * 1024)
#define DETECT_LEAD 256
/* How much of the page the UTF-16 and binary sniffers look at. */
#define SNIFF_LEN 1024
#define BINARY_LEN 4096

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

/*
 * The encodings a label can name: the WHATWG name (what wn_text.charset
 * shows) and the glibc iconv converter.  iconv is NULL for UTF-8, which
 * is decoded here.  Where WHATWG's decoder is a superset of the encoding
 * its name suggests, the superset's converter is used: CP932 for
 * Shift_JIS, CP949 for EUC-KR, GB18030 for GBK, BIG5-HKSCS for Big5,
 * EUC-JP-MS for EUC-JP (its 0xA1C1 is U+FF5E as in WHATWG, not U+301C).
 */
enum enc_id {
	E_UTF8, E_IBM866, E_ISO8859_2, E_ISO8859_3, E_ISO8859_4, E_ISO8859_5,
	E_ISO8859_6, E_ISO8859_7, E_ISO8859_8, E_ISO8859_8I, E_ISO8859_10,
	E_ISO8859_13, E_ISO8859_14, E_ISO8859_15, E_ISO8859_16, E_KOI8R,
	E_KOI8U, E_MAC, E_WIN874, E_WIN1250, E_WIN1251, E_WIN1252, E_WIN1253,
	E_WIN1254, E_WIN1255, E_WIN1256, E_WIN1257, E_WIN1258, E_MACCYR,
	E_GBK, E_GB18030, E_BIG5, E_EUCJP, E_ISO2022JP, E_SJIS, E_EUCKR,
	E_ISO2022KR, E_ISO2022CN, E_ISO2022CNEXT, E_UTF16BE, E_UTF16LE,
	E_UTF32BE, E_UTF32LE, E_USERDEF, E_REPLACEMENT,
	E_OTHER /* a name outside the table: no entry in encodings[] */
};

struct encoding {
	const char *name;
	const char *iconv;
};

static const struct encoding encodings[] = {
	[E_UTF8] = {"UTF-8", NULL},
	[E_IBM866] = {"IBM866", "IBM866"},
	[E_ISO8859_2] = {"ISO-8859-2", "ISO-8859-2"},
	[E_ISO8859_3] = {"ISO-8859-3", "ISO-8859-3"},
	[E_ISO8859_4] = {"ISO-8859-4", "ISO-8859-4"},
	[E_ISO8859_5] = {"ISO-8859-5", "ISO-8859-5"},
	[E_ISO8859_6] = {"ISO-8859-6", "ISO-8859-6"},
	[E_ISO8859_7] = {"ISO-8859-7", "ISO-8859-7"},
	[E_ISO8859_8] = {"ISO-8859-8", "ISO-8859-8"},
	[E_ISO8859_8I] = {"ISO-8859-8-I", "ISO-8859-8"},
	[E_ISO8859_10] = {"ISO-8859-10", "ISO-8859-10"},
	[E_ISO8859_13] = {"ISO-8859-13", "ISO-8859-13"},
	[E_ISO8859_14] = {"ISO-8859-14", "ISO-8859-14"},
	[E_ISO8859_15] = {"ISO-8859-15", "ISO-8859-15"},
	[E_ISO8859_16] = {"ISO-8859-16", "ISO-8859-16"},
	[E_KOI8R] = {"KOI8-R", "KOI8-R"},
	[E_KOI8U] = {"KOI8-U", "KOI8-U"},
	[E_MAC] = {"macintosh", "MACINTOSH"},
	[E_WIN874] = {"windows-874", "CP874"},
	[E_WIN1250] = {"windows-1250", "CP1250"},
	[E_WIN1251] = {"windows-1251", "CP1251"},
	[E_WIN1252] = {"windows-1252", "CP1252"},
	[E_WIN1253] = {"windows-1253", "CP1253"},
	[E_WIN1254] = {"windows-1254", "CP1254"},
	[E_WIN1255] = {"windows-1255", "CP1255"},
	[E_WIN1256] = {"windows-1256", "CP1256"},
	[E_WIN1257] = {"windows-1257", "CP1257"},
	[E_WIN1258] = {"windows-1258", "CP1258"},
	[E_MACCYR] = {"x-mac-cyrillic", "MAC-CYRILLIC"},
	[E_GBK] = {"GBK", "GB18030"},
	[E_GB18030] = {"gb18030", "GB18030"},
	[E_BIG5] = {"Big5", "BIG5-HKSCS"},
	[E_EUCJP] = {"EUC-JP", "EUC-JP-MS"},
	[E_ISO2022JP] = {"ISO-2022-JP", "ISO-2022-JP"},
	[E_SJIS] = {"Shift_JIS", "CP932"},
	[E_EUCKR] = {"EUC-KR", "CP949"},
	[E_ISO2022KR] = {"ISO-2022-KR", "ISO-2022-KR"},
	[E_ISO2022CN] = {"ISO-2022-CN", "ISO-2022-CN"},
	[E_ISO2022CNEXT] = {"ISO-2022-CN-EXT", "ISO-2022-CN-EXT"},
	[E_UTF16BE] = {"UTF-16BE", "UTF-16BE"},
	[E_UTF16LE] = {"UTF-16LE", "UTF-16LE"},
	[E_UTF32BE] = {"UTF-32BE", "UTF-32BE"},
	[E_UTF32LE] = {"UTF-32LE", "UTF-32LE"},
	/* WHATWG maps x-user-defined bytes 80-FF into the private use area;
	 * no text survives that, so it is read as windows-1252 instead. */
	[E_USERDEF] = {"windows-1252", "CP1252"},
	/* No converter: hz-gb-2312 (glibc has none) and "replacement". */
	[E_REPLACEMENT] = {"replacement", NULL},
};

/* The WHATWG label table (encoding.spec.whatwg.org), lower case. */
struct label {
	const char *label;
	enum enc_id enc;
};

static const struct label labels[] = {
	{"unicode-1-1-utf-8", E_UTF8}, {"unicode11utf8", E_UTF8},
	{"unicode20utf8", E_UTF8}, {"utf-8", E_UTF8}, {"utf8", E_UTF8},
	{"x-unicode20utf8", E_UTF8},
	{"866", E_IBM866}, {"cp866", E_IBM866}, {"csibm866", E_IBM866},
	{"ibm866", E_IBM866},
	{"csisolatin2", E_ISO8859_2}, {"iso-8859-2", E_ISO8859_2},
	{"iso-ir-101", E_ISO8859_2}, {"iso8859-2", E_ISO8859_2},
	{"iso88592", E_ISO8859_2}, {"iso_8859-2", E_ISO8859_2},
	{"iso_8859-2:1987", E_ISO8859_2}, {"l2", E_ISO8859_2},
	{"latin2", E_ISO8859_2},
	{"csisolatin3", E_ISO8859_3}, {"iso-8859-3", E_ISO8859_3},
	{"iso-ir-109", E_ISO8859_3}, {"iso8859-3", E_ISO8859_3},
	{"iso88593", E_ISO8859_3}, {"iso_8859-3", E_ISO8859_3},
	{"iso_8859-3:1988", E_ISO8859_3}, {"l3", E_ISO8859_3},
	{"latin3", E_ISO8859_3},
	{"csisolatin4", E_ISO8859_4}, {"iso-8859-4", E_ISO8859_4},
	{"iso-ir-110", E_ISO8859_4}, {"iso8859-4", E_ISO8859_4},
	{"iso88594", E_ISO8859_4}, {"iso_8859-4", E_ISO8859_4},
	{"iso_8859-4:1988", E_ISO8859_4}, {"l4", E_ISO8859_4},
	{"latin4", E_ISO8859_4},
	{"csisolatincyrillic", E_ISO8859_5}, {"cyrillic", E_ISO8859_5},
	{"iso-8859-5", E_ISO8859_5}, {"iso-ir-144", E_ISO8859_5},
	{"iso8859-5", E_ISO8859_5}, {"iso88595", E_ISO8859_5},
	{"iso_8859-5", E_ISO8859_5}, {"iso_8859-5:1988", E_ISO8859_5},
	{"arabic", E_ISO8859_6}, {"asmo-708", E_ISO8859_6},
	{"csiso88596e", E_ISO8859_6}, {"csiso88596i", E_ISO8859_6},
	{"csisolatinarabic", E_ISO8859_6}, {"ecma-114", E_ISO8859_6},
	{"iso-8859-6", E_ISO8859_6}, {"iso-8859-6-e", E_ISO8859_6},
	{"iso-8859-6-i", E_ISO8859_6}, {"iso-ir-127", E_ISO8859_6},
	{"iso8859-6", E_ISO8859_6}, {"iso88596", E_ISO8859_6},
	{"iso_8859-6", E_ISO8859_6}, {"iso_8859-6:1987", E_ISO8859_6},
	{"csisolatingreek", E_ISO8859_7}, {"ecma-118", E_ISO8859_7},
	{"elot_928", E_ISO8859_7}, {"greek", E_ISO8859_7},
	{"greek8", E_ISO8859_7}, {"iso-8859-7", E_ISO8859_7},
	{"iso-ir-126", E_ISO8859_7}, {"iso8859-7", E_ISO8859_7},
	{"iso88597", E_ISO8859_7}, {"iso_8859-7", E_ISO8859_7},
	{"iso_8859-7:1987", E_ISO8859_7}, {"sun_eu_greek", E_ISO8859_7},
	{"csiso88598e", E_ISO8859_8}, {"csisolatinhebrew", E_ISO8859_8},
	{"hebrew", E_ISO8859_8}, {"iso-8859-8", E_ISO8859_8},
	{"iso-8859-8-e", E_ISO8859_8}, {"iso-ir-138", E_ISO8859_8},
	{"iso8859-8", E_ISO8859_8}, {"iso88598", E_ISO8859_8},
	{"iso_8859-8", E_ISO8859_8}, {"iso_8859-8:1988", E_ISO8859_8},
	{"visual", E_ISO8859_8},
	{"csiso88598i", E_ISO8859_8I}, {"iso-8859-8-i", E_ISO8859_8I},
	{"logical", E_ISO8859_8I},
	{"csisolatin6", E_ISO8859_10}, {"iso-8859-10", E_ISO8859_10},
	{"iso-ir-157", E_ISO8859_10}, {"iso8859-10", E_ISO8859_10},
	{"iso885910", E_ISO8859_10}, {"l6", E_ISO8859_10},
	{"latin6", E_ISO8859_10},
	{"iso-8859-13", E_ISO8859_13}, {"iso8859-13", E_ISO8859_13},
	{"iso885913", E_ISO8859_13},
	{"iso-8859-14", E_ISO8859_14}, {"iso8859-14", E_ISO8859_14},
	{"iso885914", E_ISO8859_14},
	{"csisolatin9", E_ISO8859_15}, {"iso-8859-15", E_ISO8859_15},
	{"iso8859-15", E_ISO8859_15}, {"iso885915", E_ISO8859_15},
	{"iso_8859-15", E_ISO8859_15}, {"l9", E_ISO8859_15},
	{"iso-8859-16", E_ISO8859_16},
	{"cskoi8r", E_KOI8R}, {"koi", E_KOI8R}, {"koi8", E_KOI8R},
	{"koi8-r", E_KOI8R}, {"koi8_r", E_KOI8R},
	{"koi8-ru", E_KOI8U}, {"koi8-u", E_KOI8U},
	{"csmacintosh", E_MAC}, {"mac", E_MAC}, {"macintosh", E_MAC},
	{"x-mac-roman", E_MAC},
	{"dos-874", E_WIN874}, {"iso-8859-11", E_WIN874},
	{"iso8859-11", E_WIN874}, {"iso885911", E_WIN874},
	{"tis-620", E_WIN874}, {"windows-874", E_WIN874},
	{"cp1250", E_WIN1250}, {"windows-1250", E_WIN1250},
	{"x-cp1250", E_WIN1250},
	{"cp1251", E_WIN1251}, {"windows-1251", E_WIN1251},
	{"x-cp1251", E_WIN1251},
	{"ansi_x3.4-1968", E_WIN1252}, {"ascii", E_WIN1252},
	{"cp1252", E_WIN1252}, {"cp819", E_WIN1252},
	{"csisolatin1", E_WIN1252}, {"ibm819", E_WIN1252},
	{"iso-8859-1", E_WIN1252}, {"iso-ir-100", E_WIN1252},
	{"iso8859-1", E_WIN1252}, {"iso88591", E_WIN1252},
	{"iso_8859-1", E_WIN1252}, {"iso_8859-1:1987", E_WIN1252},
	{"l1", E_WIN1252}, {"latin1", E_WIN1252}, {"us-ascii", E_WIN1252},
	{"windows-1252", E_WIN1252}, {"x-cp1252", E_WIN1252},
	{"cp1253", E_WIN1253}, {"windows-1253", E_WIN1253},
	{"x-cp1253", E_WIN1253},
	{"cp1254", E_WIN1254}, {"csisolatin5", E_WIN1254},
	{"iso-8859-9", E_WIN1254}, {"iso-ir-148", E_WIN1254},
	{"iso8859-9", E_WIN1254}, {"iso88599", E_WIN1254},
	{"iso_8859-9", E_WIN1254}, {"iso_8859-9:1989", E_WIN1254},
	{"l5", E_WIN1254}, {"latin5", E_WIN1254},
	{"windows-1254", E_WIN1254}, {"x-cp1254", E_WIN1254},
	{"cp1255", E_WIN1255}, {"windows-1255", E_WIN1255},
	{"x-cp1255", E_WIN1255},
	{"cp1256", E_WIN1256}, {"windows-1256", E_WIN1256},
	{"x-cp1256", E_WIN1256},
	{"cp1257", E_WIN1257}, {"windows-1257", E_WIN1257},
	{"x-cp1257", E_WIN1257},
	{"cp1258", E_WIN1258}, {"windows-1258", E_WIN1258},
	{"x-cp1258", E_WIN1258},
	{"x-mac-cyrillic", E_MACCYR}, {"x-mac-ukrainian", E_MACCYR},
	{"chinese", E_GBK}, {"csgb2312", E_GBK}, {"csiso58gb231280", E_GBK},
	{"gb2312", E_GBK}, {"gb_2312", E_GBK}, {"gb_2312-80", E_GBK},
	{"gbk", E_GBK}, {"iso-ir-58", E_GBK}, {"x-gbk", E_GBK},
	{"gb18030", E_GB18030},
	{"big5", E_BIG5}, {"big5-hkscs", E_BIG5}, {"cn-big5", E_BIG5},
	{"csbig5", E_BIG5}, {"x-x-big5", E_BIG5},
	{"cseucpkdfmtjapanese", E_EUCJP}, {"euc-jp", E_EUCJP},
	{"x-euc-jp", E_EUCJP},
	{"csiso2022jp", E_ISO2022JP}, {"iso-2022-jp", E_ISO2022JP},
	{"csshiftjis", E_SJIS}, {"ms932", E_SJIS}, {"ms_kanji", E_SJIS},
	{"shift-jis", E_SJIS}, {"shift_jis", E_SJIS}, {"sjis", E_SJIS},
	{"windows-31j", E_SJIS}, {"x-sjis", E_SJIS},
	{"cseuckr", E_EUCKR}, {"csksc56011987", E_EUCKR},
	{"euc-kr", E_EUCKR}, {"iso-ir-149", E_EUCKR}, {"korean", E_EUCKR},
	{"ks_c_5601-1987", E_EUCKR}, {"ks_c_5601-1989", E_EUCKR},
	{"ksc5601", E_EUCKR}, {"ksc_5601", E_EUCKR},
	{"windows-949", E_EUCKR},
	{"csiso2022kr", E_ISO2022KR}, {"iso-2022-kr", E_ISO2022KR},
	{"iso-2022-cn", E_ISO2022CN}, {"iso-2022-cn-ext", E_ISO2022CNEXT},
	{"hz-gb-2312", E_REPLACEMENT}, {"replacement", E_REPLACEMENT},
	{"unicodefffe", E_UTF16BE}, {"utf-16be", E_UTF16BE},
	{"csunicode", E_UTF16LE}, {"iso-10646-ucs-2", E_UTF16LE},
	{"ucs-2", E_UTF16LE}, {"unicode", E_UTF16LE},
	{"unicodefeff", E_UTF16LE}, {"utf-16", E_UTF16LE},
	{"utf-16le", E_UTF16LE},
	{"x-user-defined", E_USERDEF},
	/* Not WHATWG labels: names uchardet answers with. */
	{"utf-32be", E_UTF32BE}, {"utf-32le", E_UTF32LE},
	{"mac-cyrillic", E_MACCYR}, {"uhc", E_EUCKR},
};

/* What wn_to_utf8 decided to read the bytes as. */
struct pick {
	const char *name;   /* for wn_text.charset */
	const char *iconv;  /* NULL: UTF-8 */
	const char *source; /* NULL: not decided yet */
	enum enc_id id;     /* meaningful when name came from the table */
};

static void set_err(char *err, size_t errlen, const char *msg,
                    const char *arg)
{
	if (err == NULL || errlen == 0)
		return;
	if (arg)
		snprintf(err, errlen, msg, arg);
	else
		snprintf(err, errlen, "%s", msg);
}

static int is_space(unsigned char c)
{
	return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20;
}

static unsigned char to_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static int is_alpha(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static struct pick pick_of(enum enc_id id, const char *source)
{
	struct pick p = {encodings[id].name, encodings[id].iconv, source, id};
	return p;
}

/* WHATWG "get an encoding": trim ASCII whitespace, match the label table
 * ignoring case.  -1 when the label is unknown. */
static int lookup_label(const char *s, size_t n)
{
	char low[24];

	while (n > 0 && is_space((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_space((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n >= sizeof low)
		return -1;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)to_lower((unsigned char)s[i]);
	low[n] = '\0';
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].label, low) == 0)
			return (int)labels[i].enc;
	return -1;
}

/* ---- BOM and UTF-16 sniffing ---- */

/* The encoding a byte order mark names (-1: none); *len its size. */
static int sniff_bom(const unsigned char *p, size_t n, size_t *len)
{
	/* UTF-32LE before UTF-16LE: FF FE 00 00 starts with FF FE. */
	if (n >= 4 && p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0) {
		*len = 4;
		return E_UTF32LE;
	}
	if (n >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF) {
		*len = 4;
		return E_UTF32BE;
	}
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		*len = 3;
		return E_UTF8;
	}
	if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
		*len = 2;
		return E_UTF16LE;
	}
	if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		*len = 2;
		return E_UTF16BE;
	}
	return -1;
}

static int is_texty(unsigned char c)
{
	return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r'
	    || c == '\f';
}

/*
 * UTF-16 without a BOM: markup is ASCII, so the high byte of most code
 * units is zero, always on the same side, and the other byte is printable.
 * Returns E_UTF16LE, E_UTF16BE or -1.
 */
static int sniff_utf16(const unsigned char *p, size_t n)
{
	size_t zero[2] = {0, 0}, texty[2] = {0, 0};

	if (n > SNIFF_LEN)
		n = SNIFF_LEN;
	size_t pairs = n / 2;
	if (pairs < 2)
		return -1;
	for (size_t i = 0; i < pairs; i++) {
		for (int side = 0; side < 2; side++) {
			if (p[2 * i + side] != 0)
				continue;
			zero[side]++;
			texty[side] += is_texty(p[2 * i + !side]);
		}
	}
	/* side 1 zero: the low byte comes first, little-endian. */
	for (int side = 0; side < 2; side++) {
		size_t z = zero[side], other = zero[!side];
		if (z * 4 >= pairs && other * 8 <= z && texty[side] * 10 >= z * 9)
			return side ? E_UTF16LE : E_UTF16BE;
	}
	return -1;
}

/* ---- <meta> prescan (WHATWG "prescan a byte stream") ---- */

struct scan {
	const unsigned char *p;
	size_t len;
	size_t pos;
};

struct attr {
	char name[16];
	size_t nlen;      /* name bytes; > sizeof name - 1: too long to matter */
	char value[PRESCAN_LEN + 1];
	size_t vlen;
};

static void name_add(struct attr *a, unsigned char c)
{
	if (a->nlen < sizeof a->name - 1)
		a->name[a->nlen] = (char)c;
	a->nlen++;
}

static int name_is(const struct attr *a, const char *s)
{
	size_t n = strlen(s);
	return a->nlen == n && memcmp(a->name, s, n) == 0;
}

static void value_add(struct attr *a, unsigned char c)
{
	if (a->vlen < sizeof a->value - 1)
		a->value[a->vlen++] = (char)to_lower(c);
}

/* A quoted value ends at its quote; an unquoted one at space or '>'. */
static int attr_value(struct scan *s, struct attr *a, size_t i)
{
	const unsigned char *p = s->p;
	size_t n = s->len;

	while (i < n && is_space(p[i]))
		i++;
	if (i >= n)
		return 0;
	if (p[i] == '"' || p[i] == '\'') {
		unsigned char q = p[i];
		for (i++; i < n; i++) {
			if (p[i] == q) {
				s->pos = i + 1;
				return 1;
			}
			value_add(a, p[i]);
		}
		return 0;
	}
	for (; i < n; i++) {
		if (is_space(p[i]) || p[i] == '>') {
			s->pos = i;
			return 1;
		}
		value_add(a, p[i]);
	}
	return 0;
}

/*
 * WHATWG "get an attribute".  1 with *a filled, 0 when there is none:
 * s->pos is then at the '>' or, when the scan ran out of bytes in the
 * middle of an attribute, at the end (an attribute cut by the 1024-byte
 * limit does not count).
 */
static int get_attr(struct scan *s, struct attr *a)
{
	const unsigned char *p = s->p;
	size_t n = s->len, i = s->pos;

	a->nlen = a->vlen = 0;
	while (i < n && (is_space(p[i]) || p[i] == '/'))
		i++;
	if (i < n && p[i] == '>') {
		s->pos = i;
		return 0;
	}
	for (; i < n; i++) {
		unsigned char c = p[i];
		if (c == '=' && a->nlen > 0) {
			if (attr_value(s, a, i + 1))
				return 1;
			break;
		}
		if (is_space(c)) {
			while (i < n && is_space(p[i]))
				i++;
			if (i < n && p[i] != '=') {
				s->pos = i; /* a name without a value */
				return 1;
			}
			if (i < n && attr_value(s, a, i + 1))
				return 1;
			break;
		}
		if (c == '/' || c == '>') {
			s->pos = i;
			return 1;
		}
		name_add(a, to_lower(c));
	}
	s->pos = n;
	return 0;
}

/* ASCII case-insensitive search for the lower-case word w in v. */
static const char *find_word(const char *v, size_t n, const char *w)
{
	size_t wn = strlen(w);

	for (size_t i = 0; i + wn <= n; i++) {
		size_t k = 0;
		while (k < wn && to_lower((unsigned char)v[i + k]) == w[k])
			k++;
		if (k == wn)
			return v + i;
	}
	return NULL;
}

/* WHATWG "extract a character encoding from a meta element". */
static int from_content(const char *v, size_t n)
{
	size_t i = 0;

	for (;;) {
		const char *c = find_word(v + i, n - i, "charset");
		if (c == NULL)
			return -1;
		i = (size_t)(c - v) + 7;
		while (i < n && is_space((unsigned char)v[i]))
			i++;
		if (i >= n || v[i] != '=')
			continue;
		i++;
		while (i < n && is_space((unsigned char)v[i]))
			i++;
		if (i >= n)
			return -1;
		if (v[i] == '"' || v[i] == '\'') {
			const char *end = memchr(v + i + 1, v[i], n - i - 1);
			if (end == NULL)
				return -1;
			return lookup_label(v + i + 1, (size_t)(end - (v + i + 1)));
		}
		size_t j = i;
		while (j < n && !is_space((unsigned char)v[j]) && v[j] != ';')
			j++;
		return lookup_label(v + i, j - i);
	}
}

/* The attributes of one <meta>: the encoding it declares, or -1. */
static int scan_meta(struct scan *s)
{
	struct attr a;
	int seen_equiv = 0, seen_content = 0, seen_charset = 0;
	int got_pragma = 0, need_pragma = -1, charset_set = 0, charset = -1;

	while (get_attr(s, &a)) {
		if (name_is(&a, "http-equiv") && !seen_equiv) {
			seen_equiv = 1;
			if (a.vlen == 12 && memcmp(a.value, "content-type", 12) == 0)
				got_pragma = 1;
		} else if (name_is(&a, "content") && !seen_content) {
			seen_content = 1;
			int e = from_content(a.value, a.vlen);
			if (e >= 0 && !charset_set) {
				charset = e;
				charset_set = 1;
				need_pragma = 1;
			}
		} else if (name_is(&a, "charset") && !seen_charset) {
			seen_charset = 1;
			if (!charset_set) {
				charset = lookup_label(a.value, a.vlen);
				charset_set = 1;
				need_pragma = 0;
			}
		}
	}
	if (need_pragma < 0 || (need_pragma == 1 && !got_pragma) || charset < 0)
		return -1;
	/* hz-gb-2312 has no glibc converter: carry on as if unknown. */
	if (charset == E_REPLACEMENT)
		return -1;
	/* A page whose bytes could be read as ASCII to find this <meta> is
	 * not UTF-16, whatever it says. */
	if (charset == E_UTF16LE || charset == E_UTF16BE)
		return E_UTF8;
	if (charset == E_USERDEF)
		return E_WIN1252;
	return charset;
}

/* Index of the first '>' at or after from, or n. */
static size_t skip_to_gt(const unsigned char *p, size_t n, size_t from)
{
	const unsigned char *gt = from < n ? memchr(p + from, '>', n - from) : NULL;
	return gt ? (size_t)(gt - p) : n;
}

static int at_meta(const unsigned char *q, size_t left)
{
	static const char word[] = "<meta";

	if (left < 6)
		return 0;
	for (size_t i = 0; i < 5; i++)
		if (to_lower(q[i]) != (unsigned char)word[i])
			return 0;
	return is_space(q[5]) || q[5] == '/';
}

/* The encoding a <meta> in the first 1024 bytes declares, or -1. */
static int prescan(const unsigned char *p, size_t len)
{
	struct scan s = {p, len < PRESCAN_LEN ? len : PRESCAN_LEN, 0};
	size_t n = s.len;

	while (s.pos < n) {
		const unsigned char *q = p + s.pos;
		size_t left = n - s.pos;
		if (left >= 4 && memcmp(q, "<!--", 4) == 0) {
			/* Ends at "-->"; the dashes may be those of "<!--",
			 * so "<!-->" is a whole comment. */
			size_t j = s.pos + 4;
			while (j < n && !(p[j] == '>' && p[j - 1] == '-'
			                  && p[j - 2] == '-'))
				j++;
			s.pos = j + 1;
		} else if (at_meta(q, left)) {
			s.pos += 6;
			int e = scan_meta(&s);
			if (e >= 0)
				return e;
			s.pos++;
		} else if (left >= 2 && q[0] == '<' && (is_alpha(q[1])
		           || (left >= 3 && q[1] == '/' && is_alpha(q[2])))) {
			/* Any other tag: its attributes are skipped one by
			 * one, so a '>' inside a quoted value does not end it. */
			struct attr a;
			while (s.pos < n && !is_space(p[s.pos]) && p[s.pos] != '>')
				s.pos++;
			while (get_attr(&s, &a))
				;
			s.pos++;
		} else if (left >= 2 && q[0] == '<'
		           && (q[1] == '!' || q[1] == '/' || q[1] == '?')) {
			s.pos = skip_to_gt(p, n, s.pos + 2) + 1;
		} else {
			s.pos++;
		}
	}
	return -1;
}

/* ---- UTF-8 ---- */

#define HIGH8 0x8080808080808080ull
#define ONES8 0x0101010101010101ull

/*
 * Length of the well-formed UTF-8 sequence at p (Unicode table 3-7), or 0
 * when it is ill-formed: *bad then gets the length of its maximal subpart,
 * which becomes one U+FFFD (as WHATWG's decoder does).
 */
static size_t utf8_seq(const unsigned char *p, size_t left, size_t *bad)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xBF;
	size_t need;

	if (c < 0x80)
		return 1;
	if (c < 0xC2 || c > 0xF4) {
		*bad = 1;
		return 0;
	}
	if (c < 0xE0) {
		need = 1;
	} else if (c < 0xF0) {
		need = 2;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F; /* no surrogates */
	} else {
		need = 3;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F; /* nothing above U+10FFFF */
	}
	for (size_t k = 1; k <= need; k++) {
		if (k >= left || p[k] < lo || p[k] > hi) {
			*bad = k;
			return 0;
		}
		lo = 0x80;
		hi = 0xBF;
	}
	return need + 1;
}

/*
 * Copies in to out while it is well-formed UTF-8, dropping NULs, and stops
 * at the first ill-formed sequence.  Returns the input bytes consumed;
 * *olen gets the bytes written (never more than consumed) and *mb counts
 * the multibyte characters.  Runs of 8 ASCII bytes without a NUL are
 * checked and copied as one word: HTML is mostly markup.
 */
static size_t utf8_copy(const unsigned char *in, size_t len, char *out,
                        size_t *olen, size_t *mb)
{
	size_t i = 0, o = 0;

	for (;;) {
		while (len - i >= 8) {
			uint64_t w;
			memcpy(&w, in + i, 8);
			/* Any high bit, or (with none) any zero byte. */
			if ((w & HIGH8) || ((w - ONES8) & HIGH8))
				break;
			memcpy(out + o, &w, 8);
			i += 8;
			o += 8;
		}
		if (i >= len)
			break;
		unsigned char c = in[i];
		if (c < 0x80) {
			if (c != 0)
				out[o++] = (char)c;
			i++;
			continue;
		}
		size_t bad, n = utf8_seq(in + i, len - i, &bad);
		if (n == 0)
			break;
		for (size_t k = 0; k < n; k++)
			out[o++] = (char)in[i + k];
		i += n;
		(*mb)++;
	}
	*olen = o;
	return i;
}

/* What a pass over (possibly ill-formed) UTF-8 found. */
struct u8stats {
	size_t mb;       /* well-formed multibyte characters */
	size_t bad;      /* ill-formed subparts, each one U+FFFD */
	size_t badbytes; /* bytes in them */
};

static void utf8_scan(const unsigned char *in, size_t len, struct u8stats *st)
{
	size_t i = 0;

	while (i < len) {
		while (len - i >= 8) {
			uint64_t w;
			memcpy(&w, in + i, 8);
			if (w & HIGH8)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (in[i] < 0x80) {
			i++;
			continue;
		}
		size_t bad, n = utf8_seq(in + i, len - i, &bad);
		if (n > 0) {
			st->mb++;
			i += n;
		} else {
			st->bad++;
			st->badbytes += bad;
			i += bad;
		}
	}
}

/* Decodes ill-formed UTF-8 into out, which has room for what utf8_scan
 * counted; returns the bytes written. */
static size_t utf8_repair(const unsigned char *in, size_t len, char *out)
{
	size_t i = 0, o = 0;

	while (i < len) {
		size_t olen, mb = 0, bad = 1;
		i += utf8_copy(in + i, len - i, out + o, &olen, &mb);
		o += olen;
		if (i >= len)
			break;
		utf8_seq(in + i, len - i, &bad);
		memcpy(out + o, REPLACEMENT, 3);
		o += 3;
		i += bad;
	}
	return o;
}

/*
 * A UTF-8 decode under way: the fast copy ran into the first ill-formed
 * byte at in[done] (done == len when there was none).  Kept so that the
 * caller can look at the statistics before deciding whether to repair it
 * or read the page as something else.
 */
struct u8try {
	char *buf;     /* len + 1 bytes */
	size_t olen;   /* bytes in buf */
	size_t done;   /* input bytes copied */
	size_t mb;
	struct u8stats rest; /* of in[done..len), when done < len */
	int rival;     /* the page is read as the pick instead only when that
	                * gives fewer U+FFFD (see check_meta_utf8) */
	const char *declared; /* the source of the UTF-8 that the pick rivals:
	                       * "meta" or "http" */
};

static wn_status utf8_try(const unsigned char *in, size_t len,
                          struct u8try *t)
{
	memset(t, 0, sizeof *t);
	t->buf = malloc(len + 1);
	if (t->buf == NULL)
		return WN_ERR_NOMEM;
	t->done = utf8_copy(in, len, t->buf, &t->olen, &t->mb);
	if (t->done < len)
		utf8_scan(in + t->done, len - t->done, &t->rest);
	return WN_OK;
}

/* Finishes a utf8_try, with U+FFFD for every ill-formed subpart. */
static wn_status utf8_finish(const unsigned char *in, size_t len,
                             struct u8try *t)
{
	if (t->done < len) {
		const struct u8stats *st = &t->rest;
		/* Each bad subpart of k >= 1 bytes grows to 3 bytes. */
		if (st->bad > (SIZE_MAX - len) / 3)
			return WN_ERR_NOMEM;
		size_t need = t->olen + (len - t->done) - st->badbytes
		    + 3 * st->bad + 1;
		char *nb = realloc(t->buf, need);
		if (nb == NULL)
			return WN_ERR_NOMEM;
		t->buf = nb;
		t->olen += utf8_repair(in + t->done, len - t->done,
		                       t->buf + t->olen);
		t->done = len;
	}
	t->buf[t->olen] = '\0';
	return WN_OK;
}

/* ---- iconv ---- */

/* Output room that fits any one character iconv can emit (BIG5-HKSCS
 * and CP1258 may emit two code points for one). */
#define ROOM 64

static int grow(char **buf, size_t *cap, char **op, size_t *oleft)
{
	size_t used = (size_t)(*op - *buf);

	if (*cap > SIZE_MAX / 2)
		return -1;
	size_t ncap = *cap * 2;
	char *nb = realloc(*buf, ncap);
	if (nb == NULL)
		return -1;
	*buf = nb;
	*cap = ncap;
	*op = nb + used;
	*oleft = ncap - used - 1; /* room for the NUL */
	return 0;
}

/* The text an undecodable byte becomes.  WHATWG's gb18030 decoder reads a
 * lone 0x80 as the euro sign (as CP936 does); glibc's GB18030 rejects it. */
static const char *undecodable(unsigned char byte, const char *from)
{
	if (byte == 0x80 && strcmp(from, "GB18030") == 0)
		return "\xE2\x82\xAC";
	return REPLACEMENT;
}

/*
 * Converts with iconv, U+FFFD for each code unit (unit bytes) it cannot
 * decode, counted in *replaced: a lone surrogate in UTF-16 must not throw
 * the rest of the page out of step by one byte.  The buffer starts at 1.5 times the input,
 * which covers UTF-16, the CJK double-byte encodings and mostly-ASCII
 * single-byte pages, and doubles on E2BIG.  Every pass round the loop
 * consumes input or grows the buffer, so it ends.  WN_ERR_ENCODING when
 * iconv has no such converter.
 */
static wn_status convert(const char *from, size_t unit,
                         const unsigned char *in, size_t len, char **out,
                         size_t *olen, size_t *replaced)
{
	*replaced = 0;
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return errno == ENOMEM ? WN_ERR_NOMEM : WN_ERR_ENCODING;
	if (len > SIZE_MAX / 2 - 64) {
		iconv_close(cd);
		return WN_ERR_NOMEM;
	}
	size_t cap = len + len / 2 + ROOM;
	char *buf = malloc(cap);
	if (buf == NULL) {
		iconv_close(cd);
		return WN_ERR_NOMEM;
	}
	char *ip = (char *)(uintptr_t)in, *op = buf;
	size_t ileft = len, oleft = cap - 1;
	wn_status rc = WN_OK;
	while (ileft > 0) {
		if (iconv(cd, &ip, &ileft, &op, &oleft) != (size_t)-1)
			break;
		/* E2BIG with room for any character is not about room. */
		if (errno == E2BIG && oleft < ROOM) {
			if (grow(&buf, &cap, &op, &oleft) != 0) {
				rc = WN_ERR_NOMEM;
				break;
			}
			continue;
		}
		/* EILSEQ, EINVAL (cut at the end) or anything else: skip a
		 * byte and say so.  The shift state is kept: resetting it
		 * in the middle of ISO-2022-JP kanji would garble the rest. */
		if (oleft < ROOM && grow(&buf, &cap, &op, &oleft) != 0) {
			rc = WN_ERR_NOMEM;
			break;
		}
		const char *r = undecodable((unsigned char)*ip, from);
		size_t rn = strlen(r);
		*replaced += r == REPLACEMENT;
		memcpy(op, r, rn);
		op += rn;
		oleft -= rn;
		size_t skip = unit < ileft ? unit : ileft;
		ip += skip;
		ileft -= skip;
	}
	/* Stateful encodings (ISO-2022-*) may hold a character back. */
	while (rc == WN_OK && iconv(cd, NULL, NULL, &op, &oleft) == (size_t)-1
	       && errno == E2BIG) {
		if (grow(&buf, &cap, &op, &oleft) != 0)
			rc = WN_ERR_NOMEM;
	}
	iconv_close(cd);
	if (rc != WN_OK) {
		free(buf);
		return rc;
	}
	*olen = (size_t)(op - buf);
	buf[*olen] = '\0';
	*out = buf;
	return WN_OK;
}

/* ---- detection ---- */

static size_t first_high(const unsigned char *in, size_t len)
{
	size_t i = 0;

	while (len - i >= 8) {
		uint64_t w;
		memcpy(&w, in + i, 8);
		if (w & HIGH8)
			break;
		i += 8;
	}
	while (i < len && in[i] < 0x80)
		i++;
	return i;
}

/*
 * What uchardet makes of the page, as a table encoding, or -1 when it
 * has no opinion (nothing, ASCII, or a UTF-16/32 guess without a BOM,
 * which sniff_utf16 judges better).  It sees up to DETECT_LEN bytes from
 * a little before the first non-ASCII byte: a long ASCII <head> of
 * scripts and styles would otherwise leave it nothing to judge.  Its answer is copied into
 * name (size namelen) for encodings outside the table that iconv has.
 */
static wn_status detect(const unsigned char *in, size_t len, size_t from,
                        int *enc, char *name, size_t namelen)
{
	*enc = -1;
	name[0] = '\0';
	uchardet_t ud = uchardet_new();
	if (ud == NULL)
		return WN_ERR_NOMEM;
	size_t start = from > DETECT_LEAD && from < len ? from - DETECT_LEAD : 0;
	size_t n = len - start < DETECT_LEN ? len - start : DETECT_LEN;
	if (uchardet_handle_data(ud, (const char *)in + start, n) == 0) {
		uchardet_data_end(ud);
		const char *cs = uchardet_get_charset(ud);
		if (cs != NULL && strlen(cs) < namelen)
			strcpy(name, cs);
	}
	uchardet_delete(ud);
	if (name[0] == '\0' || strcmp(name, "ASCII") == 0
	    || strncmp(name, "UTF-16", 6) == 0 || strncmp(name, "UTF-32", 6) == 0
	    || strncmp(name, "X-ISO-10646", 11) == 0) {
		name[0] = '\0';
		return WN_OK;
	}
	*enc = lookup_label(name, strlen(name));
	if (*enc == E_REPLACEMENT)
		*enc = -1;
	if (*enc >= 0)
		name[0] = '\0';
	return WN_OK;
}

/*
 * Ill-formed UTF-8 that is still UTF-8: a few stray bytes (a latin1 ©
 * pasted into a footer) among many well-formed multibyte characters.
 * Text in a legacy encoding makes well-formed sequences only by accident
 * (about one pair in ten of EUC-KR text, none in most Latin text), far
 * fewer than the bytes it gets wrong.  When uchardet has no opinion, a
 * clear majority is enough; against uchardet or a <meta> (detected ==
 * -2), the evidence must be overwhelming.  uchardet answering UTF-8 is
 * taken by the caller as it stands.
 */
static int mostly_utf8(const struct u8try *t, int detected)
{
	size_t mb = t->mb + t->rest.mb, bad = t->rest.bad;

	if (bad > SIZE_MAX / 16)
		return 0;
	if (detected == -1)
		return mb >= 2 * bad;
	return mb >= 16 * bad;
}

/* ---- the pipeline ---- */

/* Drops NUL bytes in place. */
static size_t drop_nuls(char *s, size_t n)
{
	char *z = memchr(s, '\0', n);
	if (z == NULL)
		return n;
	size_t o = (size_t)(z - s);
	for (size_t i = o + 1; i < n; i++)
		if (s[i] != '\0')
			s[o++] = s[i];
	s[o] = '\0';
	return o;
}

static size_t drop_bom(char *s, size_t n)
{
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		memmove(s, s + 3, n - 3 + 1);
		return n - 3;
	}
	return n;
}

/* Pure ASCII reads the same in every encoding of the table except UTF-16,
 * UTF-32 and ISO-2022, whose ESC, SO and SI bytes switch character sets
 * (checked against glibc for bytes 01-7F). */
static int ascii_same(const struct pick *pk)
{
	switch (pk->id) {
	case E_UTF16LE: case E_UTF16BE: case E_UTF32LE: case E_UTF32BE:
	case E_ISO2022JP: case E_ISO2022KR: case E_ISO2022CN:
	case E_ISO2022CNEXT:
		return 0;
	default:
		return 1;
	}
}

/* The override: a WHATWG label, or else any name iconv knows. */
static wn_status pick_override(const char *name, struct pick *pk, char *err,
                               size_t errlen)
{
	/* iconv reads a name without letters or digits ("", "!!!") as the
	 * locale's charset: that is no name. */
	int alnum = 0;
	for (const char *c = name; *c; c++)
		alnum |= isalnum((unsigned char)*c) != 0;
	if (!alnum) {
		set_err(err, errlen, "unknown encoding '%s'", name);
		return WN_ERR_ENCODING;
	}
	int e = lookup_label(name, strlen(name));
	if (e >= 0 && e != E_REPLACEMENT) {
		*pk = pick_of((enum enc_id)e, "option");
		return WN_OK;
	}
	iconv_t cd = e < 0 ? iconv_open("UTF-8", name) : (iconv_t)-1;
	if (cd == (iconv_t)-1) {
		set_err(err, errlen, "unknown encoding '%s'", name);
		return WN_ERR_ENCODING;
	}
	iconv_close(cd);
	pk->name = name;
	pk->iconv = name;
	pk->source = "option";
	pk->id = E_OTHER;
	return WN_OK;
}

/* What uchardet said (see detect), or windows-1252 when nothing. */
static void pick_detected(int e, const char *name, struct pick *pk)
{
	if (e >= 0) {
		*pk = pick_of((enum enc_id)e, "detected");
	} else if (name[0] != '\0') {
		pk->name = pk->iconv = name; /* checked by convert() */
		pk->source = "detected";
		pk->id = E_OTHER;
	} else {
		*pk = pick_of(E_WIN1252, "default");
	}
}

/*
 * The page had no override, BOM or <meta>: UTF-16 by its NULs, UTF-8 when
 * it is well-formed (or nearly, see mostly_utf8), else uchardet's answer,
 * else windows-1252.  *t holds the UTF-8 attempt; t->buf is NULL when the
 * caller must convert with *pk instead.
 */
static wn_status choose(const unsigned char *in, size_t len, struct pick *pk,
                        char *name, size_t namelen, struct u8try *t)
{
	int e = sniff_utf16(in, len);
	if (e >= 0) {
		*pk = pick_of((enum enc_id)e, "detected");
		return WN_OK;
	}
	wn_status rc = utf8_try(in, len, t);
	if (rc != WN_OK)
		return rc;
	if (t->done == len && t->mb > 0) {
		*pk = pick_of(E_UTF8, "detected");
		return WN_OK;
	}
	/* Pure ASCII is UTF-8 unless its escapes are ISO-2022's. */
	int escapes = t->done == len && memchr(in, 0x1B, len) != NULL;
	if (t->done == len && !escapes) {
		*pk = pick_of(E_UTF8, "default");
		return WN_OK;
	}
	rc = detect(in, len, first_high(in, len), &e, name, namelen);
	if (rc != WN_OK)
		return rc;
	int iso2022 = e == E_ISO2022JP || e == E_ISO2022KR || e == E_ISO2022CN;
	if (escapes && !iso2022) {
		*pk = pick_of(E_UTF8, "default");
		return WN_OK;
	}
	if (!escapes && (e == E_UTF8 || mostly_utf8(t, e))) {
		*pk = pick_of(E_UTF8, "detected");
		return WN_OK;
	}
	free(t->buf);
	t->buf = NULL;
	pick_detected(e, name, pk);
	return WN_OK;
}

/*
 * A <meta> named a legacy encoding: believe it unless the page is UTF-8
 * with multibyte characters, well-formed or nearly (see the top of the
 * file).  Pure ASCII is kept as copied, since it reads the same either way.
 */
static wn_status check_meta(const unsigned char *in, size_t len,
                            struct pick *pk, struct u8try *t)
{
	wn_status rc = utf8_try(in, len, t);
	if (rc != WN_OK)
		return rc;
	if ((t->done == len && t->mb > 0)
	    || (t->done < len && mostly_utf8(t, -2))) {
		*pk = pick_of(E_UTF8, "detected");
		return WN_OK;
	}
	if (t->done == len && ascii_same(pk))
		return WN_OK;
	free(t->buf);
	t->buf = NULL;
	return WN_OK;
}

/*
 * A <meta> named UTF-8, which WHATWG believes without looking: believe it
 * unless the bytes plainly say otherwise.  A page whose ill-formed
 * sequences outnumber its well-formed multibyte characters (a Latin-1 page
 * under a template's <meta charset=utf-8> has one per accent and none
 * well-formed) goes to detection: uchardet's answer, else windows-1252,
 * which decode_as takes only when it decodes the page with fewer U+FFFD
 * than UTF-8 does.  A few stray bytes among plenty of UTF-8 stay U+FFFD,
 * and a valid or ASCII page is never looked at twice.  One pass over the
 * page here, DETECT_LEN bytes for uchardet, one more in decode_as.
 */
static wn_status check_meta_utf8(const unsigned char *in, size_t len,
                                 struct pick *pk, char *name, size_t namelen,
                                 struct u8try *t)
{
	wn_status rc = utf8_try(in, len, t);
	if (rc != WN_OK || t->done == len || t->rest.bad <= t->mb + t->rest.mb)
		return rc;
	int e;
	rc = detect(in, len, first_high(in, len), &e, name, namelen);
	if (rc != WN_OK || e == E_UTF8)
		return rc;
	const char *declared = pk->source;
	pick_detected(e, name, pk);
	pk->source = "detected"; /* the bytes overruled the declaration */
	t->rival = 1;
	t->declared = declared;
	return WN_OK;
}

/* Bytes per code unit, the least an undecodable sequence can take. */
static size_t unit_of(const struct pick *pk)
{
	switch (pk->id) {
	case E_UTF16LE: case E_UTF16BE:
		return 2;
	case E_UTF32LE: case E_UTF32BE:
		return 4;
	default:
		return 1;
	}
}

/* A declared encoding e (from source "http" or "meta"), checked against
 * the bytes as check_meta and check_meta_utf8 do. */
static wn_status check_declared(const unsigned char *in, size_t len, int e,
                                const char *source, struct pick *pk, struct u8try *t,
                                char *name, size_t namelen)
{
	*pk = pick_of((enum enc_id)e, source);
	return e == E_UTF8 ? check_meta_utf8(in, len, pk, name, namelen, t)
	                   : check_meta(in, len, pk, t);
}

/*
 * Steps 1 to 4: the override, a BOM (its length in *bom), the transport's
 * charset (an HTTP header's, when it names a WHATWG label; another name
 * is ignored, as browsers do), a <meta>, or detection.  When the choice
 * involved a UTF-8 attempt, t->buf holds it.
 */
static wn_status pick_encoding(const unsigned char *in, size_t len,
                               const char *override, const char *http,
                               struct pick *pk, size_t *bom, struct u8try *t,
                               char *name, size_t namelen, char *err, size_t errlen)
{
	int e;

	if (override != NULL)
		return pick_override(override, pk, err, errlen);
	if ((e = sniff_bom(in, len, bom)) >= 0) {
		*pk = pick_of((enum enc_id)e, "bom");
		return WN_OK;
	}
	if (http != NULL && (e = lookup_label(http, strlen(http))) >= 0 && e != E_REPLACEMENT)
		return check_declared(in, len, e, "http", pk, t, name, namelen);
	if ((e = prescan(in, len)) >= 0)
		return check_declared(in, len, e, "meta", pk, t, name, namelen);
	return choose(in, len, pk, name, namelen, t);
}

/* The UTF-8 attempt in t, finished, as the text. */
static wn_status take_utf8(const unsigned char *in, size_t len,
                           struct u8try *t, char **text, size_t *tlen)
{
	wn_status rc = utf8_finish(in, len, t);
	if (rc != WN_OK)
		return rc;
	*text = t->buf;
	*tlen = t->olen;
	t->buf = NULL;
	return WN_OK;
}

/* Step 5: the text, NUL-free and NUL-terminated, in *text. */
static wn_status decode_as(struct pick *pk, const unsigned char *in,
                           size_t len, struct u8try *t, char **text,
                           size_t *tlen)
{
	wn_status rc;
	size_t replaced;

	if (t->buf == NULL && pk->iconv == NULL) {
		rc = utf8_try(in, len, t);
		if (rc != WN_OK)
			return rc;
	}
	if (t->buf != NULL && !t->rival)
		return take_utf8(in, len, t, text, tlen);
	rc = convert(pk->iconv, unit_of(pk), in, len, text, tlen, &replaced);
	if (rc == WN_ERR_ENCODING && strcmp(pk->source, "detected") == 0) {
		/* uchardet named something iconv lacks. */
		*pk = pick_of(E_WIN1252, t->rival ? "detected" : "default");
		rc = convert(pk->iconv, 1, in, len, text, tlen, &replaced);
	}
	if (rc == WN_OK && t->rival && replaced >= t->rest.bad) {
		/* no better than the declared UTF-8: that stands */
		free(*text);
		*pk = pick_of(E_UTF8, t->declared);
		return take_utf8(in, len, t, text, tlen);
	}
	if (rc == WN_OK && t->rival) {
		free(t->buf);
		t->buf = NULL;
	}
	if (rc == WN_OK)
		*tlen = drop_nuls(*text, *tlen);
	return rc;
}

wn_status wn_to_utf8(const void *buf, size_t len, const char *override,
                     const char *http, struct wn_text *out, char *err, size_t errlen)
{
	const unsigned char *in = buf;
	struct pick pk = {NULL, NULL, NULL, E_OTHER};
	struct u8try t = {NULL, 0, 0, 0, {0, 0, 0}, 0, NULL};
	char detected[48];
	char *text = NULL;
	size_t bom = 0, tlen = 0;

	if (out == NULL || (in == NULL && len > 0)) {
		set_err(err, errlen, "invalid argument", NULL);
		return WN_ERR_ARG;
	}
	if (in == NULL)
		in = (const unsigned char *)"";
	wn_status rc = pick_encoding(in, len, override, http, &pk, &bom, &t, detected,
	                             sizeof detected, err, errlen);
	if (rc == WN_OK)
		rc = decode_as(&pk, in + bom, len - bom, &t, &text, &tlen);
	free(t.buf); /* still set only on failure */
	if (rc == WN_ERR_NOMEM)
		set_err(err, errlen, "out of memory", NULL);
	else if (rc == WN_ERR_ENCODING && pk.name != NULL)
		set_err(err, errlen, "no converter for '%s'", pk.name);
	if (rc != WN_OK)
		return rc;
	out->data = text;
	out->len = drop_bom(text, tlen);
	snprintf(out->charset, sizeof out->charset, "%s", pk.name);
	out->source = pk.source;
	return WN_OK;
}

void wn_text_free(struct wn_text *t)
{
	if (t == NULL)
		return;
	free(t->data);
	t->data = NULL;
	t->len = 0;
}

/* ---- binary sniffing ---- */

/* File signatures of formats that are never a page, whatever their first
 * KB looks like (a PDF can start with several KB of plain text). */
static int has_magic(const unsigned char *p, size_t n)
{
	static const struct {
		const char *magic;
		size_t len;
	} sigs[] = {
		{"\x89PNG\r\n\x1a\n", 8}, {"GIF87a", 6}, {"GIF89a", 6},
		{"\xFF\xD8\xFF", 3}, {"%PDF-", 5}, {"\x7F" "ELF", 4},
		{"\x1F\x8B", 2}, {"PK\x03\x04", 4}, {"\xFD" "7zXZ\x00", 6},
		{"\x28\xB5\x2F\xFD", 4}, {"7z\xBC\xAF\x27\x1C", 6},
		{"OggS", 4}, {"wOFF", 4}, {"wOF2", 4},
		{"\x00" "asm", 4}, {"\xCA\xFE\xBA\xBE", 4},
		{"\xCF\xFA\xED\xFE", 4},
	};

	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (n >= sigs[i].len && memcmp(p, sigs[i].magic, sigs[i].len) == 0)
			return 1;
	/* "BZh" could start a text; bzip2 also has its block magic. */
	return n >= 10 && memcmp(p, "BZh", 3) == 0
	    && memcmp(p + 4, "1AY&SY", 6) == 0;
}

/*
 * Text, even with a stray NUL or two, has almost no control bytes; random
 * or compressed data has about 10% (27 of 256 values), executables and
 * images many NULs.
 */
int wn_looks_binary(const void *buf, size_t len)
{
	const unsigned char *p = buf;
	size_t bom, nul = 0, ctl = 0;

	if (p == NULL || len == 0)
		return 0;
	size_t n = len < BINARY_LEN ? len : BINARY_LEN;
	if (sniff_bom(p, n, &bom) >= 0 || sniff_utf16(p, n) >= 0)
		return 0;
	if (has_magic(p, n))
		return 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];
		if (c == 0)
			nul++;
		else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\v'
		          && c != '\f' && c != '\r' && c != 0x1B) || c == 0x7F)
			ctl++;
	}
	if (nul > 4 && nul * 100 > n)
		return 1;
	return (nul + ctl) * 20 > n && nul + ctl > 4;
}
