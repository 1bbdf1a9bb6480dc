/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "fuzz.h"
#include "parts.h"

/*
 * Reading a CSV input in parts between the scan's marks against reading
 * it whole: records, findings, warnings and errors must be the same.
 * Parts need a mapped file, so the input goes to a temporary file. Its
 * size picks the spacing of the marks, whether rows are padded, and
 * whether the scan that marks it runs in threads, and on what spans.
 */
int
fuzz_parts(const uint8_t *data, size_t size)
{
	struct la_read_opts opts;
	const char *path;
	size_t nparts;
	FILE *fp;

	if ((path = fuzz_temp_file(data, size)) == NULL ||
	    (fp = fopen(path, "rb")) == NULL)
		return 0;
	memset(&opts, 0, sizeof(opts));
	opts.format = LA_FORMAT_CSV;
	opts.pad = size % 2;
	FUZZ_CHECK(parts_agree(fp, &opts, 1 + size % 37, 1 + (int)(size % 3),
	    1 + size % 101, &nparts));
	fclose(fp);
	return 0;
}

FUZZ_ENTRY(fuzz_parts)
