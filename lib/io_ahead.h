/* SPDX-License-Identifier: MIT */
#ifndef LA_IO_AHEAD_H
#define LA_IO_AHEAD_H

#include "error.h"
#include "io.h"
#include "record.h"

/*
 * Reading ahead: a thread of its own reads the records of a reader in
 * batches while the caller checks and writes the ones before, so that a
 * program uses two processors. The caller sees what la_reader_next would
 * give, in the same order, and the reader's warnings reach its diag in
 * the caller's thread, just before the record they were raised on.
 */

struct la_ahead;

/*
 * Starts reading ahead on rd, which the caller must not use again until
 * la_ahead_stop(). With threaded 0, or when no thread can be created, the
 * records are read in the caller's thread. Returns NULL on no memory.
 */
struct la_ahead *la_ahead_start(struct la_reader *rd, int threaded);

/*
 * Points *r at the next record, as la_reader_next() fills one: returns 1
 * with a record, 0 at the end of the input, or -1 with err filled. The
 * record belongs to the la_ahead and may be changed until the next call.
 */
int la_ahead_next(struct la_ahead *a, struct la_record **r,
    struct la_error *err);

/* Stops the reading thread and frees a; the caller may close rd then. */
void la_ahead_stop(struct la_ahead *a);

#endif
