/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "schedule_assign.h"
#include "schedule_duty.h"

#define MAX_HISTORY 64

struct duty_opts {
	const char *from;
	const char *to;
	const char *unavailable;
	const char *history[MAX_HISTORY];
	int nhistory;
	const char *keep;
	const char *keep_before;
	const char *ics;
	const char *grid;
	const char *member;
	int summary;
};

struct assign_opts {
	const char *roster;
	const char *state;
	const char *closed;
	const char *unavailable;
	int dry_run;
};

/* An input file open for reading records. */
struct input {
	FILE *fp;
	struct la_reader *rd;
	const char *name;	/* for messages */
};

/* Whether an output file name means standard output. */
static int
is_stdout(const char *path)
{
	return path != NULL && strcmp(path, "-") == 0;
}

static void
usage(FILE *fp)
{
	fputs(_("usage: la-schedule duty [-hmsV] [-c columns] [-E encoding] "
	    "[-g grid] [-H history]\n"
	    "           [-I format] [-i ics] [-K date] [-k rota] [-M license] "
	    "[-O format]\n"
	    "           [-R rules] [-T datetime] [-u absences] -f date -t date "
	    "[roster]\n"
	    "       la-schedule assign [-hmnV] [-C closed] [-c columns] "
	    "[-E encoding]\n"
	    "           [-I format] [-O format] [-R rules] [-S state] "
	    "[-T datetime]\n"
	    "           [-u absences] -r roster [cases ...]\n"), fp);
}

static void
help_duty(void)
{
	fputs(_("\nla-schedule duty plans the duty rota of the rules' posts "
	    "for a period and\nwrites one row per seat.\n\n"
	    "  -f, --from DATE           first day of the period\n"
	    "  -t, --to DATE             last day of the period\n"
	    "  -u, --unavailable FILE    absences: license_no, from, to, "
	    "reason\n"
	    "  -H, --history FILE        an earlier rota, so that fairness "
	    "carries over;\n"
	    "                            may be given up to 64 times\n"
	    "  -k, --keep FILE           the rota being re-planned\n"
	    "  -K, --keep-before DATE    keep its rows before DATE (default: "
	    "today)\n"
	    "  -i, --ics FILE            also write an iCalendar file; - "
	    "writes it to\n"
	    "                            standard output instead of the rota\n"
	    "  -g, --grid FILE           also write a month grid: HTML when "
	    "FILE ends in\n"
	    "                            .html or .htm, else Markdown; - as "
	    "for --ics\n"
	    "  -M, --member LICENSE      limit every output to one member\n"
	    "  -s, --summary             write one summary row per member "
	    "instead\n"
	    "                            of the rota\n"), stdout);
}

static void
help_assign(void)
{
	fputs(_("\nla-schedule assign gives each case to the next qualified "
	    "member in\nrotation and adds the member and the due dates.\n\n"
	    "  -r, --roster FILE         the pool roster\n"
	    "  -S, --state FILE          rotation state, read and replaced "
	    "(default:\n"
	    "                            none, so every run starts afresh)\n"
	    "  -C, --closed FILE         cases closed since the last run: "
	    "case_id,\n"
	    "                            closed_at\n"
	    "  -u, --unavailable FILE    absences: license_no, from, to, "
	    "reason; an\n"
	    "                            absent member takes no case\n"
	    "  -n, --dry-run             do not replace the state file\n"),
	    stdout);
}

static void
help(int duty, int assign)
{
	usage(stdout);
	if (duty)
		help_duty();
	if (assign)
		help_assign();
	fputc('\n', stdout);
	la_cli_help_common(stdout);
	fputs(_("\nExit status: 0 every seat filled and every case assigned, "
	    "1 a seat left\nempty, a case not assigned or a roster record "
	    "left out, 2 error.\n"), stdout);
}

static int
duty_option(struct la_cli *cli, struct duty_opts *o, int c)
{
	switch (c) {
	case 'f': o->from = optarg; return 0;
	case 'g': o->grid = optarg; return 0;
	case 'H':
		if (o->nhistory == MAX_HISTORY) {
			la_cli_fail(cli, _("too many --history files (at most "
			    "%d)"), MAX_HISTORY);
			return -1;
		}
		o->history[o->nhistory++] = optarg;
		return 0;
	case 'i': o->ics = optarg; return 0;
	case 'K': o->keep_before = optarg; return 0;
	case 'k': o->keep = optarg; return 0;
	case 'M': o->member = optarg; return 0;
	case 's': o->summary = 1; return 0;
	case 't': o->to = optarg; return 0;
	case 'u': o->unavailable = optarg; return 0;
	}
	usage(stderr);
	return -1;
}

static int
parse_duty(struct la_cli *cli, struct duty_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "grid", required_argument, NULL, 'g' },
		{ "history", required_argument, NULL, 'H' },
		{ "ics", required_argument, NULL, 'i' },
		{ "keep-before", required_argument, NULL, 'K' },
		{ "keep", required_argument, NULL, 'k' },
		{ "member", required_argument, NULL, 'M' },
		{ "summary", no_argument, NULL, 's' },
		{ "to", required_argument, NULL, 't' },
		{ "unavailable", required_argument, NULL, 'u' },
		LA_CLI_LONG,
		{ NULL, 0, NULL, 0 }
	};
	int c, rc;

	while ((c = getopt_long(argc, argv, LA_CLI_SHORT "f:g:H:i:K:k:M:st:u:",
	    longopts, NULL)) != -1) {
		if ((rc = la_cli_option(cli, c, optarg)) == -1)
			return -1;
		if (rc == 0 && duty_option(cli, o, c) != 0)
			return -1;
	}
	if (cli->help || cli->version || cli->print_rules)
		return 0;
	if (o->from == NULL || o->to == NULL) {
		la_cli_fail(cli, "%s", _("missing --from or --to: the period "
		    "to plan"));
		usage(stderr);
		return -1;
	}
	if (o->keep_before != NULL && o->keep == NULL) {
		la_cli_fail(cli, "%s", _("--keep-before needs --keep: the "
		    "rota whose rows to keep"));
		return -1;
	}
	if (is_stdout(o->ics) && is_stdout(o->grid)) {
		la_cli_fail(cli, "%s", _("--ics and --grid cannot both write "
		    "to standard output"));
		return -1;
	}
	return 0;
}

static int
parse_assign(struct la_cli *cli, struct assign_opts *o, int argc,
    char **argv)
{
	static const struct option longopts[] = {
		{ "closed", required_argument, NULL, 'C' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "roster", required_argument, NULL, 'r' },
		{ "state", required_argument, NULL, 'S' },
		{ "unavailable", required_argument, NULL, 'u' },
		LA_CLI_LONG,
		{ NULL, 0, NULL, 0 }
	};
	int c, rc;

	while ((c = getopt_long(argc, argv, LA_CLI_SHORT "C:nr:S:u:", longopts,
	    NULL)) != -1) {
		if ((rc = la_cli_option(cli, c, optarg)) == -1)
			return -1;
		if (rc == 1)
			continue;
		if (c == 'C')
			o->closed = optarg;
		else if (c == 'n')
			o->dry_run = 1;
		else if (c == 'r')
			o->roster = optarg;
		else if (c == 'S')
			o->state = optarg;
		else if (c == 'u')
			o->unavailable = optarg;
		else {
			usage(stderr);
			return -1;
		}
	}
	if (!cli->help && !cli->version && !cli->print_rules &&
	    o->roster == NULL) {
		la_cli_fail(cli, "%s", _("missing --roster"));
		usage(stderr);
		return -1;
	}
	return 0;
}

static int
open_input(struct la_cli *cli, const char *path, struct input *in)
{
	struct la_error err;

	memset(in, 0, sizeof(*in));
	in->name = path == NULL || strcmp(path, "-") == 0 ? "<stdin>" : path;
	if ((in->fp = la_cli_open(cli, path)) == NULL)
		return -1;
	la_error_clear(&err);
	if ((in->rd = la_reader_open(in->fp, path != NULL ? path : "-",
	    &cli->read, &err)) == NULL) {
		la_cli_error(cli, &err);
		la_cli_close(in->fp);
		return -1;
	}
	return 0;
}

static void
close_input(struct input *in)
{
	la_reader_close(in->rd);
	la_cli_close(in->fp);
}

static int
read_roster(struct la_cli *cli, const char *path, struct la_pool *pool,
    enum la_format *format)
{
	struct input in;
	struct la_error err;
	int rc;

	if (open_input(cli, path, &in) != 0)
		return -1;
	la_error_clear(&err);
	*format = la_reader_format(in.rd);
	rc = la_pool_read(pool, in.rd, in.name, &cli->rules, &cli->read.diag,
	    &err);
	if (rc != 0)
		la_cli_error(cli, &err);
	close_input(&in);
	return rc;
}

/* Reads the absences file path into a, indexed for the pool. */
static int
read_absences(struct la_cli *cli, const char *path,
    const struct la_pool *pool, struct la_absences *a)
{
	struct input in;
	struct la_error err;
	int rc;

	if (path != NULL) {
		if (open_input(cli, path, &in) != 0)
			return -1;
		la_error_clear(&err);
		rc = la_absences_read(a, pool, in.rd, in.name,
		    &cli->read.diag, &err);
		if (rc != 0)
			la_cli_error(cli, &err);
		close_input(&in);
		if (rc != 0)
			return -1;
	}
	if (la_absences_index(a, pool->n) != 0) {
		la_cli_fail(cli, "%s", _("out of memory"));
		return -1;
	}
	return 0;
}

static int
parse_day(struct la_cli *cli, const char *opt, const char *arg, la_day *out)
{
	struct la_date d;
	char why[128];

	if (la_parse_date(arg, &d, why, sizeof(why)) != 0) {
		la_cli_fail(cli, _("invalid value for %s: \"%s\": %s"), opt,
		    arg, why);
		return -1;
	}
	*out = la_day_from_date(d);
	return 0;
}

typedef int (*duty_reader)(struct la_duty *, struct la_reader *,
    const char *, const struct la_diag *, struct la_error *);

static int
read_duty_file(struct la_cli *cli, struct la_duty *d, const char *path,
    duty_reader fn)
{
	struct input in;
	struct la_error err;
	int rc;

	if (open_input(cli, path, &in) != 0)
		return -1;
	la_error_clear(&err);
	if ((rc = fn(d, in.rd, in.name, &cli->read.diag, &err)) != 0)
		la_cli_error(cli, &err);
	close_input(&in);
	return rc;
}

static int
read_duty_inputs(struct la_cli *cli, const struct duty_opts *o,
    const struct la_pool *pool, struct la_duty *d)
{
	la_day before = la_tz_day(&cli->rules.tz, cli->now);
	struct la_absences absences;
	struct la_error err;
	int rc;

	la_absences_init(&absences);
	la_error_clear(&err);
	rc = read_absences(cli, o->unavailable, pool, &absences);
	for (size_t i = 0; rc == 0 && i < absences.n; i++)
		if ((rc = la_duty_unavailable(d, absences.items[i].member,
		    absences.items[i].from, absences.items[i].to,
		    absences.items[i].reason, &err)) != 0)
			la_cli_error(cli, &err);
	la_absences_free(&absences);
	if (rc != 0)
		return -1;
	for (int i = 0; i < o->nhistory; i++)
		if (read_duty_file(cli, d, o->history[i],
		    la_duty_read_history) != 0)
			return -1;
	if (o->keep == NULL)
		return 0;
	if (read_duty_file(cli, d, o->keep, la_duty_read_keep) != 0 ||
	    (o->keep_before != NULL &&
	    parse_day(cli, "--keep-before", o->keep_before, &before) != 0))
		return -1;
	la_duty_keep_before(d, before);
	return 0;
}

/*
 * Fills rec with output record i: a row of the rota, or with --summary a
 * member's summary. Returns 1 to write it, 0 to skip it, -1 on no memory.
 */
static int
output_record(const struct la_duty *d, const struct la_pool *pool,
    const struct duty_opts *o, size_t i, struct la_record *rec)
{
	size_t n;
	const struct la_duty_row *rows = la_duty_rows(d, &n);

	if (o->summary) {
		if (o->member != NULL &&
		    strcmp(pool->members[i].license_no, o->member) != 0)
			return 0;
		return la_duty_summary_record(d, (long)i, rec);
	}
	if (!la_duty_row_shown(d, &rows[i], o->member))
		return 0;
	return la_duty_row_record(d, i, rec) == 0 ? 1 : -1;
}

static int
write_records(struct la_cli *cli, const struct la_duty *d,
    const struct la_pool *pool, const struct duty_opts *o,
    enum la_format format)
{
	struct la_writer *w = la_cli_writer(cli, format);
	struct la_record rec;
	size_t n;
	int rc = w != NULL ? 0 : -1, put;

	la_duty_rows(d, &n);
	if (o->summary)
		n = pool->n;
	la_record_init(&rec);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if ((put = output_record(d, pool, o, i, &rec)) == -1) {
			la_cli_fail(cli, "%s", _("out of memory"));
			rc = -1;
		} else if (put == 1)
			rc = la_cli_put(cli, w, &rec);
	}
	la_record_free(&rec);
	if (w != NULL && la_cli_close_writer(cli, w) != 0)
		rc = -1;
	return rc;
}

/* Whether a file name selects the HTML grid. */
static int
is_html(const char *path)
{
	size_t len = strlen(path);

	return (len >= 5 && strcmp(path + len - 5, ".html") == 0) ||
	    (len >= 4 && strcmp(path + len - 4, ".htm") == 0);
}

/*
 * Creates path for writing, readable by its owner only because the rota
 * names members, and without following a symbolic link planted there.
 */
static FILE *
open_private(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
	FILE *fp;

	if (fd == -1)
		return NULL;
	if ((fp = fdopen(fd, "w")) == NULL)
		close(fd);
	return fp;
}

/* Writes the --ics or --grid file; "-" is standard output. */
static int
write_file(struct la_cli *cli, const struct la_duty *d,
    const struct duty_opts *o, const char *path, int ics)
{
	struct la_error err;
	FILE *fp = stdout;
	int rc;

	if (!is_stdout(path) && (fp = open_private(path)) == NULL) {
		la_cli_fail(cli, _("%s: cannot create: %s"), path,
		    strerror(errno));
		return -1;
	}
	la_error_clear(&err);
	if (ics)
		rc = la_duty_write_ics(d, fp, cli->now, o->member, &err);
	else
		rc = la_duty_write_grid(d, fp, is_html(path), o->member, &err);
	if (fp != stdout && fclose(fp) != 0 && rc == 0)
		rc = la_error_set(&err, LA_ERR_IO, path, 0, NULL,
		    _("write failed: %s"), strerror(errno));
	if (rc != 0) {
		snprintf(err.file, sizeof(err.file), "%s", path);
		la_cli_error(cli, &err);
	}
	return rc;
}

static int
plan_duty(struct la_cli *cli, const struct duty_opts *o,
    struct la_pool *pool, struct la_duty **dp)
{
	struct la_error err;
	la_day from, to;

	if (parse_day(cli, "--from", o->from, &from) != 0 ||
	    parse_day(cli, "--to", o->to, &to) != 0)
		return -1;
	la_error_clear(&err);
	if ((*dp = la_duty_new(pool, &cli->rules, from, to, &err)) == NULL) {
		la_cli_error(cli, &err);
		return -1;
	}
	if (read_duty_inputs(cli, o, pool, *dp) != 0)
		return -1;
	if (la_duty_plan(*dp, &err) != 0) {
		la_cli_error(cli, &err);
		return -1;
	}
	return 0;
}

/* Returns the exit status of la-schedule duty. */
static int
run_duty(struct la_cli *cli, const struct duty_opts *o, const char *roster)
{
	struct la_pool pool;
	struct la_duty *d = NULL;
	enum la_format format;
	size_t empty, n;
	int rc;

	la_pool_init(&pool);
	rc = read_roster(cli, roster, &pool, &format) != 0 ||
	    plan_duty(cli, o, &pool, &d) != 0 ||
	    (!is_stdout(o->ics) && !is_stdout(o->grid) &&
	    write_records(cli, d, &pool, o, format) != 0) ||
	    (o->ics != NULL && write_file(cli, d, o, o->ics, 1) != 0) ||
	    (o->grid != NULL && write_file(cli, d, o, o->grid, 0) != 0) ?
	    LA_EXIT_FAIL : LA_EXIT_OK;
	if (rc == LA_EXIT_OK && (empty = la_duty_unfilled(d)) > 0) {
		la_duty_rows(d, &n);
		la_cli_fail(cli, _("%zu of %zu seats left empty (see the "
		    "reason column)"), empty, n);
		rc = LA_EXIT_FOUND;
	}
	if (rc == LA_EXIT_OK && pool.nrejected > 0)
		rc = LA_EXIT_FOUND;
	la_duty_free(d);
	la_pool_free(&pool);
	return rc;
}

struct assign_run {
	struct la_cli *cli;
	struct la_assigner *assigner;
	struct la_writer *w;
	long cases;
	long unassigned;
};

static int
assign_input(struct assign_run *run, const char *path)
{
	struct input in;
	struct la_record rec;
	struct la_error err;
	int rc;

	if (open_input(run->cli, path, &in) != 0)
		return -1;
	if (run->w == NULL &&
	    (run->w = la_cli_writer(run->cli, la_reader_format(in.rd))) == NULL)
		rc = -1;
	la_record_init(&rec);
	la_error_clear(&err);
	while (run->w != NULL &&
	    (rc = la_reader_next(in.rd, &rec, &err)) == 1) {
		if ((rc = la_assign_record(run->assigner, &rec, in.name,
		    &run->cli->read.diag, &err)) == -1)
			break;
		run->cases++;
		run->unassigned += rc;
		if ((rc = la_cli_put(run->cli, run->w, &rec)) != 0)
			break;
	}
	if (rc == -1 && err.code != LA_ERR_NONE)
		la_cli_error(run->cli, &err);
	la_record_free(&rec);
	close_input(&in);
	return rc == -1 ? -1 : 0;
}

static int
read_closed(struct la_cli *cli, struct la_rotation *rot, const char *path)
{
	struct input in;
	struct la_error err;
	int rc;

	if (open_input(cli, path, &in) != 0)
		return -1;
	la_error_clear(&err);
	if ((rc = la_rotation_read_closed(rot, in.rd, in.name,
	    &cli->rules.tz, cli->now, &cli->read.diag, &err)) != 0)
		la_cli_error(cli, &err);
	close_input(&in);
	return rc;
}

static int
load_state(struct la_cli *cli, const struct assign_opts *o,
    struct la_rotation *rot, int *lock)
{
	struct la_error err;

	la_error_clear(&err);
	if (o->state == NULL)
		return 0;
	if ((*lock = la_rotation_lock(o->state, &err)) < 0 ||
	    la_rotation_load(rot, o->state, &err) != 0) {
		la_cli_error(cli, &err);
		return -1;
	}
	return 0;
}

static int
assign_all(struct assign_run *run, int n, char **names)
{
	int rc = 0;

	for (int i = 0; i < n && rc == 0; i++)
		rc = assign_input(run, names[i]);
	if (run->w != NULL && la_cli_close_writer(run->cli, run->w) != 0)
		rc = -1;
	return rc;
}

/* Returns the exit status of la-schedule assign. */
static int
run_assign(struct la_cli *cli, const struct assign_opts *o, int n,
    char **names)
{
	struct assign_run run = { cli, NULL, NULL, 0, 0 };
	struct la_absences absences;
	struct la_rotation rot;
	struct la_pool pool;
	struct la_error err;
	enum la_format format;
	int lock = -1, rc;

	la_pool_init(&pool);
	la_absences_init(&absences);
	la_rotation_init(&rot);
	la_error_clear(&err);
	rc = load_state(cli, o, &rot, &lock) != 0 ||
	    read_roster(cli, o->roster, &pool, &format) != 0 ||
	    read_absences(cli, o->unavailable, &pool, &absences) != 0 ||
	    (o->closed != NULL && read_closed(cli, &rot, o->closed) != 0) ||
	    (run.assigner = la_assigner_new(&pool, &cli->rules, &absences,
	    &rot, cli->now, &err)) == NULL ||
	    assign_all(&run, n, names) != 0 ? LA_EXIT_FAIL : LA_EXIT_OK;
	if (err.code != LA_ERR_NONE)
		la_cli_error(cli, &err);
	if (rc == LA_EXIT_OK && o->state != NULL && !o->dry_run &&
	    la_rotation_save(&rot, o->state, &err) != 0) {
		la_cli_error(cli, &err);
		rc = LA_EXIT_FAIL;
	}
	if (rc == LA_EXIT_OK && run.unassigned > 0) {
		la_cli_fail(cli, _("%ld of %ld cases not assigned (see the "
		    "reason column)"), run.unassigned, run.cases);
		rc = LA_EXIT_FOUND;
	}
	if (rc == LA_EXIT_OK && pool.nrejected > 0)
		rc = LA_EXIT_FOUND;
	la_assigner_free(run.assigner);
	la_rotation_unlock(lock);
	la_rotation_free(&rot);
	la_absences_free(&absences);
	la_pool_free(&pool);
	return rc;
}

/* Handles --help, --version and --print-rules; -1 to go on. */
static int
start(struct la_cli *cli, int duty, int assign)
{
	int rc;

	if (cli->help) {
		help(duty, assign);
		return LA_EXIT_OK;
	}
	if ((rc = la_cli_start(cli)) != 0)
		return rc == 1 ? LA_EXIT_OK : LA_EXIT_FAIL;
	return -1;
}

static int
duty_main(struct la_cli *cli, int argc, char **argv)
{
	struct duty_opts o;
	int rc;

	memset(&o, 0, sizeof(o));
	if (parse_duty(cli, &o, argc, argv) != 0)
		return LA_EXIT_FAIL;
	if ((rc = start(cli, 1, 0)) >= 0)
		return rc;
	if (argc - optind > 1) {
		la_cli_fail(cli, "%s", _("more than one roster given"));
		usage(stderr);
		return LA_EXIT_FAIL;
	}
	return run_duty(cli, &o, optind < argc ? argv[optind] : "-");
}

static int
assign_main(struct la_cli *cli, int argc, char **argv)
{
	static char *stdin_name[] = { "-" };
	struct assign_opts o;
	int rc;

	memset(&o, 0, sizeof(o));
	if (parse_assign(cli, &o, argc, argv) != 0)
		return LA_EXIT_FAIL;
	if ((rc = start(cli, 0, 1)) >= 0)
		return rc;
	if (optind == argc)
		return run_assign(cli, &o, 1, stdin_name);
	return run_assign(cli, &o, argc - optind, argv + optind);
}

/* la-schedule with no command: only --help and --version make sense. */
static int
bare_main(struct la_cli *cli, int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0)) {
		help(1, 1);
		return LA_EXIT_OK;
	}
	if (argc > 1 && (strcmp(argv[1], "-V") == 0 ||
	    strcmp(argv[1], "--version") == 0)) {
		cli->version = 1;
		return la_cli_start(cli) == 1 ? LA_EXIT_OK : LA_EXIT_FAIL;
	}
	if (argc > 1)
		la_cli_fail(cli, _("unknown command \"%s\" (expected duty or "
		    "assign)"), argv[1]);
	usage(stderr);
	return LA_EXIT_FAIL;
}

int
main(int argc, char **argv)
{
	struct la_cli cli;
	int rc;

	la_cli_init(&cli, "la-schedule");
	if (argc > 1 && strcmp(argv[1], "duty") == 0)
		rc = duty_main(&cli, argc - 1, argv + 1);
	else if (argc > 1 && strcmp(argv[1], "assign") == 0)
		rc = assign_main(&cli, argc - 1, argv + 1);
	else
		rc = bare_main(&cli, argc, argv);
	la_cli_free(&cli);
	return la_cli_finish(&cli, rc);
}
