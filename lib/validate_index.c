/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "io.h"
#include "io_scan.h"
#include "validate.h"

/*
 * The first pass of la-validate. A CSV input is scanned for its two key
 * columns only, which costs a small part of reading its records; any
 * other input, or one the scan gives up on, is read record by record.
 */

static int
index_row(void *ctx, const char *const *values, long line,
    struct la_error *err)
{
	return la_validate_index_values(ctx, values[0], values[1], line, err);
}

/* Nonzero when rd has read its whole input as UTF-8. */
static int
read_as_utf8(const struct la_reader *rd)
{
	return strcmp(la_reader_encoding(rd), "utf-8") == 0;
}

/* Indexes the records of fp that start on line from or later. */
static int
index_records(struct la_validate *v, FILE *fp, const char *name,
    const struct la_read_opts *opts, long from, int *utf8,
    struct la_error *err)
{
	struct la_reader *rd;
	struct la_record r;
	int rc;

	rewind(fp);
	if ((rd = la_reader_open(fp, name, opts, err)) == NULL)
		return -1;
	la_record_init(&r);
	while ((rc = la_reader_next(rd, &r, err)) == 1)
		if (r.line >= from && (rc = la_validate_index(v, &r,
		    err)) != 0)
			break;
	*utf8 = rc == 0 && read_as_utf8(rd);
	la_record_free(&r);
	la_reader_close(rd);
	return rc == 0 ? 0 : -1;
}

int
la_validate_index_input(struct la_validate *v, FILE *fp, const char *name,
    const struct la_read_opts *opts, int *utf8, struct la_error *err)
{
	static const int keys[] = { LA_F_ID_NUMBER, LA_F_LICENSE_NO };
	struct la_read_opts quiet = *opts;
	struct la_reader *rd;
	long reached = 0;
	int rc;

	/* The pass that reads the records gives every warning once. */
	quiet.diag.warn = NULL;
	*utf8 = 0;
	rewind(fp);
	if ((rd = la_reader_open(fp, name, &quiet, err)) == NULL)
		return -1;
	rc = la_reader_scan(rd, keys, 2, index_row, v, &reached, err);
	*utf8 = rc == 1 && read_as_utf8(rd);
	la_reader_close(rd);
	if (rc != 0)
		return rc == 1 ? 0 : -1;
	/* The scan gave up at line reached; the records go on from there. */
	return index_records(v, fp, name, &quiet, reached, utf8, err);
}
