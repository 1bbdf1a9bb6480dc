/* SPDX-License-Identifier: MIT */
#ifndef LA_SCHEDULE_H
#define LA_SCHEDULE_H

#include <limits.h>
#include <stddef.h>

#include "catalogue.h"
#include "datetime.h"
#include "error.h"
#include "io.h"
#include "record.h"
#include "roster.h"
#include "rules.h"

/*
 * The pool that la-schedule plans with: one struct la_member per roster
 * record, sorted by licence number so that every tie in the duty rota and
 * the case rotation is broken the same way on every run.
 *
 * Memory: a pool owns every string of its members; la_pool_free() releases
 * them. Members are addressed by their index, which is stable once
 * la_pool_finish() has sorted the pool.
 */

/* A day that is not set (an open term, a suspension without an end). */
#define LA_SCHED_NO_DAY LONG_MIN

struct la_member {
	char *license_no;
	char *name;
	char *unit;			/* practice_unit; "" when not given */
	int unit_id;			/* members of one unit share it; -1 if
					   the unit is not given */
	enum la_category category;
	unsigned services;		/* enum la_service bits it may take */
	int duty;			/* agreed to take duty days */
	enum la_member_status status;
	la_day suspended_until;		/* last day of a suspension, or
					   LA_SCHED_NO_DAY for an open one */
	la_day term_start;		/* LA_SCHED_NO_DAY: not limited */
	la_day term_end;
	double criminal_years;		/* as stated; -1 when not stated */
	la_day criminal_since;		/* LA_SCHED_NO_DAY when not stated */
	long line;			/* roster line, for messages */
};

struct la_pool {
	struct la_member *members;
	size_t n;
	size_t cap;
	char **units;			/* indexed by unit_id */
	size_t nunits;
	size_t nrejected;		/* records reported and left out */
};

void la_pool_init(struct la_pool *pool);
void la_pool_free(struct la_pool *pool);

/*
 * Reads every roster record from rd into the pool, then sorts it. Some
 * records cannot be used: a row the reader reported as malformed, no
 * licence number, a status, date, service or boolean that does not parse,
 * or a licence number seen before. Each is
 * reported through diag with its file, line, field and value, counted in
 * nrejected and left out. Returns 0, or -1 with err filled when the input
 * cannot be read or memory runs out.
 */
int la_pool_read(struct la_pool *pool, struct la_reader *rd,
    const char *file, const struct la_rules *rules,
    const struct la_diag *diag, struct la_error *err);

/*
 * Adds the member that roster record rec describes. Returns 0 when added,
 * 1 when the record was rejected (err contains the reason, LA_ERR_VALUE),
 * or -1 when out of memory. The pool must be sorted with la_pool_finish()
 * before la_pool_find() works.
 */
int la_pool_add(struct la_pool *pool, const struct la_record *rec,
    const char *file, const struct la_rules *rules, struct la_error *err);

/*
 * Sorts the pool by licence number and drops every later record of a
 * licence number seen twice, reporting it through diag. Returns 0, or -1
 * when out of memory.
 */
int la_pool_finish(struct la_pool *pool, const char *file,
    const struct la_diag *diag, struct la_error *err);

/* Index of the member with this licence number, or -1. */
long la_pool_find(const struct la_pool *pool, const char *license_no);

/*
 * Nonzero when m can serve on day: its status is active, or it is
 * suspended and suspended_until is before day, and day lies in its term.
 * Otherwise *why (may be NULL) names the cause: "suspended", "removed",
 * "term not started" or "term ended".
 */
int la_member_active(const struct la_member *m, la_day day,
    const char **why);

/*
 * Years of criminal practice on day: counted from criminal_since when the
 * roster gives it, else criminal_years as stated, else -1.
 */
double la_member_criminal_years(const struct la_member *m, la_day day);

/*
 * Copies value, trimmed, into buf (cut to size - 1 bytes) and returns buf;
 * NULL when value is NULL or empty after trimming.
 */
const char *la_schedule_trim(const char *value, char *buf, size_t size);

/*
 * The value of the field of rec whose name, trimmed, equals one of names
 * (ASCII letters in any case), or NULL. For fields of la-schedule's own
 * files, which the field catalogue does not know.
 */
const char *la_schedule_field(const struct la_record *rec,
    const char *const *names);

/*
 * Absences: days on which a member can neither serve on duty nor take a
 * case (leave, training, travel). Owns its reason strings.
 */
struct la_absence {
	long member;			/* pool index */
	la_day from;			/* first day */
	la_day to;			/* last day */
	char *reason;			/* NULL when not given */
};

struct la_absences {
	struct la_absence *items;	/* by member and day once indexed */
	size_t n;
	size_t cap;
	size_t *first;			/* [member]: its first absence */
	size_t nmembers;
};

void la_absences_init(struct la_absences *a);
void la_absences_free(struct la_absences *a);

/* Adds an absence; reason is copied. Returns 0 or -1 on no memory. */
int la_absences_add(struct la_absences *a, long member, la_day from,
    la_day to, const char *reason);

/*
 * Reads records of license_no, from, to (dates, both included; to defaults
 * to from) and reason. A record that does not parse is an error naming
 * file, line, field and value (returns -1 with err filled), because
 * scheduling a member who is away is worse than stopping. A licence number
 * not in the pool is reported through diag and skipped.
 */
int la_absences_read(struct la_absences *a, const struct la_pool *pool,
    struct la_reader *rd, const char *file, const struct la_diag *diag,
    struct la_error *err);

/*
 * Sorts the absences by member and indexes them for la_absences_cover().
 * Returns 0 or -1 on no memory.
 */
int la_absences_index(struct la_absences *a, size_t nmembers);

/* Nonzero when member is absent on day; a must be indexed. */
int la_absences_cover(const struct la_absences *a, long member, la_day day);

#endif
