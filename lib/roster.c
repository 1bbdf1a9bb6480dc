/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "normalize.h"
#include "roster.h"

static const char *status_names[] = {
	[LA_MEMBER_ACTIVE] = "active",
	[LA_MEMBER_SUSPENDED] = "suspended",
	[LA_MEMBER_REMOVED] = "removed",
};

/* Columns without which a file is not a roster. */
static const int required_columns[] = {
	LA_F_LICENSE_NO, LA_F_STATUS, LA_F_TERM_START, LA_F_TERM_END,
	LA_F_STATUS_REASON,
};

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

const char *
la_member_status_name(enum la_member_status s)
{
	if (s > LA_MEMBER_NONE && s <= LA_MEMBER_REMOVED)
		return status_names[s];
	return "";
}

enum la_member_status
la_member_status_parse(const char *s)
{
	size_t len;
	const char *t = la_trim(s, &len);

	for (int i = LA_MEMBER_ACTIVE; i <= LA_MEMBER_REMOVED; i++)
		if (strlen(status_names[i]) == len &&
		    strncmp(t, status_names[i], len) == 0)
			return (enum la_member_status)i;
	return LA_MEMBER_NONE;
}

void
la_roster_init(struct la_roster *r)
{
	memset(r, 0, sizeof(*r));
	r->format = LA_FORMAT_CSV;
}

void
la_roster_clear(struct la_roster *r)
{
	for (size_t i = 0; i < r->nmembers; i++)
		la_record_free(&r->members[i]);
	r->nmembers = 0;
}

void
la_roster_free(struct la_roster *r)
{
	la_roster_clear(r);
	free(r->members);
	for (size_t i = 0; i < r->nnames; i++)
		free(r->names[i]);
	free(r->names);
	memset(r, 0, sizeof(*r));
}

const char *
la_roster_intern(struct la_roster *r, const char *name)
{
	char **grown;

	for (size_t i = 0; i < r->nnames; i++)
		if (strcmp(r->names[i], name) == 0)
			return r->names[i];
	if (r->nnames == r->names_cap) {
		size_t cap = r->names_cap ? r->names_cap * 2 : 32;

		if ((grown = realloc(r->names, cap * sizeof(*grown))) == NULL)
			return NULL;
		r->names = grown;
		r->names_cap = cap;
	}
	if ((r->names[r->nnames] = strdup(name)) == NULL)
		return NULL;
	return r->names[r->nnames++];
}

/* Copies src's fields into dst (reset first) with names interned in r. */
static int
copy_interned(struct la_roster *r, struct la_record *dst,
    const struct la_record *src)
{
	la_record_reset(dst);
	dst->line = src->line;
	for (size_t i = 0; i < src->nfields; i++) {
		const struct la_field *f = &src->fields[i];
		const char *name = la_roster_intern(r, f->name);

		if (name == NULL || la_record_append(dst, name, f->id,
		    f->value, f->len, f->kind) == NULL)
			return -1;
	}
	for (size_t i = 0; i < src->nfindings; i++) {
		const struct la_finding *f = &src->findings[i];

		if (la_record_add_finding(dst, f->rule, f->field, "%s",
		    f->message) == -1)
			return -1;
	}
	return 0;
}

long
la_roster_append(struct la_roster *r, const struct la_record *src,
    struct la_error *err)
{
	struct la_record *m;

	if (r->nmembers == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct la_record *grown;

		grown = realloc(r->members, cap * sizeof(*grown));
		if (grown == NULL)
			return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
			    "out of memory");
		r->members = grown;
		r->cap = cap;
	}
	m = &r->members[r->nmembers];
	la_record_init(m);
	if (copy_interned(r, m, src) == -1) {
		la_record_free(m);
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "out of memory");
	}
	return (long)r->nmembers++;
}

int
la_roster_set_field(struct la_roster *r, size_t i, const char *name,
    const char *value, struct la_error *err)
{
	struct la_record *m = &r->members[i];
	int id = la_field_lookup(name, strlen(name));
	struct la_field *f = id >= 0 ? la_record_find_id(m, id) :
	    la_record_find(m, name);
	const char *interned;

	if (f != NULL) {
		if ((f->value = la_record_strndup(m, value,
		    strlen(value))) == NULL)
			return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
			    "out of memory");
		f->len = strlen(value);
		f->kind = LA_KIND_TEXT;
		return 0;
	}
	if ((interned = la_roster_intern(r, name)) == NULL ||
	    la_record_append(m, interned, id, value, strlen(value),
	    LA_KIND_TEXT) == NULL)
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "out of memory");
	return 0;
}

int
la_roster_replace(struct la_roster *r, size_t i, const struct la_record *src,
    struct la_error *err)
{
	if (copy_interned(r, &r->members[i], src) == -1)
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "out of memory");
	return 0;
}

void
la_roster_remove(struct la_roster *r, size_t i)
{
	la_record_free(&r->members[i]);
	memmove(&r->members[i], &r->members[i + 1],
	    (r->nmembers - i - 1) * sizeof(*r->members));
	r->nmembers--;
}

int
la_roster_copy(struct la_roster *dst, const struct la_roster *src,
    struct la_error *err)
{
	la_roster_clear(dst);
	dst->format = src->format;
	for (size_t i = 0; i < src->nmembers; i++)
		if (la_roster_append(dst, &src->members[i], err) == -1)
			return -1;
	return 0;
}

long
la_roster_find(const struct la_roster *r, const char *license)
{
	for (size_t i = 0; i < r->nmembers; i++)
		if (strcmp(la_member_license(&r->members[i]), license) == 0)
			return (long)i;
	return -1;
}

const char *
la_member_get(const struct la_record *m, int id)
{
	const char *v = la_record_get(m, id);

	return v != NULL ? v : "";
}

const char *
la_member_license(const struct la_record *m)
{
	return la_member_get(m, LA_F_LICENSE_NO);
}

enum la_member_status
la_member_status(const struct la_record *m)
{
	return la_member_status_parse(la_member_get(m, LA_F_STATUS));
}

enum la_category
la_member_category(const struct la_record *m)
{
	size_t len;
	const char *t = la_trim(la_member_get(m, LA_F_CATEGORY), &len);

	return la_category_lookup(t, len);
}

static const char *
value_by_name(const struct la_record *m, const char *name)
{
	const struct la_field *f = la_record_find(m, name);

	return f != NULL ? f->value : "";
}

/* Nonzero when every field of a has the same value in b. */
static int
covers(const struct la_record *a, const struct la_record *b)
{
	for (size_t i = 0; i < a->nfields; i++)
		if (strcmp(a->fields[i].value,
		    value_by_name(b, a->fields[i].name)) != 0)
			return 0;
	return 1;
}

int
la_member_equal(const struct la_record *a, const struct la_record *b)
{
	return covers(a, b) && covers(b, a);
}

int
la_roster_equal(const struct la_roster *a, const struct la_roster *b)
{
	if (a->nmembers != b->nmembers)
		return 0;
	for (size_t i = 0; i < a->nmembers; i++) {
		const struct la_record *m = &a->members[i];
		long j = la_roster_find(b, la_member_license(m));

		if (j == -1 || !la_member_equal(m, &b->members[j]))
			return 0;
	}
	return 1;
}

static int
missing_column(int id, const char *file, long line, struct la_error *err)
{
	return la_error_set(err, LA_ERR_HEADER, file, line, la_field_name(id),
	    "missing column %s: not a roster, or the column was deleted by "
	    "hand", la_field_name(id));
}

static int
check_columns(const struct la_record *m, const char *file,
    struct la_error *err)
{
	for (size_t i = 0; i < NELEMS(required_columns); i++)
		if (la_record_find_id(m, required_columns[i]) == NULL)
			return missing_column(required_columns[i], file,
			    m->line, err);
	return 0;
}

/* A CSV roster names its missing columns at the header line. */
static int
check_header(const struct la_header *h, const char *file,
    struct la_error *err)
{
	for (size_t i = 0; i < NELEMS(required_columns); i++) {
		size_t c = 0;

		while (c < h->ncols && h->ids[c] != required_columns[i])
			c++;
		if (c == h->ncols)
			return missing_column(required_columns[i], file, 1,
			    err);
	}
	return 0;
}

static int
check_date(const struct la_record *m, int id, const char *file,
    struct la_error *err)
{
	const char *v = la_member_get(m, id);
	struct la_date d;
	char why[128];
	size_t len;

	la_trim(v, &len);
	if (len == 0 && id == LA_F_SUSPENDED_UNTIL)
		return 0;
	if (la_parse_date(v, &d, why, sizeof(why)) == -1)
		return la_error_set(err, LA_ERR_VALUE, file, m->line,
		    la_field_name(id), "member %s: invalid %s \"%s\": %s",
		    la_member_license(m), la_field_name(id), v, why);
	return 0;
}

static int
check_member(const struct la_record *m, const char *file,
    struct la_error *err)
{
	const char *status = la_member_get(m, LA_F_STATUS);

	if (m->nfindings > 0)
		return la_error_set(err, LA_ERR_SYNTAX, file, m->line, NULL,
		    "malformed row: %s", m->findings[0].message);
	if (check_columns(m, file, err) == -1)
		return -1;
	if (la_member_license(m)[0] == '\0')
		return la_error_set(err, LA_ERR_VALUE, file, m->line,
		    "license_no", "member without a license_no");
	if (la_member_status_parse(status) == LA_MEMBER_NONE)
		return la_error_set(err, LA_ERR_VALUE, file, m->line, "status",
		    "member %s: invalid status \"%s\"; expected active, "
		    "suspended or removed", la_member_license(m), status);
	if (check_date(m, LA_F_TERM_START, file, err) == -1 ||
	    check_date(m, LA_F_TERM_END, file, err) == -1 ||
	    check_date(m, LA_F_SUSPENDED_UNTIL, file, err) == -1)
		return -1;
	return 0;
}

int
la_roster_check(const struct la_roster *r, const char *file,
    struct la_error *err)
{
	for (size_t i = 0; i < r->nmembers; i++) {
		const struct la_record *m = &r->members[i];
		const char *license;

		if (check_member(m, file, err) == -1)
			return -1;
		license = la_member_license(m);
		for (size_t j = 0; j < i; j++)
			if (strcmp(license,
			    la_member_license(&r->members[j])) == 0)
				return la_error_set(err, LA_ERR_STATE, file,
				    m->line, "license_no",
				    "duplicate license_no %s: also on line "
				    "%ld", license, r->members[j].line);
	}
	return 0;
}

int
la_roster_read(struct la_roster *r, FILE *fp, const char *name,
    const struct la_read_opts *opts, struct la_error *err)
{
	struct la_reader *rd;
	struct la_record rec;
	int rc;

	la_roster_clear(r);
	if ((rd = la_reader_open(fp, name, opts, err)) == NULL)
		return -1;
	r->format = la_reader_format(rd);
	if (la_reader_header(rd) != NULL &&
	    check_header(la_reader_header(rd), name, err) == -1) {
		la_reader_close(rd);
		return -1;
	}
	la_record_init(&rec);
	while ((rc = la_reader_next(rd, &rec, err)) == 1)
		if (la_roster_append(r, &rec, err) == -1) {
			rc = -1;
			break;
		}
	la_record_free(&rec);
	la_reader_close(rd);
	if (rc == -1)
		return -1;
	return la_roster_check(r, name, err);
}

/* Every field name in the order it first appears, interned in r. */
static const char **
columns(const struct la_roster *r, size_t *ncols)
{
	const char **cols = calloc(r->nnames + 1, sizeof(*cols));
	size_t n = 0;

	if (cols == NULL)
		return NULL;
	for (size_t i = 0; i < r->nmembers; i++) {
		const struct la_record *m = &r->members[i];

		for (size_t f = 0; f < m->nfields; f++) {
			size_t c = 0;

			while (c < n && cols[c] != m->fields[f].name)
				c++;
			if (c == n)
				cols[n++] = m->fields[f].name;
		}
	}
	*ncols = n;
	return cols;
}

/* Fills out with m's fields in the order of cols, "" where m lacks one. */
static int
square(struct la_record *out, const struct la_record *m, const char **cols,
    size_t ncols)
{
	la_record_reset(out);
	out->line = m->line;
	for (size_t c = 0; c < ncols; c++) {
		const struct la_field *f = la_record_find(m, cols[c]);
		int id = la_field_lookup(cols[c], strlen(cols[c]));

		if (la_record_append(out, cols[c], f ? f->id : id,
		    f ? f->value : "", f ? f->len : 0,
		    f ? f->kind : LA_KIND_TEXT) == NULL)
			return -1;
	}
	return 0;
}

int
la_roster_write(const struct la_roster *r, FILE *fp, const char *name,
    const struct la_write_opts *opts, struct la_error *err)
{
	struct la_writer *w;
	struct la_record out;
	const char **cols;
	size_t ncols;
	int rc = 0;

	if ((cols = columns(r, &ncols)) == NULL)
		return la_error_set(err, LA_ERR_NOMEM, name, 0, NULL,
		    "out of memory");
	if ((w = la_writer_open(fp, name, opts, err)) == NULL) {
		free(cols);
		return -1;
	}
	la_record_init(&out);
	for (size_t i = 0; i < r->nmembers && rc == 0; i++) {
		if (square(&out, &r->members[i], cols, ncols) == -1)
			rc = la_error_set(err, LA_ERR_NOMEM, name, 0, NULL,
			    "out of memory");
		else
			rc = la_writer_put(w, &out, err);
	}
	if (la_writer_close(w, err) == -1)
		rc = -1;
	la_record_free(&out);
	free(cols);
	return rc;
}
