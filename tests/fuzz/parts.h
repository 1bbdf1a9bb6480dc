/* SPDX-License-Identifier: MIT */
#ifndef LA_FUZZ_PARTS_H
#define LA_FUZZ_PARTS_H

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "catalogue.h"
#include "io.h"
#include "io_scan.h"

/*
 * Checks reading a CSV input in parts, as la-validate does with several
 * threads, against reading it whole. Both reads give a transcript: each
 * record with its line, fields and findings, each warning, and how the
 * input ended. The fuzz target and the unit test share these helpers.
 */

static inline void
parts_warning(void *ctx, const struct la_error *w)
{
	json_array_append_new(ctx, json_pack("[s,s,I,s,s]", "warning",
	    w->file, (json_int_t)w->line, w->field, w->text));
}

static inline json_t *
parts_record(const struct la_record *r)
{
	json_t *fields = json_array(), *findings = json_array();

	for (size_t i = 0; i < r->nfields; i++) {
		const struct la_field *f = &r->fields[i];

		json_array_append_new(fields, json_pack("[s,s%,i,i]",
		    f->name, f->value, f->len, (int)f->kind, f->id));
	}
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct la_finding *f = &r->findings[i];

		json_array_append_new(findings, json_pack("[s,s?,s]",
		    f->rule, f->field, f->message));
	}
	return json_pack("[s,I,o,o]", "record", (json_int_t)r->line, fields,
	    findings);
}

/*
 * Reads the records of rd into the transcript until the end or an error.
 * Returns la_reader_next's last result.
 */
static inline int
parts_read(struct la_reader *rd, json_t *out)
{
	struct la_record r;
	struct la_error err;
	int rc;

	la_error_clear(&err);
	la_record_init(&r);
	while ((rc = la_reader_next(rd, &r, &err)) == 1)
		json_array_append_new(out, parts_record(&r));
	if (rc == -1)
		json_array_append_new(out, json_pack("[s,i,I,s,s]", "error",
		    (int)err.code, (json_int_t)err.line, err.field,
		    err.text));
	la_record_free(&r);
	return rc;
}

/* The transcript of reading fp whole with opts. */
static inline json_t *
parts_whole(FILE *fp, const struct la_read_opts *opts)
{
	struct la_read_opts o = *opts;
	struct la_reader *rd;
	struct la_error err;
	json_t *out = json_array();

	o.diag.warn = parts_warning;
	o.diag.ctx = out;
	la_error_clear(&err);
	rewind(fp);
	if ((rd = la_reader_open(fp, "input", &o, &err)) == NULL) {
		json_array_append_new(out, json_pack("[s,s]", "open",
		    err.text));
		return out;
	}
	parts_read(rd, out);
	la_reader_close(rd);
	return out;
}

static inline int
parts_ignore_row(void *ctx, const char *const *values, long line,
    struct la_error *err)
{
	(void)ctx;
	(void)values;
	(void)line;
	(void)err;
	return 0;
}

static inline size_t
parts_skip_row(void *ctx, const char *const *values, char *out)
{
	(void)ctx;
	(void)values;
	(void)out;
	return 0;
}

static inline int
parts_no_commit(void *ctx, const char *data, size_t len, long line,
    struct la_error *err)
{
	(void)ctx;
	(void)data;
	(void)len;
	(void)line;
	(void)err;
	return 0;
}

/*
 * The first pass: scans fp for marks every m->every bytes, in threads
 * threads taking span bytes at a time when threads is 2 or more. Returns
 * the scan's result and sets *utf8 as la-validate would.
 */
static inline int
parts_scan(FILE *fp, const struct la_read_opts *opts, struct la_marks *m,
    int threads, size_t span, int *utf8)
{
	static const int ids[] = { LA_F_ID_NUMBER, LA_F_LICENSE_NO };
	struct la_read_opts quiet = *opts;
	struct la_reader *rd;
	struct la_error err;
	long reached;
	int rc;

	quiet.diag.warn = NULL;
	la_error_clear(&err);
	rewind(fp);
	*utf8 = 0;
	if ((rd = la_reader_open(fp, "input", &quiet, &err)) == NULL)
		return -1;
	if (threads > 1)
		rc = la_reader_scan_threads(rd, ids, 2, parts_skip_row,
		    parts_no_commit, NULL, threads, span, m, &reached, &err);
	else
		rc = la_reader_scan(rd, ids, 2, parts_ignore_row, NULL, m,
		    &reached, &err);
	*utf8 = rc == 1 && strcmp(la_reader_encoding(rd), "utf-8") == 0;
	la_reader_close(rd);
	return rc;
}

/* Reads the part of whole between marks a and b into out. */
static inline void
parts_one(struct la_reader *whole, const struct la_mark *a,
    const struct la_mark *b, json_t *out)
{
	struct la_diag diag = { parts_warning, out };
	struct la_reader *part;
	struct la_error err;

	la_error_clear(&err);
	if ((part = la_reader_part(whole, a, b, &diag, &err)) == NULL) {
		json_array_append_new(out, json_pack("[s,s]", "part",
		    err.text));
		return;
	}
	parts_read(part, out);
	la_reader_add_part(whole, part);
	la_reader_close(part);
}

/*
 * The transcript of reading fp in parts between marks set every every
 * bytes, by a scan in threads threads of span bytes, then whole from the
 * last mark on. *nparts is the number of parts read.
 */
static inline json_t *
parts_split(FILE *fp, const struct la_read_opts *opts, size_t every,
    int threads, size_t span, size_t *nparts)
{
	struct la_marks m = { NULL, 0, 0, every };
	struct la_read_opts o = *opts;
	struct la_reader *rd;
	struct la_error err;
	json_t *out = json_array();
	size_t off;
	int utf8;

	*nparts = 0;
	parts_scan(fp, opts, &m, threads, span, &utf8);
	if (utf8) {
		o.encoding = "utf-8";
		o.checked = 1;
	}
	o.diag.warn = parts_warning;
	o.diag.ctx = out;
	la_error_clear(&err);
	rewind(fp);
	if ((rd = la_reader_open(fp, "input", &o, &err)) == NULL) {
		json_array_append_new(out, json_pack("[s,s]", "open",
		    err.text));
		la_marks_free(&m);
		return out;
	}
	if (m.n > 0 && la_reader_can_part(rd) && la_reader_offset(rd, &off) &&
	    off == m.v[0].off) {
		for (size_t i = 0; i + 1 < m.n; i++)
			parts_one(rd, &m.v[i], &m.v[i + 1], out);
		*nparts = m.n - 1;
		la_reader_seek(rd, &m.v[m.n - 1]);
	}
	parts_read(rd, out);
	la_reader_close(rd);
	la_marks_free(&m);
	return out;
}

/*
 * 1 when reading fp, a regular file, in parts between marks every every
 * bytes gives the transcript of reading it whole, else 0 with both
 * printed. The marks come from a scan in threads threads of span bytes.
 * *nparts is the number of parts read.
 */
static inline int
parts_agree(FILE *fp, const struct la_read_opts *opts, size_t every,
    int threads, size_t span, size_t *nparts)
{
	json_t *whole = parts_whole(fp, opts);
	json_t *split = parts_split(fp, opts, every, threads, span, nparts);
	int same = json_equal(whole, split);

	if (!same) {
		char *a = json_dumps(whole, JSON_COMPACT);
		char *b = json_dumps(split, JSON_COMPACT);

		fprintf(stderr, "whole: %s\nparts (%zu, every %zu): %s\n", a,
		    *nparts, every, b);
		free(a);
		free(b);
	}
	json_decref(whole);
	json_decref(split);
	return same;
}

#endif
