/* SPDX-License-Identifier: MIT */
#ifndef LA_IO_SCAN_H
#define LA_IO_SCAN_H

#include "error.h"
#include "io.h"

/*
 * A quick first pass over CSV input that reads a few columns of every row
 * and nothing else, for a program that must know them before it reads the
 * records (la-validate's duplicate index). It splits rows itself and stops
 * at the last column it needs, so it costs a small part of a full read.
 *
 * It reads only what it can split exactly as la_reader_next would, and
 * gives up on anything else: a quote inside an unquoted field, text after
 * a closing quote, a CR that does not end a CRLF line, a quote left open,
 * a row of 16384 bytes or more (it might have more columns than the
 * reader takes), a delimiter other than the comma, lines ended by CR
 * alone, or any read or encoding error. The caller then reads the input
 * with la_reader_next, which reports such faults properly.
 */

#define LA_SCAN_MAX_IDS 8

/*
 * Called once for each row with a value in a wanted column. values[i] is
 * the value of the column of ids[i] as la_reader_next would give it, or
 * NULL when the header or the row has no such column. line is the line
 * where the row starts. Returns 0, or -1 with err filled to stop the scan.
 */
typedef int la_scan_fn(void *ctx, const char *const *values, long line,
    struct la_error *err);

/*
 * Scans the rest of a CSV input that rd has just opened (no record read
 * yet) for the columns of the nids catalogue ids (at most LA_SCAN_MAX_IDS).
 * Returns 1 when every row was scanned, 0 when the scan gave up, or -1
 * when fn failed, with err filled. On giving up, *reached is the line
 * where the first row not handed to fn starts: close rd and read the
 * input again from its start, skipping the records before that line.
 * rd can only be closed afterwards.
 *
 * With marks not NULL, and an input that la_reader_offset() accepts,
 * the scan also appends marks (io.h): the start of its first row, then
 * row starts at least marks->every bytes apart and, when it scanned
 * every row, the end of the input. So parts between the marks cover
 * the input up to the last mark, and a reader seeking to the last mark
 * reads the rest.
 */
int la_reader_scan(struct la_reader *rd, const int *ids, size_t nids,
    la_scan_fn *fn, void *ctx, struct la_marks *marks, long *reached,
    struct la_error *err);

/*
 * The scan in threads. prepare runs in the scanning threads, once for each
 * row with a wanted value: it writes at most LA_SCAN_PREPARED bytes to out
 * and returns how many, or 0 to skip the row. commit then takes those
 * bytes in the caller's thread, row after row in order, with the line
 * where the row starts. It returns 0, or -1 with err filled to stop the
 * scan.
 */
#define LA_SCAN_PREPARED 2048

typedef size_t la_scan_prepare_fn(void *ctx, const char *const *values,
    char *out);
typedef int la_scan_commit_fn(void *ctx, const char *data, size_t len,
    long line, struct la_error *err);

/*
 * Scans as la_reader_scan() does, with the same results, except that the
 * marks may fall on other rows. When threads is 2 or more and rd maps
 * a UTF-8 input (la_reader_offset), threads threads scan it in spans of
 * about span bytes. Each span starts after a line end, as if no quoted
 * value spanned it. Where one did, the caller's thread scans the span
 * again from the end of the row before. A mapped input that is not
 * checked yet is checked for UTF-8 first, and one that is not valid is
 * scanned in the caller's thread, where the scan gives up at the fault.
 */
int la_reader_scan_threads(struct la_reader *rd, const int *ids,
    size_t nids, la_scan_prepare_fn *prepare, la_scan_commit_fn *commit,
    void *ctx, int threads, size_t span, struct la_marks *marks,
    long *reached, struct la_error *err);

#endif
