/* SPDX-License-Identifier: MIT */
#ifndef LA_COLUMNS_H
#define LA_COLUMNS_H

#include "error.h"
#include "record.h"

/*
 * A column selection such as "name,category,score": each item is a
 * canonical field name, one of its aliases, or a column's exact text.
 */
struct la_columns {
	char **names;
	int *ids;		/* field id of each item, or -1 */
	size_t n;
};

/* Parses a comma-separated list. Returns 0, or -1 with err filled. */
int la_columns_parse(struct la_columns *c, const char *spec,
    struct la_error *err);

/*
 * Copies the selected fields of src into dst (reset first) in the order
 * of the selection; a field src lacks is written empty. Findings are
 * copied too. Returns 0, or -1 on no memory.
 */
int la_columns_apply(const struct la_columns *c, const struct la_record *src,
    struct la_record *dst);

/* The field of src that item i selects, or NULL if src has none. */
const struct la_field *la_columns_find(const struct la_columns *c, size_t i,
    const struct la_record *src);

void la_columns_free(struct la_columns *c);

#endif
