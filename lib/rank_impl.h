/* SPDX-License-Identifier: MIT */
#ifndef LA_RANK_IMPL_H
#define LA_RANK_IMPL_H

#include "catalogue.h"
#include "rank.h"

/* One record's sort keys and outcome; private to rank*.c. */
struct la_rank_entry {
	size_t offset;		/* of the packed record in rk->pack */
	const char *input;	/* name of the input */
	long line;
	enum la_category category;
	int eligible;
	int criminal;		/* eligible for criminal defence */
	long parts[LA_SCORE_NFACTORS];	/* hundredths of a point */
	long score;		/* hundredths of a point */
	double assessment;
	double years;
	la_time submitted;	/* LLONG_MAX when unknown */
	size_t license;		/* offsets into rk->pack, NUL-terminated */
	size_t unit;
	int rank;		/* 1-based within category; 0 if unranked */
	const char *selection;
	char reason[256];
};

/* Names of the score parts, in the order of rules->weights. */
extern const char *const rank_part_names[LA_SCORE_NFACTORS];

/* Fills e's keys and score from r. */
void rank_score(const struct la_ranking *rk, struct la_rank_entry *e,
    const struct la_record *r);

/* Adds a problem message. Returns 0, or -1 on no memory. */
int rank_problem(struct la_ranking *rk, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

struct la_dup_index;

/*
 * Ranks and selects the entries of one category; units counts the members
 * selected per practice unit across categories.
 */
int rank_select(struct la_ranking *rk, enum la_category category,
    struct la_dup_index *units);

#endif
