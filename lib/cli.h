/* SPDX-License-Identifier: MIT */
#ifndef LA_CLI_H
#define LA_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "columns.h"
#include "datetime.h"
#include "error.h"
#include "io.h"
#include "rules.h"

/*
 * Options and reporting shared by every program, so that each cmd/ file
 * only adds its own options. This is the one part of lib/ that prints: it
 * writes diagnostics to stderr in the form "PROGRAM: FILE:LINE: message".
 *
 * Before each diagnostic it writes out and flushes what the program has
 * written to stdout (cli->out and the stdio buffer). So in a log that
 * takes both streams (>log 2>&1), a message sits between whole records,
 * after the records written before it. Only the thread that writes the
 * output may print a diagnostic while cli->out is open.
 */

/* Option codes of the shared long options; above any short option. */
enum la_cli_option {
	LA_OPT_INPUT_FORMAT = 'I',
	LA_OPT_OUTPUT_FORMAT = 'O',
	LA_OPT_ENCODING = 'E',
	LA_OPT_RULES = 'R',
	LA_OPT_AS_OF = 'T',
	LA_OPT_COLUMNS = 'c',
	LA_OPT_MASK = 'm',
	LA_OPT_HELP = 'h',
	LA_OPT_VERSION = 'V',
	LA_OPT_OUTPUT_ENCODING = 0x100,
	LA_OPT_BOM,
	LA_OPT_PAD,
	LA_OPT_PRINT_RULES,
	LA_OPT_SAFE_CSV,
	LA_OPT_NO_MASK
};

/* Short letters of the shared options, for getopt_long's optstring. */
#define LA_CLI_SHORT "c:E:hI:mO:R:T:V"

/* The shared entries of a getopt_long table; end the table after them. */
#define LA_CLI_LONG \
	{ "as-of", required_argument, NULL, LA_OPT_AS_OF }, \
	{ "bom", no_argument, NULL, LA_OPT_BOM }, \
	{ "columns", required_argument, NULL, LA_OPT_COLUMNS }, \
	{ "encoding", required_argument, NULL, LA_OPT_ENCODING }, \
	{ "help", no_argument, NULL, LA_OPT_HELP }, \
	{ "input-format", required_argument, NULL, LA_OPT_INPUT_FORMAT }, \
	{ "mask", no_argument, NULL, LA_OPT_MASK }, \
	{ "no-mask", no_argument, NULL, LA_OPT_NO_MASK }, \
	{ "output-encoding", required_argument, NULL, \
	    LA_OPT_OUTPUT_ENCODING }, \
	{ "output-format", required_argument, NULL, LA_OPT_OUTPUT_FORMAT }, \
	{ "pad", no_argument, NULL, LA_OPT_PAD }, \
	{ "print-rules", no_argument, NULL, LA_OPT_PRINT_RULES }, \
	{ "rules", required_argument, NULL, LA_OPT_RULES }, \
	{ "safe-csv", no_argument, NULL, LA_OPT_SAFE_CSV }, \
	{ "version", no_argument, NULL, LA_OPT_VERSION }

struct la_cli {
	const char *prog;
	struct la_read_opts read;
	struct la_write_opts write;	/* format AUTO: same as the input */
	const char *rules_path;
	const char *as_of;
	int print_rules;
	int help;
	int version;
	int warnings;		/* count of warnings printed */
	struct la_rules rules;
	la_time now;		/* --as-of, or the current time */
	struct la_columns columns;	/* --columns; n == 0 for all */
	int columns_checked;		/* names checked on the first record */
	int write_failed;		/* a write error was reported */
	struct la_writer *out;	/* the open writer on stdout, or NULL */
	int dropped_warned;		/* a field left out was reported */
	const char *input;		/* the input being written, or NULL */
	struct la_record projected;
};

/*
 * Sets up locale and message catalogue and fills cli with defaults. prog is
 * the program name used in every message.
 */
void la_cli_init(struct la_cli *cli, const char *prog);

/*
 * Applies one shared option. Returns 1 if opt was a shared option, 0 if it
 * is the program's own, and -1 (message printed) for an invalid value.
 */
int la_cli_option(struct la_cli *cli, int opt, const char *arg);

/*
 * Loads the rules (built-in defaults, then --rules) and fixes "now" from
 * --as-of in the rules' zone. Handles --print-rules and --version by
 * printing. Returns -1 after printing an error, 1 if the program should
 * exit 0 now (rules or version printed), 0 to go on.
 */
int la_cli_start(struct la_cli *cli);

/*
 * Parses argv for the shared options and -o/--only, whose value must be
 * one of the NULL-terminated list values ("eligible", ...). Sets *only to
 * the value given, if any. Returns 0, -1 after printing an invalid
 * value, or -2 for an unknown option, after which getopt has printed the
 * message and the caller prints its usage.
 */
int la_cli_parse_only(struct la_cli *cli, int argc, char **argv,
    const char *const *values, const char **only);

/*
 * Checks the value of -o/--only against the NULL-terminated list values.
 * Returns 0, or -1 after printing the values expected.
 */
int la_cli_check_only(struct la_cli *cli, const char *arg,
    const char *const *values);

/* Prints the shared options' help lines, for a program's --help. */
void la_cli_help_common(FILE *fp);

/* Prints "PROGRAM: FILE:LINE: text" for an error (field and column too). */
void la_cli_error(const struct la_cli *cli, const struct la_error *err);

/* Prints "PROGRAM: message" for a failure with no file position. */
void la_cli_fail(const struct la_cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The warning callback that readers get through cli->read.diag. */
void la_cli_warn(void *ctx, const struct la_error *w);

/*
 * The warning callback of writers, through cli->write.diag: prints the
 * first field left out of the CSV output in a run, and no later one,
 * at the line of cli->input that the warning gives.
 */
void la_cli_warn_dropped(void *ctx, const struct la_error *w);

/*
 * Opens an operand: "-" or NULL is standard input. Returns the stream or
 * NULL after printing an error naming the file.
 */
FILE *la_cli_open(struct la_cli *cli, const char *path);
void la_cli_close(FILE *fp);

/*
 * Makes fp readable twice. A regular file is returned as it is. Anything
 * else (a pipe) is copied to an unlinked owner-only temporary file, which
 * is returned and must be closed with fclose. Returns NULL after printing
 * an error.
 */
FILE *la_cli_rewindable(struct la_cli *cli, FILE *fp, const char *name);

/*
 * Opens the writer on stdout, with the output format taken from the
 * options or else from the reader's format, and keeps it in cli->out so
 * that diagnostics flush it first. Close it with la_cli_close_writer.
 * NULL after printing an error.
 */
struct la_writer *la_cli_writer(struct la_cli *cli, enum la_format input);

/*
 * Writes r through w, keeping only the --columns fields if given. Returns
 * 0, or -1 after printing an error.
 */
int la_cli_put(struct la_cli *cli, struct la_writer *w,
    const struct la_record *r);

/*
 * Writes the CSV header that r would start, through the same --columns,
 * for an output with no record (la_writer_header). Returns 0, or -1 after
 * printing an error.
 */
int la_cli_put_header(struct la_cli *cli, struct la_writer *w,
    const struct la_record *r);

/* A field that a program adds to every record: catalogue id, or -1. */
struct la_cli_added {
	const char *name;
	int id;
};

/*
 * The CSV output's columns: names borrowed from a struct la_column_union,
 * the added fields, or --columns.
 */
struct la_cli_columns {
	const char **names;
	int *ids;
	size_t n;
};

/*
 * Fixes the CSV columns of the output in cli->write: the columns of u,
 * the union of the inputs' columns, then each of the nadded fields added
 * that u lacks (by id, or by name for id -1). With --columns, the output
 * has the items selected, each checked against every input: one that
 * none has is written empty with a warning. c, u and the names of added
 * must stay until la_cli_columns_free(). Returns 0, or -1 after printing
 * the error.
 */
int la_cli_columns_set(struct la_cli_columns *c,
    const struct la_column_union *u, const struct la_cli_added *added,
    size_t nadded, struct la_cli *cli);

/* Frees c and takes its columns back out of cli->write. */
void la_cli_columns_free(struct la_cli_columns *c, struct la_cli *cli);

/*
 * Closes w, printing an error if the output could not be written unless a
 * write error was printed already. Returns 0 or -1.
 */
int la_cli_close_writer(struct la_cli *cli, struct la_writer *w);

/*
 * Flushes and closes stdout; a write error (a full disk, a closed pipe)
 * is printed. Returns status unchanged, or LA_EXIT_FAIL on failure.
 */
int la_cli_finish(struct la_cli *cli, int status);

void la_cli_free(struct la_cli *cli);

#endif
