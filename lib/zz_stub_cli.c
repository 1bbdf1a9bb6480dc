/* SPDX-License-Identifier: MIT */
/*
 * STUB for the roster branch only: enough of cli.h for la-roster. Delete
 * once main has lib/cli.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

void
la_cli_init(struct la_cli *cli, const char *prog)
{
	memset(cli, 0, sizeof(*cli));
	cli->prog = prog;
	cli->read.diag.warn = la_cli_warn;
	cli->read.diag.ctx = cli;
}

int
la_cli_option(struct la_cli *cli, int opt, const char *arg)
{
	int f;

	switch (opt) {
	case LA_OPT_INPUT_FORMAT:
	case LA_OPT_OUTPUT_FORMAT:
		if ((f = la_format_parse(arg)) == -1) {
			la_cli_fail(cli, "invalid format: %s", arg);
			return -1;
		}
		if (opt == LA_OPT_INPUT_FORMAT)
			cli->read.format = f;
		else
			cli->write.format = f;
		return 1;
	case LA_OPT_ENCODING: cli->read.encoding = arg; return 1;
	case LA_OPT_OUTPUT_ENCODING: cli->write.encoding = arg; return 1;
	case LA_OPT_RULES: cli->rules_path = arg; return 1;
	case LA_OPT_AS_OF: cli->as_of = arg; return 1;
	case LA_OPT_MASK: cli->write.mask = 1; return 1;
	case LA_OPT_NO_MASK: cli->write.mask = 0; return 1;
	case LA_OPT_HELP: cli->help = 1; return 1;
	case LA_OPT_VERSION: cli->version = 1; return 1;
	case LA_OPT_BOM: cli->write.bom = 1; return 1;
	case LA_OPT_PAD: cli->read.pad = 1; return 1;
	case LA_OPT_PRINT_RULES: cli->print_rules = 1; return 1;
	case LA_OPT_SAFE_CSV: cli->write.formula_guard = 1; return 1;
	}
	return 0;
}

int
la_cli_start(struct la_cli *cli)
{
	struct la_error err;
	char why[128];
	int has_time;

	la_error_clear(&err);
	if (cli->version) {
		printf("%s %s\n", cli->prog, LA_VERSION);
		return 1;
	}
	la_rules_default(&cli->rules, &err);
	if (cli->rules_path != NULL &&
	    la_rules_load(&cli->rules, cli->rules_path, &err) == -1) {
		la_cli_error(cli, &err);
		return -1;
	}
	if (cli->print_rules) {
		la_rules_print(&cli->rules, stdout, &err);
		return 1;
	}
	if (cli->as_of == NULL)
		cli->now = (la_time)time(NULL);
	else if (la_parse_time(cli->as_of, &cli->rules.tz, &cli->now,
	    &has_time, why, sizeof(why)) == -1) {
		la_cli_fail(cli, "invalid --as-of: %s: %s", cli->as_of, why);
		return -1;
	}
	return 0;
}

void
la_cli_help_common(FILE *fp)
{
	fprintf(fp, "  -T, --as-of DATETIME  time taken as now\n");
}

void
la_cli_error(const struct la_cli *cli, const struct la_error *err)
{
	if (err->file[0] != '\0' && err->line > 0)
		fprintf(stderr, "%s: %s:%ld: %s\n", cli->prog, err->file,
		    err->line, err->text);
	else if (err->file[0] != '\0')
		fprintf(stderr, "%s: %s: %s\n", cli->prog, err->file,
		    err->text);
	else
		fprintf(stderr, "%s: %s\n", cli->prog, err->text);
}

void
la_cli_fail(const struct la_cli *cli, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cli->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
la_cli_warn(void *ctx, const struct la_error *w)
{
	struct la_cli *cli = ctx;

	cli->warnings++;
	la_cli_error(cli, w);
}

FILE *
la_cli_open(struct la_cli *cli, const char *path)
{
	FILE *fp;

	if (path == NULL || strcmp(path, "-") == 0)
		return stdin;
	if ((fp = fopen(path, "r")) == NULL)
		la_cli_fail(cli, "%s: %s", path, strerror(errno));
	return fp;
}

void
la_cli_close(FILE *fp)
{
	if (fp != NULL && fp != stdin)
		fclose(fp);
}

FILE *
la_cli_rewindable(struct la_cli *cli, FILE *fp, const char *name)
{
	(void)cli;
	(void)name;
	return fp;
}

struct la_writer *
la_cli_writer(struct la_cli *cli, enum la_format input)
{
	struct la_write_opts o = cli->write;
	struct la_error err;
	struct la_writer *w;

	la_error_clear(&err);
	if (o.format == LA_FORMAT_AUTO)
		o.format = input == LA_FORMAT_AUTO ? LA_FORMAT_CSV : input;
	if ((w = la_writer_open(stdout, "<stdout>", &o, &err)) == NULL)
		la_cli_error(cli, &err);
	return w;
}

int
la_cli_finish(struct la_cli *cli, int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		la_cli_fail(cli, "write error on standard output");
		return LA_EXIT_FAIL;
	}
	return status;
}

void
la_cli_free(struct la_cli *cli)
{
	la_rules_free(&cli->rules);
}
