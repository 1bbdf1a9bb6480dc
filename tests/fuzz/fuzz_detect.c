/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>

#include "fuzz.h"
#include "reader.h"

/*
 * Reads the input with format and encoding detected, once from memory
 * (a stream without a file descriptor) and once from a regular file,
 * which the readers map, so that both ways of taking the input in run.
 */
int
fuzz_detect(const uint8_t *data, size_t size)
{
	struct la_read_opts opts;
	const char *path;
	long from_memory, from_file;
	FILE *fp;

	memset(&opts, 0, sizeof(opts));
	from_memory = fuzz_read_all(data, size, &opts, NULL, NULL);
	if ((path = fuzz_temp_file(data, size)) == NULL ||
	    (fp = fopen(path, "rb")) == NULL)
		return 0;
	from_file = fuzz_read_stream(fp, size, &opts, NULL, NULL);
	fclose(fp);
	/* Both ways give the same number of records, or both fail. */
	FUZZ_CHECK(from_memory == from_file);
	return 0;
}

FUZZ_ENTRY(fuzz_detect)
