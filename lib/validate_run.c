/* SPDX-License-Identifier: MIT */
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "io_ahead.h"
#include "validate_run.h"

/*
 * The second pass of la-validate in one stream: a thread reads the
 * records ahead while the calling thread checks and writes them. The
 * parts of a marked input go to validate_parts.c first.
 */

int
la_validate_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > 8 ? 8 : (int)n;
}

int
la_validate_run_skips(const struct la_validate_run *run,
    const struct la_record *r, int *found)
{
	const struct la_field *status = la_record_find_id(r, LA_F_STATUS);

	if (status != NULL && strcmp(status->value, LA_STATUS_ELIGIBLE) != 0)
		*found = 1;
	return run->only != NULL && (status == NULL ||
	    strcmp(status->value, run->only) != 0);
}

/* Writes r unless --only drops it; opens the output at the first. */
static int
emit(struct la_validate_run *run, const struct la_record *r,
    enum la_format format)
{
	if (la_validate_run_skips(run, r, &run->found))
		return 0;
	if (run->out == NULL &&
	    (run->out = la_cli_writer(run->cli, format)) == NULL)
		return -1;
	return la_cli_put(run->cli, run->out, r);
}

/*
 * Checks the records of rd from its current position and writes them.
 * Returns 1 at the end, or -1 with err filled, or with err empty when the
 * error was printed already.
 */
static int
check_stream(struct la_validate_run *run, struct la_reader *rd,
    struct la_error *err)
{
	struct la_ahead *ahead;
	struct la_record *r;
	int rc;

	if ((ahead = la_ahead_start(rd, run->threads > 1)) == NULL)
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL, "%s",
		    _("out of memory"));
	while ((rc = la_ahead_next(ahead, &r, err)) == 1) {
		if ((rc = la_validate_record(run->check, r, err)) == 0)
			rc = emit(run, r, la_reader_format(rd));
		if (rc != 0)
			break;
	}
	la_ahead_stop(ahead);
	return rc;
}

/* Nonzero when the marks cover rd's rows from its current position. */
static int
parts_apply(const struct la_reader *rd, const struct la_marks *marks)
{
	size_t off;

	return marks != NULL && marks->n >= 2 && la_reader_can_part(rd) &&
	    la_reader_offset(rd, &off) && off == marks->v[0].off;
}

int
la_validate_run_input(struct la_validate_run *run, struct la_reader *rd,
    const struct la_marks *marks)
{
	struct la_error err;
	int rc;

	if (parts_apply(rd, marks)) {
		if ((rc = la_validate_run_parts(run, rd, marks)) == -1)
			return -1;
		/* 1: no thread could start, so the stream takes every row. */
		if (rc == 0)
			la_reader_seek(rd, &marks->v[marks->n - 1]);
	}
	la_error_clear(&err);
	rc = check_stream(run, rd, &err);
	if (rc == -1 && err.code != LA_ERR_NONE)
		la_cli_error(run->cli, &err);
	return rc == -1 ? -1 : 0;
}

/*
 * Writes the CSV header alone when no record was written, so that the
 * next program of a pipeline reads a header and no record instead of
 * an empty input. The header is the output's columns, which
 * la_validate_columns_set() fixed from every input. Returns 0, or -1
 * after printing the error.
 */
static int
write_shape(struct la_validate_run *run)
{
	const struct la_write_opts *opts = &run->cli->write;
	struct la_record r;
	int rc = 0;

	if (!run->has_header)
		return 0;
	la_record_init(&r);
	for (size_t i = 0; i < opts->ncolumns && rc == 0; i++)
		if (la_record_append(&r, opts->columns[i],
		    opts->column_ids[i], "", 0, LA_KIND_TEXT) == NULL)
			rc = -1;
	if (rc != 0)
		la_cli_fail(run->cli, "%s", _("out of memory"));
	else
		rc = la_cli_put_header(run->cli, run->out, &r);
	la_record_free(&r);
	return rc;
}

int
la_validate_run_finish(struct la_validate_run *run, enum la_format input)
{
	int rc = 0;

	if (run->out == NULL &&
	    (run->out = la_cli_writer(run->cli, input)) == NULL)
		return -1;
	/* Records came before this point, in every thread, or none did. */
	if (!la_writer_started(run->out) && write_shape(run) != 0)
		rc = -1;
	if (la_cli_close_writer(run->cli, run->out) != 0)
		rc = -1;
	run->out = NULL;
	return rc;
}
