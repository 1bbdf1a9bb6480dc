/* SPDX-License-Identifier: MIT */
#ifndef LA_ROSTER_H
#define LA_ROSTER_H

#include <stddef.h>
#include <stdio.h>

#include "datetime.h"
#include "error.h"
#include "io.h"
#include "record.h"
#include "rules.h"

/*
 * The pool roster (管理台账) that la-roster keeps: one record per member,
 * keyed by license_no, with the roster fields status, term_start,
 * term_end, status_reason and suspended_until beside every field the
 * member came with.
 *
 * Memory: a roster owns its member records and the field names they point
 * to (names are interned with la_roster_intern()), so records outlive the
 * reader that produced them. Functions that fail return -1, fill err and
 * leave the roster as it was unless they say otherwise.
 */

/* Field that fill adds to a member who took a removed member's place. */
#define LA_ROSTER_REPLACES "replaces"

enum la_member_status {
	LA_MEMBER_NONE = 0,	/* not a member, or an unknown word */
	LA_MEMBER_ACTIVE,
	LA_MEMBER_SUSPENDED,	/* 暂停指派: kept in the pool, not assigned */
	LA_MEMBER_REMOVED	/* 出库 */
};

/* "active", "suspended", "removed"; parse returns LA_MEMBER_NONE if none. */
const char *la_member_status_name(enum la_member_status s);
enum la_member_status la_member_status_parse(const char *s);

struct la_roster {
	struct la_record *members;
	size_t nmembers;
	size_t cap;
	char **names;		/* interned field names, owned */
	size_t nnames;
	size_t names_cap;
	enum la_format format;	/* format the roster was read in */
};

void la_roster_init(struct la_roster *r);
void la_roster_free(struct la_roster *r);

/* Empties the members and keeps the interned names. */
void la_roster_clear(struct la_roster *r);

/*
 * Returns a copy of name owned by r; the same text always returns the same
 * pointer. NULL on no memory.
 */
const char *la_roster_intern(struct la_roster *r, const char *name);

/*
 * Reads a roster and checks it: the columns license_no, status,
 * term_start, term_end and status_reason must exist; every member needs a
 * unique, non-empty license_no, a known status and valid dates; a row the
 * reader flagged as malformed is rejected. The first fault fills err with
 * the file, the line and the member. r is cleared first and contains the
 * members read so far on failure.
 */
int la_roster_read(struct la_roster *r, FILE *fp, const char *name,
    const struct la_read_opts *opts, struct la_error *err);

/*
 * Checks the members of r as la_roster_read() does; file is used in
 * messages. Returns 0 or -1.
 */
int la_roster_check(const struct la_roster *r, const char *file,
    struct la_error *err);

/*
 * Writes every member with the same columns, in the order in which they
 * first appear; a member lacking a column gets an empty value. The caller
 * sets the writer options (format, encoding, mask).
 */
int la_roster_write(const struct la_roster *r, FILE *fp, const char *name,
    const struct la_write_opts *opts, struct la_error *err);

/* Index of the member with this license_no, or -1. */
long la_roster_find(const struct la_roster *r, const char *license);

/*
 * Appends a copy of src (names interned). Returns the new member's index
 * or -1 on no memory.
 */
long la_roster_append(struct la_roster *r, const struct la_record *src,
    struct la_error *err);

/*
 * Sets a field of member i, appending it when absent. name is a canonical
 * field name, whose catalogue id is looked up, or an interned name.
 */
int la_roster_set_field(struct la_roster *r, size_t i, const char *name,
    const char *value, struct la_error *err);

/* Replaces member i with a copy of src (names interned). */
int la_roster_replace(struct la_roster *r, size_t i,
    const struct la_record *src, struct la_error *err);

/* Deletes member i; later members move up. */
void la_roster_remove(struct la_roster *r, size_t i);

/* Copies src into r, replacing what r held. */
int la_roster_copy(struct la_roster *dst, const struct la_roster *src,
    struct la_error *err);

/* Field values of a member, "" when absent. */
const char *la_member_get(const struct la_record *m, int id);
const char *la_member_license(const struct la_record *m);
enum la_member_status la_member_status(const struct la_record *m);
enum la_category la_member_category(const struct la_record *m);

/*
 * Nonzero when two members carry the same values, field by field and
 * whatever the column order; a field absent from one counts as empty.
 */
int la_member_equal(const struct la_record *a, const struct la_record *b);

/* Nonzero when both rosters hold equal members, in any order. */
int la_roster_equal(const struct la_roster *a, const struct la_roster *b);

#endif
