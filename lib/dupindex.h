/* SPDX-License-Identifier: MIT */
#ifndef LA_DUPINDEX_H
#define LA_DUPINDEX_H

#include <stddef.h>
#include <stdint.h>

/*
 * A set of text keys, each with the input lines it was seen on, for
 * finding the same person twice. Memory grows with the number of keys and
 * is the one part of la-validate that does. A key that is "id:" or "lic:",
 * at most 18 digits and an optional final X fits in a 16-byte table slot.
 * Once the table has grown it is 3/8 to 3/4 full, so such a key costs 21 to
 * 43 bytes. Other keys also take a copy of their bytes plus a size_t, and a
 * key seen more than once also takes a struct la_dup_entry.
 */

#define LA_DUP_MAX_LINES 4

struct la_dup_entry {
	long count;
	long lines[LA_DUP_MAX_LINES];	/* the first lines it was seen on */
};

struct la_dup_index;

struct la_dup_index *la_dup_new(void);
void la_dup_free(struct la_dup_index *d);

/*
 * Records key (len bytes) as seen on line, which may be any long. Returns
 * 0, or -1 when memory runs out or the copies of unpacked keys would pass
 * 2^40 bytes. After a failure the index contains the same keys and lines.
 */
int la_dup_add(struct la_dup_index *d, const char *key, size_t len,
    long line);

/* One key of la_dup_add_many(). */
struct la_dup_key {
	const char *key;
	size_t len;
	long line;
};

/*
 * A key made ready for the index: packed and hashed, the part of adding
 * it that does not touch the index, so that other threads can do it.
 */
struct la_dup_ready {
	uint64_t word;
	uint64_t hash;
	int packed;
};

/* Makes the key of len bytes ready. Threads may call it at once. */
void la_dup_ready(struct la_dup_ready *r, const char *key, size_t len);

/*
 * Adds key, of len bytes, made ready in r, as la_dup_add() would add it.
 * Returns 0, or -1 as la_dup_add() does.
 */
int la_dup_add_ready(struct la_dup_index *d, const struct la_dup_ready *r,
    const char *key, size_t len, long line);

/* Keys that la_dup_add_many() looks up in advance, at most. */
#define LA_DUP_BATCH 64

/*
 * Adds n keys, as n calls of la_dup_add() in order would. Finding their
 * slots first lets the processor fetch them all at once, which matters
 * once the table is larger than its caches. Returns 0, or -1 as
 * la_dup_add() does; the keys before the one that failed are added.
 */
int la_dup_add_many(struct la_dup_index *d, const struct la_dup_key *keys,
    size_t n);

/*
 * Starts bulk mode, for an index that is filled once and then pruned; it
 * does nothing on an index pruned before.
 * Keys that fit a table slot go into lists by hash, with no look-up, and
 * a list that fills up is grouped by key while it is in the processor's
 * caches: keys seen twice or more move into the table, which is then
 * small. la_dup_prune() groups every list and keeps only those keys. For
 * la-validate's million benchmark rows this takes 44 MB where adding
 * each key to the table took 107 MB, and a fraction of the time, since
 * the table no longer grows past the caches.
 *
 * Until la_dup_prune() or la_dup_end_bulk(), la_dup_get() and
 * la_dup_stats() do not see the keys in the lists. A key first seen on a
 * negative line gets no entry of its own, which matters only for keys
 * seen once, and those la_dup_prune() drops anyway. When la_dup_prune()
 * fails in bulk mode, the index is left partly filled.
 */
void la_dup_bulk(struct la_dup_index *d);

/*
 * Ends bulk mode without pruning, so that la_dup_get() finds every key.
 * Returns 0, or -1 on no memory with the index left partly filled.
 */
int la_dup_end_bulk(struct la_dup_index *d);

/*
 * Drops the keys seen only once and shrinks the table to fit the others,
 * so that looking keys up is cheap once every key is in. After it,
 * la_dup_get() returns NULL for a key seen once, and keys may be added
 * again. Returns 0, or -1 on no memory with the index unchanged.
 */
int la_dup_prune(struct la_dup_index *d);

/*
 * Looks up key. Returns its entry, or NULL if it was never added. The
 * entry of a key seen more than once lives in d and stays valid until the
 * next la_dup_add or la_dup_prune. For a key seen once it is built in
 * *once. Nothing in d changes, so several threads may look keys up in
 * one index at the same time as long as none adds or prunes.
 */
const struct la_dup_entry *la_dup_get(const struct la_dup_index *d,
    const char *key, size_t len, struct la_dup_entry *once);

/* Figures on the index, for tests and measurements. */
struct la_dup_stats {
	size_t keys;		/* distinct keys */
	size_t slots;		/* table capacity */
	size_t repeated;	/* keys seen again or on a negative line */
	size_t text_bytes;	/* key copies and lengths of unpacked keys */
	size_t bytes;		/* memory allocated, in bytes */
	size_t max_probe;	/* longest distance of a key from its home */
};

/* Fills *st with the figures of d, in time proportional to its slots. */
void la_dup_stats(const struct la_dup_index *d, struct la_dup_stats *st);

#endif
