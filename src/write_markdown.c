/*
 * write_markdown.c - the article as CommonMark (with GitHub's pipe tables).
 *
 * The walker (dom.c) already wrote each block's inline Markdown: escaped
 * text, emphasis, code, links and images.  Here blocks get their block
 * syntax: # headings, - and 1. list items indented by nesting, > quotes,
 * fenced code that keeps its white space, and data tables.  A block whose
 * text a rule changed, and text input, have no inline Markdown: their
 * plain text is escaped instead.
 */
#include <stdio.h>
#include <string.h>

#include "page.h"
#include "rules.h"

/* Bytes that may need a backslash anywhere in a line. */
static const unsigned char special[256] = {
	['\\'] = 1, ['`'] = 1, ['*'] = 1, ['_'] = 1, ['['] = 1, [']'] = 1, ['<'] = 1,
	['|'] = 1, ['&'] = 1,
};

void wn_md_escape(struct wn_buf *out, const char *s, size_t n, int line_start, int in_table)
{
	size_t i = 0;
	if (line_start && n) {
		unsigned char c = (unsigned char)s[0];
		/* the run of c at the start, and whether a space or the end
		 * follows it: "# ", "- ", "---", "+" would be block syntax */
		size_t run = 1;
		while (run < n && s[run] == c)
			run++;
		int ends = run == n || s[run] == ' ';
		if (c == '>' || ((c == '#' || c == '-' || c == '+' || c == '=') && ends) ||
		    (c == '~' && run >= 3)) {
			wn_buf_putc(out, '\\');
		} else if (c >= '0' && c <= '9') {
			/* "1. " or "1) " would start an ordered list */
			size_t k = 0;
			while (k < n && k < 9 && s[k] >= '0' && s[k] <= '9')
				k++;
			if (k < n && (s[k] == '.' || s[k] == ')') && (k + 1 == n || s[k + 1] == ' ')) {
				wn_buf_put(out, s, k);
				wn_buf_putc(out, '\\');
				i = k;
			}
		}
	}
	while (i < n) {
		/* a run that needs no escape goes in one piece */
		size_t run = i;
		while (run < n && !special[(unsigned char)s[run]])
			run++;
		if (run > i) {
			wn_buf_put(out, s + i, run - i);
			i = run;
			if (i == n)
				break;
		}
		unsigned char c = (unsigned char)s[i];
		if (c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' ||
		    c == '<' || (c == '|' && in_table)) {
			wn_buf_putc(out, '\\');
		} else if (c == '&') {
			/* "&copy;" in text must not become an entity */
			size_t k = i + 1;
			while (k < n && k < i + 32 &&
			       ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
			        (s[k] >= '0' && s[k] <= '9') || s[k] == '#'))
				k++;
			if (k > i + 1 && k < n && s[k] == ';')
				wn_buf_putc(out, '\\');
		}
		wn_buf_putc(out, (char)c);
		i++;
	}
}

/* The block's inline Markdown, or its text escaped; no block syntax. */
static void inline_md(const struct wn_page *pg, const struct wn_iblock *ib, struct wn_buf *tmp,
                      int in_table)
{
	wn_buf_reset(tmp);
	const char *md = wn_place_of(pg, ib)->markdown;
	if (md && ib->rule_scope != WN_SCOPE_LINE) {
		wn_buf_puts(tmp, md);
		return;
	}
	const char *s = ib->pub.text, *end = s + ib->pub.len;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		wn_md_escape(tmp, s, n, 1, in_table);
		s += n;
		if (nl) {
			wn_buf_putc(tmp, '\n');
			s++;
		}
	}
}

/* Writes md with prefix before every line; inside a paragraph a newline
 * is a hard line break (a backslash before it). */
static void put_lines(struct wn_buf *out, const char *md, size_t n, const char *first,
                      const char *rest, int hard_breaks)
{
	const char *s = md, *end = md + n;
	int line = 0;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t k = nl ? (size_t)(nl - s) : (size_t)(end - s);
		wn_buf_puts(out, line++ ? rest : first);
		wn_buf_put(out, s, k);
		s += k;
		if (nl) {
			s++;
			if (hard_breaks && s < end)
				wn_buf_putc(out, '\\');
			wn_buf_putc(out, '\n');
		}
	}
	wn_buf_putc(out, '\n');
}

/* A fence longer than any run of backticks in the text. */
static void put_code(struct wn_buf *out, const char *text, size_t n)
{
	size_t run = 0, longest = 0;
	for (size_t i = 0; i < n; i++) {
		run = text[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	size_t fence = longest >= 3 ? longest + 1 : 3;
	for (size_t i = 0; i < fence; i++)
		wn_buf_putc(out, '`');
	wn_buf_putc(out, '\n');
	wn_buf_put(out, text, n);
	wn_buf_putc(out, '\n');
	for (size_t i = 0; i < fence; i++)
		wn_buf_putc(out, '`');
	wn_buf_putc(out, '\n');
}

/* Blocks i .. *end-1 are one table; 1 when every kept block in it is a
 * cell of that table itself (a data table, not a page laid out in one). */
static int data_table(const struct wn_page *pg, size_t i, size_t *end)
{
	int t = wn_place_of(pg, &pg->blocks[i])->table;
	size_t j = i, kept = 0;
	int data = 1;
	while (j < pg->nblocks && wn_place_of(pg, &pg->blocks[j])->table == t) {
		const struct wn_iblock *b = &pg->blocks[j];
		if (b->pub.decision == WN_KEEP) {
			kept++;
			if (b->pub.kind != WN_BLOCK_CELL || wn_place_of(pg, b)->col >= 64)
				data = 0;
		}
		j++;
	}
	*end = j;
	return data && kept >= 2;
}

static void put_table(const struct wn_page *pg, size_t from, size_t to, struct wn_buf *out,
                      struct wn_buf *tmp)
{
	unsigned ncols = 0;
	for (size_t j = from; j < to; j++) {
		unsigned col = wn_place_of(pg, &pg->blocks[j])->col;
		if (pg->blocks[j].pub.decision == WN_KEEP && col + 1 > ncols)
			ncols = col + 1;
	}
	int rows = 0;
	size_t j = from;
	while (j < to) {
		int row = wn_place_of(pg, &pg->blocks[j])->row;
		size_t k = j;
		while (k < to && wn_place_of(pg, &pg->blocks[k])->row == row)
			k++;
		/* one row: blocks j .. k-1 */
		int any = 0;
		for (size_t c = j; c < k; c++)
			any |= pg->blocks[c].pub.decision == WN_KEEP;
		if (any) {
			wn_buf_putc(out, '|');
			size_t c = j;
			for (unsigned col = 0; col < ncols; col++) {
				wn_buf_putc(out, ' ');
				for (; c < k && wn_place_of(pg, &pg->blocks[c])->col <= col; c++) {
					const struct wn_iblock *b = &pg->blocks[c];
					if (wn_place_of(pg, b)->col != col || b->pub.decision != WN_KEEP)
						continue;
					inline_md(pg, b, tmp, 1);
					for (size_t x = 0; x < tmp->size; x++)
						if (tmp->data[x] == '\n')
							tmp->data[x] = ' ';
					wn_buf_put(out, tmp->data, tmp->size);
				}
				wn_buf_puts(out, " |");
			}
			wn_buf_putc(out, '\n');
			if (rows++ == 0) {
				wn_buf_putc(out, '|');
				for (unsigned col = 0; col < ncols; col++)
					wn_buf_puts(out, " --- |");
				wn_buf_putc(out, '\n');
			}
		}
		j = k;
	}
}

/* Two items of one list, or of a list and one nested in it. */
static int same_list(const struct wn_page *pg, const struct wn_iblock *a,
                     const struct wn_iblock *b)
{
	if (a->pub.level != b->pub.level)
		return 1;
	if (a->elem < 0 || b->elem < 0)
		return 0;
	return pg->elems[a->elem].parent == pg->elems[b->elem].parent;
}

int wn_write_markdown(const struct wn_page *pg, struct wn_buf *out)
{
	struct wn_buf tmp = WN_BUF_INIT;
	char prefix[96], rest[96];
	wn_block_kind prev = WN_BLOCK_TEXT;
	const struct wn_iblock *prev_ib = NULL;
	int first = 1;
	for (size_t i = 0; i < pg->nblocks; i++) {
		const struct wn_iblock *ib = &pg->blocks[i];
		const struct wn_block *b = &ib->pub;
		if (b->decision != WN_KEEP)
			continue;
		/* a tight list: no blank line between its items */
		if (!first && !(prev == WN_BLOCK_LIST_ITEM && b->kind == WN_BLOCK_LIST_ITEM &&
		                same_list(pg, prev_ib, ib)))
			wn_buf_putc(out, '\n');
		first = 0;
		prev = b->kind;
		prev_ib = ib;
		size_t end;
		const struct wn_place *place = wn_place_of(pg, ib);
		if (place->table >= 0 && b->kind == WN_BLOCK_CELL && data_table(pg, i, &end)) {
			put_table(pg, i, end, out, &tmp);
			i = end - 1;
			prev = WN_BLOCK_TEXT;
			continue;
		}
		if (b->kind == WN_BLOCK_PRE) {
			put_code(out, b->text, b->len);
			continue;
		}
		inline_md(pg, ib, &tmp, 0);
		switch (b->kind) {
		case WN_BLOCK_HEADING: {
			unsigned level = b->level >= 1 && b->level <= 6 ? b->level : 2;
			for (size_t x = 0; x < tmp.size; x++)
				if (tmp.data[x] == '\n')
					tmp.data[x] = ' ';
			snprintf(prefix, sizeof prefix, "%.*s ", (int)level, "######");
			put_lines(out, tmp.data, tmp.size, prefix, "", 0);
			break;
		}
		case WN_BLOCK_LIST_ITEM: {
			unsigned depth = b->level > 0 ? b->level - 1 : 0;
			if (depth > 16)
				depth = 16;
			int n;
			if (place->ordinal)
				n = snprintf(prefix, sizeof prefix, "%*s%u. ", (int)(depth * 4), "",
				             place->ordinal);
			else
				n = snprintf(prefix, sizeof prefix, "%*s- ", (int)(depth * 4), "");
			snprintf(rest, sizeof rest, "%*s", n, "");
			put_lines(out, tmp.data, tmp.size, prefix, rest, 1);
			break;
		}
		case WN_BLOCK_QUOTE:
			put_lines(out, tmp.data, tmp.size, "> ", "> ", 1);
			break;
		default:
			put_lines(out, tmp.data, tmp.size, "", "", 1);
			break;
		}
	}
	int failed = tmp.failed;
	wn_buf_free(&tmp);
	return out->failed || failed ? -1 : 0;
}
