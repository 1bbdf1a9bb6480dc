/* SPDX-License-Identifier: MIT */
/*
 * TEMPORARY STUB for the schedule branch, copied from the roster branch's
 * stub: a small UTF-8 implementation of io.h so that la-schedule builds and
 * its tests run before the real module lands. Deleted once main has it.
 */
#include <csv.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "ident.h"
#include "io.h"

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
	case LA_FORMAT_CSV: return "csv";
	case LA_FORMAT_JSONL: return "jsonl";
	case LA_FORMAT_JSON: return "json";
	default: return "auto";
	}
}

struct cell { char *s; size_t n; };

struct la_reader {
	char name[256];
	enum la_format format;
	char *buf;
	size_t len, pos;
	long line;
	struct la_header header;
	int have_header;
	json_t *array;
	size_t index;
	/* CSV row being built */
	struct cell *cells;
	size_t ncells, cap;
	int row_done;
	long row_line;
	char **keys;
	size_t nkeys;
};

static char *
slurp(FILE *fp, size_t *len)
{
	size_t cap = 4096, n = 0, r;
	char *b = malloc(cap);

	while (b != NULL && (r = fread(b + n, 1, cap - n - 1, fp)) > 0) {
		n += r;
		if (cap - n < 2) {
			char *nb = realloc(b, cap * 2);
			if (nb == NULL) { free(b); return NULL; }
			b = nb;
			cap *= 2;
		}
	}
	if (b != NULL)
		b[n] = '\0';
	*len = n;
	return b;
}

static void
cb_field(void *s, size_t n, void *ctx)
{
	struct la_reader *rd = ctx;

	if (rd->ncells == rd->cap) {
		rd->cap = rd->cap ? rd->cap * 2 : 16;
		rd->cells = realloc(rd->cells, rd->cap * sizeof(*rd->cells));
	}
	rd->cells[rd->ncells].s = strndup(s ? s : "", n);
	rd->cells[rd->ncells].n = n;
	rd->ncells++;
}

static void
cb_row(int c, void *ctx)
{
	(void)c;
	((struct la_reader *)ctx)->row_done = 1;
}

static void
free_cells(struct la_reader *rd)
{
	for (size_t i = 0; i < rd->ncells; i++)
		free(rd->cells[i].s);
	rd->ncells = 0;
}

/* Reads one CSV row into rd->cells; 0 at the end. */
static int
csv_row(struct la_reader *rd)
{
	struct csv_parser p;

	free_cells(rd);
	while (rd->pos < rd->len) {
		size_t start = rd->pos, end = rd->pos;
		int inq = 0;

		/* Find the end of the record, honouring quotes. */
		while (end < rd->len) {
			if (rd->buf[end] == '"')
				inq = !inq;
			else if (rd->buf[end] == '\n' && !inq)
				break;
			end++;
		}
		rd->row_line = rd->line + 1;
		for (size_t i = start; i < end; i++)
			if (rd->buf[i] == '\n')
				rd->line++;
		rd->line++;
		rd->pos = end < rd->len ? end + 1 : end;
		if (end == start || (end == start + 1 && rd->buf[start] == '\r'))
			continue;
		csv_init(&p, CSV_APPEND_NULL);
		rd->row_done = 0;
		csv_parse(&p, rd->buf + start, end - start, cb_field, cb_row, rd);
		csv_fini(&p, cb_field, cb_row, rd);
		csv_free(&p);
		return 1;
	}
	return 0;
}

struct la_reader *
la_reader_open(FILE *fp, const char *name, const struct la_read_opts *opts,
    struct la_error *err)
{
	struct la_reader *rd = calloc(1, sizeof(*rd));
	size_t i = 0;

	snprintf(rd->name, sizeof(rd->name), "%s",
	    strcmp(name, "-") == 0 ? "<stdin>" : name);
	rd->buf = slurp(fp, &rd->len);
	if (rd->len >= 3 && memcmp(rd->buf, "\xef\xbb\xbf", 3) == 0)
		rd->pos = 3;
	for (i = rd->pos; i < rd->len && strchr(" \t\r\n", rd->buf[i]); i++)
		;
	rd->format = opts->format;
	if (rd->format == LA_FORMAT_AUTO)
		rd->format = i < rd->len && rd->buf[i] == '{' ? LA_FORMAT_JSONL :
		    i < rd->len && rd->buf[i] == '[' ? LA_FORMAT_JSON :
		    LA_FORMAT_CSV;
	if (rd->format == LA_FORMAT_JSON) {
		json_error_t je;

		rd->array = json_loads(rd->buf + rd->pos, 0, &je);
		if (rd->array == NULL || !json_is_array(rd->array)) {
			la_error_set(err, LA_ERR_SYNTAX, rd->name, je.line,
			    NULL, "invalid JSON: %s", je.text);
			la_reader_close(rd);
			return NULL;
		}
	} else if (rd->format == LA_FORMAT_CSV) {
		if (csv_row(rd) == 0) {
			rd->have_header = 0;
			return rd;
		}
		rd->header.ncols = rd->ncells;
		rd->header.names = calloc(rd->ncells + 1, sizeof(char *));
		rd->header.ids = calloc(rd->ncells + 1, sizeof(int));
		for (size_t c = 0; c < rd->ncells; c++) {
			rd->header.names[c] = rd->cells[c].s;
			rd->cells[c].s = NULL;
		}
		rd->ncells = 0;
		rd->have_header = 1;
		if (la_header_resolve(&rd->header, rd->name, err) == -1) {
			la_reader_close(rd);
			return NULL;
		}
	}
	return rd;
}

static const char *
intern_key(struct la_reader *rd, const char *k)
{
	for (size_t i = 0; i < rd->nkeys; i++)
		if (strcmp(rd->keys[i], k) == 0)
			return rd->keys[i];
	rd->keys = realloc(rd->keys, (rd->nkeys + 1) * sizeof(char *));
	rd->keys[rd->nkeys] = strdup(k);
	return rd->keys[rd->nkeys++];
}

static void
put_json_value(struct la_reader *rd, struct la_record *r, const char *k,
    json_t *v)
{
	const char *name = intern_key(rd, k);
	int id = la_field_lookup(name, strlen(name));
	char num[64];

	if (json_is_string(v)) {
		la_record_append(r, name, id, json_string_value(v),
		    json_string_length(v), LA_KIND_TEXT);
	} else if (json_is_integer(v)) {
		snprintf(num, sizeof(num), "%lld",
		    (long long)json_integer_value(v));
		la_record_append(r, name, id, num, strlen(num), LA_KIND_NUMBER);
	} else if (json_is_real(v)) {
		snprintf(num, sizeof(num), "%.17g", json_real_value(v));
		la_record_append(r, name, id, num, strlen(num), LA_KIND_NUMBER);
	} else if (json_is_boolean(v)) {
		la_record_append(r, name, id, json_is_true(v) ? "true" :
		    "false", json_is_true(v) ? 4 : 5, LA_KIND_BOOL);
	} else if (json_is_null(v)) {
		la_record_append(r, name, id, "", 0, LA_KIND_NULL);
	} else if (json_is_array(v)) {
		size_t i, total = 0;
		json_t *e;
		char *s = calloc(1, 1);
		int strings = 1;

		json_array_foreach(v, i, e) {
			if (!json_is_string(e)) {
				strings = 0;
				break;
			}
			total += json_string_length(e) + 1;
			s = realloc(s, total + 1);
			if (i > 0)
				strcat(s, ";");
			strcat(s, json_string_value(e));
		}
		if (strings) {
			la_record_append(r, name, id, s, strlen(s),
			    LA_KIND_LIST);
		} else {
			char *d = json_dumps(v, JSON_COMPACT);
			la_record_append(r, name, id, d, strlen(d),
			    LA_KIND_JSON);
			free(d);
		}
		free(s);
	} else {
		char *d = json_dumps(v, JSON_COMPACT);
		la_record_append(r, name, id, d, strlen(d), LA_KIND_JSON);
		free(d);
	}
}

static void
object_to_record(struct la_reader *rd, json_t *o, struct la_record *r)
{
	const char *k;
	json_t *v;

	json_object_foreach(o, k, v)
		put_json_value(rd, r, k, v);
}

static int
next_jsonl(struct la_reader *rd, struct la_record *r, struct la_error *err)
{
	while (rd->pos < rd->len) {
		char *nl = memchr(rd->buf + rd->pos, '\n', rd->len - rd->pos);
		size_t end = nl ? (size_t)(nl - rd->buf) : rd->len;
		json_error_t je;
		json_t *o;
		size_t start = rd->pos;

		rd->line++;
		rd->pos = nl ? end + 1 : end;
		while (start < end && strchr(" \t\r", rd->buf[start]))
			start++;
		if (start == end)
			continue;
		r->line = rd->line;
		o = json_loadb(rd->buf + start, end - start, 0, &je);
		if (o == NULL || !json_is_object(o)) {
			la_record_add_finding(r, "input", NULL,
			    "line %ld is not a JSON object", rd->line);
			json_decref(o);
			return 1;
		}
		object_to_record(rd, o, r);
		json_decref(o);
		return 1;
	}
	(void)err;
	return 0;
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

		if (rd->index >= json_array_size(rd->array))
			return 0;
		o = json_array_get(rd->array, rd->index++);
		r->line = (long)rd->index;
		if (json_is_object(o))
			object_to_record(rd, o, r);
		else
			la_record_add_finding(r, "input", NULL,
			    "item %zu is not an object", rd->index);
		return 1;
	}
	if (!rd->have_header || csv_row(rd) == 0)
		return 0;
	r->line = rd->row_line;
	for (size_t c = 0; c < rd->header.ncols; c++) {
		const char *v = c < rd->ncells ? rd->cells[c].s : "";
		la_record_append(r, rd->header.names[c], rd->header.ids[c], v,
		    strlen(v), LA_KIND_TEXT);
	}
	if (rd->ncells != rd->header.ncols)
		la_record_add_finding(r, "input", NULL,
		    "line %ld has %zu fields, the header has %zu",
		    r->line, rd->ncells, rd->header.ncols);
	return 1;
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
	free_cells(rd);
	free(rd->cells);
	if (rd->have_header)
		la_header_free(&rd->header);
	json_decref(rd->array);
	for (size_t i = 0; i < rd->nkeys; i++)
		free(rd->keys[i]);
	free(rd->keys);
	free(rd->buf);
	free(rd);
}

struct la_writer {
	FILE *fp;
	struct la_write_opts o;
	int count;
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
	if (w->o.bom && w->o.format == LA_FORMAT_CSV)
		fputs("\xef\xbb\xbf", fp);
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
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

static const char *
shown(const struct la_writer *w, const struct la_field *f, char *buf,
    size_t size)
{
	if (w->o.mask && f->id == LA_F_ID_NUMBER) {
		la_mask_id(f->value, buf, size);
		return buf;
	}
	if (w->o.mask && f->id == LA_F_PHONE) {
		la_mask_phone(f->value, buf, size);
		return buf;
	}
	return f->value;
}

static json_t *
json_field(const struct la_field *f, const char *v)
{
	if (f->kind == LA_KIND_LIST) {
		json_t *a = json_array();
		const char *p = v;

		while (*p) {
			const char *e = strchr(p, ';');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			json_array_append_new(a, json_stringn(p, n));
			p += n;
			if (*p)
				p++;
		}
		return a;
	}
	if (f->kind == LA_KIND_NUMBER)
		return json_loads(v, JSON_DECODE_ANY, NULL);
	if (f->kind == LA_KIND_BOOL)
		return json_boolean(strcmp(v, "true") == 0);
	if (f->kind == LA_KIND_NULL)
		return json_null();
	if (f->kind == LA_KIND_JSON)
		return json_loads(v, JSON_DECODE_ANY, NULL);
	return json_string(v);
}

int
la_writer_put(struct la_writer *w, const struct la_record *r,
    struct la_error *err)
{
	char buf[512];

	if (w->o.format == LA_FORMAT_CSV) {
		if (w->header == NULL) {
			w->ncols = r->nfields;
			w->header = calloc(r->nfields + 1, sizeof(char *));
			for (size_t i = 0; i < r->nfields; i++) {
				w->header[i] = strdup(r->fields[i].name);
				if (i)
					fputc(',', w->fp);
				csv_cell(w->fp, r->fields[i].name);
			}
			fputc('\n', w->fp);
		}
		for (size_t i = 0; i < r->nfields; i++)
			if (i >= w->ncols || strcmp(w->header[i],
			    r->fields[i].name) != 0)
				return la_error_set(err, LA_ERR_HEADER, NULL,
				    r->line, r->fields[i].name,
				    "field not in the header");
		for (size_t i = 0; i < w->ncols; i++) {
			if (i)
				fputc(',', w->fp);
			if (i < r->nfields)
				csv_cell(w->fp, shown(w, &r->fields[i], buf,
				    sizeof(buf)));
		}
		fputc('\n', w->fp);
	} else {
		json_t *o = json_object();
		char *d;

		for (size_t i = 0; i < r->nfields; i++)
			json_object_set_new(o, r->fields[i].name,
			    json_field(&r->fields[i], shown(w, &r->fields[i],
			    buf, sizeof(buf))));
		d = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (w->o.format == LA_FORMAT_JSON && w->count > 0)
			fputc(',', w->fp);
		fputs(d, w->fp);
		if (w->o.format == LA_FORMAT_JSONL)
			fputc('\n', w->fp);
		free(d);
		json_decref(o);
	}
	w->count++;
	return ferror(w->fp) ? la_error_set(err, LA_ERR_IO, NULL, 0, NULL,
	    "write failed") : 0;
}

int
la_writer_close(struct la_writer *w, struct la_error *err)
{
	int rc;

	if (w->o.format == LA_FORMAT_JSON)
		fputs("]\n", w->fp);
	rc = fflush(w->fp) == 0 && !ferror(w->fp) ? 0 :
	    la_error_set(err, LA_ERR_IO, NULL, 0, NULL, "write failed");
	for (size_t i = 0; i < w->ncols; i++)
		free(w->header[i]);
	free(w->header);
	free(w);
	return rc;
}
