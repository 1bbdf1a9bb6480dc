/* SPDX-License-Identifier: MIT */
#include <sys/types.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "validate_run.h"

/*
 * A run of la-validate over its operands: the first pass indexes and
 * marks every input, the second checks and writes them in turn.
 */

/* The state of one run over n inputs. */
struct files {
	struct la_validate_run *run;
	int n;
	char **names;
	FILE **fps;
	off_t *starts;		/* offset of each input's first byte */
	int *utf8;		/* input i is valid UTF-8 throughout */
	struct la_marks *marks;	/* of each input */
	struct la_column_union columns;	/* of every input */
	struct la_cli_columns output;	/* the output's columns */
};

/*
 * Sets run->has_header when rd is a JSON input or a CSV input with a
 * named column. An empty CSV input has no header and gives no column.
 */
static void
take_header(struct la_validate_run *run, const struct la_reader *rd,
    enum la_format format)
{
	const struct la_header *h = la_reader_header(rd);

	if (format != LA_FORMAT_CSV) {
		run->has_header = 1;
		return;
	}
	/* A header of unnamed cells alone gives no column. */
	for (size_t i = 0; h != NULL && i < h->ncols; i++) {
		if (la_reader_named(rd, i)) {
			run->has_header = 1;
			return;
		}
	}
}

/*
 * Checks the records of input i and writes them. Sets *format to the
 * input's format. Returns 0 or -1.
 */
static int
check_input(struct files *fs, int i, enum la_format *format)
{
	struct la_cli *cli = fs->run->cli;
	struct la_read_opts opts = cli->read;
	struct la_reader *rd;
	struct la_error err;
	int rc;

	/* The first pass checked the encoding; reading need not again. */
	if (fs->utf8[i]) {
		opts.encoding = "utf-8";
		opts.checked = 1;
	}
	la_error_clear(&err);
	la_validate_seek(fs->fps[i], fs->starts[i]);
	if ((rd = la_reader_open(fs->fps[i], fs->names[i], &opts,
	    &err)) == NULL) {
		la_cli_error(cli, &err);
		return -1;
	}
	*format = la_reader_format(rd);
	cli->input = fs->names[i];
	rc = la_validate_run_input(fs->run, rd, &fs->marks[i]);
	if (rc == 0 && !fs->run->has_header)
		take_header(fs->run, rd, *format);
	cli->input = NULL;
	la_reader_close(rd);
	return rc;
}

/*
 * Indexes every input for the duplicate check, and marks it for parts
 * when more than one thread checks. Returns 0 or -1.
 */
static int
index_inputs(struct files *fs, size_t part_bytes)
{
	struct la_validate_run *run = fs->run;
	struct la_read_opts opts = run->cli->read;
	struct la_error err;

	opts.threads = run->threads;
	for (int i = 0; i < fs->n; i++) {
		la_error_clear(&err);
		run->check->file = i;
		fs->marks[i].every = part_bytes;
		if (la_validate_index_input(run->check, fs->fps[i],
		    fs->names[i], &opts, &fs->utf8[i],
		    run->threads > 1 ? &fs->marks[i] : NULL, &err) != 0) {
			la_cli_error(run->cli, &err);
			return -1;
		}
	}
	if (la_validate_index_end(run->check, &err) != 0) {
		la_cli_error(run->cli, &err);
		return -1;
	}
	return 0;
}

/* Opens every operand so that each can be read twice. Returns 0 or -1. */
static int
open_inputs(struct files *fs)
{
	struct la_cli *cli = fs->run->cli;

	for (int i = 0; i < fs->n; i++) {
		FILE *fp = la_cli_open(cli, fs->names[i]);

		if (fp != NULL)
			fs->fps[i] = la_cli_rewindable(cli, fp, fs->names[i]);
		if (fs->fps[i] == NULL)
			return -1;
		fs->starts[i] = ftello(fs->fps[i]);
	}
	return 0;
}

static int
check_all(struct files *fs, size_t part_bytes)
{
	struct la_validate_run *run = fs->run;
	enum la_format format = run->cli->read.format;
	int rc = index_inputs(fs, part_bytes);

	if (rc == 0)
		rc = la_validate_columns_set(&fs->output, &fs->columns,
		    run->cli);
	/* With several inputs, duplicate findings name the other one. */
	run->check->files = fs->n > 1 ? fs->names : NULL;
	for (int i = 0; i < fs->n && rc == 0; i++) {
		run->check->file = i;
		rc = check_input(fs, i, &format);
	}
	if (rc == 0)
		return la_validate_run_finish(run, format);
	if (run->out != NULL)
		la_cli_close_writer(run->cli, run->out);
	run->out = NULL;
	return -1;
}

int
la_validate_files(struct la_validate_run *run, int n, char **names,
    size_t part_bytes)
{
	struct la_validate check;
	struct la_error err;
	struct files fs;
	int rc = -1;

	memset(&fs, 0, sizeof(fs));
	fs.run = run;
	fs.n = n;
	fs.names = names;
	fs.fps = calloc((size_t)n, sizeof(*fs.fps));
	fs.starts = calloc((size_t)n, sizeof(*fs.starts));
	fs.utf8 = calloc((size_t)n, sizeof(*fs.utf8));
	fs.marks = calloc((size_t)n, sizeof(*fs.marks));
	la_error_clear(&err);
	if (fs.fps == NULL || fs.starts == NULL || fs.utf8 == NULL ||
	    fs.marks == NULL)
		la_cli_fail(run->cli, "%s", _("out of memory"));
	else if (la_validate_init(&check, &run->cli->rules, run->cli->now,
	    &err) != 0)
		la_cli_error(run->cli, &err);
	else
		rc = 0;
	if (rc == 0) {
		check.mask = run->cli->write.mask;
		check.columns = &fs.columns;
		run->check = &check;
		if ((rc = open_inputs(&fs)) == 0)
			rc = check_all(&fs, part_bytes);
		la_validate_free(&check);
		run->check = NULL;
	}
	run->has_header = 0;
	for (int i = 0; fs.fps != NULL && i < n; i++)
		la_cli_close(fs.fps[i]);
	for (int i = 0; fs.marks != NULL && i < n; i++)
		la_marks_free(&fs.marks[i]);
	free(fs.fps);
	free(fs.starts);
	free(fs.utf8);
	free(fs.marks);
	la_column_union_free(&fs.columns);
	la_cli_columns_free(&fs.output, run->cli);
	return rc;
}
