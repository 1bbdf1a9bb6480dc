/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "io_impl.h"

int
la_format_parse(const char *s)
{
	if (strcmp(s, "csv") == 0)
		return LA_FORMAT_CSV;
	if (strcmp(s, "jsonl") == 0)
		return LA_FORMAT_JSONL;
	if (strcmp(s, "json") == 0)
		return LA_FORMAT_JSON;
	return -1;
}

const char *
la_format_name(enum la_format f)
{
	switch (f) {
	case LA_FORMAT_CSV:
		return "csv";
	case LA_FORMAT_JSONL:
		return "jsonl";
	case LA_FORMAT_JSON:
		return "json";
	case LA_FORMAT_AUTO:
		break;
	}
	return "auto";
}

int
la_io_fill(struct la_reader *rd, struct la_error *err)
{
	const char *p;
	size_t n;
	int fresh = err != NULL && err->code == LA_ERR_NONE;
	int rc;

	if (rd->eof)
		return 0;
	rc = la_src_read(&rd->src, &p, &n, err);
	if (rc == -1 && err != NULL && err->line == 0) {
		err->line = rd->line;
		if (fresh)
			la_src_explain(&rd->src, err);
	}
	if (rc == 0)
		rd->eof = 1;
	if (rc == 1) {
		rd->cur = p;
		rd->end = p + n;
	}
	return rc;
}

/* From the first byte that is not white space: '{', '[' or else CSV. */
static int
detect(struct la_reader *rd, struct la_error *err)
{
	int rc;

	for (;;) {
		if (rd->cur == rd->end) {
			if ((rc = la_io_fill(rd, err)) <= 0) {
				rd->format = LA_FORMAT_CSV;
				return rc;
			}
		}
		for (const char *p = rd->cur; p < rd->end; p++) {
			if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
				continue;
			if (*p == '{')
				rd->format = LA_FORMAT_JSONL;
			else if (*p == '[')
				rd->format = LA_FORMAT_JSON;
			else
				rd->format = LA_FORMAT_CSV;
			return 0;
		}
		/* A chunk of white space only: skip it, counting lines. */
		for (const char *p = rd->cur; p < rd->end; p++)
			rd->line += *p == '\n';
		rd->cur = rd->end;
	}
}

static int
open_format(struct la_reader *rd, struct la_error *err)
{
	if (rd->format == LA_FORMAT_AUTO && detect(rd, err) == -1)
		return -1;
	if (rd->format == LA_FORMAT_CSV)
		return la_csv_open(rd, err);
	return la_json_open(rd, err);
}

struct la_reader *
la_reader_open(FILE *fp, const char *name, const struct la_read_opts *opts,
    struct la_error *err)
{
	struct la_reader *rd;

	if (name == NULL || strcmp(name, "-") == 0)
		name = "<stdin>";
	if ((rd = calloc(1, sizeof(*rd))) == NULL ||
	    (rd->name = strdup(name)) == NULL) {
		free(rd);
		la_error_set(err, LA_ERR_NOMEM, name, 0, NULL, "out of memory");
		return NULL;
	}
	if (opts != NULL)
		rd->opts = *opts;
	rd->format = rd->opts.format;
	rd->line = 1;
	if (la_src_open(&rd->src, fp, rd->name, &rd->opts, err) == -1 ||
	    open_format(rd, err) == -1) {
		la_reader_close(rd);
		return NULL;
	}
	return rd;
}

/*
 * Flags JSON keys that map to one field. A CSV header with two columns for
 * one field is rejected whole, but each JSON object has its own keys, so
 * the record keeps both values and gets an "input" finding.
 */
static int
flag_aliases(struct la_record *r)
{
	for (size_t i = 0; i < r->nfields; i++) {
		for (size_t j = i + 1; j < r->nfields; j++) {
			if (r->fields[i].id < 0 ||
			    r->fields[i].id != r->fields[j].id)
				continue;
			if (la_record_add_finding(r, "input",
			    la_field_name(r->fields[i].id), "keys \"%s\" and "
			    "\"%s\" both map to field %s; keep one of them",
			    r->fields[i].name, r->fields[j].name,
			    la_field_name(r->fields[i].id)) != 0)
				return -1;
		}
	}
	return 0;
}

int
la_reader_next(struct la_reader *rd, struct la_record *r,
    struct la_error *err)
{
	int rc;

	if (rd->ended) {
		la_record_reset(r);
		return 0;
	}
	if (rd->format == LA_FORMAT_CSV)
		rc = la_csv_next(rd, r, err);
	else
		rc = la_json_next(rd, r, err);
	if (rc == 0)
		rd->ended = 1;
	if (rc == 1 && rd->format != LA_FORMAT_CSV && flag_aliases(r) != 0)
		return la_error_set(err, LA_ERR_NOMEM, rd->src.name, r->line,
		    NULL, "out of memory");
	return rc;
}

enum la_format
la_reader_format(const struct la_reader *rd)
{
	return rd->format;
}

const char *
la_reader_encoding(const struct la_reader *rd)
{
	return rd->src.encoding;
}

const struct la_header *
la_reader_header(const struct la_reader *rd)
{
	return rd->csv != NULL ? la_csv_header(rd) : NULL;
}

int
la_reader_columns(const struct la_reader *rd, struct la_header *out)
{
	if (rd->csv != NULL)
		return la_csv_columns(rd, out);
	memset(out, 0, sizeof(*out));
	return 0;
}

int
la_reader_named(const struct la_reader *rd, size_t col)
{
	return rd->csv != NULL && la_csv_named(rd, col);
}

void
la_reader_close(struct la_reader *rd)
{
	if (rd == NULL)
		return;
	la_csv_close(rd);
	la_json_close(rd);
	la_src_close(&rd->src);
	free(rd->name);
	free(rd);
}
