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

/*
 * The union of the columns of several inputs: the first input's columns
 * in order, then each new column where it first appears. A field of
 * another name but the catalogue id of a column shares that column,
 * unless another field of the same input or record took it, as the CSV
 * writer places fields.
 */
struct la_column_union {
	char **names;
	int *ids;		/* catalogue id of each column, or -1 */
	size_t n;
	size_t cap;
	unsigned char *taken;	/* the names being added took column i */
	/* Field names of the record added last, as the reader lent them. */
	const char **last;
	size_t nlast;
	size_t last_cap;
};

/*
 * Adds n names, of catalogue ids ids (-1 for none), that one header or
 * record has. Returns 0, or -1 on no memory.
 */
int la_column_union_add(struct la_column_union *u, const char *const *names,
    const int *ids, size_t n);

/*
 * Adds the field names of r. A record whose names are at the addresses
 * of the record added before, in order, costs no string comparison, so
 * call la_column_union_forget() before the records of another reader.
 * Returns 0, or -1 on no memory.
 */
int la_column_union_add_record(struct la_column_union *u,
    const struct la_record *r);

/* Forgets the addresses of the names of the record added last. */
void la_column_union_forget(struct la_column_union *u);

void la_column_union_free(struct la_column_union *u);

#endif
