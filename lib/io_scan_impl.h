/* SPDX-License-Identifier: MIT */
#ifndef LA_IO_SCAN_IMPL_H
#define LA_IO_SCAN_IMPL_H

/*
 * The row splitting of the quick scan, shared by io_scan.c, which scans
 * in the reader's chunks, and io_scanpar.c, which scans spans of a mapped
 * input in threads. Programs use io_scan.h.
 */

#include "io_impl.h"
#include "io_scan.h"

/*
 * Rows are at most this long. A longer one might hold more columns than
 * the reader allows, which the scan does not count.
 */
#define SCAN_MAX_ROW	LA_IO_MAX_COLUMNS

enum row_rc {
	ROW_DONE,		/* a row or a blank line was read */
	ROW_MORE,		/* the bytes end inside the row */
	ROW_GIVE_UP
};

struct scan {
	struct la_reader *rd;
	char delim;
	size_t nids;
	size_t pos[LA_SCAN_MAX_IDS];	/* column of each id, or SIZE_MAX */
	size_t last;			/* columns to read: highest pos + 1 */
	int *want;			/* for each column below last, the
					   index of its id, or -1 */
	unsigned char stop[256];	/* bytes that end an unquoted field */
	struct la_buf carry;		/* a row split between two chunks */
	struct la_buf value[LA_SCAN_MAX_IDS];
	const char *values[LA_SCAN_MAX_IDS];
	int any;			/* some wanted value is not empty */
	long line;			/* line where the row starts */
	long lines;			/* line ends in the row */
	struct la_marks *marks;		/* NULL: no marks are kept */
	const char *base;		/* the input's first byte */
	size_t every;			/* bytes between marks, at least 1 */
	size_t next_mark;		/* offset the next mark must reach */
};

/* The position of the row being read. */
struct cursor {
	const char *p;
	const char *end;
	int eof;			/* no bytes follow end */
	int in_input;			/* p points into the input itself */
};

/*
 * Reads one row from c->p, moving c->p past it on ROW_DONE, with the
 * wanted values in s->values and s->any set when one is not empty.
 */
enum row_rc la_scan_row(struct scan *s, struct cursor *c);

/*
 * Sets up s to scan the rest of rd for nids columns. Returns 1, or 0 when
 * rd cannot be scanned: not CSV, more than LA_SCAN_MAX_IDS columns, not
 * at a line start after the header, or a delimiter other than ','.
 */
int la_scan_start(struct scan *s, struct la_reader *rd, size_t nids);

/* Frees what s holds; s itself is the caller's. */
void la_scan_free(struct scan *s);

/*
 * Finds the wanted columns in s->rd's header. With none there, every row
 * is still split, so that the scan gives up where the reader would stop.
 * Returns 0 when memory runs out.
 */
int la_scan_columns(struct scan *s, const int *ids, size_t nids);

#endif
