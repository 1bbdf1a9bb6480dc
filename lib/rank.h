/* SPDX-License-Identifier: MIT */
#ifndef LA_RANK_H
#define LA_RANK_H

#include <stddef.h>

#include "datetime.h"
#include "error.h"
#include "record.h"
#include "rules.h"

/*
 * Scoring and selection of la-rank. Records are added one by one and kept
 * in a packed copy, so the input need not stay open. la_ranking_run()
 * ranks the eligible ones within each category and selects them under the
 * quotas. la_ranking_get() then returns each record in output order with
 * score, its parts, rank, selection and selection_reason added.
 *
 * Score: each factor of rules->weights gives points * min(value, cap) /
 * cap, rounded to hundredths; the score is the sum of the rounded parts,
 * so the parts shown always add up to it.
 *
 * Ties are broken by, in turn: higher score, higher assessment_score, more
 * practice_years, earlier submitted_at, and the licence number in byte
 * order; so the order of the input never changes the result.
 */

#define LA_SELECTED "selected"
#define LA_WAITLIST "waitlist"
#define LA_NOT_SELECTED "not_selected"

struct la_rank_entry;

struct la_ranking {
	const struct la_rules *rules;
	struct la_rank_entry *entries;
	size_t n;
	size_t cap;
	char *pack;		/* packed records */
	size_t pack_len;
	size_t pack_cap;
	char **names;		/* interned field names */
	size_t nnames;
	size_t names_cap;
	const char **name_cache;	/* by field position: last name seen */
	size_t *name_cache_index;
	size_t name_cache_len;
	char **problems;	/* quotas or minimums that cannot be met */
	size_t nproblems;
	size_t problems_cap;
	size_t *order;		/* entry indexes in output order */
};

int la_ranking_init(struct la_ranking *rk, const struct la_rules *rules);

/* Copies r into the ranking. Returns 0, or -1 on no memory. */
int la_ranking_add(struct la_ranking *rk, const struct la_record *r,
    struct la_error *err);

/*
 * Scores, ranks and selects. Returns 0, or -1 on no memory. A quota or
 * minimum that cannot be met is not an error: it is described in
 * rk->problems (what is short, by how many, and what would make it
 * feasible).
 */
int la_ranking_run(struct la_ranking *rk, struct la_error *err);

/* The i-th record in output order, into out (reset first). */
int la_ranking_get(const struct la_ranking *rk, size_t i,
    struct la_record *out, struct la_error *err);

/*
 * Fills out, reset first, with the fields that a ranked record of columns
 * h has, in output order, with empty values: the output's header when
 * there is no record to rank. Returns 0, or -1 on no memory.
 */
int la_ranking_shape(const struct la_header *h, struct la_record *out);

void la_ranking_free(struct la_ranking *rk);

#endif
