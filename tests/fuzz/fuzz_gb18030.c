/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "fuzz.h"
#include "reader.h"

/*
 * Reads the input as GB18030, given explicitly, and as Big5, so that the
 * iconv path runs on every input and not only on those that are not
 * valid UTF-8. Every value must come out as valid UTF-8.
 */
int
fuzz_gb18030(const uint8_t *data, size_t size)
{
	struct la_read_opts opts;

	memset(&opts, 0, sizeof(opts));
	opts.encoding = "gb18030";
	fuzz_read_all(data, size, &opts, NULL, NULL);
	opts.encoding = "big5";
	fuzz_read_all(data, size, &opts, NULL, NULL);
	return 0;
}

FUZZ_ENTRY(fuzz_gb18030)
