/* SPDX-License-Identifier: MIT */
#ifndef LA_FUZZ_SCAN_H
#define LA_FUZZ_SCAN_H

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "catalogue.h"
#include "io.h"
#include "io_scan.h"

/*
 * Checks la_reader_scan() against la_reader_next() on one input. The rows
 * the scan hands over, before the line where it gave up if it did, must be
 * the records the reader returns there, with the same lines and the same
 * ID and licence numbers as C strings. The fuzz target and the unit test
 * share these helpers.
 */

/*
 * [line, id, licence] when id or licence is a non-empty C string. A value
 * the row lacks (NULL) and an empty one index alike, so both are "".
 */
static inline void
scan_entry(json_t *list, long line, const char *id, const char *lic)
{
	id = id != NULL ? id : "";
	lic = lic != NULL ? lic : "";
	if (id[0] == '\0' && lic[0] == '\0')
		return;
	json_array_append_new(list, json_pack("[I,s,s]", (json_int_t)line,
	    id, lic));
}

static inline int
scan_collect(void *ctx, const char *const *values, long line,
    struct la_error *err)
{
	(void)err;
	scan_entry(ctx, line, values[0], values[1]);
	return 0;
}

/*
 * Scans fp with opts. Returns the rows as entries, or NULL when the reader
 * does not open; sets *rc to la_reader_scan's result and *reached.
 */
static inline json_t *
scan_rows_of(FILE *fp, const struct la_read_opts *opts, int *rc,
    long *reached)
{
	static const int ids[] = { LA_F_ID_NUMBER, LA_F_LICENSE_NO };
	struct la_reader *rd;
	struct la_error err;
	json_t *list;

	la_error_clear(&err);
	rewind(fp);
	if ((rd = la_reader_open(fp, "input", opts, &err)) == NULL)
		return NULL;
	list = json_array();
	*rc = la_reader_scan(rd, ids, 2, scan_collect, list, NULL, reached,
	    &err);
	la_reader_close(rd);
	return list;
}

/*
 * The same entries from the records that start before line until. Sets
 * *failed when the reader stops with an error.
 */
static inline json_t *
scan_records_of(FILE *fp, const struct la_read_opts *opts, long until,
    int *failed)
{
	struct la_reader *rd;
	struct la_record r;
	struct la_error err;
	json_t *list = json_array();
	int rc;

	la_error_clear(&err);
	rewind(fp);
	*failed = 1;
	if ((rd = la_reader_open(fp, "input", opts, &err)) == NULL)
		return list;
	la_record_init(&r);
	while ((rc = la_reader_next(rd, &r, &err)) == 1)
		if (r.line < until)
			scan_entry(list, r.line, la_record_get(&r,
			    LA_F_ID_NUMBER), la_record_get(&r,
			    LA_F_LICENSE_NO));
	*failed = rc == -1;
	la_record_free(&r);
	la_reader_close(rd);
	return list;
}

/*
 * 1 when the scan agrees with the reader on fp (or gives up at once),
 * else 0. *scanned is la_reader_scan's result.
 */
static inline int
scan_agrees(FILE *fp, const struct la_read_opts *opts, int *scanned)
{
	json_t *rows, *records;
	long reached = 0;
	int rc = 0, failed, same;

	*scanned = 0;
	if ((rows = scan_rows_of(fp, opts, &rc, &reached)) == NULL)
		return 1;
	*scanned = rc;
	records = scan_records_of(fp, opts, rc == 1 ? LONG_MAX : reached,
	    &failed);
	/*
	 * A scan that read everything promises that the records read
	 * without error; one that gave up promises only the rows before.
	 */
	same = json_equal(rows, records) && !(rc == 1 && failed);
	if (!same) {
		char *a = json_dumps(rows, 0), *b = json_dumps(records, 0);

		fprintf(stderr, "scan: %s\nrecords: %s\nscan result %d, "
		    "reached %ld, reader failed %d\n", a, b, rc, reached,
		    failed);
		free(a);
		free(b);
	}
	json_decref(rows);
	json_decref(records);
	return same;
}

#endif
