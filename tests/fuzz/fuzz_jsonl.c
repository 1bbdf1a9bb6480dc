/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "fuzz.h"
#include "reader.h"

/*
 * Reads the input as JSON Lines. Odd-sized inputs are
 * read with --pad, so that both ways of handling short CSV rows run.
 */
int
fuzz_jsonl(const uint8_t *data, size_t size)
{
	struct la_read_opts opts;

	memset(&opts, 0, sizeof(opts));
	opts.format = LA_FORMAT_JSONL;
	opts.pad = size % 2;
	fuzz_read_all(data, size, &opts, NULL, NULL);
	return 0;
}

FUZZ_ENTRY(fuzz_jsonl)
