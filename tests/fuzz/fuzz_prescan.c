/*
 * fuzz_prescan.c - differential libFuzzer target: Gumbo's tree of the
 * input and its tree after the prescan's stripping must agree, node by
 * node, less the stripped content (tests/treecmp.c).  A difference traps.
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
	return 0;
}
