/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "columns.h"
#include "i18n.h"

int
la_columns_parse(struct la_columns *c, const char *spec,
    struct la_error *err)
{
	const char *p = spec;

	memset(c, 0, sizeof(*c));
	while (*p != '\0') {
		const char *end = strchr(p, ',');
		size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
		char **names;
		int *ids;

		if (len == 0) {
			la_columns_free(c);
			return la_error_set(err, LA_ERR_USAGE, NULL, 0, NULL,
			    _("empty column name in \"%s\""), spec);
		}
		names = realloc(c->names, (c->n + 1) * sizeof(*names));
		ids = realloc(c->ids, (c->n + 1) * sizeof(*ids));
		if (names != NULL)
			c->names = names;
		if (ids != NULL)
			c->ids = ids;
		if (names == NULL || ids == NULL ||
		    (c->names[c->n] = strndup(p, len)) == NULL) {
			la_columns_free(c);
			return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
			    "%s", _("out of memory"));
		}
		c->ids[c->n++] = la_field_lookup(p, len);
		p = end != NULL ? end + 1 : p + len;
	}
	return 0;
}

const struct la_field *
la_columns_find(const struct la_columns *c, size_t i,
    const struct la_record *src)
{
	const struct la_field *f = la_record_find(src, c->names[i]);

	if (f == NULL && c->ids[i] >= 0)
		f = la_record_find_id(src, c->ids[i]);
	return f;
}

int
la_columns_apply(const struct la_columns *c, const struct la_record *src,
    struct la_record *dst)
{
	la_record_reset(dst);
	dst->line = src->line;
	for (size_t i = 0; i < c->n; i++) {
		const struct la_field *f = la_columns_find(c, i, src);
		const char *name = f != NULL ? f->name : c->names[i];

		if (la_record_append(dst, name, c->ids[i],
		    f != NULL ? f->value : "", f != NULL ? f->len : 0,
		    f != NULL ? f->kind : LA_KIND_TEXT) == NULL)
			return -1;
	}
	for (size_t i = 0; i < src->nfindings; i++) {
		const struct la_finding *f = &src->findings[i];

		if (la_record_add_finding(dst, f->rule, f->field, "%s",
		    f->message) != 0)
			return -1;
	}
	return 0;
}

void
la_columns_free(struct la_columns *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->names[i]);
	free(c->names);
	free(c->ids);
	memset(c, 0, sizeof(*c));
}

/* Index of the column named name, or -1. */
static long
union_find_name(const struct la_column_union *u, const char *name)
{
	for (size_t i = 0; i < u->n; i++)
		if (strcmp(u->names[i], name) == 0)
			return (long)i;
	return -1;
}

/* Index of a column of id that the names being added have not taken. */
static long
union_find_free_id(const struct la_column_union *u, int id)
{
	if (id < 0)
		return -1;
	for (size_t i = 0; i < u->n; i++)
		if (u->ids[i] == id && !u->taken[i])
			return (long)i;
	return -1;
}

static int
union_append(struct la_column_union *u, const char *name, int id)
{
	if (u->n == u->cap) {
		size_t cap = u->cap ? 2 * u->cap : 16;
		char **names = realloc(u->names, cap * sizeof(*names));
		int *ids;
		unsigned char *taken;

		if (names == NULL)
			return -1;
		u->names = names;
		if ((ids = realloc(u->ids, cap * sizeof(*ids))) == NULL)
			return -1;
		u->ids = ids;
		if ((taken = realloc(u->taken, cap)) == NULL)
			return -1;
		u->taken = taken;
		u->cap = cap;
	}
	if ((u->names[u->n] = strdup(name)) == NULL)
		return -1;
	u->ids[u->n] = id;
	u->taken[u->n++] = 1;
	return 0;
}

int
la_column_union_add(struct la_column_union *u, const char *const *names,
    const int *ids, size_t n)
{
	long col;

	if (u->n > 0)
		memset(u->taken, 0, u->n);
	/* Exact names first, so that no alias takes their column. */
	for (size_t i = 0; i < n; i++)
		if ((col = union_find_name(u, names[i])) >= 0)
			u->taken[col] = 1;
	for (size_t i = 0; i < n; i++) {
		if (union_find_name(u, names[i]) >= 0)
			continue;
		if ((col = union_find_free_id(u, ids[i])) >= 0)
			u->taken[col] = 1;
		else if (union_append(u, names[i], ids[i]) != 0)
			return -1;
	}
	return 0;
}

/* Nonzero when the fields of r have the names of the last record's. */
static int
same_as_last(const struct la_column_union *u, const struct la_record *r)
{
	if (r->nfields != u->nlast)
		return 0;
	for (size_t i = 0; i < r->nfields; i++)
		if (r->fields[i].name != u->last[i])
			return 0;
	return 1;
}

int
la_column_union_add_record(struct la_column_union *u,
    const struct la_record *r)
{
	size_t n = r->nfields;
	const char **names;
	int *ids;
	int rc;

	if (same_as_last(u, r))
		return 0;
	if (n > u->last_cap) {
		if ((names = realloc(u->last, n * sizeof(*names))) == NULL)
			return -1;
		u->last = names;
		u->last_cap = n;
	}
	if ((ids = malloc((n ? n : 1) * sizeof(*ids))) == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		u->last[i] = r->fields[i].name;
		ids[i] = r->fields[i].id;
	}
	rc = la_column_union_add(u, u->last, ids, n);
	free(ids);
	/* A record that failed is added again in full next time. */
	u->nlast = rc == 0 ? n : 0;
	return rc;
}

void
la_column_union_forget(struct la_column_union *u)
{
	u->nlast = 0;
}

void
la_column_union_free(struct la_column_union *u)
{
	for (size_t i = 0; i < u->n; i++)
		free(u->names[i]);
	free(u->names);
	free(u->ids);
	free(u->taken);
	free(u->last);
	memset(u, 0, sizeof(*u));
}
