/* SPDX-License-Identifier: MIT */
#ifndef LA_TEST_FIXTURE_H
#define LA_TEST_FIXTURE_H

/*
 * Helpers for tests that build records by hand: fields are given as
 * (header, value) pairs, and headers are resolved through the catalogue
 * as a reader would.
 */
#include <string.h>

#include "catalogue.h"
#include "record.h"

/* Sets header to value, appending the field if the record lacks it. */
static inline void
fixture_set(struct la_record *r, const char *header, const char *value)
{
	int id = la_field_lookup(header, strlen(header));

	for (size_t i = 0; i < r->nfields; i++) {
		if (strcmp(r->fields[i].name, header) == 0) {
			r->fields[i].value = la_record_strndup(r, value,
			    strlen(value));
			r->fields[i].len = strlen(value);
			return;
		}
	}
	la_record_append(r, header, id, value, strlen(value), LA_KIND_TEXT);
}

/* Fills r from a NULL-terminated list of header, value pairs. */
static inline void
fixture_fill(struct la_record *r, const char *const *pairs)
{
	for (size_t i = 0; pairs[i] != NULL; i += 2)
		fixture_set(r, pairs[i], pairs[i + 1]);
}

/* Value of a field by name, or NULL. */
static inline const char *
fixture_get(const struct la_record *r, const char *name)
{
	struct la_field *f = la_record_find(r, name);

	return f != NULL ? f->value : NULL;
}

/* Number of findings with this rule id. */
static inline int
fixture_count(const struct la_record *r, const char *rule)
{
	int n = 0;

	for (size_t i = 0; i < r->nfindings; i++)
		n += strcmp(r->findings[i].rule, rule) == 0;
	return n;
}

#endif
