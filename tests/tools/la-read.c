/* SPDX-License-Identifier: MIT */
/*
 * la-read: reads records with la_reader and writes them with la_writer.
 * It drives the end-to-end tests of lib/io and measures its speed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "io.h"
#include "record.h"

static const char *progname = "la-read";

static void
usage(void)
{
	fprintf(stderr, "usage: %s [-bFgmnp] [-E output-encoding] "
	    "[-e encoding] [-f csv|jsonl|json] [-i csv|jsonl|json] [file]\n",
	    progname);
	exit(LA_EXIT_FAIL);
}

static void
report(const char *kind, const struct la_error *e)
{
	fprintf(stderr, "%s: %s", progname, e->file);
	if (e->line > 0)
		fprintf(stderr, ":%ld", e->line);
	if (e->line > 0 && e->column > 0)
		fprintf(stderr, ":%ld", e->column);
	fprintf(stderr, ": %s%s\n", kind, e->text);
}

static void
warn_cb(void *ctx, const struct la_error *w)
{
	(void)ctx;
	report("warning: ", w);
}

static enum la_format
format_arg(const char *s)
{
	int f = la_format_parse(s);

	if (f == -1) {
		fprintf(stderr, "%s: unknown format \"%s\"; use csv, jsonl "
		    "or json\n", progname, s);
		usage();
	}
	return (enum la_format)f;
}

struct options {
	struct la_read_opts in;
	struct la_write_opts out;
	int count_only;		/* -n: read only, print the record count */
	int with_findings;	/* -F: add a findings field to each record */
};

static void
parse_options(int argc, char **argv, struct options *o)
{
	int c;

	while ((c = getopt(argc, argv, "bE:e:Ff:gi:mnp")) != -1) {
		switch (c) {
		case 'b':
			o->out.bom = 1;
			break;
		case 'E':
			o->out.encoding = optarg;
			break;
		case 'e':
			o->in.encoding = optarg;
			break;
		case 'F':
			o->with_findings = 1;
			break;
		case 'f':
			o->out.format = format_arg(optarg);
			break;
		case 'g':
			o->out.formula_guard = 1;
			break;
		case 'i':
			o->in.format = format_arg(optarg);
			break;
		case 'm':
			o->out.mask = 1;
			break;
		case 'n':
			o->count_only = 1;
			break;
		case 'p':
			o->in.pad = 1;
			break;
		default:
			usage();
		}
	}
}

/* Copies every record from rd to w; returns the exit status. */
static int
copy(struct la_reader *rd, struct la_writer *w, const struct options *o)
{
	struct la_record r;
	struct la_error err;
	long count = 0;
	int rc, status = LA_EXIT_OK;

	la_record_init(&r);
	la_error_clear(&err);
	while ((rc = la_reader_next(rd, &r, &err)) == 1) {
		count++;
		if (r.nfindings > 0)
			status = LA_EXIT_FOUND;
		if (o->with_findings && la_record_append(&r, "findings", -1,
		    "", 0, LA_KIND_FINDINGS) == NULL)
			rc = -1;
		if (rc == -1 || (w != NULL && la_writer_put(w, &r, &err) == -1))
			break;
	}
	la_record_free(&r);
	if (rc == 1 || rc == -1) {
		report("", &err);
		return LA_EXIT_FAIL;
	}
	if (o->count_only)
		printf("%ld\n", count);
	return status;
}

int
main(int argc, char **argv)
{
	struct options o;
	struct la_error err;
	struct la_reader *rd;
	struct la_writer *w = NULL;
	const char *name = "-";
	FILE *fp = stdin;
	int status;

	memset(&o, 0, sizeof(o));
	o.in.diag.warn = warn_cb;
	parse_options(argc, argv, &o);
	if (optind + 1 < argc)
		usage();
	if (optind < argc && strcmp(argv[optind], "-") != 0) {
		name = argv[optind];
		if ((fp = fopen(name, "rb")) == NULL) {
			perror(name);
			return LA_EXIT_FAIL;
		}
	}
	la_error_clear(&err);
	if ((rd = la_reader_open(fp, name, &o.in, &err)) == NULL) {
		report("", &err);
		return LA_EXIT_FAIL;
	}
	if (o.out.format == LA_FORMAT_AUTO)
		o.out.format = la_reader_format(rd);
	if (!o.count_only &&
	    (w = la_writer_open(stdout, "-", &o.out, &err)) == NULL) {
		report("", &err);
		return LA_EXIT_FAIL;
	}
	status = copy(rd, w, &o);
	if (w != NULL && la_writer_close(w, &err) == -1 &&
	    status != LA_EXIT_FAIL) {
		report("", &err);
		status = LA_EXIT_FAIL;
	}
	la_reader_close(rd);
	if (fp != stdin)
		fclose(fp);
	return status;
}
