/*
 * fuzz_prescan.c - differential libFuzzer target: Gumbo's tree of the
 * input and its tree after the prescan's stripping must agree, node by
 * node, less the stripped content, and the prescan's bounds must hold in
 * Gumbo's tree of what it passes on (tests/treecmp.c).  A failure traps.
 */
#include <stdint.h>
#include <stdio.h>

#include "treecmp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[512];
	if (wn_treecmp((const char *)data, size, why, sizeof why) < 0) {
		fprintf(stderr, "trees differ: %s\n", why);
		__builtin_trap();
	}
	/* Small bounds, so that small inputs cross them. */
	if (wn_treebounds((const char *)data, size, 24, 8, why, sizeof why) != 0) {
		fprintf(stderr, "bounds do not hold: %s\n", why);
		__builtin_trap();
	}
	return 0;
}
