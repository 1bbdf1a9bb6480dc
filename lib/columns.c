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
