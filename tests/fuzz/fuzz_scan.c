/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "fuzz.h"
#include "reader.h"
#include "scan.h"

/*
 * The quick key scan of la-validate's first pass against the CSV reader:
 * whatever the scan hands over must be what the reader reads. The scan in
 * threads must hand over what the scan in one thread does.
 */
int
fuzz_scan(const uint8_t *data, size_t size)
{
	struct la_read_opts opts;
	const char *path;
	FILE *fp;
	int scanned;

	memset(&opts, 0, sizeof(opts));
	opts.format = LA_FORMAT_CSV;
	opts.pad = size % 2;
	if ((fp = fuzz_open_bytes(data, size)) == NULL)
		return 0;
	FUZZ_CHECK(scan_agrees(fp, &opts, &scanned));
	fclose(fp);
	/* The scan in threads needs a mapped file. */
	if ((path = fuzz_temp_file(data, size)) == NULL ||
	    (fp = fopen(path, "rb")) == NULL)
		return 0;
	FUZZ_CHECK(scan_threads_agree(fp, &opts, 2 + (int)(size % 2),
	    1 + size % 50));
	fclose(fp);
	return 0;
}

FUZZ_ENTRY(fuzz_scan)
