/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"

void
la_cli_init(struct la_cli *cli, const char *prog)
{
	memset(cli, 0, sizeof(*cli));
	cli->prog = prog;
	la_io_set_program(prog);
	cli->read.diag.warn = la_cli_warn;
	cli->read.diag.ctx = cli;
	cli->write.diag.warn = la_cli_warn_dropped;
	cli->write.diag.ctx = cli;
	setlocale(LC_ALL, "");
	bindtextdomain(LA_TEXT_DOMAIN, LOCALEDIR);
	/*
	 * A parent may have left SIGPIPE ignored, and every write after the
	 * reader of a pipe has gone (| head) would then fail with a message.
	 * With the default action the program ends quietly, as cat(1) does.
	 */
	signal(SIGPIPE, SIG_DFL);
	/*
	 * Past a file size limit (ulimit -f) a write fails with EFBIG instead
	 * of killing the program, so that it can report the error and remove
	 * its temporary files, as for a full disk.
	 */
	signal(SIGXFSZ, SIG_IGN);
}

static int
set_format(struct la_cli *cli, enum la_format *dst, const char *opt,
    const char *arg)
{
	int f = la_format_parse(arg);

	if (f < 0) {
		la_cli_fail(cli, _("invalid value for %s: \"%s\" (expected "
		    "csv, jsonl or json)"), opt, arg);
		return -1;
	}
	*dst = (enum la_format)f;
	return 1;
}

static int
set_columns(struct la_cli *cli, const char *arg)
{
	struct la_error err;

	la_error_clear(&err);
	la_columns_free(&cli->columns);
	if (la_columns_parse(&cli->columns, arg, &err) != 0) {
		la_cli_fail(cli, _("invalid value for --columns: %s"),
		    err.text);
		return -1;
	}
	return 1;
}

int
la_cli_option(struct la_cli *cli, int opt, const char *arg)
{
	switch (opt) {
	case LA_OPT_INPUT_FORMAT:
		return set_format(cli, &cli->read.format, "--input-format",
		    arg);
	case LA_OPT_OUTPUT_FORMAT:
		return set_format(cli, &cli->write.format, "--output-format",
		    arg);
	case LA_OPT_ENCODING:
		cli->read.encoding = arg;
		return 1;
	case LA_OPT_OUTPUT_ENCODING:
		cli->write.encoding = arg;
		return 1;
	case LA_OPT_BOM:
		cli->write.bom = 1;
		return 1;
	case LA_OPT_PAD:
		cli->read.pad = 1;
		return 1;
	case LA_OPT_RULES:
		cli->rules_path = arg;
		return 1;
	case LA_OPT_PRINT_RULES:
		cli->print_rules = 1;
		return 1;
	case LA_OPT_AS_OF:
		cli->as_of = arg;
		return 1;
	case LA_OPT_MASK:
		cli->write.mask = 1;
		return 1;
	case LA_OPT_NO_MASK:
		cli->write.mask = 0;
		return 1;
	case LA_OPT_SAFE_CSV:
		cli->write.formula_guard = 1;
		return 1;
	case LA_OPT_COLUMNS:
		return set_columns(cli, arg);
	case LA_OPT_HELP:
		cli->help = 1;
		return 1;
	case LA_OPT_VERSION:
		cli->version = 1;
		return 1;
	}
	return 0;
}

static int
fix_now(struct la_cli *cli)
{
	char why[256];
	int has_time;

	if (cli->as_of == NULL) {
		cli->now = (la_time)time(NULL);
		return 0;
	}
	if (la_parse_time(cli->as_of, &cli->rules.tz, &cli->now, &has_time,
	    why, sizeof(why)) != 0) {
		la_cli_fail(cli, _("invalid value for --as-of: \"%s\": %s"),
		    cli->as_of, why);
		return -1;
	}
	/* A date alone means the end of that day, so the whole day counts. */
	if (!has_time)
		cli->now += 24 * 60 * 60 - 1;
	return 0;
}

int
la_cli_start(struct la_cli *cli)
{
	struct la_error err;

	la_error_clear(&err);
	if (cli->version) {
		printf("%s (la-tools) %s\n", cli->prog, LA_VERSION);
		return 1;
	}
	if (la_rules_default(&cli->rules, &err) != 0 ||
	    (cli->rules_path != NULL &&
	    la_rules_load(&cli->rules, cli->rules_path, &err) != 0)) {
		la_cli_error(cli, &err);
		return -1;
	}
	if (cli->print_rules) {
		if (la_rules_print(&cli->rules, stdout, &err) != 0) {
			la_cli_error(cli, &err);
			return -1;
		}
		return 1;
	}
	return fix_now(cli);
}

int
la_cli_check_only(struct la_cli *cli, const char *arg,
    const char *const *values)
{
	char list[256] = "";

	for (size_t i = 0; values[i] != NULL; i++)
		if (strcmp(arg, values[i]) == 0)
			return 0;
	for (size_t i = 0; values[i] != NULL; i++) {
		size_t used = strlen(list);

		snprintf(list + used, sizeof(list) - used, "%s%s",
		    i == 0 ? "" : values[i + 1] == NULL ? " or " : ", ",
		    values[i]);
	}
	la_cli_fail(cli, _("invalid value for --only: \"%s\" (expected %s)"),
	    arg, list);
	return -1;
}

int
la_cli_parse_only(struct la_cli *cli, int argc, char **argv,
    const char *const *values, const char **only)
{
	static const struct option longopts[] = {
		{ "only", required_argument, NULL, 'o' },
		LA_CLI_LONG,
		{ NULL, 0, NULL, 0 }
	};
	int c, rc;

	/* getopt names the program by argv[0], which may be a long path. */
	argv[0] = (char *)(uintptr_t)cli->prog;
	while ((c = getopt_long(argc, argv, LA_CLI_SHORT "o:", longopts,
	    NULL)) != -1) {
		if ((rc = la_cli_option(cli, c, optarg)) == -1)
			return -1;
		if (rc == 1)
			continue;
		if (c != 'o')
			return -2;
		if (la_cli_check_only(cli, optarg, values) != 0)
			return -1;
		*only = optarg;
	}
	return 0;
}

void
la_cli_help_common(FILE *fp)
{
	fputs(_("Shared options:\n"
	    "  -I, --input-format FMT    csv, jsonl or json (default: detected)\n"
	    "  -E, --encoding ENC        input encoding, e.g. utf-8, gb18030, big5\n"
	    "                            (default: UTF-8, else GB18030)\n"
	    "      --pad                 fill missing trailing CSV fields with \"\"\n"
	    "  -O, --output-format FMT   csv, jsonl or json (default: the input's)\n"
	    "      --output-encoding ENC utf-8 (default), gb18030, or another\n"
	    "                            name that iconv knows\n"
	    "      --bom                 start UTF-8 output with a byte order mark\n"
	    "      --safe-csv            prefix cells starting with = + - @, a tab\n"
	    "                            or a carriage return with ' so that\n"
	    "                            spreadsheets show them as text\n"
	    "  -c, --columns LIST        write only these columns, e.g.\n"
	    "                            name,category,score\n"
	    "  -m, --mask                hide the middle of ID and phone numbers\n"
	    "      --no-mask             show ID and phone numbers in full\n"
	    "  -R, --rules FILE          rules file (default: built-in rules)\n"
	    "      --print-rules         print the effective rules as JSON\n"
	    "  -T, --as-of DATETIME      the time taken as now (default: the\n"
	    "                            current time), in the rules' time zone\n"
	    "  -h, --help                print this help\n"
	    "  -V, --version             print the version\n"), fp);
}

/*
 * Writes out what stdout has pending, before a message on stderr. A write
 * error here is kept by the writer and printed by its next write or close.
 */
static void
flush_output(const struct la_cli *cli)
{
	if (cli->out != NULL)
		la_writer_flush(cli->out, NULL);
	fflush(stdout);
}

static void
print_position(const struct la_cli *cli, const struct la_error *e,
    const char *kind)
{
	const char *prog = cli->prog;

	flush_output(cli);
	fprintf(stderr, "%s: ", prog);
	if (e->file[0] != '\0' && e->line > 0 && e->column > 0)
		fprintf(stderr, "%s:%ld:%ld: ", e->file, e->line, e->column);
	else if (e->file[0] != '\0' && e->line > 0)
		fprintf(stderr, "%s:%ld: ", e->file, e->line);
	else if (e->file[0] != '\0')
		fprintf(stderr, "%s: ", e->file);
	if (kind != NULL)
		fprintf(stderr, "%s: ", kind);
	fprintf(stderr, "%s\n", e->text);
}

void
la_cli_error(const struct la_cli *cli, const struct la_error *err)
{
	print_position(cli, err, NULL);
}

void
la_cli_warn(void *ctx, const struct la_error *w)
{
	struct la_cli *cli = ctx;

	cli->warnings++;
	print_position(cli, w, _("warning"));
}

void
la_cli_warn_dropped(void *ctx, const struct la_error *w)
{
	struct la_cli *cli = ctx;
	struct la_error named = *w;

	if (cli->dropped_warned)
		return;
	cli->dropped_warned = 1;
	if (cli->input != NULL && named.file[0] == '\0')
		snprintf(named.file, sizeof(named.file), "%s",
		    strcmp(cli->input, "-") == 0 ? "<stdin>" : cli->input);
	else if (named.file[0] == '\0')
		la_error_set(&named, LA_ERR_NONE, NULL, w->line, NULL,
		    "line %ld: %s", w->line, w->text);
	la_cli_warn(ctx, &named);
}

void
la_cli_fail(const struct la_cli *cli, const char *fmt, ...)
{
	va_list ap;

	flush_output(cli);
	fprintf(stderr, "%s: ", cli->prog);
	va_start(ap, fmt);
	vfprintf(stderr, _(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
}

FILE *
la_cli_open(struct la_cli *cli, const char *path)
{
	FILE *fp;

	if (path == NULL || strcmp(path, "-") == 0)
		return stdin;
	if ((fp = fopen(path, "rb")) == NULL)
		la_cli_fail(cli, _("%s: cannot open: %s"), path,
		    strerror(errno));
	return fp;
}

void
la_cli_close(FILE *fp)
{
	if (fp != NULL && fp != stdin)
		fclose(fp);
}

static FILE *
spool(struct la_cli *cli, FILE *fp, const char *name)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	char buf[65536];
	size_t n;
	FILE *out;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(path, sizeof(path), "%s/la-tools.XXXXXX", dir);
	/*
	 * mkstemp creates the file with mode 0600, since it contains
	 * personal data.
	 */
	if ((fd = mkstemp(path)) == -1 || (out = fdopen(fd, "w+b")) == NULL) {
		la_cli_fail(cli, _("cannot create a temporary file in %s: %s"),
		    dir, strerror(errno));
		if (fd != -1)
			close(fd);
		return NULL;
	}
	unlink(path);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		if (fwrite(buf, 1, n, out) != n) {
			la_cli_fail(cli, _("cannot write a temporary file in "
			    "%s: %s"), dir, strerror(errno));
			fclose(out);
			return NULL;
		}
	}
	if (ferror(fp) || fflush(out) != 0) {
		la_cli_fail(cli, _("%s: read failed: %s"), name,
		    strerror(errno));
		fclose(out);
		return NULL;
	}
	rewind(out);
	return out;
}

FILE *
la_cli_rewindable(struct la_cli *cli, FILE *fp, const char *name)
{
	struct stat st;

	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode))
		return fp;
	return spool(cli, fp, name);
}

struct la_writer *
la_cli_writer(struct la_cli *cli, enum la_format input)
{
	struct la_write_opts opts = cli->write;
	struct la_writer *w;
	struct la_error err;

	if (opts.format == LA_FORMAT_AUTO)
		opts.format = input != LA_FORMAT_AUTO ? input : LA_FORMAT_CSV;
	la_error_clear(&err);
	if ((w = la_writer_open(stdout, "<stdout>", &opts, &err)) == NULL)
		la_cli_error(cli, &err);
	cli->out = w;
	return w;
}

/*
 * The --columns fields of r, or r itself without --columns. Warns once
 * about the columns r lacks. Returns NULL after printing an error.
 */
static const struct la_record *
project(struct la_cli *cli, const struct la_record *r)
{
	if (cli->columns.n > 0 && !cli->columns_checked) {
		cli->columns_checked = 1;
		for (size_t i = 0; i < cli->columns.n; i++)
			if (la_columns_find(&cli->columns, i, r) == NULL)
				la_cli_fail(cli, _("warning: column \"%s\" of "
				    "--columns is not in the input; it is "
				    "written empty"), cli->columns.names[i]);
	}
	if (cli->columns.n > 0) {
		if (la_columns_apply(&cli->columns, r, &cli->projected) != 0) {
			la_cli_fail(cli, "%s", _("out of memory"));
			return NULL;
		}
		r = &cli->projected;
	}
	return r;
}

int
la_cli_put(struct la_cli *cli, struct la_writer *w, const struct la_record *r)
{
	struct la_error err;

	/*
	 * la_error_clear would zero over a kilobyte per record. Only these
	 * members mark an error and are printed by la_cli_error.
	 */
	err.code = LA_ERR_NONE;
	err.file[0] = err.field[0] = err.text[0] = '\0';
	err.line = err.column = 0;
	if ((r = project(cli, r)) == NULL)
		return -1;
	if (la_writer_put(w, r, &err) != 0) {
		la_cli_error(cli, &err);
		cli->write_failed = 1;
		return -1;
	}
	return 0;
}

int
la_cli_put_header(struct la_cli *cli, struct la_writer *w,
    const struct la_record *r)
{
	struct la_error err;

	la_error_clear(&err);
	if ((r = project(cli, r)) == NULL)
		return -1;
	if (la_writer_header(w, r, &err) != 0) {
		la_cli_error(cli, &err);
		cli->write_failed = 1;
		return -1;
	}
	return 0;
}

int
la_cli_close_writer(struct la_cli *cli, struct la_writer *w)
{
	struct la_error err;

	if (w == cli->out)
		cli->out = NULL;
	la_error_clear(&err);
	if (la_writer_close(w, &err) == 0)
		return 0;
	/* The output that failed before fails again here: report it once. */
	if (!cli->write_failed)
		la_cli_error(cli, &err);
	cli->write_failed = 1;
	return -1;
}

int
la_cli_finish(struct la_cli *cli, int status)
{
	int failed = ferror(stdout);

	if (fclose(stdout) != 0)
		failed = 1;
	if (failed) {
		/* A reader that stopped early (| head) is not our failure. */
		if (errno == EPIPE)
			return status;
		/* A failed record write has been reported already. */
		if (!cli->write_failed)
			la_cli_fail(cli, _("write to standard output failed: "
			    "%s"), strerror(errno));
		return LA_EXIT_FAIL;
	}
	return status;
}

void
la_cli_free(struct la_cli *cli)
{
	la_rules_free(&cli->rules);
	la_columns_free(&cli->columns);
	la_record_free(&cli->projected);
}
