/* SPDX-License-Identifier: MIT */
/*
 * TEMPORARY STUB for the schedule branch: io.h until main has the real
 * module. Deleted once it lands.
 */
#include "io.h"

int
la_reader_next(struct la_reader *rd, struct la_record *r,
    struct la_error *err)
{
	(void)rd;
	(void)r;
	(void)err;
	return 0;
}
