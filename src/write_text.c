/* write_text.c - the article as plain text: kept blocks, one blank line
 * between two blocks, a newline at the end; nothing when none is kept. */
#include "page.h"

int wn_write_text(const struct wn_page *pg, struct wn_buf *out)
{
	int first = 1;
	for (size_t i = 0; i < pg->nblocks; i++) {
		const struct wn_block *b = &pg->blocks[i].pub;
		if (b->decision != WN_KEEP)
			continue;
		if (!first)
			wn_buf_putc(out, '\n');
		first = 0;
		wn_buf_put(out, b->text, b->len);
		wn_buf_putc(out, '\n');
	}
	return out->failed ? -1 : 0;
}
