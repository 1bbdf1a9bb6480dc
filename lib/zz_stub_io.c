/* SPDX-License-Identifier: MIT */
/*
 * STUB for the audit branch only: a small lib/io.c (UTF-8 CSV, JSON Lines
 * and JSON arrays; no encodings, no masking) so that la-audit runs before
 * the real module lands in main. Delete once main has lib/io.c.
 */
#include <csv.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "io.h"

struct row {
	char **cells;
	size_t n;
	size_t cap;
	long line;
};

struct la_reader {
	FILE *fp;
	const char *name;
	enum la_format format;
	struct csv_parser csv;
	struct row cur;
	struct row *queue;
	size_t nqueue;
	size_t qcap;
	size_t qhead;
	struct la_header header;
	int have_header;
	char **keys;
	size_t nkeys;
	long line;
	long row_line;
	int eof;
	json_t *array;
	size_t array_i;
	char *peek;
	size_t npeek;
};

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
	static const char *names[] = { "auto", "csv", "jsonl", "json" };

	return names[f];
}

static void
on_cell(void *s, size_t len, void *ctx)
{
	struct la_reader *rd = ctx;
	struct row *r = &rd->cur;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->cells = realloc(r->cells, r->cap * sizeof(*r->cells));
	}
	if (r->n == 0)
		r->line = rd->row_line;
	r->cells[r->n] = malloc(len + 1);
	memcpy(r->cells[r->n], s, len);
	r->cells[r->n++][len] = '\0';
}

static void
on_row(int c, void *ctx)
{
	struct la_reader *rd = ctx;

	(void)c;
	if (rd->cur.n == 1 && rd->cur.cells[0][0] == '\0') {
		free(rd->cur.cells[0]);
		rd->cur.n = 0;
		return;
	}
	if (rd->nqueue == rd->qcap) {
		rd->qcap = rd->qcap ? rd->qcap * 2 : 16;
		rd->queue = realloc(rd->queue, rd->qcap * sizeof(*rd->queue));
	}
	rd->queue[rd->nqueue++] = rd->cur;
	memset(&rd->cur, 0, sizeof(rd->cur));
}

static int
feed_csv(struct la_reader *rd, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (rd->cur.n == 0 && rd->row_line == 0)
			rd->row_line = rd->line + 1;
		csv_parse(&rd->csv, buf + i, 1, on_cell, on_row, rd);
		if (buf[i] == '\n') {
			rd->line++;
			if (rd->cur.n == 0)
				rd->row_line = 0;
		}
	}
	return 0;
}

struct la_reader *
la_reader_open(FILE *fp, const char *name, const struct la_read_opts *opts,
    struct la_error *err)
{
	struct la_reader *rd = calloc(1, sizeof(*rd));
	char buf[4096];
	size_t n, i = 0;

	rd->fp = fp;
	rd->name = strcmp(name, "-") == 0 ? "<stdin>" : name;
	n = fread(buf, 1, sizeof(buf), fp);
	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && strchr(" \t\r\n", buf[i]) != NULL)
		i++;
	rd->format = opts->format != LA_FORMAT_AUTO ? opts->format :
	    i < n && buf[i] == '{' ? LA_FORMAT_JSONL :
	    i < n && buf[i] == '[' ? LA_FORMAT_JSON : LA_FORMAT_CSV;
	rd->peek = malloc(n + 1);
	memcpy(rd->peek, buf, n);
	rd->npeek = n;
	if (rd->format == LA_FORMAT_CSV)
		csv_init(&rd->csv, CSV_APPEND_NULL);
	if (rd->format == LA_FORMAT_JSON) {
		json_error_t je;
		size_t cap = n + 1, len = n;
		char *all = malloc(cap);

		memcpy(all, buf, n);
		while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
			all = realloc(all, cap += n);
			memcpy(all + len, buf, n);
			len += n;
		}
		rd->array = json_loadb(all, len, 0, &je);
		free(all);
		if (rd->array == NULL || !json_is_array(rd->array)) {
			la_error_set(err, LA_ERR_SYNTAX, rd->name, je.line,
			    NULL, "invalid JSON: %s", je.text);
			la_reader_close(rd);
			return NULL;
		}
	}
	return rd;
}

static const char *
intern(struct la_reader *rd, const char *key)
{
	for (size_t i = 0; i < rd->nkeys; i++)
		if (strcmp(rd->keys[i], key) == 0)
			return rd->keys[i];
	rd->keys = realloc(rd->keys, (rd->nkeys + 1) * sizeof(*rd->keys));
	return rd->keys[rd->nkeys++] = strdup(key);
}

static void
object_fields(struct la_reader *rd, json_t *o, struct la_record *r)
{
	const char *key;
	json_t *v;

	json_object_foreach(o, key, v) {
		const char *name = intern(rd, key);
		char *text = NULL;
		const char *s = "";

		if (json_is_string(v))
			s = json_string_value(v);
		else if (!json_is_null(v))
			s = text = json_dumps(v,
			    JSON_ENCODE_ANY | JSON_COMPACT);
		la_record_append(r, name, la_field_lookup(name, strlen(name)),
		    s, strlen(s), LA_KIND_TEXT);
		free(text);
	}
}

static int
next_jsonl(struct la_reader *rd, struct la_record *r, struct la_error *err)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	json_error_t je;
	json_t *o;

	for (;;) {
		if (rd->peek != NULL) {
			char buf[4096];
			size_t k;
			FILE *t = tmpfile();

			fwrite(rd->peek, 1, rd->npeek, t);
			while ((k = fread(buf, 1, sizeof(buf), rd->fp)) > 0)
				fwrite(buf, 1, k, t);
			rewind(t);
			free(rd->peek);
			rd->peek = NULL;
			rd->fp = t;
			rd->eof = 2;
		}
		if ((n = getline(&line, &cap, rd->fp)) == -1) {
			free(line);
			return 0;
		}
		rd->line++;
		if (strspn(line, " \t\r\n") != (size_t)n)
			break;
	}
	r->line = rd->line;
	if ((o = json_loads(line, 0, &je)) == NULL || !json_is_object(o)) {
		la_record_add_finding(r, "input", NULL, "invalid JSON: %s",
		    je.text);
		json_decref(o);
		free(line);
		return 1;
	}
	free(line);
	(void)err;
	object_fields(rd, o, r);
	json_decref(o);
	return 1;
}

static int
fill_queue(struct la_reader *rd)
{
	char buf[65536];
	size_t n;

	while (rd->qhead == rd->nqueue && !rd->eof) {
		rd->qhead = rd->nqueue = 0;
		if (rd->peek != NULL) {
			feed_csv(rd, rd->peek, rd->npeek);
			free(rd->peek);
			rd->peek = NULL;
			continue;
		}
		if ((n = fread(buf, 1, sizeof(buf), rd->fp)) == 0) {
			csv_fini(&rd->csv, on_cell, on_row, rd);
			rd->eof = 1;
		} else
			feed_csv(rd, buf, n);
	}
	return rd->qhead < rd->nqueue;
}

static void
free_row(struct row *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->cells[i]);
	free(w->cells);
}

static int
next_csv(struct la_reader *rd, struct la_record *r, struct la_error *err)
{
	struct row w;

	if (!rd->have_header) {
		if (!fill_queue(rd))
			return la_error_set(err, LA_ERR_HEADER, rd->name, 1,
			    NULL, "no header row");
		w = rd->queue[rd->qhead++];
		rd->header.ncols = w.n;
		rd->header.names = w.cells;
		rd->header.ids = calloc(w.n, sizeof(int));
		if (w.n > 0 && strncmp(w.cells[0], "\xef\xbb\xbf", 3) == 0)
			memmove(w.cells[0], w.cells[0] + 3,
			    strlen(w.cells[0]) - 2);
		if (la_header_resolve(&rd->header, rd->name, err) != 0)
			return -1;
		rd->have_header = 1;
	}
	if (!fill_queue(rd))
		return 0;
	w = rd->queue[rd->qhead++];
	r->line = w.line;
	for (size_t i = 0; i < w.n && i < rd->header.ncols; i++)
		la_record_append(r, rd->header.names[i], rd->header.ids[i],
		    w.cells[i], strlen(w.cells[i]), LA_KIND_TEXT);
	if (w.n != rd->header.ncols)
		la_record_add_finding(r, "input", NULL,
		    "row has %zu fields, the header has %zu", w.n,
		    rd->header.ncols);
	free_row(&w);
	return 1;
}

int
la_reader_next(struct la_reader *rd, struct la_record *r,
    struct la_error *err)
{
	la_record_reset(r);
	if (rd->format == LA_FORMAT_JSONL)
		return next_jsonl(rd, r, err);
	if (rd->format == LA_FORMAT_JSON) {
		json_t *o;

		if (rd->array_i >= json_array_size(rd->array))
			return 0;
		o = json_array_get(rd->array, rd->array_i++);
		r->line = (long)rd->array_i;
		object_fields(rd, o, r);
		return 1;
	}
	return next_csv(rd, r, err);
}

enum la_format
la_reader_format(const struct la_reader *rd)
{
	return rd->format;
}

const char *
la_reader_encoding(const struct la_reader *rd)
{
	(void)rd;
	return "utf-8";
}

const struct la_header *
la_reader_header(const struct la_reader *rd)
{
	return rd->have_header ? &rd->header : NULL;
}

void
la_reader_close(struct la_reader *rd)
{
	if (rd == NULL)
		return;
	if (rd->format == LA_FORMAT_CSV)
		csv_free(&rd->csv);
	for (size_t i = rd->qhead; i < rd->nqueue; i++)
		free_row(&rd->queue[i]);
	free(rd->queue);
	free_row(&rd->cur);
	if (rd->have_header) {
		for (size_t i = 0; i < rd->header.ncols; i++)
			free(rd->header.names[i]);
		free(rd->header.names);
		free(rd->header.ids);
	}
	for (size_t i = 0; i < rd->nkeys; i++)
		free(rd->keys[i]);
	free(rd->keys);
	json_decref(rd->array);
	free(rd->peek);
	if (rd->eof == 2)
		fclose(rd->fp);
	free(rd);
}

struct la_writer {
	FILE *fp;
	struct la_write_opts o;
	int n;
	char **header;
	size_t ncols;
};

struct la_writer *
la_writer_open(FILE *fp, const char *name, const struct la_write_opts *opts,
    struct la_error *err)
{
	struct la_writer *w = calloc(1, sizeof(*w));

	(void)name;
	(void)err;
	w->fp = fp;
	w->o = *opts;
	if (w->o.format == LA_FORMAT_JSON)
		fputs("[", fp);
	return w;
}

static void
csv_cell(FILE *fp, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

static json_t *
json_value(const struct la_field *f)
{
	json_t *a;
	const char *p, *q;

	switch (f->kind) {
	case LA_KIND_NUMBER:
		return json_loads(f->value, JSON_DECODE_ANY, NULL);
	case LA_KIND_NULL:
		return json_null();
	case LA_KIND_BOOL:
		return json_boolean(strcmp(f->value, "true") == 0);
	case LA_KIND_LIST:
		a = json_array();
		for (p = f->value; *p != '\0'; p = *q ? q + 1 : q) {
			q = p + strcspn(p, ";");
			json_array_append_new(a,
			    json_stringn(p, (size_t)(q - p)));
		}
		return a;
	default:
		return json_string(f->value);
	}
}

int
la_writer_put(struct la_writer *w, const struct la_record *r,
    struct la_error *err)
{
	(void)err;
	if (w->o.format == LA_FORMAT_CSV) {
		if (w->n++ == 0)
			for (size_t i = 0; i < r->nfields; i++) {
				if (i > 0)
					fputc(',', w->fp);
				csv_cell(w->fp, r->fields[i].name);
			}
		if (w->n == 1)
			fputc('\n', w->fp);
		for (size_t i = 0; i < r->nfields; i++) {
			if (i > 0)
				fputc(',', w->fp);
			csv_cell(w->fp, r->fields[i].value);
		}
		fputc('\n', w->fp);
		return 0;
	}
	json_t *o = json_object();
	char *s;

	for (size_t i = 0; i < r->nfields; i++)
		json_object_set_new(o, r->fields[i].name,
		    json_value(&r->fields[i]));
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_ENSURE_ASCII * 0);
	if (w->o.format == LA_FORMAT_JSON && w->n > 0)
		fputs(",", w->fp);
	fputs(s, w->fp);
	if (w->o.format == LA_FORMAT_JSONL)
		fputc('\n', w->fp);
	w->n++;
	free(s);
	json_decref(o);
	return 0;
}

int
la_writer_close(struct la_writer *w, struct la_error *err)
{
	int rc = 0;

	if (w->o.format == LA_FORMAT_JSON)
		fputs("]\n", w->fp);
	if (fflush(w->fp) != 0)
		rc = la_error_set(err, LA_ERR_IO, NULL, 0, NULL,
		    "write error");
	free(w);
	return rc;
}
