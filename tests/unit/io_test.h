/* SPDX-License-Identifier: MIT */
#ifndef LA_IO_TEST_H
#define LA_IO_TEST_H

/*
 * Helpers shared by the test_io_*.c files: read a whole input into JSON
 * values that the tests compare. Tests run from the top of the tree, so
 * data paths start with tests/data.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "error.h"
#include "io.h"
#include "record.h"

#define INPUTS "tests/data/inputs/"
#define EXPECTED "tests/data/expected/"
#define SUITES "tests/data/suites/"

/* Everything one reading produced. */
struct io_run {
	json_t *records;	/* objects {name: value as read} */
	json_t *lines;		/* r->line of each record */
	json_t *findings;	/* "message" of every finding, in order */
	json_t *warnings;	/* "LINE: text" of every warning */
	struct la_error err;
	int failed;		/* 0, or 1 at open, 2 in la_reader_next */
	char encoding[64];
	enum la_format format;
};

static inline void
io_collect_warning(void *ctx, const struct la_error *w)
{
	json_array_append_new(ctx, json_sprintf("%ld: %s", w->line, w->text));
}

static inline json_t *
io_record_json(const struct la_record *r)
{
	json_t *o = json_object();

	for (size_t i = 0; i < r->nfields; i++)
		json_object_set_new(o, r->fields[i].name,
		    json_stringn(r->fields[i].value, r->fields[i].len));
	return o;
}

static inline void
io_run_init(struct io_run *run)
{
	memset(run, 0, sizeof(*run));
	run->records = json_array();
	run->lines = json_array();
	run->findings = json_array();
	run->warnings = json_array();
	la_error_clear(&run->err);
}

static inline void
io_run_free(struct io_run *run)
{
	json_decref(run->records);
	json_decref(run->lines);
	json_decref(run->findings);
	json_decref(run->warnings);
}

static inline void
io_read_records(struct la_reader *rd, struct io_run *run)
{
	struct la_record r;
	int rc;

	la_record_init(&r);
	while ((rc = la_reader_next(rd, &r, &run->err)) == 1) {
		json_array_append_new(run->records, io_record_json(&r));
		json_array_append_new(run->lines, json_integer(r.line));
		for (size_t i = 0; i < r.nfindings; i++)
			json_array_append_new(run->findings,
			    json_string(r.findings[i].message));
	}
	if (rc == -1)
		run->failed = 2;
	la_record_free(&r);
}

/* Reads fp to the end; opts may be NULL. */
static inline void
io_read_fp(FILE *fp, const char *name, const struct la_read_opts *opts,
    struct io_run *run)
{
	struct la_read_opts o;
	struct la_reader *rd;

	io_run_init(run);
	memset(&o, 0, sizeof(o));
	if (opts != NULL)
		o = *opts;
	o.diag.warn = io_collect_warning;
	o.diag.ctx = run->warnings;
	if ((rd = la_reader_open(fp, name, &o, &run->err)) == NULL) {
		run->failed = 1;
		return;
	}
	snprintf(run->encoding, sizeof(run->encoding), "%s",
	    la_reader_encoding(rd));
	run->format = la_reader_format(rd);
	io_read_records(rd, run);
	la_reader_close(rd);
}

static inline void
io_read_file(const char *path, const struct la_read_opts *opts,
    struct io_run *run)
{
	FILE *fp = fopen(path, "rb");

	if (fp == NULL) {
		fprintf(stderr, "cannot open %s\n", path);
		abort();
	}
	io_read_fp(fp, strrchr(path, '/') ? strrchr(path, '/') + 1 : path,
	    opts, run);
	fclose(fp);
}

/* Reads len bytes of text as the whole input, through fmemopen. */
static inline void
io_read_text(const char *text, size_t len, const struct la_read_opts *opts,
    struct io_run *run)
{
	FILE *fp = fmemopen((void *)text, len, "rb");

	io_read_fp(fp, "text", opts, run);
	fclose(fp);
}

/* Nonzero when some string of array contains needle. */
static inline int
io_has_text(const json_t *array, const char *needle)
{
	size_t i;
	json_t *v;

	json_array_foreach(array, i, v)
		if (json_is_string(v) && strstr(json_string_value(v), needle))
			return 1;
	return 0;
}

/* The value of field name in record i, or NULL. */
static inline const char *
io_value(const struct io_run *run, size_t i, const char *name)
{
	return json_string_value(json_object_get(json_array_get(run->records,
	    i), name));
}

static inline char *
io_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *data;
	long n;

	if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0)
		abort();
	rewind(fp);
	if ((data = malloc((size_t)n + 1)) == NULL ||
	    fread(data, 1, (size_t)n, fp) != (size_t)n)
		abort();
	data[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return data;
}

#endif
