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

/* The threaded scan's prepare: the two values as they are, each ended. */
static inline size_t
scan_prepare_copy(void *ctx, const char *const *values, char *out)
{
	size_t n = 0;

	(void)ctx;
	for (int i = 0; i < 2; i++) {
		const char *v = values[i] != NULL ? values[i] : "";
		size_t len = strlen(v);

		if (len > LA_SCAN_PREPARED / 2 - 1)
			len = LA_SCAN_PREPARED / 2 - 1;
		memcpy(out + n, v, len);
		out[n + len] = '\0';
		n += len + 1;
	}
	return n;
}

static inline int
scan_commit_entry(void *ctx, const char *data, size_t len, long line,
    struct la_error *err)
{
	(void)len;
	(void)err;
	scan_entry(ctx, line, data, data + strlen(data) + 1);
	return 0;
}

/*
 * Scans fp in threads threads taking span bytes at a time. Returns the
 * rows as entries, or NULL when the reader does not open; sets *rc and
 * *reached.
 */
static inline json_t *
scan_rows_in_threads(FILE *fp, const struct la_read_opts *opts,
    int threads, size_t span, int *rc, long *reached)
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
	*rc = la_reader_scan_threads(rd, ids, 2, scan_prepare_copy,
	    scan_commit_entry, list, threads, span, NULL, reached, &err);
	la_reader_close(rd);
	return list;
}

/*
 * 1 when the scan in threads hands over the rows, result and line
 * reached of the scan in one thread, else 0 with both printed. Values
 * longer than half of LA_SCAN_PREPARED are cut alike in both.
 */
static inline int
scan_threads_agree(FILE *fp, const struct la_read_opts *opts, int threads,
    size_t span)
{
	json_t *one, *many;
	long reached_one = 0, reached_many = 0;
	int rc_one = 0, rc_many = 0, same;

	one = scan_rows_in_threads(fp, opts, 1, span, &rc_one, &reached_one);
	many = scan_rows_in_threads(fp, opts, threads, span, &rc_many,
	    &reached_many);
	if (one == NULL || many == NULL) {
		same = one == many;
	} else {
		same = json_equal(one, many) && rc_one == rc_many &&
		    reached_one == reached_many;
	}
	if (!same && one != NULL && many != NULL) {
		char *a = json_dumps(one, 0), *b = json_dumps(many, 0);

		fprintf(stderr, "one thread: %d %ld %s\n%d threads, spans of "
		    "%zu: %d %ld %s\n", rc_one, reached_one, a, threads, span,
		    rc_many, reached_many, b);
		free(a);
		free(b);
	}
	json_decref(one);
	json_decref(many);
	return same;
}

#endif
