/*
 * explain.c - every block on one line, tab-separated:
 *   index decision score kind words link_ratio density path reason text
 * The text is cut to 80 characters, its tabs and newlines shown as spaces.
 * A last line, starting with "# region:", says how the article's region
 * was found: the container, what it was narrowed from, the parts
 * gathered beside it.  The reason of a block that a line rule cut lines
 * out of names the rule too.  The JSON writer shows the same with
 * wn_write_reason and wn_write_region.
 */
#include "page.h"

#ifndef TEXT_PREVIEW
#define TEXT_PREVIEW 80 /* characters of text shown per block */
#endif

static void put_preview(struct wn_buf *out, const char *s, size_t len)
{
	unsigned chars = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) != 0x80 && ++chars > TEXT_PREVIEW) {
			wn_buf_puts(out, "...");
			return;
		}
		wn_buf_putc(out, c == '\t' || c == '\n' || c == '\r' ? ' ' : (char)c);
	}
}

int wn_write_reason(const struct wn_block *b, struct wn_buf *out)
{
	const char *r = b->reason ? b->reason : "";
	wn_buf_puts(out, r);
	if (b->rule_lines && b->rule)
		wn_buf_printf(out, "%slines removed by %s", *r ? "; " : "", b->rule);
	return out->failed ? -1 : 0;
}

int wn_write_region(const struct wn_page *pg, struct wn_buf *out)
{
	if (pg->is_text)
		wn_buf_puts(out, "the run of lines with the most article text");
	else if (pg->container < 0)
		wn_buf_puts(out, "no container (no article text)");
	else {
		wn_buf_printf(out, "container %s", pg->container_path ? pg->container_path : "");
		if (pg->candidate >= 0 && pg->candidate != pg->container)
			wn_buf_printf(out, ", narrowed from %s",
			              pg->candidate_path ? pg->candidate_path : "");
		if (pg->gathered)
			wn_buf_printf(out, ", %u sibling part%s gathered", pg->gathered,
			              pg->gathered == 1 ? "" : "s");
		wn_buf_puts(out, pg->on_short_text ? ", chosen on short text (no article text)"
		                                  : ", chosen on article text");
	}
	return out->failed ? -1 : 0;
}

int wn_write_explain(const struct wn_page *pg, struct wn_buf *out)
{
	for (size_t i = 0; i < pg->nblocks; i++) {
		const struct wn_block *b = &pg->blocks[i].pub;
		const char *d = b->decision == WN_KEEP ? "KEEP" : "DROP";
		wn_buf_printf(out, "%u\t%s\t%.0f\t%s", b->index, d, b->score,
		              wn_kind_name(b->kind));
		if (b->kind == WN_BLOCK_HEADING || b->kind == WN_BLOCK_LIST_ITEM)
			wn_buf_printf(out, "%u", b->level);
		wn_buf_printf(out, "\t%u\t%.2f\t%.1f\t%s\t", b->words, b->link_ratio,
		              b->density, b->path ? b->path : "");
		wn_write_reason(b, out);
		wn_buf_putc(out, '\t');
		put_preview(out, b->text, b->len);
		wn_buf_putc(out, '\n');
	}
	/* How the article's region was found: one comment line. */
	if (pg->nblocks == 0)
		return out->failed ? -1 : 0;
	wn_buf_puts(out, "# region: ");
	wn_write_region(pg, out);
	wn_buf_putc(out, '\n');
	return out->failed ? -1 : 0;
}
