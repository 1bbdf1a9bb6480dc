/* SPDX-License-Identifier: MIT */
#ifndef LA_VALIDATE_RUN_H
#define LA_VALIDATE_RUN_H

#include "cli.h"
#include "io.h"
#include "validate.h"

/*
 * The second pass of la-validate: checks each record of an input and
 * writes those that --only keeps. The rows of an input that the first
 * pass marked are checked in parts by several threads. Each thread writes
 * the records of its part into memory, and the calling thread copies the
 * parts to the output in order, so that output and diagnostics are the
 * same whatever the number of threads.
 */

/* Bytes between the marks of an input, so the size of one part. */
#define LA_VALIDATE_PART_BYTES (256 * 1024)

/* Maximum number of threads that -j accepts. */
#define LA_VALIDATE_MAX_THREADS 64

struct la_validate_run {
	struct la_cli *cli;		/* options, output and diagnostics */
	struct la_validate *check;	/* set up and indexed, in a run */
	const char *only;		/* status to keep, or NULL for all */
	int threads;			/* threads that check, at least 1 */
	struct la_writer *out;		/* opened with the first record */
	/*
	 * An input gave the output columns, so that CSV output with no
	 * record is still a header: a CSV input with a header row, or a
	 * JSON or JSON Lines input, even one with no record.
	 */
	int has_header;
	int found;			/* some record is not eligible */
	size_t parts;			/* parts checked in threads */
	size_t streamed;		/* ... whose worker wrote some out */
};

/*
 * Runs la-validate on the n operands names, "-" for standard input: the
 * first pass indexes and marks every input, every part_bytes bytes
 * (LA_VALIDATE_PART_BYTES), and the second checks and writes them in
 * turn. run->cli and run->threads must be set. Returns 0, or -1 after
 * printing the error. run->found is set when a record was not eligible.
 */
int la_validate_files(struct la_validate_run *run, int n, char **names,
    size_t part_bytes);

/*
 * The number of threads to use by default: the processors online, at
 * most 8, since the output is written by one thread.
 */
int la_validate_default_threads(void);

/*
 * Checks and writes the records of rd, an open reader of one input. When
 * marks contains the marks of this input and rd accepts parts
 * (la_reader_can_part), the rows between the marks are checked in parts
 * with run->threads threads, and the rows from the last mark on as one
 * stream after them. Returns 0, or -1 after printing the error.
 */
int la_validate_run_input(struct la_validate_run *run, struct la_reader *rd,
    const struct la_marks *marks);

/*
 * Opens the output if no record did, in the format of the last input,
 * and closes it. Returns 0, or -1 after printing the error.
 */
int la_validate_run_finish(struct la_validate_run *run, enum la_format input);

/*
 * Fixes the CSV columns of the output in cli->write from u, the union of
 * the inputs' columns, and the fields that la-validate adds, as
 * la_cli_columns_set() does. Returns 0, or -1 after printing the error.
 */
int la_validate_columns_set(struct la_cli_columns *c,
    const struct la_column_union *u, struct la_cli *cli);

/* Internal to validate_run.c and validate_parts.c. */

/* Nonzero when --only drops the checked record r; sets *found. */
int la_validate_run_skips(const struct la_validate_run *run,
    const struct la_record *r, int *found);

/*
 * Checks the parts of rd between marks in threads. Returns 0, -1 after
 * printing the error, or 1 when no thread could start and nothing was
 * read.
 */
int la_validate_run_parts(struct la_validate_run *run, struct la_reader *rd,
    const struct la_marks *marks);

#endif
