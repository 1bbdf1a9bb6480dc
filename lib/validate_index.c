/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dupindex.h"
#include "i18n.h"
#include "io.h"
#include "io_scan.h"
#include "validate_impl.h"

/*
 * The first pass of la-validate. A CSV input is scanned for its two key
 * columns only, which costs a small part of reading its records. Any
 * other input, or one the scan gives up on, is read record by record.
 */

/* Room for a key: a prefix, the cleaned number and its NUL. */
#define KEY_MAX 512

/* Bytes that one thread of the quick scan takes at a time. */
#define LA_VALIDATE_SCAN_SPAN (1024 * 1024)

/*
 * Keys waiting to go into the index together, so that la_dup_add_many
 * can fetch their table slots at once.
 */
struct la_dup_pending {
	struct la_dup_key keys[LA_DUP_BATCH];
	char text[LA_DUP_BATCH][KEY_MAX];
	size_t n;
};

int
check_index_ready(struct la_validate *v)
{
	if (check_index_flush(v) != 0)
		return -1;
	return la_dup_end_bulk(v->dups);
}

int
check_index_flush(struct la_validate *v)
{
	struct la_dup_pending *p = v->pending;
	size_t n;

	if (p == NULL || p->n == 0)
		return 0;
	n = p->n;
	p->n = 0;
	return la_dup_add_many(v->dups, p->keys, n);
}

/* Keys are prefixed so that an ID number never equals a licence number. */
static int
index_key(struct la_validate *v, const char *prefix, const char *value,
    long line)
{
	struct la_dup_pending *p = v->pending;
	size_t n = strlen(prefix), len;
	char *key;

	if (value == NULL || (len = strlen(value)) + n + 1 > KEY_MAX)
		return 0;
	if (p == NULL && (p = v->pending = calloc(1, sizeof(*p))) == NULL)
		return -1;
	key = p->text[p->n];
	memcpy(key, prefix, n);
	if ((len = check_dup_key(value, len, key + n, KEY_MAX - n)) == 0)
		return 0;
	p->keys[p->n].key = key;
	p->keys[p->n].len = n + len;
	p->keys[p->n].line = check_where(v, line);
	if (++p->n == LA_DUP_BATCH)
		return check_index_flush(v);
	return 0;
}

int
la_validate_index_values(struct la_validate *v, const char *id,
    const char *licence, long line, struct la_error *err)
{
	if (index_key(v, "id:", id, line) != 0 ||
	    index_key(v, "lic:", licence, line) != 0)
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "%s", _("out of memory"));
	return 0;
}

int
la_validate_index(struct la_validate *v, const struct la_record *r,
    struct la_error *err)
{
	return la_validate_index_values(v, la_record_get(r, LA_F_ID_NUMBER),
	    la_record_get(r, LA_F_LICENSE_NO), r->line, err);
}

int
la_validate_index_end(struct la_validate *v, struct la_error *err)
{
	if (check_index_flush(v) != 0 || la_dup_prune(v->dups) != 0)
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "%s", _("out of memory"));
	return 0;
}

/*
 * Writes the key of value with prefix to out, made ready for the index
 * (struct la_dup_ready, then the key's length and bytes), or a length of
 * 0 when value is absent, too long or not a number. Returns the bytes
 * used.
 */
static size_t
prepare_key(const char *prefix, const char *value, char *out)
{
	char key[KEY_MAX];
	struct la_dup_ready ready;
	size_t n = strlen(prefix), len = 0;

	if (value != NULL && (len = strlen(value)) + n + 1 <= KEY_MAX) {
		memcpy(key, prefix, n);
		if ((len = check_dup_key(value, len, key + n, KEY_MAX - n)) > 0)
			len += n;
	} else {
		len = 0;
	}
	memcpy(out, &len, sizeof(len));
	if (len == 0)
		return sizeof(len);
	la_dup_ready(&ready, key, len);
	memcpy(out + sizeof(len), &ready, sizeof(ready));
	memcpy(out + sizeof(len) + sizeof(ready), key, len);
	return sizeof(len) + sizeof(ready) + len;
}

/*
 * The scan's threads clean the ID and licence numbers of a row into two
 * keys and make them ready for the index, so that the caller's thread
 * only adds them.
 */
static size_t
prepare_row(void *ctx, const char *const *values, char *out)
{
	size_t n;

	(void)ctx;
	_Static_assert(2 * (KEY_MAX + sizeof(size_t) +
	    sizeof(struct la_dup_ready)) <= LA_SCAN_PREPARED, "two keys fit");
	n = prepare_key("id:", values[0], out);
	return n + prepare_key("lic:", values[1], out + n);
}

/*
 * Adds a key that prepare_key() wrote at p, unless it has none. Sets
 * *used to the bytes it took.
 */
static int
add_prepared(struct la_validate *v, const char *p, long line, size_t *used)
{
	struct la_dup_ready ready;
	size_t len;

	memcpy(&len, p, sizeof(len));
	*used = sizeof(len);
	if (len == 0)
		return 0;
	memcpy(&ready, p + sizeof(len), sizeof(ready));
	*used += sizeof(ready) + len;
	return la_dup_add_ready(v->dups, &ready, p + sizeof(len) +
	    sizeof(ready), len, check_where(v, line));
}

static int
commit_row(void *ctx, const char *data, size_t len, long line,
    struct la_error *err)
{
	size_t id_used, licence_used;

	(void)len;
	if (add_prepared(ctx, data, line, &id_used) != 0 ||
	    add_prepared(ctx, data + id_used, line, &licence_used) != 0)
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "%s", _("out of memory"));
	return 0;
}

/* Nonzero when rd has read its whole input as UTF-8. */
static int
read_as_utf8(const struct la_reader *rd)
{
	return strcmp(la_reader_encoding(rd), "utf-8") == 0;
}

/* Indexes the records of fp that start on line from or later. */
static int
index_records(struct la_validate *v, FILE *fp, off_t start,
    const char *name, const struct la_read_opts *opts, long from, int *utf8,
    struct la_error *err)
{
	struct la_column_union *columns = v->columns;
	struct la_reader *rd;
	struct la_record r;
	int rc;

	la_validate_seek(fp, start);
	if ((rd = la_reader_open(fp, name, opts, err)) == NULL)
		return -1;
	/* A CSV input's columns are its header's, added already. */
	if (la_reader_format(rd) == LA_FORMAT_CSV)
		columns = NULL;
	if (columns != NULL)
		la_column_union_forget(columns);
	la_record_init(&r);
	while ((rc = la_reader_next(rd, &r, err)) == 1) {
		if (columns != NULL &&
		    la_column_union_add_record(columns, &r) != 0) {
			rc = la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
			    "%s", _("out of memory"));
			break;
		}
		if (r.line >= from && (rc = la_validate_index(v, &r,
		    err)) != 0)
			break;
	}
	*utf8 = rc == 0 && read_as_utf8(rd);
	la_record_free(&r);
	la_reader_close(rd);
	return rc == 0 ? 0 : -1;
}

/*
 * Adds the named columns of rd's CSV header to v->columns, if both exist.
 * A column with an empty header cell is left out, because Excel adds such
 * columns of no values after the last one. The finding on a value in one
 * quotes that value.
 */
static int
add_header(struct la_validate *v, const struct la_reader *rd)
{
	const struct la_header *h = la_reader_header(rd);
	const char **names;
	int *ids, rc;
	size_t n = 0;

	if (v->columns == NULL || h == NULL)
		return 0;
	names = calloc(h->ncols ? h->ncols : 1, sizeof(*names));
	ids = calloc(h->ncols ? h->ncols : 1, sizeof(*ids));
	rc = names != NULL && ids != NULL ? 0 : -1;
	for (size_t i = 0; rc == 0 && i < h->ncols; i++) {
		if (!la_reader_named(rd, i))
			continue;
		names[n] = h->names[i];
		ids[n++] = h->ids[i];
	}
	if (rc == 0)
		rc = la_column_union_add(v->columns, names, ids, n);
	free(names);
	free(ids);
	return rc;
}

void
la_validate_seek(FILE *fp, off_t start)
{
	if (start < 0 || fseeko(fp, start, SEEK_SET) != 0)
		rewind(fp);
	clearerr(fp);
}

int
la_validate_index_input(struct la_validate *v, FILE *fp, const char *name,
    const struct la_read_opts *opts, int *utf8, struct la_marks *marks,
    struct la_error *err)
{
	static const int keys[] = { LA_F_ID_NUMBER, LA_F_LICENSE_NO };
	struct la_read_opts quiet = *opts;
	struct la_reader *rd;
	off_t start = ftello(fp);
	long reached = 0;
	int rc;

	/* The pass that reads the records gives every warning once. */
	quiet.diag.warn = NULL;
	*utf8 = 0;
	/* Keys of an earlier input go in before the scan adds this one's. */
	if (check_index_flush(v) != 0)
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "%s", _("out of memory"));
	if ((rd = la_reader_open(fp, name, &quiet, err)) == NULL)
		return -1;
	if (add_header(v, rd) != 0) {
		la_reader_close(rd);
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "%s", _("out of memory"));
	}
	rc = la_reader_scan_threads(rd, keys, 2, prepare_row, commit_row, v,
	    opts->threads, LA_VALIDATE_SCAN_SPAN, marks, &reached, err);
	*utf8 = rc == 1 && read_as_utf8(rd);
	la_reader_close(rd);
	if (rc != 0)
		return rc == 1 ? 0 : -1;
	/* The scan gave up at line reached; the records go on from there. */
	return index_records(v, fp, start, name, &quiet, reached, utf8, err);
}
