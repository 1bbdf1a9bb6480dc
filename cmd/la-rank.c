/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "rank.h"

struct run {
	struct la_cli cli;
	struct la_ranking ranking;
	const char *only;	/* selection to keep, or NULL for all */
	enum la_format format;	/* of the first input */
	int has_status;		/* some record came through la-validate */
	struct la_cli_columns columns;	/* of the CSV output */
	long input_records;	/* records with a finding of rule "input" */
};

static void
usage(FILE *fp)
{
	fputs(_("usage: la-rank [-hmV] [-c columns] [-E encoding] [-I format] "
	    "[-O format]\n"
	    "               [-o selection] [-R rules] [-T datetime] "
	    "[file ...]\n"), fp);
}

static void
help(void)
{
	usage(stdout);
	fputs(_("\nScores la-validate's output, ranks the eligible records "
	    "within each category\nand selects them under the quotas; adds "
	    "score and its parts, rank,\nselection and selection_reason.\n\n"
	    "  -o, --only SELECTION      write only records with this "
	    "selection:\n"
	    "                            selected, waitlist or not_selected\n"),
	    stdout);
	la_cli_help_common(stdout);
	fputs(_("\nExit status: 0 quotas met, 1 a quota or minimum cannot be "
	    "met, 2 error.\n"), stdout);
}

static int
parse_options(struct run *run, int argc, char **argv)
{
	static const char *const values[] = {
		LA_SELECTED, LA_WAITLIST, LA_NOT_SELECTED, NULL
	};
	int rc = la_cli_parse_only(&run->cli, argc, argv, values, &run->only);

	if (rc == -2)
		usage(stderr);
	return rc < 0 ? -1 : 0;
}

/* Records whose reader findings are printed; later ones are counted. */
#define SHOWN_INPUT_RECORDS 10

/*
 * Prints the findings of rule "input" that the reader gave r, as
 * la-validate writes them in its findings field, since la-rank's output
 * keeps la-validate's findings field as it was read.
 */
static void
warn_input_findings(struct run *run, const char *name,
    const struct la_record *r)
{
	struct la_error w;

	if (!la_record_has_finding(r, "input"))
		return;
	if (run->input_records++ >= SHOWN_INPUT_RECORDS)
		return;
	for (size_t i = 0; i < r->nfindings; i++) {
		if (strcmp(r->findings[i].rule, "input") != 0)
			continue;
		la_error_clear(&w);
		la_error_set(&w, LA_ERR_NONE, strcmp(name, "-") == 0 ?
		    "<stdin>" : name, r->line, NULL, "%s",
		    r->findings[i].message);
		la_cli_warn(&run->cli, &w);
	}
}

/* Starts adding the records of rd, with its CSV header's columns. */
static int
start_input(struct run *run, const char *name, struct la_reader *rd)
{
	struct la_header h;
	int rc;

	if (la_reader_columns(rd, &h) != 0)
		return -1;
	rc = la_ranking_start_input(&run->ranking, name, &h);
	la_header_free(&h);
	return rc;
}

static int
read_input(struct run *run, const char *name)
{
	FILE *fp = la_cli_open(&run->cli, name);
	struct la_reader *rd;
	struct la_record r;
	struct la_error err;
	int rc = 0;

	if (fp == NULL)
		return -1;
	la_error_clear(&err);
	if ((rd = la_reader_open(fp, name, &run->cli.read, &err)) == NULL) {
		la_cli_error(&run->cli, &err);
		la_cli_close(fp);
		return -1;
	}
	if (run->format == LA_FORMAT_AUTO)
		run->format = la_reader_format(rd);
	if (start_input(run, name, rd) != 0) {
		la_cli_fail(&run->cli, "%s", _("out of memory"));
		rc = -1;
	}
	la_record_init(&r);
	while (rc == 0 && (rc = la_reader_next(rd, &r, &err)) == 1) {
		if (la_record_find_id(&r, LA_F_STATUS) != NULL)
			run->has_status = 1;
		warn_input_findings(run, name, &r);
		if ((rc = la_ranking_add(&run->ranking, &r, &err)) != 0)
			break;
	}
	if (rc == -1 && err.code != LA_ERR_NONE)
		la_cli_error(&run->cli, &err);
	la_record_free(&r);
	la_reader_close(rd);
	la_cli_close(fp);
	return rc == -1 ? -1 : 0;
}

/* Writes the CSV header alone, for an output with no record. */
static int
write_shape(struct run *run, struct la_writer *w)
{
	struct la_record r;
	int rc;

	if (run->ranking.columns.n == 0)
		return 0;
	la_record_init(&r);
	if (la_ranking_shape(&run->ranking, &r) != 0) {
		la_cli_fail(&run->cli, "%s", _("out of memory"));
		rc = -1;
	} else
		rc = la_cli_put_header(&run->cli, w, &r);
	la_record_free(&r);
	return rc;
}

static int
write_all(struct run *run)
{
	struct la_writer *w = NULL;
	struct la_record r;
	struct la_error err;
	int rc = la_ranking_columns_set(&run->ranking, &run->columns,
	    &run->cli);

	if (rc == 0 && (w = la_cli_writer(&run->cli, run->format)) == NULL)
		rc = -1;

	la_error_clear(&err);
	la_record_init(&r);
	for (size_t i = 0; rc == 0 && i < run->ranking.n; i++) {
		struct la_field *f;

		if ((rc = la_ranking_get(&run->ranking, i, &r, &err)) != 0) {
			la_cli_error(&run->cli, &err);
			break;
		}
		f = la_record_find_id(&r, LA_F_SELECTION);
		/* A warning of the writer names the record's input. */
		run->cli.input = la_ranking_input(&run->ranking, i);
		if (run->only == NULL || strcmp(f->value, run->only) == 0)
			rc = la_cli_put(&run->cli, w, &r);
	}
	run->cli.input = NULL;
	la_record_free(&r);
	if (rc == 0 && !la_writer_started(w))
		rc = write_shape(run, w);
	if (w != NULL && la_cli_close_writer(&run->cli, w) != 0)
		rc = -1;
	return rc;
}

static int
rank_all(struct run *run, int n, char **names)
{
	struct la_error err;
	int rc = 0;

	la_error_clear(&err);
	la_ranking_init(&run->ranking, &run->cli.rules);
	for (int i = 0; i < n && rc == 0; i++)
		rc = read_input(run, names[i]);
	if (run->input_records > SHOWN_INPUT_RECORDS)
		la_cli_fail(&run->cli, _("warning: %ld more records have "
		    "findings of rule \"input\"; none of them is selected"),
		    run->input_records - SHOWN_INPUT_RECORDS);
	/*
	 * No record at all means an upstream step failed, not a shortfall,
	 * unless la-validate wrote its header: then no application came in.
	 */
	if (rc == 0 && run->ranking.n == 0 &&
	    !la_ranking_has_column(&run->ranking, LA_F_STATUS)) {
		la_cli_fail(&run->cli, "%s", _("no records to rank; check "
		    "the step that wrote the input"));
		rc = -1;
	} else if (rc == 0 && run->ranking.n > 0 && !run->has_status) {
		la_cli_fail(&run->cli, "%s", _("no record has a status field; "
		    "run la-validate first"));
		rc = -1;
	}
	if (rc == 0 && la_ranking_run(&run->ranking, &err) != 0) {
		la_cli_error(&run->cli, &err);
		rc = -1;
	}
	if (rc == 0)
		rc = write_all(run);
	for (size_t i = 0; rc == 0 && i < run->ranking.nproblems; i++)
		la_cli_fail(&run->cli, "%s", run->ranking.problems[i]);
	if (rc == 0 && run->ranking.nproblems > 0)
		rc = 1;
	la_cli_columns_free(&run->columns, &run->cli);
	la_ranking_free(&run->ranking);
	return rc;
}

int
main(int argc, char **argv)
{
	static char *stdin_name[] = { "-" };
	struct run run;
	int rc;

	memset(&run, 0, sizeof(run));
	la_cli_init(&run.cli, "la-rank");
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
	rc = argc > 0 ? rank_all(&run, argc, argv) :
	    rank_all(&run, 1, stdin_name);
	la_cli_free(&run.cli);
	return la_cli_finish(&run.cli, rc == -1 ? LA_EXIT_FAIL :
	    rc == 1 ? LA_EXIT_FOUND : LA_EXIT_OK);
}
