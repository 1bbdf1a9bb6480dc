/* SPDX-License-Identifier: MIT */
/* la-roster: keep the pool roster, publish it and run re-selection. */
#include <sys/stat.h>

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "roster.h"
#include "roster_ops.h"
#include "roster_publish.h"
#include "roster_store.h"

struct opts {
	struct la_cli cli;
	struct la_roster_filter filter;
	const char *term;
	const char *reason;
	const char *until;
	const char *ranking;
	const char *title;
	char user[64];
	int state;
	int no_mask;
	enum la_publish_format publish;
	la_day today;
};

static const char short_opts[] = "aC:df:k:pr:s:S:t:u:U:w:W:" LA_CLI_SHORT;

static const struct option long_opts[] = {
	{ "all", no_argument, NULL, 'a' },
	{ "category", required_argument, NULL, 'C' },
	{ "duty", no_argument, NULL, 'd' },
	{ "format", required_argument, NULL, 'f' },
	{ "ranking", required_argument, NULL, 'k' },
	{ "reason", required_argument, NULL, 'r' },
	{ "service", required_argument, NULL, 'S' },
	{ "state", no_argument, NULL, 'p' },
	{ "status", required_argument, NULL, 's' },
	{ "term", required_argument, NULL, 't' },
	{ "title", required_argument, NULL, 'W' },
	{ "unit", required_argument, NULL, 'U' },
	{ "until", required_argument, NULL, 'u' },
	{ "user", required_argument, NULL, 'w' },
	LA_CLI_LONG,
	{ NULL, 0, NULL, 0 }
};

static void __attribute__((noreturn)) usage(void);

/* Reports wrong operands of a command, then the usage. */
static void __attribute__((noreturn))
bad_operands(void)
{
	fputs("la-roster: wrong operands for this command (or a missing "
	    "--ranking for fill); see below\n", stderr);
	usage();
}

static void __attribute__((noreturn))
usage(void)
{
	fputs("usage: la-roster create [-t from:to] [common] roster [ranking]\n"
	    "       la-roster list [-ad] [-C category] [-s status] [-S service] [-U unit] [common] roster\n"
	    "       la-roster set [-r reason] [-u until] [common] roster license suspend|reinstate|remove|warning\n"
	    "       la-roster apply [common] roster [changes]\n"
	    "       la-roster expire [common] roster\n"
	    "       la-roster fill -k ranking [common] roster [license ...]\n"
	    "       la-roster renew [-t from:to] [common] old new [ranking]\n"
	    "       la-roster publish [-f csv|markdown|html] [-W title] [common] roster\n"
	    "       la-roster history [-p] [common] roster [license]\n"
	    "common: [-hmV] [--bom] [--no-mask] [-c columns] [-E encoding] [-I format]\n"
	    "        [-O format] [-R rules] [-T datetime] [-w user]\n", stderr);
	exit(LA_EXIT_FAIL);
}

static void
help(void)
{
	puts("usage: la-roster COMMAND [options] ROSTER [operands]\n"
	    "Keep the legal aid pool roster with a journal of every change.\n\n"
	    "Commands:\n"
	    "  create ROSTER [RANKING]   new roster from la-rank output\n"
	    "  list ROSTER               members at the --as-of date\n"
	    "  set ROSTER LICENSE ACTION suspend, reinstate, remove or warning\n"
	    "  apply ROSTER [CHANGES]    change records: license_no, action,\n"
	    "                            reason, until\n"
	    "  expire ROSTER             end suspensions past their until date\n"
	    "  fill ROSTER [LICENSE...]  replace removed members from the\n"
	    "                            --ranking waitlist\n"
	    "  renew OLD NEW [RANKING]   next term's roster\n"
	    "  publish ROSTER            the list to announce, masked\n"
	    "  history ROSTER [LICENSE]  the journal, or with -p the roster\n"
	    "                            as it was at --as-of\n\n"
	    "Options:\n"
	    "  -a, --all              list: also members outside their term\n"
	    "  -C, --category CAT     list: lawyer or legal_worker\n"
	    "  -d, --duty             list: only members who take duty days\n"
	    "  -f, --format FORMAT    publish: csv (default), markdown, html\n"
	    "  -k, --ranking FILE     fill: la-rank output with the waitlist\n"
	    "  -p, --state            history: print the roster at --as-of\n"
	    "  -r, --reason TEXT      set: why (required)\n"
	    "  -s, --status STATUS    list: active, suspended or removed\n"
	    "  -S, --service SERVICE  list: criminal, civil, administrative,\n"
	    "                         labor_arbitration\n"
	    "  -t, --term FROM:TO     create, renew: term dates (default:\n"
	    "                         the rules' term_start, term_months)\n"
	    "  -u, --until DATE       set suspend: last day suspended\n"
	    "                         (default: suspend_months from today)\n"
	    "  -U, --unit TEXT        list: practice unit containing TEXT\n"
	    "  -w, --user NAME        name recorded in the journal (default:\n"
	    "                         the login name)\n"
	    "  -W, --title TEXT       publish: heading (default: the\n"
	    "                         district's pool list title)\n"
	    "      --no-mask          publish: show ID numbers and phones");
	la_cli_help_common(stdout);
}

static int
fail(struct opts *o, const struct la_error *err)
{
	la_cli_error(&o->cli, err);
	return LA_EXIT_FAIL;
}

static int
open_store(struct opts *o, struct la_store *s, const char *path,
    enum la_store_mode mode)
{
	struct la_store_opts so = {
		.read = o->cli.read,
		.format = o->cli.write.format,
		.tz = &o->cli.rules.tz,
		.user = o->user,
		.now = o->cli.now,
	};
	struct la_error err;

	la_error_clear(&err);
	if (la_store_open(s, path, mode, &so, &err) == -1) {
		fail(o, &err);
		return -1;
	}
	return 0;
}

/* Ends due suspensions and journals them as their own transaction. */
static int
expire_due(struct opts *o, struct la_store *s)
{
	struct la_error err;
	struct la_txn t;
	int rc;

	la_error_clear(&err);
	la_txn_init(&t, "expire", o->user, o->cli.now);
	rc = la_roster_expire(&s->roster, &t, o->today, &err) == -1 ||
	    la_store_commit(s, &t, &err) == -1 ? fail(o, &err) : 0;
	la_txn_free(&t);
	return rc;
}

/* Commits t and closes s; returns status, or the failure status. */
static int
commit(struct opts *o, struct la_store *s, struct la_txn *t, int status)
{
	struct la_error err;

	la_error_clear(&err);
	if (status != LA_EXIT_FAIL && la_store_commit(s, t, &err) == -1)
		status = fail(o, &err);
	la_txn_free(t);
	la_store_close(s);
	return status;
}

static int
read_ranking(struct opts *o, struct la_roster *out, const char *path)
{
	struct la_error err;
	FILE *fp = la_cli_open(&o->cli, path);
	int rc;

	if (fp == NULL)
		return -1;
	la_error_clear(&err);
	rc = la_ranking_read(out, fp, path != NULL ? path : "-",
	    &o->cli.read, &err);
	la_cli_close(fp);
	if (rc == -1)
		fail(o, &err);
	return rc;
}

static int
term_of(struct opts *o, struct la_date *from, struct la_date *to)
{
	char why[128];

	if (o->term == NULL) {
		la_roster_default_term(&o->cli.rules, from, to);
		return 0;
	}
	if (la_roster_parse_term(o->term, from, to, why, sizeof(why)) == 0)
		return 0;
	la_cli_fail(&o->cli, "invalid --term \"%s\": %s", o->term, why);
	return -1;
}

static int
write_records(struct opts *o, const struct la_roster *r,
    const struct la_roster_filter *f)
{
	struct la_writer *w = la_cli_writer(&o->cli, r->format);
	int rc = 0;

	if (w == NULL)
		return LA_EXIT_FAIL;
	for (size_t i = 0; i < r->nmembers && rc == 0; i++)
		if (f == NULL || la_roster_matches(&r->members[i], f))
			rc = la_cli_put(&o->cli, w, &r->members[i]);
	if (la_cli_close_writer(&o->cli, w) == -1)
		return LA_EXIT_FAIL;
	return rc == -1 ? LA_EXIT_FAIL : LA_EXIT_OK;
}

static int
run_create(struct opts *o, int argc, char **argv)
{
	struct la_roster ranking;
	struct la_date from, to;
	struct la_error err;
	struct la_store s;
	struct la_txn t;
	int status = LA_EXIT_OK;

	if (argc < 1 || argc > 2)
		bad_operands();
	if (term_of(o, &from, &to) == -1)
		return LA_EXIT_FAIL;
	la_roster_init(&ranking);
	if (read_ranking(o, &ranking, argc > 1 ? argv[1] : NULL) == -1 ||
	    open_store(o, &s, argv[0], LA_STORE_CREATE) == -1) {
		la_roster_free(&ranking);
		return LA_EXIT_FAIL;
	}
	la_error_clear(&err);
	la_txn_init(&t, "create", o->user, o->cli.now);
	if (la_roster_create(&s.roster, &t, &ranking, from, to, &err) == -1)
		status = fail(o, &err);
	else if (la_roster_quota_report(&s.roster, &o->cli.rules, argv[0],
	    &o->cli.read.diag) > 0)
		status = LA_EXIT_FOUND;
	la_roster_free(&ranking);
	return commit(o, &s, &t, status);
}

static int
run_list(struct opts *o, int argc, char **argv)
{
	struct la_roster view;
	struct la_error err;
	struct la_store s;
	int status;

	if (argc != 1)
		bad_operands();
	if (open_store(o, &s, argv[0], LA_STORE_READ) == -1)
		return LA_EXIT_FAIL;
	la_roster_init(&view);
	la_error_clear(&err);
	if (la_roster_copy(&view, &s.roster, &err) == -1 ||
	    la_roster_expire(&view, NULL, o->today, &err) == -1)
		status = fail(o, &err);
	else
		status = write_records(o, &view, &o->filter);
	la_roster_free(&view);
	la_store_close(&s);
	return status;
}

static int
run_set(struct opts *o, int argc, char **argv)
{
	struct la_roster_request q = { 0 };
	struct la_error err;
	struct la_store s;
	struct la_txn t;
	int action, status = LA_EXIT_OK;
	long i;

	if (argc != 3)
		bad_operands();
	if ((action = la_roster_action_parse(argv[2])) <= 0) {
		la_cli_fail(&o->cli, "invalid action \"%s\"; expected suspend, "
		    "reinstate, remove or warning", argv[2]);
		return LA_EXIT_FAIL;
	}
	q.license = argv[1];
	q.action = (enum la_roster_action)action;
	q.reason = o->reason;
	q.until = o->until;
	q.file = argv[0];
	if (open_store(o, &s, argv[0], LA_STORE_UPDATE) == -1)
		return LA_EXIT_FAIL;
	if (expire_due(o, &s) == -1) {
		la_store_close(&s);
		return LA_EXIT_FAIL;
	}
	if ((i = la_roster_find(&s.roster, q.license)) >= 0)
		q.line = s.roster.members[i].line;
	la_error_clear(&err);
	la_txn_init(&t, "set", o->user, o->cli.now);
	if (la_roster_apply(&s.roster, &t, &q, &o->cli.rules, o->today,
	    &err) == -1)
		status = fail(o, &err);
	return commit(o, &s, &t, status);
}

/* Prints a rejected change record as an error, not a warning. */
static void
report_error(void *ctx, const struct la_error *e)
{
	la_cli_error(ctx, e);
}

static int
run_apply(struct opts *o, int argc, char **argv)
{
	const struct la_diag errors = { report_error, &o->cli };
	const char *name = argc > 1 ? argv[1] : "-";
	struct la_reader *rd = NULL;
	struct la_error err;
	struct la_store s;
	struct la_txn t;
	FILE *fp;
	long bad = -1;

	if (argc < 1 || argc > 2)
		bad_operands();
	if ((fp = la_cli_open(&o->cli, name)) == NULL)
		return LA_EXIT_FAIL;
	if (open_store(o, &s, argv[0], LA_STORE_UPDATE) == -1) {
		la_cli_close(fp);
		return LA_EXIT_FAIL;
	}
	la_error_clear(&err);
	la_txn_init(&t, "apply", o->user, o->cli.now);
	if (expire_due(o, &s) == 0 &&
	    (rd = la_reader_open(fp, name, &o->cli.read, &err)) != NULL)
		bad = la_roster_apply_stream(&s.roster, &t, rd, name,
		    &o->cli.rules, o->today, &errors, &err);
	if (bad == -1 && err.code != LA_ERR_NONE)
		fail(o, &err);
	else if (bad > 0)
		la_cli_fail(&o->cli, "%s: %ld change record%s rejected; the "
		    "roster was left unchanged", name, bad, bad > 1 ? "s" : "");
	la_reader_close(rd);
	la_cli_close(fp);
	return commit(o, &s, &t, bad == 0 ? LA_EXIT_OK : LA_EXIT_FAIL);
}

static int
run_expire(struct opts *o, int argc, char **argv)
{
	struct la_store s;
	int status;

	if (argc != 1)
		bad_operands();
	if (open_store(o, &s, argv[0], LA_STORE_UPDATE) == -1)
		return LA_EXIT_FAIL;
	status = expire_due(o, &s) == -1 ? LA_EXIT_FAIL : LA_EXIT_OK;
	la_store_close(&s);
	return status;
}

static int
run_fill(struct opts *o, int argc, char **argv)
{
	struct la_roster ranking;
	struct la_error err;
	struct la_store s;
	struct la_txn t;
	long left;

	if (argc < 1 || o->ranking == NULL)
		bad_operands();
	la_roster_init(&ranking);
	if (read_ranking(o, &ranking, o->ranking) == -1 ||
	    open_store(o, &s, argv[0], LA_STORE_UPDATE) == -1) {
		la_roster_free(&ranking);
		return LA_EXIT_FAIL;
	}
	if (expire_due(o, &s) == -1) {
		la_roster_free(&ranking);
		la_store_close(&s);
		return LA_EXIT_FAIL;
	}
	la_error_clear(&err);
	la_txn_init(&t, "fill", o->user, o->cli.now);
	left = la_roster_fill(&s.roster, &t, &ranking, argv + 1,
	    (size_t)argc - 1, o->today, &o->cli.read.diag, argv[0], &err);
	if (left == -1)
		fail(o, &err);
	la_roster_free(&ranking);
	return commit(o, &s, &t, left == -1 ? LA_EXIT_FAIL :
	    left > 0 ? LA_EXIT_FOUND : LA_EXIT_OK);
}

static int
renew_into(struct opts *o, struct la_store *old, struct la_store *new,
    const struct la_roster *ranking, struct la_date from, struct la_date to)
{
	struct la_roster report;
	struct la_error err;
	struct la_txn t;
	int status = LA_EXIT_OK;

	la_roster_init(&report);
	la_error_clear(&err);
	la_txn_init(&t, "renew", o->user, o->cli.now);
	if (la_roster_renew(&old->roster, ranking, &new->roster, &t,
	    &report, from, to, &o->cli.rules, &err) == -1 ||
	    la_store_commit(new, &t, &err) == -1)
		status = fail(o, &err);
	else
		status = write_records(o, &report, NULL);
	if (status == LA_EXIT_OK && la_roster_quota_report(&new->roster,
	    &o->cli.rules, new->path, &o->cli.read.diag) > 0)
		status = LA_EXIT_FOUND;
	la_txn_free(&t);
	la_roster_free(&report);
	return status;
}

static int
run_renew(struct opts *o, int argc, char **argv)
{
	struct la_store old, new;
	struct la_roster ranking;
	struct la_date from, to;
	int status = LA_EXIT_FAIL;

	if (argc < 2 || argc > 3)
		bad_operands();
	if (term_of(o, &from, &to) == -1)
		return LA_EXIT_FAIL;
	la_roster_init(&ranking);
	if (read_ranking(o, &ranking, argc > 2 ? argv[2] : NULL) == 0 &&
	    open_store(o, &old, argv[0], LA_STORE_READ) == 0) {
		if (open_store(o, &new, argv[1], LA_STORE_CREATE) == 0) {
			status = renew_into(o, &old, &new, &ranking, from, to);
			la_store_close(&new);
		}
		la_store_close(&old);
	}
	la_roster_free(&ranking);
	return status;
}

static int
run_publish(struct opts *o, int argc, char **argv)
{
	struct la_publish_opts po = {
		.format = o->publish,
		.title = o->title,
		.day = o->today,
		.mask = !o->no_mask,
		.csv = o->cli.write,
	};
	char title[256];
	struct la_roster view;
	struct la_error err;
	struct la_store s;
	int status = LA_EXIT_OK;

	if (argc != 1)
		bad_operands();
	if (po.title == NULL) {
		la_publish_title(o->cli.rules.district, title, sizeof(title));
		po.title = title;
	}
	if (open_store(o, &s, argv[0], LA_STORE_READ) == -1)
		return LA_EXIT_FAIL;
	la_roster_init(&view);
	la_error_clear(&err);
	if (la_roster_copy(&view, &s.roster, &err) == -1 ||
	    la_roster_expire(&view, NULL, o->today, &err) == -1 ||
	    la_roster_publish(&view, stdout, &po, &err) == -1)
		status = fail(o, &err);
	la_roster_free(&view);
	la_store_close(&s);
	return status;
}

static int
run_history(struct opts *o, int argc, char **argv)
{
	struct la_roster out;
	struct la_error err;
	struct la_store s;
	int rc, status;

	if (argc < 1 || argc > 2)
		bad_operands();
	if (open_store(o, &s, argv[0], LA_STORE_READ) == -1)
		return LA_EXIT_FAIL;
	la_roster_init(&out);
	la_error_clear(&err);
	if (o->state) {
		rc = la_journal_replay(&s.journal, -1, o->cli.now, &out, &err);
		out.format = s.roster.format;
	} else {
		rc = la_journal_history(&s.journal, argc > 1 ? argv[1] : NULL,
		    o->cli.now, &o->cli.rules.tz, &out, &err);
		out.format = LA_FORMAT_CSV;
	}
	for (size_t i = out.nmembers; o->state && argc > 1 && i-- > 0;)
		if (strcmp(la_member_license(&out.members[i]), argv[1]) != 0)
			la_roster_remove(&out, i);
	status = rc == -1 ? fail(o, &err) : write_records(o, &out, NULL);
	la_roster_free(&out);
	la_store_close(&s);
	return status;
}

static const struct command {
	const char *name;
	int (*run)(struct opts *, int, char **);
} commands[] = {
	{ "apply", run_apply },
	{ "create", run_create },
	{ "expire", run_expire },
	{ "fill", run_fill },
	{ "history", run_history },
	{ "list", run_list },
	{ "publish", run_publish },
	{ "renew", run_renew },
	{ "set", run_set },
};

static int
filter_option(struct opts *o, int opt, const char *arg)
{
	struct la_roster_filter *f = &o->filter;

	switch (opt) {
	case 'C':
		f->category = la_category_lookup(arg, strlen(arg));
		return f->category != LA_CAT_UNKNOWN ? 0 : -1;
	case 's':
		f->status = la_member_status_parse(arg);
		return f->status != LA_MEMBER_NONE ? 0 : -1;
	case 'S':
		f->services |= la_service_lookup(arg, strlen(arg));
		return la_service_lookup(arg, strlen(arg)) != 0 ? 0 : -1;
	}
	return 0;
}

static int
set_publish_format(struct opts *o, const char *arg)
{
	int f = la_publish_format_parse(arg);

	if (f == -1)
		return -1;
	o->publish = (enum la_publish_format)f;
	return 0;
}

static int
own_option(struct opts *o, int opt, const char *arg)
{
	switch (opt) {
	case 'a': o->filter.all = 1; break;
	case 'C': case 's': case 'S': return filter_option(o, opt, arg);
	case 'd': o->filter.duty = 1; break;
	case 'f': return set_publish_format(o, arg);
	case 'k': o->ranking = arg; break;
	case 'p': o->state = 1; break;
	case 'r': o->reason = arg; break;
	case 't': o->term = arg; break;
	case 'u': o->until = arg; break;
	case 'U': o->filter.unit = arg; break;
	case 'w': snprintf(o->user, sizeof(o->user), "%s", arg); break;
	case 'W': o->title = arg; break;
	default: usage();
	}
	return 0;
}

/* Parses the options after the command; returns the operand index. */
static int
parse_options(struct opts *o, int argc, char **argv)
{
	int opt, rc;

	while ((opt = getopt_long(argc, argv, short_opts, long_opts,
	    NULL)) != -1) {
		if (opt == LA_OPT_NO_MASK)
			o->no_mask = 1;
		if ((rc = la_cli_option(&o->cli, opt, optarg)) == -1)
			return -1;
		if (rc == 1)
			continue;
		if (own_option(o, opt, optarg) == -1) {
			la_cli_fail(&o->cli, "invalid value for -%c: \"%s\"",
			    opt, optarg);
			return -1;
		}
	}
	return optind;
}

int
main(int argc, char **argv)
{
	const struct command *cmd = NULL;
	struct opts o = { .publish = LA_PUBLISH_CSV };
	int first, status;

	la_cli_init(&o.cli, "la-roster");
	for (size_t i = 0; argc > 1 && i < sizeof(commands) /
	    sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			cmd = &commands[i];
	if ((first = parse_options(&o, argc - (cmd != NULL),
	    argv + (cmd != NULL))) == -1)
		return LA_EXIT_FAIL;
	if (o.cli.help) {
		help();
		return LA_EXIT_OK;
	}
	if ((status = la_cli_start(&o.cli)) != 0)
		return status == 1 ? LA_EXIT_OK : LA_EXIT_FAIL;
	if (cmd == NULL) {
		if (argc > 1)
			fprintf(stderr, "la-roster: unknown command \"%s\"\n",
			    argv[1]);
		else
			fputs("la-roster: missing command\n", stderr);
		usage();
	}
	if (o.user[0] == '\0')
		la_store_user(o.user, sizeof(o.user));
	o.today = la_tz_day(&o.cli.rules.tz, o.cli.now);
	o.filter.day = o.today;
	/* A file size limit must give EFBIG and a message, not a kill. */
	signal(SIGXFSZ, SIG_IGN);
	umask(077);
	status = cmd->run(&o, argc - 1 - first, argv + 1 + first);
	status = la_cli_finish(&o.cli, status);
	la_cli_free(&o.cli);
	return status;
}
