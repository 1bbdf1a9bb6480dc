/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cli.h"
#include "i18n.h"

enum mode {
	MODE_FINDINGS,
	MODE_CHANGES,
	MODE_SUMMARY,
	MODE_SAMPLE
};

struct run {
	struct la_cli cli;
	struct la_audit_opts o;
	struct la_audit *a;
	enum mode mode;
	int modes;			/* count of mode options given */
	const char *roster;
	const char *from;
	const char *to;
	long window_hours;
	int fail_on;			/* enum la_action */
	int found;			/* a finding at or above fail_on */
	int reported;			/* an error was printed already */
	struct la_writer *w;
	enum la_format format;
	struct la_record out;
};

static void
usage(FILE *fp)
{
	fputs(_("usage: la-audit [-ChmsV] [-c columns] [-E encoding] "
	    "[-f date] [-I format]\n"
	    "                [-L level] [-n count] [-O format] [-R rules] "
	    "[-r roster]\n"
	    "                [-S seed] [-T datetime] [-t date] [-w hours] "
	    "[file ...]\n"), fp);
}

static void
help(void)
{
	usage(stdout);
	fputs(_("\nAudits a stream of events (CSV, JSON Lines or JSON) for "
	    "misconduct, case\nquality and missed deadlines, and writes one "
	    "row per finding: license_no,\nname, kind, events, date, action, "
	    "case_id, detail.\n\n"
	    "  -r, --roster FILE     the pool roster: names, units, status; "
	    "events of\n"
	    "                        members not in it are reported\n"
	    "  -L, --fail-on LEVEL   exit 1 for a finding whose action is at "
	    "least\n"
	    "                        none, warning, suspend or remove "
	    "(default: none,\n"
	    "                        so any finding)\n"
	    "  -C, --changes         write roster changes (suspend, remove) "
	    "for\n"
	    "                        la-roster apply instead of findings\n"
	    "  -s, --summary         write the summary per member, unit and "
	    "in total\n"
	    "  -n, --sample N        write N closed cases drawn at random for "
	    "review\n"
	    "  -S, --seed S          seed of the sample, 0 to 2^64-1 "
	    "(default: 0)\n"
	    "  -f, --from DATE       first day of the period reported "
	    "(default: open)\n"
	    "  -t, --to DATE         last day of the period reported "
	    "(default: open)\n"
	    "  -w, --window HOURS    how far events may be out of time order, "
	    "0 to 720\n"
	    "                        (default: 24)\n\n"), stdout);
	la_cli_help_common(stdout);
	fputs(_("\nExit status: 0 no finding at the --fail-on level, 1 such a "
	    "finding,\n2 error.\n"), stdout);
}

static int
parse_long(struct run *run, const char *opt, const char *arg, long min,
    long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < min || v > max) {
		la_cli_fail(&run->cli, _("invalid value for %s: \"%s\" "
		    "(expected %ld to %ld)"), opt, arg, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

static int
parse_seed(struct run *run, const char *arg)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || arg[0] == '-') {
		la_cli_fail(&run->cli, _("invalid value for --seed: \"%s\" "
		    "(expected 0 to 18446744073709551615)"), arg);
		return -1;
	}
	run->o.seed = (uint64_t)v;
	return 0;
}

static int
parse_level(struct run *run, const char *arg)
{
	int level = la_action_parse(arg);

	if (level < 0) {
		la_cli_fail(&run->cli, _("invalid value for --fail-on: \"%s\" "
		    "(expected none, warning, suspend or remove)"), arg);
		return -1;
	}
	run->fail_on = level;
	return 0;
}

static void
set_mode(struct run *run, enum mode mode)
{
	run->mode = mode;
	run->modes++;
}

static int
own_option(struct run *run, int c, const char *arg)
{
	long n;

	switch (c) {
	case 'C':
		set_mode(run, MODE_CHANGES);
		return 0;
	case 'f':
		run->from = arg;
		return 0;
	case 'L':
		return parse_level(run, arg);
	case 'n':
		set_mode(run, MODE_SAMPLE);
		if (parse_long(run, "--sample", arg, 1, 10000000, &n) == -1)
			return -1;
		run->o.sample = (size_t)n;
		return 0;
	case 'r':
		run->roster = arg;
		return 0;
	case 's':
		set_mode(run, MODE_SUMMARY);
		return 0;
	case 'S':
		return parse_seed(run, arg);
	case 't':
		run->to = arg;
		return 0;
	case 'w':
		return parse_long(run, "--window", arg, 0, 720,
		    &run->window_hours);
	default:
		usage(stderr);
		return -1;
	}
}

static int
parse_options(struct run *run, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "changes", no_argument, NULL, 'C' },
		{ "fail-on", required_argument, NULL, 'L' },
		{ "from", required_argument, NULL, 'f' },
		{ "roster", required_argument, NULL, 'r' },
		{ "sample", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 'S' },
		{ "summary", no_argument, NULL, 's' },
		{ "to", required_argument, NULL, 't' },
		{ "window", required_argument, NULL, 'w' },
		LA_CLI_LONG,
		{ NULL, 0, NULL, 0 }
	};
	int c, rc;

	while ((c = getopt_long(argc, argv, LA_CLI_SHORT "Cf:L:n:r:sS:t:w:",
	    longopts, NULL)) != -1) {
		if ((rc = la_cli_option(&run->cli, c, optarg)) == -1)
			return -1;
		if (rc == 0 && own_option(run, c, optarg) == -1)
			return -1;
	}
	if (run->modes > 1) {
		la_cli_fail(&run->cli, _("--changes, --summary and --sample "
		    "cannot be combined"));
		return -1;
	}
	return 0;
}

static int
parse_day(struct run *run, const char *opt, const char *arg, la_day *out)
{
	struct la_date d;
	char why[128];

	if (la_parse_date(arg, &d, why, sizeof(why)) != 0) {
		la_cli_fail(&run->cli, _("invalid value for %s: \"%s\": %s"),
		    opt, arg, why);
		return -1;
	}
	*out = la_day_from_date(d);
	return 0;
}

static int
set_period(struct run *run)
{
	if (run->from != NULL) {
		run->o.has_from = 1;
		if (parse_day(run, "--from", run->from, &run->o.from) == -1)
			return -1;
	}
	if (run->to != NULL) {
		run->o.has_to = 1;
		if (parse_day(run, "--to", run->to, &run->o.to) == -1)
			return -1;
	}
	if (run->o.has_from && run->o.has_to && run->o.to < run->o.from) {
		la_cli_fail(&run->cli, _("--to %s is before --from %s"),
		    run->to, run->from);
		return -1;
	}
	return 0;
}

static int
open_writer(struct run *run)
{
	if (run->w != NULL)
		return 0;
	if ((run->w = la_cli_writer(&run->cli, run->format)) == NULL) {
		run->reported = 1;
		return -1;
	}
	return 0;
}

static int
put(void *ctx, const struct la_record *r, struct la_error *err)
{
	struct run *run = ctx;

	(void)err;
	if (open_writer(run) == -1 || la_cli_put(&run->cli, run->w, r) != 0) {
		run->reported = 1;
		return -1;
	}
	return 0;
}

static int
emit(void *ctx, const struct la_audit_finding *f, struct la_error *err)
{
	struct run *run = ctx;
	int rc = 0;

	if ((int)f->action >= run->fail_on)
		run->found = 1;
	if (run->mode == MODE_FINDINGS)
		rc = la_audit_finding_record(run->a, f, &run->out) == -1 ? -1 :
		    1;
	else if (run->mode == MODE_CHANGES)
		rc = la_audit_change_record(run->a, f, &run->out);
	if (rc == -1)
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "out of memory");
	return rc == 1 ? put(run, &run->out, err) : 0;
}

static void
report(struct run *run, const struct la_error *err)
{
	if (!run->reported)
		la_cli_error(&run->cli, err);
	run->reported = 1;
}

/*
 * Reads every record of one file into the engine: roster members when
 * roster is set, else events. The output takes the format of the first
 * file read.
 */
static int
read_file(struct run *run, const char *name, int roster)
{
	FILE *fp = la_cli_open(&run->cli, name);
	struct la_reader *rd;
	struct la_record r;
	struct la_error err;
	int rc;

	if (fp == NULL)
		return -1;
	la_error_clear(&err);
	if ((rd = la_reader_open(fp, name, &run->cli.read, &err)) == NULL) {
		la_cli_error(&run->cli, &err);
		la_cli_close(fp);
		return -1;
	}
	if (run->format == LA_FORMAT_AUTO && !roster)
		run->format = la_reader_format(rd);
	la_record_init(&r);
	while ((rc = la_reader_next(rd, &r, &err)) == 1) {
		rc = roster ? la_audit_add_member(run->a, &r, name, &err) :
		    la_audit_feed(run->a, &r, name, &err);
		if (rc != 0)
			break;
	}
	if (rc == -1)
		report(run, &err);
	la_record_free(&r);
	la_reader_close(rd);
	la_cli_close(fp);
	return rc == -1 ? -1 : 0;
}

/*
 * Writes the CSV header of findings or changes when no row was written,
 * so that la-roster apply reads an empty batch, not an empty input.
 */
static int
write_shape(struct run *run)
{
	int rc;

	if (la_writer_started(run->w) ||
	    (run->mode != MODE_FINDINGS && run->mode != MODE_CHANGES))
		return 0;
	rc = run->mode == MODE_CHANGES ? la_audit_change_shape(&run->out) :
	    la_audit_finding_shape(&run->out);
	if (rc != 0) {
		la_cli_fail(&run->cli, "%s", _("out of memory"));
		return -1;
	}
	return la_cli_put_header(&run->cli, run->w, &run->out);
}

static int
write_tail(struct run *run)
{
	struct la_error err;
	int rc = 0;

	la_error_clear(&err);
	if (run->mode == MODE_SUMMARY)
		rc = la_audit_summary(run->a, put, run, &err);
	else if (run->mode == MODE_SAMPLE)
		rc = la_audit_sample(run->a, put, run, &err);
	if (rc == 0 && open_writer(run) == -1)
		rc = -1;
	if (rc == -1)
		report(run, &err);
	else if (write_shape(run) != 0) {
		run->reported = 1;
		rc = -1;
	}
	if (run->w != NULL && la_cli_close_writer(&run->cli, run->w) != 0) {
		run->reported = 1;
		rc = -1;
	}
	run->w = NULL;
	return rc;
}

static int
audit(struct run *run, int n, char **names)
{
	struct la_error err;
	int rc = 0;

	la_error_clear(&err);
	if ((run->a = la_audit_new(&run->o, &err)) == NULL) {
		report(run, &err);
		return -1;
	}
	if (run->roster != NULL)
		rc = read_file(run, run->roster, 1);
	for (int i = 0; i < n && rc == 0; i++)
		rc = read_file(run, names[i], 0);
	if (rc == 0 && la_audit_finish(run->a, &err) != 0) {
		report(run, &err);
		rc = -1;
	}
	if (run->format == LA_FORMAT_AUTO)
		run->format = LA_FORMAT_CSV;
	if (write_tail(run) != 0)
		rc = -1;
	la_audit_free(run->a);
	la_record_free(&run->out);
	if (rc == 0 && run->found)
		rc = 1;
	return rc;
}

static void
set_options(struct run *run)
{
	run->o.rules = &run->cli.rules;
	run->o.as_of = run->cli.now;
	run->o.window = (la_time)run->window_hours * 3600;
	run->o.emit = emit;
	run->o.ctx = run;
	run->o.diag.warn = la_cli_warn;
	run->o.diag.ctx = &run->cli;
}

int
main(int argc, char **argv)
{
	static char *stdin_name[] = { "-" };
	struct run run;
	int rc;

	memset(&run, 0, sizeof(run));
	run.window_hours = 24;
	la_record_init(&run.out);
	la_cli_init(&run.cli, "la-audit");
	if (parse_options(&run, argc, argv) != 0)
		return LA_EXIT_FAIL;
	if (run.cli.help) {
		help();
		return la_cli_finish(&run.cli, LA_EXIT_OK);
	}
	if ((rc = la_cli_start(&run.cli)) == 0 && set_period(&run) != 0)
		rc = -1;
	if (rc != 0) {
		la_cli_free(&run.cli);
		return la_cli_finish(&run.cli, rc == 1 ? LA_EXIT_OK :
		    LA_EXIT_FAIL);
	}
	set_options(&run);
	argc -= optind;
	argv += optind;
	rc = argc > 0 ? audit(&run, argc, argv) : audit(&run, 1, stdin_name);
	la_cli_free(&run.cli);
	return la_cli_finish(&run.cli, rc == -1 ? LA_EXIT_FAIL :
	    rc == 1 ? LA_EXIT_FOUND : LA_EXIT_OK);
}
