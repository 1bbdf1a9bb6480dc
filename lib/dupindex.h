/* SPDX-License-Identifier: MIT */
#ifndef LA_DUPINDEX_H
#define LA_DUPINDEX_H

#include <stddef.h>

/*
 * A set of text keys, each with the input lines it was seen on, for
 * finding the same person twice. Memory grows with the number of keys and
 * is the one part of la-validate that does.
 */

#define LA_DUP_MAX_LINES 4

struct la_dup_entry {
	long count;
	long lines[LA_DUP_MAX_LINES];	/* the first lines it was seen on */
};

struct la_dup_index;

struct la_dup_index *la_dup_new(void);
void la_dup_free(struct la_dup_index *d);

/* Records key (len bytes) as seen on line. Returns 0, or -1 on no memory. */
int la_dup_add(struct la_dup_index *d, const char *key, size_t len,
    long line);

/* The entry of key, or NULL if it was never added. */
const struct la_dup_entry *la_dup_get(const struct la_dup_index *d,
    const char *key, size_t len);

#endif
