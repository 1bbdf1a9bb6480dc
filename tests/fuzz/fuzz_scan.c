/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "fuzz.h"
#include "reader.h"
#include "scan.h"

/*
 * The quick key scan of la-validate's first pass against the CSV reader:
 * whatever the scan hands over must be what the reader reads.
 */
int
fuzz_scan(const uint8_t *data, size_t size)
{
	struct la_read_opts opts;
	FILE *fp;
	int scanned;

	memset(&opts, 0, sizeof(opts));
	opts.format = LA_FORMAT_CSV;
	opts.pad = size % 2;
	if ((fp = fuzz_open_bytes(data, size)) == NULL)
		return 0;
	FUZZ_CHECK(scan_agrees(fp, &opts, &scanned));
	fclose(fp);
	return 0;
}

FUZZ_ENTRY(fuzz_scan)
