/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "io_ahead.h"
#include "validate.h"

struct run {
	struct la_cli cli;
	struct la_validate check;
	const char *only;	/* status to keep, or NULL for all */
	struct la_writer *out;
	int status;
};

static void
usage(FILE *fp)
{
	fputs(_("usage: la-validate [-hmV] [-c columns] [-E encoding] "
	    "[-I format] [-O format]\n"
	    "                   [-o status] [-R rules] [-T datetime] "
	    "[file ...]\n"), fp);
}

static void
help(void)
{
	usage(stdout);
	fputs(_("\nChecks legal aid pool applications against the eligibility "
	    "rules and adds\nstatus, eligible_services and findings to each "
	    "record.\n\n"
	    "  -o, --only STATUS         write only records with this status:\n"
	    "                            eligible, ineligible or late\n"), stdout);
	la_cli_help_common(stdout);
	fputs(_("\nExit status: 0 all eligible, 1 some ineligible or late, "
	    "2 error.\n"), stdout);
}

static int
parse_options(struct run *run, int argc, char **argv)
{
	static const char *const values[] = {
		LA_STATUS_ELIGIBLE, LA_STATUS_INELIGIBLE, LA_STATUS_LATE, NULL
	};
	int rc = la_cli_parse_only(&run->cli, argc, argv, values, &run->only);

	if (rc == -2)
		usage(stderr);
	return rc < 0 ? -1 : 0;
}

/* Writes r unless --only filters it out. */
static int
emit(struct run *run, struct la_record *r, enum la_format format)
{
	struct la_field *status;

	status = la_record_find_id(r, LA_F_STATUS);
	if (status != NULL && strcmp(status->value, LA_STATUS_ELIGIBLE) != 0)
		run->status = LA_EXIT_FOUND;
	if (run->only != NULL && (status == NULL ||
	    strcmp(status->value, run->only) != 0))
		return 0;
	if (run->out == NULL && (run->out = la_cli_writer(&run->cli,
	    format)) == NULL)
		return -1;
	return la_cli_put(&run->cli, run->out, r);
}

/*
 * Checks the records of rd and writes them, while a second thread reads
 * ahead. Returns 1 at the end, or -1 with err filled.
 */
static int
check_records(struct run *run, struct la_reader *rd, struct la_error *err)
{
	struct la_ahead *ahead;
	struct la_record *r;
	int rc;

	if ((ahead = la_ahead_start(rd)) == NULL)
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL, "%s",
		    _("out of memory"));
	while ((rc = la_ahead_next(ahead, &r, err)) == 1) {
		if ((rc = la_validate_record(&run->check, r, err)) == 0)
			rc = emit(run, r, la_reader_format(rd));
		if (rc != 0)
			break;
	}
	la_ahead_stop(ahead);
	return rc;
}

/*
 * Checks the records of one input and writes them; utf8 is set when the
 * first pass found it all valid UTF-8. Returns 0 or -1.
 */
static int
check_input(struct run *run, FILE *fp, const char *name, int utf8)
{
	struct la_read_opts opts = run->cli.read;
	struct la_reader *rd;
	struct la_error err;
	int rc;

	if (utf8) {
		opts.encoding = "utf-8";
		opts.checked = 1;
	}
	la_error_clear(&err);
	rewind(fp);
	if ((rd = la_reader_open(fp, name, &opts, &err)) == NULL) {
		la_cli_error(&run->cli, &err);
		return -1;
	}
	rc = check_records(run, rd, &err);
	if (rc == -1 && err.code != LA_ERR_NONE)
		la_cli_error(&run->cli, &err);
	la_reader_close(rd);
	return rc == -1 ? -1 : 0;
}

/*
 * Indexes every input for the duplicate check, setting utf8[i] when input
 * i is valid UTF-8 throughout. Returns 0 or -1.
 */
static int
index_inputs(struct run *run, int n, FILE **files, char **names, int *utf8)
{
	struct la_error err;

	for (int i = 0; i < n; i++) {
		la_error_clear(&err);
		run->check.file = i;
		if (la_validate_index_input(&run->check, files[i], names[i],
		    &run->cli.read, &utf8[i], &err) != 0) {
			la_cli_error(&run->cli, &err);
			return -1;
		}
	}
	if (la_validate_index_end(&run->check, &err) != 0) {
		la_cli_error(&run->cli, &err);
		return -1;
	}
	return 0;
}

/* Opens every operand so that each can be read twice. */
static FILE **
open_inputs(struct run *run, int n, char **names)
{
	FILE **files = calloc((size_t)n, sizeof(*files));

	if (files == NULL)
		return NULL;
	for (int i = 0; i < n; i++) {
		FILE *fp = la_cli_open(&run->cli, names[i]);

		if (fp != NULL)
			files[i] = la_cli_rewindable(&run->cli, fp, names[i]);
		if (files[i] == NULL)
			return NULL;
	}
	return files;
}

static int
validate_all(struct run *run, int n, char **names)
{
	FILE **files = open_inputs(run, n, names);
	int *utf8 = calloc((size_t)n, sizeof(*utf8));
	int rc = files != NULL && utf8 != NULL ? 0 : -1;
	struct la_error err;

	la_error_clear(&err);
	if (rc == 0 && la_validate_init(&run->check, &run->cli.rules,
	    run->cli.now, &err) != 0) {
		la_cli_error(&run->cli, &err);
		rc = -1;
	}
	run->check.mask = run->cli.write.mask;
	if (rc == 0)
		rc = index_inputs(run, n, files, names, utf8);
	/* With several inputs, duplicate findings name the other one. */
	run->check.files = n > 1 ? names : NULL;
	for (int i = 0; i < n && rc == 0; i++) {
		run->check.file = i;
		rc = check_input(run, files[i], names[i], utf8[i]);
	}
	if (rc == 0 && run->out == NULL)
		run->out = la_cli_writer(&run->cli, run->cli.read.format);
	if (run->out != NULL && la_cli_close_writer(&run->cli, run->out) != 0)
		rc = -1;
	for (int i = 0; files != NULL && i < n; i++)
		la_cli_close(files[i]);
	free(files);
	free(utf8);
	la_validate_free(&run->check);
	return rc;
}

int
main(int argc, char **argv)
{
	static char *stdin_name[] = { "-" };
	struct run run;
	int rc;

	memset(&run, 0, sizeof(run));
	la_cli_init(&run.cli, "la-validate");
	if (parse_options(&run, argc, argv) != 0)
		return LA_EXIT_FAIL;
	if (run.cli.help) {
		help();
		return la_cli_finish(&run.cli, LA_EXIT_OK);
	}
	if ((rc = la_cli_start(&run.cli)) != 0) {
		la_cli_free(&run.cli);
		return la_cli_finish(&run.cli, rc == 1 ? LA_EXIT_OK :
		    LA_EXIT_FAIL);
	}
	argc -= optind;
	argv += optind;
	rc = argc > 0 ? validate_all(&run, argc, argv) :
	    validate_all(&run, 1, stdin_name);
	la_cli_free(&run.cli);
	return la_cli_finish(&run.cli, rc == 0 ? run.status : LA_EXIT_FAIL);
}
