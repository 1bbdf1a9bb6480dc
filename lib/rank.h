/* SPDX-License-Identifier: MIT */
#ifndef LA_RANK_H
#define LA_RANK_H

#include <stddef.h>

#include "columns.h"
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
struct la_cli;
struct la_cli_columns;

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
	/* Columns of every input: CSV headers, then the records' fields. */
	struct la_column_union columns;
	const char *input;	/* name of the input being added */
};

int la_ranking_init(struct la_ranking *rk, const struct la_rules *rules);

/*
 * Starts adding the records of the input name ("-" for standard input),
 * which must stay until la_ranking_free(). h is its CSV header's columns
 * (la_reader_columns), or NULL for JSON. Returns 0, or -1 on no memory.
 */
int la_ranking_start_input(struct la_ranking *rk, const char *name,
    const struct la_header *h);

/*
 * Copies r, a record of the input started last, into the ranking and
 * adds its fields to rk->columns. Returns 0, or -1 on no memory.
 */
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

/* The name of the input of the i-th record in output order. */
const char *la_ranking_input(const struct la_ranking *rk, size_t i);

/* Nonzero when some input has a column of catalogue id id. */
int la_ranking_has_column(const struct la_ranking *rk, int id);

/*
 * Fixes the CSV columns of the output in cli->write (la_cli_columns_set):
 * every input's columns, then score, its parts, rank, selection and
 * selection_reason. Call it after the last input is added and free c
 * with la_cli_columns_free(). Returns 0, or -1 after printing the error.
 */
int la_ranking_columns_set(const struct la_ranking *rk,
    struct la_cli_columns *c, struct la_cli *cli);

/*
 * Fills out, reset first, with the fields that a ranked record having
 * every input's columns has, with empty values: the output's header when
 * there is no record to rank. Returns 0, or -1 on no memory.
 */
int la_ranking_shape(const struct la_ranking *rk, struct la_record *out);

void la_ranking_free(struct la_ranking *rk);

#endif
