/*
 * test_encoding.c - the first stage: charset choice, conversion to UTF-8,
 * binary sniffing and gunzip (src/encoding.c, src/gunzip.c).
 *
 * Run from the source root (meson sets workdir) so that fixtures/ is found.
 * Hex escapes in the strings below are cut off with "" where a hex digit
 * follows: "\xE9" "b", not "\xE9b".
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <zlib.h>

#include "encoding.h"

#define FFFD "\xEF\xBF\xBD"

/* ---- helpers ---- */

static int valid_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned char c = p[i];
		size_t k;
		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			k = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			k = 2;
		else if (c >= 0xF0 && c <= 0xF4)
			k = 3;
		else
			return 0;
		for (size_t j = 1; j <= k; j++)
			if (i + j >= n || (p[i + j] & 0xC0) != 0x80)
				return 0;
		i += k + 1;
	}
	return 1;
}

/* Decodes and checks the invariants every result must have. */
static void decode(const void *buf, size_t len, const char *override,
                   struct wn_text *t)
{
	char err[128] = "";
	wn_status rc = wn_to_utf8(buf, len, override, NULL, t, err, sizeof err);
	ck_assert_msg(rc == WN_OK, "wn_to_utf8: %d %s", (int)rc, err);
	ck_assert_ptr_nonnull(t->data);
	ck_assert_uint_eq(strlen(t->data), t->len);
	ck_assert_msg(valid_utf8(t->data, t->len), "output is not UTF-8");
	ck_assert_msg(t->len < 3 || memcmp(t->data, "\xEF\xBB\xBF", 3) != 0,
	              "BOM left in the output");
	ck_assert_ptr_nonnull(t->source);
}

/* Decodes s and checks the result against want, charset and source. */
static void expect(const void *in, size_t len, const char *override,
                   const char *want, const char *charset, const char *source)
{
	struct wn_text t;
	decode(in, len, override, &t);
	ck_assert_str_eq(t.charset, charset);
	ck_assert_str_eq(t.source, source);
	if (want != NULL)
		ck_assert_str_eq(t.data, want);
	wn_text_free(&t);
}

static void expect_str(const char *in, const char *want, const char *charset,
                       const char *source)
{
	expect(in, strlen(in), NULL, want, charset, source);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s (run from the source root)",
	              path);
	char *buf = NULL;
	size_t cap = 0, n = 0, got;
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			char *nb = realloc(buf, cap + 1);
			ck_assert_ptr_nonnull(nb);
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Pads s with markup to exactly len bytes (len > strlen(s) + 8). */
static char *filler(size_t len)
{
	char *s = malloc(len + 1);
	ck_assert_ptr_nonnull(s);
	memset(s, 'x', len);
	memcpy(s, "<p>", 3);
	memcpy(s + len - 4, "</p>", 4);
	s[len] = '\0';
	return s;
}

/* ---- BOM ---- */

START_TEST(bom_utf8)
{
	expect_str("\xEF\xBB\xBF<p>h\xC3\xA9llo</p>", "<p>h\xC3\xA9llo</p>",
	           "UTF-8", "bom");
}
END_TEST

START_TEST(bom_utf16le)
{
	static const char in[] = "\xFF\xFE<\0p\0>\0\xE9\0\x3D\xD8\x00\xDE";
	/* <p>é😀: the emoji as a surrogate pair. */
	expect(in, sizeof in - 1, NULL, "<p>\xC3\xA9\xF0\x9F\x98\x80",
	       "UTF-16LE", "bom");
}
END_TEST

START_TEST(bom_utf16be)
{
	static const char in[] = "\xFE\xFF\0<\0p\0>\0\xE9";
	expect(in, sizeof in - 1, NULL, "<p>\xC3\xA9", "UTF-16BE", "bom");
}
END_TEST

START_TEST(bom_utf16_lone_surrogates)
{
	/* One U+FFFD each, and the code units after them stay in step. */
	static const char le[] = "\xFF\xFE" "a\0\0\xD8" "b\0c\0\0\xDC" "d\0";
	expect(le, sizeof le - 1, NULL, "a" FFFD "bc" FFFD "d", "UTF-16LE",
	       "bom");
	static const char be[] = "\xFE\xFF\0a\xD8\0\0b";
	expect(be, sizeof be - 1, NULL, "a" FFFD "b", "UTF-16BE", "bom");
}
END_TEST

START_TEST(bom_beats_meta)
{
	expect_str("\xEF\xBB\xBF<meta charset=\"windows-1252\">\xC3\xA9",
	           "<meta charset=\"windows-1252\">\xC3\xA9", "UTF-8", "bom");
}
END_TEST

START_TEST(bom_utf16_odd_length)
{
	/* A last half code unit is one U+FFFD, not a crash or a hang. */
	static const char in[] = "\xFF\xFE" "a\0b";
	expect(in, sizeof in - 1, NULL, "a" FFFD, "UTF-16LE", "bom");
}
END_TEST

/* ---- the fixtures ---- */

static const struct {
	const char *name;
	const char *charset;
	const char *source;
} fixtures[] = {
	{"windows-1252", "windows-1252", "meta"},
	{"iso-8859-2", "ISO-8859-2", "meta"},
	{"shift_jis", "Shift_JIS", "meta"},
	{"shift_jis-nometa", "Shift_JIS", "detected"},
	{"gb18030", "gb18030", "meta"},
	{"euc-kr", "EUC-KR", "meta"},
	{"windows-1251-badlabel", "windows-1251", "detected"},
	{"utf-16le-bom", "UTF-16LE", "bom"},
	{"utf-16be-bom", "UTF-16BE", "bom"},
	{"utf-8-bom", "UTF-8", "bom"},
	{"utf-8-lying-meta", "UTF-8", "detected"},
};

START_TEST(fixture)
{
	char path[256];
	size_t len, elen;

	snprintf(path, sizeof path, "fixtures/encoding/%s.html",
	         fixtures[_i].name);
	char *page = slurp(path, &len);
	snprintf(path, sizeof path, "fixtures/encoding/%s.expected",
	         fixtures[_i].name);
	char *want = slurp(path, &elen);
	while (elen > 0 && (want[elen - 1] == '\n' || want[elen - 1] == '\r'))
		want[--elen] = '\0';
	ck_assert_uint_gt(elen, 20);

	struct wn_text t;
	decode(page, len, NULL, &t);
	ck_assert_str_eq(t.charset, fixtures[_i].charset);
	ck_assert_str_eq(t.source, fixtures[_i].source);
	ck_assert_msg(strstr(t.data, want) != NULL, "%s: \"%s\" not found",
	              fixtures[_i].name, want);
	ck_assert_msg(strstr(t.data, "</article>") != NULL, "markup lost");
	wn_text_free(&t);
	free(page);
	free(want);
}
END_TEST

/* Every fixture read with the right override gives the same text. */
START_TEST(fixture_override)
{
	char path[256];
	size_t len;

	snprintf(path, sizeof path, "fixtures/encoding/%s.html",
	         fixtures[_i].name);
	char *page = slurp(path, &len);
	struct wn_text a, b;
	decode(page, len, NULL, &a);
	decode(page, len, fixtures[_i].charset, &b);
	ck_assert_str_eq(b.source, "option");
	ck_assert_str_eq(a.data, b.data);
	wn_text_free(&a);
	wn_text_free(&b);
	free(page);
}
END_TEST

/* ---- the <meta> prescan ---- */

START_TEST(meta_charset)
{
	/* 0xB1 is ą in ISO-8859-2. */
	expect_str("<meta charset=\"iso-8859-2\">\xB1",
	           "<meta charset=\"iso-8859-2\">\xC4\x85", "ISO-8859-2",
	           "meta");
}
END_TEST

START_TEST(meta_comment_hides)
{
	expect_str("<!-- <meta charset=\"koi8-r\"> --><meta charset=iso-8859-2>"
	           "\xB1", NULL, "ISO-8859-2", "meta");
	/* A '>' inside the comment does not end it. */
	expect_str("<!-- a > <meta charset=\"koi8-r\"> --><meta charset=latin2>",
	           NULL, "ISO-8859-2", "meta");
	expect_str("<!-- a -> b --!> <meta charset=koi8-r> -->", NULL, "UTF-8",
	           "default");
	/* "<!-->" is a whole comment, so the meta after it counts. */
	expect_str("<!--><meta charset=koi8-r>\xC1", NULL, "KOI8-R", "meta");
	/* An unclosed comment hides everything. */
	expect_str("<!-- <meta charset=koi8-r>", NULL, "UTF-8", "default");
}
END_TEST

START_TEST(meta_http_equiv)
{
	expect_str("<meta http-equiv=\"Content-Type\" "
	           "content='text/html; charset=\"windows-1251\"'>\xE9",
	           NULL, "windows-1251", "meta");
	/* Spaces around '=' and in the label, upper case, unquoted. */
	expect_str("<META HTTP-EQUIV=content-type CONTENT=\"text/html;  "
	           "CHARSET =  ISO-8859-5 \">\xB0", "<META HTTP-EQUIV=content-type"
	           " CONTENT=\"text/html;  CHARSET =  ISO-8859-5 \">\xD0\x90",
	           "ISO-8859-5", "meta");
	/* content before http-equiv, and a stray "charset" word first. */
	expect_str("<meta content=\"text/html; charsetx; charset=koi8-r\" "
	           "http-equiv=\"content-type\">", NULL, "KOI8-R", "meta");
	/* content without http-equiv is no declaration. */
	expect_str("<meta content=\"text/html; charset=koi8-r\">", NULL,
	           "UTF-8", "default");
	/* The first of content and charset wins. */
	expect_str("<meta http-equiv=content-type content=\"charset=euc-kr\" "
	           "charset=koi8-r>", NULL, "EUC-KR", "meta");
	/* A repeated attribute is ignored. */
	expect_str("<meta http-equiv=content-type http-equiv=refresh "
	           "content=\"charset=koi8-r\">", NULL, "KOI8-R", "meta");
}
END_TEST

START_TEST(meta_label_forms)
{
	expect_str("<meta charset=\" Windows-1250 \">", NULL, "windows-1250",
	           "meta");
	expect_str("<META CHARSET=SHIFT_JIS>", NULL, "Shift_JIS", "meta");
	expect_str("<meta/charset=koi8-r>", NULL, "KOI8-R", "meta");
	expect_str("<meta charset='gb2312'/>", NULL, "GBK", "meta");
	expect_str("<meta charset=utf-16le>", NULL, "UTF-8", "meta");
	expect_str("<meta charset=x-user-defined>", NULL, "windows-1252",
	           "meta");
	/* "<metadata" is another tag. */
	expect_str("<metax charset=koi8-r>", NULL, "UTF-8", "default");
}
END_TEST

START_TEST(meta_latin1_is_windows_1252)
{
	static const char *const labels[] = {"iso-8859-1", "latin1", "ascii",
	                                     "us-ascii", "l1", "ISO8859-1",
	                                     "cp1252"};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		char in[96], want[96];
		snprintf(in, sizeof in, "<meta charset=\"%s\">\x80 5", labels[i]);
		snprintf(want, sizeof want, "<meta charset=\"%s\">\xE2\x82\xAC 5",
		         labels[i]);
		expect_str(in, want, "windows-1252", "meta");
	}
}
END_TEST

START_TEST(meta_unknown_label_skipped)
{
	/* An unknown label is ignored and the scan goes on. */
	expect_str("<meta charset=\"bogus-8\"><meta charset=\"koi8-r\">", NULL,
	           "KOI8-R", "meta");
	expect_str("<meta charset=\"bogus-8\">", NULL, "UTF-8", "default");
	/* So is one with no converter. */
	expect_str("<meta charset=hz-gb-2312><meta charset=koi8-r>", NULL,
	           "KOI8-R", "meta");
}
END_TEST

START_TEST(meta_in_attribute_ignored)
{
	/* The '>' in the quoted title does not end the div. */
	expect_str("<div title='a > <meta charset=koi8-r>'>x</div>", NULL,
	           "UTF-8", "default");
	expect_str("<div title='<meta charset=koi8-r>'><meta charset=latin2>",
	           NULL, "ISO-8859-2", "meta");
	/* <! and <? run to the first '>'. */
	expect_str("<?xml version=\"1.0\" encoding=\"koi8-r\"?><!DOCTYPE html>"
	           "<meta charset=latin2>", NULL, "ISO-8859-2", "meta");
}
END_TEST

START_TEST(meta_after_1024_ignored)
{
	char *pad = filler(1100);
	char *in = malloc(2000);
	ck_assert_ptr_nonnull(in);
	snprintf(in, 2000, "%s<meta charset=\"koi8-r\">", pad);
	expect_str(in, NULL, "UTF-8", "default");

	/* One cut by the limit does not count either ... */
	free(pad);
	pad = filler(1010);
	snprintf(in, 2000, "%s<meta charset=\"koi8-r\">", pad);
	expect_str(in, NULL, "UTF-8", "default");

	/* ... but one ending right at byte 1024 does. */
	free(pad);
	pad = filler(1024 - strlen("<meta charset=\"koi8-r\""));
	snprintf(in, 2000, "%s<meta charset=\"koi8-r\">", pad);
	expect_str(in, NULL, "KOI8-R", "meta");
	free(pad);
	free(in);
}
END_TEST

START_TEST(meta_lie_on_utf8)
{
	/* Well-formed UTF-8 with multibyte characters is read as UTF-8
	 * whatever an older <meta> says ... */
	expect_str("<meta charset=iso-8859-1><p>d\xC3\xA9j\xC3\xA0 vu</p>",
	           "<meta charset=iso-8859-1><p>d\xC3\xA9j\xC3\xA0 vu</p>",
	           "UTF-8", "detected");
	/* ... but pure ASCII keeps the declared name. */
	expect_str("<meta charset=iso-8859-1><p>plain</p>", NULL,
	           "windows-1252", "meta");
}
END_TEST

/* A Latin-1 page under a template's <meta charset=utf-8>: its accents are
 * all ill-formed UTF-8, and none is well-formed, so the bytes overrule
 * the <meta>. */
START_TEST(meta_utf8_on_latin1)
{
	/* The windows-1252 fixture with its iso-8859-1 label made utf-8
	 * (padded: an unquoted charset ends at the space) reads as before. */
	size_t len;
	char *page = slurp("fixtures/encoding/windows-1252.html", &len);
	char *label = strstr(page, "charset=iso-8859-1\"");
	ck_assert_ptr_nonnull(label);
	struct wn_text want, t;
	decode(page, len, NULL, &want);
	ck_assert_str_eq(want.source, "meta");
	memcpy(label, "charset=utf-8     ", 18);
	decode(page, len, NULL, &t);
	ck_assert_str_eq(t.charset, "windows-1252");
	ck_assert_str_eq(t.source, "detected");
	ck_assert_str_eq(strstr(t.data, "<title>"), strstr(want.data, "<title>"));
	ck_assert_ptr_nonnull(strstr(t.data, "R\xC3\xA9gion"));
	wn_text_free(&want);
	wn_text_free(&t);
	free(page);

	/* One accent is enough when nothing else is UTF-8.  With so little
	 * to judge, uchardet may name ISO-8859-2, where 0xE9 is é too. */
	static const char cafe[] = "<meta charset=\"UTF-8\"><p>Caf\xE9 au lait</p>";
	decode(cafe, sizeof cafe - 1, NULL, &t);
	ck_assert_str_eq(t.data, "<meta charset=\"UTF-8\"><p>Caf\xC3\xA9 au lait</p>");
	ck_assert_str_eq(t.source, "detected");
	wn_text_free(&t);

	/* The http-equiv form is a <meta> too; the page is Russian in
	 * windows-1251 ("Привет, мир! Это ..."). */
	static const char ru[] =
	    "<meta http-equiv=Content-Type content='text/html; charset=utf-8'>"
	    "<p>\xCF\xF0\xE8\xE2\xE5\xF2, \xEC\xE8\xF0! \xDD\xF2\xEE "
	    "\xEF\xF0\xEE\xF1\xF2\xEE\xE9 \xF2\xE5\xEA\xF1\xF2 \xED\xE0 "
	    "\xF0\xF3\xF1\xF1\xEA\xEE\xEC \xFF\xE7\xFB\xEA\xE5, \xEA\xEE"
	    "\xF2\xEE\xF0\xFB\xE9 \xE1\xFB\xEB \xF1\xEE\xF5\xF0\xE0\xED"
	    "\xE5\xED \xE2 \xEA\xEE\xE4\xE8\xF0\xEE\xE2\xEA\xE5 "
	    "windows-1251.</p>";
	decode(ru, sizeof ru - 1, NULL, &t);
	ck_assert_str_eq(t.charset, "windows-1251");
	ck_assert_str_eq(t.source, "detected");
	ck_assert_ptr_nonnull(strstr(t.data, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2"
	                                     "\xD0\xB5\xD1\x82, \xD0\xBC\xD0\xB8"
	                                     "\xD1\x80!"));
	wn_text_free(&t);
}
END_TEST

/* UTF-8 with a few stray bytes among plenty of well-formed characters
 * stays UTF-8, as the <meta> says, each stray byte one U+FFFD. */
START_TEST(meta_utf8_stray_bytes)
{
	expect_str("<meta charset=utf-8><p>d\xC3\xA9j\xC3\xA0 vu, "
	           "\xC3\xA7\xC3\xA0 et l\xC3\xA0, \xE2\x80\x9Cquoted\xE2\x80\x9D"
	           " \xA9 2024 \xE9t\xE9</p>",
	           "<meta charset=utf-8><p>d\xC3\xA9j\xC3\xA0 vu, "
	           "\xC3\xA7\xC3\xA0 et l\xC3\xA0, \xE2\x80\x9Cquoted\xE2\x80\x9D"
	           " " FFFD " 2024 " FFFD "t" FFFD "</p>", "UTF-8", "meta");
	/* As many bad as good is still the <meta>'s. */
	expect_str("<meta charset=utf-8><p>na\xC3\xAFve \xE9</p>",
	           "<meta charset=utf-8><p>na\xC3\xAFve " FFFD "</p>", "UTF-8",
	           "meta");
	/* The fixture with a latin1 © added at the end. */
	size_t len;
	char *page = slurp("fixtures/encoding/src/utf-8-bom.html", &len);
	char *in = malloc(len + 32);
	ck_assert_ptr_nonnull(in);
	int n = snprintf(in, 32, "<meta charset=utf-8>");
	memcpy(in + n, page, len);
	memcpy(in + n + len, " \xA9 2024", 7);
	struct wn_text t;
	decode(in, (size_t)n + len + 7, NULL, &t);
	ck_assert_str_eq(t.charset, "UTF-8");
	ck_assert_str_eq(t.source, "meta");
	ck_assert_ptr_nonnull(strstr(t.data, " " FFFD " 2024"));
	wn_text_free(&t);
	free(in);
	free(page);
}
END_TEST

/* Pure ASCII and well-formed UTF-8 under <meta charset=utf-8> come out
 * as they went in. */
START_TEST(meta_utf8_kept)
{
	expect_str("<meta charset=utf-8><p>plain ASCII</p>",
	           "<meta charset=utf-8><p>plain ASCII</p>", "UTF-8", "meta");
	expect_str("<meta charset=utf-8><p>na\xC3\xAFve</p>",
	           "<meta charset=utf-8><p>na\xC3\xAFve</p>", "UTF-8", "meta");
}
END_TEST

/* ---- the override ---- */

START_TEST(override_beats_meta)
{
	/* 0xE9 is é in ISO-8859-2 but й in windows-1251. */
	static const char in[] = "<meta charset=\"iso-8859-2\">\xE9";
	expect(in, sizeof in - 1, "windows-1251",
	       "<meta charset=\"iso-8859-2\">\xD0\xB9", "windows-1251", "option");
	/* and well-formed UTF-8 */
	expect("\xC3\xA9", 2, "latin1", "\xC3\x83\xC2\xA9", "windows-1252",
	       "option");
}
END_TEST

START_TEST(override_iconv_name)
{
	/* Not a WHATWG label, but a name iconv knows. */
	expect("\x82", 1, "CP437", "\xC3\xA9", "CP437", "option");
}
END_TEST

START_TEST(override_unknown)
{
	struct wn_text t = {(char *)"untouched", 9, "x", "y"};
	char err[128] = "";
	wn_status rc = wn_to_utf8("abc", 3, "no-such-charset", NULL, &t, err,
	                          sizeof err);
	ck_assert_int_eq(rc, WN_ERR_ENCODING);
	ck_assert_str_eq(err, "unknown encoding 'no-such-charset'");
	ck_assert_str_eq(t.data, "untouched");
	/* "replacement" is a WHATWG label with no decoder. */
	rc = wn_to_utf8("abc", 3, "replacement", NULL, &t, err, sizeof err);
	ck_assert_int_eq(rc, WN_ERR_ENCODING);
	/* A tiny err buffer is not overrun. */
	char small[4] = "zzz";
	rc = wn_to_utf8("abc", 3, "nope", NULL, &t, small, 2);
	ck_assert_int_eq(rc, WN_ERR_ENCODING);
	ck_assert_int_eq(small[1], '\0');
	ck_assert_int_eq(small[2], 'z');
}
END_TEST

/* Each label names the WHATWG encoding, and iconv has a converter. */
START_TEST(override_labels)
{
	static const struct {
		const char *label, *name;
	} map[] = {
		{"utf8", "UTF-8"}, {"unicode-1-1-utf-8", "UTF-8"},
		{"ISO-8859-1", "windows-1252"}, {"latin1", "windows-1252"},
		{"ascii", "windows-1252"}, {"us-ascii", "windows-1252"},
		{"iso8859-1", "windows-1252"}, {"l1", "windows-1252"},
		{"x-user-defined", "windows-1252"},
		{"iso-8859-9", "windows-1254"}, {"latin5", "windows-1254"},
		{"tis-620", "windows-874"}, {"iso-8859-11", "windows-874"},
		{"gb2312", "GBK"}, {"gbk", "GBK"}, {"x-gbk", "GBK"},
		{"chinese", "GBK"}, {"csgb2312", "GBK"}, {"gb18030", "gb18030"},
		{"shift_jis", "Shift_JIS"}, {"sjis", "Shift_JIS"},
		{"ms_kanji", "Shift_JIS"}, {"windows-31j", "Shift_JIS"},
		{"x-sjis", "Shift_JIS"}, {"euc-kr", "EUC-KR"},
		{"ks_c_5601-1987", "EUC-KR"}, {"windows-949", "EUC-KR"},
		{"korean", "EUC-KR"}, {"euc-jp", "EUC-JP"},
		{"iso-2022-jp", "ISO-2022-JP"}, {"big5", "Big5"},
		{"big5-hkscs", "Big5"}, {"koi8-r", "KOI8-R"}, {"koi8-u", "KOI8-U"},
		{"ibm866", "IBM866"}, {"macintosh", "macintosh"},
		{"x-mac-cyrillic", "x-mac-cyrillic"},
		{"windows-1250", "windows-1250"}, {"windows-1251", "windows-1251"},
		{"windows-1253", "windows-1253"}, {"windows-1255", "windows-1255"},
		{"windows-1256", "windows-1256"}, {"windows-1257", "windows-1257"},
		{"windows-1258", "windows-1258"}, {"iso-8859-2", "ISO-8859-2"},
		{"iso-8859-3", "ISO-8859-3"}, {"iso-8859-4", "ISO-8859-4"},
		{"iso-8859-5", "ISO-8859-5"}, {"iso-8859-6", "ISO-8859-6"},
		{"iso-8859-7", "ISO-8859-7"}, {"iso-8859-8", "ISO-8859-8"},
		{"iso-8859-8-i", "ISO-8859-8-I"}, {"iso-8859-10", "ISO-8859-10"},
		{"iso-8859-13", "ISO-8859-13"}, {"iso-8859-14", "ISO-8859-14"},
		{"iso-8859-15", "ISO-8859-15"}, {"iso-8859-16", "ISO-8859-16"},
		{"iso-2022-kr", "ISO-2022-KR"}, {"iso-2022-cn", "ISO-2022-CN"},
		{"iso-2022-cn-ext", "ISO-2022-CN-EXT"},
		{" UTF-16BE ", "UTF-16BE"}, {"utf-16", "UTF-16LE"},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		struct wn_text t;
		char err[128] = "";
		/* NULs dropped in single-byte encodings, high bytes of
		 * UTF-16 code units in the other two. */
		int be = strcmp(map[i].name, "UTF-16BE") == 0;
		wn_status rc = wn_to_utf8(be ? "\0a\0b" : "a\0b\0", 4,
		                          map[i].label, NULL, &t, err, sizeof err);
		ck_assert_msg(rc == WN_OK, "%s: %s", map[i].label, err);
		ck_assert_msg(strcmp(t.charset, map[i].name) == 0, "%s: %s",
		              map[i].label, t.charset);
		ck_assert_str_eq(t.data, "ab");
		wn_text_free(&t);
	}
}
END_TEST

START_TEST(override_cjk_supersets)
{
	/* ① and ～ exist only in the Windows form of Shift_JIS. */
	expect("\x87\x40\x81\x60", 4, "shift_jis", "\xE2\x91\xA0\xEF\xBD\x9E",
	       "Shift_JIS", "option");
	/* 똠 is a CP949 (UHC) extension to EUC-KR. */
	expect("\x8C\x63", 2, "euc-kr", "\xEB\x98\xA0", "EUC-KR", "option");
	/* GBK reads GB18030 four-byte sequences, and 0x80 is the euro. */
	expect("\x94\x39\xBB\x35\x80", 5, "gbk", "\xF0\x9F\x8D\xB5\xE2\x82\xAC",
	       "GBK", "option");
}
END_TEST

/* ---- ill-formed input ---- */

START_TEST(invalid_utf8)
{
	expect("a\xFF" "b", 3, "utf-8", "a" FFFD "b", "UTF-8", "option");
	/* Overlong, surrogate, beyond U+10FFFF: one U+FFFD a byte. */
	expect("\xC0\xAF", 2, "utf-8", FFFD FFFD, "UTF-8", "option");
	expect("\xED\xA0\x80", 3, "utf-8", FFFD FFFD FFFD, "UTF-8", "option");
	expect("\xF4\x90\x80\x80", 4, "utf-8", FFFD FFFD FFFD FFFD, "UTF-8",
	       "option");
	/* A cut sequence is one U+FFFD, and the byte after it survives. */
	expect("\xE2\x82" "x\xF0\x9F\x98" "y", 7, "utf-8", FFFD "x" FFFD "y",
	       "UTF-8", "option");
	/* Long clean runs on both sides of a bad byte. */
	expect_str("<meta charset=utf-8>0123456789abcdef\xC3\xA9\x80"
	           "0123456789abcdef", "<meta charset=utf-8>0123456789abcdef"
	           "\xC3\xA9" FFFD "0123456789abcdef", "UTF-8", "meta");
}
END_TEST

START_TEST(truncated_at_end)
{
	expect("abc\xE2\x82", 5, "utf-8", "abc" FFFD, "UTF-8", "option");
	expect("abc\xF0", 4, "utf-8", "abc" FFFD, "UTF-8", "option");
	expect("abc\x82", 4, "shift_jis", "abc" FFFD, "Shift_JIS", "option");
	expect("abc\xB0", 4, "euc-kr", "abc" FFFD, "EUC-KR", "option");
	expect("abc\x81\x30", 5, "gb18030", "abc" FFFD "0", "gb18030",
	       "option");
	/* A bad trail byte does not swallow the ASCII after it. */
	expect("\x82<p>", 4, "shift_jis", FFFD "<p>", "Shift_JIS", "option");
}
END_TEST

START_TEST(nul_dropped)
{
	expect("a\0b\0\0c", 6, NULL, "abc", "UTF-8", "default");
	expect("\0\0\0\0\0\0\0\0\0\0x", 11, "utf-8", "x", "UTF-8", "option");
	expect("<meta charset=koi8-r>\0\xC1", 23, NULL, "<meta charset=koi8-r>"
	       "\xD0\xB0", "KOI8-R", "meta");
	expect("\xFF\xFE" "a\0\0\0b\0", 8, NULL, "ab", "UTF-16LE", "bom");
}
END_TEST

START_TEST(empty_input)
{
	expect("", 0, NULL, "", "UTF-8", "default");
	expect(NULL, 0, NULL, "", "UTF-8", "default");
	expect("\xEF\xBB\xBF", 3, NULL, "", "UTF-8", "bom");
	expect("", 0, "shift_jis", "", "Shift_JIS", "option");
}
END_TEST

START_TEST(bad_arguments)
{
	struct wn_text t;
	char err[64];
	ck_assert_int_eq(wn_to_utf8("x", 1, NULL, NULL, NULL, err, sizeof err),
	                 WN_ERR_ARG);
	ck_assert_int_eq(wn_to_utf8(NULL, 1, NULL, NULL, &t, err, sizeof err),
	                 WN_ERR_ARG);
	/* err may be NULL. */
	ck_assert_int_eq(wn_to_utf8("x", 1, "nope", NULL, &t, NULL, 0),
	                 WN_ERR_ENCODING);
	wn_text_free(NULL);
}
END_TEST

/* ---- detection ---- */

START_TEST(utf16_without_bom)
{
	static const char le[] = "<\0h\0t\0m\0l\0>\0\xE9\0<\0/\0h\0t\0m\0l\0>\0";
	expect(le, sizeof le - 1, NULL, "<html>\xC3\xA9</html>", "UTF-16LE",
	       "detected");
	static const char be[] = "\0<\0h\0t\0m\0l\0>\0\xE9\0<\0/\0h\0t\0m\0l\0>";
	expect(be, sizeof be - 1, NULL, "<html>\xC3\xA9</html>", "UTF-16BE",
	       "detected");
}
END_TEST

START_TEST(utf8_detected_or_default)
{
	expect_str("<p>plain ASCII</p>", "<p>plain ASCII</p>", "UTF-8",
	           "default");
	expect_str("<p>na\xC3\xAFve</p>", "<p>na\xC3\xAFve</p>", "UTF-8",
	           "detected");
}
END_TEST

/* A UTF-8 page with a stray latin1 byte stays UTF-8. */
START_TEST(mostly_utf8)
{
	size_t len;
	char *page = slurp("fixtures/encoding/src/utf-8-bom.html", &len);
	char *in = malloc(len + 8);
	ck_assert_ptr_nonnull(in);
	memcpy(in, page, len);
	memcpy(in + len, " \xA9 2024", 7); /* © in latin1 */
	struct wn_text t;
	decode(in, len + 7, NULL, &t);
	ck_assert_str_eq(t.charset, "UTF-8");
	ck_assert_str_eq(t.source, "detected");
	ck_assert_ptr_nonnull(strstr(t.data, "Ph\xE1\xBB\x9F H\xC3\xA0 N\xE1\xBB\x99i"));
	ck_assert_ptr_nonnull(strstr(t.data, " " FFFD " 2024"));
	wn_text_free(&t);

	/* Even with a <meta> that says otherwise. */
	memcpy(in, "<meta charset=latin1>", 21);
	decode(in, len + 7, NULL, &t);
	ck_assert_str_eq(t.charset, "UTF-8");
	ck_assert_str_eq(t.source, "detected");
	wn_text_free(&t);
	free(in);
	free(page);
}
END_TEST

START_TEST(iso_2022_jp_detected)
{
	expect_str("<p>\x1B$B$3$s$K$A$O\x1B(B</p>",
	           "<p>\xE3\x81\x93\xE3\x82\x93\xE3\x81\xAB\xE3\x81\xA1\xE3\x81\xAF"
	           "</p>", "ISO-2022-JP", "detected");
	/* Declared, the ASCII-only shortcut must not skip the escapes. */
	expect_str("<meta charset=iso-2022-jp>\x1B$B$3$s\x1B(B",
	           "<meta charset=iso-2022-jp>\xE3\x81\x93\xE3\x82\x93",
	           "ISO-2022-JP", "meta");
}
END_TEST

/* ---- binary ---- */

static uint32_t lcg(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 24;
}

START_TEST(binary_png_elf)
{
	unsigned char buf[4096];
	uint32_t seed = 42;
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (unsigned char)lcg(&seed);
	memcpy(buf, "\x89PNG\r\n\x1A\n", 8);
	ck_assert_int_eq(wn_looks_binary(buf, sizeof buf), 1);
	/* Random bytes without a signature: compressed data. */
	buf[0] = 'x';
	ck_assert_int_eq(wn_looks_binary(buf, sizeof buf), 1);

	memset(buf, 0, sizeof buf);
	memcpy(buf, "\x7F" "ELF\x02\x01\x01", 7);
	ck_assert_int_eq(wn_looks_binary(buf, sizeof buf), 1);
	memcpy(buf, "\x1F\x8B\x08", 3); /* gzip'd twice */
	ck_assert_int_eq(wn_looks_binary(buf, 64), 1);

	static const char pdf[] = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n";
	ck_assert_int_eq(wn_looks_binary(pdf, sizeof pdf - 1), 1);
}
END_TEST

START_TEST(binary_text)
{
	size_t len;
	char *page = slurp("fixtures/encoding/windows-1252.html", &len);
	ck_assert_int_eq(wn_looks_binary(page, len), 0);
	/* Two stray NULs do not make a page binary. */
	page[100] = '\0';
	page[700] = '\0';
	ck_assert_int_eq(wn_looks_binary(page, len), 0);
	free(page);

	const char *utf16[] = {"utf-16le-bom", "utf-16be-bom", "shift_jis",
	                       "gb18030", "euc-kr"};
	for (size_t i = 0; i < sizeof utf16 / sizeof utf16[0]; i++) {
		char path[128];
		snprintf(path, sizeof path, "fixtures/encoding/%s.html", utf16[i]);
		page = slurp(path, &len);
		ck_assert_msg(wn_looks_binary(page, len) == 0, "%s", utf16[i]);
		/* Without its BOM too. */
		ck_assert_int_eq(wn_looks_binary(page + 2, len - 2), 0);
		free(page);
	}
	ck_assert_int_eq(wn_looks_binary("", 0), 0);
	ck_assert_int_eq(wn_looks_binary("hello\n", 6), 0);
	static const char esc[] = "\x1B[1mbold\x1B[0m\f\v\n";
	ck_assert_int_eq(wn_looks_binary(esc, sizeof esc - 1), 0);
}
END_TEST

/* ---- gzip ---- */

/* Compresses in as one gzip member (zlib's deflate, gzip wrapper). */
static unsigned char *gzip_of(const void *in, size_t len, size_t *outlen)
{
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	ck_assert_int_eq(deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8,
	                              Z_DEFAULT_STRATEGY), Z_OK);
	size_t cap = deflateBound(&zs, (uLong)len) + 64;
	unsigned char *out = malloc(cap);
	ck_assert_ptr_nonnull(out);
	zs.next_in = (Bytef *)(uintptr_t)in;
	zs.avail_in = (uInt)len;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	ck_assert_int_eq(deflate(&zs, Z_FINISH), Z_STREAM_END);
	*outlen = zs.total_out;
	deflateEnd(&zs);
	return out;
}

static const char TEXT[] = "<html><body><p>Gzip round trip: "
                           "d\xC3\xA9j\xC3\xA0 vu, \xE2\x82\xAC 5.</p>"
                           "</body></html>\n";

START_TEST(gzip_round_trip)
{
	size_t zlen, len;
	unsigned char *z = gzip_of(TEXT, sizeof TEXT - 1, &zlen), *out;
	char err[128];
	ck_assert_int_eq(wn_is_gzip(z, zlen), 1);
	ck_assert_int_eq(wn_is_gzip(TEXT, sizeof TEXT - 1), 0);
	ck_assert_int_eq(wn_is_gzip("\x1F", 1), 0);
	ck_assert_int_eq(wn_gunzip(z, zlen, 0, &out, &len, err, sizeof err),
	                 WN_OK);
	ck_assert_uint_eq(len, sizeof TEXT - 1);
	ck_assert_mem_eq(out, TEXT, len);
	ck_assert_int_eq(out[len], '\0');
	free(out);

	/* Exactly max_out bytes is allowed. */
	ck_assert_int_eq(wn_gunzip(z, zlen, sizeof TEXT - 1, &out, &len, err,
	                           sizeof err), WN_OK);
	free(out);

	/* Empty content. */
	unsigned char *e = gzip_of("", 0, &zlen);
	ck_assert_int_eq(wn_gunzip(e, zlen, 0, &out, &len, err, sizeof err),
	                 WN_OK);
	ck_assert_uint_eq(len, 0);
	free(out);
	free(e);
	free(z);
}
END_TEST

START_TEST(gzip_two_members)
{
	size_t alen, blen, len;
	unsigned char *a = gzip_of("first member, ", 14, &alen);
	unsigned char *b = gzip_of("second member", 13, &blen);
	unsigned char *both = malloc(alen + blen + 4), *out;
	ck_assert_ptr_nonnull(both);
	memcpy(both, a, alen);
	memcpy(both + alen, b, blen);
	char err[128];
	ck_assert_int_eq(wn_gunzip(both, alen + blen, 0, &out, &len, err,
	                           sizeof err), WN_OK);
	ck_assert_str_eq((char *)out, "first member, second member");
	free(out);

	/* NUL padding after the last member is ignored, as gzip does. */
	memset(both + alen + blen, 0, 4);
	ck_assert_int_eq(wn_gunzip(both, alen + blen + 4, 0, &out, &len, err,
	                           sizeof err), WN_OK);
	ck_assert_uint_eq(len, 27);
	free(out);

	/* A second member cut short is still truncated data. */
	ck_assert_int_eq(wn_gunzip(both, alen + blen - 3, 0, &out, &len, err,
	                           sizeof err), WN_ERR_GZIP);
	free(both);
	free(a);
	free(b);
}
END_TEST

START_TEST(gzip_truncated)
{
	size_t zlen, len;
	unsigned char *z = gzip_of(TEXT, sizeof TEXT - 1, &zlen), *out = NULL;
	char err[128] = "";
	for (size_t cut = 0; cut < zlen; cut++) {
		wn_status rc = wn_gunzip(z, cut, 0, &out, &len, err, sizeof err);
		ck_assert_msg(rc == WN_ERR_GZIP, "cut at %zu: %d", cut, (int)rc);
	}
	ck_assert_int_eq(wn_gunzip(z, zlen - 1, 0, &out, &len, err, sizeof err),
	                 WN_ERR_GZIP);
	ck_assert_str_eq(err, "truncated gzip data");
	ck_assert_ptr_null(out);
	free(z);
}
END_TEST

START_TEST(gzip_corrupt)
{
	size_t zlen, len;
	unsigned char *z = gzip_of(TEXT, sizeof TEXT - 1, &zlen), *out;
	char err[128] = "";
	z[3] = 0xE0; /* reserved flag bits */
	ck_assert_int_eq(wn_gunzip(z, zlen, 0, &out, &len, err, sizeof err),
	                 WN_ERR_GZIP);
	ck_assert_msg(err[0] != '\0', "no reason given");
	free(z);

	z = gzip_of(TEXT, sizeof TEXT - 1, &zlen);
	z[zlen - 1] ^= 0xFF; /* the length in the trailer */
	ck_assert_int_eq(wn_gunzip(z, zlen, 0, &out, &len, err, sizeof err),
	                 WN_ERR_GZIP);
	ck_assert_str_eq(err, "incorrect length check");
	free(z);

	ck_assert_int_eq(wn_gunzip("not gzip", 8, 0, &out, &len, err,
	                           sizeof err), WN_ERR_GZIP);
}
END_TEST

START_TEST(gzip_too_large)
{
	size_t zlen, len;
	unsigned char *z = gzip_of(TEXT, sizeof TEXT - 1, &zlen), *out;
	char err[128];
	ck_assert_int_eq(wn_gunzip(z, zlen, sizeof TEXT - 2, &out, &len, err,
	                           sizeof err), WN_ERR_TOO_LARGE);
	free(z);
}
END_TEST

static long max_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* 100 MB of zeros in about 100 KB: stopped at 8 MiB, fast, and without
 * the memory to hold the whole thing. */
START_TEST(gzip_bomb)
{
	static unsigned char zeros[1 << 20];
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	ck_assert_int_eq(deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED,
	                              16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
	size_t cap = 1 << 20, zlen = 0;
	unsigned char *z = malloc(cap);
	ck_assert_ptr_nonnull(z);
	for (int i = 0; i < 100; i++) {
		int flush = i == 99 ? Z_FINISH : Z_NO_FLUSH, zr;
		zs.next_in = zeros;
		zs.avail_in = sizeof zeros;
		do {
			zs.next_out = z + zlen;
			zs.avail_out = (uInt)(cap - zlen);
			ck_assert_uint_gt(zs.avail_out, 0);
			zr = deflate(&zs, flush);
			zlen = cap - zs.avail_out;
		} while (zs.avail_in > 0
		         || (flush == Z_FINISH && zr != Z_STREAM_END));
	}
	deflateEnd(&zs);
	ck_assert_uint_lt(zlen, 1 << 20);

	long rss = max_rss_kb();
	clock_t t0 = clock();
	unsigned char *out;
	size_t len;
	char err[128];
	ck_assert_int_eq(wn_gunzip(z, zlen, 8u << 20, &out, &len, err,
	                           sizeof err), WN_ERR_TOO_LARGE);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	ck_assert_msg(secs < 5.0, "took %.2f s", secs);
	ck_assert_msg(max_rss_kb() - rss < 64 * 1024, "grew by %ld KB",
	              max_rss_kb() - rss);
	free(z);
}
END_TEST

static Suite *encoding_suite(void)
{
	Suite *s = suite_create("encoding");
	size_t nfix = sizeof fixtures / sizeof fixtures[0];

	TCase *tc = tcase_create("bom");
	tcase_add_test(tc, bom_utf8);
	tcase_add_test(tc, bom_utf16le);
	tcase_add_test(tc, bom_utf16be);
	tcase_add_test(tc, bom_utf16_lone_surrogates);
	tcase_add_test(tc, bom_beats_meta);
	tcase_add_test(tc, bom_utf16_odd_length);
	suite_add_tcase(s, tc);

	tc = tcase_create("fixtures");
	tcase_add_loop_test(tc, fixture, 0, (int)nfix);
	tcase_add_loop_test(tc, fixture_override, 0, (int)nfix);
	suite_add_tcase(s, tc);

	tc = tcase_create("meta");
	tcase_add_test(tc, meta_charset);
	tcase_add_test(tc, meta_comment_hides);
	tcase_add_test(tc, meta_http_equiv);
	tcase_add_test(tc, meta_label_forms);
	tcase_add_test(tc, meta_latin1_is_windows_1252);
	tcase_add_test(tc, meta_unknown_label_skipped);
	tcase_add_test(tc, meta_in_attribute_ignored);
	tcase_add_test(tc, meta_after_1024_ignored);
	tcase_add_test(tc, meta_lie_on_utf8);
	tcase_add_test(tc, meta_utf8_on_latin1);
	tcase_add_test(tc, meta_utf8_stray_bytes);
	tcase_add_test(tc, meta_utf8_kept);
	suite_add_tcase(s, tc);

	tc = tcase_create("override");
	tcase_add_test(tc, override_beats_meta);
	tcase_add_test(tc, override_iconv_name);
	tcase_add_test(tc, override_unknown);
	tcase_add_test(tc, override_labels);
	tcase_add_test(tc, override_cjk_supersets);
	suite_add_tcase(s, tc);

	tc = tcase_create("ill-formed");
	tcase_add_test(tc, invalid_utf8);
	tcase_add_test(tc, truncated_at_end);
	tcase_add_test(tc, nul_dropped);
	tcase_add_test(tc, empty_input);
	tcase_add_test(tc, bad_arguments);
	suite_add_tcase(s, tc);

	tc = tcase_create("detection");
	tcase_add_test(tc, utf16_without_bom);
	tcase_add_test(tc, utf8_detected_or_default);
	tcase_add_test(tc, mostly_utf8);
	tcase_add_test(tc, iso_2022_jp_detected);
	suite_add_tcase(s, tc);

	tc = tcase_create("binary");
	tcase_add_test(tc, binary_png_elf);
	tcase_add_test(tc, binary_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("gzip");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, gzip_round_trip);
	tcase_add_test(tc, gzip_two_members);
	tcase_add_test(tc, gzip_truncated);
	tcase_add_test(tc, gzip_corrupt);
	tcase_add_test(tc, gzip_too_large);
	tcase_add_test(tc, gzip_bomb);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(encoding_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
